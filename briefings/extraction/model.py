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
NUMBER_KINDS = ("count", "quantity", "money", "percent", "date")
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
    """A count, quantity, amount, percentage or date, normalised, with what it counts.

    Attributes:
        text: As written ("18,000", "March 2").
        kind: count, quantity, money, percent or date.
        value: The normalised value: a number, or an ISO date for resolved dates, or None.
        unit: Unit or currency ("km", "USD"), or "".
        counts: What it counts or refers to ("Shia militiamen", "attack began").
        mention: Where it is.
        vague: True for dates or amounts the text leaves vague ("recent days", "last year").
    """

    text: str
    kind: str
    value: float | str | None
    mention: Mention
    unit: str = ""
    counts: str = ""
    vague: bool = False

    @property
    def paragraph(self) -> int:
        """The paragraph it is in."""
        return self.mention.paragraph


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
        """The dates the text fixes (vague ones left out), earliest first, for a compact timeline.

        Values are ISO strings ("2003", "2015-03", "2015-03-02", "2005/2008"), which sort in
        date order as text.
        """
        dated = [fact for fact in self.numbers if fact.kind == "date" and isinstance(fact.value, str) and fact.value]
        return tuple(sorted(dated, key=lambda fact: (fact.value, fact.paragraph, fact.mention.start)))

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

