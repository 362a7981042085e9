"""A numeric date shown with the time of day after it, through the API (POST, run, GET), when no structured data dates
the page: "04.03.2025, 10:15 Uhr", "2025-03-04 10:15", "04/03/2025 - 10h15", "03/04/2025 at 10:15 am EST" are read as
the date alone is (day first with dots, and with slashes on a page not in US English); a line with anything else after
the time is not a date line (extractor/pipeline/article/dates.py ``_numeric_date``)."""

from __future__ import annotations

import pytest

from tests.helpers import extract_through_api

pytestmark = pytest.mark.django_db

TEXT = "".join(
    f"<p>Paragraph {i} of the article explains how the city council reads its budget, which lines grew this year and "
    "what the vote next month will decide for the schools and the roads.</p>"
    for i in range(1, 6)
)


def published_at(xkey, lang: str, shown: str) -> str | None:
    html = (
        f'<html lang="{lang}"><head><title>Budget</title></head><body>'
        f"<article><h1>Budget</h1><p>{shown}</p>{TEXT}</article></body></html>"
    )
    return extract_through_api(xkey, {"type": "article", "content": html, "url": "https://example.com/budget"})[
        "data"
    ].get("publishedAt")


@pytest.mark.parametrize(
    ("lang", "shown", "expected"),
    [
        ("de", "04.03.2025, 10:15 Uhr", "2025-03-04"),
        ("de", "04.03.2025 um 10:15", "2025-03-04"),
        ("fi", "4.3.2025 klo 10.15", "2025-03-04"),
        ("sv", "2025-03-04 10:15", "2025-03-04"),
        ("fr", "04/03/2025 - 10h15", "2025-03-04"),
        ("pt", "04/03/2025 às 10:15", "2025-03-04"),
        ("en-US", "03/04/2025 at 10:15 am EST", "2025-03-04"),
        ("en", "2025-03-04T10:15", "2025-03-04"),
    ],
)
def test_a_numeric_date_with_its_time_is_read(xkey, lang, shown, expected):
    assert (published_at(xkey, lang, shown) or "")[:10] == expected


@pytest.mark.parametrize("shown", ["04.03.2025 10:15 Uhr und weitere Termine", "04.03.2025 1015 Besucher"])
def test_a_longer_line_is_no_date_line(xkey, shown):
    assert published_at(xkey, "de", shown) is None
