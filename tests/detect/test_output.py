"""What parsers are handed: terminal text as a person reads it, and the tool behind a command."""

import pytest

from lsp_heal.detect.output import MAX_LINE, Output, clean, tool_of


def test_clean_removes_colours_links_and_titles() -> None:
    coloured = b"\x1b(B\x1b[m\x1b[1m\x1b[31merror\x1b[0m: \x1b]8;;file:///a.c\x07a.c\x1b]8;;\x07 failed\x1b[K"
    assert clean(coloured) == b"error: a.c failed"


def test_clean_keeps_what_a_progress_bar_left_on_screen() -> None:
    assert clean(b"Get  10%\rGet 100%\r\nDone\r\n") == b"Get 100%\nDone\n"
    assert clean(b"x\na\rb\rc\r\n") == b"x\nc\n"
    assert clean(b"refused\r\r\nnext\r") == b"refused\nnext"


def test_clean_drops_control_bytes_but_keeps_tabs() -> None:
    assert clean(b"a\x00b\x07c\td\x7f") == b"abc\td"


def test_text_and_bytes_read_the_same() -> None:
    raw = "caf\u00e9 \x1b[31merror\x1b[0m: \udcff x\n"
    assert Output(raw).text == Output(raw.encode("utf-8", "replace")).text == "caf\u00e9 error: ? x\n"
    assert Output(b"caf\xe9\n").text == "caf\ufffd\n"


@pytest.mark.parametrize(
    ("command", "tool"),
    [
        ("python -m pytest -x tests", "pytest"),
        ("python3.12 app.py", "python"),
        ("npx --yes tsc --noEmit", "tsc"),
        ("npx tsc --noEmit", "tsc"),
        ("uv run pytest", "pytest"),
        ("uv run --with httpx --no-project pytest -x", "pytest"),
        ("uv run --python=3.12 -- mypy .", "mypy"),
        ("pnpm exec --filter api tsc", "tsc"),
        ("poetry run python -m mypy .", "mypy"),
        ("npm run build", "npm"),
        ("CI=1 FOO=bar cargo test", "cargo"),
        ("sudo /usr/bin/docker ps", "docker"),
        ("/usr/local/bin/kubectl get pods", "kubectl"),
        ("bash -c 'echo \"unterminated", "bash"),
        ("", None),
        (None, None),
    ],
)
def test_tool_of(command: str | None, tool: str | None) -> None:
    assert tool_of(command) == tool


def test_find_yields_each_matching_line_once_in_order() -> None:
    out = Output("ok\nerror: a error\nfine\nerror: b\n")
    assert list(out.find("error")) == [1, 3]
    assert list(out.find("error", start=2)) == [3]
    assert list(out.find("missing")) == []


def test_long_lines_are_cut_so_regexes_stay_cheap() -> None:
    out = Output("x" * (MAX_LINE * 3) + "\nnext")
    assert len(out.lines[0]) == MAX_LINE and out.lines[1] == "next"
    assert list(out.find("next")) == [1]


def test_ci_timestamps_are_taken_off_every_line() -> None:
    stamped = b"2026-11-27T10:00:00.1234567Z Traceback:\n2026-11-27T10:00:01Z   x\n\nplain 2026-11-27T10:00:00Z\n"
    assert clean(stamped) == b"Traceback:\n  x\n\nplain 2026-11-27T10:00:00Z\n"
    assert clean(b"2026-11-27 10:00:00 not a CI stamp\n") == b"2026-11-27 10:00:00 not a CI stamp\n"


def test_a_literal_that_begins_with_a_line_end_is_found_at_line_starts_only() -> None:
    text = "zq-error first\nnot zq-error\nzq-error second\n  zq-error indented\nzq-error"
    first, again = Output(text), Output(text)  # the second is searched by the learned index
    for out in (first, again):
        assert list(out.find("\nzq-error")) == [0, 2, 4]
        assert list(out.find("zq-error")) == [0, 1, 2, 3, 4]
        assert out.has("\nnot zq") and not out.has("\nzq-error indented")


def test_a_carriage_return_a_message_quotes_is_text() -> None:
    assert clean(b"b.sh: 2: \r: not found\r\n") == b"b.sh: 2: ^M: not found\n"
    assert clean(b"bad interpreter: /bin/bash\r: No such file\n") == b"bad interpreter: /bin/bash^M: No such file\n"
