"""Starting the terminal app, from the entry point's short way (`tui.launch`) or the command line
(`tui.cli`): the collector paused while starting, a loop of Brief's own, and an exit that
leaves nothing unsaved behind."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from briefings.model import Article
    from store import LibraryLocation


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
