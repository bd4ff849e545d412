"""Reading the dependency parse: short noun phrases, roles, what a number counts, claims in brief.

The functions take spaCy tokens and spans but never import spaCy, so this module costs nothing to
import. Phrases are kept short on purpose: a role or a "counts" label is a caption in a narrow pane,
not a copy of the sentence.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

Token = Any  # spacy.tokens.Token, duck-typed so that spaCy need not be imported here
Span = Any

#: Dependents cut from a phrase: clauses, further appositives, coordination and punctuation.
CLAUSE_DEPS = {"relcl", "acl", "advcl", "appos", "conj", "cc", "punct", "parataxis", "ccomp", "xcomp", "mark", "dep", "prep_clause"}
#: Dependents kept to the left of a noun in a short noun phrase.
MODIFIER_DEPS = {"compound", "amod", "nmod", "poss", "case", "nummod", "quantmod", "npadvmod", "advmod", "det", "predet"}
PRONOUNS = {"he", "she", "it", "they", "we", "i", "you", "him", "her", "them", "us", "this", "that", "these", "those", "which", "who", "whom", "what"}
RELATIVES = {"which", "that", "who", "whom", "whose"}
SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj", "expl")
MAX_WORDS = 12


def text_of(tokens: Iterable[Token]) -> str:
    """The text of tokens in order, with the article's own spacing between them."""
    ordered = sorted(tokens, key=lambda token: token.i)
    parts = []
    for index, token in enumerate(ordered):
        parts.append(token.text)
        if index + 1 < len(ordered):
            following = ordered[index + 1]
            parts.append(token.whitespace_ if following.i == token.i + 1 else " ")
    return "".join(parts).strip()


def _collect(token: Token, keep: set[int], depth: int, skip: set[int]) -> None:
    if token.i in skip:
        return
    keep.add(token.i)
    if depth > 5:
        return
    for child in token.children:
        if child.dep_ in CLAUSE_DEPS and not (child.dep_ == "punct" and child.text in "-'’"):
            continue
        _collect(child, keep, depth + 1, skip)


def phrase(head: Token, *, skip: Iterable[Token] = (), drop_determiner: bool = True, max_words: int = MAX_WORDS) -> str:
    """A short phrase around `head`: its modifiers and first prepositional complement, no clauses.

    Trims to `max_words` by dropping whatever follows the head beyond the limit.
    """
    skipped = {token.i for token in skip}
    keep: set[int] = set()
    _collect(head, keep, 0, skipped)
    # A phrase is contiguous (skipped words aside): cut at the first gap on either side of the head.
    contiguous = [head]
    index = head.i - 1
    while index >= 0 and (index in keep or index in skipped):
        if index in keep:
            contiguous.insert(0, head.doc[index])
        index -= 1
    index = head.i + 1
    while index < len(head.doc) and (index in keep or index in skipped):
        token = head.doc[index]
        if token.pos_ == "VERB" and head.doc[index - 1].text != "-":
            break  # a participle starts a clause the parser folded into the phrase ("coalition operating ...")
        if index in keep:
            contiguous.append(token)
        index += 1
    while contiguous and (
        contiguous[0].is_punct or (drop_determiner and contiguous[0].dep_ in ("det", "predet") and contiguous[0] != head)
    ):
        contiguous.pop(0)
    while contiguous and (contiguous[-1].is_punct or contiguous[-1].dep_ in ("prep", "cc", "case")):
        contiguous.pop()
    words = [token for token in contiguous if not token.is_punct]
    if len(words) > max_words:
        limit = max(words[max_words - 1].i, head.i)
        contiguous = [token for token in contiguous if token.i <= limit]
        # End on a whole noun phrase: drop a dangling preposition, article or modifier.
        while len(contiguous) > 1 and contiguous[-1].i > head.i and (
            contiguous[-1].dep_ in ("prep", "det", "amod", "compound", "cc", "punct", "poss", "case", "nummod")
        ):
            contiguous.pop()
    return text_of(contiguous)


QUANTIFIERS = {"some", "many", "several", "most", "various", "numerous", "other", "few"}


def noun_phrase_with_the(head: Token, **options: Any) -> str:
    """A short noun phrase that reads as a definite reference: "an imminent formal request" -> "the ..."."""
    text = inline(phrase(head, **options), head)
    if head.pos_ == "PROPN" or head.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"):
        return text
    if head.tag_ in ("NNS", "NN") and not any(child.dep_ == "poss" for child in head.children):
        return "the " + text
    return text


def inline(text: str, head: Token) -> str:
    """A phrase for use inside a question: lower case at the start unless it opens with a name."""
    if not text:
        return text
    first = next((token for token in head.subtree if text.startswith(token.text)), head)
    if first.pos_ == "PROPN" or first.ent_type_ or text.split()[0].isupper():
        return text
    return text[0].lower() + text[1:]


def without_quantifier(text: str) -> str:
    """ "many commentators" -> "commentators", for "Which commentators ...?"."""
    words = text.split()
    while len(words) > 1 and words[0].casefold() in QUANTIFIERS:
        words = words[1:]
    return " ".join(words)


def is_pronoun(token: Token) -> bool:
    """True for pronouns and relative words, which make poor slots."""
    return token.lower_ in PRONOUNS or token.pos_ == "PRON"


def antecedent(token: Token) -> Token | None:
    """For a relative pronoun ("which", "that"), the noun its clause hangs on; the name a noun in
    apposition stands for ("Texas, a Republican state that is expected to ...": Texas)."""
    if token.lower_ not in RELATIVES:
        return None
    clause = token.head
    while clause.dep_ not in ("relcl", "acl") and clause.head != clause:
        clause = clause.head
        if clause.pos_ not in ("VERB", "AUX"):
            break
    if clause.dep_ in ("relcl", "acl") and clause.head.pos_ in ("NOUN", "PROPN"):
        noun = clause.head
        return noun.head if noun.dep_ == "appos" and noun.pos_ == "NOUN" and noun.head.pos_ == "PROPN" else noun
    return None


def subject_of(verb: Token) -> Token | None:
    """The subject of a verb, looking up through xcomp, conj and auxiliary chains."""
    current = verb
    for _ in range(5):
        for child in current.children:
            if child.dep_ in SUBJECT_DEPS:
                return antecedent(child) or child
        if current.dep_ in ("xcomp", "conj", "advcl", "acomp", "ccomp") and current.head != current:
            current = current.head
            continue
        break
    return None


def subject_text(verb: Token) -> str:
    """A short, readable subject of a verb, or "" when it is a pronoun or missing."""
    subject = subject_of(verb)
    if subject is None or is_pronoun(subject):
        return ""
    return inline(phrase(subject, drop_determiner=False, max_words=6), subject)


def lower_article(text: str) -> str:
    """ "The United States" -> "the United States", for use inside a question."""
    for article in ("The ", "A ", "An "):
        if text.startswith(article):
            return article.lower() + text[len(article) :]
    return text


def governing_verb(token: Token) -> Token | None:
    """The nearest verb or auxiliary above a token."""
    current = token
    for _ in range(6):
        if current.pos_ in ("VERB", "AUX") and current != token:
            return current
        if current.head == current:
            return current if current.pos_ in ("VERB", "AUX") else None
        current = current.head
    return None


def is_future(verb: Token | None) -> bool:
    """True when a verb is marked for the future ("will meet", "is to meet", "is due to").

    An infinitive looks ahead only from a verb or adjective that is not in the past ("plans to
    meet", "is likely to reach"): "its decision to support" and "went there to meet" say nothing
    of when."""
    if verb is None:
        return False
    words = {child.lower_ for child in verb.children if child.dep_ in ("aux", "auxpass")}
    if words & {"will", "shall", "'ll"}:
        return True
    if verb.tag_ != "VB" or "to" not in words:
        return False
    head = verb.head
    return verb.dep_ in ("xcomp", "ccomp") and head.pos_ in ("VERB", "AUX", "ADJ") and not is_past(governing_verb(verb) if head.pos_ == "ADJ" else head)


#: Participles that put an event ahead of the time they are said in: "is scheduled for Tuesday".
SCHEDULED = {"scheduled", "due", "set", "expected", "slated", "planned", "billed", "poised", "timetabled"}


def is_present(verb: Token | None) -> bool:
    """True when a verb is in the present, and not the present perfect ("meets", "is", "is
    meeting", "is scheduled"): news names a day in the present for what is coming ("the board
    meets on Tuesday", "Saturday is the anniversary"). A present that reports a state left by
    the past ("is charged", "is accused") is not one."""
    if verb is None or is_past(verb) or is_future(verb):
        return False
    auxiliaries = {child.lower_ for child in verb.children if child.dep_ in ("aux", "auxpass")}
    if auxiliaries & {"is", "are", "am", "'s", "'re"}:
        return verb.tag_ == "VBG" or verb.lower_ in SCHEDULED  # "is meeting", but not "is charged"
    return verb.tag_ in ("VBZ", "VBP") and not auxiliaries


def is_past(verb: Token | None) -> bool:
    """True when a verb is in the past ("fell", "was held", "has risen", "had agreed")."""
    if verb is None:
        return False
    auxiliaries = [child for child in verb.children if child.dep_ in ("aux", "auxpass")]
    if any(child.lower_ in ("will", "shall", "'ll") for child in auxiliaries):
        return False
    if verb.tag_ == "VBN" and verb.dep_ == "acl" and not auxiliaries:
        return True  # "the budget approved in April", "an exam conducted in February": done
    return verb.tag_ == "VBD" or any(child.tag_ == "VBD" or child.lower_ in ("has", "have", "had") for child in auxiliaries)


def describe_count(number: Token, skip: Iterable[Token], kind: str = "") -> str:
    """What a number counts or refers to, as a noun phrase a reader understands.

    Tries, in turn: the noun it modifies, with the participle that says what happened to it
    ("128,000 jobs were added to payrolls" -> "jobs added to payrolls"); the predicate noun when
    the number is a subject ("18,000 were Shia militiamen" -> "Shia militiamen"); the noun after
    "of" ("two of the suspects"); the person whose age it is. A figure with no noun of its own
    takes the subject of a verb of change or being ("imports rose 3.4%" -> "imports") or reads as
    what the subject did ("Baikal bought ... for $9bn" -> "what Baikal bought"). A date that
    modifies no noun ("the 2003 invasion") keeps a short caption of its event ("attack began").
    """
    skip = list(skip)
    skipped = {token.i for token in skip}
    dep, head = number.dep_, number.head
    if dep in ("nummod", "quantmod", "amod", "compound", "nmod") and head.pos_ in ("NOUN", "PROPN") and head.i not in skipped:
        return phrase(head, skip=skip, max_words=8) if kind in ("date", "time", "period") else _with_participle(head, skip)
    if kind in ("date", "time", "period"):
        verb = governing_verb(number)
        return verb_summary(verb, skip) if verb is not None else ""
    if dep in ("nsubj", "nsubjpass"):
        for child in head.children:
            if child.dep_ in ("attr", "acomp") and child.pos_ in ("NOUN", "PROPN") and child.i not in skipped:
                return phrase(child, skip=skip, max_words=8)
    for child in number.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            objects = [grand for grand in child.children if grand.dep_ == "pobj"]
            if objects:
                return phrase(objects[0], skip=skip, max_words=8)
    if dep == "appos" and kind == "age" and head.pos_ in ("PROPN", "NOUN"):
        return phrase(head, skip=skip, max_words=5)
    if dep == "appos" and head.i not in skipped and (head.like_num or head.pos_ == "NUM"):
        return describe_count(head, skip, kind)  # "2.4bn euros ($3.1bn)": what the first figure counts
    verb = governing_verb(number)
    if verb is None:
        return ""
    return _verb_figure(verb, skip, kind)


#: Verbs (as written: there is no lemmatizer) whose figure measures their subject.
MEASURE_VERBS = {
    "be", "is", "are", "was", "were", "been", "being", "'s", "rise", "rises", "rose", "risen", "rising",
    "fall", "falls", "fell", "fallen", "falling", "grow", "grows", "grew", "grown", "growing",
    "increase", "increases", "increased", "decrease", "decreased", "drop", "drops", "dropped",
    "climb", "climbed", "jump", "jumped", "reach", "reached", "reaches", "total", "totalled", "totaled",
    "totals", "stand", "stands", "stood", "hit", "hits", "soar", "soared", "slump", "slumped", "plunge",
    "plunged", "gain", "gained", "lose", "lost", "add", "added", "decline", "declined", "edge", "edged",
    "slip", "slipped", "surge", "surged", "tumble", "tumbled", "amount", "amounted", "cost", "costs",
    "shrink", "shrank", "expand", "expanded", "top", "topped", "exceed", "exceeded", "average", "averaged",
    "remain", "remained", "remains", "hover", "hovered", "stay", "stayed", "double", "doubled",
}  # fmt: skip


def _with_participle(noun: Token, skip: list[Token]) -> str:
    """The noun's phrase, and what a participle or a regular past verb says happened to it:
    "jobs added to US payrolls in October", "people arrested"."""
    text = phrase(noun, skip=skip, max_words=8)
    verb = noun.head
    passive = noun.dep_ == "nsubjpass" and verb.tag_ == "VBN"
    done = noun.dep_ == "dobj" and verb.tag_ in ("VBD", "VBN") and verb.lower_.endswith("ed")
    if not (passive or done) or len(text.split()) > 5:
        return text
    parts = [verb.text]
    for child in verb.children:
        if child.dep_ == "prep" and child.i > verb.i and not any(token.i == child.i for token in skip):
            parts.append(phrase(child, skip=skip, max_words=5, drop_determiner=False))
    return " ".join([text, *parts][: 4])


def _verb_figure(verb: Token, skip: list[Token], kind: str) -> str:
    """A caption for a figure with no noun of its own, from the verb it belongs to: its subject
    for a measure, an age or a length of time, else what the subject did."""
    skipped = {token.i for token in skip}
    subject = subject_of(verb)
    if subject is not None and (is_pronoun(subject) or subject.i in skipped):
        subject = None
    if verb.lower_ in MEASURE_VERBS or verb.pos_ == "AUX" or kind in ("age", "duration"):
        return phrase(subject, skip=skip, max_words=6) if subject is not None else ""
    if subject is not None:
        particles = [child.text for child in verb.children if child.dep_ == "prt"]
        doer = inline(phrase(subject, skip=skip, max_words=5, drop_determiner=False), subject)
        return " ".join(["what", doer, verb.text, *particles])
    objects = [child for child in verb.children if child.dep_ in ("dobj", "nsubjpass") and child.i not in skipped]
    return phrase(objects[0], skip=skip, max_words=6) if objects else ""


def verb_summary(verb: Token, skip: Iterable[Token] = ()) -> str:
    """A caption for a verb: its subject's head words and the verb ("maternity pay rise")."""
    skipped = {token.i for token in skip}
    subject = subject_of(verb)
    words: list[str] = []
    if subject is not None and not is_pronoun(subject) and subject.i not in skipped:
        modifiers = [child for child in subject.children if child.dep_ in ("compound", "amod") and child.i < subject.i]
        words.append(text_of([*modifiers, subject]))
    words.append(verb.text)
    particles = [child for child in verb.children if child.dep_ == "prt"]
    words.extend(particle.text for particle in particles)
    if subject is None or is_pronoun(subject):
        objects = [child for child in verb.children if child.dep_ in ("dobj", "attr") and child.i not in skipped]
        if objects:
            words.append(objects[0].text)
    return " ".join(words).strip()


def role_phrases(head: Token) -> list[str]:
    """A role from an appositive head noun, with roles joined to it ("head of X, and a minister")."""
    roles = [phrase(head)]
    for child in head.children:
        # "head of X, and a government minister": a second role; "..., the leading militia" is not.
        if child.dep_ == "conj" and child.pos_ == "NOUN" and child.tag_ == "NN" and not any(
            grand.dep_ == "det" and grand.lower_ == "the" for grand in child.children
        ):
            roles.append(phrase(child))
    return [role for role in roles if role]
