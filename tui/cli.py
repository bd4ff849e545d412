"""The `brief` command line.

`brief` opens the library; subcommands import, open, extract, export and check. Every error a
user can cause is one clear line on standard error and a non-zero exit, never a traceback.
`brief open FILE` usually reaches the app without it (see `tui.launch`, the entry point).
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from briefings import __version__
from tui.cli_common import chosen_library, friendly_errors, library_option, resolve_library
from tui.starting import run_app


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", "-V", prog_name="brief", message="%(prog)s %(version)s")
@library_option
@click.pass_context
def main(context: click.Context, library: LibraryLocation | None) -> None:
    """Brief: review articles in the terminal and turn them into briefings.

    Without a command, opens the library (and the bundled sample briefing when the library is
    empty).
    """
    context.obj = {"library": library}
    if context.invoked_subcommand is None:
        run_app(chosen_library(context, library))


@main.command("open")
@click.argument("path")
@library_option
@click.pass_context
def open_command(context: click.Context, path: str, library: LibraryLocation | None) -> None:
    """Import an article (.txt, .md, .html, .pdf, or a web address) and open it for review."""
    from briefings.web.fetching import is_web_address

    if is_web_address(path):
        from tui.cli_fetch import fetch_article

        article = friendly_errors(fetch_article)(path)  # fetched and read before the terminal is taken over
        run_app(chosen_library(context, library), None, article)
        return
    from briefings.readers import read_file

    file = Path(path)
    if file.is_dir() or not file.exists():
        problem = "is a folder" if file.is_dir() else "does not exist (give a file or a web address)"
        raise click.BadParameter(f"File {path!r} {problem}.", param_hint="'PATH'")
    # Special files (a named pipe, a device) are refused by the reader, in one line, at once.
    article = friendly_errors(read_file)(file)  # fail here, in one line, before the terminal is taken over
    run_app(chosen_library(context, library), file, article)


@main.command("extract")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--format", "output_format", type=click.Choice(["json"]), default="json", show_default=True)
@friendly_errors
def extract_command(path: Path, output_format: str) -> None:
    """Print the actors, places, numbers and question suggestions of one article as JSON."""
    from briefings.extraction import load_extractor
    from briefings.readers import read_file

    article = read_file(path)
    extraction = load_extractor().extract(article)
    click.echo(json.dumps(extraction.to_dict(), indent=2, ensure_ascii=False))


def _default_extract_limit() -> int:
    from briefings.extraction import EXTRACT_LIMIT  # here: the app starts without it

    return EXTRACT_LIMIT


@main.command("import")
@click.argument("paths", nargs=-1, required=True)
@click.option("--recursive", "-r", is_flag=True, help="Look into sub-folders too.")
@click.option("--no-extract", is_flag=True, help="Do not extract actors and numbers now (the app does it on opening).")
@click.option(
    "--extract-limit",
    type=click.IntRange(min=0),
    default=_default_extract_limit,
    show_default="30,000",
    envvar="BRIEF_EXTRACT_LIMIT",
    metavar="WORDS",
    help="Import longer articles without extracting them (the app does it on opening); 0 for no limit.",
)
@library_option
@click.pass_context
@friendly_errors
def import_command(
    context: click.Context, paths: tuple[str, ...], recursive: bool, no_extract: bool, extract_limit: int, library: LibraryLocation | None
) -> None:
    """Import articles (.txt, .md, .html, .html.gz, .pdf, web addresses) and Brief JSON exports, files or folders."""
    from briefings.web.fetching import is_web_address
    from tui.cli_import import run_import

    urls = [path for path in paths if is_web_address(path)]
    files = [Path(path) for path in paths if not is_web_address(path)]
    status = run_import(
        resolve_library(context, library), files, recursive=recursive, extract=not no_extract, extract_limit=extract_limit, urls=urls
    )
    sys.exit(status)


@main.command("export")
@click.argument("targets", nargs=-1, type=str)
@click.option("--format", "format_id", default="md", show_default=True, help="md, json or html.")
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write to this file, or into this folder under a name made from the title, instead of standard output.")
@click.option("-s", "--save", is_flag=True, help="Write into the exports folder (the settings file's, else the documents folder) under a name made from the title.")
@click.option("--all", "everything", is_flag=True, help="Every briefing in the library, as one digest.")
@click.option("--tag", "tags", multiple=True, help="Briefings with a paragraph carrying this tag (name or id), as a digest.")
@click.option("--actor", "actors", multiple=True, help="Briefings that mention this actor, as a digest.")
@click.option("--since", help="Briefings published on or after this date (YYYY-MM-DD), as a digest.")
@click.option("--until", help="Briefings published on or before this date (YYYY-MM-DD), as a digest.")
@click.option("--title", default="Briefing digest", show_default=True, help="Title of a digest.")
@click.option("--who", is_flag=True, help="Say who tagged, noted and judged what (Markdown, HTML; JSON always carries the history).")
@library_option
@click.pass_context
@friendly_errors
def export_command(context: click.Context, targets: tuple[str, ...], format_id: str, output: Path | None, save: bool, everything: bool, tags: tuple[str, ...], actors: tuple[str, ...], since: str | None, until: str | None, title: str, who: bool, library: LibraryLocation | None) -> None:
    """Export briefings by ID or article PATH; several, or a selection, become one digest."""
    from tui.cli_export import Selection, run_export

    if output is not None and save:
        raise click.UsageError("give -o or --save, not both")
    selection = Selection(targets, everything, tags, actors, since, until)
    exported = run_export(resolve_library(context, library), selection, format_id, title, who=who)
    if output is None and not save:
        click.echo(exported.text, nl=not exported.text.endswith("\n"))
        return
    from store import load_config, write_user_file

    if save:
        config = load_config()
        if config.problem:
            click.echo(f"brief: warning: {config.problem}", err=True)
        output = config.exports_folder / exported.name
    elif output is not None and (output.is_dir() or str(output).endswith(("/", os.sep))):
        output = output / exported.name
    assert output is not None
    write_user_file(output, exported.text, make_folder=save)  # the exports folder is made on first use
    click.echo(f"wrote {output}", err=True)


@main.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list, for scripts.")
@library_option
@click.pass_context
@friendly_errors
def list_command(context: click.Context, as_json: bool, library: LibraryLocation | None) -> None:
    """List the briefings: id, date, reviewed, source, title and tags, the latest changed first."""
    from tui.cli_briefings import run_list

    run_list(resolve_library(context, library), as_json=as_json)


@main.command("edit")
@click.argument("briefing_id", metavar="ID")
@click.option("--title", help="The headline.")
@click.option("--source", help="The publisher or outlet (\"\" clears it).")
@click.option("--author", help="The author line (\"\" clears it).")
@click.option("--date", help="The publication date, 2015-03-25 or 25 March 2015 (\"\" clears it); relative dates are resolved against it.")
@click.option("--url", help="Where it was published (\"\" clears it).")
@library_option
@click.pass_context
@friendly_errors
def edit_command(context: click.Context, briefing_id: str, title: str | None, source: str | None, author: str | None, date: str | None, url: str | None, library: LibraryLocation | None) -> None:
    """Correct a briefing's title, source, author, date or address (undoable in the app)."""
    from tui.cli_briefings import run_edit

    given = {"title": title, "source": source, "byline": author, "date": date, "url": url}
    click.echo(run_edit(resolve_library(context, library), briefing_id, {name: value for name, value in given.items() if value is not None}))


@main.command("history")
@click.argument("briefing_id", metavar="ID")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list, oldest first, for scripts.")
@library_option
@click.pass_context
@friendly_errors
def history_command(context: click.Context, briefing_id: str, as_json: bool, library: LibraryLocation | None) -> None:
    """Who changed a briefing, what and when, newest first."""
    from tui.cli_history import run_history

    run_history(resolve_library(context, library), briefing_id, as_json=as_json)


@main.command("doctor")
@click.option("--repair", is_flag=True, help="Fix what can be fixed safely (nothing of the analyst's is ever deleted).")
@library_option
@click.pass_context
@friendly_errors
def doctor_command(context: click.Context, repair: bool, library: LibraryLocation | None) -> None:
    """Check a library: schema, every file, the index, orphans, leftover temp files."""
    from store import check_library, location_label

    location = resolve_library(context, library)
    report = check_library(location, repair=repair)
    click.echo(f"Library {location_label(location)}")
    for line in report.lines:
        click.echo(f"  {line}")
    click.echo("  all well" if report.ok else "  problems found" + ("" if repair else "; `brief doctor --repair` fixes what it safely can"))
    sys.exit(0 if report.ok else 1)


@main.command("tags")
@click.option("--edit", is_flag=True, help="Edit the taxonomy as TOML in $VISUAL or $EDITOR.")
@click.option("--load", "load_path", type=click.Path(exists=True, dir_okay=False, path_type=Path), help="Replace the taxonomy with a TOML file.")
@click.option("--dump", is_flag=True, help="Print the taxonomy as TOML.")
@library_option
@click.pass_context
@friendly_errors
def tags_command(context: click.Context, edit: bool, load_path: Path | None, dump: bool, library: LibraryLocation | None) -> None:
    """Show the tag taxonomy, or edit it (name, key, colour, description)."""
    from tui.cli_tags import run_tags

    run_tags(resolve_library(context, library), edit=edit, load_path=load_path, dump=dump)


@main.command("keys")
def keys_command() -> None:
    """List every key binding by id, with its keys as the settings file's [keymap] sets them.

    Each entry of the keymap that cannot be used is named with its line on standard error (and
    the status is 1); the app leaves it out in the same way and keeps that binding's own keys.
    """
    from store import load_config
    from tui.app import BriefApp
    from tui.keymap import check_keymap, key_list, scopes

    config = load_config()
    bindings = scopes(BriefApp)
    checked = check_keymap(config.keymap, bindings)
    for binding_id, keys, description in key_list(checked.keymap, bindings):
        click.echo(f"{binding_id:<26} {keys:<18} {description}")
    problems = ([config.problem] if config.problem else []) + [f"{config.path}: keymap: {problem}" for problem in checked.problems]
    for problem in problems:
        click.echo(f"brief: warning: {problem}", err=True)
    sys.exit(1 if problems else 0)


@main.command("schema")
def schema_command() -> None:
    """Print the JSON Schema that every JSON export follows."""
    from briefings.exporters import json_schema

    click.echo(json.dumps(json_schema(), indent=2, ensure_ascii=False))


# The feed commands live in their own module; registered here so that `brief --help` lists them.
from tui.cli_feeds import feeds_group, fetch_command  # noqa: E402

main.add_command(feeds_group)
main.add_command(fetch_command)

from tui.cli_serve import serve_command  # noqa: E402

main.add_command(serve_command)

from tui.cli_library import library_group  # noqa: E402

if TYPE_CHECKING:
    from store import LibraryLocation

main.add_command(library_group)
