"""Hooks from .lsp_heal/hooks.json: run in trusted workspaces, asked about elsewhere, logged."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from lsp_heal.recover.consent import set_trusted
from tests.server.conftest import running_server, wait_for

pytestmark = pytest.mark.asyncio

RECORD = ("import os, pathlib; pathlib.Path('hook.log').open('a').write("
          "os.environ['LSP_HEAL_EVENT'] + ' ' + os.environ.get('LSP_HEAL_EXIT_CODE', '-') + '\\n');"
          " print('hook says hi')")


def configure(root: Path) -> None:
    (root / ".lsp_heal").mkdir()
    (root / ".lsp_heal" / "hooks.json").write_text(json.dumps({"hooks": {
        "post-command": [{"command": [sys.executable, "-c", RECORD], "timeout": 20}],
        "session-start": [f"{sys.executable} -c \"{RECORD}\""]}}))


def finished(client, root: Path) -> None:
    client.protocol.notify("lspHeal/commandFinished", {
        "command": "make", "cwd": str(root), "exitCode": 2, "output": "make: *** No rule\n",
        "source": "task"})


async def test_trusted_workspace_runs_hooks_with_the_facts_and_logs_their_output(
        tmp_path: Path, home: Path) -> None:
    configure(tmp_path)
    set_trusted(tmp_path)
    async with running_server(tmp_path) as client:
        finished(client, tmp_path)
        log = tmp_path / "hook.log"
        await wait_for(lambda: log.exists() and len(log.read_text().splitlines()) == 2)
        assert sorted(log.read_text().splitlines()) == ["post-command 2", "session-start -"]
        await wait_for(lambda: any("hook says hi" in m.message for m in client.log_messages))
        assert client.asked == []


async def test_untrusted_workspace_asks_and_a_no_runs_nothing(tmp_path: Path, home: Path):
    configure(tmp_path)
    async with running_server(tmp_path, answer=lambda params: "Don't run") as client:
        finished(client, tmp_path)
        await wait_for(lambda: len(client.asked) == 2)
        assert all("hooks.json" in asked.message for asked in client.asked)
        await wait_for(lambda: sum("not run" in m.message for m in client.log_messages) == 2)
    assert not (tmp_path / "hook.log").exists()


async def test_trust_this_workspace_runs_the_hook_and_remembers(tmp_path: Path, home: Path):
    configure(tmp_path)
    async with running_server(tmp_path, answer=lambda p: "Trust this workspace"):
        await wait_for(lambda: (tmp_path / "hook.log").exists())
    assert json.loads((home / "trust.json").read_text())["workspaces"] == [str(tmp_path.resolve())]
