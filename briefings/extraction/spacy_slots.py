"""Hedges and pending events read from the parse: is the cue used in its cue sense, and its slots.

Contested claims are read in `spacy_contested`, with the helpers here.

Every function returns None when the words are not a cue at all ("as soon as possible", "a
state of denial", "as opposed to"), `(False, {})` when they are uncertainty the article reports
but ask nothing a desk editor would ("people accused of offences", a plan in a relative clause),
and `(True, slots)` otherwise. Slots hold whole clauses and noun phrases from `claims`; a slot
that cannot be filled is left out, and the question falls to a template without it, or to none.
"""

from __future__ import annotations

from typing import Any

from briefings.extraction import claims, syntax
from briefings.extraction.spacy_clauses import FINITE_TENSE, HEDGING_VERBS, RELATIVE_TIME, abandoned, contradicted, dated, decided, no_to, overtaken, present_inside, unhedged, voiced, whole

Token = Any
Span = Any
Result = tuple[bool, dict[str, str]] | None

WEAK: Result = (False, {})
BE = {"be", "is", "are", "was", "were", "been", "being", "'s", "'re", "am"}
HAVE = {"have", "has", "had", "having", "'ve"}
PERSONAL = {"he", "she", "they", "him", "her", "them", "i", "we", "you"}
#: Hedges in the writer's own voice: musing or argument, not a claim anyone could check.
WRITERS_HEDGES = {"arguably", "perhaps", "maybe"}
#: Adjectives that, before a noun, pick the one expected ("the likely winner", "a likely theme"):
#: "how likely is the likely winner" asks nothing; "possible damages" names an event that may come.
PICKING = {"likely", "unlikely", "probable"}
#: Embedded questions: "unclear whether ...", "unclear how ...".
WH_WORDS = ("whether", "if", "how", "who", "what", "when", "why", "where", "which")


def agree(noun: Token, singular: str, plural: str) -> str:
    """The form of a verb that agrees with a noun phrase ("is" or "are")."""
    return plural if claims.is_plural(noun) else singular


def phrase(noun: Token, skip: set[int] | None = None, max_words: int = 10, around: Token | None = None) -> str:
    """A noun phrase; with `around` (the noun as the subject of that verb), without the clause of
    the noun that holds the verb ("the Never Trumpers [who oppose his presidency]") and without its
    other relative and participle clauses ("the Palestinian Authority [called for a meeting]"):
    the subject of a question is who, not what else they did."""
    skipped = set(skip or ())
    if around is not None:
        skipped |= {c.i for c in noun.children if c.left_edge.i <= around.i <= c.right_edge.i}
        skipped |= {c.i for c in noun.children if c.dep_ == "relcl" or c.dep_ == "acl" and c.tag_ in ("VBN", "VBD", "VBG")}
    return claims.noun_phrase(noun, skip=skipped, max_words=max_words)


def definite(noun: Token, skip: set[int] | None = None, max_words: int = 10) -> str:
    """A noun phrase as a definite reference: "an imminent formal request" -> "the imminent formal request"."""
    determiners = {c.i for c in noun.children if c.dep_ == "det" and c.i < noun.i}
    text = phrase(noun, skip=(skip or set()) | determiners, max_words=max_words)
    if not text or noun.pos_ == "PROPN" or any(c.dep_ == "poss" for c in noun.children):
        return text
    return f"the {text}"


# Hedges ----------------------------------------------------------------------------------------


def attributed(span: Span) -> Result:
    """ "is said to be awaiting", "reportedly told friends", "it is understood that ...": whose claim?

    Not asked when the sentence says whose ("..., Harris said", "Deadline reports that ...",
    "according to The Hollywood Reporter"); and the question carries the named subject of the
    claim as its party, so that on-record word about them nearby answers it (`spacy_parties`).
    """
    token = span[0]
    if _sourced(span):
        return WEAK
    verb_participle = next((t for t in span if t.tag_ == "VBN" and t.pos_ == "VERB"), None)
    if token.pos_ == "ADV" or token.lower_.endswith("ly"):
        verb = token.head
        if verb.pos_ not in ("VERB", "AUX"):
            return WEAK  # "allegedly corrupt officials": a label, not a claim
        if not claims.carries_claim(verb):
            return WEAK  # "Epstein, who reportedly committed suicide": background to a name in passing
        return True, {"claim": claims.clause(verb, skip={token.i}), "topic": f"claim@{verb.i}", **_party(claims.subject(verb))}
    if verb_participle is None:
        reports = next((t for t in span if t.lower_ == "reports"), None)
        if reports is None:
            return WEAK  # "alleged", "so-called", "unconfirmed" before a noun: caution, not a claim
        verb = reports.head if reports.dep_ == "pobj" else reports
        verb = verb.head if verb.dep_ == "prep" else verb
        content = next((c for c in (*reports.children, *verb.children) if c.dep_ in ("ccomp", "acl", "relcl") and c.pos_ in ("VERB", "AUX")), None)
        target = content if content is not None else verb
        skip = {t.i for t in span}
        return True, {"claim": claims.clause(target, skip=skip) if target.pos_ in ("VERB", "AUX") else "", "topic": f"claim@{target.i}"}
    if not claims.carries_claim(verb_participle):
        return WEAK  # "a spin-off, which has been rumored since 2017": background in a relative clause
    content = next((c for c in verb_participle.children if c.dep_ in ("xcomp", "ccomp")), None)
    if content is not None and sum(c.dep_ == "aux" and c.lower_ in HAVE for c in content.children) > 1:
        return WEAK  # "said to have had run into": the text's own slip, which a question would repeat
    if content is None:
        return True, {"report": claims.clause(verb_participle), "topic": f"claim@{verb_participle.i}"}
    if content.dep_ == "ccomp":  # "it is understood that ..."
        return True, {"claim": claims.clause(content), "topic": f"claim@{content.i}"}
    subject = claims.subject(verb_participle)
    finite = next((c.lower_ for c in verb_participle.children if c.dep_ == "auxpass"), "")
    slots = {"report": claims.clause(verb_participle), "topic": f"claim@{content.i}", **_party(subject)}
    named = phrase(subject, max_words=6, around=verb_participle) if subject is not None else ""
    if named and (plain := unhedged(content, FINITE_TENSE.get(finite, ""), subject)):
        slots["claim"] = f"{named} {plain}"  # "are believed to remain there": "... remain there"
    return True, slots


def _sourced(span: Span) -> bool:
    """Whether the sentence of an attribution cue names who says so: "according to" someone (there
    or opening the next sentence), or a verb of saying with a subject of its own above the cue
    ("Deadline reports that ...", "..., Harris said"), not the cue's own words ("reports suggest",
    "is said to")."""
    cue = {t.i for t in span}
    sentence = span.sent
    if any(t.lower_ == "according" and t.nbor(1).lower_ == "to" for t in sentence[:-1]):
        return True
    following = span.doc[sentence.end].sent if sentence.end < len(span.doc) else None
    if following is not None and following[0].lower_ == "according" and len(following) > 2 and following[1].lower_ == "to" and following[2].pos_ == "PROPN":
        return True  # "X is reportedly under investigation. According to Reuters, ...": the next sentence says whose
    current, seen = span.root, 0
    if current.pos_ == "ADV":
        current = current.head  # "reportedly told": the claim's verb, whose own subject is no source
    while current.head != current and seen < 12:
        current, seen = current.head, seen + 1
        if current.lower_ in claims.REPORTING and current.i not in cue and any(c.dep_ == "nsubj" and c.i not in cue for c in current.children):
            return True
    return any(c.dep_ == "parataxis" and c.lower_ in claims.REPORTING and any(g.dep_ == "nsubj" for g in c.children) for c in current.children)


def _party(subject: Token | None) -> dict[str, str]:
    """The named subject of a claim, for checking what the rest of the article says about them."""
    if subject is None or not (subject.pos_ == "PROPN" or subject.text in subject.doc.user_data.get(claims.CAPITALISED, ())):
        return {}  # "Wales", tagged a plural noun at the start of a sentence, is a name the article uses
    return {"party": subject.lower_, "unless": "on-record"}


def likelihood(token: Token) -> Result:
    """ "likely to remain", "a possible rapprochement", "has probably been": how likely, and of what?"""
    if token.lower_ in WRITERS_HEDGES:
        return WEAK  # the writer musing ("Perhaps there are grounds for hope"), not a claim to check
    if decided(token.sent):
        return WEAK  # "pending a review", "so it's possible", "if it happens": what decides it is said
    head = token.head
    if token.pos_ == "ADJ":
        before = token.doc[token.i - 1].lower_ if token.i else ""
        if before in ("as", "when", "where", "if", "wherever", "whenever"):
            return None  # "as soon as possible", "when possible": a fixed phrase
        if token.dep_ == "amod" and head.pos_ in ("NOUN", "PROPN"):
            if token.lower_ in PICKING:
                return WEAK  # "a likely theme of the manifestos", "the probable winner": which one, not whether it happens
            governing = syntax.governing_verb(head)
            if governing is None or not claims.carries_claim(governing):
                return WEAK
            if head.dep_ == "nsubj" and governing.lower_ in BE:
                return WEAK  # "One possible explanation is that ...": the writer's reasoning, not a forecast
            thing = phrase(head, skip={token.i})
            if len(thing.split()) < 3:
                return WEAK  # "how likely is the threat": of what, the question alone cannot say
            return True, {"object": thing, "is": agree(head, "is", "are"), "topic": f"likely@{head.i}"}
        if token.dep_ not in ("acomp", "oprd", "attr"):
            return WEAK  # "most likely nothing more than ...": a hedge the parse cannot place
        if any(c.dep_ == "neg" for c in (*token.children, *head.children)):
            return WEAK  # "it was not possible to verify": a limit of the reporting, not a forecast
        if not claims.carries_claim(head) or not voiced(token):
            return WEAK  # "Horowitz is likely to ...": the writer's own forecast, not a claim to test
        action = next((c for c in token.children if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")), None)
        clause = next((c for c in (*token.children, *head.children) if c.dep_ == "ccomp"), None)
        subject = claims.subject(head)
        if action is not None and _evaluation(action):
            return WEAK  # "likely to be unpredictable": a judgment, not an event
        if action is not None and subject is not None:
            rest = claims.render(action, skip=no_to(action), max_words=12)
            return True, {"claim": f"{phrase(subject, max_words=6, around=head)} will {rest}" if rest else "", "topic": f"likely@{action.i}"}
        if clause is not None:
            return True, {"claim": claims.clause(clause), "topic": f"likely@{clause.i}"}
        return WEAK
    if head.pos_ not in ("VERB", "AUX"):
        return WEAK  # "potentially lucrative"
    if not claims.carries_claim(head) or _evaluation(head) or not voiced(token):
        return WEAK  # "has probably been closer to Bush than any other leader": a judgment
    return True, {"claim": claims.clause(head, skip={token.i}), "topic": f"likely@{head.i}"}


def _evaluation(verb: Token) -> bool:
    """A copula with an adjective or a superlative ("be unpredictable", "was the most telling"): the
    writer's judgment, which no evidence settles, rather than an event or a state of affairs."""
    if verb.lower_ not in BE:
        return False
    for child in verb.children:
        if child.dep_ == "acomp" and child.pos_ == "ADJ":
            return True
        if child.dep_ == "attr" and any(g.tag_ in ("JJS", "RBS", "JJR") for g in child.children):
            return True
    return False


def unclear(token: Token) -> Result:
    """ "Baikal's motives are still unclear", "unclear whether the tariff applies": what is not known?"""
    head = token.head
    if token.dep_ not in ("acomp", "oprd", "attr", "ROOT"):
        return WEAK
    if not claims.carries_claim(head if token.dep_ != "ROOT" else token):
        return WEAK
    clause = next((c for c in (*token.children, *head.children) if c.dep_ == "ccomp"), None)
    if clause is not None:
        mark = next((c for c in clause.children if c.dep_ == "mark"), None)
        text = claims.render(clause, max_words=16, cut={"punct", "cc", "conj", "parataxis", "dep"})
        if mark is not None and mark.lower_ in ("whether", "if") and text:
            return True, {"unknown": f"whether {text}", "topic": f"unclear@{clause.i}"}
        if text.split(" ", 1)[0].casefold() in WH_WORDS:  # "unclear how many died"
            return True, {"unknown": text[0].lower() + text[1:], "topic": f"unclear@{clause.i}"}
        return WEAK
    subject = _unclear_subject(head)
    if subject is None or token.dep_ != "acomp":
        return WEAK
    return True, {"unknown": phrase(subject, max_words=10, around=head), "topic": f"unclear@{subject.i}"}


def _unclear_subject(verb: Token) -> Token | None:
    """What "remained unclear": the verb's own subject, or the object just before it where the model
    hung the clause's subject on the verb above ("added [the cause of the fire] remained unclear");
    never a subject further up ("Officials said ..., but added ... remained unclear" is not about
    the officials)."""
    own = next((c for c in verb.children if c.dep_ in syntax.SUBJECT_DEPS), None)
    if own is not None:
        return syntax.antecedent(own) or own
    if verb.dep_ == "ccomp":
        return next((c for c in verb.head.children if c.dep_ == "dobj" and c.right_edge.i == verb.i - 1), None)
    if verb.dep_ in ("xcomp", "conj"):
        return _unclear_subject(verb.head) if verb.head.pos_ in ("VERB", "AUX") else None
    return None


def speculation(token: Token) -> Result:
    """ "speculation of a rift", "speculation the pair were ...", "analysts speculated that ..."."""
    clause = next((c for c in token.children if c.dep_ in ("ccomp", "acl", "relcl") and c.pos_ in ("VERB", "AUX") and c.i > token.i), None)
    if clause is not None:
        return True, {"claim": claims.clause(clause), "topic": f"speculation@{clause.i}"}
    about = [g for c in token.children if c.dep_ == "prep" and c.lower_ in ("of", "about", "over", "on") for g in c.children if g.dep_ == "pobj"]
    if about:
        thing = phrase(about[0])
        if len([w for w in thing.split() if w.casefold() not in ("a", "an", "the")]) < 2:
            return WEAK  # "speculation of a rift": between whom, the question alone cannot say
        return True, {"object": thing, "topic": f"speculation:{about[0].lower_}"}
    return WEAK


def inference(span: Span) -> Result:
    """ "the figures suggest that ...", "it appears ...", "tactics appear to have made ...": the inference drawn."""
    token = span[0]
    verb = token if token.pos_ in ("VERB", "AUX") else token.head
    # "the data suggest", "with some reports suggesting": the inference has a source of its own
    own_subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children) or verb.dep_ == "acl" and verb.head.pos_ == "NOUN"
    if not own_subject and (verb.tag_ == "VBG" or not claims.carries_claim(verb)):
        return WEAK  # "suggesting it was done ...": an aside, not the claim
    if any(c.dep_ == "neg" for c in verb.children):
        return WEAK  # "does not appear to be": what is not inferred is no claim to weigh
    if verb.lower_ in HEDGING_VERBS and not voiced(verb):
        return WEAK  # "seems to be weighing on investors": the writer's impression, no one's claim
    subject = syntax.subject_of(verb) or next((c for c in verb.children if c.dep_ == "expl"), None)
    content = next((c for c in verb.children if c.dep_ == "xcomp"), None)
    if content is not None and subject is not None and not _person(subject):
        # "the cases appear to be unrelated": the question weighs "the cases are unrelated"
        named = "there" if subject.dep_ == "expl" else phrase(subject, max_words=6, around=verb)
        plain = unhedged(content, verb.tag_, subject) if verb.lower_ in HEDGING_VERBS else ""
        claim = f"{named} {plain}" if named and plain else claims.clause(verb)
        return True, {"claim": claim, "topic": f"inference@{verb.i}"}
    person = subject is not None and _person(subject)
    # What is inferred follows the verb: "The shot was fired with claims a leak suggested ..." is no inference from the leak.
    clause = next((c for c in verb.children if c.dep_ == "ccomp" and c.i > verb.i), None)
    if clause is None or person or clause.tag_ == "VB":
        return WEAK  # "appeared sad"; a person's suggestion or proposal is theirs to argue
    return True, {"claim": claims.clause(clause), "topic": f"inference@{clause.i}"}


def _person(subject: Token) -> bool:
    """A person (a name that is not a place or an organisation, or a personal pronoun): "Schiff
    seems to have no sense ..." is a reading of someone's mind, the writer's view, not a claim."""
    if subject.lower_ in PERSONAL or subject.ent_type_ in ("PERSON", "NORP"):
        return True
    return subject.pos_ == "PROPN" and not subject.ent_type_


# Pending events --------------------------------------------------------------------------------


def awaited(span: Span) -> Result:
    """ "awaiting an imminent formal request": has it come?"""
    token = span[0]
    if token.pos_ != "VERB" or not claims.carries_claim(token):
        return WEAK
    objects = [c for c in token.children if c.dep_ == "dobj"]
    objects += [g for t in span for c in t.children if c.dep_ == "prep" and c.lower_ == "for" for g in c.children if g.dep_ == "pobj"]
    objects += [g for t in span for g in t.children if g.dep_ == "pobj"]
    if not objects:
        return WEAK
    return True, {"object": definite(objects[0]), "has": agree(objects[0], "has", "have"), "topic": f"pending:{objects[0].lower_}"}


#: Verbs that read meaning into an event rather than name one ("mark the beginning", "signal a shift").
READINGS = {"mark", "signal", "herald", "represent", "mean", "symbolise", "symbolize", "spell", "usher", "prove"}
#: Cues of a schedule reported as fact ("is set to", "will announce", "is to be"): the day comes on its own.
SCHEDULES = {"set", "will", "is", "are", "poised", "on"}
PLANNED = {"plan": "as planned", "plans": "as planned", "planned": "as planned", "intends": "as planned", "scheduled": "as scheduled", "due": "as scheduled"}


def expected(span: Span) -> Result:
    """ "is expected to agree", "will be outlined", "plans to end": did it happen?"""
    cue = span[0]
    if cue.lower_ in ("considering", "under") or span.text.casefold().startswith("to be"):
        return WEAK  # deliberation, not a date to check
    if cue.lower_ in SCHEDULES:
        return WEAK  # judged never worth asking: an editor does not ask whether a date announced as fact came
    verb = next((c for t in span for c in t.children if c.dep_ in ("xcomp", "acl") and c.tag_ in ("VB", "VBN")), None)
    carrier = cue if cue.pos_ in ("VERB", "AUX", "NOUN") else cue.head
    if verb is None or verb.lower_ in BE | HAVE | READINGS:
        return WEAK  # "expected to mark the beginning of ...": a reading of an event, not one
    planned = PLANNED.get(cue.lower_, "as expected")
    if carrier.pos_ == "NOUN":  # "defended plans to end the embargo"
        governing = syntax.governing_verb(carrier)
        if governing is None or not claims.carries_claim(governing) or verb.dep_ != "acl":
            return WEAK
        if carrier.dep_ not in ("dobj", "nsubj", "nsubjpass"):
            return WEAK  # "unhappy about plans to ...", "talks over plans": the news is the reaction
        if carrier.dep_ == "nsubj" and governing.lower_ in BE:
            return WEAK  # "GM's plans to build ... is part of its efforts": what the plan means, not whether it happens
        if any(c.dep_ == "aux" and c.lower_ == "had" for c in governing.children) or contradicted(governing) or abandoned(governing):
            return WEAK  # "had outlined a plan to ..., but no one worked on it", "the plans were dropped": how it fared is said
        action = whole(verb, no_to(verb), 12)
        left = [t for c in carrier.children if c.i < carrier.i and c.dep_ in ("poss", "compound", "amod", "det") for t in c.subtree]
        if any(t.dep_ == "poss" and t.pos_ == "PRON" for t in left):
            return WEAK  # "his plan": whose, the question alone cannot say
        name = syntax.text_of([*left, carrier])
        name = name if any(c.dep_ in ("poss", "det") for c in left) else f"the {name}"
        plan = claims.lower_start(f"{name} to {action}", carrier) if action else ""
        slot = "dated_plan" if action and dated(verb, action) else "plan"  # "by the end of 2025": the question need not ask when
        return True, {slot: plan, "topic": "pending:plans"}  # one "did the plans go ahead" an article is plenty
    scheduled = carrier.dep_ == "relcl" and planned != "as planned"  # "the hearing, which is scheduled to ..."
    if not (claims.carries_claim(carrier) or scheduled) or overtaken(carrier) or contradicted(carrier):
        return WEAK
    subject = claims.subject(carrier) or claims.subject(verb)
    if subject is None:
        return WEAK
    topic = f"pending:{subject.lower_}:{verb.lower_}"
    skip = no_to(verb)
    if any(c.dep_ == "aux" and c.lower_ in HAVE for c in carrier.children):
        # "have been expected to sign a deal for about a month": how long the expectation has stood
        skip |= {c.i for c in verb.children if c.dep_ == "prep" and c.lower_ in ("for", "since") and any(g.ent_type_ == "DATE" for g in c.subtree)}
    if any(c.dep_ == "auxpass" for c in verb.children):
        skip |= {c.i for c in verb.children if c.dep_ == "auxpass"}
        passive = whole(verb, skip, 10)
        if RELATIVE_TIME.search(passive):
            return WEAK  # "held next Tuesday": cannot be asked afterwards as written
        slot = "dated_passive" if dated(verb, passive) else "passive"  # "held next Tuesday": the question need not ask when
        return True, {"was": agree(subject, "was", "were"), "subject": phrase(subject, max_words=8, around=verb), slot: passive, "planned": planned, "topic": topic}
    skip |= {c.i for c in verb.children if c.dep_ == "neg"}
    action = whole(verb, skip, 12)
    event = f"{phrase(subject, max_words=6, around=verb)} {action}" if action else ""
    if RELATIVE_TIME.search(event) or present_inside(verb, action):
        return WEAK  # "Did the ICC take decisions in the coming weeks as expected?", "... as he begins a tour"
    return True, {"dated_event" if dated(verb, action) else "event": event, "planned": planned, "topic": topic}





def outstanding(span: Span) -> Result:
    """ "has not yet produced", "are yet to unveil", "no decision on ...": is it still to come?"""
    if any(t.lower_ == "decision" for t in span):
        decision = next(t for t in span if t.lower_ == "decision")
        about = [g for c in decision.children if c.dep_ == "prep" and c.lower_ in ("on", "about", "over") for g in c.children if g.dep_ == "pobj"]
        return (True, {"object": definite(about[0]), "topic": f"pending:{about[0].lower_}"}) if about else WEAK
    verb = next((t for t in span if t.pos_ in ("VERB", "AUX") and t.dep_ not in ("aux", "auxpass", "neg")), span[0].head)
    while verb.pos_ not in ("VERB", "AUX") and verb.head != verb:
        verb = verb.head
    action = next((c for c in verb.children if c.dep_ == "xcomp" and c.tag_ in ("VB", "VBN")), None)
    if not claims.carries_claim(verb):
        return WEAK
    subject = claims.subject(verb)
    if subject is None:
        return WEAK
    if action is not None:  # "are yet to unveil", "remains to be decided"
        if action.lower_ in ("comment", "respond", "reply"):
            return WEAK  # "has yet to comment": routine, judged never worth asking
        rest = whole(action, no_to(action), 12)
        return True, {"event": f"{phrase(subject, max_words=6, around=verb)} {rest}" if rest else "", "topic": f"pending:{subject.lower_}:{action.lower_}"}
    if verb.tag_ != "VBN":
        return WEAK  # "not yet clear"
    skip = {c.i for c in verb.children if c.dep_ in ("aux", "neg", "nsubj", "nsubjpass") or c.lower_ == "yet"}
    done = whole(verb, skip, 12)
    return True, {"has": agree(subject, "has", "have"), "subject": phrase(subject, max_words=8, around=verb), "done": done, "topic": f"pending:{subject.lower_}:{verb.lower_}"}
