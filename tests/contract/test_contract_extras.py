"""Contract: the same story twice, feeds, reading positions and the extraction cache, on every backend."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefings.edits import AddTag, SetNote
from briefings.extraction.model import Actor, Extraction
from briefings.readers import read_text
from store.feeds import add_feed, mark
from tests.contract.backends import Kit, open_library
from tests.tools.web_content import story

pytestmark = pytest.mark.unit

WIRE = story(7, paragraphs=8)


def outlet(title: str, source: str, paragraphs: list[str]) -> str:
    return f"Title: {title}\nSource: {source}\n\n" + "\n\n".join(paragraphs) + "\n"


def test_the_same_story_twice_is_found_kept_and_filed_as_one(kit: Kit, where: Path) -> None:
    library = open_library(kit, where)
    first = library.add_article(read_text(outlet("Ceasefire talks resume", "Reuters", WIRE), name="a.txt")).id
    other = library.add_article(read_text(outlet("Harvest fails", "Reuters", story(8, paragraphs=8)), name="d.txt")).id
    assert library.note_imports([first, other]) == {}
    second = library.add_article(read_text(outlet("Talks back on", "The Daily", ["From our correspondent. " + WIRE[0], *WIRE[1:]]), name="b.txt")).id
    assert library.note_imports([second]) == {second: [first]}
    assert open_library(kit, where).same_story_groups() == {first: [second], second: [first]}  # another handle sees it
    library.apply(first, SetNote(2, "check the envoy"))
    library.apply(second, AddTag(0, "claim"))
    library.change_feeds(lambda state: mark(state, [second], False))
    result = library.file_as_version(second, first)
    assert (result.id, result.status) == (first, "updated")
    filed = open_library(kit, where).load(first)
    assert filed.annotation(0).tags == {"claim"} and filed.annotation(2).note == "check the envoy"
    assert {entry.id for entry in library.entries()} == {first, other}
    assert library.read_feeds().inbox.keys() == {first}


def test_feeds_positions_and_the_extraction_cache_are_kept(kit: Kit, where: Path) -> None:
    library = open_library(kit, where)
    briefing_id = library.add_article(read_text(outlet("Quiet day", "Wire", ["Nothing to report today at all."]), name="q.txt")).id
    assert library.change_feeds(lambda state: add_feed(state, "https://example.org/feed", ["wire"], "Example")) is True
    library.remember_positions({briefing_id: 3})
    content = library.entry(briefing_id).content_hash
    extraction = Extraction((Actor("patricia hewitt", "Patricia Hewitt", "person", (), ""),), engine="test", pipeline="p1")
    library.save_extraction(content, "p1", extraction, basis="b1")
    again = open_library(kit, where)
    assert list(again.read_feeds().feeds) == ["https://example.org/feed"]
    assert again.position(briefing_id) == 3 and again.position("nosuchbriefing") is None
    assert again.load_extraction(content, "p1", "b1") == extraction
    assert again.load_extraction(content, "p1", "another basis") is None and again.load_extraction(content, "p2") is None
    assert again.load_extractions([content, "0" * 16], "p1", None) == {content: extraction}
