"""The difference between two texts as a few `edit` records (the format of recover/files.py).

Repairs are made one after another, each against the text the last one left, so the edits a
user sees are computed once at the end: the changed spans between the original and the
repaired text, with positions in the original.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from typing import Any

from lsp_heal.recover.fixer.pylex import line_of

#: Edits are whole words (a misspelt keyword is replaced, not patched letter by letter).
_WORD = re.compile(r"\w+|[ \t]+|\r\n|\n|\r|.", re.DOTALL)


def diff_edits(before: str, after: str) -> list[dict[str, Any]]:
    """Insert/delete/replace records turning `before` into `after`; 1-based, character columns."""
    if before == after:
        return []
    starts = _line_starts(before)
    edits = []
    for op, i1, i2, j1, j2 in _opcodes(before, after):
        line, column = _position(starts, i1)
        edit: dict[str, Any] = {"line": line, "column": column}
        if i2 > i1:
            edit["end_line"], edit["end_column"] = _position(starts, i2)
        if op == "insert":
            edit["insert"] = after[j1:j2]
        elif op == "replace":
            edit["replace"] = after[j1:j2]
        edits.append(edit)
    return edits


def _opcodes(before: str, after: str) -> list[tuple[str, int, int, int, int]]:
    """Character-level changes, found line by line first: quadratic only in what changed."""
    a, b = before.splitlines(keepends=True), after.splitlines(keepends=True)
    a_starts, b_starts = _line_starts(before), _line_starts(after)
    changes = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        x1, x2, y1, y2 = a_starts[i1], a_starts[i2], b_starts[j1], b_starts[j2]
        old, new = _WORD.findall(before[x1:x2]), _WORD.findall(after[y1:y2])
        old_at, new_at = _offsets(old, x1), _offsets(new, y1)
        inner = SequenceMatcher(None, old, new, autojunk=False)
        changes += [(o, old_at[k1], old_at[k2], new_at[l1], new_at[l2])
                    for o, k1, k2, l1, l2 in inner.get_opcodes() if o != "equal"]
    return changes


def _offsets(words: list[str], base: int) -> list[int]:
    """Start offset of each word, and the end of the last."""
    out = [base]
    for word in words:
        out.append(out[-1] + len(word))
    return out


def _line_starts(text: str) -> list[int]:
    starts = [0]
    for line in text.splitlines(keepends=True):
        starts.append(starts[-1] + len(line))
    return starts


def _position(starts: list[int], offset: int) -> tuple[int, int]:
    line = line_of(starts, offset)
    return line + 1, offset - starts[line] + 1
