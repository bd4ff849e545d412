"""The article's facts editor: correct the title, source, author, date and address of an article.

Readers take these from the text or the page and sometimes get them wrong or find none (a `.txt`
import without a dateline has no date, so "last Tuesday" cannot be resolved). What the analyst
saves here is one `SetFacts` edit, undone with `u` like any other.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Static

from briefings.facts import fact_text, facts_from_text
from briefings.model import ArticleFacts
from tui.screens.dialogs import EDITOR_HINT, EditorDialog, dialog_css

#: The fields, in the order shown: (field of `ArticleFacts`, label, placeholder).
FIELDS = (
    ("title", "Title", "the headline"),
    ("source", "Source", "publisher or outlet"),
    ("byline", "Author", "the author line"),
    ("date", "Date", "YYYY-MM-DD or 25 March 2015; relative dates are resolved against it"),
    ("url", "Address", "https://…"),
)


class FactsEditor(EditorDialog[ArticleFacts]):
    """Correct an article's title, source, author, date and address (see `EditorDialog`)."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="facts.save"),
        Binding("escape", "close", "Save and close", id="facts.close"),
    ]
    DEFAULT_CSS = dialog_css("FactsEditor") + """
    FactsEditor .field-label { color: $text-muted; }
    FactsEditor #facts-error { color: $error; }
    """

    def __init__(self, facts: ArticleFacts, as_read: ArticleFacts | None) -> None:
        """
        Args:
            facts: The facts as they stand.
            as_read: What the reader found, when the analyst has corrected something (shown beside
                each corrected field, so the original is never out of sight).
        """
        super().__init__()
        self._facts = facts
        self._as_read = as_read

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("The article's facts", classes="dialog-title", markup=False)
            for name, label, placeholder in FIELDS:
                shown = label
                if self._as_read is not None and getattr(self._as_read, name) != getattr(self._facts, name):
                    shown += f"  (read as: {fact_text(self._as_read, name) or 'nothing'})"
                yield Static(shown, classes="field-label", markup=False)
                yield Input(fact_text(self._facts, name), placeholder=placeholder, id=f"facts-{name}", compact=True)
            yield Static("", id="facts-error", markup=False)
            yield Static(EDITOR_HINT, classes="dialog-hint", markup=False)

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#facts-title", Input).focus()

    def _values(self) -> dict[str, str]:
        return {name: self.query_one(f"#facts-{name}", Input).value for name, _, _ in FIELDS}

    def state(self) -> object:
        return self._values()

    def show_error(self, reason: str) -> None:
        self.query_one("#facts-error", Static).update(reason)

    def result(self) -> ArticleFacts:
        """The facts as typed; ValueError saying what is wrong."""
        return facts_from_text(self._values())
