"""Which option of a command line carries a value, the value it gives an option, and which
spelling of an option it used.

Not a family (no `parse`). Many tools print only the value they refused (`"nosuch": must be
one of ...`) or both spellings of an option (`-e, --env`); the convention (docs/detection.md)
names the option as the user typed it, which only the command line shows.
"""

from __future__ import annotations

import re


def option_for(command: str, value: str, within: bool = False) -> str | None:
    """The option `command` passes `value` with (`--type nosuch`, `--type=nosuch`, quoted or
    not); `within`: `value` as one item of a comma-separated list (`--hard=cpu,memory=1Gi`)."""
    item = rf"(?:[^\s'\"]*,)?{re.escape(value)}(?:,[^\s'\"]*)?" if within else re.escape(value)
    m = re.search(rf"(?:^|\s)(--?[A-Za-z][\w-]*)(?:=|\s+)['\"]?{item}['\"]?(?:\s|$)", command)
    return m[1] if m else None


def value_of(command: str, option: str) -> str | None:
    """The value `command` gives `option` (`--region eu-west-1`, `--region=eu-west-1`, quoted
    or not): the reverse of `option_for`."""
    m = re.search(rf"(?:^|\s){re.escape(option)}(?:=|\s+)['\"]?([^\s'\"]+)", command)
    return m[1] if m else None


def spelling_used(command: str, spellings: tuple[str, ...]) -> str | None:
    """The first of `spellings` the command gives (`--format x`, `-f=x`), as typed."""
    for spelling in spellings:
        if re.search(rf"(?:^|\s){re.escape(spelling)}(?:[\s=]|$)", command):
            return spelling
    return None
