"""Fault campaigns on the store, as repeatable numbers: a regression shows as a count above zero.

    kills       writers SIGKILLed at random moments; acknowledged writes lost, files unreadable
    writers     several processes editing one briefing at once; edits lost
    full-disk   writes refused at every step a disk can refuse (create, part way, fsync, rename,
                folder fsync, index journal); failed writes that changed anything, changes the
                save queue lost once the disk recovered, and how long it took to save them
    power-cut   the file operations of creating and first using a library, and of editing one,
                recorded and cut at every point (tests/tools/powercut.py); crash states that
                could not be opened or lost acknowledged work

The terminal-closing campaign is `benchmarks/terminal_close.py`.

Run: .venv/bin/python -m benchmarks.faults [kills|writers|full-disk|power-cut ...] [--scale N] [--seed S]
     (--scale multiplies the size of each campaign; 1 is what the README reports)
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.tools.faults import concurrent_writers, full_disk, kill_writers  # noqa: E402
from tests.tools.powercut import replay  # noqa: E402
from tests.tools.powercut_work import editing, first_use, open_state  # noqa: E402

CAMPAIGNS = ("kills", "writers", "full-disk", "power-cut")


def kills(scratch: Path, scale: int, seed: int) -> bool:
    rounds = 1000 * scale
    outcome = kill_writers(scratch / "library", rounds, seed, scratch)
    print(f"kills: {outcome.kills:,} writers SIGKILLed, {outcome.acknowledged:,} writes acknowledged; "
          f"lost {len(outcome.lost)}, unreadable or leftover files {len(outcome.problems)}, warnings on reopening {len(outcome.warnings)}")
    return not (outcome.lost or outcome.problems or outcome.warnings)


def writers(scratch: Path, scale: int, seed: int) -> bool:
    count, operations = 4, 500 * scale
    lost = concurrent_writers(scratch / "library", count, operations, scratch)
    print(f"writers: {count} processes x {operations:,} edits on one briefing at once; lost {len(lost)}")
    return not lost


def disk(scratch: Path, scale: int, seed: int) -> bool:
    outcome = full_disk(scratch / "library", 200 * scale, seed)
    seconds = outcome.seconds_to_save
    print(f"full-disk: {outcome.failures:,} writes refused at a random step; changed something all the same "
          f"{len(outcome.changed_on_failure)}; lost after the disk recovered {len(outcome.lost_after_recovery)}; "
          f"saved after recovery in median {statistics.median(seconds):.2f} s, max {max(seconds):.2f} s")
    for line in outcome.changed_on_failure[:5] + outcome.lost_after_recovery[:5]:
        print(f"    {line}")
    return not (outcome.changed_on_failure or outcome.lost_after_recovery)


def power_cut(scratch: Path, scale: int, seed: int) -> bool:
    good = True
    for name, work in (("creating and first using a library", first_use), ("editing an existing library", editing)):
        world = scratch / f"world-{work.__name__}"
        world.mkdir()
        recording = work(world, 3 * scale)
        outcome = replay(recording, scratch / f"states-{work.__name__}", open_state)
        print(f"power-cut, {name}: {len(recording.ops):,} file operations, {outcome.cuts:,} cuts, "
              f"{outcome.states:,} distinct crash states; could not be opened {len(outcome.unopenable)}, "
              f"lost acknowledged work {len(outcome.lost)}, opened with a warning {outcome.warned}")
        for line in (outcome.unopenable + outcome.lost)[:5]:
            print(f"    {line}")
        good = good and not (outcome.unopenable or outcome.lost)
    return good


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("campaigns", nargs="*", metavar="CAMPAIGN", help=f"any of {', '.join(CAMPAIGNS)} (default: all)")
    parser.add_argument("--scale", type=int, default=1)
    parser.add_argument("--seed", type=int, default=17)
    args = parser.parse_args()
    runners = {"kills": kills, "writers": writers, "full-disk": disk, "power-cut": power_cut}
    unknown = [name for name in args.campaigns if name not in runners]
    if unknown:
        parser.error(f"unknown campaign {unknown[0]!r}; choose from {', '.join(CAMPAIGNS)}")
    good = True
    for campaign in args.campaigns or CAMPAIGNS:
        started = time.monotonic()
        with tempfile.TemporaryDirectory(prefix=f"brief-{campaign}-") as folder:
            good = runners[campaign](Path(folder), args.scale, args.seed) and good
        print(f"    ({time.monotonic() - started:.0f} s)", flush=True)
    return 0 if good else 1


if __name__ == "__main__":
    sys.exit(main())
