"""What a briefing's searchable text is, and the lines the text journal holds for it.

See `store.textindex` for the journal's format and how it is searched: an article's line (its
title and paragraphs, once per content) and a briefing's line (notes, summary, questions, once
per version of that text), each field folded into words (`store.textquery.words`).
"""

from __future__ import annotations

import hashlib
import json

from briefings.briefing import Briefing
from briefings.model import Article
from briefings.mapping import question_to_dict
from store.textquery import words

_UNSAFE = str.maketrans({"\t": " ", "\n": " ", "\r": " ", "\x1f": " "})
#: Fields are joined with this so that a phrase never matches across two of them.
JOIN = b"\x1f"
#: Characters of context on each side of a match in a snippet.
SNIPPET = 60
#: Names the folding of the lines written (see the module's docstring).
FORMAT = "w2"
ARTICLE_MARK = f"@{FORMAT}:"


#: The journal's file name in the index folder; names of earlier formats, removed on open.
FILE = "search.tsv"
OLD_FILES = ("text.tsv",)

Segment = tuple[str, int | None, str]


def article_segments(article: Article) -> list[Segment]:
    """The searchable text of an article as (field, paragraph, text): its title, then paragraphs."""
    parts: list[Segment] = [("title", None, article.title)]
    parts += [("text", paragraph.index, paragraph.text) for paragraph in article.paragraphs]
    return [(field, paragraph, text.translate(_UNSAFE)) for field, paragraph, text in parts if text]


def work_segments(briefing: Briefing) -> list[Segment]:
    """The analyst's searchable text in a briefing: a corrected title, notes, orphaned notes,
    summary, questions.

    The article's line holds the title as read (it is shared by content, see `article_record`);
    a title the analyst corrected is searchable here.
    """
    article = briefing.article
    parts: list[Segment] = [("title", None, article.title)] if "title" in article.corrected_fields else []
    parts += [("note", index, briefing.annotations[index].note) for index in sorted(briefing.annotations)]
    parts += [("note", None, orphan.annotation.note) for orphan in briefing.orphans]
    summary = briefing.summary
    parts.append(("summary", None, summary.bluf))
    parts += [("summary", None, judgment.text) for judgment in summary.judgments]
    parts.append(("summary", None, summary.comments))
    for question in briefing.questions.values():
        parts.append(("question", question.paragraph, " ".join(filter(None, (question.text, question.answer)))))
    return [(field, paragraph, text.translate(_UNSAFE)) for field, paragraph, text in parts if text]


def segments(briefing: Briefing) -> list[Segment]:
    """The searchable text of a briefing as (field, paragraph, text), in reading order."""
    return article_segments(briefing.article) + work_segments(briefing)


def questions_json(briefing: Briefing) -> str:
    return json.dumps([question_to_dict(question) for question in briefing.questions.values()], ensure_ascii=True)


def text_key(briefing: Briefing) -> str:
    """A digest of everything searchable and of the questions: it changes when any of them does.

    The article's text enters through its content hash, so a tag, which changes none of this,
    costs no re-hashing of the text.
    """
    digest = hashlib.blake2b(briefing.article.content_hash.encode("ascii"), digest_size=10)
    for field, paragraph, text in work_segments(briefing):
        digest.update(f"{field}\x00{paragraph}\x00{text}\x01".encode("utf-8", "surrogatepass"))
    digest.update(questions_json(briefing).encode("ascii"))
    return digest.hexdigest()


def _utf8(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")


def _folded(parts: list[Segment]) -> tuple[str, bytes]:
    """The segments' specs and their `words`, each padded with a space, joined by \x1f."""
    specs, texts, offset = [], [], 0
    for field, paragraph, text in parts:
        folded = b" " + words(text) + b" "
        specs.append(f"{field}:{'-' if paragraph is None else paragraph}:{offset}")
        texts.append(folded)
        offset += len(folded) + 1
    return ";".join(specs), JOIN.join(texts)


def article_record(article: Article) -> bytes:
    """The journal line for an article's text."""
    specs, folded = _folded(article_segments(article))
    return _utf8(f"{ARTICLE_MARK}{article.content_hash}\t{specs}\t") + folded


def record(briefing: Briefing, key: str) -> bytes:
    """The journal line for a briefing's own text, with `key` its `text_key`."""
    specs, folded = _folded(work_segments(briefing))
    head = "\t".join((briefing.id, f"{FORMAT}:{key}", briefing.article.content_hash, specs, questions_json(briefing), ""))
    return _utf8(head) + folded


def removal(briefing_id: str) -> bytes:
    return f"{briefing_id}\t-".encode("ascii")


