"""Visible bylines in other languages, through the API (POST, run, GET): the label before the name ("Door …", "Av …",
"Napisała …", "Автор: …", "Yazar: …", "作者：…", "文：…", "بقلم …", "מאת …"), the Korean reporter's title after it ("김민준
기자"), names in scripts without letter case, lists joined by "、" or "и", a date glued after the name ("作者：张伟
2025-12-17"). The labels that are English words too ("Door", "Av", "Af") are a byline only on a page in their language
(extractor/pipeline/article/authors.py ``byline_in_text``)."""

from __future__ import annotations

import pytest

from tests.helpers import article_authors as through_api

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("lang", "byline", "names"),
    [
        ("nl", "Door Jan de Vries", ["Jan de Vries"]),
        ("sv", "Av Karin Lindqvist", ["Karin Lindqvist"]),
        ("da", "Af Mette Sørensen", ["Mette Sørensen"]),
        ("it", "A cura di Marco Rossi", ["Marco Rossi"]),
        ("pl", "Napisała Anna Kowalska", ["Anna Kowalska"]),
        ("cs", "Napsal Jan Novák", ["Jan Novák"]),
        ("ru", "Автор: Иван Петров и Мария Иванова", ["Иван Петров", "Мария Иванова"]),
        ("tr", "Yazar: Ayşe Yılmaz", ["Ayşe Yılmaz"]),
        ("fi", "Kirjoittaja: Matti Virtanen", ["Matti Virtanen"]),
        ("hu", "Írta: Kovács Anna", ["Kovács Anna"]),
        ("zh", "作者：张伟、李娜 2025-12-17", ["张伟", "李娜"]),
        ("ja", "文：山田太郎", ["山田太郎"]),
        ("ko", "김민준 기자 minjun@example.com", ["김민준"]),
        ("ar", "بقلم أحمد علي", ["أحمد علي"]),
        ("he", "מאת דנה כהן", ["דנה כהן"]),
        ("en", "Text: Jane Doe", ["Jane Doe"]),
    ],
)
def test_a_byline_of_another_language_names_the_writer(xkey, lang, byline, names):
    assert through_api(xkey, lang, byline) == names


@pytest.mark.parametrize(
    ("lang", "byline"),
    [
        ("en", "Door Knob Styles"),  # an English heading, not a Dutch byline
        ("en", "Av Receivers Compared"),
        ("en", "Yazan Haddad"),  # a first name, the Turkish "yazan" only on Turkish pages
        ("zh", "作者：本站原创内容版权所有"),  # a phrase, not a name
    ],
)
def test_words_that_look_like_a_label_are_no_byline(xkey, lang, byline):
    assert not through_api(xkey, lang, byline)


def test_a_conjunction_of_another_language_splits_only_as_a_word(xkey):
    # "ja" (fi), "ve" (tr), "и" (ru) join two names only as words of their own: "Ja-young" is a name
    assert through_api(xkey, "en", "By Ja-young Kim") == ["Ja-young Kim"]
    assert through_api(xkey, "fi", "Kirjoittaja: Matti Virtanen ja Anna Korhonen") == [
        "Matti Virtanen",
        "Anna Korhonen",
    ]
