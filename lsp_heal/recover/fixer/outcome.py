"""What one language's repairer returns: the text, whether it parses now, why not if not."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Repair:
    text: str
    parses: bool
    reason: str = ""
