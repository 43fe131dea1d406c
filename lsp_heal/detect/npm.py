"""npm, yarn and pnpm: the package managers say what failed in their own prefixed lines
(`npm error code E404` / `npm ERR!`, yarn 1's `error ...`, yarn 2+'s `YN0035:` codes, pnpm's
` ERR_PNPM_FETCH_404 `), then recap a failed script (`Lifecycle script failed`,
`Command failed with exit code 1`, `ELIFECYCLE`). The script's own errors (node's stack
traces) are read by the node family; here the recap is only a SUMMARY.

Readings decided here: ERESOLVE's subject is the package whose requested range could not be
met (`react` for `peer react@"^18" from react-dom@18`); an engines mismatch is
`configuration` with the engine (`node`) as subject; `npm ci` without a lockfile is
`configuration` of `package-lock.json`; no package.json where a command needs one is
`configuration` of `package.json` (npm's ENOENT, yarn's and pnpm's own words); EINTEGRITY is
`dependency` of the package npm warned about (`tarball data for x@... seems to be corrupted`).
"""

from __future__ import annotations

from collections.abc import Iterator

from lsp_heal.detect._regex import lazy_re
from lsp_heal.detect.node import NETWORK_CODES, env_var_named, network_subject
from lsp_heal.detect.node import parse as node_parse
from lsp_heal.detect.output import Output
from lsp_heal.model import Category, ErrorEvent, Location, Rank, Severity

_NPM_PREFIX = lazy_re(r"^npm (?:error|ERR!) ?")
_NPM_CODE = lazy_re(r"^npm (?:error|ERR!) code (?P<code>\S+)\s*$")
_MISSING_SCRIPT = lazy_re(r"(?:Missing|missing) script: \"?(?P<name>[^\"\s]+)\"?")
_QUOTED_SPEC = lazy_re(r"'(?P<spec>[^'\s]+)'")
_USAGE_FLAG = lazy_re(r"(?<![\w'\"`-])(--[a-z][a-z0-9-]*)\b(?!=)")
_NO_VERSION = lazy_re(r"No matching version found for (?P<spec>\S+?)\.?(?: |$)")
_RESOLVE = lazy_re(r"^(?:peer |peerOptional |dev |optional )?(?P<name>@?[^@\s\"]+)@")
_ENGINE_REQUIRED = lazy_re(r"Required: \{\s*\"?(?P<engine>\w+)")
_ENGINE = lazy_re(r"[Tt]he engine \"(?P<engine>\w+)\" is incompatible|Your (?P<name>\w+) version is incompatible")
_PATH_LINE = lazy_re(r"^npm (?:error|ERR!) (?:path|file) (?P<path>\S+)")
_URL = lazy_re(r"https?://[^/\s]+/[^\s\"']*?(?=:? |:?$|\")")
_YARN_NOT_FOUND = lazy_re(r"^error (?:Couldn't find package \"(?P<spec>[^\"]+)\"|"
                             r"Couldn't find any versions for \"(?P<name>[^\"]+)\")")
_YARN_JSON = lazy_re(r"^error SyntaxError: (?P<path>\S+\.json): ")
_YARN_COMMAND = lazy_re(r"^error Command \"(?P<name>[^\"]+)\" not found")
_BERRY = lazy_re(r"^(?:➤ )?YN(?P<code>\d{4}): (?:│ )?(?P<msg>.*)$")
_BERRY_SPEC = lazy_re(r"^(?P<name>@?[^@\s]+)@\S+?:? (?:can't be resolved|No candidates found)")
_BERRY_CHECKSUM = lazy_re(r"^(?P<name>@?[^@\s]+)@\S+?: The remote archive doesn't match")
#: what a yarn 2+ usage error names: the folder outside the project, the unknown option
_BERRY_USAGE = lazy_re(r"package directory \((?P<dir>[^)]+)\) doesn't seem|"
                       r"[Uu]nsupported option name \(\"(?P<opt>[^\"]+)\"\)|"
                       r"[Uu]nknown (?:Syntax Error: )?[Cc]ommand:? \"?(?P<cmd>[^\"\s]+)")
_BERRY_SCRIPT = lazy_re(r"Couldn't find a script named \"(?P<name>[^\"]+)\"")
_PNPM_COMMAND = lazy_re(r"\bCommand \"(?P<name>[^\"]+)\" not found")
_PNPM = lazy_re(r"^\s*(?:Error: )?\[?ERR_PNPM_(?P<code>[A-Z0-9_]+)\]?\s*(?P<msg>.*)$")
_PNPM_PEER = lazy_re(r"✕ (?:missing|unmet) peer (?P<spec>@?[^\s:@]+(?:/[^\s:@]+)?@[^\s:]+)")
_PNPM_NAME = lazy_re(r"(?:version of |for |GET \S+/)(?P<name>@?[^\s:@]+(?:/[^\s:@]+)?)(?:@\S*)?:?(?: |$)")
_PNPM_PKG_NAMED = lazy_re(r'(?:package|dependency) named "(?P<name>[^"]+)"|"(?P<spec>@?[^"@\s]+@[^"\s]+)" is in the')
_YAML_FRAME = lazy_re(r"^\s*\d+ \| ")
_PNPM_JSON = lazy_re(r"^\s*ERROR\s+(?P<msg>.*\bJSON\b.* in (?P<path>\S+\.json))\s*$")
#: pnpm's metadata cache keeps one folder per registry host: `.../metadata-v1.3/<host>/<pkg>.json`
_PNPM_MIRROR = lazy_re(r"/metadata[\w.-]*/(?P<host>[\w.-]+(?::\d+)?)/")
_WORKSPACE_ARG = lazy_re(r"^npm (?:error|ERR!)\s+(?:--workspace|-w)[= ](?P<name>\S+)")
_LS_PROBLEM = lazy_re(r"^(?:missing|invalid): (?P<spec>@?[^\s,]+),? ")
_NPX_MISSING = lazy_re(r"missing packages and no YES option: \[\s*\"(?P<spec>[^\"]+)\"")
_ANY_URL = lazy_re(r"https?://[^\s\"']+")
_BACKQUOTED = lazy_re(r"`([^`\s]+)`")
#: `npm explore x`: `npm error explore It doesn't look like x is installed.`
_NOT_INSTALLED = lazy_re(r"It doesn't look like (?P<name>\S+) is installed")
#: EDUPLICATEWORKSPACE: `package 'utils' has conflicts in the following paths:`
_CONFLICTING_PACKAGE = lazy_re(r"\bpackage '(?P<name>[^']+)' has conflicts")
#: pnpm's NO_SCRIPT forms: `None of the selected packages has a "lint" script`
_PNPM_SCRIPT_NAMED = lazy_re(r'has an? "(?P<name>[^"]+)" script')
_CODE_FRAME = lazy_re(r"^> (?P<line>\d+) \|")
#: the package whose tarball failed its lockfile checksum: npm warns once per retry
_TARBALL = lazy_re(r"tarball data for (?P<spec>@?[^@\s]+)@")
_YARN_NO_MANIFEST = "error Couldn't find a package.json file in "
#: yarn 1 asked to remove (upgrade) a package the package.json does not list
_YARN_NOT_LISTED = "error This module isn't specified in a package.json file"
_YARN_STEP_MODULE = lazy_re(r"^\[\d+/\d+\] \w+ module (?P<name>(?:@[\w.-]+/)?[\w.-]+?)\.{3}$")
#: a package that declares another os / cpu (`"os": ["win32"]`): npm's and pnpm's EBADPLATFORM
#: (`Unsupported platform for x@1.0.0: wanted {...}`), yarn 1's `error x@1.0.0: The platform
#: "linux" is incompatible with this module.`
_PLATFORM = lazy_re(r"Unsupported platform for (?P<spec>@?[^\s:]+):|"
                    r"^error (?P<yspec>@?[^\s:]+): The (?:platform|CPU architecture) \"[^\"]*\" is incompatible")
#: npm's EINVALID* usage of a spec: `Invalid tag name "^2.x.3" of package "ms@^2.x.3"`
_OF_PACKAGE = lazy_re(r"\bof package \"(?P<spec>@?[^\"\s]+)\"|[Ii]nvalid (?:package name|version)[: ]+\"(?P<name>[^\"]+)\"")
_OVERRIDE = lazy_re(r"Override for (?P<spec>@?\S+) conflicts")
#: pnpm's packageManager check (OTHER_PM_EXPECTED, BAD_PM_VERSION), printed as a bare badge
_PNPM_OTHER_PM = lazy_re(r"^\s*(?:ERROR|ERR_PNPM_[A-Z_]+)\s+This project is configured to use \S")
#: the js-yaml error pnpm prints for its own YAML files: ` ERROR  bad indentation ... (3:2)`
_PNPM_YAML = lazy_re(r"^\s*ERROR\s+(?P<msg>.+?) \((?P<line>\d+):(?P<col>\d+)\)\s*$")
#: `npm error command failed` then `npm error command sh -c node install.js`: a package's
#: install script (a dependency's postinstall) failed; its output follows, prefixed
_SCRIPT_FAILED = ("Lifecycle script `", "npm ERR! Failed at the ", "npm ERR! Test failed.",
                  "error Command failed with exit code", "ELIFECYCLE")


#: `npm init`'s placeholder "test" script: `echo "Error: no test specified" && exit 1`
_NO_TEST = "Error: no test specified"
_NO_TEST_LINE, _TEST_LINE, _BRACKET_LINE = "\n" + _NO_TEST, "\n> test -", "\n> [ -"
#: npm's echo of a script that is a shell file test: `> test -f .env || exit 1`, `> [ -d dist ]`
_FILE_TEST = lazy_re(r"^> (?:test|\[) -[edfrsx] (?P<path>[^\s|&;\]]+)")
#: what follows a script that printed nothing: npm's, pnpm's, yarn's or make's recap
_RECAP = ("npm error", "npm ERR!", "make: ***", "make[", " ELIFECYCLE", "ELIFECYCLE", "error Command failed")
#: npm naming the package.json key to change: `Remove the 'private' field from the package.json`
_FIELD = lazy_re(r"the '(?P<field>[\w.]+)' field")
#: yarn 2+ reading a manifest (`Syntax Error: ... (when parsing /app/package.json)`)
_WHEN_PARSING = lazy_re(r"\(when parsing (?P<path>[^)]+)\)\s*$")


def parse(out: Output) -> Iterator[ErrorEvent]:
    found = False
    for event in _parse(out):
        found = True
        yield event
    if not found and out.failed and out.tool == "npm":
        yield from _npm_usage(out)
    elif not found and out.failed and out.tool == "yarn":
        yield from _yarn_usage(out)


def _yarn_usage(out: Output) -> Iterator[ErrorEvent]:
    """yarn 1 closes every failed command with `info Visit https://yarnpkg.com/en/docs/cli/<cmd>
    for documentation about this command.`; the `error <message>` above it that no other
    reading explains is the command refusing its arguments (`error Missing list of packages to
    add to your project.`): the command line is wrong, nothing named."""
    for i in out.find("\ninfo Visit https://yarnpkg.com/en/docs/cli/"):
        for k in range(i - 1, max(i - 4, -1), -1):
            line = out.lines[k]
            if line.startswith("error ") and not line.startswith(("error An unexpected error", "error Command failed")):
                value = _usage_value(line[len("error "):])
                yield _event(Category.CONFIGURATION, "yarn", line, k,
                             (_option_for(out.command, value) or value) if value else None)
                return


#: npm's own closing lines, which say nothing about the error
_NPM_EPILOGUE = ("Log files were not written", "A complete log of this run", "Log files were")


def _npm_usage(out: Output) -> Iterator[ErrorEvent]:
    """A failed npm command whose only words are uncoded `npm error <message>` lines (a command
    refusing its arguments, which npm throws as a plain Error: `Must provide a package name to
    remove`, `Tag name must not be a valid SemVer range: 1.2.3`): the command line is wrong.
    The subject is the option the command gives the value the message ends with or quotes, else
    that value as printed, else none.
    Read only when no other reading was found and npm printed no `npm error code` line."""
    if any(out.has(n) for n in _NPM_CODE_LINES):
        return
    for i in out.find("\nnpm error "):
        text = out.lines[i][len("npm error "):].strip()
        if not text or text.startswith(_NPM_EPILOGUE):
            continue
        value = _usage_value(text)
        yield _event(Category.CONFIGURATION, "npm", text, i,
                     (_option_for(out.command, value) or value) if value else None)
        return


def _usage_value(text: str) -> str:
    """The value a usage error quotes or ends with (`Invalid version: banana`, `Unknown
    workspace "web".`), else empty."""
    if ": " in text:
        return text.rsplit(": ", 1)[1].strip().rstrip(".").strip("'\"`")
    if (q := text.find('"')) != -1 and (e := text.find('"', q + 1)) > q + 1:
        return text[q + 1: e]
    return ""


def _option_for(command: str | None, value: str) -> str | None:
    """The `--flag` a command line gives `value` to: `--tag 1.2.3`, `--tag=1.2.3`."""
    words = (command or "").split()
    for n, word in enumerate(words):
        if word.startswith("--") and word.endswith("=" + value):
            return word.split("=", 1)[0]
        if word == value and n and words[n - 1].startswith("-") and "=" not in words[n - 1]:
            return words[n - 1]
    return None


def _parse(out: Output) -> Iterator[ErrorEvent]:
    manager = out.tool if out.tool in ("npm", "yarn", "pnpm") else None
    if out.failed and (out.has(_NO_TEST_LINE) or out.has(_TEST_LINE) or out.has(_BRACKET_LINE)):
        yield from _unconfigured(out)
    yield from _npm(out)
    yield from _npm_uncoded(out)
    yield from _npx_canceled(out)
    yield from _missing_script(out, manager)
    yield from _missing_workspace(out)
    if manager == "yarn" or out.has("yarnpkg.com"):
        yield from _yarn(out)
    yield from _berry(out)
    if out.has("ERR_PNPM_") or manager == "pnpm":
        yield from _pnpm(out)
    yield from _script_failed(out, manager)
    if out.failed and manager:  # a script run by a manager: its last lines only, no literal
        yield from _version_gate(out)
        yield from _silent_check(out)


def _event(category: Category, tool: str, line: str, i: int, subject: str | None = None,
           rank: Rank = Rank.ROOT, **kw) -> ErrorEvent:
    return ErrorEvent(category, Severity.HIGH, tool, line.strip(), subject=subject, rank=rank,
                      line_index=i, **kw)


def url_package(text: str) -> str | None:
    """The package a registry URL names: its last path segment, or `@scope/name`."""
    if not (m := _URL.search(text)):
        return None
    parts = m[0].rstrip("/").split("/")[3:]
    if len(parts) >= 2 and parts[-2].startswith("@"):
        return "/".join(parts[-2:])
    return parts[-1] if parts else None


def package_name(spec: str) -> str:
    """`lodash@^4` → `lodash`, `@scope/pkg@1` → `@scope/pkg`, as npm names packages."""
    spec = spec.replace("%2f", "/").replace("%2F", "/")
    at = spec.find("@", 1)
    return spec[:at] if at > 0 else spec


# --- npm ---------------------------------------------------------------------------------

#: the code line's own words (` code ` alone is mostly other tools': `exit code 1`)
_NPM_CODE_LINES = ("npm error code ", "npm ERR! code ")


def _npm(out: Output) -> Iterator[ErrorEvent]:
    for i in sorted({i for needle in _NPM_CODE_LINES for i in out.find(needle)}):
        if m := _NPM_CODE.match(out.lines[i]):
            if not m["code"].isdigit():
                event = _npm_error(out, i, m["code"], _npm_block(out, i))
            elif " git " in out.line(i + 1):  # the exit code of git, run for a git dependency
                event = _npm_git(_npm_block(out, i))
            else:  # a script's exit code: its own output says why, unprefixed or below
                yield from _install_script(out, _npm_block(out, i))
                continue
            if event:
                yield event


_GIT_COMMAND = lazy_re(r"^command (?:\S*/)?git(?: --?[\w-]+(?:=\S+)?)* (?:ls-remote|clone|fetch)(?: --?[\w-]+(?:=\S+)?)* "
                       r"(?P<url>\S+)")
#: any git npm ran (`command /usr/bin/git --no-replace-objects describe --tags ...`)
_GIT_LOCAL = lazy_re(r"^command (?:\S*/)?git(?:\.exe)? ")


#: npm's own lines in a script's error block: where, what it ran, where its log went
_NPM_OWN = ("path ", "command ", "Log files were not written", "A complete log of this run")


def _install_script(out: Output, block: list[tuple[int, str]]) -> Iterator[ErrorEvent]:
    """An install script (`npm error path <pkg dir>`, `command failed`, `command sh -c ...`)
    failed during `npm install`/`ci`: npm prints the script's output inside its own
    `npm error` block, where the node family cannot see it. Read the block, prefix taken
    off, as node's output (one line for one line, anchored back on the block)."""
    if not any(t == "command failed" for _, t in block[:4]):
        return
    body = [(j, t) for j, t in block if not t.startswith(_NPM_OWN)]
    if not body:
        # the project's own lifecycle script (`preinstall`, `prepare`) ran in the foreground:
        # its output is above the block, its last words may name what is wrong
        if (j := _last_words(out, block[0][0] - 1)) is not None:  # above the code line
            yield _event(Category.CONFIGURATION, "npm", out.lines[j], j, _named(out.lines[j]))
        return
    sub = Output("\n".join(t for _, t in body), out.command, out.exit_code)
    for event in node_parse(sub):  # the script's own errors are node's to read
        event.line_index = body[min(event.line_index, len(body) - 1)][0]
        yield event


def _npm_git(block: list[tuple[int, str]]) -> ErrorEvent | None:
    """`npm error code 128` / `An unknown git error occurred` / `command git ... ls-remote URL`
    then git's own `fatal:` lines: the repository of a git dependency. Git's words say why:
    a host that does not resolve or answer (network), credentials refused (permission), else
    the repository is not there (dependency, named by its URL as npm ran git on it)."""
    url = next((m["url"] for _, t in block if (m := _GIT_COMMAND.match(t))), None)
    fatal = [(j, t) for j, t in block if t.startswith(("fatal: ", "ssh: ", "remote: "))]
    j, text = fatal[0] if fatal else block[0]
    if url is None:
        if fatal and any(_GIT_LOCAL.match(t) for _, t in block):
            # git run by npm on the project itself (`npm version` tags and commits, `from-git`
            # reads the last tag): not a repository, no tag, a dirty tree; nothing to install,
            # the project (or the folder it runs in) is set up wrong; git names no key
            return _event(Category.CONFIGURATION, "npm", text, j)
        return None
    words = " ".join(t for _, t in fatal).lower()
    if "could not resolve host" in words or "connection refused" in words or "timed out" in words \
            or "could not resolve hostname" in words:
        return _event(Category.NETWORK, "npm", text, j, _git_host(url))
    if "permission denied" in words or "authentication failed" in words:
        return _event(Category.PERMISSION, "npm", text, j, url)
    return _event(Category.DEPENDENCY, "npm", text, j, url)


def _git_host(url: str) -> str | None:
    rest = url.split("://", 1)[-1]
    host = rest.split("/", 1)[0].rsplit("@", 1)[-1]
    return host.split(":", 1)[0] if "://" not in url and ":" in host else host or None


#: npm errors printed with no `code` line: libnpmversion refusing a dirty tree (`npm version`)
#: npm's refusals with no code (`npm version` on a dirty tree; npm-package-arg's `must provide
#: string spec` for a dependency whose version in package.json is no string, `"x": 1`, the file
#: and key unnamed): the project's setup, nothing names what to change
_NPM_UNCODED = ("Git working directory not clean", "must provide string spec")
#: a refusal that names the flag to confirm it (`npm cache clean`: `rerun this command with
#: --force`; `Run with --force to ...`): the option the command lacks
_NPM_CONFIRM = lazy_re(r"\b(?:[Rr]erun this command|[Rr]un(?: it)?|[Rr]etry) with (?P<flag>--[a-z][\w-]*)")


def _npm_uncoded(out: Output) -> Iterator[ErrorEvent]:
    for needle in _NPM_UNCODED:
        for i in out.find(needle):
            if m := _NPM_PREFIX.match(out.lines[i]):
                yield _event(Category.CONFIGURATION, "npm", out.lines[i][m.end():], i)
    if not any(out.has(n) for n in _NPM_CODE_LINES):  # a coded block says more (ERESOLVE)
        for i in out.find(" with --"):
            if (m := _NPM_PREFIX.match(out.lines[i])) and (f := _NPM_CONFIRM.search(out.lines[i])):
                yield _event(Category.CONFIGURATION, "npm", out.lines[i][m.end():], i, f["flag"])
                break
    for i in out.find("is not a valid npm option"):
        # `npm config set colour=always` (`npm config get x`): a key npm does not know
        if (m := _NPM_PREFIX.match(out.lines[i])) and (k := _BACKQUOTED.search(out.lines[i])):
            yield _event(Category.CONFIGURATION, "npm", out.lines[i][m.end():], i, k[1])
    for i in out.find("No dependencies found matching "):
        # `npm explain x` (`npm why x`) of a package that is not in the tree: not installed
        if m := _NPM_PREFIX.match(out.lines[i]):
            text = out.lines[i][m.end():]
            spec = text.rsplit("No dependencies found matching ", 1)[1].strip()
            yield _event(Category.DEPENDENCY, "npm", text, i, package_name(spec) if spec else None)


def _npx_canceled(out: Output) -> Iterator[ErrorEvent]:
    """`npx --no cmd` (or no TTY to ask): the package that provides cmd is not installed."""
    for i in out.find("npx canceled due to missing packages"):
        if m := _NPX_MISSING.search(out.lines[i]):
            yield _event(Category.DEPENDENCY, "npm", _NPM_PREFIX.sub("", out.lines[i]), i,
                         package_name(m["spec"]))


def _npm_block(out: Output, i: int) -> list[tuple[int, str]]:
    """The `npm error` lines after the code line, prefix removed, up to the next block."""
    block = []
    for j in range(i + 1, min(i + 40, len(out.lines))):
        line = out.lines[j]
        m = _NPM_PREFIX.match(line)
        if not m or (" code " in line and _NPM_CODE.match(line)):
            break
        block.append((j, line[m.end():]))
    return block


def _npm_error(out: Output, i: int, code: str,
               block: list[tuple[int, str]]) -> ErrorEvent | None:
    """Each event is anchored on the block line it is read from, so a block cut by a chunk
    boundary is read again, whole, with the next chunk."""
    if not block:
        return None
    first = next(((j, t) for j, t in block if t.strip()), block[0])
    if code == "E404":
        for j, text in block:
            if name := url_package(text) or ((q := _QUOTED_SPEC.search(text)) and q[1]):
                return _event(Category.DEPENDENCY, "npm", text, j, package_name(name))
    if code == "ETARGET":
        for j, text in block:
            if m := _NO_VERSION.search(text):
                return _event(Category.DEPENDENCY, "npm", text, j, package_name(m["spec"]))
    if code == "ERESOLVE":
        return _eresolve(out, i, block)
    if code == "EJSONPARSE":
        j, text = first
        path = next((p["path"] for k, _ in block if (p := _PATH_LINE.match(out.lines[k]))),
                    "package.json")
        return _event(Category.SYNTAX, "npm", text, j, location=Location(path))
    if code == "EBADPLATFORM" or (code == "ENOTSUP" and any("Unsupported platform" in t for _, t in block)):
        for j, text in block:
            if m := _PLATFORM.search(text):  # the package that cannot be installed here
                return _event(Category.CONFIGURATION, "npm", text, j, package_name(m["spec"]),
                              details={"code": code})
        return _event(Category.CONFIGURATION, "npm", first[1], first[0])
    if code.startswith("EINVALID"):  # EINVALIDTAGNAME, EINVALIDPACKAGENAME: a spec npm rejects
        for j, text in block:
            if m := _OF_PACKAGE.search(text):
                return _event(Category.CONFIGURATION, "npm", text, j,
                              package_name(m["spec"]) if m["spec"] else m["name"], details={"code": code})
        return _event(Category.CONFIGURATION, "npm", first[1], first[0], details={"code": code})
    if code == "EOVERRIDE":  # `overrides` contradicts a direct dependency's range
        j, text = next(((k, t) for k, t in block if _OVERRIDE.search(t)), first)
        m = _OVERRIDE.search(text)
        return _event(Category.CONFIGURATION, "npm", text, j, package_name(m["spec"]) if m else None,
                      details={"code": code})
    if code in ("EBADENGINE", "ENOTSUP"):
        for j, text in block:
            if m := _ENGINE_REQUIRED.search(text):
                return _event(Category.CONFIGURATION, "npm", first[1], j, m["engine"])
        return _event(Category.CONFIGURATION, "npm", first[1], first[0])
    if code in NETWORK_CODES or code.startswith(("ERR_SOCKET", "EAI_")):
        j, text = next(((k, t) for k, t in block if code in t and "reason" in t), first)
        event = _event(Category.NETWORK, "npm", text, j, network_subject(text))
        if code in ("ETIMEDOUT", "ECONNRESET", "EAI_AGAIN") or code.startswith("ERR_SOCKET"):
            event.severity = Severity.MEDIUM
        return event
    if code == "ENOTCACHED":  # `--offline` (cache mode only-if-cached): the fetch was not made
        j, text = next(((k, t) for k, t in block if _ANY_URL.search(t)), first)
        url = _ANY_URL.search(text)
        return _event(Category.NETWORK, "npm", text, j, _git_host(url[0]) if url else None,
                      details={"code": code})
    if code in ("EACCES", "EPERM"):
        path = next((p["path"] for k, _ in block if (p := _PATH_LINE.match(out.lines[k]))), None)
        j, text = next(((k, t) for k, t in block if code + ":" in t), first)
        return _event(Category.PERMISSION, "npm", text, j, path)
    if code == "ELSPROBLEMS":  # `npm ls`: `missing: x@^1, required by app@1.0.0`, `invalid: ...`
        for j, text in block:
            if m := _LS_PROBLEM.match(text):
                return _event(Category.DEPENDENCY, "npm", text, j, package_name(m["spec"]))
    if code == "ENOENT" and (spawn := next((t.split()[2] for _, t in block[:4]
                                             if t.startswith("syscall spawn ") and len(t.split()) > 2), None)):
        # npm ran a program that is not on PATH (git for a git dependency, a shell): install it
        j, text = next(((k, t) for k, t in block if t.startswith("enoent ")), first)
        return _event(Category.DEPENDENCY, "npm", text, j, spawn, details={"code": code})
    if code == "EPRIVATE":  # `"private": true` in package.json refuses `npm publish`
        j, text = first
        field = next((m["field"] for _, t in block if (m := _FIELD.search(t))), "private")
        return _event(Category.CONFIGURATION, "npm", text, j, field, details={"code": code})
    if code == "ENOENT" and (x := _NOT_INSTALLED.search(out.line(i - 1))):
        # `npm explore x` (`npm edit x`) says first that the package is not in node_modules,
        # then fails to read its package.json there: the package to install
        return _event(Category.DEPENDENCY, "npm", _NPM_PREFIX.sub("", out.line(i - 1)), i - 1,
                      x["name"], details={"code": code})
    if code.startswith("EQUERY"):
        # `npm query` refusing its selector (`:outdate` is not a supported pseudo selector,
        # EQUERYNOPSEUDO; an unknown attribute matcher): the command line, the part quoted
        j, text = first
        q = _BACKQUOTED.search(text) or _QUOTED_SPEC.search(text)
        return _event(Category.CONFIGURATION, "npm", text, j, q[1] if q else None,
                      details={"code": code})
    if code == "ENOENT":  # a file npm itself needs: package.json above all
        path = next((p["path"] for k, _ in block if (p := _PATH_LINE.match(out.lines[k]))), None)
        j, text = next(((k, t) for k, t in block if t.startswith("enoent ")), first)
        if (path or "").endswith("/package.json") and (folder := _named_folder(out, path)):
            # `npm install ./libs/x` of a folder that is not there: a package to provide
            return _event(Category.DEPENDENCY, "npm", text, j, folder)
        if "Could not read package.json" in text or (path or "").endswith("/package.json"):
            # the project's own manifest; `--prefix client` points npm at another folder:
            # that folder, as the command names it, lacks it
            path = f"{prefix}/package.json" if (prefix := _prefix_of(out, path)) else "package.json"
        return _event(Category.CONFIGURATION, "npm", text, j, path)
    if code == "EINTEGRITY":  # the lockfile's checksum and the tarball disagree
        name = next((m["spec"] for k in range(i - 1, max(i - 20, -1), -1)
                     if (m := _TARBALL.search(out.lines[k]))), None)
        return _event(Category.DEPENDENCY, "npm", first[1], first[0], name)
    if code in ("ENEEDAUTH", "E401", "E403"):  # the registry wants (other) credentials
        j, text = next(((k, t) for k, t in block if _ANY_URL.search(t)), first)
        url = _ANY_URL.search(text)
        return _event(Category.PERMISSION, "npm", text, j, url[0].rstrip(".,") if url else None)
    if code == "EDUPLICATEWORKSPACE":  # two workspace folders declare one package name
        j, text = next(((k, t) for k, t in block if _CONFLICTING_PACKAGE.search(t)), first)
        m = _CONFLICTING_PACKAGE.search(text)
        return _event(Category.CONFIGURATION, "npm", text, j, m["name"] if m else None,
                      details={"code": code})
    if code == "ENOGIT":  # a git dependency and no git
        return _event(Category.DEPENDENCY, "npm", first[1], first[0], "git")
    if code == "ENOLOCK":  # `npm audit` (and its fixes) read the lockfile, and there is none
        return _event(Category.CONFIGURATION, "npm", first[1], first[0], "package-lock.json",
                      details={"code": code})
    if code.startswith("EALLOW"):
        # EALLOWGIT (EALLOWREMOTE, EALLOWFILE, EALLOWDIRECTORY): `--allow-git=none` (or the
        # same setting in .npmrc) refuses a dependency of that type: the option, as the command
        # line types it, else the setting
        option = "allow-" + code[6:].lower()
        j, text = next(((k, t) for k, t in block if t.startswith("Refusing ")), first)
        typed = f"--{option}" if f"--{option}" in (out.command or "") else option
        return _event(Category.CONFIGURATION, "npm", text, j, typed, details={"code": code})
    if code.startswith("TAR_") and code != "TAR_ENTRY_ERROR":
        # TAR_BAD_ARCHIVE (`Unrecognized archive format`), TAR_ABORT: a package's tarball is no
        # tarball (an HTML page saved as .tgz, a truncated download): the package to fetch
        # again, as the command names it when it names one
        return _event(Category.DEPENDENCY, "npm", first[1], first[0], _one_spec(out.command),
                      details={"code": code})
    if code == "EUSAGE" and any("package-lock.json" in t for _, t in block[:4]):
        j, text = next((k, t) for k, t in block if "package-lock.json" in t)
        return _event(Category.CONFIGURATION, "npm", text, j, "package-lock.json")
    if code == "EUSAGE":
        # any other misuse of a command (`npm pkg set expects a key=value pair of args.`,
        # `npm exec` with nothing to run): the command line; its first sentence, above the
        # usage text, says what is wrong and quotes the argument when it names one
        # (`Can't use more than two --diff arguments.`, `Must specify --sbom-format flag with
        # one of: ...`): the option it names, as typed, before a quoted argument
        j, text = first
        f = _USAGE_FLAG.search(text)
        q = _QUOTED_SPEC.search(text)
        return _event(Category.CONFIGURATION, "npm", text, j,
                      f[1] if f else q["spec"] if q else None, details={"code": code})
    return None


def _one_spec(command: str | None) -> str | None:
    """The one package spec `npm install <spec>` (`i`, `add`) names, if it names one."""
    words = (command or "").split()
    try:
        at = next(k for k, w in enumerate(words) if w in ("install", "i", "add", "ci", "update"))
    except StopIteration:
        return None
    specs = [w.strip("'\"") for w in words[at + 1:] if not w.startswith("-")]
    return specs[0] if len(specs) == 1 else None


def _prefix_of(out: Output, path: str | None) -> str | None:
    """The `--prefix X` (`--prefix=X`) of the command when `path`'s folder is X."""
    args = (out.command or "").split()
    for k, arg in enumerate(args):
        value = arg[len("--prefix="):] if arg.startswith("--prefix=") else (
            args[k + 1] if arg == "--prefix" and k + 1 < len(args) else None)
        value = (value or "").strip("'\"").rstrip("/")
        if value and value.strip("./") and (path or "").removesuffix("/package.json").endswith(
                value.removeprefix("./")):
            return value.removeprefix("./")
    return None


def _named_folder(out: Output, path: str) -> str | None:
    """The folder of `path` (a package.json) when the command names it as a package to install
    or run (`npm install ./libs/x`, `file:../x`, `npm exec --package=./tools/gen`): a local
    dependency that is not there. The project's
    own package.json missing is configuration."""
    folder = path[: -len("/package.json")]
    for arg in (out.command or "").split()[1:]:
        arg = arg.strip("'\"")
        if arg.startswith("--") and "=" in arg:  # `npm exec --package=./tools/gen`
            arg = arg.split("=", 1)[1]
        arg = arg.removeprefix("file:").rstrip("/")
        if arg.startswith((".", "/", "~")) and arg.strip("./") and folder.endswith(arg.lstrip("./~")):
            return folder
    return None


def _eresolve(out: Output, i: int, block: list[tuple[int, str]]) -> ErrorEvent:
    """The package whose requested range no installed version meets."""
    for n, (j, text) in enumerate(block):
        if text.startswith(("Could not resolve dependency:", "Conflicting peer dependency:")):
            inline = text.split(":", 1)[1].strip()
            wanted = inline or (block[n + 1][1] if n + 1 < len(block) else "")
            if m := _RESOLVE.match(wanted):
                at = j if inline else block[n + 1][0]
                return _event(Category.DEPENDENCY, "npm", block[0][1], at, m["name"],
                              details={"requires": wanted})
    j, text = block[0] if block else (i, out.lines[i])
    return _event(Category.DEPENDENCY, "npm", text, j)


def _unconfigured(out: Output) -> Iterator[ErrorEvent]:
    """A script that only says it is not set up: npm init's placeholder test script, or a
    file test (`test -f .env.production || exit 2`) that failed without a word."""
    for i in out.find(_NO_TEST_LINE):
        if out.lines[i].strip() == _NO_TEST:
            yield _event(Category.CONFIGURATION, out.tool if out.tool in ("yarn", "pnpm") else "npm",
                         out.lines[i], i, "test")
    for needle in (_TEST_LINE, _BRACKET_LINE):
        for i in out.find(needle):
            if (m := _FILE_TEST.match(out.lines[i])) and _silent_after(out, i):
                yield _event(Category.CONFIGURATION, "npm", out.lines[i][2:], i, m["path"])


def _silent_after(out: Output, i: int) -> bool:
    """Nothing but blank lines, then a recap or the end, after the script's echo at `i`."""
    for j in range(i + 1, min(i + 6, len(out.lines))):
        text = out.lines[j].strip()
        if text:
            return text.startswith(_RECAP)
    return True


def _missing_script(out: Output, manager: str | None) -> Iterator[ErrorEvent]:
    for i in out.find("issing script: "):
        if m := _MISSING_SCRIPT.search(out.lines[i]):
            tool = manager or ("pnpm" if "ERR_PNPM" in out.lines[i] else "npm")
            message = _NPM_PREFIX.sub("", out.lines[i]).strip(" ×")
            yield _event(Category.CONFIGURATION, tool, message, i, m["name"])


def _missing_workspace(out: Output) -> Iterator[ErrorEvent]:
    """`npm error No workspaces found:` then one `npm error   --workspace=NAME` per filter."""
    for i in out.find("No workspaces found"):
        if not _NPM_PREFIX.match(out.lines[i]):
            continue
        name = next((m["name"] for k in range(i, min(i + 4, len(out.lines)))
                     if (m := _WORKSPACE_ARG.match(out.lines[k]))), None)
        message = " ".join(_NPM_PREFIX.sub("", out.line(k)).strip() for k in (i, i + 1)).strip()
        if name is None and "No workspaces found!" in out.lines[i]:
            # `--workspaces` (or `-ws`) in a project whose package.json declares none: the
            # key to add is package.json's "workspaces"
            name = "workspaces"
        yield _event(Category.CONFIGURATION, "npm", message, i, name)


def _script_failed(out: Output, manager: str | None) -> Iterator[ErrorEvent]:
    """The managers' recap of a failed script: a consequence, never the cause. Above it, the
    script's own last words may name the cause in a form every reader agrees on."""
    seen, said = set(), set()
    for marker in _SCRIPT_FAILED:
        for i in out.find(marker):
            if i not in seen:
                seen.add(i)
                tool = manager or ("yarn" if marker.startswith("error ") else "npm")
                if (j := _last_words(out, i)) is not None and j not in said:
                    said.add(j)
                    yield _event(Category.CONFIGURATION, tool, out.lines[j], j,
                                 _named(out.lines[j]))
                yield _event(Category.RUNTIME, tool, out.lines[i], i, rank=Rank.SUMMARY)


#: how many lines above a manager's recap a script's last words are looked for
_LAST_WORDS = 6
#: where the script's own output starts or ends: the manager's echo of the command (npm's
#: `> node x.js`, yarn's `$ node x.js`), its own prefixed lines, node's crash trailer (node's)
_NOT_SCRIPT = ("> ", "$ ", "npm ", "Node.js v", "}", "at ")


#: a script (a `preinstall`/`predev` engine check, a CLI's start-up guard) refusing the node it
#: runs on: `requires node >= 20`, `Node.js 18 or later is required`, `Unsupported Node.js version`
_NODE_GATE = lazy_re(r"(?i)\brequires? node(?:\.?js)?(?: version)? *(?:[<>=^~v]|\d)"
                     r"|\bnode(?:\.?js)?(?: version)? \S+ (?:or (?:later|higher|newer|above) )?is required"
                     r"|\bunsupported node(?:\.?js)? version")


def _named(text: str) -> str | None:
    """What a script's last words name as wrong: an environment variable, or node itself."""
    return env_var_named(text) or ("node" if _NODE_GATE.search(text) else None)


def _version_gate(out: Output) -> Iterator[ErrorEvent]:
    """A failed script's own last lines refusing the node version or naming an environment
    variable as missing (`Missing API_KEY` then `process.exit(2)`), when the manager printed
    no recap under it (npm 10+ prints none for a failing script): `configuration`, subject
    `node` or the variable. Only the last lines are read: no literal to index."""
    lines = out.lines
    for j in range(len(lines) - 1, max(len(lines) - _LAST_WORDS, -1), -1):
        text = lines[j].strip()
        if not text:
            continue
        if lines[j][:1].isspace() or text.startswith(_NOT_SCRIPT):
            return
        if name := _named(text):
            yield _event(Category.CONFIGURATION, out.tool or "npm", lines[j], j, name)
            return


def _last_words(out: Output, i: int) -> int | None:
    """The line just above the recap at `i` in which the failed script says an environment
    variable is missing (`error: DATABASE_URL is not set` then `exit 1`): `configuration` of
    the variable, whoever printed it. A crash (a stack, node's trailer) is the node family's."""
    for j in range(i - 1, max(i - _LAST_WORDS, -1), -1):
        line = out.lines[j]
        text = line.strip()
        if not text:
            continue
        if line[:1].isspace() or text.startswith(_NOT_SCRIPT):
            return None
        if _named(text):
            return j
    return None


# --- yarn 1 and yarn 2+ --------------------------------------------------------------------

#: words every yarn 1 error read below has (`error ` alone is on every tool's error lines):
#: one per branch of `_yarn`, the network codes for its network branch
#: a flag a yarn 1 refusal names as the way to go on (`... again with the -W flag`)
_YARN_FLAG = lazy_re(r"\bwith the (?P<flag>--?[\w-]+) flag\b")
_YARN_WORDS = ("error Couldn't find ", _YARN_NOT_LISTED, "error Running this command ", "frozen-lockfile", "needs to be updated",
               'error Command "', " is incompatible", "An unexpected error occurred",
               *sorted(NETWORK_CODES))


def _yarn_lines(out: Output) -> list[int]:
    """The lines that may hold a yarn 1 error: those with one of its words, in order."""
    return sorted({i for word in _YARN_WORDS for i in out.find(word)})


def _yarn(out: Output) -> Iterator[ErrorEvent]:
    for i in out.find("\nerror SyntaxError: "):
        if m := _YARN_JSON.match(out.lines[i]):
            # a manifest that is not valid JSON
            yield _event(Category.SYNTAX, "yarn", out.lines[i], i, location=Location(m["path"]))
    for i in _yarn_lines(out):
        line = out.lines[i]
        if not line.startswith("error "):
            continue
        if m := _YARN_NOT_FOUND.match(line):
            if " in our cache " in line or "--offline" in line:
                # `--offline` and the offline cache lacks it: the message names the flag to drop
                yield _event(Category.CONFIGURATION, "yarn", line, i, "--offline")
                continue
            name = m["name"] or package_name(m["spec"])
            yield _event(Category.DEPENDENCY, "yarn", line, i, name)
        elif "lockfile" in line and ("frozen-lockfile" in line or "needs to be updated" in line):
            # `Your lockfile needs to be updated, but yarn was run with `--frozen-lockfile``
            yield _event(Category.CONFIGURATION, "yarn", line, i, "yarn.lock")
        elif line.startswith(_YARN_NOT_LISTED):
            # `yarn remove x` / `yarn upgrade x` of a package the manifest does not list: the
            # step line above names the module (`[1/2] Removing module lodash...`)
            name = next((m["name"] for k in range(i - 1, max(i - 6, -1), -1)
                         if (m := _YARN_STEP_MODULE.match(out.lines[k]))), None)
            yield _event(Category.CONFIGURATION, "yarn", line, i, name)
        elif (f := _YARN_FLAG.search(line)) and line.startswith("error Running this command "):
            # `... add the dependency to the workspace root ... running this command again with
            # the -W flag (or --ignore-workspace-root-check)`: the flag the message asks for
            yield _event(Category.CONFIGURATION, "yarn", line, i, f["flag"])
        elif line.startswith(_YARN_NO_MANIFEST):
            yield _event(Category.CONFIGURATION, "yarn", line, i, "package.json")
        elif m := _YARN_COMMAND.match(line):
            yield _event(Category.CONFIGURATION, "yarn", line, i, m["name"])
        elif m := _ENGINE.search(line):
            yield _event(Category.CONFIGURATION, "yarn", line, i, m["engine"] or m["name"].lower())
        elif m := _PLATFORM.search(line):
            yield _event(Category.CONFIGURATION, "yarn", line, i, package_name(m["yspec"]))
        elif "E" in line and any(code in line for code in NETWORK_CODES):  # all start with E
            yield _event(Category.NETWORK, "yarn", line, i, network_subject(line))
        elif "An unexpected error occurred" in line and "Not found" in line:
            name = url_package(line)
            yield _event(Category.DEPENDENCY, "yarn", line, i, package_name(name) if name else None)


def _berry(out: Output) -> Iterator[ErrorEvent]:
    for i in out.find("YN0") if out.has("YN0") else ():
        m = _BERRY.match(out.lines[i])
        if not m:
            continue
        code, msg = m["code"], m["msg"]
        if code in ("0027", "0082") and (s := _BERRY_SPEC.match(msg)):
            yield _event(Category.DEPENDENCY, "yarn", out.lines[i], i, s["name"],
                         details={"code": "YN" + code})
        elif code == "0001" and any(c in msg for c in NETWORK_CODES):
            yield _event(Category.NETWORK, "yarn", out.lines[i], i, network_subject(msg))
        elif code == "0028" and "lockfile" in msg:  # FROZEN_LOCKFILE_EXCEPTION (`--immutable`)
            yield _event(Category.CONFIGURATION, "yarn", out.lines[i], i, "yarn.lock",
                         details={"code": "YN0028"})
        elif code == "0018" and (s := _BERRY_CHECKSUM.match(msg)):  # the lockfile's checksum
            yield _event(Category.DEPENDENCY, "yarn", out.lines[i], i, s["name"],
                         details={"code": "YN0018"})
    for i in out.find("Couldn't find a script named"):
        if m := _BERRY_SCRIPT.search(out.lines[i]):
            yield _event(Category.CONFIGURATION, "yarn", out.lines[i], i, m["name"])
    for i in out.find("(when parsing "):  # a manifest that is not valid JSON
        if m := _WHEN_PARSING.search(out.lines[i]):
            yield _event(Category.SYNTAX, "yarn", out.lines[i], i, location=Location(m["path"]))
    for i in out.find("Usage Error: "):  # clipanion's: the command or the project is set up wrong
        line = out.lines[i]
        if line.startswith("Usage Error: ") and "Couldn't find a script named" not in line:
            m = _BERRY_USAGE.search(line)
            subject = m and next(g for g in m.groups() if g is not None)
            yield _event(Category.CONFIGURATION, "yarn", line, i, subject)


# --- pnpm ----------------------------------------------------------------------------------

def _pnpm(out: Output) -> Iterator[ErrorEvent]:
    for i in out.find("ERR_PNPM_"):
        if m := _PNPM.match(out.lines[i]):
            if event := _pnpm_error(out, i, m["code"], m["msg"]):
                yield event
    for i in out.find("ERROR"):
        if "JSON" in out.lines[i] and (m := _PNPM_JSON.match(out.lines[i])):
            line = next((int(f["line"]) for k in range(i + 1, min(i + 12, len(out.lines)))
                         if (f := _CODE_FRAME.match(out.lines[k]))), None)
            yield _event(Category.SYNTAX, "pnpm", m["msg"], i, location=Location(m["path"], line))
        elif "configured to use " in out.lines[i] and _PNPM_OTHER_PM.match(out.lines[i]):
            # the project's package.json "packageManager" names another manager (or another
            # pnpm major): the field decides which tool to run, not the code
            yield _event(Category.CONFIGURATION, "pnpm", out.lines[i], i, "packageManager")
        elif out.lines[i].endswith(")") and (m := _PNPM_YAML.match(out.lines[i])) and \
                _YAML_FRAME.match(out.line(i + 2)):
            # js-yaml's error on pnpm's own YAML (pnpm-workspace.yaml, the lockfile), with its
            # ` 3 | text` snippet below; pnpm names no file
            yield _event(Category.SYNTAX, "pnpm", out.lines[i], i, details={"line": int(m["line"])})


def _pnpm_error(out: Output, i: int, code: str, msg: str) -> ErrorEvent | None:
    # pnpm 9/10 state the error on the code line; later versions in the box below it
    text = " ".join(out.line(k).strip(" ×│╰─▶├") for k in range(i, min(i + 6, len(out.lines))))
    if "404" in code or code.endswith(("NO_MATCHING_VERSION", "RESOLVE_LATEST")):
        name = _PNPM_NAME.search(text)
        return _event(Category.DEPENDENCY, "pnpm", msg or text, i,
                      package_name(name["name"]) if name else None, details={"code": code})
    if code == "UNSUPPORTED_PLATFORM" and (p := _PLATFORM.search(text)):
        return _event(Category.CONFIGURATION, "pnpm", msg or text, i, package_name(p["spec"]),
                      details={"code": code})
    if code in ("UNSUPPORTED_ENGINE", "ENGINE_INCOMPATIBLE"):
        engine = next((e["name"].lower() for k in range(i, min(i + 6, len(out.lines)))
                       if (e := _ENGINE.search(out.lines[k])) and e["name"]), None)
        return _event(Category.CONFIGURATION, "pnpm", msg or text, i, engine)
    if code == "PEER_DEP_ISSUES":
        # strict-peer-dependencies: `✕ missing peer react@^18.2.0` (or `✕ unmet peer react@^18:
        # found 17.0.2`) in the tree below: the peer to install (or to change)
        for k in range(i + 1, min(i + 40, len(out.lines))):
            if p := _PNPM_PEER.search(out.lines[k]):
                return _event(Category.DEPENDENCY, "pnpm", msg or text, i, package_name(p["spec"]),
                              details={"code": code})
        return _event(Category.DEPENDENCY, "pnpm", msg or text, i, details={"code": code})
    if code.startswith("NO_") and code.endswith("MANIFEST_FOUND"):  # no package.json here
        return _event(Category.CONFIGURATION, "pnpm", msg or text, i, "package.json",
                      details={"code": code})
    if code.endswith("LOCKFILE"):  # NO_LOCKFILE, OUTDATED_LOCKFILE (--frozen-lockfile)
        return _event(Category.CONFIGURATION, "pnpm", msg or text, i, "pnpm-lock.yaml",
                      details={"code": code})
    if code.endswith("NOT_FOUND") and (n := _PNPM_PKG_NAMED.search(text)):
        # WORKSPACE_PKG_NOT_FOUND: `no package named "@acme/utils" is present in the workspace`
        return _event(Category.DEPENDENCY, "pnpm", msg or text, i, n["name"] or package_name(n["spec"]),
                      details={"code": code})
    if code.startswith("NO_OFFLINE_"):  # NO_OFFLINE_META / _TARBALL: `--offline`, not in the store
        url = _ANY_URL.search(text)
        host = _git_host(url[0]) if url else ((h := _PNPM_MIRROR.search(text)) and h["host"])
        return _event(Category.NETWORK, "pnpm", msg or text, i, host or None, details={"code": code})
    if code.endswith("NO_SCRIPT") and not _MISSING_SCRIPT.search(text) and \
            (m := _PNPM_SCRIPT_NAMED.search(text)):
        # `pnpm -r run lint` where no selected package has the script (`Missing script: x`
        # is read by _missing_script)
        return _event(Category.CONFIGURATION, "pnpm", msg or text, i, m["name"], details={"code": code})
    if "SCRIPT" not in code and (m := _PNPM_COMMAND.search(text)):  # NO_SCRIPT says it too
        # `pnpm exec x` / `pnpm x` of a bin no package installed (RECURSIVE_EXEC_FIRST_FAIL)
        return _event(Category.DEPENDENCY, "pnpm", msg or text, i, m["name"], details={"code": code})
    if any(c in text for c in NETWORK_CODES):
        return _event(Category.NETWORK, "pnpm", msg or text, i,
                      network_subject(msg) or network_subject(text))
    if code.startswith(("MISSING_", "INVALID_", "UNKNOWN_", "BAD_")) or code.endswith("_REQUIRED"):
        # the command line (or a setting) lacks or mistypes something pnpm needs
        # (MISSING_PACKAGE_NAME: `pnpm add` requires the package name): nothing to install
        return _event(Category.CONFIGURATION, "pnpm", msg or text, i, details={"code": code})
    return None


#: the words of a script name that say it checks the project: `test`, `test:unit`, `check:links`
_CHECK_WORDS = frozenset({"test", "tests", "check", "spec", "e2e", "verify"})
_SCRIPT_WORD = lazy_re(r"[:._-]")


def _script_name(command: str | None) -> str | None:
    """The script a manager's command runs: `npm run --silent check:links` → `check:links`,
    `npm test` / `yarn test` → `test`, `pnpm -s run e2e` → `e2e`."""
    if not command:
        return None
    words = command.split()
    for n, word in enumerate(words):
        if word.rsplit("/", 1)[-1] not in ("npm", "pnpm", "yarn"):
            continue
        rest = [w for w in words[n + 1:] if not w.startswith("-")]
        if not rest:
            return None
        if rest[0] in ("run", "run-script", "rum", "urn"):
            return rest[1] if len(rest) > 1 else None
        return "test" if rest[0] in ("test", "t", "tst") else rest[0]
    return None


def _silent_check(out: Output) -> Iterator[ErrorEvent]:
    """A test-like script (`test`, `check:links`) that failed with no recap from the manager
    (`npm run --silent`, `yarn -s`): the check failed; `test` with no subject, a SUMMARY on the
    last line the script printed, so that any reading of the output itself comes first. Only
    the last lines are read: no literal to index."""
    script = _script_name(out.command)
    if not script or not _CHECK_WORDS.intersection(_SCRIPT_WORD.split(script)):
        return
    lines = out.lines
    for j in range(len(lines) - 1, max(len(lines) - _LAST_WORDS, -1), -1):
        text = lines[j].strip()
        if not text or text.startswith(("WARN", "npm warn")):
            continue  # pnpm's `WARN Local package.json exists, but node_modules missing`
        if text.startswith(_RECAP):
            return  # the manager said it: its own readings cover the failure
        yield _event(Category.TEST, out.tool or "npm", lines[j], j, rank=Rank.SUMMARY)
        return
