"""lsp_heal.api against real failures: a real venv missing a module, real failing commands,
a real journal and learner store in $LSP_HEAL_HOME."""

from __future__ import annotations

import json
import site
import subprocess
import sys
import threading
from pathlib import Path

import pytest

import lsp_heal
from lsp_heal.recover.journal import JournalError
from lsp_heal.recover.strategies import make_plan, unregister
from lsp_heal.model import Action

REPO = Path(__file__).resolve().parents[2]
HEAVY = ("sklearn", "jedi", "libcst", "pygls", "lsprotocol")


@pytest.fixture(autouse=True)
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("LSP_HEAL_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


def run_python(python: str | Path, code: str, cwd: Path, script: str = "app.py"):
    (cwd / script).write_text(code)
    return subprocess.run([str(python), script], cwd=cwd, capture_output=True, text=True,
                          timeout=120, check=False)


@pytest.fixture()
def bare_venv(tmp_path):
    """A real venv without pip that sees lsp_heal (through a .pth) and nothing else extra."""
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    site_dir = next(venv.glob("lib/python3*/site-packages"))
    (site_dir / "lsp_heal_dev.pth").write_text(
        "".join(f"import site; site.addsitedir({d!r})\n" for d in site.getsitepackages()))
    return venv


def test_an_exception_in_a_venv_gives_its_module_its_frame_and_a_plan_for_that_venv(
        bare_venv, tmp_path):
    project = tmp_path / "project"
    project.mkdir()
    done = run_python(bare_venv / "bin" / "python", (
        "import json, lsp_heal\n"
        "try:\n"
        "    import markdown_missing_here\n"
        "except ImportError as error:\n"
        "    r = lsp_heal.recover_from_error(error, apply=True)\n"
        "    print(json.dumps({**r.to_json(), 'journal_id': r.journal_id}))\n"), project)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    error = report["errors"][0]
    assert (error["category"], error["subject"]) == ("dependency", "markdown_missing_here")
    assert error["location"] == {"path": str(project / "app.py"), "line": 3, "column": None}
    install = report["plans"][0]["actions"][0]
    assert (install["kind"], install["package"]) == ("install", "markdown_missing_here")
    assert Path(install["python"]).parent == bare_venv / "bin"  # this venv, not PATH's python3
    # apply=True without confirm: declined, nothing installed, nothing journaled
    assert report["applied"]["outcome"] == "declined"
    assert report["journal_id"] is None
    assert not list(bare_venv.glob("lib/python3*/site-packages/markdown*"))


def test_a_failing_command_is_classified_and_planned(tmp_path):
    failed = run_python(sys.executable, "import tabulate_missing_here\n", tmp_path)
    events = lsp_heal.classify(failed.stderr, command="python app.py",
                               exit_code=failed.returncode)
    assert [(e.category.value, e.subject) for e in events][:1] == [
        ("dependency", "tabulate_missing_here")]
    assert events[0].location is not None and events[0].location.line == 1
    plans = lsp_heal.plan(events[0], cwd=tmp_path, command="python app.py")
    assert plans[0].strategy == "install-package"
    assert plans[0].actions[0].params["package"] == "tabulate_missing_here"
    # a clean exit: the same text is not an error worth more than low
    assert all(e.severity.value == "low" for e in lsp_heal.classify(failed.stderr, exit_code=0))


class CreateModule:
    """A real strategy: a missing local module is created (an edit of a new file)."""

    name = config_name = "create-module"

    def plans(self, event, ctx):
        if event.subject:
            yield make_plan(event, self.name, f"Create {event.subject}.py", 0.99,
                            Action("edit", {"path": f"{event.subject}.py", "edits": [
                                {"line": 1, "column": 1, "insert": "VALUE = 42\n"}]}))


@pytest.fixture()
def create_module():
    lsp_heal.register_recovery_strategy("create-module", CreateModule())
    yield
    unregister("create-module")


def test_apply_with_consent_heals_verifies_journals_and_rolls_back(tmp_path, create_module):
    code = "import localmod_missing\nprint(localmod_missing.VALUE)\n"
    failed = run_python(sys.executable, code, tmp_path)
    asked, recovered = [], []
    lsp_heal.register_hook("on-recovery", recovered.append)
    try:
        recovery = lsp_heal.recover_from_error(
            failed.stderr, command=f"{sys.executable} app.py", cwd=tmp_path, apply=True,
            confirm=lambda plan: asked.append(plan.title) or True)
    finally:
        lsp_heal.hooks.unregister_hook("on-recovery", recovered.append)
    assert asked == ["Create localmod_missing.py"]
    assert recovery.applied is not None and recovery.applied.success
    assert recovery.applied.verified  # the command was rerun and passes
    assert (tmp_path / "localmod_missing.py").read_text() == "VALUE = 42\n"
    assert [c["journal_id"] for c in recovered] == [recovery.journal_id]

    undone = lsp_heal.rollback(recovery.journal_id)
    assert undone.restored
    assert not (tmp_path / "localmod_missing.py").exists()
    assert run_python(sys.executable, code, tmp_path).returncode == 1
    with pytest.raises(JournalError):
        lsp_heal.rollback(recovery.journal_id)  # already rolled back


def test_a_no_from_confirm_changes_nothing(tmp_path, create_module):
    failed = run_python(sys.executable, "import localmod_missing\n", tmp_path)
    recovery = lsp_heal.recover_from_error(failed.stderr, command="python app.py",
                                           cwd=tmp_path, apply=True, confirm=lambda plan: False)
    assert recovery.applied is not None and recovery.applied.outcome == "declined"
    assert recovery.journal_id is None
    assert not (tmp_path / "localmod_missing.py").exists()


def test_a_strategy_without_the_protocol_is_refused():
    with pytest.raises(TypeError):
        lsp_heal.register_recovery_strategy("broken", object())  # type: ignore[arg-type]


def test_hooks_run_in_order_and_a_raising_hook_does_not_stop_the_others():
    def boom(context):
        raise RuntimeError("hook bug")

    hooks = [lambda c: ("first", c["n"]), boom, lambda c: ("last", c["n"])]
    for hook in hooks:
        lsp_heal.register_hook("notify", hook)
    try:
        calls = lsp_heal.trigger_hook("notify", {"n": 7})
    finally:
        for hook in hooks:
            lsp_heal.hooks.unregister_hook("notify", hook)
    assert [c.value for c in calls] == [("first", 7), None, ("last", 7)]
    assert [c.ok for c in calls] == [True, False, True]
    assert str(calls[1].error) == "hook bug"
    assert lsp_heal.trigger_hook("notify", {"n": 7}) == []
    with pytest.raises(ValueError, match="unknown hook event"):
        lsp_heal.register_hook("on-lunch", print)


def test_hooks_registered_from_many_threads_are_all_kept():
    seen: list[int] = []
    hooks = [lambda c, i=i: seen.append(i) for i in range(200)]
    threads = [threading.Thread(target=lsp_heal.register_hook, args=("post-edit", h))
               for h in hooks]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    try:
        lsp_heal.trigger_hook("post-edit", {})
    finally:
        for hook in hooks:
            lsp_heal.hooks.unregister_hook("post-edit", hook)
    assert sorted(seen) == list(range(200))


def test_the_excepthook_prints_the_reading_and_best_fix_then_the_traceback(tmp_path, home):
    done = run_python(sys.executable, (
        "import lsp_heal\n"
        "lsp_heal.install_excepthook()\n"
        "lsp_heal.install_excepthook()\n"
        "import ruamel_missing_here\n"), tmp_path)
    assert done.returncode == 1
    lines = done.stderr.splitlines()
    reading = "lsp-heal: dependency/high [ruamel_missing_here]: " \
              "ModuleNotFoundError: No module named 'ruamel_missing_here'"
    assert lines.count(reading) == 1  # installed twice, printed once
    assert any(line.startswith("lsp-heal: best fix (") for line in lines)
    assert lines.index(reading) < lines.index("Traceback (most recent call last):")
    assert not list(home.glob("**/journal*"))  # nothing applied, nothing journaled
    assert not (tmp_path / "ruamel_missing_here.py").exists()


def test_import_lsp_heal_stays_light_until_a_name_is_used():
    probe = ("import sys, lsp_heal; light = [m for m in {h!r} if m in sys.modules];"
             "from lsp_heal import recover_from_error, PatternLearner;"
             "print(light, [m for m in {h!r} if m in sys.modules], callable(recover_from_error))")
    done = subprocess.run([sys.executable, "-c", probe.format(h=HEAVY)], capture_output=True,
                          text=True, check=True)
    assert done.stdout.strip() == "[] [] True"
    with pytest.raises(AttributeError):
        lsp_heal.no_such_name  # noqa: B018


def test_the_api_passes_mypy_strict():
    done = subprocess.run([sys.executable, "-m", "mypy", "--strict", "--follow-imports=silent",
                           "lsp_heal/api.py"], cwd=REPO, capture_output=True, text=True,
                          check=False)
    assert done.returncode == 0, done.stdout + done.stderr
