"""A table of many rows drawn line by line: the library's briefings, and its actors and questions.

`DataTable` builds and measures every cell of every row: refilling it with 10,000 briefings takes
about a second (measured), so narrowing the list at each typed key would drop behind the typist.
`RowTable` is a line-API `ScrollView`, as Toolong and the article view are: it holds a list of
row objects, asks a row for its cells only when that row comes on screen, and caches the drawn
line until the rows change. Replacing the rows (a sort, a filter) costs a list assignment and one
repaint of the lines on screen, at any length.

Cells are plain strings or runs of (text, style) drawn as `Segment`s: titles and snippets from
articles are never parsed as markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

Fragment = tuple[str, Style | None]
"""A run of text and its style (None: the row's own style)."""
Cell = str | Sequence[Fragment]
"""What a row shows in one column: a plain string, or styled runs."""


class TableRow(Protocol):
    """What the table needs from a row: a unique key, and its cells (asked for when drawn)."""

    @property
    def key(self) -> str: ...

    @property
    def cells(self) -> Sequence[Cell]: ...


@dataclass(frozen=True, slots=True)
class Column:
    """One column: key, header label, width in cells (0: takes the width left), alignment.

    A narrow terminal must not squeeze the column that matters (a title) to a few letters while
    the others keep their width: the flexible column has a `min_width`, and columns with a `drop`
    rank are left out, the highest rank first, until it has that much room.
    """

    key: str
    label: str
    width: int = 0
    align: str = "left"
    min_width: int = 8
    drop: int = 0
    """0: always shown; otherwise left out on a narrow terminal, the highest first."""


def fit(cell: Cell, width: int, align: str = "left") -> list[Fragment]:
    """A cell cut (with an ellipsis) or padded to exactly `width` cells."""
    runs: list[Fragment] = [(cell, None)] if isinstance(cell, str) else list(cell)
    total = sum(cell_len(text) for text, _ in runs)
    if total > width:
        kept: list[Fragment] = []
        room = width - 1
        for text, style in runs:
            size = cell_len(text)
            if size >= room:
                kept.append((set_cell_size(text, room), style))
                break
            kept.append((text, style))
            room -= size
        kept.append(("…", runs[-1][1] if runs else None))
        return kept
    padding = " " * (width - total)
    return [(padding, None), *runs] if align == "right" else [*runs, (padding, None)]


class RowTable(ScrollView, can_focus=True):
    """Rows under a fixed header line, with a row cursor and optional marks."""

    BINDINGS = [
        Binding("down,j", "move(1)", "Down", show=False, id="table.down"),
        Binding("up,k", "move(-1)", "Up", show=False, id="table.up"),
        Binding("pagedown", "page(1)", "Page down", show=False, id="table.page-down"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="table.page-up"),
        Binding("home,g", "first", "First", show=False, id="table.first"),
        Binding("end,G", "last", "Last", show=False, id="table.last"),
        Binding("enter", "select", "Open", id="table.select"),
    ]
    """
    | Key | Action |
    | :- | :- |
    | j, k, down, up | Move the cursor. |
    | pagedown, pageup | Move a screenful. |
    | g, G, home, end | First, last row. |
    | enter | Choose the row under the cursor. |
    """

    COMPONENT_CLASSES = {"row-table--header", "row-table--cursor", "row-table--mark", "row-table--empty"}
    DEFAULT_CSS = """
    RowTable {
        height: 1fr;
        background: $surface;
        scrollbar-gutter: stable;
    }
    RowTable > .row-table--header { text-style: bold; background: $panel; }
    RowTable > .row-table--cursor { background: $boost; }
    RowTable:focus > .row-table--cursor { background: $accent 40%; }
    RowTable > .row-table--mark { color: $warning; text-style: bold; }
    RowTable > .row-table--empty { color: $text-muted; text-style: italic; }
    """

    class _TableMessage(Message):
        """A message about one table, which `@on(..., "#id")` selectors match by its id."""

        def __init__(self, table: RowTable) -> None:
            self.table = table
            """The table."""
            super().__init__()

        @property
        def control(self) -> RowTable:
            return self.table

    class Highlighted(_TableMessage):
        """The cursor moved to another row (or the rows changed under it)."""

        def __init__(self, table: RowTable, key: str | None) -> None:
            self.key = key
            """The row under the cursor, or None when the table is empty."""
            super().__init__(table)

    class Selected(_TableMessage):
        """Enter (or a double click) chose a row."""

        def __init__(self, table: RowTable, key: str) -> None:
            self.key = key
            """The chosen row."""
            super().__init__(table)

    class HeaderClicked(_TableMessage):
        """A column header was clicked (the library sorts by it)."""

        def __init__(self, table: RowTable, column: str) -> None:
            self.column = column
            """The column's key."""
            super().__init__(table)

    def __init__(
        self,
        columns: Sequence[Column],
        *,
        markable: bool = False,
        empty: str = "Nothing to show.",
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.columns = tuple(columns)
        self.markable = markable
        self.empty = empty
        self.marked: set[str] = set()
        """Keys of the marked rows (kept across sorts and filters)."""
        self._rows: Sequence[TableRow] = ()
        self._positions: dict[str, int] | None = None
        self._cursor = 0
        self._labels: dict[str, str] = {}
        self._lines: LRUCache[tuple[str, bool], Strip] = LRUCache(512)
        self._styles: dict[str, Style] = {}

    # ----------------------------------------------------------------- rows

    @property
    def rows(self) -> Sequence[TableRow]:
        """The rows shown, in order."""
        return self._rows

    @property
    def row_count(self) -> int:
        """How many rows are shown."""
        return len(self._rows)

    @property
    def cursor_row(self) -> int:
        """The position of the cursor among the rows shown."""
        return self._cursor

    @property
    def cursor_key(self) -> str | None:
        """The key of the row under the cursor, or None when there are no rows."""
        return self._rows[self._cursor].key if self._rows else None

    def position(self, key: str) -> int | None:
        """Where the row with this key is shown, or None."""
        if self._positions is None:
            # Built on demand, once per set of rows.
            self._positions = {row.key: number for number, row in enumerate(self._rows)}
        return self._positions.get(key)

    def set_rows(self, rows: Sequence[TableRow], *, keep: str | None = None, same_rows: bool = False) -> None:
        """Show these rows; the cursor stays on the row `keep` when it is among them.

        Otherwise it stays at the same position (or the last row), so that a deleted row's
        neighbour takes its place. `same_rows` says the rows are some of those shown before,
        unchanged (a filter or a sort of them): their drawn lines are then reused.
        """
        previous = self.cursor_key
        self._rows = rows
        self._positions = None
        if not same_rows:
            self._lines.clear()
        target = self.position(keep) if keep is not None else None
        self._cursor = target if target is not None else max(0, min(self._cursor, len(rows) - 1))
        self.virtual_size = Size(self.scrollable_content_region.width, len(rows) + 1)
        self._scroll_to_cursor()
        self.refresh()
        if self.cursor_key != previous or not rows:
            self.post_message(self.Highlighted(self, self.cursor_key))

    def move_cursor(self, row: int) -> None:
        """Put the cursor on a row (clamped to the rows shown)."""
        if not self._rows:
            return
        row = max(0, min(row, len(self._rows) - 1))
        if row == self._cursor:
            return
        old = self._cursor
        self._cursor = row
        for number in (old, row):
            self._lines.discard((self._rows[number].key, number == old))
        self._refresh_row(old)
        self._refresh_row(row)
        self._scroll_to_cursor()
        self.post_message(self.Highlighted(self, self.cursor_key))

    def refresh_key(self, key: str) -> None:
        """Draw one row again (its mark or its cells changed)."""
        number = self.position(key)
        if number is not None:
            self._lines.discard((key, True))
            self._lines.discard((key, False))
            self._refresh_row(number)

    def clear_marks(self) -> None:
        """Unmark every row."""
        self.marked.clear()
        self._lines.clear()
        self.refresh()

    def set_sort(self, column: str | None, descending: bool) -> None:
        """Show which column the rows are sorted by in the header."""
        self._labels = {c.key: c.label for c in self.columns}
        if column in self._labels:
            self._labels[column] += " ↓" if descending else " ↑"
        self.refresh(self.header_region)

    @property
    def header_region(self) -> Region:
        """The header line, in the widget's coordinates."""
        return Region(0, 0, self.size.width, 1)

    # ----------------------------------------------------------------- keys and mouse

    def action_move(self, delta: int) -> None:
        """Move the cursor by `delta` rows."""
        self.move_cursor(self._cursor + delta)

    def action_page(self, direction: int) -> None:
        """Move a screenful."""
        self.move_cursor(self._cursor + direction * max(1, self._page_rows - 1))

    def action_first(self) -> None:
        """Go to the first row."""
        self.move_cursor(0)

    def action_last(self) -> None:
        """Go to the last row."""
        self.move_cursor(len(self._rows) - 1)

    def action_select(self) -> None:
        """Choose the row under the cursor."""
        if self._rows:
            self.post_message(self.Selected(self, self._rows[self._cursor].key))

    def on_click(self, event: events.Click) -> None:
        """A header click sorts; a click on a row puts the cursor there; a double click chooses it."""
        if event.y == 0:
            column = self._column_at(event.x)
            if column is not None:
                self.post_message(self.HeaderClicked(self, column))
            return
        row = self.scroll_offset.y + event.y - 1
        if 0 <= row < len(self._rows):
            self.move_cursor(row)
            if event.chain >= 2:
                self.action_select()

    # ----------------------------------------------------------------- layout

    @property
    def _page_rows(self) -> int:
        return max(1, self.scrollable_content_region.height - 1)

    @property
    def _mark_width(self) -> int:
        return 2 if self.markable else 0

    def _shown(self, width: int) -> list[int]:
        """The positions of the columns shown at this width: every one while the flexible column
        keeps its `min_width`, else without the droppable ones, highest `drop` first."""
        shown = list(range(len(self.columns)))
        droppable = sorted((i for i in shown if self.columns[i].drop), key=lambda i: -self.columns[i].drop)
        while droppable and self._flexible(width, shown) < self._min_flexible:
            shown.remove(droppable.pop(0))
        return shown

    @property
    def _min_flexible(self) -> int:
        return max((column.min_width for column in self.columns if not column.width), default=0)

    def _flexible(self, width: int, shown: list[int]) -> int:
        """The width left for the flexible column. A line is a space, the mark, then each column
        followed by a space."""
        fixed = sum(self.columns[i].width for i in shown)
        return width - 1 - self._mark_width - fixed - len(shown)

    def _widths(self, width: int) -> list[tuple[int, int]]:
        """(position, width) of each column shown: the fixed ones as given, the flexible one
        (width 0) takes what is left."""
        shown = self._shown(width)
        flexible = max(8, self._flexible(width, shown))
        return [(i, self.columns[i].width or flexible) for i in shown]

    def _column_at(self, x: int) -> str | None:
        position = 1 + self._mark_width
        for number, width in self._widths(self.scrollable_content_region.width):
            if position <= x < position + width + 1:
                return self.columns[number].key
            position += width + 1
        return None

    def _scroll_to_cursor(self) -> None:
        top = self.scroll_offset.y
        page = self._page_rows
        if self._cursor < top:
            self.scroll_to(y=self._cursor, animate=False, immediate=True)
        elif self._cursor >= top + page:
            self.scroll_to(y=self._cursor - page + 1, animate=False, immediate=True)

    def _refresh_row(self, number: int) -> None:
        y = number - self.scroll_offset.y + 1
        if 1 <= y < self.size.height:
            self.refresh(Region(0, y, self.size.width, 1))

    def on_resize(self, event: events.Resize) -> None:
        self._lines.clear()
        self.virtual_size = Size(self.scrollable_content_region.width, len(self._rows) + 1)
        self._scroll_to_cursor()

    def notify_style_update(self) -> None:
        """Styles changed (focus, theme): lines drawn with the old ones are drawn again."""
        super().notify_style_update()
        self._styles.clear()
        self._lines.clear()

    def _style(self, name: str = "") -> Style:
        """The widget's style or a component's, looked up once per style change (it walks the CSS)."""
        style = self._styles.get(name)
        if style is None:
            style = self.rich_style if not name else self.get_component_rich_style(f"row-table--{name}")
            self._styles[name] = style
        return style

    # ----------------------------------------------------------------- drawing

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if y == 0:
            labels = [self._labels.get(column.key, column.label) for column in self.columns]
            return self._draw(labels, None, width, self._style("header"))
        number = self.scroll_offset.y + y - 1
        if number >= len(self._rows):
            if number == 0:
                return self._draw([self.empty], None, width, self._style() + self._style("empty"), span=True)
            return Strip.blank(width, self._style())
        row = self._rows[number]
        is_cursor = number == self._cursor
        cached = self._lines.get((row.key, is_cursor))
        if cached is not None and cached.cell_length == width:
            return cached
        base = self._style() + self._style("cursor") if is_cursor else self._style()
        mark = row.key in self.marked if self.markable else None
        strip = self._draw(row.cells, mark, width, base)
        self._lines[(row.key, is_cursor)] = strip
        return strip

    def _draw(self, cells: Sequence[Cell], mark: bool | None, width: int, base: Style, *, span: bool = False) -> Strip:
        """One line: text in the base style is joined into one segment, styled runs stand apart."""
        segments: list[Segment] = []
        plain = [" "]
        if self.markable:
            segments.append(Segment(" ", base))
            segments.append(Segment("● " if mark else "  ", base + self._style("mark")))
            plain = []
        widths = [(0, width - 1 - self._mark_width)] if span else self._widths(width)
        for number, size in widths:
            if number >= len(cells):
                break
            cell, column = cells[number], self.columns[number]
            for text, style in fit(cell, size, "left" if span else column.align):
                if style is None:
                    plain.append(text)
                else:
                    if plain:
                        segments.append(Segment("".join(plain), base))
                        plain = []
                    segments.append(Segment(text, base + style))
            plain.append(" ")
        segments.append(Segment("".join(plain), base))
        strip = Strip(segments)
        return strip if strip.cell_length == width else strip.crop_extend(0, width, base)
