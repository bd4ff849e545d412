"""The smallest app worth serving: it counts presses of `x` and names the last key, so that a
browser test can see a key it sent reach the app and the app's answer reach the page."""

from __future__ import annotations

from textual import events
from textual.app import App, ComposeResult
from textual.widgets import Static


class Counter(App[None]):
    presses = 0

    def compose(self) -> ComposeResult:
        yield Static("presses: 0", id="presses", markup=False)
        yield Static("last key: none", id="last", markup=False)

    def on_key(self, event: events.Key) -> None:
        if event.key == "x":
            self.presses += 1
            self.query_one("#presses", Static).update(f"presses: {self.presses}")
        self.query_one("#last", Static).update(f"last key: {event.key}")


if __name__ == "__main__":
    Counter().run()
