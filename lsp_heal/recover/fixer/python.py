"""Repair Python syntax errors by small text edits, one error after another.

For each error the compiler reports, `python_candidates` proposes edits near it; they are
tried cheapest first, and the first one after which the code compiles (or the compiler's
first complaint moves past the edit) is kept. The cost of an edit is its prior (how common
that kind of mistake is, and whether the compiler's message points at it), plus how much more
natural the token stream reads after it (the trigram model of `ngrams`), plus its distance
from the reported place. Everything outside the edit stays byte-identical.

Candidates are first checked on the enclosing top-level block alone (cheap for big files),
then on the whole file.
"""

from __future__ import annotations

import ast
import re
import warnings
from dataclasses import dataclass

from lsp_heal.recover.fixer.ngrams import model
from lsp_heal.recover.fixer.outcome import Repair
from lsp_heal.recover.fixer.pylex import Token, indent_width, lex, line_of, symbols
from lsp_heal.recover.fixer.python_candidates import Candidate, Site, generate, hint_of

_LM_WEIGHT = 0.3
_LINE_DISTANCE_WEIGHT = 0.25
_MAX_ROUNDS = 16
_MAX_TRIES = 120
_BREAK = re.compile(r"\r\n|\r|\n")
_BLOCK_START = re.compile(r"[ \t]*(?:async[ \t]+def|def|class)\b|[ \t]*@")
_TOP_STATEMENT = re.compile(r"[A-Za-z_@]")
_OPENED_ON = re.compile(r"opening parenthesis '.' on line (\d+)")
_FALLBACK_PATIENCE = 10


@dataclass(frozen=True, slots=True)
class Problem:
    """The compiler's first complaint: its message and where (0-based line, text offset)."""

    message: str
    line: int
    offset: int


def line_starts(text: str) -> list[int]:
    """Offsets where each line starts, as the compiler counts lines; the last is len(text)."""
    return [0, *(m.end() for m in _BREAK.finditer(text)), len(text) + 1][:-1] + [len(text)]


def find_problem(text: str, starts: list[int] | None = None) -> Problem | None:
    """The first syntax error in `text`, or None when it parses."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            compile(text, "<fix>", "exec", ast.PyCF_ONLY_AST, dont_inherit=True)
    except SyntaxError as exc:
        starts = starts or line_starts(text)
        line = min(max((exc.lineno or 1) - 1, 0), max(len(starts) - 2, 0))
        column = max((exc.offset or 1) - 1, 0)
        offset = min(starts[line] + column, max(starts[line + 1] - 1, starts[line]))
        return Problem(exc.msg or "invalid syntax", line, offset)
    except (ValueError, MemoryError, RecursionError) as exc:
        return Problem(str(exc) or type(exc).__name__, 0, 0)
    return None


def repair(text: str) -> Repair:
    """The text with its syntax errors repaired, if small edits can do it."""
    problem = find_problem(text)
    for _ in range(_MAX_ROUNDS):
        if problem is None:
            return Repair(text, True)
        fixed = _repair_one(text, problem)
        if fixed is None:
            return Repair(text, False, f"line {problem.line + 1}: {problem.message}")
        text, problem = fixed
    if problem is None:
        return Repair(text, True)
    return Repair(text, False, f"line {problem.line + 1}: {problem.message} (too many errors)")


def _repair_one(text: str, problem: Problem) -> tuple[str, Problem | None] | None:
    starts = line_starts(text)
    if len(starts) < 2:
        return None
    hint = hint_of(problem.message)
    anchor = _anchor_line(text, starts, problem.line)
    lexed = lex(text, starts[anchor], starts[min(problem.line + 21, len(starts) - 1)])
    first, last = _region(text, starts, problem, hint, lexed)
    tokens = [t for t in lexed if starts[first] <= t.start < starts[last + 1]]
    site = Site(text, problem.message, problem.offset, starts, tokens, hint)
    focus = starts[last + 1] - 1 if hint == "closer" else problem.offset
    window = _Window(text, starts, first, last)
    scorer = _Scorer(text, starts)
    ranked = sorted(
        {(c.start, c.end, c.new): c for c in generate(site)}.values(),
        key=lambda c: scorer.cost(c, focus),
    )
    fallback = None
    for tries, candidate in enumerate(ranked[:_MAX_TRIES]):
        if fallback is not None and tries > fallback[0] + _FALLBACK_PATIENCE:
            break
        new_text = text[: candidate.start] + candidate.new + text[candidate.end :]
        past = max(problem.line, line_of(starts, candidate.start))
        verdict = window.verdict(candidate, new_text, past)
        if verdict == "fails":
            continue
        after = find_problem(new_text)
        if after is None or (verdict == "compiles" and not window.holds(after.line)):
            return new_text, after  # a later error, or one elsewhere the compiler saw first
        if fallback is None and _moved_past(after, past):
            fallback = (tries, new_text, after)
    return None if fallback is None else fallback[1:]


def _moved_past(after: Problem, past: int) -> bool:
    """The new first error lies past the edit and is not about a bracket opened before it."""
    if after.line <= past:
        return False
    opened = _OPENED_ON.search(after.message)
    return opened is None or int(opened.group(1)) - 1 > past


def _anchor_line(text: str, starts: list[int], line: int) -> int:
    """A line before `line` where lexing can start: the enclosing def/class, or a statement
    at the left margin."""
    head = _block_head(text, starts, line, line)
    if head is not None:
        return head
    for prev in range(line, -1, -1):
        if _TOP_STATEMENT.match(text, starts[prev]):
            return prev
    return 0


def _region(text: str, starts: list[int], problem: Problem, hint: str,
            lexed: list[Token]) -> tuple[int, int]:
    """0-based first and last line where edits are tried."""
    line = problem.line
    first = line
    for tok in reversed(lexed):
        if tok.start < starts[line] and tok.kind not in ("nl", "comment"):
            first = line_of(starts, tok.start)
            break
    if opened := _OPENED_ON.search(problem.message):
        first = max(min(first, int(opened.group(1)) - 1), line - 30)
    last = line
    if hint in ("closer", "indent", "") or "never closed" in problem.message:
        last = _statement_end_line(text, starts, line)
    return first, last


def _statement_end_line(text: str, starts: list[int], line: int) -> int:
    """The last line before the next one indented like `line` or less (at most 20 on)."""
    base = _indent_of_line(text, starts, line)
    last = line
    for nxt in range(line + 1, min(len(starts) - 1, line + 20)):
        content = text[starts[nxt] : starts[nxt + 1]]
        stripped = content.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if _indent_of_line(text, starts, nxt) <= base and stripped[0] not in ")]}":
            break
        last = nxt
    return last


def _indent_of_line(text: str, starts: list[int], line: int) -> int:
    content = text[starts[line] : starts[line + 1]]
    return indent_width(text, starts[line] + len(content) - len(content.lstrip(" \t")))


class _Scorer:
    """Prior + language-model change + distance, per candidate."""

    def __init__(self, text: str, starts: list[int]) -> None:
        self.text = text
        self.starts = starts
        self.model = model()
        self.old_costs: dict[tuple[int, int], float] = {}

    def cost(self, c: Candidate, focus: int) -> float:
        starts = self.starts
        first = max(line_of(starts, c.start) - 1, 0)
        last = min(line_of(starts, c.end) + 1, len(starts) - 2)
        begin, end = starts[first], starts[last + 1]
        key = (begin, end)
        if key not in self.old_costs:
            old = self.text[begin:end]
            self.old_costs[key] = self.model.cost(symbols(old, lex(old)))
        new = self.text[begin : c.start] + c.new + self.text[c.end : end]
        delta = self.model.cost(symbols(new, lex(new))) - self.old_costs[key]
        lines_away = abs(line_of(starts, c.start) - line_of(starts, focus))
        return c.prior + _LM_WEIGHT * delta + _LINE_DISTANCE_WEIGHT * lines_away


class _Window:
    """The top-level block around the error, compiled alone to reject candidates cheaply."""

    def __init__(self, text: str, starts: list[int], first: int, last: int) -> None:
        self.begin = self.end = None
        head = _block_head(text, starts, first, last)
        if head is None:
            return
        base = _indent_of_line(text, starts, head)
        tail = len(starts) - 1
        for nxt in range(last + 1, len(starts) - 1):
            content = text[starts[nxt] : starts[nxt + 1]].strip()
            if content and not content.startswith(("#", ")", "]", "}")) and (
                _indent_of_line(text, starts, nxt) <= base
            ):
                tail = nxt
                break
        self.begin, self.end = starts[head], starts[tail]
        self.lines = range(head, tail)
        self.prefix = "if 1:\n" if base else ""
        self.first_line = head - (1 if base else 0)
        self.starts = starts

    def holds(self, line: int) -> bool:
        return self.begin is not None and line in self.lines

    def verdict(self, c: Candidate, new_text: str, past: int) -> str:
        """"compiles" when the block compiles after the edit, "fails" when the block alone
        shows that the edit does not move the error on, "unknown" otherwise."""
        if self.begin is None or not (self.begin <= c.start and c.end <= self.end):
            return "unknown"
        chunk = new_text[self.begin : self.end + len(c.new) - (c.end - c.start)]
        after = find_problem(self.prefix + chunk)
        if after is None:
            return "compiles"
        after = Problem(after.message, after.line + self.first_line, after.offset)
        return "unknown" if _moved_past(after, past) else "fails"


def _block_head(text: str, starts: list[int], first: int, last: int) -> int | None:
    """The def/class line (with its decorators) that encloses lines first..last, if any."""
    floor = min((_indent_of_line(text, starts, n) for n in range(first, last + 1)
                 if text[starts[n] : starts[n + 1]].strip()), default=0)
    for line in range(first, -1, -1):
        content = text[starts[line] : starts[line + 1]]
        if _BLOCK_START.match(content) and _indent_of_line(text, starts, line) < max(floor, 1):
            while line > 0 and text[starts[line - 1] : starts[line]].lstrip().startswith("@"):
                line -= 1
            return line
    return None
