"""Resolving date expressions against the article's own date.

"March 2" in an article of 25 March 2015 is 2015-03-02: a day and month without a year take the
year that puts them nearest the article's date. Relative days ("yesterday", "on Friday", "two days
ago") are resolved too. What the text leaves open ("last year", "recent days", "the summer") is
marked vague and never guessed. Spans of time ("13 weeks", "30 seconds") are durations, shown as
quantities, not dates. Common forms are read here; dateparser reads the rest.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from briefings.extraction.numbers import parse_value

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
}  # fmt: skip
DURATION_UNITS = {
    "second": "s", "seconds": "s", "minute": "min", "minutes": "min", "hour": "h", "hours": "h",
    "day": "days", "days": "days", "week": "weeks", "weeks": "weeks", "fortnight": "weeks",
    "month": "months", "months": "months", "year": "years", "years": "years", "decade": "decades",
    "decades": "decades", "century": "centuries", "centuries": "centuries",
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

MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
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
MONTH_DAY = re.compile(rf"\b({MONTH_NAMES})\.?,?\s+(?:the\s+)?{ORDINAL}\b(?!\s*(?:bn|m|%|,\d))(?:\s*,?\s*(?:of\s+)?{YEAR})?")
MONTH_YEAR = re.compile(rf"\b({MONTH_NAMES})\.?,?\s+(?:of\s+)?{YEAR}\b")
YEAR_RANGE = re.compile(r"\b(1[5-9]\d\d|20\d\d)\s*(?:-|–|to|and|until)\s*(1[5-9]\d\d|20\d\d)\b")
YEAR_ONLY = re.compile(r"(?<![\d.,])(1[5-9]\d\d|20\d\d)(?![\d.,%])(?!s\b)")
DECADE = re.compile(r"\b(1[5-9]\d0|20\d0)s\b|'\d0s\b")
MONTH_ONLY = re.compile(rf"\b({MONTH_NAMES})\b")
WEEKDAY = re.compile(r"\b(" + "|".join(WEEKDAYS) + r")\b")
DAYS_AGO = re.compile(r"\b(\S+(?:\s+\S+)?)\s+days?\s+ago\b")
WORD = re.compile(r"[a-z]+")


@dataclass(frozen=True, slots=True)
class DateReading:
    """How a time expression reads.

    Attributes:
        kind: "date" or "duration"; "" when the expression is neither (e.g. "annual").
        value: ISO date ("2015-03-02"), month ("2015-03"), year ("2003") or interval
            ("2005/2008") for dates; the number of units for durations; None when vague.
        unit: The unit of a duration ("weeks").
        vague: True when the text leaves the date open.
    """

    kind: str
    value: str | float | None = None
    unit: str = ""
    vague: bool = False


def resolve(text: str, reference: dt.date | None, *, future: bool = False) -> DateReading:
    """Read a date or time expression; `reference` is the article's date, `future` the tense hint."""
    lowered = " ".join(text.casefold().replace("\u2019", "'").split())
    fixed = _fixed_date(lowered, reference)
    if fixed is not None:
        return DateReading("date", fixed)
    relative = _relative_day(lowered, reference, future)
    if relative is not None:
        return relative
    duration = _duration(lowered)
    if duration is not None:
        return duration
    words = set(WORD.findall(lowered))
    if words <= {"a", "an", "on", "over", "per", "each", "every", "the", "annual", "annually", "daily", "weekly", "monthly"} | set(
        DURATION_UNITS
    ):
        return DateReading("")  # a rate or a bare unit ("a year", "annual"), not a date
    if words & VAGUE_CUES or DECADE.search(lowered) or MONTH_ONLY.search(lowered) or WEEKDAY.search(lowered):
        return DateReading("date", None, vague=True)
    parsed = _dateparser(text) if re.search(r"\d", lowered) else None
    if parsed is not None:
        return DateReading("date", parsed)
    return DateReading("")


def _fixed_date(lowered: str, reference: dt.date | None) -> str | None:  # noqa: C901 - a list of forms
    if match := ISO.search(lowered):
        return _iso(int(match[1]), int(match[2]), int(match[3]))
    if match := NUMERIC.search(lowered):
        first, second, year = int(match[1]), int(match[2]), int(match[3])
        year += 2000 if year < 100 and year < 50 else 1900 if year < 100 else 0
        month, day = (second, first) if first > 12 else (first, second)
        return _iso(year, month, day)
    if match := DAY_MONTH.search(lowered):
        return _day_month(_day(match[1]), MONTHS[match[2]], match[3], reference)
    if match := MONTH_DAY.search(lowered):
        return _day_month(_day(match[2]), MONTHS[match[1]], match[3], reference)
    if match := MONTH_YEAR.search(lowered):
        return f"{int(match[2]):04d}-{MONTHS[match[1]]:02d}"
    if match := YEAR_RANGE.search(lowered):
        return f"{match[1]}/{match[2]}"
    if DECADE.search(lowered):
        return None
    if match := YEAR_ONLY.search(lowered):
        return match[1]
    if reference and (match := MONTH_ONLY.search(lowered)):
        if match[1] == "may" and not re.search(r"\b(?:in|of|since|until|by|early|late|mid|last|next|this)[\s-]+may\b", lowered):
            return None  # "may" alone is the verb far more often than the month
        return _month(MONTHS[match[1]], set(WORD.findall(lowered)), reference)
    return None


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


def _day_month(day: int, month: int, year: str | None, reference: dt.date | None) -> str | None:
    if year:
        return _iso(int(year), month, day)
    if reference is None:
        return None
    candidates = []
    for offset in (-1, 0, 1):
        try:
            candidates.append(dt.date(reference.year + offset, month, day))
        except ValueError:
            continue
    if not candidates:
        return None
    return min(candidates, key=lambda date: abs((date - reference).days)).isoformat()


def _month(month: int, words: set[str], reference: dt.date) -> str:
    """A month named without a year: last, next or this one, or else the nearest to the reference."""
    if "last" in words:
        year = reference.year if month < reference.month else reference.year - 1
    elif "next" in words:
        year = reference.year if month > reference.month else reference.year + 1
    elif "this" in words:
        year = reference.year
    else:
        year = min(
            (reference.year - 1, reference.year, reference.year + 1),
            key=lambda y: abs((y - reference.year) * 12 + month - reference.month),
        )
    return f"{year:04d}-{month:02d}"


def _relative_day(lowered: str, reference: dt.date | None, future: bool) -> DateReading | None:
    words = WORD.findall(lowered)
    offset = None
    if "yesterday" in words or lowered.startswith("last night"):
        offset = -2 if "before" in words else -1
    elif "tomorrow" in words:
        offset = 2 if "after" in words else 1
    elif words and set(words) <= {"today", "tonight", "this", "morning", "afternoon", "evening"} and (
        "today" in words or "tonight" in words
    ):
        offset = 0
    elif match := WEEKDAY.search(lowered):
        if reference is None:
            return DateReading("date", None)
        weekday = WEEKDAYS[match[1]]
        ahead = "next" in words or (future and "last" not in words)
        if ahead:
            days = (weekday - reference.weekday()) % 7 or 7
        else:
            days = -((reference.weekday() - weekday) % 7 or 7)
        return DateReading("date", (reference + dt.timedelta(days=days)).isoformat())
    elif match := DAYS_AGO.search(lowered):
        count = parse_value(match[1])
        if count is not None and reference is not None:
            offset = -int(count)
    if offset is None:
        return None
    if reference is None:
        return DateReading("date", None)
    return DateReading("date", (reference + dt.timedelta(days=offset)).isoformat())


def _duration(lowered: str) -> DateReading | None:
    words = WORD.findall(lowered)
    if not words or words[-1] not in DURATION_UNITS:
        return None
    if set(words) & {"last", "past", "next", "coming", "recent", "ago", "previous", "this", "early", "late"}:
        return None
    amount = parse_value(lowered)
    if amount is None:
        return None
    return DateReading("duration", amount, DURATION_UNITS[words[-1]])


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
