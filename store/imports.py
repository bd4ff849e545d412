"""Recognising an article the library already has: the same content, or a changed version of it.

The rule, strongest evidence first:

1. Same content (the article's content hash: title and paragraph digests): a duplicate; nothing
   changes.
2. Same URL (scheme, "www.", trailing slash, fragment and utm_* parameters aside): a changed
   version, whatever the changes; a URL names one article.
3. Same origin file name, and either a title at least `TITLE_SIMILAR` similar or at least half
   of the old paragraphs found again in the new text: saved pages are often re-saved under the
   same name, but "index.html" alone proves nothing.
4. Same source and a title at least `TITLE_SAME` similar, and at least `SHARED_PARAGRAPHS` of
   the old paragraphs found again: the same story re-published with edits.

Rules 3 and 4 also require the publication dates, when both are known, to be within
`DATE_SLACK_DAYS` of each other. The newest matching briefing wins. Ids never change.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from urllib.parse import parse_qsl, urlencode, urlsplit

from briefings.anchors import rebase, reattach
from briefings.briefing import Annotation, Briefing, Question
from briefings.model import Article
from briefings.summary import SourceGrade, Summary
from store.index import IndexEntry
from store.snapshots import copy

TITLE_SIMILAR = 85.0
TITLE_SAME = 90.0
SHARED_PARAGRAPHS = 0.3
DATE_SLACK_DAYS = 31


@functools.lru_cache(maxsize=65536)
def normalise_url(url: str | None) -> str:
    """A URL reduced to what identifies the page."""
    if not url:
        return ""
    parts = urlsplit(url.strip())
    host = parts.netloc.lower().removeprefix("www.")
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query) if not k.lower().startswith("utm_")])
    return f"{host}{parts.path.rstrip('/')}{'?' + query if query else ''}"


def _title(text: str) -> str:
    return " ".join(text.casefold().split())


def _origin(name: str | None) -> str:
    return (name or "").replace("\\", "/").rsplit("/", 1)[-1].casefold()


def _newest(entries: Iterable[IndexEntry]) -> list[IndexEntry]:
    return sorted(entries, key=lambda entry: entry.updated or entry.imported, reverse=True)


def same_content(article: Article, entries: Iterable[IndexEntry]) -> IndexEntry | None:
    """The briefing with exactly this content, if any."""
    content = article.content_hash
    return next((entry for entry in entries if entry.content_hash == content), None)


def shared_paragraphs(old: Article, new: Article) -> float:
    """The share of the old article's paragraphs found again in the new one (0-1)."""
    if not old.paragraphs:
        return 0.0
    found = reattach([paragraph.anchor for paragraph in old.paragraphs], new.paragraphs)
    return sum(target is not None for target in found.values()) / len(old.paragraphs)


def _dates_agree(entry: IndexEntry, article: Article) -> bool:
    if not entry.date or article.date is None:
        return True
    return abs((dt.date.fromisoformat(entry.date) - article.date).days) <= DATE_SLACK_DAYS


def previous_version(article: Article, entries: Sequence[IndexEntry], read: Callable[[str], Briefing | None]) -> Briefing | None:
    """The briefing that `article` is a changed version of, by the rules above, or None."""
    # Imported here, not at the top: only imports compare titles, and rapidfuzz would add its
    # import time to every start of the app, which imports the store.
    from rapidfuzz.fuzz import ratio

    url = normalise_url(article.url)
    if url:
        for entry in _newest(entry for entry in entries if normalise_url(entry.url) == url):
            if (briefing := read(entry.id)) is not None:
                return briefing
    origin = _origin(article.origin)
    if origin:
        for entry in _newest(entry for entry in entries if _origin(entry.origin) == origin and _dates_agree(entry, article)):
            briefing = read(entry.id)
            if briefing is not None and (
                ratio(_title(entry.title), _title(article.title)) >= TITLE_SIMILAR
                or shared_paragraphs(briefing.article, article) >= 0.5
            ):
                return briefing
    source = _title(article.source or "")
    if source:
        title = _title(article.title)
        for entry in _newest(entry for entry in entries if _title(entry.source) == source and _dates_agree(entry, article)):
            if ratio(_title(entry.title), title) < TITLE_SAME:
                continue
            briefing = read(entry.id)
            if briefing is not None and shared_paragraphs(briefing.article, article) >= SHARED_PARAGRAPHS:
                return briefing
    return None


def _contains(text: str, part: str) -> bool:
    """Whether `part` occurs in `text` without cutting a word ("A" is in "A edited", not in "Alas")."""
    before = r"(?<!\w)" if part[:1].isalnum() or part[:1] == "_" else ""
    after = r"(?!\w)" if part[-1:].isalnum() or part[-1:] == "_" else ""
    return re.search(before + re.escape(part) + after, text) is not None


def merged_note(ours: str, theirs: str) -> str:
    """The library's note on a paragraph merged with an incoming one, losing neither.

    A note already contained in the other adds nothing, so importing the same export again, or
    an older one after the note was extended, leaves the note as it is instead of growing it.
    Only two genuinely different notes are both kept, the library's first.
    """
    if not theirs or _contains(ours, theirs):
        return ours
    if not ours or _contains(theirs, ours):
        return theirs
    return f"{ours}\n\n{theirs}"


def merged_question(ours: Question, theirs: Question) -> Question:
    """A question both copies have: the library's, with the incoming answer when the library
    has none (the export was made after it was answered elsewhere)."""
    if ours.answer or not theirs.answer:
        return ours
    return replace(ours, status=theirs.status, answer=theirs.answer, answer_source=theirs.answer_source)


def merged_summary(ours: Summary, theirs: Summary) -> Summary:
    """The library's summary with an incoming one, losing neither: BLUF and comments merged as
    notes are (so a newer export's BLUF that extends the library's replaces it, and two different
    ones are both kept), grade fields filled where the library has none, judgments missing from
    the library added (the library's version of one both have wins: it is the live copy).

    Which copy is newer cannot be told: `updated` moves with any change (a tag, an import), and
    the clocks of two machines differ. So nothing is taken away on the strength of it.
    """
    known = {judgment.id for judgment in ours.judgments}
    return Summary(
        bluf=merged_note(ours.bluf, theirs.bluf),
        judgments=ours.judgments + tuple(judgment for judgment in theirs.judgments if judgment.id not in known),
        grade=SourceGrade(ours.grade.reliability or theirs.grade.reliability, ours.grade.credibility or theirs.grade.credibility),
        comments=merged_note(ours.comments, theirs.comments),
    )


def merge(existing: Briefing, incoming: Briefing) -> tuple[Briefing, int]:
    """The library's briefing with the work of an incoming copy (a JSON export) added to it.

    The text becomes the incoming one, with the library's work re-attached to it. Then nothing is
    dropped from either side: tags are united, notes are merged by `merged_note`, a paragraph is
    reviewed if either says so, questions missing from the library are added and an answer it
    lacks is taken (`merged_question`), dismissed suggestions are united, the summaries are
    merged (`merged_summary`), orphans of both are kept, and the analyst's corrections of the
    article's facts (title, date...) are kept from both, the library's first.

    Returns:
        The merged briefing (the library's id) and how many annotations the new text orphaned.
    """
    if existing.article.content_hash == incoming.article.content_hash:
        merged, orphaned = copy(existing), 0
    else:
        merged, orphaned = rebase(existing, incoming.article)
    for index, theirs in incoming.annotations.items():
        ours = merged.annotation(index)
        note = merged_note(ours.note, theirs.note)
        merged.set_annotation(index, Annotation(ours.tags | theirs.tags, note, ours.reviewed or theirs.reviewed))
    for question in incoming.questions.values():
        known = merged.questions.get(question.id)
        merged.questions[question.id] = question if known is None else merged_question(known, question)
    merged.dismissed |= incoming.dismissed
    merged.summary = merged_summary(merged.summary, incoming.summary)
    merged.orphans += [orphan for orphan in incoming.orphans if orphan not in merged.orphans]
    # Facts the incoming copy corrected and the library did not: taken, as a note would be.
    theirs = {name: getattr(incoming.article, name) for name in incoming.article.corrected_fields if name not in merged.article.corrected_fields}
    if theirs:
        merged.article = merged.article.corrected(replace(merged.article.facts, **theirs))
    return merged, orphaned
