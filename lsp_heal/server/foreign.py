"""Other servers' diagnostics read as lsp_heal events, so the planner can answer them.

pyright / basedpyright / Pylance, mypy, ruff and pyflakes say "missing import" and
"undefined name" in their own words; each reader here knows one of them by its source and
code (or message) and returns the same `ErrorEvent` the CLI would read from the tool's output.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from lsprotocol import types

from lsp_heal.model import Category, ErrorEvent, Location, Rank, Severity

_QUOTED = re.compile(r'"([^"]+)"')
_BACKTICKED = re.compile(r"`([^`]+)`|'([^']+)'")
PYRIGHTS = {"pyright", "basedpyright", "pylance"}


def _missing_module(module: str, path: str, line: int, tool: str,
                    stubs_only: bool = False) -> ErrorEvent:
    stubs = _stubs_package(module) if stubs_only else None
    return ErrorEvent(Category.DEPENDENCY, Severity.HIGH, tool,
                      f"ModuleNotFoundError: No module named '{module}'", module,
                      Location(path, line + 1), Rank.ROOT, details={"stubs": stubs} if stubs else {})


def _undefined_name(name: str, path: str, line: int, tool: str) -> ErrorEvent:
    return ErrorEvent(Category.RUNTIME, Severity.HIGH, tool,
                      f"NameError: name '{name}' is not defined", "NameError",
                      Location(path, line + 1), Rank.ROOT,
                      details={"exception": "NameError", "name": name})


def _stubs_package(module: str) -> str | None:
    """`types-PyYAML` for `yaml`: typeshed's stubs are named after the distribution."""
    from lsp_heal.recover.strategies.install_python import distribution_for_import

    found = distribution_for_import(module)
    return f"types-{found[0]}" if found else None


def _first(pattern: re.Pattern[str], message: str) -> str | None:
    """The first quoted name in the message."""
    found = pattern.search(message)
    return next((group for group in found.groups() if group), None) if found else None


Reader = Callable[[types.Diagnostic, str], "ErrorEvent | None"]


def _pyright(diagnostic: types.Diagnostic, path: str) -> ErrorEvent | None:
    code, line = str(diagnostic.code or ""), diagnostic.range.start.line
    subject = _first(_QUOTED, diagnostic.message)
    if subject is None:
        return None
    if code in ("reportMissingImports", "reportMissingModuleSource"):
        return _missing_module(subject, path, line, "python")
    if code == "reportUndefinedVariable":
        return _undefined_name(subject, path, line, "python")
    return None


def _mypy(diagnostic: types.Diagnostic, path: str) -> ErrorEvent | None:
    code, line = str(diagnostic.code or ""), diagnostic.range.start.line
    subject = _first(_QUOTED, diagnostic.message)
    if subject is None:
        return None
    if code == "import-not-found":
        return _missing_module(subject, path, line, "mypy")
    if code == "import-untyped":
        return _missing_module(subject, path, line, "mypy", stubs_only=True)
    if code == "name-defined":
        return _undefined_name(subject, path, line, "mypy")
    return None


def _flake(diagnostic: types.Diagnostic, path: str) -> ErrorEvent | None:
    message = diagnostic.message
    if str(diagnostic.code or "") == "F821" or message.lower().startswith("undefined name"):
        name = _first(_BACKTICKED, message)
        return _undefined_name(name, path, diagnostic.range.start.line, "python") if name else None
    return None


_READERS: dict[str, Reader] = {
    **{name: _pyright for name in PYRIGHTS}, "mypy": _mypy, "ruff": _flake, "pyflakes": _flake,
    "flake8": _flake, "pylsp": _flake,
}


def read(diagnostic: types.Diagnostic, path: str) -> ErrorEvent | None:
    """The event another server's diagnostic states, if it is one lsp_heal can act on."""
    reader = _READERS.get((diagnostic.source or "").lower())
    if reader is None and str(diagnostic.code or "") == "F821":
        reader = _flake
    return reader(diagnostic, path) if reader else None
