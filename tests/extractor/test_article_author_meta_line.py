"""A writer named without a label beside the article's date, through the API (POST, run, GET): "17 December 2025 ·
Jane Doe", "<span>Dec 17, 2025</span><span>Jane Doe</span>", "Jane Doe | Senior Writer | July 2, 2025", in the dates
of several languages. Only a person's name is taken: not a category linked beside the date, a heading, a button, nor
words the article writes in lower case ("Healthy Eating" beside the date of an article on healthy eating)
(extractor/pipeline/article/authors.py ``name_beside_date``)."""

from __future__ import annotations

import pytest

from tests.helpers import extract_through_api

pytestmark = pytest.mark.django_db

TEXT = "".join(
    f"<p>Paragraph {i} of the article explains when and how to prune roses, which tools to use, and what to do with "
    "the cut stems so that the plant grows back strong in spring, for healthy eating of the garden's fruit.</p>"
    for i in range(1, 6)
)


def through_api(xkey, meta: str, lang: str = "en") -> list[str] | None:
    html = (
        f"<html lang='{lang}'><head><title>Pruning roses</title></head><body><nav><a href='/'>Home</a></nav>"
        f"<article><h1>Pruning roses</h1>{meta}{TEXT}</article></body></html>"
    )
    body = {"type": "article", "content": html, "url": "https://example.com/roses"}
    return extract_through_api(xkey, body)["data"].get("authors")


@pytest.mark.parametrize(
    ("lang", "meta", "name"),
    [
        ("en", "<div><span>Dec 17, 2025</span><span>Julia K. Arnfield</span></div>", "Julia K. Arnfield"),
        ("en", "<p>Tomas Verhoek | Senior Writer | July 2, 2025</p>", "Tomas Verhoek"),
        ("en", "<p>Dec 26, 2025 • Mahesh Dasgupta in <a href='/blog/guides'>Guides</a></p>", "Mahesh Dasgupta"),
        (
            "de",
            "<div><span>17. Dezember 2025</span><span>·</span><a title='x'>Annika Schröder</a></div>",
            "Annika Schröder",
        ),
        ("fr", "<p><span>Léa Fontaine</span> <span>1er janvier 2025</span></p>", "Léa Fontaine"),
        ("es", "<p>17 de diciembre de 2025 · Pablo Ortega Ruiz</p>", "Pablo Ortega Ruiz"),
        ("pl", "<p><span>17 grudnia 2025</span> <a href='/autor/jan-nowak'>Jan Nowakowski</a></p>", "Jan Nowakowski"),
        ("ko", "<p><span>2025년 12월 17일</span><span>Kim Min-jun</span></p>", "Kim Min-jun"),
    ],
)
def test_a_name_beside_the_date_is_the_writer(xkey, lang, meta, name):
    assert through_api(xkey, meta, lang) == [name]


@pytest.mark.parametrize(
    "meta",
    [
        # a category or section linked beside the date
        "<p><span>Dec 17, 2025</span> <a href='/category/garden-care'>Garden Care</a></p>",
        # words of the article itself, capitalised as a label
        "<p>Healthy Eating | July 2, 2025</p>",
        # a control beside the date
        "<p><span>Dec 17, 2025</span><button>Share Article</button></p>",
        # one word, or a line too long to be a meta line
        "<p><span>Dec 17, 2025</span><span>Roses</span></p>",
    ],
)
def test_no_writer_is_read_from_what_is_no_name(xkey, meta):
    assert not through_api(xkey, meta)
