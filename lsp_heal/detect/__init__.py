"""Tool output → `ErrorEvent`s, root cause first.

Each module of this package that defines `parse(out: Output) -> Iterable[ErrorEvent]` is a
tool family (python, pytest, node, cargo, ...); adding one needs no registration. Output is
read in chunks of about a megabyte cut at line ends, with some lines of the previous chunk
carried over as context, so a 100 MB log is read in flat memory. The events are then
de-duplicated, capped, and ordered: root causes (a missing module, a syntax error) before the
errors they cause, and those before summaries (`make: *** Error 1`); warnings last.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterable, Iterator
from functools import cache
from typing import BinaryIO

from lsp_heal.detect.output import Output
from lsp_heal.model import ErrorEvent, Severity

__all__ = ["Output", "detect", "detect_stream"]

CHUNK_BYTES = 1 << 20
CONTEXT_LINES = 200  # lines of the previous chunk a parser may still look back on
MAX_EVENTS = 500

Parser = Callable[[Output], Iterable[ErrorEvent]]
_SERIOUS = {Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM}


@cache
def families() -> dict[str, Parser]:
    """Every tool family's `parse`, by module name."""
    found: dict[str, Parser] = {}
    for info in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{info.name}")
        parse = getattr(module, "parse", None)
        if callable(parse):
            found[info.name] = parse
    return found


class _Collector:
    """Keeps the first of each distinct event, at most MAX_EVENTS of them."""

    def __init__(self) -> None:
        self.events: dict[tuple, ErrorEvent] = {}

    def add(self, event: ErrorEvent) -> None:
        loc = event.location
        key = (event.fingerprint, loc.path if loc else None, loc.line if loc else None)
        if key not in self.events and len(self.events) < MAX_EVENTS:
            self.events[key] = event

    def result(self, exit_code: int | None) -> list[ErrorEvent]:
        events = list(self.events.values())
        if exit_code == 0:  # the command succeeded: whatever it said was not fatal
            for event in events:
                if event.severity.rank < Severity.LOW.rank:
                    event.severity = Severity.LOW
        events.sort(key=lambda e: (e.severity not in _SERIOUS, e.rank, e.line_index))
        return events


def _parse_chunk(out: Output, first_line: int, skip: int, collector: _Collector) -> None:
    for name, parse in families().items():
        for event in parse(out):
            if event.line_index < skip:
                continue  # seen with the previous chunk
            event.line_index += first_line
            if not event.tool:
                event.tool = name
            collector.add(event)


def detect(
    text: str | bytes, command: str | None = None, exit_code: int | None = None
) -> list[ErrorEvent]:
    """The errors in one piece of output, root cause first."""
    data = text.encode("utf-8", errors="replace") if isinstance(text, str) else text
    return _detect_chunks(_split(data), command, exit_code)


def detect_stream(
    stream: BinaryIO, command: str | None = None, exit_code: int | None = None
) -> list[ErrorEvent]:
    """The errors in a binary stream of any size, read a chunk at a time."""
    return _detect_chunks(_read_chunks(stream), command, exit_code)


def _detect_chunks(
    chunks: Iterator[bytes], command: str | None, exit_code: int | None
) -> list[ErrorEvent]:
    collector = _Collector()
    carry, carried, first_line = b"", 0, 0
    for chunk in chunks:
        out = Output(carry + b"\n" + chunk if carried else chunk, command, exit_code)
        _parse_chunk(out, first_line - carried, carried, collector)
        total = len(out.lines)
        first_line += total - carried
        carried = min(CONTEXT_LINES, total)
        carry = out.tail(carried)
    return collector.result(exit_code)


def _split(data: bytes) -> Iterator[bytes]:
    """Chunks of at most CHUNK_BYTES, cut after a line end where there is one."""
    start, size = 0, len(data)
    while start < size or start == 0:
        end = start + CHUNK_BYTES
        if end >= size:
            yield data[start:]
            return
        cut = data.rfind(b"\n", start, end)
        if cut == -1:  # one huge line: cut it
            yield data[start:end]
            start = end
        else:
            yield data[start:cut]
            start = cut + 1


def _read_chunks(stream: BinaryIO) -> Iterator[bytes]:
    pending = b""
    while True:
        block = stream.read(CHUNK_BYTES)
        if not block:
            break
        data = pending + block
        cut = data.rfind(b"\n")
        if cut == -1:  # no line end in a whole megabyte: binary or one huge line
            pending = b""
            yield data
            continue
        pending = data[cut + 1 :]
        yield data[:cut]
    if pending:
        yield pending
