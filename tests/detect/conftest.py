"""Helpers the family tests share."""

from __future__ import annotations

from lsp_heal.detect import detect


def first_reading(text: str, command: str, exit_code: int = 1):
    """The first event's category, subject and (path, line), from output no fixture records."""
    events = detect(text.encode(), command, exit_code)
    assert events
    e = events[0]
    return e.category.value, e.subject, e.location and (e.location.path, e.location.line)
