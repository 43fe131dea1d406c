"""The mypy family beyond the first reading: messages no fixture records."""

from __future__ import annotations

from tests.detect.conftest import first_reading


def test_source_list_errors_are_configuration() -> None:
    """find_sources.py's InvalidSourceList, printed bare with exit 2 (round 18)."""
    assert first_reading("There are no .py[i] files in directory 'source'\n",
                         "mypy source", 2) == ("configuration", "source", None)
    assert first_reading("my-pkg is not a valid Python package name\n",
                         "mypy src", 2) == ("configuration", "my-pkg", None)


def test_package_given_with_p_that_mypy_cannot_find_or_check() -> None:
    """main.py's `-p` check, a bare line before any build (round 21): the package is the
    subject, directly or through a make recipe that echoes the mypy command."""
    assert first_reading("Can't find package 'shop'\n", "mypy -p shop", 2) == (
        "configuration", "shop", None)
    assert first_reading("mypy -p shop.core\nCan't find package 'shop.core'\n"
                         "make: *** [Makefile:3: check] Error 2\n", "make check", 2) == (
        "configuration", "shop.core", None)
    assert first_reading(
        "Package 'requests' cannot be type checked due to missing py.typed marker.\n"
        "See https://mypy.readthedocs.io/en/stable/installed_packages.html for more details\n",
        "mypy -p requests", 2) == ("configuration", "requests", None)
    # the -m form is the build's: `mypy: error: Cannot find module "x"`
    assert first_reading('mypy: error: Cannot find module "shop.x"\n', "mypy -m shop.x", 2) == (
        "configuration", "shop.x", None)


def test_a_bare_cant_find_package_of_another_tool_is_not_mypys() -> None:
    from lsp_heal.detect import detect
    events = detect(b"Can't find package 'foo'\n", "./install.sh", 1)
    assert all(e.tool != "mypy" for e in events)


def test_source_list_errors_through_make_and_new_wording() -> None:
    """Round 23: mypy 2.x words it `x contains __init__.py but is not a valid Python package
    name`; through make the bare line is mypy's by the echoed recipe before it."""
    assert first_reading("python3 -m mypy my-app\nmy-app contains __init__.py but is not a valid Python"
                         " package name\nmake: *** [Makefile:2: typecheck] Error 2\n",
                         "make typecheck", 2) == ("configuration", "my-app", None)
    assert first_reading("mypy src/web\nThere are no .py[i] files in directory 'src/web'\n"
                         "make: *** [Makefile:2: lint] Error 2\n", "make lint", 2) == (
        "configuration", "src/web", None)


def test_truthy_messages_name_the_member_or_variable() -> None:
    """[truthy-bool] / [truthy-iterable] name the expression when it is a name (round 23)."""
    out = ('app.py:4: error: "cfg" has type "Config | Flag" of which no members implement __bool__ or'
           ' __len__ so it could always be true in boolean context  [truthy-bool]\n'
           'Found 1 error in 1 file (checked 1 source file)\n')
    assert first_reading(out, "mypy app.py", 1) == ("build", "cfg", ("app.py", 4))
    out = ('app.py:4: error: Expression has type "Flag" which does not implement __bool__ or __len__'
           ' so it could always be true in boolean context  [truthy-bool]\n'
           'Found 1 error in 1 file (checked 1 source file)\n')
    assert first_reading(out, "mypy app.py", 1) == ("build", "truthy-bool", ("app.py", 4))


def test_class_statement_and_kind_messages_name_the_symbol() -> None:
    """Messages that quote the class or name a statement may not use name it (round 26)."""
    cases = [
        ('Cannot inherit from final class "Base"  [misc]', "Base"),
        ('Class cannot subclass "Base" (has type "Any")  [misc]', "Base"),
        ('Cannot determine consistent method resolution order (MRO) for "C"  [misc]', "C"),
        ('Type variable "app.T" is unbound  [valid-type]', "app.T"),
        ('Attempted to reuse member name "RED" in Enum definition "Color"  [misc]', "RED"),
        ('Cannot access final instance attribute "limit" on class object  [misc]', "limit"),
        # no quoted name: the code
        ('Cannot override writeable attribute with read-only property  [override]', "override"),
        ('Attributes without a default cannot follow attributes with one  [misc]', "misc"),
    ]
    for message, subject in cases:
        out = f"app.py:5: error: {message}\nFound 1 error in 1 file (checked 1 source file)\n"
        assert first_reading(out, "mypy app.py", 1) == ("build", subject, ("app.py", 5)), message


def test_a_refused_python_version_names_where_it_came_from() -> None:
    """main.py refuses Python 2 after parsing, naming no option (round 29): the option as the
    command line typed it, else the config file's key; an option the sentence names otherwise."""
    usage = ("usage: mypy [-h] [-v] [-V] [more options; see below]\n"
             "            [-m MODULE] [-p PACKAGE] [-c PROGRAM_TEXT] [files ...]\n")
    py2 = ("mypy: error: Mypy no longer supports checking Python 2 code. Consider pinning to "
           "mypy<0.980 if you need to check Python 2 code.\n")
    assert first_reading(usage + py2, "mypy --python-version 2.7 app.py", 2) == (
        "configuration", "--python-version", None)
    assert first_reading(usage + py2, "mypy app.py", 2) == ("configuration", "python_version", None)
    assert first_reading(usage + "mypy: error: --cache-map is incompatible with --sqlite-cache\n",
                         "mypy --sqlite-cache --cache-map a b c x.py", 2) == (
        "configuration", "--sqlite-cache", None)
