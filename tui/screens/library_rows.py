"""The library table's rows: what each column shows, and sorting and filtering them in memory.

A row wraps an `IndexEntry` and builds its cells only when the table draws it, so loading
10,000 briefings creates 10,000 small objects and nothing else. Sorting and filtering work on
plain strings computed once per row; a filter typed one key at a time narrows the previous
result instead of starting again.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar

from rich.style import Style

from briefings.cleaning import clean_text
from briefings.taxonomy import Tag
from store import IndexEntry
from tui.widgets.briefing_table import Cell, Column, Fragment

MUTED = Style(dim=True)

#: The columns, in order. "recent" (most recently changed first) is the order before any sort.
COLUMNS = (
    Column("title", "Title"),
    Column("source", "Source", 18),
    Column("date", "Date", 10),
    Column("reviewed", "Reviewed", 8, "right"),
    Column("tags", "Tags", 24),
    Column("summary", "Sum", 3),
    Column("grade", "Grade", 5),
)


def _tag_style(colour: str) -> Style | None:
    try:
        return Style(color=colour)
    except Exception:  # noqa: BLE001 - any colour Rich cannot parse, from a hand-edited taxonomy
        return None


class LibraryRow:
    """One briefing in the table; cells, sort keys and filter text are computed on first use."""

    __slots__ = ("entry", "_tags", "_cells", "_haystack", "_title_key")

    def __init__(self, entry: IndexEntry, tags: Mapping[str, Tag]) -> None:
        self.entry = entry
        self._tags = tags
        self._cells: tuple[Cell, ...] | None = None
        self._haystack: str | None = None
        self._title_key: str | None = None

    @property
    def key(self) -> str:
        """The briefing id."""
        return self.entry.id

    @property
    def haystack(self) -> str:
        """Title and source, case-folded: what the filter matches."""
        if self._haystack is None:
            self._haystack = f"{self.entry.title}\n{self.entry.source}".casefold()
        return self._haystack

    @property
    def title_key(self) -> str:
        """The title, case-folded, for sorting."""
        if self._title_key is None:
            self._title_key = self.entry.title.casefold()
        return self._title_key

    @property
    def cells(self) -> tuple[Cell, ...]:
        """What each column shows (see `COLUMNS`)."""
        if self._cells is None:
            entry = self.entry
            self._cells = (
                clean_text(entry.title),
                [(clean_text(entry.source), MUTED)],
                entry.date,
                f"{entry.reviewed}/{entry.paragraphs}",
                self._tag_cell(),
                "✓" if entry.has_summary else "",
                entry.grade,
            )
        return self._cells

    def _tag_cell(self) -> list[Fragment]:
        """Tag names with their paragraph counts, most used first, each in its colour."""
        runs: list[Fragment] = []
        for tag_id, count in sorted(self.entry.tag_counts.items(), key=lambda item: (-item[1], item[0])):
            if not count:
                continue
            tag = self._tags.get(tag_id)
            if runs:
                runs.append((" ", None))
            runs.append((f"{tag.name if tag else tag_id} {count}", _tag_style(tag.colour) if tag else MUTED))
        return runs


@dataclass(frozen=True, slots=True)
class SortOrder:
    """How a column sorts: its key (None: the row has no value and goes last) and first direction."""

    label: str
    key: Callable[[LibraryRow], object]
    descending: bool = False


SORTS: dict[str, SortOrder] = {
    "recent": SortOrder("recently changed", lambda row: row.entry.updated or row.entry.imported or None, True),
    "title": SortOrder("title", lambda row: row.title_key or None),
    "source": SortOrder("source", lambda row: row.entry.source.casefold() or None),
    "date": SortOrder("date", lambda row: row.entry.date or None, True),
    "reviewed": SortOrder(
        "reviewed", lambda row: (row.entry.reviewed / row.entry.paragraphs if row.entry.paragraphs else 0, row.entry.reviewed), True
    ),
    "tags": SortOrder("tags", lambda row: sum(row.entry.tag_counts.values()), True),
    "summary": SortOrder("summary", lambda row: row.entry.has_summary, True),
    "grade": SortOrder("grade", lambda row: row.entry.grade or None),
}
"""Every order the table can show, by column key, in the order `s` cycles through them."""


def sort_rows(rows: Sequence[LibraryRow], column: str, descending: bool) -> list[LibraryRow]:
    """The rows sorted by a column, ties by title; rows without a value last in either direction."""
    key = SORTS[column].key
    by_title = sorted(rows, key=lambda row: row.title_key)
    valued = [(value, row) for row in by_title if (value := key(row)) is not None]
    empty = [row for row in by_title if key(row) is None] if len(valued) < len(by_title) else []
    valued.sort(key=lambda pair: pair[0], reverse=descending)
    return [row for _, row in valued] + empty


class Filterable(Protocol):
    """A row the filter can match: its searchable text, case-folded."""

    @property
    def haystack(self) -> str: ...


RowType = TypeVar("RowType", bound=Filterable)


def filter_rows(rows: Sequence[RowType], query: str) -> list[RowType]:
    """The rows whose text (for briefings: title or source) has every word of the query, in any case."""
    words = query.casefold().split()
    if not words:
        return list(rows)
    if len(words) == 1:
        word = words[0]
        return [row for row in rows if word in row.haystack]
    return [row for row in rows if all(word in row.haystack for word in words)]


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
        query = " ".join(query.casefold().split())
        source = self._result if query.startswith(self._query) else self._rows
        self._result = filter_rows(source, query)
        self._query = query
        return self._result
