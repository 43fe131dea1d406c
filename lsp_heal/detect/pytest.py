"""pytest: a report made of `=== FAILURES ===`-style bars, one `___ title ___` section per
failing test (its traceback, `E` lines for the exception), and a short summary of node ids.

A section names a test by its dotted title (`TestK.test_y[2]`); the summary names the same
test by the node id that reruns it, so the section borrows the node id from the summary (or
rebuilds it from the test file when there is no summary). A missing module or a syntax error
anywhere in the report (collection, conftest, inside a test) is its own root cause. pytest
prints Python tracebacks, so this module also holds the traceback helpers unittest shares.
"""

from __future__ import annotations

import os
import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from lsp_heal.detect._regex import lazy_re
from lsp_heal.detect._runs import inside, pytest_runs
from lsp_heal.detect.output import Output
from lsp_heal.detect.python import environ_variable
from lsp_heal.model import Category, ErrorEvent, Location, Rank, Severity

TOOL = "pytest"

_TB_LINE_PLACE = re.compile(r"^(?P<path>[^\s:]+\.py):(?P<line>\d+): ")
_BAR = lazy_re(r"^={3,} (?P<title>.+?) ={3,}$")
_HEADER = lazy_re(r"^_{3,} (?P<title>.+?) _{3,}$")
#: `FAILED id - msg`, and pytest 9's subtests: `SUBFAILED[msg] (i=1) id - msg`
_SUMMARY = lazy_re(r"^(?P<kind>FAILED|ERROR|SUBFAILED(?:\[[^\]]*\])? ?(?:\([^)]*\))?) "
                   r"(?P<id>[^\s\[]+(?:\[.*?\])?)(?: - (?P<msg>.+))?$")
#: a subtest's section title: the test's, then `[msg]` and / or `(k=v, ...)` (`(<subtest>)`)
_SUBTEST_TITLE = lazy_re(r"^(?P<head>[^\s\[]+(?:\[.*?\])?) (?:\[.*\](?: \(.*\))?|\(.*\))$")
_STATS = lazy_re(r"^=* ?(?P<stats>(?:\d+ \w+(?: \w+)?, )*\d+ (?:failed|errors?)\b.*? in [\d.]+s.*?) ?=*$")
_STATS_WORDS = (" failed, ", " failed in ", " error in ", " errors in ", " error, ", " errors, ")
_STATS_FIRST = ("=", " ", *"0123456789")
_NO_TESTS = lazy_re(r"^=* ?(?P<msg>(?:no tests ran|\d+ deselected) in [\d.]+s.*?) ?=*$")
#: Frames as pytest prints them (`tests/t.py:12: in test_x`, `tests/t.py:12: KeyError`, and
#: `file tests/t.py, line 3` above a test whose fixture is missing).
_PYTEST_FRAME = lazy_re(
    r"^(?:file )?(?P<path>[^\s:][^:,]*\.py)(?::|, line )(?P<line>\d+)(?::|,|$) ?(?:in (?P<func>\S+))?"
)
#: Frames as Python prints them, also inside `E` lines (`E     File "t.py", line 3`).
#: An exception group's tracebacks are drawn with `|` down their left side.
_FRAME = lazy_re(r'^(?:E)?[\s|]*File "(?P<path>[^"]+)", line (?P<line>\d+)(?:, in (?P<func>.+))?$')
_E_LINE = lazy_re(r"^E {1,}(?P<text>.*)$")
_EXCEPTION = lazy_re(r"^(?P<exc>(?:[A-Za-z_]\w*\.)*[A-Z]\w*)(?::\s?(?P<msg>.*))?$")
_NO_MODULE = lazy_re(
    r"^(?:E\s+)?(?:[\w.]+\.)?(?:ModuleNotFoundError|ImportError): No module named '?(?P<mod>[\w.]+)'?"
)
_SYNTAX = lazy_re(r"^(?:E\s+)?(?:SyntaxError|IndentationError|TabError): (?P<msg>.+)$")
_INI = lazy_re(r"^(?P<path>\S+?\.(?:ini|cfg|toml)):(?P<line>\d+): ")
#: tomllib's complaint about pyproject.toml / pytest.toml: `path: Unclosed array (at line 3, column 1)`
_TOML = lazy_re(r"^(?P<path>\S+?\.toml): .*\(at line (?P<line>\d+), column (?P<col>\d+)\)$")
#: where a doctest failed, under its report: `docs/usage.rst:7: DocTestFailure`
_DOCTEST_AT = lazy_re(r"^(?P<path>\S.*?):(?P<line>\d+): (?:DocTestFailure|UnexpectedException)$")
#: pytest-timeout's banner; `--timeout-method=thread` prints it before and after a stack dump,
#: the first one after the test's node id when the run is verbose
_TIMEOUT_BANNER = lazy_re(r"^(?P<before>.*?)\+{5,} Timeout \+{5,}$")
#: pytest-xdist: a test killed its worker (`os._exit`, a segfault)
_CRASHED = lazy_re(r"worker '[^']+' crashed while running '(?P<id>[^']+)'")
_CRASHED_WORDS = "' crashed while running '"  # decides for most messages before the regex
#: a run's header lines that later reports refer to: its `rootdir:` (node ids are relative to
#: it) and `configfile:`, carried into every later chunk of a long log (`detect._scene_markers`)
SCENE = ("rootdir: ", "configfile: ")
_ROOTDIR = lazy_re(r"^rootdir: (?P<path>\S+)")
#: argparse's complaint: `__main__.py: error: unrecognized arguments: --foo`. Its prog is pytest's
#: name for itself: `__main__.py` (up to 9.1) or `python -m pytest` (9.2 on) under `python -m`,
#: `pytest.main()` when called from code, `pytest` / `py.test` for the script.
_ARG_ERROR = lazy_re(
    r"^(?:\S*\.py|python -m pytest|pytest(?:\.main\(\))?|py\.test): error: "
    r"(?:unrecognized arguments: |argument )(?P<arg>[^\s:]+)"
)
_ARG_ERROR_WORDS = (": error: unrecognized arguments: ", ": error: argument ")
#: two test modules (or conftests) that import under one name: rootdir-relative imports
#: (`prepend`) need unique basenames or packages. pytest says so in its own words, or raises
#: `ImportPathMismatchError: ('conftest', '/a/conftest.py', PosixPath('/b/conftest.py'))`.
_PLUGINS_NOT_TOP = "Defining 'pytest_plugins' in a non-top-level conftest"
_MISMATCH = ("import file mismatch", "ImportPathMismatchError")
_MISMATCH_PATH = lazy_re(r"ImportPathMismatchError: \('[^']*', '[^']*', \w*\('?(?P<path>[^')]+)")
#: a config file's version requirement on the tool (`minversion`): `<ini>: 'minversion' requires pytest-9.1, actual pytest-9.0`
_REQUIRES = lazy_re(r"^(?:(?P<file>\S+?): )?'[\w-]+' requires (?P<tool>[A-Za-z][\w.-]*?)-\d[^,]*, actual ")
_MARKER = lazy_re(r"'(?P<name>[^']+)' not found in `markers` configuration option")
_SYSTEM = ("site-packages", "dist-packages", "/lib/python", "/_pytest/", "/pluggy/")


# pytest.fail() texts of a test's definition at collection: `In {func}: ...` (python.py,
# fixtures.py) or `{nodeid}: in "parametrize" ...` (mark/structures.py)
_DEFINITION = re.compile(r"^(?:In (?P<func>[A-Za-z_]\w*(?:\[[^\]]*\])?): |(?P<id>[^\s:]+\.py::[^\s:]+): (?:in|In) )")

def parse(out: Output) -> Iterable[ErrorEvent]:
    mine = out.tool in {"pytest", "py.test"}
    runs = [] if mine else pytest_runs(out)
    if not (mine or runs):
        if out.failed:  # pytest that stopped before its header, run by make, tox, a shell
            yield from _with_cwd(out, _wrapped_startup(out))
        return
    for event in _with_cwd(out, _readings(out, None if mine else runs)):
        # a script after the run is python's; pytest's could-not-start lines precede a run
        if mine or inside(runs, event.line_index) or _own_startup(out, event.line_index):
            yield event


def _with_cwd(out: Output, events: Iterable[ErrorEvent]) -> Iterator[ErrorEvent]:
    cwd = _cd_before_run(out.command or "")
    for event in events:
        if cwd and event.location and not event.location.path.startswith(("/", "<")):
            loc = event.location
            event.location = Location(os.path.normpath(os.path.join(cwd, loc.path)), loc.line, loc.column)
        yield event


#: `bash -c 'cd sub && pytest'`, `cd sub; python -m pytest`: the shell changed directory before the
#: run, and pytest prints its paths relative to that directory (and to the rootdir found there)
_CD = lazy_re(r"(?:^|[;&|(]|-c\s+['\"]?)\s*cd\s+(?P<dir>[^\s;&|'\"()]+)\s*(?:&&|;)")


def _cd_before_run(command: str) -> str | None:
    if "cd " not in command:
        return None
    at = max(command.find("pytest"), command.find("py.test"))
    if at < 0:
        return None
    dirs = [m["dir"] for m in _CD.finditer(command, 0, at)]
    d = dirs[-1] if dirs else None
    return None if d is None or d.startswith(("/", "~", "$", "-")) or d == "." else d


def _readings(out: Output, runs: list | None) -> Iterable[ErrorEvent]:
    report = _Report(out)
    # in a longer log, the lines outside the runs are other tools' (pip's `ERROR: `, python's
    # tracebacks): read only the runs'
    keep = (lambda i: True) if runs is None else (lambda i: inside(runs, i))
    yield from report.startup_errors(keep if runs is None else lambda i: keep(i) or _own_startup(out, i))
    config_crash = _config_warning_crash(out) if out.failed and not report.bars else None
    if config_crash:
        yield config_crash  # the missing module in its chain is the config's, not an install's
    crash_at = config_crash.line_index if config_crash else -1
    yield from root_causes(out, TOOL, lambda i: not keep(i) or report.bar_before(i) == "PASSES"
                           or i < crash_at)
    yield from report.sections(keep)
    yield from report.summary()
    yield from _conftest_errors(out)
    yield from _thread_timeouts(out)
    yield from _not_installed(out, runs)
    yield from _outcome(out)
    if out.failed:
        yield from _internal_error(out)
    if runs is None and out.failed:
        yield from _not_collected(out, report)
        if not report.bars:
            yield from _crashed_before_session(out)


#: `tests/t.py:1: PytestCollectionWarning: cannot collect test class 'TestX' because it has a __init__ constructor`
_NOT_COLLECTED = lazy_re(r"^\s*(?P<path>\S+?\.py):(?P<line>\d+): PytestCollectionWarning: "
                         r"cannot collect test class '(?P<cls>[^']+)'")
_TB_HEADER = "Traceback (most recent call last):"
_WITH_DEFAULT = lazy_re(r"(?:get|getenv)\(\s*['\"][^'\"]+['\"]\s*,")
#: an option pytest quotes in a startup error (`passed to '-k'`, `Check your '--rootdir' option`)
_QUOTED_OPTION = lazy_re(r"'(?P<opt>--?[A-Za-z][\w-]*)'")
#: an OSError about a path pytest was given (`-c`, `--rootdir`, `--confcutdir`, `--basetemp`)
_PATH_ERROR = lazy_re(r"^(?:FileNotFoundError|NotADirectoryError|IsADirectoryError): \[Errno \d+\] [^:]+: '(?P<path>[^']+)'")


def _not_collected(out: Output, report: "_Report") -> Iterator[ErrorEvent]:
    """A run that collected nothing (exit 5) because pytest skipped a test class (one that
    defines `__init__` / `__new__`): the class is what to change. When other tests failed the
    warning is no cause."""
    if report.summary_lines or out.exit_code not in (5, None):
        return
    for i in out.find("PytestCollectionWarning: cannot collect test class '"):
        if m := _NOT_COLLECTED.match(out.lines[i]):
            path = _relative(out, m["path"])
            yield ErrorEvent(Category.CONFIGURATION, Severity.HIGH, TOOL, out.lines[i].strip(),
                             subject=m["cls"], location=Location(path, int(m["line"])),
                             rank=Rank.ROOT, line_index=i)
            return


def _crashed_before_session(out: Output) -> Iterator[ErrorEvent]:
    """pytest stopped with a bare traceback before its session began (no bar at all): reading
    its configuration or arguments. A file or folder it was given that is not there is the
    configuration (`-c ci/pytest.ini`); any other exception is the tool's crash."""
    heads = list(out.find(_TB_HEADER))
    if not heads:
        return
    for i in range(heads[-1] + 1, min(len(out.lines), heads[-1] + 400)):
        line = out.lines[i]
        if line[:1].isalpha() and not line.startswith("Traceback") and (m := _EXCEPTION.match(line)):
            if p := _PATH_ERROR.match(line):
                yield ErrorEvent(Category.CONFIGURATION, Severity.HIGH, TOOL, line.strip(),
                                 subject=p["path"], rank=Rank.ROOT, line_index=i)
            else:
                yield ErrorEvent(Category.RUNTIME, Severity.HIGH, TOOL, line.strip(), subject=m["exc"],
                                 location=user_location(frames_before(out, i)), rank=Rank.ERROR,
                                 line_index=i)
            return


_INTERNAL = "INTERNALERROR> "


def _internal_error(out: Output) -> Iterator[ErrorEvent]:
    """pytest's own crash: a hook raised (a conftest's `pytest_configure`,
    `pytest_collection_modifyitems`, a plugin) and pytest printed the traceback with every
    line prefixed `INTERNALERROR> `. The last exception of the block is the error, at the
    last frame of the user's code (the conftest), as in any traceback."""
    frames: list[Frame] = []
    last = None
    for i in out.find(_INTERNAL):
        line = out.lines[i]
        if not line.startswith(_INTERNAL):
            continue
        body = line[len(_INTERNAL):]
        if body.startswith("Traceback (most"):
            frames = []
        elif frame := frame_at(body):
            frames.append(frame)
        elif body[:1].isalpha() and (m := _EXCEPTION.match(body)):
            last = (i, body, m["exc"], user_location(frames))
    if last:
        i, body, exc, location = last
        yield ErrorEvent(Category.RUNTIME, Severity.HIGH, TOOL, body.strip(), subject=exc,
                         location=location, rank=Rank.ERROR, line_index=i)


#: pytest's configuration warnings turned into errors (an `error` filter) end its startup
#: traceback: `pytest.PytestConfigWarning: Failed to import filter module 'm': ignore::m.W`
_CONFIG_WARNING = "PytestConfigWarning: "


def _config_warning_crash(out: Output) -> ErrorEvent | None:
    """A bare traceback (pytest never started its session) ending in a PytestConfigWarning:
    the configuration is what to change; the subject is the value it quotes last (the
    filter, the unknown option)."""
    for i in out.find(_CONFIG_WARNING):
        line = out.lines[i]
        if not line[:1].isalpha() or not _EXCEPTION.match(line):
            continue
        msg = line.partition(_CONFIG_WARNING)[2].strip()
        subject = (msg.rpartition("': ")[2] if "': " in msg
                   else msg.rpartition(": ")[2] if ": " in msg else None)
        return ErrorEvent(Category.CONFIGURATION, Severity.HIGH, TOOL, line.strip(),
                          subject=subject or None, rank=Rank.ROOT, line_index=i)
    return None


def _not_installed(out: Output, runs: list | None) -> Iterator[ErrorEvent]:
    """`python -m pytest` with an interpreter that has no pytest: runpy's one line,
    `/venv/bin/python: No module named pytest`, and nothing else (no run to find)."""
    if runs is None and out.failed:
        for i in out.ending(3):  # the log's end, however long
            line = out.lines[i]
            if line.rstrip().endswith((": No module named pytest", ": No module named py.test")):
                yield ErrorEvent(Category.DEPENDENCY, Severity.HIGH, TOOL, line.strip(), subject="pytest",
                                 rank=Rank.ROOT, line_index=i)


# --- Python tracebacks, shared with unittest -------------------------------------------------

@dataclass(frozen=True, slots=True)
class Frame:
    path: str
    line: int
    func: str | None


def frame_at(line: str) -> Frame | None:
    """The frame a traceback line names, in Python's or in pytest's own format.

    Most lines of a traceback are neither (source lines, `E` lines): pytest's frame names a
    `.py` file, and `in` rules a line out before the regex does."""
    if "File \"" in line:
        m = _FRAME.match(line)
    elif ".py" in line:
        m = _PYTEST_FRAME.match(line)
    else:
        return None
    return Frame(m["path"], int(m["line"]), m["func"]) if m else None


def is_user(path: str) -> bool:
    """Whether a frame is the project's code, not the standard library or an installed package."""
    return not path.startswith("<") and not any(part in path for part in _SYSTEM)


def frames_before(out: Output, index: int, limit: int = 300) -> list[Frame]:
    """The frames of the traceback that ends at line `index`, oldest first."""
    found: list[Frame] = []
    for i in range(index - 1, max(index - limit, 0) - 1, -1):
        line = out.lines[i]
        if line.startswith(("===", "___", "Traceback (most", "ImportError while")):
            break
        if frame := frame_at(line):
            found.append(frame)
    found.reverse()
    return found


def user_location(frames: list[Frame], prefer: str | None = None) -> Location | None:
    """The last frame in `prefer` (the test file), else the last frame of the user's code."""
    if prefer:
        for frame in reversed(frames):
            if _same_file(frame.path, prefer):
                return Location(frame.path, frame.line)
    for frame in reversed(frames):
        if is_user(frame.path):
            return Location(frame.path, frame.line)
    return None


def _same_file(path: str, wanted: str) -> bool:
    return path == wanted or path.endswith("/" + wanted.lstrip("./"))


def root_causes(out: Output, tool: str,
                skip: Callable[[int], bool] = lambda i: False) -> Iterator[ErrorEvent]:
    """Missing modules and syntax errors in tracebacks: each explains its failure by itself."""
    for i in out.find("No module named"):
        if (m := _NO_MODULE.match(out.lines[i])) and not skip(i):
            yield ErrorEvent(Category.DEPENDENCY, Severity.HIGH, tool, _strip_e(out.lines[i]),
                             subject=m["mod"], location=_crash_location(out, i),
                             rank=Rank.ROOT, line_index=i)
    for needle in ("SyntaxError: ", "IndentationError: ", "TabError: "):
        for i in out.find(needle):
            if _SYNTAX.match(out.lines[i]) and not skip(i):
                yield ErrorEvent(Category.SYNTAX, Severity.HIGH, tool, _strip_e(out.lines[i]),
                                 location=_syntax_location(out, i), rank=Rank.ROOT,
                                 line_index=i)


def _crash_location(out: Output, index: int) -> Location | None:
    """Where an exception was raised: pytest's long format names it under the `E` lines."""
    if out.lines[index].startswith("E "):
        for i in range(index + 1, min(index + 60, len(out.lines))):
            line = out.lines[i]
            if line.startswith("E ") or not line.strip():
                continue
            frame = _PYTEST_FRAME.match(line)
            if frame and is_user(frame["path"]):
                return Location(frame["path"], int(frame["line"]))
            break
    return user_location(frames_before(out, index))


_NO_SUCH_FILE = "FileNotFoundError: [Errno 2] No such file or directory: '"
#: the program subprocess (or os.exec*) was asked to run: a bare name, or a path with no folder part
_MISSING_PROGRAM = lazy_re(r"FileNotFoundError: \[Errno 2\] No such file or directory: '(?P<cmd>[^'/\s]+)'$")


def _command_missing(message: str, frames: list) -> str | None:
    """`FileNotFoundError` raised by subprocess/os.exec* starting a program: the program's name.
    The same error from `open()` is a missing data file (the test's own failure)."""
    if (m := _MISSING_PROGRAM.search(message)) and any(
            f.path.endswith(("subprocess.py", "/os.py")) for f in frames):
        return m["cmd"]
    return None


def _strip_e(line: str) -> str:
    m = _E_LINE.match(line)
    return (m["text"] if m else line).strip()


def _syntax_location(out: Output, index: int) -> Location | None:
    """A SyntaxError names its place in the `File "x.py", line 3` line a few lines above it."""
    for i in range(index - 1, max(index - 8, 0) - 1, -1):
        frame = frame_at(out.lines[i])
        if frame and "File \"" in out.lines[i]:
            return None if frame.path.startswith("<") else Location(frame.path, frame.line)
    return None


def exception_of(text: str) -> str | None:
    """The exception type an exception line names (`KeyError: 'k'` → KeyError)."""
    if text.startswith("assert "):
        return "AssertionError"
    m = _EXCEPTION.match(text)
    return m["exc"].rsplit(".", 1)[-1] if m else None


# --- the report ------------------------------------------------------------------------------

_DOCTEST = "[doctest] "
_SECTIONS = {"FAILURES", "ERRORS", None}  # None: the bar is in an earlier chunk
#: a progress line: `tests/t.py F.s  [ 50%]`, or with -v `tests/t.py::test_x FAILED  [ 50%]`
_PROGRESS = re.compile(r"^(?:(?P<id>[^\s:]+\.py::\S+) (?:FAILED|ERROR|XPASS)\b|(?P<file>[^\s:]+\.py) (?P<marks>[.FEsxX]+))")

_NOT_STARTUP = {"FAILURES", "ERRORS", "PASSES", "XFAILURES", "XPASSES", "warnings summary"}


class _Report:
    """The bars and section headers of one pytest report, and the lines of its summary."""

    def __init__(self, out: Output) -> None:
        self.out = out
        lines = out.lines
        # a bar starts with `=== ` and a header with `___ `: `== ` and `__ ` are in other
        # tools' lines too (`a == b`, dunders), the longer literals mostly only in pytest's
        self.bars = [(i, m["title"]) for i in out.find("=== ")
                     if lines[i].startswith("===") and (m := _BAR.match(lines[i]))]
        self.bar_lines = [i for i, _ in self.bars]
        self.headers = [(i, m["title"]) for i in out.find("___ ")
                        if lines[i].startswith("___") and (m := _HEADER.match(lines[i]))]
        self.bounds = sorted([*self.bar_lines, *(i for i, _ in self.headers)])
        # a summary line starts with its word (each line is read once, by the word it starts with)
        self.summary_lines = sorted(
            (i, m) for needle in ("FAILED ", "ERROR ", "SUBFAILED") for i in out.find(needle)
            if lines[i].startswith(needle)
            and self.bar_before(i) in ("short test summary info", None)
            and (m := _SUMMARY.match(lines[i]))
        )
        self.node_ids = [m["id"] for _, m in self.summary_lines]
        #: node ids by what follows the file (`TestK::test_y[2]`), to match section titles
        self.by_tail: dict[str, list[str]] = {}
        for node_id in self.node_ids:
            self.by_tail.setdefault(node_id.partition("::")[2], []).append(node_id)

    def bar_before(self, index: int) -> str | None:
        pos = bisect_right(self.bar_lines, index) - 1
        return self.bars[pos][1] if pos >= 0 else None

    def sections(self, keep: Callable[[int], bool] = lambda i: True) -> Iterator[ErrorEvent]:
        for start, title in self.headers:
            if keep(start) and self.bar_before(start) in _SECTIONS:
                pos = bisect_right(self.bounds, start)
                end = self.bounds[pos] if pos < len(self.bounds) else len(self.out.lines)
                yield from self._section(start, title, end)

    def _section(self, start: int, title: str, end: int) -> Iterator[ErrorEvent]:
        lines = self.out.lines
        statement, frames = _statement_and_frames(lines, start, end)
        anchor = statement if statement is not None else min(start + 1, end - 1)
        message = _strip_e(lines[anchor]).lstrip("| ") or title
        if title.startswith("ERROR collecting "):
            yield from self._collection(anchor, message, title[17:], frames)
            return
        name = title.split(" of ", 1)[1] if title.startswith("ERROR at ") else title
        if _CRASHED_WORDS in message and (crashed := _CRASHED.search(message)):
            # xdist: the section is titled by the file
            node_id = crashed["id"]
        elif name.startswith(_DOCTEST):
            node_id = self._doctest_id(name[len(_DOCTEST):], frames)
        else:
            node_id = self._node_id(name, frames)
        timeout = "Timeout" in message and "timeout" in message
        test_file = node_id.partition("::")[0]
        location = user_location(frames, test_file)
        if name.startswith(_DOCTEST):  # a doctest names its failing example under its report
            location = self._doctest_location(start, end) or location
        exc = exception_of(message) if message[:1].isalpha() else None
        if exc in _ENV_EXCEPTIONS and (var := _environ_statement(lines, start, anchor, exc, message)):
            # the test, a fixture or code they call read an environment variable that is unset or
            # malformed: the environment is what to fix, whoever read it
            yield ErrorEvent(Category.CONFIGURATION, Severity.HIGH, TOOL, message, subject=var,
                             location=location or Location(test_file), rank=Rank.ROOT,
                             line_index=anchor, details={"node_id": node_id})
        if _NO_SUCH_FILE in message and (cmd := _command_missing(message, frames)):
            # subprocess could not start a program: the command is missing, not the test wrong
            yield ErrorEvent(Category.DEPENDENCY, Severity.HIGH, TOOL, message, subject=cmd,
                             location=location or Location(test_file), rank=Rank.ROOT,
                             line_index=anchor, details={"node_id": node_id})
        yield ErrorEvent(
            Category.TEST, Severity.MEDIUM if timeout else Severity.HIGH, TOOL, message,
            subject=node_id, location=location or Location(test_file),
            rank=Rank.ERROR, line_index=anchor,
            details={"node_id": node_id, "phase": _phase(title), "timeout": timeout},
        )

    def _collection(self, anchor: int, message: str, path: str,
                    frames: list[Frame]) -> Iterator[ErrorEvent]:
        """A test module that does not import (missing modules and syntax are roots apart)."""
        if _NO_MODULE.match(message) or _SYNTAX.match(message):
            return
        if m := _MARKER.search(message):
            yield ErrorEvent(Category.CONFIGURATION, Severity.HIGH, TOOL, message,
                             subject=m["name"], location=Location(path), rank=Rank.ROOT,
                             line_index=anchor)
            return
        if message.startswith(_PLUGINS_NOT_TOP):  # pytest_plugins moved out of the root conftest
            below = self.out.line(anchor + 2).strip()
            yield ErrorEvent(Category.CONFIGURATION, Severity.HIGH, TOOL, message,
                             subject="pytest_plugins",
                             location=Location(_relative(self.out, below) if below.endswith("conftest.py")
                                               else path), rank=Rank.ROOT, line_index=anchor)
            return
        if any(word in message for word in _MISMATCH):  # the layout, not the module's code
            yield ErrorEvent(Category.CONFIGURATION, Severity.HIGH, TOOL, message,
                             subject=path, location=Location(path), rank=Rank.ROOT,
                             line_index=anchor)
            return
        exc = exception_of(message)
        if exc and (var := _environ_read(self.out.lines, anchor, exc, message)):
            # the module read an environment variable at import that is unset or malformed
            yield ErrorEvent(Category.CONFIGURATION, Severity.HIGH, TOOL, message, subject=var,
                             location=user_location(frames) or Location(path), rank=Rank.ROOT,
                             line_index=anchor, details={"node_id": path})
            return
        subject = exc or path
        if not exc and (m := _DEFINITION.match(message)):
            # pytest's own complaint about a test's definition (parametrize, fixtures) names
            # the function (`In test_x: ...`) or its node id (`tests/a.py::test_x: in "parametrize" ...`)
            subject = m["id"] if m["id"] else f"{path}::{m['func']}"
        # an exception is located where it was raised (the last frame of the user's code: an
        # app module the test imports, two modules importing each other); pytest's own
        # complaint about the test module at the module
        yield ErrorEvent(Category.RUNTIME if exc else Category.TEST, Severity.HIGH, TOOL,
                         message, subject=subject,
                         location=user_location(frames, None if exc else path) or Location(path),
                         rank=Rank.ERROR, line_index=anchor, details={"node_id": path})

    def _node_id(self, name: str, frames: list[Frame]) -> str:
        """The summary's node id for a section title, else one rebuilt from the test file."""
        if "::" not in name and name.endswith(".py"):  # titled by its file: the summary's id
            same = [n for n in self.node_ids if n.partition("::")[0] == name]
            return same[0] if len(same) == 1 else name
        tail = _tail(name)
        if tail not in self.by_tail and (sub := _SUBTEST_TITLE.match(name)):
            tail = _tail(sub["head"])  # a subtest reruns with its test
        matches = self.by_tail.get(tail, [])
        for node_id in matches:
            if any(_same_file(f.path, node_id.partition("::")[0]) for f in frames):
                return node_id
        if matches:
            return matches[0]
        user = [f for f in frames if is_user(f.path)]
        if user:  # no summary line names it (`-rN`, or it is in a later chunk of a long log)
            return f"{_relative(self.out, user[0].path)}::{tail}"
        return self._progress_id(tail) or tail

    def _progress_id(self, tail: str) -> str | None:
        """A failure with no frame and no summary line (`[XPASS(strict)]`, `-rX` replacing
        the default `-rfE`): the test file from the progress lines above the first section,
        `tests/t.py F.  [100%]` (the one file with a failure) or `tests/t.py::test_x FAILED`."""
        if not self.headers:
            return None
        first = self.headers[0][0]
        # from the session's bar, or (its header in an earlier chunk of a long log) close above
        opening = self.bar_lines[0] if self.bar_lines and self.bars[0][1] not in _SECTIONS else first
        start = max(0, opening if opening < first else first - 300)
        files = []
        for line in self.out.lines[start:first]:
            if (m := _PROGRESS.match(line)) is None:
                continue
            if m["id"]:
                if m["id"].partition("::")[2] == tail:
                    return m["id"]
            elif "F" in m["marks"] or "E" in m["marks"]:
                files.append(m["file"])
        return f"{files[0]}::{tail}" if len(files) == 1 else None

    def _doctest_location(self, start: int, end: int) -> Location | None:
        """`docs/usage.rst:7: DocTestFailure`: the example that failed, in any kind of file
        (a text file's doctest has no Python frame)."""
        for i in range(end - 1, start, -1):
            if m := _DOCTEST_AT.match(self.out.lines[i]):
                return Location(m["path"], int(m["line"]))
        return None

    def _doctest_id(self, name: str, frames: list[Frame]) -> str:
        """`[doctest] pkg.mod.func` → the summary's `pkg/mod.py::pkg.mod.func`: a doctest's
        id is its file and its dotted name, which keeps its dots."""
        if name in self.by_tail:
            return self.by_tail[name][0]
        path = next((f.path for f in reversed(frames) if is_user(f.path)), None)
        return f"{path}::{name}" if path else name

    def summary(self) -> Iterator[ErrorEvent]:
        """`FAILED tests/t.py::test_x - msg`: a recap, and all there is with `--tb=no`."""
        tb_lines = self._tb_line_places() if self.summary_lines else []
        for i, m in self.summary_lines:
            node_id, message = m["id"], m["msg"] or ""
            category = Category.DEPENDENCY if _NO_MODULE.search(message) else Category.TEST
            path = node_id.partition("::")[0]
            line = None
            for k, (place, number) in enumerate(tb_lines):  # `--tb=line`: failures in summary order
                if place == path or place.endswith("/" + path):
                    line = number
                    del tb_lines[k]
                    break
            yield ErrorEvent(category, Severity.HIGH, TOOL, self.out.lines[i].strip(),
                             subject=node_id, location=Location(path, line),
                             rank=Rank.SUMMARY, line_index=i, details={"node_id": node_id})

    def _tb_line_places(self) -> list[tuple[str, int]]:
        """`--tb=line`: the FAILURES section is one `/abs/tests/t.py:20: assert 17 == 18` line a
        failure, with no `___ test_x ___` headers, in the order of the summary's FAILED lines."""
        places: list[tuple[str, int]] = []
        for pos, (start, title) in enumerate(self.bars):
            if title != "FAILURES":
                continue
            end = self.bars[pos + 1][0] if pos + 1 < len(self.bars) else len(self.out.lines)
            for j in range(start + 1, end):
                line = self.out.lines[j]
                if line.startswith("_"):  # a section header: not --tb=line
                    return []
                if m := _TB_LINE_PLACE.match(line):
                    places.append((m["path"], int(m["line"])))
        return places

    def bar_after(self, index: int) -> str | None:
        pos = bisect_right(self.bar_lines, index)
        return self.bars[pos][1] if pos < len(self.bars) else None

    def _could_be_startup(self, i: int) -> bool:
        """pytest prints why it could not start before its first bar, or after the stats bar
        (`no tests ran in 0.1s`) when a path or node id was not found; never while tests run
        (where `-s` shows the tests' own prints) nor before a report section."""
        before = self.bar_before(i)
        if before in _NOT_STARTUP or (before or "").startswith("test session starts"):
            return False
        return self.bar_after(i) not in _NOT_STARTUP and self.bar_after(i) != "short test summary info"

    def startup_errors(self, keep: Callable[[int], bool]) -> Iterator[ErrorEvent]:
        """pytest could not start: a bad option, ini file, plugin or path (`ERROR: ...`)."""
        # argparse's `: error: ` is in every compiler's lines: look up the two complaints
        arg_errors = {i for needle in _ARG_ERROR_WORDS for i in self.out.find(needle)}
        for i in sorted(arg_errors):
            if ((m := _ARG_ERROR.match(self.out.lines[i])) and keep(i)
                    and self._could_be_startup(i)):
                yield _startup(self.out, i, Category.CONFIGURATION, m["arg"])
        for i in self.out.find("ERROR: "):
            line = self.out.lines[i]  # pytest's `ERROR: msg` starts the line (pip's too)
            if (not line.startswith("ERROR: ") or len(line) == 7
                    or line.startswith("usage:", 7) or not keep(i)
                    or not self._could_be_startup(i)):
                continue
            yield _startup_error(self.out, i)


def _statement_and_frames(lines: list[str], start: int, end: int) -> tuple[int | None, list[Frame]]:
    """The line that states a section's exception, and the frames above it.

    Every line of every section is looked at: the common ones (source lines, `E` lines that
    go on a block) are ruled out by a prefix or an `in` test before any regex runs."""
    frames: list[Frame] = []
    statement: int | None = None
    after_e = False  # whether the line above is an `E` line
    for i, line in enumerate(lines[start + 1:end], start + 1):
        is_e = line.startswith("E ")
        if is_e:
            if not after_e or ("Error: " in line and _SYNTAX.match(line)):
                statement = i  # the first line of the last `E` block, or its SyntaxError
        elif frame := frame_at(line):
            frames.append(frame)
        elif frames and line[:1].isalpha() and lines[i - 1][:1] == " " and _EXCEPTION.match(line):
            statement = i  # --tb=native: the exception line under the last frame
        elif frames and line[:1] == " " and "| " in line and line.lstrip()[:2] == "| ":
            # an exception group (`  | ValueError: x` under its frames): the last,
            # innermost, sub-exception is the one raised
            inner = line.lstrip(" |")
            if inner[:1].isalpha() and _EXCEPTION.match(inner) and not inner.startswith("File "):
                statement = i
        after_e = is_e
    return statement, frames


def _tail(title: str) -> str:
    """A section title as the end of a node id: `TestK.test_y[a.b]` → `TestK::test_y[a.b]`."""
    base, bracket, param = title.partition("[")
    return base.replace(".", "::") + bracket + param


def _startup_error(out: Output, i: int) -> ErrorEvent:
    """pytest's `ERROR: msg` on line i, printed when it could not start."""
    msg = out.lines[i][7:]
    if msg.startswith("Missing required plugins: "):
        plugin = re.split(r"[\s,<>=!~;]", msg[26:].strip(), maxsplit=1)[0]
        return _startup(out, i, Category.DEPENDENCY, plugin)
    if ini := _INI.match(msg):
        return _startup(out, i, Category.SYNTAX, None, Location(ini["path"], int(ini["line"])))
    if toml := _TOML.match(msg):
        return _startup(out, i, Category.SYNTAX, None,
                        Location(toml["path"], int(toml["line"]), int(toml["col"])))
    if need := _REQUIRES.search(msg):
        # `pytest.ini: 'minversion' requires pytest-99.0, actual pytest-9.0.3`: the
        # project asks for another version of the tool: the tool is what to change
        return _startup(out, i, Category.CONFIGURATION, need["tool"],
                        Location(_relative(out, need["file"])) if need["file"] else None)
    if opt := _QUOTED_OPTION.search(msg):
        # a value refused for an option the message quotes (`Wrong expression passed
        # to '-k': ...`, `Directory 'x' not found. Check your '--rootdir' option.`):
        # the option, not the value, is the subject
        return _startup(out, i, Category.CONFIGURATION, opt["opt"])
    # `not found: /root/tests/t.py::test_x`: a node id, relative to the rootdir
    what = msg.split(": ", 1)[1].split(" ", 1)[0] if ": " in msg else None
    return _startup(out, i, Category.CONFIGURATION,
                    _relative(out, what) if what and what.startswith("/") else what)


def _own_startup(out: Output, i: int) -> bool:
    """Whether line i is a complaint only pytest prints when it cannot start: read as pytest's
    whoever ran it (`make test`, `tox`, `bash -c '... pytest'`) and before its session header."""
    line = out.lines[i]
    if line.startswith("ERROR: "):
        msg = line[7:]
        if msg.startswith(("file or directory not found: ", "Missing required plugins: ")):
            return True
        if (".toml" in msg or ".ini:" in msg or ".cfg:" in msg) and (_INI.match(msg) or _TOML.match(msg)):
            return True  # (tested for before the regexes: most `ERROR: ` lines are pip's)
        return " requires pytest-" in msg and bool(_REQUIRES.search(msg))
    # argparse's complaint under pytest's own usage line (`ERROR: usage: prog [options] [file_or_dir] ...`)
    above = out.line(i - 1)
    return above.startswith("ERROR: usage: ") and "[file_or_dir]" in above and bool(_ARG_ERROR.match(line))


def _wrapped_startup(out: Output) -> Iterator[ErrorEvent]:
    """A failed output with no pytest run in it: only pytest's own could-not-start lines."""
    for i in out.find("ERROR: "):
        if out.lines[i].startswith("ERROR: ") and _own_startup(out, i):
            yield _startup_error(out, i)
    for needle in _ARG_ERROR_WORDS:
        for i in out.find(needle):
            if _own_startup(out, i):
                yield _startup(out, i, Category.CONFIGURATION, _ARG_ERROR.match(out.lines[i])["arg"])


def _startup(out: Output, i: int, category: Category, subject: str | None,
             location: Location | None = None) -> ErrorEvent:
    return ErrorEvent(category, Severity.HIGH, TOOL, out.lines[i].strip(), subject=subject,
                      location=location, rank=Rank.ROOT, line_index=i)


def _phase(title: str) -> str:
    return title[9:].split(" ", 1)[0] if title.startswith("ERROR at ") else "call"


def _outcome(out: Output) -> Iterator[ErrorEvent]:
    """The last bar: `2 failed, 1 passed in 0.3s` recaps; `no tests ran` is the failure."""
    if not out.failed:
        return
    # pytest's stats line puts `failed` first and `error(s)` after the known outcomes: the
    # word is followed by `, ` or ` in ` (literals far rarer in a log than " error")
    for i in sorted({i for needle in _STATS_WORDS for i in out.find(needle)}):
        # it starts with its bar or its first count (jest's `Tests: 1 failed` does not)
        if out.lines[i].startswith(_STATS_FIRST) and (m := _STATS.match(out.lines[i])):
            yield ErrorEvent(Category.TEST, Severity.HIGH, TOOL, m["stats"],
                             rank=Rank.SUMMARY, line_index=i)
    # `testpaths` naming nothing: pytest searches the current directory instead and warns
    for i in out.find("No files were found in testpaths"):
        configs = [j for j in out.find("\nconfigfile: ") if j < i]
        config = out.lines[configs[-1]][len("configfile: "):].strip() if configs else ""
        yield ErrorEvent(Category.CONFIGURATION, Severity.HIGH, TOOL, out.lines[i].strip(), subject="testpaths",
                         location=Location(config) if config else None, rank=Rank.ROOT, line_index=i)
    for needle in ("no tests ran in ", " deselected in "):
        for i in out.find(needle):
            if m := _NO_TESTS.match(out.lines[i]):
                yield ErrorEvent(Category.CONFIGURATION, Severity.HIGH, TOOL, m["msg"],
                                 rank=Rank.SUMMARY, line_index=i)


def _conftest_errors(out: Output) -> Iterator[ErrorEvent]:
    """`ImportError while loading conftest 'tests/conftest.py'.` and a short traceback: the
    run stops before collecting anything. The exception (`E   TypeError: ...`) is the error;
    a missing module or a syntax error there is a root cause read by `root_causes`."""
    for start in out.find("ImportError while loading conftest "):
        anchor, frames = None, []
        for i in range(start + 1, min(start + 200, len(out.lines))):
            line = out.lines[i]
            if line.startswith("E "):
                if not out.lines[i - 1].startswith("E "):
                    anchor = i  # the first line of the last `E` block: the exception raised
            elif frame := frame_at(line):
                frames.append(frame)
            elif line.startswith(("ImportError while", "===", "___")):
                break
        if anchor is None:
            continue
        message = _strip_e(out.lines[anchor])
        if _NO_MODULE.match(message) or _SYNTAX.match(message):
            continue
        if m := _MISMATCH_PATH.search(message):  # two conftest.py imported as one module
            path = _relative(out, m["path"])
            yield ErrorEvent(Category.CONFIGURATION, Severity.HIGH, TOOL, message, subject=path,
                             location=Location(path), rank=Rank.ROOT, line_index=anchor)
            continue
        exc = exception_of(message)
        if exc and (var := _environ_read(out.lines, anchor, exc, message)):
            yield ErrorEvent(Category.CONFIGURATION, Severity.HIGH, TOOL, message, subject=var,
                             location=user_location(frames), rank=Rank.ROOT, line_index=anchor)
            continue
        yield ErrorEvent(Category.RUNTIME, Severity.HIGH, TOOL, message,
                         subject=exc, location=user_location(frames),
                         rank=Rank.ERROR, line_index=anchor)


#: what reading an unset or malformed variable raises (`os.environ['X']`, `int(getenv('X'))`)
_ENV_EXCEPTIONS = frozenset({"KeyError", "TypeError", "ValueError", "AttributeError"})


def _environ_statement(lines: list[str], start: int, anchor: int, exc: str, message: str) -> str | None:
    """In a failure's long traceback, the statements (`>` lines) above the `E` line, innermost
    first: a frame in the standard library (`<frozen os>`, printed as `>   ???`) sits below the
    user's statement that read the variable."""
    for i in range(anchor - 1, start, -1):
        line = lines[i]
        # `>` marks the statement in a long traceback; --tb=short / native print it under its frame
        if "env" in line and (line[:1] == ">" or (line[:4] == "    " and frame_at(lines[i - 1]))):
            name, _, text = message.partition(": ")
            if var := environ_variable(exc, text, line):
                if any("delenv(" in t or "setenv(" in t for t in lines[start:anchor] if var in t):
                    return None  # the test removed or set the variable itself: its own scenario fails
                return None if exc == "ValueError" and _WITH_DEFAULT.search(line) else var
    return None


def _environ_read(lines: list[str], anchor: int, exc: str, message: str) -> str | None:
    """The environment variable the statement that raised (the source line under the last frame
    above the `E` line) read, when the exception is what its absence or bad value raises
    (`int(os.environ.get('PORT'))` → TypeError about None, `os.environ['X']` → KeyError 'X')."""
    name, _, text = message.partition(": ")
    for i in range(anchor - 1, max(anchor - 12, -1), -1):
        line = lines[i]
        if frame_at(line):
            break
        if "env" in line and (var := environ_variable(exc, text, line)):
            # a bad text from `get('X', 'default')` may be the code's own default: not the variable's
            return None if exc == "ValueError" and _WITH_DEFAULT.search(line) else var
    return None


def _thread_timeouts(out: Output) -> Iterator[ErrorEvent]:
    """pytest-timeout's thread method: `+++ Timeout +++`, every thread's stack, the banner
    again, and the process ends with no report. The test is the node id before the first
    banner (`-v`), else the test function of the last frame in the project's code."""
    banners = [i for i in out.find(" Timeout +") if _TIMEOUT_BANNER.match(out.lines[i])]
    end = -1
    for n, i in enumerate(banners):
        if i <= end:
            continue
        end = banners[n + 1] if n + 1 < len(banners) else min(i + 2000, len(out.lines))
        # the dump's frame lines (walked: `File "` as a literal would be indexed in every output)
        frames = [frame for line in out.lines[i + 1 : end]
                  if 'File "' in line and (frame := frame_at(line))]
        user = [f for f in frames if is_user(f.path)]
        before = _TIMEOUT_BANNER.match(out.lines[i])["before"].strip()  # `-v`: the node id
        node_id = before if "::" in before and not before.startswith(("[", "+")) else None
        if node_id is None and user and user[-1].func:
            node_id = f"{_relative(out, user[-1].path)}::{user[-1].func}"
        if node_id is None:
            continue
        test_file = node_id.partition("::")[0]
        yield ErrorEvent(Category.TEST, Severity.MEDIUM, TOOL, "Timeout (pytest-timeout)",
                         subject=node_id,
                         location=user_location(frames, test_file) or Location(test_file),
                         rank=Rank.ERROR, line_index=i,
                         details={"node_id": node_id, "phase": "call", "timeout": True})


def _relative(out: Output, path: str) -> str:
    """A frame's absolute path relative to the run's `rootdir:`, as node ids are."""
    for i in out.find("rootdir: "):
        if (m := _ROOTDIR.match(out.lines[i])) and path.startswith(m["path"].rstrip("/") + "/"):
            return path[len(m["path"].rstrip("/")) + 1:]
    return path
