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

    def place(self, root: Path) -> Path:
        """Where a new library for one test goes (a folder; a database named after it)."""
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


BACKENDS: dict[str, type[Kit]] = {"folder": FolderKit}


def open_library(kit: Kit, where: Path) -> LibraryStore:
    """A new handle on the library at `where` (as another window or process opens it)."""
    return kit.backend.open(where, lock_timeout=10.0)
