"""A library on a PostgreSQL server, for a team: the second `store.backend.LibraryBackend`.

`brief --library postgresql://USER@HOST[:PORT]/DB` (or `BRIEF_LIBRARY` set to such a URL) opens
one; the desk picks this backend by the URL's scheme (`store.desk.desk.backend_for`). See
`store.postgres.library` for how it is made.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from store.backend import DoctorReport
from store.errors import StoreError
from store.location import server_url

if TYPE_CHECKING:
    from store.postgres.library import PostgresLibrary


class PostgresBackend:
    """Libraries kept in a PostgreSQL database, named by URL."""

    name = "postgresql"

    def open(self, path: Path | str, *, lock_timeout: float = 5.0) -> PostgresLibrary:
        """Open (or create) the library at the URL `path` (see `PostgresLibrary.open`).

        `lock_timeout` is the folder's: rows are locked one at a time and briefly, so a writer
        waits for another rather than failing as busy."""
        from store.postgres.library import PostgresLibrary

        return PostgresLibrary.open(_url(path))

    def check(self, path: Path | str, *, repair: bool = False) -> DoctorReport:
        """Check the library at the URL `path` (see `store.postgres.doctor`)."""
        from store.postgres.doctor import check

        return check(_url(path), repair=repair)


def _url(path: Path | str) -> str:
    url = server_url(path)
    if url is None:
        raise StoreError(f"{path} is not a PostgreSQL URL (postgresql://USER@HOST[:PORT]/DATABASE)")
    return url


POSTGRES = PostgresBackend()
