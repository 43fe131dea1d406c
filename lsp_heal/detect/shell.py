"""bash, dash (sh), zsh and the coreutils-style `prog: path: reason` lines.

A shell states every failure on one line behind a prefix that says who speaks and where:
bash `src: line N: ...`, dash `src: N: ...`, zsh `src:N: ...` (`zsh:cd:1:` for a builtin),
where `src` is the shell itself (`bash -c`, no file) or the script (a file and line). The
text after the prefix is read by rules; any command run by any tool can print these, so the
family does not look at the command.

Readings that need a decision:
- a missing *command* is `dependency`, but a missing *path* (`./deploy.sh`, `cd build`, an
  input file) is `configuration`: nothing to install, a path to create or correct;
- a missing interpreter (`bad interpreter`, `/usr/bin/env: 'python9'`) is `dependency`;
  bash 5.2's `cannot execute: required file not found` does not name it (subject None) and
  a `\\r` in the interpreter (a CRLF script) is `configuration`;
- `Exec format error` (a binary for another machine, a script without `#!`) is
  `configuration`, subject the file: a wrong build, not a missing right;
- a glob that matches no file (zsh's `no matches found`, bash's failglob `no match`) is
  `configuration`, subject the pattern;
- `set -u`'s `unbound variable` / `parameter not set` is `configuration`, subject the variable;
  so is bash's `$VAR: ambiguous redirect` (the variable is unset or empty);
- a child killed by a signal (`Segmentation fault`, `Killed`) is `runtime`, subject the
  signal, `critical` (the process crashed; `Killed` is usually the OOM killer).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from lsp_heal.detect._regex import lazy_re
from lsp_heal.detect.output import Output
from lsp_heal.model import Category, ErrorEvent, Location, Rank, Severity

SHELLS = {"sh", "bash", "dash", "zsh", "ksh", "mksh", "ash", "busybox"}

# who speaks, by the shape of the prefix (the first that matches wins)
_ZSH = lazy_re(r"^(?P<src>[^:\s][^:]*):(?:[a-z]+:)?(?P<line>\d+): (?P<rest>.+)$")
_BASH = lazy_re(r"^(?P<src>[^:\s][^:]*): line (?P<line>\d+): (?P<rest>.+)$")
_DASH = lazy_re(r"^(?P<src>[^:\s][^:]*): (?P<line>\d+): (?P<rest>.+)$")
_BARE = lazy_re(r"^(?P<src>[^:\s][^:]*): (?P<rest>.+)$")

_DENIED = "Permission denied|Operation not permitted|Read-only file system"
_BUILTIN = r"(?:(?:cd|pushd|source|\.|exec|read|mapfile|readarray): )?"

_R = lazy_re
_DEP, _CONF, _PERM, _SYN = (Category.DEPENDENCY, Category.CONFIGURATION, Category.PERMISSION,
                            Category.SYNTAX)
# (rule, category, a subject with a `/` is a path, not a command); tried in order on the text
# after the prefix; group `s` is the subject, group `script` a script whose #! is broken
_Rule = tuple[re.Pattern[str], Category, bool]
_SH_RULES: list[_Rule] = [
    (_R(r"^(?P<s>.+): command not found$"), _DEP, True),
    (_R(r"^(?P<s>[^:]+): not found$"), _DEP, True),  # dash
    (_R(r"^.+: (?P<s>[^:]+): bad interpreter: No such file or directory$"), _DEP, False),
    (_R(r"^(?P<script>.+): cannot execute: required file not found$"), _DEP, False),
    (_R(r"^(?P<s>.+?): (?:cannot execute binary file(?:: Exec format error)?|Exec format error)$"),
     _CONF, False),
    # bash names a positional parameter with its `$` (`$1: unbound variable`), an element `a[2]`
    (_R(r"^(?P<s>\$?\w+(?:\[[^\]\s]*\])?): (?:unbound variable|parameter (?:null or )?not set)$"),
     _CONF, False),
    (_R(r"^(?:syntax error|Syntax error: |unexpected EOF while looking for matching|"
        r"Bad substitution)"), _SYN, False),
    (_R(r": (?:bad substitution|syntax error(?: in expression)?: .+)$"), _SYN, False),
    (_R(rf"^{_BUILTIN}(?:cannot (?:create|open) )?(?P<s>.+?): (?:{_DENIED})$"), _PERM, False),
    (_R(rf"^{_BUILTIN}(?:cannot (?:create|open) )?(?P<s>.+?): "
        r"(?:No such file(?: or directory)?|Directory nonexistent)$"), _CONF, False),
    (_R(r"^cd: can't cd to (?P<s>.+)$"), _CONF, False),
    (_R(r"^no match: (?P<s>.+)$"), _CONF, False),  # bash's `shopt -s failglob`
    # a redirect target whose variable expands to nothing (or to several words)
    (_R(r"^[^\s$]*\$\{?(?P<s>\w+)\}?\S*: ambiguous redirect$"), _CONF, False),
]
_ZSH_RULES: list[_Rule] = [
    (_R(r"^command not found: (?P<s>.+)$"), _DEP, True),
    (_R(r"^.+: bad interpreter: (?P<s>.+): no such file or directory$"), _DEP, False),
    (_R(r"^exec format error: (?P<s>.+)$"), _CONF, False),
    (_R(r"^(?P<s>\w+): parameter (?:null or )?not set$"), _CONF, False),
    (_R(r"^(?:parse error|unmatched |closing brace expected|bad substitution|"
        r"bad math expression)"), _SYN, False),
    (_R(r"^(?:permission denied|read-only file system|operation not permitted): (?P<s>.+)$"),
     _PERM, False),
    (_R(r"^(?:no such file or directory|can't open input file): (?P<s>.+)$"), _CONF, False),
    (_R(r"^no matches found: (?P<s>.+)$"), _CONF, False),  # a glob that matched no file
]

# the literals whose lines may hold one of the rules above
_NEEDLES = (
    "not found", "cannot execute", "xec format error", "No such file",
    "no such file", "can't cd", "can't open", "Directory nonexistent", "ermission denied",
    "ead-only file system", "peration not permitted", "unbound variable", "not set",
    "yntax error", "unexpected EOF", "parse error", "unmatched ", "closing brace expected",
    "ad substitution", ": no match", "ambiguous redirect",
)

# where the words of a message stand: at the end of the line, or right after a `: `
_ENDINGS = ("not found", "No such file", "or directory", "Directory nonexistent",
            "Permission denied", "Operation not permitted", "Read-only file system",
            "unbound variable", "not set", "Exec format error", "cannot execute binary file",
            "bad substitution", "ambiguous redirect")
_PHRASE = lazy_re(
    r": (?:command not found: |permission denied: |no such file or directory: |read-only file "
    r"system: |operation not permitted: |exec format error: |can't open input file: |cd: can't "
    r"cd to |syntax error|Syntax error: |unexpected EOF|parse error|unmatched |closing brace "
    r"expected|bad math expression|Bad substitution|\S+: bad interpreter: |no matches found: "
    r"|no match: )"
)

_SIGNALS = {
    "Segmentation fault": "SIGSEGV", "Killed": "SIGKILL", "Aborted": "SIGABRT",
    "Illegal instruction": "SIGILL", "Bus error": "SIGBUS", "Floating point exception": "SIGFPE",
    "Trace/breakpoint trap": "SIGTRAP", "Terminated": "SIGTERM",
    # zsh's words
    "segmentation fault": "SIGSEGV", "killed": "SIGKILL", "abort": "SIGABRT",
    "illegal hardware instruction": "SIGILL", "bus error": "SIGBUS",
    "floating point exception": "SIGFPE", "trace trap": "SIGTRAP", "terminated": "SIGTERM",
}
_SIGNAL_NAMES = "|".join(re.escape(name) for name in sorted(_SIGNALS, key=len, reverse=True))
_CORE = r"(?: +\(core dumped\))?"
# bash: `src: [line N: ] 1234 Segmentation fault      (core dumped) ./crash`; dash: bare words
_CRASH = lazy_re(
    rf"^(?:(?P<src>[^:\s][^:]*): (?:line (?P<line>\d+): )? *\d+ |zsh: )?"
    rf"(?P<sig>{_SIGNAL_NAMES}){_CORE}(?: +(?P<cmd>\S.*))?$"
)
_CRASH_NEEDLES = ("zsh: ", *(name for name in _SIGNALS if name[0].isupper()))

# `prog: [what ]'path': reason`, `prog: path: reason`: coreutils and the like; GNU tar and
# cpio put the operation between (`tar (child): x.tgz: Cannot open: No such file or directory`)
_PROGRAM = lazy_re(
    r"^(?P<prog>(?:[\w./+-]*/)?[a-z][\w.+-]*)(?: \(child\))?: "
    r"(?:[^'‘:]*[‘'](?P<q>[^'’]+)[’']|(?P<p>[^:'‘\s]+)): (?:Cannot [a-z]+: )?"
    rf"(?P<why>{_DENIED}|No such file or directory)$"
)
_NOT_PROGRAMS = {"error", "fatal", "warning", "note", "hint", "make", "git", "wget", "curl", "ld"}
# programs that run another: their missing "file" is a missing command
_LAUNCHERS = {"env", "xargs", "nohup", "timeout", "nice", "sudo", "exec", "chroot", "find"}


@dataclass(frozen=True, slots=True)
class _Speaker:
    tool: str
    location: Location | None
    rest: str


def parse(out: Output) -> Iterator[ErrorEvent]:
    for i in sorted({i for needle in _NEEDLES for i in out.find(needle)}):
        line = out.lines[i]
        if not (line.rstrip().endswith(_ENDINGS) or _PHRASE.search(line)):
            continue  # the words are there, but not where a shell puts them
        event = _shell_event(line, i) or _program_event(line, i)
        if event:
            yield event
    for i in sorted({i for needle in _CRASH_NEEDLES for i in out.find(needle)}):
        if event := _crash_event(out.lines[i], i):
            yield event


def _speaker(line: str) -> _Speaker | None:
    """Who printed a shell message, where it points, and what it says."""
    for form, tool in ((_ZSH, "zsh"), (_BASH, "bash"), (_DASH, "sh"), (_BARE, None)):
        if m := form.match(line):
            break
    else:
        return None
    src = m["src"]
    name = src.rsplit("/", 1)[-1].lstrip("-")
    if name in SHELLS:
        return _Speaker("sh" if name == "dash" else name, None, m["rest"])
    if tool is None:  # `prog: ...` with no line: not a shell speaking
        return None
    return _Speaker(tool, Location(src, int(m["line"])), m["rest"])


def _shell_event(line: str, index: int) -> ErrorEvent | None:
    if line.startswith(": bad interpreter: "):  # `#!/bin/bash\r`: the \r ate the prefix
        return ErrorEvent(Category.CONFIGURATION, Severity.HIGH, "bash", line.strip(),
                          rank=Rank.ROOT, line_index=index, details={"cause": "CRLF"})
    speaker = _speaker(line.rstrip())
    if speaker is None:
        return None
    for rule, category, path_if_slash in _ZSH_RULES if speaker.tool == "zsh" else _SH_RULES:
        if m := rule.search(speaker.rest):
            subject, details = m.groupdict().get("s"), {}
            if category is Category.SYNTAX:
                subject = None
            elif path_if_slash and "/" in subject:
                category = Category.CONFIGURATION  # `./deploy.sh: not found`: a path
            if script := m.groupdict().get("script"):  # bash 5.2 does not name the #!
                details["script"] = script
            return ErrorEvent(category, Severity.HIGH, speaker.tool, line.strip(),
                              subject=subject, location=speaker.location, rank=Rank.ROOT,
                              line_index=index, details=details)
    return None


def _program_event(line: str, index: int) -> ErrorEvent | None:
    m = _PROGRAM.match(line)
    if not m:
        return None
    prog = m["prog"].rsplit("/", 1)[-1]
    if prog in _NOT_PROGRAMS:
        return None
    path = m["q"] or m["p"]
    if m["why"].startswith("No such"):
        category = Category.DEPENDENCY if prog in _LAUNCHERS else Category.CONFIGURATION
    else:
        category = Category.PERMISSION
    return ErrorEvent(category, Severity.HIGH, prog, line.strip(), subject=path,
                      rank=Rank.ROOT, line_index=index)


def _crash_event(line: str, index: int) -> ErrorEvent | None:
    m = _CRASH.match(line.rstrip())
    if not m:
        return None
    if m["src"] is None and m["cmd"] and not line.startswith("zsh: "):
        return None  # prose that starts with a signal's name ("Killed 3 workers")
    signal = _SIGNALS[m["sig"]]
    location = None
    src = m["src"]
    if src and m["line"] and src.rsplit("/", 1)[-1] not in SHELLS:
        location = Location(src, int(m["line"]))
    severity = Severity.HIGH if signal == "SIGTERM" else Severity.CRITICAL
    tool = "zsh" if line.startswith("zsh: ") else "bash" if src else "sh"
    return ErrorEvent(Category.RUNTIME, severity, tool, line.strip(), subject=signal,
                      location=location, rank=Rank.ERROR, line_index=index,
                      details={"command": m["cmd"]} if m["cmd"] else {})
