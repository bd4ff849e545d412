"""Claims in brief for question slots: whole clauses and noun phrases cut from the parse, never fragments.

A question template glued onto a fragment goes wrong in predictable ways ("Did the police consider
as expected", "How likely is damages"). The functions here hand back either a complete piece of
the sentence (a clause with its subject, finite verb and objects; a noun phrase with its number)
or nothing, so a template is only filled when its slot reads right. Shortening drops whole optional
dependents (adverbials, relative clauses, trailing prepositional phrases), never the last words.

Also here: which parts of a paragraph are direct quotation, and whether a verb carries the
article's own claim rather than sitting in a relative or adverbial clause.
"""

from __future__ import annotations

import re
from typing import Any

from briefings.extraction import syntax

Token = Any

#: Dependents a clause can lose and still read as a whole sentence, most expendable first.
OPTIONAL_ORDER = ("parataxis", "intj", "advcl", "appos", "conj", "relcl", "acl", "npadvmod", "advmod", "prep", "dative")
#: Dependents of the clause's own verb that are never part of the claim ("but", "and ...", "that").
CUT_FROM_VERB = {"cc", "conj", "mark", "parataxis", "intj", "punct", "dep", "meta"}
#: A clause or phrase must not end on one of these ("the trial of", "talks and").
DANGLING_TAGS = {"DT", "CC", "TO", "MD", "WDT", "WP", "PRP$", "POS", "HYPH", ",", ":"}
DASHES = {"\u2014", "\u2013", "--"}
NAME_ENTS = {"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC", "WORK_OF_ART", "EVENT", "LAW", "PRODUCT"}
#: Pairs of quotation marks; straight double quotes toggle.
QUOTE_PAIRS = {"\u201c": "\u201d", "\u00ab": "\u00bb"}
QUOTE_MARKS = re.compile('["\u201c\u201d\u00ab\u00bb]')
#: A quotation this short is a scare quote or a cited phrase ("state of denial"), not reported speech.
SPEECH_WORDS = 5
#: Key of `Doc.user_data` for the words the article writes with a capital inside a sentence (names).
CAPITALISED = "brief_capitalised"
#: Verbs whose clausal complement is a claim the article reports ("officials said that ...").
REPORTING = {
    "say", "said", "says", "saying", "tell", "told", "tells", "add", "added", "adds", "report", "reported",
    "reports", "claim", "claimed", "claims", "state", "stated", "states", "warn", "warned", "warns",
    "believe", "believed", "believes", "think", "thought", "thinks", "insist", "insisted", "insists",
    "argue", "argued", "argues", "confirm", "confirmed", "confirms", "announce", "announced", "announces",
    "suggest", "suggested", "suggests", "indicate", "indicated", "indicates", "note", "noted", "notes",
    "write", "wrote", "writes", "explain", "explained", "explains", "predict", "predicted", "predicts",
    "estimate", "estimated", "estimates", "acknowledge", "acknowledged", "admit", "admitted", "admits",
    "fear", "feared", "fears", "understand", "understood", "expect", "expected", "expects",
}  # fmt: skip


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """Character ranges of a paragraph that are direct quotation of at least SPEECH_WORDS words.

    News style runs a quotation over several paragraphs: it opens a quotation mark at the start of
    each paragraph and closes it only at the end of the last. So a quotation that is still open
    when another opens ends there, one left open runs to the end of the paragraph, and a closing
    mark before any opening one ends a quotation begun in an earlier paragraph.
    """
    spans: list[tuple[int, int]] = []

    def add(start: int, end: int, *, continued: bool = False) -> None:
        if continued or len(text[start:end].split()) >= SPEECH_WORDS:
            spans.append((start, end))

    start: int | None = None
    seen = False
    for mark in QUOTE_MARKS.finditer(text):
        index = mark.start()
        if _opens(text, index):
            if start is not None:
                add(start, index)
            start = index
        elif start is not None:
            add(start, index + 1)
            start = None
        elif not seen:
            add(0, index + 1, continued=True)  # no scare quote closes what it never opened
        seen = True
    if start is not None:
        add(start, len(text))
    return spans


def _opens(text: str, index: int) -> bool:
    """Whether the quotation mark at `index` opens a quotation (a straight one is told by its sides)."""
    char = text[index]
    if char in "\u201d\u00bb":
        return False
    if char != '"':
        return True
    before = text[index - 1] if index else " "
    after = text[index + 1 : index + 2]
    return (before.isspace() or before in "([\u2014\u2013-:") and bool(after) and not after.isspace()


def in_spans(position: int, spans: list[tuple[int, int]]) -> bool:
    """True when a character position falls inside one of the ranges."""
    return any(start <= position < end for start, end in spans)


def carries_claim(verb: Token) -> bool:
    """True when a verb's clause is asserted by the article: the main clause, a clause joined to it,
    or what someone is reported to say, not a relative, adverbial or subordinate clause."""
    current = verb
    for _ in range(8):
        if current.dep_ == "ROOT":
            return True
        if current.dep_ == "conj" or current.dep_ == "xcomp":
            current = current.head
            continue
        if current.dep_ == "ccomp" and current.head.lower_ in REPORTING:
            current = current.head
            continue
        return False
    return False


def _subtree(head: Token, dropped: set[int]) -> list[Token]:
    """The subtree of `head` without the subtrees rooted at the dropped tokens."""
    kept = []
    for token in head.subtree:
        current = token
        while current.i not in dropped and current != head:
            current = current.head
        if current.i not in dropped:
            kept.append(token)
    return kept


def _words(tokens: list[Token]) -> int:
    return sum(1 for t in tokens if not t.is_punct and t.tag_ != "POS")


def render(head: Token, *, skip: set[int] | None = None, max_words: int = 16, cut: set[str] | None = None) -> str:
    """The text of `head`'s subtree without the subtrees in `skip`, shortened to `max_words` by
    dropping whole optional dependents; "" when it cannot be made short and whole."""
    dropped = set(skip or ())
    dropped |= _asides(head)
    for child in head.children:
        if child.dep_ in (cut if cut is not None else CUT_FROM_VERB) and not (child.dep_ == "punct" and child.text in "-'\u2019"):
            dropped.add(child.i)
    tokens = _subtree(head, dropped)
    for dep in OPTIONAL_ORDER:
        if _words(tokens) <= max_words:
            break
        # Rightmost first: the end of a sentence holds its least essential detail.
        for candidate in sorted((t for t in tokens if t.dep_ == dep and t != head), key=lambda t: -t.i):
            if dep == "prep" and candidate.head.pos_ in ("VERB", "AUX") and (candidate.head != head or not _has_object(head, dropped)):
                continue  # "put in place", "bring talks to a close": the verb may need its preposition
            if _hyphenated(candidate):
                continue  # "laser-like": half a word is no word
            if candidate.ent_iob_ == "I" and candidate.text[:1].isupper():
                continue  # "Atmospheric Administration" of "the National Oceanic and ...": half a name is no name
            if dep == "acl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in candidate.children):
                continue  # "an attempt to discredit her": the noun needs what it is an attempt at
            dropped.add(candidate.i)
            if dep == "conj":  # "A or B" without B: the "or" goes too
                dropped.update(c.i for c in candidate.head.children if c.dep_ in ("cc", "preconj"))
            tokens = _subtree(head, dropped)
            if _words(tokens) <= max_words:
                break
    if _words(tokens) > max_words or _misattached(tokens, dropped - set(skip or ())):
        return ""
    return _finish(tokens)


#: Dependents that complete their verb: after a dropped adverbial they mean the parse went astray.
CORE = {"dobj", "attr", "oprd", "dative", "ccomp", "xcomp", "acomp"}


def _misattached(tokens: list[Token], dropped: set[int]) -> bool:
    """Whether the kept words jump over a dropped dependent to one its head has further right, where
    that only reads right if the parse went astray: an object after a dropped adverbial ("propose
    increased thresholds [with Letwin branding stamp duty] a stealth tax"), anything after a dropped
    coordinate ("taken to cut costs[, and traffic, in the run-up to the election] on 2 November").
    The text would join words the sentence never joined; better no clause than a wrong one."""
    if not tokens:
        return False
    present = {t.i for t in tokens}
    doc = tokens[0].doc
    for index in dropped:
        gone = doc[index]
        if gone.head.i not in present or gone.dep_ not in (*OPTIONAL_ORDER, "conj"):
            continue
        later = [c for c in gone.head.children if c.i > gone.right_edge.i and c.i in present and not c.is_punct]
        if any(gone.dep_ == "conj" or c.dep_ in CORE for c in later):
            return True
    return False


def _asides(head: Token) -> set[int]:
    """Words set off by dashes ("on the table — that there is still ..."), which a short claim can do without."""
    inside, aside = False, set()
    for token in head.doc[head.left_edge.i : head.right_edge.i + 1]:  # a dash may hang outside the subtree
        if token.text in DASHES or token.text == "-" and token.whitespace_ and token.i and token.doc[token.i - 1].whitespace_:
            inside = not inside
            aside.add(token.i)
        elif inside:
            aside.add(token.i)
    return aside - {head.i}


def _hyphenated(token: Token) -> bool:
    doc = token.doc
    return token.i + 1 < len(doc) and doc[token.i + 1].text == "-" or token.i > 0 and doc[token.i - 1].text == "-"


def _split_word(token: Token, present: set[int]) -> bool:
    """Whether a kept token is written together with a dropped neighbour that is part of its word
    ("re" and "-evaluate", "wo" and "n't"), so that the text would hold half a word."""
    doc = token.doc

    def glued(left: Token, right: Token) -> bool:
        return not left.whitespace_ and (right.text == "-" or left.text == "-" or any(ch.isalnum() for ch in right.text) and any(ch.isalnum() for ch in left.text))

    after = token.i + 1
    before = token.i - 1
    return (
        after < len(doc) and after not in present and glued(token, doc[after])
        or before >= 0 and before not in present and glued(doc[before], token)
    )


def _cut_after(token: Token, present: set[int]) -> bool:
    """Whether the words after a token in the sentence were left out (not a stranded preposition at
    the end of its clause, "the finale he hoped for.")."""
    following = token.i + 1
    return following < len(token.doc) and following not in present and not token.doc[following].is_punct


def _has_object(verb: Token, dropped: set[int]) -> bool:
    return any(c.dep_ in ("dobj", "attr", "acomp", "xcomp", "ccomp", "oprd") and c.i not in dropped for c in verb.children)


def _finish(tokens: list[Token]) -> str:
    """Tokens as text, trimmed of edge punctuation and of quotation marks left unbalanced."""
    tokens = sorted(tokens, key=lambda t: t.i)
    present = {t.i for t in tokens}
    # A comma beside a gap set off what was dropped ("Prince Andrew, [his age], has"): it goes too.
    tokens = [t for t in tokens if not (t.text in ",;" and (t.i - 1 not in present or t.i + 1 not in present))]
    if any(_split_word(t, present) for t in tokens):
        return ""  # "re" of "re-evaluate", "wo" of "won't": part of a word is no word
    if any(t.dep_ == "prep" and t.pos_ == "ADP" and not any(c.i in present for c in t.children) and _cut_after(t, present) for t in tokens):
        return ""  # "lent money to the bank over [several years]": a preposition without its object
    while tokens and (tokens[0].is_punct and tokens[0].text not in "\u201c\"" or tokens[0].dep_ in ("cc", "mark")):
        tokens.pop(0)
    while tokens and (tokens[-1].is_punct and tokens[-1].text not in "\u201d\"" or tokens[-1].tag_ in DANGLING_TAGS):
        tokens.pop()
    text = syntax.text_of(tokens)
    text = re.sub(r"\s+([,;:])", r"\1", text)
    if text.count('"') % 2 or text.count("\u201c") != text.count("\u201d"):
        text = re.sub(r"[\"\u201c\u201d]", "", text)
    text = text.strip(" ,;:-\u2013\u2014")
    if not text or "?" in text or ": " in text or text.endswith(tuple(" " + word for word in ("the", "a", "an", "and", "or"))):
        return ""
    return text


def subject(verb: Token) -> Token | None:
    """The subject of a clause, resolving a relative pronoun to its noun; None for other pronouns."""
    found = syntax.subject_of(verb)
    if found is not None and _across_complement(verb):
        return None  # "have been told [176 dollars] is likely to be the final price": not "investors"
    if found is not None and found.dep_ in ("nsubj", "nsubjpass"):
        # "LONDON (AP) — Britain's Conservative Party was accused": of two subjects, the nearest.
        before = [c for c in found.head.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < found.head.i]
        found = before[-1] if before else found
    if found is None or found.dep_ == "expl" or syntax.is_pronoun(found) or found.lower_ == "one":
        return None
    if _misplaced_antecedent(verb, found):
        return None
    if any(c.dep_ == "poss" and c.tag_ in ("PRP$", "WP$") for c in found.children):
        return None  # "its forces", "his resignation": whose, the question alone cannot say
    if found.pos_ == "PROPN" and any(c.lower_ in ("a", "an") for c in found.children):
        return None  # "a prospect Vindman": a name with an indefinite article is a misparse
    return found


def _across_complement(verb: Token) -> bool:
    """Whether the subject `syntax.subject_of` finds lies above a finite complement clause: a clause
    that is the object of another verb ("told [that] the price is likely ...") has a subject of its
    own, and where the parse gave it none, the subject of the verb above is someone else."""
    current = verb
    for _ in range(5):
        if any(c.dep_ in syntax.SUBJECT_DEPS for c in current.children):
            return False
        if current.dep_ == "ccomp":
            return True
        if current.dep_ not in ("xcomp", "conj", "advcl", "acomp") or current.head == current:
            return False
        current = current.head
    return False


def _misplaced_antecedent(verb: Token, noun: Token) -> bool:
    """ "a spin-off from Quentin Tarantino, which has been rumored": the parse hangs "which" on the
    nearest noun, but "which" never stands for a person; the clause belongs to a noun before."""
    if noun.ent_type_ != "PERSON":
        return False
    clause = next((c for c in noun.children if c.dep_ in ("relcl", "acl") and c.left_edge.i <= verb.i <= c.right_edge.i), None)
    return clause is not None and any(c.lower_ == "which" and c.dep_ in syntax.SUBJECT_DEPS for c in clause.children)


def noun_phrase(noun: Token, *, skip: set[int] | None = None, max_words: int = 10) -> str:
    """A whole noun phrase, lower-cased at the start unless it begins with a name; "" when too long
    or when it lost the words before its noun ("coach" of "Clive Griffiths - Wales' defensive coach -")."""
    text = render(noun, skip=skip, max_words=max_words, cut={"punct", "dep", "appos", "parataxis"})
    before = [c for c in noun.children if c.i < noun.i and c.i not in (skip or ()) and c.dep_ in ("det", "poss", "compound", "amod", "nmod", "nummod")]
    if text and before and text.split()[0] == noun.text:
        return ""
    return lower_start(text, noun)


def lower_start(text: str, head: Token) -> str:
    """A phrase for the middle of a question: its first word lowered unless it begins a name
    ("the Greens" unless "The" is part of the name, "one explanation", but "Tony Blair")."""
    if not text:
        return text
    first = next((t for t in head.subtree if text.startswith(t.text)), head)
    named = first.pos_ == "PROPN" or first.ent_type_ in NAME_ENTS and first.ent_iob_ in ("B", "I") and first.tag_ != "DT"
    named = named or first.text in head.doc.user_data.get(CAPITALISED, ())  # "Trump", tagged an adjective
    if named or text.split()[0].isupper() and len(text.split()[0]) > 1:
        return text
    return text[0].lower() + text[1:]


def is_plural(noun: Token) -> bool:
    """Whether a noun phrase takes "are": plural nouns and coordinations ("Iran and Iraq")."""
    return noun.tag_ in ("NNS", "NNPS") or any(child.dep_ == "conj" for child in noun.children)


def clause(verb: Token, *, skip: set[int] | None = None, max_words: int = 18) -> str:
    """A whole clause with its subject ("the police will consider whether to arrest them"), or "".

    A clause whose subject is a pronoun other than a relative one is left out: "he denied it" is
    not a question anyone can act on without the sentence before.
    """
    found = subject(verb)
    if found is None:
        expletive = next((c for c in verb.children if c.dep_ == "expl"), None)
        if expletive is None:
            return ""
        found = expletive  # "there was a snub", "it is possible that ...": the clause is whole
    dropped = set(skip or ())
    relative = next((c for c in verb.children if c.dep_ in syntax.SUBJECT_DEPS), None)
    if relative is not None and relative.lower_ in syntax.RELATIVES:  # "which has been accused": the noun, then the rest
        dropped.add(relative.i)
        rest = render(verb, skip=dropped, max_words=max_words - 3)
        head = noun_phrase(found, max_words=6)
        return f"{head} {rest}" if rest and head else ""
    if found.i not in {t.i for t in verb.subtree}:
        return ""  # the subject belongs to a clause above ("expected to agree"): not a clause of its own
    # "In other words, this claim appears ...": what comes before the subject frames the sentence.
    dropped |= {c.i for c in verb.children if c.i < found.i and c.dep_ in ("prep", "advmod", "npadvmod", "advcl", "intj")}
    text = render(verb, skip=dropped, max_words=max_words)
    if not re.search(rf"(?<!\w){re.escape(found.text)}(?!\w)", text):
        return ""  # the subject went with an aside ("Tom Baines - Wales' defensive coach - is thought ...")
    return lower_start(text, found) if text else ""
