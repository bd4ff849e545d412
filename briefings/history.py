"""A briefing's history: who changed what, and when.

Every backend records one `HistoryEntry` per change it stores, in the same durable step as the
change (see `store.backend.LibraryStore.history`). What an entry says about an edit comes from one
function, `changes`, over the edit records of `briefings.edits` and `briefings.facts`, so that
every backend describes an edit alike. `attribute` reads a history back as who did the work now
on a briefing (who put each tag on a paragraph, wrote its note, marked it reviewed, wrote each key
judgment), for the review screen and the exports.

An entry keeps a short detail (a tag's id, the first words of a note or a judgment), never the
whole text: the text is in the briefing, and a history of thousands of changes stays small.
"""

from __future__ import annotations

import datetime as dt
import getpass
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from briefings.briefing import now_iso
from briefings.edits import (
    AddDecision,
    AddTag,
    Compound,
    DeleteQuestion,
    DiscardOrphan,
    DismissSuggestion,
    PutQuestion,
    RemoveDecision,
    RemoveTag,
    RestoreOrphan,
    RestoreSuggestion,
    SetNote,
    SetReviewed,
    SetSummary,
    SetTaxonomy,
)
from briefings.facts import SetFacts

#: How many characters of a text (a note, a judgment, a question) an entry keeps.
DETAIL = 60

#: What each kind of change reads as; "{p}" is the paragraph (numbered from 1), "{d}" the detail
#: (a wording without "{d}" is followed by the detail in brackets, when there is one).
WORDING = {
    "import": "imported",
    "reimport": "updated by a re-import",
    "merge": "merged with an imported copy",
    "version": "filed with a newer version",
    "tag": "tagged ¶{p} '{d}'",
    "untag": "removed tag '{d}' from ¶{p}",
    "note": "wrote the note on ¶{p}: {d}",
    "note-removed": "removed the note on ¶{p}",
    "reviewed": "marked ¶{p} reviewed",
    "unreviewed": "marked ¶{p} not reviewed",
    "question": "asked {d}",
    "question-changed": "changed the question {d}",
    "question-deleted": "deleted the question {d}",
    "suggestion-dismissed": "dismissed a suggested question",
    "suggestion-restored": "restored a suggested question",
    "bluf": "wrote the BLUF: {d}",
    "judgment": "added the key judgment {d}",
    "judgment-changed": "changed the key judgment {d}",
    "judgment-deleted": "deleted the key judgment {d}",
    "grade": "graded the source {d}",
    "comments": "wrote the analyst comments: {d}",
    "orphan-discarded": "discarded an orphan from ¶{p}",
    "orphan-kept": "kept an orphan from ¶{p}",
    "facts": "corrected the article's facts ({d})",
    "taxonomy": "changed the tags: {d}",
    "decision": "decided: {d}",
    "decision-withdrawn": "withdrew the decision: {d}",
}


def short(text: str, limit: int = DETAIL) -> str:
    """Text on one line, cut to `limit` characters."""
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


def _quoted(text: str) -> str:
    return f"“{short(text)}”"


@dataclass(frozen=True, slots=True)
class Change:
    """What one edit did, as a history keeps it.

    Attributes:
        kind: One of `WORDING`'s keys ("tag", "note", "judgment"...).
        paragraph: The paragraph it is about (from 0), or None.
        detail: A tag's id, the first words of a text, a grade: what the wording needs.
        ref: The id of the question or judgment it is about, else "".
    """

    kind: str
    paragraph: int | None = None
    detail: str = ""
    ref: str = ""


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """One change to a briefing (or to the library's settings): when, who, what.

    Attributes:
        when: UTC time to the second, ISO 8601 ("2026-12-07T19:42:05+00:00").
        who: The analyst's name (from the config file, else the login name).
        kind, paragraph, detail, ref: What changed (see `Change`).
    """

    when: str
    who: str
    kind: str
    paragraph: int | None = None
    detail: str = ""
    ref: str = ""

    def describe(self) -> str:
        """What was done, in a few words: "tagged ¶3 'fact'"."""
        wording = WORDING.get(self.kind)
        if wording is None:
            return f"{self.kind}{': ' + self.detail if self.detail else ''}"
        paragraph = "?" if self.paragraph is None else str(self.paragraph + 1)
        text = wording.replace("{p}", paragraph).replace("{d}", self.detail)
        return text if "{d}" in wording or not self.detail else f"{text} ({self.detail})"

    def to_dict(self) -> dict[str, Any]:
        """The entry as a JSON object (the store's documents and the JSON export share it)."""
        doc: dict[str, Any] = {"when": self.when, "who": self.who, "kind": self.kind}
        if self.paragraph is not None:
            doc["paragraph"] = self.paragraph
        if self.detail:
            doc["detail"] = self.detail
        if self.ref:
            doc["ref"] = self.ref
        return doc

    @classmethod
    def from_dict(cls, doc: dict[str, Any]) -> HistoryEntry:
        """An entry from `to_dict`'s object; raises ValueError or TypeError on a wrong shape."""
        paragraph = doc.get("paragraph")
        if paragraph is not None and (not isinstance(paragraph, int) or isinstance(paragraph, bool) or paragraph < 0):
            raise ValueError(f"history paragraph must be a whole number, not {paragraph!r}")
        texts = [doc["when"], doc["who"], doc["kind"], doc.get("detail", ""), doc.get("ref", "")]
        if not all(isinstance(text, str) for text in texts):
            raise TypeError("history entries hold text")
        return cls(texts[0], texts[1], texts[2], paragraph, texts[3], texts[4])


def _summary_changes(edit: SetSummary) -> list[Change]:
    ours, before = edit.summary, edit.previous
    found = []
    if ours.bluf != before.bluf:
        found.append(Change("bluf", None, short(ours.bluf)))
    old = {judgment.id: judgment for judgment in before.judgments}
    new = {judgment.id: judgment for judgment in ours.judgments}
    for judgment_id, judgment in new.items():
        if judgment_id not in old:
            found.append(Change("judgment", None, _quoted(judgment.text), judgment_id))
        elif old[judgment_id] != judgment:
            found.append(Change("judgment-changed", None, _quoted(judgment.text), judgment_id))
    found += [Change("judgment-deleted", None, _quoted(j.text), judgment_id) for judgment_id, j in old.items() if judgment_id not in new]
    if ours.grade != before.grade:
        found.append(Change("grade", None, ours.grade.code or "ungraded"))
    if ours.comments != before.comments:
        found.append(Change("comments", None, short(ours.comments)))
    return found


def changes(edit: object) -> list[Change]:
    """What an edit record does, as history entries keep it: one `Change` per thing it changes (a
    compound edit gives its parts'; a summary edit one per field or judgment it changes)."""
    match edit:
        case AddTag(paragraph=paragraph, tag=tag):
            return [Change("tag", paragraph, tag)]
        case RemoveTag(paragraph=paragraph, tag=tag):
            return [Change("untag", paragraph, tag)]
        case SetNote(paragraph=paragraph, note=note):
            return [Change("note", paragraph, _quoted(note)) if note else Change("note-removed", paragraph)]
        case SetReviewed(paragraph=paragraph, reviewed=reviewed):
            return [Change("reviewed" if reviewed else "unreviewed", paragraph)]
        case PutQuestion(question=question, previous=previous):
            kind = "question" if previous is None else "question-changed"
            return [Change(kind, question.paragraph, _quoted(question.text), question.id)]
        case DeleteQuestion(question=question):
            return [Change("question-deleted", question.paragraph, _quoted(question.text), question.id)]
        case DismissSuggestion(suggestion=suggestion):
            return [Change("suggestion-dismissed", None, "", suggestion)]
        case RestoreSuggestion(suggestion=suggestion):
            return [Change("suggestion-restored", None, "", suggestion)]
        case SetSummary():
            return _summary_changes(edit)
        case DiscardOrphan(orphan=orphan):
            return [Change("orphan-discarded", orphan.anchor.index)]
        case RestoreOrphan(orphan=orphan):
            return [Change("orphan-kept", orphan.anchor.index)]
        case Compound(edits=edits):
            return [change for part in edits for change in changes(part)]
        case SetFacts():
            return [Change("facts", None, short(edit.describe()))]
        case SetTaxonomy():
            return [Change("taxonomy", None, short(edit.describe(), 120))]
        case AddDecision(decision=decision):
            return [Change("decision", None, short(edit.describe(), 120), decision.id)]
        case RemoveDecision(decision=decision):
            return [Change("decision-withdrawn", None, short(AddDecision(decision).describe(), 120), decision.id)]
    describe = getattr(edit, "describe", None)
    return [Change("change", None, short(describe() if callable(describe) else type(edit).__name__))]


def entries(edits: Iterable[object], who: str, when: str | None = None) -> list[HistoryEntry]:
    """The history entries of edits made by `who` at `when` (now when None)."""
    when = when or now_iso()
    return [HistoryEntry(when, who, c.kind, c.paragraph, c.detail, c.ref) for edit in edits for c in changes(edit)]


def event(kind: str, who: str, detail: str = "") -> HistoryEntry:
    """An entry for what is not an edit record: an import, a merge, a re-import."""
    return HistoryEntry(now_iso(), who, kind, None, detail)


def orphaned(count: int) -> str:
    """An import entry's detail for the work it could not re-attach ("" when it re-attached all)."""
    return f"{count} orphaned" if count else ""


def local_time(when: str) -> str:
    """An entry's UTC time in the local time zone, to the minute ("2026-12-07 20:42"), for
    people to read; as stored when it is not a time."""
    try:
        return dt.datetime.fromisoformat(when).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return short(when, 40)


#: The longest name an analyst may be recorded under.
NAME_LIMIT = 80


def analyst_name(raw: str) -> str:
    """A name as given (settings file, environment, a served tab's address) made fit for a
    history: printable characters on one line; "" when nothing is left or it is longer than
    `NAME_LIMIT` (the caller says why it is not used)."""
    name = " ".join("".join(c for c in raw if c.isprintable()).split())
    return name if len(name) <= NAME_LIMIT else ""


def login_name() -> str:
    """Who the person at this computer is, for a history when no name is configured: the login
    name, else "unknown" (a container may run as a user id with no name)."""
    try:
        name = getpass.getuser()
    except (OSError, KeyError, ImportError):
        name = os.environ.get("USER", "") or os.environ.get("USERNAME", "")
    return short(name, NAME_LIMIT) or "unknown"


@dataclass(slots=True)
class Attribution:
    """Who did the work a briefing holds now, read from its history.

    Attributes:
        tags: For each paragraph, each tag on it and who put it there.
        notes: For each paragraph with a note, who wrote it last.
        reviewed: For each paragraph marked reviewed, who marked it.
        judgments: For each key judgment (by id), who wrote it last.
        questions: For each question (by id), who asked or changed it last.
        summary: For "bluf", "grade" and "comments", who set them last.
    """

    tags: dict[int, dict[str, str]] = field(default_factory=dict)
    notes: dict[int, str] = field(default_factory=dict)
    reviewed: dict[int, str] = field(default_factory=dict)
    judgments: dict[str, str] = field(default_factory=dict)
    questions: dict[str, str] = field(default_factory=dict)
    summary: dict[str, str] = field(default_factory=dict)

    def add(self, entry: HistoryEntry) -> None:
        """Take one more entry into account (entries come oldest first)."""
        kind, paragraph, who = entry.kind, entry.paragraph, entry.who
        if paragraph is not None:
            if kind == "tag":
                self.tags.setdefault(paragraph, {})[entry.detail] = who
            elif kind == "untag":
                self.tags.get(paragraph, {}).pop(entry.detail, None)
            elif kind == "note":
                self.notes[paragraph] = who
            elif kind == "note-removed":
                self.notes.pop(paragraph, None)
            elif kind == "reviewed":
                self.reviewed[paragraph] = who
            elif kind == "unreviewed":
                self.reviewed.pop(paragraph, None)
        if kind in ("judgment", "judgment-changed"):
            self.judgments[entry.ref] = who
        elif kind == "judgment-deleted":
            self.judgments.pop(entry.ref, None)
        elif kind in ("question", "question-changed"):
            self.questions[entry.ref] = who
        elif kind == "question-deleted":
            self.questions.pop(entry.ref, None)
        elif kind in ("bluf", "grade", "comments"):
            self.summary[kind] = who

    def of_paragraph(self, paragraph: int, tag_names: dict[str, str] | None = None) -> str:
        """One line saying who did the work on a paragraph ("" when nobody is on record):
        "tagged fact by Ada, claim by Bob · note by Ada · reviewed by Bob"."""
        names = tag_names or {}
        by_who: dict[str, list[str]] = {}
        for tag, who in self.tags.get(paragraph, {}).items():
            by_who.setdefault(who, []).append(names.get(tag, tag))
        parts = []
        if by_who:
            parts.append("tagged " + ", ".join(f"{' '.join(tags)} by {who}" for who, tags in by_who.items()))
        if paragraph in self.notes:
            parts.append(f"note by {self.notes[paragraph]}")
        if paragraph in self.reviewed:
            parts.append(f"reviewed by {self.reviewed[paragraph]}")
        return " · ".join(parts)


def attribute(history: Sequence[HistoryEntry]) -> Attribution:
    """Who did what, from a history (oldest first). A re-import moves paragraphs, so it starts
    paragraph attribution afresh; work from before it is in the history, not attributed."""
    found = Attribution()
    for entry in history:
        if entry.kind in ("reimport", "version"):
            found.tags.clear()
            found.notes.clear()
            found.reviewed.clear()
        found.add(entry)
    return found
