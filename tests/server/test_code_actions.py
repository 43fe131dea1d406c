"""Quick fixes: the fixer's repair as a versioned edit, plans for other servers' diagnostics."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from lsprotocol import types

from tests.server.conftest import open_document, running_server, wait_for

pytestmark = pytest.mark.asyncio


def request(uri: str, diagnostics: list[types.Diagnostic]) -> types.CodeActionParams:
    return types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), range=diagnostics[0].range,
        context=types.CodeActionContext(diagnostics=diagnostics))


def apply_text_edits(text: str, edits) -> str:
    lines = text.splitlines(keepends=True)
    for edit in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character),
                       reverse=True):
        start, end = edit.range.start, edit.range.end
        head = "".join(lines[:start.line]) + lines[start.line][:start.character]
        tail = lines[end.line][end.character:] + "".join(lines[end.line + 1:])
        lines = (head + edit.new_text + tail).splitlines(keepends=True)
    return "".join(lines)


async def test_syntax_error_quick_fix_is_a_versioned_edit_that_makes_the_file_parse(
        tmp_path: Path) -> None:
    text = "import os\n\nfor name in os.listdir('.')\n    print(name)\n"
    async with running_server(tmp_path) as client:
        uri = open_document(client, tmp_path / "loop.py", text, "python", version=7)
        await wait_for(lambda: client.diagnostics.get(uri)
                       and client.diagnostics[uri][0].data.get("repair"))
        actions = await client.text_document_code_action_async(
            request(uri, list(client.diagnostics[uri])))
        [fix] = actions
        assert fix.kind == types.CodeActionKind.QuickFix and fix.is_preferred
        [change] = fix.edit.document_changes
        assert change.text_document.version == 7
        fixed = apply_text_edits(text, change.edits)
        ast.parse(fixed)
        assert fixed == text.replace("('.')\n", "('.'):\n")


async def test_a_stale_diagnostic_gets_no_edit(tmp_path: Path) -> None:
    async with running_server(tmp_path) as client:
        uri = open_document(client, tmp_path / "a.py", "x = (\n", "python")
        await wait_for(lambda: client.diagnostics.get(uri))
        stale = client.diagnostics[uri][0]
        client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text="x = ((\n")]))
        assert await client.text_document_code_action_async(request(uri, [stale])) is None


@pytest.mark.parametrize(("source", "code", "message"), [
    ("Pyright", "reportMissingImports", 'Import "yaml" could not be resolved'),
    ("basedpyright", "reportMissingModuleSource",
     'Import "yaml" could not be resolved from source'),
    ("Pylance", "reportMissingImports", 'Import "yaml" could not be resolved'),
    ("mypy", "import-not-found",
     'Cannot find implementation or library stub for module named "yaml"'),
])
async def test_other_servers_missing_imports_get_an_install_plan(
        tmp_path: Path, source: str, code: str, message: str) -> None:
    async with running_server(tmp_path) as client:
        uri = open_document(client, tmp_path / "app.py", "import yaml\n", "python")
        foreign = types.Diagnostic(range=types.Range(start=types.Position(0, 7),
                                                     end=types.Position(0, 11)),
                                   message=message, source=source, code=code)
        actions = await client.text_document_code_action_async(request(uri, [foreign]))
        best = actions[0]
        assert best.is_preferred and best.command.command == "lspHeal.applyPlan"
        plan, options = best.command.arguments
        assert [(a["kind"], a["package"]) for a in plan["actions"] if a["kind"] == "install"] \
            == [("install", "PyYAML")]
        assert options["event"]["subject"] == "yaml"


async def test_mypy_untyped_import_gets_the_stubs_package(tmp_path: Path) -> None:
    async with running_server(tmp_path) as client:
        uri = open_document(client, tmp_path / "app.py", "import yaml\n", "python")
        foreign = types.Diagnostic(range=types.Range(start=types.Position(0, 0),
                                                     end=types.Position(0, 11)),
                                   message='Library stubs not installed for "yaml"',
                                   source="mypy", code="import-untyped")
        [best, *_] = await client.text_document_code_action_async(request(uri, [foreign]))
        packages = [a.get("package") for a in best.command.arguments[0]["actions"]]
        assert "types-PyYAML" in packages


async def test_diagnostics_it_cannot_act_on_get_no_actions(tmp_path: Path) -> None:
    async with running_server(tmp_path) as client:
        uri = open_document(client, tmp_path / "app.py", "x = 1\n", "python")
        unrelated = types.Diagnostic(range=types.Range(start=types.Position(0, 0),
                                                       end=types.Position(0, 1)),
                                     message="`os` imported but unused", source="Ruff",
                                     code="F401")
        assert await client.text_document_code_action_async(request(uri, [unrelated])) is None


@pytest.mark.parametrize(("source", "code", "message"), [
    ("Pyright", "reportUndefinedVariable", '"json" is not defined'),
    ("mypy", "name-defined", 'Name "json" is not defined'),
    ("Ruff", "F821", "Undefined name `json`"),
])
async def test_other_servers_undefined_stdlib_names_get_the_import(
        tmp_path: Path, source: str, code: str, message: str) -> None:
    text = '"""Dump the settings."""\n\nprint(json.dumps({"a": 1}))\n'
    (tmp_path / "dump.py").write_text(text)  # the plan's edit is made to the saved file
    async with running_server(tmp_path) as client:
        uri = open_document(client, tmp_path / "dump.py", text, "python")
        foreign = types.Diagnostic(range=types.Range(start=types.Position(2, 6),
                                                     end=types.Position(2, 10)),
                                   message=message, source=source, code=code)
        actions = await client.text_document_code_action_async(request(uri, [foreign]))
        best = actions[0]
        assert best.is_preferred and best.command.command == "lspHeal.applyPlan"
        assert best.title == "Add `import json` to dump.py"
        [edit] = best.command.arguments[0]["actions"]
        assert edit["kind"] == "edit" and edit["edits"] == [
            {"line": 2, "column": 1, "insert": "import json\n"}]
