"""`lsp-heal doctor`: is everything lsp_heal needs in place? Each problem says what to do."""

from __future__ import annotations

import argparse
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

from lsp_heal.commands import print_json

MANAGERS = ("pip", "uv", "poetry", "pipenv", "conda", "npm", "yarn", "pnpm", "cargo", "go")
Check = tuple[str, bool, str]  # (what, fine, the finding or what to do)


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("doctor", help="check the set-up and say what to fix")
    parser.add_argument("workspace", nargs="?", default=".", help="the workspace (default: .)")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.set_defaults(run=run)


def check_python(_: Path) -> Check:
    version = ".".join(map(str, sys.version_info[:3]))
    fine = sys.version_info >= (3, 10)
    return "python", fine, version if fine else f"{version}: install Python 3.10 or newer"


def check_managers(_: Path) -> Check:
    found = [m for m in MANAGERS if shutil.which(m)]
    return "managers", bool(found), (", ".join(found) if found else
                                     "no package manager on PATH: installs cannot be offered")


def check_store(_: Path) -> Check:
    from lsp_heal.paths import home

    try:
        where = home()
        probe = where / ".doctor"
        probe.write_text("ok")
        probe.unlink()
    except OSError as exc:
        return "store", False, f"cannot write the user data dir ({exc}): set $LSP_HEAL_HOME"
    return "store", True, str(where)


def check_model(_: Path) -> Check:
    from lsp_heal.paths import home

    model = home() / "learner" / "model.joblib"
    if model.exists():
        return "model", True, str(model)
    return "model", True, "not trained yet: `lsp-heal train` once some fixes are recorded"


def check_config(workspace: Path) -> Check:
    from lsp_heal.config import load_config

    config = load_config(workspace)
    if config.path is None:
        return "config", True, "no .lsp_heal/hooks.json: defaults in force (`lsp-heal init`)"
    if config.problems:
        listed = "; ".join(str(p) for p in config.problems)
        return "config", False, f"{config.path}: {listed} (fix these; the defaults stand in)"
    return "config", True, str(config.path)


CHECKS: tuple[Callable[[Path], Check], ...] = (
    check_python, check_managers, check_store, check_model, check_config)


def run(args: argparse.Namespace) -> int:
    results = [check(Path(args.workspace)) for check in CHECKS]
    if args.json:
        print_json({"checks": [{"name": n, "ok": ok, "detail": d} for n, ok, d in results]})
    else:
        for name, ok, detail in results:
            print(f"{'ok ' if ok else 'FIX'}  {name:<9} {detail}")
    return 0 if all(ok for _, ok, _ in results) else 1
