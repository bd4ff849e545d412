"""The one place where domain records become TinyDB documents and back.

A briefing file is a TinyDB database with one table per kind of record:

    briefing     one document: file version, id, import and update times, dismissed suggestions
    article      one document: title, source, date, byline, url, origin, format
    paragraphs   one document per paragraph: index, text, anchor
    annotations  one document per annotated paragraph, its id the paragraph's index + 1:
                 paragraph, tags, note, reviewed
    questions    one document per question, in the order asked
    summary      one document: BLUF, judgments, source grade, comments
    orphans      one document per piece of work that lost its paragraph: anchor, annotation,
                 and for a lost paragraph link the question or judgment it belonged to

The settings file holds the tables `tags` and `decisions`; an extraction cache file holds one
`extraction` document. Reading checks the shape: anything unexpected raises `CorruptFile`, so a
damaged file is quarantined instead of half-loaded.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from briefings.briefing import Annotation, Briefing, Orphan, Question
from briefings.decisions import ActorDecision
from briefings.edits import LibrarySettings
from briefings.extraction.model import Extraction
from briefings.model import Anchor, Article, ArticleFacts, Paragraph, make_paragraphs
from briefings.summary import Judgment, SourceGrade, Summary
from briefings.taxonomy import Tag
from store.errors import CorruptFile
from store.storage import encode, parse_tables

Database = dict[str, dict[str, Any]]
T = TypeVar("T")


def _table(docs: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """A TinyDB table: documents keyed by their id ("1", "2", ...) in order."""
    return {str(number): doc for number, doc in enumerate(docs, start=1)}


def _docs(data: Database, name: str) -> list[dict[str, Any]]:
    """A table's documents in id order; a missing table is empty."""
    table = data.get(name, {})
    return [table[key] for key in sorted(table, key=int)]


def _single(data: Database, name: str) -> dict[str, Any]:
    docs = _docs(data, name)
    if len(docs) != 1:
        raise ValueError(f"table {name!r} should hold one document, not {len(docs)}")
    return docs[0]


def _checked(path: object, what: str, build: Callable[[], T]) -> T:
    """Run a conversion, turning any malformed-document error into `CorruptFile`."""
    try:
        return build()
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise CorruptFile(path, f"not a valid {what} ({type(error).__name__}: {error})") from None


def _str(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected text, found {type(value).__name__}")
    return value


def _opt_str(value: Any) -> str | None:
    return None if value is None else _str(value)


def _int(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"expected a whole number, found {type(value).__name__}")
    return value


def _opt_int(value: Any) -> int | None:
    return None if value is None else _int(value)


def _strs(value: Any) -> list[str]:
    if not isinstance(value, list):
        raise TypeError(f"expected a list, found {type(value).__name__}")
    return [_str(item) for item in value]


# Anchors and annotations


def anchor_to_doc(anchor: Anchor) -> dict[str, Any]:
    return {"index": anchor.index, "digest": anchor.digest, "quote": anchor.quote, "prefix": anchor.prefix, "suffix": anchor.suffix}


def anchor_from_doc(doc: dict[str, Any]) -> Anchor:
    return Anchor(_int(doc["index"]), _str(doc["digest"]), _str(doc["quote"]), _str(doc.get("prefix", "")), _str(doc.get("suffix", "")))


def annotation_to_doc(annotation: Annotation) -> dict[str, Any]:
    return {"tags": sorted(annotation.tags), "note": annotation.note, "reviewed": annotation.reviewed}


def annotation_from_doc(doc: dict[str, Any]) -> Annotation:
    reviewed = doc.get("reviewed", False)
    if not isinstance(reviewed, bool):
        raise TypeError("reviewed must be true or false")
    return Annotation(frozenset(_strs(doc.get("tags", []))), _str(doc.get("note", "")), reviewed)


def orphan_to_doc(orphan: Orphan) -> dict[str, Any]:
    doc = {"anchor": anchor_to_doc(orphan.anchor), "annotation": annotation_to_doc(orphan.annotation)}
    links = {"question": orphan.question, "judgment": orphan.judgment}
    return doc | {name: value for name, value in links.items() if value}


def orphan_from_doc(doc: dict[str, Any]) -> Orphan:
    return Orphan(
        anchor_from_doc(doc["anchor"]),
        annotation_from_doc(doc["annotation"]),
        question=_str(doc.get("question", "")),
        judgment=_str(doc.get("judgment", "")),
    )


# Questions and summary


def question_to_doc(question: Question) -> dict[str, Any]:
    return {
        "id": question.id,
        "text": question.text,
        "status": question.status,
        "paragraph": question.paragraph,
        "actors": list(question.actors),
        "answer": question.answer,
        "answer_source": question.answer_source,
        "suggestion": question.suggestion,
        "created": question.created,
    }


def question_from_doc(doc: dict[str, Any]) -> Question:
    return Question(
        id=_str(doc["id"]),
        text=_str(doc["text"]),
        status=_str(doc.get("status", "open")),
        paragraph=_opt_int(doc.get("paragraph")),
        actors=tuple(_strs(doc.get("actors", []))),
        answer=_str(doc.get("answer", "")),
        answer_source=_str(doc.get("answer_source", "")),
        suggestion=_str(doc.get("suggestion", "")),
        created=_str(doc.get("created", "")),
    )


def judgment_to_doc(judgment: Judgment) -> dict[str, Any]:
    return {
        "id": judgment.id,
        "text": judgment.text,
        "likelihood": judgment.likelihood,
        "confidence": judgment.confidence,
        "paragraphs": list(judgment.paragraphs),
    }


def judgment_from_doc(doc: dict[str, Any]) -> Judgment:
    return Judgment(
        id=_str(doc["id"]),
        text=_str(doc["text"]),
        likelihood=_str(doc.get("likelihood", "")),
        confidence=_str(doc.get("confidence", "")),
        paragraphs=tuple(_int(index) for index in doc.get("paragraphs", [])),
    )


def summary_to_doc(summary: Summary) -> dict[str, Any]:
    return {
        "bluf": summary.bluf,
        "judgments": [judgment_to_doc(judgment) for judgment in summary.judgments],
        "grade": {"reliability": summary.grade.reliability, "credibility": summary.grade.credibility},
        "comments": summary.comments,
    }


def summary_from_doc(doc: dict[str, Any]) -> Summary:
    grade = doc.get("grade", {})
    return Summary(
        bluf=_str(doc.get("bluf", "")),
        judgments=tuple(judgment_from_doc(item) for item in doc.get("judgments", [])),
        grade=SourceGrade(_str(grade.get("reliability", "")), _str(grade.get("credibility", ""))),
        comments=_str(doc.get("comments", "")),
    )


# Articles and briefings


def facts_to_doc(facts: ArticleFacts) -> dict[str, Any]:
    return {
        "title": facts.title,
        "source": facts.source,
        "date": facts.date.isoformat() if facts.date else None,
        "byline": facts.byline,
        "url": facts.url,
    }


def facts_from_doc(doc: dict[str, Any]) -> ArticleFacts:
    date = _opt_str(doc.get("date"))
    return ArticleFacts(
        title=_str(doc["title"]),
        source=_opt_str(doc.get("source")),
        date=dt.date.fromisoformat(date) if date else None,
        byline=_opt_str(doc.get("byline")),
        url=_opt_str(doc.get("url")),
    )


def article_to_doc(article: Article) -> dict[str, Any]:
    doc = facts_to_doc(article.facts) | {"origin": article.origin, "format": article.format}
    if article.as_read is not None:
        doc["as_read"] = facts_to_doc(article.as_read)
    return doc


def paragraph_to_doc(paragraph: Paragraph) -> dict[str, Any]:
    doc = {"index": paragraph.index, "text": paragraph.text, "anchor": anchor_to_doc(paragraph.anchor)}
    if paragraph.page is not None:  # only paged documents (PDFs) have it: other files stay as they were
        doc["page"] = paragraph.page
    return doc


def article_from_docs(doc: dict[str, Any], paragraph_docs: list[dict[str, Any]]) -> Article:
    paragraphs = tuple(
        Paragraph(_int(item["index"]), _str(item["text"]), anchor_from_doc(item["anchor"]), _opt_int(item.get("page")))
        for item in paragraph_docs
    )
    if any(paragraph.index != position for position, paragraph in enumerate(paragraphs)):
        raise ValueError("paragraphs are not numbered 0, 1, 2, ...")
    facts = facts_from_doc(doc)
    as_read = doc.get("as_read")
    return Article(
        title=facts.title,
        paragraphs=paragraphs,
        source=facts.source,
        date=facts.date,
        byline=facts.byline,
        url=facts.url,
        origin=_opt_str(doc.get("origin")),
        format=_str(doc.get("format", "text")),
        as_read=None if as_read is None else facts_from_doc(as_read),
    )


def _head_table(briefing: Briefing, version: str = "") -> dict[str, dict[str, Any]]:
    doc = {"version": version} if version else {}
    doc |= {"id": briefing.id, "imported": briefing.imported, "updated": briefing.updated, "dismissed": sorted(briefing.dismissed)}
    return _table([doc])


def _article_tables(article: Article) -> Database:
    return {
        "article": _table([article_to_doc(article)]),
        "paragraphs": _table([paragraph_to_doc(paragraph) for paragraph in article.paragraphs]),
    }


def _annotation_doc(index: int, annotation: Annotation) -> dict[str, Any]:
    return {"paragraph": index, **annotation_to_doc(annotation)}


def _work_tables(briefing: Briefing) -> Database:
    return {
        "annotations": {str(index + 1): _annotation_doc(index, briefing.annotations[index]) for index in sorted(briefing.annotations)},
        "questions": _table([question_to_doc(question) for question in briefing.questions.values()]),
        "summary": _table([summary_to_doc(briefing.summary)]),
        "orphans": _table([orphan_to_doc(orphan) for orphan in briefing.orphans]),
    }


def briefing_to_db(briefing: Briefing, version: str = "") -> Database:
    """A briefing as a TinyDB database (see the module docstring for the tables).

    Args:
        briefing: The briefing.
        version: The file version to record in the head document (see `EncodedBriefing`).
    """
    return {"briefing": _head_table(briefing, version), **_article_tables(briefing.article), **_work_tables(briefing)}


# A briefing file in parts. Each part is the bytes of one or more members of the file's top-level
# object ('"name":{...}'); the file is '{' + the parts joined by ',' + '}', its head first.


def _member(name: str, table: dict[str, dict[str, Any]]) -> bytes:
    return encode({name: table})[1:-1]


def _head_part(briefing: Briefing, version: str) -> bytes:
    return encode({"briefing": _head_table(briefing, version)})[:-1]  # with the file's opening brace


def _article_part(article: Article) -> bytes:
    return encode(_article_tables(article))[1:-1]


def _annotation_members(annotations: dict[int, Annotation]) -> dict[int, bytes]:
    return {index: _annotation_member(index, annotations[index]) for index in sorted(annotations)}


def _annotation_member(index: int, annotation: Annotation) -> bytes:
    return encode({str(index + 1): _annotation_doc(index, annotation)})[1:-1]


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
    return _member("questions", _table([question_to_doc(question) for question in questions.values()]))


def _summary_part(summary: Summary) -> bytes:
    return _member("summary", _table([summary_to_doc(summary)]))


def _orphans_part(orphans: list[Orphan]) -> bytes:
    return _member("orphans", _table([orphan_to_doc(orphan) for orphan in orphans]))


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

    def parts(self) -> tuple[bytes, bytes, bytes]:
        """The whole file in three consecutive parts, the article alone in the middle (so that
        writing it needs no copy of the article)."""
        rest = b",".join((b"", self.annotations, self.questions, self.summary, self.orphans)) + b"}"
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


def encode_briefing(briefing: Briefing, previous: EncodedBriefing | None = None, changed: set[int] | None = None) -> EncodedBriefing:
    """A new version of a briefing's file (with a new `version`), re-encoding only what differs
    from `previous`.

    Args:
        briefing: The briefing to write. The record keeps it: do not change it afterwards.
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
    version = _single(tables.data, "briefing").get("version")
    version = version if isinstance(version, str) else ""
    if known is not None:
        article = known.article
    else:
        parts = [tables.member(name) for name in ARTICLE_TABLES]
        article = b",".join(parts) if None not in parts else _article_part(briefing.article)  # type: ignore[arg-type]
    annotations = tables.member("annotations") or _annotations_part(_annotation_members(briefing.annotations))
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
    )


def briefing_from_db(data: Database, path: object = "briefing", article: Article | None = None) -> Briefing:
    """Rebuild a briefing; raises `CorruptFile` if any part has the wrong shape.

    Args:
        data: The file's tables.
        path: For messages.
        article: The article, when the caller already holds it decoded (the article tables are
            then not read).
    """

    def build() -> Briefing:
        head = _single(data, "briefing")
        known = article if article is not None else article_from_docs(_single(data, "article"), _docs(data, "paragraphs"))
        annotations: dict[int, Annotation] = {}
        for doc in _docs(data, "annotations"):
            index = _int(doc["paragraph"])
            if not 0 <= index < len(known.paragraphs):
                raise ValueError(f"annotation on paragraph {index}, outside the article")
            annotation = annotation_from_doc(doc)
            if not annotation.is_empty:
                annotations[index] = annotation
        questions = {question.id: question for question in map(question_from_doc, _docs(data, "questions"))}
        summaries = _docs(data, "summary")
        return Briefing(
            id=_str(head["id"]),
            article=known,
            annotations=annotations,
            questions=questions,
            dismissed=set(_strs(head.get("dismissed", []))),
            summary=summary_from_doc(summaries[0]) if summaries else Summary(),
            orphans=[orphan_from_doc(doc) for doc in _docs(data, "orphans")],
            imported=_str(head.get("imported", "")),
            updated=_str(head.get("updated", "")),
        )

    return _checked(path, "briefing", build)


# Library settings


def tag_to_doc(tag: Tag) -> dict[str, Any]:
    return {"id": tag.id, "name": tag.name, "key": tag.key, "colour": tag.colour, "description": tag.description}


def decision_to_doc(decision: ActorDecision) -> dict[str, Any]:
    doc = {"id": decision.id, "action": decision.action, "actor": decision.actor, "value": decision.value, "created": decision.created}
    return doc | ({"briefing": decision.briefing} if decision.briefing else {})


def settings_to_db(settings: LibrarySettings) -> Database:
    return {
        "tags": _table([tag_to_doc(tag) for tag in settings.tags]),
        "decisions": _table([decision_to_doc(decision) for decision in settings.decisions]),
    }


def settings_from_db(data: Database, path: object = "settings") -> LibrarySettings:
    def build() -> LibrarySettings:
        tags = tuple(
            Tag(_str(d["id"]), _str(d["name"]), _str(d.get("key", "")), _str(d.get("colour", "#888888")), _str(d.get("description", "")))
            for d in _docs(data, "tags")
        )
        decisions = tuple(
            ActorDecision(
                _str(d["id"]), _str(d["action"]), _str(d["actor"]), _str(d.get("value", "")), _str(d.get("created", "")), _str(d.get("briefing", ""))
            )
            for d in _docs(data, "decisions")
        )
        return LibrarySettings(tags, decisions)

    return _checked(path, "settings file", build)


# Extraction cache


def extraction_to_db(content_hash: str, pipeline: str, extraction: Extraction, basis: str = "") -> Database:
    doc = {"content_hash": content_hash, "pipeline": pipeline, "data": extraction.to_dict()}
    return {"extraction": _table([doc | ({"basis": basis} if basis else {})])}


def extraction_from_db(data: Database, content_hash: str, pipeline: str, path: object = "cache", basis: str | None = "") -> Extraction | None:
    """The cached extraction, or None when it was made on another `basis` (see
    `Article.extraction_basis`; None accepts any); `CorruptFile` if damaged or if it belongs to
    another article or pipeline."""

    def build() -> Extraction | None:
        doc = _single(data, "extraction")
        if doc["content_hash"] != content_hash or doc["pipeline"] != pipeline:
            raise ValueError("the entry belongs to another article or pipeline")
        if basis is not None and _str(doc.get("basis", "")) != basis:
            return None
        return Extraction.from_dict(doc["data"])

    return _checked(path, "extraction cache entry", build)


# The store file


def meta_to_db(schema: int, created: str) -> Database:
    return {"library": _table([{"app": "brief", "schema": schema, "created": created}])}


def meta_from_db(data: Database, path: object = "store file") -> dict[str, Any]:
    """The store file's one document; its `schema` is checked to be a positive whole number."""

    def build() -> dict[str, Any]:
        doc = _single(data, "library")
        if _int(doc["schema"]) < 1:
            raise ValueError("schema must be 1 or more")
        return doc

    return _checked(path, "store file", build)


# Schema 1 (read only, for migration): a briefing file was an "article" document carrying the id
# and import time, and one "paragraphs" document per paragraph with its text, tags, note and
# review state. There were no anchors, summary, orphans or dismissed suggestions.


def briefing_from_db_v1(data: Database, path: object = "briefing") -> Briefing:
    """Read a schema-1 briefing file, computing the anchors that schema lacked."""

    def build() -> Briefing:
        head = _single(data, "article")
        docs = _docs(data, "paragraphs")
        date = _opt_str(head.get("date"))
        article = Article(
            title=_str(head["title"]),
            paragraphs=make_paragraphs([_str(doc["text"]) for doc in docs]),
            source=_opt_str(head.get("source")),
            date=dt.date.fromisoformat(date) if date else None,
            byline=_opt_str(head.get("byline")),
            url=_opt_str(head.get("url")),
            origin=_opt_str(head.get("origin")),
            format=_str(head.get("format", "text")),
        )
        annotations = {}
        for index, doc in enumerate(docs):
            annotation = annotation_from_doc(doc)
            if not annotation.is_empty:
                annotations[index] = annotation
        imported = _str(head.get("imported", ""))
        return Briefing(
            id=_str(head["id"]),
            article=article,
            annotations=annotations,
            questions={question.id: question for question in map(question_from_doc, _docs(data, "questions"))},
            imported=imported,
            updated=imported,
        )

    return _checked(path, "schema 1 briefing", build)
