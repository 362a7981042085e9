"""The class-price reader (an element classed "price") against amounts that are not the page's offer, read through
the API (POST, run, GET): another product's card or link and another condition's offer ("Used for $1,149.95") are
skipped as the visible reader skips them, and a structured price the page shows as its "Was" amount gives way to the
current one even when both amounts are classed "price". Each page small and written here.
"""

from __future__ import annotations

import pytest

from tests.helpers import product_through_api

pytestmark = pytest.mark.django_db


through_api = product_through_api


def _ld(price: str) -> str:
    return (
        '<script type="application/ld+json">{"@context": "https://schema.org", "@type": "Product", "name": '
        f'"Canvas Tote", "offers": {{"@type": "Offer", "price": "{price}", "priceCurrency": "USD"}}}}</script>'
    )


@pytest.mark.parametrize("block", ["ul class='carousel'", "div class='also-bought'", "div"])
def test_an_unavailable_page_does_not_take_a_card_s_price(xkey, block):
    """The only amount classed "price" is in a link to another product (a "Customers also bought" card)."""
    tag = block.split()[0]
    card = "<li>" if tag == "ul" else ""
    page = (
        f"<h1>Nikon D750</h1><p>Currently unavailable.</p><{block}>{card}<a href='/dp/B0D1PC8551'>"
        f"<img src='/x.jpg'><span class='a-price'>$21.86</span></a>{card.replace('<', '</')}</{tag}>"
    )
    data, _ = through_api(xkey, page)
    assert data["price"] is None
    assert data["availability"] == "OutOfStock"


@pytest.mark.parametrize(
    "offer",
    [
        "<a href='/used/1082604'><div><div>Used for <span><span class='price-large'>$1,149.95</span></span></div></div></a>",
        "<div>Used for <span class='price-large'>$1,149.95</span></div>",
        "<div>Refurbished from <span class='price'>$1,149.95</span></div>",
    ],
)
def test_another_condition_s_offer_is_not_the_class_price(xkey, offer):
    data, _ = through_api(xkey, f"<h1>Nikon D750</h1><p>No longer available</p>{offer}")
    assert data["price"] is None


def test_a_structured_price_shown_as_the_was_amount_gives_way_to_the_now_amount(xkey):
    """Both amounts are classed "price"; the first is the "Was" one, equal to a stale structured price."""
    page = (
        f"{_ld('49.99')}<h1>Canvas Tote</h1><p>Was <span class='price'>$49.99</span> Now "
        "<span class='price'>$34.99</span></p><button>Add to cart</button>"
    )
    data, sources = through_api(xkey, page)
    assert (data["price"], data["regularPrice"], sources["price"]) == ("34.99", "49.99", "heuristic")


def test_a_structured_price_the_page_shows_as_current_stays(xkey):
    page = (
        f"{_ld('34.99')}<h1>Canvas Tote</h1><p>Was <span class='price'>$49.99</span> Now "
        "<span class='price'>$34.99</span></p><button>Add to cart</button>"
    )
    data, sources = through_api(xkey, page)
    assert (data["price"], sources["price"]) == ("34.99", "jsonld")
