"""Each cached extraction's actors as rows, so that the actors tally is a query (`store.postgres.tally`).

An extraction cached in `extractions` has its actors in `extraction_actors`, written in the same
transaction (`keep_actors`): one row per actor, in the extraction's order, with its key, name,
kind, role, aliases, how often it is mentioned and its mentions (as JSON, read only for the
details of one actor). `extractions.actors_kept` says the rows are there and exact; an
extraction that could not be read, whose names a text column cannot hold as they are (a NUL), or
with two actors under one key, has none, and the tally reads it through `apply` instead. Rows
exist only for an extraction whose `actors_kept` is true.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from contextlib import suppress
from typing import Any

from briefings.extraction.model import Extraction, Mention
from store.documents import extraction_from_db
from store.errors import CorruptFile
from store.storage import parse

ActorRow = tuple[str, str, int, str, str, str, str, list[str], int, str]

_COPY = "COPY extraction_actors (content_hash, pipeline, position, key, name, kind, role, aliases, mention_count, mentions) FROM STDIN"


def _exact(text: str) -> bool:
    """True when a PostgreSQL text value holds `text` as it is (no NUL, no lone surrogate)."""
    if "\x00" in text:
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def actor_rows(content_hash: str, pipeline: str, extraction: Extraction) -> list[ActorRow] | None:
    """The `extraction_actors` rows of an extraction; None when they could not be exact: a text
    column could not hold one of its names as it is, or two of its actors share a key."""
    if len({actor.key for actor in extraction.actors}) < len(extraction.actors):
        return None  # two actors under one key: `apply` folds them on the first decision naming it
    rows: list[ActorRow] = []
    for position, actor in enumerate(extraction.actors):
        texts = (actor.key, actor.name, actor.kind, actor.role, *actor.aliases)
        if not all(_exact(text) for text in texts):
            return None
        mentions = json.dumps([[m.paragraph, m.start, m.end, m.text] for m in actor.mentions], ensure_ascii=True, separators=(",", ":"))
        rows.append((content_hash, pipeline, position, actor.key, actor.name, actor.kind, actor.role, list(actor.aliases), len(actor.mentions), mentions))
    return rows


def decode_mentions(text: str) -> tuple[Mention, ...]:
    """The mentions of an `extraction_actors` row."""
    return tuple(Mention(paragraph, start, end, said) for paragraph, start, end, said in json.loads(text))


def keep_actors(connection: Any, content_hash: str, pipeline: str, extraction: Extraction) -> None:
    """Replace the actor rows of a cached extraction (in the caller's transaction, the one that
    caches it) and mark them kept, or not when they cannot be exact."""
    connection.execute("DELETE FROM extraction_actors WHERE content_hash = %s AND pipeline = %s", (content_hash, pipeline))
    rows = actor_rows(content_hash, pipeline, extraction)
    if rows:
        with connection.cursor() as cursor, cursor.copy(_COPY) as copy:
            for row in rows:
                copy.write_row(row)
    connection.execute("UPDATE extractions SET actors_kept = %s WHERE content_hash = %s AND pipeline = %s", (rows is not None, content_hash, pipeline))


def fill_actors(connection: Any, *, batch: int = 2000) -> int:
    """Give every cached extraction without actor rows its rows (the schema step that made the
    table, and a library loaded in bulk); a damaged entry is left without, as a miss. How many
    extractions were filled."""
    filled = 0
    with connection.cursor(name="extractions_to_fill") as source:
        source.itersize = batch
        source.execute("SELECT content_hash, pipeline, doc FROM extractions WHERE NOT actors_kept")
        while chunk := source.fetchmany(batch):
            filled += _fill(connection, chunk)
    return filled


def _fill(connection: Any, chunk: Iterable[tuple[str, str, bytes]]) -> int:
    rows: list[ActorRow] = []
    kept: list[tuple[str, str]] = []
    for content_hash, pipeline, doc in chunk:
        with suppress(CorruptFile):
            extraction = extraction_from_db(parse(bytes(doc), "cache"), content_hash, pipeline, "cache", None)
            found = actor_rows(content_hash, pipeline, extraction) if extraction is not None else None
            if found is not None:
                rows += found
                kept.append((content_hash, pipeline))
    with connection.cursor() as cursor:
        if rows:
            with cursor.copy(_COPY) as copy:
                for row in rows:
                    copy.write_row(row)
        cursor.execute(
            "UPDATE extractions e SET actors_kept = true FROM unnest(%s::text[], %s::text[]) AS k(content_hash, pipeline)"
            " WHERE e.content_hash = k.content_hash AND e.pipeline = k.pipeline",
            ([content_hash for content_hash, _ in kept], [pipeline for _, pipeline in kept]),
        )
    return len(kept)
