"""The question editor: ask, edit, answer or reopen an open question."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Checkbox, Input, SelectionList, Static

from briefings.briefing import Question
from briefings.cleaning import clean_text
from tui.screens.dialogs import EDITOR_HINT, EditorDialog, dialog_css


def _line(text: str) -> str:
    return " ".join(clean_text(text).split())


class QuestionEditor(EditorDialog[Question]):
    """Edit every field of a question; Escape or Ctrl+S saves (see `EditorDialog`)."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="question.save"),
        Binding("escape", "close", "Save and close", id="question.cancel"),
    ]
    DEFAULT_CSS = dialog_css("QuestionEditor") + """
    QuestionEditor SelectionList { height: auto; max-height: 8; }
    QuestionEditor .field-label { color: $text-muted; padding: 1 0 0 0; }
    QuestionEditor #question-error { color: $error; }
    """

    def __init__(self, question: Question, *, paragraph: int | None, actors: Sequence[str]) -> None:
        """
        Args:
            question: The question to edit (a new one has empty text).
            paragraph: The paragraph the question can be tied to (the cursor's), if any.
            actors: Actor names the question can concern.
        """
        super().__init__()
        self._question = question
        self._paragraph = question.paragraph if question.paragraph is not None else paragraph
        self._actors = list(dict.fromkeys([*question.actors, *actors]))

    def compose(self) -> ComposeResult:
        question = self._question
        with Vertical():
            yield Static("Open question", classes="dialog-title", markup=False)
            yield Input(question.text, placeholder="What is still unknown?", id="question-text")
            if self._paragraph is not None:
                yield Checkbox(f"About ¶{self._paragraph + 1}", value=question.paragraph is not None or not question.text, id="question-paragraph")
            if self._actors:
                yield Static("Concerns", classes="field-label", markup=False)
                yield SelectionList[str](
                    *((name, name, name in question.actors) for name in self._actors),
                    id="question-actors",
                )
            yield Checkbox("Answered", value=question.status == "answered", id="question-answered")
            yield Input(question.answer, placeholder="answer", id="question-answer")
            yield Input(question.answer_source, placeholder="where the answer came from", id="question-source")
            yield Static("", id="question-error", markup=False)
            yield Static(EDITOR_HINT, classes="dialog-hint", markup=False)

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#question-text", Input).focus()

    def state(self) -> object:
        values = [widget.value for widget in self.query(Input)] + [box.value for box in self.query(Checkbox)]
        if self._actors:
            values.append(tuple(self.query_one("#question-actors", SelectionList).selected))
        return values

    def show_error(self, reason: str) -> None:
        self.query_one("#question-error", Static).update(reason)

    def result(self) -> Question:
        """The question as the fields give it; ValueError without its text."""
        text = _line(self.query_one("#question-text", Input).value)
        if not text:
            raise ValueError("Write the question first.")
        answer = _line(self.query_one("#question-answer", Input).value)
        answered = self.query_one("#question-answered", Checkbox).value
        paragraph = None
        if self._paragraph is not None and self.query_one("#question-paragraph", Checkbox).value:
            paragraph = self._paragraph
        actors: tuple[str, ...] = ()
        if self._actors:
            actors = tuple(self.query_one("#question-actors", SelectionList).selected)
        return replace(
            self._question,
            text=text,
            paragraph=paragraph,
            actors=actors,
            status="answered" if answered else "open",
            answer=answer,
            answer_source=_line(self.query_one("#question-source", Input).value),
        )
