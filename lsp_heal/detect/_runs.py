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
    ends += [_indented_from(out, i) for i in out.find(" passing (")
             if _MOCHA_PASSING.match(out.lines[i])]
    return max(ends, default=None)


def _indented_from(out: Output, start: int) -> int:
    """The last line of mocha's summary and of the failures it lists below it: all indented,
    with blank lines between."""
    last = start
    for i in range(start + 1, len(out.lines)):
        line = out.lines[i]
        if line.startswith(" "):
            last = i
        elif line:
            break
    return last


def _pytest_runs(out: Output) -> list[Span]:
    starts = sorted(i for marker in _PYTEST_MARKERS for i in out.find(marker))
    found = {i for tail in _PYTEST_SUMMARY_TAILS for i in out.find(tail)}
    ends = [i for i in sorted(found)  # the summary ends in `0.12s`, `(0:01:02)` or its bar
            if out.lines[i].endswith(("s", ")", "=")) and _PYTEST_SUMMARY.match(out.lines[i])]
    return _pair(starts, ends, len(out.lines))


def _unittest_runs(out: Output) -> list[Span]:
    starts = list(out.find(_UNITTEST_SEPARATOR))
    ends = [i + 2 for i in out.find("Ran ") if _RAN_TESTS.match(out.lines[i])]
    return _pair(starts, ends, len(out.lines))


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
