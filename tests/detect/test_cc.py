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


def _first(out: str, command: str, code: int = 1):
    e = detect(out.encode(), command, code)[0]
    return e.category, e.subject, (e.location.path, e.location.line) if e.location else None


def test_ctest_reads_each_status_and_crashes_by_signal() -> None:
    out = ("Test project /src/build\n    Start 1: seg_test\n"
           "1/3 Test #1: seg_test .........................***Exception: SegFault  0.00 sec\n"
           "    Start 2: fail_test\n"
           "2/3 Test #2: fail_test ........................***Failed    0.01 sec\n"
           "/src/tests/fail.c:3: expected 2 got 3\n\n"
           "3/3 Test #3: slow_test ........................***Timeout   1.00 sec\n\n"
           "0% tests passed, 3 tests failed out of 3\n")
    events = detect(out.encode(), "ctest --output-on-failure", 8)
    assert [(e.category, e.subject) for e in events[:3]] == [
        (Category.RUNTIME, "SIGSEGV"), (Category.TEST, "fail_test"), (Category.TEST, "slow_test")]
    assert events[1].location.path == "/src/tests/fail.c"


def test_ctest_verbose_output_comes_before_the_status_line() -> None:
    out = ("2: Test command: /src/build/fail\n2: /src/tests/fail.c:3: expected 2 got 3\n"
           "1/1 Test #2: fail_test ........................***Failed    0.02 sec\n")
    assert _first(out, "ctest -V") == (Category.TEST, "fail_test", ("/src/tests/fail.c", 3))


def test_ctest_on_a_test_program_never_built_is_a_build_error() -> None:
    out = ("Could not find executable test_io\nLooked in the following places:\ntest_io\n"
           "1/1 Test #1: io_test ..........................***Not Run   0.00 sec\n")
    assert _first(out, "ctest")[:2] == (Category.BUILD, "test_io")


def test_a_failed_assert_outside_ctest_is_an_abort_at_the_assert() -> None:
    out = "app: src/calc.c:12: main: Assertion `n > 0' failed.\nAborted (core dumped)\n"
    assert _first(out, "./app", 134) == (Category.RUNTIME, "SIGABRT", ("src/calc.c", 12))


def test_cmake_run_on_the_wrong_folder_is_configuration() -> None:
    out = ('CMake Error: The source directory "/src/app" does not appear to contain '
           "CMakeLists.txt.\nSpecify --help for usage, or press the help button on the CMake GUI.\n")
    assert _first(out, "cmake -S . -B build")[:2] == (Category.CONFIGURATION, "CMakeLists.txt")
    assert _first("Error: could not load cache\n", "cmake --build build")[:2] == (
        Category.CONFIGURATION, "CMakeCache.txt")


def test_cmake_compiler_named_by_the_cache_entry_is_a_dependency() -> None:
    out = ("CMake Error at CMakeLists.txt:2 (project):\n  The CMAKE_C_COMPILER:\n\n    gcc-99\n\n"
           "  is not a full path and was not found in the PATH.\n")
    assert _first(out, "cmake -S . -B build") == (Category.DEPENDENCY, "gcc-99", ("CMakeLists.txt", 2))


def test_gpp_names_a_std_name_used_without_its_header() -> None:
    out = ("main.cpp:3:6: error: 'string' in namespace 'std' does not name a type\n"
           "main.cpp:4:10: error: 'cout' is not a member of 'std'\n")
    assert _first(out, "g++ -c main.cpp") == (Category.BUILD, "string", ("main.cpp", 3))


def test_an_error_directive_is_configuration_in_gcc_and_clang_forms() -> None:
    gcc = ('In file included from main.c:1:\nconfig.h:3:2: error: #error "BUFFER_SIZE must be defined"\n'
           '    3 | #error "BUFFER_SIZE must be defined"\n      |  ^~~~~\n')
    assert _first(gcc, "gcc -c main.c") == (Category.CONFIGURATION, "BUFFER_SIZE", ("config.h", 3))
    clang = ('config.h:3:2: error: "unsupported platform"\n#error "unsupported platform"\n ^\n1 error generated.\n')
    assert _first(clang, "clang -c main.c") == (Category.CONFIGURATION, None, ("config.h", 3))


def test_cmake_target_created_twice_names_the_target() -> None:
    out = ('CMake Error at CMakeLists.txt:7 (add_custom_target):\n  add_custom_target cannot create target "docs"'
           ' because another target with the\n  same name already exists.\n\n\n-- Configuring incomplete, errors occurred!\n')
    assert _first(out, "cmake -S . -B build") == (Category.BUILD, "docs", ("CMakeLists.txt", 7))


def test_add_subdirectory_of_a_missing_or_empty_folder_is_configuration() -> None:
    out = ('CMake Error at CMakeLists.txt:3 (add_subdirectory):\n  add_subdirectory given source\n'
           '  "third_party/a_rather_long_library_name" which is not an existing directory.\n\n\n'
           "-- Configuring incomplete, errors occurred!\n")
    assert _first(out, "cmake -S . -B build") == (
        Category.CONFIGURATION, "third_party/a_rather_long_library_name", ("CMakeLists.txt", 3))
    out = ("CMake Error at CMakeLists.txt:4 (add_subdirectory):\n  The source directory\n\n"
           "    /src/app/extern/fmt\n\n  does not contain a CMakeLists.txt file.\n\n\n")
    assert _first(out, "cmake -S . -B build") == (
        Category.CONFIGURATION, "/src/app/extern/fmt", ("CMakeLists.txt", 4))
    # its other errors are the script's own: not a folder to fetch
    out = ("CMake Error at CMakeLists.txt:4 (add_subdirectory):\n  add_subdirectory called with "
           "incorrect number of arguments\n\n\n")
    assert _first(out, "cmake -S . -B build")[0] == Category.BUILD


def test_round17_forms_no_fixture_records() -> None:
    """Round 17's rules on the same messages in the forms the other compiler or mode prints."""
    from tests.detect.conftest import first_reading
    # clang's abstract-class and out-of-line definition errors name the class and the member
    out = "shapes.cpp:16:12: error: allocating an object of abstract class type 'Square'\n"
    assert first_reading(out, "clang++ -c shapes.cpp") == ("build", "Square", ("shapes.cpp", 16))
    out = "main.cpp:9:11: error: variable type 'Shape' is an abstract class\n"
    assert first_reading(out, "clang++ -c main.cpp") == ("build", "Shape", ("main.cpp", 9))
    out = "main.cpp:9:11: error: cannot declare variable 's' to be of abstract type 'Shape'\n"
    assert first_reading(out, "g++ -c main.cpp") == ("build", "Shape", ("main.cpp", 9))
    out = ("counter.cpp:5:14: error: out-of-line definition of 'get' does not match any declaration"
           " in 'Counter'\n")
    assert first_reading(out, "clang++ -c counter.cpp") == ("build", "Counter::get", ("counter.cpp", 5))
    out = "counter.cpp:5:6: error: no declaration matches 'void ns::Counter::add(long int)'\n"
    assert first_reading(out, "g++ -c counter.cpp") == ("build", "ns::Counter::add", ("counter.cpp", 5))
    # a g++ permerror names the option; 'else' without 'if' is the parser's
    out = "a.cpp:3:14: error: invalid conversion from 'int' to 'Color' [-fpermissive]\n"
    assert first_reading(out, "g++ -c a.cpp") == ("build", "-fpermissive", ("a.cpp", 3))
    out = "a.cpp:6:5: error: 'else' without a previous 'if'\n"
    assert first_reading(out, "g++ -c a.cpp")[:2] == ("syntax", None)


def test_a_variable_of_an_incomplete_type_in_gpp_names_the_variable() -> None:
    out = ("server.cpp: In function 'int start()':\n"
           "server.cpp:6:12: error: aggregate 'config cfg' has incomplete type and cannot be defined\n")
    assert _first(out, "g++ -c server.cpp") == (Category.BUILD, "cfg", ("server.cpp", 6))


def test_a_makefile_rule_mixing_implicit_and_normal_targets_is_syntax() -> None:
    out = "Makefile:4: *** mixed implicit and normal rules.  Stop.\n"
    assert _first(out, "make", 2) == (Category.SYNTAX, None, ("Makefile", 4))


def test_round_21_forms_name_the_variable() -> None:
    from tests.detect.conftest import first_reading
    out = "calc.cpp:6:30: error: 'total' is not captured\n"
    assert first_reading(out, "g++ -c calc.cpp", 1) == ("build", "total", ("calc.cpp", 6))
    out = "calc.cpp:6:13: error: declaration of 'int* p' shadows a previous local [-Werror=shadow]\n"
    assert first_reading(out, "g++ -Werror=shadow -c calc.cpp", 1)[:2] == ("build", "p")
    out = "calc.cpp:3:5: error: 'int count(const int*, int)' redeclared as different kind of entity\n"
    assert first_reading(out, "g++ -c calc.cpp", 1)[:2] == ("build", "count")


def test_round26_forms_no_fixture_records() -> None:
    """Other forms of the messages round 26 drew."""
    from tests.detect.conftest import first_reading
    out = "*** buffer overflow detected ***: terminated\nbash: line 1:  7 Aborted  (core dumped) ./app\n"
    assert first_reading(out, "bash -c ./app", 134)[:2] == ("runtime", "buffer overflow")
    out = "*** stack smashing detected ***: ./app terminated\nmake: *** [Makefile:4: run] Aborted\n"
    assert first_reading(out, "make run", 2)[:2] == ("runtime", "stack smashing")
    out = ("/usr/bin/ld: lib.o: relocation R_X86_64_32 against `.rodata' can not be used when making"
           " a shared object; recompile with -fPIC\ncollect2: error: ld returned 1 exit status\n")
    assert first_reading(out, "gcc -shared -o libx.so lib.o", 1)[:2] == ("build", "-fPIC")
    out = "v.cpp:4:15: error: invalid operands of types 'int*' and 'int*' to binary 'operator*'\n"
    assert first_reading(out, "g++ -c v.cpp", 1) == ("build", "operator*", ("v.cpp", 4))
    out = ("p.cpp:6:19: error: 'make_shared' is not a member of 'std'\n    6 | x\n"
           "p.cpp:6:30: error: expected primary-expression before '>' token\n    6 | x\n"
           "p.cpp:6:32: error: expected primary-expression before ')' token\n    6 | x\n")
    events = detect(out.encode(), "g++ -c p.cpp", 1)
    assert (events[0].category.value, events[0].subject) == ("build", "make_shared")


def test_a_declaration_gpp_quotes_with_its_type_gives_the_name() -> None:
    """g++ quotes a declaration with its type and parameters: the subject is the name."""
    from tests.detect.conftest import first_reading
    out = "ops.cpp:9:6: error: redefinition of 'bool operator==(const A&, const A&)'\n"
    assert first_reading(out, "g++ -c ops.cpp") == ("build", "operator==", ("ops.cpp", 9))
    out = ("shape.cpp:12:11: error: invalid use of non-static member function "
           "'void Shape::draw() const'\n")
    assert first_reading(out, "g++ -c shape.cpp") == ("build", "Shape::draw", ("shape.cpp", 12))
    out = "cfg.h:3:14: error: conflicting declaration 'const char* name'\n"
    assert first_reading(out, "g++ -c main.cpp") == ("build", "name", ("cfg.h", 3))
    out = "main.c:4:5: error: redefinition of 'helper'\n"  # C names it bare
    assert first_reading(out, "gcc -c main.c") == ("build", "helper", ("main.c", 4))


def test_an_external_project_download_that_failed_on_the_network_is_network() -> None:
    text = ("CMake Error at json-subbuild/json-populate-prefix/src/json-populate-stamp/download-json-"
            "populate.cmake:170 (message):\n  Each download failed!\n\n"
            "    error: downloading 'http://127.0.0.1:9/json-3.11.tar.gz' failed\n"
            "          status_code: 7\n          status_string: \"Couldn't connect to server\"\n"
            "          log:\n          --- LOG BEGIN ---\n"
            "  Failed to connect to 127.0.0.1 port 9 after 0 ms: Couldn't connect to\n  server\n\n"
            "-- Configuring incomplete, errors occurred!\n")
    event = detect(text.encode(), "cmake -S . -B build", 1)[0]
    assert (event.category, event.subject) == (Category.NETWORK, "127.0.0.1:9")


def test_cmake_install_where_the_user_may_not_write_is_permission() -> None:
    wrapped = ("CMake Error at add_lib/cmake_install.cmake:41 (file):\n  file INSTALL cannot copy file\n"
               '  "/home/dev/calc/build/libadd.a"\n  to "/usr/local/lib/libadd.a".\n')
    mkdir = ("CMake Error at build/cmake_install.cmake:52 (file):\n  file cannot create directory: "
             "/usr/local/bin.  Maybe need administrative\n  privileges.\n")
    for text, path in ((wrapped, "/usr/local/lib/libadd.a"), (mkdir, "/usr/local/bin")):
        event = detect(text.encode(), "cmake --install build", 1)[0]
        assert (event.category, event.subject) == (Category.PERMISSION, path)


def test_an_option_cmake_does_not_have_is_named() -> None:
    text = "CMake Error: Unknown argument --buidl\nCMake Error: Run 'cmake --help' for all supported options.\n"
    event = detect(text.encode(), "cmake --buidl build", 1)[0]
    assert (event.category, event.subject) == (Category.CONFIGURATION, "--buidl")


def test_dot_on_a_pointer_in_c_names_the_variable() -> None:
    # gcc >= 8 in C quotes only the variable (g++ says `request for member 'x' in 'p'`)
    out = ("job.c: In function 'job_cmp':\n"
           "job.c:4:27: error: 'b' is a pointer; did you mean to use '->'?\n"
           "    4 |     return a->priority - b.priority;\n")
    assert _first(out, "gcc -c job.c") == (Category.BUILD, "b", ("job.c", 4))
    out = "list.c:9:12: error: 'pp' is a pointer to pointer; did you mean to dereference it before applying '->' to it?\n"
    assert _first(out, "gcc -c list.c") == (Category.BUILD, "pp", ("list.c", 9))


def test_an_assert_in_a_test_targets_recipe_is_the_tests_failure() -> None:
    # make test / make check run the test program: its failed assert() is a failed test there,
    # a crash by SIGABRT anywhere else
    abort = "t_stack: tests/t_stack.c:12: main: Assertion `n == 0' failed.\n"
    assert _first("./t_stack\n" + abort + "make: *** [Makefile:5: test] Aborted\n", "make test") \
        == (Category.TEST, None, ("tests/t_stack.c", 12))
    assert _first("cd tests && ./t_stack\n" + abort + "/bin/sh: line 1: 42 Aborted ./t_stack\n"
                  "make[1]: *** [Makefile:9: check] Error 134\n", "make check") \
        == (Category.TEST, None, ("tests/t_stack.c", 12))
    assert _first("./app\n" + abort + "make: *** [Makefile:3: run] Aborted\n", "make run") \
        == (Category.RUNTIME, "SIGABRT", ("tests/t_stack.c", 12))


def test_a_recipe_command_make_cannot_run_is_placed_at_its_recipe_line() -> None:
    """make's recap of the recipe (`[Makefile:5: gen] Error 127`) names where the command is
    written; with no recap there is no place."""
    run = "protoc --cpp_out=gen api.proto\nmake: protoc: No such file or directory\n"
    first = detect((run + "make: *** [Makefile:5: gen/api.pb.cc] Error 127\n").encode(), "make", 2)[0]
    assert (first.subject, first.location.path, first.location.line) == ("protoc", "Makefile", 5)
    bare = detect(run.encode(), "make", 2)[0]
    assert (bare.subject, bare.location) == ("protoc", None)
