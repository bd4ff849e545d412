"""The core of a library folder: the lock, reading and writing briefing files, the index kept with them.

`store.library.Library` is made of this core and the parts built on it (`store.folder_open`
opens and checks a folder, `store.folder_text` searches it, `store.folder_cache` keeps the
extraction cache and the reading positions). See `store.library` for the design.

Reading never needs the lock. Methods may be called from several threads; the UI thread should
still leave disk work to workers (or to `SaveQueue`).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path

from briefings.briefing import Briefing, new_id
from briefings.history import HistoryEntry, entries, login_name
from store import recovery
from store.documents import briefing_from_db, history_from_db
from store.errors import BriefingDamaged, BriefingNotFound, CorruptFile, LibraryBusy, ReadOnlyLibrary, WriteFailed
from store.index import Index, IndexEntry
from store.journal import Journal
from store.layout import BRIEFING_ID, Layout
from store.snapshots import Snapshot, Snapshots, copy, derive, file_stamp
from store.snapshots import read as read_snapshot
from store.storage import fsync_dir, write_atomic
from store.textindex import TextIndex
from store.textlines import FILE, article_record, record


def folder_mtime(folder: Path) -> int:
    """The folder's modification time, which the index records to notice files added or removed."""
    return os.stat(folder).st_mtime_ns


class FolderCore:
    """A library folder's files and locking (see the module docstring).

    Attributes:
        path: The folder.
        read_only: True when a newer Brief wrote it; every change then raises `ReadOnlyLibrary`.
        analyst: Who this handle's changes are recorded as in the history (the login name
            unless the desk sets the configured name).
        warnings: Plain sentences for the analyst: quarantined or recovered files, read-only
            mode, migrations. New ones may be added after a `load` finds a damaged file.
    """

    def __init__(self, path: Path, lock_timeout: float) -> None:
        self.path = path
        self.layout = Layout(path)
        self.read_only = False
        self.warnings: list[str] = []
        self.analyst = login_name()
        # Imported when a library is opened (the app does that in a worker thread), not when the
        # store is imported on the app's way to its first frame: filelock also imports logging,
        # platform and decimal, several milliseconds in all.
        from filelock import FileLock

        self._lock = FileLock(self.layout.lock_file, timeout=lock_timeout, poll_interval=0.005)
        self._mutex = threading.RLock()
        self._index = Index(self.layout.index / "entries.jsonl")
        self._text = TextIndex(Journal(self.layout.index / FILE))
        self._snapshots = Snapshots()
        self._versions: dict[str, int] = {}
        self._versions_lock = threading.Lock()


    # Locking

    @contextmanager
    def _locked(self) -> Iterator[None]:
        """Hold the library lock (and this process's mutex), with the index brought up to date."""
        from filelock import Timeout  # loaded by __init__ already; see there
        if self.read_only:
            raise ReadOnlyLibrary()
        try:
            self._lock.acquire()
        except Timeout:
            raise LibraryBusy() from None
        except OSError as error:
            raise WriteFailed(self.layout.lock_file, error) from error
        try:
            with self._mutex:
                self._index.refresh()
                yield
        finally:
            self._lock.release()

    # Reading and writing briefings

    def _path(self, briefing_id: str) -> Path:
        if not isinstance(briefing_id, str) or not BRIEFING_ID.match(briefing_id):
            raise BriefingNotFound(str(briefing_id))
        return self.layout.briefing(briefing_id)

    def _snapshot(self, briefing_id: str, *, locked: bool, indexing: bool = False) -> Snapshot:
        """A briefing as it is on disk now: this process's snapshot of it while the file is still
        the one it last read or wrote, else read again (see `store.snapshots`). A damaged file is
        quarantined and recovered (under the lock)."""
        path = self._path(briefing_id)
        previous = self._snapshots.get(briefing_id)
        if previous is not None and previous.is_current(path):
            return previous
        try:
            snapshot = read_snapshot(path, briefing_id, previous)
        except FileNotFoundError:
            raise BriefingNotFound(briefing_id) from None
        except CorruptFile as error:
            if self.read_only:
                raise
            if not locked:
                with self._locked():
                    return self._snapshot(briefing_id, locked=True)
            return self._recover(briefing_id, path, error, indexing=indexing)
        self._snapshots.put(briefing_id, snapshot)
        with self._versions_lock:
            self._versions[briefing_id] = self._versions.get(briefing_id, 0) + 1
        return snapshot

    def _read(self, briefing_id: str, *, locked: bool) -> Briefing:
        """Read a briefing: a copy the caller may change."""
        return copy(self._snapshot(briefing_id, locked=locked).briefing)

    def _recover(self, briefing_id: str, path: Path, error: CorruptFile, *, indexing: bool) -> Snapshot:
        entry = self._index.entry(briefing_id)
        what = f"briefing {entry.title[:60]!r}" if entry else f"briefing file {path.name}"
        held = self._snapshots.get(briefing_id)
        # The briefing with its history, so that a copy brought back keeps its history too.
        recovered, message = recovery.recover(
            self.layout,
            path,
            error,
            f"briefings/{briefing_id}",
            what,
            lambda data: (briefing_from_db(data, path), history_from_db(data, path)),
            kept=(copy(held.briefing), held.history) if held is not None else None,
            newer=lambda one, other: one[0].updated > other[0].updated,
        )
        self.warnings.append(message)
        if recovered is None:
            self._snapshots.drop(briefing_id)
            if not indexing:
                self._index.remove(briefing_id, folder_mtime(self.layout.briefings))
            raise BriefingDamaged(briefing_id, message)
        briefing, history = recovered
        briefing.id = briefing_id
        return self._write(briefing, history, index=not indexing)

    def _history_after(self, briefing_id: str, edits: Sequence[object] = (), added: Sequence[HistoryEntry] = ()) -> tuple[HistoryEntry, ...]:
        """A briefing's history as it is on disk now (none for a new one), with entries for
        `edits` made by this handle's analyst and `added` after it (under the lock)."""
        try:
            current = self._snapshot(briefing_id, locked=True).history
        except BriefingNotFound:
            current = ()
        return current + tuple(entries(edits, self.analyst)) + tuple(added)

    def _write(self, briefing: Briefing, history: tuple[HistoryEntry, ...], *, index: bool = True) -> Snapshot:
        """Write a briefing with its whole history atomically and record it in the index (under
        the lock). The history is in the briefing's own file, so a change and its history entry
        land together or not at all (see `store.documents`).

        Only what changed since this process last read or wrote the briefing is encoded again
        (history entries are appended to the bytes held). The new snapshot keeps `briefing`:
        the caller must not change it afterwards.
        """
        path = self.layout.briefing(briefing.id)
        new = derive(briefing, self._snapshots.get(briefing.id), history)
        self._replace(path, new.encoded.parts(), f"briefings/{briefing.id}", briefing_id=briefing.id if index else None)
        try:
            stamp = file_stamp(os.stat(path))
        except OSError:
            stamp = (-1, -1, -1)  # written, but not known to be ours: the next use reads it
        snapshot = new.written(stamp)
        self._snapshots.put(briefing.id, snapshot)
        if not index:
            # Rebuilding the index: it is compacted afterwards, and re-checked if that never happens.
            return snapshot
        key = snapshot.text_key
        before = self._index.rows.get(briefing.id)
        try:
            self._index.put(snapshot.entry(), key, stamp[:2], folder_mtime(self.layout.briefings))
            if before is None or before.text_key != key:
                content = briefing.article.content_hash
                if before is None or before.entry.content_hash != content or (self._text.loaded and not self._text.has_article(content)):
                    self._text.put(article_record(briefing.article))
                self._text.put(record(briefing, key))
        except (WriteFailed, OSError):
            # The briefing is saved; only the derived index lags. The intent left in the journal
            # makes the next open re-read this file.
            self._index.damaged = True
        return snapshot

    def pin(self, briefing_id: str) -> None:
        """Keep this process's latest version of a briefing in memory until `unpin`.

        A window pins the briefing it shows: should the file be found damaged, the version this
        process last read or wrote (the window's, short of edits still queued, which are then
        applied to it) is written back, never an older backup, and the briefing is never lost.
        """
        self._snapshots.pin(briefing_id)

    def unpin(self, briefing_id: str) -> None:
        """Undo one `pin`."""
        self._snapshots.unpin(briefing_id)

    def _replace(self, path: Path, data: bytes | Sequence[bytes], backup_key: str, *, briefing_id: str | None = None) -> None:
        """Write a file atomically (under the lock), its old version becoming its backup, and for
        a briefing, the index told first (`briefing_id`).

        Both happen only once the new version is safely in its temp file, and are taken back if
        the disk then refuses the rename: a write that fails changes nothing at all.
        """
        staged: recovery.StagedBackup | None = None
        intent: int | None = None

        def about_to_replace() -> None:
            nonlocal staged, intent
            if briefing_id is not None:
                intent = self._index.begin(briefing_id)
            staged = recovery.stage_backup(self.layout, path, backup_key)

        replaced = False
        try:
            write_atomic(path, data, before_replace=about_to_replace)
            replaced = True
        except WriteFailed as error:
            replaced = error.replaced
            raise
        finally:
            if staged is not None:
                staged.commit() if replaced else staged.drop()
            if intent is not None and not replaced:
                with suppress(WriteFailed):
                    self._index.cancel(briefing_id, intent)  # type: ignore[arg-type]

    def load(self, briefing_id: str) -> Briefing:
        """Read a briefing from disk.

        Raises:
            BriefingNotFound: No such briefing (or its file was damaged beyond recovery).
        """
        return self._read(briefing_id, locked=False)

    def history(self, briefing_id: str, *, trashed: bool = False) -> list[HistoryEntry]:
        """Who changed a briefing when, oldest first (empty for one last changed before
        Brief kept histories); `trashed`: one in the trash (for moving a library).

        Raises:
            BriefingNotFound: No such briefing.
        """
        if not trashed:
            return list(self._snapshot(briefing_id, locked=False).history)
        if not BRIEFING_ID.match(briefing_id):
            raise BriefingNotFound(briefing_id)
        try:
            return list(read_snapshot(self.layout.trashed(briefing_id), briefing_id, None).history)
        except FileNotFoundError:
            raise BriefingNotFound(briefing_id) from None

    def version(self, briefing_id: str) -> int:
        """A number that moves on whenever this process reads a version of the briefing that it
        did not write itself: one written by another window or by `brief import`.

        A window showing the briefing keeps the number it loaded with; when it differs, the
        window is stale and loads the briefing again. The file is checked (one `stat`) and read
        when it changed, so call this from a worker.

        Raises:
            BriefingNotFound: The briefing is gone (deleted in another window, say).
        """
        self._snapshot(briefing_id, locked=False)
        with self._versions_lock:
            return self._versions.get(briefing_id, 0)


    def _read_quietly(self, briefing_id: str) -> Briefing | None:
        try:
            return self._read(briefing_id, locked=True)
        except BriefingNotFound:
            return None

    def _new_id(self) -> str:
        while True:
            briefing_id = new_id()
            if briefing_id not in self._index.rows and not self.layout.briefing(briefing_id).exists():
                return briefing_id

    # Listing, search, questions

    def entries(self) -> list[IndexEntry]:
        """Every briefing's index entry (from the derived index; no briefing file is read)."""
        with self._mutex:
            self._index.refresh()
            return self._index.entries()

    def entry(self, briefing_id: str) -> IndexEntry | None:
        """One briefing's index entry, or None."""
        with self._mutex:
            self._index.refresh()
            return self._index.entry(briefing_id)


    def _move(self, source: Path, target: Path) -> None:
        try:
            os.replace(source, target)
            fsync_dir(source.parent)
            fsync_dir(target.parent)
        except OSError as error:
            raise WriteFailed(source, error) from error

