"""Safe import fixes: the right place, the right group, never twice, offered when ambiguous."""

from __future__ import annotations

from lsp_heal.recover.fixer import fix_text
from lsp_heal.recover.fixer.imports import fix_imports

_MODULE = ('"""Doc."""\nfrom __future__ import annotations\n\nimport re\nimport sys\n\n'
           'import yaml\n\n\ndef f():\n    return os.sep, json.dumps(1), re, sys, yaml\n')


def test_stdlib_imports_go_into_the_stdlib_group_in_order():
    text, offered = fix_imports(_MODULE)
    assert text.splitlines()[:9] == ['"""Doc."""', "from __future__ import annotations", "",
                                     "import json", "import os", "import re", "import sys", "",
                                     "import yaml"]
    assert offered == []
    assert fix_imports(text)[0] == text  # never a duplicate


def test_a_project_name_defined_once_is_imported_and_twice_is_only_offered(tmp_path):
    (tmp_path / "helpers.py").write_text("def make_widget():\n    return 1\n")
    (tmp_path / "one.py").write_text("def shared():\n    pass\n")
    (tmp_path / "two.py").write_text("def shared():\n    pass\n")
    source = "def main():\n    return make_widget(), shared()\n"
    result = fix_text("main.py", source, imports=True, project=tmp_path)
    assert result.text == "from helpers import make_widget\n" + source
    assert sorted(result.offers) == ["from one import shared", "from two import shared"]
