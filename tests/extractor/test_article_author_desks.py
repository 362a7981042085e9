"""A newsroom's collective name given as the author in structured data, through the API (POST, run, GET): "La
Rédaction", "Redacción", "Editorial Team", "Редакция", "編集部" give way to the person the page's byline names, as an
organisation does (before, the desk was the answer; a one-word Latin-letter "Redaktion" already gave way, as a
login does); with no person named, the desk stays the answer; a name that holds another word ("Team Smith") is a
person's (extractor/pipeline/article/authors.py ``desk_name``, html.py ``_authors``)."""

from __future__ import annotations

import json

import pytest

from tests.helpers import ARTICLE_TEXT, extract_through_api

pytestmark = pytest.mark.django_db


def _authors(xkey, lang: str, author: str, byline: str) -> list[str] | None:
    ld = json.dumps(
        {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": "Roses",
            "author": {"@type": "Person", "name": author},
        },
        ensure_ascii=False,
    )
    html = (
        f'<html lang="{lang}"><head><title>Roses</title><script type="application/ld+json">{ld}</script></head>'
        f"<body><article><h1>Roses</h1><p>{byline}</p>{ARTICLE_TEXT}</article></body></html>"
    )
    got = extract_through_api(xkey, {"type": "article", "content": html, "url": "https://example.com/roses"})
    return got["data"].get("authors")


@pytest.mark.parametrize(
    ("lang", "author", "byline", "expected"),
    [
        ("fr", "La Rédaction", "Par Marie Dupont", ["Marie Dupont"]),
        ("es", "Redacción", "Por Juan García", ["Juan García"]),
        ("en", "Editorial Team", "By Jane Doe", ["Jane Doe"]),
        ("ru", "Редакция", "Автор: Иван Петров", ["Иван Петров"]),
        ("ja", "編集部", "文：山田太郎", ["山田太郎"]),
    ],
)
def test_a_desk_gives_way_to_the_writer_the_byline_names(xkey, lang, author, byline, expected):
    assert _authors(xkey, lang, author, byline) == expected


@pytest.mark.parametrize(
    ("lang", "author", "byline", "expected"),
    [
        ("en", "Editorial Team", "Roses are red.", ["Editorial Team"]),
        ("es", "Redacción", "Rosas rojas.", ["Redacción"]),
        ("en", "Team Smith", "By Jane Doe", ["Team Smith"]),
    ],
)
def test_a_desk_alone_or_a_persons_name_stays(xkey, lang, author, byline, expected):
    assert _authors(xkey, lang, author, byline) == expected
