"""docker readings the fixtures cannot record here: other docker versions' wording."""

from lsp_heal.detect import detect


def _first(text: str, command: str) -> tuple[str, str | None]:
    event = detect(text, command, 1)[0]
    return event.category.value, event.subject


def test_a_missing_cli_plugin_is_a_dependency_in_every_wording() -> None:
    assert _first("docker: unknown command: docker compose\n", "docker compose up") == ("dependency", "compose")
    assert _first("docker: 'buildx' is not a docker command.\nSee 'docker --help'\n",
                  "docker buildx build .") == ("dependency", "buildx")


def test_a_flag_the_plugin_itself_rejects_stays_a_flag() -> None:
    text = "unknown flag: --detach-keys2\nSee 'docker compose up --help'.\n"
    assert _first(text, "docker compose up --detach-keys2") == ("configuration", "--detach-keys2")


def test_a_mistyped_subcommand_is_configuration() -> None:
    assert _first("docker: unknown command: docker biuld\n", "docker biuld .") == ("configuration", "biuld")


def test_wrong_argument_counts_are_usage_errors() -> None:
    assert _first('"docker exec" requires at least 2 arguments.\n', "docker exec web") == ("configuration", None)
    assert _first("docker: 'docker build' requires 1 argument\n", "docker build -t x") == ("configuration", None)
    assert _first("Error: accepts 1 arg(s), received 0\n", "kubectl logs") == ("configuration", None)


def test_a_mistyped_subcommand_in_every_wording() -> None:
    """Older docker says `'x' is not a docker command`; with flags, docker reads them as its own
    over its top-level usage (round 7)."""
    assert _first("docker: 'biuld' is not a docker command.\nSee 'docker --help'\n",
                  "docker biuld .") == ("configuration", "biuld")
    text = "unknown flag: --tag\n\nUsage:  docker [OPTIONS] COMMAND [ARG...]\n\nRun 'docker --help' for more information\n"
    assert _first(text, "docker biuld --tag x .") == ("configuration", "biuld")


def test_files_and_terminals_the_cli_itself_needs() -> None:
    assert _first("failed to save image: invalid output path: open /srv/out/api.tar: permission denied\n",
                  "docker save -o /srv/out/api.tar api") == ("permission", "/srv/out/api.tar")
    assert _first("the input device is not a TTY\n", "docker run -it --rm alpine sh") == ("configuration", None)
    assert _first("Error: Cannot perform an interactive login from a non TTY device\n",
                  "docker login -u ci registry.example.com") == ("configuration", None)
    assert _first("copying between containers is not supported\n", "docker cp a:/x b:/y") == ("configuration", None)


def test_compose_v1_os_errors_name_the_file_whoever_ran_it() -> None:
    text = ".PermissionError: [Errno 13] Permission denied: './docker-compose.yml'\n"
    assert _first(text, "docker-compose config") == ("permission", "./docker-compose.yml")
    text = ".NotADirectoryError: [Errno 20] Not a directory: './x/compose.yml'\nmake: *** [Makefile:2: up] Error 1\n"
    assert _first(text, "make up") == ("configuration", "./x/compose.yml")


def test_compose_verbose_logger_prefix_is_read_through() -> None:
    text = ('compose.cli.main.main: yaml.parser.ParserError: while parsing a block mapping\n'
            '  in "./docker-compose.yml", line 1, column 1\n'
            "expected <block end>, but found '<block mapping start>'\n"
            '  in "./docker-compose.yml", line 5, column 5\n')
    event = detect(text, "docker-compose --verbose up", 1)[0]
    assert (event.category.value, event.location.path, event.location.line) == ("syntax", "./docker-compose.yml", 5)


def test_the_client_log_level_as_the_command_spells_it() -> None:
    assert _first("Unable to parse logging level: loud\n", "docker -l loud ps") == ("configuration", "-l")


def test_round18_compose_top_level_key() -> None:
    """compose v1's jsonschema words for a key where only `x-` extensions may go."""
    from tests.detect.conftest import first_reading
    text = ("The Compose file './docker-compose.yml' is invalid because:\n"
            "'secret' does not match any of the regexes: '^x-'\n")
    assert first_reading(text, "docker-compose up -d") == ("configuration", "secret", None)


def test_round19_a_misspelt_top_level_section() -> None:
    """v1 reads a top-level `volume:` as a service: the misspelt section is the key; a real
    service's unknown option stays the option; v3's own words name the key."""
    head = "The Compose file './docker-compose.yml' is invalid because:\n"
    assert _first(head + "Unsupported config option for volume: 'data'\n", "docker-compose config") \
        == ("configuration", "volume")
    assert _first(head + "Unsupported config option for web: 'imgae'\n", "docker-compose config") \
        == ("configuration", "imgae")
    assert _first(head + "Unsupported config option for services.api: 'prots'\n", "docker-compose config") \
        == ("configuration", "prots")
    assert _first(head + 'Invalid top-level property "servces". Valid top-level sections for this '
                  'Compose file are: version, services, networks, volumes, secrets, configs, and '
                  'extensions starting with "x-".\n', "docker-compose config") == ("configuration", "servces")


def test_round21_cli_shapes() -> None:
    """A context `rm` refuses is the context; network create's IPAM options need a --subnet; a
    flag printed with its short form is the form the command gave."""
    assert _first('context "staging" is in use, set -f flag to force remove\n',
                  "docker context rm staging") == ("deployment", "staging")
    assert _first("no matching subnet for gateway 10.1.0.1\n",
                  "docker network create --subnet 10.2.0.0/16 --gateway 10.1.0.1 shop") == ("configuration", "--subnet")
    assert _first("tag can't be used with --all-tags/-a\n", "docker pull --all-tags shop/api:1.0") \
        == ("configuration", "--all-tags")
    assert _first("Top level object in './docker-compose.yml' needs to be an object not '<class 'str'>'.\n",
                  "docker-compose up -d") == ("configuration", "./docker-compose.yml")


def test_round22_cycles_contexts_and_capitalised_flags() -> None:
    """Services that depend on each other (compose v1's and compose-go's words): the first named;
    a context `create` finds taken; a flag named after a capitalised `Invalid`."""
    assert _first("dependency cycle detected: web -> db -> web\n", "docker compose config") == ("configuration", "web")
    assert _first("Circular dependency between db and web and cache\n", "docker-compose up -d") \
        == ("configuration", "db")
    assert _first('context "ci" already exists\n', "docker context create ci --docker host=tcp://x:2376") \
        == ("deployment", "ci")
    assert _first("docker: Invalid --security-opt: \"label\"\n\nRun 'docker create --help' for more information\n",
                  "docker create --security-opt label alpine") == ("configuration", "--security-opt")


def test_round23_compose_unique_items() -> None:
    """jsonschema's uniqueItems under compose v1's `is invalid because:`: the key's path."""
    from tests.detect.conftest import first_reading
    text = ("The Compose file './docker-compose.yml' is invalid because:\n"
            "services.web.dns value ['8.8.8.8', '8.8.8.8'] has non-unique elements\n")
    assert first_reading(text, "docker-compose up -d")[:2] == ("configuration", "services.web.dns")


def test_round24_of_two_options_the_one_named_last() -> None:
    """Options that cannot go together, in docker's and compose's wordings: the one the message
    names last among those the command gives, as the command types it (docs/detection.md)."""
    from tests.detect.conftest import first_reading
    assert first_reading("--rm and --restart cannot be used together\n",
                         "podman run --rm --restart always x")[:2] == ("configuration", "--restart")
    assert _first("docker: --no-healthcheck conflicts with --health-* options\n\n"
                  "Run 'docker run --help' for more information\n",
                  "docker run --no-healthcheck --health-interval=5s x") == ("configuration", "--health-interval")
    assert _first("tag can't be used with --all-tags/-a\n", "docker pull -a shop/api:1.0") == ("configuration", "-a")
    # compose v1 (`cannot be combined`, with or without `ERROR: `) and v2 (`are incompatible`,
    # `cannot combine`, `cannot be combined with` a list: the last the command gives)
    assert _first("--no-ansi and --ansi cannot be combined.\n", "docker-compose --no-ansi --ansi never config") \
        == ("configuration", "--ansi")
    assert _first("ERROR: --build and --no-build can not be combined.\n", "docker-compose up --build --no-build") \
        == ("configuration", "--no-build")
    assert _first("--build and --no-build are incompatible\n", "docker compose up --build --no-build") \
        == ("configuration", "--no-build")
    assert _first("cannot combine COMPOSE_IGNORE_ORPHANS and --remove-orphans\n",
                  "docker compose up --remove-orphans") == ("configuration", "--remove-orphans")
    assert _first("--detach cannot be combined with --abort-on-container-exit, --abort-on-container-failure, "
                  "--attach, --attach-dependencies or --watch\n", "docker compose up -d --watch") \
        == ("configuration", "--watch")
    # a container's own log saying the words is not compose's
    assert detect("web-1  | --a and --b are incompatible\n", "docker compose up", 1) == []


def test_round24_a_plugin_docker_does_not_find_is_a_dependency() -> None:
    """A managed plugin the daemon looks up (a logging, volume or network driver) and a credential
    helper the CLI runs, not installed: `dependency`, subject the plugin (docs/detection.md)."""
    assert _first('docker: Error response from daemon: error looking up logging plugin loki: plugin "loki" '
                  "not found.\nSee 'docker run --help'.\n", "docker run --log-driver loki alpine") \
        == ("dependency", "loki")
    assert _first('Error response from daemon: create data: error looking up volume plugin rexray: plugin '
                  '"rexray" not found\n', "docker volume create -d rexray data") == ("dependency", "rexray")
    helper = 'exec: "docker-credential-desktop": executable file not found in $PATH, out: ``\n'
    assert _first("Error saving credentials: error storing credentials - err: " + helper,
                  "docker login -u ci registry.example.com") == ("dependency", "docker-credential-desktop")
    assert _first("ERROR: failed to solve: error getting credentials - err: " + helper, "docker build .") \
        == ("dependency", "docker-credential-desktop")
    assert _first("error getting credentials - err: " + helper + "make: *** [Makefile:3: push] Error 1\n",
                  "make push") == ("dependency", "docker-credential-desktop")


def test_round24_of_two_options_the_last_even_typed_short() -> None:
    """`-d --attach x`: the message names `--detach` last; the command's short `-d` is it."""
    assert _first("conflicting options: cannot specify both --attach and --detach\n",
                  "docker run -d --attach stdout x") == ("configuration", "--detach")


def test_round25_format_template_type_value_and_stack_yaml() -> None:
    """A --format / -f template that does not parse is the option given; a value refused against
    its list is the option the command passed it with; a stack file's go-yaml error is syntax."""
    assert _first("template parsing error: template: :1: unclosed action\n",
                  "docker ps --format '{{.ID'") == ("configuration", "--format")
    assert _first("template parsing error: template: :1: function \"nope\" not defined\n",
                  "docker inspect -f '{{nope .Id}}' web") == ("configuration", "-f")
    assert _first('unknown type: "imgae": must be one of "config", "container", "image"\n',
                  "docker inspect --type=imgae web") == ("configuration", "--type")
    assert _first("yaml: line 7: mapping values are not allowed in this context\n",
                  "docker stack deploy --compose-file stack.yml shop") == ("syntax", None)
    assert _first("ERROR: Volume /srv/app/data:/data:rw:z:x has incorrect format, should be "
                  "external:internal[:mode]\n", "docker-compose up -d") \
        == ("configuration", "/srv/app/data:/data:rw:z:x")


# round 28: what a daemon says when the container's command cannot start, a bind mount's source is
# missing, and BuildKit's COPY of a path the context lacks (outputs of dockerd 20.10 / BuildKit)
_SHIM = ("docker: Error response from daemon: failed to create shim task: OCI runtime create failed: runc create "
         "failed: unable to start container process: exec: {what}: unknown\n\nRun 'docker run --help' for more information\n")


def test_a_container_command_that_cannot_start_is_read_by_why() -> None:
    run = "docker run --rm invoicer/base:1 python app.py"
    assert _first(_SHIM.format(what='"python": executable file not found in $PATH'), run) == ("dependency", "python")
    assert _first(_SHIM.format(what='"/tmp": permission denied'), run) == ("permission", "/tmp")
    assert _first(_SHIM.format(what='"/app/start.sh": stat /app/start.sh: no such file or directory'), run) \
        == ("configuration", "/app/start.sh")


def test_a_bind_mount_source_that_is_not_there_is_configuration() -> None:
    text = ('docker: Error response from daemon: invalid mount config for type "bind": bind source path does not '
            "exist: /srv/invoicer-data\n\nRun 'docker run --help' for more information\n")
    assert _first(text, "docker run --mount type=bind,source=/srv/invoicer-data,target=/data web") \
        == ("configuration", "/srv/invoicer-data")


def test_buildkit_copy_of_a_path_the_context_lacks_names_the_path_and_the_dockerfile_line() -> None:
    text = ('#6 [3/6] COPY requirements.txt .\n#6 ERROR: failed to calculate checksum of ref 0b7d::v3kq: '
            '"/requirements.txt": not found\n------\n > [3/6] COPY requirements.txt .:\n------\nDockerfile:3\n'
            "--------------------\n   2 |     WORKDIR /app\n   3 | >>> COPY requirements.txt .\n--------------------\n"
            'ERROR: failed to solve: failed to compute cache key: failed to calculate checksum of ref 0b7d::v3kq: '
            '"/requirements.txt": not found\n')
    event = detect(text, "docker build -t invoicer/api .", 1)[0]
    assert (event.category.value, event.subject) == ("configuration", "requirements.txt")
    assert (event.location.path, event.location.line) == ("Dockerfile", 3)


def test_round30_required_variable_and_unresolved_registry_port() -> None:
    """compose v1's `${VAR:?}` in a scalar and in a mapping's repr; a registry URL with a port
    whose host does not resolve."""
    from lsp_heal.detect import detect
    text = ('Missing mandatory value for "image" option interpolating ${REGISTRY}/api:${TAG:?set TAG} '
            'in service "api": set TAG\n')
    e = detect(text, "docker-compose config", 1)[0]
    assert (e.category.value, e.subject) == ("configuration", "TAG")
    text = ("Missing mandatory value for \"environment\" option interpolating {'A': '${X}', 'B': "
            "'${SECRET?no secret}'} in service \"db\": no secret\n")
    e = detect(text, "docker-compose up -d", 1)[0]
    assert (e.category.value, e.subject) == ("configuration", "SECRET")
    text = ('Get "https://reg.corp.invalid:5000/v2/": dial tcp: lookup reg.corp.invalid on 10.0.0.2:53: '
            "no such host\n")
    e = detect(text, "docker push reg.corp.invalid:5000/x/y:1", 1)[0]
    assert (e.category.value, e.subject) == ("network", "reg.corp.invalid:5000")


def test_round31_buildkit_without_buildx_names_the_plugin() -> None:
    from lsp_heal.detect import detect
    text = ("ERROR: BuildKit is enabled but the buildx component is missing or broken.\n"
            "       Install the buildx component to build images with BuildKit:\n"
            "       https://docs.docker.com/go/buildx/\n")
    for command in ("docker build -t api .", "npm run docker:build"):
        event = detect(text, command, 1)[0]
        assert (event.category.value, event.subject) == ("dependency", "buildx")
