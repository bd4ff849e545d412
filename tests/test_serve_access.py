"""Who may reach `brief serve`, over plain HTTP: on an address other than loopback a token is
made, printed once and required of every request and websocket (none: 401, a wrong one: 403),
the first visit leaves a cookie that carries it; on loopback other web pages are kept out by the
Host and Origin checks; the token never reaches the server's output again.

The browser side (the page opening with the token, the app driven through its websocket) is in
test_serve.py.
"""

from __future__ import annotations

import http.client
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.tools.served import ServerProcess, session_members

pytestmark = pytest.mark.e2e

BRIEF = str(Path(sys.executable).parent / "brief")
TOKEN = "test-token-0123456789"
WEBSOCKET = {"Upgrade": "websocket", "Connection": "Upgrade", "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Version": "13"}


@dataclass
class Answer:
    status: int
    headers: http.client.HTTPMessage
    body: str


def get(port: int, path: str, headers: dict[str, str] | None = None) -> Answer:
    """One request to 127.0.0.1:port, whatever it asks (a websocket upgrade too), and its answer."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        body = "" if response.status == 101 else response.read().decode("utf-8", errors="replace")
        return Answer(response.status, response.headers, body)
    finally:
        connection.close()


def port_of(server: ServerProcess) -> int:
    return int(server.url.split(":")[2].split("/")[0])


@contextmanager
def served(library: Path, *options: str) -> Iterator[tuple[subprocess.Popen[bytes], Path]]:
    """`brief serve --port 0 OPTIONS` with no token given; stopped and checked empty after."""
    handle, name = tempfile.mkstemp(prefix="brief-serve-", suffix=".log")
    output = Path(name)
    process = subprocess.Popen(
        [BRIEF, "serve", "--port", "0", "--library", str(library), *options],
        stdin=subprocess.DEVNULL,
        stdout=handle,
        stderr=subprocess.STDOUT,
        start_new_session=True,
        env={name: value for name, value in os.environ.items() if name != "BRIEF_SERVE_TOKEN"},
    )
    os.close(handle)
    try:
        yield process, output
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=60)
        deadline = time.monotonic() + 30
        while session_members(process.pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert session_members(process.pid) == []
        output.unlink(missing_ok=True)


def printed_address(output: Path, pattern: str = r"http://127\.0\.0\.1:\d+/\?token=\S+", timeout: float = 60) -> str:
    """The address the server printed to open, once it has."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = re.search(pattern, output.read_text(encoding="utf-8", errors="replace"))
        if found:
            return found.group(0)
        time.sleep(0.05)
    raise AssertionError(f"no address printed; the server said:\n{output.read_text(encoding='utf-8', errors='replace')}")


def test_on_every_address_a_token_is_made_printed_once_and_required(library_dir: Path) -> None:
    with served(library_dir, "--host", "0.0.0.0") as (process, output):
        address = printed_address(output)
        port, token = int(address.split(":")[2].split("/")[0]), address.split("=", 1)[1]
        assert port != 0 and len(token) >= 32
        assert get(port, "/").status == 401
        assert get(port, f"/?token={token}").status == 200
        assert get(port, f"/?token={token[:-1]}x").status == 403
        printed = output.read_text(encoding="utf-8")
        assert printed.count(token) == 2  # the machine's name and 127.0.0.1, in one announcement
        assert re.search(rf"http://{re.escape(socket.gethostname())}:{port}/\?token={token}", printed)
        assert process.poll() is None


def test_a_request_needs_the_token_in_its_address_or_its_cookie(serve, library_dir: Path) -> None:  # type: ignore[no-untyped-def]
    server = serve(lambda port: [BRIEF, "serve", "--host", "0.0.0.0", "--port", str(port), "--token", TOKEN, "--library", str(library_dir)], page=f"?token={TOKEN}")
    port = port_of(server)
    refused = get(port, "/")
    assert refused.status == 401 and "?token=" in refused.body and "<html" not in refused.body.lower()
    assert get(port, "/?token=test-token-0123456780").status == 403
    assert get(port, "/?token=").status == 401
    page = get(port, f"/?token={TOKEN}")
    assert page.status == 200 and "textual-terminal" in page.body
    cookie = page.headers["Set-Cookie"]
    assert TOKEN in cookie and "HttpOnly" in cookie and "SameSite=Strict" in cookie and "Secure" not in cookie  # plain http here
    name = cookie.split("=", 1)[0]
    # The page's scripts and its websocket carry the cookie, not the token in their address.
    assert get(port, "/static/js/textual.js").status == 401
    assert get(port, "/static/js/textual.js", {"Cookie": f"{name}={TOKEN}"}).status == 200
    assert get(port, "/static/js/textual.js", {"Cookie": f"{name}=wrong-token-0123456"}).status == 403
    assert get(port, "/ws", WEBSOCKET).status == 401
    assert get(port, "/ws", {**WEBSOCKET, "Cookie": f"{name}=wrong-token-0123456"}).status == 403
    assert get(port, "/download/anything").status == 401
    assert [pid for pid in server.processes() if pid != server.process.pid] == []  # no session was started
    assert TOKEN not in server.said().split("Press Ctrl+C")[1]  # no log line repeats it


def test_the_address_names_the_tab_s_analyst_in_a_cookie_once_let_in(serve, library_dir: Path) -> None:  # type: ignore[no-untyped-def]
    """`&analyst=NAME` leaves a cookie for the tab's websocket to carry (the session's name, see
    test_serve.py); an empty or unusable name clears it; a refused request sets nothing."""
    server = serve(lambda port: [BRIEF, "serve", "--host", "0.0.0.0", "--port", str(port), "--token", TOKEN, "--library", str(library_dir)], page=f"?token={TOKEN}")
    port = port_of(server)
    assert "&analyst=Ada" in server.said()
    refused = get(port, "/?analyst=Ada")
    assert refused.status == 401 and refused.headers.get_all("Set-Cookie") is None
    cookies = get(port, f"/?token={TOKEN}&analyst=Ada%20Lovelace").headers.get_all("Set-Cookie")
    named = [cookie for cookie in cookies if cookie.startswith("brief-analyst=")]
    assert len(named) == 1 and "Ada Lovelace" in named[0] and "HttpOnly" in named[0] and "SameSite=Strict" in named[0], cookies
    for unnamed in ("", "x" * 81):
        cleared = [cookie for cookie in get(port, f"/?token={TOKEN}&analyst={unnamed}").headers.get_all("Set-Cookie") if cookie.startswith("brief-analyst=")]
        assert len(cleared) == 1 and "Max-Age=0" in cleared[0], cleared


def test_another_web_page_cannot_open_a_session(serve, library_dir: Path) -> None:  # type: ignore[no-untyped-def]
    """Browsers let any page open a websocket anywhere: the served page alone may, by its Origin."""
    server = serve(lambda port: [BRIEF, "serve", "--host", "0.0.0.0", "--port", str(port), "--token", TOKEN, "--library", str(library_dir)], page=f"?token={TOKEN}")
    port = port_of(server)
    answer = get(port, f"/ws?token={TOKEN}", {**WEBSOCKET, "Origin": "http://attacker.example"})
    assert answer.status == 403
    assert [pid for pid in server.processes() if pid != server.process.pid] == []


def test_on_loopback_without_a_token_only_this_machine_s_names_are_answered(serve, library_dir: Path) -> None:  # type: ignore[no-untyped-def]
    """A web page whose name an attacker points at 127.0.0.1 (DNS rebinding) gets nothing, nor can
    a page elsewhere open a session."""
    server = serve(lambda port: [BRIEF, "serve", "--port", str(port), "--library", str(library_dir)])
    port = port_of(server)
    assert "No token" in server.said()
    assert get(port, "/").status == 200
    assert get(port, "/", {"Host": f"localhost:{port}"}).status == 200
    assert get(port, "/", {"Host": f"attacker.example:{port}"}).status == 403
    assert get(port, "/ws", {**WEBSOCKET, "Host": f"attacker.example:{port}"}).status == 403
    assert get(port, "/ws", {**WEBSOCKET, "Origin": "http://attacker.example"}).status == 403
    assert get(port, "/", {"Host": "bad host\\"}).status == 400
    assert [pid for pid in server.processes() if pid != server.process.pid] == []


def test_the_page_sends_its_websocket_to_the_host_the_browser_used(serve, library_dir: Path) -> None:  # type: ignore[no-untyped-def]
    """On 0.0.0.0, textual-serve alone would write ws://0.0.0.0 into the page, where the browser
    neither goes nor sends the cookie."""
    server = serve(lambda port: [BRIEF, "serve", "--host", "0.0.0.0", "--port", str(port), "--token", TOKEN, "--library", str(library_dir)], page=f"?token={TOKEN}")
    port = port_of(server)
    page = get(port, f"/?token={TOKEN}", {"Host": f"analyst-desk.example:{port}"}).body
    assert f'data-session-websocket-url="ws://analyst-desk.example:{port}/ws"' in page
    assert "0.0.0.0" not in page


def test_behind_a_proxy_the_public_address_is_the_page_s_and_a_token_is_required(library_dir: Path) -> None:
    """Behind a proxy the server listens on loopback but is reached from afar: a token is made."""
    with served(library_dir, "--host", "127.0.0.1", "--public-url", "https://brief.example.org") as (process, output):
        address = printed_address(output, r"https://brief\.example\.org/\?token=\S+")
        token = address.split("=", 1)[1]
        port = int(re.search(r"listening on 127\.0\.0\.1 port (\d+)", output.read_text(encoding="utf-8")).group(1))  # type: ignore[union-attr]
        proxied = {"Host": "brief.example.org"}  # as a proxy passing the Host on sends it
        assert get(port, "/", proxied).status == 401
        page = get(port, f"/?token={token}", proxied)
        assert 'data-session-websocket-url="wss://brief.example.org/ws"' in page.body
        assert "Secure" in page.headers["Set-Cookie"]  # the browser reaches it over https


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--token", "short"], "at least 8"),
        (["--token", "has space in it"], "at least 8"),
        (["--public-url", "ftp://brief.example.org"], "https://HOST"),
        (["--port", "70000"], "70000"),
    ],
)
def test_bad_options_are_one_clear_line(library_dir: Path, options: list[str], message: str) -> None:
    result = subprocess.run([BRIEF, "serve", "--library", str(library_dir), *options], capture_output=True, text=True, timeout=60)
    assert result.returncode == 2 and message in result.stderr and "Traceback" not in result.stderr


def test_a_port_in_use_is_one_clear_line(library_dir: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run([BRIEF, "serve", "--port", str(port), "--library", str(library_dir)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 1, result.stderr
    assert result.stderr.startswith(f"Error: cannot listen on 127.0.0.1 port {port}") and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
