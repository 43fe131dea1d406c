"""Syntax diagnostics on open documents: every language, updates on change, hooks.json."""

from __future__ import annotations

from pathlib import Path

import pytest
from lsprotocol import types

from tests.server.conftest import open_document, running_server, wait_for

pytestmark = pytest.mark.asyncio


@pytest.mark.parametrize(("name", "language", "text", "line", "message"), [
    ("app.py", "python", "import os\n\ndef main(:\n    pass\n", 2, "SyntaxError"),
    ("data.json", "json", '{\n  "a": 1,\n}\n', 2, "invalid JSON"),
    ("pyproject.toml", "toml", '[project]\nname = "x\n', 1, "invalid TOML"),
    ("ci.yaml", "yaml", "jobs:\n  build: [a, b\nsteps: 1\n", 2, "invalid YAML"),
    ("tox.ini", "dosini", "[tox]\nenvlist = py311\nthis line\n", 2, "invalid INI"),
])
async def test_broken_documents_get_one_syntax_diagnostic_on_the_right_line(
        tmp_path: Path, name: str, language: str, text: str, line: int, message: str) -> None:
    async with running_server(tmp_path) as client:
        uri = open_document(client, tmp_path / name, text, language)
        await wait_for(lambda: client.diagnostics.get(uri))
        [diagnostic] = client.diagnostics[uri]
        assert diagnostic.source == "lsp-heal"
        assert diagnostic.code == "syntax"
        assert diagnostic.severity == types.DiagnosticSeverity.Error
        assert diagnostic.range.start.line == line
        assert message in diagnostic.message


async def test_valid_documents_get_no_diagnostics_and_a_fix_clears_them(tmp_path: Path) -> None:
    async with running_server(tmp_path) as client:
        good = open_document(client, tmp_path / "good.json", '{"a": [1, 2]}', "json")
        bad = open_document(client, tmp_path / "bad.py", "x = (1,\n", "python")
        await wait_for(lambda: client.diagnostics.get(bad))
        assert not client.diagnostics.get(good)
        client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=bad, version=2),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text="x = (1,)\n")]))
        await wait_for(lambda: len(client.diagnostics[bad]) == 0)


async def test_a_flood_of_changes_ends_with_the_last_texts_diagnostic(tmp_path: Path) -> None:
    async with running_server(tmp_path) as client:
        uri = open_document(client, tmp_path / "flood.py", "", "python")
        for version in range(2, 1002):
            # every text but the last parses; the last breaks on line 1000
            text = "x = 1\n" * (version - 2) + ("def f(:\n" if version == 1001 else "")
            client.text_document_did_change(types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
                content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)]))
        await wait_for(lambda: client.diagnostics.get(uri))
        [diagnostic] = client.diagnostics[uri]
        assert diagnostic.range.start.line == 999
        assert diagnostic.data["version"] == 1001


async def test_hooks_config_problems_are_placed_on_the_faulty_key(tmp_path: Path) -> None:
    text = '{\n  "fallback": {"maxRetries": "three"},\n  "colour": true\n}\n'
    config = tmp_path / ".lsp_heal" / "hooks.json"
    async with running_server(tmp_path) as client:
        uri = open_document(client, config, text, "json")
        await wait_for(lambda: client.diagnostics.get(uri))
        by_line = {d.range.start.line: d for d in client.diagnostics[uri]}
        assert set(by_line) == {1, 2}
        assert by_line[1].code == "configuration" and "maxRetries" in by_line[1].message
        assert by_line[2].range.start.character == 2 and "colour" in by_line[2].message
        broken = open_document(client, tmp_path / "x" / ".lsp_heal" / "hooks.json", "{", "json")
        await wait_for(lambda: client.diagnostics.get(broken))
        assert "not valid JSON" in client.diagnostics[broken][0].message
