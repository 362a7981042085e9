"""Bylines that name several writers under a plural label, through the API (POST, run, GET): "Autorzy:", "Autoři:",
"Autori:", "Autores:", "Auteurs :", "Kirjoittajat:", "Yazarlar:", "Автори:", "Συντάκτες:" …, their names joined by
the language's "and" ("i", "a", "și", "і", "και" besides those read before) — before, no writer was read from such a
line — and their commas ("Autoren: Hans Müller, Anna Schmidt", "Authors: Jane Doe, John Roe": before, the first name
only; after a singular label the comma still ends the name). A capital initial stays in the name ("Jan A Novák")
(extractor/pipeline/article/authors.py ``_BYLINE_RE``, ``_NAME_SPLIT_RE``)."""

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
        ("de", "Autoren: Hans Müller, Anna Schmidt", ["Hans Müller", "Anna Schmidt"]),
        (
            "pl",
            "Autorzy: Jan Kowalski, Anna Nowak i Piotr Zieliński",
            ["Jan Kowalski", "Anna Nowak", "Piotr Zieliński"],
        ),
        ("en", "Authors: Jane Doe, John Roe", ["Jane Doe", "John Roe"]),
    ],
)
def test_a_plural_labels_commas_list_writers(xkey, lang, byline, expected):
    assert authors(xkey, lang, byline) == expected


@pytest.mark.parametrize(
    ("lang", "byline", "expected"),
    [
        # after a singular label, a name after a comma is more often a role, a desk or a place (the fourteenth pass)
        ("de", "Autor: Hans Müller, Anna Schmidt", ["Hans Müller"]),
        ("en", "Authors: Jane Doe, Staff Writer", ["Jane Doe"]),
        ("de", "Autoren: Hans Müller, Berlin", ["Hans Müller"]),
    ],
)
def test_a_comma_list_stops_at_what_is_no_writer(xkey, lang, byline, expected):
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
