"""The derived index: one row per briefing, enough to list the library without opening its files.

The index lives in one append-only journal, `index/entries.jsonl`. Its first line is a snapshot
of every row; each later line records one change:

    {"i": id}                 intent: a briefing file is about to be replaced
    {"p": row, "d": mtime}    put: the row after the write, and the briefings folder's mtime
    {"x": id, "d": mtime}     the briefing left the folder (deleted, quarantined)

So one tag update appends one short line, whatever the size of the library, and never fsyncs:
the index can always be rebuilt from the briefing files, and it is checked against them when the
library opens. An intent with no put after it means a writer died mid-write (re-read that file);
a folder mtime different from the last one recorded means something changed the folder behind
the journal's back, so every file's (mtime, size) stamp is compared with its row. The journal is
compacted into a new snapshot when it grows long.

See `store.journal` for how several processes share the file.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from briefings.briefing import Briefing
from store.errors import CorruptFile
from store.journal import Journal

#: Bumped when the row layout changes; an index in another format is rebuilt.
FORMAT = 1
#: Compact when the journal has more change lines than this, or more than there are rows.
COMPACT_LINES = 2000


@dataclass(slots=True)
class IndexEntry:
    """What the library screen shows about a briefing. Shared between callers: do not mutate.

    Attributes:
        id: The briefing id.
        title: The article's title.
        source: Publisher, or "".
        date: Publication date as ISO 8601, or "".
        paragraphs: Number of paragraphs.
        reviewed: Paragraphs marked reviewed.
        tag_counts: Paragraphs per tag id.
        has_summary: Whether a BLUF, judgment, grade or comment exists.
        grade: The Admiralty grade ("B2"), or "".
        questions_open: Questions not yet answered.
        imported: When the article entered the library.
        updated: When the analyst last changed it.
        origin: The file it was imported from, or "".
        orphans: Annotations and question or judgment links that lost their paragraph in a
            re-import (kept as orphans).
        content_hash: The article's content hash (duplicates are recognised by it).
        url: Where the article was published, or "".
    """

    id: str
    title: str
    source: str
    date: str
    paragraphs: int
    reviewed: int
    tag_counts: dict[str, int]
    has_summary: bool
    grade: str
    questions_open: int
    imported: str
    updated: str
    origin: str
    orphans: int = 0
    content_hash: str = ""
    url: str = ""


_ENTRY_FIELDS = len(fields(IndexEntry))
Stamp = tuple[int, int]


def entry_for(briefing: Briefing, *, reviewed: int | None = None, tag_counts: dict[str, int] | None = None) -> IndexEntry:
    """The index entry of a briefing; `reviewed` and `tag_counts` save counting them again."""
    article = briefing.article
    return IndexEntry(
        id=briefing.id,
        title=article.title,
        source=article.source or "",
        date=article.date.isoformat() if article.date else "",
        paragraphs=len(article.paragraphs),
        reviewed=briefing.reviewed_count if reviewed is None else reviewed,
        tag_counts=briefing.tag_counts() if tag_counts is None else tag_counts,
        has_summary=not briefing.summary.is_empty,
        grade=briefing.summary.grade.code,
        questions_open=sum(1 for question in briefing.questions.values() if question.status == "open"),
        imported=briefing.imported,
        updated=briefing.updated,
        origin=article.origin or "",
        orphans=len(briefing.orphans),
        content_hash=article.content_hash,
        url=article.url or "",
    )


def stamp_of(path: Path) -> Stamp:
    """A file's (mtime in ns, size): changes whenever the file is replaced or edited."""
    status = path.stat()
    return status.st_mtime_ns, status.st_size


_ROW_FIELDS = _ENTRY_FIELDS + 2


class _Row:
    """A row as stored, a JSON list: the entry's fields, the text key, the file stamp.

    The `IndexEntry` is built on first use: opening a library of 10,000 briefings then costs one
    JSON parse, not 10,000 objects.
    """

    __slots__ = ("raw", "_entry")

    def __init__(self, raw: list[Any], entry: IndexEntry | None = None) -> None:
        self.raw = raw
        self._entry = entry

    @classmethod
    def make(cls, entry: IndexEntry, text_key: str, stamp: Stamp) -> _Row:
        raw = [
            entry.id, entry.title, entry.source, entry.date, entry.paragraphs, entry.reviewed, entry.tag_counts,
            entry.has_summary, entry.grade, entry.questions_open, entry.imported, entry.updated, entry.origin,
            entry.orphans, entry.content_hash, entry.url, text_key, list(stamp),
        ]  # fmt: skip
        return cls(raw, entry)

    @classmethod
    def load(cls, raw: Any) -> _Row:
        if not isinstance(raw, list) or len(raw) != _ROW_FIELDS or not isinstance(raw[0], str):
            raise ValueError("not an index row")
        return cls(raw)

    @property
    def entry(self) -> IndexEntry:
        if self._entry is None:
            self._entry = IndexEntry(*self.raw[:_ENTRY_FIELDS])
        return self._entry

    @property
    def text_key(self) -> str:
        return self.raw[-2]

    @property
    def stamp(self) -> Stamp:
        mtime, size = self.raw[-1]
        return mtime, size


class Index:
    """The in-memory index of one library, kept in step with its journal file."""

    def __init__(self, path: Path) -> None:
        self.journal = Journal(path)
        self.rows: dict[str, _Row] = {}
        #: The briefings folder's mtime as last recorded in the journal.
        self.folder_mtime: int | None = None
        #: Briefings whose write began but never finished (a writer died).
        self.intents: set[str] = set()
        #: Lines that could not be read: the journal cannot be trusted on its own.
        self.damaged = False
        #: False when there is no journal or it has another format: rebuild the index.
        self.loaded = False

    def refresh(self) -> bool:
        """Read what was appended since last time (by anyone); True if anything was."""
        try:
            reset, lines = self.journal.read()
        except CorruptFile:
            # Not a file (a folder, a named pipe): nothing to read; opening the library sets it
            # aside and rebuilds the index.
            self.rows, self.intents, self.folder_mtime, self.damaged, self.loaded = {}, set(), None, True, False
            return True
        if reset:
            self.rows, self.intents, self.folder_mtime, self.damaged, self.loaded = {}, set(), None, False, False
            if not lines:
                return True
            try:
                snapshot = json.loads(lines[0])
                if snapshot.get("format") != FORMAT:
                    return True
                self.rows = {row.raw[0]: row for row in map(_Row.load, snapshot["rows"])}
                self.folder_mtime = snapshot.get("d")
            except (ValueError, TypeError, KeyError, AttributeError, IndexError):
                return True
            self.loaded = True
            lines = lines[1:]
        for line in lines:
            try:
                self._replay(json.loads(line))
            except (ValueError, TypeError, KeyError, IndexError):
                self.damaged = True
        return reset or bool(lines)

    def _replay(self, record: dict[str, Any]) -> None:
        if "i" in record:
            self.intents.add(record["i"])
            return
        if "p" in record:
            row = _Row.load(record["p"])
            self.rows[row.raw[0]] = row
            self.intents.discard(row.raw[0])
        elif "x" in record:
            self.rows.pop(record["x"], None)
            self.intents.discard(record["x"])
        else:
            raise KeyError("unknown record")
        self.folder_mtime = record["d"]

    # Changes: call these while holding the library lock, after `refresh`. Memory is updated
    # first, so this process stays right even when the journal cannot be written.

    def set(self, entry: IndexEntry, text_key: str, stamp: Stamp) -> None:
        """Set a row in memory only (while rebuilding, before a `compact`)."""
        self.rows[entry.id] = _Row.make(entry, text_key, stamp)

    def begin(self, briefing_id: str) -> int:
        """Record that a briefing file is about to be replaced; returns what `cancel` needs."""
        size = self._append({"i": briefing_id})
        self.intents.add(briefing_id)
        return size

    def cancel(self, briefing_id: str, size: int) -> None:
        """Take back the intent `begin` recorded (returning `size`): the file was not replaced
        after all, and a write that failed must leave the journal as it was."""
        self.journal.take_back(size)
        self.intents.discard(briefing_id)

    def put(self, entry: IndexEntry, text_key: str, stamp: Stamp, folder_mtime: int) -> None:
        """Record a briefing's row after its file was written."""
        row = _Row.make(entry, text_key, stamp)
        self.rows[entry.id] = row
        self.intents.discard(entry.id)
        self.folder_mtime = folder_mtime
        self._append({"p": row.raw, "d": folder_mtime})

    def remove(self, briefing_id: str, folder_mtime: int) -> None:
        """Record that a briefing left the folder."""
        self.rows.pop(briefing_id, None)
        self.intents.discard(briefing_id)
        self.folder_mtime = folder_mtime
        self._append({"x": briefing_id, "d": folder_mtime})

    def _append(self, record: dict[str, Any]) -> int:
        if not self.loaded:
            self.compact(self.folder_mtime or 0)
        return self.journal.append(json.dumps(record, ensure_ascii=True, separators=(",", ":")).encode("ascii"))

    @property
    def needs_compaction(self) -> bool:
        return self.journal.lines > min(COMPACT_LINES, max(100, len(self.rows)))

    def compact(self, folder_mtime: int) -> None:
        """Replace the journal with one snapshot line of the current rows."""
        self.folder_mtime = folder_mtime
        snapshot = {"format": FORMAT, "d": folder_mtime, "rows": [row.raw for row in self.rows.values()]}
        self.journal.rewrite([json.dumps(snapshot, ensure_ascii=True, separators=(",", ":")).encode("ascii")])
        self.intents.clear()
        self.damaged = False
        self.loaded = True

    def entries(self) -> list[IndexEntry]:
        return [row.entry for row in self.rows.values()]

    def entry(self, briefing_id: str) -> IndexEntry | None:
        row = self.rows.get(briefing_id)
        return row.entry if row else None

    def stamp(self, briefing_id: str) -> Stamp | None:
        row = self.rows.get(briefing_id)
        return row.stamp if row else None

    def text_key(self, briefing_id: str) -> str | None:
        row = self.rows.get(briefing_id)
        return row.text_key if row else None
