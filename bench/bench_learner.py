"""Learner benchmark: predict latency, train time, size on disk, and generalisation.

    python bench/bench_learner.py            # prints the figures and rewrites bench/RESULTS.md
    python bench/bench_learner.py --quick    # 1k and 10k only

Ground truth: every recorded fixture case is read by the real detector; the rule planner
(`lsp_heal.recover.planner.plan`, every strategy on, a Context for an empty temp workspace with
the fixture's command) proposes recoveries, and its top plan is taken as the recovery that
"worked" for that case. Cases the rules have no plan for have no ground truth and are left out.

Generalisation: within each fixture tool family the cases are sorted by name and split in
alternation; the learner records the first half's outcomes, trains, and then predicts the
second half with the rules switched off (only the learner's plans, over the case's events as
the planner would look at them). Top-1 strategy right = its best plan's strategy is the rule
planner's; top-1 action right = also the same actions (with the new subject filled in).

Tuning never sees the held-out half: the training half is split again the same way (per tool,
by name, in alternation) into two folds; each candidate `Tuning` is trained on one fold and
scored on the other, both ways, and the best pooled top-1 strategy score (ties: the shipped
default) is the one then trained on the whole training half and scored once on the held-out
half. The shipped `Tuning()` defaults are what this cross-validation chose.

Speed: stores of 1k/10k/100k patterns made of the fixture outcomes plus generated variants
(another subject, and for half of them one word of the message swapped for a word from
another fixture), recorded through `PatternLearner.record`. Predict is timed with the model
loaded, on errors whose fingerprint is not in the store (the model path, not the exact one).
"""

from __future__ import annotations

import json
import os
import platform
import random
import re
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.results import write_section  # noqa: E402
from learner import PatternLearner  # noqa: E402
from learner.learner import Tuning  # noqa: E402
from learner.normalise import SUBJECT, fill, parametrise  # noqa: E402
from lsp_heal.detect import detect  # noqa: E402
from lsp_heal.model import Action, ErrorEvent, Plan  # noqa: E402
from lsp_heal.recover import planner  # noqa: E402
from lsp_heal.recover.context import Context  # noqa: E402

FIXTURES = sorted((ROOT / "fixtures" / "detect").glob("*/*.json"))
QUERIES = 500
_WORD = re.compile(r"\b[a-z]{4,}\b")


class Case:
    def __init__(self, path: Path, events: list[ErrorEvent], truth: Plan | None) -> None:
        self.path, self.events, self.truth = path, events, truth

    @property
    def tool(self) -> str:
        return self.path.parent.name

    @property
    def truth_event(self) -> ErrorEvent:
        return self.truth.event or self.events[0]


def cases(workspace: Path) -> list[Case]:
    found = []
    for meta_path in FIXTURES:
        meta = json.loads(meta_path.read_text())
        events = detect(meta_path.with_suffix(".out").read_bytes(), meta["command"],
                        meta["exit_code"])
        if not events:
            continue
        ctx = Context.for_workspace(workspace, command=meta["command"], env={})
        plans = planner.plan(events, ctx)
        found.append(Case(meta_path, events, plans[0] if plans else None))
    return found


def learned_top(learner: PatternLearner, events: list[ErrorEvent]) -> Plan | None:
    """The planner with the rules off: the learner's plans over the events, best first."""
    plans = [p for event in events[: planner.MAX_EVENTS] for p in learner.learned_plans(event)]
    return max(plans, key=lambda p: p.confidence, default=None)


def _actions(plan: Plan) -> str:
    return json.dumps([a.to_json() for a in plan.actions], sort_keys=True, default=str)


#: The candidates cross-validation chooses from; the first is the shipped default.
CANDIDATES = {
    "default (category prior, kind 0.7 / words 0.15 / chars 0.15)": Tuning(),
    "no category prior, kind 0.7": Tuning(category_prior=False),
    "category prior, kind 0.5 / words 0.25 / chars 0.25":
        Tuning({"kind": 0.5, "words": 0.25, "chars": 0.25}),
    "category prior, kind 0.3 / words 0.35 / chars 0.35":
        Tuning({"kind": 0.3, "words": 0.35, "chars": 0.35}),
    "no category prior, kind 0.5": Tuning({"kind": 0.5, "words": 0.25, "chars": 0.25}, False),
}


def split(cases: list[Case]) -> tuple[list[Case], list[Case]]:
    """Per tool family, cases sorted by name and dealt in alternation to two halves."""
    by_tool: dict[str, list[Case]] = {}
    for case in cases:
        by_tool.setdefault(case.tool, []).append(case)
    first, second = [], []
    for tool_cases in by_tool.values():
        tool_cases.sort(key=lambda c: c.path.name)
        first += tool_cases[0::2]
        second += tool_cases[1::2]
    return first, second


def cross_validate(train: list[Case], home: Path) -> tuple[str, dict[str, float]]:
    """Each candidate's pooled top-1 strategy score over the two folds of the training half
    (never the held-out half), and the name of the best one."""
    folds = split(train)
    scores = {}
    for n, (name, tuning) in enumerate(CANDIDATES.items()):
        right = cases = 0
        for i, (fit_on, score_on) in enumerate((folds, folds[::-1])):
            result = evaluate(fit_on, score_on, home / f"cv{n}-{i}", tuning)["all"]
            right += result["strategy"] * result["cases"]
            cases += result["cases"]
        scores[name] = right / cases
    best = max(scores, key=lambda name: (scores[name], name == next(iter(CANDIDATES))))
    return best, scores


def generalisation(all_cases: list[Case], home: Path) -> dict:
    usable = [case for case in all_cases if case.truth is not None]
    train, test = split(usable)
    chosen, cv_scores = cross_validate(train, home)
    result = evaluate(train, test, home / "held-out", CANDIDATES[chosen])
    return {**result, "no_truth": len(all_cases) - len(usable),
            "tools": len({case.tool for case in usable}), "chosen": chosen, "cv": cv_scores}


def evaluate(train: list[Case], test: list[Case], home: Path, tuning: Tuning) -> dict:
    """Record `train`'s outcomes, train, and predict `test` with the learner alone."""
    learner = PatternLearner(home, tuning=tuning)
    for case in train:
        learner.record(case.truth_event, case.truth, success=True)
    learner.train()
    seen = {c.truth_event.fingerprint for c in train}
    results = {"all": [0, 0, 0], "unseen": [0, 0, 0]}  # cases, strategy right, action right
    answered = 0
    for case in test:
        top = learned_top(learner, case.events)
        answered += top is not None
        strategy_right = top is not None and top.strategy == case.truth.strategy
        action_right = strategy_right and _actions(top) == _actions(case.truth)
        for subset in ("all", "unseen") if case.truth_event.fingerprint not in seen else ("all",):
            results[subset][0] += 1
            results[subset][1] += strategy_right
            results[subset][2] += action_right
    return {"train": len(train), "test": len(test), "answered": answered,
            **{k: {"cases": n, "strategy": s / n if n else 0.0, "action": a / n if n else 0.0}
               for k, (n, s, a) in results.items()}}


def _variant(case: Case, i: int, vocabulary: list[str], rng: random.Random) -> tuple[ErrorEvent, Plan]:
    """The case's error and recovery for another subject, sometimes with another word."""
    event, plan = case.truth_event, case.truth
    subject = f"{event.subject or 'item'}{i}"
    message = event.message.replace(event.subject, subject) if event.subject else event.message
    if i % 2:
        words = _WORD.findall(message)
        if words:
            message = message.replace(rng.choice(words), rng.choice(vocabulary), 1)
    clone = ErrorEvent(event.category, event.severity, event.tool, message,
                       subject if event.subject else None, event.location, event.rank)
    actions = [a.to_json() for a in plan.actions]
    if event.subject:  # the same fix for the other subject, where the fix names the subject
        actions = fill(parametrise(actions, {SUBJECT: event.subject}), {SUBJECT: subject})
    return clone, Plan(plan.strategy, plan.title, plan.confidence,
                       [Action(a["kind"], {k: v for k, v in a.items() if k != "kind"})
                        for a in actions])


def speed(all_cases: list[Case], size: int, home: Path) -> dict:
    rng = random.Random(size)
    usable = [c for c in all_cases if c.truth is not None]
    vocabulary = sorted({w for c in all_cases for e in c.events for w in _WORD.findall(e.message)})
    learner = PatternLearner(home)
    with learner.store.transaction():
        for i in range(size):
            case = usable[i % len(usable)]
            event, plan = (case.truth_event, case.truth) if i < len(usable) else \
                _variant(case, i, vocabulary, rng)
            learner.record(event, plan, success=rng.random() < 0.85, duration_s=1.0)
    start = time.perf_counter()
    report = learner.train()
    train_s = time.perf_counter() - start
    queries = [_variant(rng.choice(usable), size + n, vocabulary, rng)[0] for n in range(QUERIES)]
    loaded = PatternLearner(home)
    loaded.model()  # load once: the language server keeps it
    times = []
    for event in queries:
        t = time.perf_counter()
        loaded.predictions(event)
        times.append(time.perf_counter() - t)
    with sqlite3.connect(learner.store.path) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store_bytes = learner.store.size_bytes()
    patterns = learner.store.count()
    return {"size": size, "patterns": patterns, "documents": report.documents,
            "train_s": train_s, "median_ms": statistics.median(times) * 1e3,
            "p99_ms": sorted(times)[min(len(times) - 1, round(0.99 * (len(times) - 1)))] * 1e3,
            "store_bytes": store_bytes, "model_bytes": report.model_bytes,
            "per_1000_mb": (store_bytes + report.model_bytes) / patterns * 1000 / 2**20}


def main() -> None:
    sizes = (1_000, 10_000) if "--quick" in sys.argv else (1_000, 10_000, 100_000)
    with tempfile.TemporaryDirectory() as tmp:
        workspace = Path(tmp) / "workspace"
        workspace.mkdir()
        all_cases = cases(workspace)
        gen = generalisation(all_cases, Path(tmp) / "gen")
        runs = [speed(all_cases, size, Path(tmp) / f"s{size}") for size in sizes]
    rows = "\n".join(
        f"| {r['size']:,} | {r['patterns']:,} ({r['documents']:,} distinct texts) | "
        f"{r['median_ms']:.2f} / {r['p99_ms']:.2f} | {r['train_s']:.1f} | "
        f"{r['store_bytes'] / 2**20:.1f} + {r['model_bytes'] / 2**20:.1f} | "
        f"{r['per_1000_mb']:.2f} |" for r in runs)
    cv_rows = "\n".join(f"| {name} | {score:.1%} |" for name, score in gen["cv"].items())
    section = f"""## Learner (`python bench/bench_learner.py`)

Machine: {platform.python_implementation()} {platform.python_version()}, {os.cpu_count()} cores, {platform.machine()}.
Ground truth: the rule planner's top plan (`lsp_heal.recover.planner.plan`, all strategies, a temp workspace,
the fixture's command) for each recorded fixture case is the recovery that "worked"; {gen['no_truth']} cases
with no rule plan have no ground truth and are left out.

Generalisation, rules off: within each of {gen['tools']} tool families, cases sorted by name and split in
alternation; {gen['train']} outcomes recorded and trained on, {gen['test']} held-out cases predicted by the
learner alone ({gen['answered']} got a learned plan above minConfidence 0.3; neighbours need similarity 0.7).

Tuning by cross-validation inside the training half only (its cases split again per tool, by name,
in alternation; each candidate trained on one fold and scored on the other, both ways). The held-out
half is predicted once, with the chosen candidate: **{gen['chosen']}**.

| candidate | CV top-1 strategy (training half only) |
|---|---|
{cv_rows}

| held-out cases | top-1 strategy right | top-1 action right | target |
|---|---|---|---|
| all {gen['all']['cases']} | {gen['all']['strategy']:.1%} | {gen['all']['action']:.1%} | strategy ≥ 85% |
| {gen['unseen']['cases']} whose error fingerprint was never stored | {gen['unseen']['strategy']:.1%} | {gen['unseen']['action']:.1%} | |

Speed and size: stores of fixture outcomes plus generated variants (other subject; half with a
swapped word); predict timed on {QUERIES} errors not in the store, model loaded (targets: < 5 ms median
at 10k, < 20 ms at 100k; train 100k < 30 s; ≤ 2 MB per 1000 patterns).

| patterns asked | stored | predict median / p99 ms | train s | store + model MB | MB per 1000 |
|---|---|---|---|---|---|
{rows}
"""
    print(section)
    write_section("## Learner", section)


if __name__ == "__main__":
    main()
