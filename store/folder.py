"""The library folder as a `store.backend.LibraryBackend`: the default kind of library."""

from __future__ import annotations

from pathlib import Path

from typing import TYPE_CHECKING

from store.library import Library

if TYPE_CHECKING:
    from store.backend import DoctorReport


class FolderBackend:
    """Libraries kept as folders of small atomic TinyDB files (see `store.library`)."""

    name = "folder"

    def open(self, path: Path, *, lock_timeout: float = 5.0) -> Library:
        """Open (or create) the library folder at `path` (see `Library.open`)."""
        return Library.open(path, lock_timeout=lock_timeout)

    def check(self, path: Path, *, repair: bool = False) -> DoctorReport:
        """Check the folder without opening it; with `repair`, fix what is safe (see `store.doctor`)."""
        from store.doctor import check  # `brief doctor` only: not on the way to the first frame

        return check(path, repair=repair)


FOLDER = FolderBackend()
"""The default backend."""
