"""Only the article is imported: boilerplate in pages and pasted text is dropped (briefings.readers.boilerplate,
page_markup, titles), and the article's own sentences are kept, even when they mention a newsletter.

Every page and text here is written for these tests. Each kind of boilerplate is inserted into an
otherwise plain article, inside the article's own container where trafilatura keeps it, and the
test asserts that exactly the article's paragraphs come back.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.boilerplate_eval import Extracted, GoldPage, fold, score_page, totals
from briefings.readers import read_bytes, read_text
from briefings.readers.boilerplate import Block, drop_boilerplate, is_boilerplate_line, vocabulary
from briefings.readers.titles import page_title, site_names, strip_site_name

pytestmark = pytest.mark.unit

ARTICLE = [
    "The port of Kelby reopened to shipping on Monday morning, three days after a storm tore two cranes "
    "from their rails and left the main quay under a metre of water.",
    "Harbour master Anna Holm said the first container ship had docked at dawn and that the remaining "
    "berths would open gradually over the week as divers inspect them.",
    "Insurers estimate the damage at between 40 and 55 million kronor, although the final figure depends "
    "on whether the second crane can be repaired rather than replaced.",
    "Shipping companies have been told to expect delays of up to two days until Friday, the port "
    "authority said in a statement on its website.",
]


def page(inserted: str = "", *, after: int = 2, title: str = "Port reopens after storm | The Kelby Courier",
         headline: str = "<h1>Port reopens after storm</h1>", site: str = "The Kelby Courier") -> bytes:  # fmt: skip
    """A saved news page whose article has `inserted` after its paragraph number `after`."""
    paragraphs = [f"<p>{text}</p>" for text in ARTICLE]
    paragraphs.insert(after, inserted)
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>{title}</title><meta property='og:site_name' content='{site}'>"
        "<link rel='canonical' href='https://courier.example/2021/06/14/port-reopens'></head><body>"
        "<nav><a href='/'>Home</a> <a href='/news'>News</a> <a href='/sport'>Sport</a></nav>"
        f"<main><article>{headline}{''.join(paragraphs)}</article></main>"
        "<footer><a href='/about'>About us</a></footer></body></html>"
    ).encode()


def paragraphs_of(data: bytes) -> list[str]:
    return [paragraph.text for paragraph in read_bytes(data, name="page.html").paragraphs]


# --- each kind of boilerplate, in a page -------------------------------------------------------

HTML_BOILERPLATE = {
    "newsletter": ("<p>Sign up for our daily newsletter</p>", 2),
    "subscribe": ("<p>Subscribe now to get unlimited access to the Courier.</p>", 2),
    "inbox": ("<p>Get the latest harbour news sent directly to your inbox</p>", 4),
    "follow": ("<p>Follow The Kelby Courier on Twitter, Facebook and Instagram.</p>", 4),
    "read-more": ("<p>Read more: Storm damage puts harbour jobs at risk</p>", 2),
    "more": ("<p>More:</p>", 1),
    "more-headline": ("<p>MORE: Cranes to be inspected after the storm</p>", 3),
    "related": ("<p>Related: Ferry services suspended along the coast</p>", 2),
    "source": ("<p>SOURCE: Kelby Courier and news agencies</p>", 4),
    "credit": ("<p>Credit: Reuters</p>", 1),
    "photo-credit": ("<p>Illustration by Maja Lund</p>", 0),
    "contributors": ("<p>Reporting by Anna Holm in Kelby; Editing by Jonas Berg</p>", 4),
    "contributed": ("<p>Jonas Berg contributed reporting from Oslo.</p>", 4),
    "comments-heading": ("<h3>Comments</h3><p>12 comments</p>", 4),
    "comment-prompt": ("<p>Post a comment</p>", 4),
    "share": ("<p>Share this article</p><p>Print</p><p>Email</p>", 2),
    "share-buttons": ("<p>Facebook Twitter WhatsApp Email</p>", 1),
    "advertisement": ("<p>Advertisement</p>", 2),
    "story-continues": ("<p>Story continues below advertisement</p>", 2),
    "copyright": ("<p>© 2021 The Kelby Courier. All rights reserved.</p>", 4),
    "house-boilerplate": (
        "<p>The Courier is committed to publishing a diversity of letters to the editor. We'd like to hear "
        "what you think about this or any of our articles. Here are some tips.</p>",
        4,
    ),
    "promotion": (
        "<p>If you enjoyed this article, we have a proposition for you: become a member and get every story "
        "without limits, and help keep the Courier going.</p>",
        4,
    ),
    "see-tweets": ("<p>See tweets :</p>", 2),
    "separator": ("<p>___</p>", 4),
    "tags": ("<p>Tags: Storms | Shipping | Kelby</p>", 4),
    # Lists of links to other stories, in the article, named by nothing but their links.
    "related-list": (
        "<ul><li><a href='/news/ferries'>Ferry services suspended along the coast</a></li>"
        "<li><a href='/news/jobs'>Storm damage puts harbour jobs at risk</a></li>"
        "<li><a href='/news/cranes'>Cranes to be inspected after the storm</a></li></ul>",
        2,
    ),
    "related-links-paragraph": (
        "<p><a href='/news/ferries'>Ferry services suspended</a> [VIDEO] | "
        "<a href='/news/jobs'>Harbour jobs at risk</a> [INSIGHT]</p>",
        3,
    ),
    # What trails the article's last real paragraph.
    "trailing-bio": (
        "<p>Anna Holm is the Courier's harbour reporter. You can send her an e-mail or follow her on Twitter "
        "for more from the port.</p>",
        4,
    ),
    "trailing-heading": (
        "<h4>Something to consider</h4><p>If you enjoyed this article, we have a proposition for you: "
        "become a member.</p>",
        4,
    ),
    "trailing-links": ("<a href='/pages/about-reviews'>About our reviews</a>", 4),
    "trailing-contact": ("<p>Know something we don't? E-mail us at tips@courier.example</p>", 4),
}


@pytest.mark.parametrize("kind", list(HTML_BOILERPLATE), ids=list(HTML_BOILERPLATE))
def test_page_boilerplate_is_dropped_and_the_article_kept(kind: str) -> None:
    inserted, after = HTML_BOILERPLATE[kind]
    assert paragraphs_of(page(inserted, after=after)) == ARTICLE


def test_containers_the_page_names_as_boilerplate_are_pruned() -> None:
    """A comment section, a further-reading box and a newsletter box inside the article's container:
    trafilatura keeps them (their class names do not start with its words), the markup rule does not."""
    comments = "".join(
        f"<div class='visitors_comment_content'><h3>{title}</h3><p>{text}</p>"
        f"<p class='common_date'>Posted by: {name}, 14 Jun 2021 | 10:{n}0</p></div>"
        for n, (title, text, name) in enumerate(
            [
                ("Not again", "Every winter the same quay floods and every winter the council promises a new "
                 "sea wall that never gets built, while the rest of us pay for the repairs.", "Per"),
                ("Well done", "The divers did a remarkable job in freezing water and deserve far more credit "
                 "than they get from the owners of the port and the shipping companies.", "Lena"),
            ]
        )
    )  # fmt: skip
    inserted = (
        "<div class='further_reading_block'><p>Further reading</p><ul><li><h4>Storm season starts early</h4></li>"
        "<li><h4>New cranes for Kelby</h4></li></ul></div>"
        "<div class='subscription_section'><h3>Get the harbour report</h3><p>Every morning at seven, what "
        "moved in and out of Kelby overnight.</p></div>"
        f"<div class='visitors_comment_block'><p>Visitor comments</p>{comments}</div>"
    )
    assert paragraphs_of(page(inserted, after=4)) == ARTICLE


def test_a_boilerplate_name_on_the_article_itself_prunes_nothing() -> None:
    """Wrappers around the whole article can carry such names ("ad-wallpaper"): what holds the
    article's headline and paragraphs is never pruned, nor is a paragraph for its class."""
    data = page().replace(b"<main>", b"<div class='ad-wallpaper'><div class='share-wrapper'><main>")
    data = data.replace(b"</main>", b"</main></div></div>").replace(b"<p>Insurers", b"<p class='paywall'>Insurers")
    article = read_bytes(data, name="page.html")
    assert [p.text for p in article.paragraphs] == ARTICLE
    assert article.title == "Port reopens after storm"


def test_a_boilerplate_name_on_the_article_container_prunes_nothing() -> None:
    """Without the guard, the wrapper goes and the extraction finds the note below the article."""
    note = (
        "<div><p>The Kelby Courier is published every weekday by the Kelby Press Cooperative, which is "
        "owned by its readers and staff and has printed a newspaper in the town since 1887.</p></div>"
    )
    data = page().replace(b"<article>", b"<article><div class='social-wrapper'>").replace(b"</article>", b"</div></article>")
    data = data.replace(b"<footer>", note.encode() + b"<footer>").replace(b"<main>", b"").replace(b"</main>", b"")
    data = data.replace(b"<article>", b"<div class='story'>").replace(b"</article>", b"</div>")
    assert paragraphs_of(data) == ARTICLE


def test_a_named_block_that_is_a_large_part_of_the_article_stays() -> None:
    """A box inside the article's container holding half its text is the article, whatever its name."""
    data = page().replace(f"<p>{ARTICLE[2]}".encode(), f"<div class='promo-box'><p>{ARTICLE[2]}".encode())
    data = data.replace(b"</article>", b"</div></article>")
    assert paragraphs_of(data) == ARTICLE


def test_an_article_written_with_line_breaks_in_a_named_box_stays() -> None:
    """Pages without `<p>` hold their text between `<br>`s: the box with most text is the
    article's, whatever its name, even when a note elsewhere has enough words to pass for one."""
    body = "<br><br>".join(ARTICLE)
    data = (
        "<html><head><title>Port reopens after storm</title></head><body>"
        f"<div class='story social-tools'>{body}</div>"
        "<div><p>The Kelby Courier is published every weekday by the Kelby Press Cooperative, which "
        "is owned by its readers and staff and has printed a newspaper in the town since 1887.</p></div>"
        "</body></html>"
    ).encode()
    assert paragraphs_of(data)[: len(ARTICLE)] == ARTICLE


def test_article_sentences_that_mention_boilerplate_words_are_kept() -> None:
    sentences = [
        "The newsletter, which has two million subscribers, was sold on Tuesday to a rival publisher.",
        "Comments made by the minister on Tuesday angered the opposition, which called for her resignation.",
        "A source close to the investigation said the harbour master had warned the council twice.",
        "Sources said the talks would resume on Monday.",
        "Share prices fell sharply on Monday after the announcement.",
        "Follow-up talks on the Twitter account's future are planned for next week.",
        "Advertisement spending rose 4 percent last year, the industry group said.",
        "Copyright law is changing fast in Europe, and publishers are worried.",
        "More than 2,500 people have signed the petition so far this year.",
        "Related party transactions were not disclosed, the auditors found.",
        "Subscribers will get the newsletter free of charge, the publisher said.",
        "Reporting by local media suggests the toll is higher.",
        "Video from the scene showed smoke rising over the harbour.",
        "Reuters reported that the talks had stalled.",
        "Posted by a user on Reddit, the video was watched a million times.",
        "Register to vote by October 10.",
        "Thanks for your support, she told the crowd.",
        "If you value this country's traditions, vote on Sunday, the mayor said.",
        "Here are the takeaways from the hearing:",
        "Print media has been in decline for years.",
    ]
    assert [line for line in sentences if is_boilerplate_line(line)] == []
    paragraphs = paragraphs_of(page("".join(f"<p>{line}</p>" for line in sentences), after=2))
    assert paragraphs == ARTICLE[:2] + sentences + ARTICLE[2:]


def test_an_inline_link_does_not_make_a_paragraph_a_link_list() -> None:
    linked = (
        "<p>The storm was the worst since 1999, according to <a href='https://met.example/report'>the "
        "national weather service</a>, which recorded gusts of more than 120 km/h.</p>"
    )
    assert len(paragraphs_of(page(linked, after=2))) == len(ARTICLE) + 1


def test_a_heading_of_the_article_stays() -> None:
    data = page("<h2>Damage still being counted</h2>", after=2)
    assert paragraphs_of(data) == ARTICLE[:2] + ["Damage still being counted"] + ARTICLE[2:]


# --- the title ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Port reopens after storm - The Kelby Courier", "Port reopens after storm"),
        ("Port reopens after storm | The Kelby Courier", "Port reopens after storm"),
        ("Port reopens after storm -- courier.example", "Port reopens after storm"),
        ("Port reopens after storm \u2014 Kelby Courier", "Port reopens after storm"),
        ("Port reopens after storm | The Kelby Courier Business", "Port reopens after storm"),
        ("The Kelby Courier: Port reopens after storm", "Port reopens after storm"),
        ("The Kelby Courier | Local news first: Port reopens after storm", "Port reopens after storm"),
        # Nothing that reads as a headline would remain: the title stays whole.
        ("Business | The Kelby Courier", "Business | The Kelby Courier"),
        # A separator that is not before the site's name is the headline's own.
        ("Storm: Port reopens after three days", "Storm: Port reopens after three days"),
    ],
)
def test_the_site_name_is_cut_from_the_title(title: str, expected: str) -> None:
    names = site_names("The Kelby Courier", "courier.example") + ["The Kelby Courier | Local news first"]
    assert strip_site_name(title, names) == expected


def test_page_title_prefers_the_visible_headline() -> None:
    names = site_names("The Kelby Courier", "courier.example")
    # The metadata title is the headline with a kicker and the site: the headline element is it.
    assert page_title("Analysis: Port reopens after storm | The Kelby Courier", ["Port reopens after storm"], names) == (
        "Port reopens after storm"
    )
    # The headline element rewords the metadata (SEO) title: the visible one is taken.
    assert page_title("Kelby port reopens after storm", ["Storm over: Kelby port reopens"], names) == (
        "Storm over: Kelby port reopens"
    )
    # A headline element that is the title plus decoration, or another story's, is not.
    assert page_title("Port reopens after storm", ["Currently reading Port reopens after storm"], names) == (
        "Port reopens after storm"
    )
    assert page_title("Port reopens after storm", ["Ferry services suspended along the coast"], names) == (
        "Port reopens after storm"
    )


def test_page_titles_lose_the_site_name() -> None:
    for title in ("Port reopens after storm - The Kelby Courier", "The Kelby Courier: Port reopens after storm"):
        data = page(title=title, headline="")
        assert read_bytes(data, name="page.html").title == "Port reopens after storm"


def test_a_headline_element_opening_the_body_is_the_title() -> None:
    """The page's title is the site's ("News from the Courier"); the headline is a span classed
    as such, that the body opens with."""
    headline = "<p><span class='headline entry-title'>Port reopens after storm</span></p>"
    article = read_bytes(page(title="News from The Kelby Courier", headline=headline), name="page.html")
    assert article.title == "Port reopens after storm"
    assert [p.text for p in article.paragraphs] == ARTICLE


# --- text and Markdown -------------------------------------------------------------------------

TEXT_BOILERPLATE = [
    "Read more: Storm damage puts harbour jobs at risk",
    "SOURCE: Al Jazeera News",
    "Sign up for our newsletter",
    "Advertisement",
    "Share this article",
    "Follow us on Twitter and Facebook",
    "Related: Ferry services suspended along the coast",
    "More:",
    "Credit: Reuters",
    "24 Comments",
    "© 2021 The Kelby Courier. All rights reserved.",
]


@pytest.mark.parametrize("line", TEXT_BOILERPLATE, ids=TEXT_BOILERPLATE)
def test_text_boilerplate_lines_are_dropped(line: str) -> None:
    text = "Port reopens after storm\n\n" + "\n\n".join([*ARTICLE[:2], line, *ARTICLE[2:], line]) + "\n"
    article = read_text(text, name="port.txt")
    assert article.title == "Port reopens after storm"
    assert [p.text for p in article.paragraphs] == ARTICLE


def test_text_one_paragraph_per_line_with_boilerplate_lines() -> None:
    text = "\n".join(["Port reopens after storm", "", ARTICLE[0], "Advertisement", *ARTICLE[1:], "SOURCE: Reuters"])
    assert [p.text for p in read_text(text, name="port.txt").paragraphs] == ARTICLE


def test_text_trailing_promotion_is_dropped() -> None:
    bio = "Anna Holm covers the port for the Courier. Follow her on Twitter for updates from the quay."
    text = "\n\n".join(["Port reopens after storm", *ARTICLE, bio])
    assert [p.text for p in read_text(text, name="port.txt").paragraphs] == ARTICLE


def test_a_last_paragraph_appealing_to_readers_is_the_article() -> None:
    appeal = (
        "Police said the two men had been seen near the quay shortly before midnight. \"Anyone who saw "
        "them should e-mail us or call 101,\" Chief Inspector Lars Dahl said, adding that the "
        "investigation was expected to take several weeks as divers search the harbour floor for the "
        "missing equipment and officers review footage from the cameras along the coast road and at the "
        "ferry terminal."
    )
    text = "\n\n".join(["Port reopens after storm", *ARTICLE, appeal])
    assert [p.text for p in read_text(text, name="port.txt").paragraphs] == [*ARTICLE, appeal]


def test_text_of_nothing_but_boilerplate_is_kept_whole() -> None:
    """The rules misread such a file more likely than it holds no article: it is not refused."""
    article = read_text("Advertisement\n\nComments\n", name="odd.txt")
    assert [article.title, *(p.text for p in article.paragraphs)] == ["Advertisement", "Comments"]


def test_markdown_boilerplate_and_link_lists_are_dropped() -> None:
    text = "\n\n".join(
        [
            "# Port reopens after storm",
            ARTICLE[0],
            "**Read more:** [Storm damage puts harbour jobs at risk](https://courier.example/jobs)",
            ARTICLE[1],
            "- [Ferry services suspended](https://courier.example/ferries)\n- [Cranes to be inspected](https://courier.example/cranes)",
            ARTICLE[2],
            ARTICLE[3],
            "## Comments",
            "*Sign up for our newsletter*",
        ]
    )
    article = read_text(text, name="port.md", format="markdown")
    assert article.title == "Port reopens after storm"
    assert [p.text for p in article.paragraphs] == ARTICLE


def test_markdown_list_of_prose_with_a_link_stays() -> None:
    item = "- The [weather service](https://met.example) recorded gusts of more than 120 km/h on Friday night."
    text = "\n\n".join(["# Port reopens after storm", ARTICLE[0], item, ARTICLE[1]])
    paragraphs = [p.text for p in read_text(text, name="port.md", format="markdown").paragraphs]
    assert paragraphs[1] == "The weather service recorded gusts of more than 120 km/h on Friday night."


# --- the rules themselves -----------------------------------------------------------------------

MORE_BOILERPLATE_LINES = [
    "(Photo: Getty Images)",
    "Image copyright Getty Images",
    "AP Photo/Uncredited",
    "ADVERTISEMENT - CONTINUE READING BELOW",
    "Click to share on Twitter (Opens in new window)",
    "Like this:",
    "Loading...",
    "Get our free newsletter: the day's top stories in your inbox every morning. Sign up",
    "By signing up, you agree to our Terms of Use and Privacy Policy.",
    "Enter your email address",
    "Download our free app",
    "Read the full article",
    "Follow @kelbycourier",
    "1.1k Shares",
    "You must be logged in to post a comment.",
    "Leave a Reply",
    "Got a tip? Send it to tips@courier.example",
    "Terms of Use | Privacy Policy",
    "Sign up for notifications from the Courier!",
    "Follow the Courier's full coverage of the storm at https://courier.example/storm",
    "Reach the reporter on Twitter at @annaholm",
    "(Reporting by Anna Holm in Kelby; Editing by Jonas Berg)",
    "Associated Press writers Anna Holm and Jonas Berg in Kelby contributed to this report.",
    "This material may not be published, broadcast, rewritten or redistributed.",
    "You may like these posts",
    "Related Stories",
    "More from the Courier",
    "Most Read",
    "DON'T MISS",
    "Supported by",
    "Topics: Storms, Shipping, Kelby",
]


@pytest.mark.parametrize("line", MORE_BOILERPLATE_LINES, ids=MORE_BOILERPLATE_LINES)
def test_boilerplate_line_shapes(line: str) -> None:
    assert is_boilerplate_line(line)


def test_ordinary_sentences_of_those_shapes_are_kept() -> None:
    sentences = [
        "Loading the ships took three days.",
        "Top officials met on Monday.",
        "Your email to the minister was forwarded to the police, the court heard.",
        "Photos of the damage were shared widely on social media.",
        "Photo by photo, the exhibition traces the harbour's history.",
        "Read the full report, he urged the committee, before voting.",
        "Like this one, most of the cranes were built in the 1970s.",
        "Try the app for yourself, she said.",
        "More from the minister is expected on Tuesday.",
        "The report may not be published until after the election, officials said.",
        "The company is committed to publishing its emissions data by 2025, a spokesman said.",
        "Already a member of NATO, Finland has doubled its defence budget.",
        "Open discussion is vital, the minister said.",
        "Three factors contributed to this report being withdrawn.",
        "Police will follow them at every stage, the chief said.",
        "AP and Reuters reported that troops withdrew from the town.",
        "Discussion",
    ]
    assert [line for line in sentences if is_boilerplate_line(line)] == []



def test_every_pattern_group_is_anchored_and_bounded() -> None:
    """A group drops whole short lines only: its shape said again inside a long sentence, or at
    more than its word limit, is kept."""
    for group in vocabulary().lines:
        assert group.max_words <= 120
        assert not group.matches("x " * group.max_words + "x", group.max_words + 1)
        assert not group.matches("The harbour reopened.", 3), group.kind
    assert is_boilerplate_line("Sign up for our newsletter")
    assert not is_boilerplate_line("Residents who sign up for our newsletter will get the port's tide tables, the council said.")
    long_prompt = "Sign up for our newsletter " + "and get the tide tables " * 8
    assert not is_boilerplate_line(long_prompt)


def test_a_heading_whose_section_was_dropped_goes_with_it() -> None:
    blocks = [
        Block("p", ARTICLE[0]),
        Block("h3", "More coverage of the storm season"),
        Block("item", "Ferry services suspended", 1.0, 1),
        Block("item", "Harbour jobs at risk", 1.0, 1),
        Block("h2", "Damage still being counted"),
        Block("p", ARTICLE[1]),
    ]
    assert [block.text for block in drop_boilerplate(blocks)] == [ARTICLE[0], "Damage still being counted", ARTICLE[1]]


def test_snippet_measure() -> None:
    """The benchmark's measure, on a case whose answer is known by hand."""
    gold = GoldPage("p.html", Path("p.html.gz"), "Port  reopens", ("harbour MASTER said", "not there"), ("Sign up", "Share"))
    extracted = Extracted("The Harbour master\nsaid so.\nSign up now", "Port reopens")
    scored = score_page(gold, extracted)
    # Case and whitespace (paragraph breaks too) are folded; the title only has its spaces folded.
    assert (scored.found, scored.kept, scored.title_right) == (("harbour MASTER said",), ("Sign up",), True)
    assert totals([scored, score_page(gold, Extracted("", "port reopens"))]) == (0.25, 0.25, 0.5)
    assert fold("A\u00a0 B\n\nC") == "a b c"


def test_readers_comments_signed_with_a_name_and_a_place_are_dropped_from_a_text_file() -> None:
    text = (
        "Cartoon comes to the big screen\n\n"
        "The film opens next week in London, the studio said on Friday.\n\n"
        "It is out in the UK on 11 February.\n\n"
        "How about bringing another old show to the big screen? It would be great.\n\n"
        "John, London\n\n"
        "I loved the series as a child and cannot wait.\n\n"
        "Maria Lopez, Leeds, UK\n"
    )
    article = read_bytes(text.encode(), name="cartoon.txt")
    assert [p.text for p in article.paragraphs] == [
        "The film opens next week in London, the studio said on Friday.",
        "It is out in the UK on 11 February.",
    ]


def test_a_single_name_and_place_line_in_an_article_is_kept() -> None:
    text = "A title\n\nThe mayor spoke first.\n\nJohn Smith, Leeds\n\nHe said the plan would go ahead.\n"
    article = read_bytes(text.encode(), name="a.txt")
    assert "John Smith, Leeds" in [p.text for p in article.paragraphs]
