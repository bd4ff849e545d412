"""Where things are in a library folder, and the schema version this Brief writes.

    library.json     the store file: schema version and creation time
    library.lock     the lock every writer takes (filelock)
    settings.json    tag taxonomy and actor decisions (TinyDB)
    positions.json   the paragraph last visited in each briefing (see `store.positions`)
    briefings/       one TinyDB file per briefing, "<id>.json"
    index/           derived: the listing journal and the search text (rebuilt when missing)
    extractions/     cache of extraction results per article content and pipeline version
    backups/         copies taken before migrations and the previous version of edited files
    quarantine/      damaged files moved out of the way, never deleted
    trash/           deleted briefings, so they can be restored
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

#: The schema this version of Brief reads and writes. See `store.migrations` for the history.
SCHEMA = 4

#: What a briefing id looks like; a briefing's file is "<id>.json".
BRIEFING_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


@dataclass(frozen=True, slots=True)
class Layout:
    """The paths of one library folder."""

    root: Path

    @property
    def store_file(self) -> Path:
        return self.root / "library.json"

    @property
    def lock_file(self) -> Path:
        return self.root / "library.lock"

    @property
    def settings_file(self) -> Path:
        return self.root / "settings.json"

    @property
    def positions_file(self) -> Path:
        return self.root / "positions.json"

    @property
    def briefings(self) -> Path:
        return self.root / "briefings"

    @property
    def index(self) -> Path:
        return self.root / "index"

    @property
    def extractions(self) -> Path:
        return self.root / "extractions"

    @property
    def backups(self) -> Path:
        return self.root / "backups"

    @property
    def quarantine(self) -> Path:
        return self.root / "quarantine"

    @property
    def trash(self) -> Path:
        return self.root / "trash"

    def briefing(self, briefing_id: str) -> Path:
        return self.briefings / f"{briefing_id}.json"

    def briefing_files(self) -> list[Path]:
        """The briefing files, sorted; anything else in the folder is not a briefing."""
        if not self.briefings.is_dir():
            return []
        return sorted(path for path in self.briefings.glob("*.json") if BRIEFING_ID.match(path.stem))

    def trashed(self, briefing_id: str) -> Path:
        return self.trash / f"{briefing_id}.json"

    def folders(self) -> tuple[Path, ...]:
        """The folders a library of the current schema has."""
        return (self.briefings, self.index, self.extractions, self.backups, self.quarantine, self.trash)
