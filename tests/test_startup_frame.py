"""Start-up: the review screen paints the title and the article first, and keys pressed meanwhile
wait for the whole screen (issue 14, point 6).

The time itself is measured in `benchmarks/startup.py`; here, what must stay true however fast
or slow the start: the first frame holds no panes, a key pressed before the screen is built is
neither lost nor run against half a screen, and the screen at rest is the whole screen.
"""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from benchmarks.startup import SAMPLE
from briefings.readers import read_file
from store import Library
from store.desk.desk import Desk
from tests.pilot import make_app, open_review, screen_text, wait_for
from tui.app import BriefApp, Startup
from tui.screens.opening import OpeningScreen
from tui.screens.review import ReviewScreen
from tui.widgets.article_view import ArticleView
from tui.widgets.panes import ActorsPane

pytestmark = pytest.mark.app


@pytest.fixture
def library_held(monkeypatch: pytest.MonkeyPatch) -> Iterator[threading.Event]:
    """The library opens only once the test sets the event (as a slow disk or a lock would hold it)."""
    opening = threading.Event()
    first_briefing = Desk.first_briefing

    def slow_first_briefing(desk: Desk, *args, **kwargs):  # type: ignore[no-untyped-def]
        assert opening.wait(30), "the test never let the library open"
        return first_briefing(desk, *args, **kwargs)

    monkeypatch.setattr(Desk, "first_briefing", slow_first_briefing)
    yield opening
    opening.set()


async def test_the_first_frame_draws_the_title_and_the_article_and_the_panes_follow(library_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first_frames: list[tuple[bool, list[str]]] = []
    original = ReviewScreen.on_mount

    def on_mount(screen: ReviewScreen) -> None:
        # Scheduled before the screen schedules `_build`: runs first after its first refresh.
        screen.call_after_refresh(lambda: first_frames.append((screen.built, [type(w).__name__ for w in screen.walk_children()])))
        original(screen)

    monkeypatch.setattr(ReviewScreen, "on_mount", on_mount)
    app = make_app(library_dir)
    async with app.run_test(size=(140, 40)) as pilot:
        screen = await open_review(pilot)
        built, widgets = first_frames[0]
        assert not built
        assert "ArticleView" in widgets and "TitleBar" in widgets
        assert not {"ActorsPane", "NumbersPane", "QuestionsPane", "BlufBar", "TagLegend", "BriefFooter"} & set(widgets)
        # At rest: the whole screen, panes filled from the cached extraction or on their way.
        assert screen.built
        text = screen_text(app)
        assert "The Telegraph UK 25 March 2015" in text
        assert "Actors" in text and "Numbers" in text and "BLUF" in text and "key judgment" in text


async def test_quitting_is_not_held_while_the_library_opens(library_dir: Path, library_held: threading.Event) -> None:
    """Keys wait for the screen to come, but `q` on "Opening library…" leaves at once."""
    app = make_app(library_dir)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("2", "q")
        await wait_for(pilot, lambda: not app.is_running, what="the app quitting while the library opens")
        assert app._keys.holding == 1  # the tag waited for a screen that never came


async def test_keys_pressed_while_brief_starts_wait_for_the_screen_and_are_not_lost(library_dir: Path, library_held: threading.Event) -> None:
    app = make_app(library_dir)
    handled: list[tuple[str, bool]] = []
    handle = app._keys._dispatch

    async def handled_on_what(event):  # type: ignore[no-untyped-def]
        screen = app.screen
        handled.append((event.key, isinstance(screen, ReviewScreen) and screen.built))
        await handle(event)

    app._keys._dispatch = handled_on_what
    async with app.run_test(size=(140, 40)) as pilot:
        # The library is still opening: no review screen yet. Tag the first paragraph (2: fact),
        # mark it reviewed and go to the next (enter), tag that one (3: claim), and go to the
        # actors pane (tab), which a screen not built yet would not have.
        await pilot.press("2", "enter", "3", "tab")
        assert not isinstance(app.screen, ReviewScreen)
        assert app._keys.holding == 4
        library_held.set()
        screen = await open_review(pilot)
        await wait_for(pilot, lambda: app._keys.holding == 0, what="the held keys handled")
        assert screen.briefing is not None
        assert screen.briefing.annotation(0).tags == {"fact"}
        assert screen.briefing.annotation(0).reviewed
        assert screen.briefing.annotation(1).tags == {"claim"}
        assert screen.query_one(ArticleView).cursor == 1
        assert "1/15 reviewed" in screen_text(app)
        assert screen.focused is screen.query_one(ActorsPane)
        # Each key was handled by the whole screen, never by half of it.
        assert handled and all(built for _key, built in handled), handled
        assert app.desk.save_queue.flush(timeout=10)


# ----------------------------------------------------------------- `brief open FILE`: the article first


def opening_app(library_dir: Path, tmp_path: Path) -> BriefApp:
    """The app as `brief open FILE` starts it: with the article read already."""
    path = tmp_path / "article.txt"
    shutil.copy(SAMPLE, path)
    return BriefApp(Startup(library_dir, path, read_file(path)))


async def test_brief_open_draws_the_article_from_the_file_before_the_library_opens(library_dir: Path, tmp_path: Path, library_held: threading.Event) -> None:
    app = opening_app(library_dir, tmp_path)
    async with app.run_test(size=(140, 40)) as pilot:
        await wait_for(pilot, lambda: "The Telegraph UK 25 March 2015" in screen_text(app), what="the article")
        assert isinstance(app.screen, OpeningScreen) and not app.has_desk
        text = screen_text(app)
        assert "MESOP : JOINT FORCES" in text and "opening library…" in text
        assert not app.screen.query(ActorsPane)
        library_held.set()
        screen = await open_review(pilot)
        text = screen_text(app)
        assert "0/15 reviewed" in text and "opening library…" not in text
        assert "Actors" in text and "BLUF" in text
        assert screen.query_one(ArticleView).has_focus


async def test_a_note_typed_over_the_first_frame_reaches_the_note_editor_and_is_saved(library_dir: Path, tmp_path: Path, library_held: threading.Event) -> None:
    """The analyst sees the article and types at once: a tag, then a note (with a q in it, which
    is a letter of the note, not a quit), before the library is even open."""
    app = opening_app(library_dir, tmp_path)
    async with app.run_test(size=(140, 40)) as pilot:
        await wait_for(pilot, lambda: "The Telegraph UK 25 March 2015" in screen_text(app), what="the article")
        await pilot.press("2", "j", "a", *"quite sure", "escape", "3")
        assert isinstance(app.screen, OpeningScreen) and app.is_running
        library_held.set()
        screen = await open_review(pilot)
        await wait_for(pilot, lambda: app._keys.holding == 0, what="the held keys handled")
        assert screen.briefing is not None
        assert screen.briefing.annotation(0).tags == {"fact"}
        assert screen.briefing.annotation(1).note == "quite sure"
        assert screen.briefing.annotation(1).tags == {"claim"}
        assert app.desk.save_queue.flush(timeout=10)
        on_disk = Library.open(library_dir).load(screen.briefing.id)
        assert on_disk.annotation(1).note == "quite sure" and on_disk.annotation(1).tags == {"claim"}


async def test_q_over_the_first_frame_leaves_at_once_when_no_key_waits(library_dir: Path, tmp_path: Path, library_held: threading.Event) -> None:
    app = opening_app(library_dir, tmp_path)
    async with app.run_test(size=(140, 40)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, OpeningScreen), what="the article")
        await pilot.press("q")
        await wait_for(pilot, lambda: not app.is_running, what="the app quitting while the library opens")
        assert not app.has_desk
        library_held.set()  # the opening worker ends with the test
