"""A paragraph pitching the site's newsletter or social accounts, through the API (POST, run, GET): it goes wherever
it stands in the body; sentences of the story that name newsletters or subscribers stay
(extractor/pipeline/article/body.py, drop_sign_up_pitches).
"""

from __future__ import annotations

import time

import pytest

from tests.helpers import extract_through_api

pytestmark = pytest.mark.django_db

PARAGRAPH = (
    "<p>Paragraph {} of the guide explains how renting a car works, what the counter will ask for, and which "
    "fees the daily rate leaves out until you sign the contract at the desk.</p>"
)


def through_api(xkey, html: str) -> dict:
    return extract_through_api(xkey, {"type": "article", "content": html, "url": "https://example.com/guide"})["data"]


def page(middle: str, end: str = "") -> str:
    first = "".join(PARAGRAPH.format(i) for i in range(1, 4))
    last = "".join(PARAGRAPH.format(i) for i in range(4, 7))
    return (
        "<html><head><title>Renting a car</title></head><body><article><h1>Renting a car</h1>"
        f"{first}{middle}{last}{end}</article></body></html>"
    )


@pytest.mark.parametrize(
    "pitch",
    [
        "Want more travel tips? Sign up for our newsletter, The Road, and drive smarter.",
        "Follow me on Instagram, YouTube or Facebook for a daily moment of travel inspiration.",
        "Like this article? Subscribe to our blog and get new guides delivered to your inbox weekly.",
        "Join our mailing list! Get a newsletter when a new guide is published.",
        "Abonnez-vous à notre newsletter pour recevoir nos conseils de voyage.",
    ],
)
def test_a_paragraph_pitching_the_newsletter_or_social_accounts_goes(xkey, pitch):
    data = through_api(xkey, page(f"<p>{pitch}</p>"))
    assert pitch not in data["text"]
    assert "Paragraph 3 of the guide" in data["text"] and "Paragraph 4 of the guide" in data["text"]


def test_a_closing_subscription_line_goes(xkey):
    data = through_api(xkey, page("", "<p>Subscribe to get the latest posts sent to your email.</p>"))
    assert "latest posts" not in data["text"]
    assert "Paragraph 6 of the guide" in data["text"]


@pytest.mark.parametrize(
    "sentence",
    [
        # the verb does not open a sentence: the story speaks of newsletters
        "I also picked 28 newsletters, a small subset of the newsletters I subscribe to, as the test set.",
        # "Subscribers" is no imperative
        "The tool pulls all your data onto your own computer. Subscribers, followers, posts, everything.",
        # a sign-up with no newsletter, e-mail or social account named
        "Sign up at the desk before noon and the car is ready when you land.",
    ],
)
def test_a_sentence_of_the_story_about_newsletters_stays(xkey, sentence):
    data = through_api(xkey, page(f"<p>{sentence}</p>"))
    assert sentence in data["text"]


def test_a_long_paragraph_with_a_sign_up_stays(xkey):
    long = (
        "Renting abroad differs: the counter may ask for an international permit, a second card, a deposit that "
        "is blocked for weeks, and proof of a return flight, and the insurance sold at the desk rarely matches "
        "what your card already covers, so read the contract twice. Sign up for our newsletter for more."
    )
    data = through_api(xkey, page(f"<p>{long}</p>"))
    assert "Sign up for our newsletter for more." in data["text"]


def test_a_heading_naming_a_newsletter_stays(xkey):
    data = through_api(xkey, page("<h2>Subscribe to our newsletter</h2>"))
    assert "Subscribe to our newsletter" in data["text"]


def test_a_body_of_pitches_only_is_left_whole(xkey):
    pitches = "".join(f"<p>Sign up for newsletter number {i} today.</p>" for i in range(2))
    html = (
        "<html><head><title>Newsletters</title></head><body><article><h1>Newsletters</h1>"
        f"{pitches}</article></body></html>"
    )
    data = through_api(xkey, html)
    assert "newsletter number 0" in (data["text"] or "")


def test_many_pitches_are_dropped_in_linear_time(xkey):
    # one pass over the body's blocks; the patterns read at most SIGN_UP_MAX_WORDS words of a paragraph
    pitches = "<p>Sign up for our newsletter today. " + "and " * 30 + "more</p>" + "<p>sign up " * 3 + "newsletter</p>"
    html = page(pitches * 1000)
    started = time.process_time()  # CPU of this process (the request runs in it), not the wall clock
    data = through_api(xkey, html)
    assert time.process_time() - started < 30.0
    assert "Sign up for our newsletter today" not in data["text"]
