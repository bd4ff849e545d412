"""Reading numbers from a parsed paragraph: where the figures are, from NER and the parse.

The seeds are NER's CARDINAL, MONEY, PERCENT, QUANTITY, DATE and TIME entities, fractions NER calls
ordinals ("a third"), and numerals it left out ("10k", "0530GMT"). Each seed is widened over what
NER cut off and read by `figures` (kind, value, unit, range); the parse says what it counts and
whether a bare number is someone's age ("Smith, 34,"). Numbers that are part of a name or an
identifier ("BBC2", "G7", "section 5", "Radio 4", "Boeing 787") are left out.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from briefings.extraction import syntax
from briefings.extraction.clock import read_time
from briefings.extraction.dates import looks_like_date
from briefings.extraction.figures import SIGN_BEFORE, WORD_BEFORE, read, widen
from briefings.extraction.gazetteer import Gazetteer, fold
from briefings.extraction.model import Mention, NumberFact
from briefings.extraction.numbers import DENOMINATORS, ONES, SCALES, TENS, letter_currency
from briefings.extraction.periods import APPROXIMATE, DURATION_UNITS, MONTHS
from briefings.extraction.spacy_time_cues import afternoon, tense
from briefings.extraction.spacy_unit_senses import read_points, read_pounds
from briefings.extraction.spacy_figure_roles import YEAR_LIKE, counted_one, from_figure, from_year_before, identifier, is_age, is_year

Doc = Any
Span = Any
Token = Any

MONTH_TITLES = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December")
LABELS = ("CARDINAL", "MONEY", "PERCENT", "QUANTITY", "DATE", "TIME")
AMOUNT_LABELS = ("CARDINAL", "MONEY", "PERCENT", "QUANTITY")
UNIT_DETERMINERS = {"a", "an", "one", "this", "next", "last"}
#: A figure with a sign, which the model often tags as a proper noun ("-1.0 percent").
SIGNED_FIGURE = re.compile(r"[-+\u2212]\d[\d,]*(?:\.\d+)?")
#: A temperature written with its scale's letter, which NER often leaves out: "38C", "-4C".
DEGREES = re.compile(r"[-+\u2212]?\d{1,3}(?:\.\d)?[CF]")
MODEL_NAME = re.compile(r"^(?!Mid|Pre|Post)[A-Z][A-Za-z]*-?\d")
NUMBER_WORDS = {*ONES, *TENS, *SCALES, *DENOMINATORS, "hundred", "dozen", "dozens", "and", "-", "point"}
PLAIN_FIGURE = re.compile(r"\d[\d,.]*")
#: A figure written with thousands separators: never part of a name.
GROUPED_FIGURE = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")
#: A figure with an abbreviated scale or "pc" for per cent, which NER sometimes leaves out ("10k", "2.4bn", "61.2pc").
ABBREVIATED = re.compile(r"^\d[\d,.]*(?:k|m|bn|mn|b|pc)$", re.IGNORECASE)
#: Where a numeral NER left out can be: digits or a number word.
NUMERAL = re.compile(r"\d[\d,.]*|\b(?:" + "|".join([*ONES, *TENS, "hundred", "thousand", "million", "billion", "trillion", "dozens?"]) + r")\b", re.IGNORECASE)
#: A span of time followed by the date it lies in: two facts in one NER entity.
TWO_DATES = re.compile(r"(.+?\b(?:years?|months?|weeks?|days?|hours?|decades?|quarter))\s+(?:in|since|from|until|by|before|after|of|to|ending|ended|[-–—])\s+(.+)", re.IGNORECASE)
#: "2.5m" before a dimension word is metres.
METRES = re.compile(r"\d[\d.,]*m")
DIMENSION = re.compile(r"[\s-](?:high|wide|long|tall|deep|thick|across|by|x)\b")
#: A figure with an abbreviated magnitude at the start of an entity: "639m".
SCALED = re.compile(r"\d[\d,.]*(?:bn|m|k)\b", re.IGNORECASE)
#: Events run in metres: "the 60m hurdles".
RACES = {
    "hurdles", "race", "relay", "sprint", "freestyle", "backstroke", "breaststroke", "butterfly", "medley", "final", "dash",
    "title", "record", "event", "heat", "semi-final", "run", "runner", "runners", "champion", "champions", "specialist",
    "medallist", "medalist", "finalist", "finalists", "swimmer", "swimmers",
}  # fmt: skip
#: A year and a count in one NER entity: "Since 1997 10 posts", "during 2004 - three of them".
YEAR_THEN_COUNT = re.compile(r"((?:1[5-9]|20)\d\d)(?:\s+|\s[-–—]\s)((?!(?:1[5-9]|20)\d\d\b)(?:\d[\d,]*|[a-z]+))", re.IGNORECASE)
#: Two times of day in one NER entity: "8am to 6pm".
TWO_TIMES = re.compile(r"(.+?)\s*(?:to|-|–|and|until)\s*(.+)", re.IGNORECASE)
#: "from 10% to 25%": a figure before and after a change, not a range.
CHANGE = re.compile(r"(.+?)\s+to\s+(.+)", re.IGNORECASE)
#: A full date inside an event's name.
FULL_DATE = re.compile(r"\b(?:January|February|March|April|May|June|July|August|September|October|November|December)\s\d{1,2},?\s\d{4}\b|\b\d{1,2}\s(?:January|February|March|April|May|June|July|August|September|October|November|December)\s\d{4}\b")
#: An ordinal written in figures: "21st", "3rd".
NUMERIC_ORDINAL = re.compile(r"\d(?:st|nd|rd|th)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Seed:
    """Where NER or the parse says a figure is: character offsets, the model's label, its tokens."""

    start: int
    end: int
    label: str
    tokens: tuple[Token, ...]


def read_numbers(
    doc: Doc,
    paragraph_index: int,
    text: str,
    reference: dt.date | None,
    gazetteer: Gazetteer,
    names: frozenset[str] = frozenset(),
) -> list[NumberFact]:
    """Every number of a paragraph, in text order.

    `names` are model numbers the article uses in names (see `named_figures`): "the 787" alone is
    still the Boeing 787 when the article has named it so elsewhere.
    """
    facts: list[NumberFact] = []
    taken_until = 0
    for seed in sorted(_seeds(doc, text, gazetteer), key=lambda seed: seed.start):
        if len(seed.tokens) == 1 and seed.tokens[0].text in names:
            continue
        if seed.start < taken_until:
            continue  # already part of the figure before it ("$5" took "-6bn")
        fact, taken_until = _fact(seed, paragraph_index, text, reference, gazetteer.person_nouns)
        if fact is not None:
            facts.append(from_year_before(fact, text, facts))
    return facts


MODEL_NUMBER = re.compile(r"(?<![\d,.])\d{3,4}(?![\d,.])")


def named_figures(docs: list[Doc], texts: list[str], gazetteer: Gazetteer) -> frozenset[str]:
    """Figures of three or four digits an article uses inside names ("Boeing 787", "777x", "A350-900").

    Years are left out: "the 2010 election" does not make every other 2010 a name. The text is
    searched first (`texts`, the paragraphs the docs were parsed from), so that only the few
    tokens that can be such names are looked at.
    """
    found: set[str] = set()
    for doc, text in zip(docs, texts, strict=True):
        for match in NAMED.finditer(text):
            found.update(MODEL_NUMBER.findall(match[0]))
        for match in MODEL_NUMBER.finditer(text):
            span = doc.char_span(match.start(), match.end())
            if span is not None and len(span) == 1 and identifier([span[0]], gazetteer):
                found.add(match[0])
    return frozenset(figure for figure in found if not YEAR_LIKE.fullmatch(figure))


#: A model number written into a word: "A350-900", "777x", "787-9", "F-35" (not "120m" or "512MB").
NAMED = re.compile(r"\b[^\W\d_]+-?\d[\w-]*|\b\d{3,4}(?:(?![kmbgKMBG]\b)[A-Za-z]\b|-\d+\b)")


def _seeds(doc: Doc, text: str, gazetteer: Gazetteer) -> list[Seed]:
    seeds: list[Seed] = []
    covered: set[int] = set()
    for ent in doc.ents:
        if ent.label_ in LABELS or ent.label_ == "ORDINAL":
            covered.update(token.i for token in ent)
        seeds.extend(_entity_seeds(ent, gazetteer))
    for match in NUMERAL.finditer(text):  # only where a figure can be, not every token
        span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        token = span[0] if span is not None and len(span) else None
        if token is None or token.i in covered or not _numeral(token):
            continue
        phrase = _number_phrase(doc, token, covered)
        if phrase[-1].i == token.i and token.lower_ == "one" and not counted_one(token) or identifier(phrase, gazetteer):
            continue
        covered.update(t.i for t in phrase)
        label = "DATE" if is_year(phrase) else ""  # "the classic 1982 film", which NER left out
        seeds.append(Seed(phrase[0].idx, phrase[-1].idx + len(phrase[-1].text), label, tuple(phrase)))
    for match in FISCAL_YEAR.finditer(text):  # "FY2020-22", which the model takes for a name
        span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        if span is not None and not any(token.i in covered for token in span):
            covered.update(token.i for token in span)
            seeds.append(Seed(match.start(), match.end(), "DATE", tuple(span)))
    for match in TIME_WORDS.finditer(text):  # "this summer", "an hourlong debate", "threefold": what NER seldom marks
        span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        if span is not None and not any(token.i in covered for token in span):
            seeds.append(Seed(match.start(), match.end(), "" if match[0].lower().endswith("fold") else "DATE", tuple(span)))
    return seeds


#: Further days of a month after a bare day: "2" + " and 9 July", "3" + ", 10 and 17 May".
DAY_LIST = re.compile(rf"(?:(?:,\s|\sand\s|\sor\s)\d{{1,2}}(?:st|nd|rd|th)?)+\s(?P<month>{'|'.join(MONTH_TITLES)})\b")
#: A fiscal year or span of them: "FY2020", "FY2020-22", "FY 2019/20".
FISCAL_YEAR = re.compile(r"\bFY\s?(?:1[5-9]|20)\d\d(?:[-–/](?:\d\d|\d{4}))?\b")
#: Times of the year, lengths and multiples written as one word, which NER leaves out.
TIME_WORDS = re.compile(
    r"\b(?:(?:this|last|next)\s+(?:summer|winter|spring|autumn)|(?:hour|day|week|month|year|decade)-?long|(?:two|three|four|five|ten|\d+)-?fold)\b", re.IGNORECASE
)


def _numeral(token: Token) -> bool:
    """A figure NER did not mark: a number word or numeral, "10k", or a clock time ("0530GMT")."""
    if ABBREVIATED.match(token.text) or letter_currency().match(token.doc.text, token.idx):
        return True  # "10k", "N500m"
    if token.like_num and _after_currency(token):
        return True  # "dollars 12", "(pounds 104m": an amount, whatever name the model took it for
    if GROUPED_FIGURE.fullmatch(token.text):
        return True  # "7,120.35", which the model may take for a name: no name is written so
    if token.ent_type_ and token.ent_type_ not in LABELS:
        time = read_time(token.text)
        return time is not None and time[3] == len(token.text)
    if _clock(token.text) and not token.text.isdigit():
        return True  # "11:30pm", "9.15am", which the model may take for a name
    if SIGNED_FIGURE.fullmatch(token.text) or DEGREES.fullmatch(token.text):
        return True  # "-1.0", "+2.5": the sign makes the model take it for a name; "38C"
    return token.pos_ == "NUM" and (token.like_num or read_time(token.text) is not None)


def _after_currency(token: Token) -> bool:
    """Whether a currency's sign or name is written just before the token ("$", "pounds ")."""
    text = token.doc.text[max(0, token.idx - 14) : token.idx]
    return bool(SIGN_BEFORE.search(text) or WORD_BEFORE.search(text))


def _entity_seeds(ent: Span, gazetteer: Gazetteer) -> list[Seed]:
    label = ent.label_
    tokens = _trim(list(ent))
    if label in AMOUNT_LABELS:
        tokens = from_figure(tokens)
    if not tokens:
        return []
    if label == "DATE" and tokens[0].lower_ in DURATION_UNITS and tokens[0].i and (before := ent.doc[tokens[0].i - 1]).lower_ in UNIT_DETERMINERS:
        tokens = [before, *tokens]  # "a week's training", "this week's Budget": NER took the unit alone
    if label == "ORDINAL" and any(char.isdigit() for char in ent.text) and not NUMERIC_ORDINAL.search(ent.text):
        label = "CARDINAL"  # "25bp", "3bn": figures the model took for ordinals
    if label not in LABELS and label != "ORDINAL":
        return _dates_in_name(ent, tokens)
    if label == "ORDINAL":
        # "a third of voters": a fraction, not an ordinal ("the third time").
        before = ent.doc[tokens[0].i - 1] if tokens[0].i else None
        after = ent.doc[tokens[-1].i + 1] if tokens[-1].i + 1 < len(ent.doc) else None
        if before is None or before.lower_ not in ("a", "one", "two") or tokens[-1].lower_ not in DENOMINATORS:
            return []
        if after is None or after.lower_ != "of":
            return []  # "a third undisclosed buyer" is the third of them
        tokens, label = [before, *tokens], "CARDINAL"
    if label in ("DATE", "QUANTITY") and any(MODEL_NAME.match(token.text) for token in tokens):
        return []  # "the wider-body A350", which NER took for a date
    if label == "CARDINAL" and (identifier(tokens, gazetteer) or len(tokens) == 1 and tokens[0].lower_ == "one" and not counted_one(tokens[0])):
        return []
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    text = " " * start + ent.doc[tokens[0].i : tokens[-1].i + 1].text  # offsets as in the paragraph
    before = ent.doc[tokens[0].i - 1].lower_ if tokens[0].i else ""
    change = before in ("from", "by") and label not in ("DATE", "TIME") and (match := CHANGE.fullmatch(text[start:end]))
    clock = label == "TIME" and (match := TWO_TIMES.fullmatch(text[start:end])) and all(_clock(part) for part in (match[1], match[2]))
    if change or clock:  # "from 10% to 25%" (a change), "8am to 6pm": two figures
        first_end, second_start = start + len(match[1]), start + match.start(2)
        return [
            Seed(start, first_end, label, tuple(t for t in tokens if t.idx < first_end)),
            Seed(second_start, end, label, tuple(t for t in tokens if t.idx >= second_start)),
        ]
    if label == "DATE" and (match := SCALED.match(text[start:end])):
        # "dollars 639m year-earlier": an amount NER took for a date
        figure_end = start + match.end()
        return [Seed(start, figure_end, "CARDINAL", tuple(t for t in tokens if t.idx < figure_end))]
    if label == "DATE" and (match := YEAR_THEN_COUNT.fullmatch(text[start:end])):
        # "Since 1997 10 posts have closed": a year, then a count NER ran into it
        second_start = start + match.start(2)
        return [
            Seed(start, start + len(match[1]), label, tuple(t for t in tokens if t.idx < second_start)),
            Seed(second_start, end, "CARDINAL", tuple(t for t in tokens if t.idx >= second_start)),
        ]
    if label == "DATE" and (match := TWO_DATES.fullmatch(text[start:end])):
        first_end = start + len(match[1])
        second_start = start + match.start(2)
        return [
            Seed(start, first_end, label, tuple(t for t in tokens if t.idx < first_end)),
            Seed(second_start, end, label, tuple(t for t in tokens if t.idx >= second_start)),
        ]
    if label == "CARDINAL" and (looks_like_date(text[start:end]) or is_year(tokens)):
        label = "DATE"  # "2/29/2020" is a date, not a fraction; "by 2024", "a 2024 mission"
    elif label == "DATE" and PLAIN_FIGURE.fullmatch(text[start:end]) and not YEAR_LIKE.fullmatch(text[start:end]):
        label = "CARDINAL"  # NER calls many bare figures dates: "the answer is 42", "Smith, 34,"
    return [Seed(start, end, label, tuple(tokens))]


def _dates_in_name(ent: Span, tokens: list[Token]) -> list[Seed]:
    """A date NER ran into a name: a full date in an event ("the September 11, 2001 attacks"), a
    year before what it dates ("the 1967 Six-Day War"), a date after an owner ("Holcomb's 2016
    election campaign", "Trump's July 25 call"). A year after a name is part of it ("Euro 2020")."""
    if match := FULL_DATE.search(ent.text):
        first = ent.start_char + match.start()
        return [Seed(first, first + len(match[0]), "DATE", tuple(t for t in tokens if first <= t.idx < first + len(match[0])))]
    possessive = next((index for index, token in enumerate(tokens) if token.tag_ == "POS" or token.lower_ in ("'s", "\u2019s")), None)
    start = possessive + 1 if possessive is not None else 0
    rest = tokens[start:]
    if not rest or possessive is None and len(rest) < 2:
        return []
    if YEAR_LIKE.fullmatch(rest[0].text):
        return [Seed(rest[0].idx, rest[0].idx + len(rest[0].text), "DATE", (rest[0],))]
    if possessive is not None and len(rest) >= 2 and rest[0].lower_.rstrip(".") in MONTHS and rest[1].text.isdigit() and int(rest[1].text) <= 31:
        return [Seed(rest[0].idx, rest[1].idx + len(rest[1].text), "DATE", (rest[0], rest[1]))]
    return []


def _fact(
    seed: Seed, paragraph_index: int, text: str, reference: dt.date | None, person_nouns: frozenset[str]
) -> tuple[NumberFact | None, int]:
    """The fact a seed reads as, if any, and where its figure ends (a score "2-1" is read and
    dropped whole, so that its "1" does not come back as a figure of its own)."""
    start, end = widen(text, seed.start, seed.end, seed.label)
    written = text[start:end]
    if re.fullmatch(r"\d{1,2}", written) and (listed := DAY_LIST.match(text, end)):
        written += " " + listed["month"]  # "on 2 and 9 July": the 2nd of July
    doc = seed.tokens[0].doc
    span = doc.char_span(start, end, alignment_mode="expand")
    tokens = tuple(span) if span is not None and len(span) else seed.tokens
    root = _root(tokens)
    # A date that modifies a noun ("Trump's July 25 call") takes no tense from the clause's verb.
    verb = syntax.governing_verb(root) if root.dep_ not in ("compound", "nmod", "poss", "amod", "nummod", "appos") else None
    before_words = re.findall(r"[a-z]+", text[max(0, start - 12) : start].casefold())
    when = tense(text, start, root, verb)
    label = seed.label
    if METRES.fullmatch(text[start:end]) and (DIMENSION.match(text, end) or _race(tokens)):
        label = "QUANTITY"  # "2.5m high and 6m long", "the 60m hurdles": metres, not millions
    figure = read(
        written,
        label,
        reference=reference,
        future=when.future,
        past=when.past,
        present=when.present,
        before=before_words[-1] if before_words else "",
        age=is_age(seed.tokens, person_nouns),
        length=tokens[0].i > 0 and doc[tokens[0].i - 1].pos_ in ("VERB", "AUX"),  # "comes a week after"
    )
    if figure is None:
        return None, end
    figure = afternoon(read_pounds(figure, written, tokens, verb), written, root)
    if not figure.vague:
        start = _after_approximators(text, start, end)
    if figure.kind == "quantity" and text[start:end].endswith("."):
        end -= 1  # "2 kg/m." at the end of a sentence: the full stop is the sentence's
    counts = syntax.describe_count(root, list(tokens), figure.kind)
    figure, points = read_points(figure, tokens, counts)
    if points is not None:  # "102.2" + " points": what it counts is what the points measure
        end, tokens = points.idx + len(points.text), (*tokens, points)
        counts = syntax.describe_count(root, list(tokens), figure.kind)
    mention = Mention(paragraph_index, start, end, text[start:end])
    fact = NumberFact(
        mention.text,
        figure.kind,
        figure.value,
        mention,
        unit=figure.unit,
        counts=counts,
        vague=figure.vague,
        high=figure.high,
        inferred=figure.inferred,
    )
    return fact, end


def _after_approximators(text: str, start: int, end: int) -> int:
    """The start of the figure itself: "more than 2.5 million" is reported as "2.5 million"."""
    match = APPROXIMATE.match(text[start:end])
    if match is None or not re.search(r"\w", text[start + match.end() : end]):
        return start
    return start + match.end()


def _race(tokens: tuple[Token, ...]) -> bool:
    """ "the 60m hurdles", "over the last 200m": a distance run, in metres."""
    doc = tokens[0].doc
    before = doc[tokens[0].i - 1].lower_ if tokens[0].i else ""
    after = doc[tokens[-1].i + 1] if tokens[-1].i + 1 < len(doc) else None
    if after is not None and after.lower_ in RACES:
        return True
    return before in ("the", "last", "first", "final", "opening", "closing") and (after is None or after.tag_ != "NNS")


def _clock(text: str) -> bool:
    time = read_time(text)
    return time is not None and time[2] == 0 and time[3] == len(text.strip())


def _root(tokens: tuple[Token, ...]) -> Token:
    """The token of a phrase whose head lies outside it (its syntactic root)."""
    indices = {token.i for token in tokens}
    for token in tokens:
        if token.head.i not in indices or token.head == token:
            return token
    return tokens[0]


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


def _trim(tokens: list[Token]) -> list[Token]:
    while tokens and (tokens[0].lower_ == "the" or tokens[0].is_punct and tokens[0].text not in "$£€¥-"):
        tokens = tokens[1:]
    while tokens and tokens[-1].is_punct and tokens[-1].text != "%":
        tokens = tokens[:-1]
    return tokens
