"""The export dialog: choose a format and a file, see a preview, write it.

Rendering and writing run in thread workers; the file is written atomically (a temporary file
beside it, then a rename), so a failed export never leaves half a briefing behind.
"""

from __future__ import annotations

from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Select, Static, TextArea

from briefings.briefing import Briefing
from briefings.errors import BriefError
from briefings.exporters import FORMATS
from briefings.extraction.model import Extraction
from tui.screens.dialogs import ConfirmDialog, dialog_css
from tui.workers import ReportsWorkerErrors

PREVIEW_LINES = 300


class ExportDialog(ReportsWorkerErrors, ModalScreen[Path | None]):
    """Export the open briefing to Markdown, JSON or HTML."""

    BINDINGS = [
        Binding("ctrl+s", "export", "Export", id="export.write"),
        Binding("escape", "cancel", "Cancel", id="export.cancel"),
    ]
    DEFAULT_CSS = dialog_css("ExportDialog") + """
    ExportDialog > Vertical { width: 110; height: 90%; }
    ExportDialog #export-options { height: auto; }
    ExportDialog #export-format { width: 24; }
    ExportDialog #export-path { width: 1fr; }
    ExportDialog #export-who { width: auto; }
    ExportDialog #export-preview { height: 1fr; }
    ExportDialog #export-buttons { height: auto; align-horizontal: right; }
    """

    class Rendered(Message):
        """A preview is ready (posted from a worker)."""

        def __init__(self, format_id: str, who: bool, text: str) -> None:
            self.format_id = format_id
            self.who = who
            self.text = text
            super().__init__()

    def __init__(self, briefing: Briefing, extraction: Extraction | None) -> None:
        super().__init__()
        self.briefing = briefing
        self.extraction = extraction
        self._rendered: dict[tuple[str, bool], str] = {}

    def compose(self) -> ComposeResult:
        first = next(iter(FORMATS.values()))
        with Vertical():
            yield Static("Export briefing", classes="dialog-title", markup=False)
            with Horizontal(id="export-options"):
                yield Select([(f.name, f.id) for f in FORMATS.values()], value=first.id, allow_blank=False, id="export-format")
                yield Input(str(self.desk.exports_folder / self.desk.file_name(self.briefing, first.id)), id="export-path")
                yield Checkbox("Who did what", id="export-who", tooltip="Say who tagged, noted and judged what (the JSON export always carries the history)")
            yield TextArea("Rendering…", read_only=True, soft_wrap=True, id="export-preview")
            with Horizontal(id="export-buttons"):
                yield Button("Export (ctrl+s)", variant="primary", id="export-write")
                yield Button("Cancel (esc)", id="export-cancel")

    def on_mount(self) -> None:
        self._render_preview(self.format_id, self.who)
        self.query_one("#export-path", Input).focus()

    @property
    def format_id(self) -> str:
        """The chosen format's id."""
        return str(self.query_one("#export-format", Select).value)

    @property
    def who(self) -> bool:
        """Whether the export says who did what (see `ExportBundle.who`)."""
        return self.query_one("#export-who", Checkbox).value

    def _export_text(self, format_id: str, who: bool) -> str:
        return self.desk.render(self.desk.bundle(self.briefing, self.extraction, who=who), format_id)

    @work(thread=True, exclusive=True, group="export-preview", exit_on_error=False, name="render the export")
    def _render_preview(self, format_id: str, who: bool) -> None:
        self.post_message(self.Rendered(format_id, who, self._export_text(format_id, who)))

    def on_export_dialog_rendered(self, message: Rendered) -> None:
        self._rendered[message.format_id, message.who] = message.text
        if (message.format_id, message.who) == (self.format_id, self.who):
            lines = message.text.splitlines()
            preview = "\n".join(lines[:PREVIEW_LINES])
            if len(lines) > PREVIEW_LINES:
                preview += f"\n… {len(lines) - PREVIEW_LINES} more lines"
            self.query_one("#export-preview", TextArea).load_text(preview)

    @on(Select.Changed, "#export-format")
    def _format_changed(self, event: Select.Changed) -> None:
        suffix = FORMATS[str(event.value)].suffix
        path_input = self.query_one("#export-path", Input)
        path_input.value = str(Path(path_input.value).with_suffix(suffix))
        self.query_one("#export-preview", TextArea).load_text("Rendering…")
        self._render_preview(str(event.value), self.who)

    @on(Checkbox.Changed, "#export-who")
    def _who_changed(self, event: Checkbox.Changed) -> None:
        self.query_one("#export-preview", TextArea).load_text("Rendering…")
        self._render_preview(self.format_id, event.value)

    @on(Button.Pressed, "#export-write")
    def action_export(self) -> None:
        """Write the file, asking first if it would replace one."""
        raw = self.query_one("#export-path", Input).value.strip()
        if not raw:
            self.notify("Give a file name.", severity="warning")
            return
        path = Path(raw).expanduser()
        if path.exists():
            self.app.push_screen(
                ConfirmDialog(f"{path} exists. Replace it?", yes="Replace", no="Keep it"),
                lambda yes: yes and self._write_file(path, self.format_id, self.who),
            )
        else:
            self._write_file(path, self.format_id, self.who)

    @work(thread=True, exit_on_error=False, name="write the export")
    def _write_file(self, path: Path, format_id: str, who: bool) -> None:
        try:
            text = self._rendered.get((format_id, who)) or self._export_text(format_id, who)
            self.desk.write_file(path, text)  # atomic; the exports folder is made on first use
        except (OSError, BriefError) as error:  # a folder that is not there, a full disk
            # The dialog stays open with the path, so the analyst can correct it and try again.
            reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
            self.app.call_from_thread(
                self.notify, f"Could not write {path}: {reason}", title="Export", severity="error", timeout=10, markup=False
            )
            return
        self.app.call_from_thread(self._written, path)

    def _written(self, path: Path) -> None:
        self.notify(f"Exported to {path}", title="Export", timeout=6, markup=False)
        self.dismiss(path)

    @on(Button.Pressed, "#export-cancel")
    def action_cancel(self) -> None:
        """Close without writing."""
        self.dismiss(None)
