"""Failed workers are reported wherever they ran.

Textual posts `Worker.StateChanged` to the node that started the worker and does not let it
bubble, so the app's own handler sees only the app's workers: an error in a screen's worker (an
export to a folder that is not there, a digest, a search) would pass in silence. Screens that run
workers mix this in, and the app words the error (`BriefApp.report_worker_error`).
"""

from __future__ import annotations

from textual.worker import Worker, WorkerState

from tui.face import OnDesk

#: How often a window checks the disk for what other windows (or `brief import`) changed.
FOLLOW_SECONDS = 1.0


class ReportsWorkerErrors(OnDesk):
    """Hand this screen's failed workers to the app's one place for reporting them."""

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR:
            self.face.report_worker_error(event.worker)
