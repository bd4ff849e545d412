"""Where the analyst left each briefing: the paragraph last visited, to reopen it there.

A position is not a change to a briefing: writing it into the briefing's file would cost a
durable write per key and move the briefing up "recently changed" for a scroll. Positions live
in one small file of the library folder, `positions.json` ({briefing id: paragraph}), written
atomically but not fsynced (a power cut can cost the last position, nothing else).

No lock is taken: a write reads the file, sets its own positions and replaces the file, so two
windows writing at the same instant can lose one of the other's positions, which costs a scroll.
A damaged file reads as empty and is replaced, as a damaged extraction cache entry is.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from contextlib import suppress
from pathlib import Path

from store.errors import WriteFailed
from store.storage import write_atomic

#: Most positions kept; the ones of briefings visited longest ago go first.
LIMIT = 20_000


def read_positions(path: Path) -> dict[str, int]:
    """The positions in the file, in the order they were last set (missing or damaged: none)."""
    try:
        data = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {key: value for key, value in data.items() if isinstance(key, str) and isinstance(value, int) and not isinstance(value, bool) and value >= 0}


def write_positions(path: Path, positions: Mapping[str, int]) -> None:
    """Set these positions in the file, keeping the others. Best effort: a disk that refuses
    (full, read-only) costs the positions, never an error."""
    current = read_positions(path)
    for briefing_id, paragraph in positions.items():
        current.pop(briefing_id, None)  # moved to the end: the latest visit
        current[briefing_id] = paragraph
    kept = dict(list(current.items())[-LIMIT:])
    with suppress(WriteFailed, OSError):
        write_atomic(path, json.dumps(kept, separators=(",", ":")).encode("ascii"), durable=False)
