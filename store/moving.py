"""Moving a library: `brief library copy SRC DST`, from a folder to a server and back, nothing lost.

Everything goes through `store.backend.LibraryStore`, so any backend copies to any other: every
briefing with all its work, those in the trash too (each written exactly as it is, under its own
id: `copy_in`), each with its history of who changed what, the settings (taxonomy and actor
decisions) with their history, the feeds state and the reading positions. A round trip gives the
same JSON exports, histories included. The extraction cache is not copied: it is derived, and
made again on first use.

A destination that already holds briefings is refused unless the caller says to add to it; a
briefing whose id is taken there is then merged, as importing its JSON export would (recorded
as a merge by whoever copies), and the settings are added as settings edits (recorded alike).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from briefings.briefing import Briefing
from briefings.edits import AddDecision, SetTaxonomy
from store.backend import LibraryStore
from store.errors import BriefingNotFound, ReadOnlyLibrary, StoreError
from store.feeds import FeedState

#: Progress is reported after this many briefings.
PROGRESS_EVERY = 100


@dataclass(slots=True)
class CopyReport:
    """What a copy did.

    Attributes:
        briefings: Briefings copied (merged ones included).
        trashed: Of those, in the trash.
        merged: Merged into one already in the destination (only when adding to a non-empty one).
        skipped: One line per briefing that could not be read in the source (it stays there).
    """

    briefings: int = 0
    trashed: int = 0
    merged: int = 0
    skipped: list[str] = field(default_factory=list)


def copy_library(
    source: LibraryStore,
    target: LibraryStore,
    *,
    add_to_non_empty: bool = False,
    on_progress: Callable[[int, int], None] = lambda done, total: None,
) -> CopyReport:
    """Copy everything of `source` into `target` (see the module docstring).

    Raises:
        StoreError: The destination is not empty (and `add_to_non_empty` is not set), or a write failed.
        ReadOnlyLibrary: The destination was written by a newer Brief.
    """
    if target.read_only:
        raise ReadOnlyLibrary()
    if not add_to_non_empty and (target.entries() or target.trashed()):
        raise StoreError("the destination library is not empty; copy into a new one, or say to add to it (--add)")
    report = CopyReport()
    entries = source.entries()
    trash = source.trashed()
    total = len(entries) + len(trash)

    def put(briefing: Briefing, trashed: bool) -> None:
        try:
            target.copy_in(briefing, trashed=trashed, history=source.history(briefing.id, trashed=trashed))
        except StoreError:
            if not add_to_non_empty:
                raise
            target.add_briefing(briefing)
            report.merged += 1
        report.briefings += 1
        report.trashed += trashed
        if report.briefings % PROGRESS_EVERY == 0:
            on_progress(report.briefings, total)

    for entry in entries:
        try:
            briefing = source.load(entry.id)
        except BriefingNotFound as error:
            report.skipped.append(f"briefing {entry.title[:60]!r} was not copied: {error}")
            continue
        put(briefing, False)
    for briefing in trash:
        put(briefing, True)
    on_progress(report.briefings, total)
    if add_to_non_empty:
        _add_settings(source, target)
    else:
        target.copy_settings_in(source.settings(), source.settings_history())
    _copy_feeds(source.read_feeds(), target)
    positions = {entry.id: found for entry in entries if (found := source.position(entry.id)) is not None}
    target.remember_positions(positions)
    return report


def _add_settings(source: LibraryStore, target: LibraryStore) -> None:
    settings = source.settings()
    target.apply_settings(SetTaxonomy(settings.tags, target.settings().tags))
    for decision in settings.decisions:
        target.apply_settings(AddDecision(decision))


def _copy_feeds(state: FeedState, target: LibraryStore) -> None:
    def add(current: FeedState) -> None:
        for url, record in state.feeds.items():
            current.feeds.setdefault(url, record)
        for url, items in state.seen.items():
            current.seen.setdefault(url, {}).update(items)
        current.inbox.update(state.inbox)
        current.apart |= state.apart

    target.change_feeds(add)
