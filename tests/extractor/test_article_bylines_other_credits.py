"""A byline that credits other contributors after the writer, and an author box that opens with a sentence about the
writer, through the API (POST, run, GET): "Texto: Juan García. Fotos: María López", "By Jane Doe. Photography by John
Roe", "文／山田太郎　撮影／佐藤花子", "文/张三 图/李四", "Testo di Mario Rossi, foto di Luca Bianchi" name the writer only (a
photographer, illustrator or translator is no writer; before, the whole line, none, or the photographer as a second
writer), and "Jane Doe is a gardener and writer in Ohio" in an author box names Jane Doe (before, the sentence's
start). A name that merely holds such a word, and a sentence with no name before its verb, stay as they were
(extractor/pipeline/article/authors.py ``_OTHER_CREDIT_RE``, ``_BIO_SENTENCE_RE``)."""

from __future__ import annotations

import time

import pytest

from extractor.pipeline.article.authors import byline_in_text, clean_author
from tests.helpers import ARTICLE_TEXT as TEXT
from tests.helpers import article_authors as through_api
from tests.helpers import extract_through_api

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("lang", "byline", "names"),
    [
        ("es", "Texto: Juan García. Fotos: María López", ["Juan García"]),
        ("en", "By Jane Doe. Photography by John Roe", ["Jane Doe"]),
        ("en", "By Jane Doe; Illustrations: John Roe", ["Jane Doe"]),
        ("ja", "文：山田太郎、写真：佐藤花子", ["山田太郎"]),
        ("ja", "文／山田太郎　撮影／佐藤花子", ["山田太郎"]),
        ("zh", "文/张三 图/李四", ["张三"]),
        ("it", "Testo di Mario Rossi, foto di Luca Bianchi", ["Mario Rossi"]),
        ("de", "Text von Hans Müller, Bilder: Anna Schmidt", ["Hans Müller"]),
        ("fr", "Texte de Marie Dupont, photos : Jean Martin", ["Marie Dupont"]),
        ("pt", "Texto de Maria Silva | Tradução: João Souza", ["Maria Silva"]),
    ],
)
def test_a_byline_crediting_others_names_the_writer_only(xkey, lang, byline, names):
    assert through_api(xkey, lang, byline) == names


@pytest.mark.parametrize(
    ("lang", "byline", "names"),
    [
        ("en", "By Jane Doe and John Roe", ["Jane Doe", "John Roe"]),
        ("en", "By Jane Photos", ["Jane Photos"]),  # a surname, not a credit: no colon nor "by" after it
    ],
)
def test_a_byline_without_another_credit_is_read_as_before(xkey, lang, byline, names):
    assert through_api(xkey, lang, byline) == names


def _boxed(xkey, lang: str, box: str) -> list[str] | None:
    html = (
        f"<html lang='{lang}'><head><title>Roses</title></head><body><article><h1>Roses</h1>{TEXT}"
        f"<div class='author-bio'><p>{box}</p></div></article></body></html>"
    )
    body = {"type": "article", "content": html, "url": "https://example.com/roses"}
    return extract_through_api(xkey, body)["data"].get("authors")


@pytest.mark.parametrize(
    ("lang", "box", "names"),
    [
        ("en", "Jane Doe is a gardener and writer in Ohio.", ["Jane Doe"]),
        ("fr", "Marie Dupont est journaliste au service jardin.", ["Marie Dupont"]),
        ("de", "Hans Müller ist Redakteur im Ressort Garten.", ["Hans Müller"]),
    ],
)
def test_an_author_box_sentence_names_its_writer(xkey, lang, box, names):
    assert _boxed(xkey, lang, box) == names


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Jane Doe is an award-winning writer; John Roe", "Jane Doe; John Roe"),
        ("This is a guest post", None),  # no name before the verb: refused as before
        ("Isabel Is A Name", "Isabel Is A Name"),
    ],
)
def test_bio_sentences_in_author_values(value, expected):
    assert clean_author(value) == expected


@pytest.mark.parametrize("text", ["By Jane " + ". " * 50_000 + "Photos:", "文：" + "、" * 50_000 + "写真："])
def test_hostile_lines_are_read_in_linear_time(text):
    started = time.monotonic()
    byline_in_text(text)
    clean_author(text[:5000] + " is a " * 1000)
    assert time.monotonic() - started < 2
