"""The footer of every screen: the keys that apply now, with help and quit always in sight.

Textual's footer lays the keys out left to right and cuts what does not fit, and the app's own
keys (help, quit) come last: on an 80-column terminal the review screen lost both. Here they
come first, as the function-key bar of a terminal program puts help first, so that however
narrow the terminal, they are on screen. While a text field has the focus, `?` and `q` are
typed into it rather than obeyed, so the footer shows the keys that still work there: F1 for
help and Ctrl+Q for quit (which saves what is being typed first).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer

# Textual exports no name for the footer's key widget; Textual is pinned exactly (pyproject.toml).
from textual.widgets._footer import FooterKey

#: Actions always shown, first (the app's help and quit).
PINNED = ("help", "quit")
#: What they are shown as while the focused widget takes typed keys: (key, shown as, description).
WHILE_TYPING = {"help": ("f1", "F1", "Help"), "quit": ("ctrl+q", "^q", "Quit")}


class BriefFooter(Footer):
    """A footer whose help and quit keys come first, and are keys that work where the focus is."""

    def compose(self) -> ComposeResult:
        keys = list(super().compose())
        rest = [key for key in keys if getattr(key, "action", None) not in PINNED]
        focused = self.screen.focused
        typing = focused is not None and focused.check_consume_key("q", "q")
        if typing:
            pinned = [
                FooterKey(key, shown, description, action).data_bind(compact=Footer.compact)
                for action, (key, shown, description) in WHILE_TYPING.items()
            ]
        else:
            # Footer keys carry their action; the other children (groups, labels) have none.
            pinned = sorted((key for key in keys if key not in rest), key=lambda key: PINNED.index(key.action))
        yield from pinned
        yield from rest
