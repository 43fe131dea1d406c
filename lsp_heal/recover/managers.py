"""The argv that installs, and the argv that uninstalls, a package with each manager.

Only argv lists: nothing here is ever given to a shell. The name is validated again here,
whatever the strategy that proposed it checked, so that an argv built from a forged action
still cannot smuggle an option or a command. `apt` argvs are only ever part of a plan that
says it needs root; lsp_heal never prefixes them with sudo.

The install action's params (DESIGN §4 plus what the executor needs):
`manager`, `package`, `version` (optional), `python` (pip/pipx: the interpreter to install
into), `cwd` (where the manager runs), `dev` (a development dependency), `record` (the files
of the project the manager rewrites: manifest and lockfile, journaled before the install).
"""

from __future__ import annotations

from typing import Any

from lsp_heal.model import Action
from lsp_heal.recover.names import REGISTRY, valid_name

MANAGERS = tuple(REGISTRY)
_VERSION_CHARS = frozenset("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.+-*")


class InvalidAction(ValueError):
    """An install action whose manager, name or version is not plain."""


def _checked(action: Action) -> tuple[str, str, str | None, dict[str, Any]]:
    params = action.params
    manager, package, version = params.get("manager"), params.get("package"), params.get("version")
    if action.kind != "install" or manager not in REGISTRY:
        raise InvalidAction(f"not an install with a known manager: {action.to_json()}")
    if not isinstance(package, str) or not valid_name(REGISTRY[manager], package):
        raise InvalidAction(f"not a valid {REGISTRY[manager]} package name: {package!r}")
    if version is not None and (not isinstance(version, str) or not version
                                or not set(version) <= _VERSION_CHARS or version[0] in "-+"):
        raise InvalidAction(f"not a plain version: {version!r}")
    return manager, package, version, params


def _spec(manager: str, package: str, version: str | None) -> str:
    if version is None:
        return package
    if manager in ("pip", "uv", "pipenv", "pipx"):
        return f"{package}=={version}"
    if manager in ("conda", "apt"):
        return f"{package}={version}"
    return f"{package}@{version}"  # npm, yarn, pnpm, cargo, go, poetry


def _python(python: str | None) -> str:
    return python or "python3"


def install_argv(action: Action, python: str | None = None) -> list[str]:
    """The command that installs the action's package (python: the interpreter for pip)."""
    manager, package, version, params = _checked(action)
    spec, dev = _spec(manager, package, version), bool(params.get("dev"))
    python = params.get("python") or python
    match manager:
        case "pip":
            return [_python(python), "-m", "pip", "install", spec]
        case "uv":
            return ["uv", "add", *(["--dev"] if dev else []), spec]
        case "poetry":
            return ["poetry", "add", *(["--group", "dev"] if dev else []), spec]
        case "pipenv":
            return ["pipenv", "install", *(["--dev"] if dev else []), spec]
        case "conda":
            return ["conda", "install", "--yes", spec]
        case "pipx":
            return ["pipx", "install", spec]
        case "npm":
            return ["npm", "install", "--save-dev" if dev else "--save", spec]
        case "yarn":
            return ["yarn", "add", *(["--dev"] if dev else []), spec]
        case "pnpm":
            return ["pnpm", "add", *(["--save-dev"] if dev else []), spec]
        case "cargo":
            return ["cargo", "add", *(["--dev"] if dev else []), spec]
        case "go":
            return ["go", "get", spec]
        case _:  # apt: needs root, shown to the user, never run with sudo by lsp_heal
            return ["apt-get", "install", "--yes", spec]


def uninstall_argv(action: Action, python: str | None = None) -> list[str]:
    """The command that undoes `install_argv(action)`."""
    manager, package, _, params = _checked(action)
    python = params.get("python") or python
    match manager:
        case "pip":
            return [_python(python), "-m", "pip", "uninstall", "--yes", package]
        case "uv" | "poetry" | "yarn" | "pnpm" | "cargo":
            return [manager, "remove", package]
        case "pipenv" | "npm":
            return [manager, "uninstall", package]
        case "conda":
            return ["conda", "remove", "--yes", package]
        case "pipx":
            return ["pipx", "uninstall", package]
        case "go":
            return ["go", "get", f"{package}@none"]
        case _:
            return ["apt-get", "remove", "--yes", package]


def needs_root(action: Action) -> bool:
    """System packages: the plan must say so, and lsp_heal never runs them with sudo."""
    return action.params.get("manager") == "apt"
