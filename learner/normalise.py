"""Error text and recovery actions made general, so one outcome teaches about many errors.

An error's text loses what changes from run to run (paths, line numbers, hex, numbers, temp
names, quoted identifiers) and its subject, which is kept apart. A recovery's actions get the
subject (and the error's file) as parameters, so "install X for missing X" applies to any X.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from lsp_heal.model import normalize_message

SUBJECT = "{subject}"
PATH = "{path}"

_QUOTED = re.compile(r"""['"`‘“]([A-Za-z_$@][\w.$@/:+-]*)['"`’”]""")
_LINE = [
    (re.compile(r"\b(line|ln|row)\s+\d+", re.IGNORECASE), r"\1 <line>"),
    (re.compile(r"(?<=[\w)]):\d+(?::\d+)?(?=[:\s,)]|$)"), ":<line>"),  # app.c:12:5: Makefile:3:
]


def _mentions(subject: str) -> re.Pattern[str]:
    """The subject as a whole name: `yaml` in `pip install yaml`, not in `PyYAML` or `yamlfix`."""
    return re.compile(r"(?<![\w@-])" + re.escape(subject) + r"(?![\w@-])")


def quoted_name(message: str) -> str | None:
    """The first quoted identifier in a message: `yaml` in "No module named 'yaml'"."""
    found = _QUOTED.search(message)
    return found.group(1) if found else None


def normalise(message: str, subject: str | None = None) -> str:
    """The message with its subject as `<subject>` and volatile parts as placeholders."""
    if subject:
        message = _mentions(subject).sub("<subject>", message)
    message = _QUOTED.sub("<q>", message)
    for pattern, replacement in _LINE:
        message = pattern.sub(replacement, message)
    return normalize_message(message)


def parametrise(value: Any, values: dict[str, str | None]) -> Any:
    """`value` (actions, a title: any JSON) with each of `values` replaced by its placeholder."""
    return _replace(value, {placeholder: v for placeholder, v in values.items() if v})


def bound_to_subject(actions: list[dict[str, Any]], subject: str | None) -> bool:
    """Whether parametrised actions still only fit this error's subject.

    An install whose package is not the subject itself (PyYAML for `yaml`, scikit-learn for
    `sklearn`), or a value that still names the subject, does not carry over to another one.
    """
    return bool(subject) and any(_bound_to(action, subject) for action in actions)


def fill(template: Any, values: dict[str, str | None]) -> Any | None:
    """The template for a new error, or None when it lacks a value the template needs."""
    needed = {p for s in _strings(template) for p in (SUBJECT, PATH) if p in s}
    if any(not values.get(placeholder) for placeholder in needed):
        return None
    return _substitute(template, {p: v for p, v in values.items() if p in needed})


def _map_strings(value: Any, change: Callable[[str], str]) -> Any:
    """The JSON value with `change` applied to every string in it."""
    if isinstance(value, str):
        return change(value)
    if isinstance(value, dict):
        return {key: _map_strings(item, change) for key, item in value.items()}
    if isinstance(value, list):
        return [_map_strings(item, change) for item in value]
    return value


def _replace(value: Any, known: dict[str, str]) -> Any:
    def change(text: str) -> str:
        for placeholder, literal in known.items():
            if text == literal:
                return placeholder
            if placeholder == SUBJECT:
                text = _mentions(literal).sub(lambda _: SUBJECT, text)
        return text

    return _map_strings(value, change)


def _substitute(value: Any, known: dict[str, str]) -> Any:
    def change(text: str) -> str:
        for placeholder, literal in known.items():
            text = text.replace(placeholder, literal)
        return text

    return _map_strings(value, change)


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for item in value.values() for s in _strings(item)]
    if isinstance(value, list):
        return [s for item in value for s in _strings(item)]
    return []


def _bound_to(action: dict[str, Any], subject: str) -> bool:
    if action.get("kind") == "install" and SUBJECT not in str(action.get("package", "")):
        return True
    return any(SUBJECT not in s and subject.lower() in s.lower() for s in _strings(action))
