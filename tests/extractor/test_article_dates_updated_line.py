"""A line that shows the update first and the publication after it ("Updated May 1, 2025 | Published March 4, 2025")
dates the article by its labelled publication, through the API (POST, run, GET) (extractor/pipeline/article/dates.py
``labelled_text_date``): the publication label counts after an update's label and its date in the same text node, not
only at the start of one. A line with only an update, or a publication label inside a sentence, is read as before."""

from __future__ import annotations

import pytest

from tests.helpers import extract_through_api

pytestmark = pytest.mark.django_db

TEXT = "".join(
    f"<p>Paragraph {i} of the article explains when and how to prune roses, which tools to use, and what to do with "
    "the cut stems so that the plant grows back strong in spring.</p>"
    for i in range(1, 6)
)


def published_at(xkey, line: str, lang: str = "en") -> str | None:
    html = (
        f'<html lang="{lang}"><head><title>Pruning roses</title></head><body><nav><p>Menu</p></nav>'
        f"<article><h1>Pruning roses</h1>{line}{TEXT}</article></body></html>"
    )
    body = {"type": "article", "content": html, "url": "https://example.com/roses"}
    return extract_through_api(xkey, body)["data"].get("publishedAt")


@pytest.mark.parametrize(
    ("line", "lang"),
    [
        ("<p>Updated May 1, 2025 | Published March 4, 2025</p>", "en"),
        ("<p>Last updated: May 1, 2025 · Published: March 4, 2025</p>", "en"),
        ("<p>Updated on May 1, 2025, originally published on March 4, 2025</p>", "en"),
        ("<p>Modified 2025-05-01 - Posted 2025-03-04</p>", "en"),
        ("<p>Aktualisiert am 1. Mai 2025, veröffentlicht am 4. März 2025</p>", "de"),
        ("<p>Mis à jour le 1 mai 2025 | Publié le 4 mars 2025</p>", "fr"),
    ],
)
def test_the_labelled_publication_after_an_update_dates_the_article(xkey, line, lang):
    assert published_at(xkey, line, lang) == "2025-03-04"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("<p>Updated May 1, 2025</p>", "2025-05-01"),
        ("<p>Published March 4, 2025 | Updated May 1, 2025</p>", "2025-03-04"),
        # a publication label inside a sentence after the update is no label of this article's
        ("<p>Updated May 1, 2025 with the figures the council published on March 4, 2025</p>", "2025-05-01"),
    ],
)
def test_other_lines_are_read_as_before(xkey, line, expected):
    assert published_at(xkey, line) == expected


def _rose_page(after: str) -> str:
    return (
        '<html lang="en"><head><title>Pruning roses</title></head><body><article><h1>Pruning roses</h1>'
        f"<p>By Ann Lee</p><p>March 9, 2025</p>{TEXT}</article>{after}</body></html>"
    )


@pytest.mark.parametrize(
    "after",
    [
        '<aside><h3>More stories</h3><ul><li><a href="/x">Feeding hydrangeas</a>'
        "<p>Updated May 1, 2025 | Published March 4, 2019</p></li></ul></aside>",
        '<section id="comments"><div class="comment"><p>Updated Jan 2, 2026 · Posted Dec 30, 2025</p>'
        "<p>Great tips, thanks!</p></div></section>",
    ],
)
def test_an_update_first_line_below_the_article_does_not_date_it(xkey, after):
    """After review: the update-first line is read only in the article's header (before any date or paragraph)."""
    body = {"type": "article", "content": _rose_page(after), "url": "https://example.com/roses"}
    assert extract_through_api(xkey, body)["data"].get("publishedAt") == "2025-03-09"


@pytest.mark.parametrize(
    "line",
    [
        "<p>Updated May 1, 2025 - published studies from March 4, 2019 were added</p>",
        "<p>Last updated May 1, 2025, published by the Royal Horticultural Society on 3 April 2018</p>",
    ],
)
def test_a_publication_word_in_a_sentence_after_the_update_is_no_label(xkey, line):
    """After review: the publication label must follow the update's own date and be followed by a date."""
    assert published_at(xkey, line) == "2025-05-01"
