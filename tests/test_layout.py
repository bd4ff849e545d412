"""Every screen at 80x24 and at 220x60 (issue 13, point 9).

At 80x24 the columns that matter keep their width (the library's titles are not squeezed to a few
letters while other columns keep theirs), help and quit stay in the footer, the tag legend wraps;
at 220x60 the article's lines stay at a readable measure; `z` hides and shows the panes; below 72
columns the article and the panes take turns; the layout follows a resize.
"""

from __future__ import annotations

import pytest

import re
from pathlib import Path

from briefings.readers import read_file
from store import Library
from tests.conftest import SAMPLE
from tests.pilot import make_app, open_library, open_review, screen_text, wait_for
from tui.screens.review import ReviewScreen
from tui.widgets.panes import ActorsPane

pytestmark = pytest.mark.app

#: Longest article line a reader should meet, in characters.
MEASURE = 100


def article_lines(app) -> list[str]:
    """The article's lines of text on screen (between the article pane's borders)."""
    screen = app.screen
    assert isinstance(screen, ReviewScreen)
    view = screen.article_view
    region = view.scrollable_content_region  # without the scrollbar
    rows = screen_text(app).splitlines()[region.y : region.y + region.height]
    # Each line starts with the cursor's gutter (two columns), then the text.
    return [row[region.x + 2 : region.x + region.width].strip() for row in rows]


def footer(app) -> str:
    return screen_text(app).splitlines()[-1]


async def test_the_library_keeps_its_titles_readable_at_80x24(library_dir: Path) -> None:
    Library.open(library_dir).add_article(read_file(SAMPLE))
    app = make_app(library_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_library(pilot, 1)
        rows = screen_text(app).splitlines()
        header = next(row for row in rows if "Title" in row and "Date" in row)
        title_width = header.index("Source") - header.index("Title")
        assert title_width >= 28, header
        line = next(row for row in rows if "MESOP" in row)
        assert "MESOP : JOINT FORCES FOR PEACE" in line and "2015-03-25" in line and "0/15" in line
        await wait_for(pilot, lambda: "? Help" in footer(app) and "q Quit" in footer(app), what="help and quit in the footer")
        # A wider terminal shows the columns that gave way.
        await pilot.resize_terminal(160, 40)
        await wait_for(pilot, lambda: "Grade" in screen_text(app), what="every column")
        assert "Tags" in screen_text(app)


async def test_the_review_screen_at_80x24_keeps_help_quit_and_every_tag(library_dir: Path) -> None:
    app = make_app(library_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_review(pilot)
        text = screen_text(app)
        assert "? Help" in footer(app) and "q Quit" in footer(app)
        for name in ("key judgment", "background", "military", "sourcing concern", "follow-up"):
            assert name in text, name  # the legend wraps instead of cutting tags off
        assert min(len(line) for line in article_lines(app) if line) >= 1
        assert max(len(line) for line in article_lines(app)) >= 40  # the article keeps a usable width


async def test_at_220x60_the_article_stays_at_a_readable_measure(library_dir: Path) -> None:
    app = make_app(library_dir)
    async with app.run_test(size=(220, 60)) as pilot:
        screen = await open_review(pilot)
        lines = [line for line in article_lines(app) if line]
        assert lines and max(len(line) for line in lines) <= MEASURE
        assert max(len(line) for line in lines) >= 80  # and uses the room it has
        # The panes take the rest of the width.
        assert screen.query_one("#side").size.width >= 100


async def test_z_hides_and_shows_the_panes_and_the_layout_follows_a_resize(library_dir: Path) -> None:
    app = make_app(library_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_review(pilot)
        side = screen.query_one("#side")
        narrow_width = max(len(line) for line in article_lines(app))
        assert side.display and narrow_width < 50
        await pilot.press("z")
        await pilot.pause()
        assert not side.display
        assert max(len(line) for line in article_lines(app)) > narrow_width
        await pilot.press("z")
        await pilot.pause()
        assert side.display
        # A resize lays the screen out again: at 220 columns the article is wider, at its measure.
        await pilot.resize_terminal(220, 60)
        await wait_for(pilot, lambda: max(len(line) for line in article_lines(app)) > 80, what="the wider article")
        assert max(len(line) for line in article_lines(app)) <= MEASURE
        # Below 72 columns the panes give the article the width, and z shows them in its place.
        await pilot.resize_terminal(60, 24)
        await wait_for(pilot, lambda: not side.display, what="the panes hidden at 60 columns")
        assert max(len(line) for line in article_lines(app)) >= 45
        await pilot.press("z")
        await pilot.pause()
        assert side.display and not screen.article_view.display
        assert screen.focused is screen.query_one(ActorsPane)
        assert "Actors" in screen_text(app)
        await pilot.press("z")
        await pilot.pause()
        assert screen.article_view.display and screen.focused is screen.article_view


async def test_the_other_screens_are_usable_at_80x24(library_dir: Path) -> None:
    app = make_app(library_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_review(pilot)
        await pilot.press("M")  # the facts editor fits
        text = screen_text(app)
        for label in ("Title", "Source", "Author", "Date", "Address", "Escape or Ctrl+S saves"):
            assert label in text, label
        await pilot.press("escape", "s")  # the summary
        text = screen_text(app)
        assert "Bottom line up front" in text and "Key judgments" in text
        # Typing in the BLUF, ? and q are text: the footer shows the keys that work there.
        await wait_for(pilot, lambda: "F1 Help" in footer(app) and "^q Quit" in footer(app), what="F1 and ^q in the footer")
        await pilot.press("f1")
        assert "In an editor" in screen_text(app)
        await pilot.press("escape")
        await pilot.press("escape", "escape")
        await open_library(pilot, 1)
        await pilot.press("A")
        await wait_for(pilot, lambda: "Actors" in screen_text(app) and "Briefings" in screen_text(app), what="the actors view")
        header = next(row for row in screen_text(app).splitlines() if "Actor" in row and "Kind" in row)
        assert re.search(r"Actor\s{10,}Kind", header), header  # names keep room beside the kind
        assert "? Help" in footer(app) and "q Quit" in footer(app)
