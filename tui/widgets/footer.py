"""The footer of every screen: the keys that apply now, with help and quit always in sight.

Textual's footer lays the keys out left to right and cuts what does not fit, and the app's own
keys (help, quit) come last: on an 80-column terminal the review screen lost both. Here they
come first, as the function-key bar of a terminal program puts help first, so that however
narrow the terminal, `?` and `q` are on screen.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer

#: Actions always shown, first (the app's help and quit).
PINNED = ("help", "quit")


class BriefFooter(Footer):
    """A footer whose help and quit keys come first."""

    def compose(self) -> ComposeResult:
        keys = list(super().compose())
        # Footer keys carry their action; the other children (groups, labels) have none.
        pinned = [key for key in keys if getattr(key, "action", None) in PINNED]
        pinned.sort(key=lambda key: PINNED.index(key.action))  # type: ignore[attr-defined]
        yield from pinned
        yield from (key for key in keys if key not in pinned)
