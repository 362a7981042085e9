"""The spellings the twenty-first metadata pass reads, one line under the headline each, through the API (POST, run,
GET), when nothing else dates the page (extractor/pipeline/article/dates.py): a slashed date whose second number is no
month reads month first on any page ("03/14/2024", Drupal's default format in every translation; "03/04/2024" stays
day first where the page's language writes it so); a day, a CJK month and a year ("14 3月, 2024", "4 十二月, 2024",
"14 3월, 2024"); Czech short month names on Czech pages ("po 04. bře 2024 10:30", "4. lis 2025"); a Thai page's
numeric Buddhist-era date ("04/03/2567", on Thai pages only); a year given in two eras ("令和6年（2024年）3月4日")."""

from __future__ import annotations

import pytest

from tests.helpers import article_published_at as published_at

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("lang", "line", "day"),
    [
        ("pl", "czw., 03/14/2024 - 10:30", "2024-03-14"),
        ("fr", "14/03/2024", "2024-03-14"),
        ("de", "03/04/2024", "2024-04-03"),
        ("ja", "14 3月, 2024", "2024-03-14"),
        ("zh", "4 十二月, 2024", "2024-12-04"),
        ("zh", "14 三月, 2024", "2024-03-14"),
        ("ko", "14 3월, 2024", "2024-03-14"),
        ("cs", "po 04. bře 2024 10:30", "2024-03-04"),
        ("cs", "4. lis 2025", "2025-11-04"),
        ("th", "04/03/2567", "2024-03-04"),
        ("ja", "令和6年（2024年）3月4日", "2024-03-04"),
        ("ja", "2024年（令和6年）3月4日", "2024-03-04"),
        ("zh-TW", "2024年（民國113年）3月4日", "2024-03-04"),
    ],
)
def test_the_spelling_is_read(xkey, lang, line, day):
    assert (published_at(xkey, lang, f"<p>{line}</p>") or "")[:10] == day


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("en", "04/03/2567"),  # a Buddhist-era year on a page of another language
        ("en", "Chapter 14 3 2024"),  # no month's sign
        ("en", "14/14/2024"),  # no month either way
        ("de", "lis 4. 2025"),
    ],
)
def test_a_number_run_is_no_date(xkey, lang, line):
    assert published_at(xkey, lang, f"<p>{line}</p>") is None
