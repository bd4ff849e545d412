"""Times of day as news writes them: "2230GMT", "0530 GMT", "9.30am ET", "5.30pm", "10:45", "noon".

A time is "HH:MM" on the 24-hour clock, with its zone when the text gives one (the zones are in
`briefings/data/units.toml`). Four digits are a time only with a zone or "hours" after them
("2005 GMT" is five past eight in the evening, not the year 2005); a figure with a point is a
time only with am/pm or a zone, since "9.30" alone is a decimal.
"""

from __future__ import annotations

import re
from functools import cache

from briefings.extraction.numbers import units_table

MERIDIEM = r"(?P<meridiem>[ap]\.\s?m\.|[ap]\s?m\b)"


@cache
def zones() -> dict[str, str]:
    """Time-zone abbreviations as written (case-sensitive) to the form shown."""
    return dict(units_table()["time_zones"])


@cache
def _patterns() -> tuple[re.Pattern[str], ...]:
    zone = "(?P<zone>" + "|".join(sorted(map(re.escape, zones()), key=len, reverse=True)) + r")\b"
    return (
        # "2230GMT", "0530 GMT", "1400 hours", "0900hrs": a four-digit clock needs a zone or "hours".
        re.compile(rf"(?P<hour>[01]\d|2[0-3])(?P<minute>[0-5]\d)\s?(?:{zone}|(?:hours|hrs)\b)"),
        # "9.30am", "5pm", "11 a.m. ET", "9:15 pm".
        re.compile(rf"(?P<hour>1[0-2]|0?\d)(?:[:.](?P<minute>[0-5]\d))?\s?{MERIDIEM}(?:\s?{zone})?", re.IGNORECASE),
        # "10:45", "10:45 GMT", "10.45 GMT" (a point only with a zone).
        re.compile(rf"(?P<hour>[01]?\d|2[0-3]):(?P<minute>[0-5]\d)(?:\s?{zone})?"),
        re.compile(rf"(?P<hour>[01]?\d|2[0-3])\.(?P<minute>[0-5]\d)\s?{zone}"),
        re.compile(r"(?P<word>noon|midday|midnight)\b", re.IGNORECASE),
        re.compile(rf"(?P<hour>1[0-2]|0?\d)\s?o['\u2019]clock(?:\s?{zone})?", re.IGNORECASE),
    )


def read_time(text: str) -> tuple[str, str, int, int] | None:
    """The first time of day in `text`: ("22:30", "GMT", start, end), or None.

    The offsets are those of the time itself within `text`, so that a caller can widen a
    mention to take in a zone or an "am" the language model left out.
    """
    for pattern in _patterns():
        match = pattern.search(text)
        if match is None or not _bounded(text, match.start(), match.end()):
            continue
        groups = match.groupdict()
        if groups.get("word"):
            hour, minute = (0, 0) if groups["word"].casefold() == "midnight" else (12, 0)
        else:
            hour, minute = int(groups["hour"]), int(groups.get("minute") or 0)
        meridiem = (groups.get("meridiem") or "").casefold()
        if meridiem.startswith("p") and hour < 12:
            hour += 12
        elif meridiem.startswith("a") and hour == 12:
            hour = 0
        zone = zones().get(groups.get("zone") or "", "")
        return f"{hour:02d}:{minute:02d}", zone, match.start(), match.end()
    return None


def _bounded(text: str, start: int, end: int) -> bool:
    """A time stands alone: no digit or letter runs into it ("A1230" or "12305GMT" are not times)."""
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    return not (before.isalnum() or before in ".,") and not (after.isdigit() or after.isalpha() and text[end - 1].isalpha())
