"""Syntax-repair benchmark: how often `lsp-heal fix` repairs real code, and how fast.

    python bench/bench_fix.py [--count 340] [--split dev|held-out|both]   # rewrites RESULTS.md

Cases come from bench/fix_corpus.py (real site-packages code, one injected mistake each,
fixed seeds). Reported: the share that parses after the fix, the share restored exactly to
the original, whether anything beyond the mistake's neighbourhood changed, per-kind rates,
the median and p99 time per file, and the same for ~2,000-line files with three mistakes.
"""

from __future__ import annotations

import argparse
import platform
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.fix_corpus import Case, compiles, long_case, make_cases  # noqa: E402
from bench.results import write_section  # noqa: E402
from lsp_heal.recover.fixer import fix_text  # noqa: E402

SEEDS = {"dev": 1, "held-out": 2}


def changed_lines(before: str, after: str) -> tuple[int, int]:
    """1-based first and last line of `before` that differ from `after` (common ends cut)."""
    a, b = before.splitlines(keepends=True), after.splitlines(keepends=True)
    head = 0
    while head < min(len(a), len(b)) and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < min(len(a), len(b)) - head and a[-1 - tail] == b[-1 - tail]:
        tail += 1
    return head + 1, len(a) - tail


def run(cases: list[Case]) -> dict:
    times, parses, exact, stray, long_times = [], 0, 0, 0, []
    per_kind: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    misses = []
    fix_text("warm.py", "x = (\n")  # the language model loads once per process
    for case in cases:
        start = time.perf_counter()
        result = fix_text("case.py", case.broken)
        times.append(time.perf_counter() - start)
        if case.broken.count("\n") >= 250:
            long_times.append(times[-1])
        ok = result.parses and compiles(result.text)
        same = result.text == case.original
        first, last = changed_lines(case.broken, result.text)
        if result.text != case.broken and (first < case.line - 20 or last > case.line + 20):
            stray += 1
        parses += ok
        exact += same
        counts = per_kind[case.kind]
        counts[0] += 1
        counts[1] += ok
        counts[2] += same
        if not same:
            misses.append((case, result))
    times.sort()
    return {
        "n": len(cases), "parses": parses / len(cases), "exact": exact / len(cases),
        "stray": stray, "median_ms": statistics.median(times) * 1000,
        "p99_ms": times[min(len(times) - 1, int(len(times) * 0.99))] * 1000,
        "lines": statistics.median(c.broken.count("\n") for c in cases),
        "median_300_ms": statistics.median(long_times) * 1000 if long_times else float("nan"),
        "n_300": len(long_times),
        "per_kind": dict(per_kind), "misses": misses,
    }


def run_long(split: str, files: int = 8) -> dict:
    times, parses, exact, lines = [], 0, 0, []
    for seed in range(files):
        case = long_case(100 + seed, split)
        start = time.perf_counter()
        result = fix_text("long.py", case.broken)
        times.append(time.perf_counter() - start)
        parses += result.parses
        exact += result.text == case.original
        lines.append(case.broken.count("\n"))
    return {"n": files, "parses": parses, "exact": exact, "median_ms":
            statistics.median(times) * 1000, "max_ms": max(times) * 1000,
            "lines": statistics.median(lines)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=340)
    parser.add_argument("--split", choices=["dev", "held-out", "both"], default="both")
    parser.add_argument("--show-misses", type=int, default=0)
    args = parser.parse_args()
    splits = ["dev", "held-out"] if args.split == "both" else [args.split]
    rows, kinds, long_rows = [], {}, []
    for split in splits:
        r = run(make_cases(SEEDS[split], args.count, split))
        rows.append((split, r))
        kinds[split] = r["per_kind"]
        long = run_long(split)
        long_rows.append((split, long))
        print(f"{split}: n={r['n']} parses={r['parses']:.1%} exact={r['exact']:.1%} "
              f"stray={r['stray']} median={r['median_ms']:.1f}ms p99={r['p99_ms']:.1f}ms "
              f"({r['lines']:.0f} lines); 2k lines x3: parses {long['parses']}/{long['n']} "
              f"exact {long['exact']}/{long['n']} median {long['median_ms']:.0f}ms "
              f"max {long['max_ms']:.0f}ms")
        for case, result in r["misses"][: args.show_misses]:
            print(f"--- {case.kind} {case.source}:{case.line} parses={result.parses}")
            print("broken:", "".join(case.broken.splitlines(True)[case.line - 2 : case.line + 1]))
            print("fixed: ", "".join(result.text.splitlines(True)[case.line - 2 : case.line + 1]))
    command = f"python bench/bench_fix.py --count {args.count} --split {args.split}"
    lines = [
        "## Syntax repair (`lsp-heal fix`)", "",
        f"`{command}` — Python {platform.python_version()}, {platform.machine()}. Real code from "
        "site-packages (runs of whole top-level statements, up to 300 lines), one injected "
        "mistake each (bench/fix_corpus.py, seeds 1 and 2); the packages are split by name "
        "into a dev half (tuned on) and a held-out half (never tuned on). *Stray* = cases "
        "where something more than 20 lines from the mistake changed.", "",
        "| split | cases | parses after fix | restored exactly | stray | median | p99 "
        "| lines (median) | median, files of 250-300 lines |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for split, r in rows:
        lines.append(f"| {split} | {r['n']} | {r['parses']:.1%} | {r['exact']:.1%} | "
                     f"{r['stray']} | {r['median_ms']:.1f} ms | {r['p99_ms']:.1f} ms | "
                     f"{r['lines']:.0f} | {r['median_300_ms']:.1f} ms ({r['n_300']} files) |")
    lines += ["", "Files of ~2,000 lines with three mistakes in different places:", "",
              "| split | files | parse after fix | restored exactly | median | max | lines |",
              "|---|---|---|---|---|---|---|"]
    for split, r in long_rows:
        lines.append(f"| {split} | {r['n']} | {r['parses']}/{r['n']} | {r['exact']}/{r['n']} | "
                     f"{r['median_ms']:.0f} ms | {r['max_ms']:.0f} ms | {r['lines']:.0f} |")
    lines += ["", "Per kind of mistake (parses / exact, both splits together):", "",
              "| kind | cases | parses | exact |", "|---|---|---|---|"]
    merged: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for per_kind in kinds.values():
        for kind, (n, p, e) in per_kind.items():
            merged[kind][0] += n
            merged[kind][1] += p
            merged[kind][2] += e
    for kind, (n, p, e) in sorted(merged.items()):
        lines.append(f"| {kind} | {n} | {p / n:.0%} | {e / n:.0%} |")
    write_section("## Syntax repair (`lsp-heal fix`)", "\n".join(lines) + "\n\n")


if __name__ == "__main__":
    main()
