"""The summary screen: BLUF, key judgments, source grade and comments, with an estimative check.

The analyst writes; the screen keeps a working copy of the summary and commits it as one
`SetSummary` edit when a field loses focus, after a second without typing, and on leaving. Each
commit is one undo step and is saved through the save queue like every other change.

Each commit names the summary it was made from (the last one committed or shown), so when another
window has changed the summary meanwhile the two are merged rather than one overwriting the
other. A summary saved elsewhere is shown at once unless the analyst has typed something not
committed yet; then the next commit merges with it and shows the result.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Input, OptionList, Select, Static, TextArea
from textual.widgets.option_list import Option

from briefings.briefing import Briefing, new_id
from briefings.cleaning import clean_text
from briefings.estimative import check_summary
from briefings.summary import (
    CONFIDENCE_LEVELS,
    CREDIBILITY,
    LIKELIHOOD_BY_ID,
    LIKELIHOODS,
    RELIABILITY,
    Judgment,
    SourceGrade,
    Summary,
)
from briefings.wording import counted
from tui.screens.dialogs import EDITOR_HINT, EditorDialog, dialog_css
from tui.widgets.entry_list import SteadyOptionList
from tui.widgets.footer import BriefFooter

AUTOSAVE_SECONDS = 1.0


def parse_paragraph_list(text: str, count: int) -> tuple[int, ...]:
    """"3, 5-7" (1-based, as shown) to (2, 4, 5, 6); raises ValueError saying what is wrong."""
    result: set[int] = set()
    for part in text.replace(";", ",").split(","):
        part = part.strip().lstrip("¶")
        if not part:
            continue
        first, _, last = part.partition("-")
        try:
            low, high = int(first), int(last or first)
        except ValueError:
            raise ValueError(f"{part!r} is not a paragraph number or range") from None
        if low > high:
            raise ValueError(f"{part!r} runs backwards; write {high}-{low}")
        if not (1 <= low <= high <= count):
            raise ValueError(f"paragraphs run from 1 to {count}; {part!r} is outside")
        result.update(range(low - 1, high))
    return tuple(sorted(result))


def format_paragraph_list(paragraphs: tuple[int, ...]) -> str:
    """(2, 4, 5, 6) to "3, 5-7"."""
    runs: list[str] = []
    for index in paragraphs:
        number = index + 1
        if runs and runs[-1].split("-")[-1] == str(number - 1):
            runs[-1] = f"{runs[-1].split('-')[0]}-{number}"
        else:
            runs.append(str(number))
    return ", ".join(runs)


class JudgmentEditor(EditorDialog[Judgment]):
    """Write one key judgment with its likelihood, confidence and supporting paragraphs;
    Escape or Ctrl+S saves (see `EditorDialog`)."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="judgment.save"),
        Binding("escape", "close", "Save and close", id="judgment.cancel"),
    ]
    DEFAULT_CSS = dialog_css("JudgmentEditor") + """
    JudgmentEditor TextArea { height: 5; }
    JudgmentEditor Horizontal { height: auto; }
    JudgmentEditor Select { width: 1fr; }
    JudgmentEditor #judgment-error { color: $error; }
    """

    def __init__(self, judgment: Judgment, paragraph_count: int) -> None:
        super().__init__()
        self._judgment = judgment
        self._count = paragraph_count

    def compose(self) -> ComposeResult:
        judgment = self._judgment
        with Vertical():
            yield Static("Key judgment", classes="dialog-title", markup=False)
            yield TextArea(judgment.text, soft_wrap=True, id="judgment-text")
            with Horizontal():
                yield Select(
                    [(likelihood.label, likelihood.id) for likelihood in LIKELIHOODS],
                    value=judgment.likelihood or Select.NULL,
                    prompt="likelihood",
                    id="judgment-likelihood",
                )
                yield Select(
                    [(f"{level} confidence", level) for level in CONFIDENCE_LEVELS],
                    value=judgment.confidence or Select.NULL,
                    prompt="confidence",
                    id="judgment-confidence",
                )
            yield Input(
                format_paragraph_list(judgment.paragraphs),
                placeholder="rests on paragraphs, e.g. 3, 5-7",
                id="judgment-paragraphs",
            )
            yield Static("", id="judgment-error", markup=False)
            yield Static(EDITOR_HINT, classes="dialog-hint", markup=False)

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one(TextArea).focus()

    def state(self) -> object:
        return (
            self.query_one("#judgment-text", TextArea).text,
            self.query_one("#judgment-likelihood", Select).value,
            self.query_one("#judgment-confidence", Select).value,
            self.query_one("#judgment-paragraphs", Input).value,
        )

    def show_error(self, reason: str) -> None:
        self.query_one("#judgment-error", Static).update(reason)

    def result(self) -> Judgment:
        """The judgment as the fields give it; ValueError saying what is wrong."""
        text = " ".join(clean_text(self.query_one("#judgment-text", TextArea).text).split())
        if not text:
            raise ValueError("Write the judgment first.")
        try:
            paragraphs = parse_paragraph_list(self.query_one("#judgment-paragraphs", Input).value, self._count)
        except ValueError as error:
            raise ValueError(f"Rests on paragraphs: {error}.") from None
        likelihood = self.query_one("#judgment-likelihood", Select).value
        confidence = self.query_one("#judgment-confidence", Select).value
        return Judgment(
            self._judgment.id,
            text,
            likelihood if isinstance(likelihood, str) else "",
            confidence if isinstance(confidence, str) else "",
            paragraphs,
        )


class JudgmentList(SteadyOptionList):
    """The key judgments; keys here edit and delete the one under the cursor."""

    BINDINGS = [
        Binding("e", "screen.edit_judgment", "Edit judgment", id="judgments.edit"),
        Binding("d,delete", "screen.delete_judgment", "Delete judgment", id="judgments.delete"),
        Binding("j", "cursor_down", "Down", show=False, id="judgments.down"),
        Binding("k", "cursor_up", "Up", show=False, id="judgments.up"),
    ]


class SummaryScreen(Screen[None]):
    """Write the briefing's summary."""

    PALETTE_AREA = "summary"
    BINDINGS = [
        Binding("escape", "close", "Back", id="summary.back"),
        Binding("ctrl+s", "commit", "Save", id="summary.save"),
        Binding("ctrl+j", "add_judgment", "Add judgment", id="summary.add-judgment"),
    ]
    """
    | Key | Action |
    | :- | :- |
    | tab | Next field. |
    | ctrl+j | Add a key judgment. |
    | enter, e | In the judgments list: edit the judgment under the cursor. |
    | d, delete | In the judgments list: delete the judgment under the cursor. |
    | ctrl+s | Save now (saving also happens as you go). |
    | escape | Back to the article. |
    """

    DEFAULT_CSS = """
    SummaryScreen VerticalScroll { padding: 0 1; }
    SummaryScreen .field-label { text-style: bold; padding: 1 0 0 0; }
    SummaryScreen #bluf { height: 5; }
    SummaryScreen #comments { height: 6; }
    SummaryScreen #judgments { height: auto; max-height: 12; border: round $panel-lighten-2; }
    SummaryScreen #judgments:focus { border: round $accent; }
    SummaryScreen #grade { height: auto; }
    SummaryScreen #grade Select { width: 1fr; }
    SummaryScreen #checks { padding: 1 0 0 0; }
    """

    def __init__(self, briefing: Briefing, commit: Callable[[Summary, Summary], Summary | None]) -> None:
        """`commit(summary, previous)` saves `summary`, made from `previous`, and returns the
        summary as it then is (merged with another window's), or None when it was refused."""
        super().__init__()
        self.briefing = briefing
        self._commit = commit
        self._summary = briefing.summary
        """The working copy (judgments change here first; the texts are read from the fields)."""
        self._saved = briefing.summary
        """The summary last committed or shown: what the working copy was made from."""
        self._timer: Timer | None = None

    def compose(self) -> ComposeResult:
        summary = self._summary
        with VerticalScroll():
            yield Static(f"Summary ▸ {self.briefing.article.title}", classes="field-label", markup=False)
            yield Static("Bottom line up front", classes="field-label", markup=False)
            yield TextArea(summary.bluf, soft_wrap=True, id="bluf")
            yield Static("Key judgments (ctrl+j add · enter or e edit · d delete)", classes="field-label", markup=False)
            yield JudgmentList(markup=False, id="judgments")
            yield Static("Source grade (Admiralty scale)", classes="field-label", markup=False)
            with Horizontal(id="grade"):
                yield Select(
                    [(f"{code} — {words}", code) for code, words in RELIABILITY.items()],
                    value=summary.grade.reliability or Select.NULL,
                    prompt="source reliability",
                    id="reliability",
                )
                yield Select(
                    [(f"{code} — {words}", code) for code, words in CREDIBILITY.items()],
                    value=summary.grade.credibility or Select.NULL,
                    prompt="information credibility",
                    id="credibility",
                )
            yield Static("Analyst comments", classes="field-label", markup=False)
            yield TextArea(summary.comments, soft_wrap=True, id="comments")
            yield Static("", id="checks", markup=False)
        yield BriefFooter()

    def on_mount(self) -> None:
        self._show_judgments()
        self._show_checks()
        self.query_one("#bluf", TextArea).focus()

    # ----------------------------------------------------------------- working copy

    def _read_fields(self) -> Summary:
        reliability = self.query_one("#reliability", Select).value
        credibility = self.query_one("#credibility", Select).value
        return replace(
            self._summary,
            bluf=clean_text(self.query_one("#bluf", TextArea).text).strip(),
            comments=clean_text(self.query_one("#comments", TextArea).text).strip(),
            grade=SourceGrade(
                reliability if isinstance(reliability, str) else "",
                credibility if isinstance(credibility, str) else "",
            ),
        )

    def action_commit(self) -> None:
        """Save the summary as it stands, if it changed."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        self._save(self._read_fields())

    def _save(self, summary: Summary) -> None:
        """Commit `summary` if it differs from the last one saved, and show what is saved."""
        self._summary = summary
        if summary != self._saved:
            saved = self._commit(summary, self._saved)
            if saved is not None and saved != summary:
                self.reload(saved)  # another window's words were merged in
                return
            if saved is not None:  # None: refused and reported; the text stays to try again
                self._saved = saved
        self._show_checks()

    def saved_elsewhere(self, summary: Summary) -> None:
        """Another window saved `summary`: show it, unless there is typing not committed yet
        (the next commit merges with it)."""
        if self._read_fields() == self._saved:
            self.reload(summary)

    @on(TextArea.Changed)
    def _typing(self) -> None:
        self._show_checks()
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(AUTOSAVE_SECONDS, self.action_commit)

    @on(Select.Changed)
    def _grade_changed(self) -> None:
        self.action_commit()

    def on_descendant_blur(self) -> None:
        self.action_commit()

    def action_close(self) -> None:
        """Save and go back to the article."""
        self.action_commit()
        self.dismiss()

    def save_for_quit(self) -> bool:
        """Quitting commits what is typed (see `tui.app.SavesOnQuit`)."""
        self.action_commit()
        return True

    # ----------------------------------------------------------------- judgments

    def _show_judgments(self) -> None:
        options = [Option(_judgment_prompt(judgment), id=judgment.id) for judgment in self._summary.judgments]
        if not options:
            options.append(Option(Text("No judgments yet: ctrl+j adds one.", style="italic"), disabled=True))
        self.query_one(JudgmentList).set_entries(options)

    def _highlighted_judgment(self) -> Judgment | None:
        option = self.query_one(JudgmentList).highlighted_option
        if option is None:
            return None
        return next((j for j in self._summary.judgments if j.id == option.id), None)

    def _put_judgment(self, judgment: Judgment | None) -> None:
        if judgment is None:
            return
        self.action_commit()
        judgments = list(self._summary.judgments)
        position = next((i for i, j in enumerate(judgments) if j.id == judgment.id), None)
        if position is None:
            judgments.append(judgment)
        else:
            judgments[position] = judgment
        self._save(replace(self._summary, judgments=tuple(judgments)))
        self._show_judgments()

    def action_add_judgment(self) -> None:
        """Write a new key judgment."""
        count = len(self.briefing.article.paragraphs)
        self.app.push_screen(JudgmentEditor(Judgment(new_id(), ""), count), self._put_judgment)

    def action_edit_judgment(self) -> None:
        """Edit the judgment under the cursor."""
        judgment = self._highlighted_judgment()
        if judgment is not None:
            count = len(self.briefing.article.paragraphs)
            self.app.push_screen(JudgmentEditor(judgment, count), self._put_judgment)

    @on(OptionList.OptionSelected, "#judgments")
    def _judgment_selected(self) -> None:
        self.action_edit_judgment()

    def action_delete_judgment(self) -> None:
        """Delete the judgment under the cursor (undo brings it back)."""
        judgment = self._highlighted_judgment()
        if judgment is None:
            return
        self.action_commit()
        self._save(replace(self._summary, judgments=tuple(j for j in self._summary.judgments if j.id != judgment.id)))
        self._show_judgments()

    # ----------------------------------------------------------------- checks

    def _show_checks(self) -> None:
        issues = check_summary(self._read_fields() if self.is_mounted else self._summary)
        text = Text()
        if not issues:
            text.append("Estimative language: no issues.", style="green")
        else:
            text.append(f"Estimative language: {counted(len(issues), 'issue')}\n", style="bold yellow")
            for issue in issues:
                where = "BLUF" if issue.where == "bluf" else "judgment"
                text.append(f"• {where}: “{issue.text}” — {issue.message}\n")
        self.query_one("#checks", Static).update(text)

    def reload(self, summary: Summary) -> None:
        """Show a summary changed from outside (undo, redo, another window, a merge)."""
        self._summary = self._saved = summary
        self.query_one("#bluf", TextArea).load_text(summary.bluf)
        self.query_one("#comments", TextArea).load_text(summary.comments)
        self.query_one("#reliability", Select).value = summary.grade.reliability or Select.NULL
        self.query_one("#credibility", Select).value = summary.grade.credibility or Select.NULL
        self._show_judgments()
        self._show_checks()


def _judgment_prompt(judgment: Judgment) -> Text:
    text = Text()
    text.append(judgment.text, style="bold")
    details = []
    if judgment.likelihood:
        details.append(LIKELIHOOD_BY_ID[judgment.likelihood].label)
    if judgment.confidence:
        details.append(f"{judgment.confidence} confidence")
    if judgment.paragraphs:
        details.append("¶" + format_paragraph_list(judgment.paragraphs))
    if details:
        text.append("\n  " + " · ".join(details), style="dim")
    return text
