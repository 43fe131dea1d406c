"""The language server face of lsp_heal (pygls 2): one module per feature.

`server.py` builds a thin server object; `documents`, `command_output`, `code_actions`
and `commands` each register their handlers on it. Nothing here is imported by the CLI
until `lsp-heal serve` runs, and nothing slow runs on the event loop.
"""
