"""What a server library keeps besides briefings: settings, feeds, reading positions, the
extraction cache, and the journals of derived indexes (the near-duplicate index).

The settings (tag taxonomy and actor decisions) and the feeds state are one document each in the
`documents` table, in the store's own encoding (`store.documents`, `store.feeds`), changed as a
delta under the row's lock in one transaction, as a briefing is. A damaged document is copied to
`quarantine` and replaced by the defaults (settings) or an empty state (feeds), with a warning.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from contextlib import suppress
from typing import Any, TypeVar

from briefings.edits import LibraryEdit, LibrarySettings
from briefings.extraction.model import Extraction
from briefings.history import HistoryEntry, entries
from briefings.taxonomy import DEFAULT_TAGS
from store.backend import SETTINGS_CHANGED
from store.documents import extraction_from_db, extraction_to_db, settings_from_db, settings_to_db
from store.applying import refused_unless_it_fits
from store.errors import CorruptFile, ReadOnlyLibrary, StoreError
from store.feeds import FeedState, feeds_from_db, feeds_to_db
from store.postgres.actors import keep_actors
from store.postgres.connection import open_connection
from store.postgres.core import CHANNEL, JOURNAL_LOCK, ServerCore
from store.postgres.history import append_settings, read_settings, replace_settings
from store.storage import encode, parse

T = TypeVar("T")


class Documents(ServerCore):
    """Settings and feeds (mixed into `store.postgres.library.PostgresLibrary`)."""

    def _document(self, connection: Any, name: str, decode: Callable[[dict[str, Any], str], T], default: Callable[[], T], what: str, *, lock: bool) -> T:
        if lock:
            connection.execute("INSERT INTO documents VALUES (%s, %s) ON CONFLICT (name) DO NOTHING", (name, b""))
        row = connection.execute("SELECT doc FROM documents WHERE name = %s" + (" FOR UPDATE" if lock else ""), (name,)).fetchone()
        if row is None or not bytes(row[0]):
            return default()
        try:
            return decode(parse(bytes(row[0]), name), name)
        except CorruptFile as error:
            if not lock:
                raise
            connection.execute(
                "INSERT INTO quarantine (briefing_id, title, work, reason) VALUES (%s, %s, %s, %s)",
                (f"({name})", what, bytes(row[0]).decode("utf-8", "replace"), error.reason),
            )
            self.warnings.append(f"{what} was damaged ({error.reason}); it is kept in the quarantine table and {name} start again from the defaults")
            return default()

    def _change_document(
        self, name: str, decode: Callable[[dict[str, Any], str], T], default: Callable[[], T], what: str, change: Callable[[T], T], also: Callable[[Any], None] | None = None
    ) -> T:
        """Change a document under its row's lock; `also(connection)` does more in the same transaction."""
        with self._change(name) as connection:
            current = self._document(connection, name, decode, default, what, lock=True)
            changed = change(current)
            connection.execute("UPDATE documents SET doc = %s WHERE name = %s", (changed_bytes(name, changed), name))
            if also is not None:
                also(connection)
        return changed

    def _read_document(self, name: str, decode: Callable[[dict[str, Any], str], T], default: Callable[[], T], what: str) -> T:
        try:
            return self._db.reading(lambda connection: self._document(connection, name, decode, default, what, lock=False))
        except CorruptFile:
            if self.read_only:
                self.warnings.append(f"{what} is damaged; showing the defaults")
                return default()
            return self._change_document(name, decode, default, what, lambda value: value)

    # Settings

    def settings(self) -> LibrarySettings:
        """The tag taxonomy (the default one for a new library) and the actor decisions."""
        return self._read_document("settings", settings_from_db, lambda: LibrarySettings(DEFAULT_TAGS), "the settings (tag taxonomy and actor decisions)")

    def apply_settings(self, edit: LibraryEdit) -> LibrarySettings:
        """Apply a settings edit as a delta under the settings row's lock, with its history
        entries in the same transaction, and announce it (`SETTINGS_CHANGED`); the settings now."""

        def change(current: LibrarySettings) -> LibrarySettings:
            with refused_unless_it_fits(edit):
                return edit.apply(current)

        def record(connection: Any) -> None:
            append_settings(connection, entries([edit], self.analyst))
            connection.execute("SELECT pg_notify(%s, %s)", (CHANNEL, f"{SETTINGS_CHANGED} 0"))

        return self._change_document("settings", settings_from_db, lambda: LibrarySettings(DEFAULT_TAGS), "the settings (tag taxonomy and actor decisions)", change, record)

    def settings_history(self) -> list[HistoryEntry]:
        """Who changed the taxonomy and the actor decisions when, oldest first."""
        return self._db.reading(read_settings)

    def copy_settings_in(self, settings: LibrarySettings, history: Sequence[HistoryEntry]) -> None:
        """Make the settings and their history exactly these (moving a library in)."""

        def record(connection: Any) -> None:
            replace_settings(connection, history)
            connection.execute("SELECT pg_notify(%s, %s)", (CHANNEL, f"{SETTINGS_CHANGED} 0"))

        self._change_document("settings", settings_from_db, lambda: LibrarySettings(DEFAULT_TAGS), "the settings (tag taxonomy and actor decisions)", lambda current: settings, record)

    # Feeds

    def read_feeds(self) -> FeedState:
        """The feeds followed, the items seen, the inbox and the pairs kept apart."""
        return self._read_document("feeds", feeds_from_db, FeedState, "the feeds state (feeds, items seen and the inbox)")

    def change_feeds(self, apply: Callable[[FeedState], T]) -> T:
        """Change the feeds state under its row's lock (read, apply, write); what `apply` returned."""
        result: list[T] = []

        def change(state: FeedState) -> FeedState:
            result.append(apply(state))
            return state

        self._change_document("feeds", feeds_from_db, FeedState, "the feeds state (feeds, items seen and the inbox)", change)
        return result[0]

    # Positions and the extraction cache: best effort

    def position(self, briefing_id: str) -> int | None:
        """The paragraph last visited in a briefing, if known."""
        with suppress(StoreError):
            row = self._db.reading(lambda connection: connection.execute("SELECT paragraph FROM positions WHERE briefing_id = %s", (briefing_id,)).fetchone())
            return row[0] if row else None
        return None

    def remember_positions(self, positions: Mapping[str, int]) -> None:
        """Remember the paragraph last visited in these briefings (best effort)."""
        if not positions or self.read_only:
            return
        with suppress(StoreError), self._change("positions") as connection, connection.cursor() as cursor:
            cursor.executemany(
                "INSERT INTO positions VALUES (%s, %s) ON CONFLICT (briefing_id) DO UPDATE SET paragraph = excluded.paragraph",
                sorted(positions.items()),
            )

    def load_extraction(self, content_hash: str, pipeline: str, basis: str | None = "") -> Extraction | None:
        """The cached extraction of an article's content by a pipeline, made on `basis` (None: any)."""
        found = self.load_extractions([content_hash], pipeline, basis)
        return found.get(content_hash)

    def load_extractions(self, content_hashes: Iterable[str], pipeline: str, basis: str | None = "") -> dict[str, Extraction]:
        """The cached extractions of many articles by one pipeline, in one query (see
        `LibraryStore.load_extractions`); damaged entries read as misses."""
        wanted = sorted(set(content_hashes))
        if not wanted:
            return {}
        try:
            rows = self._db.reading(
                lambda connection: connection.execute("SELECT content_hash, doc FROM extractions WHERE pipeline = %s AND content_hash = ANY(%s)", (pipeline, wanted)).fetchall()
            )
        except StoreError:
            return {}
        found = {}
        for content_hash, doc in rows:
            with suppress(CorruptFile):
                extraction = extraction_from_db(parse(bytes(doc), "cache"), content_hash, pipeline, "cache", basis)
                if extraction is not None:
                    found[content_hash] = extraction
        return found

    def save_extraction(self, content_hash: str, pipeline: str, extraction: Extraction, basis: str = "") -> None:
        """Cache a raw extraction with its actors as rows, in one transaction (best effort)."""
        if self.read_only:
            return
        with suppress(StoreError), self._change("the extraction cache") as connection:
            connection.execute(
                "INSERT INTO extractions (content_hash, pipeline, doc) VALUES (%s, %s, %s) ON CONFLICT (content_hash, pipeline) DO UPDATE SET doc = excluded.doc",
                (content_hash, pipeline, encode(extraction_to_db(content_hash, pipeline, extraction, basis))),
            )
            keep_actors(connection, content_hash, pipeline, extraction)  # its actors as rows, for the tally


def changed_bytes(name: str, value: Any) -> bytes:
    """A settings or feeds document in the store's encoding."""
    return encode(settings_to_db(value) if name == "settings" else feeds_to_db(value))


class TableJournal:
    """A journal (`store.journal.Journal`'s interface: read, append, rewrite, lines) kept as rows
    of the `journals` table, so that a derived index written as a journal (the near-duplicate
    index, `store.similar`) lives on the server. Appends are serialised by the library's
    `_locked` (an advisory lock); a rewrite is seen by readers as a reset."""

    def __init__(self, library: ServerCore, name: str) -> None:
        self.library = library
        self.name = name
        self.lines = 0
        self._last = 0
        self._first = 0

    def read(self) -> tuple[bool, list[bytes]]:
        def read(connection: Any) -> tuple[int, list[tuple[int, bytes]]]:
            first = connection.execute("SELECT coalesce(min(seq), 0) FROM journals WHERE name = %s", (self.name,)).fetchone()[0]
            rows = connection.execute("SELECT seq, line FROM journals WHERE name = %s AND seq > %s ORDER BY seq", (self.name, self._last if first == self._first else 0)).fetchall()
            return first, rows

        first, rows = self.library._db.reading(read)
        reset = first != self._first
        if reset:
            self.lines = 0
        self._first = first
        if rows:
            self._last = rows[-1][0]
        self.lines += len(rows)
        return reset, [bytes(line) for _, line in rows]

    def append(self, line: bytes) -> int:
        with self.library._change(self.name) as connection:
            seq = connection.execute("INSERT INTO journals (name, line) VALUES (%s, %s) RETURNING seq", (self.name, line)).fetchone()[0]
        if self._first == 0:
            self._first = seq
        self._last = max(self._last, seq)
        self.lines += 1
        return seq

    def rewrite(self, lines: Iterable[bytes]) -> None:
        with self.library._change(self.name) as connection:
            connection.execute("DELETE FROM journals WHERE name = %s", (self.name,))
            with connection.cursor() as cursor:
                cursor.executemany("INSERT INTO journals (name, line) VALUES (%s, %s)", [(self.name, line) for line in lines])
        self.read()


class Journals(ServerCore):
    """The advisory lock a journal's writers take (mixed into `PostgresLibrary`)."""

    def _locked(self) -> Any:
        return _AdvisoryLock(self)


class _AdvisoryLock:
    """Held across several transactions: a session advisory lock on a connection of its own."""

    def __init__(self, library: ServerCore) -> None:
        self.library = library
        self._connection: Any = None

    def __enter__(self) -> None:
        if self.library.read_only:
            raise ReadOnlyLibrary()
        self._connection = open_connection(self.library.url, autocommit=True)
        self._connection.execute("SELECT pg_advisory_lock(%s)", (JOURNAL_LOCK,))

    def __exit__(self, *exc: object) -> None:
        self._connection.close()  # the session lock ends with the session
