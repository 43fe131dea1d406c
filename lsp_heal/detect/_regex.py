"""Regexes compiled on first use.

The families hold some four hundred regexes; compiling them all costs a cold `lsp-heal
classify` more time than the rest of its run, while one output needs only the few whose
literal it contains. A `LazyPattern` compiles on its first call and from then on is the
compiled pattern's own bound methods: no cost per call.
"""

from __future__ import annotations

import re
from typing import Any

_METHODS = ("match", "fullmatch", "search", "finditer", "findall", "sub", "subn", "split")


class LazyPattern:
    """Stands for `re.compile(pattern, flags)` until a method is first used."""

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self._flags = flags

    def __getattr__(self, name: str) -> Any:  # only reached before the first compile
        compiled = re.compile(self.pattern, self._flags)
        for method in _METHODS:
            setattr(self, method, getattr(compiled, method))
        return getattr(compiled, name)


def lazy_re(pattern: str, flags: int = 0) -> Any:
    """A pattern that compiles when first used; typed `Any` to read like `re.compile`'s."""
    return LazyPattern(pattern, flags)
