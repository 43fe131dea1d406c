"""Figures over the store: totals, the commonest errors, what works and what fails.

A cluster is one normalised error text: the same error with any subject, path or number.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from learner.store import Pattern


@dataclass
class _Tally:
    patterns: int = 0
    successes: int = 0
    failures: int = 0
    flaky: int = 0

    def add(self, p: Pattern) -> None:
        self.patterns += 1
        self.successes += p.successes
        self.failures += p.failures
        self.flaky += p.flaky

    def to_json(self) -> dict[str, Any]:
        runs = self.successes + self.failures
        return {"patterns": self.patterns, "runs": runs, "successes": self.successes,
                "failures": self.failures, "flaky": self.flaky,
                "success_rate": round(self.successes / runs, 4) if runs else None}


def totals(patterns: Iterable[Pattern]) -> dict[str, Any]:
    """Counts and rates over the whole store."""
    tally, errors, strategies = _Tally(), set(), set()
    for p in patterns:
        tally.add(p)
        errors.add(p.fingerprint)
        strategies.add(p.strategy)
    return {**tally.to_json(), "errors": len(errors), "strategies": len(strategies)}


def analyze(patterns: Iterable[Pattern], top: int = 10) -> dict[str, Any]:
    """Top clusters, success per category and per strategy, and the recoveries failing most."""
    everything, clusters = _Tally(), {}
    by_category: dict[str, _Tally] = {}
    by_strategy: dict[str, _Tally] = {}
    recoveries: dict[tuple[str, str, str], _Tally] = {}
    for p in patterns:
        everything.add(p)
        clusters.setdefault((p.category, p.tool, p.text), _Tally()).add(p)
        by_category.setdefault(p.category or "unclassified", _Tally()).add(p)
        by_strategy.setdefault(p.strategy, _Tally()).add(p)
        recoveries.setdefault((p.tool, p.text, p.strategy), _Tally()).add(p)
    commonest = sorted(clusters.items(), key=lambda kv: -(kv[1].successes + kv[1].failures
                                                          + kv[1].flaky + kv[1].patterns))
    failing = sorted(((k, t) for k, t in recoveries.items() if t.failures),
                     key=lambda kv: (-kv[1].failures, kv[1].successes))
    return {
        "totals": everything.to_json(),
        "clusters": [{"category": c or None, "tool": tool or None, "text": text, **t.to_json()}
                     for (c, tool, text), t in commonest[:top]],
        "categories": {k: t.to_json() for k, t in sorted(by_category.items())},
        "strategies": {k: t.to_json() for k, t in sorted(by_strategy.items())},
        "failing": [{"tool": tool or None, "text": text, "strategy": strategy, **t.to_json()}
                    for (tool, text, strategy), t in failing[:top]],
    }
