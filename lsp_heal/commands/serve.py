"""`lsp-heal serve`: the language server, over stdio (default), TCP or WebSocket."""

from __future__ import annotations

import argparse

from lsp_heal.commands import UsageError


def _address(value: str) -> tuple[str, int]:
    host, sep, port = value.rpartition(":")
    if not sep or not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise argparse.ArgumentTypeError(f"expected HOST:PORT, got {value!r}")
    return host, int(port)


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("serve", help="run the language server (stdio by default)")
    transport = parser.add_mutually_exclusive_group()
    transport.add_argument("--stdio", action="store_true", help="talk over stdin/stdout (default)")
    transport.add_argument("--tcp", type=_address, metavar="HOST:PORT", help="listen on TCP")
    transport.add_argument("--ws", type=_address, metavar="HOST:PORT", help="listen on WebSocket")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from lsp_heal.server.server import serve

    try:
        serve(tcp=args.tcp, ws=args.ws)
    except OSError as exc:  # the address is taken or not ours to bind
        raise UsageError(f"serve: cannot listen: {exc.strerror or exc}") from None
    return 0
