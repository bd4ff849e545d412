"""Schema migrations, one step per version, each preceded by a backup of everything it touches.

History:
    1  Briefings in `articles/`, one file per article with tags, note and review state inside each
       paragraph document; no anchors, summary, orphans or dismissed suggestions.
    2  Briefings in `briefings/`, with paragraph anchors and the analyst's work in tables of its
       own (see `store.documents`), so that re-imports can re-attach it; an index folder.
    3  Orphans may be paragraph links of questions and judgments (`question`, `judgment`), which
       a re-import used to drop. Schema-2 files are valid as they are; the number moves on so
       that an older Brief, which would read such an orphan as an empty annotation and drop its
       link when writing, opens the library read-only instead.
    4  Briefing files and the settings file keep a `history` table: who changed what, when (see
       `briefings.history`). Schema-3 files are valid as they are (their history is empty: it
       starts with the next change); the number moves on so that an older Brief, which would
       drop the history when writing a file, opens the library read-only instead.

A step must be safe to run again after a crash part way: it only creates files of the new layout,
and the store file moves to the new schema only once every file is converted. Files a step cannot
read are quarantined and reported; they never stop the migration.
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable

from store.documents import briefing_from_db_v1, briefing_to_db, meta_to_db, settings_from_db, settings_to_db
from store.errors import CorruptFile
from store.layout import SCHEMA, Layout
from store.recovery import quarantine
from store.storage import encode, fsync_dir, read_db, write_atomic


def _backup(layout: Layout, names: list[str], schema: int) -> str:
    """Copy the named files and folders into a new folder of `backups/`; returns its name."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = layout.backups / f"before-schema-{schema + 1}-{stamp}"
    target.mkdir(parents=True, exist_ok=True)
    for name in names:
        source = layout.root / name
        if source.is_dir():
            shutil.copytree(source, target / name, dirs_exist_ok=True)
        elif source.is_file():
            shutil.copy2(source, target / name)
    fsync_dir(target)
    return f"backups/{target.name}"


def _one_to_two(layout: Layout, warnings: list[str]) -> None:
    articles = layout.root / "articles"
    backup = _backup(layout, ["library.json", "settings.json", "articles"], 1)
    layout.briefings.mkdir(parents=True, exist_ok=True)
    converted = 0
    for path in sorted(articles.glob("*.json")) if articles.is_dir() else []:
        try:
            briefing = briefing_from_db_v1(read_db(path), path)
        except CorruptFile as error:
            moved = quarantine(layout, path)
            warnings.append(f"{path.name} could not be migrated ({error.reason}); it is kept in {moved.relative_to(layout.root)}")
            continue
        write_atomic(layout.briefing(briefing.id), encode(briefing_to_db(briefing)))
        converted += 1
    if layout.settings_file.exists():
        try:
            settings = settings_from_db(read_db(layout.settings_file), layout.settings_file)
            write_atomic(layout.settings_file, encode(settings_to_db(settings)))
        except CorruptFile:
            pass  # left as it is: opening the settings quarantines and reports it
    write_atomic(layout.store_file, encode(meta_to_db(2, _created(layout))))
    shutil.rmtree(articles, ignore_errors=True)
    warnings.append(f"library upgraded from schema 1 to 2 ({converted} briefings); a copy of the old files is in {backup}")


def _two_to_three(layout: Layout, warnings: list[str]) -> None:
    backup = _backup(layout, ["library.json"], 2)
    write_atomic(layout.store_file, encode(meta_to_db(3, _created(layout))))
    warnings.append(f"library upgraded from schema 2 to 3 (no briefing needed changing); a copy of the old store file is in {backup}")


def _three_to_four(layout: Layout, warnings: list[str]) -> None:
    backup = _backup(layout, ["library.json"], 3)
    write_atomic(layout.store_file, encode(meta_to_db(4, _created(layout))))
    warnings.append(
        f"library upgraded from schema 3 to 4 (changes are now recorded with who made them; the history starts now); "
        f"a copy of the old store file is in {backup}"
    )


def _created(layout: Layout) -> str:
    try:
        return str(read_db(layout.store_file)["library"]["1"].get("created", ""))
    except (OSError, CorruptFile, KeyError, AttributeError):
        return ""


#: Step from each schema to the next.
STEPS: dict[int, Callable[[Layout, list[str]], None]] = {1: _one_to_two, 2: _two_to_three, 3: _three_to_four}


def migrate(layout: Layout, schema: int, warnings: list[str]) -> None:
    """Bring a library from `schema` to the current one, step by step (call under the lock)."""
    while schema < SCHEMA:
        STEPS[schema](layout, warnings)
        schema += 1
