"""A briefing: an article together with everything the analyst has added to it."""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass, field

from briefings.model import Anchor, Article
from briefings.summary import Summary

QUESTION_STATUSES = ("open", "answered")


def new_id() -> str:
    """A short random id for analyst records (questions, judgments, decisions)."""
    return secrets.token_hex(6)


def now_iso() -> str:
    """The current UTC time, to the second, as ISO 8601."""
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()


@dataclass(frozen=True, slots=True)
class Annotation:
    """What the analyst put on one paragraph: tag ids, a note, and whether it is reviewed."""

    tags: frozenset[str] = frozenset()
    note: str = ""
    reviewed: bool = False

    @property
    def is_empty(self) -> bool:
        """True when the paragraph carries nothing worth keeping."""
        return not (self.tags or self.note or self.reviewed)


@dataclass(frozen=True, slots=True)
class Orphan:
    """Work whose paragraph could not be found after the article was re-imported.

    Kept with the anchor it had, so the analyst can read it and re-attach or discard it by hand.
    Most orphans are annotations. One with `question` or `judgment` set is instead a paragraph
    link that was lost: the question's link to its paragraph, or one paragraph of the judgment.
    Its annotation is empty, and the question or judgment itself stays in the briefing.

    Attributes:
        anchor: Where the paragraph was.
        annotation: The annotation that was on it (empty for a lost link).
        question: The id of the question whose paragraph this was, or "".
        judgment: The id of the judgment that cited this paragraph, or "".
    """

    anchor: Anchor
    annotation: Annotation
    question: str = ""
    judgment: str = ""


@dataclass(frozen=True, slots=True)
class Question:
    """An open question the analyst is tracking.

    Attributes:
        id: Stable id.
        text: The question.
        status: "open" or "answered".
        paragraph: The paragraph it arose from, if any.
        actors: Names of actors it concerns.
        answer: The answer, once there is one.
        answer_source: Where the answer came from.
        suggestion: The id of the extracted suggestion it was promoted from, if any.
        created: When it was asked (ISO 8601).
    """

    id: str
    text: str
    status: str = "open"
    paragraph: int | None = None
    actors: tuple[str, ...] = ()
    answer: str = ""
    answer_source: str = ""
    suggestion: str = ""
    created: str = ""

    def __post_init__(self) -> None:
        if self.status not in QUESTION_STATUSES:
            raise ValueError(f"question status must be open or answered, not {self.status!r}")


@dataclass(slots=True)
class Briefing:
    """An article under review and the analyst's work on it.

    Mutable on purpose: the review screen applies edits in place so that a key press on a
    20,000-paragraph article does not copy the whole record.

    Attributes:
        id: Library-wide id, stable across re-imports of changed versions.
        article: The article.
        annotations: Per paragraph index; paragraphs with nothing on them are absent.
        questions: The analyst's questions by id, in the order they were asked.
        dismissed: Ids of extracted question suggestions the analyst dismissed.
        summary: BLUF, judgments, grade and comments.
        orphans: Annotations and paragraph links that lost their paragraph on re-import.
        imported: When the article first entered the library (ISO 8601).
        updated: When the analyst last changed anything (ISO 8601).
    """

    id: str
    article: Article
    annotations: dict[int, Annotation] = field(default_factory=dict)
    questions: dict[str, Question] = field(default_factory=dict)
    dismissed: set[str] = field(default_factory=set)
    summary: Summary = field(default_factory=Summary)
    orphans: list[Orphan] = field(default_factory=list)
    imported: str = ""
    updated: str = ""

    def annotation(self, index: int) -> Annotation:
        """The annotation of a paragraph, empty if it has none."""
        return self.annotations.get(index, _EMPTY)

    def set_annotation(self, index: int, annotation: Annotation) -> None:
        """Replace a paragraph's annotation, dropping it when it becomes empty."""
        if not 0 <= index < len(self.article.paragraphs):
            raise IndexError(f"paragraph {index} is outside the article")
        if annotation.is_empty:
            self.annotations.pop(index, None)
        else:
            self.annotations[index] = annotation

    @property
    def reviewed_count(self) -> int:
        """How many paragraphs are marked reviewed."""
        return sum(1 for annotation in self.annotations.values() if annotation.reviewed)

    def tag_counts(self) -> dict[str, int]:
        """How many paragraphs carry each tag id."""
        counts: dict[str, int] = {}
        for annotation in self.annotations.values():
            for tag in annotation.tags:
                counts[tag] = counts.get(tag, 0) + 1
        return counts


_EMPTY = Annotation()
