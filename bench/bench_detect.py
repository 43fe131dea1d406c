"""Detection benchmark: cold start, per-case latency, throughput, memory on a huge log.

    python bench/bench_detect.py            # prints the figures and rewrites bench/RESULTS.md

Cold start runs the installed `lsp-heal` console script (the one beside this Python) in
fresh processes; latency and throughput run in this process over every recorded fixture
(throughput: median of 11 reads, after one to warm up; on all the fixtures, then on the exit-0
ones alone); a whole CLI run on the 10 MB log is
timed in fresh processes; memory is the peak RSS of `lsp-heal classify -` reading 1, 10 and
100 MB from a pipe.
"""

from __future__ import annotations

import io
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.results import write_section  # noqa: E402
from lsp_heal.detect import detect, detect_stream, families  # noqa: E402

FIXTURES = sorted((ROOT / "fixtures" / "detect").glob("*/*.json"))
MB = 1 << 20


def _cases() -> list[tuple[dict, bytes]]:
    return [(json.loads(p.read_text()), p.with_suffix(".out").read_bytes()) for p in FIXTURES]


def _percentile(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(q * (len(values) - 1)))]


def cold_start(runs: int = 21) -> dict[str, float]:
    # An installed package has its bytecode compiled (pip does it); a checkout run with
    # PYTHONDONTWRITEBYTECODE set would otherwise compile every module on every start.
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "lsp_heal")],
                   stdout=subprocess.DEVNULL, check=True)
    script = shutil.which("lsp-heal", path=str(Path(sys.executable).parent)) or "lsp-heal"
    small = FIXTURES[0].with_suffix(".out")

    def timed(argv: list[str]) -> float:
        start = time.perf_counter()
        subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        return time.perf_counter() - start

    bare = statistics.median(timed([sys.executable, "-c", "pass"]) for _ in range(runs))
    ours = statistics.median(timed([script, "classify", str(small)]) for _ in range(runs))
    return {"python_ms": bare * 1e3, "classify_ms": ours * 1e3}


def latency(cases: list[tuple[dict, bytes]], rounds: int = 5) -> dict[str, float]:
    families()  # imports are cold-start's business, not latency's
    times = []
    for _ in range(rounds):
        for meta, output in cases:
            start = time.perf_counter()
            detect(output, meta["command"], meta["exit_code"])
            times.append(time.perf_counter() - start)
    return {"median_ms": statistics.median(times) * 1e3, "p99_ms": _percentile(times, 0.99) * 1e3}


def _log(cases: list[tuple[dict, bytes]], size: int) -> bytes:
    blob = b"\n".join(output for _, output in cases)
    return (blob * (size // len(blob) + 1))[:size]


def throughput(
    cases: list[tuple[dict, bytes]], size: int = 10 * MB, workers: int = 1
) -> dict[str, float]:
    log = _log(cases, size)
    _timed_stream(log, 1)  # the parsers' first look at each kind of output: compiles, learns
    runs = [_timed_stream(log, workers) for _ in range(11)]
    seconds = statistics.median(runs)
    return {"mb": size / MB, "seconds": seconds, "mb_per_s": size / MB / seconds,
            "fastest": min(runs), "slowest": max(runs)}


def _timed_stream(log: bytes, workers: int) -> float:
    start = time.perf_counter()
    detect_stream(io.BytesIO(log), workers=workers)
    return time.perf_counter() - start


def cli_whole_log(cases: list[tuple[dict, bytes]], size: int = 10 * MB, runs: int = 5) -> float:
    """Seconds a fresh `lsp-heal classify FILE --json` takes on the log, start to end: what a
    user waits for (it pays the start, and the parsers' first look at each kind of output)."""
    with tempfile.NamedTemporaryFile(suffix=".log") as log:
        log.write(_log(cases, size))
        log.flush()
        argv = [sys.executable, "-m", "lsp_heal", "classify", log.name, "--json"]
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            subprocess.run(argv, stdout=subprocess.DEVNULL, check=True, cwd=ROOT)
            times.append(time.perf_counter() - start)
    return statistics.median(times)


def peak_rss(cases: list[tuple[dict, bytes]], size: int) -> float:
    """Peak RSS in MB of `lsp-heal classify -` reading `size` bytes from a pipe."""
    block = _log(cases, 4 * MB)
    with tempfile.TemporaryFile() as sink:
        proc = subprocess.Popen([sys.executable, "-m", "lsp_heal", "classify", "-", "--json"],
                                stdin=subprocess.PIPE, stdout=sink, stderr=subprocess.DEVNULL,
                                cwd=ROOT)
        sent = 0
        while sent < size:
            chunk = block[: size - sent]
            proc.stdin.write(chunk)
            sent += len(chunk)
        proc.stdin.close()
        _, status, usage = os.wait4(proc.pid, 0)
    return usage.ru_maxrss / 1024


def main() -> None:
    cases = _cases()
    start = cold_start()
    lat = latency(cases)
    thr = throughput(cases)
    cores = os.cpu_count() or 1
    par = throughput(cases, workers=min(4, cores))
    quiet = [case for case in cases if case[0]["noise"]]  # exit 0: no step failed
    quiet_one, quiet_par = throughput(quiet), throughput(quiet, workers=min(4, cores))
    whole = cli_whole_log(cases)
    rss = {size: peak_rss(cases, size * MB) for size in (1, 10, 100)}
    section = f"""## Detection (`python bench/bench_detect.py`)

Machine: {platform.python_implementation()} {platform.python_version()}, {os.cpu_count()} cores, {platform.machine()}; {len(cases)} fixtures from {len(families())} tool families.

| measure | figure | target |
|---|---|---|
| cold start, `lsp-heal classify` on a small log (median of 21) | {start['classify_ms']:.0f} ms (bare `python -c pass`: {start['python_ms']:.0f} ms) | < 150 ms |
| per-case latency over all fixtures, one process (5 rounds) | median {lat['median_ms']:.2f} ms, p99 {lat['p99_ms']:.2f} ms | |
| throughput, {thr['mb']:.0f} MB log of concatenated fixtures (median of 11), one process | {thr['mb_per_s']:.0f} MB/s ({thr['seconds']:.3f} s; runs {thr['fastest']:.3f}–{thr['slowest']:.3f} s) | ≥ 50 MB/s |
| the same, in {min(4, cores)} processes as `lsp-heal classify` reads a large file (each process claims the next chunk) | {par['mb_per_s']:.0f} MB/s ({par['seconds']:.3f} s; runs {par['fastest']:.3f}–{par['slowest']:.3f} s) | ≥ 50 MB/s |
| the same on a 10 MB log of the {len(quiet)} exit-0 fixtures only (runs that passed, printing warnings and tests that mention errors), one / {min(4, cores)} processes | {quiet_one['mb_per_s']:.0f} / {quiet_par['mb_per_s']:.0f} MB/s ({quiet_one['seconds']:.3f} / {quiet_par['seconds']:.3f} s) | |
| a fresh `lsp-heal classify FILE --json` on the first log, start to end (median of 5) | {10 / whole:.0f} MB/s ({whole:.3f} s) | |
| peak RSS of `classify -` reading 1 / 10 / 100 MB from a pipe | {rss[1]:.0f} / {rss[10]:.0f} / {rss[100]:.0f} MB | flat |

This VM's speed wanders by 30–50% from one hour to the next: compare runs by the bare-Python
start-up figure in the same run, or time two trees alternately on one saved log.
"""
    print(section)
    write_section("## Detection", section)


if __name__ == "__main__":
    main()
