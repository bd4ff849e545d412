"""Contract: the actors tally across the library, on every backend, equals the walk over every
briefing through `apply` (`store.desk.tallies.walked_tally`), decisions of every kind included.

A folder is walked (the two are the same code there, and the expected figures keep it honest);
a server counts by query (`store.postgres.tally`), with the briefings the query cannot count
exactly walked, and answers one actor's details by query.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from briefings.decisions import ActorDecision
from briefings.edits import AddDecision
from briefings.extraction import installed_pipeline
from briefings.extraction.model import Actor, Extraction, Mention
from briefings.model import Article, make_paragraphs
from store import ActorTally, Desk, LibraryStore
from store.backend import TalliesActors
from store.desk.tallies import walked_tally
from tests.contract.backends import Kit, open_library

pytestmark = pytest.mark.unit

#: Each briefing: its paragraphs, and its actors as (key, name, kind, role, aliases, mentioned as).
BRIEFINGS = {
    "Summit in Berlin": (
        ["Angela Merkel met the Lib Dems and the Liberal Democrats in Berlin, Reuters reported.", "Merkel said Ursula von der Leyen agreed."],
        [
            ("angela merkel", "Angela Merkel", "person", "German chancellor", ("Merkel",), ["Angela Merkel", "Merkel"]),
            ("lib dems", "Lib Dems", "organisation", "", (), ["Lib Dems"]),
            ("liberal democrats", "Liberal Democrats", "organisation", "the party", ("LDs",), ["Liberal Democrats"]),
            ("reuters", "Reuters", "organisation", "", (), ["Reuters"]),
        ],
    ),
    "Budget talks stall": (
        ["Merkel and Olaf Scholz argued; the Lib Dems objected.", "The ministry declined to comment."],
        [
            ("angela merkel", "Merkel", "person", "", (), ["Merkel"]),
            ("olaf scholz", "Olaf Scholz", "organisation", "finance minister", ("Scholz",), ["Olaf Scholz"]),
            ("lib dems", "Lib Dems", "group", "", (), ["Lib Dems"]),
            ("the ministry", "The ministry", "organisation", "", (), ["The ministry"]),
        ],
    ),
    "Strike across Britain": (
        ["Britain saw strikes; Britons marched, Reuters said.", "The Liberal Democrats backed Britain's unions."],
        [
            ("united kingdom", "United Kingdom", "state", "", ("Britons",), ["Britain", "Britons", "Britain's"]),
            ("reuters", "Reuters", "organisation", "news agency", (), ["Reuters"]),
            ("liberal democrats", "Liberal Democrats", "organisation", "", (), ["Liberal Democrats"]),
        ],
    ),
    "A quiet day": (["Nothing happened at all."], []),
    "Scholz in Brussels": (
        ["Olaf Scholz met URSULA VON DER LEYEN in Brussels.", "Scholz and the Lib Dems spoke."],
        [
            ("olaf scholz", "Olaf Scholz", "organisation", "", (), ["Olaf Scholz", "Scholz"]),
            ("lib dems", "Lib Dems", "organisation", "", (), ["Lib Dems"]),
        ],
    ),
    "Not extracted yet": (["Angela Merkel spoke."], None),
}


def mentions_in(paragraphs: list[str], said: list[str]) -> tuple[Mention, ...]:
    found = []
    for text in said:
        number, paragraph = next((n, p) for n, p in enumerate(paragraphs) if text in p)
        start = paragraph.index(text)
        found.append(Mention(number, start, start + len(text), text))
    return tuple(found)


def build(library: LibraryStore) -> dict[str, str]:
    """The briefings, their extractions cached, by title: their ids."""
    ids = {}
    for title, (paragraphs, actors) in BRIEFINGS.items():
        briefing_id = library.add_article(Article(title, make_paragraphs(paragraphs))).id
        ids[title] = briefing_id
        if actors is not None:
            extraction = Extraction(
                tuple(Actor(key, name, kind, aliases, role, mentions_in(paragraphs, said)) for key, name, kind, role, aliases, said in actors),
                engine="test",
                pipeline=installed_pipeline(),
            )
            library.save_extraction(library.entry(briefing_id).content_hash, installed_pipeline(), extraction)
    return ids


def decide(library: LibraryStore, *decisions: tuple[str, str, str, str]) -> None:
    for number, (action, actor, value, briefing) in enumerate(decisions):
        library.apply_settings(AddDecision(ActorDecision(f"d{number}", action, actor, value, briefing=briefing)))


def tallies(library: LibraryStore) -> tuple[ActorTally, ActorTally]:
    """The backend's tally (through the desk, as the actors view asks) and the walk's."""
    desk = Desk(library)
    desk.settings = library.settings()
    counted = desk.actor_tally()
    walked = walked_tally(library, installed_pipeline(), tuple(desk.settings.decisions))
    assert counted is not None and walked is not None
    return counted, walked


def ranked(tally: ActorTally) -> list[tuple[object, ...]]:
    return [(a.key, a.name, a.kind_label, a.briefing_count, a.mention_count, a.roles, a.aliases, dict(a.names)) for a in tally.ranked()]


def details(tally: ActorTally, key: str) -> tuple[object, ...]:
    appearances = [(entry.id, mentions) for entry, mentions in tally.appearances(key)]
    return appearances, [(actor.key, shared) for actor, shared in tally.co_occurring(key)]


def assert_same(counted: ActorTally, walked: ActorTally) -> None:
    assert ranked(counted) == ranked(walked)
    assert counted.extracted == walked.extracted
    assert [entry.id for entry in counted.not_extracted] == [entry.id for entry in walked.not_extracted]
    for key in walked.actors:
        assert details(counted, key) == details(walked, key), key


def test_the_tally_without_decisions_equals_the_walk(kit: Kit, where: Path) -> None:
    library = open_library(kit, where)
    ids = build(library)
    counted, walked = tallies(library)
    assert_same(counted, walked)
    merkel = counted.actors["angela merkel"]
    assert (merkel.name, merkel.briefing_count, merkel.mention_count, merkel.roles, merkel.aliases) == ("Angela Merkel", 2, 3, ["German chancellor"], ["Merkel"])
    assert counted.extracted == 5 and [entry.id for entry in counted.not_extracted] == [ids["Not extracted yet"]]
    assert counted.actors["lib dems"].kind_label == "organisation/group"
    assert [(actor.key, shared) for actor, shared in counted.co_occurring("reuters")] == [("liberal democrats", 2), ("angela merkel", 1), ("lib dems", 1), ("united kingdom", 1)]


def test_the_tally_with_every_kind_of_decision_equals_the_walk(kit: Kit, where: Path) -> None:
    library = open_library(kit, where)
    ids = build(library)
    decide(
        library,
        ("rename", "liberal democrats", "Liberal Democrat party", ""),  # before the merge: a briefing with only the Lib Dems keeps their name
        ("merge", "lib dems", "liberal democrats", ""),  # the summit names both: counted once there
        ("kind", "olaf scholz", "person", ""),
        ("rename", "olaf scholz", "Chancellor Scholz", ""),
        ("hide", "the ministry", "", ""),
        ("hide", "reuters", "", ids["Strike across Britain"]),  # this briefing only
        ("split", "united kingdom", "Britons", ""),
        ("add", "Ursula von der Leyen", "person", ""),
    )
    counted, walked = tallies(library)
    assert_same(counted, walked)
    if isinstance(library, TalliesActors):  # only what the query cannot count exactly is walked
        assert set(counted.entries) == {ids["Summit in Berlin"], ids["Strike across Britain"], ids["Scholz in Brussels"]}
    democrats = counted.actors["liberal democrats"]
    assert democrats.briefing_count == 4 and democrats.mention_count == 5
    assert dict(democrats.names) == {"Liberal Democrat party": 2, "Lib Dems": 2}
    assert "lib dems" not in counted.actors and "the ministry" not in counted.actors
    assert counted.actors["reuters"].briefing_count == 1
    assert (counted.actors["olaf scholz"].name, counted.actors["olaf scholz"].kind_label) == ("Chancellor Scholz", "person")
    assert counted.actors["britons"].mention_count == 1 and counted.actors["united kingdom"].mention_count == 2
    added = counted.actors["ursula von der leyen"]
    assert added.briefing_count == 2 and {entry.id for entry, _ in counted.appearances(added.key)} == {ids["Summit in Berlin"], ids["Scholz in Brussels"]}
    company = dict((actor.key, shared) for actor, shared in counted.co_occurring("liberal democrats"))
    assert company["olaf scholz"] == 2 and company["angela merkel"] == 2


def test_a_merge_into_an_actor_named_later_and_a_hidden_target_equal_the_walk(kit: Kit, where: Path) -> None:
    library = open_library(kit, where)
    build(library)
    decide(
        library,
        ("hide", "liberal democrats", "", ""),  # hidden before the Lib Dems are merged into it: they stay
        ("merge", "lib dems", "liberal democrats", ""),
        ("merge", "angela merkel", "olaf scholz", ""),  # the budget names both; the summit only her
        ("rename", "olaf scholz", "Scholz", ""),  # after the merge: reaches her where she took his key
        ("kind", "united kingdom", "nonsense", ""),  # not a kind: nothing
    )
    counted, walked = tallies(library)
    assert_same(counted, walked)
    assert counted.actors["liberal democrats"].briefing_count == 3
    assert counted.actors["olaf scholz"].briefing_count == 3 and dict(counted.actors["olaf scholz"].names) == {"Scholz": 3}
