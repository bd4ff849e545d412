"""`brief serve`: the Brief app in the browser, one session (an app process) per tab.

textual-serve does the serving: its `Server` answers the page, and for each websocket a tab opens
starts the served command as a process of its own, piping the terminal both ways, and ends it
when the tab closes. What Brief adds is small, in a subclass:

- The guard (`tui.serve_guard`) in front of every route. textual-serve has no public hook for
  middlewares, so `_make_app` is extended: the application it builds gets the guard's middleware
  before it starts (the version is pinned; `tests/test_serve_access.py` fails should it change).
- The page's addresses follow the request (the Host the browser used), unless a public address
  is given: textual-serve writes one fixed address into the page, which on 0.0.0.0 would send
  the browser's websocket to 0.0.0.0, away from the cookie that carries the token.
- Each tab's analyst. A tab opened at `/?analyst=NAME` (after the token: `&analyst=NAME`) keeps
  the name in a cookie; the websocket that starts its session carries the cookie, and the
  session runs with `$BRIEF_ANALYST` set to it, so its changes are recorded under that name.
  textual-serve starts every session with the one `command`; here it is computed for the
  request being answered (a context variable, set by the middleware in the request's own task).
- Running: our own aiohttp runner instead of `Server.serve`, to bind first and then print the
  address actually bound (port 0 picks a free one), with the token, once; to end on SIGHUP as on
  SIGINT and SIGTERM; and to keep aiohttp's access log off, as it would write the token.

Ending: stopping closes every session's websocket, and textual-serve asks each session to quit
and waits for it (`Sessions`). Should the server die, a session finds its input closed and saves and leaves
by itself, as when its terminal goes away (see `tui.hangup`).
"""

from __future__ import annotations

import asyncio
import logging
import secrets
import shlex
import signal
import socket
import sys
from contextlib import suppress
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path

from aiohttp import web
from textual_serve.server import Server

from briefings.history import analyst_name
from store import ANALYST_ENV, location_label
from tui.serve_guard import TOKEN_PARAMETER, Guard, Handler, is_loopback

TITLE = "Brief"
#: Seconds stopping waits for the sessions to save and end: a session waits up to 5 s for a
#: refusing disk before keeping its changes in a recovery file (`tui.leaving`).
SESSIONS_END_SECONDS = 30.0
#: Seconds aiohttp then gives any other request still in flight.
SHUTDOWN_SECONDS = 1.0


#: A session runs the `brief` command's own entry point; -P keeps the working folder off the path.
SESSION_CODE = "import sys; from tui.cli import main; sys.exit(main(prog_name='brief'))"


#: The address parameter, and the cookie, that name a tab's analyst.
ANALYST_PARAMETER = "analyst"
ANALYST_COOKIE = "brief-analyst"
#: The analyst of the session the request being answered starts ("": the server's own).
_tab_analyst: ContextVar[str] = ContextVar("tab_analyst", default="")


def session_command(library: str | None, analyst: str = "") -> str:
    """The shell command textual-serve runs for each tab: the installed `brief` command, run by
    this very Python, on the library given, else `$BRIEF_LIBRARY` or the default (the
    environment passes through), as `analyst` when one is given. `exec`, so that the session is
    the shell's own process (`env` execs in its turn)."""
    argv = [sys.executable, "-P", "-c", SESSION_CODE]
    if library is not None:
        argv += ["--library", library]
    if analyst:
        argv = ["env", f"{ANALYST_ENV}={analyst}", *argv]
    return "exec " + shlex.join(argv)


def new_token() -> str:
    """A secret token, as Jupyter's: 48 hex digits from `secrets`."""
    return secrets.token_hex(24)


@dataclass(frozen=True)
class ServeOptions:
    """What `brief serve` was asked for."""

    host: str
    port: int
    token: str | None
    library: str | None
    public_url: str | None = None


class Sessions:
    """The websockets open now, each a tab's session, so that stopping can end them first.

    Stopping closes each one's connection, as a tab closing does: textual-serve then asks its
    session to quit and waits until it has saved and ended. (aiohttp alone would wait for them
    to finish by themselves, then cancel them and leave them little time.)
    """

    def __init__(self) -> None:
        self._open: dict[asyncio.Task[object], web.Request] = {}

    @web.middleware
    async def middleware(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        task = asyncio.current_task()
        if task is None or request.headers.get("Upgrade", "").lower() != "websocket":
            return await handler(request)
        self._open[task] = request
        try:
            return await handler(request)
        finally:
            self._open.pop(task, None)

    async def end_all(self, timeout: float) -> None:
        """Close every session's connection and wait until each has ended (up to `timeout`)."""
        for request in self._open.values():
            if request.transport is not None:
                request.transport.close()
        if self._open:
            await asyncio.wait(list(self._open), timeout=timeout)


class BriefServer(Server):
    """textual-serve's Server with the guard in front and addresses that follow the request."""

    def __init__(self, options: ServeOptions) -> None:
        super().__init__(session_command(options.library), host=options.host, port=options.port, title=TITLE, public_url=options.public_url)
        self.library = options.library
        self.fixed_public_url = options.public_url
        public_host = options.public_url.split("://", 1)[-1].split("/", 1)[0] if options.public_url else None
        self.guard = Guard(options.token, public_host, behind_tls=(options.public_url or "").startswith("https://"))
        self.sessions = Sessions()

    @property  # type: ignore[override]
    def command(self) -> str:
        """The session command for the tab being answered, as its analyst (see the module)."""
        return session_command(self.library, _tab_analyst.get())

    @command.setter
    def command(self, value: str) -> None:
        """Nothing to keep: textual-serve sets its one command at construction, and Brief's is
        made for each tab from the library and the tab's analyst."""

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        app.middlewares.extend([self.guard.middleware, self.sessions.middleware, analysts])  # the guard first
        return app

    async def handle_index(self, request: web.Request) -> web.StreamResponse:  # type: ignore[override]
        """The page, with its addresses on the host the browser asked for. textual-serve reads
        `public_url` while building the page, before its first await, so no other request can
        change it in between."""
        self.public_url = self.fixed_public_url or f"{request.scheme}://{request.host}"
        return await super().handle_index(request)  # type: ignore[no-any-return]

    async def on_startup(self, app: web.Application) -> None:
        """Nothing: the addresses are printed once bound (see `run`)."""

    def run(self) -> None:
        """Serve until SIGINT, SIGTERM or SIGHUP, then end every session."""
        logging.basicConfig(level=logging.WARNING, format="brief serve: %(message)s")
        asyncio.run(self._serve())

    async def _serve(self) -> None:
        loop = asyncio.get_running_loop()
        stop = asyncio.Event()
        for number in (signal.SIGINT, signal.SIGTERM, getattr(signal, "SIGHUP", None)):
            if number is not None:
                with suppress(NotImplementedError):
                    loop.add_signal_handler(number, stop.set)
        runner = web.AppRunner(await self._make_app(), access_log=None, shutdown_timeout=SHUTDOWN_SECONDS, handle_signals=False)
        await runner.setup()
        try:
            site = web.TCPSite(runner, self.host, self.port)
            await site.start()
            self._announce(int(runner.addresses[0][1]))
            await stop.wait()
            await self.sessions.end_all(SESSIONS_END_SECONDS)
        finally:
            await runner.cleanup()

    def _announce(self, port: int) -> None:
        """Say where to point a browser, with the token, as Jupyter does."""
        query = f"/?{TOKEN_PARAMETER}={self.guard.token}" if self.guard.token else "/"
        if self.fixed_public_url:
            addresses = [self.fixed_public_url + query, f"(through the proxy; listening on {self.host} port {port})"]
        elif self.host in ("", "0.0.0.0", "::"):
            addresses = [f"http://{socket.gethostname()}:{port}{query}", f"http://127.0.0.1:{port}{query}"]
        else:
            name = f"[{self.host}]" if ":" in self.host else self.host
            addresses = [f"http://{name}:{port}{query}"]
        lines = ["Brief is served; open it in a browser at:", *(f"    {address}" for address in addresses)]
        library = f"the library {location_label(self.library)}" if self.library else "the default library"
        lines.append(f"Each browser tab is a session of its own on {library}. Press Ctrl+C to stop.")
        lines.append(f"Each analyst adds {ANALYST_PARAMETER}=NAME to the address ({'&' if self.guard.token else '?'}{ANALYST_PARAMETER}=Ada) to be named in the histories.")
        if self.guard.token is None:
            lines.append("No token: anyone with an account on this machine can reach it (give --token to require one).")
        print("\n".join(lines), flush=True)


@web.middleware
async def analysts(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Name a tab's analyst: a page asked for with `?analyst=NAME` sets the cookie (an empty or
    unusable name clears it), and a websocket's session runs as the name its cookie carries."""
    if request.headers.get("Upgrade", "").lower() == "websocket":
        _tab_analyst.set(analyst_name(request.cookies.get(ANALYST_COOKIE, "")))
    response = await handler(request)
    given = request.query.get(ANALYST_PARAMETER)
    if given is not None and not response.prepared:
        name = analyst_name(given)
        if name:
            response.set_cookie(ANALYST_COOKIE, name, httponly=True, samesite="Strict", path="/")
        else:
            response.del_cookie(ANALYST_COOKIE, path="/")
    return response


def serve(options: ServeOptions) -> None:
    """Run `brief serve` (the command line has checked the options)."""
    BriefServer(options).run()


def needs_token(host: str) -> bool:
    """A token is required on every address but loopback."""
    return not is_loopback(host)


def library_argument(library: Path | str | None) -> str | None:
    """The library as the sessions are to be given it: a folder made absolute (a session could
    start elsewhere), an address unchanged."""
    if library is None:
        return None
    if isinstance(library, Path):
        return str(library.absolute())
    return library

