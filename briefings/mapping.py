"""Records as plain dicts and back: the one mapping of anchors, article facts, questions,
judgments, summaries, tags and actor decisions to JSON-ready dicts.

Both the library's files (`store.documents`) and the JSON export (`briefings.exporters.json_export`)
write these records, field for field the same way, so they are mapped here once. Reading checks
each value's type and raises `TypeError`, `ValueError` or `KeyError` for a dict of the wrong
shape; each caller turns that into its own error (a damaged file, an invalid export). Fields a
dict lacks take their defaults, so files written before a field existed still read.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from briefings.briefing import Question
from briefings.decisions import ActorDecision
from briefings.model import Anchor, ArticleFacts
from briefings.summary import Judgment, SourceGrade, Summary
from briefings.taxonomy import Tag

Doc = dict[str, Any]


def text(value: Any) -> str:
    """A string value, or `TypeError`."""
    if not isinstance(value, str):
        raise TypeError(f"expected text, found {type(value).__name__}")
    return value


def optional_text(value: Any) -> str | None:
    """A string value or None."""
    return None if value is None else text(value)


def whole_number(value: Any) -> int:
    """An int value (not a bool), or `TypeError`."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"expected a whole number, found {type(value).__name__}")
    return value


def optional_number(value: Any) -> int | None:
    """An int value or None."""
    return None if value is None else whole_number(value)


def texts(value: Any) -> list[str]:
    """A list of strings, or `TypeError`."""
    if not isinstance(value, list):
        raise TypeError(f"expected a list, found {type(value).__name__}")
    return [text(item) for item in value]


# Anchors and facts


def anchor_to_dict(anchor: Anchor) -> Doc:
    return {"index": anchor.index, "digest": anchor.digest, "quote": anchor.quote, "prefix": anchor.prefix, "suffix": anchor.suffix}


def anchor_from_dict(doc: Doc) -> Anchor:
    return Anchor(whole_number(doc["index"]), text(doc["digest"]), text(doc["quote"]), text(doc.get("prefix", "")), text(doc.get("suffix", "")))


def facts_to_dict(facts: ArticleFacts) -> Doc:
    return {
        "title": facts.title,
        "source": facts.source,
        "date": facts.date.isoformat() if facts.date else None,
        "byline": facts.byline,
        "url": facts.url,
    }


def facts_from_dict(doc: Doc) -> ArticleFacts:
    date = optional_text(doc.get("date"))
    return ArticleFacts(
        title=text(doc["title"]),
        source=optional_text(doc.get("source")),
        date=dt.date.fromisoformat(date) if date else None,
        byline=optional_text(doc.get("byline")),
        url=optional_text(doc.get("url")),
    )


# Questions and summary


def question_to_dict(question: Question) -> Doc:
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


def question_from_dict(doc: Doc) -> Question:
    return Question(
        id=text(doc["id"]),
        text=text(doc["text"]),
        status=text(doc.get("status", "open")),
        paragraph=optional_number(doc.get("paragraph")),
        actors=tuple(texts(doc.get("actors", []))),
        answer=text(doc.get("answer", "")),
        answer_source=text(doc.get("answer_source", "")),
        suggestion=text(doc.get("suggestion", "")),
        created=text(doc.get("created", "")),
    )


def judgment_to_dict(judgment: Judgment) -> Doc:
    return {
        "id": judgment.id,
        "text": judgment.text,
        "likelihood": judgment.likelihood,
        "confidence": judgment.confidence,
        "paragraphs": list(judgment.paragraphs),
    }


def judgment_from_dict(doc: Doc) -> Judgment:
    return Judgment(
        id=text(doc["id"]),
        text=text(doc["text"]),
        likelihood=text(doc.get("likelihood", "")),
        confidence=text(doc.get("confidence", "")),
        paragraphs=tuple(whole_number(index) for index in doc.get("paragraphs", [])),
    )


def summary_to_dict(summary: Summary) -> Doc:
    return {
        "bluf": summary.bluf,
        "judgments": [judgment_to_dict(judgment) for judgment in summary.judgments],
        "grade": {"reliability": summary.grade.reliability, "credibility": summary.grade.credibility},
        "comments": summary.comments,
    }


def summary_from_dict(doc: Doc) -> Summary:
    grade = doc.get("grade", {})
    return Summary(
        bluf=text(doc.get("bluf", "")),
        judgments=tuple(judgment_from_dict(item) for item in doc.get("judgments", [])),
        grade=SourceGrade(text(grade.get("reliability", "")), text(grade.get("credibility", ""))),
        comments=text(doc.get("comments", "")),
    )


# Library settings


def tag_to_dict(tag: Tag) -> Doc:
    return {"id": tag.id, "name": tag.name, "key": tag.key, "colour": tag.colour, "description": tag.description}


def tag_from_dict(doc: Doc) -> Tag:
    return Tag(text(doc["id"]), text(doc["name"]), text(doc.get("key", "")), text(doc.get("colour", "#888888")), text(doc.get("description", "")))


def decision_to_dict(decision: ActorDecision) -> Doc:
    doc = {"id": decision.id, "action": decision.action, "actor": decision.actor, "value": decision.value, "created": decision.created}
    return doc | ({"briefing": decision.briefing} if decision.briefing else {})


def decision_from_dict(doc: Doc) -> ActorDecision:
    return ActorDecision(
        text(doc["id"]), text(doc["action"]), text(doc["actor"]), text(doc.get("value", "")), text(doc.get("created", "")), text(doc.get("briefing", ""))
    )
