"""What every reader does last: tidy paragraphs, bound their length, settle the title.

Each reader finds paragraphs and metadata in its own format, then hands them to `build_article`,
so the guarantees Brief relies on hold whatever the format: paragraph and title text is clean
(see `briefings.cleaning.clean_text`), on one line (the article view wraps text itself), never
empty, and never longer than `MAX_PARAGRAPH_CHARS`.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from pathlib import PurePath

from briefings.cleaning import ReadError, clean_text
from briefings.model import Article, make_paragraphs

#: The longest paragraph Brief keeps; longer ones (a 5 MB single line) are split.
MAX_PARAGRAPH_CHARS = 10_000
#: The longest title a reader derives from the first sentence; cut at a word before it.
MAX_TITLE_CHARS = 120
#: The longest headline or metadata value kept as it is; longer ones (a page whose title is a
#: paragraph) are cut at a word.
MAX_FIELD_CHARS = 300

# Where a sentence ends inside a paragraph: terminal punctuation, maybe a closing quote or bracket,
# then a space. Searched backwards from a cut point with str.rfind, which keeps splitting linear.
# A first sentence, for a derived title, is at least 20 characters so that "Mr." or "U.S." is
# not taken for one.
_SENTENCE_ENDS = (". ", "? ", "! ", '." ', '?" ', '!" ', ".\u201d ", "?\u201d ", "!\u201d ", ".) ")
_FIRST_SENTENCE = re.compile(r"(.{20,}?[.?!][\"'\u201d\u2019)]?)(?=\s+[\"'\u201c\u2018(]?[A-Z0-9]|\s*$)")


def one_line(text: str) -> str:
    """Clean `text` and collapse every run of whitespace (newlines included) to one space."""
    return " ".join(clean_text(text).split())


def split_long(text: str, limit: int = MAX_PARAGRAPH_CHARS) -> list[str]:
    """Split a paragraph longer than `limit` into pieces of at most `limit` characters.

    Cuts at the last sentence end in the second half of each window, else at the last space,
    else hard (never inside a combining sequence). Text within the limit comes back unchanged.
    """
    pieces = []
    start = 0
    while len(text) - start > limit:
        low, high = start + limit // 2, start + limit
        cut = max(text.rfind(end, low, high + 1) for end in _SENTENCE_ENDS)
        if cut > 0:
            cut = text.index(" ", cut)
        else:
            cut = text.rfind(" ", low, high + 1)
        if cut <= 0:
            cut = high
            while cut > low and _joins_previous(text[cut]):
                cut -= 1
        pieces.append(text[start:cut].rstrip())
        start = cut
        while start < len(text) and text[start] == " ":
            start += 1
    pieces.append(text[start:])
    return [piece for piece in pieces if piece]


def _joins_previous(char: str) -> bool:
    return unicodedata.combining(char) > 0 or char in "\u200c\u200d" or "\ufe00" <= char <= "\ufe0f"


def check_not_empty(text: str, name: str) -> None:
    """Refuse empty or whitespace-only text with a message that says which."""
    if not text.strip():
        detail = " (only whitespace)" if text else ""
        raise ReadError(f"{name}: the file is empty{detail}")


def same_text(first: str, second: str) -> bool:
    """Whether two texts are the same but for case and whitespace (a title repeated as a heading)."""
    return " ".join(first.split()).casefold() == " ".join(second.split()).casefold()


def derive_title(first_paragraph: str | None, name: str) -> str:
    """A title for an article without a headline: its first sentence, shortened, else the file name."""
    if first_paragraph:
        head = first_paragraph[: MAX_TITLE_CHARS * 4]
        match = _FIRST_SENTENCE.match(head)
        sentence = match.group(1) if match else head
        title = shorten(sentence)
        if any(char.isalnum() for char in title):
            return title
    return PurePath(name).name.split(".")[0] or name or "Untitled"


def shorten(text: str, limit: int = MAX_TITLE_CHARS) -> str:
    """`text` cut at the last word boundary before `limit`, with an ellipsis when cut."""
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", limit // 2, limit)
    return text[: cut if cut > 0 else limit].rstrip(" ,;:-\u2013\u2014") + "\u2026"


def build_article(
    texts: list[str],
    *,
    name: str,
    format: str,
    title: str | None = None,
    source: str | None = None,
    date: dt.date | None = None,
    byline: str | None = None,
    url: str | None = None,
    pages: list[int] | None = None,
) -> Article:
    """Make the `Article`: clean and bound the paragraphs, settle the title, name the origin.

    `pages`, for a paged document, gives the page each text starts on (a text split for length
    keeps its page on every piece).

    Raises:
        ReadError: No paragraph has any text ("<name>: no article text found").
    """
    paragraphs: list[str] = []
    paragraph_pages: list[int | None] = []
    for number, text in enumerate(texts):
        text = one_line(text)
        if text:
            pieces = split_long(text)
            paragraphs.extend(pieces)
            paragraph_pages.extend([pages[number] if pages else None] * len(pieces))
    if not paragraphs:
        raise ReadError(f"{name}: no article text found")
    title = shorten(one_line(title or ""), MAX_FIELD_CHARS) or derive_title(paragraphs[0], name)
    return Article(
        title=title,
        paragraphs=make_paragraphs(paragraphs, paragraph_pages if pages else None),
        source=_field(source),
        date=date,
        byline=_field(byline),
        url=_field(url),
        origin=PurePath(name).name,
        format=format,
    )


def _field(value: str | None) -> str | None:
    """A metadata value on one line, clean and not absurdly long, or None when empty."""
    value = shorten(one_line(value or ""), MAX_FIELD_CHARS)
    return value or None
