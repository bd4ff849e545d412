"""Each change on disk before the next key is handled.

Textual reads keys on its own thread and hands them to the app at once, and the save queue writes
on another: left alone, the analyst can press several keys while the first change is still on its
way to the disk. The gate stands at the app's door. A key that arrives while a change is not yet
on disk is held, in order with those behind it, and handed on as soon as the writer reports the
change durable (a fsync of the file and of its folder, typically a millisecond or two). Keys pass
both when they enter the app and when they come back to it for their binding, so a key that
entered before an earlier key's change was made still waits before its own action runs.

The wait is bounded: when the disk refuses (the title says NOT SAVED and the change stays queued)
keys are not held at all, and when it is slow (more than `KEY_WAIT` seconds: a slow network disk,
another window holding the lock) the held keys go on and the title keeps saying "saving…" until
the change is on disk. So what the title says is true at every moment, and in the usual case
the next key is handled only once the previous change is durable.

Keys also wait, with no time limit, while the screen they are for is not built: from the start
until the first screen is shown, and while a screen that paints its main content first (the
review screen: the title and the article) is still mounting the rest (its panes and bars).
A key pressed as Brief starts is so neither lost nor run against half a screen.

Held keys are handed on one at a time, each once the one before it has been handled wherever it
went: up from the focused widget to the app for its binding, and into the screen it opened or
closed, mounted and focused. Handed on all at once, the letters of a note typed while Brief
starts (`a`, then the note) would reach the article, not the note editor `a` opens.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Awaitable, Callable

from typing import TYPE_CHECKING

from textual import events
from textual.app import App
from textual.timer import Timer

if TYPE_CHECKING:
    from textual.dom import DOMNode
    from textual.screen import Screen

#: Longest time a key waits for the change before it to reach the disk (seconds).
KEY_WAIT = 0.5


class KeyGate:
    """Holds keys while a change is on its way to the disk (see the module docstring)."""

    def __init__(
        self,
        app: App[object],
        durable: Callable[[], bool],
        dispatch: Callable[[events.Key], Awaitable[None]],
        ready: Callable[[], bool] = lambda: True,
    ) -> None:
        """
        Args:
            app: The app whose keys pass the gate.
            durable: True when no change is waiting to be written (or the disk refuses, so
                waiting would not help).
            dispatch: Handles a key that has waited, as the app would have handled it.
            ready: True when the screen on top is built to take keys; until then keys wait,
                however long (call `release` when it is).
        """
        self._app = app
        self._durable = durable
        self._ready = ready
        self._dispatch = dispatch
        self._held: deque[events.Key] = deque()
        self._in_flight: events.Key | None = None
        """The held key handed on last, until it has been handled wherever it went."""
        self._since = 0.0
        self._timer: Timer | None = None
        self._slow = False  # the disk took longer than KEY_WAIT: open until it catches up

    @property
    def holding(self) -> int:
        """Keys waiting, and the one handed on last until it has been handled."""
        return len(self._held) + (self._in_flight is not None)

    def hold(self, event: events.Key) -> bool:
        """Whether `event` must wait; if so it is kept, to be handed on by `release`."""
        if event is self._in_flight:
            return False  # handed on already: back at the app for its binding
        if self._held or self._in_flight is not None:
            self._held.append(event)  # behind the keys already waiting, whatever the disk does
            return True
        if not self._ready():
            self._held.append(event)  # until the screen is built: `release` is called then
            return True
        if self._passes():
            return False
        self._held.append(event)
        self._wait()
        return True

    async def release(self) -> None:
        """Handle the held keys, in order, each once the change before it is durable (or the
        wait ran out) and the key before it has been handled. Call whenever saving makes
        progress or a screen is built."""
        if self._in_flight is not None:
            return  # the next key goes once this one has been handled (see `_landed`)
        if not self._held or not self._ready():
            self._stop_timer()
            return
        if not self._passes():
            if self._timer is None:  # it waited for the screen: now it waits for the disk
                self._wait()
                return
            if time.monotonic() - self._since < KEY_WAIT:
                return
            self._slow = True  # waited long enough: go on, the title says "saving…"
        self._stop_timer()
        app = self._app
        event = self._in_flight = self._held.popleft()
        # Where Textual sends it: a key back for its binding is handled by the app itself.
        target: DOMNode = app if event.is_forwarded else (app.focused or app.screen)
        screen = app.screen
        await self._dispatch(event)
        self._follow(target, lambda: self._landed(screen))

    def _follow(self, node: DOMNode | None, then: Callable[[], object]) -> None:
        """Call `then` once the key handed on has been through `node` and each node above it.

        Each node handles its messages in order, and a key goes up to the node's parent (the
        app last) as the node handles it: a callback queued behind it on a node, then on that
        node's parent, and so on, follows it up.
        """
        while node is not None:
            if node.call_later(self._follow, node.parent, then):
                return
            node = node.parent  # closed: nothing of the key is left there
        then()

    def _landed(self, screen: Screen[object]) -> None:
        """The key handed on has been handled; if it opened or closed a screen, the next key is
        for that screen, once it is mounted and has focused what it focuses (on the app's loop)."""
        top = self._app.screen
        if top is screen or not top.call_later(self._app.call_later, self._next):
            self._app.call_later(self._next)

    async def _next(self) -> None:
        self._in_flight = None
        await self.release()

    def _passes(self) -> bool:
        if self._durable():
            self._slow = False
            return True
        return self._slow

    def _wait(self) -> None:
        self._since = time.monotonic()
        self._stop_timer()
        self._timer = self._app.set_timer(KEY_WAIT, self.release, name="key gate")

    def _stop_timer(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
