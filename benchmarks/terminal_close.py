"""Close Brief's terminal at random moments, in every state, and count what was left behind.

Each run starts the installed `brief` in a tmux terminal (or as a served session on pipes), brings
it to one of the states of `tests/tools/hangups.py` (idle, quitting, saving while another Brief
holds the lock, extracting, a note being typed, the library screen, a served session), waits a
random 0-1 s and closes the terminal. It then counts processes still running 10 s later, changes
acknowledged (the title said "saved") that are not on disk, and changes that could not be saved
that are neither on disk nor in a recovery file; and reports how long the processes took to end.

Run: .venv/bin/python -m benchmarks.terminal_close [--runs 200] [--seed 17] [--states idle,dialog,...]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.tools.hangups import END_WITHIN, STATES, make_template, processes_using, run_once  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--states", default=",".join(STATES), help="Which states to close in (comma-separated).")
    args = parser.parse_args()
    states = tuple(args.states.split(","))
    rng = random.Random(args.seed)
    runs = []
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="brief-terminal-close-") as folder:
        base = Path(folder)
        template = make_template(base)
        for number in range(args.runs):
            state = rng.choice(states)
            run = run_once(state, rng.uniform(0.0, 1.0), base / f"run-{number}", template, rng)
            runs.append(run)
            mark = "LEFT BEHIND" if run.ended_after is None else f"ended in {run.ended_after:.2f} s"
            print(f"{number + 1:>4} {state:<10} closed after {run.delay:.2f} s, {mark}" + (f"; LOST {run.lost}" if run.lost else ""), flush=True)
        stray = [pid for number in range(args.runs) for pid in processes_using(base / f"run-{number}" / "library")]
    ended = [run.ended_after for run in runs if run.ended_after is not None]
    print(f"\n{len(runs)} terminals closed in {time.monotonic() - started:.0f} s; runs by state: "
          + ", ".join(f"{state} {count}" for state, count in sorted(Counter(run.state for run in runs).items())))
    print(f"processes left behind (still running {END_WITHIN:.0f} s after the close): {sum(run.ended_after is None for run in runs)}")
    print(f"brief processes still running at the end: {len(stray)}")
    print(f"changes acknowledged (title said saved): {sum(run.acknowledged for run in runs)}; lost: {sum(len(run.lost) for run in runs)}")
    print(f"changes the disk could not take, kept in a recovery file: {sum(run.kept_aside for run in runs)}")
    notes = [run.note_saved for run in runs if run.note_saved is not None]
    print(f"notes being typed saved on the way out: {sum(notes)}/{len(notes)}")
    if ended:
        saving = [run.ended_after for run in runs if run.state == "saving" and run.ended_after is not None]
        others = [e for run, e in ((run, run.ended_after) for run in runs) if run.state != "saving" and e is not None]
        print(f"time to end: median {statistics.median(ended):.2f} s, max {max(ended):.2f} s"
              + (f" (saving, which waits for the disk first: max {max(saving):.2f} s; other states max {max(others):.2f} s)" if saving and others else ""))
    bad = any(run.ended_after is None or run.lost for run in runs) or stray
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
