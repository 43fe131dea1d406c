"""`lsp-heal demo`: the whole loop on a broken sample project, offline, in seconds."""

from __future__ import annotations

import argparse


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "demo", help="show the whole detect → recover → rollback loop on a sample project")
    parser.add_argument("--json", action="store_true", help="print the steps as JSON")
    parser.add_argument("--keep", action="store_true", help="keep the temp folder afterwards")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from lsp_heal import demo

    return demo.run(as_json=args.json, keep=args.keep)
