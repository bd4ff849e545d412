"""Actor decisions with a scope, and merge and rename across briefings (issue 13, point 7).

A decision made on the review screen applies to this briefing only or to the whole library (the
dialog asks; the choice made last comes first). The actors view across briefings merges and
renames for every briefing at once, and undoes it.
"""

from __future__ import annotations

import pytest

from pathlib import Path

from briefings.decisions import ActorDecision, decisions_for
from briefings.extraction import apply_decisions, installed_pipeline
from briefings.extraction.model import Actor, Extraction, Mention
from briefings.readers import read_file
from store import Library
from tests.pilot import make_app, open_library, open_review, screen_text, wait_for
from tui.cli import main
from tui.screens.actors_view import ActorsView
from tui.screens.dialogs import PickList, TextPrompt
from tui.screens.review import ReviewScreen
from tui.widgets.panes import ActorsPane

pytestmark = pytest.mark.unit

SECOND = (
    "Talks resume in Vienna\n\n"
    "Tehran said on Monday that Iranian negotiators would return to Vienna. "
    "Officials in Tehran and Washington gave no date.\n\n"
    "Iran has denied seeking a weapon.\n"
)


def saved(app) -> Library:
    assert app.desk.save_queue.flush(timeout=10)
    return Library.open(app.startup.library_path)


def messages(app) -> list[str]:
    return [str(notification.message) for notification in app._notifications]


def test_a_scoped_decision_applies_to_its_briefing_only() -> None:
    iran = Actor("iran", "Iran", "state", mentions=(Mention(0, 0, 4, "Iran"),))
    extraction = Extraction((iran,))
    hide_here = ActorDecision("d1", "hide", "iran", briefing="b1")
    rename_everywhere = ActorDecision("d2", "rename", "iran", "Islamic Republic of Iran")
    decisions = (hide_here, rename_everywhere)
    assert decisions_for(decisions, "b1") == decisions and decisions_for(decisions, "b2") == (rename_everywhere,)
    from briefings.model import Article

    article = Article("T", ())
    assert apply_decisions(extraction, decisions, article, "b1").actors == ()
    assert [a.name for a in apply_decisions(extraction, decisions, article, "b2").actors] == ["Islamic Republic of Iran"]
    assert [a.name for a in apply_decisions(extraction, decisions, article).actors] == ["Islamic Republic of Iran"]


async def test_hiding_an_actor_for_this_briefing_leaves_the_others_alone(library_dir: Path, tmp_path: Path) -> None:
    second = tmp_path / "second.txt"
    second.write_text(SECOND, encoding="utf-8")
    app = make_app(library_dir)
    async with app.run_test(size=(140, 50)) as pilot:
        screen = await open_review(pilot, extraction=True)
        sample_id = screen.briefing.id
        pane = screen.query_one(ActorsPane)
        pane.focus()
        iran = next(actor for actor in screen.extraction.actors if actor.name == "Iran")
        pane.highlighted = pane.get_option_index(f"actor:{iran.key}")
        await pilot.press("h")
        picker = app.screen
        assert isinstance(picker, PickList)
        assert "Every briefing in the library" in screen_text(app) and "This briefing only" in screen_text(app)
        await pilot.press("down", "enter")  # this briefing only
        assert "Iran" not in {actor.name for actor in screen.extraction.actors}
        decisions = saved(app).settings().decisions
        assert [(d.action, d.actor, d.briefing) for d in decisions] == [("hide", iran.key, sample_id)]
        assert "Actor hide: remembered for this briefing only (u undoes)." in messages(app)
        # Another briefing still has Iran.
        second_id = app.desk.library.add_article(read_file(second)).id
        app.push_screen(ReviewScreen(second_id))
        other = await open_review(pilot, extraction=True)
        assert "Iran" in {actor.name for actor in other.extraction.actors}
        # The scope chosen last is offered first.
        other.query_one(ActorsPane).focus()
        await pilot.press("h")
        assert isinstance(app.screen, PickList)
        options = app.screen.query_one("#pick-options")
        assert options.get_option_at_index(0).id == second_id
        await pilot.press("escape")
        # Its D list shows only what applies to it: nothing.
        await pilot.press("D")
        assert "No actor decisions apply to this briefing yet." in messages(app)
        await pilot.press("escape", "escape")  # from the pane to the article, then back
        await wait_for(pilot, lambda: app.screen is screen, what="the sample again")
        # Undo, in the sample, brings Iran back there.
        await pilot.press("u")
        assert "Iran" in {actor.name for actor in screen.extraction.actors}
        assert "Undid hiding of actor 'iran' (this briefing)" in messages(app)
        assert saved(app).settings().decisions == ()


def _library_with_two_names_for_one_party(library_dir: Path, tmp_path: Path) -> Library:
    """Two briefings whose cached extractions name the same party two ways (no model needed)."""
    texts = {
        "first.txt": ("Budget vote\n\nThe Lib Dems voted against the budget.\n", Actor("lib dems", "Lib Dems", "organisation", mentions=(Mention(0, 4, 12, "Lib Dems"),))),
        "second.txt": (
            "Coalition talks\n\nThe Liberal Democrats met the Tories.\n",
            Actor("liberal democrats", "Liberal Democrats", "organisation", mentions=(Mention(0, 4, 21, "Liberal Democrats"),)),
        ),
    }
    library = Library.open(library_dir)
    for name, (text, actor) in texts.items():
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        article = read_file(path)
        library.add_article(article)
        library.save_extraction(article.content_hash, installed_pipeline(), Extraction((actor,), engine="test", pipeline=installed_pipeline()))
    return library


async def test_the_actors_view_merges_and_renames_across_briefings_and_undoes(library_dir: Path, tmp_path: Path) -> None:
    _library_with_two_names_for_one_party(library_dir, tmp_path)
    app = make_app(library_dir)
    async with app.run_test(size=(140, 45)) as pilot:
        await open_library(pilot, 2)
        await pilot.press("A")
        await wait_for(pilot, lambda: isinstance(app.screen, ActorsView) and app.screen.tally is not None, what="the actors view")
        view = app.screen
        assert set(view.tally.actors) == {"lib dems", "liberal democrats"}
        table = view.table("actors")
        table.move_cursor(table.position("lib dems"))
        await pilot.press("m")
        assert isinstance(app.screen, PickList)
        await pilot.press(*"Liberal", "enter")
        await wait_for(pilot, lambda: view.tally is not None and set(view.tally.actors) == {"liberal democrats"}, what="the merge counted")
        merged = view.tally.actors["liberal democrats"]
        assert merged.briefing_count == 2 and merged.name == "Liberal Democrats"
        decisions = saved(app).settings().decisions
        assert [(d.action, d.actor, d.value, d.briefing) for d in decisions] == [("merge", "lib dems", "liberal democrats", "")]
        # Undo here takes the merge back.
        await pilot.press("u")
        await wait_for(pilot, lambda: view.tally is not None and len(view.tally.actors) == 2, what="the merge undone")
        assert "Undid merge of actor 'lib dems' into 'liberal democrats' (whole library)" in messages(app)
        assert saved(app).settings().decisions == ()
        await pilot.press("ctrl+r")
        await wait_for(pilot, lambda: view.tally is not None and len(view.tally.actors) == 1, what="the merge redone")
        # Rename for every briefing.
        table.move_cursor(table.position("liberal democrats"))
        await pilot.press("r")
        assert isinstance(app.screen, TextPrompt)
        app.screen.query_one("#prompt-input").value = "Liberal Democrat party"
        await pilot.press("enter")
        await wait_for(pilot, lambda: view.tally is not None and view.tally.actors["liberal democrats"].name == "Liberal Democrat party", what="the rename counted")
        assert "Liberal Democrat party" in screen_text(app)
        library = saved(app)
        assert [d.action for d in library.settings().decisions] == ["merge", "rename"]
    # Each briefing shows the merged, renamed actor.
    for entry in library.entries():
        briefing = library.load(entry.id)
        raw = library.load_extraction(entry.content_hash, installed_pipeline())
        shown = apply_decisions(raw, library.settings().decisions, briefing.article, briefing.id)
        assert [actor.name for actor in shown.actors] == ["Liberal Democrat party"]


def test_a_decision_for_one_briefing_follows_it_into_another_library(library_dir: Path, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from briefings.edits import AddDecision
    from briefings.exporters import ExportBundle, export

    library = _library_with_two_names_for_one_party(library_dir, tmp_path)
    first, second = library.entries()
    library.apply_settings(AddDecision(ActorDecision("d1", "hide", "lib dems", briefing=first.id)))
    library.apply_settings(AddDecision(ActorDecision("d2", "hide", "liberal democrats", briefing=second.id)))
    settings = library.settings()
    bundle = ExportBundle(library.load(first.id), None, settings, "2026-01-01T00:00:00+00:00", "0.1.0")
    path = tmp_path / "first.json"
    path.write_text(export(bundle, "json"), encoding="utf-8")
    other_dir = tmp_path / "other"
    assert CliRunner().invoke(main, ["import", str(path), "--library", str(other_dir)]).exit_code == 0
    other = Library.open(other_dir)
    imported = other.entries()[0].id
    # Only the decision for this briefing came, scoped to the id it has in the new library.
    assert [(d.id, d.briefing) for d in other.settings().decisions] == [("d1", imported)]
