"""Searching a server library with PostgreSQL's full-text search, and its questions by query.

Each searchable place of a briefing (title, paragraph, note, summary, question: the segments of
`store.textlines`, the folder's own list) is a `search_places` row whose text the server folded
into a tsvector (`unaccent`, then the `simple` configuration: case dropped, every word kept,
none stemmed). A query is folded as the folder folds it (`store.textquery.Query`) and asked of
the GIN index as every word, whole or, when long enough, as the start of a word: the folder's
rules. Places holding the query as a phrase come first, then briefings most recently changed.
"""

from __future__ import annotations

import json

from briefings.briefing import Question
from briefings.mapping import question_from_dict
from store.index import IndexEntry
from store.postgres.core import ServerCore
from store.postgres.rows import decode_entry
from store.textlines import SNIPPET
from store.textquery import PREFIX, PREFIX_LAST, Query, SearchHit, locate, words

_SEARCH = """
SELECT p.field, p.paragraph, p.body, b.entry
FROM search_places p JOIN briefings b ON b.id = p.briefing_id
WHERE NOT b.trashed AND p.words @@ to_tsquery('simple', public.unaccent(%(every)s))
ORDER BY p.words @@ phraseto_tsquery('simple', public.unaccent(%(phrase)s)) DESC,
         b.updated DESC, b.seq DESC, p.own, p.number
LIMIT %(limit)s
"""


def tsquery(query: Query) -> str:
    """Every word of the query for `to_tsquery`: whole, or as a prefix when long enough (the
    last word may be shorter: it may be the one being typed)."""
    terms = []
    for number, word in enumerate(query.words):
        text = word.decode("utf-8")
        shortest = PREFIX_LAST if number == len(query.words) - 1 else PREFIX
        terms.append(f"'{text}'" + (":*" if len(text) >= shortest else ""))
    return " & ".join(terms)


def snippet(body: str, query: Query) -> tuple[str, int, int]:
    """The place's text around the match (the phrase, else the first word): (snippet, start, length)."""
    folded = b" " + words(body) + b" "
    found = folded.find(query.phrase)
    if found >= 0:
        start, end = found + 1, found + len(query.phrase) - 1
    else:
        found = folded.find(query.finders[0])
        start = found + 1 if found >= 0 else 1
        end = folded.find(b" ", start)
    text = folded[1:-1].decode("utf-8", "replace")
    at = len(folded[1:start].decode("utf-8", "replace"))
    stop = at + len(folded[start:end].decode("utf-8", "replace"))
    located = locate(body, text, at, stop) if stop > at else None
    if located is not None:
        text, (at, stop) = body, located
    left, right = max(0, at - SNIPPET), min(len(text), stop + SNIPPET)
    prefix = "…" if left else ""
    return prefix + text[left:right] + ("…" if right < len(text) else ""), len(prefix) + at - left, stop - at


class ServerSearch(ServerCore):
    """Search and questions (mixed into `store.postgres.library.PostgresLibrary`)."""

    def search(self, query: str, limit: int = 200) -> list[SearchHit]:
        """Places holding every word of the query (titles, paragraphs, notes, summaries, questions)."""
        parsed = Query.parse(query)
        if not parsed.words or limit <= 0:
            return []
        phrase = b" ".join(parsed.words).decode("utf-8")
        rows = self._db.reading(lambda connection: connection.execute(_SEARCH, {"every": tsquery(parsed), "phrase": phrase, "limit": limit}).fetchall())
        entries: dict[str, IndexEntry] = {}
        hits = []
        for field, paragraph, body, entry in rows:
            if entry not in entries:
                entries[entry] = decode_entry(entry)
            text, start, length = snippet(body, parsed)
            hits.append(SearchHit(entries[entry], field, paragraph, text, start, length))
        return hits

    def questions(self) -> list[tuple[IndexEntry, Question]]:
        """Every analyst question in the library with its briefing's entry, briefings most
        recently changed first."""
        rows: list[tuple[str, str]] = self._db.reading(
            lambda connection: connection.execute("SELECT entry, questions FROM briefings WHERE NOT trashed AND questions <> '[]'").fetchall()
        )
        briefings = sorted(((decode_entry(entry), questions) for entry, questions in rows), key=lambda item: item[0].updated or item[0].imported, reverse=True)
        found: list[tuple[IndexEntry, Question]] = []
        for entry, questions in briefings:
            try:
                found.extend((entry, question_from_dict(doc)) for doc in json.loads(questions))
            except (ValueError, TypeError, KeyError, AttributeError):
                continue  # written by this module from decoded questions: cannot happen short of tampering
        return found

