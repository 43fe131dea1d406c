"""`lsp-heal history`: the journal of applied recoveries, newest first."""

from __future__ import annotations

import argparse
import time

from lsp_heal.commands import print_json, print_table


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("history", help="list applied recoveries, newest first")
    parser.add_argument("--limit", type=int, default=50, help="at most this many (default 50)")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from lsp_heal.recover.journal import Journal

    with Journal() as journal:
        entries = journal.entries(max(args.limit, 0))
    if args.json:
        print_json({"history": [entry.to_json() for entry in entries]})
    elif not entries:
        print("no recovery applied yet")
    else:
        print_table(
            ("ID", "WHEN", "STATE", "OUTCOME", "STRATEGY", "TITLE"),
            [(e.id, time.strftime("%Y-%m-%d %H:%M", time.localtime(e.started)), e.state,
              e.outcome or "-", e.strategy, e.title) for e in entries],
        )
    return 0
