"""What every `brief` command shares: the `--library` option, the desk opened with its warnings
told, errors in one line, and untrusted text shown as plain text.

Imported by `tui.cli` and by the modules of its commands (`tui.cli_*`), which `tui.cli` imports
in turn: it imports none of them.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from briefings.errors import BriefError

if TYPE_CHECKING:
    from rich.text import Text

    from store import Desk, LibraryLocation

F = TypeVar("F", bound=Callable[..., Any])

LIBRARY_HELP = "Library folder, or postgresql://USER@HOST[:PORT]/DB (default: $BRIEF_LIBRARY, else the user data directory)."


class LibraryParameter(click.ParamType):
    """`--library`: a folder, or a server's URL kept whole (a `Path` would lose one of its slashes;
    see `store.location`)."""

    name = "library"

    def convert(self, value: object, param: click.Parameter | None, ctx: click.Context | None) -> LibraryLocation:
        if isinstance(value, Path):
            return value
        from store import library_location

        location = library_location(str(value))
        if isinstance(location, Path) and location.is_file():
            self.fail(f"{str(value)!r} is a file, not a library folder", param, ctx)
        return location


def library_option(command: F) -> F:
    """`--library DIR|URL` on the group and on every subcommand, so it can go before or after."""
    return click.option("--library", "library", type=LibraryParameter(), default=None, help=LIBRARY_HELP)(command)


def chosen_library(context: click.Context, library: LibraryLocation | None) -> LibraryLocation | None:
    """The library the user named: the subcommand's option or the group's, if any."""
    return library or (context.obj or {}).get("library")


def resolve_library(context: click.Context, library: LibraryLocation | None) -> LibraryLocation:
    """The library: the one the user named, or the default."""
    from store import default_library_location

    return chosen_library(context, library) or default_library_location()


def warn(line: str) -> None:
    """A warning on standard error, as one line without control characters (warnings can quote
    file names and parser messages)."""
    from briefings.cleaning import clean_text

    click.echo(f"brief: warning: {' '.join(clean_text(line).split())}", err=True)


@contextmanager
def opened_desk(path: LibraryLocation) -> Iterator[Desk]:
    """Open the library's desk for a command, and tell the user what opening and using it found.

    The library's warnings (a damaged file quarantined, defaults shown instead of settings, a
    read-only library) go to standard error as "brief: warning: ..." lines: once after opening,
    then those added while the command ran, when it ends, however it ends. Without this a
    command would quietly work on recovered data that the app would have reported.
    """
    from store import Desk

    desk = Desk.open(path)

    def report() -> None:
        for warning in desk.untold_warnings():
            warn(warning)

    report()
    try:
        yield desk
    finally:
        report()


def friendly_errors(command: F) -> F:
    """Turn the errors a user can cause into one line and exit status 1."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except (BriefError, OSError) as error:
            raise click.ClickException(str(error)) from None

    return wrapper  # type: ignore[return-value]


def shown(text: str, limit: int | None = None) -> Text:
    """Untrusted text (a file name, a reason) as one line of plain text, never markup."""
    from rich.text import Text

    from briefings.cleaning import clean_text

    line = " ".join(clean_text(text).split())
    if limit is not None and len(line) > limit:
        line = "…" + line[-(limit - 1) :]
    return Text(line)
