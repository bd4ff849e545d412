"""Merge and rename in the actors view: one correction for every briefing at once.

Mixed into `ActorsView`. Seen across the library, "Lib Dems" and "Liberal Democrats" stand apart;
`m` merges the actor under the cursor into another, `r` renames it. Each is a library-wide
`ActorDecision`, saved and undone (`u`, `ctrl+r`) like those made on the review screen; its
undo history is the library's own (see `store.desk.undo`). The actors are counted again after each.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal, Protocol, cast

from briefings.briefing import new_id, now_iso
from briefings.decisions import ActorDecision
from briefings.edits import AddDecision, LibraryEdit
from tui.screens.dialogs import PickItem, PickList, TextPrompt

if TYPE_CHECKING:
    from textual.screen import Screen

    from store import ActorTally
    from tui.face import OnDesk
    from tui.widgets.briefing_table import RowTable

    class ActorsHost(Protocol):
        """What the corrections need of the actors view."""

        tally: ActorTally | None

        def table(self, name: str) -> RowTable:
            """One of the view's lists."""
            ...

        def count_again(self) -> None:
            """Count the actors again."""
            ...

    class _Base(ActorsHost, OnDesk, Screen[None]):
        """The actors view as its corrections see it."""

else:
    _Base = object


class LibraryActorCorrections(_Base):
    """The actors view's merge, rename, undo and redo."""

    def _actor_under_cursor(self) -> str | None:
        """The key of the actor under the cursor in the actors list, if there is one."""
        key = self.table("actors").cursor_key
        if self.tally is None or key is None or key not in self.tally.actors:
            self.notify("Put the cursor on an actor first.", severity="warning", timeout=3)
            return None
        return key

    def _decide(self, action: str, actor_key: str, value: str) -> None:
        decision = ActorDecision(new_id(), action, actor_key, value, now_iso())
        if self.face.submit(None, AddDecision(decision), scope=None):
            self.notify(f"Actor {action}: remembered for the whole library (u undoes).", timeout=4, markup=False)
            self.count_again()

    def action_rename_actor(self) -> None:
        """Rename the actor under the cursor in every briefing."""
        key = self._actor_under_cursor()
        if key is None or self.tally is None:
            return
        name = self.tally.actors[key].name
        self.app.push_screen(
            TextPrompt(f"Rename {name} in every briefing", name),
            lambda new: new and new != name and self._decide("rename", key, new),
        )

    def action_merge_actor(self) -> None:
        """Merge the actor under the cursor into another, in every briefing."""
        key = self._actor_under_cursor()
        if key is None or self.tally is None:
            return
        actor = self.tally.actors[key]
        others = [
            PickItem(other.key, other.name, f"{other.kind_label} · {other.briefing_count} briefings")
            for other in self.tally.ranked()
            if other.key != key
        ]
        self.app.push_screen(
            PickList(f"Merge {actor.name} into… (every briefing)", others),
            lambda target: target and self._decide("merge", key, target),
        )

    def action_undo(self) -> None:
        """Undo the latest change made in the library's views."""
        self._replay("undo")

    def action_redo(self) -> None:
        """Redo the latest change undone in the library's views."""
        self._replay("redo")

    def _replay(self, verb: Literal["undo", "redo"]) -> None:
        change = self.desk.undo(None) if verb == "undo" else self.desk.redo(None)
        if change is None:
            self.notify(f"Nothing to {verb} here.", timeout=2)
            return
        edit = cast(LibraryEdit, change.edit)  # the library's own history holds settings changes only
        described = (change.inverse() if verb == "undo" else change).edit.describe()
        if self.face.submit(None, edit, record=False):
            self.notify(f"{'Undid' if verb == 'undo' else 'Redid'} {described}", timeout=3, markup=False)
            self.count_again()
