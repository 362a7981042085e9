"""Product pages written by hand as shops nobody tuned the pipeline for build them, for the fields beyond price / sku /
stock (issue 14 item 4): ``regularPrice``, ``variants``, ``gtin`` / ``gtinType``, ``features``, ``color``, ``size``,
``rating`` (schema.org's aggregateRating), ``breadcrumbs``, ``mainImage``, ``metadata.sources`` and
``metadata.probability``. Used by ``test_product_extra_fields_probes.py``.

Each probe is (id, url, html, expect). ``expect`` maps a data field to the value a shopper would read off the page
(``None``: the field must be absent — nothing invented), ``"probability"`` to "high" (≥ 0.5) or "low" (< 0.5) and
``"sources"`` to the source each named field must come from. Expected ``variants`` items are compared on the keys
they name. Conventions, as the API already answers: a rating is ``{value, count}``; JSON-LD and microdata breadcrumbs
are the trail's names as the structured data lists them, a visible trail is its links; a gtin whose check digit
fails is no gtin (a shop's internal number in the field)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation


@dataclass
class Probe:
    id: str
    url: str
    html: str
    expect: dict
    xfail: str | None = None
    tags: tuple = field(default_factory=tuple)


def check_digit(body: str) -> str:
    """GS1 check digit of the digits before it (GTIN-8/12/13/14 alike)."""
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(body)))
    return body + str((10 - total % 10) % 10)


def broken(code: str) -> str:
    return code[:-1] + str((int(code[-1]) + 3) % 10)


EAN13 = check_digit("400638133393")  # 4006381333931
EAN13B = check_digit("590123412345")  # 5901234123457
UPC12 = check_digit("03600029145")  # 036000291452
EAN8 = check_digit("9638507")  # 96385074
GTIN14 = check_digit("1001234567890")
ISBN13 = check_digit("978316148410")  # 9783161484100
ISBN10 = "0306406152"
JAN13 = check_digit("490123456789")

W = {  # home, cart, add to cart, related, footer, choose, size, colour, sold out, reviews word
    "en": ("Home", "Cart", "Add to cart", "You may also like", "Customer service", "Choose an option", "Size", "Color"),
    "de": (
        "Startseite",
        "Warenkorb",
        "In den Warenkorb",
        "Das könnte Ihnen gefallen",
        "Kundenservice",
        "Bitte wählen",
        "Größe",
        "Farbe",
    ),
    "fr": (
        "Accueil",
        "Panier",
        "Ajouter au panier",
        "Vous aimerez aussi",
        "Service client",
        "Choisir une option",
        "Taille",
        "Couleur",
    ),
    "es": (
        "Inicio",
        "Carrito",
        "Añadir al carrito",
        "También te puede gustar",
        "Atención al cliente",
        "Elige una opción",
        "Talla",
        "Color",
    ),
    "it": (
        "Home",
        "Carrello",
        "Aggiungi al carrello",
        "Potrebbe piacerti",
        "Servizio clienti",
        "Scegli un'opzione",
        "Taglia",
        "Colore",
    ),
    "nl": (
        "Home",
        "Winkelwagen",
        "In winkelwagen",
        "Misschien ook leuk",
        "Klantenservice",
        "Kies een optie",
        "Maat",
        "Kleur",
    ),
    "pl": (
        "Strona główna",
        "Koszyk",
        "Dodaj do koszyka",
        "Może Ci się spodobać",
        "Obsługa klienta",
        "Wybierz opcję",
        "Rozmiar",
        "Kolor",
    ),
    "sv": (
        "Hem",
        "Varukorg",
        "Lägg i varukorgen",
        "Du kanske också gillar",
        "Kundtjänst",
        "Välj ett alternativ",
        "Storlek",
        "Färg",
    ),
    "pt": (
        "Início",
        "Carrinho",
        "Adicionar ao carrinho",
        "Também pode gostar",
        "Apoio ao cliente",
        "Escolha uma opção",
        "Tamanho",
        "Cor",
    ),
    "cs": (
        "Domů",
        "Košík",
        "Do košíku",
        "Mohlo by se vám líbit",
        "Zákaznický servis",
        "Vyberte možnost",
        "Velikost",
        "Barva",
    ),
    "da": (
        "Forside",
        "Kurv",
        "Læg i kurv",
        "Andre købte også",
        "Kundeservice",
        "Vælg en mulighed",
        "Størrelse",
        "Farve",
    ),
    "ja": (
        "ホーム",
        "カート",
        "カートに入れる",
        "おすすめ商品",
        "お客様サポート",
        "選択してください",
        "サイズ",
        "カラー",
    ),
    "fi": (
        "Etusivu",
        "Ostoskori",
        "Lisää ostoskoriin",
        "Saatat pitää myös",
        "Asiakaspalvelu",
        "Valitse",
        "Koko",
        "Väri",
    ),
}
HOST = {
    "en": "https://shop.example.com",
    "de": "https://shop.example.de",
    "fr": "https://boutique.example.fr",
    "es": "https://tienda.example.es",
    "it": "https://negozio.example.it",
    "nl": "https://winkel.example.nl",
    "pl": "https://sklep.example.pl",
    "sv": "https://butik.example.se",
    "pt": "https://loja.example.pt",
    "cs": "https://obchod.example.cz",
    "da": "https://butik.example.dk",
    "ja": "https://shop.example.jp",
    "fi": "https://kauppa.example.fi",
}
MONEY = {  # (amount as shown, price as the API writes it, currency)
    "en": ("$49.99", "49.99", "USD"),
    "de": ("49,99 €", "49.99", "EUR"),
    "fr": ("49,99 €", "49.99", "EUR"),
    "es": ("49,99 €", "49.99", "EUR"),
    "it": ("€ 49,99", "49.99", "EUR"),
    "nl": ("€ 49,99", "49.99", "EUR"),
    "pl": ("199,00 zł", "199.00", "PLN"),
    "sv": ("499 kr", "499", "SEK"),
    "pt": ("49,99 €", "49.99", "EUR"),
    "cs": ("1 299 Kč", "1299", "CZK"),
    "da": ("349,00 kr.", "349.00", "DKK"),
    "ja": ("¥4,980", "4980", "JPY"),
    "fi": ("49,99 €", "49.99", "EUR"),
}
IMG = "https://cdn.example.net/media/catalog/product/k/e/kettle-main-1200.jpg"


def ld(node) -> str:
    return f'<script type="application/ld+json">{json.dumps(node, ensure_ascii=False)}</script>'


def chrome(lang: str, body: str, head: str = "", title: str = "Produkt") -> str:
    """A shop page around ``body``: a navigation menu (not a breadcrumb), a header cart, a related carousel with
    prices and ratings of other products, a footer."""
    home, cart, _buy, related, footer = W[lang][:5]
    cards = "".join(
        f"<li class='product-card'><a href='/p/other-{i}'>Other {i}</a><span class='price'>{20 + i},00</span>"
        f"<span class='stars' aria-label='4.{i} / 5'>★★★★☆</span> <span>({10 * i})</span></li>"
        for i in range(1, 5)
    )
    return (
        f"<!DOCTYPE html><html lang='{lang}'><head><meta charset='utf-8'><title>{title}</title>{head}</head><body>"
        f"<header><a href='/'>{home}</a><nav class='main-menu'><ul><li><a href='/c/new'>New</a></li>"
        f"<li><a href='/c/sale'>Sale</a></li><li><a href='/c/brands'>Brands</a></li></ul></nav>"
        f"<a href='/cart' class='header-cart'>{cart} (0)</a></header><main>{body}</main>"
        f"<section class='related'><h2>{related}</h2><ul>{cards}</ul></section>"
        f"<footer><a href='/help'>{footer}</a> © 2026</footer></body></html>"
    )


def buy(lang: str, price_html: str, extra: str = "") -> str:
    return (
        f"<div class='product-info-price'>{price_html}</div>{extra}"
        f"<form action='/cart/add' method='post'><input type='hidden' name='product_id' value='8812'>"
        f"<input type='number' name='quantity' value='1'><button type='submit'>{W[lang][2]}</button></form>"
    )


PROBES: list[Probe] = []


def add(id_: str, url: str, html: str, expect: dict, xfail: str | None = None) -> None:
    PROBES.append(Probe(id_, url, html, expect, xfail))


# --- ratings shown only as text (no aggregateRating in the structured data) ---------------------------------------
_RATING_TEXT = {
    "de": ("4,5 von 5 Sternen (123 Bewertungen)", 4.5, 123),
    "en": ("Rated 4.6 out of 5 based on 87 customer ratings", 4.6, 87),
    "fr": ("4,2 sur 5 étoiles (56 avis)", 4.2, 56),
    "es": ("4,7 de 5 estrellas (310 opiniones)", 4.7, 310),
    "it": ("4,1 su 5 stelle (22 recensioni)", 4.1, 22),
    "nl": ("4,4 van 5 sterren (18 beoordelingen)", 4.4, 18),
    "pl": ("4,8 na 5 gwiazdek (45 opinii)", 4.8, 45),
    "sv": ("4,6 av 5 stjärnor (39 recensioner)", 4.6, 39),
    "pt": ("4,5 de 5 estrelas (77 avaliações)", 4.5, 77),
    "cs": ("4,9 z 5 hvězdiček (12 hodnocení)", 4.9, 12),
    "da": ("4,3 ud af 5 stjerner (64 anmeldelser)", 4.3, 64),
    "ja": ("5つ星のうち4.4 (1,024件の評価)", 4.4, 1024),
    "fi": ("4,2 / 5 tähteä (31 arvostelua)", 4.2, 31),
}
for lang, (text, value, count) in _RATING_TEXT.items():
    shown, price, cur = MONEY[lang]
    body = (
        f"<h1>Wasserkocher Retro 1,7 l</h1><div class='rating-summary'><span class='stars'>★★★★★</span> "
        f"<a href='#reviews'>{text}</a></div>" + buy(lang, f"<span class='price'>{shown}</span>")
    )
    add(
        f"rating-text-{lang}",
        f"{HOST[lang]}/p/kettle-retro-17",
        chrome(lang, body),
        {
            "rating": {"value": value, "count": count},
            "price": price,
            "sources": {"rating": "heuristic"},
            "probability": "high",
        },
    )

# the same text beside a JSON-LD rating: the structured one is kept, named jsonld
node = {
    "@type": "Product",
    "name": "Kettle Retro",
    "sku": "KR-17",
    "aggregateRating": {"@type": "AggregateRating", "ratingValue": "4.5", "reviewCount": "123"},
    "offers": {
        "@type": "Offer",
        "price": "49.99",
        "priceCurrency": "EUR",
        "availability": "https://schema.org/InStock",
    },
}
add(
    "rating-jsonld-kept",
    f"{HOST['de']}/p/kettle-retro-17",
    chrome(
        "de", "<h1>Kettle Retro</h1><p>4,5 von 5 Sternen (123 Bewertungen)</p>" + buy("de", "49,99 €"), head=ld(node)
    ),
    {"rating": {"value": 4.5, "count": 123}, "sources": {"rating": "jsonld"}},
)
# a rating scale of 10 and a percentage are not "out of 5": the value as written, over 5 only when the page says so
add(
    "rating-stars-width-only",
    f"{HOST['en']}/p/kettle",
    chrome(
        "en",
        "<h1>Kettle</h1><div class='rating'><div class='stars' style='width:90%'></div></div>" + buy("en", "$49.99"),
    ),
    {"rating": None},
)

# near misses: no rating of the product
_NO_RATING = {
    "write-review": ("en", "<a href='#review-form'>Be the first to review this product</a>"),
    "zero-reviews": ("de", "<span class='rating'>0 Bewertungen</span> <a href='#'>Bewertung schreiben</a>"),
    "seller-rating": ("en", "<p>Sold by KitchenPro — seller rating 4.8 out of 5 (2,310 ratings)</p>"),
    "shop-rating": ("de", "<div class='trusted-badge'>Shop-Bewertung: 4,8 von 5 Sternen (12.345 Bewertungen)</div>"),
    "one-review-quote": ("fr", "<blockquote>« Super bouilloire » — Marie, 5 sur 5</blockquote>"),
}
for key, (lang, snippet) in _NO_RATING.items():
    body = f"<h1>Kettle Retro</h1>{snippet}" + buy(lang, f"<span class='price'>{MONEY[lang][0]}</span>")
    add(f"rating-none-{key}", f"{HOST[lang]}/p/kettle-retro", chrome(lang, body), {"rating": None})

# --- gtin: structured, spec rows and labels, check digits -------------------------------------------------------------
_GTIN_ROWS = [
    ("de", "EAN", EAN13, EAN13, "gtin13"),
    ("en", "UPC", UPC12, UPC12, "gtin12"),
    ("fr", "Code EAN", EAN13B, EAN13B, "gtin13"),
    ("es", "Código EAN", EAN13, EAN13, "gtin13"),
    ("it", "Codice EAN", EAN13B, EAN13B, "gtin13"),
    ("nl", "EAN-code", EAN8, EAN8, "gtin8"),
    ("pl", "Kod EAN", EAN13, EAN13, "gtin13"),
    ("sv", "EAN-kod", EAN13B, EAN13B, "gtin13"),
    ("cs", "EAN kód", EAN13, EAN13, "gtin13"),
    ("ja", "JANコード", JAN13, JAN13, "gtin13"),
    ("en", "GTIN-14", GTIN14, GTIN14, "gtin14"),
    ("en", "ISBN-13", "978-3-16-148410-0", ISBN13, "isbn"),
    ("en", "ISBN-10", "0-306-40615-2", ISBN10, "isbn"),
    ("de", "ISBN", "978-3-16-148410-0", ISBN13, "isbn"),
    ("da", "Stregkode", EAN13B, EAN13B, "gtin13"),
    ("fi", "EAN-koodi", EAN13, EAN13, "gtin13"),
]
for i, (lang, label, shown, gtin, gtype) in enumerate(_GTIN_ROWS):
    body = (
        "<h1>Stabmixer 800 W</h1>"
        + buy(lang, f"<span class='price'>{MONEY[lang][0]}</span>")
        + f"<table class='specs'><tr><th>{W[lang][7]}</th><td>Schwarz</td></tr>"
        f"<tr><th>{label}</th><td>{shown}</td></tr></table>"
    )
    add(
        f"gtin-row-{i}-{lang}",
        f"{HOST[lang]}/p/mixer-800",
        chrome(lang, body),
        {"gtin": gtin, "gtinType": gtype, "sources": {"gtin": "heuristic", "gtinType": "heuristic"}},
    )
# invalid check digits: no gtin
for i, (lang, label, code) in enumerate(
    [
        ("de", "EAN", broken(EAN13)),
        ("en", "UPC", broken(UPC12)),
        ("fr", "Code EAN", broken(EAN13B)),
        ("en", "GTIN", broken(GTIN14)),
        ("nl", "EAN", broken(EAN8)),
    ]
):
    body = (
        "<h1>Stabmixer 800 W</h1>"
        + buy(lang, f"<span class='price'>{MONEY[lang][0]}</span>")
        + f"<table class='specs'><tr><th>{label}</th><td>{code}</td></tr></table>"
    )
    add(
        f"gtin-row-invalid-{i}-{lang}",
        f"{HOST[lang]}/p/mixer-800",
        chrome(lang, body),
        {"gtin": None, "gtinType": None},
    )
# structured gtin: valid kept with its type; invalid check digit dropped; ISBN-10 with an X
for i, (key, value, gtin, gtype) in enumerate(
    [
        ("gtin13", EAN13, EAN13, "gtin13"),
        ("gtin12", UPC12, UPC12, "gtin12"),
        ("gtin", GTIN14, GTIN14, "gtin14"),
        ("gtin8", EAN8, EAN8, "gtin8"),
        ("isbn", "0-8044-2957-X", "080442957X", "isbn"),
        ("gtin", ISBN13, ISBN13, "isbn"),
        ("gtin13", broken(EAN13), None, None),
        ("gtin", broken(UPC12), None, None),
        ("gtin14", broken(GTIN14), None, None),
        ("gtin13", "0000000000000", None, None),
    ]
):
    node = {
        "@context": "https://schema.org",
        "@type": "Product",
        "name": "Hand Blender",
        key: value,
        "offers": {"@type": "Offer", "price": "49.99", "priceCurrency": "USD"},
    }
    add(
        f"gtin-jsonld-{i}-{key}",
        f"{HOST['en']}/products/hand-blender",
        chrome("en", "<h1>Hand Blender</h1>" + buy("en", "$49.99"), head=ld(node)),
        {"gtin": gtin, "gtinType": gtype, **({"sources": {"gtin": "jsonld"}} if gtin else {})},
    )
# an ISBN-10 with a wrong check character
node = {
    "@type": "Book",
    "name": "Gardens",
    "isbn": "0-306-40615-3",
    "offers": {"@type": "Offer", "price": "24.00", "priceCurrency": "GBP"},
}
add(
    "gtin-isbn10-invalid",
    "https://books.example.co.uk/book/gardens",
    chrome("en", "<h1>Gardens</h1>" + buy("en", "£24.00"), head=ld(node)),
    {"gtin": None},
)
# structured and shown disagree (both valid): abstain
node = {
    "@type": "Product",
    "name": "Hand Blender",
    "gtin13": EAN13,
    "offers": {"@type": "Offer", "price": "49.99", "priceCurrency": "EUR"},
}
add(
    "gtin-conflict",
    f"{HOST['de']}/p/mixer",
    chrome(
        "de",
        "<h1>Hand Blender</h1>" + buy("de", "49,99 €") + f"<table><tr><th>EAN</th><td>{EAN13B}</td></tr></table>",
        head=ld(node),
    ),
    {"gtin": None},
)
# structured and shown agree
add(
    "gtin-agree",
    f"{HOST['de']}/p/mixer",
    chrome(
        "de",
        "<h1>Hand Blender</h1>" + buy("de", "49,99 €") + f"<table><tr><th>EAN</th><td>{EAN13}</td></tr></table>",
        head=ld(node),
    ),
    {"gtin": EAN13, "gtinType": "gtin13", "sources": {"gtin": "jsonld"}},
)
# microdata gtin
add(
    "gtin-microdata",
    f"{HOST['fr']}/p/mixeur",
    chrome(
        "fr",
        "<div itemscope itemtype='https://schema.org/Product'><h1 itemprop='name'>Mixeur</h1>"
        f"<meta itemprop='gtin13' content='{EAN13B}'><div itemprop='offers' itemscope "
        "itemtype='https://schema.org/Offer'><span itemprop='price' content='49.99'>49,99 €</span>"
        "<meta itemprop='priceCurrency' content='EUR'></div></div>" + buy("fr", ""),
    ),
    {"gtin": EAN13B, "gtinType": "gtin13", "sources": {"gtin": "microdata"}},
)


# --- breadcrumbs ----------------------------------------------------------------------------------------------------
def _micro_crumbs(names: list[str]) -> str:
    items = "".join(
        f"<li itemprop='itemListElement' itemscope itemtype='https://schema.org/ListItem'>"
        f"<a itemprop='item' href='/c/{i}'><span itemprop='name'>{n}</span></a><meta itemprop='position' content='{i + 1}'></li>"
        for i, n in enumerate(names)
    )
    return f"<ol itemscope itemtype='https://schema.org/BreadcrumbList' class='trail'>{items}</ol>"


_CRUMBS = {
    "de": ["Startseite", "Küche", "Wasserkocher"],
    "fr": ["Accueil", "Cuisine", "Bouilloires"],
    "es": ["Inicio", "Cocina", "Hervidores"],
    "it": ["Home", "Cucina", "Bollitori"],
    "nl": ["Home", "Keuken", "Waterkokers"],
    "pl": ["Strona główna", "Kuchnia", "Czajniki"],
    "sv": ["Hem", "Kök", "Vattenkokare"],
    "ja": ["ホーム", "キッチン", "電気ケトル"],
}
for lang, names in _CRUMBS.items():
    body = _micro_crumbs(names) + "<h1>Kettle 1.7 l</h1>" + buy(lang, f"<span class='price'>{MONEY[lang][0]}</span>")
    add(
        f"crumbs-microdata-{lang}",
        f"{HOST[lang]}/p/kettle-17",
        chrome(lang, body),
        {"breadcrumbs": names, "sources": {"breadcrumbs": "microdata"}},
    )
# RDFa
rdfa = (
    "<ol vocab='https://schema.org/' typeof='BreadcrumbList'>"
    + "".join(
        f"<li property='itemListElement' typeof='ListItem'><a property='item' typeof='WebPage' href='/c/{i}'>"
        f"<span property='name'>{n}</span></a><meta property='position' content='{i + 1}'></li>"
        for i, n in enumerate(["Home", "Garden", "Hoses"])
    )
    + "</ol>"
)
add(
    "crumbs-rdfa",
    f"{HOST['en']}/products/hose-25m",
    chrome("en", rdfa + "<h1>Garden hose 25 m</h1>" + buy("en", "$49.99")),
    {"breadcrumbs": ["Home", "Garden", "Hoses"]},
)
# JSON-LD with item objects, positions out of order, the last one the product
crumbs = {
    "@context": "https://schema.org",
    "@type": "BreadcrumbList",
    "itemListElement": [
        {
            "@type": "ListItem",
            "position": 3,
            "item": {"@id": "https://shop.example.com/p/hose", "name": "Garden hose 25 m"},
        },
        {"@type": "ListItem", "position": 1, "item": {"@id": "https://shop.example.com/", "name": "Home"}},
        {"@type": "ListItem", "position": 2, "item": {"@id": "https://shop.example.com/c/garden", "name": "Garden"}},
    ],
}
add(
    "crumbs-jsonld-item-objects",
    f"{HOST['en']}/products/hose-25m",
    chrome("en", "<h1>Garden hose 25 m</h1>" + buy("en", "$49.99"), head=ld(crumbs)),
    {"breadcrumbs": ["Home", "Garden", "Garden hose 25 m"], "sources": {"breadcrumbs": "jsonld"}},
)
# plain navigation classed / labelled as a trail, in several markups
_VISIBLE_CRUMBS = {
    "nav-aria": "<nav aria-label='breadcrumb'><ol><li><a href='/'>Home</a></li><li><a href='/garden'>Garden</a></li>"
    "<li aria-current='page'>Hose</li></ol></nav>",
    "div-class": "<div class='breadcrumbs'><ul><li><a href='/'>Startseite</a></li><li><a href='/garten'>Garten</a>"
    "</li><li>Schlauch</li></ul></div>",
    "woo-nav": "<nav class='woocommerce-breadcrumb'><a href='/'>Home</a>&nbsp;/&nbsp;<a href='/garden'>Garden</a>"
    "&nbsp;/&nbsp;Hose</nav>",
    "presta": "<nav data-depth='3' class='breadcrumb'><ol><li><a href='/'><span>Accueil</span></a></li>"
    "<li><a href='/jardin'><span>Jardin</span></a></li><li><span>Tuyau</span></li></ol></nav>",
    "id-only": "<div id='breadcrumb'><a href='/'>Inicio</a> › <a href='/jardin'>Jardín</a> › <span>Manguera</span></div>",
}
_VISIBLE_EXPECT = {
    "nav-aria": ["Home", "Garden"],
    "div-class": ["Startseite", "Garten"],
    "woo-nav": ["Home", "Garden"],
    "presta": ["Accueil", "Jardin"],
    "id-only": ["Inicio", "Jardín"],
}
for key, trail in _VISIBLE_CRUMBS.items():
    add(
        f"crumbs-visible-{key}",
        f"{HOST['en']}/products/hose-25m",
        chrome("en", trail + "<h1>Hose</h1>" + buy("en", "$49.99")),
        {"breadcrumbs": _VISIBLE_EXPECT[key], "sources": {"breadcrumbs": "heuristic"}},
    )
# near misses: a menu, pagination, tag links are no trail
_NOT_CRUMBS = {
    "menu-only": "",
    "pagination": "<nav class='pagination'><a href='?p=1'>1</a><a href='?p=2'>2</a></nav>",
    "tags": "<div class='tags'><a href='/t/garden'>garden</a>, <a href='/t/hose'>hose</a></div>",
}
for key, snippet in _NOT_CRUMBS.items():
    add(
        f"crumbs-none-{key}",
        f"{HOST['en']}/products/hose-25m",
        chrome("en", snippet + "<h1>Hose</h1>" + buy("en", "$49.99")),
        {"breadcrumbs": None},
    )

# --- regularPrice: list price vs sale price in markup ---------------------------------------------------------------
_SALE = [
    (
        "en",
        "<del><span class='amount'>$79.99</span></del> <ins><span class='amount'>$59.99</span></ins>",
        "59.99",
        "79.99",
    ),
    ("de", "<span class='old-price'>79,99 €</span> <span class='special-price'>59,99 €</span>", "59.99", "79.99"),
    ("fr", "<span class='regular-price'>79,99 €</span> <span class='price'>59,99 €</span>", "59.99", "79.99"),
    ("es", "<s>79,99 €</s> <strong class='price'>59,99 €</strong>", "59.99", "79.99"),
    ("it", "<span class='price'>€ 59,99</span> <span class='was'>Prezzo consigliato: € 79,99</span>", "59.99", "79.99"),
    (
        "nl",
        "<span class='price price--sale'>€ 59,99</span> <s class='price price--compare'>€ 79,99</s>",
        "59.99",
        "79.99",
    ),
    ("pl", "<span class='price-new'>159,00 zł</span> <span class='price-old'>199,00 zł</span>", "159.00", "199.00"),
    ("sv", "<span class='price'>399 kr</span> <span class='strike'>Ord. pris 499 kr</span>", "399", "499"),
    (
        "cs",
        "<span class='price-standard'><del>1 499 Kč</del></span> <span class='price-final'>1 299 Kč</span>",
        "1299",
        "1499",
    ),
    ("ja", "<span class='price'>¥3,980</span> <span class='list-price'>参考価格: <s>¥4,980</s></span>", "3980", "4980"),
    ("pt", "<span class='price'>De <del>79,99 €</del> por 59,99 €</span>", "59.99", "79.99"),
    ("da", "<span class='price'>Før 449,00 kr. Nu 349,00 kr.</span>", "349.00", "449.00"),
]
for i, (lang, price_html, price, regular) in enumerate(_SALE):
    add(
        f"sale-visible-{i}-{lang}",
        f"{HOST[lang]}/p/mixer-{i}",
        chrome(lang, "<h1>Stabmixer Pro</h1>" + buy(lang, price_html)),
        {"price": price, "regularPrice": regular},
    )
# JSON-LD priceSpecification list price; meta original price
node = {
    "@type": "Product",
    "name": "Mixer Pro",
    "offers": {
        "@type": "Offer",
        "price": "59.99",
        "priceCurrency": "EUR",
        "priceSpecification": [
            {
                "@type": "UnitPriceSpecification",
                "priceType": "https://schema.org/StrikethroughPrice",
                "price": "79.99",
                "priceCurrency": "EUR",
            }
        ],
    },
}
add(
    "sale-jsonld-strikethrough",
    f"{HOST['de']}/p/mixer-pro",
    chrome("de", "<h1>Mixer Pro</h1>" + buy("de", "<s>79,99 €</s> 59,99 €"), head=ld(node)),
    {"price": "59.99", "regularPrice": "79.99", "sources": {"regularPrice": "jsonld"}},
)
# no sale: no regular price invented from a related card or an instalment
add(
    "sale-none-instalment",
    f"{HOST['en']}/p/mixer",
    chrome("en", "<h1>Mixer</h1>" + buy("en", "<span class='price'>$59.99</span> or 4 payments of $15.00")),
    {"price": "59.99", "regularPrice": None},
)
add(
    "sale-none-plain",
    f"{HOST['de']}/p/mixer",
    chrome("de", "<h1>Mixer</h1>" + buy("de", "<span class='price'>59,99 €</span>")),
    {"price": "59.99", "regularPrice": None},
)


# --- variants --------------------------------------------------------------------------------------------------------
# several offers, one per variant (sku, price, availability), as many shop themes write them
def _offer(sku, price, cur, avail, name=None):
    o = {
        "@type": "Offer",
        "sku": sku,
        "price": price,
        "priceCurrency": cur,
        "availability": f"https://schema.org/{avail}",
        "url": f"https://x.example/p?variant={sku}",
    }
    return {**o, **({"name": name} if name else {})}


for lang in ("en", "de", "fr", "sv", "ja"):
    _, price, cur = MONEY[lang]
    node = {
        "@context": "http://schema.org/",
        "@type": "Product",
        "name": "Merino Tee",
        "offers": [
            _offer("MT-S", price, cur, "InStock"),
            _offer("MT-M", price, cur, "InStock"),
            _offer("MT-L", price, cur, "OutOfStock"),
        ],
    }
    add(
        f"variants-offers-{lang}",
        f"{HOST[lang]}/products/merino-tee",
        chrome(lang, "<h1>Merino Tee</h1>" + buy(lang, MONEY[lang][0]), head=ld(node)),
        {
            "variants": [
                {"sku": "MT-S", "price": price, "availability": "InStock"},
                {"sku": "MT-M", "price": price, "availability": "InStock"},
                {"sku": "MT-L", "price": price, "availability": "OutOfStock"},
            ],
            "sources": {"variants": "jsonld"},
            "availability": "InStock",
        },
    )
# an AggregateOffer's offers (one per seller) are sellers, not variants
node = {
    "@type": "Product",
    "name": "Headphones X",
    "sku": "HX-1",
    "offers": {
        "@type": "AggregateOffer",
        "lowPrice": "89",
        "highPrice": "99",
        "priceCurrency": "EUR",
        "offerCount": 2,
        "offers": [
            {"@type": "Offer", "price": "89", "priceCurrency": "EUR", "seller": {"name": "A"}},
            {"@type": "Offer", "price": "99", "priceCurrency": "EUR", "seller": {"name": "B"}},
        ],
    },
}
add(
    "variants-none-sellers",
    f"{HOST['de']}/p/headphones-x",
    chrome("de", "<h1>Headphones X</h1>" + buy("de", "ab 89,00 €"), head=ld(node)),
    {"variants": None},
)
# one offer: no variants
add(
    "variants-none-one-offer",
    f"{HOST['en']}/products/mug",
    chrome(
        "en",
        "<h1>Mug</h1>" + buy("en", "$49.99"),
        head=ld({"@type": "Product", "name": "Mug", "offers": [_offer("MUG-1", "49.99", "USD", "InStock")]}),
    ),
    {"variants": None, "sku": "MUG-1"},
)
# ProductGroup with hasVariant (size / colour on each)
group = {
    "@context": "https://schema.org",
    "@type": "ProductGroup",
    "name": "Rain Jacket",
    "productGroupID": "RJ",
    "variesBy": ["https://schema.org/color", "https://schema.org/size"],
    "hasVariant": [
        {
            "@type": "Product",
            "sku": f"RJ-{c[0]}{s}",
            "name": f"Rain Jacket {c} {s}",
            "color": c,
            "size": s,
            "image": f"https://cdn.example.net/rj-{c.lower()}.jpg",
            "offers": {
                "@type": "Offer",
                "price": "129.00",
                "priceCurrency": "EUR",
                "availability": "https://schema.org/" + ("OutOfStock" if s == "L" else "InStock"),
            },
        }
        for c in ("Navy", "Olive")
        for s in ("M", "L")
    ],
}
add(
    "variants-productgroup",
    f"{HOST['nl']}/products/rain-jacket",
    chrome("nl", "<h1>Rain Jacket</h1>" + buy("nl", "€ 129,00"), head=ld(group)),
    {
        "variants": [
            {"sku": "RJ-NM", "color": "Navy", "size": "M", "availability": "InStock"},
            {"sku": "RJ-NL", "color": "Navy", "size": "L", "availability": "OutOfStock"},
            {"sku": "RJ-OM", "color": "Olive", "size": "M"},
            {"sku": "RJ-OL", "color": "Olive", "size": "L"},
        ],
        "price": "129.00",
        "sources": {"variants": "jsonld"},
    },
)
# Shopify-like product JSON in the page's state (options named in the language of the shop)
for lang in ("en", "de", "fr", "it", "es"):
    size, colour = W[lang][6], W[lang][7]
    state = {
        "product": {
            "id": 7012,
            "title": "Linen Shirt",
            "handle": "linen-shirt",
            "price": 5900,
            "options": [colour, size],
            "variants": [
                {"id": 41001, "sku": "LS-WH-S", "option1": "White", "option2": "S", "price": 5900, "available": True},
                {"id": 41002, "sku": "LS-WH-M", "option1": "White", "option2": "M", "price": 5900, "available": False},
                {"id": 41003, "sku": "LS-BL-S", "option1": "Blue", "option2": "S", "price": 6400, "available": True},
            ],
        }
    }
    script = f"<script type='application/json' id='ProductJson-main'>{json.dumps(state)}</script>"
    money = {
        "en": ("$59.00", "59.00"),
        "de": ("59,00 €", "59.00"),
        "fr": ("59,00 €", "59.00"),
        "it": ("€ 59,00", "59.00"),
        "es": ("59,00 €", "59.00"),
    }[lang]
    add(
        f"variants-state-options-{lang}",
        f"{HOST[lang]}/products/linen-shirt",
        chrome(lang, "<h1>Linen Shirt</h1>" + buy(lang, f"<span class='price'>{money[0]}</span>") + script),
        {
            "variants": [
                {"sku": "LS-WH-S", "color": "White", "size": "S", "price": "59.00", "availability": "InStock"},
                {"sku": "LS-WH-M", "color": "White", "size": "M", "availability": "OutOfStock"},
                {"sku": "LS-BL-S", "color": "Blue", "size": "S", "price": "64.00"},
            ],
            "sources": {"variants": "appstate"},
        },
    )
# a variant picker as a <select> (one axis): each option a variant, a disabled / sold-out one out of stock
_SELECTS = {
    "en": ("attribute_pa_size", ["S", "M", "L (Out of stock)"]),
    "de": ("super_attribute[142]", ["S", "M", "L - ausverkauft"]),
    "fr": ("group[1]", ["S", "M", "L - épuisé"]),
    "es": ("talla", ["S", "M", "L (agotado)"]),
    "it": ("taglia", ["S", "M", "L - esaurito"]),
    "nl": ("maat", ["S", "M", "L (uitverkocht)"]),
    "pl": ("rozmiar", ["S", "M", "L (wyprzedane)"]),
    "sv": ("storlek", ["S", "M", "L (slutsåld)"]),
}
for lang, (name, options) in _SELECTS.items():
    opts = f"<option value=''>{W[lang][5]}</option>" + "".join(
        f"<option value='{o[0]}'{' disabled' if len(o) > 1 else ''}>{o}</option>" for o in options
    )
    picker = f"<label for='sel'>{W[lang][6]}</label><select id='sel' name='{name}'>{opts}</select>"
    add(
        f"variants-select-{lang}",
        f"{HOST[lang]}/p/tee",
        chrome(lang, "<h1>Tee</h1>" + buy(lang, MONEY[lang][0], picker)),
        {
            "variants": [{"size": "S"}, {"size": "M"}, {"size": "L", "availability": "OutOfStock"}],
            "sources": {"variants": "heuristic"},
        },
    )
# a colour swatch list (radio inputs with labels), the checked one the product's colour
for lang in ("en", "de", "fr", "da"):
    sw = "".join(
        f"<input type='radio' name='color' id='c{i}' value='{c}'{' checked' if i == 1 else ''}>"
        f"<label for='c{i}' class='swatch' title='{c}'>{c}</label>"
        for i, c in enumerate(["Black", "Sand", "Sage"])
    )
    picker = f"<fieldset class='swatches'><legend>{W[lang][7]}: Sand</legend>{sw}</fieldset>"
    add(
        f"swatch-colour-{lang}",
        f"{HOST[lang]}/p/throw",
        chrome(lang, "<h1>Wool Throw</h1>" + buy(lang, MONEY[lang][0], picker)),
        {"color": "Sand", "variants": [{"color": "Black"}, {"color": "Sand"}, {"color": "Sage"}]},
    )
# a selected size in a <select>: the product's size
add(
    "select-selected-size",
    f"{HOST['de']}/p/tee",
    chrome(
        "de",
        "<h1>Tee</h1>"
        + buy(
            "de",
            "49,99 €",
            "<label>Größe</label><select name='size'><option>S</option>"
            "<option selected>M</option><option>L</option></select>",
        ),
    ),
    {"size": "M"},
)
# near misses: a quantity select, a country / language picker, a sort order are no variants
_NOT_PICKERS = {
    "quantity": "<select name='quantity'><option>1</option><option>2</option><option>3</option></select>",
    "country": "<select name='country'><option>Deutschland</option><option>Österreich</option><option>Schweiz</option></select>",
    "sort": "<select name='sort'><option>Price</option><option>Newest</option><option>Rating</option></select>",
    "delivery": "<select name='shipping_method'><option>Standard</option><option>Express</option></select>",
}
for key, snippet in _NOT_PICKERS.items():
    add(
        f"variants-none-{key}",
        f"{HOST['de']}/p/tee",
        chrome("de", "<h1>Tee</h1>" + buy("de", "49,99 €", snippet)),
        {"variants": None, "size": None, "color": None},
    )

# --- colour / size from spec rows and structured data --------------------------------------------------------------
_SPEC_COLOUR = [
    ("en", "Color", "Midnight Blue", "Size", "XL"),
    ("de", "Farbe", "Schwarz", "Größe", "42"),
    ("fr", "Couleur", "Rouge", "Taille", "M"),
    ("es", "Color", "Verde", "Talla", "L"),
    ("it", "Colore", "Bianco", "Taglia", "S"),
    ("nl", "Kleur", "Grijs", "Maat", "38"),
    ("pl", "Kolor", "Czarny", "Rozmiar", "XL"),
    ("sv", "Färg", "Blå", "Storlek", "M"),
]
for lang, cl, cv, sl, sv in _SPEC_COLOUR:
    body = (
        "<h1>Sneaker Run</h1>"
        + buy(lang, MONEY[lang][0])
        + f"<table class='data-table'><tr><th>{cl}</th><td>{cv}</td></tr><tr><th>{sl}</th><td>{sv}</td></tr></table>"
    )
    add(
        f"spec-colour-size-{lang}",
        f"{HOST[lang]}/p/sneaker-run",
        chrome(lang, body),
        {"color": cv, "size": sv, "sources": {"color": "heuristic", "size": "heuristic"}},
    )
node = {
    "@type": "Product",
    "name": "Sneaker",
    "color": "Black",
    "size": "42",
    "offers": {"@type": "Offer", "price": "49.99", "priceCurrency": "EUR"},
}
add(
    "colour-jsonld-over-row",
    f"{HOST['de']}/p/sneaker",
    chrome(
        "de",
        "<h1>Sneaker</h1>" + buy("de", "49,99 €") + "<table><tr><th>Farbe</th><td>Schwarz</td></tr></table>",
        head=ld(node),
    ),
    {"color": "Black", "size": "42", "sources": {"color": "jsonld"}},
)

# --- features ------------------------------------------------------------------------------------------------------
_FEATURES = {
    "en": "Features",
    "de": "Produktmerkmale",
    "fr": "Caractéristiques principales",
    "es": "Características",
    "it": "Caratteristiche",
    "nl": "Kenmerken",
    "pl": "Cechy produktu",
    "sv": "Egenskaper",
    "pt": "Características",
    "cs": "Vlastnosti",
    "da": "Egenskaber",
    "fi": "Ominaisuudet",
    "ja": "特長",
}
for lang, heading in _FEATURES.items():
    body = (
        "<h1>Akkuschrauber 18 V</h1>"
        + buy(lang, MONEY[lang][0])
        + f"<h2>{heading}</h2><ul><li>Brushless 18 V motor</li><li>2 batteries 2.0 Ah</li><li>LED work light</li></ul>"
    )
    add(
        f"features-{lang}",
        f"{HOST[lang]}/p/drill-18v",
        chrome(lang, body),
        {
            "features": ["Brushless 18 V motor", "2 batteries 2.0 Ah", "LED work light"],
            "sources": {"features": "heuristic"},
        },
    )
add(
    "features-none-shipping-list",
    f"{HOST['en']}/p/drill",
    chrome(
        "en",
        "<h1>Drill</h1>"
        + buy("en", "$49.99")
        + "<h3>Shipping</h3><ul><li>Free over $50</li><li>30-day returns</li></ul>",
    ),
    {"features": None},
)

# --- mainImage -----------------------------------------------------------------------------------------------------
add(
    "image-og",
    f"{HOST['en']}/p/kettle",
    chrome("en", "<h1>Kettle</h1>" + buy("en", "$49.99"), head=f"<meta property='og:image' content='{IMG}'>"),
    {"mainImage": IMG, "sources": {"mainImage": "opengraph"}},
)
add(
    "image-itemprop",
    f"{HOST['de']}/p/kettle",
    chrome(
        "de",
        f"<h1>Kettle</h1><div class='gallery'><img itemprop='image' src='{IMG}' alt='Kettle'></div>"
        + buy("de", "49,99 €"),
    ),
    {"mainImage": IMG},
)
add(
    "image-gallery-relative",
    f"{HOST['fr']}/p/bouilloire",
    chrome(
        "fr",
        "<div class='product-gallery'><img class='product-main-image' src='/media/bouilloire-1200.jpg' "
        "alt='Bouilloire' width='1200' height='1200'></div><h1>Bouilloire</h1>" + buy("fr", "49,99 €"),
    ),
    {"mainImage": "https://boutique.example.fr/media/bouilloire-1200.jpg"},
)
add(
    "image-jsonld-over-og",
    f"{HOST['en']}/p/kettle",
    chrome(
        "en",
        "<h1>Kettle</h1>" + buy("en", "$49.99"),
        head=ld({"@type": "Product", "name": "Kettle", "image": [IMG, IMG.replace("main", "side")]})
        + "<meta property='og:image' content='https://cdn.example.net/og-share-banner.jpg'>",
    ),
    {"mainImage": IMG, "sources": {"mainImage": "jsonld"}},
)


# --- probability: pages that are not one product's page -------------------------------------------------------------
def _grid(lang: str, n: int = 12) -> str:
    cur = MONEY[lang][0]
    return (
        "<ul class='products'>"
        + "".join(
            f"<li class='product'><a href='/p/item-{i}'><img src='/i/{i}.jpg' alt=''><h2>Item {i}</h2></a>"
            f"<span class='price'>{cur.replace('49', str(20 + i))}</span>"
            f"<form action='/cart/add' method='post'><input type='hidden' name='product_id' value='{100 + i}'>"
            f"<button>{W[lang][2]}</button></form></li>"
            for i in range(n)
        )
        + "</ul>"
    )


for lang in ("en", "de", "fr", "es", "it", "pl", "ja"):
    add(
        f"not-product-category-{lang}",
        f"{HOST[lang]}/c/kettles",
        chrome(lang, f"<h1>Kettles</h1><p>48 products</p>{_grid(lang)}"),
        {"probability": "low", "variants": None, "gtin": None, "rating": None, "features": None},
    )
# a category with ItemList JSON-LD
items = {
    "@context": "https://schema.org",
    "@type": "ItemList",
    "itemListElement": [
        {"@type": "ListItem", "position": i + 1, "url": f"https://shop.example.com/p/item-{i}"} for i in range(12)
    ],
}
add(
    "not-product-itemlist",
    f"{HOST['en']}/collections/kettles",
    chrome("en", f"<h1>Kettles</h1>{_grid('en')}", head=ld(items)),
    {"probability": "low"},
)
# search results
for lang, q in (
    ("en", "Search results for “kettle”"),
    ("de", "Suchergebnisse für „Wasserkocher“"),
    ("fr", "Résultats de recherche pour « bouilloire »"),
    ("nl", "Zoekresultaten voor 'waterkoker'"),
):
    add(
        f"not-product-search-{lang}",
        f"{HOST[lang]}/search?q=kettle",
        chrome(lang, f"<h1>{q}</h1>{_grid(lang, 9)}"),
        {"probability": "low", "variants": None, "rating": None},
    )
# cart pages
for lang, title, total in (
    ("en", "Your cart", "Subtotal $104.98"),
    ("de", "Warenkorb", "Zwischensumme 104,98 €"),
    ("fr", "Votre panier", "Sous-total 104,98 €"),
    ("es", "Tu carrito", "Subtotal 104,98 €"),
):
    rows = "".join(
        f"<tr class='cart-item'><td><a href='/p/item-{i}'>Item {i}</a></td><td><input name='updates[]' value='1'></td>"
        f"<td class='price'>{MONEY[lang][0]}</td></tr>"
        for i in range(2)
    )
    add(
        f"not-product-cart-{lang}",
        f"{HOST[lang]}/cart",
        chrome(
            lang,
            f"<h1>{title}</h1><form action='/cart' method='post'><table>{rows}</table>"
            f"<p class='totals'>{total}</p><button name='checkout'>Checkout</button></form>",
        ),
        {"probability": "low", "variants": None, "gtin": None, "rating": None, "features": None, "regularPrice": None},
    )
# blog posts reviewing a product (with a Review node about the product, or a Product node carrying a review)
for lang, head_words in (
    ("en", "Review: the Kettle Retro 1.7 l, six months on"),
    ("de", "Test: Wasserkocher Retro 1,7 l im Alltag"),
    ("fr", "Test : la bouilloire Retro 1,7 l après six mois"),
):
    review = {
        "@context": "https://schema.org",
        "@type": "Review",
        "name": head_words,
        "author": {"@type": "Person", "name": "Sam"},
        "datePublished": "2026-03-02",
        "reviewRating": {"@type": "Rating", "ratingValue": "4", "bestRating": "5"},
        "itemReviewed": {"@type": "Product", "name": "Kettle Retro 1.7 l", "brand": "Brewline"},
    }
    text = "".join(
        f"<p>Paragraph {i}: we boiled water every morning and the lid still shuts well; it costs "
        f"{MONEY[lang][0]} at most shops.</p>"
        for i in range(6)
    )
    add(
        f"not-product-review-{lang}",
        "https://blog.example.org/2026/03/kettle-retro-review",
        chrome(
            lang,
            f"<article><h1>{head_words}</h1><p class='byline'>Sam · 2 March 2026</p>{text}"
            f"<p><a href='https://shop.example.com/p/kettle'>Buy it at the shop</a></p></article>",
            head=ld(review) + "<meta property='og:type' content='article'>",
        ),
        {"probability": "low", "variants": None, "gtin": None, "features": None, "breadcrumbs": None},
    )
# a review post with a Product node and a review rating of the author (no offer)
node = {
    "@context": "https://schema.org",
    "@type": "Product",
    "name": "Kettle Retro 1.7 l",
    "review": {
        "@type": "Review",
        "reviewRating": {"@type": "Rating", "ratingValue": "4"},
        "author": {"@type": "Person", "name": "Sam"},
    },
}
add(
    "not-product-review-product-node",
    "https://blog.example.org/kettle-retro-review",
    chrome(
        "en",
        "<article><h1>Kettle Retro review</h1>"
        + "".join(f"<p>Paragraph {i} of the review, with details about boiling time and noise.</p>" for i in range(6))
        + "</article>",
        head=ld(node) + "<meta property='og:type' content='article'>",
    ),
    {"probability": "low", "rating": None},
)
# a compare page with two products
two = {
    "@context": "https://schema.org",
    "@graph": [
        {"@type": "Product", "name": "Kettle A", "offers": {"@type": "Offer", "price": "39", "priceCurrency": "EUR"}},
        {"@type": "Product", "name": "Kettle B", "offers": {"@type": "Offer", "price": "49", "priceCurrency": "EUR"}},
    ],
}
add(
    "not-product-compare",
    f"{HOST['de']}/compare?ids=1,2",
    chrome(
        "de",
        "<h1>Produktvergleich</h1><table><tr><td>Kettle A<br>39,00 €</td><td>Kettle B<br>49,00 €</td></tr></table>",
        head=ld(two),
    ),
    {"probability": "low", "variants": None},
)

# --- single product pages that must stay "high" (no structured data, no product url) -----------------------------------
for lang in ("de", "fr", "es", "it", "nl", "pl", "sv", "cs", "ja", "fi"):
    body = (
        "<h1>Akkuschrauber 18 V</h1><p class='sku'>Art.-Nr. 88120</p>"
        + buy(lang, f"<span class='price'>{MONEY[lang][0]}</span>")
        + f"<h2>{_FEATURES[lang]}</h2><ul><li>Brushless 18 V motor</li><li>LED light</li></ul>"
    )
    add(
        f"product-plain-{lang}",
        f"{HOST[lang]}/akkuschrauber-18v-88120.html",
        chrome(lang, body),
        {"probability": "high", "price": MONEY[lang][1]},
    )


LIST_FIELDS = ("variants", "features", "breadcrumbs", "images")


def _decimal(value):
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return value


def mismatches(probe: Probe, data: dict, metadata: dict) -> list[str]:
    """The probe's expectations the extraction misses, one line each (field: got … expected …)."""
    out = [
        f"sources.{key}: missing for a field the extraction gives"
        for key, value in data.items()
        if value not in (None, "", [], {}) and not metadata.get("sources", {}).get(key)
    ]
    for key, want in probe.expect.items():
        if key == "probability":
            p = metadata.get("probability") or 0.0
            if (p >= 0.5) != (want == "high"):
                out.append(f"probability: got {p} expected {want}")
        elif key == "sources":
            for f, src in want.items():
                if metadata.get("sources", {}).get(f) != src:
                    out.append(f"sources.{f}: got {metadata.get('sources', {}).get(f)} expected {src}")
        elif key == "variants" and want:
            got = data.get("variants") or []
            seen = [
                {k: _decimal(g.get(k)) if k == "price" else g.get(k) for k in w}
                for g, w in zip(got, want, strict=False)
            ]
            wanted = [{k: _decimal(v) if k == "price" else v for k, v in w.items()} for w in want]
            if len(got) != len(want) or seen != wanted:
                out.append(f"variants: got {got} expected {want}")
        elif want is None and key in LIST_FIELDS:
            if data.get(key):
                out.append(f"{key}: got {data.get(key)!r} expected none")
        elif data.get(key) != want:
            out.append(f"{key}: got {data.get(key)!r} expected {want!r}")
    return out


# === second wave: the platforms' own markup, written before the rules above were run on it ===========================
def _woo(lang: str, rating: str, attrs: str, form: str, crumbs: str = "") -> str:
    return chrome(
        lang,
        (
            f"{crumbs}<div class='product type-product has-post-thumbnail'><div class='woocommerce-product-gallery "
            f"images'><figure class='woocommerce-product-gallery__wrapper'><div class='woocommerce-product-gallery__image'>"
            f"<a href='/wp-content/uploads/tee-full.jpg'><img src='/wp-content/uploads/tee-600.jpg' alt='' "
            f"class='wp-post-image'></a></div></figure></div><div class='summary entry-summary'>"
            f"<h1 class='product_title entry-title'>Organic Tee</h1>{rating}<p class='price'><span class='woocommerce-Price-"
            f"amount amount'><bdi>25,00&nbsp;<span class='woocommerce-Price-currencySymbol'>€</span></bdi></span></p>"
            f"{form}</div><div class='woocommerce-tabs'><table class='woocommerce-product-attributes shop_attributes'>"
            f"{attrs}</table></div></div>"
        ),
    )


WOO_RATING = (
    "<div class='woocommerce-product-rating'><div class='star-rating' role='img' aria-label='Rated 4.50 out of 5'>"
    "<span style='width:90%'>Rated <strong class='rating'>4.50</strong> out of 5 based on <span class='rating'>12"
    "</span> customer ratings</span></div><a href='#reviews' class='woocommerce-review-link' rel='nofollow'>"
    "(<span class='count'>12</span> customer reviews)</a></div>"
)
WOO_FORM = (
    "<form class='variations_form cart' action='/product/organic-tee/' method='post'><table class='variations'><tbody>"
    "<tr><th class='label'><label for='pa_size'>Size</label></th><td class='value'><select id='pa_size' "
    "name='attribute_pa_size'><option value=''>Choose an option</option><option value='s'>S</option>"
    "<option value='m'>M</option><option value='l'>L</option></select></td></tr></tbody></table>"
    "<div class='single_variation_wrap'><div class='woocommerce-variation-add-to-cart'><input type='number' "
    "name='quantity' value='1'><button type='submit' class='single_add_to_cart_button button alt'>Add to cart</button>"
    "<input type='hidden' name='add-to-cart' value='77'><input type='hidden' name='product_id' value='77'></div></div></form>"
)
WOO_ATTRS = (
    "<tr class='woocommerce-product-attributes-item'><th class='woocommerce-product-attributes-item__label'>"
    "Size</th><td class='woocommerce-product-attributes-item__value'><p>S, M, L</p></td></tr>"
)
add(
    "w2-woo-variable",
    "https://shop.example.com/product/organic-tee/",
    _woo(
        "en",
        WOO_RATING,
        WOO_ATTRS,
        WOO_FORM,
        "<nav class='woocommerce-breadcrumb'><a href='/'>Home</a>&nbsp;/&nbsp;<a href='/c/tees'>Tees</a>&nbsp;/&nbsp;Organic Tee</nav>",
    ),
    {
        "rating": {"value": 4.5, "count": 12},
        "size": None,
        "variants": [{"size": "S"}, {"size": "M"}, {"size": "L"}],
        "breadcrumbs": ["Home", "Tees"],
        "mainImage": "https://shop.example.com/wp-content/uploads/tee-600.jpg",
    },
)
WOO_COLOUR_FORM = (
    WOO_FORM.replace("pa_size", "pa_farbe")
    .replace(">Size<", ">Farbe<")
    .replace("Choose an option", "Wähle eine Option")
    .replace(">S<", ">Rot<")
    .replace(">M<", ">Blau<")
    .replace(">L<", ">Grün<")
)
add(
    "w2-woo-variable-de",
    "https://shop.example.de/produkt/bio-shirt/",
    _woo("de", "", "<tr><th>Farbe</th><td><p>Rot, Blau, Grün</p></td></tr>", WOO_COLOUR_FORM),
    {"color": None, "variants": [{"color": "Rot"}, {"color": "Blau"}, {"color": "Grün"}]},
)
# the variations as a JSON array in the variation form's data attribute: each one's size (as the select shows it),
# sku and stock (``state_variations``)
_variations = json.dumps(
    [
        {
            "attributes": {"attribute_pa_size": s},
            "sku": f"OT-{s.upper()}",
            "display_price": 25,
            "is_in_stock": s != "l",
            "variation_id": 80 + i,
        }
        for i, s in enumerate("sml")
    ]
)
add(
    "w2-woo-data-variations",
    "https://shop.example.com/product/organic-tee/",
    _woo(
        "en",
        "",
        "",
        WOO_FORM.replace(
            "class='variations_form cart'", f"class='variations_form cart' data-product_variations='{_variations}'"
        ),
    ),
    {
        "variants": [
            {"size": "S", "sku": "OT-S"},
            {"size": "M", "sku": "OT-M"},
            {"size": "L", "sku": "OT-L", "availability": "OutOfStock"},
        ]
    },
)


def _magento(lang: str, head: str, picker: str, specs: str, rating: str) -> str:
    return chrome(
        lang,
        (
            "<div class='breadcrumbs'><ul class='items'><li class='item home'><a href='/'>" + W[lang][0] + "</a></li>"
            "<li class='item category3'><a href='/gear.html'>Gear</a></li><li class='item product'><strong>Duffle</strong>"
            "</li></ul></div><div class='product-info-main'><div class='page-title-wrapper product'><h1 class='page-title'>"
            "<span class='base' itemprop='name'>Duffle 40</span></h1></div>"
            + rating
            + "<div class='product-info-price'><div class='price-box price-final_price'><span class='price'>"
            + MONEY[lang][0]
            + "</span></div></div><div class='product-add-form'><form action='/checkout/cart/add/' "
            "method='post' id='product_addtocart_form'><input type='hidden' name='product' value='1432'>"
            + picker
            + "<div class='box-tocart'><input type='number' name='qty' value='1'><button type='submit' class='action "
            "primary tocart'>" + W[lang][2] + "</button></div></form></div></div><div class='product info detailed'>"
            "<table class='data table additional-attributes' id='product-attribute-specs-table'><tbody>"
            + specs
            + "</tbody></table></div>"
        ),
        head=head,
    )


MAG_PICKER = (
    "<div class='field configurable required'><label class='label' for='attribute93'><span>{label}</span></label>"
    "<div class='control'><select name='super_attribute[93]' id='attribute93' class='super-attribute-select'>"
    "<option value=''>{choose}</option><option value='49'>Black</option><option value='50'>Grey</option>"
    "</select></div></div>"
)
for lang in ("en", "de", "fr", "nl"):
    label, choose = (
        W[lang][7],
        {
            "en": "Choose an Option...",
            "de": "Option wählen...",
            "fr": "Choisir une option...",
            "nl": "Kies een optie...",
        }[lang],
    )
    specs = (
        f"<tr><th class='col label' scope='row'>{W[lang][7]}</th><td class='col data'>Black, Grey</td></tr>"
        f"<tr><th class='col label' scope='row'>EAN</th><td class='col data'>{EAN13B}</td></tr>"
    )
    add(
        f"w2-magento-configurable-{lang}",
        f"{HOST[lang]}/duffle-40.html",
        _magento(
            lang,
            f"<meta property='og:image' content='{IMG}'>",
            MAG_PICKER.format(label=label, choose=choose),
            specs,
            "",
        ),
        {
            "variants": [{"color": "Black"}, {"color": "Grey"}],
            "color": None,
            "gtin": EAN13B,
            "gtinType": "gtin13",
            "breadcrumbs": [W[lang][0], "Gear"],
            "mainImage": IMG,
        },
    )
add(
    "w2-magento-configurable-probability",
    f"{HOST['en']}/duffle-40.html",
    _magento("en", "", MAG_PICKER.format(label="Color", choose="Choose an Option..."), "", ""),
    {"probability": "high"},
    xfail="the fitted weights (bench/fit_probability.py) give 0.43 to a page with a cart form, a quantity and a price "
    "but no structured data, product path, sku or stock; a picker is no signal of the fit (a refit is another pass)",
)
# Magento's rating as a percentage with its count of reviews: 90% of five stars (``percent_rating``)
add(
    "w2-magento-rating-percent",
    f"{HOST['en']}/duffle-40.html",
    _magento(
        "en",
        "",
        "",
        "",
        "<div class='product-reviews-summary'><div class='rating-summary'><span class='label'>"
        "<span>Rating:</span></span><div class='rating-result' title='90%'><span style='width:90%'><span>90%</span>"
        "</span></div></div><div class='reviews-actions'><a class='action view' href='#reviews'>3&nbsp;<span>"
        "Reviews</span></a></div></div>",
    ),
    {"rating": {"value": 4.5, "count": 3}, "sources": {"rating": "heuristic"}},
)


def _presta(lang: str, variants: str, features: str) -> str:
    return chrome(
        lang,
        (
            "<nav data-depth='3' class='breadcrumb hidden-sm-down'><ol itemscope itemtype='http://schema.org/BreadcrumbList'>"
            + "".join(
                f"<li itemprop='itemListElement' itemscope itemtype='http://schema.org/ListItem'><a itemprop='item' "
                f"href='/{i}'><span itemprop='name'>{n}</span></a><meta itemprop='position' content='{i}'></li>"
                for i, n in enumerate([W[lang][0], "Vêtements", "Pull Nordique"], start=1)
            )
            + "</ol></nav><div class='row product-container'><div class='col-md-6'><div class='images-container'>"
            "<div class='product-cover'><img class='js-qv-product-cover' src='/12-large_default/pull.jpg' alt='Pull' "
            "itemprop='image'></div></div></div><div class='col-md-6'><h1 class='h1' itemprop='name'>Pull Nordique</h1>"
            "<div class='product-prices'><div class='current-price'><span itemprop='price' content='59.9'>59,90 €</span>"
            "</div></div><div class='product-actions'><form action='/panier' method='post' id='add-to-cart-or-refresh'>"
            "<input type='hidden' name='id_product' value='12'><div class='product-variants'>"
            + variants
            + "</div><div class='product-add-to-cart'><input type='number' name='qty' value='1'><button class='btn "
            "btn-primary add-to-cart' type='submit'>"
            + W[lang][2]
            + "</button></div></form></div>"
            + features
            + "</div></div>"
        ),
    )


PRESTA_VARIANTS = (
    "<div class='clearfix product-variants-item'><span class='control-label'>{size}</span><select "
    "class='form-control form-control-select' id='group_1' name='group[1]'><option value='1' title='S'>S</option>"
    "<option value='2' title='M' selected='selected'>M</option><option value='3' title='L'>L</option></select></div>"
    "<div class='clearfix product-variants-item'><span class='control-label'>{colour}</span><ul id='group_2'>"
    "<li class='float-xs-left input-container'><label><input class='input-color' type='radio' name='group[2]' "
    "value='8' checked='checked'><span class='color' style='background-color:#f5f5dc'><span class='sr-only'>Beige"
    "</span></span></label></li><li class='float-xs-left input-container'><label><input class='input-color' "
    "type='radio' name='group[2]' value='11'><span class='color'><span class='sr-only'>Noir</span></span></label>"
    "</li></ul></div>"
)
PRESTA_FEATURES = (
    "<section class='product-features'><p class='h6'>Fiche technique</p><dl class='data-sheet'>"
    "<dt class='name'>Composition</dt><dd class='value'>Laine</dd></dl></section>"
)
for lang in ("fr", "es", "it", "pl"):
    add(
        f"w2-presta-{lang}",
        f"{HOST[lang]}/vetements/12-pull-nordique.html",
        _presta(lang, PRESTA_VARIANTS.format(size=W[lang][6], colour=W[lang][7]), PRESTA_FEATURES),
        {
            "size": "M",
            "color": "Beige",
            "variants": None,
            "breadcrumbs": [W[lang][0], "Vêtements", "Pull Nordique"],
            "sources": {"breadcrumbs": "microdata"},
            "mainImage": f"{HOST[lang]}/12-large_default/pull.jpg",
            "probability": "high",
        },
    )


def _shopware(lang: str, group_title: str, rows: str) -> str:
    options = "".join(
        f"<div class='product-detail-configurator-option'><input type='radio' name='9a1f' value='{v}' "
        f"class='product-detail-configurator-option-input is-combinable' title='{n.lower()}' id='9a1f-{v}'"
        f"{' checked' if v == 'b2' else ''}><label class='product-detail-configurator-option-label is-display-text' "
        f"title='{n}' for='9a1f-{v}'>{n}</label></div>"
        for v, n in (("a1", "Schwarz"), ("b2", "Weiß"), ("c3", "Grau"))
    )
    return chrome(
        lang,
        (
            "<nav aria-label='breadcrumb'><ol class='breadcrumb'><li class='breadcrumb-item'><a href='/'>Home</a></li>"
            "<li class='breadcrumb-item'><a href='/wohnen/'>Wohnen</a></li></ol></nav><div class='product-detail'>"
            "<div class='gallery-slider-item-container'><div class='gallery-slider-item is-contain'><img "
            "src='https://cdn.example.net/media/lampe-800.jpg' class='img-fluid gallery-slider-image' alt='Lampe'></div>"
            "</div><div class='product-detail-buy'><h1 class='product-detail-name'>Tischlampe Nova</h1>"
            "<p class='product-detail-price'>89,95 €*</p><div class='product-detail-configurator'><div "
            "class='product-detail-configurator-group'><div class='product-detail-configurator-group-title'>"
            + group_title
            + "</div><div class='product-detail-configurator-options'>"
            + options
            + "</div></div></div>"
            "<form action='/checkout/line-item/add' method='post' class='buy-widget'><select name='lineItems[9a1f][quantity]' "
            "class='custom-select product-detail-quantity-select'><option value='1'>1</option><option value='2'>2</option>"
            "</select><button class='btn btn-primary btn-buy'>In den Warenkorb</button></form></div>"
            "<div class='product-detail-properties'><table class='table table-striped product-detail-properties-table'>"
            + rows
            + "</table></div></div>"
        ),
    )


for lang, title in (("de", "Farbe"), ("nl", "Kleur"), ("da", "Farve")):
    add(
        f"w2-shopware-{lang}",
        f"{HOST[lang]}/Tischlampe-Nova/SW10041",
        _shopware(
            lang,
            title,
            "<tr class='properties-row'><th class='properties-label'>Material:</th>"
            "<td class='properties-value'><span>Metall</span></td></tr>",
        ),
        {
            "color": "Weiß",
            "variants": [{"color": "Schwarz"}, {"color": "Weiß"}, {"color": "Grau"}],
            "breadcrumbs": ["Home", "Wohnen"],
            "mainImage": "https://cdn.example.net/media/lampe-800.jpg",
        },
    )
add(
    "w2-shopware-size-row",
    f"{HOST['de']}/Tischlampe-Nova/SW10041",
    _shopware(
        "de",
        "Farbe",
        "<tr class='properties-row'><th class='properties-label'>Größe:</th>"
        "<td class='properties-value'><span>40 cm</span></td></tr>",
    ),
    {"size": "40 cm", "color": "Weiß"},
)


def _bigcommerce(label: str, values: list[str], info: str) -> str:
    radios = "".join(
        f"<input class='form-radio' type='radio' id='attribute_rectangle__112_{69 + i}' name='attribute[112]' "
        f"value='{69 + i}'><label class='form-option' for='attribute_rectangle__112_{69 + i}'>"
        f"<span class='form-option-variant'>{v}</span></label>"
        for i, v in enumerate(values)
    )
    return chrome(
        "en",
        (
            "<nav aria-label='Breadcrumb'><ol class='breadcrumbs'><li class='breadcrumb'><a href='/' class='breadcrumb-label'>"
            "<span>Home</span></a></li><li class='breadcrumb'><a href='/kitchen/' class='breadcrumb-label'><span>Kitchen</span>"
            "</a></li><li class='breadcrumb is-active'><span class='breadcrumb-label'>Apron</span></li></ol></nav>"
            "<div class='productView'><section class='productView-images'><figure class='productView-image'><div "
            "class='productView-img-container'><img src='https://cdn11.example.net/images/apron__1.jpg' alt='Apron'></div>"
            "</figure></section><section class='productView-details'><h1 class='productView-title'>Linen Apron</h1>"
            "<div class='productView-price'><span class='price price--withoutTax'>$38.00</span></div>"
            "<dl class='productView-info'>" + info + "</dl><form class='form' method='post' action='/cart.php'>"
            "<input type='hidden' name='action' value='add'><input type='hidden' name='product_id' value='112'>"
            "<div class='form-field' data-product-attribute='set-rectangle'><label class='form-label form-label--alternate "
            "form-label--inlineSmall'>"
            + label
            + ": <span data-option-value></span><small>Required</small></label>"
            + radios
            + "</div><input class='form-input form-input--incrementTotal' name='qty[]' type='tel' value='1'>"
            "<input type='submit' class='button button--primary' value='Add to Cart'></form></section></div>"
        ),
    )


add(
    "w2-bigcommerce-size",
    "https://store-abc.example.com/linen-apron/",
    _bigcommerce(
        "Size",
        ["Small", "Large"],
        f"<dt class='productView-info-name'>UPC:</dt><dd class='productView-info-value'>{UPC12}</dd>",
    ),
    {
        "variants": [{"size": "Small"}, {"size": "Large"}],
        "gtin": UPC12,
        "gtinType": "gtin12",
        "breadcrumbs": ["Home", "Kitchen"],
        "mainImage": "https://cdn11.example.net/images/apron__1.jpg",
    },
)
add(
    "w2-bigcommerce-colour-invalid-upc",
    "https://store-abc.example.com/linen-apron/",
    _bigcommerce(
        "Color",
        ["Natural", "Indigo", "Rust"],
        f"<dt class='productView-info-name'>UPC:</dt><dd class='productView-info-value'>{broken(UPC12)}</dd>",
    ),
    {"variants": [{"color": "Natural"}, {"color": "Indigo"}, {"color": "Rust"}], "gtin": None},
)


def _opencart(label: str, options: str, rating: str) -> str:
    return chrome(
        "en",
        (
            "<ul class='breadcrumb'><li><a href='/index.php?route=common/home'><i class='fa fa-home'></i></a></li>"
            "<li><a href='/index.php?route=product/category&path=20'>Desktops</a></li><li><a href='#'>Monitor 27</a></li>"
            "</ul><div class='row'><div class='col-sm-8'><ul class='thumbnails'><li><a class='thumbnail' "
            "href='/image/cache/monitor-500x500.jpg'><img src='/image/cache/monitor-228x228.jpg' title='Monitor 27' "
            "alt='Monitor 27'></a></li></ul></div><div class='col-sm-4'><h1>Monitor 27</h1><ul class='list-unstyled'>"
            "<li>Brand: <a href='/brand'>Viewline</a></li><li>Product Code: VL-27Q</li><li>Availability: In Stock</li>"
            "</ul><ul class='list-unstyled'><li><h2>$249.00</h2></li></ul><div id='product'><div class='form-group "
            "required'><label class='control-label' for='input-option226'>"
            + label
            + "</label><select name='option[226]' "
            "id='input-option226' class='form-control'><option value=''> --- Please Select --- </option>"
            + options
            + "</select></div><input type='text' name='quantity' value='1'><input type='hidden' name='product_id' value='42'>"
            "<button type='button' id='button-cart' class='btn btn-primary btn-lg btn-block'>Add to Cart</button></div>"
            + rating
            + "</div></div>"
        ),
    )


add(
    "w2-opencart-colour-deltas",
    "https://demo.example.com/index.php?route=product/product&product_id=42",
    _opencart(
        "Color",
        "<option value='15'>Black</option><option value='16'>White (+$3.60)</option>",
        "<div class='rating'><p><a href='#'>0 reviews</a> / <a href='#'>Write a review</a></p></div>",
    ),
    {"variants": [{"color": "Black"}, {"color": "White"}], "rating": None, "price": "249.00"},
)
add(
    "w2-opencart-plain-select",
    "https://demo.example.com/index.php?route=product/product&product_id=42",
    _opencart("Select", "<option value='1'>Option A</option><option value='2'>Option B</option>", ""),
    {"variants": None, "color": None, "size": None},
)


def _sfcc(rating: str) -> str:
    return chrome(
        "en",
        (
            "<div class='row'><div class='col'><ol class='breadcrumb'><li class='breadcrumb-item'><a href='/women/'>Women</a>"
            "</li><li class='breadcrumb-item'><a href='/women/shoes/'>Shoes</a></li></ol></div></div><div "
            "class='product-detail product-wrapper' data-pid='25686544M'><div class='primary-images'><div class='carousel-item "
            "active'><img src='https://cdn.example.net/dw/image/v2/shoe_large.jpg' class='d-block img-fluid' alt='Loafer'>"
            "</div></div><h1 class='product-name'>Leather Loafer</h1>"
            + rating
            + "<div class='prices'><div class='price'>"
            "<span><span class='sales'><span class='value' content='129.00'>$129.00</span></span></span></div></div>"
            "<div class='attribute'><span class='size non-input-label'>Size</span><select class='custom-select "
            "form-control select-size' id='size-1'><option value='null'>Select Size</option><option value='?size=7'>7"
            "</option><option value='?size=8'>8</option><option value='?size=9' disabled>9</option></select></div>"
            "<div class='quantity'><select class='quantity-select custom-select form-control' name='quantity'>"
            "<option>1</option><option>2</option></select></div><button class='add-to-cart btn btn-primary' "
            "data-pid='25686544M'>Add to Cart</button></div>"
        ),
    )


add(
    "w2-sfcc-size",
    "https://www.example-shoes.com/leather-loafer/25686544M.html",
    _sfcc(
        "<div class='ratings'><span class='sr-only'>4.2 out of 5 Customer Rating</span></div><a href='#reviews'>"
        "(38 reviews)</a>"
    ),
    {
        "variants": [{"size": "7"}, {"size": "8"}, {"size": "9", "availability": "OutOfStock"}],
        "rating": {"value": 4.2, "count": 38},
        "breadcrumbs": ["Women", "Shoes"],
        "mainImage": "https://cdn.example.net/dw/image/v2/shoe_large.jpg",
    },
)


def _marketplace(lang: str, summary: str, carousel: str) -> str:
    return chrome(
        lang,
        (
            "<div id='wayfinding-breadcrumbs_feature_div'><ul class='a-unordered-list a-horizontal'><li><a href='/b/1'>"
            "Küche</a></li><li><a href='/b/2'>Wasserkocher</a></li></ul></div><div id='ppd'><div id='imgTagWrapperId'>"
            "<img id='landingImage' src='https://m.example-media.net/images/I/71kettle.jpg' alt='Kettle'></div>"
            "<div id='centerCol'><h1 id='title'><span id='productTitle'>Brewline Wasserkocher 1,7 l</span></h1>"
            + summary
            + "<div id='corePrice_feature_div'><span class='a-price'><span class='a-offscreen'>49,99 €</span>"
            "</span></div><input type='submit' name='submit.add-to-cart' value='In den Einkaufswagen'><select "
            "name='quantity'><option>1</option></select></div></div><div class='a-carousel'>" + carousel + "</div>"
        ),
    )


_AZ_SUMMARY = (
    "<div id='averageCustomerReviews'><span id='acrPopover' title='4,5 von 5 Sternen'><span "
    "class='a-icon-alt'>4,5 von 5 Sternen</span></span><a id='acrCustomerReviewLink' href='#'><span "
    "id='acrCustomerReviewText'>2.345 Sternebewertungen</span></a></div>"
)
add(
    "w2-marketplace-rating",
    "https://www.example-marketplace.de/dp/B0KETTLE01",
    _marketplace("de", _AZ_SUMMARY, ""),
    {"rating": {"value": 4.5, "count": 2345}, "probability": "high"},
)
_AZ_CAROUSEL = "".join(
    f"<li class='a-carousel-card'><a href='/dp/B0OTHER{i}'>Other kettle {i}</a><span class='a-icon-alt'>4,{i} von 5 "
    f"Sternen</span><span>{100 * i}</span><span class='a-price'>{30 + i},99 €</span></li>"
    for i in range(1, 5)
)
add(
    "w2-marketplace-rating-carousel",
    "https://www.example-marketplace.de/dp/B0KETTLE01",
    _marketplace("de", _AZ_SUMMARY, f"<h2>Gesponserte Produkte</h2><ol>{_AZ_CAROUSEL}</ol>"),
    {"rating": {"value": 4.5, "count": 2345}},
)
add(
    "w2-marketplace-en-global-ratings",
    "https://www.example-marketplace.com/dp/B0KETTLE01",
    _marketplace(
        "en",
        "<span class='a-icon-alt'>4.3 out of 5 stars</span> <span id='acrCustomerReviewText'>"
        "1,204 global ratings</span>",
        "",
    ),
    {"rating": {"value": 4.3, "count": 1204}},
)


def _dawn(lang: str, fieldsets: str, rating: str) -> str:
    return chrome(
        lang,
        (
            "<section class='product'><div class='product__media-wrapper'><ul class='product__media-list'><li "
            "class='product__media-item'><div class='product__media media'><img src='//cdn.shopify.example/s/files/1/"
            "products/bag_1200x.jpg?v=1' alt='Bag' width='1200' height='1200'></div></li></ul></div><div "
            "class='product__info-wrapper'><div class='product__title'><h1>Canvas Bag</h1></div>"
            + rating
            + "<div class='price'><span class='price-item price-item--regular'>"
            + MONEY[lang][0]
            + "</span></div>"
            "<variant-radios class='no-js-hidden'>" + fieldsets + "</variant-radios><form method='post' "
            "action='/cart/add' id='product-form-main' class='form'><input type='hidden' name='id' value='4001'>"
            "<button type='submit' name='add' class='product-form__submit button'>" + W[lang][2] + "</button></form>"
            "</div></section>"
        ),
    )


def _dawn_fieldset(legend: str, name: str, values: list[str], checked: str) -> str:
    return (
        f"<fieldset class='js product-form__input'><legend class='form__label'>{legend}</legend>"
        + "".join(
            f"<input type='radio' id='tmpl-{name}-{i}' name='{name}' value='{v}'{' checked' if v == checked else ''}>"
            f"<label for='tmpl-{name}-{i}'>{v}</label>"
            for i, v in enumerate(values)
        )
        + "</fieldset>"
    )


for lang in ("en", "de", "fr", "sv", "ja"):
    fs = _dawn_fieldset(W[lang][7], W[lang][7], ["Sand", "Olive", "Black"], "Olive")
    add(
        f"w2-dawn-colour-{lang}",
        f"{HOST[lang]}/products/canvas-bag",
        _dawn(
            lang,
            fs,
            "<div class='rating' role='img' aria-label='4.5 out of 5.0 stars'><span class='rating-star'>"
            "</span></div><p class='rating-text caption'><span aria-hidden='true'>4.5 / 5.0</span></p><p "
            "class='rating-count caption'><span aria-hidden='true'>(23)</span><span class='visually-hidden'>23 total "
            "reviews</span></p>",
        ),
        {
            "color": "Olive",
            "variants": [{"color": "Sand"}, {"color": "Olive"}, {"color": "Black"}],
            "rating": {"value": 4.5, "count": 23},
            "mainImage": "https://cdn.shopify.example/s/files/1/products/bag_1200x.jpg?v=1",
        },
    )
add(
    "w2-dawn-two-axes",
    f"{HOST['en']}/products/canvas-bag",
    _dawn(
        "en",
        _dawn_fieldset("Color", "Color", ["Sand", "Olive"], "Sand")
        + _dawn_fieldset("Size", "Size", ["S", "M", "L"], "M"),
        "",
    ),
    {"color": "Sand", "size": "M", "variants": None},
)
# Next.js state with variants and a rating in it (the state's rating is not read: names, texts and ratings there are
# often a list's or a widget's)
_next = {
    "props": {
        "pageProps": {
            "product": {
                "name": "Trail Runner",
                "sku": "TR-100",
                "price": {"amount": "119.0", "currencyCode": "EUR"},
                "variants": [
                    {"sku": "TR-100-42", "size": "42", "price": {"amount": "119.0"}, "availableForSale": True},
                    {"sku": "TR-100-43", "size": "43", "price": {"amount": "119.0"}, "availableForSale": False},
                ],
            }
        }
    }
}
add(
    "w2-next-variants",
    f"{HOST['de']}/p/trail-runner",
    chrome(
        "de",
        "<h1>Trail Runner</h1>"
        + buy("de", "119,00 €")
        + f"<script id='__NEXT_DATA__' type='application/json'>{json.dumps(_next)}</script>",
    ),
    {
        "variants": [
            {"sku": "TR-100-42", "size": "42", "availability": "InStock"},
            {"sku": "TR-100-43", "size": "43", "availability": "OutOfStock"},
        ],
        "sources": {"variants": "appstate"},
    },
)
# probability: an affiliate review post with a Product node and an offer, a one-result search page
aff = {
    "@context": "https://schema.org",
    "@type": "Product",
    "name": "Brewline Kettle",
    "offers": {"@type": "Offer", "price": "49.99", "priceCurrency": "USD", "url": "https://shop.example.com/p/k"},
    "review": {
        "@type": "Review",
        "author": {"@type": "Person", "name": "Sam"},
        "reviewRating": {"@type": "Rating", "ratingValue": "4"},
    },
}
add(
    "w2-not-product-affiliate-review",
    "https://blog.example.org/best-kettles-2026",
    chrome(
        "en",
        "<article><h1>The best kettles of 2026</h1>"
        + "".join(
            f"<h2>{i}. Kettle {i}</h2><p>Kettle {i} boils fast and pours well; about ${40 + i}.99.</p>"
            f"<p><a href='https://shop.example.com/p/k{i}'>Check price</a></p>"
            for i in range(1, 8)
        )
        + "</article>",
        head=ld(aff) + "<meta property='og:type' content='article'>",
    ),
    {"probability": "low", "variants": None, "features": None},
)
add(
    "w2-not-product-search-one",
    f"{HOST['en']}/search?q=brewline+kettle",
    chrome("en", "<h1>1 result for “brewline kettle”</h1>" + _grid("en", 1)),
    {"probability": "low"},
)
add(
    "w2-not-product-cart-one",
    f"{HOST['de']}/checkout/cart",
    chrome(
        "de",
        "<h1>Warenkorb</h1><form action='/checkout/cart/update' method='post'><table><tr><td><a "
        "href='/p/kettle'>Wasserkocher Retro</a></td><td><input name='cart[12][qty]' value='1'></td><td "
        "class='price'>49,99 €</td></tr></table><p>Zwischensumme 49,99 €</p><button>Zur Kasse</button></form>",
    ),
    {"probability": "low", "variants": None, "rating": None},
)


# === near misses the dev pages showed (products-dev / webpages-dev runs of the rules above) ===========================
_REVIEW_LIST = "".join(
    f"<div class='review'><span class='author'>Buyer {i}</span><span>5 out of 5 stars</span><p>Lovely mug.</p></div>"
    for i in range(4)
)
add(
    "guard-rating-per-review-stars",
    f"{HOST['en']}/listing/615442107/mug",
    chrome("en", "<h1>Stoneware mug</h1>" + buy("en", "$49.99") + f"<h2>Reviews</h2>{_REVIEW_LIST}"),
    {"rating": None},
)
add(
    "guard-rating-related-card",
    f"{HOST['en']}/product/sunflower-seeds/",
    chrome(
        "en",
        "<h1>Sunflower seeds</h1>" + buy("en", "$4.99") + "<section class='related products'><h2>Related</h2>"
        "<ul><li><a href='/p/husks'>Psyllium husks</a> Rated 5.00 out of 5 <span class='price'>$5.49</span></li>"
        "</ul></section>",
    ),
    {"rating": None},
)
add(
    "guard-rating-star-seller",
    f"{HOST['en']}/listing/1832770431/mug",
    chrome(
        "en",
        "<h1>Wabi sabi mug</h1>" + buy("en", "$49.99") + "<div class='shop-info'><a href='/shop'>PotteryPark"
        "Store</a>\n        Star Seller\n         5 out of 5 stars</div>",
    ),
    {"rating": None},
)
add(
    "guard-rating-singular-count",
    f"{HOST['de']}/dp/B00BRMIU7A",
    chrome(
        "de",
        "<h1>Windlicht</h1><span>5,0 von 5 Sternen</span> <a href='#r'>1 Sternebewertung</a>" + buy("de", "49,99 €"),
    ),
    {"rating": {"value": 5.0, "count": 1}},
)
add(
    "guard-picker-label-and-note-words",
    f"{HOST['pt']}/camisola-x3410048.php",
    chrome(
        "pt",
        "<h1>Camisola</h1>"
        + buy(
            "pt",
            "49,99 €",
            "<select name='size' id='display_size_id'>"
            "<option value='1' selected>Tamanho: XS - Em Stock</option><option value='2'>Tamanho: S - Em Stock</option>"
            "<option value='3'>Tamanho: M - Em Stock</option></select>",
        ),
    ),
    {"size": "XS", "variants": [{"size": "XS"}, {"size": "S"}, {"size": "M"}]},
)
add(
    "guard-picker-shared-colour-word",
    f"{HOST['en']}/products/tee",
    chrome(
        "en",
        "<h1>Tee</h1>"
        + buy("en", "$49.99", "<select name='color'><option>Dark Blue</option><option>Light Blue</option></select>"),
    ),
    {"variants": [{"color": "Dark Blue"}, {"color": "Light Blue"}]},
)
add(
    "guard-swatch-hidden-sold-out-words",
    f"{HOST['en']}/products/coffee",
    chrome(
        "en",
        "<h1>Dark Roast</h1>"
        + buy(
            "en",
            "$49.99",
            "<fieldset><legend>Size</legend>"
            + "".join(
                f"<input type='radio' name='Size' id='s{i}' value='{v}'><label for='s{i}'>{v}<span class='visually-hidden'>"
                f"Variant sold out or unavailable</span></label>"
                for i, v in enumerate(["1 lb", "2 lbs", "5 lbs"])
            )
            + "</fieldset>",
        ),
    ),
    {"variants": [{"size": "1 lb", "availability": None}, {"size": "2 lbs"}, {"size": "5 lbs"}]},
)
add(
    "guard-isbn10-row-before-isbn13",
    "https://books.example.com/itm/225991068401",
    chrome(
        "en",
        "<h1>Once and Future World</h1>"
        + buy("en", "$7.84")
        + "<dl><dt>ISBN-10</dt><dd>054410305X</dd><dt>ISBN-13</dt><dd>9780544103054</dd></dl>",
    ),
    {"gtin": "9780544103054", "gtinType": "isbn"},
)
add(
    "guard-colour-row-code",
    f"{HOST['en']}/dp/B0D1XD1ZV3",
    chrome(
        "en", "<h1>Earbuds</h1>" + buy("en", "$49.99") + "<table><tr><td>Colour</td><td>UK-OYD1-4018</td></tr></table>"
    ),
    {"color": None},
)
