"""Edits: every change an analyst makes, as a small record that applies itself and can be undone.

The review screen applies an edit to its in-memory briefing at once, hands the same edit to the
store, which re-reads the briefing from disk under the library lock and applies it there (so two
windows on one library merge their changes instead of overwriting each other), and keeps its
inverse on the undo stack.

Edits are deltas, not snapshots: adding a tag adds that one tag to whatever the paragraph carries
on disk now. The correction of an article's facts, `SetFacts`, is in `briefings.facts`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Protocol

from briefings.briefing import Briefing, Orphan, Question
from briefings.decisions import ActorDecision, describe_decision
from briefings.summary import Judgment, Summary
from briefings.taxonomy import Tag, fitted, same_but_fitted
from briefings.wording import quoted


def merge_text(ours: str, before: str, theirs: str) -> str:
    """A text changed from `before` to `ours` here, and to `theirs` by another window meanwhile.

    Nothing is lost: if `before` is still part of their text, only that part becomes ours (so
    undoing a change after such a merge takes back just this change); otherwise their text is
    kept and ours follows it.
    """
    if theirs in (before, ours, ""):
        return ours
    if before and before in theirs:
        head, _, tail = theirs.rpartition(before)
        return "\n\n".join(part for part in (head.strip("\n"), ours, tail.strip("\n")) if part)
    return f"{theirs}\n\n{ours}" if ours else theirs


def _merge_judgments(
    ours: tuple[Judgment, ...], before: tuple[Judgment, ...], theirs: tuple[Judgment, ...]
) -> tuple[Judgment, ...]:
    """Their judgments, with the ones this edit added, changed or deleted (by id) done over them."""
    old = {judgment.id: judgment for judgment in before}
    mine = {judgment.id: judgment for judgment in ours}
    merged = [
        mine[j.id] if j.id in mine and mine[j.id] != old.get(j.id) else j
        for j in theirs
        if not (j.id in old and j.id not in mine)
    ]
    present = {judgment.id for judgment in merged}
    merged += [j for j in ours if j.id not in present and j != old.get(j.id)]
    return tuple(merged)


class BriefingEdit(Protocol):
    """A change to one briefing."""

    def apply(self, briefing: Briefing) -> None:
        """Change the briefing in place."""

    def inverse(self) -> BriefingEdit:
        """The edit that undoes this one."""

    def describe(self) -> str:
        """A few words for the status line: "tag fact on ¶3"."""


@dataclass(frozen=True, slots=True)
class AddTag:
    """Put a tag on a paragraph (no change if it is already there)."""

    paragraph: int
    tag: str

    def apply(self, briefing: Briefing) -> None:
        current = briefing.annotation(self.paragraph)
        briefing.set_annotation(self.paragraph, replace(current, tags=current.tags | {self.tag}))

    def inverse(self) -> RemoveTag:
        return RemoveTag(self.paragraph, self.tag)

    def describe(self) -> str:
        return f"tag '{self.tag}' on ¶{self.paragraph + 1}"


@dataclass(frozen=True, slots=True)
class RemoveTag:
    """Take a tag off a paragraph (no change if it is not there)."""

    paragraph: int
    tag: str

    def apply(self, briefing: Briefing) -> None:
        current = briefing.annotation(self.paragraph)
        briefing.set_annotation(self.paragraph, replace(current, tags=current.tags - {self.tag}))

    def inverse(self) -> AddTag:
        return AddTag(self.paragraph, self.tag)

    def describe(self) -> str:
        return f"removal of tag '{self.tag}' from ¶{self.paragraph + 1}"


@dataclass(frozen=True, slots=True)
class SetNote:
    """Write, change or clear the note on a paragraph.

    `previous` is the note the analyst started from (None: replace whatever is there). When the
    note is no longer `previous` (another window changed it while this one was being written),
    neither text is lost: if `previous` is still part of the note, only that part is replaced
    (so undoing a change after such a merge restores just this window's part); otherwise the other
    window's note is kept and this one follows it.
    """

    paragraph: int
    note: str
    previous: str | None = None

    def apply(self, briefing: Briefing) -> None:
        current = briefing.annotation(self.paragraph)
        note = self.note if self.previous is None else merge_text(self.note, self.previous, current.note)
        briefing.set_annotation(self.paragraph, replace(current, note=note))

    def inverse(self) -> SetNote:
        return SetNote(self.paragraph, self.previous or "", self.note)

    def describe(self) -> str:
        return f"note on ¶{self.paragraph + 1}" if self.note else f"note removed from ¶{self.paragraph + 1}"


@dataclass(frozen=True, slots=True)
class SetReviewed:
    """Mark a paragraph reviewed or not."""

    paragraph: int
    reviewed: bool

    def apply(self, briefing: Briefing) -> None:
        current = briefing.annotation(self.paragraph)
        briefing.set_annotation(self.paragraph, replace(current, reviewed=self.reviewed))

    def inverse(self) -> SetReviewed:
        return SetReviewed(self.paragraph, not self.reviewed)

    def describe(self) -> str:
        state = "reviewed" if self.reviewed else "not reviewed"
        return f"¶{self.paragraph + 1} marked {state}"


@dataclass(frozen=True, slots=True)
class PutQuestion:
    """Add a question or replace one; `previous` is the version it replaces, if any."""

    question: Question
    previous: Question | None = None

    def apply(self, briefing: Briefing) -> None:
        briefing.questions[self.question.id] = self.question
        if self.question.suggestion:
            briefing.dismissed.add(self.question.suggestion)

    def inverse(self) -> BriefingEdit:
        if self.previous is None:
            return DeleteQuestion(self.question)
        return PutQuestion(self.previous, self.question)

    def describe(self) -> str:
        what = "question added" if self.previous is None else "question changed"
        return f"{what}: {quoted(self.question.text)}"


@dataclass(frozen=True, slots=True)
class DeleteQuestion:
    """Remove a question."""

    question: Question

    def apply(self, briefing: Briefing) -> None:
        briefing.questions.pop(self.question.id, None)
        if self.question.suggestion:
            briefing.dismissed.discard(self.question.suggestion)

    def inverse(self) -> PutQuestion:
        return PutQuestion(self.question)

    def describe(self) -> str:
        return f"question deleted: {quoted(self.question.text)}"


@dataclass(frozen=True, slots=True)
class DismissSuggestion:
    """Hide an extracted question suggestion the analyst does not want."""

    suggestion: str

    def apply(self, briefing: Briefing) -> None:
        briefing.dismissed.add(self.suggestion)

    def inverse(self) -> RestoreSuggestion:
        return RestoreSuggestion(self.suggestion)

    def describe(self) -> str:
        return "suggestion dismissed"


@dataclass(frozen=True, slots=True)
class RestoreSuggestion:
    """Show a dismissed suggestion again."""

    suggestion: str

    def apply(self, briefing: Briefing) -> None:
        briefing.dismissed.discard(self.suggestion)

    def inverse(self) -> DismissSuggestion:
        return DismissSuggestion(self.suggestion)

    def describe(self) -> str:
        return "suggestion restored"


@dataclass(frozen=True, slots=True)
class SetSummary:
    """Change the summary (BLUF, judgments, grade, comments); `previous` is what it changes.

    When another window changed the summary since `previous`, only what this edit changed is
    applied over theirs: each text as in `merge_text`, judgments one by one, the grade if this
    edit changed it.
    """

    summary: Summary
    previous: Summary

    def apply(self, briefing: Briefing) -> None:
        current = briefing.summary
        if current == self.previous:
            briefing.summary = self.summary
            return
        ours, before = self.summary, self.previous
        briefing.summary = Summary(
            bluf=merge_text(ours.bluf, before.bluf, current.bluf),
            judgments=_merge_judgments(ours.judgments, before.judgments, current.judgments),
            grade=current.grade if ours.grade == before.grade else ours.grade,
            comments=merge_text(ours.comments, before.comments, current.comments),
        )

    def inverse(self) -> SetSummary:
        return SetSummary(self.previous, self.summary)

    def describe(self) -> str:
        """The fields this edit changes: "BLUF", "key judgment added", "source grade and comments"."""
        ours, before = self.summary, self.previous
        parts = []
        if ours.bluf != before.bluf:
            parts.append("BLUF")
        old = {judgment.id: judgment for judgment in before.judgments}
        new = {judgment.id: judgment for judgment in ours.judgments}
        for judgment_id, judgment in new.items():
            if judgment_id not in old:
                parts.append(f"key judgment added: {quoted(judgment.text)}")
            elif old[judgment_id] != judgment:
                parts.append(f"key judgment {quoted(judgment.text)}")
        parts += [f"key judgment deleted: {quoted(j.text)}" for judgment_id, j in old.items() if judgment_id not in new]
        if ours.grade != before.grade:
            parts.append("source grade")
        if ours.comments != before.comments:
            parts.append("analyst comments")
        return " and ".join(parts) or "summary (nothing changed)"


@dataclass(frozen=True, slots=True)
class DiscardOrphan:
    """Let go of an orphan (work whose paragraph was lost in a re-import); undo brings it back."""

    orphan: Orphan

    def apply(self, briefing: Briefing) -> None:
        if self.orphan in briefing.orphans:
            briefing.orphans.remove(self.orphan)

    def inverse(self) -> RestoreOrphan:
        return RestoreOrphan(self.orphan)

    def describe(self) -> str:
        return f"orphan from ¶{self.orphan.anchor.index + 1} discarded"


@dataclass(frozen=True, slots=True)
class RestoreOrphan:
    """Keep an orphan again (the inverse of discarding or re-attaching it)."""

    orphan: Orphan

    def apply(self, briefing: Briefing) -> None:
        if self.orphan not in briefing.orphans:
            briefing.orphans.append(self.orphan)

    def inverse(self) -> DiscardOrphan:
        return DiscardOrphan(self.orphan)

    def describe(self) -> str:
        return f"orphan from ¶{self.orphan.anchor.index + 1} kept"


@dataclass(frozen=True, slots=True)
class Compound:
    """Several edits made as one step (one save, one undo), such as re-attaching an orphan."""

    edits: tuple[BriefingEdit, ...]
    label: str

    def apply(self, briefing: Briefing) -> None:
        for edit in self.edits:
            edit.apply(briefing)

    def inverse(self) -> Compound:
        return Compound(tuple(edit.inverse() for edit in reversed(self.edits)), f"undo {self.label}")

    def describe(self) -> str:
        return self.label


@dataclass(frozen=True, slots=True)
class LibrarySettings:
    """What a library shares across briefings: the tag taxonomy and the actor decisions."""

    tags: tuple[Tag, ...]
    decisions: tuple[ActorDecision, ...] = ()


class LibraryEdit(Protocol):
    """A change to the library-wide settings."""

    def apply(self, settings: LibrarySettings) -> LibrarySettings:
        """The settings with this change made."""

    def inverse(self) -> LibraryEdit:
        """The edit that undoes this one."""

    def describe(self) -> str:
        """A few words for the status line."""


@dataclass(frozen=True, slots=True)
class AddDecision:
    """Record an actor decision (no change if one with its id exists)."""

    decision: ActorDecision

    def apply(self, settings: LibrarySettings) -> LibrarySettings:
        if any(existing.id == self.decision.id for existing in settings.decisions):
            return settings
        return replace(settings, decisions=settings.decisions + (self.decision,))

    def inverse(self) -> RemoveDecision:
        return RemoveDecision(self.decision)

    def describe(self) -> str:
        return describe_decision(self.decision)


@dataclass(frozen=True, slots=True)
class RemoveDecision:
    """Withdraw an actor decision."""

    decision: ActorDecision

    def apply(self, settings: LibrarySettings) -> LibrarySettings:
        kept = tuple(d for d in settings.decisions if d.id != self.decision.id)
        return replace(settings, decisions=kept)

    def inverse(self) -> AddDecision:
        return AddDecision(self.decision)

    def describe(self) -> str:
        return f"withdrawal of {describe_decision(self.decision)}"


@dataclass(frozen=True, slots=True)
class SetTaxonomy:
    """Replace the tag taxonomy; `previous` is what it replaces.

    When another window (or `brief tags --load`) changed the taxonomy since `previous`, only
    what this edit changed is applied over theirs, tag by tag (by id): tags it added, edited or
    deleted; their additions and edits of other tags stay as they made them. An edit beats a
    deletion, so no tag is lost to a race. The later edit gives way on a clash: a tag it added
    or edited whose key or name one of theirs has is fitted in (see `taxonomy.fitted`). The
    order is theirs, with a tag this edit added in its place, unless this edit reordered the tags.
    """

    tags: tuple[Tag, ...]
    previous: tuple[Tag, ...]

    def apply(self, settings: LibrarySettings) -> LibrarySettings:
        current = settings.tags
        if current == self.previous:
            return replace(settings, tags=self.tags)
        before = {tag.id: tag for tag in self.previous}
        here = {tag.id for tag in self.tags}
        changed_here = {tag.id for tag in self.tags if before.get(tag.id) != tag}
        theirs = {
            tag.id: tag
            for tag in current
            if tag.id not in changed_here
            # deleted here and untouched there (a tag an earlier merge fitted in counts as untouched)
            and not (tag.id in before and tag.id not in here and same_but_fitted(tag, before[tag.id]))
        }
        ours = {tag.id: fitted(tag, theirs.values()) for tag in self.tags if tag.id in changed_here}
        reordered_here = [tag.id for tag in self.tags if tag.id in before] != [tag.id for tag in self.previous if tag.id in here]
        if reordered_here:  # this edit's order, their additions at the end
            order = [tag.id for tag in self.tags] + [tag.id for tag in current if tag.id not in here]
        else:  # their order, each tag this edit added (or brought back) after the one it follows
            order = [tag.id for tag in current if tag.id in ours or tag.id in theirs]
            for number, tag in enumerate(self.tags):
                if tag.id not in order:
                    follows = next((t.id for t in reversed(self.tags[:number]) if t.id in order), None)
                    order.insert(0 if follows is None else order.index(follows) + 1, tag.id)
        merged = [ours.get(tag_id) or theirs[tag_id] for tag_id in dict.fromkeys(order) if tag_id in ours or tag_id in theirs]
        return replace(settings, tags=tuple(merged))

    def inverse(self) -> SetTaxonomy:
        return SetTaxonomy(self.previous, self.tags)

    def describe(self) -> str:
        """Which tags this edit adds, changes or deletes: "tag 'military' renamed to 'defence'"."""
        old = {tag.id: tag for tag in self.previous}
        new = {tag.id: tag for tag in self.tags}
        parts = []
        for tag_id, tag in new.items():
            before = old.get(tag_id)
            if before is None:
                parts.append(f"tag '{tag.name}' added")
            elif before.name != tag.name:
                parts.append(f"tag '{before.name}' renamed to '{tag.name}'")
            elif before != tag:
                parts.append(f"tag '{tag.name}' changed")
        parts += [f"tag '{tag.name}' deleted" for tag_id, tag in old.items() if tag_id not in new]
        if not parts and [t.id for t in self.tags] != [t.id for t in self.previous]:
            parts.append("order of the tags")
        return " and ".join(parts) or "tag taxonomy"
