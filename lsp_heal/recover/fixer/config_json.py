"""JSON as people write it (comments, trailing commas, 'single quotes', bare keys, a comma
left out) turned into JSON, by edits at those spots only: order and layout stay as they are."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

from lsp_heal.recover.fixer.outcome import Repair

_TOKEN = re.compile(
    r"""(?P<ws>\s+)|(?P<line_comment>//[^\n]*|\#[^\n]*)|(?P<block_comment>/\*.*?(?:\*/|\Z))
    |(?P<dq>"(?:[^"\\\n]|\\.)*"?)|(?P<sq>'(?:[^'\\\n]|\\.)*'?)
    |(?P<punct>[{}\[\]:,])|(?P<word>[^\s{}\[\]:,"'/#]+|/)""",
    re.VERBOSE | re.DOTALL,
)
_LITERALS = {"true", "false", "null"}
_NUMBER = re.compile(r"-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?\Z")


def _problem(text: str) -> str | None:
    try:
        json.loads(text)
    except json.JSONDecodeError as exc:
        return f"line {exc.lineno} column {exc.colno}: {exc.msg}"
    except RecursionError:
        return "nested too deeply"
    return None


def _edits(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, replacement) for each JSON5-ism, in order."""
    tokens = [(m.lastgroup, m.start(), m.end()) for m in _TOKEN.finditer(text)]
    significant = [t for t in tokens if t[0] not in ("ws", "line_comment", "block_comment")]
    following = {t[1]: significant[i + 1] if i + 1 < len(significant) else None
                 for i, t in enumerate(significant)}
    previous = None
    for kind, start, end in tokens:
        value = text[start:end]
        if kind in ("line_comment", "block_comment"):
            yield _comment_removal(text, start, end)
            continue
        if kind == "ws":
            continue
        nxt = following[start]
        if kind == "punct" and value == "," and (nxt is None or text[nxt[1]] in "}]"):
            yield start, end, ""
        elif kind == "sq":
            inner = value[1:-1] if value.endswith("'") and len(value) > 1 else value[1:]
            yield start, end, json.dumps(inner.replace("\\'", "'"), ensure_ascii=False)
        elif kind == "word" and nxt and text[nxt[1]] == ":" and value not in _LITERALS:
            yield start, end, json.dumps(value)
        if previous and _ends_value(text, previous) and _starts_value(text, kind, start):
            yield previous[2], previous[2], ","
        previous = (kind, start, end)


def _comment_removal(text: str, start: int, end: int) -> tuple[int, int, str]:
    """A comment alone on its line goes with its line; one after code goes with its spaces."""
    line_begin = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end == -1 else line_end
    if not text[line_begin:start].strip() and not text[end:line_end].strip():
        return line_begin, min(line_end + 1, len(text)), ""
    while start > line_begin and text[start - 1] in " \t":
        start -= 1
    return start, end, ""


def _ends_value(text: str, token: tuple[str, int, int]) -> bool:
    kind, start, end = token
    return kind in ("dq", "sq") or text[start:end] in ("}", "]") or (
        kind == "word" and (text[start:end] in _LITERALS or bool(_NUMBER.match(text[start:end]))))


def _starts_value(text: str, kind: str, start: int) -> bool:
    return kind in ("dq", "sq", "word") or text[start] in "{["


def repair(text: str) -> Repair:
    if _problem(text) is None:
        return Repair(text, True)
    pieces, pos = [], 0
    for start, end, new in _edits(text):
        if start < pos:
            continue
        pieces += [text[pos:start], new]
        pos = end
    fixed = "".join(pieces) + text[pos:]
    problem = _problem(fixed)
    return Repair(fixed, problem is None, problem or "")
