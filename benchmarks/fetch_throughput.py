"""Fetch throughput: `fetch` against a server on 127.0.0.1, beside plain HTML import of the same pages.

The pages are the 24 real news pages of ../shared/eval/html-articles (made-up pages when it is
absent), served by a local server with a feed listing them. Measured, each into a new library,
median of `--runs` runs, extraction left out of both (it is the same work either way):

    fetch        `store.fetch.fetch_feeds`: the feed fetched and read, every page fetched (a few
                 at a time) and read by the HTML reader, metadata completed from the item, the
                 article imported and put in the inbox
    import       the same pages saved as files, imported by `store.batch.import_files`
                 (what `brief import --no-extract` does)

and, for the same story twice, in a library of `--scale` distinct made-up articles (a tenth of
them a second outlet's copy of the one before; built once, kept under /tmp): indexing every
briefing the first time, loading the index in a new process and listing every pair, and then
importing one article with and without looking for its near-duplicates.

Run: .venv/bin/python -m benchmarks.fetch_throughput [--runs 5] [--scale 10000]
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from briefings.readers import read_text
from briefings.web.fetching import Fetcher
from store import Library
from store.batch import import_files
from store.feeds import FeedStore
from store.fetch import fetch_feeds
from tests.tools.web_content import Item, headline, page, rss20, story
from tests.tools.web_server import WebServer

ROOT = Path(__file__).resolve().parent.parent
PAGES = ROOT.parent / "shared" / "eval" / "html-articles"


def pages() -> dict[str, bytes]:
    """The pages by id: the evaluation pages when present, else made-up ones."""
    if (PAGES / "ground-truth.json").is_file():
        ids = sorted(json.loads((PAGES / "ground-truth.json").read_text(encoding="utf-8")))
        return {page_id: gzip.decompress((PAGES / "html" / f"{page_id}.html.gz").read_bytes()) for page_id in ids}
    print("(../shared/eval/html-articles not found: made-up pages)")
    return {f"page{number}": page(headline(number), story(number, 12)).encode() for number in range(24)}


def time_fetch(web: WebServer, count: int) -> float:
    with tempfile.TemporaryDirectory() as folder:
        library = Library.open(Path(folder) / "lib")
        FeedStore(library).add_feed(web.url("/feed.xml"))
        started = time.perf_counter()
        with Fetcher() as fetcher:
            report = fetch_feeds(library, fetcher)
        seconds = time.perf_counter() - started
        assert report.count("failed") == 0 and len(report.items) == count, report
    return seconds


def time_import(files: list[Path]) -> float:
    with tempfile.TemporaryDirectory() as folder:
        library = Library.open(Path(folder) / "lib")
        started = time.perf_counter()
        outcomes = import_files(library, files)
        seconds = time.perf_counter() - started
        assert all(outcome.status != "failed" for outcome in outcomes)
    return seconds


def throughput(runs: int) -> None:
    found = pages()
    web = WebServer()
    try:
        items = [
            Item(f"Page {page_id}", web.add(f"/p/{page_id}", data), page_id, dt.datetime(2024, 3, 1, tzinfo=dt.UTC) + dt.timedelta(hours=n))
            for n, (page_id, data) in enumerate(found.items())
        ]
        web.add("/feed.xml", rss20("Benchmark", items), content_type="application/rss+xml")
        with tempfile.TemporaryDirectory() as folder:
            files = []
            for page_id, data in found.items():
                path = Path(folder) / f"{page_id}.html"
                path.write_bytes(data)
                files.append(path)
            time_import(files)  # warm: trafilatura and lxml imported, caches filled
            fetch = statistics.median(time_fetch(web, len(found)) for _ in range(runs))
            plain = statistics.median(time_import(files) for _ in range(runs))
    finally:
        web.stop()
    count = len(found)
    print(f"{count} pages, median of {runs} runs, extraction left out of both")
    print(f"  fetch (feed + pages from 127.0.0.1, read, imported): {count / fetch:6.1f} articles/s  ({fetch * 1000:.0f} ms)")
    print(f"  plain HTML import of the same pages from files:      {count / plain:6.1f} articles/s  ({plain * 1000:.0f} ms)")
    print(f"  fetch / import: {plain / fetch:.2f}x")


def build_library(size: int) -> Path:
    """A library of `size` distinct made-up articles (a tenth of them told twice), kept under /tmp."""
    folder = Path(f"/tmp/brief-near-duplicates-{size}")
    if (folder / "library" / "library.json").exists():
        return folder / "library"
    shutil.rmtree(folder, ignore_errors=True)
    library = Library.open(folder / "library")
    started = time.perf_counter()
    for number in range(size):
        paragraphs = story(number, 8)
        if number % 10 == 9:  # the story before, from another outlet
            paragraphs = ["From our correspondent: " + story(number - 1, 8)[0], *story(number - 1, 8)[1:]]
        library.add_article(read_text(f"{headline(number)}\n\n" + "\n\n".join(paragraphs), name=f"a{number}.txt"))
        if number % 1000 == 999:
            print(f"  {number + 1:,} in {time.perf_counter() - started:.0f} s", flush=True)
    return folder / "library"


def near_duplicates(size: int) -> None:
    from store.similar import SimilarIndex

    print(f"Building a library of {size:,} made-up articles (once)…", flush=True)
    built = build_library(size)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "lib"
        shutil.copytree(built, path)
        library = Library.open(path)
        started = time.perf_counter()
        SimilarIndex(library).sync()
        first = time.perf_counter() - started
        library = Library.open(path)
        index = SimilarIndex(library)
        started = time.perf_counter()
        groups = index.groups()
        load = time.perf_counter() - started
        plain, noted = [], []
        for number in range(20):
            article = read_text(f"Story {number}\n\n" + "\n\n".join(story(10 * size + number, 8)), name=f"new{number}.txt")
            started = time.perf_counter()
            result = library.add_article(article)
            middle = time.perf_counter()
            library.note_imports([result.id])
            noted.append(time.perf_counter() - middle)
            plain.append(middle - started)
    print(f"the same story twice, in a library of {size:,} briefings ({len(groups):,} of them in pairs)")
    print(f"  indexing every briefing the first time: {first:.1f} s")
    print(f"  loading the index in a new process and listing every pair: {load * 1000:.0f} ms")
    print(f"  one import, median of 20: {statistics.median(plain) * 1000:.1f} ms; looking for its near-duplicates adds {statistics.median(noted) * 1000:.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--scale", type=int, default=10_000, help="briefings in the near-duplicate library (0 skips it)")
    options = parser.parse_args()
    throughput(options.runs)
    if options.scale:
        near_duplicates(options.scale)


if __name__ == "__main__":
    main()
