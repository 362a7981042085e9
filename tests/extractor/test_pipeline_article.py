import gzip
import json
from pathlib import Path

import pytest

from extractor.pipeline import ARTICLE_FIELDS, PIPELINE_VERSION, PipelineError, empty_data, extract
from extractor.sanitize import sanitize_content

# A few real pages committed with their licence (tests/fixtures/pages/NOTICE.md).
PAGES = Path(__file__).resolve().parents[1] / "fixtures" / "pages" / "webpages-dev"


def _page(pid):
    with gzip.open(PAGES / "html" / f"{pid}.html.gz") as fh:
        html = fh.read().decode("utf-8", "replace")
    gt = json.loads((PAGES / "ground-truth" / f"{pid}.json").read_text())
    return html, gt


ARTICLE_HTML = """<html lang="en"><head><title>Big News | Site</title>
<meta property="og:site_name" content="Site"><meta name="description" content="Desc">
<link rel="canonical" href="/news/big">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Big News",
"author":{"@type":"Person","name":"Jane Roe"},"datePublished":"2024-03-05T10:00:00Z","dateModified":"2024-03-06",
"image":"/img/lead.jpg","keywords":"a, b"}</script></head>
<body><nav><a href="/">Home</a> <a href="/about">About</a></nav><article><h1>Big News</h1>
<p>The first paragraph of the article explains what happened in considerable detail for readers.</p>
<p>The second paragraph adds context, quotes and further facts that matter to the story being told.</p>
<p>A third paragraph closes the article with a summary and an outlook on what comes next.</p>
<img src="/img/lead.jpg" alt="Lead"></article><footer>Copyright Site</footer></body></html>"""


def test_article_html_hand_written():
    r = extract(
        type="article",
        format="html",
        content=sanitize_content(format="html", content=ARTICLE_HTML),
        url="https://example.com/x",
    )
    d = r.data
    assert tuple(d) == ARTICLE_FIELDS
    assert d["title"] == "Big News"
    assert d["authors"] == ["Jane Roe"]
    assert d["publishedAt"].startswith("2024-03-05") and d["modifiedAt"] == "2024-03-06"
    assert d["canonicalUrl"] == "https://example.com/news/big"
    assert d["mainImage"] == "https://example.com/img/lead.jpg"
    assert d["language"] == "en" and d["siteName"] == "Site" and d["tags"] == ["a", "b"]
    assert "first paragraph" in d["text"] and "Copyright" not in d["text"]
    assert not d["text"].startswith("Big News")  # title not repeated in the body
    assert d["wordCount"] > 30 and d["readingTimeMinutes"] == 1
    assert "<script" not in d["html"] and "<p>" in d["html"]
    m = r.metadata
    assert m["pipelineVersion"] == PIPELINE_VERSION and m["sources"]["authors"] == "jsonld"
    assert set(m["libraries"]) >= {"trafilatura", "extruct"} and set(m["timings"]) == {"parseMs", "extractMs"}


@pytest.mark.parametrize("pid", ["0001", "0002"])
def test_article_real_pages(pid):
    html, gt = _page(pid)
    d = extract(
        type="article", format="html", content=sanitize_content(format="html", content=html), url=gt.get("url")
    ).data
    truth = gt["ground_truth"]
    assert d["text"] and len(d["text"]) > 500
    assert d["publishedAt"] and d["publishedAt"][:10] == truth["publish_date"]
    for bad in ("<script", "javascript:", "onclick", "onerror"):
        assert bad not in (d["html"] or "").lower()
    words = set(truth["main_content"].split()[:50])
    assert len(words & set(d["text"].split())) > 0.8 * len(words)


def test_article_markdown_and_text():
    md = "# My Title\n\nFirst *para* with a [link](https://x.example).\n\n## Section\n\n- item one\n- item two\n"
    d = extract(type="article", format="markdown", content=sanitize_content(format="markdown", content=md)).data
    assert d["title"] == "My Title"
    assert "First para with a link." in d["text"] and "item one" in d["text"]
    assert d["markdown"].startswith("# My Title") and "<p>" in d["html"] and "<ul>" in d["html"]
    t = extract(type="article", format="text", content="Plain title\n\nBody paragraph one.\n\nBody two.").data
    assert t["title"] == "Plain title" and t["text"] == "Body paragraph one.\n\nBody two."
    assert t["wordCount"] == 5


def test_article_json_variants():
    ld = {
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "WebSite", "name": "S"},
            {
                "@type": "BlogPosting",
                "headline": "H",
                "articleBody": "Body text here.",
                "author": [{"name": "A"}, {"name": "B"}],
                "datePublished": "2023-01-02",
                "image": {"url": "/i.png"},
            },
        ],
    }
    d = extract(type="article", format="json", content=ld, url="https://e.com/p").data
    assert (d["title"], d["authors"], d["publishedAt"], d["mainImage"]) == (
        "H",
        ["A", "B"],
        "2023-01-02",
        "https://e.com/i.png",
    )
    assert d["text"] == "Body text here." and d["html"] == "<p>Body text here.</p>"
    plain = extract(type="article", format="json", content='{"title": "T", "body": "x y z", "tags": "p, q"}').data
    assert plain["title"] == "T" and plain["text"] == "x y z" and plain["tags"] == ["p", "q"]


def test_article_errors():
    with pytest.raises(PipelineError) as e:
        extract(type="article", format="html", content={"title": "x"})
    assert e.value.error_class == "parse_error"
    with pytest.raises(PipelineError) as e:
        extract(type="article", format="json", content="{broken")
    assert e.value.error_class == "parse_error"
    with pytest.raises(PipelineError) as e:
        extract(type="article", format="text", content="\x00\x01\x02\x03" * 500)
    assert e.value.error_class == "sanitize_fail"
    with pytest.raises(PipelineError) as e:
        extract(type="article", format="json", content={"unrelated": 1})
    assert e.value.error_class == "invalid_input"
    with pytest.raises(PipelineError) as e:
        extract(type="video", format="html", content="<p>x</p>")
    assert e.value.error_class == "invalid_input"
    assert empty_data("article")["authors"] == [] and empty_data("article")["title"] is None


def test_author_and_title_cleanup():
    import lxml.html

    from extractor.pipeline.article import _pick_title, clean_author

    assert clean_author("By Jane Doe") == "Jane Doe"
    assert clean_author("Written by Rachel Roe Contributing Writer") == "Rachel Roe"
    assert clean_author("Updated January 3") is None and clean_author("https://x.example/a") is None
    tree = lxml.html.document_fromstring("<html><body><h1>My Blog</h1><h1>The Real Headline</h1></body></html>")
    assert _pick_title(tree, ["The Real Headline | My Blog"], "My Blog") == "The Real Headline"
    tree = lxml.html.document_fromstring("<html><body><h1>Unrelated</h1></body></html>")
    assert _pick_title(tree, ["Some Post Title - Site"], "Site") == "Some Post Title"


def test_text_date_fallback():
    import lxml.html

    from extractor.pipeline.article import text_date

    tree = lxml.html.document_fromstring("<html><body><p>Posted on March 5th, 2024 by Jo</p></body></html>")
    assert text_date(tree) == "2024-03-05"
    assert text_date(lxml.html.document_fromstring("<html><body><p>5 Sept 2023</p></body></html>")) == "2023-09-05"
    assert text_date(lxml.html.document_fromstring("<html><body><p>no date here 2023</p></body></html>")) is None


def test_title_consensus_site_suffix_and_line_breaks():
    import lxml.html

    from extractor.pipeline import structured as S
    from extractor.pipeline.article import choose_title

    def title(html):
        tree = lxml.html.document_fromstring(html)
        return choose_title(tree, S.extract_structured(tree))[0]

    # h1 agreeing with the document title, minus the site-name segment
    assert (
        title(
            '<html><head><meta property="og:site_name" content="Artlyst"><title>Best Shows – Artlyst</title></head>'
            "<body><h1>Best Shows – Artlyst</h1></body></html>"
        )
        == "Best Shows"
    )
    # <br> inside the h1 is a word break; zero-width characters go
    assert (
        title(
            "<html><head><title>Weekend Coding Agent</title></head><body><h1>WEEKEND<br>CODING\u200b AGENT</h1>"
            "</body></html>"
        )
        == "WEEKEND CODING AGENT"
    )
    # no h1 agrees: og:title and <title> agree once the site name is removed
    assert (
        title(
            '<html><head><meta property="og:title" content="Porting a parser"><title>Porting a parser | Blog</title>'
            "</head><body><h1>Anil M.</h1><h1>Other</h1></body></html>"
        )
        == "Porting a parser"
    )


def test_byline_and_meta_authors():
    import lxml.html

    from extractor.pipeline.article import byline_names

    def names(body):
        return byline_names(lxml.html.document_fromstring(f"<html><body>{body}</body></html>"))

    assert names('<p class="meta"><span>By</span> <a href="/p/jo">Jo Smith</a> | May 2, 2024</p>') == ["Jo Smith"]
    assert names("<div><p>Written by</p><p>Edzel Tabing</p></div>") == ["Edzel Tabing"]
    assert names("<p>by Ann Lee and Bo Chen</p>") == ["Ann Lee", "Bo Chen"]
    assert names("<p>By continuing to use this site you agree to our terms of service</p>") == []
    html = (
        '<html><head><meta name="twitter:label1" content="Written by"><meta name="twitter:data1" content="Nawaz D">'
        "</head><body><article><p>" + "Some article text that is long enough. " * 30 + "</p></article></body></html>"
    )
    assert extract(type="article", format="html", content=html).data["authors"] == ["Nawaz D"]


def test_numeric_text_dates():
    import lxml.html

    from extractor.pipeline.article import text_date

    def d(body):
        return text_date(lxml.html.document_fromstring(f"<html><body>{body}</body></html>"))

    assert d("<span>23.07.2025</span>") == "2025-07-23"
    assert d("<span>2/24/2026</span>") == "2026-02-24"
    assert d("<span>24/2/2026</span>") == "2026-02-24"
    assert d("<p>Version 1.2.2025 notes</p>") is None


def test_boilerplate_blocks_dropped_from_body():
    body = "".join(
        f"<p>Paragraph {i} of the article says something specific and useful about the topic.</p>" for i in range(12)
    )
    html = (
        "<html><head><title>T</title></head><body><article><h1>T</h1><p>Table of Contents</p>"
        "<p>This post may contain affiliate links.</p>" + body + "<p>Share this post</p></article></body></html>"
    )
    text = extract(type="article", format="html", content=html).data["text"]
    assert "Paragraph 0" in text and "Paragraph 11" in text
    assert "Table of Contents" not in text and "affiliate" not in text and "Share this post" not in text


def _title(html):
    import lxml.html

    from extractor.pipeline import structured as S
    from extractor.pipeline.article import choose_title

    tree = lxml.html.document_fromstring(html)
    return choose_title(tree, S.extract_structured(tree))[0]


def test_title_masthead_h1_and_metadata_spelling():
    # an h1 that is only a link to the home page is the blog's name, not the headline
    assert (
        _title(
            "<html><head><title>Small adventures with models</title></head><body>"
            '<h1><a href="https://blog.example.com/">Engora Data Blog</a></h1><h3>Small adventures with models</h3>'
            "</body></html>"
        )
        == "Small adventures with models"
    )
    # an h1 made of words of the title but covering little of it is not the headline
    assert _title(
        "<html><head><title>How we pwned X, Vercel, Cursor, Discord and hundreds of companies</title></head>"
        "<body><h1>gist/writeup.md</h1><h1>Discord</h1></body></html>"
    ) == ("How we pwned X, Vercel, Cursor, Discord and hundreds of companies")
    # same title up to spacing / quote style: the declared (metadata) spelling
    assert _title(
        '<html><head><meta property="og:title" content="Scalable End-to-End Interpretability — LessWrong">'
        '<meta property="og:site_name" content="LessWrong"></head>'
        "<body><h1>Scalable End-to-End<span>Interpretability</span></h1></body></html>"
    ) == ("Scalable End-to-End Interpretability")
    assert _title(
        "<html><head><title>Why Hasn't Tutoring Been More Effective?</title></head>"
        "<body><h1>Why Hasn\u2019t Tutoring Been More Effective?</h1></body></html>"
    ) == ("Why Hasn't Tutoring Been More Effective?")
    # a " | label" in the h1 stays when the publisher's headline has it too
    ld = (
        '<script type="application/ld+json">{"@type":"Article","headline":"Top 10 Cameras of 2025 | The Best on the Market"}'
        "</script>"
    )
    assert _title(
        f"<html><head>{ld}<title>Top 10 Cameras of 2025 | The Best on the Market - Shop</title></head>"
        "<body><h1>Top 10 Cameras of 2025 | The Best on the Market</h1></body></html>"
    ) == ("Top 10 Cameras of 2025 | The Best on the Market")


def test_leading_meta_lines_ordered_lists_and_author_box():
    body = "".join(
        f"<p>Paragraph {i} of the article says something specific and useful about the topic.</p>" for i in range(12)
    )
    html = (
        '<html><head><title>T</title><meta name="author" content="Rick Steves"></head><body><article><h1>T</h1>'
        "<ul><li>Rick Steves</li><li>Sep 26, 2022</li><li>2 min read</li></ul>"
        "<p>Last updated on September 16th, 2023 at 09:27 am</p><p>Credit: Jane Roe / Getty Images</p>"
        + body
        + "<ol><li>First step</li><li>Second step</li></ol>"
        "<p>Related: Another article on the same site</p>"
        "<p>Rick Steves is a travel writer who has written many guidebooks about Europe.</p></article></body></html>"
    )
    text = extract(type="article", format="html", content=html).data["text"]
    assert text.startswith("Paragraph 0")
    assert "1. First step\n2. Second step" in text
    assert "Related:" not in text and "travel writer" not in text and "Getty" not in text
    # a leading line that only looks like a dateline stays
    html2 = html.replace("<p>Last updated on", "<p>Posted in News Release</p><p>Last updated on")
    assert extract(type="article", format="html", content=html2).data["text"].startswith("Posted in News Release")


def test_text_date_skips_dates_far_above_the_headline():
    import lxml.html

    from extractor.pipeline.article import DATE_BEFORE_HEADLINE_NODES, headline_text_index, text_date

    nav = "".join(f"<li>Link {i}</li>" for i in range(20))
    tree = lxml.html.document_fromstring(
        f"<html><head><title>x</title></head><body><div>Friday, December 19, 2025</div><ul>{nav}</ul>"
        "<h1>Headline</h1><p>March 5, 2024</p><p>Body text.</p></body></html>"
    )
    skip = max(0, headline_text_index(tree) - DATE_BEFORE_HEADLINE_NODES)
    assert skip > 0 and text_date(tree, skip=skip) == "2024-03-05"
    assert text_date(tree) == "2025-12-19"


def test_body_that_stops_far_short_of_the_article_container_is_extracted_again():
    """0073: the recall-oriented pass stops before an FAQ made of <details>; the page's <article> holds four times the
    words, so the default pass runs and its longer body is kept."""
    html, gt = _page("0073")
    d = extract(
        type="article", format="html", content=sanitize_content(format="html", content=html), url=gt.get("url")
    ).data
    assert "Are the relative sizes of the Healthy Eating Plate sections based on calories or volume?" in d["text"]
    assert d["wordCount"] > 1500


@pytest.mark.parametrize("fmt", ["markdown", "text"])
@pytest.mark.parametrize(
    ("byline", "author", "date"),
    [
        ("By Tom Baker, June 2, 2024", "Tom Baker", "2024-06-02"),
        ("By Priya Natarajan\nPublished April 3, 2025", "Priya Natarajan", "2025-04-03"),
        ("By Priya Natarajan\n\nPublished April 3, 2025", "Priya Natarajan", "2025-04-03"),
    ],
)
def test_text_byline_gives_author_and_date_not_the_description(fmt, byline, author, date):
    """Issue 12 item 8: a byline in markdown / text input."""
    head = "# Council budget" if fmt == "markdown" else "Council budget"
    content = f"{head}\n\n{byline}\n\nThe council voted on Tuesday to approve the library budget.\n\nMore to follow."
    r = extract(type="article", format=fmt, content=sanitize_content(format=fmt, content=content))
    d = r.data
    assert (d["authors"], d["publishedAt"]) == ([author], date)
    assert d["description"] == "The council voted on Tuesday to approve the library budget."
    assert d["text"].startswith("The council voted") and "Natarajan" not in d["markdown"] and "Baker" not in d["text"]
    assert r.metadata["sources"]["authors"] == r.metadata["sources"]["publishedAt"] == "heuristic"


def test_text_sentence_with_a_date_stays_in_the_body():
    content = "Council budget\n\nOn June 2, 2024 the council voted to approve the library budget.\n\nMore to follow."
    d = extract(type="article", format="text", content=content).data
    assert d["authors"] == [] and d["publishedAt"] is None and d["text"].startswith("On June 2, 2024")


def test_lone_h1_beats_an_uncorroborated_title_tag():
    """Issue 12 item 8: <title>Hi</title><h1>Hello</h1> is titled "Hello"."""
    body = "<p>Some text of the article that is long enough to count as a paragraph for the extractor here.</p>"
    d = extract(
        type="article",
        format="html",
        content=f"<html><head><title>Hi</title></head><body><h1>Hello</h1>{body}</body></html>",
    ).data
    assert d["title"] == "Hello"
    # with og:title corroborating the <title>, the document title still wins over a one-word h1
    og = '<meta property="og:title" content="Hi">'
    d = extract(
        type="article",
        format="html",
        content=f"<html><head><title>Hi</title>{og}</head><body><h1>Hello</h1>{body}</body></html>",
    ).data
    assert d["title"] == "Hi"


def test_meta_name_author_is_sourced_meta_and_article_author_opengraph():
    """Issue 12 item 8: metadata.sources.authors said "opengraph" for <meta name="author">."""
    body = "<body><h1>T</h1><p>Some text of the article that is long enough to count as a paragraph here.</p></body>"
    r = extract(
        type="article",
        format="html",
        content=f'<html><head><meta name="author" content="Jane Doe"></head>{body}</html>',
    )
    assert (r.data["authors"], r.metadata["sources"]["authors"]) == (["Jane Doe"], "meta")
    r = extract(
        type="article",
        format="html",
        content=f'<html><head><meta property="article:author" content="Jane Doe"></head>{body}</html>',
    )
    assert r.metadata["sources"]["authors"] == "opengraph"


CATSTAGS_HTML = """<html><head><title>T</title>{meta}</head><body><article><p>Text of the article.</p></article>
<div class="tags"><a href="/tag/rivers/">Rivers</a> <a href="/tags/lakes">Lakes</a></div>
<div class="entry-meta"><a href="/category/nature/">Nature</a> <a href="/about/">About</a></div></body></html>"""


@pytest.mark.parametrize(
    "html",
    [
        CATSTAGS_HTML.format(meta=""),
        CATSTAGS_HTML.format(meta='<meta property="article:section" content="Science">').replace("/category/", "/c/"),
        CATSTAGS_HTML.format(meta='<meta name="subject" content="Water">').replace("/tag", "/t"),
        *(_page(pid)[0] for pid in ("0001", "0002", "0073")),
    ],
)
def test_tags_and_categories_are_trafilaturas_without_its_link_xpaths_when_no_link_fits(html):
    """_catstags skips extract_catstags' container XPaths when no link has a /tag/ or /category/ path: same result."""
    from trafilatura.metadata import extract_catstags

    from extractor.pipeline.article.html import _catstags
    from extractor.sanitize import parse_document

    tree = parse_document(sanitize_content(format="html", content=html))
    hrefs = "\n".join(tree.xpath("//a/@href"))
    for kind in ("tag", "category"):
        assert _catstags(kind, tree, hrefs) == extract_catstags(kind, tree)
    assert _catstags("tag", tree, hrefs) or _catstags("category", tree, hrefs) or "/tag" not in html


def test_the_html_a_json_document_carries_is_served_clean_at_any_length(xkey):
    """A JSON document's own `html` is the tenant's markup: allow-listed markup is served as lxml serialises it,
    other markup goes through bleach, and past `BLEACH_MAX_CHARS` markup that needs bleach is served as its text's
    paragraphs (html5lib joins a text node's pieces one by one: this 1.3 MB took bleach about a minute)."""
    from tests.helpers import extract_through_api

    def served(html: str) -> str:
        content = {"headline": "Notes", "articleBody": "Body.", "html": html}
        return extract_through_api(xkey, {"type": "article", "format": "json", "content": content})["data"]["html"]

    assert served('<p>Hello <b>there</b> <a href="https://e.com/x">link</a></p>') == (
        '<p>Hello <b>there</b> <a href="https://e.com/x">link</a></p>'
    )
    dirty = served('<p onclick="steal()">Hi <script>alert(1)</script><marquee>there</marquee></p>')
    assert "onclick" not in dirty and "<script" not in dirty and "<marquee" not in dirty and "there" in dirty
    long_dirty = "<p><marquee>A</marquee>" + "&lt;div&gt;" * 120_000 + "</p><script>alert(1)</script><p>End</p>"
    assert served(long_dirty) == "<p>A" + "&lt;div&gt;" * 120_000 + "</p><p>End</p>"


def test_a_headline_after_thousands_of_text_nodes_is_extracted(xkey):
    """The visible byline is looked for in the body's first 4,000 text nodes, those before the headline last: a
    page whose headline comes after more than 4,000 (a shop's product page with a huge menu, sent as an article)
    read past the end of that list, and the job failed with an unknown error until it was `dead`."""
    from tests.helpers import extract_through_api

    menu = "".join(f"<li><a href='/c/{i}'>Category {i}</a></li>" for i in range(4_200))
    page = (
        f"<html><head><title>Espresso cups</title></head><body><nav><ul>{menu}</ul></nav><main><h1>Espresso cups</h1>"
        "<p>Written by Ada Lovelace</p><p>Two cups of fine porcelain for a strong espresso in the morning.</p>"
        "<p>They keep the coffee warm and stack neatly in any cupboard.</p></main></body></html>"
    )
    data = extract_through_api(xkey, {"type": "article", "content": page})["data"]
    assert data["title"] == "Espresso cups"
    assert "fine porcelain" in data["text"]


def test_a_page_of_thousands_of_short_headlines_is_extracted_in_linear_time(xkey):
    """trafilatura's jusText fallback looked for each short paragraph's neighbours by walking the list from it: a page
    with 16,000 headlines in a row took it about two minutes (n², the job timed out until `dead` past ~40,000). The
    linear pass assigns the same classes (checked on random lists below and on every dev page)."""
    from tests.helpers import extract_through_api

    headlines = "".join(f"<h1>Headline {i}</h1>" for i in range(16_000))
    page = (
        f"<html><head><title>Espresso cups</title></head><body>{headlines}<article><h1>Espresso cups</h1>"
        "<p>By Ada Lovelace</p><p>" + "Two cups of fine porcelain for a strong espresso in the morning. " * 20 + "</p>"
        "</article></body></html>"
    )
    result = extract_through_api(xkey, {"type": "article", "content": page})
    assert "fine porcelain" in result["data"]["text"]
    assert result["metadata"]["timings"]["extractMs"] < 40_000


def test_the_linear_justext_pass_assigns_justexts_classes():
    import copy
    import random

    import trafilatura.external

    from extractor.pipeline import justext_linear

    class Paragraph:
        def __init__(self, cf_class, heading, text):
            self.cf_class, self.heading, self.text, self.class_type = cf_class, heading, text, None

    rng = random.Random(0)
    assert trafilatura.external.revise_paragraph_classification is justext_linear.revise_paragraph_classification
    fresh = justext_linear._JUSTEXTS
    assert fresh.__module__ == "justext.core"
    for _ in range(3_000):
        paragraphs = [
            Paragraph(
                rng.choice(["short", "neargood", "good", "bad"]), rng.random() < 0.3, "x" * rng.choice([0, 1, 60])
            )
            for _ in range(rng.randint(0, 25))
        ]
        theirs, ours = copy.deepcopy(paragraphs), copy.deepcopy(paragraphs)
        distance = rng.choice([0, 10, 150])
        fresh(theirs, distance)
        justext_linear.revise_paragraph_classification(ours, distance)
        assert [p.class_type for p in ours] == [p.class_type for p in theirs]
