"""The suite's own rules (issue 14, point 5): every test has a kind, and a test that skips fails
the run, naming what it needed, but for the evaluation data that only sits beside the CI checkout.
Each rule is checked in a pytest session of its own, with tests/conftest.py's hooks."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.tools.inner_pytest import run_pytest

pytestmark = pytest.mark.unit

HOOKS = ["pytest_collection_modifyitems", "pytest_runtest_setup", "pytest_sessionfinish", "pytest_terminal_summary", "eval_dir"]


def test_a_skip_fails_the_run_and_the_summary_says_what_was_missing(tmp_path: Path) -> None:
    result = run_pytest(
        tmp_path,
        """
        import pytest

        pytestmark = pytest.mark.unit

        def test_runs() -> None:
            assert True

        def test_needs_a_tool() -> None:
            pytest.skip("frobnicator is not installed")
        """,
        HOOKS,
    )
    assert result.returncode == 1, result.stdout
    assert "1 passed, 1 skipped" in result.stdout
    assert "skips that fail the run" in result.stdout
    assert "test_inner.py::test_needs_a_tool: frobnicator is not installed" in result.stdout


def test_only_the_evaluation_data_may_be_missing(tmp_path: Path) -> None:
    result = run_pytest(
        tmp_path,
        """
        import pytest
        from tests import conftest

        pytestmark = pytest.mark.unit

        def test_reads_the_evaluation_data(monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest) -> None:
            monkeypatch.setattr(conftest, "SHARED_EVAL", conftest.ROOT / "no-such-folder")
            request.getfixturevalue("eval_dir")
        """,
        HOOKS,
    )
    assert result.returncode == 0, result.stdout
    assert "1 skipped" in result.stdout and "skips that fail the run" not in result.stdout


def test_a_test_without_a_kind_is_refused(tmp_path: Path) -> None:
    result = run_pytest(tmp_path, "def test_of_no_kind() -> None:\n    assert True\n", HOOKS)
    assert result.returncode == pytest.ExitCode.USAGE_ERROR, result.stdout + result.stderr
    assert "tests without a kind" in result.stderr and "test_inner.py::test_of_no_kind" in result.stderr


def test_an_end_to_end_test_without_tmux_fails_saying_what_to_install(tmp_path: Path) -> None:
    empty = tmp_path / "bin"
    empty.mkdir()
    folder = tmp_path / "inner"
    folder.mkdir()
    result = run_pytest(folder, "import pytest\n\npytestmark = pytest.mark.e2e\n\ndef test_in_a_terminal() -> None:\n    assert True\n", HOOKS, PATH=str(empty))
    assert result.returncode == 1, result.stdout
    assert "tmux is not installed: install Debian's tmux" in result.stdout
