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
- a command refused over an unresolved conflict (`Committing is not possible because you have
  unmerged files`) is `syntax` too, at the `U` file git lists when it lists one;
- a program git runs that is not installed (`cannot run vim`) is `dependency`; a config file git
  cannot parse (`bad config line 6 in file .git/config`) is `syntax` at that line;
- a config variable that stops a command or holds a value git cannot read
  (`clean.requireForce`, `bad numeric config value 'x' for 'core.compression'`) is
  `configuration`, subject the variable; a file git was told to read or lock (`commit -F`,
  `config --global`) is `configuration`, or `permission` when it was denied;
- `nothing to commit` makes `git commit` exit 1 but is not an error: `info`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from lsp_heal.detect._regex import lazy_re
from lsp_heal.detect._wrapped import SHELLS
from lsp_heal.detect.http import host_of, host_port, status_reading, transfer_reading, url_of
from lsp_heal.detect.output import Output
from lsp_heal.model import Category, ErrorEvent, Location, Rank, Severity

_CONF, _PERM, _NET, _SYN = (Category.CONFIGURATION, Category.PERMISSION, Category.NETWORK,
                          Category.SYNTAX)

_Reading = tuple[Category, Severity, str | None]
_Rule = tuple[str, re.Pattern[str], Callable[[re.Match[str]], _Reading]]


def _fixed(category: Category, subject: str | None = None,
           severity: Severity = Severity.HIGH) -> Callable[[re.Match[str]], _Reading]:
    """A rule whose reading is always the same."""
    return lambda m: (category, severity, subject)


def _named(category: Category) -> Callable[[re.Match[str]], _Reading]:
    """A rule whose subject is the group `s`."""
    return lambda m: (category, Severity.HIGH, m["s"])


def _denied_or_conf(m: re.Match[str]) -> _Reading:
    """A path git could not use: `permission` when it was denied, else `configuration`."""
    denied = m["why"].startswith(("Permission denied", "Read-only", "Operation not permitted"))
    return (_PERM if denied else _CONF), Severity.HIGH, m["s"]


def _access(m: re.Match[str]) -> _Reading:
    return transfer_reading(m["msg"], m["url"]) or (_NET, Severity.HIGH, host_of(m["url"]))


# git subcommands that are programs of their own (`git-lfs` on PATH), packaged apart from git
# (Debian ships git-svn, git-email, git-gui, git-cvs apart too): when git does not know one,
# the program is not installed, where another word is a typo of git's own commands
_EXTERNAL_COMMANDS = frozenset({
    "lfs", "flow", "crypt", "secret", "secrets", "annex", "filter-repo", "review", "absorb",
    "subrepo", "town", "machete", "branchless", "credential-manager", "svn", "send-email", "gui",
    "citool", "cola", "p4", "cvsimport", "cvsserver", "archimport", "imerge", "sizer",
    "quick-stats", "extras", "ignore", "standup", "delete-merged-branches", "mediate",
})


# remote helpers that are separate programs (`hg::https://...`, `gcrypt::`, `codecommit://`):
# git runs `git remote-<scheme>` for a URL's scheme; a missing one of these is to install
_EXTERNAL_HELPERS = frozenset({
    "hg", "bzr", "gcrypt", "codecommit", "s3", "ipfs", "ipld", "dropbox", "keybase", "gitopolis",
    "git-lfs", "fossil", "mediawiki", "bitbucket", "gcs", "http-push",
})


def _git_command(m: re.Match[str]) -> _Reading:
    """`git: 'x' is not a git command`; `x` = `remote-<scheme>` is git looking for the helper of a
    URL's scheme (`htps://...` runs `git remote-htps`): a typo in the URL, subject the scheme,
    unless the scheme is one whose helper is a program to install (`git-remote-hg`)."""
    name = m["s"]
    if name.startswith("remote-"):
        return _remote_helper(name[7:])
    if name in _EXTERNAL_COMMANDS:
        return Category.DEPENDENCY, Severity.HIGH, f"git-{name}"
    return _CONF, Severity.HIGH, name


def _remote_helper(scheme: str) -> _Reading:
    if scheme in _EXTERNAL_HELPERS:
        return Category.DEPENDENCY, Severity.HIGH, f"git-remote-{scheme}"
    return _CONF, Severity.HIGH, scheme


def _helper_missing(m: re.Match[str]) -> _Reading:
    return _remote_helper(m["s"])


# (receive-pack's `shallow update not allowed` is the repository's setting, not a refusal of
# the pusher: a shallow clone pushing history the other side lacks)
# (`deletion prohibited`: receive.denyDeletes, a server that protects its branches from deletion)
_DENIED = lazy_re(r"denied|protected|permission|(?<!shallow update )not allowed|forbidden|prohibited",
                  re.IGNORECASE)


def _remote_rejected(m: re.Match[str]) -> _Reading:
    # a server that refuses a non-fast-forward the pusher forced (receive.denyNonFastForwards,
    # a protected branch): its policy, since an unforced one is refused by the client (` ! [rejected]`)
    denied = _DENIED.search(m["why"]) or m["why"] == "non-fast-forward"
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


def _short_ref(ref: str) -> str:
    """`refs/heads/main` → `main`, as git's human-readable lines name it."""
    for prefix in ("refs/heads/", "refs/tags/"):
        if ref.startswith(prefix):
            return ref[len(prefix):]
    return ref


def _porcelain_rejected(m: re.Match[str]) -> _Reading:
    """`git push --porcelain`: `!<TAB>src:dst<TAB>[rejected] (why)`, full ref names."""
    dst = _short_ref(m["dst"])
    if m["kind"] == "remote rejected" and (_DENIED.search(m["why"]) or m["why"] == "non-fast-forward"):
        return _PERM, Severity.HIGH, dst
    return _CONF, Severity.HIGH, dst


def _changed_dir(m: re.Match[str]) -> _Reading:
    denied = m["why"].startswith(("Permission denied", "Operation not permitted"))
    return (_PERM if denied else _CONF), Severity.HIGH, m["s"]


def _moved(m: re.Match[str]) -> _Reading:
    """git mv names both paths; the reason says which one is wrong."""
    return _CONF, Severity.HIGH, m["dst"] if m["why"].startswith("destination") else m["src"]


def _unknown_option(m: re.Match[str]) -> _Reading:
    name = m["s"]
    if not name.startswith("-"):
        name = ("--" if m["kind"] == "option" else "-") + name
    return _CONF, Severity.HIGH, name


def _diff_outside_repository(out: Output, i: int) -> bool:
    """`git diff --cached` run outside a repository: diff falls back to `--no-index`, which
    refuses the option and prints its own usage; the command did not ask for `--no-index`."""
    return (out.line(i + 1).startswith("usage: git diff --no-index ")
            and "--no-index" not in (out.command or "--no-index"))


def _ssh_connect(m: re.Match[str]) -> _Reading:
    timeout = "timed out" in m["why"]
    return _NET, Severity.MEDIUM if timeout else Severity.HIGH, host_port(m["host"], m["port"])


_R = lazy_re
# git asked for credentials it could not get, or the server refused them (two openings)
_AUTH_FAILED = _R(r"^fatal: (?:could not read (?:Username|Password)|Authentication failed) "
                  r"for '(?P<s>[^']+)'")
# (literal that must be on the line, rule, reading); a literal that begins with a line end
# (`"\nfatal: ..."`) is looked for at line starts only: the rule's regex opens with it, and the
# other tools' lines that merely contain its words are never tried
_RULES: list[_Rule] = [
    # setup.c: `(or any of the parent directories): .git`, a `GIT_DIR` or gitfile that is no
    # repository (`: '/x'`), or a search stopped at a mount point (GIT_DISCOVERY_ACROSS_FILESYSTEM),
    # which names no `.git`: no subject, the mount point is not what is missing
    ("\nfatal: not a git repository",
     _R(r"^fatal: not a git repository(?:.*: '?(?P<s>[^':]+?)'?| \(or any parent up to mount point .+\))$"),
     _named(_CONF)),
    # builtin/diff.c outside a repository with arguments that are not two paths: a warning, then
    # the usage of `diff --no-index` and exit 129; the command needed a repository (no subject:
    # git names no `.git` here)
    ("\nwarning: Not a git repository. Use --no-index",
     _R(r"^warning: Not a git repository\. Use --no-index to compare two paths outside a working tree"),
     _fixed(_CONF)),
    ("\nfatal: detected dubious ownership",
     _R(r"^fatal: detected dubious ownership in repository at '(?P<s>.+)'$"),
     _named(_PERM)),
    ("identity unknown", _R(r"^(?:Author|Committer) identity unknown$"),
     _fixed(_CONF, "user.email")),
    ("\nfatal: unable to auto-detect email", _R(r"^fatal: unable to auto-detect email address"),
     _fixed(_CONF, "user.email")),
    ("\nfatal: empty ident name", _R(r"^fatal: empty ident name"), _fixed(_CONF, "user.name")),
    # clone / fetch / pull's check of --depth (builtin/clone.c, fetch.c); a CI step may tag the
    # line (`[checkout] fatal: ...`), so the literal is not anchored at the line start
    ("fatal: depth ", _R(r"^(?:\[[^\]\s]{1,40}\] *)?fatal: depth \S+ is not a positive number$"),
     _fixed(_CONF, "--depth")),
    # (a deletion names the ref alone: ` ! [remote rejected] old (deletion prohibited)`)
    # fetch aligns its columns (` ! [rejected]        v1.0       -> v1.0  (would clobber existing
    # tag)`), push separates by one space: the destination ref either way
    ("\n ! [rejected] ", _R(r"^ ! \[rejected\] +(?:\S+ +-> +)?(?P<s>\S+) +\((?P<why>[^)]+)\)$"),
     _named(_CONF)),
    # pull whose configured upstream branch the remote no longer has (builtin/pull.c
    # die_no_merge_candidates: `Your configuration specifies to merge with the ref '%s'` /
    # `from the remote, but no such ref was fetched.`): the branch, as git's other lines name it
    ("\nYour configuration specifies to merge with the ref '",
     _R(r"^Your configuration specifies to merge with the ref '(?P<s>[^']+)'"),
     lambda m: (_CONF, Severity.HIGH, _short_ref(m["s"]))),
    # notes add / copy onto an object that has a note (builtin/notes.c): `Use '-f'` is advice,
    # not the thing to fix; the object is a hash: no subject
    (" Found existing notes for object ", _R(r"^error: Cannot (?:add|copy) notes\. Found existing notes for object "),
     _fixed(_CONF)),
    ("\n ! [remote rejected] ",
     _R(r"^ ! \[remote rejected\] +(?:\S+ -> )?(?P<dst>\S+) \((?P<why>.+)\)$"),
     _remote_rejected),
    ("rejected] (", _R(r"^!\t[^\t]*:(?P<dst>[^\t]+)\t\[(?P<kind>(?:remote )?rejected)\] "
                       r"\((?P<why>.+)\)$"), _porcelain_rejected),
    ("\nfatal: unable to access '", _R(r"^fatal: unable to access '(?P<url>[^']+)': (?P<msg>.+)$"),
     _access),
    ("\nssh: connect to host ",
     _R(r"^ssh: connect to host (?P<host>\S+) port (?P<port>\d+): (?P<why>.+)$"), _ssh_connect),
    ("\nssh: Could not resolve hostname ",
     _R(r"^ssh: Could not resolve hostname (?P<s>[^:\s]+):"), _named(_NET)),
    ("Permission denied (", _R(r"^(?P<s>\S+): Permission denied \([\w,-]+\)\.$"),
     _named(_PERM)),
    # `git describe --exact-match` of a commit no tag points at: the repository lacks the tag
    # (the sha is the commit, not the thing to fix; like `No names found`, no subject)
    ("\nfatal: no tag exactly matches '", _R(r"^fatal: no tag exactly matches '[0-9a-f]+'$"), _fixed(_CONF)),
    # git grep's pattern that does not compile (grep.c compile_regexp_failed: `'<pattern>':
    # <regerror>`, `command line, ` before it for -e / a bare pattern): the user's pattern,
    # `configuration`, subject the pattern as given
    ("\nfatal: command line, '", _R(r"^fatal: command line, '(?P<s>.*)': [^']+$"), _named(_CONF)),
    ("\nfatal: unable to connect to ", _R(r"^fatal: unable to connect to (?P<s>\S+?):?$"),
     _named(_NET)),
    ("\nfatal: could not read ", _AUTH_FAILED, _named(_PERM)),
    ("\nfatal: Authentication failed for '", _AUTH_FAILED, _named(_PERM)),
    ("\nfatal: repository '", _R(r"^fatal: repository '(?P<s>[^']+)' (?:not found|does not exist)"),
     _named(_CONF)),
    ("does not appear to be a git repository",
     _R(r"^fatal: '(?P<s>[^']+)' does not appear to be a git repository$"), _named(_CONF)),
    # commands that prefix the pathspecs they pass on print git's long magic before the path
    # (`git stash push -- x` -> `':(,prefix:0)x'`, a user's `':(glob)x/**'`): the path is the subject
    ("pathspec '", _R(r"^(?:error|fatal): pathspec '(?::\([^)']*\))?(?P<s>[^']+)' did not match any"),
     _named(_CONF)),
    # a source ref that names nothing, or several things (`v1` both a tag and a branch: push.c
    # `src refspec %s matches more than one`): the ref the user gave, `configuration`
    ("\nerror: src refspec ", _R(r"^error: src refspec (?P<s>\S+) (?:does not match any|matches more than one)"),
     _named(_CONF)),
    # a repository whose object store or index is damaged (a crash, a full disk mid-write):
    # object-file.c `object file %s is empty`, `loose object %s (stored in %s) is corrupt`,
    # packfile.c `packed object %s (stored in %s) is corrupt`, read-cache.c `index file corrupt`,
    # `bad signature 0x%08x`: nothing the user typed is wrong, the data is; `runtime`, critical,
    # no subject (the object's hash names no fix; `git fsck` and a fresh clone are the cure)
    ("\nerror: object file ", _R(r"^error: object file \S+ is empty$"),
     _fixed(Category.RUNTIME, None, Severity.CRITICAL)),
    (" is corrupt", _R(r"^(?:fatal|error): (?:loose|packed) object [0-9a-f]+ \(stored in \S+\) is corrupt$"),
     _fixed(Category.RUNTIME, None, Severity.CRITICAL)),
    ("\nfatal: index file corrupt", _R(r"^fatal: index file corrupt$"),
     _fixed(Category.RUNTIME, None, Severity.CRITICAL)),
    ("unknown revision", _R(r"^fatal: ambiguous argument '(?P<s>[^']+)': unknown revision"),
     _named(_CONF)),
    ("\nfatal: bad revision '", _R(r"^fatal: bad revision '(?P<s>[^']+)'"), _named(_CONF)),
    # refs.c on a ref that is no symbolic one (`git symbolic-ref HEAD` in a detached checkout:
    # `fatal: ref HEAD is not a symbolic ref`) or that is not there (`fatal: No such ref: HEAD`):
    # `configuration`, subject the ref as printed
    ("\nfatal: ref ", _R(r"^fatal: ref (?P<s>\S+) is not a symbolic ref$"), _named(_CONF)),
    ("\nfatal: No such ref: ", _R(r"^fatal: No such ref: '?(?P<s>[^'\s]+)'?$"), _named(_CONF)),
    ("\nfatal: invalid reference: ", _R(r"^fatal: invalid reference: (?P<s>\S+)$"), _named(_CONF)),
    # notes.c `error: no note found for object <oid>.` (notes show / edit of a commit without
    # notes): the object as printed
    ("\nerror: no note found for object ", _R(r"^error: no note found for object (?P<s>[0-9a-f]{4,64})\.?$"),
     _named(_CONF)),
    # a ref that names no commit (builtin/checkout.c `could not resolve %s` for `restore
    # --source/--staged` with no commit yet, sequencer.c `could not resolve HEAD commit`)
    (": could not resolve ", _R(r"^(?:fatal|error): could not resolve '?(?P<s>[^'\s]+)'?(?: commit)?$"),
     _named(_CONF)),
    # a commit named by the user that no object answers: `commit --fixup/--squash/-c/-C X`
    # (builtin/commit.c `could not lookup commit %s`), `branch --contains X` (`malformed object
    # name X`), `show`/`cat-file` of a pruned object (`bad object X`)
    ("could not lookup commit ", _R(r"^(?:fatal|error): could not lookup commit '?(?P<s>[^'\s]+)'?$"),
     _named(_CONF)),
    ("malformed object name ", _R(r"^(?:fatal|error): malformed object name '?(?P<s>[^'\s]+)'?$"),
     _named(_CONF)),
    ("\nfatal: bad object ", _R(r"^fatal: bad object '?(?P<s>[^'\s]+)'?$"), _named(_CONF)),
    ("ot a valid object name", _R(r"^fatal: [Nn]ot a valid object name:? '?(?P<s>[^'\s]+)'?"),
     _named(_CONF)),
    ("is not fully merged", _R(r"^error: [Tt]he branch '(?P<s>[^']+)' is not fully merged"),
     _named(_CONF)),
    ("' not found", _R(r"^error: (?:branch|tag) '(?P<s>[^']+)' not found"), _named(_CONF)),
    ("is not a valid reference", _R(r"^(?:error|fatal): '?(?P<s>[^'\s]+)'? is not a valid reference"),
     _named(_CONF)),
    # a path asked of a commit that does not have it (`git show REV:path`, `checkout REV -- path`,
    # builtin/blame.c `no such path '%s' in %s` for a file not in the blamed revision)
    ("\nfatal: no such path '", _R(r"^fatal: no such path '(?P<s>[^']+)' in "), _named(_CONF)),
    ("does not exist in '", _R(r"^fatal: path '(?P<s>[^']+)' does not exist in '"), _named(_CONF)),
    ("exists on disk, but not in '", _R(r"^fatal: path '(?P<s>[^']+)' exists on disk, but not in"),
     _named(_CONF)),
    # an empty repository, a history without tags, an empty stash: nothing to work on
    ("does not have any commits yet", _R(r"^fatal: your current branch '(?P<s>[^']+)' does not "
                                         r"have any commits yet$"), _named(_CONF)),
    ("cannot describe anything", _R(r"^fatal: No (?:names|tags) found"), _fixed(_CONF)),
    ("\nNo stash entries found.", _R(r"^No stash entries found\.$"), _fixed(_CONF)),
    # a branch, tag, remote or worktree path that is already there
    ("already exists", _R(r"^(?:fatal|error): (?:a branch named |tag |remote |a remote named )?"
                          r"'?(?P<s>[^'\s]+?)'?\.? already exists"), _named(_CONF)),
    # git apply / am: a patch whose context does not match the file, a patch that does not parse
    ("patch does not apply", _R(r"^error: (?P<s>\S+): patch does not apply$"), _named(_CONF)),
    ("corrupt patch at line", _R(r"^(?:error|fatal): corrupt patch at line \d+"),
     _fixed(Category.SYNTAX)),
    ("is not a git command", _R(r"^git: '(?P<s>[^']+)' is not a git command"), _git_command),
    # transport-helper.c: the helper for a URL's scheme is not there (a typo in the scheme)
    ("\nfatal: Unable to find remote helper for '", _R(r"^fatal: Unable to find remote helper for '(?P<s>[^']+)'"),
     _helper_missing),
    # connect.c: a scheme git has no transport for (`protocol ' https' is not supported` after a
    # pasted URL with a stray character)
    ("\nfatal: protocol '", _R(r"^fatal: protocol '(?P<s>[^']*)' is not supported$"), _named(_CONF)),
    # checkout -b / switch -c / branch from a start point that is not there
    ("cannot be created from it", _R(r"^fatal: '(?P<s>[^']+)' is not a commit and a branch "
                                     r"'[^']+' cannot be created from it$"), _named(_CONF)),
    ("is not a valid branch name", _R(r"^fatal: '(?P<s>[^']+)' is not a valid branch name"),
     _named(_CONF)),
    ("upstream branch '", _R(r"^(?:error|fatal): the requested upstream branch '(?P<s>[^']+)' "
                             r"does not exist$"), _named(_CONF)),
    ("\nfatal: invalid upstream '", _R(r"^fatal: invalid upstream '(?P<s>[^']+)'$"), _named(_CONF)),
    ("o such branch", _R(r"^fatal: [Nn]o such branch:? '?(?P<s>[^'\s]+)'?$"), _named(_CONF)),
    ("o branch named '", _R(r"^(?:fatal|error): [Nn]o branch named '(?P<s>[^']+)'"), _named(_CONF)),
    # push with nowhere to push to, or where push.default cannot tell what to push
    ("\nfatal: No configured push destination.", _R(r"^fatal: No configured push destination\.$"),
     _fixed(_CONF)),
    ("current branch does not match",
     _R(r"^fatal: The upstream branch of your current branch does not match$"), _fixed(_CONF)),
    ("which is not the upstream of", _R(r"^fatal: You are pushing to remote '[^']+', which is "
                                        r"not the upstream of$"), _fixed(_CONF)),
    ("has multiple upstream branches", _R(r"^fatal: The current branch (?P<s>\S+) has multiple "
                                         r"upstream branches"), _named(_CONF)),
    ("push.default is \"nothing\"", _R(r"^fatal: You didn't specify any refspecs to push"),
     _fixed(_CONF, "push.default")),
    # commit -S / commit.gpgSign with no key gpg can use (no secret key for the committer, no
    # agent): the keyring or user.signingkey is to set up, `configuration`; git 2.39 prints
    # none of gpg's words, later ones relay them (`gpg: skipped "<key>": No secret key`), and
    # then the key is the subject (a gpg that is not installed is `cannot run gpg`, above)
    ("\nerror: gpg failed to sign the data", _R(r"^error: gpg failed to sign the data:?$"),
     _fixed(_CONF)),
    # an option refused for what it was given or where it was used (builtin/config.c `--local can
    # only be used inside a git repository`, fetch.c `--unshallow on a complete repository does
    # not make sense`, commit.c `--author 'x' is not 'Name <email>'`, `--reset-author can be used
    # only with -C, -c or --amend.`) or with others (`options '--a', '--b', and '--c' cannot be
    # used together`: the one named last), and parse-options' own (`option `depth' expects a numerical value`):
    # `configuration`, subject the option as typed
    ("\nfatal: --", _R(r"^fatal: (?P<s>--[a-z][\w-]*)(?=[ =':,.]|$)"), _named(_CONF)),
    ("\nerror: --", _R(r"^error: (?P<s>--[a-z][\w-]*)(?=[ =':,.]|$)"), _named(_CONF)),
    (": options '--", _R(r"^(?:fatal|error): options (?:'--?[\w-]+',? )+and '(?P<s>--?[\w-]+)' cannot "
                         r"be used together$"), _named(_CONF)),  # the one named last (docs)
    ("\nerror: option `", _R(r"^error: option `(?P<s>[\w-]{2,})' (?:expects|requires|takes no value"
                             r"|is incompatible|cannot be used)"), lambda m: (_CONF, Severity.HIGH, f"--{m['s']}")),
    # rebase -i's todo list with a line the sequencer cannot read (sequencer.c parse_insn_line /
    # todo_list_parse_insn_buffer: `missing arguments for pick`, then always `invalid line 3:
    # pickk <sha> x` and `You can fix this with 'git rebase --edit-todo'`): the list's text, `syntax`
    ("\nerror: invalid line ", _R(r"^error: invalid line \d+: "), _fixed(_SYN)),
    ("has no upstream branch", _R(r"^fatal: The current branch (?P<s>\S+) has no upstream"),
     _named(_CONF)),
    ("\nfatal: Need to specify how to reconcile divergent branches",
     _R(r"^fatal: Need to specify how to reconcile divergent branches"),
     _fixed(_CONF, "pull.rebase")),
    # a ref the remote does not have (fetch / pull of a named branch or tag; clone --branch)
    ("\nfatal: couldn't find remote ref ", _R(r"^fatal: couldn't find remote ref (?P<s>\S+)$"),
     _named(_CONF)),
    ("not found in upstream", _R(r"^fatal: Remote branch (?P<s>\S+) not found in upstream \S+$"),
     _named(_CONF)),
    # unpack-trees' plumbing wordings (read-tree, older porcelain): one file a line
    ("' would ", _R(r"^error: (?:Entry|Untracked working tree file|Updating) '(?P<s>[^']+)' "
                      r"would (?:be overwritten|be removed|lose untracked files)"), _named(_CONF)),
    # stash pop / apply of untracked files (`stash -u`) over files that are there again
    ("already exists, no checkout", _R(r"^(?P<s>\S.*) already exists, no checkout$"),
     _named(_CONF)),
    ("' not uptodate. Cannot ", _R(r"^error: Entry '(?P<s>[^']+)' not uptodate\. Cannot"),
     _named(_CONF)),
    # pull / rebase on a branch with no upstream: the branch is named in the hint that follows
    ("\nThere is no tracking information for the current branch",
     _R(r"^There is no tracking information for the current branch\.$"), _fixed(_CONF)),
    # rebase / pull --rebase refuse to start over a dirty work tree
    ("\nerror: cannot ", _R(r"^error: cannot (?:rebase|pull with rebase|cherry-pick|revert): "
                          r"(?:You have unstaged changes|Your index contains uncommitted changes)"),
     _fixed(_CONF)),
    ("\nfatal: refusing to merge unrelated histories", _R(r"^fatal: refusing to merge unrelated"),
     _fixed(_CONF)),
    # a lock left by a crashed git: the index's, or a ref's (`cannot lock ref 'HEAD': Unable to
    # create '.../refs/heads/main.lock': File exists.`)
    ("File exists", _R(r"^(?:fatal|error): (?:cannot lock ref '[^']+': )?Unable to create "
                       r"'(?P<s>[^']+)': File exists\.$"), _named(_CONF)),
    # a ref that cannot be written for another reason (`'refs/heads/a' exists; cannot create
    # 'refs/heads/a/b'`)
    ("cannot lock ref '", _R(r"^(?:fatal|error): cannot lock ref '(?P<s>[^']+)': (?!Unable to create)"),
     _named(_CONF)),
    # `git -C dir`, `git --git-dir`: a folder that is not there or not ours
    ("\nfatal: cannot change to '", _R(r"^fatal: cannot change to '(?P<s>[^']+)': (?P<why>.+)$"),
     _changed_dir),
    # git mv: `fatal: bad source, source=a, destination=b` (and the other reasons of builtin/mv.c)
    (", source=", _R(r"^fatal: (?P<why>[^,]+), source=(?P<src>.+?), destination=(?P<dst>.+)$"),
     _moved),
    # pushing, pulling or rebasing from a detached HEAD: nothing names a branch
    ("You are not currently on a branch", _R(r"^(?:fatal: )?You are not currently on a branch\.$"),
     _fixed(_CONF)),
    # submodules: an entry without a url, a transport git refuses (file:// since 2.38.1)
    ("\nfatal: No url found for submodule path '",
     _R(r"^fatal: No url found for submodule path '(?P<s>[^']+)'"),
     _named(_CONF)),
    ("\nfatal: transport '", _R(r"^fatal: transport '(?P<s>[^']+)' not allowed$"), _named(_CONF)),
    ("already exists and is not an empty directory",
     _R(r"^fatal: destination path '(?P<s>[^']+)' already exists"), _named(_CONF)),
    ("\nerror: insufficient permission for adding an object",
     _R(r"^error: insufficient permission for adding an object "
                                   r"to repository database (?P<s>\S+)$"), _named(_PERM)),
    ("Permission denied", _R(r"^(?:error|fatal): .*?'?(?P<s>[^\s':]+)'?: Permission denied$"),
     _named(_PERM)),
    # a conflict left unresolved stops the next commit / pull / merge (the file is in a `U` line)
    ("because you have unmerged files",
     _R(r"^error: \w+ is not possible because you have unmerged files\.$"), _fixed(_SYN)),
    ("you need to resolve your current index first",
     _R(r"^(?:error|fatal): .*you need to resolve your current index first"), _fixed(_SYN)),
    ("\nfatal: Exiting because of an unresolved conflict.",
     _R(r"^fatal: Exiting because of an unresolved conflict\.$"), _fixed(_SYN)),
    # the conflicts are resolved but the merge / cherry-pick / revert was never committed: pull,
    # merge and cherry-pick refuse to start another (`You have not concluded your merge
    # (MERGE_HEAD exists).`); no file is wrong, a state to conclude: `configuration`
    ("You have not concluded your ",
     _R(r"^(?:error|fatal): You have not concluded your [\w-]+ \(\w+ exists\)\."), _fixed(_CONF)),
    # a config variable that stops the command, or whose value git cannot read: the variable
    # (or the option it names) is the thing to change (`clean.requireForce set to true and
    # neither -i, -n, nor -f given`, `bad numeric config value 'abc' for 'core.compression'`,
    # `invalid value for 'pull.rebase': 'maybe'`, `git config foo`: `key does not contain a section`)
    ("\nfatal: clean.requireForce ",
     _R(r"^fatal: (?P<s>clean\.requireForce) (?:defaults to|set to|is) true"), _named(_CONF)),
    (" config value '", _R(r"^(?:fatal|error): bad (?:numeric|boolean|\w+) config value '[^']*' for "
                           r"'(?P<s>[^']+)'"), _named(_CONF)),
    ("\nfatal: invalid value for '", _R(r"^fatal: invalid value for '(?P<s>[^']+)': "), _named(_CONF)),
    ("\nerror: key does not contain ", _R(r"^error: key does not contain (?:a section|variable name): "
                                          r"(?P<s>.+)$"), _named(_CONF)),
    ("\nerror: invalid key: ", _R(r"^error: invalid key: (?P<s>.+)$"), _named(_CONF)),
    # a file git was told to read that is not there or not readable: `commit -F msg.txt`
    # (and `commit -t .gitmessage`'s template: `fatal: could not read '.gitmessage': No such file ...`,
    # die_errno's `could not read '%s'` of any file named on the command line or in the config)
    ("\nfatal: could not read ",
     _R(r"^fatal: could not read (?:log file )?'(?P<s>[^']+)': (?P<why>.+)$"), _denied_or_conf),
    # `git log -L` (line-log.c, line-range.c): a range past the file's end (`fatal: file app.py has
    # only 20 lines`: the file), a funcname that matches nothing or a malformed range (`fatal: -L
    # parameter 'def mian' starting at line 1: No match`, `fatal: -L argument not 'start,end:file'
    # ...`: the option as printed), a path not in the commit
    ("\nfatal: file ", _R(r"^fatal: file (?P<s>.+) has only \d+ lines?$"), _named(_CONF)),
    ("\nfatal: -L ", _R(r"^fatal: -L (?:parameter '.*' starting at line \d+: No match|argument not )"),
     _fixed(_CONF, "-L")),
    ("\nfatal: There is no path ", _R(r"^fatal: There is no path (?P<s>\S+) in the commit$"), _named(_CONF)),
    # a config file git cannot lock (`git config --global` with a HOME it cannot write)
    (": could not lock config file ",
     _R(r"^(?:error|fatal): could not lock config file (?P<s>.+?): (?P<why>[^:]+)$"), _denied_or_conf),
    # `git merge nope`: a name that is no branch, tag or commit
    (" - not something we can merge", _R(r"^merge: (?P<s>\S+) - not something we can merge$"),
     _named(_CONF)),
    ("\nfatal: Needed a single revision", _R(r"^fatal: Needed a single revision$"), _fixed(_CONF)),
    ("\nAborting commit due to empty commit message.",
     _R(r"^Aborting commit due to empty commit message\.$"), _fixed(_CONF)),
    # a sequencer command with nothing in progress
    # (git bisect: `You need to start by "git bisect start"`, `We are not bisecting.`)
    ('\nYou need to start by "git bisect start"', _R(r'^You need to start by "git bisect start"'),
     _fixed(_CONF)),
    ("We are not bisecting.", _R(r"^(?:error: )?We are not bisecting\.$"), _fixed(_CONF)),
    ("\nfatal: Resolve operation not in progress",
     _R(r"^fatal: Resolve operation not in progress"), _fixed(_CONF)),
    ("\nfatal: There is no merge to abort",
     _R(r"^fatal: There is no merge to abort"), _fixed(_CONF)),
    ("in progress", _R(r"^(?:fatal|error): (?:No rebase in progress\?|There is no merge (?:to abort|in progress)"
                       r"|no cherry-pick or revert in progress)"), _fixed(_CONF)),
    # cherry-pick / revert of a merge commit: which parent is the mainline is an option
    # (sequencer.c: `commit X is a merge but no -m option was given.`, `commit X does not have
    # parent 3`, `mainline was specified but commit X is not a merge.`): subject the option
    ("\nerror: commit ", _R(r"^error: commit \S+ (?:is a merge but no -m option was given\.|does not "
                           r"have parent \d+)$"), _fixed(_CONF, "-m")),
    ("\nerror: mainline was specified but commit ",
     _R(r"^error: mainline was specified but commit \S+ is not a merge\.$"), _fixed(_CONF, "-m")),
    ("\nfatal: Not possible to fast-forward",
     _R(r"^fatal: Not possible to fast-forward"), _fixed(_CONF)),
    ("No such remote", _R(r"^(?:error|fatal): No such remote:? '(?P<s>[^']+)'"), _named(_CONF)),
    # option parsing (parse-options.c): `error: unknown option `amendd'` is the long option
    # `--amendd`, `error: unknown switch `x'` the short `-x`: the subject as typed
    ("\nerror: unknown ",
     _R(r"^error: unknown (?P<kind>option|switch) [`'](?P<s>[^'`]+)'$"), _unknown_option),
    # revision.c's: an argument `git log` / `rev-list` / `diff` cannot read (`fatal: unrecognized
    # argument: --onelin`, a misspelled option)
    ("\nfatal: unrecognized argument: ", _R(r"^fatal: unrecognized argument: (?P<s>\S+)$"), _named(_CONF)),
    # input that is no patch at all: apply's `No valid patches in input (allow with "--allow-empty")`
    # (an empty or non-diff file: the hint is not the subject), am's mailsplit `Patch format detection
    # failed.`: the patch file's text, `syntax`, like a corrupt patch
    ("\nerror: No valid patches in input", _R(r"^error: No valid patches in input"), _fixed(Category.SYNTAX)),
    ("\nPatch format detection failed.", _R(r"^Patch format detection failed\.$"), _fixed(Category.SYNTAX)),
    # a program git runs (editor, pager, gpg, credential helper) that is not installed
    ("\nerror: cannot run ", _R(r"^error: cannot run (?P<s>[^:\s]+): No such file or directory$"),
     _named(Category.DEPENDENCY)),
    # an environment variable git needs and did not get (`git config --global` with HOME unset:
    # path.c's `fatal: $HOME not set`): `configuration`, subject the variable
    ("\nfatal: $", _R(r"^fatal: \$(?P<s>[A-Za-z_]\w*) not set$"), _named(_CONF)),
    # a push capability the receiving git does not offer (send-pack.c: `the receiving end does not
    # support --signed push`, `... --atomic push`, `... push options`): the option as printed
    ("\nfatal: the receiving end does not support ",
     _R(r"^fatal: the receiving end does not support (?:(?P<s>--[\w-]+) push|push options"
        r"|this repository's hash algorithm)$"), _named(_CONF)),
    # a refspec git cannot parse (remote.c: `fatal: invalid refspec 'HEAD:refs/heads/'`, a script's
    # empty branch variable): the refspec as printed
    ("\nfatal: invalid refspec '", _R(r"^fatal: invalid refspec '(?P<s>[^']*)'$"), _named(_CONF)),
    # builtin/config.c's check_argc: `error: wrong number of arguments, should be 2` (or `from 1 to
    # 2`), then the usage: an argument missing from the command, no subject
    ("\nerror: wrong number of arguments, should be ",
     _R(r"^error: wrong number of arguments, should be (?:\d+|from \d+ to \d+)$"), _fixed(_CONF)),
    # `git stash` (builtin/stash.c) before the repository's first commit: nothing to stash against
    ("\nYou do not have the initial commit yet", _R(r"^You do not have the initial commit yet$"), _fixed(_CONF)),
    # a branch another worktree has checked out
    ("checked out at", _R(r"^error: [Cc]annot delete branch '(?P<s>[^']+)' checked out at"),
     _named(_CONF)),
    ("is already ", _R(r"^fatal: '(?P<s>[^']+)' is already (?:checked out|used by worktree) at"),
     _named(_CONF)),
    # a reflog entry past the log's end (`git stash apply stash@{3}` with one stash, `git show
    # main@{9}`): git names the ref alone; the entry asked for is on the command line
    ("\nfatal: log for '", _R(r"^fatal: log for '(?P<s>[^']+)' only (?:has \d+ entries|goes back to)"),
     _named(_CONF)),
    # commit / tag -a / rebase -i / merge with no message given and no editor to ask in
    # (editor.c: TERM=dumb and neither GIT_EDITOR, core.editor, VISUAL nor EDITOR set)
    ("\nerror: Terminal is dumb, but EDITOR unset", _R(r"^error: Terminal is dumb, but EDITOR unset"),
     _fixed(_CONF, "EDITOR")),
    # push --delete (or `:branch`) of a branch the remote does not have
    ("\nerror: unable to delete '",
     _R(r"^error: unable to delete '(?P<s>[^']+)': remote ref does not exist$"), _named(_CONF)),
    # what git says after a rejection, a declining pre-push hook, a failed transport
    ("\nerror: failed to push some refs to ",
     _R(r"^error: failed to push some refs to "), _fixed(_CONF)),
    ("\nnothing to commit", _R(r"^nothing to commit\b"), _fixed(_CONF, None, Severity.INFO)),
    ("\nnothing added to commit but untracked files present",
     _R(r"^nothing added to commit but untracked files present"),
     _fixed(_CONF, None, Severity.LOW)),
    ("\nno changes added to commit", _R(r"^no changes added to commit"),
     _fixed(_CONF, None, Severity.LOW)),
]
# a recap of what the lines above said
_SUMMARIES = ("fatal: unable to auto-detect email", "nothing to commit", "no changes added",
              "nothing added to commit", "fatal: Exiting because of an unresolved conflict",
              "error: failed to push some refs")

_CONFLICT = _R(r"^CONFLICT \((?P<kind>[^)]+)\): (?:Merge conflict in (?P<path>.+)|"
               r"(?P<other>\S+) .+)$")
# unpack-trees' porcelain refusals (checkout, merge, pull, stash pop, rebase, switch): a
# header, then the files one per line, TAB-indented; the first file is the subject
_OVERWRITTEN = ("\nerror: Your local changes to the following files would ",
                "\nerror: The following untracked working tree files would ",
                "\nerror: Updating the following directories would ")
_OVERWRITE_HEADER = _R(
    r"^error: (?:Your local changes to the following files|The following untracked working "
    r"tree files|Updating the following directories) would (?:be overwritten by|be removed by"
    r"|lose untracked files)"
)


def parse(out: Output) -> Iterator[ErrorEvent]:
    found = False
    for event in _parse(out):
        found = True
        yield event
    if not found and out.failed and out.command and "git" in out.command:
        if event := _silent_failure(out):
            yield event


# git commands whose failure git itself does not word (builtin/diff.c, builtin/commit.c):
# `git diff --exit-code` / `--quiet` (and diff-index / diff-files) exit 1 when the trees differ
# and print only the diff (a CI gate that generated or formatted files are committed): `test`,
# no subject, like a failed coverage gate; `git commit` stopped by a pre-commit or commit-msg
# hook prints only the hook's words (a linter's are read by its own family first; this is for
# the hook's own sentence, a policy on the message or the files): `configuration`, subject None,
# a summary under whatever else read the hook's output
_DIFF_GATE = _R(r"(?:^|[\s;&|(])git(?:\s+-[Cc]\s+\S+)*\s+diff(?:-index|-files)?\b[^;&|\n]*?\s--(?:exit-code|quiet)\b")
_COMMIT = _R(r"(?:^|[\s;&|(])git(?:\s+-[Cc]\s+\S+)*\s+commit\b")


def _silent_failure(out: Output) -> ErrorEvent | None:
    if out.exit_code == 1 and _DIFF_GATE.search(out.command):
        at = next(iter(out.find("diff --git ")), 0)
        return ErrorEvent(Category.TEST, Severity.HIGH, "git",
                          "git diff --exit-code: the files differ from the index or commit (exit status 1)",
                          rank=Rank.ERROR, line_index=at, details={"gate": "diff --exit-code"})
    if _COMMIT.search(out.command):
        for i, line in enumerate(out.lines):
            if line.strip():
                return ErrorEvent(_CONF, Severity.HIGH, "git", line.strip(), rank=Rank.SUMMARY,
                                  line_index=i, details={"hook": True})
    return None


# the option-refusal rules read `error: --x ...` / `fatal: --x ...`, which other CLIs print too (cobra's
# kubectl / helm: `error: --dry-run and --server-side cannot be used together`): they are read only
# when git may be the speaker, i.e. the command runs git or a shell / runner that may run it
_OPTION_LITERALS = frozenset({"\nfatal: --", "\nerror: --", ": options '--", "\nerror: option `"})
_RUNS_OTHERS = SHELLS | {"make", "npm", "yarn", "pnpm", "env", "sudo", "timeout", "xargs", "just",
                         "task", "tox", "nox", "nohup", "setpriv", "su"}
_COBRA_TOGETHER = _R(r"^(?:error|fatal): --[\w-]+ and --[\w-]+ cannot be used together\b")


def _other_tool(out: Output) -> bool:
    """The command runs another CLI directly (`kubectl apply ...`), not git nor a shell that may."""
    tool = out.tool
    return bool(tool) and tool != "git" and tool not in _RUNS_OTHERS and "git" not in (out.command or "")


def _parse(out: Output) -> Iterator[ErrorEvent]:
    other_tool = _other_tool(out)
    for literal, rule, reading in _RULES:
        if literal in _OPTION_LITERALS and other_tool:
            continue  # kubectl's `error: --dry-run and --server-side cannot be used together`
        for i in out.find(literal):
            line = out.lines[i]
            if m := rule.match(line):
                if literal in _OPTION_LITERALS and out.tool != "git" and _COBRA_TOGETHER.match(line):
                    continue  # the unquoted form git 2.35+ never prints: another CLI in a script
                category, severity, subject = reading(m)
                # only a hook's own words say why a hook declined; receive-pack's own reasons
                # (`branch is currently checked out`, `shallow update not allowed`) come with
                # git's explanation in `remote:` lines, whose `is denied` is no access refusal
                if (reading is _remote_rejected and category is _CONF
                        and "hook declined" in m["why"] and _hook_says_denied(out, i)):
                    category = _PERM
                if subject is None and line.startswith("There is no tracking information"):
                    subject = _untracked_branch(out, i)
                elif subject is None and line.startswith("error: gpg failed"):
                    subject = _gpg_key(out, i)
                elif subject and line.startswith("fatal: log for '"):
                    subject = _reflog_entry(out.command, subject)
                elif reading is _unknown_option and _diff_outside_repository(out, i):
                    subject = None  # a repository's option (`--cached`) outside any repository
                location = _unmerged_file(out, i) if category is Category.SYNTAX else None
                rank = Rank.SUMMARY if line.startswith(_SUMMARIES) else Rank.ROOT
                yield ErrorEvent(category, severity, "git", line.strip(), subject=subject,
                                 location=location, rank=rank, line_index=i)
    for literal, rule, option in _OPTION_VALUES:
        for i in out.find(literal):
            if m := rule.match(out.lines[i].rstrip()):
                yield ErrorEvent(_CONF, Severity.HIGH, "git", out.lines[i].strip(),
                                 subject=_option_typed(out, i, option, m["s"]), rank=Rank.ROOT,
                                 line_index=i)
    for i in sorted({i for literal in _NAMED_OPTION_LITERALS for i in out.find(literal)}):
        if m := _NAMED_OPTION.match(out.lines[i].rstrip()):
            yield ErrorEvent(_CONF, Severity.HIGH, "git", out.lines[i].strip(), subject=m["opt"],
                             rank=Rank.ROOT, line_index=i)
    for i in out.find("\nfatal: bad config line "):  # a config file git cannot parse
        if m := _BAD_CONFIG.match(out.lines[i]):
            yield ErrorEvent(Category.SYNTAX, Severity.HIGH, "git", out.lines[i].strip(),
                             location=Location(m["path"], int(m["line"])), rank=Rank.ROOT,
                             line_index=i)
    for i in out.find("\nerror: RPC failed; "):  # a smart-HTTP transfer that broke midway
        if m := _RPC_FAILED.match(out.lines[i]):
            url = url_of(out.command)
            if m["status"]:
                category, severity, subject = status_reading(int(m["status"]), url)
            else:
                category, severity, subject = (transfer_reading(m["msg"], url, out.command)
                                               or (_NET, Severity.HIGH, host_of(url)))
            yield ErrorEvent(category, severity, "git", out.lines[i].strip(), subject=subject,
                             rank=Rank.ROOT, line_index=i)
    for i in sorted({i for literal in _LISTED for i in out.find(literal)}):
        if _LISTED_HEADER.match(out.lines[i]):
            yield ErrorEvent(_CONF, Severity.HIGH, "git", out.lines[i].strip(),
                             subject=_listed_path(out, i), rank=Rank.ROOT, line_index=i)
    yield from _conflicts(out)
    yield from _whitespace_errors(out)
    for i in sorted({i for literal in _OVERWRITTEN for i in out.find(literal)}):
        if _OVERWRITE_HEADER.match(out.lines[i]):
            yield ErrorEvent(_CONF, Severity.HIGH, "git", out.lines[i].strip(),
                             subject=out.line(i + 1).strip() or None, rank=Rank.ROOT,
                             line_index=i)


# a value git refuses for one of its options, in git's words that name the value alone: date.c
# `unknown date format isoo` (--date, log.date), ref-filter.c `unknown field name: commiterdate`
# (--format of for-each-ref / branch / tag), archive.c `Unknown archive format 'tgz'` (--format),
# gc.c `failed to parse prune expiry value soon` (--prune):
# `configuration`, subject the option as typed when the command line shows it (a make recipe's
# echo, a `set -x` trace, the command run), else the value as printed
_OPTION_VALUES = (
    ("\nfatal: unknown ", _R(r"^fatal: unknown date format (?P<s>.+)$"), "--date"),
    ("\nfatal: unknown ", _R(r"^fatal: unknown field name: (?P<s>.+)$"), "--format"),
    ("\nfatal: Unknown archive format '", _R(r"^fatal: Unknown archive format '(?P<s>[^']+)'$"), "--format"),
    # gc.c `failed to parse prune expiry value soon` (--prune, gc.pruneExpire)
    ("\nfatal: failed to parse ", _R(r"^fatal: failed to parse prune expiry value (?P<s>.+)$"), "--prune"),
)


# a value refused in git's words that name the option themselves: pretty.c `invalid --pretty
# format: x`, config.c `unrecognized --type argument, x`, diff.c `bad --word-diff argument: x`
# (`--color-moved`, `--ws-error-highlight`, ...): `configuration`, subject the option as printed
_NAMED_OPTION = _R(r"^(?:fatal|error): (?:invalid|unrecognized|bad|unknown) (?P<opt>--[a-z][a-z0-9-]*)"
                   r"(?:[ =](?:format|argument|value|mode|option|parameter)s?)?(?:[:,] .+)?$")
_NAMED_OPTION_LITERALS = ("\nfatal: invalid --", "\nfatal: unrecognized --", "\nfatal: bad --")


def _option_typed(out: Output, i: int, option: str, value: str) -> str:
    for text in (*(out.lines[j] for j in range(max(0, i - 5), i)), out.command or ""):
        at = text.find(option)
        if at >= 0 and text[at + len(option):at + len(option) + 1] in ("=", " ") and value in text[at:]:
            return option
    return value


_GPG_SKIPPED = _R(r'^\s*gpg: skipped "(?P<s>[^"]+)": No secret key$')


def _gpg_key(out: Output, i: int) -> str | None:
    """The key gpg could not sign with, when git relays gpg's lines (around its own)."""
    for j in range(max(0, i - 6), min(len(out.lines), i + 6)):
        line = out.lines[j]
        if "gpg: skipped " in line and (m := _GPG_SKIPPED.match(line)):
            return m["s"]
    return None


def _reflog_entry(command: str | None, ref: str) -> str:
    """`stash@{3}` for `stash` when the command line asks for that entry of the ref's log."""
    if command and (m := re.search(rf"(?<![\w/.@-]){re.escape(ref)}@\{{[^}}\s]*\}}", command)):
        return m[0]
    return ref


# refusals that list the paths below a header, one per line (indented or not): `git add` of
# ignored paths, `git rm` of a file whose staged content would be lost
_LISTED = ("\nThe following paths are ignored by one of your .gitignore files:",
           "\nerror: the following file has ", "\nerror: the following files have ")
_LISTED_HEADER = _R(r"^(?:The following paths are ignored by one of your \.gitignore files:"
                    r"|error: the following files? ha(?:s|ve) (?:staged content different|changes staged"
                    r"|local modifications))")


def _listed_path(out: Output, i: int) -> str | None:
    """The first path listed under a header that may wrap (`... from both the` / `file and
    the HEAD:`): the first line below it after the one that ends with a colon."""
    for j in range(i, min(len(out.lines), i + 4)):
        if out.lines[j].rstrip().endswith(":"):
            return out.line(j + 1).strip() or None
    return None


_BAD_CONFIG = _R(r"^fatal: bad config line (?P<line>\d+) in (?:file|blob) (?P<path>.+)$")
_RPC_FAILED = _R(r"^error: RPC failed; (?:HTTP (?P<status>\d{3}) )?curl \d+ (?P<msg>.+)$")
_UNMERGED = _R(r"^(?:U|AA|DD|UU|AU|UA|DU|UD)\t(?P<path>.+)$")


def _unmerged_file(out: Output, i: int) -> Location | None:
    """`git commit` / `git pull` list the unmerged files (`U<TAB>path`) on stdout as they
    refuse on stderr: above the refusal in a terminal, below it when stdout is a pipe (a CI
    log, a captured run), flushed at exit after the hints."""
    for j in range(i - 1, max(-1, i - 20), -1):
        if m := _UNMERGED.match(out.lines[j]):
            return Location(m["path"])
    for j in range(i + 1, min(len(out.lines), i + 12)):
        if m := _UNMERGED.match(out.lines[j]):
            return Location(m["path"])
    return None


_SET_UPSTREAM = _R(r"^\s+git branch --set-upstream-to=\S+ (?P<s>\S+)$")


def _untracked_branch(out: Output, i: int) -> str | None:
    """git's advice after `no tracking information` ends with the branch's name."""
    for j in range(i + 1, min(len(out.lines), i + 14)):
        if m := _SET_UPSTREAM.match(out.lines[j]):
            return m["s"]
    return None


def _conflicts(out: Output) -> Iterator[ErrorEvent]:
    for i in out.find("\nCONFLICT ("):
        if m := _CONFLICT.match(out.lines[i]):
            path = m["path"] or m["other"]
            yield ErrorEvent(Category.SYNTAX, Severity.HIGH, "git", out.lines[i].strip(),
                             location=Location(path), rank=Rank.ROOT, line_index=i,
                             details={"conflict": m["kind"]})


# `git diff --check` / `git show --check` (diff.c `checkdiff_consume`, ws.c): `path:N: what.` for
# each whitespace error a change adds, exit 2: a lint finding at that line, `build` (a leftover
# conflict marker is a conflict left in the file: `syntax`, as git's conflicts are). `git apply`
# and `git am` print the same lines about the patch (`<stdin>:12: trailing whitespace.`) and go
# on (`warning: 1 line adds whitespace errors.`): warnings there
_WS_LITERALS = (": trailing whitespace.", " in indent.", ": indent with spaces.",
                ": new blank line at EOF.", ": leftover conflict marker")
_WS_ERROR = _R(r"^(?P<path>[^\s:][^:]*):(?P<line>\d+): (?P<what>trailing whitespace|space before tab "
               r"in indent|indent with spaces|tab in indent|new blank line at EOF|leftover conflict "
               r"marker)\.?$")


def _whitespace_errors(out: Output) -> Iterator[ErrorEvent]:
    found = sorted({i for literal in _WS_LITERALS for i in out.find(literal)})
    if not found:
        return
    count = _whitespace_count(out, found[-1])
    for i in found:
        if not (m := _WS_ERROR.match(out.lines[i].rstrip())):
            continue
        # `--whitespace=error` (or error-all) makes apply / am stop on them: `error: N lines add`
        warning = count == "warning" or (count is None and m["path"] == "<stdin>")
        category = Category.SYNTAX if m["what"] == "leftover conflict marker" else Category.BUILD
        yield ErrorEvent(category, Severity.LOW if warning else Severity.HIGH, "git",
                         out.lines[i].strip(), location=Location(m["path"], int(m["line"])),
                         rank=Rank.ERROR, line_index=i, details={"whitespace": m["what"]})


def _whitespace_count(out: Output, last: int) -> str | None:
    """git apply / am's count of them right after the last one and the line it quotes
    (`+value = 1   `): `warning` (`warning: 2 lines add whitespace errors.`, the patch applied)
    or `error` (`error: 1 line adds whitespace errors.`, --whitespace=error); None without one."""
    for j in range(last + 1, min(len(out.lines), last + 6)):
        line = out.lines[j]
        if "whitespace error" in line:
            return "error" if line.startswith(("error: ", "fatal: ")) else "warning"
        if not line.startswith(("+", "-", " ")) and not _WS_ERROR.match(line.rstrip()):
            return None
    return None
