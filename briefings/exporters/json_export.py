"""The JSON export: the whole briefing as structured data, its published schema, and its loader.

The document carries everything needed to rebuild the briefing in another library: the article
with its paragraph anchors, the analyst's work, the extraction, the actor decisions and the tag
taxonomy. `read_json_export` validates a document against the schema and rebuilds it so exactly
that exporting it again gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from functools import cache
from importlib import resources
from typing import Any

from briefings.briefing import Annotation, Briefing, Orphan, Question
from briefings.decisions import ActorDecision, decisions_for
from briefings.edits import LibrarySettings
from briefings.exporters.bundle import ExportBundle, ExportError
from briefings.extraction.model import Extraction
from briefings.model import Anchor, Article, ArticleFacts, Paragraph, text_digest
from briefings.summary import Judgment, SourceGrade, Summary
from briefings.taxonomy import Tag, TaxonomyError, check_tags

SCHEMA_FILE = "briefing.schema.json"
SCHEMA_VERSION = 1
SCHEMA_ID = "urn:brief:schema:briefing-export:1"
# DEL and the C1 controls are legal raw inside JSON strings, but a terminal acts on them (0x9b is
# CSI) when the export is printed; written as \u escapes they decode to the same text.
_RAW_CONTROLS = re.compile(r"[\x7f-\x9f]")


@cache
def _schema_text() -> str:
    return resources.files(__package__).joinpath(SCHEMA_FILE).read_text(encoding="utf-8")


def json_schema() -> dict[str, Any]:
    """The published JSON Schema (draft 2020-12) of a briefing export; `brief schema` prints it.

    A fresh dict each call, so that a caller changing it cannot change what exports are checked against.
    """
    return json.loads(_schema_text())


def _anchor(anchor: Anchor) -> dict[str, Any]:
    return {
        "index": anchor.index,
        "digest": anchor.digest,
        "quote": anchor.quote,
        "prefix": anchor.prefix,
        "suffix": anchor.suffix,
    }


def _tag_ids(bundle: ExportBundle, tags: frozenset[str]) -> list[str]:
    """Tag ids in taxonomy order, then any the taxonomy lacks, sorted: the same tags, the same list."""
    ordered = [tag.id for tag in bundle.settings.tags if tag.id in tags]
    return ordered + sorted(tags - set(ordered))


def _paragraph(bundle: ExportBundle, paragraph: Paragraph) -> dict[str, Any]:
    annotation = bundle.briefing.annotation(paragraph.index)
    document = {
        "index": paragraph.index,
        "anchor": _anchor(paragraph.anchor),
        "text": paragraph.text,
        "tags": _tag_ids(bundle, annotation.tags),
        "note": annotation.note,
        "reviewed": annotation.reviewed,
    }
    if paragraph.page is not None:  # only paged documents have it; other exports are unchanged
        document["page"] = paragraph.page
    return document


def _facts(facts: ArticleFacts) -> dict[str, Any]:
    return {
        "title": facts.title,
        "source": facts.source,
        "date": facts.date.isoformat() if facts.date else None,
        "byline": facts.byline,
        "url": facts.url,
    }


def _rebuild_facts(data: dict[str, Any]) -> ArticleFacts:
    date = dt.date.fromisoformat(data["date"]) if data["date"] else None
    return ArticleFacts(data["title"], data["source"], date, data["byline"], data["url"])


def to_document(bundle: ExportBundle) -> dict[str, Any]:
    """The export as a JSON-ready dict."""
    briefing = bundle.briefing
    article = briefing.article
    summary = briefing.summary
    return {
        "$schema": SCHEMA_ID,
        "schema_version": SCHEMA_VERSION,
        "generated": bundle.generated,
        "app_version": bundle.app_version,
        "briefing": {"id": briefing.id, "imported": briefing.imported, "updated": briefing.updated},
        "article": {
            "title": article.title,
            "source": article.source,
            "date": article.date.isoformat() if article.date else None,
            "byline": article.byline,
            "url": article.url,
            "origin": article.origin,
            "format": article.format,
            "content_hash": article.content_hash,
            "word_count": article.word_count,
        }
        | ({"as_read": _facts(article.as_read)} if article.as_read is not None else {}),
        "paragraphs": [_paragraph(bundle, paragraph) for paragraph in article.paragraphs],
        "taxonomy": [
            {"id": tag.id, "name": tag.name, "key": tag.key, "colour": tag.colour, "description": tag.description}
            for tag in bundle.settings.tags
        ],
        "extraction": bundle.extraction.to_dict() if bundle.extraction is not None else None,
        "decisions": [
            {"id": d.id, "action": d.action, "actor": d.actor, "value": d.value, "created": d.created}
            | ({"briefing": d.briefing} if d.briefing else {})
            for d in decisions_for(bundle.settings.decisions, briefing.id)
        ],
        "questions": [
            {
                "id": q.id,
                "text": q.text,
                "status": q.status,
                "paragraph": q.paragraph,
                "actors": list(q.actors),
                "answer": q.answer,
                "answer_source": q.answer_source,
                "suggestion": q.suggestion,
                "created": q.created,
            }
            for q in briefing.questions.values()
        ],
        "dismissed_suggestions": sorted(briefing.dismissed),
        "summary": {
            "bluf": summary.bluf,
            "judgments": [
                {
                    "id": j.id,
                    "text": j.text,
                    "likelihood": j.likelihood,
                    "confidence": j.confidence,
                    "paragraphs": list(j.paragraphs),
                }
                for j in summary.judgments
            ],
            "grade": {"reliability": summary.grade.reliability, "credibility": summary.grade.credibility},
            "comments": summary.comments,
        },
        "orphans": [
            {
                "anchor": _anchor(orphan.anchor),
                "tags": _tag_ids(bundle, orphan.annotation.tags),
                "note": orphan.annotation.note,
                "reviewed": orphan.annotation.reviewed,
                "question": orphan.question,
                "judgment": orphan.judgment,
            }
            for orphan in briefing.orphans
        ],
    }


def render(bundle: ExportBundle) -> str:
    """The export as indented JSON text, safe to print to a terminal."""
    text = json.dumps(to_document(bundle), ensure_ascii=False, indent=2)
    return _RAW_CONTROLS.sub(lambda match: f"\\u{ord(match.group()):04x}", text) + "\n"


def _validate(document: Any) -> None:
    # Imported here: only loading needs jsonschema, and the app imports the exporters at start-up.
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import best_match

    error = best_match(Draft202012Validator(json_schema()).iter_errors(document))
    if error is not None:
        where = "/".join(str(part) for part in error.absolute_path) or "the top level"
        raise ExportError(f"not a valid Brief briefing export: at {where}: {error.message}")


def _rebuild_anchor(data: dict[str, Any]) -> Anchor:
    return Anchor(data["index"], data["digest"], data["quote"], data["prefix"], data["suffix"])


def _rebuild_article(data: dict[str, Any], paragraphs: list[dict[str, Any]]) -> Article:
    rebuilt = []
    for position, item in enumerate(paragraphs):
        anchor = _rebuild_anchor(item["anchor"])
        if item["index"] != position or anchor.index != position:
            raise ExportError(
                f"paragraph {position} is numbered {item['index']} (anchor {anchor.index}); "
                "paragraphs must be numbered 0, 1, 2, ... in order"
            )
        if anchor.digest != text_digest(item["text"]):
            raise ExportError(f"the anchor of paragraph {position} does not match its text; was the file edited?")
        rebuilt.append(Paragraph(position, item["text"], anchor, item.get("page")))
    facts = _rebuild_facts(data)
    as_read = _rebuild_facts(data["as_read"]) if data.get("as_read") is not None else None
    article = Article(
        facts.title, tuple(rebuilt), facts.source, facts.date, facts.byline, facts.url, data["origin"], data["format"], as_read
    )
    if article.content_hash != data["content_hash"]:
        raise ExportError("the article does not match its content hash; was the file edited?")
    return article


def _check_references(document: dict[str, Any]) -> None:
    """What the schema cannot say: ids are unique and paragraph numbers point into the article."""
    count = len(document["paragraphs"])
    ids = [q["id"] for q in document["questions"]]
    if len(set(ids)) != len(ids):
        raise ExportError("two questions have the same id")
    cited = [q["paragraph"] for q in document["questions"] if q["paragraph"] is not None]
    cited += [index for j in document["summary"]["judgments"] for index in j["paragraphs"]]
    outside = sorted({index for index in cited if index >= count})
    if outside:
        raise ExportError(f"paragraph {outside[0]} is cited but the article has {count} paragraphs")


def _rebuild(document: dict[str, Any]) -> ExportBundle:
    _check_references(document)
    article = _rebuild_article(document["article"], document["paragraphs"])
    meta = document["briefing"]
    briefing = Briefing(meta["id"], article, imported=meta["imported"], updated=meta["updated"])
    for item in document["paragraphs"]:
        briefing.set_annotation(item["index"], Annotation(frozenset(item["tags"]), item["note"], item["reviewed"]))
    for q in document["questions"]:
        briefing.questions[q["id"]] = Question(
            q["id"],
            q["text"],
            q["status"],
            q["paragraph"],
            tuple(q["actors"]),
            q["answer"],
            q["answer_source"],
            q["suggestion"],
            q["created"],
        )
    briefing.dismissed = set(document["dismissed_suggestions"])
    summary = document["summary"]
    briefing.summary = Summary(
        summary["bluf"],
        tuple(
            Judgment(j["id"], j["text"], j["likelihood"], j["confidence"], tuple(j["paragraphs"]))
            for j in summary["judgments"]
        ),
        SourceGrade(summary["grade"]["reliability"], summary["grade"]["credibility"]),
        summary["comments"],
    )
    briefing.orphans = [
        Orphan(
            _rebuild_anchor(o["anchor"]),
            Annotation(frozenset(o["tags"]), o["note"], o["reviewed"]),
            o.get("question", ""),
            o.get("judgment", ""),
        )
        for o in document["orphans"]
    ]
    extraction = Extraction.from_dict(document["extraction"]) if document["extraction"] is not None else None
    tags = tuple(Tag(t["id"], t["name"], t["key"], t["colour"], t["description"]) for t in document["taxonomy"])
    decisions = tuple(
        ActorDecision(d["id"], d["action"], d["actor"], d["value"], d["created"], d.get("briefing", ""))
        for d in document["decisions"]
    )
    return ExportBundle(
        briefing, extraction, LibrarySettings(tags, decisions), document["generated"], document["app_version"]
    )


def read_json_export(text: str) -> ExportBundle:
    """Validate a JSON export and rebuild everything in it, taxonomy and export metadata included.

    Exporting the result again gives the same text.

    Raises:
        ExportError: When the text is not JSON, does not follow the schema, or its paragraphs do
            not match their anchors and content hash.
    """
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise ExportError(f"not JSON: {error}") from None
    _validate(document)
    try:
        return _rebuild(document)
    except ExportError:
        raise
    except ValueError as error:  # a record refused a value the schema let through, such as a date
        raise ExportError(f"not a valid Brief briefing export: {error}") from None


def read_json_import(text: str) -> ExportBundle:
    """`read_json_export` for a document about to enter a library: its taxonomy must also keep
    the rules of `briefings.taxonomy.check_tags`.

    `read_json_export` rebuilds any export exactly, as it was written; a library must not take
    in tags it would refuse from its own taxonomy editor, such as a colour that smuggles CSS or
    markup into the exports made from it later. Such a file is refused whole.

    Raises:
        ExportError: As `read_json_export`, or the taxonomy breaks a rule (the reason says which).
    """
    bundle = read_json_export(text)
    try:
        check_tags(bundle.settings.tags)
    except TaxonomyError as error:
        raise ExportError(f"not a valid Brief briefing export: in its taxonomy, {error}") from None
    return bundle


def load_json_export(text: str) -> tuple[Briefing, Extraction | None, list[ActorDecision]]:
    """The briefing, extraction and actor decisions of a JSON export, for importing into a library.

    Raises:
        ExportError: As `read_json_import`.
    """
    bundle = read_json_import(text)
    return bundle.briefing, bundle.extraction, list(bundle.settings.decisions)
