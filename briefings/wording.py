"""Small wording helpers shared by the exporters and the screens."""

from __future__ import annotations


def counted(count: int, noun: str, plural: str | None = None) -> str:
    """`count` and the noun in the right number: "1 briefing", "2,400 briefings", "0 places"."""
    return f"{count:,} {noun if count == 1 else plural or noun + 's'}"
