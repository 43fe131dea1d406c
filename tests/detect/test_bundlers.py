"""Forms no fixture records (outputs recorded by hand, node 20 / vite 5.4): vite 5's plugin hint and cac usage errors."""

from tests.detect.conftest import first_reading

_VITE5_VUE = """\
vite v5.4.21 building for production...
x Build failed in 141ms
error during build:
[vite:build-import-analysis] [plugin vite:build-import-analysis] src/App.vue (2:22): Failed to parse \
source for import analysis because the content contains invalid JS syntax. Install @vitejs/plugin-vue \
to handle .vue files.
file: /p/src/App.vue:2:22
"""

_VITE5_CAC = """\
file:///p/node_modules/vite/dist/node/cli.js:445
          throw new CACError(`Unknown option \\`${name}\\``);
                ^

CACError: Unknown option `--outDirr`
    at Command.checkUnknownOptions (file:///p/node_modules/vite/dist/node/cli.js:445:17)

Node.js v20.20.2
"""


def test_vite5_names_the_plugin_to_install():
    assert first_reading(_VITE5_VUE, "npx vite build") == (
        "configuration", "@vitejs/plugin-vue", ("src/App.vue", 2))


def test_vite5_unknown_cli_option():
    assert first_reading(_VITE5_CAC, "npx vite build --outDirr x")[:2] == ("configuration", "--outDirr")
