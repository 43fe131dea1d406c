"""Cargo readings beyond the first event, on recorded fixtures."""

from __future__ import annotations

import json
from pathlib import Path

from lsp_heal.detect import detect
from lsp_heal.model import Category, Rank

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "detect" / "rust"


def _events(name: str):
    meta = json.loads((FIXTURES / f"{name}.json").read_text())
    return detect((FIXTURES / f"{name}.out").read_bytes(), meta["command"], meta["exit_code"])


def test_a_panic_in_a_test_is_the_test_failure_not_a_runtime_error() -> None:
    events = _events("test_assert_eq_fails")
    assert [e.category for e in events if e.rank != Rank.SUMMARY] == [Category.TEST]


def test_the_linker_error_under_cargo_comes_before_cargo_recaps() -> None:
    events = _events("linker_undefined_symbol")
    assert events[0].tool == "ld"
    assert all(e.rank == Rank.SUMMARY for e in events[1:])


def test_every_unresolved_use_of_a_missing_crate_names_it() -> None:
    roots = [e for e in _events("unresolved_import_crate") if e.rank == Rank.ROOT]
    assert [(e.subject, e.location.line) for e in roots] == [("rand", 1), ("rand", 4)]


def test_newer_cargo_names_a_crate_it_cannot_find_on_the_next_line() -> None:
    out = ("error: no matching package found\nsearched package name: `serde_jsn`\n"
           "perhaps you meant:      serde_json\nlocation searched: crates.io index\n")
    events = detect(out.encode(), "cargo build", 101)
    assert (events[0].category.value, events[0].subject) == ("dependency", "serde_jsn")


def test_a_pinned_toolchain_that_is_not_installed_is_configuration() -> None:
    out = "error: toolchain 'nightly-2020-01-01-x86_64-unknown-linux-gnu' is not installed\n"
    events = detect(out.encode(), "cargo build", 1)
    assert (events[0].category.value, events[0].subject) == ("configuration", "rust")


def _first(out: str, command: str, code: int = 101):
    e = detect(out.encode(), command, code)[0]
    return e.category, e.subject, (e.location.path, e.location.line) if e.location else None


def test_a_panic_on_a_missing_file_the_program_names_is_configuration() -> None:
    out = ("\nthread 'main' (9) panicked at src/main.rs:4:59:\ncannot read config/app.toml: Os { "
           'code: 2, kind: NotFound, message: "No such file or directory" }\n')
    assert _first(out, "cargo run") == (Category.CONFIGURATION, "config/app.toml", ("src/main.rs", 4))


def test_a_panic_on_an_unnamed_missing_file_stays_a_panic() -> None:
    out = ("\nthread 'main' panicked at src/main.rs:5:10:\ncalled `Result::unwrap()` on an `Err` "
           'value: Os { code: 2, kind: NotFound, message: "No such file or directory" }\n')
    assert _first(out, "cargo run")[:2] == (Category.RUNTIME, "panic")


def test_refused_and_denied_io_errors_are_network_and_permission() -> None:
    refused = ("\nthread 'main' panicked at src/db.rs:9:5:\nfailed to connect to db.local:5432: Os "
               '{ code: 111, kind: ConnectionRefused, message: "Connection refused" }\n')
    assert _first(refused, "cargo run")[:2] == (Category.NETWORK, "db.local:5432")
    denied = ("\nthread 'main' panicked at src/main.rs:3:5:\ncalled `Result::unwrap()` on an `Err` "
              'value: Os { code: 13, kind: PermissionDenied, message: "Permission denied" }\n')
    assert _first(denied, "cargo run")[0] == Category.PERMISSION


def test_main_returning_an_anyhow_error_is_read_by_its_cause() -> None:
    out = "Error: failed to read settings.toml\n\nCaused by:\n    No such file or directory (os error 2)\n"
    assert _first(out, "cargo run -q", 1)[:2] == (Category.CONFIGURATION, "settings.toml")


def test_a_build_script_needing_a_system_library_is_a_dependency() -> None:
    out = ("error: failed to run custom build command for `openssl-sys v0.9.102`\n\nCaused by:\n"
           "  process didn't exit successfully: `/x/build-script-main` (exit status: 101)\n"
           "  --- stdout\n  > PKG_CONFIG_ALLOW_SYSTEM_CFLAGS=1 pkg-config --libs --cflags openssl\n\n"
           "  The system library `openssl` required by crate `openssl-sys` was not found.\n")
    assert _first(out, "cargo build")[:2] == (Category.DEPENDENCY, "openssl")


def test_a_panicking_build_script_is_a_build_error_of_its_crate() -> None:
    out = ("error: failed to run custom build command for `demo v0.1.0 (/src/demo)`\n\nCaused by:\n"
           "  process didn't exit successfully: `/x/build-script-build` (exit status: 101)\n"
           "  --- stderr\n\n  thread 'main' panicked at build.rs:3:5:\n  proto files missing\n")
    assert _first(out, "cargo build") == (Category.BUILD, "demo", ("build.rs", 3))


def test_cargo_run_with_several_binaries_needs_default_run() -> None:
    out = ("error: `cargo run` could not determine which binary to run. Use the `--bin` option to "
           "specify a binary, or the `default-run` manifest key.\navailable binaries: a, x\n")
    assert _first(out, "cargo run")[:2] == (Category.CONFIGURATION, "default-run")


def test_command_line_refusals_name_the_option() -> None:
    out = "error: invalid value 'x' for '--jobs <N>': invalid digit found in string\n\nFor more information, try '--help'.\n"
    assert _first(out, "cargo build -j x")[:2] == (Category.CONFIGURATION, "--jobs")
    out = "error: Unrecognized option: 'nocaptur'\nerror: test failed, to rerun pass `--lib`\n"
    # (libtest's getopts prints the name without its dashes: the option as typed, as jest's)
    assert _first(out, "cargo test -- --nocaptur")[:2] == (Category.CONFIGURATION, "--nocaptur")


def test_a_denied_folder_in_cargos_cause_chain_is_permission() -> None:
    out = "error: failed to create directory `/opt/target/debug`\n\nCaused by:\n  Permission denied (os error 13)\n"
    assert _first(out, "cargo build")[:2] == (Category.PERMISSION, "/opt/target/debug")
    out = 'error: Read-only file system (os error 30) at path "/ro/targetX1"\n'
    assert _first(out, "cargo build")[:2] == (Category.PERMISSION, "/ro/targetX1")


def test_cargo_run_or_install_on_a_library_only_package() -> None:
    out = "error: a bin target must be available for `cargo run`\n"
    assert _first(out, "cargo run")[:2] == (Category.CONFIGURATION, None)
    out = "  Installing demo v0.1.0 (/src/demo)\nerror: a bin target must be available for `cargo install`\n"
    assert _first(out, "cargo install --path .")[:2] == (Category.CONFIGURATION, None)


def test_an_unstable_feature_in_the_older_quoting_names_the_feature() -> None:
    out = ("error[E0658]: use of unstable library feature 'iter_intersperse'\n"
           " --> src/main.rs:3:48\n  |\n")
    assert _first(out, "cargo build") == (Category.BUILD, "iter_intersperse", ("src/main.rs", 3))


def test_a_non_const_method_in_a_static_names_the_method() -> None:
    out = ("error[E0015]: cannot call non-const associated function `Vec::<u8>::with_capacity` in statics\n"
           " --> src/lib.rs:1:22\n  |\n")
    assert _first(out, "cargo build")[:2] == (Category.BUILD, "Vec::<u8>::with_capacity")


def test_round_21_forms_name_the_item_or_key() -> None:
    from tests.detect.conftest import first_reading
    out = ("error[E0038]: the trait `Shape` cannot be made into an object\n --> src/main.rs:6:24\n"
           "error: could not compile `demo` (bin \"demo\") due to 1 previous error\n")
    assert first_reading(out, "cargo build", 101) == ("build", "Shape", ("src/main.rs", 6))
    out = ("error[E0049]: method `map` has 1 type parameter but its trait declaration has 0 type parameters\n"
           " --> src/lib.rs:9:11\n")
    assert first_reading(out, "cargo build", 101)[:2] == ("build", "map")
    out = ("error[E0185]: method `area` has a `&self` declaration in the impl, but not in the trait\n"
           " --> src/lib.rs:9:5\n")
    assert first_reading(out, "cargo build", 101)[:2] == ("build", "area")
    out = ("error: unknown variant `2030`, expected one of `2015`, `2018`, `2021`, `2024`\n"
           " --> Cargo.toml:4:11\n  |\n4 | edition = \"2030\"\n  |           ^^^^^^\n")
    assert first_reading(out, "cargo build", 101) == ("configuration", "2030", ("Cargo.toml", 4))
    out = ("error: invalid type: string \"yes\", expected a boolean\n --> Cargo.toml:8:10\n  |\n"
           "8 | publish = \"yes\"\n  |           ^^^^^\n")
    assert first_reading(out, "cargo build", 101) == ("configuration", "publish", ("Cargo.toml", 8))


def test_round_22_forms_name_the_declared_or_unused_item() -> None:
    from tests.detect.conftest import first_reading
    out = "error[E0392]: lifetime parameter `'a` is never used\n --> src/lib.rs:1:16\n"
    assert first_reading(out, "cargo check", 101) == ("build", "'a", ("src/lib.rs", 1))
    out = ("error[E0403]: the name `T` is already used for a generic parameter in this item's generic parameters\n"
           " --> src/lib.rs:3:12\n")
    assert first_reading(out, "cargo build", 101)[:2] == ("build", "T")
    out = "error[E0220]: associated type `Itm` not found for `Self`\n --> src/lib.rs:4:30\n"
    assert first_reading(out, "cargo build", 101)[:2] == ("build", "Itm")
    out = ("error[E0191]: the value of the associated type `Item` in `Iterator` must be specified\n"
           " --> src/main.rs:2:28\n")
    assert first_reading(out, "cargo build", 101)[:2] == ("build", "Item")


def test_consistency_a_path_of_the_wrong_kind_or_an_impl_item_names_the_item() -> None:
    """The build bullet: the symbol the error names, else the code. A path resolved to an item
    of the wrong kind names the path; an impl item that does not fit its trait names the item."""
    from tests.detect.conftest import first_reading
    out = "error[E0573]: expected type, found variant `Mode::Fast`\n --> src/lib.rs:4:14\n"
    assert first_reading(out, "cargo build", 101) == ("build", "Mode::Fast", ("src/lib.rs", 4))
    out = "error[E0423]: expected value, found builtin type `u32`\n --> src/main.rs:2:13\n"
    assert first_reading(out, "cargo build", 101)[:2] == ("build", "u32")
    out = ("error[E0326]: implemented const `N` has an incompatible type for trait\n"
           " --> src/lib.rs:6:14\n")
    assert first_reading(out, "cargo build", 101)[:2] == ("build", "N")
    out = ("error[E0195]: lifetime parameters or bounds on method `get` do not match the trait declaration\n"
           " --> src/lib.rs:7:11\n")
    assert first_reading(out, "cargo build", 101)[:2] == ("build", "get")
    # a type, not an item, after `found`: the code; a parse error with no code stays syntax
    out = "error[E0618]: expected function, found `i32`\n --> src/main.rs:3:5\n"
    assert first_reading(out, "cargo build", 101)[:2] == ("build", "E0618")
    out = "error: expected identifier, found keyword `fn`\n --> src/main.rs:1:5\n"
    assert first_reading(out, "cargo build", 101)[:2] == ("syntax", None)


def _first_event(text: str, command: str, code: int = 101):
    return detect(text.encode(), command, code)[0]


def test_a_crate_fetch_that_failed_on_the_network_is_network() -> None:
    timeout = _first_event("    Updating crates.io index\nerror: failed to get `serde` as a dependency of package "
                     "`demo v0.1.0 (/p)`\n\nCaused by:\n  download of se/rd/serde failed\n\nCaused by:\n"
                     "  failed to download from `https://index.crates.io/se/rd/serde`\n\nCaused by:\n"
                     "  [28] Timeout was reached (Connection timed out after 30001 milliseconds)\n",
                     "cargo build")
    assert (timeout.category, timeout.subject) == (Category.NETWORK, "index.crates.io")
    git = _first_event("error: failed to get `utils` as a dependency of package `demo v0.1.0 (/p)`\n\n"
                 "Caused by:\n  failed to load source for dependency `utils`\n\nCaused by:\n"
                 "  Unable to update https://github.com/acme/utils\n\nCaused by:\n"
                 "  network failure seems to have happened\n\nCaused by:\n  failed to resolve address "
                 "for github.com: Temporary failure in name resolution; class=Net (12)\n", "cargo build")
    assert (git.category, git.subject) == (Category.NETWORK, "github.com")


def test_rustc_json_diagnostics_are_read_in_full_and_short_form() -> None:
    span = ('"spans":[{"file_name":"a.rs","byte_start":1,"byte_end":2,"line_start":3,"line_end":3,'
            '"column_start":9,"column_end":15,"is_primary":true}],"children":[],')
    full = ('{"$message_type":"diagnostic","message":"mismatched types","code":{"code":"E0308",'
            '"explanation":"x"},"level":"error",' + span
            + '"rendered":"error[E0308]: mismatched types\\n --> a.rs:3:9\\n"}\n'
            '{"$message_type":"diagnostic","message":"aborting due to 1 previous error","code":null,'
            '"level":"error","spans":[],"children":[],"rendered":"error: aborting due to 1 previous error\\n"}\n')
    events = detect(full.encode(), "rustc --error-format=json a.rs", 1)
    assert [(e.subject, e.rank) for e in events] == [("E0308", Rank.ERROR), (None, Rank.SUMMARY)]
    assert (events[0].location.path, events[0].location.line) == ("a.rs", 3)
    short = ('{"$message_type":"diagnostic","message":"cannot find value `x` in this scope","code":'
             '{"code":"E0425","explanation":null},"level":"error",' + span
             + '"rendered":"a.rs:3:9: error[E0425]: cannot find value `x` in this scope\\n"}\n')
    event = detect(short.encode(), "rustc --error-format=json --json=diagnostic-short a.rs", 1)[0]
    assert (event.subject, event.location.line) == ("x", 3)


def test_rustc_refusing_its_command_line_names_the_option_as_typed() -> None:
    cases = [
        ("optimization level needs to be between 0-3, s or z (instead was `fast`)", "rustc -C opt-level=fast m.rs", "opt-level"),
        ("optimization level needs to be between 0-3, s or z (instead was `9`)", "rustc -Copt-level=9 m.rs", "opt-level"),
        ("incorrect value `maybe` for codegen option `lto` - either a boolean (`yes`, `no`, `on`, `off`, etc), `thin`, `fat`, or omitted was expected",
         "rustc -C lto=maybe m.rs", "lto"),
        ("unknown codegen option: `foo`", "rustc -C foo=1 m.rs", "foo"),
        ("codegen option `target-cpu` requires a string (`-C target-cpu=<value>`)", "rustc -C target-cpu m.rs", "target-cpu"),
        ("unknown emission type: `wat` - expected one of: `asm`, `llvm-bc`", "rustc --emit wat m.rs", "--emit"),
        ("unknown crate type: `wat`, expected one of: `lib`, `rlib`", "rustc --crate-type=wat m.rs", "--crate-type"),
        ("argument for `--color` must be auto, always or never (instead was `sometimes`)", "rustc --color sometimes m.rs", "--color"),
        ('error loading target specification: could not find specification for target "nope-x"', "rustc --target nope-x m.rs", "--target"),
        ("Unrecognized option: 'foo'", "rustc --foo m.rs", "--foo"),
    ]
    for msg, command, subject in cases:
        event = _first_event(f"error: {msg}\n\n", command, 1)
        assert (event.category, event.subject, event.tool) == (Category.CONFIGURATION, subject, "rustc"), msg
    # an unstable option on the stable channel (rustc names it bare, cargo with its dash)
    for msg, command in (("the option `Z` is only accepted on the nightly compiler", "rustc -Z nope m.rs"),
                         ("the `-Z` flag is only accepted on the nightly channel of Cargo, but this is "
                          "the `stable` channel", "cargo build -Z unstable-options")):
        event = _first_event(f"error: {msg}\n\n", command, 101)
        assert (event.category, event.subject) == (Category.CONFIGURATION, "-Z"), msg


def test_a_session_error_in_json_is_read_as_its_text_form() -> None:
    """`--error-format=json` (and cargo's JSON messages) carry the command-line refusals as
    span-less diagnostics: the option they refuse, as in the text form."""
    for msg, command, subject in (
        ("unknown crate type: `shared`, expected one of: `lib`, `bin`", "rustc --error-format=json --crate-type shared m.rs", "--crate-type"),
        ("optimization level needs to be between 0-3, s or z (instead was `fast`)", "rustc --error-format=json -C opt-level=fast m.rs", "opt-level"),
        ("unknown print request: `nothing`", "rustc --error-format=json --print nothing m.rs", "--print"),
    ):
        line = json.dumps({"$message_type": "diagnostic", "message": msg, "code": None, "level": "error",
                           "spans": [], "children": [], "rendered": f"error: {msg}\n\n"}, separators=(",", ":"))
        event = detect((line + "\n").encode(), command, 1)[0]
        assert (event.category, event.subject) == (Category.CONFIGURATION, subject), msg

