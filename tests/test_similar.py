"""The same story told twice: recognised by MinHash, kept in an LSH index, filed as one or kept apart."""

from __future__ import annotations

import pytest

from pathlib import Path

from click.testing import CliRunner

from briefings.briefing import Question
from briefings.edits import AddTag, PutQuestion, SetNote
from briefings.readers import read_text
from briefings.similarity import fingerprint, same_story
from store import Library
from store.feeds import FeedStore
from store.similar import SimilarIndex, keep_apart, similar_index, undecided
from tests.tools.web_content import story
from tui.cli import main

pytestmark = pytest.mark.unit

WIRE = story(7, paragraphs=8)


def outlet_copy(title: str, source: str, paragraphs: list[str], *, intro: str = "", outro: str = "") -> str:
    """A wire story as an outlet prints it: its own headline and source line, maybe its own
    first words and a line of its own at the end."""
    body = list(paragraphs)
    if intro:
        body[0] = intro + body[0]
    if outro:
        body.append(outro)
    return f"Title: {title}\nSource: {source}\n\n" + "\n\n".join(body) + "\n"


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def add(library: Library, name: str, text: str) -> str:
    return library.add_article(read_text(text, name=name)).id


def test_a_wire_story_from_two_outlets_is_one_story_and_others_are_not() -> None:
    first = read_text(outlet_copy("Ceasefire talks resume in Geneva", "Reuters", WIRE, intro="GENEVA (Reuters) - "), name="a.txt")
    second = read_text(outlet_copy("Geneva talks back on, officials say", "The Daily", WIRE, outro="Additional reporting by our staff."), name="b.txt")
    cut = read_text(outlet_copy("Talks resume", "Metro", WIRE[:3]), name="c.txt")
    other = read_text(outlet_copy("Harvest fails in the north", "Reuters", story(8, paragraphs=8)), name="d.txt")
    a, b, c, d = (fingerprint(article) for article in (first, second, cut, other))
    assert a and b and c and d
    assert same_story(a, b) and same_story(a, c) and same_story(b, c)
    assert not same_story(a, d) and not same_story(c, d)
    assert fingerprint(read_text("Short note.\n\nOnly a few words here.", name="n.txt")) is None


def test_import_finds_the_story_already_in_the_library(library_dir: Path) -> None:
    library = Library.open(library_dir)
    first = add(library, "a.txt", outlet_copy("Ceasefire talks resume", "Reuters", WIRE))
    unrelated = add(library, "d.txt", outlet_copy("Harvest fails", "Reuters", story(8, paragraphs=8)))
    assert library.note_imports([first, unrelated]) == {}
    second = add(library, "b.txt", outlet_copy("Talks back on", "The Daily", WIRE, intro="From our correspondent. "))
    assert library.note_imports([second]) == {second: [first]}
    assert similar_index(library).groups() == {first: [second], second: [first]}


def test_the_index_is_kept_in_the_library_and_followed_by_other_processes(library_dir: Path) -> None:
    library = Library.open(library_dir)
    first = add(library, "a.txt", outlet_copy("Talks resume", "Reuters", WIRE))
    second = add(library, "b.txt", outlet_copy("Talks back on", "The Daily", WIRE))
    library.note_imports([first, second])
    assert (library_dir / "index" / "minhash.jsonl").read_text().count("\n") == 2
    other = SimilarIndex(Library.open(library_dir))  # another window: reads the journal, not the briefings
    assert other.groups() == {first: [second], second: [first]}
    library.delete(second)
    other.sync()  # a briefing gone is forgotten
    assert other.groups() == {}
    assert similar_index(library).groups() == {}


def test_sync_indexes_briefings_imported_without_it(library_dir: Path) -> None:
    library = Library.open(library_dir)
    first = add(library, "a.txt", outlet_copy("Talks resume", "Reuters", WIRE))
    second = add(library, "b.txt", outlet_copy("Talks back on", "The Daily", WIRE))
    index = SimilarIndex(library)
    assert index.groups() == {}
    index.sync()
    assert index.groups() == {first: [second], second: [first]}
    (library_dir / "index" / "minhash.jsonl").unlink()  # derived: rebuilt when lost
    fresh = SimilarIndex(Library.open(library_dir))
    fresh.sync()
    assert fresh.groups() == {first: [second], second: [first]}


def test_keeping_apart_is_remembered(library_dir: Path) -> None:
    library = Library.open(library_dir)
    first = add(library, "a.txt", outlet_copy("Talks resume", "Reuters", WIRE))
    second = add(library, "b.txt", outlet_copy("Talks back on", "The Daily", WIRE))
    groups = library.note_imports([first, second]) and similar_index(library).groups()
    assert undecided(groups, FeedStore(library).read()) == {first: [second], second: [first]}
    keep_apart(library, second, first)
    assert undecided(groups, FeedStore(Library.open(library_dir)).read()) == {}


def test_filing_as_a_new_version_reattaches_the_work_and_trashes_the_copy(library_dir: Path) -> None:
    library = Library.open(library_dir)
    older = add(library, "a.txt", outlet_copy("Talks resume", "Reuters", WIRE))
    revised = WIRE[:2] + ["A paragraph the later version added about the talks and the envoy who led them."] + WIRE[2:]
    newer = add(library, "b.txt", outlet_copy("Talks resume after delay", "Reuters", revised))
    question = Question("q1", "Who leads the talks?", paragraph=4)
    library.apply_all(older, [AddTag(4, "fact"), SetNote(4, "check with the envoy"), PutQuestion(question)])
    library.apply(newer, AddTag(0, "claim"))
    FeedStore(library).mark_unread([newer])
    result = library.file_as_version(newer, older)
    assert (result.id, result.status, result.orphans) == (older, "updated", 0)
    filed = library.load(older)
    assert filed.article.title == "Talks resume after delay" and len(filed.article.paragraphs) == len(revised)
    moved = filed.annotation(5)  # paragraph 4 of the old text is paragraph 5 of the new
    assert moved.tags == {"fact"} and moved.note == "check with the envoy"
    assert filed.questions["q1"].paragraph == 5
    assert filed.annotation(0).tags == {"claim"}  # the newer briefing's own work comes along
    assert [entry.id for entry in library.entries()] == [older]
    assert FeedStore(library).read().inbox.keys() == {older}
    library.restore(newer)  # the copy went to the trash, not away
    assert {entry.id for entry in library.entries()} == {older, newer}


def test_the_command_line_says_when_an_import_is_a_story_already_here(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    write(folder, "reuters.txt", outlet_copy("Ceasefire talks resume", "Reuters", WIRE))
    library = str(tmp_path / "lib")
    assert CliRunner().invoke(main, ["import", str(folder / "reuters.txt"), "--no-extract", "--library", library]).exit_code == 0
    write(folder, "daily.txt", outlet_copy("Talks back on, officials say", "The Daily", WIRE, outro="More on our website."))
    result = CliRunner().invoke(main, ["import", str(folder / "daily.txt"), "--no-extract", "--library", library])
    assert result.exit_code == 0
    assert "same story: “Talks back on, officials say” (The Daily) is also reported by “Ceasefire talks resume” (Reuters)" in " ".join(result.output.split())
