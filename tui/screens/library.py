"""The library screen: every briefing in a table to sort, filter, search, open, delete and digest.

The first screen of `brief` when the library has briefings. Reading the index, searching,
deleting, restoring and writing a digest run in thread workers and report back with messages;
the UI thread only sorts and filters rows in memory (a few milliseconds at 10,000 briefings) and
draws the lines on screen (see `tui.widgets.briefing_table`).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, cast

from rich.table import Table
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Input, Static
from textual.worker import get_current_worker

from briefings.cleaning import clean_text
from briefings.wording import counted
from tui.commands import PaletteCommand
from tui.screens.library_actions import DigestAndTrash
from tui.screens.library_follow import FollowsLibrary
from tui.screens.library_inbox import INBOX_BINDINGS, InboxDesk
from tui.screens.library_search import SearchesLibrary
from tui.screens.library_rows import COLUMNS, SORTS, LibraryRow, RowFilter, keep_order, sort_rows
from tui.widgets.bars import SAVE_LABELS
from tui.widgets.briefing_table import RowTable
from tui.widgets.footer import BriefFooter
from tui.workers import ReportsWorkerErrors

if TYPE_CHECKING:
    from store import ActorTally, SaveState

#: The order `s` cycles through: the unsorted default first, then the columns left to right.
SORT_CYCLE = tuple(SORTS)


class LibraryScreen(SearchesLibrary, DigestAndTrash, InboxDesk, FollowsLibrary, ReportsWorkerErrors, Screen[None]):
    """A table of the library's briefings."""

    PALETTE_AREA = "library"
    AUTO_FOCUS = "#briefings"
    BINDINGS = [
        Binding("f", "filter", "Filter", id="library.filter"),
        Binding("slash", "search", "Search", id="library.search", key_display="/"),
        Binding("s", "sort", "Sort", id="library.sort"),
        Binding("S", "reverse", "Reverse sort", id="library.reverse", show=False),
        Binding("space", "mark", "Mark", id="library.mark"),
        Binding("x", "digest", "Digest", id="library.digest"),
        Binding("d,delete", "delete", "Delete", id="library.delete"),
        Binding("u", "undo_delete", "Undo delete", id="library.undo-delete"),
        Binding("A", "actors", "Actors", id="library.actors"),
        Binding("Q", "questions", "Questions", id="library.questions"),
        Binding("escape", "clear", "Clear filter, marks", id="library.clear", show=False),
        *INBOX_BINDINGS,
    ]
    """
    | Key | Action |
    | :- | :- |
    | enter | Open the briefing for review (escape comes back here). |
    | f | Filter by title or source as you type; enter or tab back to the table. |
    | / | Search titles, text, notes, summaries and questions of every briefing. |
    | s, S | Sort by the next column; reverse the order. A click on a header sorts by it. |
    | space | Mark the briefing (for a digest) and move down. |
    | x | Export the marked briefings (or the one under the cursor) as one digest. |
    | d, delete | Delete the briefing (after asking). |
    | u | Bring back the last deleted briefing (while Brief runs). |
    | A | Actors across the library. |
    | Q | Questions across the library. |
    | escape | Clear the filter, then the marks. |

    The inbox, fetching, importing and the same story twice: see `tui.screens.library_inbox`.
    """

    DEFAULT_CSS = """
    LibraryScreen #library-title { height: 1; background: $panel; padding: 0 1; }
    LibraryScreen #library-filter { height: 1; border: none; padding: 0 1; background: $surface; }
    LibraryScreen #library-filter:focus { background: $boost; }
    LibraryScreen #library-detail { height: 1; padding: 0 1; background: $panel-darken-1; }
    LibraryScreen #library-same-story { height: 1; padding: 0 1; background: $panel; display: none; }
    """

    class EntriesLoaded(Message):
        """The index was read and its rows put in order (posted from a worker)."""

        def __init__(self, rows: list[LibraryRow], order: tuple[str, bool], keep: str | None) -> None:
            self.rows = rows
            """One row per briefing, in order."""
            self.order = order
            """The (column, descending) they are sorted by."""
            self.keep = keep
            """A briefing to put the cursor on, or None to stay on the same one."""
            super().__init__()

    class QuestionsCounted(Message):
        """The library's open questions were counted (posted from a worker)."""

        def __init__(self, open_count: int) -> None:
            self.open_count = open_count
            """Questions not answered yet, across the library."""
            super().__init__()



    def __init__(self) -> None:
        super().__init__()
        self._rows: list[LibraryRow] = []
        self._sorted: list[LibraryRow] = []
        self._visible_rows: list[LibraryRow] = []
        self._filter = RowFilter()
        self.sort_column = "recent"
        """The key in `SORTS` the rows are sorted by."""
        self.sort_descending = SORTS["recent"].descending
        """True when the sort is reversed from smallest-first."""
        self.deleted: list[tuple[str, str]] = []
        """(id, title) of briefings deleted while the app runs, the latest last: `u` restores."""
        self.loaded = False
        """True once the index has been read."""
        self.stale = False
        """True while a screen that may change briefings is over this one (read again on return)."""
        self._actor_tally: ActorTally | None = None
        self.open_questions = 0
        """Questions not answered yet across the library (0 until counted)."""

    def compose(self) -> ComposeResult:
        yield Static(id="library-title", markup=False)
        yield Input(placeholder="f: filter by title or source", id="library-filter")
        yield RowTable(COLUMNS, markable=True, empty="Loading the library…", id="briefings")
        yield Static(id="library-same-story", markup=False)
        yield Static(id="library-detail", markup=False)
        yield BriefFooter()

    @property
    def table(self) -> RowTable:
        """The briefings table."""
        return self.query_one("#briefings", RowTable)

    @property
    def filter_input(self) -> Input:
        """The filter box."""
        return self.query_one("#library-filter", Input)

    def on_mount(self) -> None:
        self.table.set_sort(None, False)
        self.watch(self.app, "save_state", self._save_state_changed, init=False)
        self.reload()

    def on_unmount(self) -> None:
        self.stop_fetching()

    def on_screen_resume(self) -> None:
        # Back from a briefing, the search results or a view, figures may have changed; a
        # dialog closing over this screen changed nothing (and re-reading 10,000 rows then would
        # compete with the search the dialog has just started).
        if self.loaded and self.stale:
            self.stale = False
            self.reload()

    def show_settings(self) -> None:
        """Tags renamed in another window: the rows name them again (see `tui.app.ShowsSettings`)."""
        if self.is_current:
            self.reload()
        else:
            self.stale = True

    def _save_state_changed(self, before: SaveState | None, after: SaveState | None) -> None:
        self._show_title()
        # Edits saved while this screen is shown (the last ones of a briefing just left, or
        # some that waited for the disk) change rows: read them again.
        if self.is_current and after is not None and after.status == "saved" and before is not None and before.status != "saved":
            self.reload()

    # ----------------------------------------------------------------- loading

    def reload(self, keep: str | None = None) -> None:
        """Read the index again (in a worker), keeping the rows shown in the order they are in
        and the cursor on the same briefing (or on `keep`).

        Rows already shown keep their order and new ones come first: coming back from a
        briefing just changed, the analyst finds the list as they left it, not with that
        briefing moved to the top of "recently changed".
        """
        self._load_entries((self.sort_column, self.sort_descending), self._sorted, keep)

    @work(thread=True, exclusive=True, group="library-entries", exit_on_error=False, name="read the library")
    def _load_entries(self, order: tuple[str, bool], before: list[LibraryRow], keep: str | None) -> None:
        entries = self.desk.entries()
        tags = {tag.id: tag for tag in self.desk.settings.tags}
        rows = sort_rows([LibraryRow(entry, tags) for entry in entries], *order)
        if before:
            rows = keep_order(rows, before)
        if not get_current_worker().is_cancelled:  # a later reload read the index after this one
            self.post_message(self.EntriesLoaded(rows, order, keep))

    def on_library_screen_entries_loaded(self, message: EntriesLoaded) -> None:
        self.loaded = True
        self._rows = message.rows
        present = {row.key for row in message.rows}
        self.table.marked &= present
        self.table.empty = "No briefing matches the filter." if message.rows else "The library is empty: brief import FILES adds articles."
        keep = message.keep or self.table.cursor_key
        self.decorate_rows(message.rows)
        rows = message.rows
        if message.order != (self.sort_column, self.sort_descending):
            rows = sort_rows(rows, self.sort_column, self.sort_descending)  # sorted again meanwhile
        self._show_sorted(rows, keep, same_rows=False)
        self._count_questions()
        self.read_desk()

    @work(thread=True, exclusive=True, group="library-questions", exit_on_error=False, name="count the questions")
    def _count_questions(self) -> None:
        # Besides the count in the title, this reads the library's text index in the
        # background, so that the first search of the session does not have to.
        questions = self.desk.questions()
        self.post_message(self.QuestionsCounted(sum(question.status == "open" for _, question in questions)))

    def on_library_screen_questions_counted(self, message: QuestionsCounted) -> None:
        self.open_questions = message.open_count
        self._show_title()

    def _resort(self, keep: str | None = None) -> None:
        """Sort every row again by the current order, then filter them."""
        self._show_sorted(sort_rows(self._rows, self.sort_column, self.sort_descending), keep)

    def _show_sorted(self, rows: list[LibraryRow], keep: str | None, *, same_rows: bool = True) -> None:
        self._sorted = rows
        self._filter.reset(rows)
        self.table.set_sort(None if self.sort_column == "recent" else self.sort_column, self.sort_descending)
        self._refilter(keep, same_rows=same_rows)

    def _refilter(self, keep: str | None = None, *, same_rows: bool = True) -> None:
        self._visible_rows = self.inbox_view(self._filter.apply(self.filter_input.value))
        self.table.set_rows(self._visible_rows, keep=keep or self.table.cursor_key, same_rows=same_rows)
        self._show_title()

    def _show_title(self) -> None:
        title = Text(no_wrap=True, overflow="ellipsis")
        title.append("Brief ▸ Library", style="bold")
        title.append(f"  ·  {counted(len(self._rows), 'briefing')}")
        query = self.filter_input.value.strip()
        if query:
            title.append(f"  ·  {self.table.row_count:,} match ")
            title.append(f"“{query}”", style="bold")
        direction = "↓" if self.sort_descending else "↑"
        title.append(f"  ·  sorted by {SORTS[self.sort_column].label} {direction}", style="dim")
        if self.open_questions:
            title.append(f"  ·  {counted(self.open_questions, 'open question')} (Q)")
        self.inbox_title(title)
        if self.table.marked:
            title.append(f"  ·  {len(self.table.marked)} marked (x: digest)", style="bold")
        if self.deleted:
            title.append(f"  ·  u brings back “{self.deleted[-1][1][:40]}”", style="italic")
        bar = Table.grid(expand=True)
        bar.add_column(ratio=1, no_wrap=True, overflow="ellipsis")
        bar.add_column(no_wrap=True, justify="right")
        bar.add_row(title, self._save_label())
        self.query_one("#library-title", Static).update(bar, layout=False)  # one line whatever it says

    def _save_label(self) -> Text:
        """The save state as the review screen shows it, with the reason it is not saved; on the
        right of the title, so that a long title never hides it."""
        label = Text("  ", no_wrap=True)
        state = self.face.save_state
        if state is not None:
            text, style = SAVE_LABELS.get(state.status, (state.status, ""))
            label.append(text, style=style)
            if state.reason:
                label.append(f" ({state.reason})", style=style)
        return label

    # ----------------------------------------------------------------- opening

    @on(RowTable.Highlighted, "#briefings")
    def _show_detail(self, message: RowTable.Highlighted) -> None:
        """The line under the table: the id of the briefing under the cursor (what `brief
        export` and `brief edit` take), where it came from and when."""
        position = self.table.position(message.key) if message.key else None
        row = self.table.rows[position] if position is not None else None
        detail = Text(no_wrap=True, overflow="ellipsis")
        if row is not None:
            entry = cast(LibraryRow, row).entry
            detail.append("id ", style="dim")
            detail.append(entry.id, style="bold")
            for part in (clean_text(entry.origin), f"imported {entry.imported[:10]}" if entry.imported else ""):
                if part:
                    detail.append(f"  ·  {part}", style="dim")
            if entry.questions_open:
                detail.append(f"  ·  {counted(entry.questions_open, 'open question')}", style="dim")
        self.query_one("#library-detail", Static).update(detail, layout=False)

    @on(RowTable.Selected, "#briefings")
    def _open_selected(self, message: RowTable.Selected) -> None:
        self.stale = True
        self.mark_read(message.key)
        self.face.open_briefing(message.key)

    # ----------------------------------------------------------------- filter and sort

    def action_filter(self) -> None:
        """Type to narrow the table by title or source."""
        self.filter_input.focus()

    @on(Input.Changed, "#library-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self._refilter()

    @on(Input.Submitted, "#library-filter")
    def _filter_done(self, event: Input.Submitted) -> None:
        self.table.focus()

    def action_clear(self) -> None:
        """Escape: clear the filter (back to the table), then the marks."""
        if self.filter_input.value:
            self.filter_input.value = ""
        elif self.table.marked:
            self.table.clear_marks()
            self._show_title()
        self.table.focus()

    def action_sort(self) -> None:
        """Sort by the next column (the first column after the last)."""
        following = SORT_CYCLE[(SORT_CYCLE.index(self.sort_column) + 1) % len(SORT_CYCLE)]
        self.sort_by(following)

    def action_reverse(self) -> None:
        """Reverse the order of the rows."""
        self.sort_descending = not self.sort_descending
        self._resort()

    def sort_by(self, column: str, descending: bool | None = None) -> None:
        """Sort by a column, in its natural direction unless told otherwise."""
        self.sort_column = column
        self.sort_descending = SORTS[column].descending if descending is None else descending
        self._resort()

    @on(RowTable.HeaderClicked, "#briefings")
    def _header_clicked(self, message: RowTable.HeaderClicked) -> None:
        if message.column == self.sort_column:
            self.action_reverse()
        else:
            self.sort_by(message.column)

    # ----------------------------------------------------------------- marks and digest

    def action_mark(self) -> None:
        """Mark or unmark the briefing under the cursor, and move down."""
        key = self.table.cursor_key
        if key is None:
            return
        self.table.marked.symmetric_difference_update({key})
        self.table.refresh_key(key)
        self.table.action_move(1)
        self._show_title()

    def _chosen_ids(self) -> list[str]:
        """The marked briefings in table order (marked ones hidden by the filter included)."""
        marked = self.table.marked
        return [row.key for row in self._sorted if row.key in marked]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Undo delete is shown greyed out while there is nothing to bring back."""
        if action == "undo_delete" and not self.deleted:
            return None
        return True

    # ----------------------------------------------------------------- search

    # ----------------------------------------------------------------- views

    def action_actors(self) -> None:
        """Every actor across the library."""
        from tui.screens.actors_view import ActorsView

        self.stale = True
        self.app.push_screen(ActorsView(self._actor_tally), self._keep_actor_tally)

    def _keep_actor_tally(self, tally: ActorTally | None) -> None:
        # Counting the actors of 10,000 briefings takes seconds: the next visit reuses this
        # count if nothing it counted has changed.
        self._actor_tally = tally

    def action_questions(self) -> None:
        """Every analyst question across the library."""
        from tui.screens.questions_view import QuestionsView

        self.stale = True
        self.app.push_screen(QuestionsView())

    # ----------------------------------------------------------------- palette

    def palette_commands(self) -> Iterator[PaletteCommand]:
        """One command per sort order."""
        for column, order in SORTS.items():
            yield f"library: sort by {order.label}", "s cycles, S reverses", lambda c=column: self.sort_by(c)
