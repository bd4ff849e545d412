"""Feeds: each format read, hostile feeds refused in one line, OPML both ways, and `fetch` end to end.

Feeds and pages are served by the test's own server on 127.0.0.1.
"""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest

from briefings.cleaning import ReadError
from briefings.web.feeds import parse_feed
from briefings.web.fetching import Fetcher, FetchPolicy
from briefings.web.opml import FeedEntry, read_opml, write_opml
from store import Library
from store.feeds import FeedStore
from store.fetch import fetch_feeds
from tests.tools.web_content import BILLION_LAUGHS, Item, atom, headline, page, rss10, rss20, rss091, story
from tests.tools.web_server import WebServer

pytestmark = pytest.mark.unit

FAST = FetchPolicy(timeout=3.0, deadline=15.0, backoff=0.01)
MARCH = [dt.datetime(2024, 3, day, 9, 30, tzinfo=dt.UTC) for day in range(1, 29)]
ITEMS = [
    Item("Older story", "http://127.0.0.1/old", "id-old", MARCH[1], "Ann Writer", "An older one."),
    Item("Newest story", "http://127.0.0.1/new", "id-new", MARCH[4], "Bo Reporter", "The newest one."),
]


@pytest.mark.parametrize(
    ("build", "version"),
    [(rss20, "rss20"), (rss10, "rss10"), (atom, "atom10"), (rss091, "rss091n")],
)
def test_each_feed_format_is_read(build: object, version: str) -> None:
    data = build("World news", ITEMS).encode("utf-8")  # type: ignore[operator]
    feed = parse_feed(data, url="http://127.0.0.1/feed", content_type="application/xml")
    assert feed.title == "World news" and feed.version.startswith(version[:5])
    assert {item.title for item in feed.items} == {"Older story", "Newest story"}
    assert {item.link for item in feed.items} == {"http://127.0.0.1/old", "http://127.0.0.1/new"}
    if version != "rss091n":  # RSS 0.91 items carry neither dates nor authors
        assert [item.title for item in feed.items] == ["Newest story", "Older story"]  # newest first
        assert feed.items[0].date == dt.date(2024, 3, 5)


def test_items_keep_author_summary_and_a_stable_key() -> None:
    feed = parse_feed(rss20("World", ITEMS).encode(), url="http://127.0.0.1/feed")
    newest = feed.items[0]
    assert (newest.key, newest.author, newest.summary) == ("id-new", "Bo Reporter", "The newest one.")
    no_guid = parse_feed(rss20("World", [Item("T", "http://127.0.0.1/x")]).encode(), url="http://127.0.0.1/feed")
    assert no_guid.items[0].key == "http://127.0.0.1/x"


def test_markup_and_escapes_in_feed_text_are_plain_text() -> None:
    hostile = Item("<b>Bold</b> \x1b[2J title [/x] &amp; more", "http://127.0.0.1/h", summary="<script>alert(1)</script>Text")
    feed = parse_feed(rss20("Feed \x1b]8;;http://evil\x07name", [hostile]).encode(), url="http://127.0.0.1/feed")
    assert "\x1b" not in feed.title and "\x1b" not in feed.items[0].title
    assert feed.items[0].title == "Bold title [/x] & more"
    assert "alert" not in feed.items[0].summary


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "it is empty"),
        (b"Just some words, not XML at all.", "it is not XML"),
        (page("A page", story(1)).encode(), "it is a web page; look on it for the address of its feed"),
        (b'<?xml version="1.0"?><catalog><book>x</book></catalog>', "the XML is not a feed"),
        (b"\x89PNG\r\n\x1a\n" + bytes(64), "it is not XML"),
    ],
    ids=["empty", "text", "web-page", "other-xml", "image"],
)
def test_a_feed_that_is_not_a_feed_gets_one_line(data: bytes, reason: str) -> None:
    with pytest.raises(ReadError) as error:
        parse_feed(data, url="http://127.0.0.1/feed")
    assert str(error.value).startswith(f"http://127.0.0.1/feed: not an RSS or Atom feed ({reason}")


@pytest.mark.parametrize(
    ("declared", "encoding", "content_type", "charset"),
    [
        ("ISO-8859-1", "utf-8", "application/rss+xml", None),
        ("UTF-8", "cp1252", "application/rss+xml", None),
        ("UTF-8", "cp1252", "text/xml", "utf-8"),
        ("UTF-8", "utf-8", "text/xml", "iso-8859-1"),
    ],
    ids=["declares-latin1-sends-utf8", "declares-utf8-sends-cp1252", "server-says-utf8-sends-cp1252", "server-says-latin1-sends-utf8"],
)
def test_a_feed_with_a_wrong_charset_reads_right(declared: str, encoding: str, content_type: str, charset: str | None) -> None:
    text = rss20("Café Zürich news", [Item("Déjà vu in Zürich as fees rise by €12", "http://127.0.0.1/a")])
    data = text.replace('encoding="UTF-8"', f'encoding="{declared}"').encode(encoding)
    feed = parse_feed(data, url="http://127.0.0.1/feed", content_type=content_type, charset=charset)
    assert (feed.title, feed.items[0].title) == ("Café Zürich news", "Déjà vu in Zürich as fees rise by €12")


def test_an_entity_bomb_is_refused_at_once() -> None:
    started = time.perf_counter()
    with pytest.raises(ReadError, match=r"^http://127\.0\.0\.1/bomb: the feed declares XML entities \(EntitiesForbidden\); refusing it"):
        parse_feed(BILLION_LAUGHS.encode(), url="http://127.0.0.1/bomb")
    assert time.perf_counter() - started < 2  # refused from its prolog, never expanded


def test_a_feed_of_ten_thousand_items_is_read() -> None:
    items = [Item(f"Story {n}", f"http://127.0.0.1/s/{n}", f"g{n}", MARCH[n % 28]) for n in range(10_000)]
    feed = parse_feed(rss20("Big", items).encode(), url="http://127.0.0.1/big")
    assert len(feed.items) == 10_000 and feed.items[0].date == dt.date(2024, 3, 28)


def test_opml_round_trip_keeps_feeds_titles_and_tags() -> None:
    feeds = [
        FeedEntry("http://127.0.0.1/a", "Agency & wire", ("world", "wires")),
        FeedEntry("http://127.0.0.1/b", "Blog <b>", ()),
        FeedEntry("http://127.0.0.1/c?x=1&y=2", "Commerce", ("business",)),
    ]
    assert sorted(read_opml(write_opml(feeds).encode("utf-8"), "feeds.opml"), key=lambda feed: feed.url) == feeds


def test_opml_from_a_feed_reader_with_folders() -> None:
    data = b"""<?xml version="1.0"?><opml version="1.0"><head><title>newsboat</title></head><body>
      <outline text="Security"><outline text="Defence news" type="rss" xmlUrl="http://127.0.0.1/d"/>
        <outline text="Nested"><outline title="Deep" xmlUrl="http://127.0.0.1/deep"/></outline></outline>
      <outline text="Loose" xmlUrl="http://127.0.0.1/l" category="/Economy/Markets"/>
      <outline text="Duplicate" xmlUrl="http://127.0.0.1/d"/></body></opml>"""
    assert read_opml(data, "reader.opml") == [
        FeedEntry("http://127.0.0.1/d", "Defence news", ("Security",)),
        FeedEntry("http://127.0.0.1/deep", "Deep", ("Security", "Nested")),
        FeedEntry("http://127.0.0.1/l", "Loose", ("Economy", "Markets")),
    ]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (BILLION_LAUGHS.replace("rss", "opml").encode(), "declares XML entities"),
        (b"not xml", "not an OPML file (the XML cannot be read"),
        (b"<rss version='2.0'/>", "not an OPML file (it is XML, but its root is <rss>)"),
        (b"<opml><body><outline text='folder only'/></body></opml>", "lists no feed"),
    ],
    ids=["bomb", "not-xml", "not-opml", "no-feeds"],
)
def test_bad_opml_gets_one_line(data: bytes, message: str) -> None:
    with pytest.raises(ReadError, match=r"^bad\.opml: ") as error:
        read_opml(data, "bad.opml")
    assert message in str(error.value)


# `fetch` end to end, against the test's server


def serve_feed(web: WebServer, name: str, count: int, *, first: int = 0, etag: str | None = '"1"', dated: bool = True) -> str:
    items = []
    for number in range(first, first + count):
        path = f"/{name}/story-{number}"
        web.add(path, page(f"{name} story {number} about the harbour talks", story(number + hash(name) % 1000)))
        items.append(Item(f"{name} story {number}", web.url(path), f"{name}-{number}", MARCH[number % 28] if dated else None, "Dana Hack"))
    return web.add(f"/{name}.xml", rss20(f"{name.title()} News", items), content_type="application/rss+xml", etag=etag)


def fetch(library: Library, policy: FetchPolicy = FAST, **options: object) -> object:
    with Fetcher(policy) as fetcher:
        return fetch_feeds(library, fetcher, **options)  # type: ignore[arg-type]


def test_fetch_imports_new_items_with_their_metadata_into_the_inbox(web: WebServer, library_dir: Path) -> None:
    library = Library.open(library_dir)
    feeds = FeedStore(library)
    for name in ("alpha", "beta", "gamma"):
        feeds.add_feed(serve_feed(web, name, 3))
    report = fetch(library)
    assert report.failures == [] and report.count("imported") == 9  # type: ignore[attr-defined]
    entries = {entry.title: entry for entry in library.entries()}
    entry = entries["Alpha story 1 about the harbour talks"] if "Alpha story 1 about the harbour talks" in entries else entries["alpha story 1 about the harbour talks"]
    assert entry.source == "Alpha News"  # the page names no site: the feed's title is the source
    assert entry.date == "2024-03-02"  # the page has no date: the item's date
    assert entry.url == web.url("/alpha/story-1")
    briefing = library.load(entry.id)
    assert briefing.article.byline == "Dana Hack"
    state = FeedStore(library).read()
    assert set(state.inbox) == {entry.id for entry in library.entries()}
    assert state.feeds[web.url("/alpha.xml")].title == "Alpha News" and state.feeds[web.url("/alpha.xml")].etag == '"1"'


def test_items_already_in_the_library_are_not_fetched_again(web: WebServer, library_dir: Path) -> None:
    library = Library.open(library_dir)
    url = serve_feed(web, "alpha", 3, etag=None)
    FeedStore(library).add_feed(url)
    fetch(library)
    assert web.hits["/alpha/story-0"] == 1
    serve_feed(web, "alpha", 4, etag=None)  # one more item, the old ones still listed
    report = fetch(library)
    assert report.count("imported") == 1  # type: ignore[attr-defined]
    assert [web.hits[f"/alpha/story-{n}"] for n in range(4)] == [1, 1, 1, 1]


def test_an_unchanged_feed_costs_one_conditional_request(web: WebServer, library_dir: Path) -> None:
    library = Library.open(library_dir)
    FeedStore(library).add_feed(serve_feed(web, "alpha", 2))
    fetch(library)
    report = fetch(library)
    assert report.unchanged == 1 and report.items == []  # type: ignore[attr-defined]
    assert web.conditional["/alpha.xml"] == 1


def test_a_page_already_imported_by_hand_is_not_fetched(web: WebServer, library_dir: Path) -> None:
    from store.fetch import import_page

    library = Library.open(library_dir)
    url = serve_feed(web, "alpha", 2)
    with Fetcher(FAST) as fetcher:
        assert import_page(library, fetcher, web.url("/alpha/story-0")).status == "imported"
    FeedStore(library).add_feed(url)
    fetch(library)
    assert web.hits["/alpha/story-0"] == 1 and web.hits["/alpha/story-1"] == 1


def test_hostile_feeds_and_pages_get_one_line_each_and_harm_nothing(web: WebServer, library_dir: Path) -> None:
    library = Library.open(library_dir)
    store = FeedStore(library)
    store.add_feed(serve_feed(web, "good", 2))
    fetch(library)
    before = {entry.id: entry.content_hash for entry in library.entries()}
    web.add("/bomb.xml", BILLION_LAUGHS, content_type="application/rss+xml")
    web.add("/text.xml", "this is not xml", content_type="text/plain")
    web.add("/loop.xml", status=302, headers={"Location": "/loop.xml"})
    web.add("/silent.xml", behaviour="hang")
    hostile_items = [
        Item("huge", web.add("/huge", b"x" * (50 * 1024 * 1024)), "h1"),
        Item("loop", web.add("/loop", status=301, headers={"Location": "/loop"}), "h2"),
        Item("image", web.add("/image", b"\x89PNG\r\n\x1a\n" + bytes(100), content_type="image/png"), "h3"),
        Item("empty", web.add("/empty", "<html><body><nav>Home</nav></body></html>"), "h4"),
    ]
    web.add("/hostile.xml", rss20("Hostile", hostile_items), content_type="application/rss+xml")
    for path in ("/bomb.xml", "/text.xml", "/loop.xml", "/silent.xml", "/hostile.xml"):
        store.add_feed(web.url(path))
    report = fetch(library, FetchPolicy(timeout=0.5, deadline=10.0, retries=0, backoff=0.01))
    failures = sorted(report.failures)  # type: ignore[attr-defined]
    assert len(failures) == 4 and all("\n" not in line for line in failures)
    assert any("declares XML entities" in line for line in failures)
    assert any("not an RSS or Atom feed (it is not XML)" in line for line in failures)
    assert any("redirects in a loop" in line for line in failures)
    assert any("no answer within 0.5 s" in line for line in failures)
    reasons = sorted(item.reason for item in report.items)  # type: ignore[attr-defined]
    assert len(reasons) == 4 and all(reason and "\n" not in reason for reason in reasons)
    assert any("too large (50 MB" in reason for reason in reasons)
    assert any("redirects in a loop" in reason for reason in reasons)
    assert any("not an article page (the server says it is image/png)" in reason for reason in reasons)
    assert any("no article text found" in reason for reason in reasons)
    assert {entry.id: entry.content_hash for entry in Library.open(library_dir).entries()} == before
    assert FeedStore(library).read().feeds[web.url("/bomb.xml")].error.endswith("as no feed needs them")


def test_a_failing_page_is_tried_again_then_given_up(web: WebServer, library_dir: Path) -> None:
    library = Library.open(library_dir)
    store = FeedStore(library)
    items = [Item("Gone", web.url("/gone"), "gone-1")]
    for number in range(5):
        web.add("/feed.xml", rss20("F", items + [Item(f"n{number}", web.url(f"/n{number}"), f"n{number}")]), content_type="application/rss+xml")
        store.add_feed(web.url("/feed.xml"))
        fetch(library)
    assert web.hits["/gone"] == 3  # MAX_TRIES, then seen as given up


def test_a_feed_of_ten_thousand_items_takes_the_newest(web: WebServer, library_dir: Path) -> None:
    library = Library.open(library_dir)
    items = [Item(f"Story {n}", web.url(f"/big/{n}"), f"b{n}", dt.datetime(2024, 1, 1, tzinfo=dt.UTC) + dt.timedelta(hours=n)) for n in range(10_000)]
    for n in range(9_950, 10_000):
        web.add(f"/big/{n}", page(headline(n), story(n)))
    web.add("/big.xml", rss20("Big", items), content_type="application/rss+xml")
    FeedStore(library).add_feed(web.url("/big.xml"))
    report = fetch(library)
    assert report.count("imported") == 50 and report.failures == []  # type: ignore[attr-defined]
    assert report.notes == ["Big: 10,000 new items; the newest 50 were taken, the others wait for the next fetch"]  # type: ignore[attr-defined]
    assert sum(web.hits[f"/big/{n}"] for n in range(9_950)) == 0


def test_fetching_a_feed_removed_meanwhile_keeps_it_removed(web: WebServer, library_dir: Path) -> None:
    library = Library.open(library_dir)
    store = FeedStore(library)
    url = serve_feed(web, "alpha", 1)
    store.add_feed(url)

    def remove_on_items(progress: object) -> None:
        if getattr(progress, "stage", "") == "items":
            store.remove_feed(url)

    fetch(library, on_progress=remove_on_items)
    assert url not in FeedStore(library).read().feeds


def test_a_damaged_feeds_file_is_quarantined_and_recovered(library_dir: Path) -> None:
    library = Library.open(library_dir)
    store = FeedStore(library)
    store.add_feed("http://127.0.0.1/one.xml", ["wires"])
    store.add_feed("http://127.0.0.1/two.xml")
    path = library_dir / "feeds.json"
    path.write_bytes(path.read_bytes() + b"\x00garbage from a torn write")
    reopened = Library.open(library_dir)
    state = FeedStore(reopened).read()
    assert list(state.feeds) == ["http://127.0.0.1/one.xml", "http://127.0.0.1/two.xml"]  # its last complete version
    assert any("feeds file" in warning and "quarantine" in warning for warning in reopened.warnings)
    assert len(list((library_dir / "quarantine").iterdir())) == 1
    assert FeedStore(reopened).read().feeds == state.feeds  # written back whole
