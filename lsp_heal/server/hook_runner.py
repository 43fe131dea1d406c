"""The server's side of hooks: fire an event, run the user's commands in a worker.

Hooks run without asking in a workspace the user trusts. Elsewhere the server asks once per
command and session (run it, trust the workspace, or not), because a cloned repository's
config must not run anything on its own; where the editor distrusts the workspace, nothing
runs and nobody is asked. Every hook's output goes to the server's log.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from lsprotocol import types

from lsp_heal.server.prompts import ask

if TYPE_CHECKING:
    from lsp_heal.hooks import HookCommand
    from lsp_heal.server.server import HealServer

RUN, TRUST, SKIP = "Run it", "Trust this workspace", "Don't run"


class HookRunner:
    def __init__(self, server: HealServer) -> None:
        self.server = server
        self._answers: dict[HookCommand, bool] = {}

    def fire(self, event: str, facts: dict[str, str] | None = None) -> asyncio.Future:
        """Start the event's hooks in the background; the future says when they are done."""
        return asyncio.ensure_future(self.run(event, facts or {}))

    async def run(self, event: str, facts: dict[str, str]) -> None:
        from lsp_heal.hooks import hook_commands, run_hook

        commands, problems = hook_commands(await self.server.config(), event)
        for problem in problems:
            self.server.log(f"lsp-heal: {problem}", types.MessageType.Warning)
        for command in commands:
            if (refusal := await self._refusal(command, event)) is not None:
                self.server.log(f"lsp-heal: {event} hook `{command}` not run: {refusal}")
                continue
            result = await self.server.run_in_worker(
                run_hook, command, event, self.server.root, facts)
            kind = types.MessageType.Info if result.ok else types.MessageType.Warning
            self.server.log(f"lsp-heal: {event} {result.summary()}\n{result.output}".rstrip(),
                            kind)

    async def _refusal(self, command: HookCommand, event: str) -> str | None:
        """Why the command may not run (None: it may)."""
        from lsp_heal.recover import consent
        from lsp_heal.server.server import EDITOR_DISTRUST, Consent

        decided = await self.server.consent()
        if decided is Consent.REFUSED:
            return EDITOR_DISTRUST
        if decided is Consent.ASK and command not in self._answers:
            answer = await ask(self.server, f"This workspace's .lsp_heal/hooks.json runs "
                               f"`{command}` on {event}. Run it?", [RUN, TRUST, SKIP])
            if answer == TRUST and self.server.root is not None:
                await self.server.run_in_worker(consent.set_trusted, self.server.root)
            self._answers[command] = answer in (RUN, TRUST)
        return None if decided is Consent.TRUSTED or self._answers[command] else "not allowed"
