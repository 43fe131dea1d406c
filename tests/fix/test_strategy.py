"""The fix-syntax strategy: a real Python failure, detected, planned, applied as edits."""

from __future__ import annotations

import subprocess
import sys

from lsp_heal.detect import detect
from lsp_heal.recover.context import Context
from lsp_heal.recover.files import apply_edits
from lsp_heal.recover.fixer.python import find_problem
from lsp_heal.recover.strategies import strategies
from lsp_heal.recover.strategies.syntax import SyntaxRepair


def _plans(tmp_path, source: str):
    (tmp_path / "app.py").write_text(source)
    run = subprocess.run([sys.executable, "app.py"], cwd=tmp_path, check=False, capture_output=True,
                         text=True, timeout=60)
    events = detect(run.stderr, "python app.py", run.returncode)
    ctx = Context.for_workspace(tmp_path, "python app.py")
    return [plan for event in events for plan in SyntaxRepair().plans(event, ctx)]


def test_it_is_registered_through_the_entry_point_group():
    assert isinstance(strategies()["fix-syntax"], SyntaxRepair)


def test_a_syntax_error_becomes_an_edit_plan_that_makes_the_file_parse(tmp_path):
    source = "def f(x):\n    if x\n        return 1\nprint(f(1))\n"
    (plan,) = _plans(tmp_path, source)
    (action,) = plan.actions
    assert action.kind == "edit" and action.params["path"] == str(tmp_path / "app.py")
    assert action.params["edits"] == [{"line": 2, "column": 9, "insert": ":"}]
    assert find_problem(apply_edits(source, action.params["edits"])) is None


def test_a_name_error_for_a_stdlib_module_adds_the_import(tmp_path):
    source = '"""App."""\n\nprint(json.dumps([1]))\n'
    (plan,) = _plans(tmp_path, source)
    assert plan.title == "Add `import json` to app.py"
    fixed = apply_edits(source, plan.actions[0].params["edits"])
    assert fixed == '"""App."""\nimport json\n\nprint(json.dumps([1]))\n'
    done = subprocess.run([sys.executable, "-c", fixed], check=False, capture_output=True,
                          text=True)
    assert done.stdout == "[1]\n"
