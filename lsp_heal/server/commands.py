"""`workspace/executeCommand`: the `lspHeal.*` commands.

Each takes one JSON object argument (besides applyPlan's plan). Whatever installs or runs
something goes through consent (a question to the user unless the workspace is trusted);
long work reports `$/progress`. Bad arguments are a JSON-RPC InvalidParams error with a
one-line reason; the server keeps serving.
"""

from __future__ import annotations

import asyncio
import shlex
from typing import Any

from pygls.exceptions import JsonRpcInvalidParams, JsonRpcServerError

from lsp_heal.model import Action, Plan
from lsp_heal.server import plans
from lsp_heal.server.command_output import CommandReport
from lsp_heal.server.progress import progress
from lsp_heal.server.server import EDITOR_DISTRUST, Consent
from lsp_heal.server.server import HealServer  # pygls reads command handlers' annotations

LEARNER_ERROR = -32001  # the learner cannot do it (an empty store): a server error, not a crash


def _options(args: tuple[Any, ...], index: int = 0) -> dict[str, Any]:
    value = args[index] if len(args) > index else {}
    if not isinstance(value, dict):
        raise JsonRpcInvalidParams(f"argument {index + 1} must be an object")
    return value


def _argv(command: Any) -> list[str]:
    if isinstance(command, str):
        try:
            argv = shlex.split(command)
        except ValueError as exc:
            raise JsonRpcInvalidParams(f"cannot split the command: {exc}") from None
    elif isinstance(command, list) and all(isinstance(a, str) for a in command):
        argv = command
    else:
        raise JsonRpcInvalidParams("'command' must be a string or a list of strings")
    if not argv:
        raise JsonRpcInvalidParams("'command' is empty")
    return argv


async def apply_plan(ls: HealServer, plan: Plan, options: dict[str, Any]) -> dict[str, Any]:
    """Apply under progress; a success fires the on-recovery hooks."""
    event = plans.event_from_json(options["event"]) if options.get("event") else None
    async with progress(ls, plan.title, cancellable=False):
        applied = await plans.apply(ls, plan, options.get("cwd"), consented=False,
                                    command=options.get("command"), event=event)
    if applied.success:
        ls.hooks.fire("on-recovery", {"LSP_HEAL_PLAN": plan.title,
                                      "LSP_HEAL_JOURNAL_ID": applied.id or ""})
    return applied.to_json()


async def run_tracked(ls: HealServer, argv: list[str], cwd: str | None, source: str
                      ) -> dict[str, Any]:
    """Run a command (with consent), killable by cancel; its output is read like a terminal's."""
    from lsp_heal.server.prompts import ask

    command = shlex.join(argv)
    workdir = cwd or (str(ls.root) if ls.root else None)
    consent = await ls.consent()
    if consent is Consent.REFUSED:
        return {"command": command, "run": False, "detail": EDITOR_DISTRUST}
    if consent is Consent.ASK and await ask(ls, f"lsp-heal wants to run `{command}`",
                                            ["Run", "Cancel"]) != "Run":
        return {"command": command, "run": False, "detail": "the user did not consent"}
    ls.hooks.fire("pre-task", {"LSP_HEAL_COMMAND": command, "LSP_HEAL_CWD": workdir or ""})
    async with progress(ls, f"Running {command}", cancellable=True):
        try:
            process = await asyncio.create_subprocess_exec(
                *argv, cwd=workdir, stdin=asyncio.subprocess.DEVNULL,
                stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT)
        except OSError as exc:
            raise JsonRpcInvalidParams(f"cannot run {argv[0]}: {exc.strerror or exc}") from None
        try:
            output, _ = await process.communicate()
        except asyncio.CancelledError:
            process.kill()
            await process.wait()
            raise
    text = output.decode("utf-8", "replace")
    ls.command_output.received(CommandReport(command, workdir or "", process.returncode, text,
                                             source))
    return {"command": command, "run": True, "exit_code": process.returncode}


def register(server: HealServer) -> None:
    @server.command("lspHeal.applyPlan")
    async def apply_plan_command(ls: HealServer, *args: Any) -> dict[str, Any]:
        try:
            plan = plans.plan_from_json(args[0] if args else None)
        except ValueError as exc:
            raise JsonRpcInvalidParams(str(exc)) from None
        return await apply_plan(ls, plan, _options(args, 1))

    @server.command("lspHeal.install")
    async def install(ls: HealServer, *args: Any) -> dict[str, Any]:
        options = _options(args)
        manager, package = options.get("manager"), options.get("package")
        if not isinstance(manager, str) or not isinstance(package, str):
            raise JsonRpcInvalidParams("'manager' and 'package' must be strings")
        params = {k: v for k, v in options.items() if k in ("manager", "package", "version")}
        plan = Plan("install-package", f"Install {package} with {manager}", 1.0,
                    [Action("install", params)])
        return await apply_plan(ls, plan, options)

    @server.command("lspHeal.runCommand")
    async def run_command(ls: HealServer, *args: Any) -> dict[str, Any]:
        options = _options(args)
        return await run_tracked(ls, _argv(options.get("command")), options.get("cwd"), "task")

    @server.command("lspHeal.rerunTest")
    async def rerun_test(ls: HealServer, *args: Any) -> dict[str, Any]:
        """Rerun a failed test command once; a pass with nothing changed is flaky, not fixed."""
        options = _options(args)
        result = await run_tracked(ls, _argv(options.get("command")), options.get("cwd"), "task")
        if result.get("run"):
            result["flaky"] = result["exit_code"] == 0
        return result

    @server.command("lspHeal.rollback")
    async def rollback(ls: HealServer, *args: Any) -> dict[str, Any]:
        from lsp_heal.recover.executor import rollback as undo
        from lsp_heal.recover.journal import JournalError

        journal_id = _options(args).get("id")
        try:
            result = await ls.run_in_worker(undo, journal_id)
        except JournalError as exc:
            raise JsonRpcInvalidParams(str(exc)) from None
        return result.to_json()

    @server.command("lspHeal.history")
    async def history(ls: HealServer, *args: Any) -> dict[str, Any]:
        from lsp_heal.recover.journal import Journal

        limit = _options(args).get("limit", 50)
        if not isinstance(limit, int) or limit < 1:
            raise JsonRpcInvalidParams("'limit' must be a positive integer")

        def entries() -> list[dict[str, Any]]:
            with Journal() as journal:
                return [entry.to_json() for entry in journal.entries(limit)]

        return {"entries": await ls.run_in_worker(entries)}

    @server.command("lspHeal.train")
    async def train(ls: HealServer, *args: Any) -> dict[str, Any]:
        return await with_learner(ls, "Training the pattern learner",
                                  lambda learner: learner.train().to_json())

    @server.command("lspHeal.prune")
    async def prune(ls: HealServer, *args: Any) -> dict[str, Any]:
        options = _options(args)
        allowed = {"max_patterns", "max_age_days", "min_confidence", "similarity"}
        if unknown := set(options) - allowed:
            raise JsonRpcInvalidParams(f"unknown options: {', '.join(sorted(unknown))}")
        return await with_learner(ls, "Pruning learned patterns",
                                  lambda learner: learner.prune_patterns(**options))


async def with_learner(ls: HealServer, title: str, work: Any) -> dict[str, Any]:
    """Learner upkeep in a worker (scikit-learn is imported there, never on the loop)."""
    from learner.learner import LearnerError, PatternLearner

    config = await ls.config()
    async with progress(ls, title, cancellable=False):
        try:
            return await ls.run_in_worker(lambda: work(PatternLearner(config=config)))
        except LearnerError as exc:
            raise JsonRpcServerError(str(exc), LEARNER_ERROR) from None
