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
    # declaration emit and binding misuse name the declaration (tsc 7 wording, recorded by hand)
    ("TS4023", "Exported variable 'theme' has or is using name 'Theme' from external module "
               "\"/p/node_modules/a/node_modules/b/index\" but cannot be named.", (Category.BUILD, "theme")),
    ("TS2588", "Cannot assign to 'limit' because it is a constant.", (Category.BUILD, "limit")),
    ("TS2693", "'Shape' only refers to a type, but is being used as a value here.", (Category.BUILD, "Shape")),
    ("TS7023", "'a' implicitly has return type 'any' because it does not have a return type annotation "
               "and is referenced directly or indirectly in one of its return expressions.", (Category.BUILD, "a")),
    ("TS18004", "No value exists in scope for the shorthand property 'missingVar'. Either declare one "
                "or provide an initializer.", (Category.BUILD, "missingVar")),
    ("TS2440", "Import declaration conflicts with local declaration of 'User'.", (Category.BUILD, "User")),
    ("TS2345", "Argument of type 'string' is not assignable to parameter of type 'number'.",
     (Category.BUILD, "TS2345")),
    # code that compiles once an option the message names is set
    ("TS1378", "Top-level 'await' expressions are only allowed when the 'module' option is set to "
               "'es2022', 'esnext', 'system', 'node16', 'node18', 'nodenext', or 'preserve'.",
     (Category.CONFIGURATION, "module")),
    ("TS2583", "Cannot find name 'Map'. Do you need to change your target library? Try changing "
               "the 'lib' compiler option to 'es2015' or later.", (Category.CONFIGURATION, "lib")),
    ("TS2802", "Type 'Set<string>' can only be iterated through when using the "
               "'--downlevelIteration' flag or with a '--target' of 'es2015' or higher.",
     (Category.CONFIGURATION, "downlevelIteration")),
    ("TS2497", "This module can only be referenced with ECMAScript imports/exports by turning on "
               "the 'esModuleInterop' flag and referencing its default export.",
     (Category.CONFIGURATION, "esModuleInterop")),
    ("TS1205", "Re-exporting a type when 'isolatedModules' is enabled requires using 'export type'.",
     (Category.BUILD, "TS1205")),
    # a path alias is the project's file, a scoped name a package
    ("TS2307", "Cannot find module '~/lib/db' or its corresponding type declarations.",
     (Category.BUILD, "~/lib/db")),
    ("TS2307", "Cannot find module '#config' or its corresponding type declarations.",
     (Category.BUILD, "#config")),
    ("TS2307", "Cannot find module '@tanstack/react-query' or its corresponding type declarations.",
     (Category.DEPENDENCY, "@tanstack/react-query")),
])
def test_classify(code: str, msg: str, want: tuple) -> None:
    assert classify(code, msg) == want


@pytest.mark.parametrize("code, msg, subject", [
    # tsc 5 quotes the abstract member, tsc 7 prints it bare; a class expression's form
    ("TS2515", "Non-abstract class 'FileStore' does not implement inherited abstract member 'flush' "
               "from class 'Store'.", "flush"),
    ("TS2515", "Non-abstract class 'FileStore' does not implement inherited abstract member flush "
               "from class 'Store'.", "flush"),
    ("TS2653", "Non-abstract class expression does not implement inherited abstract member 'run' "
               "from class 'Job'.", "run"),
    # several members: no one name, the code
    ("TS18052", "Non-abstract class 'A' does not implement all abstract members of 'B'", "TS18052"),
])
def test_abstract_member_not_implemented_names_the_member(code, msg, subject):
    assert classify(code, msg) == (Category.BUILD, subject)


def test_ts5053_two_options_is_the_one_named_last():
    msg = "Option 'mapRoot' cannot be specified with option 'inlineSourceMap'."
    assert classify("TS5053", msg) == (Category.CONFIGURATION, "inlineSourceMap")


def test_ts2306_script_file_is_the_file():
    assert classify("TS2306", "File '/app/src/legacy.ts' is not a module.") == (Category.BUILD, "/app/src/legacy.ts")


def test_class_used_before_declaration_is_the_class():  # round 25, --pretty too
    from tests.detect.conftest import first_reading

    text = "src/log.ts:1:27 - error TS2449: Class 'Logger' used before its declaration.\n\nFound 1 error.\n"
    assert first_reading(text, "npx tsc --pretty")[:2] == ("build", "Logger")


# round 26: TS2875, the JSX runtime module missing, is read as a missing module


def test_ts2875_jsx_runtime_is_the_missing_module():
    msg = ("This JSX tag requires the module path 'preact/jsx-runtime' to exist, but none could be found. "
           "Make sure you have types for the appropriate package installed.")
    assert classify("TS2875", msg) == (Category.DEPENDENCY, "preact/jsx-runtime")
