"""The category prior: an error of a kind never stored is answered from its category."""

from __future__ import annotations

import pytest

from learner import PatternLearner
from learner.learner import Tuning
from lsp_heal.model import Action, Plan


def test_unseen_kind_gets_the_strategy_that_worked_most_in_its_category(
        home, fixture_events, missing_modules, install_plan):
    learner = PatternLearner(home)
    for event in missing_modules:
        learner.record(event, install_plan(event.subject), success=True)
    learner.record(missing_modules[1], install_plan(missing_modules[1].subject), success=False)
    rerun = Plan("rerun-test", "Run it again", 0.5, [Action("rerun", {"max_attempts": 2})])
    learner.record(missing_modules[0], rerun, success=True)  # worked once: less than install
    learner.train()

    neighbours_only = PatternLearner(home, tuning=Tuning(category_prior=False))
    unseen = [e for e in fixture_events if e.category.value == "dependency" and e.subject
              and e.tool != "python" and not neighbours_only.predictions(e)]
    assert unseen, "the fixtures hold dependency errors of other tools no neighbour is near"
    fresh = PatternLearner(home)  # the prior comes back with the model file
    answered = [(e, fresh.predictions(e)) for e in unseen]
    answered = [(e, found[0]) for e, found in answered if found]
    assert len(answered) >= len(unseen) / 2
    for event, best in answered:
        assert best.strategy == "install-package"
        assert best.actions == [{"kind": "install", "manager": "pip", "package": event.subject}]
        assert best.neighbours == []  # no stored error is near: it came from the category
        assert (best.successes, best.failures) == (len(missing_modules), 1)
        assert best.confidence == pytest.approx(
            best.similarity * (best.successes + 1) / (best.successes + best.failures + 2))
        assert best.confidence >= 0.3  # learner.minConfidence still applies


def test_a_category_never_stored_gets_no_prior(home, fixture_events, missing_modules,
                                               install_plan):
    learner = PatternLearner(home)
    for event in missing_modules:
        learner.record(event, install_plan(event.subject), success=True)
    learner.train()
    network = [e for e in fixture_events if e.category.value == "network"]
    assert network
    assert all(learner.predictions(e) == [] for e in network)


def test_prior_is_subject_to_min_confidence(home, fixture_events, missing_modules, install_plan):
    from lsp_heal.config import parse_config

    learner = PatternLearner(home)
    for event in missing_modules:
        learner.record(event, install_plan(event.subject), success=True)
    learner.train()
    strict = PatternLearner(home, parse_config('{"learner": {"minConfidence": 0.99}}'))
    other_tools = [e for e in fixture_events if e.category.value == "dependency" and e.subject
                   and e.tool != "python"]
    assert all(strict.predictions(e) == [] or strict.predictions(e)[0].neighbours
               for e in other_tools)
