"""The plain-text reader: headline, paragraphs and metadata from an article saved as text.

Text files come in three shapes, often mixed: paragraphs separated by blank lines, paragraphs
hard-wrapped at a fixed width, and one paragraph per line with no blank lines at all. Within a
block of lines between blank lines, the reader tells them apart the way a person would: a line
that stops well before the block's width although the next word would have fitted was broken on
purpose (a paragraph ends there); lines that fill the width were wrapped by an editor and are
joined. Lines longer than any editor wraps at are paragraphs of their own, and so are lines in a
block where most lines stop short or end a sentence (wrapped prose rarely does either). List
items always stay separate.
"""

from __future__ import annotations

import re

from briefings.model import Article
from briefings.readers.boilerplate import Block, kept_in_text
from briefings.readers.building import build_article
from briefings.readers.datelines import opening_dateline
from briefings.readers.dates import parse_date

#: No editor hard-wraps wider than this; longer lines are whole paragraphs.
MAX_WRAP_WIDTH = 120
#: A line ending this far short of the block's width (as a share of it), although the next word
#: would have fitted, ends a paragraph.
_SHORT_LINE_SHARE = 0.8
#: The longest first line taken as a headline when a blank line follows it.
MAX_HEADLINE_LINE = 200
#: The longest first line taken as a headline when body text follows it directly.
MAX_TIGHT_HEADLINE_LINE = 100
#: The fewest words of a first line that ends with a full stop and is therefore a lead sentence
#: (an article body saved without its headline), not a headline: the rare headline that ends
#: with a full stop is short, a lead rarely is (19 to 57 words in 39 of 41 development bodies).
MIN_LEAD_SENTENCE_WORDS = 15

_HEADER = re.compile(
    r"(?P<key>title|headline|source|publisher|publication|date|published|by|byline|author"
    r"|url|link)\s*:\s*(?P<value>\S.*)",
    re.IGNORECASE,
)
_HEADER_FIELDS = {
    "title": "title", "headline": "title",
    "source": "source", "publisher": "source", "publication": "source",
    "date": "date", "published": "date",
    "by": "byline", "byline": "byline", "author": "byline",
    "url": "url", "link": "url",
}  # fmt: skip
_SENTENCE_END = re.compile(r"[.?!:][\"'\u2019\u201d)]?$")
_LIST_ITEM = re.compile(r"\s*(?:[-*+\u2022\u2023\u25e6\u25aa\u2043]|\d{1,3}[.)])\s+\S")
# A headline does not end like a sentence cut short, and starts like a sentence.
_HEADLINE_END = re.compile(r"[,;:\-\u2013\u2014(]$")
_HEADLINE_START = re.compile(r"[\"'\u2018\u201c(\[]?[^\W_]")
# A sentence ending inside a line: a stop, maybe a closing quote, a space, a capital.
_SENTENCE_BREAK = re.compile(r"[.!?][\"'\u2019\u201d)]?\s+[\"'\u2018\u201c(]?[A-Z\u00c0-\u00de]")
# Words whose full stop does not end a sentence: titles, and months and company forms shortened.
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr st mt gen gov sen rep col lt sgt capt cmdr adm jr sr prof rev hon no vs inc co corp ltd"
    " jan feb mar apr jun jul aug sep sept oct nov dec".split()
)


def read_plain(text: str, name: str) -> Article:
    """Read clean text (LF line endings) as an article.

    The title is a `Title:` header, else the first line when it is a headline (a line of its own
    followed by a blank line, or a short headline-like line followed by the body), else the first
    sentence, else the file name. Source, date, byline and URL come from a header block of
    `Key: value` lines at the top, else from a dateline opening the body (see
    `briefings.readers.datelines`); the dateline stays in the text. Boilerplate lines pasted
    with the article ("Read more: …", "Sign up for our newsletter", "Advertisement") are
    dropped (see `briefings.readers.boilerplate`). Paragraphs longer than
    `building.MAX_PARAGRAPH_CHARS` are split (see `building.split_long`).

    Raises:
        ReadError: Nothing but a header block ("<name>: no article text found").
    """
    lines = [line.rstrip() for line in text.split("\n")]
    header, lines = _header_block(lines)
    # Each paragraph, whether it is a single line, and whether that line is a block of its own.
    found: list[tuple[str, bool, bool]] = []
    for block in _blocks(lines):
        for group in _paragraph_groups(block):
            found.append((" ".join(line.strip() for line in group), len(group) == 1, len(block) == 1))
    found = [item for item, keep in zip(found, kept_in_text([Block("p", item[0]) for item in found])) if keep]
    paragraphs = [paragraph for paragraph, _, _ in found]
    title = header.get("title")
    if title is None and len(found) > 1 and found[0][1]:
        if _is_headline(paragraphs[0], own_block=found[0][2]):
            title = paragraphs.pop(0)
    dateline = opening_dateline(paragraphs)
    return build_article(
        paragraphs,
        name=name,
        format="text",
        title=title,
        source=header.get("source") or dateline.source,
        date=parse_date(header.get("date")) or dateline.date,
        byline=header.get("byline") or dateline.byline,
        url=header.get("url"),
    )


def _header_block(lines: list[str]) -> tuple[dict[str, str], list[str]]:
    """Split off `Title:`/`Source:`/`Date:`/`By:`/`URL:` lines at the top; return them and the rest."""
    start = 0
    while start < len(lines) and not lines[start].strip():
        start += 1
    header: dict[str, str] = {}
    end = start
    while end < len(lines):
        match = _HEADER.fullmatch(lines[end].strip())
        if not match:
            break
        header.setdefault(_HEADER_FIELDS[match["key"].lower()], match["value"].strip())
        end += 1
    return header, lines[end:]


def _blocks(lines: list[str]) -> list[list[str]]:
    """Runs of non-blank lines."""
    blocks: list[list[str]] = []
    current: list[str] = []
    for line in lines:
        if line.strip():
            current.append(line)
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def _paragraph_groups(block: list[str]) -> list[list[str]]:
    """The lines of each paragraph in a block: list items apart, wrapped lines together."""
    groups: list[list[str]] = []
    prose: list[str] = []
    for line in block:
        if _LIST_ITEM.match(line):
            groups.extend(_prose_groups(prose))
            prose = []
            groups.append([line])
        elif groups and not prose and line[:1].isspace():
            groups[-1].append(line)  # an indented continuation of a list item
        else:
            prose.append(line)
    groups.extend(_prose_groups(prose))
    return groups


def _prose_groups(lines: list[str]) -> list[list[str]]:
    """Split lines of prose into paragraphs (see the module docstring)."""
    if len(lines) < 2:
        return [lines] if lines else []
    width = max(len(line) for line in lines)
    if width > MAX_WRAP_WIDTH:
        return [[line] for line in lines]
    ends = [_breaks_on_purpose(line, following, width) for line, following in zip(lines, lines[1:])]
    sentence_ends = sum(bool(_SENTENCE_END.search(line)) for line in lines[:-1])
    # Wrapped prose rarely ends a line where a sentence ends; lines that mostly do, or that
    # mostly stop short, are separate lines on purpose.
    if sum(ends) > len(ends) / 2 or sentence_ends > len(ends) / 2:
        return [[line] for line in lines]
    groups: list[list[str]] = [[]]
    for line, ends_paragraph in zip(lines, [*ends, False]):
        groups[-1].append(line)
        if ends_paragraph:
            groups.append([])
    return [group for group in groups if group]


def _breaks_on_purpose(line: str, following: str, width: int) -> bool:
    """Whether `line` ends short although the first word of `following` would have fitted."""
    next_word = following.split(maxsplit=1)[0]
    return len(line) + 1 + len(next_word) <= _SHORT_LINE_SHARE * width


def _has_sentence_break(line: str) -> bool:
    """Whether one sentence ends and another starts inside `line`; a full stop after an initial,
    an abbreviation with stops ("U.S.") or a title ("Dr.") ends none."""
    for found in _SENTENCE_BREAK.finditer(line):
        before = line[: found.start()].split()
        word = before[-1].lstrip("\"'\u2018\u201c([") if before else ""
        if len(word) > 1 and "." not in word and word.casefold() not in _ABBREVIATIONS:
            return True
    return False


def _is_lead_sentence(line: str) -> bool:
    """Whether `line` reads as a whole sentence of prose: a lead's length, ending with a full stop
    (maybe inside closing quotes) that is not an ellipsis or an abbreviation's ("U.S.")."""
    words = line.split()
    last = words[-1].rstrip("\"'\u2019\u201d)") if words else ""
    return (
        len(words) >= MIN_LEAD_SENTENCE_WORDS
        and last.endswith(".")
        and not last.endswith("..")
        and "." not in last[:-1]
        and last[:-1].casefold().lstrip("\"'\u2018\u201c(") not in _ABBREVIATIONS
    )


def _is_headline(line: str, *, own_block: bool) -> bool:
    """Whether the article's first line is its headline."""
    if own_block:
        # A line of two sentences ending with a full stop is prose, not a headline; so is one
        # sentence of a lead's length ending with one (a body saved without its headline).
        return len(line) <= MAX_HEADLINE_LINE and not (_is_lead_sentence(line) or line.endswith(".") and _has_sentence_break(line))
    return (
        len(line) <= MAX_TIGHT_HEADLINE_LINE
        and not line.endswith(".")
        and not _HEADLINE_END.search(line)
        and bool(_HEADLINE_START.match(line))
        and not _LIST_ITEM.match(line)
    )
