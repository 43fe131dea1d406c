"""Candidate edits near a Python syntax error, each with a prior cost before any checking.

A candidate is a small textual edit: insert, delete or replace one token (or the indentation
of one line). The generators know the mistakes people make (a colon left out, a bracket too
many, `&&` from C, `retrun`, `print x` from Python 2); the compiler decides which of them
work, the cost model in `python.py` which of those is the most likely.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from lsp_heal.recover.fixer.pylex import (
    CLOSERS,
    KEYWORDS,
    OPENERS,
    Token,
    indent_width,
    line_of,
)
from lsp_heal.spelling import edit_distance

#: Tokens that people leave out, and the side of the gap they stick to.
_STICK_LEFT = (":", ",", ")", "]", "}")
_STICK_RIGHT = ("(", "[", "{")
#: Operators and words from other languages, and what Python says instead.
_FOREIGN = {"&&": "and", "||": "or", "===": "==", "!==": "!=", "<>": "!=", "++": " += 1"}
_TYPO_KEYWORDS = sorted(KEYWORDS - {"None", "True", "False"})


@dataclass(frozen=True, slots=True)
class Candidate:
    """Replace `text[start:end]` by `new`; `prior` is the cost before the language model."""

    start: int
    end: int
    new: str
    prior: float
    kind: str


@dataclass(slots=True)
class Site:
    """What the generators know about the error: its place, its message, the tokens near it."""

    text: str
    message: str
    offset: int  # where the compiler points
    line_starts: list[int]
    tokens: list[Token]  # the region's tokens, in order
    hint: str  # the message reduced to a keyword: colon, comma, closer, indent, ...


def hint_of(message: str) -> str:
    """The kind of mistake the compiler's message suggests ('' when it says nothing useful)."""
    for needle, hint in (
        ("expected ':'", "colon"), ("forgot a comma", "comma"), ("never closed", "closer"),
        ("unmatched", "unmatched"), ("does not match opening", "mismatch"),
        ("instead of '='", "equals"), ("Missing parentheses in call to 'print'", "print"),
        ("must be parenthesized", "except"), ("unterminated", "string"), ("indent", "indent"),
        ("tabs and spaces", "indent"),
    ):
        if needle in message:
            return hint
    return ""


def generate(site: Site) -> Iterator[Candidate]:
    yield from _insertions(site)
    yield from _deletions(site)
    yield from _replacements(site)
    yield from _statement_rewrites(site)
    yield from _indentations(site)
    yield from _string_closings(site)


def _code(tokens: list[Token]) -> list[Token]:
    return [t for t in tokens if t.kind not in ("comment", "cont")]


def _insertions(site: Site) -> Iterator[Candidate]:
    tokens = _code(site.tokens)
    bonus = {"colon": ":", "comma": ",", "closer": ")]}", "mismatch": ")]}"}.get(site.hint, "")
    for prev, nxt in zip([None, *tokens], [*tokens, None]):
        if prev is not None and prev.kind != "nl":
            for ch in _STICK_LEFT:
                yield Candidate(prev.end, prev.end, ch, 1.0 - 0.8 * (ch in bonus), "insert")
        if nxt is not None and nxt.kind != "nl" and prev is not None:
            for ch in _STICK_RIGHT:
                yield Candidate(nxt.start, nxt.start, ch, 1.5, "insert")


def _deletions(site: Site) -> Iterator[Candidate]:
    text = site.text
    for tok in _code(site.tokens):
        if tok.kind in ("nl", "str") or (
            text[tok.start - 1 : tok.start].isidentifier() and text[tok.end : tok.end + 1].isalnum()
        ):
            continue  # strings are content, not typos; `A(B` must not become `AB`
        prior = 1.2 if tok.kind == "op" else 4.0
        if tok.text in CLOSERS and site.hint == "unmatched":
            prior = 0.3
        end = tok.end
        # a word goes with the space after it, so that `retrun x` does not become ` x`
        if tok.kind in ("name", "kw") and site.text[end : end + 1] == " ":
            end += 1
        yield Candidate(tok.start, end, "", prior, "delete")


def _replacements(site: Site) -> Iterator[Candidate]:
    text = site.text
    for tok in _code(site.tokens):
        if tok.text in CLOSERS or tok.text in OPENERS:
            group = CLOSERS if tok.text in CLOSERS else OPENERS
            for other in group:
                if other != tok.text:
                    prior = 0.3 if site.hint == "mismatch" and group is CLOSERS else 1.3
                    yield Candidate(tok.start, tok.end, other, prior, "replace")
        elif tok.text == "=":
            yield Candidate(tok.start, tok.end, "==", 0.3 if site.hint == "equals" else 1.0,
                            "replace")
        elif tok.text in _FOREIGN:
            yield Candidate(tok.start, tok.end, _FOREIGN[tok.text], 0.3, "replace")
        elif tok.text == "!":
            spaced = text[tok.end : tok.end + 1] in (" ", "\t")
            yield Candidate(tok.start, tok.end, "not" if spaced else "not ", 0.3, "replace")
        elif tok.kind == "name":
            for word, distance in _near_keywords(tok.text):
                yield Candidate(tok.start, tok.end, word, 0.4 + 0.5 * distance, "keyword")


def _near_keywords(word: str) -> Iterator[tuple[str, int]]:
    if len(word) < 2 or len(word) > 9:
        return
    for kw in _TYPO_KEYWORDS:
        if abs(len(kw) - len(word)) <= 1 and (d := edit_distance(word, kw)) <= (
            1 if len(kw) <= 3 else 2
        ):
            yield kw, d


def _statement_rewrites(site: Site) -> Iterator[Candidate]:
    """`else if`, Python 2's `print x` and `except E, e:`."""
    tokens = _code(site.tokens)
    for i, tok in enumerate(tokens):
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        if tok.text == "else" and nxt is not None and nxt.text == "if":
            yield Candidate(tok.start, nxt.end, "elif", 0.3, "elif")
        elif tok.text == "print" and nxt is not None and nxt.kind != "nl" and (
            nxt.text not in ("(", "=", ".", ",", ")", "[", ":") or site.hint == "print"
        ):
            end = _statement_end(tokens, i)
            if end is not None:
                body = site.text[nxt.start : end]
                yield Candidate(tok.start, end, f"print({body})", 0.3, "print")
        elif tok.text == "except":
            for j in range(i + 1, len(tokens)):
                if tokens[j].text == ":" or tokens[j].kind == "nl" or tokens[j].text in OPENERS:
                    break
                if tokens[j].text == ",":
                    prior = 0.3 if site.hint == "except" else 1.0
                    yield Candidate(tokens[j].start, tokens[j + 1].start if j + 1 < len(tokens)
                                    else tokens[j].end, " as ", prior, "except")
                    break


def _statement_end(tokens: list[Token], i: int) -> int | None:
    """End offset of the last token of the simple statement that starts at tokens[i]."""
    depth, last = 0, None
    for tok in tokens[i + 1 :]:
        if tok.kind == "nl" and depth == 0:
            break
        if tok.text == ";" and depth == 0:
            break
        depth += tok.text in OPENERS
        depth -= tok.text in CLOSERS
        last = tok.end
    return last


def _indentations(site: Site) -> Iterator[Candidate]:
    """Give the error's line (or the next, for a missing block) the indentation of a neighbour."""
    text, starts = site.text, site.line_starts
    line = line_of(starts, site.offset)
    bonus = site.hint == "indent"
    for target in {line, line + 1} if bonus else {line}:
        if target >= len(starts) - 1:
            continue
        begin = starts[target]
        m = re.match(r"[ \t]*", text[begin : starts[target + 1]])
        current = m.group()
        widths = _neighbour_indents(text, starts, target)
        unit = "\t" if current.startswith("\t") and "\t" in _previous_indent(text, starts, target) \
            else " "
        for width in widths:
            new = "\t" * (width // 8) if unit == "\t" and width % 8 == 0 else " " * width
            if new != current:
                prior = (0.4 if bonus else 1.5) + 0.1 * abs(width - len(current.expandtabs(8))) / 4
                yield Candidate(begin, begin + len(current), new, prior, "indent")


def _previous_indent(text: str, starts: list[int], line: int) -> str:
    for prev in range(line - 1, -1, -1):
        content = text[starts[prev] : starts[prev + 1]]
        if content.strip() and not content.lstrip().startswith("#"):
            return re.match(r"[ \t]*", content).group()
    return ""


def _neighbour_indents(text: str, starts: list[int], line: int) -> list[int]:
    """The indentation levels open at `line`, the previous line's plus one step, the next's."""
    levels: list[int] = []
    ceiling = None
    step = 4
    for prev in range(line - 1, max(-1, line - 60), -1):
        content = text[starts[prev] : starts[prev + 1]]
        if not content.strip() or content.lstrip().startswith("#"):
            continue
        width = indent_width(text, starts[prev] + len(content) - len(content.lstrip()))
        if ceiling is None:
            levels.append(width + step)
            if content.rstrip().endswith(("(", "[", "{", ",")):
                levels.append(width + 2 * step)
        if ceiling is None or width < ceiling:
            levels.append(width)
            ceiling = width
        if width == 0:
            break
    for nxt in range(line + 1, min(len(starts) - 1, line + 4)):
        content = text[starts[nxt] : starts[nxt + 1]]
        if content.strip() and not content.lstrip().startswith("#"):
            levels.append(indent_width(text, starts[nxt] + len(content) - len(content.lstrip())))
            break
    return list(dict.fromkeys(levels))


def _string_closings(site: Site) -> Iterator[Candidate]:
    """Close an unterminated string where its content ends, or drop a stray quote."""
    text = site.text
    for tok in site.tokens:
        if tok.kind != "str" or tok.closed:
            continue
        prefix_len = len(tok.text) - len(tok.text.lstrip("rRbBfFuU"))
        quote = tok.text[prefix_len : prefix_len + 3]
        quote = quote if quote in ('"""', "'''") else quote[0]
        body_start = tok.start + prefix_len + len(quote)
        bonus = 0.5 if site.hint == "string" else 1.0
        if len(quote) == 3:
            for pos in _line_ends(text, body_start, limit=60):
                yield Candidate(pos, pos, quote, bonus + 0.5, "string")
            continue
        end = tok.end
        while end > body_start and text[end - 1] in " \t":
            end -= 1
        yield Candidate(end, end, quote, bonus, "string")
        for pos in range(end - 1, body_start, -1):
            if text[pos] in "),]}:; " and text[pos - 1] not in "\\":
                yield Candidate(pos, pos, quote, bonus + 0.2, "string")
        yield Candidate(tok.start + prefix_len, body_start, "", 1.0 + bonus, "string")
        yield from _quote_insertions(text, tok, quote, bonus + 0.4)


def _quote_insertions(text: str, tok: Token, quote: str, prior: float) -> Iterator[Candidate]:
    """A closing quote dropped earlier on the line: `'a, 'b'` lexes as `'a, '` then `b'...`."""
    begin = text.rfind("\n", 0, tok.start) + 1
    for pos in range(begin + 1, tok.start):
        if text[pos] in ",)]}:;" and text[pos - 1] not in " \\" + quote:
            yield Candidate(pos, pos, quote, prior, "string")


def _line_ends(text: str, start: int, limit: int) -> Iterator[int]:
    pos = start
    for _ in range(limit):
        nl = text.find("\n", pos)
        if nl == -1:
            yield len(text)
            return
        yield nl - (text[nl - 1 : nl] == "\r")
        pos = nl + 1
