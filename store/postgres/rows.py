"""A briefing as rows: the store's own encoding in two documents, its listing entry, its search places.

A briefing's row holds two documents in the very encoding a library folder's briefing file uses
(`store.documents`, written by `store.storage.encode`): `article` (the article and paragraph
tables) and `work` (the head table and the analyst's tables: annotations, questions, summary,
orphans). An edit rewrites `work` only; PostgreSQL keeps the large `article` value as it is when
the row is updated without it. The listing entry (`store.index.IndexEntry`) is kept beside them
as JSON, and each searchable place (`store.textlines.segments`) as a `search_places` row, so
that listing and searching read no briefing whole.
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from briefings.briefing import Briefing
from briefings.model import Article
from store.documents import article_tables, briefing_from_db, head_table, work_tables
from store.index import IndexEntry, entry_for
from store.storage import encode, parse
from store.textlines import questions_json
from store.textlines import article_segments, text_key, work_segments


def encode_article(article: Article) -> bytes:
    return encode(article_tables(article))


def encode_work(briefing: Briefing) -> bytes:
    return encode({"briefing": head_table(briefing), **work_tables(briefing)})


def encode_entry(briefing: Briefing) -> str:
    return json.dumps(dataclasses.asdict(entry_for(briefing)), ensure_ascii=True, separators=(",", ":"))


def derived(briefing: Briefing) -> dict[str, str]:
    """The columns a briefing's row keeps beside its documents: what lists, finds and counts it
    without decoding it (its content hash, text key, listing entry and questions as JSON, and
    when it last changed, which search ranks by)."""
    return {
        "content_hash": briefing.article.content_hash,
        "text_key": text_key(briefing),
        "entry": encode_entry(briefing),
        "questions": questions_json(briefing),
        "updated": briefing.updated or briefing.imported,
    }


def decode_entry(text: str) -> IndexEntry:
    return IndexEntry(**json.loads(text))


#: Every listed briefing's entry as one JSON array, in the order they were added: one value to
#: fetch and one `json.loads`, where 100,000 rows decoded one by one take several times longer.
ENTRIES = "SELECT '[' || coalesce(string_agg(entry, ',' ORDER BY seq), '') || ']' FROM briefings WHERE NOT trashed"


def read_entries(connection: Any) -> list[IndexEntry]:
    """Every listed briefing's entry (see `ENTRIES`)."""
    return [IndexEntry(**doc) for doc in json.loads(connection.execute(ENTRIES).fetchone()[0])]


def decode_row(briefing_id: str, article: bytes | None, work: bytes, known: Article | None = None) -> Briefing:
    """A briefing from its row's documents (`article` None: `known` is its article).

    Raises:
        CorruptFile: A document cannot be decoded or has the wrong shape.
    """
    where = f"briefing {briefing_id}"
    data = parse(bytes(work), where)
    if article is not None:
        data |= parse(bytes(article), where)
        known = None
    briefing = briefing_from_db(data, where, known)
    briefing.id = briefing_id
    return briefing


def _plain(text: str) -> str:
    """Text a PostgreSQL text value can hold (no NUL, no lone surrogate)."""
    return text.replace("\x00", " ").encode("utf-8", "replace").decode("utf-8")


def write_places(connection: Any, briefing: Briefing, *, article: bool, work: bool) -> None:
    """Replace a briefing's search places: those of its article, of the analyst's work, or both.

    Each place's text is folded by the server (`unaccent`, then the `simple` configuration,
    which lowers case and keeps every word), as the query is (see `store.postgres.search`).
    """
    for own, wanted, segments in ((False, article, article_segments), (True, work, work_segments)):
        if not wanted:
            continue
        connection.execute("DELETE FROM search_places WHERE briefing_id = %s AND own = %s", (briefing.id, own))
        places = [(briefing.id, own, number, field, paragraph, _plain(text)) for number, (field, paragraph, text) in enumerate(segments(briefing.article if not own else briefing))]
        if places:
            with connection.cursor() as cursor:
                cursor.executemany(
                    "INSERT INTO search_places (briefing_id, own, number, field, paragraph, body, words)"
                    " VALUES (%s, %s, %s, %s, %s, %s, to_tsvector('simple', public.unaccent(%s)))",
                    [place + (place[-1],) for place in places],
                )
