"""Healing benchmark: from a failing command to its healed rerun, on the install path.

    python bench/bench_heal.py [--runs N]   # prints the figures and rewrites bench/RESULTS.md

One real venv; each run starts from `python app.py` failing with ModuleNotFoundError and
times detect → plan → apply (journal, `pip install --no-index --find-links` from a local
wheel, record in requirements.txt) → verifying rerun, as `lsp-heal run --apply` does it.
`rollback` then uninstalls the package for the next run (timed too). Nothing touches the
network.
"""

from __future__ import annotations

import argparse
import os
import platform
import shlex
import shutil
import statistics
import sys
import tempfile
import time
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.results import write_section
from lsp_heal.demo import build_wheel

PACKAGE = "healbench_widgets"


def _percentile(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(q * (len(values) - 1)))]


def measure(runs: int) -> dict[str, list[float]]:
    folder = Path(tempfile.mkdtemp(prefix="lsp-heal-bench-"))
    os.environ["LSP_HEAL_HOME"] = str(folder / "home")  # the user's journal is left alone

    project = folder / "project"
    project.mkdir()
    source = folder / "src" / PACKAGE
    source.mkdir(parents=True)
    (source / "__init__.py").write_text("VALUE = 42\n")
    wheels = folder / "wheels"
    build_wheel(source, PACKAGE, "1.0", wheels)
    venv.EnvBuilder(with_pip=True).create(project / ".venv")
    (project / "requirements.txt").write_text("")
    (project / "app.py").write_text(f"import {PACKAGE}\nprint({PACKAGE}.VALUE)\n")
    argv = [str(project / ".venv" / "bin" / "python"), "app.py"]
    env = {**os.environ, "PIP_NO_INDEX": "1", "PIP_FIND_LINKS": str(wheels),
           "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    env.pop("VIRTUAL_ENV", None)
    figures: dict[str, list[float]] = {"failure": [], "plan": [], "heal": [], "rollback": []}
    try:
        _run(runs, argv, project, env, figures)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return figures


def _run(runs: int, argv: list[str], project: Path, env: dict[str, str],
         figures: dict[str, list[float]]) -> None:
    from lsp_heal.recover.context import Context
    from lsp_heal.recover.executor import apply_plan, rollback
    from lsp_heal.recover.planner import plan
    from lsp_heal.recover.verify import events_of, run_command

    for _ in range(runs):
        ctx = Context.for_workspace(project, command=shlex.join(argv), env=env)
        started = time.perf_counter()
        failed = run_command(argv, project, env)
        detected = time.perf_counter()
        plans = plan(events_of(failed, ctx.command), ctx)
        planned = time.perf_counter()
        applied = apply_plan(plans[0], ctx, confirm=lambda _: True)
        healed = time.perf_counter()
        if not (applied.success and applied.rerun and applied.rerun.ok):
            raise SystemExit(f"not healed: {applied.detail}")
        figures["failure"].append(detected - started)
        figures["plan"].append(planned - detected)
        figures["heal"].append(healed - detected)
        undo_started = time.perf_counter()
        if not rollback(applied.id).restored:
            raise SystemExit("rollback refused")
        figures["rollback"].append(time.perf_counter() - undo_started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=11)
    args = parser.parse_args()
    figures = measure(args.runs)

    def row(label: str, key: str, unit: float = 1e3, name: str = "ms") -> str:
        values = figures[key]
        return (f"| {label} | {statistics.median(values) * unit:.0f} {name} | "
                f"{_percentile(values, 0.9) * unit:.0f} {name} | {max(values) * unit:.0f} {name} |")

    section = "\n".join([
        "## Healing (`python bench/bench_heal.py`)",
        "",
        (f"Machine: CPython {platform.python_version()}, {os.cpu_count()} cores, "
         f"{platform.machine()}; {args.runs} runs, one venv, a local wheel (no network)."),
        "",
        "| measure | median | p90 | max |",
        "|---|---|---|---|",
        row("the failing run (`python app.py`, ModuleNotFoundError)", "failure"),
        row("detect + plan after the failure (max: the first, loading the strategies)", "plan"),
        row("failure → healed rerun (detect, plan, journal, pip install, record, rerun)",
            "heal"),
        row("rollback (pip uninstall, requirements.txt restored)", "rollback"),
        "",
    ])
    print(section)
    write_section("## Healing (", section)


if __name__ == "__main__":
    main()
