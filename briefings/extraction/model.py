"""What extraction returns: actors, places, numbers and question suggestions for one article.

Every record points back into the article by paragraph index and character offsets, so the review
screen can jump to a mention and mark it. Records convert to and from plain JSON-ready dicts, the
format of `brief extract --format json` and of the extraction cache.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from briefings.decisions import actor_key

ACTOR_KINDS = ("person", "organisation", "state", "group")
NUMBER_KINDS = ("count", "money", "percent", "quantity", "ratio", "date", "time", "period", "duration", "age")
SUGGESTION_KINDS = ("hedge", "unnamed-source", "single-source", "pending", "contested")


@dataclass(frozen=True, slots=True)
class Mention:
    """Where a name or number occurs: paragraph index and character offsets within that paragraph."""

    paragraph: int
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Actor:
    """One real-world actor with every way the article names it.

    Attributes:
        key: Identity across articles (see `briefings.decisions.actor_key`).
        name: The name shown.
        kind: person, organisation, state or group.
        aliases: Other names for it in this article ("Isil", "Tehran").
        role: What the text says it is ("chairman of the US joint chiefs of staff").
        mentions: Every mention, in article order.
    """

    key: str
    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    role: str = ""
    mentions: tuple[Mention, ...] = ()

    @property
    def count(self) -> int:
        """How often the article mentions it."""
        return len(self.mentions)

    @property
    def paragraphs(self) -> tuple[int, ...]:
        """The paragraphs that mention it, in order, each once."""
        return tuple(sorted({mention.paragraph for mention in self.mentions}))


@dataclass(frozen=True, slots=True)
class Place:
    """A town, region or site the article mentions; shown apart from actors."""

    key: str
    name: str
    kind: str = "place"
    mentions: tuple[Mention, ...] = ()

    @property
    def count(self) -> int:
        """How often the article mentions it."""
        return len(self.mentions)

    @property
    def paragraphs(self) -> tuple[int, ...]:
        """The paragraphs that mention it, in order, each once."""
        return tuple(sorted({mention.paragraph for mention in self.mentions}))


@dataclass(frozen=True, slots=True)
class NumberFact:
    """One figure the article states, normalised, with what it counts; repeats folded into it.

    Attributes:
        text: As written ("$21m", "19 October", "48-year-old").
        kind: One of NUMBER_KINDS: count, money, percent, quantity, ratio, date, time, period,
            duration or age.
        value: The normalised value, magnitudes applied (the lower bound of a range): a number
            (21000000.0 for "$21m", 0.3333 for "a third", 4 for "four months", 48 for an age), an
            ISO date ("2019-10-19", "2019-10", "2019", "--10-19" without a year), "HH:MM" for a
            time, an ISO interval ("1960/1969") for a period; None when vague.
        mention: Where it first occurs.
        unit: ISO currency for money; "%" or "pp" for percent; the unit symbol for a quantity;
            the singular time unit for a duration ("month"); "year" for an age; the time zone
            ("GMT") or "" for a time.
        counts: What it counts or refers to, as a noun phrase ("Shia militiamen").
        vague: True for dates or amounts the text leaves open ("recent days", "dozens").
        high: The upper bound of a range ("10-19%": value 10, high 19), else None.
        inferred: True for a date completed from the article's date ("19 October" in an article
            of 2019-11-20 is 2019-10-19), so a reader knows the text did not say it.
        repeats: Later mentions of the same figure for the same thing, in article order.
    """

    text: str
    kind: str
    value: float | str | None
    mention: Mention
    unit: str = ""
    counts: str = ""
    vague: bool = False
    high: float | str | None = None
    inferred: bool = False
    repeats: tuple[Mention, ...] = ()

    @property
    def paragraph(self) -> int:
        """The paragraph it is first in."""
        return self.mention.paragraph

    @property
    def mentions(self) -> tuple[Mention, ...]:
        """Every mention: the first and its repeats."""
        return (self.mention, *self.repeats)

    @property
    def paragraphs(self) -> tuple[int, ...]:
        """The paragraphs it is in, in order, each once."""
        return tuple(sorted({mention.paragraph for mention in self.mentions}))


@dataclass(frozen=True, slots=True)
class QuestionSuggestion:
    """An open question extraction proposes; the analyst promotes, edits or dismisses it.

    Attributes:
        id: Stable for the same article text, so a dismissal sticks.
        question: Worded for an analyst ("Who is the unnamed official, and how would they know?").
        cue: The phrase that prompted it ("is also said to be").
        kind: hedge, unnamed-source, single-source, pending or contested.
        mention: Where the cue is.
        sentence: The sentence it comes from.
    """

    id: str
    question: str
    cue: str
    kind: str
    mention: Mention
    sentence: str = ""

    @property
    def paragraph(self) -> int:
        """The paragraph it is in."""
        return self.mention.paragraph


@dataclass(frozen=True, slots=True)
class Extraction:
    """All extraction results for one article.

    Attributes:
        actors: Most mentioned first.
        places: Most mentioned first.
        numbers: In article order.
        suggestions: Best first, at most a handful (see `questions.MAX_SUGGESTIONS`).
        engine: "spacy" or "rules" (the fallback when the model is not installed).
        pipeline: The pipeline version; part of the cache key.
        notice: A message for the analyst about the results, such as a missing model.
    """

    actors: tuple[Actor, ...] = ()
    places: tuple[Place, ...] = ()
    numbers: tuple[NumberFact, ...] = ()
    suggestions: tuple[QuestionSuggestion, ...] = ()
    engine: str = ""
    pipeline: str = ""
    notice: str = ""

    @property
    def timeline(self) -> tuple[NumberFact, ...]:
        """The dates and periods the text fixes, earliest first, for a compact timeline.

        Vague dates are left out, and so are dates without a year ("--10-19", when the article
        has no date to complete them from): they have no place on a line of years. Values are
        ISO strings ("2003", "2015-03", "2015-03-02", periods "1960/1969"), ordered by their
        start, a period before the dates inside it.
        """
        return tuple(sorted(filter(on_timeline, self.numbers), key=timeline_key))

    def current_name(self, name: str) -> str:
        """The name an actor goes by here, found by its key or an alias: a question asked about
        "John Smith" follows a rename to "John Q. Smith" or a merge into another actor."""
        key = actor_key(name)
        for actor in self.actors:
            if actor.key == key or key in map(actor_key, (actor.name, *actor.aliases)):
                return actor.name
        return name

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (tuples become lists)."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Extraction:
        """Rebuild from `to_dict` output; raises KeyError or TypeError on malformed input."""

        def mention(item: dict[str, Any]) -> Mention:
            return Mention(int(item["paragraph"]), int(item["start"]), int(item["end"]), str(item["text"]))

        actors = tuple(
            Actor(
                key=a["key"],
                name=a["name"],
                kind=a["kind"],
                aliases=tuple(a.get("aliases", ())),
                role=a.get("role", ""),
                mentions=tuple(mention(m) for m in a.get("mentions", ())),
            )
            for a in data.get("actors", ())
        )
        places = tuple(
            Place(p["key"], p["name"], p.get("kind", "place"), tuple(mention(m) for m in p.get("mentions", ())))
            for p in data.get("places", ())
        )
        numbers = tuple(
            NumberFact(
                text=n["text"],
                kind=n["kind"],
                value=n.get("value"),
                mention=mention(n["mention"]),
                unit=n.get("unit", ""),
                counts=n.get("counts", ""),
                vague=bool(n.get("vague", False)),
                high=n.get("high"),
                inferred=bool(n.get("inferred", False)),
                repeats=tuple(mention(m) for m in n.get("repeats", ())),
            )
            for n in data.get("numbers", ())
        )
        suggestions = tuple(
            QuestionSuggestion(s["id"], s["question"], s["cue"], s["kind"], mention(s["mention"]), s.get("sentence", ""))
            for s in data.get("suggestions", ())
        )
        return cls(
            actors,
            places,
            numbers,
            suggestions,
            engine=data.get("engine", ""),
            pipeline=data.get("pipeline", ""),
            notice=data.get("notice", ""),
        )


def on_timeline(fact: NumberFact) -> bool:
    """Whether a fact has a place on a timeline: a date or period with a year."""
    return fact.kind in ("date", "period") and isinstance(fact.value, str) and fact.value[:1].isdigit()


def timeline_key(fact: NumberFact) -> tuple[str, int, int, int]:
    """Sort key of a dated fact: its start, then periods before dates, then where it is."""
    start = str(fact.value).split("/")[0]
    return (start, 0 if fact.kind == "period" else 1, fact.paragraph, fact.mention.start)
