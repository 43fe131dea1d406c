"""The hook events, and the user's commands that run on them.

A hook is a command line from `.lsp_heal/hooks.json` (`"hooks": {"on-error": [...]}`): a
string is split the way a shell splits it but never run by a shell; an object gives the argv
itself and a timeout. What happened is passed in `LSP_HEAL_*` environment variables, never
pasted into the argv, so tool output cannot become a command. Hooks run only in a workspace
the user trusts (`lsp_heal.recover.consent`); faces that can ask (the language server) ask
first, the others skip them.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lsp_heal.config import HOOK_EVENTS, Config

DEFAULT_TIMEOUT_S = 60.0
OUTPUT_LIMIT = 64 * 1024  # what a hook prints is kept for the log, up to this many characters

__all__ = ["HOOK_EVENTS", "HookCommand", "HookResult", "hook_commands", "run_hook"]


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
