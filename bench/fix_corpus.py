"""A corpus of broken Python made from real code: one realistic mistake per case, seeded.

    python bench/fix_corpus.py [--seed N] [--count N] [--split dev|held-out]   # prints a few

Each case is a run of consecutive top-level statements (up to ~300 lines) of a real module
from this Python's site-packages, with one mistake of the kinds people make injected at a
random place of that kind (a `:` left out, a bracket dropped, `retrun`, `print x`, `&&`, a
tab, ...). The packages are split in two halves by name: `dev` (used while tuning the fixer)
and `held-out` (measured, never tuned on). The fixer's language model is trained on the
standard library, so it never saw either half.
"""

from __future__ import annotations

import ast
import io
import random
import re
import sys
import sysconfig
import tokenize
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

SITE = Path(sysconfig.get_paths()["purelib"])
_SKIP = {"lsp_heal", "tests", "test", "_pytest", "pip", "setuptools", "pkg_resources"}


@dataclass(frozen=True)
class Case:
    kind: str
    source: str  # path of the module it comes from, relative to site-packages
    original: str
    broken: str
    line: int  # 1-based line of the injected mistake


def packages(split: str) -> list[Path]:
    """Top-level package directories of site-packages in one half of the split."""
    names = sorted(p for p in SITE.iterdir() if p.is_dir() and p.name.isidentifier()
                   and p.name not in _SKIP and not p.name.startswith("_"))
    return names[0::2] if split == "dev" else names[1::2]


def modules(split: str) -> list[Path]:
    return [p for pkg in packages(split) for p in sorted(pkg.rglob("*.py"))
            if not _SKIP & set(p.relative_to(SITE).parts[1:-1])]


def chunk(text: str, rng: random.Random, max_lines: int) -> str | None:
    """Consecutive whole top-level statements of `text`, up to `max_lines` lines."""
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError):
        return None
    nodes = [n for n in tree.body if hasattr(n, "end_lineno")]
    if len(nodes) < 2:
        return None
    lines = text.splitlines(keepends=True)
    first = rng.randrange(len(nodes))
    begin = min([nodes[first].lineno] + [d.lineno for d in getattr(nodes[first],
                                                                    "decorator_list", [])])
    end = nodes[first].end_lineno
    for node in nodes[first + 1 :]:
        if node.end_lineno - begin + 1 > max_lines:
            break
        end = node.end_lineno
    if end - begin + 1 > max_lines:
        return None
    return "".join(lines[begin - 1 : end])


def _tokens(text: str) -> list[tokenize.TokenInfo]:
    return list(tokenize.generate_tokens(io.StringIO(text).readline))


def _offsets(text: str) -> list[int]:
    starts = [0]
    for line in text.splitlines(keepends=True):
        starts.append(starts[-1] + len(line))
    return starts


Injection = Callable[[str, list[tokenize.TokenInfo], list[int]], Iterator[tuple[int, int, str]]]
INJECTIONS: dict[str, Injection] = {}


def injection(name: str) -> Callable[[Injection], Injection]:
    def register(func: Injection) -> Injection:
        INJECTIONS[name] = func
        return func
    return register


def _at(starts: list[int], pos: tuple[int, int]) -> int:
    return starts[pos[0] - 1] + pos[1]


@injection("missing-colon")
def _missing_colon(text, toks, starts):
    for tok, nxt in zip(toks, toks[1:]):
        if tok.string == ":" and nxt.type == tokenize.NEWLINE:
            yield _at(starts, tok.start), _at(starts, tok.end), ""


@injection("missing-closer")
def _missing_closer(text, toks, starts):
    for tok in toks:
        if tok.string in (")", "]", "}"):
            yield _at(starts, tok.start), _at(starts, tok.end), ""


@injection("extra-closer")
def _extra_closer(text, toks, starts):
    for tok in toks:
        if tok.string in (")", "]", "}"):
            yield _at(starts, tok.end), _at(starts, tok.end), tok.string


@injection("mismatched-closer")
def _mismatched(text, toks, starts):
    for tok in toks:
        if tok.string in (")", "]", "}"):
            other = {")": "]", "]": "}", "}": ")"}[tok.string]
            yield _at(starts, tok.start), _at(starts, tok.end), other


@injection("missing-comma")
def _missing_comma(text, toks, starts):
    for tok, nxt in zip(toks, toks[1:]):
        if tok.string == "," and nxt.start[0] == tok.end[0] and nxt.type in (
            tokenize.NAME, tokenize.NUMBER, tokenize.STRING
        ):
            yield _at(starts, tok.start), _at(starts, tok.end), ""


def _statement_lines(toks):
    """(line, indent) of simple statements that follow a simple statement at the same depth."""
    previous = None
    for tok, nxt in zip(toks, toks[1:]):
        if tok.type in (tokenize.NEWLINE,) and nxt.type == tokenize.NAME:
            if previous is not None and previous[1] == nxt.start[1]:
                yield nxt.start[0], nxt.start[1]
            previous = (nxt.start[0], nxt.start[1])
        elif tok.type in (tokenize.INDENT, tokenize.DEDENT):
            previous = None


@injection("unexpected-indent")
def _extra_indent(text, toks, starts):
    for line, col in _statement_lines(toks):
        yield starts[line - 1], starts[line - 1], "    "


@injection("bad-dedent")
def _bad_dedent(text, toks, starts):
    for line, col in _statement_lines(toks):
        if col >= 4 and text[starts[line - 1] : starts[line - 1] + col].strip() == "":
            yield starts[line - 1], starts[line - 1] + 2, ""


@injection("tab-indent")
def _tab(text, toks, starts):
    for line, col in _statement_lines(toks):
        if col >= 8 and text[starts[line - 1] : starts[line - 1] + col] == " " * col:
            yield starts[line - 1], starts[line - 1] + 8, "\t"


@injection("unterminated-string")
def _unterminated(text, toks, starts):
    for tok in toks:
        s = tok.string
        if tok.type == tokenize.STRING and tok.start[0] == tok.end[0] and len(s) >= 2 \
                and not s.endswith(('"""', "'''")):
            end = _at(starts, tok.end)
            yield end - 1, end, ""


@injection("assign-for-equals")
def _assign(text, toks, starts):
    for i, tok in enumerate(toks):
        if tok.string in ("if", "elif", "while"):
            for t in toks[i + 1 :]:
                if t.type == tokenize.NEWLINE or t.string == ":":
                    break
                if t.string == "==":
                    yield _at(starts, t.start), _at(starts, t.end), "="
                    break


_TYPOS = {"return": ["retrun", "retun"], "else": ["esle"], "import": ["improt", "imoprt"],
          "while": ["whlie"], "for": ["fro"], "elif": ["elfi", "eilf"], "def": ["dfe"],
          "class": ["calss"]}


@injection("keyword-typo")
def _typo(text, toks, starts):
    for tok in toks:
        if tok.string in _TYPOS and tok.type == tokenize.NAME:
            for typo in _TYPOS[tok.string]:
                yield _at(starts, tok.start), _at(starts, tok.end), typo


@injection("else-if")
def _else_if(text, toks, starts):
    for tok in toks:
        if tok.string == "elif":
            yield _at(starts, tok.start), _at(starts, tok.end), "else if"


@injection("python2-print")
def _print(text, toks, starts):
    for prev, tok, nxt in zip(toks, toks[1:], toks[2:]):
        if tok.string == "print" and nxt.string == "(" and prev.type in (
            tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT, tokenize.NL
        ):
            begin = _at(starts, nxt.start)
            depth, i = 0, begin
            while i < len(text):
                depth += text[i] in "([{"
                depth -= text[i] in ")]}"
                if depth == 0:
                    break
                i += 1
            line_end = text.find("\n", i)
            if i < len(text) and text[i + 1 : line_end].strip() == "" \
                    and "\n" not in text[begin:i]:
                yield begin, i + 1, " " + text[begin + 1 : i]


@injection("python2-except")
def _except(text, toks, starts):
    for i, tok in enumerate(toks):
        if tok.string == "except":
            for a, b in zip(toks[i + 1 :], toks[i + 2 :]):
                if a.string == "as" and b.type == tokenize.NAME:
                    yield _at(starts, a.start) - 1, _at(starts, a.end), ","
                    break
                if a.type == tokenize.NEWLINE:
                    break


@injection("foreign-operator")
def _foreign(text, toks, starts):
    for tok, nxt in zip(toks, toks[1:]):
        where = _at(starts, tok.start), _at(starts, tok.end)
        if tok.string == "and":
            yield (*where, "&&")
        elif tok.string == "or":
            yield (*where, "||")
        elif tok.string == "==":
            yield (*where, "===")
        elif tok.string == "not" and nxt.type == tokenize.NAME:
            yield where[0], _at(starts, nxt.start), "!"
        elif tok.string == "+=" and nxt.string == "1":
            yield where[0] - 1, _at(starts, nxt.end), "++"


@injection("def-header")
def _def_header(text, toks, starts):
    for i, tok in enumerate(toks):
        if tok.string in ("def", "class") and tok.type == tokenize.NAME:
            for a, b in zip(toks[i:], toks[i + 1 :]):
                if a.string == ":" and b.type == tokenize.NEWLINE:
                    yield _at(starts, a.start), _at(starts, a.end), ""
                    break
                if a.string == ")" and b.string == ":":
                    yield _at(starts, a.start), _at(starts, a.end), ""
                    break


def compiles(text: str) -> bool:
    try:
        compile(text, "<case>", "exec", ast.PyCF_ONLY_AST, dont_inherit=True)
    except (SyntaxError, ValueError):
        return False
    return True


def inject(original: str, kind: str, rng: random.Random) -> tuple[str, int] | None:
    """`original` with one mistake of `kind` at a random site, and its 1-based line."""
    try:
        toks = _tokens(original)
    except (tokenize.TokenError, SyntaxError):
        return None
    starts = _offsets(original)
    sites = list(INJECTIONS[kind](original, toks, starts))
    rng.shuffle(sites)
    for begin, end, new in sites[:20]:
        broken = original[:begin] + new + original[end:]
        if not compiles(broken):
            return broken, original.count("\n", 0, begin) + 1
    return None


def make_cases(seed: int, count: int, split: str = "dev", max_lines: int = 300) -> list[Case]:
    """`count` cases, the same ones for the same seed, split and installed packages."""
    rng = random.Random(seed)
    files = modules(split)
    kinds = sorted(INJECTIONS)
    cases: list[Case] = []
    attempts = 0
    while len(cases) < count and attempts < count * 50:
        attempts += 1
        path = rng.choice(files)
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        if "\t" in text or "\r" in text or not compiles(text):
            continue
        original = chunk(text, rng, max_lines)
        if original is None or original.count("\n") < 20:
            continue
        kind = kinds[len(cases) % len(kinds)]
        injected = inject(original, kind, rng)
        if injected is not None:
            broken, line = injected
            cases.append(Case(kind, str(path.relative_to(SITE)), original, broken, line))
    return cases


def long_case(seed: int, split: str, lines: int = 2000, errors: int = 3) -> Case:
    """About `lines` lines of one real module with `errors` mistakes in different places."""
    rng = random.Random(seed)
    big = [p for p in modules(split) if p.stat().st_size > lines * 40]
    while True:
        text = rng.choice(big).read_text(encoding="utf-8")
        if "\t" in text or "\r" in text or not compiles(text):
            continue
        original = chunk(text, rng, lines)
        if original is None or original.count("\n") < lines * 0.9:
            continue
        parts = re.split(r"(?m)(?=^\S)", original)  # top-level statements
        broken, where = original, []
        kinds = sorted(INJECTIONS)
        for part_index in sorted(rng.sample(range(len(parts)), min(errors * 4, len(parts)))):
            if len(where) == errors:
                break
            injected = inject(parts[part_index], rng.choice(kinds), rng)
            if injected is not None:
                parts[part_index] = injected[0]
                where.append(part_index)
        if len(where) == errors:
            broken = "".join(parts)
            return Case("three-errors", "", original, broken, 0)


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--count", type=int, default=5)
    parser.add_argument("--split", choices=["dev", "held-out"], default="dev")
    args = parser.parse_args()
    for case in make_cases(args.seed, args.count, args.split):
        print(f"## {case.kind} {case.source}:{case.line}", file=sys.stdout)
        print("".join(case.broken.splitlines(keepends=True)[max(case.line - 3, 0): case.line + 2]))
