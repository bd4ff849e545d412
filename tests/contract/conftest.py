"""The contract suite runs once per backend: `kit` is the backend under test (see `backends.py`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.contract.backends import BACKENDS, Kit, make_kit


@pytest.fixture(params=sorted(BACKENDS))
def kit(request: pytest.FixtureRequest) -> Kit:
    """One backend and its test kit."""
    return make_kit(request.param, request)


@pytest.fixture
def where(kit: Kit, tmp_path: Path) -> Path:
    """Where this test's library is."""
    return kit.place(tmp_path)
