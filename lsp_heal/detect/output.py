"""Tool output made safe to parse: decoded, de-coloured, one list of lines, fast lookups.

Parsers never see raw bytes. They get an `Output`: ANSI escapes and progress-bar rewrites
(`\\r`) are gone, line endings are `\\n`, control bytes are dropped and very long lines are cut,
so a regex over a line is always cheap. `find` scans the whole text with `str.find`, which
is what keeps detection in the tens of MB/s: parsers look up a literal first and run their
regexes only on the lines that contain it.
"""

from __future__ import annotations

import os
import re
import shlex
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property

MAX_LINE = 8192

_ANSI = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI: colours, cursor moves
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC: titles, hyperlinks, shell integration
    r"|\x1b[@-Z\\-_]"  # other two-byte escapes
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_CARRIAGE = re.compile(r"[^\n]*\r(?!\n)")  # text a later \r on the same line overwrote

# Launchers whose first argument names the real tool: `python -m pytest`, `npx jest`, ...
_LAUNCHERS = {"npx", "pnpx", "bunx", "uvx", "pipx", "sudo", "env", "time", "nice", "exec"}
_RUNNERS = {"run", "exec", "dlx"}  # `uv run X`, `poetry run X`, `pnpm exec X`


def clean(text: str) -> str:
    """Terminal text as a person would read it on screen."""
    if "\x1b" in text:
        text = _ANSI.sub("", text)
    if "\r" in text:
        text = text.replace("\r\n", "\n")
        if "\r" in text:
            text = _CARRIAGE.sub("", text)
    if _CONTROL.search(text):
        text = _CONTROL.sub("", text)
    return text


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
            return tool_of(shlex.join(rest[1:]))
    if name.endswith(".exe"):
        name = name[:-4]
    return name


@dataclass
class Output:
    """One piece of a tool's output, cleaned, with the command that produced it."""

    text: str
    command: str | None = None
    exit_code: int | None = None
    tool: str | None = field(init=False)

    def __post_init__(self) -> None:
        self.text = clean(self.text)
        self.tool = tool_of(self.command)

    @cached_property
    def lines(self) -> list[str]:
        lines = self.text.split("\n")
        if any(len(line) > MAX_LINE for line in lines):
            lines = [line[:MAX_LINE] for line in lines]
        return lines

    @cached_property
    def _starts(self) -> list[int]:
        starts, offset = [], 0
        for line in self.text.split("\n"):
            starts.append(offset)
            offset += len(line) + 1
        return starts

    @property
    def failed(self) -> bool:
        """True unless the command is known to have succeeded."""
        return self.exit_code != 0

    def find(self, needle: str, start: int = 0) -> Iterator[int]:
        """Indices of the lines that contain `needle`, each once, in order."""
        text, starts = self.text, self._starts
        pos = text.find(needle, starts[start] if start < len(starts) else len(text))
        while pos != -1:
            index = bisect_right(starts, pos) - 1
            yield index
            if index + 1 >= len(starts):
                return
            pos = text.find(needle, starts[index + 1])

    def has(self, needle: str) -> bool:
        return needle in self.text

    def line(self, index: int) -> str:
        """The line at `index`, or "" past either end."""
        return self.lines[index] if 0 <= index < len(self.lines) else ""
