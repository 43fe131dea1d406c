"""Terminal → offer in a real VS Code: how long after a command ends its fix is on screen.

Runs vscode-client/e2e/run.mjs (code-server 4.100.3 in headless chromium, the built .vsix)
with `python -c "import yaml"` failing REPEATS times in the integrated terminal, in a venv
without PyYAML. Each figure runs from the moment the extension sees the command end (its
log line) to the moment the notification with "Install PyYAML" is visible in the page, so it
covers reading the output, the notification, detection, planning and the round trip to the
page. Needs vscode-client/e2e/setup.sh and a built .vsix.

    python bench/bench_vscode.py [REPEATS]
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.results import write_section  # noqa: E402

CLIENT = ROOT / "vscode-client"


def main() -> None:
    repeats = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    out = CLIENT / ".e2e" / "bench"
    subprocess.run(["node", str(CLIENT / "e2e" / "run.mjs"), "--python", sys.executable,
                    "--out", str(out), "--repeats", str(repeats)], check=True)
    result = json.loads((out / "result.json").read_text())
    times = sorted(result["offerMs"])
    p99 = times[min(len(times) - 1, round(0.99 * (len(times) - 1)))]
    rows = [
        ("runs", str(len(times))),
        ("median", f"{statistics.median(times):.0f} ms"),
        ("p99", f"{p99:.0f} ms"),
        ("max", f"{times[-1]:.0f} ms"),
        ("clock start", result.get("offerClock", "")),
        ("empty terminal reads (retried, not timed)", str(result.get("emptyReads", 0))),
    ]
    section = (
        "## VS Code: terminal → offer (`python bench/bench_vscode.py`)\n\n"
        f"code-server {result['codeServer']} in headless chromium; `python -c \"import yaml\"` "
        "failing in the integrated terminal (venv without PyYAML) until the notification with "
        "its Install button is visible.\n\n"
        "| figure | value |\n|---|---|\n" + "".join(f"| {k} | {v} |\n" for k, v in rows) + "\n")
    write_section("## VS Code: terminal → offer", section)
    print(section)


if __name__ == "__main__":
    main()
