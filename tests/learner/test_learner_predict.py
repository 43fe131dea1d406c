"""Recording outcomes and predicting recoveries, on real fixture events and real files."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from learner import PatternLearner
from learner.learner import Tuning
from learner.model import FINGERPRINTS_PER_ROW
from learner.store import Pattern
from lsp_heal.config import parse_config
from lsp_heal.detect import detect
from lsp_heal.recover import planner
from lsp_heal.recover.context import Context

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "detect"


def _learned_from(home: Path, events, install_plan) -> PatternLearner:
    learner = PatternLearner(home)
    for event in events:
        learner.record(event, install_plan(event.subject), success=True)
    learner.train()
    return learner


def test_predict_after_train_fills_in_the_new_subject(home, missing_modules, install_plan):
    *seen, unseen = [e for e in missing_modules if e.message.startswith("ModuleNotFoundError")]
    learner = _learned_from(home, seen, install_plan)
    fresh = PatternLearner(home)  # a new process's view: the model comes from the file
    (best, *_) = fresh.predictions(unseen)
    assert best.strategy == "install-package"
    assert best.actions == [{"kind": "install", "manager": "pip", "package": unseen.subject}]
    assert best.title == f"Install {unseen.subject} with pip"
    assert best.similarity >= 0.99  # the same error but for its subject
    assert set(best.neighbours) <= {e.fingerprint for e in seen}
    # a text's row keeps its FINGERPRINTS_PER_ROW most-run errors: their outcomes are counted
    counted = min(len(seen), FINGERPRINTS_PER_ROW)
    assert abs(best.confidence - best.similarity * (counted + 1) / (counted + 2)) < 1e-9
    assert learner.model_path.exists()


def test_learner_is_the_planners_predictor(home, tmp_path, missing_modules, install_plan):
    learner = _learned_from(home, missing_modules[2:5], install_plan)
    event = missing_modules[5]
    (plan, *_) = learner.learned_plans(event)
    assert plan.source == "learned" and plan.event is event
    assert plan.actions[0].params["package"] == event.subject
    rules_off = Context.for_workspace(tmp_path)
    rules_off.config = parse_config('{"recovery": {"strategies": []}}')
    planned = planner.plan([event], rules_off, predictor=learner)
    assert [p.to_json() for p in planned if p.source == "learned"] == [plan.to_json()]


def test_a_fix_bound_to_its_subject_is_not_offered_for_another(home, missing_modules,
                                                                install_plan):
    yaml_like, other = missing_modules[2], missing_modules[3]
    learner = PatternLearner(home)
    learner.record(yaml_like, install_plan("Py" + yaml_like.subject.upper()), success=True)
    learner.train()
    assert learner.predictions(other) == []
    (same,) = learner.predictions(yaml_like)
    assert same.actions[0]["package"] == "Py" + yaml_like.subject.upper()


def test_failures_lower_confidence_and_rate(home, missing_modules, install_plan):
    event = missing_modules[2]
    learner = PatternLearner(home)
    for worked in (True, False, False, False, False):
        learner.record(event, install_plan(event.subject), success=worked)
    assert learner.success_rate(event, "install-package") == (1 + 1) / (5 + 2)
    assert learner.success_rate(event, "retry-with-backoff") is None
    assert learner.predictions(event) == []  # 1.0 × 2/7 is below the default 0.3
    config = parse_config('{"learner": {"minConfidence": 0.2}}')
    (prediction,) = PatternLearner(home, config).predictions(event)
    assert round(prediction.confidence, 4) == round(2 / 7, 4)


def test_flaky_pass_is_not_counted_as_fixed(home, fixture_events):
    from lsp_heal.model import Action, Plan

    failing_test = next(e for e in fixture_events if e.category.value == "test")
    rerun = Plan("rerun-test", "Rerun", 0.8, [Action("rerun", {"max_attempts": 3})])
    learner = PatternLearner(home)
    learner.record(failing_test, rerun, success=True, flaky=True)
    (stored,) = learner.store.get([failing_test.fingerprint])
    assert (stored.successes, stored.failures, stored.flaky) == (0, 0, 1)
    assert learner.metrics()["flaky"] == 1


def test_similarity_threshold_comes_from_the_config(home, missing_modules, install_plan):
    strict = parse_config('{"learner": {"similarityThreshold": 0.999}}')
    events = [e for e in missing_modules if e.message.startswith("ModuleNotFoundError")]
    # another wording of the same error, never learned: `python -m black`'s "No module named black"
    black = next(e for e in missing_modules if not e.message.startswith("ModuleNotFoundError"))
    _learned_from(home, events, install_plan)
    assert PatternLearner(home).predictions(black)[0].neighbours
    # no neighbour clears 0.999: only the category prior may answer, and it names no neighbour
    assert all(p.neighbours == [] for p in PatternLearner(home, strict).predictions(black))
    assert PatternLearner(home, strict, Tuning(category_prior=False)).predictions(black) == []


def test_import_learner_and_exact_predictions_need_no_sklearn(home, missing_modules,
                                                              install_plan):
    event = missing_modules[3]
    _learned_from(home, [event], install_plan)
    script = (
        "import sys, json; from pathlib import Path\n"
        "import learner\n"
        "assert 'sklearn' not in sys.modules, 'import learner imported sklearn'\n"
        "from lsp_heal.detect import detect\n"
        f"event = detect(open({str(_fixture_of(event))!r}, 'rb').read())[0]\n"
        f"found = learner.PatternLearner(Path({str(home)!r})).predictions(event)\n"
        "print(json.dumps([found[0].actions, 'sklearn' in sys.modules]))\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == ('[[{"kind": "install", "manager": "pip", "package": "%s"}], false]'
                           % event.subject)


def _fixture_of(event) -> Path:
    """A recording whose first error, read without its command, is this event."""
    for out in sorted(FIXTURES.glob("*/*.out")):
        if event.message in out.read_text(errors="replace") \
                and [e.message for e in detect(out.read_bytes())[:1]] == [event.message]:
            return out
    raise AssertionError("no fixture holds the event")


def test_search_finds_stored_errors_by_their_words(home, fixture_events, install_plan):
    learner = PatternLearner(home)
    daemon = [e for e in fixture_events if "docker daemon" in e.message.lower()]
    others = [e for e in fixture_events if e not in daemon]
    for event in daemon[:5] + others[:195]:  # a few to find among many others
        learner.record(event, install_plan("x"), success=True)
    learner.train()
    hits = learner.search("cannot connect to the docker daemon")
    assert hits and "docker daemon" in hits[0][0].text.lower()
    assert [s for _, s in hits] == sorted((s for _, s in hits), reverse=True)


def test_prune_merges_near_duplicates_drops_old_and_failing(home, missing_modules, install_plan):
    learner = PatternLearner(home)
    mnf = [e for e in missing_modules if e.message.startswith("ModuleNotFoundError")]
    for event in mnf:  # the same recovery for the same error with other subjects: one pattern
        learner.record(event, install_plan(event.subject), success=True)
    old = Pattern("old", "something long ago", "runtime", "python", None, "retry", "Retry",
                  [{"kind": "rerun"}], successes=1, first_seen=0.0, last_seen=0.0)
    failing = Pattern("bad", "always fails", "build", "make", None, "retry", "Retry",
                      [{"kind": "rerun"}], failures=5)
    learner.store.put(old)
    learner.store.put(failing)
    before = learner.store.count()

    dry = learner.prune(dry_run=True)
    assert learner.store.count() == before
    assert [p.id for p in dry.old] == [old.id] and [p.id for p in dry.failing] == [failing.id]
    assert len(dry.merged) == len(mnf) - 1
    assert any("would remove" in line for line in dry.lines())

    report = learner.prune()
    assert report.removed == dry.removed
    (kept,) = [p for p in learner.store.iterate() if p.strategy == "install-package"]
    assert kept.successes == len(mnf)  # the merged patterns' counts live on
    assert learner.store.count() == 1
    assert learner.prune(max_patterns=0).over_limit == [kept] and learner.store.count() == 0


def test_analyze_and_metrics_count_what_was_stored(home, missing_modules, install_plan):
    learner = PatternLearner(home)
    for i, event in enumerate(missing_modules):
        learner.record(event, install_plan(event.subject), success=i % 2 == 0, duration_s=1.0)
    figures = learner.analyze()
    runs = len(missing_modules)
    assert figures["totals"]["runs"] == runs
    assert figures["categories"]["dependency"]["successes"] == (runs + 1) // 2
    assert figures["failing"][0]["strategy"] == "install-package"
    metrics = learner.metrics()
    assert metrics["model"] is None and metrics["store_bytes"] > 0
    learner.train()
    assert PatternLearner(home).metrics()["model"]["patterns"] == runs


def test_store_grown_since_training_is_retrained_on_load(home, fixture_events, install_plan):
    learner = PatternLearner(home)
    learner.record(fixture_events[0], install_plan("a"), success=True)
    learner.train()
    trained = learner.model_path.stat().st_mtime_ns
    for event in fixture_events[1:200]:
        learner.record(event, install_plan("a"), success=True)
    time.sleep(0.01)
    assert PatternLearner(home).model().patterns == learner.store.count()
    assert learner.model_path.stat().st_mtime_ns > trained
