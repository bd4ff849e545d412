"""`brief serve`: Brief in the browser (see `tui.serve`).

Importing this module costs only click: `tui.cli` imports it at every start of `brief`, so
textual-serve and aiohttp are imported inside the command.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import click

from tui.cli_common import library_option, resolve_library

if TYPE_CHECKING:
    from store import LibraryLocation

TOKEN_ENV = "BRIEF_SERVE_TOKEN"
_TOKEN = re.compile(r"^[A-Za-z0-9._~-]{8,}$")


def _check_token(context: click.Context, parameter: click.Parameter, token: str | None) -> str | None:
    if token is not None and not _TOKEN.match(token):
        raise click.BadParameter("give at least 8 letters, digits or . _ ~ - (it goes into an address)")
    return token


def _check_public_url(context: click.Context, parameter: click.Parameter, url: str | None) -> str | None:
    if url is not None and not re.match(r"^https?://[^/?#\s]+/?$", url):
        raise click.BadParameter("give the address browsers use, as https://HOST[:PORT]")
    return url.rstrip("/") if url else None


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="The address to listen on; any but loopback requires the token.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="The port to listen on; 0 picks a free one.")
@click.option(
    "--token",
    envvar=TOKEN_ENV,
    callback=_check_token,
    help=f"The secret browsers must give (also ${TOKEN_ENV}). Default: none on loopback without --public-url, else a new one, printed at start.",
)
@click.option("--public-url", callback=_check_public_url, help="Behind a proxy: the address browsers use (https://HOST[:PORT]).")
@library_option
@click.pass_context
def serve_command(context: click.Context, host: str, port: int, token: str | None, public_url: str | None, library: LibraryLocation | None) -> None:
    """Serve Brief in the browser: each tab is a session of its own on the library."""
    from tui.serve import ServeOptions, library_argument, needs_token, new_token, serve

    if token is None and (needs_token(host) or public_url is not None):
        token = new_token()  # behind a proxy, even on loopback, the server is reached from afar
    options = ServeOptions(host, port, token, library_argument(resolve_library(context, library)), public_url)
    try:
        serve(options)
    except OSError as error:
        raise click.ClickException(f"cannot listen on {host} port {port}: {error}") from None
