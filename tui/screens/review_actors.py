"""Actor corrections on the review screen: rename, merge, split, change kind, hide, add.

Mixed into `ReviewScreen`. Each correction is an `ActorDecision`, applied through the screen's
`apply_library_edit` (saved, undoable). The analyst chooses its scope first: this briefing only
("Reuters" hidden where it is only quoted), or the whole library, so that the next article
already benefits. The choice made last comes first the next time. The taxonomy screen is opened
from here too, as the other library-wide setting.
"""

from __future__ import annotations

from collections.abc import Callable

from briefings.briefing import new_id, now_iso
from briefings.decisions import ActorDecision, decisions_for
from briefings.edits import AddDecision, RemoveDecision, SetTaxonomy
from briefings.extraction.decisions import mentions_of
from briefings.extraction.model import ACTOR_KINDS, Actor
from briefings.taxonomy import Tag
from tui.screens.review_host import ReviewPart



class ActorCorrections(ReviewPart):
    """The review screen's actor-correction actions."""

    def _highlighted_actor(self) -> Actor | None:
        from tui.widgets.panes import ActorsPane  # mounted after the first frame

        return self.query_one(ActorsPane).highlighted_actor

    def _decide(self, action: str, actor_key: str, value: str, scope: str) -> None:
        """Record a decision for this briefing (`scope` is its id) or the whole library ("")."""
        decision = ActorDecision(new_id(), action, actor_key, value, now_iso(), scope)
        self.apply_library_edit(AddDecision(decision))
        where = "for this briefing only" if scope else "for the whole library"
        self.notify(f"Actor {action}: remembered {where} (u undoes).", timeout=4, markup=False)

    def _with_scope(self, what: str, then: Callable[[str], object]) -> None:
        """Ask whether a decision is for this briefing or the whole library, then go on with
        `then(scope)`. The choice made last is offered first."""
        from tui.screens.dialogs import PickItem, PickList  # imported when a dialog opens, not for the first frame

        if self.briefing is None:
            return
        this = PickItem(self.briefing.id, "This briefing only", "other articles keep the actor as extraction gives it")
        every = PickItem("library", "Every briefing in the library", "remembered: the next article already benefits")
        items = [this, every] if self.desk.decision_scope == "briefing" else [every, this]

        def chosen(value: str | None) -> None:
            if value is None:
                return
            self.desk.decision_scope = "library" if value == "library" else "briefing"
            then("" if value == "library" else value)

        self.app.push_screen(PickList(f"{what}: for which briefings?", items, hint="Enter picks · Escape cancels"), chosen)

    def action_actor(self, action: str) -> None:
        """Correct the actor under the cursor: rename, merge, split, kind or hide."""
        actor = self._highlighted_actor()
        if actor is None or self.extraction is None:
            self.notify("Put the cursor on an actor first (Tab to the actors pane).", severity="warning", timeout=4)
            return
        if action == "split" and not actor.aliases:
            self.notify(f"{actor.name} has no aliases to split out.", severity="warning", timeout=3, markup=False)
            return
        self._with_scope(f"{action.capitalize()} {actor.name}", lambda scope: self._correct(action, actor, scope))

    def _correct(self, action: str, actor: Actor, scope: str) -> None:
        """Ask what the correction is (a name, a target, an alias, a kind) and record it."""
        from tui.screens.dialogs import PickItem, PickList, TextPrompt  # imported when a dialog opens, not for the first frame

        assert self.extraction is not None
        if action == "rename":
            self.app.push_screen(
                TextPrompt(f"Rename {actor.name}", actor.name),
                lambda name: name and name != actor.name and self._decide("rename", actor.key, name, scope),
            )
        elif action == "merge":
            others = [PickItem(a.key, a.name, f"{a.kind} ×{a.count}") for a in self.extraction.actors if a.key != actor.key]
            self.app.push_screen(
                PickList(f"Merge {actor.name} into…", others),
                lambda target: target and self._decide("merge", actor.key, target, scope),
            )
        elif action == "split":
            aliases = [PickItem(alias, alias) for alias in actor.aliases]
            self.app.push_screen(
                PickList(f"Split an alias out of {actor.name}", aliases),
                lambda alias: alias and self._decide("split", actor.key, alias, scope),
            )
        elif action == "kind":
            kinds = [PickItem(kind, kind, "current" if kind == actor.kind else "") for kind in ACTOR_KINDS]
            self.app.push_screen(
                PickList(f"Kind of {actor.name}", kinds),
                lambda kind: kind and kind != actor.kind and self._decide("kind", actor.key, kind, scope),
            )
        elif action == "hide":
            self._decide("hide", actor.key, "", scope)

    def action_add_actor(self) -> None:
        """Add an actor the extraction missed: typed, or the current search term."""
        self._with_scope("Add an actor", self._add_actor)

    def _add_actor(self, scope: str) -> None:
        from tui.screens.dialogs import PickItem, PickList, TextPrompt  # imported when a dialog opens, not for the first frame

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
            self.app.push_screen(PickList(f"Kind of {name}", kinds), lambda kind: kind and self._decide("add", name, kind, scope))

        self.app.push_screen(
            TextPrompt("Add an actor", self.search.query, placeholder="name as written in the article"),
            chosen_name,
        )

    def action_decisions(self) -> None:
        """List the actor decisions that apply here (the library's and this briefing's own);
        picking one withdraws it."""
        from tui.screens.dialogs import PickItem, PickList  # imported when a dialog opens, not for the first frame

        if self.briefing is None:
            return
        decisions = {d.id: d for d in decisions_for(self.desk.settings.decisions, self.briefing.id)}
        if not decisions:
            self.notify("No actor decisions apply to this briefing yet.", timeout=3)
            return
        items = [
            PickItem(d.id, f"{d.action} {d.actor}", f"{d.value + ' · ' if d.value else ''}{'this briefing' if d.briefing else 'whole library'}")
            for d in decisions.values()
        ]

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
