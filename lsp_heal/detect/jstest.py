"""JavaScript test runners: jest, vitest, mocha and node's built-in `node --test`.

Each prints a header per failing test (jest `● suite › test`, vitest `FAIL  file > suite >
test`, mocha `1) suite` + indented title lines ending in `:`, node:test TAP `not ok` or spec
`✖ name`), then the error and a stack whose first frame outside node_modules and node
internals is the user's line. A file that cannot even load (a missing module, a syntax error)
is reported in node's own format, which these runners embed (node:test behind `# `), so the
root causes are read here too: the node family leaves these runners' output alone.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator

from lsp_heal.detect._options import option_for
from lsp_heal.detect._regex import lazy_re
from lsp_heal.detect._runs import js_run_end
from lsp_heal.detect.node import env_var_named, network_subject
from lsp_heal.detect.output import MAX_LINE, Output
from lsp_heal.model import Category, ErrorEvent, Location, Rank, Severity

_RUNNERS = {"jest", "vitest", "mocha", "_mocha"}
LOOKAHEAD = 60  # lines after a failure header that may hold its error and stack

# `at fn (path:1:2)`, `at path:1:2`, node:test's frameless `Fn (path:1:2)`, vitest's `❯ path:1:2`;
# a file's path has a `/` or a `.` (not vitest's `   Start at  16:46:01` clock)
_FRAME = lazy_re(
    r"^(?:# )?\s*(?:at |❯ (?:[^\s()]+ )?)?(?:async )?(?:[^()\s][^()]*? \()?(?:file://)?"
    r"(?P<path>[^()\s:][^():]*?[./][^():]*):(?P<line>\d+):(?P<col>\d+)\)?$"
)
_MISSING_MODULE = lazy_re(r"Cannot find (?:module|package) '(?P<name>[^']+)'"
                             r"(?: from '(?P<src>[^']+)'| imported from (?P<imp>\S+))?")
_VITEST_DEPENDENCY = lazy_re(r"Cannot find dependency '(?P<name>[^']+)'")
_VITE_RESOLVE = lazy_re(r'Failed to (?:resolve|load url) (?:import )?"?(?P<name>[^"\s]+)"?'
                           r'(?: from "(?P<src>[^"]+)")?')
_SYNTAX = lazy_re(r"^(?:# )?\s*(?:Exception during run: )?SyntaxError(?: \[\w+\]|\[ @(?P<at>\S+) \])?: (?:(?P<path>/[^:]+|[\w.][^:\s]*\.[cm]?[jt]sx?): )?"
                     r"(?P<msg>.*?)(?: \((?P<line>\d+):(?P<col>\d+)\))?$")
#: node's ES-module linker, as a SyntaxError: `The requested module './m.js' does not provide an
#: export named 'x'` (node 20+), `... Named export 'x' not found` (a CommonJS module)
_NO_EXPORT = lazy_re(r"does not provide an export named '(?P<name>[^']+)'|Named export '(?P<name2>[^']+)' not found")
# node's compile error names `file:line` above the code; mocha prefixes `Exception during run: `
_NODE_HEADER = lazy_re(r"(?:^(?:# )?|: )(?:file://)?(?P<path>[^\s:]\S*?\.[cm]?[jt]sx?):(?P<line>\d+)$")


def parse(out: Output) -> Iterator[ErrorEvent]:
    tool = _runner(out)
    if out.has('"assertionResults":'):  # a `--json` report, whoever's summary came before it
        yield from _json_report(out)
    if tool is None:
        return
    # A runner found by its summary in a longer log: what follows the summary is another
    # command's (`npm test && node app.js`), but for `--json`'s report, printed after it.
    end = None if out.tool in _RUNNERS else js_run_end(out)
    if end is not None and (summary := out.shared(_last_summary)) and summary[0] > end:
        end = None  # the last run's report has no end the runner prints (a JSON reporter)
    yield from _until(end, load_errors(out, tool))
    yield from _until(end, _no_tests(out, tool))
    yield from _until(end, _coverage_threshold(out, tool))
    yield from _until(end, _reports(out, tool))
    if end is not None and (stopped := _stopped_runner(out, end + 1)):
        # the next runner stopped before any test (`npm run unit && npm run e2e`)
        for reading in (load_errors, _no_tests, _reports):
            yield from (event for event in reading(out, stopped) if event.line_index > end)


def _until(end: int | None, events: Iterable[ErrorEvent]) -> Iterator[ErrorEvent]:
    return iter(events) if end is None else (e for e in events if e.line_index <= end)


def _reports(out: Output, tool: str) -> Iterator[ErrorEvent]:
    if out.has("<failure"):
        yield from _junit(out, tool)
    if tool == "jest":
        yield from _jest(out)
    elif tool == "vitest":
        yield from _vitest(out)
    elif tool == "mocha":
        yield from _mocha(out)
    else:
        yield from _node_test(out)


# what each runner's summary says; a tie (one line with two runners' words) goes to the first
_SUMMARIES = (("jest", ("Test Suites: ",)), ("vitest", (" Test Files  ",)),
              ("mocha", (" passing (", " failing\n", '"fullTitle": ')),
              ("node:test", ("\n# fail ", "\nℹ fail ")))


def _runner(out: Output) -> str | None:
    """Which runner printed this, from the command or, without one, the summary it prints."""
    if out.tool in _RUNNERS:
        return "mocha" if out.tool == "_mocha" else out.tool
    if out.tool == "node" and out.command and "--test" in out.command:
        return "node:test"
    if summary := out.shared(_last_summary):
        return summary[1]
    return _stopped_runner(out)


def _last_summary(out: Output) -> tuple[int, str] | None:
    """The line of the summary printed last, and its runner's name: a job that ran two
    runners failed in the last one it ran."""
    summaries = [(max(found), runner) for runner, marks in _SUMMARIES
                 if (found := [i for mark in marks for i in out.find(mark)])]
    return max(summaries, key=lambda summary: summary[0]) if summaries else None


def _stopped_runner(out: Output, start: int = 0) -> str | None:
    """The runner of a run that stopped before any test, by its own words (behind `npm test`
    & co.), from line `start` on."""
    def said(words: str) -> bool:
        return next(out.find(words, start), None) is not None

    if said("Exception during run: ") or said(_MOCHA_RC) or said("code: 'ERR_MOCHA_"):
        return "mocha"  # mocha's CLI errors carry its own codes (ERR_MOCHA_INVALID_REPORTER)
    if said("/node_modules/jest-config/build/"):
        return "jest"  # jest-config threw on the set-up (behind `npm test`), its stack jest's own
    if any(_REPLACED.match(out.lines[i].strip()) for i in out.find(_REPLACED_WORD, start)):
        return "jest"  # jest-validate refusing a deprecated CLI option, behind `npm test`
    for i in out.find("No test", start):
        line = out.lines[i]
        if line.startswith("No tests found, exiting with code "):
            return "jest"
        if line.startswith("No test files found, exiting with code "):
            return "vitest"
        if line.startswith("Error: No test files found"):
            return "mocha"
    return None


# --- shared: locations and files that fail to load -------------------------------------


def user_frame(lines: list[str], start: int, stop: int) -> Location | None:
    """The first stack frame in lines[start:stop] that is the user's code."""
    for i in range(max(start, 0), min(stop, len(lines))):
        line = lines[i]
        # a frame ends `:line:col` or `:line:col)`: most lines of a failure's text do not
        if not (line[-1:].isdigit() or line.endswith(")")):
            continue
        if ":" not in line or "node_modules" in line or "node:" in line:
            continue
        if m := _FRAME.match(line):
            if "<anonymous>" not in m["path"]:
                return Location(m["path"], int(m["line"]), int(m["col"]))
    return None


def load_errors(out: Output, tool: str) -> Iterator[ErrorEvent]:
    """A missing module or a syntax error that stopped a test file (or a test) loading."""
    for i in out.find("Cannot find "):
        if m := _MISSING_MODULE.search(out.lines[i]):
            yield _missing(out, tool, i, m["name"], m["imp"])
    for i in out.find("Failed to ") if tool == "vitest" else ():
        if m := _VITE_RESOLVE.search(out.lines[i]):
            yield _missing(out, tool, i, m["name"], m["src"])
    for i in out.find("Cannot find dependency '"):  # vitest: a provider or environment package
        if m := _VITEST_DEPENDENCY.search(out.lines[i]):
            yield _missing(out, tool, i, m["name"], None)
    for i in out.find("SyntaxError"):
        if event := _syntax(out, tool, i):
            yield event
    if tool == "jest":
        yield from _require_esm(out, tool)
    for i in out.find("Failed to parse source") if tool == "vitest" else ():
        if "invalid JS syntax" in out.lines[i] and (event := _vite_parse(out, i)):
            yield event
    for i in out.find("Parse failure: ") if tool == "vitest" else ():
        if event := _ssr_parse(out, i):
            yield event


_NO_TESTS = lazy_re(r"^(?:No tests found|No test files found), exiting with code [1-9]")
#: what the run was narrowed to: jest's `Pattern: x - 0 matches`, vitest's `filter: x`
_NO_TESTS_FILTER = lazy_re(r"^(?:Pattern: (?P<pattern>.+?) - 0 matches|filter: +(?P<filter>.+?))\s*$")
#: the option a jest-config error names (`The shard option ...`, `... --shard ...`)
_JEST_THROWN_OPTION = lazy_re(r"\bThe (?P<name>[a-zA-Z]\w*) option\b|(?<![\w-])(?P<flag>--[a-zA-Z][\w-]*)")
_UNRECOGNIZED = lazy_re(r"^Unrecognized (?:option|options|argument)s?:? \"?(?P<name>[^\",\s]+)")
_REPLACED_WORD = '" was replaced by "'
_REPLACED = lazy_re(r'^Option "(?P<name>[^"]+)" was replaced by "')
_CAC_ERROR = lazy_re(r"^CACError: (?:Unknown option `(?P<option>[^`]+)`|.+)$")
#: node:test and mocha given a test file path that is not there
_NO_FILE = lazy_re(r"^(?:Could not find '(?P<node>[^']+)'|(?:Error|Warning): No test files found(?:: \"?(?P<mocha>[^\"]+?)\"?)?)$")


def _typed_option(command: str | None, name: str) -> str:
    """An option jest names bare (`detectOpenHandle`) as the command line types it
    (`--detectOpenHandle`, `--detectOpenHandle=true`, `-x`), else as printed."""
    words = {w.strip("'\"").split("=", 1)[0] for w in (command or "").split()}
    return next((typed for typed in ("--" + name, "-" + name) if typed in words), name)


def _no_tests(out: Output, tool: str) -> Iterator[ErrorEvent]:
    """The run stopped before any test: nothing matched what the command or config asks for
    (a folder name, a filter, a pattern), a flag is misspelt, a named test file is not there.
    The set-up is wrong, not a test: `configuration`, named by the path or option."""
    for i in out.find("exiting with code "):
        if _NO_TESTS.match(out.lines[i].strip()):
            subject = next((m["pattern"] or m["filter"] for j in range(i + 1, min(i + 12, len(out.lines)))
                            if (m := _NO_TESTS_FILTER.match(out.lines[j].strip()))), None)
            yield ErrorEvent(Category.CONFIGURATION, Severity.HIGH, tool, out.lines[i].strip(),
                             subject=subject, rank=Rank.ROOT, line_index=i)
    if tool == "jest":
        for i in out.find("Unrecognized "):  # `● Unrecognized CLI Parameter:` then the option
            if m := _UNRECOGNIZED.match(out.lines[i].strip()):
                # jest prints the name without its dashes: the option as typed when the
                # command line shows it (`--detectOpenHandle`, `-x`), else the name
                yield ErrorEvent(Category.CONFIGURATION, Severity.HIGH, tool, out.lines[i].strip(),
                                 subject=_typed_option(out.command, m["name"]), rank=Rank.ROOT, line_index=i)
        for i in out.find(_REPLACED_WORD):
            # jest-validate's deprecated option (`Option "testPathPattern" was replaced by
            # "--testPathPatterns"`): the option as the command line types it, else as printed
            if m := _REPLACED.match(out.lines[i].strip()):
                yield ErrorEvent(Category.CONFIGURATION, Severity.HIGH, tool, out.lines[i].strip(),
                                 subject=_typed_option(out.command, m["name"]), rank=Rank.ROOT, line_index=i)
        for i in out.find("/node_modules/jest-config/build/"):
            # jest-config threw on a value it refuses (`The shard option <n>/<m> requires <n>
            # to be lower or equal than <m>.`), its stack all jest's own: the option, as typed
            if (j := next((k for k in range(i - 1, max(i - 4, -1), -1)
                           if out.lines[k].startswith("Error: ")), None)) is not None:
                m = _JEST_THROWN_OPTION.search(out.lines[j])
                subject = (m["flag"] or _typed_option(out.command, m["name"])) if m else None
                yield ErrorEvent(Category.CONFIGURATION, Severity.HIGH, tool, out.lines[j].strip(),
                                 subject=subject, rank=Rank.ROOT, line_index=j)
            break
    if tool == "vitest":  # vitest's command line is cac's: `CACError: Unknown option `--x``
        for i in out.find("Failed to load custom Reporter from "):
            # a `--reporter` value that is neither built in nor a module: the option as typed
            # when the command line gives it, else the value (a `reporters` entry of the config)
            value = out.lines[i].rsplit(" from ", 1)[1].strip()
            words = (out.command or "").split()
            typed = "--reporter" if any(w == "--reporter" or w.startswith("--reporter=")
                                        for w in words) else value
            yield ErrorEvent(Category.CONFIGURATION, Severity.HIGH, tool, out.lines[i].strip(),
                             subject=typed, rank=Rank.ROOT, line_index=i)
        for i in out.find("CACError: "):
            if m := _CAC_ERROR.match(out.lines[i].strip()):
                yield ErrorEvent(Category.CONFIGURATION, Severity.HIGH, tool, out.lines[i].strip(),
                                 subject=m["option"], rank=Rank.ROOT, line_index=i)
    for needle in ("Could not find '", "Error: No test files found"):
        for i in out.find(needle):
            if m := _NO_FILE.match(out.lines[i].strip().removeprefix("# ")):
                yield ErrorEvent(Category.CONFIGURATION, Severity.HIGH, tool, out.lines[i].strip(),
                                 subject=m["node"] or m["mocha"], rank=Rank.ROOT, line_index=i)


#: istanbul's gate as jest, vitest, nyc and c8 print it, jest 29's, node's `--test-coverage-*`
_COVERAGE = lazy_re(r"^(?:Jest: |ERROR: |# |ℹ |✖ )?(?:Error: )?(?:Coverage for \w+ \([\d.]+%\) does not meet"
                       r"|\"[^\"]+\" coverage threshold for \w+ \([\d.]+%\) not met"
                       r"|[\d.]+% \w+ coverage does not meet threshold)")


def _coverage_threshold(out: Output, tool: str) -> Iterator[ErrorEvent]:
    """Every test passed (or not) but coverage is under the configured threshold: the run
    fails as a test failure with no one test to name."""
    for needle in ("does not meet", "coverage threshold for"):
        for i in out.find(needle):
            if _COVERAGE.match(out.lines[i].strip()):
                yield ErrorEvent(Category.TEST, Severity.HIGH, tool, out.lines[i].strip(),
                                 rank=Rank.ERROR, line_index=i)


def _missing(out: Output, tool: str, i: int, name: str, importer: str | None) -> ErrorEvent:
    location = user_frame(out.lines, i + 1, i + 30)
    if location is None:
        for j in range(i + 1, min(i + 4, len(out.lines))):
            if out.lines[j].lstrip("# ").startswith("- /"):  # node's `Require stack:`
                location = Location(out.lines[j].lstrip("# -"))
                break
    if location is None and importer and "/node_modules/" not in importer:
        # the runner's own loader (`--require x`: mocha's esm-utils) is no place to fix
        location = Location(importer.removeprefix("file://"))
    # a relative file the runner's own resolver misses is a typo in an import (build), as a
    # bundler reads it; mocha and node:test load through node, whose miss is `dependency`
    relative = name.startswith((".", "/")) and tool in ("jest", "vitest")
    category = Category.BUILD if relative else Category.DEPENDENCY
    if name.startswith("/") and location is None and (importer is None or "/node_modules/" in importer):
        # an absolute path no test file imported: the runner loading a file its config or
        # command line names (vitest's `setupFiles`, `globalSetup`; `mocha --require
        # ./setup.js`, imported by mocha's own esm-utils) that is not there
        category = Category.CONFIGURATION
    return ErrorEvent(
        category, Severity.HIGH, tool,
        out.lines[i].strip().lstrip("# "), subject=name, location=location, rank=Rank.ROOT,
        line_index=i,
    )


def _syntax(out: Output, tool: str, i: int) -> ErrorEvent | None:
    """Node's compile error (`file:line` a few lines above) or Babel's `SyntaxError: file: …`."""
    m = _SYNTAX.match(out.lines[i])
    if not m:
        return None
    if m["path"] and m["line"]:
        location = Location(m["path"], int(m["line"]), int(m["col"]) + 1)
    else:
        location = None
        for j in range(i - 1, max(i - 6, -1), -1):
            header = out.lines[j].strip()
            if header[-1:].isdigit() and (h := _NODE_HEADER.search(header)):  # `…:line`
                location = Location(h["path"], int(h["line"]))
                break
        if location is None and m["at"]:
            # mocha's mark on an ES module's SyntaxError, which node throws without the file
            # (esm-utils: `SyntaxError[ @/abs/spec.mjs ]: msg`): the file, no line
            location = Location(m["at"])
        if location is None:
            return None  # e.g. JSON.parse failing inside a test: that is the test's error
    event = ErrorEvent(Category.SYNTAX, Severity.HIGH, tool, out.lines[i].strip().lstrip("# "),
                       location=location, rank=Rank.ROOT, line_index=i)
    if e := _NO_EXPORT.search(m["msg"]):
        # node's ES-module linker: the module is there, the name is not among its exports
        # (a SyntaxError by type, a missing export by cause)
        event.category, event.subject, event.rank = Category.BUILD, e["name"] or e["name2"], Rank.ERROR
        return event
    if tool == "jest" and (_ESM_IN_CJS.search(m["msg"]) or "/node_modules/" in location.path
                           or (m["path"] and _babel_on_typescript(location.path))):
        # jest runs files as CommonJS through its transform: ES-module syntax it could not
        # run, or an installed package it does not transform, is its set-up's fault; so is
        # Babel (jest's default transform, no TypeScript preset) failing on a .ts file: a
        # TypeScript transform (ts-jest) reports TS diagnostics, not Babel's `file: msg (l:c)`
        event.category = Category.CONFIGURATION
        if "node_modules" in location.path:
            event.location = _suite_location(out, i) or location
    return event


def _babel_on_typescript(path: str) -> bool:
    """A TypeScript source (`.ts`, `.tsx`, `.mts`, `.cts`; not a `.d.ts`) Babel parsed."""
    return path.endswith((".ts", ".tsx", ".mts", ".cts")) and not path.endswith(".d.ts")


#: ES-module syntax run as CommonJS (node's and jest's words for it)
_ESM_IN_CJS = lazy_re(r"^Cannot use import statement outside a module|^Unexpected token '?export'?"
                      r"|^Cannot use 'import\.meta' outside a module|^Must use import to load ES Module")
_REQUIRE_ESM = lazy_re(r"^\s*Must use import to load ES Module: (?P<path>\S+)$")


def _suite_location(out: Output, i: int) -> Location | None:
    """The test file of the jest block the line at `i` is in (its `FAIL path` line)."""
    for j in range(i - 1, max(i - LOOKAHEAD, -1), -1):
        if out.lines[j].startswith("FAIL "):
            return Location(out.lines[j][5:].strip().split(" ")[0].removeprefix("./"))
    return None


def _require_esm(out: Output, tool: str) -> Iterator[ErrorEvent]:
    """jest 30: `Must use import to load ES Module: /path/file.js` (require(esm) refused): a
    file in ES-module syntax and no transform to CommonJS configured."""
    for i in out.find("Must use import to load ES Module: "):
        if m := _REQUIRE_ESM.match(out.lines[i]):
            path = m["path"]
            # the user's `require` of it when jest prints one (`at Object.require
            # (src/a.test.js:1:25)`, a source module in ESM syntax); else the file itself (a
            # test file in ESM syntax), or for a package the suite that loaded it
            end = next((j for j in range(i + 1, min(i + 24, len(out.lines)))
                        if out.lines[j].startswith(("FAIL ", "PASS ", "Test Suites:"))), i + 24)
            where = user_frame(out.lines, i + 1, end) or (
                Location(path) if "/node_modules/" not in path else _suite_location(out, i))
            yield ErrorEvent(Category.CONFIGURATION, Severity.HIGH, tool, out.lines[i].strip(),
                             location=where, rank=Rank.ROOT, line_index=i)


_VITE_FILE = lazy_re(r"^\s*File: (?P<path>\S+?):(?P<line>\d+):(?P<col>\d+)$")


def _vite_parse(out: Output, i: int) -> ErrorEvent | None:
    """Vite's `Failed to parse source for import analysis because the content contains
    invalid JS syntax`: the module it names in the `File: path:line:col` below is broken."""
    for j in range(i + 1, min(i + 4, len(out.lines))):
        if m := _VITE_FILE.match(out.lines[j]):
            location = Location(m["path"], int(m["line"]), int(m["col"]) + 1)
            # `You may need to install appropriate plugins to handle the .vue file format`:
            # the code is fine, vite has no plugin for its kind of file
            category = Category.CONFIGURATION if "appropriate plugins" in out.lines[i] \
                else Category.SYNTAX
            return ErrorEvent(category, Severity.HIGH, "vitest",
                              out.lines[i].strip().removeprefix("Error: "), location=location,
                              rank=Rank.ROOT, line_index=i)
    return None


#: vite's SSR transform (vitest runs every module through it) failing to parse a module:
#: `Parse failure: <parser's message>` then `At file: <url>[:line:col]` (vite 7+; vite 5/6 put
#: the line on `Contents of line N: ...`). The url is the module's: root-relative (`/src/a.js`)
#: or `/@fs/<absolute path>` for a file outside the root.
_AT_FILE = lazy_re(r"^At file: (?P<url>\S+?)(?::(?P<line>\d+):(?P<col>\d+))?$")
_CONTENTS_OF_LINE = lazy_re(r"^Contents of line (?P<line>\d+): ")
_SSR_PARSE_SPAN = 12  # the parser's own message (Rolldown's code frame) comes between


def _ssr_parse(out: Output, i: int) -> ErrorEvent | None:
    for j in range(i + 1, min(i + _SSR_PARSE_SPAN, len(out.lines))):
        if not (m := _AT_FILE.match(out.lines[j].strip())):
            continue
        url = m["url"]
        path = url[len("/@fs"):] if url.startswith("/@fs/") else url.lstrip("/")
        line = int(m["line"]) if m["line"] else None
        col = int(m["col"]) + 1 if m["col"] else None
        if line is None and (c := _CONTENTS_OF_LINE.match(out.line(j + 1).strip())):
            line = int(c["line"])
        return ErrorEvent(Category.SYNTAX, Severity.HIGH, "vitest",
                          out.lines[i].strip().split(": ", 1)[-1] if out.lines[i].lstrip().startswith(
                              ("RolldownError: ", "Error: ")) else out.lines[i].strip(),
                          location=Location(path, line, col), rank=Rank.ROOT, line_index=i)
    return None


def _test_event(out: Output, tool: str, header: int, title: str, body: Iterable[int],
                location: Location | None, message: str | None = None) -> ErrorEvent:
    """A failing test: its message is the first line of its error (unless the report states it
    in a field of its own)."""
    message = message or next((out.lines[j].strip() for j in body if out.lines[j].strip()),
                              out.lines[header].strip())
    timeout = "timeout" in message.lower() or "timed out" in message.lower()
    if (var := env_var_named(message)) or (var := _env_in_frame(out, message, body)):
        # a setup file, hook or test that stops on a missing environment variable
        # (`TEST_DATABASE_URL must be set`): the set-up is wrong, not the code under test
        return ErrorEvent(Category.CONFIGURATION, Severity.HIGH, tool, message, subject=var,
                          location=location, rank=Rank.ROOT, line_index=header,
                          details={"test": title})
    if ".only" in message and (opt := _ONLY_OPTION.search(message)):
        # the runner refusing a focused test (vitest in CI: `Unexpected .only modifier. Remove
        # it or pass --allowOnly argument`; mocha's `.only forbidden by --forbid-only`): no test
        # ran wrong; the option (or the .only left in the file) decides
        return ErrorEvent(Category.CONFIGURATION, Severity.HIGH, tool, message, subject=opt[0],
                          location=location, rank=Rank.ROOT, line_index=header,
                          details={"test": title})
    if (peer := _refused(out, message, body)) is not None:
        # the code under test could not reach a server (`fetch failed`, its `Caused by:
        # Error: connect ECONNREFUSED 127.0.0.1:3000`): the service is not running or not
        # reachable; nothing in the test or the code is wrong by itself
        return ErrorEvent(Category.NETWORK, Severity.HIGH, tool, message, subject=peer or None,
                          location=location, rank=Rank.ROOT, line_index=header,
                          details={"test": title})
    return ErrorEvent(Category.TEST, Severity.MEDIUM if timeout else Severity.HIGH, tool,
                      message, subject=title, location=location, rank=Rank.ERROR,
                      line_index=header, details={"test": title})


#: the runner's option a focused-test refusal names (`--allowOnly`, `--forbid-only`)
_ONLY_OPTION = lazy_re(r"--[A-Za-z][\w-]*")


#: a connection that failed before any answer: libuv's `connect ECONNREFUSED host:port`,
#: `getaddrinfo ENOTFOUND host` (as the error, or as fetch's cause)
_CONNECT = lazy_re(r"\b(?:connect|getaddrinfo) (?:ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH)\b")


def _refused(out: Output, message: str, body: Iterable[int]) -> str | None:
    """The peer a failing test could not connect to ("" when unnamed), or None: the error is
    the libuv connect error itself, or fetch's `fetch failed` with it as the cause below."""
    if _CONNECT.search(message):
        return network_subject(message) or ""
    if "fetch failed" not in message:
        return None
    for j in body:
        line = out.lines[j]
        if ("connect E" in line or "getaddrinfo E" in line) and _CONNECT.search(line):
            return network_subject(line) or ""
        if line.startswith(("⎯⎯", " FAIL  ", "  ● ")):  # the next failure's block
            break
    return None


#: the code frame's marked line (`> 1 | const base = new URL(process.env.API_URL);`) reading
#: an environment variable
_FRAME_ENV = lazy_re(r"^\s*> *\d+ \|.*\bprocess\.env(?:\.(?P<a>[A-Z][A-Z0-9_]+)|\[['\"](?P<b>[A-Z][A-Z0-9_]+)['\"]\])")
#: errors an unset variable (`undefined`) explains
_UNSET_WORDS = ("undefined", "Invalid URL", "not valid JSON")


def _env_in_frame(out: Output, message: str, body: Iterable[int]) -> str | None:
    """A failure on the line the code frame marks, which reads `process.env.X`, with an error
    an unset value explains (`TypeError: Invalid URL`, `"undefined" is not valid JSON`): the
    variable is the set-up to fix, as when the message names it."""
    if not any(w in message for w in _UNSET_WORDS):
        return None
    for j in body:
        line = out.lines[j]
        if "process.env" in line and (m := _FRAME_ENV.match(line)):
            return m["a"] or m["b"]
    return None


def _summary(out: Output, tool: str, i: int) -> ErrorEvent:
    return ErrorEvent(Category.TEST, Severity.HIGH, tool, out.lines[i].strip(),
                      rank=Rank.SUMMARY, line_index=i)


# --- jest -------------------------------------------------------------------------------

_JEST_HEADER = lazy_re(r"^  ● (?P<title>\S.*)$")
_JEST_SUMMARY = lazy_re(r"^Test Suites: (?:\d+ skipped, )?\d+ failed")
_JEST_OPTION = lazy_re(r'in the (?P<option>\w+)(?:\[\d+\])? option|Unknown option "(?P<unknown>\w+)"')
_JEST_ENV = lazy_re(r"Test environment (?P<name>\S+) cannot be found")


def _jest(out: Output) -> Iterator[ErrorEvent]:
    for i in out.find("● "):
        line = out.lines[i]
        if line.startswith("● Validation "):
            yield _jest_validation(out, i)
        elif m := _JEST_HEADER.match(line):
            yield from _jest_failure(out, i, m["title"])
        elif line.startswith("  ●  ") and len(line) > 5 and not line[5].isspace():
            # jest's banner for an error outside any test (formatExecError with no title):
            # `●  process.exit called with "1"` from the code under test; the run dies there
            # (its other banners, `Cannot log after tests are done`, follow a test's end:
            # a consequence, after whatever failed)
            end = _block_end(out, i)
            exited = line.startswith("  ●  process.exit called with")
            yield ErrorEvent(Category.TEST, Severity.HIGH if exited else Severity.MEDIUM, "jest",
                             line.strip(" ●"), location=user_frame(out.lines, i + 1, end),
                             rank=Rank.ERROR if exited else Rank.SUMMARY, line_index=i)
    for i in out.find("Test Suites: "):
        if _JEST_SUMMARY.match(out.lines[i]):
            yield _summary(out, "jest", i)
    for i in out.find("\nJSONError: "):
        if event := _jest_json_config(out, i):
            yield event


_FRAME_MARK = lazy_re(r"^\s*> *(?P<line>\d+) \|")


def _jest_json_config(out: Output, i: int) -> ErrorEvent | None:
    """parse-json's refusal of a config jest reads (`jest.config.json`, the `jest` key of
    package.json): `JSONError: <why> while parsing '<text>' in /p/jest.config.json`, then a
    code frame whose `> 3 |` marks the line. The file does not parse: syntax."""
    head, _, path = out.lines[i].rstrip().rpartition(" in ")
    if not head or not path.endswith(".json") or " " in path:
        return None
    line = next((int(f["line"]) for j in range(i + 1, min(i + 12, len(out.lines)))
                 if (f := _FRAME_MARK.match(out.lines[j]))), None)
    return ErrorEvent(Category.SYNTAX, Severity.HIGH, "jest", out.lines[i].strip()[:MAX_LINE],
                      location=Location(path, line), rank=Rank.ROOT, line_index=i)


def _jest_failure(out: Output, i: int, title: str) -> Iterator[ErrorEvent]:
    if title == "Console":
        return
    end = _block_end(out, i)
    if title == "Test suite failed to run":
        if (event := _jest_config_error(out, i, end)) or (event := _jest_not_js(out, i, end)):
            yield event
            return
        path = _jest_suite_file(out, i)
        first = next((out.lines[j].strip() for j in range(i + 1, end) if out.lines[j].strip()), "")
        if path and (gone := _ENOENT_OPEN.match(first)) and (
                gone["path"] == path or gone["path"].endswith("/" + path)):
            # `--runTestsByPath src/x.test.js` (or a path list) naming a file that is not
            # there: the run stopped before the test; the path given is what to change
            yield ErrorEvent(Category.CONFIGURATION, Severity.HIGH, "jest", first, subject=path,
                             rank=Rank.ROOT, line_index=i)
            return
        yield _test_event(out, "jest", i, path or title, range(i + 1, end),
                          user_frame(out.lines, i + 1, end) or (Location(path) if path else None))
        return
    yield _test_event(out, "jest", i, title, range(i + 1, end), _jest_location(out, i + 1, end))


_ENOENT_OPEN = lazy_re(r"^ENOENT: no such file or directory, open '(?P<path>[^']+)'$")


def _jest_location(out: Output, start: int, end: int) -> Location | None:
    """The user's frame of a jest failure. A throw matcher's failure (`expect(received).toThrow
    (expected)` with a `Received message:`) prints the stack of the error the code threw, then
    the matcher's frames in node_modules/expect, then the test's call of the matcher: that call
    is the failing line (the thrown error was asked for)."""
    matcher = None
    for j in range(start, min(end, start + 6)):
        if out.lines[j].lstrip().startswith("expect("):
            matcher = j
            break
    if matcher is not None and ".toThrow" in out.lines[matcher]:
        last = next((j for j in range(end - 1, matcher, -1) if "node_modules/expect/" in out.lines[j]), None)
        if last is not None and (loc := user_frame(out.lines, last + 1, end)):
            return loc
    return user_frame(out.lines, start, end)


_BLOCK_ENDS = ("  ● ", "FAIL ", "PASS ", "Test Suites: ", "Summary of all")


def _block_ends(out: Output) -> list[int]:
    """The lines that start with a `_BLOCK_ENDS` word, in order: found once per output, not
    by reading every line of every failure block."""
    return sorted({j for word in _BLOCK_ENDS for j in out.find(word)
                   if out.lines[j].startswith(_BLOCK_ENDS)})


def _block_end(out: Output, i: int) -> int:
    """Where a jest failure block ends: the next `●` header, `FAIL`/`PASS` line or summary."""
    stop = min(i + LOOKAHEAD, len(out.lines))
    ends = out.shared(_block_ends)
    k = bisect_right(ends, i)
    return min(ends[k], stop) if k < len(ends) else stop


def _jest_config_error(out: Output, i: int, end: int) -> ErrorEvent | None:
    """jest-resolve's `Configuration error:` in a suite that failed to run (a moduleNameMapper
    target that is not there): the setting to fix is the first entry jest lists under
    `Please check your configuration for these entries:`."""
    start = next((j for j in range(i + 1, min(i + 4, end)) if out.lines[j].strip()), None)
    if start is None or out.lines[start].strip() != "Configuration error:":
        return None
    j = next((k for k in range(start + 1, min(start + 4, end)) if out.lines[k].strip()), start)
    subject = None
    for k in range(j, min(j + 12, end)):
        if out.lines[k].strip().startswith("Please check your configuration for these entries"):
            subject = next((e["key"] for n in range(k + 1, min(k + 4, end))
                            if (e := _JSON_KEY.match(out.lines[n]))), None)
            break
    return ErrorEvent(Category.CONFIGURATION, Severity.HIGH, "jest", out.lines[j].strip(),
                      subject=subject, location=user_frame(out.lines, j, end), rank=Rank.ROOT,
                      line_index=j)


_JSON_KEY = lazy_re(r'^\s*"(?P<key>[^"]+)":')
#: `Details:` of jest's `Jest encountered an unexpected token`: the file it ran, `path:line`
_JEST_DETAILS_FILE = lazy_re(r"^\s*(?P<path>[^\s:]\S*?\.(?P<ext>\w+)):\d+$")
_SCRIPT_EXTENSIONS = {"js", "cjs", "mjs", "jsx", "ts", "cts", "mts", "tsx", "json"}


def _jest_not_js(out: Output, i: int, end: int) -> ErrorEvent | None:
    """`Jest encountered an unexpected token` on a file that is no script at all (a `.css`,
    `.svg`, `.png` a module imports): jest ran it as JavaScript because its config maps or
    transforms nothing for that kind of file (`moduleNameMapper`, `transform`): the set-up is
    wrong, not the file. Placed at the user's import (the first frame of the user's code)."""
    start = next((j for j in range(i + 1, min(i + 4, end)) if out.lines[j].strip()), None)
    if start is None or out.lines[start].strip() != "Jest encountered an unexpected token":
        return None
    for k in range(start + 1, end):
        if out.lines[k].strip() == "Details:":
            m = next((d for n in range(k + 1, min(k + 4, end))
                      if (d := _JEST_DETAILS_FILE.match(out.lines[n]))), None)
            if m is None or m["ext"] in _SCRIPT_EXTENSIONS:
                return None
            return ErrorEvent(Category.CONFIGURATION, Severity.HIGH, "jest",
                              out.lines[start].strip(), location=user_frame(out.lines, k, end),
                              rank=Rank.ROOT, line_index=start, details={"file": m["path"]})
    return None


def _jest_suite_file(out: Output, i: int) -> str | None:
    for j in range(i - 1, max(i - 5, -1), -1):
        if out.lines[j].startswith("FAIL "):
            return out.lines[j][5:].strip().removeprefix("./")
    return None


def _jest_validation(out: Output, i: int) -> ErrorEvent:
    """`● Validation Error:` (bad config, high) or `● Validation Warning:` (low)."""
    j = next((k for k in range(i + 1, min(i + 4, len(out.lines))) if out.lines[k].strip()), i)
    text = out.lines[j].strip()
    severity = Severity.LOW if "Warning" in out.lines[i] else Severity.HIGH
    if m := _JEST_ENV.search(text):
        return ErrorEvent(Category.DEPENDENCY, severity, "jest", text, subject=m["name"],
                          rank=Rank.ROOT, line_index=j)
    if (m := _JEST_MISSING.match(text)) and (pkg := _package_of(m["name"])):
        # `Preset ts-jest not found`, `Module babel-jest in the transform option was not
        # found`: the config names a package that is not installed (a path is configuration)
        return ErrorEvent(Category.DEPENDENCY, severity, "jest", text, subject=pkg,
                          rank=Rank.ROOT, line_index=j)
    if text.startswith("Preset ") and (m := _JEST_MISSING.match(text)):
        subject = m["name"]  # a preset file of the project that is not there
    else:
        m = _JEST_OPTION.search(text)
        subject = (m["option"] or m["unknown"]) if m else None
    return ErrorEvent(Category.CONFIGURATION, severity, "jest", text, subject=subject,
                      rank=Rank.ROOT, line_index=j)


#: jest-config's messages for a name in the config that does not resolve
_JEST_MISSING = lazy_re(r"^(?:Preset|Module) (?P<name>[^\s]+) (?:not found relative|in the \w+(?:\[\d+\])? option was not found)")


def _package_of(spec: str) -> str | None:
    """The npm package a module specifier names (`ts-jest/presets/x` → `ts-jest`,
    `@swc/jest` → `@swc/jest`), None for a path (`./x`, `/x`, `<rootDir>/x`, `C:\\x`)."""
    if spec.startswith((".", "/", "<", "~", "#")) or spec[1:3] == ":\\" or spec.startswith("@/"):
        return None
    if "/" not in spec and spec.endswith((".js", ".cjs", ".mjs", ".ts", ".json")):
        return None  # `setupFiles: ['jest.setup.js']`: a file of the project
    parts = spec.split("/")
    return "/".join(parts[:2]) if spec.startswith("@") and len(parts) > 1 else parts[0]


# --- vitest -----------------------------------------------------------------------------

_VITEST_FAIL = lazy_re(r"^ FAIL  (?P<file>\S+) (?:> (?P<title>.+)|\[ (?P<suite>\S+) \])$")
_TS_CODE = lazy_re(r"\b(TS\d{4,5})\b")


def _ts_code(message: str) -> str | None:
    m = _TS_CODE.search(message)
    return m[1] if m else None


_VITEST_SUMMARY = lazy_re(r"^ Test Files  \d+ failed")
_VITEST_UNHANDLED = lazy_re(r"^⎯+ (?:Uncaught Exception|Unhandled Rejection|Unhandled Error) ⎯+$")
_VITEST_LATEST = lazy_re(r"The latest test that might've caused the error is \"(?P<name>.+)\"\.")
_VITEST_ORIGIN = lazy_re(r"This error originated in \"(?P<file>[^\"]+)\" test file")


def _vitest(out: Output) -> Iterator[ErrorEvent]:
    yield from _vitest_tap(out)
    yield from _vitest_annotations(out)
    for i in out.find(" FAIL  "):
        m = _VITEST_FAIL.match(out.lines[i])
        if not m:
            continue
        end = _vitest_block_end(out, i)
        location = user_frame(out.lines, i + 1, end) or Location(m["file"])
        event = _test_event(out, "vitest", i, m["title"] or m["file"], range(i + 1, end), location)
        if event.message.startswith("TypeCheckError: "):
            # `--typecheck`: tsc's diagnostic reported as a failed test; a type error is build
            event.category, event.subject = Category.BUILD, _ts_code(event.message)
        yield event
    for i in out.find(" Test Files  "):
        if _VITEST_SUMMARY.match(out.lines[i]):
            yield _summary(out, "vitest", i)
    for i in out.find("⎯ "):
        if m := _VITEST_UNHANDLED.match(out.lines[i]):
            yield _vitest_unhandled(out, i)


#: `--reporter=tap`: a file and each describe is `not ok N - name # time=1ms {`, its tests
#: nested (4 spaces a level) inside; `--reporter=tap-flat`: `not ok N - file > suite > test`
_VITEST_TAP = lazy_re(r"^(?P<indent> *)not ok \d+ - (?P<name>.+?)(?: # time=\S+)?(?P<open> \{)?$")
_VITEST_TAP_FIELD = lazy_re(r'^ *(?P<key>name|message|at): (?P<value>".*)$')  # a message may go on
_TEST_FILE = lazy_re(r"\.(?:test|spec)\.[cm]?[jt]sx?$|^(?:[\w.@-]+/)*[\w.@-]+\.[cm]?[jt]sx?$")


def _vitest_title(parts: list[str]) -> str:
    """vitest's full title (`suite > test`), without the test file TAP puts first."""
    if len(parts) > 1 and _TEST_FILE.search(parts[0]):
        parts = parts[1:]
    return " > ".join(parts)


def _vitest_tap(out: Output) -> Iterator[ErrorEvent]:
    """A failed test of vitest's TAP reporters: its title from the enclosing `not ok ... {`
    blocks (tap) or its own line (tap-flat); its YAML block gives the error's `name`, its
    `message` and the place (`at: "/p/src/x.js:1:37"`)."""
    blocks: list[tuple[int, str]] = []  # the failed files and suites open here: (indent, name)
    for i in out.find("not ok "):
        m = _VITEST_TAP.match(out.lines[i])
        if m is None:
            continue
        indent = len(m["indent"])
        while blocks and blocks[-1][0] >= indent:
            blocks.pop()  # a sibling's block, closed since
        if m["open"]:
            blocks.append((indent, m["name"]))
            continue  # a file or suite: its failing tests are reported themselves
        fields: dict[str, str] = {}
        end = min(i + LOOKAHEAD, len(out.lines))
        for j in range(i + 1, end):
            line = out.lines[j]
            if line.strip() == "...":
                end = j
                break
            if (f := _VITEST_TAP_FIELD.match(line)) and f["key"] not in fields:
                fields[f["key"]] = _json_string(f["value"])
        parts = [*(name for _, name in blocks), m["name"]] if indent else m["name"].split(" > ")
        title = _vitest_title(parts)
        location = None
        if at := _FRAME.match(fields.get("at", "")):
            location = Location(at["path"], int(at["line"]), int(at["col"]))
        message = ": ".join(p for p in (fields.get("name"), fields.get("message")) if p)
        yield _test_event(out, "vitest", i, title, range(i + 1, end), location, message or None)


#: `--reporter=github-actions` (on by itself in GitHub Actions): a workflow command per failed
#: test, `::error file=/p/src/x.js,title=src/x.test.js > suite > test,line=1,column=37::Msg%0A...`
_GH_ERROR = lazy_re(r"^::error file=(?P<path>[^,]+),title=(?P<title>.*?),line=(?P<line>\d+),column=(?P<col>\d+)::(?P<msg>.*)$")


def _vitest_annotations(out: Output) -> Iterator[ErrorEvent]:
    for i in out.find("\n::error file="):
        if m := _GH_ERROR.match(out.lines[i]):
            title = _vitest_title(m["title"].replace("%2C", ",").split(" > "))
            message = m["msg"].split("%0A", 1)[0].strip() or out.lines[i].strip()
            yield _test_event(out, "vitest", i, title, (), Location(m["path"], int(m["line"]), int(m["col"])),
                              message.replace("%25", "%"))


def _vitest_unhandled(out: Output, i: int) -> ErrorEvent:
    """`⎯⎯ Uncaught Exception ⎯⎯` / `Unhandled Rejection` / `Unhandled Error`: an error no
    test caught (a timer, a promise nobody awaited); vitest names the test file it came from
    and the test that last ran. It fails the run as that test's failure."""
    end = min(i + LOOKAHEAD, len(out.lines))
    for j in range(i + 1, end):
        if out.lines[j].startswith("⎯"):
            end = j
            break
    title = None
    for j in range(i + 1, end):
        line = out.lines[j]
        if t := _VITEST_LATEST.search(line):
            title = t["name"]
            break
        if t := _VITEST_ORIGIN.search(line):
            title = title or t["file"]
    message = next((out.lines[j].strip() for j in range(i + 1, end) if out.lines[j].strip()), "")
    return ErrorEvent(Category.TEST, Severity.HIGH, "vitest", message or out.lines[i].strip(),
                      subject=title, location=user_frame(out.lines, i + 1, end), rank=Rank.ERROR,
                      line_index=i, details={"test": title} if title else {})


def _vitest_block_end(out: Output, i: int) -> int:
    stop = min(i + LOOKAHEAD, len(out.lines))
    for j in range(i + 1, stop):
        if out.lines[j].startswith((" FAIL  ", "⎯⎯")):
            return j
    return stop


# --- JUnit XML (vitest --reporter=junit, jest-junit, mocha-junit-reporter) -----------------

_JUNIT_CASE = lazy_re(r'^\s*<testcase\b[^>]*?\bname="(?P<name>[^"]*)"')
_JUNIT_MESSAGE = lazy_re(r'^\s*<failure\b(?:[^>]*?\bmessage="(?P<msg>[^"]*)")?(?:[^>]*?\btype="(?P<type>[^"]*)")?')
_JUNIT_SPAN = 200  # lines of one failure's text (its diff and stack) before `</failure>`


def _junit(out: Output, tool: str) -> Iterator[ErrorEvent]:
    """A `<failure>` in a JUnit report: the test is its `<testcase name="...">` (vitest writes
    the full title, `suite &gt; test`), the place the first frame of the user's code in the
    failure's text, the message its `message` attribute."""
    from html import unescape  # only a JUnit report pays for importing it

    for i in out.find("<failure"):
        m = _JUNIT_MESSAGE.match(out.lines[i])
        if m is None:
            continue
        at = next((j for j in range(i - 1, max(i - 4, -1), -1) if _JUNIT_CASE.match(out.lines[j])), None)
        if at is None:
            continue
        title = unescape(_JUNIT_CASE.match(out.lines[at])["name"])
        if tool == "node:test":
            title = " ".join([*_junit_suites(out.lines, at), title])
        end = next((j for j in range(i + 1, min(i + _JUNIT_SPAN, len(out.lines)))
                    if "</failure>" in out.lines[j] or "<testcase" in out.lines[j]),
                   min(i + _JUNIT_SPAN, len(out.lines)))
        message = unescape(m["msg"] or m["type"] or out.lines[i].strip())
        yield ErrorEvent(Category.TEST, Severity.HIGH, tool, message[:MAX_LINE], subject=title,
                         location=user_frame(out.lines, i + 1, end), rank=Rank.ERROR,
                         line_index=i, details={"test": title})


_JUNIT_SUITE = lazy_re(r'^(?P<indent>\s*)<testsuite\b[^>]*?\bname="(?P<name>[^"]*)"')
_JUNIT_SUITE_SPAN = 5000  # lines walked back for a failing test's enclosing suites


def _junit_suites(lines: list[str], at: int) -> list[str]:
    """node --test's JUnit report nests a `<testsuite name="...">` per `describe` (a top-level
    test is a `<testcase>` of `<testsuites>` itself): the titles of the suites enclosing the
    `<testcase>` on line `at`, outermost first — each a `<testsuite` line above, indented less
    than the last one found (a closed sibling suite is indented as deep as the test's own)."""
    from html import unescape

    depth = len(lines[at]) - len(lines[at].lstrip())
    names: list[str] = []
    for j in range(at - 1, max(at - _JUNIT_SUITE_SPAN, -1), -1):
        if depth == 0:
            break
        line = lines[j]
        if "<testsuite" not in line:
            continue
        if "<testsuites" in line:
            break  # the report's root
        if not (m := _JUNIT_SUITE.match(line)):
            continue
        if len(m["indent"]) < depth:
            depth = len(m["indent"])
            names.append(unescape(m["name"]))
    return names[::-1]


# --- jest --json, vitest --reporter=json ----------------------------------------------------

def _json_report(out: Output) -> Iterator[ErrorEvent]:
    """jest's `--json` and vitest's JSON reporter (the same shape): `testResults[]`, one per
    file (`name`, `status`, `message`), each with `assertionResults[]` (`ancestorTitles`,
    `title`, `status`, `failureMessages` whose first is the error and its stack). The whole
    report is one line: it is read from the text, not from the (cut) lines. Which runner
    wrote it is the command's, else the report's own say (only jest's counts runtime errors),
    not that of a summary printed before it (another run's)."""
    for at in out.find('"numTotalTests":'):
        line = out.lines[at]
        if line.startswith("{"):
            runner = out.tool if out.tool in ("jest", "vitest") else (
                "jest" if '"numRuntimeErrorTestSuites":' in line else "vitest")
            yield from _json_results(out, runner, at, line)


def _json_results(out: Output, tool: str, at: int, line: str) -> Iterator[ErrorEvent]:
    text = line
    if len(line) >= MAX_LINE:  # cut: the object is read from the whole text
        text = out.text[max(out.text.find(line[:200]), 0):]
    try:
        report, _ = json.JSONDecoder().raw_decode(text)
    except ValueError:
        return
    if not isinstance(report, dict):
        return
    joiner = " › " if tool == "jest" else " > "
    for result in report.get("testResults") or ():
        if not isinstance(result, dict):
            continue
        path = str(result.get("name") or "")
        failed = [a for a in result.get("assertionResults") or ()
                  if isinstance(a, dict) and a.get("status") == "failed"]
        for test in failed:
            title = joiner.join([*map(str, test.get("ancestorTitles") or ()), str(test.get("title"))])
            stack = "\n".join(map(str, test.get("failureMessages") or ())).splitlines()
            location = user_frame(stack, 1, len(stack)) or (Location(path) if path else None)
            message = next((line.strip() for line in stack if line.strip()), title)
            yield ErrorEvent(Category.TEST, Severity.HIGH, tool, message, subject=title,
                             location=location, rank=Rank.ERROR, line_index=at,
                             details={"test": title})
        if not failed and result.get("status") == "failed" and result.get("message"):
            # the file did not run (a load error): its message is the runner's report
            lines = str(result["message"]).splitlines()
            message = next((line.strip() for line in lines if line.strip() and "●" not in line), path)
            yield ErrorEvent(Category.TEST, Severity.HIGH, tool, message, subject=path or None,
                             location=user_frame(lines, 0, len(lines)) or (Location(path) if path else None),
                             rank=Rank.ERROR, line_index=at)


# --- mocha ------------------------------------------------------------------------------

_MOCHA_FAILING = lazy_re(r"^  \d+ failing$")
_MOCHA_HEADER = lazy_re(r"^  (?P<n>\d+)\) (?P<title>.+)$")
_MOCHA_TIMEOUT_FILE = lazy_re(r"\((?P<path>/[^()]+)\)$")


_MOCHA_TAP_NOT_OK = lazy_re(r"^not ok \d+ (?:- )?(?P<title>.+?)(?: # .*)?$")
_MOCHA_TAP_FAIL = lazy_re(r"^# fail [1-9]")


#: mocha's config loader (`.mocharc.json`/`.yml`/`.js`, package.json's "mocha"): the file that
#: did not load and why, `Error: Unable to read/parse /app/.mocharc.json: SyntaxError: ...`
_MOCHA_RC = "\nError: Unable to read/parse "
_MOCHA_RC_LINE = lazy_re(r"^Error: Unable to read/parse (?P<path>\S+?): (?P<cause>(?:[A-Z]\w*)?(?:Error|Exception))?(?::? ?)(?P<msg>.*)$")
_RC_POSITION = lazy_re(r"\((?:line )?(?P<line>\d+)(?::| column )(?P<col>\d+)\)")


def _mocha_config(out: Output) -> Iterator[ErrorEvent]:
    """The run stopped before any test: mocha could not read its own config file. A parser's
    complaint (JSON, YAML, a .js config's SyntaxError) is the file's syntax; anything else (the
    file unreadable, a .js config that throws) is the set-up, named by the file."""
    for i in out.find(_MOCHA_RC):
        if m := _MOCHA_RC_LINE.match(out.lines[i]):
            cause = m["cause"] or ""
            p = _RC_POSITION.search(m["msg"])
            location = Location(m["path"], int(p["line"]) if p else None)
            if cause in ("SyntaxError", "YAMLException"):
                yield ErrorEvent(Category.SYNTAX, Severity.HIGH, "mocha", out.lines[i].strip(),
                                 location=location, rank=Rank.ROOT, line_index=i)
            else:
                yield ErrorEvent(Category.CONFIGURATION, Severity.HIGH, "mocha", out.lines[i].strip(),
                                 subject=m["path"].rsplit("/", 1)[-1], location=location,
                                 rank=Rank.ROOT, line_index=i)


#: mocha's CLI given a reporter or interface it cannot load (`--reporter specc`, `--ui tdd2`):
#: `✖ ERROR: TypeError: Could not load reporter "specc":` (mocha 10-11, the require error below)
_MOCHA_PLUGIN_WORDS = ('Could not load reporter "', 'Could not load ui "')
_MOCHA_PLUGIN = lazy_re(r'Could not load (?:reporter|ui) "(?P<name>[^"]+)"')


def _mocha_plugin(out: Output) -> Iterator[ErrorEvent]:
    """The run stopped before any test on a `--reporter` / `--ui` that does not load: a value
    mocha refuses for one of its own options, so the option as the command line typed it
    (`--reporter`, `-R`, `--ui`), else (a `.mocharc` setting) the value as printed. A plugin
    that exists but fails loading (its own missing module) names a module other than the
    plugin in the `Cannot find module` below: that module is the cause, read as such."""
    for word in _MOCHA_PLUGIN_WORDS:
        for i in out.find(word):
            if not (m := _MOCHA_PLUGIN.search(out.lines[i])):
                continue
            name = m["name"]
            missing = _MISSING_MODULE.search(out.line(i + 2))
            if missing and missing["name"] != name and not missing["name"].endswith("/" + name):
                continue  # the plugin was found; the module it requires is missing
            yield ErrorEvent(Category.CONFIGURATION, Severity.HIGH, "mocha", out.lines[i].strip(),
                             subject=option_for(out.command or "", name) or name, rank=Rank.ROOT,
                             line_index=i)
            return


#: mocha stopped loading a spec on an error it threw (SyntaxErrors and missing modules are
#: read by load_errors)
_MOCHA_EXCEPTION = lazy_re(r"^Exception during run: (?P<type>(?:[A-Z]\w*)?Error)(?: \[(?P<code>\w+)\])?: (?P<msg>.*)$")
#: the globals of mocha's interfaces (bdd, tdd, qunit, exports): one undefined in a spec means
#: the spec is written for another interface than the run's `--ui`
_MOCHA_UI_GLOBALS = frozenset({"describe", "context", "it", "specify", "before", "after", "beforeEach",
                               "afterEach", "suite", "test", "setup", "teardown", "suiteSetup",
                               "suiteTeardown"})


def _mocha_load_exception(out: Output) -> Iterator[ErrorEvent]:
    for i in out.find("Exception during run: "):
        m = _MOCHA_EXCEPTION.match(out.lines[i].strip())
        if m is None or m["type"] == "SyntaxError" or m["code"] or "Cannot find " in m["msg"]:
            continue  # node's coded errors (ERR_REQUIRE_ESM, ...) are the set-up's, read elsewhere
        where = user_frame(out.lines, i + 1, i + 30)
        name = m["msg"].removesuffix(" is not defined")
        if ".only" in m["msg"] and (opt := _ONLY_OPTION.search(m["msg"])):
            # mocha 11 throws its `.only` refusal as it loads the spec (`Error: \`.only\`
            # forbidden by --forbid-only`, code ERR_MOCHA_FORBIDDEN_EXCLUSIVITY): read as the
            # refusal of a focused test in a run (_test_event), the option
            yield ErrorEvent(Category.CONFIGURATION, Severity.HIGH, "mocha", out.lines[i].strip(),
                             subject=opt[0], location=where, rank=Rank.ROOT, line_index=i)
        elif m["type"] == "ReferenceError" and name in _MOCHA_UI_GLOBALS:
            words = (out.command or "").split()
            typed = "--ui" if "--ui" in words or any(w.startswith("--ui=") for w in words) else \
                "-u" if "-u" in words else "ui"  # else the `ui` setting of a .mocharc
            yield ErrorEvent(Category.CONFIGURATION, Severity.HIGH, "mocha", out.lines[i].strip(),
                             subject=typed, location=where, rank=Rank.ROOT, line_index=i)
        else:  # the spec (or the code it loads) threw as mocha loaded it, as jest's suite failing to run
            yield ErrorEvent(Category.TEST, Severity.HIGH, "mocha", out.lines[i].strip(),
                             subject=where.path if where else None, location=where,
                             rank=Rank.ERROR, line_index=i)


def _mocha(out: Output) -> Iterator[ErrorEvent]:
    yield from _mocha_config(out)
    yield from _mocha_plugin(out)
    yield from _mocha_load_exception(out)
    start = next((i for i in out.find(" failing") if _MOCHA_FAILING.match(out.lines[i])), None)
    if start is None:
        if out.has('"fullTitle": '):
            yield from _mocha_json(out)
        else:
            yield from _mocha_tap(out)
        return
    for i in _mocha_headers(out, start):
        if m := _MOCHA_HEADER.match(out.lines[i]):
            yield from _mocha_failure(out, i, m["title"])
    yield _summary(out, "mocha", start)


def _mocha_headers(out: Output, start: int) -> Iterator[int]:
    """The lines below `  N failing` that open failures 1 to N (`  1) suite`), found in order
    in the text: a literal as common as `) ` would cost every output its place in the index."""
    text, pos, line = out.text, 0, 0
    for number in range(1, int(out.lines[start].split()[0]) + 1):
        needle = f"\n  {number}) "
        while (found := text.find(needle, pos)) != -1:
            line += text.count("\n", pos, found) + 1
            pos = found + 1
            if line > start:
                yield line
                break
        else:
            return


def _mocha_failure(out: Output, i: int, first: str) -> Iterator[ErrorEvent]:
    """`  1) suite` then deeper-indented title parts, the last ending with `:`."""
    parts, j = [first], i
    while not parts[-1].endswith(":"):
        j += 1
        nxt = out.line(j)
        if not nxt.startswith("    ") or j - i > 20:
            return
        parts.append(nxt.strip())
    title = " ".join(parts)[:-1]
    end = min(j + LOOKAHEAD, len(out.lines))
    for k in range(j + 1, end):
        if _MOCHA_HEADER.match(out.lines[k]):
            end = k
            break
    location = user_frame(out.lines, j + 1, end)
    if location is None:
        message = next((out.lines[k] for k in range(j + 1, end) if out.lines[k].strip()), "")
        if t := _MOCHA_TIMEOUT_FILE.search(message):  # `Error: Timeout of 2000ms … (file)`
            location = Location(t["path"])
    yield _test_event(out, "mocha", i, title, range(j + 1, end), location)


_JSON_FIELD = lazy_re(r'^\s*"(?P<key>fullTitle|file|stack|message)": (?P<value>".*")')


def _mocha_json(out: Output) -> Iterator[ErrorEvent]:
    """`--reporter json`: a pretty-printed object whose `"failures": [...]` lists each failed
    test's `fullTitle`, `file` and `err` (`stack` a JSON string with the frames)."""
    start = next((i for i in out.find('"failures": [') if out.lines[i].strip() == '"failures": ['), None)
    if start is None:
        return
    for i in out.find('"fullTitle": ', start):
        if out.lines[i].strip() == '"passes": [':
            break
        if not (m := _JSON_FIELD.match(out.lines[i])):
            continue
        fields: dict[str, str] = {"fullTitle": _json_string(m["value"])}
        for j in range(i + 1, min(i + 30, len(out.lines))):
            if '"fullTitle": ' in out.lines[j]:
                break
            if (f := _JSON_FIELD.match(out.lines[j])) and f["key"] not in fields:
                fields[f["key"]] = _json_string(f["value"])
        stack = fields.get("stack", "").splitlines()
        location = user_frame(stack, 1, len(stack))
        if location is None and fields.get("file"):
            location = Location(fields["file"])
        message = (stack[0] if stack else fields.get("message", "")).strip() or out.lines[i].strip()
        yield ErrorEvent(Category.TEST, Severity.HIGH, "mocha", message,
                         subject=fields["fullTitle"], location=location, rank=Rank.ERROR,
                         line_index=i, details={"test": fields["fullTitle"]})


def _json_string(value: str) -> str:
    try:
        decoded = json.loads(value.rstrip(","))
    except ValueError:
        return value.strip('",')
    return decoded if isinstance(decoded, str) else value


def _mocha_tap(out: Output) -> Iterator[ErrorEvent]:
    """`--reporter tap`: `not ok 2 Suite test` (the full title), then the error and its stack
    indented by two spaces, closed by `# fail N`."""
    for i in out.find("not ok "):
        if m := _MOCHA_TAP_NOT_OK.match(out.lines[i]):
            end = i + 1
            while end < min(i + LOOKAHEAD, len(out.lines)) and (
                    out.lines[end].startswith(" ") or not out.lines[end].strip()):
                end += 1
            yield _test_event(out, "mocha", i, m["title"], range(i + 1, end),
                              user_frame(out.lines, i + 1, end))
    for i in out.find("# fail "):
        if _MOCHA_TAP_FAIL.match(out.lines[i]):
            yield _summary(out, "mocha", i)


# --- node --test ------------------------------------------------------------------------

_TAP_NOT_OK = lazy_re(r"^(?P<indent> *)not ok \d+ - (?P<name>.+?)(?: # .*)?$")
_TAP_SUBTEST = lazy_re(r"^(?P<indent> *)# Subtest: (?P<name>.+)$")
_TAP_FIELD = lazy_re(r"^ *(?P<key>\w+): (?P<value>.*)$")
_SPEC_FAIL = lazy_re(r"^(?P<indent> *)✖ (?P<name>.+?) \(\d[\d.]*m?s\)$")
_SPEC_SUITE = lazy_re(r"^(?P<indent> *)▶ (?P<name>.+)$")
_NODE_AFTER_END = lazy_re(r'^(?:# |ℹ )?\s*Error: Test "(?P<name>.+?)" at (?P<path>\S+?):(?P<line>\d+):(?P<col>\d+) '
                          r"generated asynchronous activity after the test ended")
_NODE_SUMMARY = lazy_re(r"^(?:#|ℹ) (?:fail|cancelled) [1-9]")


def _node_test(out: Output) -> Iterator[ErrorEvent]:
    for i in out.find("not ok "):
        if m := _TAP_NOT_OK.match(out.lines[i]):
            if event := _tap_failure(out, i, m["name"], len(m["indent"])):
                yield event
    recap = next(out.find("✖ failing tests:"), len(out.lines))
    for i in out.find("✖ "):
        if i < recap and (m := _SPEC_FAIL.match(out.lines[i])):
            if event := _spec_failure(out, i, m["name"], len(m["indent"])):
                yield event
    for i in out.find(" generated asynchronous activity after the test ended"):
        # the test passed, then its promise rejected or it threw: node:test blames the test
        # (by name and declaration place) and fails its file; `# ` in TAP, `ℹ ` in spec
        if m := _NODE_AFTER_END.match(out.lines[i]):
            yield ErrorEvent(Category.TEST, Severity.HIGH, "node:test",
                             out.lines[i].lstrip("#ℹ ").strip(), subject=m["name"],
                             location=Location(m["path"], int(m["line"]), int(m["col"])),
                             rank=Rank.ERROR, line_index=i, details={"test": m["name"]})
    for i in out.find(" fail "):
        if _NODE_SUMMARY.match(out.lines[i]):
            yield _summary(out, "node:test", i)
    for i in out.find(" cancelled "):
        if _NODE_SUMMARY.match(out.lines[i]):
            yield _summary(out, "node:test", i)


def _ancestors(out: Output, i: int, indent: int, pattern: re.Pattern[str]) -> list[str]:
    """Names of the enclosing tests: the nearest header above at each smaller indent."""
    names: list[str] = []
    for j in range(i - 1, max(i - 1000, -1), -1):
        if indent == 0:
            break
        if pattern is _TAP_SUBTEST and "# Subtest: " not in out.lines[j]:
            continue
        if (m := pattern.match(out.lines[j])) and len(m["indent"]) < indent:
            names.append(m["name"])
            indent = len(m["indent"])
    return names[::-1]


def _tap_failure(out: Output, i: int, name: str, indent: int) -> ErrorEvent | None:
    fields: dict[str, tuple[str, int]] = {}  # YAML key -> (value, line index)
    for j in range(i + 1, min(i + LOOKAHEAD, len(out.lines))):
        line = out.lines[j]
        if line.strip() == "...":
            break
        if (f := _TAP_FIELD.match(line)) and f["key"] not in fields:
            fields[f["key"]] = (f["value"].strip("'\""), j)
    failure = fields.get("failureType", ("", i))[0]
    if failure == "subtestsFailed":
        return None  # its failing subtests are reported themselves
    title = " ".join([*_ancestors(out, i, indent, _TAP_SUBTEST), name])
    error, at = fields.get("error", ("", i))
    if error in ("|-", "|", ">-"):  # a block scalar: the text starts on the next line
        error = out.line(at + 1).strip()
    message = ": ".join(p for p in (fields.get("name", ("", i))[0], error) if p)
    stack = fields.get("stack", ("", -LOOKAHEAD))[1]
    location = user_frame(out.lines, stack + 1, stack + 20)
    if location is None and "location" in fields:
        if f := _FRAME.match(fields["location"][0]):
            location = Location(f["path"], int(f["line"]), int(f["col"]))
    return ErrorEvent(Category.TEST, Severity.MEDIUM if "Timeout" in failure else Severity.HIGH,
                      "node:test", message or out.lines[i].strip(), subject=title,
                      location=location, rank=Rank.ERROR, line_index=i, details={"test": title})


def _spec_failure(out: Output, i: int, name: str, indent: int) -> ErrorEvent | None:
    body = out.line(i + 1)
    if len(body) - len(body.lstrip()) <= indent or not body.strip():
        return None  # a suite whose subtests failed: no error of its own
    end = min(i + LOOKAHEAD, len(out.lines))
    title = " ".join([*_ancestors(out, i, indent, _SPEC_SUITE), name])
    return _test_event(out, "node:test", i, title, range(i + 1, end),
                       user_frame(out.lines, i + 1, end))
