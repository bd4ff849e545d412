"""Names the model takes for organisations that the article only ever names as where something
happens ("shots across Kelvane Works", "the game in Quarrington Bancorp Center"): places, not
actors. The evidence is the whole article: one mention of the name acting keeps it a body. Texts
written for the tests."""

from __future__ import annotations

import pytest

from tests.tools.extracting import extract

pytestmark = [pytest.mark.unit, pytest.mark.model]


@pytest.mark.parametrize(
    ("paragraphs", "name"),
    [
        (("Shots were heard across Kelvane Works on Friday night.", "Workers in Kelvane Works were sent home."), "Kelvane Works"),
        (("A crowd of 15,522 watched the game in Quarrington Bancorp Center.",), "Quarrington Bancorp Center"),
    ],
)
def test_a_name_only_ever_where_something_happens_is_a_place(extractor, paragraphs, name) -> None:
    result = extract(extractor, *paragraphs)
    assert name not in [actor.name for actor in result.actors], result.actors
    assert name in [place.name for place in result.places], result.places


def test_a_name_that_also_acts_stays_a_body(extractor) -> None:
    result = extract(
        extractor,
        "Shots were heard across Kelvane Works on Friday night.",
        "Kelvane Works said in a statement that its staff were safe.",
    )
    assert "Kelvane Works" in [actor.name for actor in result.actors], result.actors
