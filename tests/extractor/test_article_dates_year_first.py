"""Dates written year first with a dot after each part, through the API (POST, run, GET), when no structured data
dates the page: the Hungarian and Korean numeric order ("2025. 03. 04.", "2025. 3. 4.", "2025.03.04.", with a time of
day), and the Hungarian abbreviated month names with the day's closing dot or suffix ("2025. márc. 4.", "2025. márc.
4-én"). A version number ("2021.3.1"), an English sentence ("… in 2021. Dec. 9 we …") and an impossible month stay
undated (extractor/pipeline/article/dates.py ``_numeric_date``, ``_TEXT_DATE_YMD_INTL``)."""

from __future__ import annotations

import time

import pytest

from extractor.pipeline.article.dates import dates_in_text
from tests.helpers import article_published_at as published_at

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("lang", "meta"),
    [
        ("hu", "<p>2025. 03. 04.</p>"),
        ("hu", "<p>2025. 3. 4.</p>"),
        ("hu", "<p>2025.03.04.</p>"),
        ("hu", "<p>2025. 03. 04. 10:15</p>"),
        ("hu", "<p>Közzétéve: 2025. 03. 04.</p>"),
        ("hu", "<p>2025. márc. 4.</p>"),
        ("hu", "<p>2025. márc. 4-én</p>"),
        ("hu", "<time>2025. márc. 4.</time>"),
        ("ko", "<p>입력 2025. 3. 4. 10:15</p>"),
        ("ko", "<p>2025. 03. 04</p>"),
    ],
)
def test_a_year_first_date_with_dots_is_read(xkey, lang, meta):
    assert published_at(xkey, lang, meta) == "2025-03-04"


def test_the_labelled_year_first_date_beats_an_update_shown_first(xkey):
    meta = "<p>Frissítve: 2025. 03. 09.</p><p>Közzétéve: 2025. 03. 04.</p>"
    assert published_at(xkey, "hu", meta) == "2025-03-04"


@pytest.mark.parametrize(
    ("lang", "meta"),
    [
        ("en", "<p>2021.3.1</p>"),  # a version number: neither spaced nor closed by a dot
        ("en", "<p>Revenue grew in 2021. Dec. 9 was the best day of the year for the shop.</p>"),
        ("en", "<p>Sales rose in 2021. Mar 9 was the best day</p>"),
        ("hu", "<p>2025. 13. 04.</p>"),  # no 13th month
        ("hu", "<p>2025. márc 4</p>"),  # an abbreviation needs its dot and the day's
    ],
)
def test_near_misses_stay_undated(xkey, lang, meta):
    assert published_at(xkey, lang, meta) is None


@pytest.mark.parametrize(
    "text",
    [
        "2025. " * 20_000,
        "2025. márc. " * 10_000,
        "2025. 1. " * 20_000,
        "2025." + "9" * 100_000,
    ],
)
def test_hostile_lines_are_read_in_linear_time(text):
    started = time.process_time()  # CPU of this process (the request runs in it), not the wall clock
    dates_in_text(text)
    assert time.process_time() - started < 2
