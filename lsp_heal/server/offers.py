"""Errors with no place in a file: a message with the plans as buttons.

Each distinct error (by fingerprint) is asked about once at a time; a flood of the same
failure does not stack up message boxes. Choosing a button is the user's consent to that
plan, which is then applied like `lspHeal.applyPlan`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from lsprotocol import types

from lsp_heal.server import plans
from lsp_heal.server.prompts import ask

if TYPE_CHECKING:
    from lsp_heal.model import ErrorEvent
    from lsp_heal.server.command_output import CommandReport
    from lsp_heal.server.server import HealServer

MAX_BUTTONS = 3


class Offers:
    def __init__(self, server: HealServer) -> None:
        self.server = server
        self._asking: set[str] = set()

    async def offer(self, event: ErrorEvent, report: CommandReport) -> None:
        fingerprint = event.fingerprint
        if fingerprint in self._asking:
            return
        self._asking.add(fingerprint)
        try:
            found = await plans.for_events(self.server, [event], report.command, report.cwd)
            shown = found[:MAX_BUTTONS]
            self.server.hooks.fire("notify", {**report.facts(), "LSP_HEAL_MESSAGE": event.message})
            choice = await ask(self.server, f"`{report.command}` failed: {event.message}",
                               [p.title for p in shown], types.MessageType.Error)
            chosen = next((p for p in shown if p.title == choice), None)
            if chosen is not None:
                await plans.apply(self.server, chosen, report.cwd or None, consented=True)
        finally:
            self._asking.discard(fingerprint)
