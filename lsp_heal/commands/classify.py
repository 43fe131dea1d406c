"""`lsp-heal classify`: read a tool's output, print the errors found, root cause first."""

from __future__ import annotations

import argparse
import os
import sys

from lsp_heal.commands import UsageError, print_json, print_table


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "classify", help="read a tool's output and print the errors found, root cause first"
    )
    parser.add_argument("file", nargs="?", metavar="FILE", help="the output; '-' for stdin")
    parser.add_argument("--command", help="the command that printed it (helps the reading)")
    parser.add_argument("--exit-code", type=int, help="its exit status (0: nothing fatal)")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from lsp_heal.detect import detect_stream

    workers = min(4, os.cpu_count() or 1)  # large logs only: small ones never start a worker

    source = args.file
    if source in (None, "-"):
        if source is None and sys.stdin.isatty():
            raise UsageError("classify: give a FILE, or pipe the output in ('-' reads stdin)")
        events = detect_stream(sys.stdin.buffer, args.command, args.exit_code, workers)
    else:
        try:
            with open(source, "rb") as stream:
                events = detect_stream(stream, args.command, args.exit_code, workers)
        except OSError as exc:
            raise UsageError(f"classify: cannot read {source}: {exc.strerror or exc}") from None
    if args.json:
        print_json({"errors": [event.to_json() for event in events]})
    elif not events:
        print("no errors found")
    else:
        print_table(
            ("CATEGORY", "SEVERITY", "TOOL", "LOCATION", "SUBJECT", "MESSAGE"),
            [
                (
                    e.category.value,
                    e.severity.value,
                    e.tool,
                    str(e.location) if e.location else "-",
                    e.subject or "-",
                    e.message if len(e.message) <= 100 else e.message[:99] + "…",
                )
                for e in events
            ],
        )
    return 0
