"""The HTTP client against a server on 127.0.0.1 that the test starts: polite, bounded, one line per failure."""

from __future__ import annotations

import threading
import time

import pytest

from briefings.web.fetching import ACCEPT_FEED, FetchError, Fetcher, FetchPolicy, check_web_address
from briefings.web.pages import article_from_response
from tests.tools.web_content import page, story
from tests.tools.web_server import WebServer

pytestmark = pytest.mark.unit

#: Short enough for tests, long enough for a loaded 2-core machine to answer a local request.
FAST = FetchPolicy(timeout=2.0, deadline=10.0, backoff=0.01, max_bytes=2 * 1024 * 1024)


def one_line(error: pytest.ExceptionInfo[FetchError], url: str) -> str:
    message = str(error.value)
    assert message.startswith(url + ": ") and "\n" not in message
    return message


def test_a_page_and_its_type(web: WebServer) -> None:
    url = web.add("/story", page("Talks resume", story(1)), content_type="text/html; charset=UTF-8", etag='"a1"')
    with Fetcher(FAST) as fetcher:
        response = fetcher.get(url)
    assert response.status == 200 and response.content.startswith(b"<!DOCTYPE html>")
    assert (response.content_type, response.charset, response.etag) == ("text/html", "UTF-8", '"a1"')


def test_conditional_requests_get_not_modified(web: WebServer) -> None:
    url = web.add("/feed", "<rss/>", content_type="application/rss+xml", etag='"v7"', last_modified="Tue, 05 Mar 2024 10:00:00 GMT")
    with Fetcher(FAST) as fetcher:
        first = fetcher.get(url, accept=ACCEPT_FEED)
        again = fetcher.get(url, accept=ACCEPT_FEED, etag=first.etag)
        by_date = fetcher.get(url, accept=ACCEPT_FEED, last_modified=first.last_modified)
    assert not first.not_modified and again.not_modified and by_date.not_modified
    assert again.content == b"" and web.conditional["/feed"] == 2


def test_a_page_larger_than_the_cap_is_refused_from_its_length(web: WebServer) -> None:
    """A page of 50 MB: refused from its Content-Length, without reading it."""
    url = web.add("/huge", b"x" * (50 * 1024 * 1024))
    with Fetcher(FetchPolicy(timeout=5.0, backoff=0.01)) as fetcher, pytest.raises(FetchError) as error:
        fetcher.get(url)
    assert "too large (50 MB; Brief fetches up to 10 MB)" in one_line(error, url)


def test_a_page_without_end_is_cut_off_at_the_cap(web: WebServer) -> None:
    url = web.add("/endless", behaviour="endless")
    with Fetcher(FAST) as fetcher, pytest.raises(FetchError) as error:
        fetcher.get(url)
    assert "too large (more than 2 MB; stopped reading)" in one_line(error, url)


def test_redirects_are_followed_and_capped(web: WebServer) -> None:
    target = web.add("/final", page("Final", story(2)))
    web.add("/hop1", status=301, headers={"Location": "/hop2"})
    web.add("/hop2", status=302, headers={"Location": target})
    with Fetcher(FAST) as fetcher:
        assert fetcher.get(web.url("/hop1")).url == target
    for number in range(10):
        web.add(f"/chain{number}", status=302, headers={"Location": f"/chain{number + 1}"})
    with Fetcher(FAST) as fetcher, pytest.raises(FetchError) as error:
        fetcher.get(web.url("/chain0"))
    assert one_line(error, web.url("/chain0")).endswith("too many redirects (more than 5)")


def test_a_redirect_loop_is_named(web: WebServer) -> None:
    web.add("/a", status=302, headers={"Location": "/b"})
    web.add("/b", status=307, headers={"Location": "/a"})
    with Fetcher(FAST) as fetcher, pytest.raises(FetchError) as error:
        fetcher.get(web.url("/a"))
    assert one_line(error, web.url("/a")).endswith("the server redirects in a loop")
    assert web.hits["/a"] == 1 and web.hits["/b"] == 1


def test_a_redirect_away_from_the_web_is_refused(web: WebServer) -> None:
    web.add("/to-file", status=302, headers={"Location": "file:///etc/passwd"})
    with Fetcher(FAST) as fetcher, pytest.raises(FetchError) as error:
        fetcher.get(web.url("/to-file"))
    assert "redirected to an address that is not a web page" in one_line(error, web.url("/to-file"))


def test_a_server_that_never_answers_is_given_up_on(web: WebServer) -> None:
    url = web.add("/silent", behaviour="hang")
    policy = FetchPolicy(timeout=0.5, deadline=10.0, retries=1, backoff=0.01)
    started = time.monotonic()
    with Fetcher(policy) as fetcher, pytest.raises(FetchError) as error:
        fetcher.get(url)
    assert one_line(error, url).endswith("no answer within 0.5 s (tried 2 times)")
    assert time.monotonic() - started < 8  # two timeouts, not a hang
    assert web.hits["/silent"] == 2


def test_a_server_that_trickles_meets_the_deadline(web: WebServer) -> None:
    url = web.add("/slow", b"<p>" + b"a" * 500 + b"</p>", behaviour="trickle")
    with Fetcher(FetchPolicy(timeout=2.0, deadline=1.0, backoff=0.01)) as fetcher, pytest.raises(FetchError) as error:
        fetcher.get(url)
    assert "too slow (not complete after 1 s)" in one_line(error, url)


def test_passing_failures_are_retried_with_back_off(web: WebServer) -> None:
    url = web.add("/flaky", page("Flaky", story(3)), failures=2)
    with Fetcher(FAST) as fetcher:
        assert fetcher.get(url).status == 200
    assert web.hits["/flaky"] == 3
    url = web.add("/down", "never", failures=100)
    with Fetcher(FAST) as fetcher, pytest.raises(FetchError) as error:
        fetcher.get(url)
    assert one_line(error, url).endswith("the server answered 503 Service Unavailable (tried 3 times)")


def test_an_error_answer_is_not_retried(web: WebServer) -> None:
    url = web.url("/nowhere")
    with Fetcher(FAST) as fetcher, pytest.raises(FetchError) as error:
        fetcher.get(url)
    assert one_line(error, url).endswith("the server answered 404 Not Found")
    assert web.hits["/nowhere"] == 1


def test_only_web_addresses_are_fetched() -> None:
    for address in ("file:///etc/passwd", "ftp://example.org/x", "javascript:alert(1)", "/etc/passwd", "http://"):
        with pytest.raises(FetchError, match="not a web address"):
            check_web_address(address)


def test_stopping_ends_a_back_off_wait(web: WebServer) -> None:
    url = web.add("/busy", "x", failures=100)
    stop = threading.Event()
    policy = FetchPolicy(timeout=2.0, deadline=60.0, retries=5, backoff=20.0)
    with Fetcher(policy, stop=stop) as fetcher:
        threading.Timer(0.3, stop.set).start()
        started = time.monotonic()
        with pytest.raises(FetchError, match="stopped$"):
            fetcher.get(url)
    assert time.monotonic() - started < 10


@pytest.mark.parametrize(
    ("header", "encoding"),
    [("text/html; charset=iso-8859-1", "utf-8"), ("text/html; charset=utf-8", "cp1252"), ("text/html", "cp1252")],
    ids=["declares-latin1-sends-utf8", "declares-utf8-sends-cp1252", "declares-nothing"],
)
def test_a_wrong_charset_still_reads_right(web: WebServer, header: str, encoding: str) -> None:
    paragraphs = [f"Café owners in Zürich said the déjà vu was “complete”, and the fee rose by €12. {text}" for text in story(4)]
    html = page("Zürich café talks", paragraphs).replace("<meta charset='utf-8'>", "")
    url = web.add("/charset", html.encode(encoding), content_type=header)
    with Fetcher(FAST) as fetcher:
        article = article_from_response(fetcher.get(url))
    assert article.title == "Zürich café talks"
    assert article.paragraphs[0].text.startswith("Café owners in Zürich said the déjà vu was “complete”, and the fee rose by €12.")
    assert article.url == url and article.origin is None
