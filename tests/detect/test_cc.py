"""C toolchain readings beyond the first event, on recorded fixtures."""

from __future__ import annotations

import json
from pathlib import Path

from lsp_heal.detect import detect
from lsp_heal.model import Category, Rank, Severity

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "detect" / "cc"


def _events(name: str):
    meta = json.loads((FIXTURES / f"{name}.json").read_text())
    return detect((FIXTURES / f"{name}.out").read_bytes(), meta["command"], meta["exit_code"])


def test_make_recaps_every_level_of_a_recursive_build_after_the_compiler_error() -> None:
    events = _events("make_recursive_error")
    assert events[0].category == Category.SYNTAX
    assert [(e.tool, e.subject, e.rank) for e in events[1:]] == [
        ("make", "lib.o", Rank.SUMMARY), ("make", "all", Rank.SUMMARY)]


def test_a_warning_sorts_after_the_error_it_follows() -> None:
    events = _events("gcc_too_few_arguments")
    assert [e.severity for e in events] == [Severity.HIGH, Severity.LOW]
    assert events[1].subject == "-Wreturn-type"


def test_gcc_quotes_in_either_locale_give_the_same_symbol() -> None:
    utf8 = _events("gcc_undeclared")[0]  # ‘totl’
    ascii_ = _events("gpp_not_declared_in_scope")[0]  # 'cout'
    assert (utf8.subject, ascii_.subject) == ("totl", "cout")


def _read(text: str, command: str, code: int = 1):
    return [(e.category, e.subject) for e in detect(text.encode(), command, code)]


def test_unused_things_name_the_unused_symbol_in_gcc_and_clang_wordings() -> None:
    for line, name in (
        ("a.c:3:9: error: variable 'n' set but not used [-Werror=unused-but-set-variable]", "n"),
        ("a.c:1:12: error: 'helper' defined but not used [-Werror=unused-function]", "helper"),
        ("a.c:1:12: error: unused function 'helper' [-Werror,-Wunused-function]", "helper"),
        ("a.cpp:4:9: error: private field 'fd' is not used [-Werror,-Wunused-private-field]", "fd"),
    ):
        assert _read(line + "\n", "gcc -Werror -c a.c")[0] == (Category.BUILD, name)


def test_sanitizer_reports_are_named_by_the_bug_whatever_the_sanitizer() -> None:
    double = ("==9==ERROR: AddressSanitizer: attempting double-free on 0x602000000010 in thread T0:\n"
              "    #0 0x7f in free ../../../../src/libsanitizer/asan/asan_malloc_linux.cpp:52\n"
              "    #1 0x55 in drop /src/list.c:12\n")
    event = detect(double.encode(), "./app", 1)[0]
    assert (event.subject, event.location.path, event.location.line) == ("double-free", "/src/list.c", 12)
    race = "WARNING: ThreadSanitizer: heap-use-after-free (pid=3)\n  Read of size 8 at 0x7b by thread T1:\n    #0 work /src/w.c:9:3 (w+0x1)\n"
    assert detect(race.encode(), "./w", 66)[0].subject == "heap-use-after-free"


def test_old_pkg_config_wording_and_a_make_f_of_a_missing_makefile() -> None:
    assert _read("No package 'libpq' found\n", "pkg-config --libs libpq")[0] == (Category.DEPENDENCY, "libpq")
    make_f = "make: ci.mk: No such file or directory\nmake: *** No rule to make target 'ci.mk'.  Stop.\n"
    assert _read(make_f, "make -f ci.mk", 2)[0] == (Category.CONFIGURATION, "ci.mk")


def test_an_error_raised_in_a_cmake_module_is_placed_at_the_users_call() -> None:
    out = ("CMake Error at /usr/share/cmake-3.25/Modules/FindPackageHandleStandardArgs.cmake:230 (message):\n"
           "  Could NOT find OpenSSL, try to set the path to OpenSSL root folder\n"
           "Call Stack (most recent call first):\n"
           "  /usr/share/cmake-3.25/Modules/FindOpenSSL.cmake:670 (find_package_handle_standard_args)\n"
           "  cmake/deps.cmake:2 (find_package)\n"
           "  CMakeLists.txt:5 (include)\n")
    event = detect(out.encode(), "cmake -S . -B build", 1)[0]
    assert (event.subject, event.location.path, event.location.line) == ("OpenSSL", "cmake/deps.cmake", 2)
