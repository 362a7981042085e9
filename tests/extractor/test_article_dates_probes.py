"""Date forms the earlier probes did not write, through the API (POST, run, GET; pages by
``tests/extractor/date_probe_pages.py``, 177 of them, in the 15 languages of the template probes and more). 95 were read
wrong before this pass, in five kinds:

- **a sidebar's list of dated posts** ("Recent posts" with each post's day, an ``<aside>``, a ``<div id="sidebar">``,
  a "widget-area" ``<div>`` or a part of ARIA's "complementary" role, after or before the article) dated a post
  whose own date was a split badge, a dateline, the URL's day only, a relative time or nothing
  (``dates.without_dated_sidebars``: the shown-date search, htmldate, the date badge and the republished-page check
  read the page without such a part — outside the headline's ``<article>``, no ``<h1>`` and less than half of the
  page's text in it, two dates or more);
- **an update's label with "last" in other languages** before the publication on the same line ("Zuletzt
  aktualisiert: … | Veröffentlicht: …", "Última actualización:", "Ostatnia aktualizacja:", "最終更新日:", "最后更新：",
  "최종 업데이트:", "Son güncelleme:", a spaced Czech date between; ``dates._UPDATED_LABEL_RE``);
- **a dateline opening the first paragraph** (a long one, past the 200 characters a date line may have: "PARIS, 4
  mars 2024 (XNA) – …"; without its year, the URL's "/2024/03/" gives it when its month agrees;
  ``dates.dateline_date``);
- **a live blog** whose entries' ``<time>``s come newest first: the LiveBlogPosting's ``coverageStartTime`` (or its
  ``datePublished``) dates it before them (``html._dates``);
- **a year in two eras** ("2024年（令和6年）3月4日", "令和6年（2024年）3月4日": ``dates._one_era_year``) and a Thai page's
  numeric Buddhist-era date ("04/03/2567": ``dates._thai_numeric_dates``).

The others (a ``<time>`` without ``datetime`` in each language, alone or labelled, publication-then-update lines,
two lines, live blogs with the day shown, relative times in a ``<time datetime>``, other eras beside the Gregorian
day, a Hijri day alone left undated) were read right before and stay so."""

from __future__ import annotations

import pytest

from tests.extractor.date_probe_pages import all_cases, read_day
from tests.helpers import extract_through_api

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("group", "key"), all_cases())
def test_the_day_a_page_shows_is_read(xkey, group, key):
    read_day(xkey, group, key)


SENTENCE = "Roses grow back strong when the old canes are cut low and the cuts are clean and angled"


def _day(xkey, body: str, url: str) -> str:
    paras = "".join(f"<p>{SENTENCE} ({i}). {SENTENCE}.</p>" for i in range(4))
    html = f"<html lang='en'><head><title>Roses</title></head><body>{body.format(paras=paras)}</body></html>"
    data = extract_through_api(xkey, {"type": "article", "content": html, "url": url})["data"]
    return (data.get("publishedAt") or "")[:10]


@pytest.mark.parametrize(
    ("first", "url"),
    [
        # the URL's month is not the dateline's: no year is lent
        ("LONDON, March 4 (XNA) – ", "https://news.example.org/2024/05/roses/"),
        # no year anywhere
        ("LONDON, March 4 (XNA) – ", "https://news.example.org/roses/"),
        # a sentence, not a dateline (no place in capitals, no credit in brackets)
        ("Roses, March 4 and all – ", "https://news.example.org/2024/03/roses/"),
    ],
)
def test_a_yearless_or_doubtful_dateline_gives_no_day(xkey, first, url):
    body = f"<article><h1>Roses</h1><p>{first}{SENTENCE}. {SENTENCE}. {SENTENCE}.</p>{{paras}}</article>"
    assert _day(xkey, body, url) == ""


def test_an_aside_with_the_article_s_own_date_is_still_read(xkey):
    # one date in an <aside> beside the article (a side column of meta), not a list of posts
    body = (
        "<div class='layout'><article><h1>Roses</h1>{paras}</article><aside class='post-meta'><p>Jane Doe</p>"
        "<p>Published March 4, 2024</p></aside></div>"
    )
    assert _day(xkey, body, "https://blog.example.org/roses/") == "2024-03-04"


def test_a_wrapper_named_for_a_sidebar_that_holds_the_page_is_no_sidebar(xkey):
    # no <h1>: the wrapper of the article and its sidebar holds most of the page's text, so it stays
    body = (
        "<div class='content-sidebar-wrap'><article><h2>Roses</h2><p>March 4, 2024</p>{paras}</article>"
        "<div class='widget'><p>Pruning, February 26, 2024</p><p>Watering, February 12, 2024</p></div></div>"
    )
    assert _day(xkey, body, "https://blog.example.org/roses/") == "2024-03-04"


def test_a_list_of_posts_inside_the_article_s_own_element_still_counts(xkey):
    # an <aside> inside the headline's <article> is the article's: its dates are read as before (the first one)
    body = (
        "<article><h1>Roses</h1><aside><ul><li>Pruning, March 4, 2024</li><li>Watering, February 26, 2024</li></ul>"
        "</aside>{paras}</article>"
    )
    assert _day(xkey, body, "https://blog.example.org/roses/") == "2024-03-04"
