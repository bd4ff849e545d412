"""Small modal dialogs that return a value through `dismiss`, as Frogmouth's do.

- `EditorDialog`: the base of every dialog the analyst writes in (note, question, judgment, tag,
  the article's facts), which keeps one rule for Escape: see `ESCAPE_RULE`.
- `NoteEditor`: a multi-line note.
- `TextPrompt`: one line of text (rename, add an actor, search).
- `PickList`: choose one item from a list, typing to filter.
- `ConfirmDialog`: yes or no.

Every label and item is plain text: names and sentences from articles are never markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from briefings.cleaning import clean_text

DIALOG_CSS = """
{name} {{ align: center middle; }}
{name} > Vertical {{
    width: 80; max-width: 95%; height: auto; max-height: 90%;
    border: round $accent; background: $surface; padding: 0 1;
}}
{name} .dialog-title {{ text-style: bold; padding: 0 0 1 0; }}
{name} .dialog-hint {{ color: $text-muted; padding: 1 0 0 0; }}
"""


def dialog_css(name: str) -> str:
    """The shared look of a dialog, for one dialog class."""
    return DIALOG_CSS.format(name=name)


#: The one rule for Escape wherever the analyst types, as the help screen and the hints say it.
ESCAPE_RULE = "Escape saves what you typed and closes (u undoes); what cannot be saved as it is, Brief asks about."
#: The hint under an editor.
EDITOR_HINT = "Escape or Ctrl+S saves and closes · u undoes"

Result = TypeVar("Result")


class EditorDialog(ModalScreen[Result | None], Generic[Result]):
    """A dialog the analyst writes in. Escape never loses what was typed (`ESCAPE_RULE`).

    Escape saves and closes, as Ctrl+S does; with nothing changed it just closes. When what
    was typed cannot be saved as it stands (a judgment resting on paragraph 99 of 15, a tag
    without a name), the dialog says why and asks whether to keep editing or discard it,
    rather than dropping it. Subclasses give `changed` and `result`; `dismiss(None)` means
    "nothing to save".
    """

    def on_mount(self) -> None:
        self._initial = self.state()

    def state(self) -> object:
        """What the fields hold now, to tell whether anything was typed since the dialog opened."""
        raise NotImplementedError

    def result(self) -> Result:
        """What to save, from the fields; raises ValueError with the reason when it cannot be saved."""
        raise NotImplementedError

    def show_error(self, reason: str) -> None:
        """Show why the fields cannot be saved (subclasses with an error line override this)."""
        self.notify(reason, severity="warning", timeout=6, markup=False)

    @property
    def changed(self) -> bool:
        """True when something was typed or chosen since the dialog opened."""
        return self.state() != getattr(self, "_initial", None)

    def _try_save(self) -> str | None:
        """Close with the result; else show the reason and return it."""
        try:
            value = self.result()
        except ValueError as error:
            self.show_error(str(error))
            return str(error)
        self.dismiss(value)
        return None

    def action_save(self) -> None:
        """Ctrl+S: save and close (or show why it cannot be saved)."""
        self._try_save()

    def action_close(self) -> None:
        """Escape: save what was typed and close; if it cannot be saved, ask before dropping it."""
        if not self.changed:
            self.dismiss(None)
            return
        reason = self._try_save()
        if reason is None:
            return

        def answer(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(
            ConfirmDialog(f"This cannot be saved as it is. {reason}\nDiscard what you typed?", yes="Discard", no="Keep editing"),
            answer,
        )

    def save_for_quit(self) -> bool:
        """Quitting saves what was typed; False when it cannot be saved as it is, which stops
        the quit (see `tui.app.SavesOnQuit`)."""
        if not self.changed:
            self.dismiss(None)
            return True
        return self._try_save() is None


class NoteEditor(EditorDialog[str]):
    """Write or edit the note on a paragraph; an empty note removes it."""

    BINDINGS = [
        Binding("escape", "close", "Save and close", id="note.close"),
        Binding("ctrl+s", "save", "Save", id="note.save"),
    ]
    DEFAULT_CSS = dialog_css("NoteEditor") + "NoteEditor TextArea { height: 10; }"

    def __init__(self, title: str, note: str) -> None:
        super().__init__()
        self._title = title
        self._note = note

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self._title, classes="dialog-title", markup=False)
            yield TextArea(self._note, soft_wrap=True, id="note-text")
            yield Static(f"{EDITOR_HINT} · an empty note removes it", classes="dialog-hint", markup=False)

    def on_mount(self) -> None:
        super().on_mount()
        editor = self.query_one(TextArea)
        editor.focus()
        editor.move_cursor(editor.document.end)

    def state(self) -> object:
        return self.query_one(TextArea).text

    def result(self) -> str:
        """The cleaned note."""
        return clean_text(self.query_one(TextArea).text).strip()


class TextPrompt(ModalScreen[str | None]):
    """Ask for one line of text; Enter accepts. Escape keeps to `ESCAPE_RULE`: text typed here
    is accepted as Enter would; with nothing typed, nothing is done."""

    BINDINGS = [Binding("escape", "close", "Close", id="prompt.cancel")]
    DEFAULT_CSS = dialog_css("TextPrompt")

    def __init__(self, title: str, value: str = "", *, placeholder: str = "", hint: str = "") -> None:
        super().__init__()
        self._title = title
        self._value = value
        self._placeholder = placeholder
        self._hint = hint

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self._title, classes="dialog-title", markup=False)
            yield Input(self._value, placeholder=self._placeholder, id="prompt-input")
            if self._hint:
                yield Static(self._hint, classes="dialog-hint", markup=False)

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted)
    def accept(self, event: Input.Submitted) -> None:
        """Enter: return the cleaned text (None when empty)."""
        event.stop()
        self.dismiss(_one_line(event.value) or None)

    def action_close(self) -> None:
        """Escape: the typed text, as Enter gives it; nothing when nothing was typed."""
        value = _one_line(self.query_one(Input).value)
        self.dismiss(value if value and value != _one_line(self._value) else None)


def _one_line(text: str) -> str:
    return " ".join(clean_text(text).split())


@dataclass(frozen=True, slots=True)
class PickItem:
    """One choice: the value returned, the label shown, and an optional detail line."""

    value: str
    label: str
    detail: str = ""


class PickList(ModalScreen[str | None]):
    """Choose one item; typing filters the list; Enter picks, Escape cancels."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="pick.cancel"),
        Binding("down", "move(1)", "Down", show=False, id="pick.down"),
        Binding("up", "move(-1)", "Up", show=False, id="pick.up"),
    ]
    DEFAULT_CSS = dialog_css("PickList") + "PickList OptionList { height: auto; max-height: 20; }"

    def __init__(self, title: str, items: Sequence[PickItem], *, hint: str = "Type to filter · Enter picks · Escape cancels") -> None:
        super().__init__()
        self._title = title
        self._items = list(items)
        self._hint = hint

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self._title, classes="dialog-title", markup=False)
            yield Input(placeholder="filter", id="pick-filter")
            yield OptionList(markup=False, id="pick-options")
            yield Static(self._hint, classes="dialog-hint", markup=False)

    def on_mount(self) -> None:
        self._fill("")
        self.query_one(Input).focus()

    def _fill(self, query: str) -> None:
        options = self.query_one(OptionList)
        options.clear_options()
        words = query.casefold().split()
        for item in self._items:
            haystack = f"{item.label} {item.detail}".casefold()
            if all(word in haystack for word in words):
                prompt = Text(item.label)
                if item.detail:
                    prompt.append(f"  {item.detail}", style="dim")
                options.add_option(Option(prompt, id=item.value))
        if options.option_count:
            options.highlighted = 0

    @on(Input.Changed)
    def filter_items(self, event: Input.Changed) -> None:
        """Typing narrows the list."""
        self._fill(event.value)

    @on(Input.Submitted)
    def pick_highlighted(self, event: Input.Submitted) -> None:
        """Enter in the filter picks the highlighted item."""
        event.stop()
        options = self.query_one(OptionList)
        if options.highlighted is not None:
            self.dismiss(options.get_option_at_index(options.highlighted).id)

    @on(OptionList.OptionSelected)
    def pick_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter or a click in the list picks that item."""
        event.stop()
        self.dismiss(event.option.id)

    def action_move(self, delta: int) -> None:
        """Arrow keys move through the list while typing."""
        options = self.query_one(OptionList)
        if options.option_count:
            current = options.highlighted or 0
            options.highlighted = max(0, min(options.option_count - 1, current + delta))

    def action_cancel(self) -> None:
        """Escape: pick nothing."""
        self.dismiss(None)


class ConfirmDialog(ModalScreen[bool]):
    """Ask a yes-or-no question; y/Enter confirms, n/Escape declines."""

    BINDINGS = [
        Binding("y", "answer(True)", "Yes", id="confirm.yes"),
        Binding("n,escape", "answer(False)", "No", id="confirm.no"),
    ]
    DEFAULT_CSS = dialog_css("ConfirmDialog") + "ConfirmDialog Horizontal { height: auto; }"

    def __init__(self, question: str, *, yes: str = "Yes", no: str = "No") -> None:
        super().__init__()
        self._question = question
        self._yes = yes
        self._no = no

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self._question, classes="dialog-title", markup=False)
            with Horizontal():
                yield Button(f"{self._yes} (y)", id="yes", variant="error")
                yield Button(f"{self._no} (n)", id="no")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    @on(Button.Pressed)
    def pressed(self, event: Button.Pressed) -> None:
        """A button answers."""
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        """A key answers."""
        self.dismiss(answer)
