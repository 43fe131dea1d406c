"""`python -m lsp_heal ...` is the `lsp-heal` command."""

from lsp_heal.cli import main

raise SystemExit(main())
