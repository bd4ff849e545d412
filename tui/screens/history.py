"""A briefing's history: who changed what, and when, newest first.

Read in a worker (the history can hold thousands of changes); Enter on a change that concerns a
paragraph goes back to the review screen with the cursor on it. Names and details come from
library files and are shown as plain text, never markup.
"""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from briefings.cleaning import clean_text
from briefings.history import HistoryEntry, local_time
from tui.screens.dialogs import dialog_css
from tui.workers import ReportsWorkerErrors


def one_line(text: str) -> str:
    """Untrusted text on one line, without control characters."""
    return " ".join(clean_text(text).split())


def entry_text(entry: HistoryEntry, width: int) -> Text:
    """One change as the list shows it: when, who (padded to `width`), what."""
    text = Text(no_wrap=True, overflow="ellipsis")
    text.append(one_line(local_time(entry.when)), style="dim")
    text.append(f"  {one_line(entry.who):<{width}}  ", style="bold")
    text.append(one_line(entry.describe()))
    return text


class HistoryScreen(ReportsWorkerErrors, ModalScreen[int | None]):
    """The changes to one briefing, newest first; dismissed with the paragraph to go to, or None."""

    BINDINGS = [
        Binding("enter", "go", "Go to the paragraph", id="history.go"),
        Binding("escape,H,q", "dismiss_none", "Close", id="history.close"),
    ]
    DEFAULT_CSS = dialog_css("HistoryScreen") + "HistoryScreen OptionList { height: auto; max-height: 24; }"

    class Read(Message):
        """The history was read (posted from a worker)."""

        def __init__(self, history: list[HistoryEntry]) -> None:
            self.history = history
            super().__init__()

    def __init__(self, briefing_id: str, title: str) -> None:
        super().__init__()
        self._briefing_id = briefing_id
        self._title = title
        self._entries: list[HistoryEntry] = []

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(f"History of “{one_line(self._title)[:60]}” — newest first", classes="dialog-title", markup=False)
            yield OptionList(Option(Text("Reading the history…", style="italic"), disabled=True), markup=False, id="history-list")
            yield Static("Enter goes to the paragraph · Escape closes", classes="dialog-hint", markup=False)

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()
        self._read()

    @work(thread=True, exit_on_error=False, name="read the history")
    def _read(self) -> None:
        queue = self.desk.save_queue
        if queue is not None:
            queue.flush(timeout=2.0)  # changes made a moment ago are on record (unless the disk refuses)
        self.post_message(self.Read(self.desk.history_of(self._briefing_id)))

    def on_history_screen_read(self, message: Read) -> None:
        self._entries = list(reversed(message.history))
        options = self.query_one(OptionList)
        options.clear_options()
        width = max((len(one_line(entry.who)) for entry in self._entries), default=0)
        for number, entry in enumerate(self._entries):
            options.add_option(Option(entry_text(entry, min(width, 24)), id=str(number)))
        if not self._entries:
            options.add_option(Option(Text("No changes on record: this briefing was last changed before Brief kept a history.", style="italic"), disabled=True))
        options.highlighted = 0 if self._entries else None

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_go()

    def action_go(self) -> None:
        """Back to the review screen, on the paragraph the highlighted change concerns."""
        options = self.query_one(OptionList)
        if options.highlighted is None or not self._entries:
            return
        entry = self._entries[int(options.get_option_at_index(options.highlighted).id or 0)]
        if entry.paragraph is None:
            self.notify("That change is not about one paragraph.", timeout=3)
            return
        self.dismiss(entry.paragraph)

    def action_dismiss_none(self) -> None:
        self.dismiss(None)
