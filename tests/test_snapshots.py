"""SVG snapshots of the main screens (pytest-textual-snapshot; update with --snapshot-update).

The extraction shown comes from the real pipeline, so a change to extraction output changes
these pictures: review the diff in snapshot_report.html and update them on purpose.
"""

from __future__ import annotations

import pytest

from pathlib import Path

from textual.pilot import Pilot

from tests.pilot import make_app, open_review, wait_for

pytestmark = pytest.mark.app

SIZE = (140, 45)


async def _reviewing(pilot: Pilot) -> None:
    screen = await open_review(pilot, extraction=True)
    screen.query_one("ActorsPane").highlighted = None
    await pilot.pause()


def test_review_screen_of_the_sample(snap_compare, library_dir: Path) -> None:
    assert snap_compare(make_app(library_dir), terminal_size=SIZE, run_before=_reviewing)


def test_review_screen_with_tags_note_and_cursor(snap_compare, library_dir: Path) -> None:
    async def work(pilot: Pilot) -> None:
        await _reviewing(pilot)
        await pilot.press("2", "enter", "3", "8", "a", *"single unnamed official", "escape", "j")
        # The title bar shows the save state: wait until everything is on disk and it says so.
        assert pilot.app.desk.save_queue.flush(timeout=10)
        await wait_for(pilot, lambda: pilot.app.save_state.status == "saved", what="saved")
        await pilot.pause()

    assert snap_compare(make_app(library_dir), terminal_size=SIZE, run_before=work)


def test_help_screen(snap_compare, library_dir: Path) -> None:
    async def work(pilot: Pilot) -> None:
        await _reviewing(pilot)
        await pilot.press("question_mark")
        await pilot.pause()

    assert snap_compare(make_app(library_dir), terminal_size=SIZE, run_before=work)


def test_summary_screen(snap_compare, library_dir: Path) -> None:
    async def work(pilot: Pilot) -> None:
        await _reviewing(pilot)
        await pilot.press("s", *"US aircraft might support the offensive.")
        pilot.app.screen.query_one("#bluf").cursor_blink = False
        await pilot.pause(0.2)

    assert snap_compare(make_app(library_dir), terminal_size=SIZE, run_before=work)
