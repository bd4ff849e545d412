"""Files that are either the old version or the new one, never half of each.

TinyDB's own JSONStorage truncates and rewrites its file in place, so a process killed mid-write
leaves broken JSON and a full disk leaves a truncated file. `AtomicJSONStorage` writes a complete
temp file beside the target, flushes it to the disk, renames it over the target (an atomic step
on POSIX) and then flushes the folder so the rename itself survives a power cut.

Reading is strict: a zero-byte file, bytes that are not UTF-8, text that is not JSON, or JSON that
is not a TinyDB database raise `CorruptFile`. TinyDB would read an empty file as an empty database,
and the next write would then replace the analyst's work with nothing.
"""

from __future__ import annotations

import json
import os
import secrets
from contextlib import suppress
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from store.errors import CorruptFile, WriteFailed

#: Temp files are ".<target name>.<pid>.<random>.tmp" in the target's folder.
TEMP_SUFFIX = ".tmp"


def temp_path(target: Path) -> Path:
    """A fresh temp path beside `target`, naming the process that owns it."""
    return target.with_name(f".{target.name}.{os.getpid()}.{secrets.token_hex(4)}{TEMP_SUFFIX}")


def is_temp(name: str) -> bool:
    """True for names made by `temp_path`."""
    return name.startswith(".") and name.endswith(TEMP_SUFFIX)


def temp_owner(name: str) -> int | None:
    """The process id recorded in a temp file's name, or None if the name has none."""
    parts = name.split(".")
    with suppress(IndexError, ValueError):
        return int(parts[-3])
    return None


def encode(data: Any) -> bytes:
    """Compact UTF-8 JSON; text with lone surrogates falls back to ASCII escapes so it still saves."""
    try:
        return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    except UnicodeEncodeError:
        return json.dumps(data, ensure_ascii=True, separators=(",", ":")).encode("ascii")


def fsync_dir(folder: Path) -> None:
    """Flush a folder's entries (renames, new and removed names) to the disk."""
    fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _create(path: Path) -> int:
    # Separate so that fault tests can make the folder refuse new files (read-only, no permission).
    return os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o644)


def _write_all(fd: int, data: bytes) -> None:
    # Separate so that fault tests can fill the disk part way through a write.
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def write_atomic(path: Path, data: bytes, *, durable: bool = True) -> None:
    """Replace `path` with `data` in one step; on any error the old file is untouched.

    Args:
        path: The file to write.
        data: Its complete new content.
        durable: Flush file and folder to the disk before returning. Caches may skip this: a
            cache file lost in a power cut is recomputed, and a damaged one is detected on read.

    Raises:
        WriteFailed: The disk refused (full, read-only, permission); the temp file is removed.
    """
    temp = temp_path(path)
    try:
        fd = _create(temp)
        try:
            _write_all(fd, data)
            if durable:
                os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temp, path)
        if durable:
            fsync_dir(path.parent)
    except OSError as error:
        with suppress(OSError):
            os.unlink(temp)
        raise WriteFailed(path, error) from error
    except BaseException:
        with suppress(OSError):
            os.unlink(temp)
        raise


def parse(raw: bytes, path: object) -> dict[str, dict[str, Any]]:
    """Decode a TinyDB database from bytes, raising `CorruptFile` with the reason."""
    if not raw.strip():
        raise CorruptFile(path, "the file is empty")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise CorruptFile(path, f"not UTF-8 text (bad byte at offset {error.start})") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise CorruptFile(path, f"not complete JSON ({error.msg} at line {error.lineno}, column {error.colno})") from None
    except RecursionError:
        raise CorruptFile(path, "JSON nested too deeply") from None
    if not isinstance(data, dict):
        raise CorruptFile(path, "not a database (the top level is not an object of tables)")
    for name, table in data.items():
        if not isinstance(table, dict) or not all(isinstance(doc, dict) for doc in table.values()):
            raise CorruptFile(path, f"not a database (table {name!r} does not hold documents)")
    return data


def read_db(path: Path) -> dict[str, dict[str, Any]]:
    """Read a TinyDB database file strictly.

    Raises:
        FileNotFoundError: There is no such file.
        CorruptFile: The file exists but is not a complete database.
    """
    return parse(path.read_bytes(), path)


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
