"""Pilot tests of the analyst workflow: notes, questions, summary, filters, search, undo, actors.

Each test works the app from the keyboard and checks the screen, the in-memory state and what
is on disk after the save queue has flushed.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from briefings.briefing import Question
from briefings.readers import read_file
from briefings.taxonomy import Tag
from store import Library
from tests.pilot import make_app, open_library, open_review, open_summary, screen_text, wait_for
from tui.screens.dialogs import NoteEditor, PickList, TextPrompt
from tui.screens.question import QuestionEditor
from tui.screens.review import ReviewScreen
from tui.screens.summary import JudgmentEditor, SummaryScreen, parse_paragraph_list
from tui.widgets.article_view import ArticleView
from tui.widgets.panes import ActorsPane, QuestionsPane

pytestmark = pytest.mark.app


def saved(app) -> Library:
    """The library as another process would see it, once every queued change is on disk."""
    assert app.desk.save_queue.flush(timeout=10)
    return Library.open(app.startup.library_path)


async def test_note_is_written_shown_and_saved(library_dir: Path) -> None:
    app = make_app(library_dir)
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await open_review(pilot)
        await pilot.press("j", "a")
        assert isinstance(app.screen, NoteEditor)
        await pilot.press(*"single unnamed source")
        await pilot.press("enter")
        await pilot.press(*"check with Reuters")
        await pilot.press("escape")
        assert isinstance(app.screen, ReviewScreen)
        assert screen.briefing.annotation(1).note == "single unnamed source\ncheck with Reuters"
        text = screen_text(app)
        assert "✎ single unnamed source" in text and "check with Reuters" in text
        on_disk = saved(app).load(screen.briefing.id)
        assert on_disk.annotation(1).note == "single unnamed source\ncheck with Reuters"
        # Editing again starts from the note; emptying it removes it.
        await pilot.press("a")
        await pilot.press("ctrl+a")
        editor = app.screen.query_one("TextArea")
        editor.clear()
        await pilot.press("ctrl+s")
        assert screen.briefing.annotation(1).note == ""
        assert saved(app).load(screen.briefing.id).annotation(1).note == ""


async def test_a_dialog_leaves_the_article_in_view_behind_it(library_dir: Path) -> None:
    """A note is written about a paragraph: the paragraph must stay readable behind the editor."""
    app = make_app(library_dir)
    async with app.run_test(size=(140, 45)) as pilot:
        await open_review(pilot)
        await pilot.press("a")
        assert isinstance(app.screen, NoteEditor)
        await wait_for(
            pilot,
            lambda: "Note on ¶1" in (text := screen_text(app)) and "The Telegraph UK 25 March 2015" in text,
            what="the note editor drawn over the article, both in one frame",
        )


async def test_enter_marks_reviewed_and_moves_on(library_dir: Path) -> None:
    app = make_app(library_dir)
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await open_review(pilot)
        await pilot.press("enter", "enter", "enter")
        view = screen.query_one(ArticleView)
        assert view.cursor == 3
        assert screen.briefing.reviewed_count == 3
        assert "3/15 reviewed" in screen_text(app)
        assert saved(app).entry(screen.briefing.id).reviewed == 3


async def test_questions_asked_promoted_answered_and_dismissed(library_dir: Path) -> None:
    app = make_app(library_dir)
    async with app.run_test(size=(140, 50)) as pilot:
        screen = await open_review(pilot, extraction=True)
        # Ask a question about paragraph 3.
        await pilot.press("j", "j", "o")
        assert isinstance(app.screen, QuestionEditor)
        await pilot.press(*"Who commands the Shia militia?")
        await pilot.press("ctrl+s")
        asked = next(iter(screen.briefing.questions.values()))
        assert asked.text == "Who commands the Shia militia?" and asked.paragraph == 2 and asked.status == "open"
        assert "Who commands the Shia militia?" in screen_text(app)

        # Promote the first suggestion: it becomes a question and leaves the suggestions.
        pane = screen.query_one(QuestionsPane)
        pane.focus()
        suggestion = screen.extraction.suggestions[0]
        pane.highlighted = pane.get_option_index(f"suggestion:{suggestion.id}")
        await pilot.press("e")
        assert isinstance(app.screen, QuestionEditor)
        await pilot.press("ctrl+s")
        promoted = [q for q in screen.briefing.questions.values() if q.suggestion == suggestion.id]
        assert len(promoted) == 1 and promoted[0].text == suggestion.question
        assert suggestion.id in screen.briefing.dismissed

        # Dismiss the next suggestion.
        second = screen.extraction.suggestions[1]
        pane.highlighted = pane.get_option_index(f"suggestion:{second.id}")
        await pilot.press("d")
        assert second.id in screen.briefing.dismissed
        assert f"suggestion:{second.id}" not in [pane.get_option_at_index(i).id for i in range(pane.option_count)]

        # Answer the first question.
        pane.highlighted = pane.get_option_index(f"question:{asked.id}")
        await pilot.press("e")
        editor = app.screen
        assert isinstance(editor, QuestionEditor)
        editor.query_one("#question-answered").value = True
        editor.query_one("#question-answer").value = "Hadi al-Ameri's Badr Organisation"
        editor.query_one("#question-source").value = "Reuters, 26 March"
        await pilot.press("ctrl+s")
        answered = screen.briefing.questions[asked.id]
        assert answered.status == "answered" and answered.answer_source == "Reuters, 26 March"

        on_disk = saved(app).load(screen.briefing.id)
        assert on_disk.questions == screen.briefing.questions
        assert {suggestion.id, second.id} <= on_disk.dismissed
        library_questions = [q.text for _, q in saved(app).questions()]
        assert "Who commands the Shia militia?" in library_questions


async def test_summary_bluf_judgment_grade_and_estimative_check(library_dir: Path) -> None:
    app = make_app(library_dir)
    async with app.run_test(size=(140, 50)) as pilot:
        screen = await open_review(pilot)
        summary_screen = await open_summary(pilot)
        await pilot.press(*"US aircraft might support the offensive.")
        await pilot.pause(0.1)
        assert "might" in screen_text(app) and "Estimative language: 1 issue" in screen_text(app)
        # Write a judgment with a likelihood, confidence and the paragraphs it rests on.
        await pilot.press("ctrl+j")
        editor = app.screen
        assert isinstance(editor, JudgmentEditor)
        await pilot.press(*"The coalition will likely grant air support if asked.")
        editor.query_one("#judgment-likelihood").value = "likely"
        editor.query_one("#judgment-confidence").value = "moderate"
        editor.query_one("#judgment-paragraphs").value = "5, 11-12"
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, SummaryScreen)
        summary_screen.query_one("#reliability").value = "B"
        summary_screen.query_one("#credibility").value = "2"
        await pilot.pause()
        await pilot.press("escape")
        assert isinstance(app.screen, ReviewScreen)
        summary = screen.briefing.summary
        assert summary.bluf == "US aircraft might support the offensive."
        assert summary.grade.code == "B2"
        (judgment,) = summary.judgments
        assert judgment.likelihood == "likely" and judgment.confidence == "moderate" and judgment.paragraphs == (4, 10, 11)
        text = screen_text(app)
        assert "BLUF: US aircraft might support the offensive." in text and "B2" in text
        assert saved(app).load(screen.briefing.id).summary == summary


async def test_a_summary_typed_back_to_what_it_was_is_saved(library_dir: Path) -> None:
    """Each commit is compared with the last summary saved, not the one the screen opened on:
    a BLUF written (and saved), then deleted again, must be deleted on disk too."""
    app = make_app(library_dir)
    async with app.run_test(size=(140, 50)) as pilot:
        screen = await open_review(pilot)
        await pilot.press("s")
        await pilot.press(*"Hold", "tab")  # leaving the field commits
        assert screen.briefing.summary.bluf == "Hold"
        await pilot.press("shift+tab", "end", *["backspace"] * 4, "escape")
        assert isinstance(app.screen, ReviewScreen)
        assert screen.briefing.summary.bluf == ""
        assert app.desk.save_queue.flush(timeout=10)
        assert saved(app).load(screen.briefing.id).summary.bluf == ""


async def test_filter_by_tag_and_unreviewed(library_dir: Path) -> None:
    app = make_app(library_dir)
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await open_review(pilot)
        view = screen.query_one(ArticleView)
        await pilot.press("j", "6", "j", "j", "6", "enter")
        await pilot.press("f")
        assert isinstance(app.screen, PickList)
        await pilot.press(*"tagged military", "enter")
        assert view.visible == [1, 3]
        assert "filter: military (2)" in screen_text(app)
        await pilot.press("f", *"not yet", "enter")
        assert 3 not in view.visible and len(view.visible) == 14
        await pilot.press("f", *"all paragraphs", "enter")
        assert len(view.visible) == 15


async def test_search_marks_matches_and_n_moves(library_dir: Path) -> None:
    app = make_app(library_dir)
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await open_review(pilot)
        view = screen.query_one(ArticleView)
        await pilot.press("slash")
        assert isinstance(app.screen, TextPrompt)
        await pilot.press(*"tikrit", "enter")
        paragraphs = [m.paragraph for m in screen.search.matches]
        assert paragraphs and all("tikrit" in screen.briefing.article.paragraphs[p].text.lower() for p in paragraphs)
        assert view.cursor == paragraphs[0]
        assert f"/tikrit 1/{len(paragraphs)}" in screen_text(app)
        distinct = sorted(set(paragraphs))
        await pilot.press(*["n"] * paragraphs.count(paragraphs[0]))
        assert view.cursor == distinct[1]
        await pilot.press("N")
        assert view.cursor == paragraphs[0]
        await pilot.press("escape")
        assert not view.has_highlights and screen.search.query == ""


async def test_undo_and_redo_across_kinds_of_change(library_dir: Path) -> None:
    app = make_app(library_dir)
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await open_review(pilot)
        briefing = screen.briefing
        await pilot.press("2")                      # tag
        await pilot.press("a", *"a note", "escape")  # note
        await pilot.press("enter")                  # reviewed, cursor to ¶2
        await pilot.press("o", *"Why now?", "ctrl+s")  # question
        assert briefing.annotation(0).tags == {"fact"} and briefing.annotation(0).reviewed
        assert len(briefing.questions) == 1
        await pilot.press("u")
        assert briefing.questions == {}
        await pilot.press("u")
        assert not briefing.annotation(0).reviewed
        await pilot.press("u")
        assert briefing.annotation(0).note == ""
        await pilot.press("ctrl+r")
        assert briefing.annotation(0).note == "a note"
        await pilot.press("u", "u")
        assert briefing.annotation(0).is_empty
        await pilot.press("u")  # nothing left: says so, changes nothing
        on_disk = saved(app).load(briefing.id)
        assert on_disk.annotation(0).is_empty and on_disk.questions == {}
        await pilot.press("ctrl+r", "ctrl+r", "ctrl+r", "ctrl+r")
        assert briefing.annotation(0).tags == {"fact"} and len(briefing.questions) == 1
        on_disk = saved(app).load(briefing.id)
        assert on_disk.annotation(0) == briefing.annotation(0) and on_disk.questions == briefing.questions


async def test_twelve_tags_use_the_picker(library_dir: Path) -> None:
    library = Library.open(library_dir)
    from briefings.edits import SetTaxonomy

    tags = tuple(Tag(f"t{n}", f"topic {n:02}", str(n) if n <= 9 else "", "#6699cc", "") for n in range(1, 13))
    library.apply_settings(SetTaxonomy(tags, library.settings().tags))
    app = make_app(library_dir)
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await open_review(pilot)
        await pilot.press("9")
        await pilot.press("t")
        assert isinstance(app.screen, PickList)
        await pilot.press(*"topic 12", "enter")
        assert screen.briefing.annotation(0).tags == {"t9", "t12"}
        text = screen_text(app)
        assert "topic 09" in text and "topic 12" in text
        assert saved(app).load(screen.briefing.id).annotation(0).tags == {"t9", "t12"}


async def test_actor_merge_is_remembered_for_the_next_article(library_dir: Path, tmp_path: Path) -> None:
    second = tmp_path / "second.txt"
    second.write_text(
        "Talks resume in Vienna\n\n"
        "Tehran said on Monday that Iranian negotiators would return to Vienna. "
        "Officials in Tehran and Washington gave no date.\n\n"
        "Iran has denied seeking a weapon.\n",
        encoding="utf-8",
    )
    app = make_app(library_dir)
    async with app.run_test(size=(140, 50)) as pilot:
        screen = await open_review(pilot, extraction=True)
        pane = screen.query_one(ActorsPane)
        pane.focus()
        names = {actor.name: actor for actor in screen.extraction.actors}
        source, target = names["Qassem Suleimani"], names["Iran"]
        pane.highlighted = pane.get_option_index(f"actor:{source.key}")
        await pilot.press("m")
        assert isinstance(app.screen, PickList)
        await pilot.press("enter")  # for the whole library: offered first
        assert isinstance(app.screen, PickList)
        await pilot.press(*"Iran", "enter")
        merged = {actor.name: actor for actor in screen.extraction.actors}
        assert "Qassem Suleimani" not in merged
        assert merged["Iran"].count == target.count + source.count
        decisions = saved(app).settings().decisions
        assert [(d.action, d.actor, d.value) for d in decisions] == [("merge", source.key, target.key)]
        # Undo takes the decision back everywhere.
        await pilot.press("escape")
        await pilot.press("u")
        assert "Qassem Suleimani" in {a.name for a in screen.extraction.actors}
        await pilot.press("ctrl+r")
        assert "Qassem Suleimani" not in {a.name for a in screen.extraction.actors}
        assert saved(app).settings().decisions == decisions
    # A second article sees the merge too; a rename made there shows when the first is reopened.
    app = make_app(library_dir, second)
    async with app.run_test(size=(140, 50)) as pilot:
        screen = await open_review(pilot, extraction=True)
        assert "Iran" in {actor.name for actor in screen.extraction.actors}
        pane = screen.query_one(ActorsPane)
        pane.focus()
        iran = next(actor for actor in screen.extraction.actors if actor.name == "Iran")
        pane.highlighted = pane.get_option_index(f"actor:{iran.key}")
        await pilot.press("r", "enter", "end", *" (Islamic Republic)", "enter")
        assert "Iran (Islamic Republic)" in {actor.name for actor in screen.extraction.actors}
    app = make_app(library_dir)
    async with app.run_test(size=(140, 50)) as pilot:
        await open_library(pilot, 2)
        table = pilot.app.screen.query_one("#briefings")
        sample = next(entry.id for entry in pilot.app.desk.library.entries() if entry.title.startswith("MESOP"))
        table.move_cursor(table.position(sample))
        await pilot.press("enter")
        screen = await open_review(pilot, extraction=True)
        names = {actor.name for actor in screen.extraction.actors}
        assert "Iran (Islamic Republic)" in names and "Qassem Suleimani" not in names


async def test_undo_is_per_briefing_and_survives_switching_briefings(library_dir: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.txt"
    other.write_text("Another story\n\nA paragraph about something else entirely.\n", encoding="utf-8")
    app = make_app(library_dir)
    async with app.run_test(size=(140, 45)) as pilot:
        first = await open_review(pilot)
        await pilot.press("3")
        first_id = first.briefing.id
        await pilot.press("escape")
        await open_library(pilot, 1)
        library = app.desk.library
        second_id = library.add_article(read_file(other)).id
        app.push_screen(ReviewScreen(second_id))
        second = await open_review(pilot)
        await pilot.press("u")  # this briefing has no change of its own: the first one is left alone
        await pilot.pause()
        assert saved(app).load(first_id).annotation(0).tags == {"claim"}
        assert "Nothing to undo in this briefing." in [str(n.message) for n in app._notifications]
        await pilot.press("escape")  # back to the library, then into the first briefing again
        await open_library(pilot, 1)
        app.push_screen(ReviewScreen(first_id))
        first = await open_review(pilot)
        await pilot.press("u")  # its history waited for it
        assert first.briefing.annotation(0).tags == frozenset()
        assert saved(app).load(first_id).annotation(0).tags == frozenset()
        assert "Undid tag 'claim' on ¶1" in [str(n.message) for n in app._notifications]
        assert second.briefing.annotation(0).is_empty


async def test_export_dialog_writes_a_file(library_dir: Path, tmp_path: Path) -> None:
    app = make_app(library_dir)
    target = tmp_path / "briefing.md"
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await open_review(pilot, extraction=True)
        await pilot.press("2", "x")
        dialog = app.screen
        await wait_for(pilot, lambda: "Rendering" not in dialog.query_one("#export-preview").text, what="the preview")
        assert "# " in dialog.query_one("#export-preview").text
        dialog.query_one("#export-path").value = str(target)
        await pilot.press("ctrl+s")
        await wait_for(pilot, target.exists, what="the export file")
        await wait_for(pilot, lambda: isinstance(app.screen, ReviewScreen), what="the dialog to close")
    text = target.read_text(encoding="utf-8")
    assert screen.briefing.article.title.split(":")[0] in text
    assert "fact" in text.lower()


async def test_question_is_plain_text_even_with_markup(library_dir: Path) -> None:
    app = make_app(library_dir)
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await open_review(pilot)
        await pilot.press("o", *"[bold]x[/] [@click=app.quit]y", "ctrl+s")
        await pilot.pause()
        question: Question = next(iter(screen.briefing.questions.values()))
        assert question.text == "[bold]x[/] [@click=app.quit]y"
        assert "[bold]x[/] [@click=app.quit]y" in screen_text(app)
        assert app.is_running


async def test_tags_screen_adds_edits_reorders_and_deletes_with_undo(library_dir: Path) -> None:
    from tui.screens.tags import TagEditor, TagsScreen

    app = make_app(library_dir)
    async with app.run_test(size=(140, 45)) as pilot:
        review = await open_review(pilot)
        await pilot.press("2")  # tag ¶1 "fact" before the taxonomy changes
        await pilot.press("T")
        assert isinstance(app.screen, TagsScreen)
        # Delete "key judgment" (first): its key 1 becomes free; the new tag takes it.
        await pilot.press("d")
        assert [t.id for t in app.desk.settings.tags][0] == "fact"
        await pilot.press("a")
        assert isinstance(app.screen, TagEditor)
        await pilot.press(*"[urgent]")
        app.screen.query_one("#tag-colour").value = "red"
        await pilot.press("ctrl+s")
        new = app.desk.settings.tags[-1]
        assert (new.name, new.key, new.colour) == ("[urgent]", "1", "red")
        # Move it to the top, rename "fact" and check the paragraph keeps its tag id.
        await pilot.press("K", "K", "K", "K", "K", "K", "K", "K", "K")
        assert app.desk.settings.tags[0].id == new.id
        tags_screen = app.screen
        options = tags_screen.query_one("OptionList")
        options.highlighted = [t.id for t in app.desk.settings.tags].index("fact")
        await pilot.press("e", "end", *" (verified)", "ctrl+s")
        assert next(t for t in app.desk.settings.tags if t.id == "fact").name == "fact (verified)"
        assert "[urgent]" in screen_text(app)
        await pilot.press("u")  # the rename is undone
        assert next(t for t in app.desk.settings.tags if t.id == "fact").name == "fact"
        await pilot.press("escape")
        assert review.briefing.annotation(0).tags == {"fact"}
        on_disk = saved(app).settings().tags
        assert on_disk == app.desk.settings.tags and on_disk[0].name == "[urgent]"
        await pilot.press("1")
        assert review.briefing.annotation(0).tags == {"fact", new.id}


async def test_after_a_promotion_the_cursor_is_on_the_next_suggestion(library_dir: Path) -> None:
    """Promoting rebuilds the pane: `d` next must dismiss the next suggestion, not delete the new question."""
    app = make_app(library_dir)
    async with app.run_test(size=(140, 50)) as pilot:
        screen = await open_review(pilot, extraction=True)
        pane = screen.query_one(QuestionsPane)
        await pilot.press("tab", "tab", "tab")
        assert screen.focused is pane
        first, second, third = screen.extraction.suggestions[:3]
        assert pane.highlighted_suggestion == first
        await pilot.press("e")
        assert isinstance(app.screen, QuestionEditor)
        await pilot.press("ctrl+s")
        (promoted,) = screen.briefing.questions.values()
        assert promoted.suggestion == first.id
        assert pane.highlighted_suggestion == second
        await pilot.press("d")
        assert second.id in screen.briefing.dismissed and promoted.id in screen.briefing.questions
        assert pane.highlighted_suggestion == third
        # Up past the heading reaches the promoted question (the heading at 1 takes no press, so
        # from position n it is n - 1 presses, whether a further suggestion follows or not);
        # deleting the question leaves the cursor on an entry.
        assert pane.highlighted >= 2
        await pilot.press(*["up"] * (pane.highlighted - 1))
        assert pane.highlighted == 0 and pane.highlighted_question == promoted
        await pilot.press("d")
        assert promoted.id not in screen.briefing.questions
        # Position 0 is now the "Suggested" heading: the cursor moves on to the first suggestion.
        assert pane.get_option_at_index(0).disabled
        assert pane.highlighted == 1 and pane.highlighted_suggestion is not None
        on_disk = saved(app).load(screen.briefing.id)
        assert second.id in on_disk.dismissed and third.id not in on_disk.dismissed and not on_disk.questions


async def test_judgments_list_keeps_its_cursor_through_adds_and_deletes(library_dir: Path) -> None:
    app = make_app(library_dir)
    async with app.run_test(size=(140, 50)) as pilot:
        await open_review(pilot)
        summary_screen = await open_summary(pilot)
        for text in ("First judgment.", "Second judgment.", "Third judgment."):
            await pilot.press("ctrl+j", *text, "ctrl+s")
        listed = summary_screen.query_one("#judgments")
        assert listed.highlighted is None
        await pilot.press("tab")
        assert summary_screen.focused is listed and listed.highlighted == 0
        await pilot.press("d")  # deletes the first; the cursor takes the one now in its place
        assert [j.text for j in summary_screen._summary.judgments] == ["Second judgment.", "Third judgment."]
        assert listed.highlighted_option.id == summary_screen._summary.judgments[0].id
        await pilot.press("down", "ctrl+j", *"Fourth judgment.", "ctrl+s")
        assert summary_screen.focused is listed
        third = summary_screen._summary.judgments[1]
        assert third.text == "Third judgment." and listed.highlighted_option.id == third.id
        await pilot.press("e")
        editor = app.screen
        assert isinstance(editor, JudgmentEditor) and editor.query_one("#judgment-text").text == "Third judgment."
        await pilot.press("escape")
        await pilot.press("d", "d")  # the third, then the fourth that took its place; the cursor clamps
        assert [j.text for j in summary_screen._summary.judgments] == ["Second judgment."]
        assert listed.highlighted == 0


def test_judgment_paragraph_lists_are_read_as_written_and_mistakes_named() -> None:
    assert parse_paragraph_list("3, 5-7; ¶9", 10) == (2, 4, 5, 6, 8)
    with pytest.raises(ValueError, match="runs backwards; write 2-5"):
        parse_paragraph_list("5-2", 10)
    with pytest.raises(ValueError, match="from 1 to 10; '11' is outside"):
        parse_paragraph_list("11", 10)
    with pytest.raises(ValueError, match="not a paragraph number"):
        parse_paragraph_list("five", 10)
