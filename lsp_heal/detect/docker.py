"""Docker CLI and Compose (v1 `docker-compose`, v2 `docker compose`).

Both print one plain sentence per failure, on stderr: the daemon that cannot be reached, the
daemon's own answer (`Error response from daemon: ...`), a usage error of the Go CLI (cobra),
or, for Compose, a problem in the compose file. The Go-side helpers here (`cli_usage`,
`go_yaml_error`) are shared with kubectl and helm, which are built on the same libraries.

Readings: everything the daemon or the registry refuses is `deployment`, the image, container,
or context it names as subject (`None` when the daemon itself is down); a parse error of a
Dockerfile or compose file is `syntax`; a bad flag, a missing file the CLI needs, an invalid
compose key or an unset variable is `configuration`; a registry that cannot be reached is
`network`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from lsp_heal.detect._gocli import ARG_COUNT, GO_YAML, cli_usage, flag_error, go_yaml_error
from lsp_heal.detect._options import option_for, spelling_used
from lsp_heal.detect._regex import lazy_re
from lsp_heal.detect._wrapped import tool_run
from lsp_heal.detect.output import Output
from lsp_heal.model import Category, ErrorEvent, Location, Rank, Severity

_COMPOSE = {"docker-compose", "podman-compose"}
_TOOLS = frozenset({"docker", "podman", *_COMPOSE})

# --- reading a Go client's dial errors ---------------------------------------------
_DIAL = lazy_re(
    r"dial tcp(?: (?P<addr>[\w.\-\[\]:]+:\d+): connect: connection refused"
    r"|: lookup (?P<host>[\w.-]+)(?: on [\w.:\[\]]+)?: no such host)"
)

_PORT = lazy_re(r"\d{1,5}\b")


def unreachable_host(line: str) -> str | None:
    """`host:port` (or host) of a Go `dial tcp` failure in `line`, if there is one."""
    if m := _DIAL.search(line):
        if m["addr"]:
            return m["addr"]
        # a name that does not resolve: the URL of the request that failed gives its port when it
        # has one (`Get "https://reg.local:5000/v2/": dial tcp: lookup reg.local on ...`)
        at = line.find(f"://{m['host']}:", 0, m.start())
        if at != -1 and (port := _PORT.match(line, at + len(m["host"]) + 4)):
            return f"{m['host']}:{port[0]}"
        return m["host"]
    return None


# --- docker ----------------------------------------------------------------------------
_DAEMON_DOWN = (
    "Cannot connect to the Docker daemon",
    "Couldn't connect to Docker daemon",
    "error during connect:",
    "Error while fetching server API version",
    # the socket is there but not the user's (not in the `docker` group): the same reading
    "while trying to connect to the Docker daemon socket",
)
_REFERENCE = lazy_re(
    r'(?:invalid argument "(?P<arg>[^"]+)" for .*'
    r'|Error parsing reference: "(?P<ref>[^"]+)" is not a valid repository/tag: )?'
    r"invalid reference format"
    r"(?:: repository name \((?:library/)?(?P<repo>[^)]+)\) must be lowercase)?"
)
# a context that is not there, or that `context rm` refuses to remove (docker/cli's context rm:
# `context "default" cannot be removed`, `context "x" is in use, set -f flag to force remove`)
# and `context create` of a name that is taken (`context "staging" already exists`)
_CONTEXT = lazy_re(r'context "(?P<name>[^"]+)"(?:: context not found| does not exist| cannot be removed| is in use'
                   r'| already exists)')
_DAEMON_SAYS = lazy_re(r"Error response from daemon: (?P<msg>.+)$")
_DAEMON_SUBJECT = lazy_re(
    r"(?:pull access denied for (?P<repo>[^\s,]+)"
    r"|manifest for (?P<manifest>\S+) not found"
    r"|No such (?:container|image|volume|network|object): (?P<object>\S+)"
    r'|container name "/?(?P<name>[^"]+)" is already in use'
    r"|driver failed programming external connectivity on endpoint (?P<endpoint>\S+)"
    r"|(?P<host>[\w.-]+(?::\d+)?)/v2/: )"
)
# a plugin docker looks for and does not find installed (docs/detection.md: `dependency`): a
# managed plugin the daemon cannot find (`error looking up logging plugin loki: plugin "loki" not
# found`, a volume or network driver), a credential helper the CLI cannot run (`error getting
# credentials - err: exec: "docker-credential-desktop": executable file not found in $PATH`)
_PLUGIN_NOT_FOUND = lazy_re(r'\bplugin "(?P<name>[^"\s]+)" not found'
                            r'|exec: "(?P<helper>docker-credential-[^"\s]+)": executable file not found')
_DOCKERFILE = lazy_re(
    r"dockerfile parse error (?:on )?line (?P<line>\d+): (?P<msg>.+)$", re.IGNORECASE
)
_LOG_NOTE = lazy_re(r'^time="[^"]*" level=(?:info|debug|trace)\b')
_DOCKERFILE_MISSING = lazy_re(r"unable to prepare context: .*?(?P<path>[^\s/:]*Dockerfile)\b")
_FILE_FLAG = lazy_re(r"(?:^|\s)(?:-f|--file)(?:\s+|=)(?P<path>[^\s\"']+)")
# a file the CLI itself opens (--env-file, --label-file, -f): Go's os.PathError
_CLI_NO_FILE = lazy_re(r"(?:^|: )(?:open|stat|lstat|mkdir|create) (?P<path>[^\s:]+): no such file or directory\.?$")
# a file the CLI reads that is there but is not a file (`--env-file config/`): docker/cli wraps
# Go's PathError as `invalid env file (config/): read config/: is a directory`
_CLI_NOT_FILE = lazy_re(r"(?:invalid [\w-]+ file \((?P<named>[^)]+)\)"
                        r"|(?:open|read|stat|lstat) (?P<path>[^\s:]+): (?:is|not) a directory)")
_CLI_DENIED = lazy_re(r"(?:^|: )(?:open|stat|lstat|mkdir|create|remove|rename) (?P<path>[^\s:]+): permission denied\.?$")
# (`Conflicting options: --restart and --rm`, `--no-healthcheck conflicts with --health-* options`)
_CLI_PAIRS = ("onflicting options: ", "cannot be used together", " conflicts with ", " cannot be used with ",
              " can't be used with ")
# a message that names the flag whose value it refuses: `... for --expose: abc`, `invalid
# --security-opt: ...` (run's `Invalid --security-opt: "x"`), or that starts with it (docker/cli's `--ipc: invalid IPC mode`)
_FLAG_NAMED = lazy_re(r"\b(?:for|[Ii]nvalid) (--[a-z][\w-]*)\b|^(?:docker: |podman: )?(--[a-z][\w-]*): ")
# a message that names the flag by its word (`invalid pull option: 'sometimes'`, `invalid IPC
# mode`, `invalid isolation: ...`, `invalid storage option` at the line's end): the flag when the
# command gives `--<word>`, or a flag whose first word it is (`--storage-opt`, `--log-opt`)
_FLAG_WORD = lazy_re(r"\binvalid (?P<word>[A-Za-z][\w-]*)(?: (?:option|mode|policy|value|format))?(?:: ?|\s*$)")
_OPTION_NAMED = lazy_re(r"(?<![\w-])(--?[A-Za-z][\w-]*)")
# the CLI's own checks of how a command's arguments fit together (docker/cli: cp, run, save):
# no flag to blame, the invocation is wrong
_CLI_ARGS = ("must specify at least one container source", "copying between containers is not supported",
             "onflicting options: ", "cannot be used together", "is not a valid output path",
             "invalid output path: ", " can't be used with ",
             # network create's IPAM options (docker/cli's consolidateIpam): a gateway, range or
             # aux address needs a --subnet that holds it
             "must have a corresponding subnet", "no matching subnet for ",
             # an interactive option where there is no terminal (`-it` in CI, `docker login`)
             "the input device is not a TTY", "interactive login from a non TTY device")


# a value the CLI itself rejects before it calls the daemon: `docker: invalid containerPort: x`,
# then `Run 'docker run --help' for more information`; the flag from the value's kind (the
# messages of docker/cli's opts and go-connections' nat), as the command spells it
_VALUE_FLAGS = (
    (("containerPort", "hostPort", "invalid proto", "port mapping", "Invalid ip address",
      "invalid range format for --publish", "Invalid hostPort", "Invalid containerPort",
      "ranges specified for container and host", "port range", "No port specified"),
     ("-p", "--publish")),
    (("invalid spec: ", "invalid volume specification", "invalid mode: ", "too many colons"),
     ("-v", "--volume")),
    (("invalid mount config", "invalid field ", "type is required"), ("--mount",)),
    (("invalid environment variable", "poorly formatted environment"), ("-e", "--env")),
    (("invalid restart policy", "maximum retry count"), ("--restart",)),
    (("invalid IP address", "invalid IPv4 address", "invalid IPv6 address"), ("--ip", "--ip6")),
    # docker/cli opts.ValidateMACAddress: `zz:zz is not a valid mac address`
    (("is not a valid mac address",), ("--mac-address",)),
    # docker/cli's container/opts.go parse(): `network-scoped aliases are only supported for
    # user-defined networks`, parseLoggingOpts's `invalid logging opts for driver none`;
    # opts.ValidateLink's `bad format for links: x`, opts.ValidateSysctl's `sysctl 'x' is not whitelisted`
    (("network-scoped aliases",), ("--network-alias",)),
    (("invalid logging opts",), ("--log-opt",)),
    (("bad format for links",), ("--link",)),
    (("is not whitelisted",), ("--sysctl",)),
)
# a line of a file the CLI reads (--env-file, --label-file: docker/cli's kvfile) that does not
# fit: the variable as the file spells it
_KV_LINE = lazy_re(r"variable '(?P<name>[^']+)' contains whitespaces|no variable name on line ")
# `--cidfile` naming a file left from an earlier run (docker/cli's cidfile): the file
_CIDFILE = lazy_re(r"container ID file found, .* delete (?P<path>\S+?)\.?$")
# the CLI's last line after a usage error: `Run 'docker run --help' for more information` (a flag's
# value), `See 'docker exec --help' for more information` (cobra's argument and flag checks)
_TRAILER_STARTS = ("\nRun 'docker ", "\nSee 'docker ", "\nRun 'podman ", "\nSee 'podman ")
_HELP_TRAILER = lazy_re(r"^(?:Run|See) '(?:docker|podman)(?: [\w-]+)+ --help'(?: for more information|\.)")
# the endpoint the CLI cannot even parse (DOCKER_HOST, -H, a context's): docker/cli's
# `Failed to initialize: unable to resolve docker endpoint: ...`, older `unable to parse docker host`
# (one literal for docker/cli's two endpoint sentences: `unable to resolve docker endpoint`, and
# `unable to create docker endpoint config` below)
_ENDPOINT = ("docker endpoint", "unable to parse docker host")
# `context create / update --docker host=...,skip-tls-verify=maybe` (docker/cli's context/docker
# package: `unable to create docker endpoint config: skip-tls-verify: parsing "maybe": ...`): the
# option as the command gave it, else the key as printed
_ENDPOINT_CONFIG = lazy_re(r"unable to create docker endpoint config: (?:(?P<key>[\w-]+): )?")
_HOST_FLAG = lazy_re(r"(?:^|\s)(?P<flag>-H|--host)(?:\s|=)")
# an endpoint whose TLS files (DOCKER_CERT_PATH's ca.pem, cert.pem, key.pem) cannot be opened:
# `unable to resolve docker endpoint: open certs/ca.pem: no such file or directory`: the file
_ENDPOINT_FILE = lazy_re(r"\bopen (?P<path>\S+?): (?:no such file or directory|permission denied)")
# a remote build context (git, https) that cannot be fetched: git's / curl's words for the host
_FETCH = lazy_re(r"(?:Failed to connect to (?P<host>[\w.\-\[\]:]+) port (?P<port>\d+)"
                 r"|Could not resolve host: (?P<name>[\w.-]+))")


def _docker_line(out: Output, j: int, own_only: bool) -> str:
    """The command docker ran with: the command, or (another program ran docker) the command line
    make (or `set -x`) echoed before the message at `j`."""
    command = out.command or ""
    if own_only:
        command = next((out.lines[k] for k in range(j - 1, max(-1, j - 20), -1)
                        if out.lines[k].startswith(("docker ", "podman ", "+ docker ", "+ podman "))),
                       command)
    return command


def _cli_value(out: Output, tool: str, own_only: bool = False) -> Iterator[ErrorEvent]:
    """The CLI's own usage errors: `docker: <what>` over the `--help` trailer (and the command's
    usage line); with `own_only` (another program ran docker) cli_usage does not run, and the
    flag comes from the message itself."""
    for i in sorted(i for needle in _TRAILER_STARTS for i in out.find(needle)):
        if not _HELP_TRAILER.match(out.lines[i]):
            continue
        j = next((j for j in range(i - 1, max(-1, i - 8), -1)
                  if out.lines[j].startswith(("docker: ", "podman: "))), -1)
        if j < 0:  # cobra's flag errors have no `docker: ` prefix: the message, a blank line,
            # `Usage:  docker run ...`, a blank line, the trailer
            u = next((k for k in range(i - 1, max(-1, i - 4), -1)
                      if out.lines[k].startswith(("Usage:  docker ", "Usage:  podman "))), -1)
            j = next((k for k in range(u - 1, max(-1, u - 3), -1) if out.lines[k].strip()), -1) \
                if u > 0 else -1
        line = out.line(j)
        if j < 0 or "Error response from daemon" in line \
                or any(d in line for d in _DAEMON_DOWN) or "invalid reference format" in line \
                or _CLI_NO_FILE.search(line):
            continue  # the daemon's answer, or read by the daemon readers
        usage = flag_error(line)
        if not own_only and (usage or "unknown " in line or "invalid argument \"" in line
                             or ARG_COUNT.match(line)):
            continue  # read by cli_usage / _missing_plugin
        flag = usage["flag"] if usage else None
        for words, flags in () if usage else _VALUE_FLAGS:
            if any(w in line for w in words):
                command = _docker_line(out, j, own_only)
                given = [f for f in flags if re.search(rf"(?:^|\s){re.escape(f)}(?:[\s=]|$)",
                                                         command)]
                flag = given[0] if given else flags[-1]
                break
        if flag is None and (m := _CLI_NOT_FILE.search(line)):
            flag = m["named"] or m["path"]
            if m["named"] and (kv := _KV_LINE.search(line, m.end())):
                flag = kv["name"] or flag  # a line with no name: the file
        if flag is None and (m := _CIDFILE.search(line)):
            flag = m["path"]
        if flag is None and any(p in line for p in _CLI_PAIRS):
            # two options that exclude each other: the one named last (docs/detection.md)
            flag = _last_named(line, _docker_line(out, j, own_only))
        if flag is None and (m := _FLAG_NAMED.search(line)):  # `invalid range format for --expose`
            flag = m[1] or m[2]
        if flag is None and (m := _FLAG_WORD.search(line)):  # `invalid pull option: 'x'`: `--pull`
            word = m["word"].lower()
            if given := re.search(rf"(?:^|\s)(--{re.escape(word)}(?:-[a-z]+)?)(?:[\s=]|$)",
                                  _docker_line(out, j, own_only)):
                flag = given[1]
        yield ErrorEvent(Category.CONFIGURATION, Severity.HIGH, tool, line.strip(),
                         subject=flag, rank=Rank.ROOT, line_index=j)


_NOT_ONE_OF = lazy_re(r'^(?:docker: |podman: )?(?:[\w -]{1,40}: )?"(?P<value>[^"]+)": must be one of ')


def _last_named(line: str, command: str) -> str | None:
    """Of the options a message says cannot go together (`cannot specify both --restart and
    --rm`, `tag can't be used with --all-tags/-a`, `--no-healthcheck conflicts with --health-*
    options`), the one it names last (of a longer list, the last the command gives), as the
    command types it: of `--all-tags/-a` the form given, of `--health-*` the flag given."""
    named = []  # each option with its other forms: `--all-tags/-a` is one option
    for m in _OPTION_NAMED.finditer(line):
        if named and line[m.start() - 1:m.start()] == "/" and named[-1][1] == m.start() - 1:
            named[-1] = (named[-1][0] + [m[1]], m.end())
        else:
            named.append(([m[1]], m.end()))
    typed = []
    for forms, end in named:
        if line[end:end + 1] == "*":  # a family of flags: the one the command gives
            given = re.search(rf"(?:^|\s)({re.escape(forms[0])}[\w-]*)(?:[\s=]|$)", command)
            typed.append(([given[1]] if given else [forms[0] + "*"], given is not None))
            continue
        given = [f for f in forms if re.search(rf"(?:^|\s){re.escape(f)}(?:[\s=]|$)", command)]
        typed.append((given or forms, bool(given)))
    if not typed:
        return None
    # of a list (`--wait cannot be combined with --attach, ... or --watch`), the last the command
    # gives; of two, the second, whichever form the command typed (`-d` for `--detach`)
    given = [forms for forms, is_given in typed if is_given] if len(typed) > 2 else []
    return (given or [forms for forms, _ in typed])[-1][0]


def _endpoint(out: Output, tool: str) -> Iterator[ErrorEvent]:
    for needle in _ENDPOINT:
        for i in out.find(needle):
            if "docker endpoint config: " in out.lines[i]:
                if m := _ENDPOINT_CONFIG.search(out.lines[i]):
                    path = _ENDPOINT_FILE.search(out.lines[i])
                    flag = re.search(r"(?:^|\s)(--docker)(?:[\s=]|$)", out.command or "")
                    yield ErrorEvent(Category.CONFIGURATION, Severity.HIGH, tool, out.lines[i].strip(),
                                     subject=path["path"] if path else flag[1] if flag else m["key"],
                                     rank=Rank.ROOT, line_index=i)
                continue
            if needle == "docker endpoint" and "unable to resolve docker endpoint" not in out.lines[i]:
                continue
            if _CONTEXT.search(out.lines[i]):
                continue  # a context that is not there: read as the context
            flag = _HOST_FLAG.search(out.command or "")
            path = _ENDPOINT_FILE.search(out.lines[i])
            denied = path is not None and path[0].endswith("permission denied")
            yield ErrorEvent(Category.PERMISSION if denied else Category.CONFIGURATION, Severity.HIGH,
                             tool, out.lines[i].strip(),
                             subject=path["path"] if path else flag["flag"] if flag else "DOCKER_HOST",
                             rank=Rank.ROOT,
                             line_index=i)


_MISSING_COMPONENT = lazy_re(r"\bthe (?P<name>[\w-]+) component is missing or broken")


def _docker(out: Output, tool: str, own_only: bool = False) -> Iterator[ErrorEvent]:
    """Docker's errors; with `own_only` (another program ran docker: `make image`, a CI
    script) only the shapes no other tool prints: the daemon, its answers, image references,
    Dockerfiles."""
    for needle in _DAEMON_DOWN:
        for i in out.find(needle):
            line = out.lines[i].strip()
            yield ErrorEvent(Category.DEPLOYMENT, Severity.HIGH, tool, line,
                             rank=Rank.ROOT, line_index=i)
    # BuildKit asked for (DOCKER_BUILDKIT=1, the default builder) with no buildx plugin: docker
    # names the plugin it lacks (`ERROR: BuildKit is enabled but the buildx component is missing
    # or broken.`), a CLI plugin to install
    for i in out.find(" component is missing or broken"):
        if m := _MISSING_COMPONENT.search(out.lines[i]):
            yield ErrorEvent(Category.DEPENDENCY, Severity.HIGH, tool, out.lines[i].strip(),
                             subject=m["name"], rank=Rank.ROOT, line_index=i)
    for i in out.find("invalid reference format"):
        m = _REFERENCE.search(out.lines[i])
        subject = (m["arg"] or m["ref"] or m["repo"]) if m else None
        yield ErrorEvent(Category.DEPLOYMENT, Severity.HIGH, tool, out.lines[i].strip(),
                         subject=subject, rank=Rank.ROOT, line_index=i)
    for i in out.find("Error response from daemon: "):
        yield _daemon_error(out, i, tool)
    yield from _dockerfile(out, tool)
    yield from _build_failed(out, tool)
    yield from _endpoint(out, tool)
    for i in out.find('exec: "docker-credential-'):  # login, pull, push: the CLI runs the helper
        line = out.lines[i]
        if "Error response from daemon: " not in line and "failed to solve: " not in line:
            if plugin := _plugin_not_found(out, i, tool):
                yield plugin
    # the client's own --log-level/-l, checked before any command runs (docker/cli's cli/flags)
    for i in out.find("Unable to parse logging level: "):
        flag = "-l" if _SHORT_LOG_LEVEL.search(out.command or "") else "--log-level"
        yield _config(out, i, tool, flag)
    if own_only:
        yield from _cli_value(out, tool, own_only=True)
        return
    yield from _cli_value(out, tool)
    # a Go template of --format / -f that does not parse (docker/cli's formatter: `template parsing
    # error: template: :1: unclosed action`): the option the command gave it with
    for i in out.find("template parsing error: "):
        yield _config(out, i, tool, spelling_used(out.command or "", ("--format", "-f")))
    # a value the CLI checks against its list (`unknown type: "x": must be one of "config", ...`):
    # the option the command passed that value with, else the value
    for i in out.find(": must be one of "):
        if m := _NOT_ONE_OF.match(out.lines[i]):
            yield _config(out, i, tool, option_for(out.command or "", m["value"]) or m["value"])
    # a stack or other file the CLI parses with go-yaml (`docker stack deploy -c stack.yml`):
    # `yaml: line 2: did not find expected key`, no file named
    for i in out.find("yaml: "):
        if GO_YAML.match(out.lines[i]) and (event := go_yaml_error(out, i, tool)):
            yield event
    for i in out.find("context "):
        if m := _CONTEXT.search(out.lines[i]):
            yield ErrorEvent(Category.DEPLOYMENT, Severity.HIGH, tool, out.lines[i].strip(),
                             subject=m["name"], rank=Rank.ROOT, line_index=i)
    if not _is_compose(out, tool):  # compose reads its own missing files below
        paths = set()
        for i in out.find(": no such file or directory"):
            line = out.lines[i]
            if "unable to prepare context" not in line and (m := _CLI_NO_FILE.search(line)):
                paths.add(i)
                yield _config(out, i, tool, m["path"])
        for i in out.find(": permission denied"):
            line = out.lines[i]
            if "Error response from daemon" not in line and (m := _CLI_DENIED.search(line)) \
                    and not any(d in line for d in _DAEMON_DOWN):
                paths.add(i)
                yield ErrorEvent(Category.PERMISSION, Severity.HIGH, tool, line.strip(),
                                 subject=m["path"], rank=Rank.ROOT, line_index=i)
        for needle in _CLI_ARGS:
            for i in out.find(needle):
                if i not in paths and "Error response from daemon" not in out.lines[i]:
                    # two options that exclude each other (`cannot specify both --password and
                    # --password-stdin`, `--rm and --restart cannot be used together`): the last
                    flag = _last_named(out.lines[i], out.command or "") if needle in _CLI_PAIRS else None
                    yield _config(out, i, tool, flag or ("--subnet" if "subnet" in needle else None))
    for needle in ("build path ", "unable to prepare context: path "):
        for i in out.find(needle):
            if m := _BUILD_PATH.search(out.lines[i]):
                yield _config(out, i, tool, m["v1"] or m["v2"])
    for i in out.find("dial tcp"):  # a registry (or other endpoint) the CLI cannot reach
        line = out.lines[i]
        if any(d in line for d in _DAEMON_DOWN) or _LOG_NOTE.match(line):
            continue  # the daemon itself (read above), or logrus' note of a retry
        if host := unreachable_host(line):
            yield ErrorEvent(Category.NETWORK, Severity.HIGH, tool, line.strip(),
                             subject=host, rank=Rank.ROOT, line_index=i)
    plugin = _missing_plugin(out, tool)
    if plugin:
        yield plugin
    yield from (e for e in cli_usage(out, tool) if not plugin or e.line_index != plugin.line_index)


# CLI plugins (`docker compose`, `docker buildx`) are separate packages: without one, docker
# reads the plugin's name as an unknown command, or its flags as docker's own
_PLUGINS = frozenset({"compose", "buildx", "scan", "scout", "sbom", "init", "debug", "model"})
_SUBCOMMAND = lazy_re(r"(?:^|[\s/;&|(])(?:docker|podman) (?P<sub>[a-z][\w-]*)")
_UNKNOWN_COMMAND = lazy_re(
    r"(?:unknown command:? (?:\\?\"|')?(?:docker )?(?P<a>[\w-]+)|'(?P<b>[\w-]+)' is not a docker command)"
)


def _missing_plugin(out: Output, tool: str) -> ErrorEvent | None:
    """The plugin the command runs when docker does not know it: `unknown command: docker
    compose`, or `unknown shorthand flag: 'd' in -d` over docker's top-level usage (a
    `dependency`); a subcommand docker does not know that is no plugin is a typo."""
    m = _SUBCOMMAND.search(out.command or "")
    if not m:
        return None
    plugin = m["sub"]
    # a plugin docker does not have is a `dependency`; any other subcommand it does not know
    # is a typo (`docker biuld`): the command is wrong. Either way docker says so as an unknown
    # command, or reads the subcommand's flags as its own over its top-level usage
    category = Category.DEPENDENCY if plugin in _PLUGINS else Category.CONFIGURATION
    for needle in ("unknown command", "is not a docker command", "unknown flag: ",
                   "unknown shorthand flag: "):
        for i in out.find(needle):
            line = out.lines[i]
            if c := _UNKNOWN_COMMAND.search(line):
                if (c["a"] or c["b"]) != plugin:
                    continue
            elif not any("Usage:  docker [OPTIONS] COMMAND" in out.line(j)
                         for j in range(i + 1, i + 4)):
                continue  # a flag the subcommand itself rejected
            return ErrorEvent(category, Severity.HIGH, tool, line.strip(),
                              subject=plugin, rank=Rank.ROOT, line_index=i)
    return None


# BuildKit's last word on a build (`ERROR: failed to solve: <what>`, docker/buildx), and the legacy
# builder's for a RUN step (`The command '/bin/sh -c x' returned a non-zero code: 1`): the
# image it could not resolve as subject; a registry it could not reach is `network`
_SOLVE = lazy_re(r"^(?:ERROR: |error: )?failed to solve: (?:(?P<image>[\w./:@-]+): (?:failed to resolve"
                 r" source metadata|not found)|(?P<other>.*))")
_RETURNED = lazy_re(r"^The command .{1,2000}? returned a non-zero code: \d+")
# BuildKit's COPY / ADD of a path the build context does not have (`failed to compute cache key:
# failed to calculate checksum of ref ...: "/requirements.txt": not found`): the path, relative to
# the context as the Dockerfile names it; BuildKit prints the Dockerfile's place above its snippet
_CACHE_KEY_MISSING = lazy_re(r'failed to compute cache key: [^"]*"/?(?P<path>[^"]+)": not found')
_SNIPPET_AT = lazy_re(r"^(?P<path>\S*Dockerfile[\w.-]*):(?P<line>\d+)$")
# the container's process could not start (runc, through the daemon): `exec: "python": executable
# file not found in $PATH`, `exec: "./start.sh": permission denied`, `exec: "/app/run": stat
# /app/run: no such file or directory`
_OCI_EXEC = lazy_re(r'exec: "(?P<cmd>[^"]+)": (?:(?P<missing>executable file not found)'
                    r"|(?P<denied>permission denied)|stat [^:]+: (?P<nofile>no such file or directory))")
# a bind mount whose source is not there (`invalid mount config for type "bind": bind source path
# does not exist: /srv/data`)
_BIND_SOURCE = lazy_re(r"bind source path does not exist: (?P<path>\S+)")


def _build_failed(out: Output, tool: str) -> Iterator[ErrorEvent]:
    for i in out.find("failed to solve: "):
        line = out.lines[i]
        if "arse error" in line or not (m := _SOLVE.match(line)):
            continue  # a Dockerfile that does not parse: read by _dockerfile
        if plugin := _plugin_not_found(out, i, tool):  # a credential helper, not the build
            yield plugin
            continue
        if host := unreachable_host(line):
            yield ErrorEvent(Category.NETWORK, Severity.HIGH, tool, line.strip(), subject=host,
                             rank=Rank.ROOT, line_index=i)
        elif "cache key" in line and (missing := _CACHE_KEY_MISSING.search(line)):
            at = next((a for j in range(i - 1, max(-1, i - 16), -1) if (a := _SNIPPET_AT.match(out.lines[j]))), None)
            yield ErrorEvent(Category.CONFIGURATION, Severity.HIGH, tool, line.strip(), subject=missing["path"],
                             location=Location(at["path"], int(at["line"])) if at else None,
                             rank=Rank.ROOT, line_index=i)
        else:
            yield ErrorEvent(Category.DEPLOYMENT, Severity.HIGH, tool, line.strip(),
                             subject=m["image"], line_index=i)
    for i in out.find("returned a non-zero code: "):
        if _RETURNED.match(out.lines[i]):
            yield ErrorEvent(Category.DEPLOYMENT, Severity.HIGH, tool, out.lines[i].strip(),
                             rank=Rank.SUMMARY, line_index=i)


def _dockerfile(out: Output, tool: str) -> Iterator[ErrorEvent]:
    for i in out.find("arse error"):
        if m := _DOCKERFILE.search(out.lines[i]):
            yield ErrorEvent(Category.SYNTAX, Severity.HIGH, tool, out.lines[i].strip(),
                             location=Location("Dockerfile", int(m["line"])),
                             rank=Rank.ROOT, line_index=i)
    for i in out.find("unable to prepare context: "):
        line = out.lines[i]
        if "unable to prepare context: unable to " in line and (f := _FETCH.search(line)):
            # a git / URL context that cannot be fetched: the host is not reachable
            host = f"{f['host']}:{f['port']}" if f["host"] else f["name"]
            yield ErrorEvent(Category.NETWORK, Severity.HIGH, tool, line.strip(), subject=host,
                             rank=Rank.ROOT, line_index=i)
            continue
        if m := _DOCKERFILE_MISSING.search(out.lines[i]):
            # the Dockerfile the build asked for: `-f path` on the command line, else the default
            given = _FILE_FLAG.search(out.command or "")
            yield ErrorEvent(Category.CONFIGURATION, Severity.HIGH, tool, out.lines[i].strip(),
                             subject=given["path"] if given else m["path"], rank=Rank.ROOT,
                             line_index=i)


def _plugin_not_found(out: Output, i: int, tool: str) -> ErrorEvent | None:
    """The plugin or credential helper line `i` says docker could not find, if it says so."""
    line = out.lines[i]
    if ("plugin " in line or "docker-credential-" in line) and (m := _PLUGIN_NOT_FOUND.search(line)):
        return ErrorEvent(Category.DEPENDENCY, Severity.HIGH, tool, line.strip(),
                          subject=m["name"] or m["helper"], rank=Rank.ROOT, line_index=i)
    return None


def _daemon_error(out: Output, i: int, tool: str) -> ErrorEvent:
    line = out.lines[i]
    if _DOCKERFILE.search(line):  # the legacy builder reports Dockerfile errors this way
        m = _DOCKERFILE.search(line)
        return ErrorEvent(Category.SYNTAX, Severity.HIGH, tool, line.strip(),
                          location=Location("Dockerfile", int(m["line"])),
                          rank=Rank.ROOT, line_index=i)
    if plugin := _plugin_not_found(out, i, tool):
        return plugin
    msg = _DAEMON_SAYS.search(line)["msg"]
    if 'exec: "' in msg and (x := _OCI_EXEC.search(msg)):
        # the container's command: not in the image (like a shell's `command not found`), not
        # executable, or a path the image does not have
        category = Category.DEPENDENCY if x["missing"] else Category.PERMISSION if x["denied"] \
            else Category.CONFIGURATION
        return ErrorEvent(category, Severity.HIGH, tool, line.strip(), subject=x["cmd"], rank=Rank.ROOT,
                          line_index=i)
    if "bind source path" in msg and (b := _BIND_SOURCE.search(msg)):
        return ErrorEvent(Category.CONFIGURATION, Severity.HIGH, tool, line.strip(), subject=b["path"],
                          rank=Rank.ROOT, line_index=i)
    m = _DAEMON_SUBJECT.search(msg)
    subject = next((v for v in m.groupdict().values() if v), None) if m else None
    return ErrorEvent(Category.DEPLOYMENT, Severity.HIGH, tool, line.strip(), subject=subject,
                      line_index=i)


# --- compose ---------------------------------------------------------------------------
_UNSET = lazy_re(r'The "?(?P<name>\w+)"? variable is not set')
_PY_YAML_MARK = lazy_re(r'^\s+in "(?P<path>[^"]+)", line (?P<line>\d+), column (?P<col>\d+)')
_INVALID_KEY = lazy_re(
    r"(?:Unsupported config option for (?P<owner>[\w.-]+): '(?P<option>[^']+)'"
    # a v2/v3 file's top level key that is no section (`Invalid top-level property "service".
    # Valid top-level sections for this Compose file are: ...`): the key
    r'|^Invalid top-level property "(?P<top>[^"]+)"'

    r"|additional propert(?:y|ies) '(?P<prop>[^']+)' not allowed"
    # jsonschema's own words for a key where only `x-` extensions may go (the top level of a v1
    # file: `'include' does not match any of the regexes: '^x-'`): the key
    r"|'(?P<unmatched>[^']+)' does not match any of the regexes"
    # (jsonschema's `uniqueItems`: `services.web.ports value [...] has non-unique elements`)
    r"|^(?P<path>[\w.-]+) (?:contains|must be|is invalid|value .{0,2000}? has non-unique elements)"
    r"|^Invalid (?:service|volume|network|secret|config) name '(?P<name>[^']+)'"
    # v1's checks of one service (compose/config/config.py): `Service worker has neither an
    # image nor a build context specified.`, `Service "web" uses an undefined network ...`
    r"|^Service ['\"]?(?P<service>[\w.-]+)['\"]? (?:has |must |contains |is ))"
)
# v1 converts some values by their schema type after interpolation (compose/config/
# interpolation.py): `Error while attempting to convert service.api.cpus to appropriate type`
_CONVERT = lazy_re(r"^Error while attempting to convert (?P<path>[\w.\[\]-]+) to appropriate type")
# v1's checks of a section's shape: `In file './docker-compose.yml', services must be a mapping,
# not an array.`, `In file '...', service 'web' must be a mapping not a string.`
_IN_FILE = lazy_re(
    r"^In file '[^']+', (?:(?:service|volume|network|secret|config) ['\"]?(?P<name>[^'\"\s]+)['\"]?"
    r"|(?P<key>[\w.-]+)) (?:must be|contains|has|is )"
)
_ENV_FILE = lazy_re(r"(?:Couldn't find env file: (?P<v1>\S+)|env file (?P<v2>\S+) not found)")
_UNDEFINED_DEPENDENCY = lazy_re(
    r"depends on (?:undefined )?service ['\"]?(?P<name>[\w.-]+)['\"]?(?: which is undefined)?"
)
# a compose file given with -f that is not there: v1 (Python) and v2 (Go)
_NO_FILE = lazy_re(r"(?:^\.?\w*Error: \[Errno 2\] No such file or directory: '(?P<v1>[^']+)'"
                      r"|^open (?P<v2>\S+): no such file or directory$)")
_BUILD_PATH = lazy_re(r'(?:^build path (?P<v1>\S+) either does not exist'
                         r'|unable to prepare context: path "(?P<v2>[^"]+)" not found)')
# a named volume / network / secret a service uses that the file does not declare (v1, v2)
_UNDECLARED = lazy_re(
    r'(?:Named volume "(?P<a>[^":]+)[^"]*" is used in service "[^"]+" but no declaration'
    r"|refers to undefined (?:volume|network|config|secret) (?P<b>[\w.-]+)"
    r'|uses an undefined (?:network|secret|config) "?(?P<c>[\w.-]+))'
)
# `${VAR:?message}` without a value: v1 names the expression, v2 the variable
# (v1 prints the option's whole value: a mapping's repr, `{'PASSWORD': '${DB_PASSWORD:?unset}'}`)
_REQUIRED_VAR = lazy_re(r"(?:interpolating [^$]*(?:\$(?!\{\w+:?\?)[^$]*)*\$\{(?P<a>\w+):?\?"
                           r"|required variable (?P<b>\w+) is missing a value)")
# `extends:` naming a service the file (or the file it names) does not have: v1 and v2
_EXTENDS = lazy_re(r"[Cc]annot extend service ['\"](?P<name>[^'\"]+)['\"]")
_NO_SERVICE = lazy_re(r"no such service: (?P<name>[\w.-]+)", re.IGNORECASE)
# v1's checks of what a service refers to (compose/config/config.py, compose/project.py): `Service
# 'web' has a link to service 'db' which is undefined.`, `... uses the network stack of service
# 'vpn' which is undefined.`, `A service can not depend on itself: web`: the service named last
_UNDEFINED_SERVICE = lazy_re(r"(?:service ['\"]?(?P<a>[\w.-]+)['\"]? which is undefined"
                             r"|can not depend on itself: ['\"]?(?P<b>[\w.-]+))")
# services that depend on each other: v1's sort_services (`Circular dependency between web and
# db`), compose-go's graph (`dependency cycle detected: web -> db -> web`): the service named first
_CYCLE = lazy_re(r"(?:Circular dependency between |dependency cycle detected: )(?P<name>[\w.-]+)")
_VERSION = lazy_re(r'^Version "?[^"]*"? in "[^"]+" is (?:invalid|unsupported)')


# v1 logs an OSError it did not expect as `.<class>: <str>` (compose/cli/main.py): a file it was
# pointed at (-f, `extends: file:`, an env file) that is missing, a folder, or unreadable
# the dot is v1's: Python's own `FileNotFoundError: [Errno 2]` (a traceback's last line) has none
_V1_OS_NEEDLES = (".FileNotFoundError: [Errno ", ".IsADirectoryError: [Errno ",
                  ".NotADirectoryError: [Errno ", ".PermissionError: [Errno ")
_SHORT_LOG_LEVEL = lazy_re(r"(?:^|\s)-l(?:\s|$)")
_V1_OS_ERROR = lazy_re(r"^\.(?P<cls>\w*Error): \[Errno (?P<errno>\d+)\] [^:]+: '(?P<path>[^']+)'")
# --verbose prefixes each logged line with its logger and function: `compose.cli.main.main: `
_TOP_NOT_MAPPING = lazy_re(r"Top level object in '(?P<path>[^']+)' needs to be")
_V1_LOGGER = lazy_re(r"^compose(?:\.\w+)+: ")


def _unlogged(line: str) -> str:
    """A compose v1 line without its --verbose logger prefix."""
    if line.startswith("compose.") and (m := _V1_LOGGER.match(line)):
        return line[m.end():]
    return line


_COMPOSE_FILE = lazy_re(r'^\s+in "(?:[^"]*/)?(?:docker-)?compose[\w.-]*\.ya?ml", line \d+')
# v1 reports what the daemon refused per service: `ERROR: for web  Cannot start service web: ...`
_V1_ERROR = lazy_re(r"^ERROR: (?:for (?P<service>[\w.-]+) {1,2})?(?P<msg>.+)$")


_INCORRECT_FORMAT = lazy_re(r"^(?:ERROR: )?[A-Z]\w* (?P<spec>\S+) has incorrect format, should be ")


def _compose_own(out: Output, tool: str) -> Iterator[ErrorEvent]:
    """What only Compose says, whoever ran it (`make up`, a CI script)."""
    yield from _config_crash(out, tool)
    for i in out.find("yaml."):  # PyYAML's error, when the file it marks is a compose file
        if _unlogged(out.lines[i]).startswith(("yaml.parser.", "yaml.scanner.", "yaml.composer.")) and any(
                _COMPOSE_FILE.match(out.line(j)) for j in range(i + 1, i + 5)):
            if event := _py_yaml_error(out, i, tool):
                yield event
    for i in sorted(i for needle in _V1_OS_NEEDLES for i in out.find(needle)):
        if m := _V1_OS_ERROR.match(_unlogged(out.lines[i])):
            if m["errno"] in ("1", "13"):
                yield ErrorEvent(Category.PERMISSION, Severity.HIGH, tool, out.lines[i].strip(),
                                 subject=m["path"], rank=Rank.ROOT, line_index=i)
            else:
                yield _config(out, i, tool, m["path"])
    for i in out.find("variable is not set"):
        if m := _UNSET.search(out.lines[i]):
            yield ErrorEvent(Category.CONFIGURATION, Severity.LOW, tool, out.lines[i].strip(),
                             subject=m["name"], rank=Rank.ROOT, line_index=i)
    for i in out.find(" is invalid because:"):
        yield from _invalid_keys(out, i + 1, tool)
    for i in out.find("\nError while attempting to convert "):
        if m := _CONVERT.match(out.lines[i]):
            yield _config(out, i, tool, m["path"])
    # a file whose top level is not a mapping (compose v1's config.py: `Top level object in
    # './docker-compose.ci.yml' needs to be an object not '<class 'list'>'.`): the file
    # a short-syntax entry compose v1 cannot split (config/types.py: `Volume ./a:/b:ro:x has
    # incorrect format, should be external:internal[:mode]`): the entry as printed
    for i in out.find(" has incorrect format, should be "):
        if m := _INCORRECT_FORMAT.match(_unlogged(out.lines[i])):
            yield _config(out, i, tool, m["spec"])
    for i in out.find("Top level object in '"):
        if m := _TOP_NOT_MAPPING.search(out.lines[i]):
            yield _config(out, i, tool, m["path"])
    for i in out.find("In file '"):
        if m := _IN_FILE.match(out.lines[i]):
            yield _config(out, i, tool, m["name"] or m["key"])
    for needle in ("env file ", "Couldn't find env file"):
        for i in out.find(needle):
            if m := _ENV_FILE.search(out.lines[i]):
                yield _config(out, i, tool, m["v1"] or m["v2"])
    for needle in ("Can't find a suitable configuration file", "no configuration file provided"):
        for i in out.find(needle):
            yield _config(out, i, tool, None)
    for i in out.find("Version "):
        if _VERSION.match(out.lines[i]):
            yield _config(out, i, tool, "version")
    for needle in ("depends on service ", "depends on undefined service ", "no declaration was found", "refers to undefined ",
                   "uses an undefined ", "Missing mandatory value", "required variable ",
                   "xtend service ", "nterpolation format", " which is undefined", "depend on itself: ",
                   "Circular dependency between ", "dependency cycle detected: "):
        for i in out.find(needle):
            yield from _compose_line(out, i, tool)


# the words each regex of _compose_line cannot match without: most lines with `depends on `
# are other tools' (a package manager's), and `in` turns them away before three searches
_UNDECLARED_WORDS = ('Named volume "', "refers to undefined ", "uses an undefined ")
_REQUIRED_VAR_WORDS = ("interpolating ", "required variable ")


def _compose_line(out: Output, i: int, tool: str) -> Iterator[ErrorEvent]:
    line = out.lines[i]
    if "depends on " in line and "undefined" in line and (m := _UNDEFINED_DEPENDENCY.search(line)):
        yield _config(out, i, tool, m["name"])
    elif ("which is undefined" in line or "depend on itself" in line) and (m := _UNDEFINED_SERVICE.search(line)):
        yield _config(out, i, tool, m["a"] or m["b"])
    elif "ependency " in line and (m := _CYCLE.search(line)):
        yield _config(out, i, tool, m["name"])
    elif any(w in line for w in _UNDECLARED_WORDS) and (m := _UNDECLARED.search(line)):
        yield _config(out, i, tool, m["a"] or m["b"] or m["c"])
    elif any(w in line for w in _REQUIRED_VAR_WORDS) and (m := _REQUIRED_VAR.search(line)):
        yield _config(out, i, tool, m["a"] or m["b"])
    elif "annot extend service " in line and (m := _EXTENDS.search(line)):
        yield _config(out, i, tool, m["name"])
    elif "nvalid interpolation format" in line:
        # a `${...}` that does not parse (`${TAG`, `${ TAG}`): the file is wrong, not a value
        yield ErrorEvent(Category.SYNTAX, Severity.HIGH, tool, line.strip(), rank=Rank.ROOT,
                         line_index=i)


# Compose v1 reports what is wrong with a file as `ERROR: ...`; a Python traceback whose last
# frame is in its `compose/config/` package is a value of the file its config code could not
# handle (a duration that is not one, a type it did not expect): the file, not the machine
_PY_EXCEPTION = lazy_re(r"^(?P<type>[A-Za-z_][\w.]*(?:Error|Exception)): ")


def _config_crash(out: Output, tool: str) -> Iterator[ErrorEvent]:
    seen = set()
    for i in out.find("/compose/config/"):
        if not out.lines[i].startswith('  File "'):
            continue
        for j in range(i + 1, min(i + 8, len(out.lines))):
            line = out.lines[j]
            if line.startswith('  File "'):
                break  # a later frame: the traceback goes on elsewhere
            if line and not line[0].isspace():
                if j not in seen and _PY_EXCEPTION.match(line):
                    seen.add(j)
                    yield _config(out, j, tool, None)
                break


# compose's own words for options that cannot go together: v1's `--build and --no-build can not be
# combined.`, v2's `--build and --no-build are incompatible`, `cannot combine --attach and
# --attach-dependencies`, `--wait cannot be combined with --attach or ...`. Other tools say the
# same words (a container's log among them): looked for in a compose run's text only, on a line
# that starts with an option (or v1's `ERROR: `, or an env var: `COMPOSE_IGNORE_ORPHANS and ...`)
_COMPOSE_PAIR_WORDS = ("be combined", " are incompatible", "cannot combine ")
_COMPOSE_PAIR = lazy_re(r"^(?:ERROR: |Error: )?(?:cannot combine |[A-Z][A-Z0-9_]* and |--?[A-Za-z])")


def _compose_pairs(out: Output, tool: str) -> Iterator[ErrorEvent]:
    text, lines = out.text, set()
    for words in _COMPOSE_PAIR_WORDS:
        pos = text.find(words)
        while pos != -1 and len(lines) < 20:
            lines.add(text.count("\n", 0, pos))
            end = text.find("\n", pos)  # the next line's, if any
            pos = text.find(words, end) if end != -1 else -1
    for i in sorted(lines):
        line = out.line(i)
        if _COMPOSE_PAIR.match(line) and (flag := _last_named(line, out.command or "")):
            yield _config(out, i, tool, flag)


def _compose(out: Output, tool: str) -> Iterator[ErrorEvent]:
    yield from _compose_own(out, tool)
    yield from _compose_pairs(out, tool)
    for i in out.find("yaml."):
        if event := _py_yaml_error(out, i, tool):
            yield event
    for i in out.find("yaml: "):
        if event := go_yaml_error(out, i, tool):
            yield event
    for needle in ("validating ", "additional propert"):
        for i in out.find(needle):
            if m := _INVALID_KEY.search(out.lines[i]):
                yield _config(out, i, tool, _invalid_key(m))
    for needle in ("No such file or directory: '", ": no such file or directory"):
        for i in out.find(needle):
            if not out.lines[i].startswith(".") and (m := _NO_FILE.search(out.lines[i])):
                yield _config(out, i, tool, m["v1"] or m["v2"])
    for i in out.find("o such service: "):
        if m := _NO_SERVICE.search(out.lines[i]):
            yield ErrorEvent(Category.DEPLOYMENT, Severity.HIGH, tool, out.lines[i].strip(),
                             subject=m["name"], line_index=i)
    for i in out.find("ERROR: "):  # v1: what the daemon or a registry refused, per service
        line = out.lines[i]
        if not (m := _V1_ERROR.match(line)) or any(d in line for d in _DAEMON_DOWN):
            continue
        if m["msg"].startswith("Encountered errors"):  # the recap of the `for <svc>` lines
            yield ErrorEvent(Category.DEPLOYMENT, Severity.HIGH, tool, line.strip(),
                             rank=Rank.SUMMARY, line_index=i)
        elif m["service"]:
            yield ErrorEvent(Category.DEPLOYMENT, Severity.HIGH, tool, line.strip(),
                             subject=m["service"], line_index=i)
        elif d := _DAEMON_SUBJECT.search(m["msg"]):
            yield ErrorEvent(Category.DEPLOYMENT, Severity.HIGH, tool, line.strip(),
                             subject=next((v for v in d.groupdict().values() if v), None),
                             line_index=i)


# compose's top-level sections: a v1 file (no `version:`) takes every top-level key for a service,
# so a misspelt section (`service:`) is read as a service whose options are its entries
_TOP_LEVEL = ("services", "volumes", "networks", "configs", "secrets")


def _one_edit(a: str, b: str) -> bool:
    """Whether `a` and `b` differ by exactly one insertion, deletion or substitution."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    k = next((k for k, (x, y) in enumerate(zip(a, b)) if x != y), len(a))
    return a[k + (len(a) == len(b)):] == b[k + 1:]


def _invalid_key(m: re.Match) -> str | None:
    """The key an _INVALID_KEY match names: the option, unless the option's owner is a top-level
    key (no dotted path) one edit away from a section name: that key is the typo."""
    owner = m["owner"]
    if owner and "." not in owner and any(_one_edit(owner, top) for top in _TOP_LEVEL):
        return owner
    return (m["option"] or m["top"] or m["prop"] or m["unmatched"] or m["path"] or m["name"]
            or m["service"])


def _config(out: Output, i: int, tool: str, subject: str | None) -> ErrorEvent:
    return ErrorEvent(Category.CONFIGURATION, Severity.HIGH, tool, out.lines[i].strip(),
                      subject=subject, rank=Rank.ROOT, line_index=i)


def _invalid_keys(out: Output, start: int, tool: str) -> Iterator[ErrorEvent]:
    """The reasons Compose v1 lists under `The Compose file '...' is invalid because:`."""
    for i in range(start, min(start + 20, len(out.lines))):
        m = _INVALID_KEY.search(out.lines[i])
        if not m:
            return
        yield _config(out, i, tool, _invalid_key(m))


def _py_yaml_error(out: Output, i: int, tool: str) -> ErrorEvent | None:
    """PyYAML's `yaml.parser.ParserError: ...`; the last `in "file", line N` mark is the fault."""
    line = _unlogged(out.lines[i])
    if not line.startswith(("yaml.parser.", "yaml.scanner.", "yaml.composer.")):
        return None
    mark = None
    for j in range(i + 1, min(i + 5, len(out.lines))):  # context mark, then problem mark
        mark = _PY_YAML_MARK.match(out.lines[j]) or mark
    location = Location(mark["path"], int(mark["line"]), int(mark["col"])) if mark else None
    return ErrorEvent(Category.SYNTAX, Severity.HIGH, tool, line.strip(), location=location,
                      rank=Rank.ROOT, line_index=i)


def _is_compose(out: Output, tool: str) -> bool:
    if tool in _COMPOSE:
        return True
    return bool(out.command) and f"{tool} compose " in f"{out.command} "


def parse(out: Output) -> Iterable[ErrorEvent]:
    tool = tool_run(out, _TOOLS)  # also under `bash -c '... docker-compose up | ts'`
    if tool is None:
        # another program ran docker (`make image`, a CI script): read what only docker and
        # compose print, the daemon's and the CLI's own message shapes
        yield from _compose_own(out, "docker-compose")
        yield from _docker(out, "docker", own_only=True)
        return
    if _is_compose(out, tool):
        yield from _compose(out, "docker-compose")
        yield from _docker(out, "docker-compose")
    else:
        yield from _docker(out, tool)
