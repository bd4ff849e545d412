"""Tagging and marking paragraphs reviewed on the review screen, and correcting the article's facts.

Mixed into `ReviewScreen`: the digits toggle the tag with that key, `t` picks any tag by name,
Enter marks the paragraph reviewed and moves on, `R` toggles reviewed, `M` corrects the facts.
"""

from __future__ import annotations

from briefings.edits import AddTag, RemoveTag, SetReviewed
from briefings.facts import SetFacts
from briefings.model import ArticleFacts
from tui.screens.review_host import ReviewPart


class TagsAndReview(ReviewPart):
    """The review screen's tagging, review marks and facts."""


    def action_toggle_tag(self, key: str) -> None:
        """Toggle the tag with this key on the paragraph under the cursor."""
        tag = next((tag for tag in self.tags if tag.key == key), None)
        if tag is None:
            self.notify(f"No tag has the key {key}.", severity="warning", timeout=3)
            return
        self.toggle_tag(tag.id)

    def toggle_tag(self, tag_id: str) -> None:
        """Put the tag on the current paragraph, or take it off."""
        if self.briefing is None:
            return
        index = self.article_view.cursor
        has_tag = tag_id in self.briefing.annotation(index).tags
        self.apply_edit(RemoveTag(index, tag_id) if has_tag else AddTag(index, tag_id))

    def action_pick_tag(self) -> None:
        """Choose a tag by name, typing to filter, and toggle it."""
        from tui.screens.dialogs import PickItem, PickList  # imported when a dialog opens, not for the first frame

        if self.briefing is None:
            return
        current = self.briefing.annotation(self.article_view.cursor).tags
        items = [
            PickItem(tag.id, f"{'✓ ' if tag.id in current else '  '}{tag.name}", f"key {tag.key}" if tag.key else tag.description)
            for tag in self.tags
        ]
        self.app.push_screen(PickList("Toggle a tag", items), lambda tag_id: tag_id and self.toggle_tag(tag_id))

    def action_done_next(self) -> None:
        """Mark the paragraph reviewed and move to the next one."""
        if self.briefing is None:
            return
        index = self.article_view.cursor
        if not self.briefing.annotation(index).reviewed:
            self.apply_edit(SetReviewed(index, True))
        self.article_view.action_move(1)

    def action_toggle_reviewed(self) -> None:
        """Mark the paragraph under the cursor not reviewed (or reviewed), staying on it."""
        if self.briefing is None:
            return
        index = self.article_view.cursor
        reviewed = self.briefing.annotation(index).reviewed
        if self.apply_edit(SetReviewed(index, not reviewed)):
            self.notify(f"¶{index + 1} marked {'not reviewed' if reviewed else 'reviewed'}.", timeout=2)

    # ----------------------------------------------------------------- the article's facts

    def action_facts(self) -> None:
        """Correct the article's title, source, author, date or address."""
        from tui.screens.facts import FactsEditor

        if self.briefing is None:
            return
        article = self.briefing.article
        previous = article.facts

        def save(facts: ArticleFacts | None) -> None:
            if facts is not None and facts != previous:
                self.apply_edit(SetFacts(facts, previous))

        self.app.push_screen(FactsEditor(previous, article.as_read), save)

