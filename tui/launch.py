"""`brief`'s entry point, and the start of the terminal app.

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


def run_app(library: LibraryLocation | None, open_path: Path | None = None, article: Article | None = None) -> None:
    """Start the terminal app and exit with its status.

    `library` is None for the default library, which the app's opening worker finds: the store
    is imported there, after the first paint.
    """
    import asyncio
    import gc

    # Start-up makes thousands of objects that live as long as the app (modules, classes, styles)
    # and few that die: the cyclic collector, run over them again and again, would cost about a
    # tenth of the time to the first frame. It is paused until the first screen is built (see
    # `BriefApp.screen_built`), as Textual pauses it to scroll smoothly.
    gc.disable()
    from tui.app import BriefApp, Startup
    from tui.hangup import end_process
    from tui.leaving import QUIT_FLUSH_SECONDS

    app = BriefApp(Startup(library, open_path, article))
    # A loop of our own, not asyncio.run: that would wait, at the end, for every thread worker
    # still running (an extraction of a very long article). By the time the app returns,
    # everything is saved (or kept in a recovery file), so the process ends here, whatever
    # thread is still running (see `tui.hangup`).
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    app.run(loop=loop)
    gc.enable()  # in case the app ended before its first screen was built
    # However the app ended, the changes still queued reach the disk or a recovery file first:
    # a served session whose tab closes is told to exit at once, not by `q` (see `tui.leaving`).
    end_process(app.keep_unsaved(QUIT_FLUSH_SECONDS) or app.return_code or 0)
