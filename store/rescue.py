"""Changes that could not be saved, kept outside the library until Brief is next started.

When Brief has to stop (a SIGTERM, the terminal closed, the analyst quitting anyway) while the
library's disk refuses writes (full, read-only, another Brief holding the lock), the edits still
queued are not dropped: they are written to a recovery file in the user's state folder
(`$BRIEF_STATE_DIR`, else platformdirs' `user_state_path("brief")`, `~/.local/state/brief` on
Linux), which is usually elsewhere than the library, else in the system's temp folder. The next
time Brief opens that library it offers them back; applied, they are edits like any other (deltas
merged with what is on disk, refused if the article changed meanwhile).

A recovery file is JSON: the library, when and why, and the edits with the briefing and article
they were made on. Edits are the frozen dataclasses of `briefings.edits` (and the records they
hold), written as `{"$": "module:Class", field: value...}`; only dataclasses of Brief's own
packages are read back.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import importlib
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from store.errors import StoreError, WriteFailed
from store.queue import Item
from store.storage import encode, make_folders, read_regular, write_atomic

#: Where recovery files go, when set (tests set it).
STATE_ENV = "BRIEF_STATE_DIR"
FORMAT = 1
_PREFIX = "recovery-"
_PACKAGES = ("briefings.", "store.")


def state_folder() -> Path:
    """The folder for recovery files: $BRIEF_STATE_DIR, else the user's state folder."""
    override = os.environ.get(STATE_ENV)
    if override:
        return Path(override).expanduser() / "recovery"
    import platformdirs

    return platformdirs.user_state_path("brief") / "recovery"


def _folders() -> tuple[Path, Path]:
    """Where recovery files go: the state folder, else the system's temp folder."""
    import tempfile  # here: only Brief's way out needs it, not every `import store`

    return state_folder(), Path(tempfile.gettempdir()) / "brief-recovery"


# Edits as JSON


def to_doc(value: Any) -> Any:
    """An edit (or any value in one) as JSON-ready data."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        kind = type(value)
        if not kind.__module__.startswith(_PACKAGES):
            raise TypeError(f"{kind.__name__} is not one of Brief's records")
        doc = {"$": f"{kind.__module__}:{kind.__qualname__}"}
        doc.update({item.name: to_doc(getattr(value, item.name)) for item in dataclasses.fields(value)})
        return doc
    if isinstance(value, tuple):
        return {"$tuple": [to_doc(item) for item in value]}
    if isinstance(value, (set, frozenset)):
        return {"$set": sorted((to_doc(item) for item in value), key=json.dumps)}
    if isinstance(value, list):
        return [to_doc(item) for item in value]
    if isinstance(value, dict):
        if not all(isinstance(key, str) for key in value):
            raise TypeError("only text keys can be kept")
        return {"$dict": {key: to_doc(item) for key, item in value.items()}}
    if isinstance(value, dt.date):
        return {"$date": value.isoformat()}
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    raise TypeError(f"cannot keep a {type(value).__name__}")


def from_doc(doc: Any) -> Any:
    """The value `to_doc` made `doc` from. Raises ValueError for anything else."""
    if isinstance(doc, list):
        return [from_doc(item) for item in doc]
    if not isinstance(doc, dict):
        return doc
    if "$tuple" in doc:
        return tuple(from_doc(item) for item in doc["$tuple"])
    if "$set" in doc:
        return frozenset(from_doc(item) for item in doc["$set"])
    if "$dict" in doc:
        return {key: from_doc(item) for key, item in doc["$dict"].items()}
    if "$date" in doc:
        return dt.date.fromisoformat(doc["$date"])
    name = doc.get("$")
    if not isinstance(name, str) or ":" not in name:
        raise ValueError("not a kept record")
    module_name, _, class_name = name.partition(":")
    if not module_name.startswith(_PACKAGES):
        raise ValueError(f"{name} is not one of Brief's records")
    kind = getattr(importlib.import_module(module_name), class_name, None)
    if not (isinstance(kind, type) and dataclasses.is_dataclass(kind)):
        raise ValueError(f"{name} is not one of Brief's records")
    values = {key: from_doc(value) for key, value in doc.items() if key != "$"}
    try:
        return kind(**values)
    except TypeError as error:
        raise ValueError(f"{name}: {error}") from None


# Recovery files


@dataclass(frozen=True, slots=True)
class Rescued:
    """The changes one stopped Brief could not save.

    Attributes:
        path: The recovery file.
        library: The library they belong to.
        when: When they were kept (ISO 8601, local time).
        reason: Why they could not be saved.
        items: The edits, in order: (briefing id or None for the settings, edit, article hash).
    """

    path: Path
    library: Path
    when: str
    reason: str
    items: list[Item]

    def describe(self) -> str:
        count = len(self.items)
        return f"{count} change{'s' if count != 1 else ''} not saved when Brief stopped at {self.when[:16].replace('T', ' ')} ({self.reason})"


def keep_changes(library: Path, items: Iterable[Item], reason: str) -> Path:
    """Write edits that could not be saved to a new recovery file; returns where it went.

    The state folder is tried first, then the system's temp folder.

    Raises:
        StoreError: Neither could be written (the message says why).
    """
    document = {
        "format": FORMAT,
        "library": str(Path(library).absolute()),
        "when": dt.datetime.now().isoformat(timespec="seconds"),
        "pid": os.getpid(),
        "reason": reason,
        "changes": [
            {"briefing": briefing_id, "article": article_hash, "edit": to_doc(edit)} for briefing_id, edit, article_hash in items
        ],
    }
    data = encode(document)
    name = f"{_PREFIX}{dt.datetime.now().strftime('%Y%m%d-%H%M%S')}-{os.getpid()}.json"
    problems = []
    for folder in _folders():
        try:
            make_folders(folder)
            write_atomic(folder / name, data)
            return folder / name
        except (OSError, WriteFailed) as error:
            problems.append(f"{folder}: {getattr(error, 'strerror', None) or error}")
    raise StoreError("could not keep the unsaved changes anywhere (" + "; ".join(problems) + ")")


def _read(path: Path) -> Rescued:
    document = json.loads(read_regular(path).decode("utf-8"))
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise ValueError("not a recovery file of this Brief")
    items: list[Item] = []
    for change in document["changes"]:
        items.append((change["briefing"], from_doc(change["edit"]), change["article"]))
    return Rescued(path, Path(document["library"]), str(document["when"]), str(document["reason"]), items)


def changes_kept_for(library: Path) -> tuple[list[Rescued], list[str]]:
    """The recovery files kept for this library, oldest first, and a line for each recovery
    file that cannot be read (left where it is)."""
    target = os.path.realpath(Path(library).absolute())
    found, problems = [], []
    for folder in _folders():
        try:
            names = sorted(name for name in os.listdir(folder) if name.startswith(_PREFIX) and name.endswith(".json"))
        except OSError:
            continue
        for name in names:
            try:
                rescued = _read(folder / name)
            except (OSError, ValueError, KeyError, TypeError, StoreError) as error:
                problems.append(f"the recovery file {folder / name} cannot be read ({error}); it is left there")
                continue
            if os.path.realpath(rescued.library) == target:
                found.append(rescued)
    return found, problems


def done_with(rescued: Rescued, *, applied: bool) -> Path | None:
    """Done with a recovery file: removed once its changes are applied and saved; renamed
    "declined-…" (and kept) when the analyst chose not to apply them. Returns where a kept one is."""
    if applied:
        rescued.path.unlink(missing_ok=True)
        return None
    target = rescued.path.with_name("declined-" + rescued.path.name)
    os.replace(rescued.path, target)
    return target
