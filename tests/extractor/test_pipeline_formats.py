import pytest

from extractor.pipeline import ARTICLE_FIELDS, PRODUCT_FIELDS, PipelineError, extract
from extractor.pipeline.formats import parse_text, render_blocks_html
from extractor.sanitize import sanitize_content

INPUTS = {
    "html": "<html><head><title>Hello</title></head><body><h1>Hello</h1><p>Some words about things, price 10 EUR.</p></body></html>",
    "markdown": "# Hello\n\nSome words about things, price 10 EUR.",
    "text": "Hello\n\nSome words about things, price 10 EUR.",
    "json": {"name": "Hello", "title": "Hello", "body": "Some words about things, price 10 EUR.", "price": "10", "currency": "EUR"},
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
