"""Open-question suggestions: cue phrases, the questions they prompt, stable ids and de-duplication.

The cue lists and question templates live in `briefings/data/cues.toml`. Finding cues here is
plain text matching, shared by both engines; the spaCy engine then checks cues against the parse
(a modal "may", not the month or Theresa May) and fills the templates' slots from it, while the
rule-based engine fills what simple patterns can.
"""

from __future__ import annotations

import hashlib
import re
import string
import tomllib
from dataclasses import dataclass
from functools import cache

from rapidfuzz import fuzz

from briefings.extraction.gazetteer import data_text
from briefings.extraction.model import Mention, QuestionSuggestion

#: Two suggestions of one kind whose sentences are this similar (0-100) are one: the later is dropped.
DUPLICATE_SIMILARITY = 80
#: Which kind wins when one sentence carries several cues: the most telling first.
KIND_PRIORITY = ("unnamed-source", "contested", "pending", "single-source", "hedge")
#: At most this many suggestions come from one sentence.
PER_SENTENCE = 2


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
    "maintain": (), "brief": (), "foresee": ("foresaw", "foreseen"),
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
            )
        )
    return tuple(specs)


def spec(family: str) -> CueSpec:
    """The cue family with this name."""
    return next(item for item in cue_specs() if item.family == family)


def find_cues(sentence: str) -> list[CueHit]:
    """Every cue phrase in a sentence, by plain matching (the engines then check them)."""
    hits = []
    for item in cue_specs():
        if item.pattern is None:
            continue
        for match in item.pattern.finditer(sentence):
            hits.append(CueHit(item, match.start(), match.end(), match.group()))
    return hits


class _Slots(dict[str, str]):
    def __missing__(self, key: str) -> str:
        raise KeyError(key)


def word_question(item: CueSpec, slots: dict[str, str]) -> str:
    """The first template of the family whose slots are all known, filled in."""
    known = _Slots({key: value for key, value in slots.items() if value})
    for template in item.questions:
        fields = {name for _, name, _, _ in string.Formatter().parse(template) if name}
        if fields <= known.keys():
            question = template.format_map(known)
            return question[0].upper() + question[1:]
    return item.questions[-1]


def suggestion_id(digest: str, cue: str, kind: str, start: int) -> str:
    """Stable for the same paragraph text, cue, kind and place, so a dismissal sticks across runs.

    The cue's offset is part of it: a paragraph can use the same cue twice ("officials said …
    other officials said"), and each suggestion needs an id of its own.
    """
    key = f"{digest}\x00{' '.join(cue.casefold().split())}\x00{kind}\x00{start}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def make_suggestion(item: CueSpec, hit_text: str, mention: Mention, digest: str, sentence: str, slots: dict[str, str]) -> QuestionSuggestion:
    """A suggestion record for a cue found in a paragraph."""
    return QuestionSuggestion(
        id=suggestion_id(digest, hit_text, item.kind, mention.start),
        question=word_question(item, slots),
        cue=hit_text,
        kind=item.kind,
        mention=mention,
        sentence=sentence,
    )


def select(suggestions: list[QuestionSuggestion]) -> tuple[QuestionSuggestion, ...]:
    """Keep the most telling suggestions per sentence and drop near-duplicates, in article order."""
    by_sentence: dict[tuple[int, str], list[QuestionSuggestion]] = {}
    for suggestion in suggestions:
        by_sentence.setdefault((suggestion.paragraph, suggestion.sentence), []).append(suggestion)
    kept: list[QuestionSuggestion] = []
    for group in by_sentence.values():
        chosen: list[QuestionSuggestion] = []
        for suggestion in sorted(group, key=lambda s: (KIND_PRIORITY.index(s.kind), s.mention.start)):
            if len(chosen) < PER_SENTENCE and all(s.kind != suggestion.kind for s in chosen):
                chosen.append(suggestion)
        kept.extend(chosen)
    kept.sort(key=lambda s: (s.paragraph, s.mention.start))
    generic = {template for item in cue_specs() for template in item.questions if "{" not in template}
    unique: list[QuestionSuggestion] = []
    for suggestion in kept:
        if not any(_duplicates(other, suggestion, generic) for other in unique):
            unique.append(suggestion)
    return tuple(unique)


def _duplicates(first: QuestionSuggestion, second: QuestionSuggestion, generic: set[str]) -> bool:
    """The same question about the same thing: one kind, and the same sentence or specific question."""
    if first.kind != second.kind:
        return False
    if first.question == second.question and first.question not in generic:
        return True
    return fuzz.token_set_ratio(first.sentence, second.sentence) >= DUPLICATE_SIMILARITY
