"""The hook events, and the user's commands that run on them.

A hook is a command line from `.lsp_heal/hooks.json` (`"hooks": {"on-error": [...]}`): a
string is split the way a shell splits it but never run by a shell; an object gives the argv
itself and a timeout. What happened is passed in `LSP_HEAL_*` environment variables, never
pasted into the argv, so tool output cannot become a command. Hooks run only in a workspace
the user trusts (`lsp_heal.recover.consent`); faces that can ask (the language server) ask
first, the others skip them.

Beside them, a program can register in-process hooks (`register_hook`): Python callables
run by `trigger_hook` with the event's context. The registry is shared by every thread (the
server's workers among them), so it is guarded by a lock and read as a snapshot.
"""

from __future__ import annotations

import os
import shlex
import logging
import subprocess
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lsp_heal.config import HOOK_EVENTS, Config

DEFAULT_TIMEOUT_S = 60.0
OUTPUT_LIMIT = 64 * 1024  # what a hook prints is kept for the log, up to this many characters

__all__ = ["HOOK_EVENTS", "HookCall", "HookCommand", "HookResult", "InProcessHook", "hook_commands",
           "register_hook", "run_hook", "trigger_hook", "unregister_hook"]

#: An in-process hook: called with the event's context; what it returns is kept.
InProcessHook = Callable[[dict[str, Any]], Any]
_in_process: dict[str, list[InProcessHook]] = {}
_in_process_lock = threading.Lock()


@dataclass(frozen=True)
class HookCommand:
    argv: tuple[str, ...]
    timeout: float = DEFAULT_TIMEOUT_S

    def __str__(self) -> str:
        return shlex.join(self.argv)


@dataclass(frozen=True)
class HookResult:
    command: HookCommand
    exit_code: int | None  # None: it could not start, or ran out of time
    output: str
    seconds: float

    @property
    def ok(self) -> bool:
        return self.exit_code == 0

    def summary(self) -> str:
        if self.exit_code is None:
            return f"hook `{self.command}`: {self.output.strip()}"
        return f"hook `{self.command}` exited {self.exit_code} in {self.seconds:.2f}s"


def hook_commands(config: Config, event: str) -> tuple[list[HookCommand], list[str]]:
    """The commands configured for an event, and why any entry was skipped."""
    if event not in HOOK_EVENTS:
        raise ValueError(f"unknown hook event {event!r}")
    commands, problems = [], []
    for entry in config.get("hooks").get(event, []):
        command = _read_entry(entry)
        if isinstance(command, str):
            problems.append(f"hooks.{event}: {command}")
        else:
            commands.append(command)
    return commands, problems


def _read_entry(entry: Any) -> HookCommand | str:
    if isinstance(entry, str):
        try:
            argv = shlex.split(entry)
        except ValueError as exc:
            return f"cannot split {entry!r}: {exc}"
        return HookCommand(tuple(argv)) if argv else "an empty command"
    if isinstance(entry, dict) and isinstance(entry.get("command"), list) and entry["command"]:
        timeout = entry.get("timeout", DEFAULT_TIMEOUT_S)
        return HookCommand(tuple(str(a) for a in entry["command"]), float(timeout))
    return f"not a command: {entry!r}"


def run_hook(command: HookCommand, event: str, workspace: Path | None,
             facts: dict[str, str]) -> HookResult:
    """Run one hook command with the event's facts in its environment (no shell, no stdin)."""
    env = {**os.environ, **facts, "LSP_HEAL_EVENT": event}
    if workspace is not None:
        env["LSP_HEAL_WORKSPACE"] = str(workspace)
    start = time.monotonic()
    try:
        done = subprocess.run(list(command.argv), cwd=workspace, env=env, timeout=command.timeout,
                              stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, check=False)
    except subprocess.TimeoutExpired as exc:
        partial = (exc.output or b"").decode("utf-8", "replace")[-OUTPUT_LIMIT:]
        return HookResult(command, None, f"{partial}\ntimed out after {command.timeout:g}s",
                          time.monotonic() - start)
    except OSError as exc:
        return HookResult(command, None, f"cannot run: {exc.strerror or exc}",
                          time.monotonic() - start)
    output = done.stdout.decode("utf-8", "replace")[-OUTPUT_LIMIT:]
    return HookResult(command, done.returncode, output, time.monotonic() - start)


# -- in-process hooks ---------------------------------------------------------------------------


@dataclass(frozen=True)
class HookCall:
    """One in-process hook's answer to an event: its return value, or the error it raised."""

    hook: InProcessHook
    value: Any = None
    error: BaseException | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def _known(event: str) -> str:
    if event not in HOOK_EVENTS:
        raise ValueError(f"unknown hook event {event!r}; one of {', '.join(HOOK_EVENTS)}")
    return event


def register_hook(event: str, hook: InProcessHook) -> None:
    """Call `hook(context)` on every `trigger_hook(event, context)` of this process."""
    if not callable(hook):
        raise TypeError(f"a hook must be callable, not {type(hook).__name__}")
    with _in_process_lock:
        _in_process.setdefault(_known(event), []).append(hook)


def unregister_hook(event: str, hook: InProcessHook) -> None:
    """Forget a hook registered for `event` (nothing happens if it is not there)."""
    with _in_process_lock:
        hooks = _in_process.get(_known(event), [])
        if hook in hooks:
            hooks.remove(hook)


def trigger_hook(event: str, context: dict[str, Any] | None = None) -> list[HookCall]:
    """Run the event's in-process hooks in the order they were registered.

    A hook that raises is logged and reported in its HookCall; the others still run, as a
    failing hook command never stops the ones after it.
    """
    with _in_process_lock:
        hooks = list(_in_process.get(_known(event), []))
    calls = []
    for hook in hooks:
        try:
            calls.append(HookCall(hook, hook(dict(context or {}))))
        except Exception as exc:  # noqa: BLE001 - a user's hook must not break the caller
            logging.getLogger(__name__).warning("%s hook %r raised: %s", event, hook, exc)
            calls.append(HookCall(hook, error=exc))
    return calls
