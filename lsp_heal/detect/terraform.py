"""Terraform (and OpenTofu, Terragrunt) diagnostics.

Terraform prints each problem as a block: `Error: <summary>` or `Warning: <summary>`, then
`  on <file> line <n>, in <block>:`, a source snippet and a detail paragraph. With colour
(the default, even into a pipe) each block line is framed by `│ ` between `╷` and `╵`.

Readings: HCL parse errors are `syntax` at the file and line; a required variable with no
value is `configuration` (subject the variable); a provider registry that cannot be reached
is `network` (the host); everything else (a missing provider or module, an unknown argument,
a bad reference, a provider's refusal) is `deployment`, subject the resource address
(`aws_instance.web`, `module.net`, `output.r`) or the provider it names. A `-var-file` that
is not there is `configuration` (the file). `fmt -check` prints no diagnostic, only the files
that need formatting (exit 3): each is `deployment`, subject the file.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator

from lsp_heal.detect import _goflag
from lsp_heal.detect._regex import lazy_re
from lsp_heal.detect._runs import last_run_end
from lsp_heal.detect._wrapped import tool_run
from lsp_heal.detect.output import Output
from lsp_heal.model import Category, ErrorEvent, Location, Rank, Severity

_TOOLS = {"terraform", "tofu", "terragrunt"}
_ECHOED = tuple(f"\n{tool} " for tool in ("terraform", "tofu", "terragrunt"))
_HEAD = lazy_re(r"^(?:│ )?(?P<level>Error|Warning): (?P<summary>.+?)\s*$")
# how a head line starts (the start of _HEAD): most lines with `Error: ` are other tools'
# (`TypeError: `, `npm ERR! Error: `), and a `startswith` turns them away before the regex
_HEAD_STARTS = ("Error: ", "Warning: ", "│ Error: ", "│ Warning: ")
_HEAD_NEEDLES = tuple("\n" + start for start in _HEAD_STARTS)
_ON = lazy_re(r"^(?:│ )?\s+on (?P<path>.+?) line (?P<line>\d+)(?:, in (?P<block>.+?))?:$")
_SNIPPET = lazy_re(r'^\s*\d+: (?P<block>\w+ "[^"]+"(?: "[^"]+")?)')
_BLOCK = lazy_re(r'^(?P<kind>\w+)(?: "(?P<a>[^"]+)")?(?: "(?P<b>[^"]+)")?$')
_VARIABLE = lazy_re(r'(?:variable "|variable named ")(?P<name>[\w-]+)"')
# a value given for a variable, named by its reference (`The given value is not suitable for
# var.replicas declared at variables.tf:6,1-20`, `Unsuitable value for var.x set using -var`)
_VAR_REF = lazy_re(r"\b(?:for|of) var\.(?P<name>[\w-]+)")
# a declaration made twice (`Duplicate variable declaration`: `A variable named "x" was already
# declared at ...`; `Duplicate output definition`, `Duplicate module call`): its address
_DUPLICATE = lazy_re(r'\bAn? (?P<kind>variable|output|module call|module|provider configuration for) '
                     r'(?:named |called )?"(?P<name>[^"]+)"')
_DUPLICATE_ROOT = {"variable": "var.", "output": "output.", "module call": "module.", "module": "module.",
                   "provider configuration for": "provider."}
# the CLI configuration (.terraformrc, TF_CLI_CONFIG_FILE) that does not parse, told before
# any command runs: `Error: Error parsing .terraformrc: At 10:2: object expected closing RBRACE`
_CLI_CONFIG = lazy_re(r"^Error parsing (?P<path>[^\s:]*[./][^\s:]*): (?:At (?P<line>\d+):(?P<col>\d+): )?")
# a host that cannot be reached, in the words of Go's net and net/http (a registry, a module's
# git host, a provider's API) or of git / curl (a module source): the host, with its port
# where a refused or timed-out dial prints one
_REGISTRY = lazy_re(
    r"could not connect to (?P<a>[\w.-]+(?::\d+)?)"
    r"|lookup (?P<b>[\w-]+(?:\.[\w-]+)+)(?: on [\w.:\[\]]+)?: (?:no such host|[Tt]emporary failure"
    r"|server misbehaving|i/o timeout)"
    # through a proxy that cannot be reached (`Get "https://registry.terraform.io/...": proxyconnect
    # tcp: dial tcp 127.0.0.1:9: ...`): the host the request was for, named before the proxy's
    r'|Get "https?://(?P<g>[\w.-]+(?::\d+)?)[^"\s]*": proxyconnect '
    r"|dial tcp (?P<c>[\w.\-\[\]:]+:\d+): (?:connect: |i/o timeout)"
    r"|Could not resolve host: (?P<d>[\w.-]+)"
    r"|Failed to connect to (?P<e>[\w.-]+ port \d+)"
    r'|Get "https?://(?P<f>[\w.-]+)[^"\s]*": (?:context deadline exceeded|net/http: )'
)


# the words one of _REGISTRY's branches starts with: a text without any cannot match it, and
# `in` rules that out for a fraction of the regex's search (tried at every `c`, `l`, `d`, ...)
_REGISTRY_WORDS = ("could not connect to ", "lookup ", "dial tcp ", "Could not resolve host: ",
                   "Failed to connect to ", 'Get "http')


def _unreachable(text: str) -> bool:
    """Whether `text` may say that a host could not be reached: a cheap test before _REGISTRY
    (`dial tcp`, `could not / Failed to connect to`, `Could not resolve host`, timeouts),
    and one of the words a _REGISTRY branch starts with."""
    return ("dial tcp" in text or "onnect" in text or "resolve host" in text
            or "exceeded" in text) and any(word in text for word in _REGISTRY_WORDS)


_PROVIDER = lazy_re(r"(?P<addr>(?:[\w.-]+/)?[\w-]+/[\w-]+)(?::| \d| isn't|,)")

# HCL's own parse errors (hclsyntax, hcljson): the file is not valid HCL.
_SYNTAX = (
    "Argument or block definition required", "Invalid expression", "Invalid character",
    # hclsyntax's scanner: a backslash in a quoted string that starts no escape (`"C:\\shop"`)
    "Invalid escape sequence",
    "Invalid multi-line string", "Unclosed configuration block",
    # hclsyntax's unclosed constructs: a template string, an object or tuple constructor
    # (`{a=1` in a file or a `-var` value), an index
    "Unterminated ",
    "Missing newline after argument", "Missing key/value separator", "Missing item separator",
    "Missing attribute separator", "Missing expression", "Extra characters after",
    "Invalid block definition", "Invalid argument name", "Invalid single-argument block",
    "Unexpected end of", "Unclosed template", "Invalid heredoc", "Unsupported operator",
    "Missing name for", "Invalid JSON", "Syntax error", "Attribute redefined",
    "Argument definition required",
    # hcl's dynblock: a `dynamic` block is only a generator; without its `content` block it
    # has no form to generate
    "Missing dynamic content block",
    # a `check` block is only a frame for its `assert` blocks (configs/checks.go): without one
    # the block has no content the language accepts
    "Zero assert blocks",
    # a type constraint (`type = strng`) is parsed as a type expression (hcl's typeexpr)
    "Invalid type specification",
    # an expression where the language allows only a constant (a variable's default, a
    # backend's arguments): hcl's static evaluation, told while the file is decoded
    "Variables not allowed", "Function calls not allowed",
    # hcljson (`*.tf.json`, `*.tfvars.json`): its parser's summaries
    "Unclosed object", "Unclosed array", "Mismatched brace", "Mismatched bracket",
    "Trailing comma in ", "Missing attribute seperator comma", "Missing attribute value colon",
    "Missing object value", "Missing array element value", "Invalid start of value",
    "Invalid object attribute name", "Invalid array value", "Extraneous data after value",
)
# summaries that are syntax errors only as a whole (a prefix would take in other diagnostics)
_SYNTAX_EXACT = frozenset({"Missing value", "Missing attribute value"})
_NOT_INSTALLED = (
    "Missing required provider", "Required plugins are not installed", "Module not installed",
    "Inconsistent dependency lock file", "Failed to install provider",
    "Failed to query available provider packages", "Provider registry.", "registry.",
)
_TYPE_CHECK = ("Inconsistent conditional result types", "Invalid operand")
_ADD_ARGUMENT = lazy_re(r"adding the following argument:\s+(?P<name>[a-z_][\w-]*) =")
# `terraform workspace delete|select|new`: a bare sentence about the workspace, no `Error:` head
_WORKSPACE = lazy_re(r'^Workspace "(?P<name>[^"]+)" (?:is your active workspace|doesn\'t exist|already exists)')
# `terraform workspace new` of a name it does not allow (a path separator, not URL safe)
_WORKSPACE_NAME = lazy_re(r'^The workspace name "(?P<name>[^"]+)" is not allowed')
_VAR_FILE = lazy_re(r"Given variables file (?P<path>\S+?) does not exist")
# a command-line option whose value the CLI cannot use (`Invalid -var option`, `Invalid
# -backend-config value`): the option
_BAD_OPTION = lazy_re(r"^Invalid (?P<flag>-[a-z][\w-]*) (?:option|value|argument)")
# the blocks with no label that name an address in an argument (import's `to`, moved's `from` and
# `to`, removed's `from`): their snippet line gives it
_ADDR_BLOCKS = frozenset({"import", "moved", "removed"})
_ADDR_ARG = lazy_re(r'^\s*\d+:\s+(?:to|from)\s*=\s*(?P<addr>[\w.\[\]"-]+)')
# `in locals:` then `2:   payload = base64decode(...)`: the local the snippet line defines
_LOCAL_ARG = lazy_re(r'^\s*\d+:\s+(?P<name>[A-Za-z_][\w-]*)\s*=(?!=)')
# a diagnostic about a command-line option by its form (`Unsupported graph type`: `The -type=...
# argument must be either "plan", ...`): the option
# (also `The string "linux" given in the -platform option is not a valid target platform`)
_CLI_ARG = lazy_re(r"\b[Tt]he (?P<flag>-[a-z][\w-]*)(?:=\.\.\.)? (?:argument|option|flag)\b")
# a command's argument it refuses, told with no file (`terraform login app..example.com`: `Invalid
# hostname`, `The given hostname "app..example.com" is not valid: ...`): the value as printed
_GIVEN_VALUE = lazy_re(r'\bThe given [a-z][\w -]*? "(?P<value>[^"]+)" is not (?:valid|allowed)\b')


def _var_file(text: str) -> re.Match | None:
    """_VAR_FILE's match in `text`: `in` finds its literal start several times faster than the
    regex's own search, and most texts (other tools' errors) do not have it."""
    return _VAR_FILE.search(text) if "Given variables file " in text else None


# a plan file named on the command line (`apply prod.tfplan`) that cannot be loaded, and a Go
# os.PathError as a whole summary (`Error: stat prod.tfplan: no such file or directory`)
_PLAN_FILE = lazy_re(r'^Failed to load "(?P<path>[^"]+)" as a plan file')
# Go's os.PathError for a file the command writes: `The plan file could not be written: open
# plans/web.tfplan: no such file or directory.`
_WRITE_PATH = lazy_re(r"\b(?:open|mkdir|stat|create|rename \S+) (?P<path>[^\s:]+): "
                      r"(?P<why>no such file or directory|not a directory|[Pp]ermission denied)")
_PATH_ERROR = lazy_re(r"^(?:stat|open|lstat) (?P<path>\S+): no such file or directory$")
# a module the configuration calls whose source cannot be read: `... for module "net" at main.tf:1`
_MODULE_AT = lazy_re(r'for module "(?P<name>[\w-]+)" at (?P<path>[^\s:]+):(?P<line>\d+)')
# the state commands (`state show/list/rm/mv`) print their failures as bare sentences, no
# `Error:` head (terraform's command/state_*.go): no state at all, an address with no instance
_STATE = ("No state file was found!", "No instance found for the given address!")
# a `-state=path` the command gives (the state commands read that file instead of the default)
_STATE_FLAG = lazy_re(r"\s-state[= ](?P<path>[^\s=]+)")
# a command-line option as terraform's own messages name it (`-destroy`, `-refresh-only`)
_CLI_OPTION = lazy_re(r"(?<![\w.-])-[a-z][a-z-]*[a-z](?![\w.-])")
_STATE_ADDR = lazy_re(r"\sstate\s+(?:show|rm|mv|list|replace-provider)\s+(?:-\S+\s+)*(?P<addr>[\w.\[\]\\\"-]+)")
# a file named on the command line that cannot be read (`-backend-config=prod.hcl`)
_READ_FILE = lazy_re(r'The file "(?P<path>[^"]+)" could not be read')
# a provider's full address (`registry.terraform.io/hashicorp/null`), preferred to `hashicorp/null`
_FQ_PROVIDER = lazy_re(r"(?<![\w./-])(?P<addr>[\w-]+(?:\.[\w-]+)+/[\w-]+/[\w-]+)(?![\w/-])")
# `fmt -check` lists each file that is not formatted, one path a line (with -diff, the diff
# follows), and exits 3
_FMT_FILE = lazy_re(r"^(?P<path>[^\s+@-][^\s]*\.(?:tf|tfvars|tftest\.hcl|tf\.json))$")
_FMT_CHECK = lazy_re(r"\sfmt\s(?:.*\s)?-check\b")
_ON_FILE = (".tf line ", ".tfvars line ", ".tf.json line ", ".hcl line ")
# a `run` block of a `.tftest.hcl` file (`terraform test`): its failures are the test's
_RUN_BLOCK = lazy_re(r'^run "(?P<name>[^"]+)"$')
_RUN_SETTING = lazy_re(r'^Invalid "(?P<arg>[\w-]+)" (?:keyword|argument|value)')
_NOT_EXPECTED = lazy_re(r'An argument named "(?P<arg>[\w-]+)" is not expected here')
_GENERATE_OUT = lazy_re(r"(?:^|\s)-generate-config-out=['\"]?(?P<path>[^\s'\"]+)")
_NOT_GIVEN = lazy_re(r"^(?:No|Missing) [\w -]{1,60} (?:specified|given|provided)\.?$")
# the state file does not parse (statefile.Read): `The state file could not be parsed as JSON`,
# under whichever summary the command gives (`Error acquiring the state lock`, `Failed to load
# state`)
_STATE_JSON = "state file could not be parsed as JSON"
_STATE_FAILED = ("\nFailed to unlock state: ", "\nFailed to load state: ",
                 # force-unlock of a local state (command/unlock.go)
                 "\nLocal state cannot be unlocked")
# the CLI's own dispatcher: `Terraform has no command named "plna". Did you mean "plan"?`
_NO_COMMAND = lazy_re(r'^(?:Terraform|OpenTofu) has no command named "(?P<name>[^"]+)"')
# an address given on the command line (`-target=`, `-replace=`) that does not parse
_BAD_ADDR = lazy_re(r'^Invalid (?:(?P<target>target)|(?P<replace>force-replace address|replace address)'
                    r'|resource address) "(?P<addr>[^"]+)"')
# `terraform import` into an address the configuration does not declare (import.go's
# `Error: resource address "x" does not exist in the configuration.`, `Import to non-existent
# module`: `module.x is not defined in the configuration`): the address, to declare first
_NOT_IN_CONFIG = lazy_re(r'(?:^resource address "(?P<a>[^"]+)" does not exist'
                         r'|(?<!\S)(?P<b>module\.[\w.\[\]"-]+) is not defined) in the configuration')
# a command's bare complaint about its arguments (`The import command expects two arguments.`),
# which the command's help follows: `Usage: terraform [global options] import ...`
_USAGE = lazy_re(r"^Usage: (?:terraform|tofu) (?:\[global options\] )?(?P<command>[a-z][\w-]*(?: [a-z][\w-]*)*)")
# hcl's static decoding of terraform's own settings (gohcl: `lifecycle`'s create_before_destroy,
# a variable's or output's `sensitive`, `nullable`): `Unsuitable value type`, at the snippet line
# `5:     create_before_destroy = "yes"`: the setting
_ARG_LINE = lazy_re(r'^\s*(?P<n>\d+):\s+(?P<name>[A-Za-z_][\w-]*)\s*=(?!=)')
# `terraform output x` of an output the state does not have
_NO_OUTPUT = lazy_re(r'^Output "(?P<name>[^"]+)" not found')
# a decoding function whose text does not parse: the text is the configuration's own when it
# is read with file() / templatefile() or written in place (a string literal)
_DECODE_FAILED = lazy_re(r'Call to function "(?:json|yaml|csv|base64)decode" failed: ')
_DECODE_OWN = lazy_re(r'\b(?:json|yaml|csv)decode\((?:\s*"|\s*(?:file|templatefile)\()')
# a file function (file(), templatefile(), filebase64()) given a path that is not there
_NO_FILE_AT = lazy_re(r'no file exists at "(?P<path>[^"]+)"')
_SOURCE_PATH = lazy_re(r"source path error: (?:stat|lstat|open) (?P<path>\S+): no such file or directory")
_FROM_MODULE = lazy_re(r"\s-from-module[= ](?P<src>[^\s=]+)")
# `terraform fmt <path>` of a path that is not there (its own words, the whole summary)
_FMT_NO_PATH = lazy_re(r"^No file or directory at (?P<path>\S+)$")
# the lock another run holds (`Error acquiring the state lock`, then `Lock Info:` with its
# `ID:`, `Path:`, `Who:`): the state it locks
_LOCK_PATH = lazy_re(r"\bPath:\s+(?P<path>\S+)")
# the shell's own error in a `local-exec` provisioner's output (`/bin/sh: 1: ./x.sh: Permission
# denied`, `bash: line 1: x: command not found`): the cause the provisioner error reports
_SHELL_SAYS = lazy_re(r"(?:^|\s)(?:/bin/)?(?:sh|bash|dash|zsh)(?:: line \d+|: \d+)?: (?P<path>[^\s:]+): "
                      r"(?P<why>Permission denied|not found|command not found|No such file or directory)\b")
# init's preamble before the configuration's own errors: a recap, the errors follow
_INIT_RECAP = "Terraform encountered problems during initiali"
_BLOCK_ROOT = {"resource": "", "data": "data.", "module": "module.", "output": "output.",
               "variable": "var.", "provider": "provider.", "locals": "local"}


def _address(block: str | None) -> str | None:
    """`resource "aws_instance" "web"` → `aws_instance.web`; `output "r"` → `output.r`."""
    if not block:
        return None
    m = _BLOCK.match(block)
    if not m or m["kind"] not in _BLOCK_ROOT:
        return None
    parts = [p for p in (m["a"], m["b"]) if p]
    return _BLOCK_ROOT[m["kind"]] + ".".join(parts) if parts else m["kind"]


def _ends(out: Output, heads: list[int]) -> list[int]:
    """Where each diagnostic that starts at one of `heads` (sorted) ends at the latest: its
    frame's `╵` or the next head (the frame ends are looked up once, not once a head)."""
    closes = list(out.find("╵"))
    ends = []
    for k, i in enumerate(heads):
        end = heads[k + 1] if k + 1 < len(heads) else len(out.lines)
        close = bisect_right(closes, i)
        ends.append(min(end, closes[close]) if close < len(closes) else end)
    return ends


def _body(out: Output, i: int, end: int) -> tuple[list[str], str]:
    """The lines of the diagnostic that starts at `i`, up to `end` (see _ends) or 40 lines,
    without their frame, and as one text."""
    body = out.lines[i + 1:min(end, i + 40, len(out.lines))]
    if body and body[0].startswith("│"):  # a framed diagnostic: the frame comes off first
        body = [line.removeprefix("│ ") for line in body]
    return body, " ".join(body)


def _read(out: Output, i: int, level: str, summary: str, end: int) -> ErrorEvent:
    body, text = _body(out, i, end)
    on = None
    if " line " in text:  # most heads are other tools' `Error: ...`, with no `on x line n:`
        on = next((m for line in body if " line " in line and (m := _ON.match(line))), None)
    # `on <value for var.tags> line 1:` (a -var / -var-file value, an input prompt): no file
    location = Location(on["path"], int(on["line"])) if on and on["path"][0] != "<" else None
    block = on and on["block"]
    if on and not block:  # `on main.tf line 1:` then the snippet `1: module "net" {`
        block = next((m["block"] for line in body if (m := _SNIPPET.match(line))), None)
    event = _reading(out, i, level, summary, text, block, location)
    if summary == "Unsuitable value type" and on:
        # a setting terraform decodes for itself had a value of the wrong type: the setting, by
        # the snippet line the diagnostic points at
        name = next((m["name"] for line in body if (m := _ARG_LINE.match(line)) and m["n"] == on["line"]), None)
        if name:
            event = ErrorEvent(Category.CONFIGURATION, event.severity, event.tool, event.message,
                               subject=name, location=event.location, rank=Rank.ROOT,
                               line_index=event.line_index)
    if block == "locals" and event.subject == "locals":
        # the local whose value failed, by the snippet line that defines it
        if name := next((m["name"] for line in body if (m := _LOCAL_ARG.match(line))), None):
            event = ErrorEvent(event.category, event.severity, event.tool, event.message,
                               subject=f"local.{name}", location=event.location, rank=event.rank,
                               line_index=event.line_index)
    if block in _ADDR_BLOCKS and event.subject is None and event.category is Category.DEPLOYMENT:
        # `in import:` then `2:   to = aws_instance.web`: the address the block is about
        if addr := next((m["addr"] for line in body if (m := _ADDR_ARG.match(line))), None):
            event = ErrorEvent(event.category, event.severity, event.tool, event.message,
                               subject=addr, location=event.location, rank=event.rank,
                               line_index=event.line_index)
    return event


def _reading(out: Output, i: int, level: str, summary: str, text: str, block: str | None,
             location: Location | None) -> ErrorEvent:
    category, rank, subject = Category.DEPLOYMENT, Rank.ERROR, _address(block)
    run = _RUN_BLOCK.match(block) if block and block.startswith("run ") else None
    # a file terraform reads for itself (the dependency lock file) says HCL's summary after its
    # own `failed to read <what>: `
    inner = summary.split(": ", 1)[-1] if summary[:15].lower() == "failed to read " else ""
    if summary.startswith(_SYNTAX) or summary in _SYNTAX_EXACT or inner.startswith(_SYNTAX):
        category, rank, subject = Category.SYNTAX, Rank.ROOT, None
    elif summary.startswith(_TYPE_CHECK):
        # hcl's type check of an expression: the configuration does not type-check
        category, rank, subject = Category.BUILD, Rank.ERROR, None
    elif "the following argument" in text and (arg := _ADD_ARGUMENT.search(text)):
        # a diagnostic that names the argument to add (`annotate the output value as sensitive
        # by adding the following argument: sensitive = true`)
        category, rank, subject = Category.CONFIGURATION, Rank.ROOT, arg["name"]
    elif run and (read := _RUN_SETTING.match(summary) or (
            summary.startswith("Unsupported argument") and _NOT_EXPECTED.search(text))):
        # a test file's own setting its run block gives wrong (`Invalid "command" keyword`: not
        # plan or apply; an argument a run block does not take): the setting, not a failing test
        category, rank, subject = Category.CONFIGURATION, Rank.ROOT, read["arg"]
    elif run and level == "Error":
        # in a test file's run block: an assertion, an expected failure that did not come, a
        # reference the run cannot make; the run is what reruns it
        category, subject = Category.TEST, run["name"]
    elif "state" in summary and (_STATE_JSON in text or _STATE_JSON in summary):
        category, rank, subject = Category.SYNTAX, Rank.ROOT, None
    elif read := _BAD_OPTION.match(summary):
        category, rank, subject = Category.CONFIGURATION, Rank.ROOT, read["flag"]
    elif read := _BAD_ADDR.match(summary):
        # an address given to an option that does not parse: the option as the command typed it
        # (`-target=x[`, `-replace=web`), else the address as printed
        option = "-target" if read["target"] else "-replace" if read["replace"] else None
        given = option and re.search(rf"(?:^|\s)-?{option}(?:=|\s)", out.command or "")
        category, rank, subject = Category.CONFIGURATION, Rank.ROOT, \
            given[0].strip().rstrip("=").rstrip() if given else read["addr"]
    elif " in the configuration" in f"{summary} {text}" and (read := _NOT_IN_CONFIG.search(f"{summary} {text}")):
        category, rank, subject = Category.CONFIGURATION, Rank.ROOT, read["a"] or read["b"]
    elif read := _NO_OUTPUT.match(summary):
        subject = f"output.{read['name']}"
    elif "decode" in text and _DECODE_FAILED.search(text) and _DECODE_OWN.search(text):
        # the configuration's own JSON / YAML (a file it reads, a literal) does not parse
        category, rank, subject = Category.SYNTAX, Rank.ROOT, None
    elif summary.startswith("Failed to read variables file") or _var_file(text):
        var_file = _var_file(text)
        category, rank = Category.CONFIGURATION, Rank.ROOT
        subject = var_file["path"] if var_file else None
    elif "no file exists at " in text and (read := _NO_FILE_AT.search(text)):
        category, rank, subject = Category.CONFIGURATION, Rank.ROOT, read["path"]
    elif summary.startswith("Failed to parse command-line flags"):
        # Go's flag package's sentence in the body (_goflag)
        category, rank = Category.CONFIGURATION, Rank.ROOT
        subject = _goflag.named_flag(text, anywhere=True)
    elif summary.startswith("Failed to download module") and (src := _SOURCE_PATH.search(text)):
        # a local module source (or `init -from-module=`) that is not there: go-getter's `source
        # path error: stat /abs/x: no such file or directory`; the source as the command gave it
        given = _FROM_MODULE.search(out.command or "")
        category, rank, subject = Category.CONFIGURATION, Rank.ROOT, given["src"] if given else src["path"]
    elif summary == "No configuration files":
        # plan / apply / console in a folder with no .tf files: the working directory is wrong
        category, rank = Category.CONFIGURATION, Rank.ROOT
    elif summary.startswith(_INIT_RECAP):
        rank = Rank.SUMMARY
    elif (summary.startswith("Invalid") and "version constraint" in summary) or (
            block == "terraform" and summary.startswith(("Invalid", "Unsupported argument", "Unsupported block type",
                                                         "Missing required argument"))):
        # a version constraint string (required_providers' `version`, required_version) that
        # does not parse, or any other value of the `terraform` settings block it rejects (a
        # provider `source` string, a backend's type): how terraform itself is set up is wrong. An
        # argument hcl says the block does not take (a backend's `paths`, a slip of `path`) is the
        # setting to change, as hcl quotes it
        category, rank = Category.CONFIGURATION, Rank.ROOT
        if summary.startswith("Unsupported argument") and (read := _NOT_EXPECTED.search(text)):
            subject = read["arg"]
    elif block == "terraform" and level == "Error" and location is not None and location.line \
            and not summary.startswith("Unsupported Terraform Core version"):
        # any other setting of the `terraform` block that terraform refuses (a second backend
        # block, an experiment this release does not offer): how terraform itself is set up; the
        # setting is the word the line it points at starts with (`backend "local" {`, `experiments = [x]`)
        category, rank = Category.CONFIGURATION, Rank.ROOT
        if setting := re.search(rf"(?:^|\s){location.line}:\s+([a-z_][\w-]*)", text):
            subject = setting[1]
    elif summary.startswith("Target generated file"):
        # `plan -generate-config-out=x` where x is there already (terraform writes a new file
        # only): the file the command names
        category, rank = Category.CONFIGURATION, Rank.ROOT
        if given := _GENERATE_OUT.search(out.command or ""):
            subject = given["path"]
    elif (summary.startswith("Incompatible ") or "mutually" in text or " conflicts with " in summary
          or (summary.startswith("Invalid ") and summary.endswith(" options"))) \
            and location is None and (opts := _CLI_OPTION.findall(text) or _CLI_OPTION.findall(summary)):
        # command-line options that cannot go together, whatever the summary (`Incompatible plan
        # mode options`: `The -destroy and -refresh-only options are mutually-exclusive`, init's
        # `Invalid init options`, output's `Invalid output format`: `The -raw and -json options are
        # mutually-exclusive`): the last one named. Only a diagnostic with no source location is
        # about the command line (`count` and `for_each` are mutually-exclusive in a file). init's
        # `The -upgrade flag conflicts with -lockfile=readonly.` is its own summary
        category, rank, subject = Category.CONFIGURATION, Rank.ROOT, opts[-1]
    elif summary.startswith("Failed to read file") and (read := _READ_FILE.search(text)):
        category, rank, subject = Category.CONFIGURATION, Rank.ROOT, read["path"]
    elif summary.startswith(("Failed to read the given file", "Failed to load state")) \
            and (read := _WRITE_PATH.search(text)):
        # a state (or plan) file the command was given that is not there or may not be read
        # (`show prod.tfstate`: `State read error: ... open prod.tfstate: no such file or directory`)
        category, rank, subject = (Category.PERMISSION if read["why"][0] in "Pp" else Category.CONFIGURATION,
                                   Rank.ROOT, read["path"])
    elif location is None and _NOT_GIVEN.match(summary):
        # an argument the command needs and was not given (`providers mirror`: `No output
        # directory specified`): the invocation
        category, rank = Category.CONFIGURATION, Rank.ROOT
    elif summary.startswith("Failed to write") and (read := _WRITE_PATH.search(text)):
        # a file the command writes (`plan -out=plans/web.tfplan`, a state `-state-out`) where
        # its folder is not there (the path the user gave) or may not be written
        category, rank, subject = (Category.PERMISSION if read["why"][0] in "Pp" else Category.CONFIGURATION,
                                   Rank.ROOT, read["path"])
    elif read := _PLAN_FILE.match(summary) or _PATH_ERROR.match(summary):
        category, rank, subject = Category.CONFIGURATION, Rank.ROOT, read["path"]
    elif read := _FMT_NO_PATH.match(summary):
        category, rank, subject = Category.CONFIGURATION, Rank.ROOT, read["path"]
    elif summary.startswith("Error acquiring the state lock"):
        # another run holds the lock: the state it locks; or the lock could not even be tried,
        # the state file not there to open or not the user's to write (`Error message: open
        # terraform.tfstate: permission denied`): that file
        rank = Rank.ROOT
        if read := _WRITE_PATH.search(text):
            category, subject = (Category.PERMISSION if read["why"][0] in "Pp" else Category.CONFIGURATION,
                                 read["path"])
        elif read := _LOCK_PATH.search(text):
            subject = read["path"]
    elif summary.startswith("local-exec provisioner error") and (read := _SHELL_SAYS.search(text)):
        # the command the provisioner ran: not executable, or not there (a path the
        # configuration names, or a program that is not installed)
        rank, subject = Rank.ROOT, read["path"]
        category = Category.PERMISSION if read["why"] == "Permission denied" else \
            Category.CONFIGURATION if "/" in read["path"] else Category.DEPENDENCY
    elif summary.startswith("Unreadable module directory"):
        # `Unable to evaluate directory symlink` (no module named), then the same summary
        # `for module "net" at main.tf:1`: the module the configuration calls
        rank = Rank.ROOT
        if module := _MODULE_AT.search(text) or _next_module(out, i):
            subject = f"module.{module['name']}"
            location = location or Location(module["path"], int(module["line"]))
    elif summary.startswith("Duplicate "):
        # a block declared twice: the second declaration, by its address
        if not subject and (dup := _DUPLICATE.search(text)):
            subject = _DUPLICATE_ROOT[dup["kind"]] + dup["name"]
    elif read := _CLI_CONFIG.match(summary):
        category, rank, subject = Category.SYNTAX, Rank.ROOT, None
        if read["line"]:
            location = Location(read["path"], int(read["line"]), int(read["col"]))
    elif "variable" in summary and not summary.startswith("Reference to ") \
            and (var := _VARIABLE.search(text) or _VAR_REF.search(text)):
        # a variable's value (not set, of the wrong type, for one not declared); a *reference*
        # to an undeclared one is the expression's error (its hint `variable "x" {}` no value)
        category, rank, subject = Category.CONFIGURATION, Rank.ROOT, var["name"]
    elif _unreachable(text) and (host := _REGISTRY.search(text)):
        where = next(v for v in host.groups() if v)
        category, rank, subject = Category.NETWORK, Rank.ROOT, where.replace(" port ", ":")
    elif summary.startswith("Unsupported Terraform Core version"):
        # required_version excludes the terraform that runs: the tool's version is wrong
        category, rank, subject = Category.CONFIGURATION, Rank.ROOT, "terraform"
    elif summary.startswith(_NOT_INSTALLED):
        rank = Rank.ROOT
        if not subject and (provider := _FQ_PROVIDER.search(f"{summary} {text}")
                            or _PROVIDER.search(f"{summary} {text}")):
            subject = provider["addr"]
    elif summary.startswith(("Unsupported ", "Invalid ")) and " -" in text and (opt := _CLI_ARG.search(text)):
        category, rank, subject = Category.CONFIGURATION, Rank.ROOT, opt["flag"]
    elif summary.startswith("Invalid ") and location is None and (given := _GIVEN_VALUE.search(text)):
        category, rank, subject = Category.CONFIGURATION, Rank.ROOT, given["value"]
    severity = Severity.HIGH if level == "Error" else Severity.LOW
    return ErrorEvent(category, severity, out.tool or "terraform",
                      f"{level}: {summary}", subject=subject, location=location, rank=rank,
                      line_index=i)


def _next_module(out: Output, i: int):
    """The `for module "x" at file:line` of the next lines (the same failure, told twice)."""
    for j in range(i + 1, min(i + 30, len(out.lines))):
        if "for module " in out.lines[j] and (m := _MODULE_AT.search(out.lines[j])):
            return m
    return None


def _state(out: Output) -> Iterator[ErrorEvent]:
    """The bare sentences of the state commands: the state or the instance that is not there."""
    for needle in _STATE:
        for i in out.find(needle):
            if out.lines[i].strip() != needle:
                continue
            addr = _STATE_ADDR.search(f" {out.command or ''}")
            subject = addr["addr"] if addr and needle.startswith("No instance") else None
            category = Category.DEPLOYMENT
            if needle.startswith("No state") and (given := _STATE_FLAG.search(f" {out.command or ''}")):
                # the command named the state file (`-state=prod.tfstate`) and it is not there: the
                # path the user gave is wrong, not the deployment
                category, subject = Category.CONFIGURATION, given["path"]
            yield ErrorEvent(category, Severity.HIGH, out.tool or "terraform",
                             needle, subject=subject, rank=Rank.ROOT, line_index=i)


# `-json`: `validate -json` prints one indented document whose diagnostics hold the same
# fields; `plan/apply -json` stream one object a line, `"type":"diagnostic"`.
_JSON_FIELD = lazy_re(r'^\s*"(?P<key>severity|summary|detail|filename|line|context|code)": '
                         r'(?P<value>"(?:[^"\\]|\\.)*"|\d+),?$')


def _json_diagnostics(out: Output) -> Iterator[ErrorEvent]:
    for i in out.find('"severity": "'):
        fields: dict = {}
        for j in range(i, min(i + 60, len(out.lines))):
            m = _JSON_FIELD.match(out.lines[j])
            if not m:
                continue
            if m["key"] == "severity" and j > i:
                break  # the next diagnostic
            fields.setdefault(m["key"], json.loads(m["value"]))
        yield _from_json(out, i, fields.get("severity", ""), fields, fields.get("context"), fields.get("code"))
    for i in out.find('"type":"diagnostic"'):
        try:
            record = json.loads(out.lines[i])
        except ValueError:
            continue
        diag = record.get("diagnostic") or {}
        fields = {**diag, **(diag.get("range") or {})}
        fields["line"] = ((diag.get("range") or {}).get("start") or {}).get("line")
        snippet = diag.get("snippet") or {}
        yield _from_json(out, i, diag.get("severity", ""), fields, snippet.get("context"), snippet.get("code"))


def _from_json(out: Output, i: int, severity: str, fields: dict,
               context: str | None, code: str | None = None) -> ErrorEvent:
    """A JSON diagnostic read as the framed one: its text ends with the snippet's source line
    (the human form prints it as `1: variable "env" {`), and a diagnostic with no `in <block>`
    context is about the block that line opens, as _read takes it."""
    level = "Error" if severity == "error" else "Warning"
    location = None
    if fields.get("filename"):
        location = Location(fields["filename"], fields.get("line"))
    text = fields.get("detail", "")
    if code and isinstance(code, str):
        snippet = f"{fields.get('line') or 1}: {code.strip()}"
        text = f"{text} {snippet}"
        if not context and (m := _SNIPPET.match(snippet)):
            context = m["block"]
    return _reading(out, i, level, fields.get("summary", ""), text, context, location)



def parse(out: Output) -> Iterable[ErrorEvent]:
    # `terraform workspace new|select|delete` state the workspace in a bare sentence, whoever
    # ran it (`make -s ws` prints no recipe line)
    for i in out.find("\nWorkspace \""):
        if m := _WORKSPACE.match(out.lines[i]):
            yield ErrorEvent(Category.DEPLOYMENT, Severity.HIGH,
                             out.tool if out.tool in _TOOLS else "terraform",
                             out.lines[i].strip(), subject=m["name"], rank=Rank.ERROR, line_index=i)
    for i in out.find("\nThe workspace name \""):
        if m := _WORKSPACE_NAME.match(out.lines[i]):
            yield ErrorEvent(Category.DEPLOYMENT, Severity.HIGH,
                             out.tool if out.tool in _TOOLS else "terraform",
                             out.lines[i].strip(), subject=m["name"], rank=Rank.ROOT, line_index=i)
    framed = out.has("│ Error: ") or out.has("│ Warning: ")
    # run by a shell (`bash -c 'terraform plan | ts'` in a CI step): the command names it; run
    # by another program (`make validate` with -no-color): a diagnostic's `on main.tf line 2`
    # or by make, which echoes the recipe's `terraform output -raw url` line first
    if not framed and tool_run(out, _TOOLS) is None and not any(map(out.has, _ON_FILE)) \
            and not any(map(out.has, _ECHOED)):
        return
    lines = out.lines
    # a head starts its line: the line-start literals leave other tools' `TypeError: ` out; an
    # unframed one printed before a test run's summary is the tests' (a passing run's log line)
    ran = last_run_end(out)
    found = {i: m for needle in _HEAD_NEEDLES for i in out.find(needle)
             if (m := _HEAD.match(lines[i])) and (ran is None or i > ran or lines[i][0] == "│")}
    heads = sorted(found)
    for i, end in zip(heads, _ends(out, heads)):
        yield _read(out, i, found[i]["level"], found[i]["summary"], end)
    yield from _provisioner_output(out)
    for i in out.find(" has no command named \""):  # also in a CI log (`bash -c`)
        if m := _NO_COMMAND.match(lines[i]):
            yield ErrorEvent(Category.CONFIGURATION, Severity.HIGH, out.tool or "terraform",
                             lines[i].strip(), subject=m["name"], rank=Rank.ROOT, line_index=i)
    if out.tool in _TOOLS or tool_run(out, _TOOLS):
        # `force-unlock` and the state commands tell a state they cannot unlock or load in a bare
        # sentence (command/unlock.go: `Failed to unlock state: LocalState not locked`)
        for needle in _STATE_FAILED:
            for i in out.find(needle):
                if i not in found and _STATE_JSON not in lines[i]:
                    yield ErrorEvent(Category.DEPLOYMENT, Severity.HIGH, out.tool if out.tool in _TOOLS else "terraform",
                                     lines[i].strip(), rank=Rank.ERROR, line_index=i)
    if out.tool in _TOOLS:
        # the state commands say it as a bare sentence (`Failed to load state: Unsupported state
        # file format: The state file could not be parsed as JSON: ...`)
        for i in out.find(_STATE_JSON):
            if not lines[i].startswith(("│", " ")) and i not in found:
                yield ErrorEvent(Category.SYNTAX, Severity.HIGH, out.tool, lines[i].strip(),
                                 rank=Rank.ROOT, line_index=i)
    if out.tool in _TOOLS or (out.has('"severity": "') or out.has('"type":"diagnostic"')) and (
            tool_run(out, _TOOLS) or any(" -json" in lines[i] for needle in _ECHOED for i in out.find(needle))):
        # `-json` diagnostics: terraform's own output, a shell's that runs it, or a `terraform
        # validate -json` recipe line make (a script's `set -x`) echoed above them
        yield from _json_diagnostics(out)
    if out.tool in _TOOLS or tool_run(out, _TOOLS):
        yield from _state(out)  # also under `bash -c 'terraform apply && terraform state show x'`
        yield from _unformatted(out)
        if out.failed:
            yield from _usage(out, found)


# a `local-exec` provisioner streams the command's output, each line after the resource's
# address (`terraform_data.x (local-exec): <line>`), first the command it runs (`Executing:
# ["/bin/sh" "-c" "python3 render.py"]`, Go's %q of the argv)
_EXECUTING = lazy_re(r"^(?P<prefix>(?P<address>\S+) \(local-exec\): )Executing: \[(?P<argv>.*)\]\s*$")
_GO_QUOTED = lazy_re(r'"(?:[^"\\]|\\.)*"')


def _provisioner_output(out: Output) -> Iterator[ErrorEvent]:
    """What a `local-exec` command printed, read by the families of the program it ran: a
    Python traceback, node's error, a compiler's message there is the cause the provisioner
    error reports (`Error running command '...': exit status 1`). The prefix is taken off the
    streamed lines and the command is the one terraform says it executes, so the families see
    the program's own output (one line for one line, anchored back on the streamed lines). The
    shell's own `not found` / `Permission denied` is read by `_read` (its path, by the rules of
    the provisioner error)."""
    from lsp_heal.detect import families  # the package's registry: imported when a family runs

    if not out.failed or not out.has("local-exec provisioner error"):
        return  # a command that worked: what it printed is no error of the run
    failed = set()  # the resources whose provisioner failed: the error's `with terraform_data.x,`
    for j in out.find("with "):
        said = out.lines[j].strip(" │\t")
        if said.startswith("with ") and said.endswith(","):
            failed.add(said[len("with ") : -1])
    for i in out.find(" (local-exec): Executing: ["):
        m = _EXECUTING.match(out.lines[i])
        if not m or m["address"] not in failed:
            continue
        argv = []
        for q in _GO_QUOTED.findall(m["argv"]):
            try:
                argv.append(json.loads(q))
            except ValueError:
                argv.append(q[1:-1])
        if not argv:
            continue
        prefix = m["prefix"]
        body = [(j, out.lines[j][len(prefix):]) for j in out.find(" (local-exec): ", i + 1)
                if out.lines[j].startswith(prefix)]
        if not body or any(_SHELL_SAYS.search(t) for _, t in body):
            continue
        sub = Output("\n".join(t for _, t in body), argv[-1], out.exit_code)
        for name, parse_family in families().items():
            if name == "terraform":
                continue
            for event in parse_family(sub):
                if event.severity.rank < Severity.LOW.rank:  # no warning of the program's
                    event.line_index = body[min(event.line_index, len(body) - 1)][0]
                    yield event


def _usage(out: Output, found: dict) -> Iterator[ErrorEvent]:
    """A command that refused its arguments in a bare sentence, then printed its help
    (`Usage: terraform [global options] import [options] ADDR ID`): the sentence is the error.
    Go's flag package's own sentence (`flag provided but not defined: -x`) is the go family's."""
    for needle in ("\nUsage: terraform ", "\nUsage: tofu "):
        for i in out.find(needle):
            # the sentence, above the blank lines (a reset colour) before the help
            k = next((k for k in range(i - 1, max(i - 4, -1), -1) if out.line(k).strip()), i - 1)
            prev = out.line(k).strip()
            if k in found or not prev or prev.startswith(("│", "╵", "Error: ")) \
                    or not _USAGE.match(out.lines[i]):
                continue
            if _goflag.named_flag(prev) is None:
                # the option the sentence asks for or refuses (`The \`terraform providers schema\`
                # command requires the \`-json\` flag.`), when it names one
                opt = _CLI_OPTION.findall(prev) if " -" in prev or "`-" in prev else None
                yield ErrorEvent(Category.CONFIGURATION, Severity.HIGH, out.tool or "terraform", prev,
                                 subject=opt[-1] if opt else None, rank=Rank.ROOT, line_index=k)


def _unformatted(out: Output) -> Iterator[ErrorEvent]:
    """`terraform fmt -check`: every file it lists is one that needs formatting."""
    if out.exit_code == 0 or not _FMT_CHECK.search(f" {out.command or ''} "):
        return
    for i in out.find(".tf"):
        if m := _FMT_FILE.match(out.lines[i]):
            yield ErrorEvent(Category.DEPLOYMENT, Severity.HIGH, out.tool or "terraform",
                             f"{m['path']}: not formatted (terraform fmt -check)",
                             subject=m["path"], location=Location(m["path"]), rank=Rank.ERROR,
                             line_index=i)
