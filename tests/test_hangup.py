"""No thread keeps Brief alive (issue 17, point 4): the terminal watch stops Textual's input thread
on a dead terminal and ends a process whose app could not leave by itself; quitting does not wait
for a thread worker still extracting."""

from __future__ import annotations

import os
import pty
import selectors
import sys
import threading
import time
from pathlib import Path

import pytest

from briefings.extraction import installed_pipeline
from store import Library
from tests.tmux import TmuxSession, require_tmux
from tests.tools.hangups import brief_processes
from tui import hangup
from tui.hangup import TerminalWatch

pytestmark = [pytest.mark.e2e, pytest.mark.faults]

BRIEF = str(Path(sys.executable).parent / "brief")


def test_a_dead_terminal_stops_the_input_thread_and_ends_a_stuck_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """What Textual's input thread does on a terminal that is gone: select says readable, the read
    returns nothing, for ever. The watch stops it, asks the app to leave, and when the app does
    not (stuck, or past its message loop), ends the process itself."""
    master, terminal = pty.openpty()
    exit_event = threading.Event()
    seen: list[str] = []

    def input_thread() -> None:
        selector = selectors.SelectSelector()
        selector.register(terminal, selectors.EVENT_READ)
        while not exit_event.is_set():
            for _ in selector.select(0.1):
                try:
                    os.read(terminal, 1024)
                except OSError:
                    pass  # EIO on a hung-up terminal: read again, as Textual's loop does
        seen.append("input stopped")

    reader = threading.Thread(target=input_thread, daemon=True)
    reader.start()
    monkeypatch.setattr(hangup, "GRACE", 0.2)
    watch = TerminalWatch(terminal, lambda: seen.append("asked to leave"), lambda: seen.append("ended the process"), stop_input=exit_event.set)
    watch.start()
    os.close(master)  # the terminal window is closed
    reader.join(timeout=20)
    watch.join(timeout=20)
    os.close(terminal)
    assert not reader.is_alive()
    assert seen == ["input stopped", "asked to leave", "ended the process"] or seen == ["asked to leave", "input stopped", "ended the process"]


def test_the_watch_leaves_a_live_terminal_alone() -> None:
    master, terminal = pty.openpty()
    seen: list[str] = []
    watch = TerminalWatch(terminal, lambda: seen.append("gone"), lambda: seen.append("ended"), stop_input=lambda: seen.append("stopped"))
    watch.start()
    os.write(master, b"jjjj")  # input, not a hang-up
    deadline = time.monotonic() + 1
    while time.monotonic() < deadline:
        assert seen == []
        time.sleep(0.05)
    watch.stop()
    watch.join(timeout=5)
    assert not watch.is_alive() and seen == []
    os.close(master)
    os.close(terminal)


def test_quitting_does_not_wait_for_an_extraction_still_running(tmp_path: Path) -> None:
    """`q` while a worker extracts a long article: the process ends at once, rather than when
    the extraction is done (Python waits for thread workers at exit): the extraction never got
    to the cache."""
    require_tmux()
    library = tmp_path / "library"
    article = tmp_path / "long.txt"
    paragraph = "The minister said officials in Baghdad would meet on Tuesday to discuss the aid for Tikrit and Mosul."
    article.write_text("A long report\n\n" + "\n\n".join(f"{paragraph} ({n})" for n in range(1_400)), encoding="utf-8")
    with TmuxSession([BRIEF, "open", str(article), "--library", str(library)]) as term:
        term.wait_for("Reading the article", timeout=60)  # the panes wait for the extraction
        term.send("q")
        term.wait_for("[exited 0]", timeout=60)
        assert not brief_processes(library)
    opened = Library.open(library)
    entry = opened.entries()[0]
    assert opened.load_extraction(entry.content_hash, installed_pipeline()) is None
