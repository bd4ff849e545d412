"""The desk's imports: files, folders, web addresses and feeds into the library, then extraction;
the inbox of articles not read yet, and the same story told twice.

Each file or page is read whole and checked before anything is written (see `store.batch` and
`store.fetch`), so one that fails is an outcome with its reason and harms nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from briefings.extraction import EXTRACT_LIMIT, installed_pipeline
from store.desk.extracting import shared_extractor

if TYPE_CHECKING:
    # What an import does is imported when it is done: opening a library for the first screen
    # needs none of it (issue 14, point 6).
    import threading

    from briefings.extraction import Extractor
    from briefings.model import Article
    from store.backend import ImportResult, LibraryStore
    from store.batch import Collected, ImportOutcome
    from store.bulk_extract import ExtractionReport
    from store.feeds import FeedState
    from store.fetch import FetchReport, ItemOutcome, Progress


class DeskImports:
    """Mixed into `store.desk.Desk`."""

    library: LibraryStore

    # ----------------------------------------------------------------- files and pages

    def collect(self, paths: Iterable[Path], *, recursive: bool = False) -> Collected:
        """The files an import of `paths` would read (the library itself left out)."""
        from store.batch import collect_files

        return collect_files(paths, recursive=recursive, exclude=[self.library.path])

    def import_files(self, files: Iterable[Path], on_outcome: Callable[[ImportOutcome], None] = lambda outcome: None) -> list[ImportOutcome]:
        """Import files one by one, each outcome reported as it happens."""
        from store.batch import import_files

        return import_files(self.library, files, on_outcome)

    def import_addresses(
        self,
        urls: Iterable[str],
        *,
        stop: threading.Event | None = None,
        on_page: Callable[[str], None] = lambda url: None,
        on_outcome: Callable[[ItemOutcome], None] = lambda outcome: None,
    ) -> list[ItemOutcome]:
        """Fetch pages by address and import their articles; each failure is an outcome.
        `on_page` hears each address before it is fetched, `on_outcome` what became of it."""
        from briefings.web.fetching import Fetcher
        from store.fetch import import_page

        outcomes = []
        with Fetcher(stop=stop) as fetcher:
            for url in urls:
                on_page(url)
                outcomes.append(import_page(self.library, fetcher, url))
                on_outcome(outcomes[-1])
        return outcomes

    def fetch_feeds(
        self,
        urls: Sequence[str] | None = None,
        *,
        timeout: float | None = None,
        stop: threading.Event | None = None,
        on_progress: Callable[[Progress], None] = lambda progress: None,
    ) -> FetchReport:
        """Read the feeds (all, or those in `urls`) and import what is new into the inbox."""
        from briefings.web.fetching import Fetcher, FetchPolicy
        from store.fetch import fetch_feeds

        with Fetcher(FetchPolicy(timeout=timeout) if timeout is not None else None, stop=stop) as fetcher:
            return fetch_feeds(self.library, fetcher, urls=urls, on_progress=on_progress)

    # ----------------------------------------------------------------- extraction in bulk

    def pending_extractions(self, briefing_ids: Iterable[str]) -> list[str]:
        """The briefings among these with no extraction cached yet (one per article content)."""
        from store.bulk_extract import pending_extractions

        return pending_extractions(self.library, briefing_ids, installed_pipeline())

    def extract_all(
        self,
        briefing_ids: Sequence[str],
        on_article: Callable[[Article], None] = lambda article: None,
        *,
        extractor: Extractor | None = None,
        limit: int = EXTRACT_LIMIT,
        on_words: Callable[[int, int], None] = lambda done, total: None,
    ) -> ExtractionReport:
        """Extract these briefings' articles in batches and cache each result (see
        `store.batch.extract_articles`); the shared extractor unless one is given."""
        from store.bulk_extract import extract_articles, load_articles

        return extract_articles(
            self.library, load_articles(self.library, briefing_ids), extractor or shared_extractor(), on_article, limit=limit, on_words=on_words
        )

    # ----------------------------------------------------------------- feeds and the inbox

    def feeds(self) -> FeedState:
        """The feeds followed, the items seen, the inbox and the pairs kept apart."""
        return self.library.read_feeds()

    def follow_feed(self, url: str, tags: Iterable[str] = (), title: str = "") -> bool:
        """Follow a feed; False when it was followed already (its tags are then added to)."""
        from store.feeds import add_feed

        return self.library.change_feeds(lambda state: add_feed(state, url, tags, title))

    def unfollow_feed(self, url: str) -> bool:
        """Stop following a feed (its articles stay); False if it was not followed."""
        from store.feeds import remove_feed

        return self.library.change_feeds(lambda state: remove_feed(state, url))

    def mark_read(self, briefing_ids: Iterable[str], read: bool = True) -> None:
        """Take briefings out of the inbox (`read`), or put them in it as arrived now."""
        from store.feeds import mark

        ids = list(dict.fromkeys(briefing_ids))
        if read and not set(ids) & self.library.read_feeds().inbox.keys():
            return
        self.library.change_feeds(lambda state: mark(state, ids, read))

    # ----------------------------------------------------------------- the same story twice

    def note_imports(self, briefing_ids: Iterable[str]) -> dict[str, list[str]]:
        """Index newly imported briefings; for each that is a story already in the library, the
        briefings it is the same story as."""
        return self.library.note_imports(briefing_ids)

    def same_story_as(self, briefing_id: str) -> list[str]:
        """The briefings telling the same story as this one (indexing it first if need be)."""
        return self.library.same_story_as(briefing_id)

    def same_story_groups(self) -> dict[str, list[str]]:
        """Every briefing's near-duplicates (slow the first time: call it from a worker)."""
        return self.library.same_story_groups()

    def kept_apart(self, first: str, second: str, apart: set[str]) -> bool:
        """Whether the analyst kept two briefings apart (`apart`: the feeds state's pairs)."""
        from store.similar import pair_key

        return pair_key(first, second) in apart

    def keep_apart(self, first: str, second: str) -> None:
        """Record that two briefings found alike are different stories to the analyst."""
        from store.similar import keep_apart

        keep_apart(self.library, first, second)

    def file_as_version(self, newer: str, existing: str) -> ImportResult:
        """File one briefing as a new version of the other (see `LibraryStore.file_as_version`)."""
        return self.library.file_as_version(newer, existing)
