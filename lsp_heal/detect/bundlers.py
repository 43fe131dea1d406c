"""Bundlers: webpack, esbuild and vite (Rollup before vite 7, Rolldown since).

webpack prints `ERROR in <module> <line:col>` blocks whose next line says what failed
(`Module not found: Error: Can't resolve 'x' in '/dir'`, `Module parse failed: ...`); esbuild
prints `✘ [ERROR] message` with the `file:line:col:` a couple of lines below; vite says
`error during build:` followed by Rollup's `[vite]: Rollup failed to resolve import "x"` or
`file (line:col): message`, or by Rolldown's `[CODE] message` over a `╭─[ file:line:col ]` box.
An import of a bare package that does not resolve is a missing dependency; a relative one
is a missing file of the project (build). The build's set-up, not the code, is at fault when
webpack parsed a non-JavaScript file (`.scss`, `.vue`) as JavaScript because no loader handles
it, or when esbuild's note names the option that removes the error (`--platform=node` for a
node built-in): both are `configuration`.
"""

from __future__ import annotations

import re
import json
from collections.abc import Iterator

from lsp_heal.detect._regex import lazy_re
from lsp_heal.detect.output import MAX_LINE, Output
from lsp_heal.detect.node import env_var_named, frame_location, is_user_file
from lsp_heal.detect.tsc import local_specifier
from lsp_heal.model import Category, ErrorEvent, Location, Rank, Severity

_VITE = {"vite", "rolldown", "rollup"}


def parse(out: Output) -> Iterator[ErrorEvent]:
    if out.has("ERROR in ") or out.has("WARNING in ") or out.has("[webpack-cli] "):
        yield from _webpack(out)
    if out.has('"errorsCount":'):  # `webpack --json`: the stats object
        yield from _webpack_json(out)
    if out.has("[ERROR] ") or out.has("[WARNING] ") or out.has(": ERROR: "):
        yield from _esbuild(out)
    if out.tool in _VITE or out.has("error during build:") or out.has("[vite]") or \
            out.has("failed to load config from "):  # vite's config loader, vitest's too
        yield from _vite(out)
    if out.has("CACError: "):
        yield from _vite_cli(out)
    if out.has("error when starting "):  # vite's dev / preview server did not start
        yield from _vite_server(out)


_PACKAGE_NAME = lazy_re(r"^(?:@[a-z0-9][\w.-]*/)?[a-z0-9][\w.-]*$")
_FILE_EXTENSION = lazy_re(r"\.(?:[cm]?[jt]sx?|html?|vue|svelte|css|json)$")


def _bare_package(name: str) -> bool:
    """`lodash-es`, `@acme/ui`: a package's name, not a file (`index.html`, `src/main.js`)."""
    return bool(_PACKAGE_NAME.match(name)) and not _FILE_EXTENSION.search(name)


def _unresolved(name: str) -> tuple[Category, Rank]:
    """A bare specifier names a package to install; a path names a file of the project."""
    if local_specifier(name):  # `./x`, `/x`, an alias (`@/x`, `~/x`): the project's file
        return Category.BUILD, Rank.ROOT
    if name.startswith("virtual:"):  # a plugin's virtual module (`virtual:pwa-register`): the
        return Category.CONFIGURATION, Rank.ROOT  # plugin that serves it is not configured
    return Category.DEPENDENCY, Rank.ROOT


def _syntax_message(msg: str) -> bool:
    """A parser's complaint: a token out of place, JSON's own rules (`JSON does not support
    trailing commas`, `Comments in JSON ...`), or an early error (a name declared twice)."""
    return (msg.startswith(("Unexpected", "Expected", "Unterminated", "Invalid or unexpected",
                            "Missing semicolon", "Parse error", "JSON ", "Comments in JSON",
                            "Invalid assignment target", "Illegal "))
            or "syntax" in msg.lower() or ("escape sequence" in msg and " cannot be used in " not in msg)
            or msg.endswith("has already been declared")
            or any(w in msg for w in _EARLY_ERRORS))


#: parsers' early errors about where a keyword may stand (esbuild `"await" can only be used
#: inside an "async" function`, acorn `Cannot use keyword 'await' outside an async function`,
#: babel `'await' is only allowed within async functions`, `'return' outside of function`)
#: and about a module's exports: the same name exported twice (esbuild `Multiple exports with the
#: same name "default"`, acorn / Rollup `Duplicate export 'x'`, babel `Only one default export
#: allowed per module.`) is an early error of the module's grammar, as node reports it too
_EARLY_ERRORS = (" can only be used inside ", " outside an async function", " is only allowed within ",
                 "' outside of function", " cannot be used outside ", " outside a generator function",
                 # a private name outside its class (esbuild `Private name "#n" must be declared
                 # in an enclosing class`, acorn `Private field '#n' must be ...`), a reserved
                 # word as a name (esbuild `"interface" is a reserved word and cannot be used in
                 # an ECMAScript module` / `in strict mode`, acorn `The keyword 'interface' is
                 # reserved`)
                 " must be declared in an enclosing class", " is a reserved word", "' is reserved",
                 "Multiple exports with the same name", "Duplicate export ",
                 "Only one default export allowed",
                 # a class's shape (esbuild `Classes cannot contain more than one constructor`,
                 # `Setter "x" must have exactly one argument`, acorn `Duplicate constructor in the
                 # same class`, `setter should have exactly one param`, babel `A 'set' accessor
                 # must have exactly one formal parameter.`)
                 " more than one constructor", "Duplicate constructor", " must have exactly one ",
                 " must have no arguments", " should have no params", " should have exactly one param",
                 "accessor must not have any formal parameters")


# --- webpack ----------------------------------------------------------------------------

_WP_HEADER = lazy_re(r"^(?P<kind>ERROR|WARNING) in (?P<module>\S+)(?: (?P<line>\d+):(?P<col>\d+)"
                        r"(?:-[\d:]+)?)?(?P<rest>.*)$")
_WP_RESOLVE = lazy_re(r"Module not found: Error: Can't resolve '(?P<name>[^']+)'")
_WP_PARSE = lazy_re(r"^(?:Module parse failed: |SyntaxError: (?:\S+: )?)(?P<msg>.*?)"
                       r"(?: \((?P<line>\d+):(?P<col>\d+)\))?$")
#: webpack's ESM linking: `export 'x' (imported as 'y') was not found in './m' (possible exports: ...)`
_WP_NO_EXPORT = lazy_re(r"^export '(?P<name>[^']+)' \(imported as '[^']*'\) was not found in '")
_WP_CODE = lazy_re(r"^(?:\[\w+\] )?(?P<code>TS\d+):")
_WP_SUMMARY = lazy_re(r"^webpack(?: [\d.]+)? compiled with [1-9]\d* errors?")
_WP_WARNINGS_ONLY = lazy_re(r"^webpack(?: [\d.]+)? compiled with [1-9]\d* warnings? in ")
_WP_CONFIG_LOAD = lazy_re(r"^\[webpack-cli\] (?:✖ )?Failed to load '(?P<path>[^']+)' config")
#: webpack-cli's (commander's) command-line errors
_WP_CLI_OPTION = lazy_re(r"^\[webpack-cli\] (?:✖ )?Error: (?:Unknown option '(?P<a>[^']+)'"
                         r"|Unknown command or entry '(?P<b>[^']+)'|Invalid value '[^']*' for the '(?P<c>[^']+)' option)")
#: enhanced-resolve refusing a subpath a package's "exports" does not offer: `Package path
#: ./internal is not exported from package /app/node_modules/kit (see exports field ...)`, or
#: `"./internal/x.js" is not exported under the conditions ["import", ...] from package /app/...`
_WP_NOT_EXPORTED = lazy_re(r"Module not found: Error: (?:Package path (?P<a>\S+) is not exported|"
                           r"\"(?P<b>[^\"]+)\" is not exported under the conditions \[[^\]]*\]) "
                           r"from package (?P<pkg>\S+)")
#: the same resolver message, bare, as Rolldown's `vite-resolve` plugin gives it as a cause
_NOT_EXPORTED_FROM = lazy_re(r"^(?:Package path (?P<a>\S+) is not exported|\"(?P<b>[^\"]+)\" is not "
                             r"exported under the conditions \[[^\]]*\]) from package (?P<pkg>\S+)")


def _exported_subject(x: re.Match[str]) -> str:
    """`"./internal/x.js"` of package `/app/node_modules/kit` → `kit/internal/x.js`."""
    sub, pkg = x["a"] or x["b"], x["pkg"]
    at = pkg.rfind("node_modules/")
    return (pkg[at + len("node_modules/"):] if at != -1 else pkg.rsplit("/", 1)[-1]) + \
        (sub[1:] if sub.startswith("./") else "/" + sub)
#: two chunks (or assets) written to one file name: the config's `output.filename` lacks `[name]`
_WP_CONFLICT = lazy_re(r"^Conflict: Multiple (?:chunks|assets) emit (?:assets|different content) "
                       r"to the same filename (?P<file>\S+)")
_WP_NODE_ERROR = lazy_re(r"^(?P<type>(?:[A-Z]\w*)?Error)(?: \[\w+\])?: (?P<msg>.*)$")
_WP_NO_MODULE = lazy_re(r"Cannot find (?:module|package) '(?P<name>[^']+)'")
#: schema-utils' lines: `configuration.mode should be one of these`, `configuration has an unknown
#: property 'x'`, and the custom checks' `configuration.output.path: The provided value "dist" is
#: not an absolute path!` (the key then a colon)
_WP_SCHEMA = lazy_re(r"^ - configuration(?:\.(?P<path>[\w.\[\]'\"-]+))?(?: has an unknown property"
                        r" '(?P<prop>[^']+)'| should| must| misses|: )")


def _webpack(out: Output) -> Iterator[ErrorEvent]:
    # a failed run whose compilation ended with warnings only (`--fail-on-warnings`): the
    # warnings are why it failed, errors in their own right
    warnings_failed = out.failed and not any(
        out.lines[i].startswith("ERROR in ") for i in out.find("ERROR in ")) and any(
        _WP_WARNINGS_ONLY.match(out.lines[i]) for i in out.find("compiled with "))
    for needle in ("ERROR in ", "WARNING in "):
        for i in out.find(needle):
            line = out.lines[i]
            if line.startswith(needle) and (m := _WP_HEADER.match(line)):
                event = _webpack_block(out, i, m)
                if warnings_failed and event.severity is Severity.LOW:
                    event.severity = Severity.HIGH
                yield event
    for i in out.find("compiled with "):
        if _WP_SUMMARY.match(out.lines[i]):
            yield ErrorEvent(Category.BUILD, Severity.HIGH, "webpack", out.lines[i].strip(),
                             rank=Rank.SUMMARY, line_index=i)
    for i in out.find("Failed to load '"):
        if m := _WP_CONFIG_LOAD.match(out.lines[i]):
            yield _webpack_config_error(out, i, m["path"])
    for i in out.find("[webpack-cli] "):  # the command line itself: `Unknown option '--x'`
        if m := _WP_CLI_OPTION.match(out.lines[i]):
            yield ErrorEvent(Category.CONFIGURATION, Severity.HIGH, "webpack",
                             out.lines[i].strip(), subject=m["a"] or m["b"] or m["c"],
                             rank=Rank.ROOT, line_index=i)
        elif (m := _WP_THROWN.match(out.lines[i])) and _stack_follows(out, i):
            yield _webpack_thrown(out, i, m)
    for i in out.find(" - configuration"):
        if m := _WP_SCHEMA.match(out.lines[i]):
            subject = m["prop"] or m["path"] or None  # the key to change, as printed
            yield ErrorEvent(Category.CONFIGURATION, Severity.HIGH, "webpack",
                             out.lines[i].strip(" -"), subject=subject, rank=Rank.ROOT,
                             line_index=i)


_WP_THROWN = lazy_re(r"^\[webpack-cli\] (?:✖ )?(?P<type>(?:[A-Z]\w*)?Error)(?: \[\w+\])?: (?P<msg>.*)$")
#: webpack's own refusals of a kind its plugins do not know (EnableLibraryPlugin `Unsupported
#: library type esm.`, EnableChunkLoadingPlugin `Unsupported chunk loading type x.`, the wasm
#: loading one): a value of the config's, named by the value only
_WP_UNSUPPORTED = lazy_re(r"^Unsupported (?:[a-z]+ ){1,3}type (?P<value>\S+?)\.?$")


def _stack_follows(out: Output, i: int, span: int = 4) -> bool:
    """A stack (`    at ...`) starts within a few lines below `i`: an exception's message
    may run over lines of its own (webpack's `Unsupported library type x.` has a hint line)."""
    for j in range(i + 1, min(i + 1 + span, len(out.lines))):
        text = out.lines[j].lstrip()
        if text.startswith("at "):
            return True
        if text.startswith("[webpack-cli] "):
            return False
    return False


def user_stack_frame(out: Output, i: int, span: int = 40) -> Location | None:
    """The first `at ...` frame below line `i` in the user's own files (a config, a plugin, a
    build script), past node's and node_modules' frames; stops at the first non-frame line
    once frames began."""
    started = False
    for k in range(i + 1, min(i + span, len(out.lines))):
        text = out.lines[k].strip()
        if not text.startswith("at "):
            if started:
                return None
            continue
        started = True
        if (loc := frame_location(text[3:].removesuffix(" {"))) and is_user_file(loc.path):
            return loc
    return None


def _webpack_thrown(out: Output, i: int, m: re.Match[str]) -> ErrorEvent:
    """webpack-cli caught an exception (`[webpack-cli] ✖ TypeError: ...` and its stack): thrown
    by the config's code (a function config checking its environment) or by a plugin's hook.
    Read as node reads an uncaught exception, placed at the user's first frame."""
    text = out.lines[i].strip()
    where = user_stack_frame(out, i)
    if var := env_var_named(m["msg"]):
        return ErrorEvent(Category.CONFIGURATION, Severity.HIGH, "webpack", text, subject=var,
                          location=where, rank=Rank.ROOT, line_index=i)
    if u := _WP_UNSUPPORTED.match(m["msg"]):  # a kind webpack has no plugin for: the config's value
        return ErrorEvent(Category.CONFIGURATION, Severity.HIGH, "webpack", text, subject=u["value"],
                          rank=Rank.ROOT, line_index=i)
    if c := _WP_CONFLICT.match(m["msg"]):  # thrown while emitting: the output names collide
        return ErrorEvent(Category.CONFIGURATION, Severity.HIGH, "webpack", text, subject=c["file"],
                          rank=Rank.ROOT, line_index=i)
    if q := _WP_NO_MODULE.search(m["msg"]):
        category, rank = _unresolved(q["name"])
        return ErrorEvent(category, Severity.HIGH, "webpack", text, subject=q["name"],
                          location=where, rank=rank, line_index=i)
    return ErrorEvent(Category.RUNTIME, Severity.HIGH, "webpack", text, subject=m["type"],
                      location=where, rank=Rank.ERROR, line_index=i)


#: the errors JavaScript itself throws (a program's own `Error` says what it wants instead)
_JS_ERROR_TYPES = frozenset({"TypeError", "ReferenceError", "RangeError", "URIError", "EvalError"})


def _webpack_config_error(out: Output, i: int, config: str) -> ErrorEvent:
    """webpack-cli could not load the config file: node's error follows (indented, or after
    `[webpack-cli] `), e.g. a plugin the config requires that is not installed."""
    for j in range(i + 1, min(i + 40, len(out.lines))):
        text = out.lines[j].strip().removeprefix("[webpack-cli] ")
        e = _WP_NODE_ERROR.match(text)
        if e is None:
            continue
        where = _config_frame(out, j, config) or Location(config)
        if e["type"] == "SyntaxError":
            where = _config_header(out, i, j, config) or where
            return ErrorEvent(Category.SYNTAX, Severity.HIGH, "webpack", text,
                              location=where, rank=Rank.ROOT, line_index=j)
        if (q := _WP_NO_MODULE.search(text)) and _same_file(q["name"], config):
            # `--config webpack.prod.js` names a file that is not there
            return ErrorEvent(Category.CONFIGURATION, Severity.HIGH, "webpack", text,
                              subject=config, rank=Rank.ROOT, line_index=j)
        if q:
            category, rank = _unresolved(q["name"])
            return ErrorEvent(category, Severity.HIGH, "webpack", text, subject=q["name"],
                              location=where, rank=rank, line_index=j)
        if e["type"] in _JS_ERROR_TYPES:
            # the config's own code failed as it ran (`webpack is not defined` for a missing
            # `require('webpack')`, a property of undefined): a bug in that code, at its frame
            return ErrorEvent(Category.RUNTIME, Severity.HIGH, "webpack", text,
                              subject=e["type"], location=where, rank=Rank.ERROR, line_index=j)
        return ErrorEvent(Category.CONFIGURATION, Severity.HIGH, "webpack", text,
                          subject=config, location=where, rank=Rank.ROOT, line_index=j)
    return ErrorEvent(Category.CONFIGURATION, Severity.HIGH, "webpack", out.lines[i].strip(),
                      subject=config, rank=Rank.ROOT, line_index=i)


def _config_header(out: Output, i: int, j: int, config: str) -> Location | None:
    """Node's crash header above a config's SyntaxError: `/project/webpack.config.js:6`, the
    source line, the caret line (indented under webpack-cli's own line)."""
    for k in range(j - 1, max(j - 6, i), -1):
        path, _, line = out.lines[k].strip().rpartition(":")
        if line.isdigit() and path and _same_file(path, config):
            return Location(config, int(line))
    return None


def _same_file(name: str, config: str) -> bool:
    """`/project/webpack.prod.js` is the `webpack.prod.js` the command line named."""
    name, config = name.removeprefix("file://"), config.removeprefix("./")
    return name == config or name.endswith("/" + config)


def _config_frame(out: Output, j: int, config: str) -> Location | None:
    """The first `at ... (config:line:col)` frame below the error line."""
    for k in range(j + 1, min(j + 30, len(out.lines))):
        text = out.lines[k].strip()
        if text.startswith("at ") and config + ":" in text:
            tail = text[text.find(config) + len(config) + 1:].rstrip(")").split(":")
            if tail and tail[0].isdigit():
                column = int(tail[1]) if len(tail) > 1 and tail[1].isdigit() else None
                return Location(config, int(tail[0]), column)
    return None


def _webpack_block(out: Output, i: int, m: re.Match[str]) -> ErrorEvent:
    return _webpack_error(m["module"], m["line"], m["col"], m["kind"] == "WARNING",
                          out.lines[i:i + 12], i)


def _webpack_json(out: Output) -> Iterator[ErrorEvent]:
    """`webpack --json`: the stats object lists `errors` and `warnings` (also in each of a
    multi-compiler's `children`) as objects with `moduleName`, `loc` (`1:0-39`) and `message`
    (the text an `ERROR in` block prints). webpack-cli prints it on one line (read from the
    text: the line is longer than a line is kept); `JSON.stringify(stats, null, 2)` pretty."""
    decoder = json.JSONDecoder()
    for i in out.find('"errorsCount":'):
        line = out.lines[i]
        if line.startswith("{"):  # the whole object on this line
            text = out.text
            offset = text.find(line[:200]) if len(line) >= MAX_LINE else -1
            try:
                stats = decoder.raw_decode(text if offset >= 0 else line, max(offset, 0))[0]
            except ValueError:
                continue
            yield from _stats_events(stats, i)
    for i in out.find('"errors": ['):  # pretty-printed: decode the array from its line on
        line = out.lines[i]
        if line.strip() != '"errors": [':
            continue
        try:
            items = decoder.raw_decode("\n".join(out.lines[i:i + 5000]), line.index("["))[0]
        except ValueError:
            continue
        yield from _stats_events({"errors": items}, i)


def _stats_events(stats: object, i: int) -> Iterator[ErrorEvent]:
    if not isinstance(stats, dict):
        return
    for key, warning in (("errors", False), ("warnings", True)):
        for item in stats.get(key) or ():
            if isinstance(item, dict) and item.get("message"):
                loc = str(item.get("loc") or "").split("-")[0].split(":")
                line, col = (loc + [None, None])[:2] if loc[0].isdigit() else (None, None)
                module = str(item.get("moduleName") or "main")
                block = [f"{'WARNING' if warning else 'ERROR'} in {module}",
                         *str(item["message"]).splitlines()]
                yield _webpack_error(module, line, col, warning, block, i)
    for child in stats.get("children") or ():
        yield from _stats_events(child, i)


def _webpack_error(module: str, line: str | None, col: str | None, warning: bool,
                   block: list[str], i: int) -> ErrorEvent:
    """One `ERROR in <module> <line:col>` (block[0]) and the lines that say what failed."""
    module = module.split("!")[-1]
    text = block[1].strip() if len(block) > 1 else ""
    location = None
    if module.startswith(("./", "/", "../")) or "." in module.rsplit("/", 1)[-1]:
        location = Location(module, int(line) if line else None, int(col) + 1 if col else None)
    category, rank, subject = Category.BUILD, Rank.ERROR, None
    if module == "Conflict:" and (c := _WP_CONFLICT.match(block[0].strip()[len("ERROR in "):])):
        category, rank, subject, location = Category.CONFIGURATION, Rank.ROOT, c["file"], None
    elif (x := _WP_NOT_EXPORTED.search(text)) and (x["a"] or x["b"]):
        # the package is there; the import asks for a subpath it does not export (as node's
        # ERR_PACKAGE_PATH_NOT_EXPORTED): build, the package and its subpath
        category, rank = Category.BUILD, Rank.ROOT
        subject = _exported_subject(x)
    elif r := _WP_RESOLVE.search(text):
        subject = r["name"]
        category, rank = _unresolved(subject)
        if any(b.startswith(_WP_NO_POLYFILL) for b in block[2:8]):
            # a node built-in in a browser bundle: webpack 5 names the option that fixes it
            category, rank, subject = Category.CONFIGURATION, Rank.ROOT, "resolve.fallback"
        elif location is None and category is Category.BUILD:
            # `ERROR in main` + `Can't resolve './src'`: the entry point itself is missing; a
            # bare name there is a loader or entry package the config names, not installed
            category = Category.CONFIGURATION
    elif text.startswith("Module parse failed") and location and _needs_loader(block, location):
        category, rank = Category.CONFIGURATION, Rank.ROOT
        p = _WP_PARSE.match(text)
        if p and p["line"]:
            location = Location(location.path, int(p["line"]))
    elif text.startswith(("Module parse failed", "Module build failed")):
        category, rank = Category.SYNTAX, Rank.ROOT
        detail = text if text.startswith("Module parse") else (block[2].strip() if len(block) > 2 else "")
        p = _WP_PARSE.match(detail)
        if location and p and p["line"]:
            location = Location(location.path, int(p["line"]), int(p["col"]) + 1)
        elif text.startswith("Module build failed") and not (p and "SyntaxError" in detail):
            category, rank = Category.BUILD, Rank.ERROR  # a loader failed for another reason
    elif warning and module == "configuration":
        category = Category.CONFIGURATION
    elif code := _WP_CODE.match(text):
        subject = code["code"]
    elif export := _WP_NO_EXPORT.match(text):  # the module is there, the name is not
        subject = export["name"]
    severity = Severity.LOW if warning else Severity.HIGH
    return ErrorEvent(category, severity, "webpack", text or block[0].strip(),
                      subject=subject, location=location, rank=rank, line_index=i)


_WP_NO_POLYFILL = "BREAKING CHANGE: webpack < 5 used to include polyfills for node.js core modules"

_JS_EXTENSIONS = {".js", ".mjs", ".cjs", ".jsx", ".ts", ".mts", ".cts", ".tsx", ".json"}


_TS_EXTENSIONS = {".ts", ".mts", ".cts", ".tsx", ".jsx"}
_WP_FRAME = lazy_re(r"^> ?(?P<line>\d+) \| ?(?P<src>.*)$")


def _needs_loader(block: list[str], location: Location) -> bool:
    """`Module parse failed` on a file webpack only read as JavaScript because no loader
    handles its kind (`.scss`, `.vue`, `.svg`), or on syntax its JavaScript parser never reads
    (TypeScript, JSX: `<h1>` where the caret points) with no loader configured: a missing
    loader, not broken code."""
    if not any("You may need an appropriate loader" in line for line in block[1:5]):
        return False
    name = location.path.rsplit("/", 1)[-1]
    ext = name[name.rfind("."):].lower() if "." in name else ""
    if ext not in _JS_EXTENSIONS:
        return True
    if not any("no loaders are configured" in line for line in block[1:5]):
        return False  # a loader ran: its output is what does not parse
    if ext in _TS_EXTENSIONS:
        return True
    p = _WP_PARSE.match(block[1].strip() if len(block) > 1 else "")
    if not (p and p["line"]):
        return False
    for frame in block[2:12]:
        if (f := _WP_FRAME.match(frame)) and f["line"] == p["line"]:
            at = f["src"][int(p["col"]):int(p["col"]) + 2]
            return at[:1] == "<" and (at[1:].isalpha() or at[1:] == ">")  # a JSX element
    return False


# --- esbuild ----------------------------------------------------------------------------

_ES_DIAG = lazy_re(r"^(?:✘|X|▲) \[(?P<kind>ERROR|WARNING)\] (?P<msg>.+?)(?: \[(?P<code>[\w-]+)\])?$")
_ES_LOCATION = lazy_re(r"^ {2,}(?P<path>[^\s:][^:]*):(?P<line>\d+):(?P<col>\d+):$")
_ES_RESOLVE = lazy_re(r'^Could not resolve "(?P<name>[^"]+)"')
_ES_API = lazy_re(r"^(?P<path>[^\s:][^:]*):(?P<line>\d+):(?P<col>\d+): ERROR: (?P<msg>.+)$")
_ES_OPTION_NOTE = lazy_re(r'You can use "--(?P<option>[\w-]+)=[^"]*" to do that, which will remove this error')
_ES_FLAG = lazy_re(r'"(?P<flag>--?[A-Za-z][\w:.-]*)')
#: an option esbuild's usage error names in quotes: `Must use "outdir" when there are multiple
#: input files`, `Cannot use "external" without "bundle"`
#: the JS API's checks of its options (lib/main.js): `Invalid option in build() call: "x"`,
#: `"entryPoints" must be an array or an object`, `Expected "outfile" to be a string`
_ES_API_USAGE = lazy_re(r'^(?:Invalid option in \w+\(\) call: |"[A-Za-z][\w.]*" must be |Expected "[A-Za-z][\w.]*" to be )')
_ES_QUOTED = lazy_re(r'"(?P<opt>[A-Za-z][\w.]*)"')
_ES_OPTION_WORD = lazy_re(r'^(?:Must|Cannot) use (?:both )?"(?P<opt>[a-z][A-Za-z]*)"'
                          # a feature named first, then the setting it needs: `Splitting
                          # currently only works with the "esm" format` (the option: splitting)
                          r'|^(?P<feature>[A-Z][a-z]+) (?:currently )?(?:only works|requires|is only supported)\b')
#: a file the command line names that esbuild cannot find or read: `Cannot find tsconfig file
#: "tsconfig.prod.json"`, `Could not read from file: /x/in.js`
_ES_FILE = lazy_re(r'^(?:Cannot find|Could not find|Could not read|Failed to read)\b[^"]{0,40}?'
                   r'(?:"(?P<q>[^"]+)"|: (?P<p>\S+)$)')
_ES_NO_EXPORT = lazy_re(r'^No matching export in "[^"]+" for import "(?P<name>[^"]+)"')
#: a binding the code misuses: `Cannot assign to import "x"`, `Cannot assign to "x" because it
#: is a constant`, `Cannot assign to property on import "x"`, `Cannot use "x" as an identifier`
#: (not `Cannot use "new.target" here:`, the parser placing a keyword where it may not stand)
_ES_BINDING = lazy_re(r'^Cannot (?:assign to (?:property on )?(?:import )?|use )"(?P<name>[^"]+)"(?! here)')


def _esbuild(out: Output) -> Iterator[ErrorEvent]:
    for needle in ("[ERROR] ", "[WARNING] "):
        for i in out.find(needle):
            if m := _ES_DIAG.match(out.lines[i]):
                location = _esbuild_location(out, i)
                if location is not None and location.path == "<stdin>" and out.tool in _VITE:
                    # vite hands esbuild the code itself (its CSS minify pass: `warnings when
                    # minifying css:`), so `<stdin>` is vite's, not a file of the user's
                    location = None
                yield _esbuild_event(out, i, m["msg"], location,
                                     warning=m["kind"] == "WARNING", code=m["code"])
    for i in out.find(": ERROR: "):  # the API's text form, as vite 5 relays it
        if m := _ES_API.match(out.lines[i]):
            location = Location(m["path"], int(m["line"]), int(m["col"]) + 1)
            event = _esbuild_event(out, i, m["msg"], location, warning=False, code=None)
            if "!~{" in m["path"]:
                # vite 5 transpiles rendered chunks too (`assets/index-!~{001}~.js:39:12`,
                # rollup's placeholder for a hash not yet known): the code is the user's, the
                # place is in the output, not in a file of the user's
                event.location = None
            yield event


_ES_PLUGIN = lazy_re(r"^(?P<msg>.+) \[plugin [^\]]+\]$")
#: V8's own messages, by the error type they come with (esbuild relays a plugin's throw
#: without its type)
_V8_TYPES = (("TypeError", ("Cannot read properties of ", "Cannot set properties of ", " is not a function",
                            " is not iterable", "Cannot destructure ", " is not a constructor",
                            "Assignment to constant variable", "Cannot convert undefined or null")),
             ("ReferenceError", (" is not defined", "before initialization")),
             ("RangeError", ("Maximum call stack size exceeded", "Invalid array length")))


def v8_error_type(msg: str) -> str:
    """The JavaScript error type a V8 message comes with, `Error` for the program's own."""
    for kind, words in _V8_TYPES:
        if any(w in msg for w in words):
            return kind
    return "Error"


def _plugin_thrown_at(out: Output, i: int) -> Location | None:
    """A plugin's thrown error: esbuild prints its stack (`    at file:///x/build.mjs:7:38`)
    under the diagnostic; the user's first frame there, before the next diagnostic."""
    for j in range(i + 1, min(i + 12, len(out.lines))):
        text = out.lines[j].strip()
        if text.startswith(("✘ ", "▲ ")):
            return None
        if text.startswith("at "):
            return user_stack_frame(out, j - 1, 30)
    return None


def _esbuild_note(out: Output, i: int, words: str) -> bool:
    """One of the notes under the diagnostic at `i` says `words`."""
    for j in range(i + 1, min(i + 12, len(out.lines))):
        line = out.lines[j]
        if line.startswith(("✘ ", "▲ ", "X [")):
            return False
        if words in line:
            return True
    return False


def _esbuild_location(out: Output, i: int) -> Location | None:
    for j in range(i + 1, min(i + 4, len(out.lines))):
        if m := _ES_LOCATION.match(out.lines[j]):
            return Location(m["path"], int(m["line"]), int(m["col"]) + 1)
    return None


def _esbuild_option_note(out: Output, i: int) -> str | None:
    """The option an error's note says would remove it (`You can use "--platform=node" to do
    that, which will remove this error`): the build is set up wrong, not the code."""
    for j in range(i + 1, min(i + 12, len(out.lines))):
        line = out.lines[j]
        if line.startswith(("✘ ", "▲ ", "X [")):
            return None
        if "You can use \"--" in line and (m := _ES_OPTION_NOTE.search(line)):
            return m["option"]
    return None


#: esbuild's names for the sources it makes of an option's JSON value
_ES_OPTION_SOURCES = {"<tsconfig.json>": "--tsconfig-raw"}


#: esbuild's errors in a source file that are no parser's: code the configured target or output
#: format cannot express (`Transforming const to the configured target environment ("es5") is
#: not supported yet`, `Big integer literals are not available in the configured target
#: environment`, `Top-level await is currently not supported with the "cjs" output format`,
#: `With statements cannot be used with the "esm" output format`, `Legacy octal literals cannot
#: be used in an ECMAScript module`), and a file esbuild cannot bring into the bundle (`Cannot
#: import "x" into a JavaScript file without an output path configured`)
_ES_NOT_PARSER = (" not supported yet", " configured target environment", " output format",
                  " ECMAScript module", "without an output path", "Could not ", "No matching export")


def _esbuild_event(out: Output, i: int, msg: str, location: Location | None, *, warning: bool,
                   code: str | None) -> ErrorEvent:
    tool = "vite" if out.tool in _VITE else "esbuild"
    if warning:
        return ErrorEvent(Category.BUILD, Severity.LOW, tool, out.lines[i].strip(),
                          subject=code, location=location, line_index=i)
    category, rank, subject = Category.BUILD, Rank.ERROR, None
    if location is not None and location.path[:1] == "(" and location.path.endswith(")"):
        # esbuild parses an option's value as a source of its own, named after the option
        # (`(global name):1:2` for `--global-name=my-lib`): the command line is wrong, no file
        return ErrorEvent(Category.CONFIGURATION, Severity.HIGH, tool, out.lines[i].strip(),
                          subject="--" + location.path[1:-1].strip().replace(" ", "-"),
                          rank=Rank.ROOT, line_index=i)
    if location is not None and location.path in _ES_OPTION_SOURCES:
        # the same for the JSON options: `--tsconfig-raw={...}` parsed as `<tsconfig.json>`
        # (not `<stdin>`, which is code the user piped in)
        return ErrorEvent(Category.CONFIGURATION, Severity.HIGH, tool, out.lines[i].strip(),
                          subject=_ES_OPTION_SOURCES[location.path], rank=Rank.ROOT, line_index=i)
    if msg.endswith("]") and (p := _ES_PLUGIN.search(msg)) and \
            (where := _plugin_thrown_at(out, i)) is not None:
        # a plugin's callback threw (its stack follows): the build script's code is at fault
        return ErrorEvent(Category.RUNTIME, Severity.HIGH, tool, out.lines[i].strip(),
                          subject=v8_error_type(p["msg"]), location=where, rank=Rank.ERROR,
                          line_index=i)
    if m := _ES_RESOLVE.match(msg):
        subject = m["name"]
        category, rank = _unresolved(subject)
        if option := _esbuild_option_note(out, i):  # `fs` is built into node: `--platform=node`
            category, subject = Category.CONFIGURATION, option
        elif location is None:  # no importer: an entry point the command line names
            category, rank = Category.CONFIGURATION, Rank.ROOT
        elif _esbuild_note(out, i, "is not exported by package "):
            # the package is there; its "exports" map does not list this subpath
            category, rank = Category.BUILD, Rank.ERROR
    elif msg.startswith(("No loader is configured for ", "Do not know how to load path")):
        category, rank = Category.CONFIGURATION, Rank.ROOT  # `--loader:.png=file` is missing
    elif _syntax_message(msg):
        category, rank = Category.SYNTAX, Rank.ROOT
    elif m := _ES_NO_EXPORT.match(msg) or (location is not None and _ES_BINDING.match(msg)):
        subject = m["name"]
    elif location is not None and "node_modules/esbuild/" in location.path and _ES_API_USAGE.match(msg):
        # the JS API rejecting the options it was called with (`Invalid option in build()
        # call: "entrypoints"`, `"entryPoints" must be an array`): thrown from esbuild's own
        # lib/main.js; the build script's call (the user's frame of the stack below) is wrong
        category, rank = Category.CONFIGURATION, Rank.ROOT
        subject = q["opt"] if (q := _ES_QUOTED.search(msg)) else None
        location = _plugin_thrown_at(out, i)
    elif location is not None and code is None and not msg.endswith("]") and msg[:1] != "[" \
            and "node_modules/esbuild/" not in location.path and not any(w in msg for w in _ES_NOT_PARSER):
        # any other error esbuild places in a source file is its parser's (js_parser /
        # js_lexer: `Getter "x" must have zero arguments`, `Duplicate label "x"`, `"a" cannot be
        # bound multiple times in the same parameter list`, `Cannot use "new.target" here:`):
        # the resolver, the linker and the target / output-format checks are read above or
        # named in _ES_NOT_PARSER
        category, rank = Category.SYNTAX, Rank.ROOT
    elif location is None:  # a command-line or option error: nothing in the code is wrong
        category, rank = Category.CONFIGURATION, Rank.ROOT
        if f := _ES_FLAG.search(msg):  # `Invalid build flag: "--minfy"`, `... in "--target=x"`
            subject = f["flag"]
        elif o := _ES_OPTION_WORD.match(msg):
            subject = o["opt"] or o["feature"].lower()
        elif f := _ES_FILE.match(msg):
            subject = f["q"] or f["p"]
        elif ": " in msg:  # `Invalid define value (must be ...): https://x`, `Invalid loader
            # value: "bogus"`: the option the command line gives the value to (`--define:X=v`
            # → `--define`), else the value as printed (the JS API's call names no flag)
            value = msg.rsplit(": ", 1)[1].strip().strip('"')
            subject = (_option_given(out.command, value) or value) if value else None
        elif q := _ES_QUOTED_VALUE.search(msg):
            # a value quoted with no option named (`External path "@ui/*/*" cannot have more
            # than one "*" wildcard`): the option the command line gives it to, else the value
            subject = _option_given(out.command, q["v"]) or q["v"]
    elif subject is None and code and category is Category.BUILD:
        # a warning the command line made an error (`--log-override:duplicate-case=error`):
        # the diagnostic's id, as a compiler's `-Werror=x` counts as its code
        subject = code
    return ErrorEvent(category, Severity.HIGH, tool, out.lines[i].strip(), subject=subject,
                      location=location, rank=rank, line_index=i)


_ES_QUOTED_VALUE = lazy_re(r'"(?P<v>[^"]+)"')


def _option_given(command: str | None, value: str) -> str | None:
    """The `--flag` a command line passes `value` to (`--external:@ui/*/*`, `--x=value`)."""
    if not command or value not in command:
        return None
    for word in command.split():
        word = word.strip("'\"")
        if word.startswith("--") and word.endswith(value) and len(word) > len(value) + 2:
            head = word[: len(word) - len(value)]
            if head[-1] in ":=":
                return head[:-1].split(":", 1)[0].split("=", 1)[0]
    return None


# --- vite (Rollup / Rolldown) -------------------------------------------------------------

_RESOLVE_IMPORT = lazy_re(r'(?:Rollup|Rolldown) failed to resolve import "(?P<name>[^"]+)" '
                             r'from "(?P<path>[^"]+)"')
_ROLLUP_RESOLVE = lazy_re(r'^(?:\[[\w:-]+\] )?Could not resolve "(?P<name>[^"]+)" from '
                             r'"(?P<path>[^"]+)"')
_ROLLUP_AT = lazy_re(r"^(?:\[(?:plugin )?[\w:.-]+\] ){0,2}(?P<path>[^\s(][^(]*?) \((?P<line>\d+):(?P<col>\d+)\): "
                        r"(?P<msg>.+)$")
#: `[CODE] message`, or a plugin's label in its place (`[builtin:vite-transform] Unexpected token`)
_ROLLDOWN = lazy_re(r"^(?:\S+ \(\d+:\d+\) )?\[(?:(?P<code>[A-Z_]+)|(?P<plugin>builtin:[\w:.-]+|plugin [\w:.-]+))\] (?P<msg>.+)$")
_ROLLDOWN_BOX = lazy_re(r"^\s*╭─\[ (?P<path>[^\s:][^:]*):(?P<line>\d+):(?P<col>\d+) \]$")
_ROLLDOWN_RESOLVE = lazy_re(r"^Could not resolve '(?P<name>[^']+)'")
#: Rollup `Could not resolve entry module "x".`, Rolldown `[UNRESOLVED_ENTRY] Cannot resolve entry module x.`
_ENTRY = lazy_re(r'(?:Could not|Cannot) resolve entry module "?(?P<name>[^"\s]+?)"?\.?$')
_NOT_EXPORTED = lazy_re(r'^"(?P<name>[^"]+)" is not exported by')


#: the module a plugin was transforming, as vite heads the plugin's error: `[plugin
#: vite:worker-import-meta-url] /app/src/main.js`
_PLUGIN_MODULE = lazy_re(r"^\[plugin [\w:.@/-]+\] (?P<path>/\S+\.\w+)$")


def _plugin_importer(out: Output, i: int) -> str | None:
    """The module a plugin's heading names a few lines above an error at `i`, if any."""
    for j in range(i - 1, max(i - 6, -1), -1):
        if (line := out.lines[j]).startswith("[plugin ") and (m := _PLUGIN_MODULE.match(line.strip())):
            return m["path"]
    return None


def _vite(out: Output) -> Iterator[ErrorEvent]:
    found = False
    for event in _vite_known(out):
        found = True
        yield event
    if not found:
        for i in out.find("error during build:"):
            if event := _vite_plugin_error(out, i):
                yield event


#: vite 5/6 under `error during build:`: a plugin's error, `[vite:import-glob] message`, with the
#: module it was transforming on a `file: /abs/src/x.js[:line:col]` line below it
_PLUGIN_ERROR = lazy_re(r"^\[(?P<plugin>[\w:.@/-]+)\] (?P<msg>.+)$")
#: the value a plugin calls invalid: `Invalid glob: "pages/*.js"`, `Invalid import "x"`
_INVALID_VALUE = lazy_re(r"^Invalid [\w .-]{1,30}: [\"'`](?P<value>[^\"'`]+)[\"'`]")
_PLUGIN_FILE_SPAN = 4  # the message may take a line or two


def _vite_plugin_error(out: Output, i: int) -> ErrorEvent | None:
    """A plugin's error that no rule above knew (read last, only when none did): `build` at
    the module the `file:` line names, or `syntax` when the message is a parser's."""
    m = _PLUGIN_ERROR.match(out.line(i + 1).strip())
    if not m:
        return _plugin_hook_threw(out, i)
    at = next((a for j in range(i + 2, min(i + 2 + _PLUGIN_FILE_SPAN, len(out.lines)))
               if (a := _PLUGIN_AT.match(out.lines[j]))), None)
    if at is None:
        return None
    msg = m["msg"]
    line = int(at["line"]) if at["line"] and at["line"].isdigit() else None
    col = int(at["col"]) if line and at["col"] and at["col"].isdigit() else None
    category, rank, subject = Category.BUILD, Rank.ERROR, None
    if _syntax_message(msg):
        category, rank = Category.SYNTAX, Rank.ROOT
    elif v := _INVALID_VALUE.match(msg):
        subject = v["value"]
    return ErrorEvent(category, Severity.HIGH, "vite", out.line(i + 1).strip(), subject=subject,
                      location=Location(at["path"], line, col), rank=rank, line_index=i + 1)


_PLUGIN_HEADER = lazy_re(r"^\[plugin (?P<plugin>[\w:.@/-]+)\]$")
_JS_FAULTS = ("TypeError", "ReferenceError", "RangeError")


def _plugin_hook_threw(out: Output, i: int) -> ErrorEvent | None:
    """vite 7+: `Build failed with 1 error:` then `[plugin NAME]` alone on a line and the error a
    plugin's hook threw (`buildStart`, `resolveId`, ...) with its stack. A plugin written in the
    config runs from its bundled copy (`vite.config.js.timestamp-N-h.mjs`): that is the place.
    An env var the message names is what to set; a JavaScript fault is the code's; else the
    plugin refused the build (configuration, named by the plugin)."""
    for j in range(i + 1, min(i + _CONFIG_SPAN, len(out.lines))):
        if (h := _PLUGIN_HEADER.match(out.lines[j].strip())) is None:
            continue
        if (e := _THROWN.match(out.line(j + 1).strip())) is None:
            return None
        where = None
        for k in range(j + 2, min(j + 8, len(out.lines))):
            frame = out.lines[k]
            if ".timestamp-" in frame:
                base = frame.split(".timestamp-", 1)[0].rsplit("/", 1)[-1]
                where = _config_thrown_at(out, j + 1, base)
                break
        message = out.line(j + 1).strip()
        if var := env_var_named(e["msg"]):
            return ErrorEvent(Category.CONFIGURATION, Severity.HIGH, "vite", message,
                              subject=var, location=where, rank=Rank.ROOT, line_index=j + 1)
        if e["type"] in _JS_FAULTS:
            return ErrorEvent(Category.RUNTIME, Severity.HIGH, "vite", message, subject=e["type"],
                              location=where, rank=Rank.ERROR, line_index=j + 1)
        if e["type"] == "SyntaxError":
            # a parser the plugin runs refused its input (vite:css-post's `SyntaxError:
            # [lightningcss minify] Unexpected end of input` on a stylesheet, a JSON read by a
            # config's plugin): the input's syntax, not the plugin's set-up
            return ErrorEvent(Category.SYNTAX, Severity.HIGH, "vite", message, location=where,
                              rank=Rank.ROOT, line_index=j + 1)
        return ErrorEvent(Category.CONFIGURATION, Severity.HIGH, "vite", message,
                          subject=h["plugin"], location=where, rank=Rank.ROOT, line_index=j + 1)
    return None


def _vite_known(out: Output) -> Iterator[ErrorEvent]:
    for literal, read in (("failed to resolve import ", _RESOLVE_IMPORT.search),
                          ('Could not resolve "', _ROLLUP_RESOLVE.match)):
        for i in out.find(literal):
            if m := read(out.lines[i]):
                category, rank = _unresolved(m["name"])
                yield ErrorEvent(category, Severity.HIGH, "vite", out.lines[i].strip(),
                                 subject=m["name"], location=Location(m["path"]), rank=rank,
                                 line_index=i)
    for i in out.find("): "):  # mostly other tools' `(pyproject.toml): `, tsc's `(3,14): `
        if m := _rollup_at(out.lines[i]):
            yield _rollup(out, i, m)
    for i in out.find("resolve entry module "):
        if m := _ENTRY.search(out.lines[i]):
            if importer := _plugin_importer(out, i):
                # an entry a plugin bundles for a module (a `new Worker(new URL('./w.js',
                # import.meta.url))`, vite:worker-import-meta-url): that module's reference is
                # wrong, as an import is
                yield ErrorEvent(Category.BUILD, Severity.HIGH, "vite", out.lines[i].strip(),
                                 subject=m["name"], location=Location(importer), rank=Rank.ERROR,
                                 line_index=i)
                continue
            # a file the config names as an input (`index.html`, `src/admin.js`): the config;
            # a bare package name (manualChunks' `vendor: ['lodash-es']`, an input naming a
            # package) resolves in node_modules: the package to install
            category = Category.DEPENDENCY if _bare_package(m["name"]) else Category.CONFIGURATION
            yield ErrorEvent(category, Severity.HIGH, "vite", out.lines[i].strip(),
                             subject=m["name"], rank=Rank.ROOT, line_index=i)
    for i in out.find("─[ "):
        if event := _rolldown(out, i):
            yield event
    for i in out.find("ENOENT: no such file or directory, open '"):
        if event := _plugin_missing_file(out, i):
            yield event
    for i in out.find("failed to load config from "):
        if event := _vite_config_error(out, i):
            yield event
    for i in out.find("` threw an error"):  # Rolldown: a plugin's error, its cause below
        if event := _plugin_threw(out, i):
            yield event
    for i in out.find("error during build:"):  # vite's own check of its options
        if event := _vite_option_error(out, i):
            yield event
    for i in out.find('Preprocessor dependency "'):  # vite:css with no sass / less / stylus
        if m := _PREPROCESSOR.search(out.lines[i]):
            at = _PLUGIN_AT.match(out.line(i - 1)) or _PLUGIN_AT.match(out.line(i + 1))
            yield ErrorEvent(Category.DEPENDENCY, Severity.HIGH, "vite", out.lines[i].strip(),
                             subject=m["name"], location=Location(at["path"]) if at else None,
                             rank=Rank.ROOT, line_index=i)


#: the option a vite error names: `Option "build.lib.name" is required when ...`,
#: `"build.rollupOptions.input" ...`
_VITE_OPTION = lazy_re(r'^Option "(?P<a>[^"]+)"|"(?P<b>[a-z]\w*(?:\.\w+)+)"')


def _vite_option_error(out: Output, i: int) -> ErrorEvent | None:
    """`error during build:` then a bare message thrown by vite's own code (its frames in
    vite/dist, no file of the project, no plugin or bundler tag): the build options are
    inconsistent (`Option "build.lib.name" is required when output formats include "umd"`)."""
    j = i + 1
    while j < len(out.lines) and j < i + 4 and not out.lines[j].strip():
        j += 1
    msg = out.line(j).strip()
    frame = out.line(j + 1).strip()
    if not msg or msg.startswith(("[", "Build failed", "Error:")) or "resolve" in msg or \
            not (frame.startswith("at ") and "/vite/dist/" in frame) or _THROWN.match(msg):
        return None
    m = _VITE_OPTION.search(msg)
    return ErrorEvent(Category.CONFIGURATION, Severity.HIGH, "vite", msg,
                      subject=m and (m["a"] or m["b"]), rank=Rank.ROOT, line_index=j)


_PLUGIN_THREW = lazy_re(r"^(?:\[[\w:.-]+\] )?plugin `(?P<plugin>[^`]+)` threw an error$")
#: serde_json's error (Rolldown's JSON plugin): `key must be a string at line 3 column 3`
_SERDE_AT = lazy_re(r"^(?P<msg>.+) at line (?P<line>\d+) column (?P<col>\d+)$")


def _plugin_threw(out: Output, i: int) -> ErrorEvent | None:
    """`[builtin:vite-json] plugin `builtin:vite-json` threw an error`, `Caused by:` and the
    cause: a JSON file the code imports does not parse (the file is not named)."""
    if not (m := _PLUGIN_THREW.match(out.lines[i].strip())):
        return None
    for j in range(i + 1, min(i + 5, len(out.lines))):
        if out.lines[j].strip() == "Caused by:":
            cause = out.line(j + 1).strip()
            if (s := _SERDE_AT.match(cause)) and "json" in m["plugin"]:
                return ErrorEvent(Category.SYNTAX, Severity.HIGH, "vite", cause, rank=Rank.ROOT,
                                  line_index=j + 1, details={"line": int(s["line"]), "column": int(s["col"])})
            if x := _NOT_EXPORTED_FROM.match(cause):
                # the resolver: the package is there, its "exports" lack the subpath the
                # import asks for (as webpack's and node's reading): build, package + subpath
                return ErrorEvent(Category.BUILD, Severity.HIGH, "vite", cause, subject=_exported_subject(x),
                                  rank=Rank.ROOT, line_index=j + 1)
            return ErrorEvent(Category.BUILD, Severity.HIGH, "vite", cause or out.lines[i].strip(),
                              subject=m["plugin"], rank=Rank.ERROR, line_index=j + 1)
    return None


_PREPROCESSOR = lazy_re(r'Preprocessor dependency "(?P<name>[^"]+)" not found')
#: vite's command line (cac): `CACError: Unknown option `--outDirr`` and its other usage errors
_CAC = lazy_re(r"^CACError: (?:Unknown option `(?P<option>[^`]+)`|(?P<msg>.+))$")


def _vite_cli(out: Output) -> Iterator[ErrorEvent]:
    """cac's usage errors, thrown from vite's cli.js (vitest uses cac too: its frames differ)."""
    for i in out.find("CACError: "):
        if (m := _CAC.match(out.lines[i].strip())) and any(
                "/vite/dist/node/cli" in out.line(j) for j in range(i - 4, i + 3)):
            yield ErrorEvent(Category.CONFIGURATION, Severity.HIGH, "vite", out.lines[i].strip(),
                             subject=m["option"], rank=Rank.ROOT, line_index=i)


#: vite's server (http.ts, `server.strictPort` / `preview.strictPort`): the port is taken and
#: it may not try the next one: `Error: Port 5173 is already in use`
_PORT_IN_USE = lazy_re(r"^Error: Port (?P<port>\d+) is already in use$")


def _vite_server(out: Output) -> Iterator[ErrorEvent]:
    """`error when starting dev server:` / `error when starting preview server:` and the
    error's stack: a port another process holds is the network's (as node's EADDRINUSE), named
    by the port, the only part of the address vite prints. Other errors there are read by the
    rules for them (a config that throws, node's `listen EACCES`)."""
    for i in out.find("error when starting "):
        if not out.lines[i].rstrip().endswith(" server:"):
            continue
        for j in range(i + 1, min(i + 3, len(out.lines))):
            if m := _PORT_IN_USE.match(out.lines[j].strip()):
                yield ErrorEvent(Category.NETWORK, Severity.HIGH, "vite", out.lines[j].strip(),
                                 subject=m["port"], rank=Rank.ROOT, line_index=j)
                break


_VITE_CONFIG = lazy_re(r"^failed to load config from (?P<path>\S+)$")
_THROWN = lazy_re(r"^(?P<type>(?:[A-Z]\w*)?Error)(?: \[\w+\])?: (?P<msg>.+)$")
_CONFIG_SPAN = 6  # `error during build:` / `error when starting dev server:` come between


def _vite_config_error(out: Output, i: int) -> ErrorEvent | None:
    """vite.config.js ran and threw (the bundled `vite.config.js.timestamp-N-h.mjs` in the
    frames): the config refused to build, most often over a missing env var. A module it
    cannot import or a parse error of it is read by the rules for those."""
    if not (c := _VITE_CONFIG.match(out.lines[i].strip())):
        return None
    config = c["path"]
    for j in range(i + 1, min(i + _CONFIG_SPAN, len(out.lines))):
        e = _THROWN.match(out.lines[j].strip())
        if e is None:
            continue
        msg = e["msg"]
        if e["type"] == "SyntaxError" or "Cannot find " in msg or "resolve" in msg:
            return None  # a broken or unresolved config: other rules name it
        where = _config_thrown_at(out, j, config)
        if where is None:  # not thrown by the config's code (`Build failed with 1 error:`)
            return None
        if var := env_var_named(msg):
            return ErrorEvent(Category.CONFIGURATION, Severity.HIGH, "vite", out.lines[j].strip(),
                              subject=var, location=where, rank=Rank.ROOT, line_index=j)
        return ErrorEvent(Category.CONFIGURATION, Severity.HIGH, "vite", out.lines[j].strip(),
                          subject=config, location=where, rank=Rank.ROOT, line_index=j)
    return None


def _config_thrown_at(out: Output, j: int, config: str) -> Location | None:
    """The config's own frame: vite runs a bundled copy next to it (or under
    node_modules/.vite-temp/) named `<config>.timestamp-<n>-<hash>.mjs`."""
    base = config.rsplit("/", 1)[-1]
    for k in range(j + 1, min(j + 12, len(out.lines))):
        text = out.lines[k].strip()
        if not text.startswith("at "):
            break
        frame = text[3:].rstrip(")")
        frame = frame[frame.rfind("(") + 1:] if "(" in frame else frame
        path, _, pos = frame.removeprefix("file://").partition(".timestamp-")
        if path.rsplit("/", 1)[-1] == base and pos:
            parts = pos.split(":")
            if len(parts) >= 3 and parts[-2].isdigit():
                return Location(config, int(parts[-2]), int(parts[-1]) if parts[-1].isdigit() else None)
    return None


_ENOENT_OPEN = lazy_re(r"ENOENT: no such file or directory, open '(?P<name>[^']+)'")
# the module a plugin was transforming: vite 7+ `[plugin vite:css] /src/a.css:1:2` above the
# error, vite 5/6 `file: /src/a.css:1:2` below it (`undefined:NaN` when the plugin gave none)
_PLUGIN_AT = lazy_re(r"^(?:\[plugin [\w:.-]+\] |file: )(?P<path>[^\s:][^:]*?)"
                        r"(?::(?P<line>\w+):(?P<col>\w+))?$")


def _plugin_missing_file(out: Output, i: int) -> ErrorEvent | None:
    """A plugin (postcss's `@import`, a loader) could not open a file the module names."""
    m = _ENOENT_OPEN.search(out.lines[i])
    if not m or not out.lines[i].lstrip().startswith(("Error: [", "[")):
        return None
    at = _PLUGIN_AT.match(out.line(i - 1)) or _PLUGIN_AT.match(out.line(i + 1))
    if not at:
        return None
    line = int(at["line"]) if at["line"] and at["line"].isdigit() else None
    col = int(at["col"]) + 1 if line and at["col"] and at["col"].isdigit() else None
    category, rank = _unresolved(m["name"])
    return ErrorEvent(category, Severity.HIGH, "vite", out.lines[i].strip(), subject=m["name"],
                      location=Location(at["path"], line, col), rank=rank, line_index=i)


def _rollup_at(line: str) -> re.Match[str] | None:
    """`_ROLLUP_AT` on `line`, tried only when the line's first `(` (no path nor prefix has
    one) is the ` (1:` of a place: a cheap test that most lines fail."""
    paren = line.find("(")
    if paren < 1 or line[paren - 1] != " " or not line[paren + 1:paren + 2].isdigit():
        return None
    return _ROLLUP_AT.match(line)


def _rollup(out: Output, i: int, m: re.Match[str]) -> ErrorEvent:
    """`src/main.js (1:16): message`: a parse error, a missing export, a plugin's error."""
    msg, subject = m["msg"], None
    category, rank = Category.BUILD, Rank.ERROR
    if n := _NOT_EXPORTED.match(msg):
        subject = n["name"]
    elif _syntax_message(msg):
        category, rank = Category.SYNTAX, Rank.ROOT
        if (p := _INSTALL_PLUGIN.search(msg)) or _foreign(m["path"]):
            # vite 5: `... invalid JS syntax. Install @vitejs/plugin-vue to handle .vue files.`
            category, subject = Category.CONFIGURATION, p["plugin"] if p else None
    return ErrorEvent(category, Severity.HIGH, "vite", out.lines[i].strip(), subject=subject,
                      location=Location(m["path"], int(m["line"]), int(m["col"]) + 1),
                      rank=rank, line_index=i)


_INSTALL_PLUGIN = lazy_re(r"\bInstall (?P<plugin>@?[\w.-]+(?:/[\w.-]+)?) to handle ")
#: what vite and its bundler read without a plugin: scripts, JSON, CSS, HTML
_NATIVE_EXTENSIONS = {".js", ".mjs", ".cjs", ".jsx", ".ts", ".mts", ".cts", ".tsx", ".json",
                      ".css", ".html", ".htm"}


def _foreign(path: str) -> bool:
    """A file of a kind vite only parses through a plugin (`.vue`, `.svelte`, `.astro`, `.mdx`):
    a parse error there means no plugin transformed it, not that the file is broken."""
    name = path.rsplit("/", 1)[-1].split("?", 1)[0]
    return "." in name and name[name.rfind("."):].lower() not in _NATIVE_EXTENSIONS


def _rolldown(out: Output, box: int) -> ErrorEvent | None:
    """A Rolldown diagnostic: `[CODE] message` with its place in the box below it."""
    b = _ROLLDOWN_BOX.match(out.lines[box])
    head = next((j for j in range(box - 1, max(box - 3, -1), -1)
                 if "[" in out.lines[j]), None)
    if not b or head is None or not (m := _ROLLDOWN.match(out.lines[head])):
        return None
    code, msg, subject = m["code"], m["msg"], m["code"]  # a plugin's label is no code: None
    category, rank = Category.BUILD, Rank.ERROR
    if code == "UNRESOLVED_IMPORT" and (r := _ROLLDOWN_RESOLVE.match(msg)):
        subject = r["name"]
        category, rank = _unresolved(subject)
    elif code == "PARSE_ERROR" or _syntax_message(msg):
        category, rank, subject = Category.SYNTAX, Rank.ROOT, None
        if _foreign(b["path"]):  # Rolldown parsing a `.vue` no plugin compiled: the set-up
            category = Category.CONFIGURATION
    elif n := _NOT_EXPORTED.match(msg):
        subject = n["name"]
    return ErrorEvent(category, Severity.HIGH, "vite", out.lines[head].strip(), subject=subject,
                      location=Location(b["path"], int(b["line"]), int(b["col"])), rank=rank,
                      line_index=head)
