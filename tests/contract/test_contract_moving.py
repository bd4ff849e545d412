"""Contract: moving a library keeps who changed what. A briefing copied in (`copy_in`) takes the
history it is given, exactly, in the library or its trash; a trashed briefing's history can be
read for the move; the settings copied in (`copy_settings_in`) take their history exactly. Nothing
is recorded as the handle that copies."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefings.decisions import ActorDecision
from briefings.edits import AddDecision, AddTag, SetNote, SetTaxonomy
from briefings.taxonomy import DEFAULT_TAGS
from store import BriefingNotFound
from tests.contract.backends import Kit, open_library
from tests.contract.test_contract_edits import new_briefing

pytestmark = pytest.mark.unit


def test_a_briefing_copied_in_keeps_its_history_in_the_library_and_in_the_trash(kit: Kit, where: Path, tmp_path: Path) -> None:
    source = open_library(kit, where)
    source.analyst = "Ada"
    kept, gone = new_briefing(source, "Tikrit"), new_briefing(source, "Mosul")
    source.apply(kept, AddTag(0, "fact"))
    source.analyst = "Bob"
    source.apply(kept, SetNote(1, "Bob's note"))
    source.apply(gone, AddTag(2, "claim"))
    source.delete(gone)
    with pytest.raises(BriefingNotFound):
        source.history(gone)
    trashed = source.history(gone, trashed=True)
    assert [(entry.who, entry.kind) for entry in trashed] == [("Ada", "import"), ("Bob", "tag")]

    target = open_library(kit, kit.place(tmp_path / "target"))  # type: ignore[arg-type]
    target.analyst = "Cy"
    target.copy_in(source.load(kept), history=source.history(kept))
    (briefing,) = source.trashed()
    target.copy_in(briefing, trashed=True, history=trashed)
    assert target.history(kept) == source.history(kept)
    assert target.history(gone, trashed=True) == trashed
    with pytest.raises(BriefingNotFound):
        target.history(gone)


def test_the_settings_copied_in_keep_their_history(kit: Kit, where: Path, tmp_path: Path) -> None:
    source = open_library(kit, where)
    source.analyst = "Ada"
    source.apply_settings(SetTaxonomy(DEFAULT_TAGS[:4], DEFAULT_TAGS))
    source.analyst = "Bob"
    source.apply_settings(AddDecision(ActorDecision("d1", "hide", "reuters", "", "2025-01-01T10:00:00")))
    at = kit.place(tmp_path / "target")
    target = open_library(kit, at)  # type: ignore[arg-type]
    target.analyst = "Cy"
    target.copy_settings_in(source.settings(), source.settings_history())
    again = open_library(kit, at)  # type: ignore[arg-type]
    assert again.settings() == source.settings()
    assert again.settings_history() == source.settings_history() and [entry.who for entry in again.settings_history()] == ["Ada", "Bob"]
