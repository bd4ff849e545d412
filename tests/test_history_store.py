"""The library folder keeps a briefing's history in the briefing's own file: a change and its
entry land in one atomic write, or neither does; a copy brought back keeps its history."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from briefings.edits import AddTag, SetNote
from store import Library, WriteFailed, storage
from store.documents import briefing_to_db
from store.storage import read_db
from tests.tools.faults import new_library

pytestmark = pytest.mark.unit


def kinds(library: Library, briefing_id: str) -> list[tuple[str, str, int | None]]:
    return [(entry.who, entry.kind, entry.paragraph) for entry in library.history(briefing_id)]


def test_a_write_the_disk_refuses_leaves_neither_change_nor_entry(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    library, briefing_id = new_library(tmp_path / "library")
    library.analyst = "Ada"
    library.apply(briefing_id, AddTag(0, "fact"))
    path = library.path / "briefings" / f"{briefing_id}.json"
    before, history = path.read_bytes(), library.history(briefing_id)

    def full(fd: int, data: bytes) -> None:
        os.write(fd, data[:100])
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(storage, "_write_all", full)
    with pytest.raises(WriteFailed):
        library.apply(briefing_id, SetNote(1, "never saved"))
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert library.history(briefing_id) == history == Library.open(library.path).history(briefing_id)
    library.apply(briefing_id, SetNote(1, "saved"))
    assert kinds(Library.open(library.path), briefing_id)[-2:] == [("Ada", "tag", 0), ("Ada", "note", 1)]


def test_entries_are_appended_to_the_file_as_a_fresh_encoding_would_write_them(tmp_path: Path) -> None:
    library, briefing_id = new_library(tmp_path / "library")
    other = Library.open(library.path)
    for paragraph in range(3):
        library.apply(briefing_id, AddTag(paragraph, "fact"))
        other.apply(briefing_id, SetNote(paragraph, f"note {paragraph}"))  # read again, then appended
    data = read_db(library.path / "briefings" / f"{briefing_id}.json")
    fresh = Library.open(library.path)
    briefing = fresh.load(briefing_id)
    version = data["briefing"]["1"]["version"]
    assert data == briefing_to_db(briefing, version, tuple(fresh.history(briefing_id)))
    assert len(fresh.history(briefing_id)) == 1 + 6
    assert list(data["history"]) == [str(n) for n in range(1, 8)]


def test_a_briefing_restored_from_its_backup_keeps_its_history(tmp_path: Path) -> None:
    library, briefing_id = new_library(tmp_path / "library")
    library.analyst = "Ada"
    library.apply(briefing_id, AddTag(0, "fact"))
    library.apply(briefing_id, AddTag(1, "fact"))  # the backup is the file before this write
    path = library.path / "briefings" / f"{briefing_id}.json"
    path.write_bytes(path.read_bytes()[:200])  # damaged by another program
    fresh = Library.open(library.path)
    fresh.load(briefing_id)
    assert any("backup" in warning for warning in fresh.warnings)
    assert kinds(fresh, briefing_id)[-1] == ("Ada", "tag", 0)
    assert kinds(Library.open(library.path), briefing_id)[-1] == ("Ada", "tag", 0)
