"""Open-question suggestions: cue phrases, the questions they prompt, stable ids, and choosing a few.

The cue lists and question templates live in `briefings/data/cues.toml`. Finding cues here is
plain text matching, shared by both engines; the spaCy engine then checks cues against the parse
(`spacy_cues`, `spacy_slots`) and fills the templates' slots with whole clauses (`claims`), while
the rule-based engine fills what simple patterns can. `select` then does what a desk editor does
with a list of questions: drops the ones the article answers (a source it names), asks each thing
once, and keeps a handful, the most telling first.
"""

from __future__ import annotations

import hashlib
import re
import string
import tomllib
from dataclasses import dataclass, field
from collections.abc import Sequence
from functools import cache

from rapidfuzz import fuzz

from briefings.extraction.gazetteer import data_text
from briefings.extraction.model import Actor, Mention, QuestionSuggestion

#: At most this many suggestions per article: a desk editor asks a handful of questions, not twenty.
MAX_SUGGESTIONS = 5
#: Two suggestions whose normalised wording is this similar (0-100) ask the same thing.
DUPLICATE_SIMILARITY = 95
#: How telling each kind of suggestion is, in the order a desk editor found them sound (unnamed
#: sources nearly always, hedges least often); position in the article and the main actors add to it.
KIND_WEIGHT = {"unnamed-source": 6, "contested": 5, "pending": 4, "single-source": 3, "hedge": 2}
#: At most this many suggestions come from one sentence: a second one (the rumour an unnamed source
#: gave, asked again as a plan or as a hedge) was judged a repeat on development articles.
PER_SENTENCE = 1
#: Families of which an article gets one question: a second accusation or denial is nearly always
#: the same dispute seen from the other side ("Vietnam has accused Beijing" after "Esper accused
#: China"), or background to it; a second "unclear" or "speculation" the same uncertainty again.
ONE_PER_ARTICLE = {"accused", "denied", "rejected", "unclear", "speculation", "likelihood", "inference"}
#: At most this many suggestions of one kind: a third "Which officials are these?" asks again
#: what the first two asked of the article's sourcing.
PER_KIND = 2
#: Pronouns that need a name before them in the question to be understood on their own.
PERSONAL_PRONOUNS = {"he", "him", "his", "she", "her", "hers", "they", "them", "their", "theirs", "it", "its"}
#: Words that point back into the article when they open a slot ("this claim", "those increases").
DEMONSTRATIVES = {"this", "these", "those"}
#: Sources who speak on the record for a body: in an article that names an organisation, "a company
#: spokesperson" or "a party spokesman" speaks for it (judged attributed on development articles).
SPOKESPEOPLE = {"spokesman", "spokeswoman", "spokesperson", "spokespeople", "spokesmen"}
#: How many of the most mentioned actors count as the article's main actors.
MAIN_ACTORS = 3


@dataclass(frozen=True, slots=True)
class CueSpec:
    """One family of cues from cues.toml."""

    family: str
    kind: str
    strength: str
    pattern: re.Pattern[str] | None
    questions: tuple[str, ...]
    sources: frozenset[str] = frozenset()
    verbs: frozenset[str] = frozenset()  # every inflected form
    bases: dict[str, str] = field(default_factory=dict, hash=False, compare=False)  # inflected form -> base form
    qualified: frozenset[str] = frozenset()
    qualifiers: frozenset[str] = frozenset()
    keys: frozenset[str] = frozenset()  # one word of each cue, for skipping the pattern cheaply


@dataclass(frozen=True, slots=True)
class CueHit:
    """A cue found in a sentence: its family and character offsets within the sentence."""

    spec: CueSpec
    start: int
    end: int
    text: str

    @property
    def strong(self) -> bool:
        """Strong cues suggest a question; weak ones only count as uncertainty."""
        return self.spec.strength != "weak"


#: Past forms of the verbs in cues.toml that do not follow the spelling rules.
IRREGULAR_VERBS = {
    "say": ("said",), "tell": ("told",), "think": ("thought",), "speak": ("spoke", "spoken"),
    "hold": ("held",), "write": ("wrote", "written"), "know": ("knew", "known"),
    "maintain": (), "brief": (), "foresee": ("foresaw", "foreseen"), "rebut": ("rebutted", "rebuts", "rebutting"),
}  # fmt: skip


def verb_forms(verbs: list[str]) -> frozenset[str]:
    """Every inflected form of the given base verbs, so cues match without a lemmatizer."""
    forms: set[str] = set()
    for verb in verbs:
        forms.update((verb, *IRREGULAR_VERBS.get(verb, ())))
        if verb.endswith("y") and verb[-2] not in "aeiou":
            forms.update((verb[:-1] + "ies", verb[:-1] + "ied", verb + "ing"))
        elif verb.endswith("e"):
            forms.update((verb + "s", verb + "d", verb[:-1] + "ing"))
        else:
            suffix = "es" if verb.endswith(("s", "sh", "ch", "x")) else "s"
            forms.update((verb + suffix, verb + "ed", verb + "ing"))
    return frozenset(forms)


def _phrase_regex(phrase: str) -> str:
    words = [r"\w+" if word == "*" else re.escape(word) for word in phrase.split()]
    return r"\s+".join(words)


@cache
def cue_specs() -> tuple[CueSpec, ...]:
    """The cue families, read once from the data file."""
    text = data_text("cues.toml")
    specs = []
    for item in tomllib.loads(text)["cue"]:
        alternatives = [_phrase_regex(phrase) for phrase in item.get("phrases", ())]
        alternatives += [re.escape(word) for word in item.get("words", ())]
        alternatives += [re.escape(word) for word in item.get("modals", ())]
        alternatives.sort(key=len, reverse=True)
        cues = [*item.get("phrases", ()), *item.get("words", ()), *item.get("modals", ())]
        keys = frozenset(max(re.findall(r"\w+", cue.casefold()), key=len) for cue in cues)
        pattern = re.compile(r"\b(?:" + "|".join(alternatives) + r")\b", re.IGNORECASE) if alternatives else None
        specs.append(
            CueSpec(
                family=item["family"],
                kind=item["kind"],
                strength=item.get("strength", "strong"),
                pattern=pattern,
                questions=tuple(item["questions"]),
                sources=frozenset(item.get("sources", ())),
                verbs=verb_forms(item.get("verbs", [])),
                bases={form: base for base in item.get("bases", ()) for form in verb_forms([base])},
                qualified=frozenset(item.get("qualified", ())),
                qualifiers=frozenset(item.get("qualifiers", ())),
                keys=keys,
            )
        )
    return tuple(specs)


def spec(family: str) -> CueSpec:
    """The cue family with this name."""
    return next(item for item in cue_specs() if item.family == family)


def find_cues(sentence: str) -> list[CueHit]:
    """Every cue phrase in a sentence, by plain matching (the engines then check them)."""
    hits = []
    words = set(re.findall(r"\w+", sentence.casefold()))
    for item in cue_specs():
        if item.pattern is None or words.isdisjoint(item.keys):
            continue  # no cue of this family can match: most sentences skip most patterns
        for match in item.pattern.finditer(sentence):
            hits.append(CueHit(item, match.start(), match.end(), match.group()))
    return hits


def participle(base: str) -> str:
    """The past participle of a regular cue verb ("dismiss" -> "dismissed"), or an irregular one's."""
    irregular = [form for form in IRREGULAR_VERBS.get(base, ()) if form.endswith("ed")]
    if irregular:
        return irregular[0]
    if base.endswith("e"):
        return base + "d"
    if base.endswith("y") and base[-2] not in "aeiou":
        return base[:-1] + "ied"
    return base + "ed"


def word_question(item: CueSpec, slots: dict[str, str], *, generic: bool = True) -> str:
    """The first template of the family whose slots are all known, filled in.

    With `generic=False` a template without slots does not count, and "" means no question: the
    spaCy engine would rather say nothing than ask "How likely is this?" of a whole paragraph.
    """
    known = {key: value for key, value in slots.items() if value}
    for template in item.questions:
        fields = {name for _, name, _, _ in string.Formatter().parse(template) if name}
        if not fields and not generic:
            continue
        if fields <= known.keys():
            question = " ".join(template.format_map(known).split())
            return question[0].upper() + question[1:]
    return ""


def suggestion_id(digest: str, cue: str, kind: str, start: int) -> str:
    """Stable for the same paragraph text, cue, kind and place, so a dismissal sticks across runs.

    The cue's offset is part of it: a paragraph can use the same cue twice ("officials said …
    other officials said"), and each suggestion needs an id of its own.
    """
    key = f"{digest}\x00{' '.join(cue.casefold().split())}\x00{kind}\x00{start}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class Candidate:
    """A suggestion before selection, with what selection needs to know about it.

    Attributes:
        suggestion: The suggestion as it would be shown.
        topic: What it asks about, for telling two questions about one thing apart from two
            questions about two things ("unnamed:official", "contested:the reports").
        source: For an unnamed source, the words that describe them ("party", "spokesman"):
            if an actor of the article has a role with all of them, the source is named after all.
        family: The cue family from cues.toml ("accused", "unclear"), for ONE_PER_ARTICLE.
    """

    suggestion: QuestionSuggestion
    topic: str = ""
    source: tuple[str, ...] = ()
    family: str = ""


def make_candidate(
    item: CueSpec, mention: Mention, digest: str, sentence: str, slots: dict[str, str], *, topic: str = "", source: tuple[str, ...] = (), generic: bool = True
) -> Candidate | None:
    """A candidate suggestion for a cue found in a paragraph, or None when no template fits or the
    question leans on a pronoun it does not resolve."""
    question = word_question(item, slots, generic=generic)
    if not question or dangling_pronoun(question, [value for value in slots.values() if value]):
        return None
    suggestion = QuestionSuggestion(
        id=suggestion_id(digest, mention.text, item.kind, mention.start),
        question=question,
        cue=mention.text,
        kind=item.kind,
        mention=mention,
        sentence=sentence,
    )
    return Candidate(suggestion, topic or f"{item.family}:{_normal(question)}", source, item.family)


def dangling_pronoun(question: str, values: Sequence[str]) -> bool:
    """Whether a slot of the question holds a pronoun with no name before it in the question, or
    opens with a word pointing back into the article: "What evidence is there of his future?", "Has
    the commission he appointed come yet?", "On what grounds is it opposed?", "... that this claim
    appears to have been conjured" cannot be understood without the article. The template's own
    words ("how do they answer it") are not counted."""
    for value in values:
        at = question.find(value) if value[0] == question[0] else question.casefold().find(value.casefold())
        if at < 0:
            continue
        offset = at
        for word in re.finditer(r"[\w'’-]+", value):
            pointing = word.start() == 0 and word.group().casefold() in DEMONSTRATIVES  # "this claim", "those price increases"
            if word.group().casefold() not in PERSONAL_PRONOUNS and not pointing:
                continue
            before = re.findall(r"[\w'’-]+", question[: offset + word.start()])[1:]  # the question's first word is capitalised anyway
            if not any(w[0].isupper() for w in before):
                return True
    return False


def select(candidates: list[Candidate], actors: Sequence[Actor] = ()) -> tuple[QuestionSuggestion, ...]:
    """The few suggestions worth an analyst's time, best first.

    Drops an unnamed source the article names after all (a role of one of its actors; "analysts
    say" is not named by one analyst the article names) and a spokesperson of an article that names
    an organisation (they speak for it on the record), keeps at
    most PER_SENTENCE suggestions of different kinds per sentence, one per topic, one of each
    family in ONE_PER_ARTICLE, at most PER_KIND of each kind, none worded like one already kept, and
    at most MAX_SUGGESTIONS in all.
    """
    roles = [set(_words(actor.role)) for actor in actors if actor.role]
    bodies = any(actor.kind == "organisation" for actor in actors)
    main = _main_names(actors)
    ranked = sorted(
        (c for c in candidates if not (c.source and not c.topic.startswith("sources:") and any(set(c.source) <= role for role in roles)) and not (bodies and SPOKESPEOPLE & set(c.source))),
        key=lambda c: (-_score(c.suggestion, main), c.suggestion.paragraph, c.suggestion.mention.start),
    )
    kept: list[Candidate] = []
    for candidate in ranked:
        if len(kept) >= MAX_SUGGESTIONS:
            break
        if any(_same(candidate, other) for other in kept):
            continue
        same_sentence = [o for o in kept if (o.suggestion.paragraph, o.suggestion.sentence) == (candidate.suggestion.paragraph, candidate.suggestion.sentence)]
        if len(same_sentence) >= PER_SENTENCE or any(o.suggestion.kind == candidate.suggestion.kind for o in same_sentence):
            continue  # "GateHouse reportedly laid off 60 ... and Gannett reportedly laid off hundreds": one question
        if candidate.family in ONE_PER_ARTICLE and any(o.family == candidate.family for o in kept):
            continue
        if sum(o.suggestion.kind == candidate.suggestion.kind for o in kept) >= PER_KIND:
            continue
        kept.append(candidate)
    return tuple(candidate.suggestion for candidate in kept)


def _score(suggestion: QuestionSuggestion, main: set[str]) -> int:
    """Contested claims and unnamed sources first, early paragraphs and the main actors before the rest."""
    score = KIND_WEIGHT[suggestion.kind]
    score += max(0, 3 - suggestion.paragraph // 2)
    sentence = suggestion.sentence.casefold()
    if any(name in sentence for name in main):
        score += 2
    if any(ch.isdigit() for ch in suggestion.question):
        score += 1  # a figure in question ("as many as 200 have been killed") changes a briefing most
    return score


def _main_names(actors: Sequence[Actor]) -> set[str]:
    """The names and aliases of the article's most mentioned actors (at least two mentions)."""
    top = [actor for actor in actors if actor.count >= 2][:MAIN_ACTORS]
    return {name.casefold() for actor in top for name in (actor.name, *actor.aliases) if len(name) > 2}


def _same(first: Candidate, second: Candidate) -> bool:
    """Two suggestions ask the same thing: one kind about one topic, or nearly the same words."""
    a, b = first.suggestion, second.suggestion
    if a.kind == b.kind and first.topic == second.topic:
        return True
    return fuzz.token_sort_ratio(_normal(a.question), _normal(b.question)) >= DUPLICATE_SIMILARITY


def _normal(text: str) -> str:
    return " ".join(_words(text))


def _words(text: str) -> list[str]:
    return re.findall(r"[\w'-]+", text.casefold())
