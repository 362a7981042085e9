"""Product fields beyond price / sku / stock (issue 14 item 4), through the API: variants, gtin with its type,
colour and size, feature bullets, breadcrumbs, and ``metadata.probability`` (is this one product's page?)."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from tests.helpers import extract_through_api

pytestmark = pytest.mark.django_db
# a real page committed with its licence (tests/fixtures/pages/NOTICE.md)
PAGES = Path(__file__).resolve().parents[1] / "fixtures" / "pages" / "webpages-dev" / "html"


def run(xkey, content: str, url: str | None = None) -> tuple[dict, dict]:
    body = {"type": "product", "content": content, **({"url": url} if url else {})}
    got = extract_through_api(xkey, body)
    return got["data"], got["metadata"]


def ld(node: dict) -> str:
    return f'<script type="application/ld+json">{json.dumps(node)}</script>'


def test_variants_by_colour_from_a_real_product_group(xkey):
    html = gzip.decompress((PAGES / "0598.html.gz").read_bytes()).decode()
    data, metadata = run(xkey, html, "https://hyosilver.com/shop/buckles/texan-series-buckles/")
    assert [(v["sku"], v["price"], v["color"]) for v in data["variants"]] == [
        ("TXSB06BT", "335", "Blue Topaz"),
        ("TXSB06CC", "325", "Crystal Clear"),
    ]
    assert all(v["availability"] == "InStock" and v["image"].startswith("https://") for v in data["variants"])
    assert data["breadcrumbs"][-1] == "Engraved Silver Fashion Belt Buckle"
    assert metadata["sources"]["variants"] == "jsonld"
    assert metadata["probability"] >= 0.5


@pytest.mark.parametrize(
    ("key", "value", "gtin", "gtin_type"),
    [
        ("gtin13", "4006381333931", "4006381333931", "gtin13"),
        ("gtin", "012345678905", "012345678905", "gtin12"),
        ("gtin", "9780306406157", "9780306406157", "isbn"),
        ("isbn", "0-306-40615-2", "0306406152", "isbn"),
        ("gtin8", "96385074", "96385074", "gtin8"),
    ],
)
def test_gtin_carries_its_type(xkey, key, value, gtin, gtin_type):
    node = {"@type": "Product", "name": "Pen", key: value, "color": "Blue", "size": "M"}
    data, metadata = run(xkey, f"<html><head>{ld(node)}</head><body><h1>Pen</h1></body></html>")
    assert (data["gtin"], data["gtinType"], data["color"], data["size"]) == (gtin, gtin_type, "Blue", "M")
    assert metadata["sources"]["gtinType"] == "jsonld"


def test_feature_bullets_and_visible_breadcrumbs(xkey):
    page = (
        "<html><body><nav aria-label='Breadcrumb'><ol><li><a href='/'>Home</a></li><li><a href='/tools'>Tools</a>"
        "</li><li>Drill</li></ol></nav><h1>Drill</h1><p>$99.00</p><button>Add to cart</button>"
        "<h3>Key features</h3><ul><li>Brushless motor, 60 Nm</li><li>Two 2 Ah batteries</li></ul></body></html>"
    )
    data, metadata = run(xkey, page)
    assert data["features"] == ["Brushless motor, 60 Nm", "Two 2 Ah batteries"]
    assert data["breadcrumbs"] == ["Home", "Tools"]
    assert metadata["sources"]["features"] == metadata["sources"]["breadcrumbs"] == "heuristic"


PRODUCT = {"@type": "Product", "name": "Drill", "offers": {"@type": "Offer", "price": "99", "priceCurrency": "USD"}}


def test_probability_tells_a_product_page_from_a_listing_and_an_article(xkey):
    product, meta_product = run(xkey, f"<html><body>{ld(PRODUCT)}<h1>Drill</h1><p>$99</p><button>Add to cart</button>")
    grid = "".join(f"<li><a href='/p{i}'>Drill {i}</a> <span>${90 + i}.00</span></li>" for i in range(10))
    items = [{**PRODUCT, "name": f"Drill {i}"} for i in range(10)]
    listing, meta_listing = run(xkey, f"<html><body>{ld({'@graph': items})}<h1>Drills</h1><ul>{grid}</ul>")
    article = {"@type": "NewsArticle", "headline": "Drill prices fall"}
    _, meta_article = run(
        xkey,
        f"<html><head><meta property='og:type' content='article'></head><body>{ld(article)}"
        "<h1>Drill prices fall</h1><p>The cheapest drill now costs $49.</p></body></html>",
    )
    assert product["price"] == "99" and meta_product["probability"] > 0.8
    assert meta_listing["probability"] < 0.5
    assert meta_article["probability"] < 0.5


def test_probability_of_a_product_page_whose_only_hints_are_its_cart_form(xkey):
    """A shop plugin that labels its product pages og:type "article" and writes no product data: the add-to-cart
    form posting one product id with its quantity box, beside an sku and a stock line, still says product (as the
    three such webpages-dev pages do); a listing's quick-add forms post several."""
    head = "<html><head><meta property='og:type' content='article'></head><body>"
    form = (
        "<form><input type='hidden' name='product_id' value='{}'><input name='quantity' value='1'>"
        "<button>Add to cart</button></form>"
    )
    item = "<p>SKU: HD-{}</p><p>In stock</p><p>$101.97</p>"
    _, meta_product = run(xkey, f"{head}<h1>Hair Dryer</h1>{item.format(622)}{form.format(622)}")
    _, meta_listing = run(
        xkey, f"{head}<h1>Dryers</h1>{item.format(622)}{form.format(622)}{item.format(623)}{form.format(623)}"
    )
    assert meta_product["probability"] >= 0.5 > meta_listing["probability"]


def test_probability_of_a_product_page_without_structured_data_or_buy_button(xkey):
    """A page that names one product by its url and shows an sku, a stock line and a quantity box, but has no
    structured data and no buy button (the shop's script draws it): a product page. The same text under a blog url
    with og:type article is not."""
    body = (
        "<h1>Cordless Drill 18V</h1><p>SKU: DR-18V-2</p><p>In stock</p><p>$129.00</p>"
        "<form><label>Qty <input name='quantity' value='1'></label></form></body></html>"
    )
    _, meta_product = run(xkey, f"<html><body>{body}", "https://shop.example/product/cordless-drill-18v")
    head = "<html><head><meta property='og:type' content='article'></head><body>"
    _, meta_article = run(xkey, f"{head}{body.split('<form>')[0]}</body></html>", "https://shop.example/blog/drills")
    assert meta_product["probability"] >= 0.5 > meta_article["probability"]
