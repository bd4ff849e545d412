"""Help: the keys that apply on the screen underneath, built from its live bindings."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.screens.dialogs import ESCAPE_RULE


class HelpScreen(ModalScreen[None]):
    """A modal list of every key that works where the analyst was, with what it does."""

    BINDINGS = [Binding("escape,q,question_mark,f1", "dismiss", "Close", id="help.close")]

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 76; max-width: 95%; height: 80%;
        border: round $accent; background: $surface; padding: 0 1;
    }
    """

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(self._table(), markup=False)

    def _table(self) -> Table:
        underneath = self.app.screen_stack[-2] if len(self.app.screen_stack) > 1 else self.app.screen
        table = Table(box=None, show_header=False, expand=True, padding=(0, 1))
        table.add_column("key", style="bold", no_wrap=True)
        table.add_column("does")
        # The one rule for typed text first: it holds in every editor, whatever screen is under.
        table.add_row(Text("escape"), Text(f"In an editor (note, question, judgment, summary, tag, the article's facts): {ESCAPE_RULE}"))
        table.add_row()
        # One row per action, with every key bound to it; Textual's own scrolling and copy
        # bindings (no id) are left out.
        rows: dict[tuple[int, str], tuple[list[str], str]] = {}
        for key, active in underneath.active_bindings.items():
            binding = active.binding
            if not binding.description or not binding.id:
                continue
            row_key = (id(active.node), binding.key_display or binding.action)
            keys, _ = rows.setdefault(row_key, ([], binding.description))
            shown = binding.key_display or self.app.get_key_display(binding)
            if shown not in keys:
                keys.append(shown)
        for keys, description in rows.values():
            table.add_row(Text(" ".join(keys)), Text(description))
        table.add_row(Text("ctrl+p"), Text("Command palette: every action, searchable"))
        return table
