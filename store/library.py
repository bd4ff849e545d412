"""The library: a folder of small atomic TinyDB files, shared safely by several Brief processes.

Every change takes the library lock, re-reads what it changes from disk, applies the edit (a
delta), writes the file atomically and records the result in the derived index, then releases the
lock. Two windows on one library therefore merge their work instead of overwriting it, and a
process killed at any moment leaves every file either old or new. The re-read costs next to
nothing while the file is still the one this process last read or wrote, and the write encodes
only what changed (see `store.snapshots`), so an edit costs the same on a 20-paragraph and a
20,000-paragraph article.

`Library` implements `store.backend.LibraryStore`, the interface the desk uses; what is particular
to a folder of files (paths, quarantine/, backups/) stays behind it. It is made of parts:
`store.folder_core` (the lock, reading and writing files), `store.folder_open` (opening and
housekeeping), `store.folder_text` (search) and `store.folder_cache` (extraction cache, positions).

Reading never needs the lock. Methods may be called from several threads; the UI thread should
still leave disk work to workers (or to `SaveQueue`).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, TypeVar

from briefings.anchors import rebase
from briefings.briefing import Briefing, now_iso
from briefings.edits import BriefingEdit, LibraryEdit, LibrarySettings
from briefings.history import HistoryEntry, entries, event, orphaned as orphaned_detail
from briefings.model import Article
from briefings.taxonomy import DEFAULT_TAGS
from store import imports, recovery
from store.backend import Following, ImportResult
from store.documents import briefing_to_db, history_from_db, history_to_db, settings_from_db, settings_to_db
from store.applying import apply_edits, refused_unless_it_fits
from store.errors import BriefingNotFound, CorruptFile, StoreError
from store.folder_cache import Caches
from store.folder_core import folder_mtime
from store.folder_moving import Moving
from store.folder_open import Opening
from store.folder_text import TextSearch
from store.layout import BRIEFING_ID, SCHEMA
from store.snapshots import copy, editable
from store.snapshots import read as read_snapshot
from store.storage import encode, read_db, write_atomic

if TYPE_CHECKING:
    # Feeds and the same-story index are imported by the methods that use them: opening a
    # library for the first frame of `brief open` needs neither.
    from store.feeds import FeedState, FeedStore

T = TypeVar("T")


class Library(Opening, TextSearch, Caches, Moving):
    """One library folder. Open it with `Library.open` (see `store.backend.LibraryStore`)."""

    @property
    def schema(self) -> int:
        """The schema version of this Brief, which an opened library is migrated to (a newer
        one, opened read-only, is left as it is)."""
        return self._peek_schema() or SCHEMA

    def follow(self, callback: Callable[[str], None]) -> Following:
        """The folder tells no one (see `LibraryStore.follow`): windows on one machine see each
        other's changes by checking `version` and the settings every second."""
        return Following(lambda: None)

    # Changes

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
            snapshot = self._snapshot(briefing_id, locked=True)
            briefing = editable(snapshot)
            apply_edits(briefing, edits, article_hash)
            self._write(briefing, snapshot.history + tuple(entries(edits, self.analyst, briefing.updated)))

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
                self._write(rebased, self._history_after(rebased.id, added=[event("reimport", self.analyst, orphaned_detail(orphaned))]))
                return ImportResult(rebased.id, "updated", orphaned)
            now = now_iso()
            briefing = Briefing(id=self._new_id(), article=article, imported=now, updated=now)
            self._write(briefing, (event("import", self.analyst),))
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
                self._write(incoming, (event("import", self.analyst),))
                return ImportResult(incoming.id, "imported", 0)
            merged, orphaned = imports.merge(existing, briefing)
            if briefing_to_db(merged) == briefing_to_db(existing):
                return ImportResult(existing.id, "duplicate", 0)
            merged.updated = now_iso()
            self._write(merged, self._history_after(merged.id, added=[event("merge", self.analyst, orphaned_detail(orphaned))]))
            return ImportResult(merged.id, "updated", orphaned)


    # Settings

    def settings(self) -> LibrarySettings:
        """The tag taxonomy (the default one for a new library) and the actor decisions."""
        return self._read_settings(locked=False)[0]

    def settings_history(self) -> list[HistoryEntry]:
        """Who changed the taxonomy and the actor decisions when, oldest first."""
        return list(self._read_settings(locked=False)[1])

    def _read_settings(self, *, locked: bool) -> tuple[LibrarySettings, tuple[HistoryEntry, ...]]:
        """The settings and their history, kept in one file so that they change together."""
        path = self.layout.settings_file

        def build(data: dict) -> tuple[LibrarySettings, tuple[HistoryEntry, ...]]:
            return settings_from_db(data, path), history_from_db(data, path)

        try:
            return build(read_db(path))
        except FileNotFoundError:
            return LibrarySettings(DEFAULT_TAGS), ()
        except CorruptFile as error:
            if self.read_only:
                self.warnings.append(f"the library settings are damaged ({error.reason}); showing the default tags")
                return LibrarySettings(DEFAULT_TAGS), ()
            if not locked:
                with self._locked():
                    return self._read_settings(locked=True)
            recovered, message = recovery.recover(
                self.layout, path, error, "settings", "the settings file (tag taxonomy and actor decisions)", build
            )
            if recovered is None:
                recovered = LibrarySettings(DEFAULT_TAGS), ()
                message += "; using the default tags"
            self.warnings.append(message)
            write_atomic(path, encode(settings_to_db(recovered[0]) | history_to_db(recovered[1])))
            return recovered

    def apply_settings(self, edit: LibraryEdit) -> LibrarySettings:
        """Change the library-wide settings durably, with their history entry in the same
        write; returns them as they now are."""
        with self._locked():
            current, history = self._read_settings(locked=True)
            with refused_unless_it_fits(edit):
                changed = edit.apply(current)
            history += tuple(entries([edit], self.analyst))
            self._replace(self.layout.settings_file, encode(settings_to_db(changed) | history_to_db(history)), "settings")
            return changed

    def copy_settings_in(self, settings: LibrarySettings, history: Sequence[HistoryEntry]) -> None:
        """Make the settings and their history exactly these, in one write (moving a library in)."""
        with self._locked():
            self._replace(self.layout.settings_file, encode(settings_to_db(settings) | history_to_db(tuple(history))), "settings")

    # Delete and restore

    def delete(self, briefing_id: str) -> None:
        """Move a briefing to the trash (`restore` brings it back)."""
        with self._locked():
            path = self._path(briefing_id)
            if not path.exists():
                raise BriefingNotFound(briefing_id)
            self._move(path, self.layout.trashed(briefing_id))
            self._snapshots.drop(briefing_id)
            self._index.remove(briefing_id, folder_mtime(self.layout.briefings))
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
            self._index.put(snapshot.entry(), snapshot.text_key, snapshot.stamp[:2], folder_mtime(self.layout.briefings))
            for line in self._text_lines(snapshot):
                self._text.put(line)


    # Feeds, the inbox and the same story twice

    @functools.cached_property
    def _feeds(self) -> FeedStore:
        # One per open library: the feeds file as it was before this session's first change is
        # kept as its backup.
        from store.feeds import FeedStore

        return FeedStore(self)

    def read_feeds(self) -> FeedState:
        """The feeds file as it is on disk (see `store.feeds`)."""
        return self._feeds.read()

    def change_feeds(self, apply: Callable[[FeedState], T]) -> T:
        """Change the feeds file under the library lock."""
        return self._feeds.change(apply)

    def same_story_as(self, briefing_id: str) -> list[str]:
        """The briefings telling the same story (see `store.similar`), this one indexed first."""
        from store.similar import similar_index

        return similar_index(self).add(briefing_id)

    def note_imports(self, briefing_ids: Iterable[str]) -> dict[str, list[str]]:
        """Index newly imported briefings; for each that is a story already in the library, the
        briefings it is the same story as."""
        from store.similar import similar_index

        index = similar_index(self)
        found = {briefing_id: index.add(briefing_id) for briefing_id in dict.fromkeys(briefing_ids)}
        return {briefing_id: others for briefing_id, others in found.items() if others}

    def same_story_groups(self) -> dict[str, list[str]]:
        """Every briefing's near-duplicates, indexing those not indexed yet (run it in a worker)."""
        from store.similar import similar_index

        index = similar_index(self)
        index.sync()
        return index.groups()

    def file_as_version(self, newer: str, existing: str) -> ImportResult:
        """File briefing `newer` as a new version of briefing `existing`.

        The existing briefing takes the newer text; its annotations, question links and judgment
        paragraphs are re-attached as a re-import does (what cannot be is kept as orphans), the
        newer briefing's own work is added (see `store.imports.merge`), and the newer briefing
        goes to the trash (`restore` brings it back). An unread newer article leaves the
        existing briefing unread.

        Raises:
            BriefingNotFound: Either briefing is gone.
        """
        with self._locked():  # one step for every other window and process
            incoming = self.load(newer)
            current = self.load(existing)
            merged, orphaned = imports.merge(current, incoming)
            merged.updated = now_iso()
            self._write(merged, self._history_after(existing, added=[event("version", self.analyst, orphaned_detail(orphaned))]))
            self.delete(newer)
        from store.similar import similar_index

        similar_index(self).add(existing)

        def follow(state: FeedState) -> None:
            arrived = state.inbox.pop(newer, None)
            if arrived is not None:
                state.inbox.setdefault(existing, arrived)
            state.apart = {pair for pair in state.apart if newer not in pair.split("+")}

        self.change_feeds(follow)
        return ImportResult(existing, "updated", orphaned)
