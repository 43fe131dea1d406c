"""mypy (and dmypy): one `path:line[:col]: error|note|warning: message  [code]` per diagnostic,
closed by `Found N errors in M files` or `Success: no issues found`.

An unresolved import is a missing dependency, a `[syntax]` error stops the check, the rest are
type errors (`build`) named by the symbol they quote when the message template says which
quote is a name, else by the error code. `--pretty` wraps long messages onto the next lines.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator

from lsp_heal.detect._options import spelling_used
from lsp_heal.detect._regex import lazy_re
from lsp_heal.detect.output import Output
from lsp_heal.model import Category, ErrorEvent, Location, Rank, Severity

TOOL = "mypy"

_DIAG = lazy_re(
    r"^(?P<path>[^\s:<][^:]*?\.pyi?|<string>):(?P<line>\d+):(?:(?P<col>\d+):)?(?:\d+:\d+:)? "
    r"(?P<kind>error|note|warning): (?P<msg>.*?)(?:  \[(?P<code>[a-z][a-z0-9-]*)\])?$"
)
_WRAPPED_CODE = lazy_re(r"(?:^| )\[(?P<code>[a-z][a-z0-9-]*)\]$")
_FOUND = lazy_re(
    r"^Found \d+ errors? in \d+ files? \((?:checked \d+ source files?|errors prevented further checking)\)$"
)
_FILE_ERROR = lazy_re(r"^(?P<path>[^\s:]+): error: (?P<msg>.+)$")
_CLI_ERROR = lazy_re(r"^mypy: error: (?P<msg>.+)$")
_CANT_READ = lazy_re(r"^mypy: can't read (?:file|directory) '(?P<path>[^']+)': (?P<why>.+)$")
#: mypy's complaints about the source list (find_sources.py's InvalidSourceList), bare lines.
_SOURCE_LIST_WORDS = ("There are no .py[i] files in directory '", " is not a valid Python package name")
#: main.py's check of `-p PACKAGE` before any build, a bare line and exit 2: the package is not on
#: the search path (`Can't find package 'x'`), or is installed without `py.typed` (`Package 'x'
#: cannot be type checked due to missing py.typed marker.`). A module given with `-m` is only
#: looked for by the build: `mypy: error: Cannot find module "x"` (read with the `mypy:` errors).
_PACKAGE_WORDS = ("Can't find package '", "' cannot be type checked due to missing py.typed marker")
_PACKAGE = lazy_re(r"^(?:Can't find package '(?P<pkg>[^']+)'"
                   r"|Package '(?P<untyped>[^']+)' cannot be type checked due to missing py\.typed marker\.?)$")
_SOURCE_LIST = lazy_re(r"^There are no \.py\[i\] files in directory '(?P<dir>[^']+)'$"
                       r"|^(?P<pkg>\S+) (?:contains __init__\.py but )?is not a valid Python package name$")
#: What a command-line error names: `unrecognized arguments: --x`, `argument --python-version:
#: ...`, `Cannot find module "shop.x"` (-m / -p).
_CLI_SUBJECT = lazy_re(r"^unrecognized arguments: (?P<arg>\S+)|^argument (?P<opt>--?[A-Za-z][\w-]*)"
                       r"|\"(?P<name>[^\"]+)\"|'(?P<sq>[^']+)'")
#: argparse errors that name no option but refuse one option's value: the Python version to
#: check for (mypy 0.980+ refuses 2.x after parsing, whether `--python-version` or a config
#: file's `python_version` gave it; no interpreter of that version is found).
_VERSION_WORDS = ("no longer supports checking Python 2", "Python executable matching version")
#: Else the option a sentence of main.py names (`--package-root does not work here`); of two
#: that cannot go together (`--cache-map is incompatible with --sqlite-cache`), the last.
_FLAG = lazy_re(r"(?<![\w-])--[A-Za-z][\w-]*")
#: An error at a line of the config file: a plugin that cannot be imported or is not one.
_CONFIG_DIAG = lazy_re(r"^(?P<path>[^\s:][^:]*?\.(?:ini|cfg|toml)):(?P<line>\d+): error: "
                       r"(?P<msg>.*?)(?:  \[[a-z][a-z0-9-]*\])?$")
_CONFIG_WARNING = lazy_re(r"^(?P<path>[^\s:]+\.(?:ini|cfg|toml)): \[(?P<section>[^\]]+)\]: (?P<msg>.+)$")
#: config_parser's complaints about one section: `Unrecognized option: key = value`
#: (`Unrecognized report type: x`), `key: why the value is wrong` (`Not a boolean: maybe`,
#: `Python 3.9 is not supported ...`); others name no key (`Patterns must be fully-qualified`).
_CONFIG_KEY = lazy_re(r"^Unrecognized [a-z ]+: (?P<named>[^\s=]+)|^(?P<key>[A-Za-z_][\w.-]*): ")
#: A config file mypy could not parse (it goes on without it): tomllib's `... (at line 5,
#: column 3)`, configparser's `Source contains parsing errors` / `no section headers`, whose
#: line is on the next line (`[line  3]: ...`, `file: 'setup.cfg', line: 1`).
_CONFIG_PARSE = lazy_re(r"^(?P<path>[^\s:]+\.(?:ini|cfg|toml)): (?P<msg>.+?)"
                           r"(?: \(at line (?P<line>\d+), column (?P<col>\d+)\))?$")
_CONFIG_PARSE_WORDS = (" (at line ", "Source contains parsing errors", "contains no section headers")
_INI_LINE = lazy_re(r"^\s*\[line +(?P<line>\d+)\]|, line: (?P<line2>\d+)$")
#: What is left of curses' sgr0 (`ESC ( B ESC [ m`) once escapes are dropped: mypy's
#: `--color-output` on an xterm puts it right after `error:`, where mypy itself never would.
_IMPORT = lazy_re(
    r'(?:Cannot find implementation or library stub for module named|Library stubs not installed for'
    r'|Skipping analyzing) "(?P<mod>[\w.]+)"'
)
_STUBS_HINT = lazy_re(r'note: Hint: "[^"]*pip install (?P<pkg>[\w.-]+)')
_IMPORT_CODES = {"import-not-found", "import-untyped", "import"}
#: Templates whose quoted part is a name: `Name "x" is not defined` → x.
_SYMBOL_TEMPLATES = (
    r'^Name "(?P<s>[^"]+)" (?:is not defined|already defined|is used before definition|may be undefined)',
    r'^Cannot (?:assign to|override) final (?:name|attribute) "(?P<s>[^"]+)"',
    r'^Cannot determine type of "(?P<s>[^"]+)"',
    r'^Property "(?P<s>[^"]+)" defined in "[^"]+" is read-only',
    r'^"(?P<s>[^"]+)" gets multiple values for keyword argument',
    r'has no attribute "(?P<s>[^"]+)"',
    r'^TypedDict "[^"]+" has no key "(?P<s>[^"]+)"',
    r'does not explicitly export attribute "(?P<s>[^"]+)"',
    (r'^(?:Argument (?:\d+|"[^"]+")|Missing (?:positional|named) arguments?'
     r'|Unexpected keyword argument|Too (?:many|few)(?: positional)? arguments'
     r'|Extra argument "[^"]+" from \*\*args).*? (?:to|for|in call to) "(?P<s>[^"]+)"'),
    r'^No overload variant of "(?P<s>[^"]+)"',
    r'^Call to untyped function "(?P<s>[^"]+)"',
    r'^"(?P<s>[^"]+)" does not return a value',
    r'^Cannot instantiate (?:abstract|protocol) class "(?P<s>[^"]+)"',
    r'^Incompatible default for (?:argument|parameter) "(?P<s>[^"]+)"',
    r'^Function "(?P<s>[^"]+)" could always be true',
    # [truthy-bool] / [truthy-iterable]: `Member "x" has type "T" which does not implement
    # __bool__ ...`, `"x" has type "T" of which no members implement ...` (an `Expression has
    # type` names nothing: the code)
    r'^(?:Member )?"(?P<s>[^"]+)" has type .+? (?:of )?which (?:does not implement|no members implement|can always be true)',
    r'^Value of type variable "[^"]+" of "(?P<s>[^"]+)" cannot be',
    r'^Trying to read deleted variable "(?P<s>[^"]+)"',
    r'^Cannot assign to class variable "(?P<s>[^"]+)" via instance',
    r'^Need type annotation for "(?P<s>[^"]+)"',
    r'^(?:Signature|Return type "[^"]*") of "(?P<s>[^"]+)" incompatible with',
    r'^Argument \d+ of "(?P<s>[^"]+)" is incompatible with supertype',
    r'^Call to abstract method "(?P<s>[^"]+)" of "[^"]+" with trivial body via super',
    r'^Method "(?P<s>[^"]+)" is not using @override',
    r'^Definition of "(?P<s>[^"]+)" in base class "[^"]+" is incompatible',
    r'^Untyped decorator makes function "(?P<s>[^"]+)" untyped',
    r'^Trying to assign name "(?P<s>[^"]+)" that is not in "__slots__"',
    r'^(?:Variable|Function|Module) "(?P<s>[^"]+)" is not valid as a type',
    r'^Attribute "(?P<s>[^"]+)" already defined on line',
    r'^Incompatible import of "(?P<s>[^"]+)"',
    r'^Type argument "[^"]+" of "(?P<s>[^"]+)" must be',
    r'^"(?P<s>[^"]+)" expects (?:no|\d+) type arguments?',
    r'^Cannot resolve name "(?P<s>[^"]+)"',
    r'^Final name "(?P<s>[^"]+)" must be initiali[sz]ed',
    # a class statement that names the class it may not build on: `Cannot inherit from final
    # class "Base"`, `Class cannot subclass "Base" (has type "Any")` (--disallow-subclassing-any)
    # and `Cannot determine consistent method resolution order (MRO) for "C"`
    r'^Cannot inherit from final class "(?P<s>[^"]+)"',
    r'^Class cannot subclass "(?P<s>[^"]+)" \(has type',
    r'^Cannot determine consistent method resolution order \(MRO\) for "(?P<s>[^"]+)"',
    # a name used where its kind forbids it: `Type variable "m.T" is unbound` (as printed,
    # qualified), `Attempted to reuse member name "RED" in Enum definition "Color"`,
    # `Cannot access final instance attribute "x" on class object`
    r'^Type variable "(?P<s>[^"]+)" is unbound',
    r'^Attempted to reuse member name "(?P<s>[^"]+)" in Enum definition',
    r'^Cannot access final instance attribute "(?P<s>[^"]+)"',
    # [name-match]: the variable a functional form is assigned to (namedtuple, TypedDict,
    # NewType, TypeVar, ParamSpec, Enum): `First argument to namedtuple() should be "Point", not
    # "Pt"`, `String argument 1 "T_" to TypeVar(...) does not match variable name "T"`
    r'^First argument to namedtuple\(\) should be "(?P<s>[^"]+)"',
    r'^(?:String|First) argument (?:1 )?"[^"]*" to [\w.]+\(\S*\) does not match variable name "(?P<s>[^"]+)"',
    # [deprecated]: `{kind} {fullname} is deprecated: {reason}` (kind: class, function, ...)
    r'^(?:class|function|method|overload def \(.*\) of function) (?P<s>[\w.]+) is deprecated',
)


def _one_pattern(templates: list[str], anchored: bool):
    """The templates as one alternation (each `s` group renamed), tried once per message."""
    branches = [t.removeprefix("^").replace("(?P<s>", f"(?P<s{k}>") for k, t in enumerate(templates)]
    return lazy_re(("^" if anchored else "") + "(?:" + "|".join(branches) + ")")


#: Most templates start the message: one match at its start tries them all, in order.
_SYMBOL_START = _one_pattern([t for t in _SYMBOL_TEMPLATES if t.startswith("^")], True)
_SYMBOL_INSIDE = _one_pattern([t for t in _SYMBOL_TEMPLATES if not t.startswith("^")], False)
#: The daemon client's complaints about its status file (`dmypy status` / `check` / `stop` with
#: no daemon, or one that died), printed alone before exit 2: start the daemon first.
_DAEMON_DOWN = ("No status file found", "Daemon has died", "Malformed status file",
                "Status file not JSON", "Invalid status file", "Daemon is still alive")
_SYNTAX_START = ("invalid syntax", "unexpected indent", "unindent does not match", "Expected ")


def parse(out: Output) -> Iterable[ErrorEvent]:
    found = [i for i in out.find("Found ") if _FOUND.match(out.lines[i])]
    mypy = out.tool in {"mypy", "dmypy"} or bool(found) or out.has("Success: no issues found")
    diagnostics: set[int] = set()
    for kind in (": error: ", ": note: ", ": warning: "):
        # every compiler prints these (`main.c:3:1: error: `): a diagnostic names a .py file
        for i in out.find(kind):
            # (`mypy -c PROGRAM` names the program `<string>`)
            if (".py" in (line := out.lines[i]) or line.startswith("<string>:")) and (m := _DIAG.match(line)):
                diagnostics.add(i)
                if mypy or m["code"]:
                    yield _diagnostic(out, i, m)
    yield from _package_errors(out, mypy)
    # `-O json` prints no `Found N errors`: its objects say they are mypy's by their keys
    yield from _json_diagnostics(out)
    if mypy:
        yield from _run_errors(out, found, diagnostics)
    else:
        # under a wrapper (make, a script) with nothing else of mypy's: its own `mypy: ` lines
        # (argparse's prog name) still say what was wrong with its command line
        yield from _prog_lines(out, cli=True)
    if out.tool == "dmypy" and out.failed:
        yield from _daemon_errors(out)


def _package_errors(out: Output, mypy: bool) -> Iterator[ErrorEvent]:
    """`mypy -p x` on a package mypy cannot find (or cannot check): the package named on the
    command line is wrong, `configuration` with the package as subject. The bare line is mypy's
    only when mypy runs: the command, or the lines just before it (a make recipe's echo)."""
    for word in _PACKAGE_WORDS:
        for i in out.find(word):
            if (m := _PACKAGE.match(out.lines[i])) and _mypy_near(out, i, mypy):
                yield _config(out.lines[i], i, m["pkg"] or m["untyped"])
    for word in _SOURCE_LIST_WORDS:
        # mypy's InvalidSourceList (find_sources.py), printed bare before any check, exit 2: a
        # folder given that holds no Python file (`There are no .py[i] files in directory 'x'`),
        # a package folder whose name is no identifier (`my-pkg [contains __init__.py but] is
        # not a valid Python package name`): the paths given are wrong, the path is the subject.
        # Bare lines too: mypy's when mypy runs (a make recipe's echo just before)
        for i in out.find(word):
            if (m := _SOURCE_LIST.match(out.lines[i])) and _mypy_near(out, i, mypy):
                yield _config(out.lines[i], i, m["dir"] or m["pkg"])


def _mypy_near(out: Output, i: int, mypy: bool) -> bool:
    """Whether a bare line at i is mypy's: mypy runs, by the command or the lines just before."""
    return (mypy or "mypy" in (out.command or "")
            or any("mypy" in out.line(j) for j in range(max(i - 5, 0), i)))


def _daemon_errors(out: Output) -> Iterator[ErrorEvent]:
    """dmypy's client prints what is wrong with the daemon as its last line (no literal is
    asked for: only a dmypy run's last lines are read)."""
    for i in range(len(out.lines) - 1, max(len(out.lines) - 4, -1), -1):
        if out.lines[i].startswith(_DAEMON_DOWN):
            yield ErrorEvent(Category.CONFIGURATION, Severity.HIGH, TOOL, out.lines[i].strip(),
                             rank=Rank.ROOT, line_index=i)
            return


def _diagnostic(out: Output, i: int, m: re.Match) -> ErrorEvent:
    message, code = m["msg"], m["code"]
    if code is None and m["kind"] != "note":
        message, code = _unwrap(out, i, message)
    # `<string>` is the program given with -c: no file to open
    location = (None if m["path"] == "<string>" else
                Location(m["path"], int(m["line"]), int(m["col"]) if m["col"] else None))
    return _reading(out, i, m["kind"], message, code, location)


#: The keys of every object mypy's `--output json` prints (mypy/error_formatter.py)
_JSON_KEYS = {"file", "line", "column", "message", "hint", "code", "severity"}


def _json_diagnostics(out: Output) -> Iterator[ErrorEvent]:
    """`--output json`: one object a line with file, line, column, message, hint, code and
    severity (mypy ≥ 1.11)."""
    for i in out.find('"severity": "'):
        line = out.lines[i]
        if not line.startswith('{"file": '):
            continue
        try:
            d = json.loads(line)
        except ValueError:
            continue
        if not isinstance(d, dict) or not _JSON_KEYS <= d.keys():
            continue  # another tool's JSON: mypy's JSONFormatter writes all of these keys
        kind, path, number = d.get("severity"), d.get("file"), d.get("line")
        if kind not in {"error", "note", "warning"} or not isinstance(path, str):
            continue
        column = d.get("column")
        location = Location(path, number if isinstance(number, int) and number > 0 else None,
                            column + 1 if isinstance(column, int) and column >= 0 else None)
        yield _reading(out, i, kind, str(d.get("message") or ""), d.get("code") or None, location)


def _reading(out: Output, i: int, kind: str, message: str, code: str | None,
             location: Location | None) -> ErrorEvent:
    text = f"{kind}: {message}" + (f"  [{code}]" if code else "")
    if kind == "note":
        return ErrorEvent(Category.BUILD, Severity.INFO, TOOL, text, location=location,
                          rank=Rank.SUMMARY, line_index=i)
    severity = Severity.LOW if kind == "warning" else Severity.HIGH
    details = {"code": code} if code else {}
    if (code in _IMPORT_CODES or code is None) and (imported := _IMPORT.search(message)):
        if stubs := _stubs_hint(out, i):
            details["stubs"] = stubs
        return ErrorEvent(Category.DEPENDENCY, severity, TOOL, text, subject=imported["mod"],
                          location=location, rank=Rank.ROOT, line_index=i, details=details)
    if code == "syntax" or (code is None and message.startswith(_SYNTAX_START)):
        return ErrorEvent(Category.SYNTAX, severity, TOOL, text, location=location,
                          rank=Rank.ROOT, line_index=i, details=details)
    return ErrorEvent(Category.BUILD, severity, TOOL, text, subject=_symbol(message) or code,
                      location=location, rank=Rank.ERROR, line_index=i, details=details)


def _unwrap(out: Output, i: int, message: str) -> tuple[str, str | None]:
    """`--pretty` continues a long message on the next lines, up to its `[code]`."""
    parts = [message]
    for j in range(i + 1, min(i + 4, len(out.lines))):
        line = out.lines[j]
        alone = line.strip().startswith("[")  # ` [arg-type]`: only the code was wrapped
        if not line or (line[0].isspace() and not alone) or _DIAG.match(line) or _FOUND.match(line):
            break
        parts.append(line.strip())
        if m := _WRAPPED_CODE.search(line.strip()):
            joined = " ".join(parts)
            return joined[: joined.rfind("[")].rstrip(), m["code"]
    return message, None


def _stubs_hint(out: Output, i: int) -> str | None:
    """The stubs package mypy's next note suggests (`pip install types-PyYAML`)."""
    for j in range(i + 1, min(i + 3, len(out.lines))):
        if m := _STUBS_HINT.search(out.lines[j]):
            return m["pkg"]
    return None


def _symbol(message: str) -> str | None:
    m = _SYMBOL_START.match(message) or _SYMBOL_INSIDE.search(message)
    return next((v for v in m.groupdict().values() if v), None) if m else None


def _run_errors(out: Output, found: list[int], diagnostics: set[int]) -> Iterator[ErrorEvent]:
    """The recap, and errors about the run itself: a missing file, a bad option or config."""
    for i in found:
        yield ErrorEvent(Category.BUILD, Severity.HIGH, TOOL, out.lines[i].strip(),
                         rank=Rank.SUMMARY, line_index=i)
    for i in out.find(": error: "):
        if i in diagnostics:
            continue
        line = out.lines[i]
        # what comes before `: error: ` tells the shapes apart: `mypy` or a file (no colon),
        # or a config file's `path:line`
        if ":" in line[:line.find(": error: ")]:
            if m := _CONFIG_DIAG.match(line):
                n = _CLI_SUBJECT.search(m["msg"])
                event = _config(line, i, n and (n["name"] or n["sq"]))
                event.location = Location(m["path"], int(m["line"]))
                yield event
        elif m := _CLI_ERROR.match(line):
            yield _config(line, i, _cli_subject(out, m["msg"]))
        elif m := _FILE_ERROR.match(line):
            yield _file_error(line, i, m["path"], m["msg"])
    yield from _prog_lines(out, cli=False)
    for word in _CONFIG_PARSE_WORDS:
        for i in out.find(word):
            if (m := _CONFIG_PARSE.match(out.lines[i])) and not _DIAG.match(out.lines[i]):
                line = m["line"]
                if line is None and (n := _INI_LINE.search(out.line(i + 1))):
                    line = n["line"] or n["line2"]
                location = Location(m["path"], int(line) if line else None,
                                    int(m["col"]) if m["col"] else None)
                yield ErrorEvent(Category.SYNTAX, Severity.HIGH, TOOL, out.lines[i].strip(),
                                 location=location, rank=Rank.ROOT, line_index=i)
    for i in out.find("]: "):
        if m := _CONFIG_WARNING.match(out.lines[i]):
            option = _config_option(m["msg"], m["section"])
            yield ErrorEvent(Category.CONFIGURATION, Severity.LOW, TOOL, out.lines[i].strip(),
                             subject=option, location=Location(m["path"]), rank=Rank.ERROR,
                             line_index=i)


def _prog_lines(out: Output, cli: bool) -> Iterator[ErrorEvent]:
    """mypy's own complaints about its arguments before any check: `mypy: can't read file
    'x.py': No such file or directory` (a file named on the command line); with `cli`, also
    argparse's `mypy: error: unrecognized arguments: --x` (else read with the other errors)."""
    for i in out.find("\nmypy: "):
        if cli and (m := _CLI_ERROR.match(out.lines[i])):
            yield _config(out.lines[i], i, _cli_subject(out, m["msg"]))
        elif m := _CANT_READ.match(out.lines[i]):
            if "ermission denied" in m["why"]:
                yield ErrorEvent(Category.PERMISSION, Severity.HIGH, TOOL, out.lines[i].strip(),
                                 subject=m["path"], location=Location(m["path"]), rank=Rank.ROOT,
                                 line_index=i)
            else:
                yield _config(out.lines[i], i, m["path"])


def _cli_subject(out: Output, message: str) -> str | None:
    """What `mypy: error: message` is about: the argument or option argparse names, a quoted
    name, else the option whose value main.py refused after parsing (the Python version: as
    the command line typed it, else the config file's key), else an option the sentence names."""
    if n := _CLI_SUBJECT.search(message):
        return n["arg"] or n["opt"] or n["name"] or n["sq"]
    if any(word in message for word in _VERSION_WORDS):
        return spelling_used(out.command or "", ("--python-version",)) or "python_version"
    flags = _FLAG.findall(message)
    if not flags:
        return None
    return flags[-1] if " incompatible with " in message else flags[0]


def _config_option(message: str, section: str) -> str:
    """The option a config-file complaint is about: the one named, else the section."""
    if m := _CONFIG_KEY.match(message):
        return m["named"] or m["key"]
    return section


def _file_error(line: str, i: int, path: str, message: str) -> ErrorEvent:
    """An error about a whole file (build.py's `path: error: ...`, no line): mypy could not read
    it (`Cannot read file: Permission denied`), crashed on it (`INTERNAL ERROR`), could not decode it (`Cannot decode file:
    'utf-8' codec can't decode byte ...`: a source saved in another encoding, a syntax error of
    the file with no line printed); else the files given do not map to modules as they should
    (`Duplicate module named "x" (also at ...)`, `Source file found twice under different
    module names`, a missing file): configuration, the file is the subject."""
    if message.startswith("INTERNAL ERROR"):
        # mypy itself crashed on that file (a bug of mypy: a crash while checking it or while
        # formatting its errors): a failure of the type check, nothing is misconfigured
        return ErrorEvent(Category.BUILD, Severity.HIGH, TOOL, line.strip(),
                          location=Location(path), rank=Rank.ERROR, line_index=i)
    if message.startswith("Cannot decode file: "):
        return ErrorEvent(Category.SYNTAX, Severity.HIGH, TOOL, line.strip(),
                          location=Location(path), rank=Rank.ROOT, line_index=i)
    if message.startswith("Cannot read file: ") and "ermission denied" in message:
        return ErrorEvent(Category.PERMISSION, Severity.HIGH, TOOL, line.strip(), subject=path,
                          location=Location(path), rank=Rank.ROOT, line_index=i)
    return _config(line, i, path)


def _config(line: str, i: int, subject: str | None) -> ErrorEvent:
    return ErrorEvent(Category.CONFIGURATION, Severity.HIGH, TOOL, line.strip(), subject=subject,
                      rank=Rank.ROOT, line_index=i)
