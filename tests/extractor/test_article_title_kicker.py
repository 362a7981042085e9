"""A short label set before the headline inside its h1 ("<strong>Blog:</strong> Best …"), through the API (POST, run,
GET): when the rest of the h1 is the page's declared title (og:title, JSON-LD headline, ``<title>``), the label is
a kicker and not part of the title (extractor/pipeline/article/titles.py ``_without_kicker``)."""

from __future__ import annotations

import pytest

from tests.helpers import extract_through_api

pytestmark = pytest.mark.django_db

TEXT = "".join(
    f"<p>Paragraph {i} ranks the agencies by what their clients say, what they charge, and how fast they answer, "
    "with notes on the campaigns each one ran this year.</p>"
    for i in range(1, 6)
)
TITLE = "Best Social Media Agencies in 2025 (Ranked &amp; Reviewed)"


def title_through_api(xkey, h1: str, og: str = TITLE) -> str | None:
    html = (
        f"<html><head><title>{og} - Example Agency</title><meta property='og:title' content='{og}'></head><body>"
        f"<article><h1>{h1}</h1>{TEXT}</article></body></html>"
    )
    body = {"type": "article", "content": html, "url": "https://example.com/lists/best-agencies"}
    return extract_through_api(xkey, body)["data"].get("title")


def test_a_kicker_before_the_declared_title_is_not_part_of_the_title(xkey):
    got = title_through_api(xkey, f"<strong>Blog:</strong> {TITLE}")
    assert got == "Best Social Media Agencies in 2025 (Ranked & Reviewed)"


@pytest.mark.parametrize(
    "h1",
    [
        # a headline whose own first words end with a colon, as the declared title writes it
        "Review: Best Social Media Agencies in 2025 (Ranked &amp; Reviewed)",
        # a longer opening than a label
        "Our Updated And Extended Guide: Best Social Media Agencies in 2025 (Ranked &amp; Reviewed)",
    ],
)
def test_the_headline_keeps_its_opening_when_it_is_no_kicker(xkey, h1):
    og = "Review: Best Social Media Agencies in 2025 (Ranked &amp; Reviewed)" if h1.startswith("Review") else TITLE
    assert title_through_api(xkey, h1, og) == h1.replace("&amp;", "&")
