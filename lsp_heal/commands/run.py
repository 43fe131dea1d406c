"""`lsp-heal run -- CMD ARGS...`: run a command; when it fails, detect, plan, apply, rerun.

The command's output streams live (to stderr with --json, so that stdout stays JSON) while it
is captured for detection. Without --apply the best plans are only shown. With --apply the
best plan is applied after consent (--yes, or y on a TTY, or a trusted workspace), then the
command is rerun, up to `fallback.maxRetries` times. The exit status is the last run's.
"""

from __future__ import annotations

import argparse
import shlex
import sys
from pathlib import Path
from typing import Any

from lsp_heal.commands import UsageError, print_json

SHOWN_PLANS = 3


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "run", help="run a command; on failure detect, recover and rerun",
        description="Run CMD; when it fails, read its output, propose a fix and (with --apply) "
                    "apply it and rerun.",
    )
    parser.add_argument("--apply", action="store_true", help="apply the best fix and rerun")
    parser.add_argument("--yes", action="store_true", help="apply without asking")
    parser.add_argument("--json", action="store_true",
                        help="print the attempts as JSON (the command's output goes to stderr)")
    parser.add_argument("command", nargs=argparse.REMAINDER, metavar="-- CMD ARGS...")
    parser.set_defaults(run=run)


def workspace_root(cwd: Path) -> Path:
    """The nearest folder up from `cwd` that is a git work tree or has a hooks config."""
    for folder in (cwd, *cwd.parents):
        if (folder / ".git").exists() or (folder / ".lsp_heal").is_dir():
            return folder
    return cwd


def run(args: argparse.Namespace) -> int:
    argv = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not argv:
        raise UsageError("run: give the command after --, e.g. lsp-heal run -- pytest -x")
    from lsp_heal.recover.context import Context

    cwd = Path.cwd()
    ctx = Context.for_workspace(workspace_root(cwd), command=shlex.join(argv), cwd=cwd)
    report = heal(argv, ctx, apply=args.apply, assume_yes=args.yes,
                  echo=sys.stderr if args.json else sys.stdout)
    if args.json:
        print_json(report)
    return report["exit_code"] if report["exit_code"] is not None else 127


def heal(argv: list[str], ctx: Any, *, apply: bool, assume_yes: bool, echo: Any) -> dict:
    """The run-detect-plan-apply-rerun loop; returns the `run --json` report."""
    from lsp_heal.recover.consent import terminal_confirm
    from lsp_heal.recover.executor import apply_plan
    from lsp_heal.recover.planner import plan
    from lsp_heal.recover.verify import events_of, run_command

    retries = int(ctx.config.get("fallback.maxRetries")) if ctx.config.get(
        "fallback.enabled") else 0
    confirm = terminal_confirm(assume_yes)
    result = run_command(argv, ctx.cwd, ctx.env, echo=echo)
    attempts: list[dict[str, Any]] = []
    tried: set[str] = set()
    healed = flaky = False
    while not result.ok:
        events = events_of(result, ctx.command)
        plans = [p for p in plan(events, ctx) if _key(p) not in tried]
        attempt: dict[str, Any] = {"exit_code": result.exit_code,
                                   "errors": [e.to_json() for e in events],
                                   "plan": plans[0].to_json() if plans else None}
        attempts.append(attempt)
        if not plans:
            _say(f"no fix known for: {events[0].message}" if events else "no error recognised")
            break
        if not apply:
            _show(plans)
            break
        if len(tried) >= retries:
            _say(f"gave up after {retries} fix(es) (fallback.maxRetries)")
            break
        best = plans[0]
        tried.add(_key(best))
        _say(f"applying: {best.title}")
        applied = apply_plan(best, ctx, confirm=confirm)
        attempt["applied"] = applied.to_json()
        _say(f"{applied.outcome}: {applied.detail}" + (f" (journal {applied.id})"
                                                       if applied.id else ""))
        if not applied.success:
            break
        flaky = flaky or applied.flaky
        if applied.rerun is not None:  # the verification reran the command: show its output
            echo.write(applied.rerun.output)
            echo.flush()
        result = applied.rerun or run_command(argv, ctx.cwd, ctx.env, echo=echo)
        healed = result.ok and not flaky
    if result.ok and attempts:
        attempts.append({"exit_code": 0, **({"flaky": True} if flaky else {})})
        _say("the command passes now" + (" (a flaky test: rerun, not fixed)" if flaky else ""))
    return {"exit_code": result.exit_code, "healed": healed, "flaky": flaky,
            "attempts": attempts}


def _key(plan: Any) -> str:
    import json

    return json.dumps([a.to_json() for a in plan.actions], sort_keys=True, default=str)


def _say(message: str) -> None:
    print(f"lsp-heal: {message}", file=sys.stderr, flush=True)


def _show(plans: list[Any]) -> None:
    _say("the command failed; proposed fixes, best first (rerun with --apply to apply):")
    for candidate in plans[:SHOWN_PLANS]:
        print(f"  {candidate.confidence:.2f}  {candidate.title}", file=sys.stderr)
