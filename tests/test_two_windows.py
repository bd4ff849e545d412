"""Two windows on one library: each shows what the other saved, and neither loses the other's work.

The second window is another `Library` handle on the same folder, which is what another Brief
process is to this one.
"""

from __future__ import annotations

from pathlib import Path

from briefings.edits import AddTag, SetNote
from briefings.model import Article, make_paragraphs
from briefings.readers import read_file
from store import Library
from tests.pilot import make_app, open_review, screen_text, wait_for


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
        assert app.save_queue.flush(timeout=10)
        saved = Library.open(library_dir).load(screen.briefing_id).annotation(1)
        assert saved.note == "seen from the other window (checked)"
        assert "military" in saved.tags


async def test_a_reimport_while_open_moves_the_window_to_the_new_version(library_dir: Path, sample_path: Path) -> None:
    app = make_app(library_dir)
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await open_review(pilot)
        original = read_file(sample_path)
        texts = [paragraph.text for paragraph in original.paragraphs]
        changed = Article(
            original.title,
            make_paragraphs(["An editor's note inserted at the top of the article.", *texts]),
            source=original.source,
            date=original.date,
        )
        assert Library.open(library_dir).add_article(changed).status == "updated"
        await wait_for(pilot, lambda: len(screen.briefing.article.paragraphs) == len(texts) + 1, timeout=10, what="the new version")
        await pilot.pause()
        assert "An editor's note inserted at the top" in screen_text(app)
        # A tag now goes on the paragraph the analyst sees, in the new numbering.
        await pilot.press("g", "j", "2")
        assert app.save_queue.flush(timeout=10)
        saved = Library.open(library_dir).load(screen.briefing_id)
        assert saved.annotation(1).tags == {"fact"}
        assert saved.article.paragraphs[1].text == texts[0]


async def test_reading_the_briefing_again_for_nothing_new_changes_nothing(library_dir: Path) -> None:
    """The library lets go of cached copies; reading one back is not news for the analyst."""
    app = make_app(library_dir)
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await open_review(pilot)
        await pilot.press("2")
        assert app.save_queue.flush(timeout=10)
        shown = screen.briefing
        app.library._snapshots.drop(screen.briefing_id)  # as when 16 other briefings were read since
        await pilot.pause(2.5)
        assert not any("another window" in str(n.message) for n in app._notifications)
        assert screen.briefing.annotation(0).tags == shown.annotation(0).tags == {"fact"}
