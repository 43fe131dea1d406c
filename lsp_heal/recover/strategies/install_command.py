"""install-package for a command that is not there (`black: command not found`).

The shipped map says where a command comes from: a Python tool goes into the project's venv
(or its dev dependencies; pipx as a global alternative), a Node tool into node_modules as a
dev dependency, anything else is a Debian package that needs root. A command the map does
not know gets no plan: guessing a package from a command name is how look-alikes get in.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lsp_heal.model import Action, Category, ErrorEvent, Plan
from lsp_heal.recover.context import Context
from lsp_heal.recover.names import maps
from lsp_heal.recover.strategies import make_plan
from lsp_heal.recover.strategies.install_node import node_install_plans
from lsp_heal.recover.strategies.install_python import python_install_plans
from lsp_heal.recover.strategies.install_system import apt_plan

_COMMAND = re.compile(r"[A-Za-z0-9][A-Za-z0-9._+-]{0,63}")
_LAUNCHERS = {"bash", "sh", "zsh", "dash", "fish", "env", "make", "node", "python", "npm",
              "yarn", "pnpm", "cmake"}


def missing_command(event: ErrorEvent) -> str | None:
    if event.category is not Category.DEPENDENCY or event.tool not in _LAUNCHERS:
        return None
    subject = event.subject or ""
    if event.tool in ("python", "node") and event.details.get("exception", event.details.get(
            "code")) not in ("FileNotFoundError", "ENOENT"):
        return None
    name = subject.rsplit("/", 1)[-1] if subject.startswith("/usr/bin/") else subject
    return name if _COMMAND.fullmatch(name) else None


class MissingCommands:
    name = "install-command"
    config_name = "install"

    def plans(self, event: ErrorEvent, ctx: Context) -> Iterator[Plan]:
        command = missing_command(event)
        source = maps()["commands"].get(command) if command else None
        if not source:
            return
        if pypi := source.get("pypi"):
            yield from python_install_plans(event, ctx, pypi, 0.85, True)
            yield make_plan(event, "install-package", f"Install {pypi} as a global tool with "
                            "pipx", 0.5, Action("install", {"manager": "pipx", "package": pypi}))
        elif npm := source.get("npm"):
            yield from node_install_plans(event, ctx, npm, 0.85, True)
        elif apt := source.get("apt"):
            yield from apt_plan(event, apt, 0.75, f"provides the {command} command")
