"""The title bar above the review screen and the BLUF line below it."""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from rich.color import Color, ColorParseError
from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual import events
from textual.widgets import Static

from briefings.briefing import Briefing
from briefings.model import Article
from briefings.taxonomy import Tag

#: How each save state is shown, and its style.
SAVE_LABELS = {
    "saved": ("saved", "green"),
    "saving": ("saving…", "yellow"),
    "not-saved": ("NOT SAVED", "bold white on red"),
    "read-only": ("read-only", "bold black on yellow"),
}


class TitleBar(Static):
    """Title, source, date, source grade, review progress and save state of the open briefing."""

    DEFAULT_CSS = """
    TitleBar {
        height: 1;
        background: $panel;
        color: $text;
        padding: 0 1;
    }
    """

    def show(self, briefing: Briefing, save_status: str, reason: str = "", extra: list[str] | None = None) -> None:
        """Render the bar: the article on the left (cut to fit), progress and save state always shown."""
        article = briefing.article
        right = Text("  ", no_wrap=True)  # a gap after a title cut short
        if briefing.summary.grade.code:
            right.append(f" {briefing.summary.grade.code} ", style="bold reverse")
            right.append(" · ")
        for note in extra or ():
            right.append(f"{note} · ", style="bold")
        right.append(f"{briefing.reviewed_count}/{len(article.paragraphs)} reviewed · ")
        label, style = SAVE_LABELS.get(save_status, (save_status, ""))
        right.append(label, style=style)
        if reason:
            right.append(f" ({reason})", style=style)
        self._draw(article, right)

    def show_opening(self, article: Article) -> None:
        """Render the bar for an article read from its file while the library opens (see
        `tui.screens.opening`): no progress or save state yet, as nothing can be changed."""
        self._draw(article, Text.assemble("  ", ("opening library…", "yellow"), no_wrap=True))

    def _draw(self, article: Article, right: Text) -> None:
        left = Text(no_wrap=True, overflow="ellipsis")
        left.append("Brief ▸ ", style="bold")
        left.append(article.title, style="bold")
        for part in (article.source, article.date.isoformat() if article.date else None):
            if part:
                left.append(f" · {part}", style="dim")
        grid = Table.grid(expand=True)
        grid.add_column(ratio=1, no_wrap=True, overflow="ellipsis")
        grid.add_column(no_wrap=True, justify="right")
        grid.add_row(left, right)
        # One line high whatever it says: no layout pass needed, which keeps a tag key cheap.
        self.update(grid, layout=False)


class TagLegend(Static):
    """The tag keys beside the tag names, so the digits never have to be memorised.

    On a narrow terminal the legend takes a second line rather than cutting tags off: each
    key stays with its name, and a line breaks only between them.
    """

    DEFAULT_CSS = """
    TagLegend {
        height: auto;
        max-height: 3;
        padding: 0 1;
        background: $panel-darken-1;
    }
    """

    _tags: Sequence[Tag] = ()
    _width = 0

    def show(self, tags: Sequence[Tag]) -> None:
        """Render the legend for a taxonomy."""
        self._tags = tags
        self._draw()

    def on_resize(self, event: events.Resize) -> None:
        if self.content_size.width != self._width:
            self._draw()

    def _draw(self) -> None:
        self._width = width = self.content_size.width or 10_000
        keyed = [tag for tag in self._tags if tag.key]
        items = []
        for tag in sorted(keyed, key=lambda tag: tag.key):
            item = Text()
            item.append(f" {tag.key} ", style="bold reverse")
            item.append(f" {tag.name}  ", style=tag_style(tag.colour))
            items.append(item)
        if len(keyed) < len(self._tags):
            item = Text()
            item.append(" t ", style="bold reverse")
            item.append(f" {len(self._tags) - len(keyed)} more tags…", style="dim")
            items.append(item)
        lines = [Text(no_wrap=True, overflow="ellipsis")]
        for item in items:
            if lines[-1].cell_len and lines[-1].cell_len + cell_len(item.plain.rstrip()) > width:
                lines.append(Text(no_wrap=True, overflow="ellipsis"))
            lines[-1].append_text(item)
        self.update(Text("\n").join(lines))


def tag_colour(colour: str) -> Color | None:
    """A tag's colour, or None when Rich cannot parse it (a hand-edited taxonomy)."""
    try:
        return Color.parse(colour)
    except ColorParseError:
        return None


def tag_style(colour: str) -> Style:
    """Text in a tag's colour (the terminal's own when it cannot be parsed)."""
    return Style(color=tag_colour(colour), bold=True)


class BlufBar(Static):
    """The bottom line up front, or a hint to write one."""

    DEFAULT_CSS = """
    BlufBar {
        height: auto;
        max-height: 3;
        padding: 0 1;
        background: $panel-darken-1;
    }
    """

    _shown: str | None = None

    def show(self, bluf: str) -> None:
        """Render the BLUF line (only when it changed: its height may change, which costs a layout)."""
        if bluf == self._shown:
            return
        self._shown = bluf
        text = Text(no_wrap=False, overflow="ellipsis")
        text.append("BLUF: ", style="bold")
        if bluf:
            text.append(" ".join(bluf.split()))
        else:
            text.append("none yet — press s to write the summary", style="dim italic")
        self.update(text)
