"""What a library folder keeps besides briefings: the extraction cache and the reading positions.

Both are best effort: a read-only library or a full disk skips them, and a damaged cache entry
reads as a miss (it is computed again; nothing of the analyst's is in it).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping
from contextlib import suppress
from pathlib import Path

from briefings.extraction.model import Extraction
from store.documents import extraction_from_db, extraction_to_db
from store.errors import CorruptFile, WriteFailed
from store.folder_core import FolderCore
from store.positions import read_positions, write_positions
from store.storage import encode, make_folders, read_db, write_atomic

_PIPELINE = re.compile(r"[^A-Za-z0-9_.-]+")


class Caches(FolderCore):
    """The extraction cache and reading positions (mixed into `store.library.Library`)."""

    # Positions

    def position(self, briefing_id: str) -> int | None:
        """The paragraph the analyst last visited in a briefing, if known (see `store.positions`)."""
        return read_positions(self.layout.positions_file).get(briefing_id)

    def remember_positions(self, positions: Mapping[str, int]) -> None:
        """Remember the paragraph last visited in these briefings (best effort; a read-only
        library remembers nothing)."""
        if positions and not self.read_only:
            write_positions(self.layout.positions_file, positions)

    # Extraction cache

    def _cache_path(self, content_hash: str, pipeline: str) -> Path | None:
        if not re.fullmatch(r"[0-9a-fA-F]{8,128}", content_hash or ""):
            return None
        tag = _PIPELINE.sub("-", pipeline)[:40] + "-" + hashlib.sha1(pipeline.encode("utf-8", "replace")).hexdigest()[:8]
        return self.layout.extractions / f"{content_hash}.{tag}.json"

    def load_extraction(self, content_hash: str, pipeline: str, basis: str | None = "") -> Extraction | None:
        """The cached extraction of an article's content by a pipeline version, or None.

        `basis` is the article's `extraction_basis`: an entry made on another one (before the
        analyst corrected the date, say) is a miss. None takes the entry whatever its basis, for
        callers that only read the actors, which do not depend on it.

        A damaged cache entry is removed and reads as a miss: it is recomputed, nothing is lost.
        """
        path = self._cache_path(content_hash, pipeline)
        if path is None:
            return None
        try:
            return extraction_from_db(read_db(path), content_hash, pipeline, path, basis)
        except OSError:
            return None
        except CorruptFile:
            if not self.read_only:
                with suppress(OSError):
                    path.unlink()
            return None

    def load_extractions(self, content_hashes: Iterable[str], pipeline: str, basis: str | None = "") -> dict[str, Extraction]:
        """The cached extractions of many articles, one cache file each (see `load_extraction`)."""
        found = {content_hash: self.load_extraction(content_hash, pipeline, basis) for content_hash in dict.fromkeys(content_hashes)}
        return {content_hash: extraction for content_hash, extraction in found.items() if extraction is not None}

    def save_extraction(self, content_hash: str, pipeline: str, extraction: Extraction, basis: str = "") -> None:
        """Cache an extraction made on `basis` (see `load_extraction`). Best effort: a read-only
        library or a full disk skips the cache."""
        path = self._cache_path(content_hash, pipeline)
        if path is None or self.read_only:
            return
        with suppress(WriteFailed, OSError):
            make_folders(path.parent)
            write_atomic(path, encode(extraction_to_db(content_hash, pipeline, extraction, basis)), durable=False)


