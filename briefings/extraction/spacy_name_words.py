"""What the words of a name say by themselves: a given name and a surname ("Jeff Bezos"), a body's
last word ("Dick Clark Productions"), a product ("iPhoto", "Windows XP"). The name reader weighs
these against the name's place in its sentence (`spacy_name_context`).
"""

from __future__ import annotations

import re
from typing import Any

from briefings.extraction import syntax
from briefings.extraction.gazetteer import Gazetteer, fold
from briefings.extraction.personal_names import person_shaped
from briefings.extraction.world_places import is_world_place

Token = Any


def person_shaped_name(gazetteer: Gazetteer, tokens: list[Token]) -> bool:
    """A given name and a surname as `personal_names.person_shaped` reads them, the gazetteer and
    the world's places telling what else a word names: "Jeff Bezos", not "Paris Saint-Germain"."""
    if syntax.text_of(tokens) != " ".join(token.text for token in tokens):
        return False
    return person_shaped(
        [token.text for token in tokens],
        known=lambda word: is_world_place(word) or gazetteer.lookup(word) is not None,
        body_word=lambda word: fold(word) in gazetteer.organisation_endings | gazetteer.organisation_heads,
    )


def named_as_body(gazetteer: Gazetteer, tokens: list[Token]) -> bool:
    """A name whose last word names a body ("Productions", "College", "United"): a team or a
    company, not a person."""
    return len(tokens) > 1 and fold(tokens[-1].text) in gazetteer.organisation_endings


def is_product(gazetteer: Gazetteer, tokens: list[Token]) -> bool:
    """A product or programme: a listed one, one opening with a listed one ("Windows XP Home"),
    or a name in Apple's style ("iPhoto", "eBook")."""
    first = tokens[0].text
    if fold(syntax.text_of(tokens)) in gazetteer.products or fold(first) in gazetteer.products and len(tokens) > 1:
        return True
    return len(tokens) == 1 and re.fullmatch(r"[ie][A-Z][a-z]+[A-Za-z]*", first) is not None and fold(first) != "ebay"
