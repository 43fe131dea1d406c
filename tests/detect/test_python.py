"""The python family beyond the first reading: chains, severities, what it leaves to others.

Every input is a recorded fixture (fixtures/detect/python/), never hand-typed output.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lsp_heal.detect import detect
from lsp_heal.detect import python as family
from lsp_heal.detect.output import Output
from lsp_heal.model import Category, Rank, Severity
from tests.detect.conftest import first_reading

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "detect" / "python"


def _fixture(name: str) -> tuple[dict, bytes]:
    meta = FIXTURES / f"{name}.json"
    return json.loads(meta.read_text()), meta.with_suffix(".out").read_bytes()


def _events(name: str, command: str | None = None, exit_code: int | None = None):
    meta, output = _fixture(name)
    out = Output(output.decode(), command or meta["command"],
                 meta["exit_code"] if exit_code is None else exit_code)
    return list(family.parse(out))


def test_a_chain_of_four_exceptions_is_one_event_on_the_users_line() -> None:
    events = _events("requests_connection_refused")
    assert len(events) == 1
    event = events[0]
    assert event.message == "ConnectionRefusedError: [Errno 111] Connection refused"
    assert event.details["chain"][-1] == "requests.exceptions.ConnectionError"
    assert event.location.path.endswith("/app.py") and event.location.line == 3


@pytest.mark.parametrize(("name", "root"), [
    ("chained_direct_cause", "ValueError"),  # raise ... from exc: the cause
    ("chained_wrapped_in_handler", "ValueError"),  # `raise` in an except block: a wrapper
    ("chained_handler_bug", "NameError"),  # the except block itself broke
    ("ini_no_option", "configparser.NoOptionError"),  # a specific cause beats a KeyError
])
def test_the_root_of_a_chain(name: str, root: str) -> None:
    (event,) = _events(name)
    assert event.details["exception"] == root


@pytest.mark.parametrize(("name", "severity", "rank"), [
    ("requests_http_500", Severity.MEDIUM, Rank.ERROR),
    ("httpx_status_429", Severity.MEDIUM, Rank.ERROR),
    ("requests_read_timeout", Severity.MEDIUM, Rank.ROOT),
    ("socket_refused", Severity.HIGH, Rank.ROOT),
    ("segfault_faulthandler", Severity.CRITICAL, Rank.ROOT),
    ("keyboard_interrupt", Severity.INFO, Rank.ERROR),
    ("module_not_found", Severity.HIGH, Rank.ROOT),
    ("type_error", Severity.HIGH, Rank.ERROR),
])
def test_severity_and_rank(name: str, severity: Severity, rank: Rank) -> None:
    event = _events(name)[0]
    assert (event.severity, event.rank) == (severity, rank)


def test_a_thread_that_died_did_not_stop_the_program() -> None:
    (event,) = _events("noise_thread_exception", exit_code=1)
    assert event.severity == Severity.MEDIUM


def test_a_missing_name_is_runtime_with_the_module_and_name() -> None:
    (event,) = _events("import_name_missing")
    assert event.category == Category.RUNTIME
    assert event.details["name"] == "parse_date" and event.details["module"] == "utils"


def test_an_exception_group_message_has_no_margin() -> None:
    (event,) = _events("exception_group")
    assert event.message == "ExceptionGroup: invalid record (2 sub-exceptions)"


def test_warnings_come_last_and_low() -> None:
    meta, output = _fixture("noise_warnings")
    events = detect(output, meta["command"], 1)
    assert [e.subject for e in events] == ["DeprecationWarning", "UserWarning"]
    assert all(e.severity == Severity.LOW for e in events)


@pytest.mark.parametrize("command", ["python -m pytest -q", "python3 -m unittest", "pip install ."])
def test_tracebacks_inside_other_tools_output_are_theirs(command: str) -> None:
    assert _events("type_error", command=command) == []


def test_a_traceback_cut_by_the_end_of_a_chunk_is_left_for_the_next() -> None:
    meta, output = _fixture("type_error")
    head = output.decode().split("TypeError:")[0]
    assert list(family.parse(Output(head, meta["command"], 1))) == []


def test_a_missing_file_is_configuration_only_when_the_user_named_it() -> None:
    named = _events("h4_data_file_from_argv_missing")[0]
    assert (named.category, named.subject) == (Category.CONFIGURATION, "data/sales_2024.csv")
    # the same traceback from a run that did not name the file: a plain runtime error
    unnamed = _events("h4_data_file_from_argv_missing", command="python3 report.py")[0]
    assert (unnamed.category, unnamed.subject) == (Category.RUNTIME, "FileNotFoundError")


def test_a_body_that_is_not_json_at_all_is_runtime_a_broken_file_stays_syntax() -> None:
    body = _events("h4_requests_json_decode_http_body")[0]
    assert body.category == Category.RUNTIME and body.details["json"] == "not-json"
    assert body.details["chain"] == ["json.decoder.JSONDecodeError",
                                     "requests.exceptions.JSONDecodeError"]
    assert _events("json_config_broken")[0].category == Category.SYNTAX
    assert _events("json_loads_string")[0].category == Category.SYNTAX


def test_a_traceback_after_a_test_run_in_the_same_log_is_pythons() -> None:
    """A CI job that runs the tests, then a script: the script's traceback is read once, by
    the python family, and the test run's errors by the test family."""
    _, script = _fixture("module_not_found")
    for run, tool in (("pytest/collect_missing_module", "pytest"),
                      ("unittest/import_failure", "unittest")):
        test_run = (FIXTURES.parent / f"{run}.out").read_bytes()
        events = detect(test_run + b"\n" + script, None, 1)
        by_tool = {(e.tool, e.subject) for e in events if e.location
                   and e.location.path.endswith("app.py")}
        assert by_tool == {("python", "pandas")}
        assert any(e.tool == tool and e.category is Category.DEPENDENCY for e in events)


def test_a_bare_timeout_is_network_only_when_a_socket_or_a_client_waited() -> None:
    """`TimeoutError` with no message: a future or a pool that waited is the program's own
    slowness (runtime); asyncio's stream read, or any socket, under it makes it network."""
    future = _events("h6_future_result_timeout")[0]
    assert (future.category, future.subject) == (Category.RUNTIME, "TimeoutError")
    read = _events("h6_asyncio_wait_for_read")[0]
    assert read.category == Category.NETWORK and read.severity == Severity.MEDIUM
    assert _events("socket_timeout")[0].category == Category.NETWORK


@pytest.mark.parametrize(("name", "variable"), [
    ("h6_flask_from_envvar_unset", "SHOP_SETTINGS"),     # after "environment variable"
    ("h6_improperly_configured_env", "DATABASE_URL"),    # before "environment variable"
    ("h6_pydantic_settings_missing_env", "redis_url"),   # a settings model's field
])
def test_a_message_about_a_missing_setting_is_configuration_whatever_the_type(
        name: str, variable: str) -> None:
    event = _events(name)[0]
    assert (event.category, event.subject, event.rank) == (Category.CONFIGURATION, variable,
                                                           Rank.ROOT)


def test_an_exception_named_for_configuration_that_wraps_another_is_its_consequence() -> None:
    """`raise ConfigError(...)` inside `except ValueError`: the ValueError is the root."""
    event = _events("chained_wrapped_in_handler")[0]
    assert (event.category, event.subject) == (Category.RUNTIME, "ValueError")


def test_usage_errors_name_the_long_flag() -> None:
    """argparse's `-w/--workers` and click's `'-n' / '--count'` both give the long form."""
    assert _events("h6_argparse_invalid_int")[0].subject == "--workers"
    click = _events("h6_click_missing_option")
    assert [(e.category, e.subject) for e in click] == [(Category.CONFIGURATION, "--env")]
    assert "guessed" not in click[0].details


def test_a_subparsers_usage_error_is_read_with_its_subcommand_in_prog() -> None:
    """A subparser prints `convert.py export: error: ...`: the script, then the subcommand."""
    events = _events("h31_argparse_subcommand_invalid_format")
    assert [(e.category, e.subject) for e in events] == [(Category.CONFIGURATION, "--format")]


def test_a_traceback_read_again_from_remembered_frame_lines_reads_the_same() -> None:
    """Frame lines are cut once and remembered (library frames recur in every traceback): the
    same output read again, its lines now known, gives the same events, locations included."""
    family._FRAME_LINES.clear()
    for name in ("h2_keyerror_deep_in_site_packages", "h5_smtplib_refused", "exception_group"):
        first, again = _events(name), _events(name)
        assert first and first == again
        assert any(e.location for e in first)


def test_a_warning_printed_at_shutdown_is_in_no_file_and_stays_behind_the_traceback() -> None:
    """`sys:1: RuntimeWarning: coroutine 'x' was never awaited` follows the traceback that left
    the coroutine unawaited: the traceback is the error, the warning names no file."""
    events = _events("h8_asyncio_run_in_running_loop")
    first = next(e for e in events if e.severity != Severity.LOW)
    warning = next(e for e in events if e.severity == Severity.LOW)
    assert (first.category, first.subject) == (Category.RUNTIME, "RuntimeError")
    assert first.location.path.endswith("/app.py") and first.location.line == 10
    assert warning.severity == Severity.LOW and warning.location is None


# ---- round 16: a script's own exit message; JSON text read from a file ----------------------

def _first(text: str, command: str, code: int = 1):
    events = detect(text.encode(), command, code)
    assert events
    e = events[0]
    return e.category.value, e.subject, e.location and (e.location.path.rsplit("/", 1)[-1], e.location.line)


@pytest.mark.parametrize("text, command, want", [
    ("This project requires Python 3.12 or newer (found 3.10)\n", "python3.10 app.py", "python"),
    ("error: Python >= 3.11 is required\n", "bash -c 'python3 tool.py'", "python"),
    ("fatal: the DATABASE_URL environment variable is not set\n", "python3 manage.py migrate",
     "DATABASE_URL"),
    ("SECRET_KEY must be set before starting\n", "uv run python app.py", "SECRET_KEY"),
])
def test_sys_exit_message_alone(text: str, command: str, want: str) -> None:
    assert _first(text, command) == ("configuration", want, None)


def test_sys_exit_message_of_a_clean_run_is_not_read() -> None:
    assert not [e for e in detect(b"This project requires Python 3.12\n", "python3 app.py", 0)
                if e.severity.rank < Severity.LOW.rank]


_EMPTY = """\
Traceback (most recent call last):
  File "/home/u/p/app.py", line {n}, in <module>
    {src}
  File "/usr/lib/python3.11/json/__init__.py", line 293, in load
    return loads(fp.read(),
  File "/usr/lib/python3.11/json/decoder.py", line 355, in raw_decode
    raise JSONDecodeError("Expecting value", s, err.value) from None
json.decoder.JSONDecodeError: Expecting value: line 1 column 1 (char 0)
"""


@pytest.mark.parametrize("src, want", [
    ("data = json.load(fh)", "syntax"),                                 # an empty file
    ("data = json.loads(Path(CACHE).read_text())", "syntax"),
    ("data = json.load(urllib.request.urlopen(URL))", "runtime"),        # a body received
    ("data = json.load(resp)", "runtime"),
    ("data = json.loads(response.read())", "runtime"),
])
def test_empty_json_from_a_file_or_a_response(src: str, want: str) -> None:
    category, _, location = _first(_EMPTY.format(n=7, src=src), "python3 app.py")
    assert (category, location) == (want, ("app.py", 7))


def test_a_generic_read_error_is_network_only_from_a_network_client() -> None:
    """httpx's `ReadError` is a network failure; tarfile's / shutil's of the same name is an
    archive that is not one (round 17)."""
    def first(exc: str) -> Category:
        text = ('Traceback (most recent call last):\n  File "/home/dev/project/app.py", line 5, in main\n'
                f'    run()\n{exc}: something went wrong\n')
        return detect(text.encode(), "python3 app.py", 1)[0].category
    assert first("httpx.ReadError") == Category.NETWORK
    assert first("tarfile.ReadError") == Category.RUNTIME
    assert first("shutil.ReadError") == Category.RUNTIME


def test_a_library_probe_for_an_optional_module_is_not_the_cause() -> None:
    """zoneinfo tries `tzdata` and, handling its absence, raises `ZoneInfoNotFoundError`: the
    later error is the failure (round 18); a handler that names the module keeps it the cause
    (Django's `Error loading psycopg2 module`)."""
    def first(after: str):
        text = ('Traceback (most recent call last):\n'
                '  File "/usr/lib/python3.11/site-packages/lib/_load.py", line 12, in load\n'
                '    import tzdata\n'
                "ModuleNotFoundError: No module named 'tzdata'\n\n"
                'During handling of the above exception, another exception occurred:\n\n'
                'Traceback (most recent call last):\n'
                '  File "/home/dev/project/app.py", line 6, in <module>\n'
                '    tz = load(KEY)\n'
                '  File "/usr/lib/python3.11/site-packages/lib/_load.py", line 14, in load\n'
                '    raise LoadError(msg)\n'
                f'{after}\n')
        e = detect(text.encode(), "python3 app.py", 1)[0]
        return e.category.value, e.subject
    assert first("lib._load.LoadError: 'No time zone found with key Europe/Pariss'") == (
        "runtime", "lib._load.LoadError")
    assert first("lib._load.LoadError: Error loading tzdata module: No module named 'tzdata'") == (
        "dependency", "tzdata")


def test_verbose_import_trace_inside_a_traceback() -> None:
    """`python -v` traces the imports the traceback printer makes (3.13 imports them lazily)
    between its lines (round 21): the traceback is read through them."""
    text = ("import 'tokenize' # <_frozen_importlib_external.SourceFileLoader object at 0x7f>\n"
            "Traceback (most recent call last):\n"
            "# code object from '/usr/lib/python3.13/__pycache__/ast.cpython-313.pyc'\n"
            "import 'ast' # <_frozen_importlib_external.SourceFileLoader object at 0x7f>\n"
            '  File "/p/app.py", line 5, in <module>\n'
            "    main()\n"
            '  File "/p/app.py", line 2, in main\n'
            "    {}['k']\n"
            "# /usr/lib/python3.13/__pycache__/x.pyc matches /usr/lib/python3.13/x.py\n"
            "KeyError: 'k'\n"
            "# clear sys.path\n"
            "# destroy app\n")
    assert first_reading(text, "python3 -v app.py") == ("runtime", "KeyError", ("/p/app.py", 2))
    syntax = ('  File "/p/app.py", line 3\n'
              "    print('x'\n"
              "         ^\n"
              "import '_colorize' # <_frozen_importlib_external.SourceFileLoader object at 0x7f>\n"
              "SyntaxError: '(' was never closed\n")
    assert first_reading(syntax, "python3 -v app.py") == ("syntax", None, ("/p/app.py", 3))
