"""Full-text search and the questions list across the library, from a derived text journal.

Searching 10,000 briefings by opening 10,000 files would take seconds, so the searchable text of
every briefing is kept in `index/search.tsv`, appended to as it changes. An article's text
(title and paragraphs) never changes, so it has a line of its own, written once per content; a
briefing's own text (notes, summary, questions) has a short line per version, appended when that
text changes (a tag does not change it):

    @hash TAB segments TAB folded-text                                   an article's text
    id TAB key TAB hash TAB segments TAB questions-json TAB folded-text   a briefing's own text
    id TAB -                                                             the briefing left

`hash` is the article's content hash. `key` is a digest of the briefing's searchable text; the
listing index keeps the same key per briefing, so a line that is missing or out of date (a
writer died between two appends) is found by comparing keys and recomputed from the briefing
file. `folded-text` is every field lower-cased and joined by \\x1f; `segments` says at which byte
each field starts ("title:-:0;text:0:57;text:1:980").

The file is kept in memory as the bytes read, unparsed and undecoded: a query is lower-cased,
encoded as UTF-8 and found with `bytes.find` inside each line (a UTF-8 substring match is a text
match), so the first search after opening costs one read of the file, not the seconds that
decoding and lower-casing 50 MB of text would take. Segments and questions are decoded only for
briefings a query finds; snippets are cut from the original text of those briefings.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from briefings.briefing import Briefing, Question
from briefings.model import Article
from store.documents import question_from_doc, question_to_doc
from store.index import IndexEntry
from store.journal import Journal

_UNSAFE = str.maketrans({"\t": " ", "\n": " ", "\r": " ", "\x1f": " "})
#: Fields are joined with this so that a phrase never matches across two of them.
_JOIN = "\x1f"
#: Characters of context on each side of a match in a snippet.
SNIPPET = 60


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One place a query was found.

    Attributes:
        entry: The briefing's index entry.
        field: "title", "text" (a paragraph), "note", "summary" or "question".
        paragraph: The paragraph, for text, notes and questions tied to one; else None.
        snippet: The matching text with some context, on one line.
        start: Where the match starts in the snippet (for highlighting).
        length: How long the match is.
    """

    entry: IndexEntry
    field: str
    paragraph: int | None
    snippet: str
    start: int
    length: int

    @property
    def id(self) -> str:
        return self.entry.id


#: The journal's file name in the index folder; names of earlier formats, removed on open.
FILE = "search.tsv"
OLD_FILES = ("text.tsv",)

Segment = tuple[str, int | None, str]


def article_segments(article: Article) -> list[Segment]:
    """The searchable text of an article as (field, paragraph, text): its title, then paragraphs."""
    parts: list[Segment] = [("title", None, article.title)]
    parts += [("text", paragraph.index, paragraph.text) for paragraph in article.paragraphs]
    return [(field, paragraph, text.translate(_UNSAFE)) for field, paragraph, text in parts if text]


def work_segments(briefing: Briefing) -> list[Segment]:
    """The analyst's searchable text in a briefing: notes, orphaned notes, summary, questions."""
    parts: list[Segment] = [("note", index, briefing.annotations[index].note) for index in sorted(briefing.annotations)]
    parts += [("note", None, orphan.annotation.note) for orphan in briefing.orphans]
    summary = briefing.summary
    parts.append(("summary", None, summary.bluf))
    parts += [("summary", None, judgment.text) for judgment in summary.judgments]
    parts.append(("summary", None, summary.comments))
    for question in briefing.questions.values():
        parts.append(("question", question.paragraph, " ".join(filter(None, (question.text, question.answer)))))
    return [(field, paragraph, text.translate(_UNSAFE)) for field, paragraph, text in parts if text]


def segments(briefing: Briefing) -> list[Segment]:
    """The searchable text of a briefing as (field, paragraph, text), in reading order."""
    return article_segments(briefing.article) + work_segments(briefing)


def _questions(briefing: Briefing) -> str:
    return json.dumps([question_to_doc(question) for question in briefing.questions.values()], ensure_ascii=True)


def text_key(briefing: Briefing) -> str:
    """A digest of everything searchable and of the questions: it changes when any of them does.

    The article's text enters through its content hash, so a tag, which changes none of this,
    costs no re-hashing of the text.
    """
    digest = hashlib.blake2b(briefing.article.content_hash.encode("ascii"), digest_size=10)
    for field, paragraph, text in work_segments(briefing):
        digest.update(f"{field}\x00{paragraph}\x00{text}\x01".encode("utf-8", "surrogatepass"))
    digest.update(_questions(briefing).encode("ascii"))
    return digest.hexdigest()


def _utf8(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")


def _folded(parts: list[Segment]) -> tuple[str, bytes]:
    """The segments' specs and their lower-cased text joined by \x1f."""
    specs, texts, offset = [], [], 0
    for field, paragraph, text in parts:
        folded = _utf8(text.lower())
        specs.append(f"{field}:{'-' if paragraph is None else paragraph}:{offset}")
        texts.append(folded)
        offset += len(folded) + 1
    return ";".join(specs), _JOIN.encode("ascii").join(texts)


def article_record(article: Article) -> bytes:
    """The journal line for an article's text."""
    specs, folded = _folded(article_segments(article))
    return _utf8(f"@{article.content_hash}\t{specs}\t") + folded


def record(briefing: Briefing, key: str) -> bytes:
    """The journal line for a briefing's own text, with `key` its `text_key`."""
    specs, folded = _folded(work_segments(briefing))
    head = "\t".join((briefing.id, key, briefing.article.content_hash, specs, _questions(briefing), ""))
    return _utf8(head) + folded


def removal(briefing_id: str) -> bytes:
    return f"{briefing_id}\t-".encode("ascii")


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

    def has(self, term: bytes, stop: int | None = None) -> bool:
        return self.data.find(term, self.text, self.end if stop is None else stop) >= 0

    def title_end(self) -> int:
        stop = self.data.find(b"\x1f", self.text, self.end)
        return self.end if stop < 0 else stop

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
        return (name, _Record(data, start, t2 + 1, end, "", name[1:], (t1 + 1, t2), (t2, t2))) if t2 >= 0 else None
    if t2 < 0:
        return (name, None) if data[t1 + 1 : end] == b"-" else None
    t3 = data.find(b"\t", t2 + 1, end)
    t4 = data.find(b"\t", t3 + 1, end) if t3 >= 0 else -1
    t5 = data.find(b"\t", t4 + 1, end) if t4 >= 0 else -1
    if t5 < 0:
        return None
    key, content = data[t1 + 1 : t2].decode("ascii", "replace"), data[t2 + 1 : t3].decode("ascii", "replace")
    return name, _Record(data, start, t5 + 1, end, key, content, (t3 + 1, t4), (t4 + 1, t5))


@dataclass(frozen=True, slots=True)
class Found:
    """A briefing a query found: its article's text and its own text."""

    article: _Record
    work: _Record


class TextIndex:
    """The searchable text of every briefing, loaded on first use and kept in step by key."""

    def __init__(self, journal: Journal) -> None:
        self.journal = journal
        #: Each briefing's own text, by id.
        self.records: dict[str, _Record] = {}
        #: Each article's text, by content hash.
        self.articles: dict[str, _Record] = {}

    def refresh(self) -> None:
        reset, block = self.journal.read_block()
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

    def matches(self, query: str, entries: dict[str, IndexEntry]) -> tuple[list[bytes], list[tuple[Found, IndexEntry]]]:
        """The query's terms, and the briefings holding every one of them (case-insensitive).

        Briefings with a match in the title come first, then the most recently updated. Records
        are never changed in place, so the caller may cut hits from them (`hits`) later, outside
        any lock.
        """
        terms = [_utf8(term) for term in query.lower().split()]
        if not terms:
            return [], []
        matched = []
        for briefing_id, work in self.records.items():
            entry = entries.get(briefing_id)
            text = self.articles.get(work.content)
            if entry is not None and text is not None and all(text.has(term) or work.has(term) for term in terms):
                in_title = any(text.has(term, text.title_end()) for term in terms)
                matched.append((not in_title, entry.updated or entry.imported, Found(text, work), entry))
        matched.sort(key=lambda item: item[1], reverse=True)
        matched.sort(key=lambda item: item[0])
        return terms, [(found, entry) for _, _, found, entry in matched]

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
                found.extend((entry, question_from_doc(doc)) for doc in json.loads(raw))
            except (ValueError, TypeError, KeyError, AttributeError):
                continue  # a damaged line; its key check recomputes it from the briefing file
        return found


def hits(found: Found, entry: IndexEntry, terms: list[bytes], originals: list[str] | None) -> list[SearchHit]:
    """One hit per segment of a matched briefing holding a term, in reading order.

    Args:
        found: The briefing's text, from `TextIndex.matches`.
        entry: Its index entry.
        terms: The query's terms, from `TextIndex.matches`.
        originals: The briefing's segment texts as written (`segments`), for snippets in their
            own case; without them (or if they no longer line up) snippets are lower-case.
    """
    spans: list[tuple[_Record, str, int | None, int, int]] = []
    starts: dict[int, tuple[int, int]] = {}
    for part in (found.article, found.work):
        first = len(spans)
        spans += [(part, field, paragraph, start, end) for field, paragraph, start, end in part.segments()]
        for term in terms:
            position = part.data.find(term, part.text, part.end)
            while position >= 0:
                number = next(i for i in range(first, len(spans)) if spans[i][3] <= position <= spans[i][4])
                starts.setdefault(number, (position, len(term)))
                position = part.data.find(term, spans[number][4], part.end)
    found_hits = []
    for number in sorted(starts):
        part, field, paragraph, start, end = spans[number]
        data = part.data
        position, size = starts[number]
        folded = data[start:end].decode("utf-8", "replace")
        at = len(data[start:position].decode("utf-8", "replace"))
        length = len(data[position : position + size].decode("utf-8", "replace"))
        text = folded
        if originals is not None and number < len(originals) and len(originals[number]) == len(folded):
            text = originals[number]
        left, right = max(0, at - SNIPPET), min(len(text), at + length + SNIPPET)
        prefix = "…" if left else ""
        snippet = prefix + text[left:right] + ("…" if right < len(text) else "")
        found_hits.append(SearchHit(entry, field, paragraph, snippet, len(prefix) + at - left, length))
    return found_hits
