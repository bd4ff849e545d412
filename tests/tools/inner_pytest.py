"""Run a pytest session of its own on one test file, with some of our fixtures: how a test checks
what a fixture does when the test using it fails, or when the machine lacks what it needs."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_pytest(folder: Path, test_source: str, fixtures: list[str], **environment: str) -> subprocess.CompletedProcess[str]:
    """Write `test_source` as a test file in `folder`, beside a conftest that takes `fixtures` from
    tests/conftest.py, and run pytest on it with `environment` added; returns what it said."""
    names = ", ".join(["_no_user_settings", *fixtures])
    (folder / "conftest.py").write_text(f"from tests.conftest import {names}  # noqa: F401\n", encoding="utf-8")
    (folder / "test_inner.py").write_text(textwrap.dedent(test_source), encoding="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--rootdir", str(folder), str(folder / "test_inner.py")],
        cwd=folder,
        env={**os.environ, "PYTHONPATH": str(ROOT), **environment},
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
