"""Multi-level undo and redo across every kind of change, for as long as the app runs.

The history belongs to the app, not to a screen, so it survives switching between briefings:
undoing a change made in another briefing applies its inverse to that briefing through the store.
"""

from __future__ import annotations

from dataclasses import dataclass

from briefings.edits import BriefingEdit, LibraryEdit


@dataclass(frozen=True, slots=True)
class Change:
    """One entry of the history: an edit and the briefing it applied to (None for the library)."""

    briefing_id: str | None
    edit: BriefingEdit | LibraryEdit
    article_hash: str | None = None
    """The article the edit was made on: replaying it on another version is refused."""

    def inverse(self) -> Change:
        """The change that undoes this one."""
        return Change(self.briefing_id, self.edit.inverse(), self.article_hash)


class UndoHistory:
    """Two stacks of changes; a new change clears the redo stack."""

    def __init__(self, limit: int = 1000) -> None:
        self._undo: list[Change] = []
        self._redo: list[Change] = []
        self._limit = limit

    def record(self, change: Change) -> None:
        """Remember a change the analyst just made."""
        self._undo.append(change)
        del self._undo[: -self._limit]
        self._redo.clear()

    def undo(self) -> Change | None:
        """The change to apply to undo the latest one, or None when there is nothing to undo."""
        if not self._undo:
            return None
        change = self._undo.pop()
        self._redo.append(change)
        return change.inverse()

    def redo(self) -> Change | None:
        """The change to apply again, or None when there is nothing to redo."""
        if not self._redo:
            return None
        change = self._redo.pop()
        self._undo.append(change)
        return change

    @property
    def can_undo(self) -> bool:
        """True when there is something to undo."""
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        """True when there is something to redo."""
        return bool(self._redo)
