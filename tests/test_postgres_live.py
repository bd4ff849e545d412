"""Live across machines: the app on a server library is woken by the server's notifications and
shows another analyst's change at once, not at its next check; the listener ends with the app;
and the server stopped while the app tags shows NOT SAVED with the reason, then saves.

The checks made every second (`FOLLOW_SECONDS`) are pushed out to ten minutes here, so that only
the wake-up path can show the change within the test's time.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from briefings.edits import AddTag, SetTaxonomy
from briefings.model import Article, make_paragraphs
from briefings.taxonomy import DEFAULT_TAGS
from store.postgres import POSTGRES
from tests.pilot import make_app, open_library, open_review, screen_text, wait_for

LISTENER = "brief: listen for other Briefs"


@pytest.fixture(autouse=True)
def no_polling(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every check made every second waits ten minutes instead."""
    import tui.app
    import tui.screens.review

    monkeypatch.setattr(tui.app, "FOLLOW_SECONDS", 600.0)
    monkeypatch.setattr(tui.screens.review, "FOLLOW_SECONDS", 600.0)


def listeners() -> set[threading.Thread]:
    return {thread for thread in threading.enumerate() if thread.name == LISTENER and thread.is_alive()}


async def listening(pilot) -> None:  # type: ignore[no-untyped-def]
    app = pilot.app
    await wait_for(pilot, lambda: app._following is not None and app._following.ready.is_set(), what="the app listening to the server")


async def test_another_analyst_s_tag_reaches_the_open_briefing_by_notification_and_both_tags_are_kept(postgres_url: str) -> None:
    before = listeners()
    app = make_app(Path(postgres_url))
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await open_review(pilot)
        await listening(pilot)
        assert len(listeners() - before) == 1
        bob = POSTGRES.open(postgres_url)
        bob.analyst = "Bob"
        bob.apply(screen.briefing_id, AddTag(1, "claim"))
        await wait_for(pilot, lambda: "claim" in screen.briefing.annotation(1).tags, timeout=10, what="Bob's tag on screen")
        await pilot.press("j", "2")  # this analyst tags the same paragraph
        bob.apply(screen.briefing_id, AddTag(1, "opinion"))  # while Bob tags it again
        await wait_for(pilot, lambda: screen.briefing.annotation(1).tags == {"fact", "claim", "opinion"}, timeout=10, what="every tag on screen")
        assert app.desk.save_queue is not None and app.desk.save_queue.flush(timeout=10)
        assert POSTGRES.open(postgres_url).load(screen.briefing_id).annotation(1).tags == {"fact", "claim", "opinion"}
        who = [(entry.who, entry.detail) for entry in bob.history(screen.briefing_id) if entry.kind == "tag"]
        assert sorted(who) == sorted([("Bob", "claim"), (app.desk.analyst, "fact"), ("Bob", "opinion")])
        await wait_for(pilot, lambda: "by Bob" in screen_text(app), timeout=10, what="who tagged, on screen")
    await wait_for_threads(lambda: not (listeners() - before))


async def wait_for_threads(condition) -> None:  # type: ignore[no-untyped-def]
    import asyncio
    import time

    deadline = time.monotonic() + 10
    while not condition():
        assert time.monotonic() < deadline, "the listening thread outlived the app"
        await asyncio.sleep(0.05)


async def test_a_change_heard_while_one_of_ours_is_saving_is_shown_once_ours_is_saved(postgres_url: str) -> None:
    app = make_app(Path(postgres_url))
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await open_review(pilot)
        await listening(pilot)
        library = app.desk.library
        gate = threading.Event()
        apply_all = library.apply_all

        def held(*args, **kwargs):  # type: ignore[no-untyped-def]
            gate.wait(30)  # our change is on its way while the other analyst's arrives
            return apply_all(*args, **kwargs)

        library.apply_all = held  # type: ignore[method-assign]
        await pilot.press("j", "2")
        await wait_for(pilot, lambda: app.desk.pending_for(screen.briefing_id) == 1, what="our tag on its way")
        woken = app._check_after_save
        bob = POSTGRES.open(postgres_url)
        bob.apply(screen.briefing_id, AddTag(3, "claim"))
        await wait_for(pilot, lambda: app._check_after_save and not woken, timeout=10, what="the app woken")
        await pilot.pause(0.3)
        assert "claim" not in screen.briefing.annotation(3).tags  # not read over a change of ours on its way
        gate.set()
        await wait_for(pilot, lambda: "claim" in screen.briefing.annotation(3).tags, timeout=10, what="Bob's tag once ours is saved")
        assert screen.briefing.annotation(1).tags == {"fact"}


async def test_the_library_list_and_the_settings_follow_another_analyst_at_once(postgres_url: str) -> None:
    bob = POSTGRES.open(postgres_url)
    for title in ("Alpha", "Bravo"):
        bob.add_article(Article(title, make_paragraphs([f"{title} one.", f"{title} two."])))
    app = make_app(Path(postgres_url))
    async with app.run_test(size=(140, 45)) as pilot:
        await open_library(pilot, 2)
        await listening(pilot)
        bob.add_article(Article("Charlie arrives", make_paragraphs(["Charlie one."])))
        await open_library(pilot, 3)
        await wait_for(pilot, lambda: "Charlie arrives" in screen_text(app), timeout=10, what="the new row")
        bob.apply_settings(SetTaxonomy(DEFAULT_TAGS[:3], DEFAULT_TAGS))
        await wait_for(pilot, lambda: app.desk.settings.tags == DEFAULT_TAGS[:3], timeout=10, what="the new taxonomy")


async def test_the_server_stopped_while_tagging_shows_not_saved_then_saves(private_postgres_server) -> None:  # type: ignore[no-untyped-def]
    server = private_postgres_server
    url = server.url(server.create_database())
    app = make_app(Path(url))
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await open_review(pilot)
        await listening(pilot)
        server.halt()
        await pilot.press("j", "2")
        await wait_for(pilot, lambda: "NOT SAVED" in screen_text(app), timeout=30, what="NOT SAVED in the title")
        assert app.save_state is not None and "server" in app.save_state.reason
        assert app.save_state.reason[:30] in screen_text(app)
        server.resume()
        await wait_for(pilot, lambda: app.save_state is not None and app.save_state.status == "saved", timeout=60, what="saved")
        assert "NOT SAVED" not in screen_text(app)
        assert POSTGRES.open(url).load(screen.briefing_id).annotation(1).tags == {"fact"}
