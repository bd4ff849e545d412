"""`brief doctor`: check a library folder and, when asked, repair what can be repaired safely.

The check only reads: it does not take the lock, migrate, or move anything. It looks at the
shapes of the library's folders and files (a file where a folder should be, a folder or a named
pipe where a file should be), the schema, every briefing file, the settings, the index against
the files, orphaned annotations, temp files left by dead writers, the extraction cache, and what
sits in quarantine and trash. It never stops part way: what it cannot read is a problem it
reports, in one line.

Repair opens the library the normal way (which migrates, removes leftover temp files and checks
the index), quarantines and recovers damaged files through the same code the app uses, rebuilds
the derived index and drops damaged cache entries. It never deletes the analyst's data: damaged
files go to quarantine/, deleted briefings stay in trash/.
"""

from __future__ import annotations

import os
from pathlib import Path

from briefings.wording import counted
from store.backend import DoctorReport
from store.documents import briefing_from_db, extraction_from_db, meta_from_db, settings_from_db
from store.errors import CorruptFile, StoreError
from store.recovery import quarantine
from store.index import Index, stamp_of
from store.layout import SCHEMA, Layout
from store.library import Library
from store.storage import is_temp, kind_of, read_db
from store.textlines import FILE as TEXT_FILE


def _temp_files(layout: Layout) -> list[Path]:
    found = []
    for folder in (layout.root, layout.briefings, layout.index, layout.extractions):
        if folder.is_dir():
            found += [folder / name for name in os.listdir(folder) if is_temp(name)]
    return found


def _shape(path: Path, folder: bool) -> str | None:
    """What is wrong with what is at `path`, which should be a folder (or a file), or None."""
    if not os.path.lexists(path):
        return None
    if path.is_dir() if folder else path.is_file():
        return None
    kind = kind_of(os.stat(path).st_mode) if path.exists() else "a broken link"
    return f"{path.name} is {kind}, not a {'folder' if folder else 'file'}"


def _check_shapes(layout: Layout, report: DoctorReport) -> None:
    files = (layout.store_file, layout.settings_file, layout.lock_file, layout.index / "entries.jsonl", layout.index / TEXT_FILE)
    for path, folder in [*((path, True) for path in layout.folders()), *((path, False) for path in files)]:
        problem = _shape(path, folder)
        if problem:
            report.problem(f"{problem} (opening the library or --repair moves it to quarantine/)")


def _cache_entry_ok(file: Path) -> bool:
    """Whether an extraction cache file holds a readable extraction for the content it is named after."""
    try:
        data = read_db(file)
        doc = next(iter(data.get("extraction", {}).values()))
        extraction_from_db(data, file.name.split(".", 1)[0], str(doc.get("pipeline", "")), file)
    except (CorruptFile, OSError, StopIteration, AttributeError):
        return False
    return True


def _check_store_file(layout: Layout, report: DoctorReport) -> int | None:
    try:
        schema = int(meta_from_db(read_db(layout.store_file), layout.store_file)["schema"])
    except FileNotFoundError:
        report.problem("the store file library.json is missing")
        return None
    except CorruptFile as error:
        report.problem(f"the store file is damaged: {error.reason}")
        return None
    if schema > SCHEMA:
        report.note(f"schema {schema} is newer than this Brief understands ({SCHEMA}); it opens read-only")
    elif schema < SCHEMA:
        report.problem(f"schema {schema} is older than the current {SCHEMA}; opening the library upgrades it")
    else:
        report.note(f"schema {schema} (current)")
    return schema


def check(path: Path, *, repair: bool = False) -> DoctorReport:
    """Check the library in `path`; with `repair`, fix what can be fixed and check again.

    Returns:
        The report; with `repair`, the lines say what was done followed by the new check.
    """
    path = Path(path).expanduser()
    report = DoctorReport()
    try:
        if repair:
            _repair(path, report)
        else:
            _check(path, report)
    except (OSError, StoreError) as error:
        # Whatever else the disk holds, the doctor says what it found and what stopped it.
        report.problem(f"the check could not go on: {error}")
    return report


def _check(path: Path, report: DoctorReport) -> None:
    layout = Layout(path)
    if not path.is_dir():
        report.problem(f"{path} is not a library folder")
        return
    _check_shapes(layout, report)
    schema = _check_store_file(layout, report)
    if schema is not None and schema != SCHEMA:
        return

    damaged = orphans = links = orphaned_briefings = 0
    stamps: dict[str, tuple[int, int]] = {}
    for file in layout.briefing_files():
        try:
            briefing = briefing_from_db(read_db(file), file)
            stamps[file.stem] = stamp_of(file)
        except CorruptFile as error:
            report.problem(f"briefings/{file.name} is damaged: {error.reason}")
            damaged += 1
            continue
        except OSError as error:
            report.problem(f"briefings/{file.name} cannot be read: {error.strerror or error}")
            continue
        if briefing.orphans:
            orphaned_briefings += 1
            linked = sum(1 for orphan in briefing.orphans if orphan.question or orphan.judgment)
            links += linked
            orphans += len(briefing.orphans) - linked
    report.note(f"{counted(len(stamps), 'briefing')} read correctly")
    if orphans or links:
        what = counted(orphans, 'orphaned annotation') + (f" and {counted(links, 'orphaned paragraph link')} of questions and judgments" if links else "")
        report.note(f"{what} in {counted(orphaned_briefings, 'briefing')} (kept; re-attach or discard them in the app)")

    try:
        if _shape(layout.settings_file, False) is None:  # else reported with the shapes
            settings_from_db(read_db(layout.settings_file), layout.settings_file)
    except FileNotFoundError:
        report.note("no settings file yet (the default tags apply)")
    except CorruptFile as error:
        report.problem(f"settings.json is damaged: {error.reason}")
    except OSError as error:
        report.problem(f"settings.json cannot be read: {error.strerror or error}")

    index = Index(layout.index / "entries.jsonl")
    index.refresh()
    if not index.loaded or index.damaged:
        report.problem("the library index is missing or damaged (it is rebuilt on open or by --repair)")
    else:
        differ = {briefing_id for briefing_id, stamp in stamps.items() if index.stamp(briefing_id) != stamp}
        differ |= set(index.rows) - set(stamps)
        if differ or index.intents:
            report.problem(f"the library index is out of date for {counted(len(differ | index.intents), 'briefing')}")
        else:
            report.note("the library index matches the files")

    temps = _temp_files(layout)
    if temps:
        report.problem(f"{counted(len(temps), 'temp file')} left by interrupted writes: " + ", ".join(str(p.relative_to(path)) for p in temps[:5]))

    caches = layout.extractions.glob("*.json") if layout.extractions.is_dir() else []
    bad_cache = sum(not _cache_entry_ok(file) for file in caches)
    if bad_cache:
        report.problem(f"{bad_cache} damaged extraction cache entries (recomputed when needed)")

    for folder, what in ((layout.quarantine, "damaged files kept in quarantine/"), (layout.trash, "deleted briefings in trash/")):
        count = len(list(folder.iterdir())) if folder.is_dir() else 0
        if count:
            report.note(f"{count} {what}")
    if report.ok:
        report.note("no problems found")


def _repair(path: Path, report: DoctorReport) -> None:
    before = check(path)
    if before.ok:
        report.lines, report.ok = before.lines, True
        return
    layout = Layout(path)
    temps = _temp_files(layout)
    library = Library.open(path)  # opening removes the temp files of writers that died
    if library.read_only:
        report.problem("the library was written by a newer Brief; not repairing it")
        return
    report.lines += [f"repaired: removed leftover temp file {p.relative_to(path)}" for p in temps if not p.exists()]
    for file in layout.briefing_files():
        try:
            library.load(file.stem)
        except StoreError:
            pass  # reported in library.warnings
    library.settings()
    for file in layout.extractions.glob("*.json"):
        if _cache_entry_ok(file):
            continue
        if file.is_file() or file.is_symlink():
            file.unlink(missing_ok=True)
            report.note(f"removed damaged cache entry extractions/{file.name}")
        else:
            kind = kind_of(os.stat(file).st_mode) if file.exists() else "a broken link"
            moved = quarantine(layout, file)
            report.note(f"repaired: extractions/{file.name} was {kind}, not a file; moved to {moved.relative_to(path)}")
    report.lines += [f"repaired: {warning}" for warning in library.warnings]
    for journal in ("entries.jsonl", TEXT_FILE):
        (layout.index / journal).unlink(missing_ok=True)
    rebuilt = Library.open(path)
    rebuilt.questions()  # rebuilds the text index too
    report.lines += [f"repaired: {warning}" for warning in rebuilt.warnings]
    report.note("rebuilt the library index")
    after = check(path)
    report.lines += after.lines
    report.ok = after.ok
