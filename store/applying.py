"""Applying the analyst's edits to what a library holds, by the same rules in every backend.

An edit that does not fit what is stored (a paragraph gone since the window showed it, a tag
already removed) is refused as `EditRejected` with what was asked, never half applied: the
caller applies edits to a copy and writes it only when every one fitted.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from briefings.briefing import Briefing, now_iso
from briefings.edits import BriefingEdit, LibraryEdit
from store.errors import EditRejected


@contextmanager
def refused_unless_it_fits(edit: BriefingEdit | LibraryEdit) -> Iterator[None]:
    """Turn what `edit.apply` raises on data it does not fit into `EditRejected`."""
    try:
        yield
    except (IndexError, KeyError, ValueError, TypeError) as error:
        raise EditRejected(f"could not apply {edit.describe()}: {error}") from None


def apply_edits(briefing: Briefing, edits: Sequence[BriefingEdit], article_hash: str | None) -> None:
    """Apply `edits` to `briefing` (a copy the caller writes back) and stamp it updated.

    Raises:
        EditRejected: The article was re-imported since `article_hash` was read (None: not
            checked), or an edit does not fit.
    """
    if article_hash is not None and briefing.article.content_hash != article_hash:
        raise EditRejected("the article was changed by an import since this window showed it")
    for edit in edits:
        with refused_unless_it_fits(edit):
            edit.apply(briefing)
    briefing.updated = now_iso()
