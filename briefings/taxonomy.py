"""The tag taxonomy: which tags an analyst can put on a paragraph, and the keys that toggle them.

A library has one taxonomy. It is edited in the app or as a TOML file; this module reads and
writes that file and knows the default set.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass

import tomli_w

from briefings.errors import BriefError

#: Keys that toggle a tag directly; a taxonomy may have more tags, reached through a picker.
TAG_KEYS = tuple("123456789")

_COLOUR = re.compile(r"^(#[0-9a-fA-F]{6}|[a-z]+)$")


class TaxonomyError(BriefError, ValueError):
    """A taxonomy file that cannot be used, with the reason in words."""


@dataclass(frozen=True, slots=True)
class Tag:
    """One tag: a stable id, the name shown, its key (empty when it has none), colour and meaning."""

    id: str
    name: str
    key: str = ""
    colour: str = "#888888"
    description: str = ""


def tag_id(name: str) -> str:
    """A tag's id from its name: lower case words joined by hyphens."""
    return "-".join(re.findall(r"[a-z0-9]+", name.lower())) or "tag"


DEFAULT_TAGS: tuple[Tag, ...] = (
    Tag("key-judgment", "key judgment", "1", "#e5c07b", "A paragraph that carries a judgment the briefing rests on."),
    Tag("fact", "fact", "2", "#98c379", "A verifiable statement of fact."),
    Tag("claim", "claim", "3", "#61afef", "An assertion attributed to someone, not yet verified."),
    Tag("opinion", "opinion", "4", "#c678dd", "Commentary or opinion, the author's or a quoted party's."),
    Tag("background", "background", "5", "#7f848e", "Context the reader may need but which is not news."),
    Tag("military", "military", "6", "#e06c75", "Military forces, operations or capabilities."),
    Tag("diplomatic", "diplomatic", "7", "#56b6c2", "Relations between states or organisations."),
    Tag("sourcing", "sourcing concern", "8", "#d19a66", "Weak, unnamed or single-source attribution."),
    Tag("follow-up", "follow-up", "9", "#be5046", "Needs checking or further collection."),
)


def next_free_key(tags: tuple[Tag, ...]) -> str:
    """The first digit no tag uses yet, or "" when all nine are taken."""
    taken = {tag.key for tag in tags}
    return next((key for key in TAG_KEYS if key not in taken), "")


def fitted(tag: Tag, tags: Iterable[Tag]) -> Tag:
    """`tag` made to fit beside `tags` by the taxonomy's rules: without its key if one of them
    has it (the picker still reaches it), and named "name (id)" if one of them uses its name."""
    others = tuple(tags)
    keys = {other.key for other in others if other.key}
    names = {other.name.casefold() for other in others}
    key = "" if tag.key in keys else tag.key
    name = f"{tag.name} ({tag.id})" if tag.name.casefold() in names else tag.name
    return Tag(tag.id, name, key, tag.colour, tag.description)


def same_but_fitted(tag: Tag, original: Tag) -> bool:
    """Whether `tag` is `original`, or `original` as `fitted` may have changed it."""
    return (
        tag.key in ("", original.key)
        and tag.name in (original.name, f"{original.name} ({original.id})")
        and (tag.id, tag.colour, tag.description) == (original.id, original.colour, original.description)
    )


def dumps_toml(tags: tuple[Tag, ...]) -> str:
    """The taxonomy as a TOML document an analyst can edit by hand."""
    document = {
        "tag": [
            {"id": t.id, "name": t.name, "key": t.key, "colour": t.colour, "description": t.description}
            for t in tags
        ]
    }
    header = (
        "# Brief tag taxonomy. One [[tag]] table per tag, in the order they are shown.\n"
        "# id: what paragraphs refer to; keep it when renaming a tag (new tags may leave it out).\n"
        "# key: a digit 1-9 that toggles the tag (leave empty for tags reached by the picker).\n"
        "# colour: #rrggbb or a colour name.\n\n"
    )
    return header + tomli_w.dumps(document)


def loads_toml(text: str) -> tuple[Tag, ...]:
    """Parse a taxonomy file; raise `TaxonomyError` saying what is wrong."""
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise TaxonomyError(f"not valid TOML: {error}") from None
    entries = document.get("tag")
    if not isinstance(entries, list) or not entries:
        raise TaxonomyError("no [[tag]] tables found")
    tags: list[Tag] = []
    for number, entry in enumerate(entries, start=1):
        name = entry.get("name") if isinstance(entry, dict) else None
        if not isinstance(name, str) or not name.strip():
            raise TaxonomyError(f"tag {number} has no name")
        identifier = tag_id(str(entry.get("id") or name))
        colour = str(entry.get("colour", "#888888"))
        tags.append(Tag(identifier, name.strip(), str(entry.get("key", "")), colour, str(entry.get("description", ""))))
    check_tags(tags)
    return tuple(tags)


def is_colour(text: str) -> bool:
    """True for what a tag colour may be: #rrggbb or a lower-case colour name."""
    return bool(_COLOUR.match(text))


def check_tags(tags: Iterable[Tag]) -> None:
    """Raise `TaxonomyError` unless these tags make a taxonomy the app can use.

    The rules every taxonomy must keep, wherever it comes from (a TOML file, a JSON export): each
    tag has a name and an id of its own, a colour that is #rrggbb or a name (a colour ends up in
    terminal styles and in exported CSS, so nothing else may pass), and a key that is one of the
    digits 1-9 given to no other tag, or none.
    """
    seen: set[str] = set()
    keys: dict[str, str] = {}
    for number, tag in enumerate(tags, start=1):
        name = tag.name
        if not name.strip():
            raise TaxonomyError(f"tag {number} has no name")
        if not tag.id:
            raise TaxonomyError(f"tag {name!r} has no id")
        if tag.id in seen:
            raise TaxonomyError(f"tag {name!r} appears twice")
        seen.add(tag.id)
        if not is_colour(tag.colour):
            raise TaxonomyError(f"tag {name!r} has an invalid colour {tag.colour!r}")
        if tag.key and tag.key not in TAG_KEYS:
            raise TaxonomyError(f"tag {name!r} has key {tag.key!r}; keys are the digits 1-9")
        if tag.key and tag.key in keys:
            raise TaxonomyError(f"key {tag.key} is given to both {keys[tag.key]!r} and {name!r}")
        keys[tag.key] = name
