"""Folding text for search, and queries: how the library's full-text search matches words.

A query is folded as the text is (case and accents dropped, punctuation gone) and split into
words; see `store.textindex` for how places are matched and ranked, and `Query` for what finds a
word. `fold` is also what the article search on the review screen uses, so both searches agree
on what "zurich" finds.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from itertools import accumulate

from store.index import IndexEntry

#: The shortest query word that also matches the start of longer words; the last word of the
#: query may be shorter (it may be a word being typed), but never one letter: "B" is not every
#: word starting with b.
PREFIX = 3
PREFIX_LAST = 2


# ----------------------------------------------------------------- folding


def _fold_char(char: str) -> str:
    """One character without case or accents: NFKD, combining marks dropped, case-folded."""
    decomposed = unicodedata.normalize("NFKD", char)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _in_word(char: str) -> bool:
    return char.isalnum() or unicodedata.category(char).startswith("M")


class _FoldTable(dict[int, str]):
    """A `str.translate` table that folds each character the first time it is seen.

    Folding character by character gives what folding the whole text would (NFKD decomposes
    each character on its own, and the marks reordering could move are dropped), and it tells
    where each character of the original went, which snippets need.
    """

    def __init__(self, *, words: bool) -> None:
        super().__init__()
        self.words = words

    def __missing__(self, code: int) -> str:
        folded = _fold_char(chr(code))
        if self.words:
            folded = "".join(c if _in_word(c) else " " for c in folded)
        self[code] = folded
        return folded


_FOLD = _FoldTable(words=False)
_WORDS = _FoldTable(words=True)
#: `_WORDS` for ASCII, as a bytes table: letters lower-cased, digits kept, the rest spaces.
_ASCII_WORDS = bytes(
    code + 32 if 65 <= code <= 90 else code if 48 <= code <= 57 or 97 <= code <= 122 else 32 for code in range(256)
)


def fold(text: str) -> str:
    """`text` as filters compare it: case-folded, accents dropped ("Zürich" is "zurich")."""
    return text.lower() if text.isascii() else text.translate(_FOLD)


def words(text: str) -> bytes:
    """The words of `fold(text)`, one space between two, in UTF-8: what the text index holds.

    Anything that is not a letter, a digit or a mark separates words, so "Iran’s" is "iran s",
    "18,000" is "18 000" and "U.S." is "u s".
    """
    if text.isascii():
        return b" ".join(text.encode("ascii").translate(_ASCII_WORDS).split())
    return b" ".join(text.translate(_WORDS).encode("utf-8", "surrogatepass").split())


def locate(original: str, folded: str, start: int, end: int) -> tuple[int, int] | None:
    """Where `folded[start:end]` came from in `original`, if `folded` is `words(original)`."""
    spaced = original.translate(_WORDS)  # folded character by character, separators kept
    kept = [match.span() for match in re.finditer(r"[^ ]+", spaced)]
    if " ".join(spaced[left:right] for left, right in kept) != folded:
        return None
    inside: list[int] = []  # for each character of `folded`, where it is in `spaced`
    for left, right in kept:
        if inside:
            inside.append(left - 1)
        inside.extend(range(left, right))
    # Where each character of `original` starts in `spaced` (marks dropped take no room).
    starts = list(accumulate((len(_WORDS[ord(char)]) for char in original), initial=0))
    return bisect_right(starts, inside[start]) - 1, bisect_left(starts, inside[end - 1] + 1)


@dataclass(frozen=True, slots=True)
class Query:
    """A search query folded into words, with the byte strings that find them in `words`.

    Attributes:
        words: The query's words, folded, in order.
        whole: For each distinct word, what finds it as a whole word (" word ").
        finders: For each distinct word, what finds it as the query allows: the whole word, or
            the start of a word (" word") when it is long enough.
        phrase: What finds the query's words in order, as whole words.
    """

    words: tuple[bytes, ...]
    whole: tuple[bytes, ...]
    finders: tuple[bytes, ...]
    phrase: bytes

    @classmethod
    def parse(cls, text: str) -> Query:
        found = tuple(words(text).split())
        prefixes: dict[bytes, bool] = {}
        for number, word in enumerate(found):
            shortest = PREFIX_LAST if number == len(found) - 1 else PREFIX
            prefixes[word] = prefixes.get(word, False) or len(word.decode("utf-8")) >= shortest
        return cls(
            found,
            tuple(b" " + word + b" " for word in prefixes),
            tuple(b" " + word + (b"" if prefix else b" ") for word, prefix in prefixes.items()),
            b" " + b" ".join(found) + b" ",
        )


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One place a query was found.

    Attributes:
        entry: The briefing's index entry.
        field: "title", "text" (a paragraph), "note", "summary" or "question".
        paragraph: The paragraph, for text, notes and questions tied to one; else None.
        snippet: The matching text with some context, on one line.
        start: Where the match starts in the snippet (for highlighting).
        length: How long the match is.
    """

    entry: IndexEntry
    field: str
    paragraph: int | None
    snippet: str
    start: int
    length: int

    @property
    def id(self) -> str:
        return self.entry.id


