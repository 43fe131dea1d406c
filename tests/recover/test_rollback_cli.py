"""`lsp-heal rollback` and `history` from the command line, in a real git work tree."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from heal_parts import isolated_home_fixture  # noqa: F401  (autouse)
from test_run_cli import lsp_heal


def git(*args: str, cwd: Path) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True,
                          text=True).stdout


@pytest.fixture
def healed_repo(tmp_path: Path) -> tuple[Path, str]:
    """A git repository whose script lsp-heal made executable; the journal id."""
    repo = tmp_path / "repo"
    repo.mkdir()
    git("init", "-q", cwd=repo)
    script = repo / "deploy.sh"
    script.write_text("#!/bin/sh\necho deployed\n")
    script.chmod(0o644)
    git("add", ".", cwd=repo)
    git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "init", cwd=repo)
    done = lsp_heal("run", "--apply", "--yes", "--json", "--", "./deploy.sh", cwd=repo)
    report = json.loads(done.stdout)
    assert report["healed"], done.stderr
    return repo, report["attempts"][0]["applied"]["id"]


def test_rollback_refuses_naming_the_file_the_user_changed_and_keeps_their_work(healed_repo):
    repo, apply_id = healed_repo
    script = repo / "deploy.sh"
    script.write_text("#!/bin/sh\necho deployed to staging\n")  # the user's work
    refused = lsp_heal("rollback", "--last", cwd=repo)
    assert refused.returncode == 1
    assert str(script) in refused.stderr and "content changed after the fix" in refused.stderr
    assert refused.stderr.count("\n") == 1
    assert "staging" in git("diff", cwd=repo)  # untouched
    assert script.stat().st_mode & 0o777 == 0o755

    script.write_text("#!/bin/sh\necho deployed\n")
    done = lsp_heal("rollback", apply_id, "--json", cwd=repo)
    assert done.returncode == 0
    assert json.loads(done.stdout) == {"id": apply_id, "restored": True,
                                       "detail": "rolled back 1 change(s)", "conflicts": []}
    assert script.stat().st_mode & 0o777 == 0o644
    assert git("status", "--porcelain", cwd=repo) == ""  # exactly as committed
    history = json.loads(lsp_heal("history", "--json", cwd=repo).stdout)["history"]
    assert [(h["id"], h["state"], h["outcome"]) for h in history] == [
        (apply_id, "rolled_back", "fixed")]


def test_rollback_of_an_unknown_or_finished_entry_is_a_one_line_error(healed_repo):
    repo, apply_id = healed_repo
    unknown = lsp_heal("rollback", "no-such-id", cwd=repo)
    assert unknown.returncode == 2 and unknown.stderr.count("\n") == 1
    assert "no journal entry 'no-such-id'" in unknown.stderr
    assert lsp_heal("rollback", cwd=repo).returncode == 0  # the last one, by default
    again = lsp_heal("rollback", apply_id, cwd=repo)
    assert again.returncode == 2 and "already rolled back" in again.stderr
    nothing = lsp_heal("rollback", "--last", cwd=repo)
    assert nothing.returncode == 2 and "nothing to roll back" in nothing.stderr


def test_history_lists_newest_first_in_a_table(healed_repo):
    repo, apply_id = healed_repo
    table = lsp_heal("history", cwd=repo).stdout.splitlines()
    assert table[0].split() == ["ID", "WHEN", "STATE", "OUTCOME", "STRATEGY", "TITLE"]
    assert table[1].startswith(apply_id) and "applied" in table[1] and "permission" in table[1]
