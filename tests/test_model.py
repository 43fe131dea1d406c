"""The vocabulary's contracts: ids, ordering, and a fingerprint that survives reruns."""

from lsp_heal.model import Category, ErrorEvent, Location, Severity, normalize_message


def _event(message: str, subject: str | None = "yaml", path: str = "app.py") -> ErrorEvent:
    return ErrorEvent(Category.DEPENDENCY, Severity.HIGH, "python", message, subject,
                      Location(path, 3))


def test_category_and_severity_ids_are_the_design_vocabulary() -> None:
    assert [c.value for c in Category] == [
        "dependency", "syntax", "test", "build", "runtime", "network", "permission",
        "configuration", "deployment",
    ]
    assert [s.value for s in Severity] == ["critical", "high", "medium", "low", "info"]
    assert Severity.CRITICAL.rank < Severity.HIGH.rank < Severity.INFO.rank


def test_fingerprint_ignores_paths_lines_numbers_and_temp_names() -> None:
    a = _event("No module named 'yaml' (/tmp/tmpa1b2c3/app.py, line 3, pid 4242)")
    b = _event("No module named 'yaml' (/home/ann/work/tmpzz99/app.py, line 91, pid 7)",
               path="other.py")
    assert a.fingerprint == b.fingerprint


def test_fingerprint_tells_subjects_and_kinds_apart() -> None:
    base = _event("No module named 'yaml'")
    assert base.fingerprint != _event("No module named 'toml'", subject="toml").fingerprint
    other_kind = ErrorEvent(Category.RUNTIME, Severity.HIGH, "python", base.message, "yaml")
    assert base.fingerprint != other_kind.fingerprint


def test_normalize_message_keeps_words_and_identifiers() -> None:
    assert normalize_message("error[E0432]: unresolved import `serde` at src/main.rs:3:5") == (
        "error[E<n>]: unresolved import `serde` at <path>:<n>:<n>"
    )
    assert normalize_message("pointer 0x7ffd3a2b  in   tmp_k2j3x") == "pointer <hex> in <tmp>"


def test_event_json_has_the_classify_shape() -> None:
    data = _event("ModuleNotFoundError: No module named 'yaml'").to_json()
    assert data == {
        "category": "dependency", "severity": "high", "tool": "python",
        "message": "ModuleNotFoundError: No module named 'yaml'", "subject": "yaml",
        "location": {"path": "app.py", "line": 3, "column": None},
        "fingerprint": data["fingerprint"],
    }
    assert len(data["fingerprint"]) == 16
