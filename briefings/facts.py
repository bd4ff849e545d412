"""The article's facts as an analyst types and reads them: labels, text, and parsing it back.

Shared by the facts editor of the review screen and `brief edit`, so that both take the same
dates and refuse the same mistakes.
"""

from __future__ import annotations

import datetime as dt
import re

from briefings.cleaning import clean_text
from briefings.model import ArticleFacts
from briefings.readers.dates import DATE, date_from_match

#: How the facts of an article are called in messages and options, by field of `ArticleFacts`.
FACT_LABELS = {"title": "title", "source": "source", "byline": "author", "date": "date", "url": "address"}

_WHOLE_DATE = re.compile(rf"\s*{DATE}\s*")


def fact_text(facts: ArticleFacts, name: str) -> str:
    """One fact as text ("" when it is not known); a date as YYYY-MM-DD."""
    value = getattr(facts, name)
    if value is None:
        return ""
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def read_date(text: str) -> dt.date | None:
    """A publication date as the analyst types it: "2015-03-25", "25 March 2015", "March 25,
    2015"; None for an empty field; ValueError saying what is wrong otherwise."""
    if not text.strip():
        return None
    match = _WHOLE_DATE.fullmatch(text)
    date = date_from_match(match) if match else None
    if date is None:
        raise ValueError(f"{text.strip()!r} is not a date; write it as 2015-03-25 or 25 March 2015.")
    return date


def facts_from_text(values: dict[str, str]) -> ArticleFacts:
    """Facts from typed text by field name (empty text: not known); ValueError saying what is wrong."""

    def line(name: str) -> str | None:
        return " ".join(clean_text(values.get(name, "")).split()) or None

    title = line("title")
    if title is None:
        raise ValueError("An article needs a title.")
    return ArticleFacts(title, line("source"), read_date(values.get("date", "")), line("byline"), line("url"))
