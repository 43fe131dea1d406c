"""Language-server benchmark: startup next to a bare pygls server, latency, memory.

    python bench/bench_server.py        # prints the figures and rewrites its section of bench/RESULTS.md

- initialize: spawn → `initialize` result, median of fresh processes, for lsp-heal and for a
  bare pygls server that only answers `initialize` (same run, so the ratio is fair);
- codeAction: 1,000 requests for the syntax diagnostic of a 2,000-line file (median, p99);
- didChange → publishDiagnostics: the time after the debounce, median and p99 of 50 changes;
- RSS (VmRSS) idle after initialize for both servers, and lsp-heal's after 10,000
  `lspHeal/commandFinished` notifications of a recorded pytest failure, next to its RSS
  after the first 1,000 (growth = leak).
"""

from __future__ import annotations

import asyncio
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from lsprotocol import types  # noqa: E402
from pytest_lsp import client_capabilities, make_test_lsp_client  # noqa: E402

from bench.results import write_section  # noqa: E402
from lsp_heal.server.documents import DEBOUNCE_S  # noqa: E402

BARE = '''
from pygls.lsp.server import LanguageServer
LanguageServer("bare", "0").start_io()
'''
OURS = [sys.executable, "-m", "lsp_heal", "serve"]
FIXTURE = ROOT / "fixtures" / "detect" / "pytest" / "collect_missing_module.out"


def _percentile(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(q * (len(values) - 1)))]


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS")


async def _started(argv: list[str], root: Path):
    client = make_test_lsp_client()
    start = time.perf_counter()
    await client.start_io(*argv)
    await client.initialize_session(types.InitializeParams(
        capabilities=client_capabilities("neovim"), root_uri=root.as_uri()))
    return client, time.perf_counter() - start


async def _stop(client) -> None:
    await client.shutdown_session()
    await client.stop()


async def initialize_and_idle(root: Path, bare: Path, runs: int = 15) -> dict[str, float]:
    figures: dict[str, list[float]] = {"bare_s": [], "ours_s": [], "bare_mb": [], "ours_mb": []}
    for _ in range(runs):
        for name, argv in (("bare", [sys.executable, str(bare)]), ("ours", OURS)):
            client, took = await _started(argv, root)
            figures[f"{name}_s"].append(took)
            await asyncio.sleep(0.5)  # idle: the warm-up after `initialized` is done
            figures[f"{name}_mb"].append(_rss_mb(client._server.pid))
            await _stop(client)
    return {k: statistics.median(v) for k, v in figures.items()}


async def code_actions_and_changes(root: Path, requests: int = 1000) -> dict[str, float]:
    client, _ = await _started(OURS, root)
    path = root / "big.py"
    body = "".join(f"def f{i}(x):\n    return x + {i}\n\n" for i in range(666))
    text = body + "if True\n    pass\n"  # 2,000 lines, broken at the end
    uri = path.as_uri()
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        text_document=types.TextDocumentItem(uri=uri, language_id="python", version=1, text=text)))
    while not (client.diagnostics.get(uri) and client.diagnostics[uri][0].data.get("repair")):
        await asyncio.sleep(0.01)
    diagnostic = client.diagnostics[uri][0]
    params = types.CodeActionParams(text_document=types.TextDocumentIdentifier(uri=uri),
                                    range=diagnostic.range,
                                    context=types.CodeActionContext(diagnostics=[diagnostic]))
    latencies = []
    for _ in range(requests):
        start = time.perf_counter()
        actions = await client.text_document_code_action_async(params)
        latencies.append(time.perf_counter() - start)
        assert actions and actions[0].edit is not None
    changes = []
    for version in range(2, 52):
        client.diagnostics.pop(uri, None)
        broken = version % 2 == 0
        new_text = body + ("if True\n    pass\n" if broken else "if True:\n    pass\n")
        start = time.perf_counter()
        client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=new_text)]))
        while uri not in client.diagnostics:
            await asyncio.sleep(0.0005)
        changes.append(time.perf_counter() - start - DEBOUNCE_S)
    await _stop(client)
    return {"action_median_ms": statistics.median(latencies) * 1e3,
            "action_p99_ms": _percentile(latencies, 0.99) * 1e3,
            "change_median_ms": statistics.median(changes) * 1e3,
            "change_p99_ms": _percentile(changes, 0.99) * 1e3}


async def notification_memory(root: Path, count: int = 10_000) -> dict[str, float]:
    client, _ = await _started(OURS, root)
    output = FIXTURE.read_text(errors="replace")
    pid = client._server.pid

    async def send(first: int, last: int) -> None:
        for i in range(first, last):
            client.protocol.notify("lspHeal/commandFinished", {
                "command": f"python -m pytest tests/test_{i % 500}.py", "cwd": str(root),
                "exitCode": 1, "output": output, "source": "task"})
            if i % 200 == 0:
                await asyncio.sleep(0)
        # a request answered after the notifications means they were all read
        await client.workspace_execute_command_async(types.ExecuteCommandParams(
            command="lspHeal.history", arguments=[{"limit": 1}]))
        await asyncio.sleep(2)  # let the output worker drain

    await send(0, 1000)
    after_first = _rss_mb(pid)
    await send(1000, count)
    after_all = _rss_mb(pid)
    await _stop(client)
    return {"rss_after_1000_mb": after_first, "rss_after_all_mb": after_all}


async def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        bare = root / "bare_server.py"
        bare.write_text(BARE)
        startup = await initialize_and_idle(root, bare)
        latency = await code_actions_and_changes(root)
        memory = await notification_memory(root)
    ratio = startup["ours_s"] / startup["bare_s"]
    rows = [
        ("initialize, bare pygls server (median of 15)", f"{startup['bare_s'] * 1e3:.0f} ms"),
        ("initialize, lsp-heal (median of 15)", f"{startup['ours_s'] * 1e3:.0f} ms"),
        ("initialize ratio (target ≤ 1.3)", f"{ratio:.2f}×"),
        ("codeAction on a 2,000-line file, median", f"{latency['action_median_ms']:.2f} ms"),
        ("codeAction p99 (target < 10 ms)", f"{latency['action_p99_ms']:.2f} ms"),
        (f"didChange → diagnostics after the {DEBOUNCE_S * 1e3:.0f} ms debounce, median",
         f"{latency['change_median_ms']:.1f} ms"),
        ("didChange → diagnostics after the debounce, p99 (target < 50 ms)",
         f"{latency['change_p99_ms']:.1f} ms"),
        ("idle RSS, bare pygls server", f"{startup['bare_mb']:.1f} MB"),
        ("idle RSS, lsp-heal (target ≤ bare + 10 MB)", f"{startup['ours_mb']:.1f} MB"),
        ("RSS after 1,000 commandFinished", f"{memory['rss_after_1000_mb']:.1f} MB"),
        ("RSS after 10,000 commandFinished (target: no growth)",
         f"{memory['rss_after_all_mb']:.1f} MB"),
    ]
    table = "\n".join(f"| {name} | {value} |" for name, value in rows)
    section = (
        "## Language server\n\n"
        "`python bench/bench_server.py` — "
        f"{platform.python_implementation()} {platform.python_version()}, "
        f"{platform.machine()}, {platform.system()}, {os.cpu_count()} CPUs, load average "
        f"{os.getloadavg()[0]:.1f} at the end (the machine is shared: timings are noisy)\n\n"
        "| figure | value |\n|---|---|\n" + table + "\n"
    )
    print(section)
    write_section("## Language server", section)


if __name__ == "__main__":
    asyncio.run(main())
