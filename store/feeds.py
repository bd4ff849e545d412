"""The library's feeds, what was seen in them, and the inbox of articles not read yet.

One file in the library folder, `feeds.json`, holds three tables:

    feeds    one document per feed, in the order added: address, title, tags, the ETag and
             Last-Modified of its last fetch (sent back so an unchanged feed costs one short
             answer), when it was last checked and its last failure
    seen     one document per item ever taken from a feed: the feed, the item's key, and the
             briefing it became ("" once it failed `MAX_TRIES` times: it is not tried again)
    inbox    one document per article fetched and not read yet: the briefing, when it arrived
    apart    one document per pair of briefings found to be the same story that the analyst
             chose to keep apart (see `store.similar`)

Every change takes the library lock, reads the file, changes it and writes it atomically, as
for briefings: two windows, or a window and `brief fetch`, lose nothing. A damaged file is
quarantined and recovered like the settings (its last complete version, else a backup).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, TypeVar

from briefings.briefing import now_iso
from store import recovery
from store.errors import CorruptFile
from store.folder_core import FolderCore
from store.storage import encode, read_db, write_atomic

FILE = "feeds.json"
#: Attempts at an item whose page cannot be had before it is given up on (it is then seen).
MAX_TRIES = 3
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class FeedRecord:
    """A feed the library follows.

    Attributes:
        url: Its address.
        title: Its title as the feed gives it (the source of its articles), or "".
        tags: The analyst's tags for it.
        etag: The ETag of the last fetch that was read through, or None.
        last_modified: The Last-Modified of that fetch, or None.
        checked: When it was last fetched (ISO 8601), or "".
        error: Why the last fetch failed, one line, or "".
    """

    url: str
    title: str = ""
    tags: tuple[str, ...] = ()
    etag: str | None = None
    last_modified: str | None = None
    checked: str = ""
    error: str = ""


@dataclass(slots=True)
class FeedState:
    """Everything in the feeds file.

    Attributes:
        feeds: The feeds by address, in the order added.
        seen: Per feed address, the items taken from it: key to briefing id ("" when given up),
            or to "tries:N" while its page failed N times.
        inbox: Briefings fetched and not read yet, by id, with when they arrived.
        apart: Pairs of near-duplicate briefings kept apart ("id1+id2", sorted).
    """

    feeds: dict[str, FeedRecord] = field(default_factory=dict)
    seen: dict[str, dict[str, str]] = field(default_factory=dict)
    inbox: dict[str, str] = field(default_factory=dict)
    apart: set[str] = field(default_factory=set)

    def is_seen(self, feed: str, key: str) -> bool:
        """Whether an item was taken already (or given up on)."""
        value = self.seen.get(feed, {}).get(key)
        return value is not None and not value.startswith("tries:")

    def tries(self, feed: str, key: str) -> int:
        """How often an item's page failed so far."""
        value = self.seen.get(feed, {}).get(key, "")
        return int(value[6:]) if value.startswith("tries:") and value[6:].isdigit() else 0

    def record(self, feed: str, key: str, briefing_id: str | None) -> None:
        """Note what became of an item: its briefing, or one more failure."""
        items = self.seen.setdefault(feed, {})
        if briefing_id:
            items[key] = briefing_id
        else:
            tries = self.tries(feed, key) + 1
            items[key] = "" if tries >= MAX_TRIES else f"tries:{tries}"


def feeds_to_db(state: FeedState) -> dict[str, dict[str, Any]]:
    feeds = [
        {"url": f.url, "title": f.title, "tags": list(f.tags), "etag": f.etag, "last_modified": f.last_modified, "checked": f.checked, "error": f.error}
        for f in state.feeds.values()
    ]
    seen = [{"feed": feed, "key": key, "briefing": value} for feed, items in state.seen.items() for key, value in items.items()]
    inbox = [{"briefing": briefing_id, "arrived": arrived} for briefing_id, arrived in state.inbox.items()]
    apart = [{"pair": pair} for pair in sorted(state.apart)]
    tables = (("feeds", feeds), ("seen", seen), ("inbox", inbox), ("apart", apart))
    return {name: {str(number): doc for number, doc in enumerate(docs, start=1)} for name, docs in tables}


def _docs(data: dict[str, dict[str, Any]], name: str) -> list[dict[str, Any]]:
    table = data.get(name, {})
    return [table[key] for key in sorted(table, key=int)]


def _text(value: Any, optional: bool = False) -> Any:
    if value is None and optional:
        return None
    if not isinstance(value, str):
        raise TypeError(f"expected text, found {type(value).__name__}")
    return value


def feeds_from_db(data: dict[str, dict[str, Any]], path: object) -> FeedState:
    try:
        state = FeedState()
        for doc in _docs(data, "feeds"):
            tags = doc.get("tags", [])
            if not isinstance(tags, list):
                raise TypeError("tags must be a list")
            record = FeedRecord(
                _text(doc["url"]),
                _text(doc.get("title", "")),
                tuple(_text(tag) for tag in tags),
                _text(doc.get("etag"), optional=True),
                _text(doc.get("last_modified"), optional=True),
                _text(doc.get("checked", "")),
                _text(doc.get("error", "")),
            )
            state.feeds[record.url] = record
        for doc in _docs(data, "seen"):
            state.seen.setdefault(_text(doc["feed"]), {})[_text(doc["key"])] = _text(doc["briefing"])
        for doc in _docs(data, "inbox"):
            state.inbox[_text(doc["briefing"])] = _text(doc.get("arrived", ""))
        state.apart = {_text(doc["pair"]) for doc in _docs(data, "apart")}
        return state
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise CorruptFile(path, f"not a valid feeds file ({type(error).__name__}: {error})") from None


class FeedStore:
    """The feeds file of one library (see the module docstring)."""

    def __init__(self, library: FolderCore) -> None:
        self.library = library
        self.path: Path = library.path / FILE
        self._backed_up = False

    def read(self) -> FeedState:
        """The state as it is on disk (empty when there is no file yet); no lock needed."""
        try:
            return feeds_from_db(read_db(self.path), self.path)
        except FileNotFoundError:
            return FeedState()
        except CorruptFile:
            # Recovered under the lock by the writer's path: the file is set aside, never
            # overwritten without being saved first.
            return self.change(lambda state: state)

    def change(self, apply: Callable[[FeedState], T]) -> T:
        """Change the state under the library lock: read it, apply, write it atomically."""
        with self.library._locked():  # the library's own lock: one writer at a time, any process
            state = self._read_locked()
            result = apply(state)
            if not self._backed_up and self.path.exists():
                # As for settings: the version before this session's first change is kept.
                recovery.take_backup(self.library.layout, self.path, "feeds")
                self._backed_up = True
            write_atomic(self.path, encode(feeds_to_db(state)))
            return result

    def _read_locked(self) -> FeedState:
        try:
            return feeds_from_db(read_db(self.path), self.path)
        except FileNotFoundError:
            return FeedState()
        except CorruptFile as error:
            recovered, message = recovery.recover(
                self.library.layout, self.path, error, "feeds", "the feeds file (feeds, items seen and the inbox)", lambda data: feeds_from_db(data, self.path)
            )
            self.library.warnings.append(message + ("" if recovered is not None else "; starting with no feeds"))
            return recovered if recovered is not None else FeedState()

    # What the command line and the app do (the desk goes through `change`)

    def add_feed(self, url: str, tags: Iterable[str] = (), title: str = "") -> bool:
        """Follow a feed (False when it was followed already: its tags are then added to)."""
        return self.change(lambda state: add_feed(state, url, tags, title))

    def remove_feed(self, url: str) -> bool:
        """Stop following a feed (its articles stay in the library); False if it was not followed."""
        return self.change(lambda state: remove_feed(state, url))

    def mark_read(self, briefing_ids: Iterable[str]) -> None:
        """Take briefings out of the inbox."""
        ids = set(briefing_ids)
        if ids & self.read().inbox.keys():
            self.change(lambda state: mark(state, list(ids), True))

    def mark_unread(self, briefing_ids: Iterable[str]) -> None:
        """Put briefings in the inbox, as arrived now."""
        self.change(lambda state: mark(state, list(briefing_ids), False))


def add_feed(state: FeedState, url: str, tags: Iterable[str] = (), title: str = "") -> bool:
    """Follow a feed (False when it was followed already: its tags are then added to)."""
    known = state.feeds.get(url)
    if known is not None:
        state.feeds[url] = replace(known, tags=tuple(dict.fromkeys((*known.tags, *tags))), title=known.title or title)
        return False
    state.feeds[url] = FeedRecord(url, title, tuple(dict.fromkeys(tags)))
    return True


def remove_feed(state: FeedState, url: str) -> bool:
    """Stop following a feed (its articles stay in the library); False if it was not followed."""
    state.seen.pop(url, None)
    return state.feeds.pop(url, None) is not None


def mark(state: FeedState, briefing_ids: list[str], read: bool) -> None:
    """Take briefings out of the inbox (`read`), or put them in it as arrived now."""
    if read:
        for briefing_id in briefing_ids:
            state.inbox.pop(briefing_id, None)
    else:
        arrived = now_iso()
        state.inbox.update({briefing_id: state.inbox.get(briefing_id, arrived) for briefing_id in briefing_ids})
