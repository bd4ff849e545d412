"""Spans of time: periods on the calendar ("the 1960s", "20th century", "2005-08", "March-May 2020")
and durations ("four months", "almost three years", "a decade", "three to four weeks").

A period is an ISO 8601 interval of its first and last year or month ("1960/1969"), so that both
bounds are known and it sorts on a timeline by its start. A duration is a count of one time unit,
named in the singular; decades, centuries and fortnights are counted in years and weeks.
"""

from __future__ import annotations

import re

from briefings.extraction.numbers import ONES, TENS, parse_value

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
#: Time units to the unit a duration is counted in, and how many of it one makes.
DURATION_UNITS = {
    "millisecond": ("millisecond", 1), "milliseconds": ("millisecond", 1),
    "second": ("second", 1), "seconds": ("second", 1), "minute": ("minute", 1), "minutes": ("minute", 1),
    "hour": ("hour", 1), "hours": ("hour", 1), "day": ("day", 1), "days": ("day", 1),
    "week": ("week", 1), "weeks": ("week", 1), "fortnight": ("week", 2), "fortnights": ("week", 2),
    "month": ("month", 1), "months": ("month", 1), "year": ("year", 1), "years": ("year", 1),
    "decade": ("year", 10), "decades": ("year", 10), "century": ("year", 100), "centuries": ("year", 100),
}  # fmt: skip
#: Numbers written as words, which make "their last seven" a count when no word of time is with them.
NUMBER_WORDS = {*ONES, *TENS, "hundred", "dozen"}
#: Words that make an expression one of time.
TIME_WORDS = {
    *DURATION_UNITS, "today", "tonight", "tomorrow", "yesterday", "weekend", "night", "nights", "morning", "afternoon", "evening",
    "summer", "winter", "spring", "autumn", "fall", "season", "seasons", "quarter", "quarters", "half", "now", "era", "term",
    "period", "future", "time", "times", "dawn", "noon", "midnight", "ago", "century", "centuries",
}  # fmt: skip
#: Words that tie a span of time to now, making it a (relative) date rather than a length.
RELATIVE = {"recent", "ago", "this", "early", "late", "within", "per"}
#: Single units that name a rate far more often than a length ("£5bn a year"), unless counted.
RATE_UNITS = {"second", "minute", "hour", "day", "week", "month", "year"}
CENTURY_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
    "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
    "twentieth": 20, "twenty-first": 21, "twenty first": 21,
}  # fmt: skip
YEAR = r"(1[5-9]\d\d|20\d\d)"
DECADE = re.compile(r"\b(1[5-9]\d0|20\d0)['\u2019]?s\b")
SHORT_DECADE = re.compile(r"(?:^|\s)['\u2019]?([0-9])0s\b")
CENTURY = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)[\s-]+century\b|\b(" + "|".join(CENTURY_WORDS) + r")[\s-]+century\b")
YEAR_SPAN = re.compile(rf"\b{YEAR}\s*(?:-|–|—|/|to|and|until|through)\s*{YEAR}\b")
SHORT_YEAR_SPAN = re.compile(rf"\b{YEAR}\s*[-–/]\s*(\d\d)\b(?![\d/-])")
MONTH_SPAN = re.compile(rf"\b({MONTH_NAMES})\.?\s*(?:-|–|to|and|until|through)\s*({MONTH_NAMES})\.?,?\s+{YEAR}\b")
MONTH_YEAR_SPAN = re.compile(rf"\b({MONTH_NAMES})\.?,?\s+{YEAR}\s*(?:-|–|to|and|until|through)\s*({MONTH_NAMES})\.?,?\s+{YEAR}\b")
QUARTER = re.compile(rf"\b(first|second|third|fourth|last|final|1st|2nd|3rd|4th)\s+(quarter|half)\s+of\s+{YEAR}\b|\bq([1-4])\s+{YEAR}\b")
WORD = re.compile(r"[a-z]+")


def period(lowered: str) -> str | None:
    """The ISO interval a period names ("the 1960s" -> "1960/1969"), or None when it names none.

    `lowered` is the expression in lower case with single spaces.
    """
    if match := CENTURY.search(lowered):
        number = int(match[1]) if match[1] else CENTURY_WORDS[match[2]]
        first = (number - 1) * 100
        return f"{first}/{first + 99}"
    if match := QUARTER.search(lowered):
        return _part_of_year(match)
    if match := MONTH_YEAR_SPAN.search(lowered):  # "between september 2005 and march 2006"
        first, last = f"{match[2]}-{MONTHS[match[1]]:02d}", f"{match[4]}-{MONTHS[match[3]]:02d}"
        if first < last:
            return f"{first}/{last}"
    if match := MONTH_SPAN.search(lowered):
        first, last = MONTHS[match[1]], MONTHS[match[2]]
        if first < last:
            return f"{match[3]}-{first:02d}/{match[3]}-{last:02d}"
    if match := YEAR_SPAN.search(lowered):
        if int(match[1]) < int(match[2]):
            return f"{match[1]}/{match[2]}"
    if match := SHORT_YEAR_SPAN.search(lowered):
        century, first = match[1][:2], int(match[1][2:])
        if first < int(match[2]):
            return f"{match[1]}/{century}{match[2]}"
    if match := DECADE.search(lowered):
        first = int(match[1])
        if first % 100 == 0 and first != 2000:
            return f"{first}/{first + 99}"  # "the 1800s": the century; "the 2000s" is read as the decade
        return f"{first}/{first + 9}"
    if match := SHORT_DECADE.search(lowered):
        decade = int(match[1]) * 10
        first = 2000 + decade if decade <= 20 else 1900 + decade
        return f"{first}/{first + 9}"
    return None


def _part_of_year(match: re.Match[str]) -> str:
    """ "the last quarter of 2004" -> "2004-10/2004-12"; "first half of 2019" -> "2019-01/2019-06"."""
    if match[4]:
        number, part, year = int(match[4]), "quarter", match[5]
    else:
        word, part, year = match[1], match[2], match[3]
        number = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3}.get(word, 4 if part == "quarter" else 2)
    months = 3 if part == "quarter" else 6
    first = (number - 1) * months + 1
    return f"{year}-{first:02d}/{year}-{first + months - 1:02d}"


def duration(lowered: str, before: str = "", *, length: bool = False) -> tuple[float, float | None, str] | None:
    """A length of time: (count, upper count of a range or None, singular unit), or None.

    "almost three years" -> (3, None, "year"); "three to four weeks" -> (3, 4, "week");
    "a decade" -> (10, None, "year"); "five-year" (as in "a five-year plan") -> (5, None, "year").
    A bare "a year" is a rate ("£5bn a year") unless `before`, the word before it, makes it a
    length ("for a year", "in a year"), or `length` says the parse does ("comes a week after").
    A length counted from an event ("seven months later") and a count of one ("every 18 months",
    "those four years") are lengths too.
    """
    lowered = re.sub(r"\s(?:later|earlier|after|on)$", "", lowered)  # "seven months later": a length from an event
    if match := UNIT_OR_MORE.fullmatch(lowered):  # "a year or two"
        more = _count(match[2])
        return None if more is None or more <= 1 else (DURATION_UNITS[match[1]][1], more * DURATION_UNITS[match[1]][1], DURATION_UNITS[match[1]][0])
    if match := AND_A_HALF.fullmatch(lowered):  # "a year and a half"
        whole = duration(match[1], before)
        return None if whole is None else (whole[0] + 0.5 * DURATION_UNITS[match[2]][1], None, whole[2])
    if match := COMPOUND.fullmatch(lowered):  # "5 hours and 9 minutes" is 309 minutes
        larger, smaller = duration(match["larger"]), duration(match["smaller"])
        if larger and smaller and larger[1] is None and smaller[1] is None and smaller[2] in SMALLER_UNITS.get(larger[2], {}):
            return larger[0] * SMALLER_UNITS[larger[2]][smaller[2]] + smaller[0], None, smaller[2]
        return None
    if match := ONE_WORD_LENGTH.fullmatch(lowered):  # "hourlong", "year-long"
        return float(DURATION_UNITS[match[1]][1]), None, DURATION_UNITS[match[1]][0]
    lowered = re.sub(r"[-\s]long$", "", lowered)  # "a three-year-long inquiry"
    words = WORD.findall(lowered)
    if not words or words[-1] not in DURATION_UNITS or set(words) & RELATIVE:
        return None
    unit, size = DURATION_UNITS[words[-1]]
    figures = lowered[: lowered.rfind(words[-1])].strip(" -")
    approximate = APPROXIMATE.match(figures) is not None  # "more than a year" is a length, not a rate
    figures = LEAD.sub("", APPROXIMATE.sub("", figures)).strip()
    low_text, high_text = _range_parts(figures)
    low = _count(low_text)
    if low is None:
        if low_text in ("a", "an", "one") or not low_text and words[-1] in ("decade", "decades", "century", "fortnight"):
            if words[-1] in RATE_UNITS and not approximate and not length and _rate(before):
                return None
            low = 1.0
        else:
            return None
    high = _count(high_text) if high_text else None
    if high_text and high is None:
        return None
    return low * size, (high * size if high is not None else None), unit


#: Two lengths of time written as one ("3 hours and 30 minutes", "two years, six months").
COMPOUND = re.compile(r"(?P<larger>.+?(?:years?|months?|weeks?|days?|hours?|minutes?))(?:,\s*|\s+and\s+|\s+)(?P<smaller>\S.*)")
#: How many of a smaller unit make one of a larger, for compound lengths.
SMALLER_UNITS = {
    "year": {"month": 12}, "week": {"day": 7}, "day": {"hour": 24},
    "hour": {"minute": 60}, "minute": {"second": 60}, "second": {"millisecond": 1000},
}  # fmt: skip

#: "the past two years", "the next decade": lengths of time counted back or forward from now.
LEAD = re.compile(r"^(?:(?:the|those|these|his|her|its|their|our|my|your|every|each)\s+)?(?:(?:past|next|last|previous|coming|following|first|final)(?:\s+|$))?")


def _rate(before: str) -> bool:
    """ "£5bn a year", "50 people a day", "twice a week": "a year" after an amount is a rate."""
    return not before or before[:1].isdigit() or before in ("bn", "m", "k", "million", "billion", "once", "twice", "thrice", "per") or (
        before.endswith("s") and before not in ("was", "is", "has", "as", "this", "its", "his", "hers", "less", "across", "lasts")
    )


ONE_WORD_LENGTH = re.compile(r"(?:an?\s)?(hour|day|week|month|year|decade)-?long")
UNIT_OR_MORE = re.compile(r"(?:an?|one)\s(second|minute|hour|day|week|month|year|decade)\s(?:or|to)\s(\w+)")
AND_A_HALF = re.compile(r"(.+?(second|minute|hour|day|week|month|year|decade|century))s?\s+and\s+a\s+half")


AND_A_HALF_FIGURE = re.compile(r"[\s-]and[\s-]an?[\s-](?:half|quarter)$")


def _range_parts(text: str) -> tuple[str, str]:
    """ "three to four" -> ("three", "four"); "10-12" -> ("10", "12"); "1-1/2" is one number."""
    if AND_A_HALF_FIGURE.search(text):
        return text, ""  # "five-and-a-half": one number
    match = re.fullmatch(r"(?:between\s+)?(.+?)\s*(?:\bto\b|\band\b|\bor\b|(?<=\d)\s*[-–]\s*(?=\d)(?!\d+/))\s*(.+)", text)
    if match and _count(match[1]) is not None and _count(match[2]) is not None:
        return match[1], match[2]
    return text, ""


def _count(text: str) -> float | None:
    text = APPROXIMATE.sub("", text.strip()).strip()
    if not text or not re.search(r"\d|[a-z]", text):
        return None
    if re.fullmatch(r"\d+-\d+/\d+", text):  # "1-1/2"
        text = text.replace("-", " ")
    return parse_value(text, abbreviations=False)


APPROXIMATE = re.compile(
    r"^(?:(?:just|about|around|some|nearly|almost|roughly|approximately|over|under|more than|less than|"
    r"fewer than|up to|at least|at most|as many as|as much as|an estimated|only|a further|another|the|"
    r"a total of|close to|upwards of|in excess of|well over|the first|the final|the last|for|barely|"
    r"first|final|a full|full|a mere|a good|the best part of|the better part of|a little over|little more than|"
    r"a matter of|several|a few|a couple of)\s+)+",
    re.IGNORECASE,
)
