"""Who may reach `brief serve`: the secret token, and the checks that keep other web pages out.

A served session can read and change the whole library, so every request passes this guard (an
aiohttp middleware) before textual-serve sees it:

- The token. When the server has one (always on an address other than loopback), a request
  must carry it, as `?token=...` or in the cookie set after the first visit; without it the
  answer is 401, with a wrong one 403. Tokens are compared in constant time.
- The Host header. On loopback without a token, only loopback names are accepted, so that a web
  page whose name an attacker points at 127.0.0.1 (DNS rebinding) cannot read the page.
- The Origin of a websocket. Browsers let any page open a websocket anywhere; the handshake says
  which page asked, and only the served page itself may drive a session.

The token never reaches a log: the server keeps aiohttp's access log off (see `tui.serve`).
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from aiohttp import web

TOKEN_PARAMETER = "token"
LOOPBACK_NAMES = frozenset({"localhost"})
_HOST = re.compile(r"^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.\-]+)(:[0-9]{1,5})?$")

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def is_loopback(host: str) -> bool:
    """Whether a host name or address is this machine only: `localhost` or a loopback address."""
    name = host.strip("[]").lower()
    if name in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def host_name(host: str) -> str:
    """The name of a `host[:port]` (an IPv6 address keeps no brackets)."""
    if host.startswith("["):
        return host[1 : host.find("]")]
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


@dataclass(frozen=True)
class Guard:
    """The rules for one server.

    Attributes:
        token: The secret every request must carry, or None (loopback only).
        public_host: The `host[:port]` of the address browsers use when it is not the one they
            send (behind a proxy), else None.
        behind_tls: Browsers reach the server over https (through a proxy): the cookie is then
            marked Secure, never to be sent in clear.
    """

    token: str | None
    public_host: str | None = None
    behind_tls: bool = False

    @property
    def cookie_name(self) -> str:
        """The cookie that carries the token after the first visit. Cookies are shared by every
        port of a host, so the name is the token's own (a digest of it): two servers on one
        machine keep a cookie each."""
        assert self.token is not None
        return "brief-" + hashlib.sha256(self.token.encode("utf-8")).hexdigest()[:12]

    def refusal(self, request: web.Request) -> web.Response | None:
        """Why `request` may not pass, as the answer to give, or None when it may."""
        host = request.headers.get("Host", "")
        if not _HOST.match(host):
            return _refuse(web.HTTPBadRequest, "brief serve: a request without a valid Host header.")
        if self.token is None and not is_loopback(host_name(host)):
            return _refuse(web.HTTPForbidden, "brief serve: this server answers only on 127.0.0.1 and localhost.")
        origin = request.headers.get("Origin")
        if origin is not None and request.headers.get("Upgrade", "").lower() == "websocket":
            if urlsplit(origin).netloc not in {host, self.public_host}:
                return _refuse(web.HTTPForbidden, "brief serve: a session opened from another web page is refused.")
        if self.token is None:
            return None
        given = request.query.get(TOKEN_PARAMETER) or request.cookies.get(self.cookie_name)
        if not given:
            return _refuse(web.HTTPUnauthorized, "brief serve: open the address with ?token=... that `brief serve` printed when it started.")
        if not hmac.compare_digest(given.encode("utf-8"), self.token.encode("utf-8")):
            return _refuse(web.HTTPForbidden, "brief serve: wrong token.")
        return None

    @web.middleware
    async def middleware(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        """Refuse what may not pass; after a visit with the token in its address, set the cookie
        that carries it for the page's scripts, styles and websocket."""
        refused = self.refusal(request)
        if refused is not None:
            return refused
        response = await handler(request)
        if self.token is not None and request.query.get(TOKEN_PARAMETER) and not response.prepared:
            response.set_cookie(self.cookie_name, self.token, httponly=True, samesite="Strict", secure=request.secure or self.behind_tls, path="/")
        return response


def _refuse(kind: type[web.HTTPException], line: str) -> web.Response:
    return web.Response(status=kind.status_code, text=line + "\n", content_type="text/plain")
