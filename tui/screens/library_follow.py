"""The library screen woken by another analyst's change: the rows read again at once.

Mixed into `LibraryScreen`. A server library tells the app of every change another analyst
commits (`tui.app.BriefApp.on_brief_app_store_changed`); the list is read again straight away,
then at most once every `GAP` seconds while changes keep coming, so a busy team does not keep
it reading a large library over and over. A list not on screen is read again when it is back.
"""

from __future__ import annotations

import time

from textual.timer import Timer

from tui.screens.library_inbox import LibraryPart

#: The least time between two readings of the list for other analysts' changes.
GAP = 1.0


class FollowsLibrary(LibraryPart):
    """Reading the list again when woken (see the module docstring)."""

    _follow_timer: Timer | None = None
    _followed_at = 0.0

    def follow_store(self) -> None:
        """Another analyst changed the library: read the rows again (see `tui.face.FollowsStore`)."""
        if not self.is_current:
            self.stale = True  # read again when the screen is back
        elif self._follow_timer is None:
            wait = self._followed_at + GAP - time.monotonic()
            if wait <= 0:
                self._read_followed()
            else:
                self._follow_timer = self.set_timer(wait, self._read_followed)

    def _read_followed(self) -> None:
        self._follow_timer = None
        self._followed_at = time.monotonic()
        self.reload()
