"""retry-with-backoff: a network failure that may pass on its own (refused, reset, timed
out, DNS, HTTP 429 and 5xx) → run the same command again, waiting longer each time.

Attempts and growth come from the hooks config (`fallback.maxRetries`,
`fallback.backoffMultiplier`); the executor adds jitter. Failures that a retry cannot fix
get no plan: a certificate that is not trusted, an address already in use, a 4xx other
than 429.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lsp_heal.model import Action, Category, ErrorEvent, Plan
from lsp_heal.recover.context import Context
from lsp_heal.recover.strategies import make_plan

INITIAL_DELAY_S = 1.0
_STATUS = re.compile(r"\b(4\d\d|5\d\d)\b")
_PERMANENT = ("certificate", "SSL", "TLS", "ssl", "EADDRINUSE", "already in use",
              "wrong version number")
_FLAKY_HINTS = ("timed out", "timeout", "Timeout", "reset", "429", "503", "502", "504", "500",
                "Temporary failure", "Too Many Requests", "Service Unavailable")


def _status(event: ErrorEvent) -> int | None:
    if isinstance(status := event.details.get("status"), int):
        return status
    match = _STATUS.search(event.message)
    return int(match[1]) if match else None


class RetryWithBackoff:
    name = "retry-with-backoff"
    config_name = "retry"

    def plans(self, event: ErrorEvent, ctx: Context) -> Iterator[Plan]:
        if event.category is not Category.NETWORK or not ctx.argv:
            return
        if any(word in event.message for word in _PERMANENT) or event.details.get("tls"):
            return
        status = _status(event)
        if status is not None and 400 <= status < 500 and status != 429:
            return
        attempts = int(ctx.config.get("fallback.maxRetries"))
        multiplier = float(ctx.config.get("fallback.backoffMultiplier"))
        if attempts < 1:
            return
        transient = status is not None or any(h in event.message for h in _FLAKY_HINTS)
        yield make_plan(event, "retry-with-backoff",
                        f"Retry `{ctx.command}` up to {attempts} times, waiting "
                        f"{INITIAL_DELAY_S:g}s ×{multiplier:g} between tries",
                        0.7 if transient else 0.55,
                        Action("rerun", {"command": ctx.argv, "cwd": str(ctx.cwd),
                                         "max_attempts": attempts,
                                         "backoff": {"initial_s": INITIAL_DELAY_S,
                                                     "multiplier": multiplier, "jitter": True},
                                         "mode": "retry"}))
