"""kubectl's klog lines restate the refused connection: one event, on kubectl's own line."""

from __future__ import annotations

import json
from pathlib import Path

from lsp_heal.detect import detect

KUBE = Path(__file__).resolve().parents[2] / "fixtures" / "detect" / "kube"


def test_klog_lines_are_not_read_again() -> None:
    meta = json.loads((KUBE / "get_pods_no_cluster.json").read_text())
    events = detect((KUBE / "get_pods_no_cluster.out").read_bytes(), meta["command"], 1)
    assert [e.message for e in events] == [
        ("The connection to the server localhost:8080 was refused - did you specify the right "
         "host or port?")
    ]


def test_a_container_the_pod_does_not_have_in_every_wording() -> None:
    """kubectl's own check, the API server's, and the kubelet's during `exec` (round 7)."""
    for text in ("error: container sidecar is not valid for pod web-0\n",
                 "Error from server (BadRequest): container sidecar is not valid for pod web-0\n",
                 'error: unable to upgrade connection: container not found ("sidecar")\n'):
        event = detect(text, "kubectl logs web-0 -c sidecar", 1)[0]
        assert (event.category.value, event.subject) == ("deployment", "sidecar"), text


def test_any_usage_error_is_configuration() -> None:
    text = ("error: expected 'exec (POD | TYPE/NAME) [-c CONTAINER] [flags] -- COMMAND [args...]'.\n"
            "POD or TYPE/NAME is a required argument for the exec command\n"
            "See 'kubectl exec -h' for help and examples\n")
    event = detect(text, "kubectl exec", 1)[0]
    assert (event.category.value, event.subject) == ("configuration", None)


def test_create_source_flags_and_missing_resource() -> None:
    from lsp_heal.detect import detect
    event = detect("error: invalid env-file source x\n", "kubectl create configmap c --from-env-file=x", 1)[0]
    assert (event.category.value, event.subject) == ("configuration", "--from-env-file")
    text = ('You must specify the type of resource to get. Use "kubectl api-resources" for a complete list.\n'
            "error: Required resource not specified.\n")
    event = detect(text, "kubectl get", 1)[0]
    assert (event.category.value, event.subject) == ("configuration", None)


def test_round18_config_names_and_own_checks() -> None:
    """Forms no fixture records: the other `config delete-*` / `rename-context` of a name the
    kubeconfig lacks, an echoed value with its flag's word, a check that names its flag."""
    from tests.detect.conftest import first_reading
    assert first_reading("error: cannot delete cluster staging, not in /home/dev/.kube/config\n",
                         "kubectl config delete-cluster staging") == ("deployment", "staging", None)
    assert first_reading('error: cannot rename the context "old", it\'s not in /home/dev/.kube/config\n',
                         "kubectl config rename-context old new") == ("deployment", "old", None)
    assert first_reading("error: annotation team is invalid and should be in format key=[value]\n",
                         "kubectl create ingress web --rule=a.com/=web:80 --annotation=team") \
        == ("configuration", "--annotation", None)
    assert first_reading("error: either --from-file or --from-literal must be specified\n",
                         "kubectl create secret generic s") == ("configuration", "--from-file", None)


def test_round21_invalid_value_of_a_flag() -> None:
    """`error: invalid <what>: <value>` of a value the command gave a flag: that flag."""
    from tests.detect.conftest import first_reading
    assert first_reading("error: invalid env: LOG_LEVEL\n",
                         "kubectl set env deploy/web --env LOG_LEVEL --dry-run=client")[:2] == ("configuration", "--env")


def test_round22_local_checks_in_other_commands() -> None:
    """A container a `set` command names, a label spec with no `=` (given with -l), a positional
    argument a command needs: kubectl's own checks, in commands no fixture records."""
    from tests.detect.conftest import first_reading
    assert first_reading('error: unable to find container named "app"\n',
                         "kubectl set resources deployment/web -c app --limits=cpu=200m")[:2] == ("configuration", "app")
    assert first_reading("error: unexpected label spec: tier\n",
                         "kubectl run web --image=nginx -l tier --dry-run=client")[:2] == ("configuration", "-l")
    assert first_reading("error: one or more CSRs must be specified as <name> or -f <filename>\n",
                         "kubectl certificate deny")[:2] == ("configuration", None)
    assert first_reading("error: serviceaccount is required\n", "kubectl set sa deployment/web")[:2] \
        == ("configuration", None)


def test_round23_conflicts_values_and_typed_fields() -> None:
    """Two options that cannot go together (the last the message names, among the command's), a
    value kubectl refuses at the end of an `invalid` line, a kustomization field of the wrong
    type, `get-contexts` of a missing context: in forms no fixture records."""
    from tests.detect.conftest import first_reading
    assert first_reading("error: min-available and max-unavailable are mutually exclusive\n",
                         "kubectl create pdb web --selector=app=web --max-unavailable=1 --min-available=1")[:2] \
        == ("configuration", "--max-unavailable")
    assert first_reading("error: from-file cannot be combined with from-env-file\n",
                         "kubectl create configmap app --from-file=a --from-env-file=.env")[:2] \
        == ("configuration", "--from-env-file")
    assert first_reading("error: invalid service cluster ip Nope\n",
                         "kubectl create service clusterip web --clusterip Nope")[:2] == ("configuration", "--clusterip")
    assert first_reading('E1127 10:00:00.000000    1 run.go:72] "command failed" err="invalid Kustomization: json: '
                         'cannot unmarshal array into Go struct field Kustomization.namePrefix of type string"\n',
                         "kubectl kustomize overlays/prod")[:2] == ("configuration", "namePrefix")
    assert first_reading("error: context staging not found\n", "kubectl config get-contexts staging")[:2] \
        == ("deployment", "staging")


def test_round25_generator_source_and_set_selector() -> None:
    """A configMapGenerator's file or env file that is not there: the entry (of `key=path`, the
    path); `set selector`'s argument that does not parse: the selector as printed."""
    from tests.detect.conftest import first_reading
    klog = 'E1127 10:00:00.000000    1 run.go:72] "command failed" err="loading KV pairs: {} [{}]: ' \
           "evalsymlink failure on '/p/overlays/prod/{}' : lstat /p/overlays/prod/{}: no such file or directory\"\n"
    assert first_reading(klog.format("file sources:", "nginx.conf=conf/nginx.conf", "conf/nginx.conf",
                                     "conf/nginx.conf"), "kubectl kustomize overlays/prod")[:2] \
        == ("configuration", "conf/nginx.conf")
    assert first_reading(klog.format("env source files:", "app.env", "app.env", "app.env"),
                         "kubectl kustomize overlays/prod")[:2] == ("configuration", "app.env")
    assert first_reading('error: couldn\'t parse the selector string "tier=": unable to parse requirement\n',
                         "kubectl set selector svc web 'tier='")[:2] == ("configuration", "tier=")


# round 28: cobra suggests any built-in within two plain edits; a plugin's short name draws some
def test_an_unknown_command_is_a_plugin_unless_it_is_a_slip_of_a_suggestion() -> None:
    def first(word: str, suggestions: str) -> tuple[str, str | None]:
        event = detect(f"Error: unknown command \"{word}\" for \"kubectl\"\n\nDid you mean this?\n{suggestions}\n",
                       f"kubectl {word}", 1)[0]
        return event.category.value, event.subject
    assert first("ctx", "\tcp") == ("dependency", "ctx")
    assert first("neat", "\tset\n\tget") == ("dependency", "neat")
    assert first("gte", "\tget") == ("configuration", "gte")
    assert first("rollouts", "\trollout") == ("configuration", "rollouts")


def test_a_forbidden_list_names_the_resource() -> None:
    text = ('Error from server (Forbidden): pods is forbidden: User "ci-bot" cannot list resource "pods" in API '
            'group "" in the namespace "billing"\n')
    assert detect(text, "kubectl get pods -n billing", 1)[0].subject == "pods"
    text = ('Error from server (Forbidden): error when creating "web.yaml": deployments.apps is forbidden: User '
            '"ci-bot" cannot create resource "deployments" in API group "apps" in the namespace "billing"\n')
    assert detect(text, "kubectl create -f web.yaml", 1)[0].subject == "deployments.apps"


def test_round29_rollout_failures_under_make() -> None:
    """rollout status's own sentences are kubectl's wherever they are printed: the object as `kind/name`."""
    text = 'error: deployment "web" exceeded its progress deadline\nmake: *** [Makefile:3: deploy] Error 1\n'
    event = detect(text, "make deploy", 2)[0]
    assert (event.category.value, event.subject) == ("deployment", "deployment/web")
    text = ('Waiting for deployment "web" rollout to finish: 1 out of 3 new replicas have been updated...\n'
            "error: timed out waiting for the condition\nmake: *** [Makefile:3: deploy] Error 1\n")
    event = detect(text, "make deploy", 2)[0]
    assert (event.category.value, event.subject) == ("deployment", "deployment/web")


def test_round30_client_validation_names_the_missing_key() -> None:
    """kubectl's client-side schema check: what every object needs, or a required field."""
    from lsp_heal.detect import detect
    text = ('error: error validating "job.yaml": error validating data: [apiVersion not set, kind not set]; '
            "if you choose to ignore these errors, turn validation off with --validate=false\n")
    e = detect(text, "kubectl apply -f job.yaml", 1)[0]
    assert (e.category.value, e.subject, e.location.path) == ("configuration", "apiVersion", "job.yaml")
    text = ('error: error validating "web.yaml": error validating data: ValidationError(Deployment.spec): '
            'missing required field "selector" in io.k8s.api.apps.v1.DeploymentSpec; if you choose to ignore '
            "these errors, turn validation off with --validate=false\n")
    e = detect(text, "kubectl apply -f web.yaml", 1)[0]
    assert (e.category.value, e.subject) == ("configuration", "spec.selector")


def test_round31_a_missing_context_under_make() -> None:
    """client-go's `Error in configuration: context was not found for specified context: x`
    (kubectl resolving the namespace) is read when make runs kubectl, as when kubectl runs."""
    from lsp_heal.detect import detect
    text = ("kubectl --context staging get deploy\n"
            "Error in configuration: context was not found for specified context: staging\n"
            "make: *** [Makefile:3: deploy-staging] Error 1\n")
    for command in ("make deploy-staging", "kubectl --context staging get deploy"):
        event = detect(text if command.startswith("make") else text.splitlines()[1], command, 1)[0]
        assert (event.category.value, event.subject) == ("deployment", "staging")
