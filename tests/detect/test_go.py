"""go readings beyond the first event, on recorded fixtures."""

from __future__ import annotations

import json
from pathlib import Path

from lsp_heal.detect import detect
from lsp_heal.model import Category, Rank

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "detect" / "go"


def _events(name: str):
    meta = json.loads((FIXTURES / f"{name}.json").read_text())
    return detect((FIXTURES / f"{name}.out").read_bytes(), meta["command"], meta["exit_code"])


def test_a_parent_test_is_a_recap_of_its_failed_subtest() -> None:
    tests = {e.subject: e.rank for e in _events("test_subtest_fails") if e.subject}
    assert tests == {"TestAdd/negative": Rank.ERROR, "TestAdd": Rank.SUMMARY}


def test_a_panic_in_a_test_is_placed_in_the_test_and_not_read_twice() -> None:
    events = _events("test_panics")
    assert not [e for e in events if e.category == Category.RUNTIME]
    assert events[0].location.path.endswith("/add_test.go") and events[0].location.line == 7


def test_a_go_version_note_explains_the_compile_error_after_it() -> None:
    events = _events("gomod_newer_go")
    assert [(e.category, e.subject) for e in events] == [
        (Category.CONFIGURATION, "go"), (Category.BUILD, "min")]


def test_module_errors_listed_under_imports_name_the_module() -> None:
    out = ("example.com/demo imports\n\tgithub.com/x/y: github.com/x/y@v1.2.0: verifying module: "
           "checksum mismatch\n")
    events = detect(out.encode(), "go mod tidy", 1)
    assert (events[0].category, events[0].subject) == (Category.DEPENDENCY, "github.com/x/y")


def test_a_package_without_go_files_is_named() -> None:
    out = "package example.com/demo/empty: no Go files in /src/empty\n"
    events = detect(out.encode(), "go build ./empty", 1)
    assert (events[0].category, events[0].subject) == (Category.BUILD, "example.com/demo/empty")


def test_cgo_header_from_clang_is_a_dependency() -> None:
    out = "# example.com/demo\n./main.go:4:10: fatal error: 'zmq.h' file not found\n"
    events = detect(out.encode(), "go build .", 2)
    assert (events[0].category, events[0].subject) == (Category.DEPENDENCY, "zmq.h")


def _first(out: str, command: str, code: int = 1):
    events = detect(out.encode(), command, code)
    e = events[0]
    return e.category, e.subject, (e.location.path, e.location.line) if e.location else None


def test_a_panic_in_a_goroutine_a_test_started_fails_that_test() -> None:
    out = ("panic: assignment to entry in nil map\n\ngoroutine 7 [running]:\n"
           "example.com/m.TestWorkers.func1()\n\t/src/m/w_test.go:14 +0x6f\n"
           "created by example.com/m.TestWorkers\n\t/src/m/w_test.go:12 +0x7e\n"
           "FAIL\texample.com/m\t0.005s\nFAIL\n")
    assert _first(out, "go test ./...") == (Category.TEST, "TestWorkers", ("/src/m/w_test.go", 14))


def test_package_patterns_that_match_no_folder_are_configuration() -> None:
    assert _first("stat /src/m/cmd/app: directory not found\n", "go build ./cmd/app")[:2] == (
        Category.CONFIGURATION, "/src/m/cmd/app")
    assert _first("go: no packages loaded from ./nope\n", "go run ./nope")[:2] == (
        Category.CONFIGURATION, "./nope")


def test_two_packages_in_one_folder_is_a_build_error() -> None:
    out = "found packages main (main.go) and util (util.go) in /src/m\n"
    assert _first(out, "go build ./...")[0] == Category.BUILD


def test_scanner_errors_are_syntax_in_the_compiler_and_gofmt() -> None:
    assert _first("# m\n./a.go:4:9: newline in string\n", "go build ./...")[0] == Category.SYNTAX
    assert _first("a.go:3:8: illegal character U+0023 '#'\n", "gofmt -l .") == (Category.SYNTAX, None, ("a.go", 3))


def test_vet_unkeyed_fields_names_the_struct() -> None:
    out = "# m\n./main.go:9:7: example.com/m/cfg.Server struct literal uses unkeyed fields\n"
    assert _first(out, "go vet ./...") == (Category.BUILD, "example.com/m/cfg.Server", ("./main.go", 9))


def test_standard_library_errors_that_name_a_cause() -> None:
    trace = ("\ngoroutine 1 [running]:\nmain.main()\n\t/home/dev/app/main.go:11 +0xda\nexit status 2\n")
    # a database driver nobody imported: what to add, in a panic or a log.Fatal
    out = 'panic: sql: unknown driver "postgres" (forgotten import?)\n' + trace
    assert _first(out, "go run .") == (Category.DEPENDENCY, "postgres", ("/home/dev/app/main.go", 11))
    out = '2026/11/27 10:00:00 sql: unknown driver "sqlite3" (forgotten import?)\nexit status 1\n'
    assert _first(out, "go run .")[:2] == (Category.DEPENDENCY, "sqlite3")
    # a template that does not parse is the template's syntax error, at its line
    out = "panic: template: page.html:3: unexpected \"}\" in operand\n" + trace
    assert _first(out, "go run .") == (Category.SYNTAX, None, ("page.html", 3))
    out = "2026/11/27 10:00:00 load: template: base.html:12: function \"titel\" not defined\nexit status 1\n"
    assert _first(out, "go run .") == (Category.SYNTAX, None, ("base.html", 12))
    out = "2026/11/27 10:00:00 html/template: pattern matches no files: `templates/*.html`\nexit status 1\n"
    assert _first(out, "go run .")[:2] == (Category.CONFIGURATION, "templates/*.html")


def test_a_handler_panic_net_http_logged_is_the_runtime_error() -> None:
    out = ("2026/11/27 10:00:00 http: panic serving 127.0.0.1:40174: runtime error: index out of "
           "range [7] with length 3\ngoroutine 6 [running]:\nnet/http.(*conn).serve.func1()\n"
           "\t/usr/lib/go-1.19/src/net/http/server.go:1850 +0xbf\npanic({0x656cc0, 0xc000020120})\n"
           "\t/usr/lib/go-1.19/src/runtime/panic.go:890 +0x262\nmain.item({0x6df228?, 0xc0000d8000}, "
           "0x4a3fb3?)\n\t/home/dev/app/main.go:13 +0xf7\ncurl: (52) Empty reply from server\n")
    assert _first(out, "bash -c ./run.sh", 52) == (Category.RUNTIME, "panic", ("/home/dev/app/main.go", 13))


def test_files_the_go_command_will_not_take_and_two_packages_in_a_folder() -> None:
    assert _first("go: cannot run *_test.go files (parse_test.go)\n", "go run parse_test.go")[:2] == (
        Category.CONFIGURATION, "parse_test.go")
    assert _first("go: named files must be .go files: notes.txt\n", "go run a.go notes.txt")[:2] == (
        Category.CONFIGURATION, "notes.txt")
    out = "found packages main (main.go) and util (util.go) in /home/dev/app\n"
    assert _first(out, "go build ./...") == (Category.BUILD, None, ("/home/dev/app/util.go", None))
    out = "# example.com/demo\n./main.go:7:1: label outer defined and not used\n"
    assert _first(out, "go build .", 2) == (Category.BUILD, "outer", ("./main.go", 7))


def test_round17_go_command_refusals() -> None:
    """A build flag refused in this environment, a mistyped subcommand (any of go's levels)."""
    from tests.detect.conftest import first_reading
    out = "go: -msan requires cgo; enable cgo by setting CGO_ENABLED=1\n"
    assert first_reading(out, "go build -msan ./...", 2)[:2] == ("configuration", "CGO_ENABLED")
    out = "go: -race is not supported on linux/riscv64\n"
    assert first_reading(out, "go test -race ./...", 2)[:2] == ("configuration", "-race")
    out = "go mod tidi: unknown command\nRun 'go help mod' for usage.\n"
    assert first_reading(out, "go mod tidi", 2)[:2] == ("configuration", "tidi")


def test_an_invalid_run_pattern_in_the_older_form_is_configuration() -> None:
    out = ("testing: invalid regexp for -test.skip: error parsing regexp: missing closing ): `(a`\n"
           "FAIL\texample.com/demo\t0.002s\nFAIL\n")
    assert _first(out, "go test -skip '(a' ./...")[:2] == (Category.CONFIGURATION, "-test.skip")


def test_calling_a_non_function_in_older_gc_names_it() -> None:
    out = "# example.com/demo\n./score.go:8:12: cannot call non-function bonus (type int)\n"
    assert _first(out, "go build ./...", 2) == (Category.BUILD, "bonus", ("./score.go", 8))


def test_round_21_forms_name_their_operand_or_function() -> None:
    from tests.detect.conftest import first_reading
    out = "# example.com/demo\n./conv.go:4:14: invalid type assertion: x.(string) (non-interface type int on left)\n"
    assert first_reading(out, "go build ./...", 2) == ("build", "x", ("./conv.go", 4))
    out = "# example.com/demo\n./main.go:5:6: func main must have no arguments and no return values\n"
    assert first_reading(out, "go build ./...", 2)[:2] == ("build", "main")
    out = "# example.com/demo\n./config.go:3:5: initialization cycle: cfg refers to load refers to cfg\n"
    assert first_reading(out, "go build ./...", 2)[:2] == ("build", "cfg")
    out = ("# example.com/demo\n./sum.go:7:15: cannot use type Ordered outside a type constraint: "
           "interface is (or embeds) comparable\n")
    assert first_reading(out, "go build ./...", 2)[:2] == ("build", "Ordered")
    out = "# example.com/demo\n/usr/local/go/pkg/tool/darwin_arm64/link: -X flag requires argument of the form importpath.name=value\n"
    assert first_reading(out, "go build -ldflags -X=x .", 2)[:2] == ("configuration", "-X")


def test_round_22_a_method_on_a_foreign_type_names_the_type() -> None:
    from tests.detect.conftest import first_reading
    out = "# example.com/demo\n./dur.go:5:7: cannot define new methods on non-local type time.Duration\n"
    assert first_reading(out, "go build ./...", 2) == ("build", "time.Duration", ("./dur.go", 5))
    out = "# example.com/demo\n./p.go:5:10: invalid receiver type *Ptr (pointer or interface type)\n"
    assert first_reading(out, "go build ./...", 2)[:2] == ("build", "*Ptr")


def test_consistency_the_flag_package_sentences_are_read_once() -> None:
    """Go's flag package's sentences (lsp_heal/detect/_goflag, shared with terraform): each
    names the flag; `invalid boolean value` has no `flag` word before the flag, and a value
    quoted with %q may hold escaped quotes."""
    from tests.detect.conftest import first_reading
    usage = "Usage of ./app:\n  -v\tverbose\n"
    out = 'invalid boolean value "maybe" for -v: parse error\n' + usage
    assert first_reading(out, "./app -v=maybe", 2)[:2] == ("configuration", "-v")
    out = 'invalid value "a\\"b" for flag -test.count: parse error\n'
    assert first_reading(out, "go test -count='a\"b' .", 1)[:2] == ("configuration", "-test.count")
    out = "flag needs an argument: -test.run\n"
    assert first_reading(out, "go test -run", 1)[:2] == ("configuration", "-test.run")


def test_round26_forms_no_fixture_records() -> None:
    """Other forms of the messages round 26 drew: the operand / type / function named."""
    from tests.detect.conftest import first_reading
    out = "# demo\n./q.go:4:13: invalid argument: ch (variable of type int) for close\n"
    assert first_reading(out, "go build ./...", 2) == ("build", "ch", ("./q.go", 4))
    out = "# demo\n./q.go:4:13: invalid argument: index 5 (constant of type int) out of bounds [0:3]\n"
    assert first_reading(out, "go build ./...", 2)[:2] == ("build", None)
    out = "# demo\n./q.go:6:5: comparison of function s.Close != nil is always true\n"
    assert first_reading(out, "go vet ./...", 1)[:2] == ("build", "s.Close")
    out = "# demo\n./q.go:3:12: invalid map key type func()\n"
    assert first_reading(out, "go build ./...", 2)[:2] == ("build", "func()")
    out = "named files must all be in one directory; have cmd/ and internal/\n"
    assert first_reading(out, "go run cmd/a.go internal/b.go", 1)[:2] == ("configuration", "internal/")
    out = "pattern ../tools/...: directory prefix ../tools does not contain main module or its selected dependencies\n"
    assert first_reading(out, "go build ../tools/...", 1)[:2] == ("configuration", "../tools/...")


def _first_event(text: str, command: str, code: int = 1):
    return detect(text.encode(), command, code)[0]


def test_a_module_fetch_that_failed_on_the_network_is_network_not_a_missing_module() -> None:
    # go mod tidy's per-package query, `go get`'s module query, the proxy's 5xx
    tidy = _first_event('go: finding module for package github.com/spf13/cobra\nexample.com/demo imports\n'
                  '\tgithub.com/spf13/cobra: module github.com/spf13/cobra: Get "https://proxy.golang.org/'
                  'github.com/spf13/cobra/@v/list": dial tcp: lookup proxy.golang.org on 10.0.0.2:53: '
                  'no such host\n', "go mod tidy")
    assert (tidy.category, tidy.subject) == (Category.NETWORK, "proxy.golang.org")
    bad_gateway = _first_event("go: github.com/x/y@v1.2.0: reading https://proxy.golang.org/github.com/x/y/@v/"
                         "v1.2.0.info: 502 Bad Gateway\n", "go get github.com/x/y@v1.2.0")
    assert (bad_gateway.category, bad_gateway.subject) == (Category.NETWORK, "proxy.golang.org")
    # a module the proxy does not know stays a module to fix
    unknown = _first_event("go: module github.com/x/nope: reading https://proxy.golang.org/github.com/x/nope/"
                     "@v/list: 404 Not Found\n\tserver response: not found\n", "go get github.com/x/nope")
    assert (unknown.category, unknown.subject) == (Category.DEPENDENCY, "github.com/x/nope")


def test_go_parsers_own_sentences_are_syntax_errors() -> None:
    # go vet / gofmt parse with go/parser, whose words differ from the compiler's `syntax error:`
    for msg in ("missing ',' before newline in composite literal", "missing ',' in argument list",
                "unexpected newline, expecting { after if clause", "missing variable type or initialization"):
        out = f"# example.com/retry\nvet: ./policy.go:16:27: {msg}\n"
        assert _first(out, "go vet ./...", 2) == (Category.SYNTAX, None, ("./policy.go", 16)), msg
    # a typed const with no value: the compiler's type checker refuses it (`missing init expr`)
    out = "# example.com/demo\nvet: ./limits.go:5:2: missing constant value\n"
    assert _first(out, "go vet ./...", 2)[0] == Category.BUILD
