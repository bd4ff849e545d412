"""Given names, from the US census lists shipped with the `names` package (MIT; census data is
public domain): where a person's name starts inside a longer span; and the nicknames of given
names, from the hand-curated table of the `nicknames` package (Apache-2.0), so that "Dave
Collins" and "David Collins" are one person.

The language model often runs a role, a team or a country into a name ("Browns DL Sheldon
Richardson", "Insider Jason La Canfora", "Tory Liam Fox", "envoy to Ukraine Kurt Volker"). A
given name after the first word is where the name most likely starts; the words before it are
the role. The census lists are American, so names from elsewhere are often missing: a miss
leaves the span as the model gave it, never cuts it wrongly.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from importlib import resources

from nicknames import NickNamer

#: The census files of given names, men's and women's, and of surnames.
GIVEN_NAME_FILES = ("dist.male.first", "dist.female.first")
SURNAME_FILE = "dist.all.last"


def is_given_name(word: str) -> bool:
    """True when `word` ("Sheldon", "Liam") is a given name in the census lists."""
    return word.upper() in _given_names()


def is_surname(word: str) -> bool:
    """True when `word` ("Trump", "Merkel") is a surname in the census lists."""
    return word.upper() in _surnames()


def is_full_name(words: list[str]) -> bool:
    """True for a given name and a surname from the census lists ("Mason Rudolph")."""
    return len(words) == 2 and is_given_name(words[0]) and words[1].upper() in _surnames()


def person_shaped(words: list[str], known: Callable[[str], bool], body_word: Callable[[str], bool]) -> bool:
    """A given name (census lists), perhaps an initial, then a capitalised word: "Jeff Bezos",
    "Colton Sceviour". `known` says whether a word names something else (a place, a body the
    gazetteer knows) and `body_word` whether it ends a body's name ("Morgan Stanley Bank")."""
    if not 2 <= len(words) <= 3:
        return False
    first, last = words[0], words[-1]
    if len(first) < 3 or not is_given_name(first) or known(first):
        return False
    if len(words) == 3 and not re.fullmatch(r"[A-Z]\.?", words[1]):
        return False
    return last[:1].isupper() and last[1:].islower() and last.isalpha() and not body_word(last) and not known(last)


def same_given_name(first: str, other: str) -> bool:
    """True when two given names can name one person: equal, or one a nickname of the other, or
    both nicknames of one name ("Pat" and "Patrick", "Dave" and "David", "Bill" and "Billy")."""
    first, other = first.casefold().rstrip("."), other.casefold().rstrip(".")
    if first == other:
        return True
    names = _nicknamer()
    return bool(({first} | names.canonicals_of(first)) & ({other} | names.canonicals_of(other)))


@cache
def _nicknamer() -> NickNamer:
    return NickNamer()


@cache
def _given_names() -> frozenset[str]:
    return _census(*GIVEN_NAME_FILES)


@cache
def _surnames() -> frozenset[str]:
    return _census(SURNAME_FILE)


def _census(*filenames: str) -> frozenset[str]:
    folder = resources.files("names")
    found: set[str] = set()
    for filename in filenames:
        text = folder.joinpath(filename).read_text(encoding="ascii")
        found.update(line.split()[0] for line in text.splitlines() if line.strip())
    return frozenset(found)
