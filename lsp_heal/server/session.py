"""The session's edges: the editor's trust, session-start and session-end hooks, warm-up,
config changes.

An editor with workspace trust (VS Code) says so in `initializationOptions`
(`{"workspaceTrusted": false}`); that word outranks the user's trust list for the session.

Warm-up happens after `initialized`, in a worker: the detectors and the config are read
while the user is still looking at the editor, so that the first real request is fast and
`initialize` itself is answered as fast as a bare server.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from lsprotocol import types

from lsp_heal.server.server import EDITOR_DISTRUST

if TYPE_CHECKING:
    from lsp_heal.server.server import HealServer


def _warm_up() -> None:
    from lsp_heal.detect import families

    families()


def register(server: HealServer) -> None:
    @server.feature(types.INITIALIZE)
    def initialize(ls: HealServer, params: types.InitializeParams) -> None:
        options = params.initialization_options
        if isinstance(options, dict) and options.get("workspaceTrusted") is False:
            ls.editor_trusted = False
            ls.log(f"lsp-heal: {options.get('client', 'the editor')}: {EDITOR_DISTRUST}")

    @server.feature(types.INITIALIZED)
    async def initialized(ls: HealServer, params: types.InitializedParams) -> None:
        await asyncio.gather(ls.run_in_worker(_warm_up), ls.config())
        ls.hooks.fire("session-start")

    @server.feature(types.SHUTDOWN)
    async def shutdown(ls: HealServer, params: None) -> None:
        await ls.hooks.run("session-end", {})

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def watched_files(ls: HealServer, params: types.DidChangeWatchedFilesParams) -> None:
        if any(c.uri.endswith(".lsp_heal/hooks.json") for c in params.changes):
            ls.forget_config()
