"""The first frame of `brief open FILE`: the article as read from the file, while the library opens.

The command line has read the article already (to refuse a bad file in one line before the
terminal is taken over), so it can be drawn before the library is: this screen lays the article
out exactly as the review screen does (`review_layout`: the same title bar, article pane and room
for the panes), and the library (importing the store and the desk, opening the folder, adding the
article, importing the review screen) is opened in a worker only after this frame is on screen.
The review screen then takes its place with the analyst's tags, notes, place and panes.

Keys wait at the key gate meanwhile (`built` stays False, see `tui.face.PaintsFirst`), so a key
pressed now is handled by the review screen once it is whole; `q` still leaves at once. The title
bar says the library is opening, in place of the save state: nothing can be changed yet.

Imported before the first frame: only Textual, the article view and the title bar.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Static

from briefings.briefing import Annotation
from briefings.model import Article
from tui.widgets.article_view import ArticleView
from tui.widgets.bars import TitleBar

#: Terminal width below which the article and the panes take turns instead of sharing the width
#: (beside 32 columns of panes the article would be under 40 columns wide; see `PlaceAndPanes`).
NARROW = 72


def review_layout() -> Iterator[Widget]:
    """The review screen's first frame: the title bar and the article beside the room kept for
    the panes (mounted after it). Both this screen and the review screen compose it."""
    yield TitleBar(id="title-bar")
    yield Static(id="same-story", markup=False)
    with Horizontal(id="review-body"):
        yield ArticleView(id="article")
        yield Vertical(id="side")


class OpeningScreen(Screen[None]):
    """The article from the file, laid out as on the review screen, while the library opens."""

    AUTO_FOCUS = "#article"
    DEFAULT_CSS = """
    OpeningScreen.-narrow #side { display: none; }
    """

    built = False
    """Never: keys wait for the review screen that follows (see `tui.face.PaintsFirst`)."""

    def __init__(self, article: Article, then: Callable[[], object]) -> None:
        """
        Args:
            article: The article as read from the file (or fetched).
            then: Called once this screen's first frame is drawn (opens the library).
        """
        super().__init__()
        self.article = article
        self._then = then

    def compose(self) -> Iterator[Widget]:
        yield from review_layout()

    def on_mount(self) -> None:
        self.set_class(self.app.size.width < NARROW, "-narrow")
        self.query_one(TitleBar).show_opening(self.article)
        view = self.query_one(ArticleView)
        view.load(self.article.paragraphs, lambda _index: Annotation(), ())
        view.focus()
        self.call_after_refresh(self._then)
