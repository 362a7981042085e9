import gzip
import json
from pathlib import Path

import pytest

from extractor.pipeline import PRODUCT_FIELDS, PipelineError, extract
from extractor.sanitize import sanitize_content

# A few real pages committed with their licence (tests/fixtures/pages/NOTICE.md).
DATA = Path(__file__).resolve().parents[1] / "fixtures" / "pages" / "products-dev"
GT = json.loads((DATA / "ground-truth.json").read_text())

JSONLD_PAGE = """<html><head><script type="application/ld+json">{"@context":"https://schema.org/","@type":"Product",
"name":"Widget","brand":{"@type":"Brand","name":"Acme"},"sku":"W-1","mpn":"M1","gtin13":"0012345678905","image":["/w.jpg"],
"offers":[{"@type":"Offer","price":"19.90","priceCurrency":"EUR","availability":"https://schema.org/OutOfStock"},
{"@type":"Offer","price":"19.90","priceCurrency":"EUR","availability":"https://schema.org/InStock"}],
"aggregateRating":{"@type":"AggregateRating","ratingValue":"4.5","reviewCount":"12"}}</script></head>
<body><h1>Widget</h1><button onclick="buy()">Buy</button></body></html>"""

MICRODATA_PAGE = """<html><body><div itemscope itemtype="https://schema.org/Product"><h1 itemprop="name">Gadget</h1>
<span itemprop="brand">Bolt</span><meta itemprop="sku" content="G-9">
<div itemprop="offers" itemscope itemtype="https://schema.org/Offer"><span itemprop="price" content="5.00">5,00 €</span>
<meta itemprop="priceCurrency" content="EUR"><link itemprop="availability" href="https://schema.org/PreOrder"></div></div></body></html>"""

HEURISTIC_PAGE = """<html><head><meta property="og:title" content="Thing"></head><body><h1>Thing</h1>
<p class="price-old">£30.00</p><p class="product-price">£24.99</p><p>SKU: TH-4411</p></body></html>"""


def _x(html, url=None):
    return extract(type="product", format="html", content=sanitize_content(format="html", content=html), url=url)


def test_product_jsonld():
    r = _x(JSONLD_PAGE, "https://shop.example/p/1")
    d = r.data
    assert tuple(d) == PRODUCT_FIELDS
    assert (d["name"], d["brand"], d["sku"], d["mpn"], d["gtin"]) == ("Widget", "Acme", "W-1", "M1", "0012345678905")
    assert (d["price"], d["currency"], d["availability"]) == ("19.90", "EUR", "InStock")
    assert d["mainImage"] == "https://shop.example/w.jpg" and d["rating"] == {"value": 4.5, "count": 12}
    assert r.metadata["sources"]["price"] == "jsonld"


def test_product_microdata_and_heuristics():
    d = _x(MICRODATA_PAGE).data
    assert (d["name"], d["brand"], d["sku"], d["price"], d["currency"], d["availability"]) == (
        "Gadget",
        "Bolt",
        "G-9",
        "5.00",
        "EUR",
        "PreOrder",
    )
    h = _x(HEURISTIC_PAGE, "https://shop.example.co.uk/t").data
    assert (h["name"], h["price"], h["currency"], h["sku"]) == ("Thing", "24.99", "GBP", "TH-4411")


@pytest.mark.parametrize("pid", sorted(GT)[:3])
def test_product_real_pages(pid):
    with gzip.open(DATA / "html" / f"{pid}.html.gz") as fh:
        html = fh.read().decode("utf-8", "replace")
    gt = GT[pid]
    d = _x(html, gt["url"]).data
    if gt.get("price"):
        assert d["price"] is not None
    assert d["name"]


def test_product_text_markdown_json():
    t = extract(type="product", format="text", content="Blue Kettle\n\nPrice: €29.99\nSKU: BK-1\nIn stock").data
    assert (t["name"], t["price"], t["currency"], t["sku"], t["availability"]) == (
        "Blue Kettle",
        "29.99",
        "EUR",
        "BK-1",
        "InStock",
    )
    m = extract(
        type="product",
        format="markdown",
        content="# Red Kettle\n\n**Price:** $15\n\n![kettle](https://i.example/k.png)",
    ).data
    assert (m["name"], m["price"], m["currency"], m["mainImage"]) == (
        "Red Kettle",
        "15",
        "USD",
        "https://i.example/k.png",
    )
    j = extract(
        type="product", format="json", content={"title": "Lamp", "price": "12.50", "currency": "usd", "inStock": False}
    ).data
    assert (j["name"], j["price"], j["currency"], j["availability"]) == ("Lamp", "12.50", "USD", "OutOfStock")
    ld = extract(
        type="product",
        format="json",
        content=json.dumps(
            {
                "@graph": [
                    {
                        "@type": "Product",
                        "name": "P",
                        "offers": {"@type": "AggregateOffer", "lowPrice": 3, "priceCurrency": "GBP"},
                    }
                ]
            }
        ),
    ).data
    assert (ld["name"], ld["price"], ld["currency"]) == ("P", "3", "GBP")


def test_product_errors():
    with pytest.raises(PipelineError) as e:
        extract(type="product", format="text", content="\n\n   \n")
    assert e.value.error_class == "parse_error"
    with pytest.raises(PipelineError) as e:
        extract(type="product", format="html", content="<html><body><div></div></body></html>")
    assert e.value.error_class == "invalid_input"
    with pytest.raises(PipelineError) as e:
        extract(type="product", format="json", content={"colour": "red"})
    assert e.value.error_class == "invalid_input"
    deep = cur = {}
    for _ in range(60):
        cur["a"] = {}
        cur = cur["a"]
    with pytest.raises(PipelineError) as e:
        extract(type="product", format="json", content=deep)
    assert e.value.error_class == "sanitize_fail"


SPEC_PAGE = """<html><body><h1>Boot</h1><p class="product-price">€120.00</p>
<table><tr><td class="t"><span>Brand</span></td><td><span>GANT</span></td></tr>
<tr><td>EAN</td><td>4006381333931</td></tr></table>
<ul><li><strong>Product Code - </strong>39139301</li></ul>
<div class="reco"><div class="card-price">€10</div><div class="card-price">€20</div>
<div class="card-price">€30</div><div class="card-price">€40</div></div></body></html>"""


def test_product_spec_rows_and_grid_prices():
    d = _x(SPEC_PAGE).data
    assert (d["brand"], d["sku"], d["gtin"], d["price"], d["currency"]) == (
        "GANT",
        "39139301",
        "4006381333931",
        "120.00",
        "EUR",
    )
    # a grid of recommendation prices is not the product's price
    grid_only = SPEC_PAGE.replace('<p class="product-price">€120.00</p>', "")
    assert _x(grid_only).data["price"] is None


def test_product_sku_from_url_when_page_repeats_it():
    html = "<html><body><h1>Pen</h1><span>B0756B4GVG</span><a href='/dp/B0756B4GVG'>x</a></body></html>"
    assert _x(html, "https://shop.example/dp/B0756B4GVG").data["sku"] == "B0756B4GVG"


def test_structured_price_checked_against_page():
    # microdata price shown on the page only as the struck-through price: the current price wins
    struck = """<html><body><div itemscope itemtype="https://schema.org/Product"><h1 itemprop="name">Coat</h1>
    <div itemprop="offers" itemscope itemtype="https://schema.org/Offer"><meta itemprop="price" content="219.99">
    <meta itemprop="priceCurrency" content="EUR"></div>
    <span class="original-price">EUR219.99</span><span class="product-price current">EUR110.00</span></div></body></html>"""
    d = _x(struck).data
    assert d["price"] == "110.00" and d["regularPrice"] == "219.99" and d["currency"] == "EUR"
    # JSON-LD disagrees with both the product:price meta and the visible price: the majority wins
    vote = """<html><head><meta property="product:price:amount" content="200"><meta property="product:price:currency" content="USD">
    <script type="application/ld+json">{"@context":"https://schema.org","@type":"Product","name":"Lamp",
    "offers":{"@type":"Offer","price":"150","priceCurrency":"USD"}}</script></head>
    <body><h1>Lamp</h1><span class="price">$200</span></body></html>"""
    assert _x(vote).data["price"] == "200"
    # a lone visible price does not override agreeing structured data
    agree = vote.replace('content="200"', 'content="150"')
    assert _x(agree).data["price"] == "150"


def test_exponent_prices_counts_with_separators_and_shared_symbols():
    from extractor.pipeline.product import norm_price, review_count

    assert (norm_price(1e20), norm_price(19.9), norm_price(19.0)) == ("100000000000000000000", "19.90", "19.00")
    # the cents as the source wrote them
    assert (norm_price("59.00"), norm_price("59"), norm_price(59), norm_price("1.234,50 €")) == (
        "59.00",
        "59",
        "59",
        "1234.50",
    )
    assert [review_count(x) for x in ("1,234", "1.234", "1 234", "12.0", "many", None)] == [
        1234,
        1234,
        1234,
        12,
        None,
        None,
    ]
    page = '<html><body><h1>Thing</h1><span class="price">$49.95</span></body></html>'
    for host, currency in (("shop.com.au", "AUD"), ("shop.ca", "CAD"), ("shop.com", "USD"), ("shop.dk", "USD")):
        assert (
            extract(type="product", format="html", content=page, url=f"https://{host}/p").data["currency"] == currency
        )
    node = {
        "@type": "Product",
        "name": "P",
        "offers": {"price": "5", "priceCurrency": "USD"},
        "aggregateRating": {"ratingValue": "4.5", "reviewCount": "1,234"},
    }
    assert extract(type="product", format="json", content=node).data["rating"] == {"value": 4.5, "count": 1234}


def test_currency_codes_are_iso_4217():
    from extractor.pipeline.product import norm_currency

    assert [norm_currency(x) for x in ("usd", "RMB", "YEN", "XYZ", "ABC", "€")] == [
        "USD",
        "CNY",
        "JPY",
        None,
        None,
        "EUR",
    ]


def test_struck_price_beside_the_sale_price_is_the_regular_price():
    """Issue 12 item 8: <del>$179.95</del> <span class="sale">$149.95</span>."""
    r = _x(
        '<html><body><h1>Boots</h1><div><del>$179.95</del> <span class="sale">$149.95</span></div>'
        "<button>Add to cart</button></body></html>"
    )
    assert (r.data["price"], r.data["regularPrice"], r.data["currency"]) == ("149.95", "179.95", "USD")
    assert r.metadata["sources"]["price"] == r.metadata["sources"]["regularPrice"] == "heuristic"
    # a "was" word in another language marks the old price the same way
    d = _x("<html><body><h1>Tee</h1><p>statt 30,00 €</p><p>24,99 €</p></body></html>").data
    assert (d["price"], d["regularPrice"], d["currency"]) == ("24.99", "30.00", "EUR")


def test_json_product_keeps_the_written_cents_and_the_request_url():
    """Issue 12 item 8: "59.00" stays "59.00"; the url that was sent is the product's url."""
    r = extract(
        type="product",
        format="json",
        content={"name": "Mug", "price": "59.00", "currency": "EUR"},
        url="https://shop.example/mug",
    )
    assert (r.data["price"], r.data["url"], r.metadata["sources"]["url"]) == (
        "59.00",
        "https://shop.example/mug",
        "request",
    )
    ld = extract(
        type="product",
        format="json",
        url="https://shop.example/p",
        content={"@type": "Product", "name": "P", "offers": {"price": 5, "priceCurrency": "EUR"}},
    ).data
    assert (ld["price"], ld["url"]) == ("5", "https://shop.example/p")


@pytest.mark.parametrize(
    ("page", "price", "currency"),
    [
        ("<h1>Tea</h1><div><span>3,980</span><span>円</span></div><div>1,200円 / 100g</div>", "3980", "JPY"),
        ("<h1>Drum</h1><p class='x'>63<sup>07</sup> Lei</p>", "63.07", "RON"),
        ("<h1>Chair</h1><p>1 299 Kč</p><div class='related-products'><p>499 Kč</p></div>", "1299", "CZK"),
        ("<h1>Lamp</h1><p>Save $5.00</p><p>$45.00</p><p>or 4 payments of $11.25</p>", "45.00", "USD"),
        ("<h1>Sofa</h1><p>Free shipping on orders over €50</p><p>€1.249,00</p>", "1249.00", "EUR"),
    ],
)
def test_visible_prices_without_structured_data(page, price, currency):
    d = _x(f"<html><body>{page}<button>Add to cart</button></body></html>").data
    assert (d["price"], d["currency"]) == (price, currency)


def test_availability_from_wording_and_buy_button():
    def avail(body):
        return _x(f"<html><body><h1>Shoe</h1><p>€80</p>{body}</body></html>").data["availability"]

    assert avail("<p>Agotado</p>") == "OutOfStock"
    assert avail("<p>Momentálně nedostupné</p>") == "OutOfStock"
    assert avail("<button disabled>Sold out</button>") == "OutOfStock"
    assert avail("<button disabled>Add to cart</button>") is None  # disabled until the shop's scripts load
    assert avail("<button>In den Warenkorb</button>") == "InStock"
    # a size sold out in a selector, another product's badge, or a hidden template say nothing about this product
    assert avail("<select><option>42 - Sold out</option></select><button>Add to cart</button>") == "InStock"
    assert avail("<div class='recommendations'><p>Sold out</p></div>") is None
    assert avail("<p class='hidden'>Sold out</p><button>Add to bag</button>") == "InStock"
    # the page says both: no claim
    assert avail("<p>Sold out</p><button>Add to cart</button>") is None
    # structured data is not overruled while the page shows its offer's price beside a buy button the stock reader
    # does not know ...
    ld = (
        '<script type="application/ld+json">{"@type":"Product","name":"Shoe","offers":{"price":"80",'
        '"priceCurrency":"EUR","availability":"https://schema.org/InStock"}}</script>'
    )
    page = f"<html><head>{ld}</head><body><h1>Shoe</h1><p>€80</p><p>Sold out</p>%s</body></html>"
    assert _x(page % "<button>Add to Shopping Bag</button>").data["availability"] == "InStock"
    # ... but with no control at all, or the buy button disabled, the page's "Sold out" beside its price is the
    # offer's state (sold_out_disabled_buy; it was the offer's stale "InStock")
    assert _x(page % "").data["availability"] == "OutOfStock"
    assert _x(page % "<button disabled>Add to cart</button>").data["availability"] == "OutOfStock"
    # ... but an offer whose price the page withdraws (no amount shown, "Sold out") is stale, its "in stock" too
    # (withdrawn_availability, with no_price_when_shown_unavailable)
    stale = _x(f"<html><head>{ld}</head><body><h1>Shoe</h1><p>Sold out</p></body></html>").data
    assert (stale["price"], stale["availability"]) == (None, "OutOfStock")


def test_no_price_when_nothing_is_offered():
    ld = (
        '<script type="application/ld+json">{"@type":"Product","name":"Vase","offers":{"price":"%s",'
        '"priceCurrency":"EUR","availability":"https://schema.org/%s"}}</script>'
    )
    zero = _x(f"<html><head>{ld % ('0', 'InStock')}</head><body><h1>Vase</h1></body></html>").data
    assert zero["price"] is None and zero["currency"] is None
    # unavailable, and the structured price appears nowhere on the page: a stale price, not an offer
    stale = _x(f"<html><head>{ld % ('35', 'OutOfStock')}</head><body><h1>Vase</h1><p>Sold out</p></body></html>").data
    assert (stale["price"], stale["availability"]) == (None, "OutOfStock")
    shown = _x(f"<html><head>{ld % ('35', 'OutOfStock')}</head><body><h1>Vase</h1><p>35,00 €</p></body></html>").data
    assert (shown["price"], shown["availability"]) == ("35", "OutOfStock")


def test_visible_sku_label_beats_a_structured_internal_id():
    ld = (
        '<script type="application/ld+json">{"@type":"Product","name":"Cam","sku":"10134622",'
        '"offers":{"price":"99","priceCurrency":"EUR"}}</script>'
    )
    d = _x(f"<html><head>{ld}</head><body><h1>Cam</h1><p>Ref.: 141677</p></body></html>").data
    assert d["sku"] == "141677"
    for label in ("Art.-Nr.: 55-812", "Item # 99812", "SKU: KX-2201", "Réf. : 88231"):
        page = f"<html><body><h1>Cam</h1><p>€99</p><p>{label}</p></body></html>"
        assert _x(page).data["sku"] == label.split()[-1]


def test_rules_can_be_switched_off_for_the_bench_only():
    from extractor.pipeline import product

    page = '<html><body><h1>Boots</h1><del>$179.95</del> <span class="sale">$149.95</span></body></html>'
    with product.rules_disabled({"visible_regular"}):
        assert _x(page).data["regularPrice"] is None
    assert _x(page).data["regularPrice"] == "179.95"
    with pytest.raises(ValueError, match="unknown rules"), product.rules_disabled({"no_such_rule"}):
        pass


@pytest.mark.parametrize("rating", ["NaN", "Infinity", "-inf", "1e999"])
def test_a_rating_that_is_no_finite_number_is_no_rating(xkey, rating):
    """float() reads "NaN", "Infinity" and "1e999": the rating was stored as NaN / inf, which JSON (and the database's
    JSON column) cannot hold, so the finished job could not be written. Such a rating is now no rating."""
    from tests.helpers import extract_through_api

    node = {"@type": "Product", "name": "Espresso cup", "aggregateRating": {"ratingValue": rating, "reviewCount": "3"}}
    node["offers"] = {"@type": "Offer", "price": "12.99", "priceCurrency": "EUR"}
    page = (
        '<html><head><title>Espresso cup</title><script type="application/ld+json">'
        f"{json.dumps(node)}</script></head><body><h1>Espresso cup</h1><p>12,99 €</p></body></html>"
    )
    for body in ({"type": "product", "content": page}, {"type": "product", "format": "json", "content": node}):
        data = extract_through_api(xkey, body)["data"]
        assert data["name"] == "Espresso cup"
        assert data["rating"] is None
    data = extract_through_api(xkey, {"type": "product", "content": page.replace(f'"{rating}"', '"4.5"')})["data"]
    assert data["rating"]["value"] == 4.5


def test_a_text_product_with_a_long_run_of_digits_is_extracted_in_linear_time(xkey):
    """The amount-then-currency price pattern was tried from every digit of a run, each try scanning to the run's
    end: a text document holding a 100,000-digit run (an HTML entity gone wrong, a pasted number) took minutes, past
    the worker's time limit, and the job ended `dead`. It is now tried once per run; the candidates are the same."""
    from tests.helpers import extract_through_api

    content = "Espresso cup\n\nPrice: 12.99 EUR\n\nReference &#" + "9" * 100_000 + ";\n\nTwo cups of fine porcelain."
    result = extract_through_api(xkey, {"type": "product", "format": "text", "content": content})
    assert result["data"]["name"] == "Espresso cup"
    assert result["data"]["price"] == "12.99" and result["data"]["currency"] == "EUR"
    assert result["metadata"]["timings"]["extractMs"] < 30_000
