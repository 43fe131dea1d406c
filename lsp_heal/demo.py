"""The demo: the whole loop on a broken sample project, offline, in seconds.

The sample (lsp_heal/data/demo) is copied into a temp folder with its own virtual
environment and its own lsp-heal data (the user's journal and learner are left alone). Four
failures are detected, planned for and healed through the same engine as `run --apply`: a
missing dependency installed into the venv from a wheel built here (`pip install
--no-index --find-links`, no network), a flaky test told from a broken one, a script
without its exec bit, then rollbacks — one refused because "the user" edited a file after
the fix. Consent is given by running the demo: every change stays in the temp folder.
"""

from __future__ import annotations

import base64
import hashlib
import os
import shutil
import tempfile
import time
import venv
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Any

from lsp_heal.commands import print_json

PACKAGE, VERSION = "heal_demo_widgets", "1.0"


def build_wheel(source: Path, name: str, version: str, dest: Path) -> Path:
    """A pure-Python wheel of the package folder `source` (no setuptools needed)."""
    dest.mkdir(parents=True, exist_ok=True)
    dist = name.replace("-", "_")
    info = f"{dist}-{version}.dist-info"
    files = {f"{source.name}/{p.relative_to(source).as_posix()}": p.read_bytes()
             for p in sorted(source.rglob("*.py"))}
    files[f"{info}/METADATA"] = f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n".encode()
    files[f"{info}/WHEEL"] = (b"Wheel-Version: 1.0\nGenerator: lsp-heal demo\n"
                              b"Root-Is-Purelib: true\nTag: py3-none-any\n")
    record = [f"{path},sha256={_digest(data)},{len(data)}" for path, data in files.items()]
    files[f"{info}/RECORD"] = ("\n".join([*record, f"{info}/RECORD,,"]) + "\n").encode()
    wheel = dest / f"{dist}-{version}-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w", zipfile.ZIP_DEFLATED) as archive:
        for path, data in files.items():
            archive.writestr(path, data)
    return wheel


def _digest(data: bytes) -> str:
    return base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()


@contextmanager
def _own_home(folder: Path) -> Iterator[None]:
    """The demo's journal, trust list and learner live in its temp folder."""
    saved = os.environ.get("LSP_HEAL_HOME")
    os.environ["LSP_HEAL_HOME"] = str(folder)
    try:
        yield
    finally:
        if saved is None:
            os.environ.pop("LSP_HEAL_HOME", None)
        else:
            os.environ["LSP_HEAL_HOME"] = saved


class Story:
    """The demo's steps: printed as they happen, or kept for --json."""

    def __init__(self, quiet: bool) -> None:
        self.quiet = quiet
        self.steps: list[dict[str, Any]] = []
        self.started = time.monotonic()

    def say(self, text: str = "") -> None:
        if not self.quiet:
            print(text, flush=True)

    def step(self, title: str, **facts: Any) -> dict[str, Any]:
        self.steps.append({"step": title, **facts})
        self.say(f"\n== {len(self.steps)}. {title}")
        return self.steps[-1]


def run(*, as_json: bool = False, keep: bool = False) -> int:
    """Play the demo in a temp folder; the exit status says whether every step went as told."""
    story = Story(quiet=as_json)
    folder = Path(tempfile.mkdtemp(prefix="lsp-heal-demo-"))
    try:
        with _own_home(folder / "lsp-heal-home"):
            ok = play(folder, story)
    finally:
        if keep:
            story.say(f"\n(kept {folder})")
        else:
            shutil.rmtree(folder, ignore_errors=True)
    seconds = round(time.monotonic() - story.started, 1)
    if as_json:
        print_json({"ok": ok, "seconds": seconds, "steps": story.steps})
    else:
        story.say(f"\n{'All done' if ok else 'Something went differently'} in {seconds} s.")
    return 0 if ok else 1


def play(folder: Path, story: Story) -> bool:
    """Set the sample up in `folder`, then heal it step by step; True if all went as told."""
    from lsp_heal.recover.context import Context

    data = resources.files("lsp_heal").joinpath("data", "demo")
    project = folder / "project"
    with resources.as_file(data) as shipped:
        shutil.copytree(shipped / "project", project)
        wheels = folder / "wheels"
        build_wheel(shipped / "widgets" / PACKAGE, PACKAGE, VERSION, wheels)
    (project / "tools" / "report.sh").chmod(0o644)
    story.say(f"A broken sample project in {project}; making its virtual environment...")
    venv.EnvBuilder(with_pip=True).create(project / ".venv")
    python = str(project / ".venv" / "bin" / "python")
    env = {**os.environ, "PIP_NO_INDEX": "1", "PIP_FIND_LINKS": str(wheels),
           "PIP_DISABLE_PIP_VERSION_CHECK": "1", "PYTHONDONTWRITEBYTECODE": "1"}
    env.pop("VIRTUAL_ENV", None)

    def context(argv: list[str]) -> Context:
        import shlex

        return Context.for_workspace(project, command=shlex.join(argv), env=env)

    installed = _heal(story, "A missing dependency", [python, "app.py"], context)
    tests = _tests(story, [python, "-m", "unittest"], context)
    chmod = _heal(story, "A script without its exec bit", ["./tools/report.sh"], context)
    undo = _rollbacks(story, project, installed, chmod)
    return installed is not None and chmod is not None and tests and undo


def _heal(story: Story, title: str, argv: list[str], context: Any) -> str | None:
    """Run, detect, plan, apply with the journal, verify; the journal id if healed."""
    from lsp_heal.recover.executor import apply_plan
    from lsp_heal.recover.planner import plan
    from lsp_heal.recover.verify import events_of, run_command

    ctx = context(argv)
    shown = " ".join(Path(a).name if a.startswith("/") else a for a in argv)
    failed = run_command(argv, ctx.cwd, ctx.env)
    events = events_of(failed, ctx.command)
    step = story.step(title, command=shown, exit_code=failed.exit_code,
                      error=events[0].to_json() if events else None)
    story.say(f"$ {shown}\n  {failed.tail(1)}")
    plans = plan(events, ctx)
    if not events or not plans:
        story.say("  (no error or no plan: this step did not go as the demo expects)")
        return None
    best = plans[0]
    story.say(f"  detected: {events[0].category.value} · {events[0].subject}")
    story.say(f"  plan:     {best.title}")
    applied = apply_plan(best, ctx, confirm=lambda _: True)
    step.update(plan=best.to_json(), applied=applied.to_json())
    story.say(f"  applied:  {applied.outcome} — {applied.detail} (journal {applied.id})")
    if applied.rerun is not None:
        story.say(f"$ {shown}\n  {applied.rerun.tail(1)}")
    return applied.id if applied.success and applied.outcome == "fixed" else None


def _tests(story: Story, argv: list[str], context: Any) -> bool:
    """Two failing tests: each rerun alone, three times; flaky and broken told apart."""
    from lsp_heal.model import Category
    from lsp_heal.recover.executor import apply_plan
    from lsp_heal.recover.planner import plan
    from lsp_heal.recover.verify import events_of, run_command

    ctx = context(argv)
    failed = run_command(argv, ctx.cwd, ctx.env)
    tests = [e for e in events_of(failed, ctx.command)
             if e.category is Category.TEST and e.subject]
    step = story.step("A flaky test and a broken one", command="python -m unittest",
                      exit_code=failed.exit_code, verdicts={})
    story.say(f"$ python -m unittest\n  {failed.tail(1)}")
    for event in tests:
        rerun = next((p for p in plan([event], ctx) if p.strategy == "rerun-test"), None)
        if rerun is None:
            continue
        applied = apply_plan(rerun, ctx, confirm=lambda _: True, event=event)
        step["verdicts"][event.subject] = applied.outcome
        story.say(f"  {event.subject}: {applied.outcome} ({applied.detail})")
    return sorted(step["verdicts"].values()) == ["broken", "flaky"]


def _rollbacks(story: Story, project: Path, installed: str | None, chmod: str | None) -> bool:
    """Undo the chmod; try to undo the install after "the user" edited requirements.txt."""
    from lsp_heal.recover.executor import rollback

    step = story.step("Rollback")
    if installed is None or chmod is None:
        return False
    undone = rollback()
    executable = os.access(project / "tools" / "report.sh", os.X_OK)
    story.say(f"$ lsp-heal rollback --last\n  {undone.detail}; report.sh executable: {executable}")
    requirements = project / "requirements.txt"
    fixed = requirements.read_text()
    requirements.write_text(fixed + "# pinned by hand\n")
    refused = rollback(installed)
    story.say(f"(you edit requirements.txt)\n$ lsp-heal rollback {installed}\n"
              f"  {refused.detail}")
    requirements.write_text(fixed)
    restored = rollback(installed)
    story.say(f"(you undo your edit)\n$ lsp-heal rollback {installed}\n  {restored.detail};"
              f" requirements.txt is empty again: {requirements.read_text() == ''}")
    step.update(chmod=undone.to_json(), refused=refused.to_json(), install=restored.to_json())
    return undone.restored and not executable and not refused.restored and restored.restored
