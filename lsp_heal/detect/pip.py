"""pip, uv and poetry: Python's package installers.

All three fail for the same few reasons (a requirement no index can satisfy, a conflict, a
wheel that will not build, an unreachable index, an interpreter that does not fit), each in
its own words: pip writes `ERROR:` lines and boxed `× ... did not run successfully.` build
reports, uv chains `error:` / `cause:` lines, poetry prints one sentence per error. uv and
poetry both explain a failed resolution with PubGrub's "Because ..." sentences.

Readings decided here: a conflict's subject is the first package the message names (skipping
the project itself and `-r file` entries); a hash mismatch is `dependency` (the pinned
package); an unparsable requirement is `syntax`; PEP 668's refusal is `configuration` with
subject `externally-managed-environment`; anything about the interpreter's version is
`configuration` with subject `python`; a requirement with no hash under `--require-hashes` is
`configuration` (the requirements file lacks it), subject the package; a git source that cannot
be fetched is `dependency` (no such repository), `network` or `permission` by git's own words.
"""

from __future__ import annotations

import os
import re
import shlex
from collections.abc import Iterator

from lsp_heal.detect._options import spelling_used
from lsp_heal.detect._regex import lazy_re
from lsp_heal.detect.output import Output
from lsp_heal.model import Category, ErrorEvent, Location, Rank, Severity

D, C, B, N = Category.DEPENDENCY, Category.CONFIGURATION, Category.BUILD, Category.NETWORK
PYTHON = "python"
PEP668 = "externally-managed-environment"

_NAME = lazy_re(r"[A-Za-z0-9][A-Za-z0-9._-]*")
_URL_HOST = lazy_re(
    r"https?://(?:[^@/\s]+@)?(?P<host>\[[^\]/\s]+\]|[^:/\s'\"`)]+)(?::(?P<port>\d+))?"
)
_HOST_PORT = lazy_re(r"host='(?P<host>[^']+)', port=(?P<port>\d+)")
_RETRYABLE = ("timed out", "Timeout", "timeout", " 429", " 500", " 502", " 503", " 504",
              "too many 5", "(5")
_PUBGRUB_LEAD = lazy_re(
    r"(?:there (?:is|are) no versions? of |no versions of |only |all versions of "
    r"|every version of |you require |your (?:project|workspace) (?:depends on|requires) "
    r"|both )+"
)
_ROOT = lazy_re(r"(?P<root>[A-Za-z0-9][A-Za-z0-9._-]*) depends on (?:both )?")
_PY_VERSION = ("Python version", "requires Python", "depends on Python", "Python requirement")


def _event(category: Category, out: Output, i: int, subject: str | None, *,
           rank: Rank = Rank.ROOT, severity: Severity = Severity.HIGH, tool: str = "pip",
           location: Location | None = None, message: str | None = None) -> ErrorEvent:
    return ErrorEvent(category, severity, tool, (message or out.lines[i]).strip(),
                      subject=subject, location=location, rank=rank, line_index=i)


def option_with_value(command: str | None, value: str, tail: bool = False) -> str | None:
    """The command-line option (`--python`, `--bump`) whose value is `value`, as the command gave
    it (`--opt value` or `--opt=value`): a message that only quotes a rejected value names it.
    With `tail`, the value may be the end of the option's value (a requirement's constraint,
    printed without its name: `--dependency requests@@2` → `@2`)."""
    if not command or not value or value not in command:
        return None
    try:
        words = shlex.split(command)
    except ValueError:
        words = command.split()
    for k, word in enumerate(words):
        if word.startswith("-"):
            opt, eq, given = word.partition("=")
            if not eq and k + 1 < len(words):
                given = words[k + 1]
            if (eq or k + 1 < len(words)) and (given == value or tail and given.endswith(value)):
                return opt if eq else word
    return None


def _name(requirement: str) -> str | None:
    """The project name at the start of a requirement: `reqeusts[socks]>=2` → reqeusts."""
    m = _NAME.match(requirement.strip().strip("'\"`"))
    return m[0] if m else None


def _host(text: str) -> str | None:
    """`host:port` of the first URL or urllib3 pool in `text`, else its host."""
    m = _HOST_PORT.search(text) or _URL_HOST.search(text)
    if not m:
        return None
    return f"{m['host']}:{m['port']}" if m["port"] else m["host"]


def _network_severity(text: str) -> Severity:
    return Severity.MEDIUM if any(s in text for s in _RETRYABLE) else Severity.HIGH


def pubgrub_subject(sentence: str) -> tuple[Category, str | None]:
    """Read a PubGrub "Because ..." sentence (uv, poetry): the interpreter, or the first
    package named other than the project itself."""
    head = sentence.split(", we can conclude", 1)[0].split(", version solving", 1)[0]
    if "Python" in head and any(s in head for s in _PY_VERSION):
        return C, PYTHON
    rest = _PUBGRUB_LEAD.sub("", sentence.split("Because ", 1)[-1], count=1)
    root = _ROOT.match(rest)
    if root:  # poetry names the project bare (`demo depends on`), packages with a version
        rest = _PUBGRUB_LEAD.sub("", rest[root.end():], count=1)
    return D, _name(rest)


def _pyproject_invalid(out: Output) -> Iterator[ErrorEvent]:
    """A build backend's validation of pyproject.toml, printed inside any installer's report."""
    tool = out.tool if out.tool in ("uv", "poetry") else "pip"
    for i in out.find("configuration error: "):
        if not (m := _PYPROJECT_INVALID.search(out.lines[i])):
            # validate-pyproject's other rules name the key in backticks inside the sentence:
            # `You cannot provide a value for `project.version` and list it under `project.dynamic``
            if k := _PYPROJECT_KEY.search(out.lines[i]):
                yield _event(C, out, i, k["key"], tool=tool)
            continue
        if m:
            field = m["field"]
            if "pep508" in m["rule"] and "identifier" not in m["rule"]:  # a requirement / specifier that does not parse
                yield _event(Category.SYNTAX, out, i, None, tool=tool)
            elif k := _SCHEMA_KEY.search(m["rule"]):  # `project` must contain ['version'] properties
                field = field.split("[", 1)[0]
                yield _event(C, out, i, k["key"] if field == "data" else f"{field}.{k['key']}", tool=tool)
            else:
                yield _event(C, out, i, field.split("[", 1)[0], tool=tool)
    for i in out.find(" setup command: "):  # setuptools checks setup()'s keywords before building
        if m := _SETUP_COMMAND.match(out.lines[i]):
            if "specifiers" in m["rest"]:  # install_requires / python_requires that do not parse
                yield _event(Category.SYNTAX, out, i, None, tool=tool)
            else:
                yield _event(C, out, i, m["kw"], tool=tool)


# --- pip ----------------------------------------------------------------------------------

_PIP_NOT_FOUND = lazy_re(
    r"ERROR: Could not find a version that satisfies the requirement (?P<req>\S+)"
)
_PIP_BAD_INDEX = lazy_re(r'The index url "(?P<url>[^"]+)" seems invalid')
_PIP_NO_MATCH = lazy_re(r"ERROR: No matching distribution found for (?P<req>\S+)")
_PIP_CANNOT = lazy_re(r"ERROR: Cannot install (?P<what>.+?) because these package versions")
_PIP_FROM_LINE = lazy_re(r"\(from line (?P<line>\d+) of (?P<path>.+?)\)\s*$")
_PIP_COMBINE = lazy_re(r"Can not combine '(?P<option>-[^']+)' and '")
_PIP_SUBPROCESS = lazy_re(r"× (?P<step>.+?) did not run successfully\.")
_PIP_FOR = lazy_re(r" for (?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)")
_PIP_SOURCE = lazy_re(r"^\s*(?:Processing|Collecting|Obtaining) (?P<what>\S+)")
_PIP_WHEEL_SUMMARY = lazy_re(
    r"ERROR: (?:Failed building wheel for|Could not build wheels for) (?P<name>[A-Za-z0-9._-]+)"
)
_PIP_HAVE = lazy_re(
    r"^(?P<owner>\S+) \S+ (?:has requirement|requires) (?P<req>\S+?),? "
    r"(?:but you have (?P<have>[A-Za-z0-9._-]+) |which is not installed)"
)
_PIP_OSERROR = lazy_re(r"\[Errno (?:1|13|30)\] [^:]+: '(?P<path>[^']+)'")
_PIP_NO_ADAPTER = lazy_re(r"No connection adapters were found for '(?P<url>[^']+)'")
#: pip's note of where a requirement came from, on its `Collecting x` line
_PIP_FROM_R = lazy_re(r"\(from -[rc] (?P<path>.+?) \(line (?P<line>\d+)\)\)")
_PIP_MISSING_PATH = lazy_re(r"\[Errno 2\] No such file or directory: '(?P<path>[^']+)'")
_PY_SYNTAX = ("SyntaxError: ", "IndentationError: ", "TabError: ")
#: the last words of a build script that imports what its build environment lacks (pip's box
#: indents them, poetry draws `|` down the left)
_BUILD_NO_MODULE = lazy_re(
    r"^[\s|╰─>]*(?:[\w.]+\.)?(?:ModuleNotFoundError|ImportError): No module named '?(?P<mod>[\w.]+)'?"
)
_BUILD_TAIL = 80  # how far below a failed build its backend's traceback is looked for
#: pip refuses a wheel whose tags do not fit the interpreter or the platform
_PIP_BAD_WHEEL = lazy_re(r"^ERROR: (?P<wheel>\S+\.whl) is not a supported wheel on this platform")
_PY_FRAME = lazy_re(r'[\s|]*File "(?P<path>[^"]+)", line (?P<line>\d+)(?:, in \S+)?$')
#: `ERROR: HTTP error 404 while getting <url>` (pip's prepare step, for a URL requirement)
_PIP_HTTP_ERROR = lazy_re(r"ERROR: HTTP error (?P<status>\d{3}) while getting (?P<url>\S+)")
#: gcc / clang inside a build's output (pip indents it, poetry draws `|` down the left)
#: the compiler driver's own error for a source file it was given and cannot open (`ext_modules`
#: naming a file that is not there): `cc1: fatal error: src/x.c: No such file or directory`
_CC_NO_INPUT = lazy_re(r"^[\s|]*(?:cc1\w*|gcc|g\+\+|cc|c\+\+|clang\+*): (?:fatal )?error: "
                       r"(?P<path>[^\s:|]+\.(?:c|cc|cpp|cxx|pyx|f90|f)): No such file or directory")
_CC_ERROR = lazy_re(r"^[\s|]*(?P<path>[^\s:|]+\.(?:c|cc|cpp|cxx|h|hh|hpp|pyx|f90|f)):(?P<line>\d+):"
                    r"(?:(?P<col>\d+):)? (?:fatal )?error: ")
_PIP_REQ_FILE = lazy_re(r"No such file or directory: '(?P<path>[^']+)'")
_PIP_WRONG_PYTHON = lazy_re(r"ERROR: Package '(?P<name>[^']+)' requires a different Python")
_PIP_INVALID = lazy_re(r"ERROR: Invalid requirement: ")
_PIP_TOML_ERROR = lazy_re(r"^(?:[\w.]+\.)?TOMLDecodeError: .*?"
                             r"(?:\(at line (?P<line>\d+), column (?P<col>\d+)\))?$")
#: an external program pip needs for a VCS requirement: `Cannot find command 'git' - do you ...`
_PIP_NO_COMMAND = lazy_re(r"ERROR: Cannot find command '(?P<cmd>[^']+)'")
#: an index page pip could not read: `Could not fetch URL <url>: <reason> - skipping`
_PIP_FETCH = lazy_re(r"Could not fetch URL (?P<url>\S+?):? (?P<reason>.+?)(?: - skipping)?$")
#: `--proxy URL` / `--index-url URL` / `-i URL` on the command line
_PIP_URL_OPTION = lazy_re(r"(?:^|\s)(?P<opt>--proxy|--index-url|-i)(?:=|\s+)['\"]?(?P<url>\S+?)['\"]?(?:\s|$)")
#: a local path that is not a project, or not there: the project file or the path is the fix
_PIP_BAD_EDITABLE = lazy_re(r"^ERROR: (?P<path>\S+) is not a valid editable requirement")
_PIP_PATH_HINT = lazy_re(r"It looks like a path\. File '(?P<path>[^']+)' does not exist")
#: pip's `WARNING: Package(s) not found: x, y`, uv's `warning: Package(s) not found for: x`
_PIP_IGNORED_LOCATION = lazy_re(r"^WARNING: Location '(?P<path>[^']+)' is ignored: ")
_PIP_NOT_INSTALLED = lazy_re(r"^(?:WARNING|warning): Package\(s\) not found(?: for)?: (?P<names>.+)$")
#: the command line itself: optparse's `no such option: --x`, pip's `unknown command "x"`
_PIP_BAD_OPTION = lazy_re(r"^(?:ERROR: |pip\S*: error: )?no such option: (?P<option>-\S+)\s*$")
_PIP_INVALID_WHEEL = lazy_re(r"^ERROR: Wheel '[^']+' located at (?P<path>.+?) is invalid\.")
#: configparser's words under pip's `Configuration file could not be loaded.`
_PIP_CONFIG_AT = lazy_re(r"^file: '(?P<path>[^']+)', line: (?P<line>\d+)")
_PIP_USAGE_OPTION = lazy_re(r"(?<![\w-])(?P<option>--[a-z][\w-]*)")
#: optparse's other refusals: `option --x: invalid choice: 'v' (choose from ...)`, `option -t:
#: invalid integer value: 'v'`, `--x option requires 1 argument`
_PIP_BAD_VALUE = lazy_re(r"^(?:ERROR: |pip\S*: error: )?(?:option (?P<a>-[^\s:]+): invalid "
                         r"|(?P<b>-\S+) option requires \d+ argument)")
#: the option pip says to add or set: `... via '--target' or ...`, `either --no-deps must be set`
_PIP_OPTION_NAMED = lazy_re(r"(?:via|either) '?(?P<opt>--[a-z][\w-]*(?:=\S+?)?)'?[\s,.]")
#: `--require-hashes` refusals (pip's HashError heads: a requirement with no hash, one not pinned
#: with ==): pip lists them below, indented, the requirement first (`six==1 --hash=...`,
#: `six>=1.15 from https://... (from -r requirements.txt (line 1))`)
_PIP_HASH_LINE = lazy_re(r"^\s+(?P<req>[A-Za-z0-9][^\s;]*)(?:\s|$)")
_PIP_WHEEL_NAME = lazy_re(r"^ERROR: Invalid wheel filename \([^)]*\): '(?P<a>[^']+)'"
                          r"|^ERROR: (?P<b>\S+) is not a valid wheel filename")
_PIP_BAD_COMMAND = lazy_re(r'^ERROR: unknown command "(?P<command>[^"]+)"')
#: validate-pyproject (setuptools, used through any front end): a pyproject.toml field that
#: breaks the schema. A requirement that is not PEP 508 is an unparsable requirement.
_PYPROJECT_INVALID = lazy_re(r"configuration error: `(?P<field>[\w.\[\]-]+)` must (?P<rule>.+)$")
#: the first table key (`project.x`, `tool.x.y`) a validation sentence names
_PYPROJECT_KEY = lazy_re(r"configuration error: [^`]*`(?P<key>(?:project|tool|build-system)(?:\.[\w-]+)*)`")
_SCHEMA_KEY = lazy_re(r"contain [\[{]'(?P<key>[^']+)'")
#: setuptools' check of setup()'s keywords: `error in demo setup command: 'install_requires' must be ...`
_SETUP_COMMAND = lazy_re(r"^[\s|]*error in \S+ setup command: '?(?P<kw>\w+)'? ?(?P<rest>.*)$")
#: pip >= 25 names a build backend that does not import: `× Cannot import build backend 'x.y'.`
_PIP_BACKEND = lazy_re(r"Cannot import build backend '(?P<backend>[^']+)'")
#: the last words of a Python traceback: `tarfile.ReadError: not a gzip file`
_PY_EXC_LINE = lazy_re(r"^(?P<exc>[A-Za-z_][\w.]*[A-Z][\w]*)(?:: |$)")
_PIP_TARGET_OPTION = lazy_re(r"(?:^|\s)(?:--target|-t)(?:=|\s+)['\"]?(?P<path>[^\s'\"]+)")
_PIP_CONFIG_SUGGEST = lazy_re(r"use '[^'.]+\.(?P<key>[^']+)' instead")
_PIP_NO_SUCH_KEY = lazy_re(r"^ERROR: No such key - (?P<key>\S+)")


def _pip(out: Output) -> Iterator[ErrorEvent]:
    yield from _pip_not_found(out)
    yield from _pip_conflicts(out)
    yield from _pip_builds(out)
    yield from _pip_network(out)
    yield from _pip_environment(out)
    yield from _pip_crash(out)
    yield from _pip_missing_installed(out)


#: a specifier clause with an operator and no version (`flask>=3.0,<`, `requests>=`): old pip
#: reads it loosely and reports "not found" for a requirement that is malformed
_EMPTY_CLAUSE = lazy_re(r"(?:~=|===?|!=|<=|>=|<|>)\s*(?:,|$)")


def _pip_not_found(out: Output) -> Iterator[ErrorEvent]:
    network_failed = out.has("after connection broken by") or any(
        _fetch_failed(out.lines[i]) for i in out.find("Could not fetch URL "))
    ignored = [out.lines[i] for i in out.find("that require a different python version")]
    not_found = list(out.find("Could not find a version that satisfies the requirement"))
    # an index URL pip cannot use (`-i host/simple`, PIP_INDEX_URL without a scheme) makes
    # every package "not found": only looked for when something was not found
    for i in (out.find("seems invalid, please provide a scheme") if not_found else ()):
        if m := _PIP_BAD_INDEX.search(out.lines[i]):
            network_failed = True  # what is "not found" there is the index, not the package
            yield _event(C, out, i, m["url"])
    for i in not_found:
        if m := _PIP_NOT_FOUND.search(out.lines[i]):
            req = m["req"]
            pin = req.partition("==")[2]
            if _EMPTY_CLAUSE.search(req.strip("'\"`")):
                yield _event(Category.SYNTAX, out, i, None)
            elif pin and any(f" {pin} Requires-Python" in line for line in ignored):
                yield _event(C, out, i, PYTHON)
            else:  # after a failed connection, "not found" is the consequence, not the cause
                yield _event(D, out, i, _name(req),
                             rank=Rank.SUMMARY if network_failed else Rank.ROOT)
    for i in out.find("No matching distribution found for"):
        if m := _PIP_NO_MATCH.search(out.lines[i]):
            if _EMPTY_CLAUSE.search(m["req"]):
                yield _event(Category.SYNTAX, out, i, None, rank=Rank.SUMMARY)
            else:
                yield _event(D, out, i, _name(m["req"]), rank=Rank.SUMMARY)


def _pip_conflicts(out: Output) -> Iterator[ErrorEvent]:
    for i in out.find("ERROR: Cannot install "):
        if m := _PIP_CANNOT.search(out.lines[i]):
            parts = re.split(r", | and ", m["what"])
            # a package named by name first (the one the user pinned); a requirement named by
            # its place in a file only when pip names nothing else
            names = (_conflict_part(out, i, p) for p in sorted(parts, key=lambda p: p.lstrip().startswith("-")))
            yield _event(D, out, i, next((n for n in names if n), None))
    for i in out.find("DO NOT MATCH THE HASHES"):
        yield _event(D, out, i, _name(out.line(i + 1)))
    for needle in ("but you have ", "which is not installed"):
        for i in out.find(needle):
            if m := _PIP_HAVE.match(out.lines[i]):
                yield _event(D, out, i, m["have"] or _name(m["req"]), rank=Rank.ERROR)


#: a requirement pip names by where it came from: `-r requirements.txt (line 1)`
_PIP_R_LINE = lazy_re(r"^-[rc] (?P<path>.+?) \(line (?P<line>\d+)\)$")


def _conflict_part(out: Output, i: int, part: str) -> str | None:
    """One requirement of `Cannot install A, B and C`, as a project name. pip names a
    requirement it read from a file by its place (`-r requirements.txt (line 1)`): its
    `Collecting name (from -r requirements.txt (line 1))` line above says which package that is
    (walked back in the lines above only: conflicts are rare, a literal would cost every output);
    a local folder (`./pkg`) is its folder's name."""
    part = part.strip()
    if part.startswith("-"):
        if not _PIP_R_LINE.match(part):
            return None
        tag = f"(from {part})"
        lines = out.lines
        for j in range(i - 1, -1, -1):
            if lines[j].endswith(tag) and (src := _PIP_SOURCE.match(lines[j])):
                return _name(src["what"])
        return None
    if part.startswith(("./", "../", "/", "file:")):
        return os.path.basename(part.removeprefix("file://").rstrip("/")) or None
    return _name(part)


def _pip_builds(out: Output) -> Iterator[ErrorEvent]:
    for i in out.find("Cannot import build backend '"):  # pip >= 25: `error: backend-unavailable`
        if m := _PIP_BACKEND.search(out.lines[i]):
            cause = _missing_module_between(out, i, min(len(out.lines), i + 6), "pip")
            yield cause or _event(C, out, i, m["backend"])
    for i in out.find("did not run successfully."):
        if m := _PIP_SUBPROCESS.search(out.lines[i]):
            if m["step"].startswith("git ") and (vcs := _vcs_failure(out, i, m["step"])):
                yield vcs  # cloning a VCS requirement: the repository, not a build
                continue
            name = _PIP_FOR.search(m["step"])
            # `installing build dependencies`: a nested pip that printed its own errors
            # (a build requirement not found, a conflict) inside the box: those are the cause.
            cause = (_box_syntax_error(out, i) or _box_missing_module(out, i) or _box_setup_config(out, i)
                     or _box_config_table(out, i))
            # pip <= 23 says `installing build dependencies`, pip 24+ `pip subprocess to install
            # build dependencies`: a nested pip whose own errors (read above) are the cause
            rank = Rank.SUMMARY if ("install build dep" in m["step"] or "installing build dep" in m["step"]
                                    or cause
                                    or _invalid_pyproject_below(out, i)) else Rank.ROOT
            if cause:
                yield cause
            location = None if cause else _compiler_location(out, i, _pip_local_source(out, i))
            yield _event(B, out, i, name["name"] if name else _pip_source(out, i), rank=rank,
                         location=location)
    for i in out.find("ERROR: F"):
        if m := _PIP_WHEEL_SUMMARY.search(out.lines[i]):
            yield _event(B, out, i, m["name"], rank=Rank.SUMMARY)
    for i in out.find("ERROR: Could not build wheels for"):
        if m := _PIP_WHEEL_SUMMARY.search(out.lines[i]):
            yield _event(B, out, i, m["name"], rank=Rank.SUMMARY)


_GIT_URL = lazy_re(r"^git (?:clone|fetch)\b.*? (?P<url>(?:git\+)?[a-z][\w+]*://\S+|[\w.-]+@[\w.-]+:\S+)")
_PIP_CLONING = lazy_re(r"^Cloning (?P<url>[a-z][\w+]*://\S+)")
_GIT_HOST = lazy_re(r"Could not resolve host: (?P<host>[^\s']+)")
#: libcurl through git: `Failed to connect to 127.0.0.1 port 9 after 0 ms: Couldn't connect to server`
#: or ssh: `ssh: connect to host example.com port 22: Connection refused`
_GIT_CONNECT = lazy_re(r"(?:Failed to connect to|connect to host) (?P<host>[^\s']+) port (?P<port>\d+)")


def _vcs_failure(out: Output, i: int, step: str) -> ErrorEvent | None:
    """`git clone URL dir did not run successfully`: git's own `fatal:` lines in the box below
    say why; a host that does not resolve is the network, refused credentials a permission,
    anything else (no such repository, branch or tag) the requirement's source."""
    m = _GIT_URL.match(step)
    end = min(len(out.lines), i + 40)
    # pip runs git with its output shown live (`Running command git clone ...`), then boxes a
    # `See above for output.`: git's words are then between that line and the box. A later
    # step (`git checkout -q <ref>` of a branch or tag the repository lacks) names no URL: the
    # clone above it does (`Running command git clone ... URL dir`, `Cloning URL (to revision x)`)
    start = i + 1
    for k in range(i - 1, max(-1, i - 20), -1):
        text = out.lines[k].lstrip()
        if text.startswith("Running command git "):
            start = min(start, k + 1)
            if m is None and (c := _GIT_URL.match(text[16:])):
                m = c
                break
            if m is not None:
                break
        elif m is None and text.startswith("Cloning ") and (c := _PIP_CLONING.match(text)):
            m = c
    if m is None:
        return None
    url = m["url"].removeprefix("git+")
    for j in (*range(start, i), *range(i + 1, end)):
        line = out.lines[j]
        if j > i and ("[end of output]" in line or "See above for output" in line):
            break
        if h := _GIT_HOST.search(line):
            return _event(N, out, j, h["host"], rank=Rank.ROOT)
        if h := _GIT_CONNECT.search(line):
            return _event(N, out, j, f"{h['host']}:{h['port']}", rank=Rank.ROOT)
        if "Authentication failed" in line or "could not read Username" in line:
            return _event(Category.PERMISSION, out, j, url, rank=Rank.ROOT)
    return _event(D, out, i, url, rank=Rank.ROOT)


def _box_syntax_error(out: Output, i: int) -> ErrorEvent | None:
    """A build script that does not parse: the subprocess output pip boxes under line i ends
    with Python's `SyntaxError:` (setup.py, a build hook). That is the cause, not the build."""
    end = next(out.find("[end of output]", i + 1), None)
    if end is None or end - i > 400:
        return None
    for name in _PY_SYNTAX:
        for j in out.find(name, i + 1):
            if j >= end:
                break
            if out.lines[j].lstrip().startswith(name):
                return _event(Category.SYNTAX, out, j, None, location=_frame_above(out, j))
    return None


#: a setup.cfg (or any ini file setuptools reads) that configparser cannot read:
#: `configparser.ParsingError: Source contains parsing errors: 'setup.cfg'` and `[line 10]: '...'`
#: below it, or `configparser.DuplicateOptionError: While reading from 'setup.cfg' [line  5]: ...`
_BOX_INI = lazy_re(r"^[\s|]*configparser\.(?P<exc>\w+Error): .*?'(?P<path>[^']+)'(?:\s*\[line\s+(?P<line>\d+)\])?")
_BOX_INI_LINE = lazy_re(r"^[\s|]*\[line\s+(?P<line>\d+)\]")
#: setuptools refusing the project's layout or package list (its `error: ...` words, as
#: distutils prints a SetupError): the project's configuration decides what to package
_BOX_LAYOUT = lazy_re(
    r"^[\s|]*error: (?:Multiple top-level (?:packages|modules) discovered"
    r"|package directory '(?P<dir>[^']+)' does not exist)"
)


#: hatchling's metadata refusing a file [project] names (`readme = "README.md"`, `license =
#: {file = "LICENSE"}`, `license-files`): `OSError: Readme file does not exist: README.md`
#: and its version source (`[tool.hatch.version] path`): `OSError: Error getting the version from
#: source `regex`: file does not exist: pkg/__about__.py`
_BOX_HATCH_FILE = lazy_re(r"^[\s|]*(?:OSError: )?(?:(?:Readme|License) |.*?: )?file does not exist: (?P<path>\S+)")


def _box_setup_config(out: Output, i: int) -> ErrorEvent | None:
    """The backend's own complaint about the project's setup files in the boxed output under
    line i: setup.cfg that configparser cannot read (syntax, at the line it names, under the
    local project pip was building) or a layout setuptools will not package (configuration)."""
    end = next(out.find("[end of output]", i + 1), None)
    if end is None or end - i > 400:
        return None
    lines = out.lines
    for j in range(end - 1, i, -1):
        line = lines[j]
        if "configparser." in line and (m := _BOX_INI.match(line)):
            num = m["line"] or ((n := _BOX_INI_LINE.match(out.line(j + 1))) and n["line"])
            path = m["path"]
            source = _pip_local_source(out, i)
            if source and source != "." and not path.startswith("/"):
                path = os.path.normpath(os.path.join(source, path))
            return _event(Category.SYNTAX, out, j, None,
                          location=Location(path, int(num)) if num else Location(path))
        if "error: " in line and (m := _BOX_LAYOUT.match(line)):
            return _event(C, out, j, m["dir"])
        if "file does not exist: " in line and (m := _BOX_HATCH_FILE.match(line)):
            return _event(C, out, j, m["path"])
    return _box_config_expansion(out, i, end)


#: setuptools expanding the project's configuration (`dynamic` version / readme / dependencies
#: read from an attribute or a file): its frames are in setuptools/config/
_SETUPTOOLS_CONFIG = "/setuptools/config/"
_NO_ATTRIBUTE = lazy_re(r"^[\s|]*AttributeError: (?:module )?'?(?P<mod>[\w.]+)'? has no attribute '?(?P<attr>\w+)'?")
_NO_FILE = lazy_re(r"^[\s|]*(?:FileNotFoundError|OSError): .*?No such file or directory: '(?P<path>[^']+)'")


def _box_config_expansion(out: Output, i: int, end: int) -> ErrorEvent | None:
    """A traceback in the box that ends in setuptools' reading of the project's configuration
    (`tool.setuptools.dynamic`: `attr = "pkg.__version__"` that the package lacks, `file = ...`
    that is not there): the configuration names what does not exist; that is the fix."""
    lines = out.lines
    last = next((j for j in range(end - 1, i, -1) if lines[j].strip()), None)
    if last is None:
        return None
    frames = range(max(i, last - 6), last)
    line = lines[last]
    if any(_SETUPTOOLS_CONFIG in lines[k] for k in frames):
        if m := _NO_ATTRIBUTE.match(line):
            return _event(C, out, last, f"{m['mod']}.{m['attr']}")
        if m := _NO_FILE.match(line):
            return _event(C, out, last, m["path"])
        return None
    # the project's own setup script (`File "<string>"` / `setup.py`, the innermost frame) opening
    # a file that is not there (`open('README.md')`): a missing path the script names
    if (m := _NO_FILE.match(line)) and any(('File "<string>"' in lines[k] or 'setup.py", line' in lines[k])
                                           for k in range(max(i, last - 3), last)):
        return _event(C, out, last, m["path"])
    return None


def _box_config_table(out: Output, i: int) -> ErrorEvent | None:
    """The backend's output in the box names the pyproject.toml table to fill in."""
    end = next(out.find("[end of output]", i + 1), None)
    if end is None or end - i > 400:
        return None
    return _backend_config_table(out, i, end, "pip")


def _box_missing_module(out: Output, i: int) -> ErrorEvent | None:
    """A build script (setup.py, a build hook, the backend itself) that imports a module its
    build environment does not have: the boxed output under line i ends with
    `ModuleNotFoundError: No module named 'x'`. The missing build requirement is the cause."""
    end = next(out.find("[end of output]", i + 1), None)
    if end is None or end - i > 400:
        return None
    return _missing_module_between(out, i, end, "pip")


def _missing_module_between(out: Output, start: int, end: int, tool: str) -> ErrorEvent | None:
    for j in out.find("No module named", start + 1):
        if j >= end:
            break
        if m := _BUILD_NO_MODULE.match(out.lines[j]):
            location = _frame_above(out, j)
            if location and _is_installed(location.path):
                location = None
            return _event(D, out, j, m["mod"], tool=tool, location=location)
    return None


def _is_installed(path: str) -> bool:
    return "site-packages" in path or "dist-packages" in path or "/pip-build-env-" in path


def _frame_above(out: Output, j: int) -> Location | None:
    """The `File "x", line N` a syntax error points at (None for `<string>`: exec'd code)."""
    for k in range(j - 1, max(-1, j - 6), -1):
        if m := _PY_FRAME.match(out.lines[k]):
            return None if m["path"].startswith("<") else Location(m["path"], int(m["line"]))
    return None


def _pip_source(out: Output, i: int) -> str | None:
    """The package pip was handling at line i: its `Processing`/`Collecting` line above."""
    if m := _source_above(out, i, 200):
        what = m["what"].rstrip("/")
        return os.path.basename(what) if "/" in what else _name(what)
    return None


def _source_above(out: Output, i: int, limit: int) -> re.Match[str] | None:
    """The last `Processing x` / `Collecting x` / `Obtaining x` line in the `limit - 1` lines
    above line i. The three words end in `ing `: that test rules out most lines before the
    regex runs (looking the words up with `find` would teach the index three common words,
    and the first output to ask pays a full scan of its text for each)."""
    lines = out.lines
    for j in range(i - 1, max(-1, i - limit), -1):
        if "ing " in lines[j] and (m := _PIP_SOURCE.match(lines[j])):
            return m
    return None


def _fetch_failed(line: str) -> str | None:
    """The URL of an index page pip could not fetch for a network reason (a 404 is an answer:
    the index has no such project)."""
    m = _PIP_FETCH.search(line)
    return m["url"] if m and not m["reason"].startswith("404 ") else None


def _pip_network(out: Output) -> Iterator[ErrorEvent]:
    for i in out.find("after connection broken by"):
        line = out.lines[i]
        host = _host(line) or _pip_index_host(out, i)
        yield _event(N, out, i, host, severity=_network_severity(line))
    for i in out.find("Could not fetch URL "):
        if url := _fetch_failed(out.lines[i]):
            yield _event(N, out, i, _host(url), severity=_network_severity(out.lines[i]))
    for i in out.find("Could not install packages due to an OSError"):
        line = out.lines[i]
        if "ConnectionPool(" in line:
            yield _event(N, out, i, _host(line), severity=_network_severity(line))
        elif m := _PIP_OSERROR.search(line):
            yield _event(Category.PERMISSION, out, i, m["path"])
        elif m := _PIP_MISSING_PATH.search(line):  # a local file or wheel the user named
            yield _event(C, out, i, m["path"])
        elif m := _PIP_NO_ADAPTER.search(line):  # requests' InvalidSchema: a URL with a scheme
            # no one serves (`htps://`, `ftp://`): the URL the user wrote, where the
            # `Collecting` line above says it came from (`(from -r req.txt (line 2))`)
            src = _source_above(out, i, 20)
            r = src and _PIP_FROM_R.search(src.string)
            yield _event(C, out, i, m["url"], location=Location(r["path"], int(r["line"])) if r else None)


def _pip_index_host(out: Output, i: int) -> str | None:
    """The host a failed connection was for when the line names none: the proxy when it was
    the proxy that failed, else the index (printed when it is not PyPI)."""
    options = {m["opt"]: m["url"] for m in _PIP_URL_OPTION.finditer(out.command or "")}
    if "ProxyError" in out.lines[i] and "--proxy" in options:
        return _host(options["--proxy"])
    for j in out.find("Looking in indexes: "):
        if j < i:
            return _host(out.lines[j])
    url = options.get("--index-url") or options.get("-i")
    if url:
        return _host(url)
    return "pypi.org" if "': /simple/" in out.lines[i] else None


def _pip_crash(out: Output) -> Iterator[ErrorEvent]:
    """`ERROR: Exception:` and pip's own traceback. A TOML error there is the pyproject.toml
    of the source pip was processing (pip reads no other TOML file)."""
    if not out.has("ERROR: Exception:"):
        return
    for i in out.find("TOMLDecodeError: "):
        if m := _PIP_TOML_ERROR.match(out.lines[i]):
            source = _pip_local_source(out, i)
            path = os.path.join(source, "pyproject.toml") if source else "pyproject.toml"
            location = Location(path, int(m["line"]), int(m["col"])) if m["line"] else None
            yield _event(Category.SYNTAX, out, i, None, location=location)
    for i in out.find("BackendUnavailable: "):  # the `build-backend` module does not import
        if cause := _missing_module_between(out, i, min(len(out.lines), i + 40), "pip"):
            yield cause
    for i in out.find("ERROR: Exception:"):  # anything else: the exception pip's traceback ends with
        if j := _traceback_end(out, i):
            exc = _PY_EXC_LINE.match(out.lines[j])["exc"]
            # an OSError naming a file: a path the user gave pip (`pip hash x`, `--log`, `-w dir`)
            if (exc in _PATH_ERRORS) and (m := _ERRNO_PATH.search(out.lines[j])):
                path = _not_a_directory(out, m["path"]) if exc == "NotADirectoryError" else m["path"]
                yield _event(_PATH_ERRORS[exc], out, j, path, rank=Rank.ROOT)
                continue
            yield _event(Category.RUNTIME, out, j, exc, rank=Rank.ERROR)


_PATH_ERRORS = {"FileNotFoundError": C, "NotADirectoryError": C, "IsADirectoryError": C,
                "PermissionError": Category.PERMISSION}
_ERRNO_PATH = lazy_re(r"^\w+: \[Errno \d+\] [^:]+: '(?P<path>[^']+)'")


def _not_a_directory(out: Output, path: str) -> str:
    """ENOTDIR names the file pip wanted to write (`dist/six-1.16.0-....whl`); what is wrong is
    the folder the command gave (`-w dist`, `-d`, `--target`) that is a file: the printed path
    cut after that folder, when the command names one of its folders."""
    parts = path.split("/")
    for word in (out.command or "").split():
        word = word.strip("'\"").rstrip("/").removeprefix("./")
        if not word or word.startswith("-") or "=" in word:
            continue
        n = word.count("/") + 1
        for k in range(1, len(parts) - n):  # the folder must have something below it
            if parts[k:k + n] == word.split("/"):
                return "/".join(parts[:k + n])
    return path


def _traceback_end(out: Output, i: int) -> int | None:
    """The line of the exception a traceback that starts under line i ends with (the last of a
    chain: `During handling of the above exception, ...` continues it)."""
    lines, last = out.lines, None
    for j in range(i + 1, min(len(lines), i + 400)):
        line = lines[j]
        if not line or line[0] == " " or line.startswith(("Traceback", "During handling", "The above")):
            continue
        if _PY_EXC_LINE.match(line):
            last = j
            continue
        break
    return last


def _pip_local_source(out: Output, i: int) -> str | None:
    """The local directory of the last `Processing ./dir` / `Obtaining file://...` above."""
    if m := _source_above(out, i, 400):
        what = m["what"].removeprefix("file://")
        return what.rstrip("/") if "/" in what or what == "." else None
    return None


def _pip_missing_installed(out: Output) -> Iterator[ErrorEvent]:
    """`pip show x`: `WARNING: Package(s) not found: x, y` (exit 1); `uv pip show x` says
    `warning: Package(s) not found for: x` (exit 1). With exit 0 (one of several found) the
    pipeline caps it."""
    for i in out.find("Package(s) not found"):
        if m := _PIP_NOT_INSTALLED.match(out.lines[i]):
            yield _event(D, out, i, _name(m["names"].split(",")[0].strip()),
                         tool="uv" if out.lines[i].startswith("warning") else "pip")


#: pip's own reading of a project's [build-system] table (pip >= 23: `error: missing-pyproject-build-
#: system-requires` / `invalid-pyproject-build-system-requires`): `This package has an invalid
#: `build-system.requires` key in pyproject.toml.`, or `... invalid pyproject.toml file.` and below it
#: `The [build-system] table is missing the mandatory `requires` key.`
_PIP_PYPROJECT_KEY = lazy_re(r"This package has an invalid `(?P<key>[\w.-]+)` key"
                             r"|^\s*The \[(?P<table>[\w.-]+)\] table (?:is missing the mandatory|has an invalid) "
                             r"`(?P<k>[\w-]+)` key")


def _pip_environment(out: Output) -> Iterator[ErrorEvent]:
    for i in out.find("error: externally-managed-environment"):
        yield _event(C, out, i, PEP668)
    for i in out.find("This package has an invalid "):  # a [build-system] table pip refuses
        for j in (i, i + 1):
            if m := _PIP_PYPROJECT_KEY.search(out.line(j)):
                yield _event(C, out, i, m["key"] or f"{m['table']}.{m['k']}")
                break
    for i in out.find(": No module named pip"):  # `python -m pip` in a venv made --without-pip
        if out.lines[i].rstrip().endswith(": No module named pip"):
            yield _event(D, out, i, "pip")
    if out.has("ERROR: "):  # the rest are pip's `ERROR: ` lines: most outputs have none
        yield from _pip_refusals(out)
    if out.tool in ("pip", "pip3"):  # optparse's words: any optparse program prints them
        for i in out.find("no such option: "):
            if m := _PIP_BAD_OPTION.match(out.lines[i]):
                yield _event(C, out, i, m["option"])
        for i in out.find('ERROR: unknown command "'):
            if m := _PIP_BAD_COMMAND.match(out.lines[i]):
                yield _event(C, out, i, m["command"])
        for i in out.find("Configuration file could not be loaded."):  # a pip.conf that does not parse
            location = next((Location(m["path"], int(m["line"])) for j in range(i + 1, min(i + 4, len(out.lines)))
                             if (m := _PIP_CONFIG_AT.match(out.lines[j]))), None)
            yield _event(Category.SYNTAX, out, i, None, location=location)
        for i in out.find("ERROR: Got unexpected number of arguments"):  # `pip config set key` (no value):
            yield _event(C, out, i, None)  # the `(example: "...")` it adds is a form, not a name
        if out.exit_code == 2:  # optparse's usage, then pip's own refusal of an option's value, at the end
            yield from _pip_usage_error(out)
        for needle in ("option -", " option requires "):
            for i in out.find(needle):
                if m := _PIP_BAD_VALUE.match(out.lines[i]):
                    yield _event(C, out, i, m["a"] or m["b"])


def _pip_usage_error(out: Output) -> Iterator[ErrorEvent]:
    """`Usage:` and its indented forms, a blank line, then the message (`Arguments to
    --config-settings must be of the form KEY=VAL`) as the last line (pip's parser.error exits
    2): the option it names is the subject. optparse's own words (`no such option`,
    `option -x: invalid`) and `ERROR: ` lines are read elsewhere."""
    lines = out.lines
    j = len(lines) - 1
    while j >= 0 and not lines[j].strip():
        j -= 1
    if j < 1 or lines[j][:1] in (" ", "") or not any(
            lines[k].startswith("Usage:") for k in range(max(0, j - 12), j)):
        return
    # pip wraps the message with textwrap.fill (`--python-version error: invalid --python-version
    # value: '3.x': each` / `version part must be an integer`): read the paragraph from its start
    k = j
    while k > 0 and lines[k - 1].strip() and lines[k - 1][:1] not in (" ", "\t") \
            and not lines[k - 1].startswith("Usage:"):
        k -= 1
    line = lines[k]
    if line.startswith(("ERROR: ", "option ", "no such option")) or ": error: " in line:
        return
    m = _PIP_USAGE_OPTION.search(" ".join(lines[k:j + 1]))
    yield _event(C, out, k, m["option"] if m else None)


def _pip_refusals(out: Output) -> Iterator[ErrorEvent]:
    """`ERROR: ` lines about the interpreter, the environment and the paths the user named."""
    for i in out.find(" cannot be used with the --"):
        # `pip list`: `List format 'freeze' cannot be used with the --outdated option.`, `--user
        # ... cannot be used with the --target`: of two options, the one the message names last
        if out.lines[i].startswith("ERROR: ") and (opts := _PIP_LONG_OPTION.findall(out.lines[i])):
            yield _event(C, out, i, opts[-1])
    for i in out.find("' is ignored: it is either a non-existing path"):  # `--find-links ./wheels` not there
        if m := _PIP_IGNORED_LOCATION.match(out.lines[i]):
            yield _event(C, out, i, m["path"])
    for i in out.find("ERROR: You must give at least one requirement to "):  # `pip uninstall`, `pip download`
        yield _event(C, out, i, None)
    for i in out.find("ERROR: Please provide a "):  # `pip show` (printed as a warning), `pip hash`: no name given
        yield _event(C, out, i, None)
    for i in out.find("ERROR: Could not locate Python interpreter "):  # `pip --python X`: no such interpreter
        yield _event(D, out, i, out.lines[i].partition("interpreter ")[2].strip() or None)
    for i in out.find("requires a different Python"):
        if _PIP_WRONG_PYTHON.search(out.lines[i]):
            yield _event(C, out, i, PYTHON)
    for i in out.find(" is not a supported wheel on this platform"):
        if m := _PIP_BAD_WHEEL.match(out.lines[i]):  # built for another Python or platform
            yield _event(C, out, i, m["wheel"])
    for i in out.find("Can not perform a '--user' install"):  # --user inside a venv
        yield _event(C, out, i, "--user")
    for i in out.find("ERROR: Can not combine '"):  # `--user` with `--prefix` / `--target`: the first named
        if m := _PIP_COMBINE.search(out.lines[i]):
            yield _event(C, out, i, m["option"])
    for i in out.find("ERROR: Cannot find command '"):
        if m := _PIP_NO_COMMAND.search(out.lines[i]):
            yield _event(D, out, i, m["cmd"])
    for i in out.find("Could not open requirements file"):
        m = _PIP_REQ_FILE.search(out.lines[i])
        yield _event(C, out, i, m["path"] if m else None)
    for i in out.find("ERROR: Invalid requirement: "):
        if _PIP_INVALID.match(out.lines[i]):
            text = out.lines[i][len("ERROR: Invalid requirement: "):].strip().strip("'")
            if text.startswith("-"):  # an option line of a requirements file that pip does not know
                yield _event(C, out, i, text.split()[0].split("=")[0])
            elif path := _pip_path_hint(out, i):  # a local path the user named is not there
                yield _event(C, out, i, path)
            else:
                yield _event(Category.SYNTAX, out, i, None, location=_pip_req_line(out, i))
    for i in out.find("\nERROR: Wheel '"):  # a .whl that is not a zip (a truncated download)
        if m := _PIP_INVALID_WHEEL.match(out.lines[i]):
            yield _event(C, out, i, m["path"])
    for i in out.find(" is not a valid editable requirement"):
        if m := _PIP_BAD_EDITABLE.match(out.lines[i]):
            yield _event(C, out, i, m["path"])
    for needle in ("does not appear to be a Python project", "is not installable. Neither"):
        for i in out.find(needle):
            if out.lines[i].startswith("ERROR: "):
                yield _event(C, out, i, "pyproject.toml")
    for i in out.find("ERROR: Key does not contain dot"):  # `pip config set timeout 60`: no section
        m = _PIP_CONFIG_SUGGEST.search(out.lines[i])
        yield _event(C, out, i, m["key"] if m else None)
    for i in out.find("ERROR: No such key - "):  # `pip config get/unset` of a key not set
        if m := _PIP_NO_SUCH_KEY.match(out.lines[i]):
            yield _event(C, out, i, m["key"])
    for i in out.find("ERROR: Target path exists but"):  # `--target x` where x is a file
        m = _PIP_TARGET_OPTION.search(out.command or "")
        yield _event(C, out, i, m["path"] if m else None)
    for i in out.find("ERROR: Could not find an activated virtualenv"):  # PIP_REQUIRE_VIRTUALENV
        yield _event(C, out, i, None)
    # options that do not go together: `--platform` without `--target`; the option to add is quoted
    for needle in ("ERROR: Can not use any platform or abi specific options",
                   "ERROR: When restricting platform and interpreter constraints"):
        for i in out.find(needle):
            line = out.lines[i]
            # `either --no-deps must be set, or --only-binary=:all: must be set`: pip's documented
            # fix for another platform's files is --only-binary (--no-deps drops the dependencies)
            if "--only-binary" in line:
                yield _event(C, out, i, "--only-binary")
                continue
            m = _PIP_OPTION_NAMED.search(line)
            yield _event(C, out, i, m["opt"] if m else None)
    for i in out.find("ERROR: HTTP error "):  # a URL the user gave (a wheel, an sdist) answered an error
        if m := _PIP_HTTP_ERROR.search(out.lines[i]):
            yield _http_status_event(out, i, int(m["status"]), m["url"])
    for i in out.find(" --require-hashes mode"):  # `Hashes are required in ...`, `In ... mode, all must be pinned`
        if not out.lines[i].startswith("ERROR: "):
            continue
        m = next((m for j in range(i + 1, min(i + 4, len(out.lines)))
                  if (m := _PIP_HASH_LINE.match(out.lines[j]))), None)
        yield _event(C, out, i, _name(m["req"]) if m else None)
    for needle in ("ERROR: Invalid wheel filename", " is not a valid wheel filename"):
        for i in out.find(needle):
            if m := _PIP_WHEEL_NAME.match(out.lines[i]):
                yield _event(C, out, i, m["a"] or m["b"])


def _http_status_event(out: Output, i: int, status: int, url: str, tool: str = "pip") -> ErrorEvent:
    """An HTTP status for a URL: credentials refused → permission (the URL); the server failing or
    throttling → network (its host), retryable; any other answer (404, 410) → the URL is wrong."""
    if status in (401, 403, 407):
        return _event(Category.PERMISSION, out, i, url, tool=tool)
    if status >= 500 or status in (408, 429):
        return _event(N, out, i, _host(url), severity=Severity.MEDIUM, tool=tool)
    return _event(C, out, i, url, tool=tool)


def _compiler_location(out: Output, i: int, source: str | None) -> Location | None:
    """The first compiler error (`x.c:4:16: error: ...`) of the failed build reported at line i:
    pip prints the build's output under its box, or above it with -v (`See above for output`)."""
    lines = out.lines
    if "See above" in out.line(i + 2) or "See above" in out.line(i + 3):
        start, end = max(0, i - 400), i
    else:
        start, end = i, min(len(lines), i + 400)
    for j in range(start, end):
        if "error: " in lines[j] and ((m := _CC_ERROR.match(lines[j])) or (m := _CC_NO_INPUT.match(lines[j]))):
            path = m["path"]
            if source and not path.startswith("/"):
                path = os.path.normpath(os.path.join(source, path))
            if "line" not in m.re.groupindex:
                return Location(path)
            return Location(path, int(m["line"]), int(m["col"]) if m["col"] else None)
    return None


def _pip_path_hint(out: Output, i: int) -> str | None:
    """`Hint: It looks like a path. File './x' does not exist.` a few lines under line i."""
    for j in range(i, min(i + 6, len(out.lines))):
        if "It looks like a path" in out.lines[j] and (m := _PIP_PATH_HINT.search(out.lines[j])):
            return m["path"]
    return None


def _pip_req_line(out: Output, i: int) -> Location | None:
    """Where pip says an invalid requirement came from: `(from line 2 of req.txt)`."""
    for j in range(i, min(i + 4, len(out.lines))):
        if m := _PIP_FROM_LINE.search(out.lines[j]):
            return Location(m["path"], int(m["line"]))
    return None


# --- uv -----------------------------------------------------------------------------------

_UV_TICKED = lazy_re(r"`(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)")
_UV_TOML = lazy_re(r"TOML parse error at line (?P<line>\d+), column (?P<col>\d+)")
_UV_PARSED = lazy_re(r"error: Failed to parse:? `?(?P<what>[^`]+?)`?\s*$")
_UV_FILE = lazy_re(r"error: File not found: `?(?P<path>[^`]+?)`?\s*$")
_UV_SPAWN = lazy_re(r"error: Failed to spawn: `?(?P<cmd>[^`\s]+)`?\s*$")
#: a project command run outside any project, `uv pip` with no environment to install into
_UV_NO_PROJECT = lazy_re(r"error: No `(?P<file>[^`]+)` found in ")
#: `uv pip check`: `The package `a` requires `b>=2`, but `1.0` is installed` / `but it's not installed`
_UV_CHECK = lazy_re(r"^The package `[^`]+` requires `(?P<req>[^`]+)`, but ")
#: a `tool.uv.sources` entry uv cannot lower (not a workspace member, an undeclared index,
#: two kinds of source at once): `cause: Failed to parse entry: `name`` (older: `entry for:`)
_UV_SOURCE_ENTRY = lazy_re(r"^\s*(?:cause|Caused by): Failed to parse entry(?: for)?: `(?P<name>[^`]+)`")
#: `cause: HTTP status client error (404 Not Found) for url (https://host/x.whl)`
_UV_HTTP_STATUS = lazy_re(r"HTTP status (?:client|server) error \((?P<status>\d{3})\b[^\n]*? for url \((?P<url>[^\s)]+)\)")
#: `uv tool uninstall x` of a tool that is not there: `error: `x` is not installed`
#: `cause: Package `six` references an undeclared index: `internal``
_UV_UNDECLARED_REF = lazy_re(r"references an undeclared [\w ]+: `(?P<name>[^`]+)`\s*$")
_UV_OPTION_PROVIDED = lazy_re(r"but (?:a [\w ]+ \(|the )`(?P<opt>--[\w-]+)(?:[ =][^`]*)?`\)? (?:flag )?was provided")
_UV_NOT_INSTALLED = lazy_re(r"^error: `(?P<name>[^`]+)` is not installed\s*$")
_UV_CHAINED = lazy_re(r"^\s*(?:error|cause|Caused by): ")
_UV_GIT_UPDATING = lazy_re(r"^\s*Updating (?P<url>[a-z][\w+.-]*://\S+) \(")
_UV_GIT_URL = lazy_re(r"'(?P<url>[a-z][\w+.-]*://[^']+)'")
_GIT_DENIED = ("Authentication failed", "could not read Username", "Permission denied (publickey)",
               "The requested URL returned error: 403", "The requested URL returned error: 401")
#: `In `--require-hashes` mode, all requirements must have a hash, but none were provided for: x==1`
#: (or `must be pinned upfront with `==`, but found: `x``)
_UV_HASHES = lazy_re(r"require-hashes` mode, all requirements must .*?(?:for|found): `?(?P<req>[^`\s,]+)")
#: uv's requirements.txt parser: `Couldn't parse requirement in `r.txt` at position 4`,
#: `Unexpected '-', expected ... in `r.txt` at position 13` (a byte offset, not a line)
_UV_REQ_POSITION = lazy_re(r"^error: .*? in `(?P<path>[^`]+)` at position \d+")
_UV_NO_MEMBER = lazy_re(r"^error: The workspace does not have a member `?(?P<name>[^`:\s]+)`?")
_UV_TICKED_FILE = lazy_re(r"`(?P<file>[^`]+)`")
_UV_NO_EXECUTABLE = lazy_re(r"^(?:error: |warning: )?(?:An executable named `(?P<exe>[^`]+)` is not provided"
                            r"|Package `(?P<pkg>[^`]+)` does not provide any executables)")
#: a path source (`{ path = "..." }`) that is not there
#: stated by itself or as the cause of `Failed to resolve `--with` requirement` (uv reads
#: `x@@2` as a local path)
_UV_NO_DIST = lazy_re(r"^\s*(?:error|cause|Caused by): Distribution not found at: (?:file://)?(?P<path>\S+?)\s*$")
#: `uv pip compile --extra docs` / `--group x` naming what the project does not define
_UV_REQUESTED = lazy_re(r"^error: Requested (?:extra|group|dependency group)s? not found: `?(?P<name>[^`\s,]+)")
#: a name the command gives that the project's tables do not have: `uv sync --extra x`,
#: `--group x`, `uv remove x` (`The dependency `x` could not be found in `project.dependencies``)
_UV_UNDEFINED = lazy_re(r"^error: (?:Extra|Group|Dependency group|Index|Package|Tool) `(?P<name>[^`]+)`"
                        r" is not defined in "
                        r"|^error: The dependency `(?P<dep>[^`]+)` could not be found in `")
_UV_LOCK = lazy_re(r"The lockfile at `(?P<path>[^`]+)` needs to be updated"
                      r"|Unable to find lockfile at `(?P<missing>[^`]+)`")


def _uv(out: Output) -> Iterator[ErrorEvent]:
    for i in out.find("No solution found when resolving"):  # dependencies, tool/script deps
        # also `resolving: `backend>=1`` under `Failed to resolve requirements from
        # `build-system.requires``: the build's own requirements, resolved the same way
        if "dependencies" in out.lines[i] or "resolving: `" in out.lines[i]:
            yield from _uv_resolution(out, i)
    for i in out.find("Failed to fetch: "):
        near = " ".join(out.lines[i:i + 8])
        # the HTTP client refused the URL before sending anything (`builder error for url`, `URL
        # scheme is not allowed`): the URL the user configured is wrong, not the network
        if "builder error" in near:
            url = out.lines[i].partition("Failed to fetch: ")[2].strip().strip("`")
            yield _event(C, out, i, url or None, tool="uv")
            continue
        if m := _UV_HTTP_STATUS.search(near):  # the server answered: the status decides (404: the URL is wrong)
            yield _http_status_event(out, i, int(m["status"]), m["url"], tool="uv")
            continue
        yield _event(N, out, i, _host(out.lines[i]), tool="uv", severity=_network_severity(near))
    for i in out.find("Hash mismatch for `"):
        if m := _UV_TICKED.search(out.lines[i]):
            yield _event(D, out, i, m["name"], tool="uv")
    for i in out.find("` requires `"):  # `uv pip check`
        if m := _UV_CHECK.match(out.lines[i]):
            yield _event(D, out, i, _name(m["req"]), tool="uv")
    for i in out.find("is externally managed"):
        if "interpreter at" in out.lines[i]:
            yield _event(C, out, i, PEP668, tool="uv")
    for needle in ("incompatible with the project's Python requirement",
                   "No interpreter found for Python", "No download found for request: ",
                   "error: Invalid version request: Python"):
        for i in out.find(needle):
            yield _event(C, out, i, PYTHON, tool="uv")
    for i in out.find("Failed to parse entry"):  # uv's words: trusted through make, CI
        if m := _UV_SOURCE_ENTRY.match(out.lines[i]):
            # the cause below names what the entry points at when that is what is missing
            # (`references an undeclared index: `internal``): the index to declare
            u = _UV_UNDECLARED_REF.search(out.line(i + 1))
            yield _event(C, out, i, u["name"] if u else m["name"], tool="uv")
    for i in out.find("Git operation failed"):  # `error:` / `cause:` / `Caused by:` lines
        if _UV_CHAINED.match(out.lines[i]):
            yield _uv_git(out, i)
    for i in out.find("` mode, all requirements must "):  # `--require-hashes`: one has no hash / no pin
        if m := _UV_HASHES.search(out.lines[i]):
            yield _event(C, out, i, _name(m["req"]), tool="uv")
    for i in out.find("` at position "):  # requirements.txt parser: `... in `file` at position 12`
        if m := _UV_REQ_POSITION.match(out.lines[i]):
            yield _event(Category.SYNTAX, out, i, None, tool="uv", location=Location(m["path"]))
    for needle in ("` does not provide any executables", "` is not provided by package `"):
        for i in out.find(needle):  # `uvx --from pkg cmd` (out.tool is cmd): the package has no such command
            if m := _UV_NO_EXECUTABLE.match(out.lines[i]):
                yield _event(D, out, i, m["exe"] or m["pkg"], tool="uv")
    yield from _uv_builds(out)
    # generic words: only trusted in uv's own output
    if out.tool in ("uv", "uvx") or _uv_refused_to_run(out) or _uv_echoed(out):
        yield from _uv_files(out)
        yield from _uv_usage(out)
    yield from _uv_spawn(out)  # `uv run X`: out.tool is X
    for i in out.find("Failed to find group `"):  # `{include-group = "x"}` naming no group
        if m := _UV_TICKED.search(out.lines[i]):
            yield _event(C, out, i, m["name"], tool="uv")
    for i in out.find("Detected a cycle in `"):  # `{include-group}`s that include each other: the table
        if m := _UV_TICKED.search(out.lines[i]):
            yield _event(C, out, i, m["name"], tool="uv")
    for i in out.find(", which is not part of a valid version"):
        # pep440-rs: `after parsing `1`, found `.x`, which is ...`: the value is the two parts
        # together; the option that carried it when the command shows one
        if m := _UV_VERSION_PARTS.search(out.lines[i]):
            value = m["a"] + m["b"]
            yield _event(C, out, i, option_with_value(out.command, value) or value, tool="uv")
    for i in out.find("error: No environment file found at: "):  # `uv run --env-file x`
        yield _event(C, out, i, out.lines[i].partition(" found at: ")[2].strip().strip("`") or None, tool="uv")


def _uv_refused_to_run(out: Output) -> bool:
    """`uv run --with x cmd` / `uvx --from x cmd`: `out.tool` is `cmd`, but a log whose last
    words are uv's `error:` chain is uv failing before `cmd` ran (its `--with`, its script): a
    chain with a `cause:` anywhere in a log (no program prints uv's chains), a bare `error:`
    line only ending a short one (a program may print that itself)."""
    words = (out.command or "").split(None, 2)
    if not words or os.path.basename(words[0]) not in ("uv", "uvx"):
        return False
    deeper = 0  # the lines a cause goes on with below it (a TOML error's snippet), indented under it
    for line in reversed(out.lines):
        if line.strip():
            indent = len(line) - len(line.lstrip())
            if _UV_CHAINED.match(line):
                caused = not line.lstrip().startswith("error: ")
                return (not deeper or indent <= deeper) and (caused or len(out.lines) <= 40)
            if line.startswith("hint: "):  # uv's advice after the chain (and its indented lines)
                deeper = 0
                continue
            if not indent:
                return False
            deeper = min(deeper or indent, indent)
    return False


#: a `uv ...` command line a wrapper echoed before running it: make's recipe line, `bash -x`'s `+ `
_UV_ECHO = lazy_re(r"^(?:\++ )?(?:\S*/)?uvx? [a-z-]")
_UV_CAUSE = lazy_re(r"^\s*(?:cause|Caused by): ")


def _uv_echoed(out: Output) -> bool:
    """uv run by make or a script that echoes its command lines (`make run` → `uv run ...`): its
    `error:` chain with a `cause:` line, a few lines below the echoed `uv` command, is uv's own
    (a program uv ran does not chain its errors so), read as if uv were the command."""
    for needle in ("cause: ", "Caused by: "):
        for j in out.find(needle):
            if _UV_CAUSE.match(out.lines[j]) and any(
                    _UV_ECHO.match(out.lines[k]) for k in range(j - 1, max(-1, j - 40), -1)):
                return True
    return False


_PIP_LONG_OPTION = lazy_re(r"(?<![\w-])--[a-z][\w-]*")
_UV_VERSION_PARTS = lazy_re(r"after parsing `(?P<a>[^`]*)`, found `(?P<b>[^`]*)`")
_UV_USAGE_OPTION = lazy_re(r"'(?P<opt>--?[A-Za-z][\w-]*)(?: <[^>]*>)?'")
_UV_USAGE_VALUE = lazy_re(r"[`'](?P<value>[^`']+)[`']")


def _uv_usage(out: Output) -> Iterator[ErrorEvent]:
    """The command line uv refuses (exit 2): `error: ...` and, a line or two below, clap's
    `Usage: uv <command> [OPTIONS]`. The subject is the option the error names
    (`'--name <NAME>'`), else the option whose value it quotes (`invalid bump component
    `feature`` for `--bump feature`), else the word it quotes (a subcommand, an argument)."""
    for u in out.find("\nUsage: uv"):
        for i in range(u - 1, max(-1, u - 5), -1):
            line = out.lines[i]
            if line.startswith("error: "):
                if line.endswith(" not provided:") and out.lines[i + 1].startswith("  "):
                    # clap's `the following required arguments were not provided:` lists
                    # them, indented, below: the first one missing, as printed
                    subject = out.lines[i + 1].strip()
                elif " cannot be used with " in line and (opts := _UV_USAGE_OPTION.findall(line)):
                    # clap's `the argument 'A' cannot be used with 'B'`: of two options that cannot
                    # go together, the one named last (the later one on the command line)
                    subject = opts[-1]
                elif m := _UV_USAGE_OPTION.search(line):
                    subject = m["opt"]
                elif m := _UV_USAGE_VALUE.search(line):
                    subject = option_with_value(out.command, m["value"]) or m["value"]
                else:
                    subject = None
                yield _event(C, out, i, subject, tool="uv")
                break


def _uv_git(out: Output, i: int) -> ErrorEvent:
    """uv's git fetch failed: git's own `fatal:` lines, indented under `--- stderr`, say why
    (no such repository: `dependency`; a host that does not resolve: `network`; refused
    credentials: `permission`). The subject is the repository URL uv was fetching."""
    url = None
    for j in range(i - 1, max(-1, i - 4), -1):  # `   Updating https://host/repo (HEAD)`
        if m := _UV_GIT_UPDATING.match(out.lines[j]):
            url = m["url"]
            break
    for j in range(i + 1, min(len(out.lines), i + 16)):
        line = out.lines[j]
        if url is None and (m := _UV_GIT_URL.search(line)):
            url = m["url"]
        if "Could not resolve host: " in line:
            return _event(N, out, i, line.rsplit("Could not resolve host: ", 1)[1].strip() or _host(url or ""),
                          tool="uv")
        if h := _GIT_CONNECT.search(line):
            return _event(N, out, i, f"{h['host']}:{h['port']}", tool="uv")
        if any(w in line for w in _GIT_DENIED):
            return _event(Category.PERMISSION, out, i, url, tool="uv")
    return _event(D, out, i, url, tool="uv")


def _uv_resolution(out: Output, i: int) -> Iterator[ErrorEvent]:
    for j in range(i, min(i + 6, len(out.lines))):
        if "Because " in out.lines[j]:
            category, subject = pubgrub_subject(out.lines[j])
            if " dependency on itself" in out.lines[j]:
                # `your project has an incompatible dependency on itself`: the hint below names
                # the project (`The project `demo` depends on itself`)
                subject = next((m["name"] for k in range(j + 1, min(j + 4, len(out.lines)))
                                if (m := _UV_TICKED.search(out.lines[k]))), None)
            if "not found in the package registry" in out.lines[j] and (k := _uv_refused_index(out, j)):
                # the index refused the credentials: the package only looks missing; the
                # subject is the index URL the hint prints, in parentheses
                m = _UV_HINT_INDEX.search(out.lines[k])
                yield _event(Category.PERMISSION, out, k, m["url"] if m else _host(out.lines[k]), tool="uv")
                return
            yield _event(category, out, i, subject, tool="uv")
            return
    yield _event(D, out, i, None, tool="uv")


def _uv_refused_index(out: Output, j: int) -> int | None:
    """uv's hint under a resolution failure: `hint: An index URL (URL) could not be queried due
    to a lack of valid authentication credentials (401 Unauthorized)`, or `hint: An index
    (URL) returned a 403 Forbidden error. Check that the index URL is correct and the
    credentials are valid.`"""
    for k in range(j + 1, min(j + 12, len(out.lines))):
        line = out.lines[k]
        if line.startswith("hint: An index") and _UV_HINT_INDEX.search(line) and (
                "authentication credentials" in line or "401 Unauthorized" in line
                or "403 Forbidden" in line):
            return k
    return None


_UV_HINT_INDEX = lazy_re(r"^hint: An index(?: URL)? \((?P<url>[^)\s]+)\)")


def _uv_builds(out: Output) -> Iterator[ErrorEvent]:
    for i in out.find("The build backend returned an error"):
        above = out.line(i - 1)
        rank = Rank.SUMMARY if _invalid_pyproject_below(out, i) else Rank.ROOT
        end = _uv_build_end(out, i)
        cause = (_missing_module_between(out, i, end, "uv") or _uv_undeclared_module(out, i, end)
                 or _backend_config_table(out, i, end, "uv")
                 or _backend_config_table(out, _uv_build_start(out, i - 1 if "build `" in above else i), i, "uv"))
        if cause:
            yield cause
            rank = Rank.SUMMARY
        if "build `" in above:  # `Failed to build `x @ ...``, `Failed to download and build`
            m = _UV_TICKED.search(above)
            yield _event(B, out, i - 1, m["name"] if m else None, tool="uv", rank=rank)
        else:
            yield _event(B, out, i, None, tool="uv", rank=rank)


#: uv's hint when the backend's import failed (the backend's output streamed above its error):
#: `hint: This error likely indicates that `pkg@1.0` depends on `mod`, but doesn't declare it as a build dependency.`
_UV_UNDECLARED = lazy_re(r"^hint: This error likely indicates that `[^`]+` depends on `(?P<mod>[^`]+)`, but doesn't declare")


def _uv_undeclared_module(out: Output, i: int, end: int) -> ErrorEvent | None:
    if end < len(out.lines) and (m := _UV_UNDECLARED.match(out.lines[end])):
        return _event(D, out, end, m["mod"], tool="uv")
    return None


#: a build backend that names the pyproject.toml table to fill in (hatchling: `At least one
#: file selection option must be defined in the `tool.hatch.build.targets.wheel` table`)
_BACKEND_TABLE = lazy_re(r"must be defined in the `(?P<table>tool\.[\w.-]+)` table")


def _backend_config_table(out: Output, start: int, end: int, tool: str) -> ErrorEvent | None:
    # only read under a build that failed (a box of at most a few hundred lines): no literal
    # of its own in every output's index
    for j in range(start + 1, min(end, len(out.lines))):
        if "` table" in out.lines[j] and (m := _BACKEND_TABLE.search(out.lines[j])):
            return _event(C, out, j, m["table"], tool=tool)
    return None


def _uv_build_start(out: Output, i: int) -> int:
    """Where the backend's output that `uv build` streams above its `Failed to build` error
    begins: uv's own `Building ...` line (or an earlier error), else _BUILD_TAIL lines up."""
    for j in range(i - 1, max(-1, i - _BUILD_TAIL), -1):
        if out.lines[j].startswith(("Building ", "error: ")):
            return j
    return max(0, i - _BUILD_TAIL)


def _uv_build_end(out: Output, i: int) -> int:
    """The end of the backend's output uv prints under a failed build: its `hint:` or the
    next `error:` line, else a few dozen lines on."""
    for j in range(i + 1, min(len(out.lines), i + _BUILD_TAIL)):
        if out.lines[j].startswith(("hint: ", "error: ")):
            return j
    return min(len(out.lines), i + _BUILD_TAIL)


def _uv_files(out: Output) -> Iterator[ErrorEvent]:
    for i in out.find("error: File not found: "):
        if m := _UV_FILE.match(out.lines[i]):
            yield _event(C, out, i, m["path"], tool="uv")
    for needle in ("needs to be updated", "Unable to find lockfile at `"):  # --locked, --frozen
        for i in out.find(needle):
            if m := _UV_LOCK.search(out.lines[i]):
                yield _event(C, out, i, m["path"] or m["missing"], tool="uv")
    for i in out.find("error: No `"):
        if m := _UV_NO_PROJECT.match(out.lines[i]):
            yield _event(C, out, i, m["file"], tool="uv")
    for i in out.find("Distribution not found at: "):
        if m := _UV_NO_DIST.match(out.lines[i]):
            yield _event(C, out, i, m["path"], tool="uv")
    for i in out.find("error: Requested "):
        if m := _UV_REQUESTED.match(out.lines[i]):
            yield _event(C, out, i, m["name"], tool="uv")
    for needle in ("` is not defined in ", "` could not be found in `"):
        for i in out.find(needle):
            if m := _UV_UNDEFINED.match(out.lines[i]):
                yield _event(C, out, i, m["name"] or m["dep"], tool="uv")
    for i in out.find("` does not appear to be a Python project"):  # `uv pip install -e dir`, `uv build`
        # stated by itself, or as the cause under `error: Failed to build `dir``
        if out.lines[i].lstrip().startswith(("error: ", "cause: ", "Caused by: ")):
            yield _event(C, out, i, "pyproject.toml", tool="uv")
    for i in out.find("error: Cannot initialize a project in `"):  # `uv init` where one exists
        m = _UV_TICKED_FILE.search(out.lines[i].partition(" because ")[2])
        yield _event(C, out, i, m["file"] if m else None, tool="uv")
    for i in out.find("error: The workspace does not have a member "):  # `uv add --package x`
        if m := _UV_NO_MEMBER.match(out.lines[i]):
            yield _event(C, out, i, m["name"], tool="uv")
    for i in out.find(" was provided"):
        # an option that only applies to another kind of source: `error: `six` did not resolve to a Git
        # repository, but a Git reference (`--branch main`) was provided`; `... but the `--editable`
        # flag was provided`: the option as printed
        if m := _UV_OPTION_PROVIDED.search(out.lines[i]):
            yield _event(C, out, i, m["opt"], tool="uv", rank=Rank.ROOT)
    for i in out.find("` is not installed"):  # `uv tool uninstall x`: nothing to remove, the name is wrong
        if m := _UV_NOT_INSTALLED.match(out.lines[i]):
            yield _event(C, out, i, m["name"], tool="uv")
    for needle in ("Failed to read `--find-links` ", " already exists at: "):
        # `--find-links dir` that is not there; `uv venv dir` onto a folder that is no venv
        for i in out.find(needle):
            if m := _UV_PATH_AT.match(out.lines[i]):
                yield _event(C, out, i, m["path"], tool="uv")
    for i in out.find("error: No virtual environment found"):
        yield _event(C, out, i, None, tool="uv")
    for i in out.find(" (os error "):  # std::io errors in uv's chain: `failed to create directory `x`: File exists`
        if m := _UV_OS_ERROR.match(out.lines[i]):
            yield _uv_os_error(out, i, m)
    for i in out.find("error: Required uv version `"):  # `[tool.uv] required-version`: uv itself is wrong
        yield _event(C, out, i, "uv", tool="uv")
    for i in out.find("error: Failed to parse"):
        if m := _UV_PARSED.match(out.lines[i]):
            yield _uv_parse_error(out, i, m["what"])
    # a dependency's own project file, read while building it; `uv build` of the project itself
    # says its `pyproject.toml` "does not match the required schema" above serde's TOML error
    for needle in ("Invalid `pyproject.toml`", "`pyproject.toml` does not match the required schema"):
        for i in out.find(needle):
            if _UV_CHAINED.match(out.lines[i]):
                yield from _uv_dependency_pyproject(out, i)


#: an `io::Error` as uv chains it: `cause: failed to create directory `/p/dist`: File exists (os error 17)`
_UV_OS_ERROR = lazy_re(r"^\s*(?:error|cause|Caused by): .*?`(?P<path>[^`]+)`: [^`]*\(os error (?P<errno>\d+)\)\s*$")
#: errnos that are no fault of the path the user named: denied, or a resource the system ran out of
_UV_DENIED_ERRNOS = (1, 13, 30)
_UV_RESOURCE_ERRNOS = {12: "ENOMEM", 24: "EMFILE", 26: "ETXTBSY", 28: "ENOSPC", 122: "EDQUOT"}


def _uv_os_error(out: Output, i: int, m: re.Match) -> ErrorEvent:
    """A file operation uv failed on a path: denied → permission; out of space, memory or
    descriptors → runtime (the errno); else (it exists, is a file, is missing) the path the user
    named is wrong → configuration, the path as printed."""
    errno = int(m["errno"])
    if errno in _UV_DENIED_ERRNOS:
        return _event(Category.PERMISSION, out, i, m["path"], tool="uv")
    if errno in _UV_RESOURCE_ERRNOS:
        return _event(Category.RUNTIME, out, i, _UV_RESOURCE_ERRNOS[errno], tool="uv")
    return _event(C, out, i, m["path"], tool="uv")


_UV_PATH_AT = lazy_re(r"^\s*(?:error|cause|Caused by): (?:Failed to read `--find-links` directory"
                      r"|An? (?:directory|file) already exists at): `?(?P<path>[^`\s]+)`?\s*$")
#: `error: Failed to build `shared @ file:///home/dev/project/libs/shared``: a local source
_UV_LOCAL_SOURCE = lazy_re(r"`[^`@\s]+ @ file://(?P<path>/[^`]+)`")


def _uv_dependency_pyproject(out: Output, i: int) -> Iterator[ErrorEvent]:
    """`cause: Invalid `pyproject.toml`` under `Failed to build `x @ file:///path``: the local
    dependency's project file does not parse (syntax) or its schema refuses a value
    (configuration); the place is that project's pyproject.toml, at the line TOML names."""
    folder = None
    for j in range(i - 1, max(-1, i - 6), -1):
        if m := _UV_LOCAL_SOURCE.search(out.lines[j]):
            folder = m["path"].rstrip("/")
            break
    path = f"{folder}/pyproject.toml" if folder else "pyproject.toml"
    for j in range(i + 1, min(i + 4, len(out.lines))):
        if m := _UV_TOML.search(out.lines[j]):
            location = Location(path, int(m["line"]), int(m["col"]))
            if key := _uv_schema_key(out, j):
                yield _event(C, out, i, key, tool="uv", location=location)
            else:
                yield _event(Category.SYNTAX, out, j, None, tool="uv", location=location)
            return


def _uv_spawn(out: Output) -> Iterator[ErrorEvent]:
    """`uv run cmd`: `error: Failed to spawn: `cmd`` caused by `No such file or directory`:
    the command is not installed in the environment."""
    for i in out.find("error: Failed to spawn: "):
        m = _UV_SPAWN.match(out.lines[i])
        if m and "No such file or directory" in out.line(i + 1):
            cmd = m["cmd"]  # a path the user named (`scripts/x.py`) is not there; a bare name is not installed
            category = C if "/" in cmd or cmd.endswith((".py", ".sh", ".pyw")) else D
            yield _event(category, out, i, cmd, tool="uv")


#: serde's and uv's own words for well-formed TOML whose value is refused (`Not a valid package
#: or extra name: "a b!"`); a value in a mini-language that does not parse (a version
#: specifier) is the file's syntax
_UV_SCHEMA = ("invalid type: ", "unknown field `", "missing field `", "invalid value: ", "Not a valid ")
_UV_REQUIRED_FIELD = lazy_re(r"the required `(?P<field>[\w.-]+)` field")
_UV_SOURCE_KEY = lazy_re(r"^\s*\d+ \| (?P<key>[\w.\"-]+)\s*=")
#: the quoted line is a table's header (`[[tool.uv.index]]`): serde's `missing field `url`` is the
#: table's key
_UV_SOURCE_TABLE = lazy_re(r"^\s*\d+ \| \[\[?(?P<table>[\w.\"-]+)\]\]?\s*$")
_UV_MISSING_FIELD = lazy_re(r"^missing field `(?P<field>[^`]+)`")


def _uv_schema_key(out: Output, j: int) -> str | None:
    """Below `TOML parse error at line N`: the quoted source line, the caret, then serde's words;
    a type or field error names the key of the quoted line."""
    key = None
    for k in range(j + 1, min(len(out.lines), j + 7)):
        text = out.lines[k].strip()
        if m := _UV_SOURCE_KEY.match(out.lines[k]):
            key = m["key"].strip('"')
        elif m := _UV_SOURCE_TABLE.match(out.lines[k]):
            key = m["table"].replace('"', "") + "."  # a header: the field serde names completes the key
        elif text.startswith(_UV_SCHEMA):
            if key and key.endswith("."):
                f = _UV_MISSING_FIELD.match(text)
                return key + f["field"] if f else key[:-1]
            return key
        elif "the required `" in text and (f := _UV_REQUIRED_FIELD.search(text)):
            return f["field"]  # `... but the required `project.version` field is neither set nor ...`
    return None


#: `cause: Expected path (`./x.py`) to end in a supported file extension`, `... does not exist`:
#: the requirement is a path (a file that is no archive, a folder not there)
_UV_PATH_CAUSE = lazy_re(r"^\s*(?:cause|Caused by): (?:Expected path \(`(?P<a>[^`]+)`\)|"
                         r"Distribution not found at: (?P<b>\S+))")


def _command_project_file(command: str | None) -> str | None:
    """The pyproject.toml of the one local folder the command line names (`./lib`, `../pkg`)."""
    try:
        words = shlex.split(command or "")
    except ValueError:
        words = (command or "").split()
    folders = {w for w in words[1:] if w.startswith(("./", "../", "/")) or w in (".", "..")}
    if len(folders) != 1:
        return None
    return os.path.normpath(os.path.join(folders.pop(), "pyproject.toml"))


def _uv_parse_error(out: Output, i: int, what: str) -> ErrorEvent:
    if m := _UV_PATH_CAUSE.match(out.line(i + 1)):  # a path the user gave that is no project or archive
        return _event(C, out, i, m["a"] or what, tool="uv")
    # `Failed to parse metadata from built wheel`: words, not a file; the TOML is the built project's,
    # the folder the command named (`uv pip install -e ./lib`)
    path = what if " " not in what else None
    if path is None and "`pyproject.toml`" in out.line(i + 1):
        path = _command_project_file(out.command)
    for j in range(i + 1, min(i + 4, len(out.lines))):
        if m := _UV_TOML.search(out.lines[j]):
            location = Location(path, int(m["line"]), int(m["col"])) if path else None
            if key := _uv_schema_key(out, j):  # well-formed TOML, a value uv's schema refuses
                return _event(C, out, i, key, tool="uv", location=location)
            return _event(Category.SYNTAX, out, i, None, tool="uv", location=location)
    return _event(Category.SYNTAX, out, i, None, tool="uv")


# --- poetry -------------------------------------------------------------------------------

_PUB_TOOLS = {"dart", "flutter", "pub"}  # same solver, same sentences: not ours
#: at `-vvv` cleo prints the exception's class, then its message indented under it
_POETRY_NO_VERSION = lazy_re(r"^\s*Could not find a matching version of package (?P<name>\S+)")
_POETRY_PKG_MISSING = lazy_re(r"^\s*Package (?P<name>\S+) \([^)]*\) not found\.")
#: tomlkit's error, with its position when it has one (`Key "x" already exists.` has none)
_POETRY_TOML = lazy_re(
    r"^Invalid TOML file (?P<path>[^:]+): .*?(?: at line (?P<line>\d+) col (?P<col>\d+))?\.?$"
)
_POETRY_HTTP = lazy_re(r"^\d{3} (?:Server|Client) Error: .* for url: (?P<url>\S+)")
#: files and folders the project's pyproject.toml names that are not there
_POETRY_DECLARED = lazy_re(r"Declared README file does not exist: (?P<path>\S+)"
                              r"|No file/folder found for package (?P<package>\S+)")
#: poetry-core's refusal of a `packages = [{include = "x", from = "src"}]` entry, printed alone (unindented)
#: when poetry builds: the folder that holds nothing (the path as printed), the folder that is no package
_POETRY_INCLUDE = lazy_re(r"^(?:(?P<path>\S+) does not contain any element|(?P<name>[\w.-]+) is not a package\.)\s*$")
#: `poetry install --with docs` naming a dependency group pyproject.toml does not have
_POETRY_NO_GROUP = lazy_re(r"^Group\(s\) not found: (?P<group>[^\s,(]+)")
_POETRY_NO_COMMAND = lazy_re(r"^Command not found: (?P<cmd>\S+)\s*$")
#: a command line that starts `poetry run X`, echoed above its output by whoever ran it (make
#: echoes each recipe line, `bash -x` with `+ `): poetry named by its path or its name
_POETRY_RUN_ECHO = lazy_re(r"^(?:\++ )?(?:\S*/)?poetry run (?:--\s+)?(?P<cmd>[^\s;&|]+)")
_POETRY_UNKNOWN = lazy_re(r'^The (?:requested )?command "?(?P<cmd>[^"\s]+)"? does not exist\.'
                          r'|^The (?:option "(?P<opt2>-[^"]+)"|"(?P<opt>-[^"]+)" option) '
                          r'(?:does not exist|requires a value|does not accept a value)')
_POETRY_NOT_INSTALLED_CMD = lazy_re(r"the (?P<cmd>[\w-]+) command is not installed by default")
#: `poetry remove x` (not a dependency), `install -E x` (no such extra), `new dir` (not empty),
#: `env use python3.99`, a path dependency that is not there, `show` with no lock file
_POETRY_NAMED = lazy_re(r"^(?:The following packages were not found: (?P<pkgs>[^\s,]+)"
                        r"|Extra \[(?P<extra>[^\]]+)\] is not specified"
                        r"|Destination (?P<dest>\S+) exists and is not empty"
                        r"|Could not find the python executable (?P<exe>\S+)"
                        r"|Path (?P<path>\S+) for \S+ does not exist"
                        r"|(?:Error: )?(?P<lock>poetry\.lock) not found"
                        r"|Specified path '(?P<dir>[^']+)' is not a valid directory"
                        r"|Source with name (?P<source>\S+?) was not found"
                        r"|A (?P<file>\S+) file with a project and/or a poetry section already exists)")
_POETRY_CORE_UNDECLARED = lazy_re(r'Cannot find dependency "(?P<dep>[^"]+)" for extra '
                                  r'|requires extra "(?P<extra>[^"]+)" which is not defined\.')
_POETRY_SETTING = lazy_re(r"^Setting (?P<key>\S+) does not exist\s*$")
#: `poetry config x` of a setting that does not exist; `poetry config repositories.x` (no url)
#: of a repository that is not configured: poetry reads both as a get
_POETRY_SOURCE_KEY = lazy_re(r"^\s*Missing \[(?P<key>[\w-]+)\] in source ")
_POETRY_NO_SETTING = lazy_re(r"^There is no (?P<key>\S+) (?:setting\.|repository defined)")
#: `  - project.version must be string`, `  - data must contain ['name'] properties`,
#: `  - The fields ['name'] are required in package mode.`
#: `  - tool.poetry.source[0].priority must be one of ['primary', ...]` (an array item's index kept)
_POETRY_SCHEMA_FIELD = lazy_re(r"^\s+- (?:(?P<field>[A-Za-z][\w.-]*(?:\[\d+\][\w.-]*)*) (?:must|is|should)\b[^'\[]*?)?"
                               r"(?:.*?(?:contain|fields) \['(?P<key>[^']+)'\])?")
#: jsonschema's refusal of a key the schema does not know (a misspelt field): `  - Additional
#: properties are not allowed ('homepge' was unexpected)`, the path of the table first when it is
#: no top-level one (`  - source[0] Additional ...`); of several (`('a', 'b' were unexpected)`), the first
_POETRY_UNEXPECTED = lazy_re(r"^\s+- (?:(?P<field>[A-Za-z][\w.-]*(?:\[\d+\][\w.-]*)*):? )?"
                             r"Additional properties are not allowed \('(?P<key>[^']+)'")
#: poetry-core's own check: `- Either [project.name] or [tool.poetry.name] is required in package mode.`
_POETRY_EITHER = lazy_re(r"^\s+- Either \[(?P<key>[\w.-]+)\] or \[[\w.-]+\] is required")
#: `Incompatible constraints in requirements of demo (0.1.0):` then one line per constraint
_POETRY_CONSTRAINT = lazy_re(r"^(?P<name>[A-Za-z0-9][\w.-]*)(?:\[[^\]]*\])? \(")
#: virtualenv's refusal of the venv folder poetry gives it: the path that is in the way
_VIRTUALENV_DEST = lazy_re(r"the destination (?P<dest>\S+) (?:is inside (?P<parent>\S+?),|is not)")
_POETRY_BAD_VERSION = lazy_re(r"Invalid PEP 440 version: '(?P<v>[^']+)'")
#: tomllib's `Illegal character '\n' (at line 5, column 18)`
_TOMLLIB_ERROR = lazy_re(r"^(?:[\w.]*TOMLDecodeError: )?.*?\(at line (?P<line>\d+), column (?P<col>\d+)\)\)?\.?\s*$")
_POETRY_PUBLISHING = lazy_re(r"^Publishing \S+ \([^)]*\) to (?P<repo>\S+)")
_POETRY_CONNECT = lazy_re(r"^All attempts to connect to (?P<host>\S+) failed\.")
_POETRY_SOURCE = lazy_re(
    r"^\s*(?:-|•) Installing (?P<name>[A-Za-z0-9][A-Za-z0-9._-]*) \(|"
    r"^Unable to determine package info for path: (?P<path>\S+)"
)


def _poetry(out: Output) -> Iterator[ErrorEvent]:
    if out.tool in _PUB_TOOLS:
        return
    for i in out.find("Because "):
        line = out.lines[i].lstrip()  # `-v` prints the solver's error indented, twice
        if line.startswith("Because ") and "," not in line:
            line = _poetry_sentence(out, i, line)
        if line.startswith("Because ") and ("version solving failed" in line or "," in line):
            category, subject = pubgrub_subject(line)
            yield _event(category, out, i, subject, tool="poetry", message=line)
    yield from _poetry_lines(out)
    for needle in ("PEP517 build of a dependency failed", "ChefBuildError"):
        for i in out.find(needle):
            end = min(len(out.lines), i + _BUILD_TAIL)
            cause = _missing_module_between(out, i, end, "poetry")
            if cause:
                yield cause
            elif any(i < j < end for j in out.find("configuration is invalid:")):
                cause = True  # poetry-core refused the dependency's own pyproject (read in _poetry_own)
            yield _event(B, out, i, _poetry_source(out, i), tool="poetry",
                         rank=Rank.SUMMARY if cause else Rank.ROOT)


def _poetry_sentence(out: Output, i: int, line: str) -> str:
    """A solver sentence that goes on below: mixology joins two causes it cannot phrase as one
    (`Because a (1.0) @ file:///... depends on b (>=2)` / ` and app depends on b (1.0), a is
    forbidden.`) with a line break before ` and`."""
    for j in range(i + 1, min(len(out.lines), i + 4)):
        more = out.lines[j].strip()
        if not more.startswith("and "):
            break
        line = f"{line} {more}"
        if "," in more:
            break
    return line


def _poetry_lines(out: Output) -> Iterator[ErrorEvent]:
    """The one-sentence errors, each recognised by its own words."""
    for i in out.find("Could not find a matching version of package "):
        if m := _POETRY_NO_VERSION.match(out.lines[i]):  # `poetry add ../lib`: a path that is not there
            name = m["name"]
            if name.count("[") != name.count("]") or name.count("(") != name.count(")"):
                # poetry read a requirement it could not parse (`six[cli`) as a package name
                yield _event(Category.SYNTAX, out, i, None, tool="poetry")
                continue
            yield _event(C if name.startswith((".", "/", "~")) else D, out, i, name, tool="poetry")
    for i in out.find("Incompatible constraints in requirements of "):
        # poetry-core: one project pins a package twice, in ways no version satisfies
        m = _POETRY_CONSTRAINT.match(out.line(i + 1))
        yield _event(D, out, i, m["name"] if m else None, tool="poetry")
    if out.tool == "poetry":
        for i in out.find("virtualenv: error: "):  # the venv folder poetry chose cannot be made
            if m := _VIRTUALENV_DEST.search(out.lines[i]):
                yield _event(C, out, i, m["parent"] or m["dest"], tool="poetry")
    for i in out.find(") not found."):
        if m := _POETRY_PKG_MISSING.match(out.lines[i]):
            yield _event(D, out, i, m["name"], tool="poetry")
    for needle in ("is not supported by the project", "supported Python range"):
        for i in out.find(needle):
            yield _event(C, out, i, PYTHON, tool="poetry")
    for i in out.find("Poetry could not find a pyproject.toml file"):
        yield _event(C, out, i, "pyproject.toml", tool="poetry")
    for needle in ("Declared README file does not exist: ", "No file/folder found for package "):
        for i in out.find(needle):
            if m := _POETRY_DECLARED.search(out.lines[i]):
                yield _event(C, out, i, m["path"] or m["package"], tool="poetry")
    for needle in (" does not contain any element", " is not a package."):
        for i in out.find(needle):
            if m := _POETRY_INCLUDE.match(out.lines[i]):
                yield _event(C, out, i, m["path"] or m["name"], tool="poetry")
    for i in out.find("Group(s) not found: "):
        if m := _POETRY_NO_GROUP.match(out.lines[i]):
            yield _event(C, out, i, m["group"], tool="poetry")
    for i in out.find("since poetry.lock was last generated"):
        yield _event(C, out, i, "poetry.lock", tool="poetry")
    for i in out.find("poetry.lock is not consistent with pyproject.toml"):
        yield _event(C, out, i, "poetry.lock", tool="poetry")
    for i in out.find("Invalid TOML file "):
        if m := _POETRY_TOML.match(out.lines[i]):
            location = (Location(m["path"], int(m["line"]), int(m["col"])) if m["line"]
                        else Location(m["path"]))
            yield _event(Category.SYNTAX, out, i, None, tool="poetry", location=location)
    for needle in ("The requirement is invalid: ", "Could not parse version constraint: "):
        for i in out.find(needle):
            # a constraint given as an option's value (`--python ">=3.11,,<4"`) is the option's
            # to fix; one inside a requirement string (`foo@>>2`) is the requirement's syntax
            option = option_with_value(out.command, out.lines[i].partition(needle)[2].strip(), tail=True)
            yield _event(C if option else Category.SYNTAX, out, i, option, tool="poetry")
    for i in out.find("Command not found: "):  # `poetry run cmd` with cmd not in the environment
        if (m := _POETRY_NO_COMMAND.match(out.lines[i])) and (
                _program(out) == "poetry" or _poetry_ran(out, i, m["cmd"])):
            yield _event(D, out, i, m["cmd"], tool="poetry")
    if _program(out) == "poetry":
        yield from _poetry_own(out)
        yield from _poetry_script_entry(out)
    elif out.failed:  # poetry run by make, tox, a script: only its own sentence, unindented
        # (a build backend's copy inside pip's or uv's report is indented or in a `|` gutter)
        for i in out.find("configuration is invalid:"):
            if out.lines[i].startswith("The Poetry configuration is invalid:"):
                yield _poetry_invalid(out, i)
    for i in out.find("Authorization error accessing "):  # a source that refuses the credentials (401/403)
        if m := _POETRY_AUTH.search(out.lines[i]):
            yield _event(Category.PERMISSION, out, i, _host(m["url"]), tool="poetry")
    for needle in ("\nNo git repository was found at ", "\nFailed to clone "):  # a git source that is not there
        for i in out.find(needle):
            if m := _POETRY_GIT.match(out.lines[i]):
                yield _event(D, out, i, m["a"] or m["b"], tool="poetry")
    for i in out.find("ConnectionPool(host='"):  # requests / urllib3: a git URL, a source
        line = out.lines[i]
        if line.startswith(("HTTPConnectionPool(", "HTTPSConnectionPool(")) and "Max retries exceeded" in line:
            yield _event(N, out, i, _host(line), tool="poetry", severity=_network_severity(line))
    for i in out.find("All attempts to connect to "):
        if m := _POETRY_CONNECT.match(out.lines[i]):
            yield _event(N, out, i, m["host"], tool="poetry")
    for i in out.find(" Error: "):
        if m := _POETRY_HTTP.match(out.lines[i]):
            status = int(out.lines[i][:3])
            if status in (404, 410) and m["url"].rstrip("/").endswith(_DIST_FILES):
                # a file the project names (a url dependency) is not there: the URL is wrong;
                # an index page answering 404 is the package missing from that index
                yield _http_status_event(out, i, status, m["url"], tool="poetry")
                continue
            yield _event(N, out, i, _host(m["url"]), tool="poetry",
                         severity=_network_severity(" " + out.lines[i][:3]))


_DIST_FILES = (".whl", ".tar.gz", ".zip", ".tar.bz2", ".tgz")
#: `poetry run <script>` runs `python -c "import sys; from importlib import import_module;
#: sys.argv = ['<venv>/bin/<script>']; sys.exit(import_module('<module>').<function>())"`
_POETRY_SCRIPT_RUN = "from importlib import import_module; sys.argv = ["
_POETRY_SCRIPT_CALL = lazy_re(r"sys\.argv = \['(?:[^']*/)?(?P<script>[^'/]+)'.*?import_module\('(?P<module>[^']+)'\)\.(?P<func>\w*)\(")


def _poetry_script_entry(out: Output) -> Iterator[ErrorEvent]:
    """`poetry run <script>` of a `[tool.poetry.scripts]` / `[project.scripts]` entry poetry
    cannot call: its generated one-liner does not parse (`"pkg.mod:"`, no function) or the
    module has no such function (`module 'pkg.mod' has no attribute 'mian'`). The entry in
    pyproject.toml is what to change: `configuration`, subject the script's name."""
    for i in out.find(_POETRY_SCRIPT_RUN):
        m = _POETRY_SCRIPT_CALL.search(out.lines[i])
        if not m:
            continue
        for j in range(i + 1, min(len(out.lines), i + 5)):
            line = out.lines[j]
            if line.startswith(("SyntaxError: ", "AttributeError: module '" + m["module"] + "' has no attribute ")):
                yield _event(C, out, j, m["script"], tool="poetry", rank=Rank.ROOT)
                return
            if line.startswith(("Traceback", "  File ")) and j > i + 1:
                break
_POETRY_AUTH = lazy_re(r"Authorization error accessing (?P<url>\S+)")
_POETRY_GIT = lazy_re(r"^(?:No git repository was found at (?P<a>\S+)|Failed to clone (?P<b>[^\s,]+),)")


#: `[Errno 20] Not a directory: '/path'` (`poetry new x` where x is a file), `[Errno 13] Permission denied: ...`
_POETRY_OSERROR = lazy_re(r"^\[Errno (?P<errno>\d+)\] [^:]+: '(?P<path>[^']+)'")
_POETRY_REPO_UNDEFINED = lazy_re(r"^Repository (?P<name>\S+) is not defined\.?$")


_POETRY_ADD_OPTION = lazy_re(r"^Add the (?P<opt>--[\w-]+) option")
#: `A custom source cannot be added without a URL.`: the argument the command lacks
_POETRY_WITHOUT = lazy_re(r"^.* cannot be added without an? (?P<what>\w+)\.?\s*$")


def _poetry_invalid(out: Output, i: int) -> ErrorEvent:
    """`The Poetry configuration is invalid:` and the schema's complaints below it."""
    field = None
    for j in range(i + 1, min(len(out.lines), i + 4)):
        line = out.lines[j]
        if line.lstrip().startswith("| "):  # a build backend's output, quoted in a `|` gutter
            line = line.lstrip()[1:]
        if m := _POETRY_EITHER.match(line):  # poetry-core: a key of either table is missing
            field = m["key"]
            break
        if m := _POETRY_UNEXPECTED.match(line):  # a key the schema does not know: the key, as printed
            field = f"{m['field']}.{m['key']}" if m["field"] and m["field"] != "data" else m["key"]
            break
        if m := _POETRY_SCHEMA_FIELD.match(line):
            field = m["field"] if m["field"] != "data" else None
            if m["key"]:  # `project must contain ['name'] properties`: the key it lacks
                field = f"{field}.{m['key']}" if field else m["key"]
            break
    return _event(C, out, i, field, tool="poetry")


def _poetry_own(out: Output) -> Iterator[ErrorEvent]:
    """Poetry's (and its console library cleo's) own one-line refusals: only trusted when the
    command is poetry, other cleo programs print the same words."""
    for needle in ("The requested command ", "The command \"", "\" option does not exist", "The option \"",
                   "\" option requires a value", "\" option does not accept a value"):
        # `poetry export` without its plugin, `poetry instal`, `--foo`; cleo's other refusals of an
        # option as typed (`add six --optional` with no value, `--dry-run=1`): that option
        for i in out.find(needle):
            if m := _POETRY_UNKNOWN.match(out.lines[i]):
                yield _event(C, out, i, m["cmd"] or m["opt"] or m["opt2"], tool="poetry")
    for i in out.find("\" is an invalid value for "):  # `poetry config key value`: the setting refuses the value
        if m := _POETRY_BAD_SETTING_VALUE.match(out.lines[i]):
            yield _event(C, out, i, m["key"], tool="poetry")
    for i in out.find("\nAdd the --"):  # `poetry cache clear pypi`: the option the command needs
        if m := _POETRY_ADD_OPTION.match(out.lines[i]):
            yield _event(C, out, i, m["opt"], tool="poetry")
    for i in out.find(" support editable installs"):  # `add --editable` of a registry package
        yield _event(C, out, i, spelling_used(out.command or "", ("--editable", "-e")) or "--editable", tool="poetry")
    for i in out.find(" cannot be added without a"):  # `poetry source add name` with no url
        if m := _POETRY_WITHOUT.match(out.lines[i]):
            yield _event(C, out, i, m["what"].lower(), tool="poetry")
    for needle in ('Cannot find dependency "', '" which is not defined.'):
        # poetry-core's validation (`poetry check`, any build): `[tool.poetry.extras]` naming a package
        # the project does not declare; a script requiring an extra that does not exist: that name
        for i in out.find(needle):
            if m := _POETRY_CORE_UNDECLARED.search(out.lines[i]):
                yield _event(C, out, i, m["dep"] or m["extra"], tool="poetry")
    for i in out.find("Unrecognized classifiers: "):  # `poetry check`: a trove classifier that does not exist
        yield _event(C, out, i, "classifiers", tool="poetry")
    for i in out.find("This project requires Poetry "):  # `[tool.poetry] requires-poetry`: poetry itself is wrong
        yield _event(C, out, i, "poetry", tool="poetry")
    for i in out.find("trying to use a Poetry command that is not available"):  # `poetry shell` on 2.x
        cmd = None
        for j in range(i + 1, min(len(out.lines), i + 5)):
            if m := _POETRY_NOT_INSTALLED_CMD.search(out.lines[j]):
                cmd = m["cmd"]
                break
        yield _event(C, out, i, cmd, tool="poetry")
    for needle in ("The following packages were not found: ", "Extra [", " exists and is not empty",
                   "Could not find the python executable ", " does not exist", "poetry.lock not found",
                   "' is not a valid directory",  # `poetry -C dir` / `--directory dir`
                   "\nSource with name ", " section already exists"):  # `source remove x`, `init` in a project
        for i in out.find(needle):  # names the command gave that the project or machine lacks
            if m := _POETRY_NAMED.match(out.lines[i]):
                subject = next(v for v in m.groups() if v)
                yield _event(C, out, i, PYTHON if m["exe"] else subject, tool="poetry")
    if out.failed:
        yield from _poetry_entry_point_refused(out)
    for i in out.find("\nRepository "):  # `poetry publish -r name` of a repository not configured
        if m := _POETRY_REPO_UNDEFINED.match(out.lines[i]):
            yield _event(C, out, i, m["name"], tool="poetry")
    if out.failed:
        yield from _poetry_bad_choice(out)
    for i in out.find("\nInvalid "):  # cleo prints an uncaught ValueError's text alone:
        # `Invalid format: egg` (`build --format`), `Invalid config setting format: x. Config
        # settings must be ...` (`build --config-settings x`): the option that gave the value
        if m := _POETRY_INVALID_VALUE.match(out.lines[i]):
            option = option_with_value(out.command, m["value"])
            if option or m["what"] == "format":
                yield _event(C, out, i, option or m["value"], tool="poetry")
    for i in out.find("\ninvalid literal for "):  # int() of a value poetry read (a setting, an
        # environment variable): the option when the command gave the value, else unnamed
        if m := _PY_BAD_LITERAL.match(out.lines[i]):
            yield _event(C, out, i, option_with_value(out.command, m["value"])
                         or _poetry_config_key(out.command, m["value"]), tool="poetry")
    for i in out.find("\nNo suitable standalone build found"):  # `poetry python install 3.99`
        yield _event(C, out, i, PYTHON, tool="poetry")
    for i in out.find("\nNo files to publish"):  # `poetry publish` before `poetry build`: dist/ is empty
        yield _event(C, out, i, None, tool="poetry")
    for i in out.find("\n[Errno "):  # cleo prints an uncaught OSError's text alone: the path poetry was given
        if m := _POETRY_OSERROR.match(out.lines[i]):
            denied = m["errno"] in ("1", "13")
            yield _event(Category.PERMISSION if denied else C, out, i, m["path"], tool="poetry")
    for i in out.find(" in non-package mode"):  # `poetry build` / `publish` with `package-mode = false`
        yield _event(C, out, i, "package-mode", tool="poetry")
    if out.failed and " check" in (out.command or ""):
        yield from _poetry_check_warnings(out)
    for i in out.find("Setting "):  # `poetry config x.y` of a setting that does not exist
        if m := _POETRY_SETTING.match(out.lines[i]):
            yield _event(C, out, i, m["key"], tool="poetry")
    for i in out.find("The URL of PyPI is fixed"):  # `poetry source add pypi <url>`: the name is reserved
        yield _event(C, out, i, "pypi", tool="poetry", rank=Rank.ROOT)
    for i in out.find("Missing ["):  # a [[tool.poetry.source]] lacking a key: `Missing [url] in source 'x'.`
        if m := _POETRY_SOURCE_KEY.match(out.lines[i]):
            yield _event(C, out, i, m["key"], tool="poetry", rank=Rank.ROOT)
    for i in out.find("There is no "):
        if m := _POETRY_NO_SETTING.match(out.lines[i]):
            yield _event(C, out, i, m["key"], tool="poetry")
    for i in out.find("configuration is invalid:"):  # `poetry check` / any command: schema errors listed below
        if not out.lines[i].rstrip().endswith("is invalid:"):
            continue  # the source line of a traceback quoting the message (`raise RuntimeError("...:\n" + message)`)
        yield _poetry_invalid(out, i)
    for i in out.find("Invalid PEP 440 version: '"):  # `poetry version x`, a version field
        if m := _POETRY_BAD_VERSION.search(out.lines[i]):
            yield _event(C, out, i, m["v"], tool="poetry")
    for i in out.find("(at line "):  # tomllib's words: the lock file (pyproject's are prefixed with its path)
        if (m := _TOMLLIB_ERROR.match(out.lines[i])) and "is not a valid TOML file" not in out.line(i - 1):
            location = Location("poetry.lock", int(m["line"]), int(m["col"]))
            yield _event(Category.SYNTAX, out, i, None, tool="poetry", location=location)
    for i in out.find(" is not a valid TOML file."):  # poetry-core: `<path> is not ...` then the error
        m = _TOMLLIB_ERROR.match(out.line(i + 1))
        location = Location(out.lines[i].split(" is not a valid TOML file.")[0].strip(),
                            int(m["line"]) if m else None, int(m["col"]) if m else None)
        yield _event(Category.SYNTAX, out, i, None, tool="poetry", location=location)
    for needle in ("Error connecting to repository", "HTTP Error "):  # `poetry publish`
        for i in out.find(needle):
            if not out.lines[i].startswith(needle):
                continue
            repo = _poetry_repository(out, i)
            status = out.lines[i][11:14] if needle == "HTTP Error " else ""
            if status in ("401", "403"):
                yield _event(Category.PERMISSION, out, i, repo, tool="poetry")
            else:
                yield _event(N, out, i, repo, tool="poetry", severity=_network_severity(" " + status))


_POETRY_TABLE = lazy_re(r"\[(?P<table>[a-z][\w.-]*)\]")


def _poetry_check_warnings(out: Output) -> Iterator[ErrorEvent]:
    """`poetry check --strict` fails on warnings alone (`Warning: [tool.poetry.dependencies] is
    set but ...`): the first table or key a warning names is what to change."""
    first = None
    for i in out.ending(40):  # poetry's report ends the log
        line = out.lines[i]
        if line.startswith("Error: "):  # errors explain the failure themselves
            return
        if first is None and line.startswith("Warning: "):
            first = i
    if first is not None:
        m = _POETRY_TABLE.search(out.lines[first])
        yield _event(C, out, first, m["table"] if m else None, tool="poetry")


def _poetry_bad_choice(out: Output) -> Iterator[ErrorEvent]:
    """cleo prints an uncaught exception's text only, and a `KeyError`'s text is the key's repr:
    a lone `'HIGHEST'` is an option value poetry looked up in a table of choices
    (`source add --priority=highest`). The value as the user gave it is the subject."""
    words = (out.command or "").split()
    for i in out.ending(8):  # the exception's text ends the log
        m = _QUOTED_ALONE.match(out.lines[i])
        if not m:
            continue
        key = m["key"].lower()
        for word in words[1:]:
            value = word.partition("=")[2] if word.startswith("-") else word
            if value and value.lower() == key:
                yield _event(C, out, i, value, tool="poetry")
                return


_POETRY_INVALID_VALUE = lazy_re(r"^Invalid (?P<what>[\w ]+?): (?P<value>[^\s'\"]+?)\.?(?:\s|$)")
_PY_BAD_LITERAL = lazy_re(r"^invalid literal for \w+\(\) with base \d+: '(?P<value>[^']*)'")
_POETRY_BAD_SETTING_VALUE = lazy_re(r'^"[^"]*" is an invalid value for (?P<key>[\w.-]+)\s*$')
_QUOTED_ALONE = lazy_re(r"^'(?P<key>[\w.-]+)'\s*$")


def _poetry_config_key(command: str | None, value: str) -> str | None:
    """`poetry config installer.max-workers abc`: the setting whose value `value` is (the word
    before it, after `config`)."""
    words = (command or "").split()
    if "config" not in words or value not in words:
        return None
    k = words.index(value)
    key = words[k - 1] if k > words.index("config") + 1 else ""
    return key if key and not key.startswith("-") else None


def _poetry_repository(out: Output, i: int) -> str | None:
    """`Publishing demo (0.1.0) to PyPI`: the repository an upload went to."""
    for j in range(i - 1, max(-1, i - 30), -1):
        if m := _POETRY_PUBLISHING.match(out.lines[j]):
            return m["repo"]
    return None


def _program(out: Output) -> str | None:
    """The program the command line starts (`poetry` for `poetry run pytest`)."""
    words = (out.command or "").split()
    if len(words) > 2 and os.path.basename(words[0]) in _SHELLS and words[1] == "-c":
        # `bash -c 'cd x && poetry add y'`: the programs the script's commands start
        for part in re.split(r"&&|\|\||;", " ".join(words[2:]).strip("'\"")):
            if part.split() and part.split()[0] == "poetry":
                return "poetry"
    return os.path.basename(words[0]) if words else None


_SHELLS = {"bash", "sh", "zsh", "dash"}


#: poetry's own line as it makes or picks the project's environment, just before it runs a command
_POETRY_ENV_LINE = lazy_re(r"^(?:Creating virtualenv \S+ in |Using virtualenv: )\S")


def _poetry_ran(out: Output, i: int, cmd: str) -> bool:
    """Whether poetry's `Command not found: cmd` on line i is poetry's though the command line
    does not run poetry: a `poetry run` the wrapper (make, `bash -x`) echoed a few lines above
    decides (poetry's line answers the one that runs `cmd`, not another command's run); with no
    echo, poetry's own environment line just above it (a first run, as in CI), or a shell
    script the command runs (`bash scripts/migrate.sh`, `./run.sh`) whose lines are not echoed."""
    echoed = [m["cmd"] for j in range(i - 1, max(-1, i - 8), -1)
              if (m := _POETRY_RUN_ECHO.match(out.lines[j]))]
    if echoed:
        return cmd in echoed
    if any(_POETRY_ENV_LINE.match(out.line(j)) for j in range(i - 3, i)):
        return True
    words = (out.command or "").split()
    if len(words) > 1 and os.path.basename(words[0]) in _SHELLS:
        words = words[1:]  # `bash x.sh`: the script (a `-c` string is read by _program)
    return bool(words) and not words[0].startswith("-") and words[0].endswith(".sh")


def _poetry_source(out: Output, i: int) -> str | None:
    """The dependency poetry was building: the `Installing x (` or `path:` line above."""
    for j in range(i - 1, max(-1, i - 50), -1):
        if m := _POETRY_SOURCE.match(out.lines[j]):
            return m["name"] or os.path.basename(m["path"].rstrip("/"))
    return None


_POETRY_ENTRY_POINT = lazy_re(r"^Warning: '(?P<name>[^']+)' is an entry point defined in pyproject\.toml")


def _poetry_entry_point_refused(out: Output) -> Iterator[ErrorEvent]:
    """`poetry run name` of a `[tool.poetry.scripts]` entry: poetry warns that it runs the entry
    uninstalled, then builds `import_module(module).function()` from it. A failure with no
    traceback below is poetry refusing the entry itself (`ledger.cli` with no `:function`:
    `not enough values to unpack`), not the script failing: the entry is what to fix."""
    for i in out.find("' is an entry point defined in pyproject.toml"):
        if not (m := _POETRY_ENTRY_POINT.match(out.lines[i])):
            continue
        if "Traceback (most recent call last)" in out.text or "SyntaxError" in out.text:
            return
        last = next((j for j in range(len(out.lines) - 1, i, -1) if out.lines[j].strip()), None)
        if last is not None and not out.lines[last].startswith(("Run `poetry", "The support")):
            yield _event(C, out, last, m["name"], tool="poetry")
        return


def _invalid_pyproject_below(out: Output, i: int) -> bool:
    """A failed build whose backend output (below it) says pyproject.toml or setup()'s keywords
    are invalid: the build failing is the consequence."""
    for needle in ("configuration error: ", " setup command: "):
        below = next(out.find(needle, i + 1), None)
        if below is not None and below < i + 60:
            return True
    return False


def parse(out: Output) -> Iterator[ErrorEvent]:
    yield from _pyproject_invalid(out)
    yield from _pip(out)
    yield from _uv(out)
    yield from _poetry(out)
