"""Planner benchmark: time to plan one failure, over every recorded fixture's events.

    python bench/bench_planner.py            # prints the figures and rewrites bench/RESULTS.md

Every recording of fixtures/detect/ and fixtures/recover/recorded/ is read once (detection is
not timed); each is planned in a workspace with a venv, a uv project and a package-lock.json
(so the manager and record paths are exercised), and `plan(events, ctx)` is timed per
failure, after one warm-up pass that loads the strategies and the name lists. Also: the
warm-up itself (the first plan a process makes) and the top-plan accuracy on
fixtures/recover/cases.py.
"""

from __future__ import annotations

import importlib.util
import json
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.results import write_section  # noqa: E402
from lsp_heal.detect import detect  # noqa: E402
from lsp_heal.recover.context import Context  # noqa: E402
from lsp_heal.recover.planner import plan  # noqa: E402

RECORDINGS = sorted([*(ROOT / "fixtures" / "detect").glob("*/*.json"),
                     *(ROOT / "fixtures" / "recover" / "recorded").glob("*.json")])
ROUNDS = 5


def _percentile(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(q * (len(values) - 1)))]


def _workspace(root: Path) -> None:
    (root / ".venv").mkdir()
    (root / ".venv" / "pyvenv.cfg").write_text("home = /usr/bin\n")
    (root / "pyproject.toml").write_text('[project]\nname = "b"\nversion = "0"\n')
    (root / "uv.lock").write_text("version = 1\n")
    (root / "package.json").write_text('{"name": "b"}\n')
    (root / "package-lock.json").write_text("{}\n")


def _accuracy() -> tuple[int, int]:
    sys.path.insert(0, str(ROOT / "tests" / "recover"))
    spec = importlib.util.spec_from_file_location("fixture_cases",
                                                  ROOT / "tests" / "recover" / "fixture_cases.py")
    cases_module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(cases_module)
    right = total = 0
    for case in cases_module.load_cases():
        if not case["expect"]:
            continue
        with tempfile.TemporaryDirectory() as tmp:
            ctx, events = cases_module.workspace(case, Path(tmp).resolve())
            plans = plan(events, ctx)
        total += 1
        expect = case["expect"]
        if plans and plans[0].strategy == expect["strategy"] and any(
                a.kind == expect["kind"] and all(a.params.get(k) == expect[k]
                                                 for k in ("manager", "package") if k in expect)
                for a in plans[0].actions):
            right += 1
    return right, total


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp).resolve()
        _workspace(root)
        failures = []
        for meta_path in RECORDINGS:
            meta = json.loads(meta_path.read_text())
            events = detect(meta_path.with_suffix(".out").read_bytes(), meta["command"],
                            meta["exit_code"])
            if events:
                failures.append((events, meta["command"]))
        env = {"PATH": "/usr/bin:/bin", "HOME": str(root)}
        started = time.perf_counter()
        plan(failures[0][0], Context.for_workspace(root, failures[0][1], env=env))
        first = time.perf_counter() - started
        for events, command in failures:  # warm-up: strategies, name lists, look-alike index
            plan(events, Context.for_workspace(root, command, env=env))
        times = []
        for _ in range(ROUNDS):
            for events, command in failures:
                ctx = Context.for_workspace(root, command, env=env)
                started = time.perf_counter()
                plan(events, ctx)
                times.append(time.perf_counter() - started)
    right, total = _accuracy()
    median, p99 = statistics.median(times) * 1e3, _percentile(times, 0.99) * 1e3
    events_per = statistics.mean(len(e) for e, _ in failures)
    section = (
        "## Planner\n\n"
        f"`python bench/bench_planner.py` — {platform.python_implementation()} "
        f"{platform.python_version()}, {platform.machine()}\n\n"
        "| figure | value |\n|---|---|\n"
        f"| failures planned | {len(failures)} recordings × {ROUNDS} rounds "
        f"({events_per:.1f} events each on average) |\n"
        f"| plan latency per failure, median | {median:.3f} ms (target < 5 ms) |\n"
        f"| plan latency per failure, p99 | {p99:.3f} ms |\n"
        f"| first plan in a process (loads strategies, name lists) | {first * 1e3:.0f} ms |\n"
        f"| top plan right on fixtures/recover | {right}/{total} ({right / total:.0%}) |\n"
    )
    print(section)
    write_section("## Planner", section)


if __name__ == "__main__":
    main()
