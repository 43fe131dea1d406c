"""curl's URL when the error line does not print it: the command's (through `bash -c` and
shell operators) or the one a script printed just above."""

from __future__ import annotations

import pytest

from lsp_heal.detect import detect
from lsp_heal.detect.http import url_of


@pytest.mark.parametrize(("command", "url"), [
    ("curl -fsS http://h:1/x", "http://h:1/x"),
    ("bash -c 'set -e; curl -fsS http://h:1/x; echo done'", "http://h:1/x"),
    ("curl -fsS http://h/x?a=1 && echo ok", "http://h/x?a=1"),
    ("curl 'http://h/s?q=a b&c=d'", "http://h/s?q=a b&c=d"),
    ("+ curl -fsS http://h/x 2>&1|tee log", "http://h/x"),
])
def test_the_url_of_a_command_line(command: str, url: str) -> None:
    assert url_of(command) == url


def test_a_script_that_printed_its_url() -> None:
    text = ("Downloading http://dl.example.com/v1/tool.tgz...\n"
            "curl: (22) The requested URL returned error: 404\n")
    event = detect(text.encode(), "bash install.sh", 22)[0]
    assert (event.category.value, event.subject) == (
        "configuration", "http://dl.example.com/v1/tool.tgz")
