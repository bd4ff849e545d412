"""Importing many files into a library (extracting them afterwards: `store.bulk_extract`).

Used by `brief import` and by the app, through the desk. Each file is read and added on its own,
one at a time (a folder of 100,000 pages never sits in memory): a file that fails is reported
with its reason and harms nothing, because nothing is written for it until it has been read and
checked whole.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from briefings.cleaning import clean_text
from briefings.decisions import ActorDecision, decisions_for
from briefings.edits import LibrarySettings
from briefings.exporters import ExportBundle, ExportError
from briefings.exporters.json_export import read_json_import
from briefings.readers import MAX_BYTES, SUPPORTED_SUFFIXES, ReadError, read_file, read_limited
from briefings.taxonomy import Tag, fitted
from store.errors import StoreError
from store.backend import LibraryStore

_GZIP = ".gz"
#: What a file in a folder must be called to be imported: a reader's suffix, optionally with
#: ".gz" after it ("page.html.gz"), or ".json" for Brief's own exports. A bare "x.gz" (a tar
#: archive, a log) is left alone; named on the command line, any file is tried.
ARTICLE_SUFFIXES = tuple(suffix for suffix in SUPPORTED_SUFFIXES if suffix != _GZIP)
IMPORT_SUFFIXES = (*ARTICLE_SUFFIXES, ".json")


@dataclass(frozen=True, slots=True)
class ImportOutcome:
    """What happened to one file.

    Attributes:
        path: The file.
        status: "imported", "updated", "duplicate" or "failed".
        briefing_id: The briefing it became (None when it failed).
        reason: Why it failed, in one line that names the file.
        orphans: Annotations an update could not re-attach (kept as orphans).
    """

    path: Path
    status: str
    briefing_id: str | None = None
    reason: str = ""
    orphans: int = 0


@dataclass(slots=True)
class Collected:
    """The files an import will read, and what was found wrong or left out on the way.

    Attributes:
        files: Files to import, in a stable order (folders sorted by name).
        failures: Paths that do not exist and folders that cannot be listed.
        skipped: Entries of folders left out: hidden files, editor backups and lock files,
            files whose names say they are not articles, links to folders, named pipes,
            sockets and devices.
    """

    files: list[Path] = field(default_factory=list)
    failures: list[ImportOutcome] = field(default_factory=list)
    skipped: int = 0


def importable(name: str) -> bool:
    """Whether a file found in a folder is imported, by its name alone.

    Hidden files (".draft.txt", vim's ".x.swp", emacs's ".#x" locks) and editor backups and
    autosaves ("x.txt~", "#x.txt#", "~$x") are left out, as is anything not named as an article.
    """
    lower = name.lower()
    if lower.startswith((".", "~", "#")) or lower.endswith(("~", "#")):
        return False
    if lower.endswith(".json"):
        return True
    return lower.removesuffix(_GZIP).endswith(ARTICLE_SUFFIXES)


def collect_files(paths: Iterable[Path], *, recursive: bool = False, exclude: Iterable[Path] = ()) -> Collected:
    """The files to import: files as given, and the importable files in folders.

    A folder's hidden sub-folders (".git") and the folders in `exclude` (the library itself,
    when it lies inside an imported folder) are not entered; symbolic links to folders are not
    followed, so a link loop cannot make the walk endless. Each file is listed once.
    """
    collected = Collected()
    excluded = {_identity(path) for path in exclude}
    seen: set[str] = set()

    def add(file: Path) -> None:
        key = os.path.abspath(file)  # "a.txt", "./a.txt" and "/in/a.txt" are one file
        if key not in seen:
            seen.add(key)
            collected.files.append(file)

    for path in paths:
        if path.is_dir():
            for file in _walk(path, recursive, excluded, collected):
                add(file)
        elif path.exists() or path.is_symlink():
            add(path)
        else:
            collected.failures.append(ImportOutcome(path, "failed", reason=f"{path}: no such file or folder"))
    return collected


def _identity(path: Path) -> Path:
    try:
        return path.expanduser().resolve()
    except OSError:
        return path.expanduser().absolute()


def _walk(folder: Path, recursive: bool, excluded: set[Path], collected: Collected) -> Iterator[Path]:
    """The importable files of a folder in name order, then its sub-folders' when `recursive`."""
    if _identity(folder) in excluded:
        return
    try:
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
    except OSError as error:
        reason = f"{folder}: cannot list this folder ({error.strerror or error})"
        collected.failures.append(ImportOutcome(folder, "failed", reason=reason))
        return
    folders = []
    for entry in entries:
        kind = _kind(entry)
        if kind == "folder":
            if recursive and not entry.name.startswith("."):
                folders.append(Path(entry.path))
        elif kind == "file" and importable(entry.name):
            yield Path(entry.path)
        else:
            collected.skipped += 1
    for sub_folder in folders:
        yield from _walk(sub_folder, recursive, excluded, collected)


def _kind(entry: os.DirEntry[str]) -> str:
    """"folder" (not through a link), "file" (a regular file, or a broken link: it is reported
    when it cannot be read) or "other" (a named pipe, a socket or a device: opening one could
    block the import forever, so it is left out)."""
    try:
        if entry.is_dir(follow_symlinks=False):
            return "folder"
        if entry.is_file() or (entry.is_symlink() and not os.path.exists(entry.path)):
            return "file"
    except OSError:
        return "file"
    return "other"


def import_file(library: LibraryStore, path: Path) -> ImportOutcome:
    """Read one file and add it to the library; any failure becomes an outcome, not an exception.

    The file is read and checked whole before anything is written, so a file that fails leaves
    the library as it was.
    """
    try:
        if path.name.lower().endswith(".json"):
            return _import_json(library, path)
        article = read_file(path)
        result = library.add_article(article)
        return ImportOutcome(path, result.status, result.id, orphans=result.orphans)
    except ReadError as error:
        return ImportOutcome(path, "failed", reason=str(error))
    except (ExportError, StoreError) as error:
        return ImportOutcome(path, "failed", reason=f"{path}: {error}")
    except OSError as error:
        return ImportOutcome(path, "failed", reason=f"{path}: {error.strerror or error}")


def import_files(
    library: LibraryStore,
    files: Iterable[Path],
    on_outcome: Callable[[ImportOutcome], None] = lambda outcome: None,
) -> list[ImportOutcome]:
    """Import files one by one, reporting each outcome as it happens."""
    outcomes = []
    for path in files:
        outcome = import_file(library, path)
        on_outcome(outcome)
        outcomes.append(outcome)
    return outcomes


# Brief's JSON exports


def read_export_file(path: Path) -> ExportBundle:
    """Read a Brief JSON export from a file, every string in it made safe to show first.

    A genuine export holds only text Brief has already cleaned, so cleaning changes nothing in
    it; in an edited file, changed article text no longer matches its anchors and is refused,
    and so is a taxonomy that breaks the library's rules (see `read_json_import`).

    Raises:
        ExportError: The file is too large, not UTF-8, not JSON or not a valid export.
        ReadError: The file cannot be read, or is not a file (a named pipe would block).
    """
    data = read_limited(path)
    if len(data) > MAX_BYTES:
        raise ExportError(f"too large for a briefing export (over {MAX_BYTES // (1024 * 1024)} MB)")
    try:
        text = json.dumps(_cleaned(json.loads(data.decode("utf-8-sig"))), ensure_ascii=False)
    except UnicodeDecodeError:
        raise ExportError("not UTF-8 text, so not a Brief JSON export") from None
    except json.JSONDecodeError as error:
        raise ExportError(f"not JSON ({error})") from None
    except RecursionError:
        raise ExportError("nested too deeply for a briefing export") from None
    return read_json_import(text)


def _cleaned(value: Any) -> Any:
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, list):
        return [_cleaned(item) for item in value]
    if isinstance(value, dict):
        return {clean_text(key): _cleaned(item) for key, item in value.items()}
    return value


def _import_json(library: LibraryStore, path: Path) -> ImportOutcome:
    """Import a Brief JSON export: the briefing with all its work, then the tags and actor
    decisions the library lacks, then the extraction into the cache when it is the raw one."""
    bundle = read_export_file(path)
    briefing = bundle.briefing
    exported_id = briefing.id
    result = library.add_briefing(briefing)
    # Decisions for this briefing alone follow it to the id it has here.
    decisions = tuple(
        replace(decision, briefing=result.id) if decision.briefing else decision
        for decision in decisions_for(bundle.settings.decisions, exported_id)
    )
    merge = MergeSettings(bundle.settings.tags, decisions)
    try:
        if merge.changes(library.settings()):
            library.apply_settings(merge)
    except StoreError as error:
        # The briefing is in; importing the file again (a duplicate then) retries the settings.
        reason = f"{path}: the briefing was imported but its tags and actor decisions were not ({error})"
        return ImportOutcome(path, "failed", result.id, reason=reason)
    if bundle.extraction is not None and not decisions:
        # An export holds the extraction as the analyst saw it, decisions applied; the cache holds
        # the raw one, under which a hidden actor can come back. Only without decisions are the
        # two the same; otherwise the raw extraction is made again from the text.
        article = bundle.briefing.article
        library.save_extraction(article.content_hash, bundle.extraction.pipeline, bundle.extraction, article.extraction_basis)
    return ImportOutcome(path, result.status, result.id, orphans=result.orphans)


@dataclass(frozen=True, slots=True)
class MergeSettings:
    """Add the tags and actor decisions a library lacks (by id); what it has stays as it is.

    A library edit applied under the library lock to the settings as they are on disk, so an
    import never overwrites a taxonomy change made in an open app meanwhile. An added tag keeps
    its key unless a tag of the library has it (then it is reached by the picker), and its name
    unless the library uses the name (then its id is added to the name): the taxonomy stays
    one that `brief tags --edit` accepts. Imports are not undone, so it has no inverse.
    """

    tags: tuple[Tag, ...]
    decisions: tuple[ActorDecision, ...]

    def apply(self, settings: LibrarySettings) -> LibrarySettings:
        """The settings with the missing tags and decisions added at the end."""
        tags = list(settings.tags)
        known = {tag.id for tag in tags}
        for tag in self.tags:
            if tag.id not in known:
                tags.append(fitted(tag, tags))
                known.add(tag.id)
        decided = {decision.id for decision in settings.decisions}
        decisions = settings.decisions + tuple(d for d in self.decisions if d.id not in decided)
        return LibrarySettings(tuple(tags), decisions)

    def changes(self, settings: LibrarySettings) -> bool:
        """Whether applying it to these settings adds anything (to save a needless write)."""
        return self.apply(settings) != settings

    def describe(self) -> str:
        """A few words for messages."""
        return "tags and actor decisions of an imported briefing"
