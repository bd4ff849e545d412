"""Brief's library and the desk that works on it: the public face of everything below the faces.

The command line and the Textual app import only from here: the `Desk` (`store.desk`), which holds
the open library and does the analyst's work, and the records it hands out. The rest of the
package is the library folder on TinyDB (`store.library`, which implements the interface in
`store.backend`), and faces never import it. Imports `briefings`, never `tui`, textual, rich or
click.

Names are imported on first use (PEP 562), so that a face importing one record (the app's first
frame imports `fold` for its article search) does not import the whole desk with it.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from store.backend import SETTINGS_CHANGED, DoctorReport, Following, ImportResult, LibraryBackend, LibraryStore
    from store.batch import IMPORT_SUFFIXES, Collected, ImportOutcome, collect_files
    from store.bulk_extract import ExtractionReport
    from store.desk import Desk
    from store.desk.desk import check_library
    from store.desk.exports import write_user_file
    from store.desk.config import ANALYST_ENV, Config, config_path, default_exports_folder, load_config
    from store.moving import copy_library
    from store.desk.keymap import KeyRemap
    from store.desk.review import Opened, extraction_subject, same_work
    from store.desk.tallies import ActorAcross, ActorTally
    from store.desk.undo import Change, UndoHistory
    from store.errors import BriefingDamaged, BriefingNotFound, CorruptFile, EditRejected, LibraryBusy, ReadOnlyLibrary, StoreError, WriteFailed
    from store.feeds import FeedRecord, FeedState
    from store.fetch import FetchReport, ItemOutcome, Progress
    from store.index import IndexEntry
    from store.library import Library
    from store.location import LibraryLocation, default_library_location, library_location, location_label
    from store.queue import SaveQueue, SaveState
    from store.rescue import Rescued, changes_kept_for, done_with, keep_changes
    from store.similar import pair_key
    from store.textquery import SearchHit, fold
    from store.tinydb_storage import AtomicJSONStorage

_WHERE = {
    "ANALYST_ENV": "store.desk.config",
    "ActorAcross": "store.desk.tallies",
    "ActorTally": "store.desk.tallies",
    "AtomicJSONStorage": "store.tinydb_storage",
    "BriefingDamaged": "store.errors",
    "BriefingNotFound": "store.errors",
    "Change": "store.desk.undo",
    "Collected": "store.batch",
    "Config": "store.desk.config",
    "CorruptFile": "store.errors",
    "Desk": "store.desk",
    "DoctorReport": "store.backend",
    "EditRejected": "store.errors",
    "ExtractionReport": "store.bulk_extract",
    "FeedRecord": "store.feeds",
    "FeedState": "store.feeds",
    "FetchReport": "store.fetch",
    "Following": "store.backend",
    "IMPORT_SUFFIXES": "store.batch",
    "ImportOutcome": "store.batch",
    "ImportResult": "store.backend",
    "IndexEntry": "store.index",
    "ItemOutcome": "store.fetch",
    "Library": "store.library",
    "KeyRemap": "store.desk.keymap",
    "LibraryBackend": "store.backend",
    "LibraryBusy": "store.errors",
    "LibraryStore": "store.backend",
    "Opened": "store.desk.review",
    "Progress": "store.fetch",
    "ReadOnlyLibrary": "store.errors",
    "Rescued": "store.rescue",
    "SaveQueue": "store.queue",
    "SaveState": "store.queue",
    "SETTINGS_CHANGED": "store.backend",
    "SearchHit": "store.textquery",
    "StoreError": "store.errors",
    "UndoHistory": "store.desk.undo",
    "WriteFailed": "store.errors",
    "changes_kept_for": "store.rescue",
    "collect_files": "store.batch",
    "config_path": "store.desk.config",
    "copy_library": "store.moving",
    "default_exports_folder": "store.desk.config",
    "check_library": "store.desk.desk",
    "default_library_location": "store.location",
    "library_location": "store.location",
    "location_label": "store.location",
    "LibraryLocation": "store.location",
    "write_user_file": "store.desk.exports",
    "done_with": "store.rescue",
    "extraction_subject": "store.desk.review",
    "fold": "store.textquery",
    "pair_key": "store.similar",
    "keep_changes": "store.rescue",
    "load_config": "store.desk.config",
    "same_work": "store.desk.review",
}

__all__ = [
    "ANALYST_ENV",
    "copy_library",
    "IMPORT_SUFFIXES",
    "ActorAcross",
    "ActorTally",
    "AtomicJSONStorage",
    "BriefingDamaged",
    "BriefingNotFound",
    "Change",
    "Collected",
    "Config",
    "CorruptFile",
    "Desk",
    "DoctorReport",
    "EditRejected",
    "ExtractionReport",
    "FeedRecord",
    "FeedState",
    "FetchReport",
    "Following",
    "ImportOutcome",
    "ImportResult",
    "IndexEntry",
    "ItemOutcome",
    "KeyRemap",
    "Library",
    "LibraryBackend",
    "LibraryBusy",
    "LibraryStore",
    "Opened",
    "Progress",
    "ReadOnlyLibrary",
    "Rescued",
    "SaveQueue",
    "SaveState",
    "SETTINGS_CHANGED",
    "SearchHit",
    "StoreError",
    "UndoHistory",
    "WriteFailed",
    "changes_kept_for",
    "check_library",
    "collect_files",
    "config_path",
    "default_exports_folder",
    "default_library_location",
    "library_location",
    "location_label",
    "LibraryLocation",
    "done_with",
    "extraction_subject",
    "fold",
    "keep_changes",
    "load_config",
    "pair_key",
    "same_work",
    "write_user_file",
]


def __getattr__(name: str) -> object:
    """A public name, imported from its module on first use."""
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'store' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value
