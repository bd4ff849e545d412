"""Faults that really happen: writers killed mid-write, two writers at once, a full or read-only disk."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

import pytest
from filelock import FileLock

from briefings.edits import AddTag, SetNote
from store import Library, LibraryBusy, SaveQueue, SaveState, WriteFailed
from store import storage
from store.storage import is_temp
from tests.tools.faults import concurrent_writers, kill_writers, new_library
from tests.tools.unprivileged import run_as_nobody

pytestmark = [pytest.mark.unit, pytest.mark.faults]

def test_writers_killed_at_random_moments_lose_nothing_reported(tmp_path: Path) -> None:
    outcome = kill_writers(tmp_path / "library", rounds=200, seed=1234, scratch=tmp_path)
    assert outcome.kills >= 100
    assert outcome.acknowledged >= outcome.kills  # writers got writes done before they died
    assert outcome.problems == []
    assert outcome.warnings == []
    assert not list((tmp_path / "library" / "quarantine").iterdir())
    assert outcome.lost == []


def test_two_processes_writing_the_same_briefing_lose_nothing(tmp_path: Path) -> None:
    assert concurrent_writers(tmp_path / "library", writers=2, operations=240, scratch=tmp_path) == []


def full_disk_after(limit: int):
    """A replacement for the write path that writes `limit` bytes and then finds the disk full."""

    def write_all(fd: int, data: bytes) -> None:
        os.write(fd, data[:limit])
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    return write_all


def test_full_disk_leaves_the_file_intact_and_the_queue_retries(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    library, briefing_id = new_library(tmp_path / "library")
    library.apply(briefing_id, AddTag(0, "fact"))
    path = library.path / "briefings" / f"{briefing_id}.json"
    before = path.read_bytes()
    monkeypatch.setattr(storage, "_write_all", full_disk_after(100))
    with pytest.raises(WriteFailed, match="No space left on device"):
        library.apply(briefing_id, AddTag(1, "claim"))
    assert path.read_bytes() == before
    assert not [p for p in path.parent.iterdir() if is_temp(p.name)]

    states: list[SaveState] = []
    queue = SaveQueue(library, states.append)
    queue.submit(briefing_id, AddTag(2, "claim"))
    queue.submit(briefing_id, SetNote(2, "written while the disk was full"))
    assert not queue.flush(timeout=0.8)
    assert states[-1].status == "not-saved" and "No space left on device" in states[-1].reason
    assert states[-1].pending == 2
    assert path.read_bytes() == before
    monkeypatch.undo()
    assert queue.flush(timeout=10)
    queue.close()
    assert states[-1] == SaveState("saved", 0, "")
    annotation = Library.open(library.path).load(briefing_id).annotation(2)
    assert annotation.tags == {"claim"} and annotation.note == "written while the disk was full"


@pytest.mark.parametrize("how", ["injected EROFS", "injected EACCES", "chmod"])
def test_read_only_folder_keeps_changes_queued_until_writable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest, how: str) -> None:
    if how == "chmod" and os.geteuid() == 0:
        # chmod does not stop root from writing: this case runs again as an unprivileged user.
        result = run_as_nobody(request.node.nodeid)
        assert result.returncode == 0 and "1 passed" in result.stdout, result.stdout[-3000:] + result.stderr[-2000:]
        return
    library, briefing_id = new_library(tmp_path / "library")
    folder = library.path / "briefings"
    before = (folder / f"{briefing_id}.json").read_bytes()
    if how == "chmod":
        folder.chmod(0o555)
        expected = "Permission denied"
    else:
        code = errno.EROFS if how == "injected EROFS" else errno.EACCES

        def refuse(path: Path) -> int:
            raise OSError(code, os.strerror(code), str(path))

        monkeypatch.setattr(storage, "_create", refuse)
        expected = os.strerror(code)
    states: list[SaveState] = []
    queue = SaveQueue(library, states.append)
    try:
        queue.submit(briefing_id, AddTag(3, "fact"))
        assert not queue.flush(timeout=0.8)
        assert states[-1].status == "not-saved" and expected in states[-1].reason
        assert (folder / f"{briefing_id}.json").read_bytes() == before
    finally:
        folder.chmod(0o755)
        monkeypatch.undo()
    assert queue.flush(timeout=10)
    queue.close()
    assert Library.open(library.path).load(briefing_id).annotation(3).tags == {"fact"}


def test_a_busy_library_says_so(tmp_path: Path) -> None:
    library, briefing_id = new_library(tmp_path / "library")
    impatient = Library.open(library.path, lock_timeout=0.1)
    with FileLock(library.path / "library.lock"):
        with pytest.raises(LibraryBusy, match=r"^library is busy \(another Brief is saving\); try again$"):
            impatient.apply(briefing_id, AddTag(0, "fact"))
        with pytest.raises(LibraryBusy):
            Library.open(library.path, lock_timeout=0.1)
    impatient.apply(briefing_id, AddTag(0, "fact"))


def test_save_queue_waits_out_a_busy_library(tmp_path: Path) -> None:
    library, briefing_id = new_library(tmp_path / "library")
    impatient = Library.open(library.path, lock_timeout=0.1)
    states: list[SaveState] = []
    queue = SaveQueue(impatient, states.append)
    with FileLock(library.path / "library.lock"):
        queue.submit(briefing_id, AddTag(5, "fact"))
        assert not queue.flush(timeout=0.6)
        assert states[-1] == SaveState("not-saved", 1, "library is busy (another Brief is saving); try again")
    assert queue.flush(timeout=10)
    queue.close()
    assert library.load(briefing_id).annotation(5).tags == {"fact"}


def test_open_removes_temp_files_of_dead_writers(tmp_path: Path) -> None:
    library, _ = new_library(tmp_path / "library")
    root = library.path
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True).stdout.strip()
    leftovers = [
        root / f".library.json.{dead}.0badf00d.tmp",
        root / "briefings" / f".x.json.{dead}.0badf00d.tmp",
        root / "extractions" / f".y.json.{dead}.0badf00d.tmp",
    ]
    alive = root / "extractions" / f".z.json.{os.getpid()}.0badf00d.tmp"
    for path in [*leftovers, alive]:
        path.write_bytes(b'{"half": ')
    Library.open(root)
    assert [path.exists() for path in leftovers] == [False, False, False]
    assert alive.exists()  # a cache writer that is still running keeps its temp file


def _files_but(root: Path, skip: Path) -> dict[Path, bytes]:
    return {path: path.read_bytes() for path in sorted(root.rglob("*")) if path.is_file() and path != skip}


@pytest.mark.parametrize("where", ["temp file", "rename"])
def test_a_write_that_fails_changes_nothing_at_all(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str) -> None:
    """On a full disk the briefing file is untouched, and so are the index journal and the
    backups (issue 17, point 7: the index recorded a write that never happened)."""
    library, briefing_id = new_library(tmp_path / "library")
    library.apply(briefing_id, AddTag(0, "fact"))
    library.apply(briefing_id, SetNote(1, "kept"))
    library.search("offensive")  # the text index exists too
    path = library.path / "briefings" / f"{briefing_id}.json"
    before = _files_but(library.path, skip=library.path / "library.lock")
    if where == "temp file":
        monkeypatch.setattr(storage, "_write_all", full_disk_after(100))
    else:
        def refuse(source: object, target: object) -> None:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        monkeypatch.setattr(storage.os, "replace", refuse)
    with pytest.raises(WriteFailed):
        library.apply(briefing_id, AddTag(2, "claim"))
    monkeypatch.undo()
    assert _files_but(library.path, skip=library.path / "library.lock") == before
    assert not [p for p in path.parent.iterdir() if is_temp(p.name)]
    # And the next write goes through as if nothing had happened.
    library.apply(briefing_id, AddTag(3, "claim"))
    reopened = Library.open(library.path)
    assert reopened.warnings == []
    assert reopened.load(briefing_id).annotation(3).tags == {"claim"} and 2 not in reopened.load(briefing_id).annotations


def test_a_journal_line_the_disk_took_only_part_of_is_cut_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from store.journal import Journal

    journal = Journal(tmp_path / "j.jsonl")
    journal.append(b'{"a":1}')
    real_write = os.write

    def half(fd: int, data: bytes) -> int:
        return real_write(fd, data[: len(data) // 2])

    monkeypatch.setattr("store.journal.os.write", half)
    with pytest.raises(WriteFailed):
        journal.append(b'{"b":2}')
    assert (tmp_path / "j.jsonl").read_bytes() == b'{"a":1}\n'
