"""`brief doctor` for a library on a server: check it without changing it; with repair, set aside
what cannot be read (through the same code the app uses) and rebuild the search places.

The check reads every briefing row (a walk, as the folder's doctor reads every file): the schema,
rows that cannot be decoded, briefings without search places, and what sits in quarantine and trash.
"""

from __future__ import annotations

from typing import Any

from briefings.wording import counted
from store.backend import DoctorReport
from store.errors import CorruptFile, StoreError
from store.location import where
from store.postgres.connection import Connection
from store.postgres.rows import decode_row
from store.postgres.schema import SCHEMA, read_version


def check(url: str, *, repair: bool = False) -> DoctorReport:
    """Check the library at `url` (see the module docstring)."""
    report = DoctorReport()
    if repair:
        _repair(url, report)
    try:
        connection = Connection(url)
    except StoreError as error:
        report.problem(str(error))
        return report
    try:
        connection.reading(lambda db: _check(db, url, report))
    finally:
        connection.close()
    return report


def _check(db: Any, url: str, report: DoctorReport) -> None:
    schema = read_version(db)
    if schema == 0:
        report.note(f"{where(url)} holds no Brief library yet (opening it makes one)")
        return
    if schema > SCHEMA:
        report.problem(f"the library is of schema {schema}, newer than this Brief's {SCHEMA}: update Brief (it opens read-only meanwhile)")
        return
    if schema < SCHEMA:
        report.note(f"the library is of schema {schema}; opening it upgrades it to {SCHEMA}")
        return
    damaged = 0
    live = trashed = 0
    for briefing_id, article, work, is_trashed in db.execute("SELECT id, article, work, trashed FROM briefings ORDER BY seq"):
        try:
            decode_row(briefing_id, article, work)
        except CorruptFile as error:
            damaged += 1
            report.problem(f"briefing {briefing_id} cannot be read ({error.reason}); `brief doctor --repair` sets it aside in the quarantine table")
        trashed += is_trashed
        live += not is_trashed
    unsearchable = db.execute(
        "SELECT count(*) FROM briefings b WHERE NOT EXISTS (SELECT 1 FROM search_places p WHERE p.briefing_id = b.id)"
    ).fetchone()[0]
    if unsearchable:
        report.problem(f"{counted(unsearchable, 'briefing')} cannot be found by search; `brief doctor --repair` rebuilds their search text")
    kept = db.execute("SELECT count(*) FROM quarantine").fetchone()[0]
    report.note(f"schema {schema}; {counted(live, 'briefing')}, {trashed} in the trash")
    if kept:
        report.note(f"{counted(kept, 'damaged row')} kept in the quarantine table (never deleted)")
    if not damaged and not unsearchable:
        report.note("every briefing can be read")


def _repair(url: str, report: DoctorReport) -> None:
    from store.postgres.library import PostgresLibrary
    from store.postgres.rows import write_places

    try:
        library = PostgresLibrary.open(url)
    except StoreError as error:
        report.problem(str(error))
        return
    try:
        ids = library._db.reading(lambda db: [row[0] for row in db.execute("SELECT id FROM briefings WHERE NOT trashed ORDER BY seq")])
        for briefing_id in ids:
            try:
                library.load(briefing_id)
            except StoreError:
                continue  # set aside, and said so in the warnings
        missing = library._db.reading(
            lambda db: [row[0] for row in db.execute("SELECT id FROM briefings b WHERE NOT trashed AND NOT EXISTS (SELECT 1 FROM search_places p WHERE p.briefing_id = b.id)")]
        )
        for briefing_id in missing:
            briefing = library.load(briefing_id)
            with library._change(f"briefing {briefing_id}") as db:
                write_places(db, briefing, article=True, work=True)
        for warning in library.warnings:
            report.note(f"repaired: {warning}")
        if missing:
            report.note(f"repaired: rebuilt the search text of {counted(len(missing), 'briefing')}")
    finally:
        library.close()
