"""Search inside an article (/, n, N): every match, ignoring case and accents, at the right offsets."""

from __future__ import annotations

import pytest

from briefings.model import make_paragraphs
from tui.search import ArticleSearch

pytestmark = pytest.mark.unit

PARAGRAPHS = make_paragraphs(
    [
        "Talks in Zürich and Geneva resumed on Monday.",
        "The Straße was closed; the e\u0301cole nearby too.",
        "ZURICH officials   said little.",
    ]
)


def found(query: str) -> list[tuple[int, str]]:
    search = ArticleSearch()
    search.run(query, PARAGRAPHS)
    return [(m.paragraph, PARAGRAPHS[m.paragraph].text[m.start : m.end]) for m in search.matches]


def test_case_and_accents_are_ignored_and_the_original_text_is_marked() -> None:
    assert found("zurich") == [(0, "Zürich"), (2, "ZURICH")]
    assert found("ZÜRICH officials") == [(2, "ZURICH officials")]  # any run of spaces matches one


def test_offsets_hold_where_folding_changes_the_length() -> None:
    assert found("strasse") == [(1, "Straße")]
    assert found("ecole") == [(1, "e\u0301cole")]
    assert found("nearby") == [(1, "nearby")]  # after both, offsets are still right


def test_no_query_no_matches() -> None:
    assert found("   ") == [] and found("absent") == []
