"""Spellings of names compared: match keys, initials and acronyms, singular forms.

Merging the mentions of one actor asks the same few questions of names again and again: are two
spellings one ("Al-Qaeda", "al Qaeda"), is a word an acronym and whose initials are they ("PG&E"
is "Pacific Gas & Electric Co."), is "Tories" the plural of "Tory". The answers live here so the
records of actor building and its merge steps share one version of each.
"""

from __future__ import annotations

import re

from briefings.extraction.gazetteer import fold

#: Small words left out of initials when matching an acronym to its long form.
INITIALS_SKIP = {"of", "and", "the", "for", "de", "du", "des", "la", "le", "&", "in", "on", "to", "at"}
#: Words that end company names and are left out of their initials ("Co.", "Inc").
COMPANY_SUFFIXES = {"co", "inc", "corp", "corporation", "ltd", "plc", "llc", "lp", "ag", "sa", "nv", "company"}


def looks_like_acronym(name: str) -> bool:
    """One word of two to six letters, in capitals ("FCO") or lower case after its first ("Isil")."""
    letters = acronym_letters(name)
    return (
        " " not in name
        and 2 <= len(letters) <= 6
        and all(char.isalpha() or char in "&." for char in name)
        and (name.isupper() or name[1:].islower())
    )


def initials_of(name: str) -> str:
    """The initials of a long form, small words and a company's ending left out."""
    words = [word for word in re.split(r"[\s-]+", name) if word and word.casefold() not in INITIALS_SKIP]
    while len(words) > 2 and words[-1].casefold().rstrip(".") in COMPANY_SUFFIXES:
        words.pop()  # "Pacific Gas & Electric Co." is PG&E
    return "".join(word[0] for word in words if word[0].isalpha()).upper()


def spelled_initials(name: str) -> str:
    """The initials of a long form in which an acronym gives all its letters: "UK Athletics" is
    UKA, "US Anti-Doping Agency" USADA."""
    words = [word for word in re.split(r"[\s-]+", name) if word and word.casefold() not in INITIALS_SKIP]
    return "".join(word if word.isupper() and word.isalpha() else word[0] for word in words if word[0].isalpha()).upper()


def acronym_letters(form: str) -> str:
    """The letters of an acronym as written: "PG&E" -> PGE, "U.N." -> UN."""
    return "".join(char for char in form if char.isalpha()).upper()


def initials_of_endings(name: str) -> set[str]:
    """Initials of a long form and of its endings of two words or more, so "PUC" finds
    "California Public Utilities Commission"."""
    words = name.split()
    return {initials_of(" ".join(words[start:])) for start in range(len(words) - 1)}


def match_key(name: str) -> str:
    """A key for comparing spellings: case-folded, punctuation and hyphens as spaces."""
    return " ".join(re.sub(r"[^\w\s]|_", " ", fold(name).replace("'s", "")).split())


def singular(word: str) -> str:
    """ "democrats" -> "democrat", "organizations" -> "organization", "tories" -> "tory": enough for
    matching names."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    return word[:-1] if word.endswith("s") and not word.endswith("ss") and len(word) > 3 else word
