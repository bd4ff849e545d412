"""Full-text search and the questions list across the library, from a derived text journal.

Searching 10,000 briefings by opening 10,000 files would take seconds, so the searchable text of
every briefing is kept in `index/search.tsv`, appended to as it changes. An article's text
(title and paragraphs) never changes, so it has a line of its own, written once per content; a
briefing's own text (notes, summary, questions) has a short line per version, appended when that
text changes (a tag does not change it):

    @w2:hash TAB segments TAB folded-text                                  an article's text
    id TAB w2:key TAB hash TAB segments TAB questions-json TAB folded-text  a briefing's own text
    id TAB -                                                               the briefing left

`hash` is the article's content hash. `key` is a digest of the briefing's searchable text; the
listing index keeps the same key per briefing, so a line that is missing or out of date (a
writer died between two appends) is found by comparing keys and recomputed from the briefing
file. `w2` names the folding below: lines of an earlier format are ignored, hence recomputed.
`folded-text` is every field as `words` (case and accents dropped, words separated by one
space, punctuation gone), padded with a space at each end and joined by \x1f;
`segments` says at which byte each field starts ("title:-:0;text:0:57;text:1:980").

How a query matches (`Query`): it is folded the same way and split into words. A place (a
title, a paragraph, a note, a summary field, a question) matches when it holds every word. A
word matches a whole word of the text; a word of at least `PREFIX` characters, or of at least
`PREFIX_LAST` if it is the query's last (perhaps still being typed), also matches the start of
a longer word ("suleim" finds "Suleimani"; "from B" needs the word "b"). Places holding the
query as a phrase (its words whole, in order, with nothing but spaces or punctuation between
them) come first, then those where more words match whole; ties go to briefings with a match
in the title, then the most recently changed, then reading order.

With padded segments and one space between words, "a whole word" is the byte string
`" word "`, "a word starting with" is `" word"` and the phrase is `" from b "`: all are found by
`bytes.find` in the file's bytes, kept in memory as read, unparsed and undecoded. So the
first search after opening costs one read of the file, and each search a few `bytes.find` per
briefing. Segments and questions are decoded only for the places shown; snippets are cut from
the original text of those briefings.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass

from briefings.briefing import Question
from briefings.mapping import question_from_dict
from store.errors import CorruptFile
from store.index import IndexEntry
from store.journal import Journal
from store.textlines import ARTICLE_MARK, FORMAT, JOIN, SNIPPET, removal
from store.textquery import Query, SearchHit, locate

@dataclass(slots=True)
class _Record:
    """One line, left where it was read: `data[start:end]`, its folded text from `text`.

    Attributes:
        key: A briefing's text key ("" for an article).
        content: The article's content hash.
        specs: Where the segments are in `data`.
        questions: Where the questions are in `data` (empty for an article).
    """

    data: bytes
    start: int
    text: int
    end: int
    key: str
    content: str
    specs: tuple[int, int]
    questions: tuple[int, int]

    def line(self) -> bytes:
        return self.data[self.start : self.end]

    @property
    def segment_count(self) -> int:
        return self.data.count(JOIN, self.text, self.end) + 1 if self.end > self.text else 0

    def starts_with_title(self) -> bool:
        return self.data.startswith(b"title:", self.specs[0], self.specs[1])

    def holds(self, query: Query, stop: int | None = None) -> bool:
        """Whether the line (up to `stop`) holds every word of the query, in any of its segments."""
        end = self.end if stop is None else stop
        return all(self.data.find(finder, self.text, end) >= 0 for finder in query.finders)

    def title_holds(self, query: Query) -> bool:
        """Whether this article's title holds every word of the query."""
        if not self.data.startswith(b"title:", self.specs[0], self.specs[1]):
            return False
        stop = self.data.find(JOIN, self.text, self.end)
        return self.holds(query, self.end if stop < 0 else stop)

    def places(self, query: Query, worse: tuple[int, int]) -> list[tuple[int, int, int, int]]:
        """(apart, loose, start, end) of each segment holding every word of the query and
        ranking better than `worse`: its `Place.rank` and where it is in `data`.

        Walks the occurrences of the query's rarest word only, checking the others within
        each segment it is in; what the whole line lacks (the phrase, a word as a whole word)
        is not looked for again in each segment, and a line that cannot rank better than
        `worse` is not walked at all. This runs for every briefing holding the words.
        """
        data, text, end = self.data, self.text, self.end
        phrase = query.phrase if data.find(query.phrase, text, end) >= 0 else None
        # Words that may match as prefixes: where none is whole, they are prefixes everywhere.
        maybe = [whole for whole, finder in zip(query.whole, query.finders, strict=True) if whole != finder]
        doubtful = [whole for whole in maybe if data.find(whole, text, end) >= 0]
        always = len(maybe) - len(doubtful)
        if (phrase is None, always) >= worse:
            return []
        finders = query.finders
        rarest = 0
        if len(finders) > 1:
            counts = [data.count(finder, text, end) for finder in finders]
            rarest = counts.index(min(counts))
        finder, others = finders[rarest], finders[:rarest] + finders[rarest + 1 :]
        found = []
        position = data.find(finder, text, end)
        while position >= 0:
            start = data.rfind(JOIN, text, position) + 1 or text
            stop = data.find(JOIN, position, end)
            stop = end if stop < 0 else stop
            if all(data.find(other, start, stop) >= 0 for other in others):
                apart = phrase is None or data.find(phrase, start, stop) < 0
                loose = always + sum(data.find(whole, start, stop) < 0 for whole in doubtful) if doubtful else always
                if (apart, loose) < worse:
                    found.append((apart, loose, start, stop))
            position = data.find(finder, stop, end)
        return found

    def segments(self) -> list[tuple[str, int | None, int, int]]:
        """(field, paragraph, start, end) of each segment, as absolute offsets in `data`."""
        specs = self.data[self.specs[0] : self.specs[1]].decode("ascii")
        if not specs:
            return []
        found = []
        for spec in specs.split(";"):
            field, paragraph, offset = spec.split(":")
            found.append((field, None if paragraph == "-" else int(paragraph), self.text + int(offset)))
        ends = [start - 1 for _, _, start in found[1:]] + [self.end]
        return [(field, paragraph, start, end) for (field, paragraph, start), end in zip(found, ends, strict=True)]


def _parse(data: bytes, start: int, end: int) -> tuple[str, _Record | None] | None:
    """The name and record of one line: "@hash" for an article, else a briefing id (with None
    for a removal); None for a damaged line."""
    # Unrolled on purpose: this runs once per line when the file is read.
    t1 = data.find(b"\t", start, end)
    if t1 < 0:
        return None
    name = data[start:t1].decode("ascii", "replace")
    t2 = data.find(b"\t", t1 + 1, end)
    if name.startswith("@"):
        if t2 < 0 or not name.startswith(ARTICLE_MARK):
            return None  # damaged, or of an earlier format: recomputed
        return name, _Record(data, start, t2 + 1, end, "", name[len(ARTICLE_MARK) :], (t1 + 1, t2), (t2, t2))
    if t2 < 0:
        return (name, None) if data[t1 + 1 : end] == b"-" else None
    t3 = data.find(b"\t", t2 + 1, end)
    t4 = data.find(b"\t", t3 + 1, end) if t3 >= 0 else -1
    t5 = data.find(b"\t", t4 + 1, end) if t4 >= 0 else -1
    if t5 < 0:
        return None
    key, content = data[t1 + 1 : t2].decode("ascii", "replace"), data[t2 + 1 : t3].decode("ascii", "replace")
    if not key.startswith(f"{FORMAT}:"):
        return None  # of an earlier format: recomputed
    key = key[len(FORMAT) + 1 :]
    return name, _Record(data, start, t5 + 1, end, key, content, (t3 + 1, t4), (t4 + 1, t5))


@dataclass(frozen=True, slots=True)
class Place:
    """A segment of one briefing holding every word of a query.

    Attributes:
        entry: The briefing's index entry.
        key: The briefing's text key when found (`text_key`).
        part: The line the segment is in: the article's text or the briefing's own.
        number: The segment's number among the briefing's (`segments`), the article's first.
        start: Where the segment starts in `part.data` (its padding included).
        end: Where it ends.
        match: What to mark, as (start, end) in `part.data`: the phrase, or the first word.
        rank: Smaller first: 0 for the words as a phrase (1 apart), then how many words match
            only as prefixes.
    """

    entry: IndexEntry
    key: str
    part: _Record
    number: int
    start: int
    end: int
    match: tuple[int, int]
    rank: tuple[int, int]


def _place(entry: IndexEntry, key: str, part: _Record, number: int, graded: tuple[int, int, int, int], query: Query) -> Place:
    """One of the places `_Record.places` found, with what to mark in it."""
    apart, loose, start, end = graded
    data = part.data
    if apart:
        first = data.find(query.finders[0], start, end) + 1
        match = (first, data.find(b" ", first, end))
    else:
        first = data.find(query.phrase, start, end) + 1
        match = (first, first + len(query.phrase) - 2)
    return Place(entry, key, part, number, start, end, match, (apart, loose))


class TextIndex:
    """The searchable text of every briefing, loaded on first use and kept in step by key."""

    def __init__(self, journal: Journal) -> None:
        self.journal = journal
        #: Each briefing's own text, by id.
        self.records: dict[str, _Record] = {}
        #: Each article's text, by content hash.
        self.articles: dict[str, _Record] = {}

    def refresh(self) -> None:
        try:
            reset, block = self.journal.read_block()
        except CorruptFile:  # not a file: read as empty; opening the library sets it aside
            reset, block = True, b""
        if reset:
            self.records, self.articles = {}, {}
        self._consume(block)

    def _consume(self, block: bytes) -> None:
        """Take in a block of whole lines, each ending in a newline."""
        start = 0
        while (end := block.find(b"\n", start)) >= 0:
            parsed = _parse(block, start, end)
            start = end + 1
            if parsed is None:
                continue  # damaged: its briefing's key no longer matches, so it is recomputed
            name, found = parsed
            if found is None:
                self.records.pop(name, None)
            elif name.startswith("@"):
                self.articles[found.content] = found
            else:
                self.records[name] = found

    def stale(self, keys: dict[str, str]) -> list[str]:
        """Ids whose text is missing or older than the listing index says it is."""
        return [
            briefing_id
            for briefing_id, key in keys.items()
            if (r := self.records.get(briefing_id)) is None or r.key != key or r.content not in self.articles
        ]

    def has_article(self, content_hash: str) -> bool:
        """Whether the text of this article is known (only meaningful once `loaded`)."""
        return content_hash in self.articles

    def put(self, line: bytes) -> None:
        """Record an article's or a briefing's new text (under the library lock)."""
        if self.loaded:
            self.refresh()
        self.journal.append(line)
        if self.loaded:
            self._consume(line + b"\n")

    @property
    def loaded(self) -> bool:
        """Whether the file was read into memory (on the first search)."""
        return self.journal.started

    def remember(self, line: bytes) -> None:
        """Use a recomputed line in memory without writing it (read-only library)."""
        self._consume(line + b"\n")

    def remove(self, briefing_id: str) -> None:
        """Record that a briefing left the library (under the library lock)."""
        if self.loaded:
            self.refresh()
        self.journal.append(removal(briefing_id))
        self.records.pop(briefing_id, None)

    def compact(self, keys: dict[str, str]) -> None:
        """Rewrite the file with the lines of the briefings still in the library and up to date,
        each article's text once."""
        records: dict[str, _Record] = {}
        articles: dict[str, _Record] = {}
        for briefing_id, key in keys.items():
            found = self.records.get(briefing_id)
            if found is not None and found.key == key and (text := self.articles.get(found.content)) is not None:
                articles[found.content] = text
                records[briefing_id] = found
        self.journal.rewrite([*(text.line() for text in articles.values()), *(found.line() for found in records.values())])
        self.records, self.articles = records, articles

    @property
    def needs_compaction(self) -> bool:
        return self.journal.lines > 2 * (len(self.records) + len(self.articles)) + 100

    def matches(self, query: Query, entries: dict[str, IndexEntry], limit: int) -> list[Place]:
        """The best `limit` places holding every word of the query, best first (see the module's
        docstring for the order).

        Briefings are walked in the order that breaks ties, so once `limit` places rank at
        least as well as some rank, a later place of that rank cannot make the list, and lines
        that cannot hold a better one are skipped: a query of common words does not grade
        every paragraph of the library. Records are never changed in place, so the caller may
        cut hits from the places (`hit`) later, outside any lock.
        """
        if not query.words or limit <= 0:
            return []
        candidates = []
        for briefing_id, work in self.records.items():
            entry = entries.get(briefing_id)
            article = self.articles.get(work.content)
            if entry is None or article is None:
                continue
            in_article, in_work = article.holds(query), work.holds(query)
            if in_article or in_work:
                in_title = in_article and article.title_holds(query)
                candidates.append((not in_title, entry.updated or entry.imported, entry, article, work, in_article, in_work))
        # Briefings with a match in the title first, then the most recently changed.
        candidates.sort(key=lambda candidate: candidate[1], reverse=True)
        candidates.sort(key=lambda candidate: candidate[0])
        found: list[tuple[tuple[int, int], int, int, int, tuple[int, int, int, int], _Record, int]] = []
        ranks: Counter[tuple[int, int]] = Counter()
        worse = (2, 0)  # worse than any place
        for number, (_, _, _, article, work, in_article, in_work) in enumerate(candidates):
            for own, part in ((0, article), (1, work)) if in_work else ((0, article),):
                if own == 0 and not in_article:
                    continue
                for graded in part.places(query, worse):
                    found.append(((graded[0], graded[1]), number, own, graded[2], graded, part, number))
                    ranks[graded[0], graded[1]] += 1
            if len(found) >= limit:
                worse = _limit_rank(ranks, limit)
        found.sort(key=lambda item: item[:4])
        places = []
        for _, _, own, start, graded, part, number in found[:limit]:
            _, _, entry, article, work, _, _ = candidates[number]
            segment = _segment_number(part, start) + (article.segment_count if own else 0)
            places.append(_place(entry, work.key, part, segment, graded, query))
        return places

    def questions(self, entries: dict[str, IndexEntry]) -> list[tuple[IndexEntry, Question]]:
        """Every question of every briefing in `entries`, briefings most recently updated first."""
        found = []
        for briefing_id, entry in sorted(entries.items(), key=lambda item: item[1].updated or item[1].imported, reverse=True):
            current = self.records.get(briefing_id)
            if current is None:
                continue
            raw = current.data[current.questions[0] : current.questions[1]]
            if raw == b"[]":
                continue
            try:
                found.extend((entry, question_from_dict(doc)) for doc in json.loads(raw))
            except (ValueError, TypeError, KeyError, AttributeError):
                continue  # a damaged line; its key check recomputes it from the briefing file
        return found


def _limit_rank(ranks: Counter[tuple[int, int]], limit: int) -> tuple[int, int]:
    """The rank of the `limit`-th best place counted in `ranks`."""
    total = 0
    for rank in sorted(ranks):
        total += ranks[rank]
        if total >= limit:
            return rank
    return (2, 0)


def _segment_number(part: _Record, start: int) -> int:
    """The number of the segment starting at `start` among those of its line."""
    return part.data.count(JOIN, part.text, start)


def hit(place: Place, original: str | None) -> SearchHit:
    """The place as a search hit, its snippet cut from `original` (the segment as written, from
    `segments`) when it still folds to what was found; else from the folded text."""
    part = place.part
    data = part.data
    local = _segment_number(part, place.start)
    field, paragraph, _, _ = part.segments()[local]
    text = data[place.start + 1 : place.end - 1].decode("utf-8", "replace")
    at = len(data[place.start + 1 : place.match[0]].decode("utf-8", "replace"))
    stop = at + len(data[place.match[0] : place.match[1]].decode("utf-8", "replace"))
    if original is not None and (located := locate(original, text, at, stop)) is not None:
        text, (at, stop) = original, located
    left, right = max(0, at - SNIPPET), min(len(text), stop + SNIPPET)
    prefix = "…" if left else ""
    snippet = prefix + text[left:right] + ("…" if right < len(text) else "")
    return SearchHit(place.entry, field, paragraph, snippet, len(prefix) + at - left, stop - at)
