"""Power cuts from the first key: the file operations of creating and first using a library (and
of editing one) are recorded, cut at every point, and every state a disk could be left in is
opened; nothing acknowledged may be lost (issue 17, point 5). See `tests/tools/powercut.py`.
"""

from __future__ import annotations

import pytest

import os
from pathlib import Path

from store import Library
from tests.tools.powercut import Recorder, replay
from tests.tools.powercut_work import editing, first_use, open_state

pytestmark = [pytest.mark.unit, pytest.mark.faults]


def test_every_power_cut_while_a_library_is_created_and_first_used_loses_nothing(tmp_path: Path) -> None:
    world = tmp_path / "world"
    world.mkdir()
    outcome = replay(first_use(world), tmp_path / "states", open_state)
    assert outcome.states > 150  # the model is not vacuous: many distinct states were opened
    assert outcome.unopenable == []
    assert outcome.lost == []


def test_every_power_cut_while_an_existing_library_is_edited_loses_nothing(tmp_path: Path) -> None:
    outcome = replay(editing(tmp_path / "world"), tmp_path / "states", open_state)
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
