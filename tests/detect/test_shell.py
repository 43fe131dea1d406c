"""Shell readings that no fixture pins: `${VAR:?message}` guards and what is not one, dash's
bashisms, CRLF scripts."""

from __future__ import annotations

import pytest

from lsp_heal.detect import detect


def _first(text: str, command: str = "bash x.sh", code: int = 1):
    events = detect(text.encode(), command, code)
    return events[0] if events else None


@pytest.mark.parametrize(("line", "subject", "path"), [
    ("deploy.sh: line 4: DEPLOY_TOKEN: DEPLOY_TOKEN must be set\n", "DEPLOY_TOKEN", "deploy.sh"),
    ("bash: line 1: 1: usage: deploy ENV\n", "$1", None),
    ("sh: 1: API_URL: parameter not set or null\n", "API_URL", None),
    ("/srv/app/run.sh: 7: DB_HOST: set DB_HOST first\n", "DB_HOST", "/srv/app/run.sh"),
    ("env.zsh:2: TOKEN: need a token\n", "TOKEN", "env.zsh"),
])
def test_a_guard_names_its_parameter(line: str, subject: str, path: str | None) -> None:
    event = _first("starting\n" + line)
    assert (event.category.value, event.subject) == ("configuration", subject)
    assert (event.location.path if event.location else None) == path


@pytest.mark.parametrize(("text", "command"), [
    ("a.py:1:1: E302 expected 2 blank lines\n", "flake8 ."),
    ("app/views.py:12: DeprecationWarning: old_api() is deprecated\n", "python app.py"),
    ("gen.sh: line 9: warning: here-document at line 4 delimited by end-of-file\n", "bash gen.sh"),
    ("bash: line 1: R: readonly variable\n", "bash -c x"),
    ("bash: line 1: 08: value too great for base (error token is \"08\")\n", "bash -c x"),
    ("run.sh: line 3: read: -x: invalid option\n", "bash run.sh"),
])
def test_what_is_not_a_guard(text: str, command: str) -> None:
    event = _first(text, command)
    assert event is None or "guard" not in event.details


@pytest.mark.parametrize("word", ["source", "[[", "declare", "pushd"])
def test_a_bash_script_run_by_dash_needs_bash(word: str) -> None:
    event = _first(f"build.sh: 3: {word}: not found\n", "sh build.sh", 127)
    assert (event.category.value, event.subject, event.details) == (
        "configuration", word, {"needs": "bash"})


def test_a_missing_command_under_dash_is_still_a_dependency() -> None:
    event = _first("build.sh: 3: rg: not found\n", "sh build.sh", 127)
    assert (event.category.value, event.subject) == ("dependency", "rg")


@pytest.mark.parametrize("line", [
    "setup.sh: line 3: $'\\r': command not found\n",
    "setup.sh:4: command not found: ls^M\n",
])
def test_a_carriage_return_in_a_command_is_a_crlf_script(line: str) -> None:
    event = _first(line)
    assert (event.category.value, event.subject, event.details) == (
        "configuration", None, {"cause": "CRLF"})


@pytest.mark.parametrize(("text", "command", "reading"), [
    ("rm: cannot remove 'd': Is a directory\n", "rm d", ("configuration", "d")),
    ("zsh:1: is a directory: d\n", "zsh -c x", ("configuration", "d")),
    ("sh: 1: cannot create f: File exists\n", "sh -c x", ("configuration", "f")),
    ("bash: line 1: f: cannot overwrite existing file\n", "bash -c x", ("configuration", "f")),
    ("rmdir: failed to remove 'out': Directory not empty\n", "rmdir out", ("configuration", "out")),
    ("head: cannot open 'x.log' for reading: No such file or directory\n", "head x.log",
     ("configuration", "x.log")),
    ("sort: cannot read: b.in: No such file or directory\n", "sort a.in b.in", ("configuration", "b.in")),
    ("bash: line 1: ./server: Text file busy\n", "bash -c x", ("runtime", "ETXTBSY")),
    ("bash: fork: Cannot allocate memory\n", "bash x.sh", ("runtime", "ENOMEM")),
    ("bash: xmalloc: cannot allocate 16 bytes (4096 bytes allocated)\n", "bash x.sh",
     ("runtime", "ENOMEM")),
    ("sh: 1: X: is read only\n", "sh -c x", ("runtime", "X")),
    ("zsh:1: read-only variable: X\n", "zsh -c x", ("runtime", "X")),
    ("bash: line 1: unset: X: cannot unset: readonly variable\n", "bash -c x", ("runtime", "X")),
])
def test_what_a_failed_call_says_of_its_path(text: str, command: str, reading: tuple) -> None:
    event = _first(text, command)
    assert (event.category.value, event.subject) == reading


@pytest.mark.parametrize(("text", "command", "reading"), [
    ('s.sh: line 3: 08: value too great for base (error token is "08")\n', "bash s.sh",
     ("runtime", "value too great for base", "s.sh", 3)),
    ('div.sh: 2: arithmetic expression: division by zero: "5 / c"\n', "sh div.sh",
     ("runtime", "division by zero", "div.sh", 2)),
    ("div.zsh:2: division by zero\n", "zsh div.zsh", ("runtime", "division by zero", "div.zsh", 2)),
    ("arr.sh: line 4: unset: [-9]: bad array subscript\n", "bash arr.sh", ("runtime", None, "arr.sh", 4)),
    ("hi\nloc.sh: 2: local: not in a function\n", "sh loc.sh", ("syntax", None, "loc.sh", 2)),
    ("ret.sh: line 2: return: can only `return' from a function or sourced script\n", "bash ret.sh",
     ("syntax", None, "ret.sh", 2)),
])
def test_run_time_errors_of_the_script_itself(text: str, command: str, reading: tuple) -> None:
    event = _first(text, command)
    assert (event.category.value, event.subject, event.location.path, event.location.line) == reading


@pytest.mark.parametrize(("text", "command", "subject"), [
    ("xz: (stdin): File format not recognized\ntar: Child returned status 1\n", "tar -xJf plain.tar",
     "plain.tar"),
    ("bzip2: (stdin) is not a bzip2 file.\ntar: Child returned status 2\n", "bash -c 'tar xjf a.tar'",
     "a.tar"),
    ("tar -xzf vendor.tar -C /tmp\n\ngzip: stdin: not in gzip format\ntar: Child returned status 1\n"
     "make: *** [Makefile:2: all] Error 2\n", "make", "vendor.tar"),
    ("\ngzip: x.gz: not in gzip format\n", "gzip -d x.gz", "x.gz"),
    ("tar: This does not look like a tar archive\n", "tar -xf page.tgz", "page.tgz"),
    ("cp: omitting directory 'static'\n", "make dist", "static"),
])
def test_a_path_of_the_wrong_kind_or_format(text: str, command: str, subject: str) -> None:
    event = _first(text, command, 2)
    assert (event.category.value, event.subject) == ("configuration", subject)
    assert "guessed" not in event.details


@pytest.mark.parametrize(("text", "command", "reading"), [
    # a builtin that found a variable it needs unset, or fewer arguments than it shifts
    ("bash: line 1: cd: OLDPWD not set\n", "bash -c 'cd -'", ("configuration", "OLDPWD", None)),
    ("go.sh: line 3: cd: HOME not set\n", "bash go.sh", ("configuration", "HOME", ("go.sh", 3))),
    ("r.sh: line 4: shift: 3: shift count out of range\n", "bash r.sh", ("configuration", None, ("r.sh", 4))),
    ("r.sh: 4: shift: can't shift that many\n", "sh r.sh", ("configuration", None, ("r.sh", 4))),
    # a value wrong at run time, a process that is gone
    ("r.sh: line 4: printf: 1.5: invalid number\n", "bash r.sh", ("runtime", "invalid number", ("r.sh", 4))),
    ("sh: 1: printf: abc: expected numeric value\n", "sh -c 'printf %d abc'",
     ("runtime", "expected numeric value", None)),
    ("stop.sh: line 3: kill: (4242) - No such process\n", "bash stop.sh", ("runtime", "ESRCH", ("stop.sh", 3))),
    # a script's own getopts, BSD getopt wording; a user the system does not have
    ("deploy.sh: illegal option -- x\nusage: deploy.sh [-e env]\n", "bash deploy.sh", ("configuration", "-x", None)),
    ("deploy.sh: option requires an argument -- e\n", "bash deploy.sh", ("configuration", "-e", None)),
    ("chown: invalid user: ‘deploy:deploy’\n", "bash -c 'chown -R deploy:deploy /srv/app'",
     ("configuration", "deploy:deploy", None)),
])
def test_builtins_and_usage_errors_round_11(text: str, command: str, reading: tuple) -> None:
    event = _first(text, command, 2)
    loc = event.location and (event.location.path, event.location.line)
    assert (event.category.value, event.subject, loc) == reading
    assert "guessed" not in event.details


@pytest.mark.parametrize(("text", "reading"), [
    # a script's own check of what it needs (round 15): a program, a variable, an option, a file
    ("==> checking prerequisites\nerror: docker is required\n", ("dependency", "docker")),
    ("[ERROR] `kubectl` not found in PATH\n", ("dependency", "kubectl")),
    ("jq is not installed. Please install it and run again.\n", ("dependency", "jq")),
    ("Please install terraform first.\n", ("dependency", "terraform")),
    ("ERROR: DATABASE_URL is required\n", ("configuration", "DATABASE_URL")),
    ("deploy: --env is required\n", ("configuration", "--env")),
    ("config.yml is missing, copy config.example.yml\n", ("configuration", "config.yml")),
])
def test_prerequisite_guards(text: str, reading: tuple) -> None:
    event = _first(text, "bash scripts/bootstrap.sh", 1)
    assert (event.category.value, event.subject) == reading
    assert "guessed" not in event.details


@pytest.mark.parametrize("text", [
    "error: password is required\n",                       # a value, not a program
    "Inappropriate value for attribute \"count\": a\nnumber is required.\n",  # a wrapped type error
    "RuntimeError: DATABASE_URL is required\n",            # an exception: its runtime's family
])
def test_prerequisite_shapes_that_are_not_programs(text: str) -> None:
    events = detect(text.encode(), "bash run.sh", 1)
    assert not any(e.details.get("guard") == "prerequisite" for e in events)


# round 17: the same messages in the forms no fixture has
@pytest.mark.parametrize("text,command,reading", [
    # dash's ulimit says it in parentheses; bash's names the limit
    ("start.sh: 3: ulimit: error setting limit (Operation not permitted)\n", "sh start.sh",
     ("permission", "ulimit")),
    ("bash: line 1: ulimit: core file size: cannot modify limit: Operation not permitted\n", "bash -c 'ulimit -c unlimited'",
     ("permission", "ulimit")),
    # `.` of a folder: bash's own lowercase wording
    ("bash: line 1: .: conf.d: is a directory\n", "bash -c '. conf.d'", ("configuration", "conf.d")),
    # several files fail a checksum check: the first one; perl's shasum alike; --status names none
    ("a.whl: FAILED\nb.whl: OK\nc.whl: FAILED\nshasum: WARNING: 2 computed checksums did NOT match\n",
     "shasum -a 256 -c SUMS", ("configuration", "a.whl")),
    ("md5sum: WARNING: 1 computed checksum did NOT match\n", "md5sum --status -c SUMS", ("configuration", None)),
])
def test_round17_variants(text: str, command: str, reading: tuple) -> None:
    event = _first(text, command, 1)
    assert (event.category.value, event.subject) == reading


# round 19: builtins given several words, old-style quoted values, iconv, bare file lines
@pytest.mark.parametrize("text,command,reading", [
    ("run.sh: line 7: exit: too many arguments\n", "bash run.sh", ("syntax", None)),
    ("find: invalid argument `-1x' to `-size'\n", "bash -c 'find . -size -1x'", ("configuration", "-1x")),
    ("iconv: incomplete character or shift sequence at end of buffer\n", "iconv -f utf-8 -t ascii x", ("runtime", None)),
    ("iconv: conversion from `latin9x' unsupported\n", "iconv -f latin9x x", ("configuration", "latin9x")),
    ("fetching\nbuild/out.bin: Permission denied\n", "bash fetch.sh", ("permission", "build/out.bin")),
])
def test_round19_variants(text: str, command: str, reading: tuple) -> None:
    events = detect(text.encode(), command, 1)
    assert (events[0].category.value, events[0].subject) == reading


# round 24: data out of order at a named line, encoded input that is not, tr's SET operands
@pytest.mark.parametrize("text,reading", [
    ("sort: names.txt:3: disorder: bob\n", ("runtime", None, ("names.txt", 3))),
    ("join: users.txt:7: is not sorted: carol admin\n", ("runtime", None, ("users.txt", 7))),
    ("base32: invalid input\n", ("runtime", None, None)),
    ("/usr/bin/base64: invalid input\n", ("runtime", None, None)),
    ("tr: invalid character class ‘lowr’\n", ("configuration", "lowr", None)),
    ("tr: range-endpoints of ‘9-0’ are in reverse collating sequence order\n", ("configuration", "9-0", None)),
])
def test_round24_variants(text: str, reading: tuple) -> None:
    e = detect(text.encode(), "bash check.sh", 1)[0]
    assert (e.category.value, e.subject, e.location and (e.location.path, e.location.line)) == reading


@pytest.mark.parametrize(("text", "command", "reading"), [
    ('xargs: unmatched double quote; by default quotes are special to xargs unless you use the -0 option\n',
     "bash import.sh", ("runtime", None)),
    ("xargs: value 99999999 for -s option should be <= 2088000\nTry 'xargs --help' for more information.\n",
     "bash batch.sh", ("configuration", "-s")),
    ("tsort: -: input contains a loop:\ntsort: a\ntsort: b\n", "bash order.sh", ("runtime", None)),
    ("getconf: Unrecognized variable 'PAGESIZ'\n", "bash info.sh", ("configuration", "PAGESIZ")),
])
def test_round26_variants(text: str, command: str, reading: tuple) -> None:
    event = _first("starting\n" + text, command)
    assert (event.category.value, event.subject) == reading


@pytest.mark.parametrize("text, reading", [
    # bash opens /dev/tcp itself: the redirection's line names host and port, at the script's line
    ("wait.sh: connect: Connection refused\nwait.sh: line 4: /dev/tcp/127.0.0.1/6399: Connection refused\n",
     ("network", "127.0.0.1:6399", ("wait.sh", 4))),
    ("bash: connect: Connection timed out\nbash: line 1: /dev/tcp/10.0.0.9/5432: Connection timed out\n",
     ("network", "10.0.0.9:5432", None)),
    # a name that does not resolve: getaddrinfo's words, then `Invalid argument`: the host alone
    ("bash: db.internal.invalid: Name or service not known\n"
     "bash: line 1: /dev/tcp/db.internal.invalid/5432: Invalid argument\n",
     ("network", "db.internal.invalid", None)),
    ("probe.sh: line 2: /dev/udp/127.0.0.1/8125: Network is unreachable\n",
     ("network", "127.0.0.1:8125", ("probe.sh", 2))),
])
def test_bash_network_redirections(text: str, reading: tuple) -> None:
    event = _first(text)
    where = (event.location.path, event.location.line) if event.location else None
    assert (event.category.value, event.subject, where) == reading


# round 29: zsh's arithmetic and glob patterns that do not parse are the script's syntax
@pytest.mark.parametrize(("text", "command", "where"), [
    ("calc.zsh:3: bad math expression: operand expected at end of string\n", "zsh calc.zsh", ("calc.zsh", 3)),
    ("zsh:1: bad math expression: operand expected at end of string\n", "zsh -c 'echo $(( 1 + ))'", None),
    ("start\nbuild.zsh:2: bad pattern: *.[ch\n", "zsh build.zsh", ("build.zsh", 2)),
    ("zsh:1: bad pattern: [a\n", "zsh -c 'ls [a'", None),
])
def test_round29_zsh_math_and_patterns(text: str, command: str, where: tuple | None) -> None:
    event = _first(text, command)
    assert (event.category.value, event.subject, event.tool) == ("syntax", None, "zsh")
    assert ((event.location.path, event.location.line) if event.location else None) == where
    assert not event.details.get("guessed")


# round 30: bash builtins' words for a shell option it does not have (`shopt`) and a limit that
# is no number (`ulimit`): the script's value, `configuration`, subject the name or value
@pytest.mark.parametrize(("text", "command", "reading"), [
    ("bash: line 1: shopt: globstarr: invalid shell option name\n", "bash -c 'shopt -s globstarr'",
     ("configuration", "globstarr", None)),
    ("setup.sh: line 3: shopt: extgolb: invalid shell option name\n", "bash setup.sh",
     ("configuration", "extgolb", ("setup.sh", 3))),
    ("bash: line 1: ulimit: abc: invalid number\n", "bash -c 'ulimit -n abc'", ("configuration", "abc", None)),
    ("starting\nrun.sh: line 2: ulimit: lots: invalid number\n", "bash run.sh",
     ("configuration", "lots", ("run.sh", 2))),
])
def test_round30_builtin_option_and_limit_values(text: str, command: str, reading: tuple) -> None:
    event = _first(text, command, 1)
    where = (event.location.path, event.location.line) if event.location else None
    assert (event.category.value, event.subject, where) == reading
    assert not event.details.get("guessed")
