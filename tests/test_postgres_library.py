"""The PostgreSQL library beyond the contract suite: opening it by URL from the command line,
errors an analyst can act on, the server stopped mid-edit, a dropped connection, four writers at
once, and other Briefs' changes heard through LISTEN/NOTIFY.

Every test runs on the run's throwaway server (`postgres_server`, `postgres_url`) or on a server
of its own when it stops it (`private_postgres_server`); without PostgreSQL they fail saying what
to install, never skip.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

import psycopg
import pytest
from click.testing import CliRunner

from briefings.edits import AddTag, SetNote
from briefings.model import Article, make_paragraphs
from store import Desk, SaveState, StoreError
from store.postgres import POSTGRES
from store.location import server_url
from store.postgres.connection import local_folder
from tests.tools.faults import concurrent_writers
from tests.tools.ports import free_port
from tui.cli import main

pytestmark = pytest.mark.postgres


def article(title: str, count: int = 3) -> Article:
    return Article(title, make_paragraphs([f"{title} paragraph {n}." for n in range(count)]))


def wait_for(condition, timeout: float = 30.0) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return condition()


# Opening by URL


def test_a_url_through_a_path_is_still_the_url() -> None:
    url = "postgresql://analyst@db.example.org:5433/team"
    assert server_url(Path(url)) == url and server_url(url) == url and server_url(Path("/home/library")) is None
    folder = local_folder("postgresql://analyst:secret@db.example.org:5433/team")
    assert "secret" not in str(folder) and folder.name == "analyst@db.example.org_5433_team"


def test_the_command_line_opens_a_server_library_by_option_and_by_environment(postgres_url: str, tmp_path: Path) -> None:
    source = tmp_path / "oslo.txt"
    source.write_text("Talks in Oslo\n\nThe delegates met in Oslo on Monday.\n\nNothing else happened.\n")
    runner = CliRunner()
    imported = runner.invoke(main, ["import", "--no-extract", str(source), "--library", postgres_url], catch_exceptions=False)
    assert imported.exit_code == 0, imported.output
    listed = runner.invoke(main, ["list"], env={"BRIEF_LIBRARY": postgres_url}, catch_exceptions=False)
    assert listed.exit_code == 0 and "Talks in Oslo" in listed.output
    doctor = runner.invoke(main, ["doctor", "--library", postgres_url], catch_exceptions=False)
    assert doctor.exit_code == 0 and "1 briefing" in doctor.output, doctor.output
    # The library is named as given, and never with a password (the test server trusts anyone).
    assert doctor.output.startswith(f"Library {postgres_url}\n"), doctor.output
    with_password = postgres_url.replace("postgres@", "postgres:hunter2@")
    doctor = runner.invoke(main, ["doctor"], env={"BRIEF_LIBRARY": with_password}, catch_exceptions=False)
    assert doctor.exit_code == 0 and doctor.output.startswith(f"Library {postgres_url}\n") and "hunter2" not in doctor.output, doctor.output


@pytest.mark.parametrize("case", ["unreachable", "missing database", "unknown user"])
def test_opening_fails_in_one_line_an_analyst_can_act_on(postgres_server, case: str) -> None:  # type: ignore[no-untyped-def]
    url, said = {
        "unreachable": (f"postgresql://postgres@127.0.0.1:{free_port()}/team", "cannot reach the PostgreSQL server"),
        "missing database": (postgres_server.url("no_such_library"), "does not exist"),
        "unknown user": (f"postgresql://nobody@127.0.0.1:{postgres_server.port}/postgres", "refused the login"),
    }[case]
    with pytest.raises(StoreError) as raised:
        Desk.open(url)
    assert said in str(raised.value) and "\n" not in str(raised.value)
    result = CliRunner().invoke(main, ["list", "--library", url])
    assert result.exit_code != 0 and "Traceback" not in result.output
    assert [line for line in result.output.splitlines() if line.startswith(("Error", "brief:"))][0].count(said) == 1


# Faults


def test_the_server_stopped_mid_edit_shows_not_saved_and_the_change_lands_when_it_is_back(private_postgres_server) -> None:  # type: ignore[no-untyped-def]
    server = private_postgres_server
    url = server.url(server.create_database())
    desk = Desk.open(url)
    states: list[SaveState] = []
    desk.start_saving(states.append)
    briefing_id = desk.add_article(article("Kyiv")).id
    assert desk.submit(briefing_id, AddTag(0, "fact"))
    assert desk.save_queue.flush(timeout=30)

    server.halt()
    assert desk.submit(briefing_id, SetNote(1, "written while the server was down"))
    assert wait_for(lambda: desk.save_state().status == "not-saved")
    assert "server" in desk.save_state().reason and desk.save_state().pending == 1  # still queued
    server.resume()
    assert desk.save_queue.flush(timeout=60)
    assert desk.save_state().status == "saved"
    other = POSTGRES.open(url)
    assert other.load(briefing_id).annotation(1).note == "written while the server was down"
    assert other.load(briefing_id).annotation(0).tags == {"fact"}
    desk.save_queue.close()


def test_changes_left_unsaved_when_brief_stops_with_the_server_down_are_offered_back(private_postgres_server, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("BRIEF_STATE_DIR", str(tmp_path / "state"))
    server = private_postgres_server
    url = server.url(server.create_database())
    desk = Desk.open(url)
    desk.start_saving(lambda state: None)
    briefing_id = desk.add_article(article("Riga")).id
    server.halt()
    desk.submit(briefing_id, SetNote(0, "kept for later"))
    status, line = desk.keep_unsaved(wait=1.0)
    assert status == 1 and "kept in" in line
    server.resume()
    again = Desk.open(url)
    (rescued,) = again.kept_changes()
    again.start_saving(lambda state: None)
    again.queue_kept(rescued.items)
    assert again.save_queue.flush(timeout=30)
    assert POSTGRES.open(url).load(briefing_id).annotation(0).note == "kept for later"


def test_a_dropped_connection_reconnects_on_next_use(postgres_server, postgres_url: str) -> None:  # type: ignore[no-untyped-def]
    library = POSTGRES.open(postgres_url)
    briefing_id = library.add_article(article("Gaza")).id
    assert postgres_server.drop_connections(postgres_url.rsplit("/", 1)[1]) >= 1
    library.apply(briefing_id, AddTag(2, "claim"))  # a write finds the connection gone and opens another
    postgres_server.drop_connections(postgres_url.rsplit("/", 1)[1])
    assert library.load(briefing_id).annotation(2).tags == {"claim"}  # so does a read


def test_four_writers_times_five_hundred_edits_on_one_briefing_lose_nothing(postgres_url: str, tmp_path: Path) -> None:
    assert concurrent_writers(postgres_url, writers=4, operations=500, scratch=tmp_path) == []


def test_a_damaged_row_is_kept_in_quarantine_and_the_window_s_version_written_back(postgres_url: str) -> None:
    library = POSTGRES.open(postgres_url)
    briefing_id = library.add_article(article("Alpha")).id
    library.pin(briefing_id)
    library.apply(briefing_id, SetNote(0, "kept"))
    with psycopg.connect(postgres_url) as connection:
        connection.execute("UPDATE briefings SET work = 'not a document' WHERE id = %s", (briefing_id,))
    assert library.load(briefing_id).annotation(0).note == "kept"
    assert any("damaged" in warning and "written back" in warning for warning in library.warnings)
    with psycopg.connect(postgres_url) as connection:
        assert connection.execute("SELECT work FROM quarantine").fetchall() == [("not a document",)]


# Histories


def test_a_library_at_schema_two_is_upgraded_to_keep_histories(postgres_url: str) -> None:
    library = POSTGRES.open(postgres_url)
    briefing_id = library.add_article(article("Vilnius")).id
    library.close()
    with psycopg.connect(postgres_url) as connection:  # as a Brief of schema 2 left it
        connection.execute("DROP TABLE extraction_actors; DROP INDEX briefings_listed; ALTER TABLE extractions DROP COLUMN actors_kept")
        connection.execute("DROP TABLE briefing_history; DROP TABLE settings_history; UPDATE schema_version SET version = 2")
    upgraded = POSTGRES.open(postgres_url)
    assert upgraded.schema == 4 and "upgraded from schema 2 to schema 4" in " ".join(upgraded.warnings)
    assert upgraded.history(briefing_id) == [] and upgraded.settings_history() == []
    upgraded.analyst = "Ada"
    upgraded.apply(briefing_id, AddTag(0, "fact"))
    assert [(entry.who, entry.kind) for entry in POSTGRES.open(postgres_url).history(briefing_id)] == [("Ada", "tag")]


def test_an_entry_lands_with_its_change_or_not_at_all(postgres_url: str) -> None:
    library = POSTGRES.open(postgres_url)
    briefing_id = library.add_article(article("Tallinn")).id
    with psycopg.connect(postgres_url) as connection:  # the history refuses: the change must not land either
        connection.execute("ALTER TABLE briefing_history ADD CONSTRAINT refuse CHECK (kind <> 'tag')")
    with pytest.raises(psycopg.Error):
        library.apply(briefing_id, AddTag(0, "fact"))
    assert POSTGRES.open(postgres_url).load(briefing_id).annotation(0).tags == set()


# Live across Briefs


def test_another_brief_s_change_is_heard_within_half_a_second(postgres_url: str) -> None:
    watching = POSTGRES.open(postgres_url)
    briefing_id = watching.add_article(article("Minsk")).id
    seen = watching.version(briefing_id)
    heard: list[tuple[str, float]] = []
    arrived = threading.Event()

    def hear(changed: str) -> None:
        heard.append((changed, time.monotonic()))
        arrived.set()

    assert watching.follow(hear).wait(30)
    watching.apply(briefing_id, AddTag(1, "fact"))  # its own change is not news to it
    writer = POSTGRES.open(postgres_url)
    sent = time.monotonic()
    writer.apply(briefing_id, SetNote(0, "from the other analyst"))
    assert arrived.wait(5)
    assert heard[0][0] == briefing_id and heard[0][1] - sent < 0.5
    assert len(heard) == 1
    assert watching.version(briefing_id) != seen
    assert watching.load(briefing_id).annotation(0).note == "from the other analyst"
    watching.close()


def test_a_settings_change_is_heard_and_the_listener_ends_with_its_last_follower(postgres_url: str, tmp_path: Path) -> None:
    from briefings.edits import SetTaxonomy
    from briefings.taxonomy import DEFAULT_TAGS
    from store import SETTINGS_CHANGED

    heard: list[str] = []
    arrived = threading.Event()

    def hear(what: str) -> None:
        heard.append(what)
        arrived.set()

    before = set(threading.enumerate())
    following = Desk.open(postgres_url).on_change(hear)
    assert following.wait(30)
    (listener,) = [thread for thread in threading.enumerate() if thread not in before and thread.name == "brief: listen for other Briefs"]
    POSTGRES.open(postgres_url).apply_settings(SetTaxonomy(DEFAULT_TAGS[:2], DEFAULT_TAGS))
    assert arrived.wait(5) and heard == [SETTINGS_CHANGED]
    following.stop()
    following.stop()  # twice is harmless
    assert wait_for(lambda: not listener.is_alive(), 10)
    folder = Desk.open(tmp_path / "library").on_change(hear)  # a folder tells no one: its windows poll
    assert not folder.ready.is_set()
    folder.stop()


# Tallies


def test_the_actors_tally_is_a_query_not_a_read_of_every_briefing_s_extraction(postgres_url: str) -> None:
    from briefings.extraction import installed_pipeline
    from briefings.extraction.model import Actor, Extraction

    desk = Desk.open(postgres_url)
    ids = [desk.add_article(article(title)).id for title in ("One", "Two", "Three")]
    pipeline = installed_pipeline()
    for briefing_id in ids[:2]:
        hewitt = Actor("patricia hewitt", "Patricia Hewitt", "person", ("Hewitt",), "the trade secretary")
        desk.library.save_extraction(desk.entry(briefing_id).content_hash, pipeline, Extraction((hewitt,), engine="test", pipeline=pipeline))
    library = desk.library
    asked: list[int] = []
    batch = library.load_extractions
    library.load_extraction = lambda *args, **kwargs: pytest.fail("read one briefing's extraction at a time")  # type: ignore[method-assign]
    library.load_extractions = lambda hashes, *args, **kwargs: asked.append(len(list(hashes := list(hashes)))) or batch(hashes, *args, **kwargs)  # type: ignore[method-assign]
    tally = desk.actor_tally()
    assert asked == []  # not one extraction decoded: the actors are counted by query
    assert [actor.briefing_count for actor in tally.ranked()] == [2]
    assert [entry.id for entry in tally.not_extracted] == [ids[2]]


# The app on a server library


async def test_the_app_on_a_server_library_shows_another_analyst_s_change(postgres_url: str) -> None:
    from tests.pilot import make_app, open_review, screen_text
    from tests.pilot import wait_for as app_wait_for

    app = make_app(Path(postgres_url))  # as `brief --library URL` hands it over
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await open_review(pilot)
        other = POSTGRES.open(postgres_url)
        other.apply(screen.briefing_id, SetNote(1, "seen from the other analyst"))
        await app_wait_for(pilot, lambda: screen.briefing.annotation(1).note == "seen from the other analyst", timeout=10, what="the other analyst's note")
        await pilot.pause()
        assert "seen from the other analyst" in screen_text(app)
        await pilot.press("j", "2")  # a tag of this analyst's, saved beside the other's note
        assert app.desk.save_queue.flush(timeout=10)
        saved = POSTGRES.open(postgres_url).load(screen.briefing_id).annotation(1)
        assert saved.note == "seen from the other analyst" and saved.tags == {"fact"}
