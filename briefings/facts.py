"""The article's facts as the analyst corrects them: the edit, their labels, and typed text.

`SetFacts` is the edit (saved and undone like every other, see `briefings.edits`); the rest is
shared by the facts editor of the review screen and `brief edit`, so that both take the same
dates and refuse the same mistakes.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from functools import cache

from briefings.briefing import Briefing
from briefings.cleaning import clean_text
from briefings.model import FACT_FIELDS, ArticleFacts
from briefings.wording import quoted

#: How the facts of an article are called in messages and options, by field of `ArticleFacts`.
FACT_LABELS = {"title": "title", "source": "source", "byline": "author", "date": "date", "url": "address"}



@cache
def _whole_date() -> re.Pattern[str]:
    """A whole field holding one date (compiled on first use: it is long, and start-up does not need it)."""
    from briefings.readers.dates import DATE

    return re.compile(rf"\s*{DATE}\s*")


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
    from briefings.readers.dates import date_from_match

    match = _whole_date().fullmatch(text)
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


@dataclass(frozen=True, slots=True)
class SetFacts:
    """Correct the article's title, source, author, date or address; `previous` is what they were.

    Only the facts this edit changes are applied, so a correction of another fact made in
    another window meanwhile stays. The content hash does not change (see `Article.as_read`), so
    edits of paragraphs made before and after stay valid.
    """

    facts: ArticleFacts
    previous: ArticleFacts

    @property
    def changed(self) -> tuple[str, ...]:
        """The names of the facts this edit changes, in `FACT_FIELDS` order."""
        return tuple(name for name in FACT_FIELDS if getattr(self.facts, name) != getattr(self.previous, name))

    def apply(self, briefing: Briefing) -> None:
        article = briefing.article
        changes = {name: getattr(self.facts, name) for name in self.changed}
        if changes:
            briefing.article = article.corrected(replace(article.facts, **changes))

    def inverse(self) -> SetFacts:
        return SetFacts(self.previous, self.facts)

    def describe(self) -> str:
        """"date 2015-03-25", "source (cleared)", or "title and date" for several."""
        changed = self.changed
        if len(changed) == 1:
            name = changed[0]
            value = fact_text(self.facts, name)
            return f"{FACT_LABELS[name]} {quoted(value) if value else '(cleared)'}"
        return " and ".join(FACT_LABELS[name] for name in changed) or "article facts (nothing changed)"
