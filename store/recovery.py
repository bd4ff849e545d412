"""Damaged files: move them out of the way, save what can be saved, and keep backups to fall back on.

Nothing here deletes or overwrites the analyst's data. A damaged file (or a folder, a named pipe,
anything that is not a file where a file should be) is moved to `quarantine/` under a name that
says where it came from and when. What replaces it is the newest good copy there is: the copy this
process holds in memory (the version it last read or wrote: for a briefing open in a window, that
window's), the complete JSON found at the head of the damaged file (TinyDB's in-place rewrite,
killed before it truncated the file, leaves exactly that: the new version followed by a stale tail
of the old one), or the backup; the caller reports which.

Backups are cheap and frequent: just before each write replaces a file, the version it replaces is
hard-linked into `backups/` (the store never modifies a file in place, so the link keeps that
version for free), falling back to a copy where links are not supported. A restored backup
therefore lacks only the last save before the damage, not a session's work.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from store.errors import CorruptFile, StoreError
from store.layout import Layout
from store.storage import fsync_dir, make_folders, parse, read_regular, temp_path

T = TypeVar("T")


def quarantine(layout: Layout, path: Path, *, name: str | None = None) -> Path:
    """Move a damaged file (or whatever is in a file's place) into `quarantine/`; returns where it went.

    Its new name says when and where from: "<time>--briefings--<id>.json"; `name` stands for its
    path in the library when that is not where it is now.
    """
    make_folders(layout.quarantine)
    relative = (name or path.relative_to(layout.root).as_posix()).replace("/", "--")
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = layout.quarantine / f"{stamp}--{relative}"
    number = 1
    while os.path.lexists(target):
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
    """Keep the current version of `path` (if any) as the backup of `key` (see `stage_backup`)."""
    staged = stage_backup(layout, path, key)
    if staged is not None:
        staged.commit()


@dataclass(frozen=True, slots=True)
class StagedBackup:
    """The version of a file about to be replaced, linked under a temp name in `backups/`: it
    becomes the backup only once the replacing write has succeeded (`commit`), so a write the
    disk refuses leaves the backup there was (`drop`)."""

    temp: Path
    target: Path
    layout: Layout

    def commit(self) -> None:
        try:
            _clear(self.layout, self.target)
            os.replace(self.temp, self.target)
        except OSError:
            self.drop()

    def drop(self) -> None:
        with suppress(OSError):
            os.unlink(self.temp)


def stage_backup(layout: Layout, path: Path, key: str) -> StagedBackup | None:
    """Link the current version of `path` into `backups/` under a temp name; None when there is
    nothing to back up (a new file, or a damaged one just quarantined) or it cannot be done.

    Called just before each write replaces `path`, so the backup is the version before the last
    save. A few cheap calls (link, rename) whatever the size of the file or of the library. Best
    effort: a backup that cannot be taken never stops a save.
    """
    if not path.is_file():
        return None
    target = backup_path(layout, key)
    temp = temp_path(target)
    try:
        try:
            os.link(path, temp)
        except FileNotFoundError:
            if not path.exists():
                return None  # gone since the check above
            make_folders(target.parent)
            os.link(path, temp)
        except OSError:
            make_folders(target.parent)
            shutil.copy2(path, temp)  # a file system without hard links
    except OSError:
        with suppress(OSError):
            os.unlink(temp)
        return None
    return StagedBackup(temp, target, layout)


def _clear(layout: Layout, target: Path) -> None:
    """Make way for a backup: a folder (say) in its place is set aside, never deleted."""
    if os.path.lexists(target) and not target.is_file() and not target.is_symlink():
        quarantine(layout, target)


def _when(path: Path) -> str:
    return dt.datetime.fromtimestamp(path.stat().st_mtime).strftime("%Y-%m-%d %H:%M")


def recover(
    layout: Layout,
    path: Path,
    error: CorruptFile,
    key: str,
    what: str,
    build: Callable[[dict], T],
    *,
    kept: T | None = None,
    newer: Callable[[T, T], bool] | None = None,
) -> tuple[T | None, str]:
    """Quarantine a damaged file and find the best replacement for it.

    Args:
        layout: The library.
        path: The damaged file.
        error: Why it was found damaged.
        key: Its backup key.
        what: How to name it to the analyst ("briefing 'US providing intelligence...'").
        build: Turns a database into the record, raising `CorruptFile` if it is not one.
        kept: The record as this process last read or wrote it, if it holds it.
        newer: Whether one record is newer than another; the newest good copy wins. Without it
            (or on a tie) the copy in memory comes first, then the file's complete head, then
            the backup.

    Returns:
        The recovered record (or None) and a sentence for the analyst saying what happened.
    """
    try:
        raw = read_regular(path)
    except (CorruptFile, OSError):
        raw = b""
    try:
        moved = quarantine(layout, path)
    except OSError as problem:
        raise StoreError(f"{what} is damaged ({error.reason}) and could not be moved aside: {problem.strerror}") from None
    where = f"the damaged file is kept in {moved.relative_to(layout.root)}"
    candidates: list[tuple[T, str]] = []
    if kept is not None:
        candidates.append((kept, "wrote back the copy this Brief holds in memory (the latest it read or saved)"))
    head, replaced = complete_head(raw)
    if head is not None:
        with suppress(CorruptFile):
            parse(json.dumps(head).encode("utf-8"), path)
            how = "recovered it with the unreadable characters replaced by �" if replaced else "recovered its last complete version"
            candidates.append((build(head), how))
    for backup in backups(layout, key):
        with suppress(CorruptFile, OSError):
            record = build(parse(read_regular(backup), backup))
            candidates.append((record, f"restored the backup taken {_when(backup)}, before the last save (that save may be missing)"))
    if not candidates:
        return None, f"{what} was damaged ({error.reason}) and no good copy was found; {where}"
    best = candidates[0]
    for candidate in candidates[1:]:
        if newer is not None and newer(candidate[0], best[0]):
            best = candidate
    return best[0], f"{what} was damaged ({error.reason}); {best[1]}; {where}"
