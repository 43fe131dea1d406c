"""Strategies: each turns one ErrorEvent, in its Context, into zero or more Plans.

A strategy is any object with a `name` and `plans(event, ctx)`; the built-ins are registered
through the entry-point group `lsp_heal.strategies` (pyproject.toml) exactly as a third
party's would be, and `register()` adds one in-process. Strategies only read (the event, the
workspace's files, the shipped name maps): they never run anything or touch the network.

Action kinds a plan may hold, and their params (the executor applies each; names and
commands are argv lists, never shell text):

- `install` {manager, package, version?, python?, cwd, dev?, record?: [files]} — see
  managers.install_argv; `record` lists the project files the manager rewrites (manifest,
  lockfile), journaled before the install and restored on rollback. `needs_root: true` for
  apt: shown to the user, never run with sudo.
- `edit` {path, edits: [{line, column, insert}]} — 1-based positions in the file as it is
  when planned; a `line` one past the last line means the end of the file; a path that does
  not exist yet is created (journaled as absent before).
- `run` {command: argv, cwd} — a command that fixes the state (`python3 -m venv .venv`,
  `git push --set-upstream origin main`).
- `rerun` {command: argv, cwd, max_attempts, backoff: {initial_s, multiplier, jitter} | null,
  mode: "retry" | "flaky"} — "retry": run until it passes, sleeping with exponential backoff
  and jitter between attempts (a pass heals); "flaky": run `max_attempts` times to tell
  flaky (some pass) from broken (all fail); a pass is recorded as flaky, never as fixed.
- `chmod` {path, mode} — `mode` an octal string ("755"), the file's mode after the change.
- `copy` {source, path} — create `path` as a copy of `source` (never over an existing file).
- `manual` {message, command?: argv} — a step only the user can take (root, a secret, a
  toolchain); shown, never executed.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from functools import cache
from importlib.metadata import entry_points
from typing import Protocol, runtime_checkable

from lsp_heal.model import Action, ErrorEvent, Plan
from lsp_heal.recover.context import Context

GROUP = "lsp_heal.strategies"
_log = logging.getLogger(__name__)


@runtime_checkable
class Strategy(Protocol):
    """Proposes recoveries for the events it understands (and nothing for the others)."""

    #: The id plans carry (`install-package`, `rerun-test`, ...).
    name: str
    #: The recovery.strategies name of the hooks config that turns it on (see planner).
    config_name: str

    def plans(self, event: ErrorEvent, ctx: Context) -> Iterable[Plan]: ...


_registered: dict[str, Strategy] = {}


@cache
def _installed() -> dict[str, Strategy]:
    """Every strategy of the entry-point group; a broken plug-in is logged and left out."""
    found: dict[str, Strategy] = {}
    for point in entry_points(group=GROUP):
        try:
            loaded = point.load()
            strategy = loaded() if isinstance(loaded, type) else loaded
        except Exception as exc:  # a third party's bug must not stop recovery
            _log.warning("strategy %s could not be loaded: %s", point.name, exc)
            continue
        if isinstance(strategy, Strategy):
            found[point.name] = strategy
        else:
            _log.warning("strategy %s has no name/config_name/plans(): left out", point.name)
    return found


def strategies() -> dict[str, Strategy]:
    """Installed and registered strategies by entry-point (or registered) name."""
    return {**_installed(), **_registered}


def register(name: str, strategy: Strategy) -> None:
    """Add (or replace) a strategy in this process, as an entry point would."""
    _registered[name] = strategy


def unregister(name: str) -> None:
    _registered.pop(name, None)


def make_plan(event: ErrorEvent, strategy: str, title: str, confidence: float,
              *actions: Action, needs_consent: bool = True) -> Plan:
    """A rule plan answering `event`."""
    return Plan(strategy=strategy, title=title, confidence=confidence, actions=list(actions),
                needs_consent=needs_consent, event=event)
