"""Where a library is: a folder, or a library on a PostgreSQL server named by its URL.

The command line, `$BRIEF_LIBRARY` and `brief serve` hand a location on as given, a URL as a
string: passed through `pathlib.Path`, `postgresql://user@host/db` would lose a slash and, made
absolute, become a folder under the working directory. Messages show a location with
`location_label`, which never shows a server's password.

Imports nothing heavier than the standard library: the command line converts `--library` with it
at every start.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import unquote, urlsplit

#: A library folder, or the URL of a library on a PostgreSQL server.
LibraryLocation = Path | str

SCHEMES = ("postgresql://", "postgres://")


def server_url(location: object) -> str | None:
    """The server URL `location` names, or None when it names a folder.

    A URL that went through `pathlib.Path` on its way here lost a slash ("postgresql:/user@host/db"):
    it is put back.
    """
    text = str(location)
    for scheme in SCHEMES:
        if text.startswith(scheme):
            return text
        collapsed = scheme[:-1]
        if text.startswith(collapsed) and not text.startswith(scheme):
            return scheme + text[len(collapsed) :]
    return None


def where(url: str) -> str:
    """The URL without its password: what messages and listings show."""
    parts = urlsplit(url)
    user = unquote(parts.username or "")
    host = parts.hostname or "localhost"
    port = f":{parts.port}" if parts.port else ""
    return f"postgresql://{user + '@' if user else ''}{host}{port}{parts.path}"


def library_location(given: str | Path) -> LibraryLocation:
    """What a user's `--library` or `$BRIEF_LIBRARY` names: a server URL kept as a string, else a
    folder (with `~` expanded)."""
    url = server_url(given)
    return url if url is not None else Path(given).expanduser()


def location_label(location: LibraryLocation) -> str:
    """A location as messages show it: a folder's path, a server URL without its password."""
    url = server_url(location)
    return where(url) if url is not None else str(location)


def default_library_location() -> LibraryLocation:
    """$BRIEF_LIBRARY if set (a folder or a server URL), else the platform's user data folder
    (…/brief/library)."""
    override = os.environ.get("BRIEF_LIBRARY")
    if override:
        return library_location(override)
    import platformdirs  # here, not at the top: with --library or $BRIEF_LIBRARY it is not needed

    return platformdirs.user_data_path("brief") / "library"
