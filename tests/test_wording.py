"""Counts in words, as the screens and the exports write them."""

from __future__ import annotations

import pytest

from briefings.wording import counted

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("count", "noun", "plural", "expected"),
    [
        (0, "briefing", None, "0 briefings"),
        (1, "briefing", None, "1 briefing"),
        (2, "open question", None, "2 open questions"),
        (12_000, "paragraph", None, "12,000 paragraphs"),
        (3, "analysis", "analyses", "3 analyses"),
    ],
)
def test_counted_puts_the_noun_in_the_right_number(count: int, noun: str, plural: str | None, expected: str) -> None:
    assert counted(count, noun, plural) == expected
