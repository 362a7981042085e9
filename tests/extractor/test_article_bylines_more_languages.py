"""Visible bylines of more languages, through the API (POST, run, GET): "Ein Beitrag von …" (de), "Articolo di …" (it),
"Texte : …" (fr), "Escrit per …" (ca), "Kirjoittanut …" / "Teksti: …" (fi), "Piše: …" (hr, sr, bs), "Avtor: …" (sl),
"Autors: …" (lv), "Autorius: …" (lt), "Γράφει: …" (el), "Penulis: …" (id, ms), "Tác giả: …" (vi), "लेखक: …" (hi),
"نویسنده: …" (fa), "ผู้เขียน: …" (th). The labels that are first names too ("Oleh", a Ukrainian one; "Ni", a Chinese
surname) are a byline only on a page in their language: Indonesian / Malay, Tagalog; not the Indonesian "Oleh-Oleh"
(souvenirs), and no bare Catalan "Per" (a preposition: "Per Sant Jordi, llibres i roses")
(extractor/pipeline/article/authors.py ``_BYLINE_RE``, ``_LANGUAGE_LABELS``)."""

from __future__ import annotations

import time

import pytest

from extractor.pipeline.article.authors import byline_in_text
from tests.helpers import ARTICLE_TEXT as TEXT
from tests.helpers import article_authors as through_api
from tests.helpers import extract_through_api

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("lang", "byline", "names"),
    [
        ("de", "Ein Beitrag von Hans Müller", ["Hans Müller"]),
        ("de", "Gastbeitrag von Hans Müller", ["Hans Müller"]),
        ("it", "Articolo di Mario Rossi", ["Mario Rossi"]),
        ("fr", "Texte : Marie Dupont", ["Marie Dupont"]),
        ("ca", "Escrit per Joan Garcia", ["Joan Garcia"]),
        ("fi", "Kirjoittanut Matti Virtanen", ["Matti Virtanen"]),
        ("fi", "Teksti: Matti Virtanen", ["Matti Virtanen"]),
        ("hr", "Piše: Ivan Horvat", ["Ivan Horvat"]),
        ("sl", "Avtor: Janez Novak", ["Janez Novak"]),
        ("lv", "Autors: Jānis Bērziņš", ["Jānis Bērziņš"]),
        ("lt", "Autorius: Jonas Jonaitis", ["Jonas Jonaitis"]),
        ("el", "Γράφει: Γιώργος Παπαδόπουλος", ["Γιώργος Παπαδόπουλος"]),
        ("id", "Penulis: Budi Santoso", ["Budi Santoso"]),
        ("id", "Oleh Budi Santoso", ["Budi Santoso"]),
        ("ms", "Oleh: Siti Aminah", ["Siti Aminah"]),
        ("vi", "Tác giả: Nguyễn Văn An", ["Nguyễn Văn An"]),
        ("hi", "लेखक: राहुल शर्मा", ["राहुल शर्मा"]),
        ("fa", "نویسنده: علی رضایی", ["علی رضایی"]),
        ("th", "ผู้เขียน: สมชาย ใจดี", ["สมชาย ใจดี"]),
        ("tl", "Ni Juan dela Cruz", ["Juan dela Cruz"]),
    ],
)
def test_a_byline_of_another_language_names_the_writer(xkey, lang, byline, names):
    assert through_api(xkey, lang, byline) == names


@pytest.mark.parametrize(
    ("lang", "byline"),
    [
        ("en", "Oleh Petrenko"),  # a Ukrainian first name on an English page
        ("uk", "Oleh Petrenko"),
        ("sv", "Per Nilsson"),  # a Scandinavian first name
        ("es", "Per Joan Garcia"),
        ("ca", "Per a tothom"),  # "for everyone": no name after it
        ("en", "Ni Hao Market"),
        ("fr", "Texte intégral"),  # "Texte" labels a name only before a colon
        ("id", "Oleh karena itu, pangkas mawar di musim semi."),  # "therefore": a sentence, no name
    ],
)
def test_a_label_that_is_a_first_name_or_a_word_is_no_byline_elsewhere(xkey, lang, byline):
    assert through_api(xkey, lang, byline) in ([], None)


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("ca", "<h2>Per Sant Jordi, llibres i roses</h2>"),  # "for": a festival, no writer
        ("ca", "<p>Per Setmana Santa</p>"),
        ("id", "<h2>Oleh-Oleh Khas Bandung</h2>"),  # souvenirs
    ],
)
def test_a_preposition_or_a_word_before_capitalised_words_is_no_byline(xkey, lang, line):
    html = (
        f"<html lang='{lang}'><head><title>Roses</title></head><body>"
        f"<article><h1>Roses</h1>{line}{TEXT}</article></body></html>"
    )
    body = {"type": "article", "content": html, "url": "https://example.com/roses"}
    assert extract_through_api(xkey, body)["data"].get("authors") in ([], None)


@pytest.mark.parametrize("text", ["Oleh-" * 20_000, "Ein Beitrag von " * 5_000, "Tác giả " * 10_000, "per " * 20_000])
def test_hostile_lines_are_read_in_linear_time(text):
    started = time.process_time()  # CPU of this process (the request runs in it), not the wall clock
    byline_in_text(text, "", "ca")
    assert time.process_time() - started < 2
