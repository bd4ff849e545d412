"""Domain records: an article, its paragraphs and the anchors that let annotations find them again.

These are plain dataclasses with no knowledge of storage or display. `store/` converts them to and
from documents in one place; `tui/` renders them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field

#: How many characters of a paragraph an anchor keeps as its quote.
QUOTE_CHARS = 160
#: How many characters of the neighbouring paragraphs an anchor keeps as context.
CONTEXT_CHARS = 40


def text_digest(text: str) -> str:
    """A short, stable digest of a paragraph's text, insensitive to runs of whitespace."""
    normalised = " ".join(text.split())
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class Anchor:
    """Where a paragraph is, in a form that survives edits to the article.

    Modelled on the Hypothesis web-annotation anchors: the position (`index`), an exact
    fingerprint (`digest`), and a quote with some context on each side for fuzzy re-attachment
    when the article is re-imported in a changed version.
    """

    index: int
    digest: str
    quote: str
    prefix: str = ""
    suffix: str = ""


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One paragraph of an article: its position, its text and its anchor.

    `page` is the page of a printed document (a PDF report) on which the paragraph starts,
    counted from 1, so that exports can cite it; None for articles without pages. It is not
    part of the anchor or the content hash: the same text is the same article however paged.
    """

    index: int
    text: str
    anchor: Anchor
    page: int | None = None


def make_paragraphs(texts: list[str], pages: list[int | None] | None = None) -> tuple[Paragraph, ...]:
    """Number paragraphs and give each an anchor with its neighbours as context (and its page,
    when `pages` gives one per text)."""
    paragraphs = []
    for index, text in enumerate(texts):
        prefix = texts[index - 1][-CONTEXT_CHARS:] if index > 0 else ""
        suffix = texts[index + 1][:CONTEXT_CHARS] if index + 1 < len(texts) else ""
        anchor = Anchor(index, text_digest(text), text[:QUOTE_CHARS], prefix, suffix)
        paragraphs.append(Paragraph(index, text, anchor, pages[index] if pages else None))
    return tuple(paragraphs)


@dataclass(frozen=True, slots=True)
class Article:
    """An article as read from a file or page: metadata and numbered paragraphs.

    Attributes:
        title: The headline; never empty (readers fall back to the file name).
        paragraphs: The body, in order.
        source: The publisher or outlet, when the text names it.
        date: The publication date, when the text gives one.
        byline: The author line, when there is one.
        url: Where the article was published, when known.
        origin: The file name it was read from, for messages and re-import.
        format: The reader that produced it: "text", "markdown", "html", "pdf" or "json".
    """

    title: str
    paragraphs: tuple[Paragraph, ...]
    source: str | None = None
    date: dt.date | None = None
    byline: str | None = None
    url: str | None = None
    origin: str | None = None
    format: str = "text"
    _hash: str = field(default="", init=False, repr=False, compare=False)

    @property
    def content_hash(self) -> str:
        """A digest of the title and text: equal for the same article however it was read."""
        if not self._hash:
            digest = hashlib.sha256()
            digest.update(" ".join(self.title.split()).encode("utf-8"))
            for paragraph in self.paragraphs:
                digest.update(b"\x00" + paragraph.anchor.digest.encode("ascii"))
            object.__setattr__(self, "_hash", digest.hexdigest())
        return self._hash

    @property
    def word_count(self) -> int:
        """Words in the body, for progress and throughput figures."""
        return sum(len(paragraph.text.split()) for paragraph in self.paragraphs)
