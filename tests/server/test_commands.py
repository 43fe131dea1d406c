"""workspace/executeCommand: apply a plan with consent and progress, history, rollback, runs."""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

import pytest
from lsprotocol import types

from tests.server.conftest import running_server, wait_for

pytestmark = pytest.mark.asyncio


def execute(client, command: str, *arguments):
    return client.workspace_execute_command_async(types.ExecuteCommandParams(
        command=command, arguments=list(arguments)))


async def test_apply_plan_asks_applies_journals_and_rolls_back(tmp_path: Path, home: Path):
    target = tmp_path / "settings.py"
    target.write_text("DEBUG = Flase\n")
    plan = {"strategy": "manual", "title": "Spell False right", "confidence": 1.0,
            "actions": [{"kind": "edit", "path": "settings.py",
                         "edits": [{"line": 1, "column": 9, "end_column": 14,
                                    "replace": "False"}]}]}
    async with running_server(tmp_path, answer=lambda params: "Apply") as client:
        applied = await execute(client, "lspHeal.applyPlan", plan, {"cwd": str(tmp_path)})
        assert applied["success"] and applied["id"]
        assert target.read_text() == "DEBUG = False\n"
        assert "Spell False right" in client.asked[0].message  # consent was asked
        [token] = client.progress_reports
        assert [type(p).__name__ for p in client.progress_reports[token]] == \
            ["WorkDoneProgressBegin", "WorkDoneProgressEnd"]
        history = await execute(client, "lspHeal.history", {})
        assert [e["id"] for e in history["entries"]] == [applied["id"]]
        undone = await execute(client, "lspHeal.rollback", {"id": applied["id"]})
        assert undone["restored"]
        assert target.read_text() == "DEBUG = Flase\n"


async def test_a_refused_plan_changes_nothing(tmp_path: Path, home: Path) -> None:
    target = tmp_path / "settings.py"
    target.write_text("DEBUG = Flase\n")
    plan = {"title": "Spell False right", "actions": [
        {"kind": "edit", "path": "settings.py", "edits": [{"line": 1, "column": 9, "insert": "x"}]}]}
    async with running_server(tmp_path, answer=lambda params: "Cancel") as client:
        applied = await execute(client, "lspHeal.applyPlan", plan, {})
        assert not applied["success"] and applied["outcome"] == "declined"
        assert target.read_text() == "DEBUG = Flase\n"


async def test_run_command_output_becomes_diagnostics(tmp_path: Path, home: Path) -> None:
    app = tmp_path / "app.py"
    app.write_text("import no_such_module_xyz\n")
    async with running_server(tmp_path, answer=lambda params: "Run") as client:
        result = await execute(client, "lspHeal.runCommand",
                               {"command": [sys.executable, "app.py"], "cwd": str(tmp_path)})
        assert result == {"command": f"{sys.executable} app.py", "run": True, "exit_code": 1}
        await wait_for(lambda: client.diagnostics.get(app.as_uri()))
        assert client.diagnostics[app.as_uri()][0].code == "dependency"


async def test_rerun_test_that_passes_unchanged_is_flaky(tmp_path: Path, home: Path) -> None:
    async with running_server(tmp_path, answer=lambda params: "Run") as client:
        result = await execute(client, "lspHeal.rerunTest",
                               {"command": [sys.executable, "-c", "pass"]})
        assert result["exit_code"] == 0 and result["flaky"] is True


async def test_cancelling_a_running_command_kills_it(tmp_path: Path, home: Path) -> None:
    marker = tmp_path / "finished"
    script = f"import time, pathlib; time.sleep(30); pathlib.Path({str(marker)!r}).touch()"
    async with running_server(tmp_path, answer=lambda params: "Run") as client:
        pending = asyncio.ensure_future(
            execute(client, "lspHeal.runCommand", {"command": [sys.executable, "-c", script]}))
        await wait_for(lambda: client.progress_reports)
        [token] = client.progress_reports
        client.window_work_done_progress_cancel(types.WorkDoneProgressCancelParams(token=token))
        with pytest.raises(Exception, match="cancel"):
            await pending
        assert type(client.progress_reports[token][-1]).__name__ == "WorkDoneProgressEnd"
        assert client.progress_reports[token][-1].message == "cancelled"
        assert not marker.exists()


async def test_cancel_request_for_a_running_command_kills_it_and_the_server_serves_on(
        tmp_path: Path, home: Path) -> None:
    started, marker = tmp_path / "started", tmp_path / "finished"
    script = (f"import os, time, pathlib; pathlib.Path({str(started)!r}).write_text("
              f"str(os.getpid())); time.sleep(2); pathlib.Path({str(marker)!r}).touch()")
    async with running_server(tmp_path, answer=lambda params: "Run") as client:
        params = types.ExecuteCommandParams(command="lspHeal.runCommand", arguments=[
            {"command": [sys.executable, "-c", script]}])
        pending = asyncio.ensure_future(client.protocol.send_request_async(
            "workspace/executeCommand", params, msg_id="run-1"))
        await wait_for(lambda: started.exists() and started.read_text())
        pid = int(started.read_text())
        client.cancel_request(types.CancelParams(id="run-1"))
        with pytest.raises(Exception, match="cancel"):
            await pending
        await wait_for(lambda: not alive(pid))  # killed, or (the bug) done writing the marker
        assert not marker.exists()
        [token] = client.progress_reports
        await wait_for(lambda: type(client.progress_reports[token][-1]).__name__
                       == "WorkDoneProgressEnd")
        assert client.progress_reports[token][-1].message == "cancelled"
        after = await execute(client, "lspHeal.runCommand",
                              {"command": [sys.executable, "-c", "raise SystemExit(3)"]})
        assert after["run"] and after["exit_code"] == 3


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


async def test_learner_upkeep_runs_and_an_empty_store_is_a_clear_error(tmp_path: Path,
                                                                      home: Path) -> None:
    from learner.learner import PatternLearner
    from lsp_heal.model import Action, Category, ErrorEvent, Plan, Severity

    async with running_server(tmp_path) as client:
        with pytest.raises(Exception, match="the pattern store is empty"):
            await execute(client, "lspHeal.train", {})
        learner = PatternLearner(home=home)
        for i in range(3):
            event = ErrorEvent(Category.DEPENDENCY, Severity.HIGH, "python",
                               f"ModuleNotFoundError: No module named 'mod{i}'", f"mod{i}")
            learner.record(event, Plan("install-package", f"Install mod{i}", 0.9,
                                       [Action("install", {"manager": "pip", "package": f"mod{i}"})]),
                           True)
        report = await execute(client, "lspHeal.train", {})
        assert report["patterns"] == 3
        assert (home / "learner" / "model.joblib").exists()
        pruned = await execute(client, "lspHeal.prune", {"max_patterns": 1})
        assert PatternLearner(home=home).store.count() == 1, pruned
