"""`brief list` and `brief edit`: the library's briefings with their ids, and their facts corrected.

Every command that takes a briefing id (`export`, `edit`) can be fed from `brief list`, which
prints each briefing's id, date, review progress, source, title and tags (`--json` for scripts).
An id can be shortened to any prefix that names one briefing.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import click

from briefings.cleaning import clean_text
from briefings.facts import FACT_LABELS, SetFacts, fact_text, facts_from_text
from briefings.model import FACT_FIELDS
from tui.cli_common import opened_desk

if TYPE_CHECKING:
    from store import LibraryLocation
    from store import IndexEntry

#: Widths of the columns of `brief list` (the title takes what is left of a line of 120).
SOURCE_WIDTH = 20
TITLE_WIDTH = 56


def find_briefing(entries: list[IndexEntry], target: str) -> str | None:
    """The id of the briefing whose id is `target` or starts with it; None when none does.

    Raises:
        click.ClickException: The prefix names several briefings.
    """
    matches = [entry.id for entry in entries if entry.id.startswith(target)] if target else []
    if len(matches) > 1:
        raise click.ClickException(f"{target!r} matches {len(matches)} briefings; give more of the id (brief list shows them)")
    return matches[0] if matches else None


def _line(text: str) -> str:
    """Untrusted text on one line, without control characters (it is printed to a terminal)."""
    return " ".join(clean_text(text).split())


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _tags(entry: IndexEntry, names: dict[str, str]) -> dict[str, int]:
    """Tag names with their paragraph counts, most used first."""
    counts = sorted(((tag, count) for tag, count in entry.tag_counts.items() if count), key=lambda item: (-item[1], item[0]))
    return {names.get(tag, tag): count for tag, count in counts}


def list_document(entry: IndexEntry, names: dict[str, str]) -> dict[str, object]:
    """One briefing as `brief list --json` prints it."""
    return {
        "id": entry.id,
        "title": _line(entry.title),
        "source": _line(entry.source),
        "date": entry.date or None,
        "reviewed": entry.reviewed,
        "paragraphs": entry.paragraphs,
        "tags": _tags(entry, names),
        "questions_open": entry.questions_open,
        "grade": entry.grade,
        "url": _line(entry.url) or None,
        "imported": entry.imported,
        "updated": entry.updated,
    }


def run_list(library_path: LibraryLocation, *, as_json: bool) -> None:
    """Print every briefing, the most recently changed first."""
    with opened_desk(library_path) as desk:
        entries = sorted(desk.entries(), key=lambda entry: entry.updated or entry.imported, reverse=True)
        names = {tag.id: tag.name for tag in desk.settings.tags}
    if as_json:
        click.echo(json.dumps([list_document(entry, names) for entry in entries], indent=2, ensure_ascii=False))
        return
    if not entries:
        click.echo("The library is empty: brief import FILES adds articles.", err=True)
        return
    width = max(len(entry.id) for entry in entries)
    click.echo(f"{'ID':<{width}}  {'DATE':<10}  {'REVIEWED':>8}  {'SOURCE':<{SOURCE_WIDTH}}  {'TITLE':<{TITLE_WIDTH}}  TAGS")
    for entry in entries:
        tags = ", ".join(f"{name} {count}" for name, count in _tags(entry, names).items())
        reviewed = f"{entry.reviewed}/{entry.paragraphs}"
        source = _cut(_line(entry.source), SOURCE_WIDTH)
        title = _cut(_line(entry.title), TITLE_WIDTH)
        line = f"{entry.id:<{width}}  {entry.date or '-':<10}  {reviewed:>8}  {source:<{SOURCE_WIDTH}}  {title:<{TITLE_WIDTH}}  {_line(tags)}"
        click.echo(line.rstrip())


def run_edit(library_path: LibraryLocation, target: str, changes: dict[str, str]) -> str:
    """Correct facts of one briefing (`changes`: typed text by field of `ArticleFacts`, "" to
    clear one); returns what changed, in words. The change is one edit, as in the app.

    Raises:
        click.UsageError: Nothing to change.
        click.ClickException: No such briefing, or a value that is not valid.
    """
    if not changes:
        raise click.UsageError("give what to change: --title, --source, --author, --date or --url")
    with opened_desk(library_path) as desk:
        briefing_id = find_briefing(desk.entries(), target)
        if briefing_id is None:
            raise click.ClickException(f"no briefing with id {target!r} in {desk.path} (brief list shows the ids)")
        previous = desk.load(briefing_id).article.facts
        values = {name: fact_text(previous, name) for name in FACT_FIELDS} | changes
        try:
            facts = facts_from_text(values)
        except ValueError as error:
            raise click.ClickException(str(error)) from None
        edit = SetFacts(facts, previous)
        if not edit.changed:
            return f"{briefing_id}: nothing changed"
        desk.apply(briefing_id, edit)
    done = ", ".join(f"{FACT_LABELS[name]} {fact_text(facts, name) or '(cleared)'} (was {fact_text(previous, name) or 'none'})" for name in edit.changed)
    return f"edited {briefing_id}: {_line(done)}"

