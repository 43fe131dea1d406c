"""install-package for Python: the distribution an import needs, with the project's manager.

The import name is not the distribution name (`yaml` → PyYAML, `sklearn` → scikit-learn):
the shipped map decides first, then the installed metadata, then the name itself if PyPI's
15,000 most downloaded projects have it. A look-alike of a popular name gets no plan. The
manager is the project's (uv add, poetry add, pipenv, conda; pip records the name in
requirements.txt or pyproject.toml), the interpreter the one that failed, and a system or
EXTERNALLY-MANAGED Python is never installed into: the plan makes a venv first.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from functools import cache
from pathlib import Path

from lsp_heal.model import Action, Category, ErrorEvent, Plan
from lsp_heal.recover.context import Context, venv_python
from lsp_heal.recover.names import (is_popular, lookalike_of, maps, normalise, valid_import_name,
                                    valid_python_name)
from lsp_heal.recover.strategies import make_plan
from lsp_heal.recover.strategies.records import pyproject_edit, requirements_edit

STRATEGY = "install-package"
_PYTHON_TOOLS = {"python", "pytest", "unittest", "mypy"}
_NOT_IMPORTS = {"FileNotFoundError", "OSError"}
#: Manager → the project files it rewrites when it adds a dependency.
_RECORDS = {"uv": ("pyproject.toml", "uv.lock"), "poetry": ("pyproject.toml", "poetry.lock"),
            "pipenv": ("Pipfile", "Pipfile.lock"), "conda": ("environment.yml",)}
_MARKER = {"uv": "uv.lock", "poetry": "poetry.lock", "pipenv": "Pipfile", "conda": "environment.yml"}


@cache
def _installed_distributions() -> dict[str, list[str]]:
    from importlib.metadata import packages_distributions

    return packages_distributions()


def distribution_for_import(module: str) -> tuple[str, float] | None:
    """The distribution that provides `module`, with how sure we are (None: refuse)."""
    if not valid_import_name(module):
        return None
    top = module.split(".")[0]
    if top in sys.stdlib_module_names:
        return None
    imports = maps()["python_imports"]
    parts = module.split(".")
    for end in range(len(parts), 0, -1):
        if (dist := imports.get(".".join(parts[:end]))) is not None:
            return dist, 0.95
    if dists := _installed_distributions().get(top):
        return dists[0], 0.9
    for candidate in (top, top.replace("_", "-")):
        if is_popular("pypi", candidate):
            return candidate, 0.85
    return unlisted_distribution(top)


def unlisted_distribution(name: str) -> tuple[str, float] | None:
    """A name PyPI's top list does not have: a low-confidence guess, or None for a look-alike."""
    if not valid_python_name(name) or lookalike_of("pypi", name):
        return None
    return name, 0.4


def is_dev_tool(dist: str) -> bool:
    key = normalise(dist)
    return (key.startswith(("pytest", "types-", "flake8"))
            or key in {normalise(d) for d in maps()["python_dev"]})


def _local_module(top: str, ctx: Context) -> bool:
    """`import utils` of the project's own module: a path problem, not a missing package."""
    return any((folder / f"{top}.py").exists() or (folder / top / "__init__.py").exists()
               for folder in (ctx.cwd, ctx.root, ctx.root / "src"))


def wanted(event: ErrorEvent, ctx: Context) -> tuple[str, float, bool] | None:
    """(distribution, confidence, dev) that the event asks for, if it asks for one."""
    subject, details = event.subject or "", event.details
    if event.category is Category.TEST and "fixture '" in event.message:
        name = event.message.split("fixture '", 1)[1].split("'", 1)[0]
        plugin = maps()["pytest_fixtures"].get(name)
        return (plugin, 0.7, True) if plugin else None
    if event.category is Category.CONFIGURATION and event.tool == "pytest" and subject:
        plugin = maps()["pytest_options"].get(subject.split("=", 1)[0])
        return (plugin, 0.8, True) if plugin else None
    if event.category is not Category.DEPENDENCY or event.tool not in _PYTHON_TOOLS:
        return None
    if details.get("exception") in _NOT_IMPORTS:  # a command or a shared library
        return None
    if stubs := details.get("stubs"):
        return (stubs, 0.9, True) if valid_python_name(stubs) and is_popular("pypi", stubs) \
            else None
    if "Missing required plugins" in event.message or "PackageNotFoundError" in event.message:
        found = (subject, 0.9) if is_popular("pypi", subject) else unlisted_distribution(subject)
    else:
        if not valid_import_name(subject) or _local_module(subject.split(".")[0], ctx):
            return None
        found = distribution_for_import(subject)
    if found is None:
        return None
    return found[0], found[1], is_dev_tool(found[0])


class PythonPackages:
    """Missing Python modules, pytest plugins and stub packages."""

    name = "install-python"
    config_name = "install"

    def plans(self, event: ErrorEvent, ctx: Context) -> Iterator[Plan]:
        if found := wanted(event, ctx):
            yield from python_install_plans(event, ctx, *found)


def python_install_plans(event: ErrorEvent, ctx: Context, dist: str, confidence: float,
                         dev: bool) -> Iterator[Plan]:
    """Install `dist` the way the project installs things, recording it in its files."""
    if not valid_python_name(dist):
        return
    note = "" if confidence >= 0.5 else " (not among PyPI's most downloaded: check the name)"
    manager = ctx.python_manager
    if manager != "pip":
        marker = ctx.find(_MARKER[manager]) or ctx.find("pyproject.toml")
        folder = marker.parent if marker else ctx.cwd
        record = [name for name in _RECORDS[manager] if (folder / name).exists()]
        command = {"uv": "uv add", "poetry": "poetry add", "pipenv": "pipenv install",
                   "conda": "conda install"}[manager]
        yield make_plan(event, STRATEGY, f"Add {dist} to the project with {command}{note}",
                        confidence, Action("install", {
                            "manager": manager, "package": dist, "cwd": str(folder),
                            "dev": dev, "record": record}))
        return
    yield from pip_plans(event, ctx, [dist], confidence, dev, note)


def pip_plans(event: ErrorEvent, ctx: Context, dists: list[str], confidence: float,
              dev: bool, note: str = "", new_venv: bool | None = None) -> Iterator[Plan]:
    """pip into the interpreter that failed (a new .venv if it is a system one), recorded."""
    actions: list[Action] = []
    python = ctx.python or "python3"
    where = f"into {ctx.relative(Path(python).parent.parent)}" if ctx.workspace_venv else \
        f"with {python}"
    if ctx.python_is_system if new_venv is None else new_venv:
        venv = ctx.root / ".venv"
        actions.append(Action("run", {"command": [python, "-m", "venv", str(venv)],
                                      "cwd": str(ctx.root)}))
        python, where = str(venv_python(venv)), "into a new .venv (the system Python is " \
            "externally managed)"
        confidence *= 0.9
    for dist in dists:
        actions.append(Action("install", {"manager": "pip", "package": dist, "python": python,
                                          "cwd": str(ctx.cwd), "dev": dev}))
    recorded = ""
    for dist in dists:
        if edit := _record_edit(ctx, dist, dev):
            actions.append(edit)
            recorded = f" and add it to {ctx.relative(Path(edit.params['path']))}"
    names = ", ".join(dists) or "the packages"
    yield make_plan(event, STRATEGY, f"Install {names} with pip {where}{recorded}{note}",
                    confidence, *actions)


def _record_edit(ctx: Context, dist: str, dev: bool) -> Action | None:
    if dev:
        for name in ("requirements-dev.txt", "dev-requirements.txt", "requirements/dev.txt"):
            if found := ctx.find(name):
                return requirements_edit(found, dist)
    if ctx.requirements:
        return requirements_edit(ctx.requirements, dist)
    if pyproject := ctx.find("pyproject.toml"):
        return pyproject_edit(pyproject, dist, dev)
    return None
