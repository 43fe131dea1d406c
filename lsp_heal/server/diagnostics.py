"""What the server has to say about each file, from every source, published as one list.

A file's diagnostics come from several producers — its own syntax check, the output of each
command that named it — so the store keeps them apart by producer key and publishes their
union. Commands' diagnostics are capped (oldest command forgotten first) so that a client
that reports thousands of commands cannot grow the server without bound.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import TYPE_CHECKING, Any

from lsprotocol import types

from lsp_heal.model import Severity

if TYPE_CHECKING:
    from lsp_heal.server.server import HealServer

SOURCE = "lsp-heal"
MAX_COMMANDS = 200

_LSP_SEVERITY = {
    Severity.CRITICAL: types.DiagnosticSeverity.Error,
    Severity.HIGH: types.DiagnosticSeverity.Error,
    Severity.MEDIUM: types.DiagnosticSeverity.Warning,
    Severity.LOW: types.DiagnosticSeverity.Information,
    Severity.INFO: types.DiagnosticSeverity.Hint,
}


def make_diagnostic(
    start: tuple[int, int], end: tuple[int, int], message: str, category: str,
    severity: Severity, data: dict[str, Any],
) -> types.Diagnostic:
    """An lsp-heal diagnostic: 0-based (line, character) places, the category as its code."""
    return types.Diagnostic(
        range=types.Range(start=types.Position(*start), end=types.Position(*end)),
        message=message,
        severity=_LSP_SEVERITY[severity],
        source=SOURCE,
        code=category,
        data=data,
    )


class DiagnosticStore:
    """Diagnostics by file and by producer; every change republishes the file's union."""

    def __init__(self, server: HealServer) -> None:
        self._server = server
        self._by_uri: dict[str, dict[str, list[types.Diagnostic]]] = {}
        self._commands: OrderedDict[str, set[str]] = OrderedDict()  # command key → its uris

    def set(self, uri: str, producer: str, diagnostics: list[types.Diagnostic]) -> None:
        producers = self._by_uri.setdefault(uri, {})
        if not diagnostics and producer not in producers:
            return
        if diagnostics:
            producers[producer] = diagnostics
        else:
            producers.pop(producer, None)
        self._publish(uri)

    def set_command(self, key: str, by_uri: dict[str, list[types.Diagnostic]]) -> None:
        """Replace everything one command said: files it no longer names are cleared."""
        for uri in self._commands.pop(key, set()) - by_uri.keys():
            self.set(uri, key, [])
        for uri, diagnostics in by_uri.items():
            self.set(uri, key, diagnostics)
        if by_uri:
            self._commands[key] = set(by_uri)
        while len(self._commands) > MAX_COMMANDS:
            self.set_command(next(iter(self._commands)), {})

    def forget(self, uri: str, producer: str) -> None:
        self.set(uri, producer, [])

    def of(self, uri: str) -> list[types.Diagnostic]:
        return [d for diagnostics in self._by_uri.get(uri, {}).values() for d in diagnostics]

    def _publish(self, uri: str) -> None:
        diagnostics = self.of(uri)
        if not diagnostics:
            self._by_uri.pop(uri, None)
        self._server.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics)
        )
