"""Near-duplicates in a library: an LSH index of MinHash signatures, and filing one story as one briefing.

The index is derived, like the listing and search indexes: one journal, `index/minhash.jsonl`,
with a line per briefing (its id, its content hash, its signature and shingle count) and a line
per briefing that left. It is read once per process into datasketch's `MinHashLSH`, so an import
into a library of 10,000 briefings finds its candidates in microseconds, then checks each with
`briefings.similarity.same_story`. A briefing missing from it (imported by an older Brief, by
`brief open`, or changed since) is indexed when `sync` next runs; the app runs it in a worker.

What the analyst decides is not derived: a pair kept apart is recorded in the feeds file (see
`store.feeds`) and the pair is not offered again. Filing one as a new version of the other
(`file_as_version`) moves the existing briefing onto the newer text, re-attaching its
annotations as a re-import does, adds the newer one's own work, and moves the newer briefing to
the trash.
"""

from __future__ import annotations

import base64
import json
import threading
import weakref
from dataclasses import dataclass
from typing import Any

from briefings.similarity import NUM_PERM, Fingerprint, fingerprint, minhash_of, same_story
from store.backend import LibraryStore
from store.errors import BriefingNotFound, StoreError
from store.feeds import FeedState
from store.journal import Journal
from store.folder_core import FolderCore

FILE = "minhash.jsonl"
#: The LSH index's Jaccard threshold: low, so that a story one outlet cut short is a candidate
#: (each candidate is then checked on its containment).
LSH_THRESHOLD = 0.1
#: The journal is compacted when it has this many lines more than twice the briefings indexed.
COMPACT_SLACK = 100

_indexes: weakref.WeakKeyDictionary[FolderCore, SimilarIndex] = weakref.WeakKeyDictionary()
_indexes_lock = threading.Lock()


def similar_index(library: FolderCore, journal: Journal | None = None) -> SimilarIndex:
    """The library's index, one per open library in this process; `journal` is where a library
    that is not a folder keeps it (see `store.postgres.extras.TableJournal`)."""
    with _indexes_lock:
        index = _indexes.get(library)
        if index is None:
            index = _indexes[library] = SimilarIndex(library, journal)
        return index


@dataclass(frozen=True, slots=True)
class _Entry:
    content_hash: str
    fingerprint: Fingerprint | None


class SimilarIndex:
    """The near-duplicate index of one library (see the module docstring). Thread-safe."""

    def __init__(self, library: FolderCore, journal: Journal | None = None) -> None:
        self.library = library
        self._journal = journal if journal is not None else Journal(library.layout.index / FILE)
        self._entries: dict[str, _Entry] = {}
        self._lsh: Any = None
        self._pairs: dict[str, set[str]] = {}
        """Each briefing's near-duplicates, both ways, as found when each was indexed."""
        self._lock = threading.RLock()

    # Reading the journal

    def _refresh(self) -> None:
        """Read what was appended since (by any process); everything again after a compaction."""
        from datasketch import MinHashLSH

        reset, lines = self._journal.read()
        if reset or self._lsh is None:
            self._entries, self._pairs, self._lsh = {}, {}, MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
        for line in lines:
            try:
                record = json.loads(line)
                if "x" in record:
                    self._forget(record["x"])
                else:
                    self._remember(record["id"], record["c"], _decode(record), record.get("m", []))
            except (ValueError, KeyError, TypeError):
                continue  # a damaged line: that briefing is indexed again by `sync`

    def _remember(self, briefing_id: str, content_hash: str, found: Fingerprint | None, same: list[str]) -> None:
        """Index a briefing with the near-duplicates found for it when its line was written
        (reading them back costs no query: listing every pair of 10,000 stays quick)."""
        self._forget(briefing_id)
        self._entries[briefing_id] = _Entry(content_hash, found)
        if found is not None:
            self._lsh.insert(briefing_id, minhash_of(found.signature), check_duplication=False)
        for other in same:
            if other in self._entries and other != briefing_id:
                self._pairs.setdefault(briefing_id, set()).add(other)
                self._pairs.setdefault(other, set()).add(briefing_id)

    def _forget(self, briefing_id: str) -> None:
        entry = self._entries.pop(briefing_id, None)
        if entry is not None and entry.fingerprint is not None:
            self._lsh.remove(briefing_id)
        for other in self._pairs.pop(briefing_id, ()):
            self._pairs.get(other, set()).discard(briefing_id)

    # Keeping it up to date

    def add(self, briefing_id: str) -> list[str]:
        """Index one briefing as it is now (after an import); the briefings it is the same story as."""
        try:
            article = self.library.load(briefing_id).article
        except BriefingNotFound:
            return []
        found = fingerprint(article)
        with self._lock:
            self._refresh()
            known = self._entries.get(briefing_id)
            if known is None or known.content_hash != article.content_hash:
                self._append(briefing_id, article.content_hash, found)
            return self._matches(briefing_id, found)

    def sync(self) -> None:
        """Index the briefings not indexed as they are, and forget the ones that are gone.

        Reads the article of each briefing to index: seconds for a library of thousands the
        first time, nothing afterwards. Run it in a worker.
        """
        entries = {entry.id: entry.content_hash for entry in self.library.entries()}
        with self._lock:
            self._refresh()
            stale = [briefing_id for briefing_id, content in entries.items() if (known := self._entries.get(briefing_id)) is None or known.content_hash != content]
            gone = [briefing_id for briefing_id in self._entries if briefing_id not in entries]
        for briefing_id in stale:
            with self._lock:
                known = self._entries.get(briefing_id)
                if known is not None and known.content_hash == entries[briefing_id]:
                    continue  # indexed meanwhile (by an import, or another sync)
            try:
                article = self.library.load(briefing_id).article
            except StoreError:
                continue
            with self._lock:
                self._append(briefing_id, article.content_hash, fingerprint(article))
        if gone:
            with self._lock, self.library._locked():  # the journal is appended under the library lock
                for briefing_id in gone:
                    self._journal.append(json.dumps({"x": briefing_id}).encode("ascii"))
                    self._forget(briefing_id)

    def _append(self, briefing_id: str, content_hash: str, found: Fingerprint | None) -> None:
        with self.library._locked():  # one writer at a time appends, in any process
            self._refresh()
            same = [other for other in self._matches(briefing_id, found) if other in self._entries]
            self._journal.append(json.dumps(_record(briefing_id, content_hash, found, same)).encode("ascii"))
            self._remember(briefing_id, content_hash, found, same)
            if self._journal.lines > 2 * len(self._entries) + COMPACT_SLACK:
                self._compact()

    def _compact(self) -> None:
        """Rewrite the journal with one line per briefing indexed (under the library lock)."""
        lines = [
            json.dumps(_record(briefing_id, entry.content_hash, entry.fingerprint, sorted(self._pairs.get(briefing_id, ())))).encode("ascii")
            for briefing_id, entry in self._entries.items()
        ]
        self._journal.rewrite(lines)

    # Questions

    def _matches(self, briefing_id: str, found: Fingerprint | None) -> list[str]:
        if found is None:
            return []
        candidates = self._lsh.query(minhash_of(found.signature))
        same = []
        for other in candidates:
            entry = self._entries.get(other)
            if other != briefing_id and entry is not None and entry.fingerprint is not None and same_story(found, entry.fingerprint):
                same.append(other)
        return sorted(same)

    def groups(self) -> dict[str, list[str]]:
        """For every briefing that has near-duplicates, their ids (after `sync`)."""
        with self._lock:
            self._refresh()
            return {briefing_id: sorted(others) for briefing_id, others in self._pairs.items() if others}


def _record(briefing_id: str, content_hash: str, found: Fingerprint | None, same: list[str]) -> dict[str, Any]:
    record: dict[str, Any] = {"id": briefing_id, "c": content_hash}
    if found is not None:
        record |= _encoded(found)
    if same:
        record["m"] = same
    return record


def _encoded(found: Fingerprint) -> dict[str, Any]:
    return {"s": base64.b64encode(found.signature.astype("<u4").tobytes()).decode("ascii"), "n": found.shingles}


def _decode(record: dict[str, Any]) -> Fingerprint | None:
    if "s" not in record:
        return None
    import numpy

    signature = numpy.frombuffer(base64.b64decode(record["s"]), dtype="<u4").astype(numpy.uint32)
    if signature.size != NUM_PERM:
        raise ValueError("a signature of another size")
    return Fingerprint(signature, int(record["n"]))


# The analyst's choice


def pair_key(first: str, second: str) -> str:
    """How a pair of briefings is named in the feeds file, whichever comes first."""
    return "+".join(sorted((first, second)))


def keep_apart(library: LibraryStore, first: str, second: str) -> None:
    """Record that two briefings the index finds alike are different stories to the analyst."""
    library.change_feeds(lambda state: state.apart.add(pair_key(first, second)))


def undecided(groups: dict[str, list[str]], state: FeedState) -> dict[str, list[str]]:
    """The near-duplicates the analyst has not kept apart yet."""
    pending = {briefing_id: [other for other in others if pair_key(briefing_id, other) not in state.apart] for briefing_id, others in groups.items()}
    return {briefing_id: others for briefing_id, others in pending.items() if others}
