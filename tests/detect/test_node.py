"""Forms no fixture records (outputs recorded by hand, node 20 / vite 5.4): node's `--import` / `-r` preloads."""

from tests.detect.conftest import first_reading

_IMPORT_PRELOAD = """\
node:internal/modules/esm/resolve:283
    throw new ERR_MODULE_NOT_FOUND(
          ^

Error [ERR_MODULE_NOT_FOUND]: Cannot find module '/p/missing.mjs' imported from /p/
    at finalizeResolution (node:internal/modules/esm/resolve:283:11)
    at ModuleLoader.import (node:internal/modules/esm/loader:605:34)
    at asyncRunEntryPointWithESMLoader (node:internal/modules/run_main:112:36) {
  code: 'ERR_MODULE_NOT_FOUND',
  url: 'file:///p/missing.mjs'
}

Node.js v20.20.2
"""

_PRELOAD_PACKAGE = """\
node:internal/modules/cjs/loader:1210
  throw err;
  ^

Error: Cannot find module 'dotenv/config'
Require stack:
- internal/preload
    at Module._resolveFilename (node:internal/modules/cjs/loader:1207:15)
    at Module._preloadModules (node:internal/modules/cjs/loader:1785:5) {
  code: 'MODULE_NOT_FOUND',
  requireStack: [ 'internal/preload' ]
}

Node.js v20.20.2
"""


def test_node_import_preload_of_a_missing_file_is_configuration():
    assert first_reading(_IMPORT_PRELOAD, "node --import ./missing.mjs app.js")[:2] == (
        "configuration", "/p/missing.mjs")


def test_node_preload_of_a_missing_package_is_a_dependency():
    assert first_reading(_PRELOAD_PACKAGE, "node -r dotenv/config app.js")[:2] == ("dependency", "dotenv/config")


# round 19: a unix socket nobody listens on (refused, or not there at all), and a syntax error
# in an installed package's file (an npx bin), forms the h19_ fixtures do not all record
_SOCKET_REFUSED = """\
node:events:502
      throw er; // Unhandled 'error' event
      ^

Error: connect ECONNREFUSED /run/app/db.sock
    at PipeConnectWrap.afterConnect [as oncomplete] (node:net:1611:16)
Emitted 'error' event on Socket instance at:
    at emitErrorNT (node:internal/streams/destroy:169:8) {
  errno: -111,
  code: 'ECONNREFUSED',
  syscall: 'connect',
  address: '/run/app/db.sock'
}

Node.js v20.20.2
"""


def test_node_refused_unix_socket_is_network_named_by_its_path():
    assert first_reading(_SOCKET_REFUSED, "node client.js")[:2] == ("network", "/run/app/db.sock")


def test_node_missing_unix_socket_is_network():
    text = _SOCKET_REFUSED.replace("ECONNREFUSED", "ENOENT").replace("-111", "-2")
    assert first_reading(text, "node client.js")[:2] == ("network", "/run/app/db.sock")


_INSTALLED_SYNTAX = """\
/work/app/node_modules/.pnpm/gen@1.0.0/node_modules/gen/bin/gen.js:7
  return {a: 1,,};
               ^

SyntaxError: Unexpected token ','
    at wrapSafe (node:internal/modules/cjs/loader:1464:18)
    at Module._compile (node:internal/modules/cjs/loader:1495:20)
    at node:internal/main/run_main_module:28:49

Node.js v20.20.2
"""


def test_node_syntax_error_in_an_installed_file_is_placed_there():
    assert first_reading(_INSTALLED_SYNTAX, "npx gen") == (
        "syntax", None, ("/work/app/node_modules/.pnpm/gen@1.0.0/node_modules/gen/bin/gen.js", 7))


def _parse_args_error(code: str, message: str) -> str:
    """node 20's crash print of an error `util.parseArgs` throws from a script's call."""
    return f"""\
node:internal/util/parse_args/parse_args:98
      throw new {code}(
      ^

TypeError [{code}]: {message}
    at checkOptionUsage (node:internal/util/parse_args/parse_args:98:13)
    at parseArgs (node:internal/util/parse_args/parse_args:378:3)
    at Object.<anonymous> (/work/app/cli.js:3:20)
    at Module._compile (node:internal/modules/cjs/loader:1521:14) {{
  code: '{code}'
}}

Node.js v20.20.2
"""


def test_node_parse_args_refusing_the_command_line_is_configuration():
    # the program refusing how it was called, as argparse does: the option (or argument) typed
    unknown = _parse_args_error("ERR_PARSE_ARGS_UNKNOWN_OPTION", "Unknown option '-x'. To specify a "
                                "positional argument starting with a '-', place it at the end of the "
                                "command after '--', as in '-- \"-x\"")
    assert first_reading(unknown, "node cli.js -x") == ("configuration", "-x", ("/work/app/cli.js", 3))
    positional = _parse_args_error("ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL", "Unexpected argument 'out.csv'. "
                                   "This command does not take positional arguments")
    assert first_reading(positional, "node cli.js out.csv")[:2] == ("configuration", "out.csv")
    missing = _parse_args_error("ERR_PARSE_ARGS_INVALID_OPTION_VALUE", "Option '-p, --port <value>' argument missing")
    assert first_reading(missing, "node cli.js -p")[:2] == ("configuration", "-p")
    assert first_reading(missing, "node cli.js --port")[:2] == ("configuration", "--port")
    assert first_reading(missing, "yarn start")[:2] == ("configuration", "--port")  # not shown: the long form
    boolean = _parse_args_error("ERR_PARSE_ARGS_INVALID_OPTION_VALUE", "Option '--dry-run' does not take an argument")
    assert first_reading(boolean, "pnpm run sync -- --dry-run=yes")[:2] == ("configuration", "--dry-run")


# round 30: a thrown plain object has neither a type nor the hint a thrown string gets
def test_thrown_plain_object_is_runtime_with_no_subject():
    text = "/p/app.js:2\nthrow { code: 42, reason: 'x' };\n^\n{ code: 42, reason: 'x' }\n\nNode.js v20.20.2\n"
    assert first_reading(text, "node app.js") == ("runtime", None, ("/p/app.js", 2))


_REQUIRE_OWN_ESM = """\
/p/cli.js:1
const util = require('./util.mjs');
             ^

Error [ERR_REQUIRE_ESM]: require() of ES Module /p/util.mjs from /p/cli.js not supported.
Instead change the require of /p/util.mjs in /p/cli.js to a dynamic import() which is available in all CommonJS modules.
    at Object.<anonymous> (/p/cli.js:1:14) {
  code: 'ERR_REQUIRE_ESM'
}

Node.js v20.20.2
"""


def test_node_require_of_the_users_own_es_module_is_configuration():
    # an installed ES-module-only package is the dependency to change (h34_node_require_esm);
    # the user's own ES module required from CommonJS is the setup's ("type", extension)
    assert first_reading(_REQUIRE_OWN_ESM, "node cli.js")[:2] == ("configuration", None)
