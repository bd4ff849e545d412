"""Changes that cannot be saved when Brief has to stop are kept in a recovery file in the user's
state folder, and the next start offers them back (issue 17, point 3)."""

from __future__ import annotations

import errno
import json
from dataclasses import is_dataclass
from pathlib import Path

import pytest

import briefings.edits as edits_module
import store.storage
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
    RestoreOrphan,
    RestoreSuggestion,
    SetNote,
    SetReviewed,
    SetSummary,
    SetTaxonomy,
)
from briefings.model import Anchor
from briefings.summary import Judgment, SourceGrade, Summary
from briefings.taxonomy import DEFAULT_TAGS
from store import Library, rescue
from store.rescue import STATE_ENV, from_doc, to_doc
from tests.pilot import make_app, open_review, wait_for
from tui.screens.dialogs import ConfirmDialog

pytestmark = [pytest.mark.unit, pytest.mark.faults]

ORPHAN = Orphan(Anchor(3, "d1g", "quote", "pre", "post"), Annotation(frozenset({"fact", "claim"}), "a note", True), question="q1")
EVERY_EDIT = [
    AddTag(1, "fact"),
    RemoveTag(2, "claim"),
    SetNote(1, "new", "old"),
    SetNote(1, "new"),
    SetReviewed(3, True),
    PutQuestion(Question("q1", "Who?", paragraph=2, actors=("Iran",), created="2026-01-01T00:00:00+00:00"), None),
    DeleteQuestion(Question("q1", "Who?")),
    DismissSuggestion("s1"),
    RestoreSuggestion("s1"),
    SetSummary(Summary("bluf", (Judgment("j1", "likely so", "likely", "high", (1, 2)),), SourceGrade("B", "2"), "c"), Summary()),
    DiscardOrphan(ORPHAN),
    RestoreOrphan(ORPHAN),
    Compound((AddTag(1, "fact"), SetNote(1, "x", "")), "orphan re-attached"),
    AddDecision(ActorDecision("d1", "hide", "reuters", "", "2026-01-01")),
    RemoveDecision(ActorDecision("d1", "hide", "reuters")),
    SetTaxonomy(DEFAULT_TAGS[:3], DEFAULT_TAGS),
]


@pytest.mark.parametrize("edit", EVERY_EDIT, ids=lambda edit: type(edit).__name__)
def test_every_kind_of_edit_is_kept_and_read_back_exactly(edit: object) -> None:
    assert from_doc(json.loads(json.dumps(to_doc(edit)))) == edit


def test_every_edit_type_is_covered() -> None:
    kinds = {
        value
        for value in vars(edits_module).values()
        if is_dataclass(value) and value.__module__ == edits_module.__name__ and hasattr(value, "inverse")
    }
    assert kinds == {type(edit) for edit in EVERY_EDIT}


def test_only_briefs_own_records_are_read_back() -> None:
    with pytest.raises(ValueError, match="not one of Brief's records"):
        from_doc({"$": "os:system", "command": "true"})
    with pytest.raises(ValueError, match="not one of Brief's records"):
        from_doc({"$": "briefings.edits:merge_text"})


class FullDisk:
    """The library's disk is full while `full` is set (the state folder is on another disk)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, library: Path) -> None:
        self.full = False
        original = store.storage._create

        def create(path: Path) -> int:
            if self.full and Path(path).is_relative_to(library):
                raise OSError(errno.ENOSPC, "No space left on device")
            return original(path)

        monkeypatch.setattr(store.storage, "_create", create)


@pytest.fixture
def state_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "state"
    monkeypatch.setenv(STATE_ENV, str(folder))
    return folder


async def test_a_sigterm_while_not_saved_keeps_the_changes_and_the_next_start_applies_them(
    library_dir: Path, state_dir: Path, monkeypatch: pytest.MonkeyPatch, sample_path: Path
) -> None:
    disk = FullDisk(monkeypatch, library_dir)
    app = make_app(library_dir)
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await open_review(pilot)
        briefing_id = screen.briefing_id
        disk.full = True
        await pilot.press("2", "j", "3")
        await wait_for(pilot, lambda: app.save_state.status == "not-saved", what="NOT SAVED")
        app._save_and_leave(False)  # what the SIGTERM handler does
        await wait_for(pilot, lambda: not app.is_running, what="the app to leave")
    assert app.return_code == 1
    disk.full = False
    (kept,) = (state_dir / "recovery").glob("recovery-*.json")
    on_disk = Library.open(library_dir).load(briefing_id)
    assert on_disk.annotation(0).tags == frozenset() and on_disk.annotation(1).tags == frozenset()
    assert "No space left on device" in json.loads(kept.read_text())["reason"]

    again = make_app(library_dir, sample_path)  # `brief open` of the same article: its review screen
    async with again.run_test(size=(140, 45)) as pilot:
        await wait_for(pilot, lambda: isinstance(again.screen, ConfirmDialog), what="the offer")
        await pilot.press("y")
        await wait_for(pilot, lambda: any("applied" in str(n.message) for n in again._notifications), what="the notice")
        assert again.screen.briefing.annotation(0).tags == {"fact"}  # shown on the open briefing
        assert again.save_state.status in ("saving", "saved")
        assert again.desk.save_queue.flush(timeout=10)
    saved = Library.open(library_dir).load(briefing_id)
    assert saved.annotation(0).tags == {"fact"} and saved.annotation(1).tags == {"claim"}
    assert not list((state_dir / "recovery").glob("recovery-*.json"))


async def test_declined_changes_are_kept_and_the_analyst_told_where(library_dir: Path, state_dir: Path) -> None:
    library = Library.open(library_dir)
    kept = rescue.keep_changes(library.path, [(None, AddDecision(ActorDecision("d9", "hide", "afp")), None)], "the disk was full")
    app = make_app(library_dir)
    async with app.run_test(size=(140, 45)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog), what="the offer")
        assert "1 change not saved when Brief stopped" in str(app.screen._question)
        await pilot.press("n")
        await wait_for(pilot, lambda: any("kept in" in str(n.message) for n in app._notifications), what="the notice")
    assert not kept.exists() and (kept.parent / f"declined-{kept.name}").exists()
    assert Library.open(library_dir).settings().decisions == ()


async def test_quitting_anyway_keeps_the_changes_instead_of_losing_them(library_dir: Path, state_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    disk = FullDisk(monkeypatch, library_dir)
    app = make_app(library_dir)
    async with app.run_test(size=(140, 45)) as pilot:
        await open_review(pilot)
        disk.full = True
        await pilot.press("2")
        await wait_for(pilot, lambda: app.save_state.status == "not-saved", what="NOT SAVED")
        await pilot.press("q")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog), what="the question")
        await pilot.press("y")
        await wait_for(pilot, lambda: not app.is_running, what="the app to leave")
    assert app.return_code == 1
    (kept,) = (state_dir / "recovery").glob("recovery-*.json")
    assert [change["edit"]["tag"] for change in json.loads(kept.read_text())["changes"]] == ["fact"]


def test_changes_for_another_library_are_not_offered(tmp_path: Path, state_dir: Path) -> None:
    rescue.keep_changes(tmp_path / "one", [("abc", AddTag(0, "fact"), None)], "full")
    assert rescue.changes_kept_for(tmp_path / "two") == ([], [])
    (found,), problems = rescue.changes_kept_for(tmp_path / "one")
    assert problems == [] and found.items == [("abc", AddTag(0, "fact"), None)]
