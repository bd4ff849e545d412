"""Persistence on TinyDB: a library folder of small atomic files, locking, migrations.

Imports `briefings`, never `tui` or textual. See `store.library` for the design and
`store.layout` for what is in a library folder.
"""

from store.errors import BriefingNotFound, CorruptFile, LibraryBusy, ReadOnlyLibrary, StoreError, WriteFailed
from store.index import IndexEntry
from store.library import BriefingDamaged, EditRejected, ImportResult, Library, default_library_path
from store.queue import SaveQueue, SaveState
from store.rescue import Rescued, changes_kept_for, done_with, keep_changes
from store.textindex import SearchHit

__all__ = [
    "AtomicJSONStorage",
    "BriefingDamaged",
    "BriefingNotFound",
    "CorruptFile",
    "EditRejected",
    "ImportResult",
    "IndexEntry",
    "Library",
    "LibraryBusy",
    "ReadOnlyLibrary",
    "Rescued",
    "SaveQueue",
    "SaveState",
    "SearchHit",
    "StoreError",
    "WriteFailed",
    "changes_kept_for",
    "default_library_path",
    "done_with",
    "keep_changes",
]


def __getattr__(name: str) -> object:
    """`AtomicJSONStorage` on first use: only those who open a library file with TinyDB need TinyDB."""
    if name == "AtomicJSONStorage":
        from store.tinydb_storage import AtomicJSONStorage

        return AtomicJSONStorage
    raise AttributeError(f"module 'store' has no attribute {name!r}")
