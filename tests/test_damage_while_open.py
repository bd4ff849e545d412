"""Damage found while a briefing is open is never repaired in silence (issue 17, point 2).

The analyst works, the title says "saved", and then something empties the file on disk. The
window's copy is newer than any backup: it is written back as the good copy, the damaged bytes go
to quarantine, and the analyst is told. The briefing is never shown as deleted.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from briefings.edits import AddTag
from briefings.readers import read_file
from store import Library
from tests.pilot import make_app, open_library, open_review, screen_text, wait_for

pytestmark = [pytest.mark.app, pytest.mark.faults]

EXPECTED_TAGS = {0: {"key-judgment"}, 1: {"fact"}, 2: {"claim"}, 3: {"opinion"}}


def damage_notices(app: object) -> list[str]:
    return [str(n.message) for n in app._notifications if "damaged" in str(n.message)]  # type: ignore[attr-defined]


async def work_then_damage(pilot: object, app: object, path_of: object, *, then_key: bool) -> object:
    """Press 1 j 2 j 3 Enter, wait for "saved", empty the briefing file, then press 4 (or wait
    for the window's own check of the disk to find the damage)."""
    screen = await open_review(pilot)  # type: ignore[arg-type]
    await pilot.press("1", "j", "2", "j", "3", "enter")  # type: ignore[attr-defined]
    await wait_for(pilot, lambda: app.save_state.status == "saved" and not app.desk.save_queue.pending, what="saved")  # type: ignore[arg-type, attr-defined]
    path = path_of(screen.briefing_id)  # type: ignore[operator]
    path.write_bytes(b"")  # emptied in place, by something other than Brief
    if then_key:
        await pilot.press("4")  # type: ignore[attr-defined]
    await wait_for(pilot, lambda: damage_notices(app), what="the notice of the damage")  # type: ignore[arg-type]
    await wait_for(pilot, lambda: app.save_state.status == "saved" and not app.desk.save_queue.pending, what="saved again")  # type: ignore[arg-type, attr-defined]
    return screen


@pytest.mark.parametrize("then_key", [True, False], ids=["found by the next key", "found by the window's check"])
async def test_a_briefing_imported_this_session_and_damaged_is_written_back_not_deleted(library_dir: Path, then_key: bool) -> None:
    app = make_app(library_dir)  # a new library: the sample is imported now, so it has no backup
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await work_then_damage(pilot, app, lambda briefing_id: library_dir / "briefings" / f"{briefing_id}.json", then_key=then_key)
        (notice,) = damage_notices(app)
        assert "wrote back the copy this Brief holds in memory" in notice and "quarantine" in notice
        assert "DELETED" not in screen_text(app)
        assert screen.briefing.annotation(2).reviewed
        briefing_id = screen.briefing_id
    expected = dict(EXPECTED_TAGS) if then_key else {p: t for p, t in EXPECTED_TAGS.items() if p < 3}
    on_disk = Library.open(library_dir).load(briefing_id)
    assert {p: a.tags for p, a in on_disk.annotations.items() if a.tags} == expected
    assert on_disk.annotation(2).reviewed
    assert [path.read_bytes() for path in (library_dir / "quarantine").iterdir()] == [b""]


async def test_the_window_copy_wins_over_the_backup_of_an_earlier_session(library_dir: Path, sample_path: Path) -> None:
    library = Library.open(library_dir)
    briefing_id = library.add_article(read_file(sample_path)).id
    library.apply(briefing_id, AddTag(9, "background"))  # an earlier session's work, backed up below
    library.apply(briefing_id, AddTag(10, "background"))
    del library
    app = make_app(library_dir)
    async with app.run_test(size=(140, 45)) as pilot:
        await open_library(pilot, 1)
        await pilot.press("enter")
        screen = await work_then_damage(pilot, app, lambda b: library_dir / "briefings" / f"{b}.json", then_key=True)
        assert "restored the backup" not in damage_notices(app)[0]
        assert "DELETED" not in screen_text(app)
    on_disk = Library.open(library_dir).load(screen.briefing_id)
    assert {p: a.tags for p, a in on_disk.annotations.items() if a.tags} == EXPECTED_TAGS | {9: {"background"}, 10: {"background"}}


async def test_with_no_backup_at_all_the_open_briefing_is_not_taken_for_deleted(library_dir: Path) -> None:
    """Before, a damaged briefing with nothing to restore it from left the library, and the
    window said "DELETED in another window" although it held all of it."""
    app = make_app(library_dir)

    def damaged_and_no_backup(briefing_id: str) -> Path:
        (library_dir / "backups" / "briefings" / f"{briefing_id}.json").unlink()
        return library_dir / "briefings" / f"{briefing_id}.json"

    async with app.run_test(size=(140, 45)) as pilot:
        screen = await work_then_damage(pilot, app, damaged_and_no_backup, then_key=True)
        await screen._check_disk(screen._version, screen._edits).wait()  # the window's check of the disk...
        await pilot.pause()  # ...and what it found, shown: the briefing must not be taken for deleted
        assert "DELETED" not in screen_text(app)
        assert [entry.id for entry in app.desk.library.entries()] == [screen.briefing_id]
    on_disk = Library.open(library_dir).load(screen.briefing_id)
    assert {p: a.tags for p, a in on_disk.annotations.items() if a.tags} == EXPECTED_TAGS
