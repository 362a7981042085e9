"""Visible bylines of more languages and scripts, through the API (POST, run, GET): "Skrivet av …" (sv), "Napisao /
Napisala …" (hr, bs, sr), "Napisal: …" (sl), "Scris de …" (ro), "Redactado por …" (es), "Аутор: …" (sr), "Egilea: …"
(eu), "Γράφει ο …" (el, the article before the name), "به قلم …" (fa), "تحریر: …" (ur), "بواسطة …" (ar), "লেখক: …"
(bn), "எழுதியவர்: …" (ta: a label ending in a virama, after which no word boundary stands), "เขียนโดย …" and "โดย …"
(th), "Eftir …" (is), "Nga …" (sq), and "Reporter:" / "כתב:" / "रिपोर्ट:" with their colon. The labels that are words
or first names elsewhere ("โดย" opens Thai sentences, "Eftir" is "after", "Nga" a Vietnamese first name) are a byline
only on a page of their language, and no sentence after a label is taken for a name
(extractor/pipeline/article/authors.py ``_BYLINE_RE``, ``_LANGUAGE_LABELS``, ``_FIRST_NAME_LABELS``)."""

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
        ("sv", "Skrivet av Anna Svensson", ["Anna Svensson"]),
        ("hr", "Napisao: Ivan Horvat", ["Ivan Horvat"]),
        ("bs", "Napisala Amra Hodžić", ["Amra Hodžić"]),
        ("sl", "Napisal: Janez Novak", ["Janez Novak"]),
        ("ro", "Scris de Ion Popescu", ["Ion Popescu"]),
        ("es", "Redactado por Juan García", ["Juan García"]),
        ("sr", "Аутор: Марко Марковић", ["Марко Марковић"]),
        ("eu", "Egilea: Jon Etxeberria", ["Jon Etxeberria"]),
        ("el", "Γράφει ο Γιάννης Παπαδόπουλος", ["Γιάννης Παπαδόπουλος"]),
        ("el", "Γράφει η Μαρία Οικονόμου", ["Μαρία Οικονόμου"]),
        ("fa", "به قلم علی رضایی", ["علی رضایی"]),
        ("ur", "تحریر: علی احمد", ["علی احمد"]),
        ("ar", "بواسطة أحمد علي", ["أحمد علي"]),
        ("bn", "লেখক: রহিম উদ্দিন", ["রহিম উদ্দিন"]),
        ("ta", "எழுதியவர்: ராஜ் குமார்", ["ராஜ் குமார்"]),
        ("th", "เขียนโดย สมชาย ใจดี", ["สมชาย ใจดี"]),
        ("th", "โดย สมชาย ใจดี", ["สมชาย ใจดี"]),
        ("is", "Eftir Jón Jónsson", ["Jón Jónsson"]),
        ("sq", "Nga Arben Hoxha", ["Arben Hoxha"]),
        ("id", "Reporter: Budi Santoso", ["Budi Santoso"]),
        ("he", "כתב: דני כהן", ["דני כהן"]),
        ("hi", "रिपोर्ट: राहुल शर्मा", ["राहुल शर्मा"]),
    ],
)
def test_a_byline_of_another_script_names_the_writer(xkey, lang, byline, names):
    assert through_api(xkey, lang, byline) == names


@pytest.mark.parametrize(
    ("lang", "byline"),
    [
        ("en", "Nga Nguyen"),  # a Vietnamese first name on an English page
        ("vi", "Nga Nguyễn"),
        ("en", "Eftir Jónsson"),
        ("is", "Eftir því sem rósirnar vaxa"),  # "as the roses grow"
        ("en", "โดย สมชาย ใจดี"),
        ("th", "โดยทั่วไปแล้วกุหลาบควรตัดแต่งในฤดูหนาว"),  # "generally, …": no space after the word
        ("en", "Reporter Jane Doe visited the farm"),  # no colon: a sentence
        ("hr", "Napisao je tri knjige o ružama i vrtovima."),
        ("ar", "بواسطة الذكاء الاصطناعي يمكن تقليم الورود بسهولة كبيرة وسريعة"),
    ],
)
def test_a_label_of_another_language_or_a_sentence_names_no_one(xkey, lang, byline):
    assert through_api(xkey, lang, byline) == []


def test_a_first_name_that_is_a_label_stays_in_a_structured_name(xkey):
    html = (
        "<html lang='sq'><head><title>Roses</title><meta name='author' content='Nga Nguyen'></head><body>"
        f"<article><h1>Roses</h1>{TEXT}</article></body></html>"
    )
    body = {"type": "article", "content": html, "url": "https://example.com/roses"}
    assert extract_through_api(xkey, body)["data"]["authors"] == ["Nga Nguyen"]


@pytest.mark.parametrize("text", ["Skrivet av " + "a " * 50_000, "به قلم " * 20_000, "Reporter" + " " * 100_000 + "x"])
def test_hostile_lines_are_read_in_linear_time(text):
    started = time.process_time()  # CPU of this process (the request runs in it), not the wall clock
    byline_in_text(text, lang="sv")
    assert time.process_time() - started < 2
