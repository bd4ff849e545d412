"""Power cuts from the first key: the file operations of creating and first using a library (and
of editing one) are recorded, cut at every point, and every state a disk could be left in is
opened; nothing acknowledged may be lost (issue 17, point 5). See `tests/tools/powercut.py`.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from briefings.briefing import Question
from briefings.decisions import ActorDecision
from briefings.edits import AddDecision, AddTag, PutQuestion, SetNote, SetReviewed
from briefings.model import Article, make_paragraphs
from store import Library
from tests.tools.powercut import Recorder, Recording, replay


def article(title: str) -> Article:
    return Article(title, make_paragraphs([f"{title}: paragraph {i} says something with enough words." for i in range(6)]))


def expect(condition: Callable[[Library], bool], what: str) -> Callable[[Library], None]:
    def check(library: Library) -> None:
        if not condition(library):
            raise AssertionError(f"lost: {what}")

    return check


def open_state(folder: Path) -> tuple[Library, list[str]]:
    library = Library.open(folder / "library")
    return library, library.warnings


def first_use(world: Path) -> Recording:
    """A new library: created, an article imported, tagged, noted, reviewed, a question asked,
    an actor decision made, a second article imported. Each step acknowledged as it returns."""
    recorder = Recorder(world)
    with recorder:
        library = Library.open(world / "library")
        recorder.ack(expect(lambda lib: True, "the new library"))  # opening it is the check
        first = library.add_article(article("Alpha")).id
        recorder.ack(expect(lambda lib: lib.load(first).article.title == "Alpha", "the first import"))
        for paragraph, tag in ((0, "fact"), (1, "claim"), (2, "military")):
            library.apply(first, AddTag(paragraph, tag))
            recorder.ack(expect(lambda lib, p=paragraph, t=tag: t in lib.load(first).annotation(p).tags, f"tag {tag}"))
        library.apply(first, SetNote(1, "single source"))
        recorder.ack(expect(lambda lib: lib.load(first).annotation(1).note == "single source", "the note"))
        library.apply(first, SetReviewed(0, True))
        recorder.ack(expect(lambda lib: lib.load(first).annotation(0).reviewed, "the reviewed mark"))
        library.apply(first, PutQuestion(Question("q1", "Who says so?", paragraph=1)))
        recorder.ack(expect(lambda lib: "q1" in lib.load(first).questions, "the question"))
        library.apply_settings(AddDecision(ActorDecision("d1", "hide", "reuters")))
        recorder.ack(expect(lambda lib: [d.id for d in lib.settings().decisions] == ["d1"], "the actor decision"))
        second = library.add_article(article("Bravo")).id
        recorder.ack(expect(lambda lib: {e.id for e in lib.entries()} == {first, second}, "the second import in the list"))
    return recorder.recording()


def test_every_power_cut_while_a_library_is_created_and_first_used_loses_nothing(tmp_path: Path) -> None:
    world = tmp_path / "world"
    world.mkdir()
    recording = first_use(world)
    outcome = replay(recording, tmp_path / "states", open_state)
    assert outcome.states > 150  # the model is not vacuous: many distinct states were opened
    assert outcome.unopenable == []
    assert outcome.lost == []


def test_every_power_cut_while_an_existing_library_is_edited_loses_nothing(tmp_path: Path) -> None:
    world = tmp_path / "world"
    library = Library.open(world / "library")
    briefing_id = library.add_article(article("Alpha")).id
    library.apply(briefing_id, AddTag(5, "fact"))
    del library
    recorder = Recorder(world)
    with recorder:
        library = Library.open(world / "library")
        tagged = []
        for paragraph in range(5):
            library.apply(briefing_id, AddTag(paragraph, "claim"))
            tagged.append(recorder.ack(expect(lambda lib, p=paragraph: "claim" in lib.load(briefing_id).annotation(p).tags, f"the tag on ¶{paragraph + 1}")))
        for number in tagged:  # from here on, the briefing may be in the trash
            recorder.retire(number)
        library.delete(briefing_id)
        deleted = recorder.ack(expect(lambda lib: lib.entries() == [], "the deletion"))
        recorder.retire(deleted)
        library.restore(briefing_id)
        everything = {0: {"claim"}, 1: {"claim"}, 2: {"claim"}, 3: {"claim"}, 4: {"claim"}, 5: {"fact"}}
        recorder.ack(expect(lambda lib: {p: a.tags for p, a in lib.load(briefing_id).annotations.items()} == everything, "the restored briefing"))
    outcome = replay(recorder.recording(), tmp_path / "states", open_state)
    assert outcome.states > 50
    assert outcome.unopenable == [] and outcome.lost == []


def test_a_creation_cut_short_opens_as_a_new_library_and_cleans_up(tmp_path: Path) -> None:
    """Killed during its first open, Brief left only its lock and a temp file: every later
    command refused the folder as "not a Brief library and not empty"."""
    folder = tmp_path / "library"
    folder.mkdir()
    (folder / "library.lock").write_bytes(b"")
    (folder / f".library.json.{os.getpid() + 100000}.0badf00d.tmp").write_bytes(b'{"library": {"1": {"app"')
    library = Library.open(folder)
    assert library.entries() == [] and library.warnings == []
    assert sorted(os.listdir(folder)) == sorted(
        ["library.json", "library.lock", "briefings", "index", "extractions", "backups", "quarantine", "trash"]
    )
    other = tmp_path / "not-ours"
    other.mkdir()
    (other / "notes.txt").write_text("someone else's")
    try:
        Library.open(other)
    except Exception as error:  # noqa: BLE001
        assert "not a Brief library and not empty" in str(error)
    else:
        raise AssertionError("a folder of someone else's files was taken for a library")


def test_the_recorder_sees_a_new_folder_lost_until_its_parent_is_synced(tmp_path: Path) -> None:
    """The model itself: a file synced into a folder whose entry was never synced is lost."""
    world = tmp_path / "world"
    world.mkdir()
    recorder = Recorder(world)
    with recorder:
        os.mkdir(world / "new")
        fd = os.open(world / "new" / "file", os.O_WRONLY | os.O_CREAT, 0o644)
        os.write(fd, b"data")
        os.fsync(fd)
        os.close(fd)
        folder = os.open(world / "new", os.O_RDONLY)
        os.fsync(folder)
        os.close(folder)
        recorder.ack(lambda state: None)
    states = [state for state in recorder.recording().crash_states() if state.cut == len(recorder.ops)]
    reachable = []
    for state in states:
        target = tmp_path / f"s{len(reachable)}"
        state.tree.write_out(target)
        reachable.append((target / "new" / "file").exists())
    assert reachable == [False, True]  # without, then with, the folder's own entry
