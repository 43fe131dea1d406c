"""The hooks config: defaults, the original scripts' files, and problems with their places."""

from __future__ import annotations

import json

from lsp_heal.config import DEFAULTS, default_config_text, load_config, parse_config


def test_no_config_means_the_defaults(tmp_path) -> None:
    config = load_config(tmp_path)
    assert config.problems == [] and config.values == DEFAULTS
    assert config.get("learner.similarityThreshold") == 0.7


def test_the_original_scripts_three_sections_still_work(tmp_path) -> None:
    (tmp_path / ".lsp_heal").mkdir()
    (tmp_path / ".lsp_heal" / "hooks.json").write_text(json.dumps({
        "fallback": {"enabled": True, "maxRetries": 5, "backoffMultiplier": 1.5},
        "monitoring": {"commands": ["npm", "node", "jest", "webpack"], "logErrors": True},
        "recovery": {"autoFix": False, "requireConfirmation": True,
                     "strategies": ["install", "syntax"]},
    }))
    config = load_config(tmp_path)
    assert config.problems == []
    assert config.get("fallback.maxRetries") == 5
    assert config.get("monitoring.commands") == ["npm", "node", "jest", "webpack"]
    assert config.get("learner.maxPatterns") == 1000  # sections it lacks come from the defaults


def test_each_problem_points_at_its_key_and_the_rest_still_applies() -> None:
    text = '{\n  "fallback": {"maxRetries": "three", "enabled": false},\n  "colour": 1\n}'
    config = parse_config(text)
    by_pointer = {p.pointer: p for p in config.problems}
    assert set(by_pointer) == {"/fallback/maxRetries", "/colour"}
    retries = by_pointer["/fallback/maxRetries"]
    assert (retries.line, retries.column, retries.end_column) == (2, 16, 28)
    assert "not of type 'integer'" in retries.message
    assert (by_pointer["/colour"].line, by_pointer["/colour"].column) == (3, 3)
    assert config.get("fallback.maxRetries") == 3 and config.get("fallback.enabled") is False


def test_bad_list_items_are_dropped_one_by_one() -> None:
    config = parse_config('{"monitoring": {"commands": ["npm", 3, "jest", false]}}')
    assert [p.pointer for p in config.problems] == ["/monitoring/commands/1",
                                                    "/monitoring/commands/3"]
    assert config.get("monitoring.commands") == ["npm", "jest"]


def test_broken_json_is_one_problem_at_its_place_and_the_defaults() -> None:
    config = parse_config('{\n  "fallback": {"maxRetries": 3,,}\n}')
    [problem] = config.problems
    assert (problem.line, problem.pointer) == (2, "") and "not valid JSON" in problem.message
    assert config.values == DEFAULTS


def test_hooks_take_command_lines_or_argv_with_timeouts() -> None:
    good = parse_config('{"hooks": {"on-error": ["notify-send failed", '
                        '{"command": ["make", "lint"], "timeout": 30}]}}')
    assert good.problems == []
    bad = parse_config('{"hooks": {"on-eror": [], "notify": [{"command": "make"}]}}')
    assert {p.pointer for p in bad.problems} == {"/hooks/on-eror", "/hooks/notify/0"}


def test_init_text_is_a_valid_config() -> None:
    config = parse_config(default_config_text())
    assert config.problems == [] and config.values == DEFAULTS
