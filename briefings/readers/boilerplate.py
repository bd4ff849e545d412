"""Boilerplate: what an imported article carries that is not the article, dropped by every reader.

A saved page, and an article pasted from one, brings along lines an analyst must not have to
review as paragraphs: "Sign up for our newsletter", "Follow us on Twitter", "Read more: …",
"SOURCE: Al Jazeera News", "Comments", "Share this article", copyright and credit lines,
lists of other stories. Three rules find them, in one place for the HTML, text and Markdown
readers:

1. Line patterns (`briefings/data/boilerplate.toml`): a paragraph is dropped when its whole text
   has the shape of a prompt, label or credit and it is short. Patterns match whole paragraphs,
   never words in them, so an article sentence that mentions a newsletter, comments or a source
   is kept.
2. Links (HTML and Markdown): a paragraph that is mostly link text to other pages, with several
   links or few words, is a list of other stories, not prose.
3. Position: after the article's last real paragraph come sign-offs, bios that ask the reader to
   follow the author, headings of removed lists, more links. The run of such paragraphs that
   ends the article is dropped, and so is a heading whose whole section was dropped.
4. Readers' comments pasted after the article: each comment signed on a line of its own with a
   name and a place ("Maria, Leeds"). Two such signatures or more near the end start the
   comments, which are dropped from the first comment on.

Why not let trafilatura do it: it removes what the page's markup marks as boilerplate, but
not text that sits inside the article's container, and text files have no markup at all.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

_HEADINGS = frozenset({"head", "h1", "h2", "h3", "h4", "h5", "h6"})
#: A paragraph with two links or more whose characters are at least this share of link text is a
#: list of links ("Ferry services suspended [VIDEO] | Harbour jobs at risk"); prose with links
#: rarely has a third of its text linked.
LINK_LIST_SHARE = 0.6
#: A paragraph of at most `LINK_LIST_WORDS` words that is at least this share of one link is a
#: link to another story, not a sentence.
LINK_SHARE = 0.75
LINK_LIST_WORDS = 25
#: At the end of an article, a paragraph with at least this share of link text is no longer prose.
TAIL_LINK_SHARE = 0.5
#: At the end of an article, a paragraph of at most this many words that addresses the reader
#: ("follow him on Twitter") is a sign-off; a longer one is the article's.
TAIL_CUE_WORDS = 60
_MACRO = re.compile(r"<<(\w+)>>")
# Typographic quotes and no-break spaces, so that patterns need only write the ASCII forms.
_PLAIN = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u00a0": " "})
# Decoration at the ends of a prompt: bullets, arrows, chevrons, pipes.
_DECORATION = " \t|\u2022\u00b7\u00bb\u203a>\u2192\u2190\u2039\u00ab\u25b6\u25ba\u25b8\u276f"


@dataclass(frozen=True, slots=True)
class Block:
    """A paragraph-level block as a reader found it, before boilerplate is dropped.

    Attributes:
        kind: What the block is: "p", a heading ("h1" to "h6", or "head" when the level is
            unknown), "item", "row", "quote", "code"...
        text: The block's text.
        link_share: The share of its characters that are the text of links to other pages;
            0.0 where the format has no links.
        links: How many such links it holds.
    """

    kind: str
    text: str
    link_share: float = 0.0
    links: int = 0


class LineGroup:
    """One `[[lines]]` group of the data file: its patterns as one expression, and its word limit.

    The expression is compiled on first use: compiling all groups costs some 15 ms, paid by the
    first text file an analyst opens, and most paragraphs are longer than most groups allow. For
    the same reason a group of long lines can name text its lines always contain (`requires`):
    a paragraph without any of it is not tried.
    """

    __slots__ = ("kind", "max_words", "requires", "_source", "_pattern")

    def __init__(self, kind: str, source: str, max_words: int, requires: tuple[str, ...] = ()) -> None:
        self.kind = kind
        self.max_words = max_words
        self.requires = requires
        self._source = source
        self._pattern: re.Pattern[str] | None = None

    def matches(self, line: str, words: int) -> bool:
        """Whether `line` (of `words` words, as `plain_line` makes it) is one of this group's."""
        if words > self.max_words:
            return False
        if self.requires and not any(term in line.casefold() for term in self.requires):
            return False
        if self._pattern is None:
            self._pattern = re.compile(self._source, re.IGNORECASE)
        return self._pattern.fullmatch(line) is not None


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """The data file, read: line pattern groups, tail cues, and markup words."""

    lines: tuple[LineGroup, ...]
    tail: re.Pattern[str]
    markup_words: frozenset[str]
    markup_phrases: re.Pattern[str]


@cache
def vocabulary() -> Vocabulary:
    """boilerplate.toml, read once per process (package data, in a wheel or a checkout)."""
    text = resources.files("briefings").joinpath("data", "boilerplate.toml").read_text(encoding="utf-8")
    data = tomllib.loads(text)
    macros: dict[str, str] = data.get("macros", {})

    def expand(pattern: str) -> str:
        return _MACRO.sub(lambda found: macros[found.group(1)], pattern)

    lines = tuple(
        LineGroup(
            group["kind"],
            "|".join(f"(?:{expand(p)})" for p in group["patterns"]),
            int(group["max_words"]),
            tuple(group.get("requires", ())),
        )
        for group in data["lines"]
    )
    tail = re.compile("|".join(f"(?:{expand(p)})" for p in data["tail"]["cues"]), re.IGNORECASE)
    markup = data["markup"]
    return Vocabulary(
        lines=lines,
        tail=tail,
        markup_words=frozenset(markup["words"]),
        markup_phrases=re.compile(r"\b(?:" + "|".join(re.escape(p) for p in markup["phrases"]) + r")\b"),
    )


def plain_line(text: str) -> str:
    """`text` as patterns see it: one line, straight quotes, no decoration at its ends."""
    return " ".join(text.translate(_PLAIN).split()).strip(_DECORATION)


def is_boilerplate_line(text: str) -> bool:
    """Whether the whole of `text` is a prompt, label or credit of the data file's line patterns.

    A paragraph longer than a pattern group's `max_words` is never boilerplate for that group:
    prompts are short, and a long paragraph that starts like one is the article's.
    """
    line = plain_line(text)
    words = len(line.split())
    return any(group.matches(line, words) for group in vocabulary().lines)


def is_link_list(block: Block) -> bool:
    """Whether `block` is a list of links to other pages (related stories) rather than prose."""
    if block.links >= 2:
        return block.link_share >= LINK_LIST_SHARE
    return block.link_share >= LINK_SHARE and len(block.text.split()) <= LINK_LIST_WORDS


#: A comment's signature: a name and a place, on a line of its own, without a full stop
#: ("Maria, Leeds", "John Smith, Cardiff, Wales", "Dave, USA").
SIGNATURE = re.compile(r"[A-Z][\w'\u2019.-]*(?: [A-Z][\w'\u2019.-]*){0,3}(?:, [A-Z][\w'\u2019.-]*(?: [A-Z][\w'\u2019.-]*){0,3}){1,2}")
#: Signatures needed before the lines are taken for readers' comments, not a list of names.
SIGNATURES = 2


def comments_start(blocks: Sequence[Block]) -> int:
    """Where readers' comments signed "Name, Place" begin (`len(blocks)` when there are none):
    at the comment before the first of two signatures or more that follow one another at a
    distance of a few paragraphs, the last of them near the end."""
    signed = [index for index, block in enumerate(blocks) if index > 0 and SIGNATURE.fullmatch(block.text.strip())]
    if len(signed) < SIGNATURES or len(blocks) - 1 - signed[-1] > 3:
        return len(blocks)
    run = [signed[-1]]
    for index in reversed(signed[:-1]):
        if run[0] - index > 4:
            break
        run.insert(0, index)
    return run[0] - 1 if len(run) >= SIGNATURES else len(blocks)


def is_heading(block: Block) -> bool:
    return block.kind in _HEADINGS


def drop_boilerplate(blocks: Sequence[Block]) -> list[Block]:
    """`blocks` without boilerplate (see the module docstring), in their order."""
    return [block for block, keep in zip(blocks, kept_blocks(blocks)) if keep]


def kept_in_text(blocks: Sequence[Block]) -> list[bool]:
    """`kept_blocks` for a text or Markdown file, except that a file all of whose blocks are
    boilerplate is kept whole: the rules misread such a file more likely than it holds nothing
    (a page's HTML without an article, on the contrary, is refused)."""
    kept = kept_blocks(blocks)
    return kept if any(kept) else [True] * len(kept)


def kept_blocks(blocks: Sequence[Block]) -> list[bool]:
    """For each of `blocks`, whether it is the article's (True) or boilerplate (False).

    The end of the article is found from the last block backwards: boilerplate lines, link
    lists, headings, paragraphs mostly of links and paragraphs that address the reader ("follow
    him on Twitter") are dropped until the first block that is none of these, the article's
    last real paragraph. A heading whose section (up to the next heading) was dropped entirely
    goes too: "Comments", "More:", "Something to Consider" are not the article's structure.
    """
    tail = vocabulary().tail
    dropped = [is_boilerplate_line(block.text) or is_link_list(block) for block in blocks]
    comments = comments_start(blocks)
    dropped[comments:] = [True] * (len(blocks) - comments)
    last = len(blocks) - 1
    while last >= 0 and (
        dropped[last]
        or is_heading(blocks[last])
        or blocks[last].link_share >= TAIL_LINK_SHARE
        or (len(blocks[last].text.split()) <= TAIL_CUE_WORDS and tail.search(plain_line(blocks[last].text)))
    ):
        dropped[last] = True
        last -= 1
    for index, block in enumerate(blocks):
        if dropped[index] or not is_heading(block):
            continue
        end = next((i for i in range(index + 1, len(blocks)) if is_heading(blocks[i])), len(blocks))
        if end > index + 1 and all(dropped[index + 1 : end]):
            dropped[index] = True
    return [not drop for drop in dropped]
