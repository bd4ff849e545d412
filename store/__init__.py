"""Persistence on TinyDB: a library folder of small atomic files, locking, migrations.

Imports `briefings`, never `tui` or textual. See `store.library` for the design and
`store.layout` for what is in a library folder.
"""

from store.errors import BriefingNotFound, CorruptFile, LibraryBusy, ReadOnlyLibrary, StoreError, WriteFailed
from store.index import IndexEntry
from store.library import BriefingDamaged, EditRejected, ImportResult, Library, default_library_path
from store.queue import SaveQueue, SaveState
from store.storage import AtomicJSONStorage
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
    "SaveQueue",
    "SaveState",
    "SearchHit",
    "StoreError",
    "WriteFailed",
    "default_library_path",
]
