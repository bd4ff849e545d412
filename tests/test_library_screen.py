"""Pilot tests of the library screen and its views: sort, filter, search, open and come back,
actors and questions across the library, delete and undo, and the digest export.

Each test builds a small library in a temporary folder from short Markdown articles written
here (and the bundled sample where a long article helps), then works the app from the keyboard
and checks the screen, the screen's state and the library on disk.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from briefings.briefing import Question
from briefings.decisions import ActorDecision
from briefings.edits import AddDecision, AddTag, PutQuestion, SetReviewed, SetSummary
from briefings.extraction import installed_pipeline
from briefings.extraction.model import Actor, Extraction, Mention
from briefings.readers import read_file
from briefings.summary import SourceGrade, Summary
from store import Desk, Library, LibraryStore
from tests.pilot import make_app, screen_text, wait_for
from tui.screens.actors_view import NOT_EXTRACTED, ActorsView
from tui.screens.dialogs import ConfirmDialog, PickList, TextPrompt
from tui.screens.library import LibraryScreen
from tui.screens.review import ReviewScreen
from tui.screens.library_search import SearchResults
from tui.screens.questions_view import QuestionsView
from tui.widgets.briefing_table import RowTable

pytestmark = pytest.mark.app

ARTICLES = {
    "summit": (
        "Merkel and Macron meet in Paris",
        "Le Monde",
        "2021-03-04",
        [
            "Angela Merkel met Emmanuel Macron in Paris on Thursday to discuss the budget.",
            "Officials said the talks on the harbour levy went well.",
            "Tehran was not mentioned by either leader.",
        ],
    ),
    "budget": (
        "Berlin budget talks stall",
        "Der Spiegel",
        "2021-05-10",
        [
            "Budget talks in Berlin stalled on Monday, officials said.",
            "Angela Merkel called the delay regrettable.",
            "Iran's oil exports were discussed at length.",
            "A quokka-shaped mascot surprised the delegates.",
        ],
    ),
    "strike": (
        "Harbour strike ends after ten days",
        "Reuters",
        "2020-11-30",
        ["Dock workers in Hamburg ended their strike on Sunday.", "Unions won a pay rise of four per cent."],
    ),
}


def write_article(folder: Path, name: str) -> Path:
    title, source, date, paragraphs = ARTICLES[name]
    path = folder / f"{name}.md"
    front = f"---\ntitle: {title}\nsource: {source}\ndate: {date}\n---\n\n"
    path.write_text(front + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def library(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A library of the three articles above: (folder, briefing id by article name)."""
    folder = tmp_path / "library"
    articles = tmp_path / "articles"
    articles.mkdir()
    store = Library.open(folder)
    ids = {name: store.add_article(read_file(write_article(articles, name))).id for name in ARTICLES}
    return folder, ids


@pytest.fixture(params=["folder", pytest.param("postgresql", marks=pytest.mark.postgres)])
def any_library(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """The library above in a folder, or on the run's PostgreSQL server (its URL, as `brief
    --library` takes it): (where, briefing id by article name)."""
    if request.param == "folder":
        return request.getfixturevalue("library")
    url = request.getfixturevalue("postgres_url")
    articles = tmp_path / "articles"
    articles.mkdir()
    store = Desk.open(url).library
    return Path(url), {name: store.add_article(read_file(write_article(articles, name))).id for name in ARTICLES}


async def open_library(pilot, rows: int) -> None:
    """Wait for the library screen to have read the index and list `rows` briefings."""
    app = pilot.app

    def listed() -> bool:
        screen = app.screen
        return isinstance(screen, LibraryScreen) and screen.loaded and screen.table.row_count == rows

    await wait_for(pilot, listed, what=f"the library screen with {rows} briefings")


def table(app) -> RowTable:
    return app.screen.query_one("#briefings", RowTable)


def titles(app) -> list[str]:
    return [row.entry.title for row in table(app).rows]


async def test_table_shows_progress_tags_summary_and_grade(library: tuple[Path, dict[str, str]]) -> None:
    folder, ids = library
    store = Library.open(folder)
    store.apply_all(ids["budget"], [SetReviewed(0, True), SetReviewed(1, True), AddTag(1, "fact"), AddTag(2, "claim"), AddTag(3, "claim")])
    store.apply(ids["budget"], SetSummary(Summary(bluf="Talks stall.", grade=SourceGrade("B", "2")), Summary()))
    app = make_app(folder)
    async with app.run_test(size=(160, 30)) as pilot:
        await open_library(pilot, 3)
        line = next(line for line in screen_text(app).splitlines() if "Berlin budget talks stall" in line)
        assert "Der Spiegel" in line and "2021-05-10" in line and "2/4" in line
        assert "claim 2 fact 1" in line and "✓" in line and "B2" in line
        other = next(line for line in screen_text(app).splitlines() if "Harbour strike" in line)
        assert "0/2" in other and "✓" not in other and "B2" not in other
        assert "3 briefings" in screen_text(app)


async def test_sort_by_key_and_by_header_click(library: tuple[Path, dict[str, str]]) -> None:
    folder, _ = library
    app = make_app(folder)
    async with app.run_test(size=(160, 30)) as pilot:
        await open_library(pilot, 3)
        screen = app.screen
        assert isinstance(screen, LibraryScreen)
        await pilot.press("s")  # recently changed -> title, A to Z
        assert screen.sort_column == "title"
        assert titles(app) == ["Berlin budget talks stall", "Harbour strike ends after ten days", "Merkel and Macron meet in Paris"]
        assert "Title ↑" in screen_text(app)
        await pilot.press("S")
        assert titles(app) == ["Merkel and Macron meet in Paris", "Harbour strike ends after ten days", "Berlin budget talks stall"]
        await pilot.press("s")  # source, A to Z
        assert [row.entry.source for row in table(app).rows] == ["Der Spiegel", "Le Monde", "Reuters"]
        # A click on the Date header sorts by date, newest first; a second click reverses.
        header_line = screen_text(app).splitlines()[table(app).region.y]
        x = header_line.index("Date") - table(app).region.x
        await pilot.click("#briefings", offset=(x, 0))
        assert screen.sort_column == "date"
        assert [row.entry.date for row in table(app).rows] == ["2021-05-10", "2021-03-04", "2020-11-30"]
        await pilot.click("#briefings", offset=(x, 0))
        assert [row.entry.date for row in table(app).rows] == ["2020-11-30", "2021-03-04", "2021-05-10"]


async def test_filter_narrows_as_you_type_and_escape_clears_it(library: tuple[Path, dict[str, str]]) -> None:
    folder, _ = library
    app = make_app(folder)
    async with app.run_test(size=(160, 30)) as pilot:
        await open_library(pilot, 3)
        await pilot.press("f", *"ber")
        assert titles(app) == ["Berlin budget talks stall"]
        assert "1 match “ber”" in screen_text(app)
        await pilot.press("backspace", "backspace", "backspace", *"reuters")
        assert titles(app) == ["Harbour strike ends after ten days"]  # the source matches too
        await pilot.press("backspace", *"s harbour")
        assert titles(app) == ["Harbour strike ends after ten days"]
        await pilot.press(*" zzz")
        assert table(app).row_count == 0
        assert "No briefing matches the filter." in screen_text(app)
        await pilot.press("enter")  # back to the table, the filter kept
        assert app.screen.focused is table(app)
        await pilot.press("escape")
        assert table(app).row_count == 3
        assert app.screen.query_one("#library-filter").value == ""


async def test_search_opens_the_briefing_at_the_hit(library: tuple[Path, dict[str, str]]) -> None:
    folder, ids = library
    app = make_app(folder)
    async with app.run_test(size=(160, 30)) as pilot:
        await open_library(pilot, 3)
        await pilot.press("slash")
        assert isinstance(app.screen, TextPrompt)
        await pilot.press(*"quokka", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, SearchResults), what="the search results")
        results = app.screen
        assert [(hit.id, hit.field, hit.paragraph) for hit in results.hits] == [(ids["budget"], "text", 3)]
        assert "quokka-shaped mascot" in screen_text(app)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ReviewScreen) and app.screen.briefing is not None, what="the review screen")
        review = app.screen
        await wait_for(pilot, lambda: review.article_view.cursor == 3, what="the cursor on the hit")
        assert review.briefing.id == ids["budget"]
        assert review.search.query == "quokka" and review.article_view.has_highlights
        # Escape clears the marks, then goes back to the results, then to the library.
        await pilot.press("escape", "escape")
        assert app.screen is results
        await pilot.press("escape")
        assert isinstance(app.screen, LibraryScreen)


async def test_search_lists_only_places_holding_every_word(library: tuple[Path, dict[str, str]]) -> None:
    folder, ids = library
    app = make_app(folder)
    async with app.run_test(size=(160, 30)) as pilot:
        await open_library(pilot, 3)
        # The summit has "budget" in one paragraph and "talks" in another: neither place counts.
        await pilot.press("slash", *"Budget TALKS", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, SearchResults), what="the search results")
        assert [(hit.id, hit.field, hit.paragraph) for hit in app.screen.hits] == [(ids["budget"], "title", None), (ids["budget"], "text", 0)]
        assert "2 places in 1 briefing" in screen_text(app)


async def test_a_search_without_hits_says_so(library: tuple[Path, dict[str, str]]) -> None:
    folder, _ = library
    app = make_app(folder)
    async with app.run_test(size=(160, 30)) as pilot:
        await open_library(pilot, 3)
        await pilot.press("slash", *"zanzibar", "enter")
        await wait_for(pilot, lambda: any("zanzibar" in str(n.message) for n in app._notifications), what="the notice")
        assert isinstance(app.screen, LibraryScreen)


async def test_open_and_come_back_to_the_same_row(library: tuple[Path, dict[str, str]]) -> None:
    folder, _ = library
    app = make_app(folder)
    async with app.run_test(size=(160, 30)) as pilot:
        await open_library(pilot, 3)
        await pilot.press("j", "j")
        chosen = table(app).cursor_key
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ReviewScreen) and app.screen.briefing is not None, what="the review screen")
        assert app.screen.briefing.id == chosen
        await pilot.press("enter")  # marks ¶1 reviewed
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, LibraryScreen), what="the library")
        await wait_for(pilot, lambda: "1/" in str(table(app).rows[table(app).cursor_row].cells[3]), what="the progress updated")
        assert table(app).cursor_key == chosen and table(app).cursor_row == 2


def row_of(app, key: str):
    return next(row for row in table(app).rows if row.key == key)


async def test_filter_ignores_case_and_accents(library: tuple[Path, dict[str, str]], tmp_path: Path) -> None:
    folder, _ = library
    article = tmp_path / "zurich.md"
    article.write_text("---\ntitle: Talks in Zürich\nsource: Neue Zürcher Zeitung\n---\n\nThey met.\n", encoding="utf-8")
    Library.open(folder).add_article(read_file(article))
    app = make_app(folder)
    async with app.run_test(size=(160, 30)) as pilot:
        await open_library(pilot, 4)
        await pilot.press("f", *"zurich")
        assert titles(app) == ["Talks in Zürich"]
        await pilot.press("escape", "f", *"ZÜRCHER")  # the source, accents and case as typed
        assert titles(app) == ["Talks in Zürich"]
        await pilot.press("escape", "f", *"zur talks")
        assert titles(app) == ["Talks in Zürich"]


async def test_back_from_a_briefing_its_row_shows_the_edits_saved_meanwhile(library: tuple[Path, dict[str, str]], monkeypatch: pytest.MonkeyPatch) -> None:
    folder, _ = library
    app = make_app(folder)
    saving = threading.Event()
    async with app.run_test(size=(160, 30)) as pilot:
        await open_library(pilot, 3)
        apply_all = app.desk.library.apply_all

        def slow(*args, **kwargs):
            saving.wait(20)  # the save lands only after the library screen is back
            return apply_all(*args, **kwargs)

        monkeypatch.setattr(app.desk.library, "apply_all", slow)
        try:
            await pilot.press("j")
            chosen, position = table(app).cursor_key, table(app).cursor_row
            await pilot.press("enter")
            await wait_for(pilot, lambda: isinstance(app.screen, ReviewScreen) and app.screen.briefing is not None, what="the review screen")
            await pilot.press("2", "escape")  # tag ¶1 a fact, and back at once
            await wait_for(pilot, lambda: isinstance(app.screen, LibraryScreen), what="the library")
            await pilot.pause(0.3)
            assert not row_of(app, chosen).entry.tag_counts  # not on disk yet
            saving.set()
            await wait_for(pilot, lambda: row_of(app, chosen).entry.tag_counts.get("fact") == 1, what="the row read again")
            assert "fact 1" in next(line for line in screen_text(app).splitlines() if row_of(app, chosen).entry.title in line)
            assert table(app).cursor_key == chosen and table(app).cursor_row == position
        finally:
            saving.set()


async def test_a_save_that_waited_for_the_disk_shows_why_then_refreshes_the_rows(library: tuple[Path, dict[str, str]], monkeypatch: pytest.MonkeyPatch) -> None:
    folder, _ = library
    app = make_app(folder)
    writable = threading.Event()
    async with app.run_test(size=(200, 30)) as pilot:
        await open_library(pilot, 3)
        apply_all = app.desk.library.apply_all

        def refusing(*args, **kwargs):
            if not writable.is_set():
                raise PermissionError("the briefings folder is read-only")
            return apply_all(*args, **kwargs)

        monkeypatch.setattr(app.desk.library, "apply_all", refusing)
        try:
            await pilot.press("j")
            chosen = table(app).cursor_key
            app.submit(chosen, AddTag(0, "claim"))
            await wait_for(pilot, lambda: "NOT SAVED (the briefings folder is read-only)" in screen_text(app), what="the reason in the title")
            assert "not-saved" not in screen_text(app)
            writable.set()
            await wait_for(pilot, lambda: row_of(app, chosen).entry.tag_counts.get("claim") == 1, what="the row read again")
            await wait_for(pilot, lambda: "NOT SAVED" not in screen_text(app), what="the title saved")
            assert screen_text(app).splitlines()[0].rstrip().endswith("saved")
            assert table(app).cursor_key == chosen and table(app).cursor_row == 1
        finally:
            writable.set()


def save_extraction(store: LibraryStore, briefing_id: str, actors: list[Actor]) -> None:
    """Put a hand-made extraction in the cache, as if extraction had run."""
    pipeline = installed_pipeline()
    content = store.load(briefing_id).article.content_hash
    store.save_extraction(content, pipeline, Extraction(actors=tuple(actors), engine="test", pipeline=pipeline))


def actor(name: str, kind: str, *mentions: tuple[int, str], role: str = "") -> Actor:
    return Actor(name.casefold(), name, kind, role=role, mentions=tuple(Mention(p, 0, len(text), text) for p, text in mentions))


async def test_actors_view_across_briefings_with_merges(any_library: tuple[Path, dict[str, str]]) -> None:
    folder, ids = any_library
    store = Desk.open(folder).library  # a folder walked, or a server counting by query
    save_extraction(
        store,
        ids["summit"],
        [actor("Angela Merkel", "person", (0, "Angela Merkel"), role="German chancellor"), actor("Emmanuel Macron", "person", (0, "Emmanuel Macron")), actor("Tehran", "state", (2, "Tehran"))],
    )
    save_extraction(store, ids["budget"], [actor("Angela Merkel", "person", (1, "Angela Merkel")), actor("Iran", "state", (2, "Iran"))])
    # The analyst once merged Tehran into Iran: here too they are one actor.
    store.apply_settings(AddDecision(ActorDecision("d1", "merge", "tehran", "iran")))
    app = make_app(folder)
    async with app.run_test(size=(160, 40)) as pilot:
        await open_library(pilot, 3)
        await pilot.press("A")
        await wait_for(pilot, lambda: isinstance(app.screen, ActorsView) and app.screen.tally is not None, what="the actors view")
        view = app.screen
        actors = view.table("actors")
        # The briefing with no extraction yet is listed first, then actors by briefings.
        assert [row.key for row in actors.rows] == [NOT_EXTRACTED, "angela merkel", "iran", "emmanuel macron"]
        assert "1 not extracted yet" in screen_text(app)
        assert view.tally.actors["iran"].briefing_count == 2 and "tehran" not in view.tally.actors
        await pilot.press("j")
        await wait_for(pilot, lambda: view.table("actor-mentions").row_count == 2, what="Merkel's paragraphs")
        mentions = view.table("actor-mentions")
        assert [(row.entry.id, row.paragraph) for row in mentions.rows] == [(ids["budget"], 1), (ids["summit"], 0)]
        assert [row.key for row in view.table("actor-company").rows] == ["iran", "emmanuel macron"]
        text = screen_text(app)
        assert "German chancellor" in text and "Berlin budget talks stall" in text
        # Enter lists the actor's paragraphs; Enter on one opens its briefing there.
        await pilot.press("enter", "j")
        assert view.focused is mentions and mentions.cursor_row == 1
        await wait_for(pilot, lambda: "met Emmanuel Macron in Paris" in screen_text(app), what="the paragraph preview")
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ReviewScreen) and app.screen.briefing is not None, what="the review screen")
        assert app.screen.briefing.id == ids["summit"] and app.screen.article_view.cursor == 0
        await pilot.press("escape", "escape")
        assert app.screen is view
        # Enter on an actor in the same briefings goes to that actor.
        await pilot.press("tab")
        assert view.focused is view.table("actor-company")
        await pilot.press("enter")
        assert actors.cursor_key == "iran" and view.focused is actors
        # The briefing not extracted yet is listed as such.
        await pilot.press("g")
        await wait_for(pilot, lambda: view.table("actor-mentions").row_count == 1, what="the briefings not extracted")
        assert view.table("actor-mentions").rows[0].entry.id == ids["strike"]
        assert "not extracted yet" in screen_text(app)


async def test_actors_are_counted_again_only_when_something_changed(library: tuple[Path, dict[str, str]]) -> None:
    folder, ids = library
    store = Library.open(folder)
    for name in ARTICLES:
        save_extraction(store, ids[name], [actor("Angela Merkel", "person", (0, "Angela Merkel"))])
    app = make_app(folder)
    async with app.run_test(size=(160, 40)) as pilot:
        await open_library(pilot, 3)

        async def visit() -> object:
            await pilot.press("A")
            await wait_for(pilot, lambda: isinstance(app.screen, ActorsView) and app.screen.tally is not None, what="the actors view")
            tally = app.screen.tally
            await pilot.press("escape")
            await wait_for(pilot, lambda: isinstance(app.screen, LibraryScreen), what="the library")
            return tally

        first = await visit()
        assert await visit() is first
        app.submit(None, AddDecision(ActorDecision("d2", "rename", "angela merkel", "Chancellor Merkel")))
        renamed = await visit()
        assert renamed is not first and renamed.actors["angela merkel"].name == "Chancellor Merkel"


async def test_actors_view_extracts_what_is_missing(library: tuple[Path, dict[str, str]]) -> None:
    folder, ids = library
    app = make_app(folder)
    async with app.run_test(size=(160, 40)) as pilot:
        await open_library(pilot, 3)
        await pilot.press("A")
        await wait_for(pilot, lambda: isinstance(app.screen, ActorsView) and app.screen.tally is not None, what="the actors view")
        view = app.screen
        assert len(view.tally.not_extracted) == 3 and not view.tally.actors
        await pilot.press("e")
        await wait_for(pilot, lambda: view.tally is not None and not view.tally.not_extracted, timeout=120, what="extraction")
        merkel = next(actor for actor in view.tally.actors.values() if "Merkel" in actor.name)
        assert set(merkel.mentions) == {ids["summit"], ids["budget"]}
        assert NOT_EXTRACTED not in [row.key for row in view.table("actors").rows]


async def test_questions_view_lists_and_opens_questions(library: tuple[Path, dict[str, str]]) -> None:
    folder, ids = library
    store = Library.open(folder)
    store.apply(ids["budget"], PutQuestion(Question("q1", "Who leaked the delay?", paragraph=1)))
    store.apply(ids["summit"], PutQuestion(Question("q2", "Was the levy agreed?", status="answered", paragraph=1, answer="Yes", answer_source="AFP")))
    store.apply(ids["strike"], PutQuestion(Question("q3", "How many workers struck?")))
    app = make_app(folder)
    async with app.run_test(size=(160, 30)) as pilot:
        await open_library(pilot, 3)
        await wait_for(pilot, lambda: "2 open questions (Q)" in screen_text(app), what="the count in the title")
        await pilot.press("Q")
        await wait_for(pilot, lambda: isinstance(app.screen, QuestionsView) and app.screen.rows, what="the questions view")
        view = app.screen
        questions = view.table
        assert [row.question.id for row in questions.rows][-1] == "q2"  # open ones first
        assert {row.question.id for row in questions.rows} == {"q1", "q2", "q3"}
        text = screen_text(app)
        assert "2 open, 1 answered" in text and "Who leaked the delay?" in text and "Berlin budget talks stall" in text
        await pilot.press("G")
        await wait_for(pilot, lambda: "answer: Yes" in screen_text(app), what="the answer shown")
        assert "(source: AFP)" in screen_text(app)
        await pilot.press("o")
        assert {row.question.id for row in questions.rows} == {"q1", "q3"}
        questions.move_cursor(questions.position(f"{ids['budget']}/q1"))
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ReviewScreen) and app.screen.briefing is not None, what="the review screen")
        assert app.screen.briefing.id == ids["budget"]
        await wait_for(pilot, lambda: app.screen.article_view.cursor == 1, what="the question's paragraph")
        await pilot.press("escape")
        assert app.screen is view


async def test_delete_asks_first_and_undo_brings_it_back(library: tuple[Path, dict[str, str]]) -> None:
    folder, ids = library
    app = make_app(folder)
    async with app.run_test(size=(160, 30)) as pilot:
        await open_library(pilot, 3)
        screen = app.screen
        target = table(app).cursor_key
        await pilot.press("d")
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        assert table(app).row_count == 3 and Library.open(folder).entry(target) is not None
        await pilot.press("d", "y")
        await wait_for(pilot, lambda: table(app).row_count == 2, what="the row gone")
        assert target not in [row.key for row in table(app).rows]
        assert Library.open(folder).entry(target) is None
        assert "u brings back" in screen_text(app)
        await pilot.press("j", "u")
        await wait_for(pilot, lambda: table(app).row_count == 3, what="the row back")
        assert table(app).cursor_key == target
        assert Library.open(folder).entry(target) is not None
        assert not screen.deleted


async def test_digest_of_marked_briefings_is_written(library: tuple[Path, dict[str, str]], tmp_path: Path) -> None:
    folder, ids = library
    store = Library.open(folder)
    for name in ("summit", "budget"):
        save_extraction(store, ids[name], [actor("Angela Merkel", "person", (0, "Angela Merkel"))])
    target = tmp_path / "digest.md"
    app = make_app(folder)
    async with app.run_test(size=(160, 30)) as pilot:
        await open_library(pilot, 3)
        await pilot.press("f", *"merkel", "enter", "space", "escape", "f", *"berlin", "enter", "space", "escape")
        assert app.screen.query_one("#briefings", RowTable).marked == {ids["summit"], ids["budget"]}
        assert "2 marked" in screen_text(app)
        await pilot.press("x")
        assert isinstance(app.screen, PickList)
        await pilot.press(*"markdown", "enter")
        assert isinstance(app.screen, TextPrompt)
        app.screen.query_one("#prompt-input").value = str(target)
        await pilot.press("enter")
        await wait_for(pilot, target.exists, what="the digest file")
    digest = target.read_text(encoding="utf-8")
    assert "Merkel and Macron meet in Paris" in digest and "Berlin budget talks stall" in digest
    assert "Harbour strike" not in digest


async def test_hostile_titles_are_shown_as_text(tmp_path: Path) -> None:
    folder = tmp_path / "library"
    article = tmp_path / "hostile.txt"
    article.write_text("[@click=app.quit] [/foo] [Reuters] \x1b[2J headline\n\nA paragraph about [b]nothing[/b].\n", encoding="utf-8")
    Library.open(folder).add_article(read_file(article))
    app = make_app(folder)
    async with app.run_test(size=(160, 30)) as pilot:
        await open_library(pilot, 1)
        text = screen_text(app)
        assert "[@click=app.quit] [/foo] [Reuters]" in text and "\x1b" not in text
        await pilot.click("#briefings", offset=(10, 1))
        assert app.is_running


async def test_every_library_action_is_in_the_palette(library: tuple[Path, dict[str, str]]) -> None:
    from tui.commands import BriefCommands

    folder, _ = library
    app = make_app(folder)
    async with app.run_test(size=(160, 30)) as pilot:
        await open_library(pilot, 3)
        provider = BriefCommands(app.screen)
        names = {title for title, _, _ in provider._commands()}
        for wanted in ("library: filter", "library: search", "library: sort", "library: mark", "library: digest", "library: delete", "library: actors", "library: questions", "library: sort by date"):
            assert wanted in names
