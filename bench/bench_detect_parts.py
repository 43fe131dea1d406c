"""Where detection's time goes on the 10 MB log: each stage of the reading loop, each family.

    python bench/bench_detect_parts.py      # prints the table and rewrites its RESULTS.md section

One process, after a first read that compiles the regexes and learns the literals; each
figure is the median of 5 passes over the log's chunks, in milliseconds per 10 MB. The
stages are timed apart, the families on outputs built ahead (warm in the cache, with the
readings they share already made): what they
do not account for of a whole read is the loop's own work (keying and collecting the events)
and the cost of fresh memory.
"""

from __future__ import annotations

import gc
import io
import platform
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.bench_detect import MB, _cases, _log  # noqa: E402
from bench.results import write_section  # noqa: E402
from lsp_heal import detect as engine  # noqa: E402
from lsp_heal.detect._runs import last_run_end, pytest_runs, unittest_runs  # noqa: E402

WHOLE = "whole read (`detect_stream`, one process)"


def _median_ms(work: Callable[[], object], passes: int = 5) -> float:
    times = []
    for _ in range(passes):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1e3


def parts(log: bytes) -> dict[str, float]:
    engine.detect_stream(io.BytesIO(log))  # compiles, learns: what a first read pays
    figures = {WHOLE: _median_ms(lambda: engine.detect_stream(io.BytesIO(log)))}
    tasks = list(engine._tasks(engine._read_chunks(io.BytesIO(log)), None, None))
    raw = [engine._task_output(task)[0] for task in tasks]
    figures |= {
        "cutting into chunks with their context (`_tasks`)":
            _median_ms(lambda: list(engine._tasks(engine._read_chunks(io.BytesIO(log)), None, None))),
        "building each chunk's output (joining its context, cleaning, decoding)":
            _median_ms(lambda: [engine._task_output(task) for task in tasks]),
        "splitting into lines": _median_ms(lambda: [out.text.split("\n") for out in raw]),
        "indexing the literals (Aho-Corasick + line numbers)":
            _median_ms(lambda: [engine.LITERALS.index(out._padded) for out in raw]),
    }
    for out in raw:
        out.lines, out._index  # noqa: B018 - the families read prepared outputs

    def shared_readings() -> None:
        for out in raw:
            out._shared.clear()
            for reading in (pytest_runs, unittest_runs, last_run_end):
                reading(out)

    figures["readings the families share (where the test runs are)"] = _median_ms(shared_readings)
    gc.disable()  # as during a chunk's read
    for name, parse in engine.families().items():
        figures[f"family `{name}`"] = _median_ms(lambda p=parse: [list(p(out)) for out in raw])
    gc.enable()
    figures["not accounted for above: keying and collecting the events; the families on "
            "outputs not yet in the cache"] = (
        2 * figures[WHOLE] - sum(figures.values()))
    return figures


def main() -> None:
    log = _log(_cases(), 10 * MB)
    figures = parts(log)
    whole = figures[WHOLE]
    rows = "\n".join(f"| {name} | {ms:.0f} ms | {ms / whole:.0%} |" for name, ms in figures.items())
    families = sum(ms for name, ms in figures.items() if name.startswith("family"))
    section = f"""## Detection: where the time goes (`python bench/bench_detect_parts.py`)

{platform.python_implementation()} {platform.python_version()}; the 10 MB log of the detection benchmark, one process, median of 5 passes.

| stage | per 10 MB | of the whole read |
|---|---|---|
{rows}
| all families | {families:.0f} ms | {families / whole:.0%} |
"""
    print(section)
    write_section("## Detection: where the time goes", section)


if __name__ == "__main__":
    main()
