"""The review screen's "also reported by …" bar, and `V` to file the story as one briefing or keep apart.

After the briefing is shown, a worker indexes it for near-duplicates if need be (see
`store.similar`) and, when the library holds the same story from another source or in another
version, a bar under the title says by whom. `V` (and "review: same story…" in the palette)
offers the choice (see `tui.screens.same_story`); after filing, the screen shows the briefing
that remains.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message
from textual.widgets import Static

from tui.screens.review_host import ReviewPart
from tui.screens.same_story import SameStory, ask, read_same_story

if TYPE_CHECKING:
    from store import ImportResult


class SameStoryFound(Message):
    """The briefing's near-duplicates were looked for (posted from a worker)."""

    def __init__(self, briefing_id: str, story: SameStory | None) -> None:
        self.briefing_id = briefing_id
        self.story = story
        super().__init__()


class SameStoryBar(ReviewPart):
    """Mixed into `ReviewScreen`."""

    same_story: SameStory | None = None
    """The near-duplicates of the briefing on screen, once looked for."""

    def look_for_same_story(self) -> None:
        """Look for the same story told elsewhere in the library, in a worker."""
        briefing_id = self.briefing_id
        desk = self.desk

        def look() -> None:
            self.post_message(SameStoryFound(briefing_id, read_same_story(desk, briefing_id)))

        self.run_worker(look, thread=True, exclusive=True, group="same-story-look", exit_on_error=False, name="look for the same story")

    def on_same_story_found(self, message: SameStoryFound) -> None:
        if message.briefing_id != self.briefing_id:
            return
        self.same_story = message.story
        bar = self.query_one("#same-story", Static)
        bar.display = message.story is not None
        if message.story is not None:
            bar.update(message.story.line())

    def action_same_story(self) -> None:
        """File this briefing and the same story from elsewhere as one, or keep them apart."""
        if self.same_story is None:
            self.notify("The library has this story from no other source.", timeout=4)
            return
        ask(self, self.desk, self.same_story, self._filed)

    def _filed(self, message: str, result: ImportResult | None) -> None:
        self.notify(message, title="Same story", timeout=6, markup=False)
        if result is not None and result.id != self.briefing_id:
            self.face.open_briefing(result.id, in_place=True)
        else:
            self.look_for_same_story()
