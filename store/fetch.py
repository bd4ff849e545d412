"""`brief fetch` without a face: read every feed, fetch each new item's page, import the article.

Used by the command line and by the app's worker alike; headless (no textual, rich or click).
The work goes in two rounds, each a few connections at a time (`FetchPolicy.connections`):

1. Every feed is fetched with the ETag and Last-Modified of its last fetch (an unchanged feed
   answers "304 Not Modified" and costs nothing more) and read.
2. Each item not seen before, whose page is not in the library already (by address), is fetched
   and read as a saved page is (`briefings.web.pages`), its metadata completed from the item,
   and imported. At most `MAX_ITEMS_PER_FEED` items of a feed are taken in one fetch, newest first.

Each imported article goes into the inbox and its item is marked seen as soon as it is in the
library, so a fetch stopped half way loses nothing and repeats nothing. A feed's validators are
saved only once its items are done: were they saved first, a stop in between would leave items
that the next fetch, told "not modified", never sees. Every failure is one line.
"""

from __future__ import annotations

import concurrent.futures
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace

from briefings.briefing import now_iso
from briefings.cleaning import ReadError
from briefings.errors import BriefError
from briefings.model import Article
from briefings.readers import read_text
from briefings.web.feeds import Feed, FeedItem, parse_feed
from briefings.web.fetching import ACCEPT_FEED, FetchError, Fetcher, shown_address
from briefings.web.pages import article_from_response, with_item_metadata
from store.errors import StoreError
from store.feeds import FeedRecord, FeedState
from store.imports import normalise_url
from store.backend import ImportResult, LibraryStore

#: Items of one feed taken in one fetch: a first fetch of a feed listing 10,000 items brings the
#: newest, not a day's downloading.
MAX_ITEMS_PER_FEED = 50
#: An item without a link is imported from its summary when that has at least this many words.
MIN_SUMMARY_WORDS = 40


@dataclass(frozen=True, slots=True)
class ItemOutcome:
    """What became of one item (or one address given by hand).

    Attributes:
        feed: The feed's title or address ("" for an address given by hand).
        address: The page's address, or the item's title when it has none.
        status: "imported", "updated", "duplicate" or "failed".
        briefing_id: The briefing it is now, or None.
        reason: Why it failed, one line naming the address.
        orphans: Annotations an update could not re-attach.
    """

    feed: str
    address: str
    status: str
    briefing_id: str | None = None
    reason: str = ""
    orphans: int = 0


@dataclass(slots=True)
class FetchReport:
    """What a fetch did.

    Attributes:
        feeds: Feeds read.
        unchanged: Feeds that answered "not modified".
        failures: One line per feed that could not be fetched or read.
        notes: One line per thing worth knowing (items left for later).
        items: What became of each new item.
    """

    feeds: int = 0
    unchanged: int = 0
    failures: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    items: list[ItemOutcome] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for item in self.items if item.status == status)


@dataclass(frozen=True, slots=True)
class Progress:
    """A step of the work, for a progress bar: `stage` is "feeds" or "items"; `total` is known
    when the stage starts; `done` moves on by one per feed or item, `what` names it."""

    stage: str
    total: int
    done: int
    what: str = ""


@dataclass(slots=True)
class _FeedResult:
    """One feed's fetch: the feed read (None when unchanged or failed), the validators to send
    next time, and the failure."""

    record: FeedRecord
    feed: Feed | None = None
    etag: str | None = None
    last_modified: str | None = None
    error: str = ""


def import_page(library: LibraryStore, fetcher: Fetcher, url: str) -> ItemOutcome:
    """Fetch one page and import its article (`brief import https://…`); failures are outcomes."""
    try:
        result = library.add_article(article_from_response(fetcher.get(url)))
    except (BriefError, StoreError, OSError) as error:
        return ItemOutcome("", shown_address(url), "failed", reason=_reason(error, url))
    return ItemOutcome("", shown_address(url), result.status, result.id, orphans=result.orphans)


def fetch_feeds(
    library: LibraryStore,
    fetcher: Fetcher,
    *,
    urls: Iterable[str] | None = None,
    on_progress: Callable[[Progress], None] = lambda progress: None,
    max_items: int = MAX_ITEMS_PER_FEED,
) -> FetchReport:
    """Fetch the library's feeds (or those in `urls`) and import what is new; see the module docstring."""
    state = library.read_feeds()
    chosen = list(state.feeds.values()) if urls is None else [state.feeds[url] for url in urls if url in state.feeds]
    report = FetchReport(feeds=len(chosen))
    results = _read_feeds(fetcher, chosen, report, on_progress)
    known = {normalise_url(entry.url) for entry in library.entries() if entry.url}
    work: list[tuple[Feed, FeedRecord, FeedItem]] = []
    for result in results:
        if result.feed is None:
            continue
        feed, url = result.feed, result.record.url
        new = [item for item in feed.items if not state.is_seen(url, item.key) and not (item.link and normalise_url(item.link) in known)]
        if len(new) > max_items:
            name = feed.title or shown_address(url)
            report.notes.append(f"{name}: {len(new):,} new items; the newest {max_items} were taken, the others wait for the next fetch")
            new = new[:max_items]
        work += [(feed, result.record, item) for item in new]
    _fetch_items(library, fetcher, work, report, on_progress)
    library.change_feeds(lambda current: _save_feeds(current, results))
    return report


def _read_feeds(fetcher: Fetcher, records: list[FeedRecord], report: FetchReport, on_progress: Callable[[Progress], None]) -> list[_FeedResult]:
    """Fetch and read the feeds, a few at a time, in their order."""
    on_progress(Progress("feeds", len(records), 0))

    def read(record: FeedRecord) -> _FeedResult:
        result = _FeedResult(record, etag=record.etag, last_modified=record.last_modified)
        try:
            response = fetcher.get(record.url, accept=ACCEPT_FEED, etag=record.etag, last_modified=record.last_modified)
            result.etag = response.etag or record.etag
            result.last_modified = response.last_modified or record.last_modified
            if not response.not_modified:
                result.feed = parse_feed(response.content, url=response.url, content_type=response.content_type, charset=response.charset)
        except (FetchError, ReadError) as error:
            result.error = str(error)
        return result

    results = []
    with concurrent.futures.ThreadPoolExecutor(fetcher.policy.connections, thread_name_prefix="brief-feed") as pool:
        for done, result in enumerate(pool.map(read, records), start=1):
            results.append(result)
            if result.error:
                report.failures.append(result.error)
            elif result.feed is None:
                report.unchanged += 1
            on_progress(Progress("feeds", len(records), done, result.record.title or shown_address(result.record.url)))
    return results


def _fetch_items(
    library: LibraryStore,
    fetcher: Fetcher,
    work: list[tuple[Feed, FeedRecord, FeedItem]],
    report: FetchReport,
    on_progress: Callable[[Progress], None],
) -> None:
    """Fetch and read the items' pages a few at a time; import each as it comes, in this thread."""
    on_progress(Progress("items", len(work), 0))
    with concurrent.futures.ThreadPoolExecutor(fetcher.policy.connections, thread_name_prefix="brief-page") as pool:
        futures = {pool.submit(_read_item, fetcher, feed, item): (feed, record, item) for feed, record, item in work}
        for done, future in enumerate(concurrent.futures.as_completed(futures), start=1):
            feed, record, item = futures[future]
            address = item.link or item.title
            try:
                result: ImportResult | None = library.add_article(future.result())
                outcome = ItemOutcome(feed.title, address, result.status, result.id, orphans=result.orphans)
            except (BriefError, StoreError, OSError) as error:
                result, outcome = None, ItemOutcome(feed.title, address, "failed", reason=_reason(error, address))
            if fetcher.stop.is_set() and result is None:
                break  # stopped: what was not fetched is not a failure of the item
            _remember(library, record.url, item.key, result)
            report.items.append(outcome)
            on_progress(Progress("items", len(work), done, item.title or shown_address(address)))
        if fetcher.stop.is_set():
            for future in futures:
                future.cancel()


def _read_item(fetcher: Fetcher, feed: Feed, item: FeedItem) -> Article:
    """The article an item points to, or the item itself when it has no link but the text."""
    if item.link:
        return article_from_response(fetcher.get(item.link), item=item, feed_title=feed.title)
    if len(item.summary.split()) < MIN_SUMMARY_WORDS:
        raise ReadError(f"{item.title or 'an item'} ({feed.title}): the item has no link and no article text")
    article = read_text(item.summary, name=item.title or feed.title or "item")
    return with_item_metadata(article, feed.link, item, feed.title)


def _remember(library: LibraryStore, feed: str, key: str, result: ImportResult | None) -> None:
    """Mark the item seen (or count its failure) and put a new or changed article in the inbox."""

    def change(state: FeedState) -> None:
        state.record(feed, key, result.id if result is not None else None)
        if result is not None and result.status in ("imported", "updated"):
            state.inbox.setdefault(result.id, now_iso())

    library.change_feeds(change)


def _save_feeds(state: FeedState, results: list[_FeedResult]) -> None:
    """Record each feed's fetch: when, its failure, its title, and its validators for next time."""
    checked = now_iso()
    for result in results:
        current = state.feeds.get(result.record.url)
        if current is None:
            continue  # removed while fetching
        update = replace(current, checked=checked, error=result.error)
        if not result.error:
            update = replace(update, etag=result.etag, last_modified=result.last_modified)
        if result.feed is not None and result.feed.title:
            update = replace(update, title=result.feed.title)
        state.feeds[current.url] = update


def _reason(error: Exception, address: str) -> str:
    """One line naming the address: the fetcher's and the readers' messages name it already."""
    if isinstance(error, (FetchError, ReadError)):
        return str(error)
    return f"{shown_address(address)}: {error}"
