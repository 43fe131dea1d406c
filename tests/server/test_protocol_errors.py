"""Bad messages get JSON-RPC errors where JSON-RPC has them, and the server keeps serving."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from lsprotocol import types
from pygls.exceptions import JsonRpcException

from tests.server.conftest import SERVER, running_server

def frame(body: bytes) -> bytes:
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def message(payload: dict) -> bytes:
    return frame(json.dumps(payload).encode())


def read_message(stream) -> dict:
    length = 0
    while (line := stream.readline()) not in (b"\r\n", b""):
        if line.startswith(b"Content-Length:"):
            length = int(line.split(b":")[1])
    return json.loads(stream.read(length))


def test_malformed_messages_are_answered_and_the_next_request_still_is(tmp_path: Path) -> None:
    initialize = {"jsonrpc": "2.0", "id": 1, "method": "initialize",
                  "params": {"processId": None, "rootUri": tmp_path.as_uri(), "capabilities": {}}}
    stdin = b"".join([
        message(initialize),
        frame(b'{"jsonrpc": "2.0", "id": 2, "method": '),            # cut-off JSON
        frame(b"[1, 2, 3]"),                                         # JSON, not JSON-RPC
        message({"jsonrpc": "2.0", "id": 3, "method": "textDocument/codeAction",
                 "params": {"textDocument": 7}}),                    # params of the wrong shape
        message({"jsonrpc": "2.0", "id": 4, "method": "shutdown"}),
    ])
    server = subprocess.Popen(SERVER, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE)
    server.stdin.write(stdin)
    server.stdin.flush()
    replies = []
    while not replies or replies[-1].get("id") != 4:  # a client waits for shutdown's answer
        replies.append(read_message(server.stdout))
    server.stdin.write(message({"jsonrpc": "2.0", "method": "exit"}))
    server.stdin.close()
    server.wait(timeout=30)
    stderr = server.stderr.read()
    by_id = {r.get("id"): r for r in replies if "method" not in r}
    assert "capabilities" in by_id[1]["result"]
    errors_without_id = [r["error"]["code"] for r in replies if r.get("id", 0) is None]
    assert errors_without_id == [-32700, -32600]  # parse error, invalid request
    assert by_id[3]["error"]["code"] == -32602  # invalid params, answered to its id
    assert by_id[4]["result"] is None  # and the server still shut down cleanly
    assert server.returncode == 0
    assert b"Traceback" not in stderr


@pytest.mark.asyncio
async def test_an_unknown_command_is_an_error_and_the_server_keeps_serving(tmp_path: Path):
    async with running_server(tmp_path) as client:
        with pytest.raises(JsonRpcException, match="lspHeal.noSuchThing"):
            await client.workspace_execute_command_async(types.ExecuteCommandParams(
                command="lspHeal.noSuchThing", arguments=[]))
        with pytest.raises(JsonRpcException, match="'limit' must be a positive integer"):
            await client.workspace_execute_command_async(types.ExecuteCommandParams(
                command="lspHeal.history", arguments=[{"limit": "all"}]))
        assert await client.workspace_execute_command_async(types.ExecuteCommandParams(
            command="lspHeal.history", arguments=[])) == {"entries": []}
