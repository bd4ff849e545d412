"""A list of extracted entries (actors, numbers, questions) in a side pane.

An `OptionList` with markup off, vim keys, and a loading state. Prompts are Rich `Text` built
from plain strings, so names and sentences from the article are never parsed as markup.
"""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.widgets import OptionList
from textual.widgets.option_list import Option


class EntryList(OptionList):
    """Base of the side panes: a keyboard-driven list of entries with a loading state."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False, id="pane.down"),
        Binding("k", "cursor_up", "Up", show=False, id="pane.up"),
        Binding("g", "first", "First", show=False, id="pane.first"),
        Binding("G", "last", "Last", show=False, id="pane.last"),
    ]
    """
    | Key | Action |
    | :- | :- |
    | j, k | Move down, up. |
    | g, G | First, last entry. |
    | enter | Jump to the entry's paragraph. |
    """

    DEFAULT_CSS = """
    EntryList {
        height: 1fr;
        border: round $panel-lighten-2;
        border-title-color: $text;
        background: $surface;
        padding: 0 0;
        /* A reserved scrollbar column keeps the width entries are measured at equal to the
           width they are drawn at; otherwise wrapped lines of an entry get cut off. */
        scrollbar-gutter: stable;
    }
    EntryList:focus { border: round $accent; }
    EntryList > .option-list--option-disabled { color: $text-muted; }
    """

    def __init__(self, title: str, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self._title = title
        self.border_title = title

    def show_message(self, message: str) -> None:
        """Replace the entries with one disabled line, such as a loading notice."""
        self.clear_options()
        self.add_option(Option(Text(message, style="italic"), disabled=True))
        self.border_title = self._title

    def set_count(self, count: int, extra: str = "") -> None:
        """Show the number of entries in the border title (numbers only: titles are markup)."""
        self.border_title = f"{self._title} {count}{extra}"
