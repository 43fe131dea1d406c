"""The fixer on real code with injected mistakes (bench/fix_corpus.py), generated here from a
seed the benchmark does not use, on the package half it was not tuned on."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from bench.fix_corpus import INJECTIONS, compiles, make_cases  # noqa: E402
from lsp_heal.recover.files import apply_edits  # noqa: E402
from lsp_heal.recover.fixer import fix_text  # noqa: E402


@pytest.fixture(scope="module")
def outcomes():
    cases = make_cases(seed=3, count=4 * len(INJECTIONS), split="held-out")
    assert len(cases) == 4 * len(INJECTIONS)
    return [(case, fix_text("case.py", case.broken)) for case in cases]


def test_most_cases_parse_and_most_are_restored_exactly(outcomes):
    parses = sum(r.parses and compiles(r.text) for _, r in outcomes) / len(outcomes)
    exact = sum(r.text == c.original for c, r in outcomes) / len(outcomes)
    assert parses >= 0.9, parses
    assert exact >= 0.8, exact


def test_every_kind_of_mistake_is_repaired_somewhere(outcomes):
    restored = {c.kind for c, r in outcomes if r.text == c.original}
    assert restored == set(INJECTIONS)


def test_only_the_neighbourhood_of_the_mistake_changes(outcomes):
    for case, result in outcomes:
        before = case.broken.splitlines()
        after = result.text.splitlines()
        assert len(after) == len(before), case.source
        changed = [i + 1 for i, (a, b) in enumerate(zip(before, after)) if a != b]
        assert all(abs(line - case.line) <= 20 for line in changed), (case.source, changed)


def test_the_edits_reproduce_the_repair(outcomes):
    for case, result in outcomes:
        assert apply_edits(case.broken, result.edits) == result.text
