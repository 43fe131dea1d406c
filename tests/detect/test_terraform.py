"""Every diagnostic of a terraform run is read, each at its own block and place."""

from __future__ import annotations

import json
from pathlib import Path

from lsp_heal.detect import detect

TF = Path(__file__).resolve().parents[2] / "fixtures" / "detect" / "terraform"


def _events(name: str):
    meta = json.loads((TF / f"{name}.json").read_text())
    return detect((TF / f"{name}.out").read_bytes(), meta["command"], meta["exit_code"])


def test_each_parse_error_keeps_its_line() -> None:
    lines = [e.location.line for e in _events("multiline_string")]
    assert lines[0] == 2 and 3 in lines


def test_a_warning_of_a_clean_plan_names_the_variable() -> None:
    (event,) = _events("plan_undeclared_variable_warning")
    assert (event.category.value, event.severity.value, event.subject) == ("configuration", "low", "b")


def test_the_state_commands_bare_sentences() -> None:
    """`terraform state show` prints its failures with no `Error:` head (round 7)."""
    text = ('No instance found for the given address!\n\nThis command requires that the address '
            'references one specific instance.\n')
    event = detect(text, "terraform state show terraform_data.relase", 1)[0]
    assert (event.category.value, event.subject) == ("deployment", "terraform_data.relase")


def test_unterminated_constructs_and_workspaces_whoever_ran_them() -> None:
    from lsp_heal.detect import detect
    text = ("\nError: Unterminated tuple constructor expression\n\n  on <value for var.zones> line 1:\n"
            "  (source code not available)\n\nThere is no corresponding closing bracket.\n")
    event = detect(text, "terraform plan -var zones=[a", 1)[0]
    assert (event.category.value, event.location) == ("syntax", None)
    event = detect('Workspace "staging" doesn\'t exist.\nmake: *** [Makefile:2: ws] Error 1\n', "make ws", 2)[0]
    assert (event.category.value, event.subject) == ("deployment", "staging")


def test_round18_locals_and_option_forms() -> None:
    """Forms no fixture records: a local that fails in a multi-local block, an option named by its
    `-x=...` form."""
    from tests.detect.conftest import first_reading
    text = ("╷\n│ Error: Error in function call\n│ \n│   on locals.tf line 3, in locals:\n"
            '│    3:   subnet = cidrsubnet(local.vpc, 20, 0)\n│     ├────────────────\n'
            '│     │ while calling cidrsubnet(prefix, newbits, netnum)\n│ \n'
            '│ Call to function "cidrsubnet" failed: insufficient address space to extend prefix of 16 by 20.\n╵\n')
    assert first_reading(text, "terraform plan") == ("deployment", "local.subnet", ("locals.tf", 3))
    text = ("╷\n│ Error: Invalid plan mode\n│ \n│ The -mode=... argument must be either \"normal\" or "
            "\"refresh-only\".\n╵\n")
    assert first_reading(text, "terraform plan -mode=x") == ("configuration", "-mode", None)


def test_round19_command_line_readings() -> None:
    """A bare complaint above the command's help; an option Go's flag package refused (read once,
    by the go family); an import
    into a module the configuration does not call."""
    usage = "Usage: terraform [global options] state mv [options] SOURCE DESTINATION\n\n  help\n"
    (event,) = detect("Exactly two arguments expected.\n" + usage, "terraform state mv a", 1)
    assert (event.category.value, event.subject) == ("configuration", None)
    events = detect("flag provided but not defined: -foo\n" + usage, "terraform state mv -foo a b", 1)
    assert [(e.category.value, e.subject) for e in events] == [("configuration", "-foo")]
    text = ("╷\n│ Error: Import to non-existent module\n│ \n│ module.net is not defined in the "
            "configuration. Please add configuration for this module before importing into it.\n╵\n")
    (event,) = detect(text, "terraform import module.net.aws_vpc.main vpc-1", 1)
    assert (event.category.value, event.subject) == ("configuration", "module.net")


def test_round21_bare_sentences_and_written_files() -> None:
    """force-unlock's bare sentence; a file the command writes into a folder that is not there;
    an init option that conflicts with another (the last named)."""
    from tests.detect.conftest import first_reading
    assert first_reading('Failed to unlock state: lock ID "abc" does not match existing lock\n',
                         "terraform force-unlock -force abc")[:2] == ("deployment", None)
    assert first_reading("Error: Failed to write plan file\n\nThe plan file could not be written: open "
                         "out/prod.tfplan: no such file or directory.\n",
                         "terraform plan -out=out/prod.tfplan")[:2] == ("configuration", "out/prod.tfplan")
    assert first_reading("Error: The -upgrade flag conflicts with -lockfile=readonly.\n",
                         "terraform init -lockfile=readonly -upgrade")[:2] == ("configuration", "-lockfile")


def test_round22_test_settings_state_files_and_missing_arguments() -> None:
    """A run block's own argument (not a failing test); a state file `show` cannot read; an
    argument the command needs and was not given."""
    from tests.detect.conftest import first_reading
    assert first_reading('\nError: Unsupported argument\n\n  on tests/a.tftest.hcl line 2, in run "a":\n'
                         '   2:   comand = plan\n\nAn argument named "comand" is not expected here. Did you '
                         'mean "command"?\n', "terraform test") == ("configuration", "comand", ("tests/a.tftest.hcl", 2))
    assert first_reading("\nError: Failed to read the given file as a state or plan file\n\nState read error: "
                         "Error loading statefile: open prod.tfstate: permission denied\n",
                         "terraform show prod.tfstate")[:2] == ("permission", "prod.tfstate")
    assert first_reading("\nError: No output directory specified\n\nThe providers mirror command requires an "
                         "output directory as a command-line\nargument.\n", "terraform providers mirror")[:2] \
        == ("configuration", None)


def test_round23_terraform_settings_and_generated_config() -> None:
    """A setting of the `terraform` block that terraform refuses is named by the word its line
    starts with; `-generate-config-out` onto an existing file is that file."""
    from tests.detect.conftest import first_reading
    text = ("Error: Duplicate required providers configuration\n\n  on versions.tf line 7, in terraform:\n"
            "   7:   required_providers {\n\nA module may have only one required providers configuration.\n")
    assert first_reading(text, "terraform init")[:3] == ("configuration", "required_providers", ("versions.tf", 7))
    text = ("Error: Target generated file already exists\n\nTerraform can only write generated config into a new "
            "file.\n")
    assert first_reading(text, "terraform plan -generate-config-out=imported.tf")[:2] == ("configuration", "imported.tf")


def test_consistency_a_bare_flag_package_sentence_is_read_once() -> None:
    """terraform's bare complaint above its help that is Go's flag package's (here the boolean
    form) is the go family's reading (lsp_heal/detect/_goflag), not read twice; under `Failed to
    parse command-line flags` the diagnostic names the flag."""
    from tests.detect.conftest import first_reading
    usage = "Usage: terraform [global options] plan [options]\n\n  help\n"
    events = detect('invalid boolean value "maybe" for -lock: parse error\n' + usage,
                    "terraform plan -lock=maybe", 1)
    assert [(e.category.value, e.subject) for e in events] == [("configuration", "-lock")]
    text = ("╷\n│ Error: Failed to parse command-line flags\n│ \n│ flag provided but not defined: "
            "-var.x\n╵\n")
    assert first_reading(text, "terraform plan -var.x") == ("configuration", "-var.x", None)


# round 28: a reference to an undeclared variable is the expression's error, whatever its hint says
def test_a_reference_to_an_undeclared_variable_names_the_block() -> None:
    text = ('\nError: Reference to undeclared input variable\n\n  on main.tf line 4, in resource "terraform_data" '
            '"release":\n   4:     image    = var.image_tag\n\nAn input variable with the name "image_tag" has not been '
            'declared. This\nvariable can be declared with a variable "image_tag" {} block.\n')
    event = detect(text, "terraform plan -input=false -no-color", 1)[0]
    assert (event.category.value, event.subject) == ("deployment", "terraform_data.release")


def test_round29_json_diagnostics_read_their_snippet() -> None:
    """`-json` gives the snippet's source line apart: read as the framed form prints it, a
    diagnostic with no `in <block>` context is about the block that line opens."""
    record = {"@level": "error", "@message": "Error: Invalid value for variable", "type": "diagnostic",
              "diagnostic": {"severity": "error", "summary": "Invalid value for variable",
                             "detail": "must be dev or prod.\n\nThis was checked by the validation rule at variables.tf:5,3-13.",
                             "range": {"filename": "variables.tf", "start": {"line": 1, "column": 1, "byte": 0}},
                             "snippet": {"context": None, "code": 'variable "stage" {', "start_line": 1}}}
    event = detect(json.dumps(record, separators=(",", ":")) + "\n", "terraform plan -json -var stage=qa", 1)[0]
    assert (event.category.value, event.subject, event.location.line) == ("configuration", "stage", 1)
    record["diagnostic"].update(summary="Missing required argument",
                                detail='The argument "bucket" is required, but no definition was found.',
                                snippet={"context": None, "code": 'module "store" {', "start_line": 1})
    record["diagnostic"]["range"]["filename"] = "main.tf"
    event = detect(json.dumps(record, separators=(",", ":")) + "\n", "terraform plan -json", 1)[0]
    assert (event.category.value, event.subject) == ("deployment", "module.store")


def test_round30_state_lock_that_cannot_be_opened() -> None:
    """`Error acquiring the state lock` whose message is the state file's open error."""
    from lsp_heal.detect import detect
    text = ("\nError: Error acquiring the state lock\n\nError message: open terraform.tfstate: permission denied\n\n"
            "Terraform acquires a state lock to protect the state from being written\n")
    e = detect(text, "terraform plan", 1)[0]
    assert (e.category.value, e.subject) == ("permission", "terraform.tfstate")


def test_round31_local_exec_output_is_read_by_the_program_that_printed_it() -> None:
    """A failing provisioner's streamed lines (prefix off) are read as the program it executed:
    node's error here; a provisioner that worked beside it, or an apply that worked, adds nothing."""
    text = ('terraform_data.ok (local-exec): Executing: ["/bin/sh" "-c" "node ok.js"]\n'
            "terraform_data.ok (local-exec): TypeError: not a real failure\n"
            'terraform_data.seed (local-exec): Executing: ["/bin/sh" "-c" "node scripts/seed.js"]\n'
            "terraform_data.seed (local-exec): node:internal/modules/cjs/loader:1228\n"
            "terraform_data.seed (local-exec):   throw err;\n"
            "terraform_data.seed (local-exec):   ^\n"
            "terraform_data.seed (local-exec): \n"
            "terraform_data.seed (local-exec): Error: Cannot find module 'pg'\n"
            "terraform_data.seed (local-exec): Require stack:\n"
            "terraform_data.seed (local-exec): - /srv/app/scripts/seed.js\n"
            "\nError: local-exec provisioner error\n\n  with terraform_data.seed,\n"
            '  on main.tf line 4, in resource "terraform_data" "seed":\n'
            '   4:   provisioner "local-exec" {\n\n'
            "Error running command 'node scripts/seed.js': exit status 1. Output:\n")
    first = detect(text, "terraform apply -auto-approve", 1)[0]
    assert (first.category.value, first.subject) == ("dependency", "pg")
    assert all(e.subject != "TypeError" for e in detect(text, "terraform apply -auto-approve", 1))
    worked = text.split("\nError: local-exec")[0]
    assert not [e for e in detect(worked, "terraform apply -auto-approve", 0) if e.severity.value == "high"]


def test_an_error_a_passing_test_run_logged_is_not_a_terraform_diagnostic() -> None:
    """`npm test && make mv`: mocha's passing run logged a bare `Error: ...` line; terraform's
    own output follows (make echoes its recipe): that line is the tests', not a diagnostic."""
    mocha = (TF.parent / "jstest" / "h27_noise_mocha_logs_overspecified_words.out").read_bytes()
    logged = next(line for line in mocha.decode().splitlines() if line.startswith("Error: "))
    terraform = (TF / "h27_make_state_mv_one_address.out").read_bytes()
    events = detect(mocha + b"\n" + terraform, "make mv", 2)
    assert events and all(e.message != logged for e in events)
    alone = detect(terraform, "make mv", 2)[0]
    assert (events[0].category, events[0].subject) == (alone.category, alone.subject)
