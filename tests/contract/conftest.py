"""The contract suite runs once per backend: `kit` is the backend under test (see `backends.py`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.contract.backends import BACKENDS, Kit


@pytest.fixture(params=sorted(BACKENDS))
def kit(request: pytest.FixtureRequest) -> Kit:
    """One backend and its test kit."""
    return BACKENDS[request.param]()


@pytest.fixture
def where(kit: Kit, tmp_path: Path) -> Path:
    """Where this test's library is."""
    return kit.place(tmp_path)
