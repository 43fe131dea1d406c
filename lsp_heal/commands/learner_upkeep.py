"""`lsp-heal train | prune | analyze | metrics`: learner maintenance and figures."""

from __future__ import annotations

import argparse

from lsp_heal.commands import UsageError, print_json, print_table
from lsp_heal.commands.learn import open_learner, tell_notices


def register(commands: argparse._SubParsersAction) -> None:
    train = commands.add_parser("train", help="fit the learner's neighbour model on the store")
    train.add_argument("--json", action="store_true", help="print JSON")
    train.set_defaults(run=run_train)

    prune = commands.add_parser(
        "prune", help="merge near-duplicate patterns, drop old and failing ones")
    prune.add_argument("--max-patterns", type=int, metavar="N",
                       help="keep at most N (learner.maxPatterns)")
    prune.add_argument("--max-age-days", type=float, metavar="D",
                       help="drop patterns unseen for D days (learner.pruneAgeDays)")
    prune.add_argument("--min-confidence", type=float, metavar="C",
                       help="drop patterns whose smoothed success rate is below C "
                            "(learner.minConfidence)")
    prune.add_argument("--similarity", type=float, metavar="S",
                       help="merge same-recovery patterns whose errors are this alike (0.95)")
    prune.add_argument("--dry-run", action="store_true", help="say what would go; change nothing")
    prune.add_argument("--json", action="store_true", help="print JSON")
    prune.set_defaults(run=run_prune)

    analyze = commands.add_parser(
        "analyze", help="top error clusters, success per category and strategy, what fails most")
    analyze.add_argument("--top", type=int, default=10, help="rows per list (10)")
    analyze.add_argument("--json", action="store_true", help="print JSON")
    analyze.set_defaults(run=run_analyze)

    metrics = commands.add_parser("metrics", help="learner counts, rates, model and store size")
    metrics.add_argument("--json", action="store_true", help="print JSON")
    metrics.set_defaults(run=run_metrics)


def run_train(args: argparse.Namespace) -> int:
    from learner import LearnerError

    learner = open_learner()
    try:
        report = learner.train(show_progress=True)
    except LearnerError as exc:
        raise UsageError(str(exc)) from None
    if args.json:
        print_json(report.to_json())
    else:
        print(f"trained on {report.patterns} patterns ({report.documents} distinct errors) in "
              f"{report.seconds:.2f} s; model {report.model_bytes / 1024:.0f} KiB")
    return 0


def run_prune(args: argparse.Namespace) -> int:
    for name, low, high in (("min_confidence", 0, 1), ("similarity", 0, 1),
                            ("max_patterns", 0, None), ("max_age_days", 0, None)):
        value = getattr(args, name)
        if value is not None and (value < low or (high is not None and value > high)):
            bound = f"between {low} and {high}" if high is not None else f"at least {low}"
            raise UsageError(f"--{name.replace('_', '-')} must be {bound}, not {value:g}")
    learner = open_learner()
    report = learner.prune(args.max_patterns, args.max_age_days, args.min_confidence,
                           args.similarity, args.dry_run, show_progress=True)
    tell_notices(learner)
    if args.json:
        print_json(report.to_json())
    else:
        print("\n".join(report.lines()))
    return 0


def run_analyze(args: argparse.Namespace) -> int:
    if args.top < 1:
        raise UsageError("--top must be at least 1")
    figures = open_learner().analyze(args.top)
    if args.json:
        print_json(figures)
        return 0
    total = figures["totals"]
    print(f"{total['patterns']} patterns, {total['runs']} runs, success rate {_rate(total)}")
    sections = (
        ("top error clusters", ("RUNS", "SUCCESS", "KIND", "ERROR"), [
            (str(c["runs"]), _rate(c), _kind(c), c["text"][:90]) for c in figures["clusters"]]),
        ("by category", ("RUNS", "SUCCESS", "CATEGORY"), [
            (str(t["runs"]), _rate(t), name) for name, t in figures["categories"].items()]),
        ("by strategy", ("RUNS", "SUCCESS", "STRATEGY"), [
            (str(t["runs"]), _rate(t), name) for name, t in figures["strategies"].items()]),
        ("failing most", ("FAILED", "SUCCESS", "STRATEGY", "ERROR"), [
            (str(f["failures"]), _rate(f), f["strategy"], f["text"][:90])
            for f in figures["failing"]]),
    )
    for title, header, rows in sections:
        print(f"\n{title}:")
        if rows:
            print_table(header, rows)
        else:
            print("  (none)")
    return 0


def run_metrics(args: argparse.Namespace) -> int:
    figures = open_learner().metrics()
    if args.json:
        print_json(figures)
        return 0
    model = figures["model"]
    print(f"patterns      {figures['patterns']} ({figures['errors']} errors, "
          f"{figures['strategies']} strategies)")
    print(f"runs          {figures['runs']} ({figures['successes']} worked, "
          f"{figures['failures']} failed, {figures['flaky']} flaky); success rate {_rate(figures)}")
    print(f"store         {figures['store_bytes'] / 1024:.0f} KiB "
          f"(schema {figures['schema_version']})")
    if model:
        print(f"model         {model['bytes'] / 1024:.0f} KiB, {model['patterns']} patterns, "
              f"trained {_age(model['age_s'])} ago with scikit-learn {model['sklearn']}")
    else:
        print("model         none (trained on first prediction or by `lsp-heal train`)")
    return 0


def _rate(figures: dict) -> str:
    rate = figures.get("success_rate")
    return "-" if rate is None else f"{rate:.0%}"


def _kind(figures: dict) -> str:
    return " ".join(filter(None, (figures.get("category"), figures.get("tool")))) or "-"


def _age(seconds: float) -> str:
    for unit, size in (("d", 86_400), ("h", 3_600), ("min", 60)):
        if seconds >= size:
            return f"{seconds / size:.1f} {unit}"
    return f"{seconds:.0f} s"
