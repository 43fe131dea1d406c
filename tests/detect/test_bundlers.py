"""Forms no fixture records (outputs recorded by hand, node 20 / vite 5.4): vite 5's plugin hint and cac usage errors."""

from lsp_heal.detect import detect
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


# round 19: esbuild's command-line errors name the option or the file given
def test_esbuild_feature_needing_a_format_names_the_feature():
    text = '✘ [ERROR] Splitting currently only works with the "esm" format\n\n1 error\n'
    assert first_reading(text, "npx esbuild src/a.js --bundle --splitting --outdir=dist")[:2] == (
        "configuration", "splitting")


def test_esbuild_tsconfig_not_found_names_the_file():
    text = '✘ [ERROR] Cannot find tsconfig file "config/tsconfig.web.json"\n\n1 error\n'
    assert first_reading(text, "npx esbuild a.js --tsconfig=config/tsconfig.web.json")[:2] == (
        "configuration", "config/tsconfig.web.json")


_WEBPACK_CONFIG_TYPE_ERROR = """\
[webpack-cli] Failed to load '/work/app/webpack.config.js' config
[webpack-cli] TypeError: Cannot read properties of undefined (reading 'replace')
    at Object.<anonymous> (/work/app/webpack.config.js:4:40)
    at Module._compile (node:internal/modules/cjs/loader:1521:14)
"""


def test_webpack_config_that_throws_a_type_error_is_runtime_at_the_config():
    assert first_reading(_WEBPACK_CONFIG_TYPE_ERROR, "npx webpack") == (
        "runtime", "TypeError", ("/work/app/webpack.config.js", 4))


def test_webpack_unsupported_kind_is_the_value():
    # round 23: EnableChunkLoadingPlugin, as EnableLibraryPlugin, refuses a kind it has no plugin for
    text = ("[webpack-cli] Error: Unsupported chunk loading type jsonp2.\n"
            "Plugins which provide custom chunk loading types must call EnableChunkLoadingPlugin.setEnabled(compiler, type) to disable this error.\n"
            "    at EnableChunkLoadingPlugin.apply (/app/node_modules/webpack/lib/javascript/EnableChunkLoadingPlugin.js:90:11)\n")
    assert first_reading(text, "npx webpack")[:2] == ("configuration", "jsonp2")


def test_esbuild_error_with_a_warning_id_is_that_id():
    text = ('✘ [ERROR] Comparison with -0 using the "===" operator will also match 0 [equals-negative-zero]\n\n'
            "    src/a.js:2:8:\n      2 │ if (x === -0) {}\n        ╵         ~~\n\n1 error\n")
    assert first_reading(text, "npx esbuild src/a.js --log-override:equals-negative-zero=error") == \
        ("build", "equals-negative-zero", ("src/a.js", 2))


_ES_BAD_LOADER = """\
✘ [ERROR] Invalid loader value: "bogus"

  Valid values are "base64", "binary", "js", or "tsx".

1 error
"""


def test_esbuild_refused_value_names_the_option_the_command_shows():
    # the option the value was given to, as typed (quoted too), else the value as printed
    assert first_reading(_ES_BAD_LOADER, "npx esbuild a.js --bundle '--loader:.js=bogus'")[:2] == (
        "configuration", "--loader")
    assert first_reading(_ES_BAD_LOADER, "npm run build")[:2] == ("configuration", "bogus")


# round 25: a class's shape is an early error of the grammar; a plugin's virtual module


def test_esbuild_getter_with_argument_is_syntax():
    text = ('✘ [ERROR] Getter "theme" must have no arguments\n\n    src/app.js:3:6:\n'
            "      3 │   get theme(x) {\n        ╵       ~~~~~\n\n1 error\n")
    assert first_reading(text, "npx esbuild src/app.js --bundle") == ("syntax", None, ("src/app.js", 3))


def test_virtual_module_without_plugin_is_configuration():
    text = ('✘ [ERROR] Could not resolve "virtual:pwa-register"\n\n    src/main.js:1:27:\n'
            "      1 │ import { registerSW } from 'virtual:pwa-register';\n\n1 error\n")
    assert first_reading(text, "npx esbuild src/main.js --bundle")[:2] == ("configuration", "virtual:pwa-register")


# round 26: any other error esbuild places in a source file is its parser's; target and
# output-format limits stay build


def test_esbuild_parser_errors_in_a_file_are_syntax():
    for msg in ('Duplicate label "outer"', '"x" cannot be bound multiple times in the same parameter list',
                'Cannot use "new.target" here:', 'Unexpected newline before "=>"',
                '"yield" is a reserved word and cannot be used here'):
        text = f"✘ [ERROR] {msg}\n\n    src/app.js:4:2:\n      4 │   x\n        ╵   ~\n\n1 error\n"
        assert first_reading(text, "npx esbuild src/app.js --bundle") == ("syntax", None, ("src/app.js", 4)), msg


def test_esbuild_target_and_format_limits_stay_build():
    for msg in ('Big integer literals are not available in the configured target environment ("es2019")',
                'Top-level await is currently not supported with the "cjs" output format',
                'Legacy octal literals cannot be used in an ECMAScript module'):
        text = f"✘ [ERROR] {msg}\n\n    src/app.js:2:1:\n      2 │ x\n        ╵ ~\n\n1 error\n"
        assert first_reading(text, "npx esbuild src/app.js --bundle")[0] == "build", msg


# round 28: vite's dev server (as its preview server, recorded) on a port another process holds
_VITE_DEV_PORT = """\
error when starting dev server:
Error: Port 4411 is already in use
    at httpServerStart (file:///p/node_modules/vite/dist/node/chunks/node.js:14673:10)
    at async startServer (file:///p/node_modules/vite/dist/node/chunks/node.js:25081:30)
"""


def test_vite_dev_server_port_in_use_is_network():
    assert first_reading(_VITE_DEV_PORT, "npx vite --strictPort")[:2] == ("network", "4411")


# round 28: a stylesheet that does not parse, met by vite 8's CSS minifier (the file is not named)
_VITE_CSS_MINIFY = """\
error during build:
Build failed with 1 error:

[plugin vite:css-post]
SyntaxError: [lightningcss minify] Unexpected end of input
3  |    margin: 0
4  |  }}
    at Module.<anonymous> (/p/node_modules/lightningcss/node/index.js:56:14)
    at minifyCSS (file:///p/node_modules/vite/dist/node/chunks/node.js:30822:59)
"""


def test_vite_plugin_syntax_error_is_the_inputs_syntax():
    assert first_reading(_VITE_CSS_MINIFY, "npx vite build")[:2] == ("syntax", None)


# round 29: vite 5 minifies CSS by piping it to esbuild: a warning's `<stdin>` is vite's, no file
_VITE5_CSS_MINIFY = """\
vite v5.4.21 building for production...
transforming...
warnings when minifying css:
▲ [WARNING] Expected "}" to go with "{" [css-syntax-error]

    <stdin>:12:0:
      12 │ 
         │ ^
         ╵ }

✓ built in 164ms
"""


def test_vite_css_minify_warning_names_no_stdin_file():
    assert first_reading(_VITE5_CSS_MINIFY, "npx vite build", 0) == ("build", "css-syntax-error", None)


# round 30: `webpack --fail-on-warnings`: a run that failed on warnings alone reads them as errors
_WP_WARNINGS = """\
asset main.js 148 bytes [emitted] [minimized] (name: main)
./src/index.js + 1 modules 61 bytes [built] [code generated]

WARNING in ./src/index.js 2:12-13
export 'b' (imported as 'b') was not found in './a' (possible exports: a)

webpack 5.113.0 compiled with 1 warning in 870 ms
"""


def test_webpack_fail_on_warnings_reads_the_warning_as_the_error():
    assert first_reading(_WP_WARNINGS, "npx webpack --fail-on-warnings", 1) == (
        "build", "b", ("./src/index.js", 2))
    events = detect(_WP_WARNINGS.encode(), "npx webpack", 0)
    assert all(e.severity.value == "low" for e in events)


# round 30: vite 8's own transform plugin in place of Rolldown's code, over the same box
def test_vite8_plugin_label_over_a_rolldown_box():
    text = ("error during build:\nBuild failed with 1 error:\n\n[builtin:vite-transform] Unexpected token\n"
            "   ╭─[ src/App.jsx:2:19 ]\n   │\n 2 │   return <div>{1 +}</div>;\n   │                   ┬  \n───╯\n")
    assert first_reading(text, "npx vite build") == ("syntax", None, ("src/App.jsx", 2))
