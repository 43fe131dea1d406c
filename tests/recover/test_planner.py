"""The planner on real recorded failures: the right fix first, hostile names never installed."""

from __future__ import annotations

import pytest

from lsp_heal.model import Action, Category, ErrorEvent, Plan, Severity
from lsp_heal.recover.context import Context
from lsp_heal.recover.planner import plan
from lsp_heal.recover.strategies import register, unregister

from fixture_cases import load_cases, workspace

CASES = load_cases()
EXECUTING = {"install", "run", "rerun"}


def _relative(value, root):
    prefix = str(root) + "/"
    if isinstance(value, list):
        return [_relative(v, root) for v in value]
    return value[len(prefix):] if isinstance(value, str) and value.startswith(prefix) else value


def test_there_are_enough_fixable_cases():
    fixable = [c for c in CASES if c["expect"]]
    assert len(fixable) >= 60
    managers = {c["expect"].get("manager") for c in fixable}
    assert {"pip", "uv", "poetry", "npm", "yarn", "cargo", "go", "apt"} <= managers
    assert {"chmod", "rerun"} <= {c["expect"]["kind"] for c in fixable}


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_top_plan(case, tmp_path):
    root = tmp_path.resolve()
    ctx, events = workspace(case, root)
    plans = plan(events, ctx)
    expect = case["expect"]
    if expect is None:
        assert not [p for p in plans if {a.kind for a in p.actions} & EXECUTING]
        return
    assert plans, f"no plan for {[e.to_json() for e in events[:3]]}"
    top = plans[0]
    assert top.strategy == expect["strategy"], top.to_json()
    action = next(a for a in top.actions if a.kind == expect["kind"])
    params = {k: _relative(v, root) for k, v in action.params.items()}
    for key in ("manager", "package", "mode", "path"):
        if key in expect:
            assert params[key] == expect[key], top.to_json()
    if "command" in expect:
        assert params["command"][: len(expect["command"])] == expect["command"], top.to_json()
    assert top.event is not None and top.event in events


def test_plans_are_ranked_and_deduplicated(tmp_path):
    ctx = Context.for_workspace(tmp_path, command="python3 app.py", env={"PATH": "/usr/bin"})
    event = ErrorEvent(Category.DEPENDENCY, Severity.HIGH, "python",
                       "ModuleNotFoundError: No module named 'yaml'", subject="yaml")
    plans = plan([event, event], ctx)
    keys = [str([a.to_json() for a in p.actions]) for p in plans]
    assert len(keys) == len(set(keys))
    assert [p.confidence for p in plans] == sorted((p.confidence for p in plans), reverse=True)


class _Predictor:
    """A learner stand-in with fixed answers: the planner's side of the contract."""

    def __init__(self, rates, learned):
        self.rates, self.learned = rates, learned

    def learned_plans(self, event):
        return list(self.learned)

    def success_rate(self, event, strategy):
        return self.rates.get(strategy)


def test_learned_success_reorders_and_learned_plans_join(tmp_path):
    ctx = Context.for_workspace(tmp_path, command="python3 app.py", env={"PATH": "/usr/bin"})
    event = ErrorEvent(Category.NETWORK, Severity.MEDIUM, "python",
                       "ConnectionRefusedError: [Errno 111] Connection refused",
                       subject="127.0.0.1:9")
    learned = Plan("configuration", "Start the database", 0.9,
                   [Action("run", {"command": ["make", "db"], "cwd": str(tmp_path)})])
    plans = plan([event], ctx, _Predictor({"retry-with-backoff": 0.1}, [learned]))
    assert [p.source for p in plans] == ["learned", "rule"]
    assert plans[1].strategy == "retry-with-backoff" and plans[1].confidence < 0.1


def test_config_turns_strategies_off(tmp_path):
    (tmp_path / ".lsp_heal").mkdir()
    (tmp_path / ".lsp_heal" / "hooks.json").write_text(
        '{"recovery": {"strategies": ["syntax", "test"]}, "fallback": {"enabled": false}}')
    ctx = Context.for_workspace(tmp_path, command="python3 app.py", env={"PATH": "/usr/bin"})
    missing = ErrorEvent(Category.DEPENDENCY, Severity.HIGH, "python",
                         "ModuleNotFoundError: No module named 'yaml'", subject="yaml")
    refused = ErrorEvent(Category.NETWORK, Severity.MEDIUM, "python",
                         "ConnectionRefusedError: [Errno 111] Connection refused")
    assert plan([missing, refused], ctx) == []


def test_registered_strategy_joins_and_a_broken_one_is_contained(tmp_path):
    class Echo:
        name, config_name = "echo", "echo"

        def plans(self, event, ctx):
            yield Plan("echo", "say it", 0.99, [Action("manual", {"message": event.message})])

    class Broken:
        name, config_name = "broken", "broken"

        def plans(self, event, ctx):
            raise RuntimeError("a plug-in bug")

    ctx = Context.for_workspace(tmp_path, env={"PATH": "/usr/bin"})
    event = ErrorEvent(Category.RUNTIME, Severity.HIGH, "python", "TypeError: no")
    register("echo", Echo())
    register("broken", Broken())
    try:
        assert [p.strategy for p in plan([event], ctx)] == ["echo"]
    finally:
        unregister("echo")
        unregister("broken")
    assert plan([event], ctx) == []
