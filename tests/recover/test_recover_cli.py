"""`lsp-heal recover` as a user runs it: a real process, real recordings, real files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from fixture_cases import FIXTURES, recording


def recover(*args, cwd, home, stdin=None):
    env = {**os.environ, "LSP_HEAL_HOME": str(home)}
    return subprocess.run([sys.executable, "-m", "lsp_heal", "recover", *args], cwd=cwd,
                          env=env, input=stdin, capture_output=True, text=True, timeout=60)


def tree(root: Path) -> dict[str, tuple[int, int]]:
    return {str(p.relative_to(root)): (p.stat().st_mode, p.stat().st_mtime_ns)
            for p in root.rglob("*")}


def test_json_plans_for_a_recorded_failure_touch_nothing(tmp_path):
    project, home = tmp_path / "project", tmp_path / "home"
    (project / ".venv").mkdir(parents=True)
    (project / ".venv" / "pyvenv.cfg").write_text("home = /usr/bin\n")
    (project / "uv.lock").write_text("version = 1\n")
    (project / "pyproject.toml").write_text('[project]\nname = "x"\nversion = "0"\n')
    before = tree(project)
    source = FIXTURES / "recover" / "recorded" / "import_yaml.out"
    done = recover("--from", str(source), "--command", ".venv/bin/python app.py", "--json",
                   cwd=project, home=home)
    assert done.returncode == 0, done.stderr
    top = json.loads(done.stdout)["plans"][0]
    assert top["strategy"] == "install-package" and top["source"] == "rule"
    assert top["actions"][0]["kind"] == "install"
    assert (top["actions"][0]["manager"], top["actions"][0]["package"]) == ("uv", "PyYAML")
    assert tree(project) == before


def test_text_argument_and_table_output(tmp_path):
    meta, output = recording("detect/rust/unresolved_import_crate")
    (tmp_path / "Cargo.toml").write_text('[package]\nname = "d"\nversion = "0.1.0"\n')
    done = recover(output.decode(), "--command", meta["command"], cwd=tmp_path,
                   home=tmp_path / "home")
    assert done.returncode == 0
    assert "Add the rand crate with cargo add" in done.stdout.splitlines()[1]


def test_hostile_output_gets_no_plan(tmp_path):
    source = FIXTURES / "recover" / "recorded" / "import_hostile.out"
    done = recover("--from", str(source), "--json", cwd=tmp_path, home=tmp_path / "home")
    assert json.loads(done.stdout) == {"plans": []}


def test_apply_without_a_terminal_or_yes_applies_nothing(tmp_path):
    script = tmp_path / "deploy.sh"
    script.write_text("#!/bin/sh\necho ok\n")
    script.chmod(0o644)
    text = "bash: line 1: ./deploy.sh: Permission denied\n"
    done = recover(text, "--command", "./deploy.sh", "--apply", "--json", cwd=tmp_path,
                   home=tmp_path / "home", stdin="y\n")
    report = json.loads(done.stdout)
    assert report["plans"][0]["actions"][0]["kind"] == "chmod"
    assert report["applied"]["success"] is False and done.returncode == 1
    assert script.stat().st_mode & 0o777 == 0o644


def test_apply_yes_fixes_and_journals(tmp_path):
    script = tmp_path / "deploy.sh"
    script.write_text("#!/bin/sh\necho ok\n")
    script.chmod(0o644)
    text = "bash: line 1: ./deploy.sh: Permission denied\n"
    done = recover(text, "--command", "./deploy.sh", "--apply", "--yes", "--json",
                   cwd=tmp_path, home=tmp_path / "home")
    report = json.loads(done.stdout)
    assert report["applied"]["success"] is True, report
    assert report["applied"]["id"]
    assert script.stat().st_mode & 0o111


def test_bad_input_is_one_line_exit_2(tmp_path):
    for args in (["--from", str(tmp_path / "missing.log")],
                 ["text", "--from", str(tmp_path)], ["x", "--cwd", str(tmp_path / "nope")]):
        done = recover(*args, cwd=tmp_path, home=tmp_path / "home")
        assert done.returncode == 2
        assert done.stderr.count("\n") == 1 and done.stderr.startswith("lsp-heal: recover:")
