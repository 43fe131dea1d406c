"""`lsp-heal rollback [ID | --last]`: undo an applied recovery from the journal.

It refuses, naming the file and the reason, when a file changed after the fix: a rollback
never overwrites the user's work.
"""

from __future__ import annotations

import argparse
import sys

from lsp_heal.commands import UsageError, print_json


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("rollback", help="undo an applied recovery (the last by default)")
    target = parser.add_mutually_exclusive_group()
    target.add_argument("id", nargs="?", metavar="ID", help="a journal id (see `history`)")
    target.add_argument("--last", action="store_true", help="the newest applied recovery")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from lsp_heal.recover.executor import rollback
    from lsp_heal.recover.journal import JournalError

    try:
        result = rollback(args.id)
    except JournalError as exc:
        raise UsageError(f"rollback: {exc}") from None
    if args.json:
        print_json(result.to_json())
    elif result.restored:
        print(f"{result.id}: {result.detail}")
    if not result.restored:
        print(f"lsp-heal: rollback of {result.id} {result.detail}", file=sys.stderr)
        return 1
    return 0
