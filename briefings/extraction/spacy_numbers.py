"""Reading numbers from a parsed paragraph: NER's numeric entities, normalised, with what they count.

Counts, quantities, money and percentages come from the CARDINAL, QUANTITY, MONEY and PERCENT
entities (and numerals NER left out); dates and times from DATE and TIME, resolved against the
article's date, with spans of time ("13 weeks") turned into quantities. Numbers that are part of a
name or an identifier ("BBC2", "G7", "section 5", "Radio 4") are left out.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from briefings.extraction import syntax
from briefings.extraction.dates import looks_like_date, resolve
from briefings.extraction.gazetteer import Gazetteer, fold
from briefings.extraction.model import Mention, NumberFact
from briefings.extraction.numbers import DENOMINATORS, ONES, SCALES, TENS, parse_value, read_amount

Doc = Any
Span = Any
Token = Any

KINDS = {"CARDINAL": "count", "MONEY": "money", "PERCENT": "percent", "QUANTITY": "quantity", "DATE": "date", "TIME": "date"}
LETTERS_THEN_DIGITS = re.compile(r"^[^\W\d_]+-?\d")
NUMBER_WORDS = {*ONES, *TENS, *SCALES, *DENOMINATORS, "hundred", "dozen", "dozens", "and", "-", "point"}
CURRENCY_SIGN = re.compile(r"[$\u00a3\u20ac\u00a5\u20b9\u20bd]$")
PLAIN_FIGURE = re.compile(r"\d[\d,.]*")
YEAR_LIKE = re.compile(r"1\d{3}|20\d{2}")
#: A figure with an abbreviated scale, which NER sometimes leaves out ("10k", "2.4bn").
ABBREVIATED = re.compile(r"^\d[\d,.]*(?:k|m|bn|mn|b)$", re.IGNORECASE)


def read_numbers(doc: Doc, paragraph_index: int, text: str, reference: dt.date | None, gazetteer: Gazetteer) -> list[NumberFact]:
    """Every number of a paragraph, in text order."""

    def mention(start: int, end: int) -> Mention:
        return Mention(paragraph_index, start, end, text[start:end])

    facts = []
    covered: set[int] = set()
    for ent in doc.ents:
        covered.update(token.i for token in ent)
        if ent.label_ in KINDS:
            fact = _number(ent, mention, reference, gazetteer)
            if fact is not None:
                facts.append(fact)
    for token in doc:
        figure = token.like_num or ABBREVIATED.match(token.text)
        if token.i in covered or token.pos_ != "NUM" and not ABBREVIATED.match(token.text) or not figure:
            continue
        phrase = _number_phrase(doc, token, covered)
        if phrase[-1].i == token.i and token.lower_ == "one" or _identifier(phrase, gazetteer):
            continue
        covered.update(t.i for t in phrase)
        start, end = phrase[0].idx, phrase[-1].idx + len(phrase[-1].text)
        value = parse_value(text[start:end])
        if value is not None:
            counts = syntax.describe_count(token, phrase)
            facts.append(NumberFact(text[start:end], "count", value, mention(start, end), counts=counts))
    facts.sort(key=lambda fact: fact.mention.start)
    return facts


def _number_phrase(doc: Doc, token: Token, covered: set[int]) -> list[Token]:
    """A numeral NER left out, with the number words around it ("three quarters", "3 dozens")."""
    phrase = [token]
    index = token.i + 1
    while index < len(doc) and index not in covered and fold(doc[index].text) in NUMBER_WORDS:
        phrase.append(doc[index])
        index += 1
    while phrase[-1].lower_ in ("and", "-", "point"):
        phrase.pop()
    return phrase


def _identifier(tokens: list[Token], gazetteer: Gazetteer) -> bool:
    """ "BBC2", "G7", "section 5", "Radio 4": a number that is part of a name, not a figure."""
    if any(LETTERS_THEN_DIGITS.match(token.text) for token in tokens):
        return True
    first = tokens[0]
    if first.i == first.sent.start:
        return False
    before = first.doc[first.i - 1]
    if fold(before.text).rstrip(".") in gazetteer.identifier_nouns:
        return True
    return before.pos_ == "PROPN" and bool(before.ent_type_) and before.ent_type_ != "DATE" and before.whitespace_ != ""


def _number(ent: Span, mention, reference: dt.date | None, gazetteer: Gazetteer) -> NumberFact | None:
    label = ent.label_
    tokens = _trim_number(list(ent))
    if not tokens:
        return None
    before = ent.doc[tokens[0].i - 1] if tokens[0].i > 0 else None
    if label in ("MONEY", "CARDINAL") and before is not None and CURRENCY_SIGN.search(before.text):
        tokens = [before, *tokens]  # NER often leaves the sign out: "£" + "2.4bn"
        label = "MONEY"
    if label == "CARDINAL" and _identifier(tokens, gazetteer):
        return None
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    place = mention(start, end)
    counts = syntax.describe_count(ent.root, list(ent))
    if label == "CARDINAL" and looks_like_date(ent.text):
        label = "DATE"  # "2/29/2020" is a date, not a fraction
    elif label == "DATE" and PLAIN_FIGURE.fullmatch(ent.text) and not YEAR_LIKE.fullmatch(ent.text):
        label = "CARDINAL"  # NER calls many bare figures dates: "the answer is 42"
    if label in ("DATE", "TIME"):
        verb = syntax.governing_verb(ent.root)
        reading = resolve(ent.text, reference, future=syntax.is_future(verb))
        if reading.kind == "date":
            if label == "TIME" and reading.value is None:
                return None  # "late trading", "the early hours": no date in it
            return NumberFact(place.text, "date", reading.value, place, counts=counts, vague=reading.vague)
        if reading.kind == "duration":
            return NumberFact(place.text, "quantity", reading.value, place, unit=reading.unit, counts=counts)
        return None
    amount = read_amount(place.text, label)
    if amount.value is None and not amount.vague:
        return None
    return NumberFact(place.text, KINDS[label], amount.value, place, unit=amount.unit, counts=counts, vague=amount.vague)


def _trim_number(tokens: list[Token]) -> list[Token]:
    while tokens and (tokens[0].lower_ == "the" or tokens[0].is_punct and tokens[0].text not in "$£€¥-"):
        tokens = tokens[1:]
    while tokens and tokens[-1].is_punct and tokens[-1].text != "%":
        tokens = tokens[:-1]
    return tokens
