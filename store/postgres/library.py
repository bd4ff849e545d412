"""A library on a PostgreSQL server: `store.backend.LibraryStore` for a team.

Made of parts, one concern each: `core` (rows, revisions, one edit one transaction, damage),
`extras` (settings, feeds, positions, extraction cache, journals), `search` (full-text search,
questions), `tally` and `actors` (the actors tally by query), `listener` (LISTEN/NOTIFY), `schema` (versions and step migrations) and `connection`
(the server, reconnecting). The rules of `store.backend` hold here as for the folder: each change
is durable when the method returns, and applied as a delta to the briefing as the server holds it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from briefings.anchors import rebase
from briefings.briefing import Briefing, now_iso
from briefings.edits import BriefingEdit
from briefings.history import HistoryEntry, entries, event, orphaned
from briefings.model import Article
from store import imports
from store.backend import ImportResult
from store.documents import briefing_to_db
from store.applying import apply_edits
from store.errors import BriefingNotFound, StoreError
from store.feeds import FeedState
from store.layout import BRIEFING_ID
from store.postgres.core import CHANNEL, IMPORT_LOCK, Row
from store.postgres.rows import decode_row, read_entries
from store.postgres.extras import Documents, Journals, TableJournal
from store.postgres.history import append as record
from store.postgres.listener import Listening
from store.postgres.schema import SCHEMA, migrate, read_version
from store.postgres.search import ServerSearch
from store.postgres.tally import ServerTally
from store.similar import FILE as SIMILAR_JOURNAL
from store.similar import SimilarIndex, similar_index
from store.snapshots import copy


class PostgresLibrary(ServerSearch, ServerTally, Documents, Journals, Listening):
    """One library on a server. Open it with `PostgresLibrary.open` (or `store.postgres.POSTGRES`)."""

    @classmethod
    def open(cls, url: str) -> PostgresLibrary:
        """Connect, create the schema in an empty database, migrate an older one (saying so),
        open a newer one read-only (saying so).

        Raises:
            StoreError: The server cannot be reached, refuses the login, has no such database,
                or the database holds something other than a Brief library (one line each).
        """
        library = cls(url)
        library._open()
        return library

    def _open(self) -> None:
        def prepare(connection: Any) -> tuple[int, int]:
            found = read_version(connection)
            if found == 0:
                others = connection.execute(
                    "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema() AND tablename <> 'schema_version'"
                ).fetchone()[0]
                if others:
                    raise StoreError(f"the database at {self.location} holds other tables and no Brief library; choose a new or empty database")
            if found > SCHEMA:
                return found, found
            return migrate(connection)

        with self._db.writing(f"the library at {self.location}") as connection:
            before, now = prepare(connection)
        self._schema = now
        if now > SCHEMA:
            self.read_only = True
            self.warnings.append("this library was written by a newer version of Brief: it is open read-only; update Brief to change it")
        elif 0 < before < now:
            self.warnings.append(f"the library was upgraded from schema {before} to schema {now}")

    @property
    def schema(self) -> int:
        """The schema version the library is at (after any migration when it opened)."""
        return self._schema

    # Changes

    def apply(self, briefing_id: str, edit: BriefingEdit) -> None:
        """Apply one edit record as a delta, in one transaction under the briefing's row lock."""
        self.apply_all(briefing_id, [edit])

    def apply_all(self, briefing_id: str, edits: Sequence[BriefingEdit], *, article_hash: str | None = None) -> None:
        """Apply several edits in one transaction, all or none, with their history entries
        (see `LibraryStore.apply_all`).

        Raises:
            BriefingNotFound, EditRejected, ReadOnlyLibrary: As for the folder.
            WriteFailed: The server failed (stopped, unreachable); nothing changed.
        """

        def change(connection: Any, row: Row) -> Briefing:
            briefing = copy(row.briefing)
            apply_edits(briefing, edits, article_hash)
            record(connection, briefing_id, entries(edits, self.analyst, briefing.updated))
            return briefing

        self._locked_change(briefing_id, change)

    # Import: under the import lock, so that two importers of one article make one briefing

    def _reader(self, connection: Any) -> Any:
        def read(briefing_id: str) -> Briefing | None:
            try:
                return copy(self._fetch(connection, briefing_id, lock=True).briefing)
            except BriefingNotFound:
                return None

        return read

    def _replace(self, connection: Any, briefing: Briefing) -> int:
        before = self._fetch(connection, briefing.id, lock=True)
        return self._store(connection, briefing, before)

    def add_article(self, article: Article) -> ImportResult:
        """Add an article: new, an update of one already here (annotations re-attached), or a duplicate."""
        with self._change("the library") as connection:
            connection.execute("SELECT pg_advisory_xact_lock(%s)", (IMPORT_LOCK,))
            entries = read_entries(connection)
            duplicate = imports.same_content(article, entries)
            if duplicate is not None:
                return ImportResult(duplicate.id, "duplicate")
            previous = imports.previous_version(article, entries, self._reader(connection))
            if previous is not None:
                rebased, orphaned_count = rebase(previous, article)
                rebased.updated = now_iso()
                revision = self._replace(connection, rebased)
                record(connection, rebased.id, [event("reimport", self.analyst, orphaned(orphaned_count))])
                result, written = ImportResult(rebased.id, "updated", orphaned_count), rebased
            else:
                now = now_iso()
                written = Briefing(id=self._new_id(connection), article=article, imported=now, updated=now)
                revision = self._insert(connection, written)
                record(connection, written.id, [event("import", self.analyst)])
                result = ImportResult(written.id, "imported")
        self._written(written, revision)
        return result

    def add_briefing(self, briefing: Briefing) -> ImportResult:
        """Add a briefing with its work (a JSON export), merged with one already here; its id is
        kept when it is free (as `brief library copy` needs)."""
        with self._change("the library") as connection:
            connection.execute("SELECT pg_advisory_xact_lock(%s)", (IMPORT_LOCK,))
            read = self._reader(connection)
            existing = read(briefing.id) if BRIEFING_ID.match(briefing.id) else None
            if existing is None:
                entries = read_entries(connection)
                same = imports.same_content(briefing.article, entries)
                existing = read(same.id) if same else None
                existing = existing or imports.previous_version(briefing.article, entries, read)
            if existing is None:
                incoming = copy(briefing)
                taken = connection.execute("SELECT 1 FROM briefings WHERE id = %s", (incoming.id,)).fetchone()
                if not BRIEFING_ID.match(incoming.id) or taken:
                    incoming.id = self._new_id(connection)
                incoming.imported = incoming.imported or now_iso()
                revision = self._insert(connection, incoming)
                record(connection, incoming.id, [event("import", self.analyst)])
                result, written = ImportResult(incoming.id, "imported", 0), incoming
            else:
                merged, orphaned_count = imports.merge(existing, briefing)
                if briefing_to_db(merged) == briefing_to_db(existing):
                    return ImportResult(existing.id, "duplicate", 0)
                merged.updated = now_iso()
                revision = self._replace(connection, merged)
                record(connection, merged.id, [event("merge", self.analyst, orphaned(orphaned_count))])
                result, written = ImportResult(merged.id, "updated", orphaned_count), merged
        self._written(written, revision)
        return result

    # Trash

    def delete(self, briefing_id: str) -> None:
        """Move a briefing to the trash (`restore` brings it back)."""
        with self._change(f"briefing {briefing_id}") as connection:
            row = connection.execute("UPDATE briefings SET trashed = true, revision = revision + 1 WHERE id = %s AND NOT trashed RETURNING revision", (briefing_id,)).fetchone()
            if row is None:
                raise BriefingNotFound(briefing_id)
            connection.execute("SELECT pg_notify(%s, %s)", (CHANNEL, f"{briefing_id} {row[0]}"))

    def restore(self, briefing_id: str) -> None:
        """Bring a briefing back from the trash."""
        with self._change(f"briefing {briefing_id}") as connection:
            row = connection.execute("SELECT trashed FROM briefings WHERE id = %s FOR UPDATE", (briefing_id,)).fetchone()
            if row is None:
                raise BriefingNotFound(briefing_id)
            if not row[0]:
                raise StoreError(f"briefing {briefing_id!r} is already in the library")
            revision = connection.execute("UPDATE briefings SET trashed = false, revision = revision + 1 WHERE id = %s RETURNING revision", (briefing_id,)).fetchone()[0]
            connection.execute("SELECT pg_notify(%s, %s)", (CHANNEL, f"{briefing_id} {revision}"))

    def trashed(self) -> list[Briefing]:
        """The briefings in the trash, whole (for `brief library copy`)."""
        rows = self._db.reading(lambda connection: connection.execute("SELECT id, article, work FROM briefings WHERE trashed ORDER BY seq").fetchall())
        return [decode_row(briefing_id, article, work) for briefing_id, article, work in rows]

    def copy_in(self, briefing: Briefing, *, trashed: bool = False, history: Sequence[HistoryEntry] = ()) -> None:
        """Write a briefing exactly as given, with its history, under its id, in the library or its trash.

        Raises:
            StoreError: The id is taken, or is not a briefing id.
        """
        if not BRIEFING_ID.match(briefing.id):
            raise StoreError(f"{briefing.id!r} is not a briefing id")
        with self._change(f"briefing {briefing.id}") as connection:
            if connection.execute("SELECT 1 FROM briefings WHERE id = %s", (briefing.id,)).fetchone():
                raise StoreError(f"briefing {briefing.id!r} is already in the library")
            revision = self._insert(connection, copy(briefing))
            record(connection, briefing.id, history)
            if trashed:
                connection.execute("UPDATE briefings SET trashed = true WHERE id = %s", (briefing.id,))
        self._written(briefing, revision)

    # The same story twice

    def _similar(self) -> SimilarIndex:
        return similar_index(self, TableJournal(self, SIMILAR_JOURNAL))  # type: ignore[arg-type]

    def same_story_as(self, briefing_id: str) -> list[str]:
        """The briefings telling the same story as this one (indexing it first if need be)."""
        return self._similar().add(briefing_id)

    def note_imports(self, briefing_ids: Iterable[str]) -> dict[str, list[str]]:
        """Index new briefings for near-duplicates; for each that has some, their ids."""
        index = self._similar()
        found = {briefing_id: index.add(briefing_id) for briefing_id in dict.fromkeys(briefing_ids)}
        return {briefing_id: others for briefing_id, others in found.items() if others}

    def same_story_groups(self) -> dict[str, list[str]]:
        """Every briefing's near-duplicates (indexing what is not indexed yet)."""
        index = self._similar()
        index.sync()
        return index.groups()

    def file_as_version(self, newer: str, existing: str) -> ImportResult:
        """File one briefing as a new version of another in one transaction (the newer goes to
        the trash); see `store.library.Library.file_as_version`."""
        with self._change(f"briefing {existing}") as connection:
            incoming = self._fetch(connection, newer, lock=True).briefing
            current = self._fetch(connection, existing, lock=True)
            merged, orphaned_count = imports.merge(copy(current.briefing), incoming)
            merged.updated = now_iso()
            revision = self._store(connection, merged, current)
            record(connection, existing, [event("version", self.analyst, orphaned(orphaned_count))])
            connection.execute("UPDATE briefings SET trashed = true, revision = revision + 1 WHERE id = %s", (newer,))
        self._written(merged, revision)
        self._similar().add(existing)

        def follow(state: FeedState) -> None:
            arrived = state.inbox.pop(newer, None)
            if arrived is not None:
                state.inbox.setdefault(existing, arrived)
            state.apart = {pair for pair in state.apart if newer not in pair.split("+")}

        self.change_feeds(follow)
        return ImportResult(existing, "updated", orphaned_count)
