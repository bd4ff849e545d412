"""Shared fixtures: where the evaluation data is, the bundled sample, a fresh library folder, a web
server, PostgreSQL servers and databases, headless Chromium."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED_EVAL = ROOT.parent / "shared" / "eval"
SAMPLE = ROOT / "briefings" / "samples" / "000_6ec8421da3f37b6e.txt"


@pytest.fixture(autouse=True)
def _no_user_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    """The developer's own settings file (~/.config/brief/config.toml) never reaches a test: the
    defaults apply unless a test writes a file of its own and points $BRIEF_CONFIG at it."""
    monkeypatch.setenv("BRIEF_CONFIG", str(ROOT / "tests" / "no-such-config.toml"))


@pytest.fixture
def eval_dir() -> Path:
    """`../shared/eval/`, or skip: a user's clone does not have the evaluation data beside it."""
    if not SHARED_EVAL.is_dir():
        pytest.skip(f"evaluation data not found at {SHARED_EVAL} (only present beside the CI checkout)")
    return SHARED_EVAL


@pytest.fixture
def sample_path() -> Path:
    """The bundled sample article."""
    return SAMPLE


@pytest.fixture
def library_dir(tmp_path: Path) -> Path:
    """An empty folder to hold a library."""
    path = tmp_path / "library"
    path.mkdir()
    return path


@pytest.fixture
def web():
    """A web server on 127.0.0.1 for this test (see `tests.tools.web_server`); no test goes further."""
    from tests.tools.web_server import WebServer

    server = WebServer()
    yield server
    server.stop()



def _start_postgres():  # type: ignore[no-untyped-def]
    """A new throwaway PostgreSQL server (see `tests.tools.postgres`). Without the server binaries
    the test fails saying what to install: it never skips, CI has them."""
    from tests.tools.postgres import PostgresMissing, PostgresServer

    try:
        return PostgresServer.start()
    except PostgresMissing as error:
        pytest.fail(str(error), pytrace=False)


@pytest.fixture(scope="session")
def postgres_server():
    """The run's PostgreSQL server (one per test worker), stopped and removed at the end."""
    server = _start_postgres()
    yield server
    server.stop()


@pytest.fixture
def postgres_url(postgres_server):
    """A new empty database on the run's server, with unaccent, dropped after the test:
    `postgresql://postgres@127.0.0.1:PORT/DB`."""
    name = postgres_server.create_database()
    yield postgres_server.url(name)
    postgres_server.drop_database(name)


@pytest.fixture
def private_postgres_server():
    """A server of this test's own, for tests that halt, resume or break it."""
    server = _start_postgres()
    yield server
    server.stop()


@pytest.fixture
def browser():
    """Headless Chromium for this test (see `tests.tools.browser`), closed after it. Without
    Chromium the test fails saying what to install: served sessions are tested in CI, never skipped."""
    from tests.tools.browser import Browser, ChromiumMissing

    try:
        chromium = Browser()
    except ChromiumMissing as error:
        pytest.fail(str(error), pytrace=False)
    yield chromium
    chromium.close()


@pytest.fixture
def serve():
    """Start a web server process for this test: `serve(argv_for_port, page="...")` (see `tests.tools.served`);
    each one, with every app it started, is stopped after the test."""
    from tests.tools.served import ServerProcess

    started = []

    def start(argv_for_port, **options):  # type: ignore[no-untyped-def]
        server = ServerProcess.start(argv_for_port, **options)
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()
