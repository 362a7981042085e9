"""How an article's publication date is read from what the page shows, through the API (POST, run, GET): a numeric
date after a publication label, also after a short kicker ("Essay - Published: 2025.12.17"); the day a ``<time>``
shows over its UTC ``datetime`` one day off; the URL's day, also with a month name ("/2023/october/03/"), over a
shown numeric date read the other way round; a slash date read day first on a page whose language is not US English
(en-GB, fr …); month names and publication labels of other languages; bylines of other
languages ("Von …", "Par … et …", "Escrito por …", "Autor: …"), but not a sentence or a lone surname after the
preposition (extractor/pipeline/article/dates.py, html.py, authors.py)."""

from __future__ import annotations

import pytest

from tests.helpers import extract_through_api

pytestmark = pytest.mark.django_db

TEXT = "".join(
    f"<p>Paragraph {i} of the article explains when and how to prune roses, which tools to use, and what to do with "
    "the cut stems so that the plant grows back strong in spring.</p>"
    for i in range(1, 6)
)


def published_at(xkey, byline: str, url: str = "https://example.com/roses", lang: str = "en") -> str | None:
    html = (
        f'<html lang="{lang}"><head><title>Pruning roses</title></head><body><nav><p>Menu</p></nav>'
        f"<article><h1>Pruning roses</h1>{byline}{TEXT}</article>"
        "<aside><p>Recent: Planting tulips, March 3, 2021</p></aside></body></html>"
    )
    return extract_through_api(xkey, {"type": "article", "content": html, "url": url})["data"].get("publishedAt")


def test_year_first_numeric_date_after_a_label_behind_a_kicker(xkey):
    assert published_at(xkey, "<p>Essay - Published: 2025.12.17 | 6 min read</p>") == "2025-12-17"
    # a label inside a sentence still does not count: the first shown date is taken
    byline = "<p>This essay was first published in 2019 and revised: 2025.12.17</p>"
    assert published_at(xkey, byline) == "2021-03-03"


def test_the_day_a_time_element_shows_over_its_utc_datetime_one_day_off(xkey):
    byline = '<p>By Jane Doe, <time datetime="2026-02-24T04:13:00Z">February 23, 2026</time></p>'
    assert published_at(xkey, byline) == "2026-02-23"
    # the same day written differently, or another day altogether: the datetime stays
    byline = '<p><time datetime="2026-02-24T04:13:00Z">Feb 24, 2026</time></p>'
    assert published_at(xkey, byline) == "2026-02-24T04:13:00Z"
    byline = '<p><time datetime="2026-02-24T04:13:00Z">Last week</time></p>'
    assert published_at(xkey, byline) == "2026-02-24T04:13:00Z"


def test_the_day_a_url_names_with_a_month_name_over_a_shown_date_read_the_other_way(xkey):
    url = "https://example.org/knowledge/blog/2023/october/03/pruning-roses/"
    assert published_at(xkey, "<p>03/10/2023</p>", url=url) == "2023-10-03"
    # without a date in the URL the shown date is read month first, as before
    assert published_at(xkey, "<p>03/10/2023</p>") == "2023-03-10"


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en-GB", "2023-10-03"),
        ("fr", "2023-10-03"),
        ("en-AU", "2023-10-03"),
        ("en-US", "2023-03-10"),
        ("en", "2023-03-10"),
    ],
)
def test_a_shown_slash_date_read_day_first_on_pages_outside_us_english(xkey, lang, expected):
    assert published_at(xkey, "<p>Posted: 03/10/2023</p>", lang=lang) == expected


@pytest.mark.parametrize(
    ("lang", "byline", "expected"),
    [
        ("de", "<p>Veröffentlicht am 17. Dez. 2025</p>", "2025-12-17"),
        ("fr", "<p>Publié le 1er janvier 2025</p>", "2025-01-01"),
        ("es", "<p>Publicado el 17 de diciembre de 2025</p>", "2025-12-17"),
        ("it", "<p>Pubblicato il 3 marzo 2024</p>", "2024-03-03"),
        ("pt", "<p>Publicado em 5 de setembro de 2024</p>", "2024-09-05"),
        ("nl", "<p>Gepubliceerd op 12 mei 2023</p>", "2023-05-12"),
        ("pl", "<p>Opublikowano: 17 grudnia 2025</p>", "2025-12-17"),
        ("ja", "<p>公開日：2025年12月17日</p>", "2025-12-17"),
        ("ko", "<p>게시일 2025년 12월 7일</p>", "2025-12-07"),
    ],
)
def test_publication_dates_in_other_languages(xkey, lang, byline, expected):
    assert published_at(xkey, byline, lang=lang) == expected


def test_a_labelled_date_in_another_language_beats_an_earlier_unlabelled_one(xkey):
    byline = "<p>Rezept zuerst probiert am 21. Juni 2017</p><p>Veröffentlicht: 13. April 2023</p>"
    assert published_at(xkey, byline, lang="de") == "2023-04-13"


@pytest.mark.parametrize(
    ("lang", "byline", "expected"),
    [
        ("de", "<p>Von Max Mustermann am 17. Dezember 2025</p>", ["Max Mustermann"]),
        ("fr", "<p>Par Jean Dupont et Marie Curie</p>", ["Jean Dupont", "Marie Curie"]),
        ("es", "<p>Escrito por Ana García y Luis Gómez</p>", ["Ana García", "Luis Gómez"]),
        ("pl", "<p>Autor: Jan Nowak</p>", ["Jan Nowak"]),
    ],
)
def test_bylines_in_other_languages(xkey, lang, byline, expected):
    html = (
        f'<html lang="{lang}"><head><title>Pruning roses</title></head><body>'
        f"<article><h1>Pruning roses</h1>{byline}{TEXT}</article></body></html>"
    )
    body = {"type": "article", "content": html, "url": "https://example.com/roses"}
    assert extract_through_api(xkey, body)["data"]["authors"] == expected


@pytest.mark.parametrize("line", ["Par exemple, le jardin", "Von Berlin nach München", "Di Maio"])
def test_a_sentence_or_a_surname_after_a_preposition_is_no_byline(xkey, line):
    html = (
        '<html lang="fr"><head><title>Pruning roses</title></head><body>'
        f"<article><h1>Pruning roses</h1><p>{line}</p>{TEXT}</article></body></html>"
    )
    body = {"type": "article", "content": html, "url": "https://example.com/roses"}
    assert not extract_through_api(xkey, body)["data"].get("authors")


def test_long_runs_of_separators_do_not_stall_the_publication_label(xkey):
    # the label's pattern ("Essay - Published: …") was tried on every text node, however long: a 100 KB run of " -"
    # took it a second or more, twice (the node, then as the node before the next); ten of them: ~40 s a page
    import time

    runs = "".join(f"<p>a{' -' * 50_000}</p>" for _ in range(10))
    started = time.process_time()  # CPU of this process (the request runs in it), not the wall clock
    assert published_at(xkey, runs + "<p>Essay - Published: 2025.12.17</p>") == "2025-12-17"
    assert time.process_time() - started < 10
