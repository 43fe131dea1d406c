"""The last resort: a failed command whose output no family could read (not a family).

A tool nobody wrote a family for still says what went wrong in shapes most tools share:
`prog: error: ...`, `E: ...`, `ERROR 2002 ...`, `parse error: ...`, `file:3: error: ...`, an
exception (`java.lang.X: msg`, Ruby's `msg (NoMethodError)`), a lint code (`F821 ...`), or a
sentence with a failure word (`cannot`, `refused`, `No such file`). When a command failed and
no family found an error, this module picks one line from the log's end and reads it:

- the line: the first that says it is an error, else the first `file:line: message`, else the
  last with a failure word; then back to the first failing line of its paragraph, since a
  tool states the cause first and its consequences after (`Unable to load certificate`);
- the category: by words, one table, the most telling kinds first; a line that says too
  little is explained by the rest of its paragraph (`... maybe wrong password`);
- the subject: what the category needs (a host:port, a package, an exception, a path, a
  lint code), from the line or else its paragraph;
- the place: `file:line`, `file line N`, `in file on line N` in the line, else the user's
  first frame below it (`at App.main(App.java:4)`), a `--> file:line` pointer, or a heading
  above (`In x.sh line 2:`; a bare file name over `4:10  error ...` rows).

A failed output that says nothing worse than warnings gets no guess (the families report
warnings; a guessed error would outrank them), unless its exit status says it was stopped from
outside: 124 (`timeout`), 137 (SIGKILL: the OOM killer, a hard limit), 143 (SIGTERM). The
event says it was guessed (`details["guessed"]`), so a face can say so and a strategy can be
wary. Only the last TAIL_LINES lines are read.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lsp_heal.detect._regex import lazy_re
from lsp_heal.detect._runs import last_run_end
from lsp_heal.detect.output import Output
from lsp_heal.model import Category, ErrorEvent, Location, Rank, Severity

TAIL_LINES = 300  # errors are printed last: only the end of a long log is looked at
LINE_CHARS = 1000  # a line that states an error says so early: only its start is read
PARAGRAPH = 8  # how far back the cause of a failing line may be told, and forward its reasons
FRAMES = 30  # how far below an exception its frames are looked for

_PATH = r"[\w./~+-]*\w\.[A-Za-z]\w{0,9}"  # a file name: it has an extension
_MARKED = lazy_re(  # the line says it is an error
    r"^\s*(?:\[\s*)?(?:error|fatal|ERROR|FATAL|Error|E|panic|PANIC)(?:\[[\w-]+\])?(?:\s*\])?[:!]\s"
    r"|^\s*(?:error|ERROR|fatal|FATAL) +[A-Z0-9]"  # yarn's `error Your ...`, mysql's `ERROR 2002`
    r"|^\s*[\w.@/+-]+(?: \(\w+\))?: (?:[^:\s][^:]{0,120}: )?(?:error|fatal|ERROR|FATAL|Error)\b"
    r"|^\s*(?:\w+ ){0,2}(?:error|Error|ERROR)\b(?:[^:]{0,40}:\s| at )"  # `PHP Parse error:  `
    rf"|^(?:[\w.-]+: )?{_PATH}:\d+(?::\d+)?:? (?:\w+ )?(?:error|fatal)\b"  # `Main.java:3: error:`
    r"|^[EF]\d{4} [\d:.]+ +\d+ [\w.-]+:\d+\] "  # Go's klog: `E1127 12:53:28.0 123 run.go:72] `
    r"|^\s*(?:[\w.]+\.)?[A-Z]\w*(?:Error|Exception)\b(?::|$)"
    r"|^Exception in thread \"[^\"]*\" "  # Java
    r"|^.*\((?:[A-Z]\w*::)*[A-Z]\w*(?:Error|Exception)\)$"  # Ruby: `msg (NoMethodError)`
    r"|^[^(]{0,200}\((?:error|fatal)\):"  # shellcheck: `^-- SC2045 (error): ...`
    r"|^\s*[A-Z]{1,3}\d{3,5} [A-Z]"  # a lint code first: ruff's `F821 Undefined name`
)
_PLACED = lazy_re(rf"^(?:[\w.-]+: )?{_PATH}:\d+(?::\d+)?: \S")  # GNU's `file:line: message`
_ASIDE = lazy_re(  # warnings, notes, comments, stack frames
    r"(?:[Ww]arning|WARN(?:ING)?|[Nn]ote|NOTE|[Hh]int|HINT|[Ii]nfo|INFO|DEBUG)\b(?:\]|:|\s{2})"
    r"|\((?:warning|info|style|note)\)|^\s*(?:#|//|at |File \")|^\s+from "
)
_FAILURE = lazy_re(  # a sentence that says something went wrong, marked or not
    r"(?:not found|No such file|[Nn]o such|[Pp]ermission denied|denied|refused|[Ii]nvalid"
    r"|[Uu]nknown|[Uu]nrecognized|[Cc]annot|[Cc]an't|[Cc]ould ?n[o']t|[Ff]ailed|[Ff]ailure"
    r"|[Uu]nable to|not set|[Mm]issing|timed out|not allowed|[Dd]oes ?n[o']t|[Ii]ncompatib"
    r"|[Gg]iving up|[Uu]nsupported|not supported|[Uu]nterminated|[Uu]nexpected|[Uu]nmatched"
    r"|[Ss]yntax error|[Pp]arse error|[Bb]ad \w+|[Cc]orrupt|[Tt]runcated|[Uu]ndefined|[Ww]rong"
    r"|not in \w+ format|would reformat)\b"
)

_EXCEPTION_NAME = r"(?-i:(?<![\w.$])(?:[a-z_$][\w$]*\.)*[A-Z][\w$]*[a-z0-9](?:Error|Exception))"


def _kinds(table: tuple[tuple[Category, str], ...]) -> tuple:
    return tuple((category, lazy_re(words, re.IGNORECASE)) for category, words in table)


_STRONG = _kinds((  # words that tell the kind wherever they are said
    (Category.NETWORK, r"connection (?:refused|reset|timed out|closed)|could not resolve host"
     r"|(?:could not|can'?t|cannot|unable to) connect(?! to bus)"  # D-Bus is local
     r"|name (?:or service not known"
     r"|resolution)|unknown host|no route to host|unreachable|timed? ?out\b|econn|etimedout"
     r"|enotfound|eai_again|\bssl\b|\btls\b|certificate (?:verif|has expired|is not trusted)"
     r"|self[- ]signed|\bhttps?\b.*\b5\d\d\b|\b50[234]\b|\b429\b|too many requests|\bdns\b"),
    (Category.PERMISSION, r"permission denied|eacces|eperm|operation not permitted"
     r"|access (?:is )?denied|forbidden|\b40[13]\b|not authori[sz]ed|unauthori[sz]ed"
     r"|read-only file system|insufficient (?:privileges|permissions)|superuser|are you root"
     r"|must be (?:run as )?root|(?:wrong|bad|incorrect) (?:password|passphrase)"
     r"|authentication failed"),
    (Category.SYNTAX, r"syntax|pars(?:e|er) error|unexpected (?:token|end|eof|character|indent"
     r"|symbol|keyword|identifier|\$end|['\"`])|malformed|unterminated|unmatched|missing [)}\]]"
     r"|['\"`][^'\"`\s]{1,3}['\"`] expected|invalid (?:json|yaml|toml|xml)"
     r"|(?:cannot|could not|failed to) parse|decode error"),
    (Category.DEPENDENCY, r"command not found|not installed|no module named|cannot find module"
     r"|(?:package|module|crate|library|plugin|dependency|executable|program)s? (?:\S+ )?"
     r"(?:was |is )?not found|unable to locate package|no matching (?:distribution|version"
     r"|package)|missing (?:dependency|dependencies|package|module|library)|find dependency"
     r"|requires? .{1,80} but .{1,80} installed|incompatib|version conflict"
     r"|installation candidate|need to install|can'?t locate \S+ in|cannot load such file"
     r"|failed opening required"),
    (Category.RUNTIME, r"no space left|quota exceeded|out of memory|cannot allocate memory"
     r"|segmentation fault|core dumped|\bkilled\b|division by zero|divide by zero"
     r"|null pointer|nil value|out of (?:bounds|range)|stack overflow"),
    (Category.BUILD, r"(?-i:(?<![(\w])[A-Z]{1,3}\d{3,5}(?= [A-Za-z(]|:))"  # a lint rule's code
     r"|would (?:be )?reformat|cannot find symbol|undefined (?:name|reference|symbol)"),
))
_WEAK = _kinds((  # words that only count on the error's own line
    (Category.CONFIGURATION, r"environment variable|\benv\b|not set\b|is required|must be"
     r" (?:set|specified|provided|one of)|config|setting|no such file|does ?n[o']t exist"
     r"|usage:|lock ?file|version"),
    (Category.RUNTIME, _EXCEPTION_NAME),  # an exception is the program's, unless said otherwise
    (Category.CONFIGURATION, r"not found|(?:could not|cannot|can't|unable to) find|invalid"
     r"|unknown|unrecognized|missing|expected one of"
     r"|not a valid|not allowed|(?:un|not )supported|format"),
    (Category.TEST, r"\btests? (?:failed|failure)|(?-i:\bFAIL(?:ED|URE)?\b)|assert"),
    (Category.BUILD, r"compil|\bbuild\b|linker|type error"),
    (Category.DEPLOYMENT, r"deploy|container|\bimage\b|\bpod\b|cluster|rollout"),
))
_KINDS = _STRONG + _WEAK

# subjects
# (an apostrophe inside a word, `Can't`, opens no quote)
_QUOTED = lazy_re(r"(?<![A-Za-z])'([^'\s][^']{0,200})'|\"([^\"\s][^\"]{0,200})\""
                  r"|`([^`\s][^`]{0,200})`|‘([^’]{1,200})’|“([^”]{1,200})”")
_ADDRESS = lazy_re(r"(?:https?://)?([\w-]+(?:\.[\w-]+)+|localhost):(\d{2,5})\b"
                   r"|['\"]?([\w-]+(?:\.[\w-]+)+|localhost)['\"]?,? port (\d{1,5})\b")
_HOST = lazy_re(r"https?://([\w.-]+)|(?:host|server|to|at|on) ['\"]?(\d+(?:\.\d+){3}|localhost"
                r"|[\w-]+(?:\.[\w-]+)+)\b")
_PACKAGE = lazy_re(r"(?:install (?:the )?([\w.:@/+-]+) (?:module|package|gem)"
                   r"|(?:package|module|gem|library|crate)s? ['\"‘]?([\w.:@/+-]*\w)"
                   r"|such file -- (\S+))", re.IGNORECASE)
_NAME = lazy_re(_EXCEPTION_NAME + r"(?=:|\)?\s*$)")
_CODE = lazy_re(r"(?<![(\w])([A-Z]{1,3}\d{3,5})\b|\(([a-z][\w-]*)\)\s*$|\[([a-z][\w-]*)\]\s*$")
_SYMBOL = lazy_re(r"^[\w.:$@/-]*\w$")
_PROG_WHAT = lazy_re(r"^\s*[\w.@/+-]+(?: \(\w+\))?: (?!(?:[Ee]rror|ERROR|[Ff]atal|[Ww]arning)\b)"
                     r"([^\s:][^\s:]*): ")
_WHAT = lazy_re(r"(?<=[\s'\"‘])([^\s:'\"]*[A-Za-z./][^\s:'\"]*): (?:No such file|[Pp]ermission"
                r" denied|not found|[Ii]s a directory|[Nn]ot a directory|File exists)")
_NO_SUCH = lazy_re(r"(?:no such|unknown|invalid|missing|undefined) [\w ]{1,30}: ['\"‘]?"
                   r"([^\s'\"’]+)", re.IGNORECASE)
_FILE = lazy_re(r"(?<![\w./-])(?:\.{0,2}/)?[\w.-]*/[\w./-]*\w|(?<![\w./-])[\w-]+(?:\.[\w-]+)*"
                r"\.[A-Za-z]\w{0,5}\b")
_PROG = lazy_re(r"^\s*([\w.-]+): ")

# a logger's date and time before the message (Go's `log`, Python's `logging` asctime)
_STAMP = lazy_re(r"^\[?\d{4}[-/]\d\d[-/]\d\d[ T]\d\d:\d\d:\d\d(?:[.,]\d+)?(?:Z|[+-]\d\d:?\d\d)?\]? ")

# places
_PLACE = lazy_re(rf"({_PATH}):(\d+)(?::(\d+))?|({_PATH}),? line (\d+)|in ({_PATH}) on line (\d+)")
_SYSTEM = lazy_re(r"^(?:/usr/|/opt/|/rustc/|<)|site-packages|dist-packages|node_modules|/gems/"
                  r"|(?:^|/)(?:nptl|sysdeps)/")  # glibc's own sources in a native backtrace
_SYSTEM_FRAME = lazy_re(r"^\s+at (?:java|javax|jdk|sun|kotlin|scala)\.|java\.base/")
_POINTER = lazy_re(rf"^\s*--> ({_PATH}):(\d+)(?::(\d+))?")
_ROW = lazy_re(r"^\s+(\d+):(\d+)\s")
_BARE_FILE = lazy_re(rf"^({_PATH})$")
_HEADING = lazy_re(rf"({_PATH}),? line (\d+):$")


def guess(out: Output) -> ErrorEvent | None:
    """An event for the line near the end that reads like the error, if there is one."""
    # a test run that passed before the command that failed (`npm test && node app.js`) has
    # its own lines that read like errors (tests of failures log them): the guess is read after
    ran = last_run_end(out)
    start = max(0, len(out.lines) - TAIL_LINES, -1 if ran is None else ran + 1)
    lines = [_STAMP.sub("", line[:LINE_CHARS], 1) for line in out.lines[start:]]
    index = _choose(lines, list(_said(lines)))
    if index is None:  # nothing said worse than a warning: a warning is no error to guess,
        return _stopped(out)  # unless the exit status says the command was stopped
    line = lines[index].strip()
    after = _paragraph_after(lines, index)
    category = _category(lines, index, after) or Category.CONFIGURATION
    return ErrorEvent(
        category, Severity.HIGH, out.tool or line.split(":", 1)[0],
        out.lines[start + index].strip(),
        subject=_subject(category, line, after), location=_place(lines, index),
        rank=Rank.ERROR, line_index=start + index, details={"guessed": True},
    )


# exit statuses that say how a command was stopped: `timeout`'s own (it sends SIGTERM), and
# 128 + a signal's number; a time limit is `medium`, retryable by nature (as shell.py reads it)
_STOPPED = {124: ("timed out (the exit status of `timeout`)", "SIGTERM", Severity.MEDIUM),
            137: ("killed by SIGKILL (out of memory, or a limit enforced)", "SIGKILL",
                  Severity.HIGH),
            143: ("terminated by SIGTERM", "SIGTERM", Severity.HIGH)}


def _stopped(out: Output) -> ErrorEvent | None:
    """A command stopped from outside (a time limit, the OOM killer) says nothing itself."""
    if out.exit_code not in _STOPPED:
        return None
    what, signal, severity = _STOPPED[out.exit_code]
    return ErrorEvent(
        Category.RUNTIME, severity, out.tool or "shell", f"exit status {out.exit_code}: {what}",
        subject=signal, rank=Rank.ERROR, line_index=max(0, len(out.lines) - 1),
        details={"guessed": True},
    )


def _said(lines: list[str]) -> Iterator[int]:
    """The lines that may state an error: not warnings, notes or frames, nor their indented
    continuation lines."""
    aside = False
    for i, line in enumerate(lines):
        aside = bool(_ASIDE.search(line)) or (aside and line[:1] in (" ", "\t"))
        if not aside:
            yield i


def _choose(lines: list[str], said: list[int]) -> int | None:
    """The first line that says it is an error, else the first `file:line: message`, else the
    last with a failure word; then the first failing line of its paragraph."""
    index = next((i for i in said if _MARKED.match(lines[i])), None)
    if index is None:
        index = next((i for i in said if _PLACED.match(lines[i])), None)
    if index is None:
        index = next((i for i in reversed(said) if _FAILURE.search(lines[i])), None)
    if index is None:
        return None
    candidates = set(said)
    first = index
    for i in range(index - 1, max(-1, index - PARAGRAPH), -1):
        if not lines[i].strip():
            break
        if i in candidates and (_MARKED.match(lines[i]) or _FAILURE.search(lines[i])):
            first = i
    return first


def _paragraph_after(lines: list[str], index: int) -> list[str]:
    """The lines that follow, up to a blank line: what a tool says about why. A `Caused by:`
    block after the blank line is the why too (cargo, anyhow, Java)."""
    after = []
    i = index + 1
    while i < min(len(lines), index + PARAGRAPH):
        if not lines[i].strip():
            if not _at(lines, i + 1).lstrip().lower().startswith("caused by"):
                break
        else:
            after.append(lines[i].strip())
        i += 1
    return after


def _category(lines: list[str], index: int, after: list[str]) -> Category | None:
    """By the words of the line (with the line that introduces it, or the one it introduces),
    else by the words of the rest of its paragraph."""
    line = lines[index].strip()
    said = " ".join((_lead_in(lines, index), line, _at(lines, index + 1) if line.endswith(":")
                     else ""))
    return _kind(said, _KINDS) or (_kind(" ".join(after), _STRONG) if after else None)


def _kind(text: str, kinds: tuple) -> Category | None:
    return next((category for category, words in kinds if words.search(text)), None)


def _lead_in(lines: list[str], index: int) -> str:
    """The line before, when it introduces this one (`is invalid because:`) or this one is
    too short to say anything by itself (`Giving up.`)."""
    before = _at(lines, index - 1).strip()
    return before if before.endswith(":") or len(lines[index].split()) < 4 else ""


def _at(lines: list[str], index: int) -> str:
    return lines[index] if 0 <= index < len(lines) else ""


def _subject(category: Category, line: str, after: list[str]) -> str | None:
    if category is Category.SYNTAX:
        return None  # the place says where, the message what
    if category is Category.NETWORK:
        return _host(line)
    if category is Category.RUNTIME:
        return m[0] if (m := _NAME.search(line)) else None
    if category is Category.DEPENDENCY:
        return _group(_PACKAGE.search(line)) or _quoted(line)
    if category is Category.BUILD:
        quoted = _quoted(line)
        return quoted if quoted and _SYMBOL.match(quoted) else _group(_CODE.search(line))
    if category in (Category.PERMISSION, Category.CONFIGURATION):
        for text in (line, *after):
            if found := _path_or_name(text):
                return found
        if category is Category.PERMISSION:  # nothing named: the program was refused
            return m[1] if (m := _PROG.match(line)) else None
        return None
    return _quoted(line)


def _host(line: str) -> str | None:
    if m := _ADDRESS.search(line):
        return f"{m[1]}:{m[2]}" if m[1] else f"{m[3]}:{m[4]}"
    return _group(_HOST.search(line))


def _path_or_name(text: str) -> str | None:
    """What a permission or configuration error names: quoted, `prog: X: reason`,
    `X: No such file`, `no such table: X`, else a file-like word."""
    for pattern in (_QUOTED, _PROG_WHAT, _WHAT, _NO_SUCH, _FILE):
        if m := pattern.search(text):
            return _group(m) or m[0]
    return None


def _quoted(line: str) -> str | None:
    return _group(_QUOTED.search(line))


def _group(m) -> str | None:
    return next((group for group in m.groups() if group), None) if m else None


def _place(lines: list[str], index: int) -> Location | None:
    """The user's file and line: in the line, else a pointer or frames below, a heading above."""
    line = lines[index]
    if found := _user_place(line):
        return found
    for i in range(index + 1, min(len(lines), index + FRAMES)):
        below = lines[i]
        if m := _POINTER.match(below):
            return _location(m[1], m[2], m[3])
        if below[:1] not in (" ", "\t"):
            break  # past the indented frames and context
        if not _SYSTEM_FRAME.search(below) and (found := _user_place(below)):
            return found
    return _heading(lines, index)


def _user_place(text: str) -> Location | None:
    for m in _PLACE.finditer(text):
        path, number, column = (m[1], m[2], m[3]) if m[1] else (m[4], m[5], None) if m[4] else (
            m[6], m[7], None)
        if not _SYSTEM.search(path):
            return _location(path, number, column)
    return None


def _heading(lines: list[str], index: int) -> Location | None:
    """A file named above: `In x.sh line 2:` over a finding, or a bare file name over
    `4:10  error  ...` rows (the "stylish" layout of linters)."""
    row = _ROW.match(lines[index])
    for i in range(index - 1, max(-1, index - (PARAGRAPH * 4 if row else 4)), -1):
        above = lines[i].strip()
        if row and (m := _BARE_FILE.match(above)):
            return _location(m[1], row[1], row[2])
        if not row and (m := _HEADING.search(above)):
            return _location(m[1], m[2], None)
    return None


def _location(path: str, line: str, column: str | None) -> Location:
    return Location(path, int(line), int(column) if column else None)
