"""The language a page declares outside ``<html lang>`` reads its shown dates, through the API (POST, run, GET), when
the page has no ``lang`` of its own: ``og:locale``, a ``content-language`` or ``language`` ``<meta>``, the Article's
``inLanguage`` decide whether a numeric date reads day first ("03/10/2025" on a ``de_DE`` page is 3 October; on an
``en_US`` page 10 March, as on a page that declares nothing), and which language's abbreviations of months and
spellings are read ("4 lut 2025" on a ``pl_PL`` page, "4. 3. 2025" on a Czech one). Before, only ``<html lang>``
counted (extractor/pipeline/article/dates.py ``PageWording.language``, html.py ``_shown_date_window``)."""

from __future__ import annotations

import json

import pytest

from tests.helpers import ARTICLE_TEXT, extract_through_api

pytestmark = pytest.mark.django_db


def _published_at(xkey, head: str, meta: str) -> str | None:
    html = (
        f"<html><head><title>Roses</title>{head}</head><body>"
        f"<article><h1>Roses</h1>{meta}{ARTICLE_TEXT}</article></body></html>"
    )
    got = extract_through_api(xkey, {"type": "article", "content": html, "url": "https://example.com/roses"})
    return got["data"].get("publishedAt")


LD_DE = json.dumps({"@context": "https://schema.org", "@type": "Article", "headline": "Roses", "inLanguage": "de-DE"})


@pytest.mark.parametrize(
    ("head", "meta", "expected"),
    [
        ('<meta property="og:locale" content="de_DE">', "<p>03/10/2025</p>", "2025-10-03"),
        ('<meta property="og:locale" content="en_GB">', "<p>Jane Doe | 03/10/2025</p>", "2025-10-03"),
        ('<meta name="language" content="fr">', "<p>03/10/2025</p>", "2025-10-03"),
        (f'<script type="application/ld+json">{LD_DE}</script>', "<p>03/10/2025</p>", "2025-10-03"),
        ('<meta property="og:locale" content="pl_PL">', "<p>4 lut 2025</p>", "2025-02-04"),
        ('<meta name="content-language" content="cs">', "<p>4. 3. 2025</p>", "2025-03-04"),
        # as before: US English, or nothing declared
        ('<meta property="og:locale" content="en_US">', "<p>03/10/2025</p>", "2025-03-10"),
        ("", "<p>03/10/2025</p>", "2025-03-10"),
    ],
)
def test_the_declared_language_reads_the_shown_date(xkey, head, meta, expected):
    assert _published_at(xkey, head, meta) == expected
