"""Go CLI libraries: the sentences cobra and pflag print when they refuse a command line,
and sigs.k8s.io/yaml's parse errors.

Shared because docker, podman, kubectl and helm are all built on them and say these things in
the same words: one reading keeps the docker and kube families from disagreeing on which flag
a sentence names. Not a family: it has no `parse`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lsp_heal.detect._regex import lazy_re
from lsp_heal.detect.output import Output
from lsp_heal.model import Category, ErrorEvent, Location, Rank, Severity

UNKNOWN_FLAG = lazy_re(r"unknown (?:shorthand )?flag: (?:'\w' in )?(?P<flag>-{1,2}[\w-]+)")
BAD_FLAG_VALUE = lazy_re(r'invalid argument "[^"]*" for "(?:(?P<short>-\w), )?(?P<flag>-{1,2}[\w-]+)" flag')
MISSING_VALUE = lazy_re(r"flag needs an argument: (?:'\w' in )?(?P<flag>-{1,2}[\w-]+)")
_COBRA_COMMAND = lazy_re(r'unknown command "(?P<command>[^"]+)" for "')
_REQUIRED_FLAG = lazy_re(r'required flag\(s\) \\?"(?P<flag>[\w-]+)\\?"')
# a command given the wrong number of arguments: docker's `'docker build' requires 1 argument`
# (older: `"docker exec" requires at least 2 arguments.`), cobra's `accepts 1 arg(s), received 0`, kubectl's
# `Unexpected args: [x]` (a file named without its -f)
ARG_COUNT = lazy_re(
    r"^(?:[\w-]+: )?(?:error: )?(?:(?:['\"][\w\s-]+['\"] )?requires (?:exactly |at least |at most )?\d+ "
    r"arguments?\b|(?:accepts|requires) (?:at most |at least |between )?[\d ,and]*arg\(s\), (?:only )?"
    r"received \d+|Unexpected args: \[)"
)
GO_YAML = lazy_re(r"(?<![\w.])yaml: (?:line (?P<line>\d+): )?(?P<msg>.+)$")
_PARSING = lazy_re(r"(?:(?:error parsing|parsing|validating) (?P<path>[^\s:\"]+)"
                      r"|(?:loading config file|parsing|validating) \"(?P<qpath>[^\"]+)\"):")
def typed_flag(m: re.Match, command: str | None) -> str:
    """The flag of a pflag message as the command typed it: pflag prints both forms of a flag
    with a shorthand (`"-e, --env"`); the short one when the command gave that."""
    short = m.groupdict().get("short")
    if short and command:
        # the CLI's own words, not a wrapper's (`bash -c 'docker run ...'`)
        at = max((command.find(cli) for cli in ("docker ", "podman ", "kubectl ", "helm ")), default=-1)
        if re.search(rf"(?:^|\s){short}(?:[\s=]|$)", command[max(at, 0):]):
            return short
    return m["flag"]


def cli_usage(out: Output, tool: str) -> Iterator[ErrorEvent]:
    """`unknown flag: --x`, `invalid argument "v" for "--x" flag` and `required flag(s) "x"
    not set` of any cobra CLI."""
    for needle, pattern in (("unknown ", UNKNOWN_FLAG), ("invalid argument \"", BAD_FLAG_VALUE),
                            ("flag needs an argument: ", MISSING_VALUE)):
        for i in out.find(needle):
            line = out.lines[i]
            if "invalid reference format" in line:
                continue  # a bad image name, not a bad flag
            if m := pattern.search(line):
                yield ErrorEvent(Category.CONFIGURATION, Severity.HIGH, tool, line.strip(),
                                 subject=typed_flag(m, out.command), rank=Rank.ROOT, line_index=i)
    for i in out.find("unknown command \""):  # cobra: a mistyped subcommand (`kubectl aply`)
        if m := _COBRA_COMMAND.search(out.lines[i]):
            yield ErrorEvent(Category.CONFIGURATION, Severity.HIGH, tool, out.lines[i].strip(),
                             subject=m["command"], rank=Rank.ROOT, line_index=i)

    for needle in ("requires ", "arg(s), ", "Unexpected args: "):
        for i in out.find(needle):
            if ARG_COUNT.match(out.lines[i]):
                yield ErrorEvent(Category.CONFIGURATION, Severity.HIGH, tool, out.lines[i].strip(),
                                 rank=Rank.ROOT, line_index=i)
    for i in out.find("required flag(s) "):  # cobra; kubectl may say it in a klog line only
        if m := _REQUIRED_FLAG.search(out.lines[i]):
            yield ErrorEvent(Category.CONFIGURATION, Severity.HIGH, tool, out.lines[i].strip(),
                             subject=f"--{m['flag']}", rank=Rank.ROOT, line_index=i)


def go_yaml_error(out: Output, i: int, tool: str) -> ErrorEvent | None:
    """A `yaml: line N: ...` parse error of a manifest or compose file, at line `i`."""
    line = out.lines[i]
    m = GO_YAML.search(line)
    if not m:
        return None
    location = None
    if p := _PARSING.search(line, 0, m.start()):
        location = Location(p["path"] or p["qpath"], int(m["line"]) if m["line"] else None)
    return ErrorEvent(Category.SYNTAX, Severity.HIGH, tool, line.strip(), location=location,
                      rank=Rank.ROOT, line_index=i)


def flag_error(line: str) -> re.Match | None:
    """pflag's refusal of a flag in `line` (unknown, a bad value, no value), if there is one."""
    for pattern in (UNKNOWN_FLAG, BAD_FLAG_VALUE, MISSING_VALUE):
        if m := pattern.search(line):
            return m
    return None
