"""`textDocument/codeAction`: quick fixes for lsp_heal's diagnostics and for other servers'.

Syntax errors get the fixer's repair as a versioned WorkspaceEdit (computed with the
diagnostic, or now in a worker if the client asks first). Errors the planner can answer — a
command's errors, pyright/mypy/ruff's missing imports and undefined names — get its plans as
`lspHeal.applyPlan` commands: installs and reruns run only when chosen, after consent.
The first action of each diagnostic is the preferred one.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from lsprotocol import types
from pygls.uris import to_fs_path

from lsp_heal.server import foreign, plans, repairs
from lsp_heal.server.diagnostics import SOURCE

if TYPE_CHECKING:
    from pygls.workspace import TextDocument

    from lsp_heal.server.server import HealServer

PLANS_PER_DIAGNOSTIC = 3
APPLY_PLAN = "lspHeal.applyPlan"


async def _repair_actions(ls: HealServer, document: TextDocument,
                          diagnostic: types.Diagnostic) -> list[types.CodeAction]:
    data = diagnostic.data if isinstance(diagnostic.data, dict) else {}
    if data.get("version", document.version) != document.version:
        return []  # the text changed since: a fresh diagnostic (and repair) is on its way
    repair = data.get("repair")
    if repair is None:
        repair = await ls.run_in_worker(repairs.repair, document.path, document.source)
    if not repair:
        return []
    title = "Repair the syntax" if repair.get("parses") else "Repair the syntax (partly)"
    return [types.CodeAction(
        title=title, kind=types.CodeActionKind.QuickFix, diagnostics=[diagnostic],
        edit=repairs.workspace_edit(document, document.version, repair["edits"]))]


async def _plan_actions(ls: HealServer, document: TextDocument, diagnostic: types.Diagnostic
                        ) -> list[types.CodeAction]:
    data = diagnostic.data if isinstance(diagnostic.data, dict) else {}
    if diagnostic.source == SOURCE:
        if "event" not in data:
            return []
        event, command, cwd = plans.event_from_json(data["event"]), data.get("command"), \
            data.get("cwd")
    else:
        event = foreign.read(diagnostic, document.path)
        if event is None:
            return []
        command, cwd = None, None
    found = await plans.for_events(ls, [event], command, cwd, root=Path(document.path).parent)
    options = {"cwd": cwd, "command": command, "event": event.to_json()}
    return [types.CodeAction(
        title=plan.title, kind=types.CodeActionKind.QuickFix, diagnostics=[diagnostic],
        command=types.Command(title=plan.title, command=APPLY_PLAN,
                              arguments=[plan.to_json(), options]))
        for plan in found[:PLANS_PER_DIAGNOSTIC]]


async def actions_for(ls: HealServer, document: TextDocument, diagnostic: types.Diagnostic
                      ) -> list[types.CodeAction]:
    found: list[types.CodeAction] = []
    if diagnostic.source == SOURCE and diagnostic.code == "syntax":
        found += await _repair_actions(ls, document, diagnostic)
    found += await _plan_actions(ls, document, diagnostic)
    if found:
        found[0].is_preferred = True
    return found


def register(server: HealServer) -> None:
    @server.feature(types.TEXT_DOCUMENT_CODE_ACTION, types.CodeActionOptions(
        code_action_kinds=[types.CodeActionKind.QuickFix]))
    async def code_action(ls: HealServer, params: types.CodeActionParams
                          ) -> list[types.CodeAction] | None:
        document = ls.workspace.get_text_document(params.text_document.uri)
        if not to_fs_path(document.uri):
            return None
        actions: list[types.CodeAction] = []
        for diagnostic in params.context.diagnostics:
            actions += await actions_for(ls, document, diagnostic)
        return actions or None
