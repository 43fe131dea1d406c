"""git: its `fatal:` / `error:` lines, the transports it runs (libcurl, ssh), merge conflicts.

git says one thing per line and says it in fixed English, so each kind is one rule keyed by a
literal. The transports speak their own words inside git's: `unable to access 'URL': <curl>`
is read by the curl reading of `http.py`; ssh prints its own `ssh: ...` lines.

Readings that need a decision:
- refusals that need the repository set up differently are `configuration`: not a
  repository, no identity (`user.email`, `user.name`), a pathspec or ref that matches
  nothing, no upstream, divergent branches without `pull.rebase`, a stale `index.lock`, a
  push the remote rejects as non-fast-forward (subject the remote branch: pull first);
- a push a server hook declines is `permission` when the hook's `remote:` lines say it is not
  allowed (a protected branch, a push policy), else `configuration` like other rejections;
- `dubious ownership` is `permission`, subject the repository: git refuses a repository
  another user owns, the same refusal as a denied path (the fix it prints is a trust entry);
- failed authentication is `permission`, subject the URL;
- a merge conflict is `syntax` at the conflicted file: git wrote conflict markers into it,
  and what the user must do is edit that file;
- a patch that does not apply is `configuration`, subject the file (the patch was made for
  another version of it); a corrupt patch is `syntax`;
- `nothing to commit` makes `git commit` exit 1 but is not an error: `info`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from lsp_heal.detect._regex import lazy_re
from lsp_heal.detect.http import host_of, transfer_reading
from lsp_heal.detect.output import Output
from lsp_heal.model import Category, ErrorEvent, Location, Rank, Severity

_CONF, _PERM, _NET = Category.CONFIGURATION, Category.PERMISSION, Category.NETWORK

_Reading = tuple[Category, Severity, str | None]
_Rule = tuple[str, re.Pattern[str], Callable[[re.Match[str]], _Reading]]


def _fixed(category: Category, subject: str | None = None,
           severity: Severity = Severity.HIGH) -> Callable[[re.Match[str]], _Reading]:
    """A rule whose reading is always the same."""
    return lambda m: (category, severity, subject)


def _named(category: Category) -> Callable[[re.Match[str]], _Reading]:
    """A rule whose subject is the group `s`."""
    return lambda m: (category, Severity.HIGH, m["s"])


def _access(m: re.Match[str]) -> _Reading:
    return transfer_reading(m["msg"], m["url"]) or (_NET, Severity.HIGH, host_of(m["url"]))


_DENIED = lazy_re(r"denied|protected|permission|not allowed|forbidden", re.IGNORECASE)


def _remote_rejected(m: re.Match[str]) -> _Reading:
    denied = _DENIED.search(m["why"])
    return (_PERM if denied else _CONF), Severity.HIGH, m["dst"]


def _hook_says_denied(out: Output, i: int) -> bool:
    """A hook that declines a push explains itself in the `remote:` lines above the
    `[remote rejected]` line (GitLab's protected branches, a server's push policy)."""
    for j in range(i - 1, max(-1, i - 30), -1):
        line = out.lines[j]
        if line.startswith("remote: "):
            if _DENIED.search(line):
                return True
        elif not line.startswith(("To ", " ! ", " + ", "   ")):
            return False
    return False


def _ssh_connect(m: re.Match[str]) -> _Reading:
    timeout = "timed out" in m["why"]
    return _NET, Severity.MEDIUM if timeout else Severity.HIGH, f"{m['host']}:{m['port']}"


_R = lazy_re
# (literal that must be on the line, rule, reading)
_RULES: list[_Rule] = [
    ("not a git repository", _R(r"^fatal: not a git repository.*: '?(?P<s>[^':]+?)'?$"),
     _named(_CONF)),
    ("dubious ownership", _R(r"^fatal: detected dubious ownership in repository at '(?P<s>.+)'$"),
     _named(_PERM)),
    ("identity unknown", _R(r"^(?:Author|Committer) identity unknown$"),
     _fixed(_CONF, "user.email")),
    ("unable to auto-detect email", _R(r"^fatal: unable to auto-detect email address"),
     _fixed(_CONF, "user.email")),
    ("empty ident name", _R(r"^fatal: empty ident name"), _fixed(_CONF, "user.name")),
    ("rejected]", _R(r"^ ! \[rejected\] +\S+ -> (?P<s>\S+) \((?P<why>[^)]+)\)$"),
     _named(_CONF)),
    ("remote rejected]", _R(r"^ ! \[remote rejected\] +\S+ -> (?P<dst>\S+) \((?P<why>.+)\)$"),
     _remote_rejected),
    ("unable to access '", _R(r"^fatal: unable to access '(?P<url>[^']+)': (?P<msg>.+)$"),
     _access),
    ("ssh: connect to host",
     _R(r"^ssh: connect to host (?P<host>\S+) port (?P<port>\d+): (?P<why>.+)$"), _ssh_connect),
    ("ssh: Could not resolve hostname",
     _R(r"^ssh: Could not resolve hostname (?P<s>[^:\s]+):"), _named(_NET)),
    ("Permission denied (", _R(r"^(?P<s>\S+): Permission denied \([\w,-]+\)\.$"),
     _named(_PERM)),
    ("unable to connect to ", _R(r"^fatal: unable to connect to (?P<s>\S+?):?$"),
     _named(_NET)),
    ("for '", _R(r"^fatal: (?:could not read (?:Username|Password)|Authentication failed) "
                 r"for '(?P<s>[^']+)'"), _named(_PERM)),
    ("fatal: repository '", _R(r"^fatal: repository '(?P<s>[^']+)' (?:not found|does not exist)"),
     _named(_CONF)),
    ("does not appear to be a git repository",
     _R(r"^fatal: '(?P<s>[^']+)' does not appear to be a git repository$"), _named(_CONF)),
    ("pathspec '", _R(r"^(?:error|fatal): pathspec '(?P<s>[^']+)' did not match any"),
     _named(_CONF)),
    ("src refspec ", _R(r"^error: src refspec (?P<s>\S+) does not match any"),
     _named(_CONF)),
    ("unknown revision", _R(r"^fatal: ambiguous argument '(?P<s>[^']+)': unknown revision"),
     _named(_CONF)),
    ("bad revision '", _R(r"^fatal: bad revision '(?P<s>[^']+)'"), _named(_CONF)),
    ("invalid reference: ", _R(r"^fatal: invalid reference: (?P<s>\S+)$"), _named(_CONF)),
    ("ot a valid object name", _R(r"^fatal: [Nn]ot a valid object name:? '?(?P<s>[^'\s]+)'?"),
     _named(_CONF)),
    ("is not fully merged", _R(r"^error: [Tt]he branch '(?P<s>[^']+)' is not fully merged"),
     _named(_CONF)),
    ("' not found", _R(r"^error: branch '(?P<s>[^']+)' not found"), _named(_CONF)),
    # a branch, tag, remote or worktree path that is already there
    ("already exists", _R(r"^(?:fatal|error): (?:a branch named |tag |remote |a remote named )?"
                          r"'?(?P<s>[^'\s]+?)'?\.? already exists"), _named(_CONF)),
    # git apply / am: a patch whose context does not match the file, a patch that does not parse
    ("patch does not apply", _R(r"^error: (?P<s>\S+): patch does not apply$"), _named(_CONF)),
    ("corrupt patch at line", _R(r"^(?:error|fatal): corrupt patch at line \d+"),
     _fixed(Category.SYNTAX)),
    ("is not a git command", _R(r"^git: '(?P<s>[^']+)' is not a git command"),
     _named(_CONF)),
    ("has no upstream branch", _R(r"^fatal: The current branch (?P<s>\S+) has no upstream"),
     _named(_CONF)),
    ("reconcile divergent branches",
     _R(r"^fatal: Need to specify how to reconcile divergent branches"),
     _fixed(_CONF, "pull.rebase")),
    # a ref the remote does not have (fetch / pull of a named branch or tag)
    ("couldn't find remote ref", _R(r"^fatal: couldn't find remote ref (?P<s>\S+)$"),
     _named(_CONF)),
    # pull / rebase on a branch with no upstream: the branch is named in the hint that follows
    ("There is no tracking information for the current branch",
     _R(r"^There is no tracking information for the current branch\.$"), _fixed(_CONF)),
    # rebase / pull --rebase refuse to start over a dirty work tree
    ("error: cannot ", _R(r"^error: cannot (?:rebase|pull with rebase|cherry-pick|revert): "
                          r"(?:You have unstaged changes|Your index contains uncommitted changes)"),
     _fixed(_CONF)),
    ("refusing to merge unrelated histories", _R(r"^fatal: refusing to merge unrelated"),
     _fixed(_CONF)),
    ("File exists", _R(r"^fatal: Unable to create '(?P<s>[^']+)': File exists\.$"),
     _named(_CONF)),
    ("already exists and is not an empty directory",
     _R(r"^fatal: destination path '(?P<s>[^']+)' already exists"), _named(_CONF)),
    ("insufficient permission", _R(r"^error: insufficient permission for adding an object "
                                   r"to repository database (?P<s>\S+)$"), _named(_PERM)),
    ("Permission denied", _R(r"^(?:error|fatal): .*?'?(?P<s>[^\s':]+)'?: Permission denied$"),
     _named(_PERM)),
    ("nothing to commit", _R(r"^nothing to commit\b"), _fixed(_CONF, None, Severity.INFO)),
    ("nothing added to commit", _R(r"^nothing added to commit but untracked files present"),
     _fixed(_CONF, None, Severity.LOW)),
    ("no changes added to commit", _R(r"^no changes added to commit"),
     _fixed(_CONF, None, Severity.LOW)),
]
# a recap of what the lines above said
_SUMMARIES = {"fatal: unable to auto-detect email", "nothing to commit", "no changes added",
              "nothing added to commit"}

_CONFLICT = _R(r"^CONFLICT \((?P<kind>[^)]+)\): (?:Merge conflict in (?P<path>.+)|"
               r"(?P<other>\S+) .+)$")
_OVERWRITTEN = "error: Your local changes to the following files would be overwritten by "


def parse(out: Output) -> Iterator[ErrorEvent]:
    for literal, rule, reading in _RULES:
        for i in out.find(literal):
            line = out.lines[i]
            if m := rule.match(line):
                category, severity, subject = reading(m)
                if reading is _remote_rejected and category is _CONF and _hook_says_denied(out, i):
                    category = _PERM
                if subject is None and line.startswith("There is no tracking information"):
                    subject = _untracked_branch(out, i)
                rank = Rank.SUMMARY if line.startswith(tuple(_SUMMARIES)) else Rank.ROOT
                yield ErrorEvent(category, severity, "git", line.strip(), subject=subject,
                                 rank=rank, line_index=i)
    yield from _conflicts(out)
    for i in out.find(_OVERWRITTEN):
        yield ErrorEvent(_CONF, Severity.HIGH, "git", out.lines[i].strip(),
                         subject=out.line(i + 1).strip() or None, rank=Rank.ROOT, line_index=i)


_SET_UPSTREAM = _R(r"^\s+git branch --set-upstream-to=\S+ (?P<s>\S+)$")


def _untracked_branch(out: Output, i: int) -> str | None:
    """git's advice after `no tracking information` ends with the branch's name."""
    for j in range(i + 1, min(len(out.lines), i + 14)):
        if m := _SET_UPSTREAM.match(out.lines[j]):
            return m["s"]
    return None


def _conflicts(out: Output) -> Iterator[ErrorEvent]:
    for i in out.find("CONFLICT ("):
        if m := _CONFLICT.match(out.lines[i]):
            path = m["path"] or m["other"]
            yield ErrorEvent(Category.SYNTAX, Severity.HIGH, "git", out.lines[i].strip(),
                             location=Location(path), rank=Rank.ROOT, line_index=i,
                             details={"conflict": m["kind"]})
