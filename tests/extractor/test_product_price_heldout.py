"""Issue 14's held-out price classes on pages no shop was tuned for, read through the API (POST, run, GET): the
product's amount classed like a "You may also like" grid's, two amounts in one element's text, a structured price of
0, a stale structured price on a page that says the item cannot be bought, and an old
price's name written with a full-width colon. Each page is small and written here."""

from __future__ import annotations

import pytest

from tests.helpers import product_through_api

pytestmark = pytest.mark.django_db


def _page(title: str, block: str, buy: str = "Add to cart", related: str = "", header: str = "") -> str:
    return (
        f"<header><a href='/'>Shop</a><nav><a href='/c/1'>Women</a><a href='/c/2'>Men</a></nav>{header}</header>"
        f"<main><div class='product'><h1>{title}</h1>{block}<form action='/cart/add'><button type='submit'>{buy}"
        "</button></form><div class='desc'><p>A good bag made of fine materials, suited to everyday use.</p></div>"
        f"</div>{related}</main><footer><p>© 2024 Shop</p></footer>"
    )


def _grid(cls: str, amounts: list[str]) -> str:
    cards = "".join(
        f"<div class='card'><a href='/p/{i}'>Bag {i}</a><span class='{cls}'>{a}</span></div>"
        for i, a in enumerate(amounts, start=2)
    )
    return f"<section><h2>You may also like</h2><div class='grid'>{cards}</div></section>"


def _ld(price: str, currency: str, availability: str = "InStock") -> str:
    return (
        '<script type="application/ld+json">{"@context": "https://schema.org", "@type": "Product", "name": "Red Bag",'
        f' "offers": {{"@type": "Offer", "price": "{price}", "priceCurrency": "{currency}",'
        f' "availability": "https://schema.org/{availability}"}}}}</script>'
    )


@pytest.mark.parametrize(
    ("cls", "amount", "grid", "url", "expected"),
    [
        # grid_title_block: the buy box's amount is classed like the cards' amounts below it
        ("price", "€89.00", ["€59.00", "€69.00", "€79.00"], "https://shop.example.ie/p/1", ("89.00", "EUR")),
        ("text-lg font-semibold", "€89.00", ["€59.00", "€69.00", "€79.00"], None, ("89.00", "EUR")),
        (
            "",
            "1 299,00 zł",
            ["599,00 zł", "699,00 zł", "799,00 zł"],
            "https://sklep.example.pl/p/1",
            ("1299.00", "PLN"),
        ),
        (
            "money",
            "3,980円",
            ["1,980円", "2,480円", "2,980円", "4,980円"],
            "https://shop.example.jp/p/1",
            ("3980", "JPY"),
        ),
    ],
)
def test_the_product_s_amount_classed_like_a_grid_s(xkey, cls, amount, grid, url, expected):
    page = _page("Red Bag", f"<div><span class='{cls}'>{amount}</span></div>", related=_grid(cls, grid))
    data, _ = product_through_api(xkey, page, url)
    assert (data["price"], data["currency"]) == expected


def test_a_grid_s_amounts_are_still_not_an_unavailable_item_s_price(xkey):
    """The cards' amounts share only the page-wide block with the title: a sold-out item without an amount of its
    own gets none of theirs."""
    grid = _grid("text-lg font-semibold", ["€59.00", "€69.00", "€79.00", "€29.00", "€39.00"])
    data, _ = product_through_api(xkey, _page("Red Bag", "<p>Sold out</p>", "Notify me", related=grid))
    assert data.get("price") is None


@pytest.mark.parametrize(
    ("text", "url", "expected"),
    [
        # amounts_in_one_text: the old and the current amount in one element's own text
        ("Was $49.99 Now $34.99", "https://shop.example.com/p/1", ("34.99", "49.99")),
        ("Regular price $49.99 Sale price $34.99", "https://shop.example.com/p/1", ("34.99", "49.99")),
        ("Van €49,99 voor €34,99", "https://shop.example.nl/p/1", ("34.99", "49.99")),
        ("Statt 49,99 € jetzt 34,99 €", "https://shop.example.de/p/1", ("34.99", "49.99")),
        ("Antes 49,99 € Ahora 34,99 €", "https://shop.example.es/p/1", ("34.99", "49.99")),
    ],
)
def test_two_amounts_in_one_text(xkey, text, url, expected):
    data, _ = product_through_api(xkey, _page("Red Bag", f"<p>{text}</p>"), url)
    assert (data["price"], data.get("regularPrice")) == expected


def test_an_old_price_named_with_a_full_width_colon(xkey):
    page = _page("赤いバッグ", "<p>定価：5,980円</p><p>販売価格：3,980円(税込)</p>", "カートに入れる")
    data, _ = product_through_api(xkey, page, "https://shop.example.jp/p/1")
    assert (data["price"], data["currency"]) == ("3980", "JPY")


def test_a_structured_price_of_zero_and_no_amount_shown_is_no_price(xkey):
    data, _ = product_through_api(xkey, _ld("0", "USD") + _page("Red Bag", "<p>Price on request</p>", "Contact us"))
    assert data.get("price") is None


@pytest.mark.parametrize(
    ("shown", "buy"),
    [
        ("<p>Sold out</p>", "Notify me when available"),
        ("<p>Out of stock</p>", "Notify me"),
        ("<p>Ausverkauft</p>", "Benachrichtigen"),
    ],
)
def test_a_stale_structured_price_of_an_item_the_page_says_is_not_offered(xkey, shown, buy):
    """no_price_when_shown_unavailable: the structured offer still says in stock; the page shows no amount and says
    the item cannot be bought: no price is offered."""
    data, _ = product_through_api(xkey, _ld("49.99", "USD") + _page("Red Bag", shown, buy))
    assert data.get("price") is None


@pytest.mark.parametrize(
    "shown",
    [
        "<p>Pick a size</p>",  # a price the page renders with its scripts
        "<ul><li>S</li><li>M (sold out)</li><li>L</li></ul>",  # one size sold out, the item on sale
        "<p>$49.99</p><p>Out of stock</p>",  # the price shown beside the stock wording
    ],
)
def test_a_structured_price_stays_when_the_page_does_not_say_it_is_withdrawn(xkey, shown):
    data, _ = product_through_api(xkey, _ld("49.99", "USD") + _page("Red Bag", shown))
    assert data["price"] == "49.99"


def test_two_unmarked_amounts_a_percentage_does_not_relate_keep_the_one_by_the_title(xkey):
    """100% cotton is no reduction of $49.99 to $34.99: the nearest amount stays the price."""
    data, _ = product_through_api(
        xkey, _page("Red Bag", "<div><span>$49.99</span> <span>$34.99</span></div><p>100% cotton</p>")
    )
    assert data["price"] == "49.99"


@pytest.mark.parametrize(
    ("page", "url", "expected"),
    [
        # "à partir de" / "a partir de" is "from": the lowest price offered, not an old one ("de R$ 199" is)
        (
            "<main><h1>Festival Jazz à Vienne</h1><p>12 juillet 2025</p><p>À partir de 35 €</p>"
            "<button>Réserver</button></main>",
            "https://billets.example.fr/e/1",
            ("35", "EUR"),
        ),
        (
            "<main><h1>Concierto de verano</h1><p>12 de julio de 2025</p><p>Entradas a partir de 25,00 €</p>"
            "<button>Comprar entradas</button></main>",
            "https://entradas.example.es/e/1",
            ("25.00", "EUR"),
        ),
        # an amount written with a dash for its cents
        (
            _page("Rote Tasche", "<div><span>129,– €</span></div>", "In den Warenkorb"),
            "https://shop.example.de/p/1",
            ("129", "EUR"),
        ),
        (
            _page("Rote Tasche", "<div><span>CHF 89.—</span></div>", "In den Warenkorb"),
            "https://shop.example.ch/p/1",
            ("89", "CHF"),
        ),
    ],
)
def test_from_prices_and_dashed_cents(xkey, page, url, expected):
    data, _ = product_through_api(xkey, page, url)
    assert (data["price"], data["currency"]) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Livraison offerte à partir de 250€ sur toute la boutique",  # a free-delivery threshold, not a price
        "Prix : 0 € - 50 €",  # a price filter's range: its upper bound is no amount of its own
    ],
)
def test_thresholds_and_range_bounds_are_not_the_price(xkey, text):
    page = f"<main><h1>Barbecues à gaz</h1><p>{text}</p><p>Nos barbecues sont livrés montés.</p></main>"
    data, _ = product_through_api(xkey, page, "https://shop.example.fr/c/1")
    assert data.get("price") is None


@pytest.mark.parametrize(
    "block",
    [
        # split_cents: the cents in an element classed for them, without their point
        "<div class='price'><span class='price-symbol'>$</span><span class='price-whole'>49</span>"
        "<span class='price-fraction'>99</span></div>",
        "<div><span>$</span><span class='int'>49</span><span class='cents'>99</span></div>",
        "<p class='product-price'>$49<span class='price__decimals'>99</span></p>",
    ],
)
def test_cents_split_into_their_own_element(xkey, block):
    data, _ = product_through_api(xkey, _page("Red Bag", block), "https://shop.example.com/p/1")
    assert (data["price"], data["currency"]) == ("49.99", "USD")
