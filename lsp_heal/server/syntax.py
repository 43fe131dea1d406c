"""Is this document readable? One checker per language, each with the parser Python ships.

Checkers are pure: text in, `Problem`s out, places 0-based in Python characters (the
documents module turns them into the client's units). `.lsp_heal/hooks.json` is read by
`lsp_heal.config.parse_config`, so its diagnostics say exactly what the engine will do.
"""

from __future__ import annotations

import configparser
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePosixPath

from lsp_heal.model import Category, Severity

Place = tuple[int, int]


@dataclass(frozen=True)
class Problem:
    start: Place
    end: Place
    message: str
    category: Category = Category.SYNTAX
    severity: Severity = Severity.HIGH


def _point(line: int, column: int) -> tuple[Place, Place]:
    """A one-character range at a 0-based place."""
    return (line, column), (line, column + 1)


def check_python(text: str) -> list[Problem]:
    try:
        compile(text, "<document>", "exec", dont_inherit=True)
    except SyntaxError as exc:
        line = max((exc.lineno or 1) - 1, 0)
        column = max((exc.offset or 1) - 1, 0)
        end = (max((exc.end_lineno or 0) - 1, line), max((exc.end_offset or 0) - 1, column + 1))
        kind = type(exc).__name__  # IndentationError and TabError say more than SyntaxError
        return [Problem((line, column), end if end > (line, column) else (line, column + 1),
                        f"{kind}: {exc.msg}")]
    except (ValueError, RecursionError, MemoryError) as exc:  # null bytes, absurd nesting
        return [Problem((0, 0), (0, 1), f"SyntaxError: {exc}")]
    return []


def check_json(text: str) -> list[Problem]:
    try:
        json.loads(text)
    except json.JSONDecodeError as exc:
        return [Problem(*_point(exc.lineno - 1, exc.colno - 1), f"invalid JSON: {exc.msg}")]
    except RecursionError:
        return [Problem((0, 0), (0, 1), "invalid JSON: nested too deeply")]
    return []


_TOML_PLACE = re.compile(r"\s*\(at line (\d+), column (\d+)\)$")


def check_toml(text: str) -> list[Problem]:
    try:
        import tomllib
    except ImportError:  # Python 3.10 ships no TOML reader
        return []
    try:
        tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        found = _TOML_PLACE.search(message)
        line, column = (int(found[1]) - 1, int(found[2]) - 1) if found else (0, 0)
        return [Problem(*_point(line, column), f"invalid TOML: {_TOML_PLACE.sub('', message)}")]
    return []


def check_yaml(text: str) -> list[Problem]:
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        for _ in yaml.compose_all(text, Loader=loader):  # no construction: custom tags are fine
            pass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line, mark.column) if mark else (0, 0)
        reason = " ".join(filter(None, [exc.context, exc.problem]))
        return [Problem(*_point(line, column), f"invalid YAML: {reason}")]
    except yaml.YAMLError as exc:
        return [Problem((0, 0), (0, 1), f"invalid YAML: {exc}")]
    return []


def check_ini(text: str) -> list[Problem]:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    try:
        parser.read_string(text)
    except configparser.MissingSectionHeaderError as exc:
        return [_ini_line(exc.lineno, "invalid INI: a setting before any [section] header")]
    except configparser.ParsingError as exc:
        return [_ini_line(lineno, "invalid INI: neither a [section], a setting nor a comment")
                for lineno, _ in exc.errors]
    except configparser.DuplicateOptionError as exc:
        return [_ini_line(exc.lineno or 1,
                          f"invalid INI: '{exc.option}' is set twice in [{exc.section}]")]
    except configparser.DuplicateSectionError as exc:
        return [_ini_line(exc.lineno or 1, f"invalid INI: section [{exc.section}] appears twice")]
    return []


def _ini_line(lineno: int, message: str) -> Problem:
    return Problem((lineno - 1, 0), (lineno, 0), message)


def check_hooks_config(text: str) -> list[Problem]:
    from lsp_heal.config import parse_config

    problems = []
    for p in parse_config(text).problems:
        category = Category.SYNTAX if not p.pointer and "JSON" in p.message else Category.CONFIGURATION
        problems.append(Problem((p.line - 1, p.column - 1), (p.end_line - 1, p.end_column - 1),
                                p.message, category, Severity.MEDIUM))
    return problems


Checker = Callable[[str], list[Problem]]
_BY_LANGUAGE: dict[str, Checker] = {
    "python": check_python, "json": check_json, "toml": check_toml, "yaml": check_yaml,
    "ini": check_ini, "dosini": check_ini,
}
_BY_SUFFIX: dict[str, Checker] = {
    ".py": check_python, ".pyi": check_python, ".json": check_json, ".toml": check_toml,
    ".yaml": check_yaml, ".yml": check_yaml, ".ini": check_ini, ".cfg": check_ini,
}


def checker_for(path: str, language_id: str | None) -> Checker | None:
    """The checker for a document, by its path first (hooks.json), then its language."""
    posix = PurePosixPath(path.replace("\\", "/"))
    if posix.parts[-2:] == (".lsp_heal", "hooks.json"):
        return check_hooks_config
    return _BY_LANGUAGE.get(language_id or "") or _BY_SUFFIX.get(posix.suffix.lower())
