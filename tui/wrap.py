"""Fast word wrapping that keeps character offsets, for the line-API article view.

The article view must lay out 20,000 paragraphs in well under a second and map highlight spans
(search matches, actor mentions) onto wrapped lines, so it wraps by offsets instead of building
Rich `Text` objects: one `str.rfind` per output line when every character is one cell wide, a
per-character walk with cell widths only for paragraphs with wide or combining characters.
"""

from __future__ import annotations

import re

from rich.cells import get_character_cell_size

#: Any character outside ranges known to take exactly one cell (checked against Rich's own
#: widths): Latin, Greek, Cyrillic, and the punctuation, currency, letterlike and arrow blocks
#: that news text is full of (curly quotes, dashes, ellipses). Text without such a character is
#: wrapped by the fast path, one `str.rfind` per line, instead of measuring every character.
_MAYBE_NOT_ONE_CELL = re.compile(
    "[^\x20-\x7e\xa0-\u02ff\u0370-\u0482\u2010-\u2027\u2030-\u205e\u20a0-\u20c0"
    "\u2100-\u214f\u2190-\u21ff\u2500-\u25fc\u2800-\u28ff]"
)


def wrap_offsets(text: str, width: int) -> list[tuple[int, int]]:
    """Split `text` into lines of at most `width` cells; return (start, end) offsets per line.

    Lines break after spaces where possible; a word longer than the line is broken hard. Spaces at
    a break belong to no line. Empty text gives one empty line.
    """
    width = max(1, width)
    if not text:
        return [(0, 0)]
    if text.isascii() or not _MAYBE_NOT_ONE_CELL.search(text):
        return _wrap_ascii(text, width)
    return _wrap_cells(text, width)


def _wrap_ascii(text: str, width: int) -> list[tuple[int, int]]:
    lines: list[tuple[int, int]] = []
    start = 0
    length = len(text)
    while length - start > width:
        cut = text.rfind(" ", start, start + width + 1)
        if cut <= start:
            lines.append((start, start + width))
            start += width
            continue
        end = cut
        while end > start and text[end - 1] == " ":
            end -= 1
        lines.append((start, end))
        start = cut + 1
        while start < length and text[start] == " ":
            start += 1
    if start < length or not lines:
        lines.append((start, length))
    return lines


def _wrap_cells(text: str, width: int) -> list[tuple[int, int]]:
    lines: list[tuple[int, int]] = []
    start = 0
    cells = 0
    last_space = -1
    index = start
    length = len(text)
    while index < length:
        size = get_character_cell_size(text[index])
        if cells + size > width and index > start:
            if last_space > start:
                end = last_space
                while end > start and text[end - 1] == " ":
                    end -= 1
                lines.append((start, end))
                start = last_space + 1
            else:
                lines.append((start, index))
                start = index
            while start < length and text[start] == " ":
                start += 1
            index = start
            cells = 0
            last_space = -1
            continue
        if text[index] == " ":
            last_space = index
        cells += size
        index += 1
    if start < length or not lines:
        lines.append((start, length))
    return lines
