"""`brief history ID`: who changed a briefing, what, and when.

Printed newest first, one change a line, its time in the local time zone (`--json` gives the
entries as the store keeps them, oldest first, times in UTC, for scripts).
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import click

from briefings.cleaning import clean_text
from briefings.history import HistoryEntry, local_time
from tui.cli_briefings import find_briefing
from tui.cli_common import opened_desk

if TYPE_CHECKING:
    from store import LibraryLocation


def _line(text: str) -> str:
    """Untrusted text (names, notes, tag ids) on one line, without control characters."""
    return " ".join(clean_text(text).split())


def history_lines(history: list[HistoryEntry]) -> list[str]:
    """The history as `brief history` prints it: newest first, when, who, what."""
    width = max((len(_line(entry.who)) for entry in history), default=0)
    return [f"{_line(local_time(e.when))}  {_line(e.who):<{width}}  {_line(e.describe())}" for e in reversed(history)]


def run_history(library_path: LibraryLocation, target: str, *, as_json: bool) -> None:
    """Print a briefing's history.

    Raises:
        click.ClickException: No such briefing.
    """
    with opened_desk(library_path) as desk:
        briefing_id = find_briefing(desk.entries(), target)
        if briefing_id is None:
            raise click.ClickException(f"no briefing with id {target!r} in {desk.path} (brief list shows the ids)")
        history = desk.history_of(briefing_id)
    if as_json:
        documents = [entry.to_dict() | {"description": entry.describe()} for entry in history]
        click.echo(json.dumps(documents, indent=2, ensure_ascii=False))
        return
    if not history:
        click.echo(f"{briefing_id}: no changes on record (it was last changed before Brief kept a history)", err=True)
        return
    for line in history_lines(history):
        click.echo(line)
