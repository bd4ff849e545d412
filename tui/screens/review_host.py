"""What the parts of the review screen need of it: a small Protocol, so that each part (undo, find,
actors, place, the same story, following the disk, notes) is typed against it rather than against
the concrete `ReviewScreen`, which is made of them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Protocol

from briefings.briefing import Briefing
from briefings.edits import BriefingEdit, LibraryEdit
from briefings.history import HistoryEntry
from briefings.extraction.model import Extraction
from briefings.summary import Summary
from briefings.taxonomy import Tag
from tui.search import ArticleSearch
from tui.widgets.article_view import ArticleView

if TYPE_CHECKING:
    from textual.screen import Screen
    from textual.timer import Timer

    from tui.face import OnDesk

#: The version of a briefing deleted in another window (no version is negative).
DELETED = -2


class ReviewHost(Protocol):
    """The review screen as its parts see it."""

    briefing_id: str
    briefing: Briefing | None
    """The briefing shown, once read."""
    raw_extraction: Extraction | None
    """Its extraction as made (cached or computed), before the actor decisions."""
    extraction: Extraction | None
    """Its extraction as the analyst sees it (decisions applied)."""
    search: ArticleSearch
    filter_label: str
    panes_toggled: bool
    built: bool
    """True once the panes and bars are mounted, after the first frame."""
    _cached_extraction: Extraction | None
    _version: int
    _edits: int
    _start_paragraph: int | None
    _start_words: str
    _saved_position: int | None
    _position_timer: Timer | None
    _cursor: int | None

    @property
    def article_view(self) -> ArticleView:
        """The article pane."""
        ...

    @property
    def tags(self) -> tuple[Tag, ...]:
        """The library's taxonomy."""
        ...

    def apply_edit(self, edit: BriefingEdit, *, record: bool = True, made_against: str | None = None) -> bool:
        """Apply, save and show a change to the briefing; False when refused."""
        ...

    def apply_library_edit(self, edit: LibraryEdit, *, record: bool = True) -> bool:
        """Apply, save and show a change to the library's settings; False when refused."""
        ...

    def refresh_bars(self) -> None:
        """Redraw the title and BLUF bars."""
        ...

    def refresh_questions(self) -> None:
        """Redraw the questions pane."""
        ...

    def take_extraction(self, cached: Extraction | None) -> None:
        """Fill the panes from the extraction read with the briefing, else extract."""
        ...

    def show_extraction(self) -> None:
        """Fill the panes from the extraction with the decisions applied."""
        ...

    def reload_summary_screen(self, summary: Summary, *, saved_elsewhere: bool = False) -> None:
        """Show a summary on an open summary screen."""
        ...

    def look_for_same_story(self) -> None:
        """Look for the same story told elsewhere, in a worker."""
        ...

    def go_to_start(self) -> None:
        """Put the cursor where the screen was asked to open."""
        ...

    def extract_again(self) -> None:
        """Fill the panes again from a fresh extraction."""
        ...

    def apply_filter(self, choice: str | None) -> None:
        """Show only some paragraphs (a filter value), or all."""
        ...

    def action_undo(self) -> None:
        """Undo the latest change in this briefing."""
        ...

    def take_history(self, history: Iterable[HistoryEntry]) -> None:
        """Attribute the work on screen from the briefing's history."""
        ...


if TYPE_CHECKING:

    class ReviewPart(ReviewHost, OnDesk, Screen[None]):
        """The base the review screen's parts are typed against: the host, on a screen with the desk."""

else:
    ReviewPart = object
