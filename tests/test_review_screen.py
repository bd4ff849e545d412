"""Pilot tests of the review screen: open the sample, move, tag, use the panes, restart."""

from __future__ import annotations

from pathlib import Path

from store import Library
from tests.pilot import make_app, open_library, open_review, screen_text
from tui.widgets.article_view import ArticleView
from tui.widgets.panes import ActorsPane, NumbersPane, QuestionsPane

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
        assert app.save_queue.flush(timeout=10)
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
