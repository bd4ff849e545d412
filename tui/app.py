"""The Brief application: opens a library, shows briefings, and owns what outlives a screen.

The app holds the library, the save queue (one writer thread, so the UI never waits for disk),
the undo histories (one per briefing) and the extractor (loaded once, in a worker, after the
first paint). Screens do the rest.

It also keeps the promises about saving: the title says "saving…" from the moment a change is
made until it is on disk, and "saved" only then (`save_state` is read from the queue, never
assumed); a key waits at the door until the change before it is durable (`tui.key_gate`); when
Brief must stop with changes the disk refuses, they go to a recovery file that the next start
offers back (`store.rescue`); and when the terminal goes away, in whatever state, the process
saves what it can and ends (`tui.hangup`).

Every piece of slow work runs in a thread worker and reports back with a message; nothing here
touches widgets from a thread.
"""

from __future__ import annotations

import gc
import threading
from contextlib import suppress
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from textual import events, work
from textual.app import App
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from briefings.model import Article
from tui.commands import BriefCommands
from tui.face import FollowsStore, PaintsFirst, ShowsSettings
from tui.key_gate import KeyGate
from tui.leaving import Leaving
from tui.workers import FOLLOW_SECONDS

if TYPE_CHECKING:
    from textual.timer import Timer

    from briefings.edits import LibrarySettings
    # The store and the readers are imported by the worker that opens the library, off the
    # main thread and after the first paint.
    from store import Desk, Following, LibraryLocation, Opened, SaveState
    from tui.keymap import CheckedKeymap

SAMPLE_NAME = "000_6ec8421da3f37b6e.txt"
#: Seconds before a slow library open shows a loading screen.
LOADING_SCREEN_AFTER = 0.3

@dataclass(frozen=True, slots=True)
class Startup:
    """What the command line asked for."""

    library_path: LibraryLocation | None
    """The library folder or server URL; None for the default one."""
    open_path: Path | None = None
    article: Article | None = None
    """The article at `open_path`, when the command line has already read it (to check it), or
    one fetched from a web address (then without `open_path`)."""


class BriefApp(Leaving):
    """Review articles and turn them into briefings."""

    CSS_PATH = Path(__file__).parent / "brief.tcss"
    TITLE = "Brief"
    COMMANDS = App.COMMANDS | {BriefCommands}
    COMMAND_PALETTE_BINDING = "ctrl+p"
    BINDINGS = [
        Binding("f1,question_mark", "help", "Help", id="app.help", key_display="?"),
        Binding("q", "quit", "Quit", id="app.quit"),
    ]

    class LibraryOpened(Message):
        """The library is open (posted from the opening worker)."""

        def __init__(self, desk: Desk, opened: Opened | None, keymap: CheckedKeymap | None) -> None:
            self.desk = desk
            """The desk of the open library."""
            self.opened = opened
            """A briefing to open straight away (already read), or None for the library screen."""
            self.keymap = keymap
            """The settings file's keymap, checked; None when it has none."""
            super().__init__()

    class SettingsOnDisk(Message):
        """The library settings as they are on disk (posted from the following worker)."""

        def __init__(self, settings: LibrarySettings, edits: int) -> None:
            self.settings = settings
            """Tags and actor decisions."""
            self.edits = edits
            """How many settings changes this window had made when the read started."""
            super().__init__()

    class StoreChanged(Message):
        """Another analyst changed the library (posted from the library's listening thread)."""

    class SaveStateChanged(Message):
        """The save queue reported a new state (posted from the writer thread)."""

        def __init__(self, state: SaveState) -> None:
            self.state = state
            """The new state."""
            super().__init__()

    def __init__(self, startup: Startup) -> None:
        super().__init__()
        self.startup = startup
        self._keys = KeyGate(self, self._changes_durable, self._handle_key, self._screen_ready)
        self.init_leaving()
        self._following: Following | None = None
        self._woken = threading.Event()
        self._check_after_save = False
        self._loading_timer: Timer | None = None

    # ----------------------------------------------------------------- start-up

    def on_mount(self) -> None:
        self.screen_change_signal.subscribe(self, lambda _screen: self.screen_built())
        if not self.is_headless:
            self._save_on_hang_up()
            self._watch_terminal()
        if self.startup.article is not None:
            # The article is read already: it is the first frame, drawn before the library is
            # even imported, which is opened once it is on screen (see `tui.screens.opening`).
            # The title bar says the library is opening, however long that takes.
            from tui.screens.opening import OpeningScreen

            self.push_screen(OpeningScreen(self.startup.article, then=self._open_library))
            return
        self._open_library()
        # A library opens in milliseconds; only a slow one (an index to rebuild, a slow disk)
        # gets a loading screen, so the usual start paints the article first.
        self._loading_timer = self.set_timer(LOADING_SCREEN_AFTER, self._show_loading)

    def _show_loading(self) -> None:
        from tui.screens.loading import LoadingScreen

        if not self.has_desk:
            self.push_screen(LoadingScreen("Opening library…"))
            self._started()  # a slow start: the first frame is no longer the point

    @work(thread=True, exit_on_error=False, group="library", name="open library")
    def _open_library(self) -> None:
        from briefings.readers import read_file
        from store import Desk

        desk = Desk.open(self.startup.library_path)
        keymap = None
        if desk.config.keymap:
            from tui.keymap import check_keymap, scopes  # imports every screen, to know their bindings

            keymap = check_keymap(desk.config.keymap, scopes(type(self)))
        article = self.startup.article
        if article is None and self.startup.open_path is not None:
            article = read_file(self.startup.open_path)

        def sample() -> Article:
            with resources.as_file(resources.files("briefings") / "samples" / SAMPLE_NAME) as path:
                return read_file(path)

        briefing_id = desk.first_briefing(article, sample)
        opened = None
        # Import the screen about to be shown here too, while the main thread is still idle.
        if briefing_id is None:
            import tui.screens.library  # noqa: F401
        else:
            import tui.screens.review  # noqa: F401

            opened = desk.open_for_review(briefing_id)
        self.post_message(self.LibraryOpened(desk, opened, keymap))

    def on_brief_app_library_opened(self, message: LibraryOpened) -> None:
        if self._loading_timer is not None:
            self._loading_timer.stop()
        desk = self._desk = message.desk
        desk.start_saving(lambda state: self.post_message(self.SaveStateChanged(state)))
        self.save_state = desk.save_state()
        self.report_warnings()
        if desk.config.problem:
            self.notify(desk.config.problem, title="Settings file", severity="warning", timeout=20, markup=False)
        if message.keymap is not None:
            self.set_keymap(message.keymap.keymap)
            if message.keymap.problems:
                problems = "; ".join(message.keymap.problems)
                self.notify(f"{desk.config.path}: keymap: {problems}", title="Settings file", severity="warning", timeout=20, markup=False)
        self.set_interval(FOLLOW_SECONDS, self._follow_settings)
        self._following = desk.on_change(self._store_changed)
        if not desk.read_only:
            self._find_rescued()
        if message.opened is None:
            from tui.screens.library import LibraryScreen

            self._show_screen(LibraryScreen())
        else:
            from tui.screens.review import ReviewScreen

            # Straight to the article: the library screen is made only if the analyst goes back.
            self._show_screen(ReviewScreen(message.opened.briefing.id, message.opened))

    def open_briefing(self, briefing_id: str, paragraph: int | None = None, words: str = "", *, in_place: bool = False) -> None:
        """Show a briefing for review over the screen on top (or in its place)."""
        from tui.screens.review import ReviewScreen

        screen = ReviewScreen(briefing_id, paragraph=paragraph, words=words)
        if in_place:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    # ----------------------------------------------------------------- following the disk

    def _follow_settings(self) -> None:
        """Every second, unless a settings change of ours is on its way to the disk, check
        whether another window or `brief tags --load` changed the tags or actor decisions; and
        say what the store found meanwhile (a damaged file set aside, written back)."""
        self.report_warnings()
        if self.has_desk and not self.desk.pending_for(None):
            self._read_settings(self.desk.settings_edits)

    def _store_changed(self, what: str) -> None:
        """On the library's listening thread: wake the app's loop, once for a burst of changes."""
        if not self._woken.is_set():
            self._woken.set()
            with suppress(RuntimeError):  # the app's loop has closed: nothing left to show
                self.post_message(self.StoreChanged())

    def on_brief_app_store_changed(self, message: StoreChanged) -> None:
        """Another analyst changed the library: run the checks made every second now, for the
        settings and every screen that follows the library (the open briefing, the list). A
        check skipped, or a read dropped, because a change of ours was on its way is made again
        once it is saved."""
        self._woken.clear()
        self._check_after_save = True
        self._follow_everything()

    def _follow_everything(self) -> None:
        self._follow_settings()
        for screen in self.screen_stack:
            if isinstance(screen, FollowsStore):
                screen.follow_store()

    def on_unmount(self) -> None:
        if self._following is not None:
            self._following.stop()  # the listening thread ends with the app

    @work(thread=True, exclusive=True, exit_on_error=False, group="follow-settings", name="follow the settings on disk")
    def _read_settings(self, edits: int) -> None:
        from store import StoreError

        try:
            self.post_message(self.SettingsOnDisk(self.desk.read_settings(), edits))
        except (StoreError, OSError):
            pass  # busy, being repaired, or the disk is unwell: the next check will see

    def on_brief_app_settings_on_disk(self, message: SettingsOnDisk) -> None:
        if not self.desk.take_settings(message.settings, message.edits):
            return  # nothing new, or a change of ours was made since the read (the next one has it)
        for screen in self.screen_stack:
            if isinstance(screen, ShowsSettings):
                screen.show_settings()
        self.notify("Tags or actor decisions changed in another window are shown.", title="Updated", timeout=5)
        self.report_warnings()

    def _show_screen(self, screen: Screen[None]) -> None:
        """Show `screen` in place of whatever is showing (a loading screen, a review screen).

        Textual's own blank default screen stays at the bottom of the stack: it cannot be
        switched away, so the first real screen is pushed over it.
        """
        if len(self.screen_stack) > 1:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    def show_library(self) -> None:
        """Leave a review screen: back to the list it was opened from (the library, search
        results, the actors or questions view), or to a new library screen when it was opened
        straight from the command line."""
        from tui.screens.library import LibraryScreen

        if len(self.screen_stack) > 2:
            self.pop_screen()
        else:
            self._show_screen(LibraryScreen())

    async def on_brief_app_save_state_changed(self, message: SaveStateChanged) -> None:
        # The message may be older than the latest change: the queue says what is true now.
        if self.has_desk:
            self.save_state = self.desk.save_state()
            if self._check_after_save and self.save_state.status == "saved":
                self._check_after_save = False
                self._follow_everything()
        self.report_warnings()
        await self._keys.release()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR:
            self.report_worker_error(event.worker)

    def on_app_focus(self, event: events.AppFocus) -> None:
        """Served in a browser (`brief serve`), the app starts without focus until the page has
        it, and Textual does not focus a screen shown meanwhile (the library, the review), nor
        when focus comes: keys would then reach no widget. Focus the screen's own choice now."""
        screen = self.screen
        chosen = self.AUTO_FOCUS if screen.AUTO_FOCUS is None else screen.AUTO_FOCUS
        if screen.focused is None and chosen:
            screen.set_focus(next((widget for widget in screen.query(chosen) if widget.focusable), None))

    # ----------------------------------------------------------------- keys wait for the disk

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key) and not self._quits_while_starting(event) and self._keys.hold(event):
            return  # handled once the change before it is on disk (see `tui.key_gate`)
        await super().on_event(event)

    def _quits_while_starting(self, event: events.Key) -> bool:
        """Whether the key quits while the first screen is not built yet (a slow library open
        shows "Opening library…" for up to the lock's timeout): quitting is not held then, as
        the keys waiting for the screen are for a screen the analyst is leaving.

        Except over the article drawn before the library opens (`tui.screens.opening`), or the
        review screen still being built, behind keys already waiting: the analyst sees the
        article and may be typing a note (`a`, then "quite sure"), so `q` takes its turn.
        """
        if self._screen_ready() or (self._keys.holding and isinstance(self.screen, PaintsFirst)):
            return False
        active = self.active_bindings.get(event.key)
        return active is not None and active.binding.action == "quit"

    async def _handle_key(self, event: events.Key) -> None:
        await super().on_event(event)

    def _screen_ready(self) -> bool:
        """False from the start until the library is open and the first screen shown (a key
        typed on the loading screen is for the screen that follows it), and while the screen on
        top is still mounting what it draws after its first frame: keys wait meanwhile."""
        if not self.has_desk or len(self.screen_stack) < 2:
            return False
        screen = self.screen
        return not isinstance(screen, PaintsFirst) or screen.built

    def screen_built(self) -> None:
        if self._screen_ready():
            self._started()
        self.call_next(self._keys.release)

    @staticmethod
    def _started() -> None:
        """Resume the cyclic garbage collector, paused for the start (see `tui.starting.run_app`).
        What start-up made lives as long as the app: the collector is spared going over it."""
        if not gc.isenabled():
            gc.freeze()
            gc.enable()

    def _changes_durable(self) -> bool:
        """True when no change is on its way to the disk, or the disk refuses (waiting would not help)."""
        queue = self.desk.save_queue if self.has_desk else None
        return queue is None or queue.refusing or queue.state().status != "saving"

    # ----------------------------------------------------------------- actions

    def action_help(self) -> None:
        """Show the keys that apply here."""
        from tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())
