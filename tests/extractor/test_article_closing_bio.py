"""An author box left closing the body once its ending is cut, through the API (POST, run, GET): a paragraph that
presents one of the page's authors by a word of their name ("*Jane Doe, MD, is …", "(Jane Doe is …", "Jane started
…"), two authors' bios in a row, and what follows them go; a paragraph that presents someone else, an author who is
the article's subject, and a bio in the middle of the text stay (extractor/pipeline/article/body.py,
drop_closing_bio).
"""

from __future__ import annotations

import json
import time

import pytest

from tests.helpers import extract_through_api

pytestmark = pytest.mark.django_db

PARAGRAPH = (
    "<p>Paragraph {} of the guide explains how babies learn to sleep through the night, what a routine looks like, "
    "and when parents should ask their pediatrician before they start training.</p>"
)


def through_api(xkey, html: str) -> dict:
    return extract_through_api(xkey, {"type": "article", "content": html, "url": "https://example.com/sleep"})["data"]


def page(end: str, authors: tuple[str, ...] = ("Jane Doe",), middle: str = "") -> str:
    ld = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": "Sleep training",
        "author": [{"@type": "Person", "name": a} for a in authors],
    }
    first = "".join(PARAGRAPH.format(i) for i in range(1, 4))
    last = "".join(PARAGRAPH.format(i) for i in range(4, 8))
    return (
        f'<html><head><title>Sleep training</title><script type="application/ld+json">{json.dumps(ld)}</script>'
        f"</head><body><article><h1>Sleep training</h1>{first}{middle}{last}{end}</article></body></html>"
    )


@pytest.mark.parametrize(
    "bio",
    [
        # a mark before the name, the name with a degree after it
        "<p><em>*Jane Doe, MD, is a pediatrician at the Lakeside Medical Group in Springfield.</em></p>",
        # in brackets, a tags line after it
        "<p>(Jane Doe is an associate attorney admitted in Ohio and Indiana.)</p><p>Tags: Sleep, Babies, Jane Doe</p>",
        # the first name alone, a donation pitch after it
        "<p>Jane started this site in 2010 as a side project before writing about parenting full time.</p>"
        "<p>Support the site! Donate via our page, or buy the book through our links.</p>",
    ],
)
def test_a_closing_paragraph_presenting_the_author_goes(xkey, bio):
    data = through_api(xkey, page(bio))
    assert "Jane" not in data["text"] and "Tags:" not in data["text"] and "Donate" not in data["text"]
    assert "Paragraph 7 of the guide" in data["text"]


def test_two_authors_bios_in_a_row_go_together(xkey):
    bios = (
        "<p><em>Jane Doe is adjunct faculty at Emory University and a physician based in Memphis.</em></p>"
        "<p><em>John Roe is an associate professor of radiology at a medical school in Boston.</em></p>"
    )
    data = through_api(xkey, page(bios, ("Jane Doe", "John Roe")))
    assert "adjunct faculty" not in data["text"] and "radiology" not in data["text"]
    assert "Paragraph 7 of the guide" in data["text"]


def test_an_about_the_author_label_goes_with_the_bio(xkey):
    end = "<p>About the Author:</p><p>Jane Doe is a content writer with over five years of experience in health.</p>"
    data = through_api(xkey, page(end))
    assert "About the Author" not in data["text"] and "content writer" not in data["text"]


@pytest.mark.parametrize(
    "closing",
    [
        # someone else presented: a source of the article, not its author
        "<p>Dr. Alan Smith is a pediatrician at the Lakeside Medical Group in Springfield.</p>",
        # the author's name word is no opening of a presentation
        "<p>Thanks for reading, and ask Jane anything in the comments below this guide.</p>",
    ],
)
def test_a_closing_paragraph_not_presenting_the_author_stays(xkey, closing):
    data = through_api(xkey, page(closing))
    text = closing.removeprefix("<p>").removesuffix("</p>")
    assert text in data["text"]


def test_a_name_word_that_is_a_common_word_opens_no_presentation(xkey):
    # the byline's first name opens the paragraph as a verb: one name word, not right before "is"
    closing = "<p>Mark my words: this is the year your baby sleeps through the night, one routine at a time.</p>"
    data = through_api(xkey, page(closing, ("Mark Hope",)))
    assert "Mark my words" in data["text"]


def test_an_author_that_is_the_article_s_subject_stays(xkey):
    # a brand writing about its own products: its name is all over the text
    middle = "<p>Acme makes the quietest white-noise machine we tested, and Acme ships it with a night light.</p>"
    closing = "<p>Acme is already embracing these trends with its range of sleep products for every budget.</p>"
    data = through_api(xkey, page(closing, ("Acme Official",), middle))
    assert "Acme is already embracing these trends" in data["text"]


def test_a_bio_in_the_middle_of_the_text_stays(xkey):
    bio = "<p>Jane Doe is a pediatric sleep consultant who has worked with families for twelve years.</p>"
    data = through_api(xkey, page("", middle=bio))
    assert "pediatric sleep consultant" in data["text"]


def test_many_closing_blocks_are_read_in_bounded_time(xkey):
    end = "".join("<p>Jane Doe is a writer.</p>" for _ in range(3000))
    started = time.process_time()  # CPU of this process (the request runs in it), not the wall clock
    data = through_api(xkey, page(end))
    assert time.process_time() - started < 20
    assert "Paragraph 7 of the guide" in data["text"]
