"""A name given with another language's byline label, through the API (POST, run, GET): an author element's text
("<span class="author">Por Juan García</span>", which trafilatura's byline search reads), a ``<meta name="author">``
or a JSON-LD author ("Par Marie Dupont", "Por Juan García", "Autor: Jan Kowalski", "Автор: Иван Петров") is the name
without its label. A bare preposition is cut only on a page of its language ("Door County Pulse Staff" on an English
page stays) and before a name of two words or more, a bare "Di" / "Von" never ("Di Maio", "Von Trapp", "Di Stefano
Maria" are surnames), and a label that is a first name too never ("Yazan Haddad", "Per Nilsson", "Oleh Petrenko", "Ni
Hao"); an English sentence ("This post was written by …, Head of …") stays refused as a name. An author element
listing co-authors after the label with an "and" keeps them all ("Por Juan García, María López y Pedro Ruiz"), a
name after a comma alone is not taken ("Por Juan García, Enviado Especial")
(extractor/pipeline/article/authors.py ``clean_author``, ``_without_label``, ``_foreign_byline``)."""

from __future__ import annotations

import json
import time

import pytest

from extractor.pipeline.article.authors import _foreign_byline, byline_in_text, clean_author
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
        # a surname first, as Italian registries write it; an English place named like a Dutch label
        ("en", '<meta name="author" content="Di Stefano Maria">', "Di Stefano Maria"),
        ("it", '<meta name="author" content="Di Stefano Maria">', "Di Stefano Maria"),
        ("en", ld_author("Door County Pulse Staff"), "Door County Pulse Staff"),
        ("en", ld_author("Por Favor Grill"), "Por Favor Grill"),
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


@pytest.mark.parametrize(
    ("lang", "element", "names"),
    [
        # trafilatura's byline keeps the label and reads the date's "le" as a second name: read as a byline line is
        ("fr", '<div class="author">Par Marie Dupont, le 4 mars 2025</div>', ["Marie Dupont"]),
        ("es", '<div class="author">Por Juan García y María López</div>', ["Juan García", "María López"]),
        # co-authors listed with commas and an "and": each of them, up to a part that names no one
        (
            "es",
            '<div class="author">Por Juan García, María López y Pedro Ruiz</div>',
            ["Juan García", "María López", "Pedro Ruiz"],
        ),
        ("it", '<span class="author">Di Mario Rossi e Luca Bianchi</span>', ["Mario Rossi", "Luca Bianchi"]),
        # after a comma alone: a role, a desk, a city or an outlet written like a name more often than a writer
        ("es", '<div class="author">Por Juan García, María López</div>', ["Juan García"]),
        ("it", '<span class="author">Di Mario Rossi, Luca Bianchi</span>', ["Mario Rossi"]),
        ("es", '<div class="author">Por Juan García, Enviado Especial</div>', ["Juan García"]),
        ("it", '<span class="author">Di Mario Rossi, Inviato Speciale</span>', ["Mario Rossi"]),
        ("fr", '<div class="author">Par Marie Dupont, Service Politique</div>', ["Marie Dupont"]),
        ("es", '<div class="author">Por Juan García, Ciudad de México</div>', ["Juan García"]),
        ("pt", '<span class="author">Por João Silva, Folha de São Paulo</span>', ["João Silva"]),
        ("fr", '<div class="author">Par Marie Dupont, envoyée spéciale à Kiev</div>', ["Marie Dupont"]),
        ("es", '<div class="author">Por Juan García, Agencia EFE</div>', ["Juan García"]),
        ("es", '<div class="author">Por Juan García, Europa Press</div>', ["Juan García"]),
        # a role of another language after the name
        ("de", '<div class="author">Hans Müller, Redakteur</div>', ["Hans Müller"]),
        ("es", '<div class="author">Juan García, periodista</div>', ["Juan García"]),
        ("it", '<div class="author">Mario Rossi, giornalista</div>', ["Mario Rossi"]),
        # an update's label of another language after the name
        ("es", "<p>Por Juan García Actualizado 4 de marzo de 2025</p>", ["Juan García"]),
        ("de", "<p>Von Hans Müller Aktualisiert am 5. März 2025</p>", ["Hans Müller"]),
    ],
)
def test_a_date_role_or_update_after_a_labelled_name_is_cut(xkey, lang, element, names):
    assert authors_of(xkey, lang, header=element) == names


@pytest.mark.parametrize(
    ("lang", "element", "names"),
    [
        ("en", '<div class="author">By Jane Doe, Senior Editor</div>', ["Jane Doe"]),
        ("en", '<div class="author">Jane Doe and John Roe</div>', ["Jane Doe", "John Roe"]),
        ("fr", '<div class="author">Marie Journet</div>', ["Marie Journet"]),
        ("de", '<div class="author">Hans Redaktorski</div>', ["Hans Redaktorski"]),
    ],
)
def test_author_elements_without_such_a_label_or_role_read_as_before(xkey, lang, element, names):
    assert authors_of(xkey, lang, header=element) == names


@pytest.mark.parametrize(
    "text",
    [
        "Por " + "Juan " * 20_000 + "Actualizado 4 de marzo de 2025",
        "Hans " * 20_000 + "Redakteur",
        "Par " + "Marie, " * 15_000,
        "Autor: " + "aktualisiert " * 10_000,
    ],
)
def test_hostile_author_texts_are_read_in_linear_time(text):
    started = time.process_time()  # CPU of this process (the request runs in it), not the wall clock
    byline_in_text(text)
    clean_author(text)
    _foreign_byline(text, "es")
    assert time.process_time() - started < 3
