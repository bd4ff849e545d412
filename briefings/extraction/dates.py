"""Resolving date expressions against the article's own date.

"March 2" in an article of 25 March 2015 is 2015-03-02: a day and month without a year take the
year that puts them nearest the article's date, and are marked inferred; without an article date
they stay "--03-02" (ISO month and day), inferred too. Relative dates ("yesterday", "on Friday",
"last year", "next month", "two days ago") are resolved when the article has a date, and vague
without one. What the text leaves open ("last week", "recent days", "the summer", "earlier this
year") is marked vague and never guessed. Periods ("the 1960s") and durations ("13 weeks") are read
by `periods`. Common forms are read here; dateparser reads the rest.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from briefings.extraction.numbers import parse_value
from briefings.extraction.periods import DURATION_UNITS, MONTH_NAMES, MONTH_YEAR_SPAN, MONTHS, NUMBER_WORDS, TIME_WORDS, duration, period

WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
}  # fmt: skip
#: Words that make a time expression vague when nothing fixes it to a day, month or year.
VAGUE_CUES = {
    "last", "past", "recent", "recently", "previous", "next", "coming", "this", "earlier", "later",
    "early", "late", "mid", "end", "beginning", "start", "first", "second", "third", "final",
    "summer", "winter", "spring", "autumn", "fall", "season", "quarter", "half", "weekend",
    "decade", "decades", "years", "months", "weeks", "days", "now", "currently", "soon", "ago",
    "future", "period", "term", "era", "century", "week", "month", "year", "night", "morning",
    "afternoon", "evening", "lately", "nowadays", "once", "former", "previously", "same",
}  # fmt: skip

DAY_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "thirtieth": 30,
}  # fmt: skip
DAY_WORD = r"(?:twenty|thirty)[\s-](?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)|" + "|".join(DAY_WORDS)
ORDINAL = rf"(\d{{1,2}}(?:st|nd|rd|th)?|{DAY_WORD})"
YEAR = r"(\d{4})"
ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
NUMERIC = re.compile(r"\b(\d{1,2})[/.](\d{1,2})[/.](\d{2}|\d{4})\b")
DAY_MONTH = re.compile(rf"\b{ORDINAL}(?:\s+of)?\s+({MONTH_NAMES})\.?(?:\s*,?\s*(?:of\s+|in\s+)?{YEAR})?\b")
DAY_RANGE = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s*(?:-|–|to|until)\s*{ORDINAL}\s+({MONTH_NAMES})\.?(?:\s*,?\s*{YEAR})?\b")
#: A span from a year to now: "from 2008 to the present".
TO_PRESENT = re.compile(r"\b(1[5-9]\d\d|20\d\d)\s*(?:-|–|to|until|through)\s*(?:the\s+)?(?:present|now|today)\b")
MONTH_DAY = re.compile(rf"\b({MONTH_NAMES})\.?,?\s+(?:the\s+)?{ORDINAL}\b(?!\s*(?:bn|m|%|,\d))(?:\s*,?\s*(?:of\s+)?{YEAR})?")
MONTH_YEAR = re.compile(rf"\b({MONTH_NAMES})\.?,?\s+(?:of\s+)?{YEAR}\b")
YEAR_ONLY = re.compile(r"(?<![\d.,])(1[5-9]\d\d|20\d\d)(?![\d.,%])(?!s\b)")
MONTH_ONLY = re.compile(rf"\b({MONTH_NAMES})\b")
WEEKDAY = re.compile(r"\b(" + "|".join(WEEKDAYS) + r")\b")
AGO = re.compile(r"\b(\S+(?:\s+\S+)?)\s+(day|week|month|year)s?\s+ago\b")
NEIGHBOUR = re.compile(r"\b(last|next|this|past|coming|previous)\s+(year|month|week)\b")
WORD = re.compile(r"[a-z]+")
#: A time ago given only as a bound on its length: "more than 30 years ago", "nearly a decade ago".
BOUNDED_AGO = re.compile(r"((?:more than|over|well over|at least|almost|nearly)\s.+?)\s+ago")
#: A month named from another: "last November", "next May".
NEIGHBOUR_MONTH = re.compile(rf"\b(?:last|next|previous|coming)\s+(?:{MONTH_NAMES})\b")
#: Words that place a day within a month named from the article's ("late last month").
PART_WORDS = {"early", "earlier", "late", "later", "mid"}


@dataclass(frozen=True, slots=True)
class DateReading:
    """How a time expression reads.

    Attributes:
        kind: "date", "period" or "duration"; "" when the expression is none of them ("annual").
        value: ISO date ("2015-03-02"), month ("2015-03"), year ("2003") or month and day
            ("--03-02") for dates; an ISO interval ("2005/2008") for periods; the number of
            units for durations (the lower bound of a range); None when vague.
        unit: The singular unit of a duration ("week").
        vague: True when the text leaves the date open.
        inferred: True for a month or a day and month named without a year, whose year was taken
            from the article's date (or is missing, "--10-19"). Relative dates ("yesterday",
            "last year") are computed from the article's date by definition and are not flagged.
        high: The upper bound of a duration range ("three to four weeks") or of a span of days
            ("14 to 17 February": the ISO date of the 17th).
    """

    kind: str
    value: str | float | None = None
    unit: str = ""
    vague: bool = False
    inferred: bool = False
    high: float | str | None = None


VAGUE = DateReading("date", None, vague=True)


def resolve(
    text: str, reference: dt.date | None, *, future: bool = False, past: bool = False, present: bool = False, before: str = "", length: bool = False
) -> DateReading:
    """Read a date or time expression.

    Args:
        text: The expression ("March 2", "the 1960s", "four months", "last year").
        reference: The article's date, or None when it has none.
        future: The tense hint: the verb the expression belongs to is in the future.
        past: The verb is in the past: a month or day named without a year is not after the
            article's date ("exports fell in March", in November, is this year's March).
        present: The verb is in the present and the day is said of it: a weekday is the coming
            one ("the board meets on Tuesday", "Saturday is the anniversary"), as news writes
            of what is coming; months and dates keep their nearest reading.
        before: The word before the expression, lower case ("for" makes "a year" a length).
        length: The parse makes it a length, not a rate ("comes a week after").
    """
    lowered = " ".join(text.casefold().replace("\u2019", "'").split())
    lowered = re.sub(r"\bfy\s?(?=\d{4})", "", lowered)  # "FY2020-22": the years of a fiscal span
    cued = f"{before} {lowered}" if before in MONTH_CUES else lowered  # "in May": the month, not the verb
    if match := TO_PRESENT.search(lowered):
        return DateReading("period", f"{match[1]}/{reference.year}") if reference else VAGUE
    fixed = _fixed_date(cued, reference, "future" if future else "past" if past else "")
    if fixed is not None:
        return fixed
    spanned = period(lowered)
    if spanned is not None:
        return DateReading("period", spanned)
    if (bound := BOUNDED_AGO.fullmatch(lowered)) and (span := duration(bound[1], before)) is not None:
        # "more than 30 years ago": the date is open, the length is what the text gives
        return DateReading("duration", span[0], span[2], high=span[1])
    relative = _relative(lowered, reference, future or present)
    if relative is not None:
        return relative
    span = duration(lowered, before, length=length)
    if span is not None:
        return DateReading("duration", span[0], span[2], high=span[1])
    words = set(WORD.findall(lowered))
    if words <= {"a", "an", "on", "over", "per", "each", "every", "the", "annual", "annually", "daily", "weekly", "monthly"} | set(
        DURATION_UNITS
    ):
        return DateReading("")  # a rate or a bare unit ("a year", "annual"), not a date
    if words & NUMBER_WORDS and not words & TIME_WORDS and not MONTH_ONLY.search(lowered) and not WEEKDAY.search(lowered):
        return DateReading("")  # "their last seven" (games): a count the model took for a date
    if words & VAGUE_CUES or MONTH_ONLY.search(lowered) or WEEKDAY.search(lowered):
        return VAGUE
    parsed = _dateparser(text) if re.search(r"\d", lowered) else None
    if parsed is not None:
        return DateReading("date", parsed)
    return DateReading("")


def _fixed_date(lowered: str, reference: dt.date | None, tense: str = "") -> DateReading | None:  # noqa: C901 - a list of forms
    """A date the text names by its day, month or year (completed from `reference` if need be)."""
    if match := ISO.search(lowered):
        return _known(_iso(int(match[1]), int(match[2]), int(match[3])))
    if match := NUMERIC.search(lowered):
        first, second, year = int(match[1]), int(match[2]), int(match[3])
        year += 2000 if year < 100 and year < 50 else 1900 if year < 100 else 0
        month, day = (second, first) if first > 12 else (first, second)
        return _known(_iso(year, month, day))
    if match := DAY_RANGE.search(lowered):  # "14 to 17 february": both days
        last = _day_month(_day(match[2]), MONTHS[match[3]], match[4], reference, tense)
        low = _day(match[1])
        if last is not None and last.value and 0 < low < _day(match[2]):
            return dataclasses.replace(last, value=f"{str(last.value)[:-2]}{low:02d}", high=last.value)
    if match := DAY_MONTH.search(lowered):
        return _day_month(_day(match[1]), MONTHS[match[2]], match[3], reference, tense)
    if match := MONTH_DAY.search(lowered):
        return _day_month(_day(match[2]), MONTHS[match[1]], match[3], reference, tense)
    if (match := MONTH_YEAR.search(lowered)) and not MONTH_SPAN_CUE.search(lowered) and not MONTH_YEAR_SPAN.search(lowered):
        return DateReading("date", f"{int(match[2]):04d}-{MONTHS[match[1]]:02d}")
    if match := HOLIDAY.search(lowered):
        return _holiday(match[1], match[2], reference, tense)
    if period(lowered) is not None:
        return None
    if match := YEAR_ONLY.search(lowered):
        return DateReading("date", match[1])
    if (match := MONTH_ONLY.search(lowered)) and (neighbour := NEIGHBOUR.search(lowered)) and neighbour[2] == "year":
        # "March last year": the month of the year before the article's
        if reference is None or neighbour[1] not in ("last", "next", "this"):
            return VAGUE
        year = reference.year + {"last": -1, "next": 1, "this": 0}[neighbour[1]]
        return DateReading("date", f"{year:04d}-{MONTHS[match[1]]:02d}")
    if match := MONTH_ONLY.search(lowered):
        if match[1] == "may" and not re.search(rf"\b(?:{'|'.join(MONTH_CUES)})[\s-]+may\b", lowered):
            return None  # "may" alone is the verb far more often than the month
        if reference is None:  # "last November" without the article's date is open; "November" is that month
            return VAGUE if NEIGHBOUR_MONTH.search(lowered) else DateReading("date", f"--{MONTHS[match[1]]:02d}", inferred=True)
        return DateReading("date", _month(MONTHS[match[1]], set(WORD.findall(lowered)), reference, tense), inferred=True)
    return None


#: Words before a month name that make "may" the month.
MONTH_CUES = ("in", "of", "since", "until", "by", "early", "late", "mid", "last", "next", "this", "from", "during", "before", "after", "through")
MONTH_SPAN_CUE = re.compile(rf"\b(?:{MONTH_NAMES})\.?\s*(?:-|–|to|until|through)\s*(?:{MONTH_NAMES})\b")


#: Holidays on a fixed day of the year.
FIXED_HOLIDAYS = {
    "new year's day": (1, 1), "valentine's day": (2, 14), "st patrick's day": (3, 17), "fourth of july": (7, 4),
    "bastille day": (7, 14), "halloween": (10, 31), "guy fawkes night": (11, 5),
    "bonfire night": (11, 5), "armistice day": (11, 11), "remembrance day": (11, 11), "veterans day": (11, 11),
    "christmas eve": (12, 24), "christmas day": (12, 25), "christmas": (12, 25), "boxing day": (12, 26),
    "new year's eve": (12, 31), "hogmanay": (12, 31),
}  # fmt: skip
#: Holidays counted from Easter Sunday, in days.
EASTER_HOLIDAYS = {"good friday": -2, "easter sunday": 0, "easter": 0, "easter monday": 1}
#: Each holiday by its name as matched, without apostrophes ("new years eve").
HOLIDAY_NAMES = {name.replace("'", ""): name for name in (*FIXED_HOLIDAYS, *EASTER_HOLIDAYS, "thanksgiving")}
HOLIDAY = re.compile(
    r"\b(" + "|".join(sorted([*FIXED_HOLIDAYS, *EASTER_HOLIDAYS, "thanksgiving"], key=len, reverse=True)).replace("'", "['’]?")
    + rf")(?:\s+(?:day\s+)?(?:of\s+|in\s+)?{YEAR})?\b"
)


def _holiday(name: str, year: str | None, reference: dt.date | None, tense: str) -> DateReading:
    """A day named by its holiday ("Christmas 2012", "by Easter"): with its year, or the
    article's year (inferred), or vague when neither is known."""
    name = HOLIDAY_NAMES[re.sub("['\u2019]", "", name)]
    if name in FIXED_HOLIDAYS and not year:
        return _day_month(FIXED_HOLIDAYS[name][1], FIXED_HOLIDAYS[name][0], None, reference, tense) or VAGUE
    if not year and reference is None:
        return VAGUE
    day = _holiday_in(name, int(year) if year else reference.year)  # type: ignore[union-attr]
    return DateReading("date", day.isoformat(), inferred=not year)


def _holiday_in(name: str, year: int) -> dt.date:
    if name in FIXED_HOLIDAYS:
        month, day = FIXED_HOLIDAYS[name]
        return dt.date(year, month, day)
    if name in EASTER_HOLIDAYS:
        from dateutil.easter import easter  # imported here: few articles name a feast

        return easter(year) + dt.timedelta(days=EASTER_HOLIDAYS[name])
    first = dt.date(year, 11, 1)  # Thanksgiving (US): the fourth Thursday of November
    return first + dt.timedelta(days=(3 - first.weekday()) % 7 + 21)


def _known(value: str | None) -> DateReading | None:
    return DateReading("date", value) if value else None


def _day(text: str) -> int:
    """A day of the month as written: "2", "2nd", "second", "twenty-first"."""
    digits = re.match(r"\d+", text)
    if digits:
        return int(digits.group())
    words = re.split(r"[\s-]+", text)
    tens = {"twenty": 20, "thirty": 30}.get(words[0], 0)
    return tens + DAY_WORDS.get(words[-1], 0)


def looks_like_date(text: str) -> bool:
    """True for figures that are written dates ("2/29/2020", "2015-03-25"), not fractions or sums."""
    return bool(ISO.fullmatch(text.strip()) or NUMERIC.fullmatch(text.strip()))


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _day_month(day: int, month: int, year: str | None, reference: dt.date | None, tense: str = "") -> DateReading | None:
    """A day and month, with the year written, or else completed from the article's date (inferred):
    in the article's year unless that is far from its date, then the nearest such day; on the side
    of the article's date the tense says, if it says one."""
    if year:
        return _known(_iso(int(year), month, day))
    if _iso(2000, month, day) is None:  # 2000 is a leap year: only impossible days fail
        return None
    if reference is None:
        return DateReading("date", f"--{month:02d}-{day:02d}", inferred=True)
    candidates = []
    for offset in (-1, 0, 1):
        try:
            candidates.append(dt.date(reference.year + offset, month, day))
        except ValueError:
            continue
    sided = [date for date in candidates if tense != "past" or date <= reference]
    sided = [date for date in sided if tense != "future" or date >= reference] or candidates
    same_year = [date for date in sided if date.year == reference.year and abs((date - reference).days) <= SAME_YEAR_DAYS]
    nearest = min(same_year or sided, key=lambda date: abs((date - reference).days))
    return DateReading("date", nearest.isoformat(), inferred=True)


#: How far from the article's date a day or month named without a year may lie and still be read
#: in the article's own year: news names this year's days ("as of March 20" in November is last
#: March, not next), and crosses into another year only near its turn ("December 20" in January).
SAME_YEAR_DAYS = 275
SAME_YEAR_MONTHS = 9


def _month(month: int, words: set[str], reference: dt.date, tense: str = "") -> str:
    """A month named without a year: last, next or this one; else the latest not after the
    reference for the past tense, the first not before it for the future, else the article's
    year's unless that is far from its date, then the nearest."""
    if "last" in words:
        year = reference.year if month < reference.month else reference.year - 1
    elif "next" in words:
        year = reference.year if month > reference.month else reference.year + 1
    elif "this" in words:
        year = reference.year
    elif tense == "past":
        year = reference.year if month <= reference.month else reference.year - 1
    elif tense == "future":
        year = reference.year if month >= reference.month else reference.year + 1
    elif abs(month - reference.month) <= SAME_YEAR_MONTHS:
        year = reference.year
    else:
        year = min(
            (reference.year - 1, reference.year, reference.year + 1),
            key=lambda y: abs((y - reference.year) * 12 + month - reference.month),
        )
    return f"{year:04d}-{month:02d}"


def _relative(lowered: str, reference: dt.date | None, future: bool) -> DateReading | None:
    """Days, months and years named from the article's date: "yesterday", "on Friday", "last year",
    "two days ago". Vague without an article date; None when the expression is none of these."""
    words = WORD.findall(lowered)
    if (match := NEIGHBOUR.search(lowered)) and match[2] == "month" and match[1] in ("last", "next", "this", "previous") and set(words) & PART_WORDS:
        # "late last month", "earlier this month": the month is fixed, only the day is open
        return DateReading("date", _shift(reference, "month", {"last": -1, "previous": -1, "next": 1, "this": 0}[match[1]])) if reference else VAGUE
    if "earlier" in words or "later" in words or "recent" in words:
        return None  # "earlier this year": no month is fixed
    day = _relative_day(lowered, words, reference, future)
    if day is not None:
        return day
    if match := AGO.search(lowered):
        count = parse_value(match[1]) or (1.0 if match[1].split()[-1] in ("a", "an", "one") else None)
        if count is None or match[2] == "week" or not float(count).is_integer():
            return VAGUE if count is not None else None
        if reference is None:
            return VAGUE
        return DateReading("date", _shift(reference, match[2], -int(count)))
    if words and set(words) & {"early", "late", "mid", "beginning", "start"}:
        return None  # "early this year": no month is fixed
    if match := NEIGHBOUR.search(lowered):
        if match[2] == "week" or match[1] in ("past", "coming") or reference is None:
            return VAGUE
        step = {"last": -1, "previous": -1, "next": 1, "this": 0}[match[1]]
        return DateReading("date", _shift(reference, match[2], step))
    return None


def _relative_day(lowered: str, words: list[str], reference: dt.date | None, future: bool) -> DateReading | None:
    offset = None
    if "yesterday" in words or lowered.startswith("last night"):
        offset = -2 if "before" in words else -1
    elif "tomorrow" in words:
        offset = 2 if "after" in words else 1
    elif words and set(words) <= {"today", "tonight", "this", "morning", "afternoon", "evening"} and (
        "today" in words or "tonight" in words or words[0] == "this"
    ):
        offset = 0
    elif match := WEEKDAY.search(lowered):
        if reference is None:
            return VAGUE
        weekday = WEEKDAYS[match[1]]
        if "next" in words or (future and "last" not in words):
            days = (weekday - reference.weekday()) % 7 or (7 if "next" in words else 0)
        else:
            days = -((reference.weekday() - weekday) % 7 or (7 if "last" in words else 0))
        return DateReading("date", (reference + dt.timedelta(days=days)).isoformat())
    if offset is None:
        return None
    if reference is None:
        return VAGUE
    return DateReading("date", (reference + dt.timedelta(days=offset)).isoformat())


def _shift(reference: dt.date, unit: str, count: int) -> str:
    """The day, month or year `count` units from the reference, as precise as the unit."""
    if unit == "day":
        return (reference + dt.timedelta(days=count)).isoformat()
    if unit == "month":
        months = reference.year * 12 + reference.month - 1 + count
        return f"{months // 12:04d}-{months % 12 + 1:02d}"
    return f"{reference.year + count:04d}"


@cache
def _full_date_parser() -> Any:
    """One dateparser parser for the process: building one costs a quarter of a second."""
    import warnings

    warnings.filterwarnings("ignore", module=r"dateparser(\.|$)")  # the terminal belongs to the app
    from dateparser.date import DateDataParser  # imported here: most articles never need it

    settings = {"REQUIRE_PARTS": ["day", "month", "year"], "PREFER_DATES_FROM": "past", "STRICT_PARSING": True}
    return DateDataParser(languages=["en"], settings=settings)


def _dateparser(text: str) -> str | None:
    """dateparser for the forms not read above; only full dates are accepted, so nothing is guessed
    and the article's date does not matter."""
    parsed = _full_date_parser().get_date_data(text).date_obj
    return parsed.date().isoformat() if parsed else None
