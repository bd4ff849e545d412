"""The title bar above the review screen and the BLUF line below it."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from briefings.briefing import Briefing

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

    def show(self, briefing: Briefing, save_status: str, reason: str = "") -> None:
        """Render the bar for a briefing and the library's save state."""
        article = briefing.article
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append("Brief ▸ ", style="bold")
        text.append(article.title, style="bold")
        for part in (article.source, article.date.isoformat() if article.date else None, briefing.summary.grade.code):
            if part:
                text.append(f" · {part}", style="dim")
        total = len(article.paragraphs)
        text.append(f" · {briefing.reviewed_count}/{total} reviewed", style="dim")
        label, style = SAVE_LABELS.get(save_status, (save_status, ""))
        text.append(" · ")
        text.append(label, style=style)
        if reason:
            text.append(f" ({reason})", style=style)
        self.update(text)


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

    def show(self, bluf: str) -> None:
        """Render the BLUF line."""
        text = Text(no_wrap=False, overflow="ellipsis")
        text.append("BLUF: ", style="bold")
        if bluf:
            text.append(" ".join(bluf.split()))
        else:
            text.append("none yet — press s to write the summary", style="dim italic")
        self.update(text)
