"""An instrumented store and screen that record, in order, what the save-state promise is about:
each change made (a key handled), each write that returned from its fsync, and the save state
each title drew, with how many changes were made and durable at that moment.

Used by `tests/test_save_state.py` and `benchmarks/durability.py`.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

from store import Library
from tui.screens.review import ReviewScreen
from tui.widgets.bars import TitleBar


class Trace:
    """Records, in order: changes made on the review screen, writes that returned (fsync'd), and
    the save state each title showed, with how many changes were made and durable at the time."""

    def __init__(self, write_seconds: float = 0.0) -> None:
        """`write_seconds`: added to each write, as a slow disk would."""
        self.events: list[tuple[str, str, int, int]] = []
        self.times: list[tuple[str, float]] = []
        self.made = 0
        self.durable = 0
        self._lock = threading.Lock()
        self._write_seconds = write_seconds

    def install(self, setattr: Callable[[Any, str, Any], None]) -> None:
        """Instrument the store and the screen with `setattr` (a monkeypatch's, to undo it)."""
        real_apply_all, real_show, real_apply_edit = Library.apply_all, TitleBar.show, ReviewScreen.apply_edit
        trace = self
        write_seconds = self._write_seconds

        def apply_all(library: Library, briefing_id: str, edits: list, **kwargs: object) -> None:
            time.sleep(write_seconds)  # a slow disk
            real_apply_all(library, briefing_id, edits, **kwargs)  # returns once file and folder are fsync'd
            with trace._lock:
                trace.durable += len(edits)
                trace.events.append(("durable", "", trace.made, trace.durable))
                trace.times.extend(("durable", time.perf_counter()) for _ in edits)

        def show(bar: TitleBar, briefing: object, status: str, *args: object, **kwargs: object) -> None:
            trace.events.append(("title", status, trace.made, trace.durable))
            real_show(bar, briefing, status, *args, **kwargs)  # type: ignore[arg-type]

        def apply_edit(screen: ReviewScreen, edit: object, **kwargs: object) -> bool:
            trace.events.append(("change", "", trace.made, trace.durable))
            trace.times.append(("change", time.perf_counter()))
            trace.made += 1  # counted from the start: the title drawn with the change must not say saved
            applied = real_apply_edit(screen, edit, **kwargs)  # type: ignore[arg-type]
            trace.made -= not applied
            return applied

        setattr(Library, "apply_all", apply_all)
        setattr(TitleBar, "show", show)
        setattr(ReviewScreen, "apply_edit", apply_edit)

    def false_saved(self) -> list[tuple[str, str, int, int]]:
        """Titles that said "saved" while a change made was not durable."""
        return [event for event in self.events if event[:2] == ("title", "saved") and event[3] < event[2]]

    def changes_before_durable(self) -> list[tuple[str, str, int, int]]:
        """Changes made (a key handled) while an earlier change was not yet durable."""
        return [event for event in self.events if event[0] == "change" and event[3] < event[2]]

    def first_title_after_each_change(self) -> list[str]:
        found, waiting = [], False
        for kind, status, _, _ in self.events:
            if kind == "change":
                waiting = True
            elif kind == "title" and waiting:
                found.append(status)
                waiting = False
        return found
