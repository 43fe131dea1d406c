"""The mypy family beyond the first reading: messages no fixture records."""

from __future__ import annotations

from tests.detect.conftest import first_reading


def test_source_list_errors_are_configuration() -> None:
    """find_sources.py's InvalidSourceList, printed bare with exit 2 (round 18)."""
    assert first_reading("There are no .py[i] files in directory 'source'\n",
                         "mypy source", 2) == ("configuration", "source", None)
    assert first_reading("my-pkg is not a valid Python package name\n",
                         "mypy src", 2) == ("configuration", "my-pkg", None)
