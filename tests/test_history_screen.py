"""Pilot: the review screen says who tagged and noted the paragraph under the cursor (the config
file's `[analyst] name`), and `H` opens the briefing's history, newest first."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from textual.containers import VerticalScroll

from briefings.edits import AddTag
from store import Library
from tests.pilot import make_app, open_review, screen_text, wait_for
from tui.screens.help import HelpScreen
from tui.screens.history import HistoryScreen

pytestmark = pytest.mark.app


@pytest.fixture
def ada(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[analyst]\nname = "Ada"\n', encoding="utf-8")
    monkeypatch.setenv("BRIEF_CONFIG", str(config))


def header(app, paragraph: int) -> str:  # type: ignore[no-untyped-def]
    """The first line of a paragraph on screen (its number, tags and, under the cursor, who)."""
    return next(line for line in screen_text(app).splitlines() if f"¶{paragraph} " in line or line.rstrip().endswith(f"¶{paragraph}"))


async def test_the_paragraph_under_the_cursor_says_who_tagged_and_noted_it(ada: None, library_dir: Path) -> None:
    app = make_app(library_dir)
    async with app.run_test(size=(140, 40)) as pilot:
        screen = await open_review(pilot)
        await pilot.press("2", "a", *"single unnamed official", "escape")
        await wait_for(pilot, lambda: "tagged fact by Ada · note by Ada" in header(app, 1), what="who on ¶1")
        await pilot.press("j")
        await wait_for(pilot, lambda: "by Ada" not in screen_text(app), what="who only under the cursor")
        await pilot.press("k", "2")  # the tag off again: nobody tagged it now
        await wait_for(pilot, lambda: "note by Ada" in header(app, 1) and "tagged" not in header(app, 1), what="the tag's author gone")

        Library.open(library_dir).apply(screen.briefing_id, AddTag(2, "claim"))  # another window, as the login name
        await pilot.press("j", "j")
        await wait_for(pilot, lambda: "tagged claim by " in header(app, 3), what="the other window's tag and its author")


async def test_the_history_screen_lists_changes_newest_first_and_goes_to_one(ada: None, library_dir: Path) -> None:
    app = make_app(library_dir)
    async with app.run_test(size=(140, 40)) as pilot:
        screen = await open_review(pilot)
        await pilot.press("j", "2", "a", *"single unnamed official", "escape", "j", "j", "H")
        await wait_for(pilot, lambda: isinstance(app.screen, HistoryScreen) and "imported" in screen_text(app), what="the history")
        lines = [line for line in screen_text(app).splitlines() if " Ada " in line]
        assert ["wrote the note on ¶2: “single unnamed official”" in lines[0], "tagged ¶2 'fact'" in lines[1], "imported" in lines[2]] == [True] * 3
        await pilot.press("down", "enter")  # the tag, on ¶2
        await wait_for(pilot, lambda: app.screen is screen and screen.article_view.cursor == 1, what="back on ¶2")
        assert "tagged fact by Ada · note by Ada" in header(app, 2)


async def test_history_is_in_the_palette_and_the_help(ada: None, library_dir: Path) -> None:
    app = make_app(library_dir)
    async with app.run_test(size=(140, 40)) as pilot:
        await open_review(pilot)
        await pilot.press("question_mark")
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen), what="the help screen")
        app.screen.query_one(VerticalScroll).scroll_end(animate=False, immediate=True)
        await wait_for(pilot, lambda: re.search(r"│\s+H\s+History\s", screen_text(app)) is not None, what="H in the help")
        await pilot.press("escape", "ctrl+p", *"history", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, HistoryScreen), what="the history from the palette")


async def test_the_export_dialog_says_who_did_what_when_asked(ada: None, library_dir: Path) -> None:
    from textual.widgets import Checkbox, TextArea

    from tui.screens.export import ExportDialog

    app = make_app(library_dir)
    async with app.run_test(size=(140, 40)) as pilot:
        await open_review(pilot)
        await pilot.press("2", "x")
        await wait_for(pilot, lambda: isinstance(app.screen, ExportDialog), what="the export dialog")
        preview = app.screen.query_one("#export-preview", TextArea)
        await wait_for(pilot, lambda: "*tagged fact*" in preview.text, what="the preview")
        assert "by Ada" not in preview.text
        await pilot.click("#export-who")
        await wait_for(pilot, lambda: app.screen.query_one("#export-who", Checkbox).value, what="the box ticked")
        await wait_for(pilot, lambda: "*tagged fact by Ada*" in preview.text and "**Analysts:** Ada" in preview.text, what="who in the preview")
