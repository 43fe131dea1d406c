"""`lsp-heal recover`: read a failure's output, print the fixes best first; `--apply` one.

Planning only reads the workspace (no network, no writes outside $LSP_HEAL_HOME). With
`--apply` the best plan is applied through the journal after consent: `--yes`, a y on a
TTY, or a trusted workspace; without a TTY and without `--yes` nothing is applied.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from lsp_heal.commands import UsageError, print_json, print_table

MAX_INPUT = 64 << 20


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "recover", help="propose fixes for a failure's output, best first (--apply one)")
    parser.add_argument("text", nargs="?", metavar="ERROR_TEXT",
                        help="the error output ('-' reads stdin)")
    parser.add_argument("--from", dest="source", metavar="FILE", help="read the output from FILE")
    parser.add_argument("--command", help="the command that failed (decides reruns, tools)")
    parser.add_argument("--cwd", help="where the command ran (default: here)")
    parser.add_argument("--apply", action="store_true", help="apply the best plan")
    parser.add_argument("--yes", action="store_true", help="apply without asking")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.set_defaults(run=run)


def _read_input(args: argparse.Namespace) -> bytes:
    if args.source and args.text:
        raise UsageError("recover: give ERROR_TEXT or --from FILE, not both")
    if args.source:
        try:
            with open(args.source, "rb") as stream:
                return stream.read(MAX_INPUT)
        except OSError as exc:
            raise UsageError(f"recover: cannot read {args.source}: {exc.strerror or exc}") from None
    if args.text in (None, "-"):
        if sys.stdin.isatty():
            raise UsageError("recover: give ERROR_TEXT, --from FILE, or pipe the output in")
        return sys.stdin.buffer.read(MAX_INPUT)
    return args.text.encode("utf-8", "replace")


def run(args: argparse.Namespace) -> int:
    cwd = Path(args.cwd or ".").resolve()
    if not cwd.is_dir():
        raise UsageError(f"recover: --cwd {args.cwd}: not a directory")
    data = _read_input(args)
    from lsp_heal.commands.run import workspace_root
    from lsp_heal.detect import detect
    from lsp_heal.recover.context import Context
    from lsp_heal.recover.planner import plan

    ctx = Context.for_workspace(workspace_root(cwd), command=args.command, cwd=cwd)
    plans = plan(detect(data, args.command), ctx)
    report: dict = {"plans": [p.to_json() for p in plans]}
    status = 0
    if args.apply:
        report["applied"], status = _apply_best(plans, ctx, args.yes)
    if args.json:
        print_json(report)
    else:
        _show(plans, report.get("applied"))
    return status


def _apply_best(plans: list, ctx, assume_yes: bool) -> tuple[dict | None, int]:
    if not plans:
        return None, 1
    from lsp_heal.recover.consent import terminal_confirm
    from lsp_heal.recover.executor import apply_plan

    applied = apply_plan(plans[0], ctx, confirm=terminal_confirm(assume_yes))
    return applied.to_json(), 0 if applied.success else 1


def _show(plans: list, applied: dict | None) -> None:
    if not plans:
        print("no fix to propose")
        return
    print_table(("CONFIDENCE", "STRATEGY", "PLAN"),
                [(f"{p.confidence:.2f}", p.strategy, p.title) for p in plans])
    if applied is not None:
        verdict = "applied" if applied["success"] else "not applied"
        print(f"\n{verdict}: {applied['detail']}" + (f" (id {applied['id']})" if applied["id"]
                                                      else ""))
