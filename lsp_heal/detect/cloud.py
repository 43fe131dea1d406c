"""Cloud CLIs: aws, gcloud and az.

All three are Python programs with argparse front ends, so a bad invocation reads the same
(`aws: error: ...`, `ERROR: (gcloud.x) unrecognized arguments: ...`, `ERROR: unrecognized
arguments: ...`). Past the arguments, aws says `An error occurred (Code) when calling the Op
operation: ...` for the service's refusals, gcloud prefixes everything with `ERROR:
(gcloud.<command>)` and az with `ERROR: `.

Readings: a CLI not yet set up here (no credentials, account, region, project, profile,
configuration) or called with a bad argument is `configuration`, subject the missing thing;
an endpoint that cannot be reached is `network` (`host:port`); what the cloud itself refuses
is `deployment`, subject the object it could not find or found already there (the bucket,
table, function, queue, stack, parameter, as the message, the line or the command names it),
else the service's error code (`AccessDenied`, `ExpiredToken`); throttling and 5xx answers are
`medium`, being retryable.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator
from urllib.parse import urlsplit

from lsp_heal.detect._options import value_of
from lsp_heal.detect._regex import lazy_re
from lsp_heal.detect._wrapped import tool_run
from lsp_heal.detect.output import Output
from lsp_heal.model import Category, ErrorEvent, Location, Rank, Severity

_RETRYABLE = {
    "Throttling", "ThrottlingException", "TooManyRequestsException", "RequestLimitExceeded",
    "SlowDown", "ServiceUnavailable", "ServiceUnavailableException", "InternalError",
    "InternalFailure", "InternalServerError", "RequestTimeout", "RequestTimeoutException",
}

# --- shared: what every one of these CLIs says -------------------------------------------
_POOL = lazy_re(r"HTTPS?ConnectionPool\(host='(?P<host>[^']+)', port=(?P<port>\d+)\)")
_ARGPARSE = lazy_re(
    r"(?:unrecognized arguments|Unknown options): (?P<unknown>[^\s,=]+)"
    r"|the following arguments are required: (?P<required>[^\s,/]+)"
    # argparse's ArgumentError names the argument first: an option, whatever is wrong with it
    r"|argument (?P<argument>-{1,2}[\w-]+(?=[:/])|[^\s:]+(?=: (?:Invalid choice|Must be specified|expected)))"
    r"|Invalid choice: '(?P<choice>[^']+)'"
    r"|'(?P<misspelled>[^']+)' is misspelled or not recognized"
    r"|is not a valid value for '(?P<valuefor>[^']+)'"
    # a command's own check that one of two options is given (awscli emr: `Either --ami-version or
    # --release-label is required.`): the first option named, as for the other tools' either-or
    r"|[Ee]ither (?P<either>--[\w-]+) or --[\w-]+ (?:is|are|must be) (?:required|specified)"
)

# --- aws -------------------------------------------------------------------------------
_AWS_SETUP = lazy_re(
    r"Unable to locate (?P<credentials>credentials)"
    # botocore's credential providers that could not give any: an SSO login not done or expired,
    # a credential_process that failed
    r"|Error (?:loading SSO Token|when retrieving (?P<creds>credentials) from )"
    r"|The SSO session associated with this profile has expired"
    r"|You must specify a (?P<region>region)"
    r"|The config profile \((?P<profile>[^)]+)\) could not be found"
    r"|Provided (?P<region_name>region)_name '[^']*' doesn't match a supported format"
    r"|The source_profile \"(?P<source>[^\"]+)\" referenced in the profile"
    # botocore's assume-role provider: a `credential_source` it does not know (`The credential
    # source "X" referenced in profile "ci" is not valid.`): the key, as the config file spells it
    r"|The credential source \"[^\"]*\" referenced in profile \"[^\"]*\" is (?P<credsrc>not valid)"
    r"|Partial credentials found in [\w-]+, missing: (?P<missing>\w+)"
    r"|Invalid (?P<endpoint>endpoint): "
    r"|^Bad value for (?P<flag>--[\w-]+)"
)
# botocore's setup errors (config / credentials files, profiles, region, endpoint): each names
# what is missing or wrong; these phrases are only botocore's, also when make or a script ran aws
_AWS_SETUP_NEEDLES = ("Unable to locate credentials", "Error loading SSO Token",
                      "Error when retrieving credentials from ", "The SSO session associated", "You must specify a region", "config profile",
                      "Provided region_name ", "The source_profile ", "Partial credentials found",
                      "Invalid endpoint: ", "Bad value for --", "The credential source ")
# the ones read also in the output of another program that ran aws (the commonest failures)
_AWS_OWN_NEEDLES = ("Unable to locate credentials", "config profile", "You must specify a region",
                    "Error loading SSO Token", "The SSO session associated",
                    "Error when retrieving credentials from ", "Partial credentials found",
                    "The source_profile ", "Provided region_name ", "The credential source ",
                    "Invalid endpoint: ")
# the s3 commands' per-file result (awscli/customizations/s3/results.py):
# `<kind> failed: <src> to <dest> <why>`, after a `Completed ...` progress line the terminal
# overwrote (`\r`). A local file the transfer could not write or read is the user's machine's
# problem: the errno tells which; the service's refusals are read as `An error occurred (...)`
_S3_FAILED = lazy_re(
    r"(?:^|remaining)(?P<kind>upload|download|copy|move|delete) failed: (?P<src>\S+)"
    r"(?: to (?P<dst>\S+))? \[Errno (?P<errno>\d+)\] (?P<why>[^:]+)"
)
_S3_PARAM_FAILED = lazy_re(r"(?:^|remaining)(?:upload|download|copy|move|delete) failed: (?P<src>\S+)"
                           r" to \S+ Parameter validation failed:$")
_ERRNO = {13: (Category.PERMISSION, None), 1: (Category.PERMISSION, None),
          2: (Category.CONFIGURATION, None), 20: (Category.CONFIGURATION, None),
          28: (Category.RUNTIME, "ENOSPC"), 30: (Category.PERMISSION, None),
          122: (Category.RUNTIME, "EDQUOT")}


def _s3_transfer(out: Output) -> Iterator[ErrorEvent]:
    """A file `aws s3 cp / sync / mv` could not read or write on this machine."""
    for i in sorted({i for needle in ("failed: s3://", "upload failed: ") for i in out.find(needle)}):
        line = out.lines[i]
        if line.endswith("Parameter validation failed:") and (m := _S3_PARAM_FAILED.search(line)) \
                and (p := _AWS_PARAM.search(out.line(i + 1))):
            # botocore refused the request the transfer built (its reasons on the next line): the
            # option the command gave that value, else, for an empty `Key` (the s3 commands name
            # the object after the source's file name: a folder without --recursive has none),
            # the source
            subject = _param_flag(out, i + 1, p)
            if subject == "Key" and "length" in out.line(i + 1):
                subject = m["src"]
            yield ErrorEvent(Category.CONFIGURATION, Severity.HIGH, "aws", out.line(i + 1).strip(),
                             subject=subject, rank=Rank.ROOT, line_index=i + 1)
            continue
        if "[Errno " not in line or not (m := _S3_FAILED.search(line)):
            continue
        category, subject = _ERRNO.get(int(m["errno"]), (Category.RUNTIME, None))
        if subject is None:  # the local side: where a download writes, what an upload reads
            local = m["dst"] if m["kind"] == "download" else m["src"]
            subject = local if category is not Category.RUNTIME else m["why"].strip()
        yield ErrorEvent(category, Severity.HIGH, "aws", line[m.start("kind"):].strip(),
                         subject=subject, rank=Rank.ROOT, line_index=i)
# a parameter value Python could not convert (aws v1 lets int() / float() speak): the flag whose
# value it is, from the command line
_PY_VALUE = lazy_re(r"^(?:invalid literal for int\(\) with base \d+|could not convert string to "
                    r"float): '(?P<value>[^']*)'$")
_AWS_PARAM_WORD = lazy_re(r"^(?P<word>[a-z][\w-]*) parameter should be ")
_AWS_ENDPOINT = lazy_re(r'Could not connect to the endpoint URL: "(?P<url>[^"]+)"')
_AWS_API = lazy_re(
    r"An error occurred \((?P<code>[\w.]+)\) when calling the (?P<op>\w+) operation"
    r"(?P<retries> \(reached max retries: \d+\))?"
)
_AWS_NAMED = lazy_re(r'(?:Key|Bucket) "(?P<name>[^"]+)"')
# a refusal about one object that is not there or already is (`NoSuchBucket`,
# `ResourceNotFoundException`, `QueueDoesNotExist`, `BucketAlreadyExists`, a stack that `does not
# exist`): the subject is that object, as the message, the line or the command names it
_OBJECT_CODE_ENDS = ("NotFound", "NotFoundException", "DoesNotExist", "AlreadyExists",
                     "AlreadyOwnedByYou")
_AWS_OBJECT = lazy_re(r"Stack with id (?P<stack>\S+) does not exist|:function:(?P<function>[\w-]+)"
                      r"|with name '(?P<name>[^']+)'")
# the options the services take an object's name by (a queue's URL ends with its name)
_OBJECT_OPTIONS = ("--stack-name", "--function-name", "--table-name", "--queue-name", "--queue-url",
                   "--repository-name", "--repository-names", "--bucket", "--name")
_S3_URL = lazy_re(r"(?P<name>s3://\S+)")
_AWS_PARAM = lazy_re(r'(?:Missing required parameter in input|Unknown parameter in input): "(?P<name>[^"]+)"'
                        r"|^Invalid (?:type|length|range|value) for parameter (?P<param>[\w.\[\]-]+)"
                        # botocore's own check of a bucket name (ParamValidationError)
                        r'|^Invalid bucket name "(?P<bucket>[^"]+)"')
_API_HEAD = lazy_re(r"[A-Z][A-Za-z0-9]*")
_CAMEL = lazy_re(r"(?<=[a-z0-9])(?=[A-Z])")
# a parameter value aws could not read: JSON / shorthand that does not parse is `syntax`,
# a `file://` that is not there is `configuration` (the file)
_AWS_PARSING = lazy_re(r"^Error parsing parameter '(?P<param>[^']+)': (?P<why>.+)$")
_AWS_PARAMFILE = lazy_re(r"Unable to load paramfile (?P<url>\w+://[^\s:]+|[^\s:]+):(?: \[Errno \d+\] .*?: '(?P<file>[^']+)')?")
# the aws config / credentials file does not parse (botocore's ConfigParseError, which aws v1
# lets escape as a traceback)
_AWS_CONFIG_FILE = lazy_re(r"(?:^|ConfigParseError: )Unable to parse config file: (?P<path>\S+)$")
_AWS_UNPARSABLE = ("Invalid JSON", "Unable to parse", "Error parsing")
# awscli's shorthand parser (`Key=Value,...` given on the command line: `Expected: '=', received:
# 'EOF' for input:`) reads the parameter's own value, not a file: the option is to change, as
# for kubectl's and gcloud's `key=value` flags

# the `cloudformation deploy / package` customisations (awscli/customizations/cloudformation/
# exceptions.py): a local file the command or the template names that is not there, a
# `Key=Value` argument that is not one; and the stack that failed to deploy
_AWS_CFN = lazy_re(
    r"^(?:Invalid template path (?P<template>\S+)"
    r"|Parameter \S+ of resource \S+ refers to a file or folder that does not exist (?P<local>\S+)"
    r"|\S+ value passed to (?P<flag>--[\w-]+) must be of format )"
)
_AWS_CFN_NEEDLES = ("Invalid template path ", "refers to a file or folder that does not exist",
                    " must be of format ")
_AWS_STACK = lazy_re(r"^(?:No changes to deploy\. Stack (?P<unchanged>\S+) is up to date"
                     r"|aws cloudformation describe-stack-events --stack-name (?P<failed>\S+))")

# --- gcloud and az ---------------------------------------------------------------------
_GCLOUD = lazy_re(r"^ERROR: \((?P<command>gcloud[\w.-]*)\) ?(?P<msg>.*)$")
# a distro-packaged SDK (apt, yum, snap): `ERROR: (gcloud.components.install) ` and, on the next
# lines, `... component manager is disabled for this installation ...` and the package manager's
# command to run instead: the component is missing, to install the distro's way
_COMPONENTS_ARG = lazy_re(r"\bcomponents\s+(?:install|update|reinstall)\s+(?:--?[\w-]+\s+)*(?P<name>[a-z][\w-]*)")
_PKG_INSTALL = lazy_re(r"\b(?:apt-get|apt|yum|dnf|snap) install (?:-y )?(?P<name>[a-z][\w.+-]*)")
_GCLOUD_SETUP = lazy_re(
    r"You do not currently have an active (?P<account>account) selected"
    r"|The required property \[(?P<property>[\w/]+)\] is not currently set"
    r"|Your current active account \[(?P<who>[^\]]+)\] does not have any valid credentials"
    r"|Cannot activate configuration \[(?P<config>[^\]]+)\]"
    r"|Section [\"\[](?P<section>[^\"\]]+)[\"\]] (?:does not exist|has no property [\"\[](?P<prop>[^\"\]]+))"
    r"|^(?P<format>Format) must be one of "
    # a property whose value is not valid (`The project property must be set to a valid project
    # ID, not the project name [My Shop]`, `Invalid value for property [compute/zone]: ...`)
    r"|^The (?P<invalid>[\w/]+) property must be set to a valid "
    # a property set to '' (`--project=`: `The project property is set to the empty string, which
    # is invalid.`)
    r"|^The (?P<empty>[\w/]+) property is set to the empty string"
    # a named configuration that is not there (named_configs: `The configuration [x] does not
    # exist.`, `Cannot delete configuration [x], it does not exist.`)
    r"|^The configuration \[(?P<noconfig>[^\]]+)\] does not exist"
    r"|^Cannot (?:delete|rename|describe) configuration \[(?P<config2>[^\]]+)\], it does not exist"
    # an argument value gcloud does not know (calliope's UnknownArgumentException: `Unknown value
    # for [accounts]: x`): the value as given, an option when it names one
    r"|^Unknown value for \[(?P<unknown_arg>[^\]]+)\]: (?P<unknown_value>\S+)"
    # a resource argument gcloud cannot complete (`The [project] resource is not properly
    # specified.`, `The [service] resource ... Failed to find attribute [region].`): what is missing
    r"|^The \[(?P<resource>[\w-]+)\] resource is not properly specified\."
    r"(?: Failed to find attribute \[(?P<attribute>[\w-]+)\])?"
    # google-auth finds no application-default credentials (also older `Could not automatically
    # determine credentials`)
    r"|Your default (?P<adc>credentials) were not found|Could not automatically determine (?P<adc2>credentials)"
    # (the property as `gcloud config set` takes it, `section/property`, as printed)
    r"|^Invalid value for property \[(?P<valued>[\w/]+)\]"
    # `config configurations delete` of the active configuration (named_configs: `Deleting named
    # configuration failed because configuration [staging] is set as active.`): that configuration
    r"|because configuration \[(?P<active>[^\]]+)\] is set as active"
    # a configuration name gcloud refuses (named_configs: `Invalid name [Shop_Prod] for a
    # configuration.`): the name as given
    r"|^Invalid name \[(?P<config_name>[^\]]+)\] for a configuration"
    # a zonal or regional resource named with no scope (compute flags' UnderSpecifiedResourceError:
    # `Underspecified resource [vm-1]. Specify the [--zone] flag.`, `Specify one of the [--region,
    # --zone] flags.`): the flag to give, the first of a list
    r"|^Underspecified resource \[[^\]]*\]\. Specify (?:one of )?the \[(?P<scope>--[\w-]+)"
)
# a local file or folder gcloud cannot read (files.ReadFileContents' `Unable to read file [x]:
# [Errno 2] ...`, `builds submit`'s `could not find source [x]`, an OSError as printed)
_GCLOUD_LOCAL = lazy_re(r"(?:Unable to read file \[(?P<a>[^\]]+)\]|could not find source \[(?P<b>[^\]]+)\]"
                        r"|\[Errno (?:2|20|21|(?P<denied>13))\] [^:]+: '(?P<c>[^']+)'"
                        # a file an option names (`--flags-file [flags.yaml] not found.`)
                        r"|(?<!\S)--[a-z][\w-]* \[(?P<d>[^\]]+)\] (?:not found|does not exist))")
_AZ_SETUP = lazy_re(
    r"Please run 'az login' to setup (?P<account>account)"
    # `az logout` / `az account clear` with no account logged in (azure.cli.core._profile)
    r"|^ERROR: There are no active (?P<accounts>account)s"
    r"|Subscription '(?P<subscription>[^']+)' not (?:recognized|found)"
    r"|The subscription of '(?P<sub>[^']+)' doesn't exist"
    # `az config get <section.key>` of a key never set (azure-cli's config module)
    r"|^ERROR: Configuration '(?P<key>[\w.-]+)' is not set"
    # a cloud name `az cloud set / show / update / unregister` does not know, or `register` already
    # has (azure.cli.core.cloud's CloudNotRegisteredException / CloudAlreadyRegisteredException)
    r"|^ERROR: The cloud '(?P<cloud>[^']+)' is (?:not|already) registered"
)
# Python's OSError as az prints it: `ERROR: [Errno 2] No such file or directory: 'dist/app.zip'`
_AZ_OS_ERROR = lazy_re(r"^ERROR: \[Errno (?P<errno>\d+)\] (?P<why>[^:]+): '(?P<path>[^']+)'")
# azure-cli's own check of a local file it is given (`extension add --source`: `File x.whl not
# found.`)
_AZ_NO_FILE = lazy_re(r"^ERROR: (?:File|Path|Directory) '?(?P<path>[^\s']+)'? (?:not found|does not exist)")
_ERRNO_CATEGORY = {"2": Category.CONFIGURATION, "20": Category.CONFIGURATION, "21": Category.CONFIGURATION,
                   "13": Category.PERMISSION, "1": Category.PERMISSION}
# the first option an azure-cli `usage error: --name NAME | --ids IDS` names
_AZ_FLAG = lazy_re(r"(?<!\S)--[a-z][\w-]*")
_AZ_WORD = lazy_re(r"([a-z][\w-]*)\b")
# deployment create's --parameters (azure-cli's parameter parsing: `Unable to parse parameter:
# @params.json`)
_AZ_PARAMETER = lazy_re(r"^ERROR: Unable to parse parameter: (?:@(?P<file>\S+)|\S+)")
_AZ_CODE = lazy_re(r"^\((?P<code>\w+)\) (?P<msg>.+)$")
# azure-cli's own checks that ask for an argument (`Please specify both username and password in
# non-interactive mode.`, `--name is required`): the first option named, if one is
_AZ_ASKS = lazy_re(r"^ERROR: (?!\()(?:Please (?:specify|provide) |.{0,200}\b(?:is|are) required\b)")
# an extension the command names that is not installed (`The extension aks-preview is not
# installed.`) or already is: the extension
_AZ_EXTENSION = lazy_re(r"^ERROR: The extension (?P<name>[\w.-]+) (?:is not installed|already exists)")
# gcloud's resource expressions (--filter, --format, --sort-by, --flatten) that do not parse: the
# lexer marks the place with `*HERE*` in the expression it quotes (`More tokens expected [name=(web
# *HERE*].`): the option the command gave that expression
_GCLOUD_EXPR = lazy_re(r"\[(?P<expr>[^\]]*?) ?\*HERE\* ?(?P<rest>[^\]]*)\]")
_GCLOUD_FLAG = lazy_re(r"(?<![^\s'\"])(--[a-z][\w-]*)(?:=|\s+)['\"]?$")
_QUOTED = lazy_re(r"'(?P<name>[^']+)'")
# an API not enabled in the project: Google's `... API has not been used in project N before or
# it is disabled. Enable it by visiting https://.../apis/api/<service>/overview`, gcloud's own
# `API [<service>] not enabled on project [N]`
_API_DISABLED = lazy_re(r"(?:/apis/api/|API \[)(?P<service>[\w-]+(?:\.[\w-]+)*\.googleapis\.com)[/\]]")


def _event(out: Output, i: int, category: Category, subject: str | None,
           rank: Rank = Rank.ROOT, severity: Severity = Severity.HIGH) -> ErrorEvent:
    return ErrorEvent(category, severity, out.tool or "", out.lines[i].strip(),
                      subject=subject, rank=rank, line_index=i)


# `aws s3 cp x s3://...` with a local x that is not there
# awscli's s3 commands check the kind of their paths (subcommands.py): the usage line (`<S3Uri>`,
# `usage: aws s3 cp <LocalPath> <S3Uri> or ...`), then `Error: Invalid argument type`
_S3_COMMAND = lazy_re(r"(?:^|\s)s3\s+(?P<sub>[a-z]+)\s+(?P<rest>.*)$")
# a template awscli parsed with PyYAML (`cloudformation deploy/package --template-file`): the
# marks name no file, `in "<unicode string>", line 12, column 1:`; the last mark is the fault
_PY_YAML_STRING_MARK = lazy_re(r'^\s+in "<unicode string>", line (?P<line>\d+), column (?P<col>\d+):?$')
_TEMPLATE_FILE = lazy_re(r"(?:^|\s)--template-file(?:=|\s+)['\"]?(?P<path>[^\s'\"]+)")
# gcloud storage's URL checks (`Ls only works for cloud URLs. Error for: file://gs//b`)
_GCLOUD_URL = lazy_re(r"Error for: (?P<url>\S+)|(?P<any>\b\w+://\S+)")
_AWS_LOCAL_PATH = lazy_re(r"^The user-provided path (?P<path>.+?) does not exist\.?$")
_GCLOUD_NO_MATCH = "The following URLs matched no objects or files"
# PyYAML's Mark as printed under a MarkedYAMLError (`  in "cloudbuild.yaml", line 4, column 1`):
# gcloud's loaders (`parsing <file>: ...`, `Failed to parse YAML from [<file>]: ...`) put the
# error's text after `ERROR: (gcloud.x)`, its marks on the lines below; the last one is the fault's
_PY_YAML_FILE_MARK = lazy_re(r'^\s+in "(?P<path>[^"<][^"]*)", line (?P<line>\d+), column (?P<col>\d+):?$')


def _is_local(url: str) -> bool:
    """A local path among gcloud storage URLs (not gs://, s3://, https://...)."""
    return bool(url) and "://" not in url and " " not in url


def _first(m: re.Match) -> str | None:
    return next((v for v in m.groupdict().values() if v), None)


def _usage(out: Output, i: int) -> ErrorEvent | None:
    if m := _ARGPARSE.search(out.lines[i]):
        subject = _first(m)
        if m["argument"] in ("command", "operation", "subcommand") and out.lines[i].startswith("aws: error: "):
            # awscli v1's `argument operation: Invalid choice` names the positional (its argparse
            # dest), not the word typed: the service is the command line's first word after
            # `aws`, the operation (a customisation's subcommand: s3, configure) its second
            words = _aws_positionals(_aws_line(out, i))
            n = 0 if subject == "command" else 1  # `subcommand`: a customisation's (s3, configure)
            subject = words[n] if len(words) > n else subject
        return _event(out, i, Category.CONFIGURATION, subject)
    return None


def _network(out: Output, i: int) -> ErrorEvent | None:
    """A requests/urllib3 connection failure: `HTTPSConnectionPool(host='h', port=443)`."""
    m = _POOL.search(out.lines[i])
    if m and ("Max retries exceeded" in out.lines[i] or "Connection" in out.lines[i]):
        return _event(out, i, Category.NETWORK, f"{m['host']}:{m['port']}")
    return None


def _aws_setup(out: Output, needles: tuple[str, ...] = _AWS_SETUP_NEEDLES) -> Iterator[ErrorEvent]:
    for needle in needles:
        for i in out.find(needle):
            if m := _AWS_SETUP.search(out.lines[i]):
                subject = "--endpoint-url" if m["endpoint"] else "credential_source" if m["credsrc"] \
                    else _first(m) or "credentials"
                yield _event(out, i, Category.CONFIGURATION, subject)


def _flag_of(command: str | None, value: str) -> str | None:
    """The `--flag` that `value` was given to on the command line."""
    m = re.search(rf"(?:^|\s)(--[\w-]+)(?:=|\s+)['\"]?{re.escape(value)}['\"]?(?:\s|$)",
                  command or "")
    return m[1] if m else None


def _param_flag(out: Output, i: int, m: re.Match) -> str | None:
    """botocore names a parameter by its API name (`Filters[0].Name`, `MaxResults`); the CLI's
    option is that name in kebab case (`--filters`): the option when the command (or the command
    line make echoed) gives it, else the name as printed."""
    name = m["name"] or m["param"]
    if not name:
        return m["bucket"]
    head = _API_HEAD.match(name)
    flag = "--" + _CAMEL.sub("-", head[0]).lower() if head else None
    if flag:
        lines = [out.command or ""] + [out.line(j) for j in range(i - 1, max(-1, i - 20), -1)]
        if any(re.search(rf"(?:^|\s){flag}(?:[\s=]|$)", line) for line in lines):
            return flag
    return name


def _aws_line(out: Output, i: int) -> str:
    """The aws command line behind line `i`: the command, or the line make (a script's `set -x`)
    echoed above it."""
    if out.tool == "aws" or "aws " in (out.command or ""):
        return out.command or ""
    return next((out.lines[j] for j in range(i - 1, max(-1, i - 30), -1) if "aws " in out.lines[j]), "")


# awscli's global options that take a value (the rest are switches)
_AWS_VALUED = {"--region", "--profile", "--output", "--endpoint-url", "--query", "--color",
               "--ca-bundle", "--cli-read-timeout", "--cli-connect-timeout", "--cli-binary-format"}


def _aws_positionals(line: str) -> list[str]:
    """The words after `aws` on an aws command line that are no option or option value: the
    service, then the operation."""
    words = line.split()
    if "aws" not in words:
        return []
    words = words[words.index("aws") + 1:]
    found, skip = [], False
    for w in words:
        if skip:
            skip = False
        elif w.startswith("-"):
            skip = w in _AWS_VALUED
        else:
            found.append(w.strip("'\""))
            if len(found) == 2:
                break
    return found


def _value_of(out: Output, i: int, flag: str) -> str | None:
    """The value the aws command line behind line `i` gives `flag`."""
    return value_of(_aws_line(out, i), flag)


def _aws_cli_checks(out: Output) -> Iterator[ErrorEvent]:
    """awscli's own checks of what it was given, whoever ran it: the cloudformation
    customisations' local files and `Key=Value` arguments, the s3 commands' path kinds, a
    template that does not parse."""
    for needle in _AWS_CFN_NEEDLES:
        for i in out.find(needle):
            if m := _AWS_CFN.match(out.lines[i]):
                yield _event(out, i, Category.CONFIGURATION, _first(m))
    for i in out.find("\nError: Invalid argument type"):
        usage = out.line(i - 1)
        if "<S3Uri>" not in usage and "<LocalPath>" not in usage:
            continue
        # the path that is not of the kind the command takes: the one positional argument that
        # is not an s3:// URL (with two local paths it could be either)
        cmd = _S3_COMMAND.search(_aws_line(out, i))
        paths = list(itertools.takewhile(lambda a: not a.startswith("-"), cmd["rest"].split())) if cmd else []
        local = [p for p in paths if not p.startswith("s3://")]
        yield _event(out, i, Category.CONFIGURATION, local[0] if len(local) == 1 else None)
    marks = list(out.find('"<unicode string>", line '))
    for k, i in enumerate(marks):
        if k + 1 < len(marks) and marks[k + 1] - i <= 5:
            continue  # the context mark (`while scanning ...`): the next one is the fault's
        m = _PY_YAML_STRING_MARK.match(out.lines[i])
        template = _TEMPLATE_FILE.search(_aws_line(out, i))
        if not m or not template:
            continue
        yield ErrorEvent(Category.SYNTAX, Severity.HIGH, "aws", out.line(i - 1).strip(),
                         location=Location(template["path"], int(m["line"]), int(m["col"])),
                         rank=Rank.ROOT, line_index=i - 1)


def _aws(out: Output) -> Iterator[ErrorEvent]:
    yield from _aws_setup(out)
    yield from _s3_transfer(out)
    for needle in ("invalid literal for int()", "could not convert string to float"):
        for i in out.find(needle):
            if m := _PY_VALUE.match(out.lines[i]):
                yield _event(out, i, Category.CONFIGURATION, _flag_of(out.command, m["value"]))
    for i in out.find(" parameter should be "):
        # a customisation's own check of an option's value (awscli/customizations/ec2/
        # runinstances.py: `count parameter should be of form min[:max]`): the option, as the
        # command gave it, else the word as printed
        if m := _AWS_PARAM_WORD.match(out.lines[i]):
            yield _event(out, i, Category.CONFIGURATION, _flag_named(out.command, m["word"]) or m["word"])
    for i in out.find("Could not connect to the endpoint URL"):
        if m := _AWS_ENDPOINT.search(out.lines[i]):
            yield _event(out, i, Category.NETWORK, urlsplit(m["url"]).netloc or m["url"])
    for i in out.find("An error occurred ("):
        if m := _AWS_API.search(out.lines[i]):
            retry = m["code"] in _RETRYABLE or m["retries"]
            yield _event(out, i, Category.DEPLOYMENT, _refused(out, i, m), Rank.ERROR,
                         Severity.MEDIUM if retry else Severity.HIGH)
    for needle in (" in input: \"", " for parameter ", "\nInvalid bucket name \""):
        for i in out.find(needle):
            if m := _AWS_PARAM.search(out.lines[i]):
                yield _event(out, i, Category.CONFIGURATION, _param_flag(out, i, m))
    yield from _aws_parsing(out)
    yield from _aws_cli_checks(out)
    for needle in ("No changes to deploy. Stack ", "describe-stack-events --stack-name "):
        for i in out.find(needle):
            if m := _AWS_STACK.match(out.lines[i].strip()):
                # `Failed to create/update the stack.` is two lines up: the event states it
                j = i - 2 if m["failed"] and out.line(i - 2).startswith("Failed to ") else i
                yield _event(out, j, Category.DEPLOYMENT, m["unchanged"] or m["failed"], Rank.ERROR)
    for i in out.find("The user-provided path "):
        if m := _AWS_LOCAL_PATH.match(out.lines[i]):
            yield _event(out, i, Category.CONFIGURATION, m["path"], Rank.ROOT)
    yield from _s3_arguments(out)
    for needle in ("aws: error: ", "Unknown options: "):
        for i in out.find(needle):
            if event := _usage(out, i):
                yield event
    for i in out.find("Unable to parse config file: "):
        if m := _AWS_CONFIG_FILE.search(out.lines[i]):
            yield ErrorEvent(Category.SYNTAX, Severity.HIGH, "aws", out.lines[i].strip(),
                             location=Location(m["path"]), rank=Rank.ROOT, line_index=i)


# the s3 commands' own checks of their options (awscli/customizations/s3/subcommands.py), before
# any request: `It --sse-c is specified, --sse-c-key must be specified as well.` (the option
# asked for), `fatal error: grants should be of the form permission=principal` (the option the
# sentence begins with, as the command gave it)
_S3_ALSO = lazy_re(r"(?P<flag>--[a-z][\w-]*) must be specified as well\.?$")
_S3_FATAL = lazy_re(r"^fatal error: (?P<word>[a-z][\w-]*) (?:should|must|can ?not|cannot|is|are) ")


def _s3_arguments(out: Output) -> Iterator[ErrorEvent]:
    for i in out.find(" must be specified as well"):
        if m := _S3_ALSO.search(out.lines[i]):
            yield _event(out, i, Category.CONFIGURATION, m["flag"], Rank.ROOT)
    # the s3 commands' own check of their paths (awscli's s3 subcommands: `Cannot mv a file onto
    # itself: s3://b/k - s3://b/k`): the invocation is wrong, no option to blame
    for i in out.find("\nCannot mv a file onto itself"):
        yield _event(out, i, Category.CONFIGURATION, None, Rank.ROOT)
    for i in out.find("\nfatal error: "):
        if (m := _S3_FATAL.match(out.lines[i])) and (flag := _flag_named(out.command, m["word"])):
            yield _event(out, i, Category.CONFIGURATION, flag, Rank.ROOT)


def _refused(out: Output, i: int, m: re.Match) -> str:
    """What a service's refusal is about: the object it could not find (or found already
    there), else its error code; a bare HTTP status (a HEAD has no body to name a code) names the
    object as the s3 commands do (`Key "x" does not exist`) or the command does."""
    code = m["code"]
    if _names_an_object(code, out.lines[i]):
        return _aws_object(out, i, m) or code
    if code.isdigit():
        named = _AWS_NAMED.search(out.lines[i], m.end()) or _S3_URL.search(out.command or "")
        return named["name"] if named else code
    return code


def _names_an_object(code: str, line: str) -> bool:
    return (code.startswith("NoSuch") or code.endswith(_OBJECT_CODE_ENDS)
            or code == "ValidationError" and line.endswith(" does not exist"))


def _aws_object(out: Output, i: int, m: re.Match) -> str | None:
    """The object an aws refusal is about: named in its message (`Stack with id x`), in an s3
    command's own line (`make_bucket failed: s3://x`), or by the aws command line behind it
    (`s3://bucket/key`, `--table-name x`): a bucket by its name, a queue's URL by its last part."""
    line = out.lines[i]
    if o := _AWS_OBJECT.search(line, m.end()):
        return o["stack"] or o["function"] or o["name"]
    if url := _S3_URL.search(line, 0, m.start()) or _S3_URL.search(_aws_line(out, i)):
        return url["name"][len("s3://"):].split("/", 1)[0] or None
    for option in _OBJECT_OPTIONS:
        if value := _value_of(out, i, option):
            return value.rstrip("/").rsplit("/", 1)[-1] if option == "--queue-url" else value
    return None


def _flag_named(command: str | None, word: str) -> str | None:
    """`--<word>` when the command gave that option."""
    flag = f"--{word}"
    return flag if command and (f" {flag} " in f" {command} " or f" {flag}=" in command) else None


def _aws_parsing(out: Output) -> Iterator[ErrorEvent]:
    """awscli's ParamError: `Error parsing parameter '--x': <why>`, a value it could not read."""
    for i in out.find("Error parsing parameter '"):
        if m := _AWS_PARSING.match(out.lines[i]):
            if f := _AWS_PARAMFILE.search(m["why"]):
                yield _event(out, i, Category.CONFIGURATION, f["file"] or f["url"])
            elif m["why"].startswith(_AWS_UNPARSABLE):
                yield _event(out, i, Category.SYNTAX, None)
            elif m["why"].startswith("Blob values must be a path to a file"):
                # a blob parameter (`--body`, `--payload`) whose file is not there: the path given
                yield _event(out, i, Category.CONFIGURATION, _value_of(out, i, m["param"]) or m["param"])
            else:
                yield _event(out, i, Category.CONFIGURATION, m["param"])


def _aws_own(out: Output) -> Iterator[ErrorEvent]:
    yield from _s3_transfer(out)
    # awscli's own sentences, whoever ran it (make, npm run, a script): a parameter value it
    # could not read, and its argparse errors (`aws: error: the following arguments are required`)
    for event in _aws_parsing(out):
        yield ErrorEvent(event.category, event.severity, "aws", event.message, subject=event.subject,
                         rank=event.rank, line_index=event.line_index)
    for i in out.find("aws: error: "):
        if out.lines[i].startswith("aws: error: ") and (event := _usage(out, i)):
            yield ErrorEvent(event.category, event.severity, "aws", event.message, subject=event.subject,
                             rank=event.rank, line_index=event.line_index)
    for i in out.find("\nParameter validation failed:"):  # botocore's ParamValidationError
        if m := _AWS_PARAM.search(out.line(i + 1)):
            yield ErrorEvent(Category.CONFIGURATION, Severity.HIGH, "aws", out.line(i + 1).strip(),
                             subject=_param_flag(out, i + 1, m), rank=Rank.ROOT, line_index=i + 1)
    for event in (*_aws_cli_checks(out), *_s3_arguments(out)):
        yield ErrorEvent(event.category, event.severity, "aws", event.message, subject=event.subject,
                         location=event.location, rank=event.rank, line_index=event.line_index)
    for event in _aws_setup(out, _AWS_OWN_NEEDLES):
        yield ErrorEvent(event.category, event.severity, "aws", event.message,
                         subject=event.subject, rank=event.rank, line_index=event.line_index)
    for i in out.find("An error occurred ("):
        if m := _AWS_API.search(out.lines[i]):
            retry = m["code"] in _RETRYABLE or m["retries"]
            yield ErrorEvent(Category.DEPLOYMENT, Severity.MEDIUM if retry else Severity.HIGH, "aws",
                             out.lines[i].strip(), subject=_refused(out, i, m), rank=Rank.ERROR,
                             line_index=i)


_GCLOUD_JSON = lazy_re(r"(?:json|JSON) file \[?(?P<path>[^\s\]:]+)\]?: .*?line (?P<line>\d+) column (?P<col>\d+)")


# a log that tags every line of a step's output: a bracketed tag (`[build] `, `[deploy/api] `),
# Cloud Build's `Step #1 - "deploy": `, compose's `api_1  | `
_STEP_TAG = lazy_re(r'^(?:\[[^\]\s]{1,40}\]|Step #\d+(?: - "[^"]{0,60}")?:|[\w.-]{1,40}\s+\|)\s?$')


class _Untagged:
    """The lines of a log whose lines carry one step tag, read without it (kept as they are
    where a line does not carry it); anything else is the output's."""

    def __init__(self, lines, tag: str) -> None:
        self._lines, self._tag = lines, tag

    def _strip(self, line: str) -> str:
        return line[len(self._tag):] if line.startswith(self._tag) else line

    def __len__(self) -> int:
        return len(self._lines)

    def __getitem__(self, k):
        if isinstance(k, slice):
            return [self._strip(line) for line in self._lines[k]]
        return self._strip(self._lines[k])

    def __iter__(self):
        return (self._strip(line) for line in self._lines)


class _TaggedOutput:
    def __init__(self, out: Output, tag: str) -> None:
        self._out, self.lines = out, _Untagged(out.lines, tag)

    def line(self, index: int) -> str:
        return self.lines[index] if 0 <= index < len(self.lines) else ""

    def __getattr__(self, name: str):
        return getattr(self._out, name)


def _gcloud(out: Output) -> Iterator[ErrorEvent]:
    for i in out.find("ERROR: gcloud crashed"):  # an exception gcloud did not expect
        if event := _network(out, i):
            yield event
    tagged: dict[str, _TaggedOutput] = {}
    base = out
    for i in base.find("ERROR: (gcloud"):
        out, line = base, base.lines[i]
        if not line.startswith("ERROR: (gcloud"):
            # gcloud's output in a log that tags each line of the step (`[build] ERROR: (gcloud...`)
            tag = line[:line.find("ERROR: (gcloud")]
            if not _STEP_TAG.match(tag):
                continue
            out = tagged.setdefault(tag, _TaggedOutput(base, tag))
        m = _GCLOUD.match(out.lines[i])
        if not m:
            continue
        msg = m["msg"].strip()
        if event := _gcloud_yaml(out, i):
            yield event
            continue
        if "[" in msg and "*HERE*" not in msg and msg.count("[") > msg.count("]"):
            # a resource expression quoted over several lines (the command's default --format,
            # then the user's): the message runs to the line with the lexer's `*HERE*` mark
            k = next((k for k in range(i + 1, min(len(out.lines), i + 40)) if "*HERE*" in out.lines[k]), None)
            if k is not None:
                msg = " ".join([msg, *(out.lines[j].strip() for j in range(i + 1, k + 1))])
        if not msg:  # the message is on the lines below, up to a blank line
            msg = " ".join(itertools.takewhile(str.strip, out.lines[i + 1:i + 8])).strip()
            if "component manager" in msg and "disabled" in msg:
                named = _COMPONENTS_ARG.search(out.command or "") or next(
                    (p for j in range(i + 1, min(len(out.lines), i + 12))
                     if (p := _PKG_INSTALL.search(out.lines[j]))), None)
                yield _event(out, i, Category.DEPENDENCY, named["name"] if named else None, Rank.ROOT)
                continue
        if msg.endswith("unrecognized arguments:") and out.line(i + 1).startswith("  "):
            # with a suggestion for one of them, gcloud lists the arguments one a line below
            # (`  --regoin (did you mean '--region'?)`, then the value it took for an argument)
            yield _event(out, i, Category.CONFIGURATION, out.line(i + 1).split()[0])
            continue
        if (bad := _GCLOUD_JSON.search(msg)) and bad["path"]:
            # a file gcloud reads as JSON (a key file) that does not parse: Python's json error
            # gives the place (`Could not read json file key.json: Expecting value: line 1 column 1`)
            yield ErrorEvent(Category.SYNTAX, Severity.HIGH, "gcloud", out.lines[i].strip(),
                             location=Location(bad["path"], int(bad["line"]), int(bad["col"])),
                             rank=Rank.ROOT, line_index=i)
        elif setup := _GCLOUD_SETUP.search(msg):
            # a property is named as `gcloud config set` takes it: `section/property`
            subject = "--format" if setup["format"] else \
                f"{setup['section']}/{setup['prop']}" if setup["prop"] else \
                setup["attribute"] or _first(setup)
            if setup["unknown_arg"]:
                arg = setup["unknown_arg"]
                subject = arg if arg.startswith("-") else setup["unknown_value"]
            yield _event(out, i, Category.CONFIGURATION, subject)
        elif local := _GCLOUD_LOCAL.search(msg):  # a local file or folder it cannot read
            category = Category.PERMISSION if local["denied"] else Category.CONFIGURATION
            yield _event(out, i, category, local["a"] or local["b"] or local["c"] or local["d"])
        elif "*HERE*" in msg and (expr := _GCLOUD_EXPR.search(msg)):
            yield _event(out, i, Category.CONFIGURATION, _expression_flag(out, expr["expr"] + expr["rest"]))
        elif msg.startswith(_GCLOUD_NO_MATCH) and _is_local(out.line(i + 1).strip()):
            # `gcloud storage cp` of local files that are not there: the paths follow
            yield _event(out, i, Category.CONFIGURATION, out.line(i + 1).strip(), Rank.ROOT)
        elif event := _network(out, i) or _usage(out, i):
            yield event
        elif m["command"].startswith("gcloud.storage") and "URL" in msg and (url := _GCLOUD_URL.search(msg)):
            # gcloud storage's check of a URL argument (InvalidUrlError): the argument as given
            # (a local path is shown as a file:// URL)
            given = url["url"] or url["any"]
            yield _event(out, i, Category.CONFIGURATION, given.removeprefix("file://"), Rank.ROOT)
        else:
            yield _event(out, i, Category.DEPLOYMENT, _gcloud_subject(out, i, msg),
                         Rank.ERROR)


def _gcloud_yaml(out: Output, i: int) -> ErrorEvent | None:
    """A YAML file gcloud could not parse: PyYAML's marks follow the `ERROR: (gcloud.x)` line
    (context mark, then the problem's); located at the last one, before the next error. Text
    gcloud read first and parsed as a string (`--flags-file`: `Failed to parse YAML: ...`, marks
    `in "<unicode string>", line 3`) is located in the file the command names, when it names one."""
    mark = string_mark = None
    for j in range(i + 1, min(len(out.lines), i + 16)):
        line = out.lines[j]
        if line.startswith("ERROR: "):
            break
        if line.startswith(" ") and (m := _PY_YAML_FILE_MARK.match(line)):
            mark = m
        elif line.startswith(" ") and (m := _PY_YAML_STRING_MARK.match(line)):
            string_mark = m
        elif mark is None and string_mark is None and j == i + 1:
            return None  # PyYAML puts the first mark right under its first sentence
    if mark is not None:
        location = Location(mark["path"], int(mark["line"]), int(mark["col"]))
    elif string_mark is not None and "Failed to parse YAML" in out.lines[i]:
        named = _GCLOUD_FROM.search(out.lines[i])
        path = named["path"] if named else value_of(out.command or "", "--flags-file") or next(
            (f for j in range(i - 1, max(-1, i - 30), -1)  # a gcloud line make or `set -x` echoed
             if "--flags-file" in out.lines[j] and (f := value_of(out.lines[j], "--flags-file"))), None)
        location = Location(path, int(string_mark["line"]), int(string_mark["col"])) if path else None
    else:
        return None
    return ErrorEvent(Category.SYNTAX, Severity.HIGH, out.tool or "gcloud", out.lines[i].strip(),
                      location=location, rank=Rank.ROOT, line_index=i)


# `Failed to parse YAML from [app.yaml]: ...`
_GCLOUD_FROM = lazy_re(r"Failed to parse YAML from \[(?P<path>[^\]]+)\]")


def _expression_flag(out: Output, expr: str) -> str | None:
    """The option the command gave a resource expression to (the text before it in the command)."""
    command = out.command or ""
    at = command.find(expr.strip()) if expr.strip() else -1
    if at < 0 and expr.split():
        # the user's expression after a default one gcloud put before it: its last word
        at = command.find(expr.split()[-1])
    if at < 0:
        return None
    m = _GCLOUD_FLAG.search(command[:at])
    return m[1] if m else None


def _gcloud_subject(out: Output, i: int, msg: str) -> str | None:
    """The resource the message names: an API that is not enabled, else the quoted resource
    path (`'projects/p/zones/z/instances/vm'`, not the permission `'compute.x.get'` before it),
    else the first quoted name; `Could not fetch resource:` gives its reasons as ` - ...`."""
    if msg.endswith(":") and out.line(i + 1).startswith(" - "):
        msg = out.line(i + 1)
    if "googleapis.com" in msg and (api := _API_DISABLED.search(msg)):
        return api["service"]
    names = [m["name"] for m in _QUOTED.finditer(msg)]
    return next((n for n in names if "/" in n), names[0] if names else None)


def _az(out: Output) -> Iterator[ErrorEvent]:
    for i in out.find("ERROR: "):
        line = out.lines[i]
        if not line.startswith("ERROR: "):
            continue
        if setup := _AZ_SETUP.search(line):
            yield _event(out, i, Category.CONFIGURATION, _first(setup))
        elif event := _network(out, i) or _usage(out, i):
            yield event
        elif m := _AZ_OS_ERROR.match(line):  # a local file az opens (`--file`, `--template-file`)
            category = _ERRNO_CATEGORY.get(m["errno"], Category.RUNTIME)
            yield _event(out, i, category, m["path"] if category != Category.RUNTIME else m["why"])
        elif m := _AZ_NO_FILE.match(line):
            yield _event(out, i, Category.CONFIGURATION, m["path"])
        elif line.startswith("ERROR: Failed to parse string as JSON:") and out.line(i + 1).startswith("@"):
            # azure-cli reads `@file` arguments itself and, when there is no such file, passes the
            # text on as given: a JSON argument that is `@x.json` as printed names a file not there
            yield _event(out, i, Category.CONFIGURATION, out.line(i + 1).strip()[1:] or None, Rank.ROOT)
        elif line.startswith(("usage error: ", "incorrect usage: "), 7):  # azure-cli's own check of the arguments
            # (`incorrect usage: source must be an existing directory`: the option of its first
            # word, when the command gives one)
            flag = _AZ_FLAG.search(line)
            word = None if flag else _AZ_WORD.match(line, line.index(": ", 7) + 2)
            given = word and re.search(rf"(?:^|\s)(--{re.escape(word[1])})(?:[\s=]|$)", out.command or "")
            yield _event(out, i, Category.CONFIGURATION, flag[0] if flag else given[1] if given else None)
        elif m := _AZ_PARAMETER.match(line):
            # a --parameters value az cannot read: `@file` that is not there (or does not parse): the
            # file; else the option
            yield _event(out, i, Category.CONFIGURATION, m["file"] or "--parameters")
        elif m := _AZ_EXTENSION.match(line):
            yield _event(out, i, Category.DEPLOYMENT, m["name"], Rank.ERROR)
        elif _AZ_ASKS.match(line):
            flag = _AZ_FLAG.search(line)
            yield _event(out, i, Category.CONFIGURATION, flag[0] if flag else None)
        elif m := _AZ_CODE.match(line[len("ERROR: "):]):
            yield _event(out, i, Category.DEPLOYMENT, m["code"], Rank.ERROR)
        else:
            # what az refused, by the name it quotes (`The cloud 'AzureCloud' cannot be
            # unregistered as it's currently active.`)
            named = _QUOTED.search(line, 7) if "'" in line else None
            yield _event(out, i, Category.DEPLOYMENT, named["name"] if named else None, Rank.ERROR)
    for i in out.find("ConnectionPool(host="):
        if not out.lines[i].startswith("ERROR: ") and (event := _network(out, i)):
            yield event


def _az_own(out: Output) -> Iterator[ErrorEvent]:
    """What only az says, whoever ran it: its set-up sentences (`Please run 'az login' ...`)."""
    for needle in ("az login", "Subscription '", "The subscription of '"):
        for i in out.find(needle):
            line = out.lines[i]
            if line.startswith("ERROR: ") and (setup := _AZ_SETUP.search(line)):
                yield _event(out, i, Category.CONFIGURATION, _first(setup))
    # az's usage errors end in its own trailer (knack's parser: the examples, then
    # `https://aka.ms/cli_ref` and `Read more about the command in reference docs`): the
    # `ERROR: ` line above it is az's argparse message
    for i in out.find("\nhttps://aka.ms/cli_ref"):
        j = next((j for j in range(i - 1, max(-1, i - 15), -1) if out.lines[j].startswith("ERROR: ")), -1)
        if j >= 0 and (event := _usage(out, j)):
            yield event


_CLIS = frozenset({"aws", "gcloud", "az"})


def parse(out: Output) -> Iterable[ErrorEvent]:
    tool = tool_run(out, _CLIS)  # also under `bash -c 'aws ... | ts'` in a CI step
    if tool is None:
        # another program ran the CLI (`make deploy`, a script): only botocore's own sentences
        # about its set-up and the service's `An error occurred (Code) when calling the Op
        # operation` are unmistakable
        if out.failed:
            yield from _aws_own(out)
            yield from _gcloud(out)  # `ERROR: (gcloud.x.y) ...` is only gcloud's
            yield from _az_own(out)
    elif tool == "aws":
        yield from _aws(out)
    elif tool == "gcloud":
        yield from _gcloud(out)
    elif tool == "az":
        yield from _az(out)
