"""The server object: session state, robust message handling, and the features it carries.

The object is deliberately thin (see the pygls examples): each feature module defines
`register(server)` and the handlers there are plain functions over the engine. What lives
here is what every feature shares: the workspace root, the cached config, the diagnostics
store, and the answers to messages that cannot be read at all.
"""

from __future__ import annotations

import asyncio
import enum
import importlib
import json
import logging
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.exceptions import JsonRpcException, JsonRpcInvalidRequest, JsonRpcParseError
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol
from pygls.uris import to_fs_path

from lsp_heal import __version__
from lsp_heal.server import command_output
from lsp_heal.server.diagnostics import DiagnosticStore
from lsp_heal.server.hook_runner import HookRunner
from lsp_heal.server.offers import Offers

FEATURES = ("documents", "command_output", "code_actions", "commands", "session")
log = logging.getLogger("lsp_heal.server")
#: The answer to anything that would run or install while the editor distrusts the workspace.
EDITOR_DISTRUST = ("the editor does not trust this workspace: lsp-heal runs and installs "
                   "nothing in it (trust the folder in the editor first)")


class Consent(enum.Enum):
    """How running or installing something is decided in this session."""

    REFUSED = "refused"  # the editor distrusts the workspace: never, and nobody is asked
    TRUSTED = "trusted"  # on the user's trust list: without asking
    ASK = "ask"  # the user is asked each time


class _Unreadable:
    """A request whose params could not be read: it still gets its error answer."""

    jsonrpc = "2.0"

    def __init__(self, msg_id: Any, error: JsonRpcException) -> None:
        self.id, self.error = msg_id, error


class HealProtocol(LanguageServerProtocol):
    """pygls' protocol, except that a request with unreadable params is answered, not dropped."""

    def get_message_type(self, method: str) -> Any:
        if method == command_output.METHOD:  # our extension: its params stay plain JSON
            return command_output.CommandFinishedNotification
        return super().get_message_type(method)

    def structure_message(self, data: dict[str, Any]) -> Any:
        try:
            return super().structure_message(data)
        except JsonRpcException as exc:
            if "id" in data and "method" in data:
                return _Unreadable(data["id"], exc)
            raise

    def _execute_handler(self, msg_id: Any, handler: Any, callback: Any,
                         args: tuple[Any, ...] | None = None,
                         kwargs: dict[str, Any] | None = None) -> None:
        """Run a handler; one that a builtin generator (executeCommand) runs for a request
        is cancelled with that request, so `$/cancelRequest` stops the work itself."""
        super()._execute_handler(msg_id, handler, callback, args, kwargs)
        request = callback.keywords.get("result_future") \
            if isinstance(callback, partial) and callback.func == self._run_generator else None
        work = self._request_futures.get(msg_id)
        if request is not None and work is not None and not work.done():
            request.add_done_callback(lambda done: done.cancelled() and work.cancel())

    def handle_message(self, message: Any) -> None:
        if isinstance(message, _Unreadable):
            self._send_response(message.id, error=message.error.to_response_error())
            return
        if not hasattr(message, "jsonrpc"):  # valid JSON that is no JSON-RPC message
            raise JsonRpcInvalidRequest("not a JSON-RPC message")
        super().handle_message(message)

    def answer_unreadable(self, error: JsonRpcException) -> None:
        """JSON-RPC's answer to a message with no id we could read: an error with id null."""
        self._send_data({"jsonrpc": "2.0", "id": None,
                         "error": {"code": error.code, "message": error.message}})


class HealServer(LanguageServer):
    """The lsp-heal language server and the state its features share."""

    def __init__(self) -> None:
        super().__init__("lsp-heal", __version__, protocol_cls=HealProtocol, max_workers=4)
        self.diagnostics = DiagnosticStore(self)
        #: One worker for command output: reports are read in the order they came.
        self.output_worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="lsp-heal-out")
        self._config: Any = None
        #: False when the editor said (initializationOptions.workspaceTrusted) it distrusts
        #: the workspace: then nothing runs or is installed, whatever the trust list says.
        self.editor_trusted = True
        self.hooks = HookRunner(self)
        self.offers = Offers(self)
        self.documents: Any = None  # the DocumentChecker, set by the documents feature
        self.command_output: Any = None  # the CommandOutputReader, set by its feature

    @property
    def root(self) -> Path | None:
        """The workspace root folder, when the client named one."""
        uri = self.workspace.root_uri if self.protocol._workspace else None
        path = to_fs_path(uri) if uri else None
        return Path(path) if path else None

    async def config(self) -> Any:
        """The workspace's hooks config, read (and validated) off the event loop once."""
        if self._config is None:
            from lsp_heal.config import load_config

            self._config = await self.run_in_worker(load_config, self.root)
        return self._config

    async def consent(self) -> Consent:
        """The one place that decides whether running or installing needs a question."""
        if not self.editor_trusted:
            return Consent.REFUSED
        from lsp_heal.recover.consent import is_trusted

        if self.root is not None and await self.run_in_worker(is_trusted, self.root):
            return Consent.TRUSTED
        return Consent.ASK

    def forget_config(self) -> None:
        """The config (or the project's files) changed: read them again when next needed."""
        from lsp_heal.server.plans import context

        self._config = None
        context.cache_clear()

    async def run_in_worker(self, fn: Any, *args: Any) -> Any:
        return await asyncio.get_running_loop().run_in_executor(self.thread_pool, fn, *args)

    def log(self, message: str, kind: types.MessageType = types.MessageType.Info) -> None:
        """A line in the client's log of this server (and in our stderr)."""
        log.log(logging.ERROR if kind == types.MessageType.Error else logging.INFO, message)
        self.window_log_message(types.LogMessageParams(type=kind, message=message))

    def report_server_error(self, error: Exception, source: Any) -> None:
        """Bad input gets an answer where JSON-RPC has one, a log line otherwise; never a stop."""
        if isinstance(error, json.JSONDecodeError):
            self.protocol.answer_unreadable(JsonRpcParseError(f"not valid JSON: {error.msg}"))
        elif isinstance(error, JsonRpcInvalidRequest):
            self.protocol.answer_unreadable(error)
        else:
            self.log(f"lsp-heal: {type(error).__name__}: {error}", types.MessageType.Error)


def build_server() -> HealServer:
    server = HealServer()
    for name in FEATURES:
        importlib.import_module(f"{__package__}.{name}").register(server)
    return server


def serve(tcp: tuple[str, int] | None = None, ws: tuple[str, int] | None = None) -> None:
    """Run until the client says exit (stdio), or forever (TCP, WebSocket)."""
    logging.basicConfig(level=logging.WARNING, format="%(name)s: %(message)s")
    log.setLevel(logging.INFO)
    # pygls logs a traceback for each unreadable message; those are answered (HealProtocol,
    # report_server_error) and logged in one line instead
    logging.getLogger("pygls.server").setLevel(logging.CRITICAL)
    logging.getLogger("pygls.protocol.json_rpc").addFilter(
        lambda record: not record.getMessage().startswith("Unable to deserialize message"))
    server = build_server()
    if tcp:
        server.start_tcp(*tcp)
    elif ws:
        server.start_ws(*ws)
    else:
        server.start_io()
