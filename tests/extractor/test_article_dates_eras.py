"""Dates whose years count from another era, through the API (POST, run, GET), when no structured data dates the page:
the Thai Buddhist era ("17 ธันวาคม 2568", "4 มี.ค. 2568", "พ.ศ. 2568"; a Gregorian year beside a Thai month read as it
is), the Persian solar calendar by its months' names ("۱۵ فروردین ۱۴۰۴" is 4 April 2025), the Japanese eras Reiwa and
Heisei ("令和7年12月17日", "令和元年") and Taiwan's Minguo years after the era's name; and ISO 8601's week and ordinal
dates in structured data ("2025-W51-3", "2025-351"); a Persian page's numeric solar date of the years 1300-1439
("1403/10/17", "۱۴۰۲/۱۲/۱۵": the nineteenth metadata pass; the Hijri years of today, 1440 on, stay unread). A year of
another era without its months or era name (a bare "114年", a Hijri "1446"), a two-digit Buddhist year, a day before its era began, a week without its day
and a 366th day of a common year stay undated rather than guessed (extractor/pipeline/article/dates.py ``_ERA_DATES``,
``jalali_to_gregorian``, ``_jalali_numeric_dates``, ``_iso_week_or_ordinal``)."""

from __future__ import annotations

import time

import pytest

from extractor.pipeline.article.dates import dates_in_text, iso_date, jalali_to_gregorian
from tests.helpers import ARTICLE_TEXT, extract_through_api
from tests.helpers import article_published_at as published_at

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("lang", "shown", "expected"),
    [
        ("th", "17 ธันวาคม 2568", "2025-12-17"),
        ("th", "4 มี.ค. 2568", "2025-03-04"),
        ("th", "วันที่ 4 มีนาคม พ.ศ. 2568", "2025-03-04"),
        ("th", "๔ ก.ค. ๒๕๖๘", "2025-07-04"),  # Thai digits
        ("th", "17 ธันวาคม 2025", "2025-12-17"),  # a Gregorian year
        ("fa", "۱۵ فروردین ۱۴۰۴", "2025-04-04"),
        ("fa", "۱۷ دی ۱۴۰۳", "2025-01-06"),
        ("fa", "تاریخ انتشار: ۳۰ اسفند ۱۴۰۳", "2025-03-20"),  # the last day of a leap year
        ("ja", "令和7年12月17日", "2025-12-17"),
        ("ja", "公開日：令和元年5月1日", "2019-05-01"),
        ("ja", "平成31年4月30日", "2019-04-30"),
        ("zh-TW", "民國114年12月17日", "2025-12-17"),
        ("fa", "1403/10/17", "2025-01-06"),  # a Persian page's numeric solar date
    ],
)
def test_a_date_of_another_era(xkey, lang, shown, expected):
    assert published_at(xkey, lang, f"<p>{shown}</p>") == expected


@pytest.mark.parametrize(
    ("lang", "shown"),
    [
        ("zh-TW", "114年12月17日"),  # a Minguo year without its era's name
        ("fa", "1446/06/17"),  # a Hijri year on a Persian page
        ("ar", "1403/10/17"),  # a solar year's numeric date on a page of another language
        ("ar", "17 جمادى الآخرة 1446"),  # a Hijri date
        ("ja", "令和元年4月30日"),  # before Reiwa began
        ("ja", "平成32年1月1日"),  # after Heisei ended
        ("th", "17 ธ.ค. 68"),  # a two-digit Buddhist year
        ("th", "ราคา 17 ธ.ค. 2900"),
        ("fa", "۳۱ مهر ۱۴۰۳"),  # the seventh month has 30 days
    ],
)
def test_a_year_of_another_era_without_its_marks_stays_undated(xkey, lang, shown):
    assert published_at(xkey, lang, f"<p>{shown}</p>") is None


def _meta_dated(xkey, value: str) -> str | None:
    html = (
        f'<html lang="en"><head><title>Roses</title><meta property="article:published_time" content="{value}">'
        f"</head><body><article><h1>Roses</h1>{ARTICLE_TEXT}</article></body></html>"
    )
    body = {"type": "article", "content": html, "url": "https://example.com/roses"}
    return extract_through_api(xkey, body)["data"].get("publishedAt")


@pytest.mark.parametrize(
    ("value", "expected"),
    [("2025-351", "2025-12-17"), ("2024-060", "2024-02-29"), ("2025-351T10:15:00Z", "2025-12-17")],
)
def test_an_ordinal_date_in_structured_data(xkey, value, expected):
    assert _meta_dated(xkey, value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-W51-3", "2025-12-17"),
        ("2025W513", "2025-12-17"),
        ("2020-W53-7", "2021-01-03"),
        ("2025-W51", None),
        ("2025-W54-1", None),
        ("2025-366", None),
        ("2025-000", None),
        ("Wed, 17 Dec 2025", "2025-12-17"),
    ],
)
def test_iso_week_and_ordinal_values(value, expected):
    assert iso_date(value) == expected


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        ((1404, 1, 1), "2025-03-21"),
        ((1403, 1, 1), "2024-03-20"),
        ((1402, 12, 29), "2024-03-19"),
        ((1300, 1, 1), "1921-03-21"),
    ],
)
def test_persian_new_years(day, expected):
    assert jalali_to_gregorian(*day).isoformat() == expected


@pytest.mark.parametrize("text", ["令和" * 20_000 + "7年", "17 ธ.ค. " * 10_000, "17 دی " * 10_000 + "۱۴۰۳"])
def test_hostile_lines_are_read_in_linear_time(text):
    started = time.process_time()  # CPU of this process (the request runs in it), not the wall clock
    dates_in_text(text)
    assert time.process_time() - started < 2
