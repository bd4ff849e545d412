"""The Markdown export: a briefing a reader can use as it is, or paste into a wiki or a report.

Every piece of article and analyst text goes through `inline` or `block`, which escape it so that
it reads the same in any CommonMark or GitHub renderer: no heading, list, quote, table, code, link,
emphasis or raw HTML can come out of someone else's words.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from briefings.exporters import view
from briefings.exporters.bundle import ExportBundle
from briefings.wording import counted

# Characters that mean something anywhere in a line (`$` starts maths on GitHub).
_ANYWHERE = str.maketrans(
    {
        "\\": "\\\\",
        "`": "\\`",
        "*": "\\*",
        "_": "\\_",
        "[": "\\[",
        "]": "\\]",
        "|": "\\|",
        "~": "\\~",
        "#": "\\#",
        "$": "\\$",
    }
)
# `&` and `<` mean something only before what would make a named entity ("&amp;"; a numeric
# one cannot form, its `#` is escaped) or raw HTML and autolinks ("<b>", "</p>", "<!--", "<?",
# "<https:…>"): only there are they escaped, with a backslash, so that "AT&T" and "a < b" stay
# as written. Markdown is escaped for Markdown only: an HTML entity in a Markdown file is what a
# reader of the file itself would have to decode.
_ENTITY_OR_TAG = re.compile(r"&(?=[A-Za-z][A-Za-z0-9]{0,31};)|<(?=[A-Za-z/!?])")
# What means something only at the start of a line: quotes, list bullets, setext underlines,
# ordered lists.
_LINE_MARK = re.compile(r"^([->+=])")
_ORDERED = re.compile(r"^(\d+)([.)])")
_NO_BREAK_SPACE = "\u00a0"


def _escape_line(line: str) -> str:
    line = _ENTITY_OR_TAG.sub(lambda match: "\\" + match.group(), line.translate(_ANYWHERE))
    line = _LINE_MARK.sub(r"\\\1", line)
    return _ORDERED.sub(r"\1\\\2", line)


def inline(text: str) -> str:
    """Untrusted text as one line of literal Markdown: for titles, table cells and list heads."""
    return _escape_line(view.one_line(text))


def _indented_line(line: str) -> str:
    width, text = view.indentation(line)
    return _NO_BREAK_SPACE * width + _escape_line(text)


def block(text: str) -> list[str]:
    """Untrusted multi-line text as literal Markdown lines; blank lines separate paragraphs.

    Lines inside a paragraph end in a hard break (two spaces), so line breaks the analyst typed
    survive. The caller prefixes every line (for a quote or a list item).

    A line's indentation is written as no-break spaces (U+00A0), one for each space. Renderers
    drop leading ASCII spaces, and four of them would open an indented code block, but a no-break
    space is text to CommonMark: the indentation shows as typed, and the line is still escaped as
    the start of a line ("    - item" is an indented "- item", not a list).
    """
    lines: list[str] = []
    for paragraph in view.blocks(text):
        if lines:
            lines.append("")
        escaped = [_indented_line(line) for line in paragraph]
        lines.extend(line + "  " for line in escaped[:-1])
        lines.append(escaped[-1])
    return lines


def _prefixed(lines: list[str], first: str, rest: str) -> list[str]:
    """Lines with `first` before the first and `rest` before the others (trailing space trimmed)."""
    prefixed = []
    for number, line in enumerate(lines):
        prefix = first if number == 0 else rest
        prefixed.append(prefix + line if line else prefix.rstrip(" "))
    return prefixed


def _url(url: str) -> str:
    return f"<{url}>" if view.is_web_address(url) else inline(url)


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    """A GitHub table; cells must already be escaped."""
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    lines.extend("| " + " | ".join(cell or " " for cell in row) + " |" for row in rows)
    return lines


def _metadata(bundle: ExportBundle) -> list[str]:
    article = bundle.briefing.article
    grade = bundle.briefing.summary.grade
    items = [
        ("Source", inline(article.source) if article.source else ""),
        ("Published", article.date.isoformat() if article.date else ""),
        ("By", inline(article.byline) if article.byline else ""),
        ("Address", _url(article.url) if article.url else ""),
        ("Source grade", f"{grade.code} ({grade.description})" if grade.code else "not graded"),
        ("Review", view.reviewed_line(bundle.briefing)),
        ("Analysts", inline(view.analysts(bundle))),
    ]
    return [f"- **{label}:** {value}" for label, value in items if value]


def _summary_sections(bundle: ExportBundle, level: str) -> list[str]:
    summary, article = bundle.briefing.summary, bundle.briefing.article
    found = view.attribution(bundle)
    lines: list[str] = []
    if summary.bluf:
        lines += [f"{level} Bottom line up front", "", *block(summary.bluf), ""]
    if summary.judgments:
        lines += [f"{level} Key judgments", ""]
        for number, judgment in enumerate(summary.judgments, start=1):
            indent = " " * len(f"{number}. ")
            facts = [view.likelihood_label(judgment), view.confidence_label(judgment)]
            if judgment.paragraphs:
                facts.append("rests on " + view.cite(judgment.paragraphs) + view.cite_pages(article, judgment.paragraphs))
            if by := view.judged_by(found, judgment):
                facts.append(inline(by))
            lines += _prefixed(block(judgment.text) or ["(no text)"], f"{number}. ", indent)
            lines += ["", indent + "*" + " · ".join(facts) + "*", ""]
    return lines


def _extraction_sections(bundle: ExportBundle, level: str) -> list[str]:
    extraction = bundle.extraction
    if extraction is None:
        return []
    lines: list[str] = []
    if extraction.actors:
        rows = []
        for actor in extraction.actors:
            name = inline(actor.name)
            if actor.aliases:
                name += " (also " + ", ".join(inline(alias) for alias in actor.aliases) + ")"
            rows.append([name, inline(actor.kind), inline(actor.role), str(actor.count), view.cite(actor.paragraphs)])
        lines += [f"{level} Actors", "", *_table(["Actor", "Kind", "Role", "Mentions", "Paragraphs"], rows), ""]
    if extraction.places:
        rows = [[inline(place.name), str(place.count), view.cite(place.paragraphs)] for place in extraction.places]
        lines += [f"{level} Places", "", *_table(["Place", "Mentions", "Paragraphs"], rows), ""]
    if extraction.numbers:
        rows = []
        for number in extraction.numbers:
            value = view.number_value(number, inline)
            if flags := view.number_flags(number):
                value = f"{value} ({flags})".strip()
            rows.append(
                [inline(number.text), inline(number.counts), inline(number.kind), value, view.cite(number.paragraphs)]
            )
        lines += [f"{level} Numbers", "", *_table(["Figure", "What it counts", "Kind", "Value", "Paragraph"], rows), ""]
    return lines


def _questions_section(bundle: ExportBundle, level: str) -> list[str]:
    questions = list(bundle.briefing.questions.values())
    if not questions:
        return []
    lines = [f"{level} Open questions", ""]
    for question in questions:
        head = f"- **{question.status.capitalize()}:** {inline(question.text)}"
        context = view.question_context(question, bundle.extraction)
        lines += [head + (f" ({inline(context)})" if context else ""), ""]
        answer, source = view.shown_answer(question)
        if answer:
            lines += [*_prefixed(block(answer), "  *Answer:* ", "  "), ""]
        if source:
            lines += ["  *Source of the answer:* " + inline(source), ""]
    return lines


def _quoted(paragraph: view.QuotedParagraph) -> list[str]:
    lines = _prefixed(block(paragraph.text), f"> **{paragraph.label}** ", "> ")
    lines.append("")
    if paragraph.tags:
        lines += ["*tagged " + ", ".join(inline(tag.name) for tag in paragraph.tags) + "*", ""]
    if paragraph.note:
        lines += [*_prefixed(block(paragraph.note), "**Note:** ", ""), ""]
    if paragraph.who:
        lines += ["*" + inline(paragraph.who) + "*", ""]
    return lines


def _paragraph_sections(bundle: ExportBundle, level: str) -> list[str]:
    """The tagged and noted paragraphs, in article order, each once with all its tags; before
    them, each tag with the paragraphs that carry it."""
    paragraphs = view.marked_paragraphs(bundle)
    if not paragraphs:
        return []
    lines = [f"{level} Tagged and noted paragraphs", ""]
    index = view.tag_index(bundle)
    if index:
        lines += ["; ".join(f"**{inline(tag.name)}** {view.cite(cited)}" for tag, cited in index), ""]
    for paragraph in paragraphs:
        lines += _quoted(paragraph)
    return lines


def _orphans_section(bundle: ExportBundle, level: str) -> list[str]:
    orphans = bundle.briefing.orphans
    if not orphans:
        return []
    lines = [
        f"{level} Orphaned annotations",
        "",
        "These were made on paragraphs that could not be found again when the article was re-imported.",
        "",
    ]
    for orphan in orphans:
        annotation = orphan.annotation
        lines += _prefixed(block(orphan.anchor.quote), f"> **was ¶{orphan.anchor.index + 1}** ", "> ")
        lines.append("")
        if link := view.lost_link(bundle, orphan):
            lines += [f"*{inline(link)}*", ""]
        if annotation.tags:
            lines += [
                "*tagged " + ", ".join(inline(name) for name in view.tag_names(bundle, annotation.tags)) + "*",
                "",
            ]
        if annotation.note:
            lines += [*_prefixed(block(annotation.note), "**Note:** ", ""), ""]
    return lines


def briefing_lines(bundle: ExportBundle, level: int = 1, anchor: str = "") -> list[str]:
    """The briefing as Markdown lines, its title at heading `level` (a digest nests it one deeper).

    Args:
        bundle: What to export.
        level: The heading level of the title; sections are one level below.
        anchor: An id to put before the title, so that a table of contents can link to it.
    """
    summary = bundle.briefing.summary
    title = "#" * level
    section = "#" * (level + 1)
    lines = [f'<a id="{anchor}"></a>', ""] if anchor else []
    lines += [f"{title} {inline(bundle.briefing.article.title)}", "", *_metadata(bundle), ""]
    # The analyst's work first, then what extraction found.
    lines += _summary_sections(bundle, section)
    if summary.comments:
        lines += [f"{section} Analyst comments", "", *block(summary.comments), ""]
    lines += _questions_section(bundle, section)
    lines += _paragraph_sections(bundle, section)
    lines += _orphans_section(bundle, section)
    lines += _extraction_sections(bundle, section)
    return lines


def render(bundle: ExportBundle) -> str:
    """One briefing as a Markdown document, with a footer saying how it was made."""
    lines = briefing_lines(bundle)
    lines += ["---", "", "*" + inline(view.footer_line(bundle)) + "*"]
    return "\n".join(lines) + "\n"


def render_digest(bundles: Sequence[ExportBundle], title: str, generated: str) -> str:
    """Several briefings in one Markdown document, with a table of contents that links to each."""
    count = counted(len(bundles), "briefing")
    lines = [f"# {inline(title)}", "", f"*{count}, made on {inline(generated)}.*", "", "## Contents", ""]
    for number, bundle in enumerate(bundles, start=1):
        article = bundle.briefing.article
        extra = " · ".join(
            part
            for part in (
                inline(article.source) if article.source else "",
                article.date.isoformat() if article.date else "",
                bundle.briefing.summary.grade.code,
            )
            if part
        )
        entry = f"{number}. [{inline(article.title)}](#briefing-{number})"
        lines.append(entry + (f" — {extra}" if extra else ""))
    lines.append("")
    for number, bundle in enumerate(bundles, start=1):
        lines += ["---", "", *briefing_lines(bundle, level=2, anchor=f"briefing-{number}")]
        lines += ["*" + inline(view.footer_line(bundle)) + "*", ""]
    return "\n".join(lines)
