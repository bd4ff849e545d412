"""The desk: what an analyst does with a library, whatever the face (command line, terminal app, web).

A `Desk` holds the open library (any `store.backend.LibraryStore`), the save queue, the undo
histories (one per briefing), the library settings as this window last saw them, the user's
config file, and the briefing work every face does: review, import, export, search, tallies,
feeds, the same story twice, positions and recovery files. It imports no textual, rich or click:
the faces call it, and never the store's own modules.

The desk is not thread-bound, but what reads or writes files should be called from a worker
(the Textual app) or from the command itself (the command line); `submit` only queues.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

from briefings.briefing import Briefing, Question
from briefings.edits import BriefingEdit, LibraryEdit, LibrarySettings
from briefings.history import HistoryEntry
from briefings.model import Article
from briefings.wording import counted
from store.backend import DoctorReport, Following, ImportResult, LibraryBackend, LibraryStore
from store.desk.config import Config, load_config
from store.desk.exports import DeskExports
from store.desk.imports import DeskImports
from store.desk.review import Opened, read_for_review
from store.desk.undo import Change, UndoHistory
from store.errors import StoreError
from store.index import IndexEntry
from store.location import LibraryLocation, default_library_location, server_url
from store.queue import Item, SaveQueue, SaveState
from store.rescue import Rescued, changes_kept_for, done_with, keep_changes
from store.textquery import SearchHit


def backend_for(location: LibraryLocation) -> LibraryBackend:
    """The kind of library `location` names: a PostgreSQL URL (postgresql://USER@HOST/DB, also
    as it comes through a `Path`, one slash lost), else a folder."""
    if server_url(location) is not None:
        from store.postgres import POSTGRES

        return POSTGRES
    from store.folder import FOLDER

    return FOLDER


def check_library(path: LibraryLocation, *, repair: bool = False, backend: LibraryBackend | None = None) -> DoctorReport:
    """Check a library without opening it (`brief doctor`); with `repair`, fix what is safe."""
    return (backend or backend_for(path)).check(path, repair=repair)


class Desk(DeskExports, DeskImports):
    """One analyst's work on one open library (see the module docstring).

    Attributes:
        library: The open library.
        config: The user's config file (exports folder; the defaults when it is missing).
        settings: The tags and actor decisions as this desk last read or changed them.
        history: Undo and redo, one history per briefing (None: the library's own views).
        decision_scope: Where the analyst's last actor decision applied ("library" or
            "briefing"): offered first next time.
        save_queue: The writer of submitted changes, once `start_saving` was called.
    """

    def __init__(self, library: LibraryStore, config: Config | None = None) -> None:
        self.library = library
        self.config = config if config is not None else load_config()
        if self.config.analyst:
            library.analyst = self.config.analyst  # else the backend's default, the login name
        self.settings = LibrarySettings(tags=())
        self.history = UndoHistory()
        self.decision_scope = "library"
        self.save_queue: SaveQueue | None = None
        self._settings_edits = 0
        self._warnings_told = 0

    @classmethod
    def open(
        cls,
        path: LibraryLocation | None = None,
        *,
        backend: LibraryBackend | None = None,
        config: Config | None = None,
        lock_timeout: float = 5.0,
    ) -> Desk:
        """Open the library at `path` (default: `default_library_location()`) with its settings; a
        PostgreSQL URL opens a library on that server (see `backend_for`).

        Raises:
            LibraryBusy, StoreError: See `LibraryBackend.open`.
        """
        location = path or default_library_location()
        backend = backend or backend_for(location)
        desk = cls(backend.open(location, lock_timeout=lock_timeout), config)
        desk.settings = desk.library.settings()
        return desk

    @property
    def path(self) -> Path:
        """Where the library is."""
        return self.library.path

    @property
    def analyst(self) -> str:
        """Who this desk's changes are recorded as: `[analyst] name` of the config file, else
        the login name."""
        return self.library.analyst

    def history_of(self, briefing_id: str) -> list[HistoryEntry]:
        """Who changed a briefing when, oldest first (in a worker)."""
        return self.library.history(briefing_id)

    def settings_history(self) -> list[HistoryEntry]:
        """Who changed the tags and the actor decisions when, oldest first (in a worker)."""
        return self.library.settings_history()

    @property
    def read_only(self) -> bool:
        """True when a newer Brief wrote the library: nothing can be changed."""
        return self.library.read_only

    def untold_warnings(self) -> list[str]:
        """The library's warnings not handed out yet (damaged files set aside, read-only...);
        each is handed out once, for the face to show."""
        warnings = self.library.warnings[self._warnings_told :]
        self._warnings_told += len(warnings)
        return warnings

    # ----------------------------------------------------------------- saving

    def start_saving(self, on_state: Callable[[SaveState], None]) -> SaveQueue:
        """Start the writer that saves submitted changes; `on_state` hears it (from its thread)."""
        self.save_queue = SaveQueue(self.library, on_state)
        return self.save_queue

    def save_state(self) -> SaveState:
        """What is saved: "read-only", else the queue's state ("saved" before any change)."""
        if self.read_only:
            return SaveState("read-only", 0, "")
        return self.save_queue.state() if self.save_queue is not None else SaveState("saved", 0, "")

    def pending_for(self, briefing_id: str | None) -> int:
        """Changes to a briefing (None: the settings) still on their way to the disk."""
        return self.save_queue.pending_for(briefing_id) if self.save_queue is not None else 0

    def submit(
        self,
        briefing_id: str | None,
        edit: BriefingEdit | LibraryEdit,
        *,
        record: bool = True,
        article_hash: str | None = None,
        scope: str | None = None,
    ) -> bool:
        """Queue a change for saving and remember it for undo; False when it cannot be saved
        (no queue, or a read-only library).

        A settings change (`briefing_id` None) is applied to `settings` at once. `article_hash`
        is the article the edit was made against (see `LibraryStore.apply_all`). `scope` is the
        undo history it goes in: the briefing it was made in (for a settings change made from a
        briefing too), or None for the library's own views.
        """
        if self.save_queue is None or self.read_only:
            return False
        if briefing_id is None:
            self.settings = edit.apply(self.settings)  # type: ignore[arg-type]
            self._settings_edits += 1
        self.save_queue.submit(briefing_id, edit, article_hash=article_hash)
        if record:
            self.history.record(Change(briefing_id, edit, article_hash), scope if scope is not None else briefing_id)
        return True

    def undo(self, scope: str | None) -> Change | None:
        """The change that undoes the latest one made in `scope` (to apply), or None."""
        return self.history.undo(scope)

    def redo(self, scope: str | None) -> Change | None:
        """The change undone latest in `scope`, to apply again, or None."""
        return self.history.redo(scope)

    def apply(self, briefing_id: str, edit: BriefingEdit) -> None:
        """Apply one edit durably now, without the queue (the command line's way)."""
        self.library.apply(briefing_id, edit)

    def apply_settings(self, edit: LibraryEdit) -> LibrarySettings:
        """Change the settings durably now, without the queue; they are returned as they now are."""
        self.settings = self.library.apply_settings(edit)
        return self.settings

    # ----------------------------------------------------------------- following other windows

    @property
    def settings_edits(self) -> int:
        """Settings changes submitted here so far: a read started before the latest is stale."""
        return self._settings_edits

    def read_settings(self) -> LibrarySettings:
        """The settings as they are in the library now (in a worker)."""
        return self.library.settings()

    def take_settings(self, settings: LibrarySettings, edits: int) -> bool:
        """Take settings read by `read_settings` when `edits` settings changes had been made
        here; False when they are not news (the same, or a change of ours came after the read)."""
        if settings == self.settings or edits != self._settings_edits:
            return False
        self.settings = settings
        return True

    def on_change(self, callback: Callable[[str], None]) -> Following:
        """Be woken when another analyst changes the library (a server library's notifications;
        a folder never wakes anyone): `callback(what)` runs on the library's thread with a
        briefing id or `SETTINGS_CHANGED`; the face runs its checks on its own loop. Stop it when
        the face ends (see `LibraryStore.follow`)."""
        return self.library.follow(callback)

    # ----------------------------------------------------------------- briefings

    def entries(self) -> list[IndexEntry]:
        """Every briefing's listing entry."""
        return self.library.entries()

    def entry(self, briefing_id: str) -> IndexEntry | None:
        """One briefing's listing entry, or None."""
        return self.library.entry(briefing_id)

    def load(self, briefing_id: str) -> Briefing:
        """A briefing as it is in the library now."""
        return self.library.load(briefing_id)

    def version(self, briefing_id: str) -> int:
        """The library's version of a briefing (see `LibraryStore.version`)."""
        return self.library.version(briefing_id)

    def open_for_review(self, briefing_id: str) -> Opened:
        """A briefing with its version, cached extraction and place (see `read_for_review`)."""
        return read_for_review(self.library, briefing_id)

    def hold(self, briefing_id: str) -> None:
        """A window shows this briefing: keep its latest version at hand (see `LibraryStore.pin`)."""
        self.library.pin(briefing_id)

    def let_go(self, briefing_id: str) -> None:
        """The window showing it is gone (undoes one `hold`)."""
        self.library.unpin(briefing_id)

    def add_article(self, article: Article) -> ImportResult:
        """Add one article read already (new, an update, or a duplicate)."""
        return self.library.add_article(article)

    def first_briefing(self, article: Article | None, sample: Callable[[], Article]) -> str | None:
        """The briefing to open at start: `article` added, else `sample()` added to an empty
        library; None when the library screen comes first."""
        if article is not None:
            return self.add_article(article).id
        if not self.library.entries():
            return self.add_article(sample()).id
        return None

    def delete(self, briefing_id: str) -> None:
        """Move a briefing to the trash."""
        self.library.delete(briefing_id)

    def restore(self, briefing_id: str) -> None:
        """Bring a deleted briefing back."""
        self.library.restore(briefing_id)

    def search(self, query: str) -> list[SearchHit]:
        """Search every briefing (see `LibraryStore.search`)."""
        return self.library.search(query)

    def questions(self) -> list[tuple[IndexEntry, Question]]:
        """Every analyst question across the library."""
        return self.library.questions()

    def position(self, briefing_id: str) -> int | None:
        """Where the analyst last was in a briefing."""
        return self.library.position(briefing_id)

    def remember_positions(self, positions: Mapping[str, int]) -> None:
        """Remember where the analyst was (best effort)."""
        self.library.remember_positions(positions)

    # ----------------------------------------------------------------- changes kept from before

    def keep_unsaved(self, wait: float) -> tuple[int, str]:
        """On the way out: let the queue save for up to `wait` seconds (one retry when the disk
        already refuses), then write what it could not save to a recovery file.

        Returns:
            0 and "" when everything is on disk; else 1 and a line saying where the changes
            went (or that even that failed and they are lost).
        """
        queue = self.save_queue
        if queue is None:
            return 0, ""
        queue.close(timeout=min(wait, 1.0) if queue.refusing else wait)
        unsaved = queue.unsaved()
        if not unsaved:
            return 0, ""
        reason = queue.state().reason or "the disk did not take them in time"
        count = counted(len(unsaved), "change")
        try:
            where = keep_changes(self.library.path, unsaved, reason)
        except StoreError as error:
            return 1, f"brief: lost {count} that could not be saved ({reason}): {error}"
        return 1, (
            f"brief: {count} not saved ({reason}): kept in {where}, "
            "to be offered back the next time Brief opens this library"
        )

    def kept_changes(self) -> list[Rescued]:
        """Changes an earlier Brief could not save in this library (recovery files read that
        cannot be are named in the warnings)."""
        found, problems = changes_kept_for(self.library.path)
        self.library.warnings.extend(problems)
        return found

    def done_with(self, rescued: Rescued, *, applied: bool) -> Path | None:
        """Done with a recovery file: removed once applied, else kept aside (returned)."""
        return done_with(rescued, applied=applied)

    def queue_kept(self, items: list[Item]) -> None:
        """Queue kept changes as the analyst's own, not undoable (their session is over)."""
        for briefing_id, edit, article_hash in items:
            self.submit(briefing_id, edit, record=False, article_hash=article_hash)
