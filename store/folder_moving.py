"""Moving a library folder's briefings out and in whole (for `brief library copy`): the trash read,
and a briefing written exactly as given, under its own id (mixed into `store.library.Library`)."""

from __future__ import annotations

from collections.abc import Sequence

from briefings.briefing import Briefing
from briefings.history import HistoryEntry
from store.errors import CorruptFile, StoreError
from store.folder_core import FolderCore
from store.layout import BRIEFING_ID
from store.snapshots import copy
from store.snapshots import read as read_snapshot


class Moving(FolderCore):
    """The trash read whole, and briefings written as they are."""

    def trashed(self) -> list[Briefing]:
        """The briefings in the trash (a damaged one is left there and named in `warnings`)."""
        found = []
        folder = self.layout.trash
        for path in sorted(folder.glob("*.json")) if folder.is_dir() else []:
            if not BRIEFING_ID.match(path.stem):
                continue
            try:
                found.append(copy(read_snapshot(path, path.stem, None).briefing))
            except (CorruptFile, OSError) as error:
                self.warnings.append(f"the deleted briefing {path.name} cannot be read ({getattr(error, 'reason', error)}); it stays in trash/")
        return found

    def copy_in(self, briefing: Briefing, *, trashed: bool = False, history: Sequence[HistoryEntry] = ()) -> None:
        """Write a briefing exactly as given, with its history, under its id, in the library or in its trash.

        Raises:
            StoreError: The id is taken (in the library or its trash), or is not a briefing id.
        """
        if not BRIEFING_ID.match(briefing.id):
            raise StoreError(f"{briefing.id!r} is not a briefing id")
        with self._locked():
            if self.layout.briefing(briefing.id).exists() or self.layout.trashed(briefing.id).exists():
                raise StoreError(f"briefing {briefing.id!r} is already in the library")
            self._write(copy(briefing), tuple(history))
        if trashed:
            self.delete(briefing.id)
