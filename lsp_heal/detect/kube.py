"""kubectl and helm.

kubectl states a failure on one line: `error: ...` for client-side problems, `Error from
server (Reason): ...` for the API server's refusal, `The connection to the server ... was
refused` when there is no cluster (after klog `E1127 ... memcache.go` lines that say the same
and are not read). helm prefixes every failure with `Error: ` and often an operation
(`INSTALLATION FAILED: `).

Readings: the cluster's answers and an unreachable cluster are `deployment` (subject the
resource `kind/name` when the message names one, the context for a missing context, `None`
for a cluster that is down); a manifest or chart template that does not parse is `syntax`; a
bad flag or a manifest path that does not exist is `configuration`.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Iterator

from lsp_heal.detect._gocli import cli_usage, flag_error, go_yaml_error, typed_flag
from lsp_heal.detect._options import option_for
from lsp_heal.detect._regex import lazy_re
from lsp_heal.detect._wrapped import tool_run
from lsp_heal.detect.output import Output
from lsp_heal.model import Category, ErrorEvent, Location, Rank, Severity
from lsp_heal.spelling import edit_distance

_CLUSTER_DOWN = (
    "The connection to the server ",
    "Unable to connect to the server",
    "Kubernetes cluster unreachable",
    "failed to download openapi",
    "connect: connection refused",
)
# the cluster, in words only kubectl (client-go) uses: read also when another program ran it
_OWN_DOWN = ("did you specify the right host or port", "Unable to connect to the server: ",
             "Kubernetes cluster unreachable", "failed to download openapi")
# a manifest named by URL (`-f https://...`) that cannot be fetched: kubectl says `Unable to
# connect to the server: dial tcp: lookup <host> ...` as for the cluster; the host tells
_FILE_URL = lazy_re(r"(?:^|\s)(?:-f|--filename)(?:=|\s+)['\"]?https?://(?P<host>[\w.-]+)")
_DIAL_HOST = lazy_re(r"dial tcp(?: (?P<addr>[\w.\-\[\]:]+):\d+:|: lookup (?P<host>[\w.-]+)[: ])")
# a manifest that is not valid JSON (kubectl names the file and a byte offset, not a line)
_JSON_SYNTAX = lazy_re(
    r"error parsing (?P<path>[^\s:]+): (?:error converting YAML to JSON: )?(?:json: )?"
    r"(?:offset \d+: )?(?:invalid character|unexpected end of JSON input)"
)
_FROM_SERVER = lazy_re(r"[Ee]rror from server(?: \((?P<reason>\w+)\))?: (?P<msg>.+)$")
_OBJECT = lazy_re(r'(?<![\w.-])(?P<kind>[a-z][\w.-]*) "(?P<name>[^"]+)"')
# the API server's Forbidden for a request with no object name (a list, a create by kind):
# `pods is forbidden: User "x" cannot list resource "pods" ...` (apiserver's NewForbidden with an
# empty name): the resource, as printed
_NAMELESS_FORBIDDEN = lazy_re(r'(?P<resource>[a-z][\w.-]*) is forbidden: ')
_FAILED_TO = lazy_re(r"^error: failed to (?:create|patch|update|delete|apply|replace) [\w. -]+: ")
_WHEN = lazy_re(r'error when \w+ "(?P<path>[^"]+)"')
_CONTEXT = lazy_re(
    r'(?:context was not found for specified context: (?P<a>\S+)'
    r'|no context exists with the name: "(?P<b>[^"]+)"'
    r'|context "(?P<c>[^"]+)" does not exist'
    # `config delete-context / delete-cluster / delete-user` and `rename-context` of a name the
    # kubeconfig does not have (`cannot delete context old-dev, not in kubeconfig.yaml`)
    r'|cannot delete (?:context|cluster|user) (?P<d>[^\s,]+), not in '
    r'|cannot rename the context "(?P<e>[^"]+)", it\'s not in'
    # `config get-contexts <name>` of a name the kubeconfig does not have
    r'|^error: context (?P<f>\S+) not found$)'
)
_NO_PATH = lazy_re(r'the path "(?P<path>[^"]+)" does not exist')
# a local file or folder the command names that is not there: `--from-file=x`, `-k dir`
_LOCAL_PATH = lazy_re(
    r"(?:^error: |\"command failed\" err=\")(?:error reading \[?(?P<a>[^\s\]]+?)\]?: "
    r"(?:no such file or directory|recognized file extensions are|is a directory)"
    r"|must build at directory: .*?evalsymlink failure on '(?P<b>[^']+)')"
)
# `apply -k dir` / `kustomize build dir` on a folder with no kustomization file (kustomize's
# `unable to find one of 'kustomization.yaml', 'kustomization.yml' or 'Kustomization' in
# directory '...'`): the file to create, by its first name
_NO_KUSTOMIZATION = lazy_re(r"unable to find one of '(?P<name>[^']+)'")
# a file kubectl itself opens (--kubeconfig, -f in some commands): Go's os.PathError
# client-go's check of the kubeconfig's files (clientcmd/validation.go): `unable to read
# certificate-authority /x/ca.crt for prod due to open /x/ca.crt: no such file or directory`
_KUBECONFIG_FILE = lazy_re(r"^error: unable to read (?:certificate-authority|client-cert|client-key) "
                           r"(?P<path>\S+) for \S+ due to (?P<why>.+)$")
# the files a command was given (`-f job.yaml`, `--filename=k8s/`)
_FILENAMES = lazy_re(r"(?:^|\s)(?:-f|--filename)(?:=|\s+)['\"]?(?P<path>[^\s'\"]+)")
# Go's os.PathError, bare or after kubectl's own words (`error: could not stat client-certificate
# file certs/dev.crt: stat certs/dev.crt: no such file or directory`)
_NO_FILE = lazy_re(r'^error: (?:[^:]{1,200}(?:: |, ))?(?:stat|open|lstat) (?P<path>[^\s:]+): no such file or directory')
# kustomize (also `kubectl kustomize`, whose failure is only a klog `"command failed" err="..."`
# line): a resource the kustomization lists that is not there, a field it does not know
_KUSTOMIZE = lazy_re(
    r"(?:accumulating resources from '(?P<resource>[^']+)': (?:evalsymlink failure|open |lstat )"
    # a file a transformer or generator reads (`failed to get the patch file from path(x.yaml):
    # evalsymlink failure on '/abs/x.yaml'`): the path as the kustomization spells it
    r"|from path\((?P<from>[^)]+)\): evalsymlink failure"
    # a generator's file that is not there (kustomize's kv loader: `loading KV pairs: file sources:
    # [app.conf]: evalsymlink failure on '/abs/app.conf'`, `env source files: [x.env]: ...`): the
    # entry as the kustomization spells it (of `key=path`, the path)
    r"|(?:file|env) sources?(?: files)?: \[(?:[^\]=\s]+=)?(?P<source>[^\]\s]+)\]: evalsymlink failure"
    # two resources that are the same object (`merging resources from 'b.yaml': may not add
    # resource with an already registered id: ...`): the file that added it again
    r"|merging resources from '(?P<merged>[^']+)': may not add resource with an already registered id"
    r"|invalid Kustomization: json: unknown field \\?\"(?P<field>[^\"\\]+)\\?\""
    # a field of the wrong type (`json: cannot unmarshal string into Go struct field
    # Replica.replicas.count of type int64`): the field's path in the file, without the Go type
    r"|invalid Kustomization: json: cannot unmarshal \w+ into Go struct field \w+\.(?P<typed>[\w.]+) of type)"
)
# kubectl's own usage errors (cmdutil.UsageErrorf and its checks of flag values)
_USAGE = lazy_re(
    r"^error: (?:Invalid (?P<flag>[\w-]+) value \("
    r"|unable to match a printer suitable for the output format (?P<output>\S+)"
    r"|You must provide one or more resources|must specify one of -f and -k"
    # a repeated flag none was given of (create role: `at least one verb must be specified`,
    # `at least one resource must be specified`): the flag of that name; the resource builder's
    # `... must be specified to use a selector` (a positional TYPE) goes on to the next line
    # and create service's `at least one tcp port specifier must be provided` (--tcp)
    r"|at least one (?P<each>[a-z]+)(?: [a-z]+)*? must be (?:specified|provided)$"
    # a `key=value` list flag's item with no `=` (create quota --hard: `Invalid argument syntax
    # cpu, expected <resource>=<value>`): the flag given that item
    r"|Invalid argument syntax (?P<item>[^\s,]+), expected "
    r"|(?:at least one|exactly one) (?:NAME|resource|filename|annotation update|label update|taint update)"
    r"|resource\(s\) were provided, but no name was specified)"
)
# a program kubectl runs that is not installed: `kubectl diff`'s KUBECTL_EXTERNAL_DIFF
# (`failed to run "colordiff": executable file not found in $PATH`), Go's os/exec
# (`exec: "x": executable file not found in $PATH`), client-go's credential plugin
# (`getting credentials: exec: executable gke-gcloud-auth-plugin not found`)
_NO_EXECUTABLE = lazy_re(
    r'(?:failed to run "(?P<a>[^"]+)": |exec: "(?P<b>[^"]+)": )executable file not found in \$PATH'
    r"|exec: executable (?P<c>[^\s:]+) not found"
)
_NO_EXECUTABLE_NEEDLES = ("executable file not found in $PATH", "exec: executable ")
# a label or field selector that does not parse (apimachinery's labels / fields parsers), said
# by kubectl or by the API server (`Unable to find "pods" that match label selector ...: unable
# to parse requirement: ...`): the command's selector is wrong
_SELECTOR_STRING = lazy_re(r'couldn\'t parse the selector string "(?P<sel>[^"]+)"')
_SELECTOR = ("unable to parse requirement", "couldn't parse the selector string",
             "invalid selector: ", "field label not supported: ")
_UNABLE_TO_FIND = lazy_re(r'Unable to find "(?:[\w.-]*/)?[\w.-]*,? ?Resource=(?P<resource>[\w.-]+)"')
# `kubectl wait --for=<what>`: a condition it cannot read
_WAIT_FOR = ("error: unrecognized condition: ", "error: jsonpath wait format must be ")
_VALIDATING = lazy_re(r'error validating "(?P<path>[^"]+)": error validating data: (?P<msg>.+)$')
# a kind the cluster does not serve in that apiVersion (an old or misspelt apiVersion, a CRD
# not installed): `resource mapping not found for name: "web" namespace: "" from "x.yaml":
# no matches for kind ...`, older kubectl `unable to recognize "x.yaml": no matches for kind`
_NO_KIND = lazy_re(
    r'(?:resource mapping not found for name: "(?P<name>[^"]*)" namespace: "[^"]*" from'
    r'|unable to recognize) "(?P<path>[^"]+)": no matches for kind "(?P<kind>[^"]+)"'
)
# an object the message says something definite about: `deployments.apps "web" already exists`,
# `Deployment.apps "web" is invalid: ...` (kubectl's own `error: failed to create ...: ` too)
_STATED = lazy_re(
    r'(?P<kind>[A-Za-z][\w-]*(?:\.[\w.-]+)?) "(?P<name>[^"]+)" '
    r"(?:already exists|not found|is invalid|is forbidden)"
)
# a container the pod does not have (`logs -c`, `exec -c`): kubectl's own check and the API
# server's (`container x is not valid for pod y`); the container is what is wrong
_CONTAINER = lazy_re(r'container (?:"(?P<a>[^"]+)"|(?P<b>[\w.-]+)) (?:is not valid for pod|not found in pod)'
                     r'|container not found \("(?P<c>[^"]+)"\)')
# cmdutil.UsageErrorf: `error: <what>` then `See 'kubectl logs -h' for help and examples`
_USAGE_TRAILER = lazy_re(r"^See '(?:kubectl|oc)(?: [\w-]+)* -h' for help and examples")
_COBRA_TRAILER = lazy_re(r"^See '(?:kubectl|oc)(?: [\w-]+)* --help' for usage\.")
_OUTPUT_FLAG = lazy_re(r"(?:^|\s)(?P<flag>-o|--output)(?:[\s=]|(?<=-o)\w)")
# `rollout status` / `wait`: what was waited for
_WAITING = lazy_re(r'^Waiting for (?P<kind>deployment|daemon set|statefulset) "(?P<name>[^"]+)"')
_WAITED_ON = lazy_re(r"timed out waiting for the condition on (?P<obj>\S+)")
# rollout status's status viewer (polymorphichelpers): a Deployment whose Progressing condition
# says ProgressDeadlineExceeded: `error: deployment "web" exceeded its progress deadline`
_DEADLINE = lazy_re(r'^error: (?P<kind>[a-z][a-z ]*?) "(?P<name>[^"]+)" exceeded its progress deadline')
_RESOURCE_ARG = lazy_re(r"\s(?:rollout\s+status|wait)\s+(?:\S+\s+)*?(?P<obj>[a-z][\w.-]*/[\w.-]+)")
_RESOURCE_TYPE = lazy_re(r'the server doesn\'t have a resource type "(?P<kind>[^"]+)"')
# an argument of `label` / `annotate` / `taint` that does not parse (`error: invalid label value:
# "tier=front end": a valid label must ...`, `error: invalid label spec: k=v=w`, `error: invalid
# taint effect: Nope, ...`): the argument as printed
_BAD_ARG = lazy_re(r'^error: invalid (?:label|annotation|taint)(?: \w+)?: (?:"(?P<q>[^"]*)"|(?P<w>[^\s,:]+))')
# `create secret generic` / `create configmap`: a --from-literal / --from-file / --from-env-file
# value that is not `key=value` (`error: invalid literal source PASSWORD, expected key=value`)
_BAD_SOURCE = lazy_re(r"^error: invalid (?P<src>literal|file|env[- ]file) source\b")
# `port-forward` with a port that is not one: `error: error parsing local port 'abc': ...`
_BAD_PORT = lazy_re(r"^error: error parsing (?:local|remote) port '(?P<port>[^']*)'")
# an output template that does not parse (`-o jsonpath=`, `-o go-template=`, `--template`)
_STRCONV = lazy_re(r'^error: strconv\.\w+: parsing "(?P<value>[^"]*)": ')
_KEY_PAIR = lazy_re(r"tls: (?:failed to find (?:any|certificate) PEM data in (?P<cert>certificate)?"
                    r"|private key does not match public key)")
_BAD_TEMPLATE = ("error: error parsing jsonpath ", "error: error parsing template ", "error: template: ")
_BAD_TEMPLATE_NEEDLES = tuple("\n" + start for start in _BAD_TEMPLATE)  # at a line's start
# a manifest field the API server does not know (strict field validation, server-side apply):
# `strict decoding error: unknown field "spec.x"`, `.spec.x: field not declared in schema`
_UNKNOWN_FIELD = lazy_re(r'unknown field \\?"(?P<a>[^"\\]+)\\?"|(?P<b>\.[\w.\[\]/-]+): field not declared in schema')
# kubectl's client-side schema check of a manifest that leaves out what every object needs
# (`error validating data: kind not set`, `[apiVersion not set, kind not set]`) or a field its
# schema requires (`ValidationError(Deployment.spec): missing required field "selector" in ...`):
# the key (docs/detection.md: a schema's missing key is `configuration`), first of a list
_FIELD_MISSING_CLIENT = lazy_re(r'^\[?(?P<key>[A-Za-z][\w.]*) not set\b'
                                r'|(?:ValidationError\((?P<where>[\w.\[\]-]+)\): )?missing required field "(?P<field>[^"]+)"')
_FIELD_UNKNOWN_CLIENT = lazy_re(r'(?:ValidationError\((?P<where>[\w.\[\]-]+)\): )?unknown field "(?P<field>[^"]+)"')
_TEMPLATE = lazy_re(
    r"(?:parse error at \((?P<p1>[^):]+):(?P<l1>\d+)\)"
    r"|template: (?P<p2>[^:\s]+):(?P<l2>\d+)(?::(?P<c2>\d+))?: )"
)


def _event(out: Output, i: int, category: Category, subject: str | None = None,
           rank: Rank = Rank.ERROR, location: Location | None = None) -> ErrorEvent:
    return ErrorEvent(category, Severity.HIGH, out.tool or "kubectl", out.lines[i].strip(),
                      subject=subject, location=location, rank=rank, line_index=i)


def _is_klog(line: str) -> bool:
    """`E1127 10:42:47.525222   11780 memcache.go:265] ...`: a log line, restated later."""
    return len(line) > 5 and line[0] in "EWIF" and line[1:5].isdigit() and "] " in line


def _down(out: Output, needles: tuple[str, ...] = _CLUSTER_DOWN) -> Iterator[ErrorEvent]:
    seen: set[int] = set()
    urls = {m["host"] for m in _FILE_URL.finditer(out.command or "")}
    for needle in needles:
        for i in out.find(needle):
            if i in seen or _is_klog(out.lines[i]):
                continue
            seen.add(i)
            line = out.lines[i]
            if "exec: executable " in line and _NO_EXECUTABLE.search(line):
                continue  # the credential plugin is not installed: read by _missing_program
            if urls and (d := _DIAL_HOST.search(line)) and (d["host"] or d["addr"]) in urls:
                # not the cluster: the manifest's URL (kubectl says the same words for both)
                yield _event(out, i, Category.NETWORK, d["host"] or d["addr"], Rank.ROOT)
                continue
            path = _VALIDATING.search(line)
            location = Location(path["path"]) if path else None
            yield _event(out, i, Category.DEPLOYMENT, None, Rank.ROOT, location)


# the API server's reasons that are its own trouble (HTTP 429 / 5xx / 504): retryable by nature
_RETRYABLE = frozenset({"TooManyRequests", "InternalError", "ServiceUnavailable", "ServerTimeout",
                        "Timeout"})


def _server(out: Output) -> Iterator[ErrorEvent]:
    for i in out.find("rror from server ("):
        m = _FROM_SERVER.search(out.lines[i])
        if not m:
            continue
        if any(w in m["msg"] for w in _SELECTOR):
            yield _event(out, i, Category.CONFIGURATION, None, Rank.ROOT)
            continue
        when = _WHEN.search(m["msg"])  # `error when creating "x.yaml": <what the server said>`
        if ("unknown field " in m["msg"] or "field not declared" in m["msg"]) \
                and (f := _UNKNOWN_FIELD.search(m["msg"])):  # a mistyped key in the manifest
            yield _event(out, i, Category.CONFIGURATION, (f["a"] or f["b"]).lstrip("."), Rank.ROOT,
                         Location(when["path"]) if when else None)
            continue
        if find := _UNABLE_TO_FIND.match(m["msg"]):  # a list with a selector: the resource
            obj, subject = None, find["resource"]
        else:
            start = when.end() if when else 0
            if (start == 0 or m["msg"][start:start + 2] == ": ") \
                    and (nameless := _NAMELESS_FORBIDDEN.match(m["msg"], start + 2 if start else 0)):
                obj, subject = None, nameless["resource"]
            else:
                obj = _OBJECT.search(m["msg"], start)
                subject = f"{obj['kind']}/{obj['name']}" if obj else None
        if subject is None and (c := _CONTAINER.search(m["msg"])):  # a container of a pod
            subject = c["a"] or c["b"] or c["c"]
        event = _event(out, i, Category.DEPLOYMENT, subject,
                       location=Location(when["path"]) if when else None)
        if m["reason"] in _RETRYABLE:  # the server's trouble, not the request's: retry
            event = ErrorEvent(event.category, Severity.MEDIUM, event.tool, event.message,
                               subject=event.subject, location=event.location, rank=event.rank,
                               line_index=event.line_index)
        yield event


def _client(out: Output) -> Iterator[ErrorEvent]:
    for needle in ("context", "\nerror: cannot delete "):
        for i in out.find(needle):
            if m := _CONTEXT.search(out.lines[i]):
                yield _event(out, i, Category.DEPLOYMENT, m["a"] or m["b"] or m["c"] or m["d"] or m["e"] or m["f"],
                             Rank.ROOT)
    for i in out.find("yaml: "):
        if event := go_yaml_error(out, i, out.tool or "kubectl"):
            yield event
    for i in out.find("error parsing "):
        if m := _JSON_SYNTAX.search(out.lines[i]):
            yield _event(out, i, Category.SYNTAX, None, Rank.ROOT, Location(m["path"]))
    for i in out.find("does not exist"):
        if m := _NO_PATH.search(out.lines[i]):
            yield _event(out, i, Category.CONFIGURATION, m["path"], Rank.ROOT)
    for needle in ("error reading ", "evalsymlink failure on '"):
        for i in out.find(needle):
            if m := _LOCAL_PATH.search(out.lines[i]):
                yield _event(out, i, Category.CONFIGURATION, m["a"] or m["b"], Rank.ROOT)
    for i in out.find("unable to find one of '"):
        if (m := _NO_KUSTOMIZATION.search(out.lines[i])) and not _is_klog(out.lines[i]):
            yield _event(out, i, Category.CONFIGURATION, m["name"], Rank.ROOT)
    for i in out.find(": no such file or directory"):
        if m := _NO_FILE.match(out.lines[i]):
            yield _event(out, i, Category.CONFIGURATION, m["path"], Rank.ROOT)
    yield from _kustomize(out)
    for needle in ("error: Invalid ", "error: unable to match a printer", "error: You must provide",
                   "error: must specify one of", "error: at least one", "error: exactly one",
                   "were provided, but no name"):
        for i in out.find(needle):
            if m := _USAGE.match(out.lines[i]):
                flag = f"--{m['flag']}" if m["flag"] else f"--{m['each']}" if m["each"] else None
                if m["item"]:
                    flag = _flag_given(out, i, m["item"], within=True)
                if m["output"]:  # the output flag as the command spells it
                    given = _OUTPUT_FLAG.search(out.command or "")
                    flag = given["flag"] if given else "--output"
                yield _event(out, i, Category.CONFIGURATION, flag, Rank.ROOT)
    for i in out.find(" for help and examples"):  # any other usage error: the invocation
        if _USAGE_TRAILER.match(out.lines[i]):
            j = next((j for j in range(i - 1, max(-1, i - 6), -1)
                      if out.lines[j].startswith("error: ")), None)
            if j is not None and not _USAGE.match(out.lines[j]) and not _own_argument(out.lines[j]):
                yield _event(out, j, Category.CONFIGURATION, _usage_value(out, j), Rank.ROOT)
    for needle in (" is not valid for pod ", " not found in pod ", "container not found (\""):
        for i in out.find(needle):
            line = out.lines[i]
            if "rror from server (" not in line and not _is_klog(line) \
                    and (m := _CONTAINER.search(line)):
                yield _event(out, i, Category.DEPLOYMENT, m["a"] or m["b"] or m["c"])
    yield from _validating(out)
    for needle in _WAIT_FOR:
        for i in out.find(needle):
            yield _event(out, i, Category.CONFIGURATION, "--for", Rank.ROOT)
    for needle in _SELECTOR:
        for i in out.find(needle):
            if out.lines[i].startswith("error: "):
                # `set selector` takes the selector as an argument, no option: the selector as
                # printed (`couldn't parse the selector string "app in (web"`)
                m = _SELECTOR_STRING.search(out.lines[i]) if " selector " in (out.command or "") else None
                yield _event(out, i, Category.CONFIGURATION, m["sel"] if m else None, Rank.ROOT)
    for i in out.find("no matches for kind "):
        if m := _NO_KIND.search(out.lines[i]):
            kind = m["kind"].lower()
            yield _event(out, i, Category.DEPLOYMENT, f"{kind}/{m['name']}" if m["name"] else kind,
                         Rank.ROOT, Location(m["path"]))
    for i in out.find("doesn't have a resource type"):
        if m := _RESOURCE_TYPE.search(out.lines[i]):
            yield _event(out, i, Category.DEPLOYMENT, m["kind"])


# a kubeconfig with no current-context (a fresh one, from a template): kubectl's `config
# set-context --current` (`error: no current context is set`), `config view --minify`
# (`error: current-context must exist in order to minify`): the kubeconfig is to be set up
_NO_CURRENT = ("no current context is set", "current-context must exist in order to minify")


def _no_current_context(out: Output) -> Iterator[ErrorEvent]:
    for needle in _NO_CURRENT:
        for i in out.find(needle):
            if out.lines[i].startswith("error: "):
                yield _event(out, i, Category.CONFIGURATION, None, Rank.ROOT)


def _validating(out: Output) -> Iterator[ErrorEvent]:
    """`error validating "x.yaml": error validating data: kind not set`: kubectl's own words."""
    for i in out.find("error validating data: "):
        m = _VALIDATING.search(out.lines[i])
        if m and "openapi" not in m["msg"]:
            if f := _FIELD_UNKNOWN_CLIENT.search(m["msg"]):  # a mistyped key, by the schema
                where = f["where"].partition(".")[2] if f["where"] else ""
                yield _event(out, i, Category.CONFIGURATION, f"{where}.{f['field']}" if where else f["field"],
                             Rank.ROOT, Location(m["path"]))
                continue
            if f := _FIELD_MISSING_CLIENT.search(m["msg"]):  # a key the schema requires, left out
                key = f["key"] or f["field"]
                where = f["where"].partition(".")[2] if f["where"] else ""
                yield _event(out, i, Category.CONFIGURATION, f"{where}.{key}" if where else key,
                             Rank.ROOT, Location(m["path"]))
                continue
            yield _event(out, i, Category.DEPLOYMENT, location=Location(m["path"]))


def _own_argument(line: str) -> bool:
    """Whether _arguments reads `line` (with its subject): the usage trailer leaves it."""
    return bool(line.startswith(_BAD_TEMPLATE) or _BAD_PORT.match(line) or _BAD_ARG.match(line))


def _kubectl_lines(out: Output, i: int) -> Iterator[str]:
    """The command, then the kubectl lines make echoed above line `i`: where a flag was typed."""
    yield out.command or ""
    for j in range(i - 1, max(-1, i - 8), -1):
        if "kubectl " in out.lines[j]:
            yield out.lines[j]


def _output_flag(out: Output, i: int) -> str:
    """The output flag as the command spells it; under make, as the echoed recipe line does."""
    return next((given["flag"] for line in _kubectl_lines(out, i)
                 if (given := _OUTPUT_FLAG.search(line))), "--output")


def _config_property(out: Output, i: int, value: str) -> str | None:
    """The property `kubectl config set PROPERTY VALUE` gave `value` to (a bool or int kubectl
    parses itself: `error: strconv.ParseBool: parsing "maybe"`)."""
    pattern = re.compile(rf"(?:^|\s)config\s+set\s+(?P<prop>[^\s-]\S*)\s+['\"]?{re.escape(value)}['\"]?(?:\s|$)")
    return next((m["prop"] for line in _kubectl_lines(out, i) if (m := pattern.search(line))), None)


def _flag_given(out: Output, i: int, value: str, within: bool = False) -> str | None:
    """The flag the command (or the kubectl line make echoed) gave `value` to (`within`: as one
    item of a comma-separated list, `--hard=cpu,memory=1Gi`)."""
    return next((flag for line in _kubectl_lines(out, i) if (flag := option_for(line, value, within))),
                None)


_LONG_FLAG = lazy_re(r"(?:^|\s)--(?P<name>[a-z][a-z-]*[a-z])(?==|\s|$)")


def _flag_named(out: Output, i: int) -> str | None:
    """A client-side check that names a long flag the command gave by its bare name
    (`error: serviceaccount must be <namespace>:<name>` for --serviceaccount, `error: invalid
    format specified for min-available` for --min-available): that flag."""
    line = out.lines[i]
    for m in _LONG_FLAG.finditer(out.command or ""):
        name = m["name"]
        if name in line and re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", line[7:]):
            return f"--{name}"
    return None


# the value a usage error quotes (`Unsupported shell type "fish2".`) or ends with (`invalid
# restart policy: Sometimes`)
_LAST_WORD = lazy_re(r"\s(?P<value>[^\s:\"']+)$")
_QUOTED_VALUE = lazy_re(r'"(?P<a>[^"\s]+)"|\'(?P<b>[^\'\s]+)\'|: (?P<c>[^\s:"\']+?)\.?$')


def _usage_value(out: Output, i: int) -> str | None:
    """What a usage error refuses: the flag the command gave the value it quotes (`--restart`),
    else the value itself when the command passed it as an argument (`fish2`), else nothing."""
    line = out.lines[i]
    for m in _QUOTED_VALUE.finditer(line):
        value = m["a"] or m["b"] or m["c"]
        if flag := _flag_given(out, i, value):
            return flag
        lines = [out.command or ""] + [out.lines[j] for j in range(i - 1, max(-1, i - 8), -1)
                                       if "kubectl " in out.lines[j]]
        if any(value in line.split() for line in lines):
            return value
    return None


def _key_pair(out: Output) -> Iterator[ErrorEvent]:
    """`create secret tls`: Go's crypto/tls cannot read the pair (`tls: failed to find any PEM data
    in certificate input`, `... in key input`, `tls: private key does not match public key`)."""
    for needle in ("PEM data in ", "private key does not match public key"):
        for i in out.find(needle):
            if m := _KEY_PAIR.search(out.lines[i]):
                yield _event(out, i, Category.CONFIGURATION, "--cert" if m["cert"] else "--key", Rank.ROOT)


def _arguments(out: Output) -> Iterator[ErrorEvent]:
    """kubectl's own checks of an argument: an output template, a port, a label / annotation."""
    for needle in _BAD_TEMPLATE_NEEDLES:
        for i in out.find(needle):
            yield _event(out, i, Category.CONFIGURATION, _output_flag(out, i), Rank.ROOT)
    for i in out.find("\nerror: error parsing "):
        if m := _BAD_PORT.match(out.lines[i]):
            yield _event(out, i, Category.CONFIGURATION, m["port"], Rank.ROOT)
    # a flag's value a command converts itself, after cobra took it as a string (`run --port=http`:
    # `error: strconv.Atoi: parsing "http": invalid syntax`): the flag given that value
    for i in out.find("\nerror: strconv."):
        if m := _STRCONV.match(out.lines[i]):
            yield _event(out, i, Category.CONFIGURATION,
                         _flag_given(out, i, m["value"]) or _config_property(out, i, m["value"]), Rank.ROOT)
    yield from _key_pair(out)
    for i in out.find("\nerror: invalid "):
        if m := _BAD_ARG.match(out.lines[i]):
            yield _event(out, i, Category.CONFIGURATION, m["q"] if m["q"] is not None else m["w"], Rank.ROOT)
        elif m := _BAD_SOURCE.match(out.lines[i]):
            yield _event(out, i, Category.CONFIGURATION, "--from-" + m["src"].replace(" ", "-"), Rank.ROOT)
        elif ((flag := _usage_value(out, i)) and flag.startswith("-")) or (
                (w := _LAST_WORD.search(out.lines[i])) and (flag := _flag_given(out, i, w["value"]))):
            # any other value a command checks itself (`run --env=FOO`: `error: invalid env: FOO`,
            # `invalid restart policy: x`, `invalid service external name Bad_Name`): the flag the
            # command gave that value
            yield _event(out, i, Category.CONFIGURATION, flag, Rank.ROOT)


def _kustomize(out: Output) -> Iterator[ErrorEvent]:
    """kustomize's words (also under `make manifests`, where only its klog line tells it)."""
    for needle in ("accumulating resources from '", "invalid Kustomization: json: ",
                   "evalsymlink failure on '", "already registered id"):
        for i in out.find(needle):
            if m := _KUSTOMIZE.search(out.lines[i]):
                yield _event(out, i, Category.CONFIGURATION,
                             m["resource"] or m["field"] or m["typed"] or m["from"] or m["merged"] or m["source"],
                             Rank.ROOT)


def _typo_of(name: str, suggestions: list[str]) -> bool:
    """Whether `name` is a slip of one of cobra's suggestions: one edit away (a swap counted
    once) or a prefix either way. Cobra suggests anything within two plain edits, so a plugin's
    short name (`neat` → `get`, `set`) draws suggestions it is no typo of."""
    return any(edit_distance(name, s) <= 1 or s.startswith(name) or name.startswith(s) for s in suggestions)


def _plugins(out: Output, events: Iterator[ErrorEvent]) -> Iterator[ErrorEvent]:
    """kubectl runs `kubectl-<name>` from PATH for a command it does not have, and says `unknown
    command "<name>"` only when there is none: with no `Did you mean this?` (cobra's suggestion of
    a built-in command near the name), or only suggestions the name is no slip of, the name is a
    plugin that is not installed (`krew`, `neat`)."""
    for e in events:
        if e.subject and e.message.startswith("Error: unknown command "):
            mean = next((j for j in range(e.line_index + 1, e.line_index + 4)
                         if out.line(j).startswith("Did you mean this?")), None)
            suggestions = []
            if mean is not None:
                for j in range(mean + 1, mean + 12):
                    line = out.line(j)
                    if not line.startswith("\t"):
                        break
                    suggestions.append(line.strip())
            if mean is None or (suggestions and not _typo_of(e.subject, suggestions)):
                e = dataclasses.replace(e, category=Category.DEPENDENCY)
        yield e


def _missing_program(out: Output) -> Iterator[ErrorEvent]:
    """A program kubectl runs (external diff, credential plugin) that is not installed."""
    for needle in _NO_EXECUTABLE_NEEDLES:
        for i in out.find(needle):
            if not _is_klog(out.lines[i]) and (m := _NO_EXECUTABLE.search(out.lines[i])):
                yield _event(out, i, Category.DEPENDENCY, m["a"] or m["b"] or m["c"], Rank.ROOT)


def _stated(out: Output, own_only: bool = False) -> Iterator[ErrorEvent]:
    """A refusal about a named object outside `Error from server (...)`: kubectl's own
    `error: failed to create deployment: ... already exists`, `The request is invalid: ...`;
    with `own_only` (another program ran kubectl) only kubectl's `error: failed to <verb> `."""
    for needle in (" already exists", '" is invalid: ', '" not found', '" is forbidden'):
        for i in out.find(needle):
            line = out.lines[i]
            if "rror from server (" in line or _is_klog(line):
                continue  # read by _server
            if own_only and not _FAILED_TO.match(line):
                continue
            if m := _STATED.search(line):
                when = _WHEN.search(line)
                yield _event(out, i, Category.DEPLOYMENT, f"{m['kind']}/{m['name']}",
                             location=Location(when["path"]) if when else None)


def _deadlines(out: Output) -> Iterator[ErrorEvent]:
    """`rollout status` of a rollout that stopped progressing: the object, as `kind/name`
    (the form of the `Waiting for deployment "web"` lines before it); kubectl's own sentence,
    read under make or a script too."""
    for i in out.find(" exceeded its progress deadline"):
        if m := _DEADLINE.match(out.lines[i]):
            yield ErrorEvent(Category.DEPLOYMENT, Severity.HIGH, out.tool or "kubectl", out.lines[i].strip(),
                             subject=f"{m['kind'].replace(' ', '')}/{m['name']}", rank=Rank.ERROR, line_index=i)


def _timeouts(out: Output, own_only: bool = False) -> Iterator[ErrorEvent]:
    """`error: timed out waiting for the condition`: the object waited for, from the line itself,
    the `Waiting for deployment "web" ...` progress lines before it, or the command. With
    `own_only` (another program ran kubectl), only when kubectl's own lines name the object."""
    for i in out.find("timed out waiting for the condition"):
        line = out.lines[i]
        if _is_klog(line) or (own_only and not line.startswith("error: timed out waiting for the condition")):
            continue
        subject = None
        if m := _WAITED_ON.search(line):
            subject = m["obj"]
        else:
            for j in range(i - 1, max(-1, i - 50), -1):
                if w := _WAITING.match(out.lines[j]):
                    subject = f"{w['kind'].replace(' ', '')}/{w['name']}"
                    break
            if subject is None and (c := _RESOURCE_ARG.search(f" {out.command or ''}")):
                subject = c["obj"]
        if own_only and subject is None:
            continue
        yield ErrorEvent(Category.DEPLOYMENT, Severity.MEDIUM, out.tool or "kubectl",
                         line.strip(), subject=subject, rank=Rank.ERROR, line_index=i)


# kubectl's own checks of what the command asks for, stated in an `error: ` line of their own
# (kubectl cp, the printers, apply's visitor): the invocation is wrong, nothing in the cluster
_OWN_CHECK = lazy_re(
    r"^error: (?:(?P<path>\S+) doesn't exist in local filesystem"
    r"|(?P<columns>unexpected custom-columns spec|custom-columns format specified)"
    r"|(?P<empty>no objects passed to \w+)|[Rr]equired resource not specified"
    # cli-runtime's resource builder: arguments that are not `TYPE NAME...` nor `TYPE/NAME...`
    r"|there is no need to specify a resource type as a separate argument"
    r"|arguments in resource/name form "
    r"|(?P<sort>couldn't find any field with path )"  # the sorter: `--sort-by` names no field
    # a command's own check of its arguments (`you must specify at least one command for the
    # container`), genericclioptions' `Invalid timeout value` (only --request-timeout parses one)
    r"|(?:you )?must specify |(?P<timeout>Invalid timeout value)"
    # a positional argument a command needs and was not given (certificate approve: `one or more
    # CSRs must be specified as <name> or -f <filename>`; set serviceaccount: `serviceaccount is
    # required`): the invocation, no flag to name
    r"|one or more \w+ must be specified\b|(?P<positional>[a-z]+) is required$"
    # a container a `set image|resources|env` names that the object does not have (`unable to find
    # container named "worker"`): the container as the command names it
    r'|unable to find container named "(?P<container>[^"]+)"'
    # a `key=value` list flag's item that does not parse (run --labels: `unexpected label spec:
    # app`): the flag the command gave that item
    r"|unexpected \w+ spec: (?P<spec>\S+)$"
    # a check that begins with the flag it is about: `--sort-by accepts only cpu or memory`
    r"|(?P<lead>--[a-z][\w-]*)(?==| )"
    # a check that names the flag to fix: `The --replicas=COUNT flag is required`, `... pass the
    # --all flag`; the last flag named is the one the message asks for
    r"|.{0,300}(?P<flag>--[a-z][\w-]*)(?:=[A-Z_]+)? flag\b"
    # a value a command checks itself, echoed with the word of its flag (create ingress: `rule bad
    # is invalid and should be in format host/path=svcname:svcport`): the flag given that value
    r"|(?P<word>[a-z][\w-]*) (?P<value>\S+) is invalid and should be in format "
    # the same check with no value echoed (create ingress: `default-backend should be in format
    # servicename:serviceport`): the flag of that word
    r"|(?P<fword>[a-z][\w-]*) should be in format "
    # else the first flag the check names (`either --image or --from must be specified`, `valid
    # --types are Normal or Warning`): the option to change
    r"|.{0,300}?(?<![\w-])(?P<named>--[a-z][\w-]*))"
)


# kubectl's own checks of a flag's value that name no `--flag` (validated before any request):
# `invalid - validate option "maybe"; must be one of: ...` (cmdutil's choice flags), `one of
# min-available or max-unavailable must be specified`, a key a `--from-env-file` / `--env` gives
# that is not a valid name (`"DB HOST" is not a valid key name`), a quantity that does not parse
# (apimachinery's `quantities must match the regular expression`), a patch that does not parse
_LOCAL_CHECK = lazy_re(
    r"^error: (?:invalid - (?P<choice>[a-z][\w-]*) option "
    r"|(?:one|either) of (?P<one>[a-z][\w-]*) or [a-z][\w-]* must be specified"
    # both of a pair (create secret tls: `key and cert must be specified`): the first named
    r"|(?P<both>[a-z][\w-]*) and [a-z][\w-]* must (?:both )?be specified$"
    r"|\"(?P<key>[^\"]+)\" is not a valid (?:key|environment variable) name"
    r"|(?P<quantity>quantities must match the regular expression)"
    r"|(?P<patch>invalid JSON document|unable to parse \"))"
)
_QUANTITY_FLAGS = lazy_re(r"(?:^|\s)(?P<flag>--(?:hard|limits|requests))[=\s]")
_PATCH_FLAG = lazy_re(r"(?:^|\s)(?P<flag>-p|--patch)[=\s]")


def _local_check(out: Output, line: str) -> tuple[bool, str | None]:
    """Whether an `error:` line is one of kubectl's own flag checks, and the flag it is about."""
    m = _LOCAL_CHECK.match(line)
    if not m:
        return False, None
    if m["choice"] or m["one"] or m["both"]:
        return True, "--" + (m["choice"] or m["one"] or m["both"])
    if m["key"]:
        return True, m["key"]
    given = (_QUANTITY_FLAGS if m["quantity"] else _PATCH_FLAG).search(out.command or "")
    return True, given["flag"] if given else None


def _only_filename(out: Output) -> str | None:
    """The file a command was given with `-f`, when it was given one (`no objects passed to
    create`: that file holds no object)."""
    given = _FILENAMES.findall(out.command or "")
    return given[0] if len(given) == 1 else None


def _kubeconfig_files(out: Output) -> Iterator[ErrorEvent]:
    """A file the kubeconfig names (a CA, a client certificate or key) that cannot be read."""
    for i in out.find("\nerror: unable to read "):
        if m := _KUBECONFIG_FILE.match(out.lines[i]):
            category = Category.PERMISSION if m["why"].endswith("permission denied") else Category.CONFIGURATION
            yield _event(out, i, category, m["path"], Rank.ROOT)


# two options that cannot go together (`from-env-file cannot be combined with from-file or
# from-literal`, `min-available and max-unavailable cannot be both specified`, `--a and --b cannot
# be used together`): the option the message names last, among those the command gives
_CONFLICT = lazy_re(r"\b(?:cannot|can't|may not|must not) (?:both )?be (?:both )?(?:combined|specified|used|set)"
                    r"(?: together| with|$)|\bare mutually exclusive|\bcannot (?:specify|use) both\b|\bonly one of\b")
_OPTION_WORD = lazy_re(r"(?<![\w-])(?:--)?([a-z][a-z0-9]*(?:-[a-z0-9]+)*)")


def _conflict(out: Output, i: int) -> str | None:
    line = out.lines[i]
    if not _CONFLICT.search(line):
        return None
    commands = [out.command or ""] + [out.lines[j] for j in range(i - 1, max(-1, i - 8), -1)
                                      if "kubectl " in out.lines[j]]
    given = [w for w in _OPTION_WORD.findall(line, 7)
             if any(re.search(rf"(?:^|\s)--{re.escape(w)}(?:[=\s]|$)", c) for c in commands)]
    return f"--{given[-1]}" if len(given) > 1 else None


def _last_of_pair(out: Output, events: Iterable[ErrorEvent]) -> Iterator[ErrorEvent]:
    """The shared CLI reading names the first of two options that exclude each other; kubectl's
    are read by the one named last (docs/detection.md)."""
    for e in events:
        if e.category == Category.CONFIGURATION and (flag := _conflict(out, e.line_index)):
            e = dataclasses.replace(e, subject=flag)
        yield e


def _other(out: Output, claimed: set[int]) -> Iterator[ErrorEvent]:
    """Any other `error: ...` (kubectl) or `Error: ...` (helm) line."""
    for i in out.find("rror: "):
        if i not in claimed and out.lines[i].startswith(("error: ", "Error: ")):
            if flag := _conflict(out, i):
                yield _event(out, i, Category.CONFIGURATION, flag, Rank.ROOT)
                continue
            if out.lines[i].startswith("error: unable to find any kubectl plugins"):
                # `kubectl plugin list` finds no `kubectl-*` program on PATH: none installed
                yield _event(out, i, Category.DEPENDENCY, None, Rank.ROOT)
                continue
            if m := _OWN_CHECK.match(out.lines[i]):
                subject = m["path"] or m["container"] or (m["spec"] and _flag_given(out, i, m["spec"], within=True)) or (_output_flag(out, i) if m["columns"] else None) \
                    or (_only_filename(out) if m["empty"] else None) \
                    or ("--sort-by" if m["sort"] else None) or m["flag"] \
                    or ("--request-timeout" if m["timeout"] else None) or m["lead"] \
                    or (m["value"] and (_flag_given(out, i, m["value"]) or f"--{m['word']}")) \
                    or (m["fword"] and f"--{m['fword']}") or m["named"]
                yield _event(out, i, Category.CONFIGURATION, subject, Rank.ROOT)
                continue
            local, subject = _local_check(out, out.lines[i])
            if local:
                yield _event(out, i, Category.CONFIGURATION, subject, Rank.ROOT)
                continue
            if flag := _flag_named(out, i):
                yield _event(out, i, Category.CONFIGURATION, flag, Rank.ROOT)
                continue
            yield _event(out, i, Category.DEPLOYMENT)
    # `kubectl kustomize` (and other commands that end in klog) state the failure only as
    # `E1127 ... run.go:72] "command failed" err="..."`
    for i in out.find('"command failed" err='):
        if i not in claimed and _is_klog(out.lines[i]):
            yield _event(out, i, Category.DEPLOYMENT)


def _helm(out: Output) -> Iterator[ErrorEvent]:
    for needle in ("parse error at (", "template: "):
        for i in out.find(needle):
            if m := _TEMPLATE.search(out.lines[i]):
                path, line = (m["p1"], m["l1"]) if m["p1"] else (m["p2"], m["l2"])
                category = Category.SYNTAX if m["p1"] else Category.DEPLOYMENT
                yield _event(out, i, category, rank=Rank.ROOT,
                             location=Location(path, int(line)))


_TOOLS = frozenset({"kubectl", "helm", "oc", "kustomize"})


def parse(out: Output) -> Iterable[ErrorEvent]:
    tool = tool_run(out, _TOOLS)  # also under `bash -c 'kubectl ... | ts'` in a CI step
    if tool is None:
        # another program ran kubectl (`make deploy`, a script): only what client-go and the
        # API server say in words no other tool uses
        if out.failed:
            yield from _down(out, _OWN_DOWN)
            yield from _server(out)
            yield from _validating(out)
            # a manifest or kubeconfig that does not parse, in kubectl's and client-go's own words
            # (`error parsing x.yaml: error converting YAML to JSON: yaml: line 7: ...`, `error:
            # error loading config file "kc": yaml: line 3: ...`)
            for i in out.find("yaml: "):
                line = out.lines[i]
                if ("error converting YAML to JSON: " in line or 'error loading config file "' in line) \
                        and (event := go_yaml_error(out, i, "kubectl")):
                    yield event
            for needle in _BAD_TEMPLATE_NEEDLES:  # kubectl's words for an output template
                for i in out.find(needle):
                    yield _event(out, i, Category.CONFIGURATION, _output_flag(out, i), Rank.ROOT)
            yield from _no_current_context(out)
            # a context the kubeconfig does not have, in client-go's clientcmd words (`Error in
            # configuration: context was not found for specified context: staging`, when kubectl
            # resolves the namespace from it) and `config use-context`'s; `context "x" does not
            # exist` is left out: docker says much the same of its own contexts
            for needle in ("context was not found for specified context: ",
                           "no context exists with the name: "):
                for i in out.find(needle):
                    if (m := _CONTEXT.search(out.lines[i])) and (m["a"] or m["b"]):
                        yield _event(out, i, Category.DEPLOYMENT, m["a"] or m["b"], Rank.ROOT)
            yield from _kubeconfig_files(out)
            yield from _kustomize(out)
            # cmdutil.UsageErrorf under make: `error: exactly one NAME is required, got 0` over
            # `See 'kubectl create namespace -h' for help and examples`: the invocation
            for i in out.find(" for help and examples"):
                if i and _USAGE_TRAILER.match(out.lines[i]):
                    j = next((j for j in range(i - 1, max(-1, i - 6), -1)
                              if out.lines[j].startswith("error: ")), None)
                    if j is not None and not _own_argument(out.lines[j]):
                        m = _USAGE.match(out.lines[j])
                        yield _event(out, j, Category.CONFIGURATION,
                                     f"--{m['flag']}" if m and m["flag"] else _usage_value(out, j), Rank.ROOT)
            for i in out.find("getting credentials: exec: "):  # client-go's credential plugin
                if m := _NO_EXECUTABLE.search(out.lines[i]):
                    yield _event(out, i, Category.DEPENDENCY, m["a"] or m["b"] or m["c"], Rank.ROOT)
            # cobra's flag errors, recognised by kubectl's own trailer on the next line:
            # `Error: invalid argument "abc" for "--max" flag: ...` / `See 'kubectl autoscale --help'
            # for usage.`
            for i in out.find("\nSee 'kubectl "):
                if i and _COBRA_TRAILER.match(out.lines[i]):
                    prev = out.lines[i - 1]
                    m = flag_error(prev)
                    if prev.startswith(("Error: ", "error: ")):
                        yield _event(out, i - 1, Category.CONFIGURATION, typed_flag(m, out.command) if m else None,
                                     Rank.ROOT)
            # a command that needs a resource (type or TYPE/NAME) and was given none (`rollout
            # restart`, `get`): `error: required resource not specified`, `Required ... .`
            for i in out.find("esource not specified"):
                if out.lines[i].startswith(("error: required resource", "error: Required resource")):
                    yield _event(out, i, Category.CONFIGURATION, None, Rank.ROOT)
            yield from _key_pair(out)  # Go's crypto/tls words, about the files kubectl was given
            # a `key=value` list item with no `=` (`error: Invalid argument syntax cpu, expected
            # <resource>=<value>`): kubectl's when the kubectl line echoed above gave that item
            for i in out.find("error: Invalid "):
                if (m := _USAGE.match(out.lines[i])) and m["item"] \
                        and (flag := _flag_given(out, i, m["item"], within=True)):
                    yield _event(out, i, Category.CONFIGURATION, flag, Rank.ROOT)
            if out.has("error: failed to "):  # kubectl's prefix, before the broad needles
                yield from _stated(out, own_only=True)
            yield from _deadlines(out)
            yield from _timeouts(out, own_only=True)
        return
    events = [*_down(out), *_no_current_context(out), *_kubeconfig_files(out), *_server(out), *_client(out), *_arguments(out), *_missing_program(out), *_plugins(out, _last_of_pair(out, cli_usage(out, tool))),
              *_stated(out), *_deadlines(out), *_timeouts(out)]
    if tool == "helm":
        events += _helm(out)
    yield from events
    yield from _other(out, {e.line_index for e in events})
