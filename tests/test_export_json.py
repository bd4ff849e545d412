"""The JSON export: its published schema, validation of every export, and the import round trip."""

from __future__ import annotations

import json
from typing import Any

import pytest
from jsonschema import Draft202012Validator, ValidationError

from briefings.briefing import QUESTION_STATUSES
from briefings.decisions import DECISION_ACTIONS
from briefings.exporters import ExportBundle, ExportError, export, json_schema, load_json_export, read_json_export
from briefings.exporters.json_export import SCHEMA_ID, read_json_import
from briefings.extraction.model import ACTOR_KINDS, NUMBER_KINDS, SUGGESTION_KINDS
from briefings.summary import CONFIDENCE_LEVELS, CREDIBILITY, LIKELIHOODS, RELIABILITY
from tests.tools.sample_briefing import digest_bundles, hostile_bundle, sample_bundle

pytestmark = pytest.mark.unit


def all_bundles() -> list[ExportBundle]:
    """The sample, the hostile one, and briefings without extraction or work."""
    return [sample_bundle(), hostile_bundle(), *digest_bundles()[1:]]


def sample_document() -> dict[str, Any]:
    return json.loads(export(sample_bundle(), "json"))


def test_schema_is_a_valid_draft_2020_12_schema_with_an_id() -> None:
    schema = json_schema()
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == SCHEMA_ID


def test_schema_enums_match_the_domain_records() -> None:
    """The schema file is written out by hand: it must not drift from the code."""
    defs = json_schema()["$defs"]
    grade = json_schema()["properties"]["summary"]["properties"]["grade"]["properties"]
    assert defs["actor"]["properties"]["kind"]["enum"] == list(ACTOR_KINDS)
    assert defs["number"]["properties"]["kind"]["enum"] == list(NUMBER_KINDS)
    assert defs["suggestion"]["properties"]["kind"]["enum"] == list(SUGGESTION_KINDS)
    assert defs["decision"]["properties"]["action"]["enum"] == list(DECISION_ACTIONS)
    assert defs["question"]["properties"]["status"]["enum"] == list(QUESTION_STATUSES)
    assert defs["judgment"]["properties"]["likelihood"]["enum"] == ["", *(step.id for step in LIKELIHOODS)]
    assert defs["judgment"]["properties"]["confidence"]["enum"] == ["", *CONFIDENCE_LEVELS]
    assert grade["reliability"]["enum"] == ["", *RELIABILITY]
    assert grade["credibility"]["enum"] == ["", *CREDIBILITY]


@pytest.mark.parametrize("number", range(4))
def test_every_export_validates_against_the_schema(number: int) -> None:
    document = json.loads(export(all_bundles()[number], "json"))
    Draft202012Validator(json_schema()).validate(document)
    assert document["$schema"] == json_schema()["$id"]


def _broken(path: list[str | int], value: Any = None, *, delete: bool = False) -> dict[str, Any]:
    document = sample_document()
    target = document
    for key in path[:-1]:
        target = target[key]
    if delete:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return document


INVALID = {
    "missing paragraphs": _broken(["paragraphs"], delete=True),
    "unknown top-level field": _broken(["surprise"], 1),
    "likelihood off the scale": _broken(["summary", "judgments", 0, "likelihood"], "probably"),
    "grade G": _broken(["summary", "grade", "reliability"], "G"),
    "question status": _broken(["questions", 0, "status"], "closed"),
    "tag key": _broken(["taxonomy", 0, "key"], "a"),
    "paragraph text not a string": _broken(["paragraphs", 0, "text"], 12),
    "negative index": _broken(["paragraphs", 0, "anchor", "index"], -1),
    "actor kind": _broken(["extraction", "actors", 0, "kind"], "planet"),
    "schema version": _broken(["schema_version"], 2),
    "date format": _broken(["article", "date"], "25 March 2015"),
}


@pytest.mark.parametrize("name", INVALID)
def test_an_invalid_document_fails_validation(name: str) -> None:
    validator = Draft202012Validator(json_schema())
    with pytest.raises(ValidationError):
        validator.validate(INVALID[name])
    with pytest.raises(ExportError, match="not a valid Brief briefing export: at "):
        load_json_export(json.dumps(INVALID[name]))


@pytest.mark.parametrize("number", range(4))
def test_round_trip_export_load_export_is_identical(number: int) -> None:
    bundle = all_bundles()[number]
    text = export(bundle, "json")
    loaded = read_json_export(text)
    assert loaded == bundle
    assert export(loaded, "json") == text


def test_load_json_export_returns_briefing_extraction_and_decisions() -> None:
    bundle = sample_bundle()
    briefing, extraction, decisions = load_json_export(export(bundle, "json"))
    assert briefing == bundle.briefing
    assert briefing.annotation(4).tags == {"key-judgment", "sourcing", "follow-up"}
    assert list(briefing.questions) == ["q-request", "q-official", "q-badr"]
    assert extraction == bundle.extraction
    assert decisions == list(bundle.settings.decisions)


def test_briefing_without_extraction_exports_null() -> None:
    bundle = digest_bundles()[2]
    document = json.loads(export(bundle, "json"))
    assert document["extraction"] is None
    assert load_json_export(export(bundle, "json"))[1] is None


def test_paragraphs_carry_index_anchor_text_tags_note_and_review_state() -> None:
    paragraph = sample_document()["paragraphs"][4]
    assert set(paragraph) == {"index", "anchor", "text", "tags", "note", "reviewed"}
    assert paragraph["index"] == 4
    assert paragraph["tags"] == ["key-judgment", "sourcing", "follow-up"]  # taxonomy order
    assert paragraph["note"].startswith('"Said to be"')
    assert paragraph["reviewed"] is True
    assert paragraph["anchor"]["quote"] == paragraph["text"][:160]


def _edited(change: Any) -> str:
    document = sample_document()
    change(document)
    return json.dumps(document)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["paragraphs"][2].update(text="Rewritten."), "anchor of paragraph 2 does not match its text"),
        (lambda d: d["article"].update(title="Another title"), "does not match its content hash"),
        (lambda d: d["paragraphs"].reverse(), "paragraphs must be numbered 0, 1, 2"),
        (
            lambda d: d["summary"]["judgments"][0].update(paragraphs=[40]),
            "paragraph 40 is cited but the article has 15",
        ),
        (lambda d: d["questions"].append(dict(d["questions"][0])), "two questions have the same id"),
        (lambda d: d["article"].update(date="2015-02-30"), "not a valid Brief briefing export: day is out of range"),
    ],
)
def test_loader_refuses_documents_that_do_not_hold_together(change: Any, message: str) -> None:
    with pytest.raises(ExportError, match=message):
        load_json_export(_edited(change))


@pytest.mark.parametrize("text", ["", "{", "[1, 2]", "null", "not json at all"])
def test_loader_refuses_text_that_is_not_an_export(text: str) -> None:
    with pytest.raises(ExportError):
        load_json_export(text)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda tag: tag.update(colour="red;}</style><script>alert(1)</script>"), "tag 'key judgment' has an invalid colour"),
        (lambda tag: tag.update(colour="#12345"), "has an invalid colour '#12345'"),
        (lambda tag: tag.update(key="2"), "key 2 is given to both 'key judgment' and 'fact'"),
        (lambda tag: tag.update(id="fact"), "tag 'fact' appears twice"),
        (lambda tag: tag.update(name=""), "tag 1 has no name"),
    ],
)
def test_importing_refuses_a_taxonomy_that_breaks_the_taxonomy_rules(change: Any, message: str) -> None:
    text = _edited(lambda document: change(document["taxonomy"][0]))
    read_json_export(text)  # a faithful reader of what was written...
    with pytest.raises(ExportError, match=f"^not a valid Brief briefing export: in its taxonomy, .*{message}"):
        read_json_import(text)  # ...but a library takes in only tags its own editor would accept
    with pytest.raises(ExportError, match=message):
        load_json_export(text)


def test_importing_accepts_every_genuine_export_with_a_valid_taxonomy() -> None:
    for bundle in (sample_bundle(), *digest_bundles()):
        assert read_json_import(export(bundle, "json")) == bundle
