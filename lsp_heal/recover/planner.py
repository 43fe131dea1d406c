"""All strategies' plans for a failure, best first, each fix once.

A plan's score is its rule confidence × the learned success rate of its strategy for that
error (when a Predictor knows one), × how central its event is (a root cause before the
errors it causes, warnings last). Learned plans (source "learned") keep the confidence the
learner gave them. Plans with the same actions are one fix: the best-scored is kept.

Which strategies run is the hooks config's `recovery.strategies` (names of the original
self-healing scripts), mapped to strategy config names:

| config name | strategies | governed by |
|---|---|---|
| `install` | install-package (Python, Node, Rust/Go, system) | the list |
| `syntax` | syntax (the fixer) | the list |
| `test` | rerun-test | the list |
| `rollback` | none here: the executor rolls back a failed apply | the list |
| `retry` | retry-with-backoff | `fallback.enabled` (or the list) |
| `permission`, `configuration`, third-party names | permission, configuration, plug-ins | on by default; on when listed |

So a list of the original scripts (`["install", "syntax", "test", "rollback"]`) keeps
meaning what it meant, and strategies those scripts never had are on by default. A strategy
that raises is logged and left out of that plan: a plug-in's bug never stops recovery.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from typing import Protocol

from lsp_heal.model import ErrorEvent, Plan, Rank, Severity
from lsp_heal.recover.context import Context
from lsp_heal.recover.strategies import Strategy, strategies

#: Config names the original scripts' `recovery.strategies` lists use.
LISTED = frozenset({"install", "syntax", "test", "rollback"})
#: Events looked at per failure: the first ones are the causes; the rest repeat them.
MAX_EVENTS = 20
_RANK_WEIGHT = {Rank.ROOT: 1.0, Rank.ERROR: 0.9, Rank.SUMMARY: 0.6}
_MINOR = {Severity.LOW, Severity.INFO}
_log = logging.getLogger(__name__)


class Predictor(Protocol):
    """What the learner offers the planner (learner/ implements it)."""

    def learned_plans(self, event: ErrorEvent) -> list[Plan]: ...

    def success_rate(self, event: ErrorEvent, strategy: str) -> float | None: ...


def enabled(strategy: Strategy, ctx: Context) -> bool:
    """Whether the workspace's config lets `strategy` propose plans."""
    name = getattr(strategy, "config_name", strategy.name)
    listed = ctx.config.get("recovery.strategies")
    if name in LISTED or name in listed:
        return name in listed
    if name == "retry":
        return bool(ctx.config.get("fallback.enabled"))
    return True


def plan(events: list[ErrorEvent], ctx: Context,
         predictor: Predictor | None = None) -> list[Plan]:
    """Every enabled strategy's plans for `events`, best first, without repeats."""
    active = [s for s in strategies().values() if enabled(s, ctx)]
    scored: dict[str, tuple[float, int, Plan]] = {}
    order = 0
    for event in events[:MAX_EVENTS]:
        weight = _RANK_WEIGHT[event.rank] * (0.5 if event.severity in _MINOR else 1.0)
        for candidate in _candidates(event, ctx, active, predictor):
            score = candidate.confidence * (weight if candidate.source == "rule" else 1.0)
            if candidate.source == "rule" and predictor is not None:
                rate = predictor.success_rate(event, candidate.strategy)
                if rate is not None:
                    score *= rate
            candidate.confidence = round(min(max(score, 0.0), 1.0), 4)
            key = _key(candidate)
            if key not in scored or candidate.confidence > scored[key][0]:
                scored[key] = (candidate.confidence, order, candidate)
            order += 1
    ranked = sorted(scored.values(), key=lambda item: (-item[0], item[1]))
    return [item[2] for item in ranked]


def _candidates(event: ErrorEvent, ctx: Context, active: list[Strategy],
                predictor: Predictor | None) -> Iterable[Plan]:
    for strategy in active:
        try:
            proposed = list(strategy.plans(event, ctx))
        except Exception:  # a plug-in's bug: the other strategies still answer
            _log.exception("strategy %s failed on %s", strategy.name, event.fingerprint)
            continue
        for candidate in proposed:
            candidate.event = candidate.event or event
            yield candidate
    if predictor is not None:
        for learned in predictor.learned_plans(event):
            learned.source = "learned"
            learned.event = learned.event or event
            yield learned


def _key(candidate: Plan) -> str:
    return json.dumps([a.to_json() for a in candidate.actions], sort_keys=True, default=str)
