"""The four examples of docs/api.md, each run in a fresh process as a user would run it.

What each must print is read from the docs themselves (the backticked strings of the
"prints ..." line after the block), so the page and its examples cannot drift apart.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

DOC = Path(__file__).resolve().parents[2] / "docs" / "api.md"
_BLOCK = re.compile(r"```python\n(.*?)```\n\s*\nprints (.*?)\n", re.S)


def examples() -> list[tuple[str, list[str]]]:
    """Each ```python block with the strings its "prints ..." line promises."""
    return [(code, re.findall(r"`([^`]+)`", said))
            for code, said in _BLOCK.findall(DOC.read_text())]


def test_the_page_has_the_four_examples_each_with_what_it_prints():
    found = examples()
    assert len(found) == 4
    assert all(expected for _, expected in found)


@pytest.mark.parametrize("index", range(4), ids=["recover", "learner", "strategy", "hook"])
def test_docs_example_runs_and_prints_what_the_page_says(index, tmp_path):
    code, expected = examples()[index]
    script = tmp_path / "example.py"
    script.write_text(code)
    env = {**os.environ, "LSP_HEAL_HOME": str(tmp_path / "home")}
    done = subprocess.run([sys.executable, str(script)], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    printed = done.stdout.splitlines()
    for line in expected:
        assert line in printed, f"{line!r} not printed; got {printed}"
