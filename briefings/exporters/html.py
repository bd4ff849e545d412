"""The HTML export: one self-contained page, readable on screen and on paper.

The page loads nothing: no script, font, image or stylesheet from anywhere, and a
Content-Security-Policy that forbids them even if some text slipped through. Every piece of
article and analyst text passes through `_line` or `_blocks` (or `_address`), which escape it with
`html.escape(quote=True)`; only http(s) addresses ever become links.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from briefings.exporters import view
from briefings.exporters.bundle import ExportBundle
from briefings.exporters.html_style import STYLE
from briefings.summary import LIKELIHOODS, Judgment
from briefings.taxonomy import Tag
from briefings.wording import counted

CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"


def _line(text: str) -> str:
    """Untrusted text, escaped, on one line."""
    return html.escape(view.one_line(text), quote=True)


def _indented_line(line: str) -> str:
    """One line of a block, escaped; its indentation as no-break spaces, which a browser keeps."""
    width, text = view.indentation(line)
    return "&nbsp;" * width + html.escape(text, quote=True)


def _blocks(text: str, first: str = "") -> str:
    """Untrusted multi-line text as <p> elements, typed line breaks and indentation kept; `first` (markup) leads."""
    paragraphs = ["<p>" + "<br>".join(_indented_line(line) for line in lines) + "</p>" for lines in view.blocks(text)]
    if first:
        paragraphs = paragraphs or ["<p></p>"]
        paragraphs[0] = "<p>" + first + paragraphs[0][3:]
    return "\n".join(paragraphs)


def _cite(indices: Sequence[int]) -> str:
    """Paragraph citations that wrap between items, never inside one ("¶7–11")."""
    return ", ".join(f'<span class="cite">{item}</span>' for item in view.cite(indices).split(", ")) if indices else ""


def _address(url: str) -> str:
    """The article's address: a link only when it is a plain http(s) address, otherwise text."""
    if view.is_web_address(url):
        escaped = html.escape(url, quote=True)
        return f'<a href="{escaped}" rel="noopener noreferrer">{escaped}</a>'
    return f'<span class="address">{_line(url)}</span>'


def _page(title: str, body: str, generator: str) -> str:
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        '<meta name="referrer" content="no-referrer">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="Brief {_line(generator)}">\n'
        f"<title>{title}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n{body}</body>\n</html>\n"
    )


def _metadata(bundle: ExportBundle) -> str:
    article = bundle.briefing.article
    grade = bundle.briefing.summary.grade
    rows = []
    if article.source:
        rows.append(("Source", _line(article.source)))
    if article.date:
        rows.append(("Published", f'<time datetime="{article.date.isoformat()}">{article.date.isoformat()}</time>'))
    if article.byline:
        rows.append(("By", _line(article.byline)))
    if article.url:
        rows.append(("Address", _address(article.url)))
    if grade.code:
        rows.append(("Source grade", f'<span class="grade">{grade.code}</span> {_line(grade.description)}'))
    else:
        rows.append(("Source grade", "not graded"))
    rows.append(("Review", view.reviewed_line(bundle.briefing)))
    if analysts := view.analysts(bundle):
        rows.append(("Analysts", _line(analysts)))
    items = "".join(f"<div><dt>{label}</dt><dd>{value}</dd></div>" for label, value in rows)
    return f'<dl class="meta">{items}</dl>'


def _scale(judgment: Judgment) -> str:
    """The seven steps of the likelihood scale with the judgment's step filled, as a small bar."""
    steps = "".join('<i class="on"></i>' if step.id == judgment.likelihood else "<i></i>" for step in LIKELIHOODS)
    return f'<span class="scale" aria-hidden="true">{steps}</span>'


def _judgments(bundle: ExportBundle, h: str) -> str:
    judgments = bundle.briefing.summary.judgments
    if not judgments:
        return ""
    found = view.attribution(bundle)
    items = []
    for judgment in judgments:
        facts = [
            f'<span class="likelihood">{_scale(judgment)} {view.likelihood_label(judgment)}</span>',
            f"<span>{view.confidence_label(judgment)}</span>",
        ]
        if judgment.paragraphs:
            pages = view.cite_pages(bundle.briefing.article, judgment.paragraphs)
            facts.append(f"<span>rests on {_cite(judgment.paragraphs)}{pages}</span>")
        if by := view.judged_by(found, judgment):
            facts.append(f'<span class="who">{_line(by)}</span>')
        items.append(f'<li>{_blocks(judgment.text) or "<p>(no text)</p>"}\n<p class="facts">{" ".join(facts)}</p></li>')
    return f'<section class="judgments"><{h}>Key judgments</{h}>\n<ol>\n' + "\n".join(items) + "\n</ol></section>\n"


def _table(caption: str, h: str, header: Sequence[str], rows: Sequence[Sequence[str]], classes: dict[int, str]) -> str:
    """A table section; cells must already be escaped; `classes` styles columns ("num", "short")."""

    def cells(tag: str, row: Sequence[str], extra: str = "") -> str:
        return "".join(
            f'<{tag} class="{classes[i]}"{extra}>{cell}</{tag}>' if i in classes else f"<{tag}{extra}>{cell}</{tag}>"
            for i, cell in enumerate(row)
        )

    head = cells("th", header, ' scope="col"')
    body = "\n".join(f"<tr>{cells('td', row)}</tr>" for row in rows)
    return (
        f"<section><{h}>{caption}</{h}>\n<table>\n<thead><tr>{head}</tr></thead>\n"
        f"<tbody>\n{body}\n</tbody>\n</table></section>\n"
    )


def _extraction(bundle: ExportBundle, h: str) -> str:
    extraction = bundle.extraction
    if extraction is None:
        return ""
    parts = []
    if extraction.actors:
        rows = []
        for actor in extraction.actors:
            name = f"<b>{_line(actor.name)}</b>"
            if actor.aliases:
                name += '<br><span class="aside">also ' + ", ".join(_line(alias) for alias in actor.aliases) + "</span>"
            rows.append([name, _line(actor.kind), _line(actor.role), str(actor.count), _cite(actor.paragraphs)])
        parts.append(
            _table("Actors", h, ["Actor", "Kind", "Role", "Mentions", "Paragraphs"], rows, {1: "short", 3: "num"})
        )
    if extraction.places:
        rows = [[_line(place.name), str(place.count), _cite(place.paragraphs)] for place in extraction.places]
        parts.append(_table("Places", h, ["Place", "Mentions", "Paragraphs"], rows, {1: "num"}))
    if extraction.numbers:
        rows = []
        for number in extraction.numbers:
            value = view.number_value(number, _line)
            if flags := view.number_flags(number):
                value = f'{value} <span class="aside">{flags}</span>'.strip()
            rows.append(
                [
                    f"<b>{_line(number.text)}</b>",
                    _line(number.counts),
                    _line(number.kind),
                    value,
                    _cite(number.paragraphs),
                ]
            )
        parts.append(
            _table("Numbers", h, ["Figure", "What it counts", "Kind", "Value", "Paragraph"], rows, {2: "short"})
        )
    return "".join(parts)


def _questions(bundle: ExportBundle, h: str) -> str:
    questions = list(bundle.briefing.questions.values())
    if not questions:
        return ""
    items = []
    for question in questions:
        context = view.question_context(question, bundle.extraction)
        head = (
            f'<p class="question"><span class="status {question.status}">{question.status}</span> '
            f"<b>{_line(question.text)}</b>"
            + (f' <span class="aside">{_line(context)}</span>' if context else "")
            + "</p>"
        )
        answer, source = view.shown_answer(question)
        answer = _blocks(answer, "<b>Answer:</b> ") if answer else ""
        source = f'<p class="aside">Source of the answer: {_line(source)}</p>' if source else ""
        items.append(f'<li class="{question.status}">{head}{answer}{source}</li>')
    return f'<section class="questions"><{h}>Open questions</{h}>\n<ul>\n' + "\n".join(items) + "\n</ul></section>\n"


def _chips(tags: Sequence[Tag]) -> str:
    """Tags as small chips in their colours."""
    return " ".join(f'<span class="chip" style="--tag: {view.css_colour(tag.colour)}">{_line(tag.name)}</span>' for tag in tags)


def _quoted(paragraph: view.QuotedParagraph, label: str = "") -> str:
    """A quoted paragraph with its number and page (or `label`), its tags and its note."""
    number = label or paragraph.label
    colour = f' style="--tag: {view.css_colour(paragraph.tags[0].colour)}"' if paragraph.tags else ""
    quote = _blocks(paragraph.text, f'<span class="pnum">{number}</span>')
    caption = f'<p class="aside">tagged {_chips(paragraph.tags)}</p>' if paragraph.tags else ""
    if paragraph.note:
        caption += f'<div class="note">{_blocks(paragraph.note, "<b>Note:</b> ")}</div>'
    if paragraph.who:
        caption += f'<p class="aside who">{_line(paragraph.who)}</p>'
    return f'<figure class="quote"{colour}><blockquote>{quote}</blockquote>{caption}</figure>\n'


def _paragraphs(bundle: ExportBundle, h: str) -> str:
    """The tagged and noted paragraphs, in article order, each once with all its tags; before
    them, each tag with the paragraphs that carry it."""
    paragraphs = view.marked_paragraphs(bundle)
    if not paragraphs:
        return ""
    index = "; ".join(f"{_chips([tag])} {_cite(cited)}" for tag, cited in view.tag_index(bundle))
    parts = [f'<section class="tagged"><{h}>Tagged and noted paragraphs</{h}>\n']
    if index:
        parts.append(f'<p class="aside tag-index">{index}</p>\n')
    parts.extend(_quoted(paragraph) for paragraph in paragraphs)
    parts.append("</section>\n")
    return "".join(parts)


def _orphans(bundle: ExportBundle, h: str) -> str:
    if not bundle.briefing.orphans:
        return ""
    parts = [
        f'<section class="orphans"><{h}>Orphaned annotations</{h}>\n'
        '<p class="aside">These were made on paragraphs that could not be found again when the article was '
        "re-imported.</p>\n"
    ]
    for orphan in bundle.briefing.orphans:
        tags = tuple(tag for tag in view.taxonomy_order(bundle) if tag.id in orphan.annotation.tags)
        note = orphan.annotation.note or view.lost_link(bundle, orphan)
        quoted = view.QuotedParagraph(orphan.anchor.index + 1, orphan.anchor.quote, note, tags)
        parts.append(_quoted(quoted, f"was ¶{orphan.anchor.index + 1}"))
    parts.append("</section>\n")
    return "".join(parts)


def briefing_html(bundle: ExportBundle, level: int = 1, anchor: str = "") -> str:
    """The briefing as an <article> element, its title at heading `level`, sections one below.

    Args:
        bundle: What to export.
        level: The heading level of the title (a digest nests briefings one level deeper).
        anchor: The element id, so that a table of contents can link to it.
    """
    h1, h2 = f"h{level}", f"h{level + 1}"
    summary = bundle.briefing.summary
    ident = f' id="{anchor}"' if anchor else ""
    parts = [
        f'<article class="briefing"{ident}>\n<header>\n<p class="kicker">Briefing</p>\n',
        f"<{h1}>{_line(bundle.briefing.article.title)}</{h1}>\n{_metadata(bundle)}\n</header>\n",
    ]
    # The analyst's work first, then what extraction found.
    if summary.bluf:
        parts.append(f'<section class="bluf"><{h2}>Bottom line up front</{h2}>\n{_blocks(summary.bluf)}</section>\n')
    parts.append(_judgments(bundle, h2))
    if summary.comments:
        parts.append(
            f'<section class="comments"><{h2}>Analyst comments</{h2}>\n{_blocks(summary.comments)}</section>\n'
        )
    parts.append(_questions(bundle, h2))
    parts.append(_paragraphs(bundle, h2))
    parts.append(_orphans(bundle, h2))
    parts.append(_extraction(bundle, h2))
    parts.append(f"<footer>{_line(view.footer_line(bundle))}</footer>\n</article>\n")
    return "".join(parts)


def render(bundle: ExportBundle) -> str:
    """One briefing as a self-contained HTML page."""
    title = _line(bundle.briefing.article.title) + " — briefing"
    return _page(title, f"<main>\n{briefing_html(bundle)}</main>\n", bundle.app_version)


def render_digest(bundles: Sequence[ExportBundle], title: str, generated: str) -> str:
    """Several briefings in one page, with a table of contents that links to each."""
    entries = []
    for number, bundle in enumerate(bundles, start=1):
        article = bundle.briefing.article
        extra = " · ".join(
            part
            for part in (
                _line(article.source) if article.source else "",
                article.date.isoformat() if article.date else "",
                bundle.briefing.summary.grade.code,
            )
            if part
        )
        entries.append(
            f'<li><a href="#briefing-{number}">{_line(article.title)}</a>'
            + (f' <span class="aside">{extra}</span>' if extra else "")
            + "</li>"
        )
    count = counted(len(bundles), "briefing")
    header = (
        f'<header class="digest">\n<p class="kicker">Digest</p>\n<h1>{_line(title)}</h1>\n'
        f'<p class="aside">{count}, made on {_line(generated)}.</p>\n'
        f'<nav aria-label="Contents"><h2>Contents</h2>\n<ol>\n' + "\n".join(entries) + "\n</ol></nav>\n</header>\n"
    )
    body = "".join(briefing_html(bundle, level=2, anchor=f"briefing-{n}") for n, bundle in enumerate(bundles, start=1))
    return _page(_line(title), f'<main class="digest">\n{header}{body}</main>\n', bundles[0].app_version)
