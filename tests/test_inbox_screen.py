"""The library's inbox, fetching and importing from the app, and the same story twice on screen.

Pilot tests: keys pressed, then the screen, the state and the files on disk checked. Feeds and
pages come from the test's server on 127.0.0.1.
"""

from __future__ import annotations

import pytest

import datetime as dt
import threading
from pathlib import Path

from briefings.readers import read_text
from briefings.web.fetching import Fetcher, FetchPolicy
from store import Desk, Library
from store.feeds import FeedStore
from store.fetch import fetch_feeds
from tests.pilot import make_app, open_library, open_review, screen_text, wait_for
from tests.test_similar import WIRE, outlet_copy
from tests.tools.make_pdf import report_pdf
from tests.tools.web_content import Item, headline, page, rss20, story
from tests.tools.web_server import WebServer
from tui.screens.dialogs import PickList, TextPrompt
from tui.screens.library import LibraryScreen
from tui.screens.review import ReviewScreen

pytestmark = pytest.mark.app

SIZE = (150, 36)


def serve_feed(web: WebServer, name: str, count: int, *, delay: float = 0.0) -> str:
    items = []
    for number in range(count):
        seed = number + 100 * ord(name[0])
        path = f"/{name}/{number}"
        web.add(path, page(headline(seed), story(seed)), delay=delay)
        items.append(Item(headline(seed), web.url(path), f"{name}-{number}", dt.datetime(2024, 3, 1 + number, tzinfo=dt.UTC)))
    return web.add(f"/{name}.rss", rss20(f"{name.title()} Wire", items), content_type="application/rss+xml")


def fetched_library(web: WebServer, library_dir: Path, feeds: int = 1, items: int = 3) -> Library:
    library = Library.open(library_dir)
    library.add_article(read_text("An article read last week\n\n" + "\n\n".join(story(1)), name="old.txt"))
    store = FeedStore(library)
    for name in ("alpha", "beta", "gamma")[:feeds]:
        store.add_feed(serve_feed(web, name, items))
    with Fetcher(FetchPolicy(timeout=5.0)) as fetcher:
        fetch_feeds(library, fetcher)
    return library


def library_screen(app: object) -> LibraryScreen:
    screen = app.screen  # type: ignore[attr-defined]
    assert isinstance(screen, LibraryScreen)
    return screen


async def test_the_inbox_counts_new_articles_shows_them_first_and_marks_them_read(web: WebServer, library_dir: Path) -> None:
    library = fetched_library(web, library_dir)
    new = set(FeedStore(library).read().inbox)
    app = make_app(library_dir)
    async with app.run_test(size=SIZE) as pilot:
        await open_library(pilot, 4)
        screen = library_screen(app)
        await wait_for(pilot, lambda: "3 new (i)" in screen_text(app), what="the count of new articles")
        rows = [row.key for row in screen._visible_rows]
        assert set(rows[:3]) == new  # new first
        assert screen_text(app).count("● ") == 3
        await pilot.press("i")  # the inbox alone
        assert {row.key for row in screen._visible_rows} == new and "inbox: 3 new articles" in screen_text(app)
        first = screen.table.cursor_key
        await pilot.press("r")  # read
        await wait_for(pilot, lambda: first not in FeedStore(Library.open(library_dir)).read().inbox, what="the mark saved")
        assert "inbox: 2 new articles" in screen_text(app) and len(screen._visible_rows) == 2
        await pilot.press("i", "escape")
        await wait_for(pilot, lambda: screen.table.row_count == 4, what="all rows again")
        screen.table.move_cursor(screen.table.position(first) or 0)
        await pilot.press("r")  # new again
        await wait_for(pilot, lambda: first in FeedStore(Library.open(library_dir)).read().inbox, what="new again on disk")
        opened = next(key for key in new if key != first)
        screen.table.move_cursor(screen.table.position(opened) or 0)
        await pilot.press("enter")  # opening reads it
        await open_review(pilot)
        await wait_for(pilot, lambda: opened not in FeedStore(Library.open(library_dir)).read().inbox, what="opened is read")
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, LibraryScreen) and "2 new (i)" in screen_text(app), what="two new left")


async def test_fetching_runs_in_a_worker_while_the_analyst_reads(web: WebServer, library_dir: Path) -> None:
    library = Library.open(library_dir)
    library.add_article(read_text("An article read last week\n\n" + "\n\n".join(story(1)), name="old.txt"))
    library.add_article(read_text("Another one\n\n" + "\n\n".join(story(2)), name="other.txt"))
    store = FeedStore(library)
    for name in ("alpha", "beta", "gamma"):  # three feeds, pages that take a while to answer
        store.add_feed(serve_feed(web, name, 2, delay=0.3))
    app = make_app(library_dir)
    async with app.run_test(size=SIZE) as pilot:
        await open_library(pilot, 2)
        screen = library_screen(app)
        await pilot.press("F")
        await wait_for(pilot, lambda: "fetching articles" in screen_text(app) or "reading feeds" in screen_text(app), what="the fetch under way")
        before = screen.table.cursor_row
        await pilot.press("down")  # the screen answers while the worker fetches
        assert screen.table.cursor_row == before + 1 and screen.fetching
        await wait_for(pilot, lambda: screen.table.row_count == 8, what="the fetched articles listed")
        await wait_for(pilot, lambda: "6 new (i)" in screen_text(app), what="six new")
    assert len(FeedStore(Library.open(library_dir)).read().inbox) == 6


async def test_fetch_is_in_the_palette(web: WebServer, library_dir: Path) -> None:
    from tui.commands import BriefCommands

    Library.open(library_dir).add_article(read_text("An article\n\n" + "\n\n".join(story(1)), name="a.txt"))
    app = make_app(library_dir)
    async with app.run_test(size=SIZE) as pilot:
        await open_library(pilot, 1)
        titles = [title for title, _, _ in BriefCommands(app.screen)._commands()]
        assert "library: fetch feeds" in titles and "library: import…" in titles and "library: inbox" in titles


async def test_import_a_pdf_and_a_web_address_typed_in(web: WebServer, library_dir: Path, tmp_path: Path) -> None:
    Library.open(library_dir).add_article(read_text("An article\n\n" + "\n\n".join(story(1)), name="a.txt"))
    pdf = tmp_path / "review.pdf"
    pdf.write_bytes(report_pdf(story(3) * 3, title="Annual review of port security"))
    url = web.add("/story", page("Harbour talks resume after storm", story(4), site="Daily Port"))
    app = make_app(library_dir)
    async with app.run_test(size=SIZE) as pilot:
        await open_library(pilot, 1)
        screen = library_screen(app)
        for typed, rows, title in ((str(pdf), 2, "Annual review of port security"), (url, 3, "Harbour talks resume after storm")):
            await pilot.press("plus")
            assert isinstance(app.screen, TextPrompt)
            await pilot.press(*typed, "enter")
            await wait_for(pilot, lambda rows=rows: screen.table.row_count == rows, what=f"{typed} imported")
            await wait_for(pilot, lambda title=title: screen.table.rows[screen.table.cursor_row].entry.title == title, what="the cursor on it")
        await pilot.press("plus", *"/no/such/file.pdf", "enter")
        await wait_for(pilot, lambda: any("no such file" in str(n.message) for n in app._notifications), what="one line for a missing file")
    entries = {entry.title: entry for entry in Library.open(library_dir).entries()}
    assert entries["Harbour talks resume after storm"].url == url
    assert Library.open(library_dir).load(entries["Annual review of port security"].id).article.paragraphs[0].page == 1


async def test_the_same_story_is_shown_and_filed_as_one_briefing(library_dir: Path) -> None:
    from briefings.edits import AddTag, SetNote

    library = Library.open(library_dir)
    older = library.add_article(read_text(outlet_copy("Ceasefire talks resume", "Reuters", WIRE), name="reuters.txt")).id
    library.apply_all(older, [AddTag(3, "fact"), SetNote(3, "check the envoy's name")])
    newer = library.add_article(read_text(outlet_copy("Talks back on, officials say", "The Daily", WIRE, outro="More on our site."), name="daily.txt")).id
    library.add_article(read_text(outlet_copy("Harvest fails in the north", "Reuters", story(9, paragraphs=8)), name="harvest.txt"))
    app = make_app(library_dir)
    async with app.run_test(size=SIZE) as pilot:
        await open_library(pilot, 3)
        screen = library_screen(app)
        await wait_for(pilot, lambda: screen.inbox_state.groups is not None, what="near-duplicates looked for")
        screen.table.move_cursor(screen.table.position(newer) or 0)
        await wait_for(pilot, lambda: "≈ Also reported by Reuters (“Ceasefire talks resume”)" in screen_text(app), what="the line below the table")
        assert sorted(row.same_story for row in screen._rows) == [False, True, True]
        await pilot.press("enter")
        review = await open_review(pilot)
        await wait_for(pilot, lambda: "≈ Also reported by Reuters" in screen_text(app), what="the bar above the article")
        await pilot.press("V")
        assert isinstance(app.screen, PickList)
        await pilot.press("enter")  # the first choice: file as a new version
        await wait_for(
            pilot,
            lambda: isinstance(app.screen, ReviewScreen) and app.screen.briefing_id == older and app.screen.briefing is not None,
            what=f"the briefing that remains (notices: {[str(n.message) for n in app._notifications]}, screen {app.screen})",
        )
        assert review is not app.screen
    remaining = Library.open(library_dir)
    assert {entry.title for entry in remaining.entries()} == {"Talks back on, officials say", "Harvest fails in the north"}
    filed = remaining.load(older)
    assert filed.annotation(3).tags == {"fact"} and filed.annotation(3).note == "check the envoy's name"


async def test_keeping_apart_is_remembered_on_screen(library_dir: Path) -> None:
    library = Library.open(library_dir)
    library.add_article(read_text(outlet_copy("Ceasefire talks resume", "Reuters", WIRE), name="reuters.txt"))
    newer = library.add_article(read_text(outlet_copy("Talks back on", "The Daily", WIRE), name="daily.txt")).id
    app = make_app(library_dir)
    async with app.run_test(size=SIZE) as pilot:
        await open_library(pilot, 2)
        screen = library_screen(app)
        await wait_for(pilot, lambda: screen.inbox_state.groups is not None, what="near-duplicates looked for")
        screen.table.move_cursor(screen.table.position(newer) or 0)
        await pilot.press("V")
        assert isinstance(app.screen, PickList)
        await pilot.press("down", "enter")  # keep apart
        await wait_for(pilot, lambda: "kept apart" in screen_text(app), what="kept apart shown")
    assert len(FeedStore(Library.open(library_dir)).read().apart) == 1


async def test_open_a_web_address_shows_the_fetched_article(web: WebServer, library_dir: Path) -> None:
    """`brief open https://…`: the command line fetches and reads the page, the app imports and shows it."""
    from tui.app import BriefApp, Startup
    from tui.cli_fetch import fetch_article

    url = web.add("/story", page("Harbour talks resume after storm", story(4), site="Daily Port"))
    app = BriefApp(Startup(library_dir, None, fetch_article(url)))
    async with app.run_test(size=SIZE) as pilot:
        review = await open_review(pilot)
        assert review.briefing is not None and review.briefing.article.url == url
        assert "Harbour talks resume after storm" in screen_text(app)
    assert [entry.url for entry in Library.open(library_dir).entries()] == [url]


async def test_a_read_of_the_inbox_begun_before_a_mark_does_not_undo_it(web: WebServer, library_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The near-duplicates come late (indexing them is slow the first time) in a message that also
    carries the inbox as it was read before: an article marked read meanwhile stays read."""
    fetched_library(web, library_dir)
    indexed = threading.Event()
    groups_of = Desk.same_story_groups

    def slow_groups(desk: Desk) -> dict[str, list[str]]:
        indexed.wait(timeout=60)
        return groups_of(desk)

    monkeypatch.setattr(Desk, "same_story_groups", slow_groups)
    app = make_app(library_dir)
    async with app.run_test(size=SIZE) as pilot:
        await open_library(pilot, 4)
        screen = library_screen(app)
        await wait_for(pilot, lambda: "3 new (i)" in screen_text(app), what="the count of new articles")
        await pilot.press("i", "r")  # the inbox alone; its first article, read
        assert "inbox: 2 new articles" in screen_text(app)
        indexed.set()
        await wait_for(pilot, lambda: screen.inbox_state.groups is not None, what="the near-duplicates")
        await pilot.pause()
        assert len(screen.inbox_state.inbox) == 2 and "inbox: 2 new articles" in screen_text(app)
