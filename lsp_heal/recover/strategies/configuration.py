"""configuration: the setting, file or version a command expected and did not find.

- A missing environment variable → a line `NAME=changeme` in the workspace's `.env`, for the
  user to fill in (the plan always asks first).
- A missing config file with an `*.example`/`*.sample`/`*.dist` beside it → a copy of it.
- A Python/Node/Go older or newer than the project wants → which version, and how to get it.
- A lockfile out of date → the manager's lock command; a branch without upstream → push with
  `--set-upstream`; an interpreter that refuses installs (PEP 668) → a venv to install into.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from lsp_heal.model import Action, Category, ErrorEvent, Plan
from lsp_heal.recover.context import Context
from lsp_heal.recover.names import valid_python_name
from lsp_heal.recover.strategies import make_plan
from lsp_heal.recover.strategies.install_python import pip_plans
from lsp_heal.recover.strategies.records import append_line

STRATEGY = "configuration"
PLACEHOLDER = "changeme"
_ENV_NAME = re.compile(r"[A-Z][A-Z0-9_]{1,63}")
_ENV_HINTS = ("KeyError", "variable", "environ", "env var", "not set")
#: Where a message states the version it needs, most explicit first.
_NEEDED = [re.compile(p) for p in (r">=?\s*v?(\d+(?:\.\d+){0,2})",
                                   r"requires (?:Go|Python|Node(?:\.js)?) v?(\d+(?:\.\d+){0,2})",
                                   r"[\^~]\s*v?(\d+(?:\.\d+){0,2})")]
_GIT_REF = re.compile(r"[A-Za-z0-9][A-Za-z0-9._/-]{0,200}")
_HOW = {"python": "uv python install {v}  (or pyenv install {v})",
        "node": "nvm install {v}  (or fnm install {v})",
        "go": "go install golang.org/dl/go{v}@latest && go{v} download"}
_COMMANDS = {"python": ["uv", "python", "install"], "node": ["nvm", "install"]}
#: (tool, subject) → the command that brings the file back in line, and the files it rewrites.
_RELOCK = {("poetry", "poetry.lock"): (["poetry", "lock"], ["pyproject.toml", "poetry.lock"]),
           ("uv", "uv.lock"): (["uv", "lock"], ["pyproject.toml", "uv.lock"]),
           ("npm", "package-lock.json"): (["npm", "install"], ["package.json",
                                                              "package-lock.json"])}
_OPTIONS_WITH_VALUE = {"-r", "--requirement", "-c", "--constraint", "--python", "-i",
                       "--index-url", "--extra-index-url", "-e", "--editable", "-t", "--target",
                       "--prefix", "--root", "-f", "--find-links", "-p"}


def _env_plan(event: ErrorEvent, ctx: Context, name: str) -> Iterator[Plan]:
    env_file = ctx.root / ".env"
    if env_file.is_dir():  # a virtualenv named .env
        return
    text = env_file.read_text(encoding="utf-8", errors="replace") if env_file.exists() else ""
    if re.search(rf"^\s*(?:export\s+)?{name}\s*=", text, re.M):
        return  # set there already: the problem is elsewhere (not loaded)
    if edit := append_line(env_file, f"{name}={PLACEHOLDER}"):
        yield make_plan(event, STRATEGY, f"Add {name}={PLACEHOLDER} to .env (a placeholder: "
                        "put the real value in)", 0.6, edit)


def _example_of(target: Path) -> Path | None:
    for suffix in (".example", ".sample", ".dist", ".template"):
        for candidate in (target.with_name(target.name + suffix),
                          target.with_name(target.stem + suffix + target.suffix)):
            if candidate.is_file():
                return candidate
    return None


def _copy_plan(event: ErrorEvent, ctx: Context, subject: str) -> Iterator[Plan]:
    target = Path(subject) if Path(subject).is_absolute() else ctx.cwd / subject
    if target.exists() or ctx.root not in target.resolve().parents:
        return
    if source := _example_of(target):
        yield make_plan(event, STRATEGY, f"Create {ctx.relative(target)} from "
                        f"{ctx.relative(source)}", 0.75,
                        Action("copy", {"source": str(source), "path": str(target)}))


def _version_plan(event: ErrorEvent, tool: str) -> Iterator[Plan]:
    found = (p.search(event.message) for p in _NEEDED)
    version = next((m[1] for m in found if m), None)
    need = f"{tool.capitalize()} {version}" if version else f"another {tool} version"
    how = _HOW[tool].format(v=version) if version else ""
    command = [*_COMMANDS[tool], version] if version and tool in _COMMANDS else None
    yield make_plan(event, STRATEGY, f"This project needs {need}" + (f": {how}" if how else ""),
                    0.5, Action("manual", {"message": f"Install {need} and use it here",
                                           "command": command}))


def _requested_packages(argv: list[str]) -> list[str]:
    if "install" not in argv:
        return []
    found, skip = [], False
    for arg in argv[argv.index("install") + 1:]:
        if skip or arg.startswith("-"):
            skip = not skip and arg in _OPTIONS_WITH_VALUE
            continue
        if valid_python_name(arg):
            found.append(arg)
    return found


def _git_cwd(ctx: Context) -> Path:
    argv = ctx.argv
    if "-C" in argv[:-1]:
        return ctx.cwd / argv[argv.index("-C") + 1]
    return ctx.cwd


class Configuration:
    name = "configuration"
    config_name = "configuration"

    def plans(self, event: ErrorEvent, ctx: Context) -> Iterator[Plan]:
        if event.category is not Category.CONFIGURATION or not event.subject:
            return
        subject, tool = event.subject, event.tool
        if subject == "externally-managed-environment":
            yield from pip_plans(event, ctx, _requested_packages(ctx.argv), 0.8, False,
                                 new_venv=True)
        elif subject in _HOW:
            yield from _version_plan(event, subject)
        elif (tool, subject) in _RELOCK:
            command, record = _RELOCK[tool, subject]
            yield make_plan(event, STRATEGY, f"Bring {subject} up to date: {' '.join(command)}",
                            0.75, Action("run", {"command": command, "cwd": str(ctx.cwd),
                                                 "record": record}))
        elif tool == "git" and "no upstream branch" in event.message \
                and _GIT_REF.fullmatch(subject):
            yield make_plan(event, STRATEGY, f"Push {subject} and set its upstream", 0.7,
                            Action("run", {"command": ["git", "push", "--set-upstream",
                                                       "origin", subject],
                                           "cwd": str(_git_cwd(ctx))}))
        elif _ENV_NAME.fullmatch(subject) and any(h in event.message for h in _ENV_HINTS):
            yield from _env_plan(event, ctx, subject)
        elif "." in subject and "/" not in subject[:1] and ".." not in subject:
            yield from _copy_plan(event, ctx, subject)
