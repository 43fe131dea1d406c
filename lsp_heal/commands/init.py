"""`lsp-heal init`: write the workspace's `.lsp_heal/hooks.json` with the defaults."""

from __future__ import annotations

import argparse
from pathlib import Path

from lsp_heal.commands import UsageError


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("init", help="write a default .lsp_heal/hooks.json")
    parser.add_argument("workspace", nargs="?", default=".", help="the workspace (default: .)")
    parser.add_argument("--force", action="store_true", help="replace an existing config")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from lsp_heal.config import CONFIG_PATH, default_config_text

    workspace = Path(args.workspace)
    if not workspace.is_dir():
        raise UsageError(f"init: {workspace} is not a directory")
    target = workspace / CONFIG_PATH
    if target.exists() and not args.force:
        raise UsageError(f"init: {target} exists (--force replaces it)")
    try:
        target.parent.mkdir(exist_ok=True)
        target.write_text(default_config_text(), encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"init: cannot write {target}: {exc.strerror or exc}") from None
    print(f"wrote {target}: hooks run only once you trust the workspace (`lsp-heal trust`)")
    return 0
