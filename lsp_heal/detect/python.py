"""CPython's own reports: tracebacks, syntax errors, warnings and fatal errors.

A traceback is read from its `Traceback (most recent call last):` header down to the line that
states the exception; blocks joined by "During handling of the above exception" or "The above
exception was the direct cause" form one chain, and a chain gives one event. Its root is the
first exception of the chain, unless a later one was raised *inside* a handler by a statement
other than `raise` (the handler itself broke, e.g. a NameError in an `except` block); an
exception with a specific cause (missing module, env var, config file, refused connection,
denied path, config-file syntax) wins over plain runtime ones wherever it sits in the chain.
The location is the last frame outside site-packages, the standard library and `<frozen …>`,
looked for in the root's own block first, then in the blocks that follow it.

Readings decided here:
- `ImportError: cannot import name 'x' from 'y'` is `runtime` (subject `ImportError`,
  details name/module): the module exists, so nothing is missing to install; the name is
  wrong, the import is circular or the installed version lacks it.
- JSON / TOML errors name a line but not the file: the file is the config-file literal on the
  user's frame (`json.load(open("config.json"))`), else the user's frame itself is the place.
  `Expecting value: line 1 column 1 (char 0)` with no config file named is `runtime`: the text
  is not JSON at all (an empty body, an HTML error page), data received rather than a file;
  unless the user's call read it from a file (`json.load(fh)`, `.read_text()`): an empty file.
- A script that stops with `sys.exit("message")` prints the message alone, no traceback: when
  nothing else explains a failed run, its last line is read for a version requirement or a
  missing setting (`configuration`).
- A `FileNotFoundError` (or `IsADirectoryError` / `NotADirectoryError`: the path is there but
  of the wrong kind) is `configuration` when the file looks like a config file (by name)
  or is an argument of the command line (a path the user named),
  `dependency` when subprocess could not find a command, else `runtime`. A log file a logging
  handler could not open (its folder is missing; logging.config's `Unable to configure
  handler`) is a path of the program's settings: `configuration`, subject the path.
- A URL no client can use (requests' `MissingSchema` / `InvalidSchema` / `InvalidURL`, httpx's
  `UnsupportedProtocol`, urllib3's `LocationParseError`, urllib's `unknown url type`) is
  `configuration`, subject the URL as quoted.
- An exception of any type whose message names an environment variable (`Set the X
  environment variable`, flask's `from_envvar`) or says a CAPITALISED_SETTING is not set, a
  pydantic settings model's ValidationError, and an `ImproperlyConfigured` / `ConfigError`
  that starts its chain are `configuration`, subject the variable / setting / field.
- A bare `TimeoutError` (no message) is `network` only when a socket, a stream or a network
  client is in its frames; a future, a pool or `wait_for` on plain work is `runtime`.
- Usage errors (argparse's `prog: error:`, click's `Try '... --help' for help.` / `Error:`)
  are `configuration`, subject the option, its long flag when both are printed.
- A `FileNotFoundError` raised by `os.exec*` / `os.spawn*` / `os.posix_spawn*` (no file in
  the message, or the program's) is `dependency`: the program to run is not installed; the
  subject is the call's first argument when it is a literal.
- A template engine that cannot find a template (jinja2's `TemplateNotFound`, Django's
  `TemplateDoesNotExist`, mako's lookup errors) is `configuration`, subject the template name:
  a path the code names that is not where the loader looks.
- `sys.exit("message")` prints only free text: it is not recognised.
- A traceback printed after "Exception in thread" or "Exception ignored in" did not stop the
  process: `medium`. Stdout that could not be flushed at exit (`Exception ignored in:
  <_io.TextIOWrapper name='<stdout>'>` over a bare exception line, exit 120) is `runtime`,
  subject the exception (`BrokenPipeError`). KeyboardInterrupt is `info`. A fatal error or a segfault is `critical`.

Output of test runners, installers and docker-compose, which print tracebacks of their own,
is left to their families.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from lsp_heal.detect._regex import lazy_re
from lsp_heal.detect._runs import inside, pytest_runs, together, unittest_runs
from lsp_heal.detect.output import Output
from lsp_heal.model import Category, ErrorEvent, Location, Rank, Severity

TOOL = "python"
_HEADER = "Traceback (most recent call last):"
_GROUP = "Exception Group "
_CAUSE = "The above exception was the direct cause"
_HANDLING = "During handling of the above exception"
# Tools whose families read the tracebacks they print: test runners, installers (a setup.py
# that raised), docker-compose v1 (itself a Python program). `uv run python x.py` is python.
_OTHERS = {"pytest", "py.test", "unittest", "pip", "pip3", "uv", "poetry", "pdm", "pipenv",
           "hatch", "conda", "docker-compose", "aws"}
# Python programs whose families read their tracebacks whatever ran them (`make up`).
_FOREIGN = {"docker-compose"}
_MAX_CONTINUATION = 12

_FRAME = lazy_re(r'\s*File "(?P<path>[^"]+)", line (?P<line>\d+)(?P<func>,? in .+)?$')
_EXCEPTION = lazy_re(r"(?P<type>[A-Za-z_][\w.]*)(?::[ \t]?(?P<msg>.*))?$")
_LIBRARY = lazy_re(
    r"[/\\](?:site|dist)-packages[/\\]|[/\\]lib[/\\](?:python\d[\d.]*|pypy[\d.]*)[/\\]"
    r"|[/\\]Lib[/\\]|[/\\]lib-python[/\\]"
)
_WARNING = lazy_re(r"(?P<path>[^\s:][^:]*?):(?P<line>\d+): (?P<type>[A-Z]\w*Warning): ")
# `prog` is the script, then the subcommands chosen when a subparser refuses (`cli.py db migrate`).
_ARGPARSE = lazy_re(r"(?P<prog>[\w./-]+)(?: [\w.-]+)*: error: (?P<msg>(?:the following "
                       r"arguments are required|unrecognized arguments|argument "
                       r"|one of the arguments ).*)$")
# An option as argparse names it: its flags joined by `/` (`-w/--workers`), or a positional.
_OPTION = lazy_re(r"(?<![\w-])--?[A-Za-z][\w-]*(?:/--?[A-Za-z][\w-]*)*|(?<=argument )[\w-]+")
# click's usage error names the option or argument quoted, or bare after a colon.
_CLICK_SUBJECT = lazy_re(r"'(?P<q>[^'\s]+)'(?: / '(?P<long>--[^'\s]+)')?"
                         r"|(?<![\w-])(?P<opt>--?[A-Za-z][\w-]*)")
_FATAL = lazy_re(r"Fatal Python error: (?P<what>.+)$")
_CANT_OPEN = lazy_re(
    r"\S*python[\w.]*: can't open file '(?P<path>[^']+)': \[Errno (?P<errno>\d+)\]")
# What runpy says when `python -m NAME` cannot run NAME: not installed (`No module named x`,
# or a parent package missing), or named wrongly by the user: a package with no `__main__`,
# a file name given for a module (`-m app.py`), a relative name.
_NO_MODULE_M = lazy_re(
    r"\S*python[\w.]*: (?:No module named (?P<name>[\w.]+)(?P<package>; '[\w.]+' is a package"
    r" and cannot be directly executed)?$|Error while finding module specification for "
    r"'(?P<spec>[^']+)' \(\w+: (?:No module named '(?P<parent>[\w.]+)'\)|__path__ attribute not "
    r"found)|Cannot use package as __main__ module; '(?P<main>[\w.]+)' is a package"
    r"|(?P<relative>Relative module names not supported))")
_RUNPY = ("No module named ", "Error while finding module specification for '",
          "Cannot use package as __main__ module", "Relative module names not supported")

# What exceptions say, by kind.
_NO_MODULE = lazy_re(r"No module named '?(?P<name>[\w.]+)'?")
_CANNOT_IMPORT = lazy_re(r"cannot import name '(?P<name>[^']+)' from (?:partially "
                            r"initialized module )?'(?P<module>[^']+)'")
_SHARED_LIB = lazy_re(r"(?:^|: )(?P<name>[^\s:]+\.(?:so|dylib|dll)[\w.]*): cannot open shared"
                         r"|Library not loaded: (?P<mac>\S+)")
_NO_DIST = lazy_re(r"No package metadata was found for (?P<name>\S+)"
                      r"|The '(?P<old>[^']+)' distribution was not found")
_EXTRA = lazy_re(r"'(?P<name>[\w.-]+)' (?:package|module|library) is not installed"
                    r"|Missing optional dependency '(?P<optional>[\w.-]+)'")
_QUOTED_TAIL = lazy_re(r"\[Errno -?\d+\] [^:]+: '(?P<path>[^']*)'")
_KEY = lazy_re(r"'(?P<key>[^']*)'|\"(?P<dkey>[^\"]*)\"")
_NO_SETTING = lazy_re(r"No (?:section: |option )'(?P<name>[^']*)'"
                         r"|contains an interpolation key '(?P<ref>[^']*)'")
# The user's call read the JSON text from a file (`json.load(fh)` on an opened file, `json.loads(
# path.read_text())`): an empty or truncated file is a broken file, not data a server sent. A
# response object (`json.load(urlopen(url))`, `json.load(resp)`) or stdin is data received.
_FILE_READ = lazy_re(r"\bjson\.load\((?![^)]*(?:url|resp|request|http|sock|stdin|conn))"
                     r"|\.read_(?:text|bytes)\(|\bopen\(")
# "requires Python 3.12 or newer", "Python >= 3.10 is required", "Python 2 is not supported"
_NEEDS_PYTHON = lazy_re(
    r"(?i)\brequires? (?:a )?python(?: version)? *(?:[<>=]=? *)?\d"
    r"|\bpython(?: version)? *(?:[<>=]=? *)?\d+(?:\.\d+)*\+?(?: or (?:newer|later|higher|above|greater))?"
    r" (?:is )?(?:required|needed|not supported|no longer supported|or (?:newer|later|higher))")
# A message about an environment variable, and the variable it names: right after "environment
# variable" (`The environment variable 'X' is not set`) or right before it (`Set the X
# environment variable`), else quoted, else the first NAME_IN_CAPITALS of the message.
_ENV_WORDS = lazy_re(r"(?i)\benv(?:ironment)?[ _-]?var(?:iable)?s?\b")
_ENV_NAME = lazy_re(
    r"(?i:\benv(?:ironment)?[ _-]?var(?:iable)?s?\b):?\s+['\"`]?(?P<after>[A-Z_][A-Z0-9_]*)\b"
    r"|\b(?P<before>[A-Z_][A-Z0-9_]*)['\"`]?\s+(?i:env(?:ironment)?[ _-]?var(?:iable)?)")
_QUOTED_NAME = lazy_re(r"['\"`](?P<name>[A-Za-z_][\w.-]*)['\"`]")
_CAPS_NAME = lazy_re(r"\b(?P<name>[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)\b")
# A setting the program says is missing: `SECRET_KEY must be set`, `The SECRET_KEY setting
# must not be empty`; an exception named for configuration (`ImproperlyConfigured`).
_UNSET = lazy_re(r"\b(?:is not set|isn't set|must be set|not set\b|is not configured|must not be "
                 r"empty|is (?:required|missing)|missing (?:setting|option|key)|undefined setting)")
_CONFIG_TYPES = ("ImproperlyConfigured", "ConfigError", "ConfigurationError", "ConfigException",
                 "ConfigurationException", "MissingSetting", "MissingSettingError",
                 "MissingConfigError", "MissingEnvVarError")
# A statement that reads an environment variable: `os.environ.get("X")`, `getenv('X', "")`,
# `environ["X"]`; and the exceptions its unset or malformed value raises when converted or used.
_ENV_READ = lazy_re(r"\b(?:environ\.get|getenv)\(\s*['\"](?P<name>[^'\"]+)['\"]"
                    r"|\benviron\[\s*['\"](?P<key>[^'\"]+)['\"]\s*\]")
_BAD_VALUE = {"TypeError", "AttributeError", "ValueError"}
_BAD_TEXT = ("invalid literal for", "could not convert string")
_SETTINGS_ERROR = lazy_re(r"validation errors? for \w*(?:Settings|Config)\b")
# Where a bare `TimeoutError` (no errno, no message) comes from when it is a network one: a
# socket, a stream or a network client waited; else it is a future, a pool or a lock.
_NET_FRAME = lazy_re(
    r"[/\\](?:socket|ssl|smtplib|ftplib|poplib|imaplib|telnetlib|nntplib)\.py$"
    r"|[/\\]asyncio[/\\](?:streams|selector_events|proactor_events|sslproto)\.py$"
    r"|[/\\](?:http|urllib|urllib3|requests|httpx|httpcore|aiohttp|websockets?|grpc|redis"
    r"|psycopg2?|asyncpg|pymongo|kombu|pika|paramiko|botocore|aiosmtplib|anyio[/\\]streams)[/\\]")
_CONFIG_FILE = lazy_re(r"[^\s'\"=]+\.(?:json5?|jsonc|toml|ya?ml|ini|cfg|conf|xml)$")
_SOURCE_FILE = lazy_re(r" in file (?P<path>.+?) on line (?P<line>\d+)")
_JSON_MESSAGE = lazy_re(r"^[A-Z][\w ',]*: line (?P<line>\d+) column (?P<col>\d+) \(char \d+\)$")
_HOST_PORT = lazy_re(r"host='(?P<host>[^']+)', port=(?P<port>\d+)")
_URL = lazy_re(r"\b(?:https?|wss?|ftp)://(?:[^\s/@'\"]*@)?(?P<host>\[[\w:.]+\]|[\w.-]+)"
                  r"(?::(?P<port>\d+))?")
_ADDRESS = lazy_re(r"\(\s*['\"](?P<host>[\w.:-]+)['\"]\s*,\s*(?P<port>\d+)\s*[,)]")
_HTTP_STATUS = lazy_re(r"\b(?P<code>[45]\d\d)\b")
# HTTP statuses that refuse the caller's credentials (401, 403, 407 proxy auth): permission.
_DENIED_STATUS = frozenset({401, 403, 407})
# HTTP statuses that say the URL names nothing (404 Not Found, 410 Gone): configuration.
_GONE_STATUS = frozenset({404, 410})
_FULL_URL = lazy_re(r"\b(?:https?|ftp)://[^\s'\"<>`]+")
_LINE_COL = lazy_re(r"line:? *(?P<line>\d+)(?:,? column:? *(?P<col>\d+))?")
_YAML_MARK = lazy_re(r'in "(?P<path>[^"]+)", line (?P<line>\d+), column (?P<col>\d+)')
_INI_FILE = lazy_re(r"(?:^file: |parsing errors: |While reading from )'(?P<path>[^']+)'",
                       re.MULTILINE)
_INI_LINE = lazy_re(r"(?:\[line +(?P<line>\d+)\]|, line: (?P<line2>\d+))")
_CONFIG_LITERAL = lazy_re(
    r"['\"](?P<path>[^'\"\s]+\.(?:json5?|jsonc|toml|ya?ml|ini|cfg|conf|xml))['\"]")
_CONFIG_NAME = lazy_re(
    r"(?:^|[/\\])(?:\.env[\w.]*|[^/\\]*(?:config|settings|secret|credential)[^/\\]*"
    r"|[^/\\]+\.(?:ya?ml|json5?|toml|ini|cfg|conf|env|properties))$", re.IGNORECASE)

_DOCTEST_FAILED = "Failed example:"
_DOCTEST_RAISED = "Exception raised:"
_DOCTEST_AT = lazy_re(r'File "(?P<path>[^"]+)", line (?P<line>\d+), in (?P<name>[\w.]+)$')
_PYTHON_SYNTAX = {"SyntaxError", "IndentationError", "TabError"}
_CONFIG_SYNTAX = {"JSONDecodeError", "TOMLDecodeError", "TomlDecodeError",
                  "MissingSectionHeaderError", "ParsingError", "DuplicateSectionError",
                  "DuplicateOptionError", "ExpatError", "XMLSyntaxError",
                  "InterpolationSyntaxError", "SAXParseException"}
#: Parse errors whose bare name is generic: syntax only under their module's qualified name
#: (`xml.etree.ElementTree.ParseError`: ElementTree's parse of a file or text that is no XML).
_QUALIFIED_SYNTAX = {"xml.etree.ElementTree.ParseError", "xml.etree.cElementTree.ParseError"}
_YAML_SYNTAX = {"ScannerError", "ParserError", "ComposerError", "ReaderError",
                "ConstructorError"}
_NETWORK = {
    "ConnectionError", "ConnectionRefusedError", "ConnectionResetError",
    "ConnectionAbortedError", "TimeoutError", "timeout", "gaierror", "herror", "URLError",
    "HTTPError", "SSLError", "SSLCertVerificationError", "CertificateError",
    "MaxRetryError", "NewConnectionError", "NameResolutionError", "ProtocolError",
    "ReadTimeoutError", "ConnectTimeoutError", "ReadTimeout", "ConnectTimeout", "Timeout",
    "ProxyError", "RemoteDisconnected", "IncompleteRead", "ChunkedEncodingError",
    "ConnectError", "ReadError", "WriteError", "PoolTimeout", "RemoteProtocolError",
    "HTTPStatusError", "TooManyRedirects", "ClientConnectorError", "ClientConnectionError",
    "ClientOSError", "ServerDisconnectedError", "ClientResponseError", "ServerTimeoutError",
    "ClientConnectorCertificateError", "InvalidStatusCode", "ConnectionClosedError",
}
# Linux errnos, then macOS ones: refused, in use, timed out, unreachable, reset, DNS.
_NETWORK_ERRNO = ("[Errno 111]", "[Errno 98]", "[Errno 110]", "[Errno 101]", "[Errno 113]",
                  "[Errno 104]", "[Errno -2]", "[Errno -3]", "[Errno -5]", "[Errno 61]",
                  "[Errno 48]", "[Errno 60]", "[Errno 8] nodename", "Connection refused",
                  "Name or service not known", "Temporary failure in name resolution")
_NETWORK_MARK = lazy_re("|".join(re.escape(marker) for marker in _NETWORK_ERRNO))
_DENIED = ("[Errno 13]", "[Errno 1] Operation not permitted", "[Errno 30]")
_SIGNALS = {"Segmentation fault": "SIGSEGV", "Bus error": "SIGBUS", "Aborted": "SIGABRT",
            "Floating-point exception": "SIGFPE", "Floating point exception": "SIGFPE",
            "Illegal instruction": "SIGILL"}
_SEGV_CODES = {139, -11}
# os's process-replacing calls: `os.execvp("tool", [...])`, `os.spawnlp(os.P_WAIT, "tool", ...)`,
# `os.posix_spawnp("tool", ...)`. When the program is not there, the FileNotFoundError they
# raise names no file (execv*, spawn*) or the program itself (posix_spawn*).
_EXEC_CALL = lazy_re(r"\b(?:exec[lv]p?e?|(?P<spawn>spawn[lv]p?e?)|posix_spawnp?)\("
                     r"(?(spawn)\s*[\w.]+\s*,)\s*(?:(?P<q>['\"])(?P<prog>[^'\"\s]+)(?P=q))?")
_EXEC_FRAMES = (" in _execvpe", " in execv", " in execl", " in _spawnvef", " in spawn")
_QUOTED = lazy_re(r"'(?P<s>[^']+)'|\"(?P<d>[^\"]+)\"")
# Clients' exceptions for a URL they cannot use at all (no scheme, unknown scheme, bad host).
_BAD_URL = {"MissingSchema", "InvalidSchema", "InvalidURL", "UnsupportedProtocol",
            "LocationParseError", "LocationValueError"}
_LOGGING_FILES = ("logging/__init__.py", "logging/handlers.py", "logging\\__init__.py",
                  "logging\\handlers.py")
# Template engines that cannot find a template the code names (a file under the templates
# folder): jinja2's `TemplateNotFound: 'x.html' not found in search path: 'templates'` (or the
# bare name), `TemplatesNotFound: none of the templates given were found: a, b`, Django's
# `TemplateDoesNotExist: x.html`, mako's `Cant locate template for uri 'x'`.
_TEMPLATE_MISSING = {"TemplateNotFound", "TemplatesNotFound", "TemplateDoesNotExist",
                     "TopLevelLookupException", "TemplateLookupException"}


@dataclass(slots=True)
class Frame:
    path: str
    line: int
    source: str = ""

    @property
    def is_user(self) -> bool:
        return _is_user_path(self.path)


def _is_user_path(path: str) -> bool:
    """Outside site-packages, the standard library and `<frozen …>`."""
    return not path.startswith("<") and not _LIBRARY.search(path)


# A frame line's path, line number and whether it is the user's (None: not a frame after all).
# The same library frames recur in every traceback: each line is cut and checked once. (A line
# can be a frame of one margin only, so the line alone is the key.)
_FRAME_LINES: dict[str, tuple[str, int, bool] | None] = {}


def _frame_line(line: str, start: int) -> tuple[str, int, bool] | None:
    """`  File "path", line 12, in func` (`start` is past `File "`), cut by hand: the regex
    costs more per frame."""
    if (known := _FRAME_LINES.get(line, False)) is not False:
        return known
    end = line.find('", line ', start)
    stop = line.find(",", end + 8) if end > 0 else -1
    number = line[end + 8:] if stop < 0 else line[end + 8:stop]
    parsed = None
    if end >= 0 and number.isdigit():
        path = line[start:end]
        parsed = (path, int(number), _is_user_path(path))
    if len(_FRAME_LINES) < 4096:
        _FRAME_LINES[line] = parsed
    return parsed


@dataclass(slots=True)
class Raised:
    """One block of a traceback: its frames and the exception it ends with."""

    type: str
    name: str  # the type without its module
    message: str
    line: str  # the line that states the exception, without a group's `|` margin
    index: int
    header: int
    frame_lines: list[int]  # where its `File "..."` lines are; read only when needed
    lines: list[str]
    prefix: str
    extra: list[str] = field(default_factory=list)  # the message's further lines
    handled: bool = False  # raised while handling the block before it
    found: Frame | None | bool = False  # user_frame(), once looked for

    @property
    def text(self) -> str:
        return "\n".join([self.message, *self.extra])

    @property
    def frames(self) -> Iterator[Frame]:
        """Its frames, innermost first."""
        start = len(self.prefix) + 8  # past `  File "`
        for index in reversed(self.frame_lines):
            if parsed := _frame_line(self.lines[index], start):
                yield self._frame(parsed, index)

    @property
    def paths(self) -> list[str]:
        """Its frames' paths, innermost first, without building the frames."""
        start = len(self.prefix) + 8
        return [parsed[0] for index in reversed(self.frame_lines)
                if (parsed := _frame_line(self.lines[index], start))]

    def user_frames(self) -> Iterator[Frame]:
        """Its frames in the user's code, innermost first; the others are passed over by their
        line alone, without building a Frame."""
        start = len(self.prefix) + 8
        for index in reversed(self.frame_lines):
            if (parsed := _frame_line(self.lines[index], start)) and parsed[2]:
                yield self._frame(parsed, index)

    def _frame(self, parsed: tuple[str, int, bool], index: int) -> Frame:
        after, indent = self.lines[index + 1], self.prefix + "    "
        return Frame(parsed[0], parsed[1], after.strip() if after.startswith(indent) else "")

    def user_frame(self) -> Frame | None:
        if self.found is False:
            self.found = next(self.user_frames(), None)
        return self.found

    def last_frame(self) -> Frame | None:
        return next(self.frames, None)


@dataclass(slots=True)
class Reading:
    category: Category
    rank: Rank = Rank.ROOT
    subject: str | None = None
    severity: Severity = Severity.HIGH
    location: Location | None = None
    details: dict = field(default_factory=dict)


def parse(out: Output) -> Iterator[ErrorEvent]:
    if out.tool in _OTHERS:
        return
    runs = together(pytest_runs(out), unittest_runs(out))  # their tracebacks are theirs
    found = False
    for event in _readings(out, runs):
        if not inside(runs, event.line_index):
            found = True
            yield event
    if not found and out.failed and (out.tool == "python" or out.tool in _SHELLS and _runs_python(out)):
        yield from _exit_message(out)  # not another tool's (`python -m mypy`): its family reads it


_SHELLS = frozenset({"bash", "sh", "zsh", "dash"})


def _exit_message(out: Output) -> Iterator[ErrorEvent]:
    """`sys.exit("This project requires Python 3.12")`: the message is the last line printed,
    alone; read for what it states (a version requirement, a missing setting)."""
    lines = out.lines
    for i in range(len(lines) - 1, max(len(lines) - 4, -1), -1):
        message = lines[i].strip()
        if not message:
            continue
        if "ython" in message and _NEEDS_PYTHON.search(message):
            reading = Reading(Category.CONFIGURATION, subject="python")
        else:
            reading = _stated_setting(message)
        if reading is not None:
            yield ErrorEvent(Category.CONFIGURATION, Severity.HIGH, TOOL, message,
                             subject=reading.subject, rank=Rank.ROOT, line_index=i)
        return


def _readings(out: Output, runs: list[tuple[int, int]]) -> Iterator[ErrorEvent]:
    stated: set[int] = set()
    args = frozenset((out.command or "").split()[1:])
    for chain in _chains(out):
        stated.update(r.index for r in chain)
        if all(inside(runs, r.index) for r in chain):
            continue  # a test's traceback: its event, on one of these lines, would be dropped
        if _foreign(chain) or out.line(chain[0].header - 1) == _DOCTEST_RAISED:
            continue  # an example's exception in a doctest report: the example failed
        yield _chain_event(out, chain, args)
    yield from _doctest_failures(out)
    yield from _bare_syntax_errors(out, stated)
    yield from _launcher_errors(out)
    yield from _argparse_errors(out)
    yield from _fatal_errors(out)
    yield from _flush_errors(out)
    yield from _warnings(out)


# ---- tracebacks ------------------------------------------------------------------------------


def _chains(out: Output) -> Iterator[list[Raised]]:
    """Tracebacks in order, those joined by a chaining sentence grouped together."""
    chain: list[Raised] = []
    for header in out.find(_HEADER):
        raised = _read_block(out, header)
        if raised is None:
            continue
        link = out.line(header - 2).lstrip(" |")
        if chain and link.startswith((_CAUSE, _HANDLING)):
            raised.handled = link.startswith(_HANDLING)
            chain.append(raised)
            continue
        if chain:
            yield chain
        chain = [raised]
    if chain:
        yield chain


def _foreign(chain: list[Raised]) -> bool:
    """A traceback of another family's Python program run from a script or `make`
    (`File "/usr/bin/docker-compose", line 33`): its entry frame names the program, and that
    family reads it (docker-compose v1's tracebacks are the docker family's)."""
    for raised in chain:
        if raised.frame_lines:
            line = raised.lines[raised.frame_lines[0]]
            end = line.find('", line ')
            slash = line.rfind("/", 0, end)
            if slash > 0 and line[slash + 1:end] in _FOREIGN:
                return True
    return False


def _read_block(out: Output, header: int) -> Raised | None:
    lines = out.lines
    first = lines[header]
    lead = first[: first.find(_HEADER)].removesuffix(_GROUP)
    # Only an exception group's margin (` | `, ` +-`) indents a block; other text before the
    # header is what the program printed without a newline (an `input()` prompt).
    prefix = lead.replace("+", "|") if not lead.strip(" |+-") else ""
    frames: list[int] = []
    indent, frame_mark = prefix + " ", prefix + '  File "'
    for i in range(header + 1, len(lines)):
        line = lines[i]
        if line.startswith(frame_mark):  # a frame line is indented too: one check for most
            frames.append(i)
        elif not line.startswith(indent) and not _import_trace(line):
            break
    else:
        return None  # the exception line is past the end of this chunk
    if not line.startswith(prefix):
        return None
    body = line[len(prefix):]
    m = _EXCEPTION.match(body)
    if m is None:
        return None
    kind = m["type"]
    raised = Raised(kind, kind.rsplit(".", 1)[-1], (m["msg"] or "").strip(), body.strip(), i,
                    header, frames, lines, prefix)
    for j in range(i + 1, min(i + 1 + _MAX_CONTINUATION, len(lines))):
        more = lines[j][len(prefix):] if lines[j].startswith(prefix) else ""
        if not more.strip() or more.startswith(("Traceback", _CAUSE, _HANDLING)) or _import_trace(more):
            break
        raised.extra.append(more)
    return raised


def _import_trace(line: str) -> bool:
    """A line of `python -v`'s import trace (`import 'ast' # <...SourceFileLoader ...>`, `# code
    object from '...'`, `# /p/x.pyc matches /p/x.py`, `# destroy x`): written to stderr as
    imports happen, so inside a traceback while it is printed (3.13's traceback imports its
    helpers lazily). No frame, source line or exception line starts so."""
    return line.startswith("# ") or line.startswith("import '") and "' # " in line


def _root(chain: list[Raised]) -> int:
    """The exception that started the failure: the first, unless a handler itself broke."""
    root = 0
    for k, raised in enumerate(chain):
        if raised.handled and not _reraise(raised) and not _repeat(raised, chain[k - 1]):
            root = k
    # A cancellation is how asyncio (and concurrent.futures) stops work, not why: the exception
    # it turned into says why (`wait_for` / `asyncio.timeout()`'s TimeoutError, Ctrl-C's
    # KeyboardInterrupt, a TaskGroup's error).
    while root + 1 < len(chain) and chain[root].name == "CancelledError":
        root += 1
    return root


def _repeat(raised: Raised, before: Raised) -> bool:
    """The same error again while cleaning up (a `with` block closing a file that could not be
    flushed): a consequence of the one before, not a handler of its own that broke."""
    return raised.type == before.type and raised.message == before.message


def _reraise(raised: Raised) -> bool:
    """Raised on purpose by a `raise` statement (or, with no source shown, presumably so)."""
    frame = raised.last_frame()
    source = frame.source if frame else ""
    return source.startswith("raise") or not source


def _chain_event(out: Output, chain: list[Raised], args: frozenset[str]) -> ErrorEvent:
    readings = [_read(raised, chain, args) for raised in chain]
    chosen = next((k for k, r in enumerate(readings)
                   if r.category != Category.RUNTIME and not _probe(chain, k, r)), None)
    if chosen is None:
        chosen = _root(chain)
        while _probe(chain, chosen, readings[chosen]):
            chosen += 1  # the library's fallback failed in its own way: that is the error
    raised, reading = chain[chosen], readings[chosen]
    location = reading.location or _user_location(chain, chosen)
    severity = reading.severity
    if severity.rank < Severity.MEDIUM.rank and _survived(out, chain[0].header):
        severity = Severity.MEDIUM
    details = {"exception": raised.type, **reading.details}
    if len(chain) > 1:
        details["chain"] = [r.type for r in chain]
    return ErrorEvent(reading.category, severity, TOOL, raised.line,
                      subject=reading.subject, location=location, rank=reading.rank,
                      line_index=raised.index, details=details)


def _probe(chain: list[Raised], k: int, reading: Reading) -> bool:
    """A library's own try at an optional module, handled by raising something else that does
    not name it (zoneinfo's `No module named 'tzdata'`, then `ZoneInfoNotFoundError: 'No time
    zone found with key X'`): no frame of the user's in the missing module's block, so the user
    imported nothing; the library fell back and the later error is the failure. A handler that
    names the module (Django's `Error loading psycopg2 module: No module named 'psycopg2'`) keeps
    it the cause."""
    if reading.category != Category.DEPENDENCY or k + 1 >= len(chain) or not chain[k + 1].handled:
        return False
    raised = chain[k]
    if not raised.frame_lines or raised.user_frame() is not None or not reading.subject:
        return False
    after = chain[k + 1]
    return reading.subject not in after.line and not any(reading.subject in x for x in after.extra)


def _survived(out: Output, header: int) -> bool:
    """A thread's or an ignored exception: reported, and the program went on."""
    return out.line(header - 1).startswith(("Exception in thread", "Exception ignored in"))


def _user_frame(chain: list[Raised], chosen: int) -> Frame | None:
    for raised in [*chain[chosen:], *reversed(chain[:chosen])]:
        if frame := raised.user_frame():
            return frame
    return None


def _user_location(chain: list[Raised], chosen: int) -> Location | None:
    frame = _user_frame(chain, chosen)
    return Location(frame.path, frame.line) if frame else None


def _read(raised: Raised, chain: list[Raised], args: frozenset[str] = frozenset()) -> Reading:
    """The cause an exception states, from its type and its message."""
    name, message = raised.name, raised.message
    if name in _PYTHON_SYNTAX:
        return _python_syntax(raised)
    if name == "JSONDecodeError" and _not_json_at_all(raised, chain):
        return Reading(Category.RUNTIME, Rank.ERROR, raised.type, details={"json": "not-json"})
    if (raised.type in _QUALIFIED_SYNTAX or name == "ExpatError") and _not_xml_at_all(raised, chain):
        return Reading(Category.RUNTIME, Rank.ERROR, raised.type, details={"xml": "not-xml"})
    if (name in _CONFIG_SYNTAX or raised.type in _QUALIFIED_SYNTAX
            or (name in _YAML_SYNTAX and "yaml" in raised.type)):
        return Reading(Category.SYNTAX, location=_config_location(raised, chain, args))
    if reading := (_dependency(raised, chain) or _permission(raised, chain)
                   or _configuration(raised, chain, args) or _network(raised, chain)):
        return reading
    if name == "ImportError" and (m := _CANNOT_IMPORT.search(message)):
        return Reading(Category.RUNTIME, Rank.ERROR, raised.type,
                       details={"name": m["name"], "module": m["module"]})
    if name == "KeyboardInterrupt":
        return Reading(Category.RUNTIME, Rank.ERROR, name, Severity.INFO)
    if name.endswith("ExceptionGroup"):
        return Reading(Category.RUNTIME, Rank.SUMMARY, raised.type)
    return Reading(Category.RUNTIME, Rank.ERROR, raised.type)


def _not_json_at_all(raised: Raised, chain: list[Raised]) -> bool:
    """`Expecting value: line 1 column 1 (char 0)`: the text is empty or not JSON from its
    first character (an HTML error page, plain text): data a server or a program sent, not a
    JSON file with a typo. A config file named on the user's call keeps it a syntax error."""
    if not raised.message.startswith("Expecting value: line 1 column 1 (char 0)"):
        return False
    frame = _user_frame(chain, chain.index(raised))
    return not (frame and (_CONFIG_LITERAL.search(frame.source) or _FILE_READ.search(frame.source)))


def _not_xml_at_all(raised: Raised, chain: list[Raised]) -> bool:
    """expat's `no element found: line 1, column 0` / `syntax error: line 1, column 0`: the
    text is empty or no XML from its first character (an empty or HTML body a server sent to
    `fromstring`), as `_not_json_at_all`; a file parsed (`ET.parse(path)`, `open`) stays syntax."""
    if not raised.message.endswith(": line 1, column 0"):
        return False
    frame = _user_frame(chain, chain.index(raised))
    return not (frame and (_CONFIG_LITERAL.search(frame.source) or _FILE_READ.search(frame.source)
                           or ".parse(" in frame.source))


def _python_syntax(raised: Raised) -> Reading:
    frame = raised.last_frame()
    if frame is None or frame.path.startswith("<"):
        return Reading(Category.SYNTAX)
    return Reading(Category.SYNTAX, location=Location(frame.path, frame.line))


def _dependency(raised: Raised, chain: list[Raised]) -> Reading | None:
    name, message = raised.name, raised.message
    subject = None
    if name in {"ModuleNotFoundError", "ImportError"} and (m := _NO_MODULE.match(message)):
        subject = m["name"]
    elif name in {"ImportError", "OSError"} and (m := _SHARED_LIB.search(message)):
        subject = m["name"] or m["mac"]
    elif m := _NO_DIST.search(message):
        subject = m["name"] or m["old"]
    elif name == "ImportError" and (m := _EXTRA.search(message)):
        subject = m["name"] or m["optional"]
    elif name == "FileNotFoundError" and _from_subprocess(raised):
        path = _denied_path(message)
        if path and ("/" not in path and "\\" not in path or _is_command(raised, path)):
            subject = path
    elif name == "FileNotFoundError" and (program := _exec_program(raised)) is not None:
        return Reading(Category.DEPENDENCY, subject=program or None)
    if subject is None:
        return None
    return Reading(Category.DEPENDENCY, subject=subject)


def _exec_program(raised: Raised) -> str | None:
    """The program an `os.exec*` / `os.spawn*` / `os.posix_spawn*` call could not find: named
    by the error (posix_spawnp), else the user's call's first argument (after a spawn's mode)
    when it is a literal; "" when it is not (a variable) or only os's frames show the call.
    None: not such a call."""
    frame = raised.user_frame()
    call = _EXEC_CALL.search(frame.source) if frame and "(" in frame.source else None
    if call is None and not any(mark in raised.lines[k] for k in raised.frame_lines
                                for mark in _EXEC_FRAMES):
        return None
    if path := _denied_path(raised.message):
        return path
    return (call["prog"] or "") if call else ""


def _is_command(raised: Raised, path: str) -> bool:
    """A path subprocess could not run is the program (`["./bin/tool", ...]`), unless the call
    passed a working directory, which subprocess reports the same way when it is missing."""
    frame = raised.user_frame()
    return bool(frame and path in frame.source and "cwd" not in frame.source)


def _from_subprocess(raised: Raised) -> bool:
    return any(path.endswith(("subprocess.py", "os.py")) for path in raised.paths)


def _denied_path(message: str) -> str | None:
    m = _QUOTED_TAIL.search(message)
    return m["path"] if m else None


def _permission(raised: Raised, chain: list[Raised]) -> Reading | None:
    if raised.name != "PermissionError" and not raised.message.startswith(_DENIED):
        return None
    return Reading(Category.PERMISSION, subject=_denied_path(raised.message))


#: The OSErrors that say a path is not what the program wanted: missing (errno 2), a directory
#: (21), not a directory (20).
_PATH_WRONG = frozenset({"FileNotFoundError", "IsADirectoryError", "NotADirectoryError"})


def _configuration(raised: Raised, chain: list[Raised],
                   args: frozenset[str] = frozenset()) -> Reading | None:
    name, message = raised.name, raised.message
    if name == "KeyError":
        frame = _environ_frame(raised)
        if frame and (m := _KEY.match(message)):
            return Reading(Category.CONFIGURATION, subject=m["key"] or m["dkey"])
    elif name in _PATH_WRONG:
        path = _denied_path(message)
        # a config file by its name, or a path the user gave on the command line (missing, a
        # folder where a file was wanted, a file where a folder was)
        if path and (_CONFIG_NAME.search(path) or path in args or _log_file(raised, chain)):
            return Reading(Category.CONFIGURATION, subject=path)
    elif name in _BAD_URL or (name in ("ValueError", "URLError") and "unknown url type: " in message):
        # a URL the code was given that no client can use: no scheme, an unknown scheme, a
        # malformed host (requests, urllib3, httpx, aiohttp, http.client, urllib)
        return Reading(Category.CONFIGURATION, subject=_bad_url(message))
    elif name in _BAD_VALUE and (variable := _environ_value(raised)):
        return Reading(Category.CONFIGURATION, subject=variable)
    elif name in {"NoSectionError", "NoOptionError", "InterpolationMissingOptionError"} and (
            m := _NO_SETTING.search(message)):
        return Reading(Category.CONFIGURATION, subject=m["name"] or m["ref"])
    elif "ython" in message and _NEEDS_PYTHON.search(message):
        # a version check of the script or a library: the interpreter is the wrong one
        return Reading(Category.CONFIGURATION, subject="python")
    elif name in _TEMPLATE_MISSING:
        return Reading(Category.CONFIGURATION, subject=_template_name(message))
    elif name == "ValidationError" and _settings_model(raised):
        # pydantic settings read from the environment: the field is the variable that is
        # missing or wrong (`redis_url` / REDIS_URL)
        field = next((x.strip() for x in raised.extra if x[:1] not in (" ", "\t", "")), None)
        return Reading(Category.CONFIGURATION, subject=field)
    if reading := _setting_message(raised, raised is chain[0]):
        return reading
    return None


def _log_file(raised: Raised, chain: list[Raised]) -> bool:
    """A log file a logging handler could not open (its folder is missing): the path comes
    from the program's logging settings (`dictConfig`, `fileConfig`, a `FileHandler`), whose
    failure logging.config reports as `Unable to configure handler 'x'`."""
    return any(path.endswith(_LOGGING_FILES) for path in raised.paths) or any(
        r.message.startswith("Unable to configure ") for r in chain)


def _bad_url(message: str) -> str | None:
    """The URL a client refused: the first quoted text that is not a bare scheme (`Invalid
    URL 'x': No scheme supplied`, `No connection adapters were found for 'x'`, `unknown url
    type: 'x'`), the text after `Failed to parse: `, or a message that is the URL itself."""
    for m in _QUOTED.finditer(message):
        text = m["s"] or m["d"]
        if not text.endswith("://"):
            return text
    if "Failed to parse: " in message:
        return message.split("Failed to parse: ", 1)[1].strip() or None
    if "unknown url type: " in message:  # urllib's URLError: `<urlopen error unknown url type: x>`
        return message.split("unknown url type: ", 1)[1].rstrip(">").strip() or None
    text = message.strip()
    return text if text and " " not in text else None


def _template_name(message: str) -> str | None:
    """The template a template engine could not find: quoted (`'x.html' not found in search
    path`, `for uri 'x'`), the first of a list (`...were found: a.html, b.html`), or the message
    itself (`TemplateDoesNotExist: x.html`)."""
    if m := _QUOTED.search(message):
        return m["s"] or m["d"]
    if "were found: " in message:
        message = message.split("were found: ", 1)[1].split(",", 1)[0]
    name = message.strip()
    return name if name and " " not in name else None


def _settings_model(raised: Raised) -> bool:
    """A pydantic ValidationError of a settings model (pydantic-settings, pydantic v1's
    BaseSettings, or a model named `...Settings` / `...Config`)."""
    return bool(_SETTINGS_ERROR.search(raised.message)) or any(
        "pydantic_settings" in path or path.endswith("env_settings.py") for path in raised.paths)


def _setting_message(raised: Raised, first: bool) -> Reading | None:
    """An exception of any type whose message says an environment variable or a setting is
    missing: flask's `from_envvar`, django-environ's `Set the X environment variable`, Django's
    `ImproperlyConfigured`, a program's own `RuntimeError("API_TOKEN is not set")`. An exception
    merely named for configuration counts only when it starts the chain: wrapping another
    error (`raise ConfigError(...)` in an `except ValueError`), it is that error's consequence."""
    message = raised.text if raised.extra else raised.message
    if first and raised.name.endswith(_CONFIG_TYPES) and not _ENV_WORDS.search(message):
        m = _CAPS_NAME.search(message) or _QUOTED_NAME.search(message)
        return Reading(Category.CONFIGURATION, subject=m["name"] if m else None)
    return _stated_setting(message)


def _stated_setting(message: str) -> Reading | None:
    """A message that says an environment variable or a setting is missing, and which one."""
    if ("env" in message or "Env" in message or "ENV" in message) and _ENV_WORDS.search(message):
        if m := _ENV_NAME.search(message):
            return Reading(Category.CONFIGURATION, subject=m["after"] or m["before"])
        m = _QUOTED_NAME.search(message) or _CAPS_NAME.search(message)
        return Reading(Category.CONFIGURATION, subject=m["name"] if m else None)
    if ("set" in message or "quired" in message or "issing" in message or "empty" in message
            or "configured" in message) and _UNSET.search(message) and (
            m := _CAPS_NAME.search(message)):
        return Reading(Category.CONFIGURATION, subject=m["name"])
    return None


def _environ_value(raised: Raised) -> str | None:
    """The environment variable whose value the failing statement used: `int(os.environ.get(
    "PORT"))` with PORT unset (a TypeError about None), `float(os.getenv("RATE", ""))` (a
    ValueError about the text): the variable is unset or wrong, not the code."""
    message = raised.message
    if "None" not in message and not message.startswith(_BAD_TEXT):
        return None
    frame = raised.user_frame()
    if frame is None or "env" not in frame.source:
        return None
    m = _ENV_READ.search(frame.source)
    return (m["name"] or m["key"]) if m else None


def environ_variable(name: str, message: str, source: str) -> str | None:
    """The environment variable a failing statement (`source`, its traceback line) read, when
    the exception `name: message` is what its absence or bad value raises: a KeyError of that
    key from `os.environ[...]`, a TypeError/AttributeError about None or a ValueError about the
    text from `os.environ.get(...)` / `getenv(...)`. For runners that print a test's traceback."""
    if "env" not in source or not (m := _ENV_READ.search(source)):
        return None
    variable = m["name"] or m["key"]
    if name == "KeyError":
        return variable if (k := _KEY.match(message)) and variable in (k["key"], k["dkey"]) else None
    if name in _BAD_VALUE and ("None" in message or message.startswith(_BAD_TEXT)):
        return variable
    return None


def _environ_frame(raised: Raised) -> Frame | None:
    """The user's frame that read os.environ[...] (the KeyError is then a missing variable)."""
    frame = raised.user_frame()
    if frame and ("environ" in frame.source or "getenv" in frame.source):
        return frame
    return None


#: Network-client exception names that are plain words other modules use too (tarfile's and
#: shutil's `ReadError` of an archive that is not one): network only unqualified or raised by a
#: module of a network client.
_GENERIC_NET_NAMES = frozenset({"ReadError", "WriteError", "ProtocolError", "Timeout", "timeout"})
_NET_MODULES = ("httpx", "httpcore", "urllib3", "requests", "aiohttp", "h11", "h2", "socket",
                "xmlrpc", "http", "websockets", "pip._vendor")


def _network(raised: Raised, chain: list[Raised]) -> Reading | None:
    name, message = raised.name, raised.message
    if name not in _NETWORK and not (name.endswith("Error") and _NETWORK_MARK.search(message)):
        return None
    if (name in _GENERIC_NET_NAMES and "." in raised.type
            and not raised.type.startswith(_NET_MODULES)):
        return None  # tarfile.ReadError, shutil.ReadError: an archive that is not one
    if name in {"TimeoutError", "timeout"} and not message and not _network_frames(chain):
        return None  # a future, a pool, a lock or asyncio.wait_for on plain work timed out
    reading = Reading(Category.NETWORK, subject=_endpoint(chain))
    text = " ".join(r.text for r in chain)
    if "Timeout" in name or "timed out" in message or name == "timeout":
        reading.severity = Severity.MEDIUM
    elif ("Status" in name or name.endswith(("HTTPError", "ResponseError"))
          or "HTTP Error" in message):
        reading.rank = Rank.ERROR
        m = _HTTP_STATUS.search(message)
        if m:
            code = int(m["code"])
            reading.details["status"] = code
            if code >= 500 or code == 429:
                reading.severity = Severity.MEDIUM
            elif code in _DENIED_STATUS:  # the server refused the credentials: not the network
                reading.category, reading.rank = Category.PERMISSION, Rank.ROOT
                # the URL when the output shows it: the client's message (requests' and httpx's
                # `for url ...`), else the call the traceback prints (urllib's `HTTP Error 401`)
                reading.subject = _printed_url(raised) or _called_url(chain) or reading.subject
            elif code in _GONE_STATUS:
                # no such resource at the URL the program asks for: the URL is wrong, not the
                # network (as curl's 404 on a URL given); the URL as printed, else as the call
                # spells it
                reading.category, reading.rank = Category.CONFIGURATION, Rank.ROOT
                reading.subject = _printed_url(raised) or _called_url(chain) or reading.subject
    elif "CERTIFICATE_VERIFY_FAILED" in text:
        reading.details["tls"] = "certificate"
    return reading


def _printed_url(raised: Raised) -> str | None:
    """The URL an exception's message names (`... for url: http://h/x`, `for url 'http://h/x'`)."""
    m = _FULL_URL.search(raised.message)
    return m[0].rstrip(".,;:)") if m else None


def _called_url(chain: list[Raised]) -> str | None:
    """A literal URL in the user's call that raised (`urlopen('http://h/x')`), not a template."""
    for raised in reversed(chain):
        for frame in raised.user_frames():
            if (m := _FULL_URL.search(frame.source)) and "{" not in m[0]:
                return m[0].rstrip(".,;:)")
    return None


def _network_frames(chain: list[Raised]) -> bool:
    return any(_NET_FRAME.search(path) for raised in chain for path in raised.paths)


def _endpoint(chain: list[Raised]) -> str | None:
    """`host:port` as the exceptions print it, else as the user's call spells it."""
    for raised in chain:
        if m := _HOST_PORT.search(raised.text):
            return f"{m['host']}:{m['port']}"
    for raised in chain:
        if m := _URL.search(raised.text):
            return _host(m)
    for raised in reversed(chain):
        for frame in raised.user_frames():
            if m := _URL.search(frame.source) or _ADDRESS.search(frame.source):
                return _host(m)
    return None


def _host(m: re.Match) -> str:
    return f"{m['host']}:{m['port']}" if m["port"] else m["host"]


def _config_location(raised: Raised, chain: list[Raised],
                     args: frozenset[str] = frozenset()) -> Location | None:
    """Where a config file parse error points: the file and line when printed."""
    text = raised.text
    marks = list(_YAML_MARK.finditer(text))
    if marks and not marks[-1]["path"].startswith("<"):
        mark = marks[-1]
        return Location(mark["path"], int(mark["line"]), int(mark["col"]))
    if m := _INI_FILE.search(text):
        line = _INI_LINE.search(text)
        number = line and (line["line"] or line["line2"])
        return Location(m["path"], int(number) if number else None)
    position = _LINE_COL.search(raised.message)
    frame = _user_frame(chain, chain.index(raised))
    literal = frame and _CONFIG_LITERAL.search(frame.source)
    path = literal["path"] if literal else _config_argument(args)
    if path and position:
        column = int(position["col"]) if position["col"] else None
        return Location(path, int(position["line"]), column)
    return Location(frame.path, frame.line) if frame else None


def _config_argument(args: frozenset[str]) -> str | None:
    """The one config file the command line names (`app.py --config deploy.json`): the file a
    parse error that names only a line is in, when the user's call reads it through a variable."""
    found = {arg.rsplit("=", 1)[-1] for arg in args if _CONFIG_FILE.match(arg.rsplit("=", 1)[-1])}
    return found.pop() if len(found) == 1 else None


# ---- other reports ---------------------------------------------------------------------------


def _doctest_failures(out: Output) -> Iterator[ErrorEvent]:
    """`python -m doctest x.py` (or `doctest.testmod()`): `File "x.py", line 3, in x.cents` over
    `Failed example:` for each failing example; the test is the docstring's dotted name."""
    for i in out.find(_DOCTEST_FAILED):
        if out.lines[i] == _DOCTEST_FAILED and (m := _DOCTEST_AT.match(out.line(i - 1))):
            yield ErrorEvent(Category.TEST, Severity.HIGH, TOOL, out.lines[i - 1].strip(),
                             subject=m["name"], location=Location(m["path"], int(m["line"])),
                             rank=Rank.ERROR, line_index=i - 1, details={"doctest": True})


def _bare_syntax_errors(out: Output, stated: set[int]) -> Iterator[ErrorEvent]:
    """A syntax error in the main script: a `File "x", line N` block with no header."""
    for name in _PYTHON_SYNTAX:
        for i in out.find(name + ": "):
            if i in stated or not out.lines[i].startswith(name + ": "):
                continue
            frame = _frame_above(out, i)
            if frame is None:
                # the tokenizer could not decode the file: `... in file x.py on line 2, ...`
                line = out.lines[i]
                m = _SOURCE_FILE.search(line) if " on line " in line else None
                if m is None:
                    continue
                frame = Frame(m["path"], int(m["line"]))
            location = None if frame.path.startswith("<") else Location(frame.path, frame.line)
            yield ErrorEvent(Category.SYNTAX, Severity.HIGH, TOOL, out.lines[i].strip(),
                             location=location, rank=Rank.ROOT, line_index=i,
                             details={"exception": name})


def _frame_above(out: Output, index: int) -> Frame | None:
    seen = 0
    for j in range(index - 1, max(index - 40, -1), -1):
        if _import_trace(out.lines[j]):
            continue  # `python -v` tracing the imports printing the error needs
        if m := _FRAME.match(out.lines[j]):
            return Frame(m["path"], int(m["line"])) if not m["func"] else None
        seen += 1
        if seen >= 5 or not out.lines[j].startswith(" "):
            return None
    return None


def _launcher_errors(out: Output) -> Iterator[ErrorEvent]:
    """What the interpreter says before running anything: no such script, no such module."""
    for i in out.find(": can't open file '"):
        if m := _CANT_OPEN.match(out.lines[i]):
            category = Category.PERMISSION if m["errno"] == "13" else Category.CONFIGURATION
            yield _line_event(out, i, category, m["path"])
    for i in sorted({i for needle in _RUNPY for i in out.find(needle)}):
        if m := _NO_MODULE_M.match(out.lines[i]):
            if m["parent"]:  # `-m a.b` and package `a` is not there
                yield _line_event(out, i, Category.DEPENDENCY, m["parent"])
            elif m["name"] and not m["package"]:
                yield _line_event(out, i, Category.DEPENDENCY, m["name"])
            else:  # the module is there but cannot be run as the user named it
                name = m["name"] or m["spec"] or (m["main"] and m["main"] + ".__main__")
                yield _line_event(out, i, Category.CONFIGURATION, name)
    if out.tool == "json.tool":
        yield from _json_tool_errors(out)


def _json_tool_errors(out: Output) -> Iterator[ErrorEvent]:
    """`python -m json.tool [infile]` exits with the decoder's message alone:
    `Expecting ',' delimiter: line 4 column 3 (char 43)`; the file is its first argument."""
    words = (out.command or "").split()
    after = words[words.index("json.tool") + 1:] if "json.tool" in words else []
    files = [w for w in after if not w.startswith("-") and not w.isdigit()]
    path = files[0] if files and files[0] != "-" else None
    for i in out.find(" (char "):
        if m := _JSON_MESSAGE.match(out.lines[i]):
            event = _line_event(out, i, Category.SYNTAX, None)
            if path:
                event.location = Location(path, int(m["line"]), int(m["col"]))
            yield event


def _argparse_errors(out: Output) -> Iterator[ErrorEvent]:
    """argparse's `usage: ...` then `prog: error: message` (exit 2): a command-line option the
    script needs is missing, unknown or malformed. Read for scripts (`prog` ends in .py) and
    `python ...` runs; other programs' argparse errors belong to their families. A subparser's
    prog is the script's followed by the subcommands (`cli.py export: error: ...`)."""
    for i in out.find(": error: "):
        m = _ARGPARSE.match(out.lines[i])
        if m is None or not (m["prog"].endswith(".py") or out.tool == "python"):
            continue
        if not any(out.line(j).startswith("usage: ") for j in range(i - 1, max(i - 12, -1), -1)):
            continue
        option = _OPTION.search(m["msg"])
        yield ErrorEvent(Category.CONFIGURATION, Severity.HIGH, TOOL, out.lines[i].strip(),
                         subject=_long_flag(option[0]) if option else None, rank=Rank.ROOT,
                         line_index=i)
    yield from _click_errors(out)


def _long_flag(flags: str) -> str:
    """`-w/--workers` → `--workers`: the name a user searches the script for."""
    parts = flags.split("/")
    return next((p for p in parts if p.startswith("--")), parts[0])


def _click_errors(out: Output) -> Iterator[ErrorEvent]:
    """click's usage error (exit 2): `Usage: cli.py [OPTIONS]`, `Try 'cli.py --help' for
    help.`, a blank line, then `Error: Missing option '--env'.` (or `No such option: --x`,
    `Invalid value for '-n' / '--count': ...`). The layout is click's own (GNU tools say
    `for more information`), so it is read whatever the program: a script, `python -m pkg`,
    or a click-based tool (`flask run`: `Error: Could not locate a Flask application`)."""
    for t in out.find(" for help."):
        if not out.lines[t].startswith("Try '"):
            continue
        i = t + 2 if not out.line(t + 1).strip() else t + 1
        line = out.line(i)
        if not line.startswith("Error: "):
            continue
        if not any(out.lines[j].startswith("Usage: ") for j in range(t - 1, max(t - 8, -1), -1)):
            continue
        n = _CLICK_SUBJECT.search(line, 7)
        subject = n and (n["long"] or n["q"] or n["opt"])
        yield ErrorEvent(Category.CONFIGURATION, Severity.HIGH, TOOL, line.strip(),
                         subject=_long_flag(subject) if subject else None, rank=Rank.ROOT,
                         line_index=i)


def _line_event(out: Output, i: int, category: Category, subject: str | None,
                severity: Severity = Severity.HIGH) -> ErrorEvent:
    return ErrorEvent(category, severity, TOOL, out.lines[i].strip(), subject=subject,
                      rank=Rank.ROOT, line_index=i)


def _fatal_errors(out: Output) -> Iterator[ErrorEvent]:
    """`Fatal Python error:` (faulthandler, a broken start-up) and segfaults of a python run."""
    found = False
    for i in out.find("Fatal Python error: "):
        m = _FATAL.match(out.lines[i])
        if m is None:
            continue
        found = True
        what = m["what"]
        if what.startswith("init_fs_encoding") or "PYTHONHOME" in what:
            yield _line_event(out, i, Category.CONFIGURATION, _startup_variable(out, i))
            continue
        event = _line_event(out, i, Category.RUNTIME, _SIGNALS.get(what, "SIGABRT"),
                            Severity.CRITICAL)
        event.location = _fault_location(out, i)
        yield event
    if not found and out.exit_code in _SEGV_CODES and _runs_python(out):
        index = next(iter(out.find("Segmentation fault")), None)
        message = out.lines[index].strip() if index is not None else "Segmentation fault"
        yield ErrorEvent(Category.RUNTIME, Severity.CRITICAL, TOOL, message, subject="SIGSEGV",
                         rank=Rank.ROOT, line_index=index or 0)


#: The interpreter could not flush stdout / stderr at exit (the reader of a pipe went away, a
#: full disk): `Exception ignored in: <_io.TextIOWrapper name='<stdout>' ...>` (3.13: `Exception
#: ignored on flushing sys.stdout:`) over the exception line, no traceback; the exit code is 120.
_IGNORED = "\nException ignored "
_STD_STREAM = ("Exception ignored in: <_io.TextIOWrapper name='<std",
               "Exception ignored on flushing sys.std")


def _flush_errors(out: Output) -> Iterator[ErrorEvent]:
    for i in out.find(_IGNORED):
        if not out.lines[i].startswith(_STD_STREAM):
            continue
        line = out.line(i + 1)
        if line.startswith(_HEADER) or not (m := _EXCEPTION.match(line)) or m["msg"] is None:
            continue  # a traceback follows: read with the others
        severity = Severity.HIGH if out.exit_code == 120 else Severity.MEDIUM
        yield ErrorEvent(Category.RUNTIME, severity, TOOL, line.strip(), subject=m["type"],
                         rank=Rank.ERROR, line_index=i + 1, details={"exception": m["type"]})


def _runs_python(out: Output) -> bool:
    return out.tool == "python" or bool(out.command and "python" in out.command)


def _startup_variable(out: Output, index: int) -> str:
    """The environment variable that sent start-up astray, as the path dump shows it."""
    for name in ("PYTHONHOME", "PYTHONPATH"):
        for j in out.find(f"  {name} = "):
            if j < index and "(not set)" not in out.lines[j]:
                return name
    return "python"


def _fault_location(out: Output, index: int) -> Location | None:
    """The innermost user frame of faulthandler's stack (most recent call first)."""
    for j in range(index + 1, min(index + 60, len(out.lines))):
        m = _FRAME.match(out.lines[j])
        if m and Frame(m["path"], 0).is_user:
            return Location(m["path"], int(m["line"]))
        if out.lines[j].startswith("Extension modules"):
            break
    return None


def _warnings(out: Output) -> Iterable[ErrorEvent]:
    """`file.py:3: DeprecationWarning: ...` from the warnings module; `sys:1: RuntimeWarning:
    coroutine 'x' was never awaited` is one emitted at shutdown, in no file."""
    for i in out.find("Warning: "):
        line = out.lines[i]
        colon = line.rfind(": ", 0, line.find("Warning: "))
        if colon < 1 or not line[colon - 1].isdigit() or not (m := _WARNING.match(line)):
            continue
        path = m["path"]
        location = None if path == "sys" else Location(path, int(m["line"]))
        yield ErrorEvent(Category.RUNTIME, Severity.LOW, TOOL, line.strip(),
                         subject=m["type"], location=location,
                         rank=Rank.ERROR, line_index=i, details={"warning": m["type"]})
