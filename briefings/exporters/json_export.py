"""The JSON export: the whole briefing as structured data, its published schema, and its loader.

The document carries everything needed to rebuild the briefing in another library: the article
with its paragraph anchors, the analyst's work, the extraction, the actor decisions, the tag
taxonomy, and the history of changes (who did what, when: always, whatever the Markdown and HTML
exports show). `read_json_export` validates a document against the schema and rebuilds it so exactly
that exporting it again gives the same bytes.
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources
from typing import Any

from briefings.briefing import Annotation, Briefing, Orphan
from briefings.decisions import ActorDecision, decisions_for
from briefings.edits import LibrarySettings
from briefings.exporters.bundle import ExportBundle, ExportError
from briefings.extraction.model import Extraction
from briefings.history import HistoryEntry
from briefings.mapping import (
    anchor_from_dict,
    anchor_to_dict,
    decision_from_dict,
    decision_to_dict,
    facts_from_dict,
    facts_to_dict,
    question_from_dict,
    question_to_dict,
    summary_from_dict,
    summary_to_dict,
    tag_from_dict,
    tag_to_dict,
)
from briefings.model import Article, Paragraph, text_digest
from briefings.taxonomy import TaxonomyError, check_tags

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


def _tag_ids(bundle: ExportBundle, tags: frozenset[str]) -> list[str]:
    """Tag ids in taxonomy order, then any the taxonomy lacks, sorted: the same tags, the same list."""
    ordered = [tag.id for tag in bundle.settings.tags if tag.id in tags]
    return ordered + sorted(tags - set(ordered))


def _paragraph(bundle: ExportBundle, paragraph: Paragraph) -> dict[str, Any]:
    annotation = bundle.briefing.annotation(paragraph.index)
    document = {
        "index": paragraph.index,
        "anchor": anchor_to_dict(paragraph.anchor),
        "text": paragraph.text,
        "tags": _tag_ids(bundle, annotation.tags),
        "note": annotation.note,
        "reviewed": annotation.reviewed,
    }
    if paragraph.page is not None:  # only paged documents have it; other exports are unchanged
        document["page"] = paragraph.page
    return document


def to_document(bundle: ExportBundle) -> dict[str, Any]:
    """The export as a JSON-ready dict."""
    briefing = bundle.briefing
    article = briefing.article
    return {
        "$schema": SCHEMA_ID,
        "schema_version": SCHEMA_VERSION,
        "generated": bundle.generated,
        "app_version": bundle.app_version,
        "briefing": {"id": briefing.id, "imported": briefing.imported, "updated": briefing.updated},
        "article": facts_to_dict(article.facts)
        | {"origin": article.origin, "format": article.format, "content_hash": article.content_hash, "word_count": article.word_count}
        | ({"as_read": facts_to_dict(article.as_read)} if article.as_read is not None else {}),
        "paragraphs": [_paragraph(bundle, paragraph) for paragraph in article.paragraphs],
        "taxonomy": [tag_to_dict(tag) for tag in bundle.settings.tags],
        "extraction": bundle.extraction.to_dict() if bundle.extraction is not None else None,
        "decisions": [decision_to_dict(decision) for decision in decisions_for(bundle.settings.decisions, briefing.id)],
        "questions": [question_to_dict(question) for question in briefing.questions.values()],
        "dismissed_suggestions": sorted(briefing.dismissed),
        "summary": summary_to_dict(briefing.summary),
        "orphans": [
            {
                "anchor": anchor_to_dict(orphan.anchor),
                "tags": _tag_ids(bundle, orphan.annotation.tags),
                "note": orphan.annotation.note,
                "reviewed": orphan.annotation.reviewed,
                "question": orphan.question,
                "judgment": orphan.judgment,
            }
            for orphan in briefing.orphans
        ],
        "history": [entry.to_dict() for entry in bundle.history],
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


def _rebuild_article(data: dict[str, Any], paragraphs: list[dict[str, Any]]) -> Article:
    rebuilt = []
    for position, item in enumerate(paragraphs):
        anchor = anchor_from_dict(item["anchor"])
        if item["index"] != position or anchor.index != position:
            raise ExportError(
                f"paragraph {position} is numbered {item['index']} (anchor {anchor.index}); "
                "paragraphs must be numbered 0, 1, 2, ... in order"
            )
        if anchor.digest != text_digest(item["text"]):
            raise ExportError(f"the anchor of paragraph {position} does not match its text; was the file edited?")
        rebuilt.append(Paragraph(position, item["text"], anchor, item.get("page")))
    facts = facts_from_dict(data)
    as_read = facts_from_dict(data["as_read"]) if data.get("as_read") is not None else None
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
    for question in map(question_from_dict, document["questions"]):
        briefing.questions[question.id] = question
    briefing.dismissed = set(document["dismissed_suggestions"])
    briefing.summary = summary_from_dict(document["summary"])
    briefing.orphans = [
        Orphan(
            anchor_from_dict(o["anchor"]),
            Annotation(frozenset(o["tags"]), o["note"], o["reviewed"]),
            o.get("question", ""),
            o.get("judgment", ""),
        )
        for o in document["orphans"]
    ]
    extraction = Extraction.from_dict(document["extraction"]) if document["extraction"] is not None else None
    tags = tuple(map(tag_from_dict, document["taxonomy"]))
    decisions = tuple(map(decision_from_dict, document["decisions"]))
    history = tuple(HistoryEntry.from_dict(entry) for entry in document.get("history", []))
    return ExportBundle(
        briefing, extraction, LibrarySettings(tags, decisions), document["generated"], document["app_version"], history
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
