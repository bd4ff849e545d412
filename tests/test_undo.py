"""The app-wide undo history."""

from __future__ import annotations

from briefings.edits import AddTag, SetNote
from tui.undo import Change, UndoHistory


def test_undo_gives_inverses_in_reverse_order_and_redo_replays() -> None:
    history = UndoHistory()
    first = Change("a", AddTag(0, "fact"))
    second = Change("b", SetNote(2, "new", "old"))
    history.record(first)
    history.record(second)
    assert history.undo() == Change("b", SetNote(2, "old", "new"))
    assert history.undo() == Change("a", AddTag(0, "fact").inverse())
    assert history.undo() is None
    assert history.redo() == first
    assert history.redo() == second
    assert history.redo() is None


def test_a_new_change_clears_redo() -> None:
    history = UndoHistory()
    history.record(Change("a", AddTag(0, "fact")))
    history.undo()
    assert history.can_redo
    history.record(Change("a", AddTag(1, "claim")))
    assert not history.can_redo


def test_history_is_bounded() -> None:
    history = UndoHistory(limit=3)
    for index in range(5):
        history.record(Change("a", AddTag(index, "fact")))
    undone = [history.undo() for _ in range(4)]
    assert [c.edit.paragraph for c in undone[:3] if c] == [4, 3, 2]
    assert undone[3] is None
