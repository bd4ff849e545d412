"""The PDF reader: the text layer of a report, rebuilt into the paragraphs its author wrote.

A PDF holds no paragraphs, only lines of text placed on pages. pypdf reads the text layer and
reports every piece of text with its position and font size (`_page_lines`); the reader then
does what a person does when copying a report by hand:

- Page furniture goes (`_furniture`): a line in the top or bottom tenth of the page that is a
  page number ("12", "Page 3 of 10", "- iv -") or that recurs on several pages once its digits
  are set aside (running heads and feet: "Annual report 2024 | 7", a printed date and address).
- Lines are joined into paragraphs (`_paragraphs`). A new paragraph starts after a vertical gap
  larger than the line spacing, at a first-line indent, at a bullet, where the font size or
  weight changes (a heading), and after a short line that ends a sentence. Across a page or
  column break a paragraph carries on unless the break is one of those. A word hyphenated at a
  line end is joined ("inter-" + "national"), keeping the hyphen when the document writes the
  word with one elsewhere ("well-known").
- Each paragraph keeps the page it starts on (`Paragraph.page`), so exports can cite it.

The title is the document's own (its metadata title, when it is one a person wrote, not
"Microsoft Word - draft3.docx"), else the large type opening the first page; the author comes
from the metadata; the date from a dateline, else from the metadata's creation date.

A PDF without a text layer (a scan) is refused with the reason, and so are encrypted and
damaged files. pypdf is imported here only: reading text must not pay for it.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import re
import statistics
import warnings
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any

from briefings.cleaning import ReadError, clean_text
from briefings.model import Article
from briefings.readers.building import build_article, one_line, same_text
from briefings.readers.datelines import opening_dateline

#: The share of the page height, at the top and at the bottom, where running heads, feet and page
#: numbers are looked for.
MARGIN_BAND = 0.1
#: A line recurring (digits aside) in the margin band of this share of the pages, and of two pages
#: at least, is a running head or foot.
RECURRING_SHARE = 0.4
#: Fewer characters than this in the whole document means it has no text layer.
MIN_TEXT_CHARS = 20
#: A line at most this share of a full line's length, ending a sentence, ends its paragraph.
SHORT_LINE = 0.75

_PAGE_NUMBER = re.compile(
    r"^[\s\-\u2013\u2014\[(]*(?:page|p\.|pg\.?)?\s*(?:\d{1,4}|[ivxlcdm]{1,7})"
    r"(?:\s*(?:/|of|\|)\s*\d{1,4})?[\s\-\u2013\u2014\])]*$",
    re.IGNORECASE,
)
_DIGITS = re.compile(r"\d+")
_SENTENCE_END = re.compile(r"[.!?:\u2026][\"'\u201d\u2019)\]]*$")
_BULLET = re.compile(r"^(?:[\u2022\u25aa\u25cf\u2023\u2043\u25e6\u2013\u2014*\-]\s|\(?\d{1,2}[.)]\s|\(?[a-z][.)]\s)")
_HYPHENATED = re.compile(r"(\w+)-$")
_OPENING_WORD = re.compile(r"^(\w+)")
_SOFTWARE_TITLE = re.compile(r"^(?:microsoft (?:word|powerpoint|excel) - |untitled\b)|\.(?:docx?|odt|pdf|rtf|pages|tex)$", re.IGNORECASE)

# pypdf reports what it forgives in a damaged file through `logging` and `warnings`; either would
# print over the terminal the app draws, and the reader says what matters itself.
logging.getLogger("pypdf").addHandler(logging.NullHandler())
logging.getLogger("pypdf").propagate = False


@dataclass(slots=True)
class _Line:
    """One line of a page: where it starts, its type size and weight, and its text."""

    page: int
    x: float
    y: float
    size: float
    bold: bool
    text: str

    @property
    def style(self) -> tuple[float, bool]:
        return round(self.size * 2) / 2, self.bold


def read_pdf_bytes(data: bytes, name: str) -> Article:
    """Read the article in a PDF report (see the module docstring).

    Raises:
        ReadError: The file is damaged, encrypted with a password, or has no text layer.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        reader = _open(data, name)
        pages = _read_pages(reader, name)
        metadata = _metadata(reader)
    lines = [line for page in pages for line in page[0]]
    if sum(len(line.text) for line in lines) < MIN_TEXT_CHARS:
        raise ReadError(
            f"{name}: this PDF has no text layer (a scanned document?); Brief reads PDFs with text: run OCR on it first (ocrmypdf, for one)"
        )
    furniture = _furniture(pages, _layout(lines))
    body = [line for line in lines if id(line) not in furniture]
    paragraphs = _paragraphs(body)
    title = _opening_heading(paragraphs, body) or metadata.get("title") or ""
    if paragraphs and title and same_text(paragraphs[0][0], title):
        paragraphs.pop(0)
    texts = [text for text, _, _ in paragraphs]
    dateline = opening_dateline([one_line(text) for text in texts[:2]])
    return build_article(
        texts,
        name=name,
        format="pdf",
        title=title,
        source=dateline.source,
        date=dateline.date or metadata.get("date"),
        byline=metadata.get("author") or dateline.byline,
        pages=[page for _, page, _ in paragraphs],
    )


def _open(data: bytes, name: str) -> Any:
    """pypdf's reader of the file, decrypted when it is encrypted without a password to open it."""
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(data))
        encrypted = reader.is_encrypted
    except Exception as error:  # a hostile or broken file: whatever pypdf raises, one line
        raise ReadError(f"{name}: a damaged PDF that cannot be read ({_reason(error)})") from None
    if encrypted:
        try:
            opened = reader.decrypt("")
        except Exception as error:  # an unknown or unsupported encryption
            raise ReadError(f"{name}: this PDF is encrypted and cannot be opened ({_reason(error)})") from None
        if not opened:
            raise ReadError(f"{name}: this PDF is encrypted with a password; remove the password and import it again")
    return reader


def _reason(error: Exception) -> str:
    text = " ".join(clean_text(str(error)).split())[:120]
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


def _read_pages(reader: Any, name: str) -> list[tuple[list[_Line], float, float]]:
    """Every page's lines in the order the page draws them, with the page's bottom and top."""
    pages = []
    try:
        count = len(reader.pages)
    except Exception as error:
        raise ReadError(f"{name}: a damaged PDF that cannot be read ({_reason(error)})") from None
    for number in range(count):
        try:
            page = reader.pages[number]
            box = page.mediabox
            bottom, top = float(min(box.bottom, box.top)), float(max(box.bottom, box.top))
            pages.append((_page_lines(page, number + 1), bottom, top))
        except ReadError:
            raise
        except Exception as error:
            raise ReadError(f"{name}: page {number + 1} of this PDF cannot be read ({_reason(error)})") from None
    return pages


def _page_lines(page: Any, number: int) -> list[_Line]:
    """The page's text as lines: pieces drawn one after another on one baseline are one line.

    pypdf hands each piece of text over with the text matrix and the graphics matrix; their
    product places it and scales its font. Pieces keep the spacing pypdf gave them (it knows the
    fonts' widths); a new baseline starts a new line.
    """
    lines: list[_Line] = []

    def visit(text: str, cm: list[float], tm: list[float], font: Any, font_size: float) -> None:
        text = text.replace("\n", " ")
        if not text.strip():
            if lines and text:
                lines[-1].text += " "
            return
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        scale = abs(tm[2] * cm[1] + tm[3] * cm[3]) or abs(tm[0] * cm[0] + tm[1] * cm[2]) or 1.0
        size = abs(font_size) * scale
        bold = "bold" in str(_font_name(font)).casefold()
        last = lines[-1] if lines else None
        if last is not None and abs(last.y - y) <= max(2.0, 0.5 * min(size, last.size)):
            last.text += text
        else:
            lines.append(_Line(number, x, y, size, bold, text))

    page.extract_text(visitor_text=visit)
    kept = []
    for line in lines:
        line.text = " ".join(clean_text(line.text).split())
        if line.text:
            kept.append(line)
    return kept


def _font_name(font: Any) -> str:
    try:
        return str(font.get("/BaseFont", "")) if font else ""
    except Exception:  # noqa: BLE001 - a damaged font dictionary names nothing
        return ""


def _furniture(pages: list[tuple[list[_Line], float, float]], layout: _Layout) -> set[int]:
    """The ids of lines that are page furniture: page numbers, running heads and feet.

    A line in the margin band is furniture when it is a page number, when it recurs on
    several pages (digits aside), or when it is set smaller than the body text and stands
    apart from every other line of its page (a head or foot on a page of its own kind).
    """
    in_band: list[tuple[_Line, str, list[_Line]]] = []
    for lines, bottom, top in pages:
        band = (top - bottom) * MARGIN_BAND
        for line in lines:
            if line.y >= top - band or line.y <= bottom + band:
                in_band.append((line, _DIGITS.sub("#", line.text.casefold()), lines))
    pages_of: dict[str, set[int]] = defaultdict(set)
    for line, key, _ in in_band:
        pages_of[key].add(line.page)
    needed = max(2, RECURRING_SHARE * len(pages))
    furniture = set()
    for line, key, page_lines in in_band:
        apart = all(abs(other.y - line.y) > 2 * layout.leading for other in page_lines if other is not line)
        small = line.size < layout.style[0] - 0.5
        if _PAGE_NUMBER.match(line.text) or len(pages_of[key]) >= needed or (small and apart):
            furniture.add(id(line))
    return furniture


@dataclass(frozen=True, slots=True)
class _Layout:
    """What the body text of the document looks like, to tell breaks from ordinary lines."""

    style: tuple[float, bool]
    leading: float
    full_line: int
    margins: dict[int, float]


def _layout(lines: list[_Line]) -> _Layout:
    styles = Counter[tuple[float, bool]]()
    for line in lines:
        styles[line.style] += len(line.text)
    style = styles.most_common(1)[0][0]
    body = [line for line in lines if line.style == style]
    steps = [
        previous.y - line.y
        for previous, line in zip(body, body[1:], strict=False)
        if previous.page == line.page and 0.8 * line.size < previous.y - line.y < 3 * line.size
    ]
    leading = statistics.median(steps) if steps else style[0] * 1.2
    lengths = sorted(len(line.text) for line in body)
    full_line = lengths[int(len(lengths) * 0.8)] if lengths else 80
    margins: dict[int, float] = {}
    by_page: dict[int, Counter[float]] = defaultdict(Counter)
    for line in body:
        by_page[line.page][round(line.x)] += 1
    for page, counts in by_page.items():
        margins[page] = min(x for x, count in counts.items() if count >= counts.most_common(1)[0][1] / 3)
    return _Layout(style, leading, full_line, margins)


def _paragraphs(lines: list[_Line]) -> list[tuple[str, int, tuple[float, bool]]]:
    """(text, page it starts on, style) of each paragraph, in order."""
    if not lines:
        return []
    layout = _layout(lines)
    hyphenated = _hyphenated_words(lines)
    paragraphs: list[tuple[list[str], int, tuple[float, bool]]] = []
    previous: _Line | None = None
    for line in lines:
        if previous is None or _breaks(previous, line, layout):
            paragraphs.append(([line.text], line.page, line.style))
        else:
            _join(paragraphs[-1][0], line.text, hyphenated)
        previous = line
    return [("".join(parts), page, style) for parts, page, style in paragraphs]


def _indented(line: _Line, layout: _Layout) -> bool:
    margin = layout.margins.get(line.page)
    return margin is not None and line.x > margin + 0.5 * line.size


def _ends_short(line: _Line, layout: _Layout, share: float) -> bool:
    return bool(_SENTENCE_END.search(line.text)) and len(line.text) < share * layout.full_line


def _breaks(previous: _Line, line: _Line, layout: _Layout) -> bool:
    """Whether `line` starts a new paragraph after `previous`."""
    if line.style != previous.style or _BULLET.match(line.text):
        return True
    indented = _indented(line, layout) and line.x > previous.x + 0.5 * line.size
    if line.page != previous.page or line.y > previous.y + line.size:
        # A page or column break: the paragraph carries on unless the break is also one of
        # its own (an indent, or a short last line that ends a sentence).
        return indented or _ends_short(previous, layout, 0.85)
    if previous.y - line.y > 1.5 * layout.leading:
        return True
    return indented or (_ends_short(previous, layout, SHORT_LINE) and line.text[:1].isupper())


def _hyphenated_words(lines: list[_Line]) -> set[str]:
    """Hyphenated words the document writes inside a line ("well-known"), case-folded."""
    return {word.casefold() for line in lines for word in re.findall(r"\w+-\w+", line.text)}


def _join(parts: list[str], text: str, hyphenated: set[str]) -> None:
    """Add a line to a paragraph: a word broken at the line end is mended, else a space joins."""
    last = parts[-1]
    broken = _HYPHENATED.search(last)
    opening = _OPENING_WORD.match(text)
    if broken and opening and text[:1].islower():
        whole = f"{broken.group(1)}-{opening.group(1)}"
        if whole.casefold() in hyphenated:
            parts.append(text)  # "well-" + "known": the document writes the hyphen
        else:
            parts[-1] = last[:-1]
            parts.append(text)
        return
    parts.append(" " + text)


def _opening_heading(paragraphs: list[tuple[str, int, tuple[float, bool]]], body: list[_Line]) -> str:
    """The first paragraph when it is set larger than the body text on the first page: the
    report's title as printed, taken out of the paragraphs; else ""."""
    if len(paragraphs) < 2:
        return ""
    text, page, style = paragraphs[0]
    if page == body[0].page and style[0] > _layout(body).style[0] + 1 and len(text) <= 300:
        paragraphs.pop(0)
        return text
    return ""


def _metadata(reader: Any) -> dict[str, Any]:
    """Title, author and creation date from the document's information dictionary, where a
    person wrote them (software fills the title with a file name)."""
    found: dict[str, Any] = {}
    try:
        info = reader.metadata
        if info is None:
            return found
        title = one_line(str(info.title or ""))
        if len(title.split()) >= 2 and not _SOFTWARE_TITLE.search(title):
            found["title"] = title
        author = one_line(str(info.author or ""))
        if author:
            found["author"] = author
        created = info.creation_date
        if isinstance(created, dt.datetime):
            found["date"] = created.date()
    except Exception:  # noqa: BLE001 - damaged metadata is no metadata
        pass
    return found
