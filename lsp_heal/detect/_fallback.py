"""The last resort: a failed command whose output no family could read (not a family).

A tool nobody wrote a family for, or a message a family does not know yet, still says what
went wrong in words most tools share: `prog: error: ...`, `fatal: ...`, `E: ...`,
`SomethingError: ...`, `prog: x: No such file or directory`. When a command failed and no
family found an error, the first line near the end that reads like one becomes the event,
its category guessed from those words by one table, the most telling kinds first. The event
says it was guessed (`details["guessed"]`), so a face can say so and a strategy can be wary.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lsp_heal.detect._regex import lazy_re
from lsp_heal.detect.output import Output
from lsp_heal.model import Category, ErrorEvent, Location, Rank, Severity

TAIL_LINES = 300  # errors are printed last: only the end of a long log is looked at

_MARKED = lazy_re(  # the line says it is an error
    r"^\s*(?:\[\s*)?(?:error|fatal|ERROR|FATAL|Error|E|panic|PANIC)(?:\[[\w-]+\])?(?:\s*\])?[:!]\s"
    r"|^\s*(?:error|ERROR|fatal|FATAL) +[A-Z]"  # yarn's `error Your lockfile ...`
    r"|^\s*[\w.@/+-]+: (?:[^:\s][^:]{0,120}: )?(?:error|fatal|ERROR|FATAL|Error)\b"
    r"|^[EF]\d{4} [\d:.]+ +\d+ [\w.-]+:\d+\] "  # Go's klog: `E1127 12:53:28.0 123 run.go:72] `
    r"|^\s*(?:[\w.]+\.)?[A-Z]\w*(?:Error|Exception)\b(?::|$)"
)
_ASIDE = lazy_re(r"(?:[Ww]arning|WARN(?:ING)?|[Nn]ote|NOTE|[Hh]int|HINT|[Ii]nfo|INFO|DEBUG)\b"
                 r"(?:\]|:)|^\s*(?:#|//|at |File \")")  # warnings, notes, comments, stack frames
_EXCEPTION = lazy_re(r"^\s*(?:[\w.]+\.)?[A-Z]\w*(?:Error|Exception)\b")
_FAILURE = lazy_re(  # a sentence that says something went wrong, marked or not
    r"(?:not found|No such file|[Pp]ermission denied|denied|refused|[Ii]nvalid|[Uu]nknown"
    r"|[Uu]nrecognized|[Cc]annot|[Cc]an't|[Cc]ould ?n[o']t|[Ff]ailed|[Ff]ailure|[Uu]nable to"
    r"|not set|[Mm]issing|timed out|not allowed|[Dd]oes ?n[o']t|[Ii]ncompatib|[Gg]iving up"
    r"|[Uu]nsupported|not supported)\b"
)

_KINDS = tuple((category, lazy_re(words, re.IGNORECASE)) for category, words in (
    (Category.NETWORK, r"connection (?:refused|reset|timed out)|could not (?:resolve host|connect)"
     r"|name (?:or service not known|resolution)|unknown host|no route to host|unreachable"
     r"|timed? ?out\b|econn|etimedout|enotfound|eai_again|\bssl\b|\btls\b|certificate"
     r"|\bhttps?\b.*\b5\d\d\b|\b50[234]\b|\b429\b|too many requests|\bdns\b"),
    (Category.PERMISSION, r"permission denied|eacces|eperm|operation not permitted"
     r"|access (?:is )?denied|forbidden|\b40[13]\b|not authori[sz]ed|unauthori[sz]ed"
     r"|read-only file system|insufficient (?:privileges|permissions)"),
    (Category.SYNTAX, r"syntax|parse error|unexpected (?:token|end|eof|character|indent)"
     r"|malformed|unterminated|invalid (?:json|yaml|toml|xml)|(?:cannot|could not|failed to)"
     r" parse|decode error"),
    (Category.DEPENDENCY, r"command not found|not installed|no module named|cannot find module"
     r"|(?:package|module|crate|library|plugin|dependency|executable|program)s? (?:\S+ )?"
     r"(?:was |is )?not found|unable to locate package|no matching (?:distribution|version"
     r"|package)|missing (?:dependency|dependencies|package|module|library)|find dependency"
     r"|requires? .{1,80} but .{1,80} installed|incompatib|version conflict"),
    (Category.RUNTIME, r"no space left|quota exceeded|out of memory|cannot allocate memory"
     r"|segmentation fault|core dumped|\bkilled\b"),
    (Category.CONFIGURATION, r"environment variable|\benv\b|not set\b|is required|must be"
     r" (?:set|specified|provided|one of)|config|setting|no such file|does ?n[o']t exist"
     r"|not found|invalid|unknown|unrecognized|usage:|missing|expected one of|not a valid"
     r"|not allowed|version|lock ?file|(?:un|not )supported|format"),
    (Category.TEST, r"\btests? (?:failed|failure)|(?-i:\bFAIL(?:ED|URE)?\b)|assert"),
    (Category.BUILD, r"compil|\bbuild\b|linker|undefined (?:reference|symbol)|type error"),
    (Category.DEPLOYMENT, r"deploy|container|\bimage\b|\bpod\b|cluster|rollout"),
))

_QUOTED = lazy_re(r"'([^'\s][^']{0,200})'|\"([^\"\s][^\"]{0,200})\"|`([^`\s][^`]{0,200})`"
                     r"|‘([^’]{1,200})’|“([^”]{1,200})”")
_WHAT = lazy_re(r"^\s*[\w.@/+-]+: (?:[\w ]+ )?([^:\s][^:]{0,200}): (?:No such file"
                   r"|[Pp]ermission denied|not found|command not found|[Ii]s a directory)")
_ADDRESS = lazy_re(r"(?:https?://)?([\w-]+(?:\.[\w-]+)+|localhost):(\d{2,5})\b")
_HOST = lazy_re(r"https?://([\w.-]+)")
_PLACE = lazy_re(r"([\w./~-]*\w\.[A-Za-z]\w{0,9}):(\d+)(?::(\d+))?")


def guess(out: Output) -> ErrorEvent | None:
    """An event for the first line near the end that reads like an error, if there is one."""
    tail = list(_said(out, range(max(0, len(out.lines) - TAIL_LINES), len(out.lines))))
    index = next((i for i in tail if _MARKED.match(out.lines[i])), None)
    if index is None:  # no line says "error": the last one that says what failed
        index = next((i for i in reversed(tail) if _FAILURE.search(out.lines[i])), None)
    if index is None:
        return None
    line = out.lines[index].strip()
    said = " ".join((_lead_in(out, index), line, out.line(index + 1) if line.endswith(":") else ""))
    category = next((c for c, words in _KINDS if words.search(said)), None)
    if category is None:  # an exception is the program's; a tool that refused was misused
        category = Category.RUNTIME if _EXCEPTION.match(line) else Category.CONFIGURATION
    place = _PLACE.search(line)
    return ErrorEvent(
        category, Severity.HIGH, out.tool or line.split(":", 1)[0], line,
        subject=_subject(category, line),
        location=Location(place[1], int(place[2]), int(place[3]) if place[3] else None)
        if place else None,
        rank=Rank.ERROR, line_index=index, details={"guessed": True},
    )


def _said(out: Output, indices: range) -> Iterator[int]:
    """The lines that may state an error: not warnings, notes or frames, nor their indented
    continuation lines."""
    aside = False
    for i in indices:
        line = out.lines[i]
        aside = bool(_ASIDE.search(line)) or (aside and line[:1] in (" ", "\t"))
        if not aside:
            yield i


def _lead_in(out: Output, index: int) -> str:
    """The line before, when it introduces this one (`is invalid because:`) or this one is
    too short to say anything by itself (`Giving up.`)."""
    before = out.line(index - 1).strip()
    return before if before.endswith(":") or len(out.lines[index].split()) < 4 else ""


def _subject(category: Category, line: str) -> str | None:
    if category is Category.NETWORK:
        if m := _ADDRESS.search(line):
            return f"{m[1]}:{m[2]}"
        return m[1] if (m := _HOST.search(line)) else None
    if m := _QUOTED.search(line):
        return next(group for group in m.groups() if group)
    return m[1] if (m := _WHAT.match(line)) else None
