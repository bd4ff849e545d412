"""`brief library copy`: a folder library copied into PostgreSQL and back loses nothing (the same
JSON exports with their histories of who changed what, trash, settings and their history, feeds
and positions), with a progress line per 100 briefings,
and a destination that holds briefings is refused unless told to add."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from briefings.briefing import Question
from briefings.decisions import ActorDecision
from briefings.edits import AddDecision, AddTag, PutQuestion, SetNote, SetReviewed, SetSummary, SetTaxonomy
from briefings.exporters import ExportBundle, export
from briefings.model import Article, make_paragraphs
from briefings.summary import Summary
from briefings.taxonomy import DEFAULT_TAGS
from store import Desk
from store.feeds import add_feed, mark
from tui.cli import main


def article(title: str, count: int = 3) -> Article:
    return Article(title, make_paragraphs([f"{title}, paragraph {n}: Zürich talks went on." for n in range(count)]), source="Wire", url=f"https://example.org/{title}")


def exports(location: Path | str) -> dict[str, str]:
    """Every briefing's JSON export with its history (the trash's too), by id."""
    library = Desk.open(location).library
    briefings = [(library.load(entry.id), False) for entry in library.entries()] + [(briefing, True) for briefing in library.trashed()]
    settings = library.settings()
    return {
        briefing.id: export(ExportBundle(briefing, None, settings, "2026-01-01T00:00:00+00:00", "test", tuple(library.history(briefing.id, trashed=trashed))), "json")
        for briefing, trashed in briefings
    }


def make_folder_library(root: Path) -> Path:
    library = Desk.open(root).library
    library.analyst = "Ada"
    one = library.add_article(article("Alpha")).id
    two = library.add_article(article("Bravo", 4)).id
    gone = library.add_article(article("Charlie")).id
    library.apply(one, AddTag(0, "fact"))
    library.analyst = "Bob"
    library.apply(one, SetNote(1, "Zürich matters"))
    library.apply(one, SetReviewed(2, True))
    library.apply(two, PutQuestion(Question("q1", "Who met?", paragraph=1)))
    library.analyst = "Cy"
    library.apply(two, SetSummary(Summary(bluf="Talks went on."), Summary()))
    library.apply(gone, AddTag(1, "claim"))
    library.delete(gone)
    library.apply_settings(SetTaxonomy(DEFAULT_TAGS[:3], DEFAULT_TAGS))
    library.analyst = "Ada"
    library.apply_settings(AddDecision(ActorDecision("d1", "hide", "reuters", "", "2025-01-01T10:00:00")))
    library.change_feeds(lambda state: (add_feed(state, "https://example.org/feed", ["wire"], "Example"), mark(state, [two], False)))
    library.remember_positions({two: 3})
    return root


def test_a_folder_copied_into_postgresql_and_back_gives_the_same_exports(postgres_url: str, tmp_path: Path) -> None:
    folder = make_folder_library(tmp_path / "library")
    runner = CliRunner()
    there = runner.invoke(main, ["library", "copy", str(folder), postgres_url], catch_exceptions=False)
    assert there.exit_code == 0 and "Copied 3 briefings (1 in the trash)" in there.output, there.output
    back = runner.invoke(main, ["library", "copy", postgres_url, str(tmp_path / "back")], catch_exceptions=False)
    assert back.exit_code == 0, back.output

    original = exports(folder)
    assert len(original) == 3 and exports(postgres_url) == original and exports(tmp_path / "back") == original
    source = Desk.open(folder).library
    assert [(e.who, e.kind) for e in source.history(sorted(source.entries(), key=lambda e: e.title)[0].id)] == [("Ada", "import"), ("Ada", "tag"), ("Bob", "note"), ("Bob", "reviewed")]
    assert [(e.who, e.kind) for e in source.settings_history()] == [("Cy", "taxonomy"), ("Ada", "decision")]
    for location in (postgres_url, tmp_path / "back"):
        library = Desk.open(location).library
        assert library.settings() == source.settings()
        assert library.settings_history() == source.settings_history()
        assert library.history(source.trashed()[0].id, trashed=True) == source.history(source.trashed()[0].id, trashed=True)
        assert library.read_feeds() == Desk.open(folder).library.read_feeds()
        assert [briefing.id for briefing in library.trashed()] == [briefing.id for briefing in Desk.open(folder).library.trashed()]
        assert {entry.id: library.position(entry.id) for entry in library.entries()} == {entry.id: Desk.open(folder).library.position(entry.id) for entry in library.entries()}
        assert [hit.id for hit in library.search("zurich matters")] == [hit.id for hit in Desk.open(folder).library.search("zurich matters")]


def test_a_destination_with_briefings_is_refused_unless_told_and_progress_is_shown(postgres_url: str, tmp_path: Path) -> None:
    folder = tmp_path / "library"
    library = Desk.open(folder).library
    for number in range(150):
        library.add_article(Article(f"Item {number}", make_paragraphs([f"Text of item {number}."])))
    runner = CliRunner()
    first = runner.invoke(main, ["library", "copy", str(folder), postgres_url])
    assert first.exit_code == 0 and "copied 100 of 150 briefings" in first.output, first.output
    again = runner.invoke(main, ["library", "copy", str(folder), postgres_url])
    assert again.exit_code == 1 and "not empty" in again.output and "Traceback" not in again.output
    added = runner.invoke(main, ["library", "copy", "--add", str(folder), postgres_url])
    assert added.exit_code == 0 and "150 merged" in added.output, added.output
    assert len(Desk.open(postgres_url).entries()) == 150
    missing = runner.invoke(main, ["library", "copy", str(tmp_path / "nowhere"), postgres_url])
    assert missing.exit_code == 1 and "no library folder" in missing.output
