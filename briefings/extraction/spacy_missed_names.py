"""Names NER missed: runs of proper nouns outside any entity that the parse shows to be a name.

The small model misses names, most often a person written with a title or a role ("..., Theresa
May, said" with "May" left out, "Lawyer Louise Christian") and bodies with a common head ("the
Labour party", "Coalition of Non-governmental Organizations"). Runs of capitalised proper nouns
NER left alone are read here, and kept only when the parse or the gazetteer shows what they are:
a role or title for a person, an organisation's head noun for a body.
"""

from __future__ import annotations

from typing import Any

from briefings.extraction import syntax
from briefings.extraction.actor_drafts import Candidate
from briefings.extraction.gazetteer import Gazetteer, fold
from briefings.extraction.name_forms import singular
from briefings.extraction.spacy_name_context import name_root
from briefings.extraction.spacy_paragraph import NUMERIC_LABELS, ParsedParagraph
from briefings.extraction.spacy_titles import roles_from_parse, strip_title

Doc = Any
Token = Any


def read_missed_names(paragraph: ParsedParagraph) -> list[Candidate]:
    """Runs of proper nouns outside any entity that the parse shows to be a person or a body."""
    gazetteer = paragraph.gazetteer
    doc = paragraph.doc
    found = []
    for run in _proper_runs(doc, gazetteer):
        if all(gazetteer.title_role([token.text]) for token in run) or _touches_entity(doc, run):
            continue
        tokens, _, title = strip_title(gazetteer, run, "PERSON", False)
        if gazetteer.is_bare_title([token.text for token in tokens]):
            continue  # "Deputy Prime Minister": a title whose holder NER found on its own
        title_role = title.role if title else ""
        following = doc[run[-1].i + 1] if run[-1].i + 1 < len(doc) else None
        if following is not None and following.lower_ in gazetteer.organisation_heads and name_root(run).head.i == following.i:
            start, end = run[0].idx, following.idx + len(following.text)
            found.append(Candidate(paragraph.mention(start, end), f"{syntax.text_of(run)} {following.lower_}", "ORG"))
            continue
        if not tokens or gazetteer.lookup(syntax.text_of(tokens)) is not None:
            continue
        if len(run) > 1 and singular(fold(run[-1].text)) in _body_words(gazetteer):
            # "Coalition of Non-governmental Organizations": a body's name NER left out.
            found.append(paragraph.candidate(run, "ORG"))
            continue
        roles, evidence, _ = roles_from_parse(doc, gazetteer, tokens, "PERSON")
        if evidence or (title is not None and len(tokens) < len(run)):
            candidate = paragraph.candidate(tokens, "PERSON", ", ".join([title_role, *roles] if title_role else roles), True)
            candidate.titled = title.titled if title else ""
            found.append(candidate)
    return found


def _body_words(gazetteer: Gazetteer) -> set[str]:
    """Nouns that end a body's name ("Organizations", "Party"), in the singular."""
    return {*gazetteer.organisation_heads, *gazetteer.organisation_role_nouns, "organisation", "organization", "association"}


def _touches_entity(doc: Doc, run: list[Token]) -> bool:
    """A run right next to an entity belongs to it ("Sir" before "Ian Blair")."""
    before = doc[run[0].i - 1] if run[0].i > 0 else None
    after = doc[run[-1].i + 1] if run[-1].i + 1 < len(doc) else None
    return any(
        token is not None and token.ent_type_ and token.ent_type_ not in NUMERIC_LABELS for token in (before, after)
    ) and not any(token is not None and token.is_punct for token in (before, after))


def _proper_runs(doc: Doc, gazetteer: Gazetteer) -> list[list[Token]]:
    """Runs of capitalised proper nouns outside entities, joined by "of", "for", "and", "the"."""
    runs: list[list[Token]] = []
    current: list[Token] = []
    for token in doc:
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
    return [run for run in runs if len(run) <= 6 and not all(gazetteer.is_label(t.text) for t in run)]
