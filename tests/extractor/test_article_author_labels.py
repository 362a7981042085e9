"""A name given with another language's byline label, through the API (POST, run, GET): an author element's text
("<span class="author">Por Juan García</span>", which trafilatura's byline search reads), a ``<meta name="author">``
or a JSON-LD author ("Par Marie Dupont", "Von Hans Müller", "Autor: Jan Kowalski", "Автор: Иван Петров") is the name
without its label. A bare preposition is cut only before a name of two words or more ("Di Maio", "Von Trapp" are
surnames), and a label that is a first name too never ("Yazan Haddad", "Per Nilsson", "Oleh Petrenko", "Ni Hao"); an
English sentence ("This post was written by …, Head of …") stays refused as a name
(extractor/pipeline/article/authors.py ``clean_author``, ``_without_label``)."""

from __future__ import annotations

import json

import pytest

from tests.helpers import extract_through_api

pytestmark = pytest.mark.django_db

TEXT = "".join(
    f"<p>Paragraph {i} of the article explains when and how to prune roses, which tools to use, and what to do with "
    "the cut stems so that the plant grows back strong in spring.</p>"
    for i in range(1, 6)
)


def authors_of(xkey, lang: str, head: str = "", header: str = "") -> list[str] | None:
    html = (
        f"<html lang='{lang}'><head><title>Roses</title>{head}</head><body>"
        f"<article><h1>Roses</h1>{header}{TEXT}</article></body></html>"
    )
    body = {"type": "article", "content": html, "url": "https://example.com/roses"}
    return extract_through_api(xkey, body)["data"].get("authors")


def ld_author(name: str) -> str:
    node = {"@context": "https://schema.org", "@type": "NewsArticle", "author": {"@type": "Person", "name": name}}
    return f'<script type="application/ld+json">{json.dumps(node, ensure_ascii=False)}</script>'


@pytest.mark.parametrize(
    ("lang", "element", "name"),
    [
        ("es", '<span class="byline">Por Juan García</span>', "Juan García"),
        ("fr", '<div class="author">Par Marie Dupont</div>', "Marie Dupont"),
        ("it", '<span class="author">Di Mario Rossi</span>', "Mario Rossi"),
        ("pt", '<span class="author-name">Por João Silva</span>', "João Silva"),
        ("pl", '<div class="author">Autor: Jan Kowalski</div>', "Jan Kowalski"),
        ("ru", '<span class="author">Автор: Иван Петров</span>', "Иван Петров"),
        ("nl", '<div class="author">Door Jan de Vries</div>', "Jan de Vries"),
    ],
)
def test_an_author_elements_label_is_cut(xkey, lang, element, name):
    assert authors_of(xkey, lang, header=element) == [name]


@pytest.mark.parametrize(
    ("lang", "head", "name"),
    [
        ("fr", '<meta name="author" content="Par Marie Dupont">', "Marie Dupont"),
        ("de", '<meta name="author" content="Von Hans Müller">', "Hans Müller"),
        ("es", ld_author("Por Juan García"), "Juan García"),
        ("pl", ld_author("Autor: Jan Kowalski"), "Jan Kowalski"),
    ],
)
def test_a_structured_authors_label_is_cut(xkey, lang, head, name):
    assert authors_of(xkey, lang, head=head) == [name]


@pytest.mark.parametrize(
    ("lang", "head", "name"),
    [
        ("it", '<meta name="author" content="Di Maio">', "Di Maio"),
        ("en", '<meta name="author" content="Di Wang">', "Di Wang"),
        ("de", '<meta name="author" content="Von Trapp">', "Von Trapp"),
        ("tr", '<meta name="author" content="Yazan Haddad">', "Yazan Haddad"),
        ("sv", '<meta name="author" content="Per Nilsson">', "Per Nilsson"),
        ("id", '<meta name="author" content="Oleh Petrenko">', "Oleh Petrenko"),
        ("zh", '<meta name="author" content="Ni Hao">', "Ni Hao"),
        ("en", '<meta name="author" content="Jane Doe">', "Jane Doe"),
    ],
)
def test_a_surname_or_first_name_that_reads_like_a_label_stays(xkey, lang, head, name):
    assert authors_of(xkey, lang, head=head) == [name]


def test_an_english_sentence_naming_the_writer_is_no_name(xkey):
    head = '<meta name="author" content="This post was written by Jane Doe, Head, Community Development">'
    assert authors_of(xkey, "en", head=head, header="<p>By Jane Doe</p>") == ["Jane Doe"]
