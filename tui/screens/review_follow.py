"""The review screen reading its briefing, following the disk, and filling its panes.

Mixed into `ReviewScreen`. The briefing is read in a worker (or handed over already read); every
second, unless an edit of ours is still on its way to the disk, a worker checks whether another
window or an import changed it, and the screen shows the version on disk. The extraction comes
from the cache read with the briefing, else it is computed in a worker after the article is
painted; the panes show it as the analyst sees it (`Desk.seen`).
"""

from __future__ import annotations

from textual import work
from textual.message import Message
from textual.worker import Worker, WorkerState

from briefings.extraction.model import Extraction
from store import BriefingNotFound, Opened, StoreError, extraction_subject, same_work
from tui.screens.review_host import DELETED, ReviewPart
from tui.widgets.bars import TagLegend


class FollowsDisk(ReviewPart):
    """Reading the briefing, following the disk, and the extraction (see the module docstring)."""

    class BriefingLoaded(Message, namespace="review_screen"):
        """The briefing was read from the library (posted from a worker)."""

        def __init__(self, opened: Opened) -> None:
            self.opened = opened
            super().__init__()

    class ChangedOnDisk(Message, namespace="review_screen"):
        """Another window or an import changed the briefing (posted from a worker)."""

        def __init__(self, opened: Opened | None, edits: int) -> None:
            self.opened = opened
            """The new version; None when the briefing was deleted."""
            self.edits = edits
            """How many edits the screen had made when the check began."""
            super().__init__()

    class ExtractionReady(Message, namespace="review_screen"):
        """Extraction finished or came from the cache (posted from a worker)."""

        def __init__(self, extraction: Extraction, article: str = "") -> None:
            self.extraction = extraction
            self.article = article
            """The content hash and extraction basis of the article it was made from: one made
            before the date was corrected, say, is stale by the time it arrives."""
            super().__init__()

    # ----------------------------------------------------------------- loading

    @work(thread=True, exit_on_error=False, name="open the briefing")
    def _load_briefing(self) -> None:
        self.post_message(self.BriefingLoaded(self.desk.open_for_review(self.briefing_id)))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A briefing that cannot be read (damaged beyond recovery) sends the analyst back.

        The app reports the error itself; this screen just must not sit on "Opening…".
        """
        if event.worker.name == "open the briefing" and event.state == WorkerState.ERROR:
            self.face.report_warnings()
            self.face.show_library()

    def on_review_screen_briefing_loaded(self, message: BriefingLoaded) -> None:
        if self.briefing is None:
            # While it is open, the store keeps its latest version at hand: found damaged, the
            # briefing is written back from it, never rolled back to a backup or lost.
            self.desk.hold(self.briefing_id)
        self.briefing = message.opened.briefing
        self._version = message.opened.version
        self._saved_position = message.opened.position
        if self._start_paragraph is None and not self._start_words:
            self._start_paragraph = message.opened.position  # back where the analyst left it
        self.face.report_warnings()
        self.article_view.load(self.briefing.article.paragraphs, self.briefing.annotation, self.tags)
        self.take_history(message.opened.history)
        if self.built:
            self.query_one(TagLegend).show(self.tags)
        self.go_to_start()
        if self.focused is None:
            # Focus set while the screen was still being laid out can be lost; the article is
            # where the analyst starts.
            self.article_view.focus()
        self.refresh_bars()
        self.refresh_questions()
        self.take_extraction(message.opened.extraction)
        self.call_after_refresh(self.look_for_same_story)  # after the article is painted

    def take_extraction(self, cached: Extraction | None) -> None:
        """Fill the panes from the cached extraction, or say they are coming and extract; before
        the panes are mounted, keep it for then (see `PlaceAndPanes.build`)."""
        assert self.briefing is not None
        if not self.built:
            self._cached_extraction = cached
            return
        if cached is not None:
            self.on_review_screen_extraction_ready(self.ExtractionReady(cached, extraction_subject(self.briefing.article)))
            return
        from tui.widgets.panes import ActorsPane, NumbersPane  # mounted after the first frame

        for pane in (self.query_one(ActorsPane), self.query_one(NumbersPane)):
            pane.show_message("Reading the article…")
        # Extraction starts after the article is painted, so loading spaCy never delays it.
        self.call_after_refresh(self._extract)

    # ----------------------------------------------------------------- following the disk

    def extract_again(self) -> None:
        """The article's date or source changed: what extraction resolved against them is stale
        (relative dates, datelines), so the panes are filled again from a fresh extraction."""
        self.raw_extraction = self.extraction = None
        self.take_extraction(None)

    def _follow_disk(self) -> None:
        """Every second, unless an edit of ours is still on its way to the disk, check whether
        another window or an import has changed the briefing."""
        if self.briefing is not None and self.face.has_desk and not self.desk.pending_for(self.briefing_id):
            self._check_disk(self._version, self._edits)

    def follow_store(self) -> None:
        """Another analyst has just changed the library: check the briefing now (see `FollowsStore`)."""
        self._follow_disk()

    @work(thread=True, exclusive=True, exit_on_error=False, group="follow", name="follow the briefing on disk")
    def _check_disk(self, known: int, edits: int) -> None:
        desk = self.desk
        try:
            if desk.version(self.briefing_id) != known:
                self.post_message(self.ChangedOnDisk(desk.open_for_review(self.briefing_id), edits))
        except BriefingNotFound:
            self.post_message(self.ChangedOnDisk(None, edits))
        except (StoreError, OSError):
            pass  # busy, being repaired, or the disk is unwell: the next check will see

    def on_review_screen_changed_on_disk(self, message: ChangedOnDisk) -> None:
        """Show the version on disk, so that what is on screen is what is saved."""
        if self.briefing is None or self.desk.pending_for(self.briefing_id) or message.edits != self._edits:
            return  # an edit of ours was made since the read: the next check reads it back with it
        if message.opened is None:
            if self._version != DELETED:
                self._version = DELETED  # refuse edits; read it again if it comes back (undo of a delete)
                self.notify(
                    "This briefing was deleted in another window: changes to it cannot be saved.",
                    title="Deleted",
                    severity="warning",
                    timeout=10,
                )
                self.refresh_bars()
            return
        previous, opened = self.briefing, message.opened
        restored = self._version == DELETED
        self._version = opened.version
        self.take_history(opened.history)
        if restored:
            self.notify("This briefing is back (restored in another window): changes are saved again.", title="Restored", timeout=8)
            self.refresh_bars()
        if same_work(previous, opened.briefing):
            # Read again for nothing new (its cached copy had been let go, or it was restored):
            # the briefing on screen, which the article view draws from, stays.
            return
        self.briefing = opened.briefing
        if opened.briefing.article.content_hash == previous.article.content_hash:
            self.article_view.set_annotations(self.briefing.annotation)
            news = "Changes saved by another window are shown."
            if opened.briefing.article.extraction_basis != previous.article.extraction_basis:
                self.extract_again()
        else:
            cursor = previous.article.paragraphs[self.article_view.cursor]
            self.search.clear()
            self.filter_label = ""
            self.article_view.load(self.briefing.article.paragraphs, self.briefing.annotation, self.tags)
            # The cursor stays on its paragraph, wherever the new version has put it.
            self.article_view.cursor = next(
                (p.index for p in self.briefing.article.paragraphs if p.anchor.digest == cursor.anchor.digest),
                min(cursor.index, len(self.briefing.article.paragraphs) - 1),
            )
            self.raw_extraction = self.extraction = None
            self.take_extraction(opened.extraction)
            news = "The article was re-imported: notes and tags moved with their paragraphs."
        if opened.briefing.summary != previous.summary:
            self.reload_summary_screen(opened.briefing.summary, saved_elsewhere=True)
        self.refresh_bars()
        self.refresh_questions()
        self.notify(news, title="Updated", timeout=5)

    @work(thread=True, exit_on_error=False, name="extract actors and numbers", exclusive=True, group="extract")
    def _extract(self) -> None:
        assert self.briefing is not None
        article = self.briefing.article
        # The cache was read with the briefing (and missed): computed here, not looked up again.
        extraction = self.desk.extract(article)
        self.post_message(self.ExtractionReady(extraction, extraction_subject(article)))

    def on_review_screen_extraction_ready(self, message: ExtractionReady) -> None:
        if self.briefing is None or message.article != extraction_subject(self.briefing.article):
            return  # made from the article as it was before a re-import or a corrected date
        self.raw_extraction = message.extraction
        self.show_extraction()
        if message.extraction.notice:
            self.notify(message.extraction.notice, title="Extraction", severity="warning", timeout=10, markup=False)

    def show_extraction(self) -> None:
        """Apply the library's actor decisions to the extraction and fill the panes."""
        if self.raw_extraction is None or self.briefing is None or not self.built:
            return
        from tui.widgets.panes import ActorsPane, NumbersPane  # mounted after the first frame

        self.extraction = self.desk.seen(self.raw_extraction, self.briefing.article, self.briefing.id)
        self.query_one(ActorsPane).show(self.extraction)
        self.query_one(NumbersPane).show(self.extraction)
        self.refresh_questions()
