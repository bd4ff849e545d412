"""Time for a change to reach another analyst's screen: a headless Brief (Textual's Pilot) follows
a library on a throwaway PostgreSQL server (`tests/tools/postgres.py`: fsync and synchronous
commit on) with its briefing open; another handle, in a thread of its own as another machine would
be, tags a paragraph; the time runs from the call of `apply` (its whole durable transaction
included) until the app's open briefing holds the tag. Measuring starts once the app is at rest
(its panes filled: spaCy loaded in the background, which on a 2-core machine slows everything for
the first seconds), and the changes come at random moments of a second, as analysts' do.

Measured in the same run (median of `--runs`):
    screen, woken      the app woken by the server's notification (its checks every second
                       pushed out to ten minutes, so that only the wake-up path counts)
    screen, polling    the app with its checks every second and no wake-up: what it was before
    apply -> follow    `apply` on one handle to `follow`'s callback on another (no app)
    NOTIFY             raw NOTIFY round trip (`benchmarks.durable_commit`)

Run: .venv/bin/python -m benchmarks.postgres_screen [--runs 20]
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.durable_commit import postgres_notify  # noqa: E402
from benchmarks.postgres_library import reach  # noqa: E402
from briefings.edits import AddTag  # noqa: E402
from store.postgres.library import PostgresLibrary  # noqa: E402
from tests.tools.postgres import PostgresServer  # noqa: E402

#: The longest a change may take to show before the run is called failed.
GIVE_UP = 10.0


async def to_screen(url: str, runs: int, *, woken: bool) -> list[float]:
    """From `apply` called on another handle until the app's open briefing holds the tag."""
    import tui.app
    import tui.screens.review
    from tui.app import BriefApp, Startup
    from tui.screens.review import ReviewScreen

    seconds = 600.0 if woken else 1.0
    tui.app.FOLLOW_SECONDS = tui.screens.review.FOLLOW_SECONDS = seconds
    app = BriefApp(Startup(Path(url)))
    times = []
    rng = random.Random(15)
    async with app.run_test(size=(140, 45)) as pilot:
        while not (app.has_desk and app._following is not None):
            await pilot.pause(0.02)
        if not isinstance(app.screen, ReviewScreen):  # a library with briefings opens on its list
            app.open_briefing(app.desk.entries()[0].id)
        while not (isinstance(app.screen, ReviewScreen) and app.screen.briefing is not None and app.screen.raw_extraction is not None):
            await pilot.pause(0.02)  # the panes filled: spaCy loaded, the app at rest
        screen = app.screen
        if woken:
            while not app._following.ready.is_set():
                await pilot.pause(0.02)
        else:
            app._following.stop()  # no wake-up: the checks every second alone
        writer = PostgresLibrary.open(url)
        for number in range(runs):
            tag, paragraph = f"{'woken' if woken else 'polled'}-{number}", number % 3
            sent = time.perf_counter()
            await asyncio.to_thread(writer.apply, screen.briefing_id, AddTag(paragraph, tag))
            while tag not in screen.briefing.annotation(paragraph).tags:
                if time.perf_counter() - sent > GIVE_UP:
                    raise RuntimeError(f"a change did not reach the screen within {GIVE_UP:.0f} s")
                await asyncio.sleep(0.001)
            times.append(time.perf_counter() - sent)
            await pilot.pause(rng.uniform(0.05, 1.0))  # as analysts' changes come: at any moment of a second
        writer.close()
    return times


def line(name: str, seconds: list[float]) -> str:
    return f"{name:<52} median {statistics.median(seconds) * 1000:8.1f} ms   max {max(seconds) * 1000:8.1f} ms   ({len(seconds)} runs)"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    options = parser.parse_args()
    server = PostgresServer.start()
    try:
        url = server.url(server.create_database())
        woken = asyncio.run(to_screen(url, options.runs, woken=True))
        polling = asyncio.run(to_screen(url, max(5, options.runs // 2), woken=False))
        follow = reach(url, options.runs)
        notify = postgres_notify(server.url(server.create_database()), options.runs)
    finally:
        server.stop()
    print(line("another analyst's tag on screen, woken by NOTIFY", woken))
    print(line("the same, polling every second (no wake-up)", polling))
    print(line("apply -> follow's callback on another handle", follow))
    print(line("raw NOTIFY round trip", notify))
    left = [thread.name for thread in threading.enumerate() if thread.name == "brief: listen for other Briefs" and thread.is_alive()]
    if left:
        print(f"warning: {len(left)} listening thread(s) still running", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
