"""What the screens know of the app: the desk, typed, and the few things only the app can do.

Screens mix in `OnDesk` and reach the desk as `self.desk` (a `store.Desk`) and the app as
`self.face` (a `DeskApp`), both typed, instead of reading attributes off `self.app`. The app
(`tui.app.BriefApp`) is a `DeskApp`; this module imports no screen, so screens, the app and the
ways out (`tui.leaving`) depend on it and it on none of them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, runtime_checkable

from textual.app import App
from textual.message_pump import MessagePump
from textual.reactive import reactive
from textual.worker import Worker

from briefings.errors import BriefError

if TYPE_CHECKING:
    from briefings.briefing import Briefing
    from briefings.edits import BriefingEdit, LibraryEdit
    from store import Desk, SaveState


@runtime_checkable
class ShowsSettings(Protocol):
    """A screen that shows the library's tags or actor decisions."""

    def show_settings(self) -> None:
        """Redraw from the desk's settings, which another window has changed."""


@runtime_checkable
class FollowsStore(Protocol):
    """A screen that follows the library (its briefing, its list) by checking it every second."""

    def follow_store(self) -> None:
        """Check now: another analyst has just changed the library (a server's notification)."""


@runtime_checkable
class SavesOnQuit(Protocol):
    """A screen holding typed text that is not a change yet: an open note, question or judgment
    editor, the summary being written. Quitting saves it first, so nothing typed is lost."""

    def save_for_quit(self) -> bool:
        """Save the text as if the analyst had saved it (a dialog closes with it); False when it
        cannot be saved as it is (the screen shows why), which stops the quit."""


@runtime_checkable
class ShowsBriefing(Protocol):
    """A screen showing one briefing, through which changes to it are made (so that it shows them)."""

    briefing_id: str
    briefing: Briefing | None

    def apply_edit(self, edit: BriefingEdit, *, record: bool = True, made_against: str | None = None) -> bool:
        """Apply a change to the briefing shown; False when it is refused."""


@runtime_checkable
class PaintsFirst(Protocol):
    """A screen whose first frame draws only its main content (the review screen: the title and
    the article) and which mounts the rest after it (the panes, the bars, the footer). Keys wait
    until it is `built` (see `tui.key_gate`)."""

    built: bool
    """True once everything is mounted."""


class DeskApp(App[None]):
    """The app as the screens see it: the desk, the save state, and what only the app can do."""

    save_state: reactive[SaveState | None] = reactive(None)
    """The library's save state, shown in every title bar (set once the library is open)."""

    _desk: Desk | None = None
    _leaving_with: int | None = None
    """The exit status once unsaved changes were dealt with on the way out: no change is taken then."""

    @property
    def desk(self) -> Desk:
        """The desk of the open library (screens are shown only once it is open)."""
        if self._desk is None:
            raise RuntimeError("the library is not open yet")
        return self._desk

    @property
    def has_desk(self) -> bool:
        """True once the library is open."""
        return self._desk is not None

    def submit(
        self,
        briefing_id: str | None,
        edit: BriefingEdit | LibraryEdit,
        *,
        record: bool = True,
        article_hash: str | None = None,
        scope: str | None = None,
    ) -> bool:
        """Hand a change to the desk (its save queue and undo history); False if it cannot be
        saved. The title says "saving…" from this very frame (see `Desk.submit` for the arguments)."""
        if self._desk is None:
            return False
        if self._desk.read_only:
            self.notify("This library was written by a newer Brief and is open read-only.", severity="warning")
            return False
        if self._leaving_with is not None:
            return False  # on the way out, the queue is closed: a change now could not be kept
        if not self._desk.submit(briefing_id, edit, record=record, article_hash=article_hash, scope=scope):
            return False
        self.save_state = self._desk.save_state()
        return True

    def report_warnings(self) -> None:
        """Show the library's warnings not shown yet (quarantined or recovered files, read-only).

        The store adds warnings when it opens and whenever a read finds a damaged file.
        """
        if self._desk is None:
            return
        for warning in self._desk.untold_warnings():
            self.notify(warning, title="Library", severity="warning", timeout=20, markup=False)

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

    def screen_built(self) -> None:
        """A screen that paints first (`PaintsFirst`) has mounted the rest: the keys it held
        are handled now (see `tui.app.BriefApp`)."""
        raise NotImplementedError

    def show_library(self) -> None:
        """Leave a review screen for the list it was opened from (see `tui.app.BriefApp`)."""
        raise NotImplementedError

    def open_briefing(self, briefing_id: str, paragraph: int | None = None, words: str = "", *, in_place: bool = False) -> None:
        """Show a briefing for review, at a paragraph and with `words` marked if given; `in_place`
        replaces the screen on top instead of going over it (see `tui.app.BriefApp`)."""
        raise NotImplementedError


def face_of(node: MessagePump) -> DeskApp:
    """The Brief app a screen or widget runs in."""
    app = node.app
    if not isinstance(app, DeskApp):
        raise TypeError(f"{type(node).__name__} runs only in Brief's app")
    return app


class OnDesk:
    """Mixed into screens: `self.face` is the app, `self.desk` the desk, both typed."""

    @property
    def face(self) -> DeskApp:
        """The Brief app this screen runs in."""
        assert isinstance(self, MessagePump)
        return face_of(self)

    @property
    def desk(self) -> Desk:
        """The desk of the open library."""
        return self.face.desk
