"""Every analyst question across the library: its status, its briefing and paragraph.

Open questions come first. Enter opens the briefing at the question's paragraph; the line under
the table shows the whole question with its actors and, once answered, the answer and its
source. The list is read in a worker and read again when the analyst comes back from a briefing.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.style import Style
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Static

from briefings.briefing import Question
from briefings.cleaning import clean_text
from briefings.wording import counted
from store import IndexEntry
from tui.widgets.briefing_table import Cell, Column, RowTable
from tui.widgets.footer import BriefFooter
from tui.workers import ReportsWorkerErrors

OPEN = Style(bold=True, color="yellow")
ANSWERED = Style(dim=True)
COLUMNS = (
    Column("status", "Status", 8),
    Column("question", "Question", min_width=30),
    Column("briefing", "Briefing", 44, drop=1),
    Column("paragraph", "¶", 5, "right"),
)


@dataclass(frozen=True, slots=True)
class QuestionRow:
    """One question as a table row."""

    entry: IndexEntry
    question: Question

    @property
    def key(self) -> str:
        return f"{self.entry.id}/{self.question.id}"

    @property
    def cells(self) -> tuple[Cell, ...]:
        question = self.question
        status = [(question.status, OPEN if question.status == "open" else ANSWERED)]
        paragraph = "" if question.paragraph is None else f"¶{question.paragraph + 1}"
        return status, clean_text(question.text), clean_text(self.entry.title), paragraph


class QuestionsView(ReportsWorkerErrors, Screen[None]):
    """The library's questions."""

    PALETTE_AREA = "questions"
    AUTO_FOCUS = "#questions"
    BINDINGS = [
        Binding("o", "toggle_open", "Open only", id="questions.open-only"),
        Binding("escape", "back", "Back", id="questions.back"),
    ]
    """
    | Key | Action |
    | :- | :- |
    | enter | Open the briefing at the question's paragraph. |
    | o | Show only open questions, or all of them again. |
    | escape | Show all questions again (after o); back to the library. |
    """

    DEFAULT_CSS = """
    QuestionsView #questions-title { height: 1; background: $panel; padding: 0 1; }
    QuestionsView #question-detail { height: auto; max-height: 5; padding: 0 1; background: $panel-darken-1; }
    """

    class QuestionsLoaded(Message):
        """The questions were read (posted from a worker)."""

        def __init__(self, rows: list[QuestionRow]) -> None:
            self.rows = rows
            """Open questions first, then answered ones."""
            super().__init__()

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[QuestionRow] = []
        """Every question in the library."""
        self.open_only = False
        """True while answered questions are hidden."""

    def compose(self) -> ComposeResult:
        yield Static("Brief ▸ Library ▸ Questions", id="questions-title", markup=False)
        yield RowTable(COLUMNS, empty="Reading the questions…", id="questions")
        yield Static(id="question-detail", markup=False)
        yield BriefFooter()

    @property
    def table(self) -> RowTable:
        """The questions table."""
        return self.query_one("#questions", RowTable)

    def on_mount(self) -> None:
        self._load()

    def on_screen_resume(self) -> None:
        self._load()

    @work(thread=True, exclusive=True, exit_on_error=False, name="read the questions")
    def _load(self) -> None:
        found = self.desk.questions()
        rows = [QuestionRow(entry, question) for entry, question in found]
        rows.sort(key=lambda row: row.question.status != "open")
        self.post_message(self.QuestionsLoaded(rows))

    def on_questions_view_questions_loaded(self, message: QuestionsLoaded) -> None:
        self.rows = message.rows
        self.table.empty = "No questions yet: o on a paragraph of a briefing asks one."
        self._show()

    def _show(self) -> None:
        rows = [row for row in self.rows if row.question.status == "open"] if self.open_only else self.rows
        self.table.set_rows(rows, keep=self.table.cursor_key)
        open_count = sum(row.question.status == "open" for row in self.rows)
        title = Text(no_wrap=True, overflow="ellipsis")
        title.append("Brief ▸ Library ▸ Questions", style="bold")
        title.append(f"  ·  {open_count} open, {len(self.rows) - open_count} answered")
        briefings = len({row.entry.id for row in self.rows})
        title.append(f"  ·  in {counted(briefings, 'briefing')}")
        if self.open_only:
            title.append("  ·  showing open ones only (o shows all)", style="italic")
        self.query_one("#questions-title", Static).update(title, layout=False)
        self._show_detail(self.table.cursor_key)

    def action_toggle_open(self) -> None:
        """Show only the open questions, or all of them."""
        self.open_only = not self.open_only
        self._show()

    def action_back(self) -> None:
        """Escape: show every question again when only open ones are shown; else back."""
        if self.open_only:
            self.action_toggle_open()
        else:
            self.app.pop_screen()

    def _row(self, key: str | None) -> QuestionRow | None:
        position = self.table.position(key) if key is not None else None
        return self.table.rows[position] if position is not None else None  # type: ignore[return-value]

    @on(RowTable.Highlighted, "#questions")
    def _highlighted(self, message: RowTable.Highlighted) -> None:
        self._show_detail(message.key)

    def _show_detail(self, key: str | None) -> None:
        row = self._row(key)
        detail = Text()
        if row is not None:
            question = row.question
            detail.append(clean_text(question.text), style="bold")
            if question.actors:
                detail.append("  actors: " + ", ".join(clean_text(name) for name in question.actors), style="dim")
            if question.answer:
                detail.append("\nanswer: ", style="bold")
                detail.append(clean_text(question.answer))
                if question.answer_source:
                    detail.append(f"  (source: {clean_text(question.answer_source)})", style="dim")
        self.query_one("#question-detail", Static).update(detail)

    @on(RowTable.Selected, "#questions")
    def _open(self, message: RowTable.Selected) -> None:
        row = self._row(message.key)
        if row is not None:
            self.face.open_briefing(row.entry.id, row.question.paragraph)
