"""Dates in the usual English forms, for article metadata.

Readers need the publication date from a header line, front matter, a dateline or page metadata.
dateparser would do it but costs most of a second to import, so the forms that carry a complete
date are parsed here: "25 March 2015", "Wednesday 25th March 2015", "March 25, 2015",
"Mar. 25 2015", "2015-03-25" (with or without a time), "25/03/2015" when the order is unambiguous,
and the start of RFC 2822 dates ("Wed, 25 Mar 2015 10:00:00 +0000"). A date without a year is not a date here.
"""

from __future__ import annotations

import datetime as dt
import re

#: Month numbers by the first three letters of the name.
_MONTHS = {name: number for number, name in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1
)}

#: A month name, full or abbreviated (with an optional full stop).
MONTH = (
    r"(?:jan(?:uary|\.)?|feb(?:ruary|\.)?|mar(?:ch|\.)?|apr(?:il|\.)?|may|june?|july?"
    r"|aug(?:ust|\.)?|sep(?:t(?:ember|\.)?|\.)?|oct(?:ober|\.)?|nov(?:ember|\.)?|dec(?:ember|\.)?)"
)
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"
_DAY = r"[12]\d|3[01]|0?[1-9]"
_ORDINAL = r"(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d\d"

#: A complete date in one of the supported forms, as a regular expression with named groups
#: (use `date_from_match` on a match). It ignores case by itself, so that patterns built around
#: it can still be case-sensitive.
DATE = (
    rf"(?i:{_WEEKDAY}(?P<d1>{_DAY}){_ORDINAL}\s+(?:of\s+)?(?P<m1>{MONTH}),?\s+(?P<y1>{_YEAR})"
    rf"|{_WEEKDAY}(?P<m2>{MONTH})\s+(?P<d2>{_DAY}){_ORDINAL},?\s+(?P<y2>{_YEAR})"
    rf"|(?P<y3>{_YEAR})-(?P<m3>[01]?\d)-(?P<d3>[0-3]?\d)"
    rf"|(?P<a4>[0-3]?\d)[/.](?P<b4>[0-3]?\d)[/.](?P<y4>{_YEAR}))"
    r"(?!\d)"
)

_DATE_ONLY = re.compile(rf"\s*{DATE}")


def _month(name: str) -> int:
    return _MONTHS[name.lower()[:3]]


def _valid(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def date_from_match(match: re.Match[str]) -> dt.date | None:
    """The date a match of `DATE` stands for, or None when it is impossible or ambiguous.

    A numeric day/month date is read only when the order is clear: one part above 12, or both
    parts equal. "03/04/2015" could be 3 April or March 4 and gives None.
    """
    groups = match.groupdict()
    if groups["y1"]:
        return _valid(int(groups["y1"]), _month(groups["m1"]), int(groups["d1"]))
    if groups["y2"]:
        return _valid(int(groups["y2"]), _month(groups["m2"]), int(groups["d2"]))
    if groups["y3"]:
        return _valid(int(groups["y3"]), int(groups["m3"]), int(groups["d3"]))
    first, second, year = int(groups["a4"]), int(groups["b4"]), int(groups["y4"])
    if first > 12 or first == second:
        return _valid(year, second, first)
    if second > 12:
        return _valid(year, first, second)
    return None


def parse_date(text: str | None) -> dt.date | None:
    """Read a date at the start of `text` ("2015-03-25T10:00:00Z", "25 March 2015, 10:04 GMT").

    Anything after the date (a time, a zone) is ignored. Returns None when `text` does not start
    with a complete, valid, unambiguous date.
    """
    if not text:
        return None
    match = _DATE_ONLY.match(text[:200])
    return date_from_match(match) if match else None
