"""Progress bars for long learner work: on stderr, only when a person is watching."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from typing import TypeVar

T = TypeVar("T")
WORTH_A_BAR = 2000  # items below which a bar would only flicker


def progress(items: Iterable[T], total: int, desc: str, enabled: bool = True) -> Iterable[T]:
    """`items`, wrapped in a tqdm bar when enabled, large, and stderr is a terminal."""
    if not enabled or total < WORTH_A_BAR or not sys.stderr.isatty():
        return items
    from tqdm import tqdm

    return tqdm(items, total=total, desc=desc, file=sys.stderr, leave=False, unit="it")
