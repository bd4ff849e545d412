"""PDFs for tests, written by hand: text laid out as a word processor lays out a report.

No PDF library is needed to write one: a page is a content stream of text operators in one of
the standard fonts (Helvetica, which every reader knows without embedding it). `report_pdf`
flows paragraphs into lines, with a running head, page numbers and first-line indents or gaps,
so the reader's job (paragraphs rebuilt across line and page breaks, heads and numbers
dropped) is the one it has on real reports.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from dataclasses import dataclass

PAGE_WIDTH, PAGE_HEIGHT = 612, 792  # US Letter, in points
LEFT, RIGHT, TOP, BOTTOM = 72, 540, 720, 80


@dataclass(frozen=True, slots=True)
class Line:
    """One line of text at a position (points from the bottom left corner), in a font size."""

    x: float
    y: float
    text: str
    size: float = 11.0
    bold: bool = False


def _literal(text: str) -> bytes:
    data = text.encode("cp1252", errors="replace")
    return b"(" + data.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def _content(lines: Sequence[Line]) -> bytes:
    ops = []
    for line in lines:
        font = b"/F2" if line.bold else b"/F1"
        ops.append(b"BT %s %g Tf %g %g Td %s Tj ET" % (font, line.size, line.x, line.y, _literal(line.text)))
    return b"\n".join(ops)


def pdf_bytes(pages: Sequence[Sequence[Line]], *, compress: bool = True, info: dict[str, str] | None = None) -> bytes:
    """A PDF with these pages of positioned text (an empty page has no text layer)."""
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    catalog = add(b"")  # filled in below
    pages_id = add(b"")
    regular = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    bold = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>")
    kids = []
    for page in pages:
        stream = _content(page)
        if compress:
            stream = zlib.compress(stream)
            head = b"<< /Length %d /Filter /FlateDecode >>" % len(stream)
        else:
            head = b"<< /Length %d >>" % len(stream)
        content = add(head + b"\nstream\n" + stream + b"\nendstream")
        kids.append(
            add(
                b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %d %d] /Contents %d 0 R "
                b"/Resources << /Font << /F1 %d 0 R /F2 %d 0 R >> >> >>"
                % (pages_id, PAGE_WIDTH, PAGE_HEIGHT, content, regular, bold)
            )
        )
    objects[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id
    objects[pages_id - 1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % kid for kid in kids),
        len(kids),
    )
    info_id = None
    if info:
        entries = b" ".join(b"/%s %s" % (key.encode("ascii"), _literal(value)) for key, value in info.items())
        info_id = add(b"<< " + entries + b" >>")
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    trailer = b"<< /Size %d /Root %d 0 R" % (len(objects) + 1, catalog)
    if info_id:
        trailer += b" /Info %d 0 R" % info_id
    out += b"trailer\n" + trailer + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def _wrap(text: str, width: float, size: float) -> list[str]:
    """Words into lines no wider than `width` (Helvetica is about half an em per character)."""
    limit = max(10, int(width / (size * 0.5)))
    lines: list[str] = []
    current = ""
    for word in text.split():
        if current and len(current) + 1 + len(word) > limit:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    if current:
        lines.append(current)
    return lines


def report_pages(
    paragraphs: Sequence[str],
    *,
    title: str = "",
    running_head: str = "",
    numbers: str = "bottom",
    indent: bool = False,
    size: float = 11.0,
    leading: float = 14.0,
    hyphenate: dict[str, tuple[str, str]] | None = None,
) -> list[list[Line]]:
    """Lay out a report: a title, paragraphs flowed over pages, a running head on every page
    after the first, page numbers at the `numbers` edge ("bottom", "top" or "none").

    Paragraphs are set apart by a blank gap, or with `indent` by a first-line indent and no gap.
    `hyphenate` maps a word to the two halves to print at a line end when it falls there.
    """
    pages: list[list[Line]] = [[]]
    y = TOP

    def new_page() -> None:
        nonlocal y
        pages.append([])
        y = TOP

    if title:
        pages[0].append(Line(LEFT, y, title, 16, bold=True))
        y -= 28
    for paragraph in paragraphs:
        lines = _wrap(paragraph, RIGHT - LEFT - (18 if indent else 0), size)
        if hyphenate:
            lines = _hyphenated(lines, hyphenate)
        for number, text in enumerate(lines):
            if y < BOTTOM:
                new_page()
            x = LEFT + (18 if indent and number == 0 else 0)
            pages[-1].append(Line(x, y, text, size))
            y -= leading
        if not indent:
            y -= leading * 0.8
    for number, page in enumerate(pages, start=1):
        if running_head and number > 1:
            page.insert(0, Line(LEFT, PAGE_HEIGHT - 40, running_head, 9))
        if numbers == "bottom":
            page.append(Line(PAGE_WIDTH / 2, 40, str(number), 9))
        elif numbers == "top":
            page.insert(0, Line(PAGE_WIDTH - 90, PAGE_HEIGHT - 40, f"Page {number} of {len(pages)}", 9))
    return pages


def _hyphenated(lines: list[str], words: dict[str, tuple[str, str]]) -> list[str]:
    """Break a listed word across two lines where it ends a line."""
    out = list(lines)
    for number in range(len(out) - 1):
        last = out[number].rsplit(" ", 1)
        if len(last) == 2 and last[1] in words:
            first, second = words[last[1]]
            out[number] = f"{last[0]} {first}"
            out[number + 1] = f"{second} {out[number + 1]}"
    return out


def report_pdf(paragraphs: Sequence[str], **layout: object) -> bytes:
    """`report_pages` as PDF bytes."""
    return pdf_bytes(report_pages(paragraphs, **layout))  # type: ignore[arg-type]
