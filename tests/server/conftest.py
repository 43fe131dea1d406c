"""The real server over real stdio, driven by pytest-lsp's client."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Union

import pytest
from lsprotocol import types
from pytest_lsp import LanguageClient, client_capabilities, make_test_lsp_client

SERVER = [sys.executable, "-m", "lsp_heal", "serve"]


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private $LSP_HEAL_HOME: journal, trust list and patterns of this test only."""
    path = tmp_path / "home"
    monkeypatch.setenv("LSP_HEAL_HOME", str(path))
    return path


@asynccontextmanager
async def running_server(root: Path, answer: Callable[[types.ShowMessageRequestParams], str | None]
                         | None = None, initialization_options: dict | None = None
                         ) -> AsyncIterator[LanguageClient]:
    """A started, initialized server whose workspace is `root`; shut down on exit.

    `answer` plays the user: it picks a button of each `window/showMessageRequest` (the
    requests are kept in `client.asked`); `initialization_options` are the editor's."""
    client = make_test_lsp_client()
    client.asked = []
    # lsprotocol reads any result with a "command" key as a Command, even a CodeAction whose
    # command is an object: read them the way editors do
    client.protocol._converter.register_structure_hook(
        Union[types.Command, types.CodeAction], lambda obj, _: client.protocol._converter.structure(
            obj, types.Command if isinstance(obj.get("command"), str) else types.CodeAction))

    @client.feature(types.WINDOW_SHOW_MESSAGE_REQUEST)
    def show_message_request(params: types.ShowMessageRequestParams):
        client.asked.append(params)
        title = answer(params) if answer else None
        return types.MessageActionItem(title=title) if title else None

    await client.start_io(*SERVER)
    await client.initialize_session(types.InitializeParams(
        capabilities=client_capabilities("neovim"), root_uri=root.as_uri(),
        workspace_folders=[types.WorkspaceFolder(uri=root.as_uri(), name=root.name)],
        initialization_options=initialization_options))
    try:
        yield client
    finally:
        await client.shutdown_session()
        await client.stop()


def open_document(client: LanguageClient, path: Path, text: str, language: str,
                  version: int = 1) -> str:
    uri = path.as_uri()
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        text_document=types.TextDocumentItem(uri=uri, language_id=language, version=version,
                                             text=text)))
    return uri


async def wait_for(predicate: Callable[[], object], timeout: float = 10.0) -> None:
    """Poll until the predicate holds (what the server sends arrives asynchronously)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not predicate():
        if loop.time() > deadline:
            raise AssertionError("timed out waiting for the server")
        await asyncio.sleep(0.02)
