"""A list of extracted entries (actors, numbers, questions) in a side pane.

An `OptionList` with markup off, vim keys, a loading state and type-to-filter: `/` starts a
filter, typed characters narrow the list at once, Enter keeps the filter, Escape clears it.
Prompts are Rich `Text` built from plain strings, so names and sentences from the article are
never parsed as markup.

`SteadyOptionList` keeps the cursor on an entry: the first one when the list gets focus with
none highlighted, and the same one (or the one now in its place) when the list is rebuilt after
a change, so that keys acting on "the entry under the cursor" always have one and never jump.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.visual import VisualType
from textual.widgets import OptionList
from textual.widgets.option_list import Option


class Entry(Option):
    """An option that says which entry it lists, when its id alone does not identify it.

    A number's id is its place in the extraction, which another extraction gives to another
    number; its `key` (say, where it is in the article) is what the cursor follows.
    """

    def __init__(self, prompt: VisualType, id: str, key: Hashable) -> None:
        super().__init__(prompt, id=id)
        self.key = key
        """What identifies the entry across rebuilds of the list."""


def entry_key(option: Option) -> Hashable | None:
    """What identifies the entry an option lists: its key, else its id (None for a heading)."""
    return option.key if isinstance(option, Entry) else option.id


class SteadyOptionList(OptionList):
    """An option list whose cursor is on an entry whenever it has focus, and stays on it.

    Keys such as `e` and `d` act on the entry under the cursor: with none highlighted they would
    do nothing, and with the cursor reset by a rebuild the next `Down Down d` would act on the
    wrong entry. Rebuild the list with `set_entries`, never `clear_options` and `add_option`.
    """

    def on_focus(self) -> None:
        """Highlight the first entry when the list gets focus with none highlighted."""
        if self.highlighted is None:
            self.action_first()

    def set_entries(self, options: Iterable[Option | None]) -> None:
        """Replace the options (None for a separator), keeping the cursor on the same entry.

        The cursor follows the entry it was on (by `entry_key`) if it is still listed; otherwise
        it takes the entry now at the same position, clamped to the list, moving off a heading
        downwards (or upwards at the end). With no cursor before, a focused list gets the first.
        """
        before = self.highlighted_option
        key = None if before is None else entry_key(before)
        position = self.highlighted
        self.set_options(options)
        enabled = [index for index, option in enumerate(self.options) if not option.disabled]
        target = None
        if key is not None:
            target = next((index for index in enabled if entry_key(self.options[index]) == key), None)
        if target is None and position is not None and enabled:
            target = next((index for index in enabled if index >= position), enabled[-1])
        if target is None and self.has_focus and enabled:
            target = enabled[0]
        self.highlighted = target


class EntryList(SteadyOptionList):
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
        self.set_entries([Option(Text(message, style="italic"), disabled=True)])
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
