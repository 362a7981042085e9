"""Bylines that name several writers under a plural label, through the API (POST, run, GET): "Autorzy:", "Autoři:",
"Autori:", "Autores:", "Auteurs :", "Kirjoittajat:", "Yazarlar:", "Автори:", "Συντάκτες:" …, their names joined by the
language's "and" ("i", "a", "și", "і", "και" besides those read before) — before, no writer was read from such a line.
A capital initial stays in the name ("Jan A Novák") (extractor/pipeline/article/authors.py ``_BYLINE_RE``,
``_NAME_SPLIT_RE``)."""

from __future__ import annotations

import pytest

from tests.helpers import article_authors as authors

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("lang", "byline", "expected"),
    [
        ("pl", "Autorzy: Jan Kowalski i Anna Nowak", ["Jan Kowalski", "Anna Nowak"]),
        ("cs", "Autoři: Jan Novák a Petra Svobodová", ["Jan Novák", "Petra Svobodová"]),
        ("hr", "Autori: Ivan Horvat i Ana Kovač", ["Ivan Horvat", "Ana Kovač"]),
        ("ro", "Autori: Ion Popescu și Maria Ionescu", ["Ion Popescu", "Maria Ionescu"]),
        ("es", "Autores: Juan García y María López", ["Juan García", "María López"]),
        ("fr", "Auteurs : Marie Dupont et Jean Martin", ["Marie Dupont", "Jean Martin"]),
        ("it", "Autori: Mario Rossi e Anna Bianchi", ["Mario Rossi", "Anna Bianchi"]),
        ("fi", "Kirjoittajat: Matti Virtanen ja Anna Korhonen", ["Matti Virtanen", "Anna Korhonen"]),
        ("tr", "Yazarlar: Ahmet Yılmaz ve Ayşe Kaya", ["Ahmet Yılmaz", "Ayşe Kaya"]),
        ("uk", "Автори: Іван Петренко і Анна Коваленко", ["Іван Петренко", "Анна Коваленко"]),
        ("el", "Συντάκτες: Γιάννης Παπαδόπουλος και Μαρία Οικονόμου", ["Γιάννης Παπαδόπουλος", "Μαρία Οικονόμου"]),
    ],
)
def test_a_plural_label_names_each_writer(xkey, lang, byline, expected):
    assert authors(xkey, lang, byline) == expected


@pytest.mark.parametrize(
    ("lang", "byline", "expected"),
    [
        ("cs", "Autor: Jan A Novák", ["Jan A Novák"]),
        ("en", "By Jane Doe and John Roe", ["Jane Doe", "John Roe"]),
    ],
)
def test_single_writers_and_english_lists_read_as_before(xkey, lang, byline, expected):
    assert authors(xkey, lang, byline) == expected
