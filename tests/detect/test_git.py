"""git refusals that no fixture pins: unpack-trees' lists and one-file wordings, push with
nowhere to push to, start points and upstreams that are not there, stash -u restores."""

from __future__ import annotations

import pytest

from lsp_heal.detect import detect


@pytest.mark.parametrize(("text", "subject"), [
    (("error: The following untracked working tree files would be removed by checkout:\n"
      "\tdocs/a.md\nPlease move or remove them before you switch branches.\nAborting\n"),
     "docs/a.md"),
    ("error: Untracked working tree file 'b.txt' would be overwritten by merge.\n", "b.txt"),
    ("error: Entry 'a.txt' not uptodate. Cannot merge.\n", "a.txt"),
    ("new.txt already exists, no checkout\nerror: could not restore untracked files\n", "new.txt"),
    ("fatal: Remote branch v9 not found in upstream origin\n", "v9"),
    ("fatal: 'origin/x' is not a commit and a branch 'y' cannot be created from it\n", "origin/x"),
    ("error: the requested upstream branch 'origin/dev' does not exist\n", "origin/dev"),
    ("fatal: invalid upstream 'origin/dev'\n", "origin/dev"),
    ("fatal: No configured push destination.\n", None),
])
def test_configuration_refusals(text: str, subject: str | None) -> None:
    event = detect(text.encode(), "git x", 1)[0]
    assert (event.category.value, event.subject) == ("configuration", subject)
    assert "guessed" not in event.details
