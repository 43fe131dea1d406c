"""Shared test inputs: real recorded tool output, never hand-typed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "detect"


@pytest.fixture(
    params=["python/module_not_found", "cc/gcc_missing_header", "npm/e404-package"],
)
def failing_fixture(request) -> tuple[dict, bytes]:
    """A few recorded failures whose first error has a subject and a place."""
    meta = FIXTURES / f"{request.param}.json"
    return json.loads(meta.read_text()), meta.with_suffix(".out").read_bytes()
