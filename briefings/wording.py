"""Small wording helpers shared by the exporters and the screens."""

from __future__ import annotations


def counted(count: int, noun: str, plural: str | None = None) -> str:
    """`count` and the noun in the right number: "1 briefing", "2,400 briefings", "0 places"."""
    return f"{count:,} {noun if count == 1 else plural or noun + 's'}"


def quoted(text: str, limit: int = 40) -> str:
    """Text quoted for a message, on one line and cut to `limit` characters: “Iran denies the…”."""
    line = " ".join(text.split())
    return f"“{line if len(line) <= limit else line[: limit - 1].rstrip() + '…'}”"
