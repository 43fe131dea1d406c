"""Strategies and their helpers on real files: names, managers, context, records, each rule."""

from __future__ import annotations

import tomllib

import pytest

from lsp_heal.model import Action, Category, ErrorEvent, Severity
from lsp_heal.recover import names
from lsp_heal.recover.context import Context, externally_managed
from lsp_heal.recover.managers import InvalidAction, install_argv, uninstall_argv
from lsp_heal.recover.strategies.configuration import Configuration
from lsp_heal.recover.strategies.install_node import NodePackages, package_of
from lsp_heal.recover.strategies.install_python import PythonPackages, distribution_for_import
from lsp_heal.recover.strategies.permission import Permission
from lsp_heal.recover.strategies.records import apply_edits, pyproject_edit, requirements_edit
from lsp_heal.recover.strategies.rerun_test import RerunTest
from lsp_heal.recover.strategies.retry import RetryWithBackoff

HOSTILE = ["x; rm -rf ~", "$(curl evil)", "a b", "--index-url=http://evil", "`id`", "x|y",
           "../../etc", "pkg\nrm", ""]


def event(category, tool, message, subject=None, **details):
    return ErrorEvent(Category(category), Severity.HIGH, tool, message, subject=subject,
                      details=details)


def ctx_for(root, command=None):
    return Context.for_workspace(root, command=command, env={"PATH": "/usr/bin:/bin",
                                                              "HOME": str(root)})


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_names_are_not_package_names(name):
    for registry in ("pypi", "npm", "crates", "go", "debian"):
        assert not names.valid_name(registry, name)
    with pytest.raises(InvalidAction):
        install_argv(Action("install", {"manager": "pip", "package": name}))


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_module_names_get_no_plan(name, tmp_path):
    missing = event("dependency", "python", f"ModuleNotFoundError: No module named '{name}'",
                    name)
    node = event("dependency", "node", f"Error: Cannot find module '{name}'", name)
    assert list(PythonPackages().plans(missing, ctx_for(tmp_path))) == []
    assert list(NodePackages().plans(node, ctx_for(tmp_path))) == []


@pytest.mark.parametrize(("registry", "name", "imitates"), [
    ("pypi", "reqeusts", "requests"), ("pypi", "numpyy", "numpy"), ("pypi", "djanga", "django"),
    ("npm", "lodahs", "lodash"), ("npm", "expresss", "express")])
def test_lookalikes_of_popular_names_are_refused(registry, name, imitates):
    assert names.lookalike_of(registry, name) == imitates
    assert names.lookalike_of(registry, imitates) is None


@pytest.mark.parametrize(("module", "dist"), [
    ("yaml", "PyYAML"), ("cv2", "opencv-python"), ("sklearn", "scikit-learn"), ("PIL", "Pillow"),
    ("bs4", "beautifulsoup4"), ("dateutil", "python-dateutil"),
    ("google.protobuf", "protobuf"), ("requests", "requests")])
def test_import_names_map_to_distributions(module, dist):
    assert distribution_for_import(module)[0] == dist


def test_standard_library_and_local_modules_are_not_installed(tmp_path):
    (tmp_path / "helpers.py").write_text("")
    ctx = ctx_for(tmp_path)
    for module in ("json", "helpers"):
        missing = event("dependency", "python", f"No module named '{module}'", module)
        assert list(PythonPackages().plans(missing, ctx)) == []


def test_every_manager_has_an_install_and_its_inverse():
    for manager, package in [("pip", "PyYAML"), ("uv", "PyYAML"), ("poetry", "PyYAML"),
                             ("pipenv", "PyYAML"), ("conda", "numpy"), ("npm", "@types/node"),
                             ("yarn", "lodash"), ("pnpm", "lodash"), ("cargo", "rand"),
                             ("go", "github.com/google/uuid"), ("apt", "ripgrep")]:
        action = Action("install", {"manager": manager, "package": package})
        install, remove = install_argv(action, "/venv/bin/python"), uninstall_argv(action)
        assert package in " ".join(install) and package in " ".join(remove)
        assert "sudo" not in install + remove
    dev = Action("install", {"manager": "npm", "package": "jest", "dev": True})
    assert install_argv(dev) == ["npm", "install", "--save-dev", "jest"]
    go = Action("install", {"manager": "go", "package": "github.com/pkg/errors"})
    assert uninstall_argv(go) == ["go", "get", "github.com/pkg/errors@none"]
    with pytest.raises(InvalidAction):
        install_argv(Action("install", {"manager": "pip", "package": "x", "version": "1; rm"}))


@pytest.mark.parametrize(("files", "python_manager", "node_manager"), [
    ({"uv.lock": ""}, "uv", "npm"), ({"poetry.lock": ""}, "poetry", "npm"),
    ({"Pipfile": ""}, "pipenv", "npm"), ({"environment.yml": ""}, "conda", "npm"),
    ({"yarn.lock": ""}, "pip", "yarn"), ({"pnpm-lock.yaml": ""}, "pip", "pnpm"),
    ({"package-lock.json": ""}, "pip", "npm")])
def test_managers_are_read_from_the_workspace(tmp_path, files, python_manager, node_manager):
    for rel, text in files.items():
        (tmp_path / rel).write_text(text)
    ctx = ctx_for(tmp_path)
    assert (ctx.python_manager, ctx.node_manager) == (python_manager, node_manager)


def test_externally_managed_and_venv_pythons(tmp_path):
    prefix = tmp_path / "usr-like"
    (prefix / "lib" / "python3.12").mkdir(parents=True)
    (prefix / "lib" / "python3.12" / "EXTERNALLY-MANAGED").write_text("[externally-managed]\n")
    (prefix / "bin").mkdir()
    assert externally_managed(prefix / "bin" / "python3")
    venv = tmp_path / ".venv"
    (venv / "bin").mkdir(parents=True)
    (venv / "pyvenv.cfg").write_text("home = /usr/bin\n")
    assert not externally_managed(venv / "bin" / "python")
    assert ctx_for(tmp_path, "python3 app.py").python == str(venv / "bin" / "python")


def test_system_python_gets_a_venv_first(tmp_path):
    ctx = ctx_for(tmp_path, "/usr/bin/python3 app.py")
    missing = event("dependency", "python", "No module named 'yaml'", "yaml")
    [plan] = PythonPackages().plans(missing, ctx)
    run, install = plan.actions[:2]
    assert run.params["command"][1:3] == ["-m", "venv"]
    assert install.params["python"] == str(tmp_path / ".venv" / "bin" / "python")


def test_requirements_and_pyproject_record_the_name(tmp_path):
    requirements = tmp_path / "requirements.txt"
    requirements.write_text("requests==2.31.0")
    edit = requirements_edit(requirements, "PyYAML")
    assert apply_edits(requirements.read_text(), edit.params["edits"]) == \
        "requests==2.31.0\nPyYAML\n"
    assert requirements_edit(tmp_path / "requirements.txt", "requests") is None
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text('[project]\nname = "x"\ndependencies = [\n  "rich"\n]\n[tool.x]\na = 1\n')
    for dev, table in ((False, "project"), (True, "dependency-groups")):
        edit = pyproject_edit(pyproject, "black", dev)
        data = tomllib.loads(apply_edits(pyproject.read_text(), edit.params["edits"]))
        listed = data[table]["dependencies" if not dev else "dev"]
        assert "black" in listed and (dev or "rich" in listed)


def test_node_specifiers():
    assert package_of("lodash/fp") == "lodash"
    assert package_of("@scope/pkg/sub") == "@scope/pkg"
    assert package_of("./config") is None and package_of("fs") is None
    assert package_of("node:fs") is None


def test_rerun_selects_one_test_and_never_an_option(tmp_path):
    ctx = ctx_for(tmp_path, "npx jest")
    failed = event("test", "jest", "expect(received)", "sum › adds (1+2)")
    [plan] = RerunTest().plans(failed, ctx)
    rerun = plan.actions[0].params
    assert rerun["command"] == ["npx", "jest", "-t", r"^sum adds \(1\+2\)$"]
    assert rerun["mode"] == "flaky" and rerun["max_attempts"] >= 2
    go = event("test", "go", "--- FAIL", "TestAdd/negative")
    assert list(RerunTest().plans(go, ctx))[0].actions[0].params["command"][:4] == \
        ["go", "test", "-run", "^TestAdd$/^negative$"]
    sneaky = event("test", "pytest", "failed", "--pyargs=evil")
    assert list(RerunTest().plans(sneaky, ctx)) == []


def test_retry_reads_the_config_and_skips_what_retrying_cannot_fix(tmp_path):
    (tmp_path / ".lsp_heal").mkdir()
    (tmp_path / ".lsp_heal" / "hooks.json").write_text(
        '{"fallback": {"maxRetries": 5, "backoffMultiplier": 3}}')
    ctx = ctx_for(tmp_path, "curl -fsS http://x/")
    unavailable = event("network", "curl", "curl: (22) The requested URL returned error: 503")
    [plan] = RetryWithBackoff().plans(unavailable, ctx)
    params = plan.actions[0].params
    assert params["max_attempts"] == 5 and params["backoff"]["multiplier"] == 3
    assert params["command"] == ["curl", "-fsS", "http://x/"]
    for message in ("curl: (60) SSL certificate problem: self-signed certificate",
                    "curl: (22) The requested URL returned error: 404",
                    "Error: listen EADDRINUSE: address already in use 127.0.0.1:80"):
        assert list(RetryWithBackoff().plans(event("network", "curl", message), ctx)) == []
    assert list(RetryWithBackoff().plans(unavailable, ctx_for(tmp_path))) == []


def test_exec_bit_only_on_the_workspace_file_that_lacks_it(tmp_path):
    script = tmp_path / "deploy.sh"
    script.write_text("#!/bin/sh\n")
    script.chmod(0o640)
    ctx = ctx_for(tmp_path, "./deploy.sh")
    denied = event("permission", "bash", "bash: ./deploy.sh: Permission denied", "./deploy.sh")
    [plan] = Permission().plans(denied, ctx)
    assert plan.actions[0].to_json() == {"kind": "chmod", "path": str(script), "mode": "750"}
    script.chmod(0o755)
    assert list(Permission().plans(denied, ctx)) == []
    outside = event("permission", "bash", "/etc/shadow: Permission denied", "/etc/shadow")
    assert list(Permission().plans(outside, ctx)) == []


def test_env_var_goes_to_dotenv_once(tmp_path):
    ctx = ctx_for(tmp_path, "python3 app.py")
    missing = event("configuration", "python", "KeyError: 'DATABASE_URL'", "DATABASE_URL")
    [plan] = Configuration().plans(missing, ctx)
    edit = plan.actions[0].params
    assert edit["path"] == str(tmp_path / ".env")
    assert apply_edits("", edit["edits"]) == "DATABASE_URL=changeme\n"
    (tmp_path / ".env").write_text("DATABASE_URL=postgres://db\n")
    assert list(Configuration().plans(missing, ctx)) == []


def test_config_file_copied_from_its_example_never_over_one(tmp_path):
    (tmp_path / "settings.example.toml").write_text("debug = false\n")
    ctx = ctx_for(tmp_path, "python3 app.py")
    missing = event("configuration", "python", "FileNotFoundError: 'settings.toml'",
                    "settings.toml")
    [plan] = Configuration().plans(missing, ctx)
    assert plan.actions[0].to_json() == {"kind": "copy", "path": str(tmp_path / "settings.toml"),
                                         "source": str(tmp_path / "settings.example.toml")}
    (tmp_path / "settings.toml").write_text("")
    assert list(Configuration().plans(missing, ctx)) == []


def test_version_mismatch_says_which_version(tmp_path):
    wrong = event("configuration", "poetry", "The currently activated Python version 3.11.7 is "
                  "not supported by the project (>=3.15).", "python")
    [plan] = Configuration().plans(wrong, ctx_for(tmp_path))
    assert "3.15" in plan.title and plan.actions[0].kind == "manual"
