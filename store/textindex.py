"""Full-text search and the questions list across the library, from a derived text journal.

Searching 10,000 briefings by opening 10,000 files would take seconds, so the searchable text of
every briefing (title, paragraphs, notes, summary, questions) is kept in `index/text.tsv`, one
line per briefing version, appended when that text changes (a tag does not change it):

    id TAB key TAB segments TAB questions-json TAB text        a briefing's searchable text
    id TAB -                                                   the briefing left the library

`key` is a digest of the text; the listing index keeps the same key per briefing, so a line that
is missing or out of date (a writer died between the two appends) is found by comparing keys and
recomputed from the briefing file. `segments` says where each field starts in `text`
("title:-:0;text:0:57;note:0:980"). Lines are parsed with `split`, not JSON, because JSON for
50 MB of text takes far longer than the 200 ms a search may take; the segments and questions are
decoded only for the briefings a query finds. The file is read on the first search, not when the
library opens.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass

from briefings.briefing import Briefing, Question
from store.documents import question_from_doc, question_to_doc
from store.index import IndexEntry
from store.journal import Journal

_UNSAFE = str.maketrans({"\t": " ", "\n": " ", "\r": " ", "\x1f": " "})
#: Segments are joined with this so that a phrase never matches across two fields.
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


def segments(briefing: Briefing) -> list[tuple[str, int | None, str]]:
    """The searchable text of a briefing as (field, paragraph, text), in reading order."""
    parts: list[tuple[str, int | None, str]] = [("title", None, briefing.article.title)]
    parts += [("text", paragraph.index, paragraph.text) for paragraph in briefing.article.paragraphs]
    parts += [("note", index, briefing.annotations[index].note) for index in sorted(briefing.annotations)]
    parts += [("note", None, orphan.annotation.note) for orphan in briefing.orphans]
    summary = briefing.summary
    parts.append(("summary", None, summary.bluf))
    parts += [("summary", None, judgment.text) for judgment in summary.judgments]
    parts.append(("summary", None, summary.comments))
    for question in briefing.questions.values():
        parts.append(("question", question.paragraph, " ".join(filter(None, (question.text, question.answer)))))
    return [part for part in parts if part[2]]


def _questions(briefing: Briefing) -> str:
    return json.dumps([question_to_doc(question) for question in briefing.questions.values()], ensure_ascii=True)


def text_key(briefing: Briefing) -> str:
    """A digest of everything searchable (and of the questions): changes when any of it does."""
    digest = hashlib.blake2b(digest_size=10)
    for field, paragraph, text in segments(briefing):
        digest.update(f"{field}\x00{paragraph}\x00{text}\x01".encode("utf-8", "surrogatepass"))
    digest.update(_questions(briefing).encode("ascii"))
    return digest.hexdigest()


def record(briefing: Briefing, key: str) -> bytes:
    """The journal line for a briefing's current text."""
    specs, texts, offset = [], [], 0
    for field, paragraph, text in segments(briefing):
        clean = text.translate(_UNSAFE)
        specs.append(f"{field}:{'-' if paragraph is None else paragraph}:{offset}")
        texts.append(clean)
        offset += len(clean) + len(_JOIN)
    line = "\t".join((briefing.id, key, ";".join(specs), _questions(briefing), _JOIN.join(texts)))
    return line.encode("utf-8", "surrogatepass")


def removal(briefing_id: str) -> bytes:
    return f"{briefing_id}\t-".encode("ascii")


@dataclass(slots=True)
class _Text:
    key: str
    specs: str
    questions: str
    text: str
    folded: str | None = None

    def fold(self) -> str:
        if self.folded is None:
            folded = self.text.lower()
            # lower() changes the length of a few characters (İ); then offsets would not line up.
            self.folded = folded if len(folded) == len(self.text) else self.text
        return self.folded

    def locate(self, offset: int) -> tuple[str, int | None, int]:
        """The field, paragraph and start offset of the segment holding `offset`."""
        found = ("title", None, 0)
        for spec in self.specs.split(";"):
            field, paragraph, start = spec.split(":")
            if int(start) > offset:
                break
            found = (field, None if paragraph == "-" else int(paragraph), int(start))
        return found


class TextIndex:
    """The searchable text of every briefing, loaded on first use and kept in step by key."""

    def __init__(self, journal: Journal) -> None:
        self.journal = journal
        self.texts: dict[str, _Text] = {}

    def refresh(self) -> None:
        reset, lines = self.journal.read()
        if reset:
            self.texts = {}
        self._consume(lines)

    def _consume(self, lines: Iterable[bytes]) -> None:
        for raw in lines:
            parts = raw.decode("utf-8", "replace").split("\t", 4)
            if len(parts) == 5:
                self.texts[parts[0]] = _Text(parts[1], parts[2], parts[3], parts[4])
            elif len(parts) == 2 and parts[1] == "-":
                self.texts.pop(parts[0], None)

    def stale(self, keys: dict[str, str]) -> list[str]:
        """Ids whose text is missing or older than the listing index says it is."""
        return [briefing_id for briefing_id, key in keys.items() if (t := self.texts.get(briefing_id)) is None or t.key != key]

    def put(self, line: bytes) -> None:
        """Record a briefing's new text (under the library lock, after `refresh`)."""
        self.journal.append(line)
        self._consume([line])

    def remember(self, line: bytes) -> None:
        """Use a recomputed line in memory without writing it (read-only library)."""
        self._consume([line])

    def remove(self, briefing_id: str) -> None:
        if self.journal.exists:
            self.journal.append(removal(briefing_id))
        self.texts.pop(briefing_id, None)

    def compact(self, keys: dict[str, str]) -> None:
        """Rewrite the file with one line per briefing still in the library."""
        lines = []
        for briefing_id, key in keys.items():
            text = self.texts.get(briefing_id)
            if text is not None and text.key == key:
                lines.append("\t".join((briefing_id, text.key, text.specs, text.questions, text.text)).encode("utf-8", "surrogatepass"))
        self.journal.rewrite(lines)

    @property
    def needs_compaction(self) -> bool:
        return self.journal.lines > 2 * len(self.texts) + 100

    def search(self, query: str, entries: dict[str, IndexEntry], limit: int) -> list[SearchHit]:
        """Briefings holding every word of `query` (case-insensitive); one hit per matching field.

        Briefings with a match in the title come first, then the most recently updated.
        """
        terms = [term for term in query.lower().split() if term]
        if not terms:
            return []
        matched = []
        for briefing_id, text in self.texts.items():
            entry = entries.get(briefing_id)
            if entry is None:
                continue
            folded = text.fold()
            if all(term in folded for term in terms):
                title_end = text.text.find(_JOIN)
                in_title = any(term in folded[: title_end if title_end >= 0 else len(folded)] for term in terms)
                matched.append((not in_title, entry.updated or entry.imported, briefing_id))
        matched.sort(key=lambda item: item[1], reverse=True)
        matched.sort(key=lambda item: item[0])
        hits: list[SearchHit] = []
        for _, _, briefing_id in matched:
            hits.extend(self._hits(self.texts[briefing_id], entries[briefing_id], terms))
            if len(hits) >= limit:
                break
        return hits[:limit]

    def _hits(self, text: _Text, entry: IndexEntry, terms: list[str]) -> list[SearchHit]:
        folded = text.fold()
        seen: set[int] = set()
        hits = []
        for term in terms:
            position = folded.find(term)
            while position >= 0:
                field, paragraph, start = text.locate(position)
                if start not in seen:
                    seen.add(start)
                    hits.append((start, self._hit(text, entry, field, paragraph, start, position, len(term))))
                end = text.text.find(_JOIN, position)
                position = folded.find(term, end) if end >= 0 else -1
        return [hit for _, hit in sorted(hits, key=lambda item: item[0])]

    @staticmethod
    def _hit(text: _Text, entry: IndexEntry, field: str, paragraph: int | None, start: int, at: int, length: int) -> SearchHit:
        end = text.text.find(_JOIN, start)
        end = len(text.text) if end < 0 else end
        left = max(start, at - SNIPPET)
        right = min(end, at + length + SNIPPET)
        prefix = "…" if left > start else ""
        snippet = prefix + text.text[left:right] + ("…" if right < end else "")
        return SearchHit(entry, field, paragraph, snippet, len(prefix) + at - left, length)

    def questions(self, entries: dict[str, IndexEntry]) -> list[tuple[IndexEntry, Question]]:
        """Every question of every briefing in `entries`, briefings most recently updated first."""
        found = []
        for briefing_id, entry in sorted(entries.items(), key=lambda item: item[1].updated or item[1].imported, reverse=True):
            text = self.texts.get(briefing_id)
            if text is None or text.questions == "[]":
                continue
            try:
                found.extend((entry, question_from_doc(doc)) for doc in json.loads(text.questions))
            except (ValueError, TypeError, KeyError, AttributeError):
                continue  # a damaged line; the next refresh recomputes it from the briefing file
        return found
