"""The tag editor takes only colours that every other part of Brief (TOML, JSON import, exports)
accepts, so a taxonomy made in the app can always be exported and imported again."""

from __future__ import annotations

import pytest

from pathlib import Path

from tests.pilot import make_app, open_review, screen_text, wait_for

pytestmark = pytest.mark.app


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
        assert app.desk.settings.tags[-1].colour == "#aabbcc"


async def test_a_tag_added_while_another_window_took_its_key_keeps_the_taxonomy_valid(library_dir: Path) -> None:
    """The editor offers a free key; before it is saved another window gives that key to a tag
    of its own. The tag is saved without the key rather than making two tags share it."""
    from briefings.edits import SetTaxonomy
    from briefings.taxonomy import Tag, check_tags
    from store import Library

    app = make_app(library_dir)
    async with app.run_test(size=(140, 45)) as pilot:
        await open_review(pilot)
        other = Library.open(library_dir)
        start = other.settings().tags
        nine = next(tag for tag in start if tag.key == "9")
        without_nine = tuple(tag for tag in start if tag is not nine)
        other.apply_settings(SetTaxonomy(without_nine, start))
        await wait_for(pilot, lambda: app.desk.settings.tags == without_nine, timeout=10, what="the freed key")
        await pilot.press("T", "a", *"watch list")  # offered key 9
        other.apply_settings(SetTaxonomy((*without_nine, Tag("rumour", "rumour", "9", "grey", "")), without_nine))
        await wait_for(pilot, lambda: any(tag.id == "rumour" for tag in app.desk.settings.tags), timeout=10, what="the other tag")
        await pilot.press("ctrl+s")
        assert app.desk.save_queue.flush(timeout=10)
        saved = Library.open(library_dir).settings().tags
        check_tags(saved)
        keys = {tag.name: tag.key for tag in saved}
        assert keys["rumour"] == "9" and keys["watch list"] == ""


async def test_a_tag_edited_while_another_window_deleted_it_comes_back_edited(library_dir: Path) -> None:
    from briefings.edits import SetTaxonomy
    from store import Library
    from tui.screens.tags import TagEditor

    app = make_app(library_dir)
    async with app.run_test(size=(140, 45)) as pilot:
        await open_review(pilot)
        await pilot.press("T", "e")  # the first tag
        editor = app.screen
        assert isinstance(editor, TagEditor)
        other = Library.open(library_dir)
        start = other.settings().tags
        first = start[0]
        other.apply_settings(SetTaxonomy(start[1:], start))
        await wait_for(pilot, lambda: app.desk.settings.tags == start[1:], timeout=10, what="the deletion")
        editor.query_one("#tag-name").value = "judgment"
        await pilot.press("ctrl+s")
        assert app.desk.save_queue.flush(timeout=10)
        saved = {tag.id: tag.name for tag in Library.open(library_dir).settings().tags}
        assert saved[first.id] == "judgment"


async def test_a_read_of_the_settings_older_than_this_windows_change_is_not_shown(library_dir: Path) -> None:
    """The follow read the disk, then this window changed the tags before the read arrived: the
    read is dropped rather than showing the tags as they were."""
    from briefings.edits import SetTaxonomy

    app = make_app(library_dir)
    async with app.run_test(size=(140, 45)) as pilot:
        await open_review(pilot)
        before, read_at = app.desk.settings, app.desk.settings_edits
        fewer = before.tags[:-1]
        app.submit(None, SetTaxonomy(fewer, before.tags))
        assert app.desk.save_queue.flush(timeout=10)
        app.post_message(app.SettingsOnDisk(before, read_at))
        await pilot.pause()
        assert app.desk.settings.tags == fewer
        assert not any("another window" in str(n.message) for n in app._notifications)
