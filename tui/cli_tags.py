"""`brief tags`: show the tag taxonomy, or edit it as TOML in the analyst's editor."""

from __future__ import annotations

import os
import shlex
import subprocess
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

import click
from rich.console import Console
from rich.table import Table
from rich.text import Text

from briefings.edits import SetTaxonomy
from briefings.taxonomy import Tag, TaxonomyError, dumps_toml, loads_toml
from briefings.wording import counted
from tui.cli_common import opened_desk

if TYPE_CHECKING:
    from store import LibraryLocation
    from store import Desk


def _show(tags: tuple[Tag, ...]) -> None:
    table = Table(title="Tag taxonomy", title_justify="left")
    for column in ("key", "name", "id", "colour", "description"):
        table.add_column(column)
    for tag in tags:
        table.add_row(tag.key or "-", Text(tag.name, style=f"bold {tag.colour}"), tag.id, tag.colour, Text(tag.description))
    Console().print(table)


def _decoded(data: bytes, what: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise TaxonomyError(f"{what} is not UTF-8 text") from None


def _edit_in_editor(text: str) -> bytes:
    """The file's bytes after the analyst edited `text` in $VISUAL or $EDITOR (vi when neither is set)."""
    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
    with tempfile.NamedTemporaryFile("w", suffix=".toml", prefix="brief-tags-", delete=False, encoding="utf-8") as handle:
        handle.write(text)
        name = handle.name
    try:
        command = [*shlex.split(editor), name]
        subprocess.run(command, check=True)
        return Path(name).read_bytes()
    except FileNotFoundError:
        raise click.ClickException(f"cannot run the editor {command[0]!r}; set $EDITOR to one that is installed") from None
    except subprocess.CalledProcessError as error:
        raise click.ClickException(f"the editor exited with status {error.returncode}; taxonomy not changed") from None
    finally:
        os.unlink(name)


def run_tags(library_path: LibraryLocation, *, edit: bool, load_path: Path | None, dump: bool) -> None:
    """Show, dump, load or edit the library's taxonomy, reporting the library's warnings."""
    with opened_desk(library_path) as desk:
        _run_tags(desk, edit=edit, load_path=load_path, dump=dump)


def _run_tags(desk: Desk, *, edit: bool, load_path: Path | None, dump: bool) -> None:
    current = desk.settings.tags
    if dump:
        click.echo(dumps_toml(current), nl=False)
        return
    if load_path is not None:
        new = loads_toml(_decoded(load_path.read_bytes(), str(load_path)))
    elif edit:
        text = dumps_toml(current)
        while True:
            edited = _edit_in_editor(text)
            text = edited.decode("utf-8-sig", errors="replace")  # what the next round edits
            try:
                new = loads_toml(_decoded(edited, "the edited taxonomy"))
                break
            except TaxonomyError as error:
                click.echo(f"brief: {error}", err=True)
                if not click.confirm("Edit again?", default=True):
                    raise click.ClickException("taxonomy not changed") from None
    else:
        _show(current)
        return
    if new == current:
        click.echo("taxonomy unchanged")
        return
    # What is saved can differ from `new`: changes another window made meanwhile are kept.
    saved = desk.apply_settings(SetTaxonomy(new, current)).tags
    removed = {tag.id for tag in current} - {tag.id for tag in saved}
    click.echo(f"taxonomy saved: {counted(len(saved), 'tag')}")
    if removed:
        click.echo(f"note: paragraphs keep the removed tags ({', '.join(sorted(removed))}); they show as ids until re-added")
    _show(saved)
