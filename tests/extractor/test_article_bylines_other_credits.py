"""A byline that credits other contributors after the writer, through the API (POST, run, GET): "Texto: Juan García.
Fotos: María López", "By Jane Doe. Photography by John Roe", "文／山田太郎　撮影／佐藤花子", "文/张三 图/李四", "Testo di Mario
Rossi, foto di Luca Bianchi" name the writer only (a photographer, illustrator or translator is no writer; before, the
whole line, none, or the photographer as a second writer). A name that merely holds such a word stays as it was
(extractor/pipeline/article/authors.py ``_OTHER_CREDIT_RE``)."""

from __future__ import annotations

import time

import pytest

from extractor.pipeline.article.authors import byline_in_text
from tests.helpers import article_authors as through_api

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


@pytest.mark.parametrize("text", ["By Jane " + ". " * 50_000 + "Photos:", "文：" + "、" * 50_000 + "写真："])
def test_hostile_lines_are_read_in_linear_time(text):
    started = time.process_time()  # CPU of this process (the request runs in it), not the wall clock
    byline_in_text(text)
    assert time.process_time() - started < 2
