"""A real VS Code: the built extension in code-server 4.100.3, driven in headless chromium.

The Node script vscode-client/e2e/run.mjs does the driving; this test runs it and reads its
result. Nothing here is skipped: without the browser set-up (vscode-client/e2e/setup.sh,
which .ci/run calls) or with a .vsix older than the sources, the test fails and says what to run.
"""

from __future__ import annotations

import ast
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

CLIENT = Path(__file__).resolve().parents[2] / "vscode-client"
BUILD = "cd vscode-client && npm ci && npm run build && npx --yes @vscode/vsce@3 package"


def _built_vsix() -> Path:
    packages = sorted(CLIENT.glob("lsp-heal-*.vsix"), key=lambda p: p.stat().st_mtime)
    if not packages:
        pytest.fail(f"no lsp-heal-*.vsix: build it first: {BUILD}")
    sources = [*CLIENT.joinpath("src").glob("*.ts"), CLIENT / "package.json"]
    newest_source = max(p.stat().st_mtime for p in sources)
    if packages[-1].stat().st_mtime < newest_source:
        pytest.fail(f"{packages[-1].name} is older than the sources: rebuild it: {BUILD}")
    return packages[-1]


def _require_browser_setup() -> None:
    missing = [what for what, there in [
        ("node", shutil.which("node")),
        ("/usr/bin/chromium", Path("/usr/bin/chromium").exists()),
        ("code-server", (CLIENT / ".e2e/node_modules/.bin/code-server").exists()),
        ("playwright-core", (CLIENT / ".e2e/node_modules/playwright-core").is_dir()),
    ] if not there]
    if missing:
        pytest.fail(f"the VS Code end-to-end test cannot run: missing {', '.join(missing)}; "
                    f"run vscode-client/e2e/setup.sh (as root, or install its apt packages)")


def test_vscode_quick_fix_terminal_offer_and_config_diagnostic(
        tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    _require_browser_setup()
    vsix = _built_vsix()
    # A browser test can lose a race with the page once in a while: one more attempt is
    # allowed, and the first attempt's failure is printed to the CI log, never hidden.
    for attempt in (1, 2):
        artifacts = tmp_path / f"e2e-{attempt}"  # pytest keeps the last runs' tmp dirs
        result_file = artifacts / "result.json"
        done = subprocess.run(
            ["node", str(CLIENT / "e2e" / "run.mjs"), "--python", sys.executable,
             "--vsix", str(vsix), "--out", str(artifacts), "--repeats", "2"],
            capture_output=True, text=True, timeout=600, check=False)
        with capsys.disabled():  # the screenshots' paths belong in the CI log, pass or fail
            print("\n" + "\n".join(line for line in done.stdout.splitlines()
                                   if line.startswith(("screenshot:", "result:", "e2e"))))
            if done.returncode != 0 and attempt == 1:
                print(f"e2e attempt 1 FAILED, trying once more:\n{done.stdout[-3000:]}"
                      f"{done.stderr[-3000:]}")
        if done.returncode == 0:
            break
    assert done.returncode == 0, done.stdout + done.stderr
    result = json.loads(result_file.read_text())
    checks = result["checks"]
    assert {name for name, check in checks.items() if check["ok"]} == {
        "syntax-quick-fix", "hooks-config-diagnostic", "terminal-install-offer"}

    fixed = checks["syntax-quick-fix"]["fixed"]
    ast.parse(fixed)  # the Quick Fix, applied in the editor and saved, made the file parse
    assert fixed.startswith("def greet(name):\n")
    assert "maxRetries" in checks["hooks-config-diagnostic"]["problems"]
    assert "lsp-heal" in checks["hooks-config-diagnostic"]["problems"]
    assert len(result["offerMs"]) == 2  # one offer per failed run of `python -c "import yaml"`
    assert "sent lspHeal/commandFinished: `python -c \"import yaml\"" in result["clientLog"]
    assert all(Path(shot).is_file() for shot in result["screenshots"])
