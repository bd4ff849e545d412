"""The same story twice, in the app: "also reported by …", and the analyst's choice about it.

The library screen and the review screen both show a briefing's near-duplicates (see
`store.similar`) and offer the same choice: file the later one as a new version of the other
(its text replaces the other's, whose work is re-attached as on a re-import; the later briefing
goes to the trash), or keep the two apart (the pair is not offered again). The choice is made
in a `PickList` and carried out in a worker of the screen that asked.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.text import Text
from textual.screen import Screen

from briefings.cleaning import clean_text
from store import IndexEntry

if TYPE_CHECKING:
    from store import Desk, ImportResult


@dataclass(frozen=True, slots=True)
class SameStory:
    """A briefing and the briefings that tell the same story.

    Attributes:
        entry: The briefing.
        others: The others, as the library lists them.
        undecided: The ids of those the analyst has not kept apart yet.
    """

    entry: IndexEntry
    others: tuple[IndexEntry, ...]
    undecided: frozenset[str]

    def line(self) -> Text:
        """"≈ Also reported by Reuters (“…”), The Daily — V: …", for a bar or the library's detail line."""
        text = Text("≈ Also reported by ", style="bold")
        for number, other in enumerate(self.others):
            if number:
                text.append(", ")
            source = clean_text(other.source) or "another source"
            text.append(source, style="bold")
            text.append(f" (“{_short(other.title)}”)")
        if self.undecided:
            text.append("  ·  file as one briefing or keep apart: V", style="italic")
        else:
            text.append("  ·  kept apart", style="dim")
        return text


def same_story(entry: IndexEntry | None, groups: dict[str, list[str]], apart: set[str], entries: dict[str, IndexEntry]) -> SameStory | None:
    """The near-duplicates of a briefing from what the library found (`groups`) and what the
    analyst kept apart (`apart`), or None when it has none."""
    if entry is None:
        return None
    others = tuple(entries[other] for other in groups.get(entry.id, []) if other in entries)
    if not others:
        return None
    from store import pair_key  # here: the review screen's first frame has no near-duplicates to show

    undecided = frozenset(other.id for other in others if pair_key(entry.id, other.id) not in apart)
    return SameStory(entry, others, undecided)


def read_same_story(desk: Desk, briefing_id: str) -> SameStory | None:
    """A briefing's near-duplicates, indexing it first if need be (in a worker: this reads files)."""
    others = desk.same_story_as(briefing_id)
    if not others:
        return None
    entries = {entry.id: entry for entry in desk.entries()}
    return same_story(entries.get(briefing_id), {briefing_id: others}, desk.feeds().apart, entries)


def ask(screen: Screen[object], desk: Desk, story: SameStory, done: Callable[[str, ImportResult | None], None]) -> None:
    """Offer the choices for `story`; carry out the one picked in a worker of `screen`, then call
    `done(message, result)` on the UI thread (the result is None for "keep apart")."""
    from tui.screens.dialogs import PickItem, PickList  # imported when a dialog opens, not for the first frame

    items = []
    for other in story.others:
        if other.id not in story.undecided:
            continue
        newer, older = _newer_first(story.entry, other)
        items.append(
            PickItem(
                f"version {newer.id} {older.id}",
                f"File “{_short(newer.title)}” as a new version of “{_short(older.title)}”",
                "its text replaces the other's; annotations are re-attached as on a re-import; the copy goes to the trash",
            )
        )
        items.append(PickItem(f"apart {story.entry.id} {other.id}", f"Keep apart from “{_short(other.title)}” ({clean_text(other.source) or 'no source'})", "both stay; this pair is not offered again"))
    if not items:
        screen.notify("These briefings are kept apart already.", timeout=4)
        return

    def picked(choice: str | None) -> None:
        if not choice:
            return
        action, first, second = choice.split(" ")

        def carry_out() -> None:
            if action == "apart":
                desk.keep_apart(first, second)
                screen.app.call_from_thread(done, "Kept apart: this pair will not be offered again.", None)
                return
            result = desk.file_as_version(first, second)
            lost = f"; {result.orphans} could not be re-attached and are kept as orphans (O)" if result.orphans else ""
            screen.app.call_from_thread(done, f"Filed as a new version: the annotations were re-attached{lost}; the copy is in the trash.", result)

        screen.run_worker(carry_out, thread=True, exit_on_error=False, name="file the same story", group="same-story")

    screen.app.push_screen(PickList(f"Same story: “{_short(story.entry.title)}”", items, hint="Enter picks · Escape leaves both as they are"), picked)


def _newer_first(shown: IndexEntry, other: IndexEntry) -> tuple[IndexEntry, IndexEntry]:
    """(newer, older): by publication date, then by import time; on a tie, the briefing the
    analyst is looking at is the one to file as the new version."""

    def when(entry: IndexEntry) -> tuple[str, str]:
        return entry.date or "", entry.imported or ""

    return (other, shown) if when(other) > when(shown) else (shown, other)


def _short(title: str, limit: int = 50) -> str:
    title = " ".join(clean_text(title).split())
    return title if len(title) <= limit else title[: limit - 1] + "…"
