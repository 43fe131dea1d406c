"""The `lsp-heal` command: a thin face that turns arguments into engine calls.

Every command that prints data takes `--json`. Mistakes in the command's own input are one
line on stderr and exit status 2; nothing here prints a traceback for bad input.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import Any, NoReturn

from lsp_heal import __version__


class UsageError(Exception):
    """Bad input to the CLI itself: reported on one line, exit status 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(message)


def _print_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def _classify(args: argparse.Namespace) -> int:
    from lsp_heal.detect import detect_stream

    source = args.file
    if source in (None, "-"):
        if source is None and sys.stdin.isatty():
            raise UsageError("classify: give a FILE, or pipe the output in ('-' reads stdin)")
        events = detect_stream(sys.stdin.buffer, args.command, args.exit_code)
    else:
        try:
            with open(source, "rb") as stream:
                events = detect_stream(stream, args.command, args.exit_code)
        except OSError as exc:
            raise UsageError(f"classify: cannot read {source}: {exc.strerror or exc}") from None
    if args.json:
        _print_json({"errors": [event.to_json() for event in events]})
    elif not events:
        print("no errors found")
    else:
        rows = [
            (
                e.category.value,
                e.severity.value,
                e.tool,
                str(e.location) if e.location else "-",
                e.subject or "-",
                e.message if len(e.message) <= 100 else e.message[:99] + "…",
            )
            for e in events
        ]
        header = ("CATEGORY", "SEVERITY", "TOOL", "LOCATION", "SUBJECT", "MESSAGE")
        widths = [max(len(row[i]) for row in [header, *rows]) for i in range(5)]
        for row in [header, *rows]:
            print("  ".join(cell.ljust(w) for cell, w in zip(row, widths)) + "  " + row[5])
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="lsp-heal",
        description="Detect, recover from and learn from failing commands, tests and builds.",
    )
    parser.add_argument("--version", action="version", version=f"lsp-heal {__version__}")
    commands = parser.add_subparsers(dest="name", metavar="COMMAND", parser_class=_Parser)
    commands.required = True

    classify = commands.add_parser(
        "classify", help="read a tool's output and print the errors found, root cause first"
    )
    classify.add_argument("file", nargs="?", metavar="FILE", help="the output; '-' for stdin")
    classify.add_argument("--command", help="the command that printed it (helps the reading)")
    classify.add_argument("--exit-code", type=int, help="its exit status (0: nothing fatal)")
    classify.add_argument("--json", action="store_true", help="print JSON")
    classify.set_defaults(run=_classify)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
        return args.run(args)
    except UsageError as exc:
        print(f"lsp-heal: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
