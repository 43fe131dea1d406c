"""What a strategy knows about the place a failure happened: workspace, command, interpreter.

A Context is built by reading files only (lockfiles, manifests, `pyvenv.cfg`, the
EXTERNALLY-MANAGED marker): no subprocess, no network, so planning stays fast and safe to do
on every failure. It decides which manager a project uses, which interpreter failed, and
whether that interpreter may be installed into at all.
"""

from __future__ import annotations

import os
import shlex
import shutil
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from lsp_heal.config import Config, load_config

#: Lockfiles and manifests that decide a Python project's manager, first match wins.
PYTHON_MARKERS = (("uv.lock", "uv"), ("poetry.lock", "poetry"), ("Pipfile", "pipenv"),
                  ("environment.yml", "conda"), ("environment.yaml", "conda"))
NODE_MARKERS = (("pnpm-lock.yaml", "pnpm"), ("yarn.lock", "yarn"), ("package-lock.json", "npm"),
                ("npm-shrinkwrap.json", "npm"))
#: `uv run pytest`, `poetry run python app.py`: the launcher names the manager.
_RUNNER_MANAGERS = {"uv": "uv", "poetry": "poetry", "pipenv": "pipenv", "yarn": "yarn",
                    "pnpm": "pnpm", "npm": "npm"}
_VENV_DIRS = (".venv", "venv", "env", ".env")


def venv_python(venv: Path) -> Path:
    return venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def in_venv(python: Path) -> bool:
    """Whether an interpreter belongs to a virtual environment (its pyvenv.cfg is beside bin/)."""
    return (python.parent.parent / "pyvenv.cfg").is_file()


def externally_managed(python: str | Path) -> bool:
    """A system Python: not a venv, and marked EXTERNALLY-MANAGED (PEP 668) or under /usr.

    lsp_heal never installs into one; the plan becomes "make a venv, install there".
    """
    path = Path(python)
    if in_venv(path):
        return False
    resolved = path.resolve() if path.exists() else path
    prefix = resolved.parent.parent
    if any(prefix.glob("lib/python3*/EXTERNALLY-MANAGED")):
        return True
    return str(prefix) in ("/usr", "/")


@dataclass
class Context:
    """The workspace and the command a failure came from."""

    root: Path
    cwd: Path
    command: str | None = None
    env: dict[str, str] = field(default_factory=dict)
    config: Config = field(default_factory=Config)

    @classmethod
    def for_workspace(cls, root: str | Path, command: str | None = None,
                      cwd: str | Path | None = None,
                      env: dict[str, str] | None = None) -> Context:
        root = Path(root).resolve()
        return cls(root=root, cwd=Path(cwd).resolve() if cwd else root, command=command,
                   env=dict(os.environ if env is None else env), config=load_config(root))

    @cached_property
    def argv(self) -> list[str]:
        """The command as argv (empty when unknown or unparseable)."""
        if not self.command:
            return []
        try:
            return shlex.split(self.command)
        except ValueError:
            return self.command.split()

    def exists(self, relative: str) -> bool:
        return (self.cwd / relative).exists() or (self.root / relative).exists()

    def find(self, relative: str) -> Path | None:
        """A file of the project, looked up from the command's directory up to the root."""
        for folder in (self.cwd, *self.cwd.parents):
            if (folder / relative).exists():
                return folder / relative
            if folder == self.root or self.root not in folder.parents:
                break
        return None

    @cached_property
    def runner(self) -> str | None:
        """The manager whose `run` launched the command (`uv run pytest` → uv)."""
        argv = self.argv
        if len(argv) >= 2 and Path(argv[0]).name in _RUNNER_MANAGERS and argv[1] in ("run", "exec"):
            return _RUNNER_MANAGERS[Path(argv[0]).name]
        return None

    def _manager(self, markers: tuple[tuple[str, str], ...], default: str) -> str:
        """The launcher's manager if it is one of `markers`', else the first marker found."""
        if self.runner in {manager for _, manager in markers}:
            return self.runner
        return next((manager for marker, manager in markers if self.find(marker)), default)

    @cached_property
    def python_manager(self) -> str:
        """uv, poetry, pipenv, conda by their files (or the launcher), else pip."""
        return self._manager(PYTHON_MARKERS, "pip")

    @cached_property
    def node_manager(self) -> str:
        """pnpm, yarn, npm by their lockfiles (or the launcher), else npm."""
        return self._manager(NODE_MARKERS, "npm")

    @cached_property
    def requirements(self) -> Path | None:
        """The requirements file pip installs should be recorded in."""
        for name in ("requirements.txt", "requirements.in"):
            if found := self.find(name):
                return found
        candidates = sorted(self.root.glob("requirements*.txt"))
        return candidates[0] if candidates else None

    @cached_property
    def workspace_venv(self) -> Path | None:
        for folder in (self.cwd, self.root):
            for name in _VENV_DIRS:
                if (folder / name / "pyvenv.cfg").is_file():
                    return folder / name
        return None

    @cached_property
    def python(self) -> str | None:
        """The interpreter that failed: the workspace's venv, $VIRTUAL_ENV, the command's python."""
        if self.workspace_venv:
            return str(venv_python(self.workspace_venv))
        if venv := self.env.get("VIRTUAL_ENV"):
            return str(venv_python(Path(venv)))
        argv = self.argv
        if argv and Path(argv[0]).name.startswith("python"):
            first = argv[0]
            if "/" in first:
                return str(self.cwd / first) if not first.startswith("/") else first
            return shutil.which(first, path=self.env.get("PATH")) or first
        return shutil.which("python3", path=self.env.get("PATH"))

    @cached_property
    def python_is_system(self) -> bool:
        """The interpreter may not be installed into: make a venv first."""
        return self.python is not None and externally_managed(self.python)

    def relative(self, path: Path) -> str:
        """A path as the plan shows it: relative to the command's directory when inside it."""
        try:
            return str(path.relative_to(self.cwd))
        except ValueError:
            return str(path)
