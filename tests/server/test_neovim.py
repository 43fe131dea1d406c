"""A real editor: Neovim's built-in LSP client repairs a broken Python file through lsp-heal."""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).with_name("neovim_fix.lua")
BROKEN = '''import os


def main(argv)
    for name in argv:
        print(os.path.basename(name))


main(["a/b", "c/d"])
'''


@pytest.mark.skipif(shutil.which("nvim") is None, reason="needs Neovim (.ci/run installs it)")
def test_neovim_gets_the_diagnostic_applies_the_quick_fix_and_the_file_parses(
        tmp_path: Path) -> None:
    target = tmp_path / "broken.py"
    target.write_text(BROKEN)
    with pytest.raises(SyntaxError):
        ast.parse(target.read_text())
    env = {**os.environ, "LSP_HEAL_FILE": str(target), "LSP_HEAL_PYTHON": sys.executable,
           "LSP_HEAL_HOME": str(tmp_path / "home"), "XDG_STATE_HOME": str(tmp_path / "state")}
    done = subprocess.run(["nvim", "--headless", "-u", "NONE", "-i", "NONE", "-n",
                           "-c", f"luafile {SCRIPT}"], env=env, cwd=tmp_path,
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "DIAGNOSTIC SyntaxError: expected ':'" in done.stdout + done.stderr
    fixed = target.read_text()
    ast.parse(fixed)
    assert "def main(argv):" in fixed
    assert fixed.replace("def main(argv):", "def main(argv)") == BROKEN
