"""Who changed what on a server library: the rows of `briefing_history` and `settings_history`.

Entries are written by the transaction that makes the change (the caller's connection, under the
briefing's or the settings' row lock), so an entry and its change commit together or not at all,
as the folder's history does by living in the briefing's own file. A briefing's entries are
numbered from 1 in the order they were made (`position`); the row lock the change holds makes the
next number safe to take. What an entry says is `briefings.history`'s, column for column.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from briefings.history import HistoryEntry

_COLUMNS = "at, who, kind, paragraph, detail, ref"


def _values(entry: HistoryEntry) -> tuple[str, str, str, int | None, str, str]:
    return (entry.when, entry.who, entry.kind, entry.paragraph, entry.detail, entry.ref)


def _entries(rows: Sequence[tuple[Any, ...]]) -> list[HistoryEntry]:
    return [HistoryEntry(when, who, kind, paragraph, detail, ref) for when, who, kind, paragraph, detail, ref in rows]


def append(connection: Any, briefing_id: str, added: Sequence[HistoryEntry]) -> None:
    """Add entries after a briefing's last (in the transaction that holds its row lock)."""
    if not added:
        return
    last = connection.execute("SELECT coalesce(max(position), 0) FROM briefing_history WHERE briefing_id = %s", (briefing_id,)).fetchone()[0]
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO briefing_history (briefing_id, position, {_COLUMNS}) VALUES (%s, %s, %s, %s, %s, %s, %s, %s)",
            [(briefing_id, last + number, *_values(entry)) for number, entry in enumerate(added, 1)],
        )


def read(connection: Any, briefing_id: str) -> list[HistoryEntry]:
    """A briefing's entries, oldest first."""
    return _entries(connection.execute(f"SELECT {_COLUMNS} FROM briefing_history WHERE briefing_id = %s ORDER BY position", (briefing_id,)).fetchall())


def append_settings(connection: Any, added: Sequence[HistoryEntry]) -> None:
    """Add entries to the settings' history (in the transaction that holds the settings' row lock)."""
    if added:
        with connection.cursor() as cursor:
            cursor.executemany(f"INSERT INTO settings_history ({_COLUMNS}) VALUES (%s, %s, %s, %s, %s, %s)", [_values(entry) for entry in added])


def read_settings(connection: Any) -> list[HistoryEntry]:
    """The settings' entries, oldest first."""
    return _entries(connection.execute(f"SELECT {_COLUMNS} FROM settings_history ORDER BY position").fetchall())


def replace_settings(connection: Any, history: Sequence[HistoryEntry]) -> None:
    """The settings' history made exactly `history` (moving a library in)."""
    connection.execute("DELETE FROM settings_history")
    append_settings(connection, history)
