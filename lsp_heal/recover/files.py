"""File changes that cannot be half-made: atomic writes, hashes, and the text-edit format.

An `edit` action (DESIGN §4) carries `{"path", "edits"}`; each edit is one of

    {"line": 4, "column": 12, "insert": ":"}                          insert before (4, 12)
    {"line": 4, "column": 1, "end_line": 5, "end_column": 1}          delete [start, end)
    {"line": 4, "column": 5, "end_line": 4, "end_column": 9, "replace": "True"}

Lines and columns are 1-based (as `fix --json` prints them); a column counts characters of
the line (not bytes), and `end_line`/`end_column` are exclusive. A position one past the
last character of a line is its end; line `n + 1`, column 1 is the end of a file of `n`
lines. Every position refers to the text *before* any edit: the edits of one action are
applied from last to first and may not overlap.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Iterable, Mapping
from itertools import pairwise
from pathlib import Path
from typing import Any


class EditError(ValueError):
    """An edit that does not fit the text: outside it, malformed, or overlapping another."""


def sha256(data: bytes | None) -> str | None:
    """Hex digest of some content; None for a file that does not exist."""
    return None if data is None else hashlib.sha256(data).hexdigest()


def read_bytes(path: Path) -> bytes | None:
    """The file's content, or None when there is no such file."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


def file_mode(path: Path) -> int | None:
    """The permission bits of a file, or None when there is no such file."""
    try:
        return path.stat().st_mode & 0o7777
    except FileNotFoundError:
        return None


def atomic_write(path: Path, data: bytes, mode: int | None = None) -> None:
    """Replace `path` by `data` so that a crash leaves either the old or the new file.

    The data goes to a temporary file in the same directory, is flushed to disk, then renamed
    over the target, and the directory entry is flushed too. The file keeps its permission
    bits unless `mode` is given (a new file gets 0o644 less the umask, like `open`).
    """
    path = Path(path)
    mode = written_mode(path, mode)
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".lsp-heal", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temp, mode)
        os.replace(temp, path)
    except BaseException:
        try:
            os.unlink(temp)
        except FileNotFoundError:
            pass
        raise
    fsync_dir(path.parent)


def written_mode(path: Path, mode: int | None) -> int:
    """The mode `atomic_write(path, ..., mode)` leaves: given, kept, or a new file's default."""
    if mode is not None:
        return mode
    current = file_mode(path)
    if current is not None:
        return current
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def fsync_dir(directory: Path) -> None:
    """Flush a directory entry (a rename or an unlink) to disk, where the platform allows it."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return  # Windows cannot open directories; its rename is durable enough
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def remove_file(path: Path) -> None:
    """Delete a file if it is there, and flush the directory entry."""
    try:
        os.unlink(path)
    except FileNotFoundError:
        return
    fsync_dir(path.parent)


def apply_edits(text: str, edits: Iterable[Mapping[str, Any]]) -> str:
    """The text with the edits (the format in this module's docstring) made."""
    lines = text.splitlines(keepends=True)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))

    def offset(line: Any, column: Any) -> int:
        if not isinstance(line, int) or not isinstance(column, int) or line < 1 or column < 1:
            raise EditError(f"line and column must be positive integers, not {line!r}:{column!r}")
        if line == len(lines) + 1 and column == 1:
            return len(text)
        if line > len(lines):
            raise EditError(f"line {line} is past the end of the text ({len(lines)} lines)")
        content = lines[line - 1].rstrip("\r\n")
        if column > len(content) + 1:
            raise EditError(f"column {column} is past the end of line {line}")
        return starts[line - 1] + column - 1

    spans = []
    for edit in edits:
        start = offset(edit.get("line"), edit.get("column"))
        if "end_line" in edit or "end_column" in edit:
            end = offset(edit.get("end_line", edit.get("line")), edit.get("end_column"))
        else:
            end = start
        new = edit.get("insert", edit.get("replace", ""))
        if not isinstance(new, str) or end < start:
            raise EditError(f"malformed edit {dict(edit)!r}")
        spans.append((start, end, new))
    spans.sort(key=lambda span: (span[0], span[1]))
    for (_, end, _), (start, _, _) in pairwise(spans):
        if start < end:
            raise EditError("edits overlap")
    for start, end, new in reversed(spans):
        text = text[:start] + new + text[end:]
    return text
