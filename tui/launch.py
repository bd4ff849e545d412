"""`brief`'s entry point: the short way to the app for `brief open FILE`, else the command line.

`brief open FILE` is the command an analyst runs most, and the one whose start shows: it takes a
short way to the app here, without importing click or building the command line's twenty-odd
commands (about a tenth of the time to the first frame). The short way takes only the plain
form, `brief [--library L] open PATH [--library L]` with one `--library` at most, for a file that
exists and reads well; anything else (help, any other command or option, a web address, a
folder, a file that cannot be read, a library that is a file) goes to the command line in
`tui.cli`, which handles it, and reports what is wrong, exactly as it always has.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from briefings.model import Article
    from store import LibraryLocation

#: Set by the shell to ask click for completions: that is the command line's business.
COMPLETION_VARIABLE = "_BRIEF_COMPLETE"


def main() -> None:
    """Run `brief` with the arguments it was given."""
    opening = plain_open(sys.argv[1:])
    if opening is not None and COMPLETION_VARIABLE not in os.environ:
        library, path = opening
        article = read_quietly(path)
        if article is not None:
            from tui.starting import run_app

            run_app(library, path, article)
            return
    from tui.cli import main as command_line

    command_line()


def plain_open(arguments: list[str]) -> tuple[LibraryLocation | None, Path] | None:
    """The library (None: the default) and the file of `open PATH`, when `arguments` are of the
    plain form (see the module docstring); None for anything else."""
    library: str | None = None
    words: list[str] = []
    rest = iter(arguments)
    for argument in rest:
        if argument == "--library":
            value = next(rest, None)
        elif argument.startswith("--library="):
            value = argument.removeprefix("--library=")
        elif argument.startswith("-"):
            return None  # an option of its own (help, a flag) or `--`: the command line's
        else:
            words.append(argument)
            continue
        if not value or library is not None:
            return None  # no value, or given twice: the command line says which it takes
        library = value
    if len(words) != 2 or words[0] != "open":
        return None
    from briefings.web.fetching import is_web_address

    path = Path(words[1])
    if is_web_address(words[1]) or not path.is_file():
        return None
    if library is None:
        return None, path
    from store import library_location

    location = library_location(library)
    if isinstance(location, Path) and location.is_file():
        return None
    return location, path


def read_quietly(path: Path) -> Article | None:
    """The article in `path`, or None when it cannot be read (the command line then says why)."""
    from briefings.errors import BriefError
    from briefings.readers import read_file

    try:
        return read_file(path)
    except (BriefError, OSError):
        return None
