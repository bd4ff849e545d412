"""The core of a library on a PostgreSQL server: reading briefings, following revisions, and
changing one briefing in one transaction under its row lock.

Every change to a briefing is one transaction: `SELECT ... FOR UPDATE` its row, decode it, apply
the very edit record the save queue hands over (`briefings.edits`) as a delta, write the row back
with its listing entry and search places, bump its revision, `NOTIFY` the change (briefing id and
revision) and commit. Two Briefs on one library therefore merge their work, as two windows on a
folder do, and another Brief hears of the change (see `store.postgres.listener`).

A row that cannot be decoded is set aside: copied to the `quarantine` table (never deleted), and
either replaced by this handle's pinned version of it (`pin`) or taken out of the library; a
warning says which. See `store.postgres.library` for the whole library.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from briefings.briefing import Briefing, new_id
from briefings.history import HistoryEntry, login_name
from briefings.model import Article
from store.errors import BriefingDamaged, BriefingNotFound, CorruptFile, ReadOnlyLibrary
from store.index import IndexEntry
from store.layout import BRIEFING_ID
from store.location import where
from store.postgres.connection import Connection, local_folder
from store.postgres.history import read as read_history
from store.postgres.rows import decode_entry, decode_row, derived, read_entries, encode_article, encode_work, write_places
from store.snapshots import copy
from store.textlines import text_key

#: The channel every change to a briefing is announced on: "<briefing id> <revision>".
CHANNEL = "brief_briefings"
#: Advisory lock keys: adding briefings (duplicates are found under it), and the journals.
IMPORT_LOCK = 0x62726965660001
JOURNAL_LOCK = 0x62726965660002


@dataclass(slots=True)
class Row:
    """A briefing's row as read: its revisions, its text key and the briefing decoded."""

    revision: int
    article_revision: int
    text_key: str
    briefing: Briefing


class ServerCore:
    """One open library on a server (see the module docstring).

    Attributes:
        url: The server URL (with any password: never shown; see `location`).
        path: The local folder kept for this library (see `store.postgres.connection.local_folder`).
        read_only: True when a newer Brief made the schema.
        warnings: Plain sentences for the analyst.
        analyst: Who this handle's changes are recorded as (`store.postgres.history`): the
            login name until the desk sets the configured name.
    """

    def __init__(self, url: str) -> None:
        self.url = url
        self.location = where(url)
        self.path = local_folder(url)
        self.read_only = False
        self.warnings: list[str] = []
        self.analyst = login_name()
        self._db = Connection(url)
        self._state = threading.Lock()
        self._articles: dict[str, tuple[int, Article]] = {}
        self._known: dict[str, int] = {}
        self._versions: dict[str, int] = {}
        self._pinned: dict[str, list[Any]] = {}

    def close(self) -> None:
        """Close the connection (the library is unusable afterwards)."""
        self._db.close()

    # Transactions

    @contextmanager
    def _change(self, what: str) -> Iterator[Any]:
        """A transaction for a change (`ReadOnlyLibrary` in a read-only library)."""
        if self.read_only:
            raise ReadOnlyLibrary()
        with self._db.writing(what) as connection:
            yield connection

    # Reading a row

    def _fetch(self, connection: Any, briefing_id: str, *, lock: bool) -> Row:
        """A briefing's row (locked for update with `lock`), the article decoded only when this
        handle does not hold that revision of it already.

        Raises:
            BriefingNotFound: No such briefing, or it is in the trash.
            CorruptFile: The row cannot be decoded (see `_set_aside`).
        """
        if not isinstance(briefing_id, str) or not BRIEFING_ID.match(briefing_id):
            raise BriefingNotFound(str(briefing_id))
        cached = self._articles.get(briefing_id)
        row = connection.execute(
            "SELECT revision, article_revision, text_key, work, CASE WHEN article_revision = %s THEN NULL ELSE article END"
            " FROM briefings WHERE id = %s AND NOT trashed" + (" FOR UPDATE" if lock else ""),
            (cached[0] if cached else -1, briefing_id),
        ).fetchone()
        if row is None:
            raise BriefingNotFound(briefing_id)
        revision, article_revision, key, work, article = row
        briefing = decode_row(briefing_id, article, work, cached[1] if article is None and cached else None)
        if article is not None:
            self._articles[briefing_id] = (article_revision, briefing.article)
        self._saw(briefing_id, revision, ours=False)
        self._hold(briefing)
        return Row(revision, article_revision, key, briefing)

    def _saw(self, briefing_id: str, revision: int, *, ours: bool) -> None:
        """Note a revision read or written: the version moves on for one someone else wrote."""
        with self._state:
            if self._known.get(briefing_id) != revision:
                if not ours or briefing_id not in self._versions:
                    self._versions[briefing_id] = self._versions.get(briefing_id, 0) + 1
                self._known[briefing_id] = revision

    def _read(self, briefing_id: str) -> Briefing:
        try:
            return copy(self._db.reading(lambda connection: self._fetch(connection, briefing_id, lock=False)).briefing)
        except CorruptFile as error:
            return self._recovered(briefing_id, error)

    def load(self, briefing_id: str) -> Briefing:
        """A briefing as it is on the server now (a copy the caller may change)."""
        return self._read(briefing_id)

    def version(self, briefing_id: str) -> int:
        """A number that moves on whenever this handle sees a revision of the briefing that it
        did not write itself (another Brief's change, an import).

        One indexed read of the briefing's revision (well under a millisecond on a local
        network), so that the answer is right the moment another Brief has committed; the
        listener (`store.postgres.listener`) hears of the same changes without asking.
        """
        if not isinstance(briefing_id, str) or not BRIEFING_ID.match(briefing_id):
            raise BriefingNotFound(str(briefing_id))
        row = self._db.reading(lambda connection: connection.execute("SELECT revision FROM briefings WHERE id = %s AND NOT trashed", (briefing_id,)).fetchone())
        if row is None:
            raise BriefingNotFound(briefing_id)
        self._saw(briefing_id, row[0], ours=False)
        with self._state:
            return self._versions.get(briefing_id, 0)

    # Pinned briefings: written back should the stored one be found damaged

    def pin(self, briefing_id: str) -> None:
        """Keep this handle's latest version of a briefing at hand until `unpin`."""
        with self._state:
            self._pinned.setdefault(briefing_id, [0, None])[0] += 1

    def unpin(self, briefing_id: str) -> None:
        """Undo one `pin`."""
        with self._state:
            held = self._pinned.get(briefing_id)
            if held is not None:
                held[0] -= 1
                if held[0] <= 0:
                    del self._pinned[briefing_id]

    def _hold(self, briefing: Briefing) -> None:
        with self._state:
            held = self._pinned.get(briefing.id)
            if held is not None:
                held[1] = copy(briefing)

    # Writing a row

    def _put(self, connection: Any, briefing: Briefing, *, article: bool, revision: int | None) -> int:
        """Write a briefing's row (a new one when `revision` is None, else the locked row at
        `revision`) with its derived columns and search places, and announce it; its revision."""
        columns = derived(briefing) | {"work": encode_work(briefing)}
        if article or revision is None:
            columns["article"] = encode_article(briefing.article)
        if revision is None:
            names = ["id", *columns]
            connection.execute(
                f"INSERT INTO briefings ({', '.join(names)}) VALUES ({', '.join(['%s'] * len(names))})",
                (briefing.id, *columns.values()),
            )
            written = 1
        else:
            written = revision + 1
            bump = ", article_revision = article_revision + 1" if article else ""
            connection.execute(
                f"UPDATE briefings SET revision = %s{bump}, {', '.join(f'{name} = %s' for name in columns)} WHERE id = %s",
                (written, *columns.values(), briefing.id),
            )
        write_places(connection, briefing, article=article or revision is None, work=True)
        connection.execute("SELECT pg_notify(%s, %s)", (CHANNEL, f"{briefing.id} {written}"))
        return written

    def _store(self, connection: Any, briefing: Briefing, before: Row) -> int:
        """Write a changed briefing back to its locked row; its new revision. The article, and
        the search places, are written only when they changed."""
        article = briefing.article is not before.briefing.article
        if not article and text_key(briefing) == before.text_key:
            columns = derived(briefing) | {"work": encode_work(briefing)}
            revision = before.revision + 1
            connection.execute(
                f"UPDATE briefings SET revision = %s, {', '.join(f'{name} = %s' for name in columns)} WHERE id = %s",
                (revision, *columns.values(), briefing.id),
            )
            connection.execute("SELECT pg_notify(%s, %s)", (CHANNEL, f"{briefing.id} {revision}"))
            return revision
        return self._put(connection, briefing, article=article, revision=before.revision)

    def _insert(self, connection: Any, briefing: Briefing) -> int:
        """Write a new briefing's row; its revision."""
        return self._put(connection, briefing, article=True, revision=None)

    def _written(self, briefing: Briefing, revision: int) -> None:
        """After the commit: this handle's own revision, not news to it."""
        self._saw(briefing.id, revision, ours=True)
        self._hold(briefing)

    def _locked_change(self, briefing_id: str, change: Callable[[Any, Row], Briefing]) -> Briefing:
        """Change one briefing in one transaction under its row lock: `change(connection, row)`
        returns the briefing to write back. A damaged row is set aside first."""
        for attempt in (1, 2):
            try:
                with self._change(f"briefing {briefing_id}") as connection:
                    row = self._fetch(connection, briefing_id, lock=True)
                    changed = change(connection, row)
                    revision = self._store(connection, changed, row)
                self._written(changed, revision)
                return changed
            except CorruptFile as error:
                if attempt == 2:
                    raise
                self._recovered(briefing_id, error)
        raise AssertionError("unreachable")

    def history(self, briefing_id: str, *, trashed: bool = False) -> list[HistoryEntry]:
        """Who changed a briefing when, oldest first (`trashed`: one in the trash, for moving a
        library). Raises `BriefingNotFound`."""

        def read(connection: Any) -> list[HistoryEntry]:
            row = connection.execute("SELECT trashed FROM briefings WHERE id = %s", (briefing_id,)).fetchone()
            if row is None or row[0] != trashed:
                raise BriefingNotFound(briefing_id)
            return read_history(connection, briefing_id)

        if not isinstance(briefing_id, str) or not BRIEFING_ID.match(briefing_id):
            raise BriefingNotFound(str(briefing_id))
        return self._db.reading(read)

    def _new_id(self, connection: Any) -> str:
        while True:
            briefing_id = new_id()
            if connection.execute("SELECT 1 FROM briefings WHERE id = %s", (briefing_id,)).fetchone() is None:
                return briefing_id

    # Damage

    def _recovered(self, briefing_id: str, error: CorruptFile) -> Briefing:
        """Set a damaged row aside: the version this handle pinned is written back, else the
        briefing leaves the library (`BriefingDamaged`). Its rows are kept in `quarantine`."""
        if self.read_only:
            raise error
        with self._state:
            held = self._pinned.get(briefing_id)
            kept = copy(held[1]) if held is not None and held[1] is not None else None
        with self._change(f"briefing {briefing_id}") as connection:
            row = connection.execute("SELECT entry, article, work FROM briefings WHERE id = %s FOR UPDATE", (briefing_id,)).fetchone()
            if row is None:
                raise BriefingNotFound(briefing_id)
            entry, article, work = row
            try:
                title = str(json.loads(entry).get("title", ""))[:60]
            except (ValueError, AttributeError):
                title = briefing_id
            number = connection.execute(
                "INSERT INTO quarantine (briefing_id, title, article, work, reason) VALUES (%s, %s, %s, %s, %s) RETURNING id",
                (briefing_id, title, bytes(article).decode("utf-8", "replace"), bytes(work).decode("utf-8", "replace"), error.reason),
            ).fetchone()[0]
            what = f"briefing {title!r} was damaged ({error.reason}); the damaged row is kept in the quarantine table (row {number})"
            if kept is not None:
                current = connection.execute("SELECT revision FROM briefings WHERE id = %s", (briefing_id,)).fetchone()[0]
                self._put(connection, kept, article=True, revision=current)
                message = what + " and the version this window last showed was written back"
            else:
                connection.execute("DELETE FROM briefings WHERE id = %s", (briefing_id,))
                connection.execute("SELECT pg_notify(%s, %s)", (CHANNEL, f"{briefing_id} 0"))
                message = what + " and it could not be recovered: it is no longer listed"
        self.warnings.append(message)
        if kept is None:
            raise BriefingDamaged(briefing_id, message)
        self._articles.pop(briefing_id, None)
        return kept

    # Listing

    def entries(self) -> list[IndexEntry]:
        """Every briefing's listing entry, in the order they were added (no briefing decoded)."""
        return self._db.reading(read_entries)

    def entry(self, briefing_id: str) -> IndexEntry | None:
        """One briefing's listing entry, or None."""
        row = self._db.reading(lambda connection: connection.execute("SELECT entry FROM briefings WHERE id = %s AND NOT trashed", (briefing_id,)).fetchone())
        return decode_entry(row[0]) if row else None
