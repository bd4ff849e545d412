"""Fixed briefings for the exporter tests and the README screenshot.

The sample article is split by hand (not by the readers) and its extraction is written out here
(not computed), so that golden files change only when an exporter changes.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from briefings.briefing import Annotation, Briefing, Orphan, Question
from briefings.decisions import ActorDecision
from briefings.edits import LibrarySettings
from briefings.exporters import ExportBundle
from briefings.extraction.model import Actor, Extraction, Mention, NumberFact, Place, QuestionSuggestion
from briefings.model import Anchor, Article, make_paragraphs, text_digest
from briefings.summary import Judgment, SourceGrade, Summary
from briefings.taxonomy import DEFAULT_TAGS, Tag

SAMPLE = Path(__file__).resolve().parents[2] / "briefings" / "samples" / "000_6ec8421da3f37b6e.txt"
GENERATED = "2026-01-15T09:30:00+00:00"
APP_VERSION = "0.1.0"

#: Text that tries to break out of every format it is put in.
HOSTILE = (
    "<script>document.title='pwned';document.body.innerHTML='pwned'</script>"
    " <img src=x onerror=\"document.title='pwned'\"> [x](javascript:alert(1)) <javascript:alert(2)>"
    " | pipes | \n# heading\n> quote\n- item\n1. step\n===\n``` code ``` *em* _em_ &amp; \"q\" 'q'"
    " \x1b[2J\x9b31m"
)


def sample_article() -> Article:
    """The bundled sample: its first block is the headline, the other blocks are paragraphs."""
    blocks = [block.strip() for block in SAMPLE.read_text(encoding="utf-8").split("\n\n") if block.strip()]
    return Article(
        title=blocks[0],
        paragraphs=make_paragraphs(blocks[1:]),
        source="The Telegraph",
        date=dt.date(2015, 3, 25),
        url="https://example.org/telegraph/2015-03-25-tikrit",
        origin=SAMPLE.name,
        format="text",
    )


def _mention(article: Article, paragraph: int, text: str, after: int = 0) -> Mention:
    start = article.paragraphs[paragraph].text.index(text, after)
    return Mention(paragraph, start, start + len(text), text)


def sample_extraction(article: Article) -> Extraction:
    """A realistic extraction of the sample, written out by hand."""

    def mentions(*where: tuple[int, str]) -> tuple[Mention, ...]:
        return tuple(_mention(article, paragraph, text) for paragraph, text in where)

    def every(paragraph: int, text: str) -> tuple[Mention, ...]:
        found: list[Mention] = []
        while text in article.paragraphs[paragraph].text[found[-1].end if found else 0 :]:
            found.append(_mention(article, paragraph, text, found[-1].end if found else 0))
        return tuple(found)

    actors = (
        Actor(
            "united states",
            "United States",
            "state",
            ("US", "America"),
            "",
            mentions(
                (0, "US"),
                (0, "United States"),
                (3, "US"),
                (4, "United States"),
                (6, "United States"),
                (7, "US"),
                (8, "US"),
                (9, "American"),
                (10, "US"),
                (12, "American"),
            ),
        ),
        Actor(
            "iran",
            "Iran",
            "state",
            ("Iranian", "Tehran"),
            "",
            mentions((0, "Iran"), (2, "Iranian"), (6, "Iran"), (8, "Iranian"), (9, "Tehran")),
        ),
        Actor(
            "islamic state of iraq and the levant",
            "Islamic State of Iraq and the Levant",
            "group",
            ("Isil",),
            "",
            mentions((0, "Isil"), (1, "Islamic State of Iraq and the Levant"), (3, "Isil"), (5, "Isil")),
        ),
        Actor(
            "qassem suleimani",
            "Qassem Suleimani",
            "person",
            (),
            "head of the internationally-focused Al Quds division of the Revolutionary Guard",
            mentions((2, "Qassem Suleimani")),
        ),
        Actor(
            "martin dempsey",
            "Martin Dempsey",
            "person",
            (),
            "chairman of the US joint chiefs of staff",
            mentions((10, "Martin Dempsey")),
        ),
        Actor(
            "hadi al-ameri",
            "Hadi al-Ameri",
            "person",
            (),
            "head of the Badr Organisation",
            mentions((14, "Hadi al-Ameri")),
        ),
        Actor(
            "badr organisation",
            "Badr Organisation",
            "group",
            (),
            "the leading Shia militia in the fight",
            mentions((14, "Badr Organisation")),
        ),
        Actor("reuters", "Reuters", "organisation", (), "news agency", mentions((3, "Reuters"))),
    )
    places = (
        Place("tikrit", "Tikrit", "place", every(0, "Tikrit") + mentions((10, "Tikrit"))),
        Place("baghdad", "Baghdad", "place", mentions((1, "Baghdad"), (5, "Baghdad"))),
        Place("amerli", "Amerli", "place", mentions((7, "Amerli"))),
    )
    numbers = (
        NumberFact(
            "recent days", "date", None, _mention(article, 0, "recent days"), counts="assault stalled", vague=True
        ),
        NumberFact("2003", "date", "2003", _mention(article, 6, "2003"), counts="invasion"),
        NumberFact("18,000", "count", 18000, _mention(article, 10, "18,000"), counts="Shia militiamen"),
        NumberFact("3,000", "count", 3000, _mention(article, 10, "3,000"), counts="members of the regular army"),
        NumberFact("1,000", "count", 1000, _mention(article, 10, "1,000"), counts="Sunni fighters"),
        NumberFact("March 2", "date", "2015-03-02", _mention(article, 11, "March 2"), counts="attack began", inferred=True),
    )
    suggestions = (
        QuestionSuggestion(
            "s-unnamed-03",
            "Who is the unnamed coalition official, and how would they know?",
            "An official from the US-led coalition",
            "unnamed-source",
            _mention(article, 3, "An official from the US-led coalition"),
        ),
        QuestionSuggestion(
            "s-pending-04",
            "Has the formal request for coalition air operations been made?",
            "is also said to be awaiting",
            "pending",
            _mention(article, 4, "is also said to be awaiting"),
        ),
        QuestionSuggestion(
            "s-hedge-09",
            "What evidence is there of a US-Iran rapprochement?",
            "possible rapprochement",
            "hedge",
            _mention(article, 9, "possible rapprochement"),
        ),
        QuestionSuggestion(
            "s-pending-13",
            "Has the ministry of defence put in the formal request?",
            "has not yet been forthcoming",
            "pending",
            _mention(article, 13, "has not yet been forthcoming"),
        ),
    )
    return Extraction(actors, places, numbers, suggestions, engine="spacy", pipeline="fixture-1")


def sample_briefing() -> Briefing:
    """The sample article with a fixed set of tags, notes, questions, summary and one orphan."""
    article = sample_article()
    briefing = Briefing("b-sample", article, imported="2026-01-14T08:00:00+00:00", updated="2026-01-15T09:12:00+00:00")
    annotations = {
        0: Annotation(
            frozenset({"fact", "military"}),
            "Headline says joint operations; the body says air surveillance only.",
            True,
        ),
        2: Annotation(frozenset({"claim", "military"}), "", True),
        3: Annotation(frozenset({"fact", "sourcing"}), "Single unnamed coalition official, via Reuters.", True),
        4: Annotation(
            frozenset({"key-judgment", "sourcing", "follow-up"}),
            '"Said to be": no named source for the pending request.\nCheck the next Pentagon briefing.',
            True,
        ),
        6: Annotation(frozenset({"background"}), "", True),
        9: Annotation(frozenset(), "Correspondent's view, not attributed to anyone.", False),
        10: Annotation(
            frozenset({"fact", "military"}), "Force ratio 18 : 3 : 1, militia to army to tribal fighters.", True
        ),
        12: Annotation(frozenset({"key-judgment", "diplomatic"}), "", True),
        13: Annotation(frozenset({"follow-up"}), "Ask the embassy whether the request has gone in.", False),
    }
    for index, annotation in annotations.items():
        briefing.set_annotation(index, annotation)
    for question in (
        Question(
            "q-request",
            "Has the Iraqi ministry of defence made the formal request for coalition air support?",
            "open",
            13,
            ("Iraq", "United States"),
            suggestion="s-pending-13",
            created="2026-01-15T09:01:00+00:00",
        ),
        Question(
            "q-official",
            "Who is the coalition official quoted by Reuters?",
            "answered",
            3,
            ("Reuters",),
            "Not named in the article or in the wire report it cites; treat as a single unnamed source.",
            "analyst's reading of the cited Reuters report",
            created="2026-01-15T09:03:00+00:00",
        ),
        Question(
            "q-badr",
            "Does Hadi al-Ameri's opposition reflect the Badr Organisation's official position?",
            "open",
            14,
            ("Hadi al-Ameri", "Badr Organisation"),
            created="2026-01-15T09:05:00+00:00",
        ),
    ):
        briefing.questions[question.id] = question
    briefing.dismissed = {"s-hedge-09", "s-pending-13"}
    briefing.summary = Summary(
        bluf=(
            "The United States is flying surveillance for an Iranian-led offensive on Tikrit; "
            "coalition air strikes are likely to follow a formal Iraqi request."
        ),
        judgments=(
            Judgment(
                "j-strikes",
                "Coalition air strikes in support of the Tikrit offensive are likely within weeks "
                "of a formal Iraqi request.",
                "likely",
                "moderate",
                (4, 13),
            ),
            Judgment(
                "j-consensus",
                "A government consensus on asking for US air support is unlikely while Badr leaders oppose it.",
                "unlikely",
                "low",
                (12, 14),
            ),
        ),
        grade=SourceGrade("B", "2"),
        comments=(
            "Single-outlet report resting on one unnamed official.\n"
            "Corroborate with wire copy before wider distribution."
        ),
    )
    removed = "An earlier version of the report named the official as a Pentagon spokesman."
    dropped = "A second official was quoted as saying the request had already been made."
    briefing.orphans = [
        Orphan(
            Anchor(15, text_digest(removed), removed, "", ""),
            Annotation(frozenset({"claim"}), "Retracted? Check.", False),
        ),
        # A paragraph link that was lost: the question stays, its paragraph is gone.
        Orphan(Anchor(16, text_digest(dropped), dropped, "", ""), Annotation(), question="q-request"),
    ]
    return briefing


def sample_settings() -> LibrarySettings:
    """The default taxonomy and two actor decisions the extraction above already reflects."""
    return LibrarySettings(
        DEFAULT_TAGS,
        (
            ActorDecision(
                "d-merge-isis", "merge", "isis", "islamic state of iraq and the levant", "2026-01-10T10:00:00+00:00"
            ),
            ActorDecision("d-hide-saddam", "hide", "saddam hussein", "", "2026-01-10T10:02:00+00:00"),
        ),
    )


def sample_bundle() -> ExportBundle:
    """The sample briefing as one export bundle, with a fixed time and version."""
    briefing = sample_briefing()
    return ExportBundle(briefing, sample_extraction(briefing.article), sample_settings(), GENERATED, APP_VERSION)


def hostile_bundle() -> ExportBundle:
    """A briefing with `HOSTILE` in every field an article or an analyst can fill."""
    paragraphs = make_paragraphs([f"First paragraph {HOSTILE}", f"Second {HOSTILE}"])
    article = Article(
        title=f"Title {HOSTILE}",
        paragraphs=paragraphs,
        source=f"Source {HOSTILE}",
        date=dt.date(2024, 1, 2),
        byline=f"Byline {HOSTILE}",
        url="javascript:alert(document.domain)",
        origin=f"origin {HOSTILE}.txt",
        format="html",
    )
    briefing = Briefing("b-hostile", article, imported=GENERATED, updated=GENERATED)
    hostile_tag = Tag("hostile", f"tag {HOSTILE}", "1", "red;background:url(https://example.org/x)", HOSTILE)
    briefing.set_annotation(0, Annotation(frozenset({"hostile", "gone"}), f"Note {HOSTILE}", True))
    briefing.set_annotation(1, Annotation(frozenset(), f"Untagged note {HOSTILE}", False))
    briefing.questions["q1"] = Question(
        "q1",
        f"Question {HOSTILE}",
        "answered",
        0,
        (f"actor {HOSTILE}",),
        f"Answer {HOSTILE}",
        f"Answer source {HOSTILE}",
        created=GENERATED,
    )
    briefing.summary = Summary(
        bluf=f"BLUF {HOSTILE}",
        judgments=(Judgment("j1", f"Judgment {HOSTILE}", "likely", "high", (0, 1)),),
        grade=SourceGrade("C", "3"),
        comments=f"Comments {HOSTILE}",
    )
    briefing.orphans = [
        Orphan(
            Anchor(7, "0" * 16, f"Orphan {HOSTILE}", HOSTILE, HOSTILE),
            Annotation(frozenset({"hostile"}), f"Orphan note {HOSTILE}", True),
        )
    ]
    mention = Mention(0, 0, 5, HOSTILE)
    extraction = Extraction(
        actors=(
            Actor(
                f"actor {HOSTILE}", f"actor {HOSTILE}", "person", (f"alias {HOSTILE}",), f"role {HOSTILE}", (mention,)
            ),
        ),
        places=(Place(f"place {HOSTILE}", f"place {HOSTILE}", "place", (mention,)),),
        numbers=(
            NumberFact(
                f"number {HOSTILE}", "count", f"value {HOSTILE}", mention, f"unit {HOSTILE}", f"counts {HOSTILE}"
            ),
        ),
        suggestions=(
            QuestionSuggestion(f"s {HOSTILE}", f"suggested {HOSTILE}", f"cue {HOSTILE}", "hedge", mention, HOSTILE),
        ),
        engine="rules",
        pipeline=HOSTILE,
        notice=HOSTILE,
    )
    decision = ActorDecision("d1", "rename", f"actor {HOSTILE}", f"renamed {HOSTILE}", GENERATED)
    settings = LibrarySettings((hostile_tag, *DEFAULT_TAGS[1:]), (decision,))
    return ExportBundle(briefing, extraction, settings, GENERATED, f"0.1.0 {HOSTILE}")


def digest_bundles() -> list[ExportBundle]:
    """Three briefings for a digest: the sample, a second one on part of it, and one with no work yet."""
    sample = sample_bundle()
    article = sample.briefing.article
    later = Article(
        title="Iraqi government divided over US air support",
        paragraphs=make_paragraphs([p.text for p in article.paragraphs[12:]]),
        source="The Telegraph",
        date=dt.date(2015, 3, 26),
        origin="tikrit-followup.md",
        format="markdown",
    )
    second = Briefing("b-followup", later, imported=GENERATED, updated=GENERATED)
    second.set_annotation(0, Annotation(frozenset({"diplomatic", "key-judgment"}), "Division is the story.", True))
    second.summary = Summary(
        bluf="The Iraqi government is split on asking for US air support.",
        judgments=(Judgment("j-split", "A formal request within a week is unlikely.", "unlikely", "moderate", (1,)),),
        grade=SourceGrade("B", "3"),
    )
    untouched = Briefing("b-untouched", Article("Untitled wire item", make_paragraphs(["One line of wire copy."])))
    return [
        sample,
        ExportBundle(second, None, sample.settings, GENERATED, APP_VERSION),
        ExportBundle(untouched, None, sample.settings, GENERATED, APP_VERSION),
    ]
