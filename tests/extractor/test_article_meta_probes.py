"""Held-out metadata probes, through the API (POST, run, GET): article pages written the way sites nobody tuned for
write their bylines, dates and headlines, in several languages. Bylines: "Un article de …", "Article rédigé par …",
"Ein Artikel von …", the newsroom as the label of its writer ("Redacción: …"), the writer credited with the pictures
too ("Texto y fotos: …", "Tekst en foto's: …"), the label's inclusive spellings ("Autor/a:", "Autor*in:"), an
interview's interviewer ("Interview by …", "Propos recueillis par …"), the writer after a reviewer's credit on one
line ("Medically reviewed by … — Written by …"), a byline set in capitals ("BY JANE DOE AND JOHN ROE"), a byline in
the ``<footer>`` of the ``<article>``, the name heading a short writer's card over its bio, and a meta line that
parts name and date by a comma only ("Hans Müller, 15. März 2024") — not a dateline's place nor a weekday
(extractor/pipeline/article/authors.py ``_BYLINE_RE``, ``_name_comma_date``). Dates: the first publication's own
words after an update's ("First published:", "Erstveröffentlichung am …", an update's numeric date after its
preposition), Spanish and Portuguese abbreviated months with "de", a numeric date before an update's label on its
line ("04/03/2024 10h30 Atualizado há 2 horas"), a numeric date after an update's label alone ("Aktualisiert am
20.03.2024", as "Last updated: March 20, 2024" was read), the Article's ambiguous numeric date with nothing else
dating the page read as the page's language writes it (``dates.py``, ``html._dates``); a Chinese meta line parted by
ideographic spaces, its labelled writer after the source (``authors.name_beside_date``). Titles: the h2 the
``<title>`` names under an h1 that is the site's name (``titles._title_in_h2``)."""

from __future__ import annotations

import pytest

from tests.helpers import ARTICLE_TEXT, extract_through_api
from tests.helpers import article_authors as authors_of
from tests.helpers import article_published_at as published_at

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("lang", "byline", "names"),
    [
        ("fr", "Un article de Pierre Dupont", ["Pierre Dupont"]),
        ("fr", "Article rédigé par Pierre Dupont", ["Pierre Dupont"]),
        ("fr", "Un article de Pierre Dupont, publié le 12 mars 2024", ["Pierre Dupont"]),
        ("de", "Ein Artikel von Hans Müller", ["Hans Müller"]),
        ("es", "Un artículo de María López", ["María López"]),
        ("es", "Redacción: María López", ["María López"]),
        ("es", "Redacción: María López | 3 de marzo de 2024", ["María López"]),
        ("it", "Redazione: Marco Rossi", ["Marco Rossi"]),
        ("es", "Texto y fotos: María López", ["María López"]),
        ("de", "Text und Fotos: Hans Müller", ["Hans Müller"]),
        ("en", "Words and pictures by Jane Doe", ["Jane Doe"]),
        ("nl", "Tekst en foto's: Jan de Vries", ["Jan de Vries"]),
        ("es", "Autor/a: María López", ["María López"]),
        ("de", "Autor*in: Hans Müller", ["Hans Müller"]),
        ("fr", "Propos recueillis par Pierre Dupont", ["Pierre Dupont"]),
        ("en", "Interview by Jane Doe", ["Jane Doe"]),
        # a reviewer's credit before the writer's byline on the same line
        ("en", "Medically reviewed by Dr. John Roe — Written by Jane Doe on March 4, 2024", ["Jane Doe"]),
        ("en", "Fact checked by John Roe | By Jane Doe", ["Jane Doe"]),
    ],
)
def test_a_byline_label_of_another_layout_names_the_writer(xkey, lang, byline, names):
    assert authors_of(xkey, lang, byline) == names


@pytest.mark.parametrize(
    ("lang", "byline", "names"),
    [
        ("en", "BY JANE DOE AND JOHN ROE", ["JANE DOE", "JOHN ROE"]),
        ("en", "By John E Smith", ["John E Smith"]),  # a capital initial is no "and"
        ("es", "Por MARÍA LÓPEZ Y JUAN GARCÍA", ["MARÍA LÓPEZ Y JUAN GARCÍA"]),  # nor a capital "Y" (an initial too)
    ],
)
def test_bylines_of_other_layouts(xkey, lang, byline, names):
    assert authors_of(xkey, lang, byline) == names


@pytest.mark.parametrize(
    ("lang", "byline"),
    [
        ("en", "Article Details"),
        ("es", "Redacción: la propuesta"),
        ("fr", "Un article de plus sur le port"),
        ("en", "Interview by phone with the mayor"),
    ],
)
def test_label_words_before_no_name_are_no_byline(xkey, lang, byline):
    assert not authors_of(xkey, lang, byline)


def _authors_of_page(xkey, article: str, after: str = "") -> list[str] | None:
    html = (
        "<html lang='en'><head><title>Roses</title></head><body><header><nav><a href='/'>Home</a></nav></header>"
        f"<main><article><h1>Roses</h1>{article}</article>{after}</main>"
        "<footer><p>Written by the Example Team</p></footer></body></html>"
    )
    body = {"type": "article", "content": html, "url": "https://example.com/roses"}
    return extract_through_api(xkey, body)["data"].get("authors")


def test_the_byline_in_the_articles_own_footer_names_the_writer(xkey):
    footer = "<footer><p>Written by Jane Doe</p><p>Posted on March 4, 2024</p></footer>"
    assert _authors_of_page(xkey, f"{ARTICLE_TEXT}{footer}") == ["Jane Doe"]


def test_the_page_footer_names_no_writer(xkey):
    assert not _authors_of_page(xkey, ARTICLE_TEXT)


def test_a_short_writers_card_gives_the_name_over_its_bio(xkey):
    card = (
        "<div class='author-bio'><h4>Jane Doe</h4><p>Jane Doe is a reporter covering city politics for the Daily "
        "Post.</p></div>"
    )
    assert _authors_of_page(xkey, f"<p>March 4, 2024</p>{ARTICLE_TEXT}{card}") == ["Jane Doe"]


def test_a_card_of_name_and_role_keeps_the_bylines_reading(xkey):
    card = "<div class='author-bio'><h4>Jane Doe</h4><p>Staff Writer</p></div>"
    assert _authors_of_page(xkey, f"<p>March 4, 2024</p>{ARTICLE_TEXT}{card}") == ["Jane Doe"]


@pytest.mark.parametrize(
    ("lang", "line", "names", "day"),
    [
        ("de", "Hans Müller, 15. März 2024", ["Hans Müller"], "2024-03-15"),
        ("en", "Jane Doe, March 4, 2024", ["Jane Doe"], "2024-03-04"),
        ("es", "María López, 3 de marzo de 2024", ["María López"], "2024-03-03"),
        ("nl", "Jan de Vries, 15 maart 2024", ["Jan de Vries"], "2024-03-15"),
    ],
)
def test_a_name_and_date_parted_by_a_comma_name_the_writer(xkey, lang, line, names, day):
    html = (
        f"<html lang='{lang}'><head><title>Roses</title></head><body>"
        f"<article><h1>Roses</h1><p>{line}</p>{ARTICLE_TEXT}</article></body></html>"
    )
    data = extract_through_api(xkey, {"type": "article", "content": html, "url": "https://example.com/roses"})["data"]
    assert data.get("authors") == names
    assert data.get("publishedAt")[:10] == day


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("en", "London, March 4, 2024"),  # a dateline's place
        ("en", "New York, March 4, 2024"),
        ("de", "Berlin, 15. März 2024"),
        ("es", "Madrid, 3 de marzo de 2024"),
        ("en", "Monday, March 4, 2024"),  # a weekday
        ("en", "Press Release, March 4, 2024"),
        ("en", "The council met in the old town hall, March 4, 2024"),
    ],
)
def test_a_place_or_label_before_the_comma_is_no_writer(xkey, lang, line):
    assert not authors_of(xkey, lang, line)


@pytest.mark.parametrize(
    ("lang", "meta", "day"),
    [
        ("de", "<p>Aktualisiert am 20.03.2024 – Erstveröffentlichung am 15.03.2024</p>", "2024-03-15"),
        (
            "en",
            "<p>Last updated: 20 March 2024</p><p>By Jane Doe</p><p>First published: 4 March 2024</p>",
            "2024-03-04",
        ),
        ("en", "<p>Updated: 20 March 2024 • Originally published: 4 March 2024</p>", "2024-03-04"),
        ("fr", "<p>Mis à jour le 14/03/2024 à 08h00 — Publié le 12/03/2024 à 10h05</p>", "2024-03-12"),
        ("it", "<p>Aggiornato il 20/03/2024 - Pubblicato il 15/03/2024</p>", "2024-03-15"),
        ("es", "<p>4 de mar. de 2024</p>", "2024-03-04"),
        ("pt", "<p>Publicado em 4 de out. de 2024</p>", "2024-10-04"),
        ("es", "<p>Actualizado: 20/03/2024 - Publicado: 15/03/2024</p>", "2024-03-15"),
        ("nl", "<p>Gepubliceerd op 15 maart 2024, bijgewerkt op 20 maart 2024</p>", "2024-03-15"),
        ("pt-BR", "<p>04/03/2024 10h30 Atualizado há 2 horas</p>", "2024-03-04"),
        # an update's numeric date alone dates the page, as a month-name one does ("Last updated: March 20, 2024")
        ("de", "<p>Aktualisiert am 20.03.2024</p>", "2024-03-20"),
        ("es", "<p>Actualizado: 20/03/2024</p>", "2024-03-20"),
        ("en", "<p>Last updated: March 20, 2024</p>", "2024-03-20"),
        ("de", "<p>04.03.2024, 10:30 Uhr - Aktualisiert 12:00 Uhr</p>", "2024-03-04"),
    ],
)
def test_the_publication_date_of_a_dateline_in_other_layouts(xkey, lang, meta, day):
    assert (published_at(xkey, lang, meta) or "")[:10] == day


HEADLINE = "Council approves plan to rebuild the harbour district"


def _title(xkey, head: str, body: str) -> str | None:
    html = f"<html lang='en'><head>{head}</head><body>{body}</body></html>"
    return extract_through_api(xkey, {"type": "article", "content": html, "url": "https://example.org/p/harbour"})[
        "data"
    ].get("title")


@pytest.mark.parametrize(
    ("head", "masthead"),
    [
        # the blog's name as the page's h1, the <title> naming the post and the blog
        (f"<title>{HEADLINE} | Jane's Garden Blog</title>", "<h1>Jane's Garden Blog</h1>"),
        # an h1 that shares no word with the <title>
        (f"<title>{HEADLINE}</title>", "<h1>Pulse!</h1>"),
    ],
)
def test_the_h2_the_title_names_is_the_headline_under_a_site_name_h1(xkey, head, masthead):
    body = f"<header>{masthead}</header><main><div class='post'><h2>{HEADLINE}</h2>{ARTICLE_TEXT}</div></main>"
    assert _title(xkey, head, body) == HEADLINE


def test_an_h1_headline_stays_beside_a_section_h2(xkey):
    # the h1 is the headline; an h2 that is a segment of the <title> too ("… - Guide") does not replace it
    head = f"<title>{HEADLINE} - Harbour Guide</title>"
    body = f"<main><article><h1>{HEADLINE}</h1><h2>Harbour Guide</h2>{ARTICLE_TEXT}</article></main>"
    assert _title(xkey, head, body) == HEADLINE


def test_a_chinese_meta_line_parted_by_ideographic_spaces_names_the_writer(xkey):
    # the source ("来源") comes before the writer ("作者") on the line: the part a byline label opens is read
    line = "<p>发布时间：2024-03-04 10:30\u3000来源：新华网\u3000作者：张伟</p>"
    assert authors_of(xkey, "zh", line) == ["张伟"]


def _structured_date(xkey, lang: str, value: str) -> str | None:
    node = (
        f'{{"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Roses", "datePublished": "{value}"}}'
    )
    html = (
        f"<html lang='{lang}'><head><title>Roses</title><script type='application/ld+json'>{node}</script></head>"
        f"<body><article><h1>Roses</h1>{ARTICLE_TEXT}</article></body></html>"
    )
    body = {"type": "article", "content": html, "url": "https://example.com/roses"}
    return extract_through_api(xkey, body)["data"].get("publishedAt")


@pytest.mark.parametrize(
    ("lang", "value", "day"),
    [
        ("fr", "04/03/2024", "2024-03-04"),  # the Article's numeric date, read as the page's language writes it
        ("en", "04/03/2024", "2024-04-03"),
        ("de", "04.03.2024", None),  # a dotted one stays undecided there (a US page writes "2.18.2025" month first)
    ],
)
def test_a_numeric_structured_date_is_read_as_the_page_writes_it(xkey, lang, value, day):
    assert (_structured_date(xkey, lang, value) or "")[:10] == (day or "")
