"""A month name two languages read as different months, through the API (POST, run, GET), when no structured data
dates the page: "listopada" is October in Croatian (and Bosnian, Serbian Latin) and November in Polish (Czech, Slovak,
Slovene). The page's declared language decides (``<html lang>``, ``og:locale``, ``content-language`` as a name: the
sanitiser drops ``http-equiv``); a page that declares none, or only another language (a theme's "en-US"), is read by
the wording of the date's line and of its text (Croatian "č đ š ž", "godine", "4. listopada 2025."; Polish "ą ę ł ń ś
ź ż", "się", "2025 r."); with no such sign, as before (November). Croatian's own abbreviations ("4. lis 2025."
October, "4. lip 2025." June) are read on Croatian pages, Serbian Latin's nominatives ("4. oktobar 2025.") everywhere
(extractor/pipeline/article/dates.py ``_SHARED_MONTHS``, ``PageWording``, ``_SHORT_MONTHS``)."""

from __future__ import annotations

import time

import pytest

from extractor.pipeline.article.dates import PageWording, _wording_scores, dates_in_text
from tests.helpers import ARTICLE_TEXT, extract_through_api
from tests.helpers import article_published_at as published_at

pytestmark = pytest.mark.django_db

CROATIAN = "<p>Ruže su procvjetale nakon kiše, što je ove godine bilo rijetko.</p>"
POLISH = "<p>Róże zakwitły po deszczu, co w tym roku zdarzyło się rzadko.</p>"


def _published_at(xkey, html_open: str, meta: str, head: str = "", text: str = "") -> str | None:
    html = (
        f"{html_open}<head><title>Roses</title>{head}</head><body>"
        f"<article><h1>Roses</h1>{meta}{text}{ARTICLE_TEXT}</article></body></html>"
    )
    got = extract_through_api(xkey, {"type": "article", "content": html, "url": "https://example.com/roses"})
    return got["data"].get("publishedAt")


@pytest.mark.parametrize(
    ("lang", "shown", "expected"),
    [
        ("hr", "Objavljeno: 4. listopada 2025.", "2025-10-04"),
        ("hr-HR", "4. listopada 2025.", "2025-10-04"),
        ("bs", "4. listopada 2025.", "2025-10-04"),
        ("pl", "Opublikowano: 4 listopada 2025", "2025-11-04"),
        ("pl-PL", "4 listopada 2025 r.", "2025-11-04"),
        # the names a Croatian page abbreviates, on its pages; Polish keeps its own
        ("hr", "4. lis 2025.", "2025-10-04"),
        ("hr", "4. lip 2025.", "2025-06-04"),
        ("hr", "4. stu 2025.", "2025-11-04"),
        ("pl", "4 lis 2025", "2025-11-04"),
        ("pl", "4 lip 2025", "2025-07-04"),
        # Serbian Latin's nominatives
        ("sr-Latn", "4. oktobar 2025.", "2025-10-04"),
        ("sr-Latn", "17. decembar 2025.", "2025-12-17"),
        ("bs", "4. avgust 2025.", "2025-08-04"),
    ],
)
def test_a_shared_month_is_read_in_the_pages_language(xkey, lang, shown, expected):
    assert published_at(xkey, lang, f"<p>{shown}</p>") == expected


@pytest.mark.parametrize(
    ("html_open", "head", "expected"),
    [
        ('<html lang="en-US">', '<meta property="og:locale" content="hr_HR">', "2025-10-04"),
        ("<html>", '<meta name="content-language" content="hr">', "2025-10-04"),
        ('<html lang="en-US">', '<meta property="og:locale" content="pl_PL">', "2025-11-04"),
    ],
)
def test_other_declarations_of_the_language_decide(xkey, html_open, head, expected):
    assert _published_at(xkey, html_open, "<p>4 listopada 2025</p>", head) == expected


@pytest.mark.parametrize(
    ("html_open", "meta", "text", "expected"),
    [
        # no language declared: the page's wording
        ("<html>", "<p>4 listopada 2025</p>", CROATIAN, "2025-10-04"),
        ("<html>", "<p>4 listopada 2025</p>", POLISH, "2025-11-04"),
        # a theme's English beside a Croatian text
        ('<html lang="en-US">', "<p>4 listopada 2025</p>", CROATIAN, "2025-10-04"),
        # the date's own punctuation
        ("<html>", "<p>4. listopada 2025.</p>", "", "2025-10-04"),
        ("<html>", "<p>4 listopada 2025 r.</p>", "", "2025-11-04"),
        # in a <time> without datetime
        ("<html>", "<p><time>4 listopada 2025</time></p>", CROATIAN, "2025-10-04"),
        # nothing tells: as before
        ("<html>", "<p>4 listopada 2025</p>", "", "2025-11-04"),
    ],
)
def test_with_no_language_of_its_own_the_wording_decides(xkey, html_open, meta, text, expected):
    assert _published_at(xkey, html_open, meta, text=text) == expected


def test_the_line_alone_reads_as_before():
    assert dates_in_text("4 listopada 2025") == ["2025-11-04"]
    assert dates_in_text("4. listopada 2025.") == ["2025-10-04"]
    assert dates_in_text("Ruže su procvjetale 4 listopada 2025") == ["2025-10-04"]


def test_the_pages_wording_is_counted_in_linear_time():
    started = time.process_time()  # CPU of this process (the request runs in it), not the wall clock
    _wording_scores("č się 4. listopada 2025. " * 40_000)
    _wording_scores("1. " * 200_000 + "2025.")
    assert PageWording().month("listopada", "a " * 100_000) == 11
    assert time.process_time() - started < 3
