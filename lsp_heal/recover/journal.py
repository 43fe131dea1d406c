"""The journal: every change an applied recovery makes, written down before it is made.

One SQLite file in the user's data dir (`$LSP_HEAL_HOME/journal.sqlite3`), in WAL mode with a
busy timeout, so that the editor's server, a `run` in a terminal and a `rollback` can share it.
An *apply* is one plan being applied; its *changes* are, in order:

- `file`: a file written, created, deleted or chmod-ed by lsp_heal. Content and mode before
  and after and their hashes are stored before the file is touched, so a `kill -9` at any
  point leaves the file either as it was or as the journal says it became.
- `snapshot`: a file a package manager may rewrite (requirements, lockfiles, manifests). Its
  content before the install is stored first; its content after, once the install is done.
- `install`: a package installed, with the argv that undoes it (None: it was already there).

Rolling back walks the changes last to first. It refuses — naming the file and the reason —
when a file is no longer what lsp_heal left (the user changed it after the fix), before
touching anything.
"""

from __future__ import annotations

import json
import os
import time
import uuid
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lsp_heal.sqlite import connect, immediate_transaction
from lsp_heal.recover.files import (
    atomic_write,
    file_mode,
    read_bytes,
    remove_file,
    sha256,
    written_mode,
)

SCHEMA_VERSION = 1
BUSY_TIMEOUT_MS = 10_000

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS applies (
    id TEXT PRIMARY KEY,
    started REAL NOT NULL,
    finished REAL,
    state TEXT NOT NULL,
    strategy TEXT NOT NULL,
    title TEXT NOT NULL,
    plan TEXT NOT NULL,
    cwd TEXT,
    command TEXT,
    fingerprint TEXT,
    pid INTEGER NOT NULL,
    outcome TEXT,
    detail TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS changes (
    apply_id TEXT NOT NULL REFERENCES applies(id),
    seq INTEGER NOT NULL,
    kind TEXT NOT NULL,
    path TEXT,
    before BLOB,
    before_hash TEXT,
    before_mode INTEGER,
    after BLOB,
    after_hash TEXT,
    after_mode INTEGER,
    inverse TEXT,
    done INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (apply_id, seq)
);
CREATE INDEX IF NOT EXISTS applies_started ON applies(started);
"""

# An apply's life: applying → applied | rolled_back (verification failed, or the user asked).
APPLYING, APPLIED, ROLLED_BACK = "applying", "applied", "rolled_back"


class JournalError(Exception):
    """The journal cannot do what was asked: unknown id, a conflict, a newer schema."""


@dataclass(frozen=True)
class Change:
    """One journaled change (see the module docstring for the kinds)."""

    apply_id: str
    seq: int
    kind: str
    path: str | None
    before: bytes | None
    before_hash: str | None
    before_mode: int | None
    after_hash: str | None
    after_mode: int | None
    inverse: dict[str, Any] | None
    done: bool


@dataclass(frozen=True)
class Entry:
    """One apply, as `history` lists it."""

    id: str
    started: float
    finished: float | None
    state: str
    strategy: str
    title: str
    plan: dict[str, Any]
    cwd: str | None
    command: list[str] | None
    fingerprint: str | None
    pid: int
    outcome: str | None
    detail: str

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "started": self.started,
            "finished": self.finished,
            "state": self.state,
            "outcome": self.outcome,
            "strategy": self.strategy,
            "title": self.title,
            "plan": self.plan,
            "cwd": self.cwd,
            "command": self.command,
            "fingerprint": self.fingerprint,
            "detail": self.detail,
        }


def journal_path() -> Path:
    from lsp_heal.paths import home

    return home() / "journal.sqlite3"


class Journal:
    """The journal file; each method is one short transaction, safe across processes."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = Path(path) if path else journal_path()
        # FULL: a journaled change must survive a crash
        self._db = connect(self.path, busy_ms=BUSY_TIMEOUT_MS, synchronous="FULL")
        with self._transaction():
            for statement in _SCHEMA.split(";"):
                if statement.strip():
                    self._db.execute(statement)
            row = self._db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
            if row is None:
                self._db.execute("INSERT INTO meta VALUES ('schema', ?)", (str(SCHEMA_VERSION),))
            elif int(row[0]) > SCHEMA_VERSION:
                raise JournalError(
                    f"{self.path} was written by a newer lsp-heal (schema {row[0]}); upgrade"
                )

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _transaction(self) -> AbstractContextManager[None]:
        return immediate_transaction(self._db)

    # -- writing -----------------------------------------------------------------------------

    def begin(self, plan: dict[str, Any], cwd: str | None, command: list[str] | None,
              fingerprint: str | None) -> str:
        """Open a new apply; its id is what `rollback ID` takes."""
        apply_id = time.strftime("%Y%m%d-%H%M%S-") + uuid.uuid4().hex[:10]
        with self._transaction():
            self._db.execute(
                "INSERT INTO applies (id, started, state, strategy, title, plan, cwd, command,"
                " fingerprint, pid) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (apply_id, time.time(), APPLYING, plan.get("strategy", ""), plan.get("title", ""),
                 json.dumps(plan), cwd, json.dumps(command) if command else None, fingerprint,
                 os.getpid()),
            )
        return apply_id

    def _append(self, apply_id: str, **columns: Any) -> int:
        with self._transaction():
            (last,) = self._db.execute(
                "SELECT COALESCE(MAX(seq), 0) FROM changes WHERE apply_id = ?", (apply_id,)
            ).fetchone()
            names = ", ".join(["apply_id", "seq", *columns])
            marks = ", ".join("?" * (len(columns) + 2))
            self._db.execute(f"INSERT INTO changes ({names}) VALUES ({marks})",
                             (apply_id, last + 1, *columns.values()))
        return last + 1

    def record_file(self, apply_id: str, path: Path, after: bytes | None,
                    after_mode: int | None) -> int:
        """Journal a file change about to be made (`after` None: the file is to be deleted)."""
        before = read_bytes(path)
        before_mode = file_mode(path)
        return self._append(
            apply_id, kind="file", path=str(path), before=before, before_hash=sha256(before),
            before_mode=before_mode, after=after, after_hash=sha256(after),
            after_mode=written_mode(path, after_mode) if after is not None else None,
        )

    def record_mode(self, apply_id: str, path: Path, after_mode: int) -> int:
        """Journal a chmod about to be made (the content stays: only its hash is kept)."""
        digest = sha256(read_bytes(path))
        return self._append(apply_id, kind="file", path=str(path), before_hash=digest,
                            before_mode=file_mode(path), after_hash=digest, after_mode=after_mode)

    def record_snapshot(self, apply_id: str, path: Path) -> int:
        """Keep a file a package manager may rewrite, as it is now."""
        before = read_bytes(path)
        return self._append(apply_id, kind="snapshot", path=str(path), before=before,
                            before_hash=sha256(before), before_mode=file_mode(path))

    def finish_snapshot(self, apply_id: str, seq: int) -> None:
        """Note what the package manager left in a snapshotted file."""
        (path,) = self._db.execute("SELECT path FROM changes WHERE apply_id = ? AND seq = ?",
                                   (apply_id, seq)).fetchone()
        after = read_bytes(Path(path))
        with self._transaction():
            self._db.execute(
                "UPDATE changes SET after = ?, after_hash = ?, after_mode = ?, done = 1"
                " WHERE apply_id = ? AND seq = ?",
                (after, sha256(after), file_mode(Path(path)), apply_id, seq),
            )

    def record_install(self, apply_id: str, inverse: dict[str, Any] | None) -> int:
        """Journal an install about to run, with how to undo it (`{"argv", "cwd"}`)."""
        return self._append(apply_id, kind="install",
                            inverse=json.dumps(inverse) if inverse else None)

    def mark_done(self, apply_id: str, seq: int) -> None:
        with self._transaction():
            self._db.execute("UPDATE changes SET done = 1 WHERE apply_id = ? AND seq = ?",
                             (apply_id, seq))

    def finish(self, apply_id: str, state: str, outcome: str, detail: str) -> None:
        with self._transaction():
            self._db.execute(
                "UPDATE applies SET state = ?, outcome = ?, detail = ?, finished = ?"
                " WHERE id = ?", (state, outcome, detail, time.time(), apply_id))

    # -- reading -----------------------------------------------------------------------------

    def entries(self, limit: int | None = None) -> list[Entry]:
        """Applies, newest first."""
        rows = self._db.execute(
            "SELECT * FROM applies ORDER BY started DESC, rowid DESC LIMIT ?",
            (-1 if limit is None else limit,),
        )
        return [_entry(row) for row in rows]

    def entry(self, apply_id: str) -> Entry:
        """An apply by its id or an unambiguous prefix of it."""
        rows = self._db.execute(
            "SELECT * FROM applies WHERE id LIKE ? ESCAPE '\\' ORDER BY started",
            (apply_id.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%",),
        ).fetchall()
        exact = [row for row in rows if row[0] == apply_id]
        if exact or len(rows) == 1:
            return _entry((exact or rows)[0])
        if not rows:
            raise JournalError(f"no journal entry '{apply_id}' (see `lsp-heal history`)")
        raise JournalError(f"'{apply_id}' matches {len(rows)} journal entries; give more of it")

    def last_undoable(self) -> Entry:
        """The newest apply that is not rolled back."""
        for entry in self.entries():
            if entry.state != ROLLED_BACK:
                return entry
        raise JournalError("nothing to roll back: the journal has no applied recovery")

    def changes(self, apply_id: str) -> list[Change]:
        rows = self._db.execute(
            "SELECT apply_id, seq, kind, path, before, before_hash, before_mode, after_hash,"
            " after_mode, inverse, done FROM changes WHERE apply_id = ? ORDER BY seq",
            (apply_id,),
        )
        return [Change(*row[:9], json.loads(row[9]) if row[9] else None, bool(row[10]))
                for row in rows]

    def claim_rollback(self, apply_id: str) -> bool:
        """Mark an apply as being rolled back; False if another process did it first."""
        with self._transaction():
            cursor = self._db.execute(
                "UPDATE applies SET state = 'rolling_back' WHERE id = ? AND state != ?"
                " AND state != 'rolling_back'", (apply_id, ROLLED_BACK))
        return cursor.rowcount == 1


def _entry(row: tuple) -> Entry:
    (id_, started, finished, state, strategy, title, plan, cwd, command, fingerprint, pid,
     outcome, detail) = row
    return Entry(id_, started, finished, state, strategy, title, json.loads(plan), cwd,
                 json.loads(command) if command else None, fingerprint, pid, outcome, detail)


# -- rolling back ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Conflict:
    """A file that is not what the fix left, and why; rollback will not overwrite it."""

    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


def conflict(change: Change) -> Conflict | None:
    """Why this change cannot be undone safely, or None when it can."""
    if change.kind not in ("file", "snapshot") or change.path is None:
        return None
    if change.kind == "snapshot" and not change.done:
        return None  # the install was cut short: its half-written files go back as they were
    path = Path(change.path)
    current = read_bytes(path)
    now = (sha256(current), file_mode(path) if current is not None else None)
    if now in ((change.after_hash, change.after_mode), (change.before_hash, change.before_mode)):
        return None
    if change.after_hash is None:
        return Conflict(change.path, "the fix deleted it and it has been created again since")
    if now[0] is None:
        return Conflict(change.path, "it has been deleted since the fix")
    if now[0] != change.after_hash:
        return Conflict(change.path, "its content changed after the fix (hash differs)")
    return Conflict(change.path,
                    f"its mode changed after the fix ({now[1]:o}, the fix left {change.after_mode:o})")


def restore(change: Change, run_inverse: Callable[[dict[str, Any]], None]) -> None:
    """Undo one change (its conflicts were checked first)."""
    if change.kind == "install":
        if change.inverse:
            run_inverse(change.inverse)
        return
    if change.path is None:
        return
    path = Path(change.path)
    current = read_bytes(path)
    if sha256(current) == change.before_hash and (
        current is None or file_mode(path) == change.before_mode
    ):
        return  # never written (a crash between journal and write), or already restored
    if change.before_hash is None:
        remove_file(path)
    elif sha256(current) == change.before_hash or change.before is None:
        os.chmod(path, change.before_mode or 0o644)  # only the mode changed
    else:
        atomic_write(path, change.before, change.before_mode)
