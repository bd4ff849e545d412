"""One rule for typed text (issue 13, points 1, 2 and 8): Escape never loses what was typed.

In every editor Escape saves what was typed and closes, as Ctrl+S does; what cannot be saved as
it stands makes the editor ask (keep editing, or discard) instead of dropping it. Beside it: a
paragraph can be marked not reviewed again (`R`), and Escape clears a filter before it leaves.
"""

from __future__ import annotations

import pytest

from pathlib import Path

from store import Library
from tests.pilot import make_app, open_review, open_summary, screen_text, wait_for
from tui.screens.dialogs import ESCAPE_RULE, ConfirmDialog, PickList, TextPrompt
from tui.screens.help import HelpScreen
from tui.screens.library import LibraryScreen
from tui.screens.question import QuestionEditor
from tui.screens.review import ReviewScreen
from tui.screens.summary import JudgmentEditor, SummaryScreen
from tui.screens.tags import TagEditor, TagsScreen

pytestmark = pytest.mark.app


def saved(app) -> Library:
    """The library as another process would see it, once every queued change is on disk."""
    assert app.desk.save_queue.flush(timeout=10)
    return Library.open(app.startup.library_path)


def messages(app) -> list[str]:
    return [str(notification.message) for notification in app._notifications]


async def test_escape_in_the_question_editor_saves_the_question(library_dir: Path) -> None:
    app = make_app(library_dir)
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await open_review(pilot)
        await pilot.press("j", "o")
        assert isinstance(app.screen, QuestionEditor)
        await pilot.press(*"Who ordered the strike?", "escape")
        assert isinstance(app.screen, ReviewScreen)
        questions = list(screen.briefing.questions.values())
        assert [(q.text, q.paragraph) for q in questions] == [("Who ordered the strike?", 1)]
        assert [q.text for q in saved(app).load(screen.briefing.id).questions.values()] == ["Who ordered the strike?"]
        # Opened and closed with nothing typed: nothing is saved, nothing asked.
        await pilot.press("o", "escape")
        assert isinstance(app.screen, ReviewScreen) and len(screen.briefing.questions) == 1


async def test_a_question_without_text_asks_before_its_answer_is_dropped(library_dir: Path) -> None:
    app = make_app(library_dir)
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await open_review(pilot)
        await pilot.press("o")
        editor = app.screen
        editor.query_one("#question-answer").value = "an answer typed first"
        await pilot.press("escape")
        assert isinstance(app.screen, ConfirmDialog)
        assert "Write the question first." in screen_text(app)
        await pilot.press("n")  # keep editing: the answer is still there
        assert app.screen is editor and editor.query_one("#question-answer").value == "an answer typed first"
        await pilot.press("escape", "y")  # discard, on purpose
        assert isinstance(app.screen, ReviewScreen) and not screen.briefing.questions


async def test_escape_in_the_judgment_editor_saves_the_judgment(library_dir: Path) -> None:
    """The issue's report: s, ctrl+j, type a judgment, Escape gave "No judgments yet"."""
    app = make_app(library_dir)
    async with app.run_test(size=(140, 50)) as pilot:
        review = await open_review(pilot)
        summary = await open_summary(pilot)
        await pilot.press("ctrl+j")
        assert isinstance(app.screen, JudgmentEditor)
        await pilot.press(*"Air support is likely if asked.", "escape")
        assert app.screen is summary
        assert [j.text for j in summary._summary.judgments] == ["Air support is likely if asked."]
        assert "No judgments yet" not in screen_text(app)
        await pilot.press("escape")
        assert [j.text for j in saved(app).load(review.briefing.id).summary.judgments] == ["Air support is likely if asked."]


async def test_a_judgment_that_cannot_be_saved_asks_and_keeps_the_text(library_dir: Path) -> None:
    app = make_app(library_dir)
    async with app.run_test(size=(140, 50)) as pilot:
        await open_review(pilot)
        summary = await open_summary(pilot)
        await pilot.press("ctrl+j", *"Rests on a paragraph that is not there.")
        editor = app.screen
        editor.query_one("#judgment-paragraphs").value = "99"
        await pilot.press("escape")
        assert isinstance(app.screen, ConfirmDialog)
        assert "paragraphs run from 1 to 15" in screen_text(app)
        await pilot.press("escape")  # Escape in the question is "keep editing": nothing is lost
        assert app.screen is editor
        assert editor.query_one("#judgment-text").text == "Rests on a paragraph that is not there."
        editor.query_one("#judgment-paragraphs").value = "2"
        await pilot.press("escape")
        assert app.screen is summary
        assert [j.paragraphs for j in summary._summary.judgments] == [(1,)]


async def test_escape_in_the_tag_editor_saves_the_tag(library_dir: Path) -> None:
    app = make_app(library_dir)
    async with app.run_test(size=(140, 45)) as pilot:
        await open_review(pilot)
        await pilot.press("T")
        assert isinstance(app.screen, TagsScreen)
        await pilot.press("e")
        assert isinstance(app.screen, TagEditor)
        name = app.screen.query_one("#tag-name")
        name.value = "assessment"
        await pilot.press("escape")
        assert isinstance(app.screen, TagsScreen)
        assert app.desk.settings.tags[0].name == "assessment"
        assert saved(app).settings().tags[0].name == "assessment"
        # A name another tag has cannot be saved: the editor asks.
        await pilot.press("e")
        app.screen.query_one("#tag-name").value = "fact"
        await pilot.press("escape")
        assert isinstance(app.screen, ConfirmDialog) and "There is already a tag called 'fact'" in screen_text(app)
        await pilot.press("y")
        assert isinstance(app.screen, TagsScreen) and app.desk.settings.tags[0].name == "assessment"


async def test_escape_in_a_one_line_prompt_keeps_what_was_typed(library_dir: Path) -> None:
    app = make_app(library_dir)
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await open_review(pilot)
        await pilot.press("slash")
        assert isinstance(app.screen, TextPrompt)
        await pilot.press(*"Tikrit", "escape")
        assert isinstance(app.screen, ReviewScreen)
        assert screen.search.query == "Tikrit" and screen.search.matches
        # Nothing typed: Escape just closes.
        await pilot.press("escape", "slash", "escape")
        assert isinstance(app.screen, ReviewScreen) and not screen.search.query


async def test_the_help_screen_states_the_rule(library_dir: Path) -> None:
    app = make_app(library_dir)
    async with app.run_test(size=(140, 45)) as pilot:
        await open_review(pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        assert "In an editor (note, question, judgment, summary, tag," in text
        assert "Escape saves what you typed and" in text and "what cannot be saved as it is, Brief" in text
        assert ESCAPE_RULE.startswith("Escape saves what you typed and closes")


async def test_a_paragraph_can_be_marked_not_reviewed_again(library_dir: Path) -> None:
    app = make_app(library_dir)
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await open_review(pilot)
        await pilot.press("enter", "enter")
        assert screen.briefing.reviewed_count == 2 and "2/15 reviewed" in screen_text(app)
        await pilot.press("k")  # back to ¶2
        await pilot.press("R")
        assert not screen.briefing.annotation(1).reviewed
        assert screen.article_view.cursor == 1  # it stays on the paragraph
        await wait_for(pilot, lambda: "1/15 reviewed" in screen_text(app), what="the count in the title bar")
        assert saved(app).load(screen.briefing.id).reviewed_count == 1
        assert "¶2 marked not reviewed." in messages(app)
        await pilot.press("u")
        assert screen.briefing.annotation(1).reviewed and "Undid ¶2 marked not reviewed" in messages(app)
    # The library's count follows.
    assert Library.open(library_dir).entries()[0].reviewed == 2


async def test_escape_clears_the_filter_before_it_leaves(library_dir: Path) -> None:
    app = make_app(library_dir)
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await open_review(pilot)
        await pilot.press("2", "f")
        assert isinstance(app.screen, PickList)
        await pilot.press(*"tagged fact", "enter")
        assert screen.filter_label and screen.article_view.visible == [0]
        await pilot.press("escape")
        assert app.screen is screen and not screen.filter_label
        assert len(screen.article_view.visible) == 15
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, LibraryScreen), what="the library")


async def test_escape_in_the_questions_view_shows_all_questions_before_leaving(library_dir: Path) -> None:
    from tui.screens.questions_view import QuestionsView

    app = make_app(library_dir)
    async with app.run_test(size=(140, 45)) as pilot:
        await open_review(pilot)
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, LibraryScreen), what="the library")
        await pilot.press("Q")
        view = app.screen
        assert isinstance(view, QuestionsView)
        await pilot.press("o")
        assert view.open_only
        await pilot.press("escape")
        assert app.screen is view and not view.open_only
        await pilot.press("escape")
        assert isinstance(app.screen, LibraryScreen)


async def test_escape_in_the_summary_still_saves(library_dir: Path, monkeypatch) -> None:
    # The autosave after a second without typing is tested elsewhere; here it must not split the
    # typing into two undo steps when a loaded machine types slower than one key a second.
    monkeypatch.setattr("tui.screens.summary.AUTOSAVE_SECONDS", 600.0)
    app = make_app(library_dir)
    async with app.run_test(size=(140, 50)) as pilot:
        review = await open_review(pilot)
        await open_summary(pilot)
        assert isinstance(app.screen, SummaryScreen)
        await pilot.press(*"BLUF typed then Escape.", "escape")
        assert review.briefing.summary.bluf == "BLUF typed then Escape."
        await pilot.press("u")
        assert review.briefing.summary.bluf == "" and "Undid BLUF" in messages(app)
