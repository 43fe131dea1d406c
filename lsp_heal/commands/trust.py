"""`lsp-heal trust [DIR]`: let fixes that install or run commands apply there without asking.

The list is kept in the user's data ($LSP_HEAL_HOME/trust.json), never in the workspace: a
cloned repository cannot trust itself.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from lsp_heal.commands import UsageError, print_json


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("trust", help="trust a workspace (installs/commands without asking)")
    parser.add_argument("dir", nargs="?", default=".", metavar="DIR", help="default: here")
    parser.add_argument("--remove", action="store_true", help="stop trusting DIR")
    parser.add_argument("--list", action="store_true", help="list the trusted workspaces")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from lsp_heal.recover.consent import set_trusted, trusted_workspaces

    if args.list:
        trusted = trusted_workspaces()
    else:
        if not Path(args.dir).is_dir():
            raise UsageError(f"trust: {args.dir} is not a directory")
        trusted = set_trusted(Path(args.dir), not args.remove)
    if args.json:
        print_json({"trusted": [str(p) for p in trusted]})
    else:
        print("\n".join(map(str, trusted)) or "no trusted workspace")
    return 0
