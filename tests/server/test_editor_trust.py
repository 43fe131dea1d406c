"""An editor that distrusts the workspace (VS Code's workspace trust) outranks the trust list:
nothing runs or is installed and nobody is asked; edits still apply."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from lsp_heal.recover.consent import set_trusted
from tests.server.conftest import running_server, wait_for
from tests.server.test_commands import execute
from tests.server.test_hooks import configure, finished

pytestmark = pytest.mark.asyncio

DISTRUSTED = {"workspaceTrusted": False, "client": "vscode"}


def first_button(params) -> str:
    """A user who says yes to everything: only the server's refusal can stop a run."""
    return params.actions[0].title


async def test_untrusted_editor_refuses_runs_installs_and_hooks_unasked(tmp_path: Path,
                                                                        home: Path) -> None:
    configure(tmp_path)
    set_trusted(tmp_path)  # the user's trust list would let all of it run
    touched = tmp_path / "ran"
    touch = [sys.executable, "-c", f"import pathlib; pathlib.Path({str(touched)!r}).touch()"]
    async with running_server(tmp_path, first_button, DISTRUSTED) as client:
        for command in ("lspHeal.runCommand", "lspHeal.rerunTest"):
            result = await execute(client, command, {"command": touch})
            assert result["run"] is False
            assert "editor does not trust this workspace" in result["detail"]
        installed = await execute(client, "lspHeal.install",
                                  {"manager": "pip", "package": "requests"})
        run_plan = {"title": "Run it", "actions": [{"kind": "run", "command": touch}]}
        applied = await execute(client, "lspHeal.applyPlan", run_plan, {})
        for refused in (installed, applied):
            assert not refused["success"] and refused["outcome"] == "refused"
            assert "editor does not trust this workspace" in refused["detail"]
        finished(client, tmp_path)  # post-command hook
        await wait_for(lambda: sum("not run: the editor does not trust" in m.message
                                   for m in client.log_messages) == 2)  # and session-start
        assert client.asked == []
    assert not touched.exists()
    assert not (tmp_path / "hook.log").exists()


async def test_untrusted_editor_applies_an_edit_but_does_not_rerun_to_verify(
        tmp_path: Path, home: Path) -> None:
    target = tmp_path / "settings.py"
    target.write_text("DEBUG = Flase\n")
    (tmp_path / "check.py").write_text("import pathlib; pathlib.Path('rerun').touch()\n")
    plan = {"title": "Spell False right", "actions": [{
        "kind": "edit", "path": "settings.py",
        "edits": [{"line": 1, "column": 9, "end_column": 14, "replace": "False"}]}]}
    async with running_server(tmp_path, first_button, DISTRUSTED) as client:
        applied = await execute(client, "lspHeal.applyPlan", plan,
                                {"cwd": str(tmp_path), "command": f"{sys.executable} check.py"})
        assert applied["success"], applied
    assert target.read_text() == "DEBUG = False\n"
    assert not (tmp_path / "rerun").exists()  # the workspace's command is not run either


async def test_trusted_editor_leaves_the_trust_list_in_charge(tmp_path: Path, home: Path):
    set_trusted(tmp_path)
    async with running_server(tmp_path, first_button,
                              {"workspaceTrusted": True, "client": "vscode"}) as client:
        result = await execute(client, "lspHeal.runCommand",
                               {"command": [sys.executable, "-c", "raise SystemExit(4)"]})
        assert result["run"] and result["exit_code"] == 4
        assert client.asked == []
