"""Damaged files: move them out of the way, save what can be saved, and keep backups to fall back on.

Nothing here deletes or overwrites the analyst's data. A damaged file is moved to `quarantine/`
under a name that says where it came from and when; what replaces it is either the complete JSON
found at the head of the damaged file (TinyDB's in-place rewrite, killed before it truncated the
file, leaves exactly that: the new version followed by a stale tail of the old one), or the newest
readable backup, and the caller reports which.

Backups are cheap: before the first change to a file in a session, its current version is
hard-linked into `backups/` (the store never modifies a file in place, so the link keeps the old
version for free), falling back to a copy where links are not supported.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path
from typing import TypeVar

from store.errors import CorruptFile, StoreError
from store.layout import Layout
from store.storage import fsync_dir, parse

T = TypeVar("T")


def quarantine(layout: Layout, path: Path) -> Path:
    """Move a damaged file into `quarantine/`; returns where it went."""
    layout.quarantine.mkdir(parents=True, exist_ok=True)
    relative = path.relative_to(layout.root).as_posix().replace("/", "--")
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = layout.quarantine / f"{stamp}--{relative}"
    number = 1
    while target.exists():
        number += 1
        target = layout.quarantine / f"{stamp}-{number}--{relative}"
    os.replace(path, target)
    fsync_dir(path.parent)
    fsync_dir(layout.quarantine)
    return target


def complete_head(raw: bytes) -> tuple[dict | None, bool]:
    """The complete JSON object at the start of damaged bytes, or None.

    Returns:
        (object, replaced): `replaced` is True when bytes that are not UTF-8 had to be replaced
        by U+FFFD to read it.
    """
    try:
        text, replaced = raw.decode("utf-8"), False
    except UnicodeDecodeError:
        text, replaced = raw.decode("utf-8", errors="replace"), True
    start = len(text) - len(text.lstrip())
    try:
        value, _end = json.JSONDecoder().raw_decode(text, start)
    except (ValueError, RecursionError):
        return None, False
    return (value, replaced) if isinstance(value, dict) else (None, False)


def backup_path(layout: Layout, key: str) -> Path:
    """Where the backup of one file goes; `key` is its path in the library without ".json"."""
    return layout.backups / f"{key}.json"


def backups(layout: Layout, key: str) -> list[Path]:
    """Backups of one file, newest first (there is at most one: see `take_backup`)."""
    path = backup_path(layout, key)
    return [path] if path.exists() else []


def take_backup(layout: Layout, path: Path, key: str) -> None:
    """Keep the current version of `path` (if any) as the backup of `key`.

    Called before the first change to a file in a session, so the backup is the file as it was
    when the session began. One per file keeps this to two cheap calls (unlink, link), so the
    cost of a change does not depend on how many briefings or backups there are.
    """
    if not path.exists():
        return  # nothing to back up (a new file, or a damaged one just quarantined): keep the backup there is
    target = backup_path(layout, key)
    with suppress(FileNotFoundError):
        target.unlink()
    try:
        os.link(path, target)
    except FileNotFoundError:
        if not path.exists():
            return  # gone since the check above
        target.parent.mkdir(parents=True, exist_ok=True)
        take_backup(layout, path, key)
    except OSError:
        shutil.copy2(path, target)  # a file system without hard links


def recover(layout: Layout, path: Path, error: CorruptFile, key: str, what: str, build: Callable[[dict], T]) -> tuple[T | None, str]:
    """Quarantine a damaged file and find the best replacement for it.

    Args:
        layout: The library.
        path: The damaged file.
        error: Why it was found damaged.
        key: Its backup key.
        what: How to name it to the analyst ("briefing 'US providing intelligence...'").
        build: Turns a database into the record, raising `CorruptFile` if it is not one.

    Returns:
        The recovered record (or None) and a sentence for the analyst saying what happened.
    """
    try:
        raw = path.read_bytes()
    except OSError:
        raw = b""
    try:
        moved = quarantine(layout, path)
    except OSError as problem:
        raise StoreError(f"{what} is damaged ({error.reason}) and could not be moved aside: {problem.strerror}") from None
    where = f"the damaged file is kept in {moved.relative_to(layout.root)}"
    head, replaced = complete_head(raw)
    if head is not None:
        with suppress(CorruptFile):
            parse(json.dumps(head).encode("utf-8"), path)
            how = "recovered it with the unreadable characters replaced by �" if replaced else "recovered its last complete version"
            return build(head), f"{what} was damaged ({error.reason}); {how}; {where}"
    for backup in backups(layout, key):
        with suppress(CorruptFile, OSError):
            record = build(parse(backup.read_bytes(), backup))
            when = dt.datetime.fromtimestamp(backup.stat().st_mtime).strftime("%Y-%m-%d %H:%M")
            return record, (
                f"{what} was damaged ({error.reason}); restored the backup from {when} (later changes may be missing); {where}"
            )
    return None, f"{what} was damaged ({error.reason}) and no good copy was found; {where}"
