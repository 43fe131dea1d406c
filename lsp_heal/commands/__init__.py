"""The `lsp-heal` subcommands, one module each.

Each module defines `register(commands)`, which adds its subparser and sets `run`, a
function of the parsed arguments that returns the exit status. The CLI finds the modules by
itself, so a new command is one new file. Modules import the engine inside `run`: building
the parser must stay cheap for every command.
"""

from __future__ import annotations

import json
import sys
from typing import Any


class UsageError(Exception):
    """Bad input to the CLI itself: reported on one line, exit status 2."""


def print_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def print_table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> None:
    """Columns padded to their widest cell; the last column runs free."""
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header) - 1)]
    for row in [header, *rows]:
        cells = [cell.ljust(width) for cell, width in zip(row, widths)]
        print("  ".join([*cells, row[-1]]))
