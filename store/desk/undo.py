"""Multi-level undo and redo, one history per briefing, for as long as the app runs.

Undo is per briefing, as an editor's is per document: `u` in one briefing never reaches into
another, however the analyst moved between them. The histories belong to the app, not to a
screen, so leaving a briefing and coming back finds its history as it was. Changes to the
library's settings (tags, actor decisions) made from a briefing are in that briefing's history;
those made from the library's own views are in the library's (scope None).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from briefings.edits import BriefingEdit, LibraryEdit


@dataclass(frozen=True, slots=True)
class Change:
    """One entry of a history: an edit and the briefing it applied to (None for the library)."""

    briefing_id: str | None
    edit: BriefingEdit | LibraryEdit
    article_hash: str | None = None
    """The article the edit was made on: replaying it on another version is refused."""

    def inverse(self) -> Change:
        """The change that undoes this one."""
        return Change(self.briefing_id, self.edit.inverse(), self.article_hash)


@dataclass(slots=True)
class _Stacks:
    undo: list[Change] = field(default_factory=list)
    redo: list[Change] = field(default_factory=list)


class UndoHistory:
    """Two stacks of changes per scope (a briefing id, or None for the library's own views);
    a new change clears the redo stack of its scope."""

    def __init__(self, limit: int = 1000) -> None:
        self._scopes: dict[str | None, _Stacks] = {}
        self._limit = limit

    def _stacks(self, scope: str | None) -> _Stacks:
        return self._scopes.setdefault(scope, _Stacks())

    def record(self, change: Change, scope: str | None) -> None:
        """Remember a change the analyst just made in `scope`."""
        stacks = self._stacks(scope)
        stacks.undo.append(change)
        del stacks.undo[: -self._limit]
        stacks.redo.clear()

    def undo(self, scope: str | None) -> Change | None:
        """The change to apply to undo the latest one made in `scope`, or None when there is none."""
        stacks = self._stacks(scope)
        if not stacks.undo:
            return None
        change = stacks.undo.pop()
        stacks.redo.append(change)
        return change.inverse()

    def redo(self, scope: str | None) -> Change | None:
        """The change to apply again in `scope`, or None when there is nothing to redo."""
        stacks = self._stacks(scope)
        if not stacks.redo:
            return None
        change = stacks.redo.pop()
        stacks.undo.append(change)
        return change

    def can_undo(self, scope: str | None) -> bool:
        """True when `scope` has something to undo."""
        return bool(self._stacks(scope).undo)

    def can_redo(self, scope: str | None) -> bool:
        """True when `scope` has something to redo."""
        return bool(self._stacks(scope).redo)
