"""Where the analyst is on the review screen, and how the width is shared.

Mixed into `ReviewScreen`:

- The paragraph under the cursor is written as the place to reopen the briefing at once the
  cursor rests (and when the screen goes), so that a briefing reopens where it was left (see
  `store.positions`).
- The first frame draws the title and the article; the panes, the BLUF and tag bars and the
  footer are mounted after it (`build`), and keys wait until they are (see `tui.key_gate`).
- The article and the side panes share the width; `z` hides the panes (the article, at its
  readable measure, is then centred), and below `NARROW` columns the two take turns: the article
  has the width, and `z` shows the panes in its place.
"""

from __future__ import annotations


from textual import events, work
from textual.containers import Vertical

from tui.screens.opening import NARROW
from tui.widgets.article_view import ArticleView
from tui.widgets.bars import BlufBar, TagLegend
from tui.screens.review_host import ReviewPart


#: Seconds the cursor rests before its paragraph is written as the place to reopen at.
POSITION_SECONDS = 0.5


class PlaceAndPanes(ReviewPart):
    """The review screen's memory of the paragraph last visited, and its panes' layout."""

    # ----------------------------------------------------------------- where the analyst is

    def on_article_view_cursor_moved(self, message: ArticleView.CursorMoved) -> None:
        """Remember where the analyst is, once the cursor rests, to reopen the briefing there."""
        self._cursor = message.index
        if self._position_timer is not None:
            self._position_timer.stop()
        self._position_timer = self.set_timer(POSITION_SECONDS, self._save_position)

    def _save_position(self) -> None:
        if self.briefing is not None and self._cursor is not None and self._cursor != self._saved_position:
            self._saved_position = self._cursor
            self._write_position(self.briefing.id, self._cursor)

    @work(thread=True, exit_on_error=False, group="position", name="remember the paragraph")
    def _write_position(self, briefing_id: str, paragraph: int) -> None:
        self.desk.remember_positions({briefing_id: paragraph})

    def on_unmount(self) -> None:
        # Leaving (or quitting) before the cursor rested: one small unfsynced write, at once,
        # so that the briefing reopens where it was left.
        if self.briefing is not None and self._cursor is not None and self._cursor != self._saved_position:
            if self.face.has_desk:
                self.desk.remember_positions({self.briefing.id: self._cursor})

    # ----------------------------------------------------------------- the panes

    async def build(self) -> None:
        """After the first frame: mount the panes, the BLUF and tag bars and the footer, show
        in them what is known already, and let the keys that waited meanwhile through."""
        if not self.is_attached or not self.query(ArticleView):
            return  # gone, or never composed: the app closed as it was being shown
        from tui.widgets.footer import BriefFooter  # here, with the panes: not for the first frame
        from tui.widgets.panes import ActorsPane, NumbersPane, QuestionsPane

        await self.query_one("#side", Vertical).mount_all([ActorsPane(), NumbersPane(), QuestionsPane()])
        await self.mount_all([BlufBar(id="bluf"), TagLegend(id="tag-legend"), BriefFooter()], after="#review-body")
        if not self.query(ActorsPane) or not self.query(BriefFooter):
            return  # left while mounting (a briefing that cannot be read goes back to the library)
        self.built = True
        for pane in (self.query_one(ActorsPane), self.query_one(NumbersPane)):
            pane.show_message("Waiting for the article…")
        if self.briefing is not None:
            self.query_one(TagLegend).show(self.tags)
            self.refresh_bars()
            self.refresh_questions()
            self.take_extraction(self._cached_extraction)
        self.face.screen_built()

    def on_resize(self, event: events.Resize) -> None:
        self._lay_out_panes()

    def action_toggle_panes(self) -> None:
        """Hide or show the side panes; on a narrow terminal, show them in place of the article."""
        self.panes_toggled = not self.panes_toggled
        self._lay_out_panes()

    def _lay_out_panes(self) -> None:
        """Share the width between the article and the panes, or let them take turns."""
        narrow = self.app.size.width < NARROW
        self.set_class(narrow, "-narrow")
        self.set_class(self.panes_toggled, "-toggled")
        article_shown = not (narrow and self.panes_toggled)
        panes_shown = self.panes_toggled if narrow else not self.panes_toggled
        if not article_shown and (self.focused is None or self.focused is self.article_view):
            from tui.widgets.panes import ActorsPane  # mounted after the first frame

            self.query_one(ActorsPane).focus()
        elif not panes_shown and self.focused is not self.article_view:
            self.article_view.focus()
