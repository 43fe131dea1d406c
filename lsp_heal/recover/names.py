"""Package names: which ones are well-formed, which exist, which only look like a popular one.

Every name a plan installs passes through here. A name taken from tool output is hostile
until proven plain: it must match its registry's grammar (PEP 508 for PyPI, npm's rules,
crates.io's, Go module paths, Debian's), and a name one or two edits away from a popular
project that is not itself popular is refused as a likely typo-squat. The popular-name lists
and the import → distribution map ship in lsp_heal/data/ (see build_name_lists.py).
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources
from typing import Any

from lsp_heal.spelling import edit_distance

_PEP508 = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9._-]{0,98}[A-Za-z0-9])?")
_NPM = re.compile(r"(?:@[a-z0-9][a-z0-9._~-]{0,100}/)?[a-z0-9][a-z0-9._~-]{0,213}")
_CRATE = re.compile(r"[A-Za-z][A-Za-z0-9_-]{0,63}")
_GO_MODULE = re.compile(r"[a-z0-9][a-z0-9.-]*\.[a-z]{2,}(?:/[A-Za-z0-9._~+-]+)+")
_DEBIAN = re.compile(r"[a-z0-9][a-z0-9.+-]{1,80}")
_IMPORT = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,99}(?:\.[A-Za-z_][A-Za-z0-9_]{0,99}){0,9}")

#: Look-alikes are checked against this many of the most downloaded names.
LOOKALIKE_POOL = 2000
MAX_EDITS = 2

_VALIDATORS = {"pypi": _PEP508, "npm": _NPM, "crates": _CRATE, "go": _GO_MODULE,
               "debian": _DEBIAN}
#: The registry each manager installs from.
REGISTRY = {"pip": "pypi", "uv": "pypi", "poetry": "pypi", "pipenv": "pypi", "conda": "pypi",
            "pipx": "pypi", "npm": "npm", "yarn": "npm", "pnpm": "npm", "cargo": "crates",
            "go": "go", "apt": "debian"}


def valid_name(registry: str, name: str) -> bool:
    """Whether `name` is a plain package name of `registry` (no spaces, quotes, options...)."""
    pattern = _VALIDATORS[registry]
    if registry == "npm" and (len(name) > 214 or name.startswith((".", "_"))):
        return False
    return isinstance(name, str) and pattern.fullmatch(name) is not None


def valid_python_name(name: str) -> bool:
    return valid_name("pypi", name)


def valid_npm_name(name: str) -> bool:
    return valid_name("npm", name)


def valid_import_name(name: str) -> bool:
    """A dotted Python module name as an import statement would write it."""
    return _IMPORT.fullmatch(name) is not None


def normalise(name: str) -> str:
    """PEP 503: `Foo_Bar.baz` and `foo-bar-baz` are the same project."""
    return re.sub(r"[-_.]+", "-", name).lower()


@cache
def maps() -> dict[str, Any]:
    """The shipped name maps: imports → distributions, commands, headers, dev tools."""
    text = resources.files("lsp_heal").joinpath("data", "recover-names.json").read_text()
    return json.loads(text)


@cache
def _popular(registry: str) -> tuple[str, ...]:
    """Names of one registry, most downloaded first (normalised for PyPI)."""
    file = {"pypi": "pypi-top.txt", "npm": "npm-top.txt"}[registry]
    return tuple(resources.files("lsp_heal").joinpath("data", file).read_text().split())


@cache
def _popular_set(registry: str) -> frozenset[str]:
    return frozenset(_popular(registry))


def is_popular(registry: str, name: str) -> bool:
    key = normalise(name) if registry == "pypi" else name
    return key in _popular_set(registry)


def _deletes(word: str, depth: int) -> set[str]:
    """`word` with up to `depth` characters removed (SymSpell's index keys)."""
    found, frontier = {word}, {word}
    for _ in range(depth):
        frontier = {w[:i] + w[i + 1:] for w in frontier for i in range(len(w))}
        found |= frontier
    return found


@cache
def _lookalike_index(registry: str) -> dict[str, tuple[str, ...]]:
    index: dict[str, list[str]] = {}
    for name in _popular(registry)[:LOOKALIKE_POOL]:
        for key in _deletes(name, MAX_EDITS):
            index.setdefault(key, []).append(name)
    return {key: tuple(names) for key, names in index.items()}


def lookalike_of(registry: str, name: str) -> str | None:
    """The popular name that `name` imitates (1–2 edits away), if `name` is not popular itself."""
    if registry not in ("pypi", "npm"):
        return None
    key = normalise(name) if registry == "pypi" else name
    if key in _popular_set(registry):
        return None
    index = _lookalike_index(registry)
    candidates = {c for d in _deletes(key, MAX_EDITS) for c in index.get(d, ())}
    close = [(d, c) for c in candidates if (d := edit_distance(key, c)) <= MAX_EDITS]
    if not close:
        return None
    rank = _popular(registry).index
    return min(close, key=lambda pair: (pair[0], rank(pair[1])))[1]
