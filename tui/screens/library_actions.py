"""The library screen's digest and trash: `x` writes the marked briefings as one document, `d`
deletes the briefing under the cursor (after asking) and `u` brings it back.

Mixed into `LibraryScreen`. Writing, deleting and restoring run in workers of the screen.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from textual import work
from textual.message import Message

from briefings.cleaning import clean_text
from briefings.exporters import FORMATS
from briefings.wording import counted
from tui.screens.dialogs import ConfirmDialog, PickItem, PickList, TextPrompt
from tui.screens.library_inbox import LibraryPart


class DigestAndTrash(LibraryPart):
    """The library screen's digest, delete and undo delete."""

    class Deleted(Message, namespace="library_screen"):
        """A briefing went to the trash (posted from a worker)."""

        def __init__(self, briefing_id: str, title: str) -> None:
            self.briefing_id = briefing_id
            """The briefing."""
            self.title = title
            """Its title, for the notice."""
            super().__init__()

    class Restored(Message, namespace="library_screen"):
        """A deleted briefing came back (posted from a worker)."""

        def __init__(self, briefing_id: str, title: str) -> None:
            self.briefing_id = briefing_id
            """The briefing."""
            self.title = title
            """Its title, for the notice."""
            super().__init__()

    class DigestWritten(Message, namespace="library_screen"):
        """A digest file was written (posted from a worker)."""

        def __init__(self, path: Path, count: int) -> None:
            self.path = path
            """The file."""
            self.count = count
            """How many briefings it holds."""
            super().__init__()

    def action_digest(self) -> None:
        """Export the marked briefings (or the one under the cursor) as one document."""
        ids = self._chosen_ids() or ([self.table.cursor_key] if self.table.cursor_key else [])
        if not ids:
            return
        formats = [PickItem(f.id, f.name, f.suffix) for f in FORMATS.values() if f.render_digest is not None]
        what = f"{len(ids)} marked briefings" if len(ids) > 1 else "1 briefing (space marks more)"
        self.app.push_screen(PickList(f"Digest of {what}: format", formats), lambda fmt: fmt and self._ask_path(ids, fmt))

    def _ask_path(self, ids: list[str], format_id: str) -> None:
        default = self.desk.exports_folder / f"digest-{dt.date.today().isoformat()}{FORMATS[format_id].suffix}"

        def chosen(raw: str | None) -> None:
            if not raw:
                return
            path = Path(raw).expanduser()
            if path.exists():
                self.app.push_screen(
                    ConfirmDialog(f"{path} exists. Replace it?", yes="Replace", no="Keep it"),
                    lambda yes: yes and self._write_digest(ids, format_id, path),
                )
            else:
                self._write_digest(ids, format_id, path)

        self.app.push_screen(TextPrompt("Write the digest to", str(default), placeholder="file name"), chosen)

    @work(thread=True, exit_on_error=False, group="digest", name="write the digest")
    def _write_digest(self, ids: list[str], format_id: str, path: Path) -> None:
        text, count = self.desk.digest_of(ids, format_id)
        self.desk.write_file(path, text)
        self.post_message(self.DigestWritten(path, count))

    def on_library_screen_digest_written(self, message: DigestWritten) -> None:
        self.notify(f"{counted(message.count, 'briefing')} written to {message.path}", title="Digest", timeout=6, markup=False)

    # ----------------------------------------------------------------- delete and undo

    def action_delete(self) -> None:
        """Delete the briefing under the cursor, after asking."""
        table = self.table
        if not table.row_count:
            return
        entry = self._visible_rows[table.cursor_row].entry
        title = clean_text(entry.title)
        question = f"Delete “{title}”?\nu on this screen brings it back while Brief is open."
        self.app.push_screen(
            ConfirmDialog(question, yes="Delete", no="Keep it"),
            lambda yes: yes and self._delete(entry.id, title),
        )

    @work(thread=True, exit_on_error=False, group="library-delete", name="delete the briefing")
    def _delete(self, briefing_id: str, title: str) -> None:
        self.desk.delete(briefing_id)
        self.post_message(self.Deleted(briefing_id, title))

    def on_library_screen_deleted(self, message: Deleted) -> None:
        self.deleted.append((message.briefing_id, message.title))
        self.table.marked.discard(message.briefing_id)
        self.refresh_bindings()
        self.notify(f"Deleted “{message.title}”. u brings it back.", title="Library", timeout=6, markup=False)
        self.reload()

    def action_undo_delete(self) -> None:
        """Bring back the briefing deleted last."""
        if not self.deleted:
            self.notify("Nothing deleted to bring back.", timeout=3)
            return
        briefing_id, title = self.deleted.pop()
        self.refresh_bindings()
        self._restore(briefing_id, title)

    @work(thread=True, exit_on_error=False, group="library-delete", name="bring back the briefing")
    def _restore(self, briefing_id: str, title: str) -> None:
        self.desk.restore(briefing_id)
        self.post_message(self.Restored(briefing_id, title))

    def on_library_screen_restored(self, message: Restored) -> None:
        self.notify(f"Brought back “{message.title}”.", title="Library", timeout=4, markup=False)
        self.reload(message.briefing_id)

