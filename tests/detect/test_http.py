"""curl's URL when the error line does not print it: the command's (through `bash -c` and
shell operators) or the one a script printed just above."""

from __future__ import annotations

import pytest

from lsp_heal.detect import detect
from lsp_heal.detect.http import url_of


@pytest.mark.parametrize(("command", "url"), [
    ("curl -fsS http://h:1/x", "http://h:1/x"),
    ("bash -c 'set -e; curl -fsS http://h:1/x; echo done'", "http://h:1/x"),
    ("curl -fsS http://h/x?a=1 && echo ok", "http://h/x?a=1"),
    ("curl 'http://h/s?q=a b&c=d'", "http://h/s?q=a b&c=d"),
    ("+ curl -fsS http://h/x 2>&1|tee log", "http://h/x"),
])
def test_the_url_of_a_command_line(command: str, url: str) -> None:
    assert url_of(command) == url


def test_a_script_that_printed_its_url() -> None:
    text = ("Downloading http://dl.example.com/v1/tool.tgz...\n"
            "curl: (22) The requested URL returned error: 404\n")
    event = detect(text.encode(), "bash install.sh", 22)[0]
    assert (event.category.value, event.subject) == (
        "configuration", "http://dl.example.com/v1/tool.tgz")


@pytest.mark.parametrize(("text", "command", "reading"), [
    ("http://h:8/docs/x.html:\nRemote file does not exist -- broken link!!!\n",
     "wget --spider -nv http://h:8/docs/x.html", ("configuration", "http://h:8/docs/x.html")),
    (("--2024-01-01 00:00:00--  http://h:8/a\nConnecting to h:8... connected.\n"
      "HTTP request sent, awaiting response... 500 Internal Server Error\n"
      "Remote file does not exist -- broken link!!!\n"), "wget --spider http://h:8/a", ("network", "h:8")),
    ("No URLs found in empty.txt.\n", "wget -nv -i empty.txt", ("configuration", "empty.txt")),
    ("out/a.js: Permission denied\n\nCannot write to ‘out/a.js’ (Permission denied).\n",
     "make fetch", ("permission", "out/a.js")),
])
def test_wget_lines_read_wherever_wget_ran(text: str, command: str, reading: tuple) -> None:
    events = detect(text.encode(), command, 8)
    assert (events[0].category.value, events[0].subject) == reading


@pytest.mark.parametrize(("text", "command", "reading"), [
    ("http://x.com:99999/a: Bad port number.\n", "wget http://x.com:99999/a",
     ("configuration", "http://x.com:99999/a")),
    ("wget -nv htps://e.com/a\nhtps://e.com/a: Unsupported scheme ‘htps’.\nmake: *** [Makefile:2: all] Error 1\n",
     "make", ("configuration", "htps://e.com/a")),
    ("http://[::1/a: Unterminated IPv6 numeric address.\n", "wget http://[::1/a",
     ("configuration", "http://[::1/a")),
    ("curl: (33) HTTP server doesn't seem to support byte ranges. Cannot resume.\n",
     "curl -sS -C - -o a.bin http://h:8/a.bin", ("configuration", "-C")),
    ("curl: (63) Maximum file size exceeded\n", "bash fetch.sh", ("configuration", None)),
])
def test_a_request_the_command_line_got_wrong(text: str, command: str, reading: tuple) -> None:
    events = detect(text.encode(), command, 1)
    assert (events[0].category.value, events[0].subject) == reading


@pytest.mark.parametrize(("text", "reading"), [
    # wget -nv in a `make -s` recipe: no `wget:` or `--date--` line says wget ran, its shapes do
    ("http://127.0.0.1:8080/api/jobs:\n2024-01-01 00:00:00 ERROR 405: Method Not Allowed.\n"
     "make: *** [Makefile:2: trigger] Error 8\n", ("configuration", "http://127.0.0.1:8080/api/jobs")),
    ("https://example.com/x.csv:\n2024-01-01 00:00:00 ERROR 503: Service Unavailable.\n",
     ("network", "example.com")),
    ("failed: Connection refused.\nmake: *** [Makefile:2: fetch] Error 4\n", ("network", None)),
])
def test_wget_no_verbose_lines_under_make_s(text: str, reading: tuple) -> None:
    event = detect(text.encode(), "make -s fetch", 2)[0]
    assert (event.category.value, event.subject) == reading
    assert event.tool == "wget"


def test_a_failed_prose_line_is_not_wget_under_make() -> None:
    events = detect(b"failed: 3 tests.\nmake: *** [Makefile:2: test] Error 1\n", "make -s test", 2)
    assert all(e.tool != "wget" for e in events)


@pytest.mark.parametrize(("text", "command", "subject"), [
    # an IPv6 host keeps its brackets before the port (round 15)
    ("curl: (7) Failed to connect to ::1 port 9 after 0 ms: Couldn't connect to server\n",
     "curl -sS http://[::1]:9/", "[::1]:9"),
    ("--2024-01-01 00:00:00--  http://[::1]:9/x\nConnecting to ::1:9... failed: Connection refused.\n",
     "wget http://[::1]:9/x", "[::1]:9"),
    ("curl: (7) Failed to connect to localhost port 9 after 0 ms: Couldn't connect to server\n",
     "curl -sS http://localhost:9/", "localhost:9"),
])
def test_ipv6_hosts(text: str, command: str, subject: str) -> None:
    event = detect(text.encode(), command, 7)[0]
    assert (event.category.value, event.subject) == ("network", subject)


def test_wget_recursive_robots_txt_404_is_not_the_error() -> None:
    text = ("--2024-01-01 00:00:00--  http://h:8080/robots.txt\nReusing existing connection to h:8080.\n"
            "HTTP request sent, awaiting response... 404 Not Found\n2024-01-01 00:00:00 ERROR 404: Not Found.\n\n"
            "--2024-01-01 00:00:00--  http://h:8080/docs/old.html\nReusing existing connection to h:8080.\n"
            "HTTP request sent, awaiting response... 404 Not Found\n2024-01-01 00:00:00 ERROR 404: Not Found.\n")
    event = detect(text.encode(), "wget -r -np http://h:8080/docs/", 8)[0]
    assert (event.category.value, event.subject) == ("configuration", "http://h:8080/docs/old.html")
    # asked for by name, its 404 is the error
    event = detect(text.encode(), "wget http://h:8080/robots.txt http://h:8080/docs/old.html", 8)[0]
    assert event.subject == "http://h:8080/robots.txt"


# round 17: the same messages in the forms no fixture has
@pytest.mark.parametrize("text,command,reading", [
    # a log multiplexer's tag before curl's line
    ("web-1  | curl: (7) Failed to connect to db port 5432 after 0 ms: Connection refused\n", "docker compose up",
     ("network", "db:5432")),
    ("[smoke] curl: (22) The requested URL returned error: 503\n", "bash -c 'curl -fsS http://127.0.0.1:8000/health | tag'",
     ("network", "127.0.0.1:8000")),
    # the URL only in the report of the program that ran curl (node's execSync)
    ("curl: (22) The requested URL returned error: 502\nError: Command failed: curl -fsS http://localhost:3000/api\n",
     "node smoke.js", ("network", "localhost:3000")),
    # --connect-to's malformed entry: the value curl quotes
    ("curl: (49) Couldn't parse CURLOPT_CONNECT_TO entry 'a:b'\n", "curl --connect-to a:b http://x/", ("configuration", "a:b")),
])
def test_round17_variants(text: str, command: str, reading: tuple) -> None:
    events = detect(text.encode(), command, 1)
    assert (events[0].category.value, events[0].subject) == reading


# round 19: wget's file and option wordings in the forms no fixture has
@pytest.mark.parametrize("text,command,reading", [
    ("BODY data file ‘secret.json’ missing: Permission denied\n", "wget --body-file=secret.json http://x/",
     ("permission", "secret.json")),
    ("dist: Is a directory\n", "wget -O dist http://127.0.0.1:8000/app.tgz", ("configuration", "dist")),
    ("wget: --restrict-file-names: Invalid restriction ‘dos’,\n    use [unix|vms|windows],[lowercase|uppercase].\n",
     "wget --restrict-file-names=dos http://x/", ("configuration", "--restrict-file-names")),
])
def test_round19_wget_variants(text: str, command: str, reading: tuple) -> None:
    events = detect(text.encode(), command, 3)
    assert (events[0].category.value, events[0].subject) == reading


# round 24: a status line curl cannot read, crypto engines, wget's --method sentence in a script
@pytest.mark.parametrize("text,command,reading", [
    ("curl: (1) Unsupported HTTP/1 subversion in response\n", "curl -sS http://127.0.0.1:8080/x",
     ("network", "127.0.0.1:8080")),
    ("curl: (1) Protocol \"htps\" not supported or disabled in libcurl\n", "curl -sS htps://h/x",
     ("configuration", "htps://h/x")),
    ("curl: (53) SSL crypto engine not found\n", "curl -sS --engine tpm2 https://h/", ("dependency", "tpm2")),
    ("curl: (54) Can not set SSL crypto engine as default\n", "curl -sS --engine pkcs11 https://h/",
     ("configuration", "--engine")),
    ("You cannot use --post-data or --post-file along with --method. --method expects data through "
     "--body-data and --body-file options\n", "bash api.sh", ("configuration", "--method")),
])
def test_round24_variants(text: str, command: str, reading: tuple) -> None:
    e = detect(text.encode(), command, 1)[0]
    assert (e.category.value, e.subject) == reading


def test_a_wgetrc_wget_could_not_read() -> None:
    text = "wget: ci.wgetrc:2: Unknown command ‘retires’.\nExiting due to error in ci.wgetrc\n"
    events = detect(text.encode(), "wget --config=ci.wgetrc http://127.0.0.1:1/x", 2)
    assert events[0].category.value == "configuration"
    assert any(e.subject == "ci.wgetrc" for e in events)


@pytest.mark.parametrize(("text", "reading"), [
    # an attempt wget retried is not the verdict: the last attempt's failure is
    ("--2024-01-01 00:00:00--  http://127.0.0.1:8080/build.tar\nConnecting to 127.0.0.1:8080... connected.\n"
     "HTTP request sent, awaiting response... No data received.\nRetrying.\n\n"
     "--2024-01-01 00:00:00--  (try: 2)  http://127.0.0.1:8080/build.tar\nConnecting to 127.0.0.1:8080... connected.\n"
     "HTTP request sent, awaiting response... 401 Unauthorized\n\nUsername/Password Authentication Failed.\n",
     ("permission", "http://127.0.0.1:8080/build.tar")),
    # every attempt failed alike: the last one stands (`Giving up.`), and a retried one alone still reads
    ("--2024-01-01 00:00:00--  http://127.0.0.1:8080/feed\nConnecting to 127.0.0.1:8080... connected.\n"
     "HTTP request sent, awaiting response... No data received.\nRetrying.\n",
     ("network", "127.0.0.1:8080")),
])
def test_a_retried_wget_attempt_is_not_the_verdict(text: str, reading: tuple) -> None:
    event = detect(text.encode(), "wget http://127.0.0.1:8080/x", 6)[0]
    assert (event.category.value, event.subject) == reading


# round 29: `curl -s -o /dev/null -w '%{http_code}' --fail URL` prints no error, only the status
# it was told to write: that status is read as curl's own (22) line would be
@pytest.mark.parametrize(("text", "command", "reading"), [
    ("503\n", "curl -s -o /dev/null -w '%{http_code}\\n' --fail http://127.0.0.1:8080/healthz",
     ("network", "127.0.0.1:8080")),
    ("status=401", "curl -s -o /dev/null -w 'status=%{response_code}' -f http://127.0.0.1:8080/admin",
     ("permission", "http://127.0.0.1:8080/admin")),
    ("", "curl -sf http://127.0.0.1:8080/missing", ("configuration", "http://127.0.0.1:8080/missing")),
])
def test_round29_written_status(text: str, command: str, reading: tuple) -> None:
    event = detect(text.encode(), command, 22)[0]
    assert (event.category.value, event.subject) == reading
