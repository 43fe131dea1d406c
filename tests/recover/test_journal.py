"""The journal on a real SQLite file: changes kept before they happen, undone exactly, shared."""

from __future__ import annotations

import multiprocessing
import os
import sqlite3
from pathlib import Path

import pytest
from heal_parts import isolated_home_fixture  # noqa: F401  (autouse)

from lsp_heal.recover.executor import rollback
from lsp_heal.recover.files import EditError, apply_edits, atomic_write
from lsp_heal.recover.journal import ROLLED_BACK, Journal, JournalError


def _apply_file(journal: Journal, path: Path, data: bytes) -> str:
    apply_id = journal.begin({"strategy": "test", "title": "write"}, str(path.parent), None, None)
    seq = journal.record_file(apply_id, path, data, None)
    atomic_write(path, data)
    journal.mark_done(apply_id, seq)
    return apply_id


def test_rollback_restores_content_byte_for_byte_and_removes_created_files(tmp_path):
    changed, created = tmp_path / "app.py", tmp_path / "new.cfg"
    original = b"import os\r\nprint('\xc3\xa9')\n\x00tail"
    changed.write_bytes(original)
    with Journal() as journal:
        first = _apply_file(journal, changed, b"fixed\n")
        _apply_file(journal, created, b"x=1\n")
        assert changed.read_bytes() == b"fixed\n" and created.exists()
        assert rollback(journal=journal).restored  # the newest: the created file
        assert not created.exists()
        assert rollback(first, journal=journal).restored
        assert changed.read_bytes() == original
        assert journal.entry(first).state == ROLLED_BACK
        with pytest.raises(JournalError, match="already rolled back"):
            rollback(first, journal=journal)


def test_rollback_refuses_and_names_the_file_the_user_changed_after_the_fix(tmp_path):
    path = tmp_path / "settings.toml"
    path.write_text("a = 1\n")
    with Journal() as journal:
        apply_id = _apply_file(journal, path, b"a = 2\n")
        path.write_text("a = 2\nmine = true\n")  # the user's own work since the fix
        result = rollback(apply_id, journal=journal)
        assert not result.restored
        assert [c.path for c in result.conflicts] == [str(path)]
        assert "content changed after the fix" in result.detail and str(path) in result.detail
        assert path.read_text() == "a = 2\nmine = true\n"  # untouched
        assert journal.entry(apply_id).state != ROLLED_BACK  # can be retried once resolved
        path.write_text("a = 2\n")
        assert rollback(apply_id, journal=journal).restored
        assert path.read_text() == "a = 1\n"


def test_a_chmod_is_undone_and_a_later_chmod_by_the_user_is_respected(tmp_path):
    script = tmp_path / "build.sh"
    script.write_text("#!/bin/sh\n")
    script.chmod(0o644)
    with Journal() as journal:
        apply_id = journal.begin({"strategy": "permission", "title": "chmod"}, None, None, None)
        journal.record_mode(apply_id, script, 0o755)
        script.chmod(0o755)
        script.chmod(0o700)
        refused = rollback(apply_id, journal=journal)
        assert not refused.restored and "mode changed after the fix (700" in refused.detail
        script.chmod(0o755)
        assert rollback(apply_id, journal=journal).restored
    assert script.stat().st_mode & 0o777 == 0o644


def test_a_change_journaled_but_never_written_is_rolled_back_as_a_no_op(tmp_path):
    """The state a crash between the journal write and the file write leaves behind."""
    path = tmp_path / "app.py"
    path.write_text("before\n")
    with Journal() as journal:
        apply_id = journal.begin({"strategy": "t", "title": "t"}, None, None, None)
        journal.record_file(apply_id, path, b"after\n", None)  # then the process died
        result = rollback(apply_id, journal=journal)
    assert result.restored and path.read_text() == "before\n"


def _write_entries(home: str, worker: int, count: int) -> None:
    os.environ["LSP_HEAL_HOME"] = home
    with Journal() as journal:
        for i in range(count):
            apply_id = journal.begin({"strategy": f"w{worker}", "title": str(i)}, None, None, None)
            journal.record_install(apply_id, {"argv": ["true"], "cwd": "/"})
            journal.finish(apply_id, "applied", "fixed", "")


def test_several_processes_share_one_journal_without_losing_an_entry(isolated_home):
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_write_entries, args=(str(isolated_home), w, 40))
               for w in range(4)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(240)
    assert [w.exitcode for w in workers] == [0, 0, 0, 0]
    with Journal() as journal:
        entries = journal.entries()
        assert len(entries) == 160 and len({e.id for e in entries}) == 160
        assert all(len(journal.changes(e.id)) == 1 for e in entries)
    mode = sqlite3.connect(isolated_home / "journal.sqlite3").execute("PRAGMA journal_mode")
    assert mode.fetchone()[0] == "wal"


def test_a_journal_from_a_newer_version_is_refused_not_misread(isolated_home):
    Journal().close()
    db = sqlite3.connect(isolated_home / "journal.sqlite3")
    db.execute("UPDATE meta SET value = '99' WHERE key = 'schema'")
    db.commit()
    with pytest.raises(JournalError, match="newer lsp-heal"):
        Journal()


def test_ids_are_found_by_an_unambiguous_prefix(tmp_path):
    with Journal() as journal:
        apply_id = _apply_file(journal, tmp_path / "f", b"1")
        assert journal.entry(apply_id[:-3]).id == apply_id
        with pytest.raises(JournalError, match="no journal entry"):
            journal.entry("nope")


def test_edits_insert_delete_and_replace_against_the_original_positions():
    text = "def f(x)\n    return x\n"
    edits = [
        {"line": 1, "column": 9, "insert": ":"},
        {"line": 2, "column": 12, "end_line": 2, "end_column": 13, "replace": "x + 1"},
        {"line": 3, "column": 1, "insert": "f(1)\n"},
    ]
    assert apply_edits(text, edits) == "def f(x):\n    return x + 1\nf(1)\n"
    assert apply_edits("a\nb\nc\n", [{"line": 2, "column": 1, "end_line": 3, "end_column": 1}]) \
        == "a\nc\n"
    with pytest.raises(EditError, match="overlap"):
        apply_edits("abcdef", [{"line": 1, "column": 1, "end_line": 1, "end_column": 4},
                               {"line": 1, "column": 2, "insert": "x"}])
    with pytest.raises(EditError, match="past the end"):
        apply_edits("abc", [{"line": 1, "column": 9, "insert": "x"}])


def test_atomic_write_keeps_the_mode_and_leaves_no_temp_file(tmp_path):
    path = tmp_path / "run.sh"
    path.write_text("old")
    path.chmod(0o750)
    atomic_write(path, b"new")
    assert path.read_bytes() == b"new" and path.stat().st_mode & 0o777 == 0o750
    assert sorted(p.name for p in tmp_path.iterdir()) == ["run.sh"]
