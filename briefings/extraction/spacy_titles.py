"""Titles and roles: what a person is called besides the name, read off its words and the parse.

A person's name rarely comes alone: "Gen Martin Dempsey", "Home Secretary Charles Clarke", "Lord"
+ "Liverpool" outside NER's span, "Hadi al-Ameri, head of the Badr Organisation". The title or
appositive is cut off the name and kept as the person's role, and it is the best evidence that
the name is a person at all, whatever NER's label says. A title a person is known by ("Lord
Goldsmith") is also kept as one of the person's names. These functions read only the paragraph's
parse and the gazetteer, so the name reader and the reader of names NER missed share them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from briefings.extraction import syntax
from briefings.extraction.gazetteer import Gazetteer, fold
from briefings.extraction.personal_names import is_given_name
from briefings.extraction.spacy_name_context import name_root

Doc = Any
Token = Any


@dataclass(frozen=True, slots=True)
class Title:
    """A title read off the front of a name: the role it gives, and the titled name when the
    person is known by it ("Lord Goldsmith"; "" otherwise)."""

    role: str
    titled: str = ""


def strip_title(gazetteer: Gazetteer, tokens: list[Token], label: str, known: bool) -> tuple[list[Token], str, Title | None]:
    """ "Gen Martin Dempsey" -> Martin Dempsey, role General; "Home Secretary Charles Clarke" and
    "Lawyer Louise Christian" too. A title a person is known by ("Lord Goldsmith") is kept as
    one of the person's names."""
    if known:
        return tokens, label, None
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
    start = name_start(gazetteer, tokens) if label == "PERSON" else 0
    if start:
        return tokens[start:], label, Title(syntax.text_of(tokens[:start]))  # "Browns DL Sheldon Richardson"
    if label == "PERSON" and len(tokens) > 2:
        # A role written before the name inside the entity: cut after its last title word.
        for cut in range(len(tokens) - 2, 0, -1):
            if gazetteer.title_role([tokens[cut].text]) and all(t.text[:1].isupper() for t in tokens[: cut + 1]):
                return tokens[cut + 1 :], label, Title(syntax.text_of(tokens[: cut + 1]))
    return tokens, label, None


def title_before(doc: Doc, gazetteer: Gazetteer, tokens: list[Token]) -> Title | None:
    """A title only people carry written just before the name, outside the entity ("Lord" +
    "Liverpool", "Mr" + "Jordan"): the role it gives, and the titled name if known by it."""
    first = tokens[0].i
    for size in (3, 2, 1):
        if first - size < tokens[0].sent.start:
            continue
        before = list(doc[first - size : first])
        words = [token.text for token in before]
        if not words[0][:1].isupper() or not gazetteer.is_person_title(words):
            continue
        found = gazetteer.title_role(words)
        if found is None or found[0] != size:
            continue
        key = " ".join(word.rstrip(".").casefold() for word in words)
        return Title(found[1], syntax.text_of([*before, *tokens]) if key in gazetteer.name_titles else "")
    return None


def name_start(gazetteer: Gazetteer, tokens: list[Token]) -> int:
    """Where a person's name starts inside a longer span: after a known name that opens it
    ("Tory" + "Liam Fox", "Ukraine" + "Kurt Volker"), or at a given name (see
    `given_name_start`); 0 when the span is one name, or ends in a body's word ("U.S." +
    "Capitol Police" is one body)."""
    if fold(tokens[-1].text) in gazetteer.organisation_endings:
        return 0
    for size in (2, 1):
        rest = tokens[size:]
        if (
            len(rest) >= 2
            and all(token.text[:1].isupper() for token in rest)
            and gazetteer.lookup(syntax.text_of(tokens[:size])) is not None
            and gazetteer.lookup(syntax.text_of(rest)) is None
        ):
            return size
    return given_name_start(tokens)


def given_name_start(tokens: list[Token]) -> int:
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


def roles_from_parse(doc: Doc, gazetteer: Gazetteer, tokens: list[Token], label: str) -> tuple[list[str], bool, bool]:
    """Roles from the parse: appositives on either side, and a role noun written before the name.

    Also says whether a role shows a person ("head of ...") or a body ("oil producer").
    """
    ids = {token.i for token in tokens}
    root = name_root(tokens)
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
        token = doc[index]
        if token.dep_ not in ("compound", "amod", "nmod") or token.head.i not in ids | {t.i for t in left}:
            break
        if token.ent_type_ == "PERSON":
            break
        left.insert(0, token)
        index -= 1
    while left and left[0].i >= 2 and doc[left[0].i - 1].text == "-" and not doc[left[0].i - 2].whitespace_:
        left = [doc[left[0].i - 2], doc[left[0].i - 1], *left]  # "all-rounder", "ex-minister"
    while left and gazetteer.title_role([left[0].text]) == (1, ""):
        left = left[1:]  # "Mr", "Sir": honorifics say nothing about a role
    while left and gazetteer.title_role([left[-1].text]) == (1, ""):
        left = left[:-1]  # "Attorney General Lord Goldsmith"
    if left and left[-1].pos_ in ("NOUN", "PROPN") and (label == "PERSON" or left[-1].lower_ in gazetteer.person_nouns):
        last = left[-1]
        if last.lower_ in gazetteer.person_nouns or gazetteer.title_role([last.text]) or gazetteer.is_role_word(last.text) or last.pos_ == "NOUN":
            roles.append((left[0].i, _expand_title(gazetteer, left)))
            role_heads.append(last)
    for child in root.children:
        if child.dep_ == "appos" and child.i > tokens[-1].i and child.pos_ == "NOUN" and not child.ent_type_:
            if _follows_other_name(doc, child, ids) or not _plain_role(child):
                continue  # "X, head of the Badr Organisation, the leading militia": about the organisation
            roles.extend((child.i, role) for role in syntax.role_phrases(child))
            role_heads.append(child)
    evidence = any(head.lower_ in gazetteer.person_nouns or gazetteer.title_role([head.text]) for head in role_heads)
    body = any(head.lower_ in gazetteer.organisation_role_nouns for head in role_heads)
    return [role for _, role in sorted(roles) if role], evidence, body


def _follows_other_name(doc: Doc, appositive: Token, own: set[int]) -> bool:
    """True when the appositive comes right after another name, which it more likely describes."""
    index = appositive.left_edge.i - 1
    while index >= 0 and doc[index].is_punct:
        index -= 1
    if index < 0 or index in own:
        return False
    return doc[index].ent_type_ in ("ORG", "GPE", "FAC", "NORP", "PERSON")


def distinct_roles(roles: list[str]) -> list[str]:
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
