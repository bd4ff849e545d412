"""Contract: undo and redo through the desk, search, migrations, recovery.

What every backend must do so that the desk (and every face above it) works on it unchanged.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from briefings.briefing import Question
from briefings.edits import AddTag, PutQuestion, SetNote, SetTaxonomy
from briefings.model import Article, make_paragraphs
from briefings.taxonomy import DEFAULT_TAGS
from store import BriefingNotFound, Desk, ReadOnlyLibrary, SaveState
from tests.contract.backends import Kit, open_library

pytestmark = pytest.mark.unit


def article(title: str, texts: list[str]) -> Article:
    return Article(title, make_paragraphs(texts))


def open_desk(kit: Kit, where: Path) -> Desk:
    desk = Desk.open(where, backend=kit.backend)
    desk.start_saving(lambda state: None)
    return desk


def saved(desk: Desk) -> None:
    assert desk.save_queue is not None and desk.save_queue.flush(timeout=30)


def replay(desk: Desk, change: object) -> None:
    """Apply what `Desk.undo` or `Desk.redo` handed back, as a face does."""
    assert change is not None
    assert desk.submit(change.briefing_id, change.edit, record=False, article_hash=change.article_hash)  # type: ignore[attr-defined]


# Undo and redo


def test_undo_and_redo_through_the_desk_reach_the_store(kit: Kit, where: Path) -> None:
    desk = open_desk(kit, where)
    briefing_id = desk.add_article(article("Undo", ["First paragraph here.", "Second paragraph here."])).id
    content = desk.load(briefing_id).article.content_hash
    assert desk.submit(briefing_id, AddTag(0, "fact"), article_hash=content)
    assert desk.submit(briefing_id, SetNote(1, "why"), article_hash=content)
    assert desk.submit(None, SetTaxonomy(DEFAULT_TAGS[:2], DEFAULT_TAGS), scope=briefing_id)
    saved(desk)
    assert desk.settings.tags == DEFAULT_TAGS[:2]

    replay(desk, desk.undo(briefing_id))  # the taxonomy, made last
    replay(desk, desk.undo(briefing_id))  # the note
    saved(desk)
    other = open_library(kit, where)
    assert other.settings().tags == DEFAULT_TAGS and other.load(briefing_id).annotation(1).note == ""
    assert other.load(briefing_id).annotation(0).tags == {"fact"}

    replay(desk, desk.redo(briefing_id))  # the note again
    saved(desk)
    assert open_library(kit, where).load(briefing_id).annotation(1).note == "why"
    assert desk.save_state() == SaveState("saved", 0, "")


def test_undo_is_per_briefing(kit: Kit, where: Path) -> None:
    desk = open_desk(kit, where)
    one = desk.add_article(article("One", ["A paragraph of one."])).id
    two = desk.add_article(article("Two", ["A paragraph of two."])).id
    desk.submit(one, AddTag(0, "fact"))
    desk.submit(two, AddTag(0, "claim"))
    saved(desk)
    replay(desk, desk.undo(one))
    saved(desk)
    assert desk.undo(one) is None  # nothing more in that briefing: the other's change is not reached
    library = open_library(kit, where)
    assert library.load(one).annotations == {} and library.load(two).annotation(0).tags == {"claim"}


# Search


def test_search_finds_every_word_in_titles_text_notes_and_questions(kit: Kit, where: Path) -> None:
    library = open_library(kit, where)
    zurich = library.add_article(article("Talks in Zürich", ["The delegates met in Zürich on Monday.", "Nothing else happened."])).id
    other = library.add_article(article("Harvest report", ["Wheat prices rose sharply.", "Farmers in Kansas were pleased."])).id
    library.apply(other, SetNote(1, "check the Zurich angle"))
    library.apply(other, PutQuestion(Question("q1", "Have the delegates met since?", paragraph=0)))

    found = {(hit.entry.id, hit.field) for hit in open_library(kit, where).search("zurich")}  # accents and case folded
    assert found == {(zurich, "title"), (zurich, "text"), (other, "note")}
    assert {(hit.entry.id, hit.field) for hit in library.search("delegates met")} == {(zurich, "text"), (other, "question")}
    assert {hit.entry.id for hit in library.search("farm")} == {other}  # the start of a longer word
    assert library.search("zurich wheat") == []  # every word, in one place
    assert [(entry.id, question.id) for entry, question in library.questions()] == [(other, "q1")]


def test_search_sees_what_another_handle_wrote(kit: Kit, where: Path) -> None:
    one = open_library(kit, where)
    briefing_id = one.add_article(article("Quiet day", ["Nothing to report."])).id
    two = open_library(kit, where)
    assert two.search("lighthouse") == []
    one.apply(briefing_id, SetNote(0, "the lighthouse keeper called"))
    assert [hit.entry.id for hit in two.search("lighthouse")] == [briefing_id]


# Migrations


def test_an_older_library_opens_migrated_and_says_so(kit: Kit, where: Path) -> None:
    old_schema, ids = kit.make_older(where)
    library = open_library(kit, where)
    assert library.schema > old_schema and not library.read_only
    assert any("upgraded from schema" in warning for warning in library.warnings)
    assert {entry.id for entry in library.entries()} == ids
    briefing_id = sorted(ids)[0]
    library.apply(briefing_id, AddTag(0, "fact"))
    again = open_library(kit, where)
    assert again.warnings == [] and "fact" in again.load(briefing_id).annotation(0).tags


def test_a_newer_library_opens_read_only_and_refuses_changes(kit: Kit, where: Path) -> None:
    library = open_library(kit, where)
    briefing_id = library.add_article(article("Newer", ["One paragraph.", "Two paragraphs."])).id
    library.apply(briefing_id, AddTag(0, "fact"))
    current = library.schema
    kit.make_newer(where)
    newer = open_library(kit, where)
    assert newer.read_only and newer.schema > current
    assert any("newer version of Brief" in warning for warning in newer.warnings)
    assert newer.load(briefing_id).annotation(0).tags == {"fact"}  # still readable
    for change in (
        lambda: newer.apply(briefing_id, AddTag(1, "fact")),
        lambda: newer.apply_settings(SetTaxonomy(DEFAULT_TAGS[:1], DEFAULT_TAGS)),
        lambda: newer.add_article(article("Another", ["Text."])),
        lambda: newer.delete(briefing_id),
    ):
        with pytest.raises(ReadOnlyLibrary):
            change()
    desk = Desk(newer)
    desk.start_saving(lambda state: None)
    assert not desk.submit(briefing_id, AddTag(1, "fact")) and desk.save_state().status == "read-only"


# Recovery


def test_a_damaged_briefing_is_set_aside_and_reported_never_lost_silently(kit: Kit, where: Path) -> None:
    library = open_library(kit, where)
    damaged_id = library.add_article(article("Alpha", ["Alpha one.", "Alpha two."])).id
    intact_id = library.add_article(article("Bravo", ["Bravo one.", "Bravo two."])).id
    library.apply(intact_id, AddTag(1, "claim"))
    del library
    damaged = kit.damage(where, damaged_id)

    library = open_library(kit, where)
    try:
        recovered = library.load(damaged_id)  # from what could be recovered (a backup)...
        assert recovered.article.title == "Alpha"
    except BriefingNotFound:
        pass  # ...or gone from the list, but kept aside
    assert any("damaged" in warning and "Alpha" in warning for warning in library.warnings)
    assert damaged in kit.set_aside(where)  # the damaged data is kept, never overwritten
    assert library.load(intact_id).annotation(1).tags == {"claim"}  # the rest is untouched
    assert intact_id in {entry.id for entry in library.entries()}
