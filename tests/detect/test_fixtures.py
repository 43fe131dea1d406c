"""Every recorded fixture is read the way its case says: the first error's category,
subject and place, and nothing above `low` for a clean exit-0 run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lsp_heal.detect import detect
from lsp_heal.model import Severity

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "detect"
CASES = sorted(FIXTURES.glob("*/*.json"))


def _load(meta_path: Path) -> tuple[dict, bytes]:
    return json.loads(meta_path.read_text()), meta_path.with_suffix(".out").read_bytes()


def _same_path(actual: str | None, expected: str) -> bool:
    """Tools print paths relative or absolute; the project-relative tail must match."""
    return actual is not None and (actual == expected or actual.endswith("/" + expected))


@pytest.mark.parametrize("meta_path", CASES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_fixture_reading(meta_path: Path) -> None:
    meta, output = _load(meta_path)
    events = detect(output, meta["command"], meta["exit_code"])
    if meta["noise"]:
        loud = [e for e in events if e.severity.rank < Severity.LOW.rank]
        assert not loud, [e.to_json() for e in loud]
        return
    want = meta["expect"]
    assert events, "no error found"
    first = events[0]
    assert first.category.value == want["category"], first.to_json()
    assert first.subject == want["subject"], first.to_json()
    if want.get("path"):
        assert first.location is not None, first.to_json()
        assert _same_path(first.location.path, want["path"]), first.to_json()
        assert first.location.line == want["line"], first.to_json()


def test_the_corpus_is_broad() -> None:
    """The bars of the detection issue: 200 cases, 30 tools, 12 a category, 20 clean runs."""
    metas = [json.loads(p.read_text()) for p in CASES]
    tools = {m["tool"] for m in metas}
    per_category: dict[str, int] = {}
    for m in metas:
        if m["expect"]:
            per_category[m["expect"]["category"]] = per_category.get(m["expect"]["category"], 0) + 1
    assert len(metas) >= 200
    assert len(tools) >= 30, sorted(tools)
    assert len(per_category) == 9 and min(per_category.values()) >= 12, per_category
    assert sum(m["noise"] for m in metas) >= 20
