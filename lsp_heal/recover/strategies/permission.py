"""permission: what was denied, and the least that fixes it.

- A script in the workspace without its exec bit → `chmod +x` on that one file (journaled).
- npm's global prefix not writable → a user prefix (`npm config set prefix ~/.npm-global`),
  never sudo.
- git refusing a repository owned by someone else → mark that one path safe.
- A workspace file owned by root → say so, with the command; lsp_heal never runs sudo.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

from lsp_heal.model import Action, Category, ErrorEvent, Plan
from lsp_heal.recover.context import Context
from lsp_heal.recover.strategies import make_plan

STRATEGY = "permission"


def _workspace_file(ctx: Context, subject: str) -> Path | None:
    """The denied path, if it is a file inside the workspace."""
    path = Path(subject) if os.path.isabs(subject) else ctx.cwd / subject
    try:
        resolved = path.resolve()
        if not resolved.is_file():
            return None
    except OSError:
        return None
    return resolved if ctx.root == resolved or ctx.root in resolved.parents else None


def _npm_global(event: ErrorEvent, ctx: Context) -> bool:
    argv = ctx.argv
    global_install = "-g" in argv or "--global" in argv or "--location=global" in argv
    return event.tool in ("npm", "yarn", "pnpm") and (global_install
                                                      or "node_modules" in (event.subject or ""))


class Permission:
    name = "permission"
    config_name = "permission"

    def plans(self, event: ErrorEvent, ctx: Context) -> Iterator[Plan]:
        if event.category is not Category.PERMISSION or not event.subject:
            return
        if event.tool == "git" and "dubious ownership" in event.message:
            yield make_plan(event, STRATEGY, f"Trust the repository at {event.subject} "
                            "(git config --global --add safe.directory)", 0.75,
                            Action("run", {"command": ["git", "config", "--global", "--add",
                                                       "safe.directory", event.subject],
                                           "cwd": str(ctx.cwd)}))
            return
        if _npm_global(event, ctx):
            prefix = Path(ctx.env.get("HOME", str(Path.home()))) / ".npm-global"
            yield make_plan(event, STRATEGY, f"Install global npm packages under {prefix} "
                            "instead of a system folder (no sudo)", 0.75,
                            Action("run", {"command": ["npm", "config", "set", "prefix",
                                                       str(prefix)], "cwd": str(ctx.cwd)}),
                            Action("manual", {"message": f"Add {prefix}/bin to your PATH"}))
            return
        path = _workspace_file(ctx, event.subject)
        if path is None:
            return
        info = path.stat()
        if info.st_uid == 0 and os.geteuid() != 0:
            user = ctx.env.get("USER") or str(os.geteuid())
            yield make_plan(event, STRATEGY, f"{ctx.relative(path)} belongs to root: give it "
                            "back to your user (needs root; lsp_heal will not run sudo)", 0.6,
                            Action("manual", {"message": f"{path} is owned by root",
                                              "command": ["sudo", "chown", user, str(path)]}))
            return
        if not info.st_mode & stat.S_IXUSR:
            mode = stat.S_IMODE(info.st_mode) | ((stat.S_IMODE(info.st_mode) & 0o444) >> 2)
            yield make_plan(event, STRATEGY, f"Make {ctx.relative(path)} executable "
                            f"(chmod +x)", 0.85,
                            Action("chmod", {"path": str(path), "mode": f"{mode:o}"}))
