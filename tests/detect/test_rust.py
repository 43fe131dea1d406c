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
