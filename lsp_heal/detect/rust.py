"""Cargo and rustc: compiler diagnostics, manifest and registry errors, test failures, panics.

rustc states each diagnostic on a header line (`error[E0308]: mismatched types`, `error:
expected `;``) followed by ` --> file:line:col`; a crate that is not a dependency shows up as
an unresolved import or path naming an *unlinked crate*. Cargo adds its own errors (a crate it
cannot fetch, a manifest that does not parse, a compiler too old) and recaps a failed build
with `error: could not compile`. `--error-format=short` puts a diagnostic on one line
(`file.rs:6:26: error[E0277]: ...`). A lint made an error (clippy with `-D warnings`) has no
code: its subject is the lint, named in the notes (`#[allow(clippy::len_zero)]`). `cargo test` prints each failure as `---- name stdout ----`
with the panic inside; outside a test a panic is a run-time error whose subject is `panic`
(Rust has no exception types), a stack overflow is `stack overflow`, a killed test binary is
its signal. A panic (or `main`'s `Error: ...`) on an error value that names its cause is read
by it: `NotPresent` (an env var: `configuration`), an io::Error of kind `NotFound` with a path
in the program's words (`configuration`), `PermissionDenied`, `ConnectionRefused`. A build
script that fails is its crate's `build` error, or the system library it looked for. Linker
errors under `linking with cc failed` belong to the cc family. The lexer's errors have codes
(E0765 unterminated string): `syntax`. `cargo fmt --check` lists each file to reformat (`Diff
in file.rs:12:`): a `build` error at its first changed line. `--message-format=json` puts each
diagnostic on a line of JSON whose `rendered` text is the human form: that text is read (rustc's
own `--error-format=json` too). A crate cargo cannot fetch because the network failed (curl's
or libgit2's error at the root of the `Caused by:` chain) is `network`, not a missing crate.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

from lsp_heal.detect._options import option_for, spelling_used
from lsp_heal.detect._regex import lazy_re
from lsp_heal.detect.http import CURL_NETWORK_CODES
from lsp_heal.detect.output import Output
from lsp_heal.model import Category, ErrorEvent, Location, Rank, Severity

_HEADER = lazy_re(r"^(?P<level>error|warning)(?:\[(?P<code>E\d{4})\])?: (?P<msg>.+)$")
_ARROW = lazy_re(r"^\s*--> (?P<path>[^\s:]+\.(?:rs|toml)):(?P<line>\d+):(?P<col>\d+)$")
_CRATE = lazy_re(
    r"(?:unlinked crate|undeclared crate or module|a crate named|missing crate"
    r"|can't find crate for) `(?P<crate>[^`]+)`"
)
_SYMBOL = lazy_re(
    r"^(?:failed to resolve: )?(?:cannot find [a-z ,]+? `(?P<a>[^`]+)`"
    r"|no (?:method|function or associated item|associated item|variant or associated item"
    r"|field|variant|associated function) named `(?P<b>[^`]+)`"
    r"|no field `(?P<c>[^`]+)`|unresolved import `(?P<d>[^`]+)`"
    r"|use of undeclared (?:type|lifetime name|label) `(?P<e>[^`]+)`"
    # E0592 `duplicate definitions with name `new``, E0689 `can't call method `pow` on ambiguous
    # numeric type`: the name the error is about
    r"|duplicate definitions with name `(?P<p>[^`]+)`|can't call method `(?P<q>[^`]+)` on ambiguous"
    # a path resolved to an item of the wrong kind: E0532 / E0574 `expected tuple struct or tuple
    # variant, found unit variant `State::Idle``, E0423 `expected value, found struct `Config``,
    # E0424 / E0423 `expected value, found module `self``, E0404 `expected trait, found struct
    # `S``, E0573 `expected type, found variant `E::A``: the path as written (the kind it was
    # found as is a word before it; a bare `found `i32`` (E0618) names a type, not an item)
    r"|expected [a-z ,]+, found [a-z][a-z ]* `(?P<r>[^`]+)`"
    # E0072 `recursive type `List` has infinite size` (`recursive types `A` and `B` have
    # infinite size`: the first), E0416 / E0415 `identifier `x` is bound more than once in the
    # same pattern` (`in this parameter list`): the name
    r"|recursive types? `(?P<s>[^`]+)` (?:and `[^`]+` )?ha(?:s|ve) infinite size"
    r"|identifier `(?P<t>[^`]+)` is bound more than once"
    r"|[a-z][a-z ]*`(?P<f>[^`]+)`(?: of (?:struct|enum|union) `[^`]+`)? is private"
    # E0063 `missing field(s) `a`(, `b` and `c`) in initializer`, E0560 `struct `S` has no
    # field named `x``, E0026 (a pattern) `struct `S` does not have a field named `x``: the
    # (first) field named
    r"|missing fields? `(?P<g>[^`]+)`|\w+ `[^`]+` (?:has no|does not have a) field named `(?P<h>[^`]+)`"
    # E0027 a struct pattern without `..` that leaves a field out: `pattern does not mention
    # field `tls`` (`fields `a`, `b``): the (first) field
    r"|pattern does not mention fields? `(?P<m>[^`]+)`"
    # E0599 when an impl exists but its bounds are not met: `the method `show` exists for
    # struct `W<T>`, but its trait bounds were not satisfied`
    r"|the (?:method|function or associated item|associated item|associated function) "
    r"`(?P<i>[^`]+)` exists for "
    # E0583 `file not found for module `storage``, E0428 / E0252 / E0255 `the name `Config` is
    # defined multiple times`, E0601 ``main` function not found in crate `demo``
    r"|file not found for module `(?P<j>[^`]+)`|the name `(?P<k>[^`]+)` is defined multiple times"
    r"|`(?P<l>[^`]+)` function not found in crate "
    # E0015 `cannot call non-const function `f` in constants` (`fn`, `method`, `associated
    # function`, in statics / constant functions): the function that is not const
    r"|cannot call non-const [a-z ]*?(?:fn|function|method) `(?P<n>[^`]+)`"
    # E0658 `use of unstable library feature `iter_intersperse`` (older rustc: 'x'; also
    # `unstable const library feature`): the feature the API is gated behind
    r"|use of unstable (?:const )?library feature [`'](?P<o>[^`']+)[`']"
    # an impl item that does not fit its trait: E0050 `method `area` has 2 parameters but the
    # declaration in trait `Shape::area` has 1`, E0049 `method `f` has 1 type parameter but its
    # trait declaration has 0`, E0185 / E0186 `method `f` has a `&self` declaration in the
    # impl, but not in the trait`, E0053 `method `area` has an incompatible type for trait`
    # (E0326 `implemented const `N` has an incompatible type for trait`), E0195 `lifetime
    # parameters or bounds on method `f` do not match the trait declaration`: the item
    r"|(?:method|associated function|implemented const) `(?P<v>[^`]+)` has (?:\d|an? `|an incompatible type)"
    r"|lifetime parameters or bounds on (?:method|associated function|type) `(?P<u>[^`]+)` do not match"
    # E0615 a method named without its call: `attempted to take value of method `len` on type
    # `Vec<i32>``: the method
    r"|attempted to take value of method `(?P<w>[^`]+)`"
    # E0038 a trait used as `dyn` that cannot be: rustc >= 1.85 `the trait `Shape` is not dyn
    # compatible`, older `the trait `Shape` cannot be made into an object`: the trait
    r"|the trait `(?P<x>[^`]+)` (?:is not dyn compatible|cannot be made into an object)"
    # a name declared twice in one list: E0124 `field `name` is already declared`, E0403 `the
    # name `T` is already used for a generic parameter`: the name
    r"|field `(?P<y>[^`]+)` is already declared|the name `(?P<z>[^`]+)` is already used for"
    # a generic parameter nothing uses: E0392 `type parameter `T` is never used` (`lifetime
    # parameter `'a``, older rustc `parameter `T` is never used`): the parameter
    r"|(?:[a-z]+ )?parameter `(?P<aa>[^`]+)` is never used"
    # associated types: E0220 `associated type `Itm` not found for `Self``, E0191 `the value of
    # the associated type `Item` in `Iterator` must be specified` (`types `A`, `B``: the first)
    r"|associated (?:type|item|const) `(?P<ab>[^`]+)` not found for"
    r"|the value of the associated types? `(?P<ac>[^`]+)`"
    # an impl item its trait does not declare: E0407 ``method `m` is not a member of trait `T` ``
    # (E0437 `type`, E0438 `const`): the item, to rename or move to an inherent impl
    r"|(?:method|type|const) `(?P<ad>[^`]+)` is not a member of trait"
    # E0277 `` `main` has invalid return type `i32` ``: the function whose signature to change
    r"|`(?P<ae>[^`]+)` has invalid return type"
    # the entry point's signature refused: E0752 `` `main` function is not allowed to be
    # `async` ``, E0131 `... to have generic parameters`, E0646 `... to have a `where` clause`
    r"|`(?P<af>[^`]+)` function is not allowed to )"
)
# a code-less `impl` item that does not fit its trait (rustc's refining check, lifetimes):
# `` `impl` item signature doesn't match `trait` item signature ``: the item is named only in
# the excerpt line the primary span marks, `8 |     fn pick(&self, ...`
_IMPL_SIG = "`impl` item signature doesn't match"
_ITEM_DECL = lazy_re(r"^\s*\d+\s*\|\s*(?:pub(?:\([^)]*\))?\s+)?(?:(?:async|const|unsafe)\s+)*"
                     r"(?:fn|type|const)\s+(?P<name>[A-Za-z_]\w*)")
# serde's errors on a manifest's data that parsed as TOML: `invalid type: integer `1`, expected
# SemVer version`, `unknown variant `x``, `missing field `name`` (cargo >= 1.7x prints them as
# a diagnostic at the .toml line): the value is what is wrong, not the syntax
_TOML_DATA = lazy_re(r"^(?:invalid (?:type|value|length): |unknown (?:variant|field) `(?P<a>[^`]+)`"
                     r"|missing field `(?P<b>[^`]+)`)")
# the excerpt's `3 | version = 1`: the key (dotted or quoted as written)
_TOML_KEY = lazy_re(r'^\s*\d+\s*\|\s*(?P<key>[\w.-]+|"[^"]+")\s*=')
# `--error-format=short`: `src/main.rs:6:26: error[E0277]: message`, one line a diagnostic
_SHORT = lazy_re(
    r"^(?P<path>[^\s:]+\.rs):(?P<line>\d+):(?P<col>\d+): (?P<level>error|warning)"
    r"(?:\[(?P<code>E\d{4})\])?: (?P<msg>.+)$"
)
# a lint (clippy's or rustc's) names itself in the notes: `#[allow(clippy::len_zero)]`,
# `#[warn(unused_variables)]` on by default, `#[deny(...)]` on the item
_LINT = lazy_re(r"#!?\[(?:allow|warn|deny|forbid)\((?P<lint>[a-z_:]+)\)\]")
# a line of rustc's source excerpt: `1 | #![deny(warnings)]`
_EXCERPT = lazy_re(r"^\s*\d+\s*\|")
# `env!`'s error (rustc_builtin_macros): `environment variable `X` not defined at compile time`
_ENV_MACRO = lazy_re(r"^environment variable `(?P<var>[^`]+)` not defined at compile time")
_SYNTAX = lazy_re(
    r"^(?:expected |unexpected |unterminated |unknown start of token|this file contains an "
    r"unclosed delimiter|mismatched closing delimiter|unmatched |missing `|invalid (?:float|"
    r"string|integer|table|key|escape)|incomplete )"
)

# the lexer's and parser's errors that have a code: unterminated literals and comments
# (E0758 comment, E0762 char, E0763 byte, E0765 string, E0766 byte string, E0748 raw string),
# misplaced doc comments (E0584, E0585, E0753), a `..=` range with no end (E0586)
_SYNTAX_CODES = frozenset(("E0584", "E0585", "E0586", "E0748", "E0753", "E0758", "E0762",
                           "E0763", "E0765", "E0766"))

_CARGO_DEPENDENCY = lazy_re(
    r"^(?:no matching package named|failed to get|failed to select a version for(?: the "
    r"requirement)?|failed to load source for dependency|failed to download) `(?P<crate>[^`\s=]+)"
    # `cargo add`: `the crate `serde` could not be found in registry index.`
    r"|^the crate `(?P<added>[^`\s@]+)[^`]*` could not be found"
)
# a feature or target the command asks for that the package does not have
_NO_FEATURE = lazy_re(
    r"^(?:the package '[^']+' does not contain th(?:is|ese) features?: (?P<a>[^\s,]+)"
    r"|[Pp]ackage `[^`]+` does not have (?:the )?feature `(?P<b>[^`]+)`"
    r"|none of the selected packages contains? th(?:is|ese) features?: (?P<c>[^\s,]+)"
    # a target with `required-features` run or built without them
    r"|target `[^`]+` in package `[^`]+` requires the features?: `(?P<d>[^`]+)`)"
)
_TARGET_MISSING = lazy_re(r"the `(?P<target>[^`]+)` target may not be installed")
_SEARCHED = lazy_re(r"^searched package name: `(?P<crate>[^`]+)`")
_NO_TARGET = lazy_re(r"^no (?:bin|example|test|bench) target named `(?P<name>[^`]+)`")
_TOO_NEW = lazy_re(r"^(?:rustc [\d.]+ is not supported by|package `[^`]+` cannot be built "
                      r"because it requires rustc)")
_MANIFEST_KEY = lazy_re(r"^\s+failed to parse the `(?P<key>[^`]+)` key")
# a dependency whose entry parses as TOML but says nothing usable: `failed to parse the version
# requirement `1.0.x` for dependency `serde``, `dependency (serde) specified without providing a
# local path, Git repository, version, or workspace dependency to use`
_MANIFEST_DEP = lazy_re(r"^\s+(?:failed to parse the version requirement `[^`]*` for dependency "
                        r"`(?P<a>[^`]+)`|dependency \((?P<b>[^)]+)\) specified without"
                        # a [features] entry naming what the package lacks: `feature `json` includes
                        # `serde_json` which is neither a dependency nor another feature`, `..
                        # includes `dep:x`, but `x` is not a dependency`, `.. includes `x/derive`,
                        # but `x` is not a dependency`; older `feature `a` depends on `x` which is
                        # not ..`: the name included (no `dep:`, no `/feature`)
                        r"|feature `[^`]+` (?:includes|depends on) `(?:dep:)?(?P<c>[^`/?]+))")
_CARGO_TOO_OLD = lazy_re(r"^\s+(?:feature `[^`]+` is required|this version of Cargo is older)")
_TOML_AT = lazy_re(r"^\s+TOML parse error at line (?P<line>\d+), column (?P<col>\d+)")
_MANIFEST_AT = lazy_re(r"^error: failed to parse manifest at `(?P<path>[^`]+)`")

_TEST = lazy_re(r"^---- (?P<name>.+) stdout ----$")
_PANIC = lazy_re(
    r"^thread '(?P<thread>[^']*)'(?: \(\d+\))? panicked at (?:'(?P<msg>.*)', )?"
    r"(?P<path>[^\s:]+):(?P<line>\d+):(?P<col>\d+):?$"
)
# a `#[should_panic]` test that returned normally
_NO_PANIC = lazy_re(r"^note: test did not panic as expected(?: at (?P<path>[^\s:]+):(?P<line>\d+):(?P<col>\d+))?")
# include_str!/include_bytes!/include! of a file that is not there (yet): `couldn't read
# `src/../config/default.toml`: No such file or directory (os error 2)` (older rustc without the
# backticks): the file the code names, as printed; a file it may not read is `permission`
_COULDNT_READ = lazy_re(r"couldn't read `?(?P<path>[^`]+?)`?: (?P<err>.+)$")
# std's default allocation-error hook, then abort: `memory allocation of 1125899906842624 bytes
# failed` (the system would not give the memory)
_ALLOC_FAILED = lazy_re(r"^memory allocation of \d+ bytes failed")
_OVERFLOW = lazy_re(r"^thread '[^']*'(?: \(\d+\))? has overflowed its stack$")
_SIGNAL = lazy_re(r"process didn't exit successfully: .*\(signal: \d+, (?P<sig>SIG\w+)")


# `cargo fmt --check` / `rustfmt --check`: each change as `Diff in /p/src/main.rs:12:` (older:
# `Diff in /p/src/main.rs at line 12:`), then the lines
_FMT_DIFF = lazy_re(r"^Diff in (?P<path>\S+?\.rs)(?::| at line )(?P<line>\d+):$")


def parse(out: Output) -> Iterator[ErrorEvent]:
    tool = out.tool if out.tool in ("cargo", "rustc", "cargo-clippy", "clippy-driver") else "cargo"
    yield from _diagnostics(out, tool)
    yield from _rustfmt(out)
    yield from _signals(out)
    yield from _tests(out, tool)
    yield from _panics(out, tool)


def _location(out: Output, i: int) -> Location | None:
    """The ` --> file:line:col` under a diagnostic header."""
    following = out.line(i + 1)
    if "--> " in following and (m := _ARROW.match(following)):
        return Location(m["path"], int(m["line"]), int(m["col"]))
    return None


def _diagnostics(out: Output, tool: str) -> Iterator[ErrorEvent]:
    # `--error-format=short` lines start with the `.rs` file: far fewer lines name one than
    # say `: error` (every compiler's, linter's, test runner's)
    for i in out.find(".rs:"):
        if out.lines[i][:1] == "{" and out.lines[i].startswith('{"reason":"compiler-message"'):
            # `--message-format=json`: one object a line, its `rendered` text the human form
            # (which names the `.rs:` place); read as that text would be
            if event := _json_diagnostic(out, i, tool):
                yield event
        elif m := _SHORT.match(out.lines[i]):
            where = Location(m["path"], int(m["line"]), int(m["col"]))
            yield _diagnostic(out, i, m, where, tool)
    # rustc's own `--error-format=json`: the diagnostic object itself, one a line (looked up by
    # its start: a long `explanation` may cut the line at 8 KiB before the `.rs:` of `rendered`)
    for i in out.find("\n" + _RUSTC_JSON):
        if event := _rustc_json(out, i, tool):
            yield event
    # headers start their line: only those lines are looked up, not every `error: ` in a log
    for i in out.find("\nerror[E"):  # a code: rustc's diagnostic, with ` --> ` or not
        if m := _HEADER.match(out.lines[i]):
            yield _diagnostic(out, i, m, _location(out, i), tool)
    for needle in ("\nerror: ", "\nwarning: "):  # no code: rustc's only with a ` --> ` under it
        for i in out.find(needle):
            if where := _location(out, i):
                if m := _HEADER.match(out.lines[i]):
                    yield _diagnostic(out, i, m, where, tool)
            elif needle == "\nerror: " and out.lines[i].startswith(_CARGO_STARTS, 7):
                yield from _cargo(out, i, tool)  # (the log of any tool has `error: ` lines)


# the start of a compiler message's `rendered` text: `"message":{"rendered":"error[E0716]: ..\n
# --> src/main.rs:6:22\n ..` (a JSON string: its escapes are undone on the few lines read)
_RENDERED_KEY = '"message":{"rendered":"'
_RENDERED_CHARS = 4096
_JSON_STRING_END = lazy_re(r'(?<!\\)(?:\\\\)*(?=")')


class _Lines:
    """The lines of one diagnostic's rendered text, for the readers that look below a header
    (and the command of the output they came from, which names the options)."""
    __slots__ = ("lines", "command")

    def __init__(self, lines: list[str], command: str | None = None) -> None:
        self.lines = lines
        self.command = command

    def line(self, j: int) -> str:
        return self.lines[j] if 0 <= j < len(self.lines) else ""


def _json_diagnostic(out: Output, i: int, tool: str) -> ErrorEvent | None:
    """A diagnostic of cargo's JSON messages, read as its rendered text would be: only the
    text's first 4 KiB (the header, ` --> `, the notes the readers look at) are decoded, so a
    long message (or a line cut at 8 KiB) costs no more than a short one."""
    line = out.lines[i]
    start = line.find(_RENDERED_KEY)
    if start < 0:
        return None
    seg = line[start + len(_RENDERED_KEY):start + len(_RENDERED_KEY) + _RENDERED_CHARS]
    if (close := seg.find('","$message_type"')) >= 0:  # the next key: the text ends there
        seg = seg[:close]
    elif end := _JSON_STRING_END.search(seg):  # (another order of keys) the closing quote
        seg = seg[:end.end()]
    elif (cut := seg.rfind("\\n")) > 0:  # a longer text: its first lines, whole
        seg = seg[:cut]
    try:
        lines = json.loads(f'"{seg}"').split("\n")
    except ValueError:
        return None
    return _rendered(_Lines(lines, out.command), i, tool)


def _rendered(text: _Lines, i: int, tool: str) -> ErrorEvent | None:
    """A JSON diagnostic's rendered text: a header and its ` --> ` place, or the short form's one
    line (`--message-format=json-diagnostic-short`, `--json=diagnostic-short`)."""
    if h := _HEADER.match(text.line(0)):
        event = _diagnostic(text, 0, h, _location(text, 0), tool)
    elif h := _SHORT.match(text.line(0)):
        event = _diagnostic(text, 0, h, Location(h["path"], int(h["line"]), int(h["col"])), tool)
    else:
        return None
    event.line_index = i
    return event


# rustc `--error-format=json` (cargo's `message` object, on a line of its own): `{"$message_type":
# "diagnostic","message":"..","code":{"code":"E0425","explanation":".."},"level":"error","spans":
# [{"file_name":"a.rs","byte_start":41,"byte_end":47,"line_start":2,..}],"children":[..],
# "rendered":"error[E0425]: ..\n --> a.rs:2:9\n.."}`: the top-level `rendered` is its last key
# (a child's is null); a line cut at 8 KiB (a long `explanation`) loses it, and the header is
# then made of `level`, `code` and `message`, the place of the first span
_RUSTC_JSON = '{"$message_type":"diagnostic","message":"'
_JSON_MESSAGE = lazy_re(r'^\{"\$message_type":"diagnostic","message":"(?P<msg>(?:[^"\\]|\\.)*)",'
                        r'"code":(?:null|\{"code":"(?P<code>E\d{4})")')
_JSON_SPAN = lazy_re(r'"file_name":"(?P<path>[^"]+)","byte_start":\d+,"byte_end":\d+,'
                     r'"line_start":(?P<line>\d+),"line_end":\d+,"column_start":(?P<col>\d+)')


def _rustc_json(out: Output, i: int, tool: str) -> ErrorEvent | None:
    line = out.lines[i]
    if line.startswith("aborting due to ", len(_RUSTC_JSON)):  # the recap, as in the text form
        return ErrorEvent(Category.BUILD, Severity.HIGH, tool, "error: " + line[len(_RUSTC_JSON):].split('"', 1)[0],
                          None, None, Rank.SUMMARY, i)
    start = line.rfind('"rendered":"')
    if start > 0:
        seg = line[start + 12:start + 12 + _RENDERED_CHARS]
        if end := _JSON_STRING_END.search(seg):
            seg = seg[:end.end()]
        elif (cut := seg.rfind("\\n")) > 0:
            seg = seg[:cut]
        try:
            lines = json.loads(f'"{seg}"').split("\n")
        except ValueError:
            lines = []
        if lines and (event := _rendered(_Lines(lines, out.command), i, tool)):
            return event
    if not (m := _JSON_MESSAGE.match(line)):
        return None
    level = "warning" if '"level":"warning"' in line else "error"
    try:
        msg = json.loads(f'"{m["msg"]}"')
    except ValueError:
        return None
    header = f"{level}[{m['code']}]: {msg}" if m["code"] else f"{level}: {msg}"
    span = _JSON_SPAN.search(line)
    where = Location(span["path"], int(span["line"]), int(span["col"])) if span else None
    text = _Lines([header], out.command)
    if not (h := _HEADER.match(header)):
        return None
    event = _diagnostic(text, 0, h, where, tool)
    event.line_index = i
    return event


def _diagnostic(out: Output, i: int, m: re.Match[str], where: Location | None,
                tool: str) -> ErrorEvent:
    msg, code, message = m["msg"], m["code"], out.lines[i].strip()
    if m["level"] == "warning":
        return ErrorEvent(Category.BUILD, Severity.LOW, tool, message, code, where, Rank.ERROR, i,
                          _details(code))
    if code in ("E0432", "E0433", "E0463") and (crate := _missing_crate(out, i)):
        return ErrorEvent(Category.DEPENDENCY, Severity.HIGH, tool, message, crate, where,
                          Rank.ROOT, i, _details(code))
    if code is None and msg.startswith("environment variable `") and (e := _ENV_MACRO.match(msg)):
        # `env!("APP_VERSION")` read at compile time: the variable the build needs set
        return ErrorEvent(Category.CONFIGURATION, Severity.HIGH, tool, message, e["var"], where,
                          Rank.ROOT, i)
    if code is None and msg.startswith("couldn't read ") and (r := _COULDNT_READ.match(msg)):
        denied = "ermission denied" in r["err"]
        return ErrorEvent(Category.PERMISSION if denied else Category.CONFIGURATION,
                          Severity.HIGH, tool, message, r["path"], where, Rank.ROOT, i)
    if code is None and where and where.path.endswith(".toml") and (d := _TOML_DATA.match(msg)):
        return ErrorEvent(Category.CONFIGURATION, Severity.HIGH, tool, message,
                          d["a"] or d["b"] or _toml_key(out, i), where, Rank.ROOT, i)
    if code is None and where is None and (o := _RUSTC_OPTION.match(msg)):
        # a session error on the command line (no span): `--error-format=json` and cargo's JSON
        # messages carry it as a diagnostic; read as the text form's `error: ` line is
        return ErrorEvent(Category.CONFIGURATION, Severity.HIGH, tool, message,
                          _rustc_option_subject(out.command, o), None, Rank.ROOT, i)
    if code in _SYNTAX_CODES or (code is None and (_SYNTAX.match(msg)
                                                   or (where and where.path.endswith(".toml")))):
        return ErrorEvent(Category.SYNTAX, Severity.HIGH, tool, message, None, where, Rank.ROOT, i)
    sym = _SYMBOL.match(msg)
    subject = next((g for g in sym.groups() if g), None) if sym else None
    if subject is None and code is None:
        subject = _impl_item(out, i) if msg.startswith(_IMPL_SIG) else _lint(out, i)
    return ErrorEvent(Category.BUILD, Severity.HIGH, tool, message, subject or code, where,
                      Rank.ERROR, i, _details(code))


def _impl_item(out: Output, i: int) -> str | None:
    """The item an impl-signature error marks: the excerpt line at the diagnostic's own
    `--> file:line` (the trait's declaration is quoted too, at another line)."""
    where = _location(out, i)
    if where is None or where.line is None:
        return None
    prefix = str(where.line)
    for j in range(i + 1, min(i + 12, len(out.lines))):
        line = out.lines[j]
        if line.lstrip().startswith(prefix + " ") and (d := _ITEM_DECL.match(line)):
            return d["name"]
    return None


def _lint(out: Output, i: int) -> str | None:
    """The lint a code-less diagnostic comes from, named in its `= note:` / `= help:` lines
    (`#[deny(unused_variables)]` implied by `#[deny(warnings)]`: the first is the lint); the
    attribute quoted in a source excerpt under `the lint level is defined here` may name a lint
    group (`#![deny(warnings)]`), so it counts only when no note names the lint."""
    quoted = None
    for j in range(i + 1, min(i + 40, len(out.lines))):
        line = out.lines[j]
        if not line.strip() or line.startswith(("error", "warning")):
            break
        if ("#[" in line or "#![" in line) and (m := _LINT.search(line)):
            if not _EXCERPT.match(line):
                return m["lint"]
            quoted = quoted or m["lint"]
    return quoted


def _details(code: str | None) -> dict:
    return {"code": code} if code else {}


def _toml_key(out: Output, i: int) -> str | None:
    """The key on the excerpt line under a diagnostic at a .toml place."""
    for j in range(i + 2, min(i + 6, len(out.lines))):
        if m := _TOML_KEY.match(out.lines[j]):
            return m["key"].strip('"')
    return None


def _missing_crate(out: Output, i: int) -> str | None:
    """The crate an unresolved import or path names, unless rustc finds it is a module file."""
    crate = None
    for j in range(i, min(i + 15, len(out.lines))):
        line = out.lines[j]
        if j > i and (not line.strip() or line.startswith(("error", "warning"))):
            break
        if "use `mod " in line:
            return None  # src/utils.rs exists: a `mod utils;` is missing, not a crate
        if crate is None and "crate " in line and (m := _CRATE.search(line)):  # (all say it)
            crate = m["crate"]
        if " target may not be installed" in line and (t := _TARGET_MISSING.search(line)):
            # `can't find crate for `std``: the standard library of a --target not added with
            # rustup (`= note: the `wasm32-unknown-unknown` target may not be installed`)
            return t["target"]
    return crate


def _cargo(out: Output, i: int, tool: str) -> Iterator[ErrorEvent]:
    """Cargo's own errors: dependencies, manifest, toolchain, recaps (an `error: ` line whose
    message starts as one of _CARGO_STARTS)."""
    line = out.lines[i]
    msg, message = line[7:], line.strip()
    # the recaps first: they are most of cargo's `error:` lines, and their prefixes are none
    # of the others' (no regex is tried on them)
    if msg.startswith(("could not compile", "aborting due to", "linking with")):
        yield ErrorEvent(Category.BUILD, Severity.HIGH, tool, message, None, None, Rank.SUMMARY, i)
    elif msg.startswith("test failed"):
        yield ErrorEvent(Category.TEST, Severity.HIGH, "cargo", message, None, None, Rank.SUMMARY, i)
    elif msg.startswith("linker `") and (m := _NO_LINKER.match(msg)):
        # a missing command: what to install (or the config naming it to fix)
        yield ErrorEvent(Category.DEPENDENCY, Severity.HIGH, tool, message, m["linker"], None,
                         Rank.ROOT, i)
    elif m := _CARGO_DEPENDENCY.match(msg):
        # a crate cargo could not fetch because the network failed (the root of its `Caused by:`
        # chain is curl's error) is the network's failure, not a missing crate
        yield _fetch_failure(out, i, message) or ErrorEvent(
            Category.DEPENDENCY, Severity.HIGH, "cargo", message, m["crate"] or m["added"], None,
            Rank.ROOT, i)
    elif msg.startswith(("`cargo run` could not determine which binary",
                         "`cargo run` requires that a package only have one executable")):
        # several binaries and no `--bin` nor `default-run` manifest key to choose one: the key
        # is the lasting fix (cargo < 1.50 said `requires that a package only have one executable`)
        yield ErrorEvent(Category.CONFIGURATION, Severity.HIGH, "cargo", message, "default-run",
                         None, Rank.ROOT, i)
    elif msg.startswith("a bin target must be available for"):
        # `cargo run` (or `cargo install`) on a library-only package: no src/main.rs, no [[bin]]
        yield ErrorEvent(Category.CONFIGURATION, Severity.HIGH, "cargo", message, None, None,
                         Rank.ROOT, i)
    elif m := _NO_FEATURE.match(msg):
        yield ErrorEvent(Category.CONFIGURATION, Severity.HIGH, "cargo", message,
                         m["a"] or m["b"] or m["c"] or m["d"], None, Rank.ROOT, i)
    elif msg.startswith("no matching package found"):
        # newer cargo names the crate on the next line: `searched package name: `serde_jsn``
        m = _SEARCHED.match(out.line(i + 1))
        yield ErrorEvent(Category.DEPENDENCY, Severity.HIGH, "cargo", message,
                         m["crate"] if m else None, None, Rank.ROOT, i)
    elif msg.startswith("toolchain '") and msg.endswith("is not installed"):
        # rustup: a rust-toolchain(.toml) or `+channel` pins a toolchain that is not there
        yield ErrorEvent(Category.CONFIGURATION, Severity.HIGH, "rustup", message, "rust", None,
                         Rank.ROOT, i)
    elif m := _NO_TARGET.match(msg):
        yield ErrorEvent(Category.CONFIGURATION, Severity.HIGH, "cargo", message, m["name"], None,
                         Rank.ROOT, i)
    elif _TOO_NEW.match(msg):
        yield ErrorEvent(Category.CONFIGURATION, Severity.HIGH, "cargo", message, "rust", None,
                         Rank.ROOT, i)
    elif msg.startswith("could not find `Cargo.toml`"):
        yield ErrorEvent(Category.CONFIGURATION, Severity.HIGH, "cargo", message, "Cargo.toml",
                         None, Rank.ROOT, i)
    elif m := _WORKSPACE_MEMBER.match(msg):
        # a `members` entry of the workspace whose folder (or its Cargo.toml) is not there
        yield ErrorEvent(Category.CONFIGURATION, Severity.HIGH, "cargo", message, m["path"], None,
                         Rank.ROOT, i)
    elif m := _LOCKED.match(msg):
        # `--locked` / `--frozen` and a Cargo.lock that no longer matches Cargo.toml
        path = m["a"] or m["b"]
        yield ErrorEvent(Category.CONFIGURATION, Severity.HIGH, "cargo", message,
                         path.rsplit("/", 1)[-1], Location(path), Rank.ROOT, i)
    elif msg.startswith("no such command: ") and (m := _NO_COMMAND.match(msg)):
        # a cargo subcommand that is not installed (`cargo nextest`, `cargo udeps`)
        yield ErrorEvent(Category.DEPENDENCY, Severity.HIGH, "cargo", message, m["cmd"], None,
                         Rank.ROOT, i)
    elif m := _PACKAGE_SPEC.match(msg):
        # `-p name` naming no package of the workspace
        yield ErrorEvent(Category.CONFIGURATION, Severity.HIGH, "cargo", message,
                         m["spec"] or m["spec2"], None, Rank.ROOT, i)
    elif m := _MANIFEST_AT.match(line):
        yield _manifest(out, i, m["path"])
    elif msg.startswith("failed to run custom build command for"):
        yield _build_script(out, i)
    elif m := _CLAP.match(msg):
        # the command line cargo (clap) or the test harness refuses: an option misspelt
        # (`--feature`), a value it does not take, two that exclude each other
        name = next(g for g in m.groups() if g)
        if m["e"]:  # getopts (rustc, libtest) names the option without its dashes: as typed
            name = spelling_used(out.command or "", (f"--{name}", f"-{name}")) or name
        yield ErrorEvent(Category.CONFIGURATION, Severity.HIGH, tool, message, name, None,
                         Rank.ROOT, i)
    elif m := _RUSTC_OPTION.match(msg):
        # the option as typed: named by the message (`--edition`, codegen option `lto`), else the
        # one the command line passes the refused value with (`-C opt-level=fast`, `--emit wat`)
        yield ErrorEvent(Category.CONFIGURATION, Severity.HIGH, tool, message,
                         _rustc_option_subject(out.command, m), None, Rank.ROOT, i)
    elif event := _os_failure(out, i, msg, message):
        yield event


_RUSTC_OPTION = lazy_re(
    r"^(?:argument for `(?P<opt>--?[\w-]+)` must be "
    r"|(?:incorrect value `[^`]*` for |unknown )?(?:codegen|unstable) option:? `(?P<key>[\w-]+)`"
    r"|(?:optimization|debug info) level needs to be .*?\(instead was `(?P<v1>[^`]*)`\)"
    r"|unknown (?:crate type|emission type|print request|lint level): `(?P<v2>[^`]*)`"
    r"|error loading target specification: could not find specification for target \"(?P<v3>[^\"]+)\""
    # an unstable option on a stable toolchain: rustc names it without its dash, cargo with it
    r"|the option `(?P<bare>[\w-]+)` is only accepted on the nightly compiler"
    r"|the `(?P<flag>-[\w-]+)` flag is only accepted on the nightly channel)"
)


def _rustc_option_subject(command: str | None, m: re.Match[str]) -> str | None:
    """The option a _RUSTC_OPTION message refuses, as typed: named by the message (`--edition`,
    codegen option `lto`), else the one the command line passes the refused value with
    (`-C opt-level=fast`, `--emit wat`, `--crate-type shared`), else the value."""
    if m["bare"]:
        return spelling_used(command or "", (f"-{m['bare']}", f"--{m['bare']}")) or f"-{m['bare']}"
    value = m["v1"] or m["v2"] or m["v3"]
    return m["opt"] or m["flag"] or m["key"] or (value and _rustc_option_for(command or "", value)) or value


def _rustc_option_for(command: str, value: str) -> str | None:
    """The option a rustc command line gives `value` with: a codegen / unstable option's key
    (`-C opt-level=fast`, `-Copt-level=fast` -> `opt-level`), else the option (`--emit wat`)."""
    if m := re.search(rf"(?:^|\s)-[CZ]\s*([\w-]+)={re.escape(value)}(?:\s|$)", command):
        return m[1]
    return option_for(command, value)


# the root of a fetch's `Caused by:` chain, curl's error: `[7] Could not connect to server (Failed to
# connect to 127.0.0.1 port 9 after 0 ms: ..)`, `[6] Could not resolve hostname (Could not resolve
# host: index.crates.io)`, `[28] Timeout was reached (Connection timed out after 30001 ms)`
_CURL_ERROR = lazy_re(r"^\s+\[(?P<code>\d+)\] ")
_CURL_HOST_PORT = lazy_re(r"(?:[Ff]ailed to connect to|resolve proxy:?|resolve host:?) (?P<host>[\w.-]+|\[[\w:.]+\])"
                          r"(?: port (?P<port>\d+))?")
_FETCH_URL = lazy_re(r"(?:^|[\s`])(?:sparse\+|git\+)?(?:https?|ssh|git)://(?:[^@/\s`]*@)?"
                     r"(?P<host>[^/:`\s]+)(?::(?P<port>\d+))?")
# a git dependency's fetch (libgit2): cargo says `network failure seems to have happened`, the
# root is `failed to resolve address for github.com: ..; class=Net (12)`, `failed to connect to
# github.com: Connection refused; class=Os (2)`
_GIT_HOST = lazy_re(r"failed to (?:resolve address for|connect to) (?P<host>[\w.-]+)(?::(?P<port>\d+))?")


def _fetch_failure(out: Output, i: int, message: str) -> ErrorEvent | None:
    """A dependency cargo could not fetch, whose `Caused by:` chain ends in a network error
    (curl's for a registry, libgit2's for a git dependency): `network`, subject the `host:port`
    (or host) the error names, else the fetched URL's."""
    url, git_net = None, False
    for j in range(i + 1, min(i + 30, len(out.lines))):
        line = out.lines[j]
        if line and not line[0].isspace() and line != "Caused by:":
            break  # the chain is the message and its indented `Caused by:` lines
        if url is None and "://" in line and (u := _FETCH_URL.search(line)):
            url = u  # the first: what was fetched (later ones are help's links)
        if "] " in line and (c := _CURL_ERROR.match(line)) and c["code"] in CURL_NETWORK_CODES:
            h = _CURL_HOST_PORT.search(line)
        elif "class=Net (" in line or (git_net and "; class=" in line):
            h = _GIT_HOST.search(line)
        else:
            git_net = git_net or line.endswith("network failure seems to have happened")
            continue
        host, port = (h["host"], h["port"]) if h else (url["host"], url["port"]) if url else (None, None)
        subject = f"{host}:{port}" if host and port else host
        crate = m["crate"] if (m := _CARGO_DEPENDENCY.match(message[7:])) else None
        return ErrorEvent(Category.NETWORK, Severity.HIGH, "cargo", line.strip(), subject, None,
                          Rank.ROOT, j, {"package": crate} if crate else {})
    return None


# clap: `unexpected argument '--feature' found`, `invalid value 'x' for '--jobs <N>'`, `a value is
# required for '--features <FEATURES>' but none was supplied`, `the argument '--release' cannot be
# used with ..`; libtest (`cargo test -- --x`): `Unrecognized option: 'x'`
_CLAP = lazy_re(r"^(?:unexpected argument '(?P<a>[^']+)' found|invalid value '[^']*' for '(?P<b>[^' ]+)"
                r"|a value is required for '(?P<c>[^' ]+)|the argument '(?P<d>[^' ]+)' cannot be used"
                r"|Unrecognized option: '(?P<e>[^']+)')")
# cargo's own file-system failures: `failed to create directory `/x/debug`` with the OS error in
# its `Caused by:` chain, or the error itself: `Permission denied (os error 13) at path "/x/y"`
_CARGO_PATH = lazy_re(r"`(?P<a>/[^`]+|[^`\s]+/[^`]*)`|at path \"(?P<b>[^\"]+)\"")
_OS_KINDS = {"13": Category.PERMISSION, "1": Category.PERMISSION, "30": Category.PERMISSION,
             "28": "ENOSPC", "122": "EDQUOT", "26": "ETXTBSY"}


def _os_failure(out: Output, i: int, msg: str, message: str) -> ErrorEvent | None:
    """An error of cargo's that ends in an OS error: a folder it may not write (`permission`,
    the path), a disk that is full (`runtime`, the errno)."""
    code = None
    for j in range(i, min(i + 12, len(out.lines))):
        line = out.lines[j]
        if j > i and line and not line[0].isspace() and line != "Caused by:":
            break  # the chain is the message and its indented `Caused by:` lines
        if "(os error " in line and (o := _OS_ERROR.search(line.split(" at path ", 1)[0])):
            code = o["code"]  # the last one: the root of the chain
    kind = _OS_KINDS.get(code)
    if kind is None:
        return None
    path = _CARGO_PATH.search(msg)
    path = (path["a"] or path["b"]) if path else None
    if kind is Category.PERMISSION:
        return ErrorEvent(Category.PERMISSION, Severity.HIGH, "cargo", message, path, None,
                          Rank.ROOT, i)
    return ErrorEvent(Category.RUNTIME, Severity.HIGH, "cargo", message, kind, None, Rank.ROOT, i)


# `cannot update the lock file /p/Cargo.lock because --locked was passed to prevent this`
# (cargo 1.84+), before: `the lock file /p/Cargo.lock needs to be updated but --locked was
# passed to prevent this`; `--frozen` alike
_LOCKED = lazy_re(r"^(?:cannot update the lock file (?P<a>\S+) because|the lock file (?P<b>\S+) "
                  r"needs to be updated but) --(?:locked|frozen) was passed")
_WORKSPACE_MEMBER = lazy_re(r"^failed to load manifest for workspace member `(?P<path>[^`]+)`")
_NO_COMMAND = lazy_re(r"^no such command: `(?P<cmd>[^`]+)`")
# rustc cannot start the linker it was told to use (`-C linker`, `.cargo/config.toml`'s `linker`,
# the default `cc` missing): `linker `clang-19` not found` (its `= note:` gives the OS error)
_NO_LINKER = lazy_re(r"^linker `(?P<linker>[^`]+)` not found")
_PACKAGE_SPEC = lazy_re(r"^package ID specification `(?P<spec>[^`]+)` did not match any packages"
                        r"|^package\(s\) `(?P<spec2>[^`]+)` not found in workspace")
# how each of cargo's own errors read below begins (a gate before the regexes)
_CARGO_STARTS = (
    "cannot update the lock file", "the lock file ", "no such command: ", "package ID spec",
    "package(s) `",
    "no matching package", "failed to ", "the crate `", "`cargo run` ", "a bin target must", "the package '",
    "Package `", "package `", "none of the selected", "target `", "toolchain '", "no bin target",
    "no example target", "no test target", "no bench target", "rustc ", "could not find `Cargo.toml`",
    "could not compile", "aborting due to", "linking with", "test failed", "linker `",
    # clap's and libtest's refusals of the command line; an OS error cargo met on a path
    "unexpected argument '", "invalid value '", "a value is required for '", "the argument '",
    "Unrecognized option: '", "Permission denied (os error", "Operation not permitted (os error",
    "Read-only file system (os error", "No space left on device (os error",
    # rustc's refusals of its own command line (rustc_session): a value an option does not take,
    # a codegen (-C) or unstable (-Z) option it does not know
    "argument for `", "incorrect value `", "codegen option `", "unstable option `",
    "unknown codegen option: `", "unknown unstable option: `", "optimization level needs to be ",
    "debug info level needs to be ", "unknown crate type: `", "unknown emission type: `",
    "unknown print request: `", "unknown lint level: `", "error loading target specification: ",
    "the option `", "the `-",
)
_BUILD_FOR = lazy_re(r"custom build command for `(?P<crate>[\w-]+)")
# the pkg-config crate, in a -sys crate's build script: `The system library `openssl` required
# by crate `openssl-sys` was not found.`; pkg-config itself missing
_SYSTEM_LIBRARY = lazy_re(r"^\s+The system library `(?P<lib>[^`]+)` required by crate `[^`]+` was not found")
_NO_PKG_CONFIG = lazy_re(r"^\s+The pkg-config command could not be found")
_INDENTED_PANIC = lazy_re(
    r"^\s+thread '[^']*'(?: \(\d+\))? panicked at (?P<path>[^\s:]+):(?P<line>\d+):(?P<col>\d+):?$")
_REGISTRY = ("/.cargo/registry/", "/.cargo/git/", "/rustc/", "/cargo/registry/")


def _build_script(out: Output, i: int) -> ErrorEvent:
    """A build script (build.rs) that failed: a system library it looks for (`dependency`), an
    env var it needs (`configuration`), else a `build` error of the crate, at its panic."""
    message = out.lines[i].strip()
    crate = m["crate"] if (m := _BUILD_FOR.search(message)) else None
    where = None
    for j in range(i + 1, min(i + 120, len(out.lines))):
        line = out.lines[j]
        if line[:1] not in (" ", "") and not line.startswith(("Caused by:", "note: ")):
            break  # the end of cargo's `Caused by:` block (a `note:` may come before it)
        if "The system library `" in line and (m := _SYSTEM_LIBRARY.match(line)):
            return ErrorEvent(Category.DEPENDENCY, Severity.HIGH, "cargo", line.strip(),
                              m["lib"], None, Rank.ROOT, j)
        if "pkg-config command could not be found" in line and _NO_PKG_CONFIG.match(line):
            return ErrorEvent(Category.DEPENDENCY, Severity.HIGH, "cargo", line.strip(),
                              "pkg-config", None, Rank.ROOT, j)
        if " panicked at " in line and (p := _INDENTED_PANIC.match(line)):
            said = out.line(j + 1).strip() or out.line(j + 2).strip()
            if not p["path"].startswith("/") or not any(r in p["path"] for r in _REGISTRY):
                where = Location(p["path"], int(p["line"]), int(p["col"]))
            if cause := _cause(said, _words(said)):
                return ErrorEvent(cause[0], Severity.HIGH, "cargo", said, cause[1], where,
                                  Rank.ROOT, j)
    return ErrorEvent(Category.BUILD, Severity.HIGH, "cargo", message, crate, where, Rank.ERROR, i)


def _signals(out: Output) -> Iterator[ErrorEvent]:
    """A test binary or program killed by a signal, as cargo reports it."""
    for i in out.find("process didn't exit successfully: "):
        if m := _SIGNAL.search(out.lines[i]):
            yield ErrorEvent(Category.RUNTIME, Severity.CRITICAL, "cargo", out.lines[i].strip(),
                             m["sig"], None, Rank.ERROR, i)


def _manifest(out: Output, i: int, path: str) -> ErrorEvent:
    """`failed to parse manifest`: a TOML error (syntax) or a bad value of a key."""
    message = out.lines[i].strip()
    for j in range(i + 1, min(i + 12, len(out.lines))):
        if m := _MANIFEST_KEY.match(out.lines[j]):
            return ErrorEvent(Category.CONFIGURATION, Severity.HIGH, "cargo", message, m["key"],
                              Location(path), Rank.ROOT, i)
        if m := _MANIFEST_DEP.match(out.lines[j]):
            return ErrorEvent(Category.CONFIGURATION, Severity.HIGH, "cargo", message,
                              m["a"] or m["b"] or m["c"], Location(path), Rank.ROOT, i)
        if _CARGO_TOO_OLD.match(out.lines[j]):
            return ErrorEvent(Category.CONFIGURATION, Severity.HIGH, "cargo", message, "rust",
                              Location(path), Rank.ROOT, i)
        if m := _TOML_AT.match(out.lines[j]):
            return ErrorEvent(Category.SYNTAX, Severity.HIGH, "cargo", message, None,
                              Location(path, int(m["line"]), int(m["col"])), Rank.ROOT, i)
    return ErrorEvent(Category.SYNTAX, Severity.HIGH, "cargo", message, None, Location(path),
                      Rank.ROOT, i)


# cargo test's header of each test binary: `     Running unittests src/lib.rs (target/..)`,
# `     Running tests/api.rs (target/debug/deps/api-1a2b)`
_RUNNING = lazy_re(r"^\s+Running (?:unittests )?(?P<path>[^\s(]+\.rs) \(")
_RUNNING_BACK = 2000


def _test_target(out: Output, i: int) -> Location | None:
    """The source file of the test binary a failure belongs to (no line: the failure printed
    none), from the `Running` header above it."""
    for j in range(i - 1, max(-1, i - _RUNNING_BACK), -1):
        line = out.lines[j]
        if line.startswith("     Running ") or line.startswith("   Doc-tests "):
            m = _RUNNING.match(line)
            return Location(m["path"]) if m else None
    return None


def _tests(out: Output, tool: str) -> Iterator[ErrorEvent]:
    for i in out.find("\n---- "):
        if m := _TEST.match(out.lines[i]):
            message, where = out.lines[i].strip(), None
            for j in range(i + 1, min(i + 30, len(out.lines))):
                line = out.lines[j]
                if line.startswith(("---- ", "failures:")):
                    break
                if line.startswith("thread '") and (p := _PANIC.match(line)):
                    message = p["msg"] or out.line(j + 1).strip() or line.strip()
                    where = Location(p["path"], int(p["line"]), int(p["col"]))
                    break
                if line.startswith("note: test did not panic") and (p := _NO_PANIC.match(line)):
                    message = line.strip()
                    if p["path"]:
                        where = Location(p["path"], int(p["line"]), int(p["col"]))
                    break
                if line.startswith("Error: "):  # a `#[test] fn x() -> Result` that returned Err
                    message = line.strip()
                    break
            if where is None:
                where = _test_target(out, i)
            yield ErrorEvent(Category.TEST, Severity.HIGH, tool, message, m["name"], where,
                             Rank.ERROR, i)
    for i in out.find("test result: FAILED"):
        yield ErrorEvent(Category.TEST, Severity.HIGH, tool, out.lines[i].strip(), None, None,
                         Rank.SUMMARY, i)


# The error value a panic or `main`'s `Err` ends with, in its Debug form: `std::env::var`'s
# `NotPresent`; an io::Error's `Os { code: 2, kind: NotFound, message: ".." }`, `Custom { kind:
# .. }`, `Kind(NotFound)`, `Error { kind: .. }`; anyhow's chain ends with `(os error 2)`
_VAR_ERROR = lazy_re(r"(?:^|: )NotPresent$")
_IO_KIND = lazy_re(r"\b(?:Os \{ code: \d+, kind|Custom \{ kind|Error \{ kind): (?P<a>\w+)|\bKind\((?P<b>\w+)\)")
_OS_ERROR = lazy_re(r"\(os error (?P<code>\d+)\)$")
_ERRNO_KINDS = {"2": "NotFound", "13": "PermissionDenied", "1": "PermissionDenied",
                "111": "ConnectionRefused", "110": "TimedOut", "104": "ConnectionReset",
                "113": "HostUnreachable", "101": "NetworkUnreachable", "98": "AddrInUse"}
_NETWORK_KINDS = {"ConnectionRefused", "ConnectionReset", "ConnectionAborted", "TimedOut",
                  "HostUnreachable", "NetworkUnreachable", "AddrNotAvailable", "NotConnected",
                  "AddrInUse"}
# what the program's own words name: an env var (`DATABASE_URL must be set`), a path
# (`cannot read config/app.toml`), an address (`db.local:5432`)
_ENV_NAME = lazy_re(r"\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b|\b[A-Z]{2,}[A-Z0-9]*\b")
_TOKEN = lazy_re(r"[\w./~-]+")
_EXTENSION = lazy_re(r"\w\.[A-Za-z]\w{0,9}$")
_ADDRESS = lazy_re(r"\b(?P<a>(?:[\w-]+\.)*[\w-]+:\d{2,5})\b")
# `fn main() -> Result<..>` returning Err: Rust prints `Error: ` and the error's Debug form
_MAIN_ERR = lazy_re(r"^Error: (?P<val>.+)$")
_MAIN_ERR_TAIL = 16
_DEBUG_TYPE = lazy_re(r"^(?P<name>[A-Z]\w*)(?: \{.*\}|\(.*\))?$")


def _cause(text: str, words: str) -> tuple[Category, str | None] | None:
    """The category (and subject) of an error value that says more than a crash: a missing env
    var, a file not found that the program's words name, a denied path, a refused connection.
    `text` is the whole message, `words` the program's own part of it (before the value)."""
    if _VAR_ERROR.search(text):
        names = _ENV_NAME.findall(words)
        return Category.CONFIGURATION, next((n for n in names if "_" in n), names[0] if names else None)
    m = _IO_KIND.search(text)
    kind = (m["a"] or m["b"]) if m else None
    if kind is None and (o := _OS_ERROR.search(text)):
        kind = _ERRNO_KINDS.get(o["code"])
    if kind == "PermissionDenied":
        return Category.PERMISSION, _path(words)
    if kind in _NETWORK_KINDS:
        return Category.NETWORK, (a["a"] if (a := _ADDRESS.search(words)) else None)
    if kind == "NotFound" and (path := _path(words)):
        return Category.CONFIGURATION, path
    return None


def _path(words: str) -> str | None:
    """The first word that reads as a path: it has a folder or a file extension."""
    for token in _TOKEN.findall(words):
        token = token.rstrip(".")
        if ("/" in token and token.strip("/")) or _EXTENSION.search(token):
            return token
    return None


def _words(message: str) -> str:
    """The program's own words of a panic message: `expect("...")`'s text before `: <value>`
    (unwrap's `called `Result::unwrap()` on an `Err` value` says nothing of the program)."""
    if message.startswith("called `"):
        return ""
    cut = message.rfind(": ")
    return message[:cut] if cut > 0 else message


def _panics(out: Output, tool: str) -> Iterator[ErrorEvent]:
    """Panics of a program, not of a test (those are read with their test)."""
    failed = None
    for i in out.find(" panicked at "):
        if (m := _PANIC.match(out.lines[i])) and not _in_test(out, i):
            message = m["msg"] or out.line(i + 1).strip() or out.lines[i].strip()
            where = Location(m["path"], int(m["line"]), int(m["col"]))
            if m["thread"] != "main" and out.has("test result: "):
                # libtest names a test's thread after the test: with `--nocapture` its panic is
                # printed as it happens, outside any `---- name stdout ----` block
                failed = _failed_tests(out) if failed is None else failed
                if m["thread"] in failed:
                    yield ErrorEvent(Category.TEST, Severity.HIGH, tool, message, m["thread"],
                                     where, Rank.ERROR, i)
                    continue
                continue  # a `#[should_panic]` test, a panic caught, a thread of a test
                # that fails by itself (its own event): no crash of the run
            if cause := _cause(message, _words(message)):
                yield ErrorEvent(cause[0], Severity.HIGH, tool, message, cause[1], where,
                                 Rank.ROOT, i)
            else:
                yield ErrorEvent(Category.RUNTIME, Severity.HIGH, tool, message, "panic", where,
                                 Rank.ERROR, i)
    # `main` returning Err is the program's last word: only the log's last lines are looked at
    # (after it come anyhow's `Caused by:` chain and a wrapper's recap, `make: *** ...`)
    if _runs_program(out):
        for i in range(max(0, len(out.lines) - _MAIN_ERR_TAIL), len(out.lines)):
            if out.lines[i].startswith("Error: ") and (m := _MAIN_ERR.match(out.lines[i])):
                yield _main_err(out, i, m["val"], tool)
                break
    for i in out.find("\nmemory allocation of "):
        if _ALLOC_FAILED.match(out.lines[i]):
            yield ErrorEvent(Category.RUNTIME, Severity.CRITICAL, tool, out.lines[i].strip(),
                             "ENOMEM", None, Rank.ERROR, i)
    for i in out.find(" has overflowed its stack"):
        if _OVERFLOW.match(out.lines[i]):
            yield ErrorEvent(Category.RUNTIME, Severity.CRITICAL, tool, out.lines[i].strip(),
                             "stack overflow", None, Rank.ERROR, i)


def _failed_tests(out: Output) -> set[str]:
    """The tests libtest lists as failed at the end of a run: `failures:` then `    name`."""
    names = set()
    for i in out.find("\nfailures:"):
        if out.lines[i] != "failures:":
            continue
        for j in range(i + 1, min(i + 200, len(out.lines))):
            line = out.lines[j]
            if not line.startswith("    ") or " " in line[4:]:
                break
            names.add(line[4:])
    return names


def _runs_program(out: Output) -> bool:
    """Whether the output is a Rust program's (cargo run, or a binary cargo built)."""
    command = out.command or ""
    return (out.tool == "cargo" and "cargo test" not in command) or "target/debug/" in command \
        or "target/release/" in command or out.has("Running `target/")


def _main_err(out: Output, i: int, value: str, tool: str) -> ErrorEvent:
    """`main` returned an `Err`: `Error: ParseIntError { kind: InvalidDigit }`, an io::Error's
    `Error: Os { .. kind: NotFound .. }`, anyhow's `Error: <message>` and `Caused by:` chain."""
    message = out.lines[i].strip()
    if len(value) > 1 and value[0] == value[-1] == '"':
        # a String's Debug form (`Err(format!(..))`, `Box<dyn Error>` from a &str): its text
        value = value[1:-1].replace('\\"', '"').replace("\\\\", "\\")
    text = value
    if not out.line(i + 1).strip() and out.line(i + 2).startswith("Caused by:"):
        for j in range(i + 3, min(i + 12, len(out.lines))):  # anyhow: the root cause is last
            if not out.lines[j].startswith(" "):
                break
            text = out.lines[j].strip()
    if cause := _cause(text, value):
        return ErrorEvent(cause[0], Severity.HIGH, tool, message, cause[1], None, Rank.ROOT, i)
    m = _IO_KIND.search(text)
    subject = (m["a"] or m["b"]) if m else (t["name"] if (t := _DEBUG_TYPE.match(value)) else None)
    return ErrorEvent(Category.RUNTIME, Severity.HIGH, tool, message, subject, None, Rank.ERROR, i)


def _in_test(out: Output, i: int) -> bool:
    """Whether a `---- name stdout ----` header is among the 10 lines above `i`."""
    for j in out.find("\n---- ", max(0, i - 10)):
        if j >= i:
            return False
        if _TEST.match(out.lines[j]):
            return True
    return False


def _rustfmt(out: Output) -> Iterator[ErrorEvent]:
    """A file `cargo fmt --check` would change (a CI gate): a `build` error at the first changed
    line of each file."""
    seen = set()
    for i in out.find("\nDiff in "):
        if (m := _FMT_DIFF.match(out.lines[i])) and m["path"] not in seen:
            seen.add(m["path"])
            line = int(m["line"])  # where the hunk starts: its context lines come first
            for j in range(i + 1, min(i + 8, len(out.lines))):
                if out.lines[j][:1] != " ":
                    break
                line += 1
            yield ErrorEvent(Category.BUILD, Severity.HIGH, "rustfmt", out.lines[i].strip(), None,
                             Location(m["path"], line), Rank.ERROR, i)
