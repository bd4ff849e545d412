"""`brief export`: one briefing, or a selection of them as a digest, in Markdown, JSON or HTML.

Exports use the same registry of formats as the app's export dialog. Extraction comes from the
library's cache (computed and cached on a miss) with the analyst's actor decisions applied, so an
export shows the actors exactly as the review screen does.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import click

from briefings.briefing import Briefing, now_iso
from briefings.decisions import actor_key
from briefings.exporters import get_format
from briefings.extraction.model import Extraction
from briefings.readers import read_file
from briefings.taxonomy import Tag
from tui.cli_briefings import find_briefing
from tui.cli_common import opened_desk

if TYPE_CHECKING:
    from store import LibraryLocation
    from store import Desk, IndexEntry


@dataclass(frozen=True, slots=True)
class Selection:
    """Which briefings to export, as the command line gave them."""

    targets: tuple[str, ...] = ()
    everything: bool = False
    tags: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    since: str | None = None
    until: str | None = None

    @property
    def filtered(self) -> bool:
        """True when a filter (rather than explicit targets) chooses the briefings."""
        return bool(self.everything or self.tags or self.actors or self.since or self.until)

    @property
    def is_digest(self) -> bool:
        """True when the result is one document for several briefings."""
        return self.filtered or len(self.targets) > 1


def _date(value: str | None, option: str) -> str | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date like 2015-03-25", param_hint=option) from None


def _by_target(desk: Desk, entries: list[IndexEntry], target: str) -> Briefing:
    """A briefing by id (or unique id prefix), or by the article file it was imported from."""
    path = Path(target)
    if path.is_file():
        article = read_file(path)
        known = next((entry for entry in entries if entry.content_hash == article.content_hash), None)
        if known is not None:
            return desk.load(known.id)
        return Briefing(id=article.content_hash[:12], article=article, imported=now_iso())
    briefing_id = find_briefing(entries, target)
    if briefing_id is not None:
        return desk.load(briefing_id)
    raise click.ClickException(f"no briefing with id {target!r} in {desk.path}, and no such file (brief list shows the ids)")


def _matches_filters(entry: IndexEntry, tag_ids: set[str], since: str | None, until: str | None) -> bool:
    if tag_ids and not tag_ids & {tag for tag, count in entry.tag_counts.items() if count}:
        return False
    if since and (not entry.date or entry.date < since):
        return False
    return not (until and (not entry.date or entry.date > until))


def _actors_mentioned(extraction: Extraction, wanted: set[str]) -> set[str]:
    """The `wanted` keys an actor of the extraction goes by: as its key, its name or one of its
    aliases ("Hewitt" finds Patricia Hewitt when the article calls her that)."""
    found: set[str] = set()
    for actor in extraction.actors:
        found |= wanted & {actor.key, actor_key(actor.name), *(actor_key(alias) for alias in actor.aliases)}
    return found


@dataclass(frozen=True, slots=True)
class Exported:
    """An export: its text, and the file name it would have in a folder (title or date)."""

    text: str
    name: str


def _unknown_tags(wanted: tuple[str, ...], tags: tuple[Tag, ...]) -> list[str]:
    """The tags asked for that the library's taxonomy has under neither name nor id."""
    known = {tag.name.casefold() for tag in tags} | {tag.id.casefold() for tag in tags}
    return [name for name in wanted if name.casefold() not in known]


def run_export(library_path: LibraryLocation, selection: Selection, format_id: str, title: str, *, who: bool = False) -> Exported:
    """The export of a selection (`who`: saying who did what; see `ExportBundle.who`).

    Raises:
        click.ClickException: Nothing matches, naming a tag the library does not have or an
            actor no briefing of the selection mentions, when that is why.
    """
    get_format(format_id)  # an unknown format fails before any work
    if not selection.targets and not selection.filtered:
        raise click.UsageError("give a briefing ID or article PATH, or a selection such as --all or --tag")
    since, until = _date(selection.since, "--since"), _date(selection.until, "--until")
    if since and until and since > until:
        raise click.UsageError(f"--since {since} is later than --until {until}; no date can be in both")
    with opened_desk(library_path) as desk:
        settings = desk.settings
        entries = desk.entries()
        briefings = [_by_target(desk, entries, target) for target in selection.targets]
        unknown = _unknown_tags(selection.tags, settings.tags)
        if unknown:
            have = ", ".join(tag.name for tag in settings.tags) or "none"
            raise click.ClickException(f"no tag named {', '.join(map(repr, unknown))} in this library (its tags: {have})")
        if selection.filtered:
            names = {tag.name.casefold(): tag.id for tag in settings.tags}
            tag_ids = {names.get(tag.casefold(), tag) for tag in selection.tags}
            chosen = [e for e in entries if _matches_filters(e, tag_ids, since, until)]
            chosen.sort(key=lambda e: (e.date or "", e.title))
            briefings += [desk.load(entry.id) for entry in chosen if entry.id not in {b.id for b in briefings}]
        bundles = []
        wanted = {actor_key(name): name for name in selection.actors}
        found: set[str] = set()
        for briefing in briefings:
            extraction = desk.extraction(briefing)  # the extractor is loaded only if something is not cached
            if wanted:
                mentioned = _actors_mentioned(extraction, set(wanted))
                found |= mentioned
                if not mentioned:
                    continue
            bundles.append(desk.bundle(briefing, extraction, who=who))
    missing = [name for key, name in wanted.items() if key not in found]
    if missing and briefings:
        narrowed = bool(selection.targets or selection.tags or selection.since or selection.until)
        message = f"no briefing{' of that selection' if narrowed else ''} mentions the actor {', '.join(map(repr, missing))}"
        if not bundles:
            raise click.ClickException(message)
        click.echo(f"brief: warning: {message}", err=True)
    if not bundles:
        raise click.ClickException("no briefing matches that selection")
    if selection.is_digest:
        return Exported(desk.digest(bundles, format_id, title), f"digest-{dt.date.today().isoformat()}{get_format(format_id).suffix}")
    return Exported(desk.render(bundles[0], format_id), desk.file_name(bundles[0].briefing, format_id))

