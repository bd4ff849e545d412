"""A polite, bounded HTTP client for pages and feeds: whatever a server does, one line or the bytes.

A server can answer slowly, never, with gigabytes, with a redirect loop, with errors that pass
in a minute, or with nothing new. `Fetcher.get` bounds each of these:

- timeouts for connecting and for every read, and a deadline for the whole fetch, so a server
  that trickles a byte a second is given up on too;
- a size cap, checked against Content-Length before reading and counted while the body streams
  in (after decompression, so a gzip bomb stops at the cap);
- redirects followed by hand, at most `max_redirects`, to http(s) addresses only, and a loop
  named as one;
- retries with exponential back-off and jitter for what passes (no connection, no answer,
  429 and 5xx answers), honouring Retry-After up to a limit;
- conditional requests: the ETag and Last-Modified of the last fetch are sent back, and
  "304 Not Modified" comes back as `Response.not_modified` without a body;
- a few connections at a time, in all and per host (httpx's pool is shared by the threads that
  use one `Fetcher`).

Every failure is a `FetchError` whose message is one line naming the address.
"""

from __future__ import annotations

import random
import threading
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from briefings import __version__
from briefings.cleaning import clean_text
from briefings.errors import BriefError

#: The largest page or feed Brief fetches (10 MB): a news page is well under 5 MB with its markup.
MAX_FETCH_BYTES = 10 * 1024 * 1024
ACCEPT_PAGE = "text/html,application/xhtml+xml;q=0.9,application/pdf;q=0.8,text/plain;q=0.7,*/*;q=0.1"
ACCEPT_FEED = "application/rss+xml,application/atom+xml,application/rdf+xml;q=0.9,application/xml;q=0.8,text/xml;q=0.8,*/*;q=0.1"
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_PASSING = frozenset({408, 425, 429, 500, 502, 503, 504})
#: The longest Retry-After honoured, in seconds; a server asking for more is treated as down.
MAX_RETRY_AFTER = 30.0


class FetchError(BriefError):
    """A page or feed that could not be fetched; the message is one line naming the address."""


def shown_address(url: str, limit: int = 160) -> str:
    """An address from a feed or a user, safe to print on one line."""
    text = " ".join(clean_text(url).split())
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def check_web_address(url: str) -> str:
    """`url` if it is an http or https address with a host, else `FetchError`."""
    parts = urlsplit(url.strip())
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise FetchError(f"{shown_address(url)}: not a web address (http:// or https://)")
    return url.strip()


def is_web_address(text: str) -> bool:
    """Whether a command-line argument or a typed line is a web address rather than a path."""
    return text.strip().lower().startswith(("http://", "https://"))


@dataclass(frozen=True, slots=True)
class FetchPolicy:
    """How patient and how demanding fetching is.

    Attributes:
        timeout: Seconds to connect, and to wait for each piece of the answer.
        deadline: Seconds for the whole fetch of one address, retries and redirects included.
        max_bytes: The largest body read.
        max_redirects: Redirects followed before giving up.
        retries: Further attempts after a failure that passes.
        backoff: Seconds before the first retry; doubled for each next one, plus jitter.
        connections: Connections open at a time, in all.
        per_host: Connections open at a time to one host.
    """

    timeout: float = 15.0
    deadline: float = 60.0
    max_bytes: int = MAX_FETCH_BYTES
    max_redirects: int = 5
    retries: int = 2
    backoff: float = 1.0
    connections: int = 4
    per_host: int = 2


@dataclass(frozen=True, slots=True)
class Response:
    """What a fetch brought back.

    Attributes:
        url: The address finally answered from, after redirects.
        status: The HTTP status (304 for not modified).
        content: The body (empty when not modified).
        content_type: The media type, lower case, without parameters ("text/html"), or "".
        charset: The charset the Content-Type declares, or None.
        etag: The ETag to send back next time, or None.
        last_modified: The Last-Modified to send back next time, or None.
    """

    url: str
    status: int
    content: bytes
    content_type: str = ""
    charset: str | None = None
    etag: str | None = None
    last_modified: str | None = None

    @property
    def not_modified(self) -> bool:
        """True when the server said nothing changed since the ETag or date sent."""
        return self.status == 304


class _Passing(Exception):
    """A failure worth retrying: the reason, and how long the server asked us to wait."""

    def __init__(self, reason: str, retry_after: float | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.retry_after = retry_after


class Fetcher:
    """Fetches pages and feeds within a `FetchPolicy`; share one between threads, then `close`.

    Args:
        policy: The limits.
        stop: Set it to make fetches in progress (and back-off waits) give up at once.
    """

    def __init__(self, policy: FetchPolicy | None = None, *, stop: threading.Event | None = None) -> None:
        import httpx  # here, not at the top: only fetching pays for importing it

        self.policy = policy or FetchPolicy()
        self.stop = stop or threading.Event()
        limits = httpx.Limits(max_connections=self.policy.connections, max_keepalive_connections=self.policy.connections)
        self._client = httpx.Client(
            timeout=httpx.Timeout(self.policy.timeout),
            limits=limits,
            follow_redirects=False,
            headers={"User-Agent": f"Brief/{__version__} (article reader)"},
            trust_env=False,
        )
        self._hosts: dict[str, threading.Semaphore] = {}
        self._hosts_lock = threading.Lock()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the connections."""
        self._client.close()

    def get(self, url: str, *, accept: str = ACCEPT_PAGE, etag: str | None = None, last_modified: str | None = None) -> Response:
        """Fetch `url`, following redirects and retrying what passes (see the module docstring).

        Raises:
            FetchError: Not a web address, an error answer, too large, too slow, too many
                redirects or a loop, or still failing after the retries.
        """
        url = check_web_address(url)
        policy = self.policy
        deadline = time.monotonic() + policy.deadline
        headers = {"Accept": accept}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        attempt = 0
        while True:
            try:
                return self._follow(url, headers, deadline)
            except _Passing as passing:
                attempt += 1
                reason = passing.reason
                if attempt > policy.retries:
                    tries = f" (tried {attempt} times)" if attempt > 1 else ""
                    raise FetchError(f"{shown_address(url)}: {reason}{tries}") from None
                delay = policy.backoff * 2 ** (attempt - 1) * (1 + random.random() / 2)
                if passing.retry_after is not None:
                    delay = max(delay, passing.retry_after)
                if time.monotonic() + delay > deadline:
                    raise FetchError(f"{shown_address(url)}: {reason} (no time left to try again)") from None
                if self.stop.wait(delay):
                    raise FetchError(f"{shown_address(url)}: stopped") from None

    def _follow(self, url: str, headers: dict[str, str], deadline: float) -> Response:
        import httpx

        visited = {url}
        current = url
        for _ in range(self.policy.max_redirects + 1):
            if self.stop.is_set():
                raise FetchError(f"{shown_address(url)}: stopped")
            host = urlsplit(current).hostname or ""
            try:
                with self._host(host), self._client.stream("GET", current, headers=headers) as answer:
                    status = answer.status_code
                    if status in _REDIRECTS:
                        target = answer.headers.get("location")
                        if not target:
                            raise FetchError(f"{shown_address(url)}: the server redirected without saying where")
                        current = urljoin(current, target.strip())
                        if urlsplit(current).scheme.lower() not in ("http", "https"):
                            raise FetchError(f"{shown_address(url)}: redirected to an address that is not a web page ({shown_address(current, 60)})")
                        if current in visited:
                            raise FetchError(f"{shown_address(url)}: the server redirects in a loop")
                        visited.add(current)
                        continue
                    if status == 304:
                        return Response(current, status, b"", *_type(answer.headers.get("content-type", "")), *_validators(answer.headers))
                    if status in _PASSING:
                        raise _Passing(f"the server answered {status} {answer.reason_phrase}".rstrip(), _retry_after(answer.headers.get("retry-after")))
                    if status >= 400:
                        raise FetchError(f"{shown_address(url)}: the server answered {status} {answer.reason_phrase}".rstrip())
                    content = self._body(answer, url, deadline)
                    return Response(current, status, content, *_type(answer.headers.get("content-type", "")), *_validators(answer.headers))
            except httpx.TimeoutException:
                raise _Passing(f"no answer within {self.policy.timeout:g} s") from None
            except httpx.ConnectError as error:
                raise _Passing(f"cannot connect ({_first_line(error)})") from None
            except (httpx.RemoteProtocolError, httpx.ReadError, httpx.WriteError) as error:
                raise _Passing(f"the connection failed ({_first_line(error)})") from None
            except httpx.HTTPError as error:
                raise FetchError(f"{shown_address(url)}: {_first_line(error)}") from None
        raise FetchError(f"{shown_address(url)}: too many redirects (more than {self.policy.max_redirects})")

    def _body(self, answer: object, url: str, deadline: float) -> bytes:
        """The body, streamed in and given up on past the size cap or the deadline."""
        limit = self.policy.max_bytes
        declared = answer.headers.get("content-length", "")  # type: ignore[attr-defined]
        if declared.isdigit() and int(declared) > limit:
            raise FetchError(f"{shown_address(url)}: too large ({_megabytes(int(declared))}; Brief fetches up to {_megabytes(limit)})")
        body = bytearray()
        for chunk in answer.iter_bytes():  # type: ignore[attr-defined]
            body += chunk
            if len(body) > limit:
                raise FetchError(f"{shown_address(url)}: too large (more than {_megabytes(limit)}; stopped reading)")
            if self.stop.is_set():
                raise FetchError(f"{shown_address(url)}: stopped")
            if time.monotonic() > deadline:
                raise FetchError(f"{shown_address(url)}: too slow (not complete after {self.policy.deadline:g} s)")
        return bytes(body)

    def _host(self, host: str) -> threading.Semaphore:
        with self._hosts_lock:
            if host not in self._hosts:
                self._hosts[host] = threading.Semaphore(self.policy.per_host)
            return self._hosts[host]


def _type(header: str) -> tuple[str, str | None]:
    """(media type, charset) of a Content-Type header."""
    media, _, parameters = header.partition(";")
    charset = None
    for parameter in parameters.split(";"):
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "charset" and value.strip():
            charset = value.strip().strip("\"'")
    return media.strip().lower(), charset


def _validators(headers: object) -> tuple[str | None, str | None]:
    return headers.get("etag"), headers.get("last-modified")  # type: ignore[attr-defined]


def _retry_after(value: str | None) -> float | None:
    """Seconds a Retry-After header asks for (its seconds form), capped; None when absent."""
    if value and value.strip().isdigit():
        return min(float(value.strip()), MAX_RETRY_AFTER)
    return None


def _first_line(error: Exception) -> str:
    text = " ".join(clean_text(str(error)).split())[:160]
    return text or type(error).__name__


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.0f} MB"
