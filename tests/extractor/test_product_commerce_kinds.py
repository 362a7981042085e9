"""Commerce page kinds the earlier probe passes did not write, through the API (POST, run, GET): B2B shops (quantity
price tables, net prices beside gross ones, prices shown only after login or on request), auctions and classified ads
(current and starting bids, a bid's minimum, "VB" / negotiable prices, sold ads), groceries (a unit price per kg / l /
100 g beside the item's, an item priced by weight), marketplaces with other sellers' offers, refurbished grade pickers,
rentals (per day / week, a rental deposit), delivery against pickup availability, back-in-stock forms, "only N left",
pre-orders with a date, made-to-order lead times and digital goods — in 12 languages and 8 currencies, inside page
chrome (a mini-cart with its own total, navigation, a related carousel with prices, a footer), with no structured data,
a partial one (no offers) or a stale one. Each expectation is what a shopper would call the price / sku /
availability, following the dev labels' conventions (the amount with tax; no price where none is asked; schema.org's
MadeToOrder read as BackOrder). 50 of the 165 pages were read wrong before, by the kinds the rules name: a starting bid
or a bid's minimum ``auction_starting_bid``, other sellers' offers ``other_sellers_offer``, a rental's deposit
``rental_deposit`` and its daily rate ``rental_rate_price``, a quantity table's larger quantities
``quantity_tier_offer`` and its cells read as one text ``table_cell_boundaries``, back-in-stock requests of more
languages ``notify_wording_languages``, a store pickup's row ``pickup_row_state``, made-to-order lead times
``made_to_order_lead``, a classified ad's sold badge ``sold_badge_languages``, the online shop's state named first
``online_sold_out``, and two more pre-order words (``preorder_wording_languages``); two are left (xfail, below)."""

from __future__ import annotations

import pytest

from tests.helpers import product_through_api

pytestmark = pytest.mark.django_db

# chrome words per language: home, cart, related, footer, buy button
_WORDS = {
    "en": ("Home", "Cart", "Customers also bought", "Customer service", "Add to cart"),
    "de": ("Startseite", "Warenkorb", "Kunden kauften auch", "Kundenservice", "In den Warenkorb"),
    "fr": ("Accueil", "Panier", "Vous aimerez aussi", "Service client", "Ajouter au panier"),
    "es": ("Inicio", "Carrito", "También te puede gustar", "Atención al cliente", "Añadir al carrito"),
    "it": ("Home", "Carrello", "Potrebbe piacerti anche", "Servizio clienti", "Aggiungi al carrello"),
    "nl": ("Home", "Winkelwagen", "Misschien ook leuk", "Klantenservice", "In winkelwagen"),
    "pl": ("Strona główna", "Koszyk", "Może Ci się spodobać", "Obsługa klienta", "Dodaj do koszyka"),
    "sv": ("Hem", "Varukorg", "Du kanske också gillar", "Kundtjänst", "Lägg i varukorgen"),
    "cs": ("Domů", "Košík", "Mohlo by se vám líbit", "Zákaznický servis", "Do košíku"),
    "ja": ("ホーム", "カート", "おすすめ商品", "お客様サポート", "カートに入れる"),
    "pt": ("Início", "Carrinho", "Também pode gostar", "Apoio ao cliente", "Adicionar ao carrinho"),
    "da": ("Forside", "Kurv", "Andre købte også", "Kundeservice", "Læg i kurv"),
}
_URLS = {
    "en": "https://shop.example.com/products/item-2041",
    "uk": "https://shop.example.co.uk/p/item-2041",
    "de": "https://shop.example.de/p/artikel-2041",
    "fr": "https://boutique.example.fr/p/article-2041",
    "es": "https://tienda.example.es/p/articulo-2041",
    "it": "https://negozio.example.it/p/articolo-2041",
    "nl": "https://winkel.example.nl/p/artikel-2041",
    "pl": "https://sklep.example.pl/p/produkt-2041",
    "sv": "https://butik.example.se/p/artikel-2041",
    "cs": "https://obchod.example.cz/p/produkt-2041",
    "ja": "https://shop.example.jp/p/item-2041",
    "pt": "https://loja.example.pt/p/artigo-2041",
    "da": "https://butik.example.dk/p/vare-2041",
}
# a related card's amount and the mini-cart's total per language
_CARD = {
    "en": ("$19.00", "$84.00"),
    "uk": ("£19.00", "£84.00"),
    "de": ("19,00&nbsp;€", "84,00&nbsp;€"),
    "fr": ("19,00&nbsp;€", "84,00&nbsp;€"),
    "es": ("19,00&nbsp;€", "84,00&nbsp;€"),
    "it": ("19,00&nbsp;€", "84,00&nbsp;€"),
    "nl": ("€&nbsp;19,00", "€&nbsp;84,00"),
    "pl": ("79,00&nbsp;zł", "284,00&nbsp;zł"),
    "sv": ("199&nbsp;kr", "840&nbsp;kr"),
    "cs": ("490&nbsp;Kč", "2&nbsp;140&nbsp;Kč"),
    "ja": ("¥1,900", "¥8,400"),
    "pt": ("19,00&nbsp;€", "84,00&nbsp;€"),
    "da": ("149,00&nbsp;kr.", "840,00&nbsp;kr."),
}


def _cards(price: str, n: int = 4) -> str:
    return "".join(
        f"<li class='product-card'><a href='/p/{i}'><img src='/img/{i}.jpg' alt=''>Item {i}</a>"
        f"<span class='price'>{price}</span></li>"
        for i in range(n)
    )


def _page(
    lang: str,
    block: str,
    title: str = "Cordless Drill Driver 18V",
    buy: str | None = None,
    after: str = "",
    ld: str = "",
    cards: bool = True,
) -> str:
    """A product page (``lang`` "uk": English words, pounds): navigation and a mini-cart with its total, the product (title, ``block``, buy button,
    ``after``), a related carousel with prices (``cards``) and a footer; ``ld`` is structured data put first."""
    home, cart, related, service, button = _WORDS["en" if lang == "uk" else lang]
    card, total = _CARD[lang]
    buy = (
        f"<form action='/cart/add' method='post'><button type='submit' name='add'>{button}</button></form>"
        if buy is None
        else buy
    )
    carousel = f"<section class='related'><h2>{related}</h2><ul>{_cards(card)}</ul></section>" if cards else ""
    return (
        f"{ld}<header><nav><a href='/'>{home}</a><a href='/c/tools'>Tools</a><a href='/c/garden'>Garden</a></nav>"
        f"<div class='mini-cart'><a href='/cart'>{cart} (2)</a><span class='mini-cart__total'>{total}</span></div>"
        f"</header><main><nav class='breadcrumb'><a href='/'>{home}</a> › <a href='/c/tools'>Tools</a></nav>"
        f"<div class='product'><div class='gallery'><img src='/img/main.jpg' alt='{title}'></div>"
        f"<div class='product-info'><h1>{title}</h1>{block}{buy}{after}</div></div>{carousel}</main>"
        f"<footer><a href='/help'>{service}</a><a href='/imprint'>Imprint</a><p>© 2026</p></footer>"
    )


def _ld(name: str, sku: str = "", offer: str = "") -> str:
    """JSON-LD Product: a partial one (no offers) or, with ``offer``, one whose offer may be stale."""
    sku_part = f', "sku": "{sku}"' if sku else ""
    offer_part = f', "offers": {{"@type": "Offer", {offer}}}' if offer else ""
    return (
        '<script type="application/ld+json">{"@context": "https://schema.org", "@type": "Product", '
        f'"name": "{name}"{sku_part}{offer_part}}}</script>'
    )


def _no_buy(text: str = "") -> str:
    return f"<div class='buy-box'>{text}</div>"


PROBES: dict[str, tuple[str, str, dict]] = {}


def _add(name: str, html: str, url_key: str, **expected) -> None:
    PROBES[name] = (html, _URLS[url_key], expected)


# --- B2B: a quantity price table beside the unit price; the first tier is the price of one
def _tiers(head: tuple[str, str], rows: list[tuple[str, str]]) -> str:
    body = "".join(f"<tr><td>{q}</td><td>{p}</td></tr>" for q, p in rows)
    return f"<table class='tier-prices'><thead><tr><th>{head[0]}</th><th>{head[1]}</th></tr></thead>{body}</table>"


_add(
    "de Staffelpreise after the price",
    _page(
        "de",
        "<div class='price'>14,88&nbsp;€</div><p>inkl. MwSt. zzgl. Versand</p>"
        + _tiers(
            ("Menge", "Stückpreis"), [("ab 1", "14,88&nbsp;€"), ("ab 10", "13,39&nbsp;€"), ("ab 50", "11,90&nbsp;€")]
        ),
    ),
    "de",
    price="14.88",
    currency="EUR",
    availability="InStock",
)
_add(
    "de Staffelpreise before the price",
    _page(
        "de",
        _tiers(("Menge", "Stückpreis"), [("ab 10 Stück", "13,39&nbsp;€"), ("ab 50 Stück", "11,90&nbsp;€")])
        + "<p class='product-price'>14,88&nbsp;€ <small>inkl. MwSt.</small></p>",
    ),
    "de",
    price="14.88",
)
_add(
    "de Staffelpreise table only",
    _page(
        "de",
        "<p>Art.-Nr.: 4711-0815</p>"
        + _tiers(
            ("Menge", "Preis je Stück"),
            [("1 – 9", "14,88&nbsp;€"), ("10 – 49", "13,39&nbsp;€"), ("ab 50", "11,90&nbsp;€")],
        ),
    ),
    "de",
    price="14.88",
    sku="4711-0815",
)
_add(
    "en pack sizes table only",
    _page(
        "en",
        "<p>Item #: NTC-100</p>"
        + _tiers(("Pack", "Price"), [("1 piece", "$4.99"), ("10 pieces", "$44.90"), ("50 pieces", "$199.00")]),
        title="Nitrile Gloves, Box of 100",
    ),
    "en",
    price="4.99",
    sku="NTC-100",
)
_add(
    "fr tarifs par quantité table only",
    _page(
        "fr",
        _tiers(
            ("Quantité", "Prix unitaire HT"), [("1", "12,50&nbsp;€"), ("10", "11,25&nbsp;€"), ("100", "9,90&nbsp;€")]
        ),
        title="Gants nitrile, boîte de 100",
    ),
    "fr",
    price="12.50",
)
_add(
    "en volume pricing after the price",
    _page(
        "en",
        "<p class='price'>$24.50 <span>each</span></p><div class='volume-pricing'><h3>Volume pricing</h3>"
        + _tiers(("Qty", "Price each"), [("1-11", "$24.50"), ("12-47", "$22.05"), ("48+", "$19.60")])
        + "</div><p>Item #: DRL-18V-K2</p>",
    ),
    "en",
    price="24.50",
    currency="USD",
    sku="DRL-18V-K2",
)
_add(
    "en buy more save more list",
    _page(
        "en",
        "<ul class='qty-discounts'><li>Buy 5+ and pay $21.99 each</li><li>Buy 10+ and pay $19.99 each</li></ul>"
        "<p class='price'>$24.50</p>",
    ),
    "en",
    price="24.50",
)
_add(
    "fr prix dégressifs",
    _page(
        "fr",
        "<p class='price'>29,90&nbsp;€ TTC</p><h3>Prix dégressifs</h3>"
        + _tiers(
            ("Quantité", "Prix unitaire"), [("à partir de 10", "26,90&nbsp;€"), ("à partir de 25", "23,90&nbsp;€")]
        ),
    ),
    "fr",
    price="29.90",
    currency="EUR",
)
_add(
    "nl staffelkorting before",
    _page(
        "nl",
        "<div class='staffel'><p>Staffelkorting</p><p>Vanaf 10 stuks: €&nbsp;12,50 per stuk</p>"
        "<p>Vanaf 25 stuks: €&nbsp;11,00 per stuk</p></div><p class='price'>€&nbsp;13,95</p>",
    ),
    "nl",
    price="13.95",
)
_add(
    "pl rabat ilościowy",
    _page(
        "pl",
        "<p class='price'>129,00&nbsp;zł</p>"
        + _tiers(("Ilość", "Cena za szt."), [("od 5 szt.", "119,00&nbsp;zł"), ("od 20 szt.", "109,00&nbsp;zł")]),
    ),
    "pl",
    price="129.00",
    currency="PLN",
)
_add(
    "sv mängdrabatt before",
    _page(
        "sv",
        "<div class='quantity-discount'><p>Köp 10 st: 89&nbsp;kr/st</p><p>Köp 50 st: 79&nbsp;kr/st</p></div>"
        "<p class='price'>99&nbsp;kr</p>",
    ),
    "sv",
    price="99",
    currency="SEK",
)
_add(
    "ja 数量割引",
    _page(
        "ja",
        "<p class='price'>¥2,480（税込）</p>"
        + _tiers(("数量", "単価"), [("10個以上", "¥2,230"), ("50個以上", "¥1,980")]),
    ),
    "ja",
    price="2480",
    currency="JPY",
)

# --- B2B: the net price first and larger, the gross one after it (the dev labels' convention: the amount with tax)
_add(
    "de netto first zzgl. MwSt.",
    _page(
        "de",
        "<div class='price-box'><span class='price'>100,00&nbsp;€</span> <small>zzgl. MwSt.</small>"
        "<div class='price-gross'>119,00&nbsp;€ inkl. MwSt.</div></div>",
    ),
    "de",
    price="119.00",
)
_add(
    "de netto only zzgl. MwSt.",
    _page(
        "de",
        "<div class='price-box'><span class='price'>100,00&nbsp;€</span> <small>zzgl. MwSt. und Versand</small></div>",
    ),
    "de",
    price="100.00",
)
_add(
    "en excl. VAT first",
    _page(
        "uk",
        "<p class='price'>£100.00 <span>excl. VAT</span></p><p class='price-inc'>£120.00 inc. VAT</p>",
    ),
    "uk",
    price="120.00",
    currency="GBP",
)
_add(
    "fr HT first",
    _page("fr", "<p class='price'>100,00&nbsp;€ HT</p><p>soit 120,00&nbsp;€ TTC</p>"),
    "fr",
    price="120.00",
)
_add(
    "es sin IVA first",
    _page("es", "<p class='price'>100,00&nbsp;€ sin IVA</p><p>121,00&nbsp;€ IVA incluido</p>"),
    "es",
    price="121.00",
)
_add(
    "it IVA esclusa first",
    _page("it", "<p class='price'>100,00&nbsp;€ + IVA</p><p>122,00&nbsp;€ IVA inclusa</p>"),
    "it",
    price="122.00",
)
_add(
    "nl excl. btw first",
    _page("nl", "<p class='price'>€&nbsp;100,00 excl. btw</p><p>€&nbsp;121,00 incl. btw</p>"),
    "nl",
    price="121.00",
)
_add(
    "pl netto first",
    _page("pl", "<p class='price'>100,00&nbsp;zł netto</p><p>123,00&nbsp;zł brutto</p>"),
    "pl",
    price="123.00",
)
_add(
    "cs bez DPH first",
    _page("cs", "<p class='price'>1&nbsp;000&nbsp;Kč bez DPH</p><p>1&nbsp;210&nbsp;Kč s DPH</p>"),
    "cs",
    price="1210",
    currency="CZK",
)
_add(
    "sv exkl. moms first",
    _page("sv", "<p class='price'>800&nbsp;kr exkl. moms</p><p>1&nbsp;000&nbsp;kr inkl. moms</p>"),
    "sv",
    price="1000",
)
_add(
    "ja 税抜 first",
    _page("ja", "<p class='price'>¥10,000（税抜）</p><p>¥11,000（税込）</p>"),
    "ja",
    price="11000",
)
_add(
    "pt sem IVA first",
    _page("pt", "<p class='price'>100,00&nbsp;€ s/IVA</p><p>123,00&nbsp;€ c/IVA</p>"),
    "pt",
    price="123.00",
)
_add(
    "de Netto label rows",
    _page(
        "de",
        "<dl class='prices'><dt>Nettopreis:</dt><dd>100,00&nbsp;€</dd><dt>Bruttopreis:</dt><dd>119,00&nbsp;€</dd></dl>",
    ),
    "de",
    price="119.00",
)
_add(
    "en Net Gross label rows",
    _page(
        "uk",
        "<div class='prices'><p>Net price: <b>£100.00</b></p><p>Gross price: <b>£120.00</b></p></div>",
    ),
    "uk",
    price="120.00",
)

# --- B2B: no price shown to a guest, or none at all
_add(
    "de Preis nach Login",
    _page(
        "de",
        "<p class='price-login'>Bitte melden Sie sich an, um Preise zu sehen.</p><p>Art.-Nr.: 4711-0816</p>",
        buy="<a class='btn' href='/login'>Anmelden</a>",
    ),
    "de",
    price=None,
    sku="4711-0816",
)
_add(
    "en login to see prices",
    _page(
        "en",
        "<p class='price'>Log in to see prices</p><p>SKU: DRL-18V-K3</p>",
        buy="<a class='button' href='/account/login'>Sign in</a>",
    ),
    "en",
    price=None,
    sku="DRL-18V-K3",
)
_add(
    "fr connectez-vous",
    _page(
        "fr",
        "<p class='price'>Connectez-vous pour voir les prix</p>",
        buy="<a class='btn' href='/connexion'>Se connecter</a>",
    ),
    "fr",
    price=None,
)
_add(
    "es inicia sesión",
    _page(
        "es",
        "<p class='price'>Inicia sesión para ver el precio</p>",
        buy="<a class='btn' href='/login'>Iniciar sesión</a>",
    ),
    "es",
    price=None,
)
_add(
    "nl prijs na inloggen",
    _page("nl", "<p class='price'>Log in om prijzen te zien</p>", buy="<a class='btn' href='/login'>Inloggen</a>"),
    "nl",
    price=None,
)
_add(
    "it prezzo su richiesta stale ld",
    _page(
        "it",
        "<p class='price'>Prezzo su richiesta</p>",
        buy="<a class='btn' href='/contatti'>Richiedi un preventivo</a>",
        ld=_ld("Cordless Drill Driver 18V", "TR-18", '"price": "0.00", "priceCurrency": "EUR"'),
    ),
    "it",
    price=None,
    sku="TR-18",
)
_add(
    "pl cena na zapytanie",
    _page("pl", "<p class='price'>Cena na zapytanie</p>", buy="<a class='btn' href='/kontakt'>Zapytaj o cenę</a>"),
    "pl",
    price=None,
)
_add(
    "sv pris på förfrågan",
    _page("sv", "<p class='price'>Pris på förfrågan</p>", buy="<a class='btn' href='/kontakt'>Begär offert</a>"),
    "sv",
    price=None,
)
_add(
    "en request a quote",
    _page("en", "<p>Call for pricing</p>", buy="<a class='button' href='/quote'>Request a quote</a>"),
    "en",
    price=None,
)
_add(
    "cs cena na dotaz",
    _page("cs", "<p class='price'>Cena na dotaz</p>", buy="<a class='btn' href='/poptavka'>Poptat</a>"),
    "cs",
    price=None,
)
_add(
    "ja 価格はお問い合わせ",
    _page(
        "ja", "<p class='price'>価格：お問い合わせください</p>", buy="<a class='btn' href='/contact'>お見積り依頼</a>"
    ),
    "ja",
    price=None,
)

# --- auctions: the current bid is the price, not the starting bid or the next bid's minimum
_add(
    "en current bid and starting bid",
    _page(
        "en",
        "<div class='auction'><p>Starting bid: $50.00</p><p class='current-bid'>Current bid: <b>$125.00</b></p>"
        "<p>[12 bids] · Ends in 2d 4h</p><label>Enter US $127.50 or more</label><input name='bid'></div>",
        title="Vintage Film Camera 35mm",
        buy="<button type='submit'>Place bid</button>",
    ),
    "en",
    price="125.00",
    currency="USD",
)
_add(
    "en starting bid only",
    _page(
        "en",
        "<div class='auction'><p>Starting bid: <b>$50.00</b></p><p>No bids yet · Ends in 6d</p></div>",
        title="Vintage Film Camera 35mm",
        buy="<button type='submit'>Place bid</button>",
    ),
    "en",
    price="50.00",
)
_add(
    "uk buy it now only",
    _page(
        "uk",
        "<div class='bin'><p>Buy it now: <span class='price'>£189.00</span></p><p>Postage: £4.50</p></div>",
        title="Vintage Film Camera 35mm",
        buy="<button type='submit'>Buy it now</button>",
    ),
    "uk",
    price="189.00",
    currency="GBP",
)
_add(
    "de aktuelles Gebot",
    _page(
        "de",
        "<div class='auction'><p>Startpreis: 1,00&nbsp;€</p><p>Aktuelles Gebot: <strong>48,50&nbsp;€</strong></p>"
        "<p>Geben Sie mindestens 49,00&nbsp;€ ein</p></div>",
        title="Analoge Spiegelreflexkamera",
        buy="<button type='submit'>Bieten</button>",
    ),
    "de",
    price="48.50",
)
_add(
    "fr enchère actuelle",
    _page(
        "fr",
        "<div class='auction'><p>Mise à prix : 10,00&nbsp;€</p><p>Enchère actuelle : <strong>85,00&nbsp;€</strong></p></div>",
        title="Appareil photo argentique",
        buy="<button type='submit'>Enchérir</button>",
    ),
    "fr",
    price="85.00",
)
_add(
    "nl huidig bod",
    _page(
        "nl",
        "<div class='auction'><p>Startbod: €&nbsp;5</p><p>Huidig bod: <strong>€&nbsp;62</strong></p></div>",
        title="Analoge spiegelreflexcamera",
        buy="<button type='submit'>Bied</button>",
    ),
    "nl",
    price="62",
)
_add(
    "pl aktualna oferta",
    _page(
        "pl",
        "<div class='auction'><p>Cena wywoławcza: 1,00&nbsp;zł</p><p>Aktualna oferta: <strong>210,00&nbsp;zł</strong></p></div>",
        title="Aparat analogowy",
        buy="<button type='submit'>Licytuj</button>",
    ),
    "pl",
    price="210.00",
)
_add(
    "it offerta attuale",
    _page(
        "it",
        "<div class='auction'><p>Base d'asta: 10,00&nbsp;€</p><p>Offerta attuale: <strong>75,00&nbsp;€</strong></p></div>",
        title="Fotocamera analogica",
        buy="<button type='submit'>Fai un'offerta</button>",
    ),
    "it",
    price="75.00",
)

# --- classified ads: a negotiable price is still the price; "VB" alone, or a free ad, names none; a sold ad is out
_add(
    "de Kleinanzeige VB",
    _page(
        "de",
        "<div class='ad-price'><h2>250&nbsp;€ VB</h2></div><p>Versand möglich</p>",
        title="Rennrad Rahmenhöhe 56",
        buy="<button>Nachricht schreiben</button>",
    ),
    "de",
    price="250",
    currency="EUR",
)
_add(
    "uk ono",
    _page(
        "uk",
        "<p class='ad-price'>£250 ono</p><p>Collection only</p>",
        title="Road Bike 56cm Frame",
        buy="<button>Contact seller</button>",
    ),
    "uk",
    price="250",
)
_add(
    "fr à débattre",
    _page(
        "fr",
        "<p class='ad-price'>250&nbsp;€ à débattre</p>",
        title="Vélo de route cadre 56",
        buy="<button>Contacter le vendeur</button>",
    ),
    "fr",
    price="250",
)
_add(
    "es negociable",
    _page(
        "es",
        "<p class='ad-price'>250&nbsp;€ negociable</p>",
        title="Bicicleta de carretera talla 56",
        buy="<button>Chatear</button>",
    ),
    "es",
    price="250",
)
_add(
    "it trattabili",
    _page(
        "it",
        "<p class='ad-price'>250&nbsp;€ trattabili</p>",
        title="Bici da corsa telaio 56",
        buy="<button>Contatta</button>",
    ),
    "it",
    price="250",
)
_add(
    "pl do negocjacji",
    _page(
        "pl",
        "<p class='ad-price'>1&nbsp;250&nbsp;zł <small>do negocjacji</small></p>",
        title="Rower szosowy rama 56",
        buy="<button>Napisz wiadomość</button>",
    ),
    "pl",
    price="1250",
)
_add(
    "de zu verschenken",
    _page(
        "de",
        "<p class='ad-price'>Zu verschenken</p>",
        title="Kinderfahrrad 20 Zoll",
        buy="<button>Nachricht schreiben</button>",
    ),
    "de",
    price=None,
)
_add(
    "de VB ohne Betrag",
    _page(
        "de",
        "<p class='ad-price'>VB</p><p>Abholung in 10115 Berlin</p>",
        title="Kinderfahrrad 20 Zoll",
        buy="<button>Nachricht schreiben</button>",
    ),
    "de",
    price=None,
)
_add(
    "nl verkocht stale ld",
    _page(
        "nl",
        "<p class='ad-status'>Verkocht</p><p class='ad-price'>€&nbsp;250</p>",
        title="Racefiets maat 56",
        buy="",
        ld=_ld(
            "Racefiets maat 56",
            offer='"price": "250", "priceCurrency": "EUR", "availability": "https://schema.org/InStock"',
        ),
    ),
    "nl",
    availability="OutOfStock",
)
_add(
    "sv såld",
    _page(
        "sv",
        "<p class='ad-price'>2&nbsp;500&nbsp;kr</p><p class='badge'>Såld</p>",
        title="Racercykel 56 cm",
        buy="",
    ),
    "sv",
    availability="OutOfStock",
)

# --- groceries: the item's price, not its unit price; an item priced only by weight is priced per kg
_add(
    "de Grundpreis before",
    _page(
        "de",
        "<p class='base-price'>1&nbsp;kg = 9,96&nbsp;€</p><p class='price'>2,49&nbsp;€</p><p>250&nbsp;g</p>",
        title="Bio Bergkäse am Stück",
    ),
    "de",
    price="2.49",
)
_add(
    "de Grundpreis in brackets after",
    _page("de", "<p><span>2,49&nbsp;€</span> <span>(9,96&nbsp;€ / 1&nbsp;kg)</span></p>", title="Bio Bergkäse"),
    "de",
    price="2.49",
)
_add(
    "en per 100g",
    _page(
        "uk",
        "<p class='unit'>£0.83 per 100g</p><p class='price'>£2.50</p>",
        title="Mature Cheddar 300g",
    ),
    "uk",
    price="2.50",
)
_add(
    "en per oz after",
    _page("en", "<p class='price'>$3.99</p><p>$0.25/oz</p>", title="Organic Peanut Butter 16 oz"),
    "en",
    price="3.99",
)
_add(
    "fr prix au kilo before",
    _page(
        "fr",
        "<p>9,96&nbsp;€ le kg</p><p class='price'>2,49&nbsp;€</p>",
        title="Comté AOP 250 g",
    ),
    "fr",
    price="2.49",
)
_add(
    "es precio por litro",
    _page(
        "es",
        "<p class='price'>3,49&nbsp;€</p><p class='unit-price'>4,65&nbsp;€/l</p>",
        title="Aceite de oliva virgen extra 750 ml",
    ),
    "es",
    price="3.49",
)
_add(
    "it prezzo al kg before",
    _page(
        "it",
        "<p class='unit-price'>Prezzo al kg: 11,60&nbsp;€</p><p class='price'>2,90&nbsp;€</p>",
        title="Parmigiano Reggiano 250 g",
    ),
    "it",
    price="2.90",
)
_add(
    "nl kiloprijs",
    _page(
        "nl",
        "<p class='price'>€&nbsp;2,49</p><p class='unit-price'>Prijs per kilo €&nbsp;9,96</p>",
        title="Belegen kaas 250 g",
    ),
    "nl",
    price="2.49",
)
_add(
    "sv jämförpris before",
    _page(
        "sv",
        "<p>Jämförpris 99,60&nbsp;kr/kg</p><p class='price'>24,90&nbsp;kr</p>",
        title="Prästost 250 g",
    ),
    "sv",
    price="24.90",
)
_add(
    "cs jednotková cena",
    _page(
        "cs",
        "<p class='price'>89,90&nbsp;Kč</p><p>Cena za 1&nbsp;kg: 359,60&nbsp;Kč</p>",
        title="Eidam 30% 250 g",
    ),
    "cs",
    price="89.90",
)
_add(
    "ja 100gあたり",
    _page(
        "ja",
        "<p class='price'>¥498</p><p>100gあたり ¥199</p>",
        title="国産 鶏むね肉 250g",
    ),
    "ja",
    price="498",
)
_add(
    "pt preço por kg",
    _page(
        "pt",
        "<p class='unit-price'>9,96&nbsp;€/kg</p><p class='price'>2,49&nbsp;€</p>",
        title="Queijo da Serra 250 g",
    ),
    "pt",
    price="2.49",
)
_add(
    "da kilopris",
    _page(
        "da",
        "<p class='price'>24,95&nbsp;kr.</p><p>Kilopris 99,80&nbsp;kr.</p>",
        title="Økologisk ost 250 g",
    ),
    "da",
    price="24.95",
    currency="DKK",
)
_add(
    "de loose by weight",
    _page(
        "de",
        "<p class='price'>1,99&nbsp;€ / kg</p><p>Lose Ware, Preis nach Gewicht</p>",
        title="Bio Bananen lose",
    ),
    "de",
    price="1.99",
)
_add(
    "en loose by weight",
    _page("uk", "<p class='price'>£1.80 per kg</p><p>Sold loose, price by weight</p>", title="Loose Carrots"),
    "uk",
    price="1.80",
)
_add(
    "nl per kilo only",
    _page("nl", "<p class='price'>€&nbsp;3,99 per kilo</p>", title="Trostomaten los"),
    "nl",
    price="3.99",
)

# --- marketplaces: other sellers' and used offers are not the price
_add(
    "en other sellers after",
    _page(
        "en",
        "<p class='price'>$34.99</p><p>Sold by Acme Tools, fulfilled by the marketplace</p>"
        "<div class='other-offers'><a href='/offers'>New (7) from $29.49</a> <a href='/offers?used'>Used from $21.00</a>"
        "</div>",
    ),
    "en",
    price="34.99",
)
_add(
    "en other sellers before",
    _page(
        "en",
        "<div class='more-buying-choices'><p>Other sellers on this site</p><p>New &amp; used (12) from <span>$27.80</span>"
        "</p></div><p class='price'>$34.99</p>",
    ),
    "en",
    price="34.99",
)
_add(
    "de weitere Angebote",
    _page(
        "de",
        "<div class='offers-more'><p>Weitere Angebote ab <span>29,49&nbsp;€</span></p></div><p>34,99&nbsp;€</p>",
    ),
    "de",
    price="34.99",
)
_add(
    "fr autres vendeurs",
    _page(
        "fr",
        "<p>Autres vendeurs à partir de <span>29,49&nbsp;€</span></p><p>34,99&nbsp;€</p>",
    ),
    "fr",
    price="34.99",
)
_add(
    "es otros vendedores",
    _page(
        "es",
        "<p>Otros vendedores desde <span>29,49&nbsp;€</span></p><p>34,99&nbsp;€</p>",
    ),
    "es",
    price="34.99",
)
_add(
    "it altri venditori",
    _page(
        "it",
        "<p>Disponibile anche da altri venditori a partire da <span>29,49&nbsp;€</span></p><p>34,99&nbsp;€</p>",
    ),
    "it",
    price="34.99",
)
_add(
    "nl andere verkopers",
    _page(
        "nl",
        "<p>Andere verkopers vanaf <span>€&nbsp;29,49</span></p><p>€&nbsp;34,99</p>",
    ),
    "nl",
    price="34.99",
)
_add(
    "pl inne oferty",
    _page(
        "pl",
        "<p>Inne oferty od <span>119,00&nbsp;zł</span></p><p>139,00&nbsp;zł</p>",
    ),
    "pl",
    price="139.00",
)
_add(
    "ja 他の出品者",
    _page(
        "ja",
        "<p>他の出品者 ¥2,980 より</p><p>¥3,480</p>",
    ),
    "ja",
    price="3480",
)
_add(
    "sv andra säljare",
    _page(
        "sv",
        "<p>Andra säljare från <span>279&nbsp;kr</span></p><p>329&nbsp;kr</p>",
    ),
    "sv",
    price="329",
)
_add(
    "de gebraucht ab before",
    _page(
        "de",
        "<p><a href='/angebote?zustand=gebraucht'>Gebraucht ab 21,00&nbsp;€</a></p><p class='price'>34,99&nbsp;€</p>",
    ),
    "de",
    price="34.99",
)


# --- refurbished: the chosen grade's price; the other grades and the new price are not it
def _grades(lang: str, legend: str, grades: list[tuple[str, str]], chosen: int, main: str, new: str = "") -> str:
    buttons = "".join(
        f"<button type='button' class='grade{' is-selected' if i == chosen else ''}' aria-pressed="
        f"'{'true' if i == chosen else 'false'}'><span>{g}</span> <span>{p}</span></button>"
        for i, (g, p) in enumerate(grades)
    )
    box = f"<div class='price'>{main}</div>" if main else ""
    return _page(
        lang,
        f"{box}<p>{new}</p><div class='grade-picker'><p>{legend}</p>{buttons}</div>"
        if new
        else f"{box}<div class='grade-picker'><p>{legend}</p>{buttons}</div>",
        title="Smartphone X 128 GB – refurbished",
    )


_add(
    "en grades with a price box",
    _grades(
        "en",
        "Condition",
        [("Fair", "$329.00"), ("Good", "$369.00"), ("Excellent", "$409.00")],
        1,
        "$369.00",
        "Save $430.00 vs. new",
    ),
    "en",
    price="369.00",
)
_add(
    "en grades price box after new price",
    _grades(
        "en",
        "Condition",
        [("Fair", "$329.00"), ("Good", "$369.00"), ("Excellent", "$409.00")],
        2,
        "$409.00",
        "New: $799.00",
    ),
    "en",
    price="409.00",
)
_add(
    "de Zustand",
    _grades(
        "de",
        "Zustand",
        [("Gut", "329,00&nbsp;€"), ("Sehr gut", "369,00&nbsp;€"), ("Wie neu", "409,00&nbsp;€")],
        1,
        "369,00&nbsp;€",
        "Neupreis: 799,00&nbsp;€",
    ),
    "de",
    price="369.00",
)
_add(
    "fr état",
    _grades(
        "fr",
        "État",
        [("Correct", "329,00&nbsp;€"), ("Très bon", "369,00&nbsp;€"), ("Parfait", "409,00&nbsp;€")],
        0,
        "329,00&nbsp;€",
        "Prix du neuf : 799,00&nbsp;€",
    ),
    "fr",
    price="329.00",
)
_add(
    "es estado",
    _grades(
        "es",
        "Estado",
        [("Correcto", "329,00&nbsp;€"), ("Muy bueno", "369,00&nbsp;€"), ("Excelente", "409,00&nbsp;€")],
        2,
        "409,00&nbsp;€",
        "Precio nuevo: 799,00&nbsp;€",
    ),
    "es",
    price="409.00",
)
_add(
    "it condizione",
    _grades(
        "it",
        "Condizione",
        [("Discreto", "329,00&nbsp;€"), ("Ottimo", "369,00&nbsp;€")],
        1,
        "369,00&nbsp;€",
        "Prezzo del nuovo: 799,00&nbsp;€",
    ),
    "it",
    price="369.00",
)
_add(
    "nl conditie",
    _grades(
        "nl",
        "Conditie",
        [("Redelijk", "€&nbsp;329"), ("Goed", "€&nbsp;369"), ("Uitstekend", "€&nbsp;409")],
        1,
        "€&nbsp;369",
        "Nieuwprijs: €&nbsp;799",
    ),
    "nl",
    price="369",
)
_add(
    "sv skick",
    _grades(
        "sv",
        "Skick",
        [("Okej", "3&nbsp;290&nbsp;kr"), ("Bra", "3&nbsp;690&nbsp;kr"), ("Utmärkt", "4&nbsp;090&nbsp;kr")],
        1,
        "3&nbsp;690&nbsp;kr",
        "Nypris: 7&nbsp;990&nbsp;kr",
    ),
    "sv",
    price="3690",
)

# --- rentals: the first rental rate is the price; a rental deposit is not
_add(
    "de Miete Kaution before",
    _page(
        "de",
        "<p>Kaution: 300,00&nbsp;€</p><div class='rental-rates'><p class='price'>29,00&nbsp;€ / Tag</p>"
        "<p>149,00&nbsp;€ / Woche</p></div>",
        title="Bohrhammer SDS-max mieten",
        buy="<button type='submit'>Jetzt mieten</button>",
    ),
    "de",
    price="29.00",
)
_add(
    "fr location caution before",
    _page(
        "fr",
        "<p>Caution : 300&nbsp;€</p><p class='price'>29&nbsp;€ / jour</p><p>149&nbsp;€ / semaine</p>",
        title="Perforateur SDS-max en location",
        buy="<button type='submit'>Louer</button>",
    ),
    "fr",
    price="29",
)
_add(
    "es alquiler fianza before",
    _page(
        "es",
        "<p>Fianza: 300&nbsp;€</p><p class='price'>29&nbsp;€/día</p>",
        title="Martillo perforador en alquiler",
        buy="<button type='submit'>Alquilar</button>",
    ),
    "es",
    price="29",
)
_add(
    "it noleggio cauzione before",
    _page(
        "it",
        "<p>Cauzione: 300,00&nbsp;€</p><p class='price'>29,00&nbsp;€ al giorno</p>",
        title="Martello perforatore a noleggio",
        buy="<button type='submit'>Noleggia</button>",
    ),
    "it",
    price="29.00",
)
_add(
    "nl huur borg before",
    _page(
        "nl",
        "<p>Borg: €&nbsp;300</p><p class='price'>€&nbsp;29 per dag</p>",
        title="Breekhamer huren",
        buy="<button type='submit'>Huren</button>",
    ),
    "nl",
    price="29",
)
_add(
    "pl wynajem kaucja before",
    _page(
        "pl",
        "<p>Kaucja: 500&nbsp;zł</p><p class='price'>89&nbsp;zł / doba</p>",
        title="Młot udarowy – wynajem",
        buy="<button type='submit'>Wypożycz</button>",
    ),
    "pl",
    price="89",
)
_add(
    "en rental security deposit before",
    _page(
        "en",
        "<p>Security deposit: $300.00</p><p class='price'>$45.00 / day</p><p>$180.00 / week</p>",
        title="Rotary Hammer Rental",
        buy="<button type='submit'>Rent now</button>",
    ),
    "en",
    price="45.00",
)
_add(
    "sv hyra depositionsavgift before",
    _page(
        "sv",
        "<p>Deposition: 1&nbsp;000&nbsp;kr</p><p class='price'>295&nbsp;kr/dygn</p>",
        title="Bilningsmaskin att hyra",
        buy="<button type='submit'>Hyr</button>",
    ),
    "sv",
    price="295",
)
_add(
    "cs půjčovna kauce before",
    _page(
        "cs",
        "<p>Kauce: 3&nbsp;000&nbsp;Kč</p><p class='price'>590&nbsp;Kč / den</p>",
        title="Bourací kladivo – půjčovna",
        buy="<button type='submit'>Půjčit</button>",
    ),
    "cs",
    price="590",
)
_add(
    "ja レンタル 保証金 before",
    _page(
        "ja",
        "<p>保証金：¥10,000</p><p class='price'>¥2,980 / 日</p>",
        title="ハンマードリル レンタル",
        buy="<button type='submit'>レンタルする</button>",
    ),
    "ja",
    price="2980",
)

_add(
    "de Kaution before unclassed rate",
    _page(
        "de",
        "<div class='rental'><p>Kaution: 300,00&nbsp;€</p><p>Mietpreis: 29,00&nbsp;€ / Tag</p></div>",
        title="Rüttelplatte mieten",
        buy="<button type='submit'>Jetzt mieten</button>",
    ),
    "de",
    price="29.00",
)
_add(
    "en security deposit before unclassed rate",
    _page(
        "en",
        "<div class='rental'><p>Refundable security deposit: $250.00</p><p>Rental: $65.00 per day</p></div>",
        title="Plate Compactor Rental",
        buy="<button type='submit'>Rent now</button>",
    ),
    "en",
    price="65.00",
)
_add(
    "es fianza before unclassed rate",
    _page(
        "es",
        "<div class='rental'><p>Fianza: 150&nbsp;€</p><p>Alquiler: 35&nbsp;€/día</p></div>",
        title="Bandeja vibrante en alquiler",
        buy="<button type='submit'>Alquilar</button>",
    ),
    "es",
    price="35",
)

# --- delivery against pickup: the product is available when it can be delivered; pickup's state is a store's
_P = "<p class='price'>{}</p>"
_add(
    "en delivery yes pickup no",
    _page(
        "en",
        _P.format("$89.00") + "<ul class='fulfillment'><li>Shipping: <span>Available</span></li>"
        "<li>Pickup: <span>Not available at this store</span></li></ul>",
    ),
    "en",
    availability="InStock",
)
_add(
    "de Lieferung ja Abholung nein",
    _page(
        "de",
        _P.format("89,00&nbsp;€") + "<ul class='fulfillment'><li>Lieferung: <span>Verfügbar</span></li>"
        "<li>Abholung im Markt: <span>Nicht verfügbar</span></li></ul>",
    ),
    "de",
    availability="InStock",
)
_add(
    "fr livraison oui retrait non",
    _page(
        "fr",
        _P.format("89,00&nbsp;€") + "<ul class='fulfillment'><li>Livraison à domicile : <span>Disponible</span></li>"
        "<li>Retrait en magasin : <span>Indisponible</span></li></ul>",
    ),
    "fr",
    availability="InStock",
)
_add(
    "es envío sí recogida no",
    _page(
        "es",
        _P.format("89,00&nbsp;€") + "<ul class='fulfillment'><li>Envío a domicilio: <span>Disponible</span></li>"
        "<li>Recogida en tienda: <span>No disponible</span></li></ul>",
    ),
    "es",
    availability="InStock",
)
_add(
    "nl bezorgen ja afhalen nee",
    _page(
        "nl",
        _P.format("€&nbsp;89,00") + "<ul class='fulfillment'><li>Bezorgen: <span>Op voorraad</span></li>"
        "<li>Afhalen in de winkel: <span>Niet beschikbaar</span></li></ul>",
    ),
    "nl",
    availability="InStock",
)
_add(
    "it consegna sì ritiro no",
    _page(
        "it",
        _P.format("89,00&nbsp;€") + "<ul class='fulfillment'><li>Consegna a domicilio: <span>Disponibile</span></li>"
        "<li>Ritiro in negozio: <span>Non disponibile</span></li></ul>",
    ),
    "it",
    availability="InStock",
)
_add(
    "en out of stock online in 3 stores",
    _page(
        "en",
        _P.format("$89.00") + "<p class='online-stock'>Out of stock online</p><p class='store-stock'>Not available "
        "for pickup nearby</p>",
        buy="<button type='submit' disabled>Add to cart</button>",
    ),
    "en",
    availability="OutOfStock",
)
_add(
    "de online ausverkauft",
    _page(
        "de",
        _P.format("89,00&nbsp;€") + "<p class='online-stock'>Online ausverkauft</p>",
        buy="<button type='submit' disabled>In den Warenkorb</button>",
    ),
    "de",
    availability="OutOfStock",
)
_add(
    "sv leverans ja hämta nej",
    _page(
        "sv",
        _P.format("899&nbsp;kr") + "<ul class='fulfillment'><li>Hemleverans: <span>I lager</span></li>"
        "<li>Hämta i butik: <span>Ej tillgänglig</span></li></ul>",
    ),
    "sv",
    availability="InStock",
)
_add(
    "pl dostawa tak odbiór nie",
    _page(
        "pl",
        _P.format("349,00&nbsp;zł") + "<ul class='fulfillment'><li>Dostawa kurierem: <span>Dostępny</span></li>"
        "<li>Odbiór w sklepie: <span>Niedostępny</span></li></ul>",
    ),
    "pl",
    availability="InStock",
)
_add(
    "cs doručení ano výdejna ne",
    _page(
        "cs",
        _P.format("2&nbsp;490&nbsp;Kč") + "<ul class='fulfillment'><li>Doručení: <span>Skladem</span></li>"
        "<li>Osobní odběr na prodejně: <span>Nedostupné</span></li></ul>",
    ),
    "cs",
    availability="InStock",
)


# --- back-in-stock forms: no buy button, an e-mail field and a notify button
def _notify(lang: str, price: str, text: str, button: str) -> str:
    form = (
        f"<form class='back-in-stock' action='/notify'><p>{text}</p><input type='email' name='email'>"
        f"<button type='submit'>{button}</button></form>"
    )
    return _page(lang, _P.format(price) + form, buy="")


_add(
    "es avísame",
    _notify("es", "49,90&nbsp;€", "Este producto no está disponible.", "Avísame cuando esté disponible"),
    "es",
    availability="OutOfStock",
)
_add("it avvisami", _notify("it", "49,90&nbsp;€", "", "Avvisami quando disponibile"), "it", availability="OutOfStock")
_add("pl powiadom", _notify("pl", "199,00&nbsp;zł", "", "Powiadom mnie o dostępności"), "pl", availability="OutOfStock")
_add(
    "sv bevaka",
    _notify("sv", "499&nbsp;kr", "", "Meddela mig när varan finns i lager"),
    "sv",
    availability="OutOfStock",
)
_add("cs hlídat", _notify("cs", "1&nbsp;290&nbsp;Kč", "", "Hlídat dostupnost"), "cs", availability="OutOfStock")
_add("ja 入荷お知らせ", _notify("ja", "¥4,980", "", "入荷お知らせメールを受け取る"), "ja", availability="OutOfStock")
_add(
    "pt avise-me",
    _notify("pt", "49,90&nbsp;€", "", "Avise-me quando estiver disponível"),
    "pt",
    availability="OutOfStock",
)
_add(
    "da giv mig besked",
    _notify("da", "399,00&nbsp;kr.", "", "Giv mig besked, når varen er på lager"),
    "da",
    availability="OutOfStock",
)
_add(
    "nl mail mij",
    _notify("nl", "€&nbsp;49,90", "", "Mail mij als het product weer op voorraad is"),
    "nl",
    availability="OutOfStock",
)
_add("fr m'alerter", _notify("fr", "49,90&nbsp;€", "", "M'alerter du retour en stock"), "fr", availability="OutOfStock")


# --- "only N left": in stock, also with no buy button in the page's HTML (rendered by a script)
def _few(lang: str, price: str, text: str, buy: str | None = None) -> str:
    return _page(lang, _P.format(price) + f"<p class='stock-level'>{text}</p>", buy=buy)


_add("fr plus que 3", _few("fr", "49,90&nbsp;€", "Plus que 3 en stock !", ""), "fr", availability="InStock")
_add("es solo quedan 3", _few("es", "49,90&nbsp;€", "¡Solo quedan 3 unidades!", ""), "es", availability="InStock")
_add("it ultimi 3", _few("it", "49,90&nbsp;€", "Ultimi 3 pezzi disponibili", ""), "it", availability="InStock")
_add("nl nog 3", _few("nl", "€&nbsp;49,90", "Nog maar 3 op voorraad", ""), "nl", availability="InStock")
_add("pl tylko 3", _few("pl", "199,00&nbsp;zł", "Zostały tylko 3 sztuki", ""), "pl", availability="InStock")
_add("sv endast 3", _few("sv", "499&nbsp;kr", "Endast 3 kvar i lager", ""), "sv", availability="InStock")
_add("cs poslední 3", _few("cs", "1&nbsp;290&nbsp;Kč", "Poslední 3 kusy skladem", ""), "cs", availability="InStock")
_add("ja 残り3点", _few("ja", "¥4,980", "在庫残り3点", ""), "ja", availability="InStock")
_add("pt últimas 3", _few("pt", "49,90&nbsp;€", "Últimas 3 unidades em stock", ""), "pt", availability="InStock")
_add("da kun 3", _few("da", "399,00&nbsp;kr.", "Kun 3 tilbage på lager", ""), "da", availability="InStock")
_add("en only 3 left", _few("en", "$49.90", "Hurry, only 3 left in stock!", ""), "en", availability="InStock")
_add("de nur noch 3", _few("de", "49,90&nbsp;€", "Nur noch 3 Stück verfügbar", ""), "de", availability="InStock")


# --- pre-orders with a release date
def _preorder(lang: str, price: str, text: str, button: str) -> str:
    return _page(
        lang,
        _P.format(price) + f"<p class='release'>{text}</p>",
        title="Strategy Game Deluxe Edition",
        buy=f"<form action='/cart/add' method='post'><button type='submit'>{button}</button></form>",
    )


_add(
    "en preorder ships",
    _preorder("en", "$69.99", "Ships on March 15, 2027", "Pre-order now"),
    "en",
    availability="PreOrder",
    price="69.99",
)
_add(
    "de vorbestellen erscheint",
    _preorder("de", "69,99&nbsp;€", "Erscheint am 15.03.2027", "Jetzt vorbestellen"),
    "de",
    availability="PreOrder",
)
_add(
    "fr précommande",
    _preorder("fr", "69,99&nbsp;€", "Sortie le 15 mars 2027", "Précommander"),
    "fr",
    availability="PreOrder",
)
_add(
    "es reserva",
    _preorder("es", "69,99&nbsp;€", "Lanzamiento: 15/03/2027", "Reservar ahora"),
    "es",
    availability="PreOrder",
)
_add(
    "it preordina",
    _preorder("it", "69,99&nbsp;€", "Data di uscita: 15/03/2027", "Preordina"),
    "it",
    availability="PreOrder",
)
_add(
    "nl pre-order",
    _preorder("nl", "€&nbsp;69,99", "Verschijnt op 15 maart 2027", "Pre-order"),
    "nl",
    availability="PreOrder",
)
_add(
    "pl przedsprzedaż",
    _preorder("pl", "299,00&nbsp;zł", "Premiera: 15.03.2027", "Zamów w przedsprzedaży"),
    "pl",
    availability="PreOrder",
)
_add("sv förbeställ", _preorder("sv", "699&nbsp;kr", "Släpps 15 mars 2027", "Förboka"), "sv", availability="PreOrder")
_add(
    "cs předobjednávka",
    _preorder("cs", "1&nbsp;799&nbsp;Kč", "Vychází 15. 3. 2027", "Předobjednat"),
    "cs",
    availability="PreOrder",
)
_add("ja 予約", _preorder("ja", "¥7,980", "2027年3月15日発売予定", "予約する"), "ja", availability="PreOrder")
_add(
    "pt pré-venda",
    _preorder("pt", "69,99&nbsp;€", "Lançamento a 15/03/2027", "Pré-reservar"),
    "pt",
    availability="PreOrder",
)
_add(
    "da forudbestil",
    _preorder("da", "499,00&nbsp;kr.", "Udkommer 15. marts 2027", "Forudbestil"),
    "da",
    availability="PreOrder",
)


# --- made to order: ordered now, made and shipped later (schema's MadeToOrder, read as BackOrder)
def _made(lang: str, price: str, text: str) -> str:
    return _page(lang, _P.format(price) + f"<p class='lead-time'>{text}</p>", title="Oak Dining Table 180 cm")


_add(
    "en made to order",
    _made("en", "$1,290.00", "Made to order – ships in 6–8 weeks"),
    "en",
    availability="BackOrder",
    price="1290.00",
)
_add(
    "de auf Bestellung gefertigt",
    _made("de", "1.290,00&nbsp;€", "Wird auf Bestellung für Sie gefertigt – Lieferzeit 6–8 Wochen"),
    "de",
    availability="BackOrder",
)
_add(
    "fr fabriqué sur commande",
    _made("fr", "1&nbsp;290,00&nbsp;€", "Fabriqué sur commande – expédié sous 6 à 8 semaines"),
    "fr",
    availability="BackOrder",
)
_add(
    "es fabricado por encargo",
    _made("es", "1.290,00&nbsp;€", "Fabricado por encargo: envío en 6-8 semanas"),
    "es",
    availability="BackOrder",
)
_add(
    "it realizzato su ordinazione",
    _made("it", "1.290,00&nbsp;€", "Realizzato su ordinazione, spedizione in 6-8 settimane"),
    "it",
    availability="BackOrder",
)
_add(
    "nl op bestelling gemaakt",
    _made("nl", "€&nbsp;1.290,00", "Wordt op bestelling gemaakt – levertijd 6-8 weken"),
    "nl",
    availability="BackOrder",
)
_add(
    "pl na zamówienie",
    _made("pl", "4&nbsp;990,00&nbsp;zł", "Produkt wykonywany na zamówienie – czas realizacji 6-8 tygodni"),
    "pl",
    availability="BackOrder",
)
_add("ja 受注生産", _made("ja", "¥129,000", "受注生産品（お届けまで約6〜8週間）"), "ja", availability="BackOrder")
_add("de Lieferzeit only", _made("de", "1.290,00&nbsp;€", "Lieferzeit: 6–8 Werktage"), "de", availability="InStock")

# --- digital goods: no stock concept; the chosen format's or licence's price
_add(
    "en ebook formats",
    _page(
        "en",
        "<div class='formats'><a class='format is-selected' href='?f=ebook'>eBook <span>$9.99</span></a>"
        "<a class='format' href='?f=pb'>Paperback <span>$18.99</span></a>"
        "<a class='format' href='?f=hc'>Hardcover <span>$27.00</span></a></div><p class='price'>$9.99</p>"
        "<p>Instant download · EPUB, PDF</p>",
        title="The Long Voyage (eBook)",
        buy="<form action='/cart/add' method='post'><button type='submit'>Buy eBook</button></form>",
    ),
    "en",
    price="9.99",
    availability="InStock",
)
_add(
    "de Software Lizenz",
    _page(
        "de",
        "<div class='licence-options'><label><input type='radio' name='l' checked> 1 PC / 1 Jahr</label>"
        "<label><input type='radio' name='l'> 3 PCs / 1 Jahr (+20,00&nbsp;€)</label></div>"
        "<p class='price'>39,99&nbsp;€</p><p>Sofort-Download – der Lizenzschlüssel kommt per E-Mail</p>",
        title="Antivirus Pro 2027",
    ),
    "de",
    price="39.99",
    availability="InStock",
)
_add(
    "fr ebook téléchargement",
    _page(
        "fr",
        "<p class='price'>12,99&nbsp;€</p><p>Format : EPUB · Téléchargement immédiat</p><p>Version papier : 22,00&nbsp;€"
        "</p>",
        title="Le Long Voyage (ebook)",
    ),
    "fr",
    price="12.99",
    availability="InStock",
)
_add(
    "es descarga digital",
    _page(
        "es",
        "<p class='price'>29,99&nbsp;€</p><p>Descarga digital inmediata · Clave de activación por email</p>",
        title="Juego de estrategia (descarga)",
    ),
    "es",
    price="29.99",
    availability="InStock",
)
_add(
    "ja 電子書籍",
    _page(
        "ja",
        "<p>紙の本 ¥1,980</p><p class='price'>電子書籍 ¥1,584</p>",
        title="長い航海（電子書籍）",
        buy="<form action='/cart/add'><button type='submit'>今すぐ購入</button></form>",
    ),
    "ja",
    price="1584",
)
_add(
    "en seats volume licence",
    _page(
        "en",
        "<p class='price'>$49.00 <span>per seat / year</span></p><ul class='volume'><li>5–9 seats: $45.00 per seat</li>"
        "<li>10+ seats: $39.00 per seat</li></ul>",
        title="Team Notes Business",
        buy="<form action='/cart/add'><button type='submit'>Buy licences</button></form>",
    ),
    "en",
    price="49.00",
)

# --- partial structured data (no offers): its sku stays, the page gives the price
_add(
    "partial ld tiers",
    _page(
        "de",
        _tiers(("Menge", "Stückpreis"), [("ab 10", "13,39&nbsp;€"), ("ab 50", "11,90&nbsp;€")])
        + "<p class='price'>14,88&nbsp;€</p>",
        ld=_ld("Cordless Drill Driver 18V", "BSD-18-2"),
    ),
    "de",
    price="14.88",
    sku="BSD-18-2",
)
_add(
    "partial ld deposit",
    _page(
        "fr",
        "<p>Caution : 300&nbsp;€</p><p class='price'>29&nbsp;€ / jour</p>",
        title="Perforateur SDS-max en location",
        ld=_ld("Perforateur SDS-max en location", "LOC-SDS-1"),
        buy="<button type='submit'>Louer</button>",
    ),
    "fr",
    price="29",
    sku="LOC-SDS-1",
)


# left as they are: "Reservar ahora" is as often a booking's button as a pre-order's (the pre-order words keep it out),
# and "Buy eBook" is a buy label of a noun the buy words do not hold ("Buy now", "Buy it now" only)
_LEFT = {"es reserva", "en ebook formats"}


@pytest.mark.parametrize(
    "name", [pytest.param(n, marks=pytest.mark.xfail(strict=True)) if n in _LEFT else n for n in PROBES]
)
def test_commerce_page_kinds(xkey, name):
    html, url, expected = PROBES[name]
    data, _ = product_through_api(xkey, html, url)
    assert {k: data.get(k) for k in expected} == expected


@pytest.mark.parametrize(
    ("block", "expected"),
    [
        # other_sellers_offer: the only amount after "other sellers" wording is still the page's price
        ("<p>Weitere Angebote ab 29,49&nbsp;€</p>", {"price": "29.49"}),
        # auction_starting_bid: a starting bid with no bid yet is the price
        ("<p>Startpreis: 1,00&nbsp;€</p><p>Noch keine Gebote</p>", {"price": "1.00"}),
        # quantity_tier_offer: a table of pack sizes whose first row is one piece keeps that row's price
        (
            "<table><tr><td>1 Stück</td><td>4,99&nbsp;€</td></tr><tr><td>10 Stück</td><td>44,90&nbsp;€</td></tr></table>",
            {"price": "4.99"},
        ),
        # rental_rate_price: a monthly amount is still no price beside the price asked
        ("<p>49,00&nbsp;€</p><p>oder 4,99&nbsp;€ / Monat</p>", {"price": "49.00"}),
        # sold_badge_languages: "Verkauft von" (sold by) and a count sold are no sold badge
        ("<p>49,00&nbsp;€</p><p>Verkauft von Werkzeug GmbH</p><p>1.204 verkauft</p>", {"availability": "InStock"}),
        # sold_badge_languages: a count's label beside its number ("<span>1.204</span> verkauft") is no badge
        ("<p>49,00&nbsp;€</p><div class='sold-count'><span>1.204</span> verkauft</div>", {"availability": "InStock"}),
        # pickup_row_state: a pickup row alone beside an enabled buy button does not make the item unavailable
        ("<p>49,00&nbsp;€</p><p>Abholung im Markt: Nicht verfügbar</p>", {"availability": "InStock"}),
        # made_to_order_lead: a lead time alone is no back-order
        ("<p>49,00&nbsp;€</p><p>Lieferzeit 2–3 Wochen</p>", {"availability": "InStock"}),
    ],
)
def test_commerce_kinds_near_misses(xkey, block, expected):
    data, _ = product_through_api(xkey, _page("de", block), _URLS["de"])
    assert {k: data.get(k) for k in expected} == expected


def test_a_daily_rate_on_a_page_that_rents_nothing_is_no_price(xkey):
    """rental_rate_price: "$1.37/day" above a phone's price is a financing line, not a rental's rate."""
    block = "<p>$1.37/day for 24 months</p><p>$799.00</p>"
    data, _ = product_through_api(xkey, _page("en", block, title="Smartphone X 128 GB"), _URLS["en"])
    assert data.get("price") == "799.00"
