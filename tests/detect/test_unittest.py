"""The unittest family beyond the first reading: reports no fixture records."""

from __future__ import annotations

from tests.detect.conftest import first_reading

_RULE = "=" * 70
_LINE = "-" * 70


def _report(body: str) -> str:
    return (f"F\n{_RULE}\nFAIL: test_x (tests.test_a.TestA.test_x)\n{_LINE}\n{body}\n"
            f"{_LINE}\nRan 1 test in 0.01s\n\nFAILED (failures=1)\n")


def test_buffered_output_after_the_traceback_is_not_the_failure() -> None:
    """`-b` appends the test's stdout / stderr under `Stdout:` / `Stderr:` (round 21): a
    traceback or warning printed there is what the test wrote, not why it failed."""
    body = ('Traceback (most recent call last):\n'
            '  File "/p/tests/test_a.py", line 7, in test_x\n'
            '    self.assertEqual(a, 2)\n'
            'AssertionError: 1 != 2\n\n'
            'Stdout:\nlogged\n\n'
            'Stderr:\nTraceback (most recent call last):\n'
            '  File "/p/app.py", line 3, in run\n'
            '    1 / 0\n'
            'ZeroDivisionError: division by zero\n')
    assert first_reading(_report(body), "python -m unittest -b") == (
        "test", "tests.test_a.TestA.test_x", ("/p/tests/test_a.py", 7))


def test_a_warning_inside_the_block_does_not_replace_the_exception() -> None:
    body = ('Traceback (most recent call last):\n'
            '  File "/p/tests/test_a.py", line 9, in test_x\n'
            '    m.assert_awaited_once()\n'
            'AssertionError: Expected m to have been awaited once.\n'
            '/p/app.py:2: RuntimeWarning: coroutine \'f\' was never awaited\n'
            '  f()\n'
            'RuntimeWarning: Enable tracemalloc to get the object allocation traceback\n')
    events = __import__("lsp_heal.detect", fromlist=["detect"]).detect(
        _report(body).encode(), "python -m unittest", 1)
    assert events[0].message.startswith("AssertionError")
    assert events[0].location.line == 9


def test_a_warning_raised_as_an_error_is_still_the_exception() -> None:
    """`-W error`: the warning is the exception that failed the test."""
    body = ('Traceback (most recent call last):\n'
            '  File "/p/tests/test_a.py", line 5, in test_x\n'
            '    old()\n'
            'DeprecationWarning: old() is deprecated\n')
    events = __import__("lsp_heal.detect", fromlist=["detect"]).detect(
        _report(body).encode(), "python -W error -m unittest", 1)
    assert events[0].message.startswith("DeprecationWarning")


def test_argparse_refusing_unittests_command_line() -> None:
    """`python3 -m unittest: error: ...` (round 29): configuration, the unrecognized argument
    or the option as the command typed it, for discover's options too and under make."""
    from tests.detect.conftest import first_reading
    usage = "usage: python3 -m unittest [-h] [-v] [-q] [--locals] [-f] [-c] [-b]\n"
    assert first_reading(usage + "python3 -m unittest: error: unrecognized arguments: --parallel\n",
                         "python3 -m unittest --parallel 4", 2) == ("configuration", "--parallel", None)
    assert first_reading(
        "usage: python3.12 -m unittest discover [-h] [-v] [-s START]\n"
        "python3.12 -m unittest discover: error: argument -s/--start-directory: expected one argument\n",
        "python3.12 -m unittest discover -s", 2) == ("configuration", "-s", None)
    assert first_reading(
        "python -m unittest -k\n" + usage + "python -m unittest: error: argument -k: expected one argument\n"
        "make: *** [Makefile:2: test] Error 2\n", "make test", 2) == ("configuration", "-k", None)
