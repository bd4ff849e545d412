"""The undo history: one per briefing, so that undo never reaches into another briefing."""

from __future__ import annotations

import pytest

from briefings.edits import AddTag, SetNote
from store import Change, UndoHistory

pytestmark = pytest.mark.unit


def test_undo_gives_inverses_in_reverse_order_and_redo_replays() -> None:
    history = UndoHistory()
    first = Change("a", AddTag(0, "fact"))
    second = Change("a", SetNote(2, "new", "old"))
    history.record(first, "a")
    history.record(second, "a")
    assert history.undo("a") == Change("a", SetNote(2, "old", "new"))
    assert history.undo("a") == Change("a", AddTag(0, "fact").inverse())
    assert history.undo("a") is None
    assert history.redo("a") == first
    assert history.redo("a") == second
    assert history.redo("a") is None


def test_each_briefing_has_its_own_history() -> None:
    history = UndoHistory()
    in_a, in_b = Change("a", AddTag(0, "fact")), Change("b", AddTag(1, "claim"))
    history.record(in_a, "a")
    history.record(in_b, "b")
    assert history.undo("a") == in_a.inverse()  # b's later change is not touched
    assert history.undo("a") is None
    assert history.can_undo("b") and history.undo("b") == in_b.inverse()
    # A settings change made from a briefing is in that briefing's history.
    settings = Change(None, AddTag(2, "fact"))
    history.record(settings, "a")
    assert not history.can_undo(None) and history.undo("a") == settings.inverse()


def test_a_new_change_clears_redo() -> None:
    history = UndoHistory()
    history.record(Change("a", AddTag(0, "fact")), "a")
    history.undo("a")
    assert history.can_redo("a")
    history.record(Change("a", AddTag(1, "claim")), "a")
    assert not history.can_redo("a")


def test_history_is_bounded() -> None:
    history = UndoHistory(limit=3)
    for index in range(5):
        history.record(Change("a", AddTag(index, "fact")), "a")
    undone = [history.undo("a") for _ in range(4)]
    assert [c.edit.paragraph for c in undone[:3] if c] == [4, 3, 2]
    assert undone[3] is None
