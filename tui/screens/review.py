"""The review screen: the article beside its actors, numbers and open questions.

The screen owns the open briefing. Every change is an edit (see `briefings.edits`): applied here at
once so the screen answers within a frame, handed to the desk's save queue, and recorded for undo.
Loading the briefing and extraction run in thread workers (see `tui.screens.review_follow`); the
panes show a loading state until extraction reports back. The screen is made of parts (following
the disk, notes and questions, actors, find and filter, undo, place, the same story), each typed
against `tui.screens.review_host.ReviewHost`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen

from briefings.briefing import Briefing
from briefings.edits import BriefingEdit, LibraryEdit, SetSummary
from briefings.extraction.model import Extraction
from briefings.summary import Summary
from briefings.taxonomy import Tag
from briefings.wording import counted
from tui.commands import PaletteCommand
from tui.screens.review_actors import ActorCorrections
from tui.screens.review_find import BASIC_FILTERS, FindAndFilter
from tui.screens.review_follow import FollowsDisk
from tui.screens.review_history import WhoDidWhat
from tui.screens.review_host import DELETED
from tui.screens.opening import review_layout
from tui.screens.review_notes import NotesAndQuestions
from tui.screens.review_place import PlaceAndPanes
from tui.screens.review_same import SameStoryBar
from tui.screens.review_tags import TagsAndReview
from tui.screens.review_undo import UndoRedo
from tui.search import ArticleSearch
from tui.widgets.article_view import ArticleView
from tui.widgets.paragraph_lines import Highlight
from tui.widgets.bars import BlufBar, TagLegend, TitleBar
from tui.workers import FOLLOW_SECONDS, ReportsWorkerErrors

if TYPE_CHECKING:
    from textual.timer import Timer

    from store import Opened
    from tui.widgets.panes import Chosen

TAG_BINDINGS = [
    Binding(key, f"toggle_tag('{key}')", "Tag", id=f"review.tag-{key}", show=key == "1", key_display="1-9")
    for key in "123456789"
]


class ReviewScreen(
    FollowsDisk, TagsAndReview, NotesAndQuestions, SameStoryBar, ActorCorrections, FindAndFilter, UndoRedo, PlaceAndPanes, WhoDidWhat, ReportsWorkerErrors, Screen[None]
):
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
        Binding("H", "history", "History", id="review.history", show=False),
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
    | H | History: who changed what, and when, newest first (Enter goes to the paragraph). |
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

    def __init__(self, briefing_id: str, opened: Opened | None = None, *, paragraph: int | None = None, words: str = "") -> None:
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
        self.built = False
        """True once the panes and bars are mounted, after the first frame (see `PaintsFirst`)."""
        self._cached_extraction: Extraction | None = None
        """The extraction read with the briefing, shown once the panes are mounted."""

    def compose(self) -> ComposeResult:
        # The first frame draws the title and the article; the panes, the bars below the article
        # and the footer are mounted after it (`PlaceAndPanes.build`), into the room kept for them.
        yield from review_layout()

    @property
    def article_view(self) -> ArticleView:
        """The article pane."""
        return self.query_one(ArticleView)

    @property
    def tags(self) -> tuple[Tag, ...]:
        """The library's taxonomy."""
        return self.desk.settings.tags

    def on_mount(self) -> None:
        if not self.query(ArticleView):  # never composed: the app closed as it was being shown
            return
        self._lay_out_panes()
        self.article_view.show_placeholder("Opening briefing…")
        self.article_view.focus()
        self.call_after_refresh(self.build)
        self.watch(self.app, "save_state", lambda _state: self.refresh_bars(), init=False)
        if self._preloaded is not None:
            self.on_review_screen_briefing_loaded(self.BriefingLoaded(self._preloaded))
            self._preloaded = None
        else:
            self._load_briefing()
        self.set_interval(FOLLOW_SECONDS, self._follow_disk)

    def go_to_start(self) -> None:
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

    # ----------------------------------------------------------------- display

    def refresh_bars(self) -> None:
        """Redraw the title and BLUF bars from the briefing and the save state."""
        if self.briefing is None:
            return
        state = self.face.save_state
        extra = []
        if self._version == DELETED:
            extra.append("DELETED in another window: changes are not saved")
        if self.filter_label:
            extra.append(f"filter: {self.filter_label} ({len(self.article_view.visible)})")
        if self.search.query:
            extra.append(self.search.status)
        if self.briefing.orphans:
            extra.append(f"{counted(len(self.briefing.orphans), 'orphan')} (O)")
        self.query_one(TitleBar).show(self.briefing, state.status if state else "", state.reason if state else "", extra)
        if self.built:
            self.query_one(BlufBar).show(self.briefing.summary.bluf)

    def refresh_questions(self) -> None:
        """Redraw the questions pane: the analyst's questions and the suggestions not yet used."""
        if self.briefing is None or not self.built:
            return
        suggestions = None
        if self.extraction is not None:
            suggestions = [s for s in self.extraction.suggestions if s.id not in self.briefing.dismissed]
        from tui.widgets.panes import QuestionsPane  # mounted after the first frame (`_build`)

        self.query_one(QuestionsPane).show(list(self.briefing.questions.values()), suggestions)

    def on_screen_resume(self) -> None:
        self.refresh_bars()

    def on_unmount(self) -> None:
        if self.briefing is not None:
            self.desk.let_go(self.briefing_id)

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
        if not self.face.submit(self.briefing.id, edit, record=record, article_hash=current):
            return False
        self._edits += 1
        basis = self.briefing.article.extraction_basis
        edit.apply(self.briefing)
        self.note_change(edit)
        self.show_edit(edit)
        if self.briefing.article.extraction_basis != basis:
            self.extract_again()
        return True

    def apply_library_edit(self, edit: LibraryEdit, *, record: bool = True) -> bool:
        """Apply a change to the library's settings (actor decisions, taxonomy) and show it;
        False when it cannot be saved."""
        if not self.face.submit(None, edit, record=record, scope=self.briefing_id):
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
        if self.built:
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

    def reload_summary_screen(self, summary: Summary, *, saved_elsewhere: bool = False) -> None:
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

    def on_chosen(self, message: Chosen) -> None:
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
            self.apply_filter("all")
            self.notify("Filter cleared: every paragraph is shown.", timeout=2)
        elif self.focused is not self.article_view:
            self.article_view.focus()
        else:
            self.face.show_library()

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
        for value, label in BASIC_FILTERS:
            yield f"filter: {label}", "", lambda v=value: self.apply_filter(v)

