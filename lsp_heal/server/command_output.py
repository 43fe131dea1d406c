"""`lspHeal/commandFinished`: what a terminal or task printed, turned into diagnostics.

The output is read in one worker, in arrival order; when reports of the same command pile
up, only the latest is read (it supersedes the others), so a flood costs one read per
command. Errors that name a file become diagnostics on that file (paths resolved against the
command's directory, then the workspace); a root cause with no file is put to the user with
its plans as buttons. When the same command later succeeds, its diagnostics are cleared.
"""

from __future__ import annotations

import asyncio
import shlex
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs
from lsprotocol import types
from pygls.uris import from_fs_path

from lsp_heal.model import ErrorEvent, Rank
from lsp_heal.server.diagnostics import make_diagnostic

if TYPE_CHECKING:
    from lsp_heal.server.server import HealServer

METHOD = "lspHeal/commandFinished"


@attrs.define
class CommandFinishedNotification:
    """The notification as read off the wire: params kept as plain JSON (it may be 20 MB)."""

    method: str
    jsonrpc: str
    params: Any = None
SOURCES = ("terminal", "task")
MAX_FILE_BYTES = 4 << 20  # a file named by an error is read (for the line's end) up to this size


@dataclass(frozen=True)
class CommandReport:
    command: str
    cwd: str
    exit_code: int
    output: str
    source: str

    @property
    def key(self) -> str:
        """Which earlier reports this one replaces: same command, same directory."""
        return f"command:{self.cwd}\x1f{self.command}"

    @classmethod
    def read(cls, params: Any) -> CommandReport:
        """The report in the params, or ValueError saying what is wrong with them."""
        if not isinstance(params, dict):
            raise ValueError("params must be an object")
        command, cwd, code = params.get("command"), params.get("cwd", ""), params.get("exitCode")
        output, source = params.get("output", ""), params.get("source", "terminal")
        if not isinstance(command, str) or not command.strip():
            raise ValueError("'command' must be a non-empty string")
        if not isinstance(cwd, str) or not isinstance(output, str):
            raise ValueError("'cwd' and 'output' must be strings")
        if not isinstance(code, int) or isinstance(code, bool):
            raise ValueError("'exitCode' must be an integer")
        if source not in SOURCES:
            raise ValueError(f"'source' must be one of: {', '.join(SOURCES)}")
        return cls(command, cwd, code, output, source)

    def facts(self) -> dict[str, str]:
        """What hooks learn about the command, through their environment."""
        return {"LSP_HEAL_COMMAND": self.command, "LSP_HEAL_CWD": self.cwd,
                "LSP_HEAL_EXIT_CODE": str(self.exit_code), "LSP_HEAL_SOURCE": self.source}


@dataclass
class Reading:
    """The errors in one report: by file (with each line's text), and those with no file."""

    report: CommandReport
    events: list[ErrorEvent] = field(default_factory=list)
    in_files: dict[str, list[tuple[ErrorEvent, str]]] = field(default_factory=dict)
    loose: list[ErrorEvent] = field(default_factory=list)


def read_report(report: CommandReport, root: Path | None) -> Reading:
    """Detect the errors of a failed command and find the files they name (a worker's job)."""
    reading = Reading(report)
    if report.exit_code == 0:
        return reading
    from lsp_heal.detect import detect

    reading.events = detect(report.output, report.command, report.exit_code)
    bases = [Path(report.cwd)] if report.cwd else []
    bases += [root] if root else []
    lines: dict[Path, list[str]] = {}
    for event in reading.events:
        path = _resolve(event.location.path, bases) if event.location else None
        if path is None:
            reading.loose.append(event)
            continue
        if path not in lines:
            lines[path] = _lines(path)
        row = (event.location.line or 1) - 1
        text = lines[path][row] if 0 <= row < len(lines[path]) else ""
        reading.in_files.setdefault(str(path), []).append((event, text))
    return reading


def _resolve(name: str, bases: list[Path]) -> Path | None:
    candidates = [Path(name)] if Path(name).is_absolute() else [b / name for b in bases]
    for candidate in candidates:
        try:
            if candidate.is_file():
                return candidate.resolve()
        except OSError:
            continue
    return None


def _lines(path: Path) -> list[str]:
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            return []
        return path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return []


def _diagnostic(report: CommandReport, event: ErrorEvent, line_text: str) -> types.Diagnostic:
    row = max((event.location.line or 1) - 1, 0)
    column = max((event.location.column or 1) - 1, 0)
    end = len(line_text) if len(line_text) > column else column + 1
    if not event.location.column:
        column = len(line_text) - len(line_text.lstrip())  # the line, without its indent
    data = {"event": event.to_json(), "command": report.command, "cwd": report.cwd}
    return make_diagnostic((row, column), (row, end), event.message, event.category.value,
                           event.severity, data)


def _monitored(command: str, names: list[str]) -> bool:
    """The config's `monitoring.commands` filter: empty means every command."""
    if not names:
        return True
    try:
        words = shlex.split(command)
    except ValueError:
        words = command.split()
    return any(Path(word).name in names for word in words)


class CommandOutputReader:
    def __init__(self, server: HealServer) -> None:
        self.server = server
        self._pending: dict[str, CommandReport] = {}
        self._lock = threading.Lock()  # the loop adds reports while the worker takes them

    def received(self, report: CommandReport) -> None:
        with self._lock:
            first = report.key not in self._pending
            self._pending[report.key] = report  # supersedes a report not yet read
        if first:
            asyncio.ensure_future(self._read(report.key))

    def _take_and_read(self, key: str, root: Path | None) -> Reading:
        with self._lock:
            report = self._pending.pop(key)
        return read_report(report, root)

    async def _read(self, key: str) -> None:
        loop = asyncio.get_running_loop()
        reading = await loop.run_in_executor(
            self.server.output_worker, self._take_and_read, key, self.server.root)
        report = reading.report
        config = await self.server.config()
        if not _monitored(report.command, config.get("monitoring.commands")):
            return
        self.server.diagnostics.set_command(report.key, {
            from_fs_path(path) or path: [_diagnostic(report, e, text) for e, text in found]
            for path, found in reading.in_files.items()
        })
        self.server.hooks.fire("post-command", report.facts())
        if reading.events:
            self.server.hooks.fire("on-error", {
                **report.facts(), "LSP_HEAL_CATEGORY": reading.events[0].category.value,
                "LSP_HEAL_MESSAGE": reading.events[0].message})
        root_cause = _root_cause(reading)
        if root_cause is not None:
            await self.server.offers.offer(root_cause, report)


def _root_cause(reading: Reading) -> ErrorEvent | None:
    """The error with no file worth putting to the user: a root cause, or the first error."""
    for event in reading.loose:
        if event.rank == Rank.ROOT:
            return event
    if not reading.in_files and reading.loose:
        return reading.loose[0]
    return None


def register(server: HealServer) -> None:
    reader = CommandOutputReader(server)
    server.command_output = reader

    @server.feature(METHOD)
    def command_finished(ls: HealServer, params: Any) -> None:
        try:
            report = CommandReport.read(params)
        except ValueError as exc:
            ls.log(f"lsp-heal: {METHOD} ignored: {exc}", types.MessageType.Error)
            return
        reader.received(report)
