"""Durability for the UI: one writer thread that saves edits in order and says how it is going.

The review screen applies an edit to its own copy at once and hands it here; `submit` never
blocks. `state` says, at any moment, what is true: "saved" only when every edit submitted has
been written and flushed to the disk, "saving" from the moment an edit is submitted until then. The writer applies queued edits through the library (lock, re-read, apply, atomic write),
batching consecutive edits of one briefing into one write. When the disk refuses (full,
read-only, no permission) or another Brief holds the lock, the edits stay queued in memory, the
state says "not-saved" with the reason, and the writer retries every one to two seconds until
they are on disk. An edit that can never apply (its briefing was deleted, or it no longer fits
the briefing) is reported and dropped, so it cannot block the edits behind it. Edits still
unsaved when the queue is closed are handed back by `unsaved`, to be kept elsewhere.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass

from briefings.edits import BriefingEdit, LibraryEdit
from store.errors import BriefingNotFound, EditRejected, ReadOnlyLibrary, StoreError
from store.backend import LibraryStore

#: First and longest wait between attempts while the disk refuses writes (seconds).
RETRY_FIRST = 0.5
RETRY_MAX = 2.0
#: Most edits written in one batch.
BATCH = 64
#: Longest wait, when closing, for the writer to stop (seconds).
JOIN_SECONDS = 1.0


@dataclass(frozen=True, slots=True)
class SaveState:
    """What the title bar shows.

    Attributes:
        status: "saved", "saving", "not-saved" (the reason says why; the edits are kept and
            retried), or "read-only" (set by the UI for a read-only library).
        pending: Edits not yet on disk.
        reason: Why not saved, in one line; "" otherwise.
    """

    status: str
    pending: int
    reason: str = ""


Item = tuple[str | None, BriefingEdit | LibraryEdit, str | None]
"""Which briefing (None: the library settings), the edit, and the article hash it was made against."""


class SaveQueue:
    """A single background writer applying edits to a library in the order submitted."""

    def __init__(self, library: LibraryStore, on_state: Callable[[SaveState], None]) -> None:
        """Start the writer.

        Args:
            library: Where edits go.
            on_state: Called from the writer thread whenever the state changes; it must not
                touch widgets (post a message instead).
        """
        self.library = library
        self._on_state = on_state
        self._items: deque[Item] = deque()
        self._changed = threading.Condition()
        self._writing = False
        self._closed = False
        self._failing = ""  # why the last attempt failed (the edits wait to be retried)
        self._dropped = ""  # which edit was dropped and why, until the next success
        self._single = 0  # after a rejected batch, edits go one by one to find the bad one
        self._thread = threading.Thread(target=self._run, name="brief-save-queue", daemon=True)
        self._thread.start()

    def submit(self, briefing_id: str | None, edit: BriefingEdit | LibraryEdit, *, article_hash: str | None = None) -> None:
        """Queue an edit of a briefing (or of the library settings when `briefing_id` is None).

        `article_hash` is the content hash of the article the edit was made against, when the
        edit names paragraphs of what was on screen (see `Library.apply_all`).

        Raises:
            ReadOnlyLibrary: The library is read-only.
            StoreError: The queue is closed.
        """
        if self.library.read_only:
            raise ReadOnlyLibrary()
        with self._changed:
            if self._closed:
                raise StoreError("the save queue is closed")
            self._items.append((briefing_id, edit, article_hash))
            self._changed.notify_all()

    @property
    def pending(self) -> int:
        """Edits not yet on disk."""
        with self._changed:
            return len(self._items)

    def pending_for(self, briefing_id: str | None) -> int:
        """Edits of one briefing (None: of the library settings) not yet on disk."""
        with self._changed:
            return sum(1 for target, _, _ in self._items if target == briefing_id)

    def state(self) -> SaveState:
        """What is true now: "saved" only when nothing submitted is still on its way to the disk."""
        with self._changed:
            pending = len(self._items)
            if self._failing and pending:
                return SaveState("not-saved", pending, self._failing)
            if pending or self._writing:
                return SaveState("saving", pending)
            if self._dropped:
                return SaveState("not-saved", 0, self._dropped)
            return SaveState("saved", 0)

    @property
    def refusing(self) -> bool:
        """True while the disk (or the lock) refuses writes and edits wait to be retried."""
        with self._changed:
            return bool(self._failing and self._items)

    def unsaved(self) -> list[Item]:
        """The edits not saved, in order; call after `close` (the writer has stopped)."""
        with self._changed:
            return list(self._items)

    def flush(self, timeout: float | None = None) -> bool:
        """Wait until everything submitted so far is on disk; False if `timeout` ran out first."""
        with self._changed:
            return self._changed.wait_for(lambda: not self._items and not self._writing, timeout)

    def close(self, timeout: float = 5.0) -> None:
        """Save what is queued (waiting up to `timeout` seconds), then stop the writer.

        Edits still unsaved after that (the disk still refuses) are left in `unsaved`: keep them
        somewhere (see `store.rescue`) or tell the analyst, or they are lost with the process.
        """
        self.flush(timeout)
        with self._changed:
            self._closed = True
            self._changed.notify_all()
        # A writer still busy (waiting for the lock, a disk that hangs) is left to finish: what it
        # had not saved is still in `unsaved`, and saving an edit twice changes nothing more.
        self._thread.join(timeout=JOIN_SECONDS)

    def _emit(self, state: SaveState) -> None:
        with suppress(Exception):  # a failing callback must not stop the saving
            self._on_state(state)

    def _take(self) -> list[Item] | None:
        """The next batch (consecutive edits of one target), or None when closing."""
        with self._changed:
            self._changed.wait_for(lambda: self._items or self._closed)
            if not self._items:
                return None
            target, _, article_hash = self._items[0]
            size = 1
            if target is not None and not self._single:
                while size < min(len(self._items), BATCH) and self._items[size][::2] == (target, article_hash):
                    size += 1
            self._writing = True
            return [self._items[i] for i in range(size)]

    def _done(self, count: int) -> int:
        with self._changed:
            for _ in range(count):
                self._items.popleft()
            self._single = max(0, self._single - count)
            self._writing = False
            self._changed.notify_all()
            return len(self._items)

    def _run(self) -> None:
        delay = RETRY_FIRST
        while (batch := self._take()) is not None:
            pending = self.pending
            self._emit(SaveState("saving", pending))
            target, _, article_hash = batch[0]
            try:
                if target is None:
                    self.library.apply_settings(batch[0][1])  # type: ignore[arg-type]
                else:
                    self.library.apply_all(target, [edit for _, edit, _ in batch], article_hash=article_hash)  # type: ignore[misc]
            except (EditRejected, BriefingNotFound, ReadOnlyLibrary) as error:
                if len(batch) > 1:
                    with self._changed:
                        self._single, self._writing = len(batch), False
                    continue
                with self._changed:
                    self._dropped = f"{batch[0][1].describe()} was not saved: {error}"
                left = self._done(1)
                self._emit(SaveState("not-saved", left, self._dropped))
                continue
            except Exception as error:  # the disk refused, the lock is busy, or something unforeseen
                with self._changed:
                    self._failing = str(error) or type(error).__name__
                    self._writing = False
                    self._changed.notify_all()
                self._emit(SaveState("not-saved", pending, self._failing))
                with self._changed:
                    self._changed.wait_for(lambda: self._closed, delay)
                    if self._closed:
                        return
                delay = min(delay * 2, RETRY_MAX)
                continue
            delay = RETRY_FIRST
            with self._changed:
                self._failing = self._dropped = ""
            left = self._done(len(batch))
            self._emit(SaveState("saved" if not left else "saving", left))
