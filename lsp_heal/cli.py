"""The `lsp-heal` command: a thin face that turns arguments into engine calls.

Every command that prints data takes `--json`. Mistakes in the command's own input are one
line on stderr and exit status 2; nothing here prints a traceback for bad input.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from collections.abc import Sequence
from typing import NoReturn

from lsp_heal import __version__, commands
from lsp_heal.commands import UsageError


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(message)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="lsp-heal",
        description="Detect, recover from and learn from failing commands, tests and builds.",
    )
    parser.add_argument("--version", action="version", version=f"lsp-heal {__version__}")
    subparsers = parser.add_subparsers(dest="name", metavar="COMMAND", parser_class=_Parser)
    subparsers.required = True
    for info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda i: i.name):
        importlib.import_module(f"{commands.__name__}.{info.name}").register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
        return args.run(args)
    except UsageError as exc:
        print(f"lsp-heal: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
