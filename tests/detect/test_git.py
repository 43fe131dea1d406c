"""git refusals that no fixture pins: unpack-trees' lists and one-file wordings, push with
nowhere to push to, start points and upstreams that are not there, stash -u restores."""

from __future__ import annotations

import pytest

from lsp_heal.detect import detect


@pytest.mark.parametrize(("text", "subject"), [
    (("error: The following untracked working tree files would be removed by checkout:\n"
      "\tdocs/a.md\nPlease move or remove them before you switch branches.\nAborting\n"),
     "docs/a.md"),
    ("error: Untracked working tree file 'b.txt' would be overwritten by merge.\n", "b.txt"),
    ("error: Entry 'a.txt' not uptodate. Cannot merge.\n", "a.txt"),
    ("new.txt already exists, no checkout\nerror: could not restore untracked files\n", "new.txt"),
    ("fatal: Remote branch v9 not found in upstream origin\n", "v9"),
    ("fatal: 'origin/x' is not a commit and a branch 'y' cannot be created from it\n", "origin/x"),
    ("error: the requested upstream branch 'origin/dev' does not exist\n", "origin/dev"),
    ("fatal: invalid upstream 'origin/dev'\n", "origin/dev"),
    ("fatal: No configured push destination.\n", None),
])
def test_configuration_refusals(text: str, subject: str | None) -> None:
    event = detect(text.encode(), "git x", 1)[0]
    assert (event.category.value, event.subject) == ("configuration", subject)
    assert "guessed" not in event.details


@pytest.mark.parametrize(("text", "reading"), [
    ("git: 'lfs' is not a git command. See 'git --help'.\n", ("dependency", "git-lfs")),
    ("git: 'stats' is not a git command. See 'git --help'.\n", ("configuration", "stats")),
    ("No stash entries found.\n", ("configuration", None)),
    ("error: We are not bisecting.\n", ("configuration", None)),
    ("fatal: There is no merge to abort (MERGE_HEAD missing).\n", ("configuration", None)),
    ("error: no cherry-pick or revert in progress\nfatal: cherry-pick failed\n", ("configuration", None)),
    ("fatal: path 'a.txt' does not exist in 'HEAD~1'\n", ("configuration", "a.txt")),
    ("fatal: your current branch 'main' does not have any commits yet\n", ("configuration", "main")),
    ("error: tag 'v9' not found.\n", ("configuration", "v9")),
    ("fatal: No branch named 'nope'.\n", ("configuration", "nope")),
    ("fatal: clean.requireForce set to true and neither -i, -n, nor -f given; refusing to clean\n",
     ("configuration", "clean.requireForce")),
    ("fatal: bad numeric config value 'abc' for 'core.compression': invalid unit\n",
     ("configuration", "core.compression")),
    ("fatal: invalid value for 'pull.rebase': 'maybe'\n", ("configuration", "pull.rebase")),
    ("error: key does not contain a section: foo\n", ("configuration", "foo")),
    ("fatal: could not read log file 'msg.txt': No such file or directory\n", ("configuration", "msg.txt")),
    ("error: could not lock config file /home/dev/.gitconfig: Permission denied\n",
     ("permission", "/home/dev/.gitconfig")),
    ("merge: feature/x - not something we can merge\n", ("configuration", "feature/x")),
    ("Aborting commit due to empty commit message.\n", ("configuration", None)),
    ("The following paths are ignored by one of your .gitignore files:\nx.log\nhint: Use -f\n",
     ("configuration", "x.log")),
    ("error: the following file has staged content different from both the\nfile and the HEAD:\n"
     "    a.txt\n(use -f to force removal)\n", ("configuration", "a.txt")),
])
def test_refusals_the_family_reads(text: str, reading: tuple) -> None:
    events = detect(text.encode(), "git x", 1)
    assert (events[0].category.value, events[0].subject) == reading
    assert "guessed" not in events[0].details


@pytest.mark.parametrize(("text", "reading"), [
    # git runs `git remote-<scheme>` for a URL's scheme: a typo in the scheme, or a helper to install
    ("Cloning into 'app'...\ngit: 'remote-htps' is not a git command. See 'git --help'.\n", ("configuration", "htps")),
    ("fatal: Unable to find remote helper for 'htps'\n", ("configuration", "htps")),
    ("git: 'remote-hg' is not a git command. See 'git --help'.\n", ("dependency", "git-remote-hg")),
    ("Cloning into 'x'...\nfatal: protocol ' https' is not supported\n", ("configuration", " https")),
])
def test_remote_helpers_and_schemes(text: str, reading: tuple) -> None:
    event = detect(text.encode(), "git clone URL", 128)[0]
    assert (event.category.value, event.subject) == reading
    assert "guessed" not in event.details


@pytest.mark.parametrize(("text", "command", "reading"), [
    # cherry-pick / revert of a merge: the mainline is an option (round 15)
    ("error: commit 8ca3139 is a merge but no -m option was given.\nfatal: revert failed\n",
     "git revert 8ca3139", ("configuration", "-m", "high", None)),
    ("error: mainline was specified but commit 1a2b3c4 is not a merge.\nfatal: cherry-pick failed\n",
     "git cherry-pick -m 1 1a2b3c4", ("configuration", "-m", "high", None)),
    ("error: commit 8ca3139 does not have parent 3\nfatal: cherry-pick failed\n",
     "git cherry-pick -m 3 8ca3139", ("configuration", "-m", "high", None)),
    # diff --check: a lint finding at the line; a leftover conflict marker is a conflict
    ("src/app.py:2: trailing whitespace.\n+    value = 1   \n", "git diff --check",
     ("build", None, "high", ("src/app.py", 2))),
    ("README.md:7: leftover conflict marker\n+<<<<<<< HEAD\n", "git diff --check",
     ("syntax", None, "high", ("README.md", 7))),
    ("lib/x.c:4: space before tab in indent.\n+ \tint x;\n", "git diff --check",
     ("build", None, "high", ("lib/x.c", 4))),
])
def test_sequencer_options_and_whitespace_checks(text: str, command: str, reading: tuple) -> None:
    event = detect(text.encode(), command, 2)[0]
    loc = event.location and (event.location.path, event.location.line)
    assert (event.category.value, event.subject, event.severity.value, loc) == reading


def test_whitespace_lines_of_an_applied_patch_are_warnings() -> None:
    text = ("a.py:3: trailing whitespace.\n+x = 1 \nwarning: 1 line adds whitespace errors.\n"
            "error: patch failed: a.py:1\nerror: a.py: patch does not apply\n")
    events = detect(text.encode(), "git am fix.patch", 128)
    assert (events[0].category.value, events[0].subject) == ("configuration", "a.py")
    assert all(e.severity.value == "low" for e in events if "whitespace" in e.details)


def test_ssh_to_an_ipv6_host_names_it_in_brackets() -> None:
    text = "ssh: connect to host ::1 port 22: Connection refused\nfatal: Could not read from remote repository.\n"
    event = detect(text.encode(), "git clone ssh://[::1]/srv/app.git", 128)[0]
    assert (event.category.value, event.subject) == ("network", "[::1]:22")


# round 17: the same messages in the forms no fixture has
@pytest.mark.parametrize("text,reading", [
    # a deletion names the ref alone, and a policy that prohibits it refuses the pusher
    ("To github.com:org/app.git\n ! [remote rejected] release/1.0 (deletion prohibited)\n"
     "error: failed to push some refs to 'github.com:org/app.git'\n", ("permission", "release/1.0")),
    ("To ../origin.git\n ! [rejected]        v1.0 (already exists)\n", ("configuration", "v1.0")),
    # git grep's pattern that does not compile, whatever regerror says
    ("fatal: command line, 'TODO[': brackets ([ ]) not balanced\n", ("configuration", "TODO[")),
    ("fatal: no tag exactly matches 'deadbeefdeadbeefdeadbeefdeadbeefdeadbeef'\n", ("configuration", None)),
])
def test_round17_variants(text: str, reading: tuple) -> None:
    events = detect(text.encode(), "git push", 1)
    assert (events[0].category.value, events[0].subject) == reading


# round 19: the option, todo-list and signing refusals in the forms no fixture has
@pytest.mark.parametrize("text,reading", [
    ("fatal: --reset-author can be used only with -C, -c or --amend.\n", ("configuration", "--reset-author")),
    ("fatal: options '--depth' and '--unshallow' cannot be used together\n", ("configuration", "--unshallow")),
    ("fatal: options '--reset', '--hard', and '--soft' cannot be used together\n", ("configuration", "--soft")),
    ("error: option `depth' expects a numerical value\n", ("configuration", "--depth")),
    ("error: --local can only be used inside a git repository\n", ("configuration", "--local")),
    ("error: invalid line 3: squashh 1a2b3c4 tidy\nYou can fix this with 'git rebase --edit-todo'\n", ("syntax", None)),
    # a later git relays gpg's words: the key it could not use
    ('error: gpg failed to sign the data:\ngpg: skipped "Dev <dev@example.com>": No secret key\n'
     "fatal: failed to write commit object\n", ("configuration", "Dev <dev@example.com>")),
])
def test_round19_variants(text: str, reading: tuple) -> None:
    events = detect(text.encode(), "git commit", 128)
    assert (events[0].category.value, events[0].subject) == reading


# round 24: another CLI's option refusal is not git's (kubectl, cobra's unquoted form), directly
# or inside a script; git's own refusals and refs.c's symbolic-ref words still read
@pytest.mark.parametrize("text,command,reading", [
    ("error: --dry-run and --server-side cannot be used together\n",
     "kubectl apply --dry-run=client --server-side -f deploy.yaml", None),
    ("applying manifests\nerror: --dry-run and --server-side cannot be used together\n", "bash deploy.sh", None),
    ("error: --local can only be used inside a git repository\n", "bash setup.sh", ("configuration", "--local")),
    ("fatal: ref HEAD is not a symbolic ref\n", "git symbolic-ref --short HEAD", ("configuration", "HEAD")),
    ("fatal: No such ref: HEAD\n", "git symbolic-ref -d HEAD", ("configuration", "HEAD")),
])
def test_round24_other_cli_and_refs(text: str, command: str, reading: tuple | None) -> None:
    events = [e for e in detect(text.encode(), command, 1) if e.tool == "git"]
    if reading is None:
        assert not events, [e.to_json() for e in events]
    else:
        assert (events[0].category.value, events[0].subject) == reading


@pytest.mark.parametrize(("text", "reading"), [
    ("fatal: the receiving end does not support --atomic push\n", ("configuration", "--atomic")),
    ("fatal: the receiving end does not support push options\n", ("configuration", None)),
    ("fatal: $HOME not set\n", ("configuration", "HOME")),
    ("fatal: invalid refspec ':refs/heads/x:y'\n", ("configuration", ":refs/heads/x:y")),
    ("error: wrong number of arguments, should be from 1 to 2\nusage: git config [<options>]\n", ("configuration", None)),
])
def test_round26_variants(text: str, reading: tuple) -> None:
    events = detect(("pushing\n" + text).encode(), "git push", 128)
    assert (events[0].category.value, events[0].subject, events[0].tool) == (*reading, "git")


# round 29: outside a repository `git diff` warns and prints `diff --no-index`'s usage (exit
# 129), refusing a repository's option as unknown; a search stopped at a mount point names no
# `.git`; parse-options' unknown option / switch is spelt as typed; blame of a path not in HEAD
@pytest.mark.parametrize(("text", "command", "reading"), [
    ("warning: Not a git repository. Use --no-index to compare two paths outside a working tree\n"
     "usage: git diff --no-index [<options>] <path> <path>\n\nDiff output format options\n", "git diff --stat",
     ("configuration", None)),
    ("error: unknown option `cached'\nusage: git diff --no-index [<options>] <path> <path>\n", "git diff --cached",
     ("configuration", None)),
    ("error: unknown option `bogus'\nusage: git diff --no-index [<options>] <path> <path>\n",
     "git diff --no-index --bogus a b", ("configuration", "--bogus")),
    ("error: unknown option `amendd'\nusage: git commit [<options>] [--] <pathspec>...\n", "git commit --amendd",
     ("configuration", "--amendd")),
    ("error: unknown switch `Q'\nusage: git status [<options>] [--] <pathspec>...\n", "git status -Q",
     ("configuration", "-Q")),
    ("fatal: not a git repository (or any parent up to mount point /builds)\n"
     "Stopping at filesystem boundary (GIT_DISCOVERY_ACROSS_FILESYSTEM not set).\n", "git status",
     ("configuration", None)),
    ("fatal: not a git repository (or any of the parent directories): .git\n", "git status", ("configuration", ".git")),
    ("fatal: no such path 'src/app.py' in HEAD\n", "git blame src/app.py", ("configuration", "src/app.py")),
])
def test_round29_outside_a_repository_and_options(text: str, command: str, reading: tuple) -> None:
    event = detect(text.encode(), command, 129)[0]
    assert (event.category.value, event.subject, event.tool) == (*reading, "git")
    assert not event.details.get("guessed")
