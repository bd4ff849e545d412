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

import threading
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from textual import events, work
from textual.app import App
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from briefings.edits import BriefingEdit, LibraryEdit, LibrarySettings
from briefings.errors import BriefError
from briefings.extraction import Extractor, load_extractor
from briefings.model import Article
from tui.commands import BriefCommands
from tui.key_gate import KeyGate
from tui.leaving import Leaving, SavesOnQuit  # noqa: F401 - screens name it as tui.app.SavesOnQuit
from tui.undo import Change, UndoHistory
from tui.workers import FOLLOW_SECONDS

if TYPE_CHECKING:
    # The store and the readers are imported by the worker that opens the library, off the
    # main thread, so that importing them does not delay the first paint.
    from store import Library, SaveQueue, SaveState
    from tui.config import Config
    from tui.screens.review import Opened

SAMPLE_NAME = "000_6ec8421da3f37b6e.txt"
#: Seconds before a slow library open shows a loading screen.
LOADING_SCREEN_AFTER = 0.3

_extractor_lock = threading.Lock()
_extractor: Extractor | None = None


def shared_extractor() -> Extractor:
    """The extractor, loaded on first use (seconds: spaCy) and then shared by every app instance.

    Call from a worker thread only.
    """
    global _extractor
    with _extractor_lock:
        if _extractor is None:
            _extractor = load_extractor()
        return _extractor


@runtime_checkable
class ShowsSettings(Protocol):
    """A screen that shows the library's tags or actor decisions."""

    def show_settings(self) -> None:
        """Redraw from the app's settings, which another window has changed."""


@dataclass(frozen=True, slots=True)
class Startup:
    """What the command line asked for."""

    library_path: Path | None
    """The library folder; None for the default one."""
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

    save_state: reactive[SaveState | None] = reactive(None)
    """The library's save state, shown in every title bar (set once the library is open)."""

    class LibraryOpened(Message):
        """The library is open (posted from the opening worker)."""

        def __init__(self, library: Library, opened: Opened | None) -> None:
            self.library = library
            """The open library."""
            self.opened = opened
            """A briefing to open straight away (already read), or None for the library screen."""
            super().__init__()

    class SettingsOnDisk(Message):
        """The library settings as they are on disk (posted from the following worker)."""

        def __init__(self, settings: LibrarySettings, edits: int) -> None:
            self.settings = settings
            """Tags and actor decisions."""
            self.edits = edits
            """How many settings changes this window had made when the read started."""
            super().__init__()

    class SaveStateChanged(Message):
        """The save queue reported a new state (posted from the writer thread)."""

        def __init__(self, state: SaveState) -> None:
            self.state = state
            """The new state."""
            super().__init__()

    def __init__(self, startup: Startup) -> None:
        super().__init__()
        self.startup = startup
        self.library: Library | None = None
        self.save_queue: SaveQueue | None = None
        self.settings = LibrarySettings(tags=())
        self.config: Config | None = None
        """The user's settings file (read with the library, off the main thread)."""
        self.history = UndoHistory()
        self.decision_scope = "library"
        """Where the analyst's last actor decision applied ("library" or "briefing"): offered first next time."""
        self._warnings_shown = 0
        self._settings_edits = 0
        """Settings changes submitted by this window: a read of the disk started before the
        latest of them is stale (see `on_brief_app_settings_on_disk`)."""
        self._keys = KeyGate(self, self._changes_durable, self._handle_key)
        self.init_leaving()

    # ----------------------------------------------------------------- start-up

    def on_mount(self) -> None:
        if not self.is_headless:
            self._save_on_hang_up()
            self._watch_terminal()
        self._open_library()
        # A library opens in milliseconds; only a slow one (an index to rebuild, a slow disk)
        # gets a loading screen, so the usual start paints the article first.
        self._loading_timer = self.set_timer(LOADING_SCREEN_AFTER, self._show_loading)

    def _show_loading(self) -> None:
        from tui.screens.loading import LoadingScreen

        if self.library is None:
            self.push_screen(LoadingScreen("Opening library…"))

    @work(thread=True, exit_on_error=False, group="library", name="open library")
    def _open_library(self) -> None:
        from briefings.readers import read_file
        from store import Library, default_library_path

        from tui.config import load_config

        self.config = load_config()
        library = Library.open(self.startup.library_path or default_library_path())
        briefing_id = None
        if self.startup.open_path is not None or self.startup.article is not None:
            article = self.startup.article or read_file(self.startup.open_path)  # type: ignore[arg-type]
            briefing_id = library.add_article(article).id
        elif not library.entries():
            sample = resources.files("briefings") / "samples" / SAMPLE_NAME
            with resources.as_file(sample) as path:
                briefing_id = library.add_article(read_file(path)).id
        self.settings = library.settings()
        opened = None
        # Import the screen about to be shown here too, while the main thread is still idle.
        if briefing_id is None:
            import tui.screens.library  # noqa: F401
        else:
            from tui.screens.review import read_for_review

            opened = read_for_review(library, briefing_id)
        self.post_message(self.LibraryOpened(library, opened))

    def on_brief_app_library_opened(self, message: LibraryOpened) -> None:
        from store import SaveQueue, SaveState

        self._loading_timer.stop()
        self.library = message.library
        self.save_queue = SaveQueue(message.library, lambda state: self.post_message(self.SaveStateChanged(state)))
        self.save_state = SaveState("read-only" if message.library.read_only else "saved", 0, "")
        self.report_warnings()
        if self.config is not None and self.config.problem:
            self.notify(self.config.problem, title="Settings file", severity="warning", timeout=20, markup=False)
        self.set_interval(FOLLOW_SECONDS, self._follow_settings)
        if not message.library.read_only:
            self._find_rescued()
        if message.opened is None:
            from tui.screens.library import LibraryScreen

            self._show_screen(LibraryScreen())
        else:
            from tui.screens.review import ReviewScreen

            # Straight to the article: the library screen is made only if the analyst goes back.
            self._show_screen(ReviewScreen(message.opened.briefing.id, message.opened))

    # ----------------------------------------------------------------- following the disk

    def _follow_settings(self) -> None:
        """Every second, unless a settings change of ours is on its way to the disk, check
        whether another window or `brief tags --load` changed the tags or actor decisions; and
        say what the store found meanwhile (a damaged file set aside, written back)."""
        self.report_warnings()
        if self.save_queue is not None and not self.save_queue.pending_for(None):
            self._read_settings(self._settings_edits)

    @work(thread=True, exclusive=True, exit_on_error=False, group="follow-settings", name="follow the settings on disk")
    def _read_settings(self, edits: int) -> None:
        from store import StoreError

        assert self.library is not None
        try:
            self.post_message(self.SettingsOnDisk(self.library.settings(), edits))
        except (StoreError, OSError):
            pass  # busy, being repaired, or the disk is unwell: the next check will see

    def on_brief_app_settings_on_disk(self, message: SettingsOnDisk) -> None:
        if message.settings == self.settings or message.edits != self._settings_edits:
            return  # nothing new, or a change of ours was made since the read (the next one has it)
        self.settings = message.settings
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

    def report_warnings(self) -> None:
        """Show the library's warnings not shown yet (quarantined or recovered files, read-only).

        The store adds warnings when it opens and whenever a read finds a damaged file.
        """
        if self.library is None:
            return
        for warning in self.library.warnings[self._warnings_shown :]:
            self.notify(warning, title="Library", severity="warning", timeout=20, markup=False)
        self._warnings_shown = len(self.library.warnings)

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
        if self.save_queue is not None and self.save_state is not None and self.save_state.status != "read-only":
            self.save_state = self.save_queue.state()
        self.report_warnings()
        await self._keys.release()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR:
            self.report_worker_error(event.worker)

    def report_worker_error(self, worker: Worker[object]) -> None:
        """Worker errors are reported in one place, in words, never as a traceback (screens hand
        theirs here: see `tui.workers`)."""
        error = worker.error
        expected = isinstance(error, (BriefError, OSError))
        message = str(error) if expected else f"{type(error).__name__}: {error}"
        if worker.group == "library":
            self.exit(message=f"brief: {message}", return_code=1)
            return
        self.notify(message, title=f"Could not {worker.name}", severity="error", timeout=10, markup=False)

    # ----------------------------------------------------------------- changes

    def submit(
        self,
        briefing_id: str | None,
        edit: BriefingEdit | LibraryEdit,
        *,
        record: bool = True,
        article_hash: str | None = None,
        scope: str | None = None,
    ) -> bool:
        """Hand a change to the save queue and remember it for undo; False if it cannot be saved.

        `article_hash` is the article the edit was made against (see `Library.apply_all`).
        `scope` is the undo history it goes in: the briefing it was made in (for a settings
        change made from a briefing too), or None for the library's own views.
        """
        if self.save_queue is None or self.library is None:
            return False
        if self.library.read_only:
            self.notify("This library was written by a newer Brief and is open read-only.", severity="warning")
            return False
        if self._kept is not None:
            return False  # on the way out, the queue is closed: a change now could not be kept
        if briefing_id is None:
            self.settings = edit.apply(self.settings)  # type: ignore[arg-type]
            self._settings_edits += 1
        self.save_queue.submit(briefing_id, edit, article_hash=article_hash)
        self.save_state = self.save_queue.state()  # "saving…" from this very frame
        if record:
            self.history.record(Change(briefing_id, edit, article_hash), scope if scope is not None else briefing_id)
        return True

    # ----------------------------------------------------------------- keys wait for the disk

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key) and self._keys.hold(event):
            return  # handled once the change before it is on disk (see `tui.key_gate`)
        await super().on_event(event)

    async def _handle_key(self, event: events.Key) -> None:
        await super().on_event(event)

    def _changes_durable(self) -> bool:
        """True when no change is on its way to the disk, or the disk refuses (waiting would not help)."""
        queue = self.save_queue
        return queue is None or queue.refusing or queue.state().status != "saving"

    # ----------------------------------------------------------------- actions

    def action_help(self) -> None:
        """Show the keys that apply here."""
        from tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())
