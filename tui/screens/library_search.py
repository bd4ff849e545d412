"""The results of a full-text search of the library: one line per place found, with its snippet.

Enter opens the briefing at the paragraph of the hit, with the word found marked (n and N step
through it there); Escape from the briefing comes back to these results.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.style import Style
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Static

from briefings.cleaning import clean_text
from briefings.wording import counted
from store import SearchHit
from tui.face import face_of
from tui.screens.dialogs import TextPrompt
from tui.screens.library_inbox import LibraryPart
from tui.widgets.briefing_table import Cell, Column, RowTable
from tui.widgets.footer import BriefFooter

MATCH = Style(bold=True, reverse=True)
COLUMNS = (Column("title", "Briefing", 40, drop=1), Column("where", "Where", 12), Column("snippet", "Found", min_width=30))


@dataclass(frozen=True, slots=True)
class HitRow:
    """One search hit as a table row."""

    key: str
    hit: SearchHit

    @property
    def cells(self) -> tuple[Cell, ...]:
        hit = self.hit
        where = hit.field
        if hit.paragraph is not None:
            where += f" ¶{hit.paragraph + 1}"
        end = hit.start + hit.length
        snippet = [
            (clean_text(hit.snippet[: hit.start]), None),
            (clean_text(hit.snippet[hit.start : end]), MATCH),
            (clean_text(hit.snippet[end:]), None),
        ]
        return clean_text(hit.entry.title), where, snippet

    @property
    def word(self) -> str:
        """The text that matched, to mark in the article."""
        return self.hit.snippet[self.hit.start : self.hit.start + self.hit.length]


class SearchResults(Screen[None]):
    """Where a query was found across the library."""

    PALETTE_AREA = "search"
    AUTO_FOCUS = "#hits"
    BINDINGS = [Binding("escape", "app.pop_screen", "Back", id="search.back")]
    """
    | Key | Action |
    | :- | :- |
    | enter | Open the briefing at this place, the word marked (n, N: next, previous). |
    | escape | Back to the library. |
    """

    DEFAULT_CSS = """
    SearchResults #search-title { height: 1; background: $panel; padding: 0 1; }
    """

    def __init__(self, query: str, hits: list[SearchHit]) -> None:
        super().__init__()
        self.query_text = query
        """What was searched for."""
        self.hits = hits
        """Where it was found, in the library's order."""

    def compose(self) -> ComposeResult:
        title = Text(no_wrap=True, overflow="ellipsis")
        title.append("Brief ▸ Library ▸ Search ", style="bold")
        title.append(f"“{clean_text(self.query_text)}”", style="bold")
        briefings = len({hit.id for hit in self.hits})
        title.append(f"  ·  {counted(len(self.hits), 'place')} in {counted(briefings, 'briefing')}")
        yield Static(title, id="search-title", markup=False)
        yield RowTable(COLUMNS, id="hits")
        yield BriefFooter()

    def on_mount(self) -> None:
        self.query_one(RowTable).set_rows([HitRow(str(number), hit) for number, hit in enumerate(self.hits)])

    @on(RowTable.Selected, "#hits")
    def _open(self, message: RowTable.Selected) -> None:
        row = HitRow(message.key, self.hits[int(message.key)])
        face_of(self).open_briefing(row.hit.id, row.hit.paragraph, row.word)


class SearchesLibrary(LibraryPart):
    """The library screen's `/`: search every briefing, then show the results (mixed into `LibraryScreen`)."""

    stale: bool

    class SearchFinished(Message, namespace="library_screen"):
        """A full-text search finished (posted from a worker)."""

        def __init__(self, query: str, hits: list[SearchHit]) -> None:
            self.query = query
            """What was searched for."""
            self.hits = hits
            """Where it was found."""
            super().__init__()

    def action_search(self) -> None:
        """Search every briefing's title, text, notes, summary and questions."""
        self.app.push_screen(
            TextPrompt("Search the library", placeholder="words in titles, text, notes, summaries, questions"),
            lambda query: query and self._search(query),
        )

    @work(thread=True, exclusive=True, group="library-search", exit_on_error=False, name="search the library")
    def _search(self, query: str) -> None:
        self.post_message(self.SearchFinished(query, self.desk.search(query)))

    def on_library_screen_search_finished(self, message: SearchFinished) -> None:
        if not message.hits:
            self.notify(f"Nothing in the library matches {message.query!r}.", severity="warning", timeout=4, markup=False)
            return
        self.stale = True
        self.app.push_screen(SearchResults(message.query, message.hits))

