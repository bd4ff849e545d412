"""Orphans: work whose paragraph was not found again when the article was re-imported.

Lists each orphan with the paragraph it was on (its quote), its tags and note, or the question
or judgment that lost its paragraph. Enter re-attaches it to the paragraph under the review
cursor; `d` lets it go. Both are single undoable edits.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from briefings.briefing import Briefing, Orphan
from briefings.taxonomy import Tag
from tui.face import face_of
from tui.screens.dialogs import dialog_css


def describe(briefing: Briefing, orphan: Orphan, tags: Sequence[Tag]) -> Text:
    """An orphan as the list shows it, its tags by name (ids of tags since deleted as they are)."""
    text = Text()
    text.append(f"was ¶{orphan.anchor.index + 1}  ", style="bold")
    text.append(orphan.anchor.quote, style="italic")
    if orphan.question:
        question = briefing.questions.get(orphan.question)
        text.append(f"\n  question lost its paragraph: {question.text if question else '(deleted)'}")
    elif orphan.judgment:
        judgment = next((j for j in briefing.summary.judgments if j.id == orphan.judgment), None)
        text.append(f"\n  judgment lost a paragraph: {judgment.text if judgment else '(deleted)'}")
    if orphan.annotation.tags:
        names = {tag.id: tag.name for tag in tags}
        text.append("\n  tags: " + ", ".join(sorted(names.get(tag, tag) for tag in orphan.annotation.tags)), style="dim")
    if orphan.annotation.note:
        text.append(f"\n  ✎ {orphan.annotation.note}", style="dim")
    return text


class OrphansScreen(ModalScreen[None]):
    """The orphans of one briefing."""

    BINDINGS = [
        Binding("enter", "reattach", "Re-attach here", id="orphans.reattach"),
        Binding("d,delete", "discard", "Discard", id="orphans.discard"),
        Binding("escape", "dismiss", "Close", id="orphans.close"),
    ]
    DEFAULT_CSS = dialog_css("OrphansScreen") + "OrphansScreen OptionList { height: auto; max-height: 24; }"

    def __init__(
        self,
        briefing: Briefing,
        paragraph: int,
        reattach: Callable[[Orphan], None],
        discard: Callable[[Orphan], None],
    ) -> None:
        """
        Args:
            briefing: The open briefing (its orphans are listed).
            paragraph: The paragraph under the review cursor, where Enter re-attaches.
            reattach: Re-attaches an orphan to `paragraph` (one undoable edit).
            discard: Lets an orphan go (one undoable edit).
        """
        super().__init__()
        self._briefing = briefing
        self._paragraph = paragraph
        self._reattach = reattach
        self._discard = discard

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(f"Orphans — Enter puts one on ¶{self._paragraph + 1} (the paragraph under the cursor)", classes="dialog-title", markup=False)
            yield OptionList(markup=False, id="orphan-list")
            yield Static("d discards · u on the review screen undoes either · Escape closes", classes="dialog-hint", markup=False)

    def on_mount(self) -> None:
        self._fill()

    def _fill(self) -> None:
        options = self.query_one(OptionList)
        options.clear_options()
        for number, orphan in enumerate(self._briefing.orphans):
            options.add_option(Option(describe(self._briefing, orphan, face_of(self).desk.settings.tags), id=str(number)))
        if not self._briefing.orphans:
            options.add_option(Option(Text("No orphans: every annotation has its paragraph.", style="italic"), disabled=True))
        options.highlighted = 0 if self._briefing.orphans else None
        options.focus()

    def _highlighted(self) -> Orphan | None:
        options = self.query_one(OptionList)
        if options.highlighted is None or not self._briefing.orphans:
            return None
        return self._briefing.orphans[int(options.get_option_at_index(options.highlighted).id or 0)]

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_reattach()

    def action_reattach(self) -> None:
        """Put the highlighted orphan's work on the paragraph under the review cursor."""
        if (orphan := self._highlighted()) is not None:
            self._reattach(orphan)
            self._fill()

    def action_discard(self) -> None:
        """Let the highlighted orphan go."""
        if (orphan := self._highlighted()) is not None:
            self._discard(orphan)
            self._fill()
