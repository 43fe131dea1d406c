"""The pattern store on real SQLite files, including two real processes writing at once."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from learner.store import SCHEMA_VERSION, Pattern, PatternStore, StoreError


def _pattern(fingerprint: str = "f1", strategy: str = "install-package", **counts) -> Pattern:
    return Pattern(fingerprint, "No module named '<subject>'", "dependency", "python", "yaml",
                   strategy, "Install {subject}", [{"kind": "install", "package": "{subject}"}],
                   **counts)


def test_put_adds_counts_to_the_same_pattern(tmp_path: Path):
    store = PatternStore(tmp_path / "p.db")
    store.put(_pattern(successes=1, last_seen=100.0, first_seen=100.0))
    store.put(_pattern(failures=1, duration_s=2.5, last_seen=200.0, first_seen=200.0))
    store.put(_pattern(strategy="retry-with-backoff", successes=1))
    (stored,) = [p for p in store.get(["f1"]) if p.strategy == "install-package"]
    assert (stored.successes, stored.failures, stored.duration_s) == (1, 1, 2.5)
    assert (stored.first_seen, stored.last_seen) == (100.0, 200.0)
    assert stored.actions == [{"kind": "install", "package": "{subject}"}]
    assert store.count() == 2
    assert store.get(["nope"]) == []


def test_update_iterate_delete(tmp_path: Path):
    store = PatternStore(tmp_path / "p.db")
    for i in range(2500):  # more than one batch of iterate()
        store.put(_pattern(f"f{i}", successes=1))
    assert len({p.id for p in store.iterate()}) == 2500
    target = store.get(["f7"])[0]
    store.update_counts(target.id, successes=2, failures=3, last_seen=9e9)
    again = store.get(["f7"])[0]
    assert (again.successes, again.failures, again.last_seen) == (3, 3, 9e9)
    assert store.delete([target.id, "not-an-id"]) == 1
    assert store.get(["f7"]) == [] and store.count() == 2499


def test_store_survives_reopening_and_records_its_schema(tmp_path: Path):
    PatternStore(tmp_path / "p.db").put(_pattern(successes=4))
    reopened = PatternStore(tmp_path / "p.db")
    assert reopened.schema_version == SCHEMA_VERSION
    assert reopened.get(["f1"])[0].successes == 4
    mode = sqlite3.connect(tmp_path / "p.db").execute("PRAGMA journal_mode").fetchone()[0]
    assert mode == "wal"


def test_store_from_a_newer_version_is_refused_clearly(tmp_path: Path):
    db = sqlite3.connect(tmp_path / "p.db")
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.close()
    with pytest.raises(StoreError, match="newer than this lsp-heal knows"):
        PatternStore(tmp_path / "p.db")


def test_a_file_that_is_not_a_database_is_refused_clearly(tmp_path: Path):
    (tmp_path / "p.db").write_bytes(b"this is not sqlite\n" * 100)
    with pytest.raises(StoreError, match="cannot be used"):
        PatternStore(tmp_path / "p.db")


WRITER = textwrap.dedent("""
    import sys
    from learner.store import Pattern, PatternStore
    store = PatternStore(sys.argv[1])
    who, n = sys.argv[2], int(sys.argv[3])
    for i in range(n):
        # one pattern both processes share, and one of its own per write
        for fingerprint in ("shared", f"{who}-{i}"):
            store.put(Pattern(fingerprint, "t", "test", "pytest", None, "rerun-test", "Rerun",
                              [{"kind": "rerun"}], successes=1))
""")


def test_two_processes_storing_at_once_lose_nothing(tmp_path: Path):
    db, n = tmp_path / "p.db", 300
    PatternStore(db)  # created once, so both writers race on the data, not on the schema
    writers = [subprocess.Popen([sys.executable, "-c", WRITER, str(db), who, str(n)])
               for who in ("a", "b")]
    assert [w.wait(timeout=120) for w in writers] == [0, 0]
    store = PatternStore(db)
    assert store.count() == 2 * n + 1
    assert store.get(["shared"])[0].successes == 2 * n
