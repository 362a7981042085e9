"""Product pages in the shapes common shop software writes, with no structured data, through the API (POST, run, GET):
a sale price beside the regular one, a stock line, a buy button, a code row. Each page is written here after the
markup such templates produce (their class names and wording, not any shop's content). Two kinds were read wrong
before: a buy button labelled "Add to Shopping Bag" / "Add to my cart" / "Añadir a la cesta" (``buy_words_more``), and a labelled row
"Availability: Out Of Stock" beside a buy button the software leaves enabled (``labelled_stock_row``); the near-misses
beside them must not change."""

from __future__ import annotations

import pytest

from tests.helpers import product_through_api

pytestmark = pytest.mark.django_db

URL = "https://shop.example.com/p/canvas-tote"


def _page(summary: str, title: str = "Canvas Tote Bag") -> str:
    cards = "".join(
        f"<div class='card'><a href='/p/{i}'>Bag {i}</a><span class='price'>${10 + i}.00</span></div>" for i in range(5)
    )
    return (
        "<header><nav><a href='/'>Home</a><a href='/bags'>Bags</a><a href='/cart'>Cart (0)</a></nav></header>"
        f"<main><div class='product'><div class='gallery'><img src='/img/tote.jpg' alt='{title}'></div>"
        f"<div class='summary'><h1>{title}</h1>{summary}</div></div>"
        f"<section class='related'><h2>You may also like</h2>{cards}</section></main><footer>© 2025 Shop</footer>"
    )


TEMPLATES = {
    "sale price in del / ins, stock count, code row": (
        "<p class='price'><del aria-hidden='true'><span class='amount'><bdi><span class='currency-symbol'>&#36;</span>"
        "29.00</bdi></span></del> <span class='screen-reader-text'>Original price was: $29.00.</span><ins>"
        "<span class='amount'><bdi><span class='currency-symbol'>&#36;</span>19.00</bdi></span></ins></p>"
        "<p class='stock in-stock'>12 in stock</p><form class='cart'><button type='submit'>Add to cart</button></form>"
        "<div class='product_meta'><span class='sku_wrapper'>SKU: <span class='sku'>TOTE-CNV-01</span></span></div>",
        {"price": "19.00", "currency": "USD", "availability": "InStock", "sku": "TOTE-CNV-01"},
    ),
    "German out-of-stock line": (
        "<p class='price'><span class='amount'><bdi>24,90&nbsp;<span class='currency-symbol'>&euro;</span></bdi>"
        "</span></p><p class='stock out-of-stock'>Nicht vorrätig</p><div class='product_meta'>"
        "<span class='sku_wrapper'>Artikelnummer: <span class='sku'>4711-B</span></span></div>",
        {"price": "24.90", "currency": "EUR", "availability": "OutOfStock", "sku": "4711-B"},
    ),
    "struck regular price, sale price, disabled sold-out button": (
        "<div class='price price--sold-out'><div class='price__regular'><span class='visually-hidden'>Regular price"
        "</span><span class='price-item price-item--regular'>£55.00 GBP</span></div>"
        "<span class='badge price__badge-sold-out'>Sold out</span></div>"
        "<button type='submit' name='add' class='product-form__submit button' disabled>Sold out</button>",
        {"price": "55.00", "currency": "GBP", "availability": "OutOfStock"},
    ),
    "special and old price boxes, stock and code": (
        "<div class='price-box'><span class='special-price'><span class='price-label'>Special Price</span>"
        "<span data-price-amount='34' data-price-type='finalPrice' class='price-wrapper'><span class='price'>$34.00"
        "</span></span></span><span class='old-price'><span class='price-label'>Regular Price</span>"
        "<span data-price-amount='45' data-price-type='oldPrice' class='price-wrapper'><span class='price'>$45.00"
        "</span></span></span></div><div class='stock available' title='Availability'><span>In stock</span></div>"
        "<div class='product attribute sku'><strong class='type'>SKU</strong><div class='value'>24-MB01</div></div>"
        "<button type='submit' title='Add to Cart' class='action primary tocart'><span>Add to Cart</span></button>",
        {"price": "34.00", "currency": "USD", "availability": "InStock", "sku": "24-MB01"},
    ),
    "list price beside the price, code in a definition list": (
        "<div class='productView-price'><div class='price-section rrp-price'>MSRP: "
        "<span class='price price--rrp'>$35.00</span></div><div class='price-section'><span class='price-label'>"
        "Price:</span><span class='price price--withoutTax'>$25.00</span></div></div><dl class='productView-info'>"
        "<dt class='productView-info-name'>SKU:</dt><dd class='productView-info-value'>BC-778</dd></dl>"
        "<input class='button button--primary' type='submit' value='Add to Cart'>",
        {"price": "25.00", "currency": "USD", "availability": "InStock", "sku": "BC-778"},
    ),
    "French reference row and stock line": (
        "<div class='product-prices'><div class='product-discount'><span class='regular-price'>24,90&nbsp;€</span>"
        "</div><div class='current-price'><span class='current-price-value' content='19.9'>19,90&nbsp;€</span>"
        "<span class='discount'>Économisez 20%</span></div></div><div class='product-reference'>"
        "<label class='label'>Référence </label><span>demo_13</span></div><span id='product-availability'>En stock"
        "</span><button class='btn btn-primary add-to-cart' type='submit'>Ajouter au panier</button>",
        {"price": "19.90", "currency": "EUR", "availability": "InStock", "sku": "demo_13"},
    ),
    "Polish out-of-stock box": (
        "<div class='price-box'><span class='price-wrapper' data-price-amount='129'><span class='price'>"
        "129,00&nbsp;zł</span></span></div><div class='stock unavailable' title='Dostępność'><span>Brak w magazynie"
        "</span></div><div class='product attribute sku'><strong class='type'>SKU</strong><div class='value'>PL-5521"
        "</div></div>",
        {"price": "129.00", "currency": "PLN", "availability": "OutOfStock", "sku": "PL-5521"},
    ),
    "a disabled out-of-stock button with a secondary price": (
        "<div data-hook='product-prices-wrapper'><span data-hook='formatted-primary-price'>$18.00</span>"
        "<span data-hook='formatted-secondary-price'>$24.00</span></div><p data-hook='sku'>SKU: WX0012</p>"
        "<button data-hook='add-to-cart' aria-disabled='true' disabled><span>Out of Stock</span></button>",
        {"price": "18.00", "currency": "USD", "availability": "OutOfStock", "sku": "WX0012"},
    ),
    "a labelled row out of stock beside an enabled buy button": (
        "<ul class='list-unstyled'><li>Brand: <a href='/b'>Acme</a></li><li>Product Code: HT-4411</li>"
        "<li>Availability: Out Of Stock</li></ul><ul class='list-unstyled'><li>"
        "<span style='text-decoration: line-through;'>$122.00</span></li><li><h2>$98.00</h2></li>"
        "<li>Ex Tax: $80.00</li></ul><button type='button' id='button-cart' class='btn btn-primary'>Add to Cart</button>",
        {"price": "98.00", "currency": "USD", "availability": "OutOfStock", "sku": "HT-4411"},
    ),
}


@pytest.mark.parametrize("name", list(TEMPLATES))
def test_a_shop_template_s_product_page_is_read_whole(xkey, name):
    summary, expected = TEMPLATES[name]
    data, _ = product_through_api(xkey, _page(summary), URL)
    assert {field: data.get(field) for field in expected} == expected


@pytest.mark.parametrize(
    "label",
    [
        "Add to Shopping Bag",
        "Add to shopping cart",
        "Add to my cart",
        "Add item to basket",
        "Add to your bag",
        "Añadir a la cesta",
        "Agregar a la bolsa",
        "Adicionar ao carrinho",
        "Adicionar à sacola",
        "Ajouter au sac",
        "Aggiungi alla borsa",
        "Order now",
        "Compra ora",
        "Tilføj til kurv",
        "Додати в кошик",
        "Pievienot grozam",
        "+ Keranjang",
        "Masukkan Keranjang",
        "加入购物袋",
        "加入購物袋",
        "カートへ入れる",
        "買い物かごに入れる",
        "바로 구매",
        "הוספה לסל",
        "أضف للسلة",
        "أضف إلى عربة التسوق",
        "إضافة للسلة",
        "اضف الى السلة",
        "إضافة إلى عربة التسوق",
    ],
)
def test_a_longer_buy_label_is_a_buy_button(xkey, label):
    data, sources = product_through_api(xkey, _page(f"<p class='price'>$98.00</p><button class='btn'>{label}</button>"))
    assert (data.get("availability"), sources.get("availability")) == ("InStock", "heuristic")


@pytest.mark.parametrize(
    "label",
    [
        "Add to wishlist",
        "Add to compare",
        "Added to your bag",
        "Shopping bag (2)",
        "Shop now",
        "Keranjang (2)",
        "تمت الإضافة إلى السلة",
    ],
)
def test_other_controls_that_name_a_bag_or_a_list_are_no_buy_button(xkey, label):
    data, _ = product_through_api(xkey, _page(f"<p class='price'>$98.00</p><button class='btn'>{label}</button>"))
    assert data.get("availability") is None


@pytest.mark.parametrize(
    "row",
    ["Availability: Out Of Stock", "Stock status: Sold out", "Verfügbarkeit: Ausverkauft", "Disponibilité : Épuisé"],
)
def test_a_labelled_out_of_stock_row_outweighs_an_enabled_buy_button(xkey, row):
    summary = f"<p class='price'>$98.00</p><ul><li>Brand: Acme</li><li>{row}</li></ul><button>Add to Cart</button>"
    data, _ = product_through_api(xkey, _page(summary))
    assert data.get("availability") == "OutOfStock"


@pytest.mark.parametrize(
    "block",
    [
        # an unlabelled "Sold out" beside an enabled button still conflicts: no claim
        "<p>Sold out</p>",
        # the labelled row says out of stock, another line in stock: no claim
        "<ul><li>Availability: Out of stock</li></ul><p>In stock</p>",
    ],
)
def test_unlabelled_or_contradicted_out_of_stock_beside_an_enabled_button_stays_unclaimed(xkey, block):
    data, _ = product_through_api(xkey, _page(f"<p class='price'>$98.00</p>{block}<button>Add to Cart</button>"))
    assert data.get("availability") is None
