"""Apply a plan through the journal, verify it, roll it back by itself when it did not work.

`apply_plan` asks for consent (consent.py), checks every action before doing anything, opens
a journal entry, then runs the actions in order (actions.py says what each kind does and how
it is undone). It then verifies: a `rerun` action is its own verification; otherwise the
command that failed is rerun (when known) and every edited file reparsed. On failure every
journaled change is undone. The outcome goes to the pattern learner when it is installed.
"""

from __future__ import annotations

import logging
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lsp_heal.model import ErrorEvent, Plan
from lsp_heal.recover import consent
from lsp_heal.recover.actions import ActionError, Step, check_action, perform
from lsp_heal.recover.context import Context
from lsp_heal.recover.journal import (
    APPLIED,
    APPLYING,
    ROLLED_BACK,
    Conflict,
    Journal,
    JournalError,
    conflict,
    restore,
)
from lsp_heal.recover.verify import (
    BROKEN,
    FIXED,
    FLAKY,
    CommandResult,
    reparse_problem,
    run_command,
    still_failing,
)

#: Outcomes besides the rerun verdicts: nothing done (declined, refused) or undone (failed).
DECLINED, REFUSED, FAILED = "declined", "refused", "failed"


@dataclass
class Applied:
    """What applying a plan did. `id` is the journal entry (None when nothing was applied)."""

    id: str | None
    success: bool
    verified: bool
    detail: str
    outcome: str = FAILED
    duration_s: float = 0.0
    rolled_back: bool = False
    #: The verification's rerun of the failing command, when there was one.
    rerun: CommandResult | None = field(default=None, repr=False)

    @property
    def flaky(self) -> bool:
        return self.outcome == FLAKY

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "success": self.success,
            "verified": self.verified,
            "outcome": self.outcome,
            "flaky": self.flaky,
            "rolled_back": self.rolled_back,
            "duration_s": round(self.duration_s, 3),
            "detail": self.detail,
        }


@dataclass
class RollbackResult:
    """What `rollback` did: restored, or refused with the files in the way."""

    id: str
    restored: bool
    detail: str
    conflicts: list[Conflict] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "restored": self.restored,
            "detail": self.detail,
            "conflicts": [{"path": c.path, "reason": c.reason} for c in self.conflicts],
        }


def apply_plan(plan: Plan, ctx: Context, *, confirm: consent.Confirm,
               event: ErrorEvent | None = None, journal: Journal | None = None) -> Applied:
    """Apply one plan in the workspace of `ctx`; `event` defaults to the one the plan answers."""
    started = time.monotonic()
    root = Path(ctx.root)
    event = event or plan.event
    try:
        for action in plan.actions:
            check_action(action, ctx)
    except ActionError as exc:
        return Applied(None, False, False, f"not applied: {exc}", REFUSED)
    if all(action.kind == "manual" for action in plan.actions):
        steps = "; ".join(str(a.params["message"]) for a in plan.actions)
        return Applied(None, False, False, f"not applied: steps for you to take: {steps}",
                       REFUSED)
    if not consent.allowed(plan, root, confirm):
        return Applied(None, False, False, "not applied: the user did not consent", DECLINED)
    own_journal = journal is None
    journal = journal or Journal()
    try:
        applied = _apply(plan, ctx, journal, event)
    finally:
        if own_journal:
            journal.close()
    applied.duration_s = time.monotonic() - started
    if event is not None:
        _tell_learner(event, plan, applied, ctx)
    return applied


def _apply(plan: Plan, ctx: Context, journal: Journal, event: ErrorEvent | None) -> Applied:
    command = list(ctx.argv) or None
    apply_id = journal.begin(plan.to_json(), str(ctx.cwd), command,
                             event.fingerprint if event else None)
    step = Step(journal, apply_id, ctx)
    try:
        for action in plan.actions:
            perform(action, step)
    except (ActionError, OSError) as exc:
        return _undo(journal, apply_id, FAILED, str(exc))
    if step.verdict == BROKEN:
        return _undo(journal, apply_id, BROKEN, step.verdict_detail)
    problem = next(filter(None, map(reparse_problem, step.edited)), None)
    if problem:
        return _undo(journal, apply_id, FAILED, problem)
    rerun = None
    if step.verdict is None and command:
        rerun = run_command(command, ctx.cwd, ctx.env or None)
        if still_failing(rerun, event, " ".join(command)):
            undone = _undo(journal, apply_id, FAILED,
                           f"the command still fails ({rerun.tail(2)})")
            undone.rerun = rerun
            return undone
    outcome = step.verdict or FIXED
    verified = step.verdict is not None or rerun is not None or bool(step.edited)
    if step.verdict_detail:
        detail = step.verdict_detail
    elif rerun is None:
        detail = "applied"
    else:
        detail = "verified: the command " + ("passes" if rerun.ok else "no longer shows this error")
    if step.manual:
        detail += "; left for you: " + "; ".join(step.manual)
    journal.finish(apply_id, APPLIED, outcome, detail)
    return Applied(apply_id, True, verified, detail, outcome, rerun=rerun)


def _undo(journal: Journal, apply_id: str, outcome: str, reason: str) -> Applied:
    """Roll back a plan that did not work; `reason` says why it did not."""
    nothing_to_undo = not journal.changes(apply_id)
    result = _rollback(journal, journal.entry(apply_id), outcome)
    if nothing_to_undo:
        detail = reason
    elif result.restored:
        detail = f"{reason}; rolled back"
    else:  # a file changed under the apply: left applied, for `rollback` once it is sorted out
        detail = f"{reason}; {result.detail}"
        journal.finish(apply_id, APPLIED, outcome, detail)
    return Applied(apply_id, False, False, detail, outcome, rolled_back=result.restored)


def rollback(journal_id: str | None = None, journal: Journal | None = None) -> RollbackResult:
    """Undo an applied recovery (the newest when `journal_id` is None).

    Raises JournalError for an unknown id or an entry already rolled back; returns a
    result with `restored=False` and the conflicts when a file changed after the fix.
    """
    own_journal = journal is None
    journal = journal or Journal()
    try:
        entry = journal.entry(journal_id) if journal_id else journal.last_undoable()
        if entry.state == ROLLED_BACK:
            raise JournalError(f"{entry.id} is already rolled back")
        if entry.state == APPLYING and entry.pid != os.getpid() and _alive(entry.pid):
            raise JournalError(f"{entry.id} is still being applied by process {entry.pid}")
        return _rollback(journal, entry, entry.outcome or "interrupted")
    finally:
        if own_journal:
            journal.close()


def _rollback(journal: Journal, entry: Any, outcome: str) -> RollbackResult:
    changes = journal.changes(entry.id)
    last_per_path = {change.path: change for change in changes}  # what the file should be now
    conflicts = [c for c in map(conflict, last_per_path.values()) if c is not None]
    if conflicts:
        files = "; ".join(map(str, conflicts))
        return RollbackResult(entry.id, False, f"refused, nothing changed: {files}", conflicts)
    if not journal.claim_rollback(entry.id):
        raise JournalError(f"{entry.id} is being rolled back by another process")
    failures: list[str] = []
    for change in reversed(changes):
        restore(change, lambda inverse: _run_inverse(inverse, failures))
    detail = f"rolled back {len(changes)} change(s)"
    if failures:
        detail += "; " + "; ".join(failures)
    journal.finish(entry.id, ROLLED_BACK, outcome, detail)
    return RollbackResult(entry.id, True, detail)


def _run_inverse(inverse: dict[str, Any], failures: list[str]) -> None:
    result = run_command(inverse["argv"], inverse.get("cwd"))
    if not result.ok:
        failures.append(f"`{' '.join(result.argv)}` failed: {result.tail(2)}")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _tell_learner(event: ErrorEvent, plan: Plan, applied: Applied, ctx: Context) -> None:
    """Hand the outcome to the pattern learner, if it is there; it never fails an apply."""
    try:
        from learner import PatternLearner

        PatternLearner(config=ctx.config).record(event, plan, applied.success,
                                                 applied.duration_s, flaky=applied.flaky)
    except Exception as exc:  # noqa: BLE001 - learning is a bonus; the apply already happened
        logging.getLogger(__name__).warning("the learner could not record the outcome: %s", exc)

