"""The review screen: the article beside its actors, numbers and open questions.

The screen owns the open briefing. Every change is an edit (see `briefings.edits`): applied here at
once so the screen answers within a frame, handed to the app's save queue, and recorded for undo.
Loading the briefing and extraction run in thread workers; the panes show a loading state until
extraction reports back.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Static
from textual.worker import Worker, WorkerState

from briefings.briefing import Briefing, Orphan, Question, new_id, now_iso
from briefings.edits import (
    AddTag,
    BriefingEdit,
    DeleteQuestion,
    DiscardOrphan,
    DismissSuggestion,
    LibraryEdit,
    PutQuestion,
    RemoveTag,
    SetNote,
    SetReviewed,
    SetSummary,
)
from briefings.extraction import apply_decisions, installed_pipeline
from briefings.extraction.model import Extraction
from briefings.facts import SetFacts
from briefings.model import Article, ArticleFacts
from briefings.summary import Summary
from briefings.taxonomy import Tag
from briefings.wording import counted
from store.errors import BriefingNotFound, StoreError
from tui.commands import PaletteCommand
from tui.screens.dialogs import NoteEditor, PickItem, PickList
from tui.screens.question import QuestionEditor
from tui.screens.review_actors import ActorCorrections
from tui.screens.review_find import BASIC_FILTERS, FindAndFilter
from tui.screens.review_place import PlaceAndPanes
from tui.screens.review_same import SameStoryBar
from tui.screens.review_undo import UndoRedo
from tui.search import ArticleSearch
from tui.widgets.article_view import ArticleView, Highlight
from tui.widgets.bars import BlufBar, TagLegend, TitleBar
from tui.widgets.footer import BriefFooter
from tui.widgets.panes import ActorsPane, Chosen, NumbersPane, QuestionsPane
from tui.workers import FOLLOW_SECONDS, ReportsWorkerErrors

if TYPE_CHECKING:
    from textual.timer import Timer

    from store import Library

#: The version of a briefing deleted in another window (no version is negative).
DELETED = -2


@dataclass(frozen=True, slots=True)
class Opened:
    """A briefing read for review.

    Attributes:
        briefing: The briefing.
        version: The library's version of it when it was read (see `Library.version`).
        extraction: Its cached extraction, if the cache had one.
        position: The paragraph the analyst last visited in it, if known.
    """

    briefing: Briefing
    version: int
    extraction: Extraction | None
    position: int | None = None


def read_for_review(library: Library, briefing_id: str) -> Opened:
    """Read a briefing, its version and its cached extraction (in a worker: this reads files).

    The version is taken first: a change that lands between the two reads then makes the window
    read the briefing again, where the other order would let it go unseen.
    """
    version = library.version(briefing_id)
    briefing = library.load(briefing_id)
    article = briefing.article
    cached = library.load_extraction(article.content_hash, installed_pipeline(), article.extraction_basis)
    return Opened(briefing, version, cached, library.position(briefing_id))


def extraction_subject(article: Article) -> str:
    """What an extraction of the article depends on: its text (content hash) and its extraction basis."""
    return f"{article.content_hash}/{article.extraction_basis}"


def _same_work(one: Briefing, other: Briefing) -> bool:
    """True when two versions of a briefing hold the same article and the same analyst work."""
    return (
        one.article.content_hash == other.article.content_hash
        and one.article.facts == other.article.facts
        and one.annotations == other.annotations
        and one.questions == other.questions
        and one.dismissed == other.dismissed
        and one.summary == other.summary
        and one.orphans == other.orphans
    )


TAG_BINDINGS = [
    Binding(key, f"toggle_tag('{key}')", "Tag", id=f"review.tag-{key}", show=key == "1", key_display="1-9")
    for key in "123456789"
]



class ReviewScreen(SameStoryBar, ActorCorrections, FindAndFilter, UndoRedo, PlaceAndPanes, ReportsWorkerErrors, Screen[None]):
    """Review one briefing."""

    PALETTE_AREA = "review"
    AUTO_FOCUS = "#article"
    BINDINGS = [
        *TAG_BINDINGS,
        Binding("t", "pick_tag", "Tags…", id="review.pick-tag"),
        Binding("enter", "done_next", "Done+next", id="review.done-next"),
        Binding("R", "toggle_reviewed", "Reviewed on/off", id="review.reviewed", show=False),
        Binding("a", "note", "Note", id="review.note"),
        Binding("o", "ask", "Question", id="review.question"),
        Binding("s", "summary", "Summary", id="review.summary"),
        Binding("slash", "search", "Search", id="review.search", key_display="/"),
        Binding("n", "search_step(1)", "Next match", id="review.next-match", show=False),
        Binding("N", "search_step(-1)", "Previous match", id="review.previous-match", show=False),
        Binding("f", "filter", "Filter", id="review.filter"),
        Binding("u", "undo", "Undo", id="review.undo"),
        Binding("ctrl+r", "redo", "Redo", id="review.redo"),
        Binding("x", "export", "Export", id="review.export"),
        Binding("plus", "add_actor", "Add actor", id="review.add-actor", show=False, key_display="+"),
        Binding("D", "decisions", "Actor decisions", id="review.decisions", show=False),
        Binding("T", "edit_tags", "Edit tags", id="review.edit-tags", show=False),
        Binding("O", "orphans", "Orphans", id="review.orphans", show=False),
        Binding("V", "same_story", "Same story…", id="review.same-story", show=False),
        Binding("M", "facts", "Article facts", id="review.facts", show=False),
        Binding("z", "toggle_panes", "Panes on/off", id="review.panes", show=False),
        Binding("tab", "app.focus_next", "Next pane", id="review.next-pane", show=False),
        Binding("shift+tab", "app.focus_previous", "Previous pane", id="review.previous-pane", show=False),
        Binding("escape", "back", "Back", id="review.back"),
    ]
    """
    | Key | Action |
    | :- | :- |
    | 1-9 | Toggle the tag with that key on the current paragraph. |
    | t | Pick any tag by name (for taxonomies of more than nine). |
    | enter | Mark the paragraph reviewed and move to the next. |
    | R | Mark the paragraph not reviewed (or reviewed), staying on it. |
    | a | Write or edit the note on the paragraph. |
    | o | Ask an open question about the paragraph. |
    | s | Summary: BLUF, key judgments, source grade, comments. |
    | / , n, N | Search the article; next and previous match. |
    | f | Show only some paragraphs (by tag, unreviewed, untagged, noted). |
    | u, ctrl+r | Undo, redo (every kind of change made in this briefing). |
    | x | Export the briefing. |
    | + | Add an actor the extraction missed. |
    | D | List actor decisions, to withdraw one. |
    | T | Edit the tag taxonomy (names, keys, colours, order). |
    | O | Orphans: work whose paragraph was lost on re-import; re-attach or discard. |
    | V | The same story from another source: file as one briefing, or keep apart. |
    | M | The article's facts: correct its title, source, author, date, address. |
    | z | Hide or show the panes (on a narrow terminal: the panes in place of the article). |
    | tab, shift+tab | Move between the article and the panes. |
    | escape | Clear marks, then the filter; back to the article; back to the library. |
    """

    # How the panes share the width (see `PlaceAndPanes`).
    DEFAULT_CSS = """
    ReviewScreen.-toggled #side { display: none; }
    ReviewScreen.-toggled #review-body { align-horizontal: center; }
    ReviewScreen.-narrow #side { display: none; }
    ReviewScreen.-narrow.-toggled #side { display: block; width: 1fr; }
    ReviewScreen.-narrow.-toggled #article { display: none; }
    """

    class BriefingLoaded(Message):
        """The briefing was read from the library (posted from a worker)."""

        def __init__(self, opened: Opened) -> None:
            self.opened = opened
            super().__init__()

    class ChangedOnDisk(Message):
        """Another window or an import changed the briefing (posted from a worker)."""

        def __init__(self, opened: Opened | None, edits: int) -> None:
            self.opened = opened
            """The new version; None when the briefing was deleted."""
            self.edits = edits
            """How many edits the screen had made when the check began."""
            super().__init__()

    class ExtractionReady(Message):
        """Extraction finished or came from the cache (posted from a worker)."""

        def __init__(self, extraction: Extraction, article: str = "") -> None:
            self.extraction = extraction
            self.article = article
            """The content hash and extraction basis of the article it was made from: one made
            before the date was corrected, say, is stale by the time it arrives."""
            super().__init__()

    def __init__(
        self,
        briefing_id: str,
        opened: Opened | None = None,
        *,
        paragraph: int | None = None,
        words: str = "",
    ) -> None:
        """
        Args:
            briefing_id: The briefing to review.
            opened: The briefing when the caller has just read it (with `read_for_review`);
                otherwise it is read in a worker.
            paragraph: Where the cursor starts (the top when None).
            words: Words to search for and mark once the article is shown, so that n and N
                step through them (as when opened from a search result).
        """
        super().__init__()
        self.briefing_id = briefing_id
        self._preloaded = opened
        self._version = -1
        """The library's version of the briefing on screen (see `Library.version`)."""
        self._edits = 0
        """Edits made on this screen: a version read before the latest one is out of date."""
        self._start_paragraph = paragraph
        self._saved_position: int | None = None
        """The paragraph last written as the place to reopen at (see `store.positions`)."""
        self._position_timer: Timer | None = None
        self._cursor: int | None = None
        """The paragraph under the cursor, as the article view last reported it."""
        self._start_words = words
        self.briefing: Briefing | None = None
        self.raw_extraction: Extraction | None = None
        self.extraction: Extraction | None = None
        self.search = ArticleSearch()
        self.filter_label = ""
        self.panes_toggled = False
        """True after `z`: panes hidden on a wide terminal, shown instead of the article on a narrow one."""

    def compose(self) -> ComposeResult:
        yield TitleBar(id="title-bar")
        yield Static(id="same-story", markup=False)
        with Horizontal(id="review-body"):
            yield ArticleView(id="article")
            with Vertical(id="side"):
                yield ActorsPane()
                yield NumbersPane()
                yield QuestionsPane()
        yield BlufBar(id="bluf")
        yield TagLegend(id="tag-legend")
        yield BriefFooter()

    @property
    def article_view(self) -> ArticleView:
        """The article pane."""
        return self.query_one(ArticleView)

    @property
    def tags(self) -> tuple[Tag, ...]:
        """The library's taxonomy."""
        return self.app.settings.tags  # type: ignore[attr-defined]

    def on_mount(self) -> None:
        self._lay_out_panes()
        self.article_view.show_placeholder("Opening briefing…")
        for pane in (self.query_one(ActorsPane), self.query_one(NumbersPane)):
            pane.show_message("Waiting for the article…")
        self.article_view.focus()
        self.watch(self.app, "save_state", lambda _state: self.refresh_bars(), init=False)
        if self._preloaded is not None:
            self.on_review_screen_briefing_loaded(self.BriefingLoaded(self._preloaded))
            self._preloaded = None
        else:
            self._load_briefing()
        self.set_interval(FOLLOW_SECONDS, self._follow_disk)

    # ----------------------------------------------------------------- loading

    @work(thread=True, exit_on_error=False, name="open the briefing")
    def _load_briefing(self) -> None:
        self.post_message(self.BriefingLoaded(read_for_review(self.app.library, self.briefing_id)))  # type: ignore[attr-defined]

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A briefing that cannot be read (damaged beyond recovery) sends the analyst back.

        The app reports the error itself; this screen just must not sit on "Opening…".
        """
        if event.worker.name == "open the briefing" and event.state == WorkerState.ERROR:
            self.app.report_warnings()  # type: ignore[attr-defined]
            self.app.show_library()  # type: ignore[attr-defined]

    def on_review_screen_briefing_loaded(self, message: BriefingLoaded) -> None:
        if self.briefing is None:
            # While it is open, the store keeps its latest version at hand: found damaged, the
            # briefing is written back from it, never rolled back to a backup or lost.
            self.app.library.pin(self.briefing_id)  # type: ignore[attr-defined]
        self.briefing = message.opened.briefing
        self._version = message.opened.version
        self._saved_position = message.opened.position
        if self._start_paragraph is None and not self._start_words:
            self._start_paragraph = message.opened.position  # back where the analyst left it
        self.app.report_warnings()  # type: ignore[attr-defined]
        self.article_view.load(self.briefing.article.paragraphs, self.briefing.annotation, self.tags)
        self.query_one(TagLegend).show(self.tags)
        self._go_to_start()
        if self.focused is None:
            # Focus set while the screen was still being laid out can be lost; the article is
            # where the analyst starts.
            self.article_view.focus()
        self.refresh_bars()
        self.refresh_questions()
        self._take_extraction(message.opened.extraction)
        self.call_after_refresh(self.look_for_same_story)  # after the article is painted

    def _take_extraction(self, cached: Extraction | None) -> None:
        """Fill the panes from the cached extraction, or say they are coming and extract."""
        assert self.briefing is not None
        if cached is not None:
            self.on_review_screen_extraction_ready(self.ExtractionReady(cached, extraction_subject(self.briefing.article)))
            return
        for pane in (self.query_one(ActorsPane), self.query_one(NumbersPane)):
            pane.show_message("Reading the article…")
        # Extraction starts after the article is painted, so loading spaCy never delays it.
        self.call_after_refresh(self._extract)

    def _go_to_start(self) -> None:
        """Put the cursor where the screen was asked to open, with the words marked."""
        assert self.briefing is not None
        start = self._start_paragraph
        if self._start_words:
            self.search.run(self._start_words, self.briefing.article.paragraphs)
            self.search.go_from(start or 0)
            self.article_view.set_highlights(self.search.highlights())
            if start is None and self.search.current is not None:
                start = self.search.current.paragraph
        if start is not None and self.article_view.is_visible(start):
            self.article_view.cursor = start

    # ----------------------------------------------------------------- following the disk

    def _follow_disk(self) -> None:
        """Every second, unless an edit of ours is still on its way to the disk, check whether
        another window or an import has changed the briefing."""
        queue = self.app.save_queue  # type: ignore[attr-defined]
        if self.briefing is not None and queue is not None and not queue.pending_for(self.briefing_id):
            self._check_disk(self._version, self._edits)

    @work(thread=True, exclusive=True, exit_on_error=False, group="follow", name="follow the briefing on disk")
    def _check_disk(self, known: int, edits: int) -> None:
        library = self.app.library  # type: ignore[attr-defined]
        try:
            if library.version(self.briefing_id) != known:
                self.post_message(self.ChangedOnDisk(read_for_review(library, self.briefing_id), edits))
        except BriefingNotFound:
            self.post_message(self.ChangedOnDisk(None, edits))
        except (StoreError, OSError):
            pass  # busy, being repaired, or the disk is unwell: the next check will see

    def on_review_screen_changed_on_disk(self, message: ChangedOnDisk) -> None:
        """Show the version on disk, so that what is on screen is what is saved."""
        queue = self.app.save_queue  # type: ignore[attr-defined]
        if self.briefing is None or queue.pending_for(self.briefing_id) or message.edits != self._edits:
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
        if restored:
            self.notify("This briefing is back (restored in another window): changes are saved again.", title="Restored", timeout=8)
            self.refresh_bars()
        if _same_work(previous, opened.briefing):
            # Read again for nothing new (its cached copy had been let go, or it was restored):
            # the briefing on screen, which the article view draws from, stays.
            return
        self.briefing = opened.briefing
        if opened.briefing.article.content_hash == previous.article.content_hash:
            self.article_view.set_annotations(self.briefing.annotation)
            news = "Changes saved by another window are shown."
            if opened.briefing.article.extraction_basis != previous.article.extraction_basis:
                self._extract_again()
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
            self._take_extraction(opened.extraction)
            news = "The article was re-imported: notes and tags moved with their paragraphs."
        if opened.briefing.summary != previous.summary:
            self._reload_summary_screen(opened.briefing.summary, saved_elsewhere=True)
        self.refresh_bars()
        self.refresh_questions()
        self.notify(news, title="Updated", timeout=5)

    @work(thread=True, exit_on_error=False, name="extract actors and numbers", exclusive=True, group="extract")
    def _extract(self) -> None:
        from store.batch import cached_or_extracted
        from tui.app import shared_extractor

        assert self.briefing is not None
        library = self.app.library  # type: ignore[attr-defined]
        article = self.briefing.article
        extraction = cached_or_extracted(library, article, installed_pipeline(), shared_extractor)
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
        if self.raw_extraction is None or self.briefing is None:
            return
        decisions = self.app.settings.decisions  # type: ignore[attr-defined]
        self.extraction = apply_decisions(self.raw_extraction, decisions, self.briefing.article, self.briefing.id)
        self.query_one(ActorsPane).show(self.extraction)
        self.query_one(NumbersPane).show(self.extraction)
        self.refresh_questions()

    # ----------------------------------------------------------------- display

    def refresh_bars(self) -> None:
        """Redraw the title and BLUF bars from the briefing and the save state."""
        if self.briefing is None:
            return
        state = self.app.save_state  # type: ignore[attr-defined]
        extra = []
        if self._version == DELETED:
            extra.append("DELETED in another window: changes are not saved")
        if self.filter_label:
            extra.append(f"filter: {self.filter_label} ({len(self.article_view.visible)})")
        if self.search.query:
            extra.append(self.search.status)
        if self.briefing.orphans:
            extra.append(f"{counted(len(self.briefing.orphans), 'orphan')} (O)")
        self.query_one(TitleBar).show(self.briefing, state.status, state.reason, extra)
        self.query_one(BlufBar).show(self.briefing.summary.bluf)

    def refresh_questions(self) -> None:
        """Redraw the questions pane: the analyst's questions and the suggestions not yet used."""
        if self.briefing is None:
            return
        suggestions = None
        if self.extraction is not None:
            suggestions = [s for s in self.extraction.suggestions if s.id not in self.briefing.dismissed]
        self.query_one(QuestionsPane).show(list(self.briefing.questions.values()), suggestions)

    def on_screen_resume(self) -> None:
        self.refresh_bars()

    def on_unmount(self) -> None:
        if self.briefing is not None:
            self.app.library.unpin(self.briefing_id)  # type: ignore[attr-defined]

    # ----------------------------------------------------------------- changes

    def apply_edit(self, edit: BriefingEdit, *, record: bool = True, made_against: str | None = None) -> bool:
        """Apply a change to the open briefing, queue it for saving, and show it; False when it
        is refused (the analyst is told why).

        `made_against` is the content hash of the article the change was made on, when that
        was earlier than now (a dialog opened before a re-import, an undo): paragraph numbers
        of another version would name other paragraphs, so such a change is refused.
        """
        assert self.briefing is not None
        current = self.briefing.article.content_hash
        if self._version == DELETED:
            self.notify("Not done: this briefing was deleted in another window.", severity="warning", timeout=5)
            return False
        if made_against is not None and made_against != current:
            self.notify(
                f"Not done: {edit.describe()} was made on an earlier version of the article (re-imported since).",
                severity="warning",
                timeout=8,
                markup=False,
            )
            return False
        if not self.app.submit(self.briefing.id, edit, record=record, article_hash=current):  # type: ignore[attr-defined]
            return False
        self._edits += 1
        basis = self.briefing.article.extraction_basis
        edit.apply(self.briefing)
        self.show_edit(edit)
        if self.briefing.article.extraction_basis != basis:
            self._extract_again()
        return True

    def apply_library_edit(self, edit: LibraryEdit, *, record: bool = True) -> bool:
        """Apply a change to the library's settings (actor decisions, taxonomy) and show it;
        False when it cannot be saved."""
        if not self.app.submit(None, edit, record=record, scope=self.briefing_id):  # type: ignore[attr-defined]
            return False
        self.show_settings()
        return True

    def show_edit(self, edit: BriefingEdit) -> None:
        """Redraw what an edit changed."""
        paragraph = getattr(edit, "paragraph", None)
        if paragraph is not None:
            self.article_view.refresh_paragraph(paragraph)
        elif not isinstance(edit, SetSummary):
            self.refresh_questions()
        self.refresh_bars()  # the BLUF bar among them

    def show_settings(self) -> None:
        """Redraw after the taxonomy or the actor decisions changed."""
        self.article_view.set_tags(self.tags)
        self.query_one(TagLegend).show(self.tags)
        self.show_extraction()

    def commit_summary(self, summary: Summary, previous: Summary, made_against: str | None = None) -> Summary | None:
        """Save a new version of the summary, made from `previous`; return the summary as it
        then is (merged with another window's, if that changed it since `previous`), or None
        when it is refused.

        Called by the summary screen, which was opened on the article with content hash
        `made_against`: its judgments cite paragraphs of it.
        """
        assert self.briefing is not None
        if self.apply_edit(SetSummary(summary, previous), made_against=made_against):
            return self.briefing.summary
        return None

    # ----------------------------------------------------------------- tags and review

    def action_toggle_tag(self, key: str) -> None:
        """Toggle the tag with this key on the paragraph under the cursor."""
        tag = next((tag for tag in self.tags if tag.key == key), None)
        if tag is None:
            self.notify(f"No tag has the key {key}.", severity="warning", timeout=3)
            return
        self.toggle_tag(tag.id)

    def toggle_tag(self, tag_id: str) -> None:
        """Put the tag on the current paragraph, or take it off."""
        if self.briefing is None:
            return
        index = self.article_view.cursor
        has_tag = tag_id in self.briefing.annotation(index).tags
        self.apply_edit(RemoveTag(index, tag_id) if has_tag else AddTag(index, tag_id))

    def action_pick_tag(self) -> None:
        """Choose a tag by name, typing to filter, and toggle it."""
        if self.briefing is None:
            return
        current = self.briefing.annotation(self.article_view.cursor).tags
        items = [
            PickItem(tag.id, f"{'✓ ' if tag.id in current else '  '}{tag.name}", f"key {tag.key}" if tag.key else tag.description)
            for tag in self.tags
        ]
        self.app.push_screen(PickList("Toggle a tag", items), lambda tag_id: tag_id and self.toggle_tag(tag_id))

    def action_done_next(self) -> None:
        """Mark the paragraph reviewed and move to the next one."""
        if self.briefing is None:
            return
        index = self.article_view.cursor
        if not self.briefing.annotation(index).reviewed:
            self.apply_edit(SetReviewed(index, True))
        self.article_view.action_move(1)

    def action_toggle_reviewed(self) -> None:
        """Mark the paragraph under the cursor not reviewed (or reviewed), staying on it."""
        if self.briefing is None:
            return
        index = self.article_view.cursor
        reviewed = self.briefing.annotation(index).reviewed
        if self.apply_edit(SetReviewed(index, not reviewed)):
            self.notify(f"¶{index + 1} marked {'not reviewed' if reviewed else 'reviewed'}.", timeout=2)

    # ----------------------------------------------------------------- the article's facts

    def action_facts(self) -> None:
        """Correct the article's title, source, author, date or address."""
        from tui.screens.facts import FactsEditor

        if self.briefing is None:
            return
        article = self.briefing.article
        previous = article.facts

        def save(facts: ArticleFacts | None) -> None:
            if facts is not None and facts != previous:
                self.apply_edit(SetFacts(facts, previous))

        self.app.push_screen(FactsEditor(previous, article.as_read), save)

    def _extract_again(self) -> None:
        """The article's date or source changed: what extraction resolved against them is stale
        (relative dates, datelines), so the panes are filled again from a fresh extraction."""
        self.raw_extraction = self.extraction = None
        self._take_extraction(None)

    # ----------------------------------------------------------------- notes and questions

    def action_note(self) -> None:
        """Write or edit the note on the current paragraph."""
        if self.briefing is None:
            return
        index = self.article_view.cursor
        previous = self.briefing.annotation(index).note
        made_against = self.briefing.article.content_hash

        def save(note: str | None) -> None:
            if note is not None and note != previous:
                self.apply_edit(SetNote(index, note, previous), made_against=made_against)

        self.app.push_screen(NoteEditor(f"Note on ¶{index + 1}", previous), save)

    def _actor_names(self, paragraph: int | None = None) -> list[str]:
        if self.extraction is None:
            return []
        actors = self.extraction.actors
        if paragraph is not None:
            actors = tuple(sorted(actors, key=lambda actor: paragraph not in actor.paragraphs))
        return [actor.name for actor in actors]

    def _edit_question(self, question: Question, previous: Question | None) -> None:
        paragraph = self.article_view.cursor if previous is None and question.paragraph is None else question.paragraph
        names = self._actor_names(paragraph)
        if self.extraction is not None:  # the names it was asked with, as the actors are called now
            question = replace(question, actors=tuple(dict.fromkeys(map(self.extraction.current_name, question.actors))))
        assert self.briefing is not None
        made_against = self.briefing.article.content_hash

        def save(result: Question | None) -> None:
            if result is not None and result != previous:
                self.apply_edit(PutQuestion(result, previous), made_against=made_against)

        self.app.push_screen(QuestionEditor(question, paragraph=paragraph, actors=names), save)

    def action_ask(self) -> None:
        """Ask a new open question, tied to the current paragraph if the analyst wants."""
        if self.briefing is not None:
            self._edit_question(Question(new_id(), "", created=now_iso()), None)

    def action_edit_question(self) -> None:
        """Edit, answer or reopen the question under the cursor; promote a suggestion."""
        pane = self.query_one(QuestionsPane)
        if (question := pane.highlighted_question) is not None:
            self._edit_question(question, question)
        elif (suggestion := pane.highlighted_suggestion) is not None:
            promoted = Question(
                new_id(),
                suggestion.question,
                paragraph=suggestion.paragraph,
                suggestion=suggestion.id,
                created=now_iso(),
            )
            self._edit_question(promoted, None)
        else:
            self._no_question_highlighted()

    def action_remove_question(self) -> None:
        """Delete the question under the cursor, or dismiss the suggestion."""
        pane = self.query_one(QuestionsPane)
        if (question := pane.highlighted_question) is not None:
            self.apply_edit(DeleteQuestion(question))
        elif (suggestion := pane.highlighted_suggestion) is not None:
            self.apply_edit(DismissSuggestion(suggestion.id))
        else:
            self._no_question_highlighted()

    def _no_question_highlighted(self) -> None:
        # Reached from the palette with the cursor elsewhere: say where to go.
        self.notify("Put the cursor on a question or a suggestion first (Tab to the questions pane).", severity="warning", timeout=4)

    def action_orphans(self) -> None:
        """List the orphans, to re-attach them to the current paragraph or discard them."""
        from briefings.orphans import reattach
        from tui.screens.orphans import OrphansScreen

        if self.briefing is None:
            return
        briefing = self.briefing
        paragraph = self.article_view.cursor
        made_against = briefing.article.content_hash

        def put_back(orphan: Orphan) -> None:
            assert self.briefing is not None
            self.apply_edit(reattach(self.briefing, orphan, paragraph), made_against=made_against)
            self.article_view.refresh_paragraph(paragraph)
            self.refresh_questions()

        def discard(orphan: Orphan) -> None:
            self.apply_edit(DiscardOrphan(orphan), made_against=made_against)

        self.app.push_screen(OrphansScreen(briefing, paragraph, put_back, discard))

    # ----------------------------------------------------------------- summary and export

    def action_summary(self) -> None:
        """Open the summary screen."""
        from tui.screens.summary import SummaryScreen

        if self.briefing is not None:
            made_against = self.briefing.article.content_hash
            self.app.push_screen(
                SummaryScreen(self.briefing, lambda summary, previous: self.commit_summary(summary, previous, made_against))
            )

    def action_export(self) -> None:
        """Export the briefing (format, path and preview in a dialog)."""
        from tui.screens.export import ExportDialog

        if self.briefing is not None:
            self.app.push_screen(ExportDialog(self.briefing, self.extraction))

    def _reload_summary_screen(self, summary: Summary, *, saved_elsewhere: bool = False) -> None:
        """Show `summary` on an open summary screen: always after an undo or redo; when another
        window saved it, only if the analyst has no typing there not committed yet."""
        from tui.screens.summary import SummaryScreen

        for screen in self.app.screen_stack:
            if isinstance(screen, SummaryScreen):
                if saved_elsewhere:
                    screen.saved_elsewhere(summary)
                else:
                    screen.reload(summary)

    # ----------------------------------------------------------------- navigation

    @on(Chosen)
    def jump_to_entry(self, message: Chosen) -> None:
        """Go to the next paragraph of the chosen entry and mark its mentions."""
        highlights: dict[int, list[Highlight]] = {}
        for mention in message.mentions:
            highlights.setdefault(mention.paragraph, []).append(Highlight(mention.start, mention.end, "mention"))
        view = self.article_view
        view.set_highlights(highlights)
        if not message.paragraphs:
            return
        if any(not view.is_visible(index) for index in message.paragraphs):
            view.set_filter(None)
            self.filter_label = ""
            self.refresh_bars()
        later = [index for index in message.paragraphs if index > view.cursor]
        view.cursor = later[0] if later else message.paragraphs[0]

    def action_back(self) -> None:
        """Escape: clear marks, then the filter, then from a pane back to the article, then back
        to the library."""
        if self.search.query or self.article_view.has_highlights:
            self.search.clear()
            self.article_view.set_highlights({})
            self.refresh_bars()
        elif self.filter_label:
            self._apply_filter("all")
            self.notify("Filter cleared: every paragraph is shown.", timeout=2)
        elif self.focused is not self.article_view:
            self.article_view.focus()
        else:
            self.app.show_library()  # type: ignore[attr-defined]

    # ----------------------------------------------------------------- palette

    def palette_commands(self) -> Iterator[PaletteCommand]:
        """Commands that take an argument: one per tag, one per actor correction."""
        for tag in self.tags:
            key = f" ({tag.key})" if tag.key else ""
            yield f"tag: toggle {tag.name}{key}", tag.description, lambda tag_id=tag.id: self.toggle_tag(tag_id)
        for action in ("rename", "merge", "split", "kind", "hide"):
            yield f"actors: {action} the highlighted actor", "in the actors pane", lambda a=action: self.action_actor(a)
        yield "questions: edit, answer or promote the highlighted question", "in the questions pane (e)", self.action_edit_question
        yield "questions: delete the question or dismiss the suggestion", "in the questions pane (d)", self.action_remove_question
        for tag_filter in BASIC_FILTERS:
            yield f"filter: {tag_filter.label}", "", lambda v=tag_filter.value: self._apply_filter(v)

