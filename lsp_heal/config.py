"""The per-workspace hooks config, `.lsp_heal/hooks.json`: defaults, schema, clear problems.

A broken config never stops lsp_heal: each problem is reported with its place in the file
(1-based line and column of the key or value at fault) and the faulty part falls back to its
default, so a file written for the original self-healing scripts keeps working.
"""

from __future__ import annotations

import copy
import json
import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

CONFIG_PATH = Path(".lsp_heal") / "hooks.json"
HOOK_EVENTS = ("pre-task", "post-command", "post-edit", "on-error", "on-recovery",
               "session-start", "session-end", "notify")

DEFAULTS: dict[str, Any] = {
    "fallback": {"enabled": True, "maxRetries": 3, "backoffMultiplier": 2},
    "monitoring": {"commands": [], "logErrors": True},
    "recovery": {"autoFix": True, "requireConfirmation": False,
                 "strategies": ["install", "syntax", "test", "rollback"]},
    "hooks": {event: [] for event in HOOK_EVENTS},
    "learner": {"maxPatterns": 1000, "pruneAgeDays": 30, "minConfidence": 0.3,
                "similarityThreshold": 0.7},
}


@dataclass(frozen=True)
class ConfigProblem:
    """One thing wrong with a config file, where it is (1-based), and what was used instead."""

    message: str
    pointer: str  # JSON pointer of the faulty part, "" for the whole file
    line: int = 1
    column: int = 1
    end_line: int = 1
    end_column: int = 1

    def __str__(self) -> str:
        return f"{self.line}:{self.column}: {self.message}"


@dataclass
class Config:
    """The settings in force: the defaults, overlaid with every valid part of the file."""

    values: dict[str, Any] = field(default_factory=lambda: copy.deepcopy(DEFAULTS))
    problems: list[ConfigProblem] = field(default_factory=list)
    path: Path | None = None

    def get(self, dotted: str) -> Any:
        """A setting by its dotted name: `config.get("fallback.maxRetries")`."""
        value: Any = self.values
        for part in dotted.split("."):
            value = value[part]
        return value


@cache
def schema() -> dict[str, Any]:
    """The JSON Schema that ships with the package."""
    return json.loads(resources.files("lsp_heal").joinpath("data", "hooks.schema.json").read_text())


def load_config(workspace: Path | str | None) -> Config:
    """The config of a workspace (defaults when it has no `.lsp_heal/hooks.json`)."""
    if workspace is None:
        return Config()
    path = Path(workspace) / CONFIG_PATH
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Config()
    except (OSError, UnicodeDecodeError) as exc:
        return Config(problems=[ConfigProblem(f"cannot read {path}: {exc}", "")], path=path)
    config = parse_config(text)
    config.path = path
    return config


def parse_config(text: str) -> Config:
    """Read a config's text: every problem found, and the settings that result."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        problem = ConfigProblem(f"not valid JSON: {exc.msg}; using the defaults", "",
                                exc.lineno, exc.colno, exc.lineno, exc.colno + 1)
        return Config(problems=[problem])
    from jsonschema import Draft202012Validator  # imported on first use: it is not cheap

    places = _places(text)
    problems, faulty = [], []
    errors = Draft202012Validator(schema()).iter_errors(data)
    for error in sorted(errors, key=lambda e: [str(p) for p in e.absolute_path]):
        path = tuple(error.absolute_path)
        if error.validator == "additionalProperties" and isinstance(error.instance, dict):
            allowed = error.schema.get("properties", {})
            path += tuple(k for k in error.instance if k not in allowed)[:1]
        start, end = places.get(path, places[()])
        pointer = "/" + "/".join(str(p) for p in path) if path else ""
        problems.append(ConfigProblem(_reason(error, path), pointer, *start, *end))
        faulty.append(path)
    if not isinstance(data, dict) or () in faulty:
        return Config(problems=problems)
    for path in sorted(faulty, key=_deepest_last, reverse=True):
        _drop(data, path)
    data.pop("$schema", None)
    return Config(values=_merged(DEFAULTS, data), problems=problems)


def _reason(error: Any, path: tuple) -> str:
    where = ".".join(str(p) for p in path) or "the file"
    if error.validator == "additionalProperties":
        return f"unknown setting '{where}'; it is ignored"
    return f"{where}: {error.message}; using the default"


def _deepest_last(path: tuple) -> tuple[int, int]:
    """Drop deep parts first, and later list items before earlier ones."""
    return len(path), path[-1] if path and isinstance(path[-1], int) else -1


def _drop(data: Any, path: tuple) -> None:
    *parents, last = path
    try:
        for part in parents:
            data = data[part]
        del data[last]
    except (KeyError, IndexError, TypeError):
        pass  # already gone with a faulty parent


def _merged(defaults: dict[str, Any], data: dict[str, Any]) -> dict[str, Any]:
    merged = copy.deepcopy(defaults)
    for key, value in data.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merged(merged[key], value)
        else:
            merged[key] = copy.deepcopy(value)
    return merged


_WS = re.compile(r"[ \t\n\r]*")
Place = tuple[tuple[int, int], tuple[int, int]]


def _places(text: str) -> dict[tuple, Place]:
    """Start and end (line, column) of each key — or value, for array items — by JSON path."""
    places: dict[tuple, Place] = {}
    decoder = json.JSONDecoder()
    line_starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def position(offset: int) -> tuple[int, int]:
        line = _bisect(line_starts, offset)
        return line + 1, offset - line_starts[line] + 1

    def value(i: int, path: tuple) -> int:
        i = _WS.match(text, i).end()
        if text.startswith("{", i):
            i = _WS.match(text, i + 1).end()
            while not text.startswith("}", i):
                key, after = json.decoder.scanstring(text, i + 1)
                places[path + (key,)] = (position(i), position(after))
                i = _WS.match(text, after).end() + 1  # past ':'
                i = _WS.match(text, value(i, path + (key,))).end()
                i = _WS.match(text, i + 1 if text.startswith(",", i) else i).end()
            return i + 1
        if text.startswith("[", i):
            i, index = _WS.match(text, i + 1).end(), 0
            while not text.startswith("]", i):
                start = i
                i = value(i, path + (index,))
                places.setdefault(path + (index,), (position(start), position(i)))
                i = _WS.match(text, i).end()
                i = _WS.match(text, i + 1 if text.startswith(",", i) else i).end()
                index += 1
            return i + 1
        return decoder.raw_decode(text, i)[1]

    end = value(0, ())
    places[()] = (position(_WS.match(text, 0).end()), position(end))
    return places


def _bisect(starts: list[int], offset: int) -> int:
    from bisect import bisect_right

    return bisect_right(starts, offset) - 1


def default_config_text() -> str:
    """What `lsp-heal init` writes: the defaults, with the schema named for editors."""
    return json.dumps({"$schema": "https://lsp-heal.dev/schemas/hooks.json", **DEFAULTS},
                      indent=2) + "\n"
