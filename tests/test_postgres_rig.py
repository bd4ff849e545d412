"""The PostgreSQL test rig works: a throwaway server with durable commits, accents folded,
notifications between connections, faults on demand, and nothing left behind.

The PostgreSQL library's tests build on `postgres_server`, `postgres_url` and
`private_postgres_server` (tests/conftest.py, tests/tools/postgres.py); these tests prove the
ground they stand on.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psycopg
import pytest

from tests.tools.hangups import processes_using
from tests.tools.inner_pytest import run_pytest
from tests.tools.postgres import BIN_ENV, PostgresServer, process_alive

pytestmark = pytest.mark.postgres

ROOT = Path(__file__).resolve().parent.parent


def test_a_commit_reads_back_from_another_connection_and_a_notification_crosses(postgres_url: str) -> None:
    with psycopg.connect(postgres_url) as writer, psycopg.connect(postgres_url, autocommit=True) as listener:
        writer.execute("CREATE TABLE tags (paragraph integer PRIMARY KEY, tag text NOT NULL)")
        writer.execute("INSERT INTO tags VALUES (%s, %s)", (3, "key judgment"))
        writer.commit()
        assert listener.execute("SELECT paragraph, tag FROM tags").fetchall() == [(3, "key judgment")]

        listener.execute("LISTEN library_changed")
        sent = time.monotonic()
        writer.execute("SELECT pg_notify('library_changed', %s)", ("briefing 7",))
        writer.commit()
        received = list(listener.notifies(timeout=1.0, stop_after=1))
        assert [(note.channel, note.payload) for note in received] == [("library_changed", "briefing 7")]
        assert time.monotonic() - sent < 1.0


def test_a_notification_waits_for_its_transaction(postgres_url: str) -> None:
    """What the live view relies on: a listener hears of a change only once it is committed."""
    with psycopg.connect(postgres_url) as writer, psycopg.connect(postgres_url, autocommit=True) as listener:
        listener.execute("LISTEN library_changed")
        writer.execute("NOTIFY library_changed, 'uncommitted'")
        assert list(listener.notifies(timeout=0.3, stop_after=1)) == []
        writer.commit()
        assert [note.payload for note in listener.notifies(timeout=1.0, stop_after=1)] == ["uncommitted"]


def test_the_server_is_durable_local_and_folds_accents(postgres_server: PostgresServer, postgres_url: str) -> None:
    with psycopg.connect(postgres_url) as connection:
        settings = dict(connection.execute("SELECT name, setting FROM pg_settings").fetchall())
        assert settings["fsync"] == "on"
        assert settings["synchronous_commit"] == "on"
        assert settings["listen_addresses"] == "127.0.0.1"
        assert settings["unix_socket_directories"] == str(postgres_server.data)
        assert settings["server_encoding"] == "UTF8"
        assert connection.execute("SELECT unaccent('Élysée, Ærø, Łódź')").fetchone() == ("Elysee, AEro, Lodz",)
        matched = connection.execute(
            "SELECT to_tsvector('simple', unaccent('Le président à l''Élysée')) @@ plainto_tsquery('simple', unaccent('elysee'))"
        ).fetchone()
        assert matched == (True,)
    assert postgres_url == f"postgresql://postgres@127.0.0.1:{postgres_server.port}/{postgres_url.rsplit('/', 1)[1]}"


def test_each_test_gets_a_database_that_is_dropped_after(postgres_server: PostgresServer) -> None:
    name = postgres_server.create_database()
    with psycopg.connect(postgres_server.url(name)) as connection:
        connection.execute("CREATE TABLE t (x int)")
        connection.commit()
        postgres_server.drop_database(name)  # with the connection still open: it is ended
    with postgres_server.connect() as admin:
        assert admin.execute("SELECT count(*) FROM pg_database WHERE datname = %s", (name,)).fetchone() == (0,)


def test_a_halted_server_refuses_then_comes_back_on_its_port_with_its_data(private_postgres_server: PostgresServer) -> None:
    server = private_postgres_server
    name = server.create_database()
    with psycopg.connect(server.url(name)) as connection:
        connection.execute("CREATE TABLE notes (body text)")
        connection.execute("INSERT INTO notes VALUES ('kept')")
        connection.commit()
    port = server.port
    server.halt()
    assert not server.running()
    with pytest.raises(psycopg.OperationalError):
        psycopg.connect(server.url(name), connect_timeout=5).close()
    server.resume()
    assert server.port == port
    with psycopg.connect(server.url(name)) as connection:
        assert connection.execute("SELECT body FROM notes").fetchall() == [("kept",)]


def test_a_dropped_connection_fails_its_next_statement(private_postgres_server: PostgresServer) -> None:
    server = private_postgres_server
    name = server.create_database()
    with psycopg.connect(server.url(name), autocommit=True) as connection:
        assert server.drop_connections(name) == 1
        with pytest.raises(psycopg.OperationalError):
            connection.execute("SELECT 1")


def test_no_server_is_left_behind_when_a_test_fails(tmp_path: Path) -> None:
    record = tmp_path / "server.txt"
    result = run_pytest(
        tmp_path,
        f"""
        def test_that_fails(postgres_server, postgres_url):
            pid = (postgres_server.data / "postmaster.pid").read_text().split()[0]
            open({str(record)!r}, "w").write(f"{{postgres_server.folder}} {{pid}}")
            assert False, "this test fails on purpose"
        """,
        ["postgres_server", "postgres_url"],
    )
    assert result.returncode == 1 and "1 failed" in result.stdout, result.stdout + result.stderr
    folder, pid = record.read_text(encoding="utf-8").split()
    assert not process_alive(int(pid))
    assert not Path(folder).exists()
    assert processes_using(Path(folder)) == []


def test_the_tests_fail_saying_what_to_install_when_the_server_is_missing(tmp_path: Path) -> None:
    empty = tmp_path / "no-postgres"
    empty.mkdir()
    result = run_pytest(
        tmp_path, "def test_needs_a_server(postgres_url):\n    pass\n", ["postgres_server", "postgres_url"], **{BIN_ENV: str(empty)}
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert "1 error" in result.stdout and "skipped" not in result.stdout
    assert "apt-get install postgresql" in result.stdout


def test_a_server_whose_starter_is_killed_is_stopped_by_its_watchdog(tmp_path: Path) -> None:
    starter = subprocess.Popen(
        [sys.executable, "-c", "from tests.tools.postgres import PostgresServer; import sys, time\n"
         "server = PostgresServer.start(); pid = (server.data / 'postmaster.pid').read_text().split()[0]\n"
         "print(server.folder, pid, flush=True); time.sleep(600)"],
        cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert starter.stdout is not None
        folder, pid = starter.stdout.readline().split()
        assert process_alive(int(pid))
    finally:
        starter.send_signal(signal.SIGKILL)
        starter.wait()
    deadline = time.monotonic() + 60
    while (process_alive(int(pid)) or Path(folder).exists()) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not process_alive(int(pid))
    assert not Path(folder).exists()
