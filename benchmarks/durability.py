"""What the save state promises, measured: the title never says "saved" before the fsync, each
key waits for the change before it, and how long a change takes to be durable.

Headless app on the sample, instrumented (tests/tools/trace.py): tag keys one every 100 ms (a
brisk analyst), then bursts of six keys delivered at once (typed ahead, or a paste). Counted:
titles that said "saved" while a change was not durable, and changes made (keys handled) while
the change before was not durable; timed: from a change to its fsync returning. The reference,
in the same run, is the same keys with the key gate off (keys handled as they come, as before).

Run: .venv/bin/python -m benchmarks.durability [--keys 60] [--bursts 20]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from textual import events  # noqa: E402

from tests.tools.trace import Trace  # noqa: E402
from tui.app import BriefApp, Startup  # noqa: E402
from tui.key_gate import KeyGate  # noqa: E402


async def measure(keys: int, bursts: int, gate: bool) -> Trace:
    trace = Trace()
    undo: list[tuple[object, str, object]] = []

    def setattr_(owner: object, name: str, value: object) -> None:
        undo.append((owner, name, getattr(owner, name)))
        setattr(owner, name, value)

    trace.install(setattr_)
    if not gate:
        setattr_(KeyGate, "hold", lambda self, event: False)
    try:
        with tempfile.TemporaryDirectory() as folder:
            app = BriefApp(Startup(Path(folder) / "library"))
            async with app.run_test(size=(140, 45)) as pilot:
                while not (getattr(app.screen, "briefing", None) is not None):
                    await pilot.pause(0.05)
                for number in range(keys):
                    app.post_message(events.Key("2" if number % 2 == 0 else "j", None))
                    await asyncio.sleep(0.1)
                for _ in range(bursts):
                    for key in "2j2j2j":
                        app.post_message(events.Key(key, None))
                    await asyncio.sleep(0.3)
                while app.desk.save_queue.pending or trace.durable < trace.made:  # type: ignore[union-attr]
                    await pilot.pause(0.05)
    finally:
        for owner, name, value in reversed(undo):
            setattr(owner, name, value)
    return trace


def latencies(trace: Trace) -> list[float]:
    """Seconds from each change to its fsync returning (changes and writes are in order)."""
    changes = [at for kind, at in trace.times if kind == "change"]
    durable = [at for kind, at in trace.times if kind == "durable"]
    return [done - made for made, done in zip(changes, durable, strict=False)]


def report(name: str, trace: Trace) -> None:
    times = sorted(latencies(trace))
    p90 = times[int(len(times) * 0.9)] if times else 0.0
    print(f"{name}: {trace.made} changes; titles saying saved before the fsync: {len(trace.false_saved())}; "
          f"keys handled before the change before them was durable: {len(trace.changes_before_durable())}; "
          f"change to durable: median {statistics.median(times) * 1000:.1f} ms, p90 {p90 * 1000:.1f} ms, max {times[-1] * 1000:.1f} ms")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keys", type=int, default=60)
    parser.add_argument("--bursts", type=int, default=20)
    args = parser.parse_args()
    gated = asyncio.run(measure(args.keys, args.bursts, gate=True))
    ungated = asyncio.run(measure(args.keys, args.bursts, gate=False))
    report("Brief", gated)
    report("reference, key gate off", ungated)
    return 1 if gated.false_saved() or gated.changes_before_durable() else 0


if __name__ == "__main__":
    sys.exit(main())
