"""A cookie-consent banner's text and read-time lines that trafilatura's body keeps among the article's blocks,
through the API (POST, run, GET): they go wherever they stand; text about cookies, consent or reading times stays
(extractor/pipeline/article/notices.py).
"""

from __future__ import annotations

import time

import pytest
from lxml import etree

from extractor.pipeline.article.notices import drop_consent_notices, drop_read_times
from tests.helpers import extract_through_api

pytestmark = pytest.mark.django_db

PARAGRAPH = (
    "<p>Step {} of the project: cut the maple board to length, plane both faces flat, and mark the joints with a "
    "knife so the saw has a clean line to follow when you start the dovetails.</p>"
)

# a GDPR plugin's consent bar and settings dialog, printed after the page builder's content (the page has no
# <article> or <main>, so trafilatura's recall pass reads the whole <body> and keeps the banner's lines)
BANNER = (
    '<div id="consent-bar"><span><div class="bar-container"><div class="bar-message">We use cookies on our website to '
    "give you the most relevant experience by remembering your preferences and repeat visits. By clicking "
    '"Accept", you consent to the use of ALL the cookies.</div><div class="btn-container"><a role="button" '
    'class="settings-button">Cookie settings</a><a role="button" class="accept-btn">ACCEPT</a></div></div></span>'
    '</div><div class="modal" id="settings-popup" role="dialog"><div class="modal-body">'
    '<div class="tab-section"><div class="tab-header"><a role="button" class="nav-link">Privacy Overview</a></div>'
    '<div class="tab-content"><div class="description">This website uses cookies to improve your experience while '
    "you navigate through the website. Out of these, the cookies that are categorized as necessary are stored on your "
    "browser as they are essential for the working of basic functionalities of the website.</div></div></div>"
    '<div class="tab-section"><div class="tab-header"><a role="button" class="nav-link">Necessary</a></div>'
    '<div class="tab-content"><div class="description">Necessary cookies are absolutely essential for the website to '
    "function properly. These cookies ensure basic functionalities and security features of the website, "
    "anonymously.</div></div></div></div></div>"
)


def through_api(xkey, html: str) -> dict:
    return extract_through_api(xkey, {"type": "article", "content": html, "url": "https://example.com/projects/box"})[
        "data"
    ]


def page(before: str = "", after: str = "", steps: int = 6) -> str:
    """A page builder's page (no <article>, no <main>): the headline and text in widgets, ``after`` behind them."""
    text = "".join(PARAGRAPH.format(i) for i in range(1, steps + 1))
    title = "A keepsake box from offcuts"
    return (
        f"<html><head><title>{title}</title></head><body>"
        '<div data-elementor-type="wp-page" class="elementor"><section class="elementor-section elementor-top-section">'
        '<div class="elementor-container"><div class="elementor-column elementor-col-100"><div class="elementor-widget-wrap">'
        '<div class="elementor-widget elementor-widget-heading"><div class="elementor-widget-container">'
        f'<h1 class="elementor-heading-title">{title}</h1></div></div>'
        '<div class="elementor-widget elementor-widget-text-editor"><div class="elementor-widget-container">'
        f"{before}{text}</div></div></div></div></div></section></div>{after}</body></html>"
    )


def test_a_consent_banner_after_the_article_goes(xkey):
    data = through_api(xkey, page(after=BANNER))
    text = data["text"]
    for words in ("We use cookies", "Cookie settings", "This website uses cookies", "Necessary cookies"):
        assert words not in text
    assert text.startswith("Step 1 of the project") and text.endswith("start the dovetails.")


def test_a_consent_banner_in_french_goes(xkey):
    banner = (
        '<div class="consent-widget"><div class="consent-text">Nous utilisons des cookies essentiels au bon '
        "fonctionnement de ce site. D'autres cookies peuvent être utilisés pour améliorer votre expérience, mesurer "
        "l'audience et vous proposer des contenus adaptés. Vous pouvez changer d'avis à tout moment.</div></div>"
    )
    data = through_api(xkey, page(after=banner))
    assert "Nous utilisons des cookies" not in data["text"]
    assert "Step 1 of the project" in data["text"] and data["text"].endswith("start the dovetails.")


@pytest.mark.parametrize(
    "sentence",
    [
        # a law and its categories of cookies, spoken of by the article
        "Under the GDPR, a site must ask for consent before it sets analytics cookies; necessary cookies need none, "
        "and the banner must let the reader refuse as easily as accept.",
        "Necessary cookies are exempt from the consent rule, the regulator wrote, because the site cannot work "
        "without them, but marketing cookies are not.",
        # an HTTP library's cookies
        "The server sends a Set-Cookie header, and the session object stores the cookie and sends it back with "
        "every later request to the same host.",
        # a recipe
        "Chill the cookie dough for an hour so the cookies keep their shape in the oven and do not spread.",
    ],
)
def test_text_about_cookies_and_consent_stays(xkey, sentence):
    data = through_api(xkey, page(before=f"<p>{sentence}</p>"))
    assert sentence in data["text"]


def _body(*paragraphs: str):
    body = etree.Element("body")
    for text in paragraphs:
        etree.SubElement(body, "p").text = text
    return body


def test_a_body_that_is_mostly_banner_is_left_as_it_is():
    # on trafilatura's XML body: fewer than 100 words would stay once the banner went, so nothing goes
    voice = "We use cookies on our website to give you the most relevant experience by remembering your preferences."
    body = _body("Step 1 of the project: cut the board to length.", voice, "Manage consent")
    drop_consent_notices(body)
    assert [p.text for p in body] == ["Step 1 of the project: cut the board to length.", voice, "Manage consent"]
    long_text = " ".join(["Step 1 of the project: cut the board to length and plane both faces flat."] * 10)
    body = _body(long_text, voice, "Manage consent")
    drop_consent_notices(body)
    assert [p.text for p in body] == [long_text]


def test_categories_and_controls_without_the_sites_voice_stay():
    # "Necessary cookies are …" and "Cookie settings" alone: the article may be about them
    long_text = " ".join(["Step 1 of the project: cut the board to length and plane both faces flat."] * 10)
    category = "Necessary cookies are absolutely essential for the website to function properly, the guide says."
    body = _body(long_text, category, "Cookie settings")
    drop_consent_notices(body)
    assert len(body) == 3


def test_many_blocks_are_read_once():
    blocks = [f"Paragraph {i} of the story, with no notice in it at all." for i in range(20_000)]
    body = _body(*blocks, "We use cookies on our website to give you the most relevant experience.", "8 min read")
    started = time.perf_counter()
    drop_consent_notices(body)
    drop_read_times(body, [])
    assert time.perf_counter() - started < 5
    assert len(body) == 20_000


@pytest.mark.parametrize(
    "line",
    ["Jun 08, 2023 • 11 Minute Read", "October 16, 2020 · 8 min read", "6 min read", "5 Min. Lesezeit"],
)
def test_a_read_time_line_after_the_standfirst_goes(xkey, line):
    standfirst = (
        "<p>A small box with hand-cut dovetails is the classic first project, and offcuts from a bigger build are "
        "all the wood it needs.</p>"
    )
    data = through_api(xkey, page(before=f"{standfirst}<p>{line}</p>"))
    assert line not in data["text"]
    assert "classic first project" in data["text"] and "Step 1 of the project" in data["text"]


def test_a_sentence_about_reading_time_stays(xkey):
    sentence = "The average reading time of these guides is eight minutes, and most readers finish the whole series."
    data = through_api(xkey, page(before=f"<p>{sentence}</p>"))
    assert sentence in data["text"]
