"""What a history entry says about each kind of edit (`briefings.history.changes`), and who did
the work a briefing holds (`attribute`)."""

from __future__ import annotations

import pytest

from briefings.briefing import Annotation, Orphan, Question
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
    SetNote,
    SetReviewed,
    SetSummary,
    SetTaxonomy,
)
from briefings.facts import SetFacts
from briefings.history import (
    Change,
    HistoryEntry,
    attribute,
    changes,
    entries,
    event,
    login_name,
)
from briefings.model import ArticleFacts, make_paragraphs
from briefings.summary import Judgment, SourceGrade, Summary
from briefings.taxonomy import DEFAULT_TAGS

pytestmark = pytest.mark.unit

QUESTION = Question("q1", "Who is the unnamed official?", paragraph=1)
JUDGMENT = Judgment("j1", "Air support is likely if asked.", "likely", "moderate", (0,))
ORPHAN = Orphan(make_paragraphs(["Gone."])[0].anchor, Annotation(frozenset({"fact"})))
DECISION = ActorDecision("d1", "rename", "united states", "USA", "2025-01-01T10:00:00")


@pytest.mark.parametrize(
    ("edit", "expected", "wording"),
    [
        (AddTag(2, "fact"), [Change("tag", 2, "fact")], ["tagged ¶3 'fact'"]),
        (RemoveTag(2, "fact"), [Change("untag", 2, "fact")], ["removed tag 'fact' from ¶3"]),
        (SetNote(0, "single\nunnamed   official"), [Change("note", 0, "“single unnamed official”")], ["wrote the note on ¶1: “single unnamed official”"]),
        (SetNote(0, "", "old"), [Change("note-removed", 0)], ["removed the note on ¶1"]),
        (SetReviewed(4, True), [Change("reviewed", 4)], ["marked ¶5 reviewed"]),
        (SetReviewed(4, False), [Change("unreviewed", 4)], ["marked ¶5 not reviewed"]),
        (PutQuestion(QUESTION), [Change("question", 1, "“Who is the unnamed official?”", "q1")], ["asked “Who is the unnamed official?”"]),
        (DeleteQuestion(QUESTION), [Change("question-deleted", 1, "“Who is the unnamed official?”", "q1")], ["deleted the question “Who is the unnamed official?”"]),
        (DismissSuggestion("hedge-3"), [Change("suggestion-dismissed", None, "", "hedge-3")], ["dismissed a suggested question"]),
        (DiscardOrphan(ORPHAN), [Change("orphan-discarded", 0)], ["discarded an orphan from ¶1"]),
        (
            SetSummary(Summary("US flies ISR.", (JUDGMENT,), SourceGrade("B", "2")), Summary()),
            [Change("bluf", None, "US flies ISR."), Change("judgment", None, "“Air support is likely if asked.”", "j1"), Change("grade", None, "B2")],
            ["wrote the BLUF: US flies ISR.", "added the key judgment “Air support is likely if asked.”", "graded the source B2"],
        ),
        (SetSummary(Summary(), Summary(judgments=(JUDGMENT,))), [Change("judgment-deleted", None, "“Air support is likely if asked.”", "j1")], ["deleted the key judgment “Air support is likely if asked.”"]),
        (
            Compound((AddTag(3, "opinion"), SetNote(3, "why")), "tag and note"),
            [Change("tag", 3, "opinion"), Change("note", 3, "“why”")],
            ["tagged ¶4 'opinion'", "wrote the note on ¶4: “why”"],
        ),
        (AddDecision(DECISION), [Change("decision", None, AddDecision(DECISION).describe(), "d1")], [f"decided: {AddDecision(DECISION).describe()}"]),
        (RemoveDecision(DECISION), [Change("decision-withdrawn", None, AddDecision(DECISION).describe(), "d1")], [f"withdrew the decision: {AddDecision(DECISION).describe()}"]),
        (SetTaxonomy(DEFAULT_TAGS[:1], DEFAULT_TAGS[:2]), [Change("taxonomy", None, f"tag '{DEFAULT_TAGS[1].name}' deleted")], [f"changed the tags: tag '{DEFAULT_TAGS[1].name}' deleted"]),
    ],
)
def test_each_edit_is_described_by_kind_paragraph_and_detail(edit: object, expected: list[Change], wording: list[str]) -> None:
    assert changes(edit) == expected
    made = entries([edit], "Ada", "2026-12-07T19:42:05+00:00")
    assert [entry.describe() for entry in made] == wording
    assert all((entry.who, entry.when) == ("Ada", "2026-12-07T19:42:05+00:00") for entry in made)


def test_the_facts_edit_and_an_unknown_record_are_described_by_their_own_words() -> None:
    facts = ArticleFacts("Corrected", "The Telegraph", None, "", "")
    edit = SetFacts(facts, ArticleFacts("Old", None, None, None, None))
    assert changes(edit) == [Change("facts", None, edit.describe())]

    class Unknown:
        def describe(self) -> str:
            return "something new"

    assert changes(Unknown()) == [Change("change", None, "something new")]
    assert HistoryEntry("t", "Ada", "change", None, "something new").describe() == "change: something new"


def test_a_long_text_is_kept_short() -> None:
    (change,) = changes(SetNote(0, "word " * 100))
    assert len(change.detail) <= 62 and change.detail.endswith("…”")


def test_an_entry_round_trips_through_its_dict_and_refuses_a_wrong_shape() -> None:
    entry = HistoryEntry("2026-12-07T19:42:05+00:00", "Ada", "question", 1, "“x”", "q1")
    assert HistoryEntry.from_dict(entry.to_dict()) == entry
    assert event("import", "Ada").to_dict().keys() == {"when", "who", "kind"}
    with pytest.raises(ValueError):
        HistoryEntry.from_dict(entry.to_dict() | {"paragraph": -1})
    with pytest.raises(TypeError):
        HistoryEntry.from_dict(entry.to_dict() | {"who": 3})
    with pytest.raises(KeyError):
        HistoryEntry.from_dict({"when": "t", "who": "Ada"})
    assert event("reimport", "Ada", "2 orphaned").describe() == "updated by a re-import (2 orphaned)"


def test_attribution_follows_the_latest_change_of_each_piece_of_work() -> None:
    history = (
        entries([AddTag(0, "fact"), AddTag(0, "claim"), SetNote(0, "x")], "Ada")
        + entries([RemoveTag(0, "fact"), AddTag(0, "fact"), SetReviewed(0, True), SetNote(1, "y")], "Bob")
        + entries([SetNote(1, ""), SetSummary(Summary("B", (JUDGMENT,)), Summary()), PutQuestion(QUESTION)], "Cy")
    )
    found = attribute(history)
    assert found.tags == {0: {"claim": "Ada", "fact": "Bob"}}
    assert found.notes == {0: "Ada"} and found.reviewed == {0: "Bob"}
    assert found.judgments == {"j1": "Cy"} and found.questions == {"q1": "Cy"} and found.summary == {"bluf": "Cy"}
    assert found.of_paragraph(0, {"claim": "Claim"}) == "tagged Claim by Ada, fact by Bob · note by Ada · reviewed by Bob"
    assert found.of_paragraph(1) == ""
    assert attribute(history + [event("reimport", "Dee")]).of_paragraph(0) == ""


def test_the_login_name_falls_back_when_there_is_none(monkeypatch: pytest.MonkeyPatch) -> None:
    import getpass

    def no_name() -> str:
        raise OSError("no such user")

    monkeypatch.setattr(getpass, "getuser", no_name)
    monkeypatch.setenv("USER", "")
    monkeypatch.setenv("USERNAME", "")
    assert login_name() == "unknown"
    monkeypatch.setenv("USER", "ada")
    assert login_name() == "ada"
