import gzip
import json
from pathlib import Path

import pytest

from extractor.sanitize import SanitizeError, normalize_for_cache_key, sanitize_content

# real pages from WCXB (CC-BY-4.0): see tests/fixtures/pages/NOTICE.md
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "pages" / "webpages-dev" / "html"

EVIL = """<html lang="en"><head><title>T</title>
<meta property="og:title" content="OG"><meta http-equiv="refresh" content="0;url=javascript:alert(1)">
<link rel="canonical" href="https://ex.com/a"><link rel="stylesheet" href="x.css">
<script>alert(1)</script><script type="application/ld+json">{"@type":"Article","headline":"a <b> & c"}</script>
<script type="application/ld+json">{"@type":"Thing","name":"</script><script>alert(2)</script>"}</script>
<style>body{background:url(javascript:alert(3))}</style></head>
<body onload="alert(4)"><h1 style="x:expression(alert(5))">Head</h1>
<p itemprop="articleBody" onclick="alert(6)">Para <a href="javascript:alert(7)">x</a> <a href=" JaVaScRiPt:alert(8)">y</a>
<a href="/rel">rel</a></p><iframe src="https://evil"></iframe><object data="x.swf"></object>
<img src="a.jpg" alt="A" onerror="alert(9)"><svg><script>alert(10)</script></svg>
<time datetime="2024-01-02">Jan 2</time><div itemscope itemtype="https://schema.org/Product"><span itemprop="price" content="9.99">9.99</span></div>
</body></html>"""


def _assert_safe(out: str):
    low = out.lower()
    assert "alert(" not in low
    assert "javascript:" not in low
    assert "onload" not in low and "onclick" not in low and "onerror" not in low
    assert "<iframe" not in low and "<object" not in low and "<style" not in low
    assert "expression(" not in low


def test_html_removes_executable_content_and_keeps_structured_data():
    out = sanitize_content(format="html", content=EVIL)
    _assert_safe(out)
    # only JSON-LD scripts survive, with their payload escaped
    assert out.count("<script") == 1 and 'type="application/ld+json"' in out
    payload = out.split('type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    assert "<b>" not in payload and json.loads(payload)["headline"] == "a <b> & c"
    for kept in (
        '<meta property="og:title" content="OG">',
        '<link rel="canonical" href="https://ex.com/a">',
        '<time datetime="2024-01-02">',
        'itemprop="price"',
        "itemscope",
        'itemtype="https://schema.org/Product"',
        '<img src="a.jpg" alt="A">',
        '<a href="/rel">',
        "<title>T</title>",
        '<html lang="en">',
        "<h1>Head</h1>",
    ):
        assert kept in out, kept
    assert "http-equiv" not in out and "stylesheet" not in out


def test_html_real_page_is_safe_and_keeps_jsonld():
    with gzip.open(FIXTURES / "0001.html.gz") as handle:
        html = handle.read().decode("utf-8", "replace")
    out = sanitize_content(format="html", content=html)
    low = out.lower()
    assert "javascript:" not in low
    assert low.count("<script") == low.count('<script type="application/ld+json">')
    assert "application/ld+json" in html.lower() and "application/ld+json" in low
    assert len(out) < len(html)


def test_markdown_and_text_normalised():
    md = sanitize_content(
        format="markdown",
        content="# T\r\n\r\nHi\x00 <script>x</script> [a](javascript:alert(1)) <https://ok.example>\x07",
    )
    assert "\r" not in md and "\x00" not in md and "\x07" not in md
    assert "<script" not in md and "&lt;script" in md
    assert "javascript:" not in md and "https://ok.example" in md
    txt = sanitize_content(format="text", content="a\r\nb\x01\n\n\n\nc")
    assert txt == "a\nb\n\nc"


def test_json_scrubbed_and_limits():
    out = sanitize_content(format="json", content={"name": "A\x00B", "nested": [{"x": "y\r\n"}]})
    assert out == {"name": "AB", "nested": [{"x": "y\n"}]}
    assert sanitize_content(format="json", content='{"a": 1}') == {"a": 1}
    deep = {}
    cur = deep
    for _ in range(100):
        cur["a"] = {}
        cur = cur["a"]
    with pytest.raises(SanitizeError):
        sanitize_content(format="json", content=deep)
    with pytest.raises(SanitizeError):
        sanitize_content(format="json", content="{not json")


def test_binary_garbage_rejected():
    garbage = bytes(range(256)).decode("latin-1") * 50
    for fmt in ("html", "text", "markdown"):
        with pytest.raises(SanitizeError):
            sanitize_content(format=fmt, content=garbage)
    with pytest.raises(SanitizeError):
        sanitize_content(format="text", content=b"\xff\xfe\xfa")


def test_cache_key_canonical():
    assert normalize_for_cache_key("json", {"b": 1, "a": 2}) == normalize_for_cache_key("json", {"a": 2, "b": 1})
    assert normalize_for_cache_key("text", "a  b\r\n c") == normalize_for_cache_key("text", "a b c")
    assert normalize_for_cache_key("text", "a") != normalize_for_cache_key("markdown", "a")
    assert isinstance(normalize_for_cache_key("html", "<p>x</p>"), bytes)


def test_clean_children_fast_path_and_fallback():
    import lxml.html

    from extractor.sanitize import clean_children, clean_fragment

    ok = lxml.html.fragment_fromstring(
        '<div>a &lt;b&gt;<p>x <a href="/rel">l</a> <img src="https://e.x/i.png" alt="i"></p></div>'
    )
    assert clean_children(ok) == 'a &lt;b&gt;<p>x <a href="/rel">l</a> <img src="https://e.x/i.png" alt="i"></p>'
    for bad in (
        '<div><p><a href="javascript:alert(1)">x</a></p></div>',
        '<div><p onclick="alert(1)">x</p></div>',
        "<div><script>alert(1)</script><p>x</p></div>",
        "<div><textarea>&lt;/textarea&gt;&lt;script&gt;</textarea></div>",
        '<div><a href="jav&#x09;ascript:alert(1)">x</a></div>',
    ):
        el = lxml.html.fragment_fromstring(bad)
        out = clean_children(el)
        inner = (el.text or "") + "".join(lxml.html.tostring(c, encoding="unicode") for c in el)
        assert out == clean_fragment(inner)
        assert "javascript" not in out and "onclick" not in out and "<script" not in out


def test_content_after_an_early_end_of_body_is_kept():
    """Browsers ignore `</body>`/`</html>` before the end; a page that closes them after its header include keeps its article."""
    page = (
        "<html><head><title>T</title></head><body><header><nav>Menu</nav></header></body></html>\n"
        "<div class='post'><h1>The real headline</h1><p>The article body that follows.</p></div></body></html>"
    )
    out = sanitize_content(format="html", content=page)
    assert "The real headline" in out and "The article body that follows." in out
    assert out.count("</body>") == 1 and out.endswith("</body></html>")


@pytest.mark.parametrize(
    "name",
    [
        "{category.id}",  # a template placeholder seen on a real page: lxml's del raises ValueError
        "{a.b}style",  # found by fuzzing: lxml's del raises KeyError for these
        "{a.b}'",
        '{"@type":"Product"}\'',
    ],
)
def test_attribute_names_lxml_reads_as_namespaced_are_removed(name):
    """A name lxml reads as namespaced (`{…}rest`) is removed with the other attributes outside the allow-list; lxml
    cannot `del` such a name (ValueError or KeyError, by its shape), which used to fail the request with a 500."""
    html = f'<body><ul><li {name}="v" class="c" onclick="x()">One</li></ul></body>'
    out = sanitize_content(format="html", content=html)
    assert '<li class="c">One</li>' in out
    assert "onclick" not in out and name.split("}")[0] not in out


# --- the lxml allow-list pass keeps nothing bleach would remove ---------------------------------------------------

VECTORS = [
    '<a href="jav&#x09;ascript:alert(1)">a</a>',
    '<a href="&#106;avascript:alert(1)">b</a>',
    '<a href="java\nscript:alert(1)">c</a>',
    '<a href="&#x6A;avascript&colon;alert(1)">d</a>',
    '<a href="java&#0;script:alert(1)">e</a>',
    '<A HREF="JAVASCRIPT:alert(1)">f</A>',
    '<a href="  javascript:alert(1)">g</a>',
    '<img src="&#0000106&#0000097vascript:alert(1)">',
    '<a href="vbscript:msgbox(1)">h</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">i</a>',
    "<img src=x onerror=alert(1)>",
    "<svg/onload=alert(1)>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
    '<form action="javascript:alert(1)"><button formaction=javascript:alert(1)>j</button></form>',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    '<object data="javascript:alert(1)"></object>',
    '<embed src="javascript:alert(1)">',
    '<base href="javascript:alert(1)//">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<link rel="import" href="javascript:alert(1)">',
    "<isindex action=javascript:alert(1) type=image>",
    '<div style="background:url(javascript:alert(1))">k</div>',
    "<x onclick=alert(1)>l</x>",
    "<textarea></textarea><script>alert(1)</script>",
    "<title><img src=x onerror=alert(1)></title>",
    "<xmp><img src=x onerror=alert(1)></xmp>",
    "<template><script>alert(1)</script></template>",
    "<!--<script>alert(1)//-->",
    "<![CDATA[<script>alert(1)</script>]]>",
    '<?xml-stylesheet href="javascript:alert(1)"?>',
    "<frameset onload=alert(1)>",
    "<body onload=alert(1)>m</body>",
    "<input onfocus=alert(1) autofocus>",
    "<details open ontoggle=alert(1)>n</details>",
    "<video><source onerror=alert(1)></video>",
    '<blockquote cite="javascript:alert(1)">o</blockquote>',
    '<img data-src="javascript:alert(1)" src="/ok.png">',
    '<a href="mailto:x@example.com">p</a><a href="tel:+1">q</a><a href="#top">r</a><a href="https://e.x/?a=1&amp;b=2">s</a>',
    "<table><tr><td colspan=2 onmouseover=alert(1)>t</td></tr></table><p>&lt;script&gt;alert(1)&lt;/script&gt;</p>",
    '<img src="/i.png" srcset="/i2.png 2x" alt="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;">',
]


def _shape(fragment: str) -> list:
    """Elements and attribute names of a fragment as lxml reads it (what the pipeline sees). Values are left out:
    bleach rewrites boolean ones (`itemscope="itemscope"` becomes `itemscope=""`); the `tbody` html5lib adds to
    every table is left out too."""
    import lxml.html

    root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    return [
        (el.tag, sorted(el.attrib)) for el in root.iterdescendants() if isinstance(el.tag, str) and el.tag != "tbody"
    ]


EXECUTABLE = {
    "script",
    "style",
    "iframe",
    "frame",
    "frameset",
    "object",
    "embed",
    "applet",
    "svg",
    "math",
    "template",
    "base",
    "noscript",
    "xmp",
    "plaintext",
    "noembed",
    "noframes",
    "title",
    "isindex",
}


def _assert_inert(document: str) -> None:
    """Read as a browser would (html5lib, the HTML5 parsing algorithm) and as the pipeline does (lxml): no element
    that runs or hides markup (JSON-LD scripts apart), no handler or style attribute, no comment, every URL-valued
    attribute http(s)/mailto/tel or relative."""
    import lxml.html
    from bleach._vendor import html5lib

    from extractor.sanitize import _URI_ATTRS, uri_allowed

    browser = html5lib.parse(document, treebuilder="lxml", namespaceHTMLElements=False).getroot()
    for root in (browser, lxml.html.document_fromstring(document)):
        body = root.find("body")
        for el in body.iter():
            assert isinstance(el.tag, str), "comment or processing instruction in the body"
            assert el.tag not in EXECUTABLE, el.tag
            for name, value in el.attrib.items():
                assert not name.startswith("on") and name != "style", name
                assert name not in _URI_ATTRS or uri_allowed(value), (name, value)
        for script in root.iter("script"):
            # data only: JSON-LD, or the application state's product objects (never executed by a browser)
            assert script.get("type") == "application/ld+json" or (
                script.get("type") == "application/json" and script.get("id") == "app-state"
            )
            assert "<" not in (script.text or "")
            json.loads(script.text)


def _body(document: str) -> str:
    return document.split("<body>", 1)[1].rsplit("</body>", 1)[0]


@pytest.mark.parametrize("vector", VECTORS)
def test_hostile_vectors_are_removed_and_bleach_finds_nothing_left(vector):
    from extractor.sanitize import _cleaner

    out = sanitize_content(
        format="html", content=f"<html><head><title>T</title></head><body><p>x</p>{vector}</body></html>"
    )
    _assert_inert(out)
    low = out.lower()
    assert "javascript:" not in low and "<script" not in low
    for bad in (
        "vbscript",
        "data:text",
        "srcdoc",
        "formaction",
        "<base",
        "http-equiv",
        "<embed",
        "<svg",
        "<math",
        "<template",
        "<textarea></textarea><script",
        "<!--",
        "<![cdata",
        "<?",
    ):
        assert bad not in low, bad
    body = _body(out)
    # the allow-list bleach applies to served HTML has nothing to remove from the sanitised body
    assert _shape(_cleaner.clean(body)) == _shape(body)


def test_hostile_vectors_keep_allowed_urls():
    out = sanitize_content(
        format="html",
        content="<body>"
        + "".join(v for v in VECTORS if "/i.png" in v or "mailto" in v or "blockquote" in v or "data-src" in v)
        + "</body>",
    )
    for kept in (
        'href="mailto:x@example.com"',
        'href="tel:+1"',
        'href="#top"',
        'href="https://e.x/?a=1&amp;b=2"',
        'src="/i.png"',
        'srcset="/i2.png 2x"',
        'src="/ok.png"',
        "<blockquote>o</blockquote>",
    ):
        assert kept in out, kept
    assert "data-src" not in out


def test_real_page_body_is_what_bleach_would_keep():
    from extractor.sanitize import _cleaner

    with gzip.open(FIXTURES / "0001.html.gz") as handle:
        body = _body(sanitize_content(format="html", content=handle.read().decode("utf-8", "replace")))
    assert len(body) > 10_000
    _assert_inert(f"<html><body>{body}</body></html>")
    assert _shape(_cleaner.clean(body)) == _shape(body)


def test_parse_document_gives_html_elements_in_every_thread():
    import threading

    import lxml.html

    from extractor.sanitize import parse_document

    results: dict[int, str] = {}

    def parse(n: int):
        for _ in range(20):
            tree = parse_document(
                f"<html><body><form><input name=a><select><option>o</option></select></form>"
                f"<!-- c --><p>page {n}</p></body></html>"
            )
            assert all(isinstance(el, lxml.html.HtmlElement) for el in tree.iter() if isinstance(el.tag, str))
            results[n] = " ".join(tree.find("body").text_content().split())

    threads = [threading.Thread(target=parse, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == {n: f"opage {n}" for n in range(4)}


STATE = {
    "props": {
        "pageProps": {
            "product": {
                "name": "Oak Desk",
                "sku": "OD-12",
                "price": {"amount": "249.00", "currencyCode": "EUR"},
                "availableForSale": True,
                "note": "<img src=x onerror=alert(1)> & <b>",
            }
        }
    }
}


@pytest.mark.parametrize(
    "script",
    [
        f'<script id="__NEXT_DATA__" type="application/json">{json.dumps(STATE)}</script>',
        f"<script>window.__INITIAL_STATE__ = {json.dumps(STATE)};</script>",
        '<script>dataLayer.push({"event": "view_item", "ecommerce": {"currency": "EUR", "items": '
        '[{"item_name": "Oak Desk", "item_id": "OD-12", "price": 249}]}});</script>',
    ],
)
def test_application_state_is_kept_as_inert_data(script):
    out = sanitize_content(format="html", content=f"<html><head>{script}</head><body><h1>Oak Desk</h1></body></html>")
    _assert_inert(out)
    assert "<script>" not in out and "<img" not in out
    block = out.split('<script type="application/json" id="app-state">', 1)[1].split("</script>", 1)[0]
    objects = json.loads(block)
    assert [o.get("name") or o.get("item_name") for o in objects] == ["Oak Desk"]
    # markup inside the state is data, escaped so that it can neither close the element nor open another
    assert objects[0].get("note") in (None, "<img src=x onerror=alert(1)> & <b>")


def test_nuxt_function_wrapped_state_is_kept_as_data():
    """Nuxt 2's state is a literal returned by a function: read as data, each parameter replaced by its argument."""
    script = (
        "<script>window.__NUXT__=(function(a,b){return {data:[{name:'Desk',price:a,ok:!0,x:b}]}}(9,void 0))</script>"
    )
    out = sanitize_content(format="html", content=f"<html><head>{script}</head><body><h1>Desk</h1></body></html>")
    block = out.split('<script type="application/json" id="app-state">', 1)[1].split("</script>", 1)[0]
    assert json.loads(block) == [{"name": "Desk", "price": 9, "ok": True, "x": None}]
    assert "function" not in out


@pytest.mark.parametrize(
    "script",
    [
        # code, not a literal: never evaluated, never kept (Nuxt's function-wrapped state holding a call)
        "<script>window.__NUXT__=(function(a){return {name:'Desk',price:a,at:new Date(a)}}(9))</script>",
        "<script>window.__STATE__ = fetchState({name: 'Desk', price: 9})</script>",
        # no price anywhere: not even parsed
        f'<script type="application/json">{json.dumps({"name": "Menu", "items": [1, 2]})}</script>',
        # a product-shaped object needs a name
        '<script type="application/json">{"price": 12, "sku": "X1"}</script>',
        '<script src="https://cdn.example/state.js">window.__STATE__ = {"name": "A", "price": 1}</script>',
    ],
)
def test_scripts_without_product_state_leave_nothing(script):
    out = sanitize_content(format="html", content=f"<html><head>{script}</head><body><h1>Desk</h1></body></html>")
    assert "<script" not in out


def test_product_json_of_a_data_attribute_is_kept_as_inert_data():
    """A theme's product JSON in a data attribute (``data-context``) joins the application state, marked as read from
    an attribute; the attribute itself is removed, and a data attribute holding no product leaves nothing."""
    product = {"product": {"title": "Oak Desk", "price": {"value": "249.00"}, "note": "<img src=x onerror=alert(1)>"}}
    body = (
        f"<div data-context='{json.dumps(product)}'><h1>Oak Desk</h1></div>"
        '<div data-config=\'{"autoplay": true, "items": [1, 2]}\'></div>'
    )
    out = sanitize_content(format="html", content=f"<html><body>{body}</body></html>")
    _assert_inert(out)
    assert "data-context" not in out and "data-config" not in out and "<img" not in out
    block = out.split('<script type="application/json" id="app-state">', 1)[1].split("</script>", 1)[0]
    assert json.loads(block) == [{**product["product"], "x-from-attribute": True}]
