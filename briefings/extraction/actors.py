"""From name mentions to actors and places: canonical names, kinds, aliases, roles and merging.

Both engines find name mentions (`Candidate`) their own way; this module turns them into the
Actors and Places panes. A mention becomes the state, organisation or group the gazetteer knows
it as (Iranian and Tehran are Iran), or keeps its own name. Then mentions of one actor are merged:
acronyms with their long forms (defined in the text as "long form (ACRONYM)" or matching its
initials), surnames and first names with the full name, near-identical spellings (rapidfuzz),
and a definite back-reference ("the coalition") with the only group it can mean.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from briefings.decisions import actor_key
from briefings.extraction.gazetteer import Gazetteer, fold
from briefings.extraction.model import Actor, Mention, Place
from briefings.extraction.personal_names import is_full_name

#: Names at least this similar (0-100, after normalising) are one actor.
FUZZY_SIMILARITY = 90
#: Shorter names are left alone: "Ameri" and "Amerli" are 91% alike and unrelated.
FUZZY_MIN_LENGTH = 7
#: Small words left out of initials when matching an acronym to its long form.
INITIALS_SKIP = {"of", "and", "the", "for", "de", "du", "des", "la", "le", "&", "in", "on", "to", "at"}
PLACE_KINDS = {"GPE": "place", "LOC": "region", "FAC": "site"}
#: Words that end company names and are left out of their initials ("Co.", "Inc").
COMPANY_SUFFIXES = {"co", "inc", "corp", "corporation", "ltd", "plc", "llc", "lp", "ag", "sa", "nv", "company"}
ACRONYM_AFTER = re.compile(r"\s*\(\s*([A-Z][A-Za-z&.]{1,10})\s*\)")


@dataclass(slots=True)
class Candidate:
    """A name mention found by an engine.

    Attributes:
        mention: Where it is; `mention.text` is the name as written in the article.
        name: The name as read (case-normalised where the text shouts), without titles,
            determiners or possessives.
        label: PERSON, ORG, GPE, LOC, FAC, NORP, GROUP (a group named by a label, "Shia
            militia"), GROUPORG (an organisation named so, "Iraqi army") or REF (a definite
            back-reference to a group, "the coalition"; `name` is the group noun).
        role: What the text says the actor is, from a title or an appositive.
        state_sense: For a seat of government: the text uses it for the state ("Tehran said").
        person_evidence: The text calls it a person ("X, head of ...") whatever the label says.
        titled: The name with the title the person is known by ("Lord Goldsmith"), or "".
    """

    mention: Mention
    name: str
    label: str
    role: str = ""
    state_sense: bool = False
    person_evidence: bool = False
    titled: str = ""


@dataclass(slots=True)
class _Draft:
    key: str
    kind_votes: Counter[str] = field(default_factory=Counter)
    forms: Counter[str] = field(default_factory=Counter)
    mentions: list[Mention] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    titled: list[str] = field(default_factory=list)  # "Lord Goldsmith": names with a title
    canonical: str = ""  # set when the gazetteer names it
    fixed_kind: str = ""
    head: str = ""  # the group noun of a group ("militia")

    def add(self, candidate: Candidate, kind: str) -> None:
        # A mention with a role or title was read more closely than a bare one: it weighs more.
        self.kind_votes[kind] += 2 if candidate.role or candidate.person_evidence else 1
        self.forms[candidate.name] += 1
        self.mentions.append(candidate.mention)
        self.evidence = self.evidence or candidate.person_evidence or bool(candidate.role)
        if candidate.role and candidate.role not in self.roles:
            self.roles.append(candidate.role)
        if candidate.titled and candidate.titled not in self.titled:
            self.titled.append(candidate.titled)

    def absorb(self, other: _Draft) -> None:
        self.kind_votes.update(other.kind_votes)
        self.forms.update(other.forms)
        self.mentions.extend(other.mentions)
        self.roles.extend(role for role in other.roles if role not in self.roles)
        self.titled.extend(name for name in other.titled if name not in self.titled)
        self.canonical = self.canonical or other.canonical
        self.fixed_kind = self.fixed_kind or other.fixed_kind
        self.head = self.head or other.head
        self.evidence = self.evidence or other.evidence

    evidence: bool = False  # a title, role or appositive shows a person

    @property
    def voted_kind(self) -> str:
        """The kind most mentions were given (a tie goes to person)."""
        votes = self.kind_votes
        return max(votes, key=lambda kind: (votes[kind], kind == "person"))

    @property
    def kind(self) -> str:
        return self.fixed_kind or self.voted_kind

    @property
    def name(self) -> str:
        if self.canonical:
            return self.canonical
        if self.kind == "person":
            return max(self.forms, key=lambda form: (len(form.split()), self.forms[form], len(form)))
        words = [form for form in self.forms if not _looks_like_acronym(form)] or list(self.forms)
        return max(words, key=lambda form: (self.forms[form], len(form)))

    @property
    def first(self) -> tuple[int, int]:
        return min((mention.paragraph, mention.start) for mention in self.mentions)


def _looks_like_acronym(name: str) -> bool:
    letters = _acronym_letters(name)
    return (
        " " not in name
        and 2 <= len(letters) <= 6
        and all(char.isalpha() or char in "&." for char in name)
        and (name.isupper() or name[1:].islower())
    )


def _initials(name: str) -> str:
    words = [word for word in re.split(r"[\s-]+", name) if word and word.casefold() not in INITIALS_SKIP]
    while len(words) > 2 and words[-1].casefold().rstrip(".") in COMPANY_SUFFIXES:
        words.pop()  # "Pacific Gas & Electric Co." is PG&E
    return "".join(word[0] for word in words if word[0].isalpha()).upper()


def _acronym_letters(form: str) -> str:
    """The letters of an acronym as written: "PG&E" -> PGE, "U.N." -> UN."""
    return "".join(char for char in form if char.isalpha()).upper()


def _initials_of_endings(name: str) -> set[str]:
    """Initials of a long form and of its endings of two words or more, so "PUC" finds
    "California Public Utilities Commission"."""
    words = name.split()
    return {_initials(" ".join(words[start:])) for start in range(len(words) - 1)}


def match_key(name: str) -> str:
    """A key for comparing spellings: case-folded, punctuation and hyphens as spaces."""
    return " ".join(re.sub(r"[^\w\s]|_", " ", fold(name).replace("'s", "")).split())


def build(
    candidates: list[Candidate], texts: list[str], gazetteer: Gazetteer
) -> tuple[tuple[Actor, ...], tuple[Place, ...]]:
    """Turn an article's name mentions into actors and places, most mentioned first."""
    actors: dict[str, _Draft] = {}
    places: dict[str, _Draft] = {}
    references: list[Candidate] = []
    for candidate in candidates:
        if candidate.label == "REF":
            references.append(candidate)
            continue
        resolved = _resolve(candidate, gazetteer)
        if resolved is None:
            continue
        table, key, kind, canonical = resolved
        draft = (actors if table == "actor" else places).setdefault(key, _Draft(key))
        draft.add(candidate, kind)
        if canonical:
            draft.canonical, draft.fixed_kind = canonical, kind
        if candidate.label in ("GROUP", "GROUPORG"):
            draft.head = candidate.name.split()[-1].casefold()
    _merge_defined_acronyms(actors, candidates, texts, gazetteer)
    _merge_initials(actors)
    _merge_person_names(actors)
    _merge_subsets(actors)
    _merge_abbreviations(actors)
    _merge_fuzzy(actors)
    _attach_references(actors, references)
    _move_places_to_people(actors, places)
    return _actor_records(actors), _place_records(places)


def _resolve(candidate: Candidate, gazetteer: Gazetteer) -> tuple[str, str, str, str] | None:
    """Which table, key, kind and canonical name a mention belongs to, or None to drop it."""
    name, label = candidate.name, candidate.label
    if not any(char.isalpha() for char in name):
        return None
    entry = gazetteer.lookup(name)
    if label in ("GROUP", "GROUPORG"):
        kind = "group" if label == "GROUP" else "organisation"
        return "actor", match_key(name), kind, ""
    if entry is not None and not candidate.person_evidence:
        if entry.form == "place":
            return "place", fold(entry.name), entry.kind, entry.name
        if entry.form == "seat" and not candidate.state_sense:
            return "place", match_key(name), "place", ""
        if entry.form == "ambiguous" and label not in ("ORG", "NORP"):
            return None
        return "actor", fold(entry.name), entry.kind, entry.name
    if label == "NORP" or gazetteer.is_label(name):
        if gazetteer.is_label(name) or label != "NORP":
            return None
        # A political group NER calls a nationality ("Tories", "Liberal Democrats"): a party.
        return "actor", match_key(name), "organisation", ""
    if candidate.person_evidence or label == "PERSON":
        return "actor", match_key(name), "person", ""
    if label == "ORG":
        return "actor", match_key(name), "organisation", ""
    if label in PLACE_KINDS:
        return "place", match_key(name), PLACE_KINDS[label], ""
    return None


def _merge(actors: dict[str, _Draft], source: str, target: str) -> None:
    if source != target and source in actors and target in actors:
        actors[target].absorb(actors.pop(source))


def _merge_defined_acronyms(
    actors: dict[str, _Draft], candidates: list[Candidate], texts: list[str], gazetteer: Gazetteer
) -> None:
    """ "the National Statistics Institute (INSEE)": INSEE is the institute wherever it occurs."""
    by_mention = {
        (mention.paragraph, mention.start): key for key, draft in actors.items() for mention in draft.mentions
    }
    for candidate in candidates:
        mention = candidate.mention
        key = by_mention.get((mention.paragraph, mention.start))
        if key is None or key not in actors:
            continue
        match = ACRONYM_AFTER.match(texts[mention.paragraph], mention.end)
        if not match or " " not in candidate.name:
            continue
        short = match_key(match.group(1))
        if short in actors and actors[short].kind != "person":
            _merge(actors, short, key)


def _merge_initials(actors: dict[str, _Draft]) -> None:
    """An acronym ("FCO", "Isil") and a long form in the same article with those initials are one."""
    long_forms: dict[str, str] = {}
    for key, draft in actors.items():
        for form in draft.forms:
            if len(form.split()) > 1:
                long_forms.setdefault(_initials(form), key)
    for key, draft in actors.items():
        for form in draft.forms:
            for initials in _initials_of_endings(form):
                long_forms.setdefault(initials, key)
    for key in list(actors):
        draft = actors.get(key)
        if draft is None or draft.kind == "person":
            continue
        for form in list(draft.forms):
            if _looks_like_acronym(form) and _acronym_letters(form) in long_forms:
                target = long_forms[_acronym_letters(form)]
                if target in actors and target != key:
                    # The long form is the better name unless the gazetteer already named this one.
                    if actors[key].canonical and not actors[target].canonical:
                        _merge(actors, target, key)
                    else:
                        _merge(actors, key, target)
                break


def _merge_person_names(actors: dict[str, _Draft]) -> None:
    """Surnames ("Mr Straw" -> Straw) and first names ("Saddam") join the full name they belong to.

    A one-word name the model took for an organisation or a place joins a person too, since
    "Hewitt" or "Clarke" alone rarely means anything else in the same article. When two people
    share the word, the mention goes to the one named most recently before it.
    """
    _people_named_in_full(actors)
    full = {key: draft for key, draft in actors.items() if draft.kind == "person" and len(draft.name.split()) > 1}
    if not full:
        return
    for key in list(actors):
        draft = actors.get(key)
        if draft is None or draft.canonical or key in full or len(key.split()) != 1:
            continue
        surname = [other for other in full if _same_surname(key, other.split()[-1])]
        first_name = [other for other in full if other.split()[0] == key] if draft.kind == "person" else []
        owners = surname or first_name
        if not owners:
            continue
        if len(owners) > 1:
            _split_by_recency(actors, key, owners)
        else:
            actors[owners[0]].absorb(actors.pop(key))


def _people_named_in_full(actors: dict[str, _Draft]) -> None:
    """A full name the model took for a body is a person when it is a given name and a surname
    (census lists) or its last word is a person named alone in the article ("Mason Rudolph"
    beside "Rudolph")."""
    alone = {key for key, draft in actors.items() if draft.kind == "person" and " " not in key}
    for draft in actors.values():
        words = draft.name.split()
        if draft.kind == "person" or draft.canonical or draft.head or len(words) not in (2, 3):
            continue
        if match_key(words[-1]) in alone or is_full_name(words):
            draft.fixed_kind = "person"


def _same_surname(word: str, surname: str) -> bool:
    """ "Zelenskyy" and "Zelensky": one surname spelt two ways (long words only)."""
    return word == surname or min(len(word), len(surname)) >= 6 and fuzz.ratio(word, surname) >= 88


def _split_by_recency(actors: dict[str, _Draft], key: str, owners: list[str]) -> None:
    draft = actors.pop(key)
    for mention in draft.mentions:
        position = (mention.paragraph, mention.start)

        def latest_before(owner: str, position: tuple[int, int] = position) -> tuple[int, int]:
            earlier = [(m.paragraph, m.start) for m in actors[owner].mentions if (m.paragraph, m.start) < position]
            return max(earlier) if earlier else (-1, -1)

        owner = max(owners, key=latest_before)
        actors[owner].mentions.append(mention)


def _merge_subsets(actors: dict[str, _Draft]) -> None:
    """Shorter names inside longer ones: "George Bush" and "George W Bush"; "Care" and "Care
    International"; "Foreign Office" and "Foreign and Commonwealth Office"; "Democrat" and
    "Liberal Democrats"."""
    keys = sorted(actors, key=lambda key: len(key.split()))
    for key in keys:
        draft = actors.get(key)
        if draft is None or draft.canonical or draft.kind == "group":
            continue
        words = key.split()
        # A bare one-word "person" that opens an organisation's name is that organisation
        # ("Baikal" and "Baikal Finance Group"): NER often takes short company names for people.
        bare = draft.voted_kind == "person" and len(words) == 1 and not draft.evidence
        initials = draft.kind == "person" and any(len(word) == 1 for word in words[:-1])
        fitting = [
            other
            for other in actors
            if other != key
            and (len(other.split()) > len(words) or initials and not any(len(word) == 1 for word in other.split()))
            and actors[other].kind != "group"
            and (
                _family(actors[other].kind) == _family(draft.voted_kind)
                and _inside(words, other.split(), draft.kind == "person")
                or bare and actors[other].kind == "organisation" and other.split()[0] == words[0]
            )
        ]
        if len(fitting) == 1 or fitting and draft.kind == "person":
            target = max(fitting, key=lambda other: actors[other].forms.total())
            if bare and actors[target].kind == "organisation":
                actors[target].fixed_kind = actors[target].fixed_kind or "organisation"
            _merge(actors, key, target)


def _inside(words: list[str], longer: list[str], person: bool) -> bool:
    """Whether a name is a shorter form of a longer one."""
    if person:
        # "George Bush" in "George W Bush"; "B. U. Nzeribe" is "Benjamin Nzeribe" (initials).
        if len(words) < 2 or words[-1] != longer[-1]:
            return False
        first = words[0]
        if first not in longer and not (len(first) == 1 and longer[0].startswith(first)):
            return False
        return all(word in longer or len(word) == 1 for word in words[1:-1])
    if longer[: len(words)] == words:
        return True  # "Care" in "Care International", "BBC" in "BBC News"
    if len(words) == 1:
        return _singular(words[0]) == _singular(longer[-1])  # "Democrat" in "Liberal Democrats"
    remaining = iter(longer)
    in_order = all(word in remaining for word in words)
    return in_order and words[0] == longer[0] and words[-1] == longer[-1]


def _singular(word: str) -> str:
    """ "democrats" -> "democrat", "tories" -> "tory": enough for matching names."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    return word[:-1] if word.endswith("s") and not word.endswith("ss") and len(word) > 3 else word


def _merge_abbreviations(actors: dict[str, _Draft]) -> None:
    """ "Lib Dems" and "Liberal Democrats", "Fed" and "Federal Reserve": each word a shortening."""
    for key in list(actors):
        draft = actors.get(key)
        if draft is None or draft.canonical:
            continue
        words = key.split()
        targets = [
            other
            for other in actors
            if other != key and not actors[other].kind == "person" and _abbreviates(words, other.split())
        ]
        if len(targets) == 1:
            target = actors[targets[0]]
            target.absorb(actors.pop(key))
            target.fixed_kind = target.fixed_kind or max(target.kind_votes, key=lambda k: (k != "person", target.kind_votes[k]))


def _abbreviates(words: list[str], longer: list[str]) -> bool:
    if len(words) > len(longer) or any(len(word) < 3 for word in words):
        return False
    pairs = list(zip(words, longer, strict=False))
    shortened = any(len(word) < len(full) for word, full in pairs)
    return shortened and all(full.startswith(_singular(word)) or full.startswith(word) for word, full in pairs) and (
        len(words) == len(longer) or len(words) == 1
    )


def _family(kind: str) -> str:
    return "person" if kind == "person" else "other"


def _merge_fuzzy(actors: dict[str, _Draft]) -> None:
    """Near-identical spellings: "Revolutionary Guard(s)", "al-Qaida"/"al-Qaeda" not in the gazetteer."""
    keys = sorted(actors, key=lambda key: -actors[key].forms.total())
    for index, key in enumerate(keys):
        if key not in actors:
            continue
        for other in keys[index + 1 :]:
            if other not in actors or actors[other].canonical and actors[key].canonical:
                continue
            if _family(actors[key].kind) != _family(actors[other].kind):
                continue
            plural = _plural_key(key) == _plural_key(other)  # "Tory" and "Tories"
            if plural or fuzz.ratio(key, other) >= FUZZY_SIMILARITY and min(len(key), len(other)) >= FUZZY_MIN_LENGTH:
                if actors[other].canonical:
                    _merge(actors, key, other)
                    break
                _merge(actors, other, key)


def _plural_key(key: str) -> str:
    words = key.split()
    return " ".join([*words[:-1], _singular(words[-1])]) if words else key


def _attach_references(actors: dict[str, _Draft], references: list[Candidate]) -> None:
    """ "the coalition" after "the US-led coalition": a back-reference to the only group it can mean."""
    for reference in references:
        heads = [draft for draft in actors.values() if draft.head == reference.name.casefold()]
        if len(heads) == 1:
            heads[0].mentions.append(reference.mention)


def _move_places_to_people(actors: dict[str, _Draft], places: dict[str, _Draft]) -> None:
    """A one-word "place" that is the first name or surname of one person in the article is that person."""
    names: dict[str, set[str]] = {}
    for key, draft in actors.items():
        if draft.kind == "person" and " " in key:
            for word in (key.split()[0], key.split()[-1]):
                names.setdefault(word, set()).add(key)
    for key in list(places):
        owners = names.get(key, set())
        if len(owners) == 1:
            actors[owners.pop()].mentions.extend(places.pop(key).mentions)


def _unique_mentions(mentions: list[Mention]) -> tuple[Mention, ...]:
    seen: dict[tuple[int, int, int], Mention] = {}
    for mention in mentions:
        seen.setdefault((mention.paragraph, mention.start, mention.end), mention)
    return tuple(sorted(seen.values(), key=lambda m: (m.paragraph, m.start)))


def _actor_records(actors: dict[str, _Draft]) -> tuple[Actor, ...]:
    records = []
    for draft in actors.values():
        name = draft.name
        folded = {fold(name)}
        aliases = []
        for form in [*draft.forms, *draft.titled, *(mention.text for mention in draft.mentions)]:
            form = _strip_possessive(form)
            if fold(form) not in folded and not form.isspace():
                folded.add(fold(form))
                aliases.append(form)
        records.append(
            (
                draft,
                Actor(
                    key=actor_key(name),
                    name=name,
                    kind=draft.kind,
                    aliases=tuple(aliases),
                    role="; ".join(draft.roles),
                    mentions=_unique_mentions(draft.mentions),
                ),
            )
        )
    records.sort(key=lambda pair: (-pair[1].count, pair[0].first))
    return tuple(actor for _, actor in records)


def _strip_possessive(text: str) -> str:
    return re.sub(r"['\u2019]s?$", "", text.strip())


def _place_records(places: dict[str, _Draft]) -> tuple[Place, ...]:
    records = [
        (draft, Place(key=actor_key(draft.name), name=draft.name, kind=draft.kind, mentions=_unique_mentions(draft.mentions)))
        for draft in places.values()
    ]
    records.sort(key=lambda pair: (-pair[1].count, pair[0].first))
    return tuple(place for _, place in records)
