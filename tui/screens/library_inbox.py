"""The library screen's reading desk: the inbox, fetching feeds, importing by path or address, and
the same story told twice.

- The inbox: articles fetched from feeds and not opened yet are new. The title counts them, a
  dot marks their rows, they come first in the default order, `i` shows them alone, and `r`
  marks the briefing under the cursor (or the marked ones) read or new again. Opening one
  marks it read.
- `F` (and "library: fetch feeds" in the palette) fetches every feed in a worker while the
  analyst reads on; the title shows how far it got, and the new articles join the list.
- `+` imports a file, a folder or a web address typed in, in a worker.
- A row whose article is also in the library from another source is marked "≈"; the line below
  the table says by whom, and `V` files the two as one briefing or keeps them apart
  (see `tui.screens.same_story`).

The inbox and the near-duplicates are read in a worker after the rows (`DeskRead`): the rows
never wait for them. Indexing near-duplicates the first time reads every article (seconds for
thousands); afterwards it reads only what is new.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Static

from briefings.wording import counted
from tui.face import OnDesk
from tui.screens.library_rows import LibraryRow
from tui.screens.same_story import SameStory, ask, same_story
from tui.widgets.briefing_table import RowTable

if TYPE_CHECKING:
    from store import ImportResult, Progress

INBOX_BINDINGS = [
    Binding("i", "inbox", "Inbox", id="library.inbox"),
    Binding("r", "toggle_read", "Read/new", id="library.read"),
    Binding("F", "fetch", "Fetch feeds", id="library.fetch"),
    Binding("plus", "import_prompt", "Import…", id="library.import", key_display="+"),
    Binding("V", "same_story", "Same story…", id="library.same-story", show=False),
]
"""
| Key | Action |
| :- | :- |
| i | Show only the new articles (the inbox), newest first; again to show all. |
| r | Mark the briefing (or the marked ones) read, or new again. |
| F | Fetch every feed in the background; new articles join the inbox. |
| + | Import a file, a folder or a web address. |
| V | The same story from another source: file as one briefing, or keep apart. |
"""


@dataclass(frozen=True, slots=True)
class InboxState:
    """What the library screen knows beyond the index.

    Attributes:
        inbox: New articles (not read yet) by id, with when they arrived.
        groups: Each briefing's near-duplicates (None until indexed).
        apart: Pairs the analyst kept apart.
    """

    inbox: dict[str, str] = field(default_factory=dict)
    groups: dict[str, list[str]] | None = None
    apart: set[str] = field(default_factory=set)


class InboxRead(Message):
    """The inbox (and, the second time, the near-duplicates) were read (posted from a worker)."""

    def __init__(self, state: InboxState, marked: int) -> None:
        self.state = state
        self.marked = marked
        """How many times the analyst had marked articles read or new when the read began."""
        super().__init__()


class FetchMoved(Message):
    """A fetch moved on (posted from the fetching worker)."""

    def __init__(self, text: str) -> None:
        self.text = text
        super().__init__()


class FetchDone(Message):
    """A fetch or an import ended (posted from its worker)."""

    def __init__(self, summary: str, failures: list[str], keep: str | None = None) -> None:
        self.summary = summary
        self.failures = failures
        self.keep = keep
        super().__init__()


class LibraryHost(Protocol):
    """What the inbox part needs of the library screen."""

    _rows: list[LibraryRow]
    _visible_rows: list[LibraryRow]
    sort_column: str
    deleted: list[tuple[str, str]]
    """Briefings deleted here, by id with their titles, the latest last (`u` brings them back)."""
    stale: bool

    @property
    def table(self) -> RowTable:
        """The table of briefings."""
        ...

    def _refilter(self, keep: str | None = None, *, same_rows: bool = True) -> None: ...

    def _show_title(self) -> None: ...

    def _chosen_ids(self) -> list[str]: ...

    def reload(self, keep: str | None = None) -> None: ...


if TYPE_CHECKING:

    class LibraryPart(LibraryHost, OnDesk, Screen[None]):
        """The base the library screen's parts are typed against."""

else:
    LibraryPart = object


class InboxDesk(LibraryPart):
    """Mixed into `LibraryScreen` (see the module docstring)."""

    inbox_state: InboxState = InboxState()
    inbox_only: bool = False
    fetching: str = ""
    """What a running fetch has done so far, for the title; "" when none runs."""
    _stop_fetch: threading.Event | None = None
    _marked = 0
    """How many times the analyst marked articles read or new here: a read of the disk begun
    before the latest mark may not have it, and must not undo it on screen."""

    # ----------------------------------------------------------------- reading

    def read_desk(self) -> None:
        """Read the inbox, then the near-duplicates, in a worker (after the rows are shown)."""
        marked = self._marked
        self.run_worker(lambda: self._read_desk(marked), thread=True, exclusive=True, group="library-desk", exit_on_error=False, name="read the inbox")

    def _read_desk(self, marked: int) -> None:
        desk = self.desk
        state = desk.feeds()
        self.post_message(InboxRead(InboxState(state.inbox, self.inbox_state.groups, state.apart), marked))
        self.post_message(InboxRead(InboxState(state.inbox, desk.same_story_groups(), state.apart), marked))

    def on_inbox_read(self, message: InboxRead) -> None:
        state = message.state
        if message.marked != self._marked:  # marked since the read began: the screen's inbox is newer
            state = InboxState(self.inbox_state.inbox, state.groups, self.inbox_state.apart)
        self.inbox_state = state
        self.decorate_rows()
        self._refilter()
        self.show_detail()

    def decorate_rows(self, rows: list[LibraryRow] | None = None) -> None:
        """Mark new rows and rows with near-duplicates, as the desk says."""
        groups = self.inbox_state.groups or {}
        for row in self._rows if rows is None else rows:
            if row.decorate(row.key in self.inbox_state.inbox, bool(groups.get(row.key))):
                self.table.refresh_key(row.key)

    def inbox_view(self, rows: list[LibraryRow]) -> list[LibraryRow]:
        """The rows to show: only the new ones in the inbox view (newest first), else all, with
        the new ones first in the default order."""
        inbox = self.inbox_state.inbox
        if self.inbox_only:
            return sorted((row for row in rows if row.key in inbox), key=lambda row: inbox[row.key], reverse=True)
        if self.sort_column != "recent" or not inbox:
            return rows
        return [row for row in rows if row.key in inbox] + [row for row in rows if row.key not in inbox]

    def inbox_title(self, title: Text) -> None:
        """The inbox's part of the title: how many are new, or the inbox view, or a fetch."""
        present = {row.key for row in self._rows}
        new = sum(1 for briefing_id in self.inbox_state.inbox if briefing_id in present)
        if self.inbox_only:
            title.append(f"  ·  inbox: {counted(new, 'new article')} (i: all)", style="bold")
        elif new:
            title.append(f"  ·  {new:,} new (i)", style="bold")
        if self.fetching:
            title.append(f"  ·  {self.fetching}", style="italic")

    # ----------------------------------------------------------------- the line below the table

    def on_row_table_highlighted(self, message: RowTable.Highlighted) -> None:
        self.show_detail()

    def cursor_story(self) -> SameStory | None:
        """The near-duplicates of the briefing under the cursor, or None."""
        key = self.table.cursor_key
        if key is None or not self.inbox_state.groups:
            return None
        entries = {row.key: row.entry for row in self._rows}
        return same_story(entries.get(key), self.inbox_state.groups, self.inbox_state.apart, entries)

    def show_detail(self) -> None:
        story = self.cursor_story()
        detail = self.query_one("#library-same-story", Static)
        detail.display = story is not None
        if story is not None:
            detail.update(story.line())

    # ----------------------------------------------------------------- actions

    def action_inbox(self) -> None:
        """Show only the new articles, or all again."""
        self.inbox_only = not self.inbox_only
        self._refilter()
        if self.inbox_only and not self.table.row_count:
            self.notify("Nothing new. F fetches the feeds.", timeout=4)

    def action_toggle_read(self) -> None:
        """Mark the briefing under the cursor (or the marked ones) read; new again if all were read."""
        ids = self._chosen_ids() or ([self.table.cursor_key] if self.table.cursor_key else [])
        if not ids:
            return
        unread = any(briefing_id in self.inbox_state.inbox for briefing_id in ids)
        inbox = dict(self.inbox_state.inbox)
        for briefing_id in ids:
            if unread:
                inbox.pop(briefing_id, None)
            else:
                inbox[briefing_id] = inbox.get(briefing_id, "9999")  # new again: first among the new
        self.inbox_state = InboxState(inbox, self.inbox_state.groups, self.inbox_state.apart)
        self._marked += 1
        self.decorate_rows()
        self._refilter()
        self.run_worker(lambda: self._save_read(ids, unread), thread=True, group="library-read", exit_on_error=False, name="mark read")

    def mark_read(self, briefing_id: str) -> None:
        """An opened briefing is read."""
        if briefing_id in self.inbox_state.inbox:
            inbox = {key: value for key, value in self.inbox_state.inbox.items() if key != briefing_id}
            self.inbox_state = InboxState(inbox, self.inbox_state.groups, self.inbox_state.apart)
            self._marked += 1
            self.decorate_rows()
            self.run_worker(lambda: self._save_read([briefing_id], True), thread=True, group="library-read", exit_on_error=False, name="mark read")

    def _save_read(self, ids: list[str], read: bool) -> None:
        self.desk.mark_read(ids, read)

    def action_fetch(self) -> None:
        """Fetch every feed in a worker; the analyst reads on."""
        if self.fetching:
            self.notify("Already fetching.", timeout=3)
            return
        self.fetching = "fetching the feeds…"
        self._show_title()
        self._stop_fetch = threading.Event()
        self.run_worker(self._fetch, thread=True, exclusive=True, group="library-fetch", exit_on_error=False, name="fetch the feeds")

    def _fetch(self) -> None:
        desk = self.desk
        if not desk.feeds().feeds:
            self.post_message(FetchDone("No feeds yet: brief feeds add URL, or brief feeds import FILE.opml.", []))
            return

        def moved(step: Progress) -> None:
            what = "reading feeds" if step.stage == "feeds" else "fetching articles"
            self.post_message(FetchMoved(f"{what} {step.done}/{step.total}"))

        report = desk.fetch_feeds(timeout=10.0, stop=self._stop_fetch, on_progress=moved)
        new = [item.briefing_id for item in report.items if item.briefing_id and item.status in ("imported", "updated")]
        desk.note_imports(new)
        failed = report.failures + [item.reason for item in report.items if item.status == "failed"]
        summary = f"{counted(len(new), 'new article')} from {counted(report.feeds, 'feed')}" + (f"; {len(failed):,} failed" if failed else "")
        self.post_message(FetchDone(summary, failed))

    def on_fetch_moved(self, message: FetchMoved) -> None:
        if self.fetching:
            self.fetching = message.text
            self._show_title()

    def on_fetch_done(self, message: FetchDone) -> None:
        self.fetching = ""
        for failure in message.failures[:5]:
            self.notify(failure, severity="warning", timeout=10, markup=False)
        more = len(message.failures) - 5
        if more > 0:
            self.notify(f"…and {more:,} more failures; `brief fetch` lists them all.", severity="warning", timeout=10)
        self.notify(message.summary, title="Fetch" if message.keep is None else "Import", timeout=6, markup=False)
        self.reload(message.keep)

    def stop_fetching(self) -> None:
        """Make a running fetch give up (the screen is going away)."""
        if self._stop_fetch is not None:
            self._stop_fetch.set()

    def action_import_prompt(self) -> None:
        """Import a file, a folder or a web address typed in."""
        from tui.screens.dialogs import TextPrompt

        prompt = TextPrompt("Import a file, a folder or a web address", placeholder="~/reports/review.pdf or https://…")
        self.app.push_screen(prompt, lambda typed: typed and typed.strip() and self._start_import(typed.strip()))

    def _start_import(self, typed: str) -> None:
        self.run_worker(lambda: self._import(typed), thread=True, group="library-import", exit_on_error=False, name="import")

    def _import(self, typed: str) -> None:
        from briefings.web.fetching import is_web_address

        desk = self.desk
        if is_web_address(typed):
            page = desk.import_addresses([typed], stop=self._stop_fetch)[0]
            results = [(page.status, page.briefing_id, page.reason)]
        else:
            collected = desk.collect([Path(typed).expanduser()], recursive=True)
            outcomes = collected.failures + desk.import_files(collected.files)
            results = [(outcome.status, outcome.briefing_id, outcome.reason) for outcome in outcomes]
        ids = [briefing_id for status, briefing_id, _ in results if briefing_id and status in ("imported", "updated")]
        same = desk.note_imports(ids)
        failures = [reason for status, _, reason in results if status == "failed"]
        counts = {status: sum(1 for result in results if result[0] == status) for status in ("imported", "updated", "duplicate")}
        summary = f"{counts['imported']:,} imported, {counts['updated']:,} updated, {counted(counts['duplicate'], 'duplicate')}"
        if same:
            summary += f"; {counted(len(same), 'story', 'stories')} already in the library from another source (≈, V)"
        keep = next((briefing_id for _, briefing_id, _ in results if briefing_id), None)
        self.post_message(FetchDone(summary, failures, keep or ""))

    def action_same_story(self) -> None:
        """File the briefing under the cursor and its near-duplicate as one, or keep them apart."""
        story = self.cursor_story()
        if story is None:
            self.notify("No other source tells this story." if self.inbox_state.groups is not None else "Still looking for the same story told twice…", timeout=4)
            return
        ask(self, self.desk, story, self._same_story_done)

    def _same_story_done(self, message: str, result: ImportResult | None) -> None:
        self.notify(message, title="Same story", timeout=6, markup=False)
        self.reload(result.id if result else None)

