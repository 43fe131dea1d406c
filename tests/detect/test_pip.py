"""pip, uv and poetry readings the fixtures do not pin down: messages as the tools print them."""

from __future__ import annotations

from lsp_heal.detect import detect
from lsp_heal.model import Category


def _first(text: str, command: str):
    events = detect(text.encode(), command, 1)
    assert events
    return events[0]


def test_a_missing_local_path_is_the_path_not_a_bad_requirement() -> None:
    text = ("ERROR: Invalid requirement: './libs/core'\n"
            "Hint: It looks like a path. File './libs/core' does not exist.\n")
    event = _first(text, "pip install ./libs/core")
    assert (event.category, event.subject) == (Category.CONFIGURATION, "./libs/core")


def test_a_directory_without_project_files_needs_a_pyproject() -> None:
    text = "ERROR: Directory './sub/x' is not installable. Neither 'setup.py' nor 'pyproject.toml' found.\n"
    event = _first(text, "pip install ./sub/x")
    assert (event.category, event.subject) == (Category.CONFIGURATION, "pyproject.toml")


def test_an_index_answering_404_is_a_missing_package_not_the_network() -> None:
    text = ("Looking in indexes: https://pkgs.example.com/simple\n"
            "Could not fetch URL https://pkgs.example.com/simple/acme/: 404 Client Error: Not Found "
            "for url: https://pkgs.example.com/simple/acme/ - skipping\n"
            "ERROR: Could not find a version that satisfies the requirement acme (from versions: none)\n"
            "ERROR: No matching distribution found for acme\n")
    event = _first(text, "pip install acme")
    assert (event.category, event.subject) == (Category.DEPENDENCY, "acme")


def test_a_refused_default_index_is_pypi() -> None:
    text = ("WARNING: Retrying (Retry(total=0, connect=None, read=None, redirect=None, status=None)) "
            "after connection broken by 'NewConnectionError('<pip._vendor.urllib3.connection."
            "HTTPSConnection object at 0x7f>: Failed to establish a new connection: [Errno 111] "
            "Connection refused')': /simple/six/\n"
            "ERROR: Could not find a version that satisfies the requirement six (from versions: none)\n")
    event = _first(text, "pip install six")
    assert (event.category, event.subject) == (Category.NETWORK, "pypi.org")


def test_uv_pip_check_names_a_requirement_that_is_not_installed() -> None:
    text = ("Checked 2 packages in 0.3ms\nFound 1 incompatibility\n"
            "The package `requests` requires `certifi>=2017.4.17`, but it's not installed\n")
    event = _first(text, "uv pip check")
    assert (event.category, event.subject) == (Category.DEPENDENCY, "certifi")


def test_a_poetry_build_stopping_on_a_missing_module_is_that_build_requirement() -> None:
    text = ("  - Installing numext (0.1 /home/dev/project/numext)\n\n"
            "PEP517 build of a dependency failed\n\n"
            "Backend subprocess exited when trying to invoke get_requires_for_build_wheel\n\n"
            "    | Traceback (most recent call last):\n"
            "    |   File \"/usr/lib/python3/site-packages/pyproject_hooks/_in_process/_in_process.py\", line 373, in <module>\n"
            "    |     main()\n"
            "    |   File \"<string>\", line 2, in <module>\n"
            "    | ModuleNotFoundError: No module named 'numpy'\n")
    event = _first(text, "poetry install")
    assert (event.category, event.subject) == (Category.DEPENDENCY, "numpy")


def test_a_uv_group_or_dependency_the_project_does_not_have_is_its_name() -> None:
    event = _first("error: Group `docs` is not defined in the project's `dependency-groups` table\n",
                   "uv sync --group docs")
    assert (event.category, event.subject) == (Category.CONFIGURATION, "docs")
    event = _first("error: The dependency `pytest` could not be found in `dependency-groups.dev`\n",
                   "uv remove --dev pytest")
    assert (event.category, event.subject) == (Category.CONFIGURATION, "pytest")
    assert not event.details.get("guessed")


def test_a_wheel_for_another_python_is_the_wheel() -> None:
    event = _first("ERROR: lib-1.0-cp39-cp39-manylinux_2_17_x86_64.whl is not a supported wheel on this platform.\n",
                   "pip install ./lib-1.0-cp39-cp39-manylinux_2_17_x86_64.whl")
    assert (event.category, event.subject) == (Category.CONFIGURATION,
                                                "lib-1.0-cp39-cp39-manylinux_2_17_x86_64.whl")
    assert not event.details.get("guessed")


def test_setup_keywords_that_setuptools_rejects_are_the_cause_not_the_build() -> None:
    text = ("  × Getting requirements to build wheel did not run successfully.\n"
            "  ╰─> [1 lines of output]\n"
            "      error in demo setup command: 'entry_points' must be a dictionary\n"
            "      [end of output]\n")
    event = _first(text, "pip install ./demo")
    assert (event.category, event.subject) == (Category.CONFIGURATION, "entry_points")
    text = text.replace("'entry_points' must be a dictionary",
                        "'python_requires' must be a string containing valid version specifiers; x")
    assert _first(text, "pip install ./demo").category == Category.SYNTAX


def test_pip_crash_is_the_last_exception_of_its_traceback() -> None:
    text = ("ERROR: Exception:\nTraceback (most recent call last):\n"
            '  File "/usr/lib/python3.11/zipfile.py", line 1, in x\n'
            "zipfile.BadZipFile: File is not a zip file\n")
    event = _first(text, "pip install ./dist/x-1.0-py3-none-any.whl")
    assert (event.category, event.subject) == (Category.RUNTIME, "zipfile.BadZipFile")


def test_pip_config_key_not_set_is_the_key() -> None:
    event = _first("ERROR: No such key - global.index-url\n", "pip config unset global.index-url")
    assert (event.category, event.subject) == (Category.CONFIGURATION, "global.index-url")


def test_uv_run_of_a_bare_command_is_a_dependency_of_a_path_the_path() -> None:
    text = "error: Failed to spawn: `{}`\n  Caused by: No such file or directory (os error 2)\n"
    assert _first(text.format("black"), "uv run black .").category == Category.DEPENDENCY
    event = _first(text.format("./tools/gen.sh"), "uv run ./tools/gen.sh")
    assert (event.category, event.subject) == (Category.CONFIGURATION, "./tools/gen.sh")


def test_poetry_lone_key_error_is_the_option_value_given() -> None:
    event = _first("\n'SECONDARYY'\n", "poetry source add -p secondaryy corp https://x/simple/")
    assert (event.category, event.subject) == (Category.CONFIGURATION, "secondaryy")


def test_uv_index_refusing_credentials_is_the_index_url_in_either_wording() -> None:
    for hint in ("hint: An index URL (https://pkgs.corp.example/simple) could not be queried due to a lack of "
                 "valid authentication credentials (401 Unauthorized).",
                 "hint: An index (https://pkgs.corp.example/simple) returned a 403 Forbidden error. Check that "
                 "the index URL is correct and the credentials are valid."):
        text = ("error: No solution found when resolving dependencies:\n"
                "  cause: Because flask was not found in the package registry and you require flask, we can "
                "conclude that your requirements are unsatisfiable.\n\n" + hint + "\n")
        event = _first(text, "uv pip install flask")
        assert (event.category, event.subject) == (Category.PERMISSION, "https://pkgs.corp.example/simple")


def test_poetry_run_of_a_script_entry_with_no_function_is_the_script() -> None:
    text = ('  File "<string>", line 1\n'
            "    import sys; from importlib import import_module; sys.argv = ['/p/.venv/bin/serve']; "
            "sys.exit(import_module('app.main').())\n"
            "                                                                   ^\n"
            "SyntaxError: invalid syntax\n")
    event = _first(text, "poetry run serve")
    assert (event.category, event.subject) == (Category.CONFIGURATION, "serve")


def test_hatchling_naming_its_file_selection_table_is_that_table() -> None:
    text = ("  error: subprocess-exited-with-error\n\n"
            "  × Getting requirements to build editable did not run successfully.\n"
            "  │ exit code: 1\n  ╰─> [5 lines of output]\n"
            "      ValueError: Unable to determine which files to ship inside the wheel\n"
            "      At least one file selection option must be defined in the `tool.hatch.build.targets.wheel` table, see: x\n"
            "      [end of output]\n")
    event = _first(text, "pip install -e .")
    assert (event.category, event.subject) == (Category.CONFIGURATION, "tool.hatch.build.targets.wheel")


def test_pip_option_refused_after_its_usage_names_the_option() -> None:
    text = ("Usage:   \n  pip wheel [options] <requirement specifier> ...\n\n"
            "Arguments to --config-settings must be of the form KEY=VAL\n")
    event = detect(text.encode(), "pip wheel --config-settings x .", 2)[0]
    assert (event.category, event.subject) == (Category.CONFIGURATION, "--config-settings")


def test_pip_conf_with_a_parse_error_is_syntax_at_its_line() -> None:
    text = ("Configuration file could not be loaded.\nSource contains parsing errors: '/etc/pip.conf'\n"
            "file: '/etc/pip.conf', line: 3\n'timeout 60\\n'\n")
    event = detect(text.encode(), "pip download six", 1)[0]
    assert (event.category, event.subject) == (Category.SYNTAX, None)
    assert (event.location.path, event.location.line) == ("/etc/pip.conf", 3)


def test_poetry_unbalanced_requirement_read_as_a_name_is_syntax() -> None:
    event = detect(b"Could not find a matching version of package requests(>=2\n", "poetry add 'requests(>=2'", 1)[0]
    assert (event.category, event.subject) == (Category.SYNTAX, None)


def test_poetry_conflicting_pins_of_one_project_name_the_package() -> None:
    text = ("Incompatible constraints in requirements of app (1.0.0):\n"
            "Django[argon2] (>=5.0,<5.1)\nDjango (==4.2.0)\n")
    event = detect(text.encode(), "poetry install", 1)[0]
    assert (event.category, event.subject) == (Category.DEPENDENCY, "Django")


def test_uv_chained_cause_not_a_project_names_the_missing_file() -> None:
    text = ("error: Failed to build `/srv/app/libs/core`\n  Caused by: `/srv/app/libs/core` does not appear to be a "
            "Python project, as neither `pyproject.toml` nor `setup.py` are present in the directory\n")
    event = detect(text.encode(), "uv build libs/core", 2)[0]
    assert (event.category, event.subject) == (Category.CONFIGURATION, "pyproject.toml")


def test_pip_index_url_with_unknown_scheme_names_the_url() -> None:
    text = ("Looking in indexes: htps://mirror.example.com/simple\n"
            "ERROR: Could not install packages due to an OSError: No connection adapters were found for "
            "'htps://mirror.example.com/simple/six/'\n")
    event = detect(text.encode(), "pip install --index-url htps://mirror.example.com/simple six", 1)[0]
    assert (event.category, event.subject, event.location) == (
        Category.CONFIGURATION, "htps://mirror.example.com/simple/six/", None)


def test_pip_constraint_url_scheme_typo_points_at_the_constraints_line() -> None:
    text = ("Collecting six@ htps://x.example/six.tar.gz (from -c constraints.txt (line 4))\n"
            "ERROR: Could not install packages due to an OSError: No connection adapters were found for "
            "'htps://x.example/six.tar.gz'\n")
    event = detect(text.encode(), "pip install -c constraints.txt six", 1)[0]
    assert (event.subject, event.location.path, event.location.line) == (
        "htps://x.example/six.tar.gz", "constraints.txt", 4)


def test_pip_config_get_without_a_name_has_no_subject() -> None:
    text = 'ERROR: Got unexpected number of arguments, expected 1. (example: "pip config get [name]")\n'
    event = detect(text.encode(), "pip config get", 1)[0]
    assert (event.category, event.subject) == (Category.CONFIGURATION, None)


def test_uv_venv_onto_an_existing_folder_names_the_folder() -> None:
    text = ("Using CPython 3.12.3\nCreating virtual environment at: envs/py312\n"
            "error: Failed to create virtual environment\n  Caused by: A directory already exists at: envs/py312\n")
    event = detect(text.encode(), "uv venv envs/py312", 2)[0]
    assert (event.category, event.subject) == (Category.CONFIGURATION, "envs/py312")


def test_uv_build_requirements_not_found_are_the_dependency() -> None:
    text = ("error: Failed to build `app @ file:///srv/app`\n"
            "  Caused by: Failed to resolve requirements from `build-system.requires`\n"
            "  Caused by: No solution found when resolving: `hatchling-custom>=2`\n"
            "  Caused by: Because hatchling-custom was not found in the package registry and you require "
            "hatchling-custom>=2, we can conclude that your requirements are unsatisfiable.\n")
    event = detect(text.encode(), "uv sync", 1)[0]
    assert (event.category, event.subject) == (Category.DEPENDENCY, "hatchling-custom")


def test_poetry_config_of_a_repository_not_configured_names_it() -> None:
    event = detect(b"\nThere is no corp repository defined\n", "poetry config repositories.corp", 1)[0]
    assert (event.category, event.subject) == (Category.CONFIGURATION, "corp")


# --- round 24: the structural rules behind the h24_ fixes, in forms no fixture has

def test_a_specifier_clause_without_a_version_is_the_requirement_syntax() -> None:
    text = ("ERROR: Could not find a version that satisfies the requirement requests>= (from versions: 2.31.0)\n"
            "ERROR: No matching distribution found for requests>=\n")
    event = _first(text, "pip install 'requests>='")
    assert (event.category, event.subject) == (Category.SYNTAX, None)
    text = "ERROR: No matching distribution found for flask<2,>=1.0\n"  # a complete range: still a missing version
    assert _first(text, "pip install 'flask>=1.0,<2'").category == Category.DEPENDENCY


def test_pip_asking_for_a_name_is_the_command_line() -> None:
    event = _first("ERROR: Please provide a package name or names.\n", "pip show")
    assert (event.category, event.subject) == (Category.CONFIGURATION, None)


def test_a_table_missing_a_field_names_the_table_and_field() -> None:
    text = ("error: Failed to parse: `pyproject.toml`\n"
            "  Caused by: TOML parse error at line 1, column 1\n"
            "  |\n"
            "1 | [project]\n"
            "  | ^^^^^^^^^\n"
            "missing field `name`\n")
    event = _first(text, "uv lock")
    assert (event.category, event.subject) == (Category.CONFIGURATION, "project.name")


def test_a_poetry_constraint_from_an_option_value_is_the_option() -> None:
    event = _first("\nCould not parse version constraint: >=3.x\n", "poetry init -n --python '>=3.x'")
    assert (event.category, event.subject) == (Category.CONFIGURATION, "--python")
    event = _first("\nCould not parse version constraint: @2\n", "poetry add 'requests@@2'")
    assert (event.category, event.subject) == (Category.SYNTAX, None)  # a positional requirement


def test_poetry_naming_the_option_to_add_is_that_option() -> None:
    event = _first("\nAdd the --all option if you want to clear all cache entries\n", "poetry cache clear pypi")
    assert (event.category, event.subject) == (Category.CONFIGURATION, "--all")
    text = "\nFailed to add packages. Only vcs/path dependencies support editable installs. six is neither.\n"
    assert _first(text, "poetry add -e six").subject == "-e"


# ---- round 25: the general rules behind the h25_ fixes, on forms no fixture records


def test_uv_io_error_in_its_chain_is_read_by_errno() -> None:
    denied = ("error: Failed to build `/home/dev/project`\n"
              "  cause: failed to create directory `/srv/dist`: Permission denied (os error 13)\n")
    assert _first(denied, "uv build --out-dir /srv/dist").subject == "/srv/dist"
    assert _first(denied, "uv build --out-dir /srv/dist").category == Category.PERMISSION
    full = ("error: Failed to install: six-1.17.0-py2.py3-none-any.whl (six==1.17.0)\n"
            "  Caused by: failed to write to file `/home/dev/project/.venv/lib/six.py`: "
            "No space left on device (os error 28)\n")
    event = _first(full, "uv pip install six")
    assert (event.category, event.subject) == (Category.RUNTIME, "ENOSPC")


def test_uv_url_refused_by_the_http_client_is_the_url_not_the_network() -> None:
    text = ("error: Failed to fetch: `file+ssh://mirror.example.com/simple/six/`\n"
            "  cause: builder error for url (file+ssh://mirror.example.com/simple/six/)\n")
    event = _first(text, "uv pip install six")
    assert (event.category, event.subject) == (Category.CONFIGURATION, "file+ssh://mirror.example.com/simple/six/")


def test_pip_usage_message_wrapped_over_lines_names_its_option() -> None:
    text = ("\nUsage:   \n  pip download [options] <requirement specifier> [package-index-options] ...\n\n"
            "--python-version error: invalid --python-version value: '3.11.x.y':\n"
            "at most three version parts are allowed\n")
    event = detect(text.encode(), "pip download --python-version 3.11.x.y six", 2)[0]
    assert (event.category, event.subject) == (Category.CONFIGURATION, "--python-version")


def test_pip_require_hashes_unpinned_names_the_requirement() -> None:
    text = ("ERROR: In --require-hashes mode, all requirements must have their versions pinned with ==. "
            "These do not:\n    requests~=2.31 from https://files.example/requests-2.31.0.whl "
            "(from -r requirements.txt (line 3))\n")
    event = _first(text, "pip install --require-hashes -r requirements.txt")
    assert (event.category, event.subject) == (Category.CONFIGURATION, "requests")


def test_poetry_schema_error_keeps_the_array_index_and_check_names_the_undeclared_extra() -> None:
    text = ("\nThe Poetry configuration is invalid:\n"
            "  - tool.poetry.packages[1].format must be one of ['sdist', 'wheel']\n\n")
    assert _first(text, "poetry build").subject == "tool.poetry.packages[1].format"
    text = 'Error: Script "serve" requires extra "web" which is not defined.\n'
    event = _first(text, "poetry check")
    assert (event.category, event.subject) == (Category.CONFIGURATION, "web")


def test_a_conflict_between_two_requirement_file_lines_names_the_first_package() -> None:
    text = ("Collecting flask==3.0.0 (from -r requirements.txt (line 1))\n"
            "Collecting legacy-auth==1.2 (from -r requirements.txt (line 2))\n"
            "ERROR: Cannot install -r requirements.txt (line 1) and -r requirements.txt (line 2) "
            "because these package versions have conflicting dependencies.\n")
    event = _first(text, "pip install -r requirements.txt")
    assert (event.category, event.subject) == (Category.DEPENDENCY, "flask")


def test_a_conflict_names_a_package_named_by_name_before_a_file_line() -> None:
    text = ("Collecting flask==3.0.0 (from -r requirements.txt (line 1))\n"
            "ERROR: Cannot install -r requirements.txt (line 1) and werkzeug==2.0.3 "
            "because these package versions have conflicting dependencies.\n")
    event = _first(text, "pip install -r requirements.txt")
    assert (event.category, event.subject) == (Category.DEPENDENCY, "werkzeug")



def test_uv_build_reads_the_backend_output_streamed_above_its_error() -> None:
    text = ("Building source distribution...\n"
            "Building wheel from source distribution...\n"
            "Traceback (most recent call last):\n"
            '  File "<string>", line 11, in <module>\n'
            "ValueError: Unable to determine which files to ship inside the wheel using the following heuristics\n"
            "\n"
            "At least one file selection option must be defined in the `tool.hatch.build.targets.wheel` table, "
            "see: https://hatch.pypa.io/latest/config/build/\n"
            "error: Failed to build `/home/dev/project`\n"
            "  cause: The build backend returned an error\n"
            "  cause: Call to `hatchling.build.build_wheel` failed (exit status: 1)\n")
    event = _first(text, "uv build")
    assert (event.category, event.subject) == (Category.CONFIGURATION, "tool.hatch.build.targets.wheel")


def test_poetry_run_by_make_names_the_key_its_schema_lacks() -> None:
    text = ("\nThe Poetry configuration is invalid:\n  - project must contain ['name'] properties\n\n"
            "make: *** [Makefile:2: install] Error 1\n")
    event = _first(text, "make install")
    assert (event.category, event.subject, event.tool) == (Category.CONFIGURATION, "project.name", "poetry")


def test_poetry_run_echoed_by_make_is_the_command_poetry_did_not_find() -> None:
    # make echoes the recipe line; poetry's own line below answers it when it names that command
    text = ("/home/dev/.local/bin/poetry run pytest -q tests/\nCommand not found: pytest\n"
            "make: *** [Makefile:4: test] Error 1\n")
    event = _first(text, "make test")
    assert (event.category, event.subject, event.tool) == (Category.DEPENDENCY, "pytest", "poetry")
    event = _first("+ poetry run -- ruff check .\nCommand not found: ruff\n", "bash -x scripts/lint.sh")
    assert (event.category, event.subject) == (Category.DEPENDENCY, "ruff")
    # a line naming another command is no answer to the echoed run
    events = detect(b"poetry run pytest\nCommand not found: other\n", "make test", 1)
    assert all(e.tool != "poetry" for e in events)


def test_poetry_command_not_found_in_an_unechoed_script_or_after_its_env_line() -> None:
    # a script's lines are not echoed: the script itself, or poetry's environment line, says poetry ran
    event = _first("applying migrations\nCommand not found: alembic\n", "bash scripts/migrate.sh")
    assert (event.category, event.subject, event.tool) == (Category.DEPENDENCY, "alembic", "poetry")
    text = "Creating virtualenv demo in /home/dev/project/.venv\nCommand not found: alembic\n"
    assert _first(text, "make migrate").subject == "alembic"
    # an echoed run of another command still says the line is not poetry's answer to it
    events = detect(b"poetry run pytest\nCommand not found: other\n", "bash ci.sh", 1)
    assert all(e.tool != "poetry" for e in events)


def test_uv_chain_under_an_echoed_uv_command_is_read_as_uv() -> None:
    text = ("uv run python -m app\nerror: Failed to parse: `pyproject.toml`\n"
            "  Caused by: TOML parse error at line 4, column 32\n    |\n  4 | description = \"x\n"
            "    |                ^\n  invalid basic string\nmake: *** [Makefile:3: run] Error 2\n")
    event = _first(text, "make run")
    assert (event.category, event.location.path, event.location.line) == (Category.SYNTAX, "pyproject.toml", 4)


def test_poetry_schema_unknown_key_is_the_key() -> None:
    text = ("\nThe Poetry configuration is invalid:\n"
            "  - Additional properties are not allowed ('homepge', 'licence' were unexpected)\n")
    event = _first(text, "poetry check")
    assert (event.category, event.subject) == (Category.CONFIGURATION, "homepge")
