"""Undo and redo on the review screen: this briefing's own history (see `store.desk.undo`).

Mixed into `ReviewScreen`. Every message names what was undone or redone, field included
("Undid BLUF", "Undid tag 'military' on ¶4"), so the analyst can tell what `u` did without
looking for it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal, cast

from briefings.edits import AddTag, BriefingEdit, LibraryEdit, RemoveTag, SetSummary
from tui.screens.review_host import ReviewPart

if TYPE_CHECKING:
    from store import Change



class UndoRedo(ReviewPart):
    """The review screen's undo and redo."""

    def action_undo(self) -> None:
        """Undo the latest change made in this briefing."""
        change = self.desk.undo(self.briefing_id)
        # The change applied is the inverse; the message names what the analyst did.
        self._replay(change, "undo", self.describe_change(change.inverse()) if change else "")

    def action_redo(self) -> None:
        """Redo the latest change undone in this briefing."""
        change = self.desk.redo(self.briefing_id)
        self._replay(change, "redo", self.describe_change(change) if change else "")

    def describe_change(self, change: Change) -> str:
        """A change in words, with tag names rather than tag ids."""
        edit = change.edit
        if isinstance(edit, (AddTag, RemoveTag)):
            name = next((tag.name for tag in self.tags if tag.id == edit.tag), edit.tag)
            where = f"¶{edit.paragraph + 1}"
            return f"tag '{name}' on {where}" if isinstance(edit, AddTag) else f"removal of tag '{name}' from {where}"
        return edit.describe()

    def _replay(self, change: Change | None, verb: Literal["undo", "redo"], description: str) -> None:
        """Apply an undone or redone change; say so only when it was applied (a refusal says why)."""
        if change is None:
            self.notify(f"Nothing to {verb} in this briefing.", timeout=2)
            return
        if change.briefing_id is None:
            applied = self.apply_library_edit(cast(LibraryEdit, change.edit), record=False)
        else:
            applied = self.apply_edit(cast(BriefingEdit, change.edit), record=False, made_against=change.article_hash)
            paragraph = getattr(change.edit, "paragraph", None)
            if applied and paragraph is not None and paragraph in self.article_view.visible:
                self.article_view.cursor = paragraph
            if applied and isinstance(change.edit, SetSummary) and self.briefing is not None:
                self.reload_summary_screen(self.briefing.summary)
        if applied:
            self.notify(f"{'Undid' if verb == 'undo' else 'Redid'} {description}", timeout=3, markup=False)
