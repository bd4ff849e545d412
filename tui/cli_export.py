"""`brief export`: one briefing, or a selection of them as a digest, in Markdown, JSON or HTML.

Exports use the same registry of formats as the app's export dialog. Extraction comes from the
library's cache (computed and cached on a miss) with the analyst's actor decisions applied, so an
export shows the actors exactly as the review screen does.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from pathlib import Path

import click

from briefings import __version__
from briefings.briefing import Briefing, now_iso
from briefings.decisions import actor_key
from briefings.exporters import ExportBundle, export, export_digest, get_format
from briefings.extraction import apply_decisions, installed_pipeline, load_extractor
from briefings.extraction.model import Extraction
from briefings.readers import read_file
from store import IndexEntry, Library
from store.batch import cached_or_extracted
from tui.cli import opened_library
from tui.cli_briefings import find_briefing


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


def _by_target(library: Library, entries: list[IndexEntry], target: str) -> Briefing:
    """A briefing by id (or unique id prefix), or by the article file it was imported from."""
    path = Path(target)
    if path.is_file():
        article = read_file(path)
        known = next((entry for entry in entries if entry.content_hash == article.content_hash), None)
        if known is not None:
            return library.load(known.id)
        return Briefing(id=article.content_hash[:12], article=article, imported=now_iso())
    briefing_id = find_briefing(library, entries, target)
    if briefing_id is not None:
        return library.load(briefing_id)
    raise click.ClickException(f"no briefing with id {target!r} in {library.path}, and no such file (brief list shows the ids)")


def _matches_filters(entry: IndexEntry, tag_ids: set[str], since: str | None, until: str | None) -> bool:
    if tag_ids and not tag_ids & {tag for tag, count in entry.tag_counts.items() if count}:
        return False
    if since and (not entry.date or entry.date < since):
        return False
    return not (until and (not entry.date or entry.date > until))


def _mentions_actor(extraction: Extraction, wanted: set[str]) -> bool:
    """Whether an actor of the extraction goes by one of the `wanted` keys: as its key, its name
    or one of its aliases ("Hewitt" finds Patricia Hewitt when the article calls her that)."""
    for actor in extraction.actors:
        names = {actor.key, actor_key(actor.name), *(actor_key(alias) for alias in actor.aliases)}
        if wanted & names:
            return True
    return False


def run_export(library_path: Path, selection: Selection, format_id: str, title: str) -> str:
    """The exported text for a selection."""
    get_format(format_id)  # an unknown format fails before any work
    if not selection.targets and not selection.filtered:
        raise click.UsageError("give a briefing ID or article PATH, or a selection such as --all or --tag")
    since, until = _date(selection.since, "--since"), _date(selection.until, "--until")
    if since and until and since > until:
        raise click.UsageError(f"--since {since} is later than --until {until}; no date can be in both")
    with opened_library(library_path) as library:
        settings = library.settings()
        entries = library.entries()
        briefings = [_by_target(library, entries, target) for target in selection.targets]
        if selection.filtered:
            names = {tag.name.casefold(): tag.id for tag in settings.tags}
            tag_ids = {names.get(tag.casefold(), tag) for tag in selection.tags}
            chosen = [e for e in entries if _matches_filters(e, tag_ids, since, until)]
            chosen.sort(key=lambda e: (e.date or "", e.title))
            briefings += [library.load(entry.id) for entry in chosen if entry.id not in {b.id for b in briefings}]
        bundles = []
        extractor = functools.cache(load_extractor)  # loaded once, and only if something is not cached
        pipeline = installed_pipeline()
        wanted = {actor_key(name) for name in selection.actors}
        for briefing in briefings:
            raw = cached_or_extracted(library, briefing.article, pipeline, extractor)
            extraction = apply_decisions(raw, settings.decisions, briefing.article, briefing.id)
            if wanted and not _mentions_actor(extraction, wanted):
                continue
            bundles.append(ExportBundle(briefing, extraction, settings, now_iso(), __version__))
    if not bundles:
        raise click.ClickException("no briefing matches that selection")
    if selection.is_digest:
        return export_digest(bundles, format_id, title=title, generated=now_iso())
    return export(bundles[0], format_id)

