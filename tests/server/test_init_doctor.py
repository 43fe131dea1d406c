"""`lsp-heal init` and `lsp-heal doctor`, run as the user runs them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from lsp_heal.config import DEFAULTS, parse_config


def cli(*args: str, home: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "lsp_heal", *args], capture_output=True,
                          text=True, env={"LSP_HEAL_HOME": str(home), "PATH": "/usr/bin:/bin"},
                          timeout=60, check=False)


def test_init_writes_a_valid_default_config_and_refuses_to_overwrite(tmp_path: Path) -> None:
    done = cli("init", str(tmp_path), home=tmp_path / "home")
    assert done.returncode == 0, done.stderr
    text = (tmp_path / ".lsp_heal" / "hooks.json").read_text()
    config = parse_config(text)
    assert config.problems == [] and config.values == DEFAULTS
    again = cli("init", str(tmp_path), home=tmp_path / "home")
    assert again.returncode == 2 and again.stderr.count("\n") == 1 and "--force" in again.stderr


def test_doctor_names_the_config_problem_and_fails(tmp_path: Path) -> None:
    (tmp_path / ".lsp_heal").mkdir()
    (tmp_path / ".lsp_heal" / "hooks.json").write_text('{"fallback": {"maxRetries": -1}}')
    done = cli("doctor", str(tmp_path), "--json", home=tmp_path / "home")
    assert done.returncode == 1
    checks = {c["name"]: c for c in json.loads(done.stdout)["checks"]}
    assert set(checks) == {"python", "managers", "store", "model", "config"}
    assert not checks["config"]["ok"] and "fallback.maxRetries" in checks["config"]["detail"]
    assert checks["store"]["ok"] and checks["store"]["detail"] == str(tmp_path / "home")
    assert "lsp-heal train" in checks["model"]["detail"]
