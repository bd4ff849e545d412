"""Source, date and byline from the opening words of an article, in the usual newswire forms.

Agency copy and pasted articles often carry their metadata in the first words of the body instead
of in a header: "The Telegraph UK 25 March 2015 – ...", "LONDON (Reuters) - ...",
"WASHINGTON, March 3 (AP) — ...", "By Jane Doe, The Guardian, 3 March 2015". The readers never
remove those words (the article is not altered); they only use them to fill `source`, `date` and
`byline`. Only the start of a paragraph is examined, so the cost does not grow with its length.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from briefings.readers.dates import DATE, date_from_match

# How many characters at the start of a paragraph a dateline can occupy.
_HEAD_CHARS = 300
# A paragraph this short can be a dateline or byline on its own, with more of it opening the
# next paragraph ("By Jane Doe" then "LONDON (Reuters) - ...").
_STANDALONE_CHARS = 200

_DASH = r"\s*(?:--?|[\u2013\u2014\u2015|:])\s+"
# A publication's name as it opens a dateline: up to six words, each capitalised, a number,
# an ampersand or a short lowercase joining word ("The Times of India", "Daily Mail & General").
_NAME_WORD = r"(?:[A-Z][\w.'\u2019&-]*|\d[\w.]*|&|of|the|and|de|on)"
_SOURCE = rf"(?P<source>[A-Z][\w.'\u2019&-]*(?:\s+{_NAME_WORD}){{0,5}})"
# A place in a dateline: capitalised words, usually in capitals ("NEW YORK", "St. Louis").
_PLACE = r"(?:[A-Z][\w.'\u2019-]*(?:[ -][A-Z][\w.'\u2019-]*){0,3})"
# A person's name in a byline: two to four capitalised words or name particles ("Jan van Dijk");
# a byline is one or more of them joined by commas, "and" or "&".
_PERSON = r"[A-Z][\w.'\u2019-]+(?:\s+(?:[A-Z][\w.'\u2019-]*|van|von|de|da|di|del|la|le|bin|al-\w+)){1,3}"
_BYLINE = rf"(?P<byline>{_PERSON}(?:\s*(?:,|and|&)\s*{_PERSON})*?)"

_FORMS = tuple(
    re.compile(pattern)
    for pattern in (
        # "LONDON (Reuters) - ", "WASHINGTON, March 3 (AP) — ", "Washington (CNN) -- "
        rf"{_PLACE},?(?:\s+(?:[A-Z][a-z]+\.?\s+\d{{1,2}})|\s*{DATE})?\s*"
        rf"\((?P<agency>[A-Z][\w.'\u2019&-]*(?:\s+[A-Z][\w.'\u2019&-]*){{0,3}})\){_DASH}",
        # "The Telegraph UK 25 March 2015 – ", "25 March 2015 - "
        rf"(?:{_SOURCE},?\s+)?{DATE}{_DASH}",
        # "By Jane Doe, The Guardian, 3 March 2015", "By Jane Doe | Reuters", "By Jane Doe"
        # (a byline without a date ends there or before a capitalised word: not "By Jane Doe the")
        rf"By:?\s+{_BYLINE}(?:\s*[,|\u2013\u2014-]\s*{_SOURCE})?"
        rf"(?:\s*[,|\u2013\u2014-]?\s*{DATE}|(?=\s*(?:$|[,.|\u2013\u2014-]|\s[A-Z(])))",
    )
)
# Words that open a date line but name no publication.
_NOT_A_NAME = re.compile(
    r"(?:(?:last\s+)?(?:updated|published|posted|modified|created)(?:\s+on)?|on|dated?"
    r"|(?:mon|tues|wednes|thurs|fri|satur|sun)day)",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Dateline:
    """What the opening words of an article say about it; None where they say nothing."""

    source: str | None = None
    date: dt.date | None = None
    byline: str | None = None


def find_dateline(paragraph: str) -> Dateline | None:
    """The dateline at the start of `paragraph`, or None when it does not open with one.

    Case matters ("LONDON (Reuters)" is a dateline, "london (reuters)" is prose). A date without
    a year ("March 3") gives no date: the reader cannot know which year is meant.
    """
    head = paragraph[:_HEAD_CHARS]
    for form in _FORMS:
        match = form.match(head)
        if match:
            groups = match.groupdict()
            date = date_from_match(match) if _has_date(groups) else None
            source = groups.get("agency") or groups.get("source")
            source = source if _is_name(source) else None
            byline = groups.get("byline")
            if source or date or byline:
                return Dateline(_tidy(source), date, _tidy(byline))
    return None


def _is_name(source: str | None) -> bool:
    """False for words that open a date line but name no one: "Friday", "Updated", "Posted on"."""
    return bool(source) and not _NOT_A_NAME.fullmatch(source)


def _has_date(groups: dict[str, str | None]) -> bool:
    return any(groups.get(key) for key in ("y1", "y2", "y3", "y4"))


def _tidy(value: str | None) -> str | None:
    return value.strip(" ,;:|-\u2013\u2014") or None if value else None


def opening_dateline(paragraphs: list[str]) -> Dateline:
    """What the dateline opening an article's body says: in its first paragraph, or in the first
    two when the first is short enough to be a byline or dateline on its own line."""
    found = Dateline()
    if not paragraphs:
        return found
    count = 2 if len(paragraphs[0]) <= _STANDALONE_CHARS else 1
    for paragraph in paragraphs[:count]:
        dateline = find_dateline(paragraph)
        if dateline:
            found = Dateline(
                found.source or dateline.source,
                found.date or dateline.date,
                found.byline or dateline.byline,
            )
    return found
