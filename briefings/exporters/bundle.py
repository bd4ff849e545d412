"""What one briefing export needs, and the error every exporter raises."""

from __future__ import annotations

from dataclasses import dataclass, field

from briefings.briefing import Briefing
from briefings.edits import LibrarySettings
from briefings.errors import BriefError
from briefings.extraction.model import Extraction
from briefings.history import HistoryEntry


class ExportError(BriefError, ValueError):
    """An export or import that cannot be done, with the reason in words for the analyst."""


@dataclass(frozen=True, slots=True)
class ExportBundle:
    """Everything one briefing export needs.

    Attributes:
        briefing: The article and the analyst's work on it.
        extraction: The extraction as the analyst sees it (the library's actor decisions already
            applied, as the review screen holds it), or None when there is none yet.
        settings: The library's tag taxonomy (names and colours of the tag ids on paragraphs) and
            its actor decisions (carried into the JSON export so nothing the analyst decided is lost).
        generated: When the export is made (ISO 8601); passed in so that exports are reproducible.
        app_version: The version of Brief that makes the export.
        history: Who changed the briefing when, oldest first (the JSON export always carries it).
        who: Whether the Markdown and HTML exports say who tagged, noted and judged what (the
            analysts' names are the team's business, so a document says them only when asked:
            `brief export --who`, or the export dialog's "who did what").
    """

    briefing: Briefing
    extraction: Extraction | None
    settings: LibrarySettings
    generated: str
    app_version: str
    history: tuple[HistoryEntry, ...] = field(default=())
    who: bool = False
