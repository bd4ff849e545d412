"""The edges of a name as NER marks it: words before and after it that are not part of it.

NER's spans carry what is not the name: a determiner or a quotation mark before it, a
possessive, a symbol or a common noun after it ("the", "Jiangsu province", "Stansted airport"),
a role before a body ("Founder of Ceres Robotics"), a word capitalised only because it opens the
sentence ("Questioning Vindman"). These functions cut them off, reading only the tokens.
"""

from __future__ import annotations

from typing import Any

Token = Any

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
