"""A web server on 127.0.0.1 for tests: feeds and pages, well-behaved or hostile, and a count of requests.

Nothing in the test suite reaches beyond this machine. A route is a path with what to answer;
a few behaviours stand for the servers Brief must survive: one that never answers, one that
trickles, one that sends without end, one that fails a few times before it works, and
conditional answers ("304 Not Modified" to a matching ETag or date).
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Route:
    """What the server answers at one path.

    Attributes:
        body: The body.
        content_type: The Content-Type header.
        status: The status.
        headers: Further headers.
        etag: When set, sent as the ETag, and a request sending it back gets 304.
        last_modified: Likewise with Last-Modified and If-Modified-Since.
        behaviour: "" to answer at once; "hang" never to answer; "trickle" to send a byte every
            tenth of a second; "endless" to send megabytes until the client stops reading.
        failures: Answer 503 this many times before answering as above.
        delay: Seconds to wait before answering.
    """

    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    etag: str | None = None
    last_modified: str | None = None
    behaviour: str = ""
    failures: int = 0
    delay: float = 0.0


class WebServer:
    """A threaded HTTP server on 127.0.0.1 with a free port; `stop` ends it and every hanging answer."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.hits: Counter[str] = Counter()
        self.conditional: Counter[str] = Counter()
        self._stopping = threading.Event()
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:  # noqa: N802 - the http.server interface
                server._answer(self)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self._thread = threading.Thread(target=self.httpd.serve_forever, name="test-web-server", daemon=True)
        self._thread.start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def add(self, path: str, body: bytes | str = b"", **route: object) -> str:
        """Serve `body` at `path`; returns the full address."""
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.routes[path] = Route(data, **route)  # type: ignore[arg-type]
        return self.url(path)

    def stop(self) -> None:
        self._stopping.set()
        self.httpd.shutdown()
        self.httpd.server_close()

    def _answer(self, request: BaseHTTPRequestHandler) -> None:
        path = request.path
        with self._lock:
            self.hits[path] += 1
            count = self.hits[path]
        route = self.routes.get(path)
        if route is None:
            self._send(request, 404, b"not here", "text/plain")
            return
        if route.delay:
            self._stopping.wait(route.delay)
        if count <= route.failures:
            self._send(request, 503, b"busy", "text/plain", {"Retry-After": "0"})
            return
        if route.behaviour == "hang":
            self._stopping.wait(120)
            return
        headers = dict(route.headers)
        if route.etag:
            headers["ETag"] = route.etag
        if route.last_modified:
            headers["Last-Modified"] = route.last_modified
        same_tag = route.etag is not None and request.headers.get("If-None-Match") == route.etag
        same_date = route.last_modified is not None and request.headers.get("If-Modified-Since") == route.last_modified
        if request.headers.get("If-None-Match") or request.headers.get("If-Modified-Since"):
            with self._lock:
                self.conditional[path] += 1
        if same_tag or same_date:
            self._send(request, 304, b"", route.content_type, headers)
            return
        if route.behaviour == "trickle":
            self._trickle(request, route)
            return
        if route.behaviour == "endless":
            self._endless(request, route)
            return
        self._send(request, route.status, route.body, route.content_type, headers)

    def _send(self, request: BaseHTTPRequestHandler, status: int, body: bytes, content_type: str, headers: dict[str, str] | None = None) -> None:
        try:
            request.send_response(status)
            request.send_header("Content-Type", content_type)
            for name, value in (headers or {}).items():
                request.send_header(name, value)
            if status != 304:
                request.send_header("Content-Length", str(len(body)))
            request.end_headers()
            if status != 304:
                request.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def _trickle(self, request: BaseHTTPRequestHandler, route: Route) -> None:
        try:
            request.send_response(200)
            request.send_header("Content-Type", route.content_type)
            request.send_header("Content-Length", str(len(route.body)))
            request.end_headers()
            for byte in route.body:
                if self._stopping.wait(0.1):
                    return
                request.wfile.write(bytes([byte]))
                request.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            pass

    def _endless(self, request: BaseHTTPRequestHandler, route: Route) -> None:
        """A page without a Content-Length that goes on until the client hangs up (at most 200 MB)."""
        chunk = b"<p>" + b"all work and no play " * 50_000 + b"</p>\n"
        request.close_connection = True
        try:
            request.send_response(200)
            request.send_header("Content-Type", route.content_type)
            request.send_header("Connection", "close")
            request.end_headers()
            deadline = time.monotonic() + 60
            sent = 0
            while sent < 200 * 1024 * 1024 and time.monotonic() < deadline and not self._stopping.is_set():
                request.wfile.write(chunk)
                sent += len(chunk)
        except (BrokenPipeError, ConnectionResetError):
            pass
