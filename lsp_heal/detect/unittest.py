"""unittest (and runners that print its report): a `====` rule, then
`FAIL: test_x (module.Class.test_x)`, a `----` rule and the test's Python traceback; `Ran N
tests` and `FAILED (failures=1)` close it.

Python 3.11+ prints the full test id in the parentheses, older versions only `module.Class`;
either way the subject is the dotted id that reruns the test. A test module that fails to
import shows up as `unittest.loader._FailedTest`: its missing module or syntax error is the root.
A name given on the command line that the loader cannot find (a module that is not there, a
class or method the module lacks, a start directory that does not exist) is `configuration`,
subject the name as the user typed it. A doctest run through `DocTestSuite` adds a `Doctest:
name` line under its header; its report names the failing example's file and line.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Callable, Iterable, Iterator

from lsp_heal.detect._options import spelling_used
from lsp_heal.detect._regex import lazy_re
from lsp_heal.detect._runs import inside, unittest_runs
from lsp_heal.detect.output import Output
from lsp_heal.detect.pytest import exception_of, frame_at, is_user, root_causes, user_location
from lsp_heal.detect.python import environ_variable
from lsp_heal.model import Category, ErrorEvent, Location, Rank, Severity

TOOL = "unittest"

_HEADER = lazy_re(
    r"^(?P<kind>FAIL|ERROR|UNEXPECTED SUCCESS): (?P<name>\S+) \((?P<id>[\w.]+(?:/[\w./-]+)?)\)"
    r"(?: (?P<sub>\(.*\)))?$"
)
_RESULT = lazy_re(r"^(?:FAILED \((?P<counts>[^)]*)\)|NO TESTS RAN)$")
_FIXTURES = {"setUpClass", "tearDownClass", "setUpModule", "tearDownModule"}
_FAILED_IMPORT = "unittest.loader._FailedTest."
_ENV_EXCEPTIONS = {"KeyError", "TypeError", "AttributeError", "ValueError"}
_DOCTEST = "Doctest: "
#: `-b` (buffer) appends what the failing test printed after its traceback, each stream under a
#: blank line and `Stdout:` / `Stderr:` (unittest.result's STDOUT_LINE / STDERR_LINE)
_CAPTURED = {"Stdout:", "Stderr:"}
#: doctest's report of a failing example: `File "/p/shop/money.py", line 6, in shop.money.cents`
_DOCTEST_AT = lazy_re(r'^File "(?P<path>[^"]+)", line (?P<line>\d+), in (?P<name>\S+)$')
_DOCTEST_WHAT = ("Failed example:", "Exception raised:")
#: The loader's own errors, raised before any test runs (a traceback of unittest's main).
_START_DIR = lazy_re(r"^ImportError: Start directory is not importable: '(?P<dir>[^']+)'$")
#: argparse refusing unittest's own command line (exit 2, no test run): its prog is the
#: interpreter's name and `-m unittest` (`python3 -m unittest: error: unrecognized arguments:
#: --x`), `... -m unittest discover: error: ...` for discover's options. A script's
#: `unittest.main()` names the script instead: python's family reads that.
_USAGE_WORDS = ("unittest: error: ", "unittest discover: error: ")
_USAGE = lazy_re(r"^\S+ -m unittest(?: discover)?: error: (?P<msg>.+)$")
_USAGE_SUBJECT = lazy_re(r"^unrecognized arguments: (?P<arg>\S+)"
                         r"|^argument (?P<opt>--?[A-Za-z][\w-]*(?:/--?[A-Za-z][\w-]*)*)")


def parse(out: Output) -> Iterable[ErrorEvent]:
    yield from _usage_errors(out)
    mine = out.tool == TOOL
    runs = [] if mine else unittest_runs(out)
    if not mine:
        # a run of no test has no `====` rule to start it: its `Ran 0 tests` and `NO TESTS
        # RAN` alone say it was unittest's (under make, a shell script, a CI step)
        for i in out.find("NO TESTS RAN"):
            if out.line(i - 2).startswith("Ran 0 tests in ") and not inside(runs, i):
                yield from _result(out, i)
    if not mine and not runs:
        return  # no unittest report here: nothing would be kept
    for event in _readings(out, lambda i: not mine and not inside(runs, i)):
        if mine or inside(runs, event.line_index):  # a script after the run is python's
            yield event


def _readings(out: Output, outside: Callable[[int], bool]) -> Iterable[ErrorEvent]:
    headers = sorted(
        (i, m) for kind in ("FAIL: ", "ERROR: ", "UNEXPECTED SUCCESS: ") for i in out.find(kind)
        if out.line(i - 1).startswith("=" * 20) and (m := _HEADER.match(out.lines[i]))
    )
    yield from _loader_errors(out)
    if not headers and not (out.tool == TOOL and out.has("Ran ")):
        return
    named = _named(out, headers[0][0] if headers else None)
    for event in root_causes(out, TOOL, skip=outside):  # not looked into outside the runs
        if event.category is Category.DEPENDENCY and (arg := _named_as(event.subject, named)):
            # the test module the command line names is not there: a typo, not a package
            event.category, event.subject = Category.CONFIGURATION, arg
        yield event
    for i, m in headers:
        yield _failure(out, i, m)
    yield from _result(out)


def _commands(out: Output, i: int | None) -> list[str]:
    """The command line of the run whose report is at i: the command's own, then a wrapper's
    echo of `python -m unittest ...` just above it (a make recipe, a `set -x` trace)."""
    commands = [out.command or ""]
    if i is not None and "unittest" not in commands[0]:
        commands += [line for j in range(i - 1, max(i - 12, -1), -1)
                     if "-m unittest" in (line := out.line(j))]
    return commands


def _named(out: Output, first: int | None) -> dict[str, str]:
    """The test names on the command line, dotted (`tests/test_a.py` → `tests.test_a`), each to
    the word as typed."""
    names = {}
    command, *echoed = _commands(out, first)
    words = command.split()[1:]
    for line in echoed:
        words += line[line.find("-m unittest") + 11:].split()
    for word in words:
        if word[:1] in ("-", "'", '"') or "=" in word:
            continue
        dotted = word.removesuffix(".py").replace("/", ".").strip(".") if (
            word.endswith(".py") or "/" in word) else word
        names[dotted] = word
    return names


def _named_as(name: str | None, named: dict[str, str]) -> str | None:
    """The command-line word that names `name` or a module or attribute under it."""
    if not name:
        return None
    name = name.replace("/", ".")
    for dotted, word in named.items():
        if dotted == name or dotted.startswith(name + ".") or dotted.endswith("." + name):
            return word
    return None


def _loader_errors(out: Output) -> Iterator[ErrorEvent]:
    """`discover -s DIR` on a directory that is not there: unittest's main raises."""
    if out.tool != TOOL:
        return
    for i in out.find("Start directory is not importable: '"):
        if m := _START_DIR.match(out.lines[i]):
            yield ErrorEvent(Category.CONFIGURATION, Severity.HIGH, TOOL, out.lines[i].strip(),
                             subject=_as_given(m["dir"], out.command), rank=Rank.ROOT, line_index=i)


def _usage_errors(out: Output) -> Iterator[ErrorEvent]:
    """`python3 -m unittest: error: ...`: an option unittest does not have or one given no value
    (`argument -k: expected one argument`); the option as the command typed it."""
    for word in _USAGE_WORDS:
        for i in out.find(word):
            if not (m := _USAGE.match(out.lines[i])):
                continue
            subject = None
            if n := _USAGE_SUBJECT.match(m["msg"]):
                if n["arg"]:
                    subject = n["arg"]
                else:
                    forms = n["opt"].split("/")
                    subject = spelling_used(out.command or "", tuple(forms)) or next(
                        (f for f in forms if f.startswith("--")), forms[0])
            yield ErrorEvent(Category.CONFIGURATION, Severity.HIGH, TOOL, out.lines[i].strip(),
                             subject=subject, rank=Rank.ROOT, line_index=i)


def _as_given(path: str, command: str | None) -> str:
    """A start directory as the command line spells it: unittest prints the one that exists
    but is no package as an absolute path (`'/home/u/proj/app/tests'` for `-s app/tests`), one
    that does not exist as given."""
    if path.startswith("/") and command:
        for word in command.split():
            word = word.strip("'\"").removeprefix("./").rstrip("/")
            if word and not word.startswith("-") and path.endswith("/" + word):
                return word
    return path


def _failure(out: Output, start: int, m: re.Match[str]) -> ErrorEvent:
    name, test_id = m["name"], m["id"]
    failed_test = test_id + "." == _FAILED_IMPORT or test_id.startswith(_FAILED_IMPORT)
    doctest = out.line(start + 1).startswith(_DOCTEST)
    if failed_test:  # 3.11+: `_FailedTest.name`; before: `_FailedTest` and the name before it
        subject = test_id[len(_FAILED_IMPORT):] or name
        if (missing := _missing_name(out, start)) is not None:
            return missing
    elif doctest:  # `FAIL: cents (shop.money)` over `Doctest: shop.money.cents`
        subject = out.line(start + 1)[len(_DOCTEST):].strip() or f"{test_id}.{name}"
    elif name in _FIXTURES or test_id.endswith("." + name):
        subject = test_id
    else:  # Python < 3.11: `test_x (module.Class)`
        subject = f"{test_id}.{name}"
    frames, statement, root, first = [], None, 0, None
    sources: list[str] = []  # each frame's source line
    for i in range(start + (3 if doctest else 2), len(out.lines)):
        line = out.lines[i]
        if line.startswith(("=" * 20, "-" * 20)):
            break
        if line in _CAPTURED and not out.lines[i - 1] and statement is not None:
            break  # `-b`'s captured output, after the traceback: what the test printed
        if first is None and frames and line.startswith("Traceback ("):
            first = len(frames)  # the frames of the chain's first traceback
        if line.startswith("  File ") and (frame := frame_at(line)):
            frames.append(frame)
            sources.append(out.line(i + 1).strip())
        elif line.startswith("Traceback (") and frames and _handler_broke(out, i):
            root = len(frames)  # a later block of the chain is the root: its frames follow
        elif line[:1].isalpha() and frames and out.lines[i - 1][:1] == " " and (
                kind := exception_of(line)) and not (statement is not None and kind.endswith("Warning")):
            # the exception line under the last frame (the last one of a chain); a warning's
            # source line and `RuntimeWarning: ...` printed inside the block (a coroutine never
            # awaited, reported by the garbage collector) never replace an exception found
            statement = i
    anchor = statement if statement is not None else start
    if doctest and (example := _doctest_example(out, start)):
        return ErrorEvent(Category.TEST, Severity.HIGH, TOOL, out.lines[anchor].strip(),
                          subject=subject, location=example, rank=Rank.ERROR, line_index=anchor,
                          details={"test_id": subject, "kind": m["kind"], "doctest": True})
    prefer = _module_path(subject)
    # the root's own frames first: a broken handler's traceback and after, else the first one
    # (a doctest's are looked at all together)
    if root:
        block = frames[root:]
    else:
        block = frames[:first] if first is not None and not doctest else frames
    # the test file's own frame wherever it is in the chain (a chain whose first block is all in
    # the code under test: a CancelledError below asyncio's TimeoutError), else the user's code
    location = (_frame_in(block, prefer) or _frame_in(frames, prefer) or user_location(block)
                or user_location(frames))
    if location is None and frames and prefer and not prefer.startswith("__main__"):
        # every frame is the library's (a `mock.patch` target that is not there, a failing
        # decorator): the test is all the user's code involved, and its file is its module's
        location = Location(prefer)
    if statement is not None and (variable := _environ_missing(out.lines[statement], frames, sources)):
        # the test (or its fixture) read an environment variable that is unset or wrong: the
        # variable explains the error by itself, whoever raised it
        return ErrorEvent(Category.CONFIGURATION, Severity.HIGH, TOOL, out.lines[anchor].strip(),
                          subject=variable, location=location, rank=Rank.ROOT, line_index=anchor,
                          details={"test_id": subject, "kind": m["kind"]})
    return ErrorEvent(
        Category.TEST, Severity.HIGH, TOOL, out.lines[anchor].strip(), subject=subject,
        location=location, rank=Rank.ERROR, line_index=anchor,
        details={"test_id": subject, "kind": m["kind"], "subtest": m["sub"]},
    )


def _environ_missing(line: str, frames: list, sources: list[str]) -> str | None:
    """The environment variable the last user frame read, when the exception on `line` is what
    its absence or bad value raises (`KeyError: 'X'` from `os.environ['X']`)."""
    name = exception_of(line)
    if name not in _ENV_EXCEPTIONS:
        return None
    message = line.split(": ", 1)[1] if ": " in line else ""
    for frame, source in zip(reversed(frames), reversed(sources)):
        if is_user(frame.path):
            return environ_variable(name, message, source)
    return None


def _frame_in(frames: list, path: str | None) -> Location | None:
    """The last of `frames` in the file `path` (the test's module)."""
    if path:
        tail = "/" + path.lstrip("./")
        for frame in reversed(frames):
            if frame.path == path or frame.path.endswith(tail):
                return Location(frame.path, frame.line)
    return None


def _missing_name(out: Output, start: int) -> ErrorEvent | None:
    """A `_FailedTest` whose error is a failed lookup, not an import (`AttributeError: type
    object 'TestCart' has no attribute 'test_totl'`): the class or method named on the command
    line is not there."""
    line = out.line(start + 2)
    if not line.startswith("AttributeError: ") or " has no attribute '" not in line:
        return None
    attribute = line[line.rfind(" has no attribute '") + 19:].rstrip("'")
    word = _named_as(attribute, _named(out, start)) or attribute
    return ErrorEvent(Category.CONFIGURATION, Severity.HIGH, TOOL, line.strip(), subject=word,
                      rank=Rank.ROOT, line_index=start + 2)


def _doctest_example(out: Output, start: int) -> Location | None:
    """The failing example of a DocTestCase: under the report's rule, `File "x.py", line 6, in
    name` then `Failed example:` (or `Exception raised:` a few lines on)."""
    for i in range(start + 3, min(start + 200, len(out.lines))):
        line = out.lines[i]
        if line.startswith("=" * 20) or line.startswith("Ran "):
            break
        if line.startswith('File "') and out.line(i + 1).startswith(_DOCTEST_WHAT) and (
                m := _DOCTEST_AT.match(line)):
            return Location(m["path"], int(m["line"]))
    return None


def _handler_broke(out: Output, header: int) -> bool:
    """A traceback chained by "During handling ..." whose last statement is not a `raise`: the
    handler itself failed, so that block, not the first, is the chain's root."""
    if not out.line(header - 2).startswith("During handling"):
        return False
    for j in range(header + 1, min(header + 200, len(out.lines))):
        if not out.lines[j].startswith(" "):  # the exception line: its statement is above
            k = j - 1
            while k > header and not out.lines[k].strip(" ^~"):
                k -= 1  # 3.11's carets under the statement
            source = out.lines[k].strip()
            return not source.startswith(("raise", "File "))
    return False


def _module_path(test_id: str) -> str | None:
    """`tests.test_a.TestA.test_x` → `tests/test_a.py`: the parts before the class name."""
    head = []
    for part in test_id.split("."):
        if part[:1].isupper():
            break
        head.append(part)
    return "/".join(head) + ".py" if head else None


def _result(out: Output, only: int | None = None) -> Iterator[ErrorEvent]:
    """`FAILED (failures=1, errors=2)` recaps the run; `NO TESTS RAN` is the failure itself."""
    for needle in ("FAILED (", "NO TESTS RAN"):
        for i in out.find(needle) if only is None else [only]:
            if needle in out.lines[i] and _RESULT.match(out.lines[i]) and out.failed:
                no_tests = needle == "NO TESTS RAN"
                yield ErrorEvent(Category.CONFIGURATION if no_tests else Category.TEST,
                                 Severity.HIGH, TOOL, out.lines[i].strip(),
                                 subject=_selection(out, i) if no_tests else None,
                                 rank=Rank.SUMMARY, line_index=i)


#: unittest's command-line options that take a value (unittest.main's parser and discover's)
_VALUED = {"-k", "-p", "--pattern", "-s", "--start-directory", "-t", "--top-level-directory",
           "--durations"}


def _selection(out: Output, i: int) -> str | None:
    """What the command line selected that held no test (`NO TESTS RAN`): the file pattern
    (`-p`, discover's second argument), else the `-k` name pattern, else the start directory
    (`-s`, discover's first argument), else the first test name given; None for a bare run.
    The command is the run's own, or a wrapper's echo of it just above the report (a make
    recipe, a `set -x` trace)."""
    for command in _commands(out, i):
        at = command.find("unittest")
        if at < 0 or command[at + 8:at + 9] not in ("", " "):
            continue
        try:
            words = shlex.split(command[at + 8:])
        except ValueError:
            words = command[at + 8:].split()
        options: dict[str, str] = {}
        positional: list[str] = []
        k = 0
        while k < len(words):
            word = words[k]
            name, eq, value = word.partition("=")
            if name in _VALUED:
                if not eq:
                    k += 1
                    value = words[k] if k < len(words) else ""
                options.setdefault(name.lstrip("-")[:1], value)
            elif word in (";", "&&", "||", "|") or word.startswith((">", "2>")):
                break
            elif not word.startswith("-"):
                positional.append(word)
            k += 1
        discover = positional[:1] == ["discover"]
        if discover:
            positional = positional[1:]
            pattern = options.get("p") or (positional[1] if len(positional) > 1 else None)
            start = options.get("s") or (positional[0] if positional else None)
        else:
            pattern, start = None, None
        return pattern or options.get("k") or start or (positional[0] if positional else None)
    return None
