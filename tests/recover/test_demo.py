"""`lsp-heal demo`: the whole loop on the shipped sample project, offline."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from heal_parts import isolated_home_fixture  # noqa: F401  (autouse)


def test_the_demo_heals_tells_flaky_from_broken_and_rolls_back(isolated_home):
    env = {**os.environ, "PIP_NO_INDEX": "1", "PIP_INDEX_URL": "http://127.0.0.1:9/nowhere"}
    done = subprocess.run([sys.executable, "-m", "lsp_heal", "demo", "--json"],
                          capture_output=True, text=True, env=env, timeout=300, check=False)
    report = json.loads(done.stdout)
    assert done.returncode == 0 and report["ok"], done.stderr
    dependency, tests, permission, rollback = report["steps"]
    assert dependency["error"]["subject"] == "heal_demo_widgets"
    assert dependency["plan"]["actions"][0]["kind"] == "install"
    assert dependency["applied"]["outcome"] == "fixed" and dependency["applied"]["verified"]
    assert tests["verdicts"] == {"test_checks.Checks.test_cache_warm": "flaky",
                                 "test_checks.Checks.test_total": "broken"}
    assert permission["error"]["category"] == "permission"
    assert permission["plan"]["actions"][0]["kind"] == "chmod"
    assert rollback["refused"]["conflicts"][0]["path"].endswith("requirements.txt")
    assert rollback["install"]["restored"] and rollback["chmod"]["restored"]
    assert not isolated_home.exists()  # the demo keeps its journal in its own temp folder


def test_the_demo_tells_its_story_in_plain_text():
    done = subprocess.run([sys.executable, "-m", "lsp_heal", "demo"], capture_output=True,
                          text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    for line in ("No module named 'heal_demo_widgets'", "3 widgets ready", ": flaky (",
                 ": broken (", "report: all widgets accounted for", "refused, nothing changed",
                 "All done in"):
        assert line in done.stdout
