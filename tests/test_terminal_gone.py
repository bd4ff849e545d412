"""The terminal goes away, in every state Brief can be in: the process ends within a few seconds,
what was acknowledged is on disk, and what could not be saved is kept (issue 17, points 3 and 4).

Each state is closed twice at random moments (seeded); `benchmarks/terminal_close.py` runs the
same harness 200 times. See `tests/tools/hangups.py`.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from tests.tmux import require_tmux
from tests.tools.hangups import END_WITHIN, STATES, make_template, processes_using, run_once

pytestmark = [pytest.mark.e2e, pytest.mark.faults]


@pytest.fixture(autouse=True)
def _tmux() -> None:
    require_tmux()


@pytest.mark.parametrize("state", STATES)
def test_closing_the_terminal_ends_brief_and_loses_nothing(state: str, tmp_path: Path) -> None:
    rng = random.Random(f"terminal-gone-{state}")
    template = make_template(tmp_path)
    for number in range(2):
        run = run_once(state, rng.uniform(0.0, 0.6), tmp_path / f"run-{number}", template, rng)
        assert run.ended_after is not None, f"{state}: still running {END_WITHIN} s after its terminal closed"
        assert run.lost == []
        if state == "saving":
            assert run.kept_aside == 1  # the change the lock kept from the disk is in a recovery file
        if state == "dialog":
            assert run.note_saved
        assert not processes_using(tmp_path / f"run-{number}" / "library")
