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
