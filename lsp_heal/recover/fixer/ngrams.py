"""A token trigram model of real Python: how natural a repaired line reads.

The counts ship in `lsp_heal/data/python_token_trigrams.json`, made from the standard
library's sources by `python -m lsp_heal.recover.fixer.ngrams` (the corpus in bench/ is made
from site-packages, so the model never saw the code it is measured on). The model scores
abstract symbols (`pylex.symbols`): `if NAME == NUM :` rather than identifiers.
"""

from __future__ import annotations

import json
import math
import sys
import sysconfig
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path

from lsp_heal.recover.fixer.pylex import lex, symbols

DATA = Path(__file__).resolve().parents[2] / "data" / "python_token_trigrams.json"
_WEIGHTS = (0.6, 0.3, 0.1)  # trigram, bigram, unigram: interpolated, fixed


class TrigramModel:
    """Interpolated trigram probabilities over abstract token symbols."""

    def __init__(self, counts: dict[str, int]) -> None:
        self.counts = counts
        self.total = sum(v for k, v in counts.items() if " " not in k)
        self.vocabulary = sum(1 for k in counts if " " not in k) + 1

    def cost(self, seq: Sequence[str]) -> float:
        """Negative log probability of `seq` (nats), each symbol given the two before it."""
        c = self.counts.get
        total = 0.0
        for i, sym in enumerate(seq):
            a = seq[i - 2] if i >= 2 else "<s>"
            b = seq[i - 1] if i >= 1 else "<s>"
            w3, w2, w1 = _WEIGHTS
            p1 = (c(sym, 0) + 1) / (self.total + self.vocabulary)
            ctx_b = c(b, 0)
            p2 = c(f"{b} {sym}", 0) / ctx_b if ctx_b else 0.0
            ctx_ab = c(f"{a} {b}", 0)
            p3 = c(f"{a} {b} {sym}", 0) / ctx_ab if ctx_ab else 0.0
            total -= math.log(w3 * p3 + w2 * p2 + w1 * p1)
        return total


@lru_cache(maxsize=1)
def model() -> TrigramModel:
    return TrigramModel(json.loads(DATA.read_text()))


def count(paths: Iterable[Path], min_count: int = 2) -> dict[str, int]:
    """Unigram, bigram and trigram counts (space-joined keys) over the files' symbols."""
    counts: Counter[str] = Counter()
    for path in paths:
        try:
            text = path.read_text(encoding="utf-8")
            compile(text, str(path), "exec", 0x400)  # ast.PyCF_ONLY_AST: valid files only
        except (OSError, UnicodeDecodeError, SyntaxError, ValueError):
            continue
        seq = ["<s>", "<s>", *symbols(text, lex(text))]
        for i in range(2, len(seq)):
            counts[seq[i]] += 1
            counts[f"{seq[i - 1]} {seq[i]}"] += 1
            counts[f"{seq[i - 2]} {seq[i - 1]} {seq[i]}"] += 1
        counts["<s>"] += 1
        counts["<s> <s>"] += 1
    return {k: v for k, v in sorted(counts.items()) if v >= min_count or " " not in k}


def stdlib_sources() -> list[Path]:
    """The standard library's own modules, its test suite left out."""
    root = Path(sysconfig.get_paths()["stdlib"])
    return sorted(
        p for p in root.rglob("*.py")
        if not {"test", "tests", "site-packages", "idle_test", "lib2to3"} & set(p.parts)
    )


if __name__ == "__main__":
    DATA.write_text(json.dumps(count(stdlib_sources()), separators=(",", ":")))
    print(f"wrote {DATA}", file=sys.stderr)
