"""lsp_heal: detect, recover from and learn from failing commands, tests and builds."""

__version__ = "0.1.0"
