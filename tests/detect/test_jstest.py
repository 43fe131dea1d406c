"""Forms no fixture records (outputs recorded by hand, node 20 / vite 5.4): node:test's spec reporter."""

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
    assert first_reading(_MOCHA_UI, "npx mocha --ui tdd2")[:2] == ("configuration", "tdd2")


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
