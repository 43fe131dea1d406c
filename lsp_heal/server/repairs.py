"""The fixer's repairs as LSP edits: computed in a worker, applied against one version.

`lsp_heal.recover.fixer.fix_text` returns 1-based character edits against the text it was
given; here they become `TextEdit`s in the client's units, inside a `TextDocumentEdit` that
names the document version they were computed for, so a client refuses them on newer text.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from lsprotocol import types

if TYPE_CHECKING:
    from pygls.workspace import TextDocument

log = logging.getLogger("lsp_heal.server")


def repair(path: str, text: str) -> dict[str, Any] | None:
    """The fixer's repair of the whole text ({"edits", "parses"}), None if it has none."""
    from lsp_heal.recover.fixer import fix_text, language_of

    if language_of(path) is None:
        return None
    try:
        result = fix_text(path, text)
    except Exception:  # a fixer bug must cost the quick fix, never the diagnostics
        log.exception("the fixer failed on %s", path)
        return None
    return {"edits": result.edits, "parses": result.parses} if result.fixed else None


def workspace_edit(document: TextDocument, version: int, edits: list[dict[str, Any]]
                   ) -> types.WorkspaceEdit:
    """The fixer's edits on `document` (at `version`) as a versioned WorkspaceEdit."""
    codec, lines = document.position_codec, document.lines

    def place(line: int, column: int) -> types.Position:
        return codec.position_to_client_units(lines, types.Position(line - 1, column - 1))

    text_edits = []
    for edit in edits:
        start = place(edit["line"], edit["column"])
        end = place(edit.get("end_line", edit["line"]), edit["end_column"]) \
            if "end_column" in edit else start
        text_edits.append(types.TextEdit(range=types.Range(start=start, end=end),
                                         new_text=edit.get("insert", edit.get("replace", ""))))
    identifier = types.OptionalVersionedTextDocumentIdentifier(uri=document.uri, version=version)
    return types.WorkspaceEdit(document_changes=[
        types.TextDocumentEdit(text_document=identifier, edits=text_edits)])
