"""lspHeal/commandFinished: diagnostics on named files, a question for the rest, cleared on success.

The outputs are real: the test runs the failing program and reports what it printed.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from lsprotocol import types

from tests.server.conftest import running_server, wait_for

pytestmark = pytest.mark.asyncio


def run(argv: list[str], cwd: Path) -> tuple[int, str]:
    done = subprocess.run(argv, cwd=cwd, capture_output=True, text=True, check=False)
    return done.returncode, done.stdout + done.stderr


def finished(client, command: str, cwd: Path, code: int, output: str, **extra) -> None:
    client.protocol.notify("lspHeal/commandFinished", {
        "command": command, "cwd": str(cwd), "exitCode": code, "output": output,
        "source": "terminal", **extra})


async def test_errors_naming_a_file_become_diagnostics_there_and_success_clears_them(
        tmp_path: Path) -> None:
    app = tmp_path / "app.py"
    app.write_text("import os\nimport no_such_module_xyz\n")
    code, output = run([sys.executable, "app.py"], tmp_path)
    async with running_server(tmp_path) as client:
        finished(client, "python3 app.py", tmp_path, code, output)
        await wait_for(lambda: client.diagnostics.get(app.as_uri()))
        [diagnostic] = client.diagnostics[app.as_uri()]
        assert (diagnostic.code, diagnostic.source) == ("dependency", "lsp-heal")
        assert diagnostic.range.start.line == 1  # `import no_such_module_xyz`, 0-based
        assert diagnostic.range.end.character == len("import no_such_module_xyz")
        assert diagnostic.data["event"]["subject"] == "no_such_module_xyz"
        app.write_text("import os\n")
        code, output = run([sys.executable, "app.py"], tmp_path)
        finished(client, "python3 app.py", tmp_path, code, output)
        await wait_for(lambda: len(client.diagnostics[app.as_uri()]) == 0)


async def test_an_error_without_a_file_is_a_question_with_the_plans_as_buttons(
        tmp_path: Path) -> None:
    code, output = run([sys.executable, "-c", "import yaml_missing_here"], tmp_path)
    async with running_server(tmp_path, answer=lambda params: None) as client:
        finished(client, "python3 -c 'import yaml'", tmp_path, code,
                 output.replace("yaml_missing_here", "yaml"))
        await wait_for(lambda: client.asked)
        [asked] = client.asked
        assert "No module named 'yaml'" in asked.message
        assert any("PyYAML" in action.title for action in asked.actions)


async def test_bad_params_are_logged_and_the_server_keeps_serving(tmp_path: Path) -> None:
    async with running_server(tmp_path) as client:
        client.protocol.notify("lspHeal/commandFinished", {"command": "x", "exitCode": "1"})
        await wait_for(lambda: client.log_messages)
        assert "'exitCode' must be an integer" in client.log_messages[-1].message
        result = await client.workspace_execute_command_async(types.ExecuteCommandParams(
            command="lspHeal.history", arguments=[{"limit": 5}]))
        assert result == {"entries": []}


async def test_a_20_mb_output_is_read_while_the_server_keeps_answering(tmp_path: Path) -> None:
    app = tmp_path / "app.py"
    app.write_text("import os\nimport no_such_module_xyz\n")
    code, tail = run([sys.executable, "app.py"], tmp_path)
    noise = "".join(f"[{i:08d}] building module {i} ... ok\n" for i in range(600_000))
    cut = noise.rfind("\n", 0, 20 * 1024 * 1024 - len(tail)) + 1
    output = noise[:cut] + tail
    assert len(output) >= 19 * 1024 * 1024
    async with running_server(tmp_path) as client:
        finished(client, "python3 app.py", tmp_path, code, output)
        answer = await client.workspace_execute_command_async(types.ExecuteCommandParams(
            command="lspHeal.history", arguments=[{}]))
        assert answer == {"entries": []}
        await wait_for(lambda: client.diagnostics.get(app.as_uri()), timeout=60)
        assert client.diagnostics[app.as_uri()][0].data["event"]["subject"] == "no_such_module_xyz"
