"""Tool output made safe to parse: decoded, de-coloured, one list of lines, fast lookups.

Parsers never see raw bytes. They get an `Output`: ANSI escapes and progress-bar rewrites
(`\\r`) are gone, line endings are `\\n`, control bytes are dropped and very long lines are cut,
so a regex over a line is always cheap. Parsers look up a literal first (`find`) and run
their regexes only on the lines that contain it. Every literal any parser has asked for is
remembered, and the next outputs are searched for all of them in one Aho-Corasick pass
instead of one scan per literal: with a few hundred literals that is what keeps a large
log in the tens of MB/s.
"""

from __future__ import annotations

import os
import re
import shlex
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator
from functools import cached_property
from itertools import accumulate
from typing import Any, TypeVar

import ahocorasick_rs

MAX_LINE = 8192
T = TypeVar("T")

_ANSI = re.compile(  # one leading ESC, not one per branch: the engine then skips to each ESC
    rb"\x1b(?:\[[0-?]*[ -/]*[@-~]"  # CSI: colours, cursor moves
    rb"|\][^\x07\x1b\n]*(?:\x07|\x1b\\)?"  # OSC: titles, hyperlinks, shell integration
    rb"|[ -/]+[0-~]"  # character-set choices: curses' reset is `ESC ( B ESC [ m`
    rb"|[@-Z\\-_])"  # other two-byte escapes
)
# CI runners (GitHub Actions, GitLab, Buildkite) stamp every line: `2026-11-27T10:00:00.123Z `;
# CI scripts and build wrappers (Jenkins' timestamper, `ts`-style loggers) with the clock alone:
# `[10:00:00] `.
_STAMP = (rb"(?:\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:[.,]\d+)?(?:Z|[+-]\d\d:?\d\d)? ?"
          rb"|\[\d\d:\d\d:\d\d(?:[.,]\d+)?\] ?)")
_STAMPED = re.compile(rb"(?:^|\n)" + _STAMP)
_STAMP_FIRST = re.compile(_STAMP)
_STAMP_AFTER_NEWLINE = re.compile(rb"\n" + _STAMP)  # a literal first: the engine skips to it
_CRLF = re.compile(rb"\r\n")
_QUOTED_CR = re.compile(rb"\r(?=[:'])")
_CONTROL = bytes([*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])  # all but \t \n \r

# Launchers whose first argument names the real tool: `python -m pytest`, `npx jest`, ...
_LAUNCHERS = {"npx", "pnpx", "bunx", "uvx", "pipx", "sudo", "env", "time", "nice", "exec"}
_RUNNERS = {"run", "exec", "dlx"}  # `uv run X`, `poetry run X`, `pnpm exec X`
# their options that take a value (`uv run --with httpx pytest`): the program comes after it
_RUNNER_VALUES = {"--with", "--with-editable", "--with-requirements", "--python", "-p",
                  "--project", "--directory", "--env-file", "--extra", "--group", "--only-group",
                  "--package", "--index", "--index-url", "--extra-index-url", "--filter", "-C",
                  "--dir"}


def clean(data: bytes) -> bytes:
    """Terminal output as a person would read it on screen (bytes in, bytes out)."""
    if b"\x1b" in data:
        data = _ANSI.sub(b"", data)
    data = data.translate(None, _CONTROL)
    # only stamped logs pay for it: a stamp near the start or the end (where a job's failure is)
    if _STAMPED.match(data) or _STAMPED.search(data, 0, 4096) or (
            len(data) > 4096 and _STAMPED.search(data, len(data) - 4096)):
        first = _STAMP_FIRST.match(data)
        data = _STAMP_AFTER_NEWLINE.sub(b"\n", data[first.end() if first else 0 :])
    return _overwrite_carriage_returns(data) if b"\r" in data else data


def _overwrite_carriage_returns(data: bytes) -> bytes:
    """`\r\n` ends a line; a lone `\r` (a progress bar) rewinds it: keep the last frame.

    A `\r` that a message quotes, from a script saved with CRLF endings (`b.sh: 2: \r: not
    found`, `bad interpreter: /bin/bash\r: No such file`), is text: shown as `^M`, as zsh does.
    Only the lines with a `\r` are rewritten, unless many lines end in one (a Windows log)."""
    windows = data.count(b"\r") > len(data) >> 10
    if windows:
        data = _CRLF.sub(b"\n", data)  # a compiled literal beats bytes.replace on a 2-byte needle
    pieces, start = [], 0
    pos = data.find(b"\r")
    while pos != -1:
        line_start = data.rfind(b"\n", 0, pos) + 1
        line_end = data.find(b"\n", pos)
        line = data[line_start:line_end]
        if line_end == -1:
            line_end, line = len(data), data[line_start:]
        elif not windows and line.endswith(b"\r"):
            line = line[:-1]  # the CR of a CRLF line end
        pieces += [data[start:line_start], _rewritten(line)]
        start = line_end
        pos = data.find(b"\r", line_end)
    pieces.append(data[start:])
    return b"".join(pieces)


def _rewritten(line: bytes) -> bytes:
    """A line with a `\r` in it, as the terminal showed it."""
    if b"\r" in line:
        line = _QUOTED_CR.sub(b"^M", line)
    return _last_frame(line) if b"\r" in line else line


def _last_frame(line: bytes) -> bytes:
    frames = [frame for frame in line.split(b"\r") if frame.strip()]
    return frames[-1] if frames else b""


def decode(data: bytes) -> str:
    """UTF-8 with replacement: a stray Latin-1 byte must not lose the rest of the log."""
    return data.decode("utf-8", errors="replace")


def tool_of(command: str | None) -> str | None:
    """The tool a command line runs: `python -m pytest -x` → pytest, `npx tsc` → tsc."""
    if not command:
        return None
    try:
        argv = shlex.split(command)
    except ValueError:
        argv = command.split()
    while argv and "=" in argv[0] and not argv[0].startswith("-"):
        argv = argv[1:]  # FOO=1 cmd
    if not argv:
        return None
    name = os.path.basename(argv[0])
    rest = argv[1:]
    if name in _LAUNCHERS:
        while rest and rest[0].startswith("-"):
            rest = rest[1:]  # npx --yes tsc
        return tool_of(shlex.join(rest)) if rest else name
    if re.fullmatch(r"python[\d.]*|py", name):
        if len(rest) >= 2 and rest[0] == "-m":
            return rest[1]
        return "python"
    if name in {"uv", "poetry", "pipenv", "pdm", "hatch", "pnpm", "yarn", "npm"} and rest:
        if rest[0] in _RUNNERS and len(rest) > 1 and name not in {"npm", "yarn"}:
            return tool_of(shlex.join(_program_and_after(rest[1:])))
    if name.endswith(".exe"):
        name = name[:-4]
    return name


def _program_and_after(argv: list[str]) -> list[str]:
    """A runner's arguments from the program it runs on: past its options and their values."""
    i = 0
    while i < len(argv) and argv[i].startswith("-") and argv[i] != "--":
        i += 2 if argv[i] in _RUNNER_VALUES else 1
    return argv[i + 1 :] if argv[i : i + 1] == ["--"] else argv[i:]


# the literals indexed, as a tuple (by automaton pattern id) and a set, and their automaton
_State = tuple[tuple[str, ...], frozenset[str], "ahocorasick_rs.BytesAhoCorasick | None"]


class _Literals:
    """The literals parsers look up, matched together: one pass over a text finds them all."""

    def __init__(self) -> None:
        self.known: set[str] = set()
        self._state: _State = ((), frozenset(), None)
        self._settled: _State | None = None  # the state whose automaton is a DFA

    def learn(self, literal: str) -> None:
        if literal:
            self.known.add(literal)

    def compile(self) -> _State:
        """The literals known now, as a tuple and a set, and their automaton. While parsers
        are still teaching literals (a fresh process, a new kind of output) it is rebuilt as
        an NFA, in 2 ms; once the literals have stayed the same from one text to the next, as
        a DFA, which takes ~20 ms to build and scans about twice as fast."""
        state = self._state
        if len(state[0]) != len(self.known):
            self._state = self._built(ahocorasick_rs.Implementation.ContiguousNFA)
        elif state[2] is not None and state is not self._settled:
            self._state = self._settled = self._built(ahocorasick_rs.Implementation.DFA)
        return self._state

    def _built(self, implementation: ahocorasick_rs.Implementation) -> _State:
        known = tuple(self.known)  # a snapshot: other threads may learn meanwhile
        automaton = ahocorasick_rs.BytesAhoCorasick([k.encode() for k in known],
                                                    implementation=implementation)
        return known, frozenset(known), automaton  # assigned at once: thread-safe

    def index(self, padded: bytes) -> tuple[frozenset[str], dict[str, list[int]]]:
        """The literals known now, and the lines each occurs on (each line once, in order).

        `padded` is the text with a line end before it, so that a literal that begins with
        one (`"\\nerror "`: at the start of a line) is found on the first line too."""
        literals, indexed, automaton = self.compile()
        if automaton is None:
            return indexed, {}
        count = padded.count
        by_id: dict[int, list[int]] = {}
        line, offset = -1, 0  # the line of a position: the line ends before it, less the pad
        # hits come by their end; one literal's are in order, different literals' may cross
        for which, begin, _ in automaton.find_matches_as_indexes(padded, overlapping=True):
            if begin >= offset:  # count the line ends since the last hit
                line += count(b"\n", offset, begin)
            else:
                line -= count(b"\n", begin, offset)
            offset = begin
            # a hit that begins with a line end is on the line that follows it
            index = line + 1 if padded[begin] == 10 else line
            found = by_id.get(which)
            if found is None:
                by_id[which] = [index]
            elif found[-1] != index:
                found.append(index)
        return indexed, {literals[which]: found for which, found in by_id.items()}


LITERALS = _Literals()


class Output:
    """One piece of a tool's output, cleaned, with the command that produced it."""

    def __init__(
        self, raw: str | bytes, command: str | None = None, exit_code: int | None = None
    ) -> None:
        if isinstance(raw, str):
            raw = raw.encode("utf-8", errors="replace")
        self.data = clean(raw)  # the literals are searched in these bytes
        self.text = decode(self.data)
        self.command = command
        self.exit_code = exit_code
        self.tool = tool_of(command)
        self._shared: dict[Callable[[Output], Any], Any] = {}

    def shared(self, reading: Callable[[Output], T]) -> T:
        """`reading(self)`, worked out once for all families (where the test runs are, ...)."""
        if reading not in self._shared:
            self._shared[reading] = reading(self)
        return self._shared[reading]

    @cached_property
    def lines(self) -> list[str]:
        lines = self._whole_lines
        if max(map(len, lines)) > MAX_LINE:
            lines = [line[:MAX_LINE] for line in lines]
        return lines

    @cached_property
    def _whole_lines(self) -> list[str]:
        return self.text.split("\n")

    @cached_property
    def _line_ends(self) -> list[int]:
        """Byte offset of each line's start but the first's: each line's length + 1, summed."""
        return list(accumulate(map((1).__add__, map(len, self.data.split(b"\n")))))[:-1]

    @cached_property
    def _index(self) -> tuple[frozenset[str], dict[str, list[int]]]:
        return LITERALS.index(self._padded)

    @cached_property
    def _padded(self) -> bytes:
        """The text with a line end before it: line-start literals then match the first line."""
        return b"\n" + self.data

    @property
    def failed(self) -> bool:
        """True unless the command is known to have succeeded."""
        return self.exit_code != 0

    def find(self, needle: str, start: int = 0) -> Iterator[int]:
        """Indices of the lines that contain `needle`, each once, in order, from `start`."""
        indexed, lines = self._index
        if needle in indexed:
            hits = lines.get(needle, [])
        else:
            LITERALS.learn(needle)
            hits = list(self._scan(needle))
        return iter(hits[bisect_left(hits, start) :] if start else hits)

    def _scan(self, needle: str) -> Iterator[int]:
        padded, ends, literal = self._padded, self._line_ends, needle.encode()
        # `pos` in the padded text is `pos - 1` in the data; a line-start literal's hit is the
        # line end before its line
        shift = 0 if needle[0] == "\n" else 1
        pos = padded.find(literal)
        while pos != -1:
            index = bisect_right(ends, pos - shift)
            yield index
            if index >= len(ends):
                return
            pos = padded.find(literal, ends[index] + shift)

    def has(self, needle: str) -> bool:
        indexed, lines = self._index
        if needle in indexed:
            return needle in lines
        LITERALS.learn(needle)  # the next outputs will find it in the one pass
        return needle.encode() in self._padded

    def ending(self, count: int) -> range:
        """The indices of the last `count` lines: where a tool that prints only its verdict is
        read, whatever a longer log (a CI job, `make`) printed before it."""
        return range(max(0, len(self.lines) - count), len(self.lines))

    def line(self, index: int) -> str:
        """The line at `index`, or "" past either end."""
        return self.lines[index] if 0 <= index < len(self.lines) else ""
