"""The reading of a briefing that the Markdown and HTML exporters share.

Both documents show the same things in the same order; this module decides what they are (which
paragraphs fall under which tag, how citations and scales are worded, what the footer says) so
that the two renderers only differ in markup.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal

from briefings.briefing import Briefing, Orphan, Question
from briefings.exporters.bundle import ExportBundle
from briefings.extraction.model import Extraction, NumberFact
from briefings.history import Attribution, attribute
from briefings.model import Article
from briefings.summary import LIKELIHOOD_BY_ID, Judgment
from briefings.taxonomy import Tag
from briefings.wording import counted

# C0 controls other than newline and tab, DEL and the C1 controls: ESC, CSI (0x9b) and OSC (0x9d)
# start terminal escape sequences, and `brief export` without -o prints to a terminal.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


# Only a plain http(s) address may become a link; anything else (javascript:, data:) stays text.
_WEB_ADDRESS = re.compile(r"^https?://[^\s<>\"'`\\\x00-\x1f\x7f-\x9f]+$", re.IGNORECASE)
_CSS_COLOUR = re.compile(r"^(#[0-9a-fA-F]{6}|[a-zA-Z]{3,20})$")


def _picture(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # the Unicode control picture: ESC becomes ␛
    if code == 0x7F:
        return "\u2421"
    return "\ufffd"


def visible(text: str) -> str:
    """Text with line ends normalised and control characters shown as harmless symbols.

    Exported documents are read by people, so a control character is shown rather than dropped:
    `\\x1b[2J` becomes `␛[2J`, visible and inert in a terminal, an editor and a browser.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    return _CONTROL.sub(_picture, text)


def is_web_address(url: str) -> bool:
    """True for an http or https address with nothing in it that could end a link early."""
    return bool(_WEB_ADDRESS.match(url))


def css_colour(colour: str) -> str:
    """A tag colour safe to put in a style: #rrggbb or a colour name, otherwise neutral grey."""
    return colour if _CSS_COLOUR.match(colour) else "#888888"


def one_line(text: str) -> str:
    """Visible text on a single line, for titles, table cells and list heads."""
    return " ".join(visible(text).split())


def blocks(text: str) -> list[list[str]]:
    """Visible text cut into paragraphs (at blank lines), each a list of its non-empty lines.

    A line keeps its indentation as leading spaces (a tab counts to the next multiple of four,
    as in CommonMark), because analysts indent code, lists and quoted exchanges in notes; the
    rest of its whitespace is collapsed to single spaces. Each renderer decides how to show the
    indentation (see `indentation`).
    """
    paragraphs: list[list[str]] = [[]]
    for line in visible(text.expandtabs(4)).split("\n"):
        words = line.split()
        if words:
            indent = len(line) - len(line.lstrip())
            paragraphs[-1].append(" " * indent + " ".join(words))
        elif paragraphs[-1]:
            paragraphs.append([])
    return [paragraph for paragraph in paragraphs if paragraph]


def indentation(line: str) -> tuple[int, str]:
    """A line from `blocks` split into the width of its indentation and the text after it."""
    text = line.lstrip(" ")
    return len(line) - len(text), text


def cite(indices: Iterable[int]) -> str:
    """Paragraph citations as analysts write them, runs collapsed: "¶1, ¶3–5" (indices are 0-based)."""
    numbers = sorted({index + 1 for index in indices})
    runs: list[str] = []
    start = 0
    for position, number in enumerate(numbers):
        if position + 1 < len(numbers) and numbers[position + 1] == number + 1:
            continue
        first = numbers[start]
        runs.append(f"¶{first}" if first == number else f"¶{first}–{number}")
        start = position + 1
    return ", ".join(runs)


def cite_pages(article: Article, indices: Iterable[int]) -> str:
    """The pages of a paged document that paragraphs start on: " (p. 4)", " (pp. 4–5, 9)"; "" for
    an article without pages. Indices outside the article are left out."""
    paragraphs = article.paragraphs
    pages = sorted({page for index in indices if 0 <= index < len(paragraphs) and (page := paragraphs[index].page) is not None})
    if not pages:
        return ""
    runs: list[str] = []
    start = 0
    for position, page in enumerate(pages):
        if position + 1 < len(pages) and pages[position + 1] == page + 1:
            continue
        runs.append(str(page) if pages[start] == page else f"{pages[start]}\u2013{page}")
        start = position + 1
    return f" ({'p.' if len(pages) == 1 else 'pp.'} {', '.join(runs)})"


def likelihood_label(judgment: Judgment) -> str:
    """The judgment's likelihood with its range, or a plain statement that it is not set."""
    likelihood = LIKELIHOOD_BY_ID.get(judgment.likelihood)
    return likelihood.label if likelihood else "likelihood not set"


def confidence_label(judgment: Judgment) -> str:
    """The judgment's confidence in words, or a plain statement that it is not set."""
    return f"{judgment.confidence} confidence" if judgment.confidence else "confidence not set"


@dataclass(frozen=True, slots=True)
class QuotedParagraph:
    """A paragraph as an export quotes it: its number, text, note, its tags (every one of them,
    in taxonomy order, so that a paragraph with two tags is quoted once), and the page it starts
    on in a paged document (None otherwise)."""

    number: int
    text: str
    note: str
    tags: tuple[Tag, ...]
    page: int | None = None
    who: str = ""
    """Who tagged, noted and reviewed it ("" unless the export says who did what)."""

    @property
    def label(self) -> str:
        """How the export cites it: "¶3", or "¶3, p. 2" in a paged document (a PDF report)."""
        return f"¶{self.number}" + (f", p. {self.page}" if self.page is not None else "")


def taxonomy_order(bundle: ExportBundle) -> tuple[Tag, ...]:
    """The library's tags in their order, then any tag id on a paragraph the taxonomy lacks.

    A tag deleted from the taxonomy still marks paragraphs; it is shown under its id, never lost.
    """
    known = {tag.id for tag in bundle.settings.tags}
    used = {tag for annotation in bundle.briefing.annotations.values() for tag in annotation.tags}
    return bundle.settings.tags + tuple(Tag(tag_id, tag_id) for tag_id in sorted(used - known))


def attribution(bundle: ExportBundle) -> Attribution | None:
    """Who did the work, when the export says so (`ExportBundle.who`); else None."""
    return attribute(bundle.history) if bundle.who else None


def analysts(bundle: ExportBundle) -> str:
    """Everyone on the briefing's history, in the order they first worked on it ("" unless the
    export says who did what)."""
    return ", ".join(dict.fromkeys(entry.who for entry in bundle.history)) if bundle.who else ""


def judged_by(found: Attribution | None, judgment: Judgment) -> str:
    """"written by Ada" for a key judgment whose author is on record, else ""."""
    who = found.judgments.get(judgment.id) if found else None
    return f"written by {who}" if who else ""


def marked_paragraphs(bundle: ExportBundle) -> tuple[QuotedParagraph, ...]:
    """The paragraphs the analyst tagged or noted, in article order, each once with all its
    tags (and who did that work, when the export says so)."""
    tags = taxonomy_order(bundle)
    briefing = bundle.briefing
    found = attribution(bundle)
    names = {tag.id: tag.name for tag in tags}
    return tuple(
        QuotedParagraph(
            index + 1,
            briefing.article.paragraphs[index].text,
            annotation.note,
            tuple(tag for tag in tags if tag.id in annotation.tags),
            briefing.article.paragraphs[index].page,
            found.of_paragraph(index, names) if found else "",
        )
        for index, annotation in sorted(briefing.annotations.items())
        if annotation.tags or annotation.note
    )


def tag_index(bundle: ExportBundle) -> tuple[tuple[Tag, tuple[int, ...]], ...]:
    """Each tag in use with the paragraphs (0-based) that carry it, in taxonomy order: the
    grouping by tag, at a glance, without quoting a paragraph twice."""
    annotations = sorted(bundle.briefing.annotations.items())
    index = ((tag, tuple(i for i, annotation in annotations if tag.id in annotation.tags)) for tag in taxonomy_order(bundle))
    return tuple((tag, paragraphs) for tag, paragraphs in index if paragraphs)


def lost_link(bundle: ExportBundle, orphan: Orphan) -> str:
    """What an orphaned paragraph link was for, in words, or "" for an orphaned annotation."""
    if orphan.question:
        question = bundle.briefing.questions.get(orphan.question)
        text = question.text if question else "a question since deleted"
        return f"The question “{text}” was about this paragraph."
    if orphan.judgment:
        judgment = next((j for j in bundle.briefing.summary.judgments if j.id == orphan.judgment), None)
        text = judgment.text if judgment else "a judgment since deleted"
        return f"The key judgment “{text}” rested on this paragraph."
    return ""


def tag_names(bundle: ExportBundle, tag_ids: Iterable[str]) -> tuple[str, ...]:
    """The names of some tag ids, in taxonomy order."""
    wanted = set(tag_ids)
    return tuple(tag.name for tag in taxonomy_order(bundle) if tag.id in wanted)


def shown_answer(question: Question) -> tuple[str, str]:
    """The answer and its source that a document shows beside a question: none while it is open.

    A question that was answered and then reopened keeps its old answer in the record (the JSON
    export carries it), but printed under an "open" badge it would read as settled.
    """
    if question.status == "open":
        return "", ""
    return question.answer, question.answer_source


def figure(value: float) -> str:
    """A number with its digits grouped as the app shows them: "1,200", never "1200.0".

    Integral values have no decimal point; others keep every decimal they have ("0.125", not
    rounded as the numbers pane does for its narrow column) and are never in exponent form.
    """
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{Decimal(repr(float(value))):,f}"


def number_value(number: NumberFact, escape: Callable[[str], str]) -> str:
    """A number's normalised value as the numbers pane words it, or "" when it has none.

    "18,000", "21,000,000 USD", "10–19%", "0.5 pp", "2.5 km", "22:30 GMT", "4 months", "48 years",
    a period as its two ends ("1960–1969"), or a date as it is ("2015-03-02", "--10-19"; a span
    of days as its two ends).
    `escape` makes the parts that come from extraction (a date, a unit) safe for the document;
    the figures themselves are only digits, separators and a sign.
    """
    value = number.value
    if value is None:
        return ""
    if isinstance(value, str):
        if number.kind == "period":
            return escape(value.replace("/", "\u2013"))
        if number.kind == "date" and isinstance(number.high, str):  # "14 to 17 February"
            return escape(f"{value}\u2013{number.high}")
        return escape(f"{value} {number.unit}" if number.kind == "time" and number.unit else value)
    shown = figure(value)
    if isinstance(number.high, (int, float)):
        shown += "\u2013" + figure(number.high)
    if number.kind == "percent":
        return f"{shown} {escape(number.unit)}" if number.unit == "pp" else f"{shown}%"
    if number.kind in ("duration", "age") and number.unit:
        plural = "" if value == 1 and number.high is None else "s"
        return f"{shown} {escape(number.unit + plural)}"
    return f"{shown} {escape(number.unit)}" if number.unit else shown


def number_flags(number: NumberFact) -> str:
    """What the value leaves to judgment: "vague", "inferred" (a year taken from the article's
    date), or ""."""
    return "vague" if number.vague else "inferred" if number.inferred else ""


def question_context(question: Question, extraction: Extraction | None) -> str:
    """Where a question arose and whom it concerns: "¶14; concerns Iraq, United States".

    A question names its actors as they were called when it was asked; the actors are shown by
    their names now, so that a rename or a merge made since is followed.
    """
    parts = []
    if question.paragraph is not None:
        parts.append(cite([question.paragraph]))
    if question.actors:
        names = (extraction.current_name(name) if extraction else name for name in question.actors)
        parts.append("concerns " + ", ".join(dict.fromkeys(names)))
    return "; ".join(parts)


def reviewed_line(briefing: Briefing) -> str:
    """Review progress in words: "7 of 15 paragraphs reviewed"."""
    total = len(briefing.article.paragraphs)
    return f"{briefing.reviewed_count} of {counted(total, 'paragraph')} reviewed"


def footer_line(bundle: ExportBundle) -> str:
    """When and from what the export was made, for the footer of every document."""
    article = bundle.briefing.article
    origin = article.origin or article.url or "an unnamed file"  # a web page has an address, no file
    return (
        f"Made by Brief {bundle.app_version} on {bundle.generated} from {origin} "
        f"({article.format}), content hash {article.content_hash}."
    )
