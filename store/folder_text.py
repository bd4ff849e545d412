"""Searching a library folder: the text index kept up to date with the files, searched in memory."""

from __future__ import annotations

from contextlib import suppress

from briefings.briefing import Question
from store.errors import LibraryBusy, StoreError, WriteFailed
from store.folder_core import FolderCore, folder_mtime
from store.index import IndexEntry
from store.snapshots import Snapshot
from store.textindex import hit
from store.textlines import article_record, record, segments
from store.textquery import Query, SearchHit


class TextSearch(FolderCore):
    """Full-text search and the library's questions (mixed into `store.library.Library`)."""

    def _text_keys(self) -> dict[str, str]:
        return {briefing_id: row.text_key for briefing_id, row in self._index.rows.items()}

    def _sync_text(self) -> dict[str, IndexEntry]:
        """Bring the text index up to date with the listing index; returns the entries by id.

        Lines that are missing or stale (a writer died between its two appends, or the file is
        new or was lost) are recomputed from the briefing files and appended; a file that is
        mostly missing or mostly superseded lines is rewritten.
        """
        with self._mutex:
            self._index.refresh()
            self._text.refresh()
            stale = self._text.stale(self._text_keys())
        if stale and self.read_only:
            for briefing_id in stale:
                with suppress(StoreError):
                    snapshot = self._snapshot(briefing_id, locked=False)
                    with self._mutex:
                        for line in self._text_lines(snapshot):
                            self._text.remember(line)
        elif stale or self._text.needs_compaction:
            with suppress(LibraryBusy, WriteFailed), self._locked():
                self._text.refresh()
                stale = self._text.stale(self._text_keys())
                rewrite = len(stale) > len(self._text.records) or self._text.needs_compaction
                for briefing_id in stale:
                    try:
                        snapshot = self._snapshot(briefing_id, locked=True)
                    except StoreError:
                        continue
                    if snapshot.text_key != self._index.text_key(briefing_id):
                        self._index.put(snapshot.entry(), snapshot.text_key, snapshot.stamp[:2], folder_mtime(self.layout.briefings))
                    for line in self._text_lines(snapshot):
                        if rewrite:
                            self._text.remember(line)
                        else:
                            self._text.put(line)
                if rewrite:
                    self._text.compact(self._text_keys())
        with self._mutex:
            return {briefing_id: row.entry for briefing_id, row in self._index.rows.items()}

    def _text_lines(self, snapshot: Snapshot) -> list[bytes]:
        """The text index lines a briefing needs: its own, and its article's if that is missing."""
        briefing = snapshot.briefing
        own = record(briefing, snapshot.text_key)
        return [own] if self._text.has_article(briefing.article.content_hash) else [article_record(briefing.article), own]

    def search(self, query: str, limit: int = 200) -> list[SearchHit]:
        """Full-text search across titles, paragraphs, notes, summaries and questions.

        A place (a title, a paragraph, a note...) is a hit when it holds every word of the
        query, whole or as the start of a word, ignoring case and accents; the exact phrase
        comes first (see `store.textindex` for the rules). The first search reads the text
        index (tens of milliseconds at 10,000 briefings); later ones search memory.
        """
        parsed = Query.parse(query)
        if not parsed.words:
            return []
        entries = self._sync_text()
        with self._mutex:
            places = self._text.matches(parsed, entries, limit)
        originals: dict[str, list[str] | None] = {}
        found = []
        for place in places:
            briefing_id = place.entry.id
            if briefing_id not in originals:
                originals[briefing_id] = self._original_text(briefing_id, place.key)
            texts = originals[briefing_id]
            found.append(hit(place, texts[place.number] if texts is not None and place.number < len(texts) else None))
        return found

    def _original_text(self, briefing_id: str, key: str) -> list[str] | None:
        """A briefing's searchable text as written (for snippets), if it still has this key."""
        try:
            snapshot = self._snapshot(briefing_id, locked=False)
        except StoreError:
            return None
        return [text for _, _, text in segments(snapshot.briefing)] if snapshot.text_key == key else None

    def questions(self) -> list[tuple[IndexEntry, Question]]:
        """Every analyst question in the library with its briefing's entry."""
        entries = self._sync_text()
        with self._mutex:
            return self._text.questions(entries)

