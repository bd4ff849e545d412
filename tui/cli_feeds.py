"""`brief feeds …` and `brief fetch`: follow feeds, exchange them as OPML, fetch what is new.

Importing this module costs only click: it is imported by `tui.cli` at every start of `brief`,
so the store, httpx and feedparser are imported inside the commands. What a command prints comes
from feeds and servers nobody here controls: it goes out as plain text, control characters
removed (see `tui.cli_common.shown`).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from tui.cli_common import friendly_errors, library_option, opened_desk, resolve_library, shown

if TYPE_CHECKING:
    from store import LibraryLocation


@click.group("feeds")
def feeds_group() -> None:
    """Follow RSS and Atom feeds: add, list, remove, and exchange them as OPML."""


@feeds_group.command("add")
@click.argument("url")
@click.option("--tag", "tags", multiple=True, help="A tag for the feed (repeat for several).")
@click.option("--no-check", is_flag=True, help="Add it without fetching it first.")
@library_option
@click.pass_context
@friendly_errors
def add_command(context: click.Context, url: str, tags: tuple[str, ...], no_check: bool, library: LibraryLocation | None) -> None:
    """Follow the feed at URL (it is fetched once to check that it is one)."""
    from briefings.web.feeds import parse_feed
    from briefings.web.fetching import ACCEPT_FEED, Fetcher, check_web_address

    url = check_web_address(url)
    title, count = "", 0
    if not no_check:
        with Fetcher() as fetcher:
            response = fetcher.get(url, accept=ACCEPT_FEED)
        feed = parse_feed(response.content, url=response.url, content_type=response.content_type, charset=response.charset)
        title, count = feed.title, len(feed.items)
    with opened_desk(resolve_library(context, library)) as desk:
        added = desk.follow_feed(url, [_tag(tag) for tag in tags], title)
    what = shown(title or url).plain
    if added:
        click.echo(f"following {what}" + (f" ({count:,} items now; `brief fetch` brings them in)" if not no_check else ""))
    else:
        click.echo(f"already following {what}" + (f"; tags now include {', '.join(tags)}" if tags else ""))


@feeds_group.command("list")
@library_option
@click.pass_context
@friendly_errors
def list_command(context: click.Context, library: LibraryLocation | None) -> None:
    """List the feeds: title, address, tags, when last fetched and how that went."""

    with opened_desk(resolve_library(context, library)) as desk:
        state = desk.feeds()
    if not state.feeds:
        click.echo("No feeds yet: brief feeds add URL, or brief feeds import FILE.opml", err=True)
        return
    for record in state.feeds.values():
        seen = sum(1 for value in state.seen.get(record.url, {}).values() if value and not value.startswith("tries:"))
        click.echo(shown(record.title or "(not fetched yet)").plain)
        click.echo(f"  {shown(record.url).plain}")
        details = [f"tags: {', '.join(record.tags)}"] if record.tags else []
        details.append(f"{seen:,} articles taken")
        details.append(f"last fetched {record.checked}" if record.checked else "never fetched")
        click.echo("  " + " · ".join(shown(detail).plain for detail in details))
        if record.error:
            click.echo(f"  last fetch failed: {shown(record.error).plain}")


@feeds_group.command("remove")
@click.argument("url")
@library_option
@click.pass_context
@friendly_errors
def remove_command(context: click.Context, url: str, library: LibraryLocation | None) -> None:
    """Stop following the feed at URL (its articles stay in the library)."""

    with opened_desk(resolve_library(context, library)) as desk:
        removed = desk.unfollow_feed(url)
    if not removed:
        raise click.ClickException(f"not following {url}; `brief feeds list` shows the feeds")
    click.echo(f"stopped following {url}")


@feeds_group.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@library_option
@click.pass_context
@friendly_errors
def import_opml_command(context: click.Context, path: Path, library: LibraryLocation | None) -> None:
    """Follow every feed in an OPML file (as feed readers export them); folders become tags."""
    from briefings.readers import MAX_BYTES
    from briefings.web.fetching import is_web_address
    from briefings.web.opml import read_opml

    with open(path, "rb") as file:
        data = file.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise click.ClickException(f"{path}: too large for a list of feeds")
    entries = read_opml(data, str(path))
    usable = [entry for entry in entries if is_web_address(entry.url)]
    with opened_desk(resolve_library(context, library)) as desk:
        added = sum(desk.follow_feed(entry.url, entry.tags, entry.title) for entry in usable)
    line = f"{added:,} feeds added, {len(usable) - added:,} already followed"
    if len(usable) < len(entries):
        line += f", {len(entries) - len(usable):,} skipped (not web addresses)"
    click.echo(line + ". `brief fetch` brings their articles in.")


@feeds_group.command("export")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write to this file instead of standard output.")
@library_option
@click.pass_context
@friendly_errors
def export_opml_command(context: click.Context, output: Path | None, library: LibraryLocation | None) -> None:
    """Print the feeds as OPML, for another feed reader (or another library)."""
    from briefings.web.opml import FeedEntry, write_opml

    with opened_desk(resolve_library(context, library)) as desk:
        state = desk.feeds()
    text = write_opml(FeedEntry(record.url, record.title, record.tags) for record in state.feeds.values())
    if output is None:
        click.echo(text, nl=False)
    else:
        from store import write_user_file

        write_user_file(output, text)
        click.echo(f"wrote {output}", err=True)


@click.command("fetch")
@click.argument("feeds", nargs=-1)
@click.option("--no-extract", is_flag=True, help="Do not extract actors and numbers now (the app does it on opening).")
@library_option
@click.pass_context
@friendly_errors
def fetch_command(context: click.Context, feeds: tuple[str, ...], no_extract: bool, library: LibraryLocation | None) -> None:
    """Read every feed (or the FEEDS named) and import the articles of new items into the inbox."""
    from tui.cli_fetch import run_fetch

    sys.exit(run_fetch(resolve_library(context, library), list(feeds) or None, extract=not no_extract))


def _tag(tag: str) -> str:
    cleaned = " ".join(tag.split())
    if not cleaned:
        raise click.BadParameter("a tag cannot be empty", param_hint="--tag")
    return cleaned
