"""The library screen: every briefing in the library, newest first; Enter opens one."""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from store import IndexEntry


class LibraryScreen(Screen[None]):
    """A table of briefings."""

    PALETTE_AREA = "library"
    BINDINGS = [
        Binding("enter", "open", "Open", id="library.open"),
        Binding("j", "cursor_down", "Down", show=False, id="library.down"),
        Binding("k", "cursor_up", "Up", show=False, id="library.up"),
    ]

    class EntriesLoaded(Message):
        """The index was read (posted from a worker)."""

        def __init__(self, entries: list[IndexEntry]) -> None:
            self.entries = entries
            super().__init__()

    def compose(self) -> ComposeResult:
        yield Static("Brief ▸ Library", id="library-title", markup=False)
        yield DataTable(id="briefings", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column("Title", key="title")
        table.add_column("Source", key="source")
        table.add_column("Date", key="date")
        table.add_column("Reviewed", key="reviewed")
        self._load_entries()

    def on_screen_resume(self) -> None:
        self._load_entries()

    @work(thread=True, exclusive=True, exit_on_error=False, name="read the library")
    def _load_entries(self) -> None:
        entries = self.app.library.entries()  # type: ignore[attr-defined]
        self.post_message(self.EntriesLoaded(entries))

    def on_library_screen_entries_loaded(self, message: EntriesLoaded) -> None:
        table = self.query_one(DataTable)
        selected = table.cursor_row
        table.clear()
        for entry in sorted(message.entries, key=lambda e: e.updated or e.imported, reverse=True):
            table.add_row(
                Text(entry.title, overflow="ellipsis", no_wrap=True),
                Text(entry.source or ""),
                Text(entry.date or ""),
                Text(f"{entry.reviewed}/{entry.paragraphs}"),
                key=entry.id,
            )
        if message.entries:
            table.move_cursor(row=min(selected, len(message.entries) - 1))

    def action_open(self) -> None:
        """Open the briefing under the cursor."""
        from tui.screens.review import ReviewScreen

        table = self.query_one(DataTable)
        if table.row_count:
            key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
            self.app.push_screen(ReviewScreen(str(key)))

    def action_cursor_down(self) -> None:
        self.query_one(DataTable).action_cursor_down()

    def action_cursor_up(self) -> None:
        self.query_one(DataTable).action_cursor_up()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_open()
