"""The session's edges: session-start and session-end hooks, warm-up, config changes.

Warm-up happens after `initialized`, in a worker: the detectors and the config are read
while the user is still looking at the editor, so that the first real request is fast and
`initialize` itself is answered as fast as a bare server.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from lsprotocol import types

if TYPE_CHECKING:
    from lsp_heal.server.server import HealServer


def _warm_up() -> None:
    from lsp_heal.detect import families

    families()


def register(server: HealServer) -> None:
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
