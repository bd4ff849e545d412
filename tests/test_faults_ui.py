"""What the analyst sees when the disk or the library misbehaves: nothing lost, everything said."""

from __future__ import annotations

import errno
import json
from pathlib import Path

import pytest

import store.storage
from briefings.readers import read_file
from store import Library
from tests.pilot import make_app, open_library, open_review, screen_text, wait_for
from tui.screens.dialogs import ConfirmDialog
from tui.screens.review import ReviewScreen

pytestmark = [pytest.mark.app, pytest.mark.faults]


class FullDisk:
    """Makes every store write fail with ENOSPC while `full` is set."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.full = False
        original = store.storage._write_all

        def write_all(fd: int, data: bytes) -> None:
            if self.full:
                raise OSError(errno.ENOSPC, "No space left on device")
            original(fd, data)

        monkeypatch.setattr(store.storage, "_write_all", write_all)


async def test_a_full_disk_shows_not_saved_keeps_the_change_and_saves_it_later(
    library_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    disk = FullDisk(monkeypatch)
    app = make_app(library_dir)
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await open_review(pilot)
        briefing_id = screen.briefing.id
        before = (library_dir / "briefings" / f"{briefing_id}.json").read_bytes()
        disk.full = True
        await pilot.press("2")
        await wait_for(pilot, lambda: "NOT SAVED" in screen_text(app), what="NOT SAVED")
        assert "space" in screen_text(app).lower()
        assert screen.briefing.annotation(0).tags == {"fact"}  # the screen keeps the change
        assert (library_dir / "briefings" / f"{briefing_id}.json").read_bytes() == before
        # Quitting now asks at once (no wait for a disk that refuses) before losing the change;
        # the analyst stays.
        await pilot.press("q")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog), timeout=1, what="the confirmation")
        await pilot.press("n")
        assert app.is_running and isinstance(app.screen, ReviewScreen)
        disk.full = False
        await wait_for(pilot, lambda: app.save_state.status == "saved", timeout=30, what="the retry")
        assert "saved" in screen_text(app) and "NOT SAVED" not in screen_text(app)
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0
    assert Library.open(library_dir).load(briefing_id).annotation(0).tags == {"fact"}


async def test_a_library_from_a_newer_brief_opens_read_only(library_dir: Path, sample_path: Path) -> None:
    library = Library.open(library_dir)
    briefing_id = library.add_article(read_file(sample_path)).id
    store_file = library_dir / "library.json"
    document = json.loads(store_file.read_text())
    for record in document["library"].values():
        record["schema"] = 99
    store_file.write_text(json.dumps(document))
    app = make_app(library_dir)
    async with app.run_test(size=(140, 45)) as pilot:
        await open_library(pilot, 1)
        assert app.desk.library.read_only
        await pilot.press("enter")
        screen = await open_review(pilot)
        assert "read-only" in screen_text(app)
        await pilot.press("2")
        await pilot.pause()
        assert screen.briefing.annotation(0).tags == frozenset()
        assert any("read-only" in n.message for n in app._notifications)
    assert Library.open(library_dir).load(briefing_id).annotation(0).tags == frozenset()


async def test_a_damaged_briefing_is_quarantined_and_reported(library_dir: Path, sample_path: Path, tmp_path: Path) -> None:
    library = Library.open(library_dir)
    briefing_id = library.add_article(read_file(sample_path)).id
    other = tmp_path / "other.txt"
    other.write_text("Another story\n\nA paragraph about something else entirely.\n", encoding="utf-8")
    library.add_article(read_file(other))
    damaged = library_dir / "briefings" / f"{briefing_id}.json"
    damaged.write_bytes(damaged.read_bytes()[:200])  # cut short, as by a crash mid-write
    app = make_app(library_dir)
    async with app.run_test(size=(140, 45)) as pilot:
        await open_library(pilot, 2)
        table = app.screen.query_one("#briefings")
        table.move_cursor(table.position(briefing_id))
        await pilot.press("enter")
        # Reading the damaged file quarantines it and says so; the app carries on, either with
        # what could be recovered or back on the library screen.
        await wait_for(
            pilot,
            lambda: any("quarantine" in n.message.lower() for n in app._notifications),
            what="the quarantine notice",
        )
        await pilot.pause(0.2)
        assert app.is_running
        assert not isinstance(app.screen, ReviewScreen) or app.screen.briefing is not None
    assert list((library_dir / "quarantine").iterdir())


async def test_orphans_after_a_reimport_are_listed_reattached_and_undone(library_dir: Path, sample_path: Path, tmp_path: Path) -> None:
    from briefings.edits import AddTag, SetNote
    from tui.screens.orphans import OrphansScreen

    library = Library.open(library_dir)
    briefing_id = library.add_article(read_file(sample_path)).id
    library.apply(briefing_id, AddTag(2, "military"))
    library.apply(briefing_id, AddTag(2, "sourcing"))
    library.apply(briefing_id, SetNote(2, "Suleimani's role", ""))
    blocks = sample_path.read_text(encoding="utf-8").split("\n\n")
    edited = tmp_path / sample_path.name  # the same file, saved again without its third paragraph
    edited.write_text("\n\n".join(blocks[:3] + blocks[4:]), encoding="utf-8")
    result = library.add_article(read_file(edited))
    assert (result.id, result.status, result.orphans) == (briefing_id, "updated", 1)

    app = make_app(library_dir)
    async with app.run_test(size=(140, 45)) as pilot:
        await open_library(pilot, 1)
        await pilot.press("enter")
        screen = await open_review(pilot)
        assert "1 orphan (O)" in screen_text(app)
        await pilot.press("j", "j", "j", "O")
        assert isinstance(app.screen, OrphansScreen)
        assert "was ¶3" in screen_text(app) and "Suleimani's role" in screen_text(app)
        assert "tags: military, sourcing concern" in screen_text(app)  # names, not ids
        await pilot.press("enter", "escape")
        assert screen.briefing.orphans == []
        assert screen.briefing.annotation(3).tags == {"military", "sourcing"} and screen.briefing.annotation(3).note == "Suleimani's role"
        await pilot.press("u")
        assert len(screen.briefing.orphans) == 1 and screen.briefing.annotation(3).is_empty
        await pilot.press("ctrl+r")
        assert screen.briefing.orphans == []
        assert app.desk.save_queue.flush(timeout=10)
    on_disk = Library.open(library_dir).load(briefing_id)
    assert on_disk.orphans == [] and on_disk.annotation(3).note == "Suleimani's role"


async def test_an_export_that_cannot_be_written_says_why_and_keeps_the_dialog(library_dir: Path, tmp_path: Path) -> None:
    from tui.screens.export import ExportDialog

    app = make_app(library_dir)
    target = tmp_path / "no such folder" / "briefing.md"
    async with app.run_test(size=(140, 45)) as pilot:
        await open_review(pilot)
        await pilot.press("x")
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        dialog.query_one("#export-path").value = str(target)
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: any("Could not write" in str(n.message) for n in app._notifications), what="the error")
        assert isinstance(app.screen, ExportDialog)
        assert not target.exists()


async def test_a_failed_worker_of_a_screen_is_reported(library_dir: Path, sample_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Worker errors do not bubble in Textual; a screen's must still reach the analyst."""
    Library.open(library_dir).add_article(read_file(sample_path))
    app = make_app(library_dir)
    async with app.run_test(size=(140, 45)) as pilot:
        await open_library(pilot, 1)

        def failing(query: str, limit: int = 200) -> list:
            raise OSError(5, "Input/output error")

        monkeypatch.setattr(app.desk.library, "search", failing)
        await pilot.press("slash", *"tikrit", "enter")
        await wait_for(pilot, lambda: any(n.title == "Could not search the library" for n in app._notifications), what="the report")
        assert "Input/output error" in str(next(n.message for n in app._notifications if n.title == "Could not search the library"))
