"""Node.js: an uncaught exception is printed as an optional `file:line` / source / caret
header, the `Type [CODE]: message` line, `    at` stack frames and a `{ code: ... }` block,
with nested `[cause]:` errors indented below. The same text appears inside `npm run`, yarn
and pnpm output, so this family reads it whatever the command; test runners' reports belong
to their own family.

Readings decided here: a missing relative ESM file is `dependency` with the path relative to
the importer (`./lib/util.js`), as a `require('./x')` would print it; `JSON.parse` of a broken
file names no file, so its location is the user's frame that called it; `EISDIR` and other
system error codes are `runtime` with the code as subject; `ENOENT` opening a file is
`configuration` (the missing file), `spawn X ENOENT` is `dependency` (the missing command).
An ES module's link error (`SyntaxError: The requested module './x.mjs' does not provide an
export named 'y'`) is not a parse error: it is `build` with the missing name as subject, as
tsc and the bundlers read a missing export. `util.parseArgs` refusing the program's command
line (`ERR_PARSE_ARGS_*`) is `configuration`, subject the option as typed, as argparse's.
Text a program prints itself (`console.error` then `process.exit(1)`) is not node's to read.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator

from lsp_heal.detect._regex import lazy_re
from lsp_heal.detect._runs import js_run_end
from lsp_heal.detect.http import status_reading
from lsp_heal.detect.output import Output
from lsp_heal.model import Category, ErrorEvent, Location, Rank, Severity

_OTHER_TOOLS = {"jest", "mocha", "vitest", "tsc", "webpack", "vite", "esbuild"}
_RUNNER_MARKERS = ("Test Suites:", " passing (", "# fail ")

_ERROR = lazy_re(
    r"^(?P<indent>\s*)(?:\[cause\]: |<ref \*\d+> |Uncaught |\[)?"
    r"(?P<type>(?:[A-Z][\w$]*)?(?:Error|Rejection|Exception))"
    r"(?: \[(?P<code>[A-Z][A-Za-z0-9_]*)\])?: (?P<msg>.*)$"
)
# a path, not a message that ends in `file:line` (`error: cannot parse: x.py:1:8`): no `: `
_HEADER = lazy_re(r"^(?:file://)?(?P<path>[^\s:](?:[^:]|:(?! ))*?):(?P<line>\d+)$")
_QUOTED = lazy_re(r"'([^']+)'")
_IMPORTED = lazy_re(r"^Cannot find (?P<kind>package|module) '(?P<name>[^']+)' imported from (?P<importer>.+?)\.?$")
#: an ES module's import of a folder (node resolves no `index.js` for ES modules)
_DIR_IMPORT = lazy_re(r"^Directory import '(?P<dir>[^']+)' is not supported resolving ES modules "
                      r"imported from (?P<importer>.+?)\.?$")
#: a property read on `undefined` (`Cannot read properties of undefined (reading 'split')`)
_READ_UNDEFINED = lazy_re(r"^Cannot read propert(?:y|ies) of undefined \(reading '(?P<prop>[^']+)'\)")
_PATH_PREFIX = lazy_re(r"^(?:Error parsing )?(?P<path>(?:[A-Za-z]:)?[/\\]\S*?\.json):? ")
_TWO_PATHS = lazy_re(r", (?P<syscall>\w+) '(?P<path>[^']*)' -> '(?P<dest>[^']*)'")
_SYSCODE = lazy_re(r"\b(E[A-Z]{2,}(?:_[A-Z]+)?)\b")

NETWORK_CODES = {"ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "ETIMEDOUT", "ECONNRESET",
                 "EHOSTUNREACH", "ENETUNREACH", "EADDRINUSE", "EADDRNOTAVAIL", "EPIPE"}
_JS_ERRORS = {"TypeError", "ReferenceError", "SyntaxError", "RangeError", "EvalError", "URIError"}
_RETRYABLE = {"ETIMEDOUT", "ECONNRESET", "EAI_AGAIN", "EPIPE"}
_PERMISSION_CODES = {"EACCES", "EPERM"}
_MESSAGE_LINES = 40  # how far a thrown error's message may run before its stack
# an ES module's import of a name the other module does not export (ESM or CommonJS)
_NO_EXPORT = lazy_re(r"does not provide an export named '(?P<name>[^']+)'|"
                        r"^Named export '(?P<named>[^']+)' not found")
#: `Package subpath './x' is not defined by "exports" in /app/node_modules/pkg/package.json`,
#: `No "exports" main defined in /app/node_modules/pkg/package.json`
_NOT_EXPORTED = lazy_re(r"^(?:Package subpath '(?P<sub>[^']+)' is not defined|No \"exports\" main defined)"
                        r".*? in (?:file://)?(?P<manifest>\S+?)/package\.json\b")
#: node's refusal to require() an ES module (`require() of ES Module <path> from <importer> not
#: supported.`): the module required
_REQUIRE_ESM = lazy_re(r"^require\(\) of ES Module (?P<path>\S+) from ")
#: the manifest of an installed package a resolution error names (`... in the package config
#: /app/node_modules/pkg/package.json; targets must start with "./"`)
_MANIFEST = lazy_re(r"(?:file://)?(?P<manifest>/\S*?/node_modules/(?:@[^/\s]+/)?[^/\s]+)/package\.json\b")
#: a CommonJS file that holds ES-module syntax (node: `To load an ES module, set "type": "module"`)
_ESM_IN_CJS = ("Cannot use import statement outside a module", "Unexpected token 'export'")
_PNPM_RUN = lazy_re(r"^(?P<dir>[\w@./-]+) (?P<script>[\w:.-]+)\$ \S")
_BAD_OPTION = lazy_re(r"^\S*node(?:\.exe)?: bad option: (?P<option>\S+)$")
#: `node --env-file=.env.local app.js` without the file: `node: .env.local: not found`
_ENV_FILE = lazy_re(r"^\S*node(?:\.exe)?: (?P<path>[^\s:][^:]*): not found$")
#: no loader for a file kind (`Unknown file extension ".ts" for /app/src/index.ts`)
_UNKNOWN_EXT = lazy_re(r'^Unknown file extension "[^"]*" for (?P<path>\S+?)$')
_ADDRESS = lazy_re(r"^\[?[\w.:-]*[\w\]](?::\d+)?$")
#: a property of the `{ ... }` block node prints under an error (`code: 'UND_ERR_SOCKET',`)
_PROP = lazy_re(r"^\s*(?P<key>\w+): '?(?P<value>[^',]*)'?,?$")
#: undici's (fetch's) errors that mean the connection failed, not the program
_UNDICI_NETWORK = {"UND_ERR_SOCKET", "UND_ERR_CONNECT_TIMEOUT", "UND_ERR_HEADERS_TIMEOUT",
                   "UND_ERR_BODY_TIMEOUT", "UND_ERR_CLOSED"}
#: TLS failures (OpenSSL's verify codes, node's own) of a connection
_TLS_CODES = {"CERT_HAS_EXPIRED", "DEPTH_ZERO_SELF_SIGNED_CERT", "SELF_SIGNED_CERT_IN_CHAIN",
              "UNABLE_TO_VERIFY_LEAF_SIGNATURE", "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
              "ERR_TLS_CERT_ALTNAME_INVALID", "ERR_SSL_WRONG_VERSION_NUMBER"}
_ATTEMPTED = lazy_re(r"attempted address: (?P<addr>[^\s,)]+)")
#: a thrown message about a missing environment variable: `DATABASE_URL is not set`,
#: `Missing environment variable: API_KEY`, `env var TOKEN must be set`
_ENV_VAR = lazy_re(
    r"(?:\benv(?:ironment)?(?: variable| var)?s?|process\.env\.)\W{0,3}(?P<a>[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+|[A-Z]{3,}[0-9]*)\b"
    r"|\b(?P<b>[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+|[A-Z]{3,}[0-9]*)\W{0,3}(?:environment variable|env var|is not set|"
    r"must be set|is (?:required|missing|undefined|empty)|not set|missing)"
    # the word first: `Missing API_KEY`, `missing required env DATABASE_URL` aside (above), a
    # name shaped like a variable (an underscore, or a credential's or address's last word)
    r"|\b(?:[Mm]issing|MISSING|[Uu]nset|[Nn]o value for)\W{0,3}(?P<c>[A-Z][A-Z0-9]*_[A-Z0-9_]*[A-Z0-9]"
    r"|[A-Z]*(?:KEY|TOKEN|SECRET|PASSWORD|URL|HOST|PORT))\b(?![\w(/-]|\.\w)"
)


def parse(out: Output) -> Iterator[ErrorEvent]:
    if out.tool in _OTHER_TOOLS:
        return
    if any(out.has(marker) for marker in _RUNNER_MARKERS):
        # a test runner's report is jstest's to read; a command after it is ours
        end = js_run_end(out)
        if end is not None:
            yield from (event for event in _readings(out, end + 1) if event.line_index > end)
        return
    yield from _readings(out)


def _readings(out: Output, start: int = 0) -> Iterator[ErrorEvent]:
    """The errors node printed from line `start` on."""
    if prefixes := _workspace_prefixes(out, start):
        out = _unprefixed(out, prefixes)
    yield from _fatal(out, start)
    found = False
    for i in out.find(_THROWN_VALUE, start):
        for event in _thrown_value(out, i):
            found = True
            yield event
    seen: set[int] = set()
    for needle in ("Error: ", "Error [", "Rejection: ", "Exception: ", "Exception ["):
        for i in out.find(needle, start):
            if i not in seen:
                seen.add(i)
                for event in _error_at(out, i):
                    found = True
                    yield event
    if not found and out.failed:
        # a thrown plain object (`throw { code: 42 }`): node prints the header, the inspected
        # value and its version line, with neither a type nor the hint of a thrown string
        for i in out.find(_CRASH_END, start):
            yield from _thrown_value(out, i)


_PREFIX_SPAN = 50  # how far below its announcement a script's first prefixed line may be


def _workspace_prefixes(out: Output, start: int) -> tuple[str, ...]:
    """`pnpm -r run` announces each script as `<dir> <script>$ <command>` and prefixes every
    line the script prints with `<dir> <script>: `."""
    found = []
    for i in out.find("$ ", start):
        if m := _PNPM_RUN.match(out.lines[i]):  # the prefix comes from the log: no `find`
            prefix = f"{m['dir']} {m['script']}: "
            if any(out.line(j).startswith(prefix) for j in range(i + 1, i + 1 + _PREFIX_SPAN)):
                found.append(prefix)
    return tuple(found)


def _unprefixed(out: Output, prefixes: tuple[str, ...]) -> Output:
    """The same output with the workspace prefixes taken off (one line for one line)."""
    lines = [_unprefixed_line(line, prefixes) if line.startswith(prefixes) else line
             for line in out.lines]
    return Output("\n".join(lines), out.command, out.exit_code)


def _unprefixed_line(line: str, prefixes: tuple[str, ...]) -> str:
    return next(line[len(p):] for p in prefixes if line.startswith(p))


def _fatal(out: Output, start: int) -> Iterator[ErrorEvent]:
    """V8's `FATAL ERROR: ...` (the heap limit reached, ...): node aborts (SIGABRT)."""
    for i in out.find("FATAL ERROR: ", start):
        if out.lines[i].startswith("FATAL ERROR: "):
            yield ErrorEvent(Category.RUNTIME, Severity.CRITICAL, "node", out.lines[i].strip(),
                             subject="SIGABRT", rank=Rank.ROOT, line_index=i)
    # process.abort() and other native aborts (not V8's FATAL ERROR, read above): node prints
    # its native stack, then the JavaScript one as `N: fn (path:line:col)`; the process dies of
    # SIGABRT, and the first frame in the user's files says where.
    for i in out.find("----- JavaScript stack trace -----", start):
        if out.has("FATAL ERROR: "):
            break
        where = None
        for j in range(i + 1, min(i + 60, len(out.lines))):
            text = out.lines[j].strip()
            if not text:
                continue
            num, sep, frame = text.partition(": ")
            if not (sep and num.isdigit()):
                break
            if (loc := frame_location(frame)) and is_user_file(loc.path):
                where = loc
                break
        yield ErrorEvent(Category.RUNTIME, Severity.CRITICAL, "node", "node aborted (SIGABRT)",
                         subject="SIGABRT", location=where, rank=Rank.ERROR, line_index=i)
        break
    for i in out.find(": bad option: ", start):  # node's own command line
        if m := _BAD_OPTION.match(out.lines[i]):
            yield ErrorEvent(Category.CONFIGURATION, Severity.HIGH, "node", out.lines[i].strip(),
                             subject=m["option"], rank=Rank.ROOT, line_index=i)
    for i in out.find(" is not allowed in NODE_OPTIONS", start):  # `node: --stack-size= is not allowed ...`
        if out.lines[i].lstrip().startswith("node: "):  # (also npm's own node refusing to start)
            yield ErrorEvent(Category.CONFIGURATION, Severity.HIGH, "node", out.lines[i].strip(),
                             subject="NODE_OPTIONS", rank=Rank.ROOT, line_index=i)
    for i in out.find(": not found", start):  # a file node's own options name (--env-file)
        if m := _ENV_FILE.match(out.lines[i]):
            yield ErrorEvent(Category.CONFIGURATION, Severity.HIGH, "node", out.lines[i].strip(),
                             subject=m["path"], rank=Rank.ROOT, line_index=i)


#: what node prints under a thrown value that is not an Error (`throw 'x'`, `throw { code }`):
#: the crash header, the value as `util.inspect` shows it, then this hint (no stack to read)
_THROWN_VALUE = "\n(Use `node --trace-uncaught"
_VALUE_LINES = 30  # how many lines an inspected thrown object may take
_CRASH_END = "\nNode.js v"  # the last line of every uncaught crash node prints


def _thrown_value(out: Output, i: int) -> Iterator[ErrorEvent]:
    """`throw 'migration failed'`: the header above the value says where; the value is the
    message; there is no type to name."""
    for j in range(i - 1, max(i - 2 - _VALUE_LINES, 0), -1):
        caret = out.lines[j].strip()
        if caret and set(caret) <= {"^"} and (h := _HEADER.match(out.line(j - 2))):
            value = out.line(j + 1).strip() or out.line(j + 2).strip()
            location = Location(h["path"], int(h["line"])) if is_user_file(h["path"]) else None
            event = ErrorEvent(Category.RUNTIME, Severity.HIGH, "node", value or out.lines[i].strip(),
                               location=location, rank=Rank.ERROR, line_index=j + 1 if value else i)
            if e := _ENV_VAR.search(value):  # `throw 'API_KEY is not set'`
                event.category, event.subject, event.rank = Category.CONFIGURATION, e["a"] or e["b"], Rank.ROOT
            yield event
            return


def _error_at(out: Output, i: int) -> Iterator[ErrorEvent]:
    m = _ERROR.match(out.lines[i])
    if not m or not (_has_header(out, i) or _first_frame(out, i) is not None):
        return
    kind, msg, code = m["type"], m["msg"].strip(), m["code"]
    frame = user_frame(out, i)
    message = out.lines[i].strip()
    if message.startswith("[cause]: "):
        message = message[len("[cause]: "):]
    if frame is None and m["indent"]:  # a nested `[cause]:`: the place is the outer error's
        frame = _outer_frame(out, i)
    if kind == "DOMException" and code:  # `DOMException [DataCloneError]`: the name is the type
        kind, code = code, None
    event = ErrorEvent(Category.RUNTIME, Severity.HIGH, "node", message, subject=kind,
                       location=frame or _header(out, i), rank=Rank.ERROR, line_index=i,
                       details={"code": code} if code else {})
    if kind == "SyntaxError" and (x := _NO_EXPORT.search(msg)):
        # a link error, not a parse error: the import names what the module lacks
        event.category, event.subject = Category.BUILD, x["name"] or x["named"]
        event.location = _header(out, i) or frame
    elif kind == "SyntaxError" and _json_body(out, i, msg):
        event.details["json"] = "body"  # a server's answer is not JSON: bad data, not a file
    elif kind == "SyntaxError" and msg.startswith(_JSON_NO_TEXT):
        # JSON.parse given no text at all (an unset variable, an object already parsed): the
        # program's value is wrong where it calls JSON.parse, no file is broken
        event.details["json"] = "value"
    elif kind == "SyntaxError" and _RUNTIME_PARSE.match(_first_frame(out, i) or ""):
        # thrown while the program ran by a builtin that parses a string it was handed
        # (`new RegExp(pattern)`, `'x'.match('(')`, `new Function(body)`): the value is
        # wrong where the program calls it; no source file failed to compile
        event.details["parsed"] = "value"
    elif kind == "SyntaxError" and msg in _ESM_IN_CJS and _cjs_compile(out, i):
        # ES-module syntax compiled as CommonJS: the package's "type" (or the file's
        # extension) is wrong, not the code
        _syntax(event, msg, _header(out, i) or frame)
        event.category = Category.CONFIGURATION
    elif kind == "SyntaxError":
        # the file that did not compile is the place, the user's or, with none of theirs on
        # the stack, an installed one (a local package's bin run by npx): the only file named
        _syntax(event, msg, _header(out, i) or frame or _header(out, i, installed=True))
    elif code == "ERR_PACKAGE_PATH_NOT_EXPORTED" and (x := _NOT_EXPORTED.match(msg)):
        # the package is installed; its "exports" map does not offer what the import asks
        # for: the import is wrong (as a bundler reads it), nothing to install
        event.category, event.rank = Category.BUILD, Rank.ROOT
        event.subject = _package_of(x["manifest"]) + (x["sub"][1:] if x["sub"] else "")
        if frame is None and " imported from " in msg:  # an ES module's import: no user frame
            event.location = Location(msg.rsplit(" imported from ", 1)[1].removeprefix("file://"))
    elif code in ("ERR_INVALID_PACKAGE_TARGET", "ERR_INVALID_PACKAGE_CONFIG") and (
            x := _MANIFEST.search(msg)):
        # an installed package's own package.json is broken (an "exports" target without
        # `./`, a manifest that does not parse): the package is at fault, not the user's
        # import; to reinstall, upgrade or replace it
        event.category, event.rank = Category.DEPENDENCY, Rank.ROOT
        event.subject = _package_of(x["manifest"])
        if frame is None and (script := _main_script(out.command)):
            # node's own resolver frames fill the stack (10 by default): the program the
            # command runs is the place; the output names no line of it
            event.location = Location(script)
    elif code == "ERR_UNSUPPORTED_DIR_IMPORT" and (x := _DIR_IMPORT.match(msg)):
        # `import './lib'` of a folder: as an import without its file's extension, the module
        # node was asked for does not resolve (a relative one is the user's path, as written;
        # a folder inside a package is the package's subpath: the import is wrong, build)
        _dir_import(event, x["dir"], x["importer"].removeprefix("file://"), frame)
    elif code and code.startswith("ERR_PARSE_ARGS_"):
        # `util.parseArgs` refusing the program's own command line (an unknown option, an
        # option's missing or unwanted value, a positional it takes none of): the program
        # refusing how it was called, as argparse does: the option (or the argument) to fix
        event.category, event.rank = Category.CONFIGURATION, Rank.ROOT
        event.subject = _parse_args_subject(msg, out.command)
    elif kind == "TypeError" and (var := _env_read(out, i, msg)):
        # `process.env.ALLOWED_ORIGINS.split(',')` with the variable unset: node's source line
        # names the variable whose value was undefined: it is what to set
        event.category, event.subject, event.rank = Category.CONFIGURATION, var, Rank.ROOT
    elif kind in ("RangeError", "TypeError", "URIError") and (var := _env_passed(out, i)):
        # `new Intl.DateTimeFormat('en', { timeZone: process.env.APP_TZ })` with a bad value:
        # node itself rejected the value (the top frame is the builtin's) and the source
        # line it prints passes one environment variable: that variable is what to fix
        event.category, event.subject, event.rank = Category.CONFIGURATION, var, Rank.ROOT
    elif code == "ERR_REQUIRE_ESM" and (x := _REQUIRE_ESM.match(msg)):
        # require() of a file that is an ES module: an installed package that ships ES modules
        # only (chalk 5, node-fetch 3) is the thing to change (a CommonJS release of it, or
        # import()); the user's own file means its "type" or extension is wrong (the setup)
        if "/node_modules/" in x["path"]:
            event.category, event.subject = Category.DEPENDENCY, _package_of(x["path"])
        else:
            event.category, event.subject = Category.CONFIGURATION, None
        event.rank = Rank.ROOT
        event.location = _header(out, i) or frame
    elif msg.startswith("Cannot find ") or code in ("MODULE_NOT_FOUND", "ERR_MODULE_NOT_FOUND"):
        _missing_module(event, msg, frame,
                        frame is None and (_entry_point(out, i, msg) or _preloaded(out, i, msg)
                                           or _tool_loads_named_file(out, msg)))
    elif code == "ERR_UNKNOWN_FILE_EXTENSION":  # no loader for `.ts`, `.vue`: the setup is wrong
        event.category, event.subject, event.rank = Category.CONFIGURATION, None, Rank.ROOT
        if u := _UNKNOWN_EXT.match(msg):
            event.location = Location(u["path"].removeprefix("file://"))
    elif code and code.startswith(("ERR_IMPORT_ATTRIBUTE", "ERR_IMPORT_ASSERTION")):
        # the import statement lacks (or has a wrong) `with { type: 'json' }`: the linker
        # rejects the user's import, as a missing export; nothing to install or configure
        event.category, event.subject = Category.BUILD, code
        event.location = _header(out, i) or frame
    elif code == "ERR_UNKNOWN_BUILTIN_MODULE":  # `node:sqlite` on a node that predates it
        event.category, event.subject, event.rank = Category.CONFIGURATION, "node", Rank.ROOT
    elif not code and kind not in ("ReferenceError", "SyntaxError") and (
            "env" in msg.lower() or " set" in msg) and (e := _ENV_VAR.search(msg)):
        # the program checked its environment and stopped: the variable is what to set
        event.category, event.subject, event.rank = Category.CONFIGURATION, e["a"] or e["b"], Rank.ROOT
    elif not code and kind == "Error" and (h := _HTTP_STATUS_THROWN.search(msg)):
        # the program checked a response and threw (`GET <url> failed: 500 Internal Server Error`,
        # `HTTP 404 Not Found`): the status is the cause, read as curl's -f reads it
        url = u[0].rstrip(".,;:)") if (u := _THROWN_URL.search(msg)) else None
        category, severity, subject = status_reading(int(h["status"]), url)
        event.category, event.severity, event.rank = category, severity, Rank.ROOT
        event.subject = subject
    elif kind == "TypeError" and msg.startswith("Failed to parse URL from ") and "undici" in (
            _first_frame(out, i) or ""):
        # fetch() of a URL that does not parse (a relative `/api/x` as in the browser, a base
        # from an unset variable: `undefined/v1`): the URL the program gave is what to fix
        event.category, event.rank = Category.CONFIGURATION, Rank.ROOT
        event.subject = msg[len("Failed to parse URL from "):].strip() or None
    elif m["indent"] and msg == "redirect count exceeded" and "undici" in (_first_frame(out, i) or ""):
        # fetch's cause when a server redirects for ever (undici stops after 20): the server's
        # answer, like curl's (47); node names no host
        event.category, event.rank, event.subject = Category.NETWORK, Rank.ROOT, None
    elif kind == "TimeoutError" and "undici" in (_first_frame(out, i) or ""):
        # `AbortSignal.timeout()` fired on a fetch: the server did not answer in time
        event.category, event.severity, event.rank = Category.NETWORK, Severity.MEDIUM, Rank.ROOT
        event.subject = None  # the abort names no address
    else:
        _system(event, msg)
        if event.category is Category.RUNTIME and m["indent"]:  # a `[cause]:` of fetch & co.
            _connection(event, out, i)
        elif event.category is Category.RUNTIME and not code and kind not in _JS_ERRORS:
            _coded(event, out, i)
    yield event


# an HTTP status with its reason phrase (RFC 9110) in a thrown Error's message: the program's own
# check of a response (`if (!res.ok) throw new Error(`${res.status} ${res.statusText}`)`)
_HTTP_STATUS_THROWN = lazy_re(
    r"\b(?P<status>[45]\d\d):? (?:Bad Request|Unauthorized|Forbidden|Not Found|Method Not Allowed|Gone"
    r"|Conflict|Unprocessable (?:Entity|Content)|Too Many Requests|Internal Server Error|Not Implemented"
    r"|Bad Gateway|Service Unavailable|Gateway Timeout|Request Timeout|Proxy Authentication Required)\b"
)
_THROWN_URL = lazy_re(r"\bhttps?://[^\s'\"<>`]+")


#: node's `util.parseArgs` messages: `Unknown option '--formt'`, `Unexpected argument 'x'. This
#: command does not take positional arguments`, `Option '-p, --port <value>' argument missing`,
#: `Option '--verbose' does not take an argument`, `Option '--out' argument is ambiguous.`
_PARSE_ARGS = lazy_re(r"^(?:Unknown option|Unexpected argument) '(?P<arg>[^']+)'"
                      r"|^Option '(?P<opt>-[^' ]+(?:, -[^' ]+)?)(?: <value>)?' ")


def _parse_args_subject(msg: str, command: str | None) -> str | None:
    """The option as the command line types it: of `-p, --port`, the form the command shows
    (else the long one, printed last)."""
    if not (m := _PARSE_ARGS.match(msg)):
        return None
    if m["arg"]:
        return m["arg"]
    forms = m["opt"].split(", ")
    words = [w.strip("'\"").split("=", 1)[0] for w in (command or "").split()]
    return next((f for f in forms if f in words), forms[-1])


def _main_script(command: str | None) -> str | None:
    """The script `node [options] script.js ...` runs: its first argument that is no option."""
    words = (command or "").split()
    if not words or posixpath.basename(words[0]) not in ("node", "node.exe"):
        return None
    return next((w for w in words[1:] if not w.startswith("-")), None)


def _dir_import(event: ErrorEvent, folder: str, importer: str, frame: Location | None) -> None:
    at = folder.rfind("node_modules/")
    if at != -1:
        event.category, event.rank = Category.BUILD, Rank.ROOT
        event.subject = folder[at + len("node_modules/"):]
    else:
        event.category, event.rank = Category.DEPENDENCY, Rank.ROOT
        name = folder
        if folder.startswith("/") and importer.startswith("/"):
            name = posixpath.relpath(folder, posixpath.dirname(importer))
            name = name if name.startswith("..") else "./" + name
        event.subject = name
    event.location = frame or Location(importer)


def _env_read(out: Output, i: int, msg: str) -> str | None:
    """The variable of `process.env.NAME.prop` (or `process.env['NAME'].prop`) on the source
    line node prints above a `Cannot read properties of undefined (reading 'prop')`."""
    if not msg.startswith("Cannot read") or (m := _READ_UNDEFINED.match(msg)) is None:
        return None
    at = _header_line(out, i)
    source = out.line(at + 1) if at is not None else ""
    if "process.env" not in source:
        return None
    prop = re.escape(m["prop"])
    e = re.search(r"process\.env(?:\.(?P<a>\w+)|\[['\"](?P<b>\w+)['\"]\])\??\.(?:" + prop + r")\b", source)
    return (e["a"] or e["b"]) if e else None


_ENV_USE = re.compile(r"process\.env(?:\.(?P<a>[A-Za-z_]\w*)|\[['\"](?P<b>\w+)['\"]\])")


def _env_passed(out: Output, i: int) -> str | None:
    """The one variable `process.env.NAME` on the source line node prints above an error
    that a builtin threw (top frame `new X (<anonymous>)` or `node:...`): the value the line
    handed to the runtime came from the environment."""
    at = _header_line(out, i)
    if at is None:
        return None
    source = out.line(at + 1)
    if "process.env" not in source:
        return None
    top = _first_frame(out, i) or ""
    if not (top.endswith("(<anonymous>)") or "(node:" in top or top.startswith("node:")):
        return None
    names = {e["a"] or e["b"] for e in _ENV_USE.finditer(source)}
    return names.pop() if len(names) == 1 else None


def _cjs_compile(out: Output, i: int) -> bool:
    """The SyntaxError came from the CommonJS loader compiling a file (`wrapSafe`,
    `Module._compile`), not from the ES-module parser."""
    return any("cjs/loader" in f or "Module._compile" in f for f in _frames(out, i))


def _package_of(manifest_dir: str) -> str:
    """`/app/node_modules/@scope/pkg` → `@scope/pkg`; a folder outside node_modules → its name."""
    at = manifest_dir.rfind("node_modules/")
    return manifest_dir[at + len("node_modules/"):] if at != -1 else manifest_dir.rsplit("/", 1)[-1]


def env_var_named(msg: str) -> str | None:
    """The environment variable a thrown message says is missing (`DATABASE_URL is not set`)."""
    if ("env" in msg.lower() or " set" in msg or "issing" in msg or "nset" in msg or "MISSING" in msg
            or "No value for" in msg or "no value for" in msg) and (e := _ENV_VAR.search(msg)):
        return e["a"] or e["b"] or e["c"]
    return None


def _entry_point(out: Output, i: int, msg: str) -> bool:
    """The module node could not find is the program's own entry (`node missing.js`): an
    absolute path, loaded by node's `runMain` with nobody requiring it (no `Require stack:`,
    no `imported from`)."""
    if not msg.startswith("Cannot find module '/") or " imported from " in msg:
        return False
    frames = list(_frames(out, i))
    # a worker thread's script is loaded by runMain too, but code named it (a module to load)
    return any("run_main" in f or "runMain" in f for f in frames) and \
        not any("worker_thread" in f for f in frames) and \
        not any(out.line(j).strip() == "Require stack:" for j in range(i + 1, i + 3))


def _preloaded(out: Output, i: int, msg: str) -> bool:
    """A file the command line preloads (`node -r ./x.js`, `--import ./x.mjs`, NODE_OPTIONS) is
    not there: node names no requirer but `internal/preload` (CJS), or imports it from the
    working directory itself (ESM: `imported from /project/`). A bare package name there is
    still a package to install."""
    q = _QUOTED.search(msg)
    if not q or not q[1].startswith((".", "/")):
        return False
    if (m := _IMPORTED.match(msg)) and m["importer"].endswith("/"):
        return True
    return any(out.line(j).strip() == "- internal/preload" for j in range(i + 1, i + 4))


def _tool_loads_named_file(out: Output, msg: str) -> bool:
    """A tool in node_modules loads a file its command line names (`mocha --require
    ./test/setup.js`, a `--config x.js`) and it is not there: `Cannot find module '/abs/...'
    imported from /app/node_modules/mocha/...`, the path ending in the argument as typed. The
    file the user names is missing: configuration (a package name there is a package)."""
    if not (m := _IMPORTED.match(msg)) or "/node_modules/" not in m["importer"]:
        return False
    name = m["name"]
    if not name.startswith("/"):
        return False
    for arg in (out.command or "").split()[1:]:
        arg = arg.strip("'\"").split("=", 1)[-1]
        if arg.startswith(("./", "../")) and len(arg.lstrip("./")) > 2 and name.endswith("/" + arg.lstrip("./")):
            return True
    return False


#: JSON.parse of a value that is no JSON text, as V8 quotes it (node 20+)
#: the first stack frame of a SyntaxError thrown at run time by a builtin parsing a string
#: (`new RegExp`, `new Function`, `String.prototype.match`, `BigInt('12.5')`, `Temporal.*`, ...):
#: any builtin frame `<name> (<anonymous>)` but JSON.parse (a file's JSON is read as syntax)
_RUNTIME_PARSE = lazy_re(r"(?:new )?(?!JSON\.parse\b)[A-Z][\w$]*(?:\.[\w$]+)*(?: \[as \w+\])? \(<anonymous>\)$")
_JSON_NO_TEXT = ('"undefined" is not valid JSON', '"[object Object]" is not valid JSON')


def _json_body(out: Output, i: int, msg: str) -> bool:
    """`JSON.parse` of what a server sent rather than of a file: the text is an HTML page
    (`Unexpected token '<', "<!DOCTYPE "...`), or fetch's `Response.json()` (undici's body
    mixin) parsed it. The program got the wrong answer; no source or config file is broken."""
    if "JSON" not in msg:
        return False
    if msg.startswith("Unexpected token '<', \"<"):
        return True
    return any("undici" in frame for frame in _frames(out, i))


def _syntax(event: ErrorEvent, msg: str, where: Location | None) -> None:
    event.category, event.subject, event.rank = Category.SYNTAX, None, Rank.ROOT
    if m := _PATH_PREFIX.match(msg):  # require('./x.json') and package.json name the file
        where = Location(m["path"])
    event.location = where


def _missing_module(event: ErrorEvent, msg: str, frame: Location | None,
                    entry: bool = False) -> None:
    event.category, event.rank = Category.DEPENDENCY, Rank.ROOT
    if entry and (q := _QUOTED.search(msg)):
        # `node server.js` where there is no server.js: the path the command names is wrong
        event.category, event.subject = Category.CONFIGURATION, q[1]
        return
    if m := _IMPORTED.match(msg):
        name, importer = m["name"], m["importer"].removeprefix("file://")
        if name.startswith("/") and "/node_modules/" in name and "/node_modules/" not in importer:
            # the user's module loads a package whose entry file is not there (ESM's `Cannot
            # find package '/app/node_modules/x/dist/i.js' imported from /app/a.mjs`, a
            # "main" or "exports" naming a file not built): the package
            name = _package_of(name)
        elif m["kind"] == "module" and name.startswith("/") and importer.startswith("/"):
            name = posixpath.relpath(name, posixpath.dirname(importer))
            name = name if name.startswith("..") else "./" + name
        event.subject, event.location = name, frame or Location(importer)
    elif q := _QUOTED.search(msg):
        event.subject = q[1]
        if frame is not None and q[1].startswith("/") and "/node_modules/" in q[1]:
            # require's form: `Cannot find module '/app/node_modules/@acme/x/dist/index.js'.
            # Please verify that the package.json has a valid "main" entry`
            event.subject = _package_of(q[1])


def _package_of(path: str) -> str:
    """`/app/node_modules/@acme/x/dist/index.js` → `@acme/x`; a path outside node_modules as is."""
    at = path.rfind("/node_modules/")
    if at == -1:
        return path
    parts = path[at + len("/node_modules/"):].split("/")
    return "/".join(parts[:2] if parts[0].startswith("@") else parts[:1]) or path


def _system(event: ErrorEvent, msg: str) -> None:
    """Errors that carry a libuv code: network, permission, missing file or command."""
    if "E" not in msg or not (m := _SYSCODE.search(msg)):
        return
    code = m[1]
    if code in NETWORK_CODES and not (code == "EPIPE" and msg.startswith("EPIPE:")):
        # (`EPIPE: broken pipe, write`, the code first, is fs's form: a write on a file
        # descriptor, the pipe of `node gen.js | head`, which is no connection: runtime)
        event.category, event.subject, event.rank = Category.NETWORK, network_subject(msg), Rank.ROOT
        if code in _RETRYABLE:
            event.severity = Severity.MEDIUM
    elif code in _PERMISSION_CODES:
        event.category, event.subject, event.rank = Category.PERMISSION, _denied(msg), Rank.ROOT
    elif code == "ENOENT" and msg.startswith("connect ENOENT "):
        # a unix socket (or Windows pipe) path nothing listens on: `connect ENOENT /tmp/db.sock`,
        # the socket's form of a refused connection; the path is the address
        event.category, event.rank = Category.NETWORK, Rank.ROOT
        event.subject = msg[len("connect ENOENT "):].strip() or None
    elif code == "ENOENT" and msg.startswith("spawn"):
        event.category, event.subject, event.rank = Category.DEPENDENCY, msg.split()[1], Rank.ROOT
    elif code == "ENOENT":
        event.category, event.subject, event.rank = Category.CONFIGURATION, _uv_path(msg), Rank.ROOT
    elif msg.startswith(code + ":"):  # `EISDIR: illegal operation on a directory, read`
        event.subject = code
    elif msg.endswith(" " + code) and msg.count(" ") <= 2 and msg[:1].islower():
        # libuv's errno exception without a description: `<syscall> <CODE>` (`kill ESRCH`,
        # `uv_cwd ENOENT` aside, `spawnSync git EBADF`): the errno is what went wrong
        event.subject = code
    else:
        return
    event.details["code"] = code


def _props(out: Output, i: int) -> dict[str, str]:
    """The `key: value` lines of the `{ ... }` block under the error at `i` (past its stack),
    one level deep: `code`, `remoteAddress`, `host`, `port`, ..."""
    props: dict[str, str] = {}
    indent = len(out.lines[i]) - len(out.lines[i].lstrip())
    for j in range(i + 1, min(i + 60, len(out.lines))):
        line = out.lines[j]
        text = line.strip()
        if not text or text.startswith("Node.js v") or (
                text[:1] == "}" and len(line) - len(line.lstrip()) <= indent):
            break  # the end of this error's block
        if (p := _PROP.match(line)) and p["key"] not in props:
            props[p["key"]] = p["value"].strip()
    return props


def _coded(event: ErrorEvent, out: Output, i: int) -> None:
    """An `Error` whose message names no code (`socket hang up`, `read ECONNRESET` aside) but
    whose `{ code: 'ECONNRESET' }` block does: a connection the peer closed or refused."""
    if "code" in event.details:  # the message named its code and was read by it
        return
    props = _props(out, i)
    code = props.get("code", "")
    if code not in NETWORK_CODES:
        return
    host = props.get("address") or props.get("host") or props.get("hostname")
    port = props.get("port")
    event.category, event.rank = Category.NETWORK, Rank.ROOT
    event.subject = f"{host}:{port}" if host and port and port.isdigit() else host or None
    if code in _RETRYABLE:
        event.severity = Severity.MEDIUM
    event.details["code"] = code


def _connection(event: ErrorEvent, out: Output, i: int) -> None:
    """A nested cause that carries no libuv code but undici's or TLS's: the connection failed
    (`SocketError: other side closed`, `ConnectTimeoutError`, a certificate not trusted)."""
    props = _props(out, i)
    code = props.get("code", "")
    if code not in _UNDICI_NETWORK and code not in _TLS_CODES:
        return
    host = props.get("remoteAddress") or props.get("host") or props.get("hostname")
    port = props.get("remotePort") or props.get("port")
    if host is None and (a := _ATTEMPTED.search(event.message)):
        host, port = a["addr"], None
    subject = f"{host}:{port}" if host and port and port.isdigit() else host
    event.category, event.subject, event.rank = Category.NETWORK, subject, Rank.ROOT
    if "TIMEOUT" in code or code in ("UND_ERR_SOCKET", "UND_ERR_CLOSED"):
        event.severity = Severity.MEDIUM
    event.details["code"] = code


def network_subject(msg: str) -> str | None:
    """`host:port` or host from `connect ECONNREFUSED 127.0.0.1:9`, `getaddrinfo ENOTFOUND h`,
    `listen EADDRINUSE: address already in use 127.0.0.1:80`: the first address after the code."""
    for code in NETWORK_CODES:
        at = msg.find(code)
        if at != -1:
            tokens = msg[at + len(code):].split()[:8]
            for k, token in enumerate(tokens):
                token = token.strip(".,;'\"()")
                if token == "localhost" or (_ADDRESS.match(token) and any(c in token for c in ".:")):
                    return token
                if k == len(tokens) - 1 and (token[:1] == "/" or token.startswith("\\\\.\\pipe\\")):
                    # the message ends with a path, `connect ECONNREFUSED /tmp/db.sock`,
                    # `listen EADDRINUSE: address already in use /tmp/db.sock`: a unix socket
                    return token
            return None
    return None


def _uv_path(msg: str) -> str | None:
    """The path a libuv error is about: `open 'x'` → x. Two-path calls print
    `syscall 'path' -> 'dest'`; for `chdir` path is the old working directory and dest the
    directory asked for (rename, link, copyfile: the source is the one read)."""
    if not (q := _QUOTED.search(msg)):
        return None
    if "' -> '" in msg and (t := _TWO_PATHS.search(msg)) and t["syscall"] == "chdir":
        return t["dest"]
    return q[1]


def _denied(msg: str) -> str | None:
    if _QUOTED.search(msg):
        return _uv_path(msg)
    words = msg.split()
    if words and words[0].startswith("spawn") and len(words) > 2:
        return words[1]
    return words[-1] if words else None


def _header_line(out: Output, i: int) -> int | None:
    """Node's crash header: `file:line`, the source line, a caret line, then a blank line
    (the source and caret lines are blank when the error is at the end of the file); an ES
    module's link error (`does not provide an export named`) has no blank line."""
    if out.line(i - 1).strip() == "" and set(out.line(i - 2).strip()) <= {"^"} and \
            _HEADER.match(out.line(i - 4)):
        return i - 4
    caret = out.line(i - 1).strip()
    if caret and set(caret) <= {"^"} and _HEADER.match(out.line(i - 3)):
        return i - 3
    return None


def _has_header(out: Output, i: int) -> bool:
    return _header_line(out, i) is not None


def _header(out: Output, i: int, installed: bool = False) -> Location | None:
    """The crash header's `file:line` when it is the user's file (or, `installed`, a file of
    an installed package too: not node's own code)."""
    at = _header_line(out, i)
    if at is not None and (m := _HEADER.match(out.lines[at])) and (
            is_user_file(m["path"]) or (installed and "node_modules" in m["path"]
                                        and is_user_file(m["path"].replace("node_modules", "")))):
        return Location(m["path"], int(m["line"]))
    return None


def _outer_frame(out: Output, i: int) -> Location | None:
    for j in range(i - 1, max(i - 60, -1), -1):
        line = out.lines[j]
        if line[:1].strip() and _ERROR.match(line):
            return user_frame(out, j)
    return None


def _frames(out: Output, i: int) -> Iterator[str]:
    """The `at ...` lines of the error at `i`, past a `Require stack:` list, and past the rest
    of a message that spans lines (assert's diff, `This file is being treated as an ES
    module ...`) when node's crash header vouches that a stack follows."""
    j = i + 1
    if _has_header(out, i):
        while j < len(out.lines) and j <= i + _MESSAGE_LINES:
            text = out.lines[j].lstrip()
            if text.startswith("at ") or text.startswith("Node.js v"):
                break
            j += 1
        else:
            j = i + 1
    while j < len(out.lines) and j <= i + 200:
        text = out.lines[j].strip().removesuffix(" {")
        if text.startswith("at "):
            yield text[3:]
        elif not (text.startswith("- ") or text == "Require stack:"):
            return
        j += 1


def _first_frame(out: Output, i: int) -> str | None:
    return next(_frames(out, i), None)


def user_frame(out: Output, i: int) -> Location | None:
    """The first stack frame of the error at `i` in the user's own files."""
    for frame in _frames(out, i):
        if loc := frame_location(frame):
            if is_user_file(loc.path):
                return loc
    return None


def frame_location(frame: str) -> Location | None:
    """`fn (path:1:2)` or `path:1:2` (after `at `) as a Location."""
    if frame.endswith(")") and "(" in frame:
        frame = frame[frame.rfind("(") + 1:-1]
    frame = frame.removeprefix("async ").removeprefix("file://")
    parts = frame.rsplit(":", 2)
    if len(parts) != 3 or not parts[1].isdigit() or not parts[2].isdigit():
        return None
    return Location(parts[0], int(parts[1]), int(parts[2]))


def is_user_file(path: str) -> bool:
    """Not node's own code, not an installed package, not a loader shim."""
    return not (
        path.startswith(("node:", "internal/", "<", "["))
        or "node_modules" in path
        or ".pnp." in path
        or "/.yarn/" in path
        or ("/" not in path and "\\" not in path)
    )
