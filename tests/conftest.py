"""Shared fixtures: where the evaluation data is, the bundled sample, a fresh library folder."""

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
