"""A forgiving Python lexer: tokens with offsets, even for text that does not compile.

`tokenize` stops at the first unterminated string or bracket, which is exactly where a repair
has to look, so the fixer lexes with one regex of its own. It also knows the operators people
bring from other languages (`&&`, `||`, `===`, `++`) as single tokens.
"""

from __future__ import annotations

import keyword
import re
from bisect import bisect_right
from dataclasses import dataclass

KEYWORDS = frozenset(keyword.kwlist)

_MASTER = re.compile(
    r"""
     (?P<nl>\r\n|\n|\r)
    |(?P<ws>[ \t\f]+)
    |(?P<comment>\#[^\r\n]*)
    |(?P<cont>\\(?:\r\n|\n|\r))
    |(?P<str>(?:[rR][bBfF]?|[bBfF][rR]?|[uU])?(?:'''|\"\"\"|'|\"))
    |(?P<num>0[xXoObB][0-9a-fA-F_]+|(?:\d[\d_]*\.?[\d_]*|\.\d[\d_]*)(?:[eE][+-]?\d+)?[jJ]?)
    |(?P<name>[^\W\d]\w*)
    |(?P<op>\*\*=|//=|>>=|<<=|\.\.\.|->|:=|===|!==|&&|\|\||\+\+|[-+*/%&|^@<>=!]=|\*\*|//|<<|>>
        |[-+*/%&|^~@<>=!.,:;()\[\]{}])
    |(?P<other>.)
    """,
    re.VERBOSE,
)

OPENERS = {"(": ")", "[": "]", "{": "}"}
CLOSERS = {")": "(", "]": "[", "}": "{"}


@dataclass(frozen=True, slots=True)
class Token:
    """One lexeme; `start`/`end` are offsets in the lexed text."""

    kind: str  # name, kw, num, str, op, comment, nl, cont, other; "str" may be unterminated
    text: str
    start: int
    end: int
    closed: bool = True  # False for a string literal that runs to the end of its line/text


def _string_end(text: str, start: int, quote: str) -> tuple[int, bool]:
    """Where a string literal whose opening quote ends at `start` ends, and if it is closed."""
    i, n = start, len(text)
    triple = len(quote) == 3
    while i < n:
        ch = text[i]
        if ch == "\\":
            i += 2
            continue
        if text.startswith(quote, i):
            return i + len(quote), True
        if not triple and ch in "\r\n":
            return i, False
        i += 1
    return n, False


def lex(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Tokens of `text[start:end]` (offsets stay those of `text`); whitespace left out."""
    end = len(text) if end is None else end
    tokens: list[Token] = []
    pos = start
    while pos < end:
        m = _MASTER.match(text, pos, end)
        kind = m.lastgroup
        if kind == "str":
            quote = m.group().lstrip("rRbBfFuU")
            stop, closed = _string_end(text, m.end(), quote)
            tokens.append(Token("str", text[pos:stop], pos, stop, closed))
            pos = stop
            continue
        if kind == "name" and m.group() in KEYWORDS:
            kind = "kw"
        if kind != "ws":
            tokens.append(Token(kind, m.group(), pos, m.end()))
        pos = m.end()
    return tokens


def symbols(text: str, tokens: list[Token]) -> list[str]:
    """The abstract token stream a language model reads: names, numbers and strings merged,
    comments dropped, each line opened by IND+, IND- or IND= (its indentation against the
    line before). Line breaks inside brackets count too: a window of a few lines then reads
    the same whether or not it starts inside a bracket."""
    out: list[str] = []
    line_start = True
    previous_indent = None
    for tok in tokens:
        kind = tok.kind
        if kind == "comment" or kind == "cont":
            continue
        if kind == "nl":
            if not line_start:
                out.append("NL")
                line_start = True
            continue
        if line_start:
            indent = indent_width(text, tok.start)
            if previous_indent is None or indent == previous_indent:
                out.append("IND=")
            else:
                out.append("IND+" if indent > previous_indent else "IND-")
            previous_indent = indent
            line_start = False
        if kind in ("op", "kw"):
            out.append(tok.text)
        elif kind == "str":
            out.append("STR" if tok.closed else "BADSTR")
        else:
            out.append(kind.upper())
    return out


def line_start(text: str, offset: int) -> int:
    """Offset of the first character of the line that holds `offset`."""
    return max(text.rfind("\n", 0, offset), text.rfind("\r", 0, offset)) + 1


def indent_width(text: str, offset: int) -> int:
    """Columns of indentation before `offset` on its line, tabs to the next multiple of 8."""
    return len(text[line_start(text, offset) : offset].expandtabs(8))


def line_of(starts: list[int], offset: int) -> int:
    """0-based index of the line holding `offset`, given the offsets where lines start."""
    return bisect_right(starts, offset) - 1
