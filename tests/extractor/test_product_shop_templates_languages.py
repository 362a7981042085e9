"""Product pages in the shapes common shop software writes, in its localised forms, with no structured data, through
the API (POST, run, GET): the same templates as ``test_product_shop_templates.py`` (a sale price beside the regular
one, a tax note, a stock row, a buy button, a code row, navigation and a related-products grid around them) in German,
French, Spanish, Italian, Portuguese, Polish, Czech, Swedish, Turkish, Russian, Ukrainian, Greek, Japanese, Arabic
and Hebrew. Each page is written here after the markup and default wording such software
produces (its class names and labels, not any shop's content). Five kinds were read wrong before: a code row labelled
"UGS", "Referens", "Numero prodotto", "Número de producto", "Ürün numarası", "المرجع" or written without a colon
("UGS EC-2490", "N° d’article M1234569") (``sku_labels_platforms``); an amount "Без ПДВ:", "Χωρίς ΦΠΑ:", "بدون
ضريبة:", "Imponibile:", "Sem impostos:" beside the price with tax (``tax_words_scripts``); a current price whose box
is classed "with-list-price" (``box_with_old_price_class``); a stock row labelled "Наявність:", "Διαθεσιμότητα:",
"التوفر:", "זמינות:", or a labelled row saying "Není k dispozici", "Ej tillgänglig", "Mevcut değil", "Недоступно"
(``stock_rows_languages``); a buy button that is a link to no page or a block with a button's role
(``buy_link_button``). The near-misses beside them must not change."""

from __future__ import annotations

import pytest

from tests.helpers import product_through_api

pytestmark = pytest.mark.django_db


def _page(summary: str, card_price: str = "$10.00", related: str = "You may also like") -> str:
    cards = "".join(
        f"<div class='card'><a href='/p/{i}'><img src='/img/{i}.jpg' alt=''>Bag {i}</a>"
        f"<span class='price'>{card_price}</span></div>"
        for i in range(5)
    )
    return (
        "<header><nav><a href='/'>Home</a><a href='/bags'>Bags</a><a href='/cart'>Cart (0)</a></nav></header>"
        "<main><div class='product'><div class='gallery'><img src='/img/tote.jpg' alt='Canvas Tote Bag'></div>"
        f"<div class='summary'><h1>Canvas Tote Bag</h1>{summary}</div></div>"
        f"<section class='related'><h2>{related}</h2>{cards}</section></main><footer>© 2025 Shop</footer>"
    )


def _magento(price: str, stock: str, label: str, code: str, button: str = "", avail: str = "Availability") -> str:
    return (
        "<div class='product-info-price'><div class='price-box price-final_price'><span class='price-container'>"
        f"<span data-price-type='finalPrice' class='price-wrapper'><span class='price'>{price}</span></span></span></div>"
        f"<div class='product-info-stock-sku'><div class='stock available' title='{avail}'><span>{stock}</span></div>"
        f"<div class='product attribute sku'><strong class='type'>{label}</strong><div class='value'>{code}</div></div>"
        f"</div></div>{button}"
    )


def _presta(price: str, avail: str, label: str, code: str, button: str) -> str:
    return (
        f"<div class='product-prices'><div class='current-price'><span class='current-price-value'>{price}</span></div>"
        f"</div><div class='product-add-to-cart'><button class='btn btn-primary add-to-cart' type='submit'>{button}"
        f"</button><span id='product-availability'>{avail}</span></div><div class='product-reference'>"
        f"<label class='label'>{label} </label><span>{code}</span></div>"
    )


def _shopware(
    price: str, vat: str, label: str, code: str, delivery: str, button: str = "", list_price: str = ""
) -> str:
    listed = f"<span class='list-price-price'>{list_price}</span>" if list_price else ""
    return (
        f"<div class='product-detail-price-container'><p class='product-detail-price with-list-price'>{price}</p>"
        f"{listed}<p class='product-detail-tax-container'><span class='product-detail-tax'>{vat}</span></p></div>"
        f"<div class='product-detail-delivery-information'><p class='delivery-information'>{delivery}</p></div>"
        f"{button}<div class='product-detail-ordernumber-container'><span class='product-detail-ordernumber-label'>"
        f"{label}</span> <span class='product-detail-ordernumber'>{code}</span></div>"
    )


def _opencart(code_row: str, stock_row: str, price: str, ex_tax: str, button: str) -> str:
    return (
        f"<ul class='list-unstyled'><li>{code_row}</li><li>{stock_row}</li></ul><ul class='list-unstyled'><li><h2>"
        f"{price}</h2></li><li>{ex_tax}</li></ul><button type='button' id='button-cart' class='btn btn-primary'>"
        f"{button}</button>"
    )


_BUY_DE = "<button type='submit' title='In den Warenkorb' class='action primary tocart'>In den Warenkorb</button>"
_DAWN_AR = (
    "<div class='price price--on-sale'><div class='price__sale'><span class='visually-hidden'>السعر العادي</span>"
    "<s class='price-item price-item--regular'>350.00 د.إ.</s><span class='visually-hidden'>سعر التخفيض</span>"
    "<span class='price-item price-item--sale'>280.00 د.إ.</span></div></div>"
    "<button type='submit' name='add' class='product-form__submit button'>أضف إلى السلة</button>"
)

TEMPLATES = {
    # sku_labels_platforms
    "French code row labelled UGS": (
        _magento("29,95&nbsp;€", "En stock", "UGS", "FR-2995", "<button class='tocart'>Ajouter au panier</button>"),
        "https://boutique.example.fr/sac.html",
        {"price": "29.95", "currency": "EUR", "availability": "InStock", "sku": "FR-2995"},
    ),
    "Swedish reference row": (
        _presta("299,00&nbsp;kr", "I lager", "Referens", "demo_14", "Lägg i varukorgen"),
        "https://butik.example.se/vaska",
        {"price": "299.00", "currency": "SEK", "availability": "InStock", "sku": "demo_14"},
    ),
    "Arabic reference row": (
        _presta("150.00&nbsp;د.م.", "متوفر", "المرجع", "demo_16", "أضف إلى السلة"),
        "https://shop.example.ma/bag",
        {"price": "150.00", "currency": "MAD", "availability": "InStock", "sku": "demo_16"},
    ),
    "Italian product number": (
        _shopware(
            "39,95&nbsp;€*",
            "Prezzi IVA inclusa",
            "Numero prodotto:",
            "SW10048",
            "Disponibile",
            "<button class='btn btn-buy'>Aggiungi al carrello</button>",
        ),
        "https://negozio.example.it/borsa",
        {"price": "39.95", "currency": "EUR", "availability": "InStock", "sku": "SW10048"},
    ),
    "Spanish product number": (
        _shopware(
            "39,95&nbsp;€*",
            "Precios IVA incluido",
            "Número de producto:",
            "SW10049",
            "Disponible",
            "<button class='btn btn-buy'>Añadir a la cesta de compra</button>",
        ),
        "https://tienda.example.es/bolso",
        {"price": "39.95", "currency": "EUR", "availability": "InStock", "sku": "SW10049"},
    ),
    "Turkish product number": (
        _shopware(
            "₺499,00*",
            "Fiyatlara KDV dahildir",
            "Ürün numarası:",
            "SW10051",
            "Mevcut",
            "<button class='btn btn-buy'>Sepete ekle</button>",
        ),
        "https://magaza.example.com.tr/canta",
        {"price": "499.00", "currency": "TRY", "availability": "InStock", "sku": "SW10051"},
    ),
    "French code written without a colon": (
        "<div class='product-details__product-price'><span class='details-product-price__value'>24,90&nbsp;€</span>"
        "</div><div class='product-details__product-sku ec-text-muted'>UGS&nbsp;EC-2490</div>"
        "<button class='form-control__button'><span>Ajouter au panier</span></button>",
        "https://boutique.example.fr/products/sac",
        {"price": "24.90", "currency": "EUR", "availability": "InStock", "sku": "EC-2490"},
    ),
    "French article number without a colon, out of stock": (
        "<div class='prices'><span class='sales'><span class='value'>59,99&nbsp;€</span></span></div>"
        "<div class='product-number'>N° d’article <span class='product-id'>M1234569</span></div>"
        "<div class='availability product-availability'><div>Rupture de stock</div></div>"
        "<button class='add-to-cart btn btn-primary' disabled>Ajouter au panier</button>",
        "https://boutique.example.fr/sac/M1234569.html",
        {"price": "59.99", "currency": "EUR", "availability": "OutOfStock", "sku": "M1234569"},
    ),
    # tax_words_scripts
    "Ukrainian amount without tax, labelled out-of-stock row": (
        _opencart("Код товару: OC-105", "Наявність: Немає в наявності", "899 грн", "Без ПДВ: 749 грн", "Купити"),
        "https://shop.example.com.ua/tote",
        {"price": "899", "currency": "UAH", "availability": "OutOfStock", "sku": "OC-105"},
    ),
    "Greek amount without tax": (
        _opencart(
            "Κωδικός προϊόντος: OC-108",
            "Διαθεσιμότητα: Άμεσα διαθέσιμο",
            "24,90€",
            "Χωρίς ΦΠΑ: 20,08€",
            "Προσθήκη στο καλάθι",
        ),
        "https://shop.example.gr/tote",
        {"price": "24.90", "currency": "EUR", "availability": "InStock", "sku": "OC-108"},
    ),
    "Arabic amount without tax": (
        _opencart("رمز المنتج: OC-109", "التوفر: متوفر", "150.00 ر.س", "بدون ضريبة: 130.43 ر.س", "أضف للسلة"),
        "https://shop.example.sa/tote",
        {"price": "150.00", "currency": "SAR", "availability": "InStock", "sku": "OC-109"},
    ),
    "Italian taxable amount": (
        _opencart(
            "Codice prodotto: OC-110", "Disponibilità: Esaurito", "24,90€", "Imponibile: 20,41€", "Aggiungi al carrello"
        ),
        "https://negozio.example.it/tote",
        {"price": "24.90", "currency": "EUR", "availability": "OutOfStock", "sku": "OC-110"},
    ),
    "Portuguese amount without taxes": (
        _opencart(
            "Código do produto: OC-111", "Disponibilidade: Em estoque", "R$89,90", "Sem impostos: R$73,69", "Comprar"
        ),
        "https://loja.example.com.br/tote",
        {"price": "89.90", "currency": "BRL", "availability": "InStock", "sku": "OC-111"},
    ),
    # box_with_old_price_class
    "German price box classed with-list-price": (
        _shopware(
            "39,95&nbsp;€*",
            "Preise inkl. MwSt. zzgl. Versandkosten",
            "Produktnummer:",
            "SW10042",
            "Sofort verfügbar, Lieferzeit 1-3 Werktage",
            "<button class='btn btn-buy'>In den Warenkorb</button>",
            "49,95&nbsp;€*",
        ),
        "https://shop.example.de/tote",
        {"price": "39.95", "currency": "EUR", "availability": "InStock", "sku": "SW10042"},
    ),
    # stock_rows_languages
    "Czech labelled not-available row beside an enabled button": (
        _opencart("Kód produktu: OC-112", "Dostupnost: Není k dispozici", "990 Kč", "Bez DPH: 818,18 Kč", "Do košíku"),
        "https://obchod.example.cz/taska",
        {"price": "990", "currency": "CZK", "availability": "OutOfStock", "sku": "OC-112"},
    ),
    "Hebrew labelled out-of-stock row": (
        "<p class='price'>149.90 ₪</p><ul><li>מותג: Acme</li><li>זמינות: אזל מהמלאי</li></ul>"
        "<button>הוספה לסל</button>",
        "https://shop.example.co.il/bag",
        {"price": "149.90", "currency": "ILS", "availability": "OutOfStock"},
    ),
    # buy_link_button
    "Russian buy link with a sale price": (
        "<div class='product-item-detail-price-current'>2 990 ₽</div><div class='product-item-detail-price-old'>"
        "3 990 ₽</div><dl><dt>Артикул</dt><dd>BX-2990</dd></dl><a class='btn btn-primary product-item-detail-buy-"
        "button' href='javascript:void(0)' rel='nofollow'><span>В корзину</span></a>",
        "https://shop.example.ru/catalog/tote/",
        {"price": "2990", "currency": "RUB", "availability": "InStock", "sku": "BX-2990"},
    ),
    "German buy block with a button's role": (
        "<div class='product-price'><span class='sqs-money-native'>49,00&nbsp;€</span><span class='original-price'>"
        "<span class='sqs-money-native'>65,00&nbsp;€</span></span></div><div class='sqs-add-to-cart-button' "
        "role='button'><div class='sqs-add-to-cart-button-inner'>In den Warenkorb</div></div>",
        "https://shop.example.de/shop/p/tote",
        {"price": "49.00", "currency": "EUR", "availability": "InStock"},
    ),
    # read right before too: the localised forms the pipeline already knew
    "German sale in del / ins, tax and unit price notes": (
        "<p class='price'><del><span class='amount'><bdi>39,90&nbsp;€</bdi></span></del> <ins><span class='amount'>"
        "<bdi>29,90&nbsp;€</bdi></span></ins></p><p class='tax-info'>inkl. 19 % MwSt.</p><p class='price-unit'>"
        "<span class='amount'>59,80&nbsp;€</span> / 1 kg</p><p class='stock in-stock'>Vorrätig</p>"
        f"{_BUY_DE}<div class='product_meta'><span class='sku_wrapper'>Artikelnummer: <span class='sku'>KT-2231"
        "</span></span></div>",
        "https://shop.example.de/p/tote",
        {"price": "29.90", "currency": "EUR", "availability": "InStock", "sku": "KT-2231"},
    ),
    "Japanese tax-included price and code": (
        _magento("￥4,980", "在庫あり", "品番", "JP-4980", "<button class='tocart'>カートに追加</button>"),
        "https://shop.example.jp/bag.html",
        {"price": "4980", "currency": "JPY", "availability": "InStock", "sku": "JP-4980"},
    ),
    "Arabic struck regular price, currency after the amount": (
        _DAWN_AR,
        "https://shop.example.ae/products/bag",
        {"price": "280.00", "currency": "AED", "availability": "InStock"},
    ),
    "Polish unavailable box": (
        _magento("89,99&nbsp;zł", "Brak w magazynie", "Kod produktu", "PL-8999", avail="Dostępność"),
        "https://sklep.example.pl/torba.html",
        {"price": "89.99", "currency": "PLN", "availability": "OutOfStock", "sku": "PL-8999"},
    ),
}


@pytest.mark.parametrize("name", list(TEMPLATES))
def test_a_localised_shop_template_s_product_page_is_read_whole(xkey, name):
    summary, url, expected = TEMPLATES[name]
    data, _ = product_through_api(xkey, _page(summary), url)
    assert {field: data.get(field) for field in expected} == expected


@pytest.mark.parametrize(
    "row",
    [
        "Наявність: Немає в наявності",
        "Διαθεσιμότητα: Εξαντλημένο",
        "التوفر: غير متوفر",
        "זמינות: אזל מהמלאי",
        "Dostupnost: Není k dispozici",
        "Tillgänglighet: Ej tillgänglig",
        "Stok durumu: Mevcut değil",
        "Наличие: Недоступно",
    ],
)
def test_a_localised_out_of_stock_row_is_out_of_stock(xkey, row):
    data, _ = product_through_api(
        xkey, _page(f"<p class='price'>$98.00</p><ul><li>Brand: Acme</li><li>{row}</li></ul>")
    )
    assert data.get("availability") == "OutOfStock"


@pytest.mark.parametrize("row", ["Наявність: В наявності", "Διαθεσιμότητα: Σε απόθεμα", "التوفر: متوفر"])
def test_a_localised_in_stock_row_is_in_stock(xkey, row):
    data, _ = product_through_api(
        xkey, _page(f"<p class='price'>$98.00</p><ul><li>Brand: Acme</li><li>{row}</li></ul>")
    )
    assert data.get("availability") == "InStock"


@pytest.mark.parametrize(
    "block", ["<p>Dárkové balení není k dispozici</p>", "<p>Доставка: недоступно</p>", "<p>Není k dispozici</p>"]
)
def test_other_not_available_wording_beside_an_enabled_button_stays_in_stock(xkey, block):
    """Something else not available ("gift wrapping", "delivery"), or "not available" with no stock label (as often a
    feature's or an option's): the product's buy button says in stock."""
    data, _ = product_through_api(xkey, _page(f"<p class='price'>$98.00</p>{block}<button>Add to Cart</button>"))
    assert data.get("availability") == "InStock"


@pytest.mark.parametrize(
    ("block", "price"),
    [
        ("<h2>899 грн</h2><p>З ПДВ</p>", "899"),  # the with-tax note alone: the price
        ("<p>Imponibile: 20,41 €</p>", "20.41"),  # an amount without tax and none with it: the only amount shown
        ("<h2>24,90 €</h2><p>Χωρίς ΦΠΑ: 12,00 €</p>", "24.90"),  # no tax rate between them: still the first
    ],
)
def test_tax_words_of_more_languages_leave_other_amounts_alone(xkey, block, price):
    data, _ = product_through_api(xkey, _page(block + "<button>Add to Cart</button>"), "https://shop.example.eu/p/1")
    assert data.get("price") == price


@pytest.mark.parametrize(
    "summary",
    [
        # a link to a page classed as a button ("Add to cart" of a product card): no buy button
        "<p class='price'>$98.00</p><a class='button add_to_cart_button' href='/p/7?add-to-cart=7'>Add to cart</a>",
        # a link to no page not classed as a button
        "<p class='price'>$98.00</p><a href='javascript:void(0)' class='wish'>Add to cart</a>",
    ],
)
def test_links_that_are_no_script_buttons_are_no_buy_button(xkey, summary):
    data, _ = product_through_api(xkey, _page(summary))
    assert data.get("availability") is None


@pytest.mark.parametrize("text", ["N° d’article 2024", "UGS 12", "Referens 123"])
def test_a_label_without_colon_before_a_year_or_a_short_number_names_no_sku(xkey, text):
    data, _ = product_through_api(xkey, _page(f"<p class='price'>$98.00</p><p>{text}</p>"))
    assert data.get("sku") is None
