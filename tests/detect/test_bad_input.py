"""Garbage in, a clean answer out: arbitrary bytes, colours, CRLF, huge lines, huge logs."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lsp_heal import detect as detect_module
from lsp_heal.detect import (
    CHUNK_BYTES, MAX_EVENTS, _claiming, _in_workers, detect, detect_stream)
from lsp_heal.model import Category, Severity

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "detect"
FAILING = sorted(p for p in FIXTURES.glob("*/*.json") if not json.loads(p.read_text())["noise"])


def _reading(events):
    return [(e.category, e.subject, e.location, e.severity) for e in events[:1]]


def _check_events(events) -> None:
    for event in events:
        assert isinstance(event.category, Category) and isinstance(event.severity, Severity)
        assert "\n" not in event.message
        if event.location and event.location.line is not None:
            assert event.location.line >= 1


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=4096), st.sampled_from([None, 0, 1, 2, 127, 139]))
def test_arbitrary_bytes_never_raise(data: bytes, exit_code: int | None) -> None:
    _check_events(detect(data, None, exit_code))


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=2048),
       st.sampled_from([None, "python app.py", "npm test", "cargo build", "make"]))
def test_arbitrary_text_never_raises(text: str, command: str | None) -> None:
    _check_events(detect(text, command, 1))


def _fixture(meta_path: Path) -> tuple[dict, bytes]:
    return json.loads(meta_path.read_text()), meta_path.with_suffix(".out").read_bytes()


def _colour(data: bytes) -> bytes:
    """What the same tool prints on a colour terminal on Windows: SGR around words, CRLF."""
    coloured = re.sub(rb"(error|Error|FAIL\w*|warning)", b"\x1b[1;31m\\1\x1b[0m", data)
    return coloured.replace(b"\n", b"\r\n")


@pytest.mark.parametrize("meta_path", FAILING, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_colours_and_crlf_do_not_change_the_reading(meta_path: Path) -> None:
    meta, output = _fixture(meta_path)
    plain = detect(output, meta["command"], meta["exit_code"])
    assert _reading(detect(_colour(output), meta["command"], meta["exit_code"])) == _reading(plain)


def test_non_utf8_bytes_around_an_error_keep_it(failing_fixture) -> None:
    meta, output = failing_fixture
    latin1 = b"caf\xe9 na\xefve \xff\xfe\n"
    events = detect(latin1 + output + latin1, meta["command"], meta["exit_code"])
    assert _reading(events) == _reading(detect(output, meta["command"], meta["exit_code"]))


def test_a_log_of_many_chunks_is_read_whole(failing_fixture) -> None:
    """An error past the first megabytes, between lines of noise, is found with its place."""
    meta, output = failing_fixture
    assert len(_FILLER) > 2 * CHUNK_BYTES
    events = detect_stream(io.BytesIO(_FILLER + output + _FILLER), meta["command"], 1)
    plain = detect(output, meta["command"], 1)
    assert _reading(events) == _reading(plain)
    assert events[0].line_index == _FILLER.count(b"\n") + plain[0].line_index


_FILLER = b"".join(b"progress %d of many steps, all fine\n" % i for i in range(120_000))


@pytest.mark.parametrize("meta_path", FAILING[::11], ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_an_output_cut_by_a_chunk_end_is_read_whole(meta_path: Path, monkeypatch) -> None:
    """A chunk is read with the next chunk's first lines: a report the chunk's end cuts in
    two (a test's failure section, a traceback) reads as it does in one piece."""
    meta, output = _fixture(meta_path)
    half = output.count(b"\n") // 2
    stamp = re.match(rb"\d{4}-\d\d-\d\dT[\d:.]+Z ", output)  # a CI log stamps every line
    filler = _FILLER.replace(b"progress", stamp[0] + b"progress") if stamp else _FILLER
    before = filler[: CHUNK_BYTES - len(b"\n".join(output.split(b"\n")[:half])) - 1]
    before = before[: before.rfind(b"\n") + 1]  # the chunk ends halfway through the output
    log, command, exit_code = before + output, meta["command"], meta["exit_code"]
    events = detect_stream(io.BytesIO(log), command, exit_code)
    monkeypatch.setattr(detect_module, "CHUNK_BYTES", 2 * len(log))
    whole = detect_stream(io.BytesIO(log), command, exit_code)
    assert [(*_reading([e]), e.line_index) for e in events[:1]] == [
        (*_reading([e]), e.line_index) for e in whole[:1]]


def _long_header(meta_path: Path) -> bool:
    output = meta_path.with_suffix(".out").read_bytes()
    return b"\ncollected " in output[output.find(b"\nrootdir: ") :] and b"\nrootdir: " in output


@pytest.mark.parametrize("meta_path", [p for p in FAILING if p.parent.name == "pytest"
                                       and _long_header(p)], ids=lambda p: p.stem)
def test_a_long_pytest_run_names_node_ids_from_its_rootdir(meta_path: Path) -> None:
    """The `rootdir:` line is carried into every later chunk: a report megabytes of output
    after the run's header (plugins' notices, collection) still names its test relative to
    the rootdir."""
    meta, output = _fixture(meta_path)
    at = output.index(b"\ncollected ", output.index(b"\nrootdir: ")) + 1
    long_run = output[:at] + _FILLER + output[at:]
    events = detect_stream(io.BytesIO(long_run), meta["command"], meta["exit_code"])
    assert _reading(events) == _reading(detect(output, meta["command"], meta["exit_code"]))


@pytest.mark.parametrize("meta_path", FAILING[::3], ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_an_output_after_a_long_job_reads_the_same(meta_path: Path) -> None:
    """A CI job prints other steps' lines before the one that fails: a tool's reading of its
    verdict must not depend on being the whole log (`poetry check`, `cmake --build` and
    runpy's `No module named pytest` print one or two lines)."""
    meta, output = _fixture(meta_path)
    stamp = re.match(rb"\d{4}-\d\d-\d\dT[\d:.]+Z ", output)
    steps = b"".join(_FILLER.splitlines(keepends=True)[:300])
    before = steps.replace(b"progress", stamp[0] + b"progress") if stamp else steps
    args = meta["command"], meta["exit_code"]
    assert _reading(detect(before + output, *args)) == _reading(detect(output, *args))


def _passing_runs() -> list[bytes]:
    """A passing run of each test runner, as a CI job prints it before its next command."""
    runs: dict[str, bytes] = {}
    for path in sorted(FIXTURES.glob("*/*.json")):
        if path.parent.name in ("jstest", "pytest", "unittest"):
            meta, output = _fixture(path)
            if meta["noise"] and meta["exit_code"] == 0:
                runs.setdefault(meta["tool"], output)
    assert {"jest", "vitest", "mocha", "node:test", "pytest", "unittest"} <= runs.keys()
    return list(runs.values())


def _read_by_node(meta_path: Path) -> bool:
    """A node failure the node family reads (not one the log's end is guessed from)."""
    meta, output = _fixture(meta_path)
    events = detect(output, None, meta["exit_code"])
    return bool(events) and events[0].tool == "node" and not events[0].details.get("guessed")


_NODE_FAILING = [p for p in FAILING if p.parent.name == "node" and _read_by_node(p)][::2]


@pytest.mark.parametrize("meta_path", _NODE_FAILING, ids=lambda p: p.stem)
def test_a_node_crash_after_a_test_run_reads_as_alone(meta_path: Path) -> None:
    """`npm test && node app.js`: the runner's report is the test family's to read, the crash
    after its summary is node's, as if it were the whole log (it used to be dropped, or read
    as a test file's, whenever the log held a runner's summary)."""
    meta, output = _fixture(meta_path)
    alone = _reading(detect(output, None, meta["exit_code"]))
    for run in _passing_runs():
        assert _reading(detect(run + b"\n" + output, None, meta["exit_code"])) == alone


def _read_by_a_runner(meta_path: Path) -> bool:
    """A JS test runner's failure its family reads from the output alone (no command)."""
    meta, output = _fixture(meta_path)
    events = detect(output, None, meta["exit_code"])
    return bool(events) and events[0].tool in ("jest", "vitest", "mocha", "node:test") \
        and not events[0].details.get("guessed")


@pytest.mark.parametrize("meta_path", [p for p in FAILING if p.parent.name == "jstest"
                                       and _read_by_a_runner(p)][::2], ids=lambda p: p.stem)
def test_a_test_run_after_another_runners_run_reads_as_alone(meta_path: Path) -> None:
    """`npm run test:unit && npm run test:e2e` with two runners: the failing run is read by
    its own runner's rules (the last summary printed, or the words of a run that stopped
    before any test), not by the first run's."""
    meta, output = _fixture(meta_path)
    alone = _reading(detect(output, None, meta["exit_code"]))
    for run in _passing_runs():
        assert _reading(detect(run + b"\n" + output, None, meta["exit_code"])) == alone


def _guessed(meta_path: Path) -> bool:
    """A failure no family reads: the log's end is guessed from."""
    meta, output = _fixture(meta_path)
    events = detect(output, None, meta["exit_code"])
    return bool(events) and bool(events[0].details.get("guessed"))


@pytest.mark.parametrize("meta_path", [p for p in FAILING if _guessed(p)][::3],
                         ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_a_failure_after_a_test_run_is_guessed_as_alone(meta_path: Path) -> None:
    """The tests passed, then a tool no family reads failed: the guess is made from what
    follows the run's summary, not from the errors the passing tests logged."""
    meta, output = _fixture(meta_path)
    alone = _reading(detect(output, None, meta["exit_code"]))
    for run in _passing_runs():
        assert _reading(detect(run + b"\n" + output, None, meta["exit_code"])) == alone


@pytest.mark.parametrize("meta_path", FAILING[::5], ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_a_stream_and_a_string_read_alike(meta_path: Path) -> None:
    """The CLI reads a stream, the server a string: the same events on the same lines (a
    final line end ends the last line in both)."""
    meta, output = _fixture(meta_path)
    args = meta["command"], meta["exit_code"]
    assert [e.to_json() | {"line": e.line_index} for e in detect_stream(io.BytesIO(output), *args)] \
        == [e.to_json() | {"line": e.line_index} for e in detect(output, *args)]


def test_events_are_capped_on_endless_distinct_errors(failing_fixture) -> None:
    meta, output = failing_fixture
    many = b"".join(output.replace(b"\n", b" %d\n" % i, 1) for i in range(MAX_EVENTS + 50))
    assert len(detect_stream(io.BytesIO(many), meta["command"], 1)) <= MAX_EVENTS


def test_one_huge_line_without_newlines(failing_fixture) -> None:
    meta, output = failing_fixture
    blob = bytes(range(256)).replace(b"\n", b"") * (3 * CHUNK_BYTES // 255)
    events = detect_stream(io.BytesIO(blob + b"\n" + output), meta["command"], 1)
    assert _reading(events) == _reading(detect(output, meta["command"], 1))


@pytest.mark.parametrize("source", ["memory", "file", "pipe"])
def test_forked_workers_read_a_large_log_like_one_process(source: str, tmp_path: Path) -> None:
    """Chunks read by worker processes give the same events in the same order, whether each
    worker reads the log itself (in memory, a file: from where the stream stood) or this
    process hands the chunks out (a pipe)."""
    outputs = [p.with_suffix(".out").read_bytes() for p in FAILING[::7]]
    log = b"\n".join(outputs) * (4 * CHUNK_BYTES // sum(len(o) + 1 for o in outputs) + 1)
    one = detect_stream(io.BytesIO(log))
    (tmp_path / "log").write_bytes(log)
    (tmp_path / "later").write_bytes(b"a line read before\n" + log)
    with open(tmp_path / "later", "rb") as later, \
            subprocess.Popen(["cat", tmp_path / "log"], stdout=subprocess.PIPE) as cat:
        later.readline()
        streams = {"memory": io.BytesIO(log), "file": later, "pipe": cat.stdout}
        two = detect_stream(streams[source], workers=2)
    assert [e.to_json() | {"line": e.line_index} for e in two] == [
        e.to_json() | {"line": e.line_index} for e in one
    ]
    assert len(one) > 20


_FRESH_READ = """
import json, sys
from lsp_heal.detect import detect_stream
with open(sys.argv[1], "rb") as log:
    events = detect_stream(log, workers=int(sys.argv[2]))
print(json.dumps([e.to_json() | {"line": e.line_index} for e in events]))
"""


@pytest.mark.parametrize("workers", [1, 2])
def test_a_fresh_process_reads_a_large_log_like_a_warm_one(workers: int, tmp_path: Path) -> None:
    """A fresh process first reads a sample of the log to learn the parsers' literals, and
    indexes them with a quick automaton while it is still learning: neither shows in what
    it finds (a warm process knows every literal and reads with its DFA)."""
    outputs = [p.with_suffix(".out").read_bytes() for p in FAILING[3::5]]
    log = b"\n".join(outputs) * (2 * CHUNK_BYTES // sum(len(o) + 1 for o in outputs) + 1)
    (tmp_path / "log").write_bytes(log)
    detect_stream(io.BytesIO(log))  # this process learns every literal the log teaches
    warm = [e.to_json() | {"line": e.line_index} for e in detect_stream(io.BytesIO(log))]
    fresh = subprocess.run([sys.executable, "-c", _FRESH_READ, tmp_path / "log", str(workers)],
                           capture_output=True, text=True, check=True).stdout
    assert json.loads(fresh) == warm
    assert len(warm) > 20


@pytest.mark.parametrize("share", [_in_workers, _claiming])
def test_a_failing_worker_raises_in_the_reader_instead_of_hanging(share) -> None:
    """A task a worker cannot read (here: malformed) fails the read with the worker's error."""
    good = (b"", b"Traceback (most recent call last):", None, 0, 0, None, 1)
    with pytest.raises(ValueError, match="unpack"):
        list(share(iter([good, ("not", "a", "task")]), 2))
