"""Hearing of other Briefs' changes at once: LISTEN on a connection of its own, in one thread.

Every change to a briefing is announced, when its transaction commits, on `core.CHANNEL` with the
briefing's id and new revision. A library that is followed (`follow`) keeps one extra connection
that LISTENs, in a daemon thread that waits on the server's notifications (it wakes only when one
arrives, or every `WAKE` seconds to see whether it should stop): no polling of the server. What it
hears from other sessions moves the briefing's version on (`ServerCore.version`) and is handed to
the callbacks, so a face can refresh within milliseconds of another analyst's commit. A change to
the settings is announced as `store.backend.SETTINGS_CHANGED`.

A dropped listening connection is opened again (after a short wait that grows to a few seconds);
the thread ends, within `WAKE` seconds, when the last follower stops or the library is closed or
garbage-collected, and never keeps the process alive (a daemon).
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable
from typing import Any

from store.backend import Following
from store.postgres.core import CHANNEL, ServerCore

#: Seconds the thread waits for a notification before checking whether it should stop (a wait on
#: the socket: no traffic to the server).
WAKE = 0.5
RETRY_FIRST, RETRY_MAX = 0.2, 5.0


class Listener:
    """The listening thread of one library (see the module docstring)."""

    def __init__(self, url: str, heard: Callable[[str, int, int], bool]) -> None:
        self.url = url
        self._heard = heard
        self._stop = threading.Event()
        self.ready = threading.Event()
        self._thread = threading.Thread(target=self._run, name="brief: listen for other Briefs", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()

    def _run(self) -> None:
        from store.postgres.connection import open_connection

        delay = RETRY_FIRST
        while not self._stop.is_set():
            connection: Any = None
            try:
                connection = open_connection(self.url, autocommit=True)
                connection.execute(f"LISTEN {CHANNEL}")
                self.ready.set()
                delay = RETRY_FIRST
                while not self._stop.is_set():
                    for note in connection.notifies(timeout=WAKE):
                        briefing_id, _, revision = note.payload.partition(" ")
                        if not self._heard(briefing_id, int(revision or 0), note.pid):
                            self._stop.set()  # the library is gone
                            break
            except Exception:  # the server went away, or a notification not of ours: listen again
                self.ready.clear()
                self._stop.wait(delay)
                delay = min(delay * 2, RETRY_MAX)
            finally:
                if connection is not None:
                    connection.close()


class Listening(ServerCore):
    """Following other Briefs' changes (mixed into `store.postgres.library.PostgresLibrary`)."""

    _listener: Listener | None = None
    _followers: tuple[Callable[[str], None], ...] = ()
    _following = 0

    def follow(self, callback: Callable[[str], None] | None = None) -> Following:
        """Listen for other Briefs' changes until stopped (see `LibraryStore.follow`);
        `callback(briefing_id)` is called from the listening thread for each (None: only move
        the versions on). The listener is shared by every follower of this handle."""
        with self._state:
            if callback is not None:
                self._followers = (*self._followers, callback)
            self._following += 1
            if self._listener is None:
                reference = weakref.ref(self)

                def heard(briefing_id: str, revision: int, pid: int) -> bool:
                    library = reference()
                    if library is None:
                        return False
                    library._heard(briefing_id, revision, pid)
                    return True

                self._listener = Listener(self.url, heard)
                weakref.finalize(self, self._listener.stop)
            ready = self._listener.ready
        stopped = threading.Event()

        def stop() -> None:
            with self._state:
                if stopped.is_set():
                    return
                stopped.set()
                if callback is not None:
                    followers = list(self._followers)
                    followers.remove(callback)
                    self._followers = tuple(followers)
                self._following -= 1
                if self._following == 0 and self._listener is not None:
                    self._listener.stop()
                    self._listener = None

        return Following(stop, ready)

    def _heard(self, briefing_id: str, revision: int, pid: int) -> None:
        if pid == self._db.backend_pid:
            return  # our own change: not news here
        if revision:
            self._saw(briefing_id, revision, ours=False)
        with self._state:
            followers = self._followers
        for callback in followers:
            callback(briefing_id)

    def close(self) -> None:
        """Stop listening and close the connection."""
        if self._listener is not None:
            self._listener.stop()
        super().close()
