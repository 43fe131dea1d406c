"""The `lsp-heal` command as a user runs it: a real subprocess, real files, real pipes."""

from __future__ import annotations

import json
import subprocess
import sys

from lsp_heal import __version__


def lsp_heal(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(
        [sys.executable, "-m", "lsp_heal", *args], input=stdin, capture_output=True, timeout=60
    )
    return subprocess.CompletedProcess(
        proc.args, proc.returncode, proc.stdout.decode(), proc.stderr.decode()
    )


def test_version() -> None:
    result = lsp_heal("--version")
    assert result.returncode == 0 and result.stdout.strip() == f"lsp-heal {__version__}"


def test_classify_json_from_a_file(failing_fixture, tmp_path) -> None:
    meta, output = failing_fixture
    log = tmp_path / "build.log"
    log.write_bytes(output)
    result = lsp_heal("classify", str(log), "--command", meta["command"], "--exit-code",
                      str(meta["exit_code"]), "--json")
    assert result.returncode == 0, result.stderr
    first = json.loads(result.stdout)["errors"][0]
    assert first["category"] == meta["expect"]["category"]
    assert first["subject"] == meta["expect"]["subject"]
    assert set(first) >= {"category", "severity", "tool", "message", "subject", "location",
                          "fingerprint"}


def test_classify_table_from_stdin(failing_fixture) -> None:
    meta, output = failing_fixture
    result = lsp_heal("classify", "-", "--command", meta["command"], stdin=output)
    assert result.returncode == 0
    header, first = result.stdout.splitlines()[:2]
    assert header.split()[:5] == ["CATEGORY", "SEVERITY", "TOOL", "LOCATION", "SUBJECT"]
    assert first.split()[0] == meta["expect"]["category"]


def test_clean_output_says_so() -> None:
    result = lsp_heal("classify", "-", "--exit-code", "0", stdin=b"all 12 tests passed\n")
    assert (result.returncode, result.stdout.strip()) == (0, "no errors found")


def test_binary_garbage_is_not_a_crash() -> None:
    result = lsp_heal("classify", "-", "--json", stdin=bytes(range(256)) * 64)
    assert result.returncode == 0 and "Traceback" not in result.stderr
    assert isinstance(json.loads(result.stdout)["errors"], list)


def test_unreadable_input_is_one_line_on_stderr_and_exit_2(tmp_path) -> None:
    for args in (["classify", str(tmp_path / "missing.log")], ["classify", str(tmp_path)],
                 ["classify", "-", "--exit-code", "one"], ["no-such-command"]):
        result = lsp_heal(*args, stdin=b"")
        assert result.returncode == 2, args
        assert result.stderr.startswith("lsp-heal: ") and result.stderr.count("\n") == 1, args
        assert result.stdout == ""


def test_classify_imports_nothing_heavy(failing_fixture, tmp_path) -> None:
    """Cold start is a feature: classify must not pay for the editor or learner stack."""
    meta, output = failing_fixture
    log = tmp_path / "out.log"
    log.write_bytes(output)
    code = (
        "import sys\nfrom lsp_heal.cli import main\n"
        f"main(['classify', {str(log)!r}, '--json'])\n"
        "heavy = {'sklearn', 'jedi', 'libcst', 'pygls', 'lsprotocol', 'parso', 'numpy', 'scipy'}\n"
        "print(sorted(heavy & {m.split('.')[0] for m in sys.modules}), file=sys.stderr)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip() == "[]"
