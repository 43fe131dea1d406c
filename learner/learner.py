"""`PatternLearner`: remembers which recovery worked for which error, and proposes it again.

Every applied recovery is recorded with its outcome. For a new error the learner looks first
for the same error (its fingerprint: no model needed), then for similar ones through the
TF-IDF neighbour model, and proposes their recoveries with the new error's subject filled
in. Confidence = similarity × Laplace-smoothed success rate. Nothing here knows about LSP or
about how a strategy works: recoveries are data.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from learner.keys import ErrorKey, document
from learner.model import FINGERPRINTS_PER_ROW, SHARES, ModelError, NeighbourModel, load
from learner.normalise import bound_to_subject, fill, parametrise
from learner.prior import TemplateTally
from learner.progress import progress
from learner.store import Pattern, PatternStore
from lsp_heal.config import Config
from lsp_heal.model import Action, ErrorEvent, Plan

log = logging.getLogger("learner")

NEIGHBOUR_ROWS = 6  # distinct texts looked at per prediction
STALE_SHARE = 0.1  # retrain on load when the store grew or shrank by more than this share…
STALE_MIN = 20  # …and by at least this many patterns


@dataclass
class Tuning:
    """How the model is made. The defaults are what cross-validation inside the training half
    of the fixture cases chose (`python bench/bench_learner.py` shows the comparison)."""

    shares: dict[str, float] = field(default_factory=lambda: dict(SHARES))
    category_prior: bool = True  # answer from the category when no neighbour is near enough


class LearnerError(Exception):
    """A learner operation cannot be done; the message says why."""


@dataclass
class Prediction:
    """A learned recovery for one error: what to do, how sure, and where it was learned."""

    strategy: str
    title: str
    actions: list[dict[str, Any]]
    confidence: float
    similarity: float
    neighbours: list[str]  # fingerprints of the errors it was learned from
    successes: int
    failures: int

    def to_json(self) -> dict[str, Any]:
        return {"strategy": self.strategy, "title": self.title, "actions": self.actions,
                "confidence": round(self.confidence, 4), "similarity": round(self.similarity, 4),
                "source": "learned", "neighbours": self.neighbours,
                "successes": self.successes, "failures": self.failures}

    def plan(self) -> Plan:
        actions = [Action(a["kind"], {k: v for k, v in a.items() if k != "kind"})
                   for a in self.actions]
        return Plan(self.strategy, self.title, self.confidence, actions, source="learned")


@dataclass
class TrainReport:
    patterns: int
    documents: int
    seconds: float
    model_bytes: int
    model: NeighbourModel = field(repr=False)

    def to_json(self) -> dict[str, Any]:
        return {"patterns": self.patterns, "documents": self.documents,
                "seconds": round(self.seconds, 3), "model_bytes": self.model_bytes}


class PatternLearner:
    """The pattern store and neighbour model of one user (`$LSP_HEAL_HOME/learner`)."""

    def __init__(self, home: Path | None = None, config: Config | None = None,
                 tuning: Tuning | None = None) -> None:
        if home is None:
            from lsp_heal.paths import home as default_home

            home = default_home()
        self.directory = Path(home) / "learner"
        self.config = config or Config()
        self.tuning = tuning or Tuning()
        self.model_path = self.directory / "model.joblib"
        self.notices: list[str] = []  # what went wrong and was mended (a retrain)
        self._model: NeighbourModel | None = None
        self._model_checked = False
        self._model_lock = threading.RLock()

    @cached_property
    def store(self) -> PatternStore:
        return PatternStore(self.directory / "patterns.sqlite3")

    def setting(self, name: str) -> Any:
        return self.config.get(f"learner.{name}")

    # -- learning -------------------------------------------------------------------------

    def record(self, event: ErrorEvent | str, plan: Plan, success: bool, duration_s: float = 0.0,
               flaky: bool = False) -> None:
        """Remember how a recovery went. A pass on rerun counts as flaky, never as fixed."""
        key = ErrorKey.of(event)
        recovery = parametrise(
            {"title": plan.title, "actions": [a.to_json() for a in plan.actions]}, key.values
        )
        self.store.put(Pattern(
            key.fingerprint, key.text, key.category, key.tool, key.subject, plan.strategy,
            recovery["title"], recovery["actions"], bound_to_subject(recovery["actions"],
                                                                     key.subject),
            successes=int(success and not flaky), failures=int(not success),
            flaky=int(success and flaky), duration_s=duration_s,
        ))

    def train(self, show_progress: bool = False) -> TrainReport:
        """Fit the neighbour model on every stored pattern and save it."""
        start = time.perf_counter()
        total = self.store.count()
        if not total:
            raise LearnerError("nothing to train on: the pattern store is empty")
        documents: dict[str, dict[str, int]] = {}
        tally = TemplateTally()
        patterns = progress(self.store.iterate(), total, "reading patterns", show_progress)
        for p in patterns:
            runs = documents.setdefault(document(p.category, p.tool, p.text), {})
            runs[p.fingerprint] = runs.get(p.fingerprint, 0) + p.runs + p.flaky + 1
            if not p.bound:
                tally.add(p.category, p.strategy, p.recovery_key, p.title, p.actions,
                          p.successes, p.failures)
        rows = {text: sorted(runs, key=runs.__getitem__, reverse=True)[:FINGERPRINTS_PER_ROW]
                for text, runs in documents.items()}
        templates = tally.best() if self.tuning.category_prior else None
        model = NeighbourModel.fit(rows, total, templates, self.tuning.shares)
        size = model.save(self.model_path)
        with self._model_lock:
            self._model, self._model_checked = model, True
        return TrainReport(total, len(rows), time.perf_counter() - start, size, model)

    def model(self) -> NeighbourModel | None:
        """The neighbour model, loaded once; retrained when missing, stale, damaged or foreign."""
        with self._model_lock:
            if not self._model_checked:
                self._model = self._load_or_train()
                self._model_checked = True
            return self._model

    def _load_or_train(self) -> NeighbourModel | None:
        count = self.store.count()
        try:
            model = load(self.model_path)
        except ModelError as exc:
            if self.model_path.exists():
                self._notice(f"{exc}; retraining" if count else f"{exc}; nothing to retrain on")
            return self.train().model if count else None
        if abs(count - model.patterns) > max(STALE_MIN, STALE_SHARE * model.patterns):
            return self.train().model
        return model

    def _notice(self, message: str) -> None:
        log.info(message)  # the CLI prints notices itself; a server logs them
        self.notices.append(message)

    # -- predicting -----------------------------------------------------------------------

    def predictions(self, error: ErrorEvent | str, limit: int = 5) -> list[Prediction]:
        """Learned recoveries for an error, best first, above the configured thresholds."""
        key = ErrorKey.of(error)
        found = self._scored(key, self.store.get([key.fingerprint]), 1.0)
        if not any(p.confidence >= self.setting("minConfidence") for p in found):
            found = self._scored(key, *self._similar(key))
        if not any(p.confidence >= self.setting("minConfidence") for p in found):
            found = self._from_category(key)
        keep = [p for p in found if p.confidence >= self.setting("minConfidence")]
        return sorted(keep, key=lambda p: (-p.confidence, -p.successes))[:limit]

    def learned_plans(self, event: ErrorEvent) -> list[Plan]:
        """The planner's view of `predictions`: Plans with source "learned"."""
        plans = [p.plan() for p in self.predictions(event)]
        for plan in plans:
            plan.event = event
        return plans

    def success_rate(self, event: ErrorEvent | str, strategy: str) -> float | None:
        """How often `strategy` worked for this error or ones like it (smoothed); None: no data."""
        key = ErrorKey.of(event)
        same = [p for p in self.store.get([key.fingerprint]) if p.strategy == strategy]
        if not same:
            patterns, similarity = self._similar(key)
            same = [p for p in patterns if p.strategy == strategy and similarity[p.id] > 0]
        if not same:
            return None
        successes = sum(p.successes for p in same)
        return (successes + 1) / (sum(p.runs for p in same) + 2)

    def _similar(self, key: ErrorKey) -> tuple[list[Pattern], dict[str, float]]:
        """Stored patterns of this error and of errors like it, with their similarity."""
        similarity: dict[str, float] = {}
        by_fingerprint: dict[str, float] = {key.fingerprint: 1.0}
        model = self.model()
        if model is not None:
            threshold = self.setting("similarityThreshold")
            for row, score in model.neighbours(key.document, NEIGHBOUR_ROWS, threshold):
                for fingerprint in model.rows[row]:
                    by_fingerprint[fingerprint] = max(by_fingerprint.get(fingerprint, 0), score)
        patterns = self.store.get(by_fingerprint)
        for p in patterns:
            similarity[p.id] = by_fingerprint[p.fingerprint]
        return patterns, similarity

    def _scored(self, key: ErrorKey, patterns: list[Pattern],
                similarity: dict[str, float] | float) -> list[Prediction]:
        """Patterns grouped by recovery; each group scored by its best similarity."""
        groups: dict[tuple[str, str], list[tuple[Pattern, float]]] = {}
        for p in patterns:
            if p.bound and p.subject != key.subject:
                continue  # PyYAML was the fix for `yaml`, not for another module
            score = similarity if isinstance(similarity, float) else similarity[p.id]
            groups.setdefault((p.strategy, p.recovery_key), []).append((p, score))
        found = []
        for members in groups.values():
            members.sort(key=lambda m: -m[1])
            best = members[0][0]
            recovery = fill({"title": best.title, "actions": best.actions}, key.values)
            if recovery is None:
                continue  # the template needs a subject or a file this error has not
            successes = sum(p.successes for p, _ in members)
            failures = sum(p.failures for p, _ in members)
            similarity_best = members[0][1]
            rate = (successes + 1) / (successes + failures + 2)
            found.append(Prediction(
                best.strategy, recovery["title"], recovery["actions"], similarity_best * rate,
                similarity_best, list(dict.fromkeys(p.fingerprint for p, _ in members))[:5],
                successes, failures,
            ))
        return found

    def _from_category(self, key: ErrorKey) -> list[Prediction]:
        """The category prior's recoveries, for an error no stored one is near enough to."""
        model = self.model() if self.tuning.category_prior else None
        if model is None:
            return []
        templates, similarity = model.category_similarity(key.document)
        found = []
        for template in templates:
            recovery = fill({"title": template.title, "actions": template.actions}, key.values)
            if recovery is not None:
                found.append(Prediction(
                    template.strategy, recovery["title"], recovery["actions"],
                    similarity * template.rate, similarity, [], template.successes,
                    template.failures))
        return found

    def search(self, query: str, limit: int = 10) -> list[tuple[Pattern, float]]:
        """Stored patterns whose error reads like `query`, most alike first."""
        model = self.model()
        if model is None:
            return []
        key = ErrorKey.of(query)
        hits = model.neighbours(key.document, max(limit, NEIGHBOUR_ROWS), 0.05)
        score = {fp: s for row, s in reversed(hits) for fp in model.rows[row]}
        found = sorted(((p, score[p.fingerprint]) for p in self.store.get(score)),
                       key=lambda hit: (-hit[1], -hit[0].runs))
        return found[:limit]

    # -- maintenance and figures ----------------------------------------------------------

    def prune(self, max_patterns: int | None = None, max_age_days: float | None = None,
              min_confidence: float | None = None, similarity: float | None = None,
              dry_run: bool = False, show_progress: bool = False) -> Any:
        """Merge near-duplicates, drop old and failing patterns, keep at most max_patterns."""
        from learner.prune import Pruning

        pruning = Pruning(
            max_patterns=self.setting("maxPatterns") if max_patterns is None else max_patterns,
            max_age_days=self.setting("pruneAgeDays") if max_age_days is None else max_age_days,
            min_confidence=(self.setting("minConfidence") if min_confidence is None
                            else min_confidence),
            similarity=0.95 if similarity is None else similarity,
        )
        report = pruning.run(self.store, dry_run, show_progress)
        if report.removed and not dry_run and self.store.count():
            self.train(show_progress)
        return report

    def analyze(self, top: int = 10) -> dict[str, Any]:
        from learner.analyze import analyze

        return analyze(self.store.iterate(), top)

    def metrics(self) -> dict[str, Any]:
        from learner.analyze import totals
        from learner.model import read_header

        figures = totals(self.store.iterate())
        figures["store_bytes"] = self.store.size_bytes()
        figures["schema_version"] = self.store.schema_version
        try:
            header, _ = read_header(self.model_path)
        except ModelError:
            figures["model"] = None
        else:
            figures["model"] = {
                "trained_at": header.get("trained_at"),
                "age_s": round(time.time() - header.get("trained_at", time.time()), 1),
                "bytes": os.path.getsize(self.model_path), "patterns": header.get("patterns"),
                "documents": header.get("documents"), "sklearn": header.get("sklearn"),
            }
        return figures

    # -- the names users of the original scripts know -------------------------------------

    def store_pattern(self, error: ErrorEvent | str, recovery: Plan | dict[str, Any],
                      success: bool) -> None:
        """Record one outcome; `recovery` is a Plan or {"strategy", "actions", "title"?}."""
        self.record(error, recovery if isinstance(recovery, Plan) else plan_from_json(recovery),
                    success)

    def predict_recovery(self, error: ErrorEvent | str) -> list[dict[str, Any]]:
        return [p.to_json() for p in self.predictions(error)]

    def search_knowledge(self, query: str) -> list[dict[str, Any]]:
        return [hit_json(p, s) for p, s in self.search(query)]

    def analyze_patterns(self) -> dict[str, Any]:
        return self.analyze()

    def export_metrics(self) -> dict[str, Any]:
        return self.metrics()

    def prune_patterns(self, **options: Any) -> dict[str, Any]:
        return self.prune(**options).to_json()


def plan_from_json(data: Any) -> Plan:
    """A recovery as users write it: {"strategy": ..., "actions": [{"kind": ...}, ...]}."""
    if not isinstance(data, dict) or not isinstance(data.get("strategy"), str):
        raise LearnerError('a recovery is an object with a "strategy" string')
    actions = data.get("actions", [])
    if not isinstance(actions, list) or not all(
        isinstance(a, dict) and isinstance(a.get("kind"), str) for a in actions
    ):
        raise LearnerError('"actions" must be a list of objects, each with a "kind" string')
    return Plan(
        data["strategy"], str(data.get("title") or data["strategy"]), 1.0,
        [Action(a["kind"], {k: v for k, v in a.items() if k != "kind"}) for a in actions],
    )


def hit_json(pattern: Pattern, similarity: float) -> dict[str, Any]:
    return {"fingerprint": pattern.fingerprint, "similarity": round(similarity, 4),
            "category": pattern.category or None, "tool": pattern.tool or None,
            "subject": pattern.subject, "text": pattern.text, "strategy": pattern.strategy,
            "actions": pattern.actions, "successes": pattern.successes,
            "failures": pattern.failures, "success_rate": round(pattern.success_rate, 4)}
