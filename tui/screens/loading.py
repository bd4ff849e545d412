"""A placeholder screen while the library opens."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Center, Middle
from textual.screen import Screen
from textual.widgets import LoadingIndicator, Static


class LoadingScreen(Screen[None]):
    """Shown for the few milliseconds the library takes to open."""

    def __init__(self, message: str) -> None:
        super().__init__()
        self._message = message

    def compose(self) -> ComposeResult:
        with Middle():
            with Center():
                yield Static(self._message, markup=False)
            yield LoadingIndicator()
