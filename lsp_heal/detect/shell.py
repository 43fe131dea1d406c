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
  so is bash's `$VAR: ambiguous redirect` (the variable is unset or empty), and the message of
  a `${VAR:?message}` guard (`deploy.sh: line 4: DEPLOY_TOKEN: DEPLOY_TOKEN must be set`): the
  text is the script's own, so the rule reads the shape, a parameter's name and a message,
  after a shell's prefix, on a line no other rule read; a non-interactive shell exits on it
  (POSIX), so it is looked for on bash's `: line ` lines and at the end of a failed output;
- dash's `source: not found`, `[[: not found`, `declare: not found`: a bash script run by
  `sh`; nothing to install, the script needs bash: `configuration`, subject the word;
- a `\r` in what the shell could not find (bash `$'\r'`, zsh `^M`) is a script saved with
  CRLF line endings: `configuration`, subject None, like a `#!` that ends in `\r`;
- a child killed by a signal (`Segmentation fault`, `Killed`, `File size limit exceeded`) is
  `runtime`, subject the signal, `critical` (the process crashed; `Killed` is usually the OOM
  killer, SIGXFSZ / SIGXCPU a `ulimit`);
- a call that found a resource spent or held (`No space left on device`, `Disk quota exceeded`,
  `Text file busy`, `Cannot allocate memory`, `Too many open files`; bash's own `xmalloc: cannot
  allocate N bytes`) is `runtime`, subject the errno (`ENOSPC`, `EDQUOT`, `ETXTBSY`, `ENOMEM`):
  nothing in the input is wrong; a path of the wrong kind or in the way (`Is a directory`, `Not a
  directory`, `File exists`, `Directory not empty`) is `configuration`, subject the path;
- an assignment to a readonly variable (bash `readonly variable`, dash `is read only`, zsh
  `read-only variable:`) is `runtime`, subject the variable: the script's logic, at run time;
- arithmetic that fails on its values (`division by 0`, `value too great for base`) is
  `runtime`, subject the error as printed; an index outside an array (`bad array subscript`)
  is `runtime`, subject the array; `local` / `return` outside a function is `syntax` (like
  Python's `'return' outside function`), at the line;
- `cp dir dest` without -r (`omitting directory`) is `configuration`, subject the folder, like
  `rm dir`'s `Is a directory`; an archive that is not in the format the command says (`gzip:
  stdin: not in gzip format` under `tar -xzf x.tar`, `This does not look like a tar archive`)
  is `configuration`, subject the archive (tar's -f operand when the decompressor read stdin);
- a launcher's (`env`, `timeout`, `xargs`, `find -exec`) missing *program* is `dependency`, but
  a missing *path* it was given (`timeout 30 ./smoke.sh`, find's start folder) is
  `configuration`; builtins that run a command (`exec: gunicorn: not found`) read as the shell;
- `[` / `test` that cannot parse its expression (`[: =: unary operator expected`, `too many
  arguments`, dash's `unexpected operator`): an unquoted variable, the script's text at that line,
  `syntax`; `mv`'s `cannot move 'a' to 'b': reason` is about `b`;
- timeout(1) that killed its command prints nothing and exits 124: read from the command line
  (`runtime`, subject the signal it sent).
"""

from __future__ import annotations

import re
import signal as _signal
from collections.abc import Iterator
from dataclasses import dataclass

from lsp_heal.detect._regex import lazy_re
from lsp_heal.detect.output import Output
from lsp_heal.model import Category, ErrorEvent, Location, Rank, Severity

SHELLS = {"sh", "bash", "dash", "zsh", "ksh", "mksh", "ash", "busybox"}

# who speaks, by the shape of the prefix (the first that matches wins): zsh `src:N: `
# (`src:cd:N: ` for a builtin), bash `src: line N: `, dash `src: N: `, or a bare `src: `;
# one pattern, so a line costs one match (`src` ends at the first colon in every form)
_SPEAKER = lazy_re(
    r"^(?P<src>[^:\s][^:]*)(?::(?:[a-z]+:)?(?P<zsh>\d+): |: line (?P<bash>\d+): "
    r"|: (?P<sh>\d+): |: )(?P<rest>.+)$"
)

_DENIED = "Permission denied|Operation not permitted|Read-only file system"
# a system call's reason (strerror(3)) that says a path is wrong: one to create, remove or correct
_PATH_WRONG = ("Not a directory|Is a directory|File exists|Directory not empty"
               "|Too many levels of symbolic links|File name too long"
               # ENOTTY: a terminal's call on what is no terminal (`stty: 'standard input':
               # Inappropriate ioctl for device` in a CI job): the path is of the wrong kind
               "|Inappropriate ioctl for device")
# a reason that says a resource ran out or is held: nothing in the input is wrong, the errno
# names the fix (free space, raise a quota or a limit, stop the process that holds a file)
_ERRNO_OF = {"No space left on device": "ENOSPC", "Disk quota exceeded": "EDQUOT",
             "Text file busy": "ETXTBSY", "Cannot allocate memory": "ENOMEM",
             "Too many open files": "EMFILE", "Device or resource busy": "EBUSY",
             "Input/output error": "EIO", "Argument list too long": "E2BIG",
             "Resource temporarily unavailable": "EAGAIN", "No such process": "ESRCH"}
_FULL = "|".join(re.escape(reason) for reason in _ERRNO_OF)
# zsh prints the reasons with a small first letter (`zsh: text file busy: ./x`)
_ERRNO = {**_ERRNO_OF, **{reason[0].lower() + reason[1:]: errno
                          for reason, errno in _ERRNO_OF.items()}}
_ZSH_FULL = "|".join(re.escape(reason[0].lower() + reason[1:]) for reason in _ERRNO_OF)
_BUILTIN = r"(?:(?:cd|pushd|source|\.|exec|read|mapfile|readarray): )?"

_R = lazy_re
_DEP, _CONF, _PERM, _SYN = (Category.DEPENDENCY, Category.CONFIGURATION, Category.PERMISSION,
                            Category.SYNTAX)
# (endings, rule, category, a subject with a `/` is a path, not a command); tried in order on
# the text after the prefix; group `s` is the subject, group `script` a script whose #! is broken.
# `endings`: the words a match ends with (its regex ends in `(?:...)$`), checked with one
# `endswith` before the regex runs; None for a rule that may end with anything
_Rule = tuple[tuple[str, ...] | None, re.Pattern[str], Category, bool]
_TEST_ENDINGS = ("operator expected", "integer expression expected", "too many arguments",
                 "argument expected", "unexpected operator", "missing `]'", "missing ]",
                 "`]' expected", "closing paren expected", "bad number")
_COND_ENDINGS = ("conditional unary operator", "conditional binary operator",
                 "conditional binary operator expected", "in conditional command")
# bash builtins' words for a value one of their options cannot take (`read -t 5s`, `umask 0999`)
_BUILTIN_VALUE_ENDINGS = ("invalid timeout specification", "invalid file descriptor specification",
                          "octal number out of range", "invalid line count", "invalid array origin",
                          "invalid callback quantum")
# what bash's builtins say after its `src: line N: ` prefix that no needle finds: read with the
# rules below on the `: line ` lines a failed output's reading goes through anyway
# bash's name references (`declare -n ref=ref`, `local -n v=1x`): the variable the script declared
_NAMEREF_ENDINGS = ("nameref variable self references not allowed",
                    "invalid variable name for name reference")
_BUILTIN_LINE_ENDINGS = (*_BUILTIN_VALUE_ENDINGS, *_NAMEREF_ENDINGS, " is not a child of this shell", ": no such job",
                         # `shopt -s globstarr`: bash's words for a shell option it does not have
                         "invalid shell option name",
                         "not a pid or valid job spec")
_SH_RULES: list[_Rule] = [
    ((": command not found",), _R(r"^(?P<s>.+): command not found$"), _DEP, True),
    # dash; and both shells' builtins that run or look up a command (`exec: gunicorn: not found`)
    ((": not found",), _R(r"^(?:(?:exec|command|hash|type|builtin): )?(?P<s>[^:]+): not found$"),
     _DEP, True),
    ((": bad interpreter: No such file or directory",),
     _R(r"^.+: (?P<s>[^:]+): bad interpreter: No such file or directory$"), _DEP, False),
    ((": cannot execute: required file not found",),
     _R(r"^(?P<script>.+): cannot execute: required file not found$"), _DEP, False),
    (("cannot execute binary file", "Exec format error"),
     _R(r"^(?P<s>.+?): (?:cannot execute binary file(?:: Exec format error)?|Exec format error)$"),
     _CONF, False),
    # bash names a positional parameter with its `$` (`$1: unbound variable`), an element `a[2]`
    (("unbound variable", "not set", " or null"),
     _R(r"^(?P<s>\$?\w+(?:\[[^\]\s]*\])?): (?:unbound variable|parameter (?:null or )?not set"
        r"(?: or null)?)$"),
     _CONF, False),
    # a `[[ ... ]]` that does not parse (bash parse.y: `unexpected argument `]]' to conditional unary
    # operator`, `unexpected token `x', conditional binary operator expected`, `unexpected token
    # `x' in conditional command`): the script's text at that line, like `syntax error`
    (_COND_ENDINGS, _R(r"^(?:unexpected argument (?:`[^']*' )?to conditional (?:unary|binary) operator"
                       r"|(?:unexpected token .*, )?conditional binary operator expected"
                       r"|unexpected token .* in conditional command)$"), _SYN, False),
    (None, _R(r"^(?:syntax error|Syntax error: |unexpected EOF while looking for matching|"
              r"Bad substitution)"), _SYN, False),
    (None, _R(r": (?:bad substitution|syntax error(?: in expression)?: .+)$"), _SYN, False),
    # `ulimit -n N` above the hard limit as a non-root user (bash `ulimit: open files: cannot
    # modify limit: Operation not permitted`, dash `ulimit: error setting limit (Operation not
    # permitted)`): the builtin was denied, `permission`, subject the command
    (("Operation not permitted", "Operation not permitted)"),
     _R(r"^(?P<s>ulimit): (?:.*: cannot modify limit: |error setting limit \()Operation not permitted\)?$"),
     _PERM, False),
    (tuple(_DENIED.split("|")),
     _R(rf"^{_BUILTIN}(?:cannot (?:create|open) )?(?P<s>.+?): (?:{_DENIED})$"), _PERM, False),
    # (bash's own builtins say it small: `source: config: is a directory`, `.: conf.d: is a directory`)
    (("No such file", "or directory", "Directory nonexistent", *_PATH_WRONG.split("|"),
      "cannot overwrite existing file", ": is a directory"),
     _R(rf"^{_BUILTIN}(?:cannot (?:create|open) )?(?P<s>.+?): "
        rf"(?:No such file(?: or directory)?|Directory nonexistent|{_PATH_WRONG}"
        r"|cannot overwrite existing file|is a directory)$"), _CONF, False),
    (None, _R(r"^cd: can't cd to (?P<s>.+)$"), _CONF, False),
    (None, _R(r"^no match: (?P<s>.+)$"), _CONF, False),  # bash's `shopt -s failglob`
    # a resource that ran out or is held: a builtin's write to a full disk (`echo: write error:
    # No space left on device`), `fork: Cannot allocate memory`, `./server: Text file busy`
    # (`kill: (4242) - No such process`: a pid file that outlived its process, ESRCH)
    (tuple(_ERRNO_OF), _R(rf"(?:^|: |\) - )(?P<s>{_FULL})$"), Category.RUNTIME, False),
    # a variable the script (or a file it sources) made readonly: bash, dash; `unset` of one
    (("readonly variable", "is read only"),
     _R(r"^(?:(?:unset|local|declare|typeset|export|readonly): )?(?P<s>\w+): (?:readonly variable"
        r"|is read only|cannot unset: readonly variable)$"), Category.RUNTIME, False),
    # a redirect target whose variable expands to nothing (or to several words)
    ((": ambiguous redirect",), _R(r"^[^\s$]*\$\{?(?P<s>\w+)\}?\S*: ambiguous redirect$"),
     _CONF, False),
    # arithmetic that failed on its values (bash `expr: division by 0 (error token is "x")`,
    # `08: value too great for base`; dash `arithmetic expression: division by zero: "..."`):
    # the script's logic at run time, subject the error as printed
    (None, _R(r"(?:^|: )(?P<s>division by (?:0|zero)|value too great for base|exponent less than 0"
              r"|expression recursion level exceeded)(?: \(error token is .*\)|: .*)?$"),
     Category.RUNTIME, False),
    # an index outside an array (`${tags[-1]}` of an empty array): subject the array
    ((": bad array subscript",), _R(r"^(?:(?:unset|declare|local|typeset|read|mapfile|readarray): )?(?P<s>\w+)?"
                                      r"(?:\[[^\]]*\])?: bad array subscript$"),
     Category.RUNTIME, False),
    # `[` / `test` given an expression it cannot parse, mostly an unquoted variable that is empty
    # or holds several words (bash `[: =: unary operator expected`, `[: too many arguments`,
    # `[: abc: integer expression expected`; dash `[: =: unexpected operator`, `[: Illegal number:
    # abc`): the script's text at that line is wrong, like a syntax error found when it runs
    (_TEST_ENDINGS, _R(r"^(?:\[|test|\[\[): (?:.*: )?(?:unary operator expected|binary operator "
                       r"expected|integer expression expected|too many arguments|argument expected"
                       r"|unexpected operator|missing `?\]'?|`\]' expected|closing paren expected"
                       r"|bad number)$"), _SYN, False),
    # a builtin that takes one word given several, mostly an unquoted variable holding a path with a
    # space (`cd $PROJECT_DIR`: bash `cd: too many arguments`; `exit`, `return`, `shift`, `pushd`,
    # `umask` alike): the script's text at that line, like `[`'s `too many arguments`
    (("too many arguments",), _R(r"^(?:cd|pushd|popd|exit|return|shift|umask|dirs|break|continue|logout"
                                 r"|wait|ulimit|hash): too many arguments$"), _SYN, False),
    # (dash's arithmetic expansion says it bare: `$((count + 1))` with count=none -> `Illegal
    # number: none`, like bash's `syntax error: invalid arithmetic operator`: the script's text)
    (None, _R(r"^(?:(?:\[|test|exit|return|shift|break|continue): )?Illegal number: "), _SYN, False),
    # an arithmetic expansion that does not parse: bash `syntax error: operand expected` (read with
    # the syntax errors), dash `arithmetic expression: expecting primary: "..."` / `expecting EOF`
    (None, _R(r"^arithmetic expression: expecting "), _SYN, False),
    # a signal name the shell does not know: bash `trap: SIGFOO: invalid signal specification`
    # (`kill -s` alike), dash `trap: SIGFOO: bad trap`: a mistake in the script's text at that line
    (("invalid signal specification", ": bad trap"),
     _R(r"^(?:trap|kill): (?:-\w+: )?\S+: (?:invalid signal specification|bad trap)$"), _SYN, False),
    # a builtin that takes a number given a word (`exit $result` with result=failed: bash `exit:
    # failed: numeric argument required`, dash `exit: Illegal number: failed`; `return`, `shift`,
    # `break`, `continue` alike): the script's text at that line, like `[`'s `integer expression
    # expected`
    (("numeric argument required",),
     _R(r"^(?:exit|return|shift|break|continue|ulimit|wait|kill|umask|history|fc|printf): "
        r".*: numeric argument required$"), _SYN, False),
    # a builtin used where the language does not allow it: like Python's `'return' outside
    # function`, a mistake in the script's text, reported when the line runs
    # a name a variable cannot have (`export app-name=web`, `read 1x`, `for 1x in ...`): bash
    # `export: `app-name=web': not a valid identifier`, dash `export: app-name: bad variable
    # name`: the script's text at that line, `syntax` (subject None, the location says where)
    (("not a valid identifier", "bad variable name"),
     _R(r"^(?:[a-z]+: )?(?:`[^']*'|[^:\s]+): (?:not a valid identifier|bad variable name)$"), _SYN, False),
    # a builtin given an option this shell does not have: dash's `set: Illegal option -o pipefail`
    # (and `sh: 0: Illegal option -o pipefail` for `sh -o pipefail`), bash's `set: pipefailx:
    # invalid option name`, `declare: -A: invalid option` (bash 3): nothing to install, the script
    # needs another shell or a fixed option, `configuration`, subject the option (`-o`'s name);
    # `shopt: globstarr: invalid shell option name` alike (read on the `: line ` lines)
    (None, _R(r"^(?:(?:[a-z]+|\.): )?[Ii]llegal option (?:-o )?(?P<s>\S+)$"), _CONF, False),
    (("invalid option", "invalid option name", "invalid shell option name"),
     _R(r"^(?:set|shopt|read|declare|typeset|local|export|readonly|ulimit|trap|cd|pushd|popd|printf"
        r"|wait|kill|mapfile|readarray|unset|hash|type|command|exec|source|getopts|umask|alias"
        r"|complete|compgen|history|jobs|let|shift|enable|builtin|fc|bind|disown|echo|test|\.): "
        r"(?P<s>\S+): invalid (?:shell )?option(?: name)?$"), _CONF, False),
    # `cd -` / `cd` with the variable it goes to unset (bash `cd: OLDPWD not set`, `HOME not set`):
    # `configuration`, subject the variable, like any unset variable the script relies on
    ((" not set",), _R(r"^(?:cd|pushd|popd): (?P<s>OLDPWD|HOME|CDPATH) not set$"), _CONF, False),
    # `shift N` past the arguments (bash `shift: 3: shift count out of range` under shift_verbose
    # or for a count above $#, dash `shift: can't shift that many`): the script was run with fewer
    # arguments than it needs: `configuration`, nothing named (the usage says which)
    (("shift count out of range", "can't shift that many"),
     _R(r"^shift: (?:\d+: shift count out of range|can't shift that many)$"), _CONF, False),
    # `printf '%d'` given a word or a decimal (bash `printf: 1.5: invalid number`, dash `printf:
    # abc: expected numeric value` for a word and `printf: 1.5: not completely converted` for a
    # number with a tail): a value wrong at run time, like `value too great for base`, subject
    # the error as printed
    (("invalid number", "expected numeric value", "not completely converted"),
     _R(r"^printf: .+: (?P<s>invalid number|expected numeric value|not completely converted)$"),
     Category.RUNTIME, False),
    # `kill` of a process the user may not signal (bash `kill: (1) - Operation not permitted`):
    # `permission`, subject the pid (a gone one is ESRCH, read with the errnos)
    (("Operation not permitted",), _R(r"^kill: \((?P<s>-?\d+)\) - Operation not permitted$"), _PERM,
     False),
    # a limit `ulimit` cannot take (bash `ulimit: abc: invalid number`, dash `ulimit: Illegal number:
    # abc` is read with the numbers above): a value the script passes, like `read -t 5s` below:
    # `configuration`, subject the value as printed
    (("invalid number",), _R(r"^ulimit: (?P<s>.+): invalid number$"), _CONF, False),
    # a builtin's option given a value it cannot take (bash `read: 5s: invalid timeout specification`,
    # `read: x: invalid file descriptor specification`, `umask: 0999: octal number out of range`,
    # `mapfile: x: invalid line count`): the option is in the script, not printed: `configuration`,
    # subject the value as printed
    (_BUILTIN_VALUE_ENDINGS,
     _R(r"^(?:read|umask|mapfile|readarray|ulimit|wait|fc|history): (?P<s>.+): (?:"
        + "|".join(_BUILTIN_VALUE_ENDINGS) + r")$"), _CONF, False),
    # `wait` of a pid this shell did not start (one read from a pid file: bash `wait: pid 4242 is not
    # a child of this shell`), `kill %1` / `fg %2` of a job that is gone (`kill: %1: no such job`):
    # the state at run time, like `kill`'s ESRCH; nothing to name
    ((" is not a child of this shell", ": no such job"),
     _R(r"^(?:wait: pid \d+ is not a child of this shell|(?:kill|wait|fg|bg|disown|jobs): \S+: no such job)$"),
     Category.RUNTIME, False),
    # a pid or job spec that is no number (`wait "$PID"` with PID a word: bash `wait: `abc': not a pid
    # or valid job spec`): a value the script passed, `configuration`, subject the value
    (("not a pid or valid job spec",),
     _R(r"^(?:wait|kill|fg|bg|disown|jobs): `?(?P<s>[^`']+)'?: not a pid or valid job spec$"), _CONF, False),
    # a name reference bash refuses (`declare: ref: nameref variable self references not allowed`,
    # `local: 1x: invalid variable name for name reference`): the script's declaration, like an
    # option's value it refuses: `configuration`, subject the name as printed
    (_NAMEREF_ENDINGS,
     _R(r"^(?:declare|typeset|local|readonly|export): `?(?P<s>[^:\s`']+)'?: (?:" + "|".join(_NAMEREF_ENDINGS) + r")$"),
     _CONF, False),
    (("can only be used in a function", "not in a function", "from a function or sourced script"),
     _R(r"^(?:local|declare|typeset|return): (?:can only be used in a function|not in a function"
        r"|can only `return' from a function or sourced script)$"), _SYN, False),
]
# zsh's rules open with their words (anchored at the start): no gate needed
_ZSH_RULES: list[_Rule] = [
    (None, _R(r"^command not found: (?P<s>.+)$"), _DEP, True),
    (None, _R(r"^.+: bad interpreter: (?P<s>.+): no such file or directory$"), _DEP, False),
    (None, _R(r"^exec format error: (?P<s>.+)$"), _CONF, False),
    (None, _R(r"^(?P<s>\w+): parameter (?:null or )?not set(?: or null)?$"), _CONF, False),
    # (`bad pattern: [a`: a glob on the command line that does not parse)
    (None, _R(r"^(?:parse error|unmatched |closing brace expected|bad substitution|"
              r"bad math expression|bad pattern: )"), _SYN, False),
    (None, _R(r"^(?:permission denied|read-only file system|operation not permitted): "
              r"(?P<s>.+)$"), _PERM, False),
    (None, _R(r"^(?:no such file or directory|can't open input file|not a directory"
              r"|is a directory|file exists|directory not empty): (?P<s>.+)$"), _CONF, False),
    (None, _R(r"^no matches found: (?P<s>.+)$"), _CONF, False),  # a glob that matched no file
    (None, _R(rf"^(?P<s>{_ZSH_FULL}): "), Category.RUNTIME, False),
    # zsh's `kill` builtin: `src:kill:N: kill 4242 failed: no such process` (a stale pid: ESRCH,
    # like bash's `kill: (4242) - No such process`); one it may not signal is `permission`
    (None, _R(r"^kill (?P<s>\S+) failed: operation not permitted$"), _PERM, False),
    (None, _R(rf"^kill \S+ failed: (?P<s>{_ZSH_FULL})$"), Category.RUNTIME, False),
    (None, _R(r"^read-only variable: (?P<s>\w+)$"), Category.RUNTIME, False),
    (None, _R(r"^(?P<s>division by zero)$"), Category.RUNTIME, False),
    (None, _R(r"^(?:local|return): not in a function$"), _SYN, False),
    (None, _R(r"^undefined signal: "), _SYN, False),  # zsh `trap`/`kill` of an unknown signal
    (None, _R(r"^(?:not an identifier|not valid in this context): "), _SYN, False),
    (None, _R(r"^no such option: (?P<s>\S+)$"), _CONF, False),
    (None, _R(r"^shift count must be <= \$#$"), _CONF, False),
]

# the literals whose lines may hold one of the rules above, in the case a shell prints them:
# capitalised at the end of a line (bash, dash, coreutils), small before `: ` (zsh); narrow, so
# that other tools' prose (`Module not found`, `... or is not a directory`) is not read
_NEEDLES = (
    ": not found", "command not found", "cannot execute", "xec format error", "No such file",
    "no such file", "can't cd", "can't open", "Directory nonexistent", "ermission denied",
    "ead-only file system", "peration not permitted", "unbound variable", "parameter not set",
    "parameter null or not set", "yntax error", "unexpected EOF", "parse error", "unmatched ",
    "closing brace expected", "bad math expression", "bad pattern: ", "ad substitution", ": no match", "ambiguous redirect",
    "cannot overwrite existing file", "readonly variable", "is read only", "read-only variable",
    ": division by ", "value too great for base", "exponent less than 0",
    "recursion level exceeded", "bad array subscript", "can only be used in a function",
    "not in a function", "from a function or sourced script",
    ": OLDPWD not set", ": HOME not set", ": is a directory", "shift count ", "can't shift that many",
    ": invalid number", "expected numeric value", ": not completely converted",
    ": numeric argument required", ": Illegal number: ", ": arithmetic expression: expecting ",
    "invalid signal specification", "undefined signal: ",
    # zsh's builtins name themselves in the prefix (`stop.zsh:kill:4: kill 42 failed: ...`)
    ":kill:",
    # a name or a builtin's option the shell refuses
    "not a valid identifier", "bad variable name", "llegal option -", ": invalid option",
    "no such option: ", "not an identifier: ", "not valid in this context: ",
    # `[ / `test`'s complaints, by the builtin's name after a shell's prefix
    ": [: ", ": test: ",
    # a builtin that takes one word given several (`cd $DIR_WITH_SPACE`)
    ": too many arguments",
    # `[[ ]]` that does not parse (`unexpected argument `]]' to conditional unary operator`)
    " conditional unary operator", " conditional binary operator", " in conditional command",
    *_PATH_WRONG.split("|"), *(reason[0].lower() + reason[1:] + ": "
                                for reason in (*_PATH_WRONG.split("|"), *_ERRNO_OF)),
    *_ERRNO_OF,
)

# where the words of a message stand: at the end of the line, or right after a `: `
_ENDINGS = ("not found", "No such file", "or directory", "Directory nonexistent",
            "Permission denied", "Operation not permitted", "Read-only file system",
            "unbound variable", "not set", "not set or null", "Exec format error",
            "cannot execute binary file",
            "bad substitution", "ambiguous redirect", *_PATH_WRONG.split("|"),
            "cannot overwrite existing file", ": is a directory", "Operation not permitted)",
            "readonly variable", "is read only",
            "bad array subscript", "can only be used in a function", "not in a function",
            "from a function or sourced script", "not a valid identifier", "bad variable name",
            "invalid option", "invalid option name", "shift count out of range",
            "can't shift that many", "invalid number", "expected numeric value",
            "not completely converted", "numeric argument required", "invalid signal specification",
            "bad trap", *_TEST_ENDINGS, *_COND_ENDINGS, *_ERRNO_OF)
_PHRASE = lazy_re(
    r": (?:command not found: |permission denied: |no such file or directory: |read-only file "
    r"system: |operation not permitted: |exec format error: |can't open input file: |cd: can't "
    r"cd to |syntax error|Syntax error: |unexpected EOF|parse error|unmatched |closing brace "
    r"expected|bad math expression|bad pattern: |Bad substitution|\S+: bad interpreter: |no matches found: "
    r"|no match: |not a directory: |is a directory: |file exists: |directory not empty: "
    rf"|read-only variable: |(?:{_ZSH_FULL}): |division by |value too great for base"
    r"|exponent less than 0|expression recursion level exceeded|(?:\[|test|exit|return|shift|break"
    r"|continue): Illegal number: |Illegal number: |arithmetic expression: expecting "
    r"|(?:[a-z]+: )?[Ii]llegal option -|no such option: |not an identifier: |not valid in this context: "
    r"|shift count must be |kill \S+ failed: |undefined signal: )"
)

_SIGNALS = {
    "Segmentation fault": "SIGSEGV", "Killed": "SIGKILL", "Aborted": "SIGABRT",
    "Illegal instruction": "SIGILL", "Bus error": "SIGBUS", "Floating point exception": "SIGFPE",
    "Trace/breakpoint trap": "SIGTRAP", "Terminated": "SIGTERM",
    # resource limits (`ulimit -f`, `ulimit -t`): a quota that killed the process
    "File size limit exceeded": "SIGXFSZ", "CPU time limit exceeded": "SIGXCPU",
    "Bad system call": "SIGSYS", "Hangup": "SIGHUP", "Alarm clock": "SIGALRM",
    "User defined signal 1": "SIGUSR1", "User defined signal 2": "SIGUSR2",
    # zsh's words
    "segmentation fault": "SIGSEGV", "killed": "SIGKILL", "abort": "SIGABRT",
    "illegal hardware instruction": "SIGILL", "bus error": "SIGBUS",
    "floating point exception": "SIGFPE", "trace trap": "SIGTRAP", "terminated": "SIGTERM",
    "file size limit exceeded": "SIGXFSZ", "cpu limit exceeded": "SIGXCPU",
    "invalid system call": "SIGSYS", "hangup": "SIGHUP", "alarm": "SIGALRM",
    "user-defined signal 1": "SIGUSR1", "user-defined signal 2": "SIGUSR2",
}
_SIGNAL_NAMES = "|".join(re.escape(name) for name in sorted(_SIGNALS, key=len, reverse=True))
_CORE = r"(?: +\(core dumped\))?"
# bash: `src: [line N: ] 1234 Segmentation fault      (core dumped) ./crash`; dash: bare words
_CRASH = lazy_re(
    rf"^(?:(?P<src>[^:\s][^:]*): (?:line (?P<line>\d+): )? *\d+ |zsh: )?"
    rf"(?P<sig>{_SIGNAL_NAMES}){_CORE}(?: *(?P<cmd>\S.*))?$"
)
# zsh's own form opens the line (`zsh: segmentation fault  ./x`); bash's and dash's open with
# the script or a pid, so they are found by the (capitalised) signal's name
_CRASH_NEEDLES = ("\nzsh: ", *(name for name in _SIGNALS if name[0].isupper()))

# `prog: [what ]'path'[ for reading]: reason`, `prog: [what: ]path: reason`: coreutils and the like
# (`sort: cannot read: x: ...`); GNU tar and cpio put the operation between (`tar (child): x.tgz:
# Cannot open: No such file or directory`)
_PROGRAM = lazy_re(
    r"^(?P<prog>(?:[\w./+-]*/)?[a-z][\w.+-]*)(?: \(child\))?: "
    # GNU sed prints its file operands bare (`sed: can't read s/a b/c/: No such file or directory`:
    # BSD's `sed -i '' 's/a b/c/' f` under GNU sed), whatever they hold
    r"(?:(?:can't read|couldn't open file|couldn't edit) (?P<r>[^'‘\s].*)"
    r"|[^'‘:]*[‘'](?P<q>[^'’]+)[’'](?: for (?:reading|writing)| to [‘'](?P<to>[^'’]+)[’'])?"
    r"|(?:[a-z][^:'‘]*: )?"
    r"(?P<p>[^:'‘\s]+)): (?:Cannot [a-z]+: )?"
    rf"(?P<why>{_DENIED}|No such file or directory|{_PATH_WRONG}|{_FULL})$"
)
# `cat: write error: No space left on device`, `dd: error writing '/dev/sdb': ...`: no path needed
_PROGRAM_FULL = lazy_re(
    rf"^(?P<prog>(?:[\w./+-]*/)?[a-z][\w.+-]*)(?: \(child\))?: (?:[^:]*: )?(?P<why>{_FULL})$"
)
# `sudo: helm: command not found`: a program that looked a command up on PATH for us
_PROGRAM_NOT_FOUND = lazy_re(r"^(?P<prog>[a-z][\w.+-]*): (?P<s>[^:\s]+): command not found$")
# the reasons the three regexes above end with: a line that ends otherwise is no program's
_PROGRAM_ENDINGS = (*_DENIED.split("|"), "No such file or directory", *_PATH_WRONG.split("|"),
                    *_ERRNO_OF, ": command not found")
_NOT_PROGRAMS = {"error", "fatal", "warning", "note", "hint", "make", "git", "wget", "curl", "ld"}
# programs that run another: their missing "file" is a missing command
_LAUNCHERS = {"env", "xargs", "nohup", "timeout", "nice", "sudo", "exec", "chroot", "find",
              "stdbuf", "setsid", "taskset", "ionice", "flock", "unshare", "nsenter", "setpriv",
              "runuser", "su", "doas", "strace", "ltrace", "time", "watch", "parallel"}
# find's operands are paths to walk; only the word after an -exec-like action is a program
_FIND_EXEC = lazy_re(r"\s-(?:exec|execdir|ok|okdir)\s+(?P<prog>[^\s;{}+]+)")


# `${NAME:?message}`: the parameter's name, then the script's own words (`1: usage: ...` for a
# positional parameter); the words may be anything but the shell's own wordings of other errors
# after a prefix of bash (`src: line N: `), dash (`src: N: `) or zsh (`src:N: `), in one match
_GUARD = lazy_re(r"^(?P<src>[^:\s][^:]*):(?: line | ?)(?P<line>\d+): "
                 r"(?P<s>[A-Za-z_]\w*|[1-9]\d*): (?P<msg>\S.*)$")
_NOT_GUARD = lazy_re(
    r"readonly variable|is read only|read-only|value too great|error token|bad array subscript"
    r"|[Ii]nvalid|not a valid identifier|too many arguments|numeric argument|expression expected"
    r"|division by|circular name|[Ii]s a directory|[Nn]ot a directory|[Tt]ext file busy"
    r"|[Ff]ile exists|[Aa]rgument list too long|[Bb]ad file descriptor|[Cc]annot|can't|not found"
    r"|[Nn]o such|[Pp]ermission denied|[Uu]sage: (?:cd|read|set|shift|export|source|\.) "
)
# the shell's builtins and keywords: `read: -x: invalid option` is a builtin's complaint
_BUILTINS = frozenset({
    "alias", "bg", "bind", "break", "builtin", "caller", "cd", "command", "compgen", "complete",
    "compopt", "continue", "declare", "dirs", "disown", "echo", "enable", "eval", "exec", "exit",
    "export", "false", "fc", "fg", "getopts", "hash", "help", "history", "jobs", "kill", "let",
    "local", "logout", "mapfile", "popd", "printf", "pushd", "pwd", "read", "readarray",
    "readonly", "return", "set", "shift", "shopt", "source", "suspend", "test", "times", "trap",
    "true", "type", "typeset", "ulimit", "umask", "unalias", "unset", "wait", "arith", "print",
    "setopt", "unsetopt", "emulate", "zmodload", "autoload", "whence", "where", "which",
    "functions", "if", "then", "else", "elif", "fi", "case", "esac", "for", "while", "until",
    "do", "done", "function", "select", "time", "coproc",
    # and the words a message is marked with (`line 9: warning: here-document at line 4 ...`)
    "warning", "error", "note", "fatal", "info", "hint", "debug",
})
# bash's builtins and keywords that dash does not have: `sh build.sh` of a bash script
_BASHISMS = frozenset({
    "source", "[[", "declare", "typeset", "shopt", "pushd", "popd", "dirs", "mapfile",
    "readarray", "function", "select", "let", "disown", "complete", "compgen", "compopt",
    "caller", "bind", "enable", "help", "logout", "suspend", "coproc",
})
TAIL_LINES = 40  # where a guard that stopped the shell can be, at the end of a failed output


@dataclass(frozen=True, slots=True)
class _Speaker:
    tool: str
    location: Location | None
    rest: str


# a tag a CI log or a `sed 's/^/[job] /'` puts before each line: a bracketed word, one space
_CI_TAG = lazy_re(r"\[[\w./:-]{1,40}\] ")


def parse(out: Output) -> Iterator[ErrorEvent]:
    read: set[int] = set()
    for i in sorted({i for needle in _NEEDLES for i in out.find(needle)}):
        line = out.lines[i]
        if line.startswith("[") and (tag := _CI_TAG.match(line)):
            line = line[tag.end():]  # a CI runner's or a pipeline's tag before each line (`[ci] `)
        if not (line.rstrip().endswith(_ENDINGS) or _PHRASE.search(line)):
            continue  # the words are there, but not where a shell puts them
        # (awk's and sed's own program errors first: mawk's `awk: line 1: ...` has bash's shape)
        event = (_program_syntax_event(line, i) or _shell_event(line, i)
                 or _program_event(line, i, out.command))
        if event:
            read.add(i)
            yield event
    if out.failed:
        tail = range(max(0, len(out.lines) - TAIL_LINES), len(out.lines))
        for i in sorted({*out.find(": line "), *tail} - read):
            line = out.lines[i]
            if line.rstrip().endswith(_BUILTIN_LINE_ENDINGS) and (event := _shell_event(line, i)):
                yield event  # bash's builtins (`src: line N: read: 5s: invalid timeout specification`)
            elif event := _guard_event(line, i) or (i >= tail.start and (
                    _prerequisite_event(line, i, out.tool) or _bare_path_event(line, i, out.tool))):
                yield event
    for i in sorted({*out.find("/dev/tcp/"), *out.find("/dev/udp/")}):
        if event := _net_redirect_event(out, i):
            yield event
    for i in sorted({i for needle in _CRASH_NEEDLES for i in out.find(needle)}):
        if event := _crash_event(out.lines[i], i):
            yield event
    for i in out.find("alloc: cannot allocate "):
        if event := _alloc_event(out.lines[i], i):
            yield event
    for i in out.find("omitting directory"):
        if m := _OMITTING.match(out.lines[i]):
            yield ErrorEvent(_CONF, Severity.HIGH, m["prog"], out.lines[i].strip(),
                             subject=m["s"], rank=Rank.ROOT, line_index=i)
    for i in sorted({i for needle in _FORMAT_NEEDLES for i in out.find(needle)}):
        if event := _format_event(out, i):
            yield event
    for i in out.find(" computed checksum"):
        if event := _checksum_event(out, i):
            yield event
    for i in sorted({i for needle in _USAGE_NEEDLES for i in out.find(needle)}):
        if (m := _USAGE.match(out.lines[i].rstrip())) and m["prog"] not in _NOT_PROGRAMS:
            option = m["o"] or m["a"]
            yield ErrorEvent(_CONF, Severity.HIGH, m["prog"].rsplit("/", 1)[-1], out.lines[i].strip(),
                             subject=f"-{option}" if option else m["s"], rank=Rank.ROOT, line_index=i)
    for i in sorted({*out.find(": invalid "), *out.find(": Invalid ")}):
        if (m := _BAD_VALUE.match(out.lines[i].rstrip())) and m["prog"] not in _NOT_PROGRAMS:
            # getopt's `cut: invalid option -- 'z'`: the option as typed, `-z`
            option = ": invalid option -- " in out.lines[i] and len(m["s"]) == 1
            yield ErrorEvent(_CONF, Severity.HIGH, m["prog"].rsplit("/", 1)[-1], out.lines[i].strip(),
                             subject=f"-{m['s']}" if option else m["s"], rank=Rank.ROOT, line_index=i)
    for i in out.find(" operand"):
        if (m := _OPERAND.match(out.lines[i].rstrip())) and m["prog"] not in _NOT_PROGRAMS:
            yield ErrorEvent(_CONF, Severity.HIGH, m["prog"].rsplit("/", 1)[-1], out.lines[i].strip(),
                             subject=m["s"], rank=Rank.ROOT, line_index=i)
    for i in out.find("\nTry "):
        if event := _usage_trailer_event(out, i):
            yield event
    for i in out.find(" are the same file"):
        if (m := _SAME_FILE.match(out.lines[i].rstrip())) and m["prog"] not in _NOT_PROGRAMS:
            yield ErrorEvent(_CONF, Severity.HIGH, m["prog"].rsplit("/", 1)[-1], out.lines[i].strip(),
                             subject=m["s"], rank=Rank.ROOT, line_index=i)
    for i in out.find("\niconv: "):
        if m := _ICONV.match(out.lines[i].rstrip()):
            data = m["data"] is not None
            yield ErrorEvent(Category.RUNTIME if data else _CONF, Severity.HIGH, "iconv", out.lines[i].strip(),
                             subject=None if data else m["enc"], rank=Rank.ROOT, line_index=i)
    for i in out.find("\nsed: "):
        if event := _program_syntax_event(out.lines[i], i):
            yield event
    for i in out.find("\nmktemp: "):
        if m := _MKTEMP.match(out.lines[i].rstrip()):
            denied = m["why"] in ("Permission denied", "Read-only file system")
            yield ErrorEvent(_PERM if denied else _CONF, Severity.HIGH, "mktemp", out.lines[i].strip(),
                             subject=m["s"], rank=Rank.ROOT, line_index=i)
    for i in out.find(" already exists;"):
        if m := _NOT_OVERWRITTEN.match(out.lines[i].rstrip()):
            yield ErrorEvent(_CONF, Severity.HIGH, m["prog"], out.lines[i].strip(),
                             subject=m["s"], rank=Rank.ROOT, line_index=i)
    for i in sorted({*out.find(" differ: byte "), *out.find("\ncmp: EOF on ")}):
        if _CMP_DIFFER.match(out.lines[i].rstrip()):
            yield ErrorEvent(Category.TEST, Severity.HIGH, "cmp", out.lines[i].strip(),
                             rank=Rank.ERROR, line_index=i)
    for i in out.find("\ntar: Unexpected EOF in archive"):
        yield ErrorEvent(Category.RUNTIME, Severity.HIGH, "tar", out.lines[i].strip(),
                         rank=Rank.ROOT, line_index=i)
    for i in out.find("\nexpr: "):
        if m := _EXPR.match(out.lines[i].rstrip()):
            yield ErrorEvent(Category.RUNTIME if m["s"] else _SYN, Severity.HIGH, "expr", out.lines[i].strip(),
                             subject=m["s"], rank=Rank.ROOT, line_index=i)
    for i in sorted({*out.find(" -- saving rejects to file "), *out.find("can't find file to patch at input line "),
                     *out.find("\npatch: **** ")}):
        if event := _patch_event(out, i):
            yield event
    for i in out.find(" is not in sorted order"):
        if m := _UNSORTED.match(out.lines[i].rstrip()):
            yield ErrorEvent(Category.RUNTIME, Severity.HIGH, m["prog"], out.lines[i].strip(),
                             rank=Rank.ROOT if m["n"] else Rank.SUMMARY, line_index=i)
    for i in sorted({*out.find(": disorder: "), *out.find(": is not sorted: ")}):
        if m := _UNSORTED_AT.match(out.lines[i].rstrip()):
            yield ErrorEvent(Category.RUNTIME, Severity.HIGH, m["prog"].rsplit("/", 1)[-1], out.lines[i].strip(),
                             location=Location(m["f"], int(m["n"])) if m["f"] != "-" else None,
                             rank=Rank.ROOT, line_index=i)
    for i in out.find(": invalid input"):
        if m := _BASE_INPUT.match(out.lines[i].rstrip()):
            yield ErrorEvent(Category.RUNTIME, Severity.HIGH, m["prog"].rsplit("/", 1)[-1], out.lines[i].strip(),
                             rank=Rank.ROOT, line_index=i)
    for i in out.find("\ntr: "):
        if m := _TR_SET.match(out.lines[i].rstrip()):
            yield ErrorEvent(_CONF, Severity.HIGH, "tr", out.lines[i].strip(), subject=m["s"] or m["s2"],
                             rank=Rank.ROOT, line_index=i)
    for i in out.find("unmatched "):
        if m := _XARGS_QUOTE.match(out.lines[i].rstrip()):
            # xargs reads quotes in its input (`o'brien`): data it cannot split, like base64's
            # `invalid input`: `runtime`, no subject
            yield ErrorEvent(Category.RUNTIME, Severity.HIGH, "xargs", out.lines[i].strip(),
                             rank=Rank.ROOT, line_index=i)
    for i in out.find(" option should be "):
        if m := _XARGS_RANGE.match(out.lines[i].rstrip()):
            # xargs `value 0 for -n option should be >= 1`: the option is printed, the subject
            yield ErrorEvent(_CONF, Severity.HIGH, "xargs", out.lines[i].strip(), subject=f"-{m['o']}",
                             rank=Rank.ROOT, line_index=i)
    for i in out.find(": input contains a loop:"):
        if m := _TSORT_LOOP.match(out.lines[i].rstrip()):
            # tsort's input (`a b` pairs) holds a cycle: data that does not fit, like sort's
            # `disorder`: `runtime`, no subject, at the file (tsort prints no line)
            yield ErrorEvent(Category.RUNTIME, Severity.HIGH, "tsort", out.lines[i].strip(),
                             location=Location(m["f"], None) if m["f"] != "-" else None,
                             rank=Rank.ROOT, line_index=i)
    for i in out.find("Unrecognized variable "):
        if m := _GETCONF.match(out.lines[i].rstrip()):
            # getconf of a name it does not know (`NPROCESSORS` for `_NPROCESSORS_ONLN`): the value
            yield ErrorEvent(_CONF, Severity.HIGH, "getconf", out.lines[i].strip(), subject=m["s"],
                             rank=Rank.ROOT, line_index=i)
    if out.exit_code == 124 and out.command and "timeout" in out.command:
        if event := _timed_out(out):
            yield event


# timeout(1) ran out of time: it killed its command (SIGTERM unless `-s`) and exits 124, and
# neither prints a word; the command line says which command it was (`timeout 60 pytest`,
# `bash -c '...; timeout 5 curl ...'`). `runtime`, subject the signal it sent, like a child
# killed by one; `medium`: a time limit, retryable by nature
_TIMEOUT = lazy_re(
    r"(?:^|[\s;&|(`'\"])timeout(?P<opts>(?:\s+-(?:-signal[= ]?|-kill-after[= ]?|s\s*|k\s*)?[\w.-]*)*)"
    r"\s+(?P<limit>\d+(?:\.\d+)?[smhd]?)\s+(?P<cmd>[^;&|)`'\"\n]+)"
)
_SIGNAL_OPTION = lazy_re(r"(?:--signal[= ]?|-s\s*)(?:SIG)?(?P<sig>[A-Za-z]+|\d+)")


def _timed_out(out: Output) -> ErrorEvent | None:
    if not (m := _TIMEOUT.search(out.command)):
        return None
    signal = "SIGTERM"
    if s := _SIGNAL_OPTION.search(m["opts"]):
        name = s["sig"].upper()
        if name.isdigit():
            try:
                signal = _signal.Signals(int(name)).name
            except ValueError:
                return None
        else:
            signal = f"SIG{name}"
    cmd = m["cmd"].strip()
    message = f"timeout: `{cmd}` timed out after {m['limit']} (exit status 124)"
    return ErrorEvent(Category.RUNTIME, Severity.MEDIUM, "timeout", message, subject=signal,
                      rank=Rank.ERROR, line_index=max(0, len(out.lines) - 1),
                      details={"command": cmd, "limit": m["limit"]})


# `cp dir dest` without -r (coreutils 8.x: `-r not specified; omitting directory 'x'`, older
# `omitting directory 'x'`): a path of the wrong kind for the command, like `rm dir`
_OMITTING = lazy_re(r"^(?P<prog>(?:[\w.+-]*/)?[a-z][\w.+-]*): (?:-r not specified; )?"
                    r"omitting directory [‘'`](?P<s>[^'’]+)[’']$")
# an archive that is not in the format the command said (`tar -xzf x.tar` of a plain tar, a
# saved HTML page): the decompressor's line (gzip, bzip2, xz, zstd), or tar's own when it reads
# the archive itself; `configuration`, subject the archive (tar's -f operand when the
# decompressor read stdin)
_FORMAT_NEEDLES = ("not in gzip format", "is not a bzip2 file", "File format not recognized",
                   ": unsupported format", "does not look like a tar archive")
_NOT_FORMAT = lazy_re(
    r"^(?P<prog>gzip|gunzip|zcat|pigz|bzip2|bunzip2|xz|unxz|lzma|zstd|unzstd|tar)(?: \(child\))?: "
    r"(?:(?P<p>.+?):? (?:not in gzip format|is not a bzip2 file\.|File format not recognized"
    r"|unsupported format)|This does not look like a tar archive)$"
)
# a command line its program refused, in the BSD / POSIX getopt wording that a script's own
# `getopts` prints too (`deploy.sh: illegal option -- x`, `option requires an argument -- e`:
# unquoted, where GNU's getopt says `invalid option -- 'x'`), and a user or group that the
# system does not have (`chown: invalid user: 'deploy:deploy'`): `configuration`, subject the
# option or the name
_USAGE_NEEDLES = (": illegal option -- ", ": option requires an argument -- ", ": invalid user: ",
                  ": invalid group: ")
_USAGE = lazy_re(
    r"^(?P<prog>(?:[\w./+-]*/)?[\w.+-]+): (?:illegal option -- (?P<o>[^\s'‘])|option requires an "
    r"argument -- [‘']?(?P<a>[^\s'‘’])[’']?|invalid (?:user|group): [‘'](?P<s>[^’']+)[’'])$"
)
# a value GNU's programs cannot take (gnulib xstrtol / xdectoint and the like: `head: invalid number
# of lines: ‘all’`, `split: invalid number of bytes: ‘0’: Numerical result out of range`,
# `date: invalid date ‘x’`, `truncate: Invalid number: ‘10Q’`, `sort: field number is zero:
# invalid field specification ‘0’`; findutils' `find: invalid argument `+week' to `-mtime'`, in the
# old `...' quotes): `configuration`, subject the value as quoted
_BAD_VALUE = lazy_re(
    r"^(?P<prog>(?:[\w./+-]*/)?[a-z][\w.+-]*): (?:[^:‘'’]{1,60}: )?[iI]nvalid [^:‘'’`]{1,60}?:? "
    r"[‘'`](?P<s>[^’'`]*)[’'](?:: [^‘'’]{1,80}| to [‘'`][^’'`]*[’'])?$"
)
# a command line with a word too many or too few (GNU's usage errors, before `Try 'uniq --help'`:
# `uniq: extra operand ‘extra.txt’`, `cp: missing destination file operand after ‘a’`, `mkdir:
# missing operand`): `configuration`, subject the word quoted, None when none is
_OPERAND = lazy_re(
    r"^(?P<prog>(?:[\w./+-]*/)?[a-z][a-z\d_+-]*): (?:extra operand [‘'`](?P<s>[^’'`]*)[’']"
    r"|missing (?:[a-z]+ )*operand(?: after [‘'`](?P<a>[^’'`]*)[’'])?)$"
)
# cp / mv / ln / install given one file twice (`cp: 'app.log' and './app.log' are the same
# file`; a program's name, not a Python exception's `shutil.SameFileError: ...`): `configuration`,
# subject the first as printed
# GNU's usage trailer (`Try 'cut --help' for more information.`, ‘’ in a UTF-8 locale) under the
# program's complaint about its command line (`cut: fields are numbered from 1`, `cut: you must
# specify a list of bytes, characters, or fields`, `date: the argument ‘x’ lacks a leading '+'`):
# `configuration`, subject the word quoted when one is, else None (the readings above, of an
# invalid value, an operand or an option, come first)
_TRY_HELP = lazy_re(r"^Try [‘'](?:[\w./+-]*/)?(?P<prog>[a-z][\w.+-]*) --help[’'] for more information\.$")
_QUOTED = lazy_re(r"[‘'`](?P<s>[^’'`]+)[’']")
_GETOPT = (" option -- ", "unrecognized option", "requires an argument", "illegal option")
_SAME_FILE = lazy_re(
    r"^(?P<prog>(?:[\w./+-]*/)?[a-z][a-z\d_+-]*): [‘'](?P<s>[^’']+)[’'] and [‘'][^’']+[’'] are the same file$"
)
# the program of a text tool that does not parse: awk's (mawk `awk: report.awk: line 3: syntax error
# at or near }`, `mawk: line 1: ...` for a program on the command line; gawk `awk: report.awk:3:
# ... ^ syntax error`, `awk: cmd. line:1: ...`), sed's (`sed: -e expression #1, char 9: unterminated
# `s' command`, `sed: file fix.sed line 2: unknown command: `x'`, any message after that prefix),
# jq's filter (`jq: error: syntax error, unexpected ...`, `jq: N compile errors`): the script's
# text, `syntax`, at the program file and line when it is a file; jq's data that does not parse
# (`jq: parse error: ... at line 4, column 1`, bare `parse error: ...` before jq 1.7) is the JSON
# file's text, `syntax` too, no file named
_PROGRAM_SYNTAX = lazy_re(
    r"^(?:(?:[\w./-]*/)?(?:[gmn]?awk|busybox awk): (?:(?:cmd\. line|line \d+)|(?P<af>[^:\s]+)(?::(?P<an>\d+)"
    r"|: line (?P<an2>\d+))):.*\b(?:syntax|parse) error"
    r"|(?:[\w./-]*/)?sed: (?:-e expression #\d+, char \d+|file (?P<sf>\S+) line (?P<sn>\d+)): \S"
    r"|jq: (?:error: syntax error, |parse error: |\d+ compile errors?$))"
)


def _program_syntax_event(line: str, index: int) -> ErrorEvent | None:
    # the program's name ends the line's first field: one slice and endswith before the regex
    if not line[:line.find(":")].endswith(("awk", "sed", "jq")) or not (m := _PROGRAM_SYNTAX.match(line)):
        return None
    path, number = (m["af"], m["an"] or m["an2"]) if m["af"] else (m["sf"], m["sn"])
    tool = "jq" if line.startswith("jq") else "sed" if "sed: " in line[:line.find(":") + 2] else "awk"
    location = Location(path, int(number)) if path and number and path != "-" else None
    return ErrorEvent(_SYN, Severity.HIGH, tool, line.strip(), location=location, rank=Rank.ROOT,
                      line_index=index)


# expr(1) (coreutils expr.c): an operand that is not a number (`expr $COUNT + 1` with COUNT=ten:
# `non-integer argument`) or a zero divisor is a value wrong at run time, like printf's `invalid
# number`: `runtime`, subject the error as printed; an expression it cannot parse (`syntax
# error: unexpected argument ‘x’`, `missing argument after ‘+’`) is the script's text, `syntax`
# mktemp(1) (coreutils mktemp.c): a template it refuses (`too few X's in template ‘tmp.XX’`,
# `invalid template, ‘a/b.XXX’, contains directory separator`) or cannot create in (`failed to
# create directory via template ‘/tmp/x/b.XXX’: No such file or directory`): `configuration`,
# subject the template as quoted; a folder it may not write to is `permission`
_MKTEMP = lazy_re(r"^mktemp: (?:too few X's in template|invalid (?:suffix|template),?|failed to create "
                  r"(?:file|directory) via template) [‘'`](?P<s>[^’']+)[’'](?:[,;:] (?P<why>.+))?$")
# a decompressor that will not replace its output (gzip `gzip: app.log already exists;\tnot
# overwritten`, without a terminal to ask): the file is in the way, `configuration`, subject it
_NOT_OVERWRITTEN = lazy_re(r"^(?P<prog>gzip|gunzip|zcat|pigz|unpigz): (?P<s>.+?) already exists;\s*not overwritten$")
# cmp(1) of two files that differ (`expected.bin out.bin differ: byte 5, line 1`; `char` before
# diffutils 3.3, not looked up): a comparison that failed, as a golden test's check, `test`, no subject
# A file that is a prefix of the other (`cmp: EOF on out.bin after byte 4, in line 1`, `cmp: EOF on
# out.bin which is empty`) differs the same way
_CMP_DIFFER = lazy_re(r"^(?:\S+ \S+ differ: byte \d+, line \d+|cmp: EOF on \S+ (?:after byte \d+.*|which is empty))$")
_EXPR = lazy_re(r"^expr: (?:(?P<s>non-integer argument|division by zero)|syntax error\b.*)$")
# patch(1): a hunk that does not apply (`1 out of 1 hunk FAILED -- saving rejects to file
# app.py.rej`; `ignored` when it looked already applied) is the patch made for another version of
# the file, like git apply's: `configuration`, subject the file; a file the patch names that is
# not there (`can't find file to patch at input line 3`, the patch's `|--- a/x` header below) is
# `configuration`, subject that path; `patch: **** ` states the rest: a patch file that is no
# patch (`Only garbage was found`, `malformed patch at line N`, `unexpected end of file`) is
# `syntax`, one it cannot open is `configuration`, subject the file
_REJECTS = lazy_re(r"^\d+ out of \d+ hunks? (?:FAILED|ignored) -- saving rejects to file (?P<s>.+?)(?:\.rej)?$")
_PATCH_STARS = lazy_re(r"^patch: \*\*\*\* (?:(?P<syn>Only garbage was found|malformed patch|unexpected end of file"
                       r"|unexpected end of hunk)|Can't open patch file (?P<s>.+?) ?: |(?P<other>.))")
_PATCH_HEADER = lazy_re(r"^\|(?:---|\+\+\+|Index:) (?:[ab]/)?(?P<s>[^\s]+)")


def _patch_event(out: Output, index: int) -> ErrorEvent | None:
    line = out.lines[index].rstrip()
    category, subject = _CONF, None
    if m := _REJECTS.match(line):
        subject = m["s"]
    elif line.startswith("can't find file to patch at input line "):
        for j in range(index + 1, min(len(out.lines), index + 12)):
            if (h := _PATCH_HEADER.match(out.lines[j])) and h["s"] != "/dev/null":
                subject = h["s"]
                break
    elif m := _PATCH_STARS.match(line):
        category = _SYN if m["syn"] else _CONF
        subject = m["s"]
    else:
        return None
    return ErrorEvent(category, Severity.HIGH, "patch", line.strip(), subject=subject, rank=Rank.ROOT,
                      line_index=index)


# comm and join given input that is not sorted (`comm: file 1 is not in sorted order`, then
# `comm: input is not in sorted order` when it exits 1): the data as it is at run time
_UNSORTED = lazy_re(r"^(?P<prog>comm|join): (?:file (?P<n>\d) |input )is not in sorted order$")
# sort -c / join --check-order name the first line out of order (coreutils sort.c `sort: names.txt:3:
# disorder: bob`, join.c `join: users.txt:3: is not sorted: carol`): the data, `runtime`, at that line
_UNSORTED_AT = lazy_re(r"^(?P<prog>(?:[\w./-]*/)?(?:sort|join)): (?P<f>.+?):(?P<n>\d+): (?:disorder|is not sorted): ")
# base64 / base32 / basenc -d of text that is not in that encoding (`base64: invalid input`): the
# data as it is at run time, like iconv's illegal input: `runtime`, no subject
# findutils' xargs: `unmatched single quote; by default quotes are special to xargs unless you use
# the -0 option` (and `double`); `value %s for -%c option should be >= %ld` (or `<= %ld`)
_XARGS_QUOTE = lazy_re(r"^(?:[\w./-]*/)?xargs: unmatched (?:single|double) quote")
_XARGS_RANGE = lazy_re(r"^(?:[\w./-]*/)?xargs: value \S+ for -(?P<o>\w) option should be [<>]=")
# coreutils tsort: `tsort: deps.txt: input contains a loop:` then the cycle's members, one a line
_TSORT_LOOP = lazy_re(r"^(?:[\w./-]*/)?tsort: (?P<f>.+?): input contains a loop:$")
# glibc getconf: `getconf: Unrecognized variable `NAME'` (newer: 'NAME')
_GETCONF = lazy_re(r"^(?:[\w./-]*/)?getconf: Unrecognized variable [`'‘](?P<s>[^'’]+)['’]$")
_BASE_INPUT = lazy_re(r"^(?P<prog>(?:[\w./-]*/)?(?:base64|base32|basenc)): invalid input$")
# tr's SET operands it cannot read (coreutils tr.c: `range-endpoints of ‘z-a’ are in reverse collating
# sequence order`, `invalid character class ‘lowr’`, `invalid repeat count ‘x’ in [c*n] construct`):
# the command's own argument, `configuration`, subject the value as quoted
_TR_SET = lazy_re(r"^tr: (?:range-endpoints of [‘'](?P<s>[^’']+)[’'] are in reverse collating sequence order"
                  r"|invalid (?:character class|repeat count) [‘'](?P<s2>[^’']+)[’'])")
# glibc's iconv(1) (iconv_prog.c): input that is not in the encoding named with -f (`illegal input
# sequence at position N`, `incomplete character or shift sequence at end of buffer`) is the data
# as it is at run time, `runtime` like comm's unsorted input; an encoding it does not know
# (`conversion from `X' unsupported`, `conversions from `X' and to `Y' are not supported`,
# `failed to start conversion processing`) is the command's option, `configuration`, subject
# the encoding
_ICONV = lazy_re(
    r"^iconv: (?:(?P<data>(?:cannot convert|illegal input sequence at position \d+|incomplete character "
    r"or shift sequence at end of buffer))|conversions? (?:from|to) [`‘'](?P<enc>[^’']+)[’']"
    r"(?: and to [`‘'][^’']+[’'])? (?:is |are )?(?:not supported|unsupported)"
    r"|failed to start conversion processing)"
)
_OPENED = lazy_re(r"[Cc]annot (?:open|read)|input file")
_STDIN_NAMES = frozenset({"stdin", "(stdin)", "/*stdin*\\", "-"})
# `tar -xzf x.tgz`, `tar xf x`, `tar --file=x`, `tar -x -f x`: the archive tar was given
_TAR_FILE = lazy_re(r"(?:^|[\s;&|(+'\"])tar\s(?:[^|;&\n]*?\s)?(?:--file[= ]|-?[A-Za-z]*f\s+)"
                    r"(?P<f>[^\s|;&)'\"]+)")


def _format_event(out: Output, index: int) -> ErrorEvent | None:
    line = out.lines[index]
    if not (m := _NOT_FORMAT.match(line.rstrip())):
        return None
    subject = m["p"]
    if subject is None or subject in _STDIN_NAMES:
        subject = _tar_archive(out, index)
    tool = "tar" if m["prog"] == "tar" or subject != m["p"] else m["prog"]
    return ErrorEvent(_CONF, Severity.HIGH, tool, line.strip(), subject=subject,
                      rank=Rank.ROOT, line_index=index)


# `sha256sum -c SUMS` (md5sum, sha1sum, sha512sum, b2sum, perl's shasum) of a file that does not
# match its recorded sum: `x: FAILED` for each, then `sha256sum: WARNING: N computed checksum(s)
# did NOT match`: the file is not the one the sums were made of (a stale or corrupt download, an
# outdated SUMS): `configuration`, subject the first file that failed (the prog's own line when
# --quiet/--status left none; a file it could not read is `x: FAILED open or read`, read with
# its `No such file` line)
_CHECKSUM = lazy_re(r"^(?P<prog>(?:[\w.+-]*/)?[\w.+-]+): WARNING: \d+ computed checksums? did NOT match$")
_SUM_FAILED = lazy_re(r"^(?P<s>.+): FAILED$")


def _checksum_event(out: Output, index: int) -> ErrorEvent | None:
    if not (m := _CHECKSUM.match(out.lines[index].rstrip())):
        return None
    at, subject = index, None
    for j in range(index - 1, max(-1, index - 500), -1):
        if (line := out.lines[j]).endswith("FAILED") and (f := _SUM_FAILED.match(line)):
            at, subject = j, f["s"]
        elif ": WARNING: " in line:
            break  # an earlier check's summary: its failures are its own
    return ErrorEvent(_CONF, Severity.HIGH, m["prog"].rsplit("/", 1)[-1], out.lines[at].strip(),
                      subject=subject, rank=Rank.ROOT, line_index=at)


def _tar_archive(out: Output, index: int) -> str | None:
    """The archive of the tar command that ran: echoed above the error (make's recipe line, a
    `set -x` trace), else on the command line."""
    for j in range(index - 1, max(-1, index - 10), -1):
        if "tar " in out.lines[j] and (m := _TAR_FILE.search(out.lines[j])):
            return m["f"]
    m = _TAR_FILE.search(out.command or "")
    return m["f"] if m else None


# bash's allocator gave up (lib/malloc/xmalloc.c, `fatal_error`): `src: xmalloc: cannot allocate
# N bytes (M bytes allocated)`, with `file:line: ` when bash was built to say where; src is the
# shell or the script, and the shell exits
_ALLOC = lazy_re(r"^(?P<src>[^:\s][^:]*): (?:sh_)?x(?:m|re)alloc: (?:[^:\s]+:\d+: )?"
                 r"cannot allocate \d+ bytes")


def _alloc_event(line: str, index: int) -> ErrorEvent | None:
    if not (m := _ALLOC.match(line)):
        return None
    name = m["src"].rsplit("/", 1)[-1].lstrip("-")
    tool = ("sh" if name == "dash" else name) if name in SHELLS else "bash"
    return ErrorEvent(Category.RUNTIME, Severity.CRITICAL, tool, line.strip(), subject="ENOMEM",
                      rank=Rank.ROOT, line_index=index)


# bash's network redirections (`exec 3<>/dev/tcp/host/port`, `> /dev/udp/host/port`): bash opens
# the socket itself and states the failure as a redirection's, the path the host and port
# (`src: line N: /dev/tcp/127.0.0.1/6399: Connection refused`), after a line of its own call's
# (`src: connect: Connection refused`, `src: host.invalid: Name or service not known`, which
# leaves the redirection with `Invalid argument`): a server not listening or a name that does
# not resolve is `network`, subject `host:port` (the host when the name did not resolve)
_NET_REDIRECT = lazy_re(
    r"^(?P<src>[^:\s][^:]*): (?:line (?P<line>\d+): )?/dev/(?:tcp|udp)/(?P<host>[^/\s]+)/(?P<port>[^/:\s]+): "
    r"(?P<why>[A-Z][a-z][^:]*)$"
)
# what getaddrinfo(3) says of a name it cannot resolve (gai_strerror), on the line before
_UNRESOLVED = ("Name or service not known", "Temporary failure in name resolution",
               "No address associated with hostname", "host unknown")


def _net_redirect_event(out: Output, i: int) -> ErrorEvent | None:
    if not (m := _NET_REDIRECT.match(out.lines[i].rstrip())):
        return None
    host, port, why = m["host"], m["port"], m["why"]
    before = out.lines[i - 1].rstrip() if i else ""
    if why == "Invalid argument" and before.endswith(_UNRESOLVED):
        subject = host  # the name did not resolve: no port was tried
    elif why == "Invalid argument":
        return None  # a port that is no service (`Servname not supported`): read elsewhere
    else:
        subject = f"{host}:{port}"
    name = m["src"].rsplit("/", 1)[-1]
    location = Location(m["src"], int(m["line"])) if m["line"] and name not in SHELLS else None
    severity = Severity.MEDIUM if "timed out" in why else Severity.HIGH
    return ErrorEvent(Category.NETWORK, severity, "sh" if name == "dash" else "bash",
                      out.lines[i].strip(), subject=subject, location=location,
                      rank=Rank.ROOT, line_index=i)


def _speaker(line: str) -> _Speaker | None:
    """Who printed a shell message, where it points, and what it says."""
    if not (m := _SPEAKER.match(line)):
        return None
    tool = "zsh" if m["zsh"] else "bash" if m["bash"] else "sh" if m["sh"] else None
    src = m["src"]
    name = src.rsplit("/", 1)[-1].lstrip("-")
    if name in SHELLS:
        return _Speaker("sh" if name == "dash" else name, None, m["rest"])
    if tool is None:  # `prog: ...` with no line: not a shell speaking
        return None
    return _Speaker(tool, Location(src, int(m[tool])), m["rest"])


def _shell_event(line: str, index: int) -> ErrorEvent | None:
    if line.startswith(": bad interpreter: "):  # `#!/bin/bash\r`: the \r ate the prefix
        return ErrorEvent(Category.CONFIGURATION, Severity.HIGH, "bash", line.strip(),
                          rank=Rank.ROOT, line_index=index, details={"cause": "CRLF"})
    speaker = _speaker(line.rstrip())
    if speaker is None:
        return None
    rest = speaker.rest
    rules = _ZSH_RULES if speaker.tool == "zsh" else _SH_RULES
    for endings, rule, category, path_if_slash in rules:
        if (endings is None or rest.endswith(endings)) and (m := rule.search(rest)):
            subject, details = m.groupdict().get("s"), {}
            if category is Category.SYNTAX:
                subject = None
            elif subject and ("\\r" in subject or "^M" in subject):
                # bash `$'\r': command not found`, zsh `command not found: ^M`: CRLF endings
                category, subject, details = _CONF, None, {"cause": "CRLF"}
            elif category is Category.RUNTIME:
                subject = _ERRNO.get(subject, subject)  # an errno, or a readonly variable
            elif subject and _installed_program(subject):
                category = _DEP  # `./node_modules/.bin/eslint: No such file`: not installed yet
            elif path_if_slash and "/" in subject:
                category = Category.CONFIGURATION  # `./deploy.sh: not found`: a path
            elif category is _DEP and speaker.location and _dotenv(speaker.location.path):
                # `.env: line 2: Blog: command not found`: `NAME=My Blog` unquoted in a sourced
                # env file runs the value's second word: the file's text is wrong
                category, subject = _SYN, None
            elif category is _DEP and speaker.tool == "sh" and subject in _BASHISMS:
                category, details = _CONF, {"needs": "bash"}  # a bash script run by dash
            if script := m.groupdict().get("script"):  # bash 5.2 does not name the #!
                details["script"] = script
            location = speaker.location
            if location and location.path == subject:
                # zsh names a file it could not `source` as the place (`x.sh:source:3:`):
                # the line is the sourcing script's, whose name it does not print
                location = None
            return ErrorEvent(category, Severity.HIGH, speaker.tool, line.strip(),
                              subject=subject, location=location, rank=Rank.ROOT,
                              line_index=index, details=details)
    return None


# the folders package managers install programs into: a program missing there is a package
# not installed yet (`npm ci`, `composer install`, `python -m venv` + `pip install`), not a typo
_INSTALL_DIRS = lazy_re(r"(?:^|/)(?:node_modules/\.bin|vendor/bin|\.?venv/bin|\.tox/[^/]+/bin"
                        r"|bower_components/\.bin)/(?!activate)[^/]+$")


def _installed_program(path: str) -> bool:
    return "bin/" in path and _INSTALL_DIRS.search(path) is not None


def _usage_trailer_event(out: Output, i: int) -> ErrorEvent | None:
    """The complaint over GNU's `Try 'prog --help'` that no other reading of this family takes."""
    if i == 0 or not (m := _TRY_HELP.match(out.lines[i].rstrip())) or m["prog"] in _NOT_PROGRAMS:
        return None
    above = out.lines[i - 1].rstrip()
    prog = m["prog"]
    if not above.startswith(prog + ": ") or any(word in above for word in _GETOPT):
        return None
    if (_BAD_VALUE.match(above) or _OPERAND.match(above) or _USAGE.match(above) or _SAME_FILE.match(above)
            or _XARGS_RANGE.match(above)):
        return None  # read with the invalid values, the operands, the options
    quoted = _QUOTED.search(above, len(prog) + 2)
    return ErrorEvent(_CONF, Severity.HIGH, prog, above.strip(), subject=quoted and quoted["s"],
                      rank=Rank.ROOT, line_index=i - 1)


def _dotenv(path: str) -> bool:
    """A dotenv file (`.env`, `.env.local`, `prod.env`): assignments, no commands."""
    name = path.rsplit("/", 1)[-1]
    return name == ".env" or name.startswith(".env.") or name.endswith(".env")


_PREFIX_TOOL = {": line ": "bash", ": ": "sh", ":": "zsh"}
_SCRIPT_SUFFIXES = (".sh", ".bash", ".zsh", ".ksh", ".env", ".envrc", ".zshrc", ".bashrc",
                    ".profile")


def _script_name(path: str) -> bool:
    """A name a shell script has: a shell suffix, or none at all (`bin/deploy`)."""
    name = path.rsplit("/", 1)[-1]
    return "." not in name.lstrip(".") or name.endswith(_SCRIPT_SUFFIXES)


def _guard_event(line: str, index: int) -> ErrorEvent | None:
    """A `${NAME:?message}` guard that stopped the shell: the parameter is the subject."""
    if not (m := _GUARD.match(line.rstrip())):
        return None
    name, src = m["s"], m["src"]
    if name in _BUILTINS or name.endswith("Warning") or _NOT_GUARD.search(m["msg"]):
        return None  # `sys:1: RuntimeWarning: ...`: Python's warnings have this shape too
    shell = src.rsplit("/", 1)[-1].lstrip("-")
    if shell in SHELLS:  # `bash -c`, `sh -c`: no file
        tool, location = ("sh" if shell == "dash" else shell), None
    elif _script_name(src):
        tool = _PREFIX_TOOL[line[m.end("src"):m.start("line")]]
        location = Location(src, int(m["line"]))
    else:
        return None  # `views.py:12: DeprecationWarning: ...`, `a.py:1:1: E302`: not a shell
    subject = f"${name}" if name[0].isdigit() else name
    return ErrorEvent(_CONF, Severity.HIGH, tool, line.strip(), subject=subject,
                      location=location, rank=Rank.ROOT, line_index=index,
                      details={"guard": m["msg"]})


# a script's own check of what it needs, that stopped it (`command -v docker || { echo 'error:
# docker is required' >&2; exit 1; }`): the wordings such guards use, behind an optional `error:`
# / `[ERROR]` / `prog:` prefix, naming one thing: a program (`dependency`, subject it), an
# environment variable (`DATABASE_URL is required`), an option (`--env is required`) or a file
# (`config.yml is missing`) (`configuration`, subject it). A guard exits at once, so it is looked
# for in the tail of a failed output only; nouns that are no program (`password is required`)
# are left to others
# (`Error:` / `ValueError:` / `Exception:` open a JS or Python exception, the families of those
# runtimes read them with their frames)
_PREREQ_PREFIX = (r"^(?:(?:\[?(?:error|ERROR|fatal|FATAL)\]?:?|[✗✘]|\*\*\*|==>(?: ERROR:)?"
                  r"|(?![\w.]*(?:Error|Exception|Warning)\b)[\w.-]+:)\s+)?")
_PREREQ_NAME = r"(?:[`'\"‘](?P<q>[^`'\"’\s]+)[`'\"’]|(?P<s>[\w.+-]+))"
_PREREQ = lazy_re(
    _PREREQ_PREFIX + _PREREQ_NAME
    + r" (?P<verb>is required|is not installed|(?:is )?not found in (?:your )?\$?PATH|could not be found"
      r"|is missing|(?:must|needs to) be installed)"
      r"(?:(?:[,;:.!(]| but | to | on | in | or | for | and | - )[^\n]*)?$"
)
_PLEASE_INSTALL = lazy_re(_PREREQ_PREFIX + r"(?P<verb>[Pp]lease install|[Ii]nstall) " + _PREREQ_NAME
                          + r"(?: first| and (?:try|run) (?:it )?again)?[.!]?$")

_NOT_A_PROGRAM = frozenset({
    "name", "password", "argument", "arguments", "value", "field", "option", "input", "file", "path",
    "url", "token", "key", "email", "username", "user", "version", "id", "message", "title", "body",
    "parameter", "it", "this", "that", "authentication", "login", "one", "something", "target",
    "output", "command", "action", "config", "configuration", "the", "a", "an", "them", "all",
    "dependencies", "everything", "confirmation", "approval", "signature", "description", "host",
    "port", "data", "type", "content", "request", "response", "payload", "project", "directory",
    "folder", "tag", "branch", "image", "region", "account", "scope", "namespace", "cluster",
    # types, as a wrapped type error ends (terraform: `... a\nnumber is required.`)
    "number", "string", "bool", "boolean", "list", "map", "object", "integer", "int", "float",
    "array", "tuple", "set",
})
_CONFIG_FILE = lazy_re(r"\.(?:ya?ml|json|toml|ini|env|cfg|conf|txt|lock|pem|key|crt|sh|properties)$")


# a file a program could not open, named bare with fopen's reason and no program before it:
# wget's output file (`dist/app.tgz: Not a directory`, http.c `"%s: %s\n", local_file,
# strerror`) run from a script whose command line does not say wget: at the end of a failed
# output, a path (a folder in it, or a file's extension) that is wrong (`configuration`) or
# denied (`permission`), subject the path as printed; wget's own run is read by http.py
_BARE_WHY = ("No such file or directory", "Not a directory", "Is a directory", "Permission denied",
             "Read-only file system")
_BARE_PATH = lazy_re(r"^(?P<p>[\w.~-]*/[\w./~-]*[\w~-]|[\w-][\w.-]*\.[A-Za-z][\w]{0,7}): "
                     r"(?P<why>No such file or directory|Not a directory|Is a directory|Permission denied"
                     r"|Read-only file system)$")


def _bare_path_event(line: str, index: int, tool: str | None) -> ErrorEvent | None:
    if tool in ("wget", "curl") or not line.endswith(_BARE_WHY) or not (m := _BARE_PATH.match(line)):
        return None
    if m["p"].rsplit("/", 1)[-1] in SHELLS:
        return None  # `/bin/bash: Permission denied`: an interpreter, read with the shell's lines
    denied = m["why"].startswith(("Permission", "Read-only"))
    return ErrorEvent(Category.PERMISSION if denied else _CONF, Severity.HIGH, tool or "sh", line.strip(),
                      subject=m["p"], rank=Rank.ROOT, line_index=index)


def _prerequisite_event(line: str, index: int, tool: str | None) -> ErrorEvent | None:
    # a guard's line is short; every wording above has one of these words (`in` is cheap)
    if len(line) > 200 or not (" is " in line or "nstall" in line or " found" in line):
        return None
    m = _PREREQ.match(line.rstrip()) or _PLEASE_INSTALL.match(line.rstrip())
    if not m:
        return None
    name = m["q"] or m["s"]
    if name.lower() in _NOT_A_PROGRAM or name.isdigit():
        return None
    installs = "install" in m["verb"]
    if name.startswith("-"):
        category = _CONF  # an option the command needs
    elif not installs and name.isupper() and "_" in name:
        category = _CONF  # an environment variable
    elif not installs and ("/" in name or name.startswith(".") or _CONFIG_FILE.search(name)):
        category = _CONF  # a file
    else:
        category = _DEP
    return ErrorEvent(category, Severity.HIGH, tool or "sh", line.strip(), subject=name,
                      rank=Rank.ROOT, line_index=index, details={"guard": "prerequisite"})


def _program_event(line: str, index: int, command: str | None) -> ErrorEvent | None:
    if not line.endswith(_PROGRAM_ENDINGS):
        return None  # none of the three regexes below can match
    m = _PROGRAM.match(line) or _PROGRAM_FULL.match(line)
    if not m:
        if (m := _PROGRAM_NOT_FOUND.match(line)) and m["prog"] not in _NOT_PROGRAMS:
            category = Category.CONFIGURATION if "/" in m["s"] else Category.DEPENDENCY
            return ErrorEvent(category, Severity.HIGH, m["prog"], line.strip(),
                              subject=m["s"], rank=Rank.ROOT, line_index=index)
        return None
    prog = m["prog"].rsplit("/", 1)[-1]
    if prog in _NOT_PROGRAMS:
        return None
    why, groups = m["why"], m.groupdict()
    # `mv: cannot move 'a' to 'b/': reason`: a missing source is `cannot stat 'a'`, so the
    # reason is the destination's (its folder is not there, or not writable)
    path = groups.get("to") or groups.get("q") or groups.get("p") or groups.get("r")
    if why in _ERRNO:  # a resource ran out or is held: the call failed, whatever the path
        return ErrorEvent(Category.RUNTIME, Severity.HIGH, prog, line.strip(),
                          subject=_ERRNO[why], rank=Rank.ROOT, line_index=index,
                          details={"path": path})
    if why in _PATH_WRONG.split("|"):
        category = Category.CONFIGURATION  # a path in the way, or of the wrong kind
    elif why.startswith("No such"):
        launched = prog in _LAUNCHERS and "/" not in path  # a path is the user's to correct
        # a launcher's missing command follows its name or `failed to run command` (`xargs: eslint:
        # ...`, `nohup: failed to run command 'x'`); a file it opens is not one (`xargs: Cannot
        # open input file ‘urls.txt’: ...`, `find: cannot read ...`)
        if launched and _OPENED.search(line, 0, line.find(path)):
            launched = False
        if launched and prog == "find":
            launched = any(p["prog"] == path for p in _FIND_EXEC.finditer(command or ""))
        category = Category.DEPENDENCY if launched else Category.CONFIGURATION
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
    if m["cmd"] and m["src"] is None and line[m.start("cmd") - 1] != " ":
        return None  # zsh's `zsh: alarm...` is only a signal when a space follows it
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
