"""A list of extracted entries (actors, numbers, questions) in a side pane.

An `OptionList` with markup off, vim keys, a loading state and type-to-filter: `/` starts a
filter, typed characters narrow the list at once, Enter keeps the filter, Escape clears it.
Prompts are Rich `Text` built from plain strings, so names and sentences from the article are
never parsed as markup.
"""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option, OptionDoesNotExist


class EntryList(OptionList):
    """Base of the side panes: a keyboard-driven list of entries with a loading state."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False, id="pane.down"),
        Binding("k", "cursor_up", "Up", show=False, id="pane.up"),
        Binding("g", "first", "First", show=False, id="pane.first"),
        Binding("G", "last", "Last", show=False, id="pane.last"),
        Binding("slash", "start_filter", "Filter pane", id="pane.filter", key_display="/"),
    ]
    """
    | Key | Action |
    | :- | :- |
    | j, k | Move down, up. |
    | g, G | First, last entry. |
    | / | Filter the entries by typing; Enter keeps the filter, Escape clears it. |
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
        self._title_counts = ""
        self.filter_text = ""
        """Words an entry must contain to be listed (case-insensitive)."""
        self.filtering = False
        """True while typed characters go to the filter."""
        self.border_title = title

    def matches(self, *texts: str) -> bool:
        """True when the entry with these texts passes the filter."""
        words = self.filter_text.casefold().split()
        haystack = " ".join(texts).casefold()
        return all(word in haystack for word in words)

    def refilter(self) -> None:
        """List the entries again with the current filter (subclasses re-render)."""

    @property
    def highlighted_id(self) -> str:
        """The id of the entry under the cursor, or ""."""
        if self.highlighted is None:
            return ""
        return self.get_option_at_index(self.highlighted).id or ""

    def restore_highlight(self, option_id: str) -> None:
        """Put the cursor back on an entry after the list was rebuilt, if it is still there."""
        if option_id:
            try:
                self.highlighted = self.get_option_index(option_id)
            except OptionDoesNotExist:
                pass

    def action_start_filter(self) -> None:
        """Start typing a filter."""
        self.filtering = True
        self._show_title()

    def on_key(self, event: events.Key) -> None:
        """While filtering, printable keys, Backspace, Enter and Escape edit the filter."""
        if not self.filtering:
            return
        if event.key == "escape":
            self.filtering = False
            self.filter_text = ""
        elif event.key == "enter":
            self.filtering = False
        elif event.key == "backspace":
            self.filter_text = self.filter_text[:-1]
        elif event.is_printable and event.character:
            self.filter_text += event.character
        else:
            return
        event.stop()
        event.prevent_default()
        self.refilter()
        self._show_title()

    def show_message(self, message: str) -> None:
        """Replace the entries with one disabled line, such as a loading notice."""
        self.clear_options()
        self.add_option(Option(Text(message, style="italic"), disabled=True))
        self._title_counts = ""
        self._show_title()

    def set_count(self, count: int, extra: str = "") -> None:
        """Show the number of entries in the border title."""
        self._title_counts = f" {count}{extra}"
        self._show_title()

    def _show_title(self) -> None:
        title = f"{self._title}{self._title_counts}"
        if self.filtering or self.filter_text:
            title += f" · /{self.filter_text}" + ("▏" if self.filtering else "")
        # Content, not a str: a str border title is parsed as markup, and the filter is typed text.
        self.border_title = Content(title)
