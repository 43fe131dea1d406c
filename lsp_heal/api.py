"""The Python API: the engine's `detect → plan → apply → learn` path for programs and hooks.

Thin functions over the same engine the CLI and the language server call — no second code
path: `classify` is `detect`, `plan` is the planner in the failure's workspace, applying goes
through the executor's consent rule and journal, `rollback` is the executor's. An exception
is read as CPython prints it (type, message, traceback), so a `ModuleNotFoundError` gives the
module and the frame exactly as the same crash in a terminal would.

Every function may be called from several threads at once (the language server calls the
engine from its workers): the only state is the strategy and hook registries, both locked.
"""

from __future__ import annotations

import os
import sys
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any

from learner import PatternLearner
from lsp_heal.hooks import HookCall, register_hook, trigger_hook
from lsp_heal.model import ErrorEvent, Plan
from lsp_heal.recover.consent import Confirm
from lsp_heal.recover.context import Context
from lsp_heal.recover.executor import Applied, RollbackResult
from lsp_heal.recover.strategies import Strategy

__all__ = [
    "HookCall",
    "PatternLearner",
    "Recovery",
    "classify",
    "install_excepthook",
    "plan",
    "recover_from_error",
    "register_hook",
    "register_recovery_strategy",
    "rollback",
    "trigger_hook",
]

ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], Any]


@dataclass
class Recovery:
    """What `recover_from_error` found and did: the errors, the fixes best first, the apply."""

    events: list[ErrorEvent]
    plans: list[Plan]
    #: The executor's report when a plan was applied (or refused, or declined); else None.
    applied: Applied | None = None
    #: The output that was read (the formatted traceback, for an exception).
    text: str = field(default="", repr=False)

    @property
    def best(self) -> Plan | None:
        return self.plans[0] if self.plans else None

    @property
    def journal_id(self) -> str | None:
        """The journal entry of the applied fix: what `rollback` takes to undo it."""
        return self.applied.id if self.applied else None

    def to_json(self) -> dict[str, Any]:
        """The `recover --json` shape, with the errors read."""
        return {"errors": [e.to_json() for e in self.events],
                "plans": [p.to_json() for p in self.plans],
                "applied": self.applied.to_json() if self.applied else None}


def error_text(error: BaseException | str) -> str:
    """A text as is; an exception as CPython prints it when it is not caught."""
    if isinstance(error, str):
        return error
    return "".join(traceback.format_exception(type(error), error, error.__traceback__))


def classify(text: str | bytes, *, command: str | None = None,
             exit_code: int | None = None) -> list[ErrorEvent]:
    """The errors in a tool's output, root cause first (`lsp-heal classify`)."""
    from lsp_heal.detect import detect

    return detect(text, command, exit_code)


def _context(cwd: str | Path | None, command: str | None,
             env: dict[str, str] | None = None) -> Context:
    from lsp_heal.commands.run import workspace_root

    folder = Path(cwd or Path.cwd()).resolve()
    if not folder.is_dir():
        raise ValueError(f"cwd {str(cwd)!r} is not a directory")
    return Context.for_workspace(workspace_root(folder), command=command, cwd=folder, env=env)


def _this_interpreter() -> dict[str, str]:
    """The environment that names this process's venv as the one that failed.

    An exception raised here happened in this interpreter, not in whichever `python3` is
    first on PATH; outside a venv there is nothing to add (a system Python is never
    installed into, and the planner says so).
    """
    env = dict(os.environ)
    if sys.prefix != sys.base_prefix:
        env["VIRTUAL_ENV"] = sys.prefix
    return env


def _plan(events: list[ErrorEvent], ctx: Context) -> list[Plan]:
    from lsp_heal.recover.planner import plan as planner_plan

    return planner_plan(events, ctx)


def plan(event: ErrorEvent | list[ErrorEvent], *, cwd: str | Path | None = None,
         command: str | None = None) -> list[Plan]:
    """The fixes for one event (or a failure's events), best first; nothing is changed.

    `cwd` is where the failure happened (default: here); its workspace (the git work tree or
    `.lsp_heal` folder above it) decides the config, the package manager and the interpreter.
    """
    events = [event] if isinstance(event, ErrorEvent) else list(event)
    return _plan(events, _context(cwd, command))


def _decline(asked: Plan) -> bool:
    return False


def recover_from_error(error: BaseException | str, *, command: str | None = None,
                       cwd: str | Path | None = None, apply: bool = False,
                       confirm: Confirm | None = None) -> Recovery:
    """Read an exception (or a tool's output), plan its fixes, and apply the best on request.

    With `apply=True` the best plan goes through the executor: `confirm(plan)` is asked for
    anything that installs or runs something (unless the workspace is trusted); without
    `confirm` those are declined. Every change is journaled: `rollback(r.journal_id)` undoes
    it. In-process hooks see "on-error" (events found) and "on-recovery" (a plan applied).
    """
    text = error_text(error)
    in_process = isinstance(error, BaseException) and command is None
    ctx = _context(cwd, command, _this_interpreter() if in_process else None)
    events = classify(text, command=command)
    plans = _plan(events, ctx)
    recovery = Recovery(events, plans, text=text)
    if events:
        trigger_hook("on-error", {"events": events, "plans": plans, "command": command,
                                  "cwd": str(ctx.cwd)})
    if apply and plans:
        from lsp_heal.recover.executor import apply_plan

        recovery.applied = apply_plan(plans[0], ctx, confirm=confirm or _decline)
        if recovery.applied.success:
            trigger_hook("on-recovery", {"plan": plans[0], "applied": recovery.applied,
                                         "journal_id": recovery.applied.id})
    return recovery


def rollback(journal_id: str | None = None) -> RollbackResult:
    """Undo an applied fix (the newest when `journal_id` is None); `restored` says if it was.

    Raises `lsp_heal.recover.journal.JournalError` for an unknown or already undone id.
    """
    from lsp_heal.recover.executor import rollback as executor_rollback

    return executor_rollback(journal_id)


def register_recovery_strategy(name: str, strategy: Strategy) -> None:
    """Add a strategy in this process, as the entry-point group `lsp_heal.strategies` would.

    The strategy has `name`, `config_name` and `plans(event, ctx)` returning Plans; it is
    asked about every event from now on, like the built-ins.
    """
    if not isinstance(strategy, Strategy):
        raise TypeError(f"{name}: a strategy needs name, config_name and plans(event, ctx)")
    from lsp_heal.recover.strategies import register

    register(name, strategy)


def _describe(error: BaseException) -> list[str]:
    """What the excepthook prints: the errors read and the best fix (never applied)."""
    recovery = recover_from_error(error)
    if not recovery.events:
        return ["lsp-heal: no known error in this traceback"]
    lines = []
    for event in recovery.events[:3]:
        subject = f" [{event.subject}]" if event.subject else ""
        lines.append(f"lsp-heal: {event.category.value}/{event.severity.value}{subject}: "
                     f"{event.message}")
    best = recovery.best
    if best is None:
        lines.append("lsp-heal: no fix to propose")
    else:
        steps = "; ".join(f"{a.kind} {' '.join(map(str, a.params.values()))}"
                          for a in best.actions)
        lines.append(f"lsp-heal: best fix ({best.confidence:.2f}): {best.title} — {steps}")
        lines.append("lsp-heal: not applied; `lsp-heal recover --apply` applies it")
    return lines


_excepthook_lock = threading.Lock()


def install_excepthook() -> ExceptHook:
    """Opt in: on an uncaught exception, print its reading and best fix, then the traceback.

    Nothing is ever applied. The previous `sys.excepthook` still runs (it prints the
    traceback); installing twice keeps one. Returns the hook now installed.
    """
    with _excepthook_lock:
        current: ExceptHook = sys.excepthook
        if getattr(current, "lsp_heal", False):
            return current
        previous = current

        def hook(kind: type[BaseException], error: BaseException,
                 tb: TracebackType | None) -> Any:
            try:
                if not isinstance(error, KeyboardInterrupt):
                    error.__traceback__ = error.__traceback__ or tb
                    print("\n".join(_describe(error)), file=sys.stderr)
            except Exception as exc:  # noqa: BLE001 - the user's traceback must still print
                print(f"lsp-heal: could not read this error: {exc}", file=sys.stderr)
            return previous(kind, error, tb)

        setattr(hook, "lsp_heal", True)
        sys.excepthook = hook
        return hook

