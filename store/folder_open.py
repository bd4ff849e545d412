"""Opening a library folder: creating it, migrating an older schema, housekeeping, the index checked.

Damaged or odd files (a folder where a file should be, say) are moved to quarantine/ and
reported in `warnings`; they never stop a library from opening.
"""

from __future__ import annotations

import os
from contextlib import suppress
from pathlib import Path
from typing import Self

from briefings.briefing import now_iso
from store import recovery
from store.documents import briefing_from_db, meta_from_db, meta_to_db
from store.errors import BriefingNotFound, CorruptFile, StoreError, WriteFailed
from store.folder_core import FolderCore, folder_mtime
from store.index import entry_for, stamp_of
from store.layout import BRIEFING_ID, SCHEMA
from store.migrations import migrate
from store.storage import encode, is_temp, kind_of, make_folders, read_db, temp_owner, write_atomic
from store.textlines import OLD_FILES, text_key

#: Names that show a folder is a Brief library (of any schema).
_LIBRARY_MARKS = ("library.json", "briefings", "articles", "settings.json", "index")


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class Opening(FolderCore):
    """Opening and checking a library folder (mixed into `store.library.Library`)."""

    # Opening

    @classmethod
    def open(cls, path: Path, *, lock_timeout: float = 5.0) -> Self:
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
        if not index.loaded or index.intents or index.damaged or index.folder_mtime != folder_mtime(self.layout.briefings):
            self._verify_index()
        elif index.needs_compaction:
            index.compact(folder_mtime(self.layout.briefings))

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
        index.compact(0 if unreadable else folder_mtime(self.layout.briefings))

