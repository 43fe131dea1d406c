"""Normalisation and recovery templates, on events the real detector read from fixtures."""

from __future__ import annotations

from learner.normalise import PATH, SUBJECT, bound_to_subject, fill, normalise, parametrise


def test_same_error_with_other_subject_reads_the_same(missing_modules):
    texts = {normalise(e.message, e.subject) for e in missing_modules
             if e.message.startswith("ModuleNotFoundError")}
    assert texts == {"ModuleNotFoundError: No module named '<subject>'"}


def test_volatile_parts_become_placeholders(fixture_events):
    located = [e for e in fixture_events if e.location and e.location.line
               and f":{e.location.line}:" in e.message]
    assert located, "fixtures have messages that print file:line:col"
    for event in located:
        text = normalise(event.message, event.subject)
        assert f":{event.location.line}:" not in text
        assert "<line>" in text or "<path>" in text


def test_quoted_identifiers_and_numbers_are_placeholders():
    text = normalise("error TS2552: Cannot find name 'totl'. Did you mean 'total'? at 0x7ffe12 "
                     "in /tmp/tmpab12cd/src/main.ts line 31")
    assert text == ("error TS<n>: Cannot find name <q>. Did you mean <q>? at <hex> in <path> "
                    "line <line>")


def test_subject_is_replaced_only_as_a_whole_name():
    assert normalise("No module named 'yaml' (tried yamlfix)", "yaml") == \
        "No module named '<subject>' (tried yamlfix)"


def test_install_of_the_subject_generalises_to_other_subjects():
    actions = [{"kind": "install", "manager": "pip", "package": "requests"},
               {"kind": "run", "command": ["python", "-c", "import requests"], "cwd": "."}]
    template = parametrise(actions, {SUBJECT: "requests", PATH: None})
    assert template[0]["package"] == SUBJECT
    assert template[1]["command"] == ["python", "-c", f"import {SUBJECT}"]
    assert not bound_to_subject(template, "requests")
    assert fill(template, {SUBJECT: "toml", PATH: None}) == [
        {"kind": "install", "manager": "pip", "package": "toml"},
        {"kind": "run", "command": ["python", "-c", "import toml"], "cwd": "."},
    ]


def test_install_of_another_name_stays_bound_to_its_subject():
    for subject, package in (("yaml", "PyYAML"), ("sklearn", "scikit-learn")):
        template = parametrise([{"kind": "install", "package": package}], {SUBJECT: subject})
        assert template == [{"kind": "install", "package": package}]
        assert bound_to_subject(template, subject)


def test_template_needing_a_value_the_error_lacks_cannot_be_filled():
    template = parametrise([{"kind": "edit", "path": "app.py"}], {PATH: "app.py"})
    assert template == [{"kind": "edit", "path": PATH}]
    assert fill(template, {SUBJECT: "x", PATH: None}) is None
    assert fill(template, {PATH: "lib.py"}) == [{"kind": "edit", "path": "lib.py"}]
