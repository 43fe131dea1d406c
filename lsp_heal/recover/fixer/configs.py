"""TOML, YAML and INI repair: the parser names a line, small edits of that line are tried.

Each format has a `problem(text)` (the parser's first complaint as a 0-based line and a
message, or None) and a `line_edits(line)` (replacements for one line, most likely first).
The shared loop keeps the first edit after which the file parses or the complaint moves to a
later line, and goes on to the next complaint. Complaints that no line edit can settle, like
a TOML table declared twice, are reported rather than guessed at.
"""

from __future__ import annotations

import configparser
import re
from collections.abc import Callable, Iterator

from lsp_heal.recover.fixer.config_json import repair as repair_json
from lsp_heal.recover.fixer.outcome import Repair

Problem = tuple[int, str]  # 0-based line, message


def repair_lines(
    text: str,
    problem: Callable[[str], Problem | None],
    line_edits: Callable[[str, list[str], int], Iterator[str]],
    max_rounds: int = 20,
) -> Repair:
    """Fix one complaint after another by replacing the line the parser points at."""
    current = problem(text)
    for _ in range(max_rounds):
        if current is None:
            return Repair(text, True)
        lines = text.splitlines(keepends=True)
        line_no = current[0]
        if not 0 <= line_no < len(lines):
            break
        # the line before first: YAML and TOML often notice a mistake one line late
        candidates = [
            "".join([*lines[:n], new_line, *lines[n + 1 :]])
            for n in (line_no - 1, line_no) if n >= 0
            for new_line in line_edits(lines[n], lines, n)
        ]
        checked = [(c, problem(c)) for c in candidates]
        chosen = next((pair for pair in checked if pair[1] is None), None) or next(
            (pair for pair in checked if pair[1][0] > line_no), None)
        if chosen is None:
            break
        text, current = chosen
    if current is None:
        return Repair(text, True)
    return Repair(text, False, f"line {current[0] + 1}: {current[1]}")


def _split_eol(line: str) -> tuple[str, str]:
    body = line.rstrip("\r\n")
    return body, line[len(body) :]


# TOML ------------------------------------------------------------------------------------

_TOML_AT = re.compile(r"\(at line (\d+), column (\d+)\)")
_TOML_KEY_VALUE = re.compile(r"^(\s*)([A-Za-z0-9_.\-\"']+)(\s*=\s*)(.*?)(\s*(?:#.*)?)$")
_TOML_NO_EQUALS = re.compile(r"^(\s*[A-Za-z0-9_.\-\"]+?)([ \t]+)(\S.*)$")
_TOML_VALUE = re.compile(
    r"""^(?:".*"|'.*'|true|false|[-+]?(?:\d[\d_]*(?:\.\d+)?(?:[eE][-+]?\d+)?|inf|nan)
    |0x[0-9a-fA-F_]+|0o[0-7_]+|0b[01_]+|\d{4}-\d{2}-\d{2}.*|\d{2}:\d{2}.*|[\[{].*)$""",
    re.VERBOSE,
)


def _toml_problem(text: str) -> Problem | None:
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib
    try:
        tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        at = _TOML_AT.search(message)
        line = int(at.group(1)) - 1 if at else 0
        if at and int(at.group(2)) == 1 and line > 0 and "Expected newline" not in message:
            line = line if text.splitlines()[line:line + 1] != [""] else line - 1
        return line, _TOML_AT.sub("", message).strip()
    return None


def _toml_edits(line: str, lines: list[str], index: int) -> Iterator[str]:
    body, eol = _split_eol(line)
    if m := _TOML_KEY_VALUE.match(body):
        indent, key, equals, value, tail = m.groups()
        if value and not _TOML_VALUE.match(value):
            quoted = '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
            yield f"{indent}{key}{equals}{quoted}{tail}{eol}"
    elif m := _TOML_NO_EQUALS.match(body):
        yield f"{m.group(1)} = {m.group(3)}{eol}"
        if not _TOML_VALUE.match(m.group(3)):
            yield f'{m.group(1)} = "{m.group(3)}"{eol}'


def repair_toml(text: str) -> Repair:
    return repair_lines(text, _toml_problem, _toml_edits)


# YAML ------------------------------------------------------------------------------------

_YAML_NO_SPACE = re.compile(r"^(\s*(?:- )?[\w.\-\"']+):(?=[^\s/:])")


def _yaml_problem(text: str) -> Problem | None:
    import yaml

    try:
        for _ in yaml.safe_load_all(text):
            pass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        return (mark.line if mark else 0), (exc.problem or str(exc)).strip()
    except yaml.YAMLError as exc:
        return 0, str(exc).splitlines()[0]
    return None


def _yaml_edits(line: str, lines: list[str], index: int) -> Iterator[str]:
    body, eol = _split_eol(line)
    stripped = body.lstrip(" \t")
    indent = body[: len(body) - len(stripped)]
    if "\t" in indent:
        for width in (2, 4, 8):
            yield indent.replace("\t", " " * width) + stripped + eol
    if m := _YAML_NO_SPACE.match(body):
        yield body[: m.end()] + " " + body[m.end() :] + eol
    for width in _yaml_neighbour_indents(lines, index, stripped.startswith("- ")):
        if width != len(indent):
            yield " " * width + stripped + eol


def _yaml_neighbour_indents(lines: list[str], index: int, list_item: bool) -> list[int]:
    """Indentation of the lines around, siblings of the same kind (list items) first."""
    same, other = [], []
    for j in [*range(index - 1, max(-1, index - 30), -1), *range(index + 1, len(lines))][:40]:
        stripped = lines[j].lstrip(" ")
        if not stripped.strip() or stripped.startswith("#"):
            continue
        width = len(lines[j]) - len(stripped)
        (same if stripped.startswith("- ") == list_item else other).append(width)
    return list(dict.fromkeys([*same, *other]))


def repair_yaml(text: str) -> Repair:
    return repair_lines(text, _yaml_problem, _yaml_edits)


# INI -------------------------------------------------------------------------------------

_INI_NO_EQUALS = re.compile(r"^(\s*[^\s=:\[#;]+)([ \t]+)(\S.*)$")


def _ini_problem(text: str) -> Problem | None:
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    try:
        parser.read_string(text)
    except configparser.MissingSectionHeaderError as exc:
        return exc.lineno - 1, "file contains no section header"
    except configparser.ParsingError as exc:
        return exc.errors[0][0] - 1, f"cannot parse {exc.errors[0][1]}"
    except configparser.Error as exc:
        return getattr(exc, "lineno", 1) - 1, exc.message.splitlines()[0]
    return None


def _ini_edits(line: str, lines: list[str], index: int) -> Iterator[str]:
    body, eol = _split_eol(line)
    if not any(other.lstrip().startswith("[") for other in lines[:index]):
        yield "[DEFAULT]" + (eol or "\n") + line
    if m := _INI_NO_EQUALS.match(body):
        yield f"{m.group(1)} = {m.group(3)}{eol}"


def repair_ini(text: str) -> Repair:
    return repair_lines(text, _ini_problem, _ini_edits)


REPAIRERS: dict[str, Callable[[str], Repair]] = {
    "json": repair_json, "toml": repair_toml, "yaml": repair_yaml, "ini": repair_ini,
}
