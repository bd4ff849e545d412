"""Find text in an article: every match, the current one, and stepping with n and N."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field

from briefings.model import Paragraph
from store import fold
from tui.widgets.paragraph_lines import Highlight


_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _folded(text: str) -> tuple[str, list[int] | None]:
    """`fold(text)`, and where each of its characters comes from in `text` when folding changed
    the length ("ß" is "ss"; a combining accent goes); None when offsets are the same."""
    if text.isascii() or all(len(fold(char)) == 1 for char in set(_NON_ASCII.findall(text))):
        return fold(text), None
    pieces = [fold(char) for char in text]
    return "".join(pieces), [index for index, piece in enumerate(pieces) for _ in piece]


@dataclass(frozen=True, slots=True)
class Match:
    """One occurrence: its paragraph and character offsets."""

    paragraph: int
    start: int
    end: int


@dataclass(slots=True)
class ArticleSearch:
    """A search over the paragraphs that ignores case and accents, with a current match."""

    query: str = ""
    matches: list[Match] = field(default_factory=list)
    position: int = -1

    def run(self, query: str, paragraphs: Sequence[Paragraph]) -> None:
        """Find every occurrence of `query`, ignoring case and accents as the library search does
        ("zurich" finds "Zürich"); whitespace in it matches any run of whitespace."""
        self.query = query
        words = [re.escape(fold(word)) for word in query.split()]
        pattern = re.compile(r"\s+".join(words)) if words else None
        self.matches = []
        if pattern is not None:
            for paragraph in paragraphs:
                folded, origin = _folded(paragraph.text)
                for found in pattern.finditer(folded):
                    start, end = found.span()
                    if origin is not None:
                        start, end = origin[start], origin[end - 1] + 1
                    self.matches.append(Match(paragraph.index, start, end))
        self.position = -1

    def go_from(self, paragraph: int) -> None:
        """Make the first match at or after a paragraph current (wrapping round)."""
        if not self.matches:
            self.position = -1
            return
        keys = [match.paragraph for match in self.matches]
        self.position = bisect_left(keys, paragraph) % len(self.matches)

    def step(self, direction: int) -> None:
        """Move to the next (1) or previous (-1) match, wrapping round."""
        if self.matches:
            self.position = (self.position + direction) % len(self.matches)

    @property
    def current(self) -> Match | None:
        """The current match, if any."""
        return self.matches[self.position] if 0 <= self.position < len(self.matches) else None

    @property
    def status(self) -> str:
        """"/iran 3/12" for the title bar."""
        if not self.matches:
            return f"/{self.query}: no match"
        return f"/{self.query} {self.position + 1}/{len(self.matches)}"

    def highlights(self) -> dict[int, list[Highlight]]:
        """Spans to mark in the article view, the current match stronger than the rest."""
        marked: dict[int, list[Highlight]] = {}
        for number, match in enumerate(self.matches):
            kind = "current-match" if number == self.position else "match"
            marked.setdefault(match.paragraph, []).append(Highlight(match.start, match.end, kind))
        return marked

    def clear(self) -> None:
        """Forget the search."""
        self.query = ""
        self.matches = []
        self.position = -1
