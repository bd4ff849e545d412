"""Ending the process when its terminal goes away, in whatever state it is.

Closing a terminal window, losing an SSH connection or a served browser session ending all leave
Brief's input at end of file: a terminal is hung up, a pipe has no writer left. Textual does not
notice: its input thread (not a daemon) finds the input readable, reads nothing, and loops for
ever, spinning on a core, and the interpreter then waits for that thread at exit. A SIGHUP is
usually sent too, but not always (the process may not be in the terminal's foreground group), and
it can arrive while the app is already quitting, when its handlers no longer run.

`TerminalWatch` is a daemon thread that polls the input for a hang-up (poll reports it without
being asked, so an idle terminal costs nothing). When it sees one it stops Textual's input thread,
asks the app to save and leave (its own handler saves the text being typed and the queued
changes, keeping what cannot be saved in a recovery file), and, should the process still be
there `GRACE` seconds later (the app was stuck, or already past its message loop), keeps the
unsaved changes itself and ends the process.
"""

from __future__ import annotations

import os
import select
import sys
import threading
from collections.abc import Callable
from contextlib import suppress

#: Seconds the app has to save and leave by itself once the terminal is gone.
GRACE = 3.0
#: How often the input is polled for a hang-up (milliseconds).
POLL_MS = 250
_GONE = getattr(select, "POLLHUP", 0) | getattr(select, "POLLERR", 0) | getattr(select, "POLLNVAL", 0)


def input_fd() -> int | None:
    """The file descriptor Brief reads its input from, or None when there is none to watch (or
    no `poll` to watch it with, as on Windows)."""
    stream = sys.__stdin__
    if stream is None or not hasattr(select, "poll"):
        return None
    with suppress(OSError, ValueError):
        return stream.fileno()
    return None


class TerminalWatch(threading.Thread):
    """Watches the input for a hang-up (see the module docstring)."""

    def __init__(self, fd: int, on_gone: Callable[[], None], last_resort: Callable[[], None], *, stop_input: Callable[[], None]) -> None:
        """
        Args:
            fd: The input to watch.
            on_gone: Asks the app to save and leave (called from this thread: it must only
                schedule work on the app's loop).
            last_resort: Keeps what is unsaved and ends the process; called from this thread
                when the app has not left `GRACE` seconds after `on_gone`.
            stop_input: Tells Textual's input thread to stop reading.
        """
        super().__init__(name="brief-terminal-watch", daemon=True)
        self._fd = fd
        self._on_gone = on_gone
        self._last_resort = last_resort
        self._stop_input = stop_input
        self._stopped = threading.Event()
        self.gone = threading.Event()
        """Set once the terminal is found gone (or a hang-up signal said so)."""

    def stop(self) -> None:
        """Stop watching (the app is leaving normally)."""
        self._stopped.set()

    def terminal_gone(self) -> None:
        """Act as if the hang-up was seen now (a SIGHUP arrived)."""
        self.gone.set()

    def run(self) -> None:
        poller = select.poll()
        poller.register(self._fd, 0)  # nothing asked for: only a hang-up or an error is reported
        while not self._stopped.is_set() and not self.gone.is_set():
            try:
                events = poller.poll(POLL_MS)
            except OSError:
                continue
            if any(mask & _GONE for _, mask in events):
                self.gone.set()
        if not self.gone.is_set():
            return  # stopped: the app is leaving by itself
        self._stop_input()
        with suppress(Exception):  # the loop may already be closed: the last resort still runs
            self._on_gone()
        threading.Event().wait(GRACE)
        self._last_resort()  # still here: the app could not leave by itself


def end_process(code: int) -> None:
    """End the process now, with `code`, after flushing what Python still holds for its streams.

    Nothing of the analyst's is pending when this is called; what may still run are thread
    workers (an extraction of a long article, a read of a slow disk) that Python would otherwise
    wait for at exit, and Textual's input thread on a terminal that is gone.
    """
    for stream in (sys.stdout, sys.stderr):
        with suppress(Exception):
            stream.flush()
    os._exit(code)
