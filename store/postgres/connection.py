"""Talking to the PostgreSQL server: where it is (without the password), connecting with errors an
analyst can act on, and one connection per open library that reconnects after a drop.

A library on a server is named by a URL, `postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE`.
The password never appears in messages, in `where`, or in the local folder named after it.

`Connection` is used by one open library from any thread (one at a time: it holds a lock). A
connection the server dropped (a restart, a network fault) is noticed when it is next used,
closed and opened again, so a library outlives its server's restarts. What fails mid-write
raises `WriteFailed` with the reason, which the save queue shows and retries; what fails while
reading is retried once on a new connection, then raises `StoreError`.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import unquote, urlsplit

from store.errors import StoreError, WriteFailed
from store.location import where

T = TypeVar("T")

#: Seconds to wait for the server to answer a connection attempt.
CONNECT_TIMEOUT = 10


def database_name(url: str) -> str:
    return unquote(urlsplit(url).path.lstrip("/")) or "(the user's default)"


def local_folder(url: str) -> Path:
    """The local folder kept for a server library: recovery files (`store.rescue`) are kept by it.

    It is the user data folder's `servers/` folder, one folder per library named after its URL
    without the password ("postgres@db.example.org_5432_team"), so that changes a Brief could
    not save on one server are offered back when that same library is next opened, from any
    working directory, and never to another library.
    """
    import platformdirs

    name = re.sub(r"[^A-Za-z0-9@._-]+", "_", where(url).removeprefix("postgresql://")).strip("_")
    return platformdirs.user_data_path("brief") / "servers" / (name or "server")


def reason(error: Exception) -> str:
    """The first line of what the driver or the server said, without its noise."""
    text = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    text = re.sub(r'^connection failed: (connection to server at "[^"]*" \([^)]*\), port \d+ failed: )?', "", text)
    return text.strip() or type(error).__name__


def connect_error(url: str, error: Exception) -> StoreError:
    """A connection refused, as one line that says what to do."""
    said = reason(error)
    lowered = str(error).lower()
    place = where(url)
    if "database" in lowered and "does not exist" in lowered:
        name = database_name(url)
        return StoreError(f"the database {name!r} does not exist on {place}; create it (createdb {name}) or check the URL")
    if "authentication" in lowered or "password" in lowered or "role" in lowered and "does not exist" in lowered:
        return StoreError(f"the PostgreSQL server refused the login for {place}: {said}")
    if "refused" in lowered or "could not connect" in lowered or "timeout" in lowered or "no route" in lowered or "translate host" in lowered or "resolve" in lowered:
        return StoreError(f"cannot reach the PostgreSQL server for {place} ({said}); is it running, and is the address right?")
    return StoreError(f"cannot open the library {place}: {said}")


def open_connection(url: str, *, autocommit: bool = False) -> Any:
    """A new connection to the server, or `StoreError` saying why not."""
    import psycopg

    try:
        return psycopg.connect(url, autocommit=autocommit, connect_timeout=CONNECT_TIMEOUT, application_name="brief")
    except psycopg.Error as error:
        raise connect_error(url, error) from None


class Connection:
    """One open library's connection to its server (see the module docstring). Thread-safe."""

    def __init__(self, url: str) -> None:
        self.url = url
        self._lock = threading.RLock()
        self._connection: Any = open_connection(url)

    def _live(self) -> Any:
        if self._connection is None or self._connection.closed or self._connection.broken:
            if self._connection is not None:
                self._connection.close()
            self._connection = None
            self._connection = open_connection(self.url)
        return self._connection

    def _drop(self) -> None:
        if self._connection is not None:
            try:
                self._connection.close()
            finally:
                self._connection = None

    @contextmanager
    def writing(self, what: str) -> Iterator[Any]:
        """A transaction for a change: committed when the block ends; a server that fails
        (stopped, unreachable, dropped the connection) raises `WriteFailed` naming `what`, and
        the change is not made. A connection found dropped before the change began is opened
        again at once."""
        import psycopg

        broken = (psycopg.OperationalError, psycopg.InterfaceError)
        with self._lock, ExitStack() as stack:
            for attempt in (1, 2):
                try:
                    connection = self._live()
                    stack.enter_context(connection.transaction())
                    break
                except StoreError as error:
                    raise WriteFailed(what, OSError(0, str(error))) from None
                except broken as error:
                    stack.pop_all()
                    self._drop()
                    if attempt == 2:
                        raise WriteFailed(what, OSError(0, f"the PostgreSQL server failed ({reason(error)})")) from None
            try:
                yield connection
                stack.close()  # the commit
            except broken as error:
                stack.pop_all()  # nothing to roll back on a connection that is gone
                self._drop()
                raise WriteFailed(what, OSError(0, f"the PostgreSQL server failed ({reason(error)})")) from None

    def reading(self, read: Callable[[Any], T]) -> T:
        """What `read(connection)` returns, read in one transaction; retried once on a new
        connection when the old one was dropped. Raises `StoreError` when the server fails."""
        import psycopg

        with self._lock:
            for attempt in (1, 2):
                try:
                    connection = self._live()
                    with connection.transaction():
                        return read(connection)
                except (psycopg.OperationalError, psycopg.errors.InterfaceError) as error:
                    self._drop()
                    if attempt == 2:
                        raise StoreError(f"the PostgreSQL server for {where(self.url)} failed: {reason(error)}") from None
            raise AssertionError("unreachable")

    @property
    def backend_pid(self) -> int:
        """The server process of this connection (0 when there is none): what a notification
        names as its sender."""
        connection = self._connection
        try:
            return connection.info.backend_pid if connection is not None and not connection.closed else 0
        except Exception:
            return 0

    def close(self) -> None:
        with self._lock:
            if self._connection is not None:
                self._connection.close()
                self._connection = None
