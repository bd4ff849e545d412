"""Files that are either the old version or the new one, never half of each.

TinyDB's own JSONStorage truncates and rewrites its file in place, so a process killed mid-write
leaves broken JSON and a full disk leaves a truncated file. `write_atomic` writes a complete temp
file beside the target, flushes it to the disk, renames it over the target (an atomic step on
POSIX) and then flushes the folder so the rename itself survives a power cut. The TinyDB storage
built on it is `store.tinydb_storage.AtomicJSONStorage`.

Reading is strict: a zero-byte file, bytes that are not UTF-8, text that is not JSON, or JSON that
is not a TinyDB database raise `CorruptFile`. TinyDB would read an empty file as an empty database,
and the next write would then replace the analyst's work with nothing. So does anything that is not
a regular file where a file should be (a folder, a named pipe, a device): it is opened without
waiting, so a named pipe cannot hang the reader.

Folders are made with `make_folders`, which syncs each new folder into its parent before returning:
a file synced into a folder whose own entry was never synced can vanish with it in a power cut.
"""

from __future__ import annotations

import errno
import json
import os
import re
import secrets
import stat
from collections.abc import Callable, Sequence
from contextlib import suppress
from dataclasses import dataclass
from json.decoder import scanstring
from pathlib import Path
from typing import Any

from store.errors import CorruptFile, WriteFailed

#: Temp files are ".<target name>.<pid>.<random>.tmp" in the target's folder.
TEMP_SUFFIX = ".tmp"
#: How far into a file `parse_tables` looks for the members it already knows.
_KNOWN_WITHIN = 1 << 20


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


_SURROGATE = re.compile("[\ud800-\udfff]")


def encode(data: Any) -> bytes:
    """Compact UTF-8 JSON.

    Text holding lone surrogates (which no UTF-8 file, terminal or export can hold; only the
    Python API can make them) is saved with each one replaced by U+FFFD, so that what the store
    holds is always text every export can write.
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        return _SURROGATE.sub("\ufffd", text).encode("utf-8")


def fsync_dir(folder: Path) -> None:
    """Flush a folder's entries (renames, new and removed names) to the disk."""
    fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def make_folders(folder: Path) -> None:
    """Create `folder` and its missing parents, each one synced into its parent.

    Raises:
        FileExistsError: Something that is not a folder is in the way.
        OSError: The disk refused.
    """
    missing = []
    path = folder
    while not os.path.isdir(path):
        missing.append(path)
        if path.parent == path:
            break
        path = path.parent
    for path in reversed(missing):
        try:
            os.mkdir(path)
        except FileExistsError:
            if not os.path.isdir(path):
                raise
            continue  # made by someone else meanwhile: they sync it
        fsync_dir(path.parent)


def kind_of(mode: int) -> str:
    """What a file of this mode is, in words: "a folder", "a named pipe"..."""
    if stat.S_ISREG(mode):
        return "a file"
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a file"


def open_regular(path: Path) -> int:
    """Open a file for reading, never waiting (a named pipe would block `open` for ever).

    Returns:
        The file descriptor; the caller closes it.

    Raises:
        FileNotFoundError: There is no such file.
        CorruptFile: Something that is not a regular file is there.
        OSError: It cannot be read.
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as error:
        if error.errno == errno.ENXIO:  # a socket
            raise CorruptFile(path, "a socket where a file should be") from None
        raise
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        raise CorruptFile(path, f"{kind_of(mode)} where a file should be")
    return fd


def read_regular(path: Path) -> bytes:
    """The bytes of a regular file (see `open_regular` for what it raises)."""
    with os.fdopen(open_regular(path), "rb") as file:
        return file.read()


def _create(path: Path) -> int:
    # Separate so that fault tests can make the folder refuse new files (read-only, no permission).
    return os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o644)


def _write_all(fd: int, data: bytes) -> None:
    # Separate so that fault tests can fill the disk part way through a write.
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def write_atomic(
    path: Path,
    data: bytes | Sequence[bytes],
    *,
    durable: bool = True,
    before_replace: Callable[[], None] | None = None,
) -> None:
    """Replace `path` with `data` in one step; on any error the old file is untouched.

    Args:
        path: The file to write.
        data: Its complete new content, or that content in consecutive parts (written one after
            the other, so a large file held in parts is never copied into one buffer).
        durable: Flush file and folder to the disk before returning. Caches may skip this: a
            cache file lost in a power cut is recomputed, and a damaged one is detected on read.
        before_replace: Called once the new content is safely in the temp file, just before it
            replaces `path`: what must happen only when the write is about to succeed (a backup
            of the old version, an intent in a journal) goes here, so that a write the disk
            refuses changes nothing at all.

    Raises:
        WriteFailed: The disk refused (full, read-only, permission); the temp file is removed.
            Its `replaced` says whether `path` was replaced all the same (only the final sync
            of the folder failed).
    """
    temp = temp_path(path)
    try:
        fd = _create(temp)
        try:
            for part in [data] if isinstance(data, bytes) else data:
                _write_all(fd, part)
            if durable:
                os.fsync(fd)
        finally:
            os.close(fd)
        if before_replace is not None:
            before_replace()
        os.replace(temp, path)
    except OSError as error:
        with suppress(OSError):
            os.unlink(temp)
        raise WriteFailed(path, error) from error
    except BaseException:
        with suppress(OSError):
            os.unlink(temp)
        raise
    if durable:
        try:
            fsync_dir(path.parent)
        except OSError as error:
            raise WriteFailed(path, error, replaced=True) from error


def _decode(raw: bytes, path: object) -> str:
    if not raw.strip():
        raise CorruptFile(path, "the file is empty")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise CorruptFile(path, f"not UTF-8 text (bad byte at offset {error.start})") from None


def _loads(text: str, path: object) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise CorruptFile(path, f"not complete JSON ({error.msg} at line {error.lineno}, column {error.colno})") from None
    except RecursionError:
        raise CorruptFile(path, "JSON nested too deeply") from None


def _checked(data: Any, path: object) -> dict[str, dict[str, Any]]:
    if not isinstance(data, dict):
        raise CorruptFile(path, "not a database (the top level is not an object of tables)")
    for name, table in data.items():
        if not isinstance(table, dict) or not all(isinstance(doc, dict) for doc in table.values()):
            raise CorruptFile(path, f"not a database (table {name!r} does not hold documents)")
    return data


def parse(raw: bytes, path: object) -> dict[str, dict[str, Any]]:
    """Decode a TinyDB database from bytes, raising `CorruptFile` with the reason."""
    return _checked(_loads(_decode(raw, path), path), path)


_SPACE = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()


def _skip(text: str, index: int) -> int:
    """The index of the first character at or after `index` that is not JSON whitespace."""
    return _SPACE.match(text, index).end()  # type: ignore[union-attr]  # matches even nothing


def _members(text: str) -> dict[str, tuple[Any, int, int]] | None:
    """The members of the JSON object `text`: each value with where it starts and ends in `text`.

    None when `text` is not one JSON object. Values are decoded by `json`'s own scanner, so they
    are what `json.loads` gives. Raises `ValueError` on malformed JSON.
    """
    index = _skip(text, 0)
    if text[index : index + 1] != "{":
        return None
    members: dict[str, tuple[Any, int, int]] = {}
    index = _skip(text, index + 1)
    closed = text[index : index + 1] == "}"
    index += closed
    while not closed:
        if text[index : index + 1] != '"':
            return None
        name, index = scanstring(text, index + 1)
        index = _skip(text, index)
        if text[index : index + 1] != ":":
            return None
        start = _skip(text, index + 1)
        value, end = _DECODER.raw_decode(text, start)
        members.pop(name, None)  # a repeated name: the last one counts, as in json.loads
        members[name] = (value, start, end)
        index = _skip(text, end)
        if text[index : index + 1] not in (",", "}"):
            return None
        closed = text[index] == "}"
        index = _skip(text, index + 1)
    return members if index == len(text) else None


@dataclass(frozen=True, slots=True)
class Tables:
    """A database as parsed by `parse_tables`: its tables, and each one's JSON as in the file.

    Attributes:
        data: The tables (without those of `known`, when `known` is True).
        known: Whether the file held the `known` members given to `parse_tables`.
    """

    data: dict[str, dict[str, Any]]
    known: bool
    _text: str
    _spans: dict[str, tuple[int, int]]

    def member(self, name: str) -> bytes | None:
        """The table as the bytes of a JSON object member (`"name":{...}`), or None if absent."""
        span = self._spans.get(name)
        if span is None:
            return None
        return encode(name) + b":" + self._text[span[0] : span[1]].encode("utf-8")


def parse_tables(raw: bytes, path: object, known: bytes = b"", names: tuple[str, ...] = ()) -> Tables:
    """Like `parse`, keeping where each table is, and skipping members the caller already holds.

    Args:
        raw: The file.
        path: For messages.
        known: Complete members (`"a":{...},"b":{...}`) the caller holds decoded, as bytes. When
            the file has exactly these bytes right after its first member, they are compared, not
            parsed: re-reading a 4 MB briefing whose article did not change then costs what its
            other tables cost.
        names: The names of the members in `known`.

    Raises:
        CorruptFile: As `parse`.
    """
    if known:
        at = raw.find(b"," + known[:256], 0, _KNOWN_WITHIN)
        if at > 0 and raw.startswith(known, at + 1):
            head, rest = raw[:at], raw[at + 1 + len(known) :]
            with suppress(UnicodeDecodeError, ValueError, RecursionError):
                first = head.decode("utf-8")
                text = first + rest.decode("utf-8")
                members = _members(text)
                # The known bytes must sit right after the first member, at the top level, and
                # no later member may repeat one of their names (the last one would count).
                if members and next(iter(members.values()))[2] == len(first) and not members.keys() & set(names):
                    return _tables(members, text, path, known=True)
    text = _decode(raw, path)
    try:
        members = _members(text)
    except (ValueError, RecursionError):
        members = None
    if members is None:
        return Tables(_checked(_loads(text, path), path), False, text, {})
    return _tables(members, text, path, known=False)


def _tables(members: dict[str, tuple[Any, int, int]], text: str, path: object, *, known: bool) -> Tables:
    data = _checked({name: value for name, (value, _, _) in members.items()}, path)
    return Tables(data, known, text, {name: (start, end) for name, (_, start, end) in members.items()})


def read_db(path: Path) -> dict[str, dict[str, Any]]:
    """Read a TinyDB database file strictly.

    Raises:
        FileNotFoundError: There is no such file.
        CorruptFile: The file exists but is not a complete database, or is not a file.
    """
    return parse(read_regular(path), path)
