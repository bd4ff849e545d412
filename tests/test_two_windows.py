"""Two windows on one library: each shows what the other saved, and neither loses the other's work.

The second window is another `Library` handle on the same folder, which is what another Brief
process is to this one.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from textual.widgets import TextArea

from briefings.edits import AddTag, SetNote, SetSummary, SetTaxonomy
from briefings.model import Article, make_paragraphs
from briefings.readers import read_file
from briefings.summary import Summary
from store import Library
from tests.pilot import make_app, open_review, open_summary, screen_text, wait_for

pytestmark = pytest.mark.app


async def test_a_window_shows_what_another_window_saved(library_dir: Path) -> None:
    app = make_app(library_dir)
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await open_review(pilot)
        other = Library.open(library_dir)
        other.apply(screen.briefing_id, AddTag(1, "military"))
        other.apply(screen.briefing_id, SetNote(1, "seen from the other window", ""))
        await wait_for(pilot, lambda: screen.briefing.annotation(1).note == "seen from the other window", timeout=10, what="the other window's note")
        await pilot.pause()
        assert "seen from the other window" in screen_text(app)
        assert "military" in screen.briefing.annotation(1).tags
        # This window's next change is saved beside the other's, and its note editor starts
        # from the other window's note rather than overwriting it with an empty one.
        await pilot.press("j", "a")
        await pilot.press(*" (checked)", "escape")
        assert app.desk.save_queue.flush(timeout=10)
        saved = Library.open(library_dir).load(screen.briefing_id).annotation(1)
        assert saved.note == "seen from the other window (checked)"
        assert "military" in saved.tags


async def test_a_reimport_while_open_moves_the_window_to_the_new_version(library_dir: Path, sample_path: Path) -> None:
    app = make_app(library_dir)
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await open_review(pilot)
        texts = _reimport_with_a_new_first_paragraph(library_dir, sample_path)
        await wait_for(pilot, lambda: len(screen.briefing.article.paragraphs) == len(texts) + 1, timeout=10, what="the new version")
        await pilot.pause()
        assert "An editor's note inserted at the top" in screen_text(app)
        # A tag now goes on the paragraph the analyst sees, in the new numbering.
        await pilot.press("g", "j", "2")
        assert app.desk.save_queue.flush(timeout=10)
        saved = Library.open(library_dir).load(screen.briefing_id)
        assert saved.annotation(1).tags == {"fact"}
        assert saved.article.paragraphs[1].text == texts[0]


async def test_reading_the_briefing_again_for_nothing_new_changes_nothing(library_dir: Path) -> None:
    """The library lets go of cached copies; reading one back is not news for the analyst."""
    app = make_app(library_dir)
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await open_review(pilot)
        await pilot.press("2")
        assert app.desk.save_queue.flush(timeout=10)
        shown = screen.briefing
        app.desk.library._snapshots.drop(screen.briefing_id)  # as when 16 other briefings were read since
        await pilot.pause(2.5)
        assert not any("another window" in str(n.message) for n in app._notifications)
        assert screen.briefing.annotation(0).tags == shown.annotation(0).tags == {"fact"}


async def test_an_open_summary_shows_another_windows_summary_and_merges_with_it(library_dir: Path) -> None:
    app = make_app(library_dir)
    async with app.run_test(size=(140, 50)) as pilot:
        screen = await open_review(pilot)
        summary_screen = await open_summary(pilot)
        other = Library.open(library_dir)
        theirs = Summary(bluf="Their bottom line.")
        other.apply(screen.briefing_id, SetSummary(theirs, Summary()))
        bluf = summary_screen.query_one("#bluf", TextArea)
        await wait_for(pilot, lambda: bluf.text == "Their bottom line.", timeout=10, what="the other window's BLUF")
        # This window's comment is saved beside it; its BLUF is not taken back to empty.
        summary_screen.query_one("#comments", TextArea).focus()
        await pilot.press(*"Our comment.", "escape")
        assert app.desk.save_queue.flush(timeout=10)
        on_disk = Library.open(library_dir).load(screen.briefing_id).summary
        assert (on_disk.bluf, on_disk.comments) == ("Their bottom line.", "Our comment.")


async def test_a_summary_written_while_another_window_wrote_one_keeps_both(library_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The other window's summary arrives while this one is typing: the typing is not replaced,
    and the commit merges with what is on disk instead of overwriting it."""
    monkeypatch.setattr("tui.screens.summary.AUTOSAVE_SECONDS", 60)  # still typing when it arrives
    app = make_app(library_dir)
    async with app.run_test(size=(140, 50)) as pilot:
        screen = await open_review(pilot)
        summary_screen = await open_summary(pilot)
        await pilot.press(*"Our bottom line.")
        other = Library.open(library_dir)
        other.apply(screen.briefing_id, SetSummary(Summary(bluf="Their bottom line.", comments="Their comment."), Summary()))
        await wait_for(pilot, lambda: screen.briefing.summary.comments == "Their comment.", timeout=10, what="the other summary read")
        await pilot.pause()
        assert summary_screen.query_one("#bluf", TextArea).text == "Our bottom line."
        await pilot.press("escape")
        assert app.desk.save_queue.flush(timeout=10)
        on_disk = Library.open(library_dir).load(screen.briefing_id).summary
        assert "Our bottom line." in on_disk.bluf and "Their bottom line." in on_disk.bluf
        assert on_disk.comments == "Their comment."


def _reimport_with_a_new_first_paragraph(library_dir: Path, sample_path: Path) -> list[str]:
    """Another process imports a new version of the sample with a paragraph added at the top."""
    original = read_file(sample_path)
    texts = [paragraph.text for paragraph in original.paragraphs]
    changed = Article(
        original.title,
        make_paragraphs(["An editor's note inserted at the top of the article.", *texts]),
        source=original.source,
        date=original.date,
    )
    assert Library.open(library_dir).add_article(changed).status == "updated"
    return texts


async def test_a_version_read_before_an_edit_of_this_window_is_not_shown(library_dir: Path) -> None:
    """The check reads the disk in a worker; an edit made meanwhile must not be hidden by it."""
    app = make_app(library_dir)
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await open_review(pilot)
        Library.open(library_dir).apply(screen.briefing_id, AddTag(1, "military"))
        from store.desk.review import read_for_review

        read_before = read_for_review(Library.open(library_dir), screen.briefing_id)
        edits_before = screen._edits
        await pilot.press("2")  # this window tags ¶1 after that read
        assert app.desk.save_queue.flush(timeout=10)
        screen.post_message(screen.ChangedOnDisk(read_before, edits_before))
        await pilot.pause()
        assert screen.briefing.annotation(0).tags == {"fact"}
        # The next regular check brings the other window's tag, with this window's kept.
        await wait_for(pilot, lambda: "military" in screen.briefing.annotation(1).tags, timeout=10, what="the other tag")
        assert screen.briefing.annotation(0).tags == {"fact"}


async def test_after_a_reimport_the_cursor_keeps_its_paragraph_and_old_changes_are_not_replayed(
    library_dir: Path, sample_path: Path
) -> None:
    app = make_app(library_dir)
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await open_review(pilot)
        await pilot.press("2", "j", "j", "a")  # tag ¶1, then open a note editor on ¶3
        texts = _reimport_with_a_new_first_paragraph(library_dir, sample_path)
        await wait_for(pilot, lambda: len(screen.briefing.article.paragraphs) == len(texts) + 1, timeout=10, what="the new version")
        assert screen.article_view.cursor == 3  # the same paragraph, one further down now
        await pilot.press(*"a note written on the old version", "escape")
        await pilot.pause()
        assert any("earlier version" in str(n.message) for n in app._notifications)
        await pilot.press("u")  # undoing the tag made on the old numbering is refused too
        await pilot.pause()
        assert not any("Undid" in str(n.message) for n in app._notifications)  # only the refusal is told
        assert app.desk.save_queue.flush(timeout=10)
        saved = Library.open(library_dir).load(screen.briefing_id)
        assert saved.annotation(1).tags == {"fact"}  # the tag moved with its paragraph on re-import
        assert saved.annotation(0).is_empty
        assert all(not annotation.note for annotation in saved.annotations.values())


async def test_a_briefing_deleted_in_another_window_takes_no_edits_until_it_is_back(library_dir: Path) -> None:
    app = make_app(library_dir)
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await open_review(pilot)
        other = Library.open(library_dir)
        other.delete(screen.briefing_id)
        await wait_for(pilot, lambda: any("deleted in another window" in str(n.message) for n in app._notifications), timeout=10, what="the notice")
        await pilot.press("2")
        assert screen.briefing.annotation(0).tags == frozenset()
        assert app.desk.save_queue.pending == 0
        assert "DELETED in another window" in screen_text(app)  # in the title bar, not only a toast
        other.restore(screen.briefing_id)
        await wait_for(pilot, lambda: screen._version >= 0, timeout=10, what="the briefing back")
        await pilot.press("2")
        assert app.desk.save_queue.flush(timeout=10)
        assert Library.open(library_dir).load(screen.briefing_id).annotation(0).tags == {"fact"}
        # The restored briefing's changes show on screen as they are made.
        await pilot.pause()
        text = screen_text(app)
        assert "¶1  fact" in text and "DELETED" not in text


async def test_tags_changed_in_another_window_are_shown_and_kept(library_dir: Path) -> None:
    """Another window renames a tag: this window's legend and tag editor show it, and a tag
    added here afterwards does not take the rename back."""
    app = make_app(library_dir)
    async with app.run_test(size=(140, 45)) as pilot:
        await open_review(pilot)
        other = Library.open(library_dir)
        start = other.settings().tags
        renamed = tuple(replace(tag, name="verified") if tag.id == "fact" else tag for tag in start)
        other.apply_settings(SetTaxonomy(renamed, start))
        await wait_for(pilot, lambda: "verified" in screen_text(app), timeout=10, what="the renamed tag in the legend")
        await pilot.press("T")
        assert "verified" in screen_text(app)
        await pilot.press("a", *"watch list", "ctrl+s")
        await pilot.pause()
        assert app.desk.save_queue.flush(timeout=10)
        names = [tag.name for tag in Library.open(library_dir).settings().tags]
        assert "verified" in names and "watch list" in names and "fact" not in names
