"""Where lsp_heal keeps the user's data: patterns, model, journal, trust list."""

from __future__ import annotations

import os
from pathlib import Path


def home() -> Path:
    """`$LSP_HEAL_HOME`, else the platform's user data dir; created on first use."""
    configured = os.environ.get("LSP_HEAL_HOME")
    if configured:
        path = Path(configured).expanduser()
    else:
        from platformdirs import user_data_path

        path = user_data_path("lsp-heal", appauthor=False)
    path.mkdir(parents=True, exist_ok=True)
    return path
