"""The fallback's guess, on real recordings of tools no family reads (fixtures/detect/other/):
when it guesses, what it marks, which line it takes, where it finds the place."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from lsp_heal.detect import _fallback, detect, detect_stream
from lsp_heal.detect.output import Output
from lsp_heal.model import Category, ErrorEvent, Rank, Severity

OTHER = Path(__file__).resolve().parents[2] / "fixtures" / "detect" / "other"


def _recording(name: str) -> tuple[dict, bytes]:
    return json.loads((OTHER / f"{name}.json").read_text()), (OTHER / f"{name}.out").read_bytes()


def _guess(name: str, command: str | None = None,
           exit_code: int | None = None) -> ErrorEvent | None:
    meta, output = _recording(name)
    code = meta["exit_code"] if exit_code is None else exit_code
    return _fallback.guess(Output(output, command or meta["command"], code))


def _first(name: str) -> ErrorEvent:
    meta, output = _recording(name)
    return detect(output, meta["command"], meta["exit_code"])[0]


@pytest.mark.parametrize("name", ["apt_get_unable_to_locate", "javac_missing_semicolon",
                                  "mysql_cannot_connect", "ruby_no_method_error"])
def test_a_guess_says_it_was_guessed(name: str) -> None:
    event = _first(name)
    assert event.details == {"guessed": True}
    assert (event.severity, event.rank) == (Severity.HIGH, Rank.ERROR)


def test_a_failed_output_of_warnings_only_gets_no_guess() -> None:
    # yamllint prints the same bytes with --strict, where a warning fails the run (exit 2)
    assert _guess("yamllint_warnings_exit0", "yamllint --strict compose.yaml", 2) is None
    _, output = _recording("yamllint_warnings_exit0")
    events = detect(output, "yamllint --strict compose.yaml", 2)
    assert not [e for e in events if e.severity.rank < Severity.LOW.rank]


@pytest.mark.parametrize("name", sorted(p.stem for p in OTHER.glob("*.json")
                                        if json.loads(p.read_text())["noise"]))
def test_a_clean_run_gets_no_guess(name: str) -> None:
    meta, output = _recording(name)
    assert not [e for e in detect(output, meta["command"], 0) if e.details.get("guessed")]


def test_the_same_error_words_from_a_command_that_succeeded_are_not_guessed() -> None:
    meta, output = _recording("sqlite3_no_such_table")
    assert not [e for e in detect(output, meta["command"], 0) if e.details.get("guessed")]


def test_only_the_end_of_a_long_log_is_read() -> None:
    meta, failure = _recording("perl_die_missing_input")
    _, apt = _recording("apt_get_unable_to_locate")
    progress = apt.split(b"E: ")[0]  # `Reading package lists...`: no line reads as an error
    padding = progress * (_fallback.TAIL_LINES // progress.count(b"\n") + 1)
    assert _fallback.guess(Output(failure + padding, meta["command"], 2)) is None
    assert _fallback.guess(Output(padding + failure, meta["command"], 2)) is not None


@pytest.mark.parametrize(("name", "starts"), [
    # the cause is stated first, its consequences after
    ("rsync_daemon_refused", "rsync: [sender] failed to connect"),  # not `rsync error: ...`
    ("perl_module_not_installed", "Can't locate JSON/XS.pm"),  # not `BEGIN failed--...`
    ("openssl_cert_missing", "Could not open file"),  # not `Unable to load certificate`
    ("useradd_not_root", "useradd: Permission denied."),  # not `cannot lock ...`
    ("dpkg_not_root", "dpkg: error: requested operation"),  # the warning above is skipped
])
def test_the_first_failing_line_of_the_last_paragraph_is_read(name: str, starts: str) -> None:
    assert _guess(name).message.startswith(starts)


def test_a_line_that_says_too_little_is_explained_by_its_paragraph() -> None:
    event = _guess("openssl_wrong_passphrase")  # `... maybe wrong password` three lines below
    assert (event.category, event.subject) == (Category.PERMISSION, "server.key")


@pytest.mark.parametrize(("name", "category", "subject"), [
    ("java_null_pointer", Category.RUNTIME, "java.lang.NullPointerException"),
    ("ruby_no_method_error", Category.RUNTIME, "NoMethodError"),
    ("php_division_by_zero", Category.RUNTIME, "DivisionByZeroError"),
    ("java_main_class_missing", Category.CONFIGURATION, "com.example.Main"),  # not its Caused by
    ("perl_module_not_installed", Category.DEPENDENCY, "JSON::XS"),
    ("ruby_gem_not_installed", Category.DEPENDENCY, "nokogiri"),
    ("psql_connection_refused", Category.NETWORK, "127.0.0.1:5433"),
    ("mysql_cannot_connect", Category.NETWORK, "127.0.0.1"),
    ("sqlite3_no_such_table", Category.CONFIGURATION, "orders"),
    ("gzip_not_gzip", Category.CONFIGURATION, "dump.sql.gz"),
    ("flake8_undefined_name", Category.BUILD, "render"),
    ("jq_filter_syntax_error", Category.SYNTAX, None),  # a syntax error's subject is its place
])
def test_shapes_tools_share(name: str, category: Category, subject: str | None) -> None:
    event = _guess(name)
    assert (event.category, event.subject) == (category, subject)


@pytest.mark.parametrize(("name", "path", "line"), [
    ("php_parse_error", "/home/dev/project/list.php", 3),  # `in file on line N`
    ("perl_syntax_error", "count.pl", 3),  # `at file line N`
    ("java_index_out_of_bounds", "Cli.java", 3),  # the first frame below
    ("ruby_gem_not_installed", "scrape.rb", 1),  # past rubygems' own frame
    ("ruff_undefined_name", "views.py", 2),  # a `--> file:line:col` pointer below
    ("shellcheck_ls_loop", "deploy.sh", 2),  # an `In file line N:` heading above
    ("yamllint_syntax_error", "ci.yaml", 4),  # a bare file name over `line:col` rows
])
def test_the_place_is_the_users(name: str, path: str, line: int) -> None:
    location = _guess(name).location
    assert (location.path, location.line) == (path, line)


@pytest.mark.parametrize(("code", "signal"), [(124, "SIGTERM"), (137, "SIGKILL"), (143, "SIGTERM")])
def test_a_command_stopped_from_outside_is_read_from_its_exit_status(code: int, signal: str) -> None:
    """A time limit or the OOM killer stops a command that says nothing about it: the exit
    status is all there is (124 is `timeout`'s own; 137 and 143 are 128 + the signal)."""
    meta, output = _recording("timeout_in_a_script_stops_it_silently")
    assert output == b""
    for events in (detect(output, meta["command"], code),
                   detect_stream(io.BytesIO(output), meta["command"], code)):
        assert [(e.category, e.subject, e.details) for e in events] == [
            (Category.RUNTIME, signal, {"guessed": True})]
    assert detect(output, meta["command"], 1) == []  # any other failure: nothing to say


def test_an_apostrophe_inside_a_word_opens_no_quote() -> None:
    """`Can't find package 'apps'` names `apps`, not `t find package ` (a tool no family read
    would be guessed so: here mypy's recording, read by the guess alone)."""
    output = (OTHER.parent / "mypy" / "h21_make_package_not_found.out").read_bytes()
    event = _fallback.guess(Output(output, "make typecheck", 2))
    assert (event.category, event.subject) == (Category.CONFIGURATION, "apps")
