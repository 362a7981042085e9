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
