"""aws / gcloud / az readings the fixtures cannot record here."""

from lsp_heal.detect import detect


def _first(text: str, command: str) -> tuple[str, str | None]:
    event = detect(text, command, 1)[0]
    return event.category.value, event.subject


def test_az_usage_errors_name_their_first_option() -> None:
    text = "ERROR: usage error: --vnet-name NAME --subnet NAME | --subnet ID\n"
    assert _first(text, "az vm create -n vm -g rg") == ("configuration", "--vnet-name")


def test_gcloud_properties_are_named_as_config_set_takes_them() -> None:
    text = "ERROR: (gcloud.config.set) Section [core] has no property [projet].\n"
    assert _first(text, "gcloud config set core/projet shop") == ("configuration", "core/projet")
    text = "ERROR: (gcloud.config.set) Section [computee] does not exist.\n"
    assert _first(text, "gcloud config set computee/zone x") == ("configuration", "computee")


def test_round18_shorthand_expressions_and_az_checks() -> None:
    """Forms no fixture records: awscli shorthand that does not parse, a gcloud --sort-by / --format
    expression the lexer marks, az asking for an option, an extension already there."""
    from tests.detect.conftest import first_reading
    text = ("\nError parsing parameter '--tags': Expected: ']', received: 'EOF' for input:\n"
            "Key=env,Value=[prod\n                  ^\n")
    assert first_reading(text, "aws ec2 create-tags --resources i-1 --tags Key=env,Value=[prod", 255) \
        == ("configuration", "--tags", None)
    text = "ERROR: (gcloud.compute.instances.list) Unbalanced [(] in [name(web *HERE*].\n"
    assert first_reading(text, "gcloud compute instances list --sort-by 'name(web'") \
        == ("configuration", "--sort-by", None)
    assert first_reading("ERROR: --resource-group is required for this command.\n", "az vm list") \
        == ("configuration", "--resource-group", None)
    assert first_reading("ERROR: The extension ssh already exists.\n", "az extension add --name ssh") \
        == ("deployment", "ssh", None)


def test_round19_az_clouds_and_gcloud_yaml_marks() -> None:
    assert _first("ERROR: The cloud 'AzureStackDev' is already registered.\n",
                  "az cloud register --name AzureStackDev") == ("configuration", "AzureStackDev")
    text = ("ERROR: (gcloud.deploy.apply) Failed to parse YAML from [deploy.yaml]: mapping values are "
            "not allowed here\n  in \"deploy.yaml\", line 7, column 12\n")
    event = detect(text, "gcloud deploy apply --file=deploy.yaml --region=us-central1", 1)[0]
    assert (event.category.value, event.location.path, event.location.line) == ("syntax", "deploy.yaml", 7)


def test_round21_local_files_and_quoted_names() -> None:
    """A file an option names that is not there is the file; what az refuses, by the name it quotes."""
    assert _first("ERROR: (gcloud) --flags-file [ci/flags.yaml] does not exist.\n",
                  "gcloud --flags-file=ci/flags.yaml run deploy api") == ("configuration", "ci/flags.yaml")
    assert _first("ERROR: File ./ext/shop.whl not found.\n", "az extension add --source ./ext/shop.whl --yes") \
        == ("configuration", "./ext/shop.whl")
    assert _first("ERROR: The cloud 'Dev' cannot be unregistered as it's currently active.\n",
                  "az cloud unregister --name Dev") == ("deployment", "Dev")


def test_round22_names_usage_and_expressions() -> None:
    """gcloud's configuration names in another command; az's `incorrect usage:` and a --parameters
    value that is no file; an either-or of aws (the first named); a --format expression after the
    command's default, quoted over several lines."""
    assert _first("ERROR: (gcloud.config.configurations.activate) Invalid name [Prod] for a configuration.  "
                  "Except for special cases (NONE), configuration names start with a lower case letter.\n",
                  "gcloud config configurations activate Prod") == ("configuration", "Prod")
    assert _first("ERROR: incorrect usage: source must be an existing directory\n",
                  "az storage blob upload-batch -d site --source ./build --account-name x") == ("configuration", "--source")
    assert _first("ERROR: Unable to parse parameter: env=prod\n",
                  "az deployment group create -g rg --template-file main.json --parameters env=prod") \
        == ("configuration", "--parameters")
    assert _first("\naws: error: Either --instance-ids or --filters must be specified.\n", "aws ec2 x") \
        == ("configuration", "--instance-ids")
    assert _first("ERROR: (gcloud.compute.instances.list) More tokens expected [    table(\n      name,\n"
                  "      status\n    ) table(name,status *HERE*].\n",
                  "gcloud compute instances list --format='table(name,status'") == ("configuration", "--format")


def test_round23_gcloud_properties_and_az_file_arguments() -> None:
    """A property gcloud refuses, by `section/property` as printed; the configuration `delete`
    finds active; an `@file` az passed on as text because there is no such file."""
    from tests.detect.conftest import first_reading
    assert first_reading("ERROR: (gcloud.config.set) Invalid value for property [compute/zone]: "
                         "The provided zone [nowhere] is not valid.\n",
                         "gcloud config set compute/zone nowhere")[:2] == ("configuration", "compute/zone")
    assert first_reading("ERROR: (gcloud.config.configurations.delete) Deleting named configuration failed because "
                         "configuration [prod] is set as active.  Use `gcloud config configurations activate` to "
                         "change the active configuration.\n",
                         "gcloud config configurations delete prod")[:2] == ("configuration", "prod")
    assert first_reading("ERROR: Failed to parse string as JSON:\n@tags.json\nError detail: Expecting value: "
                         "line 1 column 1 (char 0)\n",
                         "az resource tag --tags @tags.json --ids x")[:2] == ("configuration", "tags.json")


# round 28: awscli v1 names the positional it could not match, not the word typed
def test_aws_invalid_choice_names_the_word_typed() -> None:
    text = "aws: error: argument {dest}: Invalid choice, valid choices are:\n\nls | cp\n"
    assert _first(text.format(dest="subcommand"), "aws s3 lss") == ("configuration", "lss")
    assert _first(text.format(dest="command"), "aws --region eu-west-1 ec2x describe") == ("configuration", "ec2x")
    assert _first(text.format(dest="operation"), "aws --output json ecr get-login-pasword") \
        == ("configuration", "get-login-pasword")


def test_gcloud_unrecognized_arguments_listed_below() -> None:
    text = ("ERROR: (gcloud.run.deploy) unrecognized arguments:\n  --regoin (did you mean '--region'?)\n"
            "  europe-west1\n  To search the help text of gcloud commands, run:\n  gcloud help -- SEARCH_TERMS\n")
    assert _first(text, "gcloud run deploy web --regoin europe-west1") == ("configuration", "--regoin")


def test_gcloud_yaml_parsed_from_a_string_is_syntax_in_the_flags_file() -> None:
    text = ("ERROR: (gcloud) Failed to parse YAML: while parsing a flow sequence\n"
            '  in "<unicode string>", line 2, column 10:\n    --zones: [a, b\n             ^ (line: 2)\n'
            "expected ',' or ']', but got ':'\n  in \"<unicode string>\", line 3, column 9:\n"
            "    --format: json\n            ^ (line: 3)\n")
    event = detect(text, "gcloud --flags-file=flags.yaml compute instances list", 1)[0]
    assert (event.category.value, event.subject) == ("syntax", None)
    assert (event.location.path, event.location.line) == ("flags.yaml", 3)


def test_round29_gcloud_in_a_log_that_tags_each_line() -> None:
    """gcloud's lines under a step tag (Cloud Build's `Step #0 - "x": `, a `[build] ` tag, compose's
    `svc_1  | `) read as gcloud's own; a sentence that merely quotes it is not a tag."""
    text = 'Step #0 - "deploy": ERROR: (gcloud.run.deploy) The required property [project] is not currently set.\n'
    assert _first(text, "gcloud builds log 42") == ("configuration", "project")
    text = ("deploy_1  | ERROR: (gcloud.app.deploy) parsing app.yaml: while parsing a block mapping\n"
            'deploy_1  |   in "app.yaml", line 1, column 1\n'
            "deploy_1  | expected <block end>, but found '<block sequence start>'\n"
            'deploy_1  |   in "app.yaml", line 4, column 3\n')
    event = detect(text, "docker-compose up deploy", 1)[0]
    assert (event.category.value, event.location.path, event.location.line) == ("syntax", "app.yaml", 4)
    assert _first("RuntimeError: ERROR: (gcloud.run.deploy) boom\n", "python deploy.py") == ("runtime", "RuntimeError")


def test_round30_gcloud_underspecified_resource_names_the_flag() -> None:
    """compute's UnderSpecifiedResourceError: one flag, or one of several (the first)."""
    text = ("ERROR: (gcloud.compute.instances.create) Underspecified resource [vm-1]. "
            "Specify the [--zone] flag.\n")
    assert _first(text, "gcloud compute instances create vm-1") == ("configuration", "--zone")
    text = ("ERROR: (gcloud.compute.addresses.describe) Underspecified resource [ip-1]. "
            "Specify one of the [--global, --region] flags.\n")
    assert _first(text, "gcloud compute addresses describe ip-1") == ("configuration", "--global")
