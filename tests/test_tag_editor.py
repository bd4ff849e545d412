"""The tag editor takes only colours that every other part of Brief (TOML, JSON import, exports)
accepts, so a taxonomy made in the app can always be exported and imported again."""

from __future__ import annotations

from pathlib import Path

from tests.pilot import make_app, open_review, screen_text


async def test_the_tag_editor_refuses_colours_the_taxonomy_rules_refuse(library_dir: Path) -> None:
    from tui.screens.tags import TagEditor

    app = make_app(library_dir)
    async with app.run_test(size=(140, 45)) as pilot:
        await open_review(pilot)
        await pilot.press("T", "a", *"urgent")
        editor = app.screen
        assert isinstance(editor, TagEditor)
        editor.query_one("#tag-colour").value = "rgb(10, 20, 30)"
        await pilot.press("ctrl+s")
        assert app.screen is editor
        assert "use #rrggbb or a colour name" in screen_text(app)
        editor.query_one("#tag-colour").value = "#AABBCC"
        await pilot.press("ctrl+s")
        assert app.screen is not editor
        assert app.settings.tags[-1].colour == "#aabbcc"
