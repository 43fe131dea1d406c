"""What the learner knows of an error: its generalised text, kind, subject and identity.

The learner takes `ErrorEvent`s from detection, or plain text when nothing classified it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from learner.model import KIND_SEPARATOR
from learner.normalise import PATH, SUBJECT, normalise, quoted_name
from lsp_heal.model import ErrorEvent, normalize_message


def document(category: str, tool: str, text: str) -> str:
    """What the model indexes: the kind of error as words, then its generalised text."""
    return f"{category} {tool}{KIND_SEPARATOR}{text}"


@dataclass(frozen=True)
class ErrorKey:
    fingerprint: str
    text: str
    category: str
    tool: str
    subject: str | None
    path: str | None

    @classmethod
    def of(cls, error: ErrorEvent | str) -> ErrorKey:
        if isinstance(error, ErrorEvent):
            return cls(error.fingerprint, normalise(error.message, error.subject),
                       error.category.value, error.tool, error.subject,
                       error.location.path if error.location else None)
        subject = quoted_name(error)  # nothing classified it: the quoted name is the best guess
        raw = "\x1f".join(("", "", subject or "", normalize_message(error)))
        fingerprint = hashlib.sha256(raw.encode("utf-8", "replace")).hexdigest()[:16]
        return cls(fingerprint, normalise(error, subject), "", "", subject, None)

    @property
    def document(self) -> str:
        return document(self.category, self.tool, self.text)

    @property
    def values(self) -> dict[str, str | None]:
        """What fills a recovery template's placeholders."""
        return {SUBJECT: self.subject, PATH: self.path}
