"""Exporters: a registry of formats that turn a briefing into a document for the rest of the world.

Each format is a `Format` record in `FORMATS` (the pattern of Harlequin's export module): the CLI
and the export dialog list the registry and call `export` or `export_digest`, and never need to
know one format from another.

The formats themselves are imported on first use of the registry (PEP 562): the review screen's
first frame imports `briefings.exporters.view` (how a number reads in the numbers pane), and with
it this package, but draws no export.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from briefings.exporters.bundle import ExportBundle, ExportError

if TYPE_CHECKING:
    from briefings.exporters.json_export import json_schema, load_json_export, read_json_export

__all__ = [
    "FORMATS",
    "ExportBundle",
    "ExportError",
    "Format",
    "export",
    "export_digest",
    "get_format",
    "json_schema",
    "load_json_export",
    "read_json_export",
    "title_slug",
]

#: Longest file name made from a title, before its suffix.
SLUG_CHARS = 60


@dataclass(frozen=True, slots=True)
class Format:
    """One export format.

    Attributes:
        id: What the analyst types: "md", "json" or "html".
        name: What a menu shows.
        suffix: The file name suffix, with its dot.
        render: One briefing to a document.
        render_digest: Several briefings, a title and the time made, to one document; None when
            the format has no digest.
    """

    id: str
    name: str
    suffix: str
    render: Callable[[ExportBundle], str]
    render_digest: Callable[[Sequence[ExportBundle], str, str], str] | None


@functools.cache
def _formats() -> dict[str, Format]:
    """The registry, made (and the formats imported) on first use."""
    from briefings.exporters import html, json_export, markdown

    return {
        format.id: format
        for format in (
            Format("md", "Markdown", ".md", markdown.render, markdown.render_digest),
            Format("json", "JSON", ".json", json_export.render, None),
            Format("html", "HTML", ".html", html.render, html.render_digest),
        )
    }


if TYPE_CHECKING:
    FORMATS: dict[str, Format]

_FROM_JSON_EXPORT = ("json_schema", "load_json_export", "read_json_export")


def __getattr__(name: str) -> object:
    """`FORMATS` and the JSON export's functions, imported on first use."""
    if name == "FORMATS":
        value: object = _formats()
    elif name in _FROM_JSON_EXPORT:
        from briefings.exporters import json_export

        value = getattr(json_export, name)
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value
    return value


def get_format(format_id: str) -> Format:
    """The format with this id; `ExportError` naming the known ones if there is none."""
    try:
        return _formats()[format_id]
    except KeyError:
        known = ", ".join(f"{format.id} ({format.name})" for format in _formats().values())
        raise ExportError(f"unknown export format {format_id!r}; the formats are {known}") from None


_SURROGATE = re.compile("[\ud800-\udfff]")


def _writable(document: str) -> str:
    """The document with any lone surrogate (text no UTF-8 file can hold, which a library written
    through the Python API by an older Brief may contain) replaced by U+FFFD, so that every
    export can be written."""
    return _SURROGATE.sub("\ufffd", document)


def export(bundle: ExportBundle, format_id: str) -> str:
    """One briefing as a document in the given format."""
    return _writable(get_format(format_id).render(bundle))


def export_digest(bundles: Sequence[ExportBundle], format_id: str, *, title: str, generated: str) -> str:
    """Several briefings as one document with a table of contents (Markdown or HTML).

    Raises:
        ExportError: For an unknown format, a format without digests, or no briefings.
    """
    format = get_format(format_id)
    if format.render_digest is None:
        with_digest = ", ".join(f.id for f in _formats().values() if f.render_digest is not None)
        raise ExportError(f"{format.name} has no digest; choose one of {with_digest}, or export each briefing")
    if not bundles:
        raise ExportError("a digest needs at least one briefing")
    return _writable(format.render_digest(bundles, title, generated))


def title_slug(title: str, limit: int = SLUG_CHARS) -> str:
    """A file name from a title, its words joined by hyphens and cut after a whole word:
    "us-providing-intelligence-to-iran-led-attack" (only a first word longer than `limit` is cut)."""
    slug = ""
    for word in re.findall(r"[a-z0-9]+", title.lower()):
        longer = f"{slug}-{word}" if slug else word
        if len(longer) > limit:
            return slug or word[:limit]
        slug = longer
    return slug
