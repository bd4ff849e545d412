"""The desk's exports: the extraction as the analyst sees it, the one export bundle, digests,
the user's file written atomically, and the actors across the library.

Every face exports through here (the review screen's dialog, the library's digest, `brief
export`), so an export shows the actors exactly as the review screen does: the cached (or
computed) extraction with the library's actor decisions applied, in one function (`seen`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from briefings.briefing import Briefing, now_iso
from briefings.decisions import ActorDecision
from briefings.edits import LibrarySettings
from briefings.extraction import installed_pipeline
from briefings.extraction.model import Extraction
from briefings.model import Article
from briefings.wording import counted
from store.backend import LibraryStore, TalliesActors
from store.desk.config import Config
from store.desk.extracting import cached_or_extracted, extracted, shared_extractor
from store.desk.tallies import ActorTally, tally_basis, walked_tally
from store.errors import BriefingNotFound
from store.storage import write_atomic

if TYPE_CHECKING:
    from briefings.exporters import ExportBundle  # the exporters are imported when an export is made


def write_user_file(path: Path, text: str, *, make_folder: bool = False) -> None:
    """Write an export to the user's file atomically (a temp file beside it, then a rename), so
    that a failed export never leaves half a briefing behind; `make_folder` makes its folder
    first (the exports folder, on first use).

    Raises:
        OSError, StoreError: The folder is not there, the disk is full...
    """
    if make_folder:
        path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, text.encode("utf-8"))


class DeskExports:
    """Mixed into `store.desk.Desk`."""

    library: LibraryStore
    config: Config
    settings: LibrarySettings

    # ----------------------------------------------------------------- the extraction

    def seen(self, raw: Extraction, article: Article, briefing_id: str, decisions: tuple[ActorDecision, ...] | None = None) -> Extraction:
        """The extraction as the analyst sees it: the raw one with the actor decisions (the
        desk's settings', unless given) applied for this briefing."""
        from briefings.extraction import apply_decisions

        return apply_decisions(raw, self.settings.decisions if decisions is None else decisions, article, briefing_id)

    def raw_extraction(self, article: Article) -> Extraction:
        """The article's raw extraction, from the cache or computed (with the shared extractor)
        and cached. Slow on a miss: call it from a worker."""
        return cached_or_extracted(self.library, article, installed_pipeline(), shared_extractor)

    def extract(self, article: Article) -> Extraction:
        """Compute the article's raw extraction and cache it (after the cache was found to miss)."""
        return extracted(self.library, article, shared_extractor)

    def extraction(self, briefing: Briefing) -> Extraction:
        """The briefing's extraction as the analyst sees it (cached or computed; see `seen`)."""
        return self.seen(self.raw_extraction(briefing.article), briefing.article, briefing.id)

    # ----------------------------------------------------------------- exports

    def bundle(self, briefing: Briefing, extraction: Extraction | None, *, who: bool = False) -> ExportBundle:
        """What an export of the briefing holds (the one place it is put together): the
        briefing, its extraction as the analyst sees it (None when there is none yet), the
        library settings, the time, Brief's version, and the briefing's history (none for an
        article not in the library); `who`: the Markdown and HTML say who did what."""
        from briefings import __version__
        from briefings.exporters import ExportBundle

        try:
            history = tuple(self.library.history(briefing.id))
        except BriefingNotFound:
            history = ()
        return ExportBundle(briefing, extraction, self.settings, now_iso(), __version__, history, who)

    def render(self, bundle: ExportBundle, format_id: str) -> str:
        """One briefing's export in a format (md, json, html)."""
        from briefings.exporters import export

        return export(bundle, format_id)

    def digest(self, bundles: Iterable[ExportBundle], format_id: str, title: str = "") -> str:
        """Several briefings as one document (titled "Digest of N briefings" unless given)."""
        from briefings.exporters import export_digest

        bundles = list(bundles)
        return export_digest(bundles, format_id, title=title or f"Digest of {counted(len(bundles), 'briefing')}", generated=now_iso())

    def digest_of(self, briefing_ids: Iterable[str], format_id: str) -> tuple[str, int]:
        """A digest of briefings by id (their extractions made where not cached); its text and
        how many briefings it holds. Slow: call it from a worker."""
        briefings = [self.library.load(briefing_id) for briefing_id in briefing_ids]
        bundles = [self.bundle(briefing, self.extraction(briefing)) for briefing in briefings]
        return self.digest(bundles, format_id), len(bundles)

    @property
    def exports_folder(self) -> Path:
        """Where exports and digests are offered (the config file's folder, else the documents folder)."""
        return self.config.exports_folder

    def file_name(self, briefing: Briefing, format_id: str) -> str:
        """A file name for a briefing's export: its title cut after a whole word, else its id."""
        from briefings.exporters import get_format, title_slug

        return f"{title_slug(briefing.article.title) or briefing.id}{get_format(format_id).suffix}"

    def write_file(self, path: Path, text: str) -> None:
        """Write an export to the user's file atomically (see `write_user_file`); the exports
        folder is made on first use, any other folder must exist."""
        write_user_file(path, text, make_folder=path.parent == self.exports_folder)

    # ----------------------------------------------------------------- actors across the library

    def actor_tally(
        self,
        previous: ActorTally | None = None,
        *,
        cancelled: Callable[[], bool] = lambda: False,
        on_progress: Callable[[int, int], None] = lambda done, total: None,
    ) -> ActorTally | None:
        """Every actor of the library's extracted briefings, with the decisions applied (see
        `store.desk.tallies`); `previous` when nothing it was counted from changed. None when
        cancelled. A backend that can count by query does (`TalliesActors`); a folder is walked,
        one small cache file per briefing: call it from a worker."""
        library = self.library
        decisions = tuple(self.settings.decisions)
        pipeline = installed_pipeline()
        if isinstance(library, TalliesActors):
            return library.tally_actors(pipeline, decisions, previous, cancelled=cancelled, on_progress=on_progress)
        entries = library.entries()
        basis = tally_basis(pipeline, decisions, tuple((entry.id, entry.content_hash) for entry in entries))
        if previous is not None and previous.basis == basis and not previous.not_extracted:
            return previous
        return walked_tally(library, pipeline, decisions, entries, basis=basis, cancelled=cancelled, on_progress=on_progress)
