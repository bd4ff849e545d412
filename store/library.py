"""The library: a folder of small atomic TinyDB files, shared safely by several Brief processes.

Every change takes the library lock, re-reads what it changes from disk, applies the edit (a
delta), writes the file atomically and records the result in the derived index, then releases the
lock. Two windows on one library therefore merge their work instead of overwriting it, and a
process killed at any moment leaves every file either old or new. The re-read costs next to
nothing while the file is still the one this process last read or wrote, and the write encodes
only what changed (see `store.snapshots`), so an edit costs the same on a 20-paragraph and a
20,000-paragraph article.

Reading never needs the lock. Methods may be called from several threads; the UI thread should
still leave disk work to workers (or to `SaveQueue`).
"""

from __future__ import annotations

import hashlib
import os
import re
import threading
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

from briefings.anchors import rebase
from briefings.briefing import Briefing, Question, new_id, now_iso
from briefings.edits import BriefingEdit, LibraryEdit, LibrarySettings
from briefings.extraction.model import Extraction
from briefings.model import Article
from briefings.taxonomy import DEFAULT_TAGS
from store import imports, recovery
from store.documents import (
    briefing_from_db,
    briefing_to_db,
    extraction_from_db,
    extraction_to_db,
    meta_from_db,
    meta_to_db,
    settings_from_db,
    settings_to_db,
)
from store.errors import BriefingNotFound, CorruptFile, LibraryBusy, ReadOnlyLibrary, StoreError, WriteFailed
from store.index import Index, IndexEntry, entry_for, stamp_of
from store.journal import Journal
from store.layout import BRIEFING_ID, SCHEMA, Layout
from store.migrations import migrate
from store.positions import read_positions, write_positions
from store.snapshots import Snapshot, Snapshots, copy, derive, editable, file_stamp
from store.snapshots import read as read_snapshot
from store.storage import encode, fsync_dir, is_temp, kind_of, make_folders, read_db, temp_owner, write_atomic
from store.textindex import FILE, OLD_FILES, Query, SearchHit, TextIndex, article_record, hit, record, segments, text_key

#: Names that show a folder is a Brief library (of any schema).
_LIBRARY_MARKS = ("library.json", "briefings", "articles", "settings.json", "index")
_PIPELINE = re.compile(r"[^A-Za-z0-9_.-]+")


def default_library_path() -> Path:
    """$BRIEF_LIBRARY if set, else the platform's user data folder (…/brief/library)."""
    override = os.environ.get("BRIEF_LIBRARY")
    if override:
        return Path(override).expanduser()
    import platformdirs  # here, not at the top: with --library or $BRIEF_LIBRARY it is not needed

    return platformdirs.user_data_path("brief") / "library"


class BriefingDamaged(BriefingNotFound):
    """The briefing's file was damaged beyond recovery (it is in quarantine)."""

    def __init__(self, briefing_id: str, message: str) -> None:
        super().__init__(briefing_id)
        self.args = (message,)


class EditRejected(StoreError):
    """An edit that cannot apply to the briefing as it is on disk (retrying will not help)."""


@dataclass(frozen=True, slots=True)
class ImportResult:
    """What importing an article did.

    Attributes:
        id: The briefing it is now (new, updated or the existing duplicate).
        status: "imported", "updated" or "duplicate".
        orphans: Annotations, and paragraph links of questions and judgments, that this import
            could not re-attach (kept as orphans).
    """

    id: str
    status: str
    orphans: int = 0


def _folder_mtime(folder: Path) -> int:
    return os.stat(folder).st_mtime_ns


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class Library:
    """One library folder. Open it with `Library.open`.

    Attributes:
        path: The folder.
        read_only: True when a newer Brief wrote it; every change then raises `ReadOnlyLibrary`.
        warnings: Plain sentences for the analyst: quarantined or recovered files, read-only
            mode, migrations. New ones may be added after a `load` finds a damaged file.
    """

    def __init__(self, path: Path, lock_timeout: float) -> None:
        self.path = path
        self.layout = Layout(path)
        self.read_only = False
        self.warnings: list[str] = []
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

    # Opening

    @classmethod
    def open(cls, path: Path, *, lock_timeout: float = 5.0) -> Library:
        """Open (or create) the library in `path`.

        Migrates an older schema (after a backup), opens a newer one read-only, removes temp files
        left by dead processes and checks the index against the files. Damaged files are
        quarantined and reported in `warnings`; they never stop the library from opening.

        Raises:
            LibraryBusy: Another Brief held the lock for longer than `lock_timeout` seconds.
            StoreError: The folder cannot be created or is not a folder.
        """
        library = cls(Path(path).expanduser().absolute(), lock_timeout)
        library._open()
        return library

    def _open(self) -> None:
        if self.path.exists() and not self.path.is_dir():
            raise StoreError(f"{self.path} is not a folder")
        try:
            # Synced into its parent before anything in it is written, or a power cut could take
            # the folder, and every file synced into it, away.
            make_folders(self.path)
        except OSError as error:
            raise StoreError(f"cannot create the library folder {self.path}: {error.strerror}") from None
        if not any((self.path / name).exists() for name in _LIBRARY_MARKS):
            # A new library, or one whose creation was cut short (only Brief's lock and temp
            # files in it: housekeeping removes those), opens as new; anything else is not ours.
            others = [name for name in os.listdir(self.path) if name != self.layout.lock_file.name and not is_temp(name)]
            if others:
                raise StoreError(f"{self.path} is not a Brief library and not empty; choose a new or empty folder")
        if (self._peek_schema() or 0) > SCHEMA:
            self._open_read_only()
            return
        with suppress(OSError):
            self._clear_lock_file()
        try:
            with self._locked():
                self._housekeep()
        except (WriteFailed, PermissionError) as error:
            reason = error.error.strerror if isinstance(error, WriteFailed) else error.strerror
            self.warnings.append(f"the library folder cannot be written ({reason}); changes will not be saved until it can")
            with self._mutex:
                self._index.refresh()

    # Odd shapes: something other than a folder where the library keeps a folder, or other than a
    # file where it keeps a file. Each is moved to quarantine/ (never deleted) and reported.

    def _set_aside(self, path: Path, what: str, then: str) -> None:
        kind = kind_of(os.stat(path).st_mode) if path.exists() else "a broken link"
        moved = recovery.quarantine(self.layout, path)
        self.warnings.append(f"{what} was {kind}, which Brief does not expect there; it was moved to {moved.relative_to(self.path)} and {then}")

    def _clear_lock_file(self) -> None:
        """A folder (say) where the lock file goes would stop every write: set it aside first.

        No Brief can hold a lock on something that is not a file, so this needs no lock."""
        lock = self.layout.lock_file
        if os.path.lexists(lock) and not lock.is_file():
            self._clear_folders(quarantine_only=True)
            self._set_aside(lock, "the lock file library.lock", "a new one was made")

    def _clear_folders(self, *, quarantine_only: bool = False) -> None:
        """Set aside whatever is where a library folder should be and is not a folder."""
        folder = self.layout.quarantine
        if os.path.lexists(folder) and not folder.is_dir():
            # It cannot be moved into itself: aside first, then into the new quarantine/.
            aside = self.path / f".quarantine.{os.getpid()}.in-the-way"
            os.replace(folder, aside)
            make_folders(folder)
            moved = recovery.quarantine(self.layout, aside, name="quarantine")
            self.warnings.append(f"quarantine was not a folder; it was moved to {moved.relative_to(self.path)} and a new folder was made")
        if quarantine_only:
            return
        for folder in self.layout.folders():
            if os.path.lexists(folder) and not folder.is_dir():
                self._set_aside(folder, f"the library folder {folder.name}/", "a new folder was made")

    def _peek_schema(self) -> int | None:
        try:
            return int(meta_from_db(read_db(self.layout.store_file))["schema"])
        except (OSError, CorruptFile):
            return None

    def _open_read_only(self) -> None:
        self.read_only = True
        self.warnings.append("this library was written by a newer version of Brief: it is open read-only; update Brief to change it")
        with self._mutex:
            self._index.refresh()
            if not self._index.loaded:
                # The newer index may differ: read what can be read, in memory only.
                for path in sorted(self.layout.briefings.glob("*.json")):
                    with suppress(CorruptFile, OSError):
                        briefing = briefing_from_db(read_db(path), path)
                        self._index.set(entry_for(briefing), text_key(briefing), stamp_of(path))

    def _housekeep(self) -> None:
        """Under the lock: schema, folders, leftover temp files, and the index against the files."""
        self._clear_folders()
        schema = self._read_schema()
        if schema > SCHEMA:
            self._open_read_only()
            return
        if schema < SCHEMA:
            migrate(self.layout, schema, self.warnings)
        for folder in self.layout.folders():
            make_folders(folder)
        for journal in (self._index.journal.path, self._text.journal.path):
            if os.path.lexists(journal) and not journal.is_file():
                self._set_aside(journal, f"the library index file index/{journal.name}", "it is rebuilt")
        for folder in (self.path, self.layout.index, self.layout.backups, self.layout.backups / "briefings"):
            self._remove_temp_files(folder, any_owner=True)
        for name in OLD_FILES:  # a text index in an earlier format: rebuilt on the first search
            with suppress(OSError):
                os.unlink(self.layout.index / name)
        self._remove_temp_files(self.layout.extractions, any_owner=False)
        index = self._index
        if not index.loaded or index.intents or index.damaged or index.folder_mtime != _folder_mtime(self.layout.briefings):
            self._verify_index()
        elif index.needs_compaction:
            index.compact(_folder_mtime(self.layout.briefings))

    def _read_schema(self) -> int:
        store_file = self.layout.store_file
        try:
            return int(meta_from_db(read_db(store_file), store_file)["schema"])
        except FileNotFoundError:
            reason = "missing"
        except CorruptFile as error:
            moved = recovery.quarantine(self.layout, store_file)
            reason = f"damaged ({error.reason}); the damaged file is kept in {moved.relative_to(self.path)}"
        # An old library has articles/; one of this schema has briefings/; else it is new.
        schema = 1 if (self.path / "articles").is_dir() else SCHEMA
        if reason != "missing" or any(self.layout.briefings.glob("*.json")):
            self.warnings.append(f"the library's store file was {reason}; it was recreated (schema {schema})")
        write_atomic(store_file, encode(meta_to_db(schema, now_iso())))
        return schema

    def _remove_temp_files(self, folder: Path, *, any_owner: bool) -> None:
        """Remove temp files of writers that died. Under the lock every writer of `folder` is gone
        when `any_owner` (the lock guards it); otherwise only files of dead processes go."""
        try:
            names = os.listdir(folder)
        except FileNotFoundError:
            return
        for name in names:
            if is_temp(name) and (any_owner or not _pid_alive(temp_owner(name) or 0)):
                with suppress(OSError):
                    os.unlink(folder / name)

    def _verify_index(self) -> None:
        """Compare every briefing file's stamp with its index row and re-read what differs."""
        index = self._index
        present: dict[str, tuple[int, int]] = {}
        odd: list[str] = []
        with os.scandir(self.layout.briefings) as scan:
            for item in scan:
                if is_temp(item.name):
                    with suppress(OSError):
                        os.unlink(item.path)
                elif item.name.endswith(".json") and BRIEFING_ID.match(item.name[:-5]):
                    if item.is_file():
                        status = item.stat()
                        present[item.name[:-5]] = (status.st_mtime_ns, status.st_size)
                    else:
                        odd.append(item.name[:-5])
        for briefing_id in odd:
            # A folder or a named pipe named as a briefing: quarantined and recovered (from its
            # backup) like any damaged file, and reported, rather than silently left out.
            with suppress(BriefingNotFound):
                present[briefing_id] = self._snapshot(briefing_id, locked=True, indexing=True).stamp[:2]
        for briefing_id in [briefing_id for briefing_id in index.rows if briefing_id not in present]:
            index.rows.pop(briefing_id)
        unreadable = False
        for briefing_id, stamp in present.items():
            if index.stamp(briefing_id) != stamp or briefing_id in index.intents:
                try:
                    snapshot = self._snapshot(briefing_id, locked=True, indexing=True)
                except BriefingNotFound:
                    index.rows.pop(briefing_id, None)
                    continue
                except OSError as error:
                    # One unreadable file (a disk error, its permissions) must not stop the library
                    # from opening: it keeps its row, if it had one, and is read again next time.
                    listed = "is listed as it was" if briefing_id in index.rows else "is not listed"
                    self.warnings.append(f"briefing file {briefing_id}.json cannot be read ({error.strerror or error}); it {listed} until it can be")
                    unreadable = True
                    continue
                index.set(snapshot.entry(), snapshot.text_key, snapshot.stamp[:2])
        # With a file left unread, a folder time that never matches has the next open check again.
        index.compact(0 if unreadable else _folder_mtime(self.layout.briefings))

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
        recovered, message = recovery.recover(
            self.layout,
            path,
            error,
            f"briefings/{briefing_id}",
            what,
            lambda data: briefing_from_db(data, path),
            kept=copy(held.briefing) if held is not None else None,
            newer=lambda one, other: one.updated > other.updated,
        )
        self.warnings.append(message)
        if recovered is None:
            self._snapshots.drop(briefing_id)
            if not indexing:
                self._index.remove(briefing_id, _folder_mtime(self.layout.briefings))
            raise BriefingDamaged(briefing_id, message)
        recovered.id = briefing_id
        return self._write(recovered, index=not indexing)

    def _write(self, briefing: Briefing, *, index: bool = True) -> Snapshot:
        """Write a briefing atomically and record it in the index (under the lock).

        Only what changed since this process last read or wrote the briefing is encoded again.
        The new snapshot keeps `briefing`: the caller must not change it afterwards.
        """
        path = self.layout.briefing(briefing.id)
        new = derive(briefing, self._snapshots.get(briefing.id))
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
            self._index.put(snapshot.entry(), key, stamp[:2], _folder_mtime(self.layout.briefings))
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

    def apply(self, briefing_id: str, edit: BriefingEdit) -> None:
        """Apply one edit to a briefing on disk, durably, merging with other writers."""
        self.apply_all(briefing_id, [edit])

    def apply_all(self, briefing_id: str, edits: Sequence[BriefingEdit], *, article_hash: str | None = None) -> None:
        """Apply several edits to one briefing in one write (in order, all or none).

        Args:
            briefing_id: The briefing.
            edits: The edits, in order.
            article_hash: The content hash of the article the edits were made against. Edits
                name paragraphs by number, so when a re-import has changed the article since,
                they are refused rather than put on whatever paragraph now has that number.

        Raises:
            BriefingNotFound: The briefing is gone.
            EditRejected: An edit does not fit the briefing on disk, or the article changed.
            WriteFailed: The disk refused; nothing changed on disk.
            LibraryBusy, ReadOnlyLibrary: See `StoreError`.
        """
        with self._locked():
            briefing = editable(self._snapshot(briefing_id, locked=True))
            if article_hash is not None and briefing.article.content_hash != article_hash:
                raise EditRejected("the article was changed by an import since this window showed it")
            for edit in edits:
                try:
                    edit.apply(briefing)
                except (IndexError, KeyError, ValueError, TypeError) as error:
                    raise EditRejected(f"could not apply {edit.describe()}: {error}") from None
            briefing.updated = now_iso()
            self._write(briefing)

    # Import

    def add_article(self, article: Article) -> ImportResult:
        """Add an article: new, an update of one already here, or a duplicate (see `store.imports`)."""
        with self._locked():
            duplicate = imports.same_content(article, self._index.entries())
            if duplicate is not None:
                return ImportResult(duplicate.id, "duplicate")
            previous = imports.previous_version(article, self._index.entries(), self._read_quietly)
            if previous is not None:
                rebased, orphaned = rebase(previous, article)
                rebased.updated = now_iso()
                self._write(rebased)
                return ImportResult(rebased.id, "updated", orphaned)
            now = now_iso()
            briefing = Briefing(id=self._new_id(), article=article, imported=now, updated=now)
            self._write(briefing)
            return ImportResult(briefing.id, "imported")

    def add_briefing(self, briefing: Briefing) -> ImportResult:
        """Add a briefing with its annotations (a JSON export re-imported); nothing is dropped.

        A briefing already here (same id, or recognised as the same article) is merged with the
        incoming one (see `store.imports.merge`); its id is kept.
        """
        with self._locked():
            existing = None
            if BRIEFING_ID.match(briefing.id) and briefing.id in self._index.rows:
                existing = self._read_quietly(briefing.id)
            if existing is None:
                entries = self._index.entries()
                same = imports.same_content(briefing.article, entries)
                existing = self._read_quietly(same.id) if same else None
                existing = existing or imports.previous_version(briefing.article, entries, self._read_quietly)
            if existing is None:
                incoming = copy(briefing)
                if not BRIEFING_ID.match(incoming.id) or self.layout.briefing(incoming.id).exists():
                    incoming.id = self._new_id()
                incoming.imported = incoming.imported or now_iso()
                self._write(incoming)
                return ImportResult(incoming.id, "imported", 0)
            merged, orphaned = imports.merge(existing, briefing)
            if briefing_to_db(merged) == briefing_to_db(existing):
                return ImportResult(existing.id, "duplicate", 0)
            merged.updated = now_iso()
            self._write(merged)
            return ImportResult(merged.id, "updated", orphaned)

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

    def _text_keys(self) -> dict[str, str]:
        return {briefing_id: row.text_key for briefing_id, row in self._index.rows.items()}

    def _sync_text(self) -> dict[str, IndexEntry]:
        """Bring the text index up to date with the listing index; returns the entries by id.

        Lines that are missing or stale (a writer died between its two appends, or the file is
        new or was lost) are recomputed from the briefing files and appended; a file that is
        mostly missing or mostly superseded lines is rewritten.
        """
        with self._mutex:
            self._index.refresh()
            self._text.refresh()
            stale = self._text.stale(self._text_keys())
        if stale and self.read_only:
            for briefing_id in stale:
                with suppress(StoreError):
                    snapshot = self._snapshot(briefing_id, locked=False)
                    with self._mutex:
                        for line in self._text_lines(snapshot):
                            self._text.remember(line)
        elif stale or self._text.needs_compaction:
            with suppress(LibraryBusy, WriteFailed), self._locked():
                self._text.refresh()
                stale = self._text.stale(self._text_keys())
                rewrite = len(stale) > len(self._text.records) or self._text.needs_compaction
                for briefing_id in stale:
                    try:
                        snapshot = self._snapshot(briefing_id, locked=True)
                    except StoreError:
                        continue
                    if snapshot.text_key != self._index.text_key(briefing_id):
                        self._index.put(snapshot.entry(), snapshot.text_key, snapshot.stamp[:2], _folder_mtime(self.layout.briefings))
                    for line in self._text_lines(snapshot):
                        if rewrite:
                            self._text.remember(line)
                        else:
                            self._text.put(line)
                if rewrite:
                    self._text.compact(self._text_keys())
        with self._mutex:
            return {briefing_id: row.entry for briefing_id, row in self._index.rows.items()}

    def _text_lines(self, snapshot: Snapshot) -> list[bytes]:
        """The text index lines a briefing needs: its own, and its article's if that is missing."""
        briefing = snapshot.briefing
        own = record(briefing, snapshot.text_key)
        return [own] if self._text.has_article(briefing.article.content_hash) else [article_record(briefing.article), own]

    def search(self, query: str, limit: int = 200) -> list[SearchHit]:
        """Full-text search across titles, paragraphs, notes, summaries and questions.

        A place (a title, a paragraph, a note...) is a hit when it holds every word of the
        query, whole or as the start of a word, ignoring case and accents; the exact phrase
        comes first (see `store.textindex` for the rules). The first search reads the text
        index (tens of milliseconds at 10,000 briefings); later ones search memory.
        """
        parsed = Query.parse(query)
        if not parsed.words:
            return []
        entries = self._sync_text()
        with self._mutex:
            places = self._text.matches(parsed, entries, limit)
        originals: dict[str, list[str] | None] = {}
        found = []
        for place in places:
            briefing_id = place.entry.id
            if briefing_id not in originals:
                originals[briefing_id] = self._original_text(briefing_id, place.key)
            texts = originals[briefing_id]
            found.append(hit(place, texts[place.number] if texts is not None and place.number < len(texts) else None))
        return found

    def _original_text(self, briefing_id: str, key: str) -> list[str] | None:
        """A briefing's searchable text as written (for snippets), if it still has this key."""
        try:
            snapshot = self._snapshot(briefing_id, locked=False)
        except StoreError:
            return None
        return [text for _, _, text in segments(snapshot.briefing)] if snapshot.text_key == key else None

    def questions(self) -> list[tuple[IndexEntry, Question]]:
        """Every analyst question in the library with its briefing's entry."""
        entries = self._sync_text()
        with self._mutex:
            return self._text.questions(entries)

    # Settings

    def settings(self) -> LibrarySettings:
        """The tag taxonomy (the default one for a new library) and the actor decisions."""
        return self._read_settings(locked=False)

    def _read_settings(self, *, locked: bool) -> LibrarySettings:
        path = self.layout.settings_file
        try:
            return settings_from_db(read_db(path), path)
        except FileNotFoundError:
            return LibrarySettings(DEFAULT_TAGS)
        except CorruptFile as error:
            if self.read_only:
                self.warnings.append(f"the library settings are damaged ({error.reason}); showing the default tags")
                return LibrarySettings(DEFAULT_TAGS)
            if not locked:
                with self._locked():
                    return self._read_settings(locked=True)
            recovered, message = recovery.recover(
                self.layout, path, error, "settings", "the settings file (tag taxonomy and actor decisions)", lambda data: settings_from_db(data, path)
            )
            if recovered is None:
                recovered = LibrarySettings(DEFAULT_TAGS)
                message += "; using the default tags"
            self.warnings.append(message)
            write_atomic(path, encode(settings_to_db(recovered)))
            return recovered

    def apply_settings(self, edit: LibraryEdit) -> LibrarySettings:
        """Change the library-wide settings durably; returns them as they now are."""
        with self._locked():
            current = self._read_settings(locked=True)
            try:
                changed = edit.apply(current)
            except (IndexError, KeyError, ValueError, TypeError) as error:
                raise EditRejected(f"could not apply {edit.describe()}: {error}") from None
            self._replace(self.layout.settings_file, encode(settings_to_db(changed)), "settings")
            return changed

    # Delete and restore

    def delete(self, briefing_id: str) -> None:
        """Move a briefing to the trash (`restore` brings it back)."""
        with self._locked():
            path = self._path(briefing_id)
            if not path.exists():
                raise BriefingNotFound(briefing_id)
            self._move(path, self.layout.trashed(briefing_id))
            self._snapshots.drop(briefing_id)
            self._index.remove(briefing_id, _folder_mtime(self.layout.briefings))
            self._text.remove(briefing_id)

    def restore(self, briefing_id: str) -> None:
        """Bring a deleted briefing back from the trash."""
        with self._locked():
            self._path(briefing_id)
            trashed = self.layout.trashed(briefing_id)
            if not trashed.exists():
                raise BriefingNotFound(briefing_id)
            if self.layout.briefing(briefing_id).exists():
                raise StoreError(f"briefing {briefing_id!r} is already in the library")
            try:
                snapshot = read_snapshot(trashed, briefing_id, None)
            except CorruptFile as error:
                moved = recovery.quarantine(self.layout, trashed)
                raise StoreError(f"the deleted briefing is damaged ({error.reason}); it is kept in {moved.relative_to(self.path)}") from None
            self._index.begin(briefing_id)
            self._move(trashed, self.layout.briefing(briefing_id))
            self._snapshots.put(briefing_id, snapshot)  # a rename keeps the file's stamp
            self._index.put(snapshot.entry(), snapshot.text_key, snapshot.stamp[:2], _folder_mtime(self.layout.briefings))
            for line in self._text_lines(snapshot):
                self._text.put(line)

    def _move(self, source: Path, target: Path) -> None:
        try:
            os.replace(source, target)
            fsync_dir(source.parent)
            fsync_dir(target.parent)
        except OSError as error:
            raise WriteFailed(source, error) from error

    # Positions

    def position(self, briefing_id: str) -> int | None:
        """The paragraph the analyst last visited in a briefing, if known (see `store.positions`)."""
        return read_positions(self.layout.positions_file).get(briefing_id)

    def remember_positions(self, positions: Mapping[str, int]) -> None:
        """Remember the paragraph last visited in these briefings (best effort; a read-only
        library remembers nothing)."""
        if positions and not self.read_only:
            write_positions(self.layout.positions_file, positions)

    # Extraction cache

    def _cache_path(self, content_hash: str, pipeline: str) -> Path | None:
        if not re.fullmatch(r"[0-9a-fA-F]{8,128}", content_hash or ""):
            return None
        tag = _PIPELINE.sub("-", pipeline)[:40] + "-" + hashlib.sha1(pipeline.encode("utf-8", "replace")).hexdigest()[:8]
        return self.layout.extractions / f"{content_hash}.{tag}.json"

    def load_extraction(self, content_hash: str, pipeline: str, basis: str | None = "") -> Extraction | None:
        """The cached extraction of an article's content by a pipeline version, or None.

        `basis` is the article's `extraction_basis`: an entry made on another one (before the
        analyst corrected the date, say) is a miss. None takes the entry whatever its basis, for
        callers that only read the actors, which do not depend on it.

        A damaged cache entry is removed and reads as a miss: it is recomputed, nothing is lost.
        """
        path = self._cache_path(content_hash, pipeline)
        if path is None:
            return None
        try:
            return extraction_from_db(read_db(path), content_hash, pipeline, path, basis)
        except OSError:
            return None
        except CorruptFile:
            if not self.read_only:
                with suppress(OSError):
                    path.unlink()
            return None

    def save_extraction(self, content_hash: str, pipeline: str, extraction: Extraction, basis: str = "") -> None:
        """Cache an extraction made on `basis` (see `load_extraction`). Best effort: a read-only
        library or a full disk skips the cache."""
        path = self._cache_path(content_hash, pipeline)
        if path is None or self.read_only:
            return
        with suppress(WriteFailed, OSError):
            make_folders(path.parent)
            write_atomic(path, encode(extraction_to_db(content_hash, pipeline, extraction, basis)), durable=False)


