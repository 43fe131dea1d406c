"""What each action kind does, how it is checked first, and what the journal keeps to undo it.

The kinds and their params are documented in recover/strategies/__init__.py. Here:

| kind    | checked before anything runs             | journaled (before it happens)         |
|---------|------------------------------------------|---------------------------------------|
| install | manager, name, version (managers.py);    | the `record` files and the manager's  |
|         | never a system/EXTERNALLY-MANAGED Python | manifests; the uninstall argv (none   |
|         | for pip; apt only when running as root   | if pip finds it installed already)    |
| edit    | path inside the workspace                | content before and after              |
| run     | argv list, cwd inside the workspace      | the manifests/lockfiles in its cwd    |
| rerun   | argv list, cwd inside the workspace      | nothing: its verdict is fixed, flaky  |
|         |                                          | or broken                             |
| chmod   | path inside, octal mode                  | mode before and after                 |
| copy    | both paths inside, target absent         | the new file (absent before)          |
| manual  | never run: its message is passed on     | -                                     |

Every command is an argv list of strings and never goes through a shell.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lsp_heal.model import Action
from lsp_heal.recover.context import Context
from lsp_heal.recover.files import EditError, apply_edits, atomic_write, read_bytes
from lsp_heal.recover.journal import Journal
from lsp_heal.recover.verify import BROKEN, FIXED, FLAKY, backoff_delays, rerun, run_command

INSTALL_TIMEOUT_S = 900.0
#: Files a package manager rewrites when it adds a dependency; kept so rollback restores them.
MANIFESTS = {
    "uv": ("pyproject.toml", "uv.lock"),
    "poetry": ("pyproject.toml", "poetry.lock"),
    "pipenv": ("Pipfile", "Pipfile.lock"),
    "conda": ("environment.yml",),
    "npm": ("package.json", "package-lock.json"),
    "yarn": ("package.json", "yarn.lock"),
    "pnpm": ("package.json", "pnpm-lock.yaml"),
    "cargo": ("Cargo.toml", "Cargo.lock"),
    "go": ("go.mod", "go.sum"),
}
ALL_MANIFESTS = tuple(dict.fromkeys(name for names in MANIFESTS.values() for name in names))
_OCTAL_MODE = re.compile(r"[0-7]{3,4}")


class ActionError(Exception):
    """An action that may not run (checked first) or that failed while running."""


@dataclass
class Step:
    """One apply in progress: where it journals, and what it has done so far."""

    journal: Journal
    apply_id: str
    ctx: Context
    edited: list[Path] = field(default_factory=list)
    changed: bool = False  # anything installed or written: a later pass is then `fixed`
    verdict: str | None = None
    verdict_detail: str = ""
    manual: list[str] = field(default_factory=list)  # steps left to the user


def _inside(ctx: Context, raw: Any, base: Path | None = None) -> Path:
    """A path of an action, resolved, that must lie inside the workspace root."""
    if not isinstance(raw, str) or not raw or "\0" in raw:
        raise ActionError(f"not a usable path: {raw!r}")
    root = Path(ctx.root).resolve()
    path = ((base or Path(ctx.cwd)) / raw).resolve()
    if path != root and root not in path.parents:
        raise ActionError(f"{raw} is outside the workspace {root}")
    return path


def _argv(raw: Any) -> list[str]:
    if not isinstance(raw, list) or not raw or not all(isinstance(p, str) for p in raw):
        raise ActionError(f"a command must be a non-empty argv list of strings, not {raw!r}")
    return raw


def _cwd(ctx: Context, params: dict[str, Any]) -> Path:
    return _inside(ctx, str(params["cwd"])) if params.get("cwd") else Path(ctx.cwd)


def _python(ctx: Context, action: Action) -> str | None:
    return action.params.get("python") or getattr(ctx, "python", None)


def check_action(action: Action, ctx: Context) -> None:
    """Refuse, before anything runs, an action that is malformed or not allowed."""
    params = action.params
    try:
        if action.kind == "install":
            _check_install(action, ctx)
        elif action.kind == "edit":
            _inside(ctx, params["path"])
            if not isinstance(params["edits"], list):
                raise ActionError("edits must be a list")
        elif action.kind in ("run", "rerun"):
            _argv(params["command"])
            _cwd(ctx, params)
        elif action.kind == "chmod":
            _inside(ctx, params["path"])
            _mode(params["mode"])
        elif action.kind == "copy":
            _inside(ctx, params["source"])
            _inside(ctx, params["path"])
        elif action.kind == "manual":
            str(params["message"])
        else:
            raise ActionError(f"unknown action kind {action.kind!r}")
    except KeyError as exc:
        raise ActionError(f"{action.kind} action without {exc.args[0]!r}") from None


def _check_install(action: Action, ctx: Context) -> None:
    from lsp_heal.recover import consent, managers

    python = _python(ctx, action)
    try:
        managers.install_argv(action, python)
    except ValueError as exc:
        raise ActionError(str(exc)) from None
    manager = action.params["manager"]
    if manager in ("pip", "pipx") or (manager == "conda" and python):
        refusal = consent.python_refusal(python)
        if refusal:
            raise ActionError(refusal)
    if managers.needs_root(action) and os.geteuid() != 0:
        argv = " ".join(managers.install_argv(action, python))
        raise ActionError(f"needs root: run `sudo {argv}` yourself (lsp-heal never uses sudo)")
    cwd = _cwd(ctx, action.params)
    for name in action.params.get("record") or ():
        _inside(ctx, name, cwd)


def perform(action: Action, step: Step) -> None:
    """Do one (checked) action, journaling every change before it is made."""
    {
        "install": _install, "edit": _edit, "run": _run, "rerun": _rerun,
        "chmod": _chmod, "copy": _copy, "manual": _manual,
    }[action.kind](action, step)


def _manual(action: Action, step: Step) -> None:
    command = action.params.get("command")
    step.manual.append(str(action.params["message"])
                       + (f" (`{' '.join(map(str, command))}`)" if command else ""))


def write_journaled(step: Step, path: Path, data: bytes, mode: int | None = None) -> None:
    """Journal a file's new content, then write it atomically."""
    seq = step.journal.record_file(step.apply_id, path, data, mode)
    atomic_write(path, data, mode)
    step.journal.mark_done(step.apply_id, seq)
    step.changed = True


def _edit(action: Action, step: Step) -> None:
    path = _inside(step.ctx, action.params["path"])
    before = read_bytes(path)
    try:
        text = apply_edits((before or b"").decode("utf-8"), action.params["edits"])
    except (EditError, UnicodeDecodeError, AttributeError) as exc:
        raise ActionError(f"cannot edit {action.params['path']}: {exc}") from None
    path.parent.mkdir(parents=True, exist_ok=True)
    write_journaled(step, path, text.encode("utf-8"))
    step.edited.append(path)


def _mode(raw: Any) -> int:
    if isinstance(raw, str) and _OCTAL_MODE.fullmatch(raw):
        return int(raw, 8)
    raise ActionError(f"not an octal file mode: {raw!r} (like '755')")


def _chmod(action: Action, step: Step) -> None:
    path = _inside(step.ctx, action.params["path"])
    mode = _mode(action.params["mode"])
    try:
        seq = step.journal.record_mode(step.apply_id, path, mode)
        path.chmod(mode)
    except OSError as exc:
        raise ActionError(f"cannot chmod {action.params['path']}: {exc.strerror}") from None
    step.journal.mark_done(step.apply_id, seq)
    step.changed = True


def _copy(action: Action, step: Step) -> None:
    source = _inside(step.ctx, action.params["source"])
    target = _inside(step.ctx, action.params["path"])
    data = read_bytes(source)
    if data is None:
        raise ActionError(f"{action.params['source']} does not exist")
    if target.exists():
        raise ActionError(f"{action.params['path']} exists already; it is not overwritten")
    write_journaled(step, target, data, stat.S_IMODE(source.stat().st_mode))


def _run(action: Action, step: Step) -> None:
    cwd = _cwd(step.ctx, action.params)
    snapshots = _snapshot(step, [cwd / name for name in ALL_MANIFESTS if (cwd / name).exists()])
    result = run_command(_argv(action.params["command"]), cwd, getattr(step.ctx, "env", None))
    _finish_snapshots(step, snapshots)
    step.changed = True
    if not result.ok:
        raise ActionError(f"`{' '.join(result.argv)}` failed: {result.tail(3)}")


def _rerun(action: Action, step: Step) -> None:
    params = action.params
    attempts = max(1, int(params.get("max_attempts") or 3))
    backoff = params.get("backoff") or {}
    delays = backoff_delays(attempts, float(backoff.get("initial_s", 0)),
                            float(backoff.get("multiplier", 2)), float(backoff.get("jitter", 0)))
    retry = params.get("mode") == "retry"
    verdict, results = rerun(_argv(params["command"]), _cwd(step.ctx, params),
                             getattr(step.ctx, "env", None), attempts, delays,
                             changed=step.changed or retry)
    step.verdict, runs = verdict, len(results)
    if verdict == BROKEN:
        step.verdict_detail = f"failed all {runs} reruns: broken"
    elif verdict == FLAKY:
        step.verdict_detail = f"passed on rerun {runs} of {attempts} with nothing changed: flaky"
    else:
        why = "the failure was transient" if retry else "after the fix"
        step.verdict_detail = f"passed on attempt {runs} of {attempts}, {why}: {FIXED}"


def _install(action: Action, step: Step) -> None:
    from lsp_heal.recover import managers

    ctx, params, python = step.ctx, action.params, _python(step.ctx, action)
    cwd = _cwd(ctx, params)
    names = [*(params.get("record") or ()), *MANIFESTS.get(params["manager"], ())]
    paths = list(dict.fromkeys(_inside(ctx, name, cwd) for name in names))
    snapshots = _snapshot(step, paths)
    already = params["manager"] == "pip" and _installed_version(python, params["package"])
    inverse = None if already else {"argv": managers.uninstall_argv(action, python),
                                    "cwd": str(cwd)}
    seq = step.journal.record_install(step.apply_id, inverse)
    env = getattr(ctx, "env", None)
    result = run_command(managers.install_argv(action, python), cwd, env, INSTALL_TIMEOUT_S)
    _finish_snapshots(step, snapshots)
    step.journal.mark_done(step.apply_id, seq)
    step.changed = True
    if not result.ok:
        raise ActionError(f"{params['manager']} could not install {params['package']}:"
                          f" {result.tail(3)}")


def _snapshot(step: Step, paths: list[Path]) -> list[int]:
    return [step.journal.record_snapshot(step.apply_id, path) for path in paths]


def _finish_snapshots(step: Step, snapshots: list[int]) -> None:
    for seq in snapshots:
        step.journal.finish_snapshot(step.apply_id, seq)


def _installed_version(python: str | None, package: str) -> str | None:
    script = "import importlib.metadata as m, sys; print(m.version(sys.argv[1]))"
    probe = run_command([python or "python3", "-c", script, package], timeout=60)
    return probe.output.strip() if probe.ok else None
