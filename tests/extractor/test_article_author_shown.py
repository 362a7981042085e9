"""A writer the page names without a "By" label, through the API (POST, run, GET), when no byline or structured data
does: beside the article's date ("17 December 2025 · Jane Doe", "<span>Dec 17, 2025</span><span>Jane Doe</span>",
"Jane Doe | Senior Writer | July 2, 2025"), in the dates of several languages; in the first box classed as the
author's ("author-box", "post-author-card"), after its heading ("About the author", "Über den Autor"). Only a person's
name is taken: not a category linked beside the date, a heading, a button, a reviewer or photo credit, nor words the
article writes in lower case ("Healthy Eating" beside the date of an article on healthy eating); not a commenter's box,
nor the card of another article below (extractor/pipeline/article/authors.py ``name_beside_date``,
``author_box_name``)."""

from __future__ import annotations

import pytest

from tests.helpers import extract_through_api

pytestmark = pytest.mark.django_db

TEXT = "".join(
    f"<p>Paragraph {i} of the article explains when and how to prune roses, which tools to use, and what to do with "
    "the cut stems so that the plant grows back strong in spring, for healthy eating of the garden's fruit.</p>"
    for i in range(1, 6)
)


BIO = (
    "Has grown roses for twenty years, taught gardening classes at the community college and written three books on "
    "pruning and propagation for amateur gardeners."
)


def through_api(xkey, meta: str = "", lang: str = "en", after: str = "", head: str = "") -> list[str] | None:
    html = (
        f"<html lang='{lang}'><head><title>Pruning roses</title>{head}</head><body><nav><a href='/'>Home</a></nav>"
        f"<article><h1>Pruning roses</h1>{meta}{TEXT}{after}</article></body></html>"
    )
    body = {"type": "article", "content": html, "url": "https://example.com/roses"}
    return extract_through_api(xkey, body)["data"].get("authors")


@pytest.mark.parametrize(
    ("lang", "meta", "name"),
    [
        ("en", "<div><span>Dec 17, 2025</span><span>Julia K. Arnfield</span></div>", "Julia K. Arnfield"),
        ("en", "<p>Tomas Verhoek | Senior Writer | July 2, 2025</p>", "Tomas Verhoek"),
        ("en", "<p>Dec 26, 2025 • Mahesh Dasgupta in <a href='/blog/guides'>Guides</a></p>", "Mahesh Dasgupta"),
        (
            "de",
            "<div><span>17. Dezember 2025</span><span>·</span><a title='x'>Annika Schröder</a></div>",
            "Annika Schröder",
        ),
        ("fr", "<p><span>Léa Fontaine</span> <span>1er janvier 2025</span></p>", "Léa Fontaine"),
        ("es", "<p>17 de diciembre de 2025 · Pablo Ortega Ruiz</p>", "Pablo Ortega Ruiz"),
        ("pl", "<p><span>17 grudnia 2025</span> <a href='/autor/jan-nowak'>Jan Nowakowski</a></p>", "Jan Nowakowski"),
        ("ko", "<p><span>2025년 12월 17일</span><span>Kim Min-jun</span></p>", "Kim Min-jun"),
    ],
)
def test_a_name_beside_the_date_is_the_writer(xkey, lang, meta, name):
    assert through_api(xkey, meta, lang) == [name]


@pytest.mark.parametrize(
    "meta",
    [
        # the meta line is the tail after a heading or a category link: it stands in their parent
        "<header><h2>Garden notes</h2>Dec 17, 2025 · Julia Arnfield</header>",
        "<p><a href='/category/garden'>Garden</a> Dec 17, 2025 · Julia Arnfield</p>",
    ],
)
def test_a_meta_line_after_a_heading_or_link_names_the_writer(xkey, meta):
    assert through_api(xkey, meta) == ["Julia Arnfield"]


@pytest.mark.parametrize(
    "meta",
    [
        # a category or section linked beside the date
        "<p><span>Dec 17, 2025</span> <a href='/category/garden-care'>Garden Care</a></p>",
        # words of the article itself, capitalised as a label
        "<p>Healthy Eating | July 2, 2025</p>",
        # a control, a label beside the date
        "<p><span>Dec 17, 2025</span><button>Share Article</button></p>",
        "<p><span>Dec 17, 2025</span><span>Last Updated</span></p>",
        # a reviewer's credit beside the date
        "<p><span>Medically reviewed by</span> <span>Nora Halvorsen</span> <span>Dec 17, 2025</span></p>",
        # one word
        "<p><span>Dec 17, 2025</span><span>Roses</span></p>",
        # a meta line's other parts that name no person
        "<p>Dec 17, 2025 | No Comments</p>",
        "<p>Dec 17, 2025 · Breaking News</p>",
        "<p><span>Dec 17, 2025</span><span>Press Release</span></p>",
    ],
)
def test_no_writer_is_read_from_what_is_no_name(xkey, meta):
    assert not through_api(xkey, meta)


@pytest.mark.parametrize(
    ("lang", "box", "name"),
    [
        (
            "en",
            "<div class='post-author-card'><img alt=''><p>Matteo Laratta</p><p>| Author</p></div>",
            "Matteo Laratta",
        ),
        ("en", "<aside class='blog-author'><h4>About the Author</h4><h5>Bence Kovács</h5></aside>", "Bence Kovács"),
        ("de", "<div class='autor author-box'><h4>Über den Autor</h4><p>Annika Schröder</p></div>", "Annika Schröder"),
        (
            "fr",
            "<div class='author-bio'><p>À propos de l'auteur</p><strong>Léa Fontaine</strong></div>",
            "Léa Fontaine",
        ),
        (
            "es",
            "<section class='entry-author'><span>Escrito por</span> <span>Pablo Ortega Ruiz</span></section>",
            "Pablo Ortega Ruiz",
        ),
    ],
)
def test_the_author_box_names_the_writer(xkey, lang, box, name):
    # the box holds the writer's biography (its text is no byline's: too long for trafilatura's)
    box = box[: box.rindex("</")] + f"<p>{BIO}</p>" + box[box.rindex("</") :]
    assert through_api(xkey, lang=lang, after=box) == [name]


def test_no_writer_from_a_commenter_or_another_articles_card(xkey):
    # a commenter's box; the card of a related article after a box that names no person
    comment = f"<div class='comments'><div class='comment-author'><b>Nora Halvorsen</b><p>{BIO}</p></div></div>"
    assert not through_api(xkey, after=comment)
    related = (
        f"<div class='author-box'><p>Roses Team</p><p>{BIO}</p></div>"
        "<article><a href='/tulips'>Tulips</a><div class='author-ui'><p>Nora Halvorsen</p></div></article>"
    )
    # the site's login as author stays: the related article's writer does not replace it
    assert through_api(xkey, after=related, head="<meta name='author' content='rosesadmin'>") == ["rosesadmin"]


def test_the_box_is_read_where_it_stands_when_its_name_is_also_in_a_menu(xkey):
    # the same text earlier in the page (a personal site's menu) does not stand for the box's own
    box = f"<div class='author-box'><p>Bence Kovács</p><p>{BIO}</p></div>"
    html = (
        "<html lang='en'><head><title>Pruning roses</title></head><body>"
        "<nav><ul class='menu'><li><a href='/'>Bence Kovács</a></li></ul></nav>"
        f"<article><h1>Pruning roses</h1>{TEXT}{box}</article></body></html>"
    )
    body = {"type": "article", "content": html, "url": "https://example.com/roses"}
    assert extract_through_api(xkey, body)["data"].get("authors") == ["Bence Kovács"]
