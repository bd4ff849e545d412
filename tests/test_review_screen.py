"""Pilot tests of the review screen: open the sample, move, tag, use the panes, restart."""

from __future__ import annotations

import pytest

from dataclasses import replace
from pathlib import Path

from briefings.extraction.model import NumberFact
from store import Library
from tests.pilot import make_app, open_library, open_review, screen_text, wait_for
from tui.widgets.article_view import ArticleView
from tui.widgets.panes import ActorsPane, NumbersPane, QuestionsPane

pytestmark = pytest.mark.app

SAMPLE_TITLE_START = "MESOP : JOINT FORCES FOR PEACE"


async def test_first_run_opens_the_bundled_sample(library_dir: Path) -> None:
    app = make_app(library_dir)
    async with app.run_test(size=(140, 40)) as pilot:
        screen = await open_review(pilot)
        assert screen.briefing is not None
        assert screen.briefing.article.title.startswith(SAMPLE_TITLE_START)
        text = screen_text(app)
        assert SAMPLE_TITLE_START in text
        assert "The Telegraph UK 25 March 2015" in text
        assert "0/15 reviewed" in text


async def test_keys_move_the_cursor_and_digits_tag_durably(library_dir: Path) -> None:
    app = make_app(library_dir)
    async with app.run_test(size=(140, 40)) as pilot:
        screen = await open_review(pilot)
        view = app.screen.query_one(ArticleView)
        await pilot.press("j", "j", "down")
        assert view.cursor == 3
        await pilot.press("k")
        assert view.cursor == 2
        await pilot.press("2", "6")
        await pilot.press("G")
        assert view.cursor == 14
        await pilot.press("3")
        await pilot.press("g")
        assert view.cursor == 0
        assert screen.briefing.annotation(2).tags == {"fact", "military"}
        assert screen.briefing.annotation(14).tags == {"claim"}
        await pilot.press("j", "j")
        await pilot.press("6")  # toggles military off again
        assert screen.briefing.annotation(2).tags == {"fact"}
        text = screen_text(app)
        assert "¶3" in text and " fact " in text
        assert app.desk.save_queue.flush(timeout=10)
        briefing_id = screen.briefing.id
    on_disk = Library.open(library_dir).load(briefing_id)
    assert on_disk.annotation(2).tags == {"fact"}
    assert on_disk.annotation(14).tags == {"claim"}


async def test_tags_are_there_after_a_restart(library_dir: Path) -> None:
    async with make_app(library_dir).run_test(size=(140, 40)) as pilot:
        await open_review(pilot)
        await pilot.press("j", "1", "8")
    async with make_app(library_dir).run_test(size=(140, 40)) as pilot:
        # The library is no longer empty: the app opens on the library screen.
        await open_library(pilot, 1)
        await pilot.press("enter")
        screen = await open_review(pilot)
        assert screen.briefing.annotation(1).tags == {"key-judgment", "sourcing"}
        assert "key judgment" in screen_text(pilot.app)


async def test_tab_into_each_pane_and_jump_to_a_paragraph(library_dir: Path) -> None:
    app = make_app(library_dir)
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await open_review(pilot, extraction=True)
        view = screen.query_one(ArticleView)
        actors = screen.query_one(ActorsPane)
        await pilot.press("tab")
        assert screen.focused is actors
        names = [actor.name for actor in screen.extraction.actors]
        target = next(actor for actor in screen.extraction.actors if actor.name == "Qassem Suleimani") if "Qassem Suleimani" in names else screen.extraction.actors[0]
        actors.highlighted = actors.get_option_index(f"actor:{target.key}")
        await pilot.press("enter")
        assert view.cursor == target.paragraphs[0]
        assert view.has_highlights

        await pilot.press("tab")
        numbers = screen.query_one(NumbersPane)
        assert screen.focused is numbers
        number = screen.extraction.numbers[-1]
        numbers.highlighted = numbers.get_option_index(f"number:{len(screen.extraction.numbers) - 1}")
        await pilot.press("enter")
        assert view.cursor == number.paragraph

        await pilot.press("tab")
        questions = screen.query_one(QuestionsPane)
        assert screen.focused is questions
        suggestion = screen.extraction.suggestions[0]
        questions.highlighted = questions.get_option_index(f"suggestion:{suggestion.id}")
        await pilot.press("enter")
        assert view.cursor == suggestion.paragraph

        await pilot.press("escape")  # clears the marks
        await pilot.press("escape")  # back to the article
        assert screen.focused is view


async def test_help_and_command_palette_list_the_actions(library_dir: Path) -> None:
    app = make_app(library_dir)
    async with app.run_test(size=(140, 45)) as pilot:
        await open_review(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        text = screen_text(app)
        assert "Done+next" in text and "Tag" in text and "Search" in text
        await pilot.press("escape")
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"toggle fact")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        review = app.screen
        assert review.briefing.annotation(0).tags == {"fact"}


async def test_q_quits_with_everything_saved(library_dir: Path) -> None:
    app = make_app(library_dir)
    async with app.run_test(size=(140, 40)) as pilot:
        screen = await open_review(pilot)
        await pilot.press("5", "q")
        await pilot.pause()
        briefing_id = screen.briefing.id
    assert app.return_code == 0
    assert Library.open(library_dir).load(briefing_id).annotation(0).tags == {"background"}


async def test_panes_filter_as_you_type(library_dir: Path) -> None:
    app = make_app(library_dir)
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await open_review(pilot, extraction=True)
        actors = screen.query_one(ActorsPane)
        await pilot.press("tab", "slash", *"iran")
        listed = [actors.get_option_at_index(i).id for i in range(actors.option_count)]
        names = {screen.extraction.actors[n].key for n in range(len(screen.extraction.actors))}
        shown = [option_id.removeprefix("actor:") for option_id in listed if option_id and option_id.startswith("actor:")]
        assert shown and set(shown) <= names
        assert all("iran" in " ".join([a.name, *a.aliases, a.role]).lower() for a in screen.extraction.actors if a.key in shown)
        assert "/iran" in screen_text(app)
        # j and k are letters too: while filtering they go into the filter, not the cursor.
        await pilot.press("backspace", "backspace", "backspace", "backspace", "enter")
        assert actors.filter_text == "" and not actors.filtering
        await pilot.press("slash", *"zzzz")
        assert "No actor matches the filter." in screen_text(app)
        await pilot.press("escape")
        assert actors.filter_text == "" and actors.option_count > len(shown)
        assert screen.focused is actors  # Escape cleared the filter; it did not leave the pane
        numbers = screen.query_one(NumbersPane)
        await pilot.press("tab", "slash", *"militia")
        listed = [numbers.get_option_at_index(i).id for i in range(numbers.option_count)]
        assert listed and all(option_id and option_id.startswith("number:") for option_id in listed)
        assert all("militia" in screen.extraction.numbers[int(o.split(":")[1])].counts.lower() for o in listed)


async def test_a_pane_given_focus_has_its_first_entry_under_the_cursor(library_dir: Path) -> None:
    """With nothing highlighted, `e`, `d` and Enter would do nothing until the analyst pressed Down."""
    app = make_app(library_dir)
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await open_review(pilot, extraction=True)
        view = screen.query_one(ArticleView)
        actors = screen.query_one(ActorsPane)
        assert actors.highlighted is None
        await pilot.press("tab")
        assert screen.focused is actors and actors.highlighted_actor == screen.extraction.actors[0]

        await pilot.press("tab")
        numbers = screen.query_one(NumbersPane)
        assert screen.focused is numbers and numbers.highlighted_id == "number:0"
        await pilot.press("enter")
        assert view.cursor == screen.extraction.numbers[0].paragraph

        await pilot.press("tab")
        questions = screen.query_one(QuestionsPane)
        first, second = screen.extraction.suggestions[:2]
        # The pane opens on the "Suggested" heading; the cursor skips it to the first suggestion.
        assert questions.get_option_at_index(0).disabled
        assert screen.focused is questions and questions.highlighted_suggestion == first
        await pilot.press("d")
        assert first.id in screen.briefing.dismissed
        assert questions.highlighted_suggestion == second


async def test_a_pane_keeps_its_cursor_on_the_same_entry_when_rebuilt(library_dir: Path) -> None:
    app = make_app(library_dir)
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await open_review(pilot, extraction=True)
        actors = screen.query_one(ActorsPane)
        await pilot.press("tab", "down", "down")
        target = screen.extraction.actors[2]
        assert actors.highlighted_actor == target
        # Filtering rebuilds the list: the cursor stays on the actor while it is listed.
        await pilot.press("slash", *target.name.lower(), "enter")
        assert actors.highlighted_actor == target and actors.highlighted != 2  # it moved up the list
        await pilot.press("slash", "escape")
        assert actors.filter_text == "" and actors.highlighted_actor == target

        # Hiding the actor rebuilds the list without it: the cursor takes the one now in its place.
        after = screen.extraction.actors[3]
        await pilot.press("h", "enter")  # hide, for the whole library (offered first)
        assert target.key not in {actor.key for actor in screen.extraction.actors}
        assert actors.highlighted_actor == after

        # Hiding the last actor leaves the cursor on the first place, never on the "Places" heading.
        assert screen.extraction.places, "the sample names places"
        await pilot.press("G")
        while actors.highlighted_actor is None:
            await pilot.press("k")
        await pilot.press("h", "enter")
        heading = actors.get_option_index(f"place:{screen.extraction.places[0].key}") - 1
        assert actors.get_option_at_index(heading).disabled
        assert actors.highlighted == heading + 1


async def test_the_numbers_cursor_follows_a_number_not_its_place_in_the_list(library_dir: Path) -> None:
    app = make_app(library_dir)
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await open_review(pilot, extraction=True)
        numbers = screen.query_one(NumbersPane)
        extraction = screen.extraction
        resolved = [i for i, n in enumerate(extraction.numbers) if n.kind == "date" and isinstance(n.value, str)]
        date = next(i for i in resolved if not extraction.numbers[i].vague)
        numbers.focus()
        numbers.highlighted = numbers.get_option_index(f"number:{date}")
        await pilot.press("t")  # the timeline lists the same date elsewhere
        assert numbers.highlighted_id == f"number:{date}"
        await pilot.press("t")
        assert numbers.highlighted_id == f"number:{date}"
        # Another extraction listing the numbers in another order: the cursor stays on the same number.
        reordered = tuple(reversed(extraction.numbers))
        numbers.show(replace(extraction, numbers=reordered))
        assert numbers.highlighted_id == f"number:{len(reordered) - 1 - date}"


async def test_the_numbers_pane_words_values_as_the_exports_do(library_dir: Path) -> None:
    app = make_app(library_dir)
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await open_review(pilot, extraction=True)
        mention = screen.extraction.numbers[0].mention
        numbers = (
            NumberFact("one and an eighth", "count", 1.125, mention, counts="battalions"),
            NumberFact("$3 million", "money", 3_000_000.0, mention, "USD", repeats=(mention,)),
            NumberFact("recent days", "date", "2015-03-20", mention, vague=True),
            NumberFact("19 October", "date", "2014-10-19", mention, inferred=True),
        )
        pane = screen.query_one(NumbersPane)
        pane.show(replace(screen.extraction, numbers=numbers))
        await pilot.pause()
        text = screen_text(app)
        assert "one and an eighth  1.125" in text and "  battalions" in text
        assert "$3 million  3,000,000 USD  ×2" in text
        assert "recent days  vague" in text and "2015-03-20" not in text
        assert "19 October  2014-10-19  inferred" in text


async def test_a_pane_command_from_the_palette_says_where_to_go(library_dir: Path) -> None:
    """With the cursor in the article, a questions-pane command run from the palette explains
    itself instead of doing nothing."""
    app = make_app(library_dir)
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await open_review(pilot, extraction=True)
        suggestions = len(screen.extraction.suggestions)
        await pilot.press("ctrl+p", *"questions: delete")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await wait_for(pilot, lambda: any("Tab to the questions pane" in str(n.message) for n in app._notifications), what="the notice")
        assert screen.briefing.dismissed == set() and len(screen.extraction.suggestions) == suggestions


async def test_a_question_names_its_actors_as_they_are_called_after_a_rename(library_dir: Path) -> None:
    from textual.widgets import SelectionList

    from briefings.briefing import Question
    from briefings.decisions import ActorDecision
    from briefings.edits import AddDecision, PutQuestion
    from tui.screens.question import QuestionEditor

    app = make_app(library_dir)
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await open_review(pilot, extraction=True)
        question = Question("q1", "Who is the coalition official?", paragraph=3, actors=("Reuters",))
        screen.apply_edit(PutQuestion(question))
        screen.apply_library_edit(AddDecision(ActorDecision("d1", "rename", "reuters", "Reuters news agency", "")))
        await pilot.pause()
        screen._edit_question(screen.briefing.questions["q1"], screen.briefing.questions["q1"])
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, QuestionEditor)
        assert editor.query_one("#question-actors", SelectionList).selected == ["Reuters news agency"]



async def test_ctrl_q_inside_the_note_editor_saves_the_note(library_dir: Path) -> None:
    """Ctrl+Q quits from anywhere, even a text box: what is being written is saved first, as
    closing its editor would have saved it."""
    app = make_app(library_dir)
    async with app.run_test(size=(140, 50)) as pilot:
        screen = await open_review(pilot)
        await pilot.press("a", *"A note typed just now", "ctrl+q")
        await wait_for(pilot, lambda: not app.is_running, timeout=10, what="the app to quit")
    assert app.return_code == 0
    assert Library.open(library_dir).load(screen.briefing_id).annotation(0).note == "A note typed just now"


async def test_ctrl_q_inside_a_judgment_on_the_summary_screen_saves_both(library_dir: Path) -> None:
    app = make_app(library_dir)
    async with app.run_test(size=(140, 50)) as pilot:
        screen = await open_review(pilot)
        await pilot.press("s", *"Bottom line typed just now")  # less than the autosave second
        await pilot.press("ctrl+j", *"A judgment typed just now", "ctrl+q")
        await wait_for(pilot, lambda: not app.is_running, timeout=10, what="the app to quit")
    assert app.return_code == 0
    summary = Library.open(library_dir).load(screen.briefing_id).summary
    assert summary.bluf == "Bottom line typed just now"
    assert [judgment.text for judgment in summary.judgments] == ["A judgment typed just now"]


async def test_ctrl_q_inside_the_question_editor_saves_the_question(library_dir: Path) -> None:
    app = make_app(library_dir)
    async with app.run_test(size=(140, 50)) as pilot:
        screen = await open_review(pilot)
        await pilot.press("o", *"Who briefed Reuters", "ctrl+q")
        await wait_for(pilot, lambda: not app.is_running, timeout=10, what="the app to quit")
    assert app.return_code == 0
    questions = Library.open(library_dir).load(screen.briefing_id).questions.values()
    assert [question.text for question in questions] == ["Who briefed Reuters"]


async def test_undo_and_redo_with_nothing_to_do_say_so(library_dir: Path) -> None:
    app = make_app(library_dir)
    async with app.run_test(size=(140, 45)) as pilot:
        await open_review(pilot)
        await pilot.press("u", "ctrl+r")
        await pilot.pause()
        messages = [str(n.message) for n in app._notifications]
        assert "Nothing to undo in this briefing." in messages and "Nothing to redo in this briefing." in messages


async def test_ctrl_q_with_a_judgment_that_cannot_be_saved_stays_and_says_why(library_dir: Path) -> None:
    from tui.screens.summary import JudgmentEditor

    app = make_app(library_dir)
    async with app.run_test(size=(140, 50)) as pilot:
        await open_review(pilot)
        await pilot.press("s", "ctrl+j", *"A judgment resting on a mistyped range")
        editor = app.screen
        assert isinstance(editor, JudgmentEditor)
        editor.query_one("#judgment-paragraphs").value = "5-2"
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert app.is_running and app.screen is editor
        assert "runs backwards" in str(editor.query_one("#judgment-error").render())
        assert any("Not quitting" in str(notification.message) for notification in app._notifications)
        editor.query_one("#judgment-paragraphs").value = "2-5"
        await pilot.press("ctrl+q")
        await wait_for(pilot, lambda: not app.is_running, timeout=10, what="the app to quit")
    assert app.return_code == 0
