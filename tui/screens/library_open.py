"""Opening a briefing from the library's lists at a given paragraph, with a word marked.

The library screen, its search results, the actors view and the questions view all open a
briefing "where it was found". `ReviewScreen` opens at the top; `ReviewAt` is the review screen
that moves to a paragraph (and marks a word, so n and N step through it) once its briefing has
loaded.
"""

from __future__ import annotations

from textual import on
from textual.app import App

from tui.screens.review import ReviewScreen


class ReviewAt(ReviewScreen):
    """The review screen, opened at a paragraph and optionally with a search for `words`."""

    def __init__(self, briefing_id: str, paragraph: int | None = None, words: str = "") -> None:
        super().__init__(briefing_id)
        self.start_paragraph = paragraph
        """Where the cursor starts (None: the top)."""
        self.start_words = words
        """Words to search for and mark once the article is shown ("" for none)."""

    @on(ReviewScreen.BriefingLoaded)
    def _after_load(self, message: ReviewScreen.BriefingLoaded) -> None:
        # Textual runs this handler before ReviewScreen's own, which shows the article from its
        # top: move once that one has run.
        self.call_later(self._go_to_start)

    def _go_to_start(self) -> None:
        if self.briefing is None:
            return
        view = self.article_view
        start = self.start_paragraph
        if self.start_words:
            self.search.run(self.start_words, self.briefing.article.paragraphs)
            self.search.go_from(start or 0)
            view.set_highlights(self.search.highlights())
            if start is None and self.search.current is not None:
                start = self.search.current.paragraph
        if start is not None and view.is_visible(start):
            view.cursor = start
        self.refresh_bars()


    def action_back(self) -> None:
        """Escape: clear marks, back to the article, then back to the list it was opened from."""
        if self.search.query or self.article_view.has_highlights or self.focused is not self.article_view:
            super().action_back()
        else:
            # ReviewScreen goes to the library screen; this one was pushed over a list of the
            # library (the table, search results, actors, questions) and goes back to that list.
            self.dismiss()


def open_briefing(app: App, briefing_id: str, paragraph: int | None = None, words: str = "") -> None:
    """Push the review screen for a briefing, at a paragraph and with `words` marked if given."""
    app.push_screen(ReviewAt(briefing_id, paragraph, words))
