"""Asking the user: `window/showMessageRequest`, awaited without holding up anything else."""

from __future__ import annotations

from typing import TYPE_CHECKING

from lsprotocol import types

if TYPE_CHECKING:
    from lsp_heal.server.server import HealServer


async def ask(server: HealServer, message: str, choices: list[str],
              kind: types.MessageType = types.MessageType.Warning) -> str | None:
    """The title of the button the user chose; None if they dismissed it or the client can't ask."""
    params = types.ShowMessageRequestParams(
        type=kind, message=message, actions=[types.MessageActionItem(title=c) for c in choices])
    try:
        answer = await server.window_show_message_request_async(params)
    except Exception as exc:  # noqa: BLE001 - a client that cannot ask has answered "no"
        server.log(f"lsp-heal: could not ask the user ({exc}); taken as no")
        return None
    return answer.title if answer else None
