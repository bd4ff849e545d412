"""Briefings as this process last read or wrote them, so that an edit costs what it changes.

Every edit re-reads its briefing under the library lock, so that two windows on one library merge
their work. At 20,000 paragraphs (4 MB) parsing the file, decoding the article, encoding it
again and recomputing what the index needs took 300 ms per key press. A `Snapshot` keeps all of
that from the last read or write: the decoded briefing, the file's bytes in parts, the search
text key and the counts the listing shows.

A snapshot stands for the file only while the file is the very one it was made from. That is
checked on every use by the file's stamp (modification time in ns, size, inode) and by its first
bytes, which hold a random version id written with every write (see
`store.encoding.EncodedBriefing`): the stamp alone can repeat, because ext4 hands a freed inode
to the next new file and, on many kernels, a modification time is only as fine as the clock tick,
so two replacements by another process within one tick can leave the same inode, size and time.
When the check fails the file is read again, and even then an article whose bytes are unchanged
is not parsed again.
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from briefings.briefing import Annotation, Briefing
from briefings.history import HistoryEntry
from store.encoding import EncodedBriefing, changed_paragraphs, encode_briefing, read_briefing
from store.index import IndexEntry, entry_for
from store.storage import open_regular
from store.textlines import text_key

#: File stamp: modification time (ns), size, inode.
FileStamp = tuple[int, int, int]
#: Bytes at the start of a briefing file compared on every use; they hold its version id.
PREFIX = 64


def copy(briefing: Briefing, annotations: dict[int, Annotation] | None = None) -> Briefing:
    """A copy whose containers can be changed without touching the original.

    Everything in the containers is immutable, so this costs a few dictionary copies in C, not
    a copy of the article. `annotations`, if given, is the copy's annotations dict.
    """
    return Briefing(
        id=briefing.id,
        article=briefing.article,
        annotations=dict(briefing.annotations) if annotations is None else annotations,
        questions=dict(briefing.questions),
        dismissed=set(briefing.dismissed),
        summary=briefing.summary,
        orphans=list(briefing.orphans),
        imported=briefing.imported,
        updated=briefing.updated,
    )


class _Tracked(dict[int, Annotation]):
    """A briefing's annotations while edits apply, remembering which paragraphs they set or removed.

    Finding the changed paragraphs by comparison costs a pass over every annotation (2 ms at
    20,000); an edit knows which ones it touched. Any way of changing a dict is covered; an edit
    that replaces the whole dict is noticed and compared instead.
    """

    __slots__ = ("base", "touched")

    def __init__(self, base: dict[int, Annotation]) -> None:
        super().__init__(base)
        self.base = base
        self.touched: set[int] = set()

    def __setitem__(self, index: int, annotation: Annotation) -> None:
        self.touched.add(index)
        super().__setitem__(index, annotation)

    def __delitem__(self, index: int) -> None:
        self.touched.add(index)
        super().__delitem__(index)

    def pop(self, index: int, *default: Any) -> Any:
        self.touched.add(index)
        return super().pop(index, *default)

    def popitem(self) -> tuple[int, Annotation]:
        item = super().popitem()
        self.touched.add(item[0])
        return item

    def setdefault(self, index: int, default: Any = None) -> Any:
        self.touched.add(index)
        return super().setdefault(index, default)

    def update(self, *args: Any, **kwargs: Any) -> None:
        added = dict(*args, **kwargs)
        self.touched.update(added)
        super().update(added)

    def __ior__(self, other: Any) -> _Tracked:  # type: ignore[override]
        self.update(other)
        return self

    def clear(self) -> None:
        self.touched.update(self)
        super().clear()


def editable(snapshot: Snapshot) -> Briefing:
    """A copy of a snapshot's briefing to apply edits to, noting which paragraphs they change."""
    return copy(snapshot.briefing, _Tracked(snapshot.briefing.annotations))


def file_stamp(status: os.stat_result) -> FileStamp:
    """The stamp of a file from its status."""
    return status.st_mtime_ns, status.st_size, status.st_ino


@dataclass(frozen=True, slots=True)
class Snapshot:
    """A briefing file as this process last read or wrote it, and what the index needs of it.

    Attributes:
        encoded: The briefing and its file's bytes in parts. Its briefing is shared: hand out
            `copy`-ies only.
        stamp: The file's stamp when read or written.
        prefix: The file's first `PREFIX` bytes.
        text_key: `store.textlines.text_key` of the briefing.
        reviewed: Paragraphs marked reviewed.
        tag_counts: Paragraphs per tag (never changed: a new snapshot gets a new dict).
    """

    encoded: EncodedBriefing
    stamp: FileStamp
    prefix: bytes
    text_key: str
    reviewed: int
    tag_counts: dict[str, int]

    @property
    def briefing(self) -> Briefing:
        return self.encoded.briefing

    @property
    def history(self) -> tuple[HistoryEntry, ...]:
        """Who changed the briefing when, oldest first."""
        return self.encoded.history

    def entry(self) -> IndexEntry:
        """The briefing's index entry (its counts kept, not recounted)."""
        return entry_for(self.briefing, reviewed=self.reviewed, tag_counts=dict(self.tag_counts))

    def is_current(self, path: Path) -> bool:
        """Whether `path` is still the file this snapshot was made from (False if it is gone)."""
        try:
            fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
        except OSError:
            return False
        try:
            return file_stamp(os.fstat(fd)) == self.stamp and os.pread(fd, len(self.prefix), 0) == self.prefix
        finally:
            os.close(fd)


@dataclass(frozen=True, slots=True)
class Derived:
    """What a new version of a briefing brings with it, before it is written."""

    encoded: EncodedBriefing
    text_key: str
    reviewed: int
    tag_counts: dict[str, int]

    def written(self, stamp: FileStamp) -> Snapshot:
        """The snapshot of this version once written, `stamp` the file's stamp after the write."""
        prefix = (self.encoded.head + b"," + self.encoded.article[:PREFIX])[:PREFIX]
        return Snapshot(self.encoded, stamp, prefix, self.text_key, self.reviewed, self.tag_counts)


def _counted(briefing: Briefing) -> tuple[int, dict[str, int]]:
    return briefing.reviewed_count, briefing.tag_counts()


def derive(briefing: Briefing, previous: Snapshot | None, history: tuple[HistoryEntry, ...] | None = None) -> Derived:
    """A new version of a briefing, worked out from `previous` (any earlier snapshot of it), with
    `history` its whole history (usually the current one with this version's changes added;
    None: `previous`'s, unchanged).

    `briefing` is kept: do not change it afterwards. Only the paragraphs whose annotations
    changed (as `editable` tracked them, else found by comparison) are encoded and counted
    again; the text key is recomputed only when the article, a note, the summary, the orphans
    or the questions changed.
    """
    if history is None:
        history = previous.history if previous is not None else ()
    if previous is None:
        reviewed, counts = _counted(briefing)
        return Derived(encode_briefing(briefing, history=history), text_key(briefing), reviewed, counts)
    before = previous.briefing
    annotations = briefing.annotations
    if isinstance(annotations, _Tracked) and annotations.base is before.annotations:
        changed = annotations.touched
    else:
        changed = changed_paragraphs(before.annotations, annotations)
    if isinstance(annotations, _Tracked):
        briefing.annotations = dict(annotations)  # what is kept is a plain dict
    encoded = encode_briefing(briefing, previous.encoded, changed, history)
    reviewed, counts = previous.reviewed, dict(previous.tag_counts)
    notes_changed = False
    for index in changed:
        old, new = before.annotations.get(index), briefing.annotations.get(index)
        for annotation, step in ((old, -1), (new, 1)):
            if annotation is not None:
                reviewed += step * annotation.reviewed
                for tag in annotation.tags:
                    counts[tag] = counts.get(tag, 0) + step
        notes_changed = notes_changed or (old.note if old else "") != (new.note if new else "")
    counts = {tag: count for tag, count in counts.items() if count}
    same_text = (
        not notes_changed
        and encoded.article is previous.encoded.article
        and encoded.questions is previous.encoded.questions
        and encoded.summary is previous.encoded.summary
        and encoded.orphans is previous.encoded.orphans
    )
    return Derived(encoded, previous.text_key if same_text else text_key(briefing), reviewed, counts)


def read(path: Path, briefing_id: str, previous: Snapshot | None) -> Snapshot:
    """Read a briefing file into a snapshot; `previous` (any earlier one) saves re-decoding its
    article when the article's bytes are unchanged.

    Raises:
        FileNotFoundError: There is no such file.
        CorruptFile: The file is damaged, or is not a file (a folder, a named pipe).
    """
    with os.fdopen(open_regular(path), "rb") as file:
        before = file_stamp(os.fstat(file.fileno()))
        raw = file.read()
        after = file_stamp(os.fstat(file.fileno()))
    encoded = read_briefing(raw, path, briefing_id, previous.encoded if previous else None)
    reviewed, counts = _counted(encoded.briefing)
    # Changed while being read (only a program writing in place can do that): never current.
    return Snapshot(encoded, after if before == after else (-1, -1, -1), raw[:PREFIX], text_key(encoded.briefing), reviewed, counts)


class Snapshots:
    """The snapshots of the briefings used last, by id (safe to share between threads).

    Bounded by count and by the bytes of their files: a few 20,000-paragraph briefings weigh what
    thousands of ordinary ones do. The one used last is always kept, and so are pinned ones: a
    briefing open in a window is pinned, so that when its file is found damaged the version this
    process last wrote is still at hand to write back (see `Library._recover`).
    """

    SIZE = 16
    BYTES = 64 << 20

    def __init__(self) -> None:
        self._entries: OrderedDict[str, Snapshot] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()
        self._pins: dict[str, int] = {}

    def pin(self, briefing_id: str) -> None:
        """Keep this briefing's snapshot whatever else is used (until as many `unpin` calls)."""
        with self._lock:
            self._pins[briefing_id] = self._pins.get(briefing_id, 0) + 1

    def unpin(self, briefing_id: str) -> None:
        with self._lock:
            count = self._pins.get(briefing_id, 0) - 1
            if count > 0:
                self._pins[briefing_id] = count
            else:
                self._pins.pop(briefing_id, None)

    def get(self, briefing_id: str) -> Snapshot | None:
        """The last snapshot of a briefing, current or not (check with `Snapshot.is_current`)."""
        with self._lock:
            snapshot = self._entries.get(briefing_id)
            if snapshot is not None:
                self._entries.move_to_end(briefing_id)
            return snapshot

    def put(self, briefing_id: str, snapshot: Snapshot) -> None:
        with self._lock:
            self._forget(briefing_id)
            self._entries[briefing_id] = snapshot
            self._bytes += snapshot.stamp[1]
            unpinned = [key for key in self._entries if key not in self._pins and key != briefing_id]
            for key in unpinned:
                if len(self._entries) <= self.SIZE and self._bytes <= self.BYTES:
                    break
                self._forget(key)

    def drop(self, briefing_id: str) -> None:
        with self._lock:
            self._forget(briefing_id)

    def _forget(self, briefing_id: str) -> None:
        snapshot = self._entries.pop(briefing_id, None)
        if snapshot is not None:
            self._bytes -= snapshot.stamp[1]
