"""The shared vocabulary of lsp_heal: what an error is, what a fix is, how it went.

Every face (CLI, language server, hooks) and every engine part speaks these types, and their
string ids are a public contract (JSON output, LSP `code`, users' configs): see DESIGN §3.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import asdict, dataclass, field
from enum import Enum
from functools import lru_cache
from typing import Any


class Category(str, Enum):
    """The nine kinds of failure; the id is what users and tests see."""

    DEPENDENCY = "dependency"
    SYNTAX = "syntax"
    TEST = "test"
    BUILD = "build"
    RUNTIME = "runtime"
    NETWORK = "network"
    PERMISSION = "permission"
    CONFIGURATION = "configuration"
    DEPLOYMENT = "deployment"

    def __str__(self) -> str:
        return self.value


class Severity(str, Enum):
    """How bad an event is, most severe first (LSP maps critical/high to Error)."""

    CRITICAL = "critical"
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"
    INFO = "info"

    @property
    def rank(self) -> int:
        """0 for critical up to 4 for info: smaller is worse."""
        return _SEVERITY_ORDER.index(self)

    def __str__(self) -> str:
        return self.value


_SEVERITY_ORDER = list(Severity)


class Rank(int, Enum):
    """Where an event stands in the causal chain; the root cause is listed first."""

    ROOT = 0  # explains the failure: a missing module, a syntax error, a refused connection
    ERROR = 1  # a failure in its own right: a failing test, a compile error, an exception
    SUMMARY = 2  # a consequence or a recap: `make: *** Error 1`, npm's lifecycle trailer


@dataclass(slots=True, unsafe_hash=True)
class Location:
    """A place in a file as the tool printed it; line and column are 1-based.

    Treat it as immutable. It is not `frozen` only because a frozen dataclass's `__init__`
    costs three times as much, and a large log makes a Location for most of its errors."""

    path: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        parts = [self.path]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)


# What varies between two runs of the same error, each with a cheap test that the text may
# hold it: most messages have no path or hex, and the path pattern alone tries every position.
_HEX = re.compile(r"0x[0-9a-fA-F]+")
_HASH = re.compile(r"\b(?=[0-9a-f]*\d)[0-9a-f]{7,64}\b")
_PATH = re.compile(r"(?:[A-Za-z]:)?(?:[\w.@~+-]*[/\\])+[\w.@+-]*")
_TMP = re.compile(r"\btmp[\w-]*")
_NUMBER = re.compile(r"\d+(?:\.\d+)*")
_DIGIT = re.compile(r"\d")


def normalize_message(message: str) -> str:
    """The message with paths, hex, hashes, temp names and numbers replaced by placeholders,
    runs of white space by one space."""
    if "0x" in message:
        message = _HEX.sub("<hex>", message)
    digits = _DIGIT.search(message) is not None
    if digits:
        message = _HASH.sub("<hash>", message)
    if "/" in message or "\\" in message:
        message = _PATH.sub("<path>", message)
    if "tmp" in message:
        message = _TMP.sub("<tmp>", message)
    if digits:
        message = _NUMBER.sub("<n>", message)
    return " ".join(message.split())


@lru_cache(maxsize=1 << 16)  # logs repeat themselves: each distinct error is hashed once
def fingerprint_of(category: Category, tool: str, subject: str | None, message: str) -> str:
    """`ErrorEvent.fingerprint` from its parts (detection keys thousands of events a second)."""
    key = "\x1f".join((category.value, tool, subject or "", normalize_message(message)))
    return hashlib.sha256(key.encode("utf-8", "replace")).hexdigest()[:16]


@dataclass(slots=True)
class ErrorEvent:
    """One error found in a tool's output."""

    category: Category
    severity: Severity
    tool: str
    message: str
    subject: str | None = None
    location: Location | None = None
    rank: Rank = Rank.ERROR
    #: 0-based index of the output line that states the error (ordering, de-duplication).
    line_index: int = 0
    #: Parser-specific facts a strategy may use (`node_id`, `manager`, `code`, ...).
    details: dict[str, Any] = field(default_factory=dict)

    @property
    def fingerprint(self) -> str:
        """Identity of the error that survives reruns: same kind, same subject, any place."""
        return fingerprint_of(self.category, self.tool, self.subject, self.message)

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "category": self.category.value,
            "severity": self.severity.value,
            "tool": self.tool,
            "message": self.message,
            "subject": self.subject,
            "location": asdict(self.location) if self.location else None,
            "fingerprint": self.fingerprint,
        }
        if self.details:
            data["details"] = self.details
        return data


@dataclass(frozen=True, slots=True)
class Action:
    """One step of a plan. `kind` is install, edit, run or rerun (DESIGN §4)."""

    kind: str
    params: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, **self.params}


@dataclass(slots=True)
class Plan:
    """A recovery a strategy proposes for one event, with its confidence in [0, 1]."""

    strategy: str
    title: str
    confidence: float
    actions: list[Action]
    source: str = "rule"  # "rule" or "learned"
    needs_consent: bool = True
    #: The event the plan answers (not part of its JSON or of its equality).
    event: ErrorEvent | None = field(default=None, compare=False, repr=False)

    def to_json(self) -> dict[str, Any]:
        return {
            "strategy": self.strategy,
            "title": self.title,
            "confidence": round(self.confidence, 4),
            "source": self.source,
            "actions": [a.to_json() for a in self.actions],
        }


@dataclass(slots=True)
class Outcome:
    """What happened when a plan was applied: the record the learner keeps."""

    fingerprint: str
    strategy: str
    success: bool
    flaky: bool = False
    duration_s: float = 0.0
    journal_id: str | None = None
    detail: str = ""
