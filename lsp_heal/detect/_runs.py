"""Where a test run starts and ends in a longer log.

A CI job runs the tests, then a script: the tracebacks inside a run are the test families'
to read, the ones after it the python (or node) family's. A pytest or unittest run is the span
from its first marker line to the line that sums it up (pytest's `N failed in 0.1s`,
unittest's `Ran N tests` + verdict); a JS runner's report ends with its summary.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from lsp_heal.detect._regex import lazy_re
from lsp_heal.detect.output import Output

Span = tuple[int, int]

_PYTEST_MARKERS = (" test session starts ", " short test summary info ", "= FAILURES =",
                   "= ERRORS =", "ImportError while loading conftest")
_PYTEST_SUMMARY = lazy_re(r"^(?:=+ )?(?:\d+ [a-z]+(?:, )?)+ in [\d.]+s(?: \([^)]*\))?(?: =+)?$"
                          r"|^=+ no tests ran in [\d.]+s =+$")
# the summary's last count comes right before ` in 0.12s`: its word is one of pytest's outcomes
_PYTEST_SUMMARY_TAILS = (*(f" {outcome} in " for outcome in (
    "passed", "failed", "error", "errors", "skipped", "xfailed", "xpassed", "warning",
    "warnings", "deselected", "rerun", "subtests passed")), "no tests ran in ")
_UNITTEST_SEPARATOR = "=" * 70
_RAN_TESTS = lazy_re(r"^Ran \d+ tests? in ")
# the last line of jest's, vitest's and node:test's (TAP or spec) summaries
_JS_RUN_ENDS = ("Ran all test suites", "Duration  ", "# duration_ms ", "ℹ duration_ms ")
_MOCHA_PASSING = lazy_re(r"^ +\d+ passing \(")
_MOCHA_COUNT = lazy_re(r"^ +\d+ (?:pending|failing)$")
_JSON_REPORT = '"numTotalTests":'  # jest's and vitest's `--json` report: one line


def pytest_runs(out: Output) -> list[Span]:
    return out.shared(_pytest_runs)


def unittest_runs(out: Output) -> list[Span]:
    return out.shared(_unittest_runs)


def js_run_end(out: Output) -> int | None:
    """The line that ends the last JS test runner's summary in the log, if one does: what
    comes after it (`npm test && node app.js`) is another command's."""
    return out.shared(_js_run_end)


def _js_run_end(out: Output) -> int | None:
    ends = [i for end in _JS_RUN_ENDS for i in out.find(end)
            if out.lines[i].lstrip().startswith(end)]
    ends += [_mocha_end(out, i) for i in out.find(" passing (")
             if _MOCHA_PASSING.match(out.lines[i])]
    if ends:  # `--json`'s report, printed after the summary, is the runner's too
        ends += [i for i in out.find(_JSON_REPORT) if out.lines[i].startswith("{")]
    return max(ends, default=None)


def _mocha_end(out: Output, passing: int) -> int:
    """The last line of mocha's summary (`N passing`, `N pending`, `N failing`) and, when
    tests failed, of the failures it lists below it: indented, with blank lines between."""
    last, failing = passing, False
    for i in range(passing + 1, len(out.lines)):
        line = out.lines[i]
        if not line:
            continue
        if not line.startswith(" ") or not (failing or _MOCHA_COUNT.match(line)):
            break
        failing = failing or line.endswith(" failing")
        last = i
    return last


def last_run_end(out: Output) -> int | None:
    """The last line of the last test run's summary in the log (pytest, unittest, a JS
    runner), if there is one: a command after it is not the tests'."""
    return out.shared(_last_run_end)


def _last_run_end(out: Output) -> int | None:
    ends = [*_pytest_ends(out)[-1:], *_unittest_ends(out)[-1:]]
    if (end := js_run_end(out)) is not None:
        ends.append(end)
    return max(ends, default=None)


def _pytest_runs(out: Output) -> list[Span]:
    starts = sorted(i for marker in _PYTEST_MARKERS for i in out.find(marker))
    return _pair(starts, _pytest_ends(out), len(out.lines))


def _pytest_ends(out: Output) -> list[int]:
    found = {i for tail in _PYTEST_SUMMARY_TAILS for i in out.find(tail)}
    return [i for i in sorted(found)  # the summary ends in `0.12s`, `(0:01:02)` or its bar
            if out.lines[i].endswith(("s", ")", "=")) and _PYTEST_SUMMARY.match(out.lines[i])]


def _unittest_runs(out: Output) -> list[Span]:
    return _pair(list(out.find(_UNITTEST_SEPARATOR)), _unittest_ends(out), len(out.lines))


def _unittest_ends(out: Output) -> list[int]:
    """The verdict (`OK`, `FAILED (...)`) under each `Ran N tests in ...`."""
    return [i + 2 for i in out.find("Ran ") if _RAN_TESTS.match(out.lines[i])]


def _pair(starts: list[int], ends: list[int], size: int) -> list[Span]:
    """Each run from its first start to the next end (the end of the output if none)."""
    runs: list[Span] = []
    for start in starts:
        if runs and start <= runs[-1][1]:
            continue
        k = bisect_left(ends, start)  # `ends` is sorted: the first end at or after the start
        runs.append((start, ends[k] if k < len(ends) else size))
    return runs


def together(*groups: list[Span]) -> list[Span]:
    """Runs of several kinds as one sorted list, overlapping ones merged."""
    merged: list[Span] = []
    for start, end in sorted(span for group in groups for span in group):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def inside(runs: list[Span], index: int) -> bool:
    """Whether the line is in one of the runs (sorted and apart: one finder's, or `together`)."""
    at = bisect_right(runs, (index, float("inf"))) - 1
    return at >= 0 and runs[at][0] <= index <= runs[at][1]
