"""Actor corrections on the review screen: rename, merge, split, change kind, hide, add.

Mixed into `ReviewScreen`. Each correction is an `ActorDecision` for the whole library, applied
through the screen's `apply_library_edit` (saved, undoable), so the next article already
benefits. The taxonomy screen is opened from here too, as the other library-wide setting.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from briefings.briefing import new_id, now_iso
from briefings.decisions import ActorDecision
from briefings.edits import AddDecision, RemoveDecision, SetTaxonomy
from briefings.extraction.decisions import mentions_of
from briefings.extraction.model import ACTOR_KINDS, Actor
from briefings.taxonomy import Tag
from tui.screens.dialogs import PickItem, PickList, TextPrompt
from tui.widgets.panes import ActorsPane

if TYPE_CHECKING:
    from tui.screens.review import ReviewScreen

    _Base = ReviewScreen
else:
    _Base = object


class ActorCorrections(_Base):
    """The review screen's actor-correction actions."""

    def _highlighted_actor(self) -> Actor | None:
        return self.query_one(ActorsPane).highlighted_actor

    def _decide(self, action: str, actor_key: str, value: str = "") -> None:
        decision = ActorDecision(new_id(), action, actor_key, value, now_iso())
        self.apply_library_edit(AddDecision(decision))
        self.notify(f"Actor {action}: remembered for the whole library (u undoes).", timeout=4, markup=False)

    def action_actor(self, action: str) -> None:
        """Correct the actor under the cursor: rename, merge, split, kind or hide."""
        actor = self._highlighted_actor()
        if actor is None or self.extraction is None:
            self.notify("Put the cursor on an actor first (Tab to the actors pane).", severity="warning", timeout=4)
            return
        if action == "rename":
            self.app.push_screen(
                TextPrompt(f"Rename {actor.name}", actor.name),
                lambda name: name and name != actor.name and self._decide("rename", actor.key, name),
            )
        elif action == "merge":
            others = [PickItem(a.key, a.name, f"{a.kind} ×{a.count}") for a in self.extraction.actors if a.key != actor.key]
            self.app.push_screen(
                PickList(f"Merge {actor.name} into…", others),
                lambda target: target and self._decide("merge", actor.key, target),
            )
        elif action == "split":
            if not actor.aliases:
                self.notify(f"{actor.name} has no aliases to split out.", severity="warning", timeout=3, markup=False)
                return
            aliases = [PickItem(alias, alias) for alias in actor.aliases]
            self.app.push_screen(
                PickList(f"Split an alias out of {actor.name}", aliases),
                lambda alias: alias and self._decide("split", actor.key, alias),
            )
        elif action == "kind":
            kinds = [PickItem(kind, kind, "current" if kind == actor.kind else "") for kind in ACTOR_KINDS]
            self.app.push_screen(
                PickList(f"Kind of {actor.name}", kinds),
                lambda kind: kind and kind != actor.kind and self._decide("kind", actor.key, kind),
            )
        elif action == "hide":
            self._decide("hide", actor.key)

    def action_add_actor(self) -> None:
        """Add an actor the extraction missed: typed, or the current search term."""

        def chosen_name(name: str | None) -> None:
            if not name or self.briefing is None:
                return
            if not mentions_of(name, self.briefing.article):
                self.notify(
                    f"“{name}” does not occur in this article: an actor is added where the text names it.",
                    title="Add actor",
                    severity="warning",
                    timeout=6,
                    markup=False,
                )
                return
            kinds = [PickItem(kind, kind) for kind in ACTOR_KINDS]
            self.app.push_screen(PickList(f"Kind of {name}", kinds), lambda kind: kind and self._decide("add", name, kind))

        self.app.push_screen(
            TextPrompt("Add an actor", self.search.query, placeholder="name as written in the article"),
            chosen_name,
        )

    def action_decisions(self) -> None:
        """List the library's actor decisions; picking one withdraws it."""
        decisions = {d.id: d for d in self.app.settings.decisions}  # type: ignore[attr-defined]
        if not decisions:
            self.notify("No actor decisions yet.", timeout=3)
            return
        items = [PickItem(d.id, f"{d.action} {d.actor}", d.value) for d in decisions.values()]

        def withdraw(decision_id: str | None) -> None:
            if decision_id:
                self.apply_library_edit(RemoveDecision(decisions[decision_id]))

        self.app.push_screen(PickList("Withdraw an actor decision", items), withdraw)

    def action_edit_tags(self) -> None:
        """Edit the library's tag taxonomy."""
        from tui.screens.tags import TagsScreen

        def save(tags: tuple[Tag, ...]) -> None:
            self.apply_library_edit(SetTaxonomy(tags, self.tags))

        self.app.push_screen(TagsScreen(lambda: self.tags, save, self.action_undo))
