"""The engine's recovery path, seen from the server: plan in a worker, apply with consent.

Planning only reads files (the planner's promise), so code actions may wait for it. Applying
runs in a worker under `$/progress`; whatever installs or runs something goes through
`consent.allowed`, whose question is put to the user as `window/showMessageRequest` unless
the workspace is trusted.
"""

from __future__ import annotations

import asyncio
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lsp_heal.server.prompts import ask

if TYPE_CHECKING:
    from lsp_heal.model import ErrorEvent, Plan
    from lsp_heal.server.server import HealServer

YES, NO = "Apply", "Cancel"


def plan_events(root: Path, events: list[ErrorEvent], command: str | None = None,
                cwd: str | None = None) -> list[Plan]:
    """The planner's plans for the events, best first (call it in a worker)."""
    from lsp_heal.recover.planner import plan

    return plan(events, context(root, command, cwd or None))


async def for_events(server: HealServer, events: list[ErrorEvent], command: str | None = None,
                     cwd: str | None = None, root: Path | None = None) -> list[Plan]:
    """Plans for the events; `root` stands in when the client named no workspace."""
    root = server.root or root or (Path(cwd) if cwd else Path.cwd())
    return await server.run_in_worker(plan_events, root, events, command, cwd)


def describe(plan: Plan) -> str:
    steps = "; ".join(f"{a.kind} {' '.join(str(v) for v in a.params.values())}"
                      for a in plan.actions)
    return f"{plan.title} ({steps})"


async def apply(server: HealServer, plan: Plan, cwd: str | None, *, consented: bool,
                command: str | None = None, event: ErrorEvent | None = None) -> Any:
    """Apply a plan in a worker; the executor asks (through the client) when it must.

    Where the editor distrusts the workspace, a plan that installs or runs is refused
    unasked, and an edit is not verified by rerunning the workspace's command."""
    from lsp_heal.recover.consent import runs_something
    from lsp_heal.recover.context import Context
    from lsp_heal.recover.executor import REFUSED, Applied, apply_plan
    from lsp_heal.server.server import EDITOR_DISTRUST, Consent

    if await server.consent() is Consent.REFUSED:
        if runs_something(plan):
            return Applied(None, False, False, f"not applied: {EDITOR_DISTRUST}", REFUSED)
        command = None
    loop = asyncio.get_running_loop()

    def confirm(asked: Plan) -> bool:  # called by the executor, in the worker
        if consented:
            return True
        question = ask(server, f"lsp-heal wants to: {describe(asked)}", [YES, NO])
        return asyncio.run_coroutine_threadsafe(question, loop).result() == YES

    def run() -> Any:
        ctx = Context.for_workspace(server.root or Path(cwd or Path.cwd()), command, cwd)
        return apply_plan(plan, ctx, confirm=confirm, event=event)

    return await server.run_in_worker(run)


@lru_cache(maxsize=64)
def context(root: Path, command: str | None = None, cwd: str | None = None) -> Any:
    """The planner's view of a workspace, kept while its config stays the same."""
    from lsp_heal.recover.context import Context

    return Context.for_workspace(root, command=command, cwd=cwd)


def event_from_json(data: dict[str, Any]) -> ErrorEvent:
    """An event as `ErrorEvent.to_json` wrote it (into a diagnostic's data)."""
    from lsp_heal.model import Category, ErrorEvent, Location, Rank, Severity

    where = data.get("location")
    return ErrorEvent(Category(data["category"]), Severity(data["severity"]), data["tool"],
                      data["message"], data.get("subject"),
                      Location(where["path"], where.get("line"), where.get("column"))
                      if where else None, Rank(data.get("rank", Rank.ERROR)),
                      details=data.get("details") or {})


def plan_from_json(data: Any) -> Plan:
    """A plan as `Plan.to_json` wrote it; ValueError says what is wrong with it."""
    from lsp_heal.model import Action, Plan

    if not isinstance(data, dict) or not isinstance(data.get("actions"), list) \
            or not data["actions"]:
        raise ValueError("a plan is an object with a non-empty 'actions' list")
    actions = []
    for raw in data["actions"]:
        if not isinstance(raw, dict) or not isinstance(raw.get("kind"), str):
            raise ValueError("each action is an object with a 'kind'")
        params = {k: v for k, v in raw.items() if k != "kind"}
        actions.append(Action(raw["kind"], params))
    confidence = data.get("confidence", 0.0)
    if not isinstance(confidence, (int, float)):
        raise ValueError("'confidence' must be a number")
    return Plan(str(data.get("strategy", "manual")), str(data.get("title", "a plan")),
                float(confidence), actions, str(data.get("source", "rule")))
