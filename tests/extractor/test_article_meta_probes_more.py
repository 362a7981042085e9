"""Held-out metadata probes of the nineteenth metadata pass, through the API (POST, run, GET): bylines, dates and
layouts of sites nobody tuned for, in the shapes the eighteenth pass's probes (``test_article_meta_probes.py``) did
not write. Bylines: three writers or more joined by another language's "and" ("Von A, B und C", "Por A, B y C"), the
Indonesian and Malay "dan", writers in elements of their own joined so ("Por <a>A</a> y <a>B</a>"), the particles of
other languages' names ("Maria dos Santos", "Corrie ten Boom", "Siti binti Abdullah", "Ali ibn Hassan", "Karl von
Weber und Lisa zu Salm") and particles glued to the name ("Omar al-Farouq", "Valéry d’Estaing"), a closing "Jr."
(extractor/pipeline/article/authors.py ``_NAME_CONNECTORS``, ``_GLUED_PARTICLE_RE``, ``_LAST_NAME_JOIN_RE``,
``_NAME_SPLIT_RE``, ``_name_list``, ``_SUFFIX_DOT_RE``), the newsroom after them ("By Jane Doe and the Daily Post
staff", ``_without_desk_after``). Dates: an update's date then the publication's parted by a
space only, with the update labels of more languages ("Uppdaterad … Publicerad …", "更新日：… 公開日：…", "수정 … 입력 …",
"Aktualizacja: … Publikacja: …", "Güncelleme: … Yayınlanma: …"), month names of Slovene (nominative), Georgian and
Armenian, the Malay "Mac" on Malay pages, a Persian page's numeric solar date ("۱۴۰۲/۱۲/۱۵"), the weekday in
brackets after a Japanese numeric date ("2024/03/05(火)"), the day a URL names written together ("/20240305/"), and a
sidebar's list of posts with their ``<time>``s written before the article (``dates.py``, ``html._time_element_date``).
Near misses beside them: "Dan" as a first name, a Hijri date on an Arabic page, eight digits that are no date in a
URL, a ``<time>`` right above the headline."""

from __future__ import annotations

import pytest

from tests.helpers import ARTICLE_TEXT, extract_through_api
from tests.helpers import article_authors as authors_of
from tests.helpers import article_published_at as published_at

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("lang", "byline", "names"),
    [
        ("de", "Von Hans Müller, Anna Schmidt und Peter Weber", ["Hans Müller", "Anna Schmidt", "Peter Weber"]),
        ("es", "Por María López, Juan García y Ana Ruiz", ["María López", "Juan García", "Ana Ruiz"]),
        ("fr", "Par Pierre Dupont, Marie Martin et Luc Bernard", ["Pierre Dupont", "Marie Martin", "Luc Bernard"]),
        ("id", "Penulis: Budi Santoso dan Siti Rahayu", ["Budi Santoso", "Siti Rahayu"]),
        # particles of other languages' names
        ("pt", "Por Maria dos Santos", ["Maria dos Santos"]),
        ("nl", "Door Corrie ten Boom", ["Corrie ten Boom"]),
        ("ms", "Oleh Siti binti Abdullah", ["Siti binti Abdullah"]),
        ("en", "By Ali ibn Hassan", ["Ali ibn Hassan"]),
        ("de", "Von Karl von Weber und Lisa zu Salm", ["Karl von Weber", "Lisa zu Salm"]),
        ("en", "By Ahmad bin Ismail and Nur binti Ali", ["Ahmad bin Ismail", "Nur binti Ali"]),
        # a particle glued to the name it opens
        ("en", "By Omar al-Farouq", ["Omar al-Farouq"]),
        ("fr", "Par Valéry d’Estaing", ["Valéry d’Estaing"]),
        ("en", "By John Roe Jr.", ["John Roe Jr."]),
        # the newsroom after the writer, written as no name is
        ("en", "By Jane Doe and the Daily Post staff", ["Jane Doe"]),
        ("en", "By Jane Doe and staff reports", ["Jane Doe"]),
    ],
)
def test_writers_of_other_languages_and_their_names_particles(xkey, lang, byline, names):
    assert authors_of(xkey, lang, byline) == names


@pytest.mark.parametrize(
    ("lang", "byline", "names"),
    [
        ("en", "By Jane Doe and Dan Brown", ["Jane Doe", "Dan Brown"]),  # "Dan" is a first name, "dan" an "and"
        ("id", "Oleh Dan Brown", ["Dan Brown"]),
        ("en", "By Jane Doe, Staff Writer, and John Roe, Correspondent", ["Jane Doe", "John Roe"]),
        ("en", "By Leonardo Da Vinci", ["Leonardo Da Vinci"]),
        ("en", "By Mahua Das", ["Mahua Das"]),  # capitalised, a particle is a surname
        ("en", "By Tran Van Do", ["Tran Van Do"]),
        ("en", "By Jane Doe and Associated Press", ["Jane Doe", "Associated Press"]),  # a name's shape: kept
    ],
)
def test_near_misses_of_the_particles_and_joins(xkey, lang, byline, names):
    assert authors_of(xkey, lang, byline) == names


def test_writers_in_elements_of_their_own_joined_by_another_languages_and(xkey):
    byline = (
        "<p class='autor'>Por <a href='/autor/maria-lopez'>María López</a> y "
        "<a href='/autor/juan-garcia'>Juan García</a></p>"
    )
    html = (
        "<html lang='es'><head><title>Rosas</title></head><body>"
        f"<article><h1>Rosas</h1>{byline}{ARTICLE_TEXT}</article></body></html>"
    )
    data = extract_through_api(xkey, {"type": "article", "content": html, "url": "https://example.com/rosas"})["data"]
    assert data.get("authors") == ["María López", "Juan García"]


@pytest.mark.parametrize(
    ("lang", "meta", "day"),
    [
        # an update's date, then the publication's after a space only, in more languages' labels
        ("sv", "<p>Uppdaterad 20 mars 2024 Publicerad 4 mars 2024</p>", "2024-03-04"),
        ("da", "<p>Opdateret 20. marts 2024 Publiceret 4. marts 2024</p>", "2024-03-04"),
        ("ru", "<p>Обновлено 20 марта 2024 Опубликовано 4 марта 2024</p>", "2024-03-04"),
        ("pl", "<p>Aktualizacja: 20.03.2024 Publikacja: 04.03.2024</p>", "2024-03-04"),
        ("tr", "<p>Güncelleme: 20.03.2024 Yayınlanma: 04.03.2024</p>", "2024-03-04"),
        ("ja", "<p>更新日：2024年3月20日 公開日：2024年3月4日</p>", "2024-03-04"),
        ("zh", "<p>更新时间：2024-03-20 发布时间：2024-03-04</p>", "2024-03-04"),
        ("ko", "<p>수정 2024.03.20 10:30 입력 2024.03.04 10:30</p>", "2024-03-04"),
        # month names of more languages
        ("sl", "<p>5. marec 2024</p>", "2024-03-05"),
        ("ka", "<p>5 მარტი 2024</p>", "2024-03-05"),
        ("hy", "<p>5 մարտի 2024</p>", "2024-03-05"),
        ("ms", "<p>5 Mac 2024</p>", "2024-03-05"),
        # a Persian page's numeric date of the solar year, with its digits
        ("fa", "<p>تاریخ انتشار: ۱۴۰۲/۱۲/۱۵</p>", "2024-03-05"),
        # the weekday in brackets after a Japanese numeric date
        ("ja", "<p>2024/03/05(火)</p>", "2024-03-05"),
        ("ko", "<p>2024.03.05(화) 10:30</p>", "2024-03-05"),
    ],
)
def test_dates_of_other_layouts_and_calendars(xkey, lang, meta, day):
    assert (published_at(xkey, lang, meta) or "")[:10] == day


@pytest.mark.parametrize(
    ("lang", "meta"),
    [
        ("ar", "<p>١٤٤٦/٠٩/٠٥</p>"),  # the Hijri year on an Arabic page: not a Persian solar date
        ("en", "<p>Top 5 Mac 2024</p>"),  # the Malay "Mac" on a page of another language
    ],
)
def test_near_misses_of_the_calendars_date_nothing(xkey, lang, meta):
    assert not published_at(xkey, lang, meta)


def _published_at_url(xkey, url: str) -> str | None:
    html = f"<html lang='en'><head><title>Roses</title></head><body><article><h1>Roses</h1>{ARTICLE_TEXT}</article></body></html>"
    return extract_through_api(xkey, {"type": "article", "content": html, "url": url})["data"].get("publishedAt")


@pytest.mark.parametrize(
    ("url", "day"),
    [
        ("https://example.com/news/20240305/roses-in-spring", "2024-03-05"),
        ("https://example.com/a/20240305-roses", "2024-03-05"),
        ("https://example.com/p/20241399/roses", None),  # no such month
        ("https://example.com/item/2024030512345", None),  # a longer number
    ],
)
def test_the_day_a_url_names_written_together(xkey, url, day):
    assert (_published_at_url(xkey, url) or "")[:10] == (day or "")


SIDEBAR = (
    "<aside class='sidebar'><h3>Recent posts</h3><ul>"
    + "".join(
        f"<li><a href='/p{i}'>Another story number {i}</a> <time datetime='2025-0{i}-1{i}T10:00:00Z'>0{i}/1{i}/2025"
        f"</time><p>A short excerpt of story {i}.</p></li>"
        for i in range(1, 8)
    )
    + "</ul></aside>"
)


def _published_at_page(xkey, before: str, header: str) -> str | None:
    html = (
        "<html lang='en'><head><title>Roses</title></head><body><header><nav><a href='/'>Home</a></nav></header>"
        f"{before}<main><article>{header}{ARTICLE_TEXT}</article></main></body></html>"
    )
    body = {"type": "article", "content": html, "url": "https://example.com/roses"}
    return extract_through_api(xkey, body)["data"].get("publishedAt")


def test_a_sidebars_times_before_the_article_give_way_to_the_articles(xkey):
    header = "<h1>Roses</h1><p class='meta'><time datetime='2024-03-04T10:00:00Z'>March 4, 2024</time></p>"
    assert (_published_at_page(xkey, SIDEBAR, header) or "")[:10] == "2024-03-04"


def test_a_time_right_above_the_headline_dates_the_article(xkey):
    # a kicker and the date above the headline: not a sidebar's (the first <time> stands right above the headline)
    header = "<p class='kicker'>Gardening</p><time datetime='2024-03-04T10:00:00Z'>March 4, 2024</time><h1>Roses</h1>"
    assert (_published_at_page(xkey, "", header) or "")[:10] == "2024-03-04"
