"""Points, as news counts them three ways: a stock index's level and moves ("the Dow fell 102.2
points to 27,934.02", "the Sensex scaled a high of 40,816.38") are index points; a lead or a
margin in an election or a poll ("Trump won the state by 30 points", "a lead of eight points in
the latest poll") is in percentage points; a player's or a team's points ("scored 34 points") are
a count. The sentence tells them apart: an index named in it, or the words of elections and
polls without those of a game. Used by `spacy_numbers` on figures read as counts.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any

from briefings.extraction.figures import Figure

Token = Any

POINT_WORDS = {"point", "points", "pts"}
#: Stock indexes by name, as news writes them, and the words that name one ("the benchmark index").
STOCK_INDEX = re.compile(
    r"\b(?:Dow(?:\s+Jones)?|S&P|Nasdaq|FTSE|Sensex|Nifty|Nikkei|Hang\s+Seng|DAX|CAC|Stoxx|STOXX|Kospi|KOSPI|ASX|TSX|IBEX|Bovespa|"
    r"(?:stock|share|equity|benchmark|composite|blue-chip)\s+(?:market\s+)?(?:index|indices|indexes|gauge|benchmark))\b"
)
#: Words of elections and polls: a margin in them is in percentage points.
POLL_WORDS = {
    "poll", "polls", "polling", "pollster", "pollsters", "survey", "surveys", "vote", "votes", "voters", "voted", "election",
    "elections", "electoral", "elected", "re-elected", "ballot", "primary", "primaries", "approval", "nominee", "candidate",
    "candidates", "governor", "gubernatorial", "senate", "senator", "congressional", "district", "districts", "constituency",
    "seat", "seats", "democrats", "republicans", "democratic", "republican", "labour", "conservatives", "tories", "party",
    "landslide", "electorate", "state", "states", "county", "counties", "incumbent", "campaign", "yield", "yields", "rate", "rates", "inflation", "unemployment",
}  # fmt: skip
#: Words of games: points in them are scored.
GAME_WORDS = {
    "scored", "scores", "scoring", "score", "game", "games", "match", "matches", "season", "rebounds", "assists", "quarter",
    "halftime", "goals", "league", "team", "teams", "player", "players", "coach", "tournament", "halves", "period", "periods",
    "points-per-game", "playoff", "playoffs", "championship", "standings", "table", "fixture", "tries", "innings",
}  # fmt: skip


def read_points(figure: Figure, tokens: tuple[Token, ...], counts: str) -> tuple[Figure, Token | None]:
    """The figure as index points or percentage points where the sentence says so, and the
    "points" token to take into its mention (None when not written or not taken)."""
    if figure.kind != "count" or figure.value is None or figure.vague:
        return figure, None
    doc = tokens[-1].doc
    after = doc[tokens[-1].i + 1] if tokens[-1].i + 1 < len(doc) else None
    written = after if after is not None and after.lower_ in POINT_WORDS else None
    sentence = tokens[0].sent
    if STOCK_INDEX.search(sentence.text) and (written is not None or STOCK_INDEX.search(counts)):
        return dataclasses.replace(figure, kind="quantity", unit="points"), written
    if written is None:
        return figure, None
    words = {token.lower_ for token in sentence}
    if words & POLL_WORDS and not words & GAME_WORDS:
        return dataclasses.replace(figure, kind="percent", unit="pp"), written
    return figure, None
