"""Key latency on the review screen for long documents, beside a bare Textual app in the same run.

For articles of 100, 1,000 and 20,000 paragraphs this measures, headless (Textual's Pilot):

- mount: from opening the briefing to the article laid out and painted;
- j, k: moving the paragraph cursor;
- tag: toggling a tag (the change is applied, queued for saving and redrawn);
- undo: undoing that toggle.

Each figure is the median time from a key event entering the app to the next frame being ready
for the terminal (the app's display call), with keys arriving every 50 ms as from a fast typist.
The reference is the same measure on a bare app whose key changes one line of text. Extraction
results are put in the cache beforehand so that spaCy does not run during the measurement (its
cost is measured in benchmarks/extraction_eval.py); the save queue does run, as in real use.

Run: .venv/bin/python -m benchmarks.keys [--presses N]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from pathlib import Path
from typing import TypeVar

from textual import events
from textual.app import App, ComposeResult
from textual.pilot import Pilot
from textual.widgets import Static

from briefings.extraction import installed_pipeline
from briefings.extraction.model import Extraction
from briefings.model import Article, make_paragraphs
from store import Library
from tui.app import BriefApp, Startup
from tui.screens.review import ReviewScreen

SAMPLE = Path(__file__).resolve().parent.parent / "briefings" / "samples" / "000_6ec8421da3f37b6e.txt"
SIZES = (100, 1_000, 20_000)
AppType = TypeVar("AppType", bound=App)


#: Seconds between key presses.
CADENCE = 0.05


class BareApp(App[None]):
    """The reference: one line of text that a key changes."""

    BINDINGS = [("j", "count", "")]

    def compose(self) -> ComposeResult:
        yield Static("0")

    def action_count(self) -> None:
        static = self.query_one(Static)
        static.update(str(int(str(static.render())) + 1))


class FrameClock:
    """Records when an app hands a frame to the terminal driver (see `timed`)."""

    def __init__(self) -> None:
        self.frames: list[float] = []

    async def key_to_frame(self, app: App, key: str) -> float:
        """Seconds from sending `key` to the next frame."""
        started = time.perf_counter()
        app._driver.send_message(events.Key(key, key if len(key) == 1 else None))  # type: ignore[union-attr]
        deadline = started + 5
        while not (self.frames and self.frames[-1] > started):
            if time.perf_counter() > deadline:
                raise RuntimeError(f"no frame within 5 s of pressing {key!r}")
            await asyncio.sleep(0)
        return self.frames[-1] - started


def timed(app_class: type[AppType]) -> type[AppType]:
    """A subclass of `app_class` whose instances have a `frame_clock` recording each frame."""

    class Timed(app_class):  # type: ignore[valid-type, misc]
        def __init__(self, *args: object, **kwargs: object) -> None:
            super().__init__(*args, **kwargs)
            self.frame_clock = FrameClock()

        def _display(self, screen, renderable):  # type: ignore[no-untyped-def]
            if renderable is not None:
                self.frame_clock.frames.append(time.perf_counter())
            super()._display(screen, renderable)

    return Timed


def article_of(paragraph_count: int) -> Article:
    """A long article built from the sample's paragraphs, each one made distinct."""
    body = [block for block in SAMPLE.read_text(encoding="utf-8").split("\n\n")[1:] if block.strip()]
    texts = [f"({n}) {body[n % len(body)]}" for n in range(paragraph_count)]
    return Article(title=f"Benchmark article of {paragraph_count} paragraphs", paragraphs=make_paragraphs(texts))


async def timed_presses(pilot: Pilot, clock: FrameClock, key: str, count: int) -> float:
    """Median seconds from key to frame over `count` presses at the typing cadence."""
    times = []
    for _ in range(count):
        times.append(await clock.key_to_frame(pilot.app, key))
        await asyncio.sleep(CADENCE)
    return statistics.median(times)


async def measure_bare(presses: int) -> float:
    app = timed(BareApp)()
    async with app.run_test(size=(140, 45)) as pilot:
        clock = app.frame_clock
        await pilot.pause()
        return await timed_presses(pilot, clock, "j", presses)


async def measure_size(paragraph_count: int, presses: int, folder: Path) -> dict[str, float]:
    library = Library.open(folder / f"library-{paragraph_count}")
    article = article_of(paragraph_count)
    library.add_article(article)
    pipeline = installed_pipeline()
    library.save_extraction(article.content_hash, pipeline, Extraction(engine="none", pipeline=pipeline))
    app = timed(BriefApp)(Startup(library.path))
    async with app.run_test(size=(140, 45)) as pilot:
        clock = app.frame_clock
        # Open the briefing as the analyst does: Enter on its row in the library.
        while not (app.screen.query("#briefings") and app.screen.query_one("#briefings").row_count):
            await pilot.pause(0.01)
        await pilot.pause(0.1)
        started = time.perf_counter()
        await pilot.press("enter")
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        while screen.briefing is None or not clock.frames or clock.frames[-1] < started:
            await asyncio.sleep(0)
        result = {"mount": clock.frames[-1] - started}
        for name, key in (("j", "j"), ("k", "k"), ("tag", "2"), ("undo", "u")):
            result[name] = await timed_presses(pilot, clock, key, presses)
        app.desk.save_queue.flush(timeout=60)
    return result


async def main(presses: int) -> None:
    bare = await measure_bare(presses)
    rows = []
    with tempfile.TemporaryDirectory() as scratch:
        for size in SIZES:
            rows.append((size, await measure_size(size, presses, Path(scratch))))
    print(f"Key to frame on the review screen, median of {presses} presses every {CADENCE * 1000:.0f} ms (headless), this machine.")
    print(f"Reference: a bare Textual app whose key changes one line: {bare * 1000:.2f} ms.")
    print()
    print("| paragraphs | mount | j | k | tag | undo | tag ÷ bare |")
    print("|---|---|---|---|---|---|---|")
    for size, result in rows:
        ms = {key: value * 1000 for key, value in result.items()}
        print(
            f"| {size:,} | {ms['mount']:.0f} ms | {ms['j']:.1f} ms | {ms['k']:.1f} ms | {ms['tag']:.1f} ms "
            f"| {ms['undo']:.1f} ms | {result['tag'] / bare:.1f}x |"
        )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--presses", type=int, default=100)
    asyncio.run(main(parser.parse_args().presses))
