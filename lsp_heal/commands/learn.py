"""`lsp-heal store | predict | search`: the pattern learner by hand.

ERROR is a tool's output (or '-' for stdin); it is classified first, so the learner files
it under its category, tool and subject; text nothing recognises is used as it is.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from lsp_heal.commands import UsageError, print_json, print_table

_TRUE = {"1", "true", "yes", "y", "ok", "success", "succeeded", "worked"}
_FALSE = {"0", "false", "no", "n", "fail", "failed", "failure"}


def register(commands: argparse._SubParsersAction) -> None:
    store = commands.add_parser("store", help="record that a recovery worked (or not) for an error")
    store.add_argument("error", metavar="ERROR", help="the error text, or '-' for stdin")
    store.add_argument("recovery", metavar="RECOVERY_JSON",
                       help='e.g. \'{"strategy": "install-package", "actions": '
                            '[{"kind": "install", "manager": "pip", "package": "PyYAML"}]}\'')
    store.add_argument("success", metavar="SUCCESS", help="true or false")
    store.add_argument("--json", action="store_true", help="print JSON")
    store.set_defaults(run=run_store)

    predict = commands.add_parser("predict", help="the learned recoveries for an error")
    predict.add_argument("error", metavar="ERROR", help="the error text, or '-' for stdin")
    predict.add_argument("--json", action="store_true", help="print JSON")
    predict.set_defaults(run=run_predict)

    search = commands.add_parser("search", help="stored patterns whose error reads like QUERY")
    search.add_argument("query", metavar="QUERY")
    search.add_argument("--limit", type=int, default=10, help="at most this many (10)")
    search.add_argument("--json", action="store_true", help="print JSON")
    search.set_defaults(run=run_search)


def open_learner() -> Any:
    """The user's learner, with the current workspace's learner settings."""
    from pathlib import Path

    from learner import PatternLearner
    from learner.store import StoreError
    from lsp_heal.config import load_config

    learner = PatternLearner(config=load_config(Path.cwd()))
    try:
        learner.store  # noqa: B018 - opens (and migrates) the store now, to fail early
    except StoreError as exc:
        raise UsageError(str(exc)) from None
    return learner


def tell_notices(learner: Any) -> None:
    for notice in learner.notices:
        print(f"lsp-heal: {notice}", file=sys.stderr)


def _error(text: str) -> Any:
    """The root-cause event in the text, or the text itself when nothing recognises it."""
    from lsp_heal.detect import detect

    if text == "-":
        text = sys.stdin.read()
    if not text.strip():
        raise UsageError("ERROR is empty")
    events = detect(text)
    return events[0] if events else text.strip()


def run_store(args: argparse.Namespace) -> int:
    from learner.learner import LearnerError, plan_from_json

    answer = args.success.strip().lower()
    if answer not in _TRUE | _FALSE:
        raise UsageError(f"SUCCESS must be true or false, not {args.success!r}")
    try:
        plan = plan_from_json(json.loads(args.recovery))
    except json.JSONDecodeError as exc:
        raise UsageError(
            f"RECOVERY_JSON is not valid JSON: {exc.msg} at column {exc.colno}") from None
    except LearnerError as exc:
        raise UsageError(f"RECOVERY_JSON: {exc}") from None
    error = _error(args.error)
    learner = open_learner()
    learner.record(error, plan, answer in _TRUE)
    from learner.keys import ErrorKey

    key = ErrorKey.of(error)
    stored = {"fingerprint": key.fingerprint, "category": key.category or None,
              "tool": key.tool or None, "subject": key.subject, "strategy": plan.strategy,
              "success": answer in _TRUE}
    if args.json:
        print_json({"stored": stored})
    else:
        kind = " ".join(filter(None, (key.category, key.tool))) or "unclassified"
        outcome = "worked" if stored["success"] else "failed"
        print(f"stored: {plan.strategy} {outcome} for [{kind}] {key.text} ({key.fingerprint})")
    return 0


def run_predict(args: argparse.Namespace) -> int:
    learner = open_learner()
    predictions = learner.predictions(_error(args.error))
    tell_notices(learner)
    if args.json:
        print_json({"predictions": [p.to_json() for p in predictions]})
    elif not predictions:
        print("no learned recovery clears learner.minConfidence "
              f"({learner.setting('minConfidence')})")
    else:
        print_table(
            ("STRATEGY", "CONFIDENCE", "SIMILARITY", "RECORD", "ACTIONS"),
            [(p.strategy, f"{p.confidence:.2f}", f"{p.similarity:.2f}",
              f"{p.successes} ok / {p.failures} failed", _actions(p.actions))
             for p in predictions],
        )
    return 0


def run_search(args: argparse.Namespace) -> int:
    from learner.learner import hit_json

    if not args.query.strip():
        raise UsageError("QUERY is empty")
    if args.limit < 1:
        raise UsageError("--limit must be at least 1")
    learner = open_learner()
    hits = [hit_json(p, s) for p, s in learner.search(args.query, args.limit)]
    tell_notices(learner)
    if args.json:
        print_json({"results": hits})
    elif not hits:
        print("no stored pattern reads like that")
    else:
        print_table(
            ("SIMILARITY", "KIND", "STRATEGY", "RECORD", "ERROR"),
            [(f"{h['similarity']:.2f}", " ".join(filter(None, (h["category"], h["tool"]))) or "-",
              h["strategy"], f"{h['successes']} ok / {h['failures']} failed", h["text"][:90])
             for h in hits],
        )
    return 0


def _actions(actions: list[dict[str, Any]]) -> str:
    return "; ".join(
        " ".join([a["kind"], *(f"{k}={v}" for k, v in a.items() if k != "kind")])
        for a in actions
    ) or "-"
