"""The reference for start-up: a bare Textual app that paints one line of text and nothing else."""

from __future__ import annotations

import sys

from textual.app import App, ComposeResult
from textual.widgets import Static


class BareApp(App[None]):
    """Paints the text given on the command line."""

    BINDINGS = [("q", "quit", "Quit")]

    def compose(self) -> ComposeResult:
        yield Static(sys.argv[1] if len(sys.argv) > 1 else "ready", markup=False)


if __name__ == "__main__":
    BareApp().run()
