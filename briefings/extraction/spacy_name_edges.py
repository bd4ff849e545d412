"""The edges of a name as NER marks it: words before and after it that are not part of it.

NER's spans carry what is not the name: a determiner or a quotation mark before it, a
possessive, a symbol or a common noun after it ("the", "Jiangsu province", "Stansted airport"),
a role before a body ("Founder of Ceres Robotics"), a word capitalised only because it opens the
sentence ("Questioning Vindman"). These functions cut them off, reading only the tokens; and
where the model cut a body's name in two, they join it again ("U.S." + "Securities and Exchange
Commission", "Sioux Falls Argus" + "Leader"), asking the gazetteer what the pieces are.
"""

from __future__ import annotations

import re
from typing import Any

from briefings.extraction.gazetteer import Gazetteer
from briefings.extraction.world_places import is_world_place

Token = Any

ROMAN_NUMERAL = re.compile(r"[IVXLC]+")

#: Second parts of hyphenated adjectives made from names ("EU-wide", "Trump-era").
HYPHEN_SUFFIXES = {"era", "wide", "born", "style", "like", "free", "level", "run", "made", "bound", "centric", "specific", "only", "owned"}


def drop_leading_words(tokens: list[Token]) -> list[Token]:
    """ "Questioning Vindman", "Clearly Smith": a word capitalised only because it opens the
    sentence (a verb, adjective or adverb in the parse, or a gerund) is not part of a person's
    name."""
    while (
        len(tokens) > 1
        and tokens[0].i == tokens[0].sent.start
        and (tokens[0].pos_ in ("VERB", "ADJ", "ADV", "AUX", "ADP") or tokens[0].lower_.endswith("ing"))
    ):
        tokens = tokens[1:]
    return tokens


def trim(tokens: list[Token]) -> list[Token]:
    """Drop determiners, quotes and punctuation before a name, and possessives, symbols and common
    nouns after it ("Jiangsu province", "Stansted airport")."""
    while tokens and (
        tokens[0].lower_ in ("the", "a", "an") or tokens[0].tag_ == "POS" or tokens[0].is_punct or tokens[0].is_quote or tokens[0].is_space
    ):
        tokens = tokens[1:]
    while len(tokens) > 2 and tokens[0].text[:1].isupper() and tokens[1].lower_ == "of" and tokens[0].pos_ == "NOUN":
        tokens = tokens[2:]  # "Founder of Ceres Robotics": a role, then the body
    while tokens and (
        "=" in tokens[-1].text
        or len(tokens) > 1 and tokens[-1].text.isupper() and any(char.isdigit() for char in tokens[-1].text)
        or tokens[-1].tag_ == "POS"
        or tokens[-1].text in ("'s", "\u2019s", "'", "\u2019", "&")
        or tokens[-1].is_punct and tokens[-1].text != "."
        or tokens[-1].is_space
        or tokens[-1].is_lower
        and tokens[-1].is_alpha
        and len(tokens) > 1
        and any(t.text[:1].isupper() for t in tokens[:-1])
        and not (tokens[-2].text == "-" and not tokens[-2].whitespace_ and not compound_suffix(tokens[-1].lower_))
    ):
        tokens = tokens[:-1]
    return tokens


def compound_suffix(word: str) -> bool:
    """The second part of a hyphenated adjective ("US-led", "EU-wide", "Trump-era"), as opposed to
    a part of a name ("Kim Jong-un", "Cheuk Hau-yip")."""
    return word.endswith(("ed", "ing")) or word in HYPHEN_SUFFIXES


def qualifier_before(gazetteer: Gazetteer, tokens: list[Token]) -> list[Token]:
    """ "U.S." + "Securities and Exchange Commission", "Florida" + "Republican Party": a place
    (a state, region or town) named by another entity, written right before a body's name and modifying it in one noun
    phrase, is the front of that name (the gazetteer's ruler marks the known part of the name
    before the model reads the rest). The name with it, or the tokens as they were."""
    doc = tokens[0].doc
    inside = {token.i for token in tokens}
    start = tokens[0].i
    while start > doc[tokens[0].i].sent.start:
        before = doc[start - 1]
        if (
            before.tag_ not in ("NNP", "NNPS")
            or not before.ent_type_
            or not before.text[:1].isupper()
            or before.dep_ not in ("compound", "nmod")
            or before.head.i not in inside
        ):
            break
        start -= 1
        inside.add(start)
    opening = start - 1 if start > 0 and doc[start - 1].lower_ == "the" else start
    if start == tokens[0].i or doc[opening].ent_iob_ != "B" or not _place(gazetteer, doc[start : tokens[0].i].text):
        return tokens  # nothing before, only the end of a longer entity, or not a place ("Obama")
    return [*doc[start : tokens[0].i], *tokens]


def head_after(gazetteer: Gazetteer, tokens: list[Token]) -> list[Token]:
    """ "Sioux Falls Argus" + "Leader": the capitalised head noun a body's name modifies, left outside
    the entity by the model, ends the name; not after a name the gazetteer knows, not a word that
    begins a title ("UK" + "Home Secretary") or is one by the person after it ("Senate" + "Leader,
    Ahmad Lawan"), not a numeral ("MDA IV")."""
    last = tokens[-1]
    doc = last.doc
    after = doc[last.i + 1] if last.i + 1 < len(doc) else None
    if (
        after is None
        or last.dep_ != "compound"
        or last.head.i != after.i
        or after.tag_ != "NNP"
        or after.ent_type_
        or not after.is_alpha
        or not after.text[:1].isupper()
        or ROMAN_NUMERAL.fullmatch(after.text) is not None
        or gazetteer.lookup(" ".join(token.text for token in tokens if token.lower_ != "the")) is not None
        or gazetteer.title_role([token.text for token in doc[after.i : after.i + 3]]) is not None
        or any(child.dep_ == "appos" and child.ent_type_ == "PERSON" for child in after.children)
        or after.i + 1 < len(doc) and doc[after.i + 1].tag_ in ("NNP", "NNPS")
    ):
        return tokens
    return [*tokens, after]


def _place(gazetteer: Gazetteer, name: str) -> bool:
    """A state, region or town, as the gazetteer or the world's places know it ("U.S.", "Florida")."""
    entry = gazetteer.lookup(name)
    return entry.kind in ("state", "region", "place") if entry is not None else is_world_place(name)
