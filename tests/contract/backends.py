"""The backends the contract suite runs against, and what the suite needs to do to each beyond the
interface: make a library of an older and of a newer schema, and damage a briefing as a disk
fault or another program would.

A new backend (the PostgreSQL one) adds a `Kit` here and its name to `BACKENDS`; the tests in
this folder then run against it unchanged.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Protocol

from store import LibraryBackend, LibraryStore

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "store"


class Kit(Protocol):
    """A backend, and how the suite sets up what the interface cannot make."""

    backend: LibraryBackend

    def place(self, root: Path) -> Path | str:
        """Where a new library for one test goes (a folder, or the URL of a new database)."""
        ...

    def make_older(self, where: Path) -> tuple[int, set[str]]:
        """A library of an older schema at `where`: its schema, and the ids of its briefings."""
        ...

    def make_newer(self, where: Path) -> None:
        """Mark the library at `where` (closed) as written by a newer Brief."""
        ...

    def damage(self, where: Path, briefing_id: str) -> bytes:
        """Damage one briefing of the closed library at `where` beyond reading; what it now holds."""
        ...

    def set_aside(self, where: Path) -> list[bytes]:
        """What the library has set aside as damaged (never deleted)."""
        ...


class FolderKit:
    """The library folder (TinyDB files)."""

    def __init__(self) -> None:
        from store.folder import FOLDER

        self.backend: LibraryBackend = FOLDER

    def place(self, root: Path) -> Path:
        return root / "library"

    def make_older(self, where: Path) -> tuple[int, set[str]]:
        shutil.copytree(FIXTURES / "schema1", where)
        return 1, {"4f2a9c1e7b3d", "9d81b07c22e5"}

    def make_newer(self, where: Path) -> None:
        store_file = where / "library.json"
        data = json.loads(store_file.read_text())
        data["library"]["1"]["schema"] += 1
        store_file.write_text(json.dumps(data))

    def damage(self, where: Path, briefing_id: str) -> bytes:
        path = where / "briefings" / f"{briefing_id}.json"
        damaged = path.read_bytes()[: len(path.read_bytes()) // 2]  # a write cut short
        path.write_bytes(damaged)
        return damaged

    def set_aside(self, where: Path) -> list[bytes]:
        folder = where / "quarantine"
        return [path.read_bytes() for path in sorted(folder.iterdir())] if folder.is_dir() else []


class PostgresKit:
    """A library on the run's throwaway PostgreSQL server (`tests.tools.postgres`), one
    database per test; `where` is its URL."""

    def __init__(self, server: object) -> None:
        from store.postgres import POSTGRES

        self.backend: LibraryBackend = POSTGRES
        self.server = server

    def place(self, root: Path) -> str:  # type: ignore[override]
        return self.server.url(self.server.create_database())  # type: ignore[attr-defined]

    def _sql(self, where: str, *statements: str) -> list[tuple]:
        import psycopg

        with psycopg.connect(where) as connection:
            rows: list[tuple] = []
            for statement in statements:
                cursor = connection.execute(statement)
                rows = cursor.fetchall() if cursor.description else rows
            return rows

    def make_older(self, where: str) -> tuple[int, set[str]]:  # type: ignore[override]
        """A library of schema 1: one made now, with steps 2 (search places, questions), 3
        (histories) and 4 (actor rows) taken back."""
        from briefings.model import Article, make_paragraphs

        library = self.backend.open(where)
        ids = {library.add_article(Article(title, make_paragraphs([f"{title} one.", f"{title} two."]))).id for title in ("Alpha", "Bravo")}
        library.close()  # type: ignore[attr-defined]
        self._sql(
            where,
            "DROP TABLE extraction_actors",
            "DROP INDEX briefings_listed",
            "ALTER TABLE extractions DROP COLUMN actors_kept",
            "DROP TABLE briefing_history",
            "DROP TABLE settings_history",
            "DROP TABLE search_places",
            "ALTER TABLE briefings DROP COLUMN questions",
            "ALTER TABLE briefings DROP COLUMN updated",
            "UPDATE schema_version SET version = 1",
        )
        return 1, ids

    def make_newer(self, where: str) -> None:  # type: ignore[override]
        self._sql(where, "UPDATE schema_version SET version = version + 1")

    def damage(self, where: str, briefing_id: str) -> bytes:  # type: ignore[override]
        import psycopg

        with psycopg.connect(where) as connection:
            (work,) = connection.execute("SELECT work FROM briefings WHERE id = %s", (briefing_id,)).fetchone()
            damaged = bytes(work)[: len(bytes(work)) // 2]  # a document cut short
            connection.execute("UPDATE briefings SET work = %s WHERE id = %s", (damaged, briefing_id))
        return damaged

    def set_aside(self, where: str) -> list[bytes]:  # type: ignore[override]
        return [work.encode("utf-8") for (work,) in self._sql(where, "SELECT work FROM quarantine ORDER BY id")]


BACKENDS: dict[str, type] = {"folder": FolderKit, "postgresql": PostgresKit}


def make_kit(name: str, request: object) -> Kit:
    """The kit of a backend for one test (the PostgreSQL one on the run's server)."""
    if name == "postgresql":
        return PostgresKit(request.getfixturevalue("postgres_server"))  # type: ignore[attr-defined]
    return BACKENDS[name]()


def open_library(kit: Kit, where: Path) -> LibraryStore:
    """A new handle on the library at `where` (as another window or process opens it)."""
    return kit.backend.open(where, lock_timeout=10.0)
