"""The review screen saying who did what: who tagged, noted and reviewed the paragraph under the
cursor (after its tags, on its first line), and the briefing's history (`H`).

Mixed into `ReviewScreen`. Who did the work is read from the briefing's history, which comes
with the briefing (`Opened.history`) and again whenever another window's changes are shown; a
change made here is added at once, as the analyst this desk records changes as (the store
records the same entry when it saves the change).
"""

from __future__ import annotations

from collections.abc import Iterable

from briefings.cleaning import clean_text
from briefings.edits import BriefingEdit
from briefings.history import Attribution, HistoryEntry, attribute, entries
from tui.screens.review_host import ReviewPart


class WhoDidWhat(ReviewPart):
    """Who did the work on the paragraph under the cursor, and the history screen."""

    _attribution: Attribution | None = None

    def take_history(self, history: Iterable[HistoryEntry]) -> None:
        """Attribute the work on screen from the briefing's history (as read with it)."""
        self._attribution = attribute(list(history))
        self.article_view.set_who(self.who_line)

    def note_change(self, edit: BriefingEdit) -> None:
        """A change made here: its author is this desk's analyst, from now."""
        if self._attribution is None:
            self._attribution = Attribution()
            self.article_view.set_who(self.who_line)
        for entry in entries([edit], self.desk.analyst):
            self._attribution.add(entry)

    def who_line(self, paragraph: int) -> str:
        """Who tagged, noted and reviewed a paragraph, on one line ("" when nobody is on record)."""
        if self._attribution is None:
            return ""
        line = self._attribution.of_paragraph(paragraph, {tag.id: tag.name for tag in self.tags})
        return " ".join(clean_text(line).split())

    def action_history(self) -> None:
        """Open the briefing's history, newest first; Enter on a change goes to its paragraph."""
        from tui.screens.history import HistoryScreen

        if self.briefing is None:
            return

        def go(paragraph: int | None) -> None:
            if paragraph is None or self.briefing is None or paragraph >= len(self.briefing.article.paragraphs):
                return
            if not self.article_view.is_visible(paragraph):
                self.apply_filter("all")
            self.article_view.cursor = paragraph

        self.app.push_screen(HistoryScreen(self.briefing_id, self.briefing.article.title), go)
