"""The go command: compile and vet errors, module resolution, go.mod, `go test`, panics.

The compiler and vet print `./file.go:line:col: message` at the start of a line (test logs
are indented, trace frames start with a tab); a package no module provides is a `dependency`,
`syntax error:` is `syntax`, the rest is `build` with the identifier it names as subject
(`go vet -json` gives the same findings as `"posn": "file:line:col"` and `"message"` keys).
The go command itself prints `go: ...` (a module it cannot fetch, a go.mod it cannot find: a
fetch that failed on the network, `dial tcp ..: connection refused`, a DNS lookup, the proxy's
5xx, is `network`, subject the address or host) and
`go.mod:line: ...` for a go.mod that does not parse; `import cycle not allowed` ends the chain
of imports it lists. `go test` marks each failed test with
`--- FAIL: TestName`, and a test that outlives `-timeout` as `panic: test timed out` (the test
is listed under `running tests:`, or found in the goroutine dump); a program's panic is a run-time error whose subject is `panic` (a
`fatal error:` of the runtime is `fatal error`), placed at the first goroutine frame in the
user's code. A program's error that names its system is read by its cause: a command
os/exec cannot find (`dependency`), a path it may not open (`permission`), an env var its
last log line says is not set (`configuration`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

from lsp_heal.detect import _goflag
from lsp_heal.detect._regex import lazy_re
from lsp_heal.detect.output import Output
from lsp_heal.model import Category, ErrorEvent, Location, Rank, Severity

# `go vet -json`: `"posn": "/src/app/fetch.go:8:8",` then `"message": "using resp before ..."`
_VET_POSN = lazy_re(r'^"posn": "(?P<path>[^"]+\.go):(?P<line>\d+)(?::(?P<col>\d+))?",?$')
_VET_MESSAGE = lazy_re(r'^\s*"message": (?P<msg>"(?:[^"\\]|\\.)*"),?$')
_COMPILE = lazy_re(
    r"^(?:vet: )?(?P<path>[^\s:]+\.go):(?P<line>\d+):(?:(?P<col>\d+):)? (?P<msg>.+)$"
)
_MISSING_PACKAGE = lazy_re(
    r"(?:no required module provides package|cannot find module providing package"
    r"|missing go\.sum entry for module providing package|could not import) "
    r"(?P<a>[^\s;:]+)|package (?P<b>\S+) is not in (?:GOROOT|std)|cannot find package \"(?P<c>[^\"]+)\""
    # an import (or require) of a path with no dot in its first element that is not in std:
    # `malformed module path "mylib/strutil": missing dot in first path element`
    r"|malformed module path \"(?P<d>[^\"]+)\""
)
_NAMED = lazy_re(
    r"^(?:undefined: (?P<a>\S+)|(?P<b>\S+) declared (?:but|and) not used"
    r"|declared and not used: (?P<c>\S+)|\"(?P<d>[^\"]+)\" imported (?:as \S+ )?(?:but|and) not used"
    r"|imported and not used: \"(?P<h>[^\"]+)\""
    r"|(?P<e>\S+) redeclared in this block|.*? has no field or method (?P<f>\w+)"
    r"|(?:in call to [^,]+, )?cannot infer (?P<g>\w+)"
    # the go command's import rules: another tree's internal/ (or vendored) package
    r"|use of (?:internal|vendored) package (?P<i>\S+) not allowed"
    # a type that contains itself: vet / go <= 1.19 `illegal cycle in declaration of Node`,
    # go 1.20+ `invalid recursive type Node` (`invalid recursive type: Node refers to itself`)
    r"|illegal cycle in declaration of (?P<j>\w+)|invalid recursive type:? (?P<k>\w+)"
    # vet's composites check: `example.com/x/config.Server composite literal uses unkeyed fields`
    # (go <= 1.15: `struct literal`): the type, as printed
    r"|(?P<l>\S+) (?:composite|struct) literal uses unkeyed fields"
    # a call with the wrong number of arguments names the function: `not enough arguments in
    # call to strings.Repeat`, `too many arguments in call to f`
    r"|(?:not enough|too many) arguments in call to (?P<m>[^\s(]+)"
    # //go:embed patterns that match nothing usable: `pattern static/*: no matching files found`,
    # `pattern web: cannot embed directory web: contains no embeddable files`
    r"|pattern (?P<n>[^\s:]+): "
    # a label nothing jumps to: `label outer defined and not used`
    r"|label (?P<o>\w+) defined and not used"
    # a call of a value that is no function: go 1.18+ `invalid operation: cannot call
    # non-function f (variable of type int)`, older gc `cannot call non-function f (type int)`
    r"|(?:invalid operation: )?cannot call non-function (?P<p>[^\s(]+)"
    # go 1.18+ names the operand a value misused: `invalid operation: cannot index n (variable
    # of type int)` (also `cannot indirect`, `cannot slice`), `cannot assign to s[0] (value of
    # type byte)` / `(neither addressable nor a map index expression)`, `multiple-value
    # strconv.Atoi(s) (value of type (int, error)) in single-value context` (the function)
    r"|invalid operation: cannot (?:index|indirect|slice) (?P<q>[^\s(]+) \("
    # `&` of a value with no address: go 1.18+ `invalid operation: cannot take address of f()
    # (value of type int)`, older gc `cannot take the address of f()`: the operand, a call's
    # function without its parentheses
    r"|(?:invalid operation: )?cannot take (?:the )?address of (?P<aj>[^\s(]+)"
    r"|cannot assign to (?P<r>[^\s(]+) \((?:value|neither)"
    r"|multiple-value (?P<s>[^\s(]+)\("
    # a generic used as a value: `cannot use generic function Map without instantiation`,
    # `cannot use generic type Stack[T any] without instantiation`: the name
    r"|cannot use generic (?:function|type) (?P<t>[^\s(\[]+)"
    # `non-name s.count on left side of :=`: the operand as printed
    r"|non-name (?P<u>\S+) on left side of :="
    # struct literals: go 1.19 `unknown field 'Nmae' in struct literal of type User`, go 1.20+
    # `unknown field Nmae in struct literal of type User`, `duplicate field name Name in struct
    # literal`, `invalid field name x in struct literal` (an embedded type's field)
    r"|(?:unknown field|duplicate field name|invalid field name) '?(?P<v>\w+)'? in struct"
    # an operator the operand's type lacks: `invalid operation: operator ! not defined on n
    # (variable of type int)`: the operand, as `cannot index n` above
    r"|invalid operation: operator \S+ not defined on (?P<w>[^\s(]+) \("
    # a type assertion on a value that is no interface: go 1.18+ `invalid operation: x (variable
    # of type int) is not an interface`, older gc `invalid type assertion: x.(string)
    # (non-interface type int on left)`: the operand
    r"|invalid operation: (?P<x>[^\s(]+) \([^)]*\) is not an interface"
    r"|invalid type assertion: (?P<y>[^\s.(]+)\."
    # a constraint interface used as a type: `cannot use type Number outside a type constraint:
    # interface contains type constraints` (also `: interface is (or embeds) comparable`)
    r"|cannot use type (?P<z>\w+) outside a type constraint"
    # `func init must have no arguments and no return values` (main too): the function
    r"|func (?P<aa>init|main) must have no arguments"
    # a package-level variable whose initializer depends on itself: types2 / vet
    # `initialization cycle for cfg`, go/types and older gc `initialization cycle: cfg refers
    # to ..` (gc <= 1.17 `initialization loop:`, the chain on the lines below)
    r"|initialization (?:cycle|loop)(?: for|:) (?P<ab>\w+)"
    # a method on a type of another package or a predeclared one: `cannot define new methods
    # on non-local type int` (`time.Duration`), a receiver that may not have methods: `invalid
    # receiver type *T (pointer or interface type)`: the type, as printed
    r"|cannot define new methods on non-local type (?P<ac>[\w.*\[\]]+)"
    r"|invalid receiver type (?P<ad>[^\s(]+)"
    # a goto over a declaration names what to move: `goto done jumps over declaration of count at
    # ./f.go:7:8` (older gc: `goto done jumps over variable declaration at line 7`, and `goto L
    # jumps into block starting at ..`: the label)
    r"|goto \w+ jumps over declaration of (?P<ae>\w+)|goto (?P<af>\w+) jumps (?:over|into) "
    # a test function the go command / vet refuses: `wrong signature for TestAdd, must be: func
    # TestAdd(t *testing.T)`, vet's `Testfoo has malformed name: first letter after 'Test' ..`
    r"|wrong signature for (?P<ag>\w+),|(?P<ah>\w+) has malformed name"
    # vet's assign check: `self-assignment of port to port` (`c.n to c.n`): the operand as printed
    r"|self-assignment of (?P<ai>\S+) to "
    # vet's stdmethods check on a method named like a standard interface's: `method WriteTo(w
    # io.Writer) error should have signature WriteTo(io.Writer) (int64, error)` (also `method
    # Scan(...) should have signature ..`): the user's method
    r"|method (?P<ak>\w+)\(.*? should have signature )"
    # a type that cannot key a map: `invalid map key type []string` (older gc: `invalid map key
    # type []string`, go/types `invalid map key type K (missing comparable constraint)`): the
    # type as printed, as a method's non-local type above
    r"|invalid map key type (?P<al>\S+)"
    # go 1.18+ a built-in's operand of the wrong kind: `invalid argument: n (variable of type
    # int) for len` (`for built-in len` in go 1.20+; also cap, close, delete, make, min..):
    # the operand as printed, as `cannot index n` above (`invalid argument: index 5 (constant
    # ..) out of bounds` names no operand: `index 5` is not followed by its parenthesis)
    r"|invalid argument: (?P<am>[^\s(]+) \("
    # vet's nilfunc check: `comparison of function f == nil is always false` (`!=`, `true`):
    # the function as printed (`s.Close`, `pkg.F`)
    r"|comparison of function (?P<an>\S+) [!=]= nil is always "
    # a composite literal of a type that has none: `invalid composite literal type T` (a type
    # parameter, a pointer or a basic type; older gc `invalid type for composite literal: T`):
    # the type as printed
    r"|invalid (?:composite literal type|type for composite literal:) (?P<ao>[^\s(]+)"
    # a slice spread into a plain parameter: `cannot use ... in call to non-variadic total`
    # (older gc `invalid use of ... in call to total`, go/types `... with non-variadic`): the
    # function as printed
    r"|(?:cannot|invalid) use (?:of )?\.\.\. (?:in call to|with) (?:non-variadic )?(?P<ap>[^\s(]+)"
)
# `X does not implement Y (missing method M)` (go 1.20+: `(missing M method)`), also
# `(wrong type for method M)` and `(M method has pointer receiver)` (go 1.20+: `(method M has
# pointer receiver)`): the method is what to change; on the line or the one after
_METHOD = lazy_re(r"\((?:missing (?:method (?P<a>\w+)|(?P<b>\w+) method)"
                     r"|wrong type for (?:method (?P<c>\w+)|(?P<d>\w+) method)"
                     r"|(?:method (?P<e>\w+)|(?P<f>\w+) method) has pointer receiver)\)")
# cgo runs the C compiler on the preamble and prints its errors at the .go file
_CGO_HEADER = lazy_re(r"^(?:fatal )?error: (?:(?P<gcc>[^\s:']+): No such file or directory"
                      r"|'(?P<clang>[^']+)' file not found)$")
# a package of the build that has no file for this platform / these tags, or none at all:
# `package a/b: build constraints exclude all Go files in /dir`, `\timports a/b: ...`
_NO_FILES = lazy_re(r"^(?:\s*(?:package|imports) )?(?P<pkg>[^\s:]+): (?:build constraints exclude all "
                    r"Go files|no Go files) in ")
# the module errors the go command lists under `a imports`: `\tpkg: mod@ver: reason`
_IMPORT_MODULE = lazy_re(r"^\t(?P<pkg>[^\s:]+): (?P<mod>[^\s@:]+)@(?P<ver>[^\s:]+): (?P<why>.+)$")
# a program's own error about a file it could not open (os.PathError), as `go run` shows it
_NO_FILE = lazy_re(r"(?:^|: |^\d{4}/\d\d/\d\d \d\d:\d\d:\d\d(?:\.\d+)? )(?:open|stat|lstat) "
                   r"(?P<path>[^\s:]+): no such file or directory$")
# the race detector's report: frames are `      /path/file.go:7 +0x77`
_RACE_FRAME = lazy_re(r"^\s+(?P<path>\S+\.go):(?P<line>\d+)(?: \+0x[0-9a-f]+)?$")
_DOWNLOADING = lazy_re(r"^go: downloading (?P<mod>\S+) v")
_GOMOD = lazy_re(r"^(?P<path>\S*go\.(?:mod|work)):(?P<line>\d+): (?P<msg>.+)$")
_GO_MODULE = lazy_re(r"^go: (?:module )?(?P<mod>[^\s@:]+)@(?P<ver>[^\s:]+):? ")
_GO_TOO_OLD = lazy_re(r"^(?:go: go\.(?:mod|work) requires go >= |go: download go[\d.]+ for "
                         r"|note: module requires Go )")

# how the parser's and the scanner's messages start (cmd/compile's syntax package, and go/scanner
# + go/parser for gofmt and vet): text that is not Go, at the place they name
_SYNTAX_STARTS = (
    "syntax error", "expected ", "invalid character U+", "illegal character U+", "newline in string",
    "string literal not terminated", "raw string literal not terminated", "rune literal not terminated",
    "comment not terminated", "empty rune literal", "more than one character in rune literal",
    "illegal rune literal", "invalid NUL character", "invalid BOM", "invalid UTF-8 encoding",
    "unknown escape", "escape sequence is invalid", "escape sequence not terminated", "invalid digit ",
    "octal escape value", "'_' must separate successive digits",
    # go/parser's own sentences (vet, gofmt, gopls): `missing ',' before newline in composite
    # literal` (`missing ',' in argument list`), `unexpected newline, expecting { after if clause`,
    # `unexpected semicolon or newline before {`, `unexpected comma; expecting ]`, ...
    "missing ',' ", "unexpected newline", "unexpected semicolon or newline", "unexpected comma;",
    # (not `missing constant value`: the compiler parses a typed const with no value and its type
    # checker refuses it, `missing init expr for const declaration`, a build error)
    "illegal label declaration", "var declaration not allowed in ", "missing condition in if statement",
    "missing variable type or initialization", "missing element type in ",
    "mixed named and unnamed parameters", "cannot parenthesize type in composite literal",
)

# a benchmark's failure has no duration: `--- FAIL: BenchmarkParse` (then its log, indented)
_FAIL = lazy_re(r"^(?P<indent>\s*)--- FAIL: (?P<name>\S+)(?: \([\d.]+s\))?$")
_FAIL_PACKAGE = lazy_re(r"^FAIL\t(?P<pkg>\S+)(?P<build> \[build failed\])?")
_TEST_LOG = lazy_re(r"^\s+(?P<path>[^\s:]+\.go):(?P<line>\d+): ")
# (a fatal error's frames add ` fp=0xc0.. sp=0xc0.. pc=0x45..`)
_FRAME_FILE = lazy_re(r"^\t(?P<path>\S+\.go):(?P<line>\d+)(?: \+0x[0-9a-f]+)?(?: fp=\S+ sp=\S+ pc=\S+)?$")
_TIMED_OUT = "panic: test timed out after "
_RUNNING = lazy_re(r"^\s+(?P<name>(?:Test|Benchmark|Example|Fuzz)\S*) \(")
_TEST_FRAME = lazy_re(r"^\S+?\.(?P<name>(?:Test|Benchmark|Example|Fuzz)\w*)\(")
# a frame of a test's goroutine (or one it started): `example.com/m.TestWorkers.func1()`,
# `created by example.com/m.TestWorkers` (go 1.21+: `... in goroutine 6`)
_TEST_TRACE = lazy_re(r"^(?:created by )?\S+?\.(?P<name>(?:Test|Benchmark|Example|Fuzz)\w*)"
                      r"(?:\.func\d+)*(?:\(|$| in goroutine )")
# the go command on package patterns that match nothing, and a folder with two packages
_NO_PACKAGE_DIR = lazy_re(r"^(?:stat (?P<dir>\S+): directory not found|go: no packages loaded from "
                          r"(?P<pattern>\S+))$")
_MATCHED_NOTHING = lazy_re(r'^go: warning: "(?P<pattern>[^"]+)" matched no packages$')
_PATTERN = lazy_re(r"^pattern (?P<pattern>[^\s:]+): (?:lstat|stat|open|directory prefix) ")
# `go: inconsistent vendoring in /dir:` then `\tmod@v1.0.0: is explicitly required in go.mod,
# but not marked as explicit in vendor/modules.txt` (`is replaced in go.mod, but ...`)
_VENDOR_MODULE = lazy_re(r"^\t(?P<mod>[^\s@:]+)(?:@\S+)?: is ")
# `found packages main (main.go) and util (util.go) in /p/dir`: go read the first file's package
# clause first, so the second file is the one that disagrees (it may follow `package x: `)
_TWO_PACKAGES = lazy_re(r"(?:^|: )found packages \w+ \([^)]+\) and \w+ \((?P<file>[^)]+)\) in (?P<dir>\S+)$")
# files named on the command line that the go command will not take: `go run x_test.go`
# (`go: cannot run *_test.go files (x_test.go)`), `named files must be .go files: x.txt`,
# `named files must all be in one directory; have a/ and b/`
_NAMED_FILES = lazy_re(r"^(?:go(?: \w+)?: )?(?:cannot run \*_test\.go files \((?P<a>[^)]+)\)"
                       r"|named files must be \.go files: (?P<b>\S+)"
                       r"|named files must all be in one directory; have \S+ and (?P<c>\S+))")
# `go run` on a library: `package example.com/demo is not a main package`
_NOT_MAIN = lazy_re(r"^(?:go: )?package (?P<pkg>\S+) is not a main package$")
# the linker, on a main package without func main (renamed, or in a file excluded by a build
# tag): `runtime.main_main·f: function main is undeclared in the main package`
# `gofmt -d`: a unified diff of each file it would change, headed `diff [-u] a.go.orig a.go`
_GOFMT_DIFF = lazy_re(r"^diff (?:-u )?(?P<path>\S+\.go)\.orig (?P<new>\S+\.go)$")
_HUNK = lazy_re(r"^@@ -(?P<line>\d+)(?:,\d+)? \+\d+(?:,\d+)? @@")
# a net.OpError of a Go program: `dial tcp 127.0.0.1:5432: connect: connection refused`, `listen
# tcp :8080: bind: address already in use`, `read tcp 10.0.0.2:5->10.0.0.3:80: i/o timeout`,
# `dial tcp: lookup db on 127.0.0.11:53: no such host` (a DNS error names the host after lookup)
_OP_ERROR = lazy_re(
    r"(?:^|[\s:\"(])(?P<op>dial|listen|read|write) (?:tcp|udp|ip)[46]? (?:[^\s:>]+:\d+->)?"
    r"(?P<addr>\[[0-9a-f:.]+\]:\d+|[\w.-]*:\d+): (?:[a-z]+: )?(?P<why>[a-z][\w /'-]+)"
    r"|(?:^|[\s:\"(])lookup (?P<host>[\w.-]+)(?: on \S+)?: (?P<dns>no such host|server misbehaving"
    r"|i/o timeout|Temporary failure in name resolution)"
)
# net/http's url.Error around a client's failure: `Get "http://api:8080/x": context deadline
# exceeded (Client.Timeout exceeded while awaiting headers)`, `Post "https://h/x": net/http: TLS
# handshake timeout` (a dial error inside it is read by _OP_ERROR, which names the address dialled)
_URL_ERROR = lazy_re(
    r"(?:^|[\s:(])(?:Get|Head|Post|Put|Patch|Delete|Options) \"[a-z][a-z0-9+.-]*://(?:[^@/\"\s]*@)?"
    r"(?P<host>\[[0-9a-f:.]+\](?::\d+)?|[^/\"\s?#]+)[^\"]*\": (?P<why>.+)$")
# the go command refusing a GO* environment variable's value: `go: GOPATH entry is relative; must
# be absolute path: "gopath".`, `go: GOPATH entry cannot start with shell metacharacter '~'`,
# `build cache is required, but could not be located: GOCACHE is not an absolute path`,
# `cannot install, GOBIN must be an absolute path`: the variable is what to fix
_GO_ENV = lazy_re(r"\b(?P<var>GO[A-Z0-9]+) (?:entry is relative|entry cannot start with"
                  r"|is not an absolute path|must be an absolute path)")
# os/exec's ExitError as a program logs it (`log.Fatalf("version check: %v", err)`): a command the
# program ran failed: `exit status 1`, `signal: killed`
_EXIT_ERROR = lazy_re(r".*: (?:exit status \d+|signal: [a-z][a-z ]*)$")
# the go command refusing a build flag in this environment: `go: -race requires cgo; enable cgo
# by setting CGO_ENABLED=1` (also -msan, -asan), `go: -race is not supported on linux/riscv64`:
# the variable to set when the message names one, else the flag
_GO_FLAG_REFUSED = lazy_re(r"^go: (?P<flag>-[\w.-]+) (?:requires |is not supported |cannot be used |"
                           r"and -[\w.-]+ are incompatible)(?:.*?\bby setting (?P<var>[A-Z][A-Z0-9_]*)=)?")
# a mistyped subcommand: `go biuld: unknown command`, `go mod tidi: unknown command` (go 1.19+),
# then `Run 'go help' for usage.`
_GO_UNKNOWN_COMMAND = lazy_re(r"^go (?:[\w-]+ )?(?P<cmd>[^\s:]+): unknown command$")
# `go: /src/app/go.mod already exists` (go mod init, go work init)
_ALREADY = lazy_re(r"^go: (?P<path>\S*go\.(?:mod|work)) already exists$")
_RETRYABLE = ("i/o timeout", "connection reset by peer", "server misbehaving",
              "Temporary failure in name resolution")
_STD_FRAMES = ("runtime.", "testing.", "panic(", "reflect.", "sync.", "created by ")
_STD_PATHS = ("/pkg/mod/", "/go/src/", "/usr/local/go/", "/usr/lib/go", "/src/runtime/",
              "/src/testing/")


def parse(out: Output) -> Iterator[ErrorEvent]:
    if out.has('"Action":"output"'):  # `go test -json`: read the text the run printed
        yield from _json_run(out)
    yield from _read(out)


def _read(out: Output) -> Iterator[ErrorEvent]:
    yield from _compile(out)
    yield from _cycles(out)
    yield from _gomod(out)
    yield from _go_command(out)
    yield from _unresolved(out)
    yield from _no_files(out)
    yield from _missing_files(out)
    yield from _system(out)
    yield from _packages(out)
    yield from _flags(out)
    yield from _tests(out)
    yield from _panics(out)
    yield from _library_errors(out)
    yield from _gofmt(out)
    yield from _network(out)


def _compile(out: Output) -> Iterator[ErrorEvent]:
    for i in out.find(".go:"):
        line = out.lines[i]
        # most `.go:` lines are a trace's frames (a tab first) or a test's log (indented); the
        # go command's package errors put the position under `package x` (and its `imports`
        # chain), a tab first: `package a/api\n\tapi/api.go:5:2: use of internal package ..`
        if line[:1] == "\t" and out.line(i - 1).startswith(("package ", "\timports ")):
            line = line[1:]
        elif line[:1] in ("\t", " "):
            if line[-1:] in ",\"" and (stripped := line.lstrip()).startswith('"posn": "'):
                yield from _vet_json(out, i, stripped)  # (a trace's frames end in `+0x1d`)
            continue
        if not (m := _COMPILE.match(line)):
            continue
        msg, message = m["msg"], line.strip()
        where = Location(m["path"], int(m["line"]), int(m["col"]) if m["col"] else None)
        if header := _CGO_HEADER.match(msg):  # cgo: gcc / clang on the preamble
            yield _missing(message, header["gcc"] or header["clang"], where, i)
        # (every form of a missing package says `package` or `could not import`: the
        # unanchored search runs on those messages only)
        elif ("package" in msg or "could not import" in msg or "module path" in msg) \
                and (dep := _MISSING_PACKAGE.search(msg)):
            yield _missing(message, dep["a"] or dep["b"] or dep["c"] or dep["d"], where, i)
        elif "module lookup disabled" in msg:
            yield _missing(message, _downloading(out, i), where, i)
        elif msg.startswith(_SYNTAX_STARTS):
            yield ErrorEvent(Category.SYNTAX, Severity.HIGH, "go", message, None, where,
                             Rank.ROOT, i)
        else:
            named = _NAMED.match(msg) or _method(out, i, msg)
            subject = next((g for g in named.groups() if g), None) if named else None
            yield ErrorEvent(Category.BUILD, Severity.HIGH, "go", message, subject, where,
                             Rank.ERROR, i)


def _vet_json(out: Output, i: int, posn: str) -> Iterator[ErrorEvent]:
    """`go vet -json`: a finding is an object `{"posn": "/p/a.go:8:8", "message": "..."}`
    (then `"end"`, `"suggested_fixes"`) in a list under its analyser's name. vet exits 0 in
    this mode (the pipeline caps the severity): the reading is as for the text form."""
    m = _VET_POSN.match(posn)
    if not m:
        return
    msg = None
    for j in range(i + 1, min(i + 6, len(out.lines))):
        if mm := _VET_MESSAGE.match(out.lines[j]):
            try:
                msg = json.loads(mm["msg"])
            except ValueError:
                msg = mm["msg"][1:-1]
            break
        if out.lines[j].lstrip().startswith("}"):
            break
    if msg is None:
        return
    where = Location(m["path"], int(m["line"]), int(m["col"]) if m["col"] else None)
    named = _NAMED.match(msg)
    subject = next((g for g in named.groups() if g), None) if named else None
    yield ErrorEvent(Category.BUILD, Severity.HIGH, "go", f"{m['path']}:{m['line']}:{m['col'] or ''}: {msg}".replace(":: ", ": "),
                     subject, where, Rank.ERROR, i)


def _method(out: Output, i: int, msg: str) -> re.Match[str] | None:
    """The method an interface lacks, on the error line or its tab-indented continuation."""
    if m := _METHOD.search(msg):
        return m
    following = out.line(i + 1)
    if following.startswith("\t") and ("missing " in following or "wrong type" in following
                                       or "pointer receiver" in following):
        return _METHOD.search(following)
    return None


_JSON_OUTPUT = ('"Action":"output"', '"Action":"build-output"')


def _json_run(out: Output) -> Iterator[ErrorEvent]:
    """`go test -json` (test2json): each `output` event carries a line the run printed. Those
    lines are read as the text of a plain run (the rest of the output, a build error on
    stderr, is read as it is); every event points back at its JSON line."""
    lines: list[str] = []
    origin: list[int] = []
    for i in sorted({i for key in _JSON_OUTPUT for i in out.find(key)}):
        try:
            text = json.loads(out.lines[i]).get("Output")
        except (ValueError, AttributeError):
            continue
        if isinstance(text, str):
            parts = text.removesuffix("\n").split("\n")
            lines += parts
            origin += [i] * len(parts)
    if not lines:
        return
    for event in _read(Output("\n".join(lines), out.command, out.exit_code)):
        event.line_index = origin[min(event.line_index, len(origin) - 1)]
        yield event


def _cycles(out: Output) -> Iterator[ErrorEvent]:
    """`imports a: import cycle not allowed` closes the chain of imports the go command lists."""
    for i in out.find(": import cycle not allowed"):
        yield ErrorEvent(Category.BUILD, Severity.HIGH, "go", out.lines[i].strip(), None, None,
                         Rank.ERROR, i)


def _missing(message: str, package: str | None, where: Location | None, i: int) -> ErrorEvent:
    return ErrorEvent(Category.DEPENDENCY, Severity.HIGH, "go", message, package, where,
                      Rank.ROOT, i)


# the proxy (or a VCS server) answering a fetch with a server error: `go: x@v1: reading
# https://proxy.golang.org/x/@v/v1.mod: 502 Bad Gateway`
_FETCH_5XX = lazy_re(r"reading [a-z]+://(?:[^@/\s]*@)?(?P<host>[^/\s]+)\S*: (?P<code>5\d\d) ")


# `go: module github.com/x/y: reading https://proxy.golang.org/github.com/x/y/@v/list: 404 Not
# Found`, `go: module github.com/x/y: Get "https://..": dial tcp ..`
# `go mod tidy` / `go get` under `x imports`, the query of the module of a package (its URL has
# `/@v/list`): `\tgithub.com/x/y: module github.com/x/y: Get "https://..": dial tcp ..`
_IMPORT_QUERY = lazy_re(r"^\t(?P<pkg>[^\s:]+): module (?P<mod>[^\s@:]+): (?:reading |Get \")")
_GO_MODULE_QUERY = lazy_re(r"^go: module (?P<mod>[^\s@:]+): (?:reading |Get \"|git ls-remote)")


def _fetch(line: str, module: str | None, i: int) -> ErrorEvent:
    """A module the go command could not fetch: the network's failure when the line ends in
    one (`dial tcp 127.0.0.1:9: connect: connection refused`, `lookup proxy.golang.org on ..:
    no such host`, a 5xx of the proxy), subject the address or host; else a missing module."""
    return _fetch_network(line, module, i) or _missing(line.strip(), module, None, i)


def _fetch_network(line: str, module: str | None, i: int) -> ErrorEvent | None:
    if ("dial " in line or "lookup " in line) and (m := _OP_ERROR.search(line)):
        subject, why = (m["host"], m["dns"]) if m["host"] else (m["addr"], m["why"])
        severity = Severity.MEDIUM if why.startswith(_RETRYABLE) else Severity.HIGH
        return ErrorEvent(Category.NETWORK, severity, "go", line.strip(), subject, None, Rank.ROOT,
                          i, {"module": module} if module else {})
    if "reading " in line and (m := _FETCH_5XX.search(line)):
        return ErrorEvent(Category.NETWORK, Severity.MEDIUM, "go", line.strip(), m["host"], None,
                          Rank.ROOT, i, {"module": module} if module else {})
    return None


def _downloading(out: Output, i: int) -> str | None:
    """The module the go command was fetching when it says `module lookup disabled`."""
    for j in range(i - 1, max(-1, i - 20), -1):
        if m := _DOWNLOADING.match(out.lines[j]):
            return m["mod"]
    return None


def _gomod(out: Output) -> Iterator[ErrorEvent]:
    for needle in ("go.mod:", "go.work:"):
        for i in out.find(needle):
            if m := _GOMOD.match(out.lines[i]):
                yield ErrorEvent(Category.SYNTAX, Severity.HIGH, "go", out.lines[i].strip(), None,
                                 Location(m["path"], int(m["line"])), Rank.ROOT, i)


def _go_command(out: Output) -> Iterator[ErrorEvent]:
    for needle in ("go: ", "note: module requires Go"):
        for i in out.find(needle):
            line = out.lines[i]
            if _GO_TOO_OLD.match(line) or (line.startswith("go: ") and "requires go >= " in line
                                           and "switching to" not in line):
                yield _config(line, "go", i)
            elif line.startswith("go: GO") and (m := _GO_ENV.match(line, 4)):
                yield _config(line, m["var"], i)
            elif line.startswith(("go: go.mod file not found", "go: cannot find main module")):
                yield _config(line, "go.mod", i)
            elif line.startswith("go: updates to go.mod needed"):
                # go.mod's requirements lag the imports (a require added by hand, a dependency's
                # own requirements): `go mod tidy` fetches them, as for a missing go.sum entry
                yield _missing(line.strip(), None, None, i)
            elif line.endswith((" already exists", " already exists\n")) and (m := _ALREADY.match(line)):
                # `go mod init` / `go work init` where the file is already there
                yield _config(line, m["path"], i)
            elif line.startswith("go: ") and (m := _GO_MODULE.match(line)):
                yield _fetch(line, m["mod"], i)
            elif line.startswith("go: module ") and (m := _GO_MODULE_QUERY.match(line)):
                # a query of a module's versions (`go get x`, `go get x@latest`): the network's
                # failure, or a module the proxy does not know (404 / 410: to fix the path)
                yield _fetch_network(line, m["mod"], i) or _missing(line.strip(), m["mod"], None, i)
            elif line.startswith("go: no packages loaded from ") and (m := _NO_PACKAGE_DIR.match(line)):
                yield _config(line, m["pattern"], i)  # a package pattern that matches no folder
            elif line.startswith("go: warning: ") and (m := _MATCHED_NOTHING.match(line)):
                # go 1.20+: a pattern that matches no package (then `no packages to test`)
                event = _config(line, m["pattern"], i)
                if not out.failed:
                    event.severity = Severity.LOW
                yield event
            elif " files" in line and (m := _NAMED_FILES.match(line)):
                yield _config(line, m["a"] or m["b"] or m["c"], i)
            elif line.startswith("go: -") and (m := _GO_FLAG_REFUSED.match(line)):
                yield _config(line, m["var"] or m["flag"], i)
            elif line.startswith("go: inconsistent vendoring"):
                # vendor/modules.txt out of step with go.mod: the modules are listed below
                m = _VENDOR_MODULE.match(out.line(i + 1))
                yield _missing(line.strip(), m["mod"] if m else None, None, i)
    for needle in (" is not an absolute path", " must be an absolute path"):
        for i in out.find(needle):
            line = out.lines[i]
            if not line.startswith("go: ") and (m := _GO_ENV.search(line)):
                yield _config(line, m["var"], i)
    for i in out.find("unknown command"):  # the literal docker's parser looks up too
        if m := _GO_UNKNOWN_COMMAND.match(out.lines[i]):
            yield _config(out.lines[i], m["cmd"], i)
    # go run / go build of files named from two folders: `named files must all be in one
    # directory; have . and lib` (go 1.19-: no `go: ` before it, as `pattern ..` below)
    for i in out.find("\nnamed files must "):
        if m := _NAMED_FILES.match(out.lines[i]):
            yield _config(out.lines[i], m["a"] or m["b"] or m["c"], i)
    for i in out.find("\npattern "):  # go 1.19-: `pattern ./x/...: lstat ./x/: no such file ..`
        if m := _PATTERN.match(out.lines[i]):
            line = out.lines[i]
            # `pattern ./...: directory prefix . does not contain main module ..`: the folder the
            # command runs in is in no module (go 1.19 with no go.mod above it, where a plain
            # `go build` says `go.mod file not found`): the file to create; another folder's
            # prefix (`../x/...`) is the pattern's mistake
            here = " directory prefix . does not contain main module" in line
            yield _config(line, "go.mod" if here else m["pattern"], i)


def _unresolved(out: Output) -> Iterator[ErrorEvent]:
    """`go mod tidy` / `go get` name a package no module provides on a line of their own
    (`\tgithub.com/x/y: cannot find module providing package ...`), not at a file position."""
    for needle in ("cannot find module providing package", "no required module provides package",
                   "malformed module path \""):
        for i in out.find(needle):
            line = out.lines[i]
            if ".go:" in line and _COMPILE.match(line.lstrip("\t")):
                continue  # read with the compile errors
            if line.startswith("go: ") and _GO_MODULE.match(line):
                continue  # `go: mod@v: ...`: read with the go command's errors
            if dep := _MISSING_PACKAGE.search(line):
                yield _missing(line.strip(), dep["a"] or dep["d"], None, i)
    for i in out.find("@v"):  # module versions start with v (pseudo-versions too)
        line = out.lines[i]
        if line.startswith("\t") and (m := _IMPORT_MODULE.match(line) or _IMPORT_QUERY.match(line)) \
                and not _MISSING_PACKAGE.search(line):
            yield _fetch(line, m["mod"], i)


def _no_files(out: Output) -> Iterator[ErrorEvent]:
    """A package with no Go file to build (all excluded by build constraints, or none)."""
    for needle in (": build constraints exclude all Go files in ", ": no Go files in "):
        for i in out.find(needle):
            line = out.lines[i]
            if ".go:" not in line and (m := _NO_FILES.match(line)):
                yield ErrorEvent(Category.BUILD, Severity.HIGH, "go", line.strip(), m["pkg"], None,
                                 Rank.ERROR, i)
    # the package the command line names is that folder itself (no `package x:` / `imports x:`
    # before it): `no Go files in /p/cmd/tool`, `build constraints exclude all Go files in /p/x`
    # (also after `go: `): the path the user gave holds nothing to build, the folder as printed
    for needle in ("\nno Go files in ", "\nbuild constraints exclude all Go files in ",
                   "\ngo: no Go files in ", "\ngo: build constraints exclude all Go files in "):
        for i in out.find(needle):
            line = out.lines[i].strip()
            folder = line.rpartition(" Go files in ")[2]
            if folder and " " not in folder:
                yield ErrorEvent(Category.CONFIGURATION, Severity.HIGH, "go", line, folder, None,
                                 Rank.ROOT, i)


# what a Go program's error says of the system it runs on: a command it runs that is not
# installed (os/exec; also `go generate` running a generator), a path it may not open
_EXEC_NOT_FOUND = lazy_re(r'exec: "(?P<cmd>[^"]+)": executable file not found in \$PATH')
_DENIED = lazy_re(r"(?:^|[\s:\"])(?:open|stat|lstat|mkdir|remove|rename|chmod|chdir|readdirent|link"
                  r"|symlink|unlinkat|truncate|mkdirat|openat) (?P<path>[^\s:]+): permission denied")
# a program's own last words naming an env var as missing: `DATABASE_URL is not set`,
# `environment variable API_TOKEN is required`, `missing env var PORT`
_ENV_WORDS = lazy_re(r"\b(?:is not set|not set|must be set|is required|is empty|is missing|missing"
                     r"|undefined|unset)\b")
_ENV_VAR = lazy_re(r"\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b")
# `go run` / `log`: `2024/01/02 15:04:05 message`, with log.Lshortfile `... main.go:12: message`
_LOG_PREFIX = lazy_re(r"^\d{4}/\d\d/\d\d \d\d:\d\d:\d\d(?:\.\d+)? (?:(?P<path>[\w./-]+\.go):(?P<line>\d+): )?")


def _system(out: Output) -> Iterator[ErrorEvent]:
    """A Go program (go run, go generate, a test's log.Fatal) stopped by its system: a command
    it runs that is not installed (`dependency`), a path it may not use (`permission`)."""
    go = out.tool in ("go", "gofmt")
    # run by another tool (`make run`, a script, CI): a line in the log package's format
    # (`2024/01/02 15:04:05 ...`) is a Go program's
    for i in out.find(": executable file not found in $PATH"):
        line = out.lines[i]
        if not line[:1].isspace() and (go or _is_log(line)) and (m := _EXEC_NOT_FOUND.search(line)):
            yield _missing(line.strip(), m["cmd"], _log_place(out, i), i)
    for i in out.find(": permission denied"):
        line = out.lines[i]
        if not line[:1].isspace() and (go or _is_log(line)) and (m := _DENIED.search(line)):
            yield ErrorEvent(Category.PERMISSION, Severity.HIGH, "go", line.strip(), m["path"],
                             _log_place(out, i), Rank.ROOT, i)
    # encoding/json's errors: a value of the wrong type (`json: cannot unmarshal string into Go
    # struct field Config.port of type int`) or text that is not JSON (`invalid character 'x'
    # looking for beginning of value`, `unexpected end of JSON input`)
    for needle in ("json: cannot unmarshal ", " looking for beginning of ", "unexpected end of JSON input"):
        for i in out.find(needle):
            line = out.lines[i]
            if not line[:1].isspace() and (go or _is_log(line)):
                yield _decode_error(out, line, needle[0] == "j", i)
    # `go run` ends a failed program with `exit status N`: its last words are just above
    for i in out.find("\nexit status "):
        for j in range(i - 1, max(-1, i - 3), -1):
            line = out.lines[j]
            if not line or line[:1].isspace() or line.startswith(("go: ", "panic: ", "\t")):
                break
            if not (go or _is_log(line)):
                break
            if _ENV_WORDS.search(line) and (var := _ENV_VAR.search(line)):
                yield ErrorEvent(Category.CONFIGURATION, Severity.HIGH, "go", line.strip(), var[0],
                                 _log_place(out, j), Rank.ROOT, j)
                break
            if _EXIT_ERROR.match(line):
                # a command the program ran failed (its own output, if any, is above): a run-time
                # error with no type printed
                yield ErrorEvent(Category.RUNTIME, Severity.HIGH, "go", line.strip(), None,
                                 _log_place(out, j), Rank.ERROR, j)
                break


    # strconv's NumError, returned to log.Fatal or printed by the program: `strconv.Atoi: parsing
    # "ten": invalid syntax` (the input was not a number): a run-time error named by the function;
    # when the program names an env var before it (`PORT_NUMBER: strconv.Atoi: ...`), the variable
    for i in out.find(': parsing "'):
        line = out.lines[i]
        if not line[:1].isspace() and (go or _is_log(line)) and (m := _NUM_ERROR.search(line)):
            if var := _ENV_VAR.search(line, 0, m.start()):
                yield ErrorEvent(Category.CONFIGURATION, Severity.HIGH, "go", line.strip(), var[0],
                                 _log_place(out, i), Rank.ROOT, i)
            else:
                yield ErrorEvent(Category.RUNTIME, Severity.HIGH, "go", line.strip(), m["func"],
                                 _log_place(out, i), Rank.ERROR, i)


_NUM_ERROR = lazy_re(r'\b(?P<func>strconv\.\w+): parsing "(?:[^"\\]|\\.)*": (?:invalid syntax|value out of range'
                     r"|invalid base \d+|invalid bit size \d+)")
# the go command's refusal of a flag with several packages and the test binary's and the
# toolchain's refusals of a flag's value (the flag package's own sentences: _goflag): the flag
# is what to change
_FLAG_ERROR = lazy_re(r"^(?:go(?: \w+)?: )?(?:cannot use (?P<d>-\w+) flag with multiple packages"
                      # the test binary refusing a pattern before any test runs: go 1.20+
                      # `testing: invalid regexp for element 0 of -test.run ("["): ...`, older
                      # `testing: invalid regexp for -test.run: ...` (also -test.skip, -test.bench)
                      r"|testing: invalid regexp for (?:element \d+ of )?(?P<e>-[\w.]+)"
                      # the linker's and compiler's own flags (-ldflags, -gcflags): `/usr/lib/go/
                      # pkg/tool/linux_amd64/link: -X flag requires argument of the form
                      # importpath.name=value`: the flag inside -ldflags
                      r"|(?:\S*(?:link|compile)(?:\.exe)?: )?(?P<f>-\w+) flag requires argument)")


def _flags(out: Output) -> Iterator[ErrorEvent]:
    for needle in _goflag.NEEDLES:
        for i in out.find(needle):
            if flag := _goflag.named_flag(out.lines[i]):
                yield _config(out.lines[i], flag, i)
    for needle in (" flag with multiple packages", "\ntesting: invalid regexp for ", " flag requires argument"):
        for i in out.find(needle):
            if m := _FLAG_ERROR.match(out.lines[i]):
                yield _config(out.lines[i], m["d"] or m["e"] or m["f"], i)


# a data file a program names in its error: `parse config.json: json: ...`
_DATA_FILE = lazy_re(r"(?:^|[\s:\"'(])(?P<path>[\w./~-]+\.(?:json|ya?ml|toml))\b")


def _is_log(line: str) -> bool:
    return line[:2].isdigit() and _LOG_PREFIX.match(line) is not None


def _decode_error(out: Output, line: str, wrong_type: bool, i: int) -> ErrorEvent:
    """A JSON decode error of a Go program: the file it names is at fault (a value of the wrong
    type: `configuration`; text that does not parse: `syntax`); with no file the text came from
    elsewhere (a response): a run-time error named by encoding/json's error type."""
    text = line[_LOG_PREFIX.match(line).end():] if _is_log(line) else line
    where = _log_place(out, i)
    if m := _DATA_FILE.search(text):
        if wrong_type:
            return ErrorEvent(Category.CONFIGURATION, Severity.HIGH, "go", line.strip(), m["path"],
                              where, Rank.ROOT, i)
        return ErrorEvent(Category.SYNTAX, Severity.HIGH, "go", line.strip(), None,
                          where or Location(m["path"]), Rank.ROOT, i)
    return ErrorEvent(Category.RUNTIME, Severity.HIGH, "go", line.strip(),
                      "json.UnmarshalTypeError" if wrong_type else "json.SyntaxError", where,
                      Rank.ERROR, i)


def _log_place(out: Output, i: int) -> Location | None:
    """The file and line a log line names with log.Lshortfile / Llongfile."""
    line = out.lines[i]
    if line[:2].isdigit() and (m := _LOG_PREFIX.match(line)) and m["path"]:
        return Location(m["path"], int(m["line"]))
    if ".go:" in line and (m := _COMPILE.match(line)):  # go generate: `gen.go:3: running ..`
        return Location(m["path"], int(m["line"]), int(m["col"]) if m["col"] else None)
    return None


def _missing_files(out: Output) -> Iterator[ErrorEvent]:
    """A program run by `go run` that stops on a file it cannot open: the path is missing."""
    if out.tool != "go":
        return
    for i in out.find(": no such file or directory"):
        line = out.lines[i]
        if line[:1].isspace() or line.startswith(("go: ", "pattern ")) or ".go:" in line:
            continue  # test logs, the go command's own errors, compile errors
        if m := _NO_FILE.search(line):
            yield ErrorEvent(Category.CONFIGURATION, Severity.HIGH, "go", line.strip(),
                             m["path"], None, Rank.ROOT, i)


def _packages(out: Output) -> Iterator[ErrorEvent]:
    """Package patterns the go command cannot use: a folder that is not there (a path the user
    names: `configuration`), a folder whose files declare two packages (`build`)."""
    for i in out.find(": directory not found"):
        if m := _NO_PACKAGE_DIR.match(out.lines[i]):
            yield _config(out.lines[i], m["dir"], i)
    for i in out.find("found packages "):
        if m := _TWO_PACKAGES.search(out.lines[i]):
            where = Location(m["file"] if m["file"].startswith("/") else f"{m['dir']}/{m['file']}")
            yield ErrorEvent(Category.BUILD, Severity.HIGH, "go", out.lines[i].strip(), None, where,
                             Rank.ERROR, i)
    for i in out.find(" is not a main package"):  # a package to run that is a library
        if m := _NOT_MAIN.match(out.lines[i]):
            yield _config(out.lines[i], m["pkg"], i)
    for i in out.find(": function main is undeclared in the main package"):
        yield ErrorEvent(Category.BUILD, Severity.HIGH, "go", out.lines[i].strip(), "main", None,
                         Rank.ERROR, i)


def _config(line: str, subject: str, i: int) -> ErrorEvent:
    return ErrorEvent(Category.CONFIGURATION, Severity.HIGH, "go", line.strip(), subject, None,
                      Rank.ROOT, i)


def _tests(out: Output) -> Iterator[ErrorEvent]:
    failed = [(i, m) for i in out.find("--- FAIL: ") if (m := _FAIL.match(out.lines[i]))]
    # a test whose subtest failed too is a recap: every prefix `A`, `A/b` of a failed `A/b/c`
    parents = {name[:k] for _, m in failed if "/" in (name := m["name"])
               for k in range(len(name)) if name[k] == "/"}
    for i, m in failed:
        name = m["name"]
        parent = name in parents
        yield ErrorEvent(Category.TEST, Severity.HIGH, "go", out.lines[i].strip(), name,
                         _test_place(out, i, len(m["indent"]), name),
                         Rank.SUMMARY if parent else Rank.ERROR, i)
    for i in out.find("\nFAIL\t"):  # at the start of a line
        if m := _FAIL_PACKAGE.match(out.lines[i]):
            category = Category.BUILD if m["build"] else Category.TEST
            yield ErrorEvent(category, Severity.HIGH, "go", out.lines[i].strip(), None, None,
                             Rank.SUMMARY, i)


def _test_place(out: Output, i: int, indent: int, name: str) -> Location | None:
    """Where a failed test failed: its first log line, or the frame of its panic."""
    for j in range(i + 1, min(i + 50, len(out.lines))):
        line = out.lines[j]
        if line.startswith("panic: "):
            return _user_frame(out, j)
        if len(line) - len(line.lstrip()) <= indent:
            break
        if ".go:" in line and (m := _TEST_LOG.match(line)):
            if m["path"] == "testing.go":  # the testing package's own note (a race, a leak)
                return _race_frame(out, i, name) or _verbose_log(out, i, name)
            return Location(m["path"], int(m["line"]))
    return _verbose_log(out, i, name)


def _race_frame(out: Output, i: int, name: str) -> Location | None:
    """The first user frame of the `WARNING: DATA RACE` report printed before a failed test
    (a subtest's `--- FAIL` comes after its parents', so those are passed over)."""
    for j in range(i - 1, max(-1, i - 300), -1):
        line = out.lines[j]
        if line.lstrip().startswith("--- FAIL: ") and (f := _FAIL.match(line)) \
                and name.startswith(f["name"] + "/"):
            continue
        if line.startswith(("--- ", "=== RUN")):
            return None
        if line == "WARNING: DATA RACE":
            for k in range(j + 1, i):
                m = _RACE_FRAME.match(out.lines[k])
                if m and not any(p in m["path"] for p in _STD_PATHS):
                    return Location(m["path"], int(m["line"]))
            return None
    return None


def _verbose_log(out: Output, i: int, name: str) -> Location | None:
    """With -v the log lines come before `--- FAIL`, after `=== RUN   name`."""
    starts = {f"=== RUN   {name}", f"=== CONT  {name}", f"=== NAME  {name}"}
    for j in range(i - 1, max(-1, i - 200), -1):
        if out.lines[j] in starts:
            for k in range(j + 1, i):
                line = out.lines[k]
                if line.startswith(("=== ", "--- ")):
                    return None
                if ".go:" in line and (m := _TEST_LOG.match(line)):
                    return Location(m["path"], int(m["line"]))
            return None
    return None


def _panics(out: Output) -> Iterator[ErrorEvent]:
    yield from _timeouts(out)
    # both start their line: only those lines are looked up
    for needle, subject, severity in (("\npanic: ", "panic", Severity.HIGH),
                                      ("\nfatal error: ", "fatal error", Severity.CRITICAL)):
        for i in out.find(needle):
            line = out.lines[i]
            if line.startswith(_TIMED_OUT) or not _has_trace(out, i) or _in_test(out, i):
                continue
            if test := _test_trace(out, i):
                # a goroutine a test started panicked: the test binary died, the test failed
                yield ErrorEvent(Category.TEST, Severity.HIGH, "go", line.strip(), test,
                                 _user_frame(out, i), Rank.ERROR, i)
                continue
            yield ErrorEvent(Category.RUNTIME, severity, "go", line.strip(), subject,
                             _user_frame(out, i), Rank.ERROR, i)


# net/http recovers a handler's panic and logs it with the goroutine's trace, the server runs on:
# `2026/11/27 10:00:00 http: panic serving 127.0.0.1:40174: runtime error: index out of range`
_PANIC_SERVING = "http: panic serving "
# database/sql with a driver nobody imported: `sql: unknown driver "postgres" (forgotten import?)`
_UNKNOWN_DRIVER = lazy_re(r'sql: unknown driver "(?P<driver>[^"]+)"')
# text/template and html/template parse errors: `template: page.html:3: unexpected "}" in operand`
# (the template's name, which is the file's base name for ParseFiles/ParseGlob, and the line);
# an execution error has a column and `executing`: `template: p.html:3:5: executing "p.html" at`
_TEMPLATE_PARSE = lazy_re(r'(?:^|: |^\d{4}/\d\d/\d\d \d\d:\d\d:\d\d(?:\.\d+)? )template: '
                          r'(?P<name>[^\s:]+):(?P<line>\d+): (?!executing )')
# ParseGlob on a folder with no templates yet: `html/template: pattern matches no files: `t/*.html``
_TEMPLATE_GLOB = lazy_re(r"template: pattern matches no files: `(?P<pattern>[^`]+)`")


def _library_errors(out: Output) -> Iterator[ErrorEvent]:
    """Errors of the standard library a program panics or log.Fatal()s with that name a cause:
    a handler's panic net/http logged, a database driver never imported (`dependency`), a
    template that does not parse (`syntax`, at the template's line)."""
    for i in out.find(_PANIC_SERVING):
        line = out.lines[i]
        # in a test's httptest server, the failed test (that got no answer) is the reading
        if _has_trace(out, i) and not out.has("--- FAIL: "):
            yield ErrorEvent(Category.RUNTIME, Severity.HIGH, "go", line.strip(), "panic",
                             _user_frame(out, i), Rank.ERROR, i)
    for i in out.find('sql: unknown driver "'):
        line = out.lines[i]
        if m := _UNKNOWN_DRIVER.search(line):
            where = _user_frame(out, i) if line.startswith("panic: ") else _log_place(out, i)
            yield ErrorEvent(Category.DEPENDENCY, Severity.HIGH, "go", line.strip(), m["driver"],
                             where, Rank.ROOT, i)
    for i in out.find("template: "):
        line = out.lines[i]
        if m := _TEMPLATE_PARSE.search(line):
            yield ErrorEvent(Category.SYNTAX, Severity.HIGH, "go", line.strip(), None,
                             Location(m["name"], int(m["line"])), Rank.ROOT, i)
        elif m := _TEMPLATE_GLOB.search(line):
            yield _config(line, m["pattern"], i)  # the files a path the user names should hold


def _test_trace(out: Output, i: int) -> str | None:
    """The test whose goroutine (or one it started) a panic's trace shows, in a go test run."""
    started = False  # the panicking goroutine's block: from `goroutine N [...]:` to a blank line
    for j in range(i + 1, min(i + 80, len(out.lines))):
        line = out.lines[j]
        if not line:
            if started:
                break
        elif line.startswith("goroutine "):
            started = True
        elif started and line[0] != "\t" and (m := _TEST_TRACE.match(line)):
            return m["name"]
    return None


def _timeouts(out: Output) -> Iterator[ErrorEvent]:
    """`go test -timeout`: the test that was running is listed under `running tests:` (go
    1.20+), or else found as the `pkg.TestName(...)` frame of the goroutine dump."""
    for i in out.find("\n" + _TIMED_OUT):  # at the start of a line
        name = where = None
        if out.line(i + 1).startswith("running tests:") and (m := _RUNNING.match(out.line(i + 2))):
            name = m["name"]
        for j in range(i + 1, min(i + 400, len(out.lines))):
            line = out.lines[j]
            if line.startswith(("FAIL\t", "ok  \t", _TIMED_OUT)):
                break
            if (m := _TEST_FRAME.match(line)) and (name is None or m["name"] == name):
                name = m["name"]
                if f := _FRAME_FILE.match(out.line(j + 1)):
                    where = Location(f["path"], int(f["line"]))
                break
        yield ErrorEvent(Category.TEST, Severity.HIGH, "go", out.lines[i].strip(), name, where,
                         Rank.ERROR, i)


def _has_trace(out: Output, i: int) -> bool:
    """A goroutine dump follows (a fatal error first dumps the `runtime stack:`, ~10 lines)."""
    if any(out.line(j).startswith("goroutine ") for j in range(i + 1, i + 6)):
        return True
    return out.line(i + 2) == "runtime stack:" and any(
        out.line(j).startswith("goroutine ") for j in range(i + 3, i + 40))


def _in_test(out: Output, i: int) -> bool:
    return any(_FAIL.match(out.line(j)) for j in range(max(0, i - 3), i))


def _user_frame(out: Output, i: int) -> Location | None:
    """The first goroutine frame below a panic that is neither the runtime nor a dependency."""
    for j in range(i + 1, min(i + 80, len(out.lines))):
        line = out.lines[j]
        if line[:1] != "\t" or not (m := _FRAME_FILE.match(line)):
            continue  # (the function lines between the frames: no regex)
        function = out.line(j - 1)
        if (function.startswith(_STD_FRAMES) or any(p in m["path"] for p in _STD_PATHS)
                or m["path"].endswith("_testmain.go")):  # generated by go test
            continue
        return Location(m["path"], int(m["line"]))
    return None


def _gofmt(out: Output) -> Iterator[ErrorEvent]:
    """`gofmt -d`: a file that is not formatted, at the first line its diff changes."""
    for i in out.find(".go.orig "):
        line = out.lines[i]
        if line.startswith("diff ") and (m := _GOFMT_DIFF.match(line)) and m["path"] == m["new"]:
            yield ErrorEvent(Category.BUILD, Severity.HIGH, "gofmt", line.strip(), None,
                             Location(m["path"], _first_change(out, i)), Rank.ERROR, i)


def _first_change(out: Output, i: int) -> int | None:
    """The old file's line of the first `-` / `+` line of the diff below `i`."""
    for j in range(i + 1, min(i + 6, len(out.lines))):
        if h := _HUNK.match(out.lines[j]):
            number = int(h["line"])
            for k in range(j + 1, min(j + 40, len(out.lines))):
                if out.lines[k][:1] in ("-", "+"):
                    return number
                number += 1
            return None
    return None


def _network(out: Output) -> Iterator[ErrorEvent]:
    """A Go program (`go run`, a test's `TestMain`) that stops on a network error: the net
    package's `dial tcp host:port: connect: connection refused` and kin. Other Go tools print
    these too (docker, kubectl: `deployment`, read by their families): only the go command's
    own runs are read, and not a test's log (indented) nor the go command's `go: ` errors."""
    if out.has("--- FAIL: "):
        return  # a failed test owns what its code met (read with the test)
    # run by another tool (`make run`, a script, CI): only a line in the log package's format
    # (`2024/01/02 15:04:05 ...`) is known to be a Go program's
    go = out.tool == "go"
    seen = set()
    for needle in ("dial tcp", "listen tcp", "dial udp", "listen udp", ": no such host",
                   ": i/o timeout"):
        for i in out.find(needle):
            line = out.lines[i]
            if (i in seen or line[:1].isspace() or line.startswith("go: ")
                    or not (go or _is_log(line)) or not (m := _OP_ERROR.search(line))):
                continue
            if line.startswith("panic: ") and _test_trace(out, i):
                continue  # a goroutine of a test: the test failed
            seen.add(i)
            subject, why = (m["host"], m["dns"]) if m["host"] else (m["addr"], m["why"])
            severity = Severity.MEDIUM if why.startswith(_RETRYABLE) else Severity.HIGH
            where = _user_frame(out, i) if line.startswith("panic: ") else None
            yield ErrorEvent(Category.NETWORK, severity, "go", line.strip(), subject, where,
                             Rank.ROOT, i)
    # an HTTP client that gave up waiting (its Timeout, a TLS handshake, the request's context
    # deadline: `Get "http://h:80/x": context deadline exceeded`): the url.Error names the URL;
    # its host is the subject
    for needle in ("Client.Timeout exceeded", "TLS handshake timeout", "\": context deadline exceeded"):
        for i in out.find(needle):
            line = out.lines[i]
            if (i in seen or line[:1].isspace() or not (go or _is_log(line))
                    or not (m := _URL_ERROR.search(line))):
                continue
            if line.startswith("panic: ") and _test_trace(out, i):
                continue
            seen.add(i)
            where = _user_frame(out, i) if line.startswith("panic: ") else None
            yield ErrorEvent(Category.NETWORK, Severity.MEDIUM, "go", line.strip(), m["host"], where,
                             Rank.ROOT, i)
