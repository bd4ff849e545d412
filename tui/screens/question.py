"""The question editor: ask, edit, answer or reopen an open question."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Input, SelectionList, Static

from briefings.briefing import Question
from briefings.cleaning import clean_text
from tui.screens.dialogs import dialog_css


def _line(text: str) -> str:
    return " ".join(clean_text(text).split())


class QuestionEditor(ModalScreen[Question | None]):
    """Edit every field of a question; Ctrl+S saves, Escape cancels."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="question.save"),
        Binding("escape", "cancel", "Cancel", id="question.cancel"),
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
            yield Static("Ctrl+S saves · Escape cancels", classes="dialog-hint", markup=False)

    def on_mount(self) -> None:
        self.query_one("#question-text", Input).focus()

    def action_save(self) -> None:
        """Validate and return the question."""
        text = _line(self.query_one("#question-text", Input).value)
        if not text:
            self.query_one("#question-error", Static).update("Write the question first.")
            return
        answer = _line(self.query_one("#question-answer", Input).value)
        answered = self.query_one("#question-answered", Checkbox).value
        paragraph = None
        if self._paragraph is not None and self.query_one("#question-paragraph", Checkbox).value:
            paragraph = self._paragraph
        actors: tuple[str, ...] = ()
        if self._actors:
            actors = tuple(self.query_one("#question-actors", SelectionList).selected)
        self.dismiss(
            replace(
                self._question,
                text=text,
                paragraph=paragraph,
                actors=actors,
                status="answered" if answered else "open",
                answer=answer,
                answer_source=_line(self.query_one("#question-source", Input).value),
            )
        )

    def action_cancel(self) -> None:
        """Close without changes."""
        self.dismiss(None)

    def save_for_quit(self) -> bool:
        """Quitting saves the question; one without text is dropped (see `tui.app.SavesOnQuit`)."""
        if _line(self.query_one("#question-text", Input).value):
            self.action_save()  # the text is all it checks
        else:
            self.dismiss(None)
        return True
