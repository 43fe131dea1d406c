"""`lsp-heal fix` as a user runs it: a real subprocess, real files, the real journal."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

BROKEN = "def f(x):\n    if x\n        retrun 1  # keep me\n"
REPAIRED = "def f(x):\n    if x:\n        return 1  # keep me\n"


def lsp_heal(*args: str, cwd: Path, home: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "LSP_HEAL_HOME": str(home)}
    return subprocess.run([sys.executable, "-m", "lsp_heal", *args], cwd=cwd, env=env,
                          check=False, capture_output=True, text=True, timeout=120)


def test_default_prints_the_repaired_text_and_leaves_the_file(tmp_path):
    (tmp_path / "app.py").write_text(BROKEN)
    done = lsp_heal("fix", "app.py", cwd=tmp_path, home=tmp_path / "home")
    assert (done.returncode, done.stdout) == (0, REPAIRED)
    assert (tmp_path / "app.py").read_text() == BROKEN


def test_json_gives_one_based_edits(tmp_path):
    (tmp_path / "app.py").write_text(BROKEN)
    done = lsp_heal("fix", "app.py", "--json", cwd=tmp_path, home=tmp_path / "home")
    assert done.returncode == 0
    assert json.loads(done.stdout) == {
        "path": "app.py", "fixed": True, "parses": True,
        "edits": [{"line": 2, "column": 9, "insert": ":"},
                  {"line": 3, "column": 9, "end_line": 3, "end_column": 15, "replace": "return"}]}


def test_diff_is_a_unified_diff(tmp_path):
    (tmp_path / "app.py").write_text(BROKEN)
    done = lsp_heal("fix", "app.py", "--diff", cwd=tmp_path, home=tmp_path / "home")
    assert done.returncode == 0
    assert done.stdout.splitlines()[:3] == ["--- a/app.py", "+++ b/app.py", "@@ -1,3 +1,3 @@"]
    assert "-    if x\n-        retrun 1  # keep me\n+    if x:\n" in done.stdout


def test_write_is_journaled_and_rolls_back(tmp_path):
    target = tmp_path / "app.py"
    target.write_text(BROKEN)
    home = tmp_path / "home"
    done = lsp_heal("fix", "app.py", "--write", cwd=tmp_path, home=home)
    assert done.returncode == 0 and target.read_text() == REPAIRED
    undo = lsp_heal("rollback", "--last", cwd=tmp_path, home=home)
    assert undo.returncode == 0, undo.stderr
    assert target.read_text() == BROKEN


def test_unrepairable_file_exits_1_with_the_reason_and_is_not_written(tmp_path):
    target = tmp_path / "bad.json"
    target.write_text('{"a": [1, 2}\n')
    done = lsp_heal("fix", "bad.json", "--write", cwd=tmp_path, home=tmp_path / "home")
    assert done.returncode == 1
    assert "could not repair bad.json" in done.stderr and "line 1" in done.stderr
    assert target.read_text() == '{"a": [1, 2}\n'


def test_bad_usage_exits_2_on_one_line(tmp_path):
    (tmp_path / "notes.txt").write_text("x")
    for args in (["fix", "missing.py"], ["fix", "notes.txt"], ["fix", "a.py", "--write",
                                                                "--diff"]):
        done = lsp_heal(*args, cwd=tmp_path, home=tmp_path / "home")
        assert done.returncode == 2, args
        assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
