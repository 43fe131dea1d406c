"""Open documents: checked when opened, saved, and shortly after the typing stops.

Each change restarts a short timer (the debounce), so a burst of keystrokes costs one check.
The check runs in a worker on a snapshot of the text and is published only if the document
has not changed meanwhile: a stale result never overwrites a fresher one.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any

from lsprotocol import types
from pygls.uris import to_fs_path

from lsp_heal.model import Category
from lsp_heal.server import repairs, syntax
from lsp_heal.server.diagnostics import make_diagnostic

if TYPE_CHECKING:
    from pygls.workspace import TextDocument

    from lsp_heal.server.server import HealServer

DEBOUNCE_S = 0.15
REPAIR_PAUSE_S = 0.5
PRODUCER = "syntax"


class DocumentChecker:
    """Debounced, off-the-loop syntax checks of the open documents."""

    def __init__(self, server: HealServer) -> None:
        self.server = server
        self._timers: dict[str, asyncio.TimerHandle] = {}

    def opened(self, uri: str) -> None:
        self._cancel(uri)
        asyncio.ensure_future(self.check(uri))

    def changed(self, uri: str) -> None:
        self._cancel(uri)
        loop = asyncio.get_running_loop()
        self._timers[uri] = loop.call_later(
            DEBOUNCE_S, lambda: asyncio.ensure_future(self.check(uri)))

    def closed(self, uri: str) -> None:
        self._cancel(uri)
        self.server.diagnostics.forget(uri, PRODUCER)

    def _cancel(self, uri: str) -> None:
        timer = self._timers.pop(uri, None)
        if timer:
            timer.cancel()

    async def check(self, uri: str) -> None:
        self._timers.pop(uri, None)
        document = self.server.workspace.text_documents.get(uri)
        if document is None:
            return
        path = to_fs_path(uri) or uri
        checker = syntax.checker_for(path, document.language_id)
        if checker is None:
            return
        version, text = document.version, document.source
        problems = await self.server.run_in_worker(checker, text)
        if not self._publish(uri, version, problems, {}):
            return
        if any(p.category is Category.SYNTAX for p in problems):
            # the repair costs more than the check: it follows in a second publish once the
            # typing pauses, so that it never holds up the next check (a code action asked
            # for before then computes it on the spot)
            await asyncio.sleep(REPAIR_PAUSE_S)
            if self._current_version(uri) != version:
                return
            repair = await self.server.run_in_worker(repairs.repair, path, text)
            if repair:
                self._publish(uri, version, problems, {"repair": repair})

    def _current_version(self, uri: str) -> int | None:
        document = self.server.workspace.text_documents.get(uri)
        return document.version if document else None

    def _publish(self, uri: str, version: int, problems: list[syntax.Problem],
                 data: dict[str, Any]) -> bool:
        """Publish unless the document moved on (then a newer check is on its way)."""
        if self._current_version(uri) != version:
            return False
        current = self.server.workspace.text_documents[uri]
        diagnostics = [_to_lsp(current, p, data if p.category is Category.SYNTAX else {})
                       for p in problems]
        self.server.diagnostics.set(uri, PRODUCER, diagnostics)
        return True


def _to_lsp(document: TextDocument, problem: syntax.Problem, data: dict[str, Any]):
    codec, lines = document.position_codec, document.lines

    def client(place: tuple[int, int]) -> tuple[int, int]:
        position = codec.position_to_client_units(lines, types.Position(*place))
        return position.line, position.character

    data = {**data, "version": document.version}
    return make_diagnostic(client(problem.start), client(problem.end), problem.message,
                           problem.category.value, problem.severity, data)


def register(server: HealServer) -> None:
    checker = DocumentChecker(server)
    server.documents = checker

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: HealServer, params: types.DidOpenTextDocumentParams) -> None:
        checker.opened(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: HealServer, params: types.DidChangeTextDocumentParams) -> None:
        checker.changed(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: HealServer, params: types.DidSaveTextDocumentParams) -> None:
        uri = params.text_document.uri
        if (to_fs_path(uri) or "").replace("\\", "/").endswith(".lsp_heal/hooks.json"):
            ls.forget_config()
        checker.opened(uri)
        ls.hooks.fire("post-edit", {"LSP_HEAL_FILE": to_fs_path(uri) or uri})

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: HealServer, params: types.DidCloseTextDocumentParams) -> None:
        checker.closed(params.text_document.uri)
