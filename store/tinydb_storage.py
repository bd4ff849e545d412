"""A TinyDB storage for the files of a Brief library, atomic and strict (see `store.storage`).

The store reads and writes its files through `store.storage` directly; this storage lets anyone
open one of them with TinyDB itself and query it. It lives apart so that TinyDB is imported only by
those who do (`store.AtomicJSONStorage` imports this module on first use).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from store.storage import encode, read_db, write_atomic


class AtomicJSONStorage(Storage):
    """A TinyDB storage that never leaves a half-written file and never reads damage as empty.

    `TinyDB(path, storage=AtomicJSONStorage)` opens any file of a Brief library for queries. A
    missing file reads as a new, empty database; an existing file must be a complete one.
    """

    def __init__(self, path: str | os.PathLike[str], *, durable: bool = True) -> None:
        super().__init__()
        self.path = Path(path)
        self.durable = durable

    def read(self) -> dict[str, dict[str, Any]] | None:
        try:
            return read_db(self.path)
        except FileNotFoundError:
            return None

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        write_atomic(self.path, encode(data), durable=self.durable)
