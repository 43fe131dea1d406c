"""Shell readings that no fixture pins: `${VAR:?message}` guards and what is not one, dash's
bashisms, CRLF scripts."""

from __future__ import annotations

import pytest

from lsp_heal.detect import detect


def _first(text: str, command: str = "bash x.sh", code: int = 1):
    events = detect(text.encode(), command, code)
    return events[0] if events else None


@pytest.mark.parametrize(("line", "subject", "path"), [
    ("deploy.sh: line 4: DEPLOY_TOKEN: DEPLOY_TOKEN must be set\n", "DEPLOY_TOKEN", "deploy.sh"),
    ("bash: line 1: 1: usage: deploy ENV\n", "$1", None),
    ("sh: 1: API_URL: parameter not set or null\n", "API_URL", None),
    ("/srv/app/run.sh: 7: DB_HOST: set DB_HOST first\n", "DB_HOST", "/srv/app/run.sh"),
    ("env.zsh:2: TOKEN: need a token\n", "TOKEN", "env.zsh"),
])
def test_a_guard_names_its_parameter(line: str, subject: str, path: str | None) -> None:
    event = _first("starting\n" + line)
    assert (event.category.value, event.subject) == ("configuration", subject)
    assert (event.location.path if event.location else None) == path


@pytest.mark.parametrize(("text", "command"), [
    ("a.py:1:1: E302 expected 2 blank lines\n", "flake8 ."),
    ("app/views.py:12: DeprecationWarning: old_api() is deprecated\n", "python app.py"),
    ("gen.sh: line 9: warning: here-document at line 4 delimited by end-of-file\n", "bash gen.sh"),
    ("bash: line 1: R: readonly variable\n", "bash -c x"),
    ("bash: line 1: 08: value too great for base (error token is \"08\")\n", "bash -c x"),
    ("run.sh: line 3: read: -x: invalid option\n", "bash run.sh"),
])
def test_what_is_not_a_guard(text: str, command: str) -> None:
    event = _first(text, command)
    assert event is None or "guard" not in event.details


@pytest.mark.parametrize("word", ["source", "[[", "declare", "pushd"])
def test_a_bash_script_run_by_dash_needs_bash(word: str) -> None:
    event = _first(f"build.sh: 3: {word}: not found\n", "sh build.sh", 127)
    assert (event.category.value, event.subject, event.details) == (
        "configuration", word, {"needs": "bash"})


def test_a_missing_command_under_dash_is_still_a_dependency() -> None:
    event = _first("build.sh: 3: rg: not found\n", "sh build.sh", 127)
    assert (event.category.value, event.subject) == ("dependency", "rg")


@pytest.mark.parametrize("line", [
    "setup.sh: line 3: $'\\r': command not found\n",
    "setup.sh:4: command not found: ls^M\n",
])
def test_a_carriage_return_in_a_command_is_a_crlf_script(line: str) -> None:
    event = _first(line)
    assert (event.category.value, event.subject, event.details) == (
        "configuration", None, {"cause": "CRLF"})
