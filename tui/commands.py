"""The command palette: every action of the current screen, searchable by name.

Built from the live bindings (so nothing can be in the keymap but missing here) plus the screen's
own `palette_commands()` for actions that take an argument, such as one command per tag.
Entries are prefixed by area, as Posting does ("review: toggle tag fact").
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

PaletteCommand = tuple[str, str, Callable[[], object]]
"""(title, help, callback) of one palette entry."""


class BriefCommands(Provider):
    """Commands of the screen the palette was opened on."""

    def _commands(self) -> Iterator[PaletteCommand]:
        screen = self.screen
        area = getattr(screen, "PALETTE_AREA", "app")
        seen: set[str] = set()
        for active in screen.active_bindings.values():
            binding = active.binding
            if not binding.description or binding.action in seen or not active.enabled:
                continue
            if binding.action.startswith("toggle_tag"):
                continue
            seen.add(binding.action)
            key = binding.key_display or self.app.get_key_display(binding)
            title = f"{area}: {binding.description.lower()}"
            yield title, f"key: {key}", partial(self._run, active.node, binding.action)
        extra = getattr(screen, "palette_commands", None)
        if extra is not None:
            yield from extra()

    async def _run(self, node: object, action: str) -> None:
        await self.app.run_action(action, node)  # type: ignore[arg-type]

    async def discover(self) -> Hits:
        for title, help_text, callback in self._commands():
            yield DiscoveryHit(title, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, callback in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), callback, text=title, help=help_text)
