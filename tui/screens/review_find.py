"""Finding on the review screen: search the article (/, n, N) and filter its paragraphs (f).

Mixed into `ReviewScreen`, whose `search` holds the matches and whose article view shows them.
"""

from __future__ import annotations

from tui.screens.review_host import ReviewPart

#: Filters offered by `f`, besides one per tag: (value, label).
BASIC_FILTERS = (
    ("all", "all paragraphs"),
    ("unreviewed", "not yet reviewed"),
    ("untagged", "untagged"),
    ("noted", "with a note"),
)


class FindAndFilter(ReviewPart):
    """The review screen's search and filter actions."""

    def action_search(self) -> None:
        """Search the article; matches are marked, n and N move between them."""
        from tui.screens.dialogs import TextPrompt  # dialogs are imported when one opens, not for the first frame

        def run(query: str | None) -> None:
            if not query or self.briefing is None:
                return
            self.search.run(query, self.briefing.article.paragraphs)
            if not self.search.matches:
                self.notify(f"No match for {query!r}.", severity="warning", timeout=3, markup=False)
            self.search.go_from(self.article_view.cursor)
            self._show_search()

        self.app.push_screen(TextPrompt("Search the article", self.search.query, placeholder="words to find"), run)

    def action_search_step(self, direction: int) -> None:
        """Next (1) or previous (-1) match."""
        if self.search.matches:
            self.search.step(direction)
            self._show_search()

    def _show_search(self) -> None:
        self.article_view.set_highlights(self.search.highlights())
        current = self.search.current
        if current is not None:
            if current.paragraph not in self.article_view.visible:
                self.article_view.set_filter(None)
                self.filter_label = ""
            self.article_view.cursor = current.paragraph
        self.refresh_bars()

    def action_filter(self) -> None:
        """Show only the paragraphs with a tag, unreviewed, untagged or with a note."""
        from tui.screens.dialogs import PickItem, PickList

        items = [*(PickItem(value, label) for value, label in BASIC_FILTERS), *(PickItem(f"tag:{tag.id}", f"tagged {tag.name}") for tag in self.tags)]
        self.app.push_screen(PickList("Show paragraphs", items), self.apply_filter)

    def apply_filter(self, choice: str | None) -> None:
        if choice is None or self.briefing is None:
            return
        briefing = self.briefing
        count = len(briefing.article.paragraphs)
        if choice == "all":
            self.filter_label = ""
            self.article_view.set_filter(None)
            self.refresh_bars()
            return
        tests = {
            "unreviewed": lambda i: not briefing.annotation(i).reviewed,
            "untagged": lambda i: not briefing.annotation(i).tags,
            "noted": lambda i: bool(briefing.annotation(i).note),
        }
        if choice.startswith("tag:"):
            tag_id = choice.removeprefix("tag:")
            visible = [i for i, a in briefing.annotations.items() if tag_id in a.tags]
            label = next((t.name for t in self.tags if t.id == tag_id), tag_id)
        else:
            visible = [i for i in range(count) if tests[choice](i)]
            label = dict(BASIC_FILTERS)[choice]
        if not visible:
            self.notify(f"No paragraph is {label}.", severity="warning", timeout=3, markup=False)
            return
        self.filter_label = label
        self.article_view.set_filter(visible)
        self.refresh_bars()
