"""The records of actor building: a name mention as an engine finds it, and a draft actor.

Both engines hand their name mentions over as `Candidate`s; actor building gathers the mentions
of one actor into a `Draft`, which counts the kinds and spellings its mentions were given so the
merge steps (see `actor_merging`) can join drafts and the final name and kind are the majority's.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from briefings.extraction.model import Mention
from briefings.extraction.name_forms import looks_like_acronym

#: Votes a kind cue of the name's sentence ("shares in X", "X, which") gives its kind.
CUE_WEIGHT = 3


@dataclass(slots=True)
class Candidate:
    """A name mention found by an engine.

    Attributes:
        mention: Where it is; `mention.text` is the name as written in the article.
        name: The name as read (case-normalised where the text shouts), without titles,
            determiners or possessives.
        label: PERSON, ORG, GPE, LOC, FAC, NORP, MISC, WORK (a work's title), GROUP (a group named by a label, "Shia
            militia"), GROUPORG (an organisation named so, "Iraqi army") or REF (a definite
            back-reference to a group, "the coalition"; `name` is the group noun).
        role: What the text says the actor is, from a title or an appositive.
        state_sense: For a seat of government: the text uses it for the state ("Tehran said").
        person_evidence: The text calls it a person ("X, head of ...") whatever the label says.
        titled: The name with the title the person is known by ("Lord Goldsmith"), or "".
        placed: The text writes the name as where something is, in an address ("Stuttgart,
            Germany"): a place even when the gazetteer knows it as a state.
        located: The name is the object of "in", "near", "across"… ("gunfire in Senkata"): where
            something happens.
        cue: "person" or "organisation" when the words around the name say which it is ("X, who",
            "shares in X"; see `spacy_kind_cues`), else "".
    """

    mention: Mention
    name: str
    label: str
    role: str = ""
    state_sense: bool = False
    person_evidence: bool = False
    titled: str = ""
    placed: bool = False
    located: bool = False
    cue: str = ""


@dataclass(slots=True)
class Draft:
    """One actor or place as it is gathered: the kinds and spellings its mentions were given, its
    mentions, roles and titled names, and what the gazetteer fixes about it."""

    key: str
    kind_votes: Counter[str] = field(default_factory=Counter)
    forms: Counter[str] = field(default_factory=Counter)
    mentions: list[Mention] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    titled: list[str] = field(default_factory=list)  # "Lord Goldsmith": names with a title
    canonical: str = ""  # set when the gazetteer names it
    fixed_kind: str = ""
    head: str = ""  # the group noun of a group ("militia")
    cues: Counter[str] = field(default_factory=Counter)  # what the words around its mentions say it is

    def add(self, candidate: Candidate, kind: str) -> None:
        # A mention with a role or title was read more closely than a bare one: it weighs more.
        self.kind_votes[kind] += 2 if candidate.role or candidate.person_evidence else 1
        self.forms[candidate.name] += 1
        self.mentions.append(candidate.mention)
        self.evidence = self.evidence or candidate.person_evidence or bool(candidate.role)
        if candidate.cue:
            # The words around a name outweigh NER's reading of its letters, but one misparsed
            # sentence does not outweigh a name read the other way throughout the article.
            self.cues[candidate.cue] += 1
            self.kind_votes[candidate.cue] += CUE_WEIGHT
        if candidate.role and candidate.role not in self.roles:
            self.roles.append(candidate.role)
        if candidate.titled and candidate.titled not in self.titled:
            self.titled.append(candidate.titled)

    def absorb(self, other: Draft) -> None:
        self.kind_votes.update(other.kind_votes)
        self.cues.update(other.cues)
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
        words = [form for form in self.forms if not looks_like_acronym(form)] or list(self.forms)
        return max(words, key=lambda form: (self.forms[form], len(form)))

    @property
    def first(self) -> tuple[int, int]:
        return min((mention.paragraph, mention.start) for mention in self.mentions)
