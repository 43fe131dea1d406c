"""Python repair: behaviour the corpus does not show by itself."""

from __future__ import annotations

from lsp_heal.recover.fixer import fix_text
from lsp_heal.recover.fixer.python import find_problem


def test_several_errors_in_one_file_are_repaired_one_after_another():
    broken = "def f(x):\n    if x\n        retrun 1\n    y = foo(a b)\n    return y && x\n"
    result = fix_text("m.py", broken)
    assert result.parses
    assert result.text == "def f(x):\n    if x:\n        return 1\n    y = foo(a, b)\n" \
                          "    return y and x\n"


def test_comments_and_layout_outside_the_edit_stay_byte_identical():
    broken = "x = [1,   2,  # keep\n\n\n     3\ny  =  4   # spacing\r\n"
    result = fix_text("m.py", broken)
    assert result.parses
    assert result.text == "x = [1,   2,  # keep\n\n\n     3]\ny  =  4   # spacing\r\n"
    assert result.edits == [{"line": 4, "column": 7, "insert": "]"}]


def test_a_file_that_parses_is_left_alone():
    text = "def f():\n    return undefined_name  # not a syntax problem\n"
    result = fix_text("m.py", text)
    assert (result.fixed, result.parses, result.edits) == (False, True, [])


def test_what_cannot_be_repaired_says_why():
    result = fix_text("m.py", "def f(:\n    )))) (((( @@@ $$$\n")
    assert not result.parses
    assert result.reason.startswith("line ")
    assert find_problem(result.text) is not None
