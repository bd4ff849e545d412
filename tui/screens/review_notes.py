"""Notes, questions and orphans on the review screen: `a`, `o`, the questions pane's `e` and `d`, `O`.

Mixed into `ReviewScreen`. Each dialog is opened on the article as it is then; what it saves is
an edit made against that article (`made_against`), refused if a re-import changed it meanwhile.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from briefings.briefing import Orphan, Question, new_id, now_iso
from briefings.edits import DeleteQuestion, DiscardOrphan, DismissSuggestion, PutQuestion, SetNote
from tui.screens.review_host import ReviewPart

if TYPE_CHECKING:
    from tui.widgets.panes import QuestionsPane


class NotesAndQuestions(ReviewPart):
    """The review screen's notes, questions and orphans."""

    def action_note(self) -> None:
        """Write or edit the note on the current paragraph."""
        from tui.screens.dialogs import NoteEditor  # imported when a dialog opens, not for the first frame

        if self.briefing is None:
            return
        index = self.article_view.cursor
        previous = self.briefing.annotation(index).note
        made_against = self.briefing.article.content_hash

        def save(note: str | None) -> None:
            if note is not None and note != previous:
                self.apply_edit(SetNote(index, note, previous), made_against=made_against)

        self.app.push_screen(NoteEditor(f"Note on ¶{index + 1}", previous), save)

    def _actor_names(self, paragraph: int | None = None) -> list[str]:
        if self.extraction is None:
            return []
        actors = self.extraction.actors
        if paragraph is not None:
            actors = tuple(sorted(actors, key=lambda actor: paragraph not in actor.paragraphs))
        return [actor.name for actor in actors]

    def _edit_question(self, question: Question, previous: Question | None) -> None:
        from tui.screens.question import QuestionEditor  # imported when a dialog opens, not for the first frame

        paragraph = self.article_view.cursor if previous is None and question.paragraph is None else question.paragraph
        names = self._actor_names(paragraph)
        if self.extraction is not None:  # the names it was asked with, as the actors are called now
            question = replace(question, actors=tuple(dict.fromkeys(map(self.extraction.current_name, question.actors))))
        assert self.briefing is not None
        made_against = self.briefing.article.content_hash

        def save(result: Question | None) -> None:
            if result is not None and result != previous:
                self.apply_edit(PutQuestion(result, previous), made_against=made_against)

        self.app.push_screen(QuestionEditor(question, paragraph=paragraph, actors=names), save)

    def action_ask(self) -> None:
        """Ask a new open question, tied to the current paragraph if the analyst wants."""
        if self.briefing is not None:
            self._edit_question(Question(new_id(), "", created=now_iso()), None)

    def _questions_pane(self) -> QuestionsPane:
        from tui.widgets.panes import QuestionsPane  # mounted after the first frame

        return self.query_one(QuestionsPane)

    def action_edit_question(self) -> None:
        """Edit, answer or reopen the question under the cursor; promote a suggestion."""
        pane = self._questions_pane()
        if (question := pane.highlighted_question) is not None:
            self._edit_question(question, question)
        elif (suggestion := pane.highlighted_suggestion) is not None:
            promoted = Question(
                new_id(),
                suggestion.question,
                paragraph=suggestion.paragraph,
                suggestion=suggestion.id,
                created=now_iso(),
            )
            self._edit_question(promoted, None)
        else:
            self._no_question_highlighted()

    def action_remove_question(self) -> None:
        """Delete the question under the cursor, or dismiss the suggestion."""
        pane = self._questions_pane()
        if (question := pane.highlighted_question) is not None:
            self.apply_edit(DeleteQuestion(question))
        elif (suggestion := pane.highlighted_suggestion) is not None:
            self.apply_edit(DismissSuggestion(suggestion.id))
        else:
            self._no_question_highlighted()

    def _no_question_highlighted(self) -> None:
        # Reached from the palette with the cursor elsewhere: say where to go.
        self.notify("Put the cursor on a question or a suggestion first (Tab to the questions pane).", severity="warning", timeout=4)

    def action_orphans(self) -> None:
        """List the orphans, to re-attach them to the current paragraph or discard them."""
        from briefings.orphans import reattach
        from tui.screens.orphans import OrphansScreen

        if self.briefing is None:
            return
        briefing = self.briefing
        paragraph = self.article_view.cursor
        made_against = briefing.article.content_hash

        def put_back(orphan: Orphan) -> None:
            assert self.briefing is not None
            self.apply_edit(reattach(self.briefing, orphan, paragraph), made_against=made_against)
            self.article_view.refresh_paragraph(paragraph)
            self.refresh_questions()

        def discard(orphan: Orphan) -> None:
            self.apply_edit(DiscardOrphan(orphan), made_against=made_against)

        self.app.push_screen(OrphansScreen(briefing, paragraph, put_back, discard))
