"""The article's own facts, ids and positions (issue 13, points 3, 4 and 5).

Title, source, author, date and address can be corrected from the review screen (`M`) and with
`brief edit`; a new date re-resolves the relative dates of the numbers pane; every correction is
undoable and survives a re-import. Briefing ids are shown in the library and by `brief list`.
A briefing reopens at the paragraph last visited.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefings.exporters import ExportBundle, export, read_json_export
from briefings.facts import SetFacts, facts_from_text, read_date
from briefings.model import ArticleFacts
from briefings.readers import read_file
from store import Library
from tests.conftest import SAMPLE
from tests.pilot import make_app, open_library, open_review, screen_text, wait_for
from tui.cli import main
from tui.screens.facts import FactsEditor
from tui.screens.library import LibraryScreen
from tui.screens.review import ReviewScreen

pytestmark = pytest.mark.unit


def saved(app) -> Library:
    assert app.desk.save_queue.flush(timeout=10)
    return Library.open(app.startup.library_path)


def number(screen: ReviewScreen, text: str) -> object:
    """The value extraction gives the figure written `text`."""
    assert screen.extraction is not None
    return next(fact.value for fact in screen.extraction.numbers if fact.text == text)


def run(*args: str) -> object:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_dates_are_read_as_analysts_type_them() -> None:
    assert read_date("2016-06-01") == read_date("1 June 2016") == read_date(" June 1, 2016 ") == dt.date(2016, 6, 1)
    assert read_date("") is None
    for wrong in ("June 2016", "2016-13-01", "yesterday", "1 June 2016 and more"):
        with pytest.raises(ValueError, match="is not a date"):
            read_date(wrong)
    with pytest.raises(ValueError, match="needs a title"):
        facts_from_text({"title": "  ", "date": ""})


def test_a_corrected_title_keeps_the_content_hash_and_survives_a_reimport(library_dir: Path) -> None:
    library = Library.open(library_dir)
    article = read_file(SAMPLE)
    briefing_id = library.add_article(article).id
    before = library.load(briefing_id).article
    facts = dataclasses.replace(before.facts, title="US flies ISR over Tikrit", byline="C. Coughlin")
    library.apply(briefing_id, SetFacts(facts, before.facts))
    after = library.load(briefing_id).article
    assert after.title == "US flies ISR over Tikrit" and after.content_hash == before.content_hash
    assert after.as_read == before.facts and after.corrected_fields == ("title", "byline")
    # The same file again is a duplicate: the analyst's title stays.
    assert library.add_article(read_file(SAMPLE)).status == "duplicate"
    assert library.load(briefing_id).article.title == "US flies ISR over Tikrit"
    # The corrected title is what the library lists and what search finds.
    assert library.entries()[0].title == "US flies ISR over Tikrit"
    assert [hit.id for hit in library.search("ISR Tikrit flies")] == [briefing_id]
    # A changed version of the article (re-imported) keeps the corrections too.
    changed = dataclasses.replace(article, paragraphs=article.paragraphs[:-1])
    assert library.add_article(changed).status == "updated"
    assert library.load(briefing_id).article.facts == facts
    # Corrected back to what was read: nothing is kept as a correction.
    library.apply(briefing_id, SetFacts(before.facts, facts))
    assert library.load(briefing_id).article.as_read is None


def test_the_json_export_carries_the_corrections_and_reads_back_exactly(library_dir: Path) -> None:
    from briefings.edits import LibrarySettings

    library = Library.open(library_dir)
    briefing_id = library.add_article(read_file(SAMPLE)).id
    previous = library.load(briefing_id).article.facts
    library.apply(briefing_id, SetFacts(dataclasses.replace(previous, title="Corrected", date=dt.date(2016, 6, 1)), previous))
    bundle = ExportBundle(library.load(briefing_id), None, LibrarySettings(()), "2026-01-01T00:00:00+00:00", "0.1.0")
    text = export(bundle, "json")
    document = json.loads(text)
    assert document["article"]["title"] == "Corrected" and document["article"]["as_read"]["date"] == "2015-03-25"
    rebuilt = read_json_export(text)
    assert rebuilt.briefing.article.facts == bundle.briefing.article.facts
    assert rebuilt.briefing.article.as_read == previous
    assert export(rebuilt, "json") == text


async def test_the_date_is_corrected_on_the_review_screen_and_dates_are_resolved_again(library_dir: Path) -> None:
    app = make_app(library_dir)
    async with app.run_test(size=(240, 45)) as pilot:  # wide enough for the whole title bar
        screen = await open_review(pilot, extraction=True)
        assert number(screen, "last year") == "2014" and number(screen, "March 2") == "2015-03-02"
        content = screen.briefing.article.content_hash
        await pilot.press("M")
        editor = app.screen
        assert isinstance(editor, FactsEditor)
        editor.query_one("#facts-date").value = "1 June 2016"
        await pilot.press("escape")
        assert isinstance(app.screen, ReviewScreen)
        assert screen.briefing.article.date == dt.date(2016, 6, 1)
        await wait_for(pilot, lambda: "2016-06-01" in screen_text(app).splitlines()[0], what="the date in the title bar")
        # The numbers are extracted again against the new date.
        await wait_for(pilot, lambda: screen.extraction is not None and number(screen, "last year") == "2015", timeout=60, what="dates resolved again")
        assert number(screen, "March 2") == "2016-03-02"
        on_disk = saved(app).load(screen.briefing.id).article
        assert on_disk.date == dt.date(2016, 6, 1) and on_disk.as_read.date == dt.date(2015, 3, 25)
        assert on_disk.content_hash == content
        # Undo names the field and brings the old date and its resolutions back.
        await pilot.press("u")
        assert "Undid date “2016-06-01”" in [str(n.message) for n in app._notifications]
        assert screen.briefing.article.date == dt.date(2015, 3, 25)
        await wait_for(pilot, lambda: screen.extraction is not None and number(screen, "last year") == "2014", timeout=60, what="dates resolved back")
        assert saved(app).load(screen.briefing.id).article.as_read is None


async def test_a_date_that_cannot_be_read_is_asked_about_not_dropped(library_dir: Path) -> None:
    from tui.screens.dialogs import ConfirmDialog

    app = make_app(library_dir)
    async with app.run_test(size=(240, 45)) as pilot:  # wide enough for the whole title bar
        screen = await open_review(pilot)
        await pilot.press("M")
        editor = app.screen
        editor.query_one("#facts-date").value = "the day after"
        await pilot.press("escape")
        assert isinstance(app.screen, ConfirmDialog) and "'the day after' is not a date" in screen_text(app)
        await pilot.press("n")
        assert app.screen is editor and editor.query_one("#facts-date").value == "the day after"
        editor.query_one("#facts-date").value = ""
        editor.query_one("#facts-source").value = "The Daily Telegraph"
        await pilot.press("ctrl+s")
        assert screen.briefing.article.date is None and screen.briefing.article.source == "The Daily Telegraph"
        assert "The Daily Telegraph" in screen_text(app).splitlines()[0]


def test_brief_edit_corrects_facts_from_the_command_line(library_dir: Path) -> None:
    library = Library.open(library_dir)
    briefing_id = library.add_article(read_file(SAMPLE)).id
    result = run("edit", briefing_id[:6], "--date", "1 June 2016", "--author", "Con Coughlin", "--library", str(library_dir))
    assert result.exit_code == 0, result.output
    assert result.output.strip() == f"edited {briefing_id}: author Con Coughlin (was none), date 2016-06-01 (was 2015-03-25)"
    article = Library.open(library_dir).load(briefing_id).article
    assert article.date == dt.date(2016, 6, 1) and article.byline == "Con Coughlin"
    exported = run("export", briefing_id, "--library", str(library_dir)).output
    assert "- **Published:** 2016-06-01" in exported and "- **By:** Con Coughlin" in exported
    # Cleared with "", and clear errors for what cannot be done.
    assert run("edit", briefing_id, "--author", "", "--library", str(library_dir)).exit_code == 0
    assert Library.open(library_dir).load(briefing_id).article.byline is None
    for args, error in (
        (("--date", "soon"), "'soon' is not a date"),
        (("--title", ""), "An article needs a title."),
        ((), "give what to change"),
    ):
        result = run("edit", briefing_id, *args, "--library", str(library_dir))
        assert result.exit_code != 0 and error in result.output, result.output
    result = run("edit", "nosuchid", "--title", "x", "--library", str(library_dir))
    assert result.exit_code == 1 and "no briefing with id 'nosuchid'" in result.output


def test_brief_list_prints_ids_for_every_command_that_takes_one(library_dir: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.txt"
    other.write_text("Talks resume in Vienna\n\nNegotiators return on Monday.\n", encoding="utf-8")
    library = Library.open(library_dir)
    sample_id = library.add_article(read_file(SAMPLE)).id
    other_id = library.add_article(read_file(other)).id
    result = run("list", "--library", str(library_dir))
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0].split() == ["ID", "DATE", "REVIEWED", "SOURCE", "TITLE", "TAGS"]
    by_id = {line.split()[0]: line for line in lines[1:]}
    assert set(by_id) == {sample_id, other_id}
    assert "2015-03-25" in by_id[sample_id] and "0/15" in by_id[sample_id] and "MESOP : JOINT FORCES" in by_id[sample_id]
    # Each id feeds the commands that take one.
    assert run("export", other_id, "--library", str(library_dir)).output.startswith("# Talks resume in Vienna")
    documents = json.loads(run("list", "--json", "--library", str(library_dir)).output)
    sample = next(document for document in documents if document["id"] == sample_id)
    assert sample["title"].startswith("MESOP : JOINT FORCES") and sample["date"] == "2015-03-25"
    assert sample["reviewed"] == 0 and sample["paragraphs"] == 15 and sample["tags"] == {}
    assert set(sample) >= {"id", "title", "source", "date", "reviewed", "paragraphs", "tags"}


async def test_the_library_shows_the_id_of_the_briefing_under_the_cursor(library_dir: Path) -> None:
    briefing_id = Library.open(library_dir).add_article(read_file(SAMPLE)).id
    app = make_app(library_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_library(pilot, 1)
        await wait_for(pilot, lambda: f"id {briefing_id}" in screen_text(app), what="the id line")


async def test_a_briefing_reopens_at_the_paragraph_last_visited(library_dir: Path) -> None:
    app = make_app(library_dir)
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await open_review(pilot)
        await pilot.press("j", "j", "j", "j")
        assert screen.article_view.cursor == 4
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, LibraryScreen), what="the library")
        await open_library(pilot, 1)
        await pilot.press("enter")
        screen = await open_review(pilot)
        assert screen.article_view.cursor == 4
        await pilot.press("j")
        await pilot.press("q")  # quitting at once: the position is written as the screen goes
    app = make_app(library_dir)
    async with app.run_test(size=(140, 45)) as pilot:
        await open_library(pilot, 1)
        await pilot.press("enter")
        screen = await open_review(pilot)
        assert screen.article_view.cursor == 5
        assert "¶6" in screen_text(app)


def test_positions_are_kept_apart_from_the_briefing(library_dir: Path) -> None:
    library = Library.open(library_dir)
    briefing_id = library.add_article(read_file(SAMPLE)).id
    updated = library.entries()[0].updated
    library.remember_positions({briefing_id: 7})
    assert Library.open(library_dir).position(briefing_id) == 7
    assert Library.open(library_dir).entries()[0].updated == updated  # a scroll is not a change
    (library_dir / "positions.json").write_text("{not json", encoding="utf-8")
    assert library.position(briefing_id) is None  # damaged: read as none, and replaced
    library.remember_positions({briefing_id: 2})
    assert library.position(briefing_id) == 2


def test_facts_describe_themselves_for_undo() -> None:
    before = ArticleFacts("T", "Src", dt.date(2015, 3, 25))
    assert SetFacts(dataclasses.replace(before, date=dt.date(2016, 6, 1)), before).describe() == "date “2016-06-01”"
    assert SetFacts(dataclasses.replace(before, source=None), before).describe() == "source (cleared)"
    assert SetFacts(dataclasses.replace(before, title="U", url="https://x"), before).describe() == "title and address"


def test_two_windows_correcting_different_facts_keep_both(library_dir: Path) -> None:
    library = Library.open(library_dir)
    briefing_id = library.add_article(read_file(SAMPLE)).id
    seen = library.load(briefing_id).article.facts  # what both windows showed
    one = SetFacts(dataclasses.replace(seen, date=dt.date(2016, 6, 1)), seen)
    other = SetFacts(dataclasses.replace(seen, title="Corrected title"), seen)
    library.apply(briefing_id, one)
    Library.open(library_dir).apply(briefing_id, other)  # another process, made on the same view
    facts = Library.open(library_dir).load(briefing_id).article.facts
    assert facts.date == dt.date(2016, 6, 1) and facts.title == "Corrected title"


def test_a_text_without_a_dateline_gets_its_dates_once_the_date_is_given(library_dir: Path, tmp_path: Path) -> None:
    """The issue's case: a .txt import without a dateline can never resolve its dates; with
    `brief edit --date` it can, and the cached extraction made without a date is not used again."""
    path = tmp_path / "talks.txt"
    path.write_text("Talks end without a deal\n\nThe talks began on 19 October and broke up without a deal.\n", encoding="utf-8")
    assert run("import", str(path), "--library", str(library_dir)).exit_code == 0  # extracted and cached
    briefing_id = Library.open(library_dir).entries()[0].id

    def began() -> object:
        document = json.loads(run("export", briefing_id, "--format", "json", "--library", str(library_dir)).output)
        return next(number["value"] for number in document["extraction"]["numbers"] if number["text"] == "19 October")

    assert began() == "--10-19"  # a day and month, and no year to put them in
    assert run("edit", briefing_id, "--date", "2019-11-20", "--library", str(library_dir)).exit_code == 0
    assert began() == "2019-10-19"
