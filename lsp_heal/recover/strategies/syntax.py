"""syntax: a file that does not parse (Python, JSON, TOML, YAML, INI) → the fixer's edits.

The event's location names the file; the fixer (lsp_heal.recover.fixer) repairs it by small
text edits and the plan carries them as one `edit` action, positions against the file as it
is now. A `NameError` for a standard-library module gets the import added where imports go.
Nothing is proposed when the fixer cannot make the file parse.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from lsp_heal.model import Action, Category, ErrorEvent, Plan
from lsp_heal.recover.context import Context
from lsp_heal.recover.strategies import make_plan

STRATEGY = "fix-syntax"
_UNDEFINED = re.compile(r"name '(\w+)' is not defined")


class SyntaxRepair:
    name = STRATEGY
    config_name = "syntax"

    def plans(self, event: ErrorEvent, ctx: Context) -> Iterator[Plan]:
        if event.location is None:
            return
        path = (ctx.cwd / event.location.path).resolve()
        if event.category is Category.SYNTAX:
            yield from _syntax_plan(event, path)
        elif event.details.get("exception") == "NameError" and (
            m := _UNDEFINED.search(event.message)
        ):
            yield from _import_plan(event, path, m.group(1))


def _read(path: Path) -> str | None:
    try:
        return path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def _syntax_plan(event: ErrorEvent, path: Path) -> Iterator[Plan]:
    from lsp_heal.recover.fixer import fix_text, language_of

    if language_of(path.name) is None or (text := _read(path)) is None:
        return
    result = fix_text(path.name, text)
    if result.parses and result.fixed:
        count = len(result.edits)
        yield make_plan(event, STRATEGY, f"Repair the syntax of {path.name} ({count} edit"
                        f"{'s' if count != 1 else ''})", 0.9,
                        Action("edit", {"path": str(path), "edits": result.edits}),
                        needs_consent=False)


def _import_plan(event: ErrorEvent, path: Path, name: str) -> Iterator[Plan]:
    from lsp_heal.recover.fixer import language_of
    from lsp_heal.recover.fixer.edits import diff_edits
    from lsp_heal.recover.fixer.imports import add_import, candidates

    if language_of(path.name) != "python" or (text := _read(path)) is None:
        return
    found = candidates(name)
    if len(found) != 1:
        return
    from libcst import ParserSyntaxError

    try:
        new = add_import(text, found[0])
    except ParserSyntaxError:  # libcst cannot read the file: the import has no safe place
        return
    if new != text:
        yield make_plan(event, STRATEGY, f"Add `{found[0].statement}` to {path.name}", 0.85,
                        Action("edit", {"path": str(path), "edits": diff_edits(text, new)}),
                        needs_consent=False)
