"""Groups named by a label or a state, read from the parse: "Shia militia", "Iraqi army".

NER has no label for a group of people named by what they are: "Iran-backed Shia militia" holds
no entity NER would call a group, yet it is an actor the analyst follows ("Shia militia"), and
"the Iraqi army" is an organisation of Iraq, not Iraq. Such groups are built from a group noun
the gazetteer knows and the names and labels written just before it. A state named through its
government ("the Baghdad government", "the Government of Syria") is the state, and a bare "the coalition" is kept as a
back-reference to the group it abbreviates. The tokens a group takes are returned with it, so the
name reader does not read "Iraqi" inside "Iraqi army" as a name of its own.
"""

from __future__ import annotations

import re
from typing import Any

from briefings.extraction import syntax
from briefings.extraction.actor_drafts import Candidate
from briefings.extraction.gazetteer import Gazetteer
from briefings.extraction.spacy_paragraph import ParsedParagraph

Doc = Any
Token = Any


def read_groups(paragraph: ParsedParagraph) -> tuple[list[Candidate], set[int]]:
    """Groups and organisations named by a label or a state ("Shia militia", "Iraqi army").

    Also: a state named through its government ("the Baghdad government" is Iraq), and a
    bare "the coalition" as a back-reference to the group it abbreviates. Returns the groups and
    the indices of the tokens they take.
    """
    gazetteer = paragraph.gazetteer
    doc = paragraph.doc
    consumed: set[int] = set()
    found = []
    for token in doc:
        if token.pos_ not in ("NOUN", "PROPN"):
            continue
        lower = token.lower_
        pair = f"{doc[token.i - 1].lower_} {lower}" if token.i else ""
        first = token
        if pair in gazetteer.organisation_nouns:
            kind, canonical, first = "GROUPORG", gazetteer.organisation_nouns[pair], doc[token.i - 1]
        elif lower in gazetteer.organisation_nouns:
            kind, canonical = "GROUPORG", gazetteer.organisation_nouns[lower]
        elif lower in gazetteer.group_nouns:
            kind, canonical = "GROUP", gazetteer.group_nouns[lower]
        elif lower in gazetteer.institution_nouns:
            kind, canonical = "STATE", lower
        else:
            continue
        run, led = _name_run(doc, gazetteer, first.i - 1, first.sent.start)
        end = token.idx + len(token.text)
        if not run:
            if kind != "STATE" and _bare_definite(first, token):
                found.append(Candidate(paragraph.mention(first.idx, end), canonical, "REF"))
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
            if kind == "GROUP" and lower in gazetteer.armed_nouns and not led:
                kind = "STATE"  # "US troops", "Iraqi forces": the state acting; "Kurdish fighters" a group
            name, label = (run_text, "GPE") if kind == "STATE" else (f"{run_text} {canonical}", kind)
        elif labels and kind != "STATE":
            name, label = f"{run_text} {canonical}", "GROUP"
        else:
            continue
        consumed.update(t.i for t in run)
        consumed.update(range(first.i, token.i + 1))
        found.append(Candidate(paragraph.mention(run[0].idx, end), name, label, state_sense=True))
    return found, consumed


def _name_run(doc: Doc, gazetteer: Gazetteer, index: int, sentence_start: int) -> tuple[list[Token], bool]:
    """The names and labels written just before a group noun ("US-led", "Iran-backed Shia")."""
    run: list[Token] = []
    led = False
    while index >= sentence_start:
        token = doc[index]
        if token.lower_ == "led" and not run and index - 2 >= sentence_start and doc[index - 1].text == "-":
            before = _whole_name(doc, gazetteer, index - 2, sentence_start)
            if before:
                run = [*before, doc[index - 1], token]
                led = True
                index = before[0].i - 1
                continue
        name = _whole_name(doc, gazetteer, index, sentence_start)
        if not name:
            break
        run = name + run
        index = name[0].i - 1
    return run, led


def _whole_name(doc: Doc, gazetteer: Gazetteer, index: int, sentence_start: int) -> list[Token]:
    """The name that ends at a token: an entity of people, a state or a body ("Iran", "Shia"
    run into one by NER), a label, or a state the gazetteer knows; [] when the token is none."""
    token = doc[index]
    if not token.text[:1].isupper():
        return []
    if token.ent_type_ in ("NORP", "GPE", "ORG"):
        start = index
        while start > sentence_start and doc[start].ent_iob_ == "I":
            start -= 1
        return list(doc[start : index + 1])
    if gazetteer.is_label(token.text):
        return [token]
    entry = gazetteer.lookup(token.text)
    return [token] if entry is not None and entry.kind == "state" else []


def _bare_definite(first: Token, token: Token) -> bool:
    """ "the coalition", "the militias": a definite group noun with no other modifier."""
    modifiers = [child for child in token.children if child.i < first.i]
    return len(modifiers) == 1 and modifiers[0].lower_ == "the" and modifiers[0].i == first.i - 1


def state_by_government(paragraph: ParsedParagraph, tokens: list[Token]) -> Candidate | None:
    """ "the Government of Syria": a state named through its government is the state, as "the
    Syrian government" is; None for any other name."""
    gazetteer = paragraph.gazetteer
    if len(tokens) < 3 or tokens[0].lower_ not in gazetteer.institution_nouns or tokens[1].lower_ != "of":
        return None
    entry = gazetteer.lookup(syntax.text_of(tokens[2:]))
    if entry is None or entry.kind != "state":
        return None
    candidate = paragraph.candidate(tokens, "GPE")
    candidate.name, candidate.state_sense = syntax.text_of(tokens[2:]), True
    return candidate
