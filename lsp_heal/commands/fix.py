"""`lsp-heal fix FILE`: repair syntax errors (Python, JSON, TOML, YAML, INI) by small edits.

Prints the repaired text, a unified diff (`--diff`) or the edits (`--json`); `--write`
journals the change (so `lsp-heal rollback` undoes it) and writes the file atomically. Exit 0
when the file parses afterwards, 1 when it could not be repaired, 2 for bad usage.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from lsp_heal.commands import UsageError, print_json


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "fix", help="repair syntax errors in one file (Python, JSON, TOML, YAML, INI)"
    )
    parser.add_argument("file", metavar="FILE", help="the file to repair")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--write", action="store_true", help="write the repair into the file")
    mode.add_argument("--diff", action="store_true", help="print a unified diff")
    parser.add_argument("--imports", action="store_true",
                        help="also add imports for undefined names (stdlib modules, or names "
                        "one module of the file's folder defines; others are only offered)")
    parser.add_argument("--json", action="store_true", help="print the edits as JSON")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from lsp_heal.recover.fixer import fix_text, language_of

    path = Path(args.file)
    if language_of(path.name) is None:
        raise UsageError(f"fix: no fixer for {path.name} (Python, JSON, TOML, YAML or INI)")
    try:
        text = path.read_bytes().decode("utf-8")
    except OSError as exc:
        raise UsageError(f"fix: cannot read {args.file}: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise UsageError(f"fix: {args.file} is not UTF-8 text") from None
    result = fix_text(args.file, text, imports=args.imports, project=path.resolve().parent)
    if args.write and result.parses and result.fixed:
        _write_journaled(path, result)
    if args.json:
        print_json(result.to_json())
    elif args.diff:
        sys.stdout.writelines(_unified_diff(args.file, text, result.text))
    elif not args.write:
        sys.stdout.write(result.text)
    if not result.parses:
        print(f"lsp-heal: fix: could not repair {args.file}: {result.reason}", file=sys.stderr)
        return 1
    return 0


def _unified_diff(name: str, before: str, after: str) -> list[str]:
    from difflib import unified_diff

    lines = unified_diff(before.splitlines(keepends=True), after.splitlines(keepends=True),
                         f"a/{name}", f"b/{name}")
    return [line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n"
            for line in lines]


def _write_journaled(path: Path, result) -> None:
    """Journal the file's old and new content first (`rollback` restores it), then write."""
    from lsp_heal.recover.files import atomic_write
    from lsp_heal.recover.journal import APPLIED, Journal

    plan = {"strategy": "fix-syntax", "title": f"Repair the syntax of {path.name}",
            "confidence": 1.0, "source": "rule",
            "actions": [{"kind": "edit", "path": str(path), "edits": result.edits}]}
    data = result.text.encode("utf-8")
    with Journal() as journal:
        apply_id = journal.begin(plan, str(Path.cwd()), ["lsp-heal", "fix", str(path), "--write"],
                                 None)
        seq = journal.record_file(apply_id, path.resolve(), data, None)
        atomic_write(path, data)
        journal.mark_done(apply_id, seq)
        journal.finish(apply_id, APPLIED, "success", f"{len(result.edits)} edit(s)")
