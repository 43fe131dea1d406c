"""Add the import an undefined name needs, where imports go, never twice.

A name is *safe* to import when it is a standard-library module (`os` → `import os`) or when
exactly one module of the project defines it (found by jedi): then the import is added. When
several modules define it, each is *offered* and nothing is changed. The new line goes into the
import group it belongs to (standard library before the rest, after the module docstring and
`from __future__` imports), in name order inside the group; the rest of the file stays
byte-identical. libcst reads the module (it must parse); the edit itself is text.
"""

from __future__ import annotations

import builtins
import sys
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class ImportFix:
    name: str
    statement: str  # `import os` or `from pkg.mod import name`
    module: str


def undefined_names(text: str) -> list[str]:
    """Names read at module level or in functions that nothing binds (in first-use order)."""
    import libcst as cst
    from libcst.metadata import MetadataWrapper, ScopeProvider

    wrapper = MetadataWrapper(cst.parse_module(text))
    scopes = set(wrapper.resolve(ScopeProvider).values())
    names: dict[str, None] = {}
    for scope in scopes:
        if scope is None:
            continue
        for access in scope.accesses:
            name = access.node.value if hasattr(access.node, "value") else None
            if isinstance(name, str) and not access.referents and not hasattr(builtins, name):
                names[name] = None
    if "*" in text and any("import *" in line for line in text.splitlines()):
        return []  # a star import may define anything
    return list(names)


def candidates(name: str, project: Path | None = None) -> list[ImportFix]:
    """Imports that would define `name`: a stdlib module, or the project's definitions."""
    if name in sys.stdlib_module_names and not name.startswith("_"):
        return [ImportFix(name, f"import {name}", name)]
    if project is None:
        return []
    import jedi

    found = {}
    for definition in jedi.Project(str(project)).search(name, all_scopes=False):
        module = definition.module_name
        if definition.name == name and module and definition.type in ("class", "function",
                                                                      "statement", "module"):
            found[module] = ImportFix(name, f"from {module} import {name}", module)
    return sorted(found.values(), key=lambda fix: fix.module)


def add_import(text: str, fix: ImportFix) -> str:
    """`text` with the import line inserted in its group; unchanged if it is already there."""
    import libcst as cst
    from libcst.metadata import MetadataWrapper, PositionProvider

    wrapper = MetadataWrapper(cst.parse_module(text))
    positions = wrapper.resolve(PositionProvider)
    module = wrapper.module
    imports: list[tuple[str, bool, int, int]] = []  # (statement, stdlib, first, last line)
    after_header = 0
    for index, statement in enumerate(module.body):
        if not isinstance(statement, cst.SimpleStatementLine):
            break
        first, last = positions[statement].start.line, positions[statement].end.line
        small = statement.body[0]
        source = module.code_for_node(statement).strip()
        if isinstance(small, cst.Expr) and isinstance(small.value, cst.SimpleString) and index == 0:
            after_header = last
        elif isinstance(small, cst.ImportFrom) and _dotted(small.module) == "__future__":
            after_header = last
        elif isinstance(small, (cst.Import, cst.ImportFrom)):
            if source == fix.statement:
                return text
            imports.append((source, _is_stdlib(source), first, last))
        else:
            break
    line = _insert_line(imports, fix, after_header)
    lines = text.splitlines(keepends=True)
    eol = "\r\n" if lines and lines[0].endswith("\r\n") else "\n"
    if lines and not lines[-1].endswith(("\n", "\r")) and line >= len(lines):
        lines[-1] += eol
    return "".join([*lines[:line], fix.statement + eol, *lines[line:]])


def _insert_line(imports: list[tuple[str, bool, int, int]], fix: ImportFix, header: int) -> int:
    """0-based index of the line the new import goes before."""
    stdlib = _is_stdlib(fix.statement)
    group = [item for item in imports if item[1] == stdlib]
    for source, _, first, _ in group:
        if _sort_key(source) > _sort_key(fix.statement):
            return first - 1
    if group:
        return group[-1][3]
    if stdlib and imports:
        return imports[0][2] - 1
    return imports[-1][3] if imports else header


def _sort_key(statement: str) -> tuple[bool, str]:
    return statement.startswith("from "), statement.split()[1].lower()


def _is_stdlib(statement: str) -> bool:
    top = statement.split()[1].split(".")[0]
    return top in sys.stdlib_module_names


def _dotted(node) -> str:
    import libcst as cst

    if isinstance(node, cst.Name):
        return node.value
    if isinstance(node, cst.Attribute):
        return f"{_dotted(node.value)}.{node.attr.value}"
    return ""


def fix_imports(text: str, project: Path | None = None) -> tuple[str, list[ImportFix]]:
    """Add every safe import; return the new text and the imports only offered (ambiguous)."""
    offered: list[ImportFix] = []
    for name in undefined_names(text):
        found = candidates(name, project)
        if len(found) == 1:
            text = add_import(text, found[0])
        else:
            offered += found
    return text, offered
