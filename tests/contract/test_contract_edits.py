"""Contract: every kind of edit a backend stores, and two writers on one library.

A backend applies an edit record as a delta to the briefing as it is in the store, under its
lock, durably: what one handle applied, another handle opened afterwards reads back, and two
handles editing one briefing in turn lose nothing of each other's.
"""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest

import briefings.edits
import briefings.facts
from briefings.briefing import Annotation, Briefing, Orphan, Question
from briefings.decisions import ActorDecision
from briefings.edits import (
    AddDecision,
    AddTag,
    Compound,
    DeleteQuestion,
    DiscardOrphan,
    DismissSuggestion,
    PutQuestion,
    RemoveDecision,
    RemoveTag,
    RestoreOrphan,
    RestoreSuggestion,
    SetNote,
    SetReviewed,
    SetSummary,
    SetTaxonomy,
)
from briefings.facts import SetFacts
from briefings.model import Article, ArticleFacts, make_paragraphs
from briefings.summary import Judgment, SourceGrade, Summary
from briefings.taxonomy import DEFAULT_TAGS
from store import EditRejected, LibraryStore
from tests.contract.backends import Kit, open_library

pytestmark = pytest.mark.unit

QUESTION = Question("q1", "Who is the unnamed official?", paragraph=1, actors=("United States",), created="2025-01-01T10:00:00")
ANSWERED = Question("q1", "Who is the unnamed official?", "answered", 1, ("United States",), "A coalition spokesman", "Reuters", "", "2025-01-01T10:00:00")
SUMMARY = Summary("US flies ISR for the offensive.", (Judgment("j1", "Air support is likely if asked.", "likely", "moderate", (0, 2)),), SourceGrade("B", "2"), "One outlet.")
ORPHAN = Orphan(make_paragraphs(["A paragraph that was removed by an update."])[0].anchor, Annotation(frozenset({"fact"}), "kept", True))
DATED = ArticleFacts("Corrected title", "The Telegraph", None, "A. Reporter", "https://example.org/story")


def article(title: str = "Tikrit", n: int = 4) -> Article:
    return Article(title, make_paragraphs([f"{title}: paragraph {i}, with words enough to be one." for i in range(n)]))


def new_briefing(library: LibraryStore, title: str = "Tikrit") -> str:
    return library.add_article(article(title)).id


# Each kind of briefing edit, with what the briefing must hold after it (read from a new handle).
# An edit that needs something there first gets it from `before`.
CASES: dict[str, tuple[list[object], object, object]] = {
    "AddTag": ([], AddTag(0, "fact"), lambda b: b.annotation(0).tags == {"fact"}),
    "RemoveTag": ([AddTag(0, "fact"), AddTag(0, "claim")], RemoveTag(0, "fact"), lambda b: b.annotation(0).tags == {"claim"}),
    "SetNote": ([], SetNote(1, "single unnamed official"), lambda b: b.annotation(1).note == "single unnamed official"),
    "SetReviewed": ([], SetReviewed(2, True), lambda b: b.annotation(2).reviewed),
    "PutQuestion": ([], PutQuestion(QUESTION), lambda b: b.questions == {"q1": QUESTION}),
    "PutQuestion answered": ([PutQuestion(QUESTION)], PutQuestion(ANSWERED, QUESTION), lambda b: b.questions["q1"] == ANSWERED),
    "DeleteQuestion": ([PutQuestion(QUESTION)], DeleteQuestion(QUESTION), lambda b: b.questions == {}),
    "DismissSuggestion": ([], DismissSuggestion("hedge-3"), lambda b: b.dismissed == {"hedge-3"}),
    "RestoreSuggestion": ([DismissSuggestion("hedge-3")], RestoreSuggestion("hedge-3"), lambda b: b.dismissed == set()),
    "SetSummary": ([], SetSummary(SUMMARY, Summary()), lambda b: b.summary == SUMMARY),
    "RestoreOrphan": ([], RestoreOrphan(ORPHAN), lambda b: b.orphans == [ORPHAN]),
    "DiscardOrphan": ([RestoreOrphan(ORPHAN)], DiscardOrphan(ORPHAN), lambda b: b.orphans == []),
    "Compound": ([], Compound((AddTag(3, "opinion"), SetNote(3, "why")), "tag and note"), lambda b: b.annotation(3) == Annotation(frozenset({"opinion"}), "why")),
    "SetFacts": ([], SetFacts(DATED, article().facts), lambda b: b.article.facts == DATED),
}


def _edit_kinds(module: object) -> set[str]:
    """The edit records a module defines: dataclasses with `apply` and `inverse`."""
    return {
        name
        for name, kind in inspect.getmembers(module, inspect.isclass)
        if kind.__module__ == module.__name__ and hasattr(kind, "apply") and hasattr(kind, "inverse") and hasattr(kind, "__dataclass_fields__")  # type: ignore[attr-defined]
    }


def test_the_suite_covers_every_kind_of_edit() -> None:
    """A new kind of edit must be added here, so that every backend is shown to store it."""
    covered = {name.split()[0] for name in CASES} | {"AddDecision", "RemoveDecision", "SetTaxonomy"}
    assert _edit_kinds(briefings.edits) | _edit_kinds(briefings.facts) <= covered


@pytest.mark.parametrize("case", sorted(CASES))
def test_every_briefing_edit_is_applied_and_read_back(kit: Kit, where: Path, case: str) -> None:
    before, edit, holds = CASES[case]
    library = open_library(kit, where)
    briefing_id = new_briefing(library)
    for earlier in before:
        library.apply(briefing_id, earlier)  # type: ignore[arg-type]
    library.apply(briefing_id, edit)  # type: ignore[arg-type]
    assert holds(library.load(briefing_id))  # type: ignore[operator]
    assert holds(open_library(kit, where).load(briefing_id))  # type: ignore[operator]


def test_the_inverse_of_each_edit_takes_it_back(kit: Kit, tmp_path: Path) -> None:
    for number, (case, (before, edit, _)) in enumerate(sorted(CASES.items())):
        where = kit.place(tmp_path / str(number))
        library = open_library(kit, where)
        briefing_id = new_briefing(library)
        for earlier in before:
            library.apply(briefing_id, earlier)  # type: ignore[arg-type]
        start = library.load(briefing_id)
        library.apply(briefing_id, edit)  # type: ignore[arg-type]
        library.apply(briefing_id, edit.inverse())  # type: ignore[attr-defined]
        back = open_library(kit, where).load(briefing_id)
        assert _work(back) == _work(start), case


def _work(briefing: Briefing) -> tuple[object, ...]:
    return briefing.article.facts, briefing.annotations, briefing.questions, briefing.dismissed, briefing.summary, briefing.orphans


def test_edits_applied_together_are_all_or_none(kit: Kit, where: Path) -> None:
    library = open_library(kit, where)
    briefing_id = new_briefing(library)
    with pytest.raises(EditRejected):
        library.apply_all(briefing_id, [AddTag(0, "fact"), AddTag(99, "fact")])  # the article has 4 paragraphs
    assert library.load(briefing_id).annotations == {}
    hash_now = library.load(briefing_id).article.content_hash
    with pytest.raises(EditRejected):
        library.apply_all(briefing_id, [AddTag(0, "fact")], article_hash="0" * len(hash_now))  # made on another article
    library.apply_all(briefing_id, [AddTag(0, "fact"), SetNote(0, "both")], article_hash=hash_now)
    assert open_library(kit, where).load(briefing_id).annotation(0) == Annotation(frozenset({"fact"}), "both")


def test_settings_edits_are_applied_and_read_back(kit: Kit, where: Path) -> None:
    library = open_library(kit, where)
    assert library.settings().tags == DEFAULT_TAGS  # a new library has the default taxonomy
    decision = ActorDecision("d1", "rename", "united states", "USA", "2025-01-01T10:00:00")
    library.apply_settings(AddDecision(decision))
    library.apply_settings(SetTaxonomy(DEFAULT_TAGS[:3], DEFAULT_TAGS))
    settings = open_library(kit, where).settings()
    assert settings.decisions == (decision,) and settings.tags == DEFAULT_TAGS[:3]
    library.apply_settings(RemoveDecision(decision))
    assert open_library(kit, where).settings().decisions == ()


def test_two_writers_interleaved_lose_nothing(kit: Kit, where: Path) -> None:
    """Two handles (two windows, or a window and `brief import`) edit one briefing and the
    settings in turn, each from what it last read: every change of both is kept."""
    one = open_library(kit, where)
    briefing_id = new_briefing(one)
    two = open_library(kit, where)
    two.load(briefing_id)
    for paragraph in range(4):
        one.apply(briefing_id, AddTag(paragraph, "fact"))
        two.apply(briefing_id, SetNote(paragraph, f"note {paragraph}"))
        two.apply(briefing_id, AddTag(paragraph, "claim"))
    one.apply(briefing_id, PutQuestion(QUESTION))
    two.apply(briefing_id, SetSummary(SUMMARY, Summary()))
    one.apply_settings(AddDecision(ActorDecision("d1", "hide", "reuters", "", "2025-01-01T10:00:00")))
    two.apply_settings(AddDecision(ActorDecision("d2", "hide", "afp", "", "2025-01-01T10:00:01")))
    for reader in (one, two, open_library(kit, where)):
        briefing = reader.load(briefing_id)
        assert all(briefing.annotation(i) == Annotation(frozenset({"fact", "claim"}), f"note {i}") for i in range(4))
        assert briefing.questions == {"q1": QUESTION} and briefing.summary == SUMMARY
        assert {decision.id for decision in reader.settings().decisions} == {"d1", "d2"}


def test_a_window_sees_the_other_writer_through_the_version(kit: Kit, where: Path) -> None:
    one = open_library(kit, where)
    briefing_id = new_briefing(one)
    two = open_library(kit, where)
    seen = two.version(briefing_id)
    assert two.version(briefing_id) == seen  # nothing new
    one.apply(briefing_id, AddTag(0, "fact"))
    assert two.version(briefing_id) != seen
    assert two.load(briefing_id).annotation(0).tags == {"fact"}


def test_import_update_duplicate_delete_and_restore(kit: Kit, where: Path) -> None:
    library = open_library(kit, where)
    first = library.add_article(article("Oslo", 5))
    assert first.status == "imported"
    assert library.add_article(article("Oslo", 5)) == type(first)(first.id, "duplicate")
    library.apply(first.id, SetNote(4, "on the last paragraph"))
    library.delete(first.id)
    assert [entry.id for entry in open_library(kit, where).entries()] == []
    library.restore(first.id)
    assert open_library(kit, where).load(first.id).annotation(4).note == "on the last paragraph"
