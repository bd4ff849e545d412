"""The one place where domain records become TinyDB documents and back (the records' own fields
are mapped by `briefings.mapping`, which the JSON export shares; `store.encoding` writes a
briefing file in parts).

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
    history      one document per change, oldest first: when, who, kind, paragraph, detail, ref
                 (see `briefings.history`; since schema 4)

The settings file holds the tables `tags`, `decisions` and `history` (changes to them); an extraction cache file holds one
`extraction` document. Reading checks the shape: anything unexpected raises `CorruptFile`, so a
damaged file is quarantined instead of half-loaded.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, TypeVar

from briefings.briefing import Annotation, Briefing, Orphan
from briefings.mapping import (
    anchor_from_dict,
    anchor_to_dict,
    decision_from_dict,
    decision_to_dict,
    facts_from_dict,
    facts_to_dict,
    optional_number,
    optional_text,
    question_from_dict,
    question_to_dict,
    summary_from_dict,
    summary_to_dict,
    tag_from_dict,
    tag_to_dict,
    text,
    texts,
    whole_number,
)
from briefings.edits import LibrarySettings
from briefings.extraction.model import Extraction
from briefings.history import HistoryEntry
from briefings.model import Article, Paragraph, make_paragraphs
from briefings.summary import Summary
from store.errors import CorruptFile

Database = dict[str, dict[str, Any]]
T = TypeVar("T")


def table(docs: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """A TinyDB table: documents keyed by their id ("1", "2", ...) in order."""
    return {str(number): doc for number, doc in enumerate(docs, start=1)}


def _docs(data: Database, name: str) -> list[dict[str, Any]]:
    """A table's documents in id order; a missing table is empty."""
    table = data.get(name, {})
    return [table[key] for key in sorted(table, key=int)]


def single_doc(data: Database, name: str) -> dict[str, Any]:
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


# Anchors and annotations


def annotation_to_doc(annotation: Annotation) -> dict[str, Any]:
    return {"tags": sorted(annotation.tags), "note": annotation.note, "reviewed": annotation.reviewed}


def annotation_from_doc(doc: dict[str, Any]) -> Annotation:
    reviewed = doc.get("reviewed", False)
    if not isinstance(reviewed, bool):
        raise TypeError("reviewed must be true or false")
    return Annotation(frozenset(texts(doc.get("tags", []))), text(doc.get("note", "")), reviewed)


def orphan_to_doc(orphan: Orphan) -> dict[str, Any]:
    doc = {"anchor": anchor_to_dict(orphan.anchor), "annotation": annotation_to_doc(orphan.annotation)}
    links = {"question": orphan.question, "judgment": orphan.judgment}
    return doc | {name: value for name, value in links.items() if value}


def orphan_from_doc(doc: dict[str, Any]) -> Orphan:
    return Orphan(
        anchor_from_dict(doc["anchor"]),
        annotation_from_doc(doc["annotation"]),
        question=text(doc.get("question", "")),
        judgment=text(doc.get("judgment", "")),
    )


# Articles and briefings


def article_to_doc(article: Article) -> dict[str, Any]:
    doc = facts_to_dict(article.facts) | {"origin": article.origin, "format": article.format}
    if article.as_read is not None:
        doc["as_read"] = facts_to_dict(article.as_read)
    return doc


def paragraph_to_doc(paragraph: Paragraph) -> dict[str, Any]:
    doc = {"index": paragraph.index, "text": paragraph.text, "anchor": anchor_to_dict(paragraph.anchor)}
    if paragraph.page is not None:  # only paged documents (PDFs) have it: other files stay as they were
        doc["page"] = paragraph.page
    return doc


def article_from_docs(doc: dict[str, Any], paragraph_docs: list[dict[str, Any]]) -> Article:
    paragraphs = tuple(
        Paragraph(whole_number(item["index"]), text(item["text"]), anchor_from_dict(item["anchor"]), optional_number(item.get("page")))
        for item in paragraph_docs
    )
    if any(paragraph.index != position for position, paragraph in enumerate(paragraphs)):
        raise ValueError("paragraphs are not numbered 0, 1, 2, ...")
    facts = facts_from_dict(doc)
    as_read = doc.get("as_read")
    return Article(
        title=facts.title,
        paragraphs=paragraphs,
        source=facts.source,
        date=facts.date,
        byline=facts.byline,
        url=facts.url,
        origin=optional_text(doc.get("origin")),
        format=text(doc.get("format", "text")),
        as_read=None if as_read is None else facts_from_dict(as_read),
    )


def head_table(briefing: Briefing, version: str = "") -> dict[str, dict[str, Any]]:
    doc = {"version": version} if version else {}
    doc |= {"id": briefing.id, "imported": briefing.imported, "updated": briefing.updated, "dismissed": sorted(briefing.dismissed)}
    return table([doc])


def article_tables(article: Article) -> Database:
    return {
        "article": table([article_to_doc(article)]),
        "paragraphs": table([paragraph_to_doc(paragraph) for paragraph in article.paragraphs]),
    }


def annotation_doc(index: int, annotation: Annotation) -> dict[str, Any]:
    return {"paragraph": index, **annotation_to_doc(annotation)}


def work_tables(briefing: Briefing) -> Database:
    return {
        "annotations": {str(index + 1): annotation_doc(index, briefing.annotations[index]) for index in sorted(briefing.annotations)},
        "questions": table([question_to_dict(question) for question in briefing.questions.values()]),
        "summary": table([summary_to_dict(briefing.summary)]),
        "orphans": table([orphan_to_doc(orphan) for orphan in briefing.orphans]),
    }


def briefing_to_db(briefing: Briefing, version: str = "", history: tuple[HistoryEntry, ...] = ()) -> Database:
    """A briefing as a TinyDB database (see the module docstring for the tables).

    Args:
        briefing: The briefing.
        version: The file version to record in the head document (see `EncodedBriefing`).
        history: Its history, oldest first.
    """
    return {"briefing": head_table(briefing, version), **article_tables(briefing.article), **work_tables(briefing), **history_to_db(history)}


def briefing_from_db(data: Database, path: object = "briefing", article: Article | None = None) -> Briefing:
    """Rebuild a briefing; raises `CorruptFile` if any part has the wrong shape.

    Args:
        data: The file's tables.
        path: For messages.
        article: The article, when the caller already holds it decoded (the article tables are
            then not read).
    """

    def build() -> Briefing:
        head = single_doc(data, "briefing")
        known = article if article is not None else article_from_docs(single_doc(data, "article"), _docs(data, "paragraphs"))
        annotations: dict[int, Annotation] = {}
        for doc in _docs(data, "annotations"):
            index = whole_number(doc["paragraph"])
            if not 0 <= index < len(known.paragraphs):
                raise ValueError(f"annotation on paragraph {index}, outside the article")
            annotation = annotation_from_doc(doc)
            if not annotation.is_empty:
                annotations[index] = annotation
        questions = {question.id: question for question in map(question_from_dict, _docs(data, "questions"))}
        summaries = _docs(data, "summary")
        return Briefing(
            id=text(head["id"]),
            article=known,
            annotations=annotations,
            questions=questions,
            dismissed=set(texts(head.get("dismissed", []))),
            summary=summary_from_dict(summaries[0]) if summaries else Summary(),
            orphans=[orphan_from_doc(doc) for doc in _docs(data, "orphans")],
            imported=text(head.get("imported", "")),
            updated=text(head.get("updated", "")),
        )

    return _checked(path, "briefing", build)


def history_from_db(data: Database, path: object = "briefing") -> tuple[HistoryEntry, ...]:
    """The `history` table of a briefing or settings file (none before schema 4: empty)."""
    return _checked(path, "history", lambda: tuple(HistoryEntry.from_dict(doc) for doc in _docs(data, "history")))


def history_to_db(history: tuple[HistoryEntry, ...]) -> Database:
    return {"history": table([entry.to_dict() for entry in history])}


# Library settings


def settings_to_db(settings: LibrarySettings) -> Database:
    return {
        "tags": table([tag_to_dict(tag) for tag in settings.tags]),
        "decisions": table([decision_to_dict(decision) for decision in settings.decisions]),
    }


def settings_from_db(data: Database, path: object = "settings") -> LibrarySettings:
    def build() -> LibrarySettings:
        tags = tuple(tag_from_dict(doc) for doc in _docs(data, "tags"))
        decisions = tuple(decision_from_dict(doc) for doc in _docs(data, "decisions"))
        return LibrarySettings(tags, decisions)

    return _checked(path, "settings file", build)


# Extraction cache


def extraction_to_db(content_hash: str, pipeline: str, extraction: Extraction, basis: str = "") -> Database:
    doc = {"content_hash": content_hash, "pipeline": pipeline, "data": extraction.to_dict()}
    return {"extraction": table([doc | ({"basis": basis} if basis else {})])}


def extraction_from_db(data: Database, content_hash: str, pipeline: str, path: object = "cache", basis: str | None = "") -> Extraction | None:
    """The cached extraction, or None when it was made on another `basis` (see
    `Article.extraction_basis`; None accepts any); `CorruptFile` if damaged or if it belongs to
    another article or pipeline."""

    def build() -> Extraction | None:
        doc = single_doc(data, "extraction")
        if doc["content_hash"] != content_hash or doc["pipeline"] != pipeline:
            raise ValueError("the entry belongs to another article or pipeline")
        if basis is not None and text(doc.get("basis", "")) != basis:
            return None
        return Extraction.from_dict(doc["data"])

    return _checked(path, "extraction cache entry", build)


# The store file


def meta_to_db(schema: int, created: str) -> Database:
    return {"library": table([{"app": "brief", "schema": schema, "created": created}])}


def meta_from_db(data: Database, path: object = "store file") -> dict[str, Any]:
    """The store file's one document; its `schema` is checked to be a positive whole number."""

    def build() -> dict[str, Any]:
        doc = single_doc(data, "library")
        if whole_number(doc["schema"]) < 1:
            raise ValueError("schema must be 1 or more")
        return doc

    return _checked(path, "store file", build)


# Schema 1 (read only, for migration): a briefing file was an "article" document carrying the id
# and import time, and one "paragraphs" document per paragraph with its text, tags, note and
# review state. There were no anchors, summary, orphans or dismissed suggestions.


def briefing_from_db_v1(data: Database, path: object = "briefing") -> Briefing:
    """Read a schema-1 briefing file, computing the anchors that schema lacked."""

    def build() -> Briefing:
        head = single_doc(data, "article")
        docs = _docs(data, "paragraphs")
        date = optional_text(head.get("date"))
        article = Article(
            title=text(head["title"]),
            paragraphs=make_paragraphs([text(doc["text"]) for doc in docs]),
            source=optional_text(head.get("source")),
            date=dt.date.fromisoformat(date) if date else None,
            byline=optional_text(head.get("byline")),
            url=optional_text(head.get("url")),
            origin=optional_text(head.get("origin")),
            format=text(head.get("format", "text")),
        )
        annotations = {}
        for index, doc in enumerate(docs):
            annotation = annotation_from_doc(doc)
            if not annotation.is_empty:
                annotations[index] = annotation
        imported = text(head.get("imported", ""))
        return Briefing(
            id=text(head["id"]),
            article=article,
            annotations=annotations,
            questions={question.id: question for question in map(question_from_dict, _docs(data, "questions"))},
            imported=imported,
            updated=imported,
        )

    return _checked(path, "schema 1 briefing", build)
