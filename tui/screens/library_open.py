"""Opening a briefing from the library's lists at a given paragraph, with a word marked.

The library screen, its search results, the actors view and the questions view all open a
briefing "where it was found".
"""

from __future__ import annotations

from textual.app import App

from tui.screens.review import ReviewScreen


def open_briefing(app: App, briefing_id: str, paragraph: int | None = None, words: str = "") -> None:
    """Push the review screen for a briefing, at a paragraph and with `words` marked if given."""
    app.push_screen(ReviewScreen(briefing_id, paragraph=paragraph, words=words))
