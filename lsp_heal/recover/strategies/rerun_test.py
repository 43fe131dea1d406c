"""rerun-test: run only the failing test, several times, to tell flaky from broken.

The test runner's own selector picks the one test (pytest node ids, unittest ids, jest/vitest
`-t`, mocha `--grep`, node:test `--test-name-pattern`, `cargo test NAME -- --exact`,
`go test -run '^Name$'`); titles become anchored, escaped patterns so that a test's name
cannot widen the selection or pass for an option. A test that passes on a rerun is flaky,
never fixed: the executor records it so (mode "flaky").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from lsp_heal.model import Action, Category, ErrorEvent, Plan
from lsp_heal.recover.context import Context
from lsp_heal.recover.strategies import make_plan

ATTEMPTS = 3
_JS_SPECIAL = re.compile(r"[.*+?^${}()|[\]\\/]")


def _js_pattern(title: str) -> str:
    return "^" + _JS_SPECIAL.sub(lambda m: "\\" + m[0], title) + "$"


def _launcher(ctx: Context, tool: str, fallback: list[str]) -> list[str]:
    """The command's own way of starting the runner (`uv run pytest`, `npx jest`), if any."""
    argv = ctx.argv
    for i, arg in enumerate(argv):
        if Path(arg).name == tool or arg == tool:
            return argv[: i + 1]
    return fallback


def rerun_argv(event: ErrorEvent, ctx: Context) -> list[str] | None:
    test = event.subject or ""
    if not test or test.startswith("-"):
        return None
    python = ctx.python or "python3"
    match event.tool:
        case "pytest":
            launcher = _launcher(ctx, "pytest", [python, "-m", "pytest"])
            if Path(launcher[0]).name.startswith("python"):  # the interpreter that failed
                launcher = [python, *launcher[1:]]
            return [*launcher, test]
        case "unittest":
            return [python, "-m", "unittest", test] if "__main__" not in test else None
        case "jest" | "vitest":
            title = test.replace(" › ", " ").replace(" > ", " ")
            return [*_launcher(ctx, event.tool, ["npx", event.tool]), "-t", _js_pattern(title)]
        case "mocha":
            return [*_launcher(ctx, "mocha", ["npx", "mocha"]), "--grep", _js_pattern(test)]
        case "node:test":
            return ["node", "--test", "--test-name-pattern", _js_pattern(test)]
        case "cargo":
            return ["cargo", "test", test, "--", "--exact"]
        case "go":
            pattern = "/".join(f"^{re.escape(part)}$" for part in test.split("/"))
            return ["go", "test", "-run", pattern, "./..."]
    return None


class RerunTest:
    name = "rerun-test"
    config_name = "test"

    def plans(self, event: ErrorEvent, ctx: Context) -> Iterator[Plan]:
        if event.category is not Category.TEST or "fixture '" in event.message:
            return
        argv = rerun_argv(event, ctx)
        if argv is None:
            return
        timeout = bool(event.details.get("timeout")) or "timeout" in event.message.lower() \
            or "timed out" in event.message.lower()
        yield make_plan(event, "rerun-test",
                        f"Rerun {event.subject} {ATTEMPTS} times: passing on a rerun means "
                        "flaky, failing every time means broken", 0.6 if timeout else 0.45,
                        Action("rerun", {"command": argv, "cwd": str(ctx.cwd),
                                         "max_attempts": ATTEMPTS, "backoff": None,
                                         "mode": "flaky"}))
