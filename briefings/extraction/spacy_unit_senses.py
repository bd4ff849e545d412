"""Unit words whose sense the sentence decides: points and pounds.

Points, as news counts them three ways: a stock index's level and moves ("the Dow fell 102.2
points to 27,934.02", "the Sensex scaled a high of 40,816.38") are index points; a lead or a
margin in an election or a poll ("Trump won the state by 30 points", "a lead of eight points in
the latest poll") is in percentage points; a player's or a team's points ("scored 34 points") are
a count. The sentence tells them apart: an index named in it, or the words of elections and
polls without those of a game.

Pounds are money or weight: "he weighs 243 pounds", "500 pounds of cocaine", "a 2,000-pound bomb"
are weights, "fined 10,000 pounds" and "2 million pounds" money. The verb the figure belongs to
decides first, then the words of the sentence; where nothing does, a paragraph that writes money
as "£" or in sterling keeps the money reading, and any other is weight: news that writes a sum in
pounds without the sign is rare, a weight in pounds common. Used by `spacy_numbers`.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any

from briefings.extraction.figures import Figure
from briefings.extraction.numbers import SCALES, SUFFIXES

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
    "landslide", "electorate", "turnout", "state", "states", "county", "counties", "incumbent", "campaign", "yield", "yields",
    "rate", "rates", "inflation", "unemployment",
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


#: A sum written as a figure, then "pound(s)" (not "pounds 600m", "£5" or "2 million pounds").
FIGURE_THEN_POUNDS = re.compile(r"(?P<figure>[\w,.\s-]+?)[\s-]pounds?", re.IGNORECASE)
WEIGHT_WORDS = {
    "weigh", "weighs", "weighed", "weighing", "weight", "weights", "weighted", "heavy", "heavier", "heaviest", "lighter",
    "lbs", "lb", "tall", "overweight", "obese", "kilograms", "kg", "ounces", "tons", "tonnes",
}  # fmt: skip
MONEY_WORDS = {
    "paid", "pay", "pays", "paying", "cost", "costs", "costing", "price", "prices", "priced", "worth", "fine", "fined", "fines",
    "salary", "wage", "wages", "earn", "earns", "earned", "earning", "spend", "spent", "spending", "sold", "sell", "sells",
    "bought", "buy", "raised", "budget", "fee", "fees", "tax", "taxes", "bill", "note", "notes", "coin", "coins", "cash",
    "charge", "charged", "owe", "owed", "debt", "loan", "profit", "profits", "revenue", "income", "pension", "donated",
    "donation", "awarded", "compensation", "damages", "sterling", "pence", "penny", "ticket", "tickets", "deal", "bid",
    "offer", "fund", "funds", "grant", "bonus", "prize", "fare", "fares", "rent", "invested", "investment", "refund",
}  # fmt: skip
STERLING = re.compile(r"£|\bsterling\b|\bpence\b|\d\s?p\b", re.IGNORECASE)


def read_pounds(figure: Figure, written: str, tokens: tuple[Token, ...], verb: Token | None) -> Figure:
    """A sum in pounds as a weight in pounds ("lb") where the words say it is one."""
    match = FIGURE_THEN_POUNDS.fullmatch(written.strip())
    if figure.kind != "money" or figure.unit != "GBP" or match is None or _magnitude(match["figure"]):
        return figure
    weight = dataclasses.replace(figure, kind="quantity", unit="lb")
    doc = tokens[-1].doc
    after = doc[tokens[-1].i + 1] if tokens[-1].i + 1 < len(doc) else None
    if after is not None and after.lower_ == "of" or written.strip().endswith("-pound") and tokens[-1].head.lower_ not in MONEY_WORDS:
        return weight  # "500 pounds of cocaine", "a 2,000-pound bomb" (but "a five-pound note")
    if verb is not None and verb.lower_ in WEIGHT_WORDS | MONEY_WORDS:
        return weight if verb.lower_ in WEIGHT_WORDS else figure  # "weighs 250 pounds", "fined 10,000 pounds"
    words = {token.lower_ for token in tokens[0].sent}
    if bool(words & WEIGHT_WORDS) != bool(words & MONEY_WORDS):
        return weight if words & WEIGHT_WORDS else figure
    return figure if STERLING.search(doc.text) else weight


def _magnitude(figure: str) -> bool:
    """ "2 million", "5m": a sum that large in pounds is money."""
    words = re.findall(r"[a-z]+", figure.casefold())
    return any(word in SCALES or word in SUFFIXES for word in words)
