"""The consent rule, in one place: nothing is installed or run without the user's say.

A plan that installs, runs a command or reruns one (and a user's hook command) needs
`confirm(plan)` to answer yes, or a workspace the user trusts. Trust lives in the user's
data (`$LSP_HEAL_HOME/trust.json`), never in the workspace: a cloned repository must not be
able to trust itself. Whatever the consent, nothing is installed into a system or
EXTERNALLY-MANAGED Python.
"""

from __future__ import annotations

import json
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

from lsp_heal.model import Plan

#: Action kinds that execute something on the user's machine.
COMMAND_KINDS = frozenset({"install", "run", "rerun"})

Confirm = Callable[[Plan], bool]


def runs_something(plan: Plan) -> bool:
    """Whether the plan installs or runs anything (and so always needs consent)."""
    return any(action.kind in COMMAND_KINDS for action in plan.actions)


def allowed(plan: Plan, workspace: Path | None, confirm: Confirm) -> bool:
    """Whether the plan may be applied: trusted workspace, no consent needed, or a yes."""
    if not (runs_something(plan) or plan.needs_consent):
        return True
    if workspace is not None and is_trusted(workspace):
        return True
    return bool(confirm(plan))


# -- trusted workspaces -------------------------------------------------------------------------


def _trust_file() -> Path:
    from lsp_heal.paths import home

    return home() / "trust.json"


def trusted_workspaces() -> list[Path]:
    """The directories the user trusts (a broken trust file trusts nothing)."""
    try:
        data = json.loads(_trust_file().read_text(encoding="utf-8"))
        return [Path(p) for p in data.get("workspaces", []) if isinstance(p, str)]
    except (OSError, ValueError, AttributeError):
        return []


def is_trusted(workspace: Path) -> bool:
    """True if the workspace, or a directory above it, is on the user's trust list."""
    resolved = Path(workspace).resolve()
    return any(resolved == t or t in resolved.parents for t in trusted_workspaces())


def set_trusted(workspace: Path, trusted: bool = True) -> list[Path]:
    """Add (or remove) a workspace on the trust list; the list that results."""
    from lsp_heal.recover.files import atomic_write

    resolved = Path(workspace).resolve()
    current = [p for p in trusted_workspaces() if p != resolved]
    if trusted:
        current.append(resolved)
    data = {"workspaces": [str(p) for p in current]}
    atomic_write(_trust_file(), (json.dumps(data, indent=2) + "\n").encode())
    return current


# -- where installs may go ----------------------------------------------------------------------


def python_refusal(python: str | None) -> str | None:
    """Why nothing may be installed into this interpreter (None: it is fine)."""
    from lsp_heal.recover.context import externally_managed

    found = shutil.which(python or "python3")
    if found is None:
        return f"{python or 'python3'} is not an interpreter that can be found"
    if externally_managed(found):
        return (f"{found} is a system or EXTERNALLY-MANAGED Python: lsp-heal never installs"
                " into it; create a virtual environment (python3 -m venv .venv) and use that")
    return None


def terminal_confirm(assume_yes: bool) -> Confirm:
    """The CLI's consent: --yes says yes; else a y/N prompt on a TTY; else no."""

    def confirm(plan: Plan) -> bool:
        if assume_yes:
            return True
        if not (sys.stdin.isatty() and sys.stderr.isatty()):
            print("lsp-heal: not applied: no terminal to ask for consent (pass --yes)",
                  file=sys.stderr)
            return False
        print(f"\n{plan.title}", file=sys.stderr)
        for action in plan.actions:
            print(f"  {action.kind}: {json.dumps(action.params, ensure_ascii=False)}",
                  file=sys.stderr)
        print("Apply this fix? [y/N] ", end="", file=sys.stderr, flush=True)
        return sys.stdin.readline().strip().lower() in ("y", "yes")

    return confirm
