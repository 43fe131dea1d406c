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
its signal. Linker errors under `linking with cc failed` belong to the cc family.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lsp_heal.detect._regex import lazy_re
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
    r"|[a-z][a-z ]*`(?P<f>[^`]+)`(?: of (?:struct|enum|union) `[^`]+`)? is private"
    # E0063 `missing field(s) `a`(, `b` and `c`) in initializer`, E0560 `struct `S` has no
    # field named `x``: the (first) field named
    r"|missing fields? `(?P<g>[^`]+)`|\w+ `[^`]+` has no field named `(?P<h>[^`]+)`"
    # E0599 when an impl exists but its bounds are not met: `the method `show` exists for
    # struct `W<T>`, but its trait bounds were not satisfied`
    r"|the (?:method|function or associated item|associated item|associated function) "
    r"`(?P<i>[^`]+)` exists for )"
)
# `--error-format=short`: `src/main.rs:6:26: error[E0277]: message`, one line a diagnostic
_SHORT = lazy_re(
    r"^(?P<path>[^\s:]+\.rs):(?P<line>\d+):(?P<col>\d+): (?P<level>error|warning)"
    r"(?:\[(?P<code>E\d{4})\])?: (?P<msg>.+)$"
)
# a lint (clippy's or rustc's) names itself in the notes: `#[allow(clippy::len_zero)]`,
# `#[warn(unused_variables)]` on by default, `#[deny(...)]` on the item
_LINT = lazy_re(r"#!?\[(?:allow|warn|deny|forbid)\((?P<lint>[a-z_:]+)\)\]")
_SYNTAX = lazy_re(
    r"^(?:expected |unexpected |unterminated |unknown start of token|this file contains an "
    r"unclosed delimiter|mismatched closing delimiter|unmatched |missing `|invalid (?:float|"
    r"string|integer|table|key|escape)|incomplete )"
)

_CARGO_DEPENDENCY = lazy_re(
    r"^(?:no matching package named|failed to get|failed to select a version for(?: the "
    r"requirement)?|failed to load source for dependency|failed to download) `(?P<crate>[^`\s=]+)"
)
# a feature or target the command asks for that the package does not have
_NO_FEATURE = lazy_re(
    r"^(?:the package '[^']+' does not contain th(?:is|ese) features?: (?P<a>[^\s,]+)"
    r"|[Pp]ackage `[^`]+` does not have (?:the )?feature `(?P<b>[^`]+)`"
    r"|none of the selected packages contains? th(?:is|ese) features?: (?P<c>[^\s,]+)"
    # a target with `required-features` run or built without them
    r"|target `[^`]+` in package `[^`]+` requires the features?: `(?P<d>[^`]+)`)"
)
_SEARCHED = lazy_re(r"^searched package name: `(?P<crate>[^`]+)`")
_NO_TARGET = lazy_re(r"^no (?:bin|example|test|bench) target named `(?P<name>[^`]+)`")
_TOO_NEW = lazy_re(r"^(?:rustc [\d.]+ is not supported by|package `[^`]+` cannot be built "
                      r"because it requires rustc)")
_MANIFEST_KEY = lazy_re(r"^\s+failed to parse the `(?P<key>[^`]+)` key")
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
_OVERFLOW = lazy_re(r"^thread '[^']*'(?: \(\d+\))? has overflowed its stack$")
_SIGNAL = lazy_re(r"process didn't exit successfully: .*\(signal: \d+, (?P<sig>SIG\w+)")


def parse(out: Output) -> Iterator[ErrorEvent]:
    tool = out.tool if out.tool in ("cargo", "rustc", "cargo-clippy", "clippy-driver") else "cargo"
    yield from _diagnostics(out, tool)
    yield from _signals(out)
    yield from _tests(out, tool)
    yield from _panics(out, tool)


def _location(out: Output, i: int) -> Location | None:
    """The ` --> file:line:col` under a diagnostic header."""
    if m := _ARROW.match(out.line(i + 1)):
        return Location(m["path"], int(m["line"]), int(m["col"]))
    return None


def _diagnostics(out: Output, tool: str) -> Iterator[ErrorEvent]:
    for needle in (": error", ": warning"):
        for i in out.find(needle):
            if m := _SHORT.match(out.lines[i]):
                where = Location(m["path"], int(m["line"]), int(m["col"]))
                yield _diagnostic(out, i, m, where, tool)
    for needle in ("error[E", "error: ", "warning: "):
        for i in out.find(needle):
            line = out.lines[i]
            if not line.startswith(needle) or not (m := _HEADER.match(line)):
                continue
            where = _location(out, i)
            if where or m["code"]:
                yield _diagnostic(out, i, m, where, tool)
            elif needle == "error: ":  # cargo's own errors (or another tool's `error:` line)
                yield from _cargo(out, i, tool)


def _diagnostic(out: Output, i: int, m: re.Match[str], where: Location | None,
                tool: str) -> ErrorEvent:
    msg, code, message = m["msg"], m["code"], out.lines[i].strip()
    if m["level"] == "warning":
        return ErrorEvent(Category.BUILD, Severity.LOW, tool, message, code, where, Rank.ERROR, i,
                          _details(code))
    if code in ("E0432", "E0433", "E0463") and (crate := _missing_crate(out, i)):
        return ErrorEvent(Category.DEPENDENCY, Severity.HIGH, tool, message, crate, where,
                          Rank.ROOT, i, _details(code))
    if code is None and (_SYNTAX.match(msg) or (where and where.path.endswith(".toml"))):
        return ErrorEvent(Category.SYNTAX, Severity.HIGH, tool, message, None, where, Rank.ROOT, i)
    sym = _SYMBOL.match(msg)
    subject = next((g for g in sym.groups() if g), None) if sym else None
    if subject is None and code is None:
        subject = _lint(out, i)
    return ErrorEvent(Category.BUILD, Severity.HIGH, tool, message, subject or code, where,
                      Rank.ERROR, i, _details(code))


def _lint(out: Output, i: int) -> str | None:
    """The lint a code-less diagnostic comes from, named in its `= note:` / `= help:` lines."""
    for j in range(i + 1, min(i + 40, len(out.lines))):
        line = out.lines[j]
        if not line.strip() or line.startswith(("error", "warning")):
            break
        if ("#[" in line or "#![" in line) and (m := _LINT.search(line)):
            return m["lint"]
    return None


def _details(code: str | None) -> dict:
    return {"code": code} if code else {}


def _missing_crate(out: Output, i: int) -> str | None:
    """The crate an unresolved import or path names, unless rustc finds it is a module file."""
    crate = None
    for j in range(i, min(i + 15, len(out.lines))):
        line = out.lines[j]
        if j > i and (not line.strip() or line.startswith(("error", "warning"))):
            break
        if "use `mod " in line:
            return None  # src/utils.rs exists: a `mod utils;` is missing, not a crate
        if crate is None and (m := _CRATE.search(line)):
            crate = m["crate"]
    return crate


def _cargo(out: Output, i: int, tool: str) -> Iterator[ErrorEvent]:
    """Cargo's own errors: dependencies, manifest, toolchain, recaps."""
    line = out.lines[i]
    msg, message = line[7:], line.strip()
    if m := _CARGO_DEPENDENCY.match(msg):
        yield ErrorEvent(Category.DEPENDENCY, Severity.HIGH, "cargo", message, m["crate"], None,
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
    elif m := _MANIFEST_AT.match(line):
        yield _manifest(out, i, m["path"])
    elif msg.startswith(("could not compile", "aborting due to", "linking with")):
        yield ErrorEvent(Category.BUILD, Severity.HIGH, tool, message, None, None, Rank.SUMMARY, i)
    elif msg.startswith("test failed"):
        yield ErrorEvent(Category.TEST, Severity.HIGH, "cargo", message, None, None, Rank.SUMMARY, i)


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
        if _CARGO_TOO_OLD.match(out.lines[j]):
            return ErrorEvent(Category.CONFIGURATION, Severity.HIGH, "cargo", message, "rust",
                              Location(path), Rank.ROOT, i)
        if m := _TOML_AT.match(out.lines[j]):
            return ErrorEvent(Category.SYNTAX, Severity.HIGH, "cargo", message, None,
                              Location(path, int(m["line"]), int(m["col"])), Rank.ROOT, i)
    return ErrorEvent(Category.SYNTAX, Severity.HIGH, "cargo", message, None, Location(path),
                      Rank.ROOT, i)


def _tests(out: Output, tool: str) -> Iterator[ErrorEvent]:
    for i in out.find("---- "):
        if m := _TEST.match(out.lines[i]):
            message, where = out.lines[i].strip(), None
            for j in range(i + 1, min(i + 30, len(out.lines))):
                line = out.lines[j]
                if line.startswith(("---- ", "failures:")):
                    break
                if p := _PANIC.match(line):
                    message = p["msg"] or out.line(j + 1).strip() or line.strip()
                    where = Location(p["path"], int(p["line"]), int(p["col"]))
                    break
                if line.startswith("note: test did not panic") and (p := _NO_PANIC.match(line)):
                    message = line.strip()
                    if p["path"]:
                        where = Location(p["path"], int(p["line"]), int(p["col"]))
                    break
            yield ErrorEvent(Category.TEST, Severity.HIGH, tool, message, m["name"], where,
                             Rank.ERROR, i)
    for i in out.find("test result: FAILED"):
        yield ErrorEvent(Category.TEST, Severity.HIGH, tool, out.lines[i].strip(), None, None,
                         Rank.SUMMARY, i)


def _panics(out: Output, tool: str) -> Iterator[ErrorEvent]:
    """Panics of a program, not of a test (those are read with their test)."""
    for i in out.find(" panicked at "):
        if (m := _PANIC.match(out.lines[i])) and not _in_test(out, i):
            message = m["msg"] or out.line(i + 1).strip() or out.lines[i].strip()
            yield ErrorEvent(Category.RUNTIME, Severity.HIGH, tool, message, "panic",
                             Location(m["path"], int(m["line"]), int(m["col"])), Rank.ERROR, i)
    for i in out.find(" has overflowed its stack"):
        if _OVERFLOW.match(out.lines[i]):
            yield ErrorEvent(Category.RUNTIME, Severity.CRITICAL, tool, out.lines[i].strip(),
                             "stack overflow", None, Rank.ERROR, i)


def _in_test(out: Output, i: int) -> bool:
    return any(_TEST.match(out.line(j)) for j in range(max(0, i - 10), i))
