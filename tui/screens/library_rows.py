"""The library table's rows: what each column shows, and sorting and filtering them in memory.

A row wraps an `IndexEntry`, with its filter text and sort values computed once (in the worker
that reads the index), and builds its cells only when the table draws it. Sorting and filtering
on the UI thread then only compare ready values; a filter typed one key at a time narrows the
previous result instead of starting again.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar

from rich.style import Style

from briefings.cleaning import clean_text
from briefings.taxonomy import Tag
from store import IndexEntry, fold
from tui.widgets.bars import tag_colour
from tui.widgets.briefing_table import Cell, Column, Fragment

MUTED = Style(dim=True)
NEW = Style(bold=True)

#: The columns, in order. "recent" (most recently changed first) is the order before any sort.
COLUMNS = (
    Column("title", "Title", min_width=28),
    Column("source", "Source", 18),
    Column("date", "Date", 10),
    Column("reviewed", "Reviewed", 10, "right"),  # room for the sort arrow
    Column("tags", "Tags", 24, drop=1),
    Column("summary", "Sum", 5, drop=3),  # room for the sort arrow
    Column("grade", "Grade", 7, drop=2),  # room for the sort arrow
)


@dataclass(frozen=True, slots=True)
class SortOrder:
    """How a column sorts: its value for an entry (None: no value, goes last) and first direction."""

    label: str
    value: Callable[[IndexEntry], object]
    descending: bool = False


SORTS: dict[str, SortOrder] = {
    "recent": SortOrder("recently changed", lambda entry: entry.updated or entry.imported or None, True),
    "title": SortOrder("title", lambda entry: entry.title.casefold() or None),
    "source": SortOrder("source", lambda entry: entry.source.casefold() or None),
    "date": SortOrder("date", lambda entry: entry.date or None, True),
    "reviewed": SortOrder("reviewed", lambda entry: (entry.reviewed / entry.paragraphs if entry.paragraphs else 0, entry.reviewed), True),
    "tags": SortOrder("tags", lambda entry: sum(entry.tag_counts.values()), True),
    "summary": SortOrder("summary", lambda entry: entry.has_summary, True),
    "grade": SortOrder("grade", lambda entry: entry.grade or None),
}
"""Every order the table can show, by column key, in the order `s` cycles through them."""
_SORT_POSITION = {column: position for position, column in enumerate(SORTS)}


class LibraryRow:
    """One briefing in the table.

    Made in a worker: the filter text and every sort value are computed there, once, so that
    sorting and filtering on the UI thread only compare ready values. The cells are made when
    the table first draws the row.
    """

    __slots__ = ("entry", "haystack", "sort_values", "unread", "same_story", "_tags", "_cells")

    def __init__(self, entry: IndexEntry, tags: Mapping[str, Tag]) -> None:
        self.entry = entry
        self.haystack = fold(f"{entry.title}\n{entry.source}")
        """Title and source without case or accents (`fold`): what the filter matches."""
        self.sort_values = tuple(order.value(entry) for order in SORTS.values())
        """The row's value for each order in `SORTS`, in that order."""
        self.unread = False
        """Fetched and not opened yet: in the inbox (see `tui.screens.library_inbox`)."""
        self.same_story = False
        """Another briefing tells the same story (another source, or a version)."""
        self._tags = tags
        self._cells: tuple[Cell, ...] | None = None

    def decorate(self, unread: bool, same_story: bool) -> bool:
        """Set the inbox and same-story marks; True when they changed (the row is to be drawn again)."""
        if (unread, same_story) == (self.unread, self.same_story):
            return False
        self.unread, self.same_story = unread, same_story
        self._cells = None
        return True

    @property
    def key(self) -> str:
        """The briefing id."""
        return self.entry.id

    @property
    def cells(self) -> tuple[Cell, ...]:
        """What each column shows (see `COLUMNS`)."""
        if self._cells is None:
            entry = self.entry
            self._cells = (
                self._title_cell(),
                [(clean_text(entry.source), MUTED)],
                entry.date,
                f"{entry.reviewed}/{entry.paragraphs}",
                self._tag_cell(),
                "✓" if entry.has_summary else "",
                entry.grade,
            )
        return self._cells

    def _title_cell(self) -> Cell:
        """The title, after a dot when the article is new and with "≈" when it is told twice."""
        title = clean_text(self.entry.title)
        if not (self.unread or self.same_story):
            return title
        runs: list[Fragment] = [("● ", NEW)] if self.unread else []
        runs.append((title, NEW if self.unread else None))
        if self.same_story:
            runs.append((" ≈", MUTED))
        return runs

    def _tag_cell(self) -> list[Fragment]:
        """Tag names with their paragraph counts, most used first, each in its colour."""
        runs: list[Fragment] = []
        for tag_id, count in sorted(self.entry.tag_counts.items(), key=lambda item: (-item[1], item[0])):
            if not count:
                continue
            tag = self._tags.get(tag_id)
            if runs:
                runs.append((" ", None))
            colour = tag_colour(tag.colour) if tag else None
            runs.append((f"{tag.name if tag else tag_id} {count}", MUTED if tag is None else Style(color=colour) if colour else None))
        return runs


def sort_rows(rows: Sequence[LibraryRow], column: str, descending: bool) -> list[LibraryRow]:
    """The rows sorted by a column, ties by title; rows without a value last in either direction."""
    position = _SORT_POSITION[column]
    title = _SORT_POSITION["title"]
    # Two stable sorts: by title, then by the column (a reversed sort keeps ties in order too).
    by_title = sorted(rows, key=lambda row: row.sort_values[title] or "")
    valued = [row for row in by_title if row.sort_values[position] is not None]
    empty = [row for row in by_title if row.sort_values[position] is None] if len(valued) < len(by_title) else []
    valued.sort(key=lambda row: row.sort_values[position], reverse=descending)
    return valued + empty


def keep_order(rows: Sequence[LibraryRow], before: Sequence[LibraryRow]) -> list[LibraryRow]:
    """`rows` in the order of `before`, those not in it first (in their own order)."""
    positions = {row.key: number for number, row in enumerate(before)}
    return sorted(rows, key=lambda row: positions.get(row.key, -1))


class Filterable(Protocol):
    """A row the filter can match: its searchable text, folded by `fold` (or only case-folded:
    then the filter folds what is not ASCII on each search)."""

    @property
    def haystack(self) -> str: ...


RowType = TypeVar("RowType", bound=Filterable)


def _holds(haystack: str, words: list[str]) -> bool:
    if not haystack.isascii():
        haystack = fold(haystack)  # folding twice changes nothing; once is needed for case-folded rows
    return all(word in haystack for word in words)


def filter_rows(rows: Sequence[RowType], query: str) -> list[RowType]:
    """The rows whose text (for briefings: title or source) has every word of the query, in
    any case and with or without accents ("zurich" finds "Zürich")."""
    words = fold(query).split()
    if not words:
        return list(rows)
    return [row for row in rows if _holds(row.haystack, words)]


class RowFilter(Generic[RowType]):
    """Filters the sorted rows as the analyst types, narrowing the last result when it can."""

    def __init__(self) -> None:
        self._rows: Sequence[RowType] = ()
        self._query = ""
        self._result: list[RowType] = []

    def reset(self, rows: Sequence[RowType]) -> None:
        """Filter these rows from now on (after a load or a sort)."""
        self._rows = rows
        self._query = ""
        self._result = list(rows)

    def apply(self, query: str) -> list[RowType]:
        """The rows matching `query`.

        When the new query extends the last one, every row it matches also matched the last
        one (each earlier word is part of a later word), so only the last result is searched.
        """
        query = " ".join(fold(query).split())
        source = self._result if query.startswith(self._query) else self._rows
        self._result = filter_rows(source, query)
        self._query = query
        return self._result
