"""The PostgreSQL library at 100,000 briefings: opening it, listing it, searching it, the actors
tally, a durable edit and a change reaching another analyst; each beside its reference measured
in the same run on the same throwaway server (`tests/tools/postgres.py`: fsync and
synchronous_commit on).

The library is synthetic: small articles (a title and three paragraphs of words drawn from a
vocabulary, a few with accents), a third with a tag and a note, every one with a cached
extraction of two or three actors from a pool of 500. It is written as the backend writes it
(`store.postgres.rows`) but loaded with COPY, not one transaction per briefing.

Measured (median of `--runs`, and the reference):
    open         `PostgresLibrary.open` (connect, schema check)       ref: connect + SELECT 1
    list         `entries()`: every listing entry, decoded            ref: the same rows fetched, not decoded
    search       `search()` of a rare and of a common query          ref: the same tsquery counted in SQL
    tally        `Desk.actor_tally()`: SQL aggregates, without and     ref: the walk over every briefing through
                 with library-wide decisions; one actor's details     `apply` (what it was before), and the
                 (its briefings and company, by query)                 extraction rows fetched, not decoded
    edit         `apply(AddTag)`: one edit, one durable transaction  ref: `benchmarks.durable_commit`'s raw
                                                                      update (PostgreSQL) and SQLite WAL FULL
    reach        `apply` called on one handle (its whole             ref: raw NOTIFY round trip
                 transaction) to `follow`'s callback on another

Run: .venv/bin/python -m benchmarks.postgres_library [--size 100000] [--runs 5]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import psycopg  # noqa: E402

from benchmarks.durable_commit import postgres_notify, postgres_updates, sqlite_updates  # noqa: E402
from briefings.briefing import Briefing  # noqa: E402
from briefings.decisions import ActorDecision  # noqa: E402
from briefings.edits import AddDecision, AddTag, SetNote  # noqa: E402
from briefings.extraction import installed_pipeline  # noqa: E402
from briefings.extraction.model import Actor, Extraction  # noqa: E402
from briefings.model import Article, make_paragraphs  # noqa: E402
from store import Desk  # noqa: E402
from store.desk.tallies import walked_tally  # noqa: E402
from store.documents import extraction_to_db  # noqa: E402
from store.postgres.actors import fill_actors  # noqa: E402
from store.postgres.library import PostgresLibrary  # noqa: E402
from store.postgres.rows import derived, encode_article, encode_work  # noqa: E402
from store.storage import encode  # noqa: E402
from store.textlines import article_segments, work_segments  # noqa: E402
from tests.tools.postgres import PostgresServer  # noqa: E402

RARE = "zürich envoy"
COMMON = "ceasefire"


def _vocabulary(rng: random.Random) -> list[str]:
    letters = "abcdefghijklmnopqrstuvwxyz"
    words = ["".join(rng.choice(letters) for _ in range(rng.randint(3, 9))) for _ in range(3000)]
    return words + ["ceasefire"] * 30 + ["talks"] * 30 + ["Zürich", "envoy", "São", "Paulo", "Kyiv", "Gdańsk"]


def _briefing(number: int, rng: random.Random, words: list[str]) -> Briefing:
    def sentence(count: int) -> str:
        return " ".join(rng.choice(words) for _ in range(count)).capitalize() + "."

    article = Article(
        f"{sentence(6)[:-1]} ({number})",
        make_paragraphs([sentence(rng.randint(20, 40)) for _ in range(3)]),
        source=rng.choice(["Reuters", "AP", "AFP", "The Daily"]),
    )
    stamp = f"2026-{1 + number % 12:02d}-{1 + number % 28:02d}T10:00:00+00:00"
    briefing = Briefing(id=f"b{number:08d}", article=article, imported=stamp, updated=stamp)
    if number % 3 == 0:
        AddTag(number % 3, "fact").apply(briefing)
        SetNote(1, sentence(8)).apply(briefing)
    return briefing


def build(url: str, size: int) -> None:
    """A library of `size` synthetic briefings, loaded with COPY."""
    PostgresLibrary.open(url).close()  # the schema
    rng = random.Random(15)
    words = _vocabulary(rng)
    names = [f"{rng.choice(words).capitalize()} {rng.choice(words).capitalize()}" for _ in range(500)]
    pipeline = installed_pipeline()
    started = time.perf_counter()
    with psycopg.connect(url) as connection:
        connection.execute("DROP INDEX search_places_words")
        connection.execute("CREATE TEMP TABLE places_in (briefing_id text, own boolean, number int, field text, paragraph int, body text)")
        rows, place_rows, extraction_rows = [], [], []
        for number in range(size):
            briefing = _briefing(number, rng, words)
            columns = derived(briefing)
            rows.append((briefing.id, number + 1, columns["content_hash"], columns["text_key"], columns["entry"], columns["questions"], columns["updated"], encode_article(briefing.article), encode_work(briefing)))
            for own, segments in ((False, article_segments(briefing.article)), (True, work_segments(briefing))):
                place_rows += [(briefing.id, own, n, field, paragraph, text) for n, (field, paragraph, text) in enumerate(segments)]
            actors = tuple(Actor(name.lower(), name, "person", (), "") for name in rng.sample(names, rng.randint(2, 3)))
            extraction = Extraction(actors, engine="synthetic", pipeline=pipeline)
            extraction_rows.append((columns["content_hash"], pipeline, encode(extraction_to_db(columns["content_hash"], pipeline, extraction))))
        with connection.cursor() as cursor:
            with cursor.copy("COPY briefings (id, seq, content_hash, text_key, entry, questions, updated, article, work) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            with cursor.copy("COPY places_in FROM STDIN") as copy:
                for row in place_rows:
                    copy.write_row(row)
            with cursor.copy("COPY extractions (content_hash, pipeline, doc) FROM STDIN") as copy:
                for row in extraction_rows:
                    copy.write_row(row)
        fill_actors(connection)  # each extraction's actors as rows, as caching it writes them
        connection.execute(
            "INSERT INTO search_places SELECT briefing_id, own, number, field, paragraph, body, to_tsvector('simple', public.unaccent(body)) FROM places_in"
        )
        connection.execute("SELECT setval('briefings_seq_seq', %s)", (size + 1,))
        connection.execute("CREATE INDEX search_places_words ON search_places USING gin (words)")
        connection.commit()
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute("VACUUM ANALYZE")
    print(f"built {size:,} briefings ({len(place_rows):,} search places) in {time.perf_counter() - started:.0f} s", flush=True)


def timed(runs: int, step: Callable[[], object]) -> list[float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        step()
        times.append(time.perf_counter() - started)
    return times


def line(name: str, seconds: list[float], reference: str = "", reference_seconds: list[float] | None = None) -> str:
    ours = f"{statistics.median(seconds) * 1000:9.1f} ms" if seconds else " " * 12
    theirs = f"{statistics.median(reference_seconds) * 1000:9.1f} ms" if reference_seconds else ""
    return f"{name:<42} {ours}   | {reference:<40} {theirs}"


def tallies(library: PostgresLibrary, raw: psycopg.Connection, size: int, runs: int) -> list[str]:
    """The actors tally by query, without and with library-wide decisions, and one actor's
    details; beside the walk over every briefing (what it was before) and the raw rows."""
    desk = Desk(library)
    desk.settings = library.settings()
    tally = desk.actor_tally()
    assert tally is not None and not tally.not_extracted and tally.extracted == size
    walked = timed(1, lambda: walked_tally(library, installed_pipeline(), ()))
    rows = timed(runs, lambda: raw.execute("SELECT content_hash, doc FROM extractions").fetchall())
    found = [line(f"actors tally ({len(tally.actors)} actors, by query)", timed(runs, desk.actor_tally), "the walk over every briefing (before)", walked)]
    found.append(line("", [], "the extraction rows fetched, not decoded", rows))
    first, second, third = (actor.key for actor in tally.ranked()[:3])
    for number, (action, actor, value) in enumerate((("merge", first, second), ("rename", second, "Renamed"), ("hide", third, ""), ("kind", second, "group"))):
        library.apply_settings(AddDecision(ActorDecision(f"bench{number}", action, actor, value)))
    desk.settings = library.settings()
    decided = desk.actor_tally()
    assert decided is not None and first not in decided.actors and third not in decided.actors
    found.append(line(f"  + merge, rename, hide, kind ({len(decided.entries)} walked)", timed(runs, desk.actor_tally)))
    found.append(line("  one actor's briefings and company", timed(runs, lambda: (decided.appearances(second), decided.co_occurring(second)))))
    return found


def reach(url: str, runs: int) -> list[float]:
    """From `apply` returning on one handle to the other handle's `follow` callback."""
    watcher, writer = PostgresLibrary.open(url), PostgresLibrary.open(url)
    briefing_id = writer.entries()[0].id
    heard = threading.Event()
    watcher.follow(lambda changed: heard.set()).wait(30)
    times = []
    for number in range(runs):
        heard.clear()
        sent = time.perf_counter()  # before the edit's transaction: its commit is part of the time
        writer.apply(briefing_id, AddTag(number % 3, f"reach {number}"))
        if not heard.wait(5):
            raise RuntimeError("a change was not heard within 5 s")
        times.append(time.perf_counter() - sent)
    watcher.close()
    writer.close()
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    options = parser.parse_args()
    server = PostgresServer.start()
    try:
        url = server.url(server.create_database())
        build(url, options.size)
        results = []

        def connect_only() -> None:
            with psycopg.connect(url) as connection:
                connection.execute("SELECT 1").fetchone()

        results.append(line("open (PostgresLibrary.open)", timed(options.runs, lambda: PostgresLibrary.open(url).close()), "connect + SELECT 1", timed(options.runs, connect_only)))
        library = PostgresLibrary.open(url)
        raw = psycopg.connect(url)
        results.append(line(f"list ({options.size:,} entries)", timed(options.runs, library.entries), "the rows fetched, not decoded", timed(options.runs, lambda: raw.execute("SELECT entry FROM briefings WHERE NOT trashed ORDER BY seq").fetchall())))
        for query in (RARE, COMMON):
            from store.postgres.search import tsquery
            from store.textquery import Query

            count = "SELECT count(*) FROM search_places WHERE words @@ to_tsquery('simple', public.unaccent(%s))"
            hits = len(library.search(query))
            results.append(line(f"search {query!r} ({hits} hits)", timed(options.runs, lambda: library.search(query)), "the tsquery counted in SQL", timed(options.runs, lambda: raw.execute(count, (tsquery(Query.parse(query)),)).fetchone())))
        results += tallies(library, raw, options.size, options.runs)
        briefing_id = library.entries()[0].id
        edits = timed(100, lambda: library.apply(briefing_id, AddTag(1, f"bench {time.perf_counter_ns()}")))
        floor = server.create_database()
        with tempfile.TemporaryDirectory() as folder:
            results.append(line("edit (apply AddTag, durable)", edits, "raw durable update, PostgreSQL", postgres_updates(server.url(floor), 100)))
            results.append(line("", [], "raw durable update, SQLite WAL FULL", sqlite_updates(Path(folder), 100)))
        results.append(line("reach another analyst (apply->follow)", reach(url, 50), "raw NOTIFY round trip", postgres_notify(server.url(floor), 50)))
        raw.close()
        library.close()
    finally:
        server.stop()
    print("\n".join(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
