"""The rows of the actors view: the actors, one actor's mentions, and its company (see `tui.screens.actors_view`)."""

from __future__ import annotations

from dataclasses import dataclass

from rich.style import Style

from briefings.cleaning import clean_text
from briefings.extraction.model import Mention
from store import ActorAcross, ActorTally, IndexEntry
from tui.widgets.briefing_table import Cell, Column

NOT_EXTRACTED = "\x00not-extracted"
MUTED = Style(dim=True)
MENTION = Style(bold=True, underline=True)

ACTOR_COLUMNS = (
    Column("name", "Actor", min_width=20),
    Column("kind", "Kind", 14),
    Column("briefings", "Briefings", 9, "right"),
    Column("mentions", "Mentions", 8, "right", drop=2),
    Column("roles", "Roles", 28, drop=1),
)
MENTION_COLUMNS = (Column("briefing", "Briefing", min_width=16), Column("paragraph", "¶", 5, "right"), Column("as", "Named as", 22, drop=1))
COMPANY_COLUMNS = (Column("name", "In the same briefings"), Column("shared", "Shared", 6, "right"))


@dataclass(frozen=True, slots=True)
class ActorRow:
    """An actor in the list."""

    actor: ActorAcross

    @property
    def key(self) -> str:
        return self.actor.key

    @property
    def haystack(self) -> str:
        return " ".join([*self.actor.names, *self.actor.aliases]).casefold()

    @property
    def cells(self) -> tuple[Cell, ...]:
        actor = self.actor
        roles = [(clean_text("; ".join(actor.roles)), MUTED)]
        return clean_text(actor.name), actor.kind_label, str(actor.briefing_count), str(actor.mention_count), roles


@dataclass(frozen=True, slots=True)
class NotExtractedRow:
    """The line standing for the briefings with no extraction yet."""

    count: int
    key: str = NOT_EXTRACTED
    haystack: str = ""

    @property
    def cells(self) -> tuple[Cell, ...]:
        return [("(not extracted yet)", MUTED)], "", str(self.count), "", [("e extracts them", MUTED)]


@dataclass(frozen=True, slots=True)
class MentionRow:
    """A paragraph of a briefing that mentions the actor (or a briefing not extracted yet)."""

    entry: IndexEntry
    paragraph: int | None
    mentions: tuple[Mention, ...] = ()

    @property
    def key(self) -> str:
        return f"{self.entry.id}/{self.paragraph}"

    @property
    def cells(self) -> tuple[Cell, ...]:
        if self.paragraph is None:
            return clean_text(self.entry.title), "", [("not extracted yet", MUTED)]
        named = ", ".join(dict.fromkeys(clean_text(mention.text) for mention in self.mentions))
        return clean_text(self.entry.title), f"¶{self.paragraph + 1}", named


@dataclass(frozen=True, slots=True)
class CompanyRow:
    """An actor that shares briefings with the selected one."""

    actor: ActorAcross
    shared: int

    @property
    def key(self) -> str:
        return self.actor.key

    @property
    def cells(self) -> tuple[Cell, ...]:
        return clean_text(self.actor.name), str(self.shared)


def mention_rows(tally: ActorTally, key: str) -> list[MentionRow]:
    """One row per paragraph mentioning the actor, by briefing title then paragraph (asked of
    the library where it counted by query: call it from a worker)."""
    if key == NOT_EXTRACTED:
        return [MentionRow(entry, None) for entry in sorted(tally.not_extracted, key=lambda e: e.title.casefold())]
    rows = []
    for entry, mentions in sorted(tally.appearances(key), key=lambda item: item[0].title.casefold()):
        by_paragraph: dict[int, list[Mention]] = {}
        for mention in mentions:
            by_paragraph.setdefault(mention.paragraph, []).append(mention)
        rows += [MentionRow(entry, paragraph, tuple(found)) for paragraph, found in sorted(by_paragraph.items())]
    return rows
