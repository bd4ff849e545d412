"""What the article pane draws for one paragraph: its layout at a width, its header, and its text
with highlights, as plain `Segment`s (article text is never parsed as markup).

Kept apart from `tui.widgets.article_view`, which decides which paragraphs are on screen, where,
and caches what is drawn here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style

from briefings.briefing import Annotation
from briefings.taxonomy import Tag
from tui.widgets.bars import tag_colour
from tui.wrap import wrap_offsets

#: Highlight kinds, in increasing priority when spans overlap.
HIGHLIGHT_KINDS = ("mention", "match", "current-match")


@dataclass(frozen=True, slots=True)
class Highlight:
    """A span of a paragraph to mark: an actor mention or a search match."""

    start: int
    end: int
    kind: str


@dataclass(slots=True)
class ParagraphBlock:
    """How one paragraph is laid out at a width: header, text lines, note lines, a blank line."""

    text_lines: list[tuple[int, int]]
    note_lines: list[str]

    @property
    def height(self) -> int:
        return 1 + len(self.text_lines) + len(self.note_lines) + 1


def lay_out(text: str, note: str, width: int) -> ParagraphBlock:
    """The paragraph's text wrapped as offsets, and its note as lines marked with ✎."""
    note_lines: list[str] = []
    if note:
        for number, note_line in enumerate(note.split("\n")):
            lead = "✎ " if number == 0 else "  "
            for start, end in wrap_offsets(note_line, width - 2):
                note_lines.append(lead + note_line[start:end])
                lead = "  "
    return ParagraphBlock(wrap_offsets(text, width), note_lines)


def header_segments(index: int, annotation: Annotation, tags: Mapping[str, Tag], base: Style, header: Style, reviewed: Style) -> list[Segment]:
    """"¶N", the reviewed mark, then the tags as badges in the taxonomy's order (unknown ids last)."""
    segments = [Segment(f"¶{index + 1}", header)]
    if annotation.reviewed:
        segments.append(Segment("  ✓", reviewed))
    for tag in (tag for tag in tags.values() if tag.id in annotation.tags):
        segments += [Segment(" ", base), Segment(f" {tag.name} ", _badge(tag.colour))]
    for tag_id in sorted(annotation.tags - tags.keys()):
        segments += [Segment(" ", base), Segment(f" {tag_id} ", header + Style(reverse=True))]
    return segments


def _badge(colour: str) -> Style:
    """Black text on the tag's colour; grey for a colour Rich cannot parse."""
    return Style(color="black", bgcolor=tag_colour(colour) or "grey50", bold=True)


def styled_slice(text: str, start: int, end: int, spans: list[Highlight], base: Style, styles: dict[str, Style]) -> list[Segment]:
    """Segments for text[start:end] with the highlight spans that overlap it applied."""
    if not spans:
        return [Segment(text[start:end], base)]
    cuts = {start, end}
    for span in spans:
        if span.end > start and span.start < end:
            cuts.add(max(span.start, start))
            cuts.add(min(span.end, end))
    points = sorted(cuts)
    segments = []
    for left, right in zip(points, points[1:]):
        style = base
        for span in spans:
            if span.start <= left and right <= span.end:
                style = style + styles[span.kind]
        segments.append(Segment(text[left:right], style))
    return segments
