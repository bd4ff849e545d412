"""Golden-file tests: the sample briefing and a three-briefing digest, in every format.

The briefings are fixed (tests/tools/sample_briefing.py: hand-split sample article, hand-written
extraction, fixed time and version), so a golden file changes only when an exporter does. After
an intended change, regenerate them and review the diff before committing:

    BRIEF_UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_export_golden.py
    git diff tests/golden/
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from briefings.exporters import FORMATS, export, export_digest
from tests.tools.sample_briefing import GENERATED, digest_bundles, sample_bundle

pytestmark = pytest.mark.unit

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("BRIEF_UPDATE_GOLDEN") == "1"


def assert_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.write_text(text, encoding="utf-8", newline="")
    assert path.is_file(), f"{path} is missing; create it with BRIEF_UPDATE_GOLDEN=1"
    with path.open(encoding="utf-8", newline="") as file:  # no newline translation: compare bytes as text
        expected = file.read()
    assert text == expected, f"{name} differs from its golden file; if intended, regenerate (see module docstring)"


@pytest.mark.parametrize("format_id", ["md", "json", "html"])
def test_sample_briefing_matches_golden_file(format_id: str) -> None:
    assert_golden(f"sample_briefing{FORMATS[format_id].suffix}", export(sample_bundle(), format_id))


@pytest.mark.parametrize("format_id", ["md", "html"])
def test_digest_matches_golden_file(format_id: str) -> None:
    text = export_digest(digest_bundles(), format_id, title="Tikrit: morning digest", generated=GENERATED)
    assert_golden(f"digest{FORMATS[format_id].suffix}", text)


def test_exports_are_deterministic() -> None:
    """Two exports of equal briefings are byte-identical (sets and dicts are written in a fixed order)."""
    for format_id in FORMATS:
        assert export(sample_bundle(), format_id) == export(sample_bundle(), format_id)
