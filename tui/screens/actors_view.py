"""The actors view: every actor across the library, its briefings and paragraphs, and its company.

Left, every actor with the number of briefings and mentions, its kinds and roles, the most
widespread first; typing after `f` filters by name. Right, for the actor under the cursor, each
paragraph that mentions it (Enter opens the briefing there, the mention marked) and the actors
that appear in the same briefings (Enter goes to that actor). Below, the paragraph under the
cursor, read from its briefing.

The tally reads each briefing's cached extraction and applies the library's actor decisions (on a
server library, by query; one actor's paragraphs and company are asked for when it is shown), so
the analyst's merges, renames and hides hold here as in the review screen. It runs in a worker
with progress in the title, as does extracting the briefings that have no extraction yet (`e`);
nothing here runs spaCy or reads a file on the UI thread.
"""

from __future__ import annotations


from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Input, Static
from textual.worker import get_current_worker

from briefings.cleaning import clean_text
from briefings.model import Article
from briefings.wording import counted
from store import ActorTally
from tui.screens.actors_corrections import LibraryActorCorrections
from tui.screens.actors_rows import (
    ACTOR_COLUMNS,
    COMPANY_COLUMNS,
    MENTION,
    MENTION_COLUMNS,
    NOT_EXTRACTED,
    ActorRow,
    CompanyRow,
    MentionRow,
    NotExtractedRow,
    mention_rows,
)
from tui.screens.library_rows import RowFilter
from tui.widgets.briefing_table import RowTable
from tui.widgets.footer import BriefFooter
from tui.workers import ReportsWorkerErrors

class ActorsView(LibraryActorCorrections, ReportsWorkerErrors, Screen[ActorTally | None]):
    """Actors across the library."""

    PALETTE_AREA = "actors"
    AUTO_FOCUS = "#actors"
    BINDINGS = [
        Binding("f", "filter", "Filter", id="actors.filter"),
        Binding("e", "extract", "Extract missing", id="actors.extract"),
        Binding("m", "merge_actor", "Merge", id="actors.merge-across"),
        Binding("r", "rename_actor", "Rename", id="actors.rename-across"),
        Binding("u", "undo", "Undo", id="actors.undo"),
        Binding("ctrl+r", "redo", "Redo", id="actors.redo", show=False),
        Binding("tab", "app.focus_next", "Next pane", id="actors.next-pane", show=False),
        Binding("shift+tab", "app.focus_previous", "Previous pane", id="actors.previous-pane", show=False),
        Binding("escape", "back", "Back", id="actors.back"),
    ]
    """
    | Key | Action |
    | :- | :- |
    | j, k | Move in the list that has the focus. |
    | enter | On an actor: go to its paragraphs. On a paragraph: open the briefing there. On an actor in the same briefings: go to it. |
    | f | Filter the actors by name as you type. |
    | e | Extract the briefings that have no extraction yet (in the background). |
    | m | Merge the actor into another, in every briefing. |
    | r | Rename the actor in every briefing. |
    | u, ctrl+r | Undo, redo a merge or rename made here. |
    | tab, shift+tab | Move between the lists. |
    | escape | Clear the filter; back to the library. |
    """

    DEFAULT_CSS = """
    ActorsView #actors-title { height: 1; background: $panel; padding: 0 1; }
    ActorsView #actors-filter { height: 1; border: none; padding: 0 1; background: $surface; }
    ActorsView #actors-filter:focus { background: $boost; }
    ActorsView #actors-body { height: 1fr; }
    ActorsView #actors { width: 3fr; border-right: tall $panel; }
    ActorsView #actor-side { width: 2fr; }
    ActorsView #actor-heading { height: auto; max-height: 4; padding: 0 1; background: $panel-darken-1; }
    ActorsView #actor-mentions { height: 2fr; }
    ActorsView #actor-company { height: 1fr; max-height: 12; }
    ActorsView #actor-preview { height: auto; max-height: 6; padding: 0 1; background: $panel-darken-1; }
    """

    class Progressed(Message):
        """Progress of the tally or of extraction (posted from a worker)."""

        def __init__(self, what: str, done: int, total: int) -> None:
            self.what = what
            """"reading" or "extracting"."""
            self.done = done
            """Briefings done."""
            self.total = total
            """Briefings to do."""
            super().__init__()

    class TallyReady(Message):
        """Every briefing's actors were counted (posted from a worker)."""

        def __init__(self, tally: ActorTally) -> None:
            self.tally = tally
            """The actors across the library."""
            super().__init__()

    class DetailReady(Message):
        """The paragraphs and company of an actor (posted from a worker)."""

        def __init__(self, key: str, mentions: list[MentionRow], company: list[CompanyRow]) -> None:
            self.key = key
            """The actor."""
            self.mentions = mentions
            """Its paragraphs."""
            self.company = company
            """The actors in the same briefings."""
            super().__init__()

    class PreviewReady(Message):
        """A paragraph's text, for the line under the lists (posted from a worker)."""

        def __init__(self, key: str, text: Text) -> None:
            self.key = key
            """The paragraph row it belongs to."""
            self.text = text
            """The paragraph, mentions marked."""
            super().__init__()

    class Extracted(Message):
        """The missing extractions were made (posted from a worker)."""

        def __init__(self, count: int, failures: list[tuple[str, str]]) -> None:
            self.count = count
            """How many articles were extracted."""
            self.failures = failures
            """(title, reason) of the articles extraction failed on."""
            super().__init__()

    def __init__(self, previous: ActorTally | None = None) -> None:
        """
        Args:
            previous: The tally this view returned last time, reused if nothing it counted
                has changed since.
        """
        super().__init__()
        self.tally: ActorTally | None = None
        """The actors across the library, once counted."""
        self._previous = previous
        self._filter: RowFilter[ActorRow | NotExtractedRow] = RowFilter()
        self._status = "reading the extractions…"

    def compose(self) -> ComposeResult:
        yield Static(id="actors-title", markup=False)
        yield Input(placeholder="f: filter actors by name", id="actors-filter")
        with Horizontal(id="actors-body"):
            yield RowTable(ACTOR_COLUMNS, empty="Reading the extractions…", id="actors")
            with Vertical(id="actor-side"):
                yield Static(id="actor-heading", markup=False)
                yield RowTable(MENTION_COLUMNS, empty="", id="actor-mentions")
                yield RowTable(COMPANY_COLUMNS, empty="", id="actor-company")
        yield Static(id="actor-preview", markup=False)
        yield BriefFooter()

    def table(self, name: str) -> RowTable:
        """One of the three lists: "actors", "actor-mentions" or "actor-company"."""
        return self.query_one(f"#{name}", RowTable)

    def on_mount(self) -> None:
        self._show_title()
        self._tally()

    def on_screen_resume(self) -> None:
        # Back from a briefing: the analyst may have made decisions there, or it was extracted.
        self.count_again()

    def count_again(self) -> None:
        """Count the actors again (at once if nothing they were counted from changed)."""
        if self.tally is not None:
            self._previous = self.tally
            self._status = "counting the actors again…"
            self._show_title()
            self._tally()

    # ----------------------------------------------------------------- tally

    @work(thread=True, exclusive=True, group="actors-tally", exit_on_error=False, name="gather the actors")
    def _tally(self) -> None:
        worker = get_current_worker()
        tally = self.desk.actor_tally(
            self._previous,
            cancelled=lambda: worker.is_cancelled,
            on_progress=lambda done, total: self.post_message(self.Progressed("reading", done, total)),
        )
        if tally is not None:
            self.post_message(self.TallyReady(tally))

    def on_actors_view_progressed(self, message: Progressed) -> None:
        self._status = f"{message.what} {message.done:,}/{message.total:,}…"
        self._show_title()

    def on_actors_view_tally_ready(self, message: TallyReady) -> None:
        self.tally = message.tally
        self._status = ""
        rows: list[ActorRow | NotExtractedRow] = [ActorRow(actor) for actor in message.tally.ranked()]
        if message.tally.not_extracted:
            rows.insert(0, NotExtractedRow(len(message.tally.not_extracted)))
        self._filter.reset(rows)
        table = self.table("actors")
        table.empty = "No actors: no briefing has been extracted yet." if not rows else "No actor matches the filter."
        self._refilter(same_rows=False)
        self._show_actor(table.cursor_key)  # the same actor may now have other paragraphs
        self._show_title()

    def _refilter(self, *, same_rows: bool = True) -> None:
        table = self.table("actors")
        table.set_rows(self._filter.apply(self.query_one("#actors-filter", Input).value), keep=table.cursor_key, same_rows=same_rows)

    def _show_title(self) -> None:
        title = Text(no_wrap=True, overflow="ellipsis")
        title.append("Brief ▸ Library ▸ Actors", style="bold")
        if self.tally is not None:
            title.append(f"  ·  {counted(len(self.tally.actors), 'actor')} in {counted(self.tally.extracted, 'briefing')}")
            if self.tally.not_extracted:
                title.append(f"  ·  {len(self.tally.not_extracted):,} not extracted yet (e extracts them)", style="italic")
        if self._status:
            title.append(f"  ·  {self._status}", style="bold")
        self.query_one("#actors-title", Static).update(title, layout=False)

    # ----------------------------------------------------------------- the selected actor

    @on(RowTable.Highlighted, "#actors")
    def _actor_highlighted(self, message: RowTable.Highlighted) -> None:
        self._show_actor(message.key)

    def _show_actor(self, key: str | None) -> None:
        heading = Text()
        tally = self.tally
        if tally is not None and key is not None and key != NOT_EXTRACTED and key in tally.actors:
            actor = tally.actors[key]
            heading.append(clean_text(actor.name), style="bold")
            heading.append(f"  {actor.kind_label} · {counted(actor.briefing_count, 'briefing')} · {counted(actor.mention_count, 'mention')}", style="dim")
            if actor.aliases:
                heading.append("\naka " + ", ".join(clean_text(alias) for alias in actor.aliases[:8]), style="dim")
            if actor.roles:
                heading.append("\n" + "; ".join(clean_text(role) for role in actor.roles[:4]), style="italic")
        elif key == NOT_EXTRACTED and tally is not None:
            heading.append(f"{counted(len(tally.not_extracted), 'briefing')} not extracted yet", style="bold")
            heading.append("  e extracts them in the background; opening one extracts it", style="dim")
        self.query_one("#actor-heading", Static).update(heading)
        if tally is None or key is None:
            self.table("actor-mentions").set_rows([])
            self.table("actor-company").set_rows([])
            return
        self._gather_detail(tally, key)

    @work(thread=True, exclusive=True, group="actor-detail", exit_on_error=False, name="list the actor's paragraphs")
    def _gather_detail(self, tally: ActorTally, key: str) -> None:
        # An actor in thousands of briefings takes tens of milliseconds to list: off the UI thread,
        # and dropped when the cursor has already moved on.
        mentions = mention_rows(tally, key)
        company = [CompanyRow(actor, shared) for actor, shared in tally.co_occurring(key)]
        if not get_current_worker().is_cancelled:
            self.post_message(self.DetailReady(key, mentions, company))

    def on_actors_view_detail_ready(self, message: DetailReady) -> None:
        if message.key != self.table("actors").cursor_key:
            return
        self.table("actor-mentions").set_rows(message.mentions)
        self.table("actor-company").set_rows(message.company)

    @on(RowTable.Selected, "#actors")
    def _actor_selected(self, message: RowTable.Selected) -> None:
        self.table("actor-mentions").focus()

    # ----------------------------------------------------------------- paragraphs

    def _mention_row(self, key: str | None) -> MentionRow | None:
        table = self.table("actor-mentions")
        position = table.position(key) if key is not None else None
        return table.rows[position] if position is not None else None  # type: ignore[return-value]

    @on(RowTable.Highlighted, "#actor-mentions")
    def _mention_highlighted(self, message: RowTable.Highlighted) -> None:
        row = self._mention_row(message.key)
        if row is None or row.paragraph is None:
            self.query_one("#actor-preview", Static).update("")
            return
        self._preview(row)

    @work(thread=True, exclusive=True, group="actor-preview", exit_on_error=False, name="read the paragraph")
    def _preview(self, row: MentionRow) -> None:
        article = self.desk.load(row.entry.id).article
        if row.paragraph is None or row.paragraph >= len(article.paragraphs):
            return
        paragraph = article.paragraphs[row.paragraph].text
        text = Text(f"¶{row.paragraph + 1}  ", style="bold")
        start = len(text)
        text.append(clean_text(paragraph))
        if len(clean_text(paragraph)) == len(paragraph):
            # Offsets point into the text as stored; they still fit when cleaning removed nothing.
            for mention in row.mentions:
                text.stylize(MENTION, start + mention.start, start + mention.end)
        self.post_message(self.PreviewReady(row.key, text))

    def on_actors_view_preview_ready(self, message: PreviewReady) -> None:
        if message.key == self.table("actor-mentions").cursor_key:
            self.query_one("#actor-preview", Static).update(message.text)

    @on(RowTable.Selected, "#actor-mentions")
    def _mention_selected(self, message: RowTable.Selected) -> None:
        row = self._mention_row(message.key)
        if row is not None:
            words = row.mentions[0].text if row.mentions else ""
            self.face.open_briefing(row.entry.id, row.paragraph, words)

    # ----------------------------------------------------------------- company

    @on(RowTable.Selected, "#actor-company")
    def _company_selected(self, message: RowTable.Selected) -> None:
        actors = self.table("actors")
        if actors.position(message.key) is None:
            # Hidden by the filter: show every actor again.
            self.query_one("#actors-filter", Input).value = ""
            actors.set_rows(self._filter.apply(""), keep=message.key, same_rows=True)
        position = actors.position(message.key)
        if position is not None:
            actors.move_cursor(position)
            actors.focus()

    # ----------------------------------------------------------------- filter, extract, back

    def action_filter(self) -> None:
        """Type to narrow the actors by name."""
        self.query_one("#actors-filter", Input).focus()

    @on(Input.Changed, "#actors-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self._refilter()

    @on(Input.Submitted, "#actors-filter")
    def _filter_done(self, event: Input.Submitted) -> None:
        self.table("actors").focus()

    def action_back(self) -> None:
        """Escape: clear the filter, else back to the library."""
        filter_input = self.query_one("#actors-filter", Input)
        if filter_input.value:
            filter_input.value = ""
            self.table("actors").focus()
        else:
            self.dismiss(self.tally)

    def action_extract(self) -> None:
        """Extract the briefings with no extraction yet, in the background, then count again."""
        if self.tally is None or not self.tally.not_extracted:
            self.notify("Every briefing is extracted.", timeout=3)
            return
        if any(worker.group == "actors-extract" and worker.is_running for worker in self.workers):
            return
        self._extract([entry.id for entry in self.tally.not_extracted])

    @work(thread=True, exclusive=True, group="actors-extract", exit_on_error=False, name="extract the briefings")
    def _extract(self, briefing_ids: list[str]) -> None:
        desk = self.desk
        pending = desk.pending_extractions(briefing_ids)
        self.post_message(self.Progressed("loading the extractor", 0, len(pending)))
        done = 0

        def extracted(article: Article) -> None:
            nonlocal done
            done += 1
            self.post_message(self.Progressed("extracting", done, len(pending)))

        report = desk.extract_all(pending, extracted)
        self.post_message(self.Extracted(report.extracted, report.failures))

    def on_actors_view_extracted(self, message: Extracted) -> None:
        self._status = ""
        self.notify(f"Extracted {counted(message.count, 'briefing')}.", title="Actors", timeout=4)
        for title, reason in message.failures:
            self.notify(f"{title}: {reason}", title="Extraction failed", severity="warning", timeout=10, markup=False)
        self._tally()
