"""`brief library copy SRC DST`: move a library from a folder to a PostgreSQL server and back.

Importing this module costs only click (it is imported by `tui.cli` at every start of `brief`);
the store is imported inside the command.
"""

from __future__ import annotations

from pathlib import Path

import click

from tui.cli_common import friendly_errors, opened_desk, warn


@click.group("library")
def library_group() -> None:
    """Work on whole libraries: copy one into another (a folder, or postgresql://USER@HOST/DB)."""


@library_group.command("copy")
@click.argument("source")
@click.argument("destination")
@click.option("--add", "add", is_flag=True, help="Add to a destination that already holds briefings (same ids are merged).")
@friendly_errors
def copy_command(source: str, destination: str, add: bool) -> None:
    """Copy every briefing (with all its work, the trash too), the settings, the feeds and the
    reading positions of library SOURCE into library DESTINATION. Each is a folder or a
    PostgreSQL URL (postgresql://USER@HOST[:PORT]/DATABASE); a new destination is made."""
    from store import copy_library, library_location

    origin_location, target_location = library_location(source), library_location(destination)
    if isinstance(origin_location, Path) and not origin_location.is_dir():
        raise click.ClickException(f"there is no library folder at {source}")
    with opened_desk(origin_location) as origin, opened_desk(target_location) as target:

        def progress(done: int, total: int) -> None:
            click.echo(f"copied {done} of {total} briefings", err=True)

        report = copy_library(origin.library, target.library, add_to_non_empty=add, on_progress=progress)
        for line in report.skipped:
            warn(line)
    merged = f", {report.merged} merged into briefings already there" if report.merged else ""
    click.echo(f"Copied {report.briefings} briefings ({report.trashed} in the trash){merged}, the settings, the feeds and the reading positions.")
