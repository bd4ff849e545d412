"""Helpers for Pilot tests of the Brief app."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from textual.pilot import Pilot

from tui.app import BriefApp, Startup
from tui.screens.review import ReviewScreen

if TYPE_CHECKING:
    from tui.screens.summary import SummaryScreen


def make_app(library: Path, open_path: Path | None = None) -> BriefApp:
    """The app as the command line builds it."""
    return BriefApp(Startup(library, open_path))


async def wait_for(pilot: Pilot, condition: Callable[[], object], timeout: float = 30.0, what: str = "condition") -> None:
    """Let the app run until `condition()` is true; fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout}s waiting for {what}")
        await pilot.pause(0.02)


async def open_review(pilot: Pilot, *, extraction: bool = False) -> ReviewScreen:
    """Wait for the review screen with its briefing (and, if asked, its extraction)."""
    app = pilot.app
    await wait_for(
        pilot, lambda: isinstance(app.screen, ReviewScreen) and app.screen.briefing is not None and app.screen.built, what="the review screen"
    )
    screen = app.screen
    assert isinstance(screen, ReviewScreen)
    if extraction:
        await wait_for(pilot, lambda: screen.extraction is not None, timeout=60, what="extraction")
    await pilot.pause()
    return screen


def screen_text(app: BriefApp) -> str:
    """Everything on the screen as plain text, one line per row, as a person would read it."""
    strips = app.screen._compositor.render_strips()
    return "\n".join(strip.text for strip in strips)


async def open_library(pilot: Pilot, rows: int) -> None:
    """Wait for the library screen to list `rows` briefings."""
    from tui.screens.library import LibraryScreen

    app = pilot.app

    def listed() -> bool:
        screen = app.screen
        tables = screen.query("#briefings") if isinstance(screen, LibraryScreen) else ()
        return bool(tables) and tables.first().row_count == rows

    await wait_for(pilot, listed, what=f"the library screen with {rows} briefings")


async def open_summary(pilot: Pilot) -> SummaryScreen:
    """Press s on the review screen and return the summary screen it opens."""
    from tui.screens.summary import SummaryScreen

    await pilot.press("s")
    screen = pilot.app.screen
    assert isinstance(screen, SummaryScreen)
    return screen
