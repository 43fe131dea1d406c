"""The edits that record a new dependency in the project's files, for installs whose manager
does not record it by itself (pip): a line in requirements.txt, a name in pyproject.toml.

An install the project's files don't record is half a fix: the next clone fails again.
Edits are computed from the file as it is now (1-based positions, all relative to the file
before any of them is applied) and checked to leave valid TOML.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from lsp_heal.model import Action
from lsp_heal.recover.names import normalise

_REQUIREMENT_NAME = re.compile(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)")
_HEADER = re.compile(r"\s*\[+\s*([A-Za-z0-9_.\"-]+)\s*\]+\s*(?:#.*)?$")


def _insert(line: int, column: int, text: str) -> dict[str, Any]:
    return {"line": line, "column": column, "insert": text}


def _end_of_file(text: str, addition: str) -> dict[str, Any]:
    """An insertion after the last line, adding the missing final newline first."""
    lines = text.split("\n")
    if text == "" or text.endswith("\n"):
        return _insert(len(lines) if text else 1, 1, addition)
    return _insert(len(lines), len(lines[-1]) + 1, "\n" + addition)


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return ""
    except (OSError, UnicodeDecodeError):
        return None


def append_line(path: Path, line: str) -> Action | None:
    """An edit adding `line` at the end of a text file (creating it if missing)."""
    text = _read(path)
    if text is None:
        return None
    return Action("edit", {"path": str(path), "edits": [_end_of_file(text, line + "\n")]})


def requirements_edit(path: Path, package: str) -> Action | None:
    """Append `package` to a requirements file (None: it is already listed or unreadable)."""
    for line in (_read(path) or "").splitlines():
        match = _REQUIREMENT_NAME.match(line)
        if match and normalise(match[1]) == normalise(package):
            return None
    return append_line(path, package)


def pyproject_edit(path: Path, package: str, dev: bool = False) -> Action | None:
    """Add `package` to `[project] dependencies` (dev: `[dependency-groups] dev`)."""
    try:
        text = path.read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return None
    table, key = ("dependency-groups", "dev") if dev else ("project", "dependencies")
    if table == "project" and "project" not in data:
        return None
    listed = data.get(table, {}).get(key, [])
    if any(isinstance(r, str) and _REQUIREMENT_NAME.match(r)
           and normalise(_REQUIREMENT_NAME.match(r)[1]) == normalise(package) for r in listed):
        return None
    edits = _array_edits(text, table, key, f'"{package}"')
    if edits is None or not _still_toml(text, edits):
        return None
    return Action("edit", {"path": str(path), "edits": edits})


def _array_edits(text: str, table: str, key: str, item: str) -> list[dict[str, Any]] | None:
    lines = text.split("\n")
    start = next((i for i, line in enumerate(lines)
                  if (m := _HEADER.match(line)) and m[1] == table), None)
    if start is None:
        return [_end_of_file(text, f"\n[{table}]\n{key} = [{item}]\n")]
    end = next((i for i in range(start + 1, len(lines)) if _HEADER.match(lines[i])), len(lines))
    assign = re.compile(rf"\s*{re.escape(key)}\s*=\s*\[")
    found = next((i for i in range(start + 1, end) if assign.match(lines[i])), None)
    if found is None:
        return [_insert(start + 2, 1, f"{key} = [{item}]\n")]
    line = lines[found]
    if "]" in line[line.index("[") :]:  # one-line array
        close = line.rindex("]")
        inner = line[line.index("[") + 1 : close].strip()
        text_in = item if not inner else (f" {item}" if inner.endswith(",") else f", {item}")
        return [_insert(found + 1, close + 1, text_in)]
    close = next((i for i in range(found + 1, len(lines)) if lines[i].strip().startswith("]")),
                 None)
    if close is None:
        return None
    edits = []
    last = next((i for i in range(close - 1, found, -1)
                 if lines[i].strip() and not lines[i].strip().startswith("#")), None)
    if last is not None and not lines[last].rstrip().endswith(","):
        edits.append(_insert(last + 1, len(lines[last].rstrip()) + 1, ","))
    indent = re.match(r"\s*", lines[last])[0] if last is not None else "    "
    edits.append(_insert(close + 1, 1, f"{indent}{item},\n"))
    return edits


def apply_edits(text: str, edits: list[dict[str, Any]]) -> str:
    """The text after `edits` (positions in the original text); last position first."""
    lines = text.split("\n")
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line) + 1)
    ordered = sorted(edits, key=lambda e: (e["line"], e["column"]), reverse=True)
    for edit in ordered:
        at = min(offsets[edit["line"] - 1] + edit["column"] - 1, len(text))
        text = text[:at] + edit["insert"] + text[at:]
    return text


def _still_toml(text: str, edits: list[dict[str, Any]]) -> bool:
    try:
        tomllib.loads(apply_edits(text, edits))
    except tomllib.TOMLDecodeError:
        return False
    return True
