"""The pattern store: (error, recovery, outcome) rows in SQLite, shared by many processes.

The interface is kept narrow — put, get by fingerprint, iterate, update counts, delete — so
that a team can later put the same patterns on a database server behind the same methods.
SQLite runs in WAL mode with a busy timeout; `put` is one atomic upsert that adds counts, so
two processes recording the same outcome at once both count.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from lsp_heal.sqlite import connect, immediate_transaction

BUSY_TIMEOUT_MS = 30_000

#: Schema migrations: entry N takes the store from version N to N + 1 (`PRAGMA user_version`).
MIGRATIONS: list[str] = [
    """
    CREATE TABLE patterns (
        id          TEXT PRIMARY KEY,
        fingerprint TEXT NOT NULL,
        text        TEXT NOT NULL,
        category    TEXT NOT NULL,
        tool        TEXT NOT NULL,
        subject     TEXT,
        strategy    TEXT NOT NULL,
        title       TEXT NOT NULL,
        actions     TEXT NOT NULL,
        bound       INTEGER NOT NULL,
        successes   INTEGER NOT NULL DEFAULT 0,
        failures    INTEGER NOT NULL DEFAULT 0,
        flaky       INTEGER NOT NULL DEFAULT 0,
        duration_s  REAL NOT NULL DEFAULT 0,
        first_seen  REAL NOT NULL,
        last_seen   REAL NOT NULL
    ) WITHOUT ROWID;
    CREATE INDEX patterns_fingerprint ON patterns (fingerprint);
    """,
]
SCHEMA_VERSION = len(MIGRATIONS)
_COLUMNS = ("id", "fingerprint", "text", "category", "tool", "subject", "strategy", "title",
            "actions", "bound", "successes", "failures", "flaky", "duration_s", "first_seen",
            "last_seen")


class StoreError(Exception):
    """The store cannot be used: not a database, or written by a newer lsp-heal."""


@dataclass
class Pattern:
    """One error (generalised) with one recovery (a template) and how often it worked."""

    fingerprint: str
    text: str  # the normalised error text, subject as <subject>
    category: str
    tool: str
    subject: str | None
    strategy: str
    title: str
    actions: list[dict[str, Any]]  # with {subject}/{path} placeholders where they fit
    bound: bool = False  # the actions only fit this subject (PyYAML for `yaml`)
    successes: int = 0
    failures: int = 0
    flaky: int = 0
    duration_s: float = 0.0  # total over all runs
    first_seen: float = field(default_factory=time.time)
    last_seen: float = field(default_factory=time.time)

    @cached_property
    def id(self) -> str:
        """Same error and same recovery template: the same pattern."""
        key = "\x1f".join((self.fingerprint, self.strategy, self.recovery_key))
        return hashlib.sha256(key.encode()).hexdigest()[:20]

    @cached_property
    def recovery_key(self) -> str:
        return json.dumps(self.actions, sort_keys=True, separators=(",", ":"))

    @property
    def runs(self) -> int:
        return self.successes + self.failures

    @property
    def success_rate(self) -> float:
        """Laplace-smoothed: one success and one failure assumed before any run."""
        return (self.successes + 1) / (self.runs + 2)


class PatternStore:
    """Patterns in one SQLite file; safe to share between processes and threads."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.RLock()
        try:
            self._db = connect(self.path, busy_ms=BUSY_TIMEOUT_MS)
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"pattern store {self.path} cannot be used: {exc}") from None

    def _migrate(self) -> None:
        version = self._db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"pattern store {self.path} has schema version {version}, newer than this "
                f"lsp-heal knows ({SCHEMA_VERSION}); upgrade lsp-heal"
            )
        if version == SCHEMA_VERSION:
            return
        with self.transaction():  # another process may have migrated while we waited
            version = self._db.execute("PRAGMA user_version").fetchone()[0]
            for script in MIGRATIONS[version:]:
                for statement in filter(str.strip, script.split(";")):
                    self._db.execute(statement)
            self._db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    @property
    def schema_version(self) -> int:
        return self._db.execute("PRAGMA user_version").fetchone()[0]

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Several changes made at once, or none of them."""
        with self._lock, immediate_transaction(self._db):
            yield

    def put(self, pattern: Pattern) -> None:
        """Insert the pattern, or add its counts to the one already stored."""
        row = _row(pattern)
        with self._lock:
            self._db.execute(
                f"INSERT INTO patterns ({', '.join(_COLUMNS)}) VALUES ({', '.join('?' * len(row))})"
                " ON CONFLICT(id) DO UPDATE SET"
                " successes = successes + excluded.successes,"
                " failures = failures + excluded.failures,"
                " flaky = flaky + excluded.flaky,"
                " duration_s = duration_s + excluded.duration_s,"
                " first_seen = min(first_seen, excluded.first_seen),"
                " last_seen = max(last_seen, excluded.last_seen),"
                " title = excluded.title",
                row,
            )

    def get(self, fingerprints: Iterable[str]) -> list[Pattern]:
        """Every pattern recorded for these error fingerprints."""
        keys = list(dict.fromkeys(fingerprints))
        found: list[Pattern] = []
        with self._lock:
            for start in range(0, len(keys), 500):  # SQLite's limit on bound parameters
                part = keys[start : start + 500]
                found += map(_pattern, self._db.execute(
                    f"SELECT {', '.join(_COLUMNS)} FROM patterns"
                    f" WHERE fingerprint IN ({', '.join('?' * len(part))})",
                    part,
                ))
        return found

    def iterate(self, batch: int = 2000) -> Iterator[Pattern]:
        """Every pattern, read in batches (a consistent view of each batch)."""
        after = ""
        while True:
            with self._lock:
                rows = self._db.execute(
                    f"SELECT {', '.join(_COLUMNS)} FROM patterns WHERE id > ? ORDER BY id LIMIT ?",
                    (after, batch),
                ).fetchall()
            if not rows:
                return
            yield from map(_pattern, rows)
            after = rows[-1][0]

    def update_counts(
        self, pattern_id: str, successes: int = 0, failures: int = 0, flaky: int = 0,
        duration_s: float = 0.0, first_seen: float | None = None, last_seen: float | None = None,
    ) -> None:
        """Add to a stored pattern's counts (merging near-duplicates, a late outcome)."""
        with self._lock:
            self._db.execute(
                "UPDATE patterns SET successes = successes + ?, failures = failures + ?,"
                " flaky = flaky + ?, duration_s = duration_s + ?,"
                " first_seen = min(first_seen, coalesce(?, first_seen)),"
                " last_seen = max(last_seen, coalesce(?, last_seen)) WHERE id = ?",
                (successes, failures, flaky, duration_s, first_seen, last_seen, pattern_id),
            )

    def delete(self, pattern_ids: Iterable[str]) -> int:
        """Remove patterns by id; the number removed."""
        ids = list(pattern_ids)
        removed = 0
        with self._lock:
            for start in range(0, len(ids), 500):
                part = ids[start : start + 500]
                cursor = self._db.execute(
                    f"DELETE FROM patterns WHERE id IN ({', '.join('?' * len(part))})", part
                )
                removed += cursor.rowcount
        return removed

    def count(self) -> int:
        with self._lock:
            return self._db.execute("SELECT count(*) FROM patterns").fetchone()[0]

    def size_bytes(self) -> int:
        """The database and its write-ahead log on disk."""
        files = [self.path, self.path.with_name(self.path.name + "-wal")]
        return sum(f.stat().st_size for f in files if f.exists())

    def close(self) -> None:
        with self._lock:
            self._db.close()


def _row(p: Pattern) -> tuple:
    return (p.id, p.fingerprint, p.text, p.category, p.tool, p.subject, p.strategy, p.title,
            p.recovery_key, int(p.bound), p.successes, p.failures, p.flaky, p.duration_s,
            p.first_seen, p.last_seen)


def _pattern(row: tuple) -> Pattern:
    (pattern_id, fingerprint, text, category, tool, subject, strategy, title, actions, bound,
     successes, failures, flaky, duration_s, first_seen, last_seen) = row
    pattern = Pattern(fingerprint, text, category, tool, subject, strategy, title,
                      json.loads(actions), bool(bound), successes, failures, flaky, duration_s,
                      first_seen, last_seen)
    pattern.__dict__.update(id=pattern_id, recovery_key=actions)  # as stored: no recomputing
    return pattern
