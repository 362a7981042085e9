"""How an article's author is chosen and its text numbered, through the API (POST, run, GET): the names structured
data gives are kept as written, a surname that is also a month stays, a byline in the navigation above the headline
gives way to the one under it, a menu's "By Company Size" heading or a footer's "Website by …" credit is no byline, an ordered list continued with <ol start="3"> goes on from 3, a labelled dateline
after an opening note goes, the URL's day beats a UTC time one day off it, a shown "09.10.2024" is read the way
datePublished reads it, a date after "Posted on" / "Published:" beats an earlier shown one, a byline loses all its
labels ("Author Posted by …") and may be a sentence ("This post was written by …"), a date set inside the
headline is not part of the title (extractor/pipeline/article/html.py, authors.py, body.py, dates.py, titles.py)."""

from __future__ import annotations

import json

import pytest

from tests.helpers import extract_through_api

pytestmark = pytest.mark.django_db

TEXT = "".join(
    f"<p>Paragraph {i} of the article explains when and how to prune roses, which tools to use, and what to do with "
    "the cut stems so that the plant grows back strong in spring.</p>"
    for i in range(1, 6)
)


def through_api(xkey, html: str) -> dict:
    body = {"type": "article", "content": html, "url": "https://example.com/roses"}
    return extract_through_api(xkey, body)["data"]


def _page(head: str = "", before: str = "", byline: str = "") -> str:
    return (
        f"<html><head><title>Pruning roses</title>{head}</head><body><nav>{before}</nav>"
        f"<article><h1>Pruning roses</h1>{byline}{TEXT}</article></body></html>"
    )


def test_structured_author_keeps_its_role_words(xkey):
    ld = {"@context": "https://schema.org", "@type": "Article", "headline": "Pruning roses"}
    ld["author"] = {"@type": "Person", "name": "Garden Desk Contributor"}
    html = _page(head=f'<script type="application/ld+json">{json.dumps(ld)}</script>')
    assert through_api(xkey, html)["authors"] == ["Garden Desk Contributor"]


def test_visible_byline_loses_its_role_words(xkey):
    html = _page(byline="<p>By Jane Doe Senior Writer</p>")
    assert through_api(xkey, html)["authors"] == ["Jane Doe"]


def test_surname_that_is_a_month(xkey):
    html = _page(byline="<p>By Tom May</p>")
    assert through_api(xkey, html)["authors"] == ["Tom May"]
    # a date glued after the name goes, in structured data too
    html = _page(head='<meta name="author" content="Tom Baker May 5, 2024">')
    assert through_api(xkey, html)["authors"] == ["Tom Baker"]


def test_byline_in_the_navigation_above_the_headline_gives_way(xkey):
    filters = "".join(f"<a href='/f{i}'>Filter {i}</a>" for i in range(15))
    html = _page(before=f"<span>By</span> <a href='/use-case'>Use Case</a>{filters}", byline="<p>By Jane Doe</p>")
    assert through_api(xkey, html)["authors"] == ["Jane Doe"]
    # with no byline under the headline, the one above is still taken (outside a menu: see the next test)
    html = _page(byline=TEXT).replace("<nav></nav>", f"<div><span>By</span> <a href='/a'>Jane Doe</a>{filters}</div>")
    assert through_api(xkey, html)["authors"] == ["Jane Doe"]


@pytest.mark.parametrize(
    "menu",
    [
        "<nav><h4>By Event Type</h4><a href='/c'>Conferences</a></nav>",
        "<ul class='sub-menu'><li class='dropdown-menu-header'>By Company Size</li><li>Enterprise</li></ul>",
        "<ul><li class='menu-item'><span>By</span> <a href='/r'>Use Case</a></li></ul>",
    ],
)
def test_a_menu_heading_is_no_byline(xkey, menu):
    # a "By …" heading of a navigation menu, with no byline anywhere else: no author rather than the menu's heading
    assert through_api(xkey, _page(byline=TEXT).replace("<nav></nav>", menu)).get("authors") in (None, [])
    # the article's own byline is still read, under a menu that opens with one
    html = _page(byline="<p>By Jane Doe</p>").replace("<nav></nav>", menu)
    assert through_api(xkey, html)["authors"] == ["Jane Doe"]


def test_a_footer_credit_is_no_byline(xkey):
    # a web designer's credit ("By Blue Sky Design") under the article, with no byline in it
    credit = "<footer><span>By</span> <a href='/design'>Blue Sky Design</a> <p>© 2025</p></footer>"
    html = _page(byline=TEXT).replace("</article>", "</article>" + credit)
    assert through_api(xkey, html).get("authors") in (None, [])


def test_ordered_list_continued_with_start_keeps_its_numbers(xkey):
    steps = (
        "<ol><li>Cut the dead wood back to the base of the plant.</li><li>Open the centre of the bush.</li></ol>"
        "<p>A pruned bush lets light and air reach every stem, which keeps the leaves free of black spot.</p>"
        '<ol start="3"><li>Shorten the remaining stems by a third.</li><li>Feed and mulch the bed.</li></ol>'
    )
    html = _page(byline=steps)
    text = through_api(xkey, html)["text"]
    assert "1. Cut the dead wood" in text and "2. Open the centre" in text
    assert "3. Shorten the remaining stems" in text and "4. Feed and mulch" in text


@pytest.mark.parametrize("start", ["\u00b2", "\u2075", "9" * 5000, "\uff13"])
def test_ordered_list_start_of_other_digits_is_read_as_no_start(xkey, start):
    """A start that str.isdigit() accepts but int() refuses (superscripts, full-width digits) or that is absurdly long
    is ignored: the list counts from 1 and the extraction is done, not retried until dead."""
    steps = (
        "<ol><li>Cut the dead wood back to the base of the plant.</li><li>Open the centre of the bush.</li></ol>"
        "<p>A pruned bush lets light and air reach every stem, which keeps the leaves free of black spot.</p>"
        f'<ol start="{start}"><li>Shorten the remaining stems by a third.</li><li>Feed and mulch the bed.</li></ol>'
    )
    text = through_api(xkey, _page(byline=steps))["text"]
    assert "1. Cut the dead wood" in text and "1. Shorten the remaining stems" in text


def test_dateline_after_an_opening_note_is_dropped_and_the_note_kept(xkey):
    note = "<p>This guide contains links to partner sites; we keep our opinions our own whatever they pay.</p>"
    html = _page(byline=f"{note}<p>Last updated on September 16th, 2023 at 09:27 am</p>")
    text = through_api(xkey, html)["text"]
    assert text.startswith("This guide contains links to partner sites")
    assert "Last updated" not in text and "Paragraph 1 of the article" in text


def test_day_in_the_url_over_a_utc_time_past_midnight(xkey):
    head = '<meta property="article:published_time" content="2025-12-19T02:41:41+00:00">'
    body = {"type": "article", "content": _page(head=head), "url": "https://example.com/2025/12/18/roses/"}
    assert extract_through_api(xkey, body)["data"]["publishedAt"] == "2025-12-18"


def test_shown_numeric_date_read_the_way_the_structured_date_reads_it(xkey):
    ld = {"@context": "https://schema.org", "@type": "Article", "datePublished": "2024-09-10T16:07:00Z"}
    head = f'<script type="application/ld+json">{json.dumps(ld)}</script>'
    data = through_api(xkey, _page(head=head, byline="<p>09.10.2024</p>"))
    assert data["publishedAt"].startswith("2024-09-10")


def test_shown_date_labelled_as_the_publication_date_over_an_earlier_one(xkey):
    byline = "<p>Recipe first tried June 21, 2017</p><p>Posted on April 13, 2023</p>"
    assert through_api(xkey, _page(byline=byline))["publishedAt"] == "2023-04-13"


def test_numeric_date_after_a_published_label(xkey):
    byline = "<nav><p>14/05/2024</p></nav><p>Published: 27/05/2024</p>"
    assert through_api(xkey, _page(byline=byline))["publishedAt"] == "2024-05-27"


def test_byline_with_two_labels_before_the_name(xkey):
    byline = '<div class="post-meta"><span class="author">Author Posted by Soliant</span></div>'
    assert through_api(xkey, _page(byline=byline))["authors"] == ["Soliant"]


def test_byline_written_as_a_sentence(xkey):
    byline = "<p>This post was written by Danielle Padula, Head of Marketing and Community Development</p>"
    assert through_api(xkey, _page(byline=byline))["authors"] == ["Danielle Padula"]


@pytest.mark.parametrize(
    "headline",
    [
        # a date set inside the headline
        "<a href='/roses'><time datetime=\"2025-12-18\">Dec 18 2025</time> Pruning roses</a>",
        # a dateline heading nested in the headline
        "Pruning roses<h3><span>Posted on July 1, 2024 by Jane</span></h3>",
    ],
)
def test_a_dateline_inside_the_headline_is_not_part_of_the_title(xkey, headline):
    html = (
        "<html><head><title>Pruning roses</title></head><body><article>"
        f"<h1>{headline}</h1>{TEXT}</article></body></html>"
    )
    assert through_api(xkey, html)["title"] == "Pruning roses"


@pytest.mark.parametrize(
    "byline",
    [
        # a labelled byline whose names stand in their own elements
        "<div>Written by <span>Dr Jane Doe</span>, <span>Tom Baker</span> and <span>Ann Lee</span></div>",
        # author links alone, one after the other
        "<div><a href='/author/jane'>Jane Doe</a><span>, </span><a href='/author/tom'>Tom Baker</a>"
        "<span> &amp;</span> <a href='/author/ann'>Ann Lee</a></div><time>Nov 25th, 2025</time>",
    ],
)
def test_a_lone_structured_author_gains_the_co_authors_of_the_byline(xkey, byline):
    html = _page(head='<meta name="author" content="Jane Doe">', byline=byline)
    names = through_api(xkey, html)["authors"]
    assert names[1:] == ["Tom Baker", "Ann Lee"] and names[0] in ("Jane Doe", "Dr Jane Doe")


def test_a_lone_structured_author_stays_alone_beside_other_names(xkey):
    # the name in an author box beside a role, and a list of other people that does not open with the author
    byline = "<div><h4>Jane Doe</h4><p>Senior Editor</p></div><p>Thanks to Tom Baker, Ann Lee and Jane Doe</p>"
    html = _page(head='<meta name="author" content="Jane Doe">', byline=byline)
    assert through_api(xkey, html)["authors"] == ["Jane Doe"]
