import json

import pytest

from extractor.pipeline import ARTICLE_FIELDS, PRODUCT_FIELDS, PipelineError, extract
from extractor.pipeline.formats import parse_text, render_blocks_html
from extractor.sanitize import sanitize_content

INPUTS = {
    "html": "<html><head><title>Hello</title></head><body><h1>Hello</h1><p>Some words about things, price 10 EUR.</p></body></html>",
    "markdown": "# Hello\n\nSome words about things, price 10 EUR.",
    "text": "Hello\n\nSome words about things, price 10 EUR.",
    "json": {
        "name": "Hello",
        "title": "Hello",
        "body": "Some words about things, price 10 EUR.",
        "price": "10",
        "currency": "EUR",
    },
}


@pytest.mark.parametrize("fmt", list(INPUTS))
@pytest.mark.parametrize("typ", ["article", "product"])
def test_every_format_and_type(fmt, typ):
    content = sanitize_content(format=fmt, content=INPUTS[fmt])
    r = extract(type=typ, format=fmt, content=content, url="https://e.example/a")
    keys = ARTICLE_FIELDS if typ == "article" else PRODUCT_FIELDS
    assert tuple(r.data) == keys
    assert (r.data.get("title") or r.data.get("name")) == "Hello"
    for k in ("images", "tags", "authors", "breadcrumbs", "variants", "additionalProperties"):
        if k in r.data:
            assert isinstance(r.data[k], list)
    html = r.data.get("html") or ""
    assert "<script" not in html and "javascript:" not in html


def test_text_markdown_parsing():
    doc = parse_text("Setext\n======\n\npara", markdown=True)
    assert doc.title == "Setext"
    doc = parse_text("Only one line of text that is the body", markdown=False)
    assert doc.paragraphs == ["Only one line of text that is the body"]
    assert render_blocks_html([("p", "<b>&")]) == "<p>&lt;b&gt;&amp;</p>"


def test_markdown_raw_html_never_becomes_html():
    md = sanitize_content(format="markdown", content="# T\n\n<img src=x onerror=alert(1)> hi <script>alert(2)</script>")
    d = extract(type="article", format="markdown", content=md).data
    assert "<img" not in d["html"] and "<script" not in d["html"]
    assert "&lt;img" in d["html"]  # shown as text, never as markup


@pytest.mark.parametrize("fmt", ["html", "markdown", "text"])
def test_json_for_non_json_format_is_parse_error(fmt):
    with pytest.raises(PipelineError) as e:
        extract(type="article", format=fmt, content={"title": "x"})
    assert e.value.error_class == "parse_error"


def test_undecodable_and_unknown():
    with pytest.raises(PipelineError) as e:
        extract(type="article", format="html", content=b"\xff\xfe<p>\xc3")
    assert e.value.error_class == "parse_error"
    with pytest.raises(PipelineError) as e:
        extract(type="article", format="html", content="just text, no markup")
    assert e.value.error_class == "parse_error"
    with pytest.raises(PipelineError) as e:
        extract(type="article", format="pdf", content="x")
    assert e.value.error_class == "invalid_input"


@pytest.mark.parametrize(
    "typ, content",
    [
        ("product", {"name": "X", "price": "1", "brand": {"properties": ["Acme"]}}),
        ("article", {"title": {"properties": "x"}, "body": "b"}),
        ("article", {"title": "T", "body": "b", "author": {"properties": "x"}}),
        ("article", {"title": "T", "body": "b", "image": {"properties": "x"}}),
    ],
)
def test_a_properties_key_that_is_not_microdata_is_ignored_not_a_crash(typ, content):
    r = extract(type=typ, format="json", content=content, url="https://e.example/a")
    assert r.data.get("brand") is None and r.data.get("authors", []) == [] and r.data.get("mainImage") is None


def test_json_graph_prefers_the_article_over_the_page_that_holds_it():
    graph = {
        "@graph": [
            {"@type": "WebPage", "name": "Real headline - Site", "datePublished": "2024-01-01"},
            {
                "@type": "Article",
                "headline": "Real headline",
                "author": {"name": "Jane Doe"},
                "articleBody": "Body text here.",
                "image": "/a.png",
            },
        ]
    }
    d = extract(type="article", format="json", content=graph, url="https://e.example/a/b").data
    assert (d["title"], d["authors"], d["text"], d["mainImage"]) == (
        "Real headline",
        ["Jane Doe"],
        "Body text here.",
        "https://e.example/a.png",
    )


def test_an_xhtml_page_with_an_xml_declaration_is_html():
    page = '<?xml version="1.0" encoding="utf-8"?><html><body><h1>Title here</h1><p>Text body</p></body></html>'
    d = extract(type="article", format="html", content=sanitize_content(format="html", content=page)).data
    assert (d["title"], d["text"]) == ("Title here", "Text body")


@pytest.mark.parametrize(
    "fmt, content",
    [
        ("markdown", "# T\n\n![pic](/img/p.png)\n\nSome text."),
        ("json", {"title": "T", "body": "Some text.", "image": "/img/p.png"}),
    ],
)
def test_relative_urls_resolve_against_url_in_every_format(fmt, content):
    d = extract(type="article", format=fmt, content=content, url="https://e.example/a/b").data
    assert d["mainImage"] == "https://e.example/img/p.png" and d["images"][0]["url"] == "https://e.example/img/p.png"


def test_a_one_line_document_has_its_line_as_title_or_name():
    assert extract(type="article", format="text", content="Just one line").data["title"] == "Just one line"
    product = extract(type="product", format="text", content="Blue Widget $19.99").data
    assert product["name"] and product["price"] == "19.99"


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("2024", None),
        ("March 2024", None),
        ("Mar 5", None),
        ("12:30", None),
        ("0001-01-01", None),
        ("2024-03-05T25:99:00", "2024-03-05"),
        ("2024-03-05T10:00:00-05", "2024-03-05T10:00:00-05:00"),
        ("2024-03-05T10:00:00+0530", "2024-03-05T10:00:00+05:30"),
        ("March 5, 2024", "2024-03-05"),
        ("Tue, 05 Mar 2024 10:00:00 GMT", "2024-03-05"),
        # day and month either way round: not guessed
        ("02-12-2025", None),
        ("3/10/2023", None),
        ("12/12/2025", "2025-12-12"),
        ("13/12/2025", "2025-12-13"),
    ],
)
def test_dates_are_normalised_never_invented(raw, expected):
    from extractor.pipeline.article import iso_date

    assert iso_date(raw) == expected


def test_output_html_has_no_form_controls_stylesheets_or_meta():
    page = (
        '<link rel="stylesheet" href="https://evil.test/x.css"><form action="https://evil.test/steal">'
        '<input type="password" name="pw"><button>Log in</button><p>Hi</p></form><meta name="a" content="b">'
    )
    html = extract(type="article", format="json", content={"title": "T", "html": page}).data["html"]
    assert "<p>Hi</p>" in html
    for tag in ("<link", "<form", "<input", "<button", "<meta"):
        assert tag not in html


def test_the_llm_reads_structured_data_and_visible_text_not_markup():
    from extractor.pipeline.formats import text_for_llm

    page = sanitize_content(
        format="html",
        content=(
            '<html><head><title>Blue  Widget | Shop</title><script type="application/ld+json">{"@type":"Product","sku":"BW-1"}</script>'
            '</head><body><nav class="menu"><a href="/">Home</a></nav><h1>Blue Widget</h1><p class="price">19.99 EUR</p></body></html>'
        ),
    )
    text = text_for_llm("html", page)
    assert text.startswith("Title: Blue Widget | Shop") and '"sku":"BW-1"' in text.replace(" ", "")
    assert "Blue Widget\n19.99 EUR" in text and "<" not in text.split("Structured data")[0] and "class=" not in text
    assert text_for_llm("markdown", "# T\n\nx") == "# T\n\nx"


def test_jobs_without_a_model_use_one_the_plan_allows(settings, db):
    from billing import services as billing
    from extractor.services import default_llm_model

    settings.LLM_DEFAULT_MODEL = "house-model"
    assert default_llm_model(billing.plan_create(name="any")) == "house-model"
    assert default_llm_model(billing.plan_create(name="picky", llm_models=["small", "large"])) == "small"
    assert default_llm_model(billing.plan_create(name="incl", llm_models=["large", "house-model"])) == "house-model"


def test_json_authors_and_language_are_cleaned_like_html():
    d = extract(
        type="article",
        format="json",
        content={
            "@type": "Article",
            "headline": "T",
            "articleBody": "b",
            "author": "By Jane Doe",
            "inLanguage": "en_US",
        },
    ).data
    assert (d["authors"], d["language"]) == (["Jane Doe"], "en-US")


def test_markdown_is_read_as_commonmark():
    md = (
        "# Tom &amp; Jerry\n\nFish &amp; chips and \\*not emph\\* text.\n\n- one\n- two **bold**\n\n"
        '```\ncode line 1\ncode line 2\n```\n\n![pic](/a.png "t")'
    )
    d = extract(
        type="article", format="markdown", content=sanitize_content(format="markdown", content=md), url="https://e.x/p"
    ).data
    assert d["title"] == "Tom & Jerry"
    assert d["text"].startswith("Fish & chips and *not emph* text.\n\none\n\ntwo bold\n\ncode line 1\ncode line 2")
    assert "<pre>code line 1\ncode line 2</pre>" in d["html"] and "&amp;amp;" not in d["html"]
    assert d["images"] == [{"url": "https://e.x/a.png", "alt": "pic"}]


def test_markdown_links_with_an_encoded_colon_are_neutralised():
    for link in ("[a](javascript&#58;alert(1))", "[a](javascript&#x3A;alert(1))", "[a](javascript&colon;alert(1))"):
        assert "javascript" not in sanitize_content(format="markdown", content=link).lower()


@pytest.mark.parametrize(
    "link",
    [
        "java\tscript:alert(1)",
        " javascript:alert(1)",
        "java\nscript:alert(1)",
        "vbscript:x",
        "data:text/html,x",
        "\x01javascript:x",
    ],
)
def test_unsafe_url_schemes_never_reach_url_fields(link):
    for url in (None, "https://e.example/a"):
        d = extract(
            type="product", format="json", content={"name": "P", "price": "1", "image": link, "url": link}, url=url
        ).data
        assert d["mainImage"] is None and d["images"] == [] and d["url"] in (None, url)


def test_a_price_beyond_decimal_precision_is_no_price_not_a_crash():
    d = extract(
        type="product", format="json", content={"name": "P", "offers": {"price": 1e30, "priceCurrency": "EUR"}}
    ).data
    assert d["name"] == "P" and d["price"] is None


@pytest.mark.parametrize("bad", ["http://[::1", "//[::1", "https://a]b/"])
def test_a_url_urllib_cannot_split_is_dropped(xkey, bad):
    """urljoin raises ValueError on an unclosed IPv6 bracket: such an image, canonical link or og:url (with the
    request's url to resolve it against) failed the job until it was `dead`. It is now no URL; the rest is extracted."""
    from tests.helpers import extract_through_api

    url = "https://shop.example.com/cups/espresso"
    page = (
        f'<html><head><title>Espresso cup</title><link rel="canonical" href="{bad}">'
        f'<meta property="og:url" content="{bad}"><meta property="og:image" content="{bad}">'
        '<script type="application/ld+json">'
        + json.dumps(
            {
                "@type": "Product",
                "name": "Espresso cup",
                "image": bad,
                "offers": {"price": "12.99", "priceCurrency": "EUR"},
            }
        )
        + f'</script></head><body><article><h1>Espresso cup</h1><img src="{bad}" alt="cup">'
        "<p>" + "A cup of fine porcelain for a strong espresso in the morning. " * 10 + "</p></article></body></html>"
    )
    product = extract_through_api(xkey, {"type": "product", "content": page, "url": url})["data"]
    assert product["name"] == "Espresso cup" and product["price"] == "12.99"
    assert bad not in json.dumps(product)
    article = extract_through_api(xkey, {"type": "article", "content": page, "url": url})["data"]
    assert article["title"] == "Espresso cup" and "fine porcelain" in article["text"]
    node = {"@type": "Product", "name": "Espresso cup", "image": bad, "url": bad}
    assert extract_through_api(xkey, {"type": "product", "format": "json", "content": node, "url": url})["data"]["name"]
