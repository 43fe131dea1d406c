"""lsp_heal: detect, recover from and learn from failing commands, tests and builds.

The Python API (`lsp_heal.api`, docs/api.md) is re-exported here lazily: `import lsp_heal`
stays as cheap as the CLI's cold start, and the engine is imported on first use of a name.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

#: The names `from lsp_heal import ...` offers, all from lsp_heal.api.
API = ("PatternLearner", "Recovery", "classify", "install_excepthook", "plan",
       "recover_from_error", "register_hook", "register_recovery_strategy", "rollback",
       "trigger_hook")

__all__ = ["__version__", *API]

if TYPE_CHECKING:
    from lsp_heal.api import (PatternLearner, Recovery, classify, install_excepthook, plan,
                              recover_from_error, register_hook, register_recovery_strategy,
                              rollback, trigger_hook)


def __getattr__(name: str) -> Any:
    if name in API:
        from lsp_heal import api

        return getattr(api, name)
    raise AttributeError(f"module 'lsp_heal' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *API})
