"""The reference for start-up: a bare Textual app that paints one line of text and nothing else.

`--imports MODULE ...` imports those modules first and paints the same line: with Brief's own
modules it measures what importing them costs, apart from reading, opening and drawing anything.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path

from textual.app import App, ComposeResult
from textual.widgets import Static


class BareApp(App[None]):
    """Paints the text it is given."""

    BINDINGS = [("q", "quit", "Quit")]

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        yield Static(self.text, markup=False)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("text")
    parser.add_argument("--imports", nargs="*", default=[], metavar="MODULE")
    arguments = parser.parse_args()
    # Run as a script, this folder is first on the path, and its store.py would shadow Brief's store.
    sys.path.remove(str(Path(__file__).resolve().parent))
    for module in arguments.imports:
        importlib.import_module(module)
    BareApp(arguments.text).run()
