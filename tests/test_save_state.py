"""The save state never claims more than is true (issue 17, point 1).

The promise (README, "Where the library lives"): the title says "saving…" from the moment a change
is made until it is on disk, "saved" only then; and the next key is handled only once the change
before it is on disk, unless the disk refuses (NOT SAVED) or takes longer than `KEY_WAIT`, when
keys go on and the title keeps saying so.

The Pilot tests trace the order of events with an instrumented store: each change made, each
write that returned from its fsync, each title drawn. The end-to-end test SIGKILLs the real
`brief` the moment its title says "saved".
"""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest
from textual import events

from store import Library
from tests.pilot import make_app, open_review, wait_for
from tests.tmux import TmuxSession, require_tmux
from tests.tools.hangups import BRIEF, SAMPLE, TAGS, brief_processes
from tests.tools.trace import Trace
from tui.key_gate import KEY_WAIT

pytestmark = pytest.mark.app


def burst(app: object, keys: str) -> None:
    """Keys as fast as a terminal delivers a burst: all queued at once, nobody waiting between."""
    for key in keys:
        app.post_message(events.Key(key, key))  # type: ignore[attr-defined]


async def test_saved_only_once_on_disk_and_each_key_waits_for_the_change_before_it(library_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    trace = Trace(write_seconds=0.05)
    trace.install(monkeypatch.setattr)
    # The order is what is tested here; the bound on the wait has its own test below. On a busy
    # machine a 50 ms write can take longer than the bound, and keys would rightly go on.
    monkeypatch.setattr("tui.key_gate.KEY_WAIT", 60.0)
    app = make_app(library_dir)
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await open_review(pilot)
        burst(app, "1j2j3")
        await wait_for(pilot, lambda: trace.durable == 3 and app.save_state.status == "saved", what="three changes saved")
        await pilot.press("enter", "4", "u")  # one at a time, as a person types
        await wait_for(pilot, lambda: trace.durable == 6 and app.save_state.status == "saved", what="all saved")
        await pilot.pause()
        briefing = screen.briefing
    assert trace.made == 6
    assert trace.false_saved() == []
    assert trace.changes_before_durable() == []
    assert set(trace.first_title_after_each_change()) == {"saving"}
    on_disk = Library.open(library_dir).load(briefing.id)
    assert on_disk.annotations == briefing.annotations
    assert on_disk.annotation(0).tags == {"key-judgment"} and on_disk.annotation(2).reviewed


async def test_a_disk_slower_than_the_bound_lets_keys_go_on_and_the_title_says_saving(library_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    trace = Trace(write_seconds=KEY_WAIT * 3)
    trace.install(monkeypatch.setattr)
    app = make_app(library_dir)
    async with app.run_test(size=(140, 45)) as pilot:
        await open_review(pilot)
        burst(app, "1j2")
        # The second change is made before the first is on disk: the keys did not wait for ever.
        await wait_for(pilot, lambda: trace.made == 2, timeout=KEY_WAIT * 2 + 10, what="both keys handled")
        assert trace.durable < 2 and app.save_state.status == "saving"
        await wait_for(pilot, lambda: trace.durable == 2 and app.save_state.status == "saved", what="both saved")
    assert trace.false_saved() == []


def test_a_sigkill_the_moment_the_title_says_saved_loses_nothing(library_dir: Path) -> None:
    """The real `brief` in a terminal, killed with SIGKILL as soon as "saved" is on screen."""
    require_tmux()
    keys = "2323"
    with TmuxSession([*BRIEF, "open", str(SAMPLE), "--library", str(library_dir)]) as term:
        deadline = time.monotonic() + 60
        while "reviewed" not in term.screen().splitlines()[0]:
            assert time.monotonic() < deadline
            time.sleep(0.05)
        expected: dict[int, set[str]] = {}
        for paragraph, key in enumerate(keys):
            term.send(key)
            tag = TAGS[key]
            expected[paragraph] = {tag}
            chip = f"¶{paragraph + 1}  {tag}"
            while not (chip in (screen := term.screen()) and screen.splitlines()[0].rstrip().endswith("· saved")):
                assert time.monotonic() < deadline, screen
                time.sleep(0.01)
            if paragraph < len(keys) - 1:
                term.send("j")
        (pid,) = brief_processes(library_dir)
        os.kill(pid, signal.SIGKILL)
    library = Library.open(library_dir)
    briefing = library.load(library.entries()[0].id)
    assert {paragraph: briefing.annotation(paragraph).tags for paragraph in expected} == expected
