"""SQLite the way every lsp_heal file uses it: WAL, a busy timeout, explicit transactions.

Several processes (a CLI run, the language server, a second editor) share one journal and one
pattern store, so writers wait for each other instead of failing, and each change is one
`BEGIN IMMEDIATE` transaction.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def connect(path: Path, *, busy_ms: int, synchronous: str = "NORMAL") -> sqlite3.Connection:
    """A connection in autocommit mode (transactions are explicit), usable from any thread."""
    db = sqlite3.connect(path, timeout=busy_ms / 1000, isolation_level=None,
                         check_same_thread=False)
    db.execute(f"PRAGMA busy_timeout = {busy_ms}")
    db.execute("PRAGMA journal_mode = WAL")
    db.execute(f"PRAGMA synchronous = {synchronous}")
    return db


@contextmanager
def immediate_transaction(db: sqlite3.Connection) -> Iterator[None]:
    """Several changes made at once, or none of them; the write lock is taken up front."""
    db.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")
