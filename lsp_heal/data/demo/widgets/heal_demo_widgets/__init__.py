"""The dependency the sample app is missing (installed by the demo from a local wheel)."""

__version__ = "1.0"


def count() -> int:
    return 3
