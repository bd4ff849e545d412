"""One parsed paragraph as the name readers see it, and how a name in it becomes a `Candidate`.

The readers of groups, of names NER missed and of NER's own names all turn token runs of one
paragraph into name mentions the same way: the mention points into the paragraph's original text
(the parse may be of a case-normalised copy), and a seat of government is marked when it stands
for its state. Keeping that in one small class lets each reader be a module of its own.
"""

from __future__ import annotations

from typing import Any

from briefings.extraction import syntax
from briefings.extraction.actor_drafts import Candidate
from briefings.extraction.gazetteer import Gazetteer
from briefings.extraction.model import Mention
from briefings.extraction.spacy_name_context import name_root, state_sense

Doc = Any
Token = Any

#: NER labels of figures and dates, never names.
NUMERIC_LABELS = {"CARDINAL", "MONEY", "PERCENT", "QUANTITY", "DATE", "TIME", "ORDINAL"}


class ParsedParagraph:
    """A paragraph's place in the article, its original text and its parse, with the gazetteer."""

    def __init__(self, gazetteer: Gazetteer, paragraph_index: int, text: str, doc: Doc) -> None:
        self.gazetteer = gazetteer
        self.paragraph_index = paragraph_index
        self.text = text
        self.doc = doc

    def mention(self, start: int, end: int) -> Mention:
        return Mention(self.paragraph_index, start, end, self.text[start:end])

    def candidate(self, tokens: list[Token], label: str, role: str = "", evidence: bool = False) -> Candidate:
        start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
        return Candidate(
            mention=self.mention(start, end),
            name=syntax.text_of(tokens),
            label=label,
            role=role,
            state_sense=state_sense(self.gazetteer, name_root(tokens)),
            person_evidence=evidence,
        )
