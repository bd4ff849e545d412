"""What the desk needs of a library backend: the `LibraryStore` interface and its records.

The desk (`store.desk`) and everything above it see a library only through this interface, so a
second backend (a team library on a database server) can stand where the library folder stands
(`store.library.Library`, TinyDB files). Every backend must pass the contract suite in
`tests/contract/`, which reads as the specification of these methods.

The rules every backend keeps:

- Every change is durable when the method returns, and is applied as a delta to the briefing as
  it is in the store at that moment, under the backend's lock: two handles on one library (two
  windows, a window and `brief import`) merge their work and lose nothing.
- Reading never waits for a writer.
- A damaged record is set aside (never overwritten), recovered from what can be recovered, and
  reported as a plain sentence in `warnings`; it never stops the library from opening.
- A library written by a newer Brief opens read-only (`read_only`), and every change raises
  `ReadOnlyLibrary`; an older one is migrated when it opens, and says so in `warnings`.
- Errors are `store.errors.StoreError`s whose message is one line an analyst can act on.
- Every change is recorded with who made it (`analyst`) and when, in the same durable step as
  the change (the same transaction, the same file write): never a history entry for a change
  that did not land, nor a change without its entry. An entry is made by
  `briefings.history.entries` from the edit records (or `briefings.history.event` for an
  import), so every backend describes a change alike; `history` returns them oldest first.
- A backend that can tell of other handles' changes as they happen (a server's notifications)
  does so through `follow`; one that cannot (the folder) never calls back, and faces, which poll
  `version` and `settings` every second anyway, are simply not woken sooner.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TypeVar, runtime_checkable

from briefings.briefing import Briefing, Question
from briefings.edits import BriefingEdit, LibraryEdit, LibrarySettings
from briefings.extraction.model import Extraction
from briefings.history import HistoryEntry
from briefings.model import Article
from store.index import IndexEntry
from store.textquery import SearchHit

if TYPE_CHECKING:
    from briefings.decisions import ActorDecision
    from store.desk.tallies import ActorTally
    from store.feeds import FeedState  # feeds (and fetching, which they import) wait for their first use

T = TypeVar("T")

#: What `LibraryStore.follow` tells its callback for a change to the settings (no briefing id
#: looks like it).
SETTINGS_CHANGED = "(settings)"


@dataclass(frozen=True, slots=True)
class Following:
    """Being told of other handles' changes (see `LibraryStore.follow`).

    Attributes:
        stop: Stop telling this callback (the backend's thread ends with the last one stopped).
        ready: Set once changes are being heard; never set by a backend that cannot tell.
    """

    stop: Callable[[], None]
    ready: threading.Event = field(default_factory=threading.Event)

    def wait(self, timeout: float | None = None) -> bool:
        """Wait until changes are being heard; False when `timeout` passed first."""
        return self.ready.wait(timeout)


@dataclass(frozen=True, slots=True)
class ImportResult:
    """What importing an article did.

    Attributes:
        id: The briefing it is now (new, updated or the existing duplicate).
        status: "imported", "updated" or "duplicate".
        orphans: Annotations, and paragraph links of questions and judgments, that this import
            could not re-attach (kept as orphans).
    """

    id: str
    status: str
    orphans: int = 0


@dataclass(slots=True)
class DoctorReport:
    """What the doctor found (and did).

    Attributes:
        lines: One plain sentence per finding, problems first marked "problem:", then facts.
        ok: True when nothing needs repair.
    """

    lines: list[str] = field(default_factory=list)
    ok: bool = True

    def problem(self, text: str) -> None:
        self.lines.append(f"problem: {text}")
        self.ok = False

    def note(self, text: str) -> None:
        self.lines.append(text)


class LibraryStore(Protocol):
    """An open library, as the desk uses it (see the module docstring for the rules).

    Attributes:
        path: Where the library is: its folder, or what names it on a server. Recovery files
            (`store.rescue`) are kept by it.
        read_only: True when a newer Brief wrote it.
        warnings: Plain sentences for the analyst, added to as the library finds damage.
        analyst: Who this handle's changes are recorded as: a backend starts with the login
            name (`briefings.history.login_name`); the desk sets the configured name.
    """

    path: Path
    read_only: bool
    warnings: list[str]
    analyst: str

    # Schema

    @property
    def schema(self) -> int:
        """The schema version the library is at (after any migration when it opened)."""
        ...

    # Briefings

    def entries(self) -> list[IndexEntry]:
        """Every briefing's listing entry (no briefing is read whole)."""
        ...

    def entry(self, briefing_id: str) -> IndexEntry | None:
        """One briefing's listing entry, or None."""
        ...

    def load(self, briefing_id: str) -> Briefing:
        """A briefing as it is now (a copy the caller may change). Raises `BriefingNotFound`."""
        ...

    def version(self, briefing_id: str) -> int:
        """A number that moves on whenever this handle sees a version of the briefing written by
        someone else (another window, an import), so that a window can follow the store."""
        ...

    def follow(self, callback: Callable[[str], None]) -> Following:
        """Be told at once when another handle (another analyst's Brief) changes the library:
        `callback(what)` is called from a thread of the backend's, never a face's (a face hands it
        over to its own loop), with the id of the briefing changed, or `SETTINGS_CHANGED`.
        Optional in effect: a backend that cannot tell (the folder) never calls back. Stop it
        (`Following.stop`) when the face ends, so that no thread outlives it."""
        ...

    def pin(self, briefing_id: str) -> None:
        """Keep this handle's latest version of a briefing at hand (to write it back should the
        stored one be found damaged) until `unpin`."""
        ...

    def unpin(self, briefing_id: str) -> None:
        """Undo one `pin`."""
        ...

    # Changes

    def apply(self, briefing_id: str, edit: BriefingEdit) -> None:
        """Apply one edit record to a briefing as a delta, durably, under the lock, with its
        history entries (`briefings.history.entries(edits, analyst)`)."""
        ...

    def apply_all(self, briefing_id: str, edits: Sequence[BriefingEdit], *, article_hash: str | None = None) -> None:
        """Apply several edits in one durable step, all or none, with their history entries;
        refused (`EditRejected`) when the article is no longer the one with `article_hash`."""
        ...

    def history(self, briefing_id: str, *, trashed: bool = False) -> list[HistoryEntry]:
        """Who changed a briefing when, oldest first: an "import" entry first, then its edits
        (and "reimport", "merge", "version" entries for imports that changed it). A briefing
        last changed before histories were kept has none. `trashed`: a briefing in the trash
        (for moving a library). Raises `BriefingNotFound`."""
        ...

    def add_article(self, article: Article) -> ImportResult:
        """Add an article: new, an update of one already here (annotations re-attached), or a
        duplicate; recorded as an "import" (or "reimport") history entry."""
        ...

    def add_briefing(self, briefing: Briefing) -> ImportResult:
        """Add a briefing with its work (a JSON export), merged with one already here; recorded
        as an "import" (or "merge") history entry."""
        ...

    def delete(self, briefing_id: str) -> None:
        """Move a briefing to the trash."""
        ...

    def restore(self, briefing_id: str) -> None:
        """Bring a briefing back from the trash."""
        ...

    def trashed(self) -> list[Briefing]:
        """The briefings in the trash, whole (for moving a library)."""
        ...

    def copy_in(self, briefing: Briefing, *, trashed: bool = False, history: Sequence[HistoryEntry] = ()) -> None:
        """Write a briefing exactly as given, with its history as given (no entry added), under
        its id, in the library or its trash (for moving a library: nothing merged). Raises
        `StoreError` when the id is taken."""
        ...

    # Settings: the tag taxonomy and the actor decisions

    def settings(self) -> LibrarySettings:
        """The taxonomy and actor decisions (the default taxonomy for a new library)."""
        ...

    def apply_settings(self, edit: LibraryEdit) -> LibrarySettings:
        """Apply a settings edit as a delta, durably, under the lock, with its history entries;
        the settings as they now are."""
        ...

    def settings_history(self) -> list[HistoryEntry]:
        """Who changed the taxonomy and the actor decisions when, oldest first."""
        ...

    def copy_settings_in(self, settings: LibrarySettings, history: Sequence[HistoryEntry]) -> None:
        """Make the settings and their history exactly these, in one durable step, no entry
        added (for moving a library into a new one)."""
        ...

    # Search and tallies

    def search(self, query: str, limit: int = 200) -> list[SearchHit]:
        """Places holding every word of the query (titles, paragraphs, notes, summaries, questions)."""
        ...

    def questions(self) -> list[tuple[IndexEntry, Question]]:
        """Every analyst question in the library, with its briefing's entry."""
        ...

    # Extraction cache and reading positions (best effort)

    def load_extraction(self, content_hash: str, pipeline: str, basis: str | None = "") -> Extraction | None:
        """The cached raw extraction of an article's content by a pipeline, made on `basis` (None: any)."""
        ...

    def load_extractions(self, content_hashes: Iterable[str], pipeline: str, basis: str | None = "") -> dict[str, Extraction]:
        """The cached extractions of many articles by one pipeline, by content hash (misses left
        out): what a tally across the library reads, in one query where the backend can."""
        ...

    def save_extraction(self, content_hash: str, pipeline: str, extraction: Extraction, basis: str = "") -> None:
        """Cache a raw extraction."""
        ...

    def position(self, briefing_id: str) -> int | None:
        """The paragraph last visited in a briefing, if known."""
        ...

    def remember_positions(self, positions: Mapping[str, int]) -> None:
        """Remember the paragraph last visited in these briefings."""
        ...

    # Feeds, the inbox and the same story twice

    def read_feeds(self) -> FeedState:
        """The feeds followed, the items seen, the inbox and the pairs kept apart."""
        ...

    def change_feeds(self, apply: Callable[[FeedState], T]) -> T:
        """Change the feeds state under the lock (read, apply, write); what `apply` returned."""
        ...

    def same_story_as(self, briefing_id: str) -> list[str]:
        """The briefings telling the same story as this one (indexing it first if need be)."""
        ...

    def note_imports(self, briefing_ids: Iterable[str]) -> dict[str, list[str]]:
        """Index new briefings for near-duplicates; for each that has some, their ids."""
        ...

    def same_story_groups(self) -> dict[str, list[str]]:
        """Every briefing's near-duplicates (indexing what is not indexed yet: slow the first time)."""
        ...

    def file_as_version(self, newer: str, existing: str) -> ImportResult:
        """File one briefing as a new version of another in one step (the newer goes to the trash)."""
        ...


@runtime_checkable
class TalliesActors(Protocol):
    """A capability of a backend with a query engine (the PostgreSQL library): it counts the
    actors across the library by query instead of the desk walking every briefing's extraction
    (`store.desk.tallies.walk`, what a folder gets). Its tally must equal the walk's on the same
    library (the contract suite checks it), and it answers one actor's details by query
    (`store.desk.tallies.ActorDetails`)."""

    def tally_actors(
        self,
        pipeline: str,
        decisions: tuple[ActorDecision, ...],
        previous: ActorTally | None = None,
        *,
        cancelled: Callable[[], bool] = lambda: False,
        on_progress: Callable[[int, int], None] = lambda done, total: None,
    ) -> ActorTally | None:
        """Every actor of the extractions by `pipeline` of the library's briefings, with the
        decisions applied as `briefings.extraction.apply_decisions` applies them; `previous`
        when nothing it was counted from changed; None when cancelled."""
        ...


class LibraryBackend(Protocol):
    """A kind of library: how one is opened, and checked without being opened."""

    def open(self, path: Path, *, lock_timeout: float = 5.0) -> LibraryStore:
        """Open (or create) a library; migrate an older one, open a newer one read-only.

        Raises:
            LibraryBusy: Another Brief held the lock too long.
            StoreError: It cannot be opened or made (the message says why).
        """
        ...

    def check(self, path: Path, *, repair: bool = False) -> DoctorReport:
        """Check a library without opening it; with `repair`, fix what can be fixed safely."""
        ...
