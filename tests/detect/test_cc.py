"""C toolchain readings beyond the first event, on recorded fixtures."""

from __future__ import annotations

import json
from pathlib import Path

from lsp_heal.detect import detect
from lsp_heal.model import Category, Rank, Severity

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "detect" / "cc"


def _events(name: str):
    meta = json.loads((FIXTURES / f"{name}.json").read_text())
    return detect((FIXTURES / f"{name}.out").read_bytes(), meta["command"], meta["exit_code"])


def test_make_recaps_every_level_of_a_recursive_build_after_the_compiler_error() -> None:
    events = _events("make_recursive_error")
    assert events[0].category == Category.SYNTAX
    assert [(e.tool, e.subject, e.rank) for e in events[1:]] == [
        ("make", "lib.o", Rank.SUMMARY), ("make", "all", Rank.SUMMARY)]


def test_a_warning_sorts_after_the_error_it_follows() -> None:
    events = _events("gcc_too_few_arguments")
    assert [e.severity for e in events] == [Severity.HIGH, Severity.LOW]
    assert events[1].subject == "-Wreturn-type"


def test_gcc_quotes_in_either_locale_give_the_same_symbol() -> None:
    utf8 = _events("gcc_undeclared")[0]  # ‘totl’
    ascii_ = _events("gpp_not_declared_in_scope")[0]  # 'cout'
    assert (utf8.subject, ascii_.subject) == ("totl", "cout")
