"""Fault campaigns on the store, shared by the fault tests (a few hundred faults) and
`benchmarks/faults.py` (thousands, with counts for the README).

- `kill_writers`: writer processes SIGKILLed at random moments (while opening the library, holding
  the lock, in the middle of a temp file, between the rename and the index); every write a
  writer reported done must be on disk, and every file readable.
- `concurrent_writers`: several processes editing one briefing at once; nothing may be lost.
- `full_disk`: writes that fail at every step a disk can refuse (creating the temp file, part way
  through it, its fsync, the rename, the folder's fsync, the index journal); each failed write
  must change nothing, and the save queue must save the change once the disk recovers.
"""

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
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from briefings.edits import AddTag
from briefings.model import Article, make_paragraphs
from store import Library, SaveQueue, WriteFailed, storage
from store.storage import is_temp, read_db

PARAGRAPHS = 30

# A small program that forks one writer per line it reads: each writer opens the library and tags
# paragraphs in a loop, printing every write that returned. Forking from an interpreter that has
# already imported the store makes each writer start in milliseconds, so a campaign can kill
# hundreds of them at random moments in a few seconds.
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
    from store import Desk

    root, briefing_id, name, operations, side = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
    library = Desk.open(root if "://" in root else Path(root), lock_timeout=60).library  # a folder or a server
    for n in range(operations):
        if n % 4 == 3:
            library.apply(briefing_id, PutQuestion(Question(f"{name}{n}", f"question {name} {n}", paragraph=n % 30)))
        elif n % 4 == 2:
            library.apply(briefing_id, SetNote(2 * (n % 15) + side % 2, f"{name} {n}"))
        else:
            library.apply(briefing_id, AddTag(n % 30, f"{name}{n}"))
    """
)


def new_library(root: Path) -> tuple[Library, str]:
    """A library with one briefing of `PARAGRAPHS` paragraphs."""
    library = Library.open(root)
    texts = [f"Paragraph {i} about the offensive near Tikrit, with detail number {i * 7}." for i in range(PARAGRAPHS)]
    result = library.add_article(Article("Tikrit", make_paragraphs(texts), source="Test"))
    return library, result.id


def unreadable_files(root: Path) -> list[str]:
    """Library files that do not parse, and leftover temp files."""
    problems = []
    for path in [root / "library.json", *sorted((root / "briefings").glob("*.json"))]:
        try:
            read_db(path)
        except Exception as error:  # noqa: BLE001 - any failure to read is what is counted
            problems.append(f"{path.name}: {error}")
    for line in (root / "index" / "entries.jsonl").read_bytes().splitlines():
        try:
            json.loads(line)
        except ValueError:
            problems.append(f"index line {line[:40]!r}")
    text = root / "index" / "search.tsv"
    for line in text.read_text("utf-8").split("\n")[:-1] if text.exists() else []:
        if len(line.split("\t", 5)) not in ((3,) if line.startswith("@") else (2, 6)):
            problems.append(f"search line {line[:40]!r}")
    return problems


def _read_lines(stream: object, deadline: float) -> list[str]:
    fd = stream.fileno()  # type: ignore[attr-defined]
    ready, _, _ = select.select([fd], [], [], max(0.0, deadline - time.monotonic()))
    return os.read(fd, 65536).decode().splitlines(keepends=True) if ready else []


@dataclass
class KillOutcome:
    """What a campaign of killed writers found."""

    kills: int = 0
    acknowledged: int = 0
    lost: list[int] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def kill_writers(root: Path, rounds: int, seed: int, scratch: Path) -> KillOutcome:
    """Start `rounds` writers on a new library in `root`, SIGKILL each at a random moment, and
    check that every write a writer reported done is there (see the module docstring)."""
    _, briefing_id = new_library(root)
    script = scratch / "writers.py"
    script.write_text(KILLED_WRITERS)
    process = subprocess.Popen([sys.executable, str(script), str(root), briefing_id, str(PARAGRAPHS)], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    rng = random.Random(seed)
    done: set[int] = set()
    outcome = KillOutcome()
    write_time = 0.002  # seconds per write, adjusted as the campaign runs (disks here vary tenfold)
    try:
        for round_number in range(rounds):
            process.stdin.write(f"{round_number * 100_000}\n".encode())  # type: ignore[union-attr]
            process.stdin.flush()  # type: ignore[union-attr]
            buffer = ""
            deadline = time.monotonic() + 30
            # One round in ten dies while opening the library (housekeeping after the last kill);
            # the others after a random part of a few writes.
            wanted = "pid " if round_number % 10 == 0 else "ready"
            while wanted not in buffer:
                buffer += "".join(_read_lines(process.stdout, deadline))
                if time.monotonic() > deadline:
                    raise AssertionError("writer did not start")
            time.sleep(rng.uniform(0.0, 4 * write_time))
            while "pid " not in buffer:
                buffer += "".join(_read_lines(process.stdout, deadline))
            pid = int(buffer.split("pid ", 1)[1].split()[0])
            with contextlib.suppress(ProcessLookupError):  # checked below: it must not die on its own
                os.kill(pid, signal.SIGKILL)
            outcome.kills += 1
            while f"exit {pid} " not in buffer:
                buffer += "".join(_read_lines(process.stdout, deadline))
                if time.monotonic() > deadline:
                    raise AssertionError("writer did not exit")
            status = int(buffer.split(f"exit {pid} ", 1)[1].split()[0])
            if not (os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL):
                raise AssertionError(f"writer failed by itself ({status})")
            written = [int(line.split()[1]) for line in buffer.splitlines() if line.startswith("done ")]
            done.update(written)
            if round_number % 10:  # aim at a few writes per round, however slow the disk is today
                write_time *= 1.5 if not written else 0.7 if len(written) > 4 else 1.0
                write_time = min(max(write_time, 0.0005), 0.2)
    finally:
        process.stdin.close()  # type: ignore[union-attr]
        process.wait(timeout=30)
    outcome.acknowledged = len(done)
    outcome.problems = unreadable_files(root)
    library = Library.open(root)
    # The last writer killed may leave its temp file; opening the library must sweep it away.
    outcome.problems += [p.name for folder in (root, root / "briefings", root / "index") for p in folder.iterdir() if is_temp(p.name)]
    outcome.warnings = list(library.warnings)
    briefing = library.load(briefing_id)
    outcome.lost = [n for n in done if n % 7 and f"k{n}" not in briefing.annotation(n % PARAGRAPHS).tags]
    for paragraph, n in {n % PARAGRAPHS: n for n in sorted(done) if n % 7 == 0}.items():
        # A later write may have completed without being reported, so the note is this one or later.
        note = briefing.annotation(paragraph).note
        if not (note.startswith("note ") and int(note.split()[1]) >= n):
            outcome.lost.append(n)
    (entry,) = library.entries()
    if entry.tag_counts != briefing.tag_counts():
        outcome.problems.append("the index counts differ from the briefing")
    return outcome


def concurrent_writers(root: Path | str, writers: int, operations: int, scratch: Path) -> list[str]:
    """`writers` processes × `operations` edits on one briefing at once; returns what was lost.
    `root` is a library folder, or the URL of a library on a PostgreSQL server."""
    from store import Desk

    library = Desk.open(root).library
    texts = [f"Paragraph {i} about the offensive near Tikrit, with detail number {i * 7}." for i in range(PARAGRAPHS)]
    briefing_id = library.add_article(Article("Tikrit", make_paragraphs(texts), source="Test")).id
    script = scratch / "writer.py"
    script.write_text(CONCURRENT_WRITER)
    names = [chr(ord("a") + number) for number in range(writers)]
    processes = [
        subprocess.Popen([sys.executable, str(script), str(root), briefing_id, name, str(operations), str(side)])
        for side, name in enumerate(names)
    ]
    codes = [process.wait(timeout=600) for process in processes]
    lost = [f"writer {name} failed ({code})" for name, code in zip(names, codes, strict=True) if code]
    briefing = Desk.open(root).library.load(briefing_id)
    for side, name in enumerate(names):
        for n in range(operations):
            if n % 4 == 3:
                if briefing.questions.get(f"{name}{n}") is None:
                    lost.append(f"question {name}{n}")
            elif n % 4 == 2:
                # Writers on the same side share notes: the last of any of them wins.
                note = briefing.annotation(2 * (n % 15) + side % 2).note
                if not note:
                    lost.append(f"note of {name} {n}")
            elif f"{name}{n}" not in briefing.annotation(n % 30).tags:
                lost.append(f"tag {name}{n}")
    return lost


# Full disk


STEPS = ("create", "write", "fsync", "rename", "folder fsync", "journal")


@contextlib.contextmanager
def disk_refusing(step: str, after: int = 0) -> Iterator[None]:
    """Make the store's writes fail with ENOSPC at `step` (one of `STEPS`); for "write", after
    `after` bytes of the temp file."""
    full = OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
    saved = {name: getattr(storage, name) for name in ("_create", "_write_all", "fsync_dir")}
    real_fsync, real_replace, real_write = os.fsync, os.replace, os.write
    journal_write = os.write

    def fail(*_: object, **__: object) -> None:
        raise full

    def partial(fd: int, data: bytes) -> None:
        os.write(fd, data[:after])
        raise full

    def journal(fd: int, data: bytes) -> int:
        if isinstance(data, bytes) and data.endswith(b"\n") and data.startswith(b'{"'):  # an index line
            raise full
        return journal_write(fd, data)

    try:
        if step == "create":
            storage._create = fail  # type: ignore[assignment]
        elif step == "write":
            storage._write_all = partial  # type: ignore[assignment]
        elif step == "fsync":
            storage.os.fsync = fail  # type: ignore[assignment]
        elif step == "rename":
            storage.os.replace = fail  # type: ignore[assignment]
        elif step == "folder fsync":
            storage.fsync_dir = fail  # type: ignore[assignment]
        elif step == "journal":
            os.write = journal  # type: ignore[assignment]
        yield
    finally:
        for name, value in saved.items():
            setattr(storage, name, value)
        os.fsync, os.replace, os.write = real_fsync, real_replace, real_write  # type: ignore[assignment]


@dataclass
class FullDiskOutcome:
    """What a full-disk campaign found."""

    failures: int = 0
    changed_on_failure: list[str] = field(default_factory=list)
    lost_after_recovery: list[str] = field(default_factory=list)
    seconds_to_save: list[float] = field(default_factory=list)


def _snapshot(root: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(root)): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file() and path.name != "library.lock"
    }


def full_disk(root: Path, rounds: int, seed: int) -> FullDiskOutcome:
    """`rounds` writes refused at a random step: each must change nothing (but for a refused
    final fsync of the folder, after which the new file is in place: it must be the whole new
    version), and a save queue holding the change must save it once the disk recovers."""
    library, briefing_id = new_library(root)
    library.search("offensive")  # the text index exists too
    rng = random.Random(seed)
    outcome = FullDiskOutcome()
    for number in range(rounds):
        step = rng.choice(STEPS)
        before = _snapshot(root)
        edit = AddTag(number % PARAGRAPHS, f"t{number}")
        refused = False
        with disk_refusing(step, after=rng.randrange(0, 4000)):
            try:
                library.apply(briefing_id, edit)
            except WriteFailed as error:
                refused = True
                replaced = error.replaced
        if not refused:
            continue  # the step was not reached (the journal is written after the file)
        outcome.failures += 1
        after = _snapshot(root)
        if not replaced and after != before:
            changed = sorted(name for name in set(before) | set(after) if before.get(name) != after.get(name))
            outcome.changed_on_failure.append(f"{step}: {changed}")
        # The queue keeps the change while the disk refuses and saves it once it recovers.
        states: list[object] = []
        queue = SaveQueue(library, states.append)
        with disk_refusing(step, after=0):
            queue.submit(briefing_id, edit)
            queue.flush(timeout=0.2)
        started = time.monotonic()
        saved = queue.flush(timeout=30)
        queue.close()
        outcome.seconds_to_save.append(time.monotonic() - started)
        if not saved or f"t{number}" not in Library.open(root).load(briefing_id).annotation(number % PARAGRAPHS).tags:
            outcome.lost_after_recovery.append(f"{step}: t{number}")
    return outcome
