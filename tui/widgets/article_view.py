"""The article pane: paragraphs with a cursor, tags, review marks, notes and highlights.

A line-API `ScrollView`, as Toolong renders huge logs: the view lays paragraphs out as blocks of
lines (offsets only, see `tui.wrap`), renders just the lines on screen, and caches the rendered
block of each paragraph until that paragraph changes. A key press therefore costs the same on a
20,000-paragraph article as on a short one, where one widget per paragraph would take seconds to
mount and to update.

Article text is never parsed as markup: lines are built from plain strings and `Segment`s.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from itertools import accumulate

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from briefings.briefing import Annotation
from briefings.model import Paragraph
from briefings.taxonomy import Tag
from tui.widgets.paragraph_lines import HIGHLIGHT_KINDS, Highlight, ParagraphBlock, header_segments, lay_out, styled_slice

#: Columns taken by the cursor mark at the left of every line.
GUTTER = 2


class ArticleView(ScrollView, can_focus=True):
    """The article, one block of lines per paragraph, with a paragraph cursor."""

    BINDINGS = [
        Binding("j,down", "move(1)", "Next ¶", id="article.next", show=False),
        Binding("k,up", "move(-1)", "Previous ¶", id="article.previous", show=False),
        Binding("g,home", "first", "First ¶", id="article.first", show=False),
        Binding("G,end", "last", "Last ¶", id="article.last", show=False),
        Binding("pagedown,space", "page(1)", "Page down", id="article.page-down", show=False),
        Binding("pageup", "page(-1)", "Page up", id="article.page-up", show=False),
    ]
    """
    | Key | Action |
    | :- | :- |
    | j, down | Move the cursor to the next paragraph. |
    | k, up | Move the cursor to the previous paragraph. |
    | g, home | First paragraph. |
    | G, end | Last paragraph. |
    | pagedown, space | Move a screen down. |
    | pageup | Move a screen up. |
    """

    COMPONENT_CLASSES = {
        "article-view--cursor",
        "article-view--gutter",
        "article-view--header",
        "article-view--reviewed",
        "article-view--note",
        "article-view--who",
        "article-view--mention",
        "article-view--match",
        "article-view--current-match",
    }

    DEFAULT_CSS = """
    ArticleView {
        background: $surface;
        overflow-x: hidden;
        overflow-y: auto;
        scrollbar-gutter: stable;
    }
    ArticleView > .article-view--cursor { background: $boost; }
    ArticleView > .article-view--gutter { color: $accent; }
    ArticleView:focus > .article-view--gutter { color: $accent-lighten-1; text-style: bold; }
    ArticleView > .article-view--header { color: $text-muted; }
    ArticleView > .article-view--reviewed { color: $success; }
    ArticleView > .article-view--note { color: $warning; text-style: italic; }
    ArticleView > .article-view--who { color: $text-muted; }
    ArticleView > .article-view--mention { text-style: underline; color: $accent-lighten-2; }
    ArticleView > .article-view--match { background: $warning 40%; }
    ArticleView > .article-view--current-match { background: $warning; color: $background; }
    """

    cursor: reactive[int] = reactive(0, always_update=True, init=False, repaint=False)
    """Index of the paragraph under the cursor (an index into the article, not the filtered view)."""

    class CursorMoved(Message):
        """The cursor moved to another paragraph."""

        def __init__(self, index: int) -> None:
            self.index = index
            """The paragraph now under the cursor."""
            super().__init__()

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._paragraphs: Sequence[Paragraph] = ()
        self._annotation: Callable[[int], Annotation] = lambda index: Annotation()
        self._who: Callable[[int], str] = lambda index: ""
        self._tags: dict[str, Tag] = {}
        self._visible: list[int] = []
        self._position: dict[int, int] = {}
        self._blocks: dict[int, ParagraphBlock] = {}
        self._offsets: list[int] = [0]
        self._layout_width = 0
        self._highlights: dict[int, list[Highlight]] = {}
        self._strips: LRUCache[int, list[Strip]] = LRUCache(1024)
        self._placeholder = ""
        self._style_cache: dict[str, Style] = {}

    # ----------------------------------------------------------------- content

    def show_placeholder(self, text: str) -> None:
        """Show a one-line message (loading, empty filter) instead of paragraphs."""
        self._placeholder = text
        self.refresh()

    def load(
        self,
        paragraphs: Sequence[Paragraph],
        annotation: Callable[[int], Annotation],
        tags: Sequence[Tag],
    ) -> None:
        """Show an article.

        Args:
            paragraphs: The article's paragraphs.
            annotation: Gives the current annotation of a paragraph by index; called when a
                paragraph is (re-)rendered, so the view never holds stale analyst data.
            tags: The taxonomy, for tag names and colours.
        """
        self._paragraphs = paragraphs
        self._annotation = annotation
        self._tags = {tag.id: tag for tag in tags}
        self._highlights = {}
        self._placeholder = ""
        self._set_visible(list(range(len(paragraphs))))
        self.set_reactive(ArticleView.cursor, 0)
        self.scroll_to(0, 0, animate=False, immediate=True)

    def set_annotations(self, annotation: Callable[[int], Annotation]) -> None:
        """Show another version of the analyst's work on the same paragraphs (saved by another
        window): notes may have changed height, so the paragraphs are laid out again."""
        self._annotation = annotation
        self._relayout()

    def set_who(self, who: Callable[[int], str]) -> None:
        """Say who did the work on the paragraph under the cursor, after its tags: `who` gives
        the line for a paragraph ("tagged fact by Ada · note by Bob", or "")."""
        self._who = who
        self.refresh_paragraph(self.cursor)

    def set_tags(self, tags: Sequence[Tag]) -> None:
        """Use a changed taxonomy."""
        self._tags = {tag.id: tag for tag in tags}
        self._strips.clear()
        self.refresh()

    def set_filter(self, visible: Sequence[int] | None) -> None:
        """Show only these paragraphs (None shows all); the cursor moves to the nearest shown one."""
        indices = list(range(len(self._paragraphs))) if visible is None else sorted(visible)
        self._set_visible(indices)
        if indices and self.cursor not in self._position:
            position = min(bisect_right(indices, self.cursor), len(indices) - 1)
            self.cursor = indices[position]
        else:
            self._scroll_to_cursor()

    @property
    def visible(self) -> list[int]:
        """The paragraph indices shown, in order."""
        return list(self._visible)

    def is_visible(self, index: int) -> bool:
        """True when the paragraph is shown (not hidden by a filter)."""
        return index in self._position

    @property
    def has_highlights(self) -> bool:
        """True when mentions or matches are marked."""
        return bool(self._highlights)

    def set_highlights(self, highlights: dict[int, list[Highlight]]) -> None:
        """Replace the marked spans (mentions, search matches) by paragraph index."""
        changed = {
            index
            for index in set(self._highlights) | set(highlights)
            if self._highlights.get(index) != highlights.get(index)
        }
        self._highlights = highlights
        for index in changed:
            self._strips.discard(index)
        if changed:
            self.refresh()

    def refresh_paragraph(self, index: int) -> None:
        """Re-render one paragraph after its annotation changed; re-lay it out if its height did."""
        self._strips.discard(index)
        if index not in self._position or not self._layout_width:
            return
        old = self._blocks.get(index)
        new = self._layout_block(index)
        self._blocks[index] = new
        if old is None or old.height != new.height:
            self._update_offsets()
            self.refresh()
        else:
            self.refresh(self._block_region(index))

    # ----------------------------------------------------------------- cursor

    def action_move(self, delta: int) -> None:
        """Move the cursor by `delta` shown paragraphs."""
        if not self._visible:
            return
        position = self._position.get(self.cursor, 0) + delta
        self.cursor = self._visible[max(0, min(position, len(self._visible) - 1))]

    def action_first(self) -> None:
        """Move to the first shown paragraph."""
        if self._visible:
            self.cursor = self._visible[0]

    def action_last(self) -> None:
        """Move to the last shown paragraph."""
        if self._visible:
            self.cursor = self._visible[-1]

    def action_page(self, direction: int) -> None:
        """Move a screenful of lines, taking the cursor with it."""
        if not self._visible:
            return
        height = max(1, self.scrollable_content_region.height)
        position = self._position.get(self.cursor, 0)
        target_line = self._offsets[position] + direction * height
        target_line = max(0, min(target_line, self._offsets[-1] - 1))
        target = bisect_right(self._offsets, target_line) - 1
        if target == position:
            target += direction
        self.cursor = self._visible[max(0, min(target, len(self._visible) - 1))]

    def validate_cursor(self, index: int) -> int:
        if not self._paragraphs:
            return 0
        return max(0, min(index, len(self._paragraphs) - 1))

    def watch_cursor(self, old: int, new: int) -> None:
        self._strips.discard(old)
        self._strips.discard(new)
        if old in self._position:
            self.refresh(self._block_region(old))
        if new in self._position:
            self.refresh(self._block_region(new))
        self._scroll_to_cursor()
        self.post_message(self.CursorMoved(new))

    def _scroll_to_cursor(self) -> None:
        if self.cursor in self._position and self._layout_width:
            # scroll_to_region takes a region of the whole (virtual) content, not of the viewport.
            self.scroll_to_region(self._block_region(self.cursor, virtual=True), animate=False, immediate=True)

    def notify_style_update(self) -> None:
        """Styles changed (focus, theme, CSS): lines drawn with the old ones must be drawn again."""
        super().notify_style_update()
        self._strips.clear()
        self._style_cache.clear()

    def _style(self, name: str = "") -> Style:
        """The widget's style (name "") or a component's, looked up once per style change.

        Computing a Rich style walks the CSS of every ancestor; per line that cost more than
        drawing the line.
        """
        style = self._style_cache.get(name)
        if style is None:
            style = self.rich_style if not name else self.get_component_rich_style(f"article-view--{name}")
            self._style_cache[name] = style
        return style

    def on_click(self, event: events.Click) -> None:
        """Clicking a paragraph puts the cursor on it."""
        line = event.y + self.scroll_offset.y
        if self._visible and 0 <= line < self._offsets[-1]:
            self.cursor = self._visible[bisect_right(self._offsets, line) - 1]

    # ----------------------------------------------------------------- layout

    def _set_visible(self, indices: list[int]) -> None:
        self._visible = indices
        self._position = {index: position for position, index in enumerate(indices)}
        self._strips.clear()
        self._relayout()

    def on_resize(self, event: events.Resize) -> None:
        if self._content_width() != self._layout_width:
            self._relayout()

    def _content_width(self) -> int:
        return max(10, self.scrollable_content_region.width - GUTTER)

    def _relayout(self) -> None:
        if not self.size.width:
            return
        self._layout_width = self._content_width()
        self._strips.clear()
        self._blocks = {index: self._layout_block(index) for index in self._visible}
        self._update_offsets()
        self.refresh()

    def _layout_block(self, index: int) -> ParagraphBlock:
        return lay_out(self._paragraphs[index].text, self._annotation(index).note, self._layout_width)

    def _update_offsets(self) -> None:
        heights = (self._blocks[index].height for index in self._visible)
        self._offsets = [0, *accumulate(heights)]
        self.virtual_size = Size(self.scrollable_content_region.width, self._offsets[-1])

    def _block_region(self, index: int, *, virtual: bool = False) -> Region:
        """The lines of a paragraph's block, in viewport coordinates (or virtual ones)."""
        position = self._position[index]
        top = self._offsets[position]
        y = top if virtual else top - self.scroll_offset.y
        return Region(0, y, self.size.width, self._offsets[position + 1] - top)

    # ----------------------------------------------------------------- rendering

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self._style()
        if self._placeholder or not self._visible:
            text = self._placeholder if y == 0 else ""
            return Strip([Segment(text[:width], self._style("header"))]).extend_cell_length(width, base)
        if self._layout_width != self._content_width():
            # The first frame is rendered before the first Resize event arrives: lay out now,
            # so the article is in that frame rather than the next one.
            self._relayout()
        line = y + self.scroll_offset.y
        if line >= self._offsets[-1]:
            return Strip.blank(width, base)
        position = bisect_right(self._offsets, line) - 1
        index = self._visible[position]
        strips = self._strips.get(index)
        if strips is None:
            strips = self._render_block(index, width)
            self._strips[index] = strips
        return strips[line - self._offsets[position]]

    def _render_block(self, index: int, width: int) -> list[Strip]:
        block = self._blocks[index]
        paragraph = self._paragraphs[index]
        annotation = self._annotation(index)
        is_cursor = index == self.cursor
        base = self._style()
        if is_cursor:
            base += self._style("cursor")
        if is_cursor:
            gutter = Segment("▌ ", base + self._style("gutter"))
        else:
            gutter = Segment("  ", base)
        header = header_segments(index, annotation, self._tags, base, base + self._style("header"), base + self._style("reviewed"))
        if is_cursor and (who := self._who(index)):
            header.append(Segment(f"  {who}", base + self._style("who")))
        strips = [self._finish([gutter, *header], width, base)]
        spans = self._highlights.get(index, [])
        for start, end in block.text_lines:
            segments = styled_slice(paragraph.text, start, end, spans, base, self._highlight_styles())
            strips.append(self._finish([gutter, *segments], width, base))
        note_style = base + self._style("note")
        for note_line in block.note_lines:
            strips.append(self._finish([gutter, Segment(note_line, note_style)], width, base))
        strips.append(Strip.blank(width, self._style()))
        return strips

    def _highlight_styles(self) -> dict[str, Style]:
        return {kind: self._style(kind) for kind in HIGHLIGHT_KINDS}

    @staticmethod
    def _finish(segments: list[Segment], width: int, base: Style) -> Strip:
        return Strip(segments).crop_extend(0, width, base)

