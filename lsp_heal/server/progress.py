"""`$/progress` for long work, and cancellation from either side.

The server creates a token (`window/workDoneProgress/create`) when the client supports it;
a progress cancel from the client, like `$/cancelRequest`, cancels the task doing the work,
which stops what it runs (a subprocess is killed) and answers the request as cancelled.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING

from lsprotocol import types
from pygls.exceptions import JsonRpcRequestCancelled

if TYPE_CHECKING:
    from lsp_heal.server.server import HealServer


@asynccontextmanager
async def progress(server: HealServer, title: str, *, cancellable: bool
                   ) -> AsyncIterator[Callable[[str], None]]:
    """Report `title` while the block runs; yields a function that reports a step."""
    window = server.client_capabilities.window
    if not (window and window.work_done_progress):
        yield lambda message: None
        return
    token = f"lsp-heal-{uuid.uuid4()}"
    tracker = server.work_done_progress
    await tracker.create_async(token)
    tracker.begin(token, types.WorkDoneProgressBegin(title=title, cancellable=cancellable))
    task = asyncio.current_task()
    cancel = tracker.tokens[token]
    cancel.add_done_callback(lambda f: f.cancelled() and task is not None and task.cancel())
    outcome = "done"
    try:
        yield lambda message: tracker.report(token, types.WorkDoneProgressReport(message=message))
    except asyncio.CancelledError:
        # answered as RequestCancelled: pygls' command path does not pass a bare
        # CancelledError on to the client, which would then wait forever
        outcome = "cancelled"
        raise JsonRpcRequestCancelled(f"{title}: cancelled") from None
    except Exception:
        outcome = "failed"
        raise
    finally:
        tracker.end(token, types.WorkDoneProgressEnd(message=outcome))
        tracker.tokens.pop(token, None)
