"""Keeping the store small and useful: merge near-duplicates, drop old and failing patterns.

Near-duplicates are patterns with the same recovery and the same kind of error whose texts
are at least `similarity` alike (cosine over the model's TF-IDF); they merge into the most
run one, which takes their counts. Every change is made in one transaction, re-reading the
counts inside it, so an outcome another process records meanwhile is not lost in a merge.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from learner.progress import progress
from learner.store import Pattern, PatternStore

DAY_S = 86_400
EXAMPLES = 5  # removed patterns named per reason in the report


@dataclass
class PruneReport:
    """What was (or, in a dry run, would be) removed, and why."""

    dry_run: bool
    before: int
    old: list[Pattern] = field(default_factory=list)
    failing: list[Pattern] = field(default_factory=list)
    merged: list[tuple[Pattern, Pattern]] = field(default_factory=list)  # (gone, kept)
    over_limit: list[Pattern] = field(default_factory=list)
    settings: dict[str, Any] = field(default_factory=dict)

    @property
    def removed(self) -> int:
        return len(self.old) + len(self.failing) + len(self.merged) + len(self.over_limit)

    def to_json(self) -> dict[str, Any]:
        return {
            "dry_run": self.dry_run, "before": self.before, "removed": self.removed,
            "after": self.before - self.removed, "settings": self.settings,
            "old": [p.id for p in self.old], "failing": [p.id for p in self.failing],
            "merged": [{"removed": gone.id, "into": kept.id} for gone, kept in self.merged],
            "over_limit": [p.id for p in self.over_limit],
        }

    def lines(self) -> list[str]:
        verb = "would remove" if self.dry_run else "removed"
        s = self.settings
        out = [f"{verb} {self.removed} of {self.before} patterns "
               f"({self.before - self.removed} left)"]
        for label, items in (
            (f"older than {s['max_age_days']:g} days", self.old),
            (f"failing (smoothed success rate < {s['min_confidence']:g})", self.failing),
            (f"merged into a near-duplicate (similarity ≥ {s['similarity']:g})",
             [gone for gone, _ in self.merged]),
            (f"over the limit of {s['max_patterns']} (least recently seen)", self.over_limit),
        ):
            out.append(f"  {len(items)} {label}")
            out += [f"    {_describe(p)}" for p in items[:EXAMPLES]]
            if len(items) > EXAMPLES:
                out.append(f"    … and {len(items) - EXAMPLES} more")
        return out


@dataclass
class Pruning:
    max_patterns: int
    max_age_days: float
    min_confidence: float
    similarity: float

    def run(self, store: PatternStore, dry_run: bool, show_progress: bool) -> PruneReport:
        patterns = list(progress(store.iterate(), store.count(), "reading patterns",
                                 show_progress))
        report = PruneReport(dry_run, len(patterns), settings=vars(self).copy())
        cutoff = time.time() - self.max_age_days * DAY_S
        report.old = [p for p in patterns if p.last_seen < cutoff]
        report.failing = [p for p in patterns
                          if p.last_seen >= cutoff and p.success_rate < self.min_confidence]
        gone = {p.id for p in report.old + report.failing}
        live = [p for p in patterns if p.id not in gone]
        report.merged = self._near_duplicates(live, show_progress)
        gone |= {p.id for p, _ in report.merged}
        live = [p for p in live if p.id not in gone]
        live.sort(key=lambda p: (p.last_seen, p.runs), reverse=True)
        report.over_limit = live[self.max_patterns:]
        if not dry_run:
            _apply(store, report)
        return report

    def _near_duplicates(self, patterns: list[Pattern],
                         show_progress: bool) -> list[tuple[Pattern, Pattern]]:
        groups: dict[tuple, list[Pattern]] = {}
        for p in patterns:
            groups.setdefault(_recovery_of(p), []).append(p)
        groups = {k: g for k, g in groups.items() if len(g) > 1}
        if not groups:
            return []
        from learner.model import make_vectorizer

        vectorizer = make_vectorizer().fit(list({p.text for g in groups.values() for p in g}))
        merged = []
        for group in progress(groups.values(), len(groups), "merging", show_progress):
            merged += _leaders(group, vectorizer, self.similarity)
        return merged


def _recovery_of(p: Pattern) -> tuple:
    """Patterns may merge only when they are the same recovery for the same kind of error."""
    return p.category, p.tool, p.strategy, p.recovery_key, p.subject if p.bound else None


def _leaders(group: list[Pattern], vectorizer: Any, similarity: float
             ) -> list[tuple[Pattern, Pattern]]:
    """Leader clustering, most-run first: each pattern within `similarity` of a leader joins it."""
    from learner.model import vectorise

    group = sorted(group, key=lambda p: (p.runs, p.last_seen), reverse=True)
    texts = list(dict.fromkeys(p.text for p in group))
    row = {text: i for i, text in enumerate(texts)}
    matrix = vectorise(vectorizer, texts)
    leader_of_text: dict[int, Pattern] = {}
    merged = []
    for p in group:
        i = row[p.text]
        leader = leader_of_text.get(i)
        if leader is None:
            leader_of_text[i] = p
            sims = (matrix @ matrix[i].T).toarray().ravel()
            for j in (sims >= similarity - 1e-9).nonzero()[0]:
                leader_of_text.setdefault(int(j), p)
        else:
            merged.append((p, leader))
    return merged


def _apply(store: PatternStore, report: PruneReport) -> None:
    with store.transaction():
        by_kept: dict[str, list[Pattern]] = {}
        for gone, kept in report.merged:
            by_kept.setdefault(kept.id, []).append(gone)
        for kept_id, goners in by_kept.items():
            ids = {p.id for p in goners}
            fresh = [p for p in store.get({p.fingerprint for p in goners}) if p.id in ids]
            store.update_counts(
                kept_id, successes=sum(p.successes for p in fresh),
                failures=sum(p.failures for p in fresh), flaky=sum(p.flaky for p in fresh),
                duration_s=sum(p.duration_s for p in fresh),
                first_seen=min((p.first_seen for p in fresh), default=None),
                last_seen=max((p.last_seen for p in fresh), default=None),
            )
        store.delete(_ids(report.old, report.failing, [g for g, _ in report.merged],
                          report.over_limit))


def _ids(*lists: Iterable[Pattern]) -> list[str]:
    return [p.id for items in lists for p in items]


def _describe(p: Pattern) -> str:
    kind = " ".join(filter(None, (p.category, p.tool))) or "text"
    return (f"[{kind}] {p.text[:70]} → {p.strategy} "
            f"({p.successes} ok, {p.failures} failed)")
