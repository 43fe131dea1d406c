"""The TypeScript classifier on messages no fixture records (codes read by their wording)."""

import pytest

from lsp_heal.detect.tsc import classify
from lsp_heal.model import Category


@pytest.mark.parametrize("code, msg, want", [
    ("TS5069", "Option 'declarationMap' cannot be specified without specifying option "
               "'declaration' or option 'composite'.", (Category.CONFIGURATION, "declarationMap")),
    ("TS5011", "The common source directory of 'tsconfig.json' is './src'. The 'rootDir' "
               "setting must be explicitly set", (Category.CONFIGURATION, "rootDir")),
    ("TS6046", "Argument for '--module' option must be: 'none', 'commonjs'.",
     (Category.CONFIGURATION, "module")),
    ("TS5083", "Cannot read file '/p/tsconfig.base.json'.",
     (Category.CONFIGURATION, "/p/tsconfig.base.json")),
    ("TS2688", "Cannot find type definition file for 'node'.", (Category.DEPENDENCY, "@types/node")),
    ("TS2688", "Cannot find type definition file for '@emotion/react'.",
     (Category.DEPENDENCY, "@types/emotion__react")),
    ("TS18047", "'el' is possibly 'null'.", (Category.BUILD, "el")),
    ("TS18046", "'err' is of type 'unknown'.", (Category.BUILD, "err")),
    ("TS2454", "Variable 'total' is used before being assigned.", (Category.BUILD, "total")),
    ("TS2345", "Argument of type 'string' is not assignable to parameter of type 'number'.",
     (Category.BUILD, "TS2345")),
])
def test_classify(code: str, msg: str, want: tuple) -> None:
    assert classify(code, msg) == want
