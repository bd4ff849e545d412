"""What the parse says a figure is beyond its words: where an amount starts, an age, a year, a name.

NER marks where figures are but runs words into them ("about my seven turnovers"), calls years
counts ("until at least 2021") and leaves ages as bare numbers ("Page, now 28,"); the words
around a figure and the parse settle these. Used by `spacy_numbers`.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any

from briefings.extraction import syntax
from briefings.extraction.clock import zones
from briefings.extraction.gazetteer import Gazetteer, fold
from briefings.extraction.model import NumberFact
from briefings.extraction.numbers import CURRENCY_SIGNS, DENOMINATORS, ONES, SCALES, TENS, VAGUE_WORDS, currency, letter_currency, parse_value, units_table
from briefings.extraction.periods import APPROXIMATE, DURATION_UNITS

Token = Any

#: A figure with its magnitude attached ("1.55bn", "20m").
MAGNITUDE_ATTACHED = re.compile(r"\d(?:k|m|mn|bn|tn)$", re.IGNORECASE)
LETTERS_THEN_DIGITS = re.compile(r"^[^\W\d_]+-?\d")
TIMES_NAME = re.compile(r"^\d+x\d", re.IGNORECASE)  # "4x100m", "4x4"
#: "one" is a figure only with these before it; otherwise it means "a", or is a pronoun.
COUNTED_ONE = {"only", "just", "least", "than", "single"}
#: Words that are (part of) a figure by themselves: where an amount starts.
FIGURE_WORDS = {*ONES, *TENS, *SCALES, *DENOMINATORS, *VAGUE_WORDS, "hundred", "hundreds", "dozen"}
YEAR_LIKE = re.compile(r"1\d{3}|20\d{2}")

#: A year named from the year the text last named: "in 2018, down from the previous year".
ANAPHORIC_YEAR = re.compile(r"(?:the\s+)?(previous|preceding|prior|following|next)\s+year", re.IGNORECASE)


def from_year_before(fact: NumberFact, text: str, earlier: list[NumberFact]) -> NumberFact:
    """ "the previous year", "the following year" count from the year the paragraph named last,
    not from the article's date ("next year" without "the" does)."""
    match = ANAPHORIC_YEAR.fullmatch(fact.text)
    the = fact.text.lower().startswith("the ") or re.search(r"\bthe\s+$", text[: fact.mention.start], re.IGNORECASE)
    if fact.kind != "date" or match is None or not the:
        return fact
    years = [int(str(f.value)[:4]) for f in earlier if f.kind == "date" and re.match(r"\d{4}", str(f.value or ""))]
    if not years:
        return fact
    step = -1 if match[1].lower() in ("previous", "preceding", "prior") else 1
    return dataclasses.replace(fact, value=f"{years[-1] + step:04d}")


YEAR_PREPOSITIONS = ("in", "by", "since", "until", "from", "before", "after", "of", "during", "through")


def is_year(tokens: list[Token]) -> bool:
    """A year NER took for a count: "by 2024", "the 2024 mission" (but "2000 people" is a count)."""
    figures = [token for token in tokens if figure_token(token)]
    if len(figures) != 1 or figures[0] is not tokens[-1] or not YEAR_LIKE.fullmatch(figures[0].text):
        return False
    token = figures[0]
    doc = token.doc
    before = doc[token.i - 1].lower_ if token.i else ""
    after = doc[token.i + 1] if token.i + 1 < len(doc) else None
    index = token.i - 1
    while index > 0 and doc[index].lower_ in ("at", "least", "latest", "earliest", "as", "early", "late", "about", "around", "mid", "-"):
        index -= 1  # "until at least 2021", "by as early as 2024"
    if before in YEAR_PREPOSITIONS or index >= 0 and doc[index].lower_ in YEAR_PREPOSITIONS:
        return True
    if after is None:
        return False
    return after.tag_ in ("NN", "NNP") or before in ("the", "a", "its", "their", "his", "her") and after.tag_ == "JJ"


def is_age(tokens: tuple[Token, ...], person_nouns: frozenset[str]) -> bool:
    """A bare number said of a person is their age: set beside them ("John Smith, 34,", "the
    woman (52)", "Page, now 28,", "Hollman 31, of Hope"), said of them ("Mateen, who is about
    70,"), or bounding people ("children under seven"); or named as an age ("people age 12 and
    older", "retired before age 55", "the retirement age rises to 70")."""
    figures = [token for token in tokens if figure_token(token)]
    if len(figures) != 1:
        return False
    token = figures[0]
    if _named_as_age(token):
        return _small(token)
    if len(tokens) == 1 and token.text.isdigit() and 0 < int(token.text) < 120 and _set_beside_person(token, person_nouns):
        return True
    head = token.head
    if token.i >= 2 and token.doc[token.i - 1].lower_ in ("now", "then") and token.doc[token.i - 2].text == ",":
        return _small(token)  # "Grant, now 41,": whatever the model took Grant for
    if token.dep_ == "appos" and head.text[:1].isupper():
        return _person(head, person_nouns) and _small(token)  # "Page, 28,"
    if token.dep_ == "nummod" and head.i == token.i - 1 and head.ent_type_ == "PERSON" and _followed_by_comma(token):
        return _small(token)  # "Ryan Hollman 31, of Hope" (but not "Commodore 64")
    if head.lower_ in ("turn", "turns", "turned", "turning") and head.pos_ == "VERB" and token.dep_ in ("dobj", "attr", "oprd", "npadvmod", "acomp"):
        return _small(token) and _person(syntax.subject_of(head) or head, person_nouns)  # "she turned 40"
    if token.dep_ == "attr" and head.lower_ in ("is", "was", "'s") and head.dep_ == "relcl":
        who = any(child.lower_ == "who" and child.dep_ == "nsubj" for child in head.children)
        return (who or _person(head.head, person_nouns)) and _small(token)  # "Mateen, who is about 70,": "who" is a person whatever the model took Mateen for
    if token.dep_ == "pobj" and head.lower_ in ("under", "over") and head.head.lower_ in AGE_GROUPS:
        return _small(token)  # "children under seven"
    return False


def _named_as_age(token: Token) -> bool:
    """ "age 12", "aged 40", or a figure an age is set to ("the retirement age should be raised to
    70", "the voting age is 16")."""
    if token.i and token.doc[token.i - 1].lower_ in ("age", "ages", "aged"):
        return True
    verb = token.head.head if token.dep_ == "pobj" and token.head.lower_ == "to" else token.head if token.dep_ == "attr" else None
    subject = syntax.subject_of(verb) if verb is not None and verb.pos_ in ("VERB", "AUX") else None
    return subject is not None and subject.lower_ == "age"


#: People named by age group, bounded by an age ("children under five", "people over 65").
AGE_GROUPS = {"children", "kids", "people", "adults", "those", "anyone", "everyone", "women", "men", "girls", "boys", "pupils", "teenagers", "patients", "players"}


def _followed_by_comma(token: Token) -> bool:
    return token.i + 1 < len(token.doc) and token.doc[token.i + 1].text in (",", ")")


def _small(token: Token) -> bool:
    """A whole number a person can be: 1 to 119, in figures or words, with nothing counted after it."""
    value = parse_value(token.text, abbreviations=False)
    following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    counted = following is not None and following.head == token.head and following.pos_ == "NOUN" and token.dep_ == "nummod"
    return value is not None and value.is_integer() and 0 < value < 120 and not counted


def _person(token: Token, person_nouns: frozenset[str]) -> bool:
    """A person by name or role; a capitalised noun the model left untyped ("Page") may be one."""
    if token.ent_type_ in ("GPE", "LOC", "FAC", "DATE", "ORG", "NORP", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW"):
        return False
    if token.lower_ in ("he", "she", "i", "who"):
        return True
    return token.ent_type_ == "PERSON" or token.lower_ in person_nouns or token.pos_ in ("PROPN", "NOUN") and token.text[:1].isupper()


def _set_beside_person(token: Token, person_nouns: frozenset[str]) -> bool:
    """ "John Smith, 34," or "the woman (52)", "the former star, 42,": a bare number set off
    beside a person."""
    doc = token.doc
    left = doc[token.i - 1] if token.i else None
    right = doc[token.i + 1] if token.i + 1 < len(doc) else None
    set_off = left is not None and left.text in ",(" and (right is None or right.text in ",);." or right.is_punct)
    if not set_off:
        return False
    head = doc[token.i - 2] if token.i >= 2 else None
    return head is not None and (head.pos_ == "PROPN" and head.ent_type_ not in ("GPE", "LOC", "FAC", "DATE") or head.lower_ in person_nouns)


def from_figure(tokens: list[Token]) -> list[Token]:
    """An amount from its figure on: NER runs words before a figure into it ("about my seven
    turnovers", "an additional eight frequencies"); an approximator ("more than", "a few") and an
    "a" before a number word ("a third", "a dozen") stay, as parts of the figure."""
    exact = [index for index, token in enumerate(tokens) if figure_token(token) and token.lower_ not in VAGUE_WORDS]
    first = exact[0] if exact else next((index for index, token in enumerate(tokens) if figure_token(token)), 0)
    start = first
    if first and tokens[first - 1].lower_ in ("a", "an") and not any(char.isdigit() for char in tokens[first].text):
        start = first - 1
    for index in range(start - 1, -1, -1):
        if LEAD_IN.fullmatch("".join(token.text_with_ws for token in tokens[index:start])):
            return tokens[index:]
    return tokens[start:]


#: What may come before a figure as part of it: "between" of a range, approximators.
LEAD_IN = re.compile(r"(?:(?:between|from)\s+)?(?:" + APPROXIMATE.pattern.lstrip("^") + ")?", re.IGNORECASE)


def figure_token(token: Token) -> bool:
    """A token that is a figure or part of one: digits, a number word, a currency sign, "dozens"."""
    return token.like_num or any(char.isdigit() for char in token.text) or token.text in CURRENCY_SIGNS or fold(token.text) in FIGURE_WORDS


#: Words joined to "one" in idioms, not as what is counted: "a one-off", "a one-sided game".
ONE_IDIOMS = {"off", "time", "way", "sided", "stop", "size", "liner", "man", "woman", "party", "horse", "eyed", "armed", "handed", "hit", "on", "upmanship", "trick"}


def counted_one(token: Token) -> bool:
    """ "only one", "at least one", "more than one": "one" as a count; "one of the", "one day" are not."""
    doc = token.doc
    before = doc[token.i - 1].lower_ if token.i else ""
    after = doc[token.i + 1].lower_ if token.i + 1 < len(doc) else ""
    following = doc[token.i + 2] if token.i + 2 < len(doc) else None
    if after in units_table()["units"] or after in DURATION_UNITS:
        return True  # "one centimetre", "one week"
    if after == "-" and not token.whitespace_ and following is not None and following.pos_ == "NOUN" and following.lower_ not in ONE_IDIOMS:
        return True  # "a one-game suspension", as "a 10-game stretch"
    return before in COUNTED_ONE or after in ("in", "out", "or", "to") and following is not None and following.like_num  # "one in five", "one or two"


def identifier(tokens: list[Token], gazetteer: Gazetteer) -> bool:
    """ "BBC2", "G7", "section 5", "Radio 4", "Boeing 787", "737 Max": part of a name, not a figure
    (but "N500m" is a sum in naira)."""
    if letter_currency().match(tokens[0].doc.text, tokens[0].idx):
        return False
    if any(LETTERS_THEN_DIGITS.match(token.text) or TIMES_NAME.match(token.text) for token in tokens) or LETTERS_THEN_DIGITS.match(
        "".join(t.text_with_ws for t in tokens)
    ):
        return True
    first, last = tokens[0], tokens[-1]
    doc = first.doc
    after = doc[last.i + 1] if last.i + 1 < len(doc) else None
    if MAGNITUDE_ATTACHED.search(last.text) or after is not None and amount_word(after.lower_):
        return False  # "Fiat 1.55bn euros", "the car 355 horsepower": an amount, whatever comes before
    if (
        after is not None
        and last.text.isdigit()
        and int(last.text) >= 100
        and after.pos_ == "PROPN"
        and after.ent_type_ in ("PRODUCT", "ORG", "PERSON")
        and last.whitespace_
        and after.text not in zones()  # "0930 GMT" is a time
    ):
        return True  # "737 Max", "500 Index": a model number or a name
    if first.i == first.sent.start:
        return False
    before = doc[first.i - 1]
    if before.text in ("No", "No.", "Number"):
        return True  # "No 10 Downing Street"
    if before.text in "-/" and not before.whitespace_ and first.i >= 2 and LETTERS_THEN_DIGITS.match(doc[first.i - 2].text):
        return True  # "A350-900"
    if fold(before.text).rstrip(".") in gazetteer.identifier_nouns and not (before.is_lower and first.is_alpha):
        return True  # "section 5", "flight 370"; but "the top three" counts
    if not before.whitespace_ and before.is_alpha:
        return True  # "A350" split by the tokenizer
    if before.pos_ != "PROPN" or not before.whitespace_ or currency(before.text) or before.ent_type_ in ("DATE", "MONEY", "GPE", "NORP", "CARDINAL", "PERCENT", "PERSON"):
        return False  # a person's name before a figure is no model name: "gave Blair two victories"

    return bool(before.ent_type_) or first.text.isdigit()  # "Radio 4", "S&P 500"


def amount_word(word: str) -> bool:
    """A word after a figure that makes it an amount: a unit, a currency, a scale, per cent."""
    tables = units_table()
    return word in tables["units"] or word in tables["currency_words"] or word in SCALES or word in ("%", "percent", "per")
