"""Time until the actors, numbers and questions panes are filled, from cache and computed.

Headless, in process: the bundled sample is opened on the review screen and the clock runs from
the moment the article is shown to the moment the panes hold the extraction. On a cache hit the
extraction is read from the library (spaCy is not imported); the cold case computes it, the
language model already loaded (its load time is measured in benchmarks/startup.py). The reference
is the plain cost of reading the cached result without any interface, measured in the same run.

Run: .venv/bin/python -m benchmarks.panes [--runs N]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from pathlib import Path

from briefings.extraction import installed_pipeline
from briefings.readers import read_file
from store import Library
from store.desk.extracting import shared_extractor
from tui.app import BriefApp, Startup
from tui.screens.review import ReviewScreen

SAMPLE = Path(__file__).resolve().parent.parent / "briefings" / "samples" / "000_6ec8421da3f37b6e.txt"


async def time_to_panes(library: Path) -> float:
    """Seconds from the article on screen to the panes filled."""
    app = BriefApp(Startup(library, SAMPLE))
    async with app.run_test(size=(140, 45)) as pilot:
        while not (isinstance(app.screen, ReviewScreen) and app.screen.briefing is not None):
            await asyncio.sleep(0.001)
        shown = time.perf_counter()
        screen = app.screen
        while screen.extraction is None:
            await asyncio.sleep(0.001)
        await pilot.pause(0)
        return time.perf_counter() - shown


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    runs = parser.parse_args().runs
    shared_extractor()  # the model loads once, outside the measurement
    with tempfile.TemporaryDirectory() as scratch:
        cached = Path(scratch) / "cached"
        asyncio.run(time_to_panes(cached))  # fills the cache
        hits = [asyncio.run(time_to_panes(cached)) for _ in range(runs)]
        colds = [asyncio.run(time_to_panes(Path(scratch) / f"cold-{n}")) for n in range(runs)]
        library = Library.open(cached)
        article = read_file(SAMPLE)
        reads = []
        for _ in range(runs):
            started = time.perf_counter()
            library.load_extraction(article.content_hash, installed_pipeline())
            reads.append(time.perf_counter() - started)
    print(f"Panes filled after the article is shown, median of {runs} runs (headless), this machine:")
    print()
    print("| case | panes filled | reference: reading the cached result alone |")
    print("|---|---|---|")
    print(f"| cache hit | {statistics.median(hits) * 1000:.0f} ms | {statistics.median(reads) * 1000:.1f} ms |")
    print(f"| computed (model loaded) | {statistics.median(colds) * 1000:.0f} ms | |")


if __name__ == "__main__":
    main()
