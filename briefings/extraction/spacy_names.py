"""Reading names from a parsed paragraph: cleaning NER spans, roles, groups, and what NER missed.

NER spans are cleaned (determiners, possessives, titles) and checked against the parse and the
gazetteer: a title or an appositive gives a role and shows a person ("Hadi al-Ameri, head of the
Badr Organisation" is a person whatever the NER label); a name before "prison" or ending in "Park"
is a place; "Home" in "Home Secretary" or "State" in "Secretary of State" is part of a title, and
"General Election" is an event. Groups named by a label or a state are built from the parse
("Iran-backed Shia militia" gives "Shia militia"). Names NER missed are recovered when the parse
shows them as a person ("..., Theresa May, said") or an organisation ("the Labour party"), and, for
the whole article, a name NER found once is found again where it missed it ("Lebed").
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from collections.abc import Iterable
from typing import Any

from briefings.extraction import syntax
from briefings.extraction.actors import Candidate
from briefings.extraction.gazetteer import Gazetteer, fold
from briefings.extraction.model import Mention
from briefings.extraction.personal_names import is_given_name, is_surname
from briefings.extraction.world_places import is_world_place

Doc = Any
Span = Any
Token = Any

NAME_LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"}
MISC_LABELS = {"EVENT", "WORK_OF_ART", "LAW", "PRODUCT", "LANGUAGE"}
NUMERIC_LABELS = {"CARDINAL", "MONEY", "PERCENT", "QUANTITY", "DATE", "TIME", "ORDINAL"}
#: Prepositions after which a "person" is more likely a place ("in Belmarsh").
LOCATIVE = {"in", "near", "outside", "inside", "across", "throughout", "around"}
#: Second parts of hyphenated adjectives made from names ("EU-wide", "Trump-era").
HYPHEN_SUFFIXES = {"era", "wide", "born", "style", "like", "free", "level", "run", "made", "bound", "centric", "specific", "only", "owned"}
#: Chambers that qualify a party's members ("Senate Republicans").
CHAMBERS = {"House", "Senate", "Congressional", "Parliamentary", "Commons", "Lords"}
NEGATED_PREFIX = re.compile(r"^(?:non|anti|pro|ex|post|pre|pan)-", re.IGNORECASE)
#: Words of UK-style portfolio titles: a "name" made of them before a title is part of the title.
PORTFOLIO_WORDS = {
    "home", "foreign", "shadow", "trade", "industry", "defence", "defense", "health", "education",
    "treasury", "justice", "interior", "transport", "energy", "environment", "culture", "media",
    "sport", "work", "pensions", "business", "cabinet", "state", "chief", "deputy", "acting",
    "junior", "development", "international", "northern", "ireland", "scotland", "wales", "and", "of",
    "finance", "economy", "security", "communities", "local", "government", "family", "women",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Title:
    """A title read off the front of a name: the role it gives, and the titled name when the
    person is known by it ("Lord Goldsmith"; "" otherwise)."""

    role: str
    titled: str = ""


class NameReader:
    """The name candidates of one parsed paragraph."""

    def __init__(self, gazetteer: Gazetteer, paragraph_index: int, text: str, doc: Doc) -> None:
        self.gazetteer = gazetteer
        self.paragraph_index = paragraph_index
        self.text = text
        self.doc = doc
        self.consumed: set[int] = set()
        self.groups = self._groups()
        self.names = [
            candidate
            for ent in doc.ents
            if ent.label_ not in NUMERIC_LABELS
            for piece, label in self._split(self._pieces(list(ent)), ent.label_)
            if (candidate := self.name(piece, label, ent.text)) is not None
        ]
        self.names.extend(self._missed())

    def mention(self, start: int, end: int) -> Mention:
        return Mention(self.paragraph_index, start, end, self.text[start:end])

    def candidates(self) -> list[Candidate]:
        """Groups, then names not inside a group or a longer name, in text order."""
        found = [*self.groups, *(c for c in self.names if not self._in_group(c))]
        found.sort(key=lambda candidate: (candidate.mention.start, -candidate.mention.end))
        kept: list[Candidate] = []
        for candidate in found:
            if kept and candidate.mention.end <= kept[-1].mention.end:
                continue  # "Theresa" inside "Theresa May"
            kept.append(candidate)
        return kept

    def _in_group(self, candidate: Candidate) -> bool:
        return any(
            token.i in self.consumed
            for token in self.doc.char_span(candidate.mention.start, candidate.mention.end, alignment_mode="expand") or ()
        )

    # One NER span -----------------------------------------------------------------------------

    def _pieces(self, tokens: list[Token]) -> list[list[Token]]:
        """An entity cut where NER ran names together: at figures ("Somerset 83", "Pohang 3 Ulsan
        2"), spaced dashes, brackets and commas ("CRICKET - LEICESTERSHIRE", "Draper ( Australia")."""
        pieces: list[list[Token]] = [[]]
        for index, token in enumerate(tokens):
            previous = tokens[index - 1] if index else None
            figure = token.text[:1].isdigit() and not (
                previous is not None and fold(previous.text) in self.gazetteer.identifier_nouns
            )
            separator = token.text in ("(", ")", "[", "]", ",", ";", ":", "/", '"') or token.is_lower and token.lower_ in self.gazetteer.person_nouns or (
                token.text in ("-", "–", "—") and token.whitespace_ and previous is not None and previous.whitespace_
            )
            if figure or separator:
                pieces.append([])
            else:
                pieces[-1].append(token)
        return [piece for piece in pieces if any(char.isalpha() for token in piece for char in token.text)]

    def _owned(self, tokens: list[Token]) -> bool:
        """Whether a name is written as a named owner's ("Abramovich's" + "Chelsea")."""
        first = tokens[0].i
        return first >= 2 and self.doc[first - 1].tag_ == "POS" and self.doc[first - 2].pos_ == "PROPN"

    def _split(self, pieces: list[list[Token]], label: str) -> list[tuple[list[Token], str]]:
        """Pieces with their labels, a person's name cut from a known name run into it
        ("Ukraine" + "Kurt Volker", "Nasa" + "Jim Bridenstine")."""
        found = []
        for piece, piece_label in self._owners(pieces, label):
            start = self._name_start(piece) if piece_label != "PERSON" else 0
            if start and self.gazetteer.lookup(syntax.text_of(piece[:start])) is not None:
                found.append((piece[:start], piece_label))
                found.append((piece[start:], "PERSON"))
            else:
                found.append((piece, piece_label))
        return found

    def _qualified_body(self, tokens: list[Token]) -> list[Token]:
        """ "Virginia Democrats", "Senate Republicans", "Scottish Tories": a known body (a party)
        qualified by a place or a chamber is that body; [] otherwise."""
        for size in (1, 2):
            if len(tokens) <= size:
                break
            body, prefix = tokens[-size:], syntax.text_of(tokens[:-size])
            entry = self.gazetteer.lookup(syntax.text_of(body))
            if entry is None or entry.kind != "organisation":
                continue
            place = self.gazetteer.lookup(prefix)
            if prefix in CHAMBERS or is_world_place(prefix) or place is not None and place.kind in ("state", "region", "place"):
                return body
        return []

    def _name_start(self, tokens: list[Token]) -> int:
        """Where a person's name starts inside a longer span: after a known name that opens it
        ("Tory" + "Liam Fox", "Ukraine" + "Kurt Volker"), or at a given name (see
        `_given_name_start`); 0 when the span is one name."""
        for size in (2, 1):
            rest = tokens[size:]
            if (
                len(rest) >= 2
                and all(token.text[:1].isupper() for token in rest)
                and self.gazetteer.lookup(syntax.text_of(tokens[:size])) is not None
                and self.gazetteer.lookup(syntax.text_of(rest)) is None
            ):
                return size
        return _given_name_start(tokens)

    @staticmethod
    def _owners(pieces: list[list[Token]], label: str) -> list[tuple[list[Token], str]]:
        """Pieces cut at a possessive inside an entity ("Musk's SpaceX", "Nasa's Office of the
        Inspector General"): the owner keeps the label, and what a person owns is a body, not
        another person. A name that opens with a common noun's possessive ("People's Liberation
        Army", "Women's Institute") is one name."""
        found: list[tuple[list[Token], str]] = []
        for piece in pieces:
            cut = next((n for n, token in enumerate(piece[:-1]) if token.tag_ == "POS" and n), None)
            owner = [token for token in piece[:cut or 0] if token.lower_ not in ("the", "a", "an")]
            if cut is None or len(owner) == 1 and owner[0].tag_ in ("NNS", "NNPS"):  # "People's Liberation Army": one name
                found.append((piece, label))
            else:
                found.append((piece[:cut], label))
                found.append((piece[cut + 1 :], "ORG" if label == "PERSON" else label))
        return found

    def name(self, tokens: list[Token], label: str, text: str = "") -> Candidate | None:
        """A cleaned, checked name from (a piece of) an entity, or None when it is not a name at all."""
        tokens = _trim(self._extend_right(self._extend_left(tokens)))
        if label == "PERSON":
            tokens = _drop_leading_words(tokens)
        if not tokens or NEGATED_PREFIX.match(text or tokens[0].text):
            return None
        words = [token for token in tokens if token.is_alpha]
        if words and all(token.is_lower for token in words):
            return None  # "lorry crash", "marijuana": a name has a capital somewhere
        gazetteer = self.gazetteer
        if len(tokens) == 1 and fold(tokens[0].text) in gazetteer.non_actor_acronyms:
            return None
        if all(gazetteer.title_role([token.text]) or fold(token.text) in gazetteer.person_nouns for token in tokens):
            return None  # "Deputy Prime Minister", "Treasurer Lord": a title without its holder
        if _is_product(gazetteer, tokens):
            return None  # "iPhone", "Windows XP", "MacBook Pro": things, not actors
        if len(tokens) == 1 and fold(tokens[0].text) in gazetteer.generic_bodies:
            return None  # "the Cabinet", "the Court": a body named only by what it is
        if len(tokens) == 1 and tokens[0].is_lower and tokens[0].pos_ != "PROPN":
            return None  # "will scan voters' fingers": a lower-case word is not a name
        entry = gazetteer.lookup(syntax.text_of(tokens))
        if entry is None and (body := self._qualified_body(tokens)):
            tokens, label, entry = body, "ORG", gazetteer.lookup(syntax.text_of(body))
        if label not in NAME_LABELS:
            if entry is None:
                return self._candidate(tokens, "MISC") if label in MISC_LABELS else None
            label = entry.label
        if entry is None and self._part_of_title(tokens):
            return None
        while entry is None and label != "PERSON" and len(tokens) > 2 and tokens[-1].text[:1].isupper() and gazetteer.title_role([tokens[-1].text]):
            tokens = tokens[:-1]  # "House of Representatives Speaker": the body, then a title
        tokens, label, title = self._strip_title(tokens, label, entry is not None)
        if title is None and (entry is None or label == "PERSON"):
            title = self._title_before(tokens)
            label = "PERSON" if title is not None else label
        title_role = title.role if title else ""
        if label == "PERSON" and title is None and self._owned(tokens):
            label = "ORG"  # "Musk's Starlance": what a named owner has is a body, not a person
        post_nominal = ""
        while len(tokens) > 1 and fold(tokens[-1].text).replace(".", "") in gazetteer.post_nominals:
            post_nominal, tokens = tokens[-1].text, tokens[:-1]  # "Ian MacDonald QC"
            label = "PERSON"
        if not tokens:
            return None
        roles, evidence, body = self._roles(tokens, label) if entry is None or label == "PERSON" else ([], False, False)
        if entry is None and body and not evidence and not title_role and label in ("PERSON", "GPE"):
            label = "ORG"  # "Surgutneftegas, Russia's fourth-biggest oil producer"
        elif entry is None and not evidence:
            label = self._correct_label(tokens, label)
            if label == "":
                return None
        roles = _distinct_roles([title_role, *roles, post_nominal])
        candidate = self._candidate(tokens, label, ", ".join(roles), evidence and label != "PERSON" or title is not None)
        candidate.titled = title.titled if title else ""
        return candidate

    def _extend_right(self, tokens: list[Token]) -> list[Token]:
        """ "Kim Jong" + "-un", "Cheuk Hau" + "-yip": a hyphenated name NER cut at the hyphen (the
        part after it written in lower case, so "U.S.-Canada" is not one name)."""
        last = tokens[-1]
        doc = self.doc
        if (
            last.i + 2 < len(doc)
            and not last.whitespace_
            and doc[last.i + 1].text == "-"
            and not doc[last.i + 1].whitespace_
            and doc[last.i + 2].is_alpha
            and doc[last.i + 2].is_lower
            and not doc[last.i + 2].ent_type_
        ):
            return [*tokens, doc[last.i + 1], doc[last.i + 2]]
        return tokens

    def _extend_left(self, tokens: list[Token]) -> list[Token]:
        """ "Liberal" + "Democrats": take in a capitalised modifier NER left outside the name."""
        first = tokens[0]
        while first.i > first.sent.start:
            before = self.doc[first.i - 1]
            if (
                before.pos_ != "PROPN"
                or before.ent_type_
                or not before.text[:1].isupper()
                or before.dep_ not in ("compound", "amod")
                or before.head.i not in {token.i for token in tokens}
                or self.gazetteer.title_role([before.text])
                or self.gazetteer.is_label(before.text)
                or before.i == before.sent.start and fold(before.text) in self.gazetteer.lowercase_words
            ):
                break
            tokens = [before, *tokens]
            first = before
        return tokens

    def _candidate(self, tokens: list[Token], label: str, role: str = "", evidence: bool = False) -> Candidate:
        start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
        return Candidate(
            mention=self.mention(start, end),
            name=syntax.text_of(tokens),
            label=label,
            role=role,
            state_sense=self._state_sense(_root(tokens)),
            person_evidence=evidence,
        )

    def _state_sense(self, root: Token) -> bool:
        """Whether a seat of government stands for its state here: "Tehran said", "Washington
        imposed sanctions", "Beijing's policy", but not "Delhi's air" or "London is expensive"."""
        gazetteer = self.gazetteer
        if root.dep_ in ("nsubj", "nsubjpass", "agent"):
            verb = root.head.head if root.dep_ == "agent" else root.head
            return verb.lower_ in gazetteer.speech_verbs or verb.lower_ in gazetteer.state_verbs
        if root.dep_ == "poss":
            return root.head.lower_ in gazetteer.state_nouns
        return False

    def _correct_label(self, tokens: list[Token], label: str) -> str:
        """Fix the NER label from the name's own words and its place in the sentence; "" to drop it."""
        gazetteer = self.gazetteer
        last = fold(tokens[-1].text)
        root = _root(tokens)
        following = self.doc[tokens[-1].i + 1] if tokens[-1].i + 1 < len(self.doc) else None
        if last in gazetteer.not_actor_heads:
            return "MISC"
        if label == "PERSON" and root.dep_ == "compound" and root.head.lower_ in gazetteer.work_nouns:
            return "MISC"  # "the Harry Potter books": a work named after its hero
        if root.dep_ == "compound" and root.head.lower_ in gazetteer.thing_nouns:
            return "MISC"  # "its Connected World initiative", "the Club World scheme"
        if last in gazetteer.place_heads and len(tokens) > 1 and not (len(tokens) == 2 and is_given_name(tokens[0].text)):
            return "FAC"  # "Bryce Canyon", but not "Frank Field"
        if label == "GPE" and self._listed_with_bodies(root):
            return "ORG"  # "Pepsi, Costco and Winnebago": companies, whatever towns share the names
        if label != "NORP" and following is not None and following.lower_ in gazetteer.place_nouns and root.head.i == following.i:
            return "GPE"
        if label in ("ORG", "PERSON") and is_world_place(syntax.text_of(tokens)) and self._placed(root):
            return "GPE"  # "voters in Bethnal Green", "Bordeaux in France": a town, not a body
        if label in ("ORG", "PERSON") and self._plainly_placed(tokens, root):
            return "GPE"  # "an area of Sarkh", "an Amritsar-based agent", "based out of Delhi-NCR"
        if len(tokens) == 1 and fold(tokens[0].text) in gazetteer.calendar_words:
            return ""  # "July", "Monday": NER sometimes calls them bodies
        if len(tokens) == 1 and label in ("PERSON", "ORG", "GPE") and tokens[0].pos_ not in ("PROPN", "NUM") and not tokens[0].text.isupper():
            return ""  # "Honorary consuls": a capitalised adjective, not a name
        if label in ("PERSON", "ORG") and self._listed_with_place(root, single=len(tokens) == 1 or label == "PERSON"):
            return "GPE"  # "Dallas in the US, Bordeaux in France", "London, and Woodhill, Milton Keynes"
        if label == "PERSON":
            if root.dep_ == "pobj" and root.head.lower_ in LOCATIVE:
                return "GPE"
            head = root.head
            if (
                len(tokens) == 1
                and root.dep_ == "compound"
                and head.pos_ == "NOUN"
                and head.lower_ not in gazetteer.person_nouns
                and head.lower_ not in gazetteer.group_nouns
                and head.lower_ not in gazetteer.institution_nouns
                and head.lower_ not in gazetteer.organisation_heads
            ):
                return ""  # "a new Clio model": a product named after no one in the story
        return label

    @staticmethod
    def _placed(root: Token) -> bool:
        """Whether the text places the name: after "in", "near"…, or itself "in" a country."""
        if root.dep_ == "pobj" and root.head.lower_ in LOCATIVE:
            return True
        return any(
            child.dep_ == "prep" and child.lower_ in ("in", "near") and any(obj.ent_type_ in ("GPE", "LOC") for obj in child.children)
            for child in root.children
        )

    def _plainly_placed(self, tokens: list[Token], root: Token) -> bool:
        """Contexts only places have: "the area/district of X", "X-based", "based in/out of X"."""
        gazetteer = self.gazetteer
        doc = self.doc
        after = tokens[-1].i + 1
        if after + 1 < len(doc) and doc[after].text == "-" and doc[after + 1].lower_ == "based":
            return True
        head = root.head
        if root.dep_ != "pobj":
            return False
        if head.lower_ == "of" and head.head.lower_ in gazetteer.place_nouns:
            return True
        return head.lower_ in ("in", "of") and any(token.lower_ == "based" for token in (head.head, head.head.head))

    def _listed_with_bodies(self, root: Token) -> bool:
        """True when the name is listed with two organisations or more and no place ("Pepsi,
        Coca-Cola, Costco and Winnebago")."""
        neighbours = [child for child in root.children if child.dep_ == "conj"]
        current = root
        while current.dep_ == "conj" and current.head != current:
            current = current.head
            neighbours.append(current)
        kinds = [other.ent_type_ for other in neighbours if other.ent_type_]
        return kinds.count("ORG") >= 2 and not set(kinds) & {"GPE", "LOC", "FAC"}

    def _listed_with_place(self, root: Token, single: bool) -> bool:
        """True when the name is coordinated with a town or region ("Dallas, Bordeaux and Oporto")."""
        if not single:
            return False
        neighbours = [child for child in root.children if child.dep_ == "conj"]
        current = root
        while current.dep_ in ("conj", "appos") and current.head != current:
            current = current.head
            neighbours.append(current)
        for other in neighbours:
            if other.ent_type_ in ("LOC", "FAC"):
                return True
            if other.ent_type_ == "GPE":
                entry = self.gazetteer.lookup(other.text)
                if entry is None or entry.form in ("seat", "place"):
                    return True
        return False

    def _part_of_title(self, tokens: list[Token]) -> bool:
        """ "Home" in "Home Secretary", "State" in "Secretary of State": words of a title, not a body."""
        following = self.doc[tokens[-1].i + 1] if tokens[-1].i + 1 < len(self.doc) else None
        if (
            following is not None
            and following.text[:1].isupper()
            and self.gazetteer.title_role([following.text])
            and all(fold(token.text) in PORTFOLIO_WORDS for token in tokens)
        ):
            return True
        first = tokens[0].i
        if first >= 2 and self.doc[first - 1].lower_ in ("of", "for"):
            title = self.doc[first - 2]
            return bool(title.text[:1].isupper() and self.gazetteer.title_role([title.text]))
        return False

    def _strip_title(self, tokens: list[Token], label: str, known: bool) -> tuple[list[Token], str, Title | None]:
        """ "Gen Martin Dempsey" -> Martin Dempsey, role General; "Home Secretary Charles Clarke" and
        "Lawyer Louise Christian" too. A title a person is known by ("Lord Goldsmith") is kept as
        one of the person's names."""
        if known:
            return tokens, label, None
        gazetteer = self.gazetteer
        words = [token.text for token in tokens]
        found = gazetteer.title_role(words)
        if found and len(tokens) > found[0] and (label == "PERSON" or gazetteer.is_person_title(words[: found[0]])):
            size, role = found
            rest = tokens[size:]
            if rest[0].text[:1].isupper():
                key = " ".join(word.rstrip(".").casefold() for word in words[:size])
                titled = syntax.text_of(tokens) if key in gazetteer.name_titles else ""
                return rest, "PERSON", Title(role, titled)
        if label == "PERSON" and len(tokens) > 2 and gazetteer.is_role_word(words[0]) and all(w[:1].isupper() for w in words[1:]):
            return tokens[1:], label, Title(words[0].casefold() if words[0][1:].islower() else words[0])
        start = self._name_start(tokens) if label == "PERSON" else 0
        if start:
            return tokens[start:], label, Title(syntax.text_of(tokens[:start]))  # "Browns DL Sheldon Richardson"
        if label == "PERSON" and len(tokens) > 2:
            # A role written before the name inside the entity: cut after its last title word.
            for cut in range(len(tokens) - 2, 0, -1):
                if gazetteer.title_role([tokens[cut].text]) and all(t.text[:1].isupper() for t in tokens[: cut + 1]):
                    return tokens[cut + 1 :], label, Title(syntax.text_of(tokens[: cut + 1]))
        return tokens, label, None

    def speaks(self, candidate: Candidate) -> bool:
        """Whether the text treats the name as a person's: the subject of a verb of saying or
        thinking ("X said", "X believes"), or the owner of a person ("X's chancellor", "X's wife")."""
        span = self.doc.char_span(candidate.mention.start, candidate.mention.end, alignment_mode="expand")
        if span is None:
            return False
        root = _root(list(span))
        head = root.head
        if root.dep_ == "poss":
            return head.ent_type_ == "PERSON" or head.lower_ in self.gazetteer.person_nouns or bool(self.gazetteer.title_role([head.text]))
        return root.dep_ in ("nsubj", "nsubjpass") and head.lower_ in self.gazetteer.speech_verbs

    def _title_before(self, tokens: list[Token]) -> Title | None:
        """A title only people carry written just before the name, outside the entity ("Lord" +
        "Liverpool", "Mr" + "Jordan"): the role it gives, and the titled name if known by it."""
        first = tokens[0].i
        for size in (3, 2, 1):
            if first - size < tokens[0].sent.start:
                continue
            before = list(self.doc[first - size : first])
            words = [token.text for token in before]
            if not words[0][:1].isupper() or not self.gazetteer.is_person_title(words):
                continue
            found = self.gazetteer.title_role(words)
            if found is None or found[0] != size:
                continue
            key = " ".join(word.rstrip(".").casefold() for word in words)
            return Title(found[1], syntax.text_of([*before, *tokens]) if key in self.gazetteer.name_titles else "")
        return None

    def _roles(self, tokens: list[Token], label: str) -> tuple[list[str], bool, bool]:
        """Roles from the parse: appositives on either side, and a role noun written before the name.

        Also says whether a role shows a person ("head of ...") or a body ("oil producer").
        """
        gazetteer = self.gazetteer
        ids = {token.i for token in tokens}
        root = _root(tokens)
        roles: list[tuple[int, str]] = []
        role_heads: list[Token] = []
        head = root.head
        if root.dep_ == "appos" and head.i < tokens[0].i and head.pos_ in ("NOUN", "PROPN") and not head.ent_type_:
            if (head.pos_ == "NOUN" or gazetteer.title_role([head.text])) and _plain_role(head):
                roles.append((head.i, syntax.phrase(head, skip=[root])))
                role_heads.append(head)
        left: list[Token] = []
        index = tokens[0].i - 1
        while index >= 0:
            token = self.doc[index]
            if token.dep_ not in ("compound", "amod", "nmod") or token.head.i not in ids | {t.i for t in left}:
                break
            if token.ent_type_ == "PERSON":
                break
            left.insert(0, token)
            index -= 1
        while left and left[0].i >= 2 and self.doc[left[0].i - 1].text == "-" and not self.doc[left[0].i - 2].whitespace_:
            left = [self.doc[left[0].i - 2], self.doc[left[0].i - 1], *left]  # "all-rounder", "ex-minister"
        while left and gazetteer.title_role([left[0].text]) == (1, ""):
            left = left[1:]  # "Mr", "Sir": honorifics say nothing about a role
        while left and gazetteer.title_role([left[-1].text]) == (1, ""):
            left = left[:-1]  # "Attorney General Lord Goldsmith"
        if left and left[-1].pos_ in ("NOUN", "PROPN") and (label == "PERSON" or left[-1].lower_ in gazetteer.person_nouns):
            last = left[-1]
            if last.lower_ in gazetteer.person_nouns or gazetteer.title_role([last.text]) or last.pos_ == "NOUN":
                roles.append((left[0].i, _expand_title(gazetteer, left)))
                role_heads.append(last)
        for child in root.children:
            if child.dep_ == "appos" and child.i > tokens[-1].i and child.pos_ == "NOUN" and not child.ent_type_:
                if self._follows_other_name(child, ids) or not _plain_role(child):
                    continue  # "X, head of the Badr Organisation, the leading militia": about the organisation
                roles.extend((child.i, role) for role in syntax.role_phrases(child))
                role_heads.append(child)
        evidence = any(head.lower_ in gazetteer.person_nouns or gazetteer.title_role([head.text]) for head in role_heads)
        body = any(head.lower_ in gazetteer.organisation_role_nouns for head in role_heads)
        return [role for _, role in sorted(roles) if role], evidence, body

    def _follows_other_name(self, appositive: Token, own: set[int]) -> bool:
        """True when the appositive comes right after another name, which it more likely describes."""
        index = appositive.left_edge.i - 1
        while index >= 0 and self.doc[index].is_punct:
            index -= 1
        if index < 0 or index in own:
            return False
        return self.doc[index].ent_type_ in ("ORG", "GPE", "FAC", "NORP", "PERSON")

    # Names NER missed -------------------------------------------------------------------------

    def _missed(self) -> list[Candidate]:
        """Runs of proper nouns outside any entity that the parse shows to be a person or a body."""
        found = []
        for run in self._proper_runs():
            if all(self.gazetteer.title_role([token.text]) for token in run) or self._touches_entity(run):
                continue
            tokens, _, title = self._strip_title(run, "PERSON", False)
            title_role = title.role if title else ""
            following = self.doc[run[-1].i + 1] if run[-1].i + 1 < len(self.doc) else None
            if following is not None and following.lower_ in self.gazetteer.organisation_heads and _root(run).head.i == following.i:
                start, end = run[0].idx, following.idx + len(following.text)
                found.append(Candidate(self.mention(start, end), f"{syntax.text_of(run)} {following.lower_}", "ORG"))
                continue
            if not tokens or self.gazetteer.lookup(syntax.text_of(tokens)) is not None:
                continue
            if len(run) > 1 and _singular(fold(run[-1].text)) in self._body_words():
                # "Coalition of Non-governmental Organizations": a body's name NER left out.
                found.append(self._candidate(run, "ORG"))
                continue
            roles, evidence, _ = self._roles(tokens, "PERSON")
            if evidence or (title is not None and len(tokens) < len(run)):
                candidate = self._candidate(tokens, "PERSON", ", ".join([title_role, *roles] if title_role else roles), True)
                candidate.titled = title.titled if title else ""
                found.append(candidate)
        return found

    def _body_words(self) -> set[str]:
        gazetteer = self.gazetteer
        return {*gazetteer.organisation_heads, *gazetteer.organisation_role_nouns, "organisation", "organization", "association"}

    def _touches_entity(self, run: list[Token]) -> bool:
        """A run right next to an entity belongs to it ("Sir" before "Ian Blair")."""
        before = self.doc[run[0].i - 1] if run[0].i > 0 else None
        after = self.doc[run[-1].i + 1] if run[-1].i + 1 < len(self.doc) else None
        return any(
            token is not None and token.ent_type_ and token.ent_type_ not in NUMERIC_LABELS for token in (before, after)
        ) and not any(token is not None and token.is_punct for token in (before, after))

    def _proper_runs(self) -> list[list[Token]]:
        """Runs of capitalised proper nouns outside entities, joined by "of", "for", "and", "the"."""
        runs: list[list[Token]] = []
        current: list[Token] = []
        for token in self.doc:
            usable = (
                token.pos_ == "PROPN"
                and not token.ent_type_
                and token.text[:1].isupper()
                and all(part.isalpha() for part in token.text.split("-"))
            )
            joiner = current and token.lower_ in ("of", "for", "and", "the") and not token.ent_type_
            if (usable or joiner) and not (current and current[-1].i != token.i - 1):
                current.append(token)
                continue
            while current and not current[-1].text[:1].isupper():
                current.pop()
            if current:
                runs.append(current)
            current = [token] if usable else []
        while current and not current[-1].text[:1].isupper():
            current.pop()
        if current:
            runs.append(current)
        return [run for run in runs if len(run) <= 6 and not all(self.gazetteer.is_label(t.text) for t in run)]

    # Groups -----------------------------------------------------------------------------------

    def _groups(self) -> list[Candidate]:
        """Groups and organisations named by a label or a state ("Shia militia", "Iraqi army").

        Also: a state named through its government ("the Baghdad government" is Iraq), and a
        bare "the coalition" as a back-reference to the group it abbreviates.
        """
        gazetteer = self.gazetteer
        found = []
        for token in self.doc:
            if token.pos_ not in ("NOUN", "PROPN"):
                continue
            lower = token.lower_
            pair = f"{self.doc[token.i - 1].lower_} {lower}" if token.i else ""
            first = token
            if pair in gazetteer.organisation_nouns:
                kind, canonical, first = "GROUPORG", gazetteer.organisation_nouns[pair], self.doc[token.i - 1]
            elif lower in gazetteer.organisation_nouns:
                kind, canonical = "GROUPORG", gazetteer.organisation_nouns[lower]
            elif lower in gazetteer.group_nouns:
                kind, canonical = "GROUP", gazetteer.group_nouns[lower]
            elif lower in gazetteer.institution_nouns:
                kind, canonical = "STATE", lower
            else:
                continue
            run, led = self._name_run(first.i - 1, first.sent.start)
            end = token.idx + len(token.text)
            if not run:
                if kind != "STATE" and _bare_definite(first, token):
                    found.append(Candidate(self.mention(first.idx, end), canonical, "REF"))
                continue
            run_text = syntax.text_of(run)
            entry = gazetteer.lookup(re.sub(r"-led$", "", run_text))
            labels = all(
                gazetteer.is_label(t.text) or t.ent_type_ == "NORP" and gazetteer.lookup(t.text) is None
                for t in run
                if t.text != "-"
            )
            if entry is not None and entry.kind == "state":
                if kind == "STATE" and led:
                    continue
                name, label = (run_text, "GPE") if kind == "STATE" else (f"{run_text} {canonical}", kind)
            elif labels and kind != "STATE":
                name, label = f"{run_text} {canonical}", "GROUP"
            else:
                continue
            self.consumed.update(t.i for t in run)
            self.consumed.update(range(first.i, token.i + 1))
            found.append(Candidate(self.mention(run[0].idx, end), name, label, state_sense=True))
        return found

    def _name_run(self, index: int, sentence_start: int) -> tuple[list[Token], bool]:
        """The names and labels written just before a group noun ("US-led", "Iran-backed Shia")."""
        run: list[Token] = []
        led = False
        while index >= sentence_start:
            token = self.doc[index]
            if token.lower_ == "led" and not run and index - 2 >= sentence_start and self.doc[index - 1].text == "-":
                before = self._whole_name(index - 2, sentence_start)
                if before:
                    run = [*before, self.doc[index - 1], token]
                    led = True
                    index = before[0].i - 1
                    continue
            name = self._whole_name(index, sentence_start)
            if not name:
                break
            run = name + run
            index = name[0].i - 1
        return run, led

    def _whole_name(self, index: int, sentence_start: int) -> list[Token]:
        token = self.doc[index]
        if not token.text[:1].isupper():
            return []
        if token.ent_type_ in ("NORP", "GPE", "ORG"):
            start = index
            while start > sentence_start and self.doc[start].ent_iob_ == "I":
                start -= 1
            return list(self.doc[start : index + 1])
        if self.gazetteer.is_label(token.text):
            return [token]
        entry = self.gazetteer.lookup(token.text)
        return [token] if entry is not None and entry.kind == "state" else []


def propagate(readers: Iterable[NameReader]) -> None:
    """Across an article: a person's surname or a body's one-word name, found once, is found again.

    NER is inconsistent within a document: it finds "Alexander Lebed" and misses "Lebed" three
    sentences later, or calls "Wang" a person in one place and an organisation in another. Single
    proper nouns outside any entity that match a word of a multi-word person's name, or a one-word
    name NER gave one label to, become mentions with that label; a one-word name that is a word of
    a person's name is that person even if the gazetteer knows it as something else ("Jordan").
    """
    readers = list(readers)
    gazetteer = readers[0].gazetteer if readers else None
    person_words: set[str] = set()
    for reader in readers:
        for candidate in reader.names:
            words = candidate.name.split()
            if candidate.label == "PERSON" and len(words) > 1:
                person_words.update(word for word in words if word[:1].isupper() and not _nationality(gazetteer, word))
    common = {token.text for reader in readers for token in reader.doc if token.is_lower and token.is_alpha}
    for reader in readers:
        reader.names = [candidate for candidate in reader.names if not _common_word(gazetteer, candidate, common)]
    places = _places_taken_for_people(readers, person_words)
    labels: dict[str, Counter[str]] = {}
    for reader in readers:
        for candidate in reader.names:
            if candidate.name in places:
                candidate.label = "GPE"
            if " " not in candidate.name and candidate.label in ("PERSON", "ORG", "GPE"):
                labels.setdefault(candidate.name, Counter())[candidate.label] += 1
    votes: dict[str, Counter[str]] = {}
    for reader in readers:
        for candidate in reader.names:
            if candidate.label in ("PERSON", "ORG", "GPE") and not candidate.role:
                votes.setdefault(candidate.name, Counter())[candidate.label] += 1
    for reader in readers:
        for candidate in reader.names:
            if candidate.name in person_words and candidate.label != "PERSON":
                candidate.label, candidate.person_evidence = "PERSON", True
            elif candidate.name in votes and not candidate.role and candidate.label in ("PERSON", "ORG", "GPE"):
                (label, count), *rest = votes[candidate.name].most_common()
                if votes[candidate.name]["PERSON"] and is_surname(candidate.name):
                    candidate.label = "PERSON"  # "Trump" read once as a person is the person
                elif not rest or count > rest[0][1]:
                    candidate.label = label  # one name, one label in an article: the majority's
        covered = {token.i for ent in reader.doc.ents for token in ent}
        for token in reader.doc:
            if token.i in covered or token.i in reader.consumed or token.pos_ != "PROPN" or len(token.text) < 3:
                continue
            if token.text in person_words:
                label = "PERSON"
            elif token.text in labels and len(labels[token.text]) == 1:
                label = next(iter(labels[token.text]))
            else:
                continue
            reader.names.append(reader._candidate(reader._extend_left([token]), label, evidence=label == "PERSON"))


def _places_taken_for_people(readers: list[NameReader], person_words: set[str]) -> set[str]:
    """Names the model took for people that are towns or areas ("Sedgefield", "Bethnal Green").

    A known place name is a place when nothing in the article says it is a person: no title, role
    or appositive, no first name or surname shared with a person named in full, and it never
    speaks ("Obama said" is the president, whatever Japan has a town called).
    """
    people: dict[str, bool] = {}
    for reader in readers:
        gazetteer = reader.gazetteer
        for candidate in reader.names:
            if candidate.label != "PERSON":
                continue
            evidence = candidate.person_evidence or bool(candidate.role) or reader.speaks(candidate)
            people[candidate.name] = people.get(candidate.name, False) or evidence
    named_in_full = [name.split() for name in people if " " in name]
    return {
        name
        for name, evidence in people.items()
        if not evidence
        and (name not in person_words if " " not in name else not _inside_other(name.split(), named_in_full))
        and is_world_place(name)
        and not gazetteer.lookup(name)
    }


def _common_word(gazetteer: Gazetteer | None, candidate: Candidate, common: set[str]) -> bool:
    """A one-word "body" or "place" the article also writes in lower case ("Education",
    "Theatre") is a common word capitalised by a heading or the start of a sentence."""
    name = candidate.name
    return (
        " " not in name
        and candidate.label in ("ORG", "GPE", "LOC", "FAC", "NORP", "MISC")
        and not candidate.person_evidence
        and name.lower() in common
        and gazetteer is not None
        and gazetteer.lookup(name) is None
    )


def _inside_other(words: list[str], others: list[list[str]]) -> bool:
    """Whether a name shares a word with another multi-word name ("Milton" of "John Milton")."""
    return any(other != words and set(words) & set(other) for other in others)


def conll_label(gazetteer: Gazetteer, candidate: Candidate) -> str:
    """The CoNLL-2003 label of a corrected name (PER, ORG, LOC, MISC), or "" to leave it out."""
    label = candidate.label
    if label in ("GROUP", "GROUPORG", "REF"):
        return ""
    if label == "MISC":
        return "MISC"
    entry = gazetteer.lookup(candidate.name)
    if candidate.person_evidence or label == "PERSON" and entry is None:
        return "PER"
    if entry is not None:
        if entry.form == "demonym":
            return "MISC"
        return "LOC" if entry.kind == "state" or entry.form in ("seat", "place") else "ORG"
    return {"ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC", "NORP": "MISC"}.get(label, "")


def _distinct_roles(roles: list[str]) -> list[str]:
    """Roles without repeats: "Lord" once, and "MP" left out beside "Sedgefield MP"."""
    kept: list[str] = []
    for role in roles:
        folded = fold(role)
        if not role or folded in map(fold, kept) or any(fold(other).endswith(" " + folded) for other in roles):
            continue
        kept.append(role)
    return kept


def _plain_role(head: Token) -> bool:
    """An appositive that reads as a role: one noun, no figures ("PC, megabytes, 128 Ram" is a list)."""
    return head.tag_ not in ("NNS", "NNPS") and not any(token.pos_ == "NUM" or token.text[:1].isdigit() for token in head.subtree)


def _expand_title(gazetteer: Gazetteer, tokens: list[Token]) -> str:
    """A role as written, with a lone abbreviated title spelled out ("Gen" -> "General")."""
    text = syntax.text_of(tokens)
    found = gazetteer.title_role([token.text for token in tokens])
    if found and found[0] == len(tokens) and found[1]:
        return found[1]
    return text


def _nationality(gazetteer: Gazetteer | None, word: str) -> bool:
    """A demonym or a label ("Rwandan", "Hutu"): never a person's name, whatever NER says."""
    if gazetteer is None:
        return False
    entry = gazetteer.lookup(word)
    return gazetteer.is_label(word) or entry is not None and entry.form == "demonym"


def _singular(word: str) -> str:
    """ "organizations" -> "organization", "tories" -> "tory": enough for matching names."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    return word[:-1] if word.endswith("s") and not word.endswith("ss") and len(word) > 3 else word


def _is_product(gazetteer: Gazetteer, tokens: list[Token]) -> bool:
    """A product or programme: a listed one, one opening with a listed one ("Windows XP Home"),
    or a name in Apple's style ("iPhoto", "eBook")."""
    first = tokens[0].text
    if fold(syntax.text_of(tokens)) in gazetteer.products or fold(first) in gazetteer.products and len(tokens) > 1:
        return True
    return len(tokens) == 1 and re.fullmatch(r"[ie][A-Z][a-z]+[A-Za-z]*", first) is not None and fold(first) != "ebay"


def _given_name_start(tokens: list[Token]) -> int:
    """Where a person's name starts after other words run into it: at the first given name after
    the first word, followed by capitalised words only, with no given name before it (so "Mary
    Ann Smith" stays whole); 0 when there is no such place."""
    for index in range(1, len(tokens) - 1):
        if tokens[index].text[:1].isupper() and is_given_name(tokens[index].text):
            rest = tokens[index + 1 :]
            if all(token.text[:1].isupper() or token.text == "-" for token in rest) and not any(
                is_given_name(token.text) for token in tokens[:index]
            ):
                return index
            return 0
    return 0


def _drop_leading_words(tokens: list[Token]) -> list[Token]:
    """ "Questioning Vindman", "Clearly Smith": a word capitalised only because it opens the
    sentence (a verb, adjective or adverb in the parse, or a gerund) is not part of a person's
    name."""
    while (
        len(tokens) > 1
        and tokens[0].i == tokens[0].sent.start
        and (tokens[0].pos_ in ("VERB", "ADJ", "ADV", "AUX", "ADP") or tokens[0].lower_.endswith("ing"))
    ):
        tokens = tokens[1:]
    return tokens


def _trim(tokens: list[Token]) -> list[Token]:
    """Drop determiners, quotes and punctuation before a name, and possessives, symbols and common
    nouns after it ("Jiangsu province", "Stansted airport")."""
    while tokens and (tokens[0].lower_ in ("the", "a", "an") or tokens[0].is_punct or tokens[0].is_quote or tokens[0].is_space):
        tokens = tokens[1:]
    while len(tokens) > 2 and tokens[0].text[:1].isupper() and tokens[1].lower_ == "of" and tokens[0].pos_ == "NOUN":
        tokens = tokens[2:]  # "Founder of Ceres Robotics": a role, then the body
    while tokens and (
        "=" in tokens[-1].text
        or len(tokens) > 1 and tokens[-1].text.isupper() and any(char.isdigit() for char in tokens[-1].text)
        or tokens[-1].tag_ == "POS"
        or tokens[-1].text in ("'s", "\u2019s", "'", "\u2019", "&")
        or tokens[-1].is_punct and tokens[-1].text != "."
        or tokens[-1].is_space
        or tokens[-1].is_lower
        and tokens[-1].is_alpha
        and len(tokens) > 1
        and any(t.text[:1].isupper() for t in tokens[:-1])
        and not (tokens[-2].text == "-" and not tokens[-2].whitespace_ and not _compound_suffix(tokens[-1].lower_))
    ):
        tokens = tokens[:-1]
    return tokens


def _compound_suffix(word: str) -> bool:
    """The second part of a hyphenated adjective ("US-led", "EU-wide", "Trump-era"), as opposed to
    a part of a name ("Kim Jong-un", "Cheuk Hau-yip")."""
    return word.endswith(("ed", "ing")) or word in HYPHEN_SUFFIXES


def _root(tokens: list[Token]) -> Token:
    ids = {token.i for token in tokens}
    for token in tokens:
        if token.head.i not in ids or token.head == token:
            return token
    return tokens[-1]


def _bare_definite(first: Token, token: Token) -> bool:
    """ "the coalition", "the militias": a definite group noun with no other modifier."""
    modifiers = [child for child in token.children if child.i < first.i]
    return len(modifiers) == 1 and modifiers[0].lower_ == "the" and modifiers[0].i == first.i - 1
