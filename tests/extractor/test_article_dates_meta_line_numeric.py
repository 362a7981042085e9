"""A numeric date standing as one part of a meta line, through the API (POST, run, GET), when no structured data dates
the page: between the line's separators ("|", "·", "•", ",", ";", a spaced dash), at its start or end, with a time
of day after it at most ("Von Hans Müller | 04.10.2025", "Jan Kowalski, 04.10.2025, 10:15", "04.10.2025 | Politik",
"John Doe · 2025-10-04"); day and month in the order the page's language writes them, as a line of its own. Before,
only a line that was nothing but the date was read. Not a number run into other words ("Valid 01.01.2025 - 31.12.2025
only", "Politik | 04.10.2025-17"), nor the end of a range ("2025-12-12 - 2025-12-17"), nor a dotted date on a page that
writes the month first (US English) (extractor/pipeline/article/dates.py ``_NUMERIC_SEGMENT_RE``)."""

from __future__ import annotations

import time

import pytest

from extractor.pipeline.article.dates import _numeric_segment_dates
from tests.helpers import article_published_at as published_at

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("lang", "line", "expected"),
    [
        ("de", "Von Hans Müller | 04.10.2025", "2025-10-04"),
        ("de", "Von Hans Müller, 04.10.2025 um 10:15 Uhr", "2025-10-04"),
        ("de", "04.10.2025 | Politik", "2025-10-04"),
        ("pl", "Jan Kowalski, 04.10.2025, 10:15", "2025-10-04"),
        ("cs", "Jan Novák • 04.10.2025", "2025-10-04"),
        ("en", "John Doe · 2025-10-04", "2025-10-04"),
        # a range: its start
        ("en", "DATE: 2025-12-12 - 2025-12-17", "2025-12-12"),
        ("en", "News | 10/04/2025 | John Doe", "2025-10-04"),
        ("en-GB", "John Doe | 10/04/2025", "2025-04-10"),
        ("fr", "Marie Dupont - 04/10/2025 - 10h15", "2025-10-04"),
    ],
)
def test_a_numeric_date_in_a_meta_line_is_read(xkey, lang, line, expected):
    assert published_at(xkey, lang, f"<p>{line}</p>") == expected


@pytest.mark.parametrize(
    "line",
    ["Valid 01.01.2025 - 31.12.2025 only", "Politik | 04.10.2025-17"],
)
def test_a_number_run_into_other_words_is_no_date(xkey, line):
    assert published_at(xkey, "de", f"<p>{line}</p>") is None


def test_a_dotted_date_on_a_page_that_writes_the_month_first_is_not_read(xkey):
    # "1.10.2025" beside "2.18.2025" on a US page: either way round
    assert published_at(xkey, "en", "<p>Jane Doe | 1.10.2025</p>") is None
    assert published_at(xkey, "en-GB", "<p>Jane Doe | 1.10.2025</p>") == "2025-10-01"


def test_meta_lines_are_read_in_linear_time():
    started = time.process_time()  # CPU of this process (the request runs in it), not the wall clock
    _numeric_segment_dates("| 04.10.2025 x" * 50_000, True)
    _numeric_segment_dates(", 1" * 100_000, True)
    assert time.process_time() - started < 3
