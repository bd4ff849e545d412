"""The library screen at 10,000 briefings: start-up, filter as you type, full-text search.

The library is built from the BBC articles in ../shared/eval/bbc-articles and the bundled sample,
each copied many times with a distinct title, source, date and one edited paragraph (so none is a
duplicate or an update of another), about a third partly reviewed and tagged, some with a summary
and a question. It goes in through the store API (`Library.add_briefing`), and the extraction
of each base article is cached for every copy, so the actors view has something to aggregate.
Building takes a few minutes; the result is kept under /tmp and reused by later runs.

Measured:
    start-up     `brief --library LIB` launched in a detached tmux session until the first
                 briefing row is on screen; reference: a bare Textual app painting one line,
                 launched the same way.
    first rows   the same, in process (Pilot): from creating the app to the table's rows painted.
    filter       a 10-character filter typed at typing speed (one key per 50 ms): per key, from
                 the key event to the first frame showing the rows that match; the final rows
                 are checked against a brute-force filter of the index (no dropped keys). Also
                 typed in one burst, with the same check. Reference: a key on a bare app.
    search       `Library.search` for a word, first (text index read) and warm, beside a scan of
                 every briefing file; and in the app, from Enter in the search prompt to the
                 results list painted (with the part spent in `Library.search`), first of the
                 session and then warm.
    actors       from `A` to every cached extraction tallied in the actors view (a worker).

Run: .venv/bin/python -m benchmarks.library_scale [--size 10000] [--runs 5] [--rebuild]
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from textual import events

from briefings.briefing import Annotation, Briefing, Question
from briefings.extraction import installed_pipeline, load_extractor
from briefings.model import Article, make_paragraphs
from briefings.readers import read_file
from briefings.summary import SourceGrade, Summary
from benchmarks.keys import CADENCE, BareApp, FrameClock, timed, timed_presses
from store import Library

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "briefings" / "samples" / "000_6ec8421da3f37b6e.txt"
BBC = ROOT.parent / "shared" / "eval" / "bbc-articles"
CACHE = Path("/tmp/brief-library-scale")
#: Bump when the built library changes, so that an old cached one is not reused.
BUILD_VERSION = 1
SOURCES = [
    "BBC News", "Reuters", "The Telegraph", "The Guardian", "Financial Times", "Associated Press",
    "Al Jazeera", "Le Monde", "Der Spiegel", "The Economist", "Politico", "Bloomberg", "NHK",
    "El País", "The Hindu", "ABC News", "CBC", "Deutsche Welle", "France 24", "Kyodo",
    "Yonhap", "Anadolu", "TASS", "Xinhua", "The Times", "The Independent", "Haaretz",
    "The Straits Times", "Dawn", "Daily Nation", "Folha", "Clarín", "The Age", "RNZ",
    "Irish Times", "Euronews", "Radio Free Europe",
]
EDITIONS = ["morning", "evening", "weekend", "update", "analysis", "live", "explainer", "digest", "brief", "wire"]
TAGS = ("fact", "claim", "military", "diplomatic", "sourcing", "background")


def base_articles() -> list[Article]:
    """The BBC articles (when the evaluation data is here) and the bundled sample."""
    paths = sorted(BBC.rglob("*.txt")) if BBC.is_dir() else []
    return [read_file(path) for path in [*paths, SAMPLE]]


def variant(number: int, base: Article, rng: random.Random) -> Briefing:
    """A distinct briefing made from a base article: title, source, date and one paragraph changed.

    Dates are a day apart in order, so that two copies of one base from one source are always
    more than a month apart and the store never takes one for an update of the other.
    """
    texts = [paragraph.text for paragraph in base.paragraphs]
    edited = number % len(texts)
    texts[edited] = f"{texts[edited]} (Report {number}, {EDITIONS[number % len(EDITIONS)]} edition.)"
    article = Article(
        title=f"{base.title}: {EDITIONS[number % len(EDITIONS)]} {number}",
        paragraphs=make_paragraphs(texts),
        source=SOURCES[number % len(SOURCES)],
        date=dt.date(1995, 1, 1) + dt.timedelta(days=number),
        origin=f"variant-{number}.txt",
    )
    briefing = Briefing(id="", article=article, imported="2025-01-01T00:00:00+00:00")
    count = len(texts)
    if number % 3 == 0:
        for index in range(rng.randrange(count + 1)):
            tags = frozenset(rng.sample(TAGS, rng.randrange(3)))
            briefing.annotations[index] = Annotation(tags, "", True)
    if number % 7 == 0:
        briefing.summary = Summary(bluf=f"Bottom line for report {number}.", grade=SourceGrade("ABCDEF"[number % 6], "123456"[number % 6]))
    if number % 11 == 0:
        question = Question(f"q{number}", f"Who confirmed report {number}?", paragraph=number % count)
        briefing.questions[question.id] = question
    briefing.updated = briefing.imported
    return briefing


def build_library(size: int, folder: Path) -> Path:
    """A library of `size` briefings in `folder` (built once, then reused while its marker says so)."""
    library_path = folder / "library"
    marker = folder / "built.json"
    wanted = {"size": size, "version": BUILD_VERSION, "pipeline": installed_pipeline()}
    if marker.exists() and json.loads(marker.read_text()) == wanted:
        return library_path
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    bases = base_articles()
    print(f"Building a library of {size:,} briefings from {len(bases)} articles in {library_path} (once)…", file=sys.stderr)
    started = time.perf_counter()
    extractor = load_extractor()
    extractions = [extractor.extract(base) for base in bases]
    library = Library.open(library_path)
    rng = random.Random(20250101)
    for number in range(size):
        base = number % len(bases)
        briefing = variant(number, bases[base], rng)
        result = library.add_briefing(briefing)
        if result.status != "imported":
            raise RuntimeError(f"variant {number} was taken for {result.status}: make the variants more distinct")
        # The edit appends to one paragraph, so the base's mentions still point at the right text.
        library.save_extraction(briefing.article.content_hash, extractions[base].pipeline, extractions[base])
        if (number + 1) % 1000 == 0:
            print(f"  {number + 1:,} in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    marker.write_text(json.dumps(wanted))
    return library_path


# ----------------------------------------------------------------- start-up in a terminal


def tmux_time_to(command: list[str], pattern: re.Pattern[str], timeout: float = 30) -> float:
    """Seconds from starting `command` in a detached tmux session until `pattern` is on screen."""
    socket = f"brief-scale-{uuid.uuid4().hex[:8]}"
    tmux = ["tmux", "-L", socket]
    started = time.perf_counter()
    subprocess.run([*tmux, "new-session", "-d", "-x", "160", "-y", "45", "env", "TERM=xterm-256color", *command], check=True)
    try:
        while time.perf_counter() - started < timeout:
            screen = subprocess.run([*tmux, "capture-pane", "-p"], capture_output=True, text=True).stdout
            if pattern.search(screen):
                return time.perf_counter() - started
            time.sleep(0.005)
    finally:
        subprocess.run([*tmux, "kill-server"], capture_output=True)
    raise RuntimeError(f"{command} did not show {pattern.pattern!r} within {timeout} s")


def terminal_startup(library: Path, size: int, runs: int) -> tuple[float, float] | None:
    """Median seconds to the first rows of `brief`, and to a bare app's first line, in tmux."""
    if shutil.which("tmux") is None:
        return None
    brief = Path(sys.executable).parent / "brief"
    rows = re.compile(rf"{size:,} briefings.*\n(?:.*\n)*.*\d+/\d+")
    bare, ours = [], []
    for _ in range(runs):
        bare.append(tmux_time_to([sys.executable, str(ROOT / "benchmarks" / "bare_app.py"), "bare app ready"], re.compile("bare app ready")))
        ours.append(tmux_time_to([str(brief), "--library", str(library)], rows))
    return statistics.median(ours), statistics.median(bare)


# ----------------------------------------------------------------- in the app (headless)


async def first_frame_after(clock: FrameClock, moment: float, timeout: float = 10) -> float:
    """The time of the first frame handed to the terminal after `moment`."""
    deadline = time.perf_counter() + timeout
    while not (clock.frames and clock.frames[-1] > moment):
        if time.perf_counter() > deadline:
            raise RuntimeError("no frame")
        await asyncio.sleep(0)
    return next(frame for frame in clock.frames if frame > moment)


async def wait_until(condition: Callable[[], object], timeout: float = 30) -> float:
    """Poll the event loop until `condition()` holds; the time it did."""
    deadline = time.perf_counter() + timeout
    while not condition():
        if time.perf_counter() > deadline:
            raise RuntimeError("timed out")
        await asyncio.sleep(0)
    return time.perf_counter()


def expected_rows(library: Library, query: str) -> set[str]:
    """The briefings a filter should keep, computed apart from the screen's code."""
    words = query.casefold().split()
    return {e.id for e in library.entries() if all(w in f"{e.title}\n{e.source}".casefold() for w in words)}


@dataclass
class AppFigures:
    """What was measured in the app."""

    first_rows: float
    bare_first_frame: float
    typed_keys: list[float]
    burst_total: float
    bare_key: float
    search_to_results: list[float]
    search_in_store: list[float]
    actors_tally: float
    actor_count: int


async def measure_in_app(library_path: Path, query: str, search_words: list[str]) -> AppFigures:
    from tui.app import BriefApp, Startup
    from tui.screens.actors_view import ActorsView
    from tui.screens.library import LibraryScreen
    from tui.screens.library_search import SearchResults

    # The reference first, while the process is as fresh as for the app.
    bare_app = timed(BareApp)()
    started = time.perf_counter()
    async with bare_app.run_test(size=(160, 45)) as pilot:
        bare_first = await first_frame_after(bare_app.frame_clock, started) - started
        await pilot.pause(0.2)
        bare_key = await timed_presses(pilot, bare_app.frame_clock, "j", 30)

    library = Library.open(library_path)
    app = timed(BriefApp)(Startup(library_path))
    started = time.perf_counter()
    async with app.run_test(size=(160, 45)) as pilot:
        clock = app.frame_clock
        shown = await wait_until(lambda: isinstance(app.screen, LibraryScreen) and app.screen.loaded and app.screen.table.row_count > 0)
        first_rows = await first_frame_after(clock, shown) - started
        screen = app.screen
        await pilot.pause(0.3)

        # Record when each filter value has been applied to the table.
        applied: dict[str, float] = {}
        refilter = screen._refilter

        def recording(keep: str | None = None, *, same_rows: bool = True) -> None:
            refilter(keep, same_rows=same_rows)
            applied[screen.filter_input.value] = time.perf_counter()

        screen._refilter = recording  # type: ignore[method-assign]

        async def type_filter(cadence: float | None) -> tuple[list[float], float]:
            await pilot.press("escape", "f")
            await pilot.pause(0.2)
            latencies = []
            first_sent = time.perf_counter()
            for number, char in enumerate(query, 1):
                sent = time.perf_counter()
                app._driver.send_message(events.Key(char if char != " " else "space", char))  # type: ignore[union-attr]
                if cadence is not None:
                    done = await wait_until(lambda n=number: query[:n] in applied)
                    latencies.append(await first_frame_after(clock, done) - sent)
                    await asyncio.sleep(cadence)
            done = await wait_until(lambda: query in applied)
            total = await first_frame_after(clock, done) - first_sent
            got = {row.key for row in screen.table.rows}
            if screen.filter_input.value != query or got != expected_rows(library, query):
                raise RuntimeError(f"keys dropped or filter wrong: typed {query!r}, box holds {screen.filter_input.value!r}")
            applied.clear()
            return latencies, total

        typed, _ = await type_filter(CADENCE)
        _, burst = await type_filter(None)
        await pilot.press("escape", "escape")

        # Full-text search: Enter in the prompt to the results painted; the first search of the
        # session reads the text index, the next ones search memory.
        search_times: list[float] = []
        store_times: list[float] = []
        search = app.desk.library.search

        def timed_search(words: str, limit: int = 200) -> list:
            started = time.perf_counter()
            found = search(words, limit)
            store_times.append(time.perf_counter() - started)
            return found

        app.desk.library.search = timed_search  # type: ignore[method-assign]
        for word in search_words:
            await pilot.press("slash", *word)
            await pilot.pause(0.2)
            sent = time.perf_counter()
            app._driver.send_message(events.Key("enter", "\r"))  # type: ignore[union-attr]
            shown = await wait_until(lambda: isinstance(app.screen, SearchResults) and bool(app.screen.query("#hits")) and app.screen.query_one("#hits").row_count > 0)
            search_times.append(await first_frame_after(clock, shown) - sent)
            await pilot.press("escape")
            await pilot.pause(0.2)

        # Actors across the library.
        await pilot.pause(0.2)
        sent = time.perf_counter()
        await pilot.press("A")
        await wait_until(lambda: isinstance(app.screen, ActorsView) and app.screen.tally is not None, timeout=300)
        actors_tally = time.perf_counter() - sent
        actor_count = len(app.screen.tally.actors)

    return AppFigures(first_rows, bare_first, typed, burst, bare_key, search_times, store_times, actors_tally, actor_count)


# ----------------------------------------------------------------- search in the store


def measure_search(library_path: Path, word: str, rare: str) -> dict[str, float]:
    """Seconds for `Library.search`: first in a fresh Library, then warm; and a brute-force scan."""
    library = Library.open(library_path)
    started = time.perf_counter()
    library.search(word)
    first = time.perf_counter() - started
    warm = []
    for query in (word, rare, f"{word} {rare}") * 5:
        started = time.perf_counter()
        library.search(query)
        warm.append(time.perf_counter() - started)
    # The reference: what a search would cost without the text index, reading every briefing.
    started = time.perf_counter()
    needle = word.casefold()
    for entry in library.entries():
        briefing = library.load(entry.id)
        any(needle in paragraph.text.casefold() for paragraph in briefing.article.paragraphs)
    scan = time.perf_counter() - started
    return {"first": first, "warm": statistics.median(warm), "scan": scan}


# ----------------------------------------------------------------- report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5, help="tmux start-up runs")
    parser.add_argument("--rebuild", action="store_true", help="build the library again")
    arguments = parser.parse_args()
    folder = CACHE / str(arguments.size)
    if arguments.rebuild:
        shutil.rmtree(folder, ignore_errors=True)
    library_path = build_library(arguments.size, folder)
    library = Library.open(library_path)
    pick = library.entries()[len(library.entries()) // 2]
    number = pick.title.rsplit(" ", 1)[-1]
    query = f"{pick.title.split()[0].casefold()[:9 - len(number)]} {number}"[:10]
    search_word, rare = "greenspan", number

    terminal = terminal_startup(library_path, arguments.size, arguments.runs)
    app = asyncio.run(measure_in_app(library_path, query, [search_word, "embassies", "gigapixel", number]))
    search = measure_search(library_path, search_word, rare)

    ms = 1000
    print(f"Library screen at {arguments.size:,} briefings, this machine ({os.cpu_count()} cores).")
    print(f"Filter typed: {query!r} (one key every {CADENCE * ms:.0f} ms; final rows checked against the index).")
    print()
    print("| measure | figure | reference (same run) | ratio | target |")
    print("|---|---|---|---|---|")
    if terminal is not None:
        ours, bare = terminal
        print(f"| start-up to rows, `brief` in tmux (median of {arguments.runs}) | {ours * ms:.0f} ms | bare Textual app {bare * ms:.0f} ms | {ours / bare:.1f}x | < 1000 ms |")
    print(f"| start-up to rows, in process (Pilot) | {app.first_rows * ms:.0f} ms | bare app {app.bare_first_frame * ms:.0f} ms | {app.first_rows / app.bare_first_frame:.1f}x | < 1000 ms |")
    typed = app.typed_keys
    print(
        f"| filter, key to rows on screen, median (max) of {len(typed)} keys | {statistics.median(typed) * ms:.1f} ms ({max(typed) * ms:.1f} ms) "
        f"| bare app key {app.bare_key * ms:.1f} ms | {statistics.median(typed) / app.bare_key:.1f}x | no dropped keys |"
    )
    print(f"| filter, {len(query)} keys in one burst to final rows (all keys applied, result checked) | {app.burst_total * ms:.0f} ms | | | no dropped keys |")
    print(f"| search `Library.search`, first (reads the text index) | {search['first'] * ms:.0f} ms | scan of every briefing file {search['scan'] * ms:.0f} ms | {search['first'] / search['scan']:.2f}x | < 200 ms |")
    print(f"| search `Library.search`, warm, median of 15 | {search['warm'] * ms:.0f} ms | | {search['warm'] / search['scan']:.3f}x | < 200 ms |")
    first_search, *later = app.search_to_results
    first_store, *later_store = app.search_in_store
    print(f"| search in the app, Enter to results on screen, first of the session | {first_search * ms:.0f} ms (`Library.search` {first_store * ms:.0f} ms) | | | < 200 ms |")
    print(
        f"| search in the app, Enter to results on screen, median of the next {len(later)} "
        f"| {statistics.median(later) * ms:.0f} ms (`Library.search` {statistics.median(later_store) * ms:.0f} ms) | | | < 200 ms |"
    )
    print(f"| actors view, all cached extractions tallied ({app.actor_count:,} actors) | {app.actors_tally * ms:.0f} ms | | | in a worker |")


if __name__ == "__main__":
    main()
