"""The learner's commands, run as real processes against a real store."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

INSTALL = ('{"strategy": "install-package", "title": "Install %s with pip", "actions": '
           '[{"kind": "install", "manager": "pip", "package": "%s"}]}')

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "detect"


def _cli(home: Path, *argv: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "lsp_heal", *argv], capture_output=True,
                          text=True, input=stdin, env={**os.environ, "LSP_HEAL_HOME": str(home)})


def _output(case: str) -> str:
    return (FIXTURES / f"{case}.out").read_text()


def test_store_train_predict_search_with_recorded_output(tmp_path: Path):
    for case, package in (("python/module_not_found", "pandas"),):
        stored = _cli(tmp_path, "store", _output(case), INSTALL % (package, package), "true",
                      "--json")
        assert stored.returncode == 0, stored.stderr
        assert json.loads(stored.stdout)["stored"]["subject"] == package
    assert _cli(tmp_path, "train").stdout.startswith("trained on 1 patterns")

    traceback = _output("python/module_not_found").replace("pandas", "polars")
    predicted = json.loads(_cli(tmp_path, "predict", "-", "--json", stdin=traceback).stdout)
    (best,) = predicted["predictions"]
    assert best["actions"] == [{"kind": "install", "manager": "pip", "package": "polars"}]
    assert best["source"] == "learned" and 0.3 <= best["confidence"] <= best["similarity"]

    found = json.loads(_cli(tmp_path, "search", "No module named", "--json").stdout)
    assert found["results"][0]["subject"] == "pandas"

    table = _cli(tmp_path, "predict", traceback).stdout
    assert "install-package" in table and "package=polars" in table


def test_prune_analyze_metrics(tmp_path: Path):
    for package in ("pandas", "rich", "httpx"):
        text = _output("python/module_not_found").replace("pandas", package)
        _cli(tmp_path, "store", text, INSTALL % (package, package), "true")
    _cli(tmp_path, "store", _output("python/module_not_found"), INSTALL % ("x", "x"), "false")

    dry = _cli(tmp_path, "prune", "--dry-run", "--min-confidence", "0.4")
    assert dry.returncode == 0
    assert "would remove 3 of 4 patterns" in dry.stdout and "1 failing" in dry.stdout
    assert "2 merged into a near-duplicate" in dry.stdout

    metrics = json.loads(_cli(tmp_path, "metrics", "--json").stdout)
    assert (metrics["patterns"], metrics["successes"], metrics["failures"]) == (4, 3, 1)
    assert metrics["store_bytes"] > 0 and metrics["model"] is None

    analysis = json.loads(_cli(tmp_path, "analyze", "--json").stdout)
    assert analysis["clusters"][0]["runs"] == 4
    assert analysis["failing"][0]["failures"] == 1
    assert "top error clusters:" in _cli(tmp_path, "analyze").stdout

    pruned = json.loads(_cli(tmp_path, "prune", "--min-confidence", "0.4", "--json").stdout)
    assert pruned["removed"] == 3 and pruned["after"] == 1
    after = json.loads(_cli(tmp_path, "metrics", "--json").stdout)
    assert after["successes"] == 3 and after["model"]["patterns"] == 1


@pytest.mark.parametrize("argv, message", [
    (["store", "x", "{", "true"], "RECOVERY_JSON is not valid JSON"),
    (["store", "x", '{"actions": []}', "true"], '"strategy" string'),
    (["store", "x", '{"strategy": "s", "actions": [1]}', "true"], '"kind" string'),
    (["store", "x", '{"strategy": "s"}', "perhaps"], "SUCCESS must be true or false"),
    (["predict", "   "], "ERROR is empty"),
    (["search", ""], "QUERY is empty"),
    (["train"], "the pattern store is empty"),
    (["prune", "--similarity", "1.5"], "--similarity must be between 0 and 1"),
    (["prune", "--max-patterns", "-1"], "--max-patterns must be at least 0"),
])
def test_bad_input_is_one_line_and_exit_2(tmp_path: Path, argv, message):
    result = _cli(tmp_path, *argv)
    assert result.returncode == 2
    assert message in result.stderr and result.stderr.count("\n") == 1


def test_a_store_that_is_not_a_database_is_one_line(tmp_path: Path):
    (tmp_path / "learner").mkdir()
    (tmp_path / "learner" / "patterns.sqlite3").write_text("hello" * 1000)
    result = _cli(tmp_path, "metrics")
    assert result.returncode == 2 and "cannot be used" in result.stderr
    assert "Traceback" not in result.stderr
