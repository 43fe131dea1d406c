"""Forms no fixture records (outputs recorded by hand, node 20 / vite 5.4): node:test's spec reporter."""

import json
from pathlib import Path

import pytest

from lsp_heal.detect import detect
from tests.detect.conftest import first_reading

_NODE_TEST_SPEC = """\
✔ warms every key (1.312161ms)
✔ waits a little (100.149588ms)
ℹ Error: Test "warms every key" at test/cache.test.js:5:1 generated asynchronous activity after \
the test ended. This activity created the error "Error: warm-up failed for a" and would have caused \
the test to fail, but instead triggered an unhandledRejection event.
✖ /p/test/cache.test.js (288.080554ms)
  'test failed'

ℹ tests 3
ℹ pass 2
ℹ fail 1
"""


def test_node_test_spec_reporter_async_activity_after_the_test():
    assert first_reading(_NODE_TEST_SPEC, "node --test --test-reporter=spec test/") == (
        "test", "warms every key", ("test/cache.test.js", 5))


# round 19: mocha's `--ui` that does not load, and a reporter package that is installed but
# whose own dependency is missing (the missing module is the cause, not the option)
_MOCHA_UI = """\

✖ ERROR: TypeError: Could not load ui "tdd2":

 Error: Cannot find module '/work/app/tdd2'
Require stack:
- /work/app/node_modules/mocha/lib/cli/run-helpers.cjs
    at Module._resolveFilename (node:internal/modules/cjs/loader:1207:15)
  code: 'ERR_MOCHA_INVALID_INTERFACE',
"""


def test_mocha_ui_that_does_not_load_is_configuration():
    # round 30: the option as typed when the command line gives it, else (.mocharc) the value
    assert first_reading(_MOCHA_UI, "npx mocha --ui tdd2")[:2] == ("configuration", "--ui")
    assert first_reading(_MOCHA_UI, "npx mocha -u=tdd2")[:2] == ("configuration", "-u")
    assert first_reading(_MOCHA_UI, "npx mocha")[:2] == ("configuration", "tdd2")
    reporter = _MOCHA_UI.replace('ui "tdd2"', 'reporter "dotz"').replace("tdd2", "dotz")
    assert first_reading(reporter, "npx mocha -R dotz test/")[:2] == ("configuration", "-R")
    assert first_reading(reporter, "npm test")[:2] == ("configuration", "dotz")


def test_mocha_reporter_whose_dependency_is_missing_is_that_dependency():
    text = _MOCHA_UI.replace('ui "tdd2"', 'reporter "mocha-junit-reporter"').replace(
        "'/work/app/tdd2'", "'xml'")
    assert first_reading(text, "npx mocha --reporter mocha-junit-reporter")[:2] == ("dependency", "xml")


# round 23: a spec that throws while mocha loads it
_MOCHA_LOAD = """\

 Exception during run: ReferenceError: suite is not defined
    at Object.<anonymous> (/work/app/test/cart.spec.js:3:1)
    at Module._compile (node:internal/modules/cjs/loader:1521:14)
    at async formattedImport (/work/app/node_modules/mocha/lib/nodejs/esm-utils.cjs:11:14)
"""


def test_mocha_spec_for_another_interface_is_the_ui_setting():
    # a TDD spec run with mocha's default (bdd) interface: no --ui typed, the setting
    assert first_reading(_MOCHA_LOAD, "npx mocha") == ("configuration", "ui", ("/work/app/test/cart.spec.js", 3))
    assert first_reading(_MOCHA_LOAD, "npx mocha --ui=bdd")[:2] == ("configuration", "--ui")


def test_mocha_spec_throwing_at_load_is_the_spec():
    text = _MOCHA_LOAD.replace("ReferenceError: suite is not defined", "TypeError: Cannot read properties of undefined (reading 'map')")
    assert first_reading(text, "npx mocha")[0] == "test"


def test_jest_deprecated_option_behind_npm_test():
    text = ('testPathPattern:\n\n  Option "testPathPattern" was replaced by "--testPathPatterns". '
            '"--testPathPatterns" is only available as a command-line option.\n\n  Please update your configuration.\n\n'
            '  CLI Options Documentation:\n  https://jestjs.io/docs/cli\n')
    assert first_reading(text, "npm test")[:2] == ("configuration", "testPathPattern")


_JEST_UNRECOGNIZED = """\
● Unrecognized CLI Parameter:

  Unrecognized option "watchAl". Did you mean "watchAll"?

  CLI Options Documentation:
  https://jestjs.io/docs/cli

"""


def test_jest_unknown_option_is_named_as_typed_when_the_command_shows_it():
    assert first_reading(_JEST_UNRECOGNIZED, "npx jest --watchAl=false")[:2] == ("configuration", "--watchAl")
    # the script's own command line is not shown: the name as jest prints it
    assert first_reading(_JEST_UNRECOGNIZED, "npm test")[:2] == ("configuration", "watchAl")


# round 25: jest-config's thrown refusals, vitest's unknown reporter, mocha behind a wrapper


def test_jest_config_thrown_option_behind_npm_test():
    text = ("Error: The shard option <n>/<m> requires <n> to be lower or equal than <m>.\n"
            "    at parseShardPair (/p/node_modules/jest-config/build/index.js:2241:11)\n")
    assert first_reading(text, "npx jest --shard 3/2")[:2] == ("configuration", "--shard")


def test_vitest_unknown_reporter_from_config_is_the_value():
    text = ("Error: Failed to load custom Reporter from junitt\n"
            "    at loadCustomReporterModule (file:///p/node_modules/vitest/dist/chunks/cli-api.js:1:9)\n"
            "  [cause]: Error: Failed to load url junitt (resolved id: junitt). Does the file exist?\n")
    assert first_reading(text, "npx vitest run")[:2] == ("configuration", "junitt")
    assert first_reading(text, "npx vitest run --reporter junitt")[:2] == ("configuration", "--reporter")


def test_mocha_cli_error_behind_bash_c_is_mocha():
    text = ('✖ ERROR: TypeError: Could not load reporter "specc":\n Error: Cannot find module \'/p/specc\'\n'
            "Require stack:\n- /p/node_modules/mocha/lib/cli/run-helpers.cjs\n  code: 'ERR_MOCHA_INVALID_REPORTER',\n")
    assert first_reading(text, "bash -c 'npx mocha --reporter specc'")[0] == "configuration"


# round 26: a throw matcher's failure is placed at the matcher's call; mocha's `.only` refusal
# thrown at load time is the option


def test_jest_rejects_to_throw_is_placed_at_the_matcher_call():
    text = ("FAIL src/api.test.js\n  ● api › rejects\n\n    expect(received).rejects.toThrow(expected)\n\n"
            '    Expected substring: "404"\n    Received message:   "boom"\n\n'
            "          at load (src/api.js:7:11)\n          at Object.<anonymous> (node_modules/expect/build/index.js:100:9)\n"
            "          at Object.toThrow (src/api.test.js:12:30)\n\n"
            "Test Suites: 1 failed, 1 total\n")
    assert first_reading(text, "npx jest") == ("test", "api › rejects", ("src/api.test.js", 12))


def test_mocha_forbid_only_at_load_is_the_option():
    text = ("\n Exception during run: Error: `.only` forbidden by --forbid-only\n"
            "    at createForbiddenExclusivityError (file:///p/node_modules/mocha/lib/errors.js:279:13)\n"
            "    at Suite.<anonymous> (/p/test/a.spec.js:9:6)\n")
    assert first_reading(text, "npx mocha --forbid-only") == ("configuration", "--forbid-only", ("/p/test/a.spec.js", 9))


# round 28: vitest (vite 8's SSR transform) failing to parse a source module the test imports,
# and vite 5's form of the same error; mocha's mark on an ES-module spec's SyntaxError
_VITEST_SSR_PARSE = """\
 FAIL  src/a.test.js [ src/a.test.js ]
RolldownError: Parse failure: Parse failed with 1 error:
Unexpected token
1: export const f = (x) => {
2:   return x +;
               ^
3: };
At file: /src/a.js:2:12
  File: /src/a.js:2:12
  1  |  export const f = (x) => {
  2  |    return x +;
     |              ^
 ❯ ssrTransformScript ../js-tools/node_modules/vite/dist/node/chunks/node.js:16480:9
"""

_VITEST5_SSR_PARSE = """\
 FAIL  src/a.test.js [ src/a.test.js ]
Error: Parse failure: Expression expected
At file: /@fs/work/shared/lib/a.js
Contents of line 2:   return x +;
 ❯ ssrTransformScript node_modules/vite/dist/node/chunks/dep-BK3b2jBa.js:52435:13
"""

_MOCHA_ESM_SYNTAX = """\

 Exception during run: SyntaxError[ @/p/test/a.spec.mjs ]: missing ) after argument list
    at compileSourceTextModule (node:internal/modules/esm/utils:346:16)
    at ModuleLoader.moduleStrategy (node:internal/modules/esm/translators:146:18)
"""


def test_vitest_ssr_parse_failure_is_the_modules_syntax():
    assert first_reading(_VITEST_SSR_PARSE, "npx vitest run") == ("syntax", None, ("src/a.js", 2))
    assert first_reading(_VITEST5_SSR_PARSE, "npx vitest run") == (
        "syntax", None, ("/work/shared/lib/a.js", 2))


def test_mocha_esm_syntax_error_names_the_spec():
    assert first_reading(_MOCHA_ESM_SYNTAX, "npx mocha test/a.spec.mjs") == (
        "syntax", None, ("/p/test/a.spec.mjs", None))


# round 30: node --test's JUnit report nests a <testsuite> per describe: the full title
_NODE_TEST_JUNIT = """\
<?xml version="1.0" encoding="utf-8"?>
<testsuites>
\t<testcase name="top level" time="0.1" classname="test"/>
\t<testsuite name="tags" time="0.01" tests="2" failures="1">
\t\t<testsuite name="trim" time="0.001" tests="1" failures="0">
\t\t\t<testcase name="trims" time="0.001" classname="test"/>
\t\t</testsuite>
\t\t<testsuite name="norm" time="0.008" tests="1" failures="1">
\t\t\t<testcase name="dedupes &amp; sorts" time="0.007" classname="test" failure="boom">
\t\t\t\t<failure type="testCodeFailure" message="Expected values to be strictly deep-equal:">
Error [ERR_TEST_FAILURE]: Expected values to be strictly deep-equal:
      at TestContext.&lt;anonymous> (/p/test/tags.test.js:8:14)
\t\t\t\t</failure>
\t\t\t</testcase>
\t\t</testsuite>
\t</testsuite>
\t<testcase name="alone" time="0.1" classname="test" failure="x">
\t\t<failure type="testCodeFailure" message="x">
      at TestContext.&lt;anonymous> (/p/test/b.test.js:3:1)
\t\t</failure>
\t</testcase>
</testsuites>
"""


def test_node_test_junit_titles_are_the_enclosing_suites():
    events = [e for e in detect(_NODE_TEST_JUNIT, "node --test --test-reporter=junit", 1)
              if e.category.value == "test" and e.subject]
    assert [e.subject for e in events][:2] == ["tags norm dedupes & sorts", "alone"]


# round 30: vitest's TAP reporters and its GitHub Actions annotations
_VITEST_TAP = """\
TAP version 13
1..1
not ok 1 - src/lib/geo.test.js # time=29.04ms {
    1..1
    not ok 1 - geo # time=28.07ms {
        1..1
        not ok 1 - d # time=27.85ms {
            1..2
            not ok 1 - legs # time=14.08ms
                ---
                error:
                    name: "TypeError"
                    message: "Cannot read properties of undefined (reading 'lon')"
                at: "/p/src/lib/geo.js:1:37"
                ...
        }
    }
}
"""


def test_vitest_tap_reporters():
    assert first_reading(_VITEST_TAP, "npx vitest run --reporter=tap") == (
        "test", "geo > d > legs", ("/p/src/lib/geo.js", 1))
    flat = ("TAP version 13\n1..1\nnot ok 1 - src/h.test.js > waits # time=213.83ms\n    ---\n    error:\n"
            '        name: "Error"\n        message: "Test timed out in 200ms.\nIf this is a long-running test.\n'
            '    at: "/p/src/h.test.js:3:1"\n    ...\n')
    assert first_reading(flat, "npx vitest run --reporter=tap-flat") == ("test", "waits", ("/p/src/h.test.js", 3))


def test_vitest_github_actions_annotation():
    text = ("\n::error file=/p/src/h.test.js,title=src/h.test.js > api > retries%2C then fails,line=7,column=13"
            "::AssertionError: expected 1 to be 2 // Object.is equality%0A%0A- Expected%0A\n")
    assert first_reading(text, "npx vitest run --reporter=github-actions") == (
        "test", "api > retries, then fails", ("/p/src/h.test.js", 7))


# round 30: jest's JSON config that does not parse; a test path given that is not there
_JEST_JSON_CONFIG = """\
JSONError: Expected double-quoted property name in JSON at position 31 while parsing '{  "testEnvironment": "node",}' in /p/jest.config.json 

  1 | {
  2 |   "testEnvironment": "node",
> 3 | }
    | ^
  4 |

    at parseJson (/p/node_modules/parse-json/index.js:29:21)
"""

_JEST_MISSING_PATH = """\
FAIL src/nope.test.js
  ● Test suite failed to run

    ENOENT: no such file or directory, open '/p/src/nope.test.js'

      at runTestInternal (node_modules/jest-runner/build/index.js:129:27)

Test Suites: 1 failed, 1 total
"""


def test_jest_json_config_that_does_not_parse_is_syntax():
    assert first_reading(_JEST_JSON_CONFIG, "npx jest") == ("syntax", None, ("/p/jest.config.json", 3))


def test_jest_test_path_that_is_not_there_is_configuration():
    assert first_reading(_JEST_MISSING_PATH, "npx jest --runTestsByPath src/nope.test.js") == (
        "configuration", "src/nope.test.js", None)


# A `--json` report read by its own shape: without the command that asked for it (a log pasted
# in), and after another runner's passing run (`npm run lint:test && npx vitest --reporter=json`)
_JSON_FIXTURES = sorted(p for p in (Path(__file__).resolve().parents[2] / "fixtures" / "detect"
                                    / "jstest").glob("*json*.json")
                        if not json.loads(p.read_text())["noise"])
_MOCHA_PASSING = """\

  slug
    ✔ lowercases


  1 passing (3ms)
"""


@pytest.mark.parametrize("meta_path", _JSON_FIXTURES, ids=lambda p: p.stem)
def test_a_json_report_is_read_without_its_command(meta_path: Path) -> None:
    meta = json.loads(meta_path.read_text())
    output = meta_path.with_suffix(".out").read_text()
    want = meta["expect"]
    for text in (output, _MOCHA_PASSING + output):
        event = detect(text, None, meta["exit_code"])[0]
        assert (event.category.value, event.subject, event.tool) == (
            want["category"], want["subject"], meta["tool"])
