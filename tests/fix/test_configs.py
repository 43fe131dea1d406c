"""JSON, TOML, YAML and INI repair: the parser's own verdict after the edits."""

from __future__ import annotations

import configparser
import json

import pytest
import tomllib
import yaml

from lsp_heal.recover.files import apply_edits
from lsp_heal.recover.fixer import fix_text


def test_json_with_comments_trailing_commas_quotes_and_bare_keys():
    broken = ('{\n  // who\n  name: \'demo\',   /* inline */\n  "list": [3, 1, 2,],\n'
              '  "a": "x"\n  "b": {"c": \'it\\\'s "q"\'},\n}\n')
    result = fix_text("c.json", broken)
    assert result.parses
    data = json.loads(result.text)
    assert list(data) == ["name", "list", "a", "b"]
    assert data == {"name": "demo", "list": [3, 1, 2], "a": "x", "b": {"c": "it's \"q\""}}
    assert result.text.splitlines()[2] == '  "list": [3, 1, 2],'  # layout kept
    assert apply_edits(broken, result.edits) == result.text


def test_toml_unquoted_string_and_missing_equals():
    result = fix_text("p.toml", '[tool]\nname = demo app\nversion "1.0"\n')
    assert result.parses
    assert tomllib.loads(result.text) == {"tool": {"name": "demo app", "version": "1.0"}}
    assert result.edits[0] == {"line": 2, "column": 8, "insert": '"'}


def test_toml_duplicate_table_is_reported_not_guessed():
    result = fix_text("p.toml", "[tool]\nx = 1\n[tool]\ny = 2\n")
    assert not result.parses and "twice" in result.reason and not result.fixed


@pytest.mark.parametrize("broken, expected", [
    ("a:\n\tb: 1\n", {"a": {"b": 1}}),
    ("a:\n  b:1\n  c: 2\n", {"a": {"b": 1, "c": 2}}),
    ("items:\n  - x\n  - y\n - z\nb: 1\n", {"items": ["x", "y", "z"], "b": 1}),
])
def test_yaml_tabs_missing_space_and_list_indentation(broken, expected):
    result = fix_text("c.yaml", broken)
    assert result.parses
    assert yaml.safe_load(result.text) == expected


def test_ini_missing_header_and_key_without_equals():
    result = fix_text("setup.cfg", "x = 1\n[s]\nkey value\n")
    assert result.parses
    parser = configparser.ConfigParser()
    parser.read_string(result.text)
    assert parser["s"]["key"] == "value" and parser["DEFAULT"]["x"] == "1"


@pytest.mark.parametrize("name, text", [
    ("c.json", '{"a": [1, 2]}\n'), ("p.toml", "[a]\nb = 1\n"), ("c.yaml", "a: [1]\n"),
    ("c.ini", "[a]\nb = 1\n"),
])
def test_valid_configs_are_left_alone(name, text):
    result = fix_text(name, text)
    assert result.parses and not result.fixed and result.edits == []
