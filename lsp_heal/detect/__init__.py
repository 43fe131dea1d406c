"""Tool output → `ErrorEvent`s, root cause first.

Each module of this package that defines `parse(out: Output) -> Iterable[ErrorEvent]` is a
tool family (python, pytest, node, cargo, ...); adding one needs no registration. Output is
read in chunks of about a megabyte cut at line ends, each with some lines of the chunks on
either side as context, so a 100 MB log is read in flat memory; with `workers` > 1 the
chunks of a large log are read by that many forked processes (the CLI does this; a server
with threads must not fork). The events are then de-duplicated, capped, and ordered: root
causes (a missing module, a syntax error) before the errors they cause, and those before
summaries (`make: *** Error 1`); warnings last.
"""

from __future__ import annotations

import gc
import importlib
import io
import os
import pkgutil
import queue
import stat
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from functools import cache
from itertools import chain, islice
from typing import TYPE_CHECKING, BinaryIO

from lsp_heal.detect import _fallback
from lsp_heal.detect.output import LITERALS, MAX_LINE, Output
from lsp_heal.model import ErrorEvent, Rank, Severity, fingerprint_of

if TYPE_CHECKING:
    from multiprocessing.connection import Connection
    from multiprocessing.process import BaseProcess

__all__ = ["Output", "detect", "detect_stream"]

CHUNK_BYTES = 1 << 20
# lines of the chunks around it a parser may still look at: back, to the start of the report
# an error line ends (a pytest section of chained tracebacks runs to several hundred lines);
# ahead, to the end of a report that begins in the chunk
CONTEXT_LINES = 1000
AHEAD_LINES = 200
MAX_EVENTS = 500
WARM_UP_BYTES = 1 << 16  # what a fresh process reads first (see `_warm_up`)
_WARM_UP_PIECES = 32
_PRUNE_AT = 8 * MAX_EVENTS  # a log of endless distinct errors is sorted once per 3,500 of them

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


# Programs that run other programs: their recap (`make: *** [run] Error 2`, npm's "command
# failed") says that a step failed, not why.
_RUNNERS = frozenset({"make", "npm", "yarn", "pnpm"})


def _explains(event: ErrorEvent) -> bool:
    """An error that says why a command failed: serious, and not only a runner's recap."""
    return event.severity in _SERIOUS and not (
        event.rank is Rank.SUMMARY and event.tool in _RUNNERS)


def _order(event: ErrorEvent) -> tuple[bool, int, int]:
    return event.severity not in _SERIOUS, event.rank, event.line_index


_Key = tuple  # (fingerprint, path, line): what makes two events the same


def _key(event: ErrorEvent) -> _Key:
    loc = event.location
    fingerprint = fingerprint_of(event.category, event.tool, event.subject, event.message)
    return (fingerprint, loc.path, loc.line) if loc else (fingerprint, None, None)


class _Collector:
    """Keeps the first of each distinct event; past MAX_EVENTS, only the ones that sort first."""

    def __init__(self) -> None:
        self.events: dict[_Key, ErrorEvent] = {}

    def add(self, items: Iterable[tuple[_Key, ErrorEvent]]) -> None:
        """Keyed events, as `_chunk_events` makes them (in this process or a worker). Of the
        same event, the one that comes first in the log is kept, whatever order the workers'
        answers come in."""
        for key, event in items:
            kept = self.events.get(key)
            if kept is None or event.line_index < kept.line_index:
                self.events[key] = event
                if len(self.events) >= _PRUNE_AT:
                    self.events = dict(self.best())

    def best(self) -> list[tuple[_Key, ErrorEvent]]:
        """The MAX_EVENTS keyed events that sort first: all a worker needs to send back."""
        if len(self.events) <= MAX_EVENTS:
            return list(self.events.items())
        return sorted(self.events.items(), key=lambda item: _order(item[1]))[:MAX_EVENTS]

    def result(self, exit_code: int | None, last: Iterable[_Task] = ()) -> list[ErrorEvent]:
        events = list(self.events.values())
        if exit_code not in (None, 0) and not any(_explains(e) for e in events):
            # the command failed and no family could say why: guess from the log's end
            events += filter(None, (_guess(task) for task in last))
        if exit_code == 0:  # the command succeeded: whatever it said was not fatal
            for event in events:
                if event.severity.rank < Severity.LOW.rank:
                    event.severity = Severity.LOW
        return sorted(events, key=_order)[:MAX_EVENTS]


# The lines before a chunk, the chunk, the next chunk's first lines (None after the last), how
# many lines come before, the chunk's first line number, the command and its exit code: all a
# worker needs.
_Task = tuple[bytes, bytes, "bytes | None", int, int, "str | None", "int | None"]


def _chunk_events(task: _Task) -> list[tuple[_Key, ErrorEvent]]:
    """The distinct events of one chunk, read with the lines around it as context, keyed: an
    event is the chunk's whose line is in it, and is read with what comes before and after
    (a test's report cut by the chunk's end is read whole)."""
    events: dict[_Key, ErrorEvent] = {}  # a chunk's worth: the collector caps them later
    with _uncollected():
        out, carried, shift, after = _task_output(task)
        for name, parse in families().items():
            for event in parse(out):
                if not carried <= event.line_index < after:
                    continue  # the previous or the next chunk's
                event.line_index += shift
                if not event.tool:
                    event.tool = name
                events.setdefault(_key(event), event)
        del out  # its lines go before collections resume: they would be looked through
    return list(events.items())


@contextmanager
def _uncollected() -> Iterator[None]:
    """No cyclic garbage collection while a chunk is read: its tens of thousands of lines and
    matches would set off collections that find nothing (they are freed by reference counts)
    and cost a tenth of the read. Collections resume after the chunk."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _guess(task: _Task) -> ErrorEvent | None:
    out, _, shift, _ = _task_output(task)
    event = _fallback.guess(out)
    if event is not None:
        event.line_index += shift
    return event


def _task_output(task: _Task) -> tuple[Output, int, int, int]:
    """The chunk with its context lines as one output, how many lines of it come before the
    chunk, what turns a line index in it into one in the whole log, and the index of the first
    line after the chunk."""
    carry, chunk, ahead, carried, first_line, command, exit_code = task
    data = carry + b"\n" + chunk if carried else chunk
    after = carried + chunk.count(b"\n") + 1
    out = Output(data if ahead is None else data + b"\n" + ahead, command, exit_code)
    return out, carried, first_line - carried, after


def detect(
    text: str | bytes, command: str | None = None, exit_code: int | None = None
) -> list[ErrorEvent]:
    """The errors in one piece of output, root cause first."""
    data = text.encode("utf-8", errors="replace") if isinstance(text, str) else text
    return _detect_chunks(_read_chunks(io.BytesIO(data)), command, exit_code)


def detect_stream(
    stream: BinaryIO, command: str | None = None, exit_code: int | None = None, workers: int = 1
) -> list[ErrorEvent]:
    """The errors in a binary stream of any size, read a chunk at a time."""
    own = _own_position(stream) if workers > 1 else None
    return _detect_chunks(_read_chunks(own or stream), command, exit_code, workers, bool(own))


def _detect_chunks(
    chunks: Iterator[bytes],
    command: str | None,
    exit_code: int | None,
    workers: int = 1,
    rereadable: bool = False,
) -> list[ErrorEvent]:
    collector = _Collector()
    tasks = _tasks(chunks, command, exit_code)
    first = list(islice(tasks, 2))
    last = deque(first, maxlen=1)  # the end of the log, where a guess would look
    tasks = _remembering(tasks, last)
    if not LITERALS.known and len(first[0][1]) > WARM_UP_BYTES:
        _warm_up(first[0])
    if workers < 2 or len(first) < 2:  # small outputs are read here, in order
        for task in chain(first, tasks):
            collector.add(_chunk_events(task))
        return collector.result(exit_code, last)
    LITERALS.compile()
    share = _claiming if rereadable else _in_workers
    for events in share(chain(first, tasks), workers):
        collector.add(events)
    return collector.result(exit_code, last)


def _warm_up(task: _Task) -> None:
    """A fresh process first reads a sample of the log's first chunk: lines from all along it,
    WARM_UP_BYTES in all. The families ask for their literals and compile their regexes on it,
    at a fraction of the cost of learning them on the whole chunk (each literal not yet in the
    index is looked for on its own), and forked workers inherit them."""
    carry, chunk, _, *rest = task
    step = len(chunk) // _WARM_UP_PIECES
    piece = WARM_UP_BYTES // _WARM_UP_PIECES
    pieces = []
    for start in range(0, len(chunk) - piece, step):
        begin = chunk.find(b"\n", start) + 1  # whole lines only
        end = chunk.rfind(b"\n", begin, begin + piece)
        if begin and end > begin:
            pieces.append(chunk[begin:end])
    _chunk_events((carry, b"\n".join(pieces), None, *rest))


def _claiming(tasks: Iterator[_Task], workers: int) -> Iterator[list[tuple[_Key, ErrorEvent]]]:
    """This process and the forked workers each read the whole log (each from its own
    position: see `_own_position`) and each reads next the chunk no one has claimed yet, so
    that none waits on another at the end; only the answers are sent."""
    import multiprocessing

    claimed = multiprocessing.get_context("fork").Value("l", 0)  # the next chunk to claim
    started = _fork(workers - 1, lambda _: (_claimed(tasks, claimed),))
    try:
        yield from map(_chunk_events, _claimed(tasks, claimed))
        yield from _answers(started)
    finally:
        _stop(started)


def _claimed(tasks: Iterator[_Task], claimed) -> Iterator[_Task]:
    """The tasks this process claims, each the next one no process has taken."""
    mine = _claim(claimed)
    for number, task in enumerate(tasks):
        if number == mine:
            yield task
            mine = _claim(claimed)


def _claim(claimed) -> int:
    with claimed.get_lock():
        claimed.value += 1
        return claimed.value - 1


def _in_workers(tasks: Iterator[_Task], workers: int) -> Iterator[list[tuple[_Key, ErrorEvent]]]:
    """For a log only this process can read (a pipe): each forked worker takes chunks from one
    queue as it gets free. (A pool's hand-off of every chunk's events cost more than reading
    them: a worker keeps its own collector and answers once.)"""
    import multiprocessing

    inbox = multiprocessing.get_context("fork").Queue(maxsize=2 * workers)  # flat memory
    started = _fork(workers, lambda _: (iter(inbox.get, None),))
    try:
        _feed(inbox, chain(tasks, [None] * workers), [process for process, _ in started])
        yield from _answers(started)
    finally:
        _stop(started)
        inbox.cancel_join_thread()  # whatever is left in it is not wanted
        inbox.close()


_Started = list[tuple["BaseProcess", "Connection"]]  # a worker, and where its answer comes


def _fork(count: int, tasks_of: Callable[[int], tuple[Iterable[_Task]]]) -> _Started:
    """`count` worker processes, the n-th reading `tasks_of(n)`, each with a pipe to answer."""
    import multiprocessing  # only a large log pays for it

    context = multiprocessing.get_context("fork")
    started: _Started = []
    gc.freeze()  # a collection in a worker would write to every inherited object: copy-on-write
    for n in range(count):
        reader, writer = context.Pipe(duplex=False)
        process = context.Process(target=_worker, args=(*tasks_of(n), writer), daemon=True)
        process.start()
        writer.close()  # the worker holds the only writing end: its death ends our read
        started.append((process, reader))
    gc.unfreeze()
    return started


def _answers(started: _Started) -> Iterator[list[tuple[_Key, ErrorEvent]]]:
    for process, reader in started:
        try:
            answer = reader.recv()
        except EOFError:
            raise RuntimeError(f"a detection worker died (exit {process.exitcode})") from None
        if isinstance(answer, BaseException):
            raise answer
        yield answer


def _stop(started: _Started) -> None:
    for process, reader in started:
        reader.close()
        process.kill()
        process.join()


def _feed(inbox, tasks: Iterable[_Task | None], workers: list) -> None:
    """Queue the tasks (a None stops a worker) while a worker is there to take them; if all
    have stopped early, their answers say why."""
    for task in tasks:
        while True:
            try:
                inbox.put(task, timeout=1)
                break
            except queue.Full:
                if not any(worker.is_alive() for worker in workers):
                    return


def _worker(tasks: Iterable[_Task], answer) -> None:
    # What the parent had is frozen (see `_fork`): collections between chunks only look at
    # the chunks' leftovers.
    collector = _Collector()
    try:
        for task in tasks:
            collector.add(_chunk_events(task))
        answer.send(collector.best())
    except BaseException as exc:  # the parent raises it: a worker never hangs the read
        answer.send(exc)


class _OwnPosition:
    """A regular file read with `pread` from a position kept in this process's memory: after
    a fork, each process reads it on its own (a file descriptor's offset is shared)."""

    def __init__(self, fd: int, offset: int) -> None:
        self.fd, self.offset = fd, offset

    def read(self, size: int) -> bytes:
        data = os.pread(self.fd, size, self.offset)
        self.offset += len(data)
        return data


def _own_position(stream: BinaryIO) -> BinaryIO | None:
    """The rest of the stream, in a form each forked process can read on its own; None if
    only this process can (a pipe)."""
    if isinstance(stream, io.BytesIO):
        return stream  # a forked process has its own copy, position and all
    try:
        fd = stream.fileno()
        if stat.S_ISREG(os.fstat(fd).st_mode):
            return _OwnPosition(fd, stream.tell())  # type: ignore[return-value]
    except (AttributeError, OSError, ValueError):  # no descriptor, or a closed one
        pass
    return None


def _remembering(tasks: Iterator[_Task], last: deque) -> Iterator[_Task]:
    for task in tasks:
        last.append(task)
        yield task


def _tasks(chunks: Iterator[bytes], command: str | None, exit_code: int | None) -> Iterator[_Task]:
    """Each chunk with the lines before it that parsers may look back on: the previous chunk's
    last lines, and before them the scene lines (see `_scene_markers`) read further back."""
    tail, tail_lines, first_line = b"", 0, 0
    scene: dict[bytes, tuple[int, bytes]] = {}  # a marker's latest line: its number and text
    carry, carried = b"", 0
    chunk = next(chunks, None)
    while chunk is not None:
        following = next(chunks, None)
        ahead = None if following is None else _first_lines(following, AHEAD_LINES)
        yield carry, chunk, ahead, carried, first_line, command, exit_code
        _set_scene(scene, chunk, first_line)
        first_line += chunk.count(b"\n") + 1
        tail, tail_lines = _last_lines(chunk, tail if tail_lines else None)
        earlier = [line for number, line in sorted(scene.values())
                   if number < first_line - tail_lines]
        carry = b"\n".join([*earlier, tail]) if earlier else tail
        carried = len(earlier) + tail_lines
        chunk = following


@cache
def _scene_markers() -> tuple[bytes, ...]:
    """What the families' `SCENE`s name: lines that set the scene for the rest of a log
    (pytest's `rootdir: `, which node ids are relative to), kept in every later chunk's
    context however far back they are."""
    modules = {importlib.import_module(parse.__module__) for parse in families().values()}
    return tuple(sorted(marker.encode() for module in modules
                        for marker in getattr(module, "SCENE", ())))


def _set_scene(scene: dict[bytes, tuple[int, bytes]], chunk: bytes, first_line: int) -> None:
    """Note the chunk's last line with each scene marker, and its number in the log."""
    for marker in _scene_markers():
        at = chunk.rfind(marker)
        if at != -1:
            start = chunk.rfind(b"\n", 0, at) + 1
            end = chunk.find(b"\n", at)
            line = chunk[start : end if end != -1 else len(chunk)]
            scene[marker] = (first_line + chunk.count(b"\n", 0, start), line[:MAX_LINE])


def _first_lines(data: bytes, count: int) -> bytes:
    """The first `count` lines of `data`."""
    cut = -1
    for _ in range(count):
        cut = data.find(b"\n", cut + 1)
        if cut == -1:
            return data
    return data[:cut]


def _last_lines(data: bytes, before: bytes | None = None,
                count: int = CONTEXT_LINES) -> tuple[bytes, int]:
    """The last `count` lines of `before` (if any) and `data` joined by a line end, and how
    many there are."""
    cut = len(data)
    for found in range(count):
        cut = data.rfind(b"\n", 0, cut)
        if cut == -1:
            if before is None or found + 1 == count:
                return data, found + 1
            rest, more = _last_lines(before, None, count - found - 1)
            return rest + b"\n" + data, found + 1 + more
    return data[cut + 1 :], count


def _read_chunks(stream: BinaryIO) -> Iterator[bytes]:
    """The stream in chunks of about CHUNK_BYTES cut after a line end (one huge line is cut
    where it must be); what is left at the end is the last chunk."""
    pending, empty = b"", True
    while block := stream.read(CHUNK_BYTES):
        empty = False
        data = pending + block
        if len(data) < CHUNK_BYTES:  # the end, or a pipe that gave less than asked: read on
            pending = data
            continue
        cut = data.rfind(b"\n")
        if cut == -1:  # no line end in a whole megabyte: binary or one huge line
            pending = b""
            yield data
            continue
        pending = data[cut + 1 :]
        yield data[:cut]
    if pending.endswith(b"\n"):
        pending = pending[:-1]  # the end of the last line, not an empty line after it
    if pending or empty:  # a silent command's output is one empty chunk
        yield pending
