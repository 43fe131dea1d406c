"""curl and wget: transfer failures, read by what failed rather than by the tool's wording.

Both tools state one failure per line (`curl: (7) Failed to connect to h port 9 ...`,
`Connecting to h:9... failed: Connection refused.`, `ERROR 503: Service Unavailable.`) and
often leave the host out of it, so the host comes from the URL of the command when the line
does not print one. git's smart-HTTP transport is libcurl, and its `unable to access` lines
carry curl's wording: `transfer_event` reads that wording for both families.

The reading of HTTP statuses: 408, 429 and 5xx are `network` and retryable (`medium`);
401, 403 and 407 are `permission` (credentials); 404, 410 and the other 4xx mean the request
itself is wrong (a mistyped URL, a release that does not exist) and go to `configuration`
with the URL as subject, since retrying cannot fix them.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Iterator
from urllib.parse import urlsplit

from lsp_heal.detect._regex import lazy_re
from lsp_heal.detect.output import Output
from lsp_heal.model import Category, ErrorEvent, Rank, Severity

_CURL = lazy_re(r"^curl: \((?P<code>\d+)\) (?P<msg>.+)$")
_CONNECT = lazy_re(r"Failed to connect to (?P<host>\S+?) port (?P<port>\d+)")
_RESOLVE = lazy_re(r"Could not resolve (?:proxy|host): (?P<host>[^\s;,]+)")
_STATUS = lazy_re(r"returned error: (?P<status>\d{3})")
_TIMEOUT = lazy_re(r"timed out|Timeout was reached", re.IGNORECASE)
_TLS = lazy_re(r"SSL|TLS|certificate|gnutls", re.IGNORECASE)
_URL = lazy_re(r"[a-z][a-z0-9+.-]*://[^\s'\"]+")

_WGET_CONNECT = lazy_re(
    r"^Connecting to (?:(?P<name>[^\s|()]+) \([^)]*\)\|)?(?P<addr>[^|\s]+?)\|?:(?P<port>\d+)"
    r"\.\.\. failed: (?P<why>[^.]+)\.$"
)
_WGET_FAILED = lazy_re(r"^failed: [^.]+\.$")
_WGET_RESOLVE = lazy_re(r"^wget: unable to resolve host address [‘'`](?P<host>[^’']+)[’']$")
_WGET_STATUS = lazy_re(r"(?:^|\s)ERROR (?P<status>\d{3}): (?P<reason>.+)$")
_WGET_CERT = lazy_re(
    r"^ERROR: (?:cannot verify (?P<h1>\S+?)'s certificate|The certificate of [‘'](?P<h2>[^’']+)[’'])"
)
_WGET_DENIED = lazy_re(r"^(?:Cannot write to [‘'](?P<p1>[^’']+)[’'] \(|(?P<p2>\S[^:]*): )"
                          r"(?P<why>Permission denied|Read-only file system|Operation not permitted"
                          r"|No such file or directory)")

Reading = tuple[Category, Severity, str | None]

# curl exit codes whose failure is the request's, not the network's (`man curl`, EXIT CODES)
_CURL_CONFIGURATION = {1, 2, 3, 4, 37, 43, 48, 49, 77}
_CURL_PERMISSION = {9, 67, 69}


def parse(out: Output) -> Iterator[ErrorEvent]:
    yield from _curl(out)
    if out.tool == "wget" or out.has("wget: ") or out.has("--  http") or out.has("--  ftp"):
        yield from _wget(out)


def url_of(command: str | None) -> str | None:
    """The first URL on a command line."""
    if not command:
        return None
    try:  # a quoted URL keeps what it quotes (`'http://h/search?q=a b'`)
        words = shlex.split(command)
    except ValueError:
        words = [command]
    for word in words:
        if m := _URL.search(word):
            return word if m.start() == 0 and "\n" not in word else m.group(0)
    return None


def host_of(url: str | None) -> str | None:
    """`host:port` when the URL names a port, else the host."""
    if not url:
        return None
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return None
    if not parts.hostname:
        return None
    return f"{parts.hostname}:{port}" if port else parts.hostname


def status_reading(status: int, url: str | None) -> Reading:
    """Category, severity and subject of an HTTP error status for a request to `url`."""
    if status in (408, 429) or status >= 500:
        return Category.NETWORK, Severity.MEDIUM, host_of(url)
    if status in (401, 403, 407):
        return Category.PERMISSION, Severity.HIGH, url
    return Category.CONFIGURATION, Severity.HIGH, url


def transfer_reading(message: str, url: str | None) -> Reading | None:
    """The reading of libcurl's description of a failed transfer to `url`, if it is one."""
    if m := _CONNECT.search(message):
        return Category.NETWORK, Severity.HIGH, f"{m['host']}:{m['port']}"
    if m := _RESOLVE.search(message):
        return Category.NETWORK, Severity.HIGH, m["host"]
    if m := _STATUS.search(message):
        return status_reading(int(m["status"]), url)
    if _TIMEOUT.search(message):
        return Category.NETWORK, Severity.MEDIUM, host_of(url)
    if _TLS.search(message):
        return Category.NETWORK, Severity.HIGH, host_of(url)
    return None


def _curl(out: Output) -> Iterator[ErrorEvent]:
    for i in out.find("curl: ("):
        line = out.lines[i]
        if not (m := _CURL.match(line)):
            continue
        code, url = int(m["code"]), _traced_url(out, i) or url_of(out.command)
        reading = transfer_reading(m["msg"], url)
        rank = Rank.ROOT
        if reading is None:
            reading, rank = _curl_code_reading(code, url)
        category, severity, subject = reading
        if code == 23 and (denied := _denied_before(out, i)):  # older curls name the file
            yield denied
            continue
        yield ErrorEvent(category, severity, "curl", line.strip(), subject=subject, rank=rank,
                         line_index=i, details={"code": code})


# a shell's `set -x` trace of the curl that failed: `+ curl -fsS http://...`, `++ /usr/bin/curl`
_TRACE = lazy_re(r"^\++ (?:\S*/)?curl\s")


def _traced_url(out: Output, index: int) -> str | None:
    """The URL of the traced curl command just above an error (`bash -x`, `set -x`): the one
    that failed, where the command line (a script) names none."""
    for back in range(index - 1, max(index - 30, -1), -1):
        line = out.lines[back]
        if line.startswith("+") and _TRACE.match(line):
            return url_of(line)
    return None


def _curl_code_reading(code: int, url: str | None) -> tuple[Reading, Rank]:
    if code == 23:  # the output could not be written: a full disk, a closed pipe, a denial
        return (Category.RUNTIME, Severity.HIGH, "CURLE_WRITE_ERROR"), Rank.ERROR
    if code in _CURL_CONFIGURATION:
        return (Category.CONFIGURATION, Severity.HIGH, url), Rank.ROOT
    if code in _CURL_PERMISSION:
        return (Category.PERMISSION, Severity.HIGH, url), Rank.ROOT
    return (Category.NETWORK, Severity.HIGH, host_of(url)), Rank.ERROR


_CURL_FILE = lazy_re(r"Warning: Failed to (?:open|create) the file (?P<path>.+?): (?P<why>[^:]+)$")


def _denied_before(out: Output, index: int) -> ErrorEvent | None:
    """curl's `Warning: Failed to create the file X: <reason>` before a (23): the file it could
    not write (the warning may share its line with the progress meter)."""
    for j in range(index - 1, max(-1, index - 6), -1):
        line = out.lines[j]
        if "Warning: Failed to " not in line:
            continue
        if not (m := _CURL_FILE.search(line)):
            return None
        why = m["why"]
        if why.startswith(("No such file", "Not a directory")):
            category = Category.CONFIGURATION  # a directory to create, a path to correct
        elif why.startswith(("Permission denied", "Read-only", "Operation not permitted")):
            category = Category.PERMISSION
        else:
            return None
        message = line[line.index("Warning: "):].strip()
        return ErrorEvent(category, Severity.HIGH, "curl", message, subject=m["path"],
                          rank=Rank.ROOT, line_index=j)
    return None


def _wget(out: Output) -> Iterator[ErrorEvent]:
    yield from _wget_connect(out)
    for i in out.find("wget: unable to resolve host address"):
        if m := _WGET_RESOLVE.match(out.lines[i]):
            yield _event(Category.NETWORK, Severity.HIGH, out, i, m["host"])
    for i in out.find("ERROR"):
        line = out.lines[i]
        if m := _WGET_STATUS.search(line):
            category, severity, subject = status_reading(int(m["status"]), _wget_url(out, i))
            yield _event(category, severity, out, i, subject)
        elif m := _WGET_CERT.match(line):
            yield _event(Category.NETWORK, Severity.HIGH, out, i, m["h1"] or m["h2"])
    for i in out.find("Authentication Failed."):  # `Username/Password Authentication Failed.`
        if out.lines[i].strip().endswith("Authentication Failed."):
            yield _event(Category.PERMISSION, Severity.HIGH, out, i, _wget_url(out, i))
    for i in out.find("Unable to establish SSL connection."):
        yield _event(Category.NETWORK, Severity.HIGH, out, i, host_of(url_of(out.command)))
    for i in out.find("Read error ("):
        if "timed out" in out.lines[i]:
            yield _event(Category.NETWORK, Severity.MEDIUM, out, i,
                         host_of(_wget_url(out, i)))
    if out.tool == "wget":
        for needle in ("Permission denied", "Read-only file system", "Operation not permitted",
                       "No such file or directory"):
            for i in out.find(needle):
                if m := _WGET_DENIED.match(out.lines[i]):
                    missing = m["why"].startswith("No such")  # -O into a directory not there
                    yield _event(Category.CONFIGURATION if missing else Category.PERMISSION,
                                 Severity.HIGH, out, i, m["p1"] or m["p2"])


def _wget_connect(out: Output) -> Iterator[ErrorEvent]:
    for i in out.find("failed: "):
        line = out.lines[i]
        if m := _WGET_CONNECT.match(line):
            subject = f"{m['name'] or m['addr']}:{m['port']}"
        elif _WGET_FAILED.match(line):  # -nv leaves out the `Connecting to` part
            subject = host_of(url_of(out.command))
        else:
            continue
        severity = Severity.MEDIUM if "timed out" in line else Severity.HIGH
        yield _event(Category.NETWORK, severity, out, i, subject)


def _wget_url(out: Output, index: int) -> str | None:
    """The URL wget was fetching: its `--date--  URL` or `URL:` line above, or the command's."""
    for back in range(index, max(index - 8, -1), -1):
        if m := _URL.search(out.lines[back]):
            return m.group(0).rstrip(":")
    return url_of(out.command)


def _event(category: Category, severity: Severity, out: Output, index: int,
           subject: str | None) -> ErrorEvent:
    return ErrorEvent(category, severity, "wget", out.lines[index].strip(), subject=subject,
                      rank=Rank.ROOT, line_index=index)

