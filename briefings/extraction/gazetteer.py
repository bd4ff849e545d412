"""The small, editable knowledge extraction starts from: states, organisations, labels and word lists.

Everything lives in plain data files in `briefings/data/` (TSV and TOML) so an analyst or a
maintainer can add a country's other name or a new title without touching code. The files are
read once per process through importlib.resources, which works from a wheel as well as a checkout.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import cache
from importlib import resources


def data_text(filename: str) -> str:
    """The text of a file in briefings/data/ (package data of `briefings`, in a wheel or a checkout)."""
    return resources.files("briefings").joinpath("data", filename).read_text(encoding="utf-8")


WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True, slots=True)
class Entry:
    """What a known name stands for.

    Attributes:
        name: The canonical name shown ("Iran", "Islamic State", "Middle East").
        kind: state, organisation or group for actors; region or place for places.
        form: How the name relates to it: "name", "alias", "demonym", "seat", "ambiguous", or
            "place" for places.
    """

    name: str
    kind: str
    form: str

    @property
    def label(self) -> str:
        """The NER label a mention of it should carry: NORP, GPE, LOC or ORG."""
        if self.form == "demonym":
            return "NORP"
        if self.form == "place":
            return "LOC"
        return "GPE" if self.kind == "state" else "ORG"


@dataclass(frozen=True, slots=True)
class Gazetteer:
    """Known names and word lists, looked up case-insensitively.

    Attributes:
        entries: Known names (case-folded) to what they stand for.
        exact: Known names in their exact written form, for case-sensitive matching in text.
        labels: Religious, ethnic and regional labels that alone are not actors.
        titles: Titles before a name (case-folded, without dots) to the role they give.
        person_nouns: Nouns that name a person by role.
        group_nouns: Nouns that name a group, to the form the group is known by.
        organisation_nouns: Nouns that make an organisation with a state ("army").
        institution_nouns: Nouns that with a state stand for the state ("government").
        identifier_nouns: Nouns after which a number is an identifier ("section").
        lowercase_words: Words kept lower case when shouting text is normalised.
        acronyms: Known names written in capitals ("US", "NATO"), kept so in shouting text.
        cased_words: The words of known names with their written case ("levant" -> "Levant").
        not_actor_heads: Last words that make a name an event, law or work ("Election", "Bill").
        place_heads: Last words that make a name a place ("Park", "Canyon").
        place_nouns: Nouns after a name that make it a place ("Belmarsh prison").
        organisation_heads: Nouns after a name that make it an organisation ("Labour party").
        organisation_role_nouns: Role nouns that show a body, not a person ("oil producer").
        post_nominals: Honours and offices written after a name ("QC", "MP").
        non_actor_acronyms: Acronyms of things, never actors ("VAT", "USB").
        name_titles: Titles a person is known by with the name ("lord", "prince", "pope").
        role_words: Occupations that, written before a full name, are its role ("lawyer").
        speech_verbs: Forms of verbs of saying and thinking, whose subjects are people or bodies.
        state_verbs: Verbs whose subject, when a capital, is its government ("imposed").
        state_nouns: Nouns a capital's possessive makes the government's ("Beijing's policy").
        work_nouns: Nouns after a person's name that make it a work ("the Harry Potter books").
        thing_nouns: Nouns after any name that make it a scheme or product ("initiative").
        armed_nouns: Group nouns that, qualified by a state, are the state acting ("US troops").
        organisation_endings: Last words that make a name a body's ("Productions", "United").
        name_remnants: Words that alone are a piece of a name cut short ("Inc", "University").
        work_role_nouns: Nouns after a name that make it a work's title ("Sweet Charity star").
        products: Names of products, programmes and indices, never actors ("iPhone").
        generic_bodies: Bodies named only by what they are ("Cabinet", "Court").
        calendar_words: Months and days, never names.
    """

    entries: dict[str, Entry]
    exact: dict[str, Entry]
    labels: frozenset[str]
    titles: dict[str, str]
    person_nouns: frozenset[str]
    group_nouns: dict[str, str]
    organisation_nouns: dict[str, str]
    institution_nouns: frozenset[str]
    identifier_nouns: frozenset[str]
    lowercase_words: frozenset[str]
    acronyms: frozenset[str] = field(default=frozenset())
    cased_words: dict[str, str] = field(default_factory=dict)
    not_actor_heads: frozenset[str] = field(default=frozenset())
    place_heads: frozenset[str] = field(default=frozenset())
    place_nouns: frozenset[str] = field(default=frozenset())
    organisation_heads: frozenset[str] = field(default=frozenset())
    organisation_role_nouns: frozenset[str] = field(default=frozenset())
    post_nominals: frozenset[str] = field(default=frozenset())
    non_actor_acronyms: frozenset[str] = field(default=frozenset())
    name_titles: frozenset[str] = field(default=frozenset())
    role_words: frozenset[str] = field(default=frozenset())
    speech_verbs: frozenset[str] = field(default=frozenset())
    state_verbs: frozenset[str] = field(default=frozenset())
    state_nouns: frozenset[str] = field(default=frozenset())
    work_nouns: frozenset[str] = field(default=frozenset())
    thing_nouns: frozenset[str] = field(default=frozenset())
    armed_nouns: frozenset[str] = field(default=frozenset())
    organisation_endings: frozenset[str] = field(default=frozenset())
    name_remnants: frozenset[str] = field(default=frozenset())
    work_role_nouns: frozenset[str] = field(default=frozenset())
    products: frozenset[str] = field(default=frozenset())
    generic_bodies: frozenset[str] = field(default=frozenset())
    calendar_words: frozenset[str] = field(default=frozenset())

    def lookup(self, name: str) -> Entry | None:
        """The entry for a name as written in text, or None. Ambiguous acronyms need their exact case."""
        folded = fold(name)
        entry = self.entries.get(folded)
        if entry is None or entry.form != "ambiguous":
            return entry
        return self.exact.get(name.strip())

    def is_label(self, name: str) -> bool:
        """True for a religious, ethnic or regional label ("Shia", "Arab")."""
        return fold(name) in self.labels

    def is_person_title(self, words: list[str]) -> bool:
        """True for a title only a person carries: an honorific ("Mr"), an abbreviation ("Gen"),
        a peerage or a title one is known by ("Lord", "Prince"), a member's letters ("MP")."""
        key = " ".join(word.rstrip(".").casefold() for word in words)
        role = self.titles.get(key)
        return role is not None and (role == "" or role.casefold() != key or key in self.name_titles or role.isupper())

    def is_role_word(self, word: str) -> bool:
        """True for an occupation that, before a full name, is the person's role ("Lawyer")."""
        return word.rstrip(".").casefold() in self.role_words

    def is_bare_title(self, words: list[str]) -> bool:
        """True for titles without their holder: every word begins a title or is an occupation
        ("Deputy Prime Minister", "Treasurer Lord", "Chief Executive")."""
        while words:
            found = self.title_role(words)
            if found is None and not self.is_role_word(words[0]):
                return False
            words = words[found[0] if found else 1 :]
        return True

    def title_role(self, words: list[str]) -> tuple[int, str] | None:
        """The longest title at the start of `words`: how many words it takes and the role it gives."""
        for size in (3, 2, 1):
            if len(words) >= size:
                key = " ".join(word.rstrip(".").casefold() for word in words[:size])
                if key in self.titles:
                    return size, self.titles[key]
        return None


def fold(text: str) -> str:
    """Case-fold and collapse spaces, and unify curly apostrophes, for lookups."""
    return " ".join(text.replace("\u2019", "'").casefold().split())


def _rows(filename: str) -> list[list[str]]:
    """The data rows of a tab-separated file with a header line and `#` comments."""
    text = data_text(filename)
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    width = len(lines[0].split("\t"))
    return [(line.split("\t") + [""] * width)[:width] for line in lines[1:]]


def _split(cell: str) -> list[str]:
    return [value.strip() for value in cell.split("|") if value.strip()]


@cache
def load() -> Gazetteer:
    """Read the data files once per process."""
    entries: dict[str, Entry] = {}
    exact: dict[str, Entry] = {}

    def add(name: str, entry: Entry) -> None:
        # The first meaning wins: a state's own name is never taken over by another row's alias.
        entries.setdefault(fold(name), entry)
        exact.setdefault(name, entry)

    for name, aliases, demonyms, seats in _rows("states.tsv"):
        add(name, Entry(name, "state", "name"))
        for alias in _split(aliases):
            add(alias, Entry(name, "state", "alias"))
        for demonym in _split(demonyms):
            add(demonym, Entry(name, "state", "demonym"))
        for seat in _split(seats):
            add(seat, Entry(name, "state", "seat"))
    for name, kind, aliases in _rows("places.tsv"):
        add(name, Entry(name, kind, "place"))
        for alias in _split(aliases):
            add(alias, Entry(name, kind, "place"))
    for name, kind, aliases, ambiguous in _rows("organisations.tsv"):
        add(name, Entry(name, kind, "name"))
        for alias in _split(aliases):
            add(alias, Entry(name, kind, "alias"))
        for alias in _split(ambiguous):
            entry = Entry(name, kind, "ambiguous")
            entries.setdefault(fold(alias), entry)
            exact.setdefault(alias, entry)

    labels_text = data_text("labels.txt")
    labels = frozenset(
        fold(line) for line in labels_text.splitlines() if line.strip() and not line.startswith("#")
    )
    lexicon = tomllib.loads(data_text("lexicon.toml"))
    words = lexicon["words"]
    acronyms = frozenset(
        name for name, entry in exact.items() if entry.form != "ambiguous" and name.isupper() and len(name) > 1
    )
    cased_words: dict[str, str] = {}
    for name in exact:
        for word in WORD.findall(name):
            if len(word) > 1 and not word.islower():
                cased_words.setdefault(word.casefold(), word)
    return Gazetteer(
        entries=entries,
        exact=exact,
        labels=labels,
        titles={fold(key): value for key, value in lexicon["titles"].items()},
        person_nouns=frozenset(fold(word) for word in words["person_nouns"]),
        group_nouns={fold(key): value for key, value in lexicon["group_nouns"].items()},
        organisation_nouns={fold(key): value for key, value in lexicon["organisation_nouns"].items()},
        institution_nouns=frozenset(fold(word) for word in words["institution_nouns"]),
        identifier_nouns=frozenset(fold(word) for word in words["identifier_nouns"]),
        lowercase_words=frozenset(fold(word) for word in words["lowercase_words"]),
        acronyms=acronyms,
        cased_words=cased_words,
        not_actor_heads=frozenset(fold(word) for word in words["not_actor_heads"]),
        place_heads=frozenset(fold(word) for word in words["place_heads"]),
        place_nouns=frozenset(fold(word) for word in words["place_nouns"]),
        organisation_heads=frozenset(fold(word) for word in words["organisation_heads"]),
        organisation_role_nouns=frozenset(fold(word) for word in words["organisation_role_nouns"]),
        post_nominals=frozenset(fold(word) for word in words["post_nominals"]),
        non_actor_acronyms=frozenset(fold(word) for word in words["non_actor_acronyms"]),
        name_titles=frozenset(fold(word) for word in words["name_titles"]),
        role_words=frozenset(fold(word) for word in [*_nameparser_titles(), *words["role_words"]]),
        speech_verbs=frozenset(fold(word) for word in words["speech_verbs"]),
        state_verbs=frozenset(fold(word) for word in words["state_verbs"]),
        state_nouns=frozenset(fold(word) for word in words["state_nouns"]),
        work_nouns=frozenset(fold(word) for word in words["work_nouns"]),
        thing_nouns=frozenset(fold(word) for word in words["thing_nouns"]),
        armed_nouns=frozenset(fold(word) for word in words["armed_nouns"]),
        organisation_endings=frozenset(fold(word) for word in words["organisation_endings"]),
        name_remnants=frozenset(fold(word) for word in words["name_remnants"]),
        work_role_nouns=frozenset(fold(word) for word in words["work_role_nouns"]),
        products=frozenset(fold(word) for word in words["products"]),
        generic_bodies=frozenset(fold(word) for word in words["generic_bodies"]),
        calendar_words=frozenset(fold(word) for word in words["calendar_words"]),
    )


def _nameparser_titles() -> list[str]:
    """nameparser's list of titles and occupations written before names, single words only."""
    from nameparser.config import CONSTANTS  # noqa: PLC0415 - only with the gazetteer

    return [title for title in CONSTANTS.titles if title.isalpha() and len(title) > 2]
