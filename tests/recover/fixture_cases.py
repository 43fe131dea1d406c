"""The recovery fixtures (fixtures/recover/cases.py) as workspaces with their events."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

from lsp_heal.detect import detect
from lsp_heal.recover.context import Context

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


def load_cases() -> list[dict]:
    spec = importlib.util.spec_from_file_location("recover_cases",
                                                  FIXTURES / "recover" / "cases.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.CASES


def recording(output: str) -> tuple[dict, bytes]:
    family, _, name = output.rpartition("/")
    folder = FIXTURES / family if family.startswith("detect") else FIXTURES / "recover" / family
    meta = json.loads((folder / f"{name}.json").read_text())
    return meta, (folder / f"{name}.out").read_bytes()


def workspace(case: dict, root: Path) -> tuple[Context, list]:
    """The case's project written under `root`, its Context and its events."""
    for rel, content in case["files"].items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content)
    for rel in case.get("plain", []):
        (root / rel).chmod(0o644)
    meta, output = recording(case["output"])
    env = {"PATH": "/usr/bin:/bin", "HOME": str(root / "home"), "USER": "dev"}
    ctx = Context.for_workspace(root, command=meta["command"], env=env)
    return ctx, detect(output, meta["command"], meta["exit_code"])
