"""Store latency at 100, 1,000 and 10,000 briefings, beside TinyDB JSONStorage and SQLite, same run.

Each library holds briefings of about 5 KB of text in 20 paragraphs (paragraphs of the bundled
sample, shuffled and numbered so that no two briefings are alike), with a few tags and a note.
The briefing files are written directly (the fast bulk path); the first `Library.open` then
rebuilds the index from them.

Measured per size:
    tag update   `Library.apply(id, AddTag(...))`: lock, re-read, apply, atomic write with fsync
                 of file and folder, index journal append. Durable. First on one briefing, as an
                 analyst reviewing it does; then each on a random briefing (which also takes
                 that briefing's once-per-session backup).
    JSONStorage  the same update with plain TinyDB on one file holding every briefing
                 (`table.update`): rewrites the whole file in place, and does not even fsync.
    SQLite       the same update in SQLite (WAL, synchronous=FULL), one row per briefing holding
                 its JSON: read the row, add the tag, write it back, commit. Taking turns with
                 the two tag updates above, so that all three meet the same disk.
    open         `Library.open` of the existing library (index load and checks).
    entries      `Library.entries()`.
    search       `Library.search` for a word in a few briefings, after the text index is loaded;
                 "first search" includes loading it in a fresh `Library`.

And per article length (20, 2,000 and 20,000 paragraphs of about 100 characters, one briefing),
once with a few paragraphs annotated and once with all of them (every paragraph reviewed):
    tag update   the same durable `Library.apply(id, AddTag(...))` on a random paragraph, as the
                 review screen's writer thread runs it on each key press: wall time, and the
                 writer thread's CPU time (`time.thread_time`), of which the user time (the Python
                 work, which holds the GIL) is shown as a mean; the rest is the kernel copying the
                 file into the page cache and freeing the old one, with the GIL released. Waiting
                 for fsync is not CPU time.
    UI late      how late a second thread, waking every 0.5 ms as the UI waits between frames,
                 woke while the updates ran (p99 and worst), beside the same with nothing running.
    after other  the update right after another `Library` handle on the folder wrote the file (a
                 second window): the file is read again, all but the article's bytes.
    SQLite       the reference, same run, taking turns: the same tag update in SQLite (WAL,
                 synchronous=FULL) with one row per annotated paragraph, upserted.

Run: .venv/bin/python benchmarks/store.py [--sizes 100,1000,10000] [--updates 300]
                                          [--lengths 20,2000,20000] [--length-updates 200]
     (an empty list skips that part: --sizes "" measures only article lengths)
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import shutil
import sqlite3
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tinydb import TinyDB  # noqa: E402
from tinydb.storages import JSONStorage  # noqa: E402

from briefings.briefing import Annotation, Briefing  # noqa: E402
from briefings.edits import AddTag, SetReviewed  # noqa: E402
from briefings.model import Article, make_paragraphs  # noqa: E402
from store import Library  # noqa: E402
from store.documents import briefing_to_db, meta_to_db  # noqa: E402
from store.layout import SCHEMA, Layout  # noqa: E402
from store.storage import encode  # noqa: E402

SAMPLE = ROOT / "briefings" / "samples" / "000_6ec8421da3f37b6e.txt"
TAGS = ("fact", "claim", "military", "diplomatic", "sourcing")
PARAGRAPHS = 20


def paragraph_pool() -> list[str]:
    """Paragraphs of the sample, cut or padded to about 250 characters (20 make about 5 KB)."""
    texts = [line.strip() for line in SAMPLE.read_text(encoding="utf-8").split("\n\n") if len(line.strip()) > 80]
    return [(text * 3)[:250].rsplit(" ", 1)[0] + "." for text in texts]


def make_briefing(number: int, pool: list[str], rng: random.Random) -> Briefing:
    texts = [f"[{number}-{i}] {text}" for i, text in enumerate(rng.sample(pool * 2, PARAGRAPHS))]
    article = Article(f"Briefing {number}: {rng.choice(pool)[:60]}", make_paragraphs(texts), source=f"Source {number % 37}")
    annotations = {rng.randrange(PARAGRAPHS): Annotation(frozenset({rng.choice(TAGS)})) for _ in range(3)}
    annotations[0] = Annotation(frozenset({"fact"}), f"note on briefing {number}", True)
    return Briefing(f"b{number:011d}", article, annotations, imported="2025-01-01T00:00:00+00:00", updated="2025-01-01T00:00:00+00:00")


def build_files(root: Path, briefings: list[Briefing]) -> None:
    """Write a library's files directly (no fsync: this is setup, not what is measured)."""
    layout = Layout(root)
    layout.briefings.mkdir(parents=True)
    layout.store_file.write_bytes(encode(meta_to_db(SCHEMA, "2025-01-01T00:00:00+00:00")))
    for briefing in briefings:
        layout.briefing(briefing.id).write_bytes(encode(briefing_to_db(briefing)))


def timed(action: Callable[[], object], repeat: int) -> list[float]:
    """Milliseconds per call."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return times


def tinydb_update(root: Path, briefings: list[Briefing], repeat: int, rng: random.Random) -> list[float]:
    db = TinyDB(root / "single.json", storage=JSONStorage)
    table = db.table("briefings")
    table.insert_multiple({"id": b.id, **briefing_to_db(b)} for b in briefings)
    ids = [b.id for b in briefings]

    def update() -> None:
        paragraph, tag = rng.randrange(PARAGRAPHS), rng.choice(TAGS)

        def add_tag(doc: dict) -> None:
            doc["annotations"][str(len(doc["annotations"]) + 1)] = {"paragraph": paragraph, "tags": [tag], "note": "", "reviewed": False}

        table.update(add_tag, doc_ids=[rng.randrange(len(ids)) + 1])

    times = timed(update, repeat)
    db.close()
    return times


def sqlite_updater(root: Path, briefings: list[Briefing], rng: random.Random) -> tuple[sqlite3.Connection, Callable[[], None]]:
    """A SQLite database of the briefings (one row of JSON each) and a function doing one update."""
    connection = sqlite3.connect(root / "briefings.sqlite", isolation_level=None)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=FULL")
    connection.execute("CREATE TABLE briefings (id TEXT PRIMARY KEY, doc TEXT NOT NULL)")
    connection.execute("BEGIN")
    connection.executemany("INSERT INTO briefings VALUES (?, ?)", ((b.id, json.dumps(briefing_to_db(b))) for b in briefings))
    connection.execute("COMMIT")
    ids = [b.id for b in briefings]

    def update() -> None:
        briefing_id = rng.choice(ids)
        connection.execute("BEGIN IMMEDIATE")
        (doc,) = connection.execute("SELECT doc FROM briefings WHERE id = ?", (briefing_id,)).fetchone()
        data = json.loads(doc)
        paragraph, tag = rng.randrange(PARAGRAPHS), rng.choice(TAGS)
        data["annotations"][str(len(data["annotations"]) + 1)] = {"paragraph": paragraph, "tags": [tag], "note": "", "reviewed": False}
        connection.execute("UPDATE briefings SET doc = ? WHERE id = ?", (json.dumps(data), briefing_id))
        connection.execute("COMMIT")

    return connection, update


def interleaved(actions: list[Callable[[], object]], repeat: int) -> list[list[float]]:
    """Milliseconds per call of each action, taking turns, so that all see the same disk.

    The disks of shared machines have bursts where every flush waits several milliseconds;
    measured one after the other, two stores would be compared across different bursts.
    """
    times: list[list[float]] = [[] for _ in actions]
    for _ in range(repeat):
        for action, bucket in zip(actions, times, strict=True):
            start = time.perf_counter()
            action()
            bucket.append((time.perf_counter() - start) * 1000)
    return times


def median(values: list[float]) -> float:
    return statistics.median(values)


def p90(values: list[float]) -> float:
    return sorted(values)[int(len(values) * 0.9) - 1] if len(values) >= 10 else max(values)


def measure(size: int, updates: int, workdir: Path, pool: list[str]) -> dict[str, float]:
    rng = random.Random(size)
    briefings = [make_briefing(number, pool, rng) for number in range(size)]
    root = workdir / f"library-{size}"
    build_files(root, briefings)
    start = time.perf_counter()
    library = Library.open(root)
    rebuild = (time.perf_counter() - start) * 1000
    ids = [entry.id for entry in library.entries()]
    assert len(ids) == size

    baseline = workdir / f"baseline-{size}"
    baseline.mkdir()
    connection, sqlite_update = sqlite_updater(baseline, briefings, rng)
    reviewing = rng.choice(ids)
    apply_times, random_times, sqlite_times = interleaved(
        [
            lambda: library.apply(reviewing, AddTag(rng.randrange(PARAGRAPHS), rng.choice(TAGS))),
            lambda: library.apply(rng.choice(ids), AddTag(rng.randrange(PARAGRAPHS), rng.choice(TAGS))),
            sqlite_update,
        ],
        updates,
    )
    connection.close()
    open_times = timed(lambda: Library.open(root), 7)
    entries_times = timed(library.entries, 7)
    start = time.perf_counter()
    library.search("militiamen")  # the text index does not exist yet: built from every file
    text_build = (time.perf_counter() - start) * 1000
    first_search = timed(lambda: Library.open(root).search("militiamen 4242"), 1)[0]  # loads the text index
    search_times = timed(lambda: library.search("dempsey [77-"), 7)

    tinydb_repeat = max(3, min(updates, 30_000 // size))
    tinydb_times = tinydb_update(baseline, briefings, tinydb_repeat, rng)
    shutil.rmtree(root)
    shutil.rmtree(baseline)
    return {
        "update": median(apply_times),
        "update_p90": p90(apply_times),
        "random": median(random_times),
        "tinydb": median(tinydb_times),
        "sqlite": median(sqlite_times),
        "sqlite_p90": p90(sqlite_times),
        "open": median(open_times),
        "rebuild": rebuild,
        "text_build": text_build,
        "entries": median(entries_times),
        "first_search": first_search,
        "search": median(search_times),
    }


class Ticker:
    """A thread standing in for the UI: it wakes every `interval` seconds and notes how late it was.

    While another thread holds the GIL the ticker cannot run, so its lateness is the time the UI
    would have been kept from drawing a frame (plus what a busy machine adds: see `idle`).
    """

    def __init__(self, interval: float = 0.0005) -> None:
        self.interval = interval
        self.late: list[float] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            start = time.perf_counter()
            time.sleep(self.interval)
            self.late.append((time.perf_counter() - start - self.interval) * 1000)

    def __enter__(self) -> Ticker:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def p99(self) -> float:
        return sorted(self.late)[int(len(self.late) * 0.99)] if self.late else 0.0

    @classmethod
    def idle(cls, seconds: float) -> Ticker:
        """The lateness of a ticker while nothing else runs: the machine's own noise."""
        with cls() as ticker:
            time.sleep(seconds)
        return ticker


def long_article(paragraphs: int, pool: list[str]) -> Article:
    texts = [f"[{i}] {pool[i % len(pool)][:96]}" for i in range(paragraphs)]
    return Article(f"A long article of {paragraphs:,} paragraphs", make_paragraphs(texts), source="Bench")


def sqlite_annotations(root: Path, rng: random.Random, paragraphs: int) -> tuple[sqlite3.Connection, Callable[[], None]]:
    """SQLite with one row per annotated paragraph, and a function doing one tag update there."""
    connection = sqlite3.connect(root / "annotations.sqlite", isolation_level=None)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=FULL")
    connection.execute("CREATE TABLE annotations (briefing TEXT, paragraph INTEGER, doc TEXT NOT NULL, PRIMARY KEY (briefing, paragraph))")

    def update() -> None:
        paragraph, tag = rng.randrange(paragraphs), rng.choice(TAGS)
        connection.execute("BEGIN IMMEDIATE")
        row = connection.execute("SELECT doc FROM annotations WHERE briefing = 'b' AND paragraph = ?", (paragraph,)).fetchone()
        doc = json.loads(row[0]) if row else {"tags": [], "note": "", "reviewed": False}
        doc["tags"] = sorted(set(doc["tags"]) | {tag})
        connection.execute("INSERT OR REPLACE INTO annotations VALUES ('b', ?, ?)", (paragraph, json.dumps(doc)))
        connection.execute("COMMIT")

    return connection, update


def _user_cpu() -> float:
    """This thread's user CPU time so far (ms). Linux splits a thread's exact CPU time between
    user and kernel by sampling at clock ticks, so only a mean over many calls is meaningful."""
    return resource.getrusage(resource.RUSAGE_THREAD).ru_utime * 1000


def measure_length(paragraphs: int, updates: int, workdir: Path, pool: list[str]) -> dict[str, dict[str, float]]:
    """Tag updates on one briefing of `paragraphs` paragraphs (see the module docstring)."""
    rng = random.Random(paragraphs)
    root = workdir / f"long-{paragraphs}"
    library = Library.open(root)
    briefing_id = library.add_article(long_article(paragraphs, pool)).id
    other = Library.open(root)
    connection, sqlite_update = sqlite_annotations(workdir, rng, paragraphs)
    wall: list[float] = []
    cpu: list[float] = []
    user: list[float] = []

    def update() -> None:
        edit = AddTag(rng.randrange(paragraphs), rng.choice(TAGS))
        start, start_cpu, start_user = time.perf_counter(), time.thread_time(), _user_cpu()
        library.apply(briefing_id, edit)
        user.append(_user_cpu() - start_user)
        cpu.append((time.thread_time() - start_cpu) * 1000)
        wall.append((time.perf_counter() - start) * 1000)

    results = {}
    for density in ("a few", "all"):
        if density == "all":
            library.apply_all(briefing_id, [SetReviewed(index, True) for index in range(paragraphs)])
        library.apply(briefing_id, AddTag(0, "fact"))  # the first edit after opening is not measured
        for bucket in (wall, cpu, user):
            bucket.clear()
        with Ticker() as ticker:
            (sqlite_times,) = interleaved([update, sqlite_update], updates)[1:]
        after_other = []
        for _ in range(max(5, updates // 10)):
            other.apply(briefing_id, AddTag(rng.randrange(paragraphs), "claim"))
            after_other += timed(lambda: library.apply(briefing_id, AddTag(rng.randrange(paragraphs), "fact")), 1)
        results[density] = {
            "size": library.path.joinpath("briefings", f"{briefing_id}.json").stat().st_size,
            "wall": median(wall),
            "wall_p90": p90(wall),
            "cpu": median(cpu),
            "cpu_p90": p90(cpu),
            "user": statistics.fmean(user),
            "ui_p99": ticker.p99(),
            "ui_max": max(ticker.late),
            "after_other": median(after_other),
            "sqlite": median(sqlite_times),
        }
    connection.close()
    shutil.rmtree(root)
    (workdir / "annotations.sqlite").unlink()
    return results


def print_lengths(results: dict[int, dict[str, dict[str, float]]], idle: Ticker) -> None:
    print(
        "| paragraphs | annotated | file | tag update median (p90) | writer CPU median (p90) | of which Python, "
        "mean | UI thread late p99 (max) | after another window | SQLite rows | update / SQLite |"
    )
    print("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for paragraphs, by_density in results.items():
        for density, r in by_density.items():
            print(
                f"| {paragraphs:,} | {density} | {r['size'] / 1e6:.2f} MB | {r['wall']:.2f} ms ({r['wall_p90']:.2f}) | "
                f"{r['cpu']:.2f} ms ({r['cpu_p90']:.2f}) | {r['user']:.2f} ms | "
                f"{r['ui_p99']:.1f} ms ({r['ui_max']:.1f}) | {r['after_other']:.1f} ms | {r['sqlite']:.2f} ms | "
                f"{r['wall'] / r['sqlite']:.1f}x |"
            )
    first, last = results[min(results)]["a few"], results[max(results)]["a few"]
    print()
    print(
        f"Tag update at {max(results):,} vs {min(results):,} paragraphs: wall {last['wall'] / first['wall']:.1f}x, "
        f"writer CPU {last['cpu'] / first['cpu']:.1f}x, of which Python {last['user'] / first['user']:.1f}x (flat is 1.0). "
        "The kernel's share (copying the file into the page cache, freeing the old one) grows with the file."
    )
    print(f"UI thread lateness with nothing else running, same run: p99 {idle.p99():.1f} ms (max {max(idle.late):.1f}).")
    print("Target: writer CPU per tag update well under one frame (16 ms) at 20,000 paragraphs.")


def print_sizes(results: dict[int, dict[str, float]]) -> None:
    sizes = list(results)
    print(
        "| briefings | tag update median (p90) | same, random briefing | TinyDB JSONStorage | SQLite WAL FULL median (p90) "
        "| update / SQLite | open | entries() | first search | search |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for size, r in results.items():
        print(
            f"| {size:,} | {r['update']:.2f} ms ({r['update_p90']:.2f}) | {r['random']:.2f} ms | {r['tinydb']:.1f} ms | "
            f"{r['sqlite']:.2f} ms ({r['sqlite_p90']:.2f}) | {r['update'] / r['sqlite']:.2f}x | {r['open']:.1f} ms | "
            f"{r['entries']:.2f} ms | {r['first_search']:.0f} ms | {r['search']:.1f} ms |"
        )
    first, last = results[sizes[0]], results[sizes[-1]]
    print()
    print(f"Tag update at {sizes[-1]:,} vs {sizes[0]:,} briefings: {last['update'] / first['update']:.2f}x (flat is 1.0).")
    rebuilds = ", ".join(f"{size:,}: {results[size]['rebuild'] / 1000:.1f} s" for size in sizes)
    print(f"Index rebuild on first open (files written directly): {rebuilds}.")
    builds = ", ".join(f"{size:,}: {results[size]['text_build'] / 1000:.1f} s" for size in sizes)
    print(f"Text index built on the first search after that: {builds}.")
    print("Targets: update median <= 1.5 ms and flat; <= 3x SQLite; open < 50 ms at 10,000; search < 200 ms.")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000,10000", help="library sizes, comma-separated")
    parser.add_argument("--updates", type=int, default=300, help="tag updates measured per size")
    parser.add_argument("--lengths", default="20,2000,20000", help="article lengths in paragraphs, comma-separated")
    parser.add_argument("--length-updates", type=int, default=200, help="tag updates measured per article length")
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",") if size]
    lengths = [int(length) for length in args.lengths.split(",") if length]
    pool = paragraph_pool()
    results = {}
    long_results: dict[int, dict[str, dict[str, float]]] = {}
    with tempfile.TemporaryDirectory(prefix="brief-store-bench-") as workdir:
        for size in sizes:
            print(f"measuring {size} briefings ...", file=sys.stderr, flush=True)
            results[size] = measure(size, args.updates, Path(workdir), pool)
        for length in lengths:
            print(f"measuring a briefing of {length} paragraphs ...", file=sys.stderr, flush=True)
            long_results[length] = measure_length(length, args.length_updates, Path(workdir), pool)
    if results:
        print_sizes(results)
    if long_results:
        if results:
            print()
        print_lengths(long_results, Ticker.idle(3.0))


if __name__ == "__main__":
    main()
