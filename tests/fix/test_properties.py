"""Properties: valid Python is never touched; no input makes the fixer raise."""

from __future__ import annotations

import sysconfig
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lsp_heal.recover.fixer import LANGUAGES, fix_text
from lsp_heal.recover.fixer.python import find_problem

_STDLIB = sorted(Path(sysconfig.get_paths()["stdlib"]).glob("*.py"))


@st.composite
def stdlib_slices(draw):
    """A run of lines of a real stdlib module that still compiles."""
    path = draw(st.sampled_from(_STDLIB))
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines(keepends=True)
    start = draw(st.integers(0, max(len(lines) - 1, 0)))
    length = draw(st.integers(1, 120))
    return "".join(lines[start : start + length])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(stdlib_slices())
def test_valid_python_is_never_changed(text):
    result = fix_text("m.py", text)
    if find_problem(text) is None:
        assert result.text == text and result.edits == [] and result.parses
    else:  # a slice may cut a statement: then whatever comes out must be honest
        assert result.parses == (find_problem(result.text) is None)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(sorted(LANGUAGES)), st.text(max_size=300))
def test_any_input_gives_a_result_and_no_traceback(suffix, text):
    result = fix_text(f"f{suffix}", text)
    assert isinstance(result.parses, bool)
    if result.parses and result.language == "python":
        assert find_problem(result.text) is None


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="()[]{}:,=\"' \n\tabcdefi+-!&|#", max_size=200))
def test_python_made_of_punctuation_is_handled(text):
    result = fix_text("m.py", text)
    assert result.parses == (find_problem(result.text) is None)
