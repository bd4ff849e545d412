"""Reading one figure as written in news text into its kind, value, unit and bounds.

Shared by the spaCy extractor (which finds the figures with NER and the parse) and the rule-based
fallback (which finds them with patterns). Two steps, both on plain text:

- `widen` grows a mention to take in what the language model tends to leave out around a figure:
  the currency sign, an abbreviated or written magnitude ("$" + "21" + "m"), the other end of a
  range ("5-6bn"), "%" or "per cent", a currency or unit word ("364m euros"), a time zone, "-year-old".
- `read` decides the kind (count, money, percent, quantity, ratio, date, time, period, duration,
  age) and normalises the value with its magnitude applied: "$21m" is 21,000,000 USD, and money
  is money only when a currency is written.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache

from briefings.extraction.clock import read_time
from briefings.extraction.dates import resolve
from briefings.extraction.numbers import ONES, SCALES, SUFFIXES, TENS, currency, is_vague, parse_value, unit, units_table
from briefings.extraction.periods import APPROXIMATE, DURATION_UNITS, LEAD, MONTH_NAMES, MONTHS, UNIT_OR_MORE, YEAR_SPAN

FIGURE = r"\d(?:[\d,]*\d)?(?:\.\d+)?"  # not "1," before a comma
SCALE_SUFFIX = r"(?:k|m|mn|bn|b|tn|trn|bln|mln)"
SCALE_WORD = r"(?:thousand|million|billion|trillion|lakhs?|crores?)"
SIGN = r"(?:US\$|U\.S\.\$|AU?\$|CA?\$|HK\$|NZ\$|S\$|R\$|NT\$|Rs\.?|[$£€¥₹₽₩₺₪₦₱฿₫₴])"
SIGN_BEFORE = re.compile(rf"{SIGN}\s?$")
#: Currency names written where the sign would be ("pounds 600m"); a closed list, since "won 3
#: seats" and "marks 5 years" are not money.
WORD_BEFORE = re.compile(r"\b(?:US ?dollars|dollars|pounds|euros|yen|yuan|rupees|roubles|rubles|francs)\s$", re.IGNORECASE)
#: Extensions tried, in turn and each at most once, at the end of a mention.
ATTACHED_SCALE = re.compile(rf"{SCALE_SUFFIX}\b", re.IGNORECASE)
WRITTEN_SCALE = re.compile(rf"\s{SCALE_WORD}\b", re.IGNORECASE)
RANGE_TAIL = re.compile(rf"\s?[-–—]\s?{SIGN}?\s?{FIGURE}(?:{SCALE_SUFFIX}\b)?(?:\s{SCALE_WORD}\b)?")
TO_TAIL = re.compile(rf"(?<=[\dkmnbKMBN])\sto\s{SIGN}?\s?{FIGURE}(?:{SCALE_SUFFIX}\b)?(?:\s{SCALE_WORD}\b)?|(?<=%)\sto\s{FIGURE}%")
AND_TAIL = re.compile(rf"(?<=[\dkmnbKMBN])\sand\s{SIGN}?\s?{FIGURE}(?:{SCALE_SUFFIX}\b)?(?:\s{SCALE_WORD}\b)?")
PERCENT_TAIL = re.compile(r"\s?(?:%|per ?cent\b|percent\b|(?:of\s)?(?:a\s)?percentage[\s-]points?\b|pc\b)", re.IGNORECASE)
NUMBER_WORD = r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|fifty|a\shundred|\d[\d,]*)"
RATIO_TAIL = re.compile(rf"\s(?:in|out\sof|of\severy)\s{NUMBER_WORD}\b(?!\s*(?:%|per|years?|months?|weeks?|days?|hours?|minutes?|[-–]))", re.IGNORECASE)
DURATION_TAIL = re.compile(r"[\s-](?:years?|months?|weeks?|days?|hours?|minutes?|seconds?|milliseconds?|decades?)\b(?![-\s]old)", re.IGNORECASE)
#: The end of a span of years ("2014" + " to 2019"), also after "from".
YEAR_TO_TAIL = re.compile(r"\s(?:to|until|through)\s(?:1[5-9]\d\d|20\d\d|(?:the\s)?present\b)\b")
#: The end of a span of months: "(between) September 2005" + " and March 2006".
MONTH_YEAR_TO_TAIL = re.compile(rf"\s(?:to|until|through|and)\s(?:{MONTH_NAMES.title()})\.?,?\s(?:1[5-9]\d\d|20\d\d)\b")
#: "11" + "September": NER sometimes splits a day from its month.
MONTH_TAIL = re.compile(rf"(?:st|nd|rd|th)?\s(?:of\s)?(?:{MONTH_NAMES.title()})\b\.?(?:,?\s\d{{4}}\b)?")
#: "50 times higher": a multiple, a ratio above one.
TIMES_TAIL = re.compile(r"\stimes(?=\s(?:more|higher|greater|larger|bigger|as|the|over|faster|less|smaller|lower|that))", re.IGNORECASE)
TIMES = re.compile(r"(?P<figure>.+?)\stimes", re.IGNORECASE)
#: "threefold", "10-fold": a multiple.
FOLD = re.compile(r"(?P<figure>[a-z]+|\d+(?:\.\d+)?)-?fold", re.IGNORECASE)
#: A person's decade of life: "his 70s", "her early 30s" (a decade of the calendar has no possessive).
AGE_DECADE = re.compile(r"(?:his|her|their|my|your|our)\s(?:(?P<part>early|mid|late)[\s-])?(?P<decade>[1-9]0)['\u2019]?s", re.IGNORECASE)
AGE_DECADE_PARTS = {"early": (0, 3), "mid": (3, 6), "late": (6, 9)}
OWNER_BEFORE = re.compile(r"\b(?:his|her|their|my|your|our)\s(?:(?:early|mid|late)[\s-])?$", re.IGNORECASE)
#: The low end of a range whose unit the high end carries: "6- to " before "30-year".
SUSPENDED_BEFORE = re.compile(rf"\b{FIGURE}-\s(?:to|or|and)\s$")
#: Words that bound the high end of a range without changing it: "230 miles to more than 300 miles".
RANGE_APPROXIMATE = r"(?:(?:more|less|fewer)(?:\sthan)?|about|around|nearly|almost|over|roughly|up\sto)"
#: The high end of a range, after the low end's unit was taken out: " to more than 300".
RANGE_HIGH = re.compile(rf"\s(?:to|and|or)\s(?:{RANGE_APPROXIMATE}\s)?(?P<figure>{FIGURE})(?=[\s-])", re.IGNORECASE)
#: Odds and leverage: "33-to-1", "25 to 1" (but "from zero to 1 percent" is a change of rate).
ODDS_TAIL = re.compile(r"[\s-]to[\s-](?:1|one)\b(?![.,]\d)(?!\s?(?:%|per\s?cent|percent|percentage|points?\b))", re.IGNORECASE)
ODDS = re.compile(rf"(?P<figure>{FIGURE}|\w+)[\s-]to[\s-](?:1|one)", re.IGNORECASE)
#: A sum in cents written with the cent sign ("99¢").
CENTS = re.compile(rf"({FIGURE})\s?¢")
CENT_TAIL = re.compile(r"\s?¢")
#: Basis points: hundredths of a percentage point ("25bp", "50 basis points").
BASIS_POINTS = re.compile(rf"({FIGURE})\s?(?:bps?|basis\s+points?)", re.IGNORECASE)
BASIS_TAIL = re.compile(r"\s?(?:bps?\b|basis\s+points?\b)", re.IGNORECASE)
#: A second length of time joined to the first ("5 hours" + " and 9 minutes").
COMPOUND_TAIL = re.compile(rf"(?:,\s*|\s+and\s+|\s+)(?:{FIGURE}|\w+)\s(?:months?|days?|hours?|minutes?|seconds?|milliseconds?)\b", re.IGNORECASE)
#: A temperature with its scale's letter: "40C", "-5C", "104F" (upper case: "5c" is not one).
TEMPERATURE = re.compile(r"([-\u2212]?\d{1,3}(?:\.\d)?)\s?°?([CF])")
#: "a quarter-point", "half a percentage point": shares of a percentage point.
FRACTION_WORD = re.compile(r"(?:(?:an?|one|three)[\s-])?(?:half|quarters?|thirds?)", re.IGNORECASE)
POINT_TAIL = re.compile(r"[\s-](?:of\s)?(?:an?\s)?(?:percentage[\s-])?points?\b", re.IGNORECASE)
POINT_FRACTION = re.compile(rf"(?P<share>{FRACTION_WORD.pattern}){POINT_TAIL.pattern}", re.IGNORECASE)
#: The unit a rate is given per: "38 kilometers" + " per liter".
PER_TAIL = re.compile(r"\s?(?:per\s|/)([a-z]+)\b", re.IGNORECASE)
#: "five" + "-and-a-half", which NER leaves out of the figure.
AND_A_HALF_TAIL = re.compile(r"[\s-]and[\s-]an?[\s-](?:half|quarter)\b", re.IGNORECASE)
#: The other end of a range given with "or": "two" + " or three".
OR_RANGE_TAIL = re.compile(rf"\sor\s(?:{FIGURE}|{NUMBER_WORD})\b(?!\s*times)", re.IGNORECASE)
#: "a month or " before "two": the start of a span NER cut off.
UNIT_OR_BEFORE = re.compile(r"\b(?:an?|one)\s(?:second|minute|hour|day|week|month|year|decade)\sor\s$", re.IGNORECASE)
#: "a year or" + " two": the other end of a span NER cut off.
OR_TAIL = re.compile(r"(?<=\sor)\s(?:two|three|four|five|six|\d+)\b", re.IGNORECASE)
AGE_TAIL = re.compile(r"(?:[-\s]years?|(?<=year)s?)[-\s]olds?\b", re.IGNORECASE)
AGE = re.compile(r"(?P<figure>.+?)[-\s](?P<unit>year|month|week)s?[-\s]olds?", re.IGNORECASE)
#: The word that names a figure as an age, written before it: "age 12", "aged 34".
AGE_WORD = re.compile(r"^(?:aged?|ages)\s+", re.IGNORECASE)
RATIO = re.compile(r"(?P<part>\w+)\s+(?:in|out\s+of|of\s+every)\s+(?P<whole>[\d,]+|\w+)", re.IGNORECASE)
FRACTION = re.compile(r"(?:(?:a|an|one|two|three|four|five|six|seven|eight|nine|\d+)[\s-])?(?:half|halves|thirds?|quarters?|fifths?|sixths?|sevenths?|eighths?|ninths?|tenths?)")
PENCE = re.compile(rf"({FIGURE})\s?p\b")
PERCENT_WORDS = re.compile(r"%|per ?cent|percent|percentage|(?<=\d)\s?pc\b", re.IGNORECASE)
POINTS = re.compile(r"percentage[\s-]points?", re.IGNORECASE)
SUBUNITS = {"pence": ("GBP", 0.01), "cents": ("USD", 0.01), "EUR cents": ("EUR", 0.01)}
DATE_LABELS = ("DATE", "TIME")
#: Where the figure of an amount of money starts, after its currency ("US$ 150m", "a $1bn deal").
FIRST_FIGURE = re.compile(r"\d|\b(?:" + "|".join([*ONES, *TENS, "a", "an", "half", "hundred", "dozen"]) + r")\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Figure:
    """A figure read: see `briefings.extraction.model.NumberFact` for what each field holds."""

    kind: str
    value: float | str | None
    unit: str = ""
    high: float | str | None = None
    vague: bool = False
    inferred: bool = False


@cache
def _word_tail(table: str) -> re.Pattern[str]:
    """Currency or unit words after a figure ("euros", "km"), longest first, from units.toml."""
    words = sorted(units_table()[table], key=len, reverse=True)
    words = [word for word in words if word[:1].isalpha() or word[:1] == "°"]
    return re.compile(r"[\s-]?(?:" + "|".join(re.escape(word) for word in words) + r")(?![\w])", re.IGNORECASE)


def widen(text: str, start: int, end: int, label: str = "") -> tuple[int, int]:
    """The mention `text[start:end]` grown over the parts of its figure the model left out."""
    if match := SUSPENDED_BEFORE.search(text, max(0, start - 16), start):
        start = match.start()  # "6- to " + "30-year": the low end, its unit left to the high one
    if match := SIGN_BEFORE.search(text, max(0, start - 6), start):
        start = match.start()
    elif match := UNIT_OR_BEFORE.search(text, max(0, start - 14), start):
        start = match.start()  # "a month or" + "two"
    elif re.fullmatch(r"(?:(?:early|mid|late)[\s-])?[1-9]0['\u2019]?s", text[start:end], re.IGNORECASE) and (
        match := OWNER_BEFORE.search(text, max(0, start - 18), start)
    ):
        start = match.start()  # "his" + "70s": a person's age
    elif match := WORD_BEFORE.search(text, max(0, start - 14), start):
        start = match.start()  # "dollars 1.13bn", as some feeds write the sign
    time = read_time(text[start : end + 12])
    if time is not None and time[2] == 0 and time[3] >= end - start:
        return start, start + time[3]
    tails = [ODDS_TAIL, CENT_TAIL, BASIS_TAIL, WRITTEN_SCALE, RANGE_TAIL, PERCENT_TAIL, AGE_TAIL, TIMES_TAIL, _word_tail("currency_words"), _word_tail("units")]
    if label not in DATE_LABELS:
        tails += [DURATION_TAIL, RATIO_TAIL]
        if re.fullmatch(r"\d{1,2}", text[start:end]):
            tails.insert(0, MONTH_TAIL)
    if label not in DATE_LABELS and re.fullmatch(rf"{FIGURE}|{NUMBER_WORD}", text[start:end], re.IGNORECASE):
        tails.insert(0, OR_RANGE_TAIL)  # "two" + " or three" (people, weeks), "40" + " or 50" (-year-old)
    if text[end - 1 : end].isdigit():
        tails.insert(0, ATTACHED_SCALE)
    if FRACTION_WORD.fullmatch(text[start:end]) and (match := POINT_TAIL.match(text, end)):
        end = match.end()  # "a quarter" + "-point": a share of a percentage point
        if article := re.search(r"\b(?:an?|one|three)[\s-]$", text[max(0, start - 6) : start], re.IGNORECASE):
            start -= len(article[0])
    if match := AND_A_HALF_TAIL.match(text, end):
        end = match.end()  # "five-and-a-half" + " years"
    elif text[start:end].endswith(" or") and (match := OR_TAIL.match(text, end)):
        end = match.end()
    if re.fullmatch(r"1[5-9]\d\d|20\d\d", text[start:end]):
        tails.insert(0, YEAR_TO_TAIL)  # "from 2014 to 2019": a period
    elif _before(text, start) in ("between", "from") and re.fullmatch(rf"(?:{MONTH_NAMES.title()})\.?,?\s(?:1[5-9]|20)\d\d", text[start:end]):
        tails.insert(0, MONTH_YEAR_TO_TAIL)  # "between September 2005 and March 2006"
    elif _before(text, start) not in ("from", "by"):
        tails.insert(2, TO_TAIL)  # "from 5 to 7", "down by 30 to 126": a change, not a range
    if _before(text, start) == "between" or text[start:end].casefold().startswith("between "):
        tails.insert(2, AND_TAIL)  # "between £400m" + " and £500m"
    for tail in tails:
        match = tail.match(text, end)
        if match is None:
            continue
        if tail in (_word_tail("units"), DURATION_TAIL, RATIO_TAIL) and (
            label in DATE_LABELS or PERCENT_WORDS.search(text, start, end) or currency(text[start:end])
        ):
            break
        if tail is RANGE_TAIL and PERCENT_WORDS.search(text, start, end):
            continue
        end = match.end()
        if tail is DURATION_TAIL and (more := COMPOUND_TAIL.match(text, end)):
            end = more.end()
        if tail in (YEAR_TO_TAIL, MONTH_YEAR_TO_TAIL, ODDS_TAIL, CENT_TAIL, BASIS_TAIL, AGE_TAIL, TIMES_TAIL, _word_tail("units"), DURATION_TAIL, RATIO_TAIL, MONTH_TAIL):
            break
    if label not in DATE_LABELS and (more := _unit_range_tail(text, start, end)):
        end = more.end()  # "230 miles" + " to more than 300 miles": both ends, each with its unit
    if label not in DATE_LABELS and (rate := PER_TAIL.match(text, end)) and unit(text[start:end]) and unit(text[start:rate.end()]) != unit(text[start:end]):
        end = rate.end()  # "38 kilometers" + " per liter"
    return start, end


def _unit_range_tail(text: str, start: int, end: int) -> re.Match[str] | None:
    """The high end of a range that repeats the unit ending the mention: "230 miles" + " to more than
    300 miles", "between 3 kg" + " and 5 kg" (not "from 50 miles to 30 miles", "3 km and 5 km runs")."""
    written = _word_tail("units").search(text, start, end)
    if written is None or written.end() != end:
        return None
    joiners = "and|to|or" if _before(text, start) == "between" else "or" if _before(text, start) in ("from", "by") else "to|or"
    unit_word = re.escape(written[0].strip(" -"))
    return re.compile(rf"\s(?:{joiners})\s(?:{RANGE_APPROXIMATE}\s)?{FIGURE}[\s-]{unit_word}\b", re.IGNORECASE).match(text, end)


def read(
    text: str,
    label: str = "",
    *,
    reference: dt.date | None = None,
    future: bool = False,
    past: bool = False,
    present: bool = False,
    before: str = "",
    age: bool = False,
    length: bool = False,
) -> Figure | None:
    """Read a figure as written ("$21m", "19 October", "2230GMT") into a Figure, or None.

    Args:
        text: The mention, widened (see `widen`).
        label: The language model's label for it (CARDINAL, MONEY, PERCENT, QUANTITY, DATE, TIME),
            or "" when it found none; a hint, since the words decide.
        reference: The article's date, to resolve dates against.
        future: The verb it belongs to is in the future (for "on Friday").
        past: The verb it belongs to is in the past (for "in March").
        present: The verb it belongs to, directly, is in the present (for "meets on Tuesday").
        before: The word before it, lower case ("aged", "for", "between").
        age: The parse says it is someone's age ("John Smith, 34,").
        length: The parse says a time unit is a length, not a rate ("comes a week after").
    """
    core = APPROXIMATE.sub("", text.strip()).strip() or text.strip()
    time = read_time(core)
    if time is not None and time[2] == 0 and time[3] == len(core):
        return Figure("time", time[0], time[1])
    if (old := AGE.fullmatch(core)) and (years := _bounds(old["figure"])):
        divisor = {"year": 1, "month": 12, "week": 52}[old["unit"].casefold()]
        return Figure("age", _round(years[0] / divisor), "year", _scale_high(years, divisor))
    if (age or before in ("aged", "age")) and (value := parse_value(AGE_WORD.sub("", core))) is not None:
        return Figure("age", value, "year")  # "34", "aged 34", "age 12 and older"
    if (odds := ODDS.fullmatch(core)) and (value := parse_value(odds["figure"])) is not None:
        return Figure("ratio", value)
    if cents := CENTS.fullmatch(core):
        return Figure("money", _round(float(cents[1].replace(",", "")) / 100), "USD")
    if points := BASIS_POINTS.fullmatch(core):
        return Figure("percent", _round(float(points[1].replace(",", "")) / 100), "%")
    if temperature := TEMPERATURE.fullmatch(core):  # "40C", "-5C", "104F": the letter says the scale
        return Figure("quantity", float(temperature[1].replace("\u2212", "-")), "°" + temperature[2])
    if (share := POINT_FRACTION.fullmatch(core)) and (value := parse_value(share["share"])) is not None:
        return Figure("percent", value, "pp")  # "a quarter-point" cut in a rate
    if PERCENT_WORDS.search(core):
        return _percent(core)
    if (multiple := TIMES.fullmatch(core) or FOLD.fullmatch(core)) and (value := parse_value(multiple["figure"])) is not None:
        return Figure("ratio", value)  # "eight times more", "a threefold rise"
    if (decade := AGE_DECADE.fullmatch(core)) and (first := int(decade["decade"])) >= 10:
        low, high = AGE_DECADE_PARTS.get(decade["part"] or "", (0, 9))
        return Figure("age", float(first + low), "year", float(first + high))  # "in her early 30s"
    if money := currency(core):
        return _money(core, money)
    if PENCE.fullmatch(core):
        return Figure("money", _round(float(PENCE.fullmatch(core)[1].replace(",", "")) / 100), "GBP")
    if label not in DATE_LABELS and (ratio := _ratio(core)):
        return ratio  # but "for the quarter", "the first half" are spans of the year
    if label not in DATE_LABELS and (symbol := unit(core)) and symbol not in ("m", "in"):
        return _amount(core, "QUANTITY")  # "230 million light-years" is a distance, not a duration
    if label in DATE_LABELS or _datelike(core):
        reading = resolve(text, reference, future=future, past=past, present=present, before=before, length=length)
        if reading.kind:
            return Figure(reading.kind, reading.value, reading.unit, reading.high, reading.vague, reading.inferred)
        if label == "TIME":
            return None  # "late trading", "the early hours": no time in it
        core = LEAD.sub("", core) or core  # "their last seven" (games): the count after the words that place it
    return _amount(core, label, vague=is_vague(text))


def _percent(core: str) -> Figure | None:
    core = re.sub(r"%(?=\s*(?:to|-|–|and)\s*\d)", "", core)  # "80% to 90%", "between 3% and 5%"
    figures = re.sub(r"\s+(?:of\s+)?(?:an?\s*)?$", "", PERCENT_WORDS.split(core)[0])  # "half a percentage point"
    bounds = _bounds(figures)
    if bounds is None:
        return None
    return Figure("percent", bounds[0], "pp" if POINTS.search(core) else "%", bounds[1])


def _money(core: str, code: str) -> Figure | None:
    start = FIRST_FIGURE.search(core)
    if start is None:
        return Figure("money", None, SUBUNITS.get(code, (code,))[0], vague=True) if is_vague(core) else None
    figures = _unit_words_removed(core[start.start() :], "currency_words")
    figures = re.sub(rf"(?<=\s){SIGN}\s?", "", figures)  # "400m and £500m": one currency
    bounds = _bounds(figures)
    if bounds is None:
        return None
    code, factor = SUBUNITS.get(code, (code, 1.0))
    high = _round(bounds[1] * factor) if bounds[1] is not None else None
    return Figure("money", _round(bounds[0] * factor), code, high)


def _ratio(core: str) -> Figure | None:
    """ "one in 13" -> 0.0769; "a third", "two-thirds", "half" -> the fraction (4 significant digits)."""
    lowered = core.casefold()
    if match := RATIO.fullmatch(lowered):
        part, whole = parse_value(match["part"]), parse_value(match["whole"])
        if part is not None and whole and part <= whole:
            return Figure("ratio", round(part / whole, 4))
        return None
    if FRACTION.fullmatch(lowered):
        value = parse_value(lowered)
        if value is not None and 0 < value <= 1:
            return Figure("ratio", round(value, 4))
    return None


def _datelike(core: str) -> bool:
    """Whether the words make it a date, period or duration though the model did not say so."""
    lowered = core.casefold()
    last = re.findall(r"[a-z]+", lowered)[-1:] or [""]
    return (
        last[0] in DURATION_UNITS
        or last[0] in MONTHS
        or bool(re.fullmatch(r"(?:the\s)?(?:mid-)?(?:1[5-9]|20)\d0['\u2019]?s", lowered))
        or bool(YEAR_SPAN.fullmatch(lowered))  # "2014 to 2019": a period, not a range of counts
        or bool(UNIT_OR_MORE.fullmatch(lowered))  # "a month or two"
    )


def _amount(core: str, label: str, *, vague: bool = False) -> Figure | None:
    """A count, or a quantity when a unit is written; `vague` when the words around the figure
    leave it open ("several hundred")."""
    if vague or is_vague(core):
        return Figure("count", None, vague=True)
    symbol = unit(core) if label == "QUANTITY" or not re.fullmatch(rf"{FIGURE}{SCALE_SUFFIX}", core, re.IGNORECASE) else ""
    if symbol:
        bounds = _bounds(_unit_words_removed(core, "units"), abbreviations=False)
        return Figure("quantity", bounds[0], symbol, bounds[1]) if bounds else None
    bounds = _bounds(core)
    if bounds is None:
        return None
    return Figure("count", bounds[0], "", bounds[1])


def _unit_words_removed(text: str, table: str) -> str:
    """The figure of an amount without the currency or unit words after it ("364m euros" ->
    "364m"), or after each end of a range ("230 miles to more than 300 miles" -> "230 to 300")."""
    match = _word_tail(table).search(text)
    if match and re.search(r"\d|[a-z]", text[: match.start()], re.IGNORECASE):
        text = text[: match.start()] + text[match.end() :]
        if (high := RANGE_HIGH.search(text)) and (again := _word_tail(table).search(text, high.end())):
            text = text[: high.start()] + " to " + high["figure"] + text[again.end() :]
    return text.strip(" -")


RANGE = re.compile(
    r"^(?:between\s+|from\s+)?(?P<low>.+?)\s*(?:(?<=[\dkmnbtl])\s*[-–—]\s*(?=[\d$£€¥₹])|\s+to\s+|\s+and\s+|\s+or\s+)(?P<high>.+)$",
    re.IGNORECASE,
)


def _bounds(text: str, *, abbreviations: bool = True) -> tuple[float, float | None] | None:
    """The value of a figure, or the two ends of a range with the magnitude applied to both:
    "5-6bn" -> (5e9, 6e9); "between 30 and 40" -> (30, 40); "12" -> (12, None)."""
    text = text.strip()
    match = RANGE.match(text)
    if match and " and " in text.casefold() and not text.casefold().startswith(("between", "from")):
        if not (match["low"][:1].isdigit() and match["high"][:1].isdigit()):
            match = None  # "one hundred and five" is one number; "40 and 55 million" is a range
    if match:
        low, high = (parse_value(part, abbreviations=abbreviations) for part in (match["low"], match["high"]))
        if low is not None and high is not None:
            scale = _scale(match["high"]) if abbreviations and _scale(match["low"]) == 1 else 1
            if low * scale >= high:
                scale = 1  # "700,000 and one million": the low end is whole as it stands
            if low >= high:
                return None  # "2-1" is a score, not a range nor a number
            return _round(low * scale), _round(high)
    value = parse_value(text, abbreviations=abbreviations)
    return None if value is None else (value, None)


def _scale(text: str) -> float:
    """The magnitude written in a figure: "6bn" -> 1e9, "40 million" -> 1e6, "12" -> 1."""
    lowered = text.casefold()
    if match := re.search(rf"\d({SCALE_SUFFIX})\b", lowered):
        return SUFFIXES[match[1]]
    for word, factor in SCALES.items():
        if re.search(rf"\b{word}s?\b", lowered):
            return factor
    return 1.0


def _scale_high(bounds: tuple[float, float | None], divisor: int) -> float | None:
    return None if bounds[1] is None else _round(bounds[1] / divisor)


def _round(value: float, digits: int = 12) -> float:
    """Without float noise (0.1 * 3). Ratios are rounded to four decimals instead ("one in 13" is
    0.0769), as analysts write them."""
    return float(f"{value:.{digits}g}")


def _before(text: str, start: int) -> str:
    words = re.findall(r"[a-z]+", text[max(0, start - 12) : start].casefold())
    return words[-1] if words else ""
