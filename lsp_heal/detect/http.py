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

curl's own complaints before any transfer (`option --x: is unknown`, `cannot read config from`,
`Can't open 'upload.bin'!`, (26) a local file it cannot read, (58)/(77) a certificate, key or
CA file it cannot load) are `configuration`, subject the option or the file: the command line
is wrong, not the network; so are the codes one option caused ((63) `--max-filesize`, (33)/(36)
a resume `-C`), subject the option when the command line shows it, and wget's URL errors
(`URL: Unsupported scheme ‘htps’.`, `Bad port number.`), subject the URL. wget's retried statuses end with `Giving up.` and no ERROR line;
its certificate checks name the host, and the port is added when wget printed the URL.
wget's getopt complaints (`unrecognized option '--x'`) are `configuration`, subject the option;
its read errors (`Read error (Connection reset by peer) in headers.`) are `network`. A redirect
limit of 0 (`0 redirections exceeded.`, curl's `Maximum (0) redirects followed`) names the
option; a larger one reached is a loop, the server's (`network`).

A proxy is not the URL fetched: the value of `-x`/`--proxy` is skipped when the command's URL
is looked for, and a proxy's own refusal (407, `CONNECT tunnel failed, response N`) names the
proxy's `host:port`.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Iterator
from dataclasses import replace
from functools import lru_cache
from urllib.parse import urlsplit

from lsp_heal.detect._regex import lazy_re
from lsp_heal.detect.output import Output
from lsp_heal.model import Category, ErrorEvent, Rank, Severity

_CURL = lazy_re(r"^curl: \((?P<code>\d+)\) (?P<msg>.+)$")
_METER = lazy_re(r"[\d\s.:%kMGTP-]+")  # curl's progress columns: `0  --:--:-- --:--:--  0`
# a tag a CI step or a log multiplexer puts before each line of its command (`[deploy] `,
# compose's `web-1  | `): curl's line follows it
_LINE_TAG = lazy_re(r"\[[^\]\s]{1,40}\] *|[\w@/.:-]{1,40} +\| ")
# the value curl quotes in its complaint (49: `Couldn't parse CURLOPT_RESOLVE entry 'x'`)
_QUOTED = lazy_re(r"'(?P<v>[^'\s]+)'$")
_ENGINE = lazy_re(r"[Ee]ngine '(?P<v>[^'\s]+)'")
_CONNECT = lazy_re(r"Failed to connect to (?P<host>\S+?) port (?P<port>\d+)")
_RESOLVE = lazy_re(r"Could not resolve (?:proxy|host): (?P<host>[^\s;,]+)")
# a status, of the server (`returned error: 404`) or of the proxy a tunnel was asked of
# (`CONNECT tunnel failed, response 407`)
_STATUS = lazy_re(r"(?:returned error:|(?P<tunnel>CONNECT tunnel failed, response)) (?P<status>\d{3})")
_URL = lazy_re(r"[a-z][a-z0-9+.-]*://[^\s'\"]+")
# a local certificate, key or CA bundle that cannot be loaded (curl's codes 58 and 77, in
# OpenSSL's and GnuTLS's wordings): the file is the user's to correct, not the network
_CERT_FILE = lazy_re(
    r"error setting certificate (?:file|path|verify locations)|error reading ca cert file"
    r"|could not load (?:PEM|ASN1|DER|P12) client certificate|unable to set private key file"
    r"|unable to use client certificate|could not load CRL|error loading CRL file"
    r"|problem with the local SSL certificate",
    re.IGNORECASE,
)
# the file as the message names it: a word with a `/` or a `.` (not `file or directory`)
_NAMED_FILE = lazy_re(r"(?:file:? |CAfile: |CApath: |path: |from )'?(?P<f>[^\s',()/.]*[/.][^\s',()]*)")
# the options whose value is such a file, in the order of the messages above
_CERT_OPTIONS = ("--cacert", "--capath", "--cert", "-E", "--key", "--crlfile")

_WGET_CONNECT = lazy_re(
    r"^Connecting to (?:(?P<name>[^\s|()]+) \([^)]*\)\|)?(?P<addr>[^|\s]+?)\|?:(?P<port>\d+)"
    r"\.\.\. failed: (?P<why>[^.]+)\.$"
)
_WGET_FAILED = lazy_re(r"^failed: [^.]+\.$")
_WGET_RESOLVE = lazy_re(r"^wget: unable to resolve host address [‘'`](?P<host>[^’']+)[’']$")
_WGET_STATUS = lazy_re(r"(?:^|\s)ERROR (?P<status>\d{3}): (?P<reason>.+)$")
# wget's certificate checks (src/openssl.c, src/gnutls.c): `ERROR: ` unless
# --no-check-certificate turned them into `WARNING: `; GnuTLS's host-name line has no prefix
_WGET_CERT = lazy_re(
    r"^(?:ERROR: (?:cannot verify (?P<h1>\S+?)'s certificate|The certificate of [‘'](?P<h2>[^’']+)[’']"
    r"|certificate common name .+ doesn't match requested host name [‘'](?P<h3>[^’']+)[’']"
    r"|No certificate presented by (?P<h4>[^\s.]+(?:\.[^\s.]+)*)"
    r"|no certificate subject alternative name matches)"
    r"|The certificate's owner does not match hostname [‘'](?P<h5>[^’']+)[’'])"
)
# the literals that open the lines above: `ERROR 404: Not Found.` (any status wget reports
# as an error: 3xx without a Location, 4xx, 5xx) and the certificate checks
_WGET_ERROR_LITERALS = (
    "ERROR 3", "ERROR 4", "ERROR 5", "ERROR: cannot verify ", "ERROR: The certificate of ",
    "ERROR: certificate common name ", "ERROR: No certificate presented by ",
    "ERROR: no certificate subject alternative name matches", "ERROR: Failed to open cert ",
)
# a CA bundle (--ca-certificate) GnuTLS could not load (src/gnutls.c, `Failed to open cert %s:
# (%d).`): wget goes on and then fails the trust check, whose cause this is
_WGET_CA_FILE = lazy_re(r"^ERROR: Failed to open cert (?P<f>.+?): \(-?\d+\)\.?$")
_WGET_REQUESTED = lazy_re(r"^\s*requested host name [‘'](?P<host>[^’']+)[’']")
# the status of each attempt: `HTTP request sent, awaiting response... 429 Too Many Requests`
_WGET_RESPONSE = lazy_re(r"request sent, awaiting response\.\.\. (?P<status>[45]\d\d)\b")
_WGET_DENIED = lazy_re(r"^(?:Cannot write to [‘'](?P<p1>[^’']+)[’'] \(|(?!BODY data file )(?P<p2>\S[^:]*): )"
                          r"(?P<why>Permission denied|Read-only file system|Operation not permitted"
                          r"|No such file or directory|Not a directory|Is a directory)")

Reading = tuple[Category, Severity, str | None]

# curl's codes of the network (resolve, connect, timeout, TLS, send/receive, empty reply), as
# the tools that fetch with libcurl report them under their own errors (cmake's downloads,
# cargo's registry): such a fetch failed on the network, not on what was fetched
CURL_NETWORK_CODES = frozenset({"5", "6", "7", "28", "35", "52", "55", "56", "58", "59", "60", "77", "92"})
# curl exit codes whose failure is the request's, not the network's (`man curl`, EXIT CODES)
_CURL_CONFIGURATION = {1, 2, 3, 4, 37, 43, 48, 49, 77}
_CURL_PERMISSION = {9, 67, 69}


def parse(out: Output) -> Iterator[ErrorEvent]:
    found = False
    for event in _parse(out):
        found = True
        yield event
    if not found and out.failed:
        if event := _wget_bare_header(out):
            yield event
        elif out.tool in ("curl", "wget") and (event := _silent_exit(out)):
            yield event


def _wget_bare_header(out: Output) -> ErrorEvent | None:
    """wget -nv heads each failure with the URL alone (`http://h/x:`) and writes the reason on
    the next line; a status retried by --retry-on-http-error leaves the reason out, so the
    output ends with the header: the exit status (its manual's EXIT STATUS) says what failed."""
    code = out.exit_code
    if code not in _WGET_EXIT or "wget" not in (out.command or ""):
        return None
    last = len(out.lines) - 1
    while last >= 0 and not out.lines[last].strip():
        last -= 1
    if last < 0 or not _WGET_NV_URL.match(out.lines[last].rstrip()):
        return None
    url = out.lines[last].rstrip()[:-1]
    category, subject = {2: (Category.CONFIGURATION, None), 6: (Category.PERMISSION, url),
                         8: (Category.CONFIGURATION, url)}.get(
        code, (Category.NETWORK, host_of(url)))
    return ErrorEvent(category, Severity.HIGH, "wget", f"{url}: exit status {code}: {_WGET_EXIT[code]}",
                      subject=subject, rank=Rank.ERROR, line_index=last,
                      details={"exit_code": code, "silent": True})


# a silent transfer (`curl -sf`, `wget -q`) prints nothing: its exit status, documented by
# both tools, says what went wrong, and the command line names the URL. curl's codes read as
# when printed (22: an HTTP error whose status is not shown, `configuration`, the URL); wget's
# (its manual's EXIT STATUS): 2 options, 4 network, 5 TLS, 6 authentication, 7 protocol, 8 an
# error status from the server
_WGET_EXIT = {2: "parse error", 4: "network failure", 5: "SSL verification failure",
              6: "username/password authentication failure", 7: "protocol error",
              8: "server issued an error response"}


def _silent_exit(out: Output) -> ErrorEvent | None:
    code, url = out.exit_code, url_of(out.command)
    if out.tool == "curl":
        if code == 22 and (status := _written_status(out)):
            reading = status_reading(status, url)  # `-w '%{http_code}'` printed the status
        elif code == 22:
            reading = (Category.CONFIGURATION, Severity.HIGH, url)
        elif code == 26 and (file := _local_file(out, len(out.lines))):
            reading = (Category.CONFIGURATION, Severity.HIGH, file)  # a local file it could not open
        elif code in (6, 7, 28, 35, 52, 56, 60):
            reading = (Category.NETWORK, Severity.MEDIUM if code == 28 else Severity.HIGH,
                       host_of(url))
        else:
            return None
        why = f"exit status {code}"
    else:
        if code not in _WGET_EXIT:
            return None
        why = f"exit status {code}: {_WGET_EXIT[code]}"
        reading = {2: (Category.CONFIGURATION, Severity.HIGH, None),
                   6: (Category.PERMISSION, Severity.HIGH, url),
                   8: (Category.CONFIGURATION, Severity.HIGH, url)}.get(
            code, (Category.NETWORK, Severity.HIGH, host_of(url)))
    category, severity, subject = reading
    return ErrorEvent(category, severity, out.tool, f"{out.tool}: {why} ({url or 'no URL'})",
                      subject=subject, rank=Rank.ERROR, line_index=max(0, len(out.lines) - 1),
                      details={"exit_code": code, "silent": True})


# `curl -s -o /dev/null -w '%{http_code}' --fail URL` (a CI probe): curl prints no error, but the
# status it was told to write is the output's last word
_WRITE_OUT_STATUS = ("%{http_code}", "%{response_code}")
_LAST_STATUS = lazy_re(r"(?<![\d.])(?P<status>[45]\d\d)\W*$")


def _written_status(out: Output) -> int | None:
    if not any(w in (out.command or "") for w in _WRITE_OUT_STATUS):
        return None
    for line in reversed(out.lines[-3:]):
        if line.strip():
            return int(m["status"]) if (m := _LAST_STATUS.search(line)) else None
    return None


def _parse(out: Output) -> Iterator[ErrorEvent]:
    yield from _curl(out)
    if out.tool == "wget" or out.has("wget: ") or out.has("--  http") or out.has("--  ftp"):
        yield from _wget(out)
    else:  # wget in a script, a make recipe, under setpriv: its lines that only wget prints
        yield from _wget_files(out)
        yield from _wget_quiet_statuses(out)
        yield from _wget_connect(out, strict=True)
        yield from _wget_together(out, strict=True)
    yield from _wget_url_errors(out)
    for i in out.find(" redirections exceeded."):  # wget's redirect limit (src/retr.c)
        if m := _WGET_REDIRECTS.match(out.lines[i]):
            yield _redirects_event(out, i, int(m["n"]), "wget", "--max-redirect")


def url_of(command: str | None, depth: int = 0) -> str | None:
    """The first URL on a command line; in a script passed as one word (`bash -c '...; curl
    URL; ...'`), the first URL of that script's words."""
    if not command or "://" not in command:
        return None
    words = _words(command)
    if words is None:
        words = [command]
    after_proxy = False
    for word in words:
        if after_proxy or word.startswith(_PROXY_ATTACHED):
            after_proxy = False  # the proxy's URL (`-x http://proxy:3128`), not the request's
            continue
        if word in _PROXY_OPTIONS:
            after_proxy = True
            continue
        if m := _URL.search(word):
            if m.start() == 0 and "\n" not in word:
                return word
            if depth == 0 and (" " in word or "\n" in word):
                return url_of(word, 1) or m.group(0)
            return m.group(0)
    return None


# curl's and wget's options whose value is a proxy, not the URL fetched
_PROXY_OPTIONS = frozenset({"-x", "--proxy", "--preproxy", "--socks4", "--socks4a", "--socks5",
                            "--socks5-hostname"})
_PROXY_ATTACHED = ("--proxy=", "--preproxy=", "--socks5=", "--socks5-hostname=", "--socks4=",
                   "--socks4a=", "-xhttp", "-xsocks", "http_proxy=", "https_proxy=",
                   "HTTP_PROXY=", "HTTPS_PROXY=")
_QUOTING = frozenset("'\"\\")
_OPERATORS = frozenset(";&|()<>")
_OPERATOR_RUN = lazy_re(r"[;&|()<>]+")


def _words(command: str) -> list[str] | None:
    """A command line's words; a quoted URL keeps what it quotes (`'http://h/search?q=a b'`),
    and the shell's operators are words of their own (`curl http://h/x; echo` names
    `http://h/x`, not `http://h/x;`). None when the quotes do not close."""
    if _QUOTING.isdisjoint(command):  # what shlex would say, without its cost
        if _OPERATORS.isdisjoint(command):
            return command.split()
        return _OPERATOR_RUN.sub(" ", command).split()
    try:
        lexer = shlex.shlex(command, posix=True, punctuation_chars=True)
        lexer.whitespace_split = True
        return list(lexer)
    except ValueError:
        return None


@lru_cache(maxsize=1024)
def host_port(host: str, port: str | int) -> str:
    """`host:port`, an IPv6 address in brackets as a URL writes it (`[::1]:9`, not `::1:9`)."""
    if ":" in host and not host.startswith("["):
        return f"[{host}]:{port}"
    return f"{host}:{port}"


def host_of(url: str | None) -> str | None:
    """`host:port` when the URL names a port, else the host.

    Remembered: a log names the same few URLs again and again, and `urlsplit` parses the
    netloc anew for each of `.port` and `.hostname`."""
    if not url:
        return None
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return None
    if not parts.hostname:
        return None
    return host_port(parts.hostname, port) if port else parts.hostname


def status_reading(status: int, url: str | None) -> Reading:
    """Category, severity and subject of an HTTP error status for a request to `url`."""
    # 501 Not Implemented / 505 HTTP Version Not Supported (RFC 9110 15.6.2, 15.6.6): the server
    # does not do what the request asked (a method, like 405's, or a protocol version) and will
    # not on a retry: the request is the thing to change, read like a 4xx
    if status in (501, 505):
        return Category.CONFIGURATION, Severity.HIGH, url
    if status in (408, 429) or status >= 500:
        return Category.NETWORK, Severity.MEDIUM, host_of(url)
    if status in (401, 403, 407):
        return Category.PERMISSION, Severity.HIGH, url
    return Category.CONFIGURATION, Severity.HIGH, url


def _local_cert_words(message: str) -> bool:
    """A cheap gate before `_CERT_FILE`: one of the words all its wordings share."""
    return ("ertificate" in message or "private key" in message or "ca cert" in message
            or "CRL" in message)


def transfer_reading(message: str, url: str | None,
                     command: str | None = None) -> Reading | None:
    """The reading of libcurl's description of a failed transfer to `url`, if it is one."""
    if m := _CONNECT.search(message):
        return Category.NETWORK, Severity.HIGH, host_port(m["host"], m["port"])
    if m := _RESOLVE.search(message):
        return Category.NETWORK, Severity.HIGH, m["host"]
    if m := _STATUS.search(message):
        status = int(m["status"])
        if status == 407 or m["tunnel"]:  # the proxy answered: it is the thing to fix
            proxy = _option_value(command, ("-x", "--proxy")) or _attached_proxy(command)
            if proxy:
                category, severity, _ = status_reading(status, url)
                return category, severity, host_of(proxy if "://" in proxy else f"http://{proxy}")
        return status_reading(status, url)
    low = message.lower()  # the wordings below vary in case (`SSL`, `ssl`, `Timeout`)
    if "timed out" in low or "timeout was reached" in low:
        return Category.NETWORK, Severity.MEDIUM, host_of(url)
    if _local_cert_words(message) and _CERT_FILE.search(message):
        m = _NAMED_FILE.search(message)
        return (Category.CONFIGURATION, Severity.HIGH,
                m["f"] if m else _option_value(command, _CERT_OPTIONS))
    if "ssl" in low or "tls" in low or "certificate" in low:  # gnutls's too
        return Category.NETWORK, Severity.HIGH, host_of(url)
    return None


def _attached_proxy(command: str | None) -> str | None:
    """`curl -xhttp://proxy:3128`, `--proxy=...`: the proxy written in one word with its option."""
    if not command or ("-x" not in command and "--proxy=" not in command):
        return None
    for word in _words(command) or ():
        for prefix in ("--proxy=", "-x"):
            if word.startswith(prefix) and len(word) > len(prefix) and word[len(prefix)] != "-":
                return word[len(prefix):]
    return None


def _option_value(command: str | None, options: tuple[str, ...], depth: int = 0) -> str | None:
    """The value of the first of `options` on a command line (`--cacert x`, `--cacert=x`); in a
    script passed as one word (`bash -c 'mkdir -p d && curl -o d URL'`), that script's."""
    if not command:
        return None
    words = _words(command) or command.split()
    for k, word in enumerate(words):
        name, eq, value = word.partition("=")
        if name in options:
            if eq:
                return value
            if k + 1 < len(words):
                return words[k + 1]
    if depth == 0:
        for word in words:
            if " " in word and any(o in word for o in options):
                if (value := _option_value(word, options, 1)) is not None:
                    return value
    return None


# curl's own complaints, before any transfer: a wrong option, a file it cannot read
_CURL_TOOL = lazy_re(
    r"^curl: (?:\(\d+\) )?(?:option (?P<opt>\S+?): (?P<why>.+)|cannot read config from '(?P<cfg>[^']+)'"
    r"|Can't open '(?P<file>[^']+)'!?|(?P<nourl>no URL specified)!?)$"
)
# (26) is a local file that could not be read: an upload (-T), a form part (-F x=@file)
_UPLOAD_OPTIONS = ("-T", "--upload-file")
# the local files curl opens besides the upload (CURLE_READ_ERROR, 26, when one cannot be opened:
# an --etag-save file in a folder not made yet, an --etag-compare file not written yet)
_ETAG_OPTIONS = ("--etag-save", "--etag-compare")
_FORM_FILE = lazy_re(r"(?:^|\s)(?:-F|--form)\s*['\"]?[^=\s]+=[@<](?P<f>[^;\s'\"]+)")


def _curl(out: Output) -> Iterator[ErrorEvent]:
    command_url: list[str | None] = []  # url_of(out.command), worked out once
    # curl's own lines: at a line start, or glued to its progress meter (`curl -Z` prints a
    # failed transfer's message right after the meter's columns, with no line end between)
    for i in sorted({*out.find("\ncurl: "), *out.find("curl: (")}):
        line = out.lines[i]
        if not line.startswith("curl: "):
            cut = line.find("curl: (")
            if cut == -1 or not (_METER.fullmatch(line[:cut]) or _LINE_TAG.fullmatch(line[:cut])):
                continue
            line = line[cut:]
        # curl's own complaints; curl 8 numbers them too (`curl: (2) option --x: is unknown`)
        if t := _CURL_TOOL.match(line):
            yield _curl_tool_event(t, line, i)
            continue
        if not (m := _CURL.match(line)):
            continue
        url = _traced_url(out, i)
        if url is None:
            if not command_url:
                command_url.append(url_of(out.command))
            url = command_url[0]
            if url is None and not m["msg"].startswith(_NAMES_HOST):
                url = _printed_url(out, i) or _reported_url(out, i)
        code = int(m["code"])
        rank = Rank.ROOT
        if code == 35 and "CURL_SSLVERSION" in m["msg"]:
            # libcurl refusing the TLS version options themselves (`CURL_SSLVERSION_MAX
            # incompatible with CURL_SSLVERSION`): nothing was sent, the options contradict
            option = next((o for o in _TLS_VERSION_OPTIONS if _option_value(out.command, (o,)) is not None),
                          None)
            reading = (Category.CONFIGURATION, Severity.HIGH, option)
        elif code in (53, 54, 66):
            # a crypto engine (--engine): 53 CURLE_SSL_ENGINE_NOTFOUND (`SSL Engine 'pkcs11' not
            # found`, older `SSL crypto engine not found`) is a plugin not installed: `dependency`,
            # the engine as quoted, else as given; 54/66 (set as default, init failed): the option
            engine = (q["v"] if (q := _ENGINE.search(m["msg"])) else None) or _option_value(out.command, ("--engine",))
            reading = ((Category.DEPENDENCY, Severity.HIGH, engine) if code == 53
                       else (Category.CONFIGURATION, Severity.HIGH, "--engine"))
        elif code == 58 and m["msg"].startswith("not supported file type"):
            # vtls `not supported file type 'x' for certificate` / `... for private key`: the
            # type option's value (--cert-type, --key-type): the option as typed, else the value
            option = "--key-type" if "private key" in m["msg"] else "--cert-type"
            q = re.search(r"'([^']*)'", m["msg"])
            typed = option if _option_value(out.command, (option,)) is not None else (q[1] if q else option)
            reading = (Category.CONFIGURATION, Severity.HIGH, typed)
        elif m["msg"].startswith(("Unsupported proxy scheme", "Unsupported proxy syntax")):
            # a proxy URL curl cannot use (`Unsupported proxy scheme for 'foo://p:3128'`, curl 8
            # `Unsupported proxy syntax in 'x'`): the proxy option as typed, else the proxy as quoted
            option = next((o for o in ("-x", "--proxy", "--preproxy")
                           if _option_value(out.command, (o,)) is not None), None)
            q = re.search(r"'([^']*)'", m["msg"])
            reading = (Category.CONFIGURATION, Severity.HIGH, option or (q[1] if q else None))
        else:
            reading = transfer_reading(m["msg"], url, out.command)
        if code in (58, 82) and reading is not None and reading[0] is Category.NETWORK:
            reading = None  # a local certificate or CRL file (CURLE_SSL_CERTPROBLEM, _CRL_BADFILE)
        if reading is None and code in (58, 77, 82):  # a certificate file, whatever the wording
            reading = (Category.CONFIGURATION, Severity.HIGH,
                       _option_value(out.command, ("--crlfile",) if code == 82 else _CERT_OPTIONS))
        if reading is None and code == 26:
            if _cant_open_before(out, i):
                rank = Rank.SUMMARY  # the line above named the file
            reading = (Category.CONFIGURATION, Severity.HIGH, _local_file(out, i))
        if reading is None and code == 49 and (q := _QUOTED.search(m["msg"])):
            # a malformed option value (CURLE_SETOPT_OPTION_SYNTAX: --resolve, --connect-to,
            # -t): the value curl quotes is what to fix, not the URL
            reading = (Category.CONFIGURATION, Severity.HIGH, q["v"])
        if reading is None and code == 45:
            # a local end it cannot bind (`bind failed with errno 13: Permission denied`,
            # `Couldn't bind to 'eth9'`): the option that asked for it, not the network
            option = next((o for o in _BIND_OPTIONS if _option_value(out.command, (o,)) is not None), None)
            denied = "Permission denied" in m["msg"] or "errno 13" in m["msg"]
            reading = (Category.PERMISSION if denied else Category.CONFIGURATION, Severity.HIGH, option)
        if reading is None and code == 23 and (file_url := _nameless_remote(out.command, url)):
            # -O of a URL that ends in `/`: no remote file name to save to (curl 7.x says only that
            # writing failed; 8.x `Remote file name has no length`): the URL to complete
            reading = (Category.CONFIGURATION, Severity.HIGH, file_url)
        if reading is None and code == 23 and m["msg"].startswith("Failure writing output to destination"):
            # libcurl's wording when the first write fails: the output file could not be opened
            # (a folder, a missing directory; `-s` hides curl's warning that said why)
            # (the command as echoed above, a make recipe or a trace, else the command run;
            # --output-dir names the folder the file goes to, the one a first run lacks)
            command = _traced_command(out, i) or out.command
            target = (_option_value(command, ("--output-dir",))
                      or _option_value(command, ("-o", "--output")))
            if target and target != "-" and not target.startswith("/dev/"):
                # a file in a system folder (`/etc`, `/usr/local/...`) is one a user may not write;
                # a relative one, a folder a first run has not made
                denied = target.startswith(_SYSTEM_DIRS)
                reading = (Category.PERMISSION if denied else Category.CONFIGURATION, Severity.HIGH, target)
        if reading is None and code == 1 and ("HTTP/0.9" in m["msg"] or m["msg"].endswith(" in response")):
            # an answer with no HTTP status line: another service (ssh, a database, TLS) on that
            # port, like speaking TLS to a plain port; or a status line curl cannot read
            # (`Unsupported HTTP version in response`, `Unsupported HTTP/1 subversion in
            # response`): the server's answer, not the URL's scheme: the connection, host:port
            reading, rank = (Category.NETWORK, Severity.HIGH, host_of(url)), Rank.ERROR
        if reading is None and code == 47 and m["msg"].startswith("Maximum (0) redirects"):
            reading = (Category.CONFIGURATION, Severity.HIGH, "--max-redirs")  # see _redirects_event
        if reading is None:
            reading, rank = _curl_code_reading(code, url, out.command)
        category, severity, subject = reading
        if code == 23 and (denied := _denied_before(out, i)):  # older curls name the file
            yield denied
            continue
        yield ErrorEvent(category, severity, "curl", line.strip(), subject=subject, rank=rank,
                         line_index=i, details={"code": code})


def _curl_tool_event(m: re.Match[str], line: str, index: int) -> ErrorEvent:
    rank = Rank.ROOT
    if m["opt"]:
        subject = m["opt"]
        if m["why"].startswith("error encountered when reading a file"):
            rank = Rank.SUMMARY  # `cannot read config from 'x'` said which file
    else:
        subject = m["cfg"] or m["file"]
    return ErrorEvent(Category.CONFIGURATION, Severity.HIGH, "curl", line.strip(),
                      subject=subject, rank=rank, line_index=index)


def _cant_open_before(out: Output, index: int) -> bool:
    return any(out.lines[j].startswith("curl: Can't open '")
               for j in range(index - 1, max(index - 4, -1), -1))


# folders only root writes to on a usual system
_SYSTEM_DIRS = ("/etc/", "/usr/", "/opt/", "/var/", "/root/", "/srv/", "/boot/", "/lib/", "/bin/", "/sbin/")
_REMOTE_NAME = ("-O", "--remote-name", "--remote-name-all")


def _nameless_remote(command: str | None, url: str | None) -> str | None:
    """The URL of a `curl -O` whose path ends in `/` (nothing to name the file after)."""
    if not command or not url or not url.endswith("/") or url.count("/") < 3:
        return None
    words = _words(command) or command.split()
    return url if any(w in _REMOTE_NAME or (w.startswith("-") and not w.startswith("--") and "O" in w[1:])
                      for w in words) else None


def _local_file(out: Output, index: int) -> str | None:
    """The local file of a failed read (26): named above, or the upload / form option's."""
    for j in range(index - 1, max(index - 4, -1), -1):
        if (m := _CURL_TOOL.match(out.lines[j])) and m["file"]:
            return m["file"]
    if file := _option_value(out.command, _UPLOAD_OPTIONS):
        return file
    m = _FORM_FILE.search(out.command or "")
    return m["f"] if m else _option_value(out.command, _ETAG_OPTIONS)


# the curl command that failed, as printed above its error: a shell's `set -x` trace
# (`+ curl -fsS http://...`, `++ /usr/bin/curl`), make's echo of a recipe line, npm's `> curl`,
# a CI runner's `$ curl`
_TRACE = lazy_re(r"^(?:\++ |> |\$ )?(?:\S*/)?curl\s")


def _traced_command(out: Output, index: int) -> str | None:
    """The curl command echoed just above an error (see `_traced_url`)."""
    for back in range(index - 1, max(index - 30, -1), -1):
        line = out.lines[back]
        if "curl " in line and _TRACE.match(line):
            return line
    return None


def _traced_url(out: Output, index: int) -> str | None:
    """The URL of the curl command echoed just above an error: the one that failed, where the
    command line (a script, a make target) names none."""
    for back in range(index - 1, max(index - 30, -1), -1):
        line = out.lines[back]
        if "curl " in line and _TRACE.match(line) and (url := url_of(line)):
            return url
    return None


# curl messages that name the host themselves: no URL needed
_NAMES_HOST = ("Failed to connect to ", "Could not resolve ")


def _printed_url(out: Output, index: int) -> str | None:
    """The URL a script said it was fetching just above curl's error (`Downloading URL`),
    where neither a trace nor the command line names one: the nearest line with a URL, over
    curl's own meter and `*` lines."""
    for back in range(index - 1, max(index - 12, -1), -1):
        line = out.lines[back]
        if "://" in line and (m := _URL.search(line)):
            return m.group(0).rstrip(".,;:)]}>")
    return None


def _reported_url(out: Output, index: int) -> str | None:
    """The URL of a curl command that a program ran and reported after curl's error (Python's
    `CalledProcessError: Command '['curl', ..., 'http://...']' returned ...`, node's `Error:
    Command failed: curl ... http://...`), where nothing above names one."""
    for j in range(index + 1, min(index + 40, len(out.lines))):
        line = out.lines[j]
        if "ommand" in line and "curl" in line and "://" in line and (m := _URL.search(line)):
            return m.group(0).rstrip(".,;:)]}>")
    return None


# curl exit codes that one option of the command line caused (`man curl`, EXIT CODES): the
# option is the thing to change, named when the command line shows it
_BIND_OPTIONS = ("--local-port", "--interface")
# the TLS version options, the upper bound first (the one a contradiction is usually about)
_TLS_VERSION_OPTIONS = ("--tls-max", "--tlsv1.3", "--tlsv1.2", "--tlsv1.1", "--tlsv1.0", "--tlsv1",
                        "--sslv3", "--proxy-tlsv1")
_CURL_OPTION_CODES = {63: ("--max-filesize",), 33: ("-C", "--continue-at"),
                      36: ("-C", "--continue-at"),
                      # CURLE_SSL_CIPHER: a cipher list OpenSSL refused, the option that gave it
                      59: ("--ciphers", "--tls13-ciphers", "--proxy-ciphers", "--proxy-tls13-ciphers")}


def _curl_code_reading(code: int, url: str | None,
                       command: str | None = None) -> tuple[Reading, Rank]:
    if code in (63, 33, 36, 59):  # a size cap, a resume the server cannot do: the request's option
        options = _CURL_OPTION_CODES[code]
        named = next((o for o in options if _option_value(command, (o,)) is not None), None)
        return (Category.CONFIGURATION, Severity.HIGH, named), Rank.ROOT
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


# a URL wget cannot parse (src/url.c `url_error`, printed by main.c as `URL: error.`): the
# command line is wrong, `configuration`, subject the URL
_WGET_URL_ERROR = lazy_re(
    r"^(?P<url>\S+): (?:Unsupported scheme [‘'`\"]?[^\s’'\"]*[’'\"]?|Scheme missing|Invalid host name"
    r"|Bad port number|Invalid user name|Unterminated IPv6 numeric address|IPv6 addresses not "
    r"supported|Invalid IPv6 numeric address|HTTPS support not compiled in)\.$"
)
_WGET_URL_ERROR_LITERALS = (": Unsupported scheme ", ": Scheme missing.", ": Invalid host name.",
                            ": Bad port number.", ": Invalid user name.",
                            ": Unterminated IPv6 numeric address.", ": IPv6 addresses not supported.",
                            ": Invalid IPv6 numeric address.", ": HTTPS support not compiled in.")


def _wget_url_errors(out: Output) -> Iterator[ErrorEvent]:
    for i in sorted({i for literal in _WGET_URL_ERROR_LITERALS for i in out.find(literal)}):
        if m := _WGET_URL_ERROR.match(out.lines[i].rstrip()):
            yield _event(Category.CONFIGURATION, Severity.HIGH, out, i, m["url"])


_WGET_READ_ERROR = lazy_re(r"Read error (?:at byte [\d/]+ )?\([^)]+\)")
_WGET_REDIRECTS = lazy_re(r"^(?P<n>\d+) redirections exceeded\.$")


def _redirects_event(out: Output, index: int, limit: int, tool: str, option: str) -> ErrorEvent:
    """A redirect limit reached: a loop or a long chain is the server's (`network`, the host);
    a limit of 0 (`--max-redirect=0`, `--max-redirs 0`) fails on any redirect, so the option
    is the thing to change (`configuration`), like curl's --max-filesize."""
    if limit == 0:
        category, subject = Category.CONFIGURATION, option
    else:
        url = _wget_url(out, index) if tool == "wget" else url_of(out.command)
        category, subject = Category.NETWORK, host_of(url)
    return ErrorEvent(category, Severity.HIGH, tool, out.lines[index].strip(), subject=subject,
                      rank=Rank.ROOT, line_index=index)


# wget's command line that getopt refused (`wget: unrecognized option '--x'`, `wget: invalid
# option -- 'z'`, `wget: option requires an argument -- 'O'`), or no URL at all: `configuration`,
# subject the option
_WGET_USAGE = lazy_re(
    r"^wget: (?:unrecognized option [‘'`](?P<o1>[^’']+)[’']|invalid option -- [‘'`]?(?P<s1>.)[’']?"
    r"|option requires an argument -- [‘'`]?(?P<s2>.)[’']?|option [‘'`](?P<o2>[^’'=]+)[^’']*[’'] "
    r"(?:requires an argument|doesn't allow an argument|is ambiguous.*)|(?P<nourl>missing URL)"
    # a value wget's init.c cannot take (`--timeout: Invalid time period ‘5sec’`, `--limit-rate:
    # Invalid byte value`, `--header: Invalid header`): the option; an -e command it does not know
    # (`Invalid --execute command ‘robot=off’`): the command as given; (`--restrict-file-names:
    # Invalid restriction ‘dos’,` goes on with the values it takes on the next line)
    r"|(?P<o3>[\w-]+): Invalid [^‘'`]*(?:[‘'`][^’']*[’'])?[.,]?|Invalid --execute command [‘'`](?P<o4>[^’']+)[’']\.?)$"
)


_WGET_RC_ERROR = lazy_re(r"^Exiting due to error in (?P<f>.+)$")
_WGET_BODY_FILE = lazy_re(r"^BODY data file [‘'`\"]?(?P<f>.+?)[’'\"]? missing: (?P<why>.+)$")


_WGET_TOGETHER = lazy_re(
    r"^(?:You must specify a method through (?P<s>--method)=|You cannot use .*? along with (?P<s2>-[\w-]+)"
    r"|Cannot specify (?:both )?.*?(?P<last>-[\w-]+)"
    r"(?: if multiple URLs are given| is given| are given)?\.?$)"
)


def _wget_together(out: Output, strict: bool = False) -> Iterator[ErrorEvent]:
    """wget's options that do not go together; `strict` (no wget marker in the output: wget -q in
    a script) reads only the two sentences that name wget's own --method."""
    found = {*out.find("\nYou must specify a method through "), *out.find("\nYou cannot use ")}
    if not strict:
        found.update(out.find("\nCannot specify "))
    for i in sorted(found):
        if (m := _WGET_TOGETHER.match(out.lines[i].rstrip())) and (not strict or "--method" in out.lines[i]):
            yield _event(Category.CONFIGURATION, Severity.HIGH, out, i, m["s"] or m["s2"] or m["last"])


def _wget(out: Output) -> Iterator[ErrorEvent]:
    for i in out.find("\nwget: "):
        if m := _WGET_USAGE.match(out.lines[i].rstrip()):
            short = m["s1"] or m["s2"]
            yield _event(Category.CONFIGURATION, Severity.HIGH, out, i,
                         f"-{short}" if short else m["o1"] or m["o2"] or m["o3"] or m["o4"])
    yield from _wget_connect(out)
    # options that do not go together (main.c: `You must specify a method through
    # --method=HTTPMethod to use with --body-data or --body-file.`, `Cannot specify both
    # --body-data and --body-file.`, `Cannot specify -r, -p, or -N if -O is given.`): wget stops
    # before any request, `configuration`, subject the option named last (the one to add or drop)
    # (`You cannot use --post-data or --post-file along with --method. --method expects data
    # through --body-data and --body-file options`: the one after `along with`)
    yield from _wget_together(out)
    # --post-file / --body-file of a file wget cannot read (http.c `BODY data file %s missing: %s`):
    # the file the user named, `configuration` (`permission` when it was denied)
    for i in out.find("\nBODY data file "):
        if m := _WGET_BODY_FILE.match(out.lines[i].rstrip()):
            denied = m["why"].startswith(("Permission", "Operation not permitted"))
            yield _event(Category.PERMISSION if denied else Category.CONFIGURATION, Severity.HIGH, out, i,
                         m["f"])
    # a startup file wget could not read or parse (init.c: `Exiting due to error in %s`, after a
    # line naming the bad command when there is one; a --config file missing says only this):
    # `configuration`, subject the file
    for i in out.find("\nExiting due to error in "):
        if m := _WGET_RC_ERROR.match(out.lines[i].rstrip()):
            yield _event(Category.CONFIGURATION, Severity.HIGH, out, i, m["f"])
    for i in out.find("wget: unable to resolve host address"):
        if m := _WGET_RESOLVE.match(out.lines[i]):
            yield _event(Category.NETWORK, Severity.HIGH, out, i, m["host"])
    # `ERROR` alone is on many lines of any log: look up wget's own openings instead
    for i in sorted({i for literal in _WGET_ERROR_LITERALS for i in out.find(literal)}):
        line = out.lines[i]
        if m := _WGET_STATUS.search(line):
            url = _wget_url(out, i)
            if _own_robots_fetch(url, out.command):
                continue
            category, severity, subject = status_reading(int(m["status"]), url)
            if m["status"] == "407":  # the proxy refused: it is the thing to fix, not the URL
                subject = _wget_proxy(out, i) or subject
            yield _event(category, severity, out, i, subject)
        elif m := _WGET_CERT.match(line):
            yield _cert_event(out, i, m)
        elif m := _WGET_CA_FILE.match(line.rstrip()):
            yield _event(Category.CONFIGURATION, Severity.HIGH, out, i, m["f"])
    if "--no-check-certificate" not in (out.command or ""):
        for i in out.find("The certificate's owner does not match hostname"):
            if m := _WGET_CERT.match(out.lines[i]):
                yield _cert_event(out, i, m)
    for i in out.find("awaiting response... "):
        # the last attempt of a retried status ends with `Giving up.`, not an ERROR line
        if out.line(i + 1).strip() == "Giving up." and (
                m := _WGET_RESPONSE.search(out.lines[i])):
            category, severity, subject = status_reading(int(m["status"]), _wget_url(out, i))
            yield _event(category, severity, out, i, subject)
    for i in out.find("Authentication Failed."):  # `Username/Password Authentication Failed.`
        if out.lines[i].strip().endswith("Authentication Failed."):
            yield _event(Category.PERMISSION, Severity.HIGH, out, i, _wget_url(out, i))
    for i in out.find("Unable to establish SSL connection."):
        yield _event(Category.NETWORK, Severity.HIGH, out, i, host_of(url_of(out.command)))
    # the connection broke while reading (`Read error (Connection reset by peer) in headers.`,
    # `Read error at byte 2000/100000 (Connection timed out). Retrying.`), or the server hung up
    # before a word (`awaiting response... No data received.`): the network's, retryable. An
    # attempt wget retried (`Retrying.` at the end or on the next line) is not the verdict: the
    # last attempt's failure (a 401 once the credentials were sent, `Giving up.`) is; it keeps
    # the rank of a failure in its own right, so it stands when nothing else was read
    for i in out.find("Read error "):
        if _WGET_READ_ERROR.search(out.lines[i]):
            yield _retried(_event(Category.NETWORK, Severity.MEDIUM, out, i, host_of(_wget_url(out, i))), out, i)
    for i in out.find("awaiting response... No data received."):
        yield _retried(_event(Category.NETWORK, Severity.MEDIUM, out, i, host_of(_wget_url(out, i))), out, i)
    # --spider: any status that is not a success ends in this line (404, 403, a retried 500)
    for i in out.find("Remote file does not exist -- broken link"):
        status = _spider_status(out, i)
        url = _wget_url(out, i)
        category, severity, subject = (status_reading(status, url) if status
                                       else (Category.CONFIGURATION, Severity.HIGH, url))
        yield _event(category, severity, out, i, subject)
    if out.tool == "wget":
        for needle in ("Permission denied", "Read-only file system", "Operation not permitted",
                       "No such file or directory", "Not a directory", "Is a directory"):
            for i in out.find(needle):
                if m := _WGET_DENIED.match(out.lines[i]):
                    # -O into a directory not there, under a file, or onto a folder: a path to fix
                    missing = m["why"].startswith(("No such", "Not a dir", "Is a dir"))
                    yield _event(Category.CONFIGURATION if missing else Category.PERMISSION,
                                 Severity.HIGH, out, i, m["p1"] or m["p2"])
    yield from _wget_files(out, out.tool == "wget")


# the reasons wget gives for a file it cannot open (fopen's strerror)
_WGET_FILE_WHY = ("Permission denied", "Read-only file system", "Operation not permitted",
                  "No such file or directory")


def _wget_files(out: Output, reasons_read: bool = False) -> Iterator[ErrorEvent]:
    """The files wget could not open, read by wget's own wordings wherever wget ran: `Cannot
    write to ‘x’ (reason).` after `x: reason` (the output file), `No URLs found in x.` after
    `x: reason` (the -i list), or alone (an empty list). `reasons_read`: the `x: reason` and
    `Cannot write to` lines were read already (the command is wget's)."""
    if not reasons_read:
        for i in out.find("Cannot write to "):
            if m := _WGET_DENIED.match(out.lines[i]):
                yield _file_event(out, _reason_above(out, i, m["p1"]), m["p1"], m["why"])
    for i in out.find("No URLs found in "):
        if m := _WGET_NO_URLS.match(out.lines[i]):
            above = _reason_above(out, i, m["f"])
            if reasons_read and above != i:
                continue
            why = m2["why"] if (m2 := _WGET_DENIED.match(out.lines[above])) else None
            yield _file_event(out, above, m["f"], why)


_WGET_NO_URLS = lazy_re(r"^No URLs found in (?P<f>.+)\.$")


def _reason_above(out: Output, index: int, path: str) -> int:
    """The line above that states why `path` could not be opened (`path: reason`), where wget
    printed one: the line to anchor on; else the line itself."""
    for j in range(index - 1, max(-1, index - 4), -1):
        line = out.lines[j]
        if line.startswith(path + ": ") and line.rstrip().endswith(_WGET_FILE_WHY):
            return j
    return index


def _file_event(out: Output, index: int, path: str, why: str | None) -> ErrorEvent:
    denied = why is not None and not why.startswith("No such")
    return _event(Category.PERMISSION if denied else Category.CONFIGURATION, Severity.HIGH, out,
                  index, path)


_SPIDER_STATUS = lazy_re(r"(?:request sent, awaiting response\.\.\. |^\s+HTTP/\S+ )(?P<status>\d{3})\b")


def _spider_status(out: Output, index: int) -> int | None:
    """The status of a --spider check: the response line above (`awaiting response... 404`, or
    `  HTTP/1.1 404` under -S); -nv prints none."""
    for j in range(index - 1, max(-1, index - 12), -1):
        if m := _SPIDER_STATUS.search(out.lines[j]):
            return int(m["status"])
        if out.lines[j].startswith("--"):
            break  # the attempt's `--date--  URL` line: no status above it is this one's
    return None


def _cert_event(out: Output, index: int, m: re.Match[str]) -> ErrorEvent:
    host = m["h1"] or m["h2"] or m["h3"] or m["h4"] or m["h5"]
    if host is None and (r := _WGET_REQUESTED.match(out.line(index + 1))):
        host = r["host"]
    # `host:port` when wget printed the URL it was fetching (not under -nv)
    for back in range(index - 1, max(index - 8, -1), -1):
        if (u := _URL.search(out.lines[back])) and (named := host_of(u.group(0))):
            if host is None or named.split(":")[0] == host:
                host = named
            break
    return _event(Category.NETWORK, Severity.HIGH, out, index, host)


# the reasons of a connect(2) that failed: what wget's bare -nv `failed: Connection refused.`
# says when nothing else shows that wget ran (a `make -s` recipe): any other `failed: x.` is prose
_CONNECT_REASONS = ("Connection refused.", "No route to host.", "Connection timed out.",
                    "Network is unreachable.", "Connection reset by peer.")


def _wget_connect(out: Output, strict: bool = False) -> Iterator[ErrorEvent]:
    for i in out.find("failed: "):
        line = out.lines[i]
        if not line.startswith(("Connecting to ", "failed: ")):
            continue  # both regexes open with one of these
        if m := _WGET_CONNECT.match(line):
            subject = host_port(m["name"] or m["addr"], m["port"])
        elif _WGET_FAILED.match(line) and (not strict or line.endswith(_CONNECT_REASONS)):
            # -nv leaves out the `Connecting to` part
            subject = host_of(url_of(out.command))
        else:
            continue
        severity = Severity.MEDIUM if "timed out" in line else Severity.HIGH
        if line.endswith("Cannot assign requested address.") and "--bind-address" in (out.command or ""):
            # EADDRNOTAVAIL with --bind-address: the local address it asked for is not this
            # machine's; the option is what to fix, not the network (as curl's --interface)
            yield _event(Category.CONFIGURATION, Severity.HIGH, out, i, "--bind-address")
            continue
        yield _event(Category.NETWORK, severity, out, i, subject)


# wget -nv's report of an error status (src/http.c under --no-verbose): the URL alone on a line
# with a colon, then `YYYY-MM-DD HH:MM:SS ERROR 405: Method Not Allowed.`; the shape that says
# wget wrote it where nothing else does (a make recipe, a script): no `wget:` or `--date--` line
_WGET_NV_STATUS = lazy_re(r"^(?:\d{4}-\d\d-\d\d \d\d:\d\d:\d\d )?ERROR (?P<status>\d{3}): [^:]+\.$")
_WGET_NV_URL = lazy_re(r"^[a-z][a-z0-9+.-]*://\S+:$")


def _wget_quiet_statuses(out: Output) -> Iterator[ErrorEvent]:
    for literal in ("ERROR 3", "ERROR 4", "ERROR 5"):
        for i in out.find(literal):
            if (m := _WGET_NV_STATUS.match(out.lines[i])) and _WGET_NV_URL.match(out.line(i - 1)):
                url = out.line(i - 1)[:-1]
                if _own_robots_fetch(url, out.command):
                    continue
                category, severity, subject = status_reading(int(m["status"]), url)
                yield _event(category, severity, out, i, subject)


_WGET_CONNECTED = lazy_re(
    r"^Connecting to (?:(?P<name>[^\s|()]+) \([^)]*\)\|)?(?P<addr>[^|\s]+?)\|?:(?P<port>\d+)\.\.\. connected\.$")


def _wget_proxy(out: Output, index: int) -> str | None:
    """The proxy (`host:port`) wget talked to for a 407: the `Connecting to` line above a
    `Proxy request sent` one (wget connects to the proxy, not to the URL's host)."""
    proxied = False
    for back in range(index, max(index - 8, -1), -1):
        line = out.lines[back]
        if line.startswith("Proxy request sent"):
            proxied = True
        elif proxied and (m := _WGET_CONNECTED.match(line.rstrip())):
            return host_port(m["name"] or m["addr"], m["port"])
        elif line.startswith("--"):
            break
    return None


def _own_robots_fetch(url: str | None, command: str | None) -> bool:
    """wget -r / -m / -p asks each host for `/robots.txt` before it follows links; most sites
    have none, and wget goes on (src/res.c): its 404 is no error unless the user asked for it."""
    return bool(url and url.endswith("/robots.txt") and "robots.txt" not in (command or ""))


def _wget_url(out: Output, index: int) -> str | None:
    """The URL wget was fetching: its `--date--  URL` or `URL:` line above, or the command's."""
    for back in range(index, max(index - 8, -1), -1):
        if m := _URL.search(out.lines[back]):
            return m.group(0).rstrip(":")
    return url_of(out.command)


def _retried(event: ErrorEvent, out: Output, index: int) -> ErrorEvent:
    """An attempt wget said it would retry ranks below the failure that ended the run."""
    if out.lines[index].rstrip().endswith("Retrying.") or out.line(index + 1).strip() == "Retrying.":
        return replace(event, rank=Rank.ERROR)
    return event


def _event(category: Category, severity: Severity, out: Output, index: int,
           subject: str | None) -> ErrorEvent:
    return ErrorEvent(category, severity, "wget", out.lines[index].strip(), subject=subject,
                      rank=Rank.ROOT, line_index=index)

