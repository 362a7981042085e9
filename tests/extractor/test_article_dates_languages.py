"""The date a page shows in another language, through the API (POST, run, GET), when no structured data dates it:
month names of more languages, in the genitive where dates use it ("17 декабря 2025", "17. prosince 2025", "17 Aralık
2025", "17. joulukuuta 2025", "17 Δεκεμβρίου 2025", "17 ديسمبر 2025"), the Hungarian year-first order ("2025. december
17."), the Vietnamese "17 tháng 12 năm 2025", the digits of other scripts ("١٧ ديسمبر ٢٠٢٥", "２０２５年１２月１７日"); and the
publication labels of more languages, which pick the published date over an earlier unlabelled one
(extractor/pipeline/article/dates.py ``dates_in_text``, ``labelled_text_date``)."""

from __future__ import annotations

import pytest

from tests.helpers import article_published_at as published_at

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("lang", "shown"),
    [
        ("ru", "17 декабря 2025 г."),
        ("uk", "17 грудня 2025"),
        ("cs", "17. prosince 2025"),
        ("tr", "17 Aralık 2025"),
        ("fi", "17. joulukuuta 2025"),
        ("el", "17 Δεκεμβρίου 2025"),
        ("id", "17 Desember 2025"),
        ("ro", "17 decembrie 2025"),
        ("hr", "17. prosinca 2025."),
        ("ca", "17 de desembre de 2025"),
        ("hu", "2025. december 17."),
        ("vi", "ngày 17 tháng 12 năm 2025"),
        ("ar", "١٧ ديسمبر ٢٠٢٥"),
        ("ja", "２０２５年１２月１７日"),
    ],
)
def test_a_date_shown_in_another_language(xkey, lang, shown):
    assert published_at(xkey, lang, f"<p>{shown}</p>") == "2025-12-17"


@pytest.mark.parametrize(("lang", "shown"), [("tr", "17 ARALIK 2025"), ("tr", "17 KASIM 2025")])
def test_a_month_name_in_capitals_of_a_language_with_a_dotless_i(xkey, lang, shown):
    expected = "2025-12-17" if "ARALIK" in shown else "2025-11-17"
    assert published_at(xkey, lang, f"<p>{shown}</p>") == expected


@pytest.mark.parametrize(
    "text",
    [
        "Top 5 Mac 2024 deals for students",  # "Mac" is no month ("mac", Malay March, is not read)
        "Sales rose in 2021. Mar 9 was the best day",  # the year-first order is Hungarian month names only
        "It launched in 2022. Gen 2 arrived later",
    ],
)
def test_words_beside_a_year_are_no_date(xkey, text):
    assert published_at(xkey, "en", f"<p>{text}</p>") is None


@pytest.mark.parametrize(
    ("lang", "label"),
    [
        ("hr", "Objavljeno:"),
        ("ro", "Publicat:"),
        ("hu", "Közzétéve:"),
        ("el", "Δημοσιεύθηκε:"),
        ("ar", "تاريخ النشر:"),
        ("he", "פורסם:"),
        ("vi", "Ngày đăng:"),
        ("id", "Diterbitkan:"),
        ("da", "Udgivet:"),
        ("ko", "입력"),
        ("zh", "发布日期："),
    ],
)
def test_a_publication_label_of_another_language_picks_its_date(xkey, lang, label):
    # an earlier date without a label (the last update, shown first) gives way to the labelled one
    meta = f"<p>03.02.2026</p><p>{label} 17.12.2025</p>"
    assert published_at(xkey, lang, meta) == "2025-12-17"
