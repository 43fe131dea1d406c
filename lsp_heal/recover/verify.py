"""Running commands and judging the result: did the fix work, is the test flaky or broken?

Commands are argv lists, never a shell string; output is captured (and, for `run`, also
streamed live). A failing test that passes when rerun *unchanged* is flaky, never fixed.
"""

from __future__ import annotations

import ast
import json
import os
import random
import subprocess
import sys
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from lsp_heal.model import Category, ErrorEvent, Rank, Severity

DEFAULT_TIMEOUT_S = 900.0
#: A rerun's verdict: passed after a change (fixed), passed unchanged (flaky), never (broken).
FIXED, FLAKY, BROKEN = "fixed", "flaky", "broken"


@dataclass(frozen=True)
class CommandResult:
    """How a command ended: exit status (None: timed out) and output.

    A command that could not start gets a shell's status (127 not found, 126 otherwise) and
    `start_error`, the reason, as a shell would print it.
    """

    argv: tuple[str, ...]
    exit_code: int | None
    output: str
    duration_s: float
    start_error: str | None = None

    @property
    def ok(self) -> bool:
        return self.exit_code == 0

    def tail(self, lines: int = 5) -> str:
        """The last lines of output: what a one-line failure message quotes."""
        return " | ".join(self.output.strip().splitlines()[-lines:])


def run_command(argv: Sequence[str], cwd: Path | str | None = None,
                env: Mapping[str, str] | None = None, timeout: float = DEFAULT_TIMEOUT_S,
                echo: IO[str] | None = None) -> CommandResult:
    """Run argv, capturing stdout and stderr together; with `echo`, also stream them there."""
    argv = tuple(str(part) for part in argv)
    started = time.monotonic()
    try:
        process = subprocess.Popen(
            argv, cwd=cwd, env=dict(env) if env is not None else None, stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        )
    except OSError as exc:
        missing = isinstance(exc, FileNotFoundError)
        reason = "command not found" if missing else (exc.strerror or str(exc))
        if echo is not None:
            print(f"{argv[0]}: {reason}", file=echo, flush=True)
        return CommandResult(argv, 127 if missing else 126, f"{argv[0]}: {reason}\n", 0.0,
                             reason)
    chunks: list[bytes] = []
    deadline = started + timeout
    assert process.stdout is not None
    reader = _Reader(process.stdout, chunks, echo)
    reader.start()
    try:
        process.wait(timeout=max(0.0, deadline - time.monotonic()))
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
        reader.join()
        text = b"".join(chunks).decode("utf-8", "replace")
        return CommandResult(argv, None, text + f"\n[timed out after {timeout:g}s]",
                             time.monotonic() - started)
    reader.join()
    return CommandResult(argv, process.returncode, b"".join(chunks).decode("utf-8", "replace"),
                         time.monotonic() - started)


class _Reader:
    """Drains a pipe on a thread so that a chatty command never blocks on a full pipe."""

    def __init__(self, pipe: IO[bytes], chunks: list[bytes], echo: IO[str] | None) -> None:
        import threading

        self._thread = threading.Thread(target=self._drain, args=(pipe, chunks, echo),
                                        daemon=True)

    def start(self) -> None:
        self._thread.start()

    def join(self) -> None:
        self._thread.join()

    @staticmethod
    def _drain(pipe: IO[bytes], chunks: list[bytes], echo: IO[str] | None) -> None:
        out = getattr(echo, "buffer", None)
        for chunk in iter(lambda: os.read(pipe.fileno(), 65536), b""):
            chunks.append(chunk)
            if out is not None:
                out.write(chunk)
                out.flush()
            elif echo is not None:
                echo.write(chunk.decode("utf-8", "replace"))
                echo.flush()
        pipe.close()


def events_of(result: CommandResult, command: str) -> list[ErrorEvent]:
    """The errors of a finished command, root cause first; one of its own if it never started."""
    if result.start_error is None:
        from lsp_heal.detect import detect

        return detect(result.output, command, result.exit_code)
    category = Category.DEPENDENCY if result.exit_code == 127 else Category.PERMISSION
    return [ErrorEvent(category, Severity.HIGH, "sh", result.output.strip(),
                       subject=result.argv[0], rank=Rank.ROOT)]


def still_failing(result: CommandResult, event: ErrorEvent | None, command: str) -> bool:
    """Whether a rerun still shows the error the fix was for.

    A clean exit is a success. Failing with *other* errors still counts as progress when the
    fixed error is gone (the next missing module shows up once the first is installed).
    """
    if result.ok:
        return False
    if event is None or result.exit_code is None:
        return True
    return event.fingerprint in {e.fingerprint for e in events_of(result, command)}


def backoff_delays(attempts: int, initial: float, multiplier: float,
                   jitter: float = 0.1) -> list[float]:
    """Waits before each retry: exponential, with +-`jitter` spread so that clients part."""
    return [initial * multiplier**i * (1 + random.uniform(-jitter, jitter))
            for i in range(max(0, attempts - 1))]


def rerun(argv: Sequence[str], cwd: Path | None, env: Mapping[str, str] | None,
          max_attempts: int, delays: Sequence[float], changed: bool,
          timeout: float = DEFAULT_TIMEOUT_S) -> tuple[str, list[CommandResult]]:
    """Rerun up to `max_attempts` times: fixed/flaky on the first pass, broken if none."""
    results: list[CommandResult] = []
    for attempt in range(max(1, max_attempts)):
        if attempt:
            time.sleep(delays[attempt - 1] if attempt - 1 < len(delays) else 0)
        results.append(run_command(argv, cwd, env, timeout))
        if results[-1].ok:
            return (FIXED if changed else FLAKY), results
    return BROKEN, results


def reparse_problem(path: Path) -> str | None:
    """Why an edited file no longer parses (None: it parses, or its kind is not checked)."""
    suffix = path.suffix.lower()
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return f"cannot read {path}: {exc}"
    try:
        if suffix in (".py", ".pyi"):
            ast.parse(text, filename=str(path))
        elif suffix == ".json":
            json.loads(text)
        elif suffix == ".toml" and sys.version_info >= (3, 11):
            import tomllib

            tomllib.loads(text)
    except (SyntaxError, ValueError) as exc:
        return f"{path.name} does not parse after the edit: {exc}"
    return None
