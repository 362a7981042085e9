"""Dates written with the month names of more scripts and languages, through the API (POST, run, GET), when no
structured data dates the page: Hindi (with the nukta as one code point or two), Hebrew (bare and after "ב"), Persian,
Urdu, the Levantine Arabic names ("كانون الأول", "آذار", also beside the Gregorian one: "17 ديسمبر/كانون الأول 2025"),
Bengali, Tamil, Swahili, Welsh, Lithuanian and Latvian (their year-first order too: "2025 m. gruodžio 17 d.", "2025.
gada 17. decembrī"), digits of their scripts included; and the publication and update labels of hi / th / fa / he /
ar that tell a dateline's two dates apart. Words that merely sit between a number and a year stay undated
(extractor/pipeline/article/dates.py ``_MORE_MONTHS``, ``_TEXT_DATE_DMY_INTL``, ``_TEXT_DATE_YMD_BALTIC``,
``_PUBLISHED_WORDS``, ``_UPDATED_LABEL_RE``)."""

from __future__ import annotations

import time

import pytest

from extractor.pipeline.article.dates import dates_in_text
from tests.helpers import article_published_at as published_at

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("lang", "shown", "expected"),
    [
        ("hi", "17 दिसंबर 2025", "2025-12-17"),
        ("hi", "4 मार्च, 2025", "2025-03-04"),
        ("hi", "4 \u095eरवरी 2025", "2025-02-04"),  # फ़ as one code point
        ("hi", "4 \u092b\u093cरवरी 2025", "2025-02-04"),  # फ and its nukta
        ("hi", "४ सितम्बर २०२५", "2025-09-04"),
        ("he", "17 בדצמבר 2025", "2025-12-17"),
        ("he", "4 מרץ 2025", "2025-03-04"),
        ("fa", "۱۷ دسامبر ۲۰۲۵", "2025-12-17"),
        ("ur", "4 اگست 2025", "2025-08-04"),
        ("ar", "17 كانون الأول 2025", "2025-12-17"),
        ("ar", "٤ آذار ٢٠٢٥", "2025-03-04"),
        ("ar", "4 تشرين الثاني 2025", "2025-11-04"),
        ("ar", "الأربعاء 17 ديسمبر/كانون الأول 2025", "2025-12-17"),  # both names of the month
        ("ar", "٤ آذار / مارس ٢٠٢٥", "2025-03-04"),
        ("bn", "১৭ ডিসেম্বর ২০২৫", "2025-12-17"),
        ("ta", "17 டிசம்பர் 2025", "2025-12-17"),
        ("sw", "17 Desemba 2025", "2025-12-17"),
        ("cy", "4 Gorffennaf 2025", "2025-07-04"),
        ("lt", "2025 m. gruodžio 17 d.", "2025-12-17"),
        ("lt", "Paskelbta 2025 m. kovo 4 d. 10:15", "2025-03-04"),
        ("lt", "17 gruodžio 2025", "2025-12-17"),
        ("lv", "2025. gada 17. decembrī", "2025-12-17"),
        ("lv", "Publicēts: 2025. gada 4. martā, 10:15", "2025-03-04"),
    ],
)
def test_a_date_shown_with_the_month_of_another_script(xkey, lang, shown, expected):
    assert published_at(xkey, lang, f"<p>{shown}</p>") == expected


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("hi", "अपडेट: 5 मार्च 2025 | प्रकाशित: 4 मार्च 2025"),
        ("th", "อัปเดต 5 มี.ค. 2568 | เผยแพร่ 4 มี.ค. 2568"),
        ("fa", "به‌روزرسانی: ۱۵ اسفند ۱۴۰۳ | تاریخ انتشار: ۱۴ اسفند ۱۴۰۳"),
        ("he", "עודכן: 5 במרץ 2025 | פורסם: 4 במרץ 2025"),
        ("ar", "آخر تحديث: 5 آذار 2025 | نشر في: 4 آذار 2025"),
    ],
)
def test_an_update_first_dateline_gives_its_publication_date(xkey, lang, line):
    assert published_at(xkey, lang, f"<p>{line}</p>") == "2025-03-04"


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("fa", "۲ لیوان آب ۲۰۰ میلی‌لیتر"),  # "water", not the Levantine August
        ("he", "ב-3 סרטים מ-2025"),
        ("lt", "2025 m. buvo 17 dienų"),
        ("lv", "2025. gada 17. numurs"),
    ],
)
def test_words_between_a_number_and_a_year_are_no_date(xkey, lang, text):
    assert published_at(xkey, lang, f"<p>{text}</p>") is None


@pytest.mark.parametrize(
    "text",
    [
        "17 " * 20_000 + "2025",
        "17 בדצמבר " * 10_000,
        "2025 m. " * 20_000,
        "2025. gada 17. " * 10_000,
        "\u095e" * 50_000 + " 2025",
    ],
)
def test_hostile_lines_are_read_in_linear_time(text):
    started = time.process_time()  # CPU of this process (the request runs in it), not the wall clock
    dates_in_text(text)
    assert time.process_time() - started < 2
