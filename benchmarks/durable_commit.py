"""The floor under a team library's timings: what the database engines themselves take, before any
of Brief's code. Measured in one run, on a throwaway PostgreSQL server with `fsync` and
`synchronous_commit` on (tests/tools/postgres.py) beside SQLite in WAL mode with
`synchronous=FULL`, both on this machine's disk:

- a durable tag update: one transaction that changes one paragraph's tags and appends the change
  to the briefing's history (who, when, the edit record as JSON), committed;
- a change reaching another connection: from a commit that sends NOTIFY to the notification
  arriving on a second connection that LISTENs (PostgreSQL only; SQLite has no such thing).

The PostgreSQL library's own benchmarks (issue 15) set their figures beside these.

Run: .venv/bin/python -m benchmarks.durable_commit [--updates 300]
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import psycopg  # noqa: E402

from tests.tools.postgres import PostgresServer  # noqa: E402

EDIT = {"kind": "add_tag", "paragraph": 0, "tag": "key judgment"}


def _summary(name: str, seconds: list[float]) -> str:
    ordered = sorted(seconds)
    p95 = ordered[int(0.95 * (len(ordered) - 1))]
    return f"{name:<50} median {statistics.median(ordered) * 1000:7.2f} ms   p95 {p95 * 1000:7.2f} ms   (n={len(ordered)})"


def _timed(count: int, step: Callable[[int], None]) -> list[float]:
    times = []
    for number in range(count):
        started = time.perf_counter()
        step(number)
        times.append(time.perf_counter() - started)
    return times


def postgres_updates(url: str, count: int) -> list[float]:
    with psycopg.connect(url) as connection:
        connection.execute("CREATE TABLE paragraphs (briefing int, paragraph int, tags text[], PRIMARY KEY (briefing, paragraph))")
        connection.execute("CREATE TABLE changes (id bigserial PRIMARY KEY, briefing int, analyst text, at timestamptz, edit jsonb)")
        connection.execute("INSERT INTO paragraphs SELECT 1, n, '{}' FROM generate_series(0, 99) AS n")
        connection.commit()

        def update(number: int) -> None:
            paragraph = number % 100
            connection.execute(
                "UPDATE paragraphs SET tags = array_append(tags, %s) WHERE briefing = 1 AND paragraph = %s",
                (f"tag {number}", paragraph),
            )
            connection.execute(
                "INSERT INTO changes (briefing, analyst, at, edit) VALUES (1, 'ana', now(), %s)",
                (json.dumps({**EDIT, "paragraph": paragraph}),),
            )
            connection.commit()

        return _timed(count, update)


def sqlite_updates(folder: Path, count: int) -> list[float]:
    connection = sqlite3.connect(folder / "library.sqlite", isolation_level=None)
    try:
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("PRAGMA synchronous=FULL")
        connection.execute("CREATE TABLE paragraphs (briefing int, paragraph int, tags text, PRIMARY KEY (briefing, paragraph))")
        connection.execute("CREATE TABLE changes (id integer PRIMARY KEY, briefing int, analyst text, at text, edit text)")
        connection.executemany("INSERT INTO paragraphs VALUES (1, ?, '[]')", [(n,) for n in range(100)])

        def update(number: int) -> None:
            paragraph = number % 100
            connection.execute("BEGIN IMMEDIATE")
            connection.execute(
                "UPDATE paragraphs SET tags = json_insert(tags, '$[#]', ?) WHERE briefing = 1 AND paragraph = ?",
                (f"tag {number}", paragraph),
            )
            connection.execute(
                "INSERT INTO changes (briefing, analyst, at, edit) VALUES (1, 'ana', datetime('now'), ?)",
                (json.dumps({**EDIT, "paragraph": paragraph}),),
            )
            connection.execute("COMMIT")

        return _timed(count, update)
    finally:
        connection.close()


def postgres_notify(url: str, count: int) -> list[float]:
    with psycopg.connect(url) as writer, psycopg.connect(url, autocommit=True) as listener:
        listener.execute("LISTEN library_changed")

        def round_trip(number: int) -> None:
            writer.execute("SELECT pg_notify('library_changed', %s)", (str(number),))
            writer.commit()
            for note in listener.notifies(timeout=5.0, stop_after=1):
                assert note.payload == str(number)
                return
            raise RuntimeError("a notification did not arrive within 5 s")

        return _timed(count, round_trip)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--updates", type=int, default=300)
    options = parser.parse_args()
    server = PostgresServer.start()
    try:
        with tempfile.TemporaryDirectory() as folder:
            database = server.create_database()
            url = server.url(database)
            postgres = postgres_updates(url, options.updates)
            sqlite = sqlite_updates(Path(folder), options.updates)
            notify = postgres_notify(url, options.updates)
    finally:
        server.stop()
    print(_summary("durable tag update, PostgreSQL synchronous_commit=on", postgres))
    print(_summary("durable tag update, SQLite WAL synchronous=FULL", sqlite))
    print(_summary("commit to NOTIFY heard on another connection", notify))
    return 0


if __name__ == "__main__":
    sys.exit(main())
