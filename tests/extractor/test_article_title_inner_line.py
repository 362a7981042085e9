"""A kicker or subtitle set inside the headline as an element of its own, through the API (POST, run, GET): when the
h1 less its first or last ``span`` / ``small`` / ``div`` / ``p`` is the title the page declares (og:title, JSON-LD
headline, ``<title>`` less its site), that title is the answer ("<h1><span class="kicker">Gartentipps</span> Rosen
richtig schneiden</h1>", "<h1>How to prune roses <small>A guide for spring</small></h1>"), in any language and with no
colon (before: the kicker and headline run together, "Gartentipps Rosen richtig schneiden"). An emphasised word of
the headline stays, even beside a shorter og:title ("How to prune <em>roses</em>") (extractor/pipeline/article/
titles.py ``_without_inner_line``)."""

from __future__ import annotations

import pytest

from tests.helpers import ARTICLE_TEXT, extract_through_api

pytestmark = pytest.mark.django_db


def _title(xkey, lang: str, title: str, og: str, h1: str) -> str | None:
    html = (
        f'<html lang="{lang}"><head><title>{title}</title><meta property="og:title" content="{og}"></head><body>'
        f"<article><h1>{h1}</h1>{ARTICLE_TEXT}</article></body></html>"
    )
    got = extract_through_api(xkey, {"type": "article", "content": html, "url": "https://example.com/roses"})
    return got["data"].get("title")


@pytest.mark.parametrize(
    ("lang", "title", "og", "h1", "expected"),
    [
        (
            "de",
            "Rosen richtig schneiden | Gartenblatt",
            "Rosen richtig schneiden",
            '<span class="kicker">Gartentipps</span> Rosen richtig schneiden',
            "Rosen richtig schneiden",
        ),
        (
            "fr",
            "Tailler les rosiers | Jardin Hebdo",
            "Tailler les rosiers",
            '<div class="surtitre">Jardinage</div>Tailler les rosiers',
            "Tailler les rosiers",
        ),
        (
            "en",
            "How to prune roses - Garden Weekly",
            "How to prune roses",
            "How to prune roses <small>A guide for spring</small>",
            "How to prune roses",
        ),
    ],
)
def test_a_line_set_inside_the_headline_is_left_out(xkey, lang, title, og, h1, expected):
    assert _title(xkey, lang, title, og, h1) == expected


@pytest.mark.parametrize(
    ("title", "og", "h1", "expected"),
    [
        ("How to prune", "How to prune", "How to prune <em>roses</em>", "How to prune roses"),
        ("How to prune roses", "How to prune roses", "<span>How to prune roses</span>", "How to prune roses"),
        # the rest of the h1 is no declared title
        (
            "Gardening How to prune roses",
            "Gardening How to prune roses",
            '<span class="kicker">Gardening</span> How to prune roses',
            "Gardening How to prune roses",
        ),
    ],
)
def test_the_headline_stays_whole_otherwise(xkey, title, og, h1, expected):
    assert _title(xkey, "en", title, og, h1) == expected
