"""Contract: every change is recorded with who made it and when, in the same step as the change.

A handle records its changes as its `analyst`; `history(briefing_id)` returns a briefing's
entries oldest first, as `briefings.history.entries` describes the edits, to any handle; a change
refused leaves no entry; settings changes have a history of their own.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest

from briefings.decisions import ActorDecision
from briefings.edits import (
    AddDecision,
    AddTag,
    Compound,
    RemoveTag,
    SetNote,
    SetReviewed,
    SetSummary,
    SetTaxonomy,
)
from briefings.history import entries
from briefings.summary import Summary
from briefings.taxonomy import DEFAULT_TAGS
from store import BriefingNotFound, Desk, EditRejected, ImportResult, LibraryStore
from tests.contract.backends import Kit, open_library
from tests.contract.test_contract_edits import CASES, SUMMARY, article, new_briefing

pytestmark = pytest.mark.unit


def as_analyst(kit: Kit, where: Path, name: str) -> LibraryStore:
    library = open_library(kit, where)
    library.analyst = name
    return library


def what(library: LibraryStore, briefing_id: str) -> list[tuple[str, str, int | None, str]]:
    return [(entry.who, entry.kind, entry.paragraph, entry.detail) for entry in library.history(briefing_id)]


def test_a_new_handle_is_the_login_name_until_told_otherwise(kit: Kit, where: Path) -> None:
    from briefings.history import login_name

    assert open_library(kit, where).analyst == login_name() != ""


def test_an_import_then_each_edit_is_recorded_with_who_and_when(kit: Kit, where: Path) -> None:
    ada = as_analyst(kit, where, "Ada")
    start = dt.datetime.now(dt.UTC).replace(microsecond=0)
    briefing_id = new_briefing(ada)
    ada.apply(briefing_id, AddTag(0, "fact"))
    ada.apply(briefing_id, SetNote(0, "single unnamed official"))
    ada.apply_all(briefing_id, [SetReviewed(0, True), RemoveTag(0, "fact")])
    expected = [
        ("Ada", "import", None, ""),
        ("Ada", "tag", 0, "fact"),
        ("Ada", "note", 0, "“single unnamed official”"),
        ("Ada", "reviewed", 0, ""),
        ("Ada", "untag", 0, "fact"),
    ]
    assert what(ada, briefing_id) == expected
    assert what(open_library(kit, where), briefing_id) == expected  # durable, seen by any handle
    times = [dt.datetime.fromisoformat(entry.when) for entry in ada.history(briefing_id)]
    assert times == sorted(times) and all(start <= time <= dt.datetime.now(dt.UTC) for time in times)
    assert all(time.utcoffset() == dt.timedelta(0) for time in times)


@pytest.mark.parametrize("case", sorted(CASES))
def test_every_kind_of_edit_is_described_alike_by_every_backend(kit: Kit, where: Path, case: str) -> None:
    before, edit, _ = CASES[case]
    library = as_analyst(kit, where, "Ada")
    briefing_id = new_briefing(library)
    for earlier in before:
        library.apply(briefing_id, earlier)  # type: ignore[arg-type]
    held = len(library.history(briefing_id))
    library.apply(briefing_id, edit)  # type: ignore[arg-type]
    recorded = open_library(kit, where).history(briefing_id)[held:]
    made = entries([edit], "Ada")
    assert [(e.who, e.kind, e.paragraph, e.detail, e.ref) for e in recorded] == [(e.who, e.kind, e.paragraph, e.detail, e.ref) for e in made]


def test_a_refused_change_leaves_no_entry(kit: Kit, where: Path) -> None:
    library = as_analyst(kit, where, "Ada")
    briefing_id = new_briefing(library)
    before = library.history(briefing_id)
    with pytest.raises(EditRejected):
        library.apply_all(briefing_id, [AddTag(0, "fact"), AddTag(99, "fact")])  # 4 paragraphs
    with pytest.raises(EditRejected):
        library.apply_all(briefing_id, [AddTag(0, "fact")], article_hash="0" * 16)
    assert open_library(kit, where).history(briefing_id) == before


def test_two_analysts_on_one_briefing_are_told_apart_in_order(kit: Kit, where: Path) -> None:
    ada = as_analyst(kit, where, "Ada")
    briefing_id = new_briefing(ada)
    bob = as_analyst(kit, where, "Bob")
    for paragraph in range(2):
        ada.apply(briefing_id, AddTag(paragraph, "fact"))
        bob.apply(briefing_id, SetNote(paragraph, f"note {paragraph}"))
    bob.apply(briefing_id, SetSummary(SUMMARY, Summary()))
    assert [(who, kind) for who, kind, _, _ in what(open_library(kit, where), briefing_id)] == [
        ("Ada", "import"),
        ("Ada", "tag"),
        ("Bob", "note"),
        ("Ada", "tag"),
        ("Bob", "note"),
        ("Bob", "bluf"),
        ("Bob", "judgment"),
        ("Bob", "grade"),
        ("Bob", "comments"),
    ]


def test_a_compound_edit_is_recorded_part_by_part(kit: Kit, where: Path) -> None:
    library = as_analyst(kit, where, "Ada")
    briefing_id = new_briefing(library)
    library.apply(briefing_id, Compound((AddTag(3, "opinion"), SetNote(3, "why")), "tag and note"))
    assert what(library, briefing_id)[1:] == [("Ada", "tag", 3, "opinion"), ("Ada", "note", 3, "“why”")]


def test_a_reimport_and_a_merge_are_recorded(kit: Kit, where: Path) -> None:
    library = as_analyst(kit, where, "Ada")
    first = article("Oslo", 4)
    briefing_id = library.add_article(replace(first, url="https://example.org/oslo")).id
    library.apply(briefing_id, AddTag(0, "fact"))
    library.analyst = "Bob"
    longer = replace(article("Oslo", 6), url="https://example.org/oslo")
    assert library.add_article(longer) == ImportResult(briefing_id, "updated", 0)
    merged = library.load(briefing_id)
    merged.summary = SUMMARY
    library.analyst = "Cy"
    assert library.add_briefing(merged).status == "updated"
    kinds = [(who, kind) for who, kind, _, _ in what(open_library(kit, where), briefing_id)]
    assert kinds == [("Ada", "import"), ("Ada", "tag"), ("Bob", "reimport"), ("Cy", "merge")]


def test_undo_through_the_desk_is_recorded_as_a_change(kit: Kit, where: Path) -> None:
    desk = Desk(open_library(kit, where))
    desk.library.analyst = "Ada"
    briefing_id = new_briefing(desk.library)
    desk.start_saving(lambda state: None)
    assert desk.submit(briefing_id, AddTag(1, "fact"))
    undo = desk.undo(briefing_id)
    assert undo is not None and desk.submit(briefing_id, undo.edit, record=False)
    assert desk.save_queue is not None and desk.save_queue.flush(timeout=10)
    desk.save_queue.close(timeout=5)
    assert what(open_library(kit, where), briefing_id)[1:] == [("Ada", "tag", 1, "fact"), ("Ada", "untag", 1, "fact")]


def test_settings_changes_have_their_own_history(kit: Kit, where: Path) -> None:
    ada = as_analyst(kit, where, "Ada")
    assert ada.settings_history() == []
    decision = ActorDecision("d1", "rename", "united states", "USA", "2025-01-01T10:00:00")
    ada.apply_settings(AddDecision(decision))
    as_analyst(kit, where, "Bob").apply_settings(SetTaxonomy(DEFAULT_TAGS[:3], DEFAULT_TAGS))
    history = open_library(kit, where).settings_history()
    assert [(entry.who, entry.kind, entry.ref) for entry in history] == [("Ada", "decision", "d1"), ("Bob", "taxonomy", "")]
    assert history[1].detail == entries([SetTaxonomy(DEFAULT_TAGS[:3], DEFAULT_TAGS)], "Bob")[0].detail


def test_an_older_library_opens_with_an_empty_history(kit: Kit, where: Path) -> None:
    _, ids = kit.make_older(where)
    library = as_analyst(kit, where, "Ada")
    for briefing_id in ids:
        assert library.history(briefing_id) == []
    some = sorted(ids)[0]
    library.apply(some, AddTag(0, "fact"))
    assert what(open_library(kit, where), some) == [("Ada", "tag", 0, "fact")]


def test_the_history_of_no_such_briefing_is_an_error(kit: Kit, where: Path) -> None:
    with pytest.raises(BriefingNotFound):
        open_library(kit, where).history("no-such-briefing")
