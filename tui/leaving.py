"""Leaving without losing anything: quitting, being told to stop, the terminal going away.

Quitting (`q`, or Ctrl+Q from inside an editor) first saves the text being typed, then waits for
every change to reach the disk; if the disk refuses, the analyst is asked, and quitting anyway
keeps the changes in a recovery file (`store.rescue`) that the next start offers back. A SIGTERM
does the same without asking. Closing the terminal (a SIGHUP, or a hang-up seen by
`tui.hangup.TerminalWatch` when no signal comes) does the same within a few seconds and ends
the process itself, since Textual could block restoring a terminal that is gone.

The next start looks for recovery files of its library and offers to apply them.
"""

from __future__ import annotations

import asyncio
import signal
import sys
import threading
from contextlib import suppress
from typing import TYPE_CHECKING, cast

from textual import work

from briefings.wording import counted
from tui.face import DeskApp, SavesOnQuit, ShowsBriefing, ShowsSettings
from tui.hangup import TerminalWatch, end_process, input_fd

if TYPE_CHECKING:
    from briefings.edits import BriefingEdit, LibraryEdit
    from store import Rescued

#: Seconds quitting waits for queued changes to reach the disk before asking what to do.
QUIT_FLUSH_SECONDS = 5.0
#: Seconds a process whose terminal is gone waits for the disk before keeping the changes aside.
HANG_UP_FLUSH_SECONDS = 1.5


class Leaving(DeskApp):
    """The app's ways out (the base of `tui.app.BriefApp`)."""

    def init_leaving(self) -> None:
        self._watch: TerminalWatch | None = None
        self._leaving = False
        self._kept_lock = threading.Lock()

    async def action_quit(self) -> None:
        """Save what is being written (Ctrl+Q quits from inside an editor too), then leave once
        every change is on disk; if some cannot be saved, ask before losing them."""
        if not self._save_what_is_typed():
            self.notify(
                    "Not quitting: what is being written cannot be saved as it is (see the editor). "
                    "Correct it, or press Escape and discard it, then quit.",
                severity="warning",
                timeout=8,
            )
            return
        # A dialog hands its text over through its dismiss callback, which runs next.
        self.call_later(self._quit_when_saved)

    def _save_what_is_typed(self) -> bool:
        """Save the text of every open editor (see `SavesOnQuit`); False if one cannot be saved."""
        saved = [screen.save_for_quit() for screen in reversed(self.screen_stack) if isinstance(screen, SavesOnQuit)]
        return all(saved)

    def _quit_when_saved(self) -> None:
        if not self.has_desk or self.desk.save_queue is None:
            self.exit()
            return
        pending = self.desk.save_queue.pending
        if pending and self.save_state is not None and self.save_state.status == "not-saved":
            self._quit_after_flush(False)  # the disk is refusing: ask now, not after a wait
            return
        if pending:
            self.notify(f"Saving {counted(pending, 'change')} before quitting…", timeout=QUIT_FLUSH_SECONDS)
        self._flush_then_quit()

    def _save_on_hang_up(self) -> None:
        """Closing the terminal window (SIGHUP) or being told to stop (SIGTERM) would kill the
        process where it stands, losing the text in an open editor and any change still on its
        way to the disk. Instead save both, then leave: nobody is there to be asked anything."""
        loop = asyncio.get_running_loop()
        hang_up = getattr(signal, "SIGHUP", None)
        for number, terminal_gone in ((hang_up, True), (signal.SIGTERM, False)):
            if number is not None:
                with suppress(NotImplementedError, RuntimeError):  # no signal handlers on this platform
                    loop.add_signal_handler(number, self._save_and_leave, terminal_gone)

    def _watch_terminal(self) -> None:
        """Notice the terminal going away even when no SIGHUP comes (see `tui.hangup`)."""
        fd = input_fd()
        if fd is None:
            return
        loop = asyncio.get_running_loop()

        def stop_input() -> None:
            exit_event = getattr(self._driver, "exit_event", None)
            if exit_event is not None:
                exit_event.set()  # Textual's input thread would spin on the dead terminal for ever

        def on_gone() -> None:
            loop.call_soon_threadsafe(self._save_and_leave, True)

        self._watch = TerminalWatch(fd, on_gone, lambda: end_process(self.keep_unsaved(HANG_UP_FLUSH_SECONDS)), stop_input=stop_input)
        self._watch.start()

    def _save_and_leave(self, terminal_gone: bool) -> None:
        """A signal handler, or the terminal watch: leave, saving everything first."""
        if self._leaving:
            return
        self._leaving = True
        if terminal_gone and self._watch is not None:
            self._watch.terminal_gone()  # it ends the process should this way get stuck
        # Called from outside the app's messages: save the typed text from inside one, as `q`
        # does, so that the dialogs' dismiss callbacks (which hand the text over) run right
        # after it, before the leaving below.
        self.call_later(self._save_typed_then_leave, terminal_gone)

    def _save_typed_then_leave(self, terminal_gone: bool) -> None:
        self._save_what_is_typed()  # what cannot be saved is lost: nobody can correct it now
        self.call_later(self._leave_when_saved, terminal_gone, 0)

    def _leave_when_saved(self, terminal_gone: bool, tries: int) -> None:
        editing = any(isinstance(screen, SavesOnQuit) for screen in self.screen_stack)
        if editing and tries < 100:  # a dialog still closing: its text is not handed over yet
            self.set_timer(0.01, lambda: self._leave_when_saved(terminal_gone, tries + 1))
            return
        code = self.keep_unsaved(HANG_UP_FLUSH_SECONDS if terminal_gone else QUIT_FLUSH_SECONDS)
        if terminal_gone:
            # Textual's shutdown writes to the terminal to restore it, and with the terminal gone
            # that can block for ever; everything is saved or kept, so end the process here.
            end_process(code)
        self.exit(return_code=code)

    def keep_unsaved(self, wait: float) -> int:
        """On the way out: let the queue save for up to `wait` seconds (one retry when the disk
        already refuses), then write what it could not save to a recovery file.

        Safe to call from any thread, and more than once (the first call does the work).

        Returns:
            The exit status: 0 when everything is on disk, 1 when changes went to a recovery
            file (or, if even that failed, were lost; a line on standard error says which).
        """
        with self._kept_lock:
            if self._leaving_with is not None:
                return self._leaving_with
            self._leaving_with = 0
            if not self.has_desk:
                return 0
            self._leaving_with, line = self.desk.keep_unsaved(wait)
            if line:
                self._say(line)
            return self._leaving_with

    @staticmethod
    def _say(line: str) -> None:
        """A line on standard error, if there is still anyone to read it."""
        with suppress(Exception):
            print(line, file=sys.__stderr__, flush=True)

    @work(thread=True, exclusive=True, group="quit", name="save before quitting")
    def _flush_then_quit(self) -> None:
        queue = self.desk.save_queue
        assert queue is not None
        saved = queue.flush(timeout=QUIT_FLUSH_SECONDS)
        self.call_from_thread(self._quit_after_flush, saved)

    def _quit_after_flush(self, saved: bool) -> None:
        from tui.screens.dialogs import ConfirmDialog

        queue = self.desk.save_queue
        assert queue is not None
        if saved:
            queue.close()
            self.exit()
            return
        pending = queue.pending
        reason = (self.save_state.reason if self.save_state is not None else "") or "the disk refused"

        def answer(leave: bool | None) -> None:
            if leave:
                self.exit(return_code=self.keep_unsaved(0))  # the recovery file is named on standard error

        self.push_screen(
            ConfirmDialog(
                f"{counted(pending, 'change')} NOT SAVED ({reason}). Brief keeps retrying while it runs. "
                "Quit anyway? They are then kept in a recovery file, offered back the next time Brief opens this library.",
                yes="Quit, keep them for later",
                no="Stay",
            ),
            answer,
        )

    # ----------------------------------------------------------------- changes kept from before

    @work(thread=True, exit_on_error=False, group="rescue", name="look for unsaved changes of an earlier session")
    def _find_rescued(self) -> None:
        found = self.desk.kept_changes()
        if found:
            self.call_from_thread(self._offer_rescued, found)

    def _offer_rescued(self, found: list[Rescued]) -> None:
        """Ask whether to apply changes an earlier Brief could not save; either way, say what
        became of them."""
        from tui.screens.dialogs import ConfirmDialog

        rescued = found[0]

        def answer(apply: bool | None) -> None:
            if apply:
                self._apply_rescued(rescued.items)
                self.desk.done_with(rescued, applied=True)
                self.notify(f"{counted(len(rescued.items), 'change')} from the earlier session applied.", title="Recovered", timeout=8)
            else:
                kept = self.desk.done_with(rescued, applied=False)
                self.notify(f"Not applied; they are kept in {kept}.", title="Recovery", severity="warning", timeout=12, markup=False)
            if len(found) > 1:
                self._offer_rescued(found[1:])

        self.push_screen(
            ConfirmDialog(f"{rescued.describe()}. Apply them now?", yes="Apply them", no="Not now"),
            answer,
        )

    def _apply_rescued(self, items: list[tuple[str | None, BriefingEdit | LibraryEdit, str | None]]) -> None:
        """Apply kept changes as the analyst's own: on an open briefing through its screen (so
        that it shows them), else straight to the save queue. They are not undoable: they
        belong to a session that is over."""
        for briefing_id, edit, article_hash in items:
            screen = next((s for s in self.screen_stack if isinstance(s, ShowsBriefing) and s.briefing_id == briefing_id and s.briefing), None)
            if screen is not None:  # a change to a briefing (None is the settings'): a briefing edit
                screen.apply_edit(cast("BriefingEdit", edit), record=False, made_against=article_hash)
            else:
                self.submit(briefing_id, edit, record=False, article_hash=article_hash)
        for screen in self.screen_stack:
            if isinstance(screen, ShowsSettings):
                screen.show_settings()
