"""Faults that really happen: writers killed mid-write, two writers at once, a full or read-only disk."""

from __future__ import annotations

import contextlib
import errno
import json
import os
import random
import select
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from filelock import FileLock

from briefings.edits import AddTag, SetNote
from briefings.model import Article, make_paragraphs
from store import Library, LibraryBusy, SaveQueue, SaveState, WriteFailed
from store import storage
from store.storage import is_temp, read_db

PARAGRAPHS = 30

# A small program that forks one writer per line it reads: each writer opens the library and tags
# paragraphs in a loop, printing every write that returned. Forking from an interpreter that has
# already imported the store makes each writer start in milliseconds, so a test can kill well
# over a hundred of them at random moments (during open and housekeeping, while holding the lock,
# in the middle of a temp file, between the rename and the index) in a few seconds.
KILLED_WRITERS = textwrap.dedent(
    """
    import os, sys
    from pathlib import Path
    from briefings.edits import AddTag, SetNote
    from store import Library

    root, briefing_id, paragraphs = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    for line in sys.stdin:
        start = int(line)
        pid = os.fork()
        if pid == 0:
            try:
                library = Library.open(root, lock_timeout=30)
                os.write(1, b"ready\\n")
                n = start
                while True:
                    if n % 7 == 0:
                        library.apply(briefing_id, SetNote(n % paragraphs, f"note {n}"))
                    else:
                        library.apply(briefing_id, AddTag(n % paragraphs, f"k{n}"))
                    os.write(1, f"done {n}\\n".encode())
                    n += 1
            finally:
                os._exit(3)
        os.write(1, f"pid {pid}\\n".encode())
        _, status = os.waitpid(pid, 0)
        os.write(1, f"exit {pid} {status}\\n".encode())
    """
)

CONCURRENT_WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from briefings.briefing import Question
    from briefings.edits import AddTag, PutQuestion, SetNote
    from store import Library

    root, briefing_id, name, operations, side = Path(sys.argv[1]), sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
    library = Library.open(root, lock_timeout=30)
    for n in range(operations):
        if n % 4 == 3:
            library.apply(briefing_id, PutQuestion(Question(f"{name}{n}", f"question {name} {n}", paragraph=n % 30)))
        elif n % 4 == 2:
            library.apply(briefing_id, SetNote(2 * (n % 15) + side, f"{name} {n}"))
        else:
            library.apply(briefing_id, AddTag(n % 30, f"{name}{n}"))
    """
)


def new_library(root: Path) -> tuple[Library, str]:
    library = Library.open(root)
    texts = [f"Paragraph {i} about the offensive near Tikrit, with detail number {i * 7}." for i in range(PARAGRAPHS)]
    result = library.add_article(Article("Tikrit", make_paragraphs(texts), source="Test"))
    return library, result.id


def assert_every_file_parses(root: Path) -> None:
    for path in [root / "library.json", *sorted((root / "briefings").glob("*.json"))]:
        read_db(path)
    for line in (root / "index" / "entries.jsonl").read_bytes().splitlines():
        json.loads(line)
    text = root / "index" / "search.tsv"
    for line in text.read_text("utf-8").split("\n")[:-1] if text.exists() else []:
        assert len(line.split("\t", 5)) in ((3,) if line.startswith("@") else (2, 6))


def read_lines(stream: object, deadline: float) -> list[str]:
    """Lines available on a pipe right now (waiting at most until `deadline` for the first)."""
    fd = stream.fileno()  # type: ignore[attr-defined]
    ready, _, _ = select.select([fd], [], [], max(0.0, deadline - time.monotonic()))
    return os.read(fd, 65536).decode().splitlines(keepends=True) if ready else []


def test_writers_killed_at_random_moments_lose_nothing_reported(tmp_path: Path) -> None:
    root = tmp_path / "library"
    _, briefing_id = new_library(root)
    script = tmp_path / "writers.py"
    script.write_text(KILLED_WRITERS)
    process = subprocess.Popen(
        [sys.executable, str(script), str(root), briefing_id, str(PARAGRAPHS)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
    )
    rng = random.Random(1234)
    done: set[int] = set()
    kills = 0
    write_time = 0.002  # seconds per write, adjusted as the test runs (disks here vary tenfold)
    try:
        for round_number in range(200):
            process.stdin.write(f"{round_number * 100_000}\n".encode())  # type: ignore[union-attr]
            process.stdin.flush()  # type: ignore[union-attr]
            buffer = ""
            deadline = time.monotonic() + 30
            # One round in ten dies while opening the library (housekeeping after the last kill);
            # the others after a random part of a few writes.
            wanted = "pid " if round_number % 10 == 0 else "ready"
            while wanted not in buffer:
                buffer += "".join(read_lines(process.stdout, deadline))
                assert time.monotonic() < deadline, "writer did not start"
            time.sleep(rng.uniform(0.0, 4 * write_time))
            while "pid " not in buffer:
                buffer += "".join(read_lines(process.stdout, deadline))
            pid = int(buffer.split("pid ", 1)[1].split()[0])
            with contextlib.suppress(ProcessLookupError):  # checked below: it must not die on its own
                os.kill(pid, signal.SIGKILL)
            kills += 1
            while f"exit {pid} " not in buffer:
                buffer += "".join(read_lines(process.stdout, deadline))
                assert time.monotonic() < deadline, "writer did not exit"
            status = int(buffer.split(f"exit {pid} ", 1)[1].split()[0])
            assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL, f"writer failed by itself ({status})"
            written = [int(line.split()[1]) for line in buffer.splitlines() if line.startswith("done ")]
            done.update(written)
            if round_number % 10:  # aim at a few writes per round, however slow the disk is today
                write_time *= 1.5 if not written else 0.7 if len(written) > 4 else 1.0
                write_time = min(max(write_time, 0.0005), 0.2)
    finally:
        process.stdin.close()  # type: ignore[union-attr]
        process.wait(timeout=30)

    assert kills >= 100
    assert len(done) >= kills  # writers got writes done before they died
    assert_every_file_parses(root)
    library = Library.open(root)
    assert library.warnings == []
    assert not list((root / "quarantine").iterdir())
    assert not [p for folder in (root, root / "briefings", root / "index") for p in folder.iterdir() if is_temp(p.name)]
    briefing = library.load(briefing_id)
    missing = [n for n in done if n % 7 and f"k{n}" not in briefing.annotation(n % PARAGRAPHS).tags]
    assert missing == []
    last_note = {n % PARAGRAPHS: n for n in sorted(done) if n % 7 == 0}
    for paragraph, n in last_note.items():
        # A later write may have completed without being reported, so the note is this one or later.
        note = briefing.annotation(paragraph).note
        assert note.startswith("note ") and int(note.split()[1]) >= n
    (entry,) = library.entries()
    assert entry.tag_counts == briefing.tag_counts()


def test_two_processes_writing_the_same_briefing_lose_nothing(tmp_path: Path) -> None:
    root = tmp_path / "library"
    _, briefing_id = new_library(root)
    script = tmp_path / "writer.py"
    script.write_text(CONCURRENT_WRITER)
    operations = 240
    writers = [
        subprocess.Popen([sys.executable, str(script), str(root), briefing_id, name, str(operations), str(side)])
        for side, name in enumerate(("a", "b"))
    ]
    assert [writer.wait(timeout=120) for writer in writers] == [0, 0]
    briefing = Library.open(root).load(briefing_id)
    for side, name in enumerate(("a", "b")):
        for n in range(operations):
            if n % 4 == 3:
                assert briefing.questions[f"{name}{n}"].text == f"question {name} {n}"
            elif n % 4 == 2:
                last = max(m for m in range(operations) if m % 4 == 2 and m % 15 == n % 15)
                assert briefing.annotation(2 * (n % 15) + side).note == f"{name} {last}"
            else:
                assert f"{name}{n}" in briefing.annotation(n % 30).tags
    assert len(briefing.questions) == 2 * (operations // 4)


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
def test_read_only_folder_keeps_changes_queued_until_writable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: str) -> None:
    library, briefing_id = new_library(tmp_path / "library")
    folder = library.path / "briefings"
    before = (folder / f"{briefing_id}.json").read_bytes()
    if how == "chmod":
        if os.geteuid() == 0:
            pytest.skip("running as root: chmod does not stop root from writing (the injected variants cover this)")
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
