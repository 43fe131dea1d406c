"""pytest readings the fixtures do not pin down: formats as pytest and its plugins print them."""

from __future__ import annotations

from lsp_heal.detect import detect
from lsp_heal.model import Category


def _first(text: str, command: str = "python -m pytest"):
    events = detect(text.encode(), command, 1)
    assert events
    return events[0]


def test_a_thread_timeout_without_verbose_names_the_test_from_its_frame() -> None:
    text = (
        "rootdir: /work/app\ncollected 1 item\n\ntests/test_w.py "
        "+++++++++++++++++++++ Timeout +++++++++++++++++++++\n"
        "~~~~~~~~~ Stack of MainThread (1) ~~~~~~~~~\n"
        '  File "/usr/lib/python3.11/site-packages/_pytest/python.py", line 166, in pytest_pyfunc_call\n'
        "    result = testfunction(**testargs)\n"
        '  File "/work/app/tests/test_w.py", line 7, in test_wait\n    time.sleep(0.05)\n'
        "+++++++++++++++++++++ Timeout +++++++++++++++++++++\n"
    )
    event = _first(text)
    assert (event.category, event.subject) == (Category.TEST, "tests/test_w.py::test_wait")
    assert event.location.line == 7


def test_a_conftest_that_raises_at_import_is_the_exception_in_the_users_frame() -> None:
    text = (
        "ImportError while loading conftest '/work/app/tests/conftest.py'.\n"
        "tests/conftest.py:2: in <module>\n    from app import settings\n"
        "app/settings.py:4: in <module>\n    PORT = int(os.environ.get('PORT', 'x'))\n"
        "E   ValueError: invalid literal for int() with base 10: 'x'\n"
    )
    event = _first(text)
    assert (event.category, event.subject) == (Category.RUNTIME, "ValueError")
    assert (event.location.path, event.location.line) == ("app/settings.py", 4)


def test_a_broken_pytest_toml_is_a_syntax_error_at_its_line() -> None:
    event = _first("ERROR: /work/app/pytest.toml: Invalid value (at line 4, column 12)\n")
    assert event.category == Category.SYNTAX
    assert (event.location.path, event.location.line) == ("/work/app/pytest.toml", 4)


def test_two_conftests_imported_as_one_module_is_the_layout() -> None:
    text = ("ImportError while loading conftest '/home/dev/project/b/tests/conftest.py'.\n"
            "E   _pytest.pathlib.ImportPathMismatchError: ('tests.conftest', '/home/dev/project/a/tests/conftest.py', "
            "PosixPath('/home/dev/project/b/tests/conftest.py'))\n")
    event = _first(text)
    assert event.category is Category.CONFIGURATION, event
    assert event.subject.endswith("/b/tests/conftest.py"), event  # no rootdir line: as printed


def test_a_summary_line_with_another_summary_word_in_it_is_read_once() -> None:
    # `SUBFAILED (i=1) id` and a message saying `FAILED ` hold two of the summary's words:
    # each line is one summary entry (it used to be read twice, and the sort crashed)
    text = (
        "=========================== short test summary info ============================\n"
        "SUBFAILED (i=1) tests/test_a.py::test_x - assert 1 == 2\n"
        "ERROR tests/test_b.py::test_y - FAILED to connect\n"
        "========================= 1 failed, 1 error in 0.05s ==========================\n"
    )
    events = detect(text.encode(), "python -m pytest", 1)
    summary = [e.subject for e in events if e.details.get("node_id")]
    assert summary == ["tests/test_a.py::test_x", "tests/test_b.py::test_y"]


def test_a_conftest_reading_an_unset_environment_variable_is_the_variable() -> None:
    text = (
        "ImportError while loading conftest '/work/app/tests/conftest.py'.\n"
        "tests/conftest.py:3: in <module>\n    DB = os.environ['DATABASE_URL']\n"
        "<frozen os>:679: in __getitem__\n    ???\n"
        "E   KeyError: 'DATABASE_URL'\n"
    )
    event = _first(text)
    assert (event.category, event.subject) == (Category.CONFIGURATION, "DATABASE_URL")
    assert (event.location.path, event.location.line) == ("tests/conftest.py", 3)


def test_a_hook_raising_after_the_session_began_is_the_exception_in_the_conftest() -> None:
    text = (
        "============================= test session starts ==============================\n"
        "rootdir: /work/app\ncollected 3 items\n"
        "INTERNALERROR> Traceback (most recent call last):\n"
        'INTERNALERROR>   File "/usr/lib/python3.11/site-packages/_pytest/main.py", line 283, in wrap_session\n'
        "INTERNALERROR>     session.exitstatus = doit(config, session) or 0\n"
        'INTERNALERROR>   File "/work/app/conftest.py", line 9, in pytest_collection_modifyitems\n'
        "INTERNALERROR>     order = PRIORITY[item.get_closest_marker('tier').args[0]]\n"
        "INTERNALERROR> KeyError: 'gold'\n"
    )
    event = _first(text)
    assert (event.category, event.subject) == (Category.RUNTIME, "KeyError")
    assert (event.location.path, event.location.line) == ("/work/app/conftest.py", 9)


def test_a_config_warning_made_an_error_names_the_option_not_a_missing_package() -> None:
    text = (
        "Traceback (most recent call last):\n"
        '  File "/usr/lib/python3.11/site-packages/_pytest/config/__init__.py", line 1500, in _warn_about_missing_assertion\n'
        "    warnings.warn(\n"
        "pytest.PytestConfigWarning: Unknown config option: asyncio_mode\n"
    )
    event = _first(text)
    assert (event.category, event.subject) == (Category.CONFIGURATION, "asyncio_mode")


def test_a_strict_xpass_without_summary_line_takes_its_file_from_the_verbose_progress() -> None:
    text = ("============================= test session starts ==============================\n"
            "collecting ... collected 2 items\n\n"
            "tests/unit/test_round.py::test_half FAILED                              [ 50%]\n"
            "tests/unit/test_round.py::test_up PASSED                                [100%]\n\n"
            "=================================== FAILURES ===================================\n"
            "__________________________________ test_half ___________________________________\n"
            "[XPASS(strict)] rounding bug\n"
            "========================= 1 failed, 1 passed in 0.13s ==========================\n")
    event = _first(text, "pytest -v -rX")
    assert (event.category, event.subject) == (Category.TEST, "tests/unit/test_round.py::test_half")


def test_a_wrapped_pytest_that_could_not_start_is_read_as_pytest() -> None:
    # make, tox, a shell: no session header, only pytest's own could-not-start lines
    usage = ("ERROR: usage: __main__.py [options] [file_or_dir] [file_or_dir] [...]\n"
             "__main__.py: error: unrecognized arguments: --cov=app\n  inifile: None\n  rootdir: /w\n\n")
    for command in ("make test", "tox -e py311", "bash -c 'cd api && python -m pytest'"):
        event = _first(usage + "make: *** [Makefile:2: test] Error 4\n", command)
        assert (event.category, event.subject, event.tool) == (Category.CONFIGURATION, "--cov=app", "pytest")
        event = _first("ERROR: /w/pytest.ini:3: unexpected line: 'addopts -q'\n", command)
        assert (event.category, event.location.line) == (Category.SYNTAX, 3)
        event = _first("ERROR: /w/tox.ini: 'minversion' requires pytest-99.0, actual pytest-9.0.3'\n", command)
        assert (event.category, event.subject) == (Category.CONFIGURATION, "pytest")
        event = _first("ERROR: Missing required plugins: pytest-django\n", command)
        assert (event.category, event.subject) == (Category.DEPENDENCY, "pytest-django")


def test_a_path_not_found_before_the_session_header_is_the_path_through_a_wrapper() -> None:
    text = ("ERROR: file or directory not found: tests/test_payments.py\n\n"
            "============================= test session starts ==============================\n"
            "rootdir: /w\ncollected 0 items\n\n"
            "============================ no tests ran in 0.12s =============================\n")
    event = _first(text, "make test")
    assert (event.category, event.subject) == (Category.CONFIGURATION, "tests/test_payments.py")


def test_another_programs_usage_error_under_make_is_not_pytests() -> None:
    text = "usage: manage.py [-h] {migrate}\nmanage.py: error: unrecognized arguments: --fake\n"
    events = detect(text.encode(), "make migrate", 2)
    assert all(e.tool != "pytest" for e in events)


def test_an_unknown_option_under_each_prog_pytest_gives_itself_is_the_option() -> None:
    # pytest 9.2 names itself `python -m pytest` under `python -m` (`__main__.py` before)
    for prog in ("python -m pytest", "pytest", "pytest.main()", "__main__.py"):
        text = (f"ERROR: usage: {prog} [options] [file_or_dir] [file_or_dir] [...]\n"
                f"{prog}: error: unrecognized arguments: --timeout=5\n  inifile: /w/pytest.ini\n  rootdir: /w\n\n")
        for command in ("python -m pytest", "make test"):
            event = _first(text, command)
            assert (event.category, event.subject, event.tool) == (Category.CONFIGURATION, "--timeout=5", "pytest")
