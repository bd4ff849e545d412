"""One served session: the `brief` app in a process textual-serve started for a browser tab.

It is the installed `brief` command (`tui.cli.main`), run by the server's own Python, with one
addition: on Linux the session asks to receive SIGHUP when the server ends, however it ends (even
killed), and takes it as a terminal gone: it saves and leaves (see `tui.leaving`). Without the
signal it would still notice its input closing (`tui.hangup`), a little later.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
from contextlib import suppress

PR_SET_PDEATHSIG = 1


def end_with_server() -> None:
    """SIGHUP when the parent (the server) ends; if it already has, end now."""
    if not sys.platform.startswith("linux"):
        return
    parent = os.getppid()
    with suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGHUP)
    if os.getppid() != parent or parent == 1:
        sys.exit(1)


def main() -> None:
    end_with_server()
    from tui.cli import main as brief

    brief(prog_name="brief")


if __name__ == "__main__":
    main()
