"""Real ErrorEvents for the learner: every recorded fixture read by the real detector."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest

from lsp_heal.detect import detect
from lsp_heal.model import Action, ErrorEvent, Plan

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "detect"


@cache
def _fixture_events() -> tuple[ErrorEvent, ...]:
    """The root-cause event of each recorded failing case."""
    found = []
    for meta_path in sorted(FIXTURES.glob("*/*.json")):
        meta = json.loads(meta_path.read_text())
        events = detect(meta_path.with_suffix(".out").read_bytes(), meta["command"],
                        meta["exit_code"])
        if events:
            found.append(events[0])
    return tuple(found)


@pytest.fixture
def fixture_events() -> tuple[ErrorEvent, ...]:
    return _fixture_events()


@pytest.fixture
def missing_modules() -> list[ErrorEvent]:
    """Recorded `No module named X` events, each with a different X."""
    seen, found = set(), []
    for event in _fixture_events():
        if (event.tool == "python" and event.category.value == "dependency" and event.subject
                and "No module named" in event.message and event.subject not in seen):
            seen.add(event.subject)
            found.append(event)
    return found


def _install_plan(package: str, manager: str = "pip") -> Plan:
    return Plan("install-package", f"Install {package} with {manager}", 0.9,
                [Action("install", {"manager": manager, "package": package})])


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "home"


@pytest.fixture
def install_plan():
    """Makes the plan the install strategy proposes: install PACKAGE with a manager."""
    return _install_plan
