"""kubectl's klog lines restate the refused connection: one event, on kubectl's own line."""

from __future__ import annotations

import json
from pathlib import Path

from lsp_heal.detect import detect

KUBE = Path(__file__).resolve().parents[2] / "fixtures" / "detect" / "kube"


def test_klog_lines_are_not_read_again() -> None:
    meta = json.loads((KUBE / "get_pods_no_cluster.json").read_text())
    events = detect((KUBE / "get_pods_no_cluster.out").read_bytes(), meta["command"], 1)
    assert [e.message for e in events] == [
        ("The connection to the server localhost:8080 was refused - did you specify the right "
         "host or port?")
    ]
