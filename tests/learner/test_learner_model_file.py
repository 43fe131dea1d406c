"""The model file: atomic, versioned; damaged or foreign files are replaced, never a crash."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from learner import PatternLearner
from learner.model import ModelError, load


@pytest.fixture
def trained(home, missing_modules, install_plan) -> PatternLearner:
    learner = PatternLearner(home)
    for event in missing_modules[:-1]:
        learner.record(event, install_plan(event.subject), success=True)
    learner.train()
    return learner


def _predicts_again(home, event) -> PatternLearner:
    fresh = PatternLearner(home)
    (best, *_) = fresh.predictions(event)
    assert best.actions[0]["package"] == event.subject
    load(fresh.model_path)  # the retrained file is whole and of this version
    return fresh


@pytest.mark.parametrize("damage", [
    lambda data: data[: len(data) // 2],  # cut short by a crash of another tool
    lambda data: b"\x00" * len(data),
    lambda data: b"not a model at all",
])
def test_corrupt_model_is_reported_and_retrained(trained, home, missing_modules, damage):
    trained.model_path.write_bytes(damage(trained.model_path.read_bytes()))
    with pytest.raises(ModelError, match="is corrupt"):
        load(trained.model_path)
    fresh = _predicts_again(home, missing_modules[-1])
    assert len(fresh.notices) == 1
    assert "corrupt" in fresh.notices[0] and fresh.notices[0].endswith("retraining")


def test_model_of_another_sklearn_version_is_refused_and_retrained(trained, home,
                                                                   missing_modules):
    model = load(trained.model_path)
    model.sklearn_version = "0.24.2"
    model.save(trained.model_path)
    with pytest.raises(ModelError, match="trained with scikit-learn 0.24.2, this is "):
        load(trained.model_path)
    fresh = _predicts_again(home, missing_modules[-1])
    assert "scikit-learn 0.24.2" in fresh.notices[0]


def test_cli_reports_a_corrupt_model_on_one_line_and_still_predicts(trained, home,
                                                                   missing_modules):
    trained.model_path.write_bytes(b"garbage")
    event = missing_modules[-1]
    result = subprocess.run(
        [sys.executable, "-m", "lsp_heal", "predict", "--json",
         f"ModuleNotFoundError: No module named '{event.subject}'"],
        capture_output=True, text=True, env={**os.environ, "LSP_HEAL_HOME": str(home)},
    )
    assert result.returncode == 0
    assert result.stderr.count("\n") == 1 and "corrupt" in result.stderr
    assert "Traceback" not in result.stderr
    assert f'"package": "{event.subject}"' in result.stdout


def test_save_is_atomic_no_temporary_left(trained):
    model = load(trained.model_path)
    model.save(trained.model_path)
    assert sorted(p.name for p in trained.model_path.parent.iterdir()
                  if p.name.startswith(".model-")) == []
