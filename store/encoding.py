"""A briefing file in parts, so that an edit re-encodes only what it changed.

Each part is the bytes of one or more members of the file's top-level object ('"name":{...}');
the file is '{' + the parts joined by ',' + '}', its head first. The tables themselves are those
of `store.documents`, which says what a briefing file holds.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Any

from briefings.briefing import Annotation, Briefing, Orphan, Question
from briefings.history import HistoryEntry
from briefings.mapping import question_to_dict, summary_to_dict
from briefings.model import Article
from briefings.summary import Summary
from store.documents import annotation_doc, article_tables, briefing_from_db, head_table, history_from_db, orphan_to_doc, single_doc, table
from store.storage import encode, parse_tables



def _member(name: str, table: dict[str, dict[str, Any]]) -> bytes:
    return encode({name: table})[1:-1]


def _head_part(briefing: Briefing, version: str) -> bytes:
    return encode({"briefing": head_table(briefing, version)})[:-1]  # with the file's opening brace


def _article_part(article: Article) -> bytes:
    return encode(article_tables(article))[1:-1]


def _annotation_members(annotations: dict[int, Annotation]) -> dict[int, bytes]:
    return {index: _annotation_member(index, annotations[index]) for index in sorted(annotations)}


def _annotation_member(index: int, annotation: Annotation) -> bytes:
    return encode({str(index + 1): annotation_doc(index, annotation)})[1:-1]


_ANNOTATIONS = b'"annotations":{'


def _annotations_part(members: dict[int, bytes]) -> bytes:
    return _ANNOTATIONS + b",".join(members.values()) + b"}"


def _split_members(part: bytes, annotations: dict[int, Annotation]) -> dict[int, bytes] | None:
    """The documents of an annotations table as read, by paragraph, when the table is exactly as
    `_annotations_part` writes it (one document per annotation, its id the paragraph + 1); else None.

    Encoding 20,000 documents again after a read costs 100 ms; cutting the bytes read costs a
    few. A '},"' occurs only between documents of that form: inside a JSON string a quote is
    always escaped, and the documents hold no object. Each piece must then start with its id and
    paragraph, and name each annotated paragraph once, or the table is encoded afresh.
    """
    if not part.startswith(_ANNOTATIONS) or not part.endswith(b"}"):
        return None
    body = part[len(_ANNOTATIONS) : -1]
    pieces = body.split(b'},"') if body else []
    if len(pieces) != len(annotations):
        return None
    members: dict[int, bytes] = {}
    for number, piece in enumerate(pieces):
        member = (b'"' if number else b"") + piece + (b"}" if number < len(pieces) - 1 else b"")
        key, _, rest = member[1:].partition(b'":{"paragraph":')
        paragraph = rest[: rest.find(b",")]
        if not (key.isdigit() and paragraph.isdigit()) or int(key) != int(paragraph) + 1 or int(paragraph) not in annotations:
            return None
        members[int(paragraph)] = member
    return members if len(members) == len(annotations) else None


def _questions_part(questions: dict[str, Question]) -> bytes:
    return _member("questions", table([question_to_dict(question) for question in questions.values()]))


def _summary_part(summary: Summary) -> bytes:
    return _member("summary", table([summary_to_dict(summary)]))


def _orphans_part(orphans: list[Orphan]) -> bytes:
    return _member("orphans", table([orphan_to_doc(orphan) for orphan in orphans]))


_HISTORY = b'"history":{'


def _history_part(history: tuple[HistoryEntry, ...], previous: EncodedBriefing | None) -> bytes:
    """The history table: `previous`'s bytes with the entries added since appended, when
    `history` continues `previous.history` (the usual case: one edit adds an entry or two to a
    history of thousands, which is then not encoded again); else encoded afresh."""
    if previous is not None:
        held = previous.history
        if history[: len(held)] == held and previous.history_part.startswith(_HISTORY):
            if len(history) == len(held):
                return previous.history_part
            added = b",".join(encode({str(n): e.to_dict()})[1:-1] for n, e in enumerate(history[len(held) :], start=len(held) + 1))
            return previous.history_part[:-1] + (b"," if held else b"") + added + b"}"
    return _member("history", table([entry.to_dict() for entry in history]))


#: The tables of the article, in the order a briefing file holds them, right after its head.
ARTICLE_TABLES = ("article", "paragraphs")


@dataclass(frozen=True, slots=True)
class EncodedBriefing:
    """A briefing together with its file's bytes, kept in parts.

    An edit changes one paragraph's annotation, while the article is most of the file (megabytes
    at 20,000 paragraphs). Keeping each part's bytes lets the next version of the file re-encode
    only what changed (`encode_briefing` with `previous`), and lets a re-read skip parsing an
    article whose bytes are the ones held here (`read_briefing` with `previous`).

    Attributes:
        briefing: What the file holds. Shared by whoever holds this record: never change it;
            change a copy (`store.snapshots.copy`).
        version: The random id in the file's head document, new with every write, so that a file
            this process wrote can be told from one written by anyone else.
        head: The file's opening brace and head table (`{"briefing":{...}`).
        article: The article tables (`"article":{...},"paragraphs":{...}`).
        annotations: The annotations table.
        members: The annotations table's documents by paragraph; None until the first change
            after a read (they are then cut from the bytes read, or encoded once).
        questions: The questions table.
        summary: The summary table.
        orphans: The orphans table.
        history: Who changed the briefing when, oldest first (`briefings.history`).
        history_part: The history table, its documents keyed "1", "2"... in order.
    """

    briefing: Briefing
    version: str
    head: bytes
    article: bytes
    annotations: bytes
    members: dict[int, bytes] | None
    questions: bytes
    summary: bytes
    orphans: bytes
    history: tuple[HistoryEntry, ...]
    history_part: bytes

    def parts(self) -> tuple[bytes, bytes, bytes]:
        """The whole file in three consecutive parts, the article alone in the middle (so that
        writing it needs no copy of the article)."""
        rest = b",".join((b"", self.annotations, self.questions, self.summary, self.orphans, self.history_part)) + b"}"
        return self.head + b",", self.article, rest

    def data(self) -> bytes:
        """The whole file."""
        return b"".join(self.parts())


def changed_paragraphs(before: dict[int, Annotation], after: dict[int, Annotation]) -> set[int]:
    """The paragraphs whose annotation in `after` is not the very same object as in `before`.

    Annotations are immutable and an edit replaces those it changes, so comparing identities
    finds every change without comparing 20,000 annotations field by field.
    """
    get = before.get
    changed = {index for index, annotation in after.items() if get(index) is not annotation}
    changed.update(before.keys() - after.keys())
    return changed


def encode_briefing(
    briefing: Briefing,
    previous: EncodedBriefing | None = None,
    changed: set[int] | None = None,
    history: tuple[HistoryEntry, ...] = (),
) -> EncodedBriefing:
    """A new version of a briefing's file (with a new `version`), re-encoding only what differs
    from `previous`.

    Args:
        briefing: The briefing to write. The record keeps it: do not change it afterwards.
        history: Its whole history, this version's changes last.
        previous: An earlier encoding of this briefing: its article part is reused while the
            briefing has the very same article object, its other parts while they are equal.
        changed: The paragraphs whose annotations differ from `previous.briefing`'s (as
            `changed_paragraphs` finds them); computed when not given.
    """
    version = secrets.token_hex(8)
    head = _head_part(briefing, version)
    if previous is None:
        members = _annotation_members(briefing.annotations)
        return EncodedBriefing(
            briefing,
            version,
            head,
            _article_part(briefing.article),
            _annotations_part(members),
            members,
            _questions_part(briefing.questions),
            _summary_part(briefing.summary),
            _orphans_part(briefing.orphans),
            history,
            _history_part(history, None),
        )
    before = previous.briefing
    if changed is None:
        changed = changed_paragraphs(before.annotations, briefing.annotations)
    annotations, members = previous.annotations, previous.members
    if changed:
        if members is None:  # the first change since the file was read
            members = _split_members(previous.annotations, before.annotations) or _annotation_members(before.annotations)
        else:
            members = dict(members)
        for index in changed:
            annotation = briefing.annotations.get(index)
            if annotation is None:
                members.pop(index, None)
            else:
                members[index] = _annotation_member(index, annotation)
        annotations = _annotations_part(members)
    same_article = briefing.article is before.article
    return EncodedBriefing(
        briefing,
        version,
        head,
        previous.article if same_article else _article_part(briefing.article),
        annotations,
        members,
        previous.questions if briefing.questions == before.questions else _questions_part(briefing.questions),
        previous.summary if briefing.summary == before.summary else _summary_part(briefing.summary),
        previous.orphans if briefing.orphans == before.orphans else _orphans_part(briefing.orphans),
        history,
        _history_part(history, previous),
    )


def read_briefing(raw: bytes, path: object, briefing_id: str, previous: EncodedBriefing | None = None) -> EncodedBriefing:
    """Decode a briefing file, keeping its parts' bytes.

    Args:
        raw: The file.
        path: For messages.
        briefing_id: The briefing's id: its file name, even for a file copied under a new name.
        previous: An earlier version of this briefing held in memory: when the file still holds
            the same article bytes right after its head, the article is neither parsed nor
            decoded again.

    Raises:
        CorruptFile: The file is damaged or has the wrong shape.
    """
    tables = parse_tables(raw, path, previous.article if previous else b"", ARTICLE_TABLES)
    known = previous if previous is not None and tables.known else None
    briefing = briefing_from_db(tables.data, path, known.briefing.article if known else None)
    briefing.id = briefing_id
    version = single_doc(tables.data, "briefing").get("version")
    version = version if isinstance(version, str) else ""
    if known is not None:
        article = known.article
    else:
        parts = [tables.member(name) for name in ARTICLE_TABLES]
        article = b",".join(parts) if None not in parts else _article_part(briefing.article)  # type: ignore[arg-type]
    annotations = tables.member("annotations") or _annotations_part(_annotation_members(briefing.annotations))
    history = history_from_db(tables.data, path)
    history_part = tables.member("history")
    if history_part is None or sorted(tables.data.get("history", {}), key=int) != [str(n) for n in range(1, len(history) + 1)]:
        history_part = _history_part(history, None)
    return EncodedBriefing(
        briefing,
        version,
        _head_part(briefing, version),
        article,
        annotations,
        None,
        _questions_part(briefing.questions),
        _summary_part(briefing.summary),
        _orphans_part(briefing.orphans),
        history,
        history_part,
    )
