"""Repair a broken file by small text edits: Python syntax, JSON, TOML, YAML and INI.

`fix_text(name, text)` picks the language from the file name, leaves text that already parses
alone, and otherwise returns the repaired text with the edits that make it (the `edit` action
format of `lsp_heal.recover.files`, 1-based, against the original text).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path, PurePath
from typing import Any

from lsp_heal.recover.fixer.edits import diff_edits


@dataclass(slots=True)
class FixResult:
    """What `fix_text` did: the new text, whether it parses now, the edits, or why not."""

    path: str
    language: str
    original: str
    text: str
    parses: bool
    reason: str = ""
    edits: list[dict[str, Any]] = field(default_factory=list)
    #: Imports that would define an undefined name, offered only (several modules define it).
    offers: list[str] = field(default_factory=list)

    @property
    def fixed(self) -> bool:
        return self.text != self.original

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"path": self.path, "fixed": self.fixed, "parses": self.parses,
                                "edits": self.edits}
        if self.reason:
            data["reason"] = self.reason
        if self.offers:
            data["offers"] = self.offers
        return data


LANGUAGES = {".py": "python", ".pyi": "python", ".pyw": "python", ".json": "json",
             ".toml": "toml", ".yaml": "yaml", ".yml": "yaml", ".ini": "ini", ".cfg": "ini"}


def language_of(name: str) -> str | None:
    """The language `fix` repairs for this file name, or None when it has no fixer."""
    return LANGUAGES.get(PurePath(name).suffix.lower())


def fix_text(name: str, text: str, imports: bool = False, project: Path | None = None
             ) -> FixResult:
    """Repair `text` (the content of the file `name`) as far as small edits can; with
    `imports`, also add the imports undefined names need (Python, once it parses)."""
    language = language_of(name)
    if language is None:
        raise ValueError(f"no fixer for {PurePath(name).suffix or 'files without a suffix'} "
                         f"(known: {', '.join(sorted(LANGUAGES))})")
    if language == "python":
        from lsp_heal.recover.fixer.python import repair
    else:
        from lsp_heal.recover.fixer.configs import REPAIRERS

        repair = REPAIRERS[language]
    outcome = repair(text)
    fixed, offers = outcome.text, []
    if imports and language == "python" and outcome.parses:
        from lsp_heal.recover.fixer.imports import fix_imports

        fixed, offered = fix_imports(fixed, project)
        offers = [fix.statement for fix in offered]
    return FixResult(name, language, text, fixed, outcome.parses, outcome.reason,
                     diff_edits(text, fixed), offers)
